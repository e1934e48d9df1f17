// SPDX-License-Identifier: GPL-3.0-or-later
#include "Plan.h"

#include "Decision.h"
#include "JsonFieldReader.h"
#include "JsonLocator.h"
#include "JsonPath.h"
#include "Lint.h"
#include "ScenarioChecks.h"
#include "ScenarioIo.h"
#include "Slo.h"
#include "format/Schema.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QMap>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <functional>

// The plan format is ArchSim's own (docs/migrate.md); no library reads it. Its few keys are
// read here by hand, as Decision.cpp reads a decision. What a step puts into a scenario
// (the new service, its handlers, the components it brings) is scenario JSON and goes
// through the scenario format's own reader and validator.

namespace Model {

namespace {

const char *const kActions[] = {"facade", "extract", "database", "shift", "retire"};

QString pct(double share)
{
    return QStringLiteral("%1%").arg(share * 100, 0, 'g', 3);
}

Component *find(Scenario &s, const QString &id)
{
    const int i = s.indexOf(id);
    return i < 0 ? nullptr : &s.components[i];
}

/** Calls `fn` on every step of `steps`, nested ones included (parallel, on_miss, ...). */
void forEachStep(Steps &steps, const std::function<void(Step &)> &fn)
{
    for (Step &st : steps) {
        fn(st);
        forEachStep(st.steps, fn);
        forEachStep(st.fallback, fn);
    }
}
void forEachStep(const Steps &steps, const std::function<void(const Step &)> &fn)
{
    for (const Step &st : steps) {
        fn(st);
        forEachStep(st.steps, fn);
        forEachStep(st.fallback, fn);
    }
}

/** Removes, at every depth, the steps `drop` says go. */
void removeSteps(Steps &steps, const std::function<bool(const Step &)> &drop)
{
    steps.erase(std::remove_if(steps.begin(), steps.end(), drop), steps.end());
    for (Step &st : steps) {
        removeSteps(st.steps, drop);
        removeSteps(st.fallback, drop);
    }
}

/** The ids of the components that requests or messages can reach from the entry. */
QSet<QString> reachable(const Scenario &s)
{
    const QList<QSet<int>> edges = componentReferences(s);
    QSet<QString> seen{s.workload.entry};
    QList<int> todo;
    if (const int entry = s.indexOf(s.workload.entry); entry >= 0)
        todo << entry;
    while (!todo.isEmpty()) {
        for (int to : edges.at(todo.takeLast())) {
            const QString &id = s.components.at(to).id;
            if (!seen.contains(id)) {
                seen.insert(id);
                todo << to;
            }
        }
    }
    return seen;
}

/** The names of the queries `steps` make on `database`. */
QStringList queriesOn(const Steps &steps, const QString &database, const QString &request)
{
    QStringList out;
    forEachStep(steps, [&](const Step &st) {
        if (st.kind == Step::Kind::Call && st.target == database) {
            const QString q = st.request.isEmpty() ? request : st.request;
            if (!out.contains(q))
                out.append(q);
        }
    });
    return out;
}

/** Parses one JSON value into scenario JSON text (a component list) and back as components. */
struct ComponentParse
{
    Scenario scenario;
    Problems problems;
    bool ok = false;
};

/**
 * `scenario` with `replace` put in (a component with an id that exists replaces it; others
 * are appended), read back through the scenario format's reader and validator. The new
 * components' problems are moved to `where` + their place in `replace`.
 */
ComponentParse withComponents(const Scenario &scenario,
                              const QJsonArray &replace,
                              const QString &where,
                              const QStringList &whereOf)
{
    QJsonObject json = QJsonDocument::fromJson(serializeScenario(scenario)).object();
    QJsonArray components = json.value(QStringLiteral("components")).toArray();
    QHash<int, int> origin; // index in components -> index in replace
    for (qsizetype r = 0; r < replace.size(); ++r) {
        const QString id = replace.at(r).toObject().value(QStringLiteral("id")).toString();
        qsizetype at = -1;
        for (qsizetype c = 0; c < components.size(); ++c) {
            if (!id.isEmpty()
                && components.at(c).toObject().value(QStringLiteral("id")).toString() == id)
                at = c;
        }
        if (at >= 0) {
            components[at] = replace.at(r);
        } else {
            at = components.size();
            components.append(replace.at(r));
        }
        origin.insert(static_cast<int>(at), static_cast<int>(r));
    }
    json.insert(QStringLiteral("components"), components);
    ScenarioLoad load = parseScenario(QJsonDocument(json).toJson(QJsonDocument::Compact));
    ComponentParse out;
    for (Problem p : load.problems) {
        p.line = 0;
        p.column = 0;
        static const QString prefix = QStringLiteral("$.components[");
        if (p.path.startsWith(prefix)) {
            const int close = p.path.indexOf(QLatin1Char(']'), prefix.size());
            const int c = p.path.mid(prefix.size(), close - prefix.size()).toInt();
            if (origin.contains(c)) {
                const int r = origin.value(c);
                const QString base = r < whereOf.size() ? whereOf.at(r) : JsonPath::index(where, r);
                p.path = base + p.path.mid(close + 1);
            }
        }
        out.problems.append(p);
    }
    out.ok = load.ok();
    // The scenario as it was, with the parsed new components put in: the JSON object above
    // sorted the keys of the existing components' maps (queries, handlers), and the file's
    // order is theirs to keep.
    out.scenario = scenario;
    if (load.scenario) {
        for (auto it = origin.constBegin(); it != origin.constEnd(); ++it) {
            if (it.key() >= load.scenario->components.size())
                continue;
            const Component &c = load.scenario->components.at(it.key());
            const int at = out.scenario.indexOf(c.id);
            if (at >= 0 && !c.id.isEmpty())
                out.scenario.components[at] = c;
            else
                out.scenario.components.append(c);
        }
    }
    return out;
}

/** The state of one module as the plan goes. */
struct ModuleState
{
    QStringList handlers;    ///< the request names it serves
    QString service;         ///< the service it was extracted into; empty: not yet
    QString database;        ///< its own database; empty: the shared one
    QString sync;            ///< the synchronisation while the monolith still serves it
    QList<Handler> unsynced; ///< the service's handlers without the synchronisation
    double share = 0;
    bool retired = false;
};

class Deriver
{
public:
    Deriver(const Plan &plan, const Scenario &start, Problems *problems)
        : m_plan(plan)
        , m_problems(problems)
        , m_s(start)
    {}

