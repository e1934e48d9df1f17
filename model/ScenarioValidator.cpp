// SPDX-License-Identifier: GPL-3.0-or-later
// validateScenario: the rules of spec/scenario-format.md on a parsed (or edited) Scenario.
// Every problem names its JSON path and says in a plain sentence what to do.
#include "ScenarioIo.h"

#include "JsonPath.h"
#include "ScenarioChecks.h"
#include "ScenarioLimits.h"
#include "analysis/Slo.h"
#include "analysis/Sweep.h"
#include "analysis/WhatIf.h"
#include "format/Schema.h"

#include <QHash>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>
#include <utility>
#include <vector>

namespace Model {

namespace {

using JsonPath::index;
using JsonPath::key;

QString num(double v)
{
    return QString::number(v, 'g', 12);
}

bool isIdChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_'
           || u == '-';
}

class Validator : public ScenarioChecker
{
public:
    using ScenarioChecker::ScenarioChecker;

    Problems run()
    {
        checkTop();
        checkSimulation();
        checkWorkload();
        checkComponents();
        checkFaults();
        if (m_s.cost)
            checkFields(*m_s.cost, QStringLiteral("$.cost"), Format::costFields());
        if (m_s.network)
            checkFields(*m_s.network, QStringLiteral("$.network"), Format::networkFields());
        if (m_s.lesson)
            checkFields(*m_s.lesson, QStringLiteral("$.lesson"), Format::lessonFields());
        if (m_s.whatIf)
            checkFields(*m_s.whatIf, QStringLiteral("$.what_if"), Format::whatIfFields());
        m_problems += checkRequestFlow(m_s);
        if (!hasErrors(m_problems)) {
            // offered load against capacity: only a scenario that compiles has estimates
            for (const Overload &o : overloadsOfValid(m_s))
                warning(index(QStringLiteral("$.components"), o.index), o.message());
        }
        return m_problems;
    }

private:
    // --- fields, from the format's tables -------------------------------------------------

    /** A row's sentence with {min}, {max}, {value} and {key} filled in. */
    static QString sentence(const char *text,
                            const Format::Range &range,
                            double value,
                            const char *field)
    {
        QString s = QString::fromUtf8(text);
        s.replace(QLatin1String("{min}"), num(range.min));
        s.replace(QLatin1String("{max}"), num(range.max));
        s.replace(QLatin1String("{value}"), num(value));
        s.replace(QLatin1String("{key}"), QString::fromLatin1(field));
        return s;
    }

    template<typename Owner>
    void checkRange(const Format::Field<Owner> &f, std::optional<double> v, const QString &path)
    {
        const Format::Range &r = f.range;
        if (!v || !r.isSet())
            return;
        if (!(r.minIncluded ? *v >= r.min : *v > r.min))
            error(path, sentence(r.low, r, *v, f.key));
        else if (*v > r.max)
            error(path, sentence(r.high ? r.high : r.low, r, *v, f.key));
    }

    template<typename Owner>
    void checkReference(const Format::Field<Owner> &f, const QString &id, const QString &path)
    {
        const QString what = QString::fromLatin1(f.refersWhat);
        const QString hint = QString::fromLatin1(f.refersHint);
        switch (f.refers) {
        case Format::Refers::None:
            break;
        case Format::Refers::Any:
            resolve(id, path, what);
            break;
        case Format::Refers::Requests:
            requestTarget(id, path, what);
            break;
        case Format::Refers::Service:
            kindTarget(id, path, what, ComponentKind::Service, hint);
            break;
        case Format::Refers::Cache:
            kindTarget(id, path, what, ComponentKind::Cache, hint);
            break;
        case Format::Refers::Queue:
            kindTarget(id, path, what, ComponentKind::Queue, hint);
            break;
        }
    }

    /** Whether `value` gives the field of row `f`. */
    template<typename Owner>
    static bool given(const Owner &value, const Format::Field<Owner> &f)
    {
        return std::visit(
            [&](auto member) {
                using M = decltype(member);
                if constexpr (std::is_same_v<M, std::monostate>)
                    return false;
                else if constexpr (std::is_same_v<M, QString Owner::*>)
                    return !(value.*member).isEmpty();
                else if constexpr (requires { (value.*member).has_value(); })
                    return (value.*member).has_value();
                else
                    return true;
            },
            f.member);
    }

