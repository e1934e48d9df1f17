// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScenarioIo.h"
#include "Simulation.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Model;

namespace {

Sim::RunResult sampleResult()
{
    Sim::RunResult r;
    r.scenario = "Shop";
    r.durationS = 600;
    r.warmupS = 60;
    r.seed = 42;
    r.replications = 3;
    r.events = 123456789;
    r.wallS = 4.2;
    r.eventsPerS = 29394473.5;

    Sim::RequestResult all;
    all.name = "_all";
    all.arrived = 1000;
    all.completed = 990;
    all.failed = 10;
    all.throughputPerS = 1.65;
    all.latencyMs = {5, 4, 8, 9, 20, 40, 55};
    all.failures = {{"timeout", 6}, {"rejected", 4}};
    all.ciMean = std::make_pair(4.5, 5.5);
    all.ciP99 = std::make_pair(18.0, 22.0);
    Sim::RequestResult browse;
    browse.name = "browse";
    browse.arrived = 800.5; // a mean over replications need not be whole
    browse.completed = 800;
    browse.latencyMs = {3, 2, 5, 6, 9, 12, std::numeric_limits<double>::quiet_NaN()};
    r.requests = {all, browse};

    Sim::ComponentResult api;
    api.id = "api";
    api.kind = Sim::ComponentKind::Service;
    api.throughputPerS = 1.6;
    api.utilization = 0.7;
    api.meanInSystem = 3.5;
    api.meanWaiting = 1.25;
    api.rejected = 2;
    api.latencyMs = {4, 3, 6, 7, 15, 20, 30};
    api.replicasMin = 3;
    api.replicasMax = 3;
    api.replicasMean = 3;
    api.ciUtilization = std::make_pair(0.69, 0.71);
    Sim::ComponentResult db;
    db.id = "db";
    db.kind = Sim::ComponentKind::Database;
    db.utilization = 0.2;
    db.meanWaiting = 0.5;
    db.meanInSystem = 2;
    db.throughputPerS = 3;
    db.latencyMs = {2, 1, 3, 5, 8, 9, 10};
    Sim::ComponentResult edge;
    edge.id = "edge";
    edge.kind = Sim::ComponentKind::LoadBalancer;
    edge.throughputPerS = 1.65;
    edge.meanInSystem = 0.01;
    edge.latencyMs = {0.2, 0.2, 0.2, 0.2, 0, 0, 0};
    Sim::ComponentResult pay;
    pay.id = "pay,\"ext\"";
    pay.kind = Sim::ComponentKind::External;
    r.components = {api, db, edge, pay};

    r.series.bucketS = 1;
    r.series.tS = {1, 2, 3};
    r.series.columns = {{"requests._all.throughput_per_s", {1, 2, 3}},
                        {"components.api.utilization", {0.5, 0.25, 0.125}}};
    return r;
}

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
        const QJsonObject o = resultsToJson(sampleResult());
        QCOMPARE(sorted(keys(o)), sorted({"format", "version", "scenario", "simulation", "engine",
                                          "requests", "components", "series"}));
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
        const QJsonObject o = resultsToJson(sampleResult());
        const QJsonObject requests = o.value("requests").toObject();
        QCOMPARE(requests.keys(), (QStringList{"_all", "browse"}));
        const QJsonObject all = requests.value("_all").toObject();
        QCOMPARE(sorted(keys(all)), sorted({"arrived", "completed", "failed", "throughput_per_s",
                                            "latency_ms", "ci95", "failures"}));
        QCOMPARE(all.value("completed").toInteger(), 990);
        const QJsonObject latency = all.value("latency_ms").toObject();
        QCOMPARE(sorted(keys(latency)), sorted({"mean", "p50", "p90", "p95", "p99", "p999", "max"}));
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

    void countsAreWrittenAsIntegers()
    {
        const QByteArray text = QJsonDocument(resultsToJson(sampleResult())).toJson(QJsonDocument::Compact);
        QVERIFY2(text.contains("\"arrived\":1000,"), text.constData());
        QVERIFY(text.contains("\"arrived\":800.5,"));
        QVERIFY(text.contains("\"events\":123456789,"));
        QVERIFY(text.contains("\"rejected\":2,"));
        QVERIFY(!text.contains("nan"));
    }

