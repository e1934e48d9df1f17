// SPDX-License-Identifier: GPL-3.0-or-later
// Determinism: the same Spec and seed give bit-identical results whatever the number of
// threads the replications run on (DESIGN.md, "The engine"); another seed gives others.

#include "Simulation.h"
#include "TestSupport.h"
#include "Trace.h"

#include <QStringList>
#include <QTest>

#include <bit>
#include <map>

using namespace TestSupport;

namespace {

// Collects every difference between two results, comparing doubles bit for bit.
class Differ
{
public:
    QStringList differences;

    void num(const QString &what, double a, double b)
    {
        if (std::bit_cast<std::uint64_t>(a) != std::bit_cast<std::uint64_t>(b))
            differences << QStringLiteral("%1: %2 != %3")
                               .arg(what)
                               .arg(a, 0, 'g', 17)
                               .arg(b, 0, 'g', 17);
    }
    void interval(const QString &what, const Sim::Interval &a, const Sim::Interval &b)
    {
        if (a.has_value() != b.has_value()) {
            differences << what + QStringLiteral(": present in one result only");
            return;
        }
        if (a) {
            num(what + ".lo", a->first, b->first);
            num(what + ".hi", a->second, b->second);
        }
    }
    void latency(const QString &what, const Sim::LatencySummary &a, const Sim::LatencySummary &b)
    {
        num(what + ".mean", a.mean, b.mean);
        num(what + ".p50", a.p50, b.p50);
        num(what + ".p90", a.p90, b.p90);
        num(what + ".p95", a.p95, b.p95);
        num(what + ".p99", a.p99, b.p99);
        num(what + ".p999", a.p999, b.p999);
        num(what + ".max", a.max, b.max);
    }
    void requests(const QString &what,
                  const std::vector<Sim::RequestResult> &a,
                  const std::vector<Sim::RequestResult> &b)
    {
        if (a.size() != b.size()) {
            differences << what + QStringLiteral(": sizes differ");
            return;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            const QString w = what + QLatin1Char('.') + QString::fromStdString(a[i].name);
            if (a[i].name != b[i].name)
                differences << w + QStringLiteral(": names differ");
            num(w + ".arrived", a[i].arrived, b[i].arrived);
            num(w + ".completed", a[i].completed, b[i].completed);
            num(w + ".failed", a[i].failed, b[i].failed);
            num(w + ".throughput", a[i].throughputPerS, b[i].throughputPerS);
            latency(w + ".latency", a[i].latencyMs, b[i].latencyMs);
            if (a[i].failures.size() != b[i].failures.size()) {
                differences << w + QStringLiteral(".failures: sizes differ");
            } else {
                for (auto ia = a[i].failures.begin(), ib = b[i].failures.begin();
                     ia != a[i].failures.end();
                     ++ia, ++ib) {
                    if (ia->first != ib->first)
                        differences << w + QStringLiteral(".failures: reasons differ");
                    num(w + ".failures." + QString::fromStdString(ia->first),
                        ia->second,
                        ib->second);
                }
            }
            interval(w + ".ciMean", a[i].ciMean, b[i].ciMean);
            interval(w + ".ciP99", a[i].ciP99, b[i].ciP99);
            interval(w + ".ciThroughput", a[i].ciThroughput, b[i].ciThroughput);
            if (a[i].latencyHistogram.size() != b[i].latencyHistogram.size()) {
                differences << w + QStringLiteral(".latencyHistogram: sizes differ");
            } else {
                for (std::size_t k = 0; k < a[i].latencyHistogram.size(); ++k) {
                    const QString h = w + QStringLiteral(".latencyHistogram[%1]").arg(k);
                    num(h + ".lo", a[i].latencyHistogram[k].loMs, b[i].latencyHistogram[k].loMs);
                    num(h + ".hi", a[i].latencyHistogram[k].hiMs, b[i].latencyHistogram[k].hiMs);
                    num(h + ".count",
                        a[i].latencyHistogram[k].count,
                        b[i].latencyHistogram[k].count);
                }
            }
        }
    }
    void components(const QString &what,
                    const std::vector<Sim::ComponentResult> &a,
                    const std::vector<Sim::ComponentResult> &b)
    {
        if (a.size() != b.size()) {
            differences << what + QStringLiteral(": sizes differ");
            return;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            const QString w = what + QLatin1Char('.') + QString::fromStdString(a[i].id);
            if (a[i].id != b[i].id || a[i].kind != b[i].kind)
                differences << w + QStringLiteral(": ids or kinds differ");
            num(w + ".arrived", a[i].arrived, b[i].arrived);
            num(w + ".completed", a[i].completed, b[i].completed);
            num(w + ".failed", a[i].failed, b[i].failed);
            num(w + ".throughput", a[i].throughputPerS, b[i].throughputPerS);
            num(w + ".utilization", a[i].utilization, b[i].utilization);
            num(w + ".meanInSystem", a[i].meanInSystem, b[i].meanInSystem);
            num(w + ".meanWaiting", a[i].meanWaiting, b[i].meanWaiting);
            num(w + ".rejected", a[i].rejected, b[i].rejected);
            latency(w + ".latency", a[i].latencyMs, b[i].latencyMs);
            num(w + ".replicasMin", a[i].replicasMin, b[i].replicasMin);
            num(w + ".replicasMax", a[i].replicasMax, b[i].replicasMax);
            num(w + ".replicasMean", a[i].replicasMean, b[i].replicasMean);
            interval(w + ".ciUtilization", a[i].ciUtilization, b[i].ciUtilization);
            num(w + ".hits", a[i].hits, b[i].hits);
            num(w + ".misses", a[i].misses, b[i].misses);
            num(w + ".hitRatio", a[i].hitRatio, b[i].hitRatio);
            num(w + ".evictions", a[i].evictions, b[i].evictions);
            num(w + ".expirations", a[i].expirations, b[i].expirations);
            num(w + ".stampedeMisses", a[i].stampedeMisses, b[i].stampedeMisses);
            num(w + ".staleHits", a[i].staleHits, b[i].staleHits);
            num(w + ".lockWaits", a[i].lockWaits, b[i].lockWaits);
            num(w + ".published", a[i].published, b[i].published);
            num(w + ".consumed", a[i].consumed, b[i].consumed);
            num(w + ".dropped", a[i].dropped, b[i].dropped);
            num(w + ".redelivered", a[i].redelivered, b[i].redelivered);
            num(w + ".backlogMean", a[i].backlogMean, b[i].backlogMean);
            num(w + ".backlogMax", a[i].backlogMax, b[i].backlogMax);
            num(w + ".backlogFinal", a[i].backlogFinal, b[i].backlogFinal);
            latency(w + ".messageAge", a[i].messageAgeMs, b[i].messageAgeMs);
            num(w + ".drainS", a[i].drainS, b[i].drainS);
            if (a[i].drainingAtEnd != b[i].drainingAtEnd)
                differences << w + QStringLiteral(".drainingAtEnd differs");
            num(w + ".drainSincePeakS", a[i].drainSincePeakS, b[i].drainSincePeakS);
        }
    }
    void series(const QString &what, const Sim::Series &a, const Sim::Series &b)
    {
        num(what + ".bucketS", a.bucketS, b.bucketS);
        if (a.tS != b.tS)
            differences << what + QStringLiteral(".tS differ");
        if (a.columns.size() != b.columns.size()) {
            differences << what + QStringLiteral(": column counts differ");
            return;
        }
        for (std::size_t i = 0; i < a.columns.size(); ++i) {
            const QString w = what + QLatin1Char('.') + QString::fromStdString(a.columns[i].key);
            if (a.columns[i].key != b.columns[i].key
                || a.columns[i].values.size() != b.columns[i].values.size()) {
                differences << w + QStringLiteral(": keys or lengths differ");
                continue;
            }
            for (std::size_t k = 0; k < a.columns[i].values.size(); ++k)
                num(w + QStringLiteral("[%1]").arg(k),
                    a.columns[i].values[k],
                    b.columns[i].values[k]);
        }
    }
    void replication(const QString &what,
                     const Sim::ReplicationResult &a,
                     const Sim::ReplicationResult &b)
    {
        if (a.replication != b.replication || a.events != b.events || a.cancelled != b.cancelled)
            differences << what + QStringLiteral(": index, events or cancelled differ");
        requests(what + ".requests", a.requests, b.requests);
        components(what + ".components", a.components, b.components);
        series(what + ".series", a.series, b.series);
    }
    /// everything but the wall-clock figures (wallS, eventsPerS)
    void run(const Sim::RunResult &a, const Sim::RunResult &b)
    {
        if (a.scenario != b.scenario || a.seed != b.seed || a.replications != b.replications
            || a.events != b.events || a.cancelled != b.cancelled)
            differences << QStringLiteral("run header differs");
        num("durationS", a.durationS, b.durationS);
        num("warmupS", a.warmupS, b.warmupS);
        requests("requests", a.requests, b.requests);
        components("components", a.components, b.components);
        series("series", a.series, b.series);
        if (a.perReplication.size() != b.perReplication.size()) {
            differences << QStringLiteral("perReplication sizes differ");
            return;
        }
        for (std::size_t r = 0; r < a.perReplication.size(); ++r)
            replication(QStringLiteral("rep%1").arg(r), a.perReplication[r], b.perReplication[r]);
    }
};

// A small shop exercising every source of randomness at once: Poisson arrivals of two
// request types, a random load balancer over two replicas of a multi-threaded,
// multi-core service, a probabilistic database call, an external with lognormal latency,
// errors, timeouts and retries, a cache with Zipf keys, TTL jitter and random eviction,
// and a queue consumed by an event-loop service.
Sim::Spec shopSpec(std::uint64_t seed)
{
    enum { Lb, Api, Db, Pay, Cache, Queue, Mailer };
    Sim::Step maybeDb;
    maybeDb.kind = Sim::Step::Kind::Probability;
    maybeDb.probability = 0.5;
    maybeDb.steps = {callStep(Db)};
    Sim::Step publish;
    publish.kind = Sim::Step::Kind::Publish;
    publish.target = Queue;
    publish.request = "mail";
    Sim::Step lookup;
    lookup.kind = Sim::Step::Kind::Cache;
    lookup.target = Cache;
    lookup.keys = 1000;
    lookup.zipf = 0.9;
    lookup.steps = {callStep(Db)};
    Sim::Component api = stepService("api",
                                     {cpuStep(Sim::Distribution::exponential(2.0)),
                                      maybeDb,
                                      callStep(Pay, 30.0, 1),
                                      publish},
                                     8,
                                     2,
                                     2);
    api.handlers.push_back({"search", {cpuStep(Sim::Distribution::erlang(3, 4.0)), lookup}});

    Sim::Component cache;
    cache.id = "cache";
    cache.kind = Sim::ComponentKind::Cache;
    cache.capacityKeys = 200;
    cache.eviction = Sim::EvictionPolicy::Random;
    cache.ttlS = 2;
    cache.ttlJitter = 0.2;
    Sim::Component queue;
    queue.id = "mails";
    queue.kind = Sim::ComponentKind::Queue;
    queue.consumers = {{Mailer, 2, 5}};
    Sim::Component mailer = stepService("mailer", {}, 1, 1);
    mailer.concurrency = Sim::ConcurrencyModel::EventLoop;
    mailer.handlers = {{"mail", {cpuStep(Sim::Distribution::exponential(1.0))}}};

    Sim::Spec spec
        = singleEntrySpec({loadBalancer("lb", Sim::Balancing::Random, {Api}),
                           api,
                           database("db", 4, Sim::Distribution::uniform(0.5, 3.0)),
                           external("pay", Sim::Distribution::lognormal(15.0, 10.0), 0.05),
                           cache,
                           queue,
                           mailer},
                          600,
                          20,
                          2,
                          seed);
    spec.workload.requests = {{"job", 0.7}, {"search", 0.3}};
    spec.replications = 4;
    return spec;
}

/** Keeps every record of a traced run. */
class Collector : public Sim::TraceSink
{
public:
    std::vector<std::string> names;
    std::vector<Sim::TraceRecord> records;
    void traceStarted(const std::vector<std::string> &n) override { names = n; }
    void record(const Sim::TraceRecord &r) override { records.push_back(r); }
};

/** shopSpec with a replica killed at 5 s (its requests fail at once, callers hear "crash"). */
Sim::Spec shopWithKill(std::uint64_t seed)
{
    Sim::Spec spec = shopSpec(seed);
    Sim::Fault kill;
    kill.kind = Sim::Fault::Kind::KillInstance;
    kill.target = 1; // api
    kill.atS = 5;
    spec.faults.push_back(kill);
    spec.components[1].restartBackoffS = 1;
    return spec;
}

Sim::RunResult runWithThreads(const Sim::Spec &spec, int threads)
{
    Sim::RunOptions options;
    options.threads = threads;
    return Sim::runSimulation(spec, options);
}

} // namespace

