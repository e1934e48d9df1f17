// SPDX-License-Identifier: GPL-3.0-or-later
#include "InspectorWidget.h"

#include "ComponentForms.h"
#include "DistributionEditor.h"
#include "Document.h"
#include "DocumentController.h"
#include "NumberField.h"
#include "ProblemsPanel.h"
#include "Relations.h"
#include "RowList.h"
#include "ScenarioIo.h"
#include "StepListEditor.h"
#include "TestSupport.h"
#include "format/Schema.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollBar>
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
    void scenarioNetworkIsEditedWithUndo();
    void invalidValueTurnsFieldRed();
    void outOfRangeRateTurnsFieldRed();
    void focusPathFocusesTheField();
    void focusPathIntoAStep();
    void renameRefusesDuplicates();
    void renameFollowsTheDocument();
    void sloIsCheckedAndOneUndoStep();
    void removedComponentClears();
    void everyKindHasAForm();
    void formsFollowTheSchema();
    void stepEditsGoThroughTheController();
    void modulesAreEditedInTheServiceForm();
    void linkOpensTheStepThatMakesIt();
    void startRenameSelectsTheId();
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
    QCOMPARE(m_document->component(QStringLiteral("cart"))->service.replicas,
             std::optional<int>(5));
    QCOMPARE(m_controller->undoStack()->count(), 1);
    m_controller->undoStack()->undo();
    QCOMPARE(m_document->component(QStringLiteral("cart"))->service.replicas,
             std::optional<int>(2));
}

