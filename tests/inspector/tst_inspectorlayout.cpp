// SPDX-License-Identifier: GPL-3.0-or-later
// The inspector in the main window at the default size (1440×900) and at 1280×800: every
// form fits the dock's width, shows its values in full and never scrolls sideways.
#include "InspectorWidget.h"

#include "Document.h"
#include "DocumentController.h"
#include "ElidingComboBox.h"
#include "MainWindow.h"
#include "NumberField.h"
#include "StepListEditor.h"
#include "TestSupport.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QWheelEvent>

#include <memory>

using Ui::InspectorWidget;

class tst_InspectorLayout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void formsFitTheDock_data();
    void formsFitTheDock();
    void stepDetailsHaveNoGap();
    void wheelAndProblemsNeverScrollSideways();
    void shortFieldsStillReadInFull();
    void screenshots_data();
    void screenshots();
    void modulesScreenshot();

private:
    /** A main window of `size` showing `example` (a file of resources/examples). */
    std::unique_ptr<Ui::MainWindow> window(QSize size, const QString &example);
    /** What does not fit on the shown page of `inspector`, one line each; empty when all fits. */
    static QStringList overflows(InspectorWidget *inspector);
    /** A widget without visible widgets inside: a label, a line edit, a button. */
    static bool isLeaf(const QWidget *w)
    {
        for (const QWidget *child : w->findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
            if (child->isVisibleTo(w))
                return false;
        }
        return true;
    }
    static QScrollArea *scrollArea(InspectorWidget *inspector)
    {
        return inspector->findChild<QScrollArea *>();
    }
    static void settle()
    {
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::processEvents();
            QTest::qWait(20);
        }
    }
    /** Every page of the inspector: each component, the workload, simulation, faults, header. */
    static QList<QPair<QString, std::function<void()>>> pages(InspectorWidget *inspector,
                                                              const Model::Scenario &scenario);
};

void tst_InspectorLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_inspectorlayout"));
    QSettings().clear();
}

std::unique_ptr<Ui::MainWindow> tst_InspectorLayout::window(QSize size, const QString &example)
{
    auto w = std::make_unique<Ui::MainWindow>();
    w->setQuestionHandler([](auto &&...) { return QMessageBox::Discard; });
    w->resize(size);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return nullptr;
    if (!w->openScenarioFile(
            TestSupport::sourcePath(QStringLiteral("resources/examples/") + example)))
        return nullptr;
    settle();
    return w;
}

QList<QPair<QString, std::function<void()>>> tst_InspectorLayout::pages(
    InspectorWidget *inspector, const Model::Scenario &scenario)
{
    QList<QPair<QString, std::function<void()>>> list;
    for (const Model::Component &c : scenario.components)
        list.append({c.id, [inspector, id = c.id] { inspector->showComponent(id); }});
    list.append({QStringLiteral("workload"), [inspector] { inspector->showWorkload(); }});
    list.append({QStringLiteral("simulation"), [inspector] { inspector->showSimulation(); }});
    list.append({QStringLiteral("faults"), [inspector] { inspector->showFaults(); }});
    list.append({QStringLiteral("scenario"), [inspector] { inspector->showScenario(); }});
    return list;
}

