// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Sim {
struct KindTraits;
}

/**
 * The editable scenario document (spec/scenario-format.md, version 1, with the additions
 * of docs/scenario-format.md) as plain typed structs. Everything the format can say is
 * kept, so that a document read and written again is unchanged.
 *
 * Conventions shared by all structs:
 * - A field that may be left out of the JSON is a std::optional (left out = nullopt) or,
 *   for names and enumerated words, a QString where empty means "not given". Defaults are
 *   applied by compileScenario() only, never written back (see docs/scenario-format.md).
 * - `extra` keeps every field this version does not know, plus values of a known field
 *   that had the wrong JSON type, so a save never drops what the user typed.
 * - Enumerated words (policy, eviction, ...) are kept as written; validateScenario()
 *   checks them and compileScenario() maps them.
 */
namespace Model {

/** A random duration in milliseconds: a bare number or {"dist": ...}. */
struct Distribution
{
    enum class Kind { Const, Exp, Uniform, Lognormal, Erlang, Unknown };
    Kind kind = Kind::Const;
    bool bare = true;    ///< written as a plain number (Const only); false: {"dist":"const",...}
    QString unknownName; ///< the "dist" word when kind is Unknown (empty when "dist" is missing)
    std::optional<double> value;  ///< const
    std::optional<double> mean;   ///< exp, lognormal, erlang
    std::optional<double> min;    ///< uniform
    std::optional<double> max;    ///< uniform
    std::optional<double> stddev; ///< lognormal
    std::optional<int> k;         ///< erlang
    QJsonObject extra;

    static Distribution constant(double v);
    static Distribution exponential(double mean);
    static Distribution uniform(double min, double max);
    static Distribution lognormal(double mean, double stddev);
    static Distribution erlang(int k, double mean);

    bool operator==(const Distribution &) const = default;
};

/** "const", "exp", "uniform", "lognormal", "erlang"; empty for Unknown. */
QString distributionKindName(Distribution::Kind kind);

/**
 * A circuit breaker on a call step ("circuit_breaker": {...}). The calls of one component
 * to one target share one breaker in the engine.
 */
struct CircuitBreaker
{
    std::optional<double> failureRate; ///< open at this fraction of failed calls in the window
    std::optional<int> minimumCalls;   ///< ...once the window holds at least this many calls
    std::optional<int> window;         ///< count-based sliding window of call outcomes
    std::optional<double> openS;       ///< time in open before half-open
    std::optional<int> halfOpenCalls;  ///< trial calls in half-open; all must succeed to close
    QJsonObject extra;
    bool operator==(const CircuitBreaker &) const = default;
};

/**
 * A network between components ("network": {...}): at the top level for every call step to a
 * service, load balancer, gateway or external, and on a call step for that call (its fields
 * left out take the top level's). See docs/scenario-format.md, "Network".
 */
struct Network
{
    std::optional<Distribution> latencyMs; ///< one way, on the request and on the response
    std::optional<double> bandwidthMbps;   ///< each direction of a link; absent: unlimited
    QJsonObject extra;
    bool operator==(const Network &) const = default;
};

/** A service's response compression ("compression": {...}). */
struct Compression
{
    std::optional<double> ratio;      ///< responses leave this many times smaller
    std::optional<double> cpuMsPerKb; ///< CPU per KB of response, on the replica's cores
    QJsonObject extra;
    bool operator==(const Compression &) const = default;
};

/** One step of a handler. Which fields apply depends on `kind` (the key that names it). */
struct Step
{
    enum class Kind { Cpu, Io, Call, Parallel, Publish, Cache, Probability, Unknown };
    Kind kind = Kind::Cpu;
    Distribution duration;            ///< Cpu ("cpu_ms"), Io ("io_ms")
    std::optional<bool> offload;      ///< Cpu on an event_loop service
    QString target;                   ///< Call: component; Publish: queue; Cache: cache
    QString request;                  ///< Call: request name at the target; empty = the current one
    std::optional<double> timeoutMs;  ///< Call
    std::optional<int> retries;       ///< Call
    std::optional<double> backoffMs;  ///< Call: wait before the first retry
    std::optional<double> multiplier; ///< Call: each further retry waits this much longer
    std::optional<double> maxBackoffMs; ///< Call: cap on one wait
    std::optional<double> jitter;       ///< Call: each wait uniform within +/- this fraction
    std::optional<double> retryBudget;  ///< Call: retries at most this fraction of calls
    std::optional<CircuitBreaker> circuitBreaker; ///< Call
    std::optional<int> bulkhead;                  ///< Call: most calls in flight per caller replica
    std::optional<Network> network;               ///< Call: overrides the scenario's network
    QString message;                   ///< Publish: message name; empty = the current request name
    std::optional<qint64> keys;        ///< Cache: number of distinct keys
    std::optional<double> zipf;        ///< Cache: Zipf exponent of key popularity
    std::optional<double> probability; ///< Probability
    /// Parallel: the branches; Probability: "steps"; Cache: "on_miss".
    std::vector<Step> steps;
    /// Call: "fallback", run when the call finally fails (empty: none).
    std::vector<Step> fallback;
    QJsonObject extra; ///< for Unknown: every field of the step

