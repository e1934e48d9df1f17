// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-whatif-bench: the whole path of a what-if slider's move in the desktop app, timed
// from the move to the new figures painted: the short run compiled and run on the worker
// thread, the results tables and charts filled, the canvas's heat set, and the window painted
// (offscreen). It drives the real MainWindow and What-if dock on the microservices shop with
// the arrival rate pinned at 1,000 requests/s and a 60 s window, moving cart's threads slider
// back and forth, and prints the median and the worst of the moves, and beside them, each
// step alone on the same scenario (compile, run, chart update) for where the time goes.
#include "MainWindow.h"
#include "ResultsPanel.h"
#include "Simulation.h"
#include "WhatIfPanel.h"
#include "WhatIfRunner.h"
#include "analysis/WhatIf.h"
#include "editing/DocumentController.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSlider>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

const QString kRate = QStringLiteral("workload.arrivals.rate_per_s");
const QString kThreads = QStringLiteral("components[cart].concurrency.threads");

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double worst(const std::vector<double> &v)
{
    return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

/** Milliseconds `f` takes. */
template<typename F>
double timed(F &&f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int moves = 15;
    double windowS = 60;
    double rate = 1000;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--moves"))
            moves = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--window"))
            windowS = args[i + 1].toDouble();
        else if (args[i] == QLatin1String("--rate"))
            rate = args[i + 1].toDouble();
    }

    Ui::MainWindow window;
    // the bench's edits are not kept: no question about saving them
    window.setQuestionHandler([](const QString &,
                                 const QString &,
                                 QMessageBox::StandardButtons,
                                 QMessageBox::StandardButton) { return QMessageBox::Discard; });
    window.resize(1600, 1000);
    window.show();
    if (!window.openScenarioAsProject(QStringLiteral(":/examples/shop-microservices.json"))) {
        std::fprintf(stderr, "cannot open the microservices shop\n");
        return 1;
    }
    // the rate at 1,000/s in the scenario itself, and the two sliders pinned, as a user would
    Ui::DocumentController *controller = window.currentController();
    Model::Scenario scenario = window.currentDocument()->scenario();
    scenario.workload.arrivals.ratePerS = rate;
    Model::WhatIf whatIf;
    whatIf.windowS = windowS;
    for (const QString &path : {kRate, kThreads}) {
        QString error;
        const std::optional<Model::WhatIfPin> pin = Model::whatIfPin(scenario, path, &error);
        if (!pin) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        whatIf.pinned.append(*pin);
    }
    scenario.whatIf = whatIf;
    controller->setScenario(scenario, window.currentDocument()->layout(), QStringLiteral("bench"));
    window.showWhatIf();
    Ui::WhatIfPanel *panel = window.whatIfPanel();
    auto *threads = panel->findChild<QSlider *>(QStringLiteral("whatIfSlider:") + kThreads);
    auto *results = window.findChild<Ui::ResultsPanel *>();
    if (!threads || !results) {
        std::fprintf(stderr, "the What-if dock has no threads slider\n");
        return 1;
    }
    app.processEvents();

    // --- the whole path, move after move ------------------------------------------------------
    std::vector<double> whole, runOnly;
    QElapsedTimer sinceMove;
    int move = 0;
    bool failed = false;
    auto next = [&] {
        // 16 and 24 threads in turn: each move a new run
        threads->setValue(threads->value() == 15 ? 23 : 15);
        sinceMove.start();
    };
    QObject::connect(panel, &Ui::WhatIfPanel::resultReady, &app, [&] {
        // MainWindow has put the figures in the tables, charts and canvas: the charts' queued
        // replots run, then the window paints
        QCoreApplication::processEvents();
        window.repaint();
        whole.push_back(double(sinceMove.nsecsElapsed()) / 1e6);
        if (++move < moves + 1) // the first move warms caches and fonts: not counted
            QTimer::singleShot(50, &app, next);
        else
            QCoreApplication::exit(0);
    });
    QObject::connect(panel->runner(),
                     &Ui::WhatIfRunner::finished,
                     &app,
                     [&](int, const Sim::RunResult &, double ms) { runOnly.push_back(ms); });
    QObject::connect(panel->runner(), &Ui::WhatIfRunner::refused, &app, [&] {
        std::fprintf(stderr, "refused: %s\n", qPrintable(panel->message()));
        failed = true;
        QCoreApplication::exit(0);
    });
    QTimer::singleShot(0, &app, next);
    QTimer::singleShot(600000, &app, [&] {
        failed = true;
        QCoreApplication::exit(0);
    });
    app.exec();
    if (failed || whole.size() < 2) {
        std::fprintf(stderr, "the moves did not finish\n");
        return 1;
    }
    whole.erase(whole.begin());
    runOnly.erase(runOnly.begin());

    // --- each step alone, on the same scenario ---------------------------------------------------
    std::vector<double> compile, run, charts;
    Sim::RunResult last;
    const Model::Scenario shown = window.currentDocument()->scenario();
    for (int i = 0; i < moves; ++i) {
        const double threadsValue = i % 2 ? 24 : 16;
        Model::WhatIfRun built;
        compile.push_back(timed([&] {
            built = Model::whatIfRun(shown, {{kThreads, threadsValue}}, windowS);
        }));
        Sim::RunOptions options;
        options.threads = 1;
        run.push_back(timed([&] { last = Sim::runSimulation(built.spec, options); }));
        charts.push_back(timed([&] {
            results->showResult(last, QStringLiteral("bench"));
            QCoreApplication::processEvents();
            window.repaint();
        }));
    }
    double requests = 0;
    if (const Sim::RequestResult *all = last.request("_all"))
        requests = all->arrived;

    std::printf("what-if slider, microservices shop at %.0f requests/s, %.0f s window "
                "(%.0f requests measured after the warm-up, %llu events per run), %d moves:\n",
                rate,
                windowS,
                requests,
                static_cast<unsigned long long>(last.events),
                int(whole.size()));
    std::printf("  move -> figures painted   median %7.1f ms   worst %7.1f ms\n",
                median(whole),
                worst(whole));
    std::printf("  of which request -> run done (worker)  median %7.1f ms\n", median(runOnly));
    std::printf("each step alone (GUI thread):\n");
    std::printf("  compile (set values, validate, compile)  median %7.1f ms\n", median(compile));
    std::printf("  run (one replication, one thread)        median %7.1f ms\n", median(run));
    std::printf("  tables, charts, canvas, paint            median %7.1f ms\n", median(charts));
    std::printf("target: 300 ms -> %s\n", median(whole) <= 300 ? "met" : "NOT met");
    return 0;
}