class tst_Determinism : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameResultsAnyThreadCount();
    void replicationAloneMatchesRun();
    void otherSeedOtherResults();
    void tracedRunSameResults();
    void traceAccountsForEveryVisit();
    void sameSeedSameTrace();
    void coreToItselfSameAsSharedCores();
};

void tst_Determinism::sameSeedSameResultsAnyThreadCount()
{
    const Sim::Spec spec = shopSpec(7);
    QVERIFY(Sim::checkSpec(spec).empty());
    const Sim::RunResult one = runWithThreads(spec, 1);
    const Sim::RunResult two = runWithThreads(spec, 2);
    const Sim::RunResult again = runWithThreads(spec, 1);
    QCOMPARE(one.perReplication.size(), std::size_t(4));
    QVERIFY(one.request("_all")->completed > 0);
    QVERIFY(one.request("_all")->failed > 0); // the error and timeout paths ran
    QVERIFY(one.component("cache")->hits > 0 && one.component("cache")->misses > 0);
    QVERIFY(one.component("mails")->consumed > 0);

    Differ d12;
    d12.run(one, two);
    QVERIFY2(d12.differences.isEmpty(),
             qPrintable(d12.differences.mid(0, 20).join(QLatin1Char('\n'))));
    Differ d11;
    d11.run(one, again);
    QVERIFY2(d11.differences.isEmpty(),
             qPrintable(d11.differences.mid(0, 20).join(QLatin1Char('\n'))));
}

