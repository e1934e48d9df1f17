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
constexpr double kCacheHitMs = 0.3;
constexpr double kCacheMissMs = 0.3;
constexpr int kRedisThreads = 1;     ///< cache command threads: Redis runs commands on one
constexpr int kMemcachedThreads = 4; ///< Memcached's default -t 4
constexpr double kZipf = 0;          ///< cache step: uniform key popularity
constexpr double kPublishMs = 0.5;
constexpr double kDeliveryMs = 0.5;
constexpr int kConsumers = 1;        ///< channels per consumer entry
constexpr int kPrefetch = 1;

} // namespace Model::Defaults
