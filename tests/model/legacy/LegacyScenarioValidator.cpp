// SPDX-License-Identifier: GPL-3.0-or-later
// validateScenario: the rules of spec/scenario-format.md on a parsed (or edited) Scenario.
// Every problem names its JSON path and says in a plain sentence what to do.
#include "LegacyScenarioIo.h"

#include "JsonPath.h"
#include "ScenarioDefaults.h"
#include "ScenarioLimits.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>
#include <utility>
#include <vector>

namespace Model::Legacy {

namespace {

using JsonPath::index;
using JsonPath::key;

const QStringList kBalancing = {QStringLiteral("round_robin"), QStringLiteral("random"),
                                QStringLiteral("least_outstanding"),
                                QStringLiteral("power_of_two")};
const QStringList kConcurrency = {QStringLiteral("thread_pool"), QStringLiteral("event_loop")};
const QStringList kArrivals = {QStringLiteral("poisson"), QStringLiteral("constant"),
                               QStringLiteral("ramp"),    QStringLiteral("spike"),
                               QStringLiteral("bursty"),  QStringLiteral("diurnal")};
const QStringList kCacheEngines = {QStringLiteral("redis"), QStringLiteral("memcached")};
const QStringList kEvictions = {QStringLiteral("lru"),        QStringLiteral("lfu"),
                                QStringLiteral("fifo"),       QStringLiteral("random"),
                                QStringLiteral("approx_lru"), QStringLiteral("approx_lfu"),
                                QStringLiteral("segmented_lru")};
const QStringList kStampede = {QStringLiteral("none"), QStringLiteral("lock"),
                               QStringLiteral("stale_while_revalidate")};
const QStringList kBrokers = {QStringLiteral("rabbitmq")};
const QStringList kOverflow = {QStringLiteral("reject_publish"), QStringLiteral("drop_head"),
                               QStringLiteral("reject_publish_dlx")};
const QStringList kExchanges = {QStringLiteral("direct"), QStringLiteral("fanout")};
const QStringList kFaults = {QStringLiteral("kill_instance"), QStringLiteral("outage"),
                              QStringLiteral("latency"), QStringLiteral("errors")};
const QStringList kRestart = {QStringLiteral("always"), QStringLiteral("on_failure"),
                              QStringLiteral("no")};

QString num(double v)
{
    return QString::number(v, 'g', 12);
}

QString quoted(const QString &s)
{
    return QLatin1Char('\'') + s + QLatin1Char('\'');
}

bool isIdChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_'
           || u == '-';
}

/** Which kinds a synchronous request (entry, call, load balancer, route, pool) may go to. */
bool acceptsRequests(ComponentKind k)
{
    return k == ComponentKind::Service || k == ComponentKind::LoadBalancer
           || k == ComponentKind::Gateway || k == ComponentKind::Database
           || k == ComponentKind::External;
}

class Validator
{
public:
    explicit Validator(const Scenario &s)
        : m_s(s)
    {
        for (int i = 0; i < s.components.size(); ++i) {
            const QString &id = s.components.at(i).id;
            if (!id.isEmpty() && !m_index.contains(id))
                m_index.insert(id, i);
        }
    }

    Problems run()
    {
        checkTop();
        checkSimulation();
        checkWorkload();
        checkComponents();
        checkFaults();
        checkReachability();
        checkCycles();
        return m_problems;
    }

private:
    void error(const QString &path, const QString &message)
    {
        m_problems.append({Problem::Severity::Error, path, message, 0, 0});
    }
    void warning(const QString &path, const QString &message)
    {
        m_problems.append({Problem::Severity::Warning, path, message, 0, 0});
    }

    QString componentPath(int i) const { return index(QStringLiteral("$.components"), i); }

    // --- numbers ------------------------------------------------------------------------

    template<typename T>
    void atLeast(const std::optional<T> &v, const QString &path, T min, T max)
    {
        if (!v)
            return;
        if (*v < min)
            error(path, QStringLiteral("must be at least %1").arg(num(static_cast<double>(min))));
        else if (*v > max)
            error(path, QStringLiteral("must be at most %1").arg(num(static_cast<double>(max))));
    }

    void positive(const std::optional<double> &v, const QString &path, double max,
                  const QString &what)
    {
        if (!v)
            return;
        if (!(*v > 0))
            error(path, QStringLiteral("%1 must be greater than 0 (it is %2)").arg(what, num(*v)));
        else if (*v > max)
            error(path, QStringLiteral("%1 must be at most %2").arg(what, num(max)));
    }

    void fraction(const std::optional<double> &v, const QString &path, const QString &what)
    {
        if (v && !(*v >= 0 && *v <= 1))
            error(path, QStringLiteral("%1 must be between 0 and 1 (it is %2)").arg(what, num(*v)));
    }

    void word(const QString &value, const QString &path, const QStringList &allowed,
              const QString &what)
    {
        if (!value.isEmpty() && !allowed.contains(value)) {
            error(path, QStringLiteral("unknown %1 %2; use one of %3")
                            .arg(what, quoted(value), allowed.join(QStringLiteral(", "))));
        }
    }

    void duration(const std::optional<Distribution> &d, const QString &path)
    {
        if (d)
            checkDistribution(*d, path);
    }

    void checkDistribution(const Distribution &d, const QString &path)
    {
        auto param = [&](const std::optional<double> &v, const QString &name, bool strictlyPositive) {
            const QString p = (d.bare && name == QLatin1String("value")) ? path : key(path, name);
            if (!v) {
                error(p, QStringLiteral("missing; \"dist\": \"%1\" needs %2")
                             .arg(distributionKindName(d.kind), quoted(name)));
                return false;
            }
            if (strictlyPositive ? !(*v > 0) : !(*v >= 0)) {
                error(p, QStringLiteral("%1 must be %2 (it is %3)")
                             .arg(name == QLatin1String("value") ? QStringLiteral("a duration")
                                                                 : name,
                                  strictlyPositive ? QStringLiteral("greater than 0")
                                                   : QStringLiteral("0 or more"),
                                  num(*v)));
                return false;
            }
            if (*v > Limits::kMaxDurationMs) {
                error(p, QStringLiteral("%1 ms is too long; use at most %2 ms")
                             .arg(num(*v), num(Limits::kMaxDurationMs)));
                return false;
            }
            return true;
        };
        switch (d.kind) {
        case Distribution::Kind::Const: param(d.value, QStringLiteral("value"), false); break;
        case Distribution::Kind::Exp: param(d.mean, QStringLiteral("mean"), false); break;
        case Distribution::Kind::Uniform: {
            const bool lo = param(d.min, QStringLiteral("min"), false);
            const bool hi = param(d.max, QStringLiteral("max"), false);
            if (lo && hi && *d.min > *d.max) {
                error(key(path, QStringLiteral("min")),
                      QStringLiteral("min (%1) is greater than max (%2); swap them")
                          .arg(num(*d.min), num(*d.max)));
            }
            break;
        }
        case Distribution::Kind::Lognormal:
            param(d.mean, QStringLiteral("mean"), true);
            param(d.stddev, QStringLiteral("stddev"), false);
            break;
        case Distribution::Kind::Erlang:
            if (!d.k)
                error(key(path, QStringLiteral("k")),
                      QStringLiteral("missing; an erlang distribution needs 'k', the number "
                                     "of phases"));
            else if (*d.k < 1 || *d.k > Limits::kMaxErlangK)
                error(key(path, QStringLiteral("k")),
                      QStringLiteral("k must be from 1 to %1 (it is %2)")
                          .arg(Limits::kMaxErlangK)
                          .arg(*d.k));
            param(d.mean, QStringLiteral("mean"), false);
            break;
        case Distribution::Kind::Unknown:
            if (d.unknownName.isEmpty())
                error(path, QStringLiteral("a distribution object needs \"dist\": one of const, "
                                           "exp, uniform, lognormal, erlang"));
            else
                error(key(path, QStringLiteral("dist")),
                      QStringLiteral("unknown distribution %1; use one of const, exp, uniform, "
                                     "lognormal, erlang")
                          .arg(quoted(d.unknownName)));
            break;
        }
    }

