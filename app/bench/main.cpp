// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-bench: events/s and ns/event on fixed models, and peak memory against simulated
// duration. Each memory figure is measured in a forked child so peaks do not carry over.

#include "BenchModels.h"
#include "MinimalLoop.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "analysis/Compare.h"

#include <QFile>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Timing
{
    double wallS;
    double cpuS; ///< CPU time of the calling thread, which runs the replication (threads = 1)
    double events;
    double requests;
};

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

Timing timeOnce(const Sim::Spec &spec)
{
    Sim::RunOptions o;
    o.threads = 1;
    const double cpuStart = threadCpuSeconds();
    const Sim::RunResult r = Sim::runSimulation(spec, o);
    const double cpuS = threadCpuSeconds() - cpuStart;
    // every arrival, including those in flight at the end
    double requests = 0;
    for (const Sim::ReplicationResult &rep : r.perReplication)
        requests += rep.requests.front().arrived;
    return {r.wallS, cpuS, static_cast<double>(r.events), requests};
}

long peakRssKiB(const Sim::Spec &spec)
{
    int pipefd[2];
    if (pipe(pipefd) != 0)
        return -1;
    const pid_t pid = fork();
    if (pid == 0) {
        close(pipefd[0]);
        Sim::RunOptions o;
        o.threads = 1;
        (void) Sim::runSimulation(spec, o);
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        const long kib = u.ru_maxrss;
        if (write(pipefd[1], &kib, sizeof kib) != sizeof kib)
            _exit(1);
        _exit(0);
    }
    close(pipefd[1]);
    long kib = -1;
    if (read(pipefd[0], &kib, sizeof kib) != sizeof kib)
        kib = -1;
    close(pipefd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return kib;
}

/** A scenario example compiled into the binary, run for about `requests` end-to-end requests. */
Sim::Spec exampleSpec(const char *resource, double requests)
{
    QFile f(QString::fromLatin1(resource));
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot open %s\n", resource);
        std::exit(1);
    }
    const Model::ScenarioLoad load = Model::parseScenario(f.readAll());
    if (!load.ok()) {
        std::fprintf(stderr, "%s does not load\n", resource);
        std::exit(1);
    }
    Model::Scenario s = *load.scenario;
    const Model::CompiledScenario compiled = Model::compileScenario(s);
    if (!compiled.ok()) {
        std::fprintf(stderr,
                     "%s does not compile: %s\n",
                     resource,
                     qPrintable(compiled.problems.first().toString()));
        std::exit(1);
    }
    Sim::Spec spec = compiled.spec;
    spec.durationS = requests / spec.workload.ratePerS;
    spec.warmupS = 0;
    spec.bucketS = spec.durationS / 100;
    spec.replications = 1;
    return spec;
}

Sim::Spec shopMonolith(double requests)
{
    return exampleSpec(":/examples/shop-monolith.json", requests);
}

Sim::Spec shopMicroservices(double requests)
{
    return exampleSpec(":/examples/shop-microservices.json", requests);
}

Model::Scenario exampleScenario(const char *resource)
{
    QFile f(QString::fromLatin1(resource));
    const Model::ScenarioLoad load = f.open(QIODevice::ReadOnly) ? Model::parseScenario(f.readAll())
                                                                 : Model::ScenarioLoad{};
    if (!load.ok()) {
        std::fprintf(stderr, "%s does not load\n", resource);
        std::exit(1);
    }
    return *load.scenario;
}

/**
 * issue 11's speed target: the two shop examples plus a variant of each (every service one
 * replica more), 10 replications of 300 simulated seconds each, compared with common random
 * numbers; wall-clock median of `repeat` comparisons on one thread and on every core.
 */
