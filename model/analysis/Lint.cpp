// SPDX-License-Identifier: GPL-3.0-or-later
// The architecture lint: anti-patterns read from the scenario's own fields, without a run
// (docs/lint.md). Each rule is one function; their order is lintRuleIds()'s.
#include "analysis/Lint.h"

#include "ScenarioIo.h"
#include "format/Schema.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <functional>

namespace Model {

namespace {

using Severity = LintFinding::Severity;

QString q(const QString &s)
{
    return QLatin1Char('\'') + s + QLatin1Char('\'');
}

/** "a, b and c". */
QString andList(QStringList items)
{
    if (items.size() <= 1)
        return items.join(QString());
    const QString last = items.takeLast();
    return items.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

/** 'a', 'b' and 'c'. */
QString names(const QStringList &ids)
{
    QStringList quotedIds;
    for (const QString &id : ids)
        quotedIds << q(id);
    return andList(quotedIds);
}

QString num(double v)
{
    return QString::number(v, 'g', 6);
}

/** Every step of `steps`, nested ones (branches, on_miss, fallback) included, in order. */
void forEachStep(const Steps &steps, const std::function<void(const Step &)> &fn)
{
    for (const Step &s : steps) {
        fn(s);
        forEachStep(s.steps, fn);
        forEachStep(s.fallback, fn);
    }
}

/** Every step of every handler of a service, with the handler's request name. */
void forEachServiceStep(const Service &service,
                        const std::function<void(const Handler &, const Step &)> &fn)
{
    for (const Handler &h : service.handlers)
        forEachStep(h.steps, [&](const Step &s) { fn(h, s); });
}

/** The mean of a duration distribution in ms (0 for one ArchSim does not know). */
double meanOf(const Distribution &d)
{
    switch (d.kind) {
    case Distribution::Kind::Const:
        return d.value.value_or(0);
    case Distribution::Kind::Exp:
    case Distribution::Kind::Lognormal:
    case Distribution::Kind::Erlang:
        return d.mean.value_or(0);
    case Distribution::Kind::Uniform:
        return (d.min.value_or(0) + d.max.value_or(0)) / 2;
    case Distribution::Kind::Unknown:
        break;
    }
    return 0;
}

/** The fewest replicas a service runs: its autoscaling min, else its replicas. */
int minReplicas(const Service &s)
{
    if (s.autoscaling)
        return s.autoscaling->min.value_or(1);
    return s.replicas.value_or(1);
}

/** The most replicas a service runs: its autoscaling max, else its replicas. */
int maxReplicas(const Service &s)
{
    if (s.autoscaling)
        return std::max(s.autoscaling->max.value_or(1), s.replicas.value_or(1));
    return s.replicas.value_or(1);
}

class Linter
{
public:
    Linter(const Scenario &s, const LintThresholds &t)
        : m_s(s)
        , m_t(t)
    {}

    std::vector<LintFinding> run()
    {
        sharedDatabase();
        poolExceedsDbConnections();
        callWithoutTimeout();
        retryWithoutBackoff();
        singleReplicaNoRestart();
        unboundedQueue();
        noHealthCheck();
        syncChainDepth();
        eventLoopBlocking();
        ttlWithoutJitter();
        cacheStampede();
        overloadedUnbounded();
        return m_findings;
    }

private:
    void add(const char *rule,
             Severity severity,
             const QString &component,
             const QString &message,
             const QString &hint)
    {
        m_findings.push_back({QLatin1String(rule), severity, component, message, hint});
    }

    const Component *find(const QString &id) const { return m_s.component(id); }

    bool isKind(const QString &id, ComponentKind kind) const
    {
        const Component *c = find(id);
        return c && c->kind == kind;
    }

    /** The services whose handlers call `database` or that keep a pool to it. */
    QStringList clientsOf(const QString &database) const
    {
        QStringList ids;
        for (const Component &c : m_s.components) {
            if (c.kind != ComponentKind::Service)
                continue;
            bool uses = std::any_of(c.service.pools.begin(),
                                    c.service.pools.end(),
                                    [&](const PoolLimit &p) { return p.target == database; });
            forEachServiceStep(c.service, [&](const Handler &, const Step &s) {
                uses = uses || (s.kind == Step::Kind::Call && s.target == database);
            });
            if (uses)
                ids << c.id;
        }
        return ids;
    }

    // --- shared-database ---------------------------------------------------------------

    void sharedDatabase()
    {
        for (const Component &db : m_s.components) {
            if (db.kind != ComponentKind::Database)
                continue;
            const QStringList clients = clientsOf(db.id);
            if (clients.size() < 2)
                continue;
            add("shared-database",
                Severity::Warning,
                db.id,
                QStringLiteral("The services %1 share the database %2, so a schema change, a "
                               "slow query or a full connection limit in one of them reaches "
                               "the others too.")
                    .arg(names(clients), q(db.id)),
                QStringLiteral("Give each service its own database (or schema with its own "
                               "connections) and let the others ask its owner through its API "
                               "or its events."));
        }
    }

    // --- pool-exceeds-db-connections -----------------------------------------------------

    void poolExceedsDbConnections()
    {
        for (const Component &db : m_s.components) {
            if (db.kind != ComponentKind::Database)
                continue;
            const int maxConnections = *Format::filled(db.database).maxConnections;
            qint64 total = 0;
            QStringList parts;
            for (const Component &c : m_s.components) {
                if (c.kind != ComponentKind::Service)
                    continue;
                for (const PoolLimit &p : c.service.pools) {
                    if (p.target != db.id)
                        continue;
                    const int replicas = maxReplicas(c.service);
                    total += qint64(replicas) * p.size;
                    parts << QStringLiteral("%1 (%2 x %3)").arg(q(c.id)).arg(replicas).arg(p.size);
                }
            }
            if (total <= maxConnections)
                continue;
            add("pool-exceeds-db-connections",
                Severity::Warning,
                db.id,
                QStringLiteral("The connection pools of %1 (replicas x pool size) can hold %2 "
                               "connections to the database %3, which runs %4 at once, so at "
                               "peak the rest wait in the database (a real one refuses them).")
                    .arg(andList(parts))
                    .arg(total)
                    .arg(q(db.id))
                    .arg(maxConnections),
                QStringLiteral("Shrink the pools so that replicas x pool size of all clients "
                               "stays within %1 (with autoscaling: at its max), raise "
                               "max_connections, or put a connection pooler in front.")
                    .arg(maxConnections));
        }
    }

    // --- call-without-timeout ------------------------------------------------------------

    bool needsTimeout(const QString &target) const
    {
        const Component *c = find(target);
        if (!c)
            return false;
        switch (c->kind) {
        case ComponentKind::Service:
        case ComponentKind::LoadBalancer:
        case ComponentKind::Gateway:
        case ComponentKind::External:
            return true;
        case ComponentKind::Database:
            return m_t.databaseCallsNeedTimeout;
        default:
            return false;
        }
    }

    void callWithoutTimeout()
    {
        for (const Component &c : m_s.components) {
            if (c.kind != ComponentKind::Service)
                continue;
            QStringList targets;
            forEachServiceStep(c.service, [&](const Handler &, const Step &s) {
                if (s.kind == Step::Kind::Call && !s.timeoutMs && needsTimeout(s.target)
                    && !targets.contains(s.target))
                    targets << s.target;
            });
            for (const QString &t : targets)
                add("call-without-timeout",
                    Severity::Warning,
                    c.id,
                    QStringLiteral("%1 calls %2 with no timeout, so when %2 hangs every request "
                                   "of %1 that calls it waits as long, and they pile up in %1.")
                        .arg(q(c.id), q(t)),
                    QStringLiteral("Give the call to %1 a timeout_ms a little above its normal "
                                   "p99 latency.")
                        .arg(q(t)));
        }
    }

    // --- retry-without-backoff -----------------------------------------------------------

    void retryWithoutBackoff()
    {
        for (const Component &c : m_s.components) {
            if (c.kind != ComponentKind::Service)
                continue;
            QStringList noBackoff;
            QStringList noJitter;
            forEachServiceStep(c.service, [&](const Handler &, const Step &s) {
                if (s.kind != Step::Kind::Call || s.retries.value_or(0) <= 0)
                    return;
                if (s.backoffMs.value_or(0) <= 0) {
                    if (!noBackoff.contains(s.target))
                        noBackoff << s.target;
                } else if (s.jitter.value_or(0) <= 0 && !noJitter.contains(s.target)) {
                    noJitter << s.target;
                }
            });
            for (const QString &t : noBackoff)
                add("retry-without-backoff",
                    Severity::Warning,
                    c.id,
                    QStringLiteral("%1 retries its calls to %2 at once, with no back-off, so "
                                   "when %2 slows down or fails every failure is sent again "
                                   "immediately and the retries multiply its load (a retry "
                                   "storm).")
                        .arg(q(c.id), q(t)),
                    QStringLiteral("Give the call to %1 backoff_ms (e.g. 100, doubling up to "
                                   "max_backoff_ms) and jitter (e.g. 0.5), and consider a "
                                   "retry_budget or a circuit_breaker.")
                        .arg(q(t)));
            for (const QString &t : noJitter)
                add("retry-without-backoff",
                    Severity::Info,
                    c.id,
                    QStringLiteral("%1 backs off its retries to %2 with no jitter, so callers "
                                   "that failed together retry together, in waves.")
                        .arg(q(c.id), q(t)),
                    QStringLiteral("Set jitter on the call to %1 (e.g. 0.5: each wait within "
                                   "+/-50%).")
                        .arg(q(t)));
        }
    }

    // --- single-replica-no-restart -------------------------------------------------------

    void singleReplicaNoRestart()
    {
        for (const Component &c : m_s.components) {
            if (c.kind != ComponentKind::Service)
                continue;
            if (minReplicas(c.service) > 1 || c.service.restart != QLatin1String("no"))
                continue;
            add("single-replica-no-restart",
                Severity::Warning,
                c.id,
                QStringLiteral("%1 can run on a single replica that is never restarted "
                               "(restart \"no\"), so one crash takes it down for good.")
                    .arg(q(c.id)),
                QStringLiteral("Set restart to always (the default) or on_failure, and run at "
                               "least 2 replicas."));
        }
    }

    // --- unbounded-queue -----------------------------------------------------------------

    void unboundedQueue()
    {
        for (const Component &c : m_s.components) {
            if (c.kind != ComponentKind::Queue)
                continue;
            if (c.queue.consumers.isEmpty()) {
                add("unbounded-queue",
                    Severity::Warning,
                    c.id,
                    QStringLiteral("Nothing consumes the queue %1, so every message published "
                                   "to it stays there and the queue only grows.")
                        .arg(q(c.id)),
                    QStringLiteral("Add a consumer service to %1, or stop publishing to it.")
                        .arg(q(c.id)));
            } else if (!c.queue.maxLength) {
                add("unbounded-queue",
                    Severity::Info,
                    c.id,
                    QStringLiteral("The queue %1 has no max_length, so when its consumers fall "
                                   "behind, its backlog (and with it the broker's memory and "
                                   "every message's wait) grows without limit.")
                        .arg(q(c.id)),
                    QStringLiteral("Set max_length to the backlog you accept, with an overflow "
                                   "policy (reject_publish pushes back on the publishers)."));
            }
        }
    }

    // --- no-health-check -----------------------------------------------------------------

    void noHealthCheck()
    {
        for (const Component &c : m_s.components) {
            if (c.kind != ComponentKind::Service || c.service.healthCheck
                || maxReplicas(c.service) < 2)
                continue;
            QStringList how;
            if (c.service.memoryMb)
                how << QStringLiteral("run out of memory (memory_mb)");
            const bool killed
                = std::any_of(m_s.faults.begin(), m_s.faults.end(), [&](const Fault &f) {
                      return f.kind == QLatin1String("kill_instance") && f.target == c.id;
                  });
            if (killed)
                how << QStringLiteral("be killed (a kill_instance fault)");
            if (how.isEmpty())
                continue;
            add("no-health-check",
                Severity::Warning,
                c.id,
                QStringLiteral("The replicas of %1 can %2 but it has no health check, so its "
                               "callers keep sending requests to a dead replica, which fail, "
                               "until it restarts.")
                    .arg(q(c.id), how.join(QStringLiteral(" or "))),
                QStringLiteral("Add a health_check (e.g. {\"interval_s\": 5, \"failures\": 3}) "
                               "so a dead replica leaves balancing within seconds."));
        }
    }

    // --- sync-chain-depth ----------------------------------------------------------------

    struct Visit
    {
        int service;
        QString request;
    };

    static QString keyOf(const Visit &v)
    {
        return QString::number(v.service) + QLatin1Char('\n') + v.request;
    }

    /** The services a synchronous request to `id` ends at (through balancers and routes). */
    void resolve(const QString &id, const QString &request, QList<Visit> &out, int depth = 0) const
    {
        const int i = m_s.indexOf(id);
        if (i < 0 || depth > 32)
            return;
        const Component &c = m_s.components.at(i);
        switch (c.kind) {
        case ComponentKind::Service:
            out.append({i, request});
            break;
        case ComponentKind::LoadBalancer:
            for (const QString &t : c.loadBalancer.targets)
                resolve(t, request, out, depth + 1);
            break;
        case ComponentKind::Gateway: {
            const Route *route = nullptr;
            for (const Route &r : c.gateway.routes) {
                if (r.request == request)
                    route = &r;
                else if (!route && r.request == QLatin1String("*"))
                    route = &r;
            }
            if (route) {
                for (const RouteTarget &t : route->targets)
                    resolve(t.target, request, out, depth + 1);
            }
            break;
        }
        default:
            break;
        }
    }

    /** The services that `v`'s handler calls synchronously, with their request names. */
    QList<Visit> callees(const Visit &v) const
    {
        QList<Visit> out;
        const Component &c = m_s.components.at(v.service);
        const Handler *h = c.handler(v.request);
        if (!h)
            return out;
        forEachStep(h->steps, [&](const Step &s) {
            if (s.kind == Step::Kind::Call)
                resolve(s.target, s.request.isEmpty() ? v.request : s.request, out);
        });
        return out;
    }

    /** The longest chain of services from `v` on, `v` first (cycles cut). */
    QStringList longestChain(const Visit &v, QSet<QString> &onPath)
    {
        const QString k = keyOf(v);
        if (auto it = m_chains.constFind(k); it != m_chains.constEnd())
            return *it;
        onPath.insert(k);
        QStringList best;
        for (const Visit &next : callees(v)) {
            if (onPath.contains(keyOf(next)))
                continue;
            const QStringList chain = longestChain(next, onPath);
            if (chain.size() > best.size())
                best = chain;
        }
        onPath.remove(k);
        best.prepend(m_s.components.at(v.service).id);
        m_chains.insert(k, best);
        return best;
    }

    void syncChainDepth()
    {
        QSet<QString> called;
        QList<Visit> all;
        for (int i = 0; i < m_s.components.size(); ++i) {
            const Component &c = m_s.components.at(i);
            if (c.kind != ComponentKind::Service)
                continue;
            for (const Handler &h : c.service.handlers) {
                const Visit v{i, h.request};
                all.append(v);
                for (const Visit &callee : callees(v))
                    called.insert(keyOf(callee));
            }
        }
        QSet<QString> reported;
        for (const Visit &v : all) {
            if (called.contains(keyOf(v)))
                continue; // inside a longer chain
            QSet<QString> onPath;
            const QStringList chain = longestChain(v, onPath);
            const int hops = int(chain.size()) - 1;
            const QString path = chain.join(QStringLiteral(" -> "));
            if (hops <= m_t.syncChainMaxHops || reported.contains(path))
                continue;
            reported.insert(path);
            add("sync-chain-depth",
                Severity::Warning,
                chain.first(),
                QStringLiteral("A request %1 to %2 waits on %3 synchronous calls in a row (%4), "
                               "so their latencies add up and a failure of any one fails it: "
                               "a distributed monolith.")
                    .arg(q(v.request), q(chain.first()))
                    .arg(hops)
                    .arg(path),
                QStringLiteral("Shorten the chain to at most %1 hops: merge services that "
                               "always call each other, or make the later steps asynchronous "
                               "through a queue.")
                    .arg(m_t.syncChainMaxHops));
        }
    }

    // --- event-loop-blocking -------------------------------------------------------------

    void eventLoopBlocking()
    {
        for (const Component &c : m_s.components) {
            if (c.kind != ComponentKind::Service || !c.service.concurrency
                || c.service.concurrency->model != QLatin1String("event_loop"))
                continue;
            double worst = 0;
            QString worstHandler;
            forEachServiceStep(c.service, [&](const Handler &h, const Step &s) {
                if (s.kind != Step::Kind::Cpu || s.offload.value_or(false))
                    return;
                const double ms = meanOf(s.duration);
                if (ms >= m_t.eventLoopBlockingCpuMs && ms > worst) {
                    worst = ms;
                    worstHandler = h.request;
                }
            });
            if (worstHandler.isEmpty())
                continue;
            add("event-loop-blocking",
                Severity::Warning,
                c.id,
                QStringLiteral("%1 runs %2 ms of CPU work (mean) for %3 on its event loop, so "
                               "every other request on that loop waits behind it.")
                    .arg(q(c.id), num(worst), q(worstHandler)),
                QStringLiteral("Mark the step \"offload\": true to run it on worker threads, "
                               "split it into steps under %1 ms, or move it to a thread_pool "
                               "service.")
                    .arg(num(m_t.eventLoopBlockingCpuMs)));
        }
    }

    // --- ttl-without-jitter --------------------------------------------------------------

    void ttlWithoutJitter()
    {
        for (const Component &c : m_s.components) {
            if (c.kind != ComponentKind::Cache || c.cache.ttlS.value_or(0) <= 0
                || c.cache.ttlJitter.value_or(0) > 0)
                continue;
            add("ttl-without-jitter",
                Severity::Info,
                c.id,
                QStringLiteral("The cache %1 gives every key the same TTL of %2 s with no "
                               "jitter, so keys stored together (after a start or a flush) "
                               "expire together and their misses reach the backend in waves.")
                    .arg(q(c.id), num(*c.cache.ttlS)),
                QStringLiteral("Set ttl_jitter (e.g. 0.1: each TTL within +/-10%)."));
        }
    }

    // --- cache-stampede ------------------------------------------------------------------

    void cacheStampede()
    {
        for (const Component &c : m_s.components) {
            if (c.kind != ComponentKind::Cache || c.cache.ttlS.value_or(0) <= 0
                || !(c.cache.stampede.isEmpty() || c.cache.stampede == QLatin1String("none")))
                continue;
            QString hotCaller;
            double hotZipf = 0;
            for (const Component &svc : m_s.components) {
                if (svc.kind != ComponentKind::Service)
                    continue;
                forEachServiceStep(svc.service, [&](const Handler &, const Step &s) {
                    if (s.kind == Step::Kind::Cache && s.target == c.id
                        && s.zipf.value_or(0) >= m_t.hotCacheZipf && s.zipf.value_or(0) > hotZipf) {
                        hotZipf = *s.zipf;
                        hotCaller = svc.id;
                    }
                });
            }
            if (hotCaller.isEmpty())
                continue;
            add("cache-stampede",
                Severity::Warning,
                c.id,
                QStringLiteral("The cache %1 is hot (%2 looks up its keys with Zipf skew %3) "
                               "and has no stampede protection, so when a popular key expires "
                               "every request for it misses at once and runs its on_miss steps "
                               "against the backend together.")
                    .arg(q(c.id), q(hotCaller), num(hotZipf)),
                QStringLiteral("Set stampede to lock (one request refills the key, the others "
                               "wait for it) or stale_while_revalidate."));
        }
    }

    // --- overloaded-unbounded ------------------------------------------------------------

    void overloadedUnbounded()
    {
        for (const Overload &o : Model::overloadedUnbounded(m_s))
            add("overloaded-unbounded",
                Severity::Warning,
                o.id,
                o.message() + QLatin1Char('.'),
                o.hint(m_s));
    }

    const Scenario &m_s;
    const LintThresholds &m_t;
    std::vector<LintFinding> m_findings;
    QHash<QString, QStringList> m_chains;
};

} // namespace

QStringList lintRuleIds()
{
    return {QStringLiteral("shared-database"),
            QStringLiteral("pool-exceeds-db-connections"),
            QStringLiteral("call-without-timeout"),
            QStringLiteral("retry-without-backoff"),
            QStringLiteral("single-replica-no-restart"),
            QStringLiteral("unbounded-queue"),
            QStringLiteral("no-health-check"),
            QStringLiteral("sync-chain-depth"),
            QStringLiteral("event-loop-blocking"),
            QStringLiteral("ttl-without-jitter"),
            QStringLiteral("cache-stampede"),
            QStringLiteral("overloaded-unbounded")};
}

std::vector<LintFinding> lintScenario(const Scenario &scenario, const LintThresholds &thresholds)
{
    return Linter(scenario, thresholds).run();
}

QString lintSeverityName(LintFinding::Severity severity)
{
    return severity == Severity::Warning ? QStringLiteral("warning") : QStringLiteral("info");
}

QString lintFindingLine(const LintFinding &finding)
{
    return QStringLiteral("%1 %2 %3: %4 Fix: %5")
        .arg(lintSeverityName(finding.severity),
             finding.rule,
             finding.component.isEmpty() ? QStringLiteral("-") : finding.component,
             finding.message,
             finding.hint);
}

namespace {

QJsonObject findingJson(const LintFinding &f)
{
    return QJsonObject{
        {QStringLiteral("rule"), f.rule},
        {QStringLiteral("severity"), lintSeverityName(f.severity)},
        {QStringLiteral("component"),
         f.component.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(f.component)},
        {QStringLiteral("message"), f.message},
        {QStringLiteral("hint"), f.hint},
    };
}

} // namespace

QJsonObject lintToJson(const std::vector<LintFinding> &findings)
{
    QJsonArray list;
    for (const LintFinding &f : findings)
        list.append(findingJson(f));
    return QJsonObject{{QStringLiteral("findings"), list}};
}

QJsonObject lintReportToJson(const LintReport &report)
{
    QJsonObject out = lintToJson(report.findings);
    QJsonArray silenced;
    for (const auto &[finding, reason] : report.silenced) {
        QJsonObject o = findingJson(finding);
        o.insert(QStringLiteral("reason"), reason);
        silenced.append(o);
    }
    if (!silenced.isEmpty())
        out.insert(QStringLiteral("silenced"), silenced);
    return out;
}

// --- per project --------------------------------------------------------------------------

namespace {

const char kThresholds[] = "thresholds";
const char kSilenced[] = "silenced";
const char kSyncChainMaxHops[] = "sync_chain_max_hops";
const char kEventLoopBlockingCpuMs[] = "event_loop_blocking_cpu_ms";
const char kHotCacheZipf[] = "hot_cache_zipf";
const char kDatabaseCallsNeedTimeout[] = "database_calls_need_timeout";
const char kScenario[] = "scenario";
const char kRule[] = "rule";
const char kComponent[] = "component";
const char kReason[] = "reason";

// the limits a project may set (docs/lint.md)
constexpr int kMaxHopsLimit = 100;
constexpr double kMaxBlockingCpuMs = 60'000;
constexpr double kMaxZipf = 10;

} // namespace

const LintSilence *LintSettings::silenceOf(const QString &scenarioId,
                                           const LintFinding &finding) const
{
    for (const LintSilence &s : silenced) {
        if (s.scenarioId == scenarioId && s.rule == finding.rule
            && s.component == finding.component)
            return &s;
    }
    return nullptr;
}

LintReport lintInProject(const Scenario &scenario,
                         const QString &scenarioId,
                         const LintSettings &settings)
{
    LintReport report;
    for (LintFinding &f : lintScenario(scenario, settings.thresholds)) {
        if (const LintSilence *silence = settings.silenceOf(scenarioId, f))
            report.silenced.emplace_back(std::move(f), silence->reason);
        else
            report.findings.push_back(std::move(f));
    }
    return report;
}

QJsonObject lintSettingsToJson(const LintSettings &settings)
{
    const LintThresholds defaults;
    const LintThresholds &t = settings.thresholds;
    QJsonObject thresholds;
    if (t.syncChainMaxHops != defaults.syncChainMaxHops)
        thresholds.insert(QLatin1String(kSyncChainMaxHops), t.syncChainMaxHops);
    if (t.eventLoopBlockingCpuMs != defaults.eventLoopBlockingCpuMs)
        thresholds.insert(QLatin1String(kEventLoopBlockingCpuMs), t.eventLoopBlockingCpuMs);
    if (t.hotCacheZipf != defaults.hotCacheZipf)
        thresholds.insert(QLatin1String(kHotCacheZipf), t.hotCacheZipf);
    if (t.databaseCallsNeedTimeout != defaults.databaseCallsNeedTimeout)
        thresholds.insert(QLatin1String(kDatabaseCallsNeedTimeout), t.databaseCallsNeedTimeout);
    QJsonArray silenced;
    for (const LintSilence &s : settings.silenced) {
        silenced.append(QJsonObject{
            {QLatin1String(kScenario), s.scenarioId},
            {QLatin1String(kRule), s.rule},
            {QLatin1String(kComponent),
             s.component.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.component)},
            {QLatin1String(kReason), s.reason},
        });
    }
    QJsonObject out;
    if (!thresholds.isEmpty())
        out.insert(QLatin1String(kThresholds), thresholds);
    if (!silenced.isEmpty())
        out.insert(QLatin1String(kSilenced), silenced);
    return out;
}

std::optional<LintSettings> lintSettingsFromJson(const QJsonObject &json, QString *error)
{
    auto fail = [&](const QString &path, const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, why);
        return std::nullopt;
    };
    auto unknownKey = [](const QJsonObject &o, const QStringList &known) -> QString {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key()))
                return it.key();
        }
        return {};
    };
    if (const QString k = unknownKey(json, {QLatin1String(kThresholds), QLatin1String(kSilenced)});
        !k.isEmpty())
        return fail(QStringLiteral("$.") + k,
                    QStringLiteral("unknown key; the keys are thresholds and silenced"));
    LintSettings settings;
    LintThresholds &t = settings.thresholds;
    const QJsonValue thresholds = json.value(QLatin1String(kThresholds));
    if (!thresholds.isUndefined()) {
        if (!thresholds.isObject())
            return fail(QStringLiteral("$.thresholds"), QStringLiteral("not an object"));
        const QJsonObject o = thresholds.toObject();
        if (const QString k = unknownKey(o,
                                         {QLatin1String(kSyncChainMaxHops),
                                          QLatin1String(kEventLoopBlockingCpuMs),
                                          QLatin1String(kHotCacheZipf),
                                          QLatin1String(kDatabaseCallsNeedTimeout)});
            !k.isEmpty())
            return fail(QStringLiteral("$.thresholds.") + k,
                        QStringLiteral("unknown threshold; see docs/lint.md for the four there "
                                       "are"));
        auto number = [&](const char *key, double lo, double hi, double *out) -> QString {
            const QJsonValue v = o.value(QLatin1String(key));
            if (v.isUndefined())
                return {};
            if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < lo
                || v.toDouble() > hi)
                return QStringLiteral("$.thresholds.%1: not a number from %2 to %3")
                    .arg(QLatin1String(key))
                    .arg(lo)
                    .arg(hi);
            *out = v.toDouble();
            return {};
        };
        double hops = t.syncChainMaxHops;
        QString why = number(kSyncChainMaxHops, 1, kMaxHopsLimit, &hops);
        if (why.isEmpty() && hops != std::floor(hops))
            why = QStringLiteral("$.thresholds.%1: not a whole number")
                      .arg(QLatin1String(kSyncChainMaxHops));
        if (why.isEmpty())
            why = number(kEventLoopBlockingCpuMs, 0, kMaxBlockingCpuMs, &t.eventLoopBlockingCpuMs);
        if (why.isEmpty())
            why = number(kHotCacheZipf, 0, kMaxZipf, &t.hotCacheZipf);
        if (!why.isEmpty()) {
            if (error)
                *error = why;
            return std::nullopt;
        }
        t.syncChainMaxHops = static_cast<int>(hops);
        const QJsonValue db = o.value(QLatin1String(kDatabaseCallsNeedTimeout));
        if (!db.isUndefined()) {
            if (!db.isBool())
                return fail(QStringLiteral("$.thresholds.")
                                + QLatin1String(kDatabaseCallsNeedTimeout),
                            QStringLiteral("not true or false"));
            t.databaseCallsNeedTimeout = db.toBool();
        }
    }
    const QJsonValue silenced = json.value(QLatin1String(kSilenced));
    if (!silenced.isUndefined() && !silenced.isArray())
        return fail(QStringLiteral("$.silenced"), QStringLiteral("not a list"));
    const QJsonArray list = silenced.toArray();
    const QStringList rules = lintRuleIds();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = QStringLiteral("$.silenced[%1]").arg(i);
        if (!list[i].isObject())
            return fail(at, QStringLiteral("not an object"));
        const QJsonObject o = list[i].toObject();
        if (const QString k = unknownKey(o,
                                         {QLatin1String(kScenario),
                                          QLatin1String(kRule),
                                          QLatin1String(kComponent),
                                          QLatin1String(kReason)});
            !k.isEmpty())
            return fail(at + QLatin1Char('.') + k,
                        QStringLiteral("unknown key; the keys are scenario, rule, component and "
                                       "reason"));
        LintSilence s;
        const QJsonValue scenario = o.value(QLatin1String(kScenario));
        const QJsonValue rule = o.value(QLatin1String(kRule));
        const QJsonValue component = o.value(QLatin1String(kComponent));
        const QJsonValue reason = o.value(QLatin1String(kReason));
        if (!scenario.isString() || scenario.toString().isEmpty())
            return fail(at + QStringLiteral(".scenario"), QStringLiteral("not a scenario id"));
        if (!rule.isString() || !rules.contains(rule.toString()))
            return fail(at + QStringLiteral(".rule"),
                        QStringLiteral("not a rule id (%1)").arg(rules.join(QStringLiteral(", "))));
        if (!component.isNull() && !component.isUndefined() && !component.isString())
            return fail(at + QStringLiteral(".component"),
                        QStringLiteral("not a component id or null"));
        if (!reason.isString() || reason.toString().trimmed().isEmpty())
            return fail(at + QStringLiteral(".reason"),
                        QStringLiteral("missing: say why the finding is accepted"));
        s.scenarioId = scenario.toString();
        s.rule = rule.toString();
        s.component = component.toString();
        s.reason = reason.toString();
        settings.silenced.append(s);
    }
    return settings;
}

} // namespace Model
