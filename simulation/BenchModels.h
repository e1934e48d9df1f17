// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Spec.h"

#include <string>
#include <vector>

/** The fixed models that archsim-bench and `archsim-cli bench` measure. */
namespace Sim::Bench {

/** M/M/1: Poisson 800/s into one single-thread, single-core server, exp(1 ms). rho = 0.8. */
Spec mm1(double durationS);

/**
 * Ten services in a chain behind a load balancer: each does exp CPU work and calls the
 * next (s0 -> s1 -> ... -> s9), the last queries a database. Thread pools of 16 on 2 cores,
 * 2 replicas each, round-robin; Poisson 1000 requests/s.
 */
Spec chain10(double durationS);

/**
 * Many requests in flight: Poisson arrivals at `ratePerS` into a gateway (0.05 ms) that
 * spreads them evenly over 50 services; each service does exp(0.02 ms) of CPU (8 cores,
 * threads enough for every request) and calls one shared external API that answers after
 * 500 ms. About ratePerS / 2 requests are in flight (issue 14: 1,000/s for 500 in flight,
 * 100,000/s for 50,000, 2,000,000/s for 1,000,000).
 */
Spec inFlight(double ratePerS, double durationS);

struct Model
{
    std::string name;
    std::string description;
    Spec (*build)(double durationS);
    double defaultDurationS;
};

const std::vector<Model> &models();

} // namespace Sim::Bench
