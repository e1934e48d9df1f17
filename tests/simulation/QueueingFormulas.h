// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

/**
 * Closed forms of queueing theory used by the validation tests (docs/validation.md).
 * Units: times in milliseconds, rates per millisecond (lambda = rate_per_s / 1000,
 * mu = 1 / mean service time in ms). References:
 *  - Kleinrock, Queueing Systems Vol. 1 (1975): M/M/1 (3.23-3.26), M/M/c (3.40-3.42),
 *    M/M/1/K (3.44-3.45), M/G/1 Pollaczek-Khinchine (5.72), GI/M/1 (6.21-6.30),
 *    M/M/1 processor sharing (Vol. 2, 4.4).
 *  - Whitt, "Planning queueing simulations", Management Science 35 (1989): asymptotic
 *    variance of the M/M/1 time-average number in system.
 */
namespace Queueing {

/** M/M/1 (also M/M/1-PS and M/G/1-PS) mean response time 1 / (mu - lambda). */
inline double mm1Response(double lambda, double mu)
{
    return 1.0 / (mu - lambda);
}

/** M/M/1 FCFS response time quantile: the response time is exponential with rate mu - lambda. */
inline double mm1ResponseQuantile(double lambda, double mu, double q)
{
    return -std::log(1.0 - q) / (mu - lambda);
}

/**
 * Relative standard error of the customer-average response time of an M/M/1 FCFS queue
 * over n customers in steady state: (1 + rho) / ((1 - rho) sqrt(n)).
 *
 * Derivation: over a long run of T time units the customer average W^ equals L^ / lambda^
 * (Little's law on the sample path, up to O(1/T) edge terms), where L^ is the time-average
 * number in system and lambda^ = n / T. The delta method gives
 *   T Var(ln W^) = T Var(ln L^) + T Var(ln lambda^) - 2 T Cov(ln L^, ln lambda^)
 * with (mu = 1)
 *   T Var(L^) -> 2 rho (1 + rho) / (1 - rho)^4                      (Whitt 1989)
 *   T Var(lambda^) = lambda                                          (Poisson count)
 *   T Cov(L^, lambda^) = lambda dL/dlambda = rho / (1 - rho)^2       (Poisson score function:
 *                                       d/dlambda E[X] = Cov(X, N(T)) / lambda)
 * so T Var(ln W^) = (1 + rho)^2 / (rho (1 - rho)^2), i.e. n Var(W^) / W^2 = (1+rho)^2/(1-rho)^2.
 * Checked outside the engine (a 40-line event-driven M/M/1, 2000 independent runs of 10^4
 * customers at rho 0.5 and 1000 runs of 4 10^4 at rho 0.8): n Var(W^)/W^2 = 8.76 +/- 0.28
 * against 9, and 82.3 +/- 3.7 against 81; T Var(L^) = 23.2 +/- 0.7 against Whitt's 24, and
 * 1821 +/- 81 against 1800.
 */
inline double mm1ResponseMeanRelSe(double rho, double n)
{
    return (1.0 + rho) / ((1.0 - rho) * std::sqrt(n));
}

/**
 * Relative standard error of the time-average number in system of an M/M/1 queue over a
 * run with n arrivals: sqrt(2 (1 + rho)) / ((1 - rho) sqrt(n)), from Whitt's asymptotic
 * variance 2 rho (1 + rho) / (1 - rho)^4 (per unit of 1/mu) divided by L^2 and by mu T = n / rho.
 */
inline double mm1InSystemMeanRelSe(double rho, double n)
{
    return std::sqrt(2.0 * (1.0 + rho)) / ((1.0 - rho) * std::sqrt(n));
}

/**
 * Standard error of the time-average busy fraction of an M/G/1 server over T time units:
 * sqrt(lambda E[S^2] / T). Derivation: the busy indicator is an alternating renewal
 * process (idle ~ exp(lambda), busy period B with E[B] = E[S]/(1-rho),
 * E[B^2] = E[S^2]/(1-rho)^3); the regenerative variance Var(B - rho C) / E[C] with
 * cycle C = idle + B works out to lambda E[S^2].
 */
inline double mg1UtilizationSe(double lambda, double serviceSecondMoment, double T)
{
    return std::sqrt(lambda * serviceSecondMoment / T);
}

/** M/G/1 Pollaczek-Khinchine mean wait in queue: lambda E[S^2] / (2 (1 - rho)). */
inline double mg1Wait(double lambda, double serviceMean, double serviceSecondMoment)
{
    const double rho = lambda * serviceMean;
    return lambda * serviceSecondMoment / (2.0 * (1.0 - rho));
}

/** Erlang C: probability that an arrival waits in M/M/c with offered load a = lambda / mu < c. */
inline double erlangC(int c, double a)
{
    // Erlang B by the stable recursion B(k) = a B(k-1) / (k + a B(k-1)), then C from B.
    double b = 1.0;
    for (int k = 1; k <= c; ++k)
        b = a * b / (k + a * b);
    const double rho = a / c;
    return b / (1.0 - rho + rho * b);
}

/** M/M/c mean wait in queue: C(c, a) / (c mu - lambda). */
inline double mmcWait(int c, double lambda, double mu)
{
    return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/**
 * M/M/c FCFS response time tail P(T > t): with probability 1 - C no wait, else an
 * exp(theta = c mu - lambda) wait; plus an exp(mu) service. Hypoexponential convolution.
 */
inline double mmcResponseTail(int c, double lambda, double mu, double t)
{
    const double pw = erlangC(c, lambda / mu);
    const double theta = c * mu - lambda;
    const double conv = std::abs(theta - mu) < 1e-12
                            ? std::exp(-mu * t) * (1.0 + mu * t)
                            : (theta * std::exp(-mu * t) - mu * std::exp(-theta * t))
                                  / (theta - mu);
    return (1.0 - pw) * std::exp(-mu * t) + pw * conv;
}

/** The q-quantile of a distribution given by its (decreasing) tail function, by bisection. */
inline double quantileFromTail(const std::function<double(double)> &tail, double q, double hi)
{
    double lo = 0;
    while (tail(hi) > 1.0 - q)
        hi *= 2;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        if (tail(mid) > 1.0 - q)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

/** M/M/1/K (K in system at most) blocking probability (1 - rho) rho^K / (1 - rho^(K+1)). */
inline double mm1kBlocking(double rho, int K)
{
    return (1.0 - rho) * std::pow(rho, K) / (1.0 - std::pow(rho, K + 1));
}

/** M/M/1/K mean number in system. */
inline double mm1kInSystem(double rho, int K)
{
    return rho / (1.0 - rho) - (K + 1) * std::pow(rho, K + 1) / (1.0 - std::pow(rho, K + 1));
}

/**
 * GI/M/1: the root sigma in (0, 1) of sigma = A*(mu (1 - sigma)), A* the Laplace-Stieltjes
 * transform of the interarrival time; the response time is then exp(mu (1 - sigma)).
 * Fixed-point iteration from 0 converges monotonically when rho < 1.
 */
inline double gim1Sigma(const std::function<double(double)> &lst, double mu)
{
    double sigma = 0;
    for (int i = 0; i < 100000; ++i) {
        const double next = lst(mu * (1.0 - sigma));
        if (std::abs(next - sigma) < 1e-15)
            return next;
        sigma = next;
    }
    return sigma;
}

/** E_k/M/1 mean response time: interarrival Erlang-k with phase rate k * lambdaPerServer. */
inline double ekm1Response(int k, double lambdaPerServer, double mu)
{
    const double phase = k * lambdaPerServer;
    const double sigma = gim1Sigma([&](double s) { return std::pow(phase / (phase + s), k); }, mu);
    return 1.0 / (mu * (1.0 - sigma));
}

/**
 * Bound on |L - X W| for Little's law measured over a window of T seconds, with L the
 * time-average number present, X the completions per second and W the mean time (s) of the
 * visits completed in the window. On every sample path the two sides differ only by the
 * time that visits present at the start or at the end of the window spend outside it:
 * at each end, (number present) x (their age). We bound the number present by
 * L + 5 sqrt(L) + 5 (a Poisson-like tail; at least a few visits even when L << 1, where a
 * single visit present already makes the error W rather than L W) and each age by 10 W
 * (an exponential-like tail, e^-10), so |L - X W| <= 2 (L + 5 sqrt(L) + 5) 10 W / T.
 */
inline double littleEdgeTolerance(double L, double W, double T)
{
    return 2.0 * (L + 5.0 * std::sqrt(L) + 5.0) * 10.0 * W / T;
}

/**
 * Che's approximation of the LRU hit ratio under the independent reference model: n keys of
 * Zipf popularity k^-alpha, every key summed (no grouping), 200 bisection steps.
 */
inline double cheHitRatio(std::uint64_t n, double alpha, double capacity)
{
    std::vector<double> p(n);
    double h = 0;
    for (std::uint64_t k = 0; k < n; ++k)
        h += p[k] = std::pow(static_cast<double>(k + 1), -alpha);
    for (double &x : p)
        x /= h;
    auto occupancy = [&](double t) {
        double s = 0;
        for (double x : p)
            s += 1 - std::exp(-x * t);
        return s;
    };
    double lo = 0, hi = 1;
    while (occupancy(hi) < capacity)
        hi *= 2;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (occupancy(mid) < capacity ? lo : hi) = mid;
    }
    double hit = 0;
    for (double x : p)
        hit += x * (1 - std::exp(-x * lo));
    return hit;
}

} // namespace Queueing
