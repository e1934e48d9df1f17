// SPDX-License-Identifier: GPL-3.0-or-later
#include "SampleResults.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Model;
using TestSupport::sampleRunResult;

namespace {

/** The keys every component has, plus those of its kind. */
QStringList componentKeys(QStringList more)
{
    QStringList keys{"kind",
                     "arrived",
                     "completed",
                     "failed",
                     "rejected",
                     "throughput_per_s",
                     "mean_in_system",
                     "mean_waiting",
                     "latency_ms"};
    keys += more;
    keys.sort();
    return keys;
}

const QStringList kLatencyKeys = {"max", "mean", "p50", "p90", "p95", "p99", "p999"};

QStringList keys(const QJsonObject &o)
{
    return o.keys();
}

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

} // namespace

class tst_ResultsIo : public QObject
{
    Q_OBJECT

private slots:
    void topLevelShape()
    {
        const QJsonObject o = resultsToJson(sampleRunResult());
        QCOMPARE(sorted(keys(o)),
                 sorted({"format",
                         "version",
                         "scenario",
                         "simulation",
                         "engine",
                         "requests",
                         "components",
                         "series",
                         "events",
                         "events_dropped"}));
        QCOMPARE(o.value("format").toString(), QStringLiteral("archsim-results"));
        QCOMPARE(o.value("version").toInt(), 1);
        QCOMPARE(o.value("scenario").toString(), QStringLiteral("Shop"));
        const QJsonObject sim = o.value("simulation").toObject();
        QCOMPARE(sorted(keys(sim)), sorted({"duration_s", "warmup_s", "seed", "replications"}));
        QCOMPARE(sim.value("duration_s").toDouble(), 600.0);
        QCOMPARE(sim.value("warmup_s").toDouble(), 60.0);
        QCOMPARE(sim.value("seed").toInteger(), 42);
        QCOMPARE(sim.value("replications").toInt(), 3);
        const QJsonObject engine = o.value("engine").toObject();
        QCOMPARE(sorted(keys(engine)), sorted({"version", "events", "wall_s", "events_per_s"}));
        QCOMPARE(engine.value("version").toString(), QString::fromLatin1(Sim::engineVersion()));
        QCOMPARE(engine.value("events").toInteger(), 123456789);
        QCOMPARE(engine.value("wall_s").toDouble(), 4.2);
        QCOMPARE(engine.value("events_per_s").toDouble(), 29394473.5);
    }

    void requests()
    {
        const QJsonObject o = resultsToJson(sampleRunResult());
        const QJsonObject requests = o.value("requests").toObject();
        QCOMPARE(requests.keys(), (QStringList{"_all", "browse"}));
        const QJsonObject all = requests.value("_all").toObject();
        QCOMPARE(sorted(keys(all)),
                 sorted({"arrived",
                         "completed",
                         "failed",
                         "in_flight_at_end",
                         "throughput_per_s",
                         "latency_ms",
                         "ci95",
                         "failures",
                         "latency_histogram_ms"}));
        QCOMPARE(all.value("completed").toInteger(), 990);
        const QJsonObject latency = all.value("latency_ms").toObject();
        QCOMPARE(sorted(keys(latency)),
                 sorted({"mean", "p50", "p90", "p95", "p99", "p999", "max"}));
        QCOMPARE(latency.value("p90").toDouble(), 8.0);
        QCOMPARE(latency.value("p999").toDouble(), 40.0);
        QCOMPARE(latency.value("max").toDouble(), 55.0);
        const QJsonObject ci = all.value("ci95").toObject();
        QCOMPARE(sorted(keys(ci)), sorted({"latency_ms.mean", "latency_ms.p99"}));
        QCOMPARE(ci.value("latency_ms.p99").toArray(), (QJsonArray{18.0, 22.0}));
        QCOMPARE(all.value("failures").toObject(), (QJsonObject{{"timeout", 6}, {"rejected", 4}}));

        const QJsonObject browse = requests.value("browse").toObject();
        QVERIFY(!browse.contains("ci95")); // only when there is one
        QCOMPARE(browse.value("failures").toObject(), QJsonObject());
        QVERIFY(browse.value("latency_ms").toObject().value("max").isNull()); // NaN: no data
    }

