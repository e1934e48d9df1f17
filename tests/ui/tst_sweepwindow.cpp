// SPDX-License-Identifier: GPL-3.0-or-later
// The Sweep Parameter window, headless: the form offers the scenario's numbers and says what
// is wrong next to the field, a sweep runs on a worker thread and draws lines with bands
// (one parameter) or a heat map (two), a cancelled sweep keeps its finished points, a click
// on a point opens its run in the main window, and the window fits at 1280×800.
#include "MainWindow.h"
#include "ModelTestSupport.h"
#include "ProjectDocument.h"
#include "analysis/SweepView.h"
#include "analysis/SweepWindow.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Model;
using Ui::SweepView;
using Ui::SweepWindow;

namespace {

/** The M/M/1 example at 400/s, a few seconds long. */
Scenario mm1()
{
    Scenario s = TestSupport::loadExample(QStringLiteral("mm1.json"));
    s.name = QStringLiteral("Server");
    s.workload.arrivals.ratePerS = 400;
    s.simulation.durationS = 4;
    s.simulation.warmupS = 0.5;
    s.simulation.bucketS = 1;
    return s;
}

int figure(const char *key)
{
    const std::vector<CompareFigure> &f = compareFigures();
    for (std::size_t k = 0; k < f.size(); ++k) {
        if (qstrcmp(f[k].key, key) == 0)
            return static_cast<int>(k);
    }
    qFatal("no figure %s", key);
    return -1;
}

void settle()
{
    for (int i = 0; i < 3; ++i) {
        QApplication::processEvents();
        QTest::qWait(20);
    }
}

/** The visible widgets of `w` that hold no visible widget themselves. */
QList<QWidget *> leaves(QWidget *w)
{
    QList<QWidget *> out;
    for (QWidget *child : w->findChildren<QWidget *>()) {
        if (!child->isVisibleTo(w))
            continue;
        bool leaf = true;
        for (QWidget *grand : child->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            leaf = leaf && !grand->isVisibleTo(w);
        if (leaf)
            out << child;
    }
    return out;
}

} // namespace

class tst_SweepWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<ProjectDocument> m_project;
    SweepWindow *m_sweep = nullptr;
    QString m_id;

    bool runAndWait(int timeoutMs = 60000)
    {
        if (!m_sweep->run())
            return false;
        return QTest::qWaitFor([&] { return !m_sweep->isRunning(); }, timeoutMs);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_sweepwindow"));
    }

    void init()
    {
        m_window = std::make_unique<QWidget>();
        m_project = std::make_unique<ProjectDocument>();
        m_project->setProject(Project{});
        m_id = m_project->addScenario(mm1());
        m_sweep = new SweepWindow(m_project.get(), m_window.get());
        QVERIFY(m_sweep->setScenario(m_id));
    }

    void cleanup()
    {
        m_window.reset(); // the window and its job (waits for the worker)
        m_project.reset();
    }

    void formOffersTheScenariosNumbers()
    {
        const QStringList paths = m_sweep->offeredPaths();
        QVERIFY(paths.contains(QStringLiteral("workload.arrivals.rate_per_s")));
        QVERIFY(paths.contains(QStringLiteral("components[server].replicas")));
        QVERIFY(paths.contains(QStringLiteral("components[server].handlers.job[0].cpu_ms.mean")));
        // ready to run as it opens: the arrival rate about half to twice what it is
        QCOMPARE(m_sweep->parameterPath(0), QStringLiteral("workload.arrivals.rate_per_s"));
        QCOMPARE(m_sweep->parameterValues(0), QStringLiteral("200..800:100"));
        QVERIFY(m_sweep->pathError(0).isEmpty());
        QVERIFY(m_sweep->valuesError(0).isEmpty());
        QVERIFY(m_sweep->canRun());
        QCOMPARE(m_sweep->replications(), 3);
        QCOMPARE(m_sweep->chosenFigures(),
                 (QList<int>{figure("latency_mean_ms"),
                             figure("latency_p99_ms"),
                             figure("throughput_per_s"),
                             figure("cost_per_hour")}));
        // the second parameter waits, with a service's replicas in it
        QVERIFY(!m_sweep->hasSecondParameter());
        QCOMPARE(m_sweep->parameterPath(1), QStringLiteral("components[server].replicas"));
        QCOMPARE(m_sweep->parameterValues(1), QStringLiteral("1..4:1"));
        auto current = m_sweep->findChild<QLabel *>(QStringLiteral("sweepCurrent1"));
        QVERIFY(current->text().contains(QStringLiteral("400 /s")));
        QVERIFY(m_sweep->findChild<QPushButton *>(QStringLiteral("sweepRunButton"))->isEnabled());
        // no figure: nothing to plot
        for (int f : m_sweep->chosenFigures())
            m_sweep->setFigureChosen(f, false);
        QVERIFY(!m_sweep->canRun());
    }

