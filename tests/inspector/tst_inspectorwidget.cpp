// SPDX-License-Identifier: GPL-3.0-or-later
#include "InspectorWidget.h"

#include "ComponentForms.h"
#include "Document.h"
#include "DocumentController.h"
#include "NumberField.h"
#include "ProblemsPanel.h"
#include "ScenarioIo.h"
#include "StepListEditor.h"
#include "TestSupport.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <memory>

class tst_InspectorWidget : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void editingReplicasIsOneUndoStep();
    void typingInOneFieldIsOneUndoStep();
    void formRefreshesOnUndo();
    void invalidValueTurnsFieldRed();
    void negativeRateTurnsFieldRed();
    void focusPathFocusesTheField();
    void focusPathIntoAStep();
    void renameRefusesDuplicates();
    void renameFollowsTheDocument();
    void removedComponentClears();
    void everyKindHasAForm();
    void stepEditsGoThroughTheController();
    void screenshots();

private:
    Ui::NumberField *number(const QString &path) const
    {
        return qobject_cast<Ui::NumberField *>(m_inspector->fieldForPath(path));
    }
    std::unique_ptr<Model::Document> m_document;
    std::unique_ptr<Ui::DocumentController> m_controller;
    std::unique_ptr<Ui::InspectorWidget> m_inspector;
};

void tst_InspectorWidget::init()
{
    const Model::ScenarioLoad load = Model::loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json")));
    QVERIFY(load.scenario);
    m_document = std::make_unique<Model::Document>();
    m_document->setScenario(*load.scenario);
    m_controller = std::make_unique<Ui::DocumentController>(m_document.get());
    m_inspector = std::make_unique<Ui::InspectorWidget>(m_controller.get());
    m_inspector->resize(440, 900);
    m_inspector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
    m_inspector->activateWindow();
    QApplication::setActiveWindow(m_inspector.get());
}

void tst_InspectorWidget::cleanup()
{
    m_inspector.reset();
    m_controller.reset();
    m_document.reset();
}

void tst_InspectorWidget::editingReplicasIsOneUndoStep()
{
    m_inspector->showComponent(QStringLiteral("cart"));
    QCOMPARE(m_inspector->page(), Ui::InspectorWidget::Page::Component);
    const int index = m_document->scenario().indexOf(QStringLiteral("cart"));
    Ui::NumberField *replicas = number(QStringLiteral("$.components[%1].replicas").arg(index));
    QVERIFY(replicas);
    QCOMPARE(replicas->value(), 2.0);
    replicas->setValue(5);
    QCOMPARE(m_document->component(QStringLiteral("cart"))->service.replicas, std::optional<int>(5));
    QCOMPARE(m_controller->undoStack()->count(), 1);
    m_controller->undoStack()->undo();
    QCOMPARE(m_document->component(QStringLiteral("cart"))->service.replicas, std::optional<int>(2));
}

void tst_InspectorWidget::typingInOneFieldIsOneUndoStep()
{
    m_inspector->showComponent(QStringLiteral("cart"));
    const int index = m_document->scenario().indexOf(QStringLiteral("cart"));
    Ui::NumberField *threads = number(QStringLiteral("$.components[%1].concurrency.threads").arg(index));
    QVERIFY(threads);
    threads->setFocus();
    threads->selectAll();
    QTest::keyClicks(threads, QStringLiteral("48"));
    QTest::keyClick(threads, Qt::Key_Backspace);
    QTest::keyClicks(threads, QStringLiteral("24"));
    QCOMPARE(m_document->component(QStringLiteral("cart"))->service.concurrency->threads, std::optional<int>(424));
    QCOMPARE(m_controller->undoStack()->count(), 1);
    // the caret stayed where the typing left it: the document's echo did not rewrite the text
    QCOMPARE(threads->text(), QStringLiteral("424"));
    m_controller->undoStack()->undo();
    QCOMPARE(m_document->component(QStringLiteral("cart"))->service.concurrency->threads, std::optional<int>(16));
    // another field is another step
    Ui::NumberField *queue = number(QStringLiteral("$.components[%1].concurrency.queue_limit").arg(index));
    threads->setValue(20);
    queue->setValue(300);
    QCOMPARE(m_controller->undoStack()->count(), 2);
}

