// SPDX-License-Identifier: GPL-3.0-or-later
// The Find Capacity window, headless: its defaults, the SLO checked as it is typed, the
// searches on a worker thread with their table and their latency-against-load chart (one
// curve per scenario, the SLO's limit, a marker where each curve breaks), cancel, a scenario
// with errors, and the window at 1280×800.
#include "MainWindow.h"
#include "ModelTestSupport.h"
#include "ProjectDocument.h"
#include "analysis/CapacityChart.h"
#include "analysis/CapacityWindow.h"
#include "analysis/Cost.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

#include <cmath>

#include <memory>

using namespace Model;
using Ui::CapacityChart;
using Ui::CapacityWindow;

namespace {

/** M/M/1 (1 ms exponential service) with `replicas` replicas behind round robin. */
Scenario servers(const QString &name, int replicas)
{
    Scenario s = TestSupport::loadExample(QStringLiteral("mm1.json"));
    s.name = name;
    s.workload.arrivals.ratePerS = 400;
    s.components[0].service.replicas = replicas;
    return s;
}

void settle()
{
    for (int i = 0; i < 3; ++i) {
        QApplication::processEvents();
        QTest::qWait(20);
    }
}

} // namespace

class tst_CapacityWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<ProjectDocument> m_project;
    CapacityWindow *m_capacity = nullptr;
    QString m_one, m_two;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_capacitywindow"));
    }

    void init()
    {
        m_window = std::make_unique<QWidget>();
        m_project = std::make_unique<ProjectDocument>();
        m_project->setProject(Project{});
        m_one = m_project->addScenario(servers(QStringLiteral("One server"), 1));
        m_two = m_project->addScenario(servers(QStringLiteral("Two servers"), 2));
        m_capacity = new CapacityWindow(m_project.get(), m_window.get());
    }

    void cleanup()
    {
        m_window.reset(); // the window and its job (waits for the worker)
        m_project.reset();
    }

    void formHasSensibleDefaults()
    {
        QVERIFY(m_capacity->setChoices({m_two}));
        QCOMPARE(m_capacity->checkedIds(), QStringList{m_two});
        QCOMPARE(m_capacity->sloText(), QStringLiteral("p99<200ms"));
        QVERIFY(m_capacity->sloError().isEmpty());
        QCOMPARE(m_capacity->precision(), 0.01);
        QCOMPARE(m_capacity->replications(), 4);
        QVERIFY(m_capacity->canRun());
        m_capacity->setChecked(m_two, false);
        QVERIFY(!m_capacity->canRun()); // nothing ticked
        // at most four
        QStringList ids{m_one, m_two};
        for (int i = 0; i < 3; ++i)
            ids << m_project->addScenario(servers(QStringLiteral("More %1").arg(i), 1));
        m_capacity->setChoices(ids);
        QCOMPARE(m_capacity->checkedIds().size(), CapacityWindow::kMaxScenarios);
        m_capacity->setChecked(ids.last(), true);
        QCOMPARE(m_capacity->checkedIds().size(), 5);
        QVERIFY(!m_capacity->canRun());
        auto hint = m_capacity->findChild<QLabel *>(QStringLiteral("capacityHint"));
        QVERIFY2(hint->text().contains(QStringLiteral("At most 4")), qPrintable(hint->text()));
    }

    void sloIsCheckedAsItIsTyped()
    {
        m_capacity->setChoices({m_one});
        auto error = m_capacity->findChild<QLabel *>(QStringLiteral("capacitySloError"));
        m_capacity->setSloText(QStringLiteral("p99<20ms,errors<1 %x"));
        QVERIFY2(m_capacity->sloError().contains(QStringLiteral("at character 10")),
                 qPrintable(m_capacity->sloError()));
        QVERIFY(error->isVisibleTo(m_capacity));
        QVERIFY(!m_capacity->canRun());
        QVERIFY(!m_capacity->findChild<QPushButton *>(QStringLiteral("capacityRunButton"))
                     ->isEnabled());
        m_capacity->setSloText(QStringLiteral("  "));
        QVERIFY(m_capacity->sloError().contains(QStringLiteral("Give the SLO")));
        m_capacity->setSloText(QStringLiteral("p95<50ms, errors<1%"));
        QVERIFY(m_capacity->sloError().isEmpty());
        QVERIFY(!error->isVisibleTo(m_capacity));
        QVERIFY(m_capacity->canRun());
    }

    void takesTheShownScenariosSlo()
    {
        Scenario withSlo = servers(QStringLiteral("With SLO"), 1);
        withSlo.slo = QStringLiteral("p95<30ms");
        Ui::MainWindow window;
        QVERIFY(window.newProject());
        const QString id = window.project()->addScenario(withSlo);
        QVERIFY(window.showScenario(id));
        CapacityWindow *capacity = window.openCapacityWindow();
        QVERIFY(capacity->isVisible());
        QCOMPARE(capacity->checkedIds(), QStringList{id});
        QCOMPARE(capacity->sloText(), QStringLiteral("p95<30ms"));
        auto action = window.findChild<QAction *>(QStringLiteral("capacityAction"));
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        // a scenario without one keeps what is in the field
        const QString plain = window.project()->addScenario(servers(QStringLiteral("Plain"), 1));
        QVERIFY(window.showScenario(plain));
        capacity = window.openCapacityWindow();
        QCOMPARE(capacity->checkedIds(), QStringList{plain});
        QCOMPARE(capacity->sloText(), QStringLiteral("p95<30ms"));
    }

    void searchesEachScenarioAndCharts()
    {
        m_capacity->setChoices({m_one, m_two});
        m_capacity->setSloText(QStringLiteral("p99<20ms"));
        m_capacity->setPrecision(0.05);
        m_capacity->setReplications(2);
        QSignalSpy running(m_capacity, &CapacityWindow::runningChanged);
        QVERIFY(m_capacity->run());
        QVERIFY(m_capacity->isRunning());
        QVERIFY(!m_capacity->canRun());
        QTRY_VERIFY_WITH_TIMEOUT(!m_capacity->isRunning(), 240000);
        QCOMPARE(running.size(), 2);
        QVERIFY2(m_capacity->message().isEmpty(), qPrintable(m_capacity->message()));

        const QList<Ui::CapacityOutcome> &outcomes = m_capacity->outcomes();
        QCOMPARE(outcomes.size(), 2);
        QCOMPARE(outcomes[0].name, QStringLiteral("One server"));
        QVERIFY(outcomes[0].result && outcomes[0].result->maxRatePerS);
        QVERIFY(outcomes[1].result && outcomes[1].result->maxRatePerS);
        const double one = *outcomes[0].result->maxRatePerS;
        const double two = *outcomes[1].result->maxRatePerS;
        // M/M/1 under p99<20ms: 1000 − 1000·ln(100)/20 = 769.7/s (within the 5% asked)
        QVERIFY2(std::abs(one - 769.7) < 0.08 * 769.7, qPrintable(QString::number(one)));
        QVERIFY2(two > 1.8 * one, qPrintable(QString::number(two)));

        // the table: the max rate and the cost at it
        QTableWidget *table = m_capacity->resultsTable();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("Two servers"));
        QVERIFY2(table->item(0, 1)->text().endsWith(QStringLiteral(" /s")),
                 qPrintable(table->item(0, 1)->text()));
        QVERIFY(table->item(0, 2)->text().startsWith(QLatin1Char('$')));
        QVERIFY(outcomes[1].result->costAtMax.perHour > outcomes[0].result->costAtMax.perHour);
        QVERIFY(outcomes[0].result->costAtMax.perMillionRequests > 0);
        QCOMPARE(table->item(0, 4)->text(), QString::number(outcomes[0].result->points.size()));

        // the chart: a curve per scenario, sorted by rate, the limit, and where each breaks
        CapacityChart *chart = m_capacity->chart();
        QCOMPARE(chart->curveNames(),
                 (QStringList{QStringLiteral("One server"), QStringLiteral("Two servers")}));
        for (int c = 0; c < 2; ++c) {
            const QList<QPointF> points = chart->curvePoints(c);
            QCOMPARE(points.size(), qsizetype(outcomes[c].result->points.size()));
            for (qsizetype i = 1; i < points.size(); ++i)
                QVERIFY(points[i].x() >= points[i - 1].x());
        }
        QCOMPARE(chart->limitLine(), std::optional<double>(20.0));
        const QList<QPointF> breaks = chart->breakMarkers();
        QCOMPARE(breaks.size(), 2);
        QCOMPARE(breaks[0].x(), one);
        QCOMPARE(breaks[1].x(), two);
        // the SLO held where each curve breaks
        QVERIFY(breaks[0].y() < 20);
        QVERIFY(breaks[1].y() < 20);
        QCOMPARE(chart->plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        // labelled ticks at 1, 2 and 5 times powers of ten across the whole range, however
        // narrow it is (QCustomPlot's log ticker went linear under 1.6 decades: 500, 1000, ...)
        chart->plot()->replot();
        const QCPRange range = chart->plot()->yAxis->range();
        const QVector<double> ticks = chart->plot()->yAxis->tickVector();
        const QVector<QString> labels = chart->plot()->yAxis->tickVectorLabels();
        QVERIFY2(ticks.size() >= 2, qPrintable(QString::number(ticks.size())));
        QCOMPARE(labels.size(), ticks.size());
        for (int i = 0; i < ticks.size(); ++i) {
            const double mantissa = ticks[i] / std::pow(10.0, std::floor(std::log10(ticks[i])));
            QVERIFY2(qFuzzyCompare(mantissa, 1.0) || qFuzzyCompare(mantissa, 2.0)
                         || qFuzzyCompare(mantissa, 5.0),
                     qPrintable(labels[i]));
            QCOMPARE(labels[i].toDouble(), ticks[i]);
        }
        // none is missing between the lowest and the highest tick in range
        QVERIFY(ticks.front() < range.lower * 2.5);
        QVERIFY(ticks.back() > range.upper / 2.5);
    }

    void chartsTheConditionChosen()
    {
        m_capacity->setChoices({m_one});
        m_capacity->setSloText(QStringLiteral("p99<20ms,errors<1%"));
        m_capacity->setPrecision(0.1);
        m_capacity->setReplications(2);
        QVERIFY(m_capacity->run());
        QTRY_VERIFY_WITH_TIMEOUT(!m_capacity->isRunning(), 120000);
        auto condition = m_capacity->findChild<QComboBox *>(QStringLiteral("capacityCondition"));
        QVERIFY(condition->isVisibleTo(m_capacity));
        QCOMPARE(condition->count(), 2);
        QCOMPARE(m_capacity->chart()->limitLine(), std::optional<double>(20.0));
        condition->setCurrentIndex(1);
        // errors in percent on a linear axis, the limit at 1 %
        QCOMPARE(m_capacity->chart()->limitLine(), std::optional<double>(1.0));
        QCOMPARE(m_capacity->chart()->plot()->yAxis->scaleType(), QCPAxis::stLinear);
        QCOMPARE(m_capacity->chart()->curveNames(), QStringList{QStringLiteral("One server")});
        // one condition: nothing to choose
        m_capacity->setSloText(QStringLiteral("p99<20ms"));
        QVERIFY(m_capacity->run());
        QTRY_VERIFY_WITH_TIMEOUT(!m_capacity->isRunning(), 120000);
        QVERIFY(!condition->isVisibleTo(m_capacity));
    }

    void costsWithTheProjectsPrices()
    {
        // the project's prices, three times the defaults, cost the search as compare does
        auto costPerHour = [this]() {
            m_capacity->setChoices({m_one});
            m_capacity->setSloText(QStringLiteral("p99<20ms"));
            m_capacity->setPrecision(0.2);
            m_capacity->setReplications(1);
            if (!m_capacity->run())
                return -1.0;
            if (!QTest::qWaitFor([this] { return !m_capacity->isRunning(); }, 120000))
                return -2.0;
            const QList<Ui::CapacityOutcome> &outcomes = m_capacity->outcomes();
            return outcomes.size() == 1 && outcomes[0].result
                       ? outcomes[0].result->costAtMax.perHour
                       : -3.0;
        };
        const double byDefault = costPerHour();
        QVERIFY2(byDefault > 0, qPrintable(QString::number(byDefault)));
        const CostPrices defaults = pricesOf(*m_project->scenarioToRun(m_one));
        CostPrices tripled;
        tripled.vcpuHour = 3 * *defaults.vcpuHour;
        tripled.gbHour = 3 * *defaults.gbHour;
        m_project->setPrices(tripled);
        const double byProject = costPerHour();
        // a fixed fleet: its cost per hour does not depend on the load it finds
        QVERIFY2(std::abs(byProject - 3 * byDefault) < 1e-9 * byProject,
                 qPrintable(QStringLiteral("%1 vs %2").arg(byProject).arg(byDefault)));
    }

    void cancelKeepsWhatFinished()
    {
        // a profile that changes over time runs its scenario's whole duration at every point:
        // a long one, so that the search is still on its second point when it is cancelled
        Scenario ramp = servers(QStringLiteral("Long ramp"), 1);
        ramp.workload.arrivals.kind = QStringLiteral("ramp");
        ramp.workload.arrivals.ratePerS.reset();
        ramp.workload.arrivals.from = 100;
        ramp.workload.arrivals.to = 400;
        ramp.workload.arrivals.overS = 100;
        ramp.simulation.durationS = 20000;
        ramp.simulation.warmupS = 10;
        const QString id = m_project->addScenario(ramp);
        QVERIFY(m_project->moveScenario(id, 0)); // the scenarios run in the project's order
        m_capacity->setChoices({id, m_two});
        m_capacity->setSloText(QStringLiteral("p99<20ms"));
        m_capacity->setReplications(2);
        QVERIFY(m_capacity->run());
        auto note = m_capacity->findChild<QLabel *>(QStringLiteral("capacityNote"));
        QTRY_VERIFY_WITH_TIMEOUT(note->text().contains(QStringLiteral("point 1 at")), 120000);
        QVERIFY2(note->text().startsWith(QStringLiteral("Long ramp: ")), qPrintable(note->text()));
        QTest::keyClick(m_capacity, Qt::Key_Escape); // Esc cancels while it runs
        QTRY_VERIFY_WITH_TIMEOUT(!m_capacity->isRunning(), 60000);
        QVERIFY2(m_capacity->message().contains(QStringLiteral("Cancelled")),
                 qPrintable(m_capacity->message()));
        QCOMPARE(m_capacity->outcomes().size(), 1); // the second never started
        const Ui::CapacityOutcome &o = m_capacity->outcomes().first();
        QVERIFY(o.result && o.result->cancelled);
        QVERIFY(!o.result->points.empty()); // the point that finished stays
        QCOMPARE(m_capacity->resultsTable()->item(0, 5)->text(), QStringLiteral("cancelled"));
        QCOMPARE(m_capacity->chart()->curveNames(), QStringList{QStringLiteral("Long ramp")});
        QCOMPARE(m_capacity->chart()->curvePoints(0).size(), qsizetype(o.result->points.size()));
        QVERIFY(m_capacity->canRun());
    }

    void aScenarioWithErrorsIsNamed()
    {
        Scenario broken = servers(QStringLiteral("Broken"), 1);
        broken.workload.entry = QStringLiteral("nowhere");
        const QString id = m_project->addScenario(broken);
        m_capacity->setChoices({id});
        QVERIFY(m_capacity->run());
        QTRY_VERIFY_WITH_TIMEOUT(!m_capacity->isRunning(), 30000);
        QVERIFY2(m_capacity->message().contains(QStringLiteral("Broken: ")),
                 qPrintable(m_capacity->message()));
        QCOMPARE(m_capacity->resultsTable()->item(0, 1)->text(), QStringLiteral("–"));
        QVERIFY(m_capacity->chart()->curveNames().isEmpty());
    }

    void windowFitsAt1280x800()
    {
        m_capacity->setChoices({m_one, m_two});
        m_capacity->setSloText(QStringLiteral("p99<"));
        m_capacity->resize(1280 - 16, 800 - 48);
        m_capacity->show();
        settle();
        QVERIFY(m_capacity->minimumSizeHint().width() <= 1280 - 16);
        QVERIFY(m_capacity->minimumSizeHint().height() <= 800 - 48);
        const QRect window = m_capacity->rect();
        for (QWidget *w : m_capacity->findChildren<QWidget *>()) {
            if (!w->isVisibleTo(m_capacity)
                || w->parentWidget()
                       != m_capacity->findChild<QWidget *>(QStringLiteral("capacityForm")))
                continue;
            const QRect r(w->mapTo(m_capacity, QPoint()), w->size());
            QVERIFY2(window.contains(r), qPrintable(w->objectName()));
            QVERIFY2(w->height() >= w->minimumSizeHint().height(), qPrintable(w->objectName()));
        }
        auto error = m_capacity->findChild<QLabel *>(QStringLiteral("capacitySloError"));
        QVERIFY(error->isVisible());
        QVERIFY(error->height() >= error->heightForWidth(error->width()));
    }

    void screenshotOfTheShops()
    {
        // ARCHSIM_SCREENSHOT_DIR=dir writes the window with the capacity of the two shop
        // examples there
        const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshots");
        m_project->removeScenario(m_one);
        m_project->removeScenario(m_two);
        const QString mono = m_project->addScenario(
            TestSupport::loadExample(QStringLiteral("shop-monolith.json")));
        const QString micro = m_project->addScenario(
            TestSupport::loadExample(QStringLiteral("shop-microservices.json")));
        m_capacity->setChoices({mono, micro});
        const QByteArray slo = qgetenv("ARCHSIM_CAPACITY_SLO");
        m_capacity->setSloText(slo.isEmpty() ? QStringLiteral("p99<250ms")
                                             : QString::fromUtf8(slo));
        m_capacity->resize(1280 - 16, 800 - 48);
        m_capacity->show();
        QVERIFY(m_capacity->run());
        QTRY_VERIFY_WITH_TIMEOUT(!m_capacity->isRunning(), 1200000);
        QVERIFY2(m_capacity->message().isEmpty(), qPrintable(m_capacity->message()));
        settle();
        QVERIFY(m_capacity->grab().save(QDir(dir).filePath(QStringLiteral("capacity.png"))));
    }
};

QTEST_MAIN(tst_CapacityWindow)
#include "tst_capacitywindow.moc"
