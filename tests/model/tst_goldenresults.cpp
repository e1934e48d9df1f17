// SPDX-License-Identifier: GPL-3.0-or-later
// Golden results: every built-in example (resources/examples, in the order of order.txt) and
// the coverage scenarios of tests/golden run as `archsim-cli run FILE --replications 2
// --threads 2 [--duration S --warmup S] --json -` runs them, and the results JSON, less its
// wall-clock fields, must equal tests/golden/<name>.results.json byte for byte; so must the
// same run on one thread. It is the safety net of refactorings that must not change what
// the engine computes or what the results JSON says. When numbers move on purpose,
// scripts/regen-goldens rewrites the files, and that commit says why (docs/architecture.md,
// "Golden results").
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "analysis/Cost.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTest>

#include <optional>

using namespace Model;
using TestSupport::examplePath;
using TestSupport::problemsText;

namespace {

/** Set to 1 by scripts/regen-goldens: write the golden files instead of comparing. */
constexpr char kRegenVariable[] = "ARCHSIM_REGEN_GOLDENS";

/** Replications per scenario: two, so the means, ci95 and per_replication are covered. */
constexpr int kReplications = 2;

/**
 * Replications run at once for the goldens. archsim-cli's default is every core (0); the
 * test fixes 2, so the goldens come from the parallel runner on any machine, and checks
 * each scenario on 1 thread against the same golden.
 */
constexpr int kThreads = 2;

/**
 * Shorter runs of the heavier examples, as `--duration S --warmup S`, so the whole test
 * takes a few seconds. Each keeps what its example is about: the retry storms run past
 * their fault (60 to 120 s), the autoscaler sees the whole spike (120 to 300 s) and a
 * scale-down. Examples not listed, and the coverage scenarios, run as written.
 */
struct Shortened
{
    const char *file;
    double durationS, warmupS;
};
constexpr Shortened kShortened[] = {
    {"mm1.json", 20, 2},
    {"shop-monolith.json", 10, 2},
    {"shop-microservices.json", 10, 2},
    {"event-loop-blocked.json", 20, 5},
    {"event-loop-offload.json", 20, 5},
    {"event-loop-cluster.json", 20, 5},
    {"retry-storm.json", 130, 10},
    {"retry-storm-breaker.json", 130, 10},
    {"autoscaling-spike.json", 420, 0},
};

QString goldenDir()
{
    return TestSupport::sourcePath(QStringLiteral("tests/golden"));
}

/** The examples in the GUI's order: those of order.txt, then the others by file name. */
QStringList exampleFiles()
{
    QStringList files;
    QFile order(examplePath(QStringLiteral("order.txt")));
    if (order.open(QIODevice::ReadOnly | QIODevice::Text)) {
        while (!order.atEnd()) {
            const QString line = QString::fromUtf8(order.readLine()).trimmed();
            if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
                files.append(line);
        }
    }
    const QStringList all
        = QDir(examplePath()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &f : all) {
        if (!files.contains(f))
            files.append(f);
    }
    return files;
}

/** tests/golden/coverage-*.json, without the golden files next to them. */
QStringList coverageFiles()
{
    QStringList files
        = QDir(goldenDir()).entryList({QStringLiteral("coverage-*.json")}, QDir::Files, QDir::Name);
    files.removeIf([](const QString &f) { return f.endsWith(QLatin1String(".results.json")); });
    return files;
}

/** The golden file of resources/examples/<name>.json or tests/golden/<name>.json. */
QString goldenFileFor(const QString &scenarioPath)
{
    return QDir(goldenDir())
        .filePath(QFileInfo(scenarioPath).completeBaseName() + QStringLiteral(".results.json"));
}

struct GoldenRun
{
    QByteArray json; ///< the results JSON without wall-clock fields, indented
    QString error;   ///< why the scenario could not run
};

/**
 * The steps of archsim-cli's `run` (app/cli/main.cpp, cmdRun): load, override the run
 * settings, validate the overrides, compile, check the spec, run, write the results JSON.
 */
GoldenRun runAsCli(const QString &path, int threads)
{
    GoldenRun out;
    const ScenarioLoad load = loadScenarioFile(path);
    if (!load.ok()) {
        out.error = QStringLiteral("does not load:\n") + problemsText(load.problems);
        return out;
    }
    Scenario scenario = *load.scenario;
    std::optional<Shortened> shortened;
    for (const Shortened &s : kShortened) {
        if (QFileInfo(path).fileName() == QLatin1String(s.file))
            shortened = s;
    }
    if (shortened) {
        scenario.simulation.durationS = shortened->durationS;
        scenario.simulation.warmupS = shortened->warmupS;
    }
    scenario.simulation.replications = kReplications;
    if (shortened) {
        const Problems problems = validateScenario(scenario);
        if (hasErrors(problems)) {
            out.error = QStringLiteral("the shortened run is not valid:\n")
                        + problemsText(problems);
            return out;
        }
    }
    const CompiledScenario compiled = compileScenario(scenario);
    if (!compiled.ok()) {
        out.error = QStringLiteral("does not compile:\n") + problemsText(compiled.problems);
        return out;
    }
    const std::vector<std::string> specProblems = Sim::checkSpec(compiled.spec);
    if (!specProblems.empty()) {
        out.error = QStringLiteral("the spec is refused: ")
                    + QString::fromStdString(specProblems.front());
        return out;
    }
    Sim::RunOptions options;
    options.threads = threads;
    const Sim::RunResult result = Sim::runSimulation(compiled.spec, options);

    QJsonObject json = scenarioResultsJson(scenario, result);
    // What depends on the machine's speed: the wall-clock time of the run and of each
    // replication, and events per wall-clock second (docs/cli.md, "Top level").
    QJsonObject engine = json.value(QStringLiteral("engine")).toObject();
    engine.remove(QStringLiteral("wall_s"));
    engine.remove(QStringLiteral("events_per_s"));
    engine.remove(QStringLiteral("replication_wall_s"));
    json.insert(QStringLiteral("engine"), engine);
    out.json = QJsonDocument(json).toJson(QJsonDocument::Indented);
    return out;
}

QByteArray readFile(const QString &path, bool *ok)
{
    QFile f(path);
    *ok = f.open(QIODevice::ReadOnly);
    return *ok ? f.readAll() : QByteArray();
}

/**
 * The JSON path of each line of QJsonDocument::Indented output ("$.requests._all.arrived"),
 * so that a difference in a line holding a bare number still says which figure it is.
 */
QStringList linePaths(const QList<QByteArray> &lines)
{
    struct Level
    {
        bool array = false;
        int index = -1;
        QString key;
    };
    QList<Level> levels;
    QStringList paths;
    auto pathOf = [&levels]() {
        QString path = QStringLiteral("$");
        for (const Level &l : levels)
            path += l.array ? QStringLiteral("[%1]").arg(l.index) : QLatin1Char('.') + l.key;
        return path;
    };
    for (const QByteArray &raw : lines) {
        QByteArray line = raw.trimmed();
        if (line.endsWith(','))
            line.chop(1);
        if ((line == "}" || line == "]") && !levels.isEmpty()) {
            paths.append(pathOf());
            levels.removeLast();
            continue;
        }
        QByteArray value = line;
        if (!levels.isEmpty() && levels.last().array) {
            ++levels.last().index;
        } else if (line.startsWith('"')) {
            const qsizetype colon = line.indexOf("\": ");
            if (colon > 0 && !levels.isEmpty()) {
                levels.last().key = QString::fromUtf8(line.mid(1, colon - 1));
                value = line.mid(colon + 3);
            }
        }
        paths.append(pathOf());
        if (value == "{" || value == "[")
            levels.append({value == "[", -1, QString()});
    }
    return paths;
}

/** Empty when equal; else the first line that differs, with its JSON path and both versions. */
QString firstDifference(const QByteArray &expected, const QByteArray &actual)
{
    if (expected == actual)
        return {};
    const QList<QByteArray> e = expected.split('\n');
    const QList<QByteArray> a = actual.split('\n');
    const QStringList paths = linePaths(e);
    for (qsizetype i = 0; i < std::max(e.size(), a.size()); ++i) {
        const QByteArray le = i < e.size() ? e.at(i) : QByteArray("<end of file>");
        const QByteArray la = i < a.size() ? a.at(i) : QByteArray("<end of file>");
        if (le != la) {
            return QStringLiteral("first difference at line %1 (%2):\n  golden: %3\n  now:    %4")
                .arg(i + 1)
                .arg(i < paths.size() ? paths.at(i) : QStringLiteral("after the end"),
                     QString::fromUtf8(le.trimmed()),
                     QString::fromUtf8(la.trimmed()));
        }
    }
    return QStringLiteral("the files differ in their line endings");
}

bool regenerating()
{
    return qEnvironmentVariableIntValue(kRegenVariable) == 1;
}

} // namespace