    /**
     * The rules of each row of `table` on `value` at `path`: required, range, words,
     * reference, durations, and the rows of sub-objects and nested steps. Lists with a
     * structure of their own go to checkPart().
     */
    template<typename Owner>
    void checkFields(const Owner &value, const QString &path, Format::Table<Owner> table)
    {
        for (const Format::Field<Owner> &f : table) {
            if (f.handChecked)
                continue;
            const QString fp = key(path, QString::fromLatin1(f.key));
            if (f.part != Format::Part::None && f.part != Format::Part::Steps
                && f.part != Format::Part::MaxLength) {
                checkPart(f, value, path);
                continue;
            }
            std::visit(
                [&](auto member) {
                    using M = decltype(member);
                    if constexpr (std::is_same_v<M, std::monostate>) {
                    } else if constexpr (std::is_same_v<M, QString Owner::*>) {
                        const QString &v = value.*member;
                        if (v.isEmpty() && f.required)
                            error(fp, QString::fromUtf8(f.required));
                        else if (f.refers != Format::Refers::None
                                 && !(v.isEmpty() && f.defaultNote))
                            // a reference with a default (a queue's dead_letter: none) may
                            // be left out; the others name a component
                            checkReference(f, v, fp);
                        if (!f.words.empty() && !v.isEmpty() && !Format::contains(f.words, v))
                            error(fp,
                                  QStringLiteral("unknown %1 %2; use one of %3")
                                      .arg(QString::fromLatin1(f.wordWhat),
                                           quoted(v),
                                           Format::wordList(f.words)));
                    } else if constexpr (std::is_same_v<M, std::optional<Distribution> Owner::*>) {
                        if (value.*member)
                            checkDistribution(*(value.*member), fp);
                        else if (f.required)
                            error(fp, QString::fromUtf8(f.required));
                    } else if constexpr (std::is_same_v<M, Distribution Owner::*>) {
                        checkDistribution(value.*member, fp);
                    } else if constexpr (
                        std::is_same_v<
                            M,
                            std::optional<double> Owner::
                                *> || std::is_same_v<M, std::optional<int> Owner::*> || std::is_same_v<M, std::optional<qint64> Owner::*>) {
                        const auto &v = value.*member;
                        if (!v && f.required)
                            error(fp, QString::fromUtf8(f.required));
                        checkRange(f,
                                   v ? std::optional<double>(static_cast<double>(*v))
                                     : std::nullopt,
                                   fp);
                    } else if constexpr (std::is_same_v<M, std::vector<Step> Owner::*>) {
                        checkSteps(value.*member, fp, m_eventLoop, m_depth + 1);
                    } else if constexpr (std::is_same_v<M, QStringList Owner::*>) {
                        const QStringList &names = value.*member;
                        for (int i = 0; i < names.size(); ++i)
                            if (names.at(i).trimmed().isEmpty())
                                error(index(fp, i), QStringLiteral("an empty name; remove it"));
                    } else if constexpr (
                        std::is_same_v<
                            M,
                            std::optional<bool> Owner::
                                *> || std::is_same_v<M, double Owner::*> || std::is_same_v<M, int Owner::*> || std::is_same_v<M, quint64 Owner::*>) {
                        // nothing to check, or checked by hand (the run settings)
                    } else {
                        const auto &sub = value.*member;
                        using Sub = typename std::remove_reference_t<decltype(sub)>::value_type;
                        if (sub)
                            checkFields(*sub, fp, Format::fieldsOf<Sub>());
                    }
                },
                f.member);
        }
    }

    /**
     * A service's modules: each named once, each handler it lists one of the service's, and
     * a handler in one module at most (a module is what a migration moves as a whole).
     */
    void checkModules(const Service &service, const QString &fp)
    {
        QSet<QString> names;
        QHash<QString, QString> owner; // handler -> module
        for (int i = 0; i < service.modules.size(); ++i) {
            const Module &m = service.modules.at(i);
            const QString path = index(fp, i);
            checkFields(m, path, Format::moduleFields());
            if (!m.name.isEmpty() && names.contains(m.name))
                error(key(path, QStringLiteral("name")),
                      QStringLiteral("there is another module named %1; module names are "
                                     "unique in a service")
                          .arg(quoted(m.name)));
            names.insert(m.name);
            const QString hp = key(path, QStringLiteral("handlers"));
            for (int h = 0; h < m.handlers.size(); ++h) {
                const QString &name = m.handlers.at(h);
                if (name.trimmed().isEmpty())
                    continue;
                const bool known = std::any_of(service.handlers.cbegin(),
                                               service.handlers.cend(),
                                               [&](const Handler &x) { return x.request == name; });
                if (!known) {
                    QStringList handlers;
                    for (const Handler &handler : service.handlers)
                        handlers << handler.request;
                    error(index(hp, h),
                          QStringLiteral("the service has no handler %1; its handlers are %2")
                              .arg(quoted(name), handlers.join(QStringLiteral(", "))));
                } else if (owner.contains(name) && owner.value(name) != m.name) {
                    error(index(hp, h),
                          QStringLiteral("the handler %1 is already in the module %2; a "
                                         "handler belongs to one module")
                              .arg(quoted(name), quoted(owner.value(name))));
                }
                owner.insert(name, m.name);
            }
        }
    }

