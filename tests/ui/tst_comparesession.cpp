// SPDX-License-Identifier: GPL-3.0-or-later
// Comparing scenarios in the GUI, headless: the Compare Scenarios dialog drives the
// controller on a worker thread, the finished comparison is saved in the project, and the
// compare view shows its table, its coloured deltas and its overlaid charts.
#include "CompareController.h"
#include "CompareDialog.h"
#include "CompareSession.h"
#include "CompareView.h"
#include "ModelTestSupport.h"
#include "ProjectDocument.h"

#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <memory>

using namespace Model;
using Ui::CompareDialog;
using Ui::CompareSession;
using Ui::CompareView;

namespace {

/** The M/M/1 example with its service time set and a short run. */
Scenario mm1(const QString &name, double serviceMs, double durationS = 10)
{
    Scenario s = TestSupport::loadExample(QStringLiteral("mm1.json"));
    s.name = name;
    s.workload.arrivals.ratePerS = 400;
    s.components[0].service.handlers[0].steps[0].duration.mean = serviceMs;
    s.simulation.durationS = durationS;
    s.simulation.warmupS = 1;
    s.simulation.bucketS = 1;
    return s;
}

int figureRow(const char *key)
{
    const std::vector<CompareFigure> &f = compareFigures();
    for (std::size_t k = 0; k < f.size(); ++k) {
        if (QLatin1String(f[k].key) == QLatin1String(key))
            return static_cast<int>(k);
    }
    qFatal("no figure %s", key);
    return -1;
}

} // namespace

class tst_CompareSession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<ProjectDocument> m_project;
    CompareSession *m_session = nullptr;
    QString m_slow, m_fast;

