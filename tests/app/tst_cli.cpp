// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli against its contract (spec/cli.md): commands, exit codes, outputs.
#include "CliProcess.h"
#include "PersistenceTestSupport.h"
#include "ProjectDocument.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "analysis/Decision.h"
#include "persistence/ProjectStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using TestSupport::examplePath;

using CliTest::Outcome;
using CliTest::runCli;

namespace {

QString writeTemp(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray readExampleFile(const QString &file)
{
    QFile f(examplePath(file));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private slots:
    void usageWithoutArguments();
    void unknownCommandAndFlag();
    void validateGoodFile();
    void validateBadFilePrintsPathsAndLines();
    void validateMalformedJson();
    void missingFile();
    void runJsonToStdoutMatchesEngine();
    void runWritesJsonAndCsvFiles();
    void overloadedRunStopsWithAVerdict();
    void overridesAreValidated();
    void sameSeedSameBytes();
    void sigintCancels();
    void benchListsModels();
    void runsScenarioFromProject();
    void projectWithoutNameListsItsScenarios();
    void damagedScenarioInProjectSaysWhere();
    void compareTwoScenarios();
    void compareRefusesBadArguments();
    void sweepGridToJsonAndErrors();
    void capacityUnderAnSlo();
    void shardedSweepMerges();
    void shardedRunMerges();
    void shardedCompareMerges();
    void mergeRefusesPartsThatDoNotBelong();
    void shardNeedsEnoughReplications();
    void runChecksTheScenariosSlo();
    void lintTextJsonAndExitCodes();
    void decideWritesTheAdrAndJson();
    void decideRefusesWhatItCannotDecide();
    void migratePrintsTheTrajectory();
    void migrateRefusesBadPlans();
    void reportOfAScenarioHoldsItsFigures();
    void reportOfTheExampleProject();
    void reportRefusesWhatItCannotReport();
    void reportCapacityIsTheCapacityCommands();
};

void tst_Cli::usageWithoutArguments()
{
    // the usage names the project form of SCENARIO too
    QVERIFY(runCli({}).err.contains("PROJECT.archsim:NAME"));
    const Outcome o = runCli({});
    QCOMPARE(o.exitCode, 2);
    QVERIFY(o.err.contains("usage:"));
}

void tst_Cli::unknownCommandAndFlag()
{
    QCOMPARE(runCli({QStringLiteral("frobnicate")}).exitCode, 2);
    const Outcome o = runCli({QStringLiteral("run"),
                              examplePath(QStringLiteral("mm1.json")),
                              QStringLiteral("--bogus")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY(o.err.contains("--bogus"));
    const Outcome n = runCli({QStringLiteral("run"),
                              examplePath(QStringLiteral("mm1.json")),
                              QStringLiteral("--seed"),
                              QStringLiteral("x")});
    QCOMPARE(n.exitCode, 2);
    QVERIFY(n.err.contains("--seed"));
}

void tst_Cli::validateGoodFile()
{
    const Outcome o = runCli({QStringLiteral("validate"), examplePath(QStringLiteral("mm1.json"))});
    QCOMPARE(o.exitCode, 0);
    QVERIFY(o.out.contains("valid"));
}

void tst_Cli::validateBadFilePrintsPathsAndLines()
{
    QTemporaryDir dir;
    // three problems: a negative rate, a missing call target, warm-up past the duration
    const QByteArray bad = R"({
  "format": "archsim-scenario", "version": 1, "name": "bad",
  "simulation": { "duration_s": 10, "warmup_s": 20 },
  "workload": { "entry": "api", "arrivals": { "kind": "poisson", "rate_per_s": -5 },
                "requests": [ { "name": "job", "weight": 1 } ] },
  "components": [
    { "id": "api", "kind": "service",
      "handlers": { "job": [ { "call": "nowhere" } ] } }
  ]
})";
    const QString path = writeTemp(dir, QStringLiteral("bad.json"), bad);
    const Outcome o = runCli({QStringLiteral("validate"), path});
    QCOMPARE(o.exitCode, 2);
    const QString err = QString::fromUtf8(o.err);
    QVERIFY2(err.contains(QLatin1String("$.workload.arrivals.rate_per_s")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("$.components[0].handlers.job[0].call")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("$.simulation.warmup_s")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("line 4: $.workload.arrivals.rate_per_s")),
             qPrintable(err));
    // one problem per line
    QVERIFY(err.trimmed().split(QLatin1Char('\n')).size() >= 3);
    // run refuses the same file with the same exit code
    QCOMPARE(runCli({QStringLiteral("run"), path}).exitCode, 2);
}

void tst_Cli::validateMalformedJson()
{
    QTemporaryDir dir;
    const QString path = writeTemp(dir,
                                   QStringLiteral("broken.json"),
                                   "{\n  \"format\": \"archsim-scenario\",\n  \"name\": oops\n}");
    const Outcome o = runCli({QStringLiteral("validate"), path});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("line 3"), o.err.constData());
}

void tst_Cli::missingFile()
{
    const Outcome o = runCli({QStringLiteral("run"), QStringLiteral("/nonexistent/x.json")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY(o.err.contains("/nonexistent/x.json"));
}

void tst_Cli::runJsonToStdoutMatchesEngine()
{
    const Outcome o = runCli({QStringLiteral("run"),
                              examplePath(QStringLiteral("mm1.json")),
                              QStringLiteral("--duration"),
                              QStringLiteral("60"),
                              QStringLiteral("--warmup"),
                              QStringLiteral("5"),
                              QStringLiteral("--json"),
                              QStringLiteral("-"),
                              QStringLiteral("--quiet")});
    QCOMPARE(o.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(o.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject root = doc.object();
    QCOMPARE(root.value(QLatin1String("format")).toString(), QStringLiteral("archsim-results"));
    QCOMPARE(root.value(QLatin1String("version")).toInt(), 1);
    QCOMPARE(root.value(QLatin1String("simulation"))
                 .toObject()
                 .value(QLatin1String("duration_s"))
                 .toDouble(),
             60.0);
    const QJsonObject all
        = root.value(QLatin1String("requests")).toObject().value(QLatin1String("_all")).toObject();
    for (const char *key :
         {"arrived", "completed", "failed", "in_flight_at_end", "throughput_per_s", "latency_ms"})
        QVERIFY2(all.contains(QLatin1String(key)), key);

    // the same scenario through the library gives the same figure
    Model::ScenarioLoad load = Model::loadScenarioFile(examplePath(QStringLiteral("mm1.json")));
    QVERIFY(load.ok());
    load.scenario->simulation.durationS = 60;
    load.scenario->simulation.warmupS = 5;
    const Model::CompiledScenario compiled = Model::compileScenario(*load.scenario);
    QVERIFY(compiled.ok());
    const Sim::RunResult r = Sim::runSimulation(compiled.spec);
    QCOMPARE(all.value(QLatin1String("completed")).toDouble(), r.requests.front().completed);
    QCOMPARE(all.value(QLatin1String("latency_ms"))
                 .toObject()
                 .value(QLatin1String("mean"))
                 .toDouble(),
             r.requests.front().latencyMs.mean);
    // M/M/1 at rho 0.8: utilisation near 0.8 (1 minute: a loose sanity check only; the
    // closed-form checks live in tests/simulation)
    const double util = root.value(QLatin1String("components"))
                            .toObject()
                            .value(QLatin1String("server"))
                            .toObject()
                            .value(QLatin1String("utilization"))
                            .toDouble();
    QVERIFY(util > 0.7 && util < 0.9);
}

void tst_Cli::runWritesJsonAndCsvFiles()
{
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("out.json"));
    const QString csv = dir.filePath(QStringLiteral("csv"));
    const Outcome o = runCli({QStringLiteral("run"),
                              examplePath(QStringLiteral("mm1.json")),
                              QStringLiteral("--duration"),
                              QStringLiteral("20"),
                              QStringLiteral("--warmup"),
                              QStringLiteral("1"),
                              QStringLiteral("--json"),
                              json,
                              QStringLiteral("--csv"),
                              csv});
    QCOMPARE(o.exitCode, 0);
    QVERIFY(o.out.contains("_all")); // the summary table still goes to stdout
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(QJsonDocument::fromJson(f.readAll()).isObject());
    for (const char *name : {"requests.csv", "components.csv", "series.csv"}) {
        QFile c(QDir(csv).filePath(QLatin1String(name)));
        QVERIFY2(c.open(QIODevice::ReadOnly), name);
        QVERIFY(c.readAll().count('\n') >= 2);
    }
}

void tst_Cli::overridesAreValidated()
{
    const Outcome o = runCli({QStringLiteral("run"),
                              examplePath(QStringLiteral("mm1.json")),
                              QStringLiteral("--duration"),
                              QStringLiteral("10"),
                              QStringLiteral("--warmup"),
                              QStringLiteral("20")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("warmup_s"), o.err.constData());
}

void tst_Cli::sameSeedSameBytes()
{
    const QStringList args = {QStringLiteral("run"),
                              examplePath(QStringLiteral("mm1.json")),
                              QStringLiteral("--duration"),
                              QStringLiteral("20"),
                              QStringLiteral("--warmup"),
                              QStringLiteral("1"),
                              QStringLiteral("--replications"),
                              QStringLiteral("3"),
                              QStringLiteral("--json"),
                              QStringLiteral("-"),
                              QStringLiteral("--quiet")};
    auto strip = [](const QByteArray &json) {
        // wall-clock figures differ between runs; everything else must not
        QJsonObject root = QJsonDocument::fromJson(json).object();
        root.remove(QLatin1String("engine"));
        return QJsonDocument(root).toJson();
    };
    const Outcome a = runCli(args);
    QStringList threads1 = args;
    threads1 << QStringLiteral("--threads") << QStringLiteral("1");
    const Outcome b = runCli(threads1);
    QCOMPARE(a.exitCode, 0);
    QCOMPARE(b.exitCode, 0);
    QCOMPARE(strip(a.out), strip(b.out));
    QStringList otherSeed = args;
    otherSeed << QStringLiteral("--seed") << QStringLiteral("99");
    QVERIFY(strip(runCli(otherSeed).out) != strip(a.out));
}

namespace {

/** Whether process `pid` has a handler for SIGINT: bit 2 of SigCgt in /proc/PID/status. */
bool catchesSigint(pid_t pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("SigCgt:"))
            return (line.mid(7).trimmed().toULongLong(nullptr, 16) & (1ULL << (SIGINT - 1))) != 0;
    }
    return false;
}

} // namespace

void tst_Cli::sigintCancels()
{
    QProcess p;
    p.start(QStringLiteral(ARCHSIM_CLI),
            {QStringLiteral("run"),
             examplePath(QStringLiteral("mm1.json")),
             QStringLiteral("--duration"),
             QStringLiteral("10000000"),
             QStringLiteral("--quiet")});
    QVERIFY(p.waitForStarted());
    // SIGINT before the CLI has installed its handler would kill it the default way (under the
    // sanitizers loading takes seconds): wait until /proc says the signal is caught
    const auto pid = static_cast<pid_t>(p.processId());
    QTRY_VERIFY_WITH_TIMEOUT(catchesSigint(pid), 20000);
    ::kill(pid, SIGINT);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 130);
}

void tst_Cli::benchListsModels()
{
    const Outcome o = runCli(
        {QStringLiteral("bench"), QStringLiteral("--model"), QStringLiteral("nonesuch")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY(o.err.contains("nonesuch"));
}

void tst_Cli::runsScenarioFromProject()
{
    QTemporaryDir dir;
    Model::ScenarioLoad load = Model::loadScenarioFile(examplePath(QStringLiteral("mm1.json")));
    QVERIFY(load.ok());
    Model::Project project;
    project.metadata.name = QStringLiteral("cli test");
    project.scenarios.append(Model::ProjectScenario::create(*load.scenario));
    const QString path = dir.filePath(QStringLiteral("p.archsim"));
    QString error;
    QVERIFY2(Model::ProjectStore::save(project, path, &error), qPrintable(error));
    const Outcome ok = runCli({QStringLiteral("run"),
                               path + QStringLiteral(":M/M/1 check"),
                               QStringLiteral("--duration"),
                               QStringLiteral("10"),
                               QStringLiteral("--warmup"),
                               QStringLiteral("1"),
                               QStringLiteral("--json"),
                               QStringLiteral("-"),
                               QStringLiteral("--quiet")});
    QCOMPARE(ok.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(ok.out).object().value(QLatin1String("scenario")).toString(),
             QStringLiteral("M/M/1 check"));
    const auto perHour = [](const Outcome &o) {
        return QJsonDocument::fromJson(o.out)
            .object()
            .value(QLatin1String("cost"))
            .toObject()
            .value(QLatin1String("per_hour"))
            .toDouble();
    };
    // the project's prices apply to its scenarios: one core at $1 per vCPU-hour, 1 GB free
    project.cost = Model::CostPrices{};
    project.cost->vcpuHour = 1.0;
    project.cost->gbHour = 0;
    QVERIFY2(Model::ProjectStore::save(project, path, &error), qPrintable(error));
    const Outcome priced = runCli({QStringLiteral("run"),
                                   path + QStringLiteral(":M/M/1 check"),
                                   QStringLiteral("--duration"),
                                   QStringLiteral("10"),
                                   QStringLiteral("--warmup"),
                                   QStringLiteral("1"),
                                   QStringLiteral("--json"),
                                   QStringLiteral("-")});
    QCOMPARE(priced.exitCode, 0);
    QCOMPARE(perHour(priced), 1.0);
    QVERIFY(perHour(ok) != 1.0);
    const Outcome missing = runCli({QStringLiteral("validate"), path + QStringLiteral(":nope")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("M/M/1 check"), missing.err.constData()); // lists what there is
    const Outcome notProject = runCli(
        {QStringLiteral("run"),
         dir.filePath(QStringLiteral("none.archsim")) + QStringLiteral(":x")});
    QCOMPARE(notProject.exitCode, 2);
}

/** A project on disk with the given scenarios (by name) and, optionally, one damaged entry. */
QString saveProject(const QTemporaryDir &dir, const QStringList &names, bool damaged = false)
{
    Model::ScenarioLoad load = Model::loadScenarioFile(examplePath(QStringLiteral("mm1.json")));
    Model::Project project;
    for (const QString &name : names) {
        Model::Scenario s = *load.scenario;
        s.name = name;
        project.scenarios.append(Model::ProjectScenario::create(s));
    }
    if (damaged) {
        Model::ProjectScenario broken = Model::ProjectScenario::create(*load.scenario);
        broken.scenario.name = QStringLiteral("broken");
        broken.unreadableJson = QByteArrayLiteral(
            "{\n  \"format\": \"archsim-scenario\",\n  oops\n}\n");
        project.scenarios.append(broken);
    }
    const QString path = dir.filePath(QStringLiteral("mine.archsim"));
    QString error;
    if (!Model::ProjectStore::save(project, path, &error))
        qFatal("cannot save %s", qPrintable(error));
    return path;
}

void tst_Cli::projectWithoutNameListsItsScenarios()
{
    QTemporaryDir dir;
    const QString path = saveProject(dir, {QStringLiteral("baseline"), QString()});
    const Outcome o = runCli({QStringLiteral("run"), path});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("is a project; name one of its scenarios as"), o.err.constData());
    QVERIFY2(o.err.contains("mine.archsim:NAME"), o.err.constData());
    QVERIFY2(o.err.contains("'baseline'"), o.err.constData());
    QVERIFY2(o.err.contains("(a scenario without a name)"), o.err.constData());
    QVERIFY2(!o.err.contains("not valid JSON"), o.err.constData());
    // a project with no scenarios says so instead of an empty list
    QTemporaryDir empty;
    const Outcome none = runCli(
        {QStringLiteral("validate"), saveProject(empty, {}) + QStringLiteral(":x")});
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains("the project has no scenarios"), none.err.constData());
}

void tst_Cli::damagedScenarioInProjectSaysWhere()
{
    QTemporaryDir dir;
    const QString path = saveProject(dir, {QStringLiteral("fine")}, true);
    const Outcome o = runCli({QStringLiteral("validate"), path + QStringLiteral(":broken")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("line 3, column"), o.err.constData()); // where the stored text breaks
    QVERIFY2(o.err.contains("cannot be read"), o.err.constData());
}

void tst_Cli::compareTwoScenarios()
{
    const QString monolith = examplePath(QStringLiteral("shop-monolith.json"));
    const QString micro = examplePath(QStringLiteral("shop-microservices.json"));
    const QStringList common = {QStringLiteral("--replications"),
                                QStringLiteral("3"),
                                QStringLiteral("--duration"),
                                QStringLiteral("20"),
                                QStringLiteral("--warmup"),
                                QStringLiteral("2")};
    // the table
    const Outcome table = runCli(QStringList{QStringLiteral("compare"), monolith, micro} + common);
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains("baseline: Shop: monolith"), table.out.constData());
    QVERIFY(table.out.contains("Shop: microservices − Shop: monolith (paired, 95% interval)"));
    QVERIFY(table.out.contains("p99 latency"));
    // the JSON on stdout, with the contract's keys
    const Outcome o = runCli(QStringList{QStringLiteral("compare"), monolith, micro} + common
                             + QStringList{QStringLiteral("--json"), QStringLiteral("-")});
    QCOMPARE(o.exitCode, 0);
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(o.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(root.value(QLatin1String("baseline")).toString(), QStringLiteral("Shop: monolith"));
    QCOMPARE(root.value(QLatin1String("replications")).toInt(), 3);
    QCOMPARE(root.value(QLatin1String("alternatives")).toArray().size(), 2);
    const QJsonObject delta = root.value(QLatin1String("deltas")).toArray().at(0).toObject();
    QCOMPARE(delta.value(QLatin1String("scenario")).toString(),
             QStringLiteral("Shop: microservices"));
    QVERIFY(delta.value(QLatin1String("cost_per_hour"))
                .toObject()
                .value(QLatin1String("significant"))
                .toBool()); // 7 replicas and a queue against 3 replicas
    // --no-crn runs, and says so
    const Outcome independent = runCli(QStringList{QStringLiteral("compare"), monolith, micro}
                                       + common + QStringList{QStringLiteral("--no-crn")});
    QCOMPARE(independent.exitCode, 0);
    QVERIFY(independent.out.contains("independent seeds (--no-crn)"));
}

void tst_Cli::compareRefusesBadArguments()
{
    const QString mm1 = examplePath(QStringLiteral("mm1.json"));
    const Outcome one = runCli({QStringLiteral("compare"), mm1});
    QCOMPARE(one.exitCode, 2);
    QVERIFY2(one.err.contains("compare takes 2 to 4 scenarios"), one.err.constData());
    const Outcome five = runCli({QStringLiteral("compare"), mm1, mm1, mm1, mm1, mm1});
    QCOMPARE(five.exitCode, 2);
    const Outcome missing = runCli(
        {QStringLiteral("compare"), mm1, QStringLiteral("/nonexistent/b.json")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("/nonexistent/b.json"));
    const Outcome flag = runCli({QStringLiteral("compare"), mm1, mm1, QStringLiteral("--bogus")});
    QCOMPARE(flag.exitCode, 2);
    const Outcome reps = runCli(
        {QStringLiteral("compare"), mm1, mm1, QStringLiteral("--replications"), "0"});
    QCOMPARE(reps.exitCode, 2);
}

void tst_Cli::sweepGridToJsonAndErrors()
{
    const QString mm1 = examplePath(QStringLiteral("mm1.json"));
    const Outcome o = runCli({QStringLiteral("sweep"),
                              mm1,
                              QStringLiteral("--set"),
                              QStringLiteral("workload.arrivals.rate_per_s=200..400:100"),
                              QStringLiteral("--set"),
                              QStringLiteral("components[server].replicas=1,2"),
                              QStringLiteral("--duration"),
                              QStringLiteral("20"),
                              QStringLiteral("--warmup"),
                              QStringLiteral("2"),
                              QStringLiteral("--json"),
                              QStringLiteral("-")});
    QCOMPARE(o.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(o.out).object();
    const QJsonArray points = root.value(QLatin1String("points")).toArray();
    QCOMPARE(points.size(), 6);
    const QJsonObject last = points.last().toObject().value(QLatin1String("set")).toObject();
    QCOMPARE(last.value(QLatin1String("workload.arrivals.rate_per_s")).toDouble(), 400.0);
    QCOMPARE(last.value(QLatin1String("components[server].replicas")).toDouble(), 2.0);
    QVERIFY(points.last().toObject().value(QLatin1String("results")).isObject());

    const Outcome bad = runCli({QStringLiteral("sweep"),
                                mm1,
                                QStringLiteral("--set"),
                                QStringLiteral("components[srv].replicas=1,2")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(
                 "components[srv]: no element with id or name 'srv'; there are server"),
             bad.err.constData());
    const Outcome none = runCli({QStringLiteral("sweep"), mm1});
    QCOMPARE(none.exitCode, 2);
    QVERIFY(none.err.contains("at least one --set"));
}

void tst_Cli::capacityUnderAnSlo()
{
    const QString mm1 = examplePath(QStringLiteral("mm1.json"));
    // M/M/1 with 1 ms service: mean < 5 ms holds below 800/s exactly
    const Outcome o = runCli({QStringLiteral("capacity"),
                              mm1,
                              QStringLiteral("--slo"),
                              QStringLiteral("mean<5ms"),
                              QStringLiteral("--precision"),
                              QStringLiteral("0.05"),
                              QStringLiteral("--json"),
                              QStringLiteral("-")});
    QCOMPARE(o.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(o.out).object();
    QCOMPARE(root.value(QLatin1String("slo")).toString(), QStringLiteral("mean<5ms"));
    const double max = root.value(QLatin1String("max_rate_per_s")).toDouble();
    QVERIFY2(max > 0.9 * 800 && max < 800, qPrintable(QString::number(max)));
    QVERIFY(!root.value(QLatin1String("points")).toArray().isEmpty());

    const Outcome bad = runCli(
        {QStringLiteral("capacity"), mm1, QStringLiteral("--slo"), QStringLiteral("p99<200")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("give the latency's unit"), bad.err.constData());
    const Outcome none = runCli({QStringLiteral("capacity"), mm1});
    QCOMPARE(none.exitCode, 2);
    QVERIFY(none.err.contains("--slo"));
}

void tst_Cli::shardedSweepMerges()
{
    QTemporaryDir dir;
    const QStringList sweep = {QStringLiteral("sweep"),
                               examplePath(QStringLiteral("mm1.json")),
                               // the first parameter's path sorts last: the CSV keeps
                               // the order given, not the JSON's sorted keys
                               QStringLiteral("--set"),
                               QStringLiteral("workload.arrivals.rate_per_s=400,700"),
                               QStringLiteral("--set"),
                               QStringLiteral("components[server].replicas=1..3"),
                               QStringLiteral("--duration"),
                               QStringLiteral("10"),
                               QStringLiteral("--warmup"),
                               QStringLiteral("1"),
                               QStringLiteral("--quiet"),
                               QStringLiteral("--json")};
    QStringList parts;
    for (int i = 1; i <= 2; ++i) {
        parts << dir.filePath(QStringLiteral("part%1.json").arg(i));
        const Outcome o = runCli(
            sweep
            + QStringList{parts.last(), QStringLiteral("--shard"), QStringLiteral("%1/2").arg(i)});
        QCOMPARE(o.exitCode, 0);
    }
    const QString merged = dir.filePath(QStringLiteral("merged.json"));
    const QString mergedCsv = dir.filePath(QStringLiteral("merged-csv"));
    const Outcome m = runCli(
        QStringList{QStringLiteral("merge")} + parts
        + QStringList{QStringLiteral("--out"), merged, QStringLiteral("--csv"), mergedCsv});
    QVERIFY2(m.exitCode == 0, m.err.constData());
    QFile f(merged);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject whole = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonArray points = whole.value(QLatin1String("points")).toArray();
    QCOMPARE(points.size(), 6);
    for (int k = 0; k < 6; ++k)
        QCOMPARE(points[k].toObject().value(QLatin1String("index")).toInt(), k);
    QCOMPARE(whole.value(QLatin1String("parameters")).toArray().first().toString(),
             QStringLiteral("workload.arrivals.rate_per_s"));
    // the merged CSV is the unsharded sweep's, byte for byte
    const QString onceCsv = dir.filePath(QStringLiteral("once-csv"));
    const Outcome once = runCli(
        sweep
        + QStringList{dir.filePath(QStringLiteral("once.json")), QStringLiteral("--csv"), onceCsv});
    QCOMPARE(once.exitCode, 0);
    QFile a(QDir(onceCsv).filePath(QStringLiteral("sweep.csv")));
    QFile b(QDir(mergedCsv).filePath(QStringLiteral("sweep.csv")));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const QByteArray unsharded = a.readAll();
    QVERIFY(unsharded.startsWith("workload.arrivals.rate_per_s,components[server].replicas,"));
    QCOMPARE(unsharded.count('\n'), 7);
    QCOMPARE(b.readAll(), unsharded);
    const Outcome missing = runCli(
        {QStringLiteral("merge"), parts[0], QStringLiteral("--out"), merged});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("shard(s) 2/2 missing"), missing.err.constData());
    const Outcome badShard = runCli(
        sweep + QStringList{parts[0], QStringLiteral("--shard"), QStringLiteral("3/2")});
    QCOMPARE(badShard.exitCode, 2);
}

namespace {

/** Results JSON without the wall-clock fields, the only ones a merge may change. */
QJsonObject withoutWall(QJsonObject results)
{
    QJsonObject engine = results.value(QLatin1String("engine")).toObject();
    for (const char *key : {"wall_s", "events_per_s", "replication_wall_s"})
        engine.remove(QLatin1String(key));
    results.insert(QStringLiteral("engine"), engine);
    return results;
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(cannot read)");
}

} // namespace

void tst_Cli::shardedRunMerges()
{
    QTemporaryDir dir;
    const QStringList run = {QStringLiteral("run"),
                             examplePath(QStringLiteral("mm1.json")),
                             QStringLiteral("--duration"),
                             QStringLiteral("20"),
                             QStringLiteral("--warmup"),
                             QStringLiteral("2"),
                             QStringLiteral("--replications"),
                             QStringLiteral("5"),
                             QStringLiteral("--quiet")};
    const QString wholeCsv = dir.filePath(QStringLiteral("whole"));
    const Outcome whole = runCli(run
                                 + QStringList{QStringLiteral("--json"),
                                               QStringLiteral("-"),
                                               QStringLiteral("--csv"),
                                               wholeCsv});
    QVERIFY2(whole.exitCode == 0, whole.err.constData());
    QStringList parts;
    for (int i = 1; i <= 2; ++i) {
        parts << dir.filePath(QStringLiteral("run%1.json").arg(i));
        const Outcome o = runCli(run
                                 + QStringList{QStringLiteral("--shard"),
                                               QStringLiteral("%1/2").arg(i),
                                               QStringLiteral("--json"),
                                               parts.last()});
        QVERIFY2(o.exitCode == 0, o.err.constData());
    }
    const QString merged = dir.filePath(QStringLiteral("merged.json"));
    const QString mergedCsv = dir.filePath(QStringLiteral("merged"));
    const Outcome m = runCli({QStringLiteral("merge"),
                              parts[1],
                              parts[0],
                              QStringLiteral("--out"),
                              merged,
                              QStringLiteral("--csv"),
                              mergedCsv});
    QVERIFY2(m.exitCode == 0, m.err.constData());
    QVERIFY2(m.out.contains("merged 2 part(s): 5 replication(s) of 'M/M/1"), m.out.constData());
    // the whole JSON, number for number, but for the wall-clock fields
    const QJsonObject expected = withoutWall(QJsonDocument::fromJson(whole.out).object());
    QVERIFY(expected.contains(QLatin1String("per_replication")));
    QCOMPARE(withoutWall(readJson(merged)), expected);
    for (const char *csv : {"requests.csv", "components.csv", "series.csv", "events.csv"})
        QCOMPARE(readAll(QDir(mergedCsv).filePath(QLatin1String(csv))),
                 readAll(QDir(wholeCsv).filePath(QLatin1String(csv))));
}

void tst_Cli::shardedCompareMerges()
{
    QTemporaryDir dir;
    const QStringList compare = {QStringLiteral("compare"),
                                 examplePath(QStringLiteral("shop-monolith.json")),
                                 examplePath(QStringLiteral("shop-microservices.json")),
                                 QStringLiteral("--replications"),
                                 QStringLiteral("4"),
                                 QStringLiteral("--duration"),
                                 QStringLiteral("20"),
                                 QStringLiteral("--warmup"),
                                 QStringLiteral("2"),
                                 QStringLiteral("--quiet")};
    const QString wholeCsv = dir.filePath(QStringLiteral("whole"));
    const Outcome whole = runCli(compare
                                 + QStringList{QStringLiteral("--json"),
                                               QStringLiteral("-"),
                                               QStringLiteral("--csv"),
                                               wholeCsv});
    QVERIFY2(whole.exitCode == 0, whole.err.constData());
    QStringList parts;
    for (int i = 1; i <= 3; ++i) {
        parts << dir.filePath(QStringLiteral("c%1.json").arg(i));
        const Outcome o = runCli(compare
                                 + QStringList{QStringLiteral("--shard"),
                                               QStringLiteral("%1/3").arg(i),
                                               QStringLiteral("--json"),
                                               parts.last()});
        QVERIFY2(o.exitCode == 0, o.err.constData());
    }
    const QString merged = dir.filePath(QStringLiteral("merged.json"));
    const QString mergedCsv = dir.filePath(QStringLiteral("merged"));
    const Outcome m = runCli({QStringLiteral("merge"),
                              parts[2],
                              parts[0],
                              parts[1],
                              QStringLiteral("--out"),
                              merged,
                              QStringLiteral("--csv"),
                              mergedCsv});
    QVERIFY2(m.exitCode == 0, m.err.constData());
    auto withoutWalls = [](QJsonObject c) {
        c.remove(QStringLiteral("wall_s"));
        QJsonArray alternatives;
        for (const QJsonValue &a : c.value(QLatin1String("alternatives")).toArray()) {
            QJsonObject o = a.toObject();
            o.insert(QStringLiteral("results"),
                     withoutWall(o.value(QLatin1String("results")).toObject()));
            alternatives.append(o);
        }
        c.insert(QStringLiteral("alternatives"), alternatives);
        return c;
    };
    const QJsonObject expected = withoutWalls(QJsonDocument::fromJson(whole.out).object());
    QCOMPARE(expected.value(QLatin1String("alternatives")).toArray().size(), 2);
    QCOMPARE(withoutWalls(readJson(merged)), expected);
    for (const char *csv : {"compare.csv", "deltas.csv"})
        QCOMPARE(readAll(QDir(mergedCsv).filePath(QLatin1String(csv))),
                 readAll(QDir(wholeCsv).filePath(QLatin1String(csv))));
}

void tst_Cli::mergeRefusesPartsThatDoNotBelong()
{
    QTemporaryDir dir;
    auto part = [&](const QString &name, const QString &shard, const QString &seed) {
        const QString path = dir.filePath(name);
        const Outcome o = runCli({QStringLiteral("run"),
                                  examplePath(QStringLiteral("mm1.json")),
                                  QStringLiteral("--duration"),
                                  QStringLiteral("10"),
                                  QStringLiteral("--warmup"),
                                  QStringLiteral("1"),
                                  QStringLiteral("--replications"),
                                  QStringLiteral("2"),
                                  QStringLiteral("--seed"),
                                  seed,
                                  QStringLiteral("--shard"),
                                  shard,
                                  QStringLiteral("--json"),
                                  path});
        if (o.exitCode != 0)
            qFatal("part failed: %s", o.err.constData());
        return path;
    };
    const QString one = part(QStringLiteral("one.json"),
                             QStringLiteral("1/2"),
                             QStringLiteral("1"));
    const QString two = part(QStringLiteral("two.json"),
                             QStringLiteral("2/2"),
                             QStringLiteral("1"));
    const QString seed2 = part(QStringLiteral("seed2.json"),
                               QStringLiteral("2/2"),
                               QStringLiteral("2"));
    const QString out = dir.filePath(QStringLiteral("merged.json"));
    auto merge = [&](const QStringList &files) {
        return runCli(QStringList{QStringLiteral("merge")} + files
                      + QStringList{QStringLiteral("--out"), out});
    };
    QCOMPARE(merge({one, two}).exitCode, 0);

    const Outcome seeds = merge({one, seed2});
    QCOMPARE(seeds.exitCode, 2);
    QVERIFY2(seeds.err.contains("seed2.json ran seed 2 but")
                 && seeds.err.contains("one.json ran seed 1"),
             seeds.err.constData());
    const Outcome twice = merge({one, two, one});
    QCOMPARE(twice.exitCode, 2);
    QVERIFY2(twice.err.contains("shard 1/2 is given twice") && twice.err.contains("one.json"),
             twice.err.constData());
    const Outcome missing = merge({two});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("shard(s) 1/2 missing"), missing.err.constData());
    // a scenario, a results JSON, not JSON at all
    const Outcome scenario = merge({one, examplePath(QStringLiteral("mm1.json"))});
    QCOMPARE(scenario.exitCode, 2);
    QVERIFY2(scenario.err.contains("mm1.json is not a part of a sharded sweep, run or comparison"),
             scenario.err.constData());
    const QString results = dir.filePath(QStringLiteral("results.json"));
    QCOMPARE(runCli({QStringLiteral("run"),
                     examplePath(QStringLiteral("mm1.json")),
                     QStringLiteral("--duration"),
                     QStringLiteral("10"),
                     QStringLiteral("--warmup"),
                     QStringLiteral("1"),
                     QStringLiteral("--quiet"),
                     QStringLiteral("--json"),
                     results})
                 .exitCode,
             0);
    const Outcome whole = merge({results, one});
    QCOMPARE(whole.exitCode, 2);
    QVERIFY2(whole.err.contains("results.json is the JSON of a whole run, not a part"),
             whole.err.constData());
    const QString garbage = writeTemp(dir, QStringLiteral("garbage.json"), "{ not json");
    const Outcome broken = merge({one, garbage});
    QCOMPARE(broken.exitCode, 2);
    QVERIFY2(broken.err.contains("garbage.json"), broken.err.constData());
    // parts of a run and of a sweep
    const QString sweepPart = dir.filePath(QStringLiteral("sweep1.json"));
    QCOMPARE(runCli({QStringLiteral("sweep"),
                     examplePath(QStringLiteral("mm1.json")),
                     QStringLiteral("--set"),
                     QStringLiteral("components[server].replicas=1,2"),
                     QStringLiteral("--duration"),
                     QStringLiteral("10"),
                     QStringLiteral("--warmup"),
                     QStringLiteral("1"),
                     QStringLiteral("--shard"),
                     QStringLiteral("1/2"),
                     QStringLiteral("--quiet"),
                     QStringLiteral("--json"),
                     sweepPart})
                 .exitCode,
             0);
    const Outcome mixed = merge({one, sweepPart});
    QCOMPARE(mixed.exitCode, 2);
    QVERIFY2(mixed.err.contains("sweep1.json is a part of a sweep but")
                 && mixed.err.contains("one.json"),
             mixed.err.constData());
}

void tst_Cli::shardNeedsEnoughReplications()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("part.json"));
    const Outcome run = runCli({QStringLiteral("run"),
                                examplePath(QStringLiteral("mm1.json")),
                                QStringLiteral("--replications"),
                                QStringLiteral("2"),
                                QStringLiteral("--shard"),
                                QStringLiteral("3/4"),
                                QStringLiteral("--json"),
                                out});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--shard 3/4: 2 replication(s) cannot be split into 4 parts"),
             run.err.constData());
    QVERIFY(!QFile::exists(out));
    const Outcome compare = runCli({QStringLiteral("compare"),
                                    examplePath(QStringLiteral("mm1.json")),
                                    examplePath(QStringLiteral("mm1.json")),
                                    QStringLiteral("--replications"),
                                    QStringLiteral("2"),
                                    QStringLiteral("--shard"),
                                    QStringLiteral("3/4"),
                                    QStringLiteral("--json"),
                                    out});
    QCOMPARE(compare.exitCode, 2);
    QVERIFY2(compare.err.contains("--shard 3/4: 2 replication(s) cannot be split into 4 parts"),
             compare.err.constData());
    // a part is for merge: it needs --json, and its CSV comes from the merge
    const Outcome noJson = runCli({QStringLiteral("run"),
                                   examplePath(QStringLiteral("mm1.json")),
                                   QStringLiteral("--replications"),
                                   QStringLiteral("2"),
                                   QStringLiteral("--shard"),
                                   QStringLiteral("1/2")});
    QCOMPARE(noJson.exitCode, 2);
    QVERIFY2(noJson.err.contains("--json"), noJson.err.constData());
    const Outcome badSyntax = runCli({QStringLiteral("compare"),
                                      examplePath(QStringLiteral("mm1.json")),
                                      examplePath(QStringLiteral("mm1.json")),
                                      QStringLiteral("--shard"),
                                      QStringLiteral("0/2"),
                                      QStringLiteral("--json"),
                                      out});
    QCOMPARE(badSyntax.exitCode, 2);
    QVERIFY2(badSyntax.err.contains("expected I/N"), badSyntax.err.constData());
}

void tst_Cli::runChecksTheScenariosSlo()
{
    QTemporaryDir dir;
    QFile f(examplePath(QStringLiteral("mm1.json")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    const qsizetype at = text.indexOf("\"version\": 1");
    QVERIFY(at > 0);
    // M/M/1 at rho 0.8 with 1 ms service: mean 5 ms
    text.insert(at, "\"slo\": \"mean<10ms,errors<1%\", ");
    const QString withSlo = writeTemp(dir, QStringLiteral("mm1-slo.json"), text);

    const Outcome met = runCli({QStringLiteral("run"), withSlo});
    QCOMPARE(met.exitCode, 0);
    QVERIFY2(met.out.contains("SLO mean<10ms,errors<1%: met (mean "), met.out.constData());
    const Outcome json = runCli(
        {QStringLiteral("run"), withSlo, QStringLiteral("--json"), QStringLiteral("-")});
    const QJsonObject slo
        = QJsonDocument::fromJson(json.out).object().value(QLatin1String("slo")).toObject();
    QCOMPARE(slo.value(QLatin1String("holds")).toBool(), true);
    QCOMPARE(slo.value(QLatin1String("conditions")).toArray().size(), 2);

    // --slo replaces the scenario's; a failing one says which condition failed
    const Outcome notMet = runCli(
        {QStringLiteral("run"), withSlo, QStringLiteral("--slo"), QStringLiteral("mean<2ms")});
    QCOMPARE(notMet.exitCode, 0);
    QVERIFY2(notMet.out.contains("SLO mean<2ms: NOT met (mean "), notMet.out.constData());
    const Outcome bad = runCli(
        {QStringLiteral("run"), withSlo, QStringLiteral("--slo"), QStringLiteral("p99<2")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("$.slo") && bad.err.contains("unit"), bad.err.constData());

    // capacity takes the scenario's SLO when --slo is left out
    const Outcome capacity = runCli({QStringLiteral("capacity"),
                                     withSlo,
                                     QStringLiteral("--precision"),
                                     QStringLiteral("0.05"),
                                     QStringLiteral("--json"),
                                     QStringLiteral("-")});
    QCOMPARE(capacity.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(capacity.out).object().value(QLatin1String("slo")).toString(),
             QStringLiteral("mean<10ms,errors<1%"));
}

void tst_Cli::lintTextJsonAndExitCodes()
{
    const QString monolith = examplePath(QStringLiteral("shop-monolith.json"));
    // one line per finding; findings are no failure (docs/lint.md lists the example's)
    const Outcome text = runCli({QStringLiteral("lint"), monolith});
    QVERIFY2(text.exitCode == 0, text.err.constData());
    const QStringList lines = QString::fromUtf8(text.out).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(QLatin1String("warning retry-without-backoff monolith: ")),
             qPrintable(lines.at(0)));
    QVERIFY2(lines.at(0).contains(QLatin1String("'payments'")), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(0).contains(QLatin1String(" Fix: ")), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(QLatin1String("warning cache-stampede catalog_cache: ")),
             qPrintable(lines.at(1)));
    QVERIFY(text.err.contains("2 finding(s), 2 warning(s)"));

    // --json -: the JSON alone on stdout
    const Outcome json = runCli(
        {QStringLiteral("lint"), monolith, QStringLiteral("--json"), QStringLiteral("-")});
    QCOMPARE(json.exitCode, 0);
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(json.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, json.out.constData());
    QCOMPARE(root.keys(), QStringList{QStringLiteral("findings")});
    const QJsonArray findings = root.value(QLatin1String("findings")).toArray();
    QCOMPARE(findings.size(), 2);
    const QJsonObject first = findings.at(0).toObject();
    QCOMPARE(first.value(QLatin1String("rule")).toString(),
             QStringLiteral("retry-without-backoff"));
    QCOMPARE(first.value(QLatin1String("severity")).toString(), QStringLiteral("warning"));
    QCOMPARE(first.value(QLatin1String("component")).toString(), QStringLiteral("monolith"));
    QVERIFY(!first.value(QLatin1String("message")).toString().isEmpty());
    QVERIFY(!first.value(QLatin1String("hint")).toString().isEmpty());
    QCOMPARE(findings.at(1).toObject().value(QLatin1String("rule")).toString(),
             QStringLiteral("cache-stampede"));

    // --json FILE: the lines on stdout and the same JSON in the file
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lint.json"));
    const Outcome file = runCli({QStringLiteral("lint"), monolith, QStringLiteral("--json"), path});
    QCOMPARE(file.exitCode, 0);
    QCOMPARE(file.out, text.out);
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(written.readAll()).object(), root);

    // a scenario of a project, as PROJECT.archsim:NAME
    Model::ScenarioLoad load = Model::loadScenarioFile(monolith);
    QVERIFY(load.ok());
    Model::Project project;
    project.metadata.name = QStringLiteral("lint test");
    project.scenarios.append(Model::ProjectScenario::create(*load.scenario));
    const QString projectPath = dir.filePath(QStringLiteral("shop.archsim"));
    QString saveError;
    QVERIFY2(Model::ProjectStore::save(project, projectPath, &saveError), qPrintable(saveError));
    const Outcome stored = runCli(
        {QStringLiteral("lint"), projectPath + QStringLiteral(":Shop: monolith")});
    QCOMPARE(stored.exitCode, 0);
    QCOMPARE(stored.out, text.out);
    QCOMPARE(runCli({QStringLiteral("lint"), projectPath + QStringLiteral(":nope")}).exitCode, 2);
    // the project's silenced finding: listed apart with its reason, in text and JSON
    project.lint.silenced.append({project.scenarios.first().id,
                                  QStringLiteral("cache-stampede"),
                                  QStringLiteral("catalog_cache"),
                                  QStringLiteral("The catalogue is warmed before launch.")});
    QVERIFY2(Model::ProjectStore::save(project, projectPath, &saveError), qPrintable(saveError));
    const Outcome silenced = runCli(
        {QStringLiteral("lint"), projectPath + QStringLiteral(":Shop: monolith")});
    QCOMPARE(silenced.exitCode, 0);
    const QStringList silencedLines
        = QString::fromUtf8(silenced.out).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(silencedLines.size(), 2);
    QCOMPARE(silencedLines.at(0), lines.at(0));
    QCOMPARE(silencedLines.at(1),
             QStringLiteral("silenced cache-stampede catalog_cache: The catalogue is warmed "
                            "before launch."));
    QVERIFY2(silenced.err.contains("1 finding(s), 1 warning(s), 1 silenced"),
             silenced.err.constData());
    const QJsonObject silencedJson = QJsonDocument::fromJson(
                                         runCli({QStringLiteral("lint"),
                                                 projectPath + QStringLiteral(":Shop: monolith"),
                                                 QStringLiteral("--json"),
                                                 QStringLiteral("-")})
                                             .out)
                                         .object();
    QCOMPARE(silencedJson.value(QLatin1String("findings")).toArray().size(), 1);
    QCOMPARE(silencedJson.value(QLatin1String("silenced"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("reason"))
                 .toString(),
             QStringLiteral("The catalogue is warmed before launch."));
    // and its thresholds: a zipf limit above the example's skew, no cache-stampede at all
    project.lint.silenced.clear();
    project.lint.thresholds.hotCacheZipf = 5;
    QVERIFY2(Model::ProjectStore::save(project, projectPath, &saveError), qPrintable(saveError));
    const Outcome relaxed = runCli(
        {QStringLiteral("lint"), projectPath + QStringLiteral(":Shop: monolith")});
    QVERIFY2(relaxed.err.contains("1 finding(s), 1 warning(s)")
                 && !relaxed.err.contains("silenced"),
             relaxed.err.constData());
    // lint settings that cannot be read: said on stderr, and the defaults apply
    QVERIFY(PersistenceTest::execOn(projectPath,
                                    QStringLiteral("UPDATE project_meta SET value = "
                                                   "'{\"thresholds\": {\"bogus\": 1}}' WHERE "
                                                   "key = 'lint'")));
    const Outcome damaged = runCli(
        {QStringLiteral("lint"), projectPath + QStringLiteral(":Shop: monolith")});
    QCOMPARE(damaged.exitCode, 0);
    QVERIFY2(damaged.err.contains("warning: " + projectPath.toUtf8()
                                  + ": The project's lint settings could not be read")
                 && damaged.err.contains("bogus"),
             damaged.err.constData());
    QCOMPARE(damaged.out, text.out);

    // no findings: exit 0, nothing on stdout, an empty list in JSON
    const QString mm1 = examplePath(QStringLiteral("mm1.json"));
    const Outcome clean = runCli({QStringLiteral("lint"), mm1});
    QCOMPARE(clean.exitCode, 0);
    QVERIFY(clean.out.isEmpty());
    const Outcome cleanJson = runCli(
        {QStringLiteral("lint"), mm1, QStringLiteral("--json"), QStringLiteral("-")});
    QCOMPARE(cleanJson.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(cleanJson.out)
                 .object()
                 .value(QLatin1String("findings"))
                 .toArray()
                 .size(),
             0);

    // unreadable input and bad arguments: exit 2
    const Outcome missing = runCli({QStringLiteral("lint"), QStringLiteral("/nonexistent/x.json")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.out.isEmpty());
    const QString broken = writeTemp(dir, QStringLiteral("broken.json"), "{ not json");
    QCOMPARE(runCli({QStringLiteral("lint"), broken}).exitCode, 2);
    QCOMPARE(runCli({QStringLiteral("lint")}).exitCode, 2);
    QCOMPARE(runCli({QStringLiteral("lint"), mm1, QStringLiteral("--bogus")}).exitCode, 2);
    QCOMPARE(runCli({QStringLiteral("lint"), mm1, QStringLiteral("--json")}).exitCode, 2);
    // the usage names the command
    QVERIFY(runCli({}).err.contains("archsim-cli lint SCENARIO"));
}

void tst_Cli::overloadedRunStopsWithAVerdict()
{
    // Issue 18: the M/M/1 example at 1,000,000 requests/s with no queue limit. Validation
    // warns before the run; the run stops at its 48 MB budget with the verdict on stderr and
    // exit code 1, and --json holds the figures so far, marked partial.
    QTemporaryDir dir;
    QByteArray text = readAll(examplePath(QStringLiteral("mm1.json")));
    QVERIFY(text.contains("\"rate_per_s\": 800"));
    text.replace("\"rate_per_s\": 800", "\"rate_per_s\": 1000000");
    text.replace(", \"queue_limit\": 1000000", "");
    const QString scenario = writeTemp(dir, QStringLiteral("overloaded.json"), text);
    const QString json = dir.filePath(QStringLiteral("out.json"));

    const Outcome v = runCli({QStringLiteral("validate"), scenario});
    QCOMPARE(v.exitCode, 0);
    QVERIFY2(v.err.contains("warning: line 9: $.components[0]: 'server' is offered about "
                            "1,000,000 requests/s but can serve about 1,000/s (limited by its "
                            "cores)"),
             v.err.constData());

    const Outcome o = runCli({QStringLiteral("run"),
                              scenario,
                              QStringLiteral("--max-memory"),
                              QStringLiteral("48"),
                              // the example's 100 s warm-up would leave the request figures
                              // empty: the run stops long before it ends
                              QStringLiteral("--warmup"),
                              QStringLiteral("0"),
                              QStringLiteral("--quiet"),
                              QStringLiteral("--json"),
                              json});
    QCOMPARE(o.exitCode, 1);
    const QString err = QString::fromLocal8Bit(o.err);
    QVERIFY2(err.contains(QRegularExpression(
                 QStringLiteral("stopped at [0-9.]+ s simulated: [0-9,.]+( million)? requests "
                                "waiting at 'server' \\(arrivals 1,000,000/s, capacity about "
                                "(9[0-9]0|1,0[0-9]0)/s\\): the system is overloaded"))),
             qPrintable(err));
    const QJsonObject results = QJsonDocument::fromJson(readAll(json)).object();
    QCOMPARE(results.value(QLatin1String("partial")).toBool(), true);
    const QJsonObject stop = results.value(QLatin1String("stop")).toObject();
    QCOMPARE(stop.value(QLatin1String("reason")).toString(), QStringLiteral("memory_budget"));
    QCOMPARE(stop.value(QLatin1String("component")).toString(), QStringLiteral("server"));
    QCOMPARE(stop.value(QLatin1String("overloaded")).toBool(), true);
    QCOMPARE(stop.value(QLatin1String("budget_mb")).toDouble(), 48.0);
    QVERIFY(err.contains(stop.value(QLatin1String("verdict")).toString()));
    const double stoppedAt = stop.value(QLatin1String("t_s")).toDouble();
    QVERIFY(stoppedAt > 0 && stoppedAt < 2000);
    // the partial figures read as any results: every request arrived is accounted for
    const QJsonObject all = results.value(QLatin1String("requests"))
                                .toObject()
                                .value(QLatin1String("_all"))
                                .toObject();
    const double arrived = all.value(QLatin1String("arrived")).toDouble();
    QVERIFY(arrived > 100000);
    QCOMPARE(arrived,
             all.value(QLatin1String("completed")).toDouble()
                 + all.value(QLatin1String("failed")).toDouble()
                 + all.value(QLatin1String("in_flight_at_end")).toDouble());

    // a bad budget is bad input
    QCOMPARE(runCli({QStringLiteral("run"),
                     scenario,
                     QStringLiteral("--max-memory"),
                     QStringLiteral("0")})
                 .exitCode,
             2);
}

namespace {

/** The built-in example project (with its decision) saved in `dir`. */
QString saveExampleProject(const QTemporaryDir &dir)
{
    QStringList problems;
    Model::Project project = Model::ProjectDocument::exampleProject(TestSupport::sourcePath(
                                                                        QStringLiteral(
                                                                            "resources/examples")),
                                                                    &problems);
    if (!problems.isEmpty())
        qFatal("%s", qPrintable(problems.join(QLatin1Char('\n'))));
    const QString path = dir.filePath(QStringLiteral("examples.archsim"));
    QString error;
    if (!Model::ProjectStore::save(project, path, &error))
        qFatal("cannot save %s", qPrintable(error));
    return path;
}

} // namespace

void tst_Cli::decideWritesTheAdrAndJson()
{
    QTemporaryDir dir;
    const QString project = saveExampleProject(dir);
    const QString adr = dir.filePath(QStringLiteral("adr.md"));
    const QString json = dir.filePath(QStringLiteral("decision.json"));
    const Outcome o = runCli({QStringLiteral("decide"),
                              project + QStringLiteral(":Shop: monolith or microservices?"),
                              QStringLiteral("--adr"),
                              adr,
                              QStringLiteral("--json"),
                              json,
                              QStringLiteral("--threads"),
                              QStringLiteral("2")},
                             240000);
    QVERIFY2(o.exitCode == 0, o.err.constData());
    QVERIFY2(o.out.contains("1. Shop: monolith"), o.out.constData());
    QVERIFY2(o.out.contains("no change within 0–100% flips it"), o.out.constData());
    QVERIFY2(o.err.contains("Running the alternatives with the fault..."), o.err.constData());
    // the ADR is the reviewed fixture of tests/model/tst_decision
    QFile written(adr);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QFile fixture(TestSupport::sourcePath(QStringLiteral("tests/golden/shop-decision.adr.md")));
    QVERIFY(fixture.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), fixture.readAll());
    QFile j(json);
    QVERIFY(j.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(j.readAll()).object();
    QCOMPARE(root.value(QLatin1String("format")).toString(),
             QStringLiteral("archsim-decision-result"));
    const QJsonArray ranking = root.value(QLatin1String("ranking")).toArray();
    QCOMPARE(ranking.size(), 2);
    QCOMPARE(ranking.at(0).toObject().value(QLatin1String("alternative")).toString(),
             QStringLiteral("Shop: monolith"));
    QCOMPARE(root.value(QLatin1String("criteria")).toArray().size(),
             qsizetype(Model::decisionCriteria().size()));
}

void tst_Cli::decideRefusesWhatItCannotDecide()
{
    QTemporaryDir dir;
    const QString project = saveExampleProject(dir);
    Outcome o = runCli({QStringLiteral("decide"), project + QStringLiteral(":Nope")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("no decision named 'Nope'; the project has 'Shop: monolith or "
                            "microservices?'"),
             o.err.constData());
    o = runCli({QStringLiteral("decide"), project});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("PROJECT.archsim:DECISION"), o.err.constData());
    // an alternative that is not in the project: its JSON path in the project's decisions
    Model::ProjectLoad load = Model::ProjectStore::load(project);
    QVERIFY(load.ok());
    load.project->decisions[0].alternatives[1] = QStringLiteral("Shop: serverless");
    QString error;
    QVERIFY(Model::ProjectStore::save(*load.project, project, &error));
    o = runCli(
        {QStringLiteral("decide"), project + QStringLiteral(":Shop: monolith or microservices?")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("$.decisions[0].alternatives[1]"), o.err.constData());
    QVERIFY2(o.err.contains("no scenario named 'Shop: serverless'"), o.err.constData());
    QVERIFY(runCli({}).err.contains("archsim-cli decide PROJECT.archsim:DECISION"));
    // an ADR or JSON that cannot be written is said before the simulations run
    const QString nowhere = dir.filePath(QStringLiteral("no/such/folder/adr.md"));
    o = runCli({QStringLiteral("decide"),
                project + QStringLiteral(":Shop: monolith or microservices?"),
                QStringLiteral("--adr"),
                nowhere});
    QCOMPARE(o.exitCode, 1);
    QVERIFY2(o.err.contains("cannot write " + nowhere.toUtf8()) && o.err.contains("does not exist"),
             o.err.constData());
    QVERIFY2(o.out.isEmpty(), o.out.constData()); // nothing ran
}

void tst_Cli::migratePrintsTheTrajectory()
{
    QTemporaryDir dir;
    const QString plan = examplePath(QStringLiteral("plans/shop-strangler.json"));
    const QStringList quick{QStringLiteral("--replications"),
                            QStringLiteral("2"),
                            QStringLiteral("--duration"),
                            QStringLiteral("40"),
                            QStringLiteral("--warmup"),
                            QStringLiteral("10"),
                            QStringLiteral("--quiet")};
    Outcome o = runCli(
        QStringList{QStringLiteral("migrate"), plan, QStringLiteral("--json"), QStringLiteral("-")}
        + quick);
    QCOMPARE(o.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(o.out).object();
    QCOMPARE(json.value("plan").toString(), QStringLiteral("Shop: strangler plan"));
    const QJsonArray steps = json.value("steps").toArray();
    QCOMPARE(steps.size(), 18); // the start and 17 steps
    QCOMPARE(steps[0].toObject().value("action").toString(), QStringLiteral("start"));
    QCOMPARE(steps[1].toObject().value("action").toString(), QStringLiteral("facade"));
    for (const QJsonValue &v : steps) {
        const QJsonObject step = v.toObject();
        QVERIFY(!step.value("name").toString().isEmpty());
        QVERIFY(step.value("scenario").toObject().contains("components"));
        QVERIFY(step.value("results").toObject().contains("requests"));
    }
    QCOMPARE(steps.last().toObject().value("deployables").toInt(), 4);
    // the same plan from the example project, with its text table and CSV
    const QString project = saveExampleProject(dir);
    o = runCli(QStringList{QStringLiteral("migrate"),
                           project + QStringLiteral(":Shop: strangler plan"),
                           QStringLiteral("--csv"),
                           dir.filePath(QStringLiteral("csv"))}
               + quick);
    QCOMPARE(o.exitCode, 0);
    QVERIFY2(o.out.contains("Retire orders from the monolith"), o.out.constData());
    QVERIFY2(o.out.contains("deployables"), o.out.constData());
    QFile csv(dir.filePath(QStringLiteral("csv/trajectory.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().count('\n'), 19); // a header and 18 steps
}

void tst_Cli::migrateRefusesBadPlans()
{
    QTemporaryDir dir;
    QByteArray text = readExampleFile(QStringLiteral("plans/shop-strangler.json"));
    text.replace("\"module\": \"cart\", \"service\"", "\"module\": \"basket\", \"service\"");
    // the start is relative to the plan file: copy the monolith next to it
    writeTemp(dir,
              QStringLiteral("shop-monolith.json"),
              readExampleFile(QStringLiteral("shop-monolith.json")));
    QDir(dir.path()).mkdir(QStringLiteral("plans"));
    const QString plan = writeTemp(dir, QStringLiteral("plans/bad.json"), text);
    Outcome o = runCli({QStringLiteral("migrate"), plan, QStringLiteral("--quiet")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("$.steps[7].module"), o.err.constData());
    QVERIFY2(o.err.contains("has no module 'basket'; its modules are cart, catalog, orders"),
             o.err.constData());
    // a plan that is not JSON: line and column
    const QString broken = writeTemp(dir, QStringLiteral("broken.json"), "{\n \"format\": }");
    o = runCli({QStringLiteral("migrate"), broken});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("line 2"), o.err.constData());
    o = runCli({QStringLiteral("migrate"), saveExampleProject(dir) + QStringLiteral(":Nope")});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("no plan named 'Nope'; the project has 'Shop: strangler plan'"),
             o.err.constData());
}

namespace {

/** docs/report.md, "How numbers are written", in the C locale that these tests run the CLI
 *  in (LC_ALL=C.UTF-8, useCLocale): a comma groups thousands, a point marks the decimals.
 *  Written here from the rules, not with the GUI's functions. */
QString cNumber(double v, int decimals)
{
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions); // Qt's C locale leaves the commas out
    return c.toString(v, 'f', decimals);
}

/** Latencies: three significant digits or more. */
QString reportMs(double ms)
{
    const double m = std::abs(ms);
    return cNumber(ms, m == 0 ? 0 : m < 10 ? 3 : m < 100 ? 2 : m < 10000 ? 1 : 0);
}

/** Rates: three decimals below 10, two below 1000, else one. */
QString reportRate(double rate)
{
    const double m = std::abs(rate);
    return cNumber(rate, m == 0 ? 0 : m < 10 ? 3 : m < 1000 ? 2 : 1);
}

/** Counts: integers, a mean over replications with one decimal. */
QString reportCount(double n)
{
    return cNumber(n, std::abs(n - std::round(n)) < 1e-9 ? 0 : 1);
}

/** The CLI's children write their figures in the C locale, whatever the machine's is. */
void useCLocale()
{
    qputenv("LC_ALL", "C.UTF-8");
}

/** The poppler tool this machine lacks (scripts/setup installs poppler-utils), or nothing. */
QString missingPoppler()
{
    for (const char *tool : {"pdfinfo", "pdffonts", "pdftoppm", "pdftotext"}) {
        if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty())
            return QStringLiteral("%1 is not installed (scripts/setup installs poppler-utils)")
                .arg(QLatin1String(tool));
    }
    return {};
}

QString runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qWarning("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput());
}

/** pdftotext's text, with the ligatures DejaVu draws (ﬁ, ﬀ, ﬂ, ﬃ, ﬄ) spelt out. */
QString pdfText(const QString &file)
{
    return TestSupport::withoutLigatures(
        runTool(QStringLiteral("pdftotext"), {file, QStringLiteral("-")}));
}

QString pdfInfo(const QString &file)
{
    return runTool(QStringLiteral("pdfinfo"), {file});
}

/**
 * What issue 15 asks of every report: pdfinfo gives the page count the CLI said and the
 * paper (`size`, e.g. "595 x 842 pts (A4)"); pdffonts lists every font embedded; pdftoppm
 * renders every page. A failed check fails the calling test (QTest::currentTestFailed).
 */
void checkReportPdf(const QString &pdf, int pages, const QString &size)
{
    const QString info = pdfInfo(pdf);
    const QRegularExpressionMatch count
        = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    QVERIFY2(count.hasMatch() && count.captured(1).toInt() == pages,
             qPrintable(QStringLiteral("%1 pages expected:\n%2").arg(pages).arg(info)));
    QVERIFY2(info.contains(QStringLiteral("Page size:       ") + size), qPrintable(info));
    const QStringList fonts = runTool(QStringLiteral("pdffonts"), {pdf})
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                                  .mid(2);
    QVERIFY(!fonts.isEmpty());
    for (const QString &line : fonts) {
        // name type encoding emb sub uni object ID
        const QStringList cols = line.simplified().split(QLatin1Char(' '));
        QVERIFY2(cols.size() >= 7 && cols.at(cols.size() - 5) == QLatin1String("yes"),
                 qPrintable(line));
    }
    QTemporaryDir images;
    QVERIFY(images.isValid());
    runTool(QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"),
             QStringLiteral("15"),
             QStringLiteral("-png"),
             pdf,
             images.filePath(QStringLiteral("page"))});
    const QFileInfoList rendered = QDir(images.path()).entryInfoList({QStringLiteral("page*.png")});
    QCOMPARE(int(rendered.size()), pages);
    for (const QFileInfo &image : rendered)
        QVERIFY2(image.size() > 0, qPrintable(image.fileName()));
}

/** The "_all" request figures of `archsim-cli run SCENARIO --replications N --json`. */
QJsonObject allRequestsOfRun(const QString &scenario, int replications, const QString &json)
{
    const Outcome run = runCli({QStringLiteral("run"),
                                scenario,
                                QStringLiteral("--replications"),
                                QString::number(replications),
                                QStringLiteral("--json"),
                                json,
                                QStringLiteral("--quiet")});
    if (run.exitCode != 0)
        qWarning("run %s: %s", qPrintable(scenario), run.err.constData());
    QFile f(json);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll())
        .object()
        .value(QStringLiteral("requests"))
        .toObject()
        .value(QStringLiteral("_all"))
        .toObject();
}

/**
 * The key figures of a run's results JSON (`all`: its "_all" request figures) are in the
 * report's text as docs/report.md writes them: throughput, the mean and percentiles,
 * completed requests and the error rate. Each figure is checked to be there at all first, so
 * that an empty object cannot pass as "0".
 */
void checkKeyFigures(const QString &text, const QJsonObject &all, const QString &what)
{
    const QJsonObject latency = all.value(QStringLiteral("latency_ms")).toObject();
    const double throughput = all.value(QStringLiteral("throughput_per_s")).toDouble();
    const double completed = all.value(QStringLiteral("completed")).toDouble();
    const double failed = all.value(QStringLiteral("failed")).toDouble();
    QVERIFY2(throughput > 0 && completed > 0 && latency.value(QStringLiteral("p99")).toDouble() > 0,
             qPrintable(what + QStringLiteral(": no figures in the results JSON")));
    QStringList figures{reportRate(throughput) + QStringLiteral("/s"),
                        reportCount(completed),
                        cNumber(100 * failed / (completed + failed), 1) + QLatin1Char('%')};
    for (const char *key : {"mean", "p50", "p95", "p99"})
        figures << reportMs(latency.value(QLatin1String(key)).toDouble());
    for (const QString &figure : std::as_const(figures))
        QVERIFY2(text.contains(figure), qPrintable(what + QStringLiteral(": ") + figure));
}

} // namespace

void tst_Cli::reportOfAScenarioHoldsItsFigures()
{
    if (const QString missing = missingPoppler(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    useCLocale();
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("mm1.pdf"));
    const QString json = dir.filePath(QStringLiteral("mm1.json"));
    // no display: the report runs on the offscreen platform by itself
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(ARCHSIM_CLI),
            {QStringLiteral("report"),
             examplePath(QStringLiteral("mm1.json")),
             QStringLiteral("--replications"),
             QStringLiteral("2"),
             QStringLiteral("--author"),
             QStringLiteral("CLI test"),
             QStringLiteral("--out"),
             pdf});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QRegularExpressionMatch pages
        = QRegularExpression(QStringLiteral("mm1.pdf: (\\d+) pages \\(A4\\)")).match(out);
    QVERIFY2(pages.hasMatch(), qPrintable(out));
    // title, contents, summary, the scenario (topology, tables, charts), the appendix
    QVERIFY2(pages.captured(1).toInt() >= 6, qPrintable(out));
    checkReportPdf(pdf, pages.captured(1).toInt(), QStringLiteral("595 x 842 pts (A4)"));
    if (QTest::currentTestFailed())
        return;

    // the same run's results JSON: its key figures are in the PDF, written by the rules
    const QJsonObject all = allRequestsOfRun(examplePath(QStringLiteral("mm1.json")), 2, json);
    const QString text = pdfText(pdf);
    checkKeyFigures(text, all, QStringLiteral("M/M/1"));
    if (QTest::currentTestFailed())
        return;
    // 800 requests/s over 1900 s, twice: the counts have thousands separators
    QVERIFY(all.value(QStringLiteral("completed")).toDouble() >= 1000);
    QVERIFY(
        reportCount(all.value(QStringLiteral("completed")).toDouble()).contains(QLatin1Char(',')));
    QVERIFY(text.contains(QStringLiteral("CLI test")));
    // a scenario file has no project: the title page names the file instead
    const QString title = text.section(QLatin1Char('\f'), 0, 0);
    QVERIFY2(title.contains(QStringLiteral("Scenario file: mm1.json")), qPrintable(title));
    QVERIFY2(!title.contains(QStringLiteral("Project:")), qPrintable(title));
}

void tst_Cli::reportOfTheExampleProject()
{
    if (const QString missing = missingPoppler(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    useCLocale();
    QTemporaryDir dir;
    // the example project with a decision quick to measure (no capacity search, no fault)
    QStringList problems;
    Model::Project project = Model::ProjectDocument::exampleProject(TestSupport::sourcePath(
                                                                        QStringLiteral(
                                                                            "resources/examples")),
                                                                    &problems);
    QVERIFY(problems.isEmpty());
    project.decisions[0].simulation.capacity = false;
    project.decisions[0].simulation.fault = Model::Fault{};
    project.decisions[0].simulation.replications = 2;
    project.decisions[0].simulation.durationS = 60;
    const QString path = dir.filePath(QStringLiteral("examples.archsim"));
    QString error;
    QVERIFY2(Model::ProjectStore::save(project, path, &error), qPrintable(error));
    const QString pdf = dir.filePath(QStringLiteral("examples.pdf"));
    const QStringList scenarios{QStringLiteral("Shop: monolith"),
                                QStringLiteral("Shop: microservices")};
    const Outcome o = runCli({QStringLiteral("report"),
                              path,
                              QStringLiteral("--scenario"),
                              scenarios[0],
                              QStringLiteral("--scenario"),
                              scenarios[1],
                              QStringLiteral("--compare"),
                              scenarios.join(QLatin1Char(',')),
                              QStringLiteral("--decision"),
                              project.decisions[0].name,
                              QStringLiteral("--plan"),
                              project.plans[0].name,
                              QStringLiteral("--replications"),
                              QStringLiteral("2"),
                              QStringLiteral("--paper"),
                              QStringLiteral("letter"),
                              QStringLiteral("--out"),
                              pdf},
                             280000);
    QVERIFY2(o.exitCode == 0, o.err.constData());
    QVERIFY2(o.err.contains("Migration plan: ") && o.err.contains("Running Shop: monolith"),
             o.err.constData());
    const QRegularExpressionMatch pages = QRegularExpression(
                                              QStringLiteral("examples.pdf: (\\d+) pages"))
                                              .match(QString::fromUtf8(o.out));
    QVERIFY2(pages.hasMatch(), o.out.constData());
    // every section: title, contents, summary, two scenarios of several pages each, the
    // comparison, the decision, the plan, lint and the appendix
    QVERIFY2(pages.captured(1).toInt() >= 15, o.out.constData());
    checkReportPdf(pdf, pages.captured(1).toInt(), QStringLiteral("612 x 792 pts (letter)"));
    if (QTest::currentTestFailed())
        return;
    const QString text = pdfText(pdf);
    for (const QString &heading : {QStringLiteral("Executive summary"),
                                   QStringLiteral("Scenario: Shop: monolith"),
                                   QStringLiteral("Scenario: Shop: microservices"),
                                   QStringLiteral("Comparison"),
                                   QStringLiteral("Decision: ") + project.decisions[0].name,
                                   QStringLiteral("Migration plan: ") + project.plans[0].name,
                                   QStringLiteral("Architecture lint"),
                                   QStringLiteral("Appendix: scenario JSON")})
        QVERIFY2(text.contains(heading), qPrintable(heading));
    QVERIFY(text.contains(QStringLiteral("Recommendation: ")));
    QVERIFY(text.section(QLatin1Char('\f'), 0, 0).contains(QStringLiteral("Project: ")));
    // each scenario's key figures equal those of `run PROJECT:NAME` with the same
    // replications (the project has no saved runs: the report ran them, with its seed)
    for (const QString &name : scenarios) {
        const QJsonObject all = allRequestsOfRun(path + QLatin1Char(':') + name,
                                                 2,
                                                 dir.filePath(QStringLiteral("%1.json").arg(
                                                     scenarios.indexOf(name))));
        checkKeyFigures(text, all, name);
        if (QTest::currentTestFailed())
            return;
    }
    if (const QString keep = qEnvironmentVariable("ARCHSIM_KEEP_REPORT"); !keep.isEmpty()) {
        QFile::remove(keep); // for docs/images: scripts/report-pages
        QFile::copy(pdf, keep);
        QFile::copy(path, keep + QStringLiteral(".archsim"));
    }
}

void tst_Cli::reportRefusesWhatItCannotReport()
{
    QTemporaryDir dir;
    const QString project = saveExampleProject(dir);
    const QString pdf = dir.filePath(QStringLiteral("x.pdf"));
    Outcome o = runCli({QStringLiteral("report"), project});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("--out FILE.pdf"), o.err.constData());
    o = runCli({QStringLiteral("report"),
                project,
                QStringLiteral("--scenario"),
                QStringLiteral("Nope"),
                QStringLiteral("--out"),
                pdf});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("$.scenarios[0]: the project has no scenario named 'Nope'"),
             o.err.constData());
    o = runCli({QStringLiteral("report"),
                project,
                QStringLiteral("--sections"),
                QStringLiteral("summary,costs"),
                QStringLiteral("--out"),
                pdf});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("unknown section 'costs'"), o.err.constData());
    o = runCli({QStringLiteral("report"),
                examplePath(QStringLiteral("mm1.json")),
                QStringLiteral("--decision"),
                QStringLiteral("x"),
                QStringLiteral("--out"),
                pdf});
    QCOMPARE(o.exitCode, 2);
    QVERIFY(!QFile::exists(pdf));
    // an existing file is left as it was when the report cannot be made
    writeTemp(dir, QStringLiteral("x.pdf"), "keep me");
    o = runCli({QStringLiteral("report"),
                project,
                QStringLiteral("--plan"),
                QStringLiteral("Nope"),
                QStringLiteral("--out"),
                pdf});
    QCOMPARE(o.exitCode, 2);
    QFile kept(pdf);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("keep me"));
}

void tst_Cli::reportCapacityIsTheCapacityCommands()
{
    if (const QString missing = missingPoppler(); !missing.isEmpty())
        QSKIP(qPrintable(missing));
    useCLocale();
    // a shorter M/M/1 with an SLO of its own; the report's capacity section and the capacity
    // command search the same way, so they find the same rate
    QTemporaryDir dir;
    QFile source(examplePath(QStringLiteral("mm1.json")));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(source.readAll()).object();
    QJsonObject simulation = root.value(QStringLiteral("simulation")).toObject();
    simulation.insert(QStringLiteral("duration_s"), 100);
    simulation.insert(QStringLiteral("warmup_s"), 10);
    root.insert(QStringLiteral("simulation"), simulation);
    root.insert(QStringLiteral("slo"), QStringLiteral("p99<30ms"));
    const QString scenario = writeTemp(dir,
                                       QStringLiteral("mm1-slo.json"),
                                       QJsonDocument(root).toJson());
    const QString name = root.value(QStringLiteral("name")).toString();
    const Outcome capacity = runCli({QStringLiteral("capacity"),
                                     scenario,
                                     QStringLiteral("--replications"),
                                     QStringLiteral("2"),
                                     QStringLiteral("--json"),
                                     QStringLiteral("-")});
    QCOMPARE(capacity.exitCode, 0);
    const double max = QJsonDocument::fromJson(capacity.out)
                           .object()
                           .value(QStringLiteral("max_rate_per_s"))
                           .toDouble();
    QVERIFY2(max > 0, capacity.out.constData());
    const QString pdf = dir.filePath(QStringLiteral("capacity.pdf"));
    const Outcome report = runCli({QStringLiteral("report"),
                                   scenario,
                                   QStringLiteral("--capacity"),
                                   name,
                                   QStringLiteral("--replications"),
                                   QStringLiteral("2"),
                                   QStringLiteral("--sections"),
                                   QStringLiteral("summary,capacity"),
                                   QStringLiteral("--out"),
                                   pdf});
    QVERIFY2(report.exitCode == 0, report.err.constData());
    QVERIFY2(report.err.contains("Searching the capacity of " + name.toUtf8()),
             report.err.constData());
    const QString text = pdfText(pdf);
    // rates as the report writes them (docs/report.md), thousands grouped
    const QString rate = reportRate(max);
    QVERIFY2(text.contains(QStringLiteral("Capacity under p99<30ms")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("%1 carries %2 requests/s").arg(name, rate)),
             qPrintable(rate + QLatin1Char('\n') + text));
    // a name it does not have, an SLO that does not read
    Outcome o = runCli({QStringLiteral("report"),
                        scenario,
                        QStringLiteral("--capacity"),
                        QStringLiteral("Other"),
                        QStringLiteral("--out"),
                        pdf});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("$.capacity[0]"), o.err.constData());
    o = runCli({QStringLiteral("report"),
                scenario,
                QStringLiteral("--capacity"),
                name,
                QStringLiteral("--capacity-slo"),
                QStringLiteral("p99<<3"),
                QStringLiteral("--out"),
                pdf});
    QCOMPARE(o.exitCode, 2);
    QVERIFY2(o.err.contains("$.capacity_slo"), o.err.constData());
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