    /** The lists of the format that have a structure of their own. */
    template<typename Owner>
    void checkPart(const Format::Field<Owner> &f, const Owner &value, const QString &p)
    {
        const QString fp = key(p, QString::fromLatin1(f.key));
        using Format::Part;
        if constexpr (std::is_same_v<Owner, Service>) {
            if (f.part == Part::Pools) {
                for (const PoolLimit &pool : value.pools) {
                    const QString path = key(fp, pool.target);
                    requestTarget(pool.target, path, QStringLiteral("pool target"));
                    if (pool.size < 1 || pool.size > Limits::kMaxConnections)
                        error(path,
                              QStringLiteral("a pool holds from 1 to %1 connections (it is %2)")
                                  .arg(Limits::kMaxConnections)
                                  .arg(pool.size));
                }
            } else if (f.part == Part::Handlers) {
                if (value.handlers.isEmpty())
                    warning(fp,
                            QStringLiteral("this service has no handlers, so any request it "
                                           "gets fails; add one per request name it serves"));
                for (const Handler &h : value.handlers) {
                    const QString path = key(fp, h.request);
                    if (h.request.isEmpty())
                        error(path, QStringLiteral("a handler needs a request name"));
                    checkSteps(h.steps, path, m_eventLoop, 1);
                }
            } else if (f.part == Part::Modules) {
                checkModules(value, fp);
            }
        } else if constexpr (std::is_same_v<Owner, LoadBalancer>) {
            if (value.targets.isEmpty())
                error(fp, QStringLiteral("a load balancer needs at least one target"));
            for (int i = 0; i < value.targets.size(); ++i)
                requestTarget(value.targets.at(i), index(fp, i), QStringLiteral("target"));
        } else if constexpr (std::is_same_v<Owner, Gateway>) {
            if (value.routes.isEmpty())
                error(fp,
                      QStringLiteral("a gateway needs routes, e.g. \"*\": [{\"target\": "
                                     "\"api\", \"weight\": 1}]"));
            for (const Route &r : value.routes) {
                const QString path = key(fp, r.request);
                if (r.targets.isEmpty())
                    error(path, QStringLiteral("a route needs at least one target"));
                for (int i = 0; i < r.targets.size(); ++i)
                    checkFields(r.targets.at(i), index(path, i), Format::routeTargetFields());
            }
        } else if constexpr (std::is_same_v<Owner, Database>) {
            if (value.queries.isEmpty())
                error(fp,
                      QStringLiteral("a database needs queries; add one per query name, or "
                                     "\"*\" for any"));
            for (const Query &q : value.queries)
                checkDistribution(q.duration, key(fp, q.name));
        } else if constexpr (std::is_same_v<Owner, Lesson>) {
            for (int i = 0; i < value.tries.size(); ++i) {
                const LessonTry &t = value.tries.at(i);
                const QString path = index(fp, i);
                if (t.bare) {
                    if (t.text.trimmed().isEmpty())
                        error(path, QStringLiteral("an empty hint; say what to try, or remove it"));
                    continue;
                }
                checkFields(t, path, Format::lessonTryFields());
                checkTryField(t, path);
            }
        } else if constexpr (std::is_same_v<Owner, LessonTry>) {
            // "value" may be any JSON value; checkTryField checks it goes somewhere
        } else if constexpr (std::is_same_v<Owner, WhatIf>) {
            checkPins(value, fp);
        } else if constexpr (std::is_same_v<Owner, Queue>) {
            if (value.consumers.isEmpty())
                warning(fp,
                        QStringLiteral("this queue has no consumers, so its messages pile "
                                       "up; add {\"service\": ..., \"count\": 1}"));
            for (int i = 0; i < value.consumers.size(); ++i)
                checkFields(value.consumers.at(i), index(fp, i), Format::consumerFields());
        }
    }

    /**
     * A lesson hint's field must be a place in this scenario that a value can be set at, as
     * `archsim-cli sweep --set` would set it; a value needs a field to go to.
     */
    void checkTryField(const LessonTry &t, const QString &path)
    {
        const QString fieldKey = Format::keyOf(&LessonTry::field);
        if (t.field.isEmpty()) {
            if (t.value)
                error(path,
                      QStringLiteral("a value needs the field it goes to; add \"%1\", e.g. "
                                     "\"components[api].replicas\"")
                          .arg(fieldKey));
            return;
        }
        if (!m_json)
            m_json = QJsonDocument::fromJson(serializeScenario(m_s)).object();
        QJsonObject json = *m_json;
        QString why;
        if (!setScenarioPath(json, t.field, t.value.value_or(QJsonValue()), &why))
            error(key(path, fieldKey),
                  QStringLiteral("%1 does not name a field of this scenario (%2); write it as "
                                 "archsim-cli sweep --set takes it, e.g. "
                                 "components[api].concurrency.workers")
                      .arg(quoted(t.field), why));
    }