    // --- references ---------------------------------------------------------------------

    /** The index of a referenced component, or -1 after reporting a missing one. */
    int resolve(const QString &id, const QString &path, const QString &what)
    {
        if (id.isEmpty()) {
            error(path, QStringLiteral("missing %1; name a component id").arg(what));
            return -1;
        }
        const int i = m_index.value(id, -1);
        if (i < 0) {
            error(path, QStringLiteral("there is no component %1; check the spelling or add "
                                       "the component")
                            .arg(quoted(id)));
        }
        return i;
    }

    /** A reference that a synchronous request follows. */
    void requestTarget(const QString &id, const QString &path, const QString &what)
    {
        const int i = resolve(id, path, what);
        if (i < 0)
            return;
        const ComponentKind k = m_s.components.at(i).kind;
        if (k == ComponentKind::Queue) {
            error(path, QStringLiteral("%1 is a queue, which takes messages, not requests; use "
                                       "{\"publish\": \"%2\", \"message\": ...} instead")
                            .arg(quoted(id), id));
        } else if (k == ComponentKind::Cache) {
            error(path, QStringLiteral("%1 is a cache; look keys up with {\"cache\": \"%2\", "
                                       "\"keys\": ..., \"on_miss\": [...]} instead")
                            .arg(quoted(id), id));
        }
    }

    void kindTarget(const QString &id, const QString &path, const QString &what,
                    ComponentKind wanted, const QString &hint)
    {
        const int i = resolve(id, path, what);
        if (i < 0)
            return;
        const Component &c = m_s.components.at(i);
        if (c.kind != wanted && c.kind != ComponentKind::Unknown) {
            error(path, QStringLiteral("%1 is a %2, not a %3; %4")
                            .arg(quoted(id), componentKindName(c.kind),
                                 componentKindName(wanted), hint));
        }
    }

    // --- top level ----------------------------------------------------------------------

    void checkTop()
    {
        if (m_s.format.isEmpty()) {
            error(QStringLiteral("$.format"),
                  QStringLiteral("missing; add \"format\": \"archsim-scenario\""));
        } else if (m_s.format != Scenario::formatName()) {
            error(QStringLiteral("$.format"),
                  QStringLiteral("this is not an ArchSim scenario (format %1); a scenario has "
                                 "\"format\": \"archsim-scenario\"")
                      .arg(quoted(m_s.format)));
        }
        if (m_s.version > Scenario::kFormatVersion) {
            error(QStringLiteral("$.version"),
                  QStringLiteral("written by a newer ArchSim (format version %1); this version "
                                 "reads version %2: update ArchSim to open it")
                      .arg(m_s.version)
                      .arg(Scenario::kFormatVersion));
        } else if (m_s.version < 1) {
            error(QStringLiteral("$.version"),
                  QStringLiteral("unknown format version %1; use \"version\": 1")
                      .arg(m_s.version));
        }
    }

    void checkSimulation()
    {
        const SimulationSettings &sim = m_s.simulation;
        const QString p = QStringLiteral("$.simulation");
        const bool durationOk = sim.durationS > 0 && sim.durationS <= Limits::kMaxDurationS;
        if (!durationOk) {
            error(key(p, QStringLiteral("duration_s")),
                  QStringLiteral("the duration must be greater than 0 and at most %1 s (it is "
                                 "%2)")
                      .arg(num(Limits::kMaxDurationS), num(sim.durationS)));
        }
        if (!(sim.warmupS >= 0)) {
            error(key(p, QStringLiteral("warmup_s")),
                  QStringLiteral("the warm-up cannot be negative (it is %1); use 0 for none")
                      .arg(num(sim.warmupS)));
        } else if (durationOk && sim.warmupS >= sim.durationS) {
            error(key(p, QStringLiteral("warmup_s")),
                  QStringLiteral("the warm-up (%1 s) must be shorter than duration_s (%2 s), or "
                                 "nothing is measured")
                      .arg(num(sim.warmupS), num(sim.durationS)));
        }
        if (sim.replications < 1 || sim.replications > Limits::kMaxReplications) {
            error(key(p, QStringLiteral("replications")),
                  QStringLiteral("must be from 1 to %1 (it is %2)")
                      .arg(Limits::kMaxReplications)
                      .arg(sim.replications));
        }
        if (!(sim.bucketS > 0)) {
            error(key(p, QStringLiteral("bucket_s")),
                  QStringLiteral("the series bucket must be greater than 0 s (it is %1)")
                      .arg(num(sim.bucketS)));
        } else if (durationOk && sim.bucketS > sim.durationS) {
            error(key(p, QStringLiteral("bucket_s")),
                  QStringLiteral("the series bucket (%1 s) is longer than the run (%2 s); use at "
                                 "most duration_s")
                      .arg(num(sim.bucketS), num(sim.durationS)));
        } else if (durationOk && sim.durationS / sim.bucketS > Limits::kMaxBuckets) {
            error(key(p, QStringLiteral("bucket_s")),
                  QStringLiteral("%1 s buckets over %2 s make more than %3 points; use a "
                                 "larger bucket_s")
                      .arg(num(sim.bucketS), num(sim.durationS), num(Limits::kMaxBuckets)));
        }
    }

    void checkWorkload()
    {
        const Workload &w = m_s.workload;
        const QString p = QStringLiteral("$.workload");
        const QString entryPath = key(p, QStringLiteral("entry"));
        if (w.entry.isEmpty()) {
            error(entryPath, QStringLiteral("missing; name the component that receives the "
                                            "requests"));
        } else {
            requestTarget(w.entry, entryPath, QStringLiteral("entry"));
        }

        checkArrivals(w.arrivals, key(p, QStringLiteral("arrivals")));

        const QString rq = key(p, QStringLiteral("requests"));
        if (w.requests.isEmpty())
            error(rq, QStringLiteral("no request types; add at least one, e.g. {\"name\": "
                                     "\"browse\", \"weight\": 1}"));
        QHash<QString, int> seen;
        for (int i = 0; i < w.requests.size(); ++i) {
            const RequestType &t = w.requests.at(i);
            const QString tp = index(rq, i);
            if (t.name.isEmpty()) {
                error(key(tp, QStringLiteral("name")), QStringLiteral("missing; every request "
                                                                     "type needs a name"));
            } else if (seen.contains(t.name)) {
                error(key(tp, QStringLiteral("name")),
                      QStringLiteral("%1 is already listed at %2; merge the two entries")
                          .arg(quoted(t.name), index(rq, seen.value(t.name))));
            } else {
                seen.insert(t.name, i);
            }
            positive(t.weight, key(tp, QStringLiteral("weight")), Limits::kMaxWeight,
                     QStringLiteral("the weight"));
        }
    }

    /** One number of "arrivals": the kinds it applies to, whether they need it, its range. */
    struct ArrivalField
    {
        const char *key;
        std::optional<double> Arrivals::*member;
        QStringList kinds;
        bool required;
        double min;
        bool minIncluded; ///< min itself is allowed
        double max;
        const char *what; ///< what it is, for the "missing" message
    };

