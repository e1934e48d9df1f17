// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QString>

#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <variant>

/**
 * The scenario format as data: one table per JSON object of the format (each component
 * kind, each step kind, the workload, faults, the run settings and their sub-objects), one
 * row per field. A row says the JSON key, the typed member of the Model struct it reads and
 * writes, the default compileScenario() fills in, the range and the sentences for a value
 * outside it, the word table of an enumeration (word -> engine enum), whether it names
 * another component, and the inspector's label and tooltip.
 *
 * Walkers over the tables do the per-field work of every layer:
 * - ScenarioParser.cpp reads rows (types, kept wrong values, unknown fields),
 * - ScenarioWriter.cpp writes them in row order (so the row order is the file's key order),
 * - ScenarioValidator.cpp checks each row's range, words, required sentence and reference,
 * - ScenarioCompiler.cpp takes defaults with Format::filled(),
 * - ui/inspector builds form rows from them,
 * - Format::forEachReference() finds every component id a scenario names (rename,
 *   relations on the canvas),
 * - scripts/format-tables prints the documentation tables, and a test compares them with
 *   docs/scenario-format.md; the fuzz test takes its keys from allKeys().
 *
 * Hand-written code remains for what spans fields or has structure of its own: the lists
 * (handlers and their steps, routes, queries, pools, consumers, targets), distributions,
 * which fields apply to which kind, and the rules between fields (cycles, reachability,
 * defaults that depend on the cache engine or on durability).
 *
 * How to add a field: docs/architecture.md, "Adding to the format".
 */
namespace Model::Format {

/** One word of an enumerated field and the engine enum it stands for (as an int). */
struct Word
{
    const char *word;
    int value;
};

using Words = std::span<const Word>;

/**
 * The allowed values of a number and what to say when it is outside them. A sentence may
 * use {min}, {max}, {value} and {key}; `high` defaults to `low`.
 */
struct Range
{
    double min = -std::numeric_limits<double>::infinity();
    bool minIncluded = true;
    double max = std::numeric_limits<double>::infinity();
    const char *low = nullptr;
    const char *high = nullptr;