    /**
     * Each pinned slider names a number of this scenario, once, with its minimum below its
     * maximum. A pin that names no number (its component renamed or removed) only warns: the
     * scenario runs as it is, and the What-if dock shows the pin with the same sentence.
     */
    void checkPins(const WhatIf &whatIf, const QString &fp)
    {
        QSet<QString> seen;
        const QStringList problems = whatIfPinProblems(m_s);
        for (int i = 0; i < whatIf.pinned.size(); ++i) {
            const WhatIfPin &pin = whatIf.pinned.at(i);
            const QString path = index(fp, i);
            checkFields(pin, path, Format::whatIfPinFields());
            const QString fieldPath = key(path, Format::keyOf(&WhatIfPin::field));
            if (!pin.field.isEmpty()) {
                if (seen.contains(pin.field))
                    warning(fieldPath,
                            QStringLiteral("%1 is pinned twice; unpin one").arg(quoted(pin.field)));
                seen.insert(pin.field);
                if (!problems.value(i).isEmpty())
                    warning(fieldPath, problems.value(i));
            }
            if (pin.min && pin.max && !(*pin.min < *pin.max))
                error(path,
                      QStringLiteral("min (%1) must be below max (%2)")
                          .arg(*pin.min)
                          .arg(*pin.max));
        }
    }

    // --- workload -----------------------------------------------------------------------

    void checkWorkload()
    {
        const Workload &w = m_s.workload;
        const QString p = QStringLiteral("$.workload");
        checkFields(w, p, Format::workloadFields());
        checkArrivals(w.arrivals, key(p, QStringLiteral("arrivals")));

        const QString rq = key(p, QStringLiteral("requests"));
        if (w.requests.isEmpty())
            error(rq,
                  QStringLiteral("no request types; add at least one, e.g. {\"name\": "
                                 "\"browse\", \"weight\": 1}"));
        QHash<QString, int> seen;
        for (int i = 0; i < w.requests.size(); ++i) {
            const RequestType &t = w.requests.at(i);
            const QString tp = index(rq, i);
            if (t.name.isEmpty()) {
                error(key(tp, QStringLiteral("name")),
                      QStringLiteral("missing; every request "
                                     "type needs a name"));
            } else if (seen.contains(t.name)) {
                error(key(tp, QStringLiteral("name")),
                      QStringLiteral("%1 is already listed at %2; merge the two entries")
                          .arg(quoted(t.name), index(rq, seen.value(t.name))));
            } else {
                seen.insert(t.name, i);
            }
            checkFields(t, tp, Format::requestTypeFields());
        }
    }

    /** Whether a row with `appliesTo` words applies to `kind`. */
    static bool applies(const char *appliesTo, const QString &kind)
    {
        return !appliesTo || QString::fromLatin1(appliesTo).split(QLatin1Char(' ')).contains(kind);
    }