    void checkArrivals(const Arrivals &a, const QString &ap)
    {
        if (a.kind.isEmpty()) {
            error(key(ap, QStringLiteral("kind")),
                  QStringLiteral("missing; use \"kind\": \"poisson\", or one of %1")
                      .arg(kArrivals.mid(1).join(QStringLiteral(", "))));
        } else {
            word(a.kind, key(ap, QStringLiteral("kind")), kArrivals,
                 QStringLiteral("arrival kind"));
        }
        const QString poisson = QStringLiteral("poisson"), constant = QStringLiteral("constant"),
                      ramp = QStringLiteral("ramp"), spike = QStringLiteral("spike"),
                      bursty = QStringLiteral("bursty"), diurnal = QStringLiteral("diurnal");
        const double rateMax = Limits::kMaxRatePerS, timeMax = Limits::kMaxDurationS;
        const double kMinMean = Limits::kMinIntervalS;
        const ArrivalField fields[] = {
            {"from", &Arrivals::from, {ramp}, true, 0, true, rateMax,
             "the rate at the start, per second"},
            {"to", &Arrivals::to, {ramp}, true, 0, true, rateMax,
             "the rate at the end, per second"},
            {"over_s", &Arrivals::overS, {ramp}, true, 0, false, timeMax,
             "how long the ramp takes, in seconds"},
            {"start_s", &Arrivals::startS, {ramp}, false, 0, true, timeMax, ""},
            {"peak", &Arrivals::peak, {spike}, true, 0, true, rateMax,
             "the rate during the spike, per second"},
            {"at_s", &Arrivals::atS, {spike}, true, 0, true, timeMax,
             "when the spike starts, in seconds"},
            {"length_s", &Arrivals::lengthS, {spike}, true, 0, false, timeMax,
             "how long the spike lasts, in seconds"},
            {"low_rate", &Arrivals::lowRate, {bursty}, true, 0, true, rateMax,
             "the rate between bursts, per second"},
            {"high_rate", &Arrivals::highRate, {bursty}, true, 0, false, rateMax,
             "the rate during a burst, per second"},
            // below a millisecond the chain would switch more often than anything it modulates
            {"low_mean_s", &Arrivals::lowMeanS, {bursty}, true, kMinMean, true, timeMax,
             "the mean time between bursts, in seconds"},
            {"high_mean_s", &Arrivals::highMeanS, {bursty}, true, kMinMean, true, timeMax,
             "the mean length of a burst, in seconds"},
            {"mean", &Arrivals::mean, {diurnal}, true, 0, false, rateMax,
             "the mean rate over a period, per second"},
            {"amplitude", &Arrivals::amplitude, {diurnal}, true, 0, true, 1,
             "the swing around the mean, 0 to 1"},
            {"period_s", &Arrivals::periodS, {diurnal}, false, 0, false, timeMax, ""},
            {"peak_at_s", &Arrivals::peakAtS, {diurnal}, false, 0, true, timeMax, ""},
        };
        const bool known = kArrivals.contains(a.kind);
        auto ignored = [&](const QString &field, const QStringList &kinds) {
            QString list = kinds.first();
            if (kinds.size() > 1)
                list = kinds.mid(0, kinds.size() - 1).join(QStringLiteral(", "))
                       + QStringLiteral(" and ") + kinds.last();
            warning(key(ap, field),
                    QStringLiteral("%1 applies to %2 arrivals only; with %3 arrivals it is ignored")
                        .arg(field, list, a.kind));
        };

        // rate_per_s keeps the messages it always had
        const QStringList rateKinds = {poisson, constant, spike};
        const QString rp = key(ap, QStringLiteral("rate_per_s"));
        if (rateKinds.contains(a.kind) && !a.ratePerS)
            error(rp, QStringLiteral("missing; give the arrival rate in requests per second"));
        if (known && !rateKinds.contains(a.kind) && a.ratePerS)
            ignored(QStringLiteral("rate_per_s"), rateKinds);
        else
            positive(a.ratePerS, rp, Limits::kMaxRatePerS, QStringLiteral("the rate"));

        for (const ArrivalField &f : fields) {
            const QString name = QString::fromLatin1(f.key);
            const QString fp = key(ap, name);
            const std::optional<double> &v = a.*(f.member);
            const bool applies = f.kinds.contains(a.kind);
            if (!applies) {
                if (known && v)
                    ignored(name, f.kinds);
                continue;
            }
            if (!v) {
                if (f.required)
                    error(fp, QStringLiteral("missing; %1 arrivals need '%2', %3")
                                  .arg(a.kind, name, QString::fromLatin1(f.what)));
                continue;
            }
            const bool low = f.minIncluded ? !(*v >= f.min) : !(*v > f.min);
            if (low || *v > f.max) {
                error(fp, QStringLiteral("%1 must be %2 %3 and at most %4 (it is %5)")
                              .arg(name,
                                   f.minIncluded ? QStringLiteral("at least")
                                                 : QStringLiteral("greater than"),
                                   num(f.min), num(f.max), num(*v)));
            }
        }
        if (a.kind == ramp && a.from && a.to && *a.from == 0 && *a.to == 0)
            error(key(ap, QStringLiteral("to")),
                  QStringLiteral("a ramp from 0 to 0 sends nothing; give 'from' or 'to' a rate "
                                 "greater than 0"));
        const double end = m_s.simulation.durationS;
        if (a.kind == spike && a.atS && *a.atS >= end)
            warning(key(ap, QStringLiteral("at_s")),
                    QStringLiteral("the spike comes at %1 s, after the run ends (%2 s)")
                        .arg(num(*a.atS), num(end)));
        if (a.kind == ramp && a.startS && *a.startS >= end)
            warning(key(ap, QStringLiteral("start_s")),
                    QStringLiteral("the ramp starts at %1 s, after the run ends (%2 s)")
                        .arg(num(*a.startS), num(end)));
    }

    // --- components ---------------------------------------------------------------------

    void checkComponents()
    {
        if (m_s.components.isEmpty())
            error(QStringLiteral("$.components"),
                  QStringLiteral("a scenario needs at least one component"));
        QHash<QString, int> first;
        for (int i = 0; i < m_s.components.size(); ++i) {
            const Component &c = m_s.components.at(i);
            const QString p = componentPath(i);
            const QString idPath = key(p, QStringLiteral("id"));
            if (c.id.isEmpty()) {
                error(idPath, QStringLiteral("missing; every component needs a unique id"));
            } else if (!std::all_of(c.id.cbegin(), c.id.cend(), isIdChar)) {
                error(idPath, QStringLiteral("%1 may use only letters, digits, '_' and '-'")
                                  .arg(quoted(c.id)));
            }
            if (!c.id.isEmpty()) {
                if (first.contains(c.id)) {
                    error(idPath, QStringLiteral("%1 is already the id of %2; ids must be "
                                                 "unique")
                                      .arg(quoted(c.id), componentPath(first.value(c.id))));
                } else {
                    first.insert(c.id, i);
                }
            }
            switch (c.kind) {
            case ComponentKind::Service: checkService(c, p); break;
            case ComponentKind::LoadBalancer: checkLoadBalancer(c.loadBalancer, p); break;
            case ComponentKind::Gateway: checkGateway(c.gateway, p); break;
            case ComponentKind::Database: checkDatabase(c.database, p); break;
            case ComponentKind::Cache: checkCache(c.cache, p); break;
            case ComponentKind::Queue: checkQueue(c.queue, p); break;
            case ComponentKind::External: checkExternal(c.external, p); break;
            case ComponentKind::Unknown: {
                const QString kinds = QStringLiteral("service, load_balancer, gateway, database, "
                                                     "cache, queue, external");
                if (c.unknownKind.isEmpty())
                    error(key(p, QStringLiteral("kind")),
                          QStringLiteral("missing; use one of %1").arg(kinds));
                else
                    error(key(p, QStringLiteral("kind")),
                          QStringLiteral("unknown kind %1; use one of %2")
                              .arg(quoted(c.unknownKind), kinds));
                break;
            }
            }
        }
    }