    void errorsShowNextToTheirField()
    {
        auto pathLabel = m_sweep->findChild<QLabel *>(QStringLiteral("sweepPathError1"));
        auto valuesLabel = m_sweep->findChild<QLabel *>(QStringLiteral("sweepValuesError1"));
        m_sweep->setParameter(0,
                              QStringLiteral("components[nope].replicas"),
                              QStringLiteral("1,2"));
        QVERIFY2(m_sweep->pathError(0).contains(
                     QStringLiteral("no element with id or name 'nope'")),
                 qPrintable(m_sweep->pathError(0)));
        QVERIFY(m_sweep->pathError(0).contains(QStringLiteral("server")));
        QVERIFY(pathLabel->isVisibleTo(m_sweep));
        QVERIFY(!m_sweep->canRun());

        m_sweep->setParameter(0,
                              QStringLiteral("workload.arrivals.rat_per_s"),
                              QStringLiteral("1,2"));
        QVERIFY2(m_sweep->pathError(0).contains(QStringLiteral("unknown field")),
                 qPrintable(m_sweep->pathError(0)));

        m_sweep->setParameter(0,
                              QStringLiteral("components[server].replicas"),
                              QStringLiteral("0,1,2"));
        QVERIFY(m_sweep->pathError(0).isEmpty());
        QVERIFY2(m_sweep->valuesError(0).startsWith(QStringLiteral("At 0: ")),
                 qPrintable(m_sweep->valuesError(0)));
        QVERIFY2(m_sweep->valuesError(0).contains(QStringLiteral("at least 1")),
                 qPrintable(m_sweep->valuesError(0)));
        QVERIFY(valuesLabel->isVisibleTo(m_sweep));
        QVERIFY(!m_sweep->canRun());

        m_sweep->setParameter(0,
                              QStringLiteral("components[server].replicas"),
                              QStringLiteral("1..x"));
        QVERIFY2(m_sweep->valuesError(0).contains(QStringLiteral("FROM..TO:STEP")),
                 qPrintable(m_sweep->valuesError(0)));
        m_sweep->setParameter(0, QStringLiteral("components[server].replicas"), QString());
        QVERIFY(!m_sweep->valuesError(0).isEmpty());

        m_sweep->setParameter(0,
                              QStringLiteral("components[server].replicas"),
                              QStringLiteral("1,2"));
        QVERIFY(m_sweep->valuesError(0).isEmpty());
        QVERIFY(!valuesLabel->isVisibleTo(m_sweep));
        QVERIFY(m_sweep->canRun());

        // two parameters: another number, and at least two values each
        m_sweep->setSecondParameter(true);
        m_sweep->setParameter(1,
                              QStringLiteral("components[server].replicas"),
                              QStringLiteral("1,2"));
        QVERIFY(m_sweep->pathError(1).contains(QStringLiteral("first parameter")));
        QVERIFY(!m_sweep->canRun());
        m_sweep->setParameter(1,
                              QStringLiteral("workload.arrivals.rate_per_s"),
                              QStringLiteral("100"));
        QVERIFY(m_sweep->valuesError(1).contains(QStringLiteral("at least 2 values")));
        m_sweep->setParameter(1,
                              QStringLiteral("workload.arrivals.rate_per_s"),
                              QStringLiteral("100,200"));
        QVERIFY(m_sweep->canRun());
    }