    static Step cpu(const Distribution &ms);
    static Step io(const Distribution &ms);
    static Step call(const QString &target, const QString &request = {});

    bool operator==(const Step &) const = default;
};

using Steps = std::vector<Step>;

/** The JSON key that names a step kind ("cpu_ms", "call", ...); empty for Unknown. */
QString stepKindKey(Step::Kind kind);

/** The steps a service runs for one request or message name. */
struct Handler
{
    QString request;
    Steps steps;
    bool operator==(const Handler &) const = default;
};

struct Concurrency
{
    QString model;                    ///< "thread_pool" or "event_loop"
    std::optional<int> threads;       ///< thread_pool
    std::optional<int> queueLimit;    ///< thread_pool accept queue
    std::optional<int> workers;       ///< event_loop processes per replica
    std::optional<int> workerThreads; ///< event_loop offload pool
    QJsonObject extra;
    bool operator==(const Concurrency &) const = default;
};

/** One entry of "pools": at most `size` calls outstanding to `target`, per replica. */
struct PoolLimit
{
    QString target;
    int size = 1;
    bool operator==(const PoolLimit &) const = default;
};

/** Kubernetes HPA semantics ("autoscaling": {...}); see docs/scenario-format.md. */
struct Autoscaling
{
    std::optional<int> min;
    std::optional<int> max;
    std::optional<double> targetCpu; ///< fraction of the replica's cpu_cores, (0, 1]
    std::optional<double> intervalS;
    std::optional<double> scaleUpStabilizationS;
    std::optional<double> scaleDownStabilizationS;
    std::optional<double> tolerance;
    QJsonObject extra;
    bool operator==(const Autoscaling &) const = default;
};

/** "health_check": {...}; a replica that fails `failures` checks in a row leaves balancing. */
struct HealthCheck
{
    std::optional<double> intervalS;
    std::optional<int> failures;
    QJsonObject extra;
    bool operator==(const HealthCheck &) const = default;
};

/**
 * A module of a service ("modules"): a named group of its handlers, with the database tables
 * they touch and how often the module changes. The migration planner (model/analysis/Plan.h)
 * extracts modules into services of their own.
 */
struct Module
{
    QString name;
    QStringList handlers; ///< names of the service's handlers
    QStringList tables;   ///< the database tables the module touches
    std::optional<double> releasesPerMonth;
    QJsonObject extra;
    bool operator==(const Module &) const = default;
};

struct Service
{
    std::optional<int> replicas;
    std::optional<double> cpuCores;
    std::optional<Concurrency> concurrency;
    QString balancing; ///< round_robin, random, least_outstanding, power_of_two
    std::optional<Autoscaling> autoscaling;
    std::optional<double> startupS;
    std::optional<double> memoryMb;
    std::optional<double> memoryBaseMb;
    std::optional<double> memoryPerRequestMb;
    QString restart; ///< always, on_failure, no
    std::optional<double> restartBackoffS;
    std::optional<double> restartBackoffMaxS;
    std::optional<HealthCheck> healthCheck;
    std::optional<Compression> compression;
    QList<PoolLimit> pools;
    QList<Handler> handlers; ///< in the order written
    QList<Module> modules;   ///< in the order written
    bool operator==(const Service &) const = default;
};

struct LoadBalancer
{
    QString policy; ///< round_robin, random, least_outstanding, power_of_two
    std::optional<Distribution> latencyMs;
    QStringList targets;
    bool operator==(const LoadBalancer &) const = default;
};

struct RouteTarget
{
    QString target;
    std::optional<double> weight;
    QJsonObject extra;
    bool operator==(const RouteTarget &) const = default;
};

/** The weighted targets of one request name at a gateway; "*" is the default. */
struct Route
{
    QString request;
    QList<RouteTarget> targets;
    bool operator==(const Route &) const = default;
};

struct Gateway
{
    std::optional<Distribution> latencyMs;
    QList<Route> routes;
    bool operator==(const Gateway &) const = default;
};

/** A database query name ("*" is the default) and how long it takes. */
struct Query
{
    QString name;
    Distribution duration;
    bool operator==(const Query &) const = default;
};

struct Database
{
    std::optional<int> maxConnections;
    QList<Query> queries;
    bool operator==(const Database &) const = default;
};

struct Cache
{
    QString engine; ///< redis, memcached
    std::optional<qint64> capacityKeys;
    /// lru, lfu, fifo, random, approx_lru, approx_lfu, segmented_lru
    QString eviction;
    std::optional<int> samples; ///< approx_lru, approx_lfu: keys sampled per eviction
    std::optional<double> ttlS;
    std::optional<double> ttlJitter;
    std::optional<Distribution> hitMs;
    std::optional<Distribution> missMs;
    QString stampede;                      ///< none, lock, stale_while_revalidate
    std::optional<int> threads;            ///< command threads
    std::optional<Distribution> commandMs; ///< server CPU per command
    bool operator==(const Cache &) const = default;
};

struct Consumer
{
    QString service;
    std::optional<int> count;
    std::optional<int> prefetch;
    std::optional<bool> requeue; ///< a failed message is requeued (true) or dead-lettered
    QJsonObject extra;
    bool operator==(const Consumer &) const = default;
};

struct Queue
{
    QString broker; ///< rabbitmq
    std::optional<bool> durable;
    std::optional<Distribution> publishMs;
    std::optional<Distribution> deliveryMs;
    std::optional<qint64> maxLength;
    bool maxLengthNull = false; ///< written as "max_length": null (unbounded)
    QString overflow;           ///< reject_publish, drop_head, reject_publish_dlx
    QString exchange;           ///< direct, fanout
    QList<Consumer> consumers;
    QString deadLetter;                 ///< the queue that takes its dead letters (empty: none)
    std::optional<double> messageTtlMs; ///< a ready message older than this is dead-lettered
    bool operator==(const Queue &) const = default;
};

struct External
{
    std::optional<Distribution> latencyMs;
    std::optional<double> errorRate;
    bool operator==(const External &) const = default;
};

/** The engine's kinds (Sim::ComponentKind) in their order, then Unknown: a word that names none. */
enum class ComponentKind {
    Service,
    LoadBalancer,
    Gateway,
    Database,
    External,
    Cache,
    Queue,
    Unknown
};

/** The engine's facts about `kind` (simulation/KindTraits.h); nullptr for Unknown. */
const Sim::KindTraits *kindTraits(ComponentKind kind);
/** "service", "load_balancer", ...; empty for Unknown. */
QString componentKindName(ComponentKind kind);
/** The kind of a format word; Unknown when it is not one. */
ComponentKind componentKindFromName(const QString &name);
/** Whether a synchronous request (entry, call, load balancer, route, pool) may go to `kind`. */
bool acceptsRequests(ComponentKind kind);

/** Canvas position of a component ("ui": {"x": .., "y": ..}). */
struct UiPosition
{
    double x = 0;
    double y = 0;
    QJsonObject extra;
    bool operator==(const UiPosition &) const = default;
};

/**
 * The presentation a scenario file carries: each component's "ui" object, by component id.
 * It is kept apart from the components (STYLE.md #6): the GUI moves the positions into its
 * Layout when it opens a scenario (Model::Document), which is then the only place they live,
 * and writes them back here on export (applyLayoutToScenario). What remains here in the GUI
 * are the fields of "ui" this version does not know, so a save keeps them.
 */
struct Diagram
{
    QMap<QString, UiPosition> positions;
    bool operator==(const Diagram &) const = default;
};

/** One component. Only the member that matches `kind` is used (and written). */
struct Component
{
    QString id;
    ComponentKind kind = ComponentKind::Service;
    QString unknownKind; ///< the "kind" word when kind is Unknown (empty when missing)