    std::vector<DerivedStep> run()
    {
        std::vector<DerivedStep> out;
        out.push_back(
            {QStringLiteral("Start: %1").arg(m_s.name), QStringLiteral("start"), m_s, {}, {}});
        m_monolith = planMonolith(m_plan, m_s);
        const Component *mono = m_s.component(m_monolith);
        if (!mono || mono->kind != ComponentKind::Service) {
            error(QStringLiteral("$.monolith"),
                  m_plan.monolith.isEmpty()
                      ? QStringLiteral("the starting scenario has no service with modules; "
                                       "give the monolith \"modules\" (docs/migrate.md)")
                      : QStringLiteral("the starting scenario has no service %1; name the "
                                       "service the plan strangles")
                            .arg(quoted(m_plan.monolith)));
            return out;
        }
        for (const Module &m : mono->service.modules)
            m_modules[m.name].handlers = m.handlers;
        if (mono->service.modules.isEmpty()) {
            error(QStringLiteral("$.monolith"),
                  QStringLiteral("the service %1 has no modules; declare them in the "
                                 "scenario (\"modules\") before planning")
                      .arg(quoted(m_monolith)));
            return out;
        }
        const Component *entry = m_s.component(m_s.workload.entry);
        if (entry && entry->kind == ComponentKind::Gateway)
            m_facade = entry->id;
        for (int k = 0; k < m_plan.steps.size(); ++k) {
            m_path = QStringLiteral("$.steps[%1]").arg(k);
            const Scenario before = m_s;
            const PlanStep &step = m_plan.steps.at(k);
            if (!apply(step))
                break;
            m_s.name = QStringLiteral("%1 · step %2")
                           .arg(m_plan.name.isEmpty() ? out.front().scenario.name : m_plan.name)
                           .arg(k + 1);
            // The derived scenario must be one the engine runs.
            Problems problems = validateScenario(m_s);
            bool bad = false;
            for (Problem &p : problems) {
                if (!p.isError())
                    continue;
                bad = true;
                error(m_path,
                      QStringLiteral("this step gives a scenario that does not run: %1: %2")
                          .arg(p.path, p.message));
            }
            if (bad)
                break;
            DerivedStep d;
            d.title = step.name.isEmpty() ? stepTitle(step) : step.name;
            d.action = planActionName(step.action);
            d.scenario = m_s;
            for (const Component &c : m_s.components) {
                const Component *b = before.component(c.id);
                if (!b || !(*b == c))
                    d.changed.append(c.id);
            }
            for (const Component &c : before.components) {
                if (!m_s.component(c.id))
                    d.removed.append(c.id);
            }
            out.push_back(std::move(d));
        }
        return out;
    }

private:
    void error(const QString &path, const QString &message)
    {
        if (m_problems)
            m_problems->append({Problem::Severity::Error, path, message});
    }
    QString at(const char *key) const { return m_path + QLatin1Char('.') + QLatin1String(key); }

    ModuleState *module(const PlanStep &step)
    {
        auto it = m_modules.find(step.module);
        if (it == m_modules.end()) {
            error(at("module"),
                  step.module.isEmpty()
                      ? QStringLiteral("missing; name the module this step works on (%1)")
                            .arg(QStringList(m_modules.keys()).join(QStringLiteral(", ")))
                      : QStringLiteral("the service %1 has no module %2; its modules are %3")
                            .arg(quoted(m_monolith),
                                 quoted(step.module),
                                 QStringList(m_modules.keys()).join(QStringLiteral(", "))));
            return nullptr;
        }
        return &it.value();
    }
    bool needExtracted(const PlanStep &step, const ModuleState &m)
    {
        if (!m.service.isEmpty())
            return true;
        error(at("module"),
              QStringLiteral("the module %1 is not extracted yet; add an extract step for it "
                             "before this one")
                  .arg(quoted(step.module)));
        return false;
    }

    bool apply(const PlanStep &step)
    {
        switch (step.action) {
        case PlanAction::Facade:
            return facade(step);
        case PlanAction::Extract:
            return extract(step);
        case PlanAction::Database:
            return database(step);
        case PlanAction::Shift:
            return shift(step);
        case PlanAction::Retire:
            return retire(step);
        }
        return false;
    }

    bool facade(const PlanStep &step)
    {
        if (!m_facade.isEmpty()) {
            error(at("action"),
                  QStringLiteral("the scenario already has a facade: its entry %1 is a "
                                 "gateway; remove this step")
                      .arg(quoted(m_facade)));
            return false;
        }
        const QString id = step.facade.isEmpty() ? QStringLiteral("gw") : step.facade;
        if (m_s.component(id)) {
            error(at("facade"),
                  QStringLiteral("there is already a component %1; give the facade another "
                                 "id")
                      .arg(quoted(id)));
            return false;
        }
        Component gw;
        gw.id = id;
        gw.kind = ComponentKind::Gateway;
        Distribution latency;
        latency.kind = Distribution::Kind::Const;
        latency.value = step.latencyMs.value_or(0.5);
        gw.gateway.latencyMs = latency;
        gw.gateway.routes.append({QStringLiteral("*"), {{m_s.workload.entry, 1.0, {}}}});
        m_oldEntry = m_s.workload.entry;
        m_s.components.prepend(gw);
        m_s.workload.entry = id;
        m_facade = id;
        return true;
    }

    bool extract(const PlanStep &step)
    {
        ModuleState *m = module(step);
        if (!m)
            return false;
        if (!m->service.isEmpty()) {
            error(at("module"),
                  QStringLiteral("the module %1 is already extracted into %2")
                      .arg(quoted(step.module), quoted(m->service)));
            return false;
        }
        const QString id = step.service.isEmpty() ? step.module : step.service;
        if (m_s.component(id)) {
            error(at("service"),
                  QStringLiteral("there is already a component %1; give the new service "
                                 "another id")
                      .arg(quoted(id)));
            return false;
        }
        const Component *mono = m_s.component(m_monolith);
        Component svc;
        svc.id = id;
        svc.kind = ComponentKind::Service;
        svc.service.replicas = step.replicas ? step.replicas : mono->service.replicas;
        svc.service.cpuCores = step.cpuCores ? step.cpuCores : mono->service.cpuCores;
        svc.service.memoryMb = step.memoryMb ? step.memoryMb : mono->service.memoryMb;
        svc.service.concurrency = mono->service.concurrency;
        svc.service.balancing = mono->service.balancing;
        QSet<QString> calls;
        for (const QString &h : m->handlers) {
            for (const Handler &handler : mono->service.handlers) {
                if (handler.request == h)
                    svc.service.handlers.append(handler);
            }
        }
        for (const Handler &h : svc.service.handlers)
            forEachStep(h.steps, [&](const Step &st) {
                if (st.kind == Step::Kind::Call)
                    calls.insert(st.target);
            });
        for (const PoolLimit &p : mono->service.pools) {
            if (calls.contains(p.target))
                svc.service.pools.append(p);
        }
        // What the step gives in the scenario format goes through its reader.
        QJsonObject json = QJsonDocument::fromJson(serializeScenario([&] {
                               Scenario one;
                               one.components.append(svc);
                               return one;
                           }()))
                               .object()
                               .value(QStringLiteral("components"))
                               .toArray()
                               .at(0)
                               .toObject();
        if (step.concurrency)
            json.insert(QStringLiteral("concurrency"), *step.concurrency);
        if (step.handlers)
            json.insert(QStringLiteral("handlers"), *step.handlers);
        if (step.pools)
            json.insert(QStringLiteral("pools"), *step.pools);
        QJsonArray add{json};
        QStringList where{m_path};
        for (qsizetype i = 0; i < step.components.size(); ++i) {
            add.append(step.components.at(i));
            where.append(JsonPath::index(at("components"), static_cast<int>(i)));
        }
        const ComponentParse parsed = withComponents(m_s, add, m_path, where);
        bool bad = false;
        for (const Problem &p : parsed.problems) {
            if (p.isError() && p.path.startsWith(m_path)) {
                bad = true;
                error(p.path, p.message);
            }
        }
        if (bad || !parsed.scenario.component(id))
            return false;
        m_s = parsed.scenario;
        m->service = id;
        return true;
    }