void tst_Determinism::replicationAloneMatchesRun()
{
    // replication r draws from streams seeded by (seed, r) only
    const Sim::Spec spec = shopSpec(7);
    const Sim::RunResult run = runWithThreads(spec, 2);
    const Sim::ReplicationResult third = Sim::runReplication(spec, 2);
    Differ d;
    d.replication(QStringLiteral("rep2"), run.perReplication[2], third);
    QVERIFY2(d.differences.isEmpty(), qPrintable(d.differences.mid(0, 20).join(QLatin1Char('\n'))));
}

void tst_Determinism::otherSeedOtherResults()
{
    const Sim::RunResult a = runWithThreads(shopSpec(7), 2);
    const Sim::RunResult b = runWithThreads(shopSpec(8), 2);
    Differ d;
    d.run(a, b);
    QVERIFY(!d.differences.isEmpty());
    QVERIFY(a.request("_all")->latencyMs.mean != b.request("_all")->latencyMs.mean);
    QVERIFY(a.request("_all")->arrived != b.request("_all")->arrived);
    // and the replications of one run differ from each other
    QVERIFY(a.perReplication[0].requests[0].arrived != a.perReplication[1].requests[0].arrived);
}

void tst_Determinism::tracedRunSameResults()
{
    // the trace only reads the engine's state: with it the figures are bit for bit the same
    for (const Sim::Spec &spec : {shopSpec(7), shopWithKill(7)}) {
        QVERIFY(Sim::checkSpec(spec).empty());
        const Sim::ReplicationResult plain = Sim::runReplication(spec, 1);
        Collector trace;
        const Sim::ReplicationResult traced = Sim::runReplication(spec, 1, trace);
        QVERIFY(trace.records.size() > 10000);
        Differ d;
        d.replication(QStringLiteral("rep1"), plain, traced);
        QVERIFY2(d.differences.isEmpty(),
                 qPrintable(d.differences.mid(0, 20).join(QLatin1Char('\n'))));
    }
}

