// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"
#include "Spec.h"

#include <QString>

#include <functional>

/** Helpers shared by the test suites: tiny topologies, runs and repository paths. */
namespace TestSupport {

/** Absolute path of a file in the source tree, e.g. "resources/examples/mm1.json". */
QString sourcePath(const QString &relative);

/** Path of a built-in example, "resources/examples/`file`"; the folder itself without `file`. */
QString examplePath(const QString &file = QString());

/** Replaces the file's contents with `bytes`; false when it cannot be written. */
bool writeBytes(const QString &path, const QByteArray &bytes);

/** `text` with the typographic ligatures DejaVu draws (U+FB00 to U+FB04: ff, fi, fl, ffi,
 *  ffl) spelt out, so that pdftotext's "\uFB01rst" is found as "first". */
QString withoutLigatures(QString text);

/** The fuzz tests' time budget in seconds: ARCHSIM_FUZZ_SECONDS when it is set, else
 *  `whenUnset`. Each loop takes its share of it (and tries a minimum of inputs regardless). */
double fuzzSeconds(double whenUnset);

/** A service component with one handler `job` made of a single CPU step. */
Sim::Component cpuService(const std::string &id,
                          Sim::Distribution cpuMs,
                          int threads = 1,
                          double cores = 1,
                          int replicas = 1);

/** A Spec with Poisson arrivals of request `job` at `ratePerS` into component 0. */
Sim::Spec singleEntrySpec(std::vector<Sim::Component> components,
                          double ratePerS,
                          double durationS,
                          double warmupS,
                          std::uint64_t seed = 1);

/** Handler steps, for building a Spec by hand. */
Sim::Step cpuStep(Sim::Distribution ms);
Sim::Step ioStep(Sim::Distribution ms);
Sim::Step callStep(int target, double timeoutMs = 0, int retries = 0);

/** A thread_pool service whose handler `job` runs `steps`. */
Sim::Component stepService(const std::string &id,
                           std::vector<Sim::Step> steps,
                           int threads = 1,
                           double cores = 1,
                           int replicas = 1);

/** A database whose every query ("*") takes `queryMs`. */
Sim::Component database(const std::string &id, int maxConnections, Sim::Distribution queryMs);

/** An external dependency with the given latency and error rate. */
Sim::Component external(const std::string &id, Sim::Distribution latencyMs, double errorRate = 0);

/** A load balancer spreading over `targets` with `policy` and no latency of its own. */
Sim::Component loadBalancer(const std::string &id, Sim::Balancing policy, std::vector<int> targets);

/**
 * Runs a Spec on one thread after checkSpec; a Spec that checkSpec refuses stops the test
 * program (qFatal), as it is a mistake in the test, not in the engine.
 */
Sim::RunResult runChecked(const Sim::Spec &spec);

/** The figures of component `id` in one replication (nullptr when absent). */
const Sim::ComponentResult *componentOf(const Sim::ReplicationResult &r, const std::string &id);

/**
 * Mean and standard error of one figure over the independent replications of a run:
 * the replications are independent batches, so se = stddev / sqrt(n) (n - 1 degrees of
 * freedom). Used where no closed form for the estimator's variance is at hand.
 */
struct ReplicationStats
{
    double mean = 0;
    double stddev = 0;
    double se = 0;
    int n = 0;
};
ReplicationStats acrossReplications(
    const Sim::RunResult &run, const std::function<double(const Sim::ReplicationResult &)> &figure);

/**
 * Prints "CHECK label: expected E, simulated S, |diff| D, tolerance T" with qInfo (the
 * lines docs/validation.md is filled from) and returns whether |S - E| <= T; on failure
 * `message` says why.
 */
bool checkWithin(
    const QString &label, double expected, double simulated, double tolerance, QString *message);

} // namespace TestSupport

/** QVERIFY that |simulated - expected| <= tolerance, logging the comparison either way. */
#define ARCHSIM_VERIFY_WITHIN(label, expected, simulated, tolerance) \
    do { \
        QString archsimMessage_; \
        const bool archsimOk_ \
            = TestSupport::checkWithin(label, expected, simulated, tolerance, &archsimMessage_); \
        QVERIFY2(archsimOk_, qPrintable(archsimMessage_)); \
    } while (false)