    Service service;
    LoadBalancer loadBalancer;
    Gateway gateway;
    Database database;
    Cache cache;
    Queue queue;
    External external;

    QJsonObject extra; ///< for an Unknown kind: every field but id, kind and ui

    const Handler *handler(const QString &request) const;
    bool operator==(const Component &) const = default;
};

/** How requests arrive. Which fields apply depends on `kind`. */
struct Arrivals
{
    QString kind;                   ///< poisson, constant, ramp, spike, bursty, diurnal
    std::optional<double> ratePerS; ///< poisson, constant; spike: the base rate
    // ramp
    std::optional<double> from;
    std::optional<double> to;
    std::optional<double> overS;
    std::optional<double> startS;
    // spike
    std::optional<double> peak;
    std::optional<double> atS;
    std::optional<double> lengthS;
    // bursty
    std::optional<double> lowRate;
    std::optional<double> highRate;
    std::optional<double> lowMeanS;
    std::optional<double> highMeanS;
    // diurnal
    std::optional<double> mean;
    std::optional<double> amplitude;
    std::optional<double> periodS;
    std::optional<double> peakAtS;
    QJsonObject extra;
    bool operator==(const Arrivals &) const = default;
};

struct RequestType
{
    QString name;
    std::optional<double> weight;           ///< default 1
    std::optional<Distribution> requestKb;  ///< payload of a request of this name, KB
    std::optional<Distribution> responseKb; ///< payload of its response, KB
    QJsonObject extra;
    bool operator==(const RequestType &) const = default;
};

struct Workload
{
    QString entry;
    /// "shared": in a project, this workload is the project's shared workload, kept the
    /// same in every scenario that shares it (docs/project-files.md); no effect elsewhere
    std::optional<bool> shared;
    Arrivals arrivals;
    QList<RequestType> requests;
    QJsonObject extra;
    bool operator==(const Workload &) const = default;
};

struct Fault
{
    QString kind; ///< kill_instance, outage, latency, errors
    std::optional<double> atS;
    std::optional<double> untilS; ///< outage, latency, errors; absent: to the end of the run
    QString target;
    std::optional<int> count;              ///< kill_instance
    std::optional<Distribution> latencyMs; ///< latency: added to every visit
    std::optional<double> errorRate;       ///< errors: probability that a visit fails
    QJsonObject extra;
    bool operator==(const Fault &) const = default;
};

/**
 * The "simulation" block. Plain values: a missing field takes the default shown here and
 * is written on save. archsim-cli overrides these before compileScenario().
 */
struct SimulationSettings
{
    double durationS = 60;
    double warmupS = 0;
    quint64 seed = 1;
    int replications = 1;
    double bucketS = 1;
    std::optional<double> maxMemoryMb; ///< memory budget of the run; absent: the default
    QJsonObject extra;
    bool operator==(const SimulationSettings &) const = default;
};

/**
 * What the alternatives cost to run ("cost": prices per hour, in US dollars). Every field is
 * optional; its row in the format's tables gives the default and where that price comes from
 * (docs/compare.md, "Cost"). Model::costOf (model/analysis/Cost.h) applies it to a run.
 */
struct CostPrices
{
    std::optional<double> vcpuHour;
    std::optional<double> gbHour;
    std::optional<double> loadBalancerHour;
    std::optional<double> gatewayHour;
    std::optional<double> databaseNodeHour;
    std::optional<double> cacheNodeHour;
    std::optional<double> queueNodeHour;
    std::optional<double> externalPerMillionCalls;
    QJsonObject extra;
    bool operator==(const CostPrices &) const = default;
};

/**
 * One "try this" hint of a lesson: a sentence, and optionally the field it moves (a path in
 * the syntax of `archsim-cli sweep --set` and Model::setScenarioPath: dotted keys, [N] for
 * the N-th element of an array, [ID] for the component, request or fault of that id or name,
 * e.g. "components[api].concurrency.workers") and the value that shows the effect. Written
 * as a bare string when it has only the sentence.
 */
struct LessonTry
{
    QString text;
    QString field;                   ///< empty: the hint names no field
    std::optional<QJsonValue> value; ///< the value to set `field` to; nullopt: none given
    bool bare = false;               ///< written as a plain string (the sentence only)
    QJsonObject extra;
    bool operator==(const LessonTry &) const = default;
};

/**
 * A scenario that teaches ("lesson": {...}; docs/scenario-format.md, "Lessons"): a title, a
 * short text, what to notice in the results, and hints to try. It changes nothing the engine
 * simulates; the GUI's lesson gallery lists the scenarios of resources/lessons that have one.
 */
struct Lesson
{
    QString title;
    QString text;
    QStringList notice;     ///< what to notice, one sentence each
    QList<LessonTry> tries; ///< "try": what to change, in the order written
    QJsonObject extra;
    bool operator==(const Lesson &) const = default;
};

/**
 * One parameter pinned as a what-if slider ("what_if": {"pinned": [...]}; docs/scenario-format.md,
 * "What-if sliders"): the field it moves, in the syntax of Model::setScenarioPath (as a lesson
 * hint's field), and the slider's range. A range left out is taken around the scenario's value
 * (Model::whatIfSliders).
 */
struct WhatIfPin
{
    QString field;
    std::optional<double> min;
    std::optional<double> max;
    std::optional<double> step;
    QJsonObject extra;
    bool operator==(const WhatIfPin &) const = default;
};

/**
 * The what-if sliders of a scenario: the parameters pinned and the simulated time of the short
 * run each move of a slider starts. It changes nothing the engine simulates.
 */
struct WhatIf
{
    std::optional<double> windowS; ///< the short run's simulated time; default 60 s
    QList<WhatIfPin> pinned;       ///< in the order pinned
    QJsonObject extra;
    bool operator==(const WhatIf &) const = default;
};

struct Scenario
{
    static constexpr int kFormatVersion = 1;
    static QString formatName() { return QStringLiteral("archsim-scenario"); }

    QString format = formatName();
    int version = kFormatVersion;
    QString name;
    QString description;
    SimulationSettings simulation;
    Workload workload;
    QList<Component> components;
    QList<Fault> faults;
    std::optional<CostPrices> cost; ///< "cost"; absent: the default prices
    std::optional<Network> network; ///< "network" between components; absent: none
    /// "slo": the service level objective its runs are checked against, e.g.
    /// "p99<200ms,errors<1%" (Model::parseSlo, model/analysis/Slo.h); empty: none
    QString slo;
    std::optional<Lesson> lesson; ///< "lesson": the scenario is a lesson; absent: it is not
    std::optional<WhatIf> whatIf; ///< "what_if": pinned what-if sliders; absent: none
    Diagram diagram;
    QJsonObject extra;

    /** Index of the first component with that id, or -1. */
    int indexOf(const QString &id) const;
    const Component *component(const QString &id) const;

    bool operator==(const Scenario &) const = default;
};

} // namespace Model