    void oneParameterDrawsLinesWithBands()
    {
        m_sweep->setParameter(0,
                              QStringLiteral("workload.arrivals.rate_per_s"),
                              QStringLiteral("200,400,600"));
        QVERIFY(runAndWait());
        QVERIFY2(m_sweep->message().isEmpty(), qPrintable(m_sweep->message()));
        QVERIFY(m_sweep->sweep());
        QCOMPARE(m_sweep->sweep()->points.size(), std::size_t(3));
        SweepView *view = m_sweep->view();
        QCOMPARE(view->mode(), SweepView::Mode::Lines);
        QCOMPARE(view->linePlots().size(), 4); // one per chosen figure
        const int p99 = figure("latency_p99_ms");
        QCustomPlot *plot = view->linePlots().at(1);
        QCOMPARE(plot->yAxis->label(), SweepView::figureAxisLabel(p99));
        QCOMPARE(plot->xAxis->label(), QStringLiteral("workload.arrivals.rate_per_s"));
        // the band (upper, lower) and the mean, at the parameter's values
        QCOMPARE(plot->graphCount(), 3);
        QCPGraph *upper = plot->graph(0), *lower = plot->graph(1), *mean = plot->graph(2);
        QCOMPARE(lower->channelFillGraph(), upper);
        QCOMPARE(mean->dataCount(), 3);
        const double rates[] = {200, 400, 600};
        for (int i = 0; i < 3; ++i) {
            const Estimate &e = m_sweep->sweep()->points[std::size_t(i)].figures[std::size_t(p99)];
            QVERIFY(e.ci95 && *e.ci95 > 0);
            QCOMPARE(mean->data()->at(i)->key, rates[i]);
            QCOMPARE(mean->data()->at(i)->value, e.mean);
            QCOMPARE(upper->data()->at(i)->value, e.mean + *e.ci95);
            QCOMPARE(lower->data()->at(i)->value, std::max(0.0, e.mean - *e.ci95));
        }
        // M/M/1 with 1 ms service: p99 grows with the load
        QVERIFY(mean->data()->at(2)->value > mean->data()->at(0)->value);
        // ticking another figure redraws without running
        m_sweep->setFigureChosen(figure("error_rate"), true);
        QCOMPARE(view->linePlots().size(), 5);
        QVERIFY(!m_sweep->isRunning());
    }

    void twoParametersDrawAHeatMap()
    {
        m_sweep->setSecondParameter(true);
        m_sweep->setParameter(0,
                              QStringLiteral("workload.arrivals.rate_per_s"),
                              QStringLiteral("200,600"));
        m_sweep->setParameter(1,
                              QStringLiteral("components[server].replicas"),
                              QStringLiteral("1,2,3"));
        m_sweep->setReplications(2);
        QVERIFY(runAndWait());
        QCOMPARE(m_sweep->sweep()->points.size(), std::size_t(6));
        SweepView *view = m_sweep->view();
        QCOMPARE(view->mode(), SweepView::Mode::HeatMap);
        QCPColorMap *map = view->heatMap();
        QVERIFY(map);
        QCOMPARE(map->data()->keySize(), 2);   // the rates across
        QCOMPARE(map->data()->valueSize(), 3); // the replicas up
        QCOMPARE(view->heatMapFigure(), figure("latency_mean_ms"));
        for (const SweepPoint &p : m_sweep->sweep()->points) {
            QCOMPARE(map->data()->cell(p.index / 3, p.index % 3),
                     p.figures[std::size_t(figure("latency_mean_ms"))].mean);
        }
        // more replicas, less waiting: the mean falls up the column at 600/s
        QVERIFY(map->data()->cell(1, 2) < map->data()->cell(1, 0));
        view->setHeatMapFigure(figure("cost_per_hour"));
        map = view->heatMap();
        QCOMPARE(map->name(), QStringLiteral("Cost per hour"));
        QVERIFY(qFuzzyCompare(map->data()->cell(0, 1), 2 * map->data()->cell(0, 0)));
    }