    void checkService(const Component &c, const QString &p)
    {
        const Service &s = c.service;
        atLeast(s.replicas, key(p, QStringLiteral("replicas")), 1, Limits::kMaxReplicas);
        positive(s.cpuCores, key(p, QStringLiteral("cpu_cores")), Limits::kMaxCores,
                 QStringLiteral("cpu_cores"));
        const bool eventLoop = s.concurrency && s.concurrency->model == QLatin1String("event_loop");
        if (s.concurrency) {
            const Concurrency &cc = *s.concurrency;
            const QString cp = key(p, QStringLiteral("concurrency"));
            if (cc.model.isEmpty())
                error(key(cp, QStringLiteral("model")),
                      QStringLiteral("missing; use \"thread_pool\" or \"event_loop\""));
            word(cc.model, key(cp, QStringLiteral("model")), kConcurrency,
                 QStringLiteral("concurrency model"));
            atLeast(cc.threads, key(cp, QStringLiteral("threads")), 1, Limits::kMaxThreads);
            atLeast(cc.queueLimit, key(cp, QStringLiteral("queue_limit")), 0,
                    std::numeric_limits<int>::max());
            atLeast(cc.workers, key(cp, QStringLiteral("workers")), 1, Limits::kMaxWorkers);
            atLeast(cc.workerThreads, key(cp, QStringLiteral("worker_threads")), 1,
                    Limits::kMaxThreads);
            const auto ignored = [&](bool present, const QString &field, const QString &model) {
                if (present && kConcurrency.contains(cc.model) && cc.model != model) {
                    warning(key(cp, field), QStringLiteral("%1 applies to %2 only; with %3 it "
                                                           "is ignored")
                                                .arg(field, model, cc.model));
                }
            };
            ignored(cc.threads.has_value(), QStringLiteral("threads"), QStringLiteral("thread_pool"));
            ignored(cc.queueLimit.has_value(), QStringLiteral("queue_limit"),
                    QStringLiteral("thread_pool"));
            ignored(cc.workers.has_value(), QStringLiteral("workers"), QStringLiteral("event_loop"));
            ignored(cc.workerThreads.has_value(), QStringLiteral("worker_threads"),
                    QStringLiteral("event_loop"));
        }
        word(s.balancing, key(p, QStringLiteral("balancing")), kBalancing,
             QStringLiteral("balancing"));
        checkLifecycle(s, p);
        const QString pp = key(p, QStringLiteral("pools"));
        for (const PoolLimit &pool : s.pools) {
            const QString path = key(pp, pool.target);
            requestTarget(pool.target, path, QStringLiteral("pool target"));
            if (pool.size < 1 || pool.size > Limits::kMaxConnections)
                error(path, QStringLiteral("a pool holds from 1 to %1 connections (it is %2)")
                                .arg(Limits::kMaxConnections)
                                .arg(pool.size));
        }
        const QString hp = key(p, QStringLiteral("handlers"));
        if (s.handlers.isEmpty())
            warning(hp, QStringLiteral("this service has no handlers, so any request it gets "
                                       "fails; add one per request name it serves"));
        for (const Handler &h : s.handlers) {
            const QString path = key(hp, h.request);
            if (h.request.isEmpty())
                error(path, QStringLiteral("a handler needs a request name"));
            checkSteps(h.steps, path, eventLoop, 1);
        }
        checkSharedCallSettings(c, hp);
    }

    /** A time in seconds: at least `min` (0 unless given), at most the longest run. */
    void seconds(const std::optional<double> &v, const QString &path, const QString &what,
                 double min = 0)
    {
        if (v && !(*v >= min && *v <= Limits::kMaxDurationS))
            error(path, QStringLiteral("%1 must be from %2 to %3 s (it is %4)")
                            .arg(what, num(min), num(Limits::kMaxDurationS), num(*v)));
    }

    void megabytes(const std::optional<double> &v, const QString &path, bool strictlyPositive)
    {
        if (!v)
            return;
        if (strictlyPositive ? !(*v > 0) : !(*v >= 0))
            error(path, QStringLiteral("must be %1 (it is %2)%3")
                            .arg(strictlyPositive ? QStringLiteral("greater than 0")
                                                  : QStringLiteral("0 or more"),
                                 num(*v),
                                 strictlyPositive ? QStringLiteral("; leave it out for no limit")
                                                  : QString()));
        else if (*v > Limits::kMaxMemoryMb)
            error(path, QStringLiteral("must be at most %1 MB").arg(num(Limits::kMaxMemoryMb)));
    }

    /** Autoscaling, cold start, memory, restarts and health checks of a service. */
    void checkLifecycle(const Service &s, const QString &p)
    {
        if (s.autoscaling) {
            const Autoscaling &a = *s.autoscaling;
            const QString ap = key(p, QStringLiteral("autoscaling"));
            atLeast(a.min, key(ap, QStringLiteral("min")), 1, Limits::kMaxReplicas);
            const QString maxPath = key(ap, QStringLiteral("max"));
            if (!a.max)
                error(maxPath, QStringLiteral("missing; give the most replicas the autoscaler "
                                              "may run"));
            atLeast(a.max, maxPath, 1, Limits::kMaxReplicas);
            const int min = a.min.value_or(Defaults::kAutoscalingMin);
            if (a.max && *a.max < min)
                error(maxPath, QStringLiteral("max (%1) is below min (%2)").arg(*a.max).arg(min));
            if (a.targetCpu && !(*a.targetCpu > 0 && *a.targetCpu <= 1))
                error(key(ap, QStringLiteral("target_cpu")),
                      QStringLiteral("target_cpu is a fraction of cpu_cores, greater than 0 and at "
                                     "most 1 (it is %1)")
                          .arg(num(*a.targetCpu)));
            seconds(a.intervalS, key(ap, QStringLiteral("interval_s")),
                    QStringLiteral("interval_s"), Limits::kMinIntervalS);
            seconds(a.scaleUpStabilizationS, key(ap, QStringLiteral("scale_up_stabilization_s")),
                    QStringLiteral("the stabilization window"));
            seconds(a.scaleDownStabilizationS,
                    key(ap, QStringLiteral("scale_down_stabilization_s")),
                    QStringLiteral("the stabilization window"));
            fraction(a.tolerance, key(ap, QStringLiteral("tolerance")),
                     QStringLiteral("the tolerance"));
            const bool outside = s.replicas && a.max && *a.max >= min
                                 && (*s.replicas < min || *s.replicas > *a.max);
            if (outside) {
                warning(key(p, QStringLiteral("replicas")),
                        QStringLiteral("replicas (%1) is outside autoscaling min..max (%2..%3); "
                                       "the service starts with %4")
                            .arg(*s.replicas)
                            .arg(min)
                            .arg(*a.max)
                            .arg(std::clamp(*s.replicas, min, *a.max)));
            }
        }
        seconds(s.startupS, key(p, QStringLiteral("startup_s")), QStringLiteral("startup_s"));
        megabytes(s.memoryMb, key(p, QStringLiteral("memory_mb")), true);
        megabytes(s.memoryBaseMb, key(p, QStringLiteral("memory_base_mb")), false);
        megabytes(s.memoryPerRequestMb, key(p, QStringLiteral("memory_per_request_mb")), false);
        if (!s.memoryMb) {
            for (const auto &[field, v] :
                 {std::pair{QStringLiteral("memory_base_mb"), s.memoryBaseMb},
                  std::pair{QStringLiteral("memory_per_request_mb"), s.memoryPerRequestMb}}) {
                if (v)
                    warning(key(p, field),
                            QStringLiteral("%1 matters only with memory_mb, the limit per replica; "
                                           "without one no replica runs out of memory")
                                .arg(field));
            }
        } else if (*s.memoryMb > 0) {
            // The engine counts the arriving request before it compares with the limit.
            const double first = s.memoryBaseMb.value_or(0) + s.memoryPerRequestMb.value_or(0);
            if (first > *s.memoryMb)
                warning(key(p, QStringLiteral("memory_mb")),
                        QStringLiteral("memory_base_mb + memory_per_request_mb (%1 MB) exceed "
                                       "memory_mb (%2 MB): every replica runs out of memory at "
                                       "its first request")
                            .arg(num(first), num(*s.memoryMb)));
        }
        word(s.restart, key(p, QStringLiteral("restart")), kRestart,
             QStringLiteral("restart policy"));
        seconds(s.restartBackoffS, key(p, QStringLiteral("restart_backoff_s")),
                QStringLiteral("the restart back-off"));
        seconds(s.restartBackoffMaxS, key(p, QStringLiteral("restart_backoff_max_s")),
                QStringLiteral("the restart back-off"));
        if (s.restart == QLatin1String("no")) {
            for (const auto &[field, v] :
                 {std::pair{QStringLiteral("restart_backoff_s"), s.restartBackoffS},
                  std::pair{QStringLiteral("restart_backoff_max_s"), s.restartBackoffMaxS}}) {
                if (v)
                    warning(key(p, field), QStringLiteral("%1 matters only when replicas restart; "
                                                          "with restart 'no' it is ignored")
                                               .arg(field));
            }
        }
        if (s.healthCheck) {
            const QString hp = key(p, QStringLiteral("health_check"));
            seconds(s.healthCheck->intervalS, key(hp, QStringLiteral("interval_s")),
                    QStringLiteral("interval_s"), Limits::kMinIntervalS);
            atLeast(s.healthCheck->failures, key(hp, QStringLiteral("failures")), 1,
                    Limits::kMaxHealthFailures);
        }
    }