QStringList tst_InspectorLayout::overflows(InspectorWidget *inspector)
{
    QStringList out;
    QScrollArea *scroll = scrollArea(inspector);
    QWidget *viewport = scroll->viewport();
    if (scroll->horizontalScrollBar()->maximum() > 0)
        out << QStringLiteral("the inspector scrolls sideways by %1 px")
                   .arg(scroll->horizontalScrollBar()->maximum());
    if (scroll->widget()->minimumSizeHint().width() > viewport->width())
        out << QStringLiteral("the form needs %1 px, the dock gives %2 px")
                   .arg(scroll->widget()->minimumSizeHint().width())
                   .arg(viewport->width());
    const QList<QWidget *> widgets = scroll->widget()->findChildren<QWidget *>();
    auto name = [](const QWidget *w) {
        QString n = QString::fromLatin1(w->metaObject()->className());
        if (!w->toolTip().isEmpty())
            n += QStringLiteral(" (") + w->toolTip().left(40) + QLatin1Char(')');
        return n;
    };
    for (QWidget *w : widgets) {
        if (!w->isVisibleTo(inspector) || w->width() <= 0)
            continue;
        // inside the visible width of the dock
        const QRect r(w->mapTo(viewport, QPoint(0, 0)), w->size());
        if (r.right() > viewport->width() + 1 && !qobject_cast<QScrollBar *>(w))
            out << QStringLiteral("%1 ends at x=%2 beyond the dock's %3 px")
                       .arg(name(w))
                       .arg(r.right())
                       .arg(viewport->width());
        // a number shows its whole text (value and unit, or the default's text)
        if (auto *spin = qobject_cast<QAbstractSpinBox *>(w)) {
            const QLineEdit *edit = spin->findChild<QLineEdit *>();
            const int need = edit->fontMetrics().horizontalAdvance(edit->text());
            const int room = edit->contentsRect().width() - edit->textMargins().left()
                             - edit->textMargins().right() - 4;
            if (need > room)
                out << QStringLiteral("%1 shows \"%2\" in %3 px, needs %4 px")
                           .arg(name(w), edit->text())
                           .arg(room)
                           .arg(need);
        }
        // a combo box shows its text in full or elided (never cut off)
        if (auto *combo = qobject_cast<QComboBox *>(w); combo && !combo->isEditable()) {
            if (!qobject_cast<Ui::ElidingComboBox *>(combo))
                out << QStringLiteral("%1 \"%2\" does not elide")
                           .arg(name(w), combo->currentText());
        }
        if (auto *edit = qobject_cast<QLineEdit *>(w);
            edit && !edit->parent()->inherits("QAbstractSpinBox")) {
            if (edit->width() < edit->fontMetrics().horizontalAdvance(QStringLiteral("request_2")))
                out << QStringLiteral("%1 \"%2\" is only %3 px wide")
                           .arg(name(w), edit->text())
                           .arg(edit->width());
        }
        // no empty frames: a group box shows a row, or it is an unchecked switch whose
        // picture under the title row is blank
        if (auto *box = qobject_cast<QGroupBox *>(w)) {
            bool content = false;
            for (QWidget *child : box->findChildren<QWidget *>()) {
                if (child->isVisibleTo(box) && isLeaf(child)) {
                    content = true;
                    break;
                }
            }
            if (!content) {
                const QImage picture = box->grab().toImage();
                const int below = box->fontMetrics().height() + 2;
                bool blank = true;
                for (int y = below; blank && y < picture.height(); ++y) {
                    for (int x = 0; blank && x < picture.width(); ++x)
                        blank = picture.pixel(x, y) == picture.pixel(0, below);
                }
                if (!blank)
                    out << QStringLiteral("the group \"%1\" is an empty frame %2 px high")
                               .arg(box->title())
                               .arg(box->height());
            }
        }
    }
    return out;
}

void tst_InspectorLayout::formsFitTheDock_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("example");
    for (const QSize size : {QSize(1440, 900), QSize(1280, 800)}) {
        for (const char *example : {"shop-microservices.json",
                                    "retry-storm-breaker.json",
                                    "autoscaling-spike.json",
                                    "event-loop-offload.json",
                                    "shop-monolith.json"}) {
            const QString tag = QStringLiteral("%1x%2 %3")
                                    .arg(size.width())
                                    .arg(size.height())
                                    .arg(QLatin1String(example));
            QTest::newRow(qPrintable(tag)) << size << QString::fromLatin1(example);
        }
    }
}