    bool database(const PlanStep &step)
    {
        ModuleState *m = module(step);
        if (!m || !needExtracted(step, *m))
            return false;
        if (step.data == QLatin1String("shared"))
            return true; // keeps the shared database: the step is a decision, not a change
        if (!m->database.isEmpty()) {
            error(at("data"),
                  QStringLiteral("the module %1 already has its own database %2")
                      .arg(quoted(step.module), quoted(m->database)));
            return false;
        }
        Component *svc = find(m_s, m->service);
        // The shared database: the one the service's handlers query.
        QString shared;
        for (const Handler &h : svc->service.handlers)
            forEachStep(h.steps, [&](const Step &st) {
                const Component *t = m_s.component(st.target);
                if (shared.isEmpty() && st.kind == Step::Kind::Call && t
                    && t->kind == ComponentKind::Database)
                    shared = t->id;
            });
        if (shared.isEmpty()) {
            error(at("module"),
                  QStringLiteral("the service %1 calls no database, so there is nothing to "
                                 "give it; remove this step")
                      .arg(quoted(m->service)));
            return false;
        }
        const QString id = step.database.isEmpty() ? m->service + QStringLiteral("_db")
                                                   : step.database;
        if (m_s.component(id)) {
            error(at("database"),
                  QStringLiteral("there is already a component %1; give the database another "
                                 "id")
                      .arg(quoted(id)));
            return false;
        }
        QStringList used;
        for (const Handler &h : svc->service.handlers)
            for (const QString &q : queriesOn(h.steps, shared, h.request))
                if (!used.contains(q))
                    used.append(q);
        const Component *old = m_s.component(shared);
        Component db;
        db.id = id;
        db.kind = ComponentKind::Database;
        db.database.maxConnections = step.maxConnections.value_or(30);
        for (const QString &q : used) {
            // the query by its name, else the database's "*" duration
            const Query *match = nullptr;
            for (const Query &query : old->database.queries) {
                if (query.name == q || (!match && query.name == QLatin1String("*")))
                    match = &query;
            }
            if (match)
                db.database.queries.append({q, match->duration});
        }
        const QStringList writes = step.writes.isEmpty() ? used : step.writes;
        for (int i = 0; i < step.writes.size(); ++i) {
            if (!used.contains(step.writes.at(i))) {
                error(JsonPath::index(at("writes"), i),
                      QStringLiteral("the module makes no query %1 on %2; its queries are %3")
                          .arg(quoted(step.writes.at(i)), quoted(shared), used.join(", ")));
                return false;
            }
        }
        // Move the calls and the pool to the new database.
        for (Handler &h : svc->service.handlers)
            forEachStep(h.steps, [&](Step &st) {
                if (st.kind == Step::Kind::Call && st.target == shared)
                    st.target = id;
            });
        svc->service.pools.erase(std::remove_if(svc->service.pools.begin(),
                                                svc->service.pools.end(),
                                                [&](const PoolLimit &p) {
                                                    return p.target == shared;
                                                }),
                                 svc->service.pools.end());
        if (step.pool)
            svc->service.pools.append({id, *step.pool});
        m->unsynced = svc->service.handlers;
        m->sync = m->retired ? QStringLiteral("none") : step.sync;
        if (m->sync == QLatin1String("dual_write") || m->sync == QLatin1String("cdc")) {
            for (Handler &h : svc->service.handlers)
                addSync(h.steps, h.request, id, shared, writes, m->sync, step.syncMs);
        }
        m_s.components.append(db);
        m->database = id;
        return true;
    }

    /** After each write to `own`, the synchronisation: a second write, or CPU. */
    static void addSync(Steps &steps,
                        const QString &request,
                        const QString &own,
                        const QString &shared,
                        const QStringList &writes,
                        const QString &sync,
                        std::optional<double> syncMs)
    {
        for (std::size_t i = 0; i < steps.size(); ++i) {
            Step &st = steps[i];
            addSync(st.steps, request, own, shared, writes, sync, syncMs);
            const QString q = st.request.isEmpty() ? request : st.request;
            if (st.kind != Step::Kind::Call || st.target != own || !writes.contains(q))
                continue;
            Step extra;
            if (sync == QLatin1String("dual_write")) {
                extra = Step::call(shared, q);
            } else {
                Distribution d;
                d.kind = Distribution::Kind::Const;
                d.value = syncMs.value_or(0.2);
                extra = Step::cpu(d);
            }
            steps.insert(steps.begin() + static_cast<long>(i) + 1, extra);
            ++i;
        }
    }

    bool shift(const PlanStep &step)
    {
        ModuleState *m = module(step);
        if (!m || !needExtracted(step, *m))
            return false;
        if (m_facade.isEmpty()) {
            error(at("action"),
                  QStringLiteral("traffic shifts at the facade, and there is none yet; add a "
                                 "facade step before this one"));
            return false;
        }
        if (!step.share || *step.share < 0 || *step.share > 1) {
            error(at("share"),
                  QStringLiteral("give the share of the module's requests the new service "
                                 "takes, from 0 to 1 (0.05 for 5%)"));
            return false;
        }
        if (m->retired) {
            error(at("module"),
                  QStringLiteral("the module %1 is retired from the monolith; all its traffic "
                                 "already goes to %2")
                      .arg(quoted(step.module), quoted(m->service)));
            return false;
        }
        Component *gw = find(m_s, m_facade);
        // The old path: what "*" routes to (the monolith's side of the facade).
        QString old = m_oldEntry;
        for (const Route &r : gw->gateway.routes) {
            if (r.request == QLatin1String("*") && !r.targets.isEmpty())
                old = r.targets.front().target;
        }
        if (old.isEmpty())
            old = m_monolith;
        const double share = *step.share;
        for (const QString &request : m->handlers) {
            QList<RouteTarget> targets;
            if (share > 0)
                targets.append({m->service, share, {}});
            if (share < 1)
                targets.append({old, 1 - share, {}});
            bool found = false;
            for (Route &r : gw->gateway.routes) {
                if (r.request == request) {
                    r.targets = targets;
                    found = true;
                }
            }
            if (!found)
                gw->gateway.routes.append({request, targets});
        }
        m->share = share;
        return true;
    }

