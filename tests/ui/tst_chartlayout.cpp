// SPDX-License-Identifier: GPL-3.0-or-later
// The results after a run in the main window at the default size (1440×900) and at 1280×800:
// chart tabs that read in full, legends and percentile labels off the data, canvas cards in
// human units, the canvas legend inside the view.
#include "CanvasItems.h"
#include "CanvasScene.h"
#include "CanvasView.h"
#include "Document.h"
#include "DocumentController.h"
#include "LatencyChart.h"
#include "MainWindow.h"
#include "SeriesChart.h"
#include "TestSupport.h"

#include <qcustomplot.h>

#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

#include <memory>

class tst_ChartLayout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void chartTabsReadInFull();
    void seriesLegendIsOffTheData();
    void percentileLabelsSitOnTheirLines();
    void canvasCardsUseHumanUnits();
    void canvasLegendStaysInTheView();
    void screenshots();

    void initTestCase_data();

private:
    static void settle()
    {
        for (int i = 0; i < 4; ++i) {
            QCoreApplication::processEvents();
            QTest::qWait(25);
        }
    }
    std::unique_ptr<Ui::MainWindow> m_window;
};

void tst_ChartLayout::initTestCase_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1440x900") << QSize(1440, 900);
    QTest::newRow("1280x800") << QSize(1280, 800);
}

void tst_ChartLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ArchSimTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_chartlayout"));
    QSettings().clear();
}

void tst_ChartLayout::init()
{
    // the shop at 1200 requests/s for 60 s: a saturated gateway with a p99 of seconds
    QFETCH_GLOBAL(QSize, size);
    m_window = std::make_unique<Ui::MainWindow>();
    m_window->setQuestionHandler([](auto &&...) { return QMessageBox::Discard; });
    m_window->resize(size);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json"))));
    Model::Workload workload = m_window->currentDocument()->scenario().workload;
    workload.arrivals.ratePerS = 1200;
    m_window->currentController()->setWorkload(workload, QString());
    Model::SimulationSettings simulation = m_window->currentDocument()->scenario().simulation;
    simulation.durationS = 60;
    simulation.warmupS = 5;
    m_window->currentController()->setSimulation(simulation, QString());
    QSignalSpy ended(m_window.get(), &Ui::MainWindow::runEnded);
    QVERIFY(m_window->startRun());
    QVERIFY(ended.wait(120000));
    QVERIFY(m_window->shownResult());
    settle();
}

void tst_ChartLayout::cleanup()
{
    m_window.reset();
}

void tst_ChartLayout::chartTabsReadInFull()
{
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("chartTabs"));
    QVERIFY(tabs);
    QTabBar *bar = tabs->tabBar();
    for (QToolButton *arrow : bar->findChildren<QToolButton *>())
        QVERIFY2(!arrow->isVisible(), "the chart tabs need scroll arrows");
    for (int i = 0; i < bar->count(); ++i) {
        const int need = bar->fontMetrics().horizontalAdvance(bar->tabText(i));
        QVERIFY2(bar->tabRect(i).width() >= need,
                 qPrintable(QStringLiteral("\"%1\" has %2 px, needs %3")
                                .arg(bar->tabText(i))
                                .arg(bar->tabRect(i).width())
                                .arg(need)));
        QVERIFY2(bar->tabRect(i).right() <= bar->width(),
                 qPrintable(bar->tabText(i) + QStringLiteral(" is cut off")));
    }
    QCOMPARE(bar->tabText(2), QStringLiteral("Latency distribution"));
    QCOMPARE(bar->tabText(0), QStringLiteral("Over time"));

    // the user drags the tables wider: the charts keep the width their titles need
    auto *splitter = m_window->findChild<QSplitter *>(QStringLiteral("resultsSplitter"));
    QVERIFY(splitter);
    splitter->setSizes({splitter->width(), 1});
    settle();
    for (QToolButton *arrow : bar->findChildren<QToolButton *>())
        QVERIFY2(!arrow->isVisible(), "the chart tabs need scroll arrows beside wide tables");
    for (int i = 0; i < bar->count(); ++i) {
        QVERIFY(bar->tabRect(i).width() >= bar->fontMetrics().horizontalAdvance(bar->tabText(i)));
        QVERIFY2(bar->tabRect(i).right() <= tabs->width(),
                 qPrintable(bar->tabText(i) + QStringLiteral(" is cut off beside wide tables")));
    }
}

void tst_ChartLayout::seriesLegendIsOffTheData()
{
    m_window->showChartTab(Ui::MainWindow::ChartTab::OverTime);
    settle();
    auto *plot = m_window->findChild<QCustomPlot *>(QStringLiteral("seriesPlot"));
    QVERIFY(plot);
    plot->replot();
    QVERIFY(plot->legend->visible());
    const QRect legend = plot->legend->outerRect();
    const QRect data = plot->axisRect()->rect();
    QVERIFY2(!legend.intersects(data),
             qPrintable(QStringLiteral("legend %1,%2 %3x%4 over the plot %5,%6 %7x%8")
                            .arg(legend.x())
                            .arg(legend.y())
                            .arg(legend.width())
                            .arg(legend.height())
                            .arg(data.x())
                            .arg(data.y())
                            .arg(data.width())
                            .arg(data.height())));
    QVERIFY(legend.top() >= data.bottom());
    // every curve is named in it, in full
    QCOMPARE(plot->legend->itemCount(), plot->graphCount());
    for (int i = 0; i < plot->legend->itemCount(); ++i) {
        QCPAbstractLegendItem *item = plot->legend->item(i);
        QVERIFY(plot->rect().contains(item->outerRect()));
        QVERIFY2(item->outerRect().width() >= item->minimumOuterSizeHint().width(),
                 qPrintable(QStringLiteral("legend entry %1 is cut: %2 of %3 px")
                                .arg(i)
                                .arg(item->outerRect().width())
                                .arg(item->minimumOuterSizeHint().width())));
    }
}

