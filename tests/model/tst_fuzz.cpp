// SPDX-License-Identifier: GPL-3.0-or-later
// Random mutations of the example scenarios, for a bounded time with a fixed seed:
// parseScenario and compileScenario must return cleanly on anything, a valid document
// must survive a save unchanged, and whatever compiles must run in the engine. Saved
// comparisons (comparisonFromJson, what a project file hands back) get the same treatment, and
// so do the parts of sharded runs and comparisons that archsim-cli merge reads and a
// project's shared workload (parseWorkload).
// ARCHSIM_FUZZ_SECONDS sets the time budget (default 20; each loop still tries its first 50 or
// 100 inputs however long they take, so a slow machine cannot make the outcome counts fail),
// ARCHSIM_FUZZ_SEED the seed (default fixed, so a run is repeatable); ARCHSIM_FUZZ_SAVE=FILE
// writes each input to FILE before it is tried, so the input of a crash can be replayed.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "analysis/Compare.h"
#include "analysis/Lesson.h"
#include "analysis/Shards.h"
#include "analysis/WhatIf.h"
#include "format/Schema.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <random>

using namespace Model;

namespace {

using Rng = std::mt19937_64;

int pick(Rng &rng, int n)
{
    return static_cast<int>(std::uniform_int_distribution<int>(0, std::max(0, n - 1))(rng));
}

bool chance(Rng &rng, double p)
{
    return std::uniform_real_distribution<double>(0, 1)(rng) < p;
}

const QStringList kWords = {"service",
                            "load_balancer",
                            "gateway",
                            "database",
                            "cache",
                            "queue",
                            "external",
                            "lambda",
                            "poisson",
                            "constant",
                            "ramp",
                            "spike",
                            "bursty",
                            "diurnal",
                            "thread_pool",
                            "event_loop",
                            "round_robin",
                            "power_of_two",
                            "exp",
                            "const",
                            "uniform",
                            "lognormal",
                            "erlang",
                            "gamma",
                            "*",
                            "",
                            "kill_instance",
                            "outage",
                            "latency",
                            "errors",
                            "lru",
                            "lfu",
                            "fifo",
                            "random",
                            "approx_lru",
                            "approx_lfu",
                            "segmented_lru",
                            "redis",
                            "memcached",
                            "lock",
                            "stale_while_revalidate",
                            "fanout",
                            "drop_head",
                            "reject_publish",
                            "reject_publish_dlx",
                            "always",
                            "on_failure",
                            "no",
                            "browse",
                            "checkout",
                            "job",
                            "order_placed",
                            "ping",
                            "report",
                            "archsim-scenario",
                            "a b",
                            "é",
                            "\"quoted\""};

/** Every key of the format (from its tables), and one it does not know. */
const QStringList &formatKeys()
{
    static const QStringList keys = Format::allKeys() + QStringList{QStringLiteral("unknown")};
    return keys;
}

QJsonValue randomScalar(Rng &rng, const QStringList &ids)
{
    switch (pick(rng, 16)) {
    case 0:
        return -1;
    case 1:
        return 0;
    case 2:
        return 1e308;
    case 3:
        return -1e308;
    case 4:
        return 0.5;
    case 5:
        return 2147483648.0;
    case 6:
        return QStringLiteral("NaN");
    case 7:
        return QStringLiteral("Infinity");
    case 8:
        return QJsonValue(QJsonValue::Null);
    case 9:
        return chance(rng, 0.5);
    case 10:
        return QJsonArray();
    case 11:
        return QJsonObject();
    case 12:
        return ids.isEmpty() ? QJsonValue(1) : QJsonValue(ids.at(pick(rng, int(ids.size()))));
    case 13:
        return kWords.at(pick(rng, int(kWords.size())));
    case 14:
        return std::uniform_real_distribution<double>(-10, 1000)(rng);
    default:
        return static_cast<qint64>(std::uniform_int_distribution<int>(-3, 100)(rng));
    }
}

int countNodes(const QJsonValue &v)
{
    int n = 1;
    if (v.isObject()) {
        for (const QJsonValue &c : v.toObject())
            n += countNodes(c);
    } else if (v.isArray()) {
        for (const QJsonValue &c : v.toArray())
            n += countNodes(c);
    }
    return n;
}

QJsonValue mutateNode(const QJsonValue &v, Rng &rng, const QStringList &ids)
{
    if (chance(rng, 0.2))
        return randomScalar(rng, ids);
    if (v.isDouble()) {
        switch (pick(rng, 5)) {
        case 0:
            return -v.toDouble();
        case 1:
            return v.toDouble() * 1e6;
        case 2:
            return 0;
        case 3:
            return v.toDouble() + 0.5;
        default:
            return 1e300;
        }
    }
    if (v.isString()) {
        if (chance(rng, 0.5) && !ids.isEmpty())
            return ids.at(pick(rng, int(ids.size())));
        return kWords.at(pick(rng, int(kWords.size())));
    }
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        const QStringList keys = o.keys();
        if (!keys.isEmpty() && chance(rng, 0.4)) {
            o.remove(keys.at(pick(rng, int(keys.size()))));
        } else {
            const QString key = formatKeys().at(pick(rng, int(formatKeys().size())));
            o.insert(key,
                     chance(rng, 0.3) && !keys.isEmpty()
                         ? o.value(keys.at(pick(rng, int(keys.size()))))
                         : randomScalar(rng, ids));
        }
        return o;
    }
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        const int n = int(a.size());
        switch (pick(rng, 5)) {
        case 0:
            if (n)
                a.removeAt(pick(rng, n));
            break;
        case 1: // duplicate an element (a component: the same id twice)
            if (n)
                a.append(a.at(pick(rng, n)));
            break;
        case 2:
            if (n > 1) {
                const int i = pick(rng, n), j = pick(rng, n);
                const QJsonValue t = a.at(i);
                a[i] = a.at(j);
                a[j] = t;
            }
            break;
        case 3:
            a.insert(pick(rng, n + 1), randomScalar(rng, ids));
            break;
        default:
            return QJsonArray();
        }
        return a;
    }
    return randomScalar(rng, ids);
}