    struct CallSite
    {
        const Step *step;
        QString path;
    };

    void collectCalls(const Steps &steps, const QString &path, QList<CallSite> &out) const
    {
        for (size_t i = 0; i < steps.size(); ++i) {
            const Step &s = steps[i];
            const QString p = index(path, static_cast<qsizetype>(i));
            switch (s.kind) {
            case Step::Kind::Call:
                out.append({&s, p});
                collectCalls(s.fallback, key(p, QStringLiteral("fallback")), out);
                break;
            case Step::Kind::Parallel:
                collectCalls(s.steps, key(p, QStringLiteral("parallel")), out);
                break;
            case Step::Kind::Probability:
                collectCalls(s.steps, key(p, QStringLiteral("steps")), out);
                break;
            case Step::Kind::Cache:
                collectCalls(s.steps, key(p, QStringLiteral("on_miss")), out);
                break;
            case Step::Kind::Cpu:
            case Step::Kind::Io:
            case Step::Kind::Publish:
            case Step::Kind::Unknown: break;
            }
        }
    }

    /**
     * The engine keeps one circuit breaker, one retry budget and one bulkhead per (caller,
     * target), shared by all the caller's call steps to that target, so only one setting of
     * each is used. Different settings on two such steps are a mistake worth a warning.
     */
    void checkSharedCallSettings(const Component &c, const QString &hp)
    {
        QList<CallSite> calls;
        for (const Handler &h : c.service.handlers)
            collectCalls(h.steps, key(hp, h.request), calls);
        auto breaker = [](const CircuitBreaker &b) {
            return std::tuple(b.failureRate.value_or(Defaults::kBreakerFailureRate),
                              b.minimumCalls.value_or(Defaults::kBreakerMinimumCalls),
                              b.window.value_or(Defaults::kBreakerWindow),
                              b.openS.value_or(Defaults::kBreakerOpenS),
                              b.halfOpenCalls.value_or(Defaults::kBreakerHalfOpenCalls));
        };
        for (qsizetype i = 0; i < calls.size(); ++i) {
            const Step &a = *calls.at(i).step;
            // one warning per step and setting: against the first earlier step that differs
            bool breakerReported = false, budgetReported = false, bulkheadReported = false;
            for (qsizetype j = 0; j < i; ++j) {
                const Step &b = *calls.at(j).step;
                if (a.target != b.target || a.target.isEmpty())
                    continue;
                auto report = [&](bool &reported, const QString &field, const QString &what) {
                    if (reported)
                        return;
                    reported = true;
                    warning(key(calls.at(i).path, field),
                            QStringLiteral("calls from %1 to %2 share one %3, but this %4 differs "
                                           "from the one at %5; only one is used, so make them "
                                           "the same")
                                .arg(quoted(c.id), quoted(a.target), what, field,
                                     calls.at(j).path));
                };
                if (a.circuitBreaker && b.circuitBreaker
                    && breaker(*a.circuitBreaker) != breaker(*b.circuitBreaker))
                    report(breakerReported, QStringLiteral("circuit_breaker"),
                           QStringLiteral("circuit breaker"));
                if (a.retryBudget && b.retryBudget && *a.retryBudget != *b.retryBudget)
                    report(budgetReported, QStringLiteral("retry_budget"),
                           QStringLiteral("retry budget"));
                if (a.bulkhead && b.bulkhead && *a.bulkhead != *b.bulkhead)
                    report(bulkheadReported, QStringLiteral("bulkhead"),
                           QStringLiteral("bulkhead"));
            }
        }
    }

    void checkSteps(const Steps &steps, const QString &path, bool eventLoop, int depth)
    {
        for (size_t i = 0; i < steps.size(); ++i)
            checkStep(steps[i], index(path, static_cast<qsizetype>(i)), eventLoop, depth);
    }

    void checkStep(const Step &s, const QString &p, bool eventLoop, int depth)
    {
        if (depth > Limits::kMaxStepDepth) {
            error(p, QStringLiteral("steps nest more than %1 levels deep; flatten them")
                         .arg(Limits::kMaxStepDepth));
            return;
        }
        const QString k = stepKindKey(s.kind);
        switch (s.kind) {
        case Step::Kind::Cpu:
        case Step::Kind::Io:
            checkDistribution(s.duration, key(p, k));
            if (s.kind == Step::Kind::Cpu && s.offload.value_or(false) && !eventLoop) {
                warning(key(p, QStringLiteral("offload")),
                        QStringLiteral("offload matters only on an event_loop service; on a "
                                       "thread_pool the step runs on its request's thread anyway"));
            }
            break;
        case Step::Kind::Call:
            requestTarget(s.target, key(p, k), QStringLiteral("call target"));
            if (s.timeoutMs && !(*s.timeoutMs > 0 && *s.timeoutMs <= Limits::kMaxDurationMs))
                error(key(p, QStringLiteral("timeout_ms")),
                      QStringLiteral("the timeout must be greater than 0 and at most %1 ms (it is "
                                     "%2); leave it out for no timeout")
                          .arg(num(Limits::kMaxDurationMs), num(*s.timeoutMs)));
            atLeast(s.retries, key(p, QStringLiteral("retries")), 0, Limits::kMaxRetries);
            checkResilience(s, p, eventLoop, depth);
            break;
        case Step::Kind::Parallel:
            if (s.steps.empty())
                error(key(p, k), QStringLiteral("a parallel step needs at least one branch"));
            checkSteps(s.steps, key(p, k), eventLoop, depth + 1);
            break;
        case Step::Kind::Publish:
            kindTarget(s.target, key(p, k), QStringLiteral("queue"), ComponentKind::Queue,
                       QStringLiteral("publish needs a queue; use \"call\" for a synchronous "
                                      "request"));
            break;
        case Step::Kind::Cache:
            kindTarget(s.target, key(p, k), QStringLiteral("cache"), ComponentKind::Cache,
                       QStringLiteral("a cache step needs a cache component"));
            if (!s.keys)
                error(key(p, QStringLiteral("keys")),
                      QStringLiteral("missing; give the number of distinct keys looked up"));
            atLeast(s.keys, key(p, QStringLiteral("keys")), qint64(1), Limits::kMaxKeys);
            if (s.zipf && !(*s.zipf >= 0 && *s.zipf <= Limits::kMaxZipf))
                error(key(p, QStringLiteral("zipf")),
                      QStringLiteral("the Zipf exponent must be from 0 (uniform) to %1 (it is %2)")
                          .arg(num(Limits::kMaxZipf), num(*s.zipf)));
            checkSteps(s.steps, key(p, QStringLiteral("on_miss")), eventLoop, depth + 1);
            break;
        case Step::Kind::Probability:
            if (!s.probability)
                error(key(p, k), QStringLiteral("missing; give a probability from 0 to 1"));
            fraction(s.probability, key(p, k), QStringLiteral("the probability"));
            checkSteps(s.steps, key(p, QStringLiteral("steps")), eventLoop, depth + 1);
            break;
        case Step::Kind::Unknown:
            error(p, QStringLiteral("a step needs one of cpu_ms, io_ms, call, parallel, publish, "
                                    "cache or probability"));
            break;
        }
    }