class tst_GoldenResults : public QObject
{
    Q_OBJECT

private slots:
    void goldenResults_data()
    {
        // Each scenario with the golden's thread count, and again on one thread: the engine
        // promises the same bytes (Simulation.h), so the goldens hold whatever --threads
        // archsim-cli runs with.
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("threads");
        QStringList paths;
        for (const QString &f : exampleFiles())
            paths.append(examplePath(f));
        for (const QString &f : coverageFiles())
            paths.append(QDir(goldenDir()).filePath(f));
        for (const int threads : {kThreads, 1}) {
            if (threads != kThreads && regenerating())
                continue;
            for (const QString &path : paths) {
                const QString row = QFileInfo(path).fileName()
                                    + QStringLiteral(", %1 thread(s)").arg(threads);
                QTest::newRow(qPrintable(row)) << path << threads;
            }
        }
    }

    void goldenResults()
    {
        QFETCH(QString, scenario);
        QFETCH(int, threads);
        const GoldenRun run = runAsCli(scenario, threads);
        QVERIFY2(run.error.isEmpty(), qPrintable(scenario + QStringLiteral(": ") + run.error));
        const QString golden = goldenFileFor(scenario);
        if (regenerating()) {
            QSaveFile out(golden);
            QVERIFY2(out.open(QIODevice::WriteOnly) && out.write(run.json) == run.json.size()
                         && out.commit(),
                     qPrintable(
                         QStringLiteral("cannot write %1: %2").arg(golden, out.errorString())));
            qInfo("rewrote %s", qPrintable(golden));
            return;
        }
        bool ok = false;
        const QByteArray expected = readFile(golden, &ok);
        QVERIFY2(ok,
                 qPrintable(QStringLiteral("%1 is missing; if %2 is new, run "
                                           "scripts/regen-goldens and commit the file")
                                .arg(golden, scenario)));
        const QString difference = firstDifference(expected, run.json);
        if (!difference.isEmpty()) {
            // The whole output, to diff against the golden file.
            const QString actual = QDir::current().filePath(
                QStringLiteral("golden-actual/%1.threads-%2.results.json")
                    .arg(QFileInfo(scenario).completeBaseName())
                    .arg(threads));
            QDir().mkpath(QFileInfo(actual).path());
            QFile f(actual);
            if (f.open(QIODevice::WriteOnly))
                f.write(run.json);
            QFAIL(qPrintable(QStringLiteral("%1 does not match the results of %2 on %3 thread(s) "
                                            "(written to %4); %5\n"
                                            "If the change is meant to move the numbers, run "
                                            "scripts/regen-goldens and say why in the commit.")
                                 .arg(golden, scenario)
                                 .arg(threads)
                                 .arg(actual, difference)));
        }
    }

    void everyGoldenFileHasItsScenario()
    {
        // A golden file whose scenario was renamed or removed would go stale unnoticed.
        QStringList expected;
        for (const QString &f : exampleFiles())
            expected.append(QFileInfo(goldenFileFor(f)).fileName());
        for (const QString &f : coverageFiles())
            expected.append(QFileInfo(goldenFileFor(f)).fileName());
        const QStringList present = QDir(goldenDir())
                                        .entryList({QStringLiteral("*.results.json")},
                                                   QDir::Files,
                                                   QDir::Name);
        for (const QString &f : present)
            QVERIFY2(expected.contains(f),
                     qPrintable(QStringLiteral("tests/golden/%1 belongs to no scenario; remove it")
                                    .arg(f)));
    }
};

QTEST_GUILESS_MAIN(tst_GoldenResults)
#include "tst_goldenresults.moc"
