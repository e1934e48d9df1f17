// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace Bench {

struct MinimalResult
{
    std::uint64_t requests = 0; ///< requests that arrived
    std::uint64_t completed = 0;
    std::uint64_t events = 0;
    double meanResponseS = 0;
};

/**
 * The yardstick of DESIGN.md's M/M/1 target: a minimal hand-written M/M/1 simulation (a 4-ary
 * heap of events, a small fast generator, -log(U) exponentials, a FIFO of arrival times and
 * a running mean), run for `durationS` simulated seconds at `ratePerS` arrivals and
 * `serviceRatePerS` service rate. It computes only the mean response time.
 */
MinimalResult minimalMm1(double ratePerS,
                         double serviceRatePerS,
                         double durationS,
                         std::uint64_t seed);

} // namespace Bench