    /** Back-off, retry budget, circuit breaker, bulkhead and fallback of a call step. */
    void checkResilience(const Step &s, const QString &p, bool eventLoop, int depth)
    {
        auto milliseconds = [&](const std::optional<double> &v, const QString &field) {
            if (v && !(*v >= 0 && *v <= Limits::kMaxDurationMs))
                error(key(p, field), QStringLiteral("%1 must be from 0 to %2 ms (it is %3)")
                                         .arg(field, num(Limits::kMaxDurationMs), num(*v)));
        };
        milliseconds(s.backoffMs, QStringLiteral("backoff_ms"));
        milliseconds(s.maxBackoffMs, QStringLiteral("max_backoff_ms"));
        if (s.multiplier && !(*s.multiplier >= 1 && *s.multiplier <= Limits::kMaxMultiplier))
            error(key(p, QStringLiteral("multiplier")),
                  QStringLiteral("the multiplier must be from 1 (the same wait every time) to %1 "
                                 "(it is %2)")
                      .arg(num(Limits::kMaxMultiplier), num(*s.multiplier)));
        fraction(s.jitter, key(p, QStringLiteral("jitter")), QStringLiteral("the jitter"));
        fraction(s.retryBudget, key(p, QStringLiteral("retry_budget")),
                 QStringLiteral("the retry budget"));
        if (s.retries.value_or(0) == 0) {
            for (const auto &[field, given] :
                 {std::pair{QStringLiteral("backoff_ms"), s.backoffMs.has_value()},
                  std::pair{QStringLiteral("multiplier"), s.multiplier.has_value()},
                  std::pair{QStringLiteral("max_backoff_ms"), s.maxBackoffMs.has_value()},
                  std::pair{QStringLiteral("jitter"), s.jitter.has_value()},
                  std::pair{QStringLiteral("retry_budget"), s.retryBudget.has_value()}}) {
                if (given)
                    warning(key(p, field), QStringLiteral("%1 matters only with retries, and this "
                                                          "call has none")
                                               .arg(field));
            }
        } else if (s.jitter.value_or(0) > 0 && s.backoffMs.value_or(0) == 0) {
            warning(key(p, QStringLiteral("jitter")),
                    QStringLiteral("jitter spreads the back-off, but there is none; give "
                                   "backoff_ms too"));
        }
        if (s.circuitBreaker) {
            const CircuitBreaker &b = *s.circuitBreaker;
            const QString bp = key(p, QStringLiteral("circuit_breaker"));
            if (b.failureRate && !(*b.failureRate > 0 && *b.failureRate <= 1))
                error(key(bp, QStringLiteral("failure_rate")),
                      QStringLiteral("the failure rate must be greater than 0 and at most 1 (it is "
                                     "%1)")
                          .arg(num(*b.failureRate)));
            atLeast(b.minimumCalls, key(bp, QStringLiteral("minimum_calls")), 1,
                    Limits::kMaxBreakerWindow);
            atLeast(b.window, key(bp, QStringLiteral("window")), 1, Limits::kMaxBreakerWindow);
            seconds(b.openS, key(bp, QStringLiteral("open_s")), QStringLiteral("open_s"));
            atLeast(b.halfOpenCalls, key(bp, QStringLiteral("half_open_calls")), 1,
                    Limits::kMaxBreakerWindow);
            const int minimum = b.minimumCalls.value_or(Defaults::kBreakerMinimumCalls);
            const int window = b.window.value_or(Defaults::kBreakerWindow);
            if (minimum > window && window >= 1)
                warning(key(bp, QStringLiteral("minimum_calls")),
                        QStringLiteral("minimum_calls (%1) is more than the window holds (%2), so "
                                       "the breaker never opens")
                            .arg(minimum)
                            .arg(window));
        }
        atLeast(s.bulkhead, key(p, QStringLiteral("bulkhead")), 1, Limits::kMaxThreads);
        checkSteps(s.fallback, key(p, QStringLiteral("fallback")), eventLoop, depth + 1);
    }

    void checkLoadBalancer(const LoadBalancer &lb, const QString &p)
    {
        word(lb.policy, key(p, QStringLiteral("policy")), kBalancing, QStringLiteral("policy"));
        duration(lb.latencyMs, key(p, QStringLiteral("latency_ms")));
        const QString tp = key(p, QStringLiteral("targets"));
        if (lb.targets.isEmpty())
            error(tp, QStringLiteral("a load balancer needs at least one target"));
        for (int i = 0; i < lb.targets.size(); ++i)
            requestTarget(lb.targets.at(i), index(tp, i), QStringLiteral("target"));
    }

    void checkGateway(const Gateway &g, const QString &p)
    {
        duration(g.latencyMs, key(p, QStringLiteral("latency_ms")));
        const QString rp = key(p, QStringLiteral("routes"));
        if (g.routes.isEmpty())
            error(rp, QStringLiteral("a gateway needs routes, e.g. \"*\": [{\"target\": \"api\", "
                                     "\"weight\": 1}]"));
        for (const Route &r : g.routes) {
            const QString path = key(rp, r.request);
            if (r.targets.isEmpty())
                error(path, QStringLiteral("a route needs at least one target"));
            for (int i = 0; i < r.targets.size(); ++i) {
                const RouteTarget &t = r.targets.at(i);
                const QString tp = index(path, i);
                requestTarget(t.target, key(tp, QStringLiteral("target")), QStringLiteral("target"));
                positive(t.weight, key(tp, QStringLiteral("weight")), Limits::kMaxWeight,
                         QStringLiteral("the weight"));
            }
        }
    }

    void checkDatabase(const Database &d, const QString &p)
    {
        atLeast(d.maxConnections, key(p, QStringLiteral("max_connections")), 1,
                Limits::kMaxConnections);
        const QString qp = key(p, QStringLiteral("queries"));
        if (d.queries.isEmpty())
            error(qp, QStringLiteral("a database needs queries; add one per query name, or "
                                     "\"*\" for any"));
        for (const Query &q : d.queries)
            checkDistribution(q.duration, key(qp, q.name));
    }

    void checkCache(const Cache &c, const QString &p)
    {
        word(c.engine, key(p, QStringLiteral("engine")), kCacheEngines, QStringLiteral("engine"));
        if (!c.capacityKeys)
            error(key(p, QStringLiteral("capacity_keys")),
                  QStringLiteral("missing; give how many keys the cache holds"));
        atLeast(c.capacityKeys, key(p, QStringLiteral("capacity_keys")), qint64(1),
                Limits::kMaxCacheCapacity);
        word(c.eviction, key(p, QStringLiteral("eviction")), kEvictions, QStringLiteral("eviction"));
        atLeast(c.samples, key(p, QStringLiteral("samples")), 1, Limits::kMaxSamples);
        // without an eviction word the engine's own applies: Redis samples, Memcached segments
        const QString eviction = !c.eviction.isEmpty() ? c.eviction
                                 : c.engine == QLatin1String("memcached")
                                     ? QStringLiteral("segmented_lru")
                                     : QStringLiteral("approx_lru");
        if (c.samples && kEvictions.contains(eviction)
            && !eviction.startsWith(QLatin1String("approx_")))
            warning(key(p, QStringLiteral("samples")),
                    QStringLiteral("samples applies to approx_lru and approx_lfu only; with %1 it "
                                   "is ignored")
                        .arg(eviction));
        atLeast(c.threads, key(p, QStringLiteral("threads")), 1, Limits::kMaxCacheThreads);
        duration(c.commandMs, key(p, QStringLiteral("command_ms")));
        if (c.ttlS && !(*c.ttlS >= 0 && *c.ttlS <= Limits::kMaxDurationS))
            error(key(p, QStringLiteral("ttl_s")),
                  QStringLiteral("the TTL must be from 0 (no expiry) to %1 s (it is %2)")
                      .arg(num(Limits::kMaxDurationS), num(*c.ttlS)));
        fraction(c.ttlJitter, key(p, QStringLiteral("ttl_jitter")), QStringLiteral("the jitter"));
        duration(c.hitMs, key(p, QStringLiteral("hit_ms")));
        duration(c.missMs, key(p, QStringLiteral("miss_ms")));
        word(c.stampede, key(p, QStringLiteral("stampede")), kStampede,
             QStringLiteral("stampede protection"));
    }