    bool isSet() const { return low != nullptr; }
    bool contains(double v) const { return (minIncluded ? v >= min : v > min) && v <= max; }
};

/** Which components a reference may name. */
enum class Refers {
    None,
    Any,      ///< any component (fault targets)
    Requests, ///< one that takes synchronous requests: not a cache or a queue
    Service,
    Cache,
    Queue,
};

/**
 * The parts of the format that are lists or maps with a structure of their own; each walker
 * handles them by hand, in the position their row gives them.
 */
enum class Part {
    None,
    Handlers,    ///< service "handlers": {request: [steps]}
    Pools,       ///< service "pools": {target: size}
    Targets,     ///< load balancer "targets": [id]
    Routes,      ///< gateway "routes": {request: [{target, weight}]}
    Queries,     ///< database "queries": {name: duration}
    Consumers,   ///< queue "consumers": [{service, count, prefetch}]
    MaxLength,   ///< queue "max_length": an integer or null
    Steps,       ///< a nested step list: parallel, on_miss, probability's steps, fallback
    Modules,     ///< service "modules": [{name, handlers, tables, releases_per_month}]
    LessonTries, ///< lesson "try": [a sentence, or {text, field, value}]
    AnyValue,    ///< a lesson try's "value": any JSON value
    WhatIfPins,  ///< what_if "pinned": [{field, min, max, step}]
};

template<typename Owner>
using Member = std::variant<std::monostate,
                            std::optional<double> Owner::*,
                            std::optional<int> Owner::*,
                            std::optional<qint64> Owner::*,
                            std::optional<bool> Owner::*,
                            QString Owner::*,
                            std::optional<Distribution> Owner::*,
                            Distribution Owner::*,
                            double Owner::*,
                            int Owner::*,
                            quint64 Owner::*,
                            std::optional<Concurrency> Owner::*,
                            std::optional<Autoscaling> Owner::*,
                            std::optional<HealthCheck> Owner::*,
                            std::optional<CircuitBreaker> Owner::*,
                            std::optional<Network> Owner::*,
                            std::optional<Compression> Owner::*,
                            std::vector<Step> Owner::*,
                            QStringList Owner::*>;

/** One field of one JSON object. Only `key` and `member` are needed; the rest is optional. */
template<typename Owner>
struct Field
{
    const char *key;
    Member<Owner> member = {};
    /// the value compileScenario() uses when the field is left out (none: no default, or
    /// one that depends on other fields, said in `defaultNote`)
    std::optional<double> deflt = std::nullopt;
    const char *defaultWord = nullptr; ///< the default of a word field
    const char *defaultNote = nullptr; ///< a default that depends on other fields, in words
    Range range = {};
    Words words = {};               ///< an enumeration's words
    const char *wordWhat = nullptr; ///< "unknown <wordWhat> 'x'; use one of ..."
    Refers refers = Refers::None;
    const char *refersWhat = nullptr; ///< "missing <refersWhat>; name a component id"
    const char *refersHint = nullptr; ///< the advice when it names a component of another kind
    const char *required = nullptr;   ///< the sentence when the field is missing
    bool always = false;              ///< written even when empty (id, the call target)
    Part part = Part::None;
    const char *label = nullptr; ///< the inspector's label
    const char *tip = nullptr;   ///< the inspector's tooltip, and the docs' meaning
    const char *unit = nullptr;  ///< the inspector's suffix ("ms", "s", "MB", "/s")
    int decimals = -1;           ///< the inspector's decimals (-1: 0 for integers, else 3)
    /// the words of the owner's kind this field applies to ("ramp", "thread_pool"), space
    /// separated; empty: every kind. The validator warns about a field given for another kind.
    const char *appliesTo = nullptr;
    /// checked by hand in the validator (its rules compare it with other fields)
    bool handChecked = false;
};

template<typename Owner>
using Table = std::span<const Field<Owner>>;

// --- the tables -----------------------------------------------------------------------------

Table<SimulationSettings> simulationFields();
Table<Arrivals> arrivalFields();
Table<RequestType> requestTypeFields();
Table<Workload> workloadFields();
Table<Fault> faultFields();
Table<CostPrices> costFields();

Table<Component> componentFields(); ///< id, kind (the kind's own fields follow "kind")
Table<Service> serviceFields();
Table<Concurrency> concurrencyFields();
Table<Autoscaling> autoscalingFields();
Table<HealthCheck> healthCheckFields();
Table<LoadBalancer> loadBalancerFields();
Table<Gateway> gatewayFields();
Table<RouteTarget> routeTargetFields();
Table<Database> databaseFields();
Table<Cache> cacheFields();
Table<Queue> queueFields();
Table<Consumer> consumerFields();
Table<Module> moduleFields();
Table<External> externalFields();
Table<UiPosition> uiFields();

/** The fields of one step kind; the first row is the key that names the kind. */
Table<Step> stepFields(Step::Kind kind);
Table<CircuitBreaker> circuitBreakerFields();
Table<Network> networkFields();         ///< the top level's "network" and a call step's
Table<Compression> compressionFields(); ///< a service's "compression"
Table<Lesson> lessonFields();           ///< the top level's "lesson"
Table<LessonTry> lessonTryFields();     ///< an element of the lesson's "try"
Table<WhatIf> whatIfFields();           ///< the top level's "what_if"
Table<WhatIfPin> whatIfPinFields();     ///< an element of what_if's "pinned"

/** The table of a sub-object's struct (Concurrency, Autoscaling, ...). */
template<typename T>
Table<T> fieldsOf();
template<>
inline Table<Concurrency> fieldsOf<Concurrency>()
{
    return concurrencyFields();
}
template<>
inline Table<Autoscaling> fieldsOf<Autoscaling>()
{
    return autoscalingFields();
}
template<>
inline Table<HealthCheck> fieldsOf<HealthCheck>()
{
    return healthCheckFields();
}
template<>
inline Table<CircuitBreaker> fieldsOf<CircuitBreaker>()
{
    return circuitBreakerFields();
}
template<>
inline Table<Network> fieldsOf<Network>()
{
    return networkFields();
}
template<>
inline Table<Compression> fieldsOf<Compression>()
{
    return compressionFields();
}
template<>
inline Table<Lesson> fieldsOf<Lesson>()
{
    return lessonFields();
}
template<>
inline Table<LessonTry> fieldsOf<LessonTry>()
{
    return lessonTryFields();
}
template<>
inline Table<WhatIf> fieldsOf<WhatIf>()
{
    return whatIfFields();
}
template<>
inline Table<WhatIfPin> fieldsOf<WhatIfPin>()
{
    return whatIfPinFields();
}
template<>
inline Table<SimulationSettings> fieldsOf<SimulationSettings>()
{
    return simulationFields();
}
template<>
inline Table<CostPrices> fieldsOf<CostPrices>()
{
    return costFields();
}
template<>
inline Table<Arrivals> fieldsOf<Arrivals>()
{
    return arrivalFields();
}
template<>
inline Table<RequestType> fieldsOf<RequestType>()
{
    return requestTypeFields();
}
template<>
inline Table<Workload> fieldsOf<Workload>()
{
    return workloadFields();
}
template<>
inline Table<Fault> fieldsOf<Fault>()
{
    return faultFields();
}
template<>
inline Table<Service> fieldsOf<Service>()
{
    return serviceFields();
}
template<>
inline Table<LoadBalancer> fieldsOf<LoadBalancer>()
{
    return loadBalancerFields();
}
template<>
inline Table<Gateway> fieldsOf<Gateway>()
{
    return gatewayFields();
}
template<>
inline Table<RouteTarget> fieldsOf<RouteTarget>()
{
    return routeTargetFields();
}
template<>
inline Table<Database> fieldsOf<Database>()
{
    return databaseFields();
}
template<>
inline Table<Cache> fieldsOf<Cache>()
{
    return cacheFields();
}
template<>
inline Table<Queue> fieldsOf<Queue>()
{
    return queueFields();
}
template<>
inline Table<Consumer> fieldsOf<Consumer>()
{
    return consumerFields();
}
template<>
inline Table<Module> fieldsOf<Module>()
{
    return moduleFields();
}
template<>
inline Table<External> fieldsOf<External>()
{
    return externalFields();
}
template<>
inline Table<UiPosition> fieldsOf<UiPosition>()
{
    return uiFields();
}

// --- word tables (word -> engine enum) ------------------------------------------------------

Words balancingWords();
Words concurrencyWords();
Words arrivalWords();
Words restartWords();
Words cacheEngineWords();
Words evictionWords();
Words stampedeWords();
Words brokerWords();
Words overflowWords();
Words exchangeWords();
Words faultWords();

/** The engine value of `word`, or `fallback` when it is empty or not in the table. */
int valueOf(Words words, const QString &word, int fallback);
template<typename E>
E valueOf(Words words, const QString &word, E fallback)
{
    return static_cast<E>(valueOf(words, word, static_cast<int>(fallback)));
}
bool contains(Words words, const QString &word);
/** "a, b, c" */
QString wordList(Words words);

// --- lookups --------------------------------------------------------------------------------

/** The row with that JSON key, or nullptr. */
template<typename Owner>
const Field<Owner> *field(Table<Owner> table, const char *key)
{
    for (const Field<Owner> &f : table) {
        if (qstrcmp(f.key, key) == 0)
            return &f;
    }
    return nullptr;
}

/**
 * A copy of `value` with every left-out field that has a default set to it: what
 * compileScenario() reads, so the defaults live in the rows only.
 */
template<typename Owner>
Owner filled(Owner value, Table<Owner> table = fieldsOf<Owner>())
{
    for (const Field<Owner> &f : table) {
        if (!f.deflt && !f.defaultWord)
            continue;
        std::visit(
            [&](auto member) {
                using M = decltype(member);
                if constexpr (std::is_same_v<M, std::optional<double> Owner::*>) {
                    if (!(value.*member))
                        value.*member = *f.deflt;
                } else if constexpr (std::is_same_v<M, std::optional<int> Owner::*>) {
                    if (!(value.*member))
                        value.*member = static_cast<int>(*f.deflt);
                } else if constexpr (std::is_same_v<M, std::optional<qint64> Owner::*>) {
                    if (!(value.*member))
                        value.*member = static_cast<qint64>(*f.deflt);
                } else if constexpr (std::is_same_v<M, std::optional<bool> Owner::*>) {
                    if (!(value.*member))
                        value.*member = *f.deflt != 0;
                } else if constexpr (std::is_same_v<M, QString Owner::*>) {
                    if ((value.*member).isEmpty() && f.defaultWord)
                        value.*member = QString::fromLatin1(f.defaultWord);
                } else if constexpr (std::is_same_v<M, std::optional<Distribution> Owner::*>) {
                    if (!(value.*member))
                        value.*member = Distribution::constant(*f.deflt);
                }
            },
            f.member);
    }
    return value;
}

/**
 * The JSON key of the row that reads and writes `member`, so the hand-written rules name a
 * field without spelling its key again: keyOf(&Service::memoryMb) is "memory_mb".
 */
template<typename Owner, typename M>
QString keyOf(M Owner::*member, Table<Owner> table = fieldsOf<Owner>())
{
    for (const Field<Owner> &f : table) {
        const auto *m = std::get_if<M Owner::*>(&f.member);
        if (m && *m == member)
            return QString::fromLatin1(f.key);
    }
    Q_ASSERT_X(false, "Format::keyOf", "no row reads this member");
    return {};
}

/** keyOf() for a step field: the rows of `kind`. */
template<typename M>
QString keyOf(Step::Kind kind, M Step::*member)
{
    return keyOf(member, stepFields(kind));
}

/** The reference tables of docs/scenario-format.md (Markdown), printed from the tables. */
QString referenceTables();

/** Every JSON key of the format (for the fuzz test's mutations). */
QStringList allKeys();

/**
 * Calls `visit(id, path, refers)` for every component id that `scenario` names (workload
 * entry, calls, publish and cache steps, pools, load balancer targets, routes, consumers,
 * fault targets), with the JSON path of the reference. `visit` may change the id (rename).
 */
void forEachReference(Scenario &scenario,
                      const std::function<void(QString &id, const QString &path, Refers)> &visit);
void forEachReference(
    const Scenario &scenario,
    const std::function<void(const QString &id, const QString &path, Refers)> &visit);

/** Calls `visit(step, path)` for every step of `steps` and of the lists nested in them. */
void forEachStep(const Steps &steps,
                 const QString &path,
                 const std::function<void(const Step &, const QString &)> &visit);

/** The JSON key of a nested step list of `kind` ("parallel", "on_miss", "steps"), or empty. */
QString nestedStepsKey(Step::Kind kind);

} // namespace Model::Format