void tst_ChartLayout::percentileLabelsSitOnTheirLines()
{
    m_window->showChartTab(Ui::MainWindow::ChartTab::LatencyDistribution);
    settle();
    auto *plot = m_window->findChild<QCustomPlot *>(QStringLiteral("latencyPlot"));
    QVERIFY(plot);
    plot->replot();
    settle();
    plot->replot();
    const QRect data = plot->axisRect()->rect();
    int labels = 0;
    QList<QRectF> placed;
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto *text = qobject_cast<QCPItemText *>(plot->item(i));
        if (!text || !text->visible() || !text->text().startsWith(QLatin1Char('p')))
            continue;
        ++labels;
        const QRectF box(text->topLeft->pixelPosition(), text->bottomRight->pixelPosition());
        // above the plot: it cannot cross the CDF, which runs inside it
        QVERIFY2(box.bottom() <= data.top() + 1,
                 qPrintable(text->text() + QStringLiteral(" reaches into the plot")));
        QVERIFY(box.top() >= 0);
        // on its line: the line's x is inside the label (centred unless at an edge)
        const double ms = text->position->key();
        const double x = plot->xAxis->coordToPixel(ms);
        QVERIFY2(box.left() - 1 <= x && x <= box.right() + 1,
                 qPrintable(text->text() + QStringLiteral(" is off its line")));
        for (const QRectF &other : placed)
            QVERIFY2(!box.intersects(other),
                     qPrintable(text->text() + QStringLiteral(" overlaps")));
        placed.append(box);
    }
    QCOMPARE(labels, 3);
    // the legend is under the plot
    QVERIFY(!plot->legend->outerRect().intersects(data));
}

void tst_ChartLayout::canvasCardsUseHumanUnits()
{
    Ui::CanvasScene *scene = m_window->currentScene();
    QVERIFY(scene->hasHeat());
    int throughputCards = 0;
    for (Ui::ComponentItem *item : scene->componentItems()) {
        const QString full = item->detailText();
        const QString shown = item->shownDetailText();
        QVERIFY2(!full.contains(QStringLiteral("e+")) && !full.contains(QStringLiteral("e-")),
                 qPrintable(item->id() + QStringLiteral(": ") + full));
        if (full.contains(QStringLiteral("p99"))) {
            ++throughputCards;
            QVERIFY2(shown == full, qPrintable(item->id() + QStringLiteral(": ") + shown));
        }
    }
    QVERIFY(throughputCards > 0);
    const QString gateway = scene->componentItem(QStringLiteral("gw"))->detailText();
    QVERIFY2(gateway.contains(QStringLiteral("/s · p99 ")), qPrintable(gateway));
    QVERIFY2(gateway.endsWith(QStringLiteral(" ms")) || gateway.endsWith(QStringLiteral(" s"))
                 || gateway.endsWith(QStringLiteral(" min")),
             qPrintable(gateway));
}

void tst_ChartLayout::canvasLegendStaysInTheView()
{
    Ui::CanvasView *view = m_window->currentView();
    Ui::CanvasScene *scene = m_window->currentScene();
    Ui::LegendItem *legend = scene->legendItem();
    QVERIFY(legend->isVisible());
    settle();
    const QRect inView = view->mapFromScene(legend->sceneBoundingRect()).boundingRect();
    QVERIFY2(view->viewport()->rect().contains(inView),
             qPrintable(QStringLiteral("legend at %1,%2 %3x%4 in a viewport of %5x%6")
                            .arg(inView.x())
                            .arg(inView.y())
                            .arg(inView.width())
                            .arg(inView.height())
                            .arg(view->viewport()->width())
                            .arg(view->viewport()->height())));
}

void tst_ChartLayout::screenshots()
{
    // ARCHSIM_SCREENSHOT_DIR=dir writes the window with each chart tab there
    QFETCH_GLOBAL(QSize, size);
    const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
    const QString suffix = QStringLiteral("-%1x%2.png").arg(size.width()).arg(size.height());
    QList<QPair<QString, QPixmap>> shots;
    const QList<QPair<Ui::MainWindow::ChartTab, QString>> tabs
        = {{Ui::MainWindow::ChartTab::OverTime, QStringLiteral("results-over-time")},
           {Ui::MainWindow::ChartTab::ComponentsOverTime, QStringLiteral("results-components")},
           {Ui::MainWindow::ChartTab::LatencyDistribution, QStringLiteral("results-latency")}};
    for (const auto &[tab, name] : tabs) {
        m_window->showChartTab(tab);
        settle();
        shots.append({name + suffix, m_window->grab()});
    }
    for (const auto &[name, pixmap] : shots)
        QVERIFY2(!pixmap.isNull(), qPrintable(name));
    if (dir.isEmpty())
        QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshots");
    for (const auto &[name, pixmap] : shots)
        QVERIFY(pixmap.save(QDir(dir).filePath(name)));
}

QTEST_MAIN(tst_ChartLayout)
#include "tst_chartlayout.moc"