    bool retire(const PlanStep &step)
    {
        ModuleState *m = module(step);
        if (!m || !needExtracted(step, *m))
            return false;
        if (m->retired) {
            error(at("module"),
                  QStringLiteral("the module %1 is already retired").arg(quoted(step.module)));
            return false;
        }
        if (m->share < 1) {
            error(at("module"),
                  QStringLiteral("the monolith still gets %1 of the module's requests; shift "
                                 "all of them (share 1) before retiring it")
                      .arg(pct(1 - m->share)));
            return false;
        }
        const QSet<QString> reachableBefore = reachable(m_s);
        Component *mono = find(m_s, m_monolith);
        // Calls to the module's requests elsewhere now go to the new service.
        for (Component &c : m_s.components) {
            if (c.kind != ComponentKind::Service || c.id == m_monolith)
                continue;
            for (Handler &h : c.service.handlers)
                forEachStep(h.steps, [&](Step &st) {
                    const QString q = st.request.isEmpty() ? h.request : st.request;
                    if (st.kind == Step::Kind::Call && st.target == m_monolith
                        && m->handlers.contains(q))
                        st.target = m->service;
                });
        }
        // The monolith's handlers and module go; so do the synchronisation and the queries
        // on the shared database that nothing else makes any more.
        QList<Handler> &handlers = mono->service.handlers;
        handlers.erase(std::remove_if(handlers.begin(),
                                      handlers.end(),
                                      [&](const Handler &h) {
                                          return m->handlers.contains(h.request);
                                      }),
                       handlers.end());
        mono->service.modules.erase(std::remove_if(mono->service.modules.begin(),
                                                   mono->service.modules.end(),
                                                   [&](const Module &x) {
                                                       return x.name == step.module;
                                                   }),
                                    mono->service.modules.end());
        if (m->sync == QLatin1String("dual_write") || m->sync == QLatin1String("cdc")) {
            find(m_s, m->service)->service.handlers = m->unsynced;
            m->sync = QStringLiteral("none");
        }
        // The facade's routes name the new service alone.
        if (Component *gw = find(m_s, m_facade)) {
            for (Route &r : gw->gateway.routes) {
                if (m->handlers.contains(r.request))
                    r.targets = {{m->service, 1.0, {}}};
            }
        }
        m->retired = true;
        dropQueriesNoOneMakes();
        prune(reachableBefore);
        return true;
    }

    /** A database's queries that no handler makes any more go with the module. */
    void dropQueriesNoOneMakes()
    {
        QHash<QString, QSet<QString>> made;
        for (const Component &c : m_s.components) {
            if (c.kind != ComponentKind::Service)
                continue;
            for (const Handler &h : c.service.handlers)
                forEachStep(h.steps, [&](const Step &st) {
                    if (st.kind == Step::Kind::Call)
                        made[st.target].insert(st.request.isEmpty() ? h.request : st.request);
                });
        }
        for (Component &c : m_s.components) {
            if (c.kind != ComponentKind::Database || !made.contains(c.id))
                continue;
            QList<Query> &q = c.database.queries;
            q.erase(std::remove_if(q.begin(),
                                   q.end(),
                                   [&](const Query &x) {
                                       return x.name != QLatin1String("*")
                                              && !made.value(c.id).contains(x.name);
                                   }),
                    q.end());
        }
    }

    /**
     * A monolith with no handlers left goes, then what routed only to what went (a load
     * balancer with no targets, a route with none), then whatever requests could reach
     * before the step and cannot now (its database, its cache).
     */
    void prune(const QSet<QString> &reachableBefore)
    {
        QSet<QString> gone;
        if (const Component *mono = m_s.component(m_monolith);
            mono && mono->service.handlers.isEmpty())
            gone.insert(m_monolith);
        bool more = true;
        while (more) {
            more = false;
            for (Component &c : m_s.components) {
                if (gone.contains(c.id))
                    continue;
                if (c.kind == ComponentKind::LoadBalancer) {
                    c.loadBalancer.targets.removeIf(
                        [&](const QString &t) { return gone.contains(t); });
                    if (c.loadBalancer.targets.isEmpty()) {
                        gone.insert(c.id);
                        more = true;
                    }
                } else if (c.kind == ComponentKind::Gateway) {
                    for (Route &r : c.gateway.routes)
                        r.targets.removeIf(
                            [&](const RouteTarget &t) { return gone.contains(t.target); });
                    c.gateway.routes.removeIf([](const Route &r) { return r.targets.isEmpty(); });
                }
            }
        }
        m_s.components.removeIf([&](const Component &c) { return gone.contains(c.id); });
        const QSet<QString> now = reachable(m_s);
        m_s.components.removeIf([&](const Component &c) {
            return reachableBefore.contains(c.id) && !now.contains(c.id);
        });
        QSet<QString> ids;
        for (const Component &c : m_s.components)
            ids.insert(c.id);
        for (Component &c : m_s.components) {
            if (c.kind == ComponentKind::Service)
                c.service.pools.removeIf(
                    [&](const PoolLimit &p) { return !ids.contains(p.target); });
        }
        m_s.faults.removeIf(
            [&](const Fault &f) { return !f.target.isEmpty() && !ids.contains(f.target); });
        for (auto it = m_s.diagram.positions.begin(); it != m_s.diagram.positions.end();) {
            if (!ids.contains(it.key()))
                it = m_s.diagram.positions.erase(it);
            else
                ++it;
        }
    }