    void latencyHistogram()
    {
        const QJsonObject requests = resultsToJson(sampleRunResult()).value("requests").toObject();
        // [low ms, high ms, count] per bin; counts are integers when whole, empty bins kept
        QCOMPARE(requests.value("_all").toObject().value("latency_histogram_ms").toArray(),
                 (QJsonArray{QJsonArray{1.048576, 1.179648, 400},
                             QJsonArray{1.179648, 1.31072, 0},
                             QJsonArray{1.31072, 1.441792, 589.5}}));
        const QByteArray text
            = QJsonDocument(resultsToJson(sampleRunResult())).toJson(QJsonDocument::Compact);
        QVERIFY2(text.contains(
                     "\"latency_histogram_ms\":[[1.048576,1.179648,400],[1.179648,1.31072,0],"),
                 text.constData());
        // nothing completed: an empty array
        QCOMPARE(requests.value("browse").toObject().value("latency_histogram_ms").toArray(),
                 QJsonArray());
    }

    void histogramOfARealRun()
    {
        // the engine's histogram reaches the JSON: contiguous bins whose counts add up to completed
        Sim::Spec spec;
        spec.name = "hist";
        spec.durationS = 20;
        spec.warmupS = 1;
        spec.workload.ratePerS = 200;
        spec.workload.requests = {{"job", 1}};
        Sim::Component c;
        c.id = "server";
        Sim::Step step;
        step.duration = Sim::Distribution::exponential(1);
        c.handlers = {{"job", {step}}};
        spec.components = {c};
        const QJsonObject job = resultsToJson(Sim::runSimulation(spec))
                                    .value("requests")
                                    .toObject()
                                    .value("job")
                                    .toObject();
        const QJsonArray bins = job.value("latency_histogram_ms").toArray();
        QVERIFY(bins.size() > 10);
        double sum = 0, previousHi = -1;
        for (const QJsonValue &v : bins) {
            const QJsonArray b = v.toArray();
            QCOMPARE(b.size(), 3);
            QVERIFY(b.at(0).toDouble() < b.at(1).toDouble());
            if (previousHi >= 0)
                QCOMPARE(b.at(0).toDouble(), previousHi);
            previousHi = b.at(1).toDouble();
            sum += b.at(2).toDouble();
        }
        QCOMPARE(sum, job.value("completed").toDouble());
    }

    void countsAreWrittenAsIntegers()
    {
        const QByteArray text
            = QJsonDocument(resultsToJson(sampleRunResult())).toJson(QJsonDocument::Compact);
        QVERIFY2(text.contains("\"arrived\":1000,"), text.constData());
        QVERIFY(text.contains("\"arrived\":800.5,"));
        QVERIFY(text.contains("\"events\":123456789,"));
        QVERIFY(text.contains("\"rejected\":2,"));
        QVERIFY(!text.contains("nan"));
    }