    void checkQueue(const Queue &q, const QString &p)
    {
        word(q.broker, key(p, QStringLiteral("broker")), kBrokers, QStringLiteral("broker"));
        duration(q.publishMs, key(p, QStringLiteral("publish_ms")));
        duration(q.deliveryMs, key(p, QStringLiteral("delivery_ms")));
        atLeast(q.maxLength, key(p, QStringLiteral("max_length")), qint64(1), Limits::kMaxKeys);
        word(q.overflow, key(p, QStringLiteral("overflow")), kOverflow, QStringLiteral("overflow"));
        if (!q.overflow.isEmpty() && !q.maxLength)
            warning(key(p, QStringLiteral("overflow")),
                    QStringLiteral("overflow matters only with max_length; without one the queue "
                                   "never overflows"));
        word(q.exchange, key(p, QStringLiteral("exchange")), kExchanges, QStringLiteral("exchange"));
        const QString cp = key(p, QStringLiteral("consumers"));
        if (q.consumers.isEmpty())
            warning(cp, QStringLiteral("this queue has no consumers, so its messages pile up; "
                                       "add {\"service\": ..., \"count\": 1}"));
        for (int i = 0; i < q.consumers.size(); ++i) {
            const Consumer &c = q.consumers.at(i);
            const QString path = index(cp, i);
            kindTarget(c.service, key(path, QStringLiteral("service")), QStringLiteral("service"),
                       ComponentKind::Service, QStringLiteral("only a service can consume messages"));
            atLeast(c.count, key(path, QStringLiteral("count")), 1, Limits::kMaxWorkers);
            atLeast(c.prefetch, key(path, QStringLiteral("prefetch")), 1, Limits::kMaxPrefetch);
        }
    }

    void checkExternal(const External &e, const QString &p)
    {
        duration(e.latencyMs, key(p, QStringLiteral("latency_ms")));
        fraction(e.errorRate, key(p, QStringLiteral("error_rate")), QStringLiteral("the error rate"));
    }

    void checkFaults()
    {
        for (int i = 0; i < m_s.faults.size(); ++i) {
            const Fault &f = m_s.faults.at(i);
            const QString p = index(QStringLiteral("$.faults"), i);
            if (f.kind.isEmpty())
                error(key(p, QStringLiteral("kind")),
                      QStringLiteral("missing; use one of %1").arg(kFaults.join(QStringLiteral(", "))));
            word(f.kind, key(p, QStringLiteral("kind")), kFaults, QStringLiteral("fault kind"));
            const QString at = key(p, QStringLiteral("at_s"));
            if (!f.atS)
                error(at, QStringLiteral("missing; give the time of the fault in seconds"));
            else if (!(*f.atS >= 0))
                error(at, QStringLiteral("the time cannot be negative (it is %1)").arg(num(*f.atS)));
            else if (*f.atS > Limits::kMaxDurationS)
                error(at, QStringLiteral("must be at most %1 s").arg(num(Limits::kMaxDurationS)));
            else if (*f.atS >= m_s.simulation.durationS)
                warning(at, QStringLiteral("the fault comes at %1 s, after the run ends (%2 s)")
                                .arg(num(*f.atS), num(m_s.simulation.durationS)));
            if (f.untilS && f.atS && !(*f.untilS > *f.atS))
                error(key(p, QStringLiteral("until_s")),
                      QStringLiteral("until_s (%1) must be later than at_s (%2)")
                          .arg(num(*f.untilS), num(*f.atS)));
            else if (f.untilS && *f.untilS > Limits::kMaxDurationS)
                error(key(p, QStringLiteral("until_s")),
                      QStringLiteral("must be at most %1 s").arg(num(Limits::kMaxDurationS)));

            const bool kill = f.kind == QLatin1String("kill_instance");
            const bool known = kFaults.contains(f.kind);
            if (kill) {
                kindTarget(f.target, key(p, QStringLiteral("target")), QStringLiteral("target"),
                           ComponentKind::Service, QStringLiteral("only a service has instances "
                                                                  "to kill"));
            } else {
                resolve(f.target, key(p, QStringLiteral("target")), QStringLiteral("target"));
            }
            auto ignored = [&](bool given, const QString &field, const QString &kind) {
                if (given && known && f.kind != kind)
                    warning(key(p, field), QStringLiteral("%1 applies to %2 faults only; with %3 "
                                                          "it is ignored")
                                               .arg(field, kind, f.kind));
            };
            if (kill && f.untilS)
                warning(key(p, QStringLiteral("until_s")),
                        QStringLiteral("a kill has no end; the replicas come back by their restart "
                                       "policy, so until_s is ignored"));
            ignored(f.count.has_value(), QStringLiteral("count"), QStringLiteral("kill_instance"));
            if (kill)
                atLeast(f.count, key(p, QStringLiteral("count")), 1, Limits::kMaxReplicas);

            ignored(f.latencyMs.has_value(), QStringLiteral("latency_ms"),
                    QStringLiteral("latency"));
            if (f.kind == QLatin1String("latency")) {
                if (!f.latencyMs)
                    error(key(p, QStringLiteral("latency_ms")),
                          QStringLiteral("missing; give the latency added to every visit, e.g. "
                                         "\"latency_ms\": 200"));
                duration(f.latencyMs, key(p, QStringLiteral("latency_ms")));
            }
            ignored(f.errorRate.has_value(), QStringLiteral("error_rate"),
                    QStringLiteral("errors"));
            if (f.kind == QLatin1String("errors")) {
                if (!f.errorRate)
                    error(key(p, QStringLiteral("error_rate")),
                          QStringLiteral("missing; give the probability that a visit fails, 0 to "
                                         "1"));
                fraction(f.errorRate, key(p, QStringLiteral("error_rate")),
                         QStringLiteral("the error rate"));
            }
        }
    }

    // --- where requests go --------------------------------------------------------------

    struct Visit
    {
        int component;
        QString name;
        QString from; ///< JSON path of the reference that sends it there
        bool message; ///< delivered by a queue rather than requested
    };

    /** A component index a request can be sent to, or -1. */
    int requestable(const QString &id) const
    {
        const int i = m_index.value(id, -1);
        return (i >= 0 && acceptsRequests(m_s.components.at(i).kind)) ? i : -1;
    }

    void walkSteps(const Steps &steps, const QString &path, const QString &name,
                   QList<Visit> &work, QSet<int> &reached)
    {
        for (size_t i = 0; i < steps.size(); ++i) {
            const Step &s = steps[i];
            const QString p = index(path, static_cast<qsizetype>(i));
            switch (s.kind) {
            case Step::Kind::Call: {
                const int t = requestable(s.target);
                if (t >= 0)
                    work.append({t, s.request.isEmpty() ? name : s.request,
                                 key(p, QStringLiteral("call")), false});
                walkSteps(s.fallback, key(p, QStringLiteral("fallback")), name, work, reached);
                break;
            }
            case Step::Kind::Publish: {
                const int q = m_index.value(s.target, -1);
                if (q < 0 || m_s.components.at(q).kind != ComponentKind::Queue)
                    break;
                reached.insert(q);
                const QString message = s.message.isEmpty() ? name : s.message;
                const QList<Consumer> &consumers = m_s.components.at(q).queue.consumers;
                for (int c = 0; c < consumers.size(); ++c) {
                    const int svc = m_index.value(consumers.at(c).service, -1);
                    if (svc >= 0 && m_s.components.at(svc).kind == ComponentKind::Service) {
                        work.append({svc, message,
                                     key(index(key(componentPath(q), QStringLiteral("consumers")),
                                               c),
                                         QStringLiteral("service")),
                                     true});
                    }
                }
                break;
            }
            case Step::Kind::Cache: {
                const int c = m_index.value(s.target, -1);
                if (c >= 0 && m_s.components.at(c).kind == ComponentKind::Cache)
                    reached.insert(c);
                walkSteps(s.steps, key(p, QStringLiteral("on_miss")), name, work, reached);
                break;
            }
            case Step::Kind::Parallel:
                walkSteps(s.steps, key(p, QStringLiteral("parallel")), name, work, reached);
                break;
            case Step::Kind::Probability:
                walkSteps(s.steps, key(p, QStringLiteral("steps")), name, work, reached);
                break;
            case Step::Kind::Cpu:
            case Step::Kind::Io:
            case Step::Kind::Unknown: break;
            }
        }
    }

