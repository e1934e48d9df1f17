// SPDX-License-Identifier: GPL-3.0-or-later
// From the neutral list of workloads that the Compose and Kubernetes readers produce to a
// scenario (docs/import.md, "Building the scenario"). Every value the files cannot give is a
// documented default and is noted, so the user can review it.
#include "ContainerImport.h"
#include "ImageCatalog.h"
#include "YamlSupport.h"
#include "format/Schema.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <functional>

namespace Model {

namespace {

// The defaults of docs/import.md, "Defaults to review".
// low enough that the default services (8 threads, 5 ms, a 50 ms outside call) keep up
constexpr double kArrivalsPerS = 50;
constexpr double kServiceCpuMs = 5;
constexpr double kQueryMs = 2;
constexpr qint64 kCacheKeys = 10000;
constexpr double kExternalLatencyMs = 50;
const char kRequest[] = "request";

struct Node
{
    const ContainerWorkload *workload = nullptr; ///< null for an outside host
    QString host;                                ///< an outside host
    QString id;
    ImageKind image;
    QList<int> links;                ///< indices of nodes, in the file's order, no repeats
    QList<SourceLocation> linkWhere; ///< where each link comes from
};

/** ".key" of a scenario field, spelled by the format's schema only (tst_schema). */
template<typename Owner, typename M>
QString dot(M Owner::*member)
{
    return QLatin1Char('.') + Format::keyOf(member);
}

bool forwardsRequests(ComponentKind kind)
{
    return kind == ComponentKind::Service || kind == ComponentKind::LoadBalancer
           || kind == ComponentKind::Gateway;
}

QString fmtNumber(double v)
{
    return QString::number(v, 'g', 6);
}

} // namespace

std::optional<Scenario> buildImportedScenario(const QList<ContainerWorkload> &workloads,
                                              const QString &name,
                                              QList<ImportNote> *notes,
                                              QList<ImportError> *errors)
{
    if (workloads.isEmpty()) {
        ImportError e;
        e.message = QStringLiteral("no services or workloads to import: the files hold no "
                                   "Compose service, Deployment or StatefulSet");
        errors->append(e);
        return std::nullopt;
    }
    const bool compose = workloads.first().format == QLatin1String("compose");

    // nodes: the workloads in their order, then the outside hosts they name
    std::vector<Node> nodes;
    QHash<QString, int> byName;
    QSet<QString> ids;
    const auto uniqueId = [&ids](const QString &wanted) {
        QString id = ImportYaml::componentId(wanted);
        const QString stem = id;
        for (int n = 2; ids.contains(id); ++n)
            id = stem + QLatin1Char('_') + QString::number(n);
        ids.insert(id);
        return id;
    };
    for (const ContainerWorkload &w : workloads) {
        Node n;
        n.workload = &w;
        n.id = uniqueId(w.name);
        n.image = classifyImage(w.image);
        byName.insert(w.name, int(nodes.size()));
        nodes.push_back(n);
    }
    for (const ContainerWorkload &w : workloads) {
        for (const ContainerLink &l : w.links) {
            if (!l.external || byName.contains(QStringLiteral("//") + l.target))
                continue;
            Node n;
            n.host = l.target;
            n.id = uniqueId(l.target);
            n.image.kind = ComponentKind::External;
            n.image.label = QStringLiteral("an outside host");
            byName.insert(QStringLiteral("//") + l.target, int(nodes.size()));
            nodes.push_back(n);
        }
    }
    const auto note = [notes](ImportNote::Kind kind,
                              const QString &component,
                              const QString &path,
                              const QString &message,
                              const SourceLocation &where) {
        ImportNote n;
        n.kind = kind;
        n.component = component;
        n.path = path;
        n.message = message;
        n.where = where;
        notes->append(n);
    };

    // links by index; only request-forwarding kinds call out
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        Node &n = nodes[i];
        if (!n.workload)
            continue;
        for (const ContainerLink &l : n.workload->links) {
            const int to = byName.value(l.external ? QStringLiteral("//") + l.target : l.target,
                                        -1);
            if (to < 0 || to == int(i) || n.links.contains(to))
                continue;
            if (!forwardsRequests(n.image.kind)) {
                note(ImportNote::Kind::Unmapped,
                     n.id,
                     {},
                     QStringLiteral("the link to '%1' (%2) is not imported: a %3 sends no "
                                    "requests in ArchSim")
                         .arg(nodes[std::size_t(to)].id, l.source, componentKindName(n.image.kind)),
                     l.where);
                continue;
            }
            n.links << to;
            n.linkWhere << l.where;
        }
    }

