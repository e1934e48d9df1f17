// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <limits>

/**
 * The values compileScenario() uses for fields a scenario leaves out. They are never
 * written back into the document. Listed in docs/scenario-format.md ("Defaults").
 */
namespace Model::Defaults {

constexpr int kReplicas = 1;
constexpr double kCpuCores = 1;
constexpr int kThreads = 8;                                   ///< thread_pool
constexpr int kQueueLimit = std::numeric_limits<int>::max();  ///< thread_pool: unlimited
constexpr int kWorkers = 1;                                   ///< event_loop processes
constexpr int kWorkerThreads = 4;                             ///< event_loop offload pool
constexpr double kLatencyMs = 0;                              ///< load balancer, gateway, external
constexpr int kMaxConnections = 100;                          ///< database
constexpr double kRequestWeight = 1;
constexpr double kRouteWeight = 1;

// service lifecycle and autoscaling (Kubernetes defaults where Kubernetes has one)
constexpr int kAutoscalingMin = 1;                 ///< HPA minReplicas
constexpr double kAutoscalingTargetCpu = 0.8;      ///< kubectl autoscale's default, 80 %
constexpr double kAutoscalingIntervalS = 15;       ///< HPA sync period
constexpr double kScaleUpStabilizationS = 0;       ///< HPA behavior.scaleUp default
constexpr double kScaleDownStabilizationS = 300;   ///< HPA behavior.scaleDown default
constexpr double kAutoscalingTolerance = 0.1;      ///< HPA tolerance
constexpr double kStartupS = 0;
constexpr double kRestartBackoffS = 10;            ///< kubelet CrashLoopBackOff: 10 s, doubled...
constexpr double kRestartBackoffMaxS = 300;        ///< ...up to 5 minutes
constexpr double kHealthIntervalS = 10;            ///< Kubernetes probe periodSeconds
constexpr int kHealthFailures = 3;                 ///< Kubernetes probe failureThreshold

// call steps
constexpr double kBackoffMs = 0;
constexpr double kBackoffMultiplier = 2;
constexpr double kMaxBackoffMs = 1e9; ///< no cap (the longest duration a scenario can give)
constexpr double kBreakerFailureRate = 0.5;
constexpr int kBreakerMinimumCalls = 20;
constexpr int kBreakerWindow = 100;
constexpr double kBreakerOpenS = 5;
constexpr int kBreakerHalfOpenCalls = 3;

// arrivals
constexpr double kRampStartS = 0;
constexpr double kDiurnalPeriodS = 86400; ///< one day
constexpr double kDiurnalPeakAtS = 0;

// caches
constexpr double kCacheHitMs = 0.3;
constexpr double kCacheMissMs = 0.3;
constexpr int kRedisThreads = 1;     ///< cache command threads: Redis runs commands on one
constexpr int kMemcachedThreads = 4; ///< Memcached's default -t 4
constexpr double kCommandMs = 0.01;  ///< server CPU per cache command
constexpr int kEvictionSamples = 5;  ///< Redis maxmemory-samples
constexpr double kZipf = 0;          ///< cache step: uniform key popularity

// queues
constexpr double kDurablePublishMs = 1.0; ///< a persistent message waits for the disk
constexpr double kTransientPublishMs = 0.3;
constexpr double kDeliveryMs = 0.5;
constexpr int kConsumers = 1;        ///< channels per consumer entry
constexpr int kPrefetch = 1;

} // namespace Model::Defaults