/** Mutates the node with pre-order number `target` (counted down in `counter`). */
QJsonValue mutateAt(const QJsonValue &v, int &counter, Rng &rng, const QStringList &ids)
{
    if (counter-- == 0)
        return mutateNode(v, rng, ids);
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end() && counter >= 0; ++it)
            it.value() = mutateAt(it.value(), counter, rng, ids);
        return o;
    }
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size() && counter >= 0; ++i)
            a[i] = mutateAt(a.at(i), counter, rng, ids);
        return a;
    }
    return v;
}

QByteArray mutateText(QByteArray text, Rng &rng)
{
    static const QList<QByteArray> tokens = {"{",
                                             "}",
                                             "[",
                                             "]",
                                             ",",
                                             ":",
                                             "\"",
                                             "-1",
                                             "1e999",
                                             "null",
                                             "true",
                                             "\\u0000",
                                             "\xC3",
                                             "\n",
                                             "0.",
                                             "--"};
    const int rounds = 1 + pick(rng, 3);
    for (int r = 0; r < rounds && !text.isEmpty(); ++r) {
        const int at = pick(rng, int(text.size()));
        switch (pick(rng, 5)) {
        case 0:
            text[at] = char(text.at(at) ^ (1 << pick(rng, 8)));
            break;
        case 1:
            text.remove(at, 1 + pick(rng, 20));
            break;
        case 2:
            text.insert(at, tokens.at(pick(rng, int(tokens.size()))));
            break;
        case 3:
            text.truncate(at);
            break;
        default:
            text.insert(at, text.mid(pick(rng, int(text.size())), 1 + pick(rng, 40)));
            break;
        }
    }
    return text;
}