    void components()
    {
        const QJsonObject c = resultsToJson(sampleRunResult()).value("components").toObject();
        QCOMPARE(sorted(keys(c)), sorted({"api", "db", "edge", "pay,\"ext\"", "cache", "events"}));
        const QJsonObject api = c.value("api").toObject();
        QCOMPARE(sorted(keys(api)), componentKeys({"utilization", "replicas", "ci95"}));
        QCOMPARE(api.value("kind").toString(), QStringLiteral("service"));
        QCOMPARE(api.value("utilization").toDouble(), 0.7);
        QCOMPARE(api.value("mean_waiting").toDouble(), 1.25);
        QCOMPARE(api.value("rejected").toInteger(), 2);
        QCOMPARE(sorted(keys(api.value("latency_ms").toObject())), kLatencyKeys);
        QCOMPARE(api.value("latency_ms").toObject().value("p99").toDouble(), 15.0);
        QCOMPARE(api.value("latency_ms").toObject().value("p90").toDouble(), 6.0);
        QCOMPARE(api.value("latency_ms").toObject().value("max").toDouble(), 30.0);
        QCOMPARE(api.value("replicas").toObject(),
                 (QJsonObject{{"min", 3}, {"max", 3}, {"mean", 3}}));
        QCOMPARE(api.value("ci95").toObject().value("utilization").toArray(),
                 (QJsonArray{0.69, 0.71}));

        const QJsonObject db = c.value("db").toObject();
        QCOMPARE(sorted(keys(db)), componentKeys({"utilization"}));
        QCOMPARE(db.value("kind").toString(), QStringLiteral("database"));
        QCOMPARE(db.value("utilization").toDouble(), 0.2);
        QCOMPARE(db.value("latency_ms").toObject().value("mean").toDouble(), 2.0);
        QCOMPARE(db.value("latency_ms").toObject().value("p99").toDouble(), 8.0);

        const QJsonObject edge = c.value("edge").toObject();
        QCOMPARE(sorted(keys(edge)), componentKeys({}));
        QCOMPARE(edge.value("kind").toString(), QStringLiteral("load_balancer"));
        const QJsonObject pay = c.value("pay,\"ext\"").toObject();
        QCOMPARE(pay.value("kind").toString(), QStringLiteral("external"));
        QCOMPARE(pay.value("arrived").toInteger(), 40);
        QCOMPARE(pay.value("completed").toInteger(), 30);
        QCOMPARE(pay.value("failed").toInteger(), 9);
    }

    void caches()
    {
        const QJsonObject cache = resultsToJson(sampleRunResult())
                                      .value("components")
                                      .toObject()
                                      .value("cache")
                                      .toObject();
        QCOMPARE(sorted(keys(cache)),
                 componentKeys({"utilization",
                                "hits",
                                "misses",
                                "hit_ratio",
                                "evictions",
                                "expirations",
                                "stampede_misses",
                                "stale_hits",
                                "lock_waits"}));
        QCOMPARE(cache.value("kind").toString(), QStringLiteral("cache"));
        QCOMPARE(cache.value("utilization").toDouble(), 0.05);
        QCOMPARE(cache.value("hits").toInteger(), 300);
        QCOMPARE(cache.value("misses").toInteger(), 100);
        QCOMPARE(cache.value("hit_ratio").toDouble(), 0.75);
        QCOMPARE(cache.value("evictions").toInteger(), 20);
        QCOMPARE(cache.value("expirations").toInteger(), 7);
        QCOMPARE(cache.value("stampede_misses").toInteger(), 3);
        QCOMPARE(cache.value("stale_hits").toInteger(), 2);
        QCOMPARE(cache.value("lock_waits").toInteger(), 4);
        QCOMPARE(cache.value("latency_ms").toObject().value("p999").toDouble(), 0.9);
    }

    void queues()
    {
        const QJsonObject q = resultsToJson(sampleRunResult())
                                  .value("components")
                                  .toObject()
                                  .value("events")
                                  .toObject();
        QCOMPARE(sorted(keys(q)),
                 componentKeys({"published",
                                "consumed",
                                "dropped",
                                "redelivered",
                                "expired",
                                "nacked",
                                "dead_lettered",
                                "backlog",
                                "message_age_ms",
                                "drain_s",
                                "draining_at_end",
                                "drain_since_peak_s"}));
        QCOMPARE(q.value("kind").toString(), QStringLiteral("queue"));
        QCOMPARE(q.value("rejected").toInteger(), 5);
        QCOMPARE(q.value("published").toInteger(), 120);
        QCOMPARE(q.value("consumed").toInteger(), 100);
        QCOMPARE(q.value("dropped").toInteger(), 6);
        QCOMPARE(q.value("redelivered").toInteger(), 1);
        QCOMPARE(q.value("backlog").toObject(),
                 (QJsonObject{{"mean", 3.5}, {"max", 17}, {"final", 14}}));
        const QJsonObject age = q.value("message_age_ms").toObject();
        QCOMPARE(sorted(keys(age)), kLatencyKeys);
        QCOMPARE(age.value("mean").toDouble(), 12.0);
        QCOMPARE(age.value("p50").toDouble(), 10.0);
        QCOMPARE(age.value("p95").toDouble(), 25.0);
        QCOMPARE(age.value("p99").toDouble(), 40.0);
        QCOMPARE(q.value("drain_s").toDouble(), 2.5);
        QCOMPARE(q.value("draining_at_end"), QJsonValue(true));
        QCOMPARE(q.value("drain_since_peak_s").toDouble(), 0.75);
    }