    // A proxy with nothing behind it forwards nowhere: it is imported as a service.
    for (Node &n : nodes) {
        if (n.image.kind != ComponentKind::LoadBalancer && n.image.kind != ComponentKind::Gateway)
            continue;
        const bool hasTarget = std::any_of(n.links.cbegin(), n.links.cend(), [&](int t) {
            return acceptsRequests(nodes[std::size_t(t)].image.kind);
        });
        if (!hasTarget) {
            note(ImportNote::Kind::Default,
                 n.id,
                 {},
                 QStringLiteral("imported as a service: %1 is a proxy, but the file links it to "
                                "nothing it could forward to")
                     .arg(n.image.label),
                 n.workload->imageWhere);
            n.image = classifyImage(QString());
        }
    }

    // Synchronous calls may not form a cycle: drop the link that closes one (depth first, in
    // the file's order), and say so.
    {
        std::vector<int> state(nodes.size(), 0); // 0 new, 1 on the path, 2 done
        std::function<void(int)> visit = [&](int i) {
            state[std::size_t(i)] = 1;
            Node &n = nodes[std::size_t(i)];
            for (int k = 0; k < n.links.size(); ++k) {
                const int t = n.links.at(k);
                if (!forwardsRequests(nodes[std::size_t(t)].image.kind))
                    continue;
                if (state[std::size_t(t)] == 1) {
                    note(ImportNote::Kind::Unmapped,
                         n.id,
                         {},
                         QStringLiteral("the link to '%1' is not imported: it closes a cycle of "
                                        "synchronous calls, which a scenario cannot have")
                             .arg(nodes[std::size_t(t)].id),
                         n.linkWhere.at(k));
                    n.links.removeAt(k);
                    n.linkWhere.removeAt(k);
                    --k;
                    continue;
                }
                if (state[std::size_t(t)] == 0)
                    visit(t);
            }
            state[std::size_t(i)] = 2;
        };
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            if (state[i] == 0)
                visit(int(i));
        }
    }

    // The entry: a published proxy, else a published service, else a proxy or service that
    // nothing calls, else the first component that takes requests.
    QSet<int> called;
    for (const Node &n : nodes) {
        for (int t : n.links)
            called.insert(t);
    }
    int entry = -1;
    QString entryWhy;
    const auto pick = [&](const std::function<bool(const Node &, int)> &fits, const QString &why) {
        for (std::size_t i = 0; i < nodes.size() && entry < 0; ++i) {
            if (fits(nodes[i], int(i))) {
                entry = int(i);
                entryWhy = why;
            }
        }
    };
    const auto isProxy = [](const Node &n) {
        return n.image.kind == ComponentKind::LoadBalancer
               || n.image.kind == ComponentKind::Gateway;
    };
    pick([&](const Node &n, int) { return n.workload && n.workload->published && isProxy(n); },
         QStringLiteral("the first proxy reachable from outside"));
    pick(
        [&](const Node &n, int) {
            return n.workload && n.workload->published && n.image.kind == ComponentKind::Service;
        },
        QStringLiteral("the first service reachable from outside"));
    pick([&](const Node &n, int i) { return isProxy(n) && !called.contains(i); },
         QStringLiteral("the first proxy that nothing calls (none is reachable from outside)"));
    pick([&](const Node &n,
             int i) { return n.image.kind == ComponentKind::Service && !called.contains(i); },
         QStringLiteral("the first service that nothing calls (none is reachable from outside)"));
    pick([&](const Node &n, int) { return acceptsRequests(n.image.kind); },
         QStringLiteral("the first component that takes requests"));
    if (entry < 0) {
        ImportError e;
        e.message = QStringLiteral("nothing to send requests to: the files hold no service, "
                                   "proxy or database");
        errors->append(e);
        return std::nullopt;
    }

    // what the entry reaches by calls: linked services there publish to their queues, the
    // others linked to a queue consume from it
    QSet<int> reached;
    {
        QList<int> todo{entry};
        while (!todo.isEmpty()) {
            const int i = todo.takeLast();
            if (reached.contains(i))
                continue;
            reached.insert(i);
            if (forwardsRequests(nodes[std::size_t(i)].image.kind)) {
                for (int t : nodes[std::size_t(i)].links)
                    todo << t;
            }
        }
    }

    Scenario s;
    s.name = name;
    s.simulation.durationS = 60;
    s.simulation.warmupS = 5;
    s.simulation.seed = 1;
    note(ImportNote::Kind::Default,
         {},
         QStringLiteral("$.simulation"),
         QStringLiteral("60 s with 5 s of warm-up, seed 1: the settings of a new scenario"),
         {});
    s.workload.entry = nodes[std::size_t(entry)].id;
    note(ImportNote::Kind::Default,
         {},
         QStringLiteral("$.workload.entry"),
         QStringLiteral("'%1': %2").arg(s.workload.entry, entryWhy),
         nodes[std::size_t(entry)].workload ? nodes[std::size_t(entry)].workload->where
                                            : SourceLocation{});
    s.workload.arrivals.kind = QStringLiteral("poisson");
    s.workload.arrivals.ratePerS = kArrivalsPerS;
    note(ImportNote::Kind::Default,
         {},
         QStringLiteral("$.workload.arrivals"),
         QStringLiteral("Poisson arrivals at %1 requests/s: the files give no load")
             .arg(kArrivalsPerS),
         {});
    RequestType request;
    request.name = QString::fromLatin1(kRequest);
    s.workload.requests << request;
    note(ImportNote::Kind::Default,
         {},
         QStringLiteral("$.workload.requests"),
         QStringLiteral("one request type '%1': the files give no request mix").arg(kRequest),
         {});

    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const Node &n = nodes[i];
        const ContainerWorkload *w = n.workload;
        const QString path = QStringLiteral("$.components[%1]").arg(i);
        const SourceLocation where = w ? w->where : SourceLocation{};
        Component c;
        c.id = n.id;
        c.kind = n.image.kind;
        const auto def = [&](const QString &field, const QString &message) {
            note(ImportNote::Kind::Default, c.id, path + field, message, where);
        };
        const auto unmapped = [&](const QString &message, const SourceLocation &at) {
            note(ImportNote::Kind::Unmapped, c.id, {}, message, at);
        };
        if (w && !n.image.label.isEmpty() && c.kind != ComponentKind::Service)
            def(QStringLiteral(".kind"),
                QStringLiteral("%1, because the image is %2")
                    .arg(componentKindName(c.kind), n.image.label));
        switch (c.kind) {
        case ComponentKind::Service: {
            Service &sv = c.service;
            // concurrency by image
            if (n.image.eventLoop) {
                Concurrency cc;
                cc.model = QStringLiteral("event_loop");
                sv.concurrency = cc;
                def(dot(&Service::concurrency),
                    QStringLiteral("an event loop, because the image is %1").arg(n.image.label));
            } else if (n.image.threads > 0) {
                Concurrency cc;
                cc.model = QStringLiteral("thread_pool");
                cc.threads = n.image.threads;
                sv.concurrency = cc;
                def(dot(&Service::concurrency),
                    QStringLiteral("a pool of %1 threads, because the image is %2")
                        .arg(n.image.threads)
                        .arg(n.image.label));
            } else {
                def(dot(&Service::concurrency),
                    QStringLiteral("a pool of 8 threads (ArchSim's default): the image does not "
                                   "tell how the service handles requests at once"));
            }
            // replicas and autoscaling
            int replicas = w->replicas.value_or(1);
            if (w->replicas && *w->replicas == 0) {
                replicas = 1;
                unmapped(QStringLiteral("replicas 0 is imported as 1: a scenario runs at least "
                                        "one replica"),
                         w->replicasWhere);
            }
            if (w->hpaMax) {
                Autoscaling a;
                const int lo = std::max(1, w->hpaMin.value_or(1));
                if (!w->hpaMin)
                    def(dot(&Service::autoscaling) + dot(&Autoscaling::min),
                        QStringLiteral("1 replica, the HorizontalPodAutoscaler's default: it "
                                       "names no minReplicas"));
                a.min = lo;
                a.max = std::max(lo, *w->hpaMax);
                double pct = 80;
                if (w->hpaTargetCpuPercent)
                    pct = *w->hpaTargetCpuPercent;
                else
                    def(dot(&Service::autoscaling) + dot(&Autoscaling::targetCpu),
                        QStringLiteral("80% CPU, the HorizontalPodAutoscaler's default: it "
                                       "names no CPU target"));
                // the HPA's utilization is of the CPU request; the engine's of cpu_cores
                double target = pct / 100.0;
                if (w->cpuRequest && w->cpuLimit && *w->cpuLimit > 0)
                    target *= *w->cpuRequest / *w->cpuLimit;
                if (target > 1) {
                    unmapped(QStringLiteral("the CPU target (%1% of the request) is above the "
                                            "CPU limit; imported as 100% of cpu_cores")
                                 .arg(fmtNumber(pct)),
                             w->hpaWhere);
                    target = 1;
                }
                if (target <= 0)
                    target = 0.8;
                a.targetCpu = target;
                if (w->hpaScaleUpWindowS)
                    a.scaleUpStabilizationS = *w->hpaScaleUpWindowS;
                if (w->hpaScaleDownWindowS)
                    a.scaleDownStabilizationS = *w->hpaScaleDownWindowS;
                sv.autoscaling = a;
                const int clamped = std::clamp(replicas, *a.min, *a.max);
                if (w->replicas && clamped != replicas)
                    unmapped(QStringLiteral("replicas %1 is outside the autoscaler's %2..%3; "
                                            "imported as %4")
                                 .arg(replicas)
                                 .arg(*a.min)
                                 .arg(*a.max)
                                 .arg(clamped),
                             w->replicasWhere);
                replicas = clamped;
            }
            if (replicas != 1 || w->replicas)
                sv.replicas = replicas;
            // CPU and memory
            if (w->cpuLimit)
                sv.cpuCores = *w->cpuLimit;
            else if (w->cpuRequest)
                sv.cpuCores = *w->cpuRequest;
            else
                def(dot(&Service::cpuCores),
                    QStringLiteral("1 core (ArchSim's default): the file sets no CPU limit or "
                                   "request"));
            if (w->memoryLimitMb) {
                sv.memoryMb = *w->memoryLimitMb;
                def(dot(&Service::memoryPerRequestMb),
                    QStringLiteral("left out: the file gives the limit but not the memory a "
                                   "request takes, so no replica runs out of memory until you "
                                   "set memory_base_mb and memory_per_request_mb"));
            }
            if (w->memoryRequestMb)
                unmapped(QStringLiteral("the memory request or reservation (%1 MB) is not "
                                        "simulated: ArchSim models the limit")
                             .arg(fmtNumber(*w->memoryRequestMb)),
                         w->resourcesWhere);
            // restarts
            QString restart = w->restart;
            if (restart.isEmpty()) {
                restart = compose ? QStringLiteral("no") : QStringLiteral("always");
                def(dot(&Service::restart),
                    compose ? QStringLiteral("\"no\": Docker's default, the file sets no restart "
                                             "policy")
                            : QStringLiteral("\"always\": Kubernetes' default restartPolicy"));
            }
            sv.restart = restart;
            if (restart != QLatin1String("no")) {
                if (w->restartDelayS) {
                    sv.restartBackoffS = *w->restartDelayS;
                    sv.restartBackoffMaxS = *w->restartDelayS;
                } else if (w->restartBuiltinBackoff) {
                    // Docker's restart manager: 100 ms, doubled after each restart, at most 1 min
                    sv.restartBackoffS = 0.1;
                    sv.restartBackoffMaxS = 60;
                }
                if (w->restartMaxAttempts)
                    unmapped(QStringLiteral("at most %1 restart attempts: not simulated, a "
                                            "replica is restarted as often as it dies")
                                 .arg(*w->restartMaxAttempts),
                             w->restartWhere);
            }
            // health check: the readiness probe takes a replica out of balancing
            const ContainerProbe *probe = nullptr;
            if (w->healthcheck && !w->healthcheck->disabled)
                probe = &*w->healthcheck;
            else if (w->readiness)
                probe = &*w->readiness;
            else if (w->liveness)
                probe = &*w->liveness;
            if (probe) {
                HealthCheck hc;
                const double dflt = compose ? 30 : 10;
                hc.intervalS = probe->intervalS && *probe->intervalS >= 0.001 ? *probe->intervalS
                                                                              : dflt;
                if (!probe->intervalS)
                    def(dot(&Service::healthCheck) + dot(&HealthCheck::intervalS),
                        QStringLiteral("%1 s, %2's default interval")
                            .arg(dflt)
                            .arg(compose ? QStringLiteral("Docker")
                                         : QStringLiteral("Kubernetes")));
                hc.failures = std::max(1, probe->failures.value_or(3));
                if (!probe->failures)
                    def(dot(&Service::healthCheck) + dot(&HealthCheck::failures),
                        QStringLiteral("3 failed checks, %1's default %2")
                            .arg(compose ? QStringLiteral("Docker") : QStringLiteral("Kubernetes"),
                                 compose ? QStringLiteral("retries")
                                         : QStringLiteral("failureThreshold")));
                sv.healthCheck = hc;
            }
            // the handler: service time, then each link
            Handler h;
            h.request = QString::fromLatin1(kRequest);
            h.steps.push_back(Step::cpu(Distribution::exponential(kServiceCpuMs)));
            def(QStringLiteral(".handlers.%1[0].cpu_ms").arg(kRequest),
                QStringLiteral("exponential, mean %1 ms: the file gives no service time")
                    .arg(kServiceCpuMs));
            for (int t : n.links) {
                const Node &to = nodes[std::size_t(t)];
                const QString stepPath
                    = QStringLiteral(".handlers.%1[%2]").arg(kRequest).arg(h.steps.size());
                if (to.image.kind == ComponentKind::Cache) {
                    Step st;
                    st.kind = Step::Kind::Cache;
                    st.target = to.id;
                    st.keys = kCacheKeys;
                    h.steps.push_back(st);
                    def(stepPath + QStringLiteral(".keys"),
                        QStringLiteral("%1 keys, uniform popularity: the file gives no key "
                                       "space; nothing runs on a miss")
                            .arg(kCacheKeys));
                } else if (to.image.kind == ComponentKind::Queue) {
                    if (!reached.contains(int(i)))
                        continue; // a consumer: the queue names it
                    Step st;
                    st.kind = Step::Kind::Publish;
                    st.target = to.id;
                    h.steps.push_back(st);
                    def(stepPath,
                        QStringLiteral("publishes every request to '%1': it is linked to the "
                                       "queue and requests reach it")
                            .arg(to.id));
                } else {
                    h.steps.push_back(Step::call(to.id));
                }
            }
            sv.handlers << h;
            break;
        }
        case ComponentKind::LoadBalancer:
            for (int t : n.links) {
                if (acceptsRequests(nodes[std::size_t(t)].image.kind))
                    c.loadBalancer.targets << nodes[std::size_t(t)].id;
            }
            def(dot(&LoadBalancer::policy),
                QStringLiteral("round_robin (the default of %1)").arg(n.image.label));
            break;
        case ComponentKind::Gateway: {
            Route r;
            r.request = QStringLiteral("*");
            for (int t : n.links) {
                if (acceptsRequests(nodes[std::size_t(t)].image.kind)) {
                    RouteTarget rt;
                    rt.target = nodes[std::size_t(t)].id;
                    r.targets << rt;
                }
            }
            c.gateway.routes << r;
            def(QStringLiteral(".routes"),
                QStringLiteral("every request to its linked services, evenly: the file gives "
                               "no routes"));
            break;
        }
        case ComponentKind::Database:
            if (n.image.maxConnections > 0) {
                c.database.maxConnections = n.image.maxConnections;
                def(dot(&Database::maxConnections),
                    QStringLiteral("%1, the default of %2")
                        .arg(n.image.maxConnections)
                        .arg(n.image.label));
            } else {
                def(dot(&Database::maxConnections), QStringLiteral("100 (ArchSim's default)"));
            }
            {
                Query q;
                q.name = QStringLiteral("*");
                q.duration = Distribution::exponential(kQueryMs);
                c.database.queries << q;
                def(QStringLiteral(".queries"),
                    QStringLiteral("every query exponential, mean %1 ms: the file gives no "
                                   "query times")
                        .arg(kQueryMs));
            }
            break;
        case ComponentKind::Cache:
            c.cache.engine = n.image.engine;
            c.cache.capacityKeys = kCacheKeys;
            def(dot(&Cache::capacityKeys),
                QStringLiteral("%1 keys: the file gives no cache size").arg(kCacheKeys));
            break;
        case ComponentKind::Queue: {
            c.queue.broker = QStringLiteral("rabbitmq");
            for (std::size_t k = 0; k < nodes.size(); ++k) {
                const Node &other = nodes[k];
                if (other.image.kind == ComponentKind::Service && other.links.contains(int(i))
                    && !reached.contains(int(k))) {
                    Consumer consumer;
                    consumer.service = other.id;
                    c.queue.consumers << consumer;
                }
            }
            def(QStringLiteral(".consumers"),
                c.queue.consumers.isEmpty()
                    ? QStringLiteral("none: every service linked to the queue is reached by "
                                     "requests, so each publishes to it")
                    : QStringLiteral("the linked services that requests do not reach, one "
                                     "channel each with prefetch 1 (ArchSim's defaults)"));
            break;
        }
        case ComponentKind::External:
            c.external.latencyMs = Distribution::exponential(kExternalLatencyMs);
            note(ImportNote::Kind::Default,
                 c.id,
                 path + dot(&External::latencyMs),
                 QStringLiteral("exponential, mean %1 ms: '%2' is outside the files, named in "
                                "an environment variable")
                     .arg(kExternalLatencyMs)
                     .arg(n.host),
                 {});
            break;
        default:
            break;
        }
        if (w && c.kind != ComponentKind::Service) {
            QStringList dropped;
            if (w->replicas && *w->replicas > 1)
                dropped << Format::keyOf(&Service::replicas);
            if (w->cpuLimit || w->cpuRequest || w->memoryLimitMb || w->memoryRequestMb)
                dropped << QStringLiteral("resources");
            if (!w->restart.isEmpty())
                dropped << QStringLiteral("restart policy");
            if (w->healthcheck || w->readiness || w->liveness)
                dropped << QStringLiteral("health checks");
            if (w->hpaMax)
                dropped << Format::keyOf(&Service::autoscaling);
            if (!dropped.isEmpty())
                unmapped(QStringLiteral("%1 of a %2 are not simulated (only services have "
                                        "replicas); the container lint still reads them")
                             .arg(dropped.join(QStringLiteral(", ")), componentKindName(c.kind)),
                         where);
        }
        s.components << c;
    }
    return s;
}

} // namespace Model