void tst_InspectorWidget::typingInOneFieldIsOneUndoStep()
{
    m_inspector->showComponent(QStringLiteral("cart"));
    const int index = m_document->scenario().indexOf(QStringLiteral("cart"));
    Ui::NumberField *threads = number(
        QStringLiteral("$.components[%1].concurrency.threads").arg(index));
    QVERIFY(threads);
    threads->setFocus();
    threads->selectAll();
    QTest::keyClicks(threads, QStringLiteral("48"));
    QTest::keyClick(threads, Qt::Key_Backspace);
    QTest::keyClicks(threads, QStringLiteral("24"));
    QCOMPARE(m_document->component(QStringLiteral("cart"))->service.concurrency->threads,
             std::optional<int>(424));
    QCOMPARE(m_controller->undoStack()->count(), 1);
    // the caret stayed where the typing left it: the document's echo did not rewrite the text
    QCOMPARE(threads->text(), QStringLiteral("424"));
    m_controller->undoStack()->undo();
    QCOMPARE(m_document->component(QStringLiteral("cart"))->service.concurrency->threads,
             std::optional<int>(16));
    // another field is another step
    Ui::NumberField *queue = number(
        QStringLiteral("$.components[%1].concurrency.queue_limit").arg(index));
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
    QCOMPARE(m_document->component(QStringLiteral("orders"))->service.cpuCores,
             std::optional<double>(3.5));
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

void tst_InspectorWidget::scenarioNetworkIsEditedWithUndo()
{
    QVERIFY(!m_document->scenario().network);
    m_inspector->showSimulation();
    auto *box = qobject_cast<QGroupBox *>(m_inspector->fieldForPath(QStringLiteral("$.network")));
    QVERIFY(box);
    QCOMPARE(box->objectName(), QStringLiteral("scenarioNetwork"));
    QVERIFY(!box->isChecked());
    box->setChecked(true); // one undo step: a network with the defaults
    QVERIFY(m_document->scenario().network.has_value());
    QCOMPARE(m_document->scenario().network->bandwidthMbps, std::nullopt);
    QCOMPARE(m_controller->undoStack()->count(), 1);
    Ui::NumberField *bandwidth = number(QStringLiteral("$.network.bandwidth_mbps"));
    QVERIFY(bandwidth);
    bandwidth->setValue(100);
    QCOMPARE(m_document->scenario().network->bandwidthMbps, std::optional<double>(100));
    QCOMPARE(m_controller->undoStack()->count(), 2);
    // a bandwidth of 0 is refused by the validator, and the field says so (a new undo
    // step: edits of one field merge until the field is left)
    m_controller->closeMerge();
    bandwidth->setValue(0);
    QCOMPARE(bandwidth->property("archsimProblem").toString(), QStringLiteral("error"));
    QVERIFY2(bandwidth->toolTip().contains(QStringLiteral("greater than 0 Mbit/s")),
             qPrintable(bandwidth->toolTip()));
    // a problem's path opens this page at the field
    m_inspector->showWorkload();
    QVERIFY(m_inspector->focusPath(QStringLiteral("$.network.bandwidth_mbps")));
    QCOMPARE(m_inspector->page(), Ui::InspectorWidget::Page::Simulation);
    QTRY_VERIFY(m_inspector->fieldForPath(QStringLiteral("$.network.bandwidth_mbps"))->hasFocus());
    // undo goes back step by step, and the form follows
    m_controller->undoStack()->undo();
    QCOMPARE(m_document->scenario().network->bandwidthMbps, std::optional<double>(100));
    QCOMPARE(number(QStringLiteral("$.network.bandwidth_mbps"))->value(), 100.0);
    m_controller->undoStack()->undo();
    m_controller->undoStack()->undo();
    QVERIFY(!m_document->scenario().network);
    QVERIFY(!box->isChecked());
    // the simulation's own fields still edit "$.simulation"
    number(QStringLiteral("$.simulation.seed"))->setValue(11);
    QCOMPARE(m_document->scenario().simulation.seed, quint64(11));
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

void tst_InspectorWidget::outOfRangeRateTurnsFieldRed()
{
    m_inspector->showWorkload();
    Ui::NumberField *rate = number(QStringLiteral("$.workload.arrivals.rate_per_s"));
    QVERIFY(rate);
    // the field goes down to the format's bound (0), which the format excludes: the
    // validator, not the widget, says so
    rate->setValue(0);
    QCOMPARE(m_document->scenario().workload.arrivals.ratePerS, std::optional<double>(0));
    QCOMPARE(rate->property("archsimProblem").toString(), QStringLiteral("error"));
    QVERIFY2(rate->toolTip().contains(QStringLiteral("the rate must be greater than 0")),
             qPrintable(rate->toolTip()));
    // below it is the "left out" value, which this arrival kind needs
    rate->setValue(-5);
    QCOMPARE(m_document->scenario().workload.arrivals.ratePerS, std::nullopt);
    QCOMPARE(rate->property("archsimProblem").toString(), QStringLiteral("error"));
    QVERIFY2(rate->toolTip().contains(QStringLiteral("missing")), qPrintable(rate->toolTip()));
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
    auto *timeout = qobject_cast<Ui::NumberField *>(
        QApplication::focusWidget() ? QApplication::focusWidget()->parentWidget() : nullptr);
    if (!timeout)
        timeout = qobject_cast<Ui::NumberField *>(QApplication::focusWidget());
    QVERIFY(timeout);
    QCOMPARE(timeout->value(), 300.0);
    const auto editors = m_inspector->findChildren<Ui::StepListEditor *>();
    bool selected = false;
    for (Ui::StepListEditor *e : editors)
        selected = selected
                   || (e->isVisibleTo(m_inspector.get())
                       && e->selectedAddress() == Ui::StepAddress{1});
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

void tst_InspectorWidget::sloIsCheckedAndOneUndoStep()
{
    m_inspector->showScenario();
    QCOMPARE(m_inspector->page(), Ui::InspectorWidget::Page::Scenario);
    auto *slo = m_inspector->findChild<QLineEdit *>(QStringLiteral("sloEdit"));
    auto *message = m_inspector->findChild<QLabel *>(QStringLiteral("sloMessage"));
    QVERIFY(slo && message);
    // the example's own SLO is shown
    const QString before = m_document->scenario().slo;
    QCOMPARE(before, QStringLiteral("p99<200ms,errors<1%"));
    QCOMPARE(slo->text(), before);
    slo->setFocus();
    slo->selectAll();
    // a text that does not parse is refused with the reason under the field, and kept
    QTest::keyClicks(slo, QStringLiteral("p99<150"));
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QStringLiteral("unit")), qPrintable(message->text()));
    QTest::keyClick(slo, Qt::Key_Return);
    QCOMPARE(m_document->scenario().slo, before);
    QCOMPARE(slo->text(), QStringLiteral("p99<150"));
    QCOMPARE(m_controller->undoStack()->count(), 0);
    QTest::keyClicks(slo, QStringLiteral("ms, errors<1%"));
    QVERIFY(!message->isVisible());
    QTest::keyClick(slo, Qt::Key_Return);
    QCOMPARE(m_document->scenario().slo, QStringLiteral("p99<150ms, errors<1%"));
    QCOMPARE(m_controller->undoStack()->count(), 1);
    QVERIFY(!Model::hasErrors(m_document->problems()));
    m_controller->undoStack()->undo();
    QCOMPARE(m_document->scenario().slo, before);
    QCOMPARE(slo->text(), before);
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
    Ui::NumberField *prefetch = number(
        QStringLiteral("$.components[%1].consumers[0].prefetch").arg(queue));
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

namespace {

/** Whether a row is a plain field (not a sub-object or a list, which forms lay out by hand). */
template<typename Owner>
bool isScalar(const Model::Format::Field<Owner> &row)
{
    return std::visit(
        [](auto member) {
            using M = decltype(member);
            if constexpr (std::is_same_v<M, std::monostate>) {
                return false;
            } else {
                using V = std::remove_cvref_t<decltype(std::declval<Owner &>().*member)>;
                return !std::
                           is_same_v<
                               V,
                               std::optional<Model::Concurrency>> && !std::is_same_v<V, std::optional<Model::Autoscaling>> && !std::is_same_v<V, std::optional<Model::HealthCheck>> && !std::is_same_v<V, std::optional<Model::CircuitBreaker>> && !std::is_same_v<V, std::optional<Model::Network>> && !std::is_same_v<V, std::optional<Model::Compression>> && !std::is_same_v<V, std::vector<Model::Step>>;
            }
        },
        row.member);
}

/**
 * Every plain row of `table` has a field registered at "<base>.<key>", whose tooltip is the
 * row's tip and, for a number, whose range is the row's range. Returns the rows checked.
 */
template<typename Owner>
int checkFields(const Ui::ComponentForm &form,
                Model::Format::Table<Owner> table,
                const QString &base)
{
    int checked = 0;
    for (const Model::Format::Field<Owner> &row : table) {
        if (!isScalar(row))
            continue;
        const QString path = base + QLatin1Char('.') + QLatin1String(row.key);
        // the field itself, not the group or list around it
        const QWidget *w = form.fieldFor(path);
        if (!qobject_cast<const Ui::NumberField *>(w) && !qobject_cast<const QComboBox *>(w)
            && !qobject_cast<const QLineEdit *>(w)
            && !qobject_cast<const Ui::DistributionEditor *>(w)) {
            qWarning("no field at %s", qPrintable(path));
            return -1;
        }
        if (w->toolTip() != QString::fromUtf8(row.tip ? row.tip : "")) {
            qWarning("%s: tooltip '%s'", qPrintable(path), qPrintable(w->toolTip()));
            return -1;
        }
        if (const auto *n = qobject_cast<const Ui::NumberField *>(w)) {
            // an optional field has its "left out" value one step below the minimum
            const double min = n->isOptional() ? n->minimum() + n->singleStep() : n->minimum();
            if (qAbs(min - row.range.min) > 1e-9 || n->maximum() != row.range.max) {
                qWarning("%s: range %g..%g, the row's %g..%g",
                         qPrintable(path),
                         min,
                         n->maximum(),
                         row.range.min,
                         row.range.max);
                return -1;
            }
        }
        ++checked;
    }
    return checked;
}

} // namespace

void tst_InspectorWidget::formsFollowTheSchema()
{
    // a row added to a table of the format shows in the form without touching the form
    const Model::Scenario &scenario = m_document->scenario();
    const QString base = QStringLiteral("$.components[0]");
    auto form = [&](Model::Component c) {
        std::unique_ptr<Ui::ComponentForm> f(Ui::ComponentFormRegistry::create(c.kind));
        f->setComponent(c, scenario, base);
        return f;
    };
    Model::Component cart = *m_document->component(QStringLiteral("cart"));
    // the sub-objects' fields show while they are given
    cart.service.autoscaling.emplace();
    cart.service.healthCheck.emplace();
    cart.service.compression.emplace();
    auto service = form(cart);
    const int serviceRows = checkFields(*service, Model::Format::serviceFields(), base);
    QVERIFY(serviceRows >= 10);
    QVERIFY(checkFields(*service,
                        Model::Format::concurrencyFields(),
                        base + QStringLiteral(".concurrency"))
            == 5);
    QVERIFY(checkFields(*service,
                        Model::Format::autoscalingFields(),
                        base + QStringLiteral(".autoscaling"))
            > 0);
    QVERIFY(checkFields(*service,
                        Model::Format::healthCheckFields(),
                        base + QStringLiteral(".health_check"))
            > 0);
    QVERIFY(checkFields(*service,
                        Model::Format::compressionFields(),
                        base + QStringLiteral(".compression"))
            == 2); // ratio, cpu_ms_per_kb

    QVERIFY(checkFields(*form(*m_document->component(QStringLiteral("catalog_cache"))),
                        Model::Format::cacheFields(),
                        base)
            > 0);
    QVERIFY(checkFields(*form(*m_document->component(QStringLiteral("order_events"))),
                        Model::Format::queueFields(),
                        base)
            > 0);
    QVERIFY(checkFields(*form(*m_document->component(QStringLiteral("order_events"))),
                        Model::Format::consumerFields(),
                        base + QStringLiteral(".consumers[0]"))
            == 4); // service, count, prefetch, requeue
    QVERIFY(checkFields(*form(*m_document->component(QStringLiteral("catalog_db"))),
                        Model::Format::databaseFields(),
                        base)
            > 0);
    QVERIFY(checkFields(*form(*m_document->component(QStringLiteral("payments"))),
                        Model::Format::externalFields(),
                        base)
            > 0);
    QVERIFY(checkFields(*form(*m_document->component(QStringLiteral("gw"))),
                        Model::Format::gatewayFields(),
                        base)
            > 0);
    Model::Component lb;
    lb.id = QStringLiteral("lb");
    lb.kind = Model::ComponentKind::LoadBalancer;
    QVERIFY(checkFields(*form(lb), Model::Format::loadBalancerFields(), base) > 0);

    // the replicas' limit is the format's, not a number of the form
    Ui::NumberField *replicas = qobject_cast<Ui::NumberField *>(
        service->fieldFor(base + QStringLiteral(".replicas")));
    QVERIFY(replicas);
    QCOMPARE(replicas->maximum(), Model::Format::serviceFields().front().range.max);
    QCOMPARE(replicas->defaultText(), QStringLiteral("1 (with autoscaling: its min, default)"));
    // too long for the field: it shows the value, the tooltip the whole text
    QCOMPARE(replicas->specialValueText(), QStringLiteral("1 (default)"));
}

void tst_InspectorWidget::modulesAreEditedInTheServiceForm()
{
    m_inspector.reset();
    m_controller.reset();
    const Model::ScenarioLoad load = Model::loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/shop-monolith.json")));
    QVERIFY(load.scenario);
    m_document->setScenario(*load.scenario);
    m_controller = std::make_unique<Ui::DocumentController>(m_document.get());
    m_inspector = std::make_unique<Ui::InspectorWidget>(m_controller.get());
    m_inspector->resize(440, 900);
    m_inspector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));

    const QString id = QStringLiteral("monolith");
    const Model::Service before = m_document->component(id)->service;
    QCOMPARE(before.modules.size(), 3);
    m_inspector->showComponent(id);
    const QString base
        = QStringLiteral("$.components[%1].modules").arg(m_document->scenario().indexOf(id));
    auto *modules = qobject_cast<Ui::RowList *>(m_inspector->fieldForPath(base));
    QVERIFY(modules);
    QCOMPARE(modules->rowCount(), 3);
    // the shown module's fields, with the format's tooltips
    auto *name = qobject_cast<QLineEdit *>(m_inspector->fieldForPath(base + "[1].name"));
    QVERIFY(name);
    QCOMPARE(name->text(), QStringLiteral("cart"));
    QCOMPARE(name->toolTip(), QString::fromUtf8(Model::Format::moduleFields().front().tip));
    auto *tables = qobject_cast<QLineEdit *>(m_inspector->fieldForPath(base + "[1].tables"));
    QVERIFY(tables);
    QCOMPARE(tables->text(), QStringLiteral("carts, products"));
    auto *cartHandlers = qobject_cast<QListWidget *>(
        m_inspector->fieldForPath(base + "[1].handlers"));
    QVERIFY(cartHandlers);
    QCOMPARE(cartHandlers->count(), before.handlers.size());
    QVERIFY(!cartHandlers->horizontalScrollBar()->isVisible());

    // adding a module: one undo step named after the service
    modules->addButton()->click();
    QCOMPARE(m_document->component(id)->service.modules.size(), 4);
    QCOMPARE(m_document->component(id)->service.modules.at(3).name, QStringLiteral("module"));
    QCOMPARE(m_controller->undoStack()->count(), 1);
    QCOMPARE(m_controller->undoStack()->undoText(), QStringLiteral("Edit monolith"));
    QCOMPARE(modules->rowCount(), 4);

    // ticking a handler puts it in the module
    auto *handlers = qobject_cast<QListWidget *>(m_inspector->fieldForPath(base + "[3].handlers"));
    QVERIFY(handlers);
    QListWidgetItem *browse = nullptr;
    for (int i = 0; i < handlers->count(); ++i) {
        if (handlers->item(i)->text() == QLatin1String("browse"))
            browse = handlers->item(i);
    }
    QVERIFY(browse);
    QCOMPARE(browse->checkState(), Qt::Unchecked);
    browse->setCheckState(Qt::Checked);
    QCOMPARE(m_document->component(id)->service.modules.at(3).handlers,
             QStringList{QStringLiteral("browse")});
    QCOMPARE(m_controller->undoStack()->count(), 2);

    // renaming, tables and releases per month
    auto *newName = qobject_cast<QLineEdit *>(m_inspector->fieldForPath(base + "[3].name"));
    QVERIFY(newName);
    newName->setFocus();
    newName->selectAll();
    QTest::keyClicks(newName, QStringLiteral("search"));
    QCOMPARE(m_document->component(id)->service.modules.at(3).name, QStringLiteral("search"));
    auto *newTables = qobject_cast<QLineEdit *>(m_inspector->fieldForPath(base + "[3].tables"));
    QVERIFY(newTables);
    newTables->setFocus();
    QTest::keyClicks(newTables, QStringLiteral("products, "));
    // the typed separator stays while the list already has the table
    QCOMPARE(newTables->text(), QStringLiteral("products, "));
    QTest::keyClicks(newTables, QStringLiteral("search_index"));
    QCOMPARE(m_document->component(id)->service.modules.at(3).tables,
             QStringList({QStringLiteral("products"), QStringLiteral("search_index")}));
    Ui::NumberField *releases = number(base + "[3].releases_per_month");
    QVERIFY(releases);
    releases->setValue(3);
    QCOMPARE(m_document->component(id)->service.modules.at(3).releasesPerMonth,
             std::optional<double>(3));
    QCOMPARE(m_controller->undoStack()->count(), 5);

    // undo restores, step by step: the tick, then the added module
    m_controller->undoStack()->undo();
    m_controller->undoStack()->undo();
    m_controller->undoStack()->undo();
    QCOMPARE(m_document->component(id)->service.modules.at(3).handlers,
             QStringList{QStringLiteral("browse")});
    m_controller->undoStack()->undo();
    QVERIFY(m_document->component(id)->service.modules.at(3).handlers.isEmpty());
    QCOMPARE(browse->checkState(), Qt::Unchecked); // the form follows the undo
    m_controller->undoStack()->undo();
    QCOMPARE(m_document->component(id)->service, before);
    QCOMPARE(modules->rowCount(), 3);

    // unticking takes a handler out; removing a module is one step too
    cartHandlers = qobject_cast<QListWidget *>(m_inspector->fieldForPath(base + "[1].handlers"));
    QVERIFY(cartHandlers);
    for (int i = 0; i < cartHandlers->count(); ++i) {
        if (cartHandlers->item(i)->checkState() == Qt::Checked)
            cartHandlers->item(i)->setCheckState(Qt::Unchecked);
    }
    QVERIFY(m_document->component(id)->service.modules.at(1).handlers.isEmpty());
    emit modules->removeClicked(0);
    QCOMPARE(m_document->component(id)->service.modules.size(), 2);
    QCOMPARE(m_document->component(id)->service.modules.at(0).name, QStringLiteral("cart"));
    m_controller->undoStack()->undo();
    m_controller->undoStack()->undo();
    QCOMPARE(m_document->component(id)->service, before);
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
    const Model::Handler *h
        = m_document->component(QStringLiteral("mailer"))->handler(QStringLiteral("order_placed"));
    QVERIFY(h);
    QCOMPARE(h->steps.size(), size_t(3));
    m_controller->undoStack()->undo();
    h = m_document->component(QStringLiteral("mailer"))->handler(QStringLiteral("order_placed"));
    QCOMPARE(h->steps.size(), size_t(2));
    QCOMPARE(steps->tree()->topLevelItemCount(), 2);
}