int benchCompare(int repeat)
{
    std::vector<Model::CompareAlternative> alternatives;
    for (const char *resource :
         {":/examples/shop-monolith.json", ":/examples/shop-microservices.json"}) {
        Model::Scenario s = exampleScenario(resource);
        alternatives.push_back({s.name, s});
        for (Model::Component &c : s.components) {
            if (c.kind == Model::ComponentKind::Service)
                c.service.replicas = c.service.replicas.value_or(1) + 1;
        }
        s.name += QStringLiteral(" +1 replica");
        alternatives.push_back({s.name, s});
    }
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    std::printf(
        "archsim-bench %s: compare 4 alternatives x 10 replications x 300 s, median of %d\n",
        Sim::engineVersion(),
        repeat);
    std::printf("%-8s %10s %12s %14s\n", "threads", "wall s", "events", "speed-up");
    double oneThread = 0;
    for (const int threads : {1, static_cast<int>(cores)}) {
        std::vector<double> walls;
        double events = 0;
        for (int k = 0; k < repeat; ++k) {
            Model::CompareOptions o;
            o.replications = 10;
            o.durationS = 300;
            o.warmupS = 30;
            o.threads = threads;
            Model::Problems problems;
            const auto c = Model::runComparison(alternatives, o, &problems);
            if (!c) {
                std::fprintf(stderr, "the comparison does not run\n");
                return 1;
            }
            walls.push_back(c->wallS);
            events = 0;
            for (const Model::AlternativeRun &a : c->alternatives)
                events += static_cast<double>(a.result.events);
        }
        std::sort(walls.begin(), walls.end());
        const double median = walls[walls.size() / 2];
        if (threads == 1)
            oneThread = median;
        std::printf("%-8d %10.2f %12.0f %14.2f\n", threads, median, events, oneThread / median);
        std::fflush(stdout);
    }
    return 0;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/**
 * issue 14's scaling target: the cost per event with about 500, 50,000 and 1,000,000 requests
 * in flight (Sim::Bench::inFlight), median of `repeat` runs on one thread each; the last
 * column is the CPU time per event relative to the first row.
 */
int benchInFlight(int repeat, double onlyRate, double onlyDurationS)
{
    struct Row
    {
        Row(double f, double r, double d)
            : inFlight(f)
            , ratePerS(r)
            , durationS(d)
            , spec(Sim::Bench::inFlight(r, d))
        {}
        double inFlight, ratePerS, durationS;
        Sim::Spec spec;
        std::vector<double> rates, cpuNs, ratios;
        double events = 0, meanApi = 0;
    };
    // at least 2 million requests, and 2.5 s or more, so that the 0.5 s of ramp-up at the
    // start is a small part of the run
    std::vector<Row> rows;
    if (onlyRate > 0) { // one row: --rate R [--duration S]
        rows.emplace_back(onlyRate / 2,
                          onlyRate,
                          onlyDurationS > 0 ? onlyDurationS : 2e6 / onlyRate);
    } else {
        rows.emplace_back(500, 1'000, 2'000);
        rows.emplace_back(50'000, 100'000, 20);
        rows.emplace_back(1'000'000, 2'000'000, 3);
    }
    std::printf("archsim-bench %s: requests in flight (50 services calling a 500 ms API), one "
                "core, %d rounds of every row in turn\n",
                Sim::engineVersion(),
                repeat);
    // The rows take turns, round after round, and each round's rows are compared with that
    // round's first: a slower spell of this shared machine then weighs on the rows of a
    // round alike instead of on whichever row it fell in. "vs 500" is the median of the
    // rounds' ratios (by CPU time: less disturbed by other processes), with their range.
    for (int k = 0; k < repeat; ++k) {
        for (Row &row : rows) {
            Sim::RunOptions o;
            o.threads = 1;
            const double cpuStart = threadCpuSeconds();
            const Sim::RunResult r = Sim::runSimulation(row.spec, o);
            const double cpuS = threadCpuSeconds() - cpuStart;
            row.rates.push_back(static_cast<double>(r.events) / r.wallS);
            row.cpuNs.push_back(cpuS * 1e9 / static_cast<double>(r.events));
            row.ratios.push_back(row.cpuNs.back() / rows.front().cpuNs.back());
            row.events = static_cast<double>(r.events);
            row.meanApi = r.component("api")->meanInSystem;
        }
    }
    std::printf("%-10s %11s %6s %10s %11s %11s %9s %9s %7s %13s\n",
                "in flight",
                "requests/s",
                "sim s",
                "mean api",
                "events",
                "events/s",
                "ns/event",
                "cpu ns/ev",
                "vs 500",
                "(range)");
    for (Row &row : rows) {
        const double perS = median(row.rates);
        const auto [lo, hi] = std::minmax_element(row.ratios.begin(), row.ratios.end());
        std::printf("%-10.0f %11.0f %6.0f %10.0f %11.0f %11.0f %9.1f %9.1f %7.2f   %.2f-%.2f\n",
                    row.inFlight,
                    row.ratePerS,
                    row.durationS,
                    row.meanApi,
                    row.events,
                    perS,
                    1e9 / perS,
                    median(row.cpuNs),
                    median(row.ratios),
                    *lo,
                    *hi);
    }
    std::fflush(stdout);
    return 0;
}

/**
 * DESIGN.md's M/M/1 target: the engine's M/M/1 (model mm1) against the minimal hand-written
 * loop of MinimalLoop.cpp on the same model and duration, alternating, `repeat` runs of each;
 * medians of requests per wall-clock second and per CPU second, and their ratio.
 */
int benchMinimal(int repeat, double durationS)
{
    const Sim::Spec spec = Sim::Bench::mm1(durationS);
    std::vector<double> engineWall, engineCpu, loopWall, loopCpu;
    double engineRequests = 0, loopRequests = 0, loopMean = 0;
    for (int k = 0; k < repeat; ++k) {
        const Timing t = timeOnce(spec);
        engineRequests = t.requests;
        engineWall.push_back(t.requests / t.wallS);
        engineCpu.push_back(t.requests / t.cpuS);
        const auto wallStart = std::chrono::steady_clock::now();
        const double cpuStart = threadCpuSeconds();
        const Bench::MinimalResult m = Bench::minimalMm1(800, 1000, durationS, 1 + k);
        const double cpuS = threadCpuSeconds() - cpuStart;
        const double wallS
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
        loopRequests = static_cast<double>(m.requests);
        loopMean = m.meanResponseS;
        loopWall.push_back(loopRequests / wallS);
        loopCpu.push_back(loopRequests / cpuS);
    }
    std::printf("archsim-bench %s: M/M/1 (rho 0.8, %.0f s simulated) against a minimal "
                "hand-written loop, median of %d runs each\n",
                Sim::engineVersion(),
                durationS,
                repeat);
    std::printf("%-14s %12s %14s %14s\n", "", "requests", "requests/s", "cpu req/s");
    std::printf("%-14s %12.0f %14.0f %14.0f\n",
                "archsim mm1",
                engineRequests,
                median(engineWall),
                median(engineCpu));
    std::printf("%-14s %12.0f %14.0f %14.0f   (mean response %.3f ms; M/M/1: 5 ms)\n",
                "minimal loop",
                loopRequests,
                median(loopWall),
                median(loopCpu),
                loopMean * 1e3);
    std::printf("%-14s %12s %14.2f %14.2f   (target: 0.7 or more)\n",
                "ratio",
                "",
                median(engineWall) / median(loopWall),
                median(engineCpu) / median(loopCpu));
    return 0;
}

void usage()
{
    std::printf("usage: archsim-bench [--model NAME] [--repeat N] [--duration S] [--no-memory]\n"
                "       archsim-bench --compare [--repeat N]\n"
                "       archsim-bench --inflight [--repeat N] [--rate R [--duration S]]\n"
                "       archsim-bench --minimal [--repeat N] [--duration S]\n"
                "models:\n");
    for (const Sim::Bench::Model &m : Sim::Bench::models())
        std::printf("  %-8s %s\n", m.name.c_str(), m.description.c_str());
}

} // namespace

