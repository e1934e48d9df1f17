// SPDX-License-Identifier: GPL-3.0-or-later
// Watch mode's model: a recorded replication played by a cursor, and the theory overlay.
#include "ModelTestSupport.h"
#include "TestSupport.h"
#include "watch/WatchSession.h"

#include <QtTest>

#include <cmath>
#include <set>

using Model::WatchSession;
using namespace TestSupport;

namespace {

/** What the cursor shows after an event: the visits in progress and every level. */
struct Snapshot
{
    std::size_t position = 0;
    Sim::Tick time = 0;
    std::vector<int> dots;
    std::vector<double> fractions;
    std::vector<std::array<double, 5>> levels;
    bool operator==(const Snapshot &) const = default;
};

Snapshot snapshot(const WatchSession &s)
{
    Snapshot out;
    out.position = s.position();
    out.time = s.time();
    for (const Model::WatchDot &d : s.dots()) {
        out.dots.push_back(d.visit);
        out.fractions.push_back(d.fraction);
    }
    for (std::size_t c = 0; c < s.spec().components.size(); ++c) {
        const Model::WatchLevels l = s.levels(static_cast<int>(c));
        out.levels.push_back({double(l.queued), double(l.busy), double(l.servers), l.cpu, l.cores});
    }
    return out;
}

Sim::Spec shop(std::uint64_t seed)
{
    Sim::Spec spec = compileExample(QStringLiteral("shop-microservices.json"));
    spec.seed = seed;
    return spec;
}

WatchSession::Limits window(double s)
{
    WatchSession::Limits l;
    l.windowS = s;
    return l;
}

/** A database of 4 connections fed directly: M/M/4 with exp(10 ms) queries at rate λ. */
Sim::Spec mmc(double ratePerS, double durationS)
{
    return singleEntrySpec({database("db", 4, Sim::Distribution::exponential(10))},
                           ratePerS,
                           durationS,
                           10,
                           17);
}

const Model::WatchTheory *theoryOf(const WatchSession &s, const QString &id)
{
    for (const Model::WatchTheory &t : s.theory()) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

} // namespace

class tst_WatchSession : public QObject
{
    Q_OBJECT

private slots:
    void steppedIsPlayed();
    void sameSeedSameRecording();
    void visitsAreTheEngines();
    void requestPathAndFailures();
    void recordLimitCutsCleanly();
    void theoryAgreesWithMmc();
    void theoryNotesOverload();
    void theoryNotesNonPoissonInput();
    void cacheAgainstChe();
};

void tst_WatchSession::steppedIsPlayed()
{
    // The same seed recorded twice: one session stepped event by event, the other played
    // by time (as the watch bar's timer does, several events per frame). After each event that is the
    // last at its time both show the same state; at the end the cursors meet.
    const Sim::Spec spec = shop(5);
    const auto stepped = WatchSession::record(spec, window(2));
    const auto played = WatchSession::record(spec, window(2));
    QVERIFY(stepped->eventCount() > 1000);
    QCOMPARE(stepped->eventCount(), played->eventCount());
    std::size_t compared = 0;
    while (stepped->step()) {
        const std::size_t p = stepped->position();
        QCOMPARE(stepped->eventNumber(p - 1), played->eventNumber(p - 1));
        const bool lastAtTime = p == stepped->eventCount()
                                || stepped->eventTime(p) != stepped->eventTime(p - 1);
        if (!lastAtTime || p % 7 != 0)
            continue;
        // the played session catches up by time, several events at once
        played->advanceTo(stepped->time());
        QVERIFY2(snapshot(*stepped) == snapshot(*played),
                 qPrintable(QStringLiteral("event %1 at %2 ns").arg(p).arg(stepped->time())));
        ++compared;
    }
    QVERIFY(compared > 100);
    QVERIFY(stepped->atEnd() || stepped->time() <= stepped->endTime());
    played->advanceTo(played->endTime());
    stepped->advanceTo(stepped->endTime());
    QVERIFY(snapshot(*stepped) == snapshot(*played));
    // restart goes back to nothing applied
    stepped->restart();
    QCOMPARE(stepped->position(), std::size_t(0));
    QVERIFY(stepped->dots().empty());
}

void tst_WatchSession::sameSeedSameRecording()
{
    const auto a = WatchSession::record(shop(5), window(1));
    const auto b = WatchSession::record(shop(5), window(1));
    const auto c = WatchSession::record(shop(6), window(1));
    auto events = [](const WatchSession &s) {
        std::vector<std::pair<std::uint64_t, Sim::Tick>> out;
        for (std::size_t i = 0; i < s.eventCount(); ++i)
            out.emplace_back(s.eventNumber(i), s.eventTime(i));
        return out;
    };
    QVERIFY(events(*a) == events(*b));
    QVERIFY(events(*a) != events(*c));
    QCOMPARE(a->visits().size(), b->visits().size());
    for (std::size_t i = 0; i < a->visits().size(); ++i) {
        const Model::WatchVisit &x = a->visits()[i], &y = b->visits()[i];
        QVERIFY(x.begin == y.begin && x.end == y.end && x.comp == y.comp && x.root == y.root
                && x.ok == y.ok);
    }
}

void tst_WatchSession::visitsAreTheEngines()
{
    // without a record limit the visits the session built are the engine's: per component,
    // those begun after the warm-up are its arrivals
    Sim::Spec spec = shop(9);
    spec.warmupS = 0.5;
    const auto s = WatchSession::record(spec, window(3));
    QVERIFY(s->limitMessage().contains(QLatin1String("first 3 s")));
    QCOMPARE(s->endTime(), Sim::secondsToTicks(3));
    const Sim::Tick warm = Sim::secondsToTicks(0.5);
    std::vector<double> arrived(spec.components.size(), 0);
    for (const Model::WatchVisit &v : s->visits()) {
        QVERIFY(v.comp >= 0 && std::size_t(v.comp) < arrived.size());
        QVERIFY(v.end >= v.begin);
        if (v.begin >= warm)
            ++arrived[std::size_t(v.comp)];
    }
    for (std::size_t c = 0; c < arrived.size(); ++c)
        QCOMPARE(arrived[c], s->result().components[c].arrived);
    // the dots at any moment: fractions in [0, 1], ends that exist
    s->advanceTo(Sim::secondsToTicks(1.5));
    const std::vector<Model::WatchDot> dots = s->dots();
    QVERIFY(dots.size() > 10);
    for (const Model::WatchDot &d : dots) {
        QVERIFY(d.fraction >= 0 && d.fraction <= 1);
        QVERIFY(d.comp >= 0 && d.from >= -1);
        const Model::WatchVisit &v = s->visits()[std::size_t(d.visit)];
        QVERIFY(v.begin <= s->time() && v.end >= s->time());
    }
}

void tst_WatchSession::requestPathAndFailures()
{
    // a service calling an external that fails half of its calls
    Sim::Spec spec = singleEntrySpec({stepService("api", {callStep(1)}, 50, 4),
                                      external("ext", Sim::Distribution::constant(20), 0.5)},
                                     100,
                                     5,
                                     0,
                                     3);
    const auto s = WatchSession::record(spec, window(5));
    QVERIFY(s->limitMessage().isEmpty());
    s->advanceTo(Sim::secondsToTicks(2));
    const std::vector<int> failed = s->failuresSince(Sim::secondsToTicks(1.9));
    // 100/s for 0.1 s, half failing at the external, and their requests at the api
    QVERIFY(failed.size() > 5);
    for (int v : failed) {
        const Model::WatchVisit &x = s->visits()[std::size_t(v)];
        QVERIFY(!x.ok && x.ended && x.end > Sim::secondsToTicks(1.9) && x.end <= s->time());
        QCOMPARE(x.reason, Sim::FailureReason::DependencyError);
    }
    // a request's path: the api visit, then its call to the external 20 ms long
    const std::vector<int> path = s->requestPath(failed.front());
    QCOMPARE(path.size(), std::size_t(2));
    const Model::WatchVisit &root = s->visits()[std::size_t(path[0])];
    const Model::WatchVisit &call = s->visits()[std::size_t(path[1])];
    QVERIFY(root.entering && root.comp == 0 && root.parent == -1);
    QVERIFY(call.comp == 1 && call.from == 0 && call.parent == path[0]);
    QCOMPARE(call.end - call.begin, Sim::Tick(20 * Sim::kTicksPerMs));
    QVERIFY(root.begin <= call.begin && root.end >= call.end);
    QCOMPARE(s->names().at(root.name), QStringLiteral("job"));
}

void tst_WatchSession::recordLimitCutsCleanly()
{
    WatchSession::Limits limits;
    limits.windowS = 30;
    limits.maxRecords = 20000;
    const auto s = WatchSession::record(shop(5), limits);
    QVERIFY2(s->limitMessage().contains(QLatin1String("limit of 20000 records")),
             qPrintable(s->limitMessage()));
    QVERIFY(s->endTime() > 0 && s->endTime() < Sim::secondsToTicks(30));
    // the engine stops within a few thousand events of the limit; records past it are dropped
    QVERIFY(s->recordCount() >= 20000 && s->recordCount() < 20100);
    s->advanceTo(s->endTime());
    QCOMPARE(s->position(), s->eventCount());
    for (const Model::WatchVisit &v : s->visits())
        QVERIFY(v.end <= s->endTime() && v.begin <= v.end);
}

void tst_WatchSession::theoryAgreesWithMmc()
{
    // M/M/4, rho 0.7: C(4, 2.8) / (4 mu - lambda) = 0.4286 / 120 per s = 3.57 ms. The
    // tolerance comes from the run itself: the standard error of the mean wait from 29 batch
    // means of 10 s (each about 2,800 visits, several busy periods long), 4 of them.
    const auto s = WatchSession::record(mmc(280, 300), window(300));
    const Model::WatchTheory *t = theoryOf(*s, QStringLiteral("db"));
    QVERIFY(t);
    QCOMPARE(t->limit, QStringLiteral("connections"));
    QCOMPARE(t->servers, 4.0);
    QVERIFY(std::abs(t->serviceMs - 10) < 1e-9);
    QVERIFY(std::abs(t->utilisation - 0.7) < 1e-12);
    QVERIFY(std::abs(t->waitMs - 3.5721) < 1e-3);
    std::vector<double> batches;
    for (int b = 0; b < 29; ++b) {
        const Sim::Tick from = Sim::secondsToTicks(10 + 10 * b),
                        to = from + Sim::secondsToTicks(10);
        double visits = 0;
        for (const Model::WatchVisit &v : s->visits())
            visits += v.begin >= from && v.begin < to ? 1 : 0;
        batches.push_back(s->meanQueued(0, from, to) / (visits / 10) * 1000);
    }
    double mean = 0, var = 0;
    for (double w : batches)
        mean += w / 29;
    for (double w : batches)
        var += (w - mean) * (w - mean) / 28;
    const double se = std::sqrt(var / 29);
    QVERIFY(std::abs(mean - t->measuredWaitMs) < 0.02 * t->measuredWaitMs); // the same figure
    ARCHSIM_VERIFY_WITHIN("utilisation", 0.7, t->measuredUtilisation, 0.01);
    ARCHSIM_VERIFY_WITHIN("M/M/4 wait ms", t->waitMs, t->measuredWaitMs, 4 * se);
    QVERIFY2(!t->differs, qPrintable(t->notes.join(QLatin1Char('\n'))));
    QVERIFY(t->notes.isEmpty());
}

void tst_WatchSession::theoryNotesOverload()
{
    const auto s = WatchSession::record(mmc(500, 20), window(20));
    const Model::WatchTheory *t = theoryOf(*s, QStringLiteral("db"));
    QVERIFY(t);
    QVERIFY(std::abs(t->utilisation - 1.25) < 1e-12);
    QVERIFY(std::isinf(t->waitMs));
    QVERIFY(t->differs);
    QVERIFY(t->notes.first().contains(QStringLiteral("ρ ≥ 1")));
    QVERIFY(t->measuredUtilisation > 0.99); // the connections never rest
}

void tst_WatchSession::theoryNotesNonPoissonInput()
{
    // constant arrivals and constant queries: D/D/4 never waits, M/M/4 says 3.4 ms
    Sim::Spec spec
        = singleEntrySpec({database("db", 4, Sim::Distribution::constant(10))}, 280, 60, 5, 17);
    spec.workload.arrivals = Sim::ArrivalKind::Constant;
    const auto s = WatchSession::record(spec, window(60));
    const Model::WatchTheory *t = theoryOf(*s, QStringLiteral("db"));
    QVERIFY(t);
    QCOMPARE(t->measuredWaitMs, 0.0);
    QVERIFY(t->differs);
    const QString notes = t->notes.join(QLatin1Char('\n'));
    QVERIFY2(notes.contains(QLatin1String("Non-Poisson input")), qPrintable(notes));
    QVERIFY2(notes.contains(QStringLiteral("cs² = 0")), qPrintable(notes));
}

void tst_WatchSession::cacheAgainstChe()
{
    // LRU, 1000 keys of Zipf 0.8, room for 100: Che's approximation against 200,000 reads
    // (standard error of the ratio about 0.001). Che is within a few thousandths of exact
    // LRU (Fricker, Robert and Roberts 2012); 0.02 as in tst_cachequeuebehaviour, which also
    // covers the cold start (100 keys filled in the first ~0.1 s, less than 0.001).
    Sim::Step read;
    read.kind = Sim::Step::Kind::Cache;
    read.target = 1;
    read.keys = 1000;
    read.zipf = 0.8;
    Sim::Component cache;
    cache.id = "cache";
    cache.kind = Sim::ComponentKind::Cache;
    cache.capacityKeys = 100;
    cache.eviction = Sim::EvictionPolicy::Lru;
    Sim::Spec spec
        = singleEntrySpec({stepService("api", {read}, 1000, 64), cache}, 2000, 100, 0, 4);
    const auto s = WatchSession::record(spec, window(100));
    const Model::WatchTheory *t = theoryOf(*s, QStringLiteral("cache"));
    QVERIFY(t);
    QVERIFY(t->hitRatio > 0.3 && t->hitRatio < 0.7);
    ARCHSIM_VERIFY_WITHIN("hit ratio", t->hitRatio, t->measuredHitRatio, 0.02);
}

QTEST_GUILESS_MAIN(tst_WatchSession)

#include "tst_watchsession.moc"