    const Plan &m_plan;
    Problems *m_problems;
    Scenario m_s;
    QString m_path;
    QString m_monolith;
    QString m_facade;
    QString m_oldEntry;
    QMap<QString, ModuleState> m_modules;
};

} // namespace

QList<QSet<int>> componentReferences(const Scenario &s)
{
    QList<QSet<int>> edges(s.components.size());
    Format::forEachReference(s, [&](const QString &id, const QString &path, Format::Refers) {
        static const QString prefix = QStringLiteral("$.components[");
        const int to = s.indexOf(id);
        if (!path.startsWith(prefix) || to < 0)
            return;
        const int close = path.indexOf(QLatin1Char(']'), prefix.size());
        const int from = path.mid(prefix.size(), close - prefix.size()).toInt();
        if (from >= 0 && from < edges.size() && from != to)
            edges[from].insert(to);
    });
    return edges;
}

QString planActionName(PlanAction action)
{
    return QString::fromLatin1(kActions[static_cast<int>(action)]);
}

std::optional<PlanAction> planActionFromName(const QString &name)
{
    for (int i = 0; i < 5; ++i) {
        if (name == QLatin1String(kActions[i]))
            return static_cast<PlanAction>(i);
    }
    return std::nullopt;
}

QString stepTitle(const PlanStep &step)
{
    const QString service = step.service.isEmpty() ? step.module : step.service;
    switch (step.action) {
    case PlanAction::Facade:
        return QStringLiteral("Put the facade %1 in front of the monolith")
            .arg(step.facade.isEmpty() ? QStringLiteral("gw") : step.facade);
    case PlanAction::Extract:
        return QStringLiteral("Extract %1 into the service %2").arg(step.module, service);
    case PlanAction::Database:
        if (step.data == QLatin1String("shared"))
            return QStringLiteral("%1 keeps the shared database").arg(step.module);
        return QStringLiteral("%1 gets its own database%2")
            .arg(step.module,
                 step.sync == QLatin1String("dual_write") ? QStringLiteral(" (dual writes)")
                 : step.sync == QLatin1String("cdc")      ? QStringLiteral(" (change data capture)")
                                                          : QString());
    case PlanAction::Shift:
        return QStringLiteral("Shift %1 of the %2 traffic")
            .arg(pct(step.share.value_or(0)), step.module);
    case PlanAction::Retire:
        return QStringLiteral("Retire %1 from the monolith").arg(step.module);
    }
    return {};
}

QString planMonolith(const Plan &plan, const Scenario &start)
{
    if (!plan.monolith.isEmpty())
        return plan.monolith;
    QString found;
    for (const Component &c : start.components) {
        if (c.kind == ComponentKind::Service && !c.service.modules.isEmpty()) {
            if (!found.isEmpty())
                return {}; // more than one: the plan must say
            found = c.id;
        }
    }
    return found;
}

std::vector<DerivedStep> derivePlan(const Plan &plan, const Scenario &start, Problems *problems)
{
    return Deriver(plan, start, problems).run();
}

// ---- suggested order -----------------------------------------------------------------------

namespace {

double meanOf(const Distribution &d)
{
    switch (d.kind) {
    case Distribution::Kind::Const:
        return d.value.value_or(0);
    case Distribution::Kind::Uniform:
        return (d.min.value_or(0) + d.max.value_or(0)) / 2;
    default:
        return d.mean.value_or(0);
    }
}

/** Mean CPU milliseconds of a step list (probabilities weigh their steps; calls add none). */
double cpuOf(const Steps &steps)
{
    double ms = 0;
    for (const Step &st : steps) {
        if (st.kind == Step::Kind::Cpu)
            ms += meanOf(st.duration);
        else if (st.kind == Step::Kind::Probability)
            ms += st.probability.value_or(1) * cpuOf(st.steps);
        else
            ms += cpuOf(st.steps);
    }
    return ms;
}

} // namespace

std::vector<ModuleRanking> suggestOrder(const Scenario &start, const QString &monolith)
{
    std::vector<ModuleRanking> out;
    const Component *mono = start.component(monolith);
    if (!mono || mono->kind != ComponentKind::Service)
        return out;
    const QList<Module> &modules = mono->service.modules;
    QHash<QString, double> weight;
    double totalWeight = 0;
    for (const RequestType &r : start.workload.requests) {
        weight[r.name] += r.weight.value_or(1);
        totalWeight += r.weight.value_or(1);
    }
    QHash<QString, QString> moduleOf;
    for (const Module &m : modules)
        for (const QString &h : m.handlers)
            moduleOf.insert(h, m.name);
    double totalCpu = 0, totalReleases = 0;
    std::vector<double> cpu(modules.size()), load(modules.size());
    for (int i = 0; i < modules.size(); ++i) {
        for (const QString &h : modules[i].handlers) {
            load[i] += weight.value(h);
            for (const Handler &handler : mono->service.handlers)
                if (handler.request == h)
                    cpu[i] += weight.value(h) * cpuOf(handler.steps);
        }
        totalCpu += cpu[i];
        totalReleases += modules[i].releasesPerMonth.value_or(0);
    }
    int maxCoupling = 0;
    for (int i = 0; i < modules.size(); ++i) {
        ModuleRanking r;
        r.module = modules[i].name;
        r.loadShare = totalWeight > 0 ? load[i] / totalWeight : 0;
        r.cpuShare = totalCpu > 0 ? cpu[i] / totalCpu : 0;
        r.changeShare = totalReleases > 0 ? modules[i].releasesPerMonth.value_or(0) / totalReleases
                                          : 0;
        // calls from this module's handlers to another module's, and back
        for (const Handler &h : mono->service.handlers) {
            const QString from = moduleOf.value(h.request);
            forEachStep(h.steps, [&](const Step &st) {
                if (st.kind != Step::Kind::Call || st.target != monolith)
                    return;
                const QString to = moduleOf.value(st.request.isEmpty() ? h.request : st.request);
                if (from != to && (from == r.module || to == r.module))
                    ++r.calls;
            });
        }
        for (const QString &t : modules[i].tables) {
            for (int j = 0; j < modules.size(); ++j) {
                if (j != i && modules[j].tables.contains(t)) {
                    ++r.sharedTables;
                    break;
                }
            }
        }
        maxCoupling = std::max(maxCoupling, r.calls + r.sharedTables);
        out.push_back(r);
    }
    const bool change = totalReleases > 0;
    for (ModuleRanking &r : out) {
        r.value = change ? (r.loadShare + r.cpuShare + r.changeShare) / 3
                         : (r.loadShare + r.cpuShare) / 2;
        r.coupling = maxCoupling > 0 ? double(r.calls + r.sharedTables) / maxCoupling : 0;
        r.score = r.value - 0.5 * r.coupling;
        QStringList why;
        why << QStringLiteral("serves %1 of the requests").arg(pct(r.loadShare))
            << QStringLiteral("uses %1 of the monolith's CPU").arg(pct(r.cpuShare));
        if (change)
            why << QStringLiteral("makes %1 of the releases").arg(pct(r.changeShare));
        QString coupling;
        if (r.calls + r.sharedTables == 0)
            coupling = QStringLiteral("it calls no other module and shares no table, so it "
                                      "comes out cleanly");
        else
            coupling = QStringLiteral("it is coupled to the rest by %1 call(s) and %2 shared "
                                      "table(s)")
                           .arg(r.calls)
                           .arg(r.sharedTables);
        r.reason
            = QStringLiteral("%1 %2; %3.").arg(r.module, why.join(QStringLiteral(", ")), coupling);
    }
    std::stable_sort(out.begin(), out.end(), [](const ModuleRanking &a, const ModuleRanking &b) {
        return a.score > b.score;
    });
    return out;
}

// ---- running --------------------------------------------------------------------------------

std::optional<Trajectory> runPlan(const Plan &plan,
                                  const Scenario &start,
                                  const MigrateOptions &options,
                                  Problems *problems)
{
    Problems derived;
    Trajectory t;
    t.plan = plan.name;
    t.steps = derivePlan(plan, start, &derived);
    if (problems)
        *problems += derived;
    if (hasErrors(derived))
        return std::nullopt;
    t.slo = plan.slo.isEmpty() ? start.slo : plan.slo;
    std::vector<CompareAlternative> alternatives;
    for (const DerivedStep &d : t.steps)
        alternatives.push_back({d.scenario.name, d.scenario});
    CompareOptions co;
    co.replications = options.replications;
    co.threads = options.threads;
    co.durationS = options.durationS;
    co.warmupS = options.warmupS;
    co.cancel = options.cancel;
    co.observer = options.observer;
    std::optional<Comparison> c = runComparison(alternatives, co, problems);
    if (!c)
        return std::nullopt;
    t.cancelled = c->cancelled;
    std::optional<Slo> slo;
    if (!t.slo.isEmpty()) {
        QString error;
        slo = parseSlo(t.slo, &error);
        if (!slo && problems)
            problems->append({Problem::Severity::Warning,
                              QStringLiteral("$.slo"),
                              QStringLiteral("the SLO is not checked: %1").arg(error)});
    }
    QStringList lintBefore;
    for (std::size_t k = 0; k < t.steps.size(); ++k) {
        const DerivedStep &d = t.steps[k];
        TrajectoryPoint p;
        p.title = d.title;
        p.action = d.action;
        p.run = c->alternatives[k];
        const TopologyFacts facts = topologyFacts(d.scenario);
        p.deployables = facts.deployables;
        p.syncHops = facts.syncHops;
        QStringList lint;
        for (const LintFinding &f : lintScenario(d.scenario))
            lint << lintFindingLine(f);
        p.lintFindings = static_cast<int>(lint.size());
        if (k > 0) {
            for (const QString &line : lint)
                if (!lintBefore.contains(line))
                    p.newLint << line;
        }
        lintBefore = lint;
        if (slo && !c->cancelled) {
            const std::optional<SloVerdict> verdict = sloVerdictOf(t.slo, p.run.result);
            if (verdict && !verdict->holds) {
                const SloVerdict &v = *verdict;
                p.breaksSlo = true;
                QStringList failed;
                for (const SloCheck &check : v.checks)
                    if (!check.holds)
                        failed << sloCheckText(check);
                p.sloText = failed.join(QStringLiteral("; "));
            }
        }
        t.points.push_back(std::move(p));
    }
    t.comparison = std::move(*c);
    return t;
}

Estimate trajectoryFigure(const TrajectoryPoint &point, TrajectoryFigure figure)
{
    const char *key = figure == TrajectoryFigure::P99           ? "latency_p99_ms"
                      : figure == TrajectoryFigure::ErrorRate   ? "error_rate"
                      : figure == TrajectoryFigure::CostPerHour ? "cost_per_hour"
                                                                : nullptr;
    if (key) {
        const std::vector<CompareFigure> &all = compareFigures();
        for (std::size_t k = 0; k < all.size() && k < point.run.figures.size(); ++k) {
            if (qstrcmp(all[k].key, key) == 0)
                return point.run.figures[k];
        }
        return {};
    }
    const int value = figure == TrajectoryFigure::Deployables ? point.deployables
                      : figure == TrajectoryFigure::SyncHops  ? point.syncHops
                                                              : point.lintFindings;
    return {double(value), std::nullopt};
}

// ---- JSON -----------------------------------------------------------------------------------

namespace {

using Reader = JsonFieldReader;

const QStringList &stepKeys()
{
    static const QStringList keys{QStringLiteral("action"),
                                  QStringLiteral("name"),
                                  QStringLiteral("notes"),
                                  QStringLiteral("facade"),
                                  QStringLiteral("latency_ms"),
                                  QStringLiteral("module"),
                                  QStringLiteral("service"),
                                  QStringLiteral("replicas"),
                                  QStringLiteral("cpu_cores"),
                                  QStringLiteral("memory_mb"),
                                  QStringLiteral("concurrency"),
                                  QStringLiteral("handlers"),
                                  QStringLiteral("pools"),
                                  QStringLiteral("components"),
                                  QStringLiteral("data"),
                                  QStringLiteral("database"),
                                  QStringLiteral("max_connections"),
                                  QStringLiteral("pool"),
                                  QStringLiteral("sync"),
                                  QStringLiteral("writes"),
                                  QStringLiteral("sync_ms"),
                                  QStringLiteral("share")};
    return keys;
}

PlanStep readStep(Reader &r, const QJsonObject &o, const QString &path)
{
    PlanStep s;
    const QString action = r.string(o, QStringLiteral("action"), path);
    if (const auto a = planActionFromName(action))
        s.action = *a;
    else
        r.error(path + QStringLiteral(".action"),
                action.isEmpty()
                    ? QStringLiteral("missing; say what the step does: facade, extract, "
                                     "database, shift or retire")
                    : QStringLiteral("unknown action %1; use facade, extract, database, shift "
                                     "or retire")
                          .arg(quoted(action)));
    s.name = r.string(o, QStringLiteral("name"), path);
    s.notes = r.string(o, QStringLiteral("notes"), path);
    s.facade = r.string(o, QStringLiteral("facade"), path);
    if (s.facade.isEmpty())
        s.facade = QStringLiteral("gw");
    s.latencyMs = r.number(o, QStringLiteral("latency_ms"), path, 0, 1e6);
    s.module = r.string(o, QStringLiteral("module"), path);
    s.service = r.string(o, QStringLiteral("service"), path);
    s.replicas = r.integer(o, QStringLiteral("replicas"), path, 1, 100000);
    s.cpuCores = r.number(o, QStringLiteral("cpu_cores"), path, 0.001, 1024);
    s.memoryMb = r.number(o, QStringLiteral("memory_mb"), path, 1, 1e7);
    s.concurrency = r.objectIfGiven(o, QStringLiteral("concurrency"), path);
    s.handlers = r.objectIfGiven(o, QStringLiteral("handlers"), path);
    s.pools = r.objectIfGiven(o, QStringLiteral("pools"), path);
    s.components = r.array(o, QStringLiteral("components"), path);
    s.data = r.string(o, QStringLiteral("data"), path, QStringLiteral("own"));
    if (s.data != QLatin1String("own") && s.data != QLatin1String("shared"))
        r.error(path + QStringLiteral(".data"), QStringLiteral("use \"own\" or \"shared\""));
    s.database = r.string(o, QStringLiteral("database"), path);
    s.maxConnections = r.integer(o, QStringLiteral("max_connections"), path, 1, 1000000);
    s.pool = r.integer(o, QStringLiteral("pool"), path, 1, 1000000);
    s.sync = r.string(o, QStringLiteral("sync"), path, QStringLiteral("none"));
    if (s.sync != QLatin1String("none") && s.sync != QLatin1String("dual_write")
        && s.sync != QLatin1String("cdc"))
        r.error(path + QStringLiteral(".sync"),
                QStringLiteral("unknown synchronisation %1; use none, dual_write or cdc")
                    .arg(quoted(s.sync)));
    const QJsonArray writes = r.array(o, QStringLiteral("writes"), path);
    for (qsizetype i = 0; i < writes.size(); ++i) {
        if (!writes.at(i).isString())
            r.error(JsonPath::index(path + QStringLiteral(".writes"), static_cast<int>(i)),
                    QStringLiteral("must be a query name in quotes"));
        else
            s.writes << writes.at(i).toString();
    }
    s.syncMs = r.number(o, QStringLiteral("sync_ms"), path, 0, 1e6);
    s.share = r.number(o, QStringLiteral("share"), path, 0, 1);
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!stepKeys().contains(it.key()))
            s.extra.insert(it.key(), it.value());
    }
    r.unknownKeys(o, path, stepKeys(), true);
    return s;
}