void tst_InspectorLayout::formsFitTheDock()
{
    QFETCH(QSize, size);
    QFETCH(QString, example);
    const std::unique_ptr<Ui::MainWindow> w = window(size, example);
    QVERIFY(w);
    InspectorWidget *inspector = w->currentInspector();
    QVERIFY(inspector);
    const Model::Scenario scenario = w->currentDocument()->scenario();
    QStringList problems;
    for (const auto &[page, show] : pages(inspector, scenario)) {
        show();
        settle();
        for (const QString &p : overflows(inspector))
            problems << page + QStringLiteral(": ") + p;
        // every step's details too
        for (Ui::StepListEditor *steps : inspector->findChildren<Ui::StepListEditor *>()) {
            if (!steps->isVisibleTo(inspector))
                continue;
            for (QTreeWidgetItemIterator it(steps->tree()); *it; ++it) {
                steps->tree()->setCurrentItem(*it);
                settle();
                for (const QString &p : overflows(inspector))
                    problems << QStringLiteral("%1, step \"%2\": %3").arg(page, (*it)->text(0), p);
            }
        }
    }
    problems.removeDuplicates();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_InspectorLayout::stepDetailsHaveNoGap()
{
    // a parallel step's details are one hint: the editor ends right below it, not at the
    // height of the call's much longer details
    const std::unique_ptr<Ui::MainWindow> w = window(QSize(1440, 900),
                                                     QStringLiteral("shop-microservices.json"));
    QVERIFY(w);
    InspectorWidget *inspector = w->currentInspector();
    const Model::Scenario scenario = w->currentDocument()->scenario();
    QString serviceWithParallel;
    Ui::StepAddress parallel, call;
    for (const Model::Component &c : scenario.components) {
        for (const Model::Handler &h : c.service.handlers) {
            for (int i = 0; i < static_cast<int>(h.steps.size()); ++i) {
                if (h.steps[static_cast<size_t>(i)].kind == Model::Step::Kind::Parallel
                    && serviceWithParallel.isEmpty()) {
                    serviceWithParallel = c.id;
                    parallel = {i};
                }
            }
        }
    }
    if (serviceWithParallel.isEmpty()) {
        // add one to the first service
        for (const Model::Component &c : scenario.components) {
            if (c.kind == Model::ComponentKind::Service && !c.service.handlers.isEmpty()) {
                Model::Component changed = c;
                changed.service.handlers[0].steps.insert(changed.service.handlers[0].steps.begin(),
                                                         Ui::StepListEditor::newStep(
                                                             Model::Step::Kind::Parallel));
                w->currentController()->setComponent(changed, QString());
                serviceWithParallel = c.id;
                parallel = {0};
                break;
            }
        }
    }
    QVERIFY(!serviceWithParallel.isEmpty());
    inspector->showComponent(serviceWithParallel);
    settle();
    Ui::StepListEditor *steps = nullptr;
    for (Ui::StepListEditor *e : inspector->findChildren<Ui::StepListEditor *>()) {
        if (e->isVisibleTo(inspector)) {
            steps = e;
            break;
        }
    }
    QVERIFY(steps);
    steps->selectStep(parallel);
    settle();
    QCOMPARE(steps->selectedAddress(), parallel);
    // the lowest visible child of the editor ends near its bottom
    int lowest = 0;
    for (QWidget *child : steps->findChildren<QWidget *>()) {
        if (child->isVisibleTo(steps) && isLeaf(child))
            lowest = std::max(lowest, child->mapTo(steps, QPoint(0, child->height())).y());
    }
    QVERIFY2(steps->height() - lowest < 24,
             qPrintable(QStringLiteral("%1 px of empty space below the parallel step's details")
                            .arg(steps->height() - lowest)));
}

void tst_InspectorLayout::wheelAndProblemsNeverScrollSideways()
{
    const std::unique_ptr<Ui::MainWindow> w = window(QSize(1280, 800),
                                                     QStringLiteral("shop-microservices.json"));
    QVERIFY(w);
    InspectorWidget *inspector = w->currentInspector();
    inspector->showComponent(QStringLiteral("catalog"));
    settle();
    QScrollArea *scroll = scrollArea(inspector);
    QScrollBar *sideways = scroll->horizontalScrollBar();
    QCOMPARE(sideways->maximum(), 0);
    // the wheel, sideways and down, over a label of the form
    QWidget *target = scroll->viewport();
    for (const QPoint delta : {QPoint(-120, 0), QPoint(0, -120), QPoint(-120, -120)}) {
        const QPointF at(target->width() / 2.0, target->height() / 2.0);
        QWheelEvent wheel(at,
                          target->mapToGlobal(at),
                          QPoint(),
                          delta,
                          Qt::NoButton,
                          Qt::NoModifier,
                          Qt::NoScrollPhase,
                          false);
        QApplication::sendEvent(target, &wheel);
        QCOMPARE(sideways->value(), 0);
    }
    // going to a problem's field (what a double click in Problems does)
    const QString path = QStringLiteral("$.components[%1].handlers")
                             .arg(w->currentDocument()->scenario().indexOf(
                                 QStringLiteral("catalog")));
    QVERIFY(inspector->focusPath(path + QStringLiteral(".browse[0]")));
    settle();
    QCOMPARE(sideways->value(), 0);
    QVERIFY(inspector->focusPath(QStringLiteral("$.workload.arrivals.rate_per_s")));
    settle();
    QCOMPARE(sideways->value(), 0);
}

void tst_InspectorLayout::shortFieldsStillReadInFull()
{
    // the values of the issue: replicas, cores, threads, the queue limit's default, the rate
    const std::unique_ptr<Ui::MainWindow> w = window(QSize(1440, 900),
                                                     QStringLiteral("shop-microservices.json"));
    QVERIFY(w);
    InspectorWidget *inspector = w->currentInspector();
    const QString catalog = QStringLiteral("$.components[%1]")
                                .arg(w->currentDocument()->scenario().indexOf(
                                    QStringLiteral("catalog")));
    inspector->showComponent(QStringLiteral("catalog"));
    settle();
    auto readsInFull = [](QWidget *field, const QString &contains) {
        auto *spin = qobject_cast<QAbstractSpinBox *>(field);
        if (!spin)
            return QStringLiteral("no number field");
        const QLineEdit *edit = spin->findChild<QLineEdit *>();
        if (!edit->text().contains(contains))
            return QStringLiteral("shows \"%1\", not \"%2\"").arg(edit->text(), contains);
        const int need = edit->fontMetrics().horizontalAdvance(edit->text());
        if (need > edit->contentsRect().width() - 4)
            return QStringLiteral("\"%1\" needs %2 px, has %3")
                .arg(edit->text())
                .arg(need)
                .arg(edit->contentsRect().width() - 4);
        return QString();
    };
    for (const auto &[key, text] : {std::pair{".replicas", "2"}, {".cpu_cores", "1"}}) {
        const QString problem = readsInFull(inspector->fieldForPath(catalog + QLatin1String(key)),
                                            QLatin1String(text));
        QVERIFY2(problem.isEmpty(), qPrintable(QLatin1String(key) + QLatin1Char(' ') + problem));
    }
    inspector->showWorkload();
    settle();
    const QString rate = readsInFull(inspector->fieldForPath(
                                         QStringLiteral("$.workload.arrivals.rate_per_s")),
                                     QStringLiteral("/s"));
    QVERIFY2(rate.isEmpty(), qPrintable(rate));
}

void tst_InspectorLayout::screenshots_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1440x900") << QSize(1440, 900);
    QTest::newRow("1280x800") << QSize(1280, 800);
}