    void components()
    {
        const QJsonObject c = resultsToJson(sampleResult()).value("components").toObject();
        QCOMPARE(sorted(keys(c)), sorted({"api", "db", "edge", "pay,\"ext\""}));
        const QJsonObject api = c.value("api").toObject();
        QCOMPARE(sorted(keys(api)), sorted({"kind", "throughput_per_s", "utilization", "mean_in_system",
                                            "mean_waiting", "rejected", "latency_ms", "replicas", "ci95"}));
        QCOMPARE(api.value("kind").toString(), QStringLiteral("service"));
        QCOMPARE(api.value("utilization").toDouble(), 0.7);
        QCOMPARE(api.value("mean_waiting").toDouble(), 1.25);
        QCOMPARE(sorted(keys(api.value("latency_ms").toObject())), sorted({"mean", "p50", "p95", "p99"}));
        QCOMPARE(api.value("latency_ms").toObject().value("p99").toDouble(), 15.0);
        QCOMPARE(api.value("replicas").toObject(), (QJsonObject{{"min", 3}, {"max", 3}, {"mean", 3}}));
        QCOMPARE(api.value("ci95").toObject().value("utilization").toArray(), (QJsonArray{0.69, 0.71}));

        const QJsonObject db = c.value("db").toObject();
        QCOMPARE(sorted(keys(db)), sorted({"kind", "utilization", "mean_waiting", "latency_ms",
                                           "throughput_per_s", "mean_in_system"}));
        QCOMPARE(db.value("kind").toString(), QStringLiteral("database"));
        QCOMPARE(db.value("latency_ms").toObject(), (QJsonObject{{"mean", 2}, {"p99", 8}}));

        const QJsonObject edge = c.value("edge").toObject();
        QCOMPARE(sorted(keys(edge)), sorted({"kind", "throughput_per_s", "mean_in_system", "latency_ms"}));
        QCOMPARE(edge.value("kind").toString(), QStringLiteral("load_balancer"));
        QCOMPARE(c.value("pay,\"ext\"").toObject().value("kind").toString(), QStringLiteral("external"));
    }

    void series()
    {
        const QJsonObject s = resultsToJson(sampleResult()).value("series").toObject();
        QCOMPARE(sorted(keys(s)), sorted({"bucket_s", "t_s", "requests._all.throughput_per_s",
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
        QCOMPARE(o.value("components").toObject().value("server").toObject().value("kind").toString(),
                 QStringLiteral("service"));
        QVERIFY(o.value("engine").toObject().value("events").toInteger() > 0);
        QVERIFY(o.value("series").toObject().value("t_s").toArray().size() > 0);
    }

    void writesCsv()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY2(writeResultsCsv(sampleResult(), dir.path(), &error), qPrintable(error));
        auto read = [&](const char *name) {
            QFile f(dir.filePath(QString::fromLatin1(name)));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QList<QByteArray> requests = read("requests.csv").split('\n');
        QCOMPARE(requests.size(), 4); // header, two rows, final newline
        QVERIFY(requests.at(0).startsWith("request,arrived,completed,failed,throughput_per_s,latency_mean_ms"));
        QCOMPARE(requests.at(1), QByteArray("_all,1000,990,10,1.65,5,4,8,9,20,40,55,4.5,5.5,18,22"));
        QCOMPARE(requests.at(2), QByteArray("browse,800.5,800,0,0,3,2,5,6,9,12,,,,,"));

        const QList<QByteArray> components = read("components.csv").split('\n');
        QCOMPARE(components.size(), 6);
        QVERIFY(components.at(1).startsWith("api,service,0,0,0,1.6,0.7,3.5,1.25,2,4,3,7,15,3,3,3"));
        QVERIFY(components.at(4).startsWith("\"pay,\"\"ext\"\"\",external,"));

        const QByteArray series = read("series.csv");
        QCOMPARE(series, QByteArray("t_s,requests._all.throughput_per_s,components.api.utilization\n"
                                    "1,1,0.5\n2,2,0.25\n3,3,0.125\n"));
    }

    void csvNeedsAnExistingDirectory()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!writeResultsCsv(sampleResult(), dir.filePath("missing"), &error));
        QVERIFY(error.contains("missing"));
    }
};

QTEST_GUILESS_MAIN(tst_ResultsIo)
#include "tst_resultsio.moc"