void tst_Determinism::traceAccountsForEveryVisit()
{
    // Without a warm-up every visit counts: the trace's visits per component are the
    // engine's arrivals, its ended visits its completed and failed ones (the crash's too),
    // and the time-average of its levels the engine's utilisation and mean waiting.
    Sim::Spec spec = shopWithKill(3);
    spec.warmupS = 0;
    Collector trace;
    const Sim::ReplicationResult r = Sim::runReplication(spec, 0, trace);
    const std::size_t n = spec.components.size();
    std::vector<double> began(n, 0), ok(n, 0), failed(n, 0), crashes(n, 0);
    std::vector<double> busyArea(n, 0), waitArea(n, 0), cpuArea(n, 0), coreArea(n, 0);
    std::vector<Sim::TraceRecord> level(n);
    std::map<std::uint32_t, std::uint32_t> open; // job -> component
    Sim::Tick lastTime = 0;
    std::uint64_t lastEvent = 0;
    for (const Sim::TraceRecord &rec : trace.records) {
        QVERIFY(rec.time >= lastTime && rec.event >= lastEvent);
        lastTime = rec.time;
        lastEvent = rec.event;
        switch (rec.kind) {
        case Sim::TraceRecord::Kind::VisitBegan:
            QVERIFY2(!open.contains(rec.job), "a job began twice");
            QVERIFY(rec.comp < n && rec.name < trace.names.size());
            if (rec.fromJob != Sim::kTraceNone) {
                QVERIFY2(open.contains(rec.fromJob), "called by a job that is not visiting");
                QCOMPARE(open.at(rec.fromJob), rec.fromComp);
            }
            QCOMPARE(rec.type != Sim::kTraceNone, rec.comp == 0 && rec.fromComp == Sim::kTraceNone);
            open[rec.job] = rec.comp;
            ++began[rec.comp];
            break;
        case Sim::TraceRecord::Kind::VisitEnded: {
            QVERIFY2(open.contains(rec.job), "a job ended that had not begun");
            const std::uint32_t c = open.at(rec.job);
            open.erase(rec.job);
            ++(rec.ok ? ok : failed)[c];
            if (rec.reason == Sim::FailureReason::Crash)
                ++crashes[c];
            break;
        }
        case Sim::TraceRecord::Kind::Levels: {
            Sim::TraceRecord &l = level[rec.comp];
            const auto dt = static_cast<double>(rec.time - l.time);
            busyArea[rec.comp] += l.busy * dt;
            waitArea[rec.comp] += l.queued * dt;
            cpuArea[rec.comp] += static_cast<double>(l.cpu) * dt;
            coreArea[rec.comp] += static_cast<double>(l.cores) * dt;
            l = rec;
            break;
        }
        }
    }
    const Sim::Tick end = Sim::secondsToTicks(spec.durationS);
    for (std::size_t c = 0; c < n; ++c) {
        const Sim::ComponentResult &cr = r.components[c];
        const QByteArray id = QByteArray::fromStdString(cr.id);
        QCOMPARE(began[c], cr.arrived);
        QCOMPARE(ok[c], cr.completed);
        QCOMPARE(failed[c], cr.failed);
        const auto dt = static_cast<double>(end - level[c].time);
        busyArea[c] += level[c].busy * dt;
        waitArea[c] += level[c].queued * dt;
        cpuArea[c] += static_cast<double>(level[c].cpu) * dt;
        coreArea[c] += static_cast<double>(level[c].cores) * dt;
        const double T = static_cast<double>(end);
        if (cr.kind != Sim::ComponentKind::Queue)
            QVERIFY2(std::abs(waitArea[c] / T - cr.meanWaiting) <= 1e-9 * (1 + cr.meanWaiting), id);
        if (cr.kind == Sim::ComponentKind::Service) // cores are floats in the trace
            QVERIFY2(std::abs(cpuArea[c] / coreArea[c] - cr.utilization) <= 1e-5, id);
        if (cr.kind == Sim::ComponentKind::Database || cr.kind == Sim::ComponentKind::Cache) {
            const double servers = level[c].servers;
            QVERIFY2(std::abs(busyArea[c] / T / servers - cr.utilization) <= 1e-9, id);
        }
    }
    QVERIFY(crashes[1] > 0);               // the kill failed the requests on the replica
    QVERIFY(began[5] > 0 && began[6] > 0); // messages were published and delivered
}

