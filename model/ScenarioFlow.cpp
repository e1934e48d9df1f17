// SPDX-License-Identifier: GPL-3.0-or-later
// The validator's rules about where requests go: reachability from the workload entry and
// cycles of synchronous calls (see ScenarioChecks.h).
#include "ScenarioChecks.h"

#include "JsonPath.h"
#include "format/Schema.h"

#include <QHash>
#include <QSet>

#include <vector>

namespace Model {

namespace {

using JsonPath::index;
using JsonPath::key;

class FlowChecker : public ScenarioChecker
{
public:
    using ScenarioChecker::ScenarioChecker;

    Problems run()
    {
        checkReachability();
        checkCycles();
        return m_problems;
    }

private:
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

    void walkSteps(const Steps &steps,
                   const QString &path,
                   const QString &name,
                   QList<Visit> &work,
                   QSet<int> &reached)
    {
        for (size_t i = 0; i < steps.size(); ++i) {
            const Step &s = steps[i];
            const QString p = index(path, static_cast<qsizetype>(i));
            switch (s.kind) {
            case Step::Kind::Call: {
                const int t = requestable(s.target);
                if (t >= 0)
                    work.append({t,
                                 s.request.isEmpty() ? name : s.request,
                                 key(p, QStringLiteral("call")),
                                 false});
                walkSteps(s.fallback, key(p, QStringLiteral("fallback")), name, work, reached);
                break;
            }
            case Step::Kind::Publish: {
                const int q = m_index.value(s.target, -1);
                if (q < 0 || m_s.components.at(q).kind != ComponentKind::Queue)
                    break;
                const QString message = s.message.isEmpty() ? name : s.message;
                // the queue's consumers, and those of its dead-letter queue (and of its own,
                // each queue once)
                QSet<int> seen;
                for (int at = q; at >= 0 && !seen.contains(at);) {
                    seen.insert(at);
                    reached.insert(at);
                    const Queue &queue = m_s.components.at(at).queue;
                    for (int c = 0; c < queue.consumers.size(); ++c) {
                        const int svc = m_index.value(queue.consumers.at(c).service, -1);
                        if (svc >= 0 && m_s.components.at(svc).kind == ComponentKind::Service) {
                            work.append(
                                {svc,
                                 message,
                                 key(index(key(componentPath(at), QStringLiteral("consumers")), c),
                                     Format::keyOf(&Consumer::service)),
                                 true});
                        }
                    }
                    const int next = m_index.value(queue.deadLetter, -1);
                    at = next >= 0 && m_s.components.at(next).kind == ComponentKind::Queue ? next
                                                                                           : -1;
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
            case Step::Kind::Unknown:
                break;
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
                work.append(
                    {entry,
                     name,
                     key(index(QStringLiteral("$.workload.requests"), i), QStringLiteral("name")),
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
                    error(v.from,
                          QStringLiteral("%1 %2 reaches service %3, which has no handler "
                                         "for it; add a handler %2 to %3")
                              .arg(v.message ? QStringLiteral("message")
                                             : QStringLiteral("request"),
                                   quoted(v.name),
                                   quoted(c.id)));
                    break;
                }
                walkSteps(h->steps,
                          key(key(cp, QStringLiteral("handlers")), v.name),
                          v.name,
                          work,
                          reached);
                break;
            }
            case ComponentKind::LoadBalancer:
                for (int t = 0; t < c.loadBalancer.targets.size(); ++t) {
                    const int target = requestable(c.loadBalancer.targets.at(t));
                    if (target >= 0)
                        work.append(
                            {target, v.name, index(key(cp, QStringLiteral("targets")), t), false});
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
                    error(v.from,
                          QStringLiteral("request %1 reaches gateway %2, which has no "
                                         "route for it and no \"*\" route; add one")
                              .arg(quoted(v.name), quoted(c.id)));
                    break;
                }
                const QString rp = key(key(cp, QStringLiteral("routes")), route->request);
                for (int t = 0; t < route->targets.size(); ++t) {
                    const int target = requestable(route->targets.at(t).target);
                    if (target >= 0)
                        work.append({target,
                                     v.name,
                                     key(index(rp, t), Format::keyOf(&RouteTarget::target)),
                                     false});
                }
                break;
            }
            case ComponentKind::Database: {
                bool found = false;
                for (const Query &q : c.database.queries)
                    found = found || q.name == v.name || q.name == QLatin1String("*");
                if (!found) {
                    error(v.from,
                          QStringLiteral("query %1 reaches database %2, which has no "
                                         "query %1 and no \"*\" query; add one")
                              .arg(quoted(v.name), quoted(c.id)));
                }
                break;
            }
            case ComponentKind::External:
            case ComponentKind::Cache:
            case ComponentKind::Queue:
            case ComponentKind::Unknown:
                break;
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
                    callEdges(h.steps,
                              key(key(cp, QStringLiteral("handlers")), h.request),
                              edges[i]);
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
                            edges[i].append(
                                {target, key(index(rp, t), Format::keyOf(&RouteTarget::target))});
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
};

} // namespace

Problems checkRequestFlow(const Scenario &scenario)
{
    return FlowChecker(scenario).run();
}

} // namespace Model