    /** "ramp", "poisson, constant and spike" */
    static QString kindList(const char *appliesTo)
    {
        const QStringList kinds = QString::fromLatin1(appliesTo).split(QLatin1Char(' '));
        if (kinds.size() == 1)
            return kinds.first();
        return kinds.mid(0, kinds.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ")
               + kinds.last();
    }

    void checkArrivals(const Arrivals &a, const QString &ap)
    {
        const bool known = Format::contains(Format::arrivalWords(), a.kind);
        auto ignored = [&](const char *field, const char *appliesTo) {
            warning(key(ap, QString::fromLatin1(field)),
                    QStringLiteral("%1 applies to %2 arrivals only; with %3 arrivals it is ignored")
                        .arg(QString::fromLatin1(field), kindList(appliesTo), a.kind));
        };
        for (const Format::Field<Arrivals> &f : Format::arrivalFields()) {
            const QString fp = key(ap, QString::fromLatin1(f.key));
            if (!f.appliesTo) {
                checkFields(a, ap, Format::Table<Arrivals>(&f, 1));
                continue;
            }
            const std::optional<double> &v
                = a.*std::get<std::optional<double> Arrivals::*>(f.member);
            const bool applicable = applies(f.appliesTo, a.kind);
            if (f.handChecked) {
                // rate_per_s keeps the messages it always had: it is checked for an unknown
                // kind too
                if (applicable && !v)
                    error(fp, QString::fromUtf8(f.required));
                if (known && !applicable && v)
                    ignored(f.key, f.appliesTo);
                else
                    checkRange(f, v, fp);
                continue;
            }
            if (!applicable) {
                if (known && v)
                    ignored(f.key, f.appliesTo);
                continue;
            }
            if (!v) {
                if (f.required)
                    error(fp, QString::fromUtf8(f.required));
                continue;
            }
            checkRange(f, v, fp);
        }
        if (a.kind == QLatin1String("ramp") && a.from && a.to && *a.from == 0 && *a.to == 0)
            error(key(ap, Format::keyOf(&Arrivals::to)),
                  QStringLiteral("a ramp from 0 to 0 sends nothing; give 'from' or 'to' a rate "
                                 "greater than 0"));
        const double end = m_s.simulation.durationS;
        if (a.kind == QLatin1String("spike") && a.atS && *a.atS >= end)
            warning(key(ap, Format::keyOf(&Arrivals::atS)),
                    QStringLiteral("the spike comes at %1 s, after the run ends (%2 s)")
                        .arg(num(*a.atS), num(end)));
        if (a.kind == QLatin1String("ramp") && a.startS && *a.startS >= end)
            warning(key(ap, Format::keyOf(&Arrivals::startS)),
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
                error(idPath,
                      QStringLiteral("%1 may use only letters, digits, '_' and '-'")
                          .arg(quoted(c.id)));
            }
            if (!c.id.isEmpty()) {
                if (first.contains(c.id)) {
                    error(idPath,
                          QStringLiteral("%1 is already the id of %2; ids must be "
                                         "unique")
                              .arg(quoted(c.id), componentPath(first.value(c.id))));
                } else {
                    first.insert(c.id, i);
                }
            }
            switch (c.kind) {
            case ComponentKind::Service:
                checkService(c, p);
                break;
            case ComponentKind::LoadBalancer:
                checkFields(c.loadBalancer, p, Format::loadBalancerFields());
                break;
            case ComponentKind::Gateway:
                checkFields(c.gateway, p, Format::gatewayFields());
                break;
            case ComponentKind::Database:
                checkFields(c.database, p, Format::databaseFields());
                break;
            case ComponentKind::Cache:
                checkCache(c.cache, p);
                break;
            case ComponentKind::Queue:
                checkQueue(c.queue, p, c.id);
                break;
            case ComponentKind::External:
                checkFields(c.external, p, Format::externalFields());
                break;
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
        m_eventLoop = s.concurrency && s.concurrency->model == QLatin1String("event_loop");
        checkFields(s, p, Format::serviceFields());
        if (s.concurrency) {
            // a field of the other model is ignored (its range is checked all the same)
            const Concurrency &cc = *s.concurrency;
            const QString cp = key(p, Format::keyOf(&Service::concurrency));
            const bool known = Format::contains(Format::concurrencyWords(), cc.model);
            for (const Format::Field<Concurrency> &f : Format::concurrencyFields()) {
                if (!f.appliesTo || !known || applies(f.appliesTo, cc.model))
                    continue;
                if (cc.*std::get<std::optional<int> Concurrency::*>(f.member))
                    warning(key(cp, QString::fromLatin1(f.key)),
                            QStringLiteral("%1 applies to %2 only; with %3 it is ignored")
                                .arg(QString::fromLatin1(f.key),
                                     QString::fromLatin1(f.appliesTo),
                                     cc.model));
            }
        }
        checkLifecycle(s, p);
        checkSharedCallSettings(c, key(p, QStringLiteral("handlers")));
    }

    /** The rules between the lifecycle fields of a service (each field's own are rows). */
    void checkLifecycle(const Service &s, const QString &p)
    {
        if (s.autoscaling) {
            const Autoscaling a = Format::filled(*s.autoscaling);
            const QString ap = key(p, Format::keyOf(&Service::autoscaling));
            const int min = *a.min;
            if (a.max && *a.max < min)
                error(key(ap, Format::keyOf(&Autoscaling::max)),
                      QStringLiteral("max (%1) is below min (%2)").arg(*a.max).arg(min));
            const bool outside = s.replicas && a.max && *a.max >= min
                                 && (*s.replicas < min || *s.replicas > *a.max);
            if (outside) {
                warning(key(p, Format::keyOf(&Service::replicas)),
                        QStringLiteral("replicas (%1) is outside autoscaling min..max (%2..%3); "
                                       "the service starts with %4")
                            .arg(*s.replicas)
                            .arg(min)
                            .arg(*a.max)
                            .arg(std::clamp(*s.replicas, min, *a.max)));
            }
        }
        if (!s.memoryMb) {
            for (const auto &[field, v] :
                 {std::pair{Format::keyOf(&Service::memoryBaseMb), s.memoryBaseMb},
                  std::pair{Format::keyOf(&Service::memoryPerRequestMb), s.memoryPerRequestMb}}) {
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
                warning(key(p, Format::keyOf(&Service::memoryMb)),
                        QStringLiteral("memory_base_mb + memory_per_request_mb (%1 MB) exceed "
                                       "memory_mb (%2 MB): every replica runs out of memory at "
                                       "its first request")
                            .arg(num(first), num(*s.memoryMb)));
        }
        if (s.restart == QLatin1String("no")) {
            for (const auto &[field, v] :
                 {std::pair{Format::keyOf(&Service::restartBackoffS), s.restartBackoffS},
                  std::pair{Format::keyOf(&Service::restartBackoffMaxS), s.restartBackoffMaxS}}) {
                if (v)
                    warning(key(p, field),
                            QStringLiteral("%1 matters only when replicas restart; "
                                           "with restart 'no' it is ignored")
                                .arg(field));
            }
        }
    }

    void checkDistribution(const Distribution &d, const QString &path)
    {
        auto param = [&](const std::optional<double> &v,
                         const QString &name,
                         bool strictlyPositive) {
            const QString p = (d.bare && name == QLatin1String("value")) ? path : key(path, name);
            if (!v) {
                error(p,
                      QStringLiteral("missing; \"dist\": \"%1\" needs %2")
                          .arg(distributionKindName(d.kind), quoted(name)));
                return false;
            }
            if (strictlyPositive ? !(*v > 0) : !(*v >= 0)) {
                error(p,
                      QStringLiteral("%1 must be %2 (it is %3)")
                          .arg(name == QLatin1String("value") ? QStringLiteral("a duration") : name,
                               strictlyPositive ? QStringLiteral("greater than 0")
                                                : QStringLiteral("0 or more"),
                               num(*v)));
                return false;
            }
            if (*v > Limits::kMaxDurationMs) {
                error(p,
                      QStringLiteral("%1 ms is too long; use at most %2 ms")
                          .arg(num(*v), num(Limits::kMaxDurationMs)));
                return false;
            }
            return true;
        };
        switch (d.kind) {
        case Distribution::Kind::Const:
            param(d.value, QStringLiteral("value"), false);
            break;
        case Distribution::Kind::Exp:
            param(d.mean, QStringLiteral("mean"), false);
            break;
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
                error(path,
                      QStringLiteral("a distribution object needs \"dist\": one of const, "
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
            error(path,
                  QStringLiteral("there is no component %1; check the spelling or add "
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
            error(path,
                  QStringLiteral("%1 is a queue, which takes messages, not requests; use "
                                 "{\"publish\": \"%2\", \"message\": ...} instead")
                      .arg(quoted(id), id));
        } else if (k == ComponentKind::Cache) {
            error(path,
                  QStringLiteral("%1 is a cache; look keys up with {\"cache\": \"%2\", "
                                 "\"keys\": ..., \"on_miss\": [...]} instead")
                      .arg(quoted(id), id));
        }
    }

    void kindTarget(const QString &id,
                    const QString &path,
                    const QString &what,
                    ComponentKind wanted,
                    const QString &hint)
    {
        const int i = resolve(id, path, what);
        if (i < 0)
            return;
        const Component &c = m_s.components.at(i);
        if (c.kind != wanted && c.kind != ComponentKind::Unknown) {
            error(path,
                  QStringLiteral("%1 is a %2, not a %3; %4")
                      .arg(quoted(id), componentKindName(c.kind), componentKindName(wanted), hint));
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
                  QStringLiteral("unknown format version %1; use \"version\": 1").arg(m_s.version));
        }
        QString sloError;
        if (!m_s.slo.isEmpty() && !parseSlo(m_s.slo, &sloError))
            error(QStringLiteral("$.slo"), sloError);
    }

    void checkSimulation()
    {
        const SimulationSettings &sim = m_s.simulation;
        const QString p = QStringLiteral("$.simulation");
        const bool durationOk = sim.durationS > 0 && sim.durationS <= Limits::kMaxDurationS;
        if (!durationOk) {
            error(key(p, Format::keyOf(&SimulationSettings::durationS)),
                  QStringLiteral("the duration must be greater than 0 and at most %1 s (it is "
                                 "%2)")
                      .arg(num(Limits::kMaxDurationS), num(sim.durationS)));
        }
        if (!(sim.warmupS >= 0)) {
            error(key(p, Format::keyOf(&SimulationSettings::warmupS)),
                  QStringLiteral("the warm-up cannot be negative (it is %1); use 0 for none")
                      .arg(num(sim.warmupS)));
        } else if (durationOk && sim.warmupS >= sim.durationS) {
            error(key(p, Format::keyOf(&SimulationSettings::warmupS)),
                  QStringLiteral("the warm-up (%1 s) must be shorter than duration_s (%2 s), or "
                                 "nothing is measured")
                      .arg(num(sim.warmupS), num(sim.durationS)));
        }
        if (sim.replications < 1 || sim.replications > Limits::kMaxReplications) {
            error(key(p, Format::keyOf(&SimulationSettings::replications)),
                  QStringLiteral("must be from 1 to %1 (it is %2)")
                      .arg(Limits::kMaxReplications)
                      .arg(sim.replications));
        }
        if (!(sim.bucketS > 0)) {
            error(key(p, Format::keyOf(&SimulationSettings::bucketS)),
                  QStringLiteral("the series bucket must be greater than 0 s (it is %1)")
                      .arg(num(sim.bucketS)));
        } else if (durationOk && sim.bucketS > sim.durationS) {
            error(key(p, Format::keyOf(&SimulationSettings::bucketS)),
                  QStringLiteral("the series bucket (%1 s) is longer than the run (%2 s); use at "
                                 "most duration_s")
                      .arg(num(sim.bucketS), num(sim.durationS)));
        } else if (durationOk && sim.durationS / sim.bucketS > Limits::kMaxBuckets) {
            error(key(p, Format::keyOf(&SimulationSettings::bucketS)),
                  QStringLiteral("%1 s buckets over %2 s make more than %3 points; use a "
                                 "larger bucket_s")
                      .arg(num(sim.bucketS), num(sim.durationS), num(Limits::kMaxBuckets)));
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
            case Step::Kind::Unknown:
                break;
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
        auto breaker = [](const CircuitBreaker &given) {
            const CircuitBreaker b = Format::filled(given);
            return std::tuple(*b.failureRate,
                              *b.minimumCalls,
                              *b.window,
                              *b.openS,
                              *b.halfOpenCalls);
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
                                .arg(quoted(c.id),
                                     quoted(a.target),
                                     what,
                                     field,
                                     calls.at(j).path));
                };
                if (a.circuitBreaker && b.circuitBreaker
                    && breaker(*a.circuitBreaker) != breaker(*b.circuitBreaker))
                    report(breakerReported,
                           Format::keyOf(Step::Kind::Call, &Step::circuitBreaker),
                           QStringLiteral("circuit breaker"));
                if (a.retryBudget && b.retryBudget && *a.retryBudget != *b.retryBudget)
                    report(budgetReported,
                           Format::keyOf(Step::Kind::Call, &Step::retryBudget),
                           QStringLiteral("retry budget"));
                if (a.bulkhead && b.bulkhead && *a.bulkhead != *b.bulkhead)
                    report(bulkheadReported,
                           Format::keyOf(Step::Kind::Call, &Step::bulkhead),
                           Format::keyOf(Step::Kind::Call, &Step::bulkhead));
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
            error(p,
                  QStringLiteral("steps nest more than %1 levels deep; flatten them")
                      .arg(Limits::kMaxStepDepth));
            return;
        }
        if (s.kind == Step::Kind::Unknown) {
            error(p,
                  QStringLiteral("a step needs one of cpu_ms, io_ms, call, parallel, publish, "
                                 "cache or probability"));
            return;
        }
        if (s.kind == Step::Kind::Parallel && s.steps.empty())
            error(key(p, stepKindKey(s.kind)),
                  QStringLiteral("a parallel step needs at least one branch"));
        // the nested step lists of this step are checked one level deeper
        const bool outerEventLoop = m_eventLoop;
        const int outerDepth = m_depth;
        m_eventLoop = eventLoop;
        m_depth = depth;
        checkFields(s, p, Format::stepFields(s.kind));
        m_eventLoop = outerEventLoop;
        m_depth = outerDepth;
        if (s.kind == Step::Kind::Cpu && s.offload.value_or(false) && !eventLoop) {
            warning(key(p, Format::keyOf(Step::Kind::Cpu, &Step::offload)),
                    QStringLiteral("offload matters only on an event_loop service; on a "
                                   "thread_pool the step runs on its request's thread anyway"));
        }
        if (s.kind == Step::Kind::Call)
            checkResilience(s, p);
    }

    /** The rules between the retry and breaker settings of a call step. */
    void checkResilience(const Step &s, const QString &p)
    {
        if (s.retries.value_or(0) == 0) {
            for (const auto &[field, given] :
                 {std::pair{Format::keyOf(Step::Kind::Call, &Step::backoffMs),
                            s.backoffMs.has_value()},
                  std::pair{Format::keyOf(Step::Kind::Call, &Step::multiplier),
                            s.multiplier.has_value()},
                  std::pair{Format::keyOf(Step::Kind::Call, &Step::maxBackoffMs),
                            s.maxBackoffMs.has_value()},
                  std::pair{Format::keyOf(Step::Kind::Call, &Step::jitter), s.jitter.has_value()},
                  std::pair{Format::keyOf(Step::Kind::Call, &Step::retryBudget),
                            s.retryBudget.has_value()}}) {
                if (given)
                    warning(key(p, field),
                            QStringLiteral("%1 matters only with retries, and this "
                                           "call has none")
                                .arg(field));
            }
        } else if (s.jitter.value_or(0) > 0 && s.backoffMs.value_or(0) == 0) {
            warning(key(p, Format::keyOf(Step::Kind::Call, &Step::jitter)),
                    QStringLiteral("jitter spreads the back-off, but there is none; give "
                                   "backoff_ms too"));
        }
        if (s.circuitBreaker) {
            const CircuitBreaker b = Format::filled(*s.circuitBreaker);
            if (*b.minimumCalls > *b.window && *b.window >= 1)
                warning(key(key(p, Format::keyOf(Step::Kind::Call, &Step::circuitBreaker)),
                            Format::keyOf(&CircuitBreaker::minimumCalls)),
                        QStringLiteral("minimum_calls (%1) is more than the window holds (%2), so "
                                       "the breaker never opens")
                            .arg(*b.minimumCalls)
                            .arg(*b.window));
        }
    }

    void checkCache(const Cache &c, const QString &p)
    {
        checkFields(c, p, Format::cacheFields());
        // without an eviction word the engine's own applies: Redis samples, Memcached segments
        const QString eviction = !c.eviction.isEmpty() ? c.eviction
                                 : c.engine == QLatin1String("memcached")
                                     ? QStringLiteral("segmented_lru")
                                     : QStringLiteral("approx_lru");
        if (c.samples && Format::contains(Format::evictionWords(), eviction)
            && !eviction.startsWith(QLatin1String("approx_")))
            warning(key(p, Format::keyOf(&Cache::samples)),
                    QStringLiteral("samples applies to approx_lru and approx_lfu only; with %1 it "
                                   "is ignored")
                        .arg(eviction));
    }

    void checkQueue(const Queue &q, const QString &p, const QString &id)
    {
        checkFields(q, p, Format::queueFields());
        if (!q.overflow.isEmpty() && !q.maxLength)
            warning(key(p, Format::keyOf(&Queue::overflow)),
                    QStringLiteral("overflow matters only with max_length; without one the queue "
                                   "never overflows"));
        if (!q.deadLetter.isEmpty() && q.deadLetter == id)
            error(key(p, Format::keyOf(&Queue::deadLetter)),
                  QStringLiteral("'%1' cannot be its own dead-letter queue; name another queue, "
                                 "with consumers of its own")
                      .arg(id));
        if (q.overflow == QLatin1String("reject_publish_dlx") && q.maxLength
            && q.deadLetter.isEmpty())
            warning(key(p, Format::keyOf(&Queue::overflow)),
                    QStringLiteral("reject_publish_dlx dead-letters the messages it refuses, "
                                   "but the queue names no dead_letter queue, so they are "
                                   "dropped; name one, or use reject_publish"));
    }

    void checkFaults()
    {
        for (int i = 0; i < m_s.faults.size(); ++i) {
            const Fault &f = m_s.faults.at(i);
            const QString p = index(QStringLiteral("$.faults"), i);
            for (const Format::Field<Fault> &field : Format::faultFields()) {
                if (!field.appliesTo)
                    checkFields(f, p, Format::Table<Fault>(&field, 1));
            }
            const QString at = key(p, Format::keyOf(&Fault::atS));
            if (f.atS && *f.atS >= 0 && *f.atS <= Limits::kMaxDurationS
                && *f.atS >= m_s.simulation.durationS)
                warning(at,
                        QStringLiteral("the fault comes at %1 s, after the run ends (%2 s)")
                            .arg(num(*f.atS), num(m_s.simulation.durationS)));
            if (f.untilS && f.atS && !(*f.untilS > *f.atS))
                error(key(p, Format::keyOf(&Fault::untilS)),
                      QStringLiteral("until_s (%1) must be later than at_s (%2)")
                          .arg(num(*f.untilS), num(*f.atS)));
            else if (f.untilS && *f.untilS > Limits::kMaxDurationS)
                error(key(p, Format::keyOf(&Fault::untilS)),
                      QStringLiteral("must be at most %1 s").arg(num(Limits::kMaxDurationS)));

            const bool kill = f.kind == QLatin1String("kill_instance");
            if (kill) {
                kindTarget(f.target,
                           key(p, Format::keyOf(&Fault::target)),
                           QStringLiteral("target"),
                           ComponentKind::Service,
                           QStringLiteral("only a service has instances "
                                          "to kill"));
            } else {
                resolve(f.target, key(p, Format::keyOf(&Fault::target)), QStringLiteral("target"));
            }
            if (kill && f.untilS)
                warning(key(p, Format::keyOf(&Fault::untilS)),
                        QStringLiteral("a kill has no end; the replicas come back by their restart "
                                       "policy, so until_s is ignored"));
            // the fields of one fault kind: checked for that kind, ignored for the others
            const bool known = Format::contains(Format::faultWords(), f.kind);
            for (const Format::Field<Fault> &field : Format::faultFields()) {
                if (!field.appliesTo || field.handChecked)
                    continue;
                if (applies(field.appliesTo, f.kind))
                    checkFields(f, p, Format::Table<Fault>(&field, 1));
                else if (known && given(f, field))
                    warning(key(p, QString::fromLatin1(field.key)),
                            QStringLiteral("%1 applies to %2 faults only; with %3 it is ignored")
                                .arg(QString::fromLatin1(field.key),
                                     QString::fromLatin1(field.appliesTo),
                                     f.kind));
            }
        }
    }

    std::optional<QJsonObject> m_json; ///< the scenario as JSON, for the lesson's fields
    bool m_eventLoop = false;          ///< the service being checked runs an event loop
    int m_depth = 0;                   ///< nesting of the step being checked
};

} // namespace

Problems validateScenario(const Scenario &scenario)
{
    return Validator(scenario).run();
}

} // namespace Model