    void cancelledSweepKeepsItsFinishedPoints()
    {
        // two short points, then one that would run for hours
        m_sweep->setParameter(0,
                              QStringLiteral("simulation.duration_s"),
                              QStringLiteral("1,2,100000"));
        m_sweep->setReplications(1);
        QSignalSpy running(m_sweep, &SweepWindow::runningChanged);
        QVERIFY(m_sweep->run());
        QVERIFY(m_sweep->isRunning());
        QVERIFY(!m_sweep->canRun()); // not twice at once
        auto bar = m_sweep->findChild<QProgressBar *>(QStringLiteral("sweepProgress"));
        // the progress is the mean over the three points: past 2/3 the two short ones are done
        QTRY_VERIFY_WITH_TIMEOUT(bar->value() >= 670, 30000);
        QTest::keyClick(m_sweep, Qt::Key_Escape); // Esc cancels while it runs
        QTRY_VERIFY_WITH_TIMEOUT(!m_sweep->isRunning(), 30000);
        QCOMPARE(running.size(), 2);
        QVERIFY(m_sweep->sweep());
        QVERIFY(m_sweep->sweep()->cancelled);
        QCOMPARE(m_sweep->sweep()->points.size(), std::size_t(2));
        QCOMPARE(m_sweep->sweep()->points[0].index, 0);
        QCOMPARE(m_sweep->sweep()->points[1].index, 1);
        QVERIFY2(m_sweep->message().contains(QStringLiteral("Cancelled: 2 of 3 points")),
                 qPrintable(m_sweep->message()));
        // and shows them
        QCOMPARE(m_sweep->view()->mode(), SweepView::Mode::Lines);
        QCOMPARE(m_sweep->view()->linePlots().at(0)->graph(2)->dataCount(), 2);
        QVERIFY(m_sweep->canRun());
    }

    void aValueTheScenarioRefusesIsNamed()
    {
        // the warm-up must be shorter than the duration (4 s): the refusal names the value
        m_sweep->setParameter(0, QStringLiteral("simulation.warmup_s"), QStringLiteral("1,8"));
        QVERIFY2(m_sweep->valuesError(0).startsWith(QStringLiteral("At 8: ")),
                 qPrintable(m_sweep->valuesError(0)));
        QVERIFY(!m_sweep->canRun());
        m_sweep->setParameter(0, QStringLiteral("simulation.warmup_s"), QStringLiteral("0,1,2"));
        QVERIFY(m_sweep->canRun());
    }