void tst_InspectorLayout::screenshots()
{
    // ARCHSIM_SCREENSHOT_DIR=dir writes the window with the inspector's forms there
    QFETCH(QSize, size);
    const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
    const std::unique_ptr<Ui::MainWindow> w = window(size,
                                                     QStringLiteral("shop-microservices.json"));
    QVERIFY(w);
    InspectorWidget *inspector = w->currentInspector();
    QList<QPair<QString, QPixmap>> shots;
    const QString suffix = QStringLiteral("-%1x%2.png").arg(size.width()).arg(size.height());
    QWidget *dock = inspector;
    while (dock && !qobject_cast<QDockWidget *>(dock))
        dock = dock->parentWidget();
    QVERIFY(dock);
    for (const QString &id : {QStringLiteral("catalog"),
                              QStringLiteral("order_events"),
                              QStringLiteral("payments"),
                              QStringLiteral("gw")}) {
        inspector->showComponent(id);
        settle();
        shots.append({QStringLiteral("inspector-") + id + suffix, dock->grab()});
    }
    inspector->showWorkload();
    settle();
    shots.append({QStringLiteral("inspector-workload") + suffix, dock->grab()});
    shots.append({QStringLiteral("window-workload") + suffix, w->grab()});
    for (const auto &[name, pixmap] : shots)
        QVERIFY2(!pixmap.isNull(), qPrintable(name));
    if (dir.isEmpty())
        QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshots");
    for (const auto &[name, pixmap] : shots)
        QVERIFY(pixmap.save(QDir(dir).filePath(name)));
}

void tst_InspectorLayout::modulesScreenshot()
{
    // the monolith's Modules section (docs/images/modules-inspector.png)
    const std::unique_ptr<Ui::MainWindow> w = window(QSize(1440, 900),
                                                     QStringLiteral("shop-monolith.json"));
    QVERIFY(w);
    InspectorWidget *inspector = w->currentInspector();
    inspector->showComponent(QStringLiteral("monolith"));
    settle();
    const QString path = QStringLiteral("$.components[%1].modules")
                             .arg(w->currentDocument()->scenario().indexOf(
                                 QStringLiteral("monolith")));
    QWidget *modules = inspector->fieldForPath(path);
    QVERIFY(modules);
    // the section's title and its cards, without scrolling sideways
    QScrollArea *scroll = scrollArea(inspector);
    scroll->ensureWidgetVisible(modules, 0, 0);
    scroll->ensureWidgetVisible(modules->parentWidget(), 0, 0);
    settle();
    QCOMPARE(scroll->horizontalScrollBar()->maximum(), 0);
    QVERIFY2(overflows(inspector).isEmpty(), qPrintable(overflows(inspector).join('\n')));
    QWidget *dock = inspector;
    while (dock && !qobject_cast<QDockWidget *>(dock))
        dock = dock->parentWidget();
    QVERIFY(dock);
    const QPixmap shot = dock->grab();
    QVERIFY(!shot.isNull());
    const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshot");
    QVERIFY(shot.save(QDir(dir).filePath(QStringLiteral("modules-inspector.png"))));
}

QTEST_MAIN(tst_InspectorLayout)
#include "tst_inspectorlayout.moc"