void tst_InspectorWidget::formRefreshesOnUndo()
{
    m_inspector->showComponent(QStringLiteral("orders"));
    const int index = m_document->scenario().indexOf(QStringLiteral("orders"));
    Ui::NumberField *cores = number(QStringLiteral("$.components[%1].cpu_cores").arg(index));
    QVERIFY(cores);
    cores->setValue(3.5);
    QCOMPARE(m_document->component(QStringLiteral("orders"))->service.cpuCores, std::optional<double>(3.5));
    m_controller->undoStack()->undo();
    QCOMPARE(cores->value(), 1.0);
    m_controller->undoStack()->redo();
    QCOMPARE(cores->value(), 3.5);
    // an edit made elsewhere (the canvas, a script) shows too
    Model::Component c = *m_document->component(QStringLiteral("orders"));
    c.service.balancing = QStringLiteral("power_of_two");
    m_controller->setComponent(c);
    auto *balancing = qobject_cast<QComboBox *>(
        m_inspector->fieldForPath(QStringLiteral("$.components[%1].balancing").arg(index)));
    QVERIFY(balancing);
    QCOMPARE(balancing->currentData().toString(), QStringLiteral("power_of_two"));
    // simulation settings too
    m_inspector->showSimulation();
    Model::SimulationSettings s = m_document->scenario().simulation;
    s.seed = 99;
    m_controller->setSimulation(s);
    QCOMPARE(number(QStringLiteral("$.simulation.seed"))->value(), 99.0);
    m_controller->undoStack()->undo();
    QCOMPARE(number(QStringLiteral("$.simulation.seed"))->value(), 7.0);
}

void tst_InspectorWidget::invalidValueTurnsFieldRed()
{
    Ui::ProblemsPanel panel(m_document.get());
    m_inspector->showSimulation();
    Ui::NumberField *warmup = number(QStringLiteral("$.simulation.warmup_s"));
    QVERIFY(warmup);
    QCOMPARE(warmup->property("archsimProblem").toString(), QString());
    warmup->setValue(400); // duration is 300
    QCOMPARE(warmup->property("archsimProblem").toString(), QStringLiteral("error"));
    QVERIFY2(warmup->toolTip().contains(QStringLiteral("must be shorter than duration_s")),
             qPrintable(warmup->toolTip()));
    bool listed = false;
    for (const Model::Problem &p : panel.model()->problems())
        listed = listed || (p.path == QStringLiteral("$.simulation.warmup_s") && p.isError());
    QVERIFY(listed);
    // fixed: the frame goes away
    warmup->setValue(10);
    QCOMPARE(warmup->property("archsimProblem").toString(), QString());
}

void tst_InspectorWidget::negativeRateTurnsFieldRed()
{
    m_inspector->showWorkload();
    Ui::NumberField *rate = number(QStringLiteral("$.workload.arrivals.rate_per_s"));
    QVERIFY(rate);
    rate->setValue(-5);
    QCOMPARE(m_document->scenario().workload.arrivals.ratePerS, std::optional<double>(-5));
    QCOMPARE(rate->property("archsimProblem").toString(), QStringLiteral("error"));
    QVERIFY2(rate->toolTip().contains(QStringLiteral("the rate must be greater than 0")), qPrintable(rate->toolTip()));
    rate->setValue(0);
    QCOMPARE(rate->property("archsimProblem").toString(), QStringLiteral("error"));
}