QJsonObject writeStep(const PlanStep &s)
{
    QJsonObject o = s.extra;
    o.insert(QStringLiteral("action"), planActionName(s.action));
    auto text = [&](const char *key, const QString &v, const QString &dflt = {}) {
        if (!v.isEmpty() && v != dflt)
            o.insert(QLatin1String(key), v);
    };
    auto num = [&](const char *key, auto v) {
        if (v)
            o.insert(QLatin1String(key), *v);
    };
    // every field that is set, whatever the action: a plan reads back as it was written
    text("name", s.name);
    text("notes", s.notes);
    text("facade", s.facade, QStringLiteral("gw"));
    num("latency_ms", s.latencyMs);
    text("module", s.module);
    text("service", s.service);
    num("replicas", s.replicas);
    num("cpu_cores", s.cpuCores);
    num("memory_mb", s.memoryMb);
    num("concurrency", s.concurrency);
    num("handlers", s.handlers);
    num("pools", s.pools);
    if (!s.components.isEmpty())
        o.insert(QStringLiteral("components"), s.components);
    text("data", s.data, QStringLiteral("own"));
    text("database", s.database);
    num("max_connections", s.maxConnections);
    num("pool", s.pool);
    text("sync", s.sync, QStringLiteral("none"));
    if (!s.writes.isEmpty())
        o.insert(QStringLiteral("writes"), QJsonArray::fromStringList(s.writes));
    num("sync_ms", s.syncMs);
    num("share", s.share);
    return o;
}

} // namespace