    void clickOnAPointOpensItsRun()
    {
        Ui::MainWindow window;
        QVERIFY(window.newProject());
        const QString id = window.project()->addScenario(mm1());
        QVERIFY(window.showScenario(id));
        window.show();
        SweepWindow *sweep = window.openSweepWindow();
        QVERIFY(sweep);
        QCOMPARE(sweep->scenarioId(), id);
        QVERIFY(sweep->isVisible());
        sweep->setParameter(0,
                            QStringLiteral("workload.arrivals.rate_per_s"),
                            QStringLiteral("200,400,600"));
        sweep->setReplications(2);
        QVERIFY(sweep->run());
        QTRY_VERIFY_WITH_TIMEOUT(!sweep->isRunning(), 60000);
        settle();

        QCustomPlot *plot = sweep->view()->linePlots().at(0);
        const QPointF at = sweep->view()->pointPosition(plot, 1);
        QCOMPARE(sweep->view()->pointAt(plot, at + QPointF(3, -2)), 1);
        QCOMPARE(sweep->view()->pointAt(plot, at + QPointF(40, 40)), -1);
        QSignalSpy activated(sweep->view(), &SweepView::pointActivated);
        QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, at.toPoint());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toInt(), 1);

        // the point's run is in the main window's results, not saved in the project
        const Sim::RunResult *shown = window.shownResult();
        QVERIFY(shown);
        const Sim::RunResult &point = sweep->sweep()->points[1].result;
        QCOMPARE(shown->requests[0].throughputPerS, point.requests[0].throughputPerS);
        QCOMPARE(shown->requests[0].latencyMs.p99, point.requests[0].latencyMs.p99);
        QCOMPARE(shown->replications, 2);
        auto header = window.findChild<QLabel *>(QStringLiteral("resultsHeader"));
        QVERIFY2(header->text().contains(
                     QStringLiteral("sweep point workload.arrivals.rate_per_s = 400")),
                 qPrintable(header->text()));
        QVERIFY(window.project()->runs(id).isEmpty());

        // a heat map cell opens its point too
        sweep->setSecondParameter(true);
        sweep->setParameter(1,
                            QStringLiteral("components[server].replicas"),
                            QStringLiteral("1,2"));
        QVERIFY(sweep->run());
        QTRY_VERIFY_WITH_TIMEOUT(!sweep->isRunning(), 60000);
        settle();
        QCustomPlot *heat = sweep->view()->heatMapPlot();
        const QPointF cell = sweep->view()->pointPosition(heat, 3); // 400/s, 2 replicas
        QCOMPARE(sweep->view()->pointAt(heat, cell + QPointF(5, 5)), 3);
        QTest::mouseClick(heat, Qt::LeftButton, Qt::NoModifier, cell.toPoint());
        QVERIFY2(header->text().contains(
                     QStringLiteral("rate_per_s = 400, components[server].replicas = 2")),
                 qPrintable(header->text()));
        QCOMPARE(window.shownResult()->component("server")->replicasMean, 2.0);

        // the menu entry with its shortcut
        auto action = window.findChild<QAction *>(QStringLiteral("sweepAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    }

    void windowFitsAt1280x800()
    {
        m_sweep->setSecondParameter(true);
        m_sweep->resize(1280 - 16, 800 - 48); // the screen less the frame and title bar
        m_sweep->show();
        settle();
        QVERIFY(m_sweep->minimumSizeHint().width() <= 1280 - 16);
        QVERIFY(m_sweep->minimumSizeHint().height() <= 800 - 48);
        auto scroll = m_sweep->findChild<QScrollArea *>(QStringLiteral("sweepFormScroll"));
        QCOMPARE(scroll->verticalScrollBar()->maximum(), 0); // the whole form shows
        const QRect window = m_sweep->rect();
        for (QWidget *w : leaves(scroll->widget())) {
            const QRect r(w->mapTo(m_sweep, QPoint()), w->size());
            QVERIFY2(window.contains(r),
                     qPrintable(w->objectName() + QStringLiteral(" ")
                                + w->metaObject()->className()));
            auto label = qobject_cast<QLabel *>(w);
            if (qobject_cast<QCheckBox *>(w) || qobject_cast<QPushButton *>(w)
                || (label && !label->wordWrap()))
                QVERIFY2(w->width() >= w->sizeHint().width(),
                         qPrintable(w->objectName() + QStringLiteral(": ")
                                    + w->property("text").toString()));
        }
    }

    void screenshotsOfTheShop()
    {
        // ARCHSIM_SCREENSHOT_DIR=dir writes the window with a line chart and a heat map of the
        // monolith shop there
        const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshots");
        const QString shop = m_project->addScenario(
            TestSupport::loadExample(QStringLiteral("shop-monolith.json")));
        QVERIFY(m_sweep->setScenario(shop));
        m_sweep->resize(1280 - 16, 800 - 48);
        m_sweep->show();
        m_sweep->setParameter(0,
                              QStringLiteral("workload.arrivals.rate_per_s"),
                              QStringLiteral("400..3600:400"));
        m_sweep->setFigureChosen(figure("error_rate"), true);
        m_sweep->setFigureChosen(figure("cost_per_hour"), false);
        QVERIFY(runAndWait(300000));
        QVERIFY2(m_sweep->message().isEmpty(), qPrintable(m_sweep->message()));
        settle();
        QVERIFY(m_sweep->grab().save(QDir(dir).filePath(QStringLiteral("sweep-lines.png"))));

        m_sweep->setSecondParameter(true);
        m_sweep->setParameter(0,
                              QStringLiteral("workload.arrivals.rate_per_s"),
                              QStringLiteral("600..3600:600"));
        m_sweep->setParameter(1,
                              QStringLiteral("components[monolith].replicas"),
                              QStringLiteral("1..5:1"));
        m_sweep->setReplications(2);
        QVERIFY(runAndWait(300000));
        QVERIFY2(m_sweep->message().isEmpty(), qPrintable(m_sweep->message()));
        m_sweep->view()->setHeatMapFigure(figure("latency_p99_ms"));
        settle();
        QVERIFY(m_sweep->grab().save(QDir(dir).filePath(QStringLiteral("sweep-heatmap.png"))));
    }
};

QTEST_MAIN(tst_SweepWindow)
#include "tst_sweepwindow.moc"