    /**
     * Follows every request type from the entry through load balancers, gateway routes,
     * calls and queues, and reports each (component, name) pair that has no handler.
     */
    void checkReachability()
    {
        QList<Visit> work;
        const int entry = requestable(m_s.workload.entry);
        if (entry < 0)
            return;
        for (int i = 0; i < m_s.workload.requests.size(); ++i) {
            const QString &name = m_s.workload.requests.at(i).name;
            if (!name.isEmpty())
                work.append({entry, name,
                             key(index(QStringLiteral("$.workload.requests"), i),
                                 QStringLiteral("name")),
                             false});
        }
        QSet<QPair<int, QString>> visited;
        QSet<int> reached;
        while (!work.isEmpty()) {
            const Visit v = work.takeFirst();
            if (visited.contains({v.component, v.name}))
                continue;
            visited.insert({v.component, v.name});
            reached.insert(v.component);
            const Component &c = m_s.components.at(v.component);
            const QString cp = componentPath(v.component);
            switch (c.kind) {
            case ComponentKind::Service: {
                const Handler *h = c.handler(v.name);
                if (!h) {
                    error(v.from, QStringLiteral("%1 %2 reaches service %3, which has no handler "
                                                 "for it; add a handler %2 to %3")
                                      .arg(v.message ? QStringLiteral("message")
                                                     : QStringLiteral("request"),
                                           quoted(v.name), quoted(c.id)));
                    break;
                }
                walkSteps(h->steps, key(key(cp, QStringLiteral("handlers")), v.name), v.name,
                          work, reached);
                break;
            }
            case ComponentKind::LoadBalancer:
                for (int t = 0; t < c.loadBalancer.targets.size(); ++t) {
                    const int target = requestable(c.loadBalancer.targets.at(t));
                    if (target >= 0)
                        work.append({target, v.name,
                                     index(key(cp, QStringLiteral("targets")), t), false});
                }
                break;
            case ComponentKind::Gateway: {
                const Route *route = nullptr;
                for (const Route &r : c.gateway.routes) {
                    if (r.request == v.name)
                        route = &r;
                }
                for (const Route &r : c.gateway.routes) {
                    if (!route && r.request == QLatin1String("*"))
                        route = &r;
                }
                if (!route) {
                    error(v.from, QStringLiteral("request %1 reaches gateway %2, which has no "
                                                 "route for it and no \"*\" route; add one")
                                      .arg(quoted(v.name), quoted(c.id)));
                    break;
                }
                const QString rp = key(key(cp, QStringLiteral("routes")), route->request);
                for (int t = 0; t < route->targets.size(); ++t) {
                    const int target = requestable(route->targets.at(t).target);
                    if (target >= 0)
                        work.append({target, v.name, key(index(rp, t), QStringLiteral("target")),
                                     false});
                }
                break;
            }
            case ComponentKind::Database: {
                bool found = false;
                for (const Query &q : c.database.queries)
                    found = found || q.name == v.name || q.name == QLatin1String("*");
                if (!found) {
                    error(v.from, QStringLiteral("query %1 reaches database %2, which has no "
                                                 "query %1 and no \"*\" query; add one")
                                      .arg(quoted(v.name), quoted(c.id)));
                }
                break;
            }
            case ComponentKind::External:
            case ComponentKind::Cache:
            case ComponentKind::Queue:
            case ComponentKind::Unknown: break;
            }
        }
        for (int i = 0; i < m_s.components.size(); ++i) {
            const Component &c = m_s.components.at(i);
            if (!reached.contains(i) && c.kind != ComponentKind::Unknown && !c.id.isEmpty()
                && m_index.value(c.id) == i) {
                warning(componentPath(i),
                        QStringLiteral("nothing sends requests to %1 from the workload entry; "
                                       "connect it or remove it")
                            .arg(quoted(c.id)));
            }
        }
    }

    struct Edge
    {
        int target;
        QString path;
    };

    void callEdges(const Steps &steps, const QString &path, QList<Edge> &edges) const
    {
        for (size_t i = 0; i < steps.size(); ++i) {
            const Step &s = steps[i];
            const QString p = index(path, static_cast<qsizetype>(i));
            if (s.kind == Step::Kind::Call) {
                const int t = requestable(s.target);
                if (t >= 0)
                    edges.append({t, key(p, QStringLiteral("call"))});
                callEdges(s.fallback, key(p, QStringLiteral("fallback")), edges);
            } else if (s.kind == Step::Kind::Parallel) {
                callEdges(s.steps, key(p, QStringLiteral("parallel")), edges);
            } else if (s.kind == Step::Kind::Probability) {
                callEdges(s.steps, key(p, QStringLiteral("steps")), edges);
            } else if (s.kind == Step::Kind::Cache) {
                callEdges(s.steps, key(p, QStringLiteral("on_miss")), edges);
            }
        }
    }

    /** A cycle of synchronous calls (calls, load balancer targets, gateway routes). */
    void checkCycles()
    {
        const int n = static_cast<int>(m_s.components.size());
        std::vector<QList<Edge>> edges(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) {
            const Component &c = m_s.components.at(i);
            const QString cp = componentPath(i);
            if (c.kind == ComponentKind::Service) {
                for (const Handler &h : c.service.handlers)
                    callEdges(h.steps, key(key(cp, QStringLiteral("handlers")), h.request), edges[i]);
            } else if (c.kind == ComponentKind::LoadBalancer) {
                for (int t = 0; t < c.loadBalancer.targets.size(); ++t) {
                    const int target = requestable(c.loadBalancer.targets.at(t));
                    if (target >= 0)
                        edges[i].append({target, index(key(cp, QStringLiteral("targets")), t)});
                }
            } else if (c.kind == ComponentKind::Gateway) {
                for (const Route &r : c.gateway.routes) {
                    const QString rp = key(key(cp, QStringLiteral("routes")), r.request);
                    for (int t = 0; t < r.targets.size(); ++t) {
                        const int target = requestable(r.targets.at(t).target);
                        if (target >= 0)
                            edges[i].append({target, key(index(rp, t), QStringLiteral("target"))});
                    }
                }
            }
        }
        // Iterative depth-first search; a back edge closes a cycle.
        enum Color { White, Grey, Black };
        std::vector<Color> color(static_cast<size_t>(n), White);
        QList<int> stack;
        struct Frame
        {
            int node;
            int next;
        };
        for (int start = 0; start < n; ++start) {
            if (color[start] != White)
                continue;
            QList<Frame> frames{{start, 0}};
            color[start] = Grey;
            stack = {start};
            while (!frames.isEmpty()) {
                Frame &f = frames.last();
                if (f.next >= edges[f.node].size()) {
                    color[f.node] = Black;
                    stack.removeLast();
                    frames.removeLast();
                    continue;
                }
                const Edge e = edges[f.node].at(f.next++);
                if (color[e.target] == White) {
                    color[e.target] = Grey;
                    stack.append(e.target);
                    frames.append({e.target, 0});
                } else if (color[e.target] == Grey) {
                    QStringList names;
                    for (qsizetype k = stack.indexOf(e.target); k < stack.size(); ++k)
                        names.append(m_s.components.at(stack.at(k)).id);
                    names.append(m_s.components.at(e.target).id);
                    error(e.path,
                          QStringLiteral("synchronous calls form a cycle: %1; a request would "
                                         "wait for itself. Remove one of these calls, or publish "
                                         "to a queue instead")
                              .arg(names.join(QStringLiteral(" → "))));
                }
            }
        }
    }

    const Scenario &m_s;
    QHash<QString, int> m_index;
    Problems m_problems;
};

} // namespace

Problems validateScenario(const Scenario &scenario)
{
    return Validator(scenario).run();
}

} // namespace Model::Legacy