void tst_Determinism::sameSeedSameTrace()
{
    auto traced = [](std::uint64_t seed) {
        Collector trace;
        Sim::runReplication(shopWithKill(seed), 0, trace);
        return trace.records;
    };
    const std::vector<Sim::TraceRecord> a = traced(11), b = traced(11), c = traced(12);
    QVERIFY(a.size() > 10000);
    QVERIFY(a == b);
    QVERIFY(a != c);
}

void tst_Determinism::coreToItselfSameAsSharedCores()
{
    // A thread pool with no more threads than cores runs a CPU step as a plain delay
    // (Comp::directCpu); a memory limit it never reaches makes its replicas crashable, which
    // sends the same model through the processor-sharing heap and the handler's frame. The
    // figures must be bit for bit the same. With one thread so must the events; with more,
    // the heap's superseded completions are events the plain delays do not need.
    struct Case
    {
        const char *what;
        Sim::Component server;
    };
    std::vector<Case> cases;
    cases.push_back({"M/M/1", cpuService("server", Sim::Distribution::exponential(1.0), 1, 1)});
    cases.push_back({"M/M/4", cpuService("server", Sim::Distribution::exponential(1.0), 4, 4)});
    cases.push_back({"two CPU steps around I/O, 3 threads on 4 cores",
                     stepService("server",
                                 {cpuStep(Sim::Distribution::exponential(0.4)),
                                  ioStep(Sim::Distribution::uniform(0.5, 2.0)),
                                  cpuStep(Sim::Distribution::erlang(2, 0.5))},
                                 3,
                                 4,
                                 2)});
    for (const Case &k : cases) {
        const double rate = k.server.threads == 1 ? 800 : 2400;
        const Sim::Spec direct = singleEntrySpec({k.server}, rate, 20, 2, 5);
        Sim::Spec shared = direct;
        shared.components[0].memoryMb = 1e9; // never reached
        QVERIFY(Sim::checkSpec(shared).empty());
        const Sim::ReplicationResult a = Sim::runReplication(direct, 0);
        Sim::ReplicationResult b = Sim::runReplication(shared, 0);
        QVERIFY2(a.requests[0].completed > 10000, k.what);
        if (k.server.threads == 1)
            QCOMPARE(a.events, b.events);
        else
            QVERIFY2(a.events < b.events, k.what);
        b.events = a.events;
        Differ d;
        d.replication(QString::fromLatin1(k.what), a, b);
        QVERIFY2(d.differences.isEmpty(),
                 qPrintable(d.differences.mid(0, 20).join(QLatin1Char('\n'))));
    }
}

QTEST_GUILESS_MAIN(tst_Determinism)

#include "tst_determinism.moc"