void tst_InspectorWidget::linkOpensTheStepThatMakesIt()
{
    using Kind = Ui::Relation::Kind;
    auto shownSteps = [this]() -> Ui::StepListEditor * {
        for (Ui::StepListEditor *e : m_inspector->findChildren<Ui::StepListEditor *>()) {
            if (e->isVisibleTo(m_inspector.get()) && !e->selectedAddress().isEmpty())
                return e;
        }
        return nullptr;
    };
    auto *outside = new QLineEdit; // the canvas, say: it keeps the focus
    outside->show();
    outside->setFocus();
    QVERIFY(QTest::qWaitForWindowExposed(outside));
    outside->activateWindow();
    outside->setFocus();

    // a call nested in a cache step's on_miss: the call is selected, not the cache step
    QVERIFY(m_inspector->showRelation({Kind::Call, "catalog", "catalog_db", {}}));
    QCOMPARE(m_inspector->componentId(), QStringLiteral("catalog"));
    Ui::StepListEditor *steps = shownSteps();
    QVERIFY(steps);
    QCOMPARE(steps->selectedAddress(), (Ui::StepAddress{1, 0}));
    QCOMPARE(steps->steps()[1].steps[0].target, QStringLiteral("catalog_db"));
    QVERIFY(!m_inspector->isAncestorOf(QApplication::focusWidget()));

    // the cache lookup itself
    QVERIFY(m_inspector->showRelation({Kind::Cache, "catalog", "catalog_cache", {}}));
    QCOMPARE(shownSteps()->selectedAddress(), (Ui::StepAddress{1}));
    // a publish, fourth step of orders' checkout
    QVERIFY(m_inspector->showRelation({Kind::Publish, "orders", "order_events", {}}));
    QCOMPARE(m_inspector->componentId(), QStringLiteral("orders"));
    QCOMPARE(shownSteps()->selectedAddress(), (Ui::StepAddress{3}));
    QVERIFY(m_inspector->showRelation({Kind::Call, "orders", "payments", {}}));
    QCOMPARE(shownSteps()->selectedAddress(), (Ui::StepAddress{2}));
    // a route of the gateway: its form, with the route's target row
    QVERIFY(m_inspector->showRelation({Kind::Route, "gw", "cart", {}}));
    QCOMPARE(m_inspector->componentId(), QStringLiteral("gw"));
    QVERIFY(m_inspector->fieldForPath(QStringLiteral("$.components[0].routes.cart[0]")));
    // a consumer and a pool
    QVERIFY(m_inspector->showRelation({Kind::Consumer, "order_events", "mailer", {}}));
    QCOMPARE(m_inspector->componentId(), QStringLiteral("order_events"));
    QVERIFY(m_inspector->showRelation({Kind::Pool, "catalog", "catalog_db", {}}));
    QCOMPARE(m_inspector->componentId(), QStringLiteral("catalog"));
    QVERIFY(!m_inspector->isAncestorOf(QApplication::focusWidget()));
    // a relation that is no longer there shows its source's form
    QVERIFY(!m_inspector->showRelation({Kind::Call, "cart", "orders", {}}));
    QCOMPARE(m_inspector->componentId(), QStringLiteral("cart"));
    delete outside;
}

