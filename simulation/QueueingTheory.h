// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

/**
 * Closed forms of queueing theory that the application shows next to simulated figures
 * (watch mode's theory overlay, docs/desktop-app.md). The validation tests keep their own
 * copies (tests/simulation/QueueingFormulas.h) as an independent reference.
 */
namespace Sim::Theory {

/**
 * Erlang C: the probability that an arrival waits in an M/M/c queue with `servers` servers
 * and offered load a = lambda x mean service time (in servers, a < servers). 1 when
 * a >= servers (no steady state: everyone waits eventually), 0 for a <= 0.
 */
double erlangC(int servers, double offeredLoad);

/**
 * M/M/c mean wait in queue, in the unit of `serviceMean`: C(c, a) / (c mu - lambda) with
 * mu = 1 / serviceMean, a = lambda serviceMean. Infinity when a >= c.
 */
double mmcMeanWait(int servers, double arrivalRate, double serviceMean);

/**
 * Che's approximation of the hit ratio of an LRU cache of `capacity` keys under the
 * independent reference model: `keys` keys with Zipf popularity p_k ~ k^-zipf (0 =
 * uniform). Solves sum_k (1 - exp(-p_k T)) = capacity for the characteristic time T and
 * returns sum_k p_k (1 - exp(-p_k T)) (Che, Tung and Wang 2002; Fricker, Robert and
 * Roberts 2012). Keys beyond the 10,000 most popular are summed in groups of keys whose
 * popularity differs by less than 0.1% (the sum stays O(10^4 + log keys)); 1 when every key
 * fits, 0 without capacity.
 */
double cheHitRatio(std::uint64_t keys, double zipf, double capacity);

} // namespace Sim::Theory
