// SPDX-License-Identifier: GPL-3.0-or-later
// The tables of the scenario format: one row per field (see Schema.h). The row order is the
// order in which a saved file lists the keys. Sentences are the validator's messages.
#include "Schema.h"

#include "ScenarioLimits.h"
#include "Spec.h"

namespace Model::Format {

namespace {

using namespace Model::Limits;

constexpr double kIntMax = 2147483647.0;

// --- sentences shared by many rows -----------------------------------------------------------

constexpr const char *kAtLeast = "must be at least {min}";
constexpr const char *kAtMost = "must be at most {max}";

/** An integer from min to max ("must be at least 1" / "must be at most 10000"). */
constexpr Range atLeast(double min, double max)
{
    return {min, true, max, kAtLeast, kAtMost};
}

/** A time in seconds from min to the longest run. */
constexpr Range seconds(const char *sentence, double min = 0)
{
    return {min, true, kMaxDurationS, sentence, nullptr};
}

// The tables below keep a row's keys together on a few lines, so that one field reads as one
// row, and their accessors one per line; clang-format would put each key on a line of its own.
// clang-format off
// --- word tables -------------------------------------------------------------------------------

constexpr Word kBalancing[] = {{"round_robin", int(Sim::Balancing::RoundRobin)},
                               {"random", int(Sim::Balancing::Random)},
                               {"least_outstanding", int(Sim::Balancing::LeastOutstanding)},
                               {"power_of_two", int(Sim::Balancing::PowerOfTwo)}};
constexpr Word kConcurrency[] = {{"thread_pool", int(Sim::ConcurrencyModel::ThreadPool)},
                                 {"event_loop", int(Sim::ConcurrencyModel::EventLoop)}};
constexpr Word kArrivals[] = {{"poisson", int(Sim::ArrivalKind::Poisson)},
                              {"constant", int(Sim::ArrivalKind::Constant)},
                              {"ramp", int(Sim::ArrivalKind::Ramp)},
                              {"spike", int(Sim::ArrivalKind::Spike)},
                              {"bursty", int(Sim::ArrivalKind::Bursty)},
                              {"diurnal", int(Sim::ArrivalKind::Diurnal)}};
constexpr Word kRestart[] = {{"always", int(Sim::RestartPolicy::Always)},
                             {"on_failure", int(Sim::RestartPolicy::OnFailure)},
                             {"no", int(Sim::RestartPolicy::No)}};
// the engine value says whether the engine is Memcached
constexpr Word kCacheEngines[] = {{"redis", 0}, {"memcached", 1}};
constexpr Word kEvictions[] = {{"lru", int(Sim::EvictionPolicy::Lru)},
                               {"lfu", int(Sim::EvictionPolicy::Lfu)},
                               {"fifo", int(Sim::EvictionPolicy::Fifo)},
                               {"random", int(Sim::EvictionPolicy::Random)},
                               {"approx_lru", int(Sim::EvictionPolicy::ApproxLru)},
                               {"approx_lfu", int(Sim::EvictionPolicy::ApproxLfu)},
                               {"segmented_lru", int(Sim::EvictionPolicy::SegmentedLru)}};
constexpr Word kStampede[] = {{"none", int(Sim::StampedeProtection::None)},
                              {"lock", int(Sim::StampedeProtection::Lock)},
                              {"stale_while_revalidate",
                               int(Sim::StampedeProtection::StaleWhileRevalidate)}};
constexpr Word kBrokers[] = {{"rabbitmq", 0}};
constexpr Word kOverflow[] = {{"reject_publish", int(Sim::Overflow::RejectPublish)},
                              {"drop_head", int(Sim::Overflow::DropHead)},
                              {"reject_publish_dlx", int(Sim::Overflow::RejectPublishDlx)}};
constexpr Word kExchanges[] = {{"direct", int(Sim::Exchange::Direct)},
                               {"fanout", int(Sim::Exchange::Fanout)}};
constexpr Word kFaults[] = {{"kill_instance", int(Sim::Fault::Kind::KillInstance)},
                            {"outage", int(Sim::Fault::Kind::Outage)},
                            {"latency", int(Sim::Fault::Kind::Latency)},
                            {"errors", int(Sim::Fault::Kind::Errors)}};

// --- run settings and workload -----------------------------------------------------------------
// The run settings are plain values (written on every save) and are checked by hand, since
// their rules compare them with each other; their ranges here are for the docs and forms.

// Prices per hour in US dollars, on-demand list prices as published in 2024 (docs/compare.md,
// "Cost", gives the sources): Google Cloud N2 in us-central1 per vCPU and per GB of memory;
// AWS us-east-1 for the managed nodes (Application Load Balancer hour, API Gateway is billed
// per call so a gateway instance is priced like a small VM, RDS db.m6g.large PostgreSQL,
// ElastiCache cache.m6g.large, Amazon MQ mq.m5.large).
constexpr Range kPrice = {0, true, 1e6, "{key} must be from {min} to {max} (it is {value})",
                          "{key} must be from {min} to {max} (it is {value})"};

const Field<CostPrices> kCost[] = {
    {.key = "vcpu_hour", .member = &CostPrices::vcpuHour, .deflt = 0.031611, .range = kPrice,
     .label = "Per vCPU-hour", .tip = "A service replica's price per CPU core and hour",
     .unit = "$", .decimals = 6},
    {.key = "gb_hour", .member = &CostPrices::gbHour, .deflt = 0.004237, .range = kPrice,
     .label = "Per GB-hour", .tip = "A service replica's price per GB of memory and hour "
                                    "(memory_mb, else 4 GB per core)",
     .unit = "$", .decimals = 6},
    {.key = "load_balancer_hour", .member = &CostPrices::loadBalancerHour, .deflt = 0.0225,
     .range = kPrice, .label = "Load balancer", .tip = "A load balancer's price per hour",
     .unit = "$", .decimals = 4},
    {.key = "gateway_hour", .member = &CostPrices::gatewayHour, .deflt = 0.0971,
     .range = kPrice, .label = "Gateway", .tip = "A gateway's price per hour", .unit = "$",
     .decimals = 4},
    {.key = "database_node_hour", .member = &CostPrices::databaseNodeHour, .deflt = 0.159,
     .range = kPrice, .label = "Database node", .tip = "A database's price per hour",
     .unit = "$", .decimals = 4},
    {.key = "cache_node_hour", .member = &CostPrices::cacheNodeHour, .deflt = 0.149,
     .range = kPrice, .label = "Cache node", .tip = "A cache's price per hour", .unit = "$",
     .decimals = 4},
    {.key = "queue_node_hour", .member = &CostPrices::queueNodeHour, .deflt = 0.288,
     .range = kPrice, .label = "Queue broker", .tip = "A queue broker's price per hour",
     .unit = "$", .decimals = 4},
    {.key = "external_per_million_calls", .member = &CostPrices::externalPerMillionCalls,
     .deflt = 0, .range = kPrice, .label = "External, per 1M calls",
     .tip = "What an external API charges per million calls", .unit = "$", .decimals = 2},
};

const Field<SimulationSettings> kSimulation[] = {
    {.key = "duration_s", .member = &SimulationSettings::durationS, .deflt = 60,
     .range = {0, false, kMaxDurationS},
     .label = "Duration", .tip = "Simulated time of one replication", .unit = "s",
     .handChecked = true},
    {.key = "warmup_s", .member = &SimulationSettings::warmupS, .deflt = 0,
     .range = {0, true, kMaxDurationS},
     .label = "Warm-up", .tip = "Measured from here on; shorter than the duration", .unit = "s",
     .handChecked = true},
    {.key = "seed", .member = &SimulationSettings::seed, .deflt = 1,
     .range = {0, true, 9223372036854775807.0},
     .label = "Seed", .tip = "The same seed gives the same run",
     .handChecked = true},
    {.key = "replications", .member = &SimulationSettings::replications, .deflt = 1,
     .range = {1, true, kMaxReplications},
     .label = "Replications", .tip = "Independent runs, for confidence intervals",
     .handChecked = true},
    {.key = "bucket_s", .member = &SimulationSettings::bucketS, .deflt = 1,
     .range = {0, false, kMaxDurationS},
     .label = "Bucket", .tip = "Width of one point of the time series", .unit = "s",
     .handChecked = true},
    {.key = "max_memory_mb", .member = &SimulationSettings::maxMemoryMb,
     .defaultNote = "half of the memory ArchSim may use (physical, cgroup or ulimit)",
     .range = atLeast(1, 1e9), .label = "Memory budget",
     .tip = "Memory the run may hold, all replications together; past it the run stops with "
            "a verdict and partial results",
     .unit = "MB", .decimals = 0},
};

constexpr const char *kArrivalRange = "{key} must be at least {min} and at most {max} (it is {value})";
constexpr const char *kArrivalRangeOpen =
    "{key} must be greater than {min} and at most {max} (it is {value})";

// Each arrival field applies to some kinds only (`appliesTo`); its `required` sentence is
// said when one of those kinds leaves it out.
const Field<Arrivals> kArrivalFields[] = {
    {.key = "kind", .member = &Arrivals::kind, .words = kArrivals, .wordWhat = "arrival kind",
     .required = "missing; use \"kind\": \"poisson\", or one of constant, ramp, spike, bursty, "
                 "diurnal",
     .label = "Arrivals", .tip = "How requests arrive over time"},
    {.key = "rate_per_s", .member = &Arrivals::ratePerS,
     .range = {0, false, kMaxRatePerS, "the rate must be greater than 0 (it is {value})",
               "the rate must be at most {max}"},
     .required = "missing; give the arrival rate in requests per second",
     .label = "Rate", .tip = "poisson, constant: requests per second; spike: the base rate",
     .unit = "/s",
     .appliesTo = "poisson constant spike",
     .handChecked = true},
    {.key = "from", .member = &Arrivals::from, .range = {0, true, kMaxRatePerS, kArrivalRange},
     .required = "missing; ramp arrivals need 'from', the rate at the start, per second",
     .label = "From", .tip = "the rate at the start", .unit = "/s",
     .appliesTo = "ramp"},
    {.key = "to", .member = &Arrivals::to, .range = {0, true, kMaxRatePerS, kArrivalRange},
     .required = "missing; ramp arrivals need 'to', the rate at the end, per second",
     .label = "To", .tip = "the rate at the end", .unit = "/s",
     .appliesTo = "ramp"},
    {.key = "over_s", .member = &Arrivals::overS,
     .range = {0, false, kMaxDurationS, kArrivalRangeOpen},
     .required = "missing; ramp arrivals need 'over_s', how long the ramp takes, in seconds",
     .label = "Over", .tip = "how long the ramp takes", .unit = "s",
     .appliesTo = "ramp"},
    {.key = "start_s", .member = &Arrivals::startS, .deflt = 0,
     .range = {0, true, kMaxDurationS, kArrivalRange},
     .label = "Start", .tip = "when the ramp starts", .unit = "s",
     .appliesTo = "ramp"},
    {.key = "peak", .member = &Arrivals::peak, .range = {0, true, kMaxRatePerS, kArrivalRange},
     .required = "missing; spike arrivals need 'peak', the rate during the spike, per second",
     .label = "Peak", .tip = "the rate during the spike", .unit = "/s",
     .appliesTo = "spike"},
    {.key = "at_s", .member = &Arrivals::atS, .range = {0, true, kMaxDurationS, kArrivalRange},
     .required = "missing; spike arrivals need 'at_s', when the spike starts, in seconds",
     .label = "At", .tip = "when the spike starts", .unit = "s",
     .appliesTo = "spike"},
    {.key = "length_s", .member = &Arrivals::lengthS,
     .range = {0, false, kMaxDurationS, kArrivalRangeOpen},
     .required = "missing; spike arrivals need 'length_s', how long the spike lasts, in seconds",
     .label = "Length", .tip = "how long the spike lasts", .unit = "s",
     .appliesTo = "spike"},
    {.key = "low_rate", .member = &Arrivals::lowRate,
     .range = {0, true, kMaxRatePerS, kArrivalRange},
     .required = "missing; bursty arrivals need 'low_rate', the rate between bursts, per second",
     .label = "Low rate", .tip = "the rate between bursts", .unit = "/s",
     .appliesTo = "bursty"},
    {.key = "high_rate", .member = &Arrivals::highRate,
     .range = {0, false, kMaxRatePerS, kArrivalRangeOpen},
     .required = "missing; bursty arrivals need 'high_rate', the rate during a burst, per second",
     .label = "High rate", .tip = "the rate during a burst", .unit = "/s",
     .appliesTo = "bursty"},
    // below a millisecond the chain would switch more often than anything it modulates
    {.key = "low_mean_s", .member = &Arrivals::lowMeanS,
     .range = {kMinIntervalS, true, kMaxDurationS, kArrivalRange},
     .required = "missing; bursty arrivals need 'low_mean_s', the mean time between bursts, in seconds",
     .label = "Low mean", .tip = "the mean time between bursts", .unit = "s",
     .appliesTo = "bursty"},
    {.key = "high_mean_s", .member = &Arrivals::highMeanS,
     .range = {kMinIntervalS, true, kMaxDurationS, kArrivalRange},
     .required = "missing; bursty arrivals need 'high_mean_s', the mean length of a burst, in seconds",
     .label = "High mean", .tip = "the mean length of a burst", .unit = "s",
     .appliesTo = "bursty"},
    {.key = "mean", .member = &Arrivals::mean,
     .range = {0, false, kMaxRatePerS, kArrivalRangeOpen},
     .required = "missing; diurnal arrivals need 'mean', the mean rate over a period, per second",
     .label = "Mean", .tip = "the mean rate over a period", .unit = "/s",
     .appliesTo = "diurnal"},
    {.key = "amplitude", .member = &Arrivals::amplitude, .range = {0, true, 1, kArrivalRange},
     .required = "missing; diurnal arrivals need 'amplitude', the swing around the mean, 0 to 1",
     .label = "Amplitude", .tip = "the swing around the mean, 0 to 1",
     .appliesTo = "diurnal"},
    {.key = "period_s", .member = &Arrivals::periodS, .deflt = 86400,
     .range = {0, false, kMaxDurationS, kArrivalRangeOpen},
     .label = "Period", .tip = "the length of one cycle (a day)", .unit = "s",
     .appliesTo = "diurnal"},
    {.key = "peak_at_s", .member = &Arrivals::peakAtS, .deflt = 0,
     .range = {0, true, kMaxDurationS, kArrivalRange},
     .label = "Peak at", .tip = "when the rate is highest", .unit = "s",
     .appliesTo = "diurnal"},
};

const Field<RequestType> kRequestType[] = {
    {.key = "name", .member = &RequestType::name, .always = true,
     .label = "Name", .tip = "The request name handlers and routes match"},
    {.key = "weight", .member = &RequestType::weight, .deflt = 1,
     .range = {0, false, kMaxWeight, "the weight must be greater than 0 (it is {value})",
               "the weight must be at most {max}"},
     .label = "Weight", .tip = "Relative share of the arrivals", .decimals = 3},
    {.key = "request_kb", .member = &RequestType::requestKb, .deflt = 0,
     .label = "Request size", .tip = "Payload of a request of this name (a call's too), in KB "
                                     "of 1000 bytes: what a network's links carry",
     .unit = "KB"},
    {.key = "response_kb", .member = &RequestType::responseKb, .deflt = 0,
     .label = "Response size", .tip = "Payload of its response, in KB of 1000 bytes",
     .unit = "KB"},
};

const Field<Workload> kWorkload[] = {
    {.key = "entry", .member = &Workload::entry, .refers = Refers::Requests,
     .refersWhat = "entry", .required = "missing; name the component that receives the requests",
     .always = true, .label = "Entry", .tip = "The component that receives the requests"},
    {.key = "shared", .member = &Workload::shared, .deflt = 0, .label = "Shared",
     .tip = "Use the project's shared workload: editing it here changes every scenario "
            "that shares it (no effect outside a project)"},
};

const Field<Fault> kFault[] = {
    {.key = "at_s", .member = &Fault::atS,
     .range = {0, true, kMaxDurationS, "the time cannot be negative (it is {value})",
               "must be at most {max} s"},
     .required = "missing; give the time of the fault in seconds",
     .label = "At", .tip = "When the fault starts", .unit = "s"},
    // until_s and target depend on the fault's kind and on at_s: the validator checks them
    // by hand (their rows still read, write and document them).
    {.key = "until_s", .member = &Fault::untilS, .defaultNote = "the end of the run",
     .range = {0, false, kMaxDurationS},
     .label = "Until", .tip = "When it ends (not for kill_instance)", .unit = "s",
     .appliesTo = "outage latency errors", .handChecked = true},
    {.key = "kind", .member = &Fault::kind, .words = kFaults, .wordWhat = "fault kind",
     .required = "missing; use one of kill_instance, outage, latency, errors",
     .label = "Kind", .tip = "What goes wrong"},
    {.key = "target", .member = &Fault::target, .refers = Refers::Any, .refersWhat = "target",
     .label = "Target", .tip = "The component it happens to",
     .handChecked = true},
    {.key = "count", .member = &Fault::count, .deflt = 1, .range = atLeast(1, kMaxReplicas),
     .label = "Count", .tip = "Replicas killed",
     .appliesTo = "kill_instance"},
    {.key = "latency_ms", .member = &Fault::latencyMs,
     .required = "missing; give the latency added to every visit, e.g. \"latency_ms\": 200",
     .label = "Latency", .tip = "Added to every visit", .unit = "ms",
     .appliesTo = "latency"},
    {.key = "error_rate", .member = &Fault::errorRate,
     .range = {0, true, 1, "the error rate must be between 0 and 1 (it is {value})"},
     .required = "missing; give the probability that a visit fails, 0 to 1",
     .label = "Error rate", .tip = "The probability that a visit fails, 0 to 1",
     .decimals = 4,
     .appliesTo = "errors"},
};

// --- network and compression ------------------------------------------------------------------

const Field<Network> kNetwork[] = {
    {.key = "latency_ms", .member = &Network::latencyMs, .deflt = 0,
     .label = "Latency", .tip = "One way: on the request, and again on the response",
     .unit = "ms"},
    {.key = "bandwidth_mbps", .member = &Network::bandwidthMbps, .defaultNote = "unlimited",
     .range = {0, false, 1e9, "the bandwidth must be greater than 0 Mbit/s and at most {max} "
                              "(it is {value}); leave it out for unlimited"},
     .label = "Bandwidth", .tip = "Each direction of a link between two components, shared "
                                  "by its transfers (TCP-fair)",
     .unit = "Mbit/s"},
};

const Field<Compression> kCompression[] = {
    {.key = "ratio", .member = &Compression::ratio,
     .range = {1, true, 1000, "the ratio must be from 1 (no smaller) to {max} (it is {value})"},
     .required = "missing; give how many times smaller a response leaves, e.g. \"ratio\": 4",
     .label = "Ratio", .tip = "Responses leave this many times smaller", .decimals = 2},
    {.key = "cpu_ms_per_kb", .member = &Compression::cpuMsPerKb,
     .range = {0, true, 1e6, "the CPU per KB must be from 0 to {max} ms (it is {value})"},
     .required = "missing; give the CPU each KB of response costs, e.g. \"cpu_ms_per_kb\": 0.01",
     .label = "CPU per KB", .tip = "CPU of compressing one KB of response, on the replica's "
                                   "cores", .unit = "ms", .decimals = 4},
};

// --- services ------------------------------------------------------------------------------

const Field<Concurrency> kConcurrencyFields[] = {
    {.key = "model", .member = &Concurrency::model, .defaultWord = "thread_pool",
     .words = kConcurrency, .wordWhat = "concurrency model",
     .required = "missing; use \"thread_pool\" or \"event_loop\"",
     .label = "Model",
     .tip = "thread_pool: a thread per request in progress; event_loop: one loop per worker "
            "process, CPU work blocks it"},
    {.key = "threads", .member = &Concurrency::threads, .deflt = 8,
     .range = atLeast(1, kMaxThreads),
     .label = "Threads", .tip = "thread_pool: requests in progress per replica",
     .appliesTo = "thread_pool"},
    {.key = "queue_limit", .member = &Concurrency::queueLimit, .deflt = kIntMax,
     .defaultNote = "unlimited", .range = atLeast(0, kIntMax),
     .label = "Queue limit",
     .tip = "thread_pool: requests waiting for a thread; beyond it they are rejected",
     .appliesTo = "thread_pool"},
    {.key = "workers", .member = &Concurrency::workers, .deflt = 1,
     .range = atLeast(1, kMaxWorkers),
     .label = "Workers", .tip = "event_loop: loop processes per replica (cluster module)",
     .appliesTo = "event_loop"},
    {.key = "worker_threads", .member = &Concurrency::workerThreads, .deflt = 4,
     .range = atLeast(1, kMaxThreads),
     .label = "Worker threads", .tip = "event_loop: threads for offloaded CPU steps",
     .appliesTo = "event_loop"},
};

const Field<Autoscaling> kAutoscalingFields[] = {
    {.key = "min", .member = &Autoscaling::min, .deflt = 1, .range = atLeast(1, kMaxReplicas),
     .label = "Min replicas", .tip = "HPA minReplicas"},
    {.key = "max", .member = &Autoscaling::max, .range = atLeast(1, kMaxReplicas),
     .required = "missing; give the most replicas the autoscaler may run",
     .label = "Max replicas", .tip = "HPA maxReplicas (required)"},
    {.key = "target_cpu", .member = &Autoscaling::targetCpu, .deflt = 0.8,
     .range = {0, false, 1,
               "target_cpu is a fraction of cpu_cores, greater than 0 and at most 1 (it is "
               "{value})"},
     .label = "Target CPU", .tip = "Fraction of the replica's cpu_cores, greater than 0 and at "
                                   "most 1 (kubectl autoscale's default 0.8)",
     .decimals = 2},
    {.key = "interval_s", .member = &Autoscaling::intervalS, .deflt = 15,
     .range = seconds("interval_s must be from {min} to {max} s (it is {value})", kMinIntervalS),
     .label = "Interval", .tip = "HPA sync period", .unit = "s"},
    {.key = "scale_up_stabilization_s", .member = &Autoscaling::scaleUpStabilizationS,
     .deflt = 0,
     .range = seconds("the stabilization window must be from {min} to {max} s (it is {value})"),
     .label = "Scale-up window", .tip = "HPA behavior.scaleUp stabilization window",
     .unit = "s"},
    {.key = "scale_down_stabilization_s", .member = &Autoscaling::scaleDownStabilizationS,
     .deflt = 300,
     .range = seconds("the stabilization window must be from {min} to {max} s (it is {value})"),
     .label = "Scale-down window", .tip = "HPA behavior.scaleDown stabilization window",
     .unit = "s"},
    {.key = "tolerance", .member = &Autoscaling::tolerance, .deflt = 0.1,
     .range = {0, true, 1, "the tolerance must be between 0 and 1 (it is {value})"},
     .label = "Tolerance", .tip = "No scaling while the ratio is within 1 ± this"},
};

const Field<HealthCheck> kHealthCheckFields[] = {
    {.key = "interval_s", .member = &HealthCheck::intervalS, .deflt = 10,
     .range = seconds("interval_s must be from {min} to {max} s (it is {value})", kMinIntervalS),
     .label = "Interval", .tip = "Kubernetes probe periodSeconds", .unit = "s"},
    {.key = "failures", .member = &HealthCheck::failures, .deflt = 3,
     .range = atLeast(1, kMaxHealthFailures),
     .label = "Failures", .tip = "Failed checks in a row before the replica leaves balancing"},
};

constexpr const char *kRestartBackoff =
    "the restart back-off must be from {min} to {max} s (it is {value})";

const Field<Service> kService[] = {
    {.key = "replicas", .member = &Service::replicas, .deflt = 1,
     .defaultNote = "1 (with autoscaling: its min)", .range = atLeast(1, kMaxReplicas),
     .label = "Replicas", .tip = "Instances of the service"},
    {.key = "cpu_cores", .member = &Service::cpuCores, .deflt = 1,
     .range = {0, false, kMaxCores, "cpu_cores must be greater than 0 (it is {value})",
               "cpu_cores must be at most {max}"},
     .label = "CPU cores", .tip = "CPU cores per replica", .decimals = 2},
    {.key = "concurrency", .member = &Service::concurrency, .label = "Concurrency",
     .tip = "How a replica runs requests: a thread pool or an event loop"},
    {.key = "balancing", .member = &Service::balancing, .defaultWord = "round_robin",
     .words = kBalancing, .wordWhat = "balancing",
     .label = "Balancing", .tip = "How callers pick a replica"},
    {.key = "autoscaling", .member = &Service::autoscaling, .label = "Autoscaling",
     .tip = "Kubernetes HPA: scale replicas between min and max to keep CPU at the target"},
    {.key = "startup_s", .member = &Service::startupS, .deflt = 0,
     .range = seconds("startup_s must be from {min} to {max} s (it is {value})"),
     .label = "Startup", .tip = "Cold start: a new replica takes traffic this long after it starts",
     .unit = "s"},
    {.key = "memory_mb", .member = &Service::memoryMb, .deflt = 0, .defaultNote = "no limit",
     .range = {0, false, kMaxMemoryMb,
               "must be greater than 0 (it is {value}); leave it out for no limit",
               "must be at most {max} MB"},
     .label = "Memory limit", .tip = "Memory limit per replica; beyond it the replica is "
                                     "killed (OOM)",
     .unit = "MB", .decimals = 1},
    {.key = "memory_base_mb", .member = &Service::memoryBaseMb, .deflt = 0,
     .range = {0, true, kMaxMemoryMb, "must be 0 or more (it is {value})",
               "must be at most {max} MB"},
     .label = "Memory base", .tip = "Memory a replica holds when idle", .unit = "MB",
     .decimals = 1},
    {.key = "memory_per_request_mb", .member = &Service::memoryPerRequestMb, .deflt = 0,
     .range = {0, true, kMaxMemoryMb, "must be 0 or more (it is {value})",
               "must be at most {max} MB"},
     .label = "Memory per request", .tip = "Memory each request in progress holds",
     .unit = "MB", .decimals = 2},
    {.key = "restart", .member = &Service::restart, .defaultWord = "always", .words = kRestart,
     .wordWhat = "restart policy",
     .label = "Restart", .tip = "What happens to a replica that crashed"},
    {.key = "restart_backoff_s", .member = &Service::restartBackoffS, .deflt = 10,
     .range = seconds(kRestartBackoff),
     .label = "Restart back-off", .tip = "kubelet CrashLoopBackOff: the first wait, doubled "
                                         "after each crash",
     .unit = "s"},
    {.key = "restart_backoff_max_s", .member = &Service::restartBackoffMaxS, .deflt = 300,
     .range = seconds(kRestartBackoff),
     .label = "Back-off cap", .tip = "The longest wait before a restart", .unit = "s"},
    {.key = "health_check", .member = &Service::healthCheck, .label = "Health check",
     .tip = "A replica that fails `failures` checks in a row leaves balancing"},
    {.key = "compression", .member = &Service::compression, .label = "Compression",
     .tip = "Compress responses: CPU per KB for a smaller payload on the network"},
    {.key = "pools", .part = Part::Pools, .label = "Connection pools",
     .tip = "At most this many calls outstanding to a target, per replica"},
    {.key = "handlers", .always = true, .part = Part::Handlers, .label = "Handlers",
     .tip = "The steps run for each request or message name"},
    {.key = "modules", .part = Part::Modules, .label = "Modules",
     .tip = "Named groups of the handlers (the parts of a monolith a migration plan extracts)"},
};

const Field<Module> kModule[] = {
    {.key = "name", .member = &Module::name, .required = "missing; give the module a name",
     .always = true, .label = "Name", .tip = "The module's name, unique in its service"},
    {.key = "handlers", .member = &Module::handlers, .always = true, .label = "Handlers",
     .tip = "The names of the service's handlers that belong to the module"},
    {.key = "tables", .member = &Module::tables, .label = "Tables",
     .tip = "The database tables the module touches; modules that share one are coupled"},
    {.key = "releases_per_month", .member = &Module::releasesPerMonth,
     .defaultNote = "unknown",
     .range = {0, true, 1000, "releases per month must be from {min} to {max} (it is {value})"},
     .label = "Releases per month", .tip = "How often the module changes", .decimals = 1},
};

// --- the other component kinds ---------------------------------------------------------------

const Field<LoadBalancer> kLoadBalancer[] = {
    {.key = "policy", .member = &LoadBalancer::policy, .defaultWord = "round_robin",
     .words = kBalancing, .wordWhat = "policy",
     .label = "Policy", .tip = "How the load balancer picks a target"},
    {.key = "latency_ms", .member = &LoadBalancer::latencyMs, .deflt = 0,
     .label = "Latency", .tip = "Added to every request it forwards", .unit = "ms"},
    {.key = "targets", .always = true, .part = Part::Targets, .label = "Targets",
     .tip = "The components it balances over"},
};

const Field<Gateway> kGateway[] = {
    {.key = "latency_ms", .member = &Gateway::latencyMs, .deflt = 0,
     .label = "Latency", .tip = "Added to every request it routes", .unit = "ms"},
    {.key = "routes", .always = true, .part = Part::Routes, .label = "Routes",
     .tip = "Weighted targets per request name; \"*\" for any other"},
};

const Field<RouteTarget> kRouteTarget[] = {
    {.key = "target", .member = &RouteTarget::target, .refers = Refers::Requests,
     .refersWhat = "target", .always = true, .label = "Target",
     .tip = "The component a share of the route's requests goes to"},
    {.key = "weight", .member = &RouteTarget::weight, .deflt = 1,
     .range = {0, false, kMaxWeight, "the weight must be greater than 0 (it is {value})",
               "the weight must be at most {max}"},
     .label = "Weight", .tip = "Relative share of the route's requests", .decimals = 3},
};

const Field<Database> kDatabase[] = {
    {.key = "max_connections", .member = &Database::maxConnections, .deflt = 100,
     .range = atLeast(1, kMaxConnections),
     .label = "Max connections", .tip = "Queries that run at once; more wait"},
    {.key = "queries", .always = true, .part = Part::Queries, .label = "Queries",
     .tip = "How long each query name takes; \"*\" for any other"},
};

const Field<Cache> kCache[] = {
    {.key = "engine", .member = &Cache::engine, .defaultWord = "redis", .words = kCacheEngines,
     .wordWhat = "engine",
     .label = "Engine", .tip = "redis or memcached: sets the defaults of eviction and threads"},
    {.key = "capacity_keys", .member = &Cache::capacityKeys,
     .range = atLeast(1, kMaxCacheCapacity),
     .required = "missing; give how many keys the cache holds",
     .label = "Capacity", .tip = "Keys the cache holds (required)"},
    {.key = "eviction", .member = &Cache::eviction,
     .defaultNote = "Redis: approx_lru; Memcached: segmented_lru", .words = kEvictions,
     .wordWhat = "eviction",
     .label = "Eviction", .tip = "Which key goes when the cache is full"},
    {.key = "samples", .member = &Cache::samples, .deflt = 5, .range = atLeast(1, kMaxSamples),
     .label = "Samples", .tip = "approx_lru, approx_lfu: keys sampled per eviction "
                                "(Redis maxmemory-samples)"},
    {.key = "ttl_s", .member = &Cache::ttlS, .deflt = 0, .defaultNote = "0 (never expire)",
     .range = {0, true, kMaxDurationS,
               "the TTL must be from 0 (no expiry) to {max} s (it is {value})"},
     .label = "TTL", .tip = "How long a key lives; 0 never expires", .unit = "s"},
    {.key = "ttl_jitter", .member = &Cache::ttlJitter, .deflt = 0,
     .range = {0, true, 1, "the jitter must be between 0 and 1 (it is {value})"},
     .label = "TTL jitter", .tip = "Each TTL is drawn within ± this fraction"},
    {.key = "hit_ms", .member = &Cache::hitMs, .deflt = 0.3,
     .label = "Hit", .tip = "Round trip of a hit", .unit = "ms"},
    {.key = "miss_ms", .member = &Cache::missMs, .deflt = 0.3,
     .label = "Miss", .tip = "Round trip of a miss (before the on_miss steps)", .unit = "ms"},
    {.key = "stampede", .member = &Cache::stampede, .defaultWord = "none", .words = kStampede,
     .wordWhat = "stampede protection",
     .label = "Stampede", .tip = "What concurrent misses of one key do"},
    {.key = "threads", .member = &Cache::threads, .defaultNote = "Redis: 1; Memcached: 4",
     .range = atLeast(1, kMaxCacheThreads),
     .label = "Threads", .tip = "Command threads (Redis 1, Memcached 4)"},
    {.key = "command_ms", .member = &Cache::commandMs, .deflt = 0.01,
     .label = "Command CPU", .tip = "Server CPU per command", .unit = "ms"},
};

const Field<Queue> kQueue[] = {
    {.key = "broker", .member = &Queue::broker, .defaultWord = "rabbitmq", .words = kBrokers,
     .wordWhat = "broker", .label = "Broker", .tip = "The broker whose semantics apply"},
    {.key = "durable", .member = &Queue::durable, .deflt = 1,
     .label = "Durable", .tip = "Persistent messages; sets the default of publish_ms"},
    {.key = "publish_ms", .member = &Queue::publishMs,
     .defaultNote = "1.0 when durable, 0.3 when not",
     .label = "Publish", .tip = "Until the broker confirms a publish", .unit = "ms"},
    {.key = "delivery_ms", .member = &Queue::deliveryMs, .deflt = 0.5,
     .label = "Delivery", .tip = "From the queue to a consumer", .unit = "ms"},
    {.key = "max_length", .member = &Queue::maxLength, .defaultNote = "unbounded",
     .range = atLeast(1, kMaxKeys), .part = Part::MaxLength,
     .label = "Max length", .tip = "Messages the queue holds; null or left out: unbounded"},
    {.key = "overflow", .member = &Queue::overflow, .defaultWord = "reject_publish",
     .words = kOverflow, .wordWhat = "overflow",
     .label = "Overflow", .tip = "What a full queue does"},
    {.key = "exchange", .member = &Queue::exchange, .defaultWord = "direct", .words = kExchanges,
     .wordWhat = "exchange",
     .label = "Exchange", .tip = "direct: one consumer gets a message; fanout: every consumer "
                                 "entry gets a copy"},
    {.key = "dead_letter", .member = &Queue::deadLetter, .defaultNote = "none: dead letters are dropped",
     .refers = Refers::Queue, .refersWhat = "queue",
     .refersHint = "dead letters go to a queue, with consumers of its own",
     .label = "Dead letters", .tip = "The queue that takes messages expired by message_ttl_ms, "
                                     "nacked without requeue, or refused by reject_publish_dlx"},
    {.key = "message_ttl_ms", .member = &Queue::messageTtlMs, .defaultNote = "none: messages "
     "never expire",
     .range = {0, false, 1e9, "the message TTL must be greater than 0 ms and at most {max} "
                              "(it is {value}); leave it out for none"},
     .label = "Message TTL", .tip = "A ready message older than this expires (dead-lettered)",
     .unit = "ms"},
    {.key = "consumers", .always = true, .part = Part::Consumers, .label = "Consumers",
     .tip = "The services that take its messages"},
};

const Field<Consumer> kConsumer[] = {
    {.key = "service", .member = &Consumer::service, .refers = Refers::Service,
     .refersWhat = "service", .refersHint = "only a service can consume messages",
     .always = true, .label = "Service", .tip = "The service that consumes"},
    {.key = "count", .member = &Consumer::count, .deflt = 1, .range = atLeast(1, kMaxWorkers),
     .label = "Count", .tip = "Channels of this consumer"},
    {.key = "prefetch", .member = &Consumer::prefetch, .deflt = 1,
     .range = atLeast(1, kMaxPrefetch),
     .label = "Prefetch", .tip = "Unacknowledged messages per channel"},
    {.key = "requeue", .member = &Consumer::requeue, .deflt = 1,
     .label = "Requeue", .tip = "A message whose handler failed goes back to the queue; false: "
                               "it is dead-lettered"},
};

const Field<External> kExternal[] = {
    {.key = "latency_ms", .member = &External::latencyMs, .deflt = 0,
     .label = "Latency", .tip = "How long a call takes", .unit = "ms"},
    {.key = "error_rate", .member = &External::errorRate, .deflt = 0,
     .range = {0, true, 1, "the error rate must be between 0 and 1 (it is {value})"},
     .label = "Error rate", .tip = "Probability that a call fails, 0 to 1", .decimals = 4},
};

const Field<UiPosition> kUi[] = {
    {.key = "x", .member = &UiPosition::x},
    {.key = "y", .member = &UiPosition::y},
};

// --- steps ---------------------------------------------------------------------------------------

const Field<Step> kCpuStep[] = {
    {.key = "cpu_ms", .member = &Step::duration, .label = "CPU",
     .tip = "CPU time; shares the replica's cores", .unit = "ms"},
    {.key = "offload", .member = &Step::offload, .deflt = 0,
     .label = "Offload", .tip = "event_loop: run on the worker threads instead of the loop"},
};

const Field<Step> kIoStep[] = {
    {.key = "io_ms", .member = &Step::duration, .label = "I/O",
     .tip = "Waiting without CPU (disk, network)", .unit = "ms"},
};

constexpr const char *kBackoffMs = "{key} must be from 0 to {max} ms (it is {value})";

const Field<Step> kCallStep[] = {
    {.key = "call", .member = &Step::target, .refers = Refers::Requests,
     .refersWhat = "call target", .always = true,
     .label = "Call", .tip = "The component called; the request waits for the answer"},
    {.key = "request", .member = &Step::request, .defaultNote = "the current request's name",
     .label = "Request", .tip = "The request name at the target"},
    {.key = "timeout_ms", .member = &Step::timeoutMs, .defaultNote = "none",
     .range = {0, false, kMaxDurationMs,
               "the timeout must be greater than 0 and at most {max} ms (it is {value}); leave "
               "it out for no timeout"},
     .label = "Timeout", .tip = "A call not answered by then fails (and may be retried)",
     .unit = "ms"},
    {.key = "retries", .member = &Step::retries, .deflt = 0, .range = atLeast(0, kMaxRetries),
     .label = "Retries", .tip = "Extra attempts after a failure or timeout"},
    {.key = "backoff_ms", .member = &Step::backoffMs, .deflt = 0,
     .range = {0, true, kMaxDurationMs, kBackoffMs},
     .label = "Back-off", .tip = "Wait before the first retry", .unit = "ms"},
    {.key = "multiplier", .member = &Step::multiplier, .deflt = 2,
     .range = {1, true, kMaxMultiplier,
               "the multiplier must be from 1 (the same wait every time) to {max} (it is "
               "{value})"},
     .label = "Multiplier", .tip = "Each further retry waits this much longer", .decimals = 2},
    {.key = "max_backoff_ms", .member = &Step::maxBackoffMs, .deflt = kMaxDurationMs,
     .defaultNote = "none", .range = {0, true, kMaxDurationMs, kBackoffMs},
     .label = "Back-off cap", .tip = "The longest wait", .unit = "ms"},
    {.key = "jitter", .member = &Step::jitter, .deflt = 0,
     .range = {0, true, 1, "the jitter must be between 0 and 1 (it is {value})"},
     .label = "Jitter", .tip = "Each wait uniform within ± this fraction"},
    {.key = "retry_budget", .member = &Step::retryBudget, .deflt = 0, .defaultNote = "none",
     .range = {0, true, 1, "the retry budget must be between 0 and 1 (it is {value})"},
     .label = "Retry budget", .tip = "Retries at most this fraction of calls"},
    {.key = "circuit_breaker", .member = &Step::circuitBreaker, .label = "Circuit breaker",
     .tip = "Stops calling a failing target for a while"},
    {.key = "bulkhead", .member = &Step::bulkhead, .deflt = 0, .defaultNote = "none",
     .range = atLeast(1, kMaxThreads),
     .label = "Bulkhead", .tip = "Most calls in flight per caller replica; more are rejected"},
    {.key = "network", .member = &Step::network, .defaultNote = "the scenario's network",
     .label = "Network", .tip = "The network this call crosses; fields left out take the "
                                "scenario's"},
    {.key = "fallback", .member = &Step::fallback, .part = Part::Steps,
     .label = "Fallback", .tip = "Steps run when the call finally fails"},
};

const Field<Step> kParallelStep[] = {
    {.key = "parallel", .member = &Step::steps, .always = true, .part = Part::Steps,
     .label = "Parallel", .tip = "Branches that run at once; the step ends with the last"},
};

const Field<Step> kPublishStep[] = {
    {.key = "publish", .member = &Step::target, .refers = Refers::Queue, .refersWhat = "queue",
     .refersHint = "publish needs a queue; use \"call\" for a synchronous request",
     .always = true, .label = "Publish", .tip = "The queue a message goes to"},
    {.key = "message", .member = &Step::message, .defaultNote = "the current request's name",
     .label = "Message", .tip = "The message name its consumers handle"},
};

const Field<Step> kCacheStep[] = {
    {.key = "cache", .member = &Step::target, .refers = Refers::Cache, .refersWhat = "cache",
     .refersHint = "a cache step needs a cache component", .always = true,
     .label = "Cache", .tip = "The cache looked up"},
    {.key = "keys", .member = &Step::keys, .range = atLeast(1, kMaxKeys),
     .required = "missing; give the number of distinct keys looked up",
     .label = "Keys", .tip = "Distinct keys looked up (required)"},
    {.key = "zipf", .member = &Step::zipf, .deflt = 0, .defaultNote = "0 (uniform)",
     .range = {0, true, kMaxZipf,
               "the Zipf exponent must be from 0 (uniform) to {max} (it is {value})"},
     .label = "Zipf", .tip = "Skew of key popularity; 0 is uniform", .decimals = 2},
    {.key = "on_miss", .member = &Step::steps, .part = Part::Steps,
     .label = "On miss", .tip = "Steps run on a miss (then the key is stored)"},
};

const Field<Step> kProbabilityStep[] = {
    {.key = "probability", .member = &Step::probability,
     .range = {0, true, 1, "the probability must be between 0 and 1 (it is {value})"},
     .required = "missing; give a probability from 0 to 1",
     .label = "Probability", .tip = "How often the steps run, 0 to 1", .decimals = 3},
    {.key = "steps", .member = &Step::steps, .always = true, .part = Part::Steps,
     .label = "Steps", .tip = "The steps run with that probability (required)"},
};

const Field<CircuitBreaker> kBreaker[] = {
    {.key = "failure_rate", .member = &CircuitBreaker::failureRate, .deflt = 0.5,
     .range = {0, false, 1,
               "the failure rate must be greater than 0 and at most 1 (it is {value})"},
     .label = "Failure rate", .tip = "Open at this fraction of failed calls in the window"},
    {.key = "minimum_calls", .member = &CircuitBreaker::minimumCalls, .deflt = 20,
     .range = atLeast(1, kMaxBreakerWindow),
     .label = "Minimum calls", .tip = "...once the window holds at least this many calls"},
    {.key = "window", .member = &CircuitBreaker::window, .deflt = 100,
     .range = atLeast(1, kMaxBreakerWindow),
     .label = "Window", .tip = "Count-based sliding window of call outcomes"},
    {.key = "open_s", .member = &CircuitBreaker::openS, .deflt = 5,
     .range = seconds("open_s must be from {min} to {max} s (it is {value})"),
     .label = "Open for", .tip = "Time in open before half-open", .unit = "s"},
    {.key = "half_open_calls", .member = &CircuitBreaker::halfOpenCalls, .deflt = 3,
     .range = atLeast(1, kMaxBreakerWindow),
     .label = "Trial calls", .tip = "Calls in half-open; all must succeed to close"},
};

// --- lessons ---------------------------------------------------------------------------------
// A lesson changes nothing the engine runs: the gallery, the lesson panel and the tests read it.

const Field<Lesson> kLesson[] = {
    {.key = "title", .member = &Lesson::title, .required = "missing; give the lesson a title",
     .always = true, .label = "Title", .tip = "The lesson's name in the gallery"},
    {.key = "text", .member = &Lesson::text, .label = "Text",
     .tip = "What the lesson shows, in a few sentences"},
    {.key = "notice", .member = &Lesson::notice, .label = "What to notice",
     .tip = "Where to look in the results, one sentence each"},
    {.key = "try", .part = Part::LessonTries, .label = "Try this",
     .tip = "Changes to try: a sentence, or {\"text\", \"field\", \"value\"} naming the field "
            "to move and the value that shows the effect"},
};

const Field<LessonTry> kLessonTry[] = {
    {.key = "text", .member = &LessonTry::text, .required = "missing; say what to try",
     .always = true, .label = "Text", .tip = "What to try, and what it should change"},
    {.key = "field", .member = &LessonTry::field, .label = "Field",
     .tip = "The field to move, as archsim-cli sweep --set names it: dotted keys, [N] or [ID] "
            "for list elements, e.g. components[api].concurrency.workers"},
    {.key = "value", .part = Part::AnyValue, .label = "Value",
     .tip = "The value that shows the effect: a number, a word, true or false, or an object"},
};

// --- what-if sliders -------------------------------------------------------------------------
// Like a lesson, the pinned sliders change nothing the engine runs: the What-if dock reads them.

const Field<WhatIf> kWhatIf[] = {
    {.key = "window_s", .member = &WhatIf::windowS, .deflt = 60,
     .range = {0, false, kMaxWhatIfWindowS,
               "window_s must be greater than 0 and at most {max} s (it is {value})"},
     .label = "Window", .tip = "Simulated time of the short run each move of a slider starts",
     .unit = "s"},
    {.key = "pinned", .part = Part::WhatIfPins, .label = "Pinned",
     .tip = "The parameters shown as sliders: {\"field\", \"min\", \"max\", \"step\"}"},
};

const Field<WhatIfPin> kWhatIfPin[] = {
    {.key = "field", .member = &WhatIfPin::field, .required = "missing; name the field to pin",
     .always = true, .label = "Field",
     .tip = "The number the slider moves, as archsim-cli sweep --set names it, e.g. "
            "workload.arrivals.rate_per_s or components[api].replicas"},
    {.key = "min", .member = &WhatIfPin::min, .label = "Minimum",
     .tip = "The slider's lowest value; left out: taken from the scenario's value"},
    {.key = "max", .member = &WhatIfPin::max, .label = "Maximum",
     .tip = "The slider's highest value; left out: taken from the scenario's value"},
    {.key = "step", .member = &WhatIfPin::step,
     .range = {0, false, std::numeric_limits<double>::max(),
               "step must be greater than 0 (it is {value})"},
     .label = "Step", .tip = "The slider moves by this much; left out: about a hundredth of "
                             "its range"},
};

} // namespace

// --- accessors ---------------------------------------------------------------------------------

Table<SimulationSettings> simulationFields() { return kSimulation; }
Table<CostPrices> costFields() { return kCost; }
Table<Arrivals> arrivalFields() { return kArrivalFields; }
Table<RequestType> requestTypeFields() { return kRequestType; }
Table<Workload> workloadFields() { return kWorkload; }
Table<Fault> faultFields() { return kFault; }
Table<Service> serviceFields() { return kService; }
Table<Concurrency> concurrencyFields() { return kConcurrencyFields; }
Table<Autoscaling> autoscalingFields() { return kAutoscalingFields; }
Table<HealthCheck> healthCheckFields() { return kHealthCheckFields; }
Table<LoadBalancer> loadBalancerFields() { return kLoadBalancer; }
Table<Gateway> gatewayFields() { return kGateway; }
Table<RouteTarget> routeTargetFields() { return kRouteTarget; }
Table<Database> databaseFields() { return kDatabase; }
Table<Cache> cacheFields() { return kCache; }
Table<Queue> queueFields() { return kQueue; }
Table<Consumer> consumerFields() { return kConsumer; }
Table<Module> moduleFields() { return kModule; }
Table<External> externalFields() { return kExternal; }
Table<UiPosition> uiFields() { return kUi; }
Table<CircuitBreaker> circuitBreakerFields() { return kBreaker; }
Table<Network> networkFields() { return kNetwork; }
Table<Compression> compressionFields() { return kCompression; }
Table<Lesson> lessonFields() { return kLesson; }
Table<LessonTry> lessonTryFields() { return kLessonTry; }
Table<WhatIf> whatIfFields() { return kWhatIf; }
Table<WhatIfPin> whatIfPinFields() { return kWhatIfPin; }
// clang-format on

Table<Step> stepFields(Step::Kind kind)
{
    switch (kind) {
    case Step::Kind::Cpu:
        return kCpuStep;
    case Step::Kind::Io:
        return kIoStep;
    case Step::Kind::Call:
        return kCallStep;
    case Step::Kind::Parallel:
        return kParallelStep;
    case Step::Kind::Publish:
        return kPublishStep;
    case Step::Kind::Cache:
        return kCacheStep;
    case Step::Kind::Probability:
        return kProbabilityStep;
    case Step::Kind::Unknown:
        break;
    }
    return {};
}

Words balancingWords()
{
    return kBalancing;
}
Words concurrencyWords()
{
    return kConcurrency;
}
Words arrivalWords()
{
    return kArrivals;
}
Words restartWords()
{
    return kRestart;
}
Words cacheEngineWords()
{
    return kCacheEngines;
}
Words evictionWords()
{
    return kEvictions;
}
Words stampedeWords()
{
    return kStampede;
}
Words brokerWords()
{
    return kBrokers;
}
Words overflowWords()
{
    return kOverflow;
}
Words exchangeWords()
{
    return kExchanges;
}
Words faultWords()
{
    return kFaults;
}

} // namespace Model::Format