/** Makes a compiled Spec small enough to run in a moment, whatever the mutation did. */
void shrink(Sim::Spec &spec)
{
    spec.durationS = std::min(spec.durationS, 2.0);
    spec.warmupS = 0;
    spec.bucketS = std::clamp(spec.bucketS, spec.durationS / 20, spec.durationS);
    spec.replications = 1;
    Sim::Workload &w = spec.workload;
    for (double *rate : {&w.ratePerS,
                         &w.rampFrom,
                         &w.rampTo,
                         &w.spikePeak,
                         &w.burstLowRate,
                         &w.burstHighRate,
                         &w.diurnalMean})
        *rate = std::min(*rate, 200.0);
    for (Sim::Component &c : spec.components) {
        c.replicas = std::min(c.replicas, 8);
        c.autoscaling.maxReplicas = std::min(c.autoscaling.maxReplicas, 8);
        c.autoscaling.minReplicas = std::min(c.autoscaling.minReplicas, c.autoscaling.maxReplicas);
        for (Sim::Consumer &k : c.consumers)
            k.count = std::min(k.count, 8);
        c.threads = std::min(c.threads, 256);
        c.workers = std::min(c.workers, 8);
        c.workerThreads = std::min(c.workerThreads, 64);
        c.maxConnections = std::min(c.maxConnections, 1000);
        for (Sim::Pool &p : c.pools)
            p.size = std::min(p.size, 1000);
    }
}

/**
 * Empty when `load`, read from `input` (a scenario with one part mutated), is as it must be:
 * a scenario, every problem with a sentence, every error at a path under `prefix` (the
 * mutated part), and a valid scenario read back equal from what it saves; else what is wrong.
 */
QString checkMutatedPart(const ScenarioLoad &load, const QByteArray &input, const QString &prefix)
{
    const QString text = QString::fromUtf8(input);
    if (!load.scenario)
        return QStringLiteral("no scenario from:\n") + text;
    for (const Problem &p : load.problems) {
        if (p.message.isEmpty())
            return QStringLiteral("a problem without a sentence at ") + p.path;
        if (p.isError() && !p.path.startsWith(prefix))
            return p.toString() + QLatin1Char('\n') + text;
    }
    const ScenarioLoad again = parseScenario(serializeScenario(*load.scenario));
    if (!again.scenario)
        return QStringLiteral("what it saves is not read back:\n") + text;
    if (load.ok() && !(*again.scenario == *load.scenario))
        return QStringLiteral("not read back the same:\n") + text;
    return {};
}

} // namespace

class tst_Fuzz : public QObject
{
    Q_OBJECT

private slots:

    void mutatedExamplesNeverCrash()
    {
        // Every example: together they use every kind, step and field the engine runs.
        QList<QByteArray> texts;
        QList<QJsonObject> docs;
        // The examples and the lessons (which add the "lesson" object).
        for (const QString &folder :
             {QStringLiteral("resources/examples"), QStringLiteral("resources/lessons")}) {
            const QDir dir(TestSupport::sourcePath(folder));
            for (const QString &name :
                 dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
                QFile f(dir.filePath(name));
                QVERIFY(f.open(QIODevice::ReadOnly));
                texts.append(f.readAll());
                docs.append(QJsonDocument::fromJson(texts.last()).object());
                QVERIFY2(compileScenario(*parseScenario(texts.last()).scenario).ok(),
                         qPrintable(name));
            }
        }
        QVERIFY(docs.size() >= 21);

        const double seconds = TestSupport::fuzzSeconds(20.0);
        const QString saveTo = qEnvironmentVariable("ARCHSIM_FUZZ_SAVE");
        const quint64 seed = qEnvironmentVariableIsSet("ARCHSIM_FUZZ_SEED")
                                 ? qEnvironmentVariable("ARCHSIM_FUZZ_SEED").toULongLong()
                                 : 0xA5C4'2024'0601ULL;
        Rng rng(seed);
        QElapsedTimer timer;
        timer.start();

        int iterations = 0, unreadable = 0, withErrors = 0, compiled = 0, ran = 0, roundTrips = 0;
        while (timer.elapsed() < seconds * 1000 || iterations < 100) {
            ++iterations;
            QByteArray input;
            if (chance(rng, 0.25)) {
                input = mutateText(texts.at(pick(rng, int(texts.size()))), rng);
            } else {
                QJsonValue doc = docs.at(pick(rng, int(docs.size())));
                QStringList ids;
                for (const QJsonValue &c : doc.toObject().value("components").toArray())
                    ids.append(c.toObject().value("id").toString());
                const int mutations = 1 + pick(rng, 3);
                for (int m = 0; m < mutations; ++m) {
                    int counter = pick(rng, countNodes(doc));
                    doc = mutateAt(doc, counter, rng, ids);
                }
                input = QJsonDocument(doc.toObject())
                            .toJson(chance(rng, 0.5) ? QJsonDocument::Compact
                                                     : QJsonDocument::Indented);
            }
            if (!saveTo.isEmpty()) {
                QFile f(saveTo);
                if (f.open(QIODevice::WriteOnly))
                    f.write(input);
            }

            try {
                const ScenarioLoad load = parseScenario(input);
                if (!load.scenario) {
                    ++unreadable;
                    QVERIFY(hasErrors(load.problems));
                    continue;
                }
                for (const Problem &p : load.problems)
                    QVERIFY2(!p.message.isEmpty(), qPrintable(p.path));
                if (load.ok()) {
                    // A valid document survives a save unchanged.
                    const QByteArray saved = serializeScenario(*load.scenario);
                    const ScenarioLoad again = parseScenario(saved);
                    QVERIFY2(again.scenario && *again.scenario == *load.scenario,
                             qPrintable(QString::fromUtf8(input + "\n---\n" + saved)));
                    QCOMPARE(serializeScenario(*again.scenario), saved);
                    ++roundTrips;
                } else {
                    ++withErrors;
                    serializeScenario(*load.scenario); // must not crash either
                }
                CompiledScenario c = compileScenario(*load.scenario);
                if (!c.ok()) {
                    QVERIFY(hasErrors(c.problems));
                    QCOMPARE(c.spec, Sim::Spec());
                    continue;
                }
                // (A type error leaves a field unset, which may still compile: callers compile
                // only what parsed cleanly. The engine must cope with it all the same.)
                ++compiled;
                shrink(c.spec);
                const std::vector<std::string> refused = Sim::checkSpec(c.spec);
                QVERIFY2(refused.empty(), refused.empty() ? "" : refused.front().c_str());
                Sim::RunOptions options;
                options.threads = 1;
                const Sim::RunResult result = Sim::runSimulation(c.spec, options);
                QVERIFY(!result.cancelled);
                QVERIFY(!result.requests.empty());
                ++ran;
            } catch (const std::exception &e) {
                QFAIL(qPrintable(QStringLiteral("exception %1 on input:\n%2")
                                     .arg(QString::fromUtf8(e.what()), QString::fromUtf8(input))));
            } catch (...) {
                QFAIL(
                    qPrintable(QStringLiteral("exception on input:\n") + QString::fromUtf8(input)));
            }
        }
        qInfo("fuzz: %d inputs in %.1f s: %d unreadable, %d with errors, %d valid (round trip), "
              "%d compiled, %d ran in the engine",
              iterations,
              timer.elapsed() / 1000.0,
              unreadable,
              withErrors,
              roundTrips,
              compiled,
              ran);
        // The mutator must reach every outcome, or the test proves little.
        QVERIFY(unreadable > 0);
        QVERIFY(withErrors > 0);
        QVERIFY(ran > 0);
    }