void tst_InspectorWidget::focusPathFocusesTheField()
{
    const int index = m_document->scenario().indexOf(QStringLiteral("cart"));
    const QString path = QStringLiteral("$.components[%1].concurrency.queue_limit").arg(index);
    QVERIFY(m_inspector->focusPath(path));
    QCOMPARE(m_inspector->page(), Ui::InspectorWidget::Page::Component);
    QCOMPARE(m_inspector->componentId(), QStringLiteral("cart"));
    QWidget *field = m_inspector->fieldForPath(path);
    QVERIFY(field);
    QTRY_VERIFY(field->hasFocus());
    QCOMPARE(field->property("archsimFocus").toBool(), true);

    QVERIFY(m_inspector->focusPath(QStringLiteral("$.simulation.bucket_s")));
    QCOMPARE(m_inspector->page(), Ui::InspectorWidget::Page::Simulation);
    QTRY_VERIFY(m_inspector->fieldForPath(QStringLiteral("$.simulation.bucket_s"))->hasFocus());

    QVERIFY(m_inspector->focusPath(QStringLiteral("$.workload.requests[1].weight")));
    QCOMPARE(m_inspector->page(), Ui::InspectorWidget::Page::Workload);
    QWidget *weight = m_inspector->fieldForPath(QStringLiteral("$.workload.requests[1].weight"));
    QVERIFY(weight);
    QTRY_VERIFY(weight->hasFocus());
    QCOMPARE(qobject_cast<Ui::NumberField *>(weight)->value(), 0.2);

    QVERIFY(m_inspector->focusPath(QStringLiteral("$.components[0].id")));
    QTRY_VERIFY(m_inspector->idField()->hasFocus());
    QCOMPARE(m_inspector->idField()->text(), QStringLiteral("gw"));
}

void tst_InspectorWidget::focusPathIntoAStep()
{
    const int index = m_document->scenario().indexOf(QStringLiteral("cart"));
    const QString path = QStringLiteral("$.components[%1].handlers.cart[1].timeout_ms").arg(index);
    QVERIFY(m_inspector->focusPath(path));
    auto *timeout = qobject_cast<Ui::NumberField *>(QApplication::focusWidget()
                                                        ? QApplication::focusWidget()->parentWidget()
                                                        : nullptr);
    if (!timeout)
        timeout = qobject_cast<Ui::NumberField *>(QApplication::focusWidget());
    QVERIFY(timeout);
    QCOMPARE(timeout->value(), 300.0);
    const auto editors = m_inspector->findChildren<Ui::StepListEditor *>();
    bool selected = false;
    for (Ui::StepListEditor *e : editors)
        selected = selected || (e->isVisibleTo(m_inspector.get()) && e->selectedAddress() == Ui::StepAddress{1});
    QVERIFY(selected);
}

void tst_InspectorWidget::renameRefusesDuplicates()
{
    m_inspector->showComponent(QStringLiteral("cart"));
    QLineEdit *id = m_inspector->idField();
    id->setFocus();
    id->selectAll();
    QTest::keyClicks(id, QStringLiteral("orders"));
    QCOMPARE(id->property("archsimProblem").toString(), QStringLiteral("error"));
    QVERIFY(id->toolTip().contains(QStringLiteral("already the id")));
    QTest::keyClick(id, Qt::Key_Return);
    QVERIFY(m_document->component(QStringLiteral("cart")));
    QCOMPARE(m_controller->undoStack()->count(), 0);
    id->selectAll();
    QTest::keyClicks(id, QStringLiteral("basket"));
    QCOMPARE(id->property("archsimProblem").toString(), QString());
    QTest::keyClick(id, Qt::Key_Return);
    QVERIFY(m_document->component(QStringLiteral("basket")));
    QCOMPARE(m_inspector->componentId(), QStringLiteral("basket"));
    QCOMPARE(m_controller->undoStack()->count(), 1);
}

void tst_InspectorWidget::renameFollowsTheDocument()
{
    m_inspector->showComponent(QStringLiteral("cart"));
    m_controller->renameComponent(QStringLiteral("cart"), QStringLiteral("basket"));
    QCOMPARE(m_inspector->componentId(), QStringLiteral("basket"));
    QCOMPARE(m_inspector->idField()->text(), QStringLiteral("basket"));
    m_controller->undoStack()->undo();
    QCOMPARE(m_inspector->componentId(), QStringLiteral("cart"));
    QCOMPARE(m_inspector->idField()->text(), QStringLiteral("cart"));
}

void tst_InspectorWidget::removedComponentClears()
{
    m_inspector->showComponent(QStringLiteral("mailer"));
    m_controller->removeComponents({QStringLiteral("mailer")});
    QCOMPARE(m_inspector->page(), Ui::InspectorWidget::Page::None);
    QVERIFY(m_inspector->componentId().isEmpty());
}