    void events()
    {
        Sim::RunResult r = sampleRunResult();
        QJsonObject o = resultsToJson(r);
        const QJsonArray events = o.value("events").toArray();
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).toObject(),
                 (QJsonObject{{"t_s", 12.5},
                              {"component", "api"},
                              {"what", "scale_up"},
                              {"detail", "3 -> 4 replicas"}}));
        QCOMPARE(events.at(1).toObject().value("what").toString(), QStringLiteral("breaker_open"));
        QCOMPARE(o.value("events_dropped").toInteger(), 0);

        // The timeline of replication 0 holds at most kMaxTimeline entries; the rest are counted.
        Sim::ReplicationResult rep;
        rep.timelineDropped = 42;
        r.perReplication = {rep};
        o = resultsToJson(r);
        QCOMPARE(o.value("events_dropped").toInteger(), 42);
        QVERIFY(!o.contains("per_replication")); // only with several replications
    }

    void perReplication()
    {
        Sim::RunResult r = sampleRunResult();
        for (int i = 0; i < 2; ++i) {
            Sim::ReplicationResult rep;
            rep.replication = i;
            rep.events = 1000 + static_cast<std::uint64_t>(i);
            rep.wallS = 0.5;
            rep.requests = {r.requests.front()};
            rep.requests.front().completed = 980 + 20 * i;
            rep.components = {r.components.front()};
            r.perReplication.push_back(rep);
        }
        r.perReplication[1].wallS = 0.75;
        const QJsonObject o = resultsToJson(r);
        const QJsonArray reps = o.value("per_replication").toArray();
        QCOMPARE(reps.size(), 2);
        const QJsonObject second = reps.at(1).toObject();
        QCOMPARE(sorted(keys(second)), sorted({"replication", "events", "requests", "components"}));
        // wall-clock times live under "engine": the rest is the same for the same seed
        QCOMPARE(o.value("engine").toObject().value("replication_wall_s").toArray(),
                 (QJsonArray{0.5, 0.75}));
        QCOMPARE(second.value("replication").toInt(), 1);
        QCOMPARE(second.value("events").toInteger(), 1001);
        QCOMPARE(second.value("requests")
                     .toObject()
                     .value("_all")
                     .toObject()
                     .value("completed")
                     .toInteger(),
                 1000);
        QCOMPARE(reps.at(0)
                     .toObject()
                     .value("requests")
                     .toObject()
                     .value("_all")
                     .toObject()
                     .value("completed")
                     .toInteger(),
                 980);
        QCOMPARE(
            second.value("components").toObject().value("api").toObject().value("kind").toString(),
            QStringLiteral("service"));
    }

    void series()
    {
        const QJsonObject s = resultsToJson(sampleRunResult()).value("series").toObject();
        QCOMPARE(sorted(keys(s)),
                 sorted({"bucket_s",
                         "t_s",
                         "requests._all.throughput_per_s",
                         "components.api.utilization"}));
        QCOMPARE(s.value("bucket_s").toDouble(), 1.0);
        QCOMPARE(s.value("t_s").toArray(), (QJsonArray{1, 2, 3}));
        QCOMPARE(s.value("components.api.utilization").toArray(), (QJsonArray{0.5, 0.25, 0.125}));
    }

    void realRunHasTheShape()
    {
        Sim::Spec spec;
        spec.name = "one";
        spec.durationS = 5;
        spec.warmupS = 1;
        spec.workload.ratePerS = 100;
        spec.workload.requests = {{"job", 1}};
        Sim::Component c;
        c.id = "server";
        Sim::Step step;
        step.duration = Sim::Distribution::exponential(1);
        c.handlers = {{"job", {step}}};
        spec.components = {c};
        const QJsonObject o = resultsToJson(Sim::runSimulation(spec));
        QVERIFY(o.value("requests").toObject().contains("_all"));
        QVERIFY(o.value("requests").toObject().contains("job"));
        QCOMPARE(
            o.value("components").toObject().value("server").toObject().value("kind").toString(),
            QStringLiteral("service"));
        QVERIFY(o.value("engine").toObject().value("events").toInteger() > 0);
        QVERIFY(o.value("series").toObject().value("t_s").toArray().size() > 0);
    }

    void realRunWithEveryKind()
    {
        // The microservices shop has every kind but the load balancer: its results JSON has the
        // figures of each, the new failure reasons and every series column of docs/cli.md.
        const ScenarioLoad load = loadScenarioFile(
            TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json")));
        QVERIFY(load.ok());
        Scenario s = *load.scenario;
        s.simulation.durationS = 20;
        s.simulation.warmupS = 2;
        s.simulation.replications = 2;
        // payments is down from 5 s to 8 s; a kill takes out one catalog replica at 4 s, which
        // restarts after the default 10 s back-off
        Fault outage;
        outage.kind = QStringLiteral("outage");
        outage.atS = 5;
        outage.untilS = 8;
        outage.target = QStringLiteral("payments");
        Fault kill;
        kill.kind = QStringLiteral("kill_instance");
        kill.atS = 4;
        kill.target = QStringLiteral("catalog");
        s.faults = {outage, kill};
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY(compiled.ok());
        const QJsonObject o = resultsToJson(Sim::runSimulation(compiled.spec));

        const QJsonObject components = o.value("components").toObject();
        const QJsonObject cache = components.value("catalog_cache").toObject();
        QVERIFY(cache.value("hits").toDouble() > 0);
        QVERIFY(cache.value("hit_ratio").toDouble() > 0 && cache.value("hit_ratio").toDouble() < 1);
        const QJsonObject queue = components.value("order_events").toObject();
        QVERIFY(queue.value("published").toDouble() > 0);
        QVERIFY(queue.value("message_age_ms").toObject().value("p95").toDouble() > 0);
        QVERIFY(queue.value("drain_s").isDouble());
        QVERIFY(queue.value("draining_at_end").isBool());
        QVERIFY(queue.value("drain_since_peak_s").isDouble());
        const QJsonObject catalog = components.value("catalog").toObject();
        QCOMPARE(catalog.value("replicas").toObject().value("max").toInteger(), 2);
        QCOMPARE(catalog.value("replicas").toObject().value("min").toInteger(),
                 1); // after the kill

        const QJsonObject failures = o.value("requests")
                                         .toObject()
                                         .value("checkout")
                                         .toObject()
                                         .value("failures")
                                         .toObject();
        QVERIFY2(failures.value("outage").toDouble() > 0,
                 qPrintable(QJsonDocument(failures).toJson()));
        // without a health check the balancer keeps sending to the dead replica until it restarts
        const QJsonObject browse = o.value("requests")
                                       .toObject()
                                       .value("browse")
                                       .toObject()
                                       .value("failures")
                                       .toObject();
        QVERIFY2(browse.value("crash").toDouble() > 0, qPrintable(QJsonDocument(browse).toJson()));

        QStringList what;
        for (const QJsonValue &e : o.value("events").toArray())
            what.append(e.toObject().value("what").toString());
        QVERIFY2(what.contains("fault_start") && what.contains("fault_end")
                     && what.contains("crash") && what.contains("restart"),
                 qPrintable(what.join(' ')));
        QCOMPARE(o.value("per_replication").toArray().size(), 2);

        const QJsonObject series = o.value("series").toObject();
        for (const char *key : {"requests._all.arrivals_per_s",
                                "requests._all.throughput_per_s",
                                "requests._all.errors_per_s",
                                "requests._all.latency_ms.p50",
                                "requests._all.latency_ms.p95",
                                "requests._all.latency_ms.p99",
                                "workload.rate_per_s",
                                "components.catalog.utilization",
                                "components.catalog_db.utilization",
                                "components.catalog_cache.utilization",
                                "components.catalog.in_system",
                                "components.gw.in_system",
                                "components.gw.throughput_per_s",
                                "components.order_events.throughput_per_s",
                                "components.catalog.replicas",
                                "components.catalog_cache.hit_ratio",
                                "components.order_events.backlog"}) {
            QVERIFY2(series.contains(QLatin1String(key)), key);
            QCOMPARE(series.value(QLatin1String(key)).toArray().size(), 20);
        }
        QCOMPARE(series.value("workload.rate_per_s").toArray().first().toDouble(), 600.0);
    }

    void writesCsv()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY2(writeResultsCsv(sampleRunResult(), dir.path(), &error), qPrintable(error));
        auto read = [&](const char *name) {
            QFile f(dir.filePath(QString::fromLatin1(name)));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QList<QByteArray> requests = read("requests.csv").split('\n');
        QCOMPARE(requests.size(), 4); // header, two rows, final newline
        QVERIFY(requests.at(0).startsWith(
            "request,arrived,completed,failed,in_flight_at_end,throughput_per_s,latency_mean_ms"));
        QCOMPARE(requests.at(1),
                 QByteArray("_all,1000,990,10,0,1.65,5,4,8,9,20,40,55,4.5,5.5,18,22"));
        QCOMPARE(requests.at(2), QByteArray("browse,800.5,800,0,0.5,0,3,2,5,6,9,12,,,,,"));

        const QList<QByteArray> components = read("components.csv").split('\n');
        QCOMPARE(components.size(), 8);
        QCOMPARE(components.at(0),
                 QByteArray("component,kind,arrived,completed,failed,throughput_per_s,"
                            "utilization,mean_in_system,mean_waiting,rejected,"
                            "latency_mean_ms,latency_p50_ms,latency_p95_ms,latency_p99_ms,"
                            "replicas_min,replicas_max,replicas_mean,hits,misses,hit_ratio,"
                            "evictions,expirations,stampede_misses,stale_hits,lock_waits,"
                            "published,consumed,dropped,redelivered,expired,nacked,"
                            "dead_lettered,backlog_mean,"
                            "backlog_max,backlog_final,message_age_mean_ms,"
                            "message_age_p99_ms,drain_s,draining_at_end,drain_since_peak_s"));
        // columns that do not apply to a kind stay empty
        QCOMPARE(components.at(1),
                 QByteArray(
                     "api,service,0,0,0,1.6,0.7,3.5,1.25,2,4,3,7,15,3,3,3,,,,,,,,,,,,,,,,,,,,,,,"));
        QVERIFY(components.at(4).startsWith("\"pay,\"\"ext\"\"\",external,40,30,9,0,,"));
        QCOMPARE(components.at(5),
                 QByteArray(
                     "cache,cache,0,0,0,0,0.05,0,0,0,0.3,0.3,0.5,0.6,,,,300,100,0.75,20,7,3,2,4,"
                     ",,,,,,,,,,,,,,"));
        QCOMPARE(
            components.at(6),
            QByteArray(
                "events,queue,0,0,0,0,,0,0,5,0,0,0,0,,,,,,,,,,,,120,100,6,1,0,0,0,3.5,17,14,12,40,"
                "2.5,true,0.75"));

        QCOMPARE(read("events.csv"),
                 QByteArray("t_s,component,what,detail\n"
                            "12.5,api,scale_up,3 -> 4 replicas\n"
                            "13,\"pay,\"\"ext\"\"\",breaker_open,to pay\n"));

        const QByteArray series = read("series.csv");
        QCOMPARE(series,
                 QByteArray("t_s,requests._all.throughput_per_s,components.api.utilization\n"
                            "1,1,0.5\n2,2,0.25\n3,3,0.125\n"));
    }

    void csvNeedsAnExistingDirectory()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!writeResultsCsv(sampleRunResult(), dir.filePath("missing"), &error));
        QVERIFY(error.contains("missing"));
    }
};

QTEST_GUILESS_MAIN(tst_ResultsIo)
#include "tst_resultsio.moc"