void tst_InspectorWidget::startRenameSelectsTheId()
{
    m_inspector->showWorkload();
    QVERIFY(!m_inspector->startRename());
    m_inspector->showComponent(QStringLiteral("catalog"));
    QVERIFY(m_inspector->startRename());
    QVERIFY(m_inspector->idField()->hasFocus());
    QCOMPARE(m_inspector->idField()->selectedText(), QStringLiteral("catalog"));
}

void tst_InspectorWidget::screenshots()
{
    // ARCHSIM_SCREENSHOT_DIR=dir writes the inspector's forms there, to look at after a change
    const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
    QList<QPair<QString, QPixmap>> shots;
    auto visibleSteps = [](QWidget *inspector) {
        QList<Ui::StepListEditor *> shown;
        for (Ui::StepListEditor *e : inspector->findChildren<Ui::StepListEditor *>()) {
            if (e->isVisibleTo(inspector))
                shown.append(e);
        }
        return shown;
    };
    m_inspector->resize(460, 1500);
    m_inspector->showComponent(QStringLiteral("catalog"));
    const QList<Ui::StepListEditor *> steps = visibleSteps(m_inspector.get());
    QVERIFY(!steps.isEmpty());
    steps.last()->selectStep({1});
    QTest::qWait(50);
    shots.append({QStringLiteral("inspector-service.png"), m_inspector->grab()});
    shots.append({QStringLiteral("inspector-steps.png"), steps.last()->grab()});
    steps.last()->selectStep({0});
    QTest::qWait(50);
    shots.append({QStringLiteral("inspector-step-cpu.png"), steps.last()->grab()});
    m_inspector->resize(460, 700);
    m_inspector->showWorkload();
    QTest::qWait(50);
    shots.append({QStringLiteral("inspector-workload.png"), m_inspector->grab()});
    m_inspector->showSimulation();
    QTest::qWait(50);
    shots.append({QStringLiteral("inspector-simulation.png"), m_inspector->grab()});
    m_inspector->showFaults();
    QTest::qWait(50);
    shots.append({QStringLiteral("inspector-faults.png"), m_inspector->grab()});
    // the external system last: its lognormal latency makes the inspector wider than 460
    // from then on
    m_inspector->resize(460, 900);
    for (const QString &id : {QStringLiteral("catalog_cache"),
                              QStringLiteral("order_events"),
                              QStringLiteral("gw"),
                              QStringLiteral("catalog_db"),
                              QStringLiteral("payments")}) {
        m_inspector->showComponent(id);
        QTest::qWait(50);
        shots.append({QStringLiteral("inspector-%1.png").arg(id), m_inspector->grab()});
    }

    // a call with back-off, budget and circuit breaker, in an inspector of its own
    const Model::ScenarioLoad load = Model::loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/retry-storm-breaker.json")));
    QVERIFY(load.scenario);
    Model::Document document;
    document.setScenario(*load.scenario);
    Ui::DocumentController controller(&document);
    Ui::InspectorWidget inspector(&controller);
    inspector.resize(460, 1700);
    inspector.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    inspector.showComponent(QStringLiteral("api"));
    const QList<Ui::StepListEditor *> handlers = visibleSteps(&inspector);
    QCOMPARE(handlers.size(), 2);
    handlers.last()->selectStep({2});
    QTest::qWait(50);
    shots.append({QStringLiteral("inspector-call-breaker.png"), handlers.last()->grab()});
    shots.append({QStringLiteral("inspector-service-api.png"), inspector.grab()});
    inspector.resize(460, 700);
    inspector.showFaults();
    QTest::qWait(50);
    shots.append({QStringLiteral("inspector-faults-latency.png"), inspector.grab()});

    // spike arrivals and an autoscaled service with a health check
    const Model::ScenarioLoad spike = Model::loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/autoscaling-spike.json")));
    QVERIFY(spike.scenario);
    document.setScenario(*spike.scenario);
    inspector.showWorkload();
    QTest::qWait(50);
    shots.append({QStringLiteral("inspector-workload-spike.png"), inspector.grab()});
    inspector.resize(460, 1600);
    inspector.showComponent(QStringLiteral("api"));
    QTest::qWait(50);
    shots.append({QStringLiteral("inspector-service-autoscaling.png"), inspector.grab()});
    inspector.resize(460, 700);
    inspector.showComponent(QStringLiteral("edge"));
    QTest::qWait(50);
    shots.append({QStringLiteral("inspector-load-balancer.png"), inspector.grab()});
    for (const auto &[name, pixmap] : shots)
        QVERIFY2(!pixmap.isNull(), qPrintable(name));
    if (dir.isEmpty())
        QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshots");
    for (const auto &[name, pixmap] : shots)
        QVERIFY(pixmap.save(QDir(dir).filePath(name)));
}

QTEST_MAIN(tst_InspectorWidget)
#include "tst_inspectorwidget.moc"
