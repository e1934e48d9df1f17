// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

/**
 * Upper bounds the validator enforces. They are far above any real system, and keep a
 * mistyped number (replicas: 1e9) from turning into a run that cannot fit in memory or
 * an overflow of the engine's integer nanosecond clock. Listed in docs/scenario-format.md.
 */
namespace Model::Limits {

constexpr double kMaxDurationS = 1e8;  ///< about three years of simulated time
constexpr double kMaxDurationMs = 1e9; ///< any single duration parameter, ~11.6 days
constexpr double kMaxBuckets = 1e6;    ///< series points per run
constexpr int kMaxReplications = 10000;
constexpr double kMaxRatePerS = 1e8;
constexpr double kMaxWeight = 1e9;
constexpr int kMaxReplicas = 10000;
constexpr double kMaxCores = 1024;
constexpr int kMaxThreads = 100000;
constexpr int kMaxWorkers = 1024;
constexpr int kMaxConnections = 1000000;
constexpr int kMaxRetries = 100;
constexpr int kMaxErlangK = 1000;
constexpr int kMaxStepDepth = 16;
constexpr qint64 kMaxKeys = 1000000000000LL;       ///< cache step keys, queue max_length
constexpr qint64 kMaxCacheCapacity = 4294967296LL; ///< 2^32 keys
constexpr double kMaxZipf = 10;
constexpr int kMaxPrefetch = 65535;
constexpr int kMaxSamples = 1000;          ///< approx_lru / approx_lfu samples
constexpr int kMaxCacheThreads = 1024;     ///< cache command threads
constexpr double kMaxMultiplier = 100;     ///< call back-off multiplier
constexpr int kMaxBreakerWindow = 1000000; ///< circuit breaker window, minimum_calls, trial calls
constexpr int kMaxHealthFailures = 1000;
constexpr double kMaxMemoryMb = 1e9;       ///< a petabyte
constexpr double kMinIntervalS = 0.001;    ///< autoscaler, health check periods; bursty state means
constexpr double kMaxWhatIfWindowS = 3600; ///< a what-if slider's short run: an hour at most

} // namespace Model::Limits