int main(int argc, char **argv)
{
    std::string only;
    int repeat = 5;
    double duration = 0;
    double rate = 0;
    bool memory = true;
    bool compare = false, inFlight = false, minimal = false;
    bool repeatGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--model" && i + 1 < argc) {
            only = argv[++i];
        } else if (a == "--repeat" && i + 1 < argc) {
            repeat = std::max(1, std::atoi(argv[++i]));
            repeatGiven = true;
        } else if (a == "--duration" && i + 1 < argc) {
            duration = std::atof(argv[++i]);
        } else if (a == "--rate" && i + 1 < argc) {
            rate = std::atof(argv[++i]);
        } else if (a == "--no-memory") {
            memory = false;
        } else if (a == "--compare") {
            compare = true;
        } else if (a == "--inflight") {
            inFlight = true;
        } else if (a == "--minimal") {
            minimal = true;
        } else {
            usage();
            return a == "--help" || a == "-h" ? 0 : 2;
        }
    }
    if (compare)
        return benchCompare(repeat);
    if (inFlight)
        return benchInFlight(repeatGiven ? repeat : 5, rate, duration);
    if (minimal)
        return benchMinimal(repeatGiven ? repeat : 9, duration > 0 ? duration : 2000);
    std::printf("archsim-bench %s: one core, median of %d runs (wall clock; cpu: the thread's CPU "
                "time, less sensitive to other load)\n",
                Sim::engineVersion(),
                repeat);
    std::printf("%-10s %10s %10s %12s %14s %10s %14s %14s\n",
                "model",
                "size",
                "requests",
                "events",
                "events/s",
                "ns/event",
                "requests/s",
                "cpu req/s");
    bool found = false;
    // the engine's fixed models, then the shop examples (sizes in end-to-end requests)
    std::vector<Sim::Bench::Model> all = Sim::Bench::models();
    all.push_back({"shop-mono", "examples/shop-monolith.json, 1e6 requests", &shopMonolith, 1e6});
    all.push_back(
        {"shop-micro", "examples/shop-microservices.json, 1e6 requests", &shopMicroservices, 1e6});
    for (const Sim::Bench::Model &m : all) {
        if (!only.empty() && only != m.name)
            continue;
        found = true;
        const double d = duration > 0 ? duration : m.defaultDurationS;
        const Sim::Spec spec = m.build(d);
        std::vector<Timing> runs;
        for (int k = 0; k < repeat; ++k)
            runs.push_back(timeOnce(spec));
        std::sort(runs.begin(), runs.end(), [](const Timing &a, const Timing &b) {
            return a.wallS < b.wallS;
        });
        const Timing med = runs[runs.size() / 2];
        std::vector<double> cpu;
        for (const Timing &t : runs)
            cpu.push_back(t.cpuS);
        std::sort(cpu.begin(), cpu.end());
        const double cpuMedian = cpu[cpu.size() / 2];
        std::printf("%-10s %10.0f %10.0f %12.0f %14.0f %10.1f %14.0f %14.0f\n",
                    m.name.c_str(),
                    d,
                    med.requests,
                    med.events,
                    med.events / med.wallS,
                    med.wallS * 1e9 / med.events,
                    med.requests / med.wallS,
                    med.requests / cpuMedian);
        std::fflush(stdout);
        if (memory) {
            // the shop models are sized in requests: 600 requests/s, as 100 s and 10000 s
            const bool byRequests = m.name.rfind("shop", 0) == 0;
            const long shortRun = peakRssKiB(m.build(byRequests ? 600.0 * 100 : 100));
            const long longRun = peakRssKiB(m.build(byRequests ? 600.0 * 10000 : 10000));
            std::printf(
                "%-10s peak RSS: %ld KiB at 100 s simulated, %ld KiB at 10000 s (ratio %.2f)\n",
                m.name.c_str(),
                shortRun,
                longRun,
                shortRun > 0 ? static_cast<double>(longRun) / static_cast<double>(shortRun) : 0.0);
        }
    }
    if (!found) {
        std::fprintf(stderr, "unknown model '%s'\n", only.c_str());
        usage();
        return 2;
    }
    return 0;
}