private slots:
    void init()
    {
        m_window = std::make_unique<QWidget>();
        m_project = std::make_unique<ProjectDocument>();
        m_project->setProject(Project{});
        m_slow = m_project->addScenario(mm1(QStringLiteral("Slow"), 1.0));
        m_fast = m_project->addScenario(mm1(QStringLiteral("Fast"), 0.5));
        m_session = new CompareSession(m_project.get(), m_window.get());
    }

    void cleanup()
    {
        m_window.reset(); // the session and its controller (waits for the worker)
        m_project.reset();
    }

    void dialogOffersTheChoices()
    {
        CompareDialog *d = m_session->openDialog({m_fast});
        QCOMPARE(d->checkedIds(), QStringList{m_fast});
        QCOMPARE(d->replications(), 10);
        QVERIFY(d->commonRandomNumbers());
        QVERIFY(!d->canCompare()); // one is not enough
        d->setChecked(m_slow, true);
        QCOMPARE(d->checkedIds(), (QStringList{m_slow, m_fast}));
        QCOMPARE(d->baselineId(), m_fast); // kept while it stays ticked
        QVERIFY(d->canCompare());
        d->setChecked(m_fast, false);
        QCOMPARE(d->baselineId(), m_slow);
        QVERIFY(!d->canCompare());
        QVERIFY(d->findChild<QPushButton *>(QStringLiteral("compareButton")));
        QVERIFY(!d->findChild<QPushButton *>(QStringLiteral("compareButton"))->isEnabled());
    }

    void compareRunsSavesAndShows()
    {
        CompareDialog *d = m_session->openDialog({m_slow, m_fast});
        d->setReplications(2);
        QSignalSpy running(m_session, &CompareSession::runningChanged);
        QSignalSpy saved(m_session, &CompareSession::comparisonSaved);
        d->compare();
        QVERIFY(m_session->isRunning());
        QVERIFY(d->isRunning());
        QVERIFY(!d->canCompare()); // not twice at once
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->isRunning(), 60000);
        QCOMPARE(running.size(), 2);
        QCOMPARE(saved.size(), 1);
        QVERIFY2(d->message().isEmpty(), qPrintable(d->message()));
        QVERIFY(!d->isVisible()); // accepted

        // saved in the project
        QCOMPARE(m_project->comparisons().size(), 1);
        const QString id = saved.first().first().toString();
        QCOMPARE(m_project->comparisons().front().id, id);
        QCOMPARE(m_project->comparisons().front().scenarioNames(),
                 (QStringList{QStringLiteral("Slow"), QStringLiteral("Fast")}));
        QVERIFY(m_project->structureModified());

        // the table: rows = figures + bottleneck + replicas, columns = alternatives
        CompareView *view = m_session->view();
        QVERIFY(view->isVisible());
        QTableWidget *t = view->figuresTable();
        QCOMPARE(t->columnCount(), 2);
        QCOMPARE(t->rowCount(), static_cast<int>(compareFigures().size()) + 2);
        QCOMPARE(t->horizontalHeaderItem(0)->text(), QStringLiteral("Slow (baseline)"));
        QCOMPARE(t->horizontalHeaderItem(1)->text(), QStringLiteral("Fast"));
        const int mean = figureRow("latency_mean_ms");
        const std::optional<Comparison> c = m_project->comparison(id, nullptr);
        QVERIFY(c);
        for (int a = 0; a < 2; ++a) {
            const QString text = t->item(mean, a)->text();
            QVERIFY2(QRegularExpression(QStringLiteral("^[0-9.,]+ ± [0-9.,]+ ms$"))
                         .match(text)
                         .hasMatch(),
                     qPrintable(text));
            QCOMPARE(text,
                     CompareView::estimateText(c->alternatives[static_cast<std::size_t>(a)]
                                                   .figures[static_cast<std::size_t>(mean)],
                                               compareFigures()[static_cast<std::size_t>(mean)]));
        }
        // M/M/1 at 400/s: mean 1/(1000-400) = 1.67 ms at 1 ms service, 0.625 ms at 0.5 ms
        QVERIFY(c->alternatives[0].figures[static_cast<std::size_t>(mean)].mean > 1.3);
        QVERIFY(c->alternatives[1].figures[static_cast<std::size_t>(mean)].mean < 0.8);
        QCOMPARE(t->item(static_cast<int>(compareFigures().size()), 0)->text().left(6),
                 QStringLiteral("server"));
        QCOMPARE(t->item(static_cast<int>(compareFigures().size()) + 1, 1)->text(),
                 QStringLiteral("1"));

        // the deltas: faster is better (green; with 2 replications the wide t(1) interval is
        // narrow enough for these), and the same resources cost the same, with the same
        // (no) errors (grey, not significant)
        QTableWidget *deltas = view->deltasTable();
        QCOMPARE(deltas->columnCount(), 1);
        const QColor green = CompareView::verdictColor(CompareView::Verdict::Better);
        const QColor grey = CompareView::verdictColor(CompareView::Verdict::NotSignificant);
        for (const char *key : {"latency_mean_ms", "latency_p50_ms"}) {
            QTableWidgetItem *item = deltas->item(figureRow(key), 0);
            QVERIFY2(item->text().startsWith(QChar('-')), qPrintable(item->text()));
            QVERIFY2(!item->text().contains(QStringLiteral("not significant")),
                     qPrintable(item->text()));
            QCOMPARE(item->foreground().color(), green);
        }
        for (const char *key : {"cost_per_hour", "error_rate"}) {
            QTableWidgetItem *item = deltas->item(figureRow(key), 0);
            QVERIFY2(item->text().contains(QStringLiteral("not significant")),
                     qPrintable(item->text()));
            QCOMPARE(item->foreground().color(), grey);
        }
        QVERIFY(green != grey);
        QVERIFY(CompareView::verdictColor(CompareView::Verdict::Worse) != green);

        // overlaid charts: one curve per alternative, with data
        for (CompareView::Chart chart :
             {CompareView::LatencyCdf, CompareView::P99OverTime, CompareView::ThroughputOverTime}) {
            QCOMPARE(view->chartCurveNames(chart),
                     (QStringList{QStringLiteral("Slow"), QStringLiteral("Fast")}));
            QVERIFY(view->chartPointCount(chart, 0) >= 4);
            QVERIFY(view->chartPointCount(chart, 1) >= 4);
        }

        // reopened from the project, without running: the same cells
        const QString before = t->item(mean, 1)->text();
        view->close();
        QVERIFY(m_session->showSaved(id));
        QVERIFY(!m_session->isRunning());
        QCOMPARE(m_session->shownId(), id);
        QCOMPARE(view->figuresTable()->item(mean, 1)->text(), before);
    }

    void worseIsRedAgainstAFasterBaseline()
    {
        CompareDialog *d = m_session->openDialog({m_fast, m_slow});
        QCOMPARE(d->baselineId(), m_fast);
        d->setReplications(2);
        d->compare();
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->isRunning(), 60000);
        QTableWidgetItem *item
            = m_session->view()->deltasTable()->item(figureRow("latency_mean_ms"), 0);
        QVERIFY2(item->text().startsWith(QChar('+')), qPrintable(item->text()));
        QCOMPARE(item->foreground().color(),
                 CompareView::verdictColor(CompareView::Verdict::Worse));
    }

    void cancelStopsAndSavesNothing()
    {
        m_project->document(m_slow)->setSimulation([&] {
            SimulationSettings s = m_project->document(m_slow)->scenario().simulation;
            s.durationS = 100000;
            return s;
        }());
        CompareDialog *d = m_session->openDialog({m_slow, m_fast});
        d->setReplications(2);
        d->compare();
        QVERIFY(m_session->isRunning());
        d->reject(); // Cancel while running cancels, the dialog stays
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->isRunning(), 30000);
        QVERIFY(d->isVisible());
        QVERIFY2(d->message().contains(QStringLiteral("Cancelled")), qPrintable(d->message()));
        QVERIFY(m_project->comparisons().isEmpty());
        d->reject(); // now it closes
        QVERIFY(!d->isVisible());
    }

    void scenarioWithErrorsIsNamed()
    {
        Scenario broken = mm1(QStringLiteral("Broken"), 1.0);
        broken.workload.entry = QStringLiteral("nowhere");
        const QString id = m_project->addScenario(broken);
        CompareDialog *d = m_session->openDialog({m_slow, id});
        d->setReplications(2);
        d->compare();
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->isRunning(), 30000);
        QVERIFY2(d->message().contains(QStringLiteral("Broken: ")), qPrintable(d->message()));
        QVERIFY(d->isVisible());
        QVERIFY(m_project->comparisons().isEmpty());
    }

    void screenshotsOfTheShopExamples()
    {
        // ARCHSIM_SCREENSHOT_DIR=dir writes the compare view of the two shop examples there,
        // compared as a user would (their own settings, 10 replications)
        const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshots");
        const QString mono = m_project->addScenario(
            TestSupport::loadExample(QStringLiteral("shop-monolith.json")));
        const QString micro = m_project->addScenario(
            TestSupport::loadExample(QStringLiteral("shop-microservices.json")));
        CompareDialog *d = m_session->openDialog({mono, micro});
        d->grab().save(QDir(dir).filePath(QStringLiteral("compare-dialog.png")));
        d->compare();
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->isRunning(), 120000);
        QVERIFY2(d->message().isEmpty(), qPrintable(d->message()));
        CompareView *view = m_session->view();
        for (const QSize size : {QSize(1440, 900), QSize(1280, 800)}) {
            view->resize(size);
            QApplication::processEvents();
            const QString file = QDir(dir).filePath(
                QStringLiteral("compare-view-%1x%2.png").arg(size.width()).arg(size.height()));
            QVERIFY(view->grab().save(file));
            qInfo("wrote %s", qPrintable(file));
        }
    }
};

QTEST_MAIN(tst_CompareSession)
#include "tst_comparesession.moc"