void tst_InspectorWidget::everyKindHasAForm()
{
    // each component of the example shows, and its first field edits through the controller
    for (const Model::Component &c : m_document->scenario().components) {
        m_inspector->showComponent(c.id);
        QCOMPARE(m_inspector->componentId(), c.id);
        QVERIFY(!m_inspector->grab().isNull());
    }
    m_inspector->showComponent(QStringLiteral("catalog_cache"));
    const int cache = m_document->scenario().indexOf(QStringLiteral("catalog_cache"));
    Ui::NumberField *capacity = number(QStringLiteral("$.components[%1].capacity_keys").arg(cache));
    QVERIFY(capacity);
    QCOMPARE(capacity->value(), 5000.0);
    capacity->setValue(0);
    QCOMPARE(capacity->property("archsimProblem").toString(), QStringLiteral("error"));

    m_inspector->showComponent(QStringLiteral("order_events"));
    const int queue = m_document->scenario().indexOf(QStringLiteral("order_events"));
    Ui::NumberField *prefetch = number(QStringLiteral("$.components[%1].consumers[0].prefetch").arg(queue));
    QVERIFY(prefetch);
    prefetch->setValue(20);
    QCOMPARE(m_document->component(QStringLiteral("order_events"))->queue.consumers.at(0).prefetch,
             std::optional<int>(20));

    m_inspector->showComponent(QStringLiteral("gw"));
    auto *weight = number(QStringLiteral("$.components[0].routes.cart[0].weight"));
    QVERIFY(weight);
    weight->setValue(2);
    QCOMPARE(m_document->component(QStringLiteral("gw"))->gateway.routes.at(1).targets.at(0).weight,
             std::optional<double>(2));
}

void tst_InspectorWidget::stepEditsGoThroughTheController()
{
    m_inspector->showComponent(QStringLiteral("mailer"));
    const auto editors = m_inspector->findChildren<Ui::StepListEditor *>();
    Ui::StepListEditor *steps = nullptr;
    for (Ui::StepListEditor *e : editors) {
        if (e->isVisibleTo(m_inspector.get()))
            steps = e;
    }
    QVERIFY(steps);
    QCOMPARE(steps->tree()->topLevelItemCount(), 2);
    steps->selectStep({1});
    steps->addStep(Model::Step::Kind::Cpu);
    const Model::Handler *h = m_document->component(QStringLiteral("mailer"))->handler(QStringLiteral("order_placed"));
    QVERIFY(h);
    QCOMPARE(h->steps.size(), size_t(3));
    m_controller->undoStack()->undo();
    h = m_document->component(QStringLiteral("mailer"))->handler(QStringLiteral("order_placed"));
    QCOMPARE(h->steps.size(), size_t(2));
    QCOMPARE(steps->tree()->topLevelItemCount(), 2);
}

void tst_InspectorWidget::screenshots()
{
    const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
    m_inspector->resize(460, 1500);
    m_inspector->showComponent(QStringLiteral("catalog"));
    const auto editors = m_inspector->findChildren<Ui::StepListEditor *>();
    Ui::StepListEditor *steps = nullptr;
    for (Ui::StepListEditor *e : editors) {
        if (e->isVisibleTo(m_inspector.get()))
            steps = e;
    }
    QVERIFY(steps);
    steps->selectStep({1});
    QTest::qWait(50);
    const QPixmap service = m_inspector->grab();
    QVERIFY(!service.isNull());
    const QPixmap stepEditor = steps->grab();
    m_inspector->resize(460, 700);
    m_inspector->showWorkload();
    QTest::qWait(50);
    const QPixmap workload = m_inspector->grab();
    if (dir.isEmpty())
        QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshots");
    QVERIFY(service.save(QDir(dir).filePath(QStringLiteral("inspector-service.png"))));
    QVERIFY(stepEditor.save(QDir(dir).filePath(QStringLiteral("inspector-steps.png"))));
    QVERIFY(workload.save(QDir(dir).filePath(QStringLiteral("inspector-workload.png"))));
}

QTEST_MAIN(tst_InspectorWidget)
#include "tst_inspectorwidget.moc"