QJsonObject planToJson(const Plan &plan)
{
    QJsonObject o = plan.extra;
    o.insert(QStringLiteral("format"), Plan::formatName());
    o.insert(QStringLiteral("version"), Plan::kFormatVersion);
    if (!plan.id.isEmpty())
        o.insert(QStringLiteral("id"), plan.id);
    o.insert(QStringLiteral("name"), plan.name);
    if (!plan.description.isEmpty())
        o.insert(QStringLiteral("description"), plan.description);
    if (plan.startScenario)
        o.insert(QStringLiteral("start"),
                 QJsonDocument::fromJson(serializeScenario(*plan.startScenario)).object());
    else
        o.insert(QStringLiteral("start"), plan.start);
    if (!plan.monolith.isEmpty())
        o.insert(QStringLiteral("monolith"), plan.monolith);
    if (!plan.slo.isEmpty())
        o.insert(QStringLiteral("slo"), plan.slo);
    QJsonArray steps;
    for (const PlanStep &s : plan.steps)
        steps.append(writeStep(s));
    o.insert(QStringLiteral("steps"), steps);
    return o;
}

std::optional<Plan> planFromJson(const QJsonObject &json, Problems *problems)
{
    Reader r(QString(), problems);
    const QString root = QStringLiteral("$");
    static const QStringList known{QStringLiteral("format"),
                                   QStringLiteral("version"),
                                   QStringLiteral("id"),
                                   QStringLiteral("name"),
                                   QStringLiteral("description"),
                                   QStringLiteral("start"),
                                   QStringLiteral("monolith"),
                                   QStringLiteral("slo"),
                                   QStringLiteral("steps")};
    Plan p;
    const QString format = r.string(json, QStringLiteral("format"), root);
    if (format != Plan::formatName())
        r.error(QStringLiteral("$.format"),
                QStringLiteral("this is not a migration plan: \"format\" must be "
                               "\"archsim-plan\""));
    const std::optional<int> version = r.integer(json, QStringLiteral("version"), root, 1, 1000);
    if (version && *version > Plan::kFormatVersion)
        r.error(QStringLiteral("$.version"),
                QStringLiteral("the plan is of version %1; this ArchSim reads version %2. "
                               "Open it with a newer ArchSim")
                    .arg(*version)
                    .arg(Plan::kFormatVersion));
    p.id = r.string(json, QStringLiteral("id"), root);
    p.name = r.string(json, QStringLiteral("name"), root);
    if (p.name.trimmed().isEmpty())
        r.error(QStringLiteral("$.name"),
                QStringLiteral("a plan needs a name, e.g. \"Shop: strangler plan\""));
    p.description = r.string(json, QStringLiteral("description"), root);
    const QJsonValue start = json.value(QStringLiteral("start"));
    if (start.isString() && !start.toString().isEmpty()) {
        p.start = start.toString();
    } else if (start.isObject()) {
        ScenarioLoad load = parseScenario(QJsonDocument(start.toObject()).toJson());
        for (Problem q : load.problems) {
            q.path = QStringLiteral("$.start") + q.path.mid(1);
            q.line = 0;
            q.column = 0;
            if (q.isError())
                r.error(q.path, q.message);
            else if (problems)
                problems->append(q);
        }
        if (load.scenario)
            p.startScenario = *load.scenario;
    } else {
        r.error(QStringLiteral("$.start"),
                QStringLiteral("missing; give the starting scenario: a scenario file's path, "
                               "a scenario object, or in a project the scenario's name"));
    }
    p.monolith = r.string(json, QStringLiteral("monolith"), root);
    p.slo = r.string(json, QStringLiteral("slo"), root);
    if (!p.slo.isEmpty()) {
        QString error;
        if (!parseSlo(p.slo, &error))
            r.error(QStringLiteral("$.slo"), error);
    }
    const QJsonValue steps = json.value(QStringLiteral("steps"));
    if (!steps.isArray()) {
        r.error(QStringLiteral("$.steps"),
                QStringLiteral("missing; give the steps as a list [{\"action\": \"facade\"}, "
                               "...]"));
    } else {
        const QJsonArray a = steps.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString path = QStringLiteral("$.steps[%1]").arg(i);
            if (!a.at(i).isObject()) {
                r.error(path, QStringLiteral("must be a step object {\"action\": ...}"));
                continue;
            }
            p.steps.append(readStep(r, a.at(i).toObject(), path));
        }
    }
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key()))
            p.extra.insert(it.key(), it.value());
    }
    r.unknownKeys(json, root, known, true);
    if (!r.ok())
        return std::nullopt;
    return p;
}