    /**
     * The "lesson" object of every lesson mutated alone: reading never crashes, the scenario
     * around it stays valid, and each problem names a path inside the lesson. Applying a
     * mutated hint (scenarioWithTry) never crashes either.
     */
    void mutatedLessonsAreReportedWithAPath()
    {
        QList<QJsonObject> docs;
        const QDir dir(TestSupport::sourcePath(QStringLiteral("resources/lessons")));
        for (const QString &name :
             dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            docs.append(QJsonDocument::fromJson(f.readAll()).object());
        }
        QVERIFY(docs.size() >= 12);
        const double seconds = TestSupport::fuzzSeconds(20.0) / 5;
        Rng rng(0x1E55'0016ULL);
        // paths a hint might name, good and bad
        const QStringList fields = {QStringLiteral("components[api].replicas"),
                                    QStringLiteral("components[0].concurrency.workers"),
                                    QStringLiteral("components[nope].replicas"),
                                    QStringLiteral("workload.entry"),
                                    QStringLiteral("components[99].x"),
                                    QStringLiteral("a..b"),
                                    QStringLiteral("[0]"),
                                    QStringLiteral("components[api"),
                                    QStringLiteral("workload.requests[0].name.x"),
                                    QString()};
        QElapsedTimer timer;
        timer.start();
        int iterations = 0, withErrors = 0, applied = 0;
        while (timer.elapsed() < seconds * 1000 || iterations < 50) {
            ++iterations;
            QJsonObject doc = docs.at(pick(rng, int(docs.size())));
            QJsonValue lesson = doc.value(QStringLiteral("lesson"));
            const int mutations = 1 + pick(rng, 3);
            for (int m = 0; m < mutations; ++m) {
                if (chance(rng, 0.3)) {
                    // a hint with a field of the list and a random value
                    QJsonObject o = lesson.toObject();
                    QJsonArray tries = o.value(QStringLiteral("try")).toArray();
                    QJsonObject hint{{QStringLiteral("text"), QStringLiteral("try")},
                                     {QStringLiteral("field"),
                                      fields.at(pick(rng, int(fields.size())))}};
                    if (chance(rng, 0.8))
                        hint.insert(QStringLiteral("value"), randomScalar(rng, {}));
                    tries.append(chance(rng, 0.9) ? QJsonValue(hint) : randomScalar(rng, {}));
                    o.insert(QStringLiteral("try"), tries);
                    lesson = o;
                } else {
                    int counter = pick(rng, countNodes(lesson));
                    lesson = mutateAt(lesson, counter, rng, {});
                }
            }
            doc.insert(QStringLiteral("lesson"), lesson);
            const QByteArray input = QJsonDocument(doc).toJson(QJsonDocument::Compact);
            try {
                const ScenarioLoad load = parseScenario(input);
                const QString wrong = checkMutatedPart(load, input, QStringLiteral("$.lesson"));
                QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
                withErrors += hasErrors(load.problems);
                if (load.scenario->lesson) {
                    for (int i = 0; i < load.scenario->lesson->tries.size(); ++i) {
                        const ScenarioLoad tried = scenarioWithTry(*load.scenario, i);
                        applied += tried.ok();
                        if (!tried.scenario)
                            QVERIFY(hasErrors(tried.problems));
                    }
                }
            } catch (...) {
                QFAIL(
                    qPrintable(QStringLiteral("exception on input:\n") + QString::fromUtf8(input)));
            }
        }
        qInfo("lesson fuzz: %d inputs, %d with errors, %d hints applied",
              iterations,
              withErrors,
              applied);
        QVERIFY(withErrors > 0);
        QVERIFY(applied > 0);
    }

    /**
     * A "what_if" object of pinned sliders on the microservices shop, mutated alone: reading
     * never crashes, every error names a path inside it, the sliders resolve, and a short run
     * with each slider at a random value (Model::whatIfRun) never crashes: it runs or says why.
     */
    void mutatedWhatIfIsReportedWithAPath()
    {
        QJsonObject shop = QJsonDocument::fromJson(
                               TestSupport::readExample(QStringLiteral("shop-microservices.json")))
                               .object();
        const QJsonObject whatIf{
            {QStringLiteral("window_s"), 2},
            {QStringLiteral("pinned"),
             QJsonArray{QJsonObject{{QStringLiteral("field"),
                                     QStringLiteral("workload.arrivals.rate_per_s")},
                                    {QStringLiteral("min"), 20},
                                    {QStringLiteral("max"), 2400},
                                    {QStringLiteral("step"), 20}},
                        QJsonObject{{QStringLiteral("field"),
                                     QStringLiteral("components[cart].concurrency.threads")}},
                        QJsonObject{
                            {QStringLiteral("field"),
                             QStringLiteral("components[order_events].consumers[0].prefetch")}}}}};
        const double seconds = TestSupport::fuzzSeconds(20.0) / 5;
        Rng rng(0x3A7'1F00ULL);
        QElapsedTimer timer;
        timer.start();
        int iterations = 0, withErrors = 0, ran = 0;
        while (timer.elapsed() < seconds * 1000 || iterations < 30) {
            ++iterations;
            QJsonValue mutated = whatIf;
            const int mutations = 1 + pick(rng, 3);
            for (int m = 0; m < mutations; ++m) {
                int counter = pick(rng, countNodes(mutated));
                mutated = mutateAt(mutated, counter, rng, {});
            }
            QJsonObject doc = shop;
            doc.insert(QStringLiteral("what_if"), mutated);
            const QByteArray input = QJsonDocument(doc).toJson(QJsonDocument::Compact);
            try {
                const ScenarioLoad load = parseScenario(input);
                const QString wrong = checkMutatedPart(load, input, QStringLiteral("$.what_if"));
                QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
                withErrors += hasErrors(load.problems);
                QList<QPair<QString, double>> values;
                for (const WhatIfSlider &slider : whatIfSliders(*load.scenario)) {
                    if (!slider.problem.isEmpty())
                        continue;
                    // anywhere on the slider, or off it: the run refuses what the format does
                    const double v = chance(rng, 0.8)
                                         ? slider.valueAt(pick(rng, slider.positions()))
                                         : randomScalar(rng, {}).toDouble();
                    values.append({slider.path, v});
                }
                const WhatIfRun run = whatIfRun(*load.scenario, values, 0.5);
                if (run.ok()) {
                    Sim::RunOptions options;
                    options.threads = 1;
                    (void) Sim::runSimulation(run.spec, options);
                    ++ran;
                } else {
                    QVERIFY(hasErrors(run.problems));
                }
            } catch (...) {
                QFAIL(
                    qPrintable(QStringLiteral("exception on input:\n") + QString::fromUtf8(input)));
            }
        }
        qInfo("what-if fuzz: %d inputs, %d with errors, %d short runs",
              iterations,
              withErrors,
              ran);
        QVERIFY(withErrors > 0);
        QVERIFY(ran > 0);
    }

    void mutatedComparisonsNeverCrash()
    {
        // A real comparison of two examples, as a project stores it.
        Scenario a = *parseScenario(TestSupport::readExample(QStringLiteral("mm1.json"))).scenario;
        Scenario b = a;
        b.name = QStringLiteral("faster");
        b.components[0].service.handlers[0].steps[0].duration.mean = 0.5;
        CompareOptions options;
        options.replications = 2;
        options.durationS = 10;
        options.warmupS = 1;
        Problems problems;
        const std::optional<Comparison> compared = runComparison({{QStringLiteral("base"), a},
                                                                  {QStringLiteral("faster"), b}},
                                                                 options,
                                                                 &problems);
        QVERIFY(compared);
        const QByteArray text = QJsonDocument(comparisonToJson(*compared)).toJson();
        const QJsonObject doc = QJsonDocument::fromJson(text).object();
        QVERIFY(comparisonFromJson(doc, nullptr));

        const double seconds = TestSupport::fuzzSeconds(20.0) / 4;
        Rng rng(0xC0DE'2024'1104ULL);
        QElapsedTimer timer;
        timer.start();
        int iterations = 0, refused = 0, read = 0;
        const std::size_t figures = compareFigures().size();
        while (timer.elapsed() < seconds * 1000 || iterations < 50) {
            ++iterations;
            QJsonObject input;
            if (chance(rng, 0.2)) {
                input = QJsonDocument::fromJson(mutateText(text, rng)).object();
            } else {
                QJsonValue v = doc;
                const int mutations = 1 + pick(rng, 3);
                for (int m = 0; m < mutations; ++m) {
                    int counter = pick(rng, countNodes(v));
                    v = mutateAt(v, counter, rng, {QStringLiteral("server")});
                }
                input = v.toObject();
            }
            try {
                QString error;
                const std::optional<Comparison> c = comparisonFromJson(input, &error);
                if (!c) {
                    ++refused;
                    QVERIFY(!error.isEmpty());
                    QVERIFY2(error.startsWith(QLatin1Char('$')), qPrintable(error));
                    continue;
                }
                ++read;
                // what the compare view indexes must be there
                QVERIFY(!c->alternatives.empty());
                QCOMPARE(c->deltas.size(), c->alternatives.size() - 1);
                for (const AlternativeRun &alt : c->alternatives)
                    QCOMPARE(alt.figures.size(), figures);
                for (const AlternativeDelta &d : c->deltas)
                    QCOMPARE(d.figures.size(), figures);
                comparisonToJson(*c); // must not crash either
            } catch (...) {
                QFAIL(qPrintable(QStringLiteral("exception on comparison input:\n")
                                 + QString::fromUtf8(QJsonDocument(input).toJson())));
            }
        }
        qInfo("fuzz: %d comparison inputs in %.1f s: %d refused, %d read",
              iterations,
              timer.elapsed() / 1000.0,
              refused,
              read);
        QVERIFY(refused > 0);
        QVERIFY(read > 0);
    }

    void mutatedPartsNeverCrash()
    {
        // The two parts of a sharded run and of a sharded comparison, as merge reads them.
        Scenario a = *parseScenario(TestSupport::readExample(QStringLiteral("mm1.json"))).scenario;
        a.simulation.durationS = 5;
        a.simulation.warmupS = 1;
        a.simulation.replications = 3;
        a.simulation.bucketS = 1;
        Scenario b = a;
        b.name = QStringLiteral("faster");
        b.components[0].service.handlers[0].steps[0].duration.mean = 0.5;
        const Sim::Spec spec = compileScenario(a).spec;
        CompareOptions options;
        options.replications = 3;
        QList<QPair<QString, QJsonObject>> runParts, compareParts;
        for (int i = 0; i < 2; ++i) {
            const QString name = QStringLiteral("part%1.json").arg(i + 1);
            runParts.append({name, runPartToJson(runRunPart(a, spec, {i, 2}, {}))});
            Problems problems;
            const std::optional<ComparisonPart> part
                = runComparisonPart({{QStringLiteral("base"), a}, {QStringLiteral("faster"), b}},
                                    options,
                                    {i, 2},
                                    &problems);
            QVERIFY(part);
            compareParts.append({name, comparisonPartToJson(*part)});
        }
        QString error;
        QVERIFY2(mergeRunParts(runParts, &error), qPrintable(error));
        QVERIFY2(mergeComparisonParts(compareParts, &error), qPrintable(error));

        const double seconds = TestSupport::fuzzSeconds(20.0) / 4;
        Rng rng(0x5AA2'D5ULL);
        QElapsedTimer timer;
        timer.start();
        int iterations = 0, refused = 0, merged = 0;
        while (timer.elapsed() < seconds * 1000 || iterations < 50) {
            ++iterations;
            QList<QPair<QString, QJsonObject>> parts = chance(rng, 0.5) ? runParts : compareParts;
            const int k = pick(rng, 2);
            if (chance(rng, 0.2)) {
                parts[k].second = QJsonDocument::fromJson(
                                      mutateText(QJsonDocument(parts[k].second).toJson(), rng))
                                      .object();
            } else {
                QJsonValue v = parts[k].second;
                const int mutations = 1 + pick(rng, 3);
                for (int m = 0; m < mutations; ++m) {
                    int counter = pick(rng, countNodes(v));
                    v = mutateAt(v,
                                 counter,
                                 rng,
                                 {QStringLiteral("server"), QStringLiteral("_all")});
                }
                parts[k].second = v.toObject();
            }
            if (chance(rng, 0.1))
                parts.removeAt(pick(rng, 2));
            try {
                const std::optional<PartKind> kind = partKindOf(parts, &error);
                bool ok = false;
                if (kind == PartKind::Run) {
                    if (const std::optional<MergedRun> m = mergeRunParts(parts, &error)) {
                        ok = true;
                        resultsToJson(m->result); // must not crash either
                        costOf(m->scenario, m->result);
                    }
                } else if (kind == PartKind::Comparison) {
                    if (const std::optional<Comparison> c = mergeComparisonParts(parts, &error)) {
                        ok = true;
                        comparisonToJson(*c);
                    }
                }
                if (ok) {
                    ++merged;
                    continue;
                }
                ++refused;
                // every refusal says which file, or which part is missing
                QVERIFY2(error.contains(QLatin1String("part1.json"))
                             || error.contains(QLatin1String("part2.json"))
                             || error.contains(QLatin1String("missing")),
                         qPrintable(error));
            } catch (...) {
                QFAIL(qPrintable(QStringLiteral("exception on part input:\n")
                                 + QString::fromUtf8(QJsonDocument(parts[0].second).toJson())));
            }
        }
        qInfo("fuzz: %d part inputs in %.1f s: %d refused, %d merged",
              iterations,
              timer.elapsed() / 1000.0,
              refused,
              merged);
        QVERIFY(refused > 0);
        QVERIFY(merged > 0);
    }

    void mutatedSharedWorkloadsNeverCrash()
    {
        // A project's shared workload, as project_meta stores it.
        const Scenario shop = *parseScenario(
                                   TestSupport::readExample(QStringLiteral("shop-monolith.json")))
                                   .scenario;
        const QByteArray text = serializeWorkload(shop.workload);
        Problems problems;
        QVERIFY(parseWorkload(text, &problems));
        const QJsonValue doc = QJsonDocument::fromJson(text).object();

        const double seconds = TestSupport::fuzzSeconds(20.0) / 8;
        Rng rng(0x5EED'2026'1204ULL);
        QElapsedTimer timer;
        timer.start();
        int iterations = 0, refused = 0, read = 0;
        while (timer.elapsed() < seconds * 1000 || iterations < 50) {
            ++iterations;
            QByteArray input;
            if (chance(rng, 0.3)) {
                input = mutateText(text, rng);
            } else {
                QJsonValue v = doc;
                const int mutations = 1 + pick(rng, 3);
                for (int m = 0; m < mutations; ++m) {
                    int counter = pick(rng, countNodes(v));
                    v = mutateAt(v, counter, rng, {QStringLiteral("edge")});
                }
                input = QJsonDocument(v.toObject()).toJson();
            }
            try {
                Problems found;
                const std::optional<Workload> w = parseWorkload(input, &found);
                if (!w) {
                    ++refused;
                    QVERIFY(hasErrors(found));
                    for (const Problem &p : found)
                        QVERIFY2(p.path.isEmpty() || p.path.startsWith(QLatin1Char('$')),
                                 qPrintable(p.path));
                    continue;
                }
                ++read;
                // what reads, writes and reads back the same
                Problems again;
                QCOMPARE(parseWorkload(serializeWorkload(*w), &again), w);
            } catch (...) {
                QFAIL(qPrintable(QStringLiteral("exception on workload input:\n")
                                 + QString::fromUtf8(input)));
            }
        }
        qInfo("fuzz: %d shared workload inputs in %.1f s: %d refused, %d read",
              iterations,
              timer.elapsed() / 1000.0,
              refused,
              read);
        QVERIFY(refused > 0);
        QVERIFY(read > 0);
    }
};

QTEST_GUILESS_MAIN(tst_Fuzz)
#include "tst_fuzz.moc"