std::optional<Plan> parsePlan(const QByteArray &utf8, Problems *problems)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &err);
    Problems found;
    std::optional<Plan> plan;
    if (err.error != QJsonParseError::NoError) {
        const JsonLocator::Position pos
            = JsonLocator::positionOf(utf8, std::max<qsizetype>(0, err.offset - 1));
        found.append({Problem::Severity::Error,
                      QString(),
                      QStringLiteral("this is not valid JSON: %1 at line %2, column %3")
                          .arg(err.errorString())
                          .arg(pos.line)
                          .arg(pos.column),
                      pos.line,
                      pos.column});
    } else if (!doc.isObject()) {
        found.append({Problem::Severity::Error,
                      QStringLiteral("$"),
                      QStringLiteral("a plan file holds one JSON object {\"format\": "
                                     "\"archsim-plan\", ...}")});
    } else {
        plan = planFromJson(doc.object(), &found);
        found = locateProblems(found, utf8);
    }
    if (problems)
        *problems += found;
    return plan;
}

std::optional<Scenario> planStartFromFile(const Plan &plan,
                                          const QString &planFileName,
                                          Problems *problems)
{
    if (plan.startScenario)
        return plan.startScenario;
    const QString path = QDir::cleanPath(QFileInfo(planFileName).dir().filePath(plan.start));
    ScenarioLoad load = loadScenarioFile(path);
    if (problems) {
        for (Problem p : load.problems) {
            p.message = QStringLiteral("%1: %2").arg(QDir::cleanPath(path), p.message);
            problems->append(p);
        }
    }
    if (!load.ok()) {
        if (problems)
            problems->append({Problem::Severity::Error,
                              QStringLiteral("$.start"),
                              QStringLiteral("the starting scenario %1 cannot be run; fix it or "
                                             "name another")
                                  .arg(QDir::cleanPath(path))});
        return std::nullopt;
    }
    return load.scenario;
}

QByteArray serializePlan(const Plan &plan)
{
    return QJsonDocument(planToJson(plan)).toJson(QJsonDocument::Indented);
}

QJsonObject trajectoryToJson(const Trajectory &t)
{
    QJsonArray steps;
    const std::vector<CompareFigure> &figures = compareFigures();
    for (std::size_t k = 0; k < t.steps.size() && k < t.points.size(); ++k) {
        const DerivedStep &d = t.steps[k];
        const TrajectoryPoint &p = t.points[k];
        QJsonObject results = resultsToJson(p.run.result);
        results.insert(QStringLiteral("cost"), costToJson(p.run.cost));
        QJsonObject fig;
        for (std::size_t f = 0; f < figures.size() && f < p.run.figures.size(); ++f) {
            QJsonObject e{{QStringLiteral("mean"), p.run.figures[f].mean}};
            if (p.run.figures[f].ci95)
                e.insert(QStringLiteral("ci95"), *p.run.figures[f].ci95);
            fig.insert(QLatin1String(figures[f].key), e);
        }
        QJsonArray newLint;
        for (const QString &l : p.newLint)
            newLint.append(l);
        QJsonObject step{
            {QStringLiteral("name"), d.title},
            {QStringLiteral("action"), d.action},
            {QStringLiteral("scenario"),
             QJsonDocument::fromJson(serializeScenario(d.scenario)).object()},
            {QStringLiteral("results"), results},
            {QStringLiteral("figures"), fig},
            {QStringLiteral("changed"), QJsonArray::fromStringList(d.changed)},
            {QStringLiteral("removed"), QJsonArray::fromStringList(d.removed)},
            {QStringLiteral("deployables"), p.deployables},
            {QStringLiteral("sync_hops"), p.syncHops},
            {QStringLiteral("lint_findings"), p.lintFindings},
            {QStringLiteral("new_lint"), newLint},
            {QStringLiteral("breaks_slo"), p.breaksSlo},
        };
        if (p.breaksSlo)
            step.insert(QStringLiteral("slo_failed"), p.sloText);
        steps.append(step);
    }
    QJsonObject o{{QStringLiteral("plan"), t.plan},
                  {QStringLiteral("replications"), t.comparison.replications},
                  {QStringLiteral("seed"), QString::number(t.comparison.seed)},
                  {QStringLiteral("cancelled"), t.cancelled},
                  {QStringLiteral("steps"), steps}};
    if (!t.slo.isEmpty())
        o.insert(QStringLiteral("slo"), t.slo);
    return o;
}

bool writeTrajectoryCsv(const Trajectory &t, const QString &directory, QString *error)
{
    auto cell = [](QString v) {
        if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"'))
            || v.contains(QLatin1Char('\n')))
            v = QLatin1Char('"') + v.replace(QLatin1Char('"'), QStringLiteral("\"\""))
                + QLatin1Char('"');
        return v;
    };
    const std::vector<CompareFigure> &figures = compareFigures();
    QStringList head{QStringLiteral("step"), QStringLiteral("name"), QStringLiteral("action")};
    for (const CompareFigure &f : figures)
        head << QLatin1String(f.key) << QLatin1String(f.key) + QStringLiteral("_ci95");
    head << QStringLiteral("deployables") << QStringLiteral("sync_hops")
         << QStringLiteral("lint_findings") << QStringLiteral("breaks_slo");
    QString text = head.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (std::size_t k = 0; k < t.points.size(); ++k) {
        const TrajectoryPoint &p = t.points[k];
        QStringList row{QString::number(k), cell(p.title), p.action};
        for (std::size_t f = 0; f < figures.size(); ++f) {
            const Estimate e = f < p.run.figures.size() ? p.run.figures[f] : Estimate{};
            row << QString::number(e.mean, 'g', 10)
                << (e.ci95 ? QString::number(*e.ci95, 'g', 10) : QString());
        }
        row << QString::number(p.deployables) << QString::number(p.syncHops)
            << QString::number(p.lintFindings)
            << (p.breaksSlo ? QStringLiteral("true") : QStringLiteral("false"));
        text += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    QSaveFile file(QDir(directory).filePath(QStringLiteral("trajectory.csv")));
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace Model
