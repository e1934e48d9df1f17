// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSupport.h"

#include "Simulation.h"

#include <QDebug>
#include <QFile>

#include <cmath>
#include <utility>

namespace TestSupport {

QString sourcePath(const QString &relative)
{
    return QStringLiteral(ARCHSIM_SOURCE_DIR) + QLatin1Char('/') + relative;
}

QString examplePath(const QString &file)
{
    const QString folder = sourcePath(QStringLiteral("resources/examples"));
    return file.isEmpty() ? folder : folder + QLatin1Char('/') + file;
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QString withoutLigatures(QString text)
{
    static const std::pair<char16_t, const char *> ligatures[] = {{u'\uFB00', "ff"},
                                                                  {u'\uFB01', "fi"},
                                                                  {u'\uFB02', "fl"},
                                                                  {u'\uFB03', "ffi"},
                                                                  {u'\uFB04', "ffl"}};
    for (const auto &[ligature, letters] : ligatures)
        text.replace(QChar(ligature), QLatin1String(letters));
    return text;
}

double fuzzSeconds(double whenUnset)
{
    return qEnvironmentVariableIsSet("ARCHSIM_FUZZ_SECONDS")
               ? qEnvironmentVariable("ARCHSIM_FUZZ_SECONDS").toDouble()
               : whenUnset;
}

Sim::Spec singleEntrySpec(std::vector<Sim::Component> components,
                          double ratePerS,
                          double durationS,
                          double warmupS,
                          std::uint64_t seed)
{
    Sim::Spec s;
    s.name = "test";
    s.durationS = durationS;
    s.warmupS = warmupS;
    s.bucketS = durationS / 10;
    s.seed = seed;
    s.workload.entry = 0;
    s.workload.ratePerS = ratePerS;
    s.workload.requests = {{"job", 1}};
    s.components = std::move(components);
    return s;
}

Sim::Step cpuStep(Sim::Distribution ms)
{
    Sim::Step s;
    s.kind = Sim::Step::Kind::Cpu;
    s.duration = ms;
    return s;
}

Sim::Step ioStep(Sim::Distribution ms)
{
    Sim::Step s;
    s.kind = Sim::Step::Kind::Io;
    s.duration = ms;
    return s;
}

Sim::Step callStep(int target, double timeoutMs, int retries)
{
    Sim::Step s;
    s.kind = Sim::Step::Kind::Call;
    s.target = target;
    s.timeoutMs = timeoutMs;
    s.retries = retries;
    return s;
}

Sim::Component stepService(
    const std::string &id, std::vector<Sim::Step> steps, int threads, double cores, int replicas)
{
    Sim::Component c;
    c.id = id;
    c.kind = Sim::ComponentKind::Service;
    c.replicas = replicas;
    c.cpuCores = cores;
    c.threads = threads;
    c.handlers.push_back({"job", std::move(steps)});
    return c;
}

Sim::Component cpuService(
    const std::string &id, Sim::Distribution cpuMs, int threads, double cores, int replicas)
{
    return stepService(id, {cpuStep(cpuMs)}, threads, cores, replicas);
}

Sim::Component database(const std::string &id, int maxConnections, Sim::Distribution queryMs)
{
    Sim::Component c;
    c.id = id;
    c.kind = Sim::ComponentKind::Database;
    c.maxConnections = maxConnections;
    c.queries.push_back({"*", queryMs});
    return c;
}

Sim::Component external(const std::string &id, Sim::Distribution latencyMs, double errorRate)
{
    Sim::Component c;
    c.id = id;
    c.kind = Sim::ComponentKind::External;
    c.latency = latencyMs;
    c.errorRate = errorRate;
    return c;
}

Sim::Component loadBalancer(const std::string &id, Sim::Balancing policy, std::vector<int> targets)
{
    Sim::Component c;
    c.id = id;
    c.kind = Sim::ComponentKind::LoadBalancer;
    c.policy = policy;
    c.targets = std::move(targets);
    c.latency = Sim::Distribution::constant(0);
    return c;
}

Sim::RunResult runChecked(const Sim::Spec &spec)
{
    const std::vector<std::string> problems = Sim::checkSpec(spec);
    if (!problems.empty())
        qFatal("bad spec: %s", problems.front().c_str());
    Sim::RunOptions o;
    o.threads = 1;
    return Sim::runSimulation(spec, o);
}

const Sim::ComponentResult *componentOf(const Sim::ReplicationResult &r, const std::string &id)
{
    for (const Sim::ComponentResult &c : r.components) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

ReplicationStats acrossReplications(
    const Sim::RunResult &run, const std::function<double(const Sim::ReplicationResult &)> &figure)
{
    ReplicationStats s;
    s.n = static_cast<int>(run.perReplication.size());
    if (s.n == 0)
        return s;
    for (const Sim::ReplicationResult &r : run.perReplication)
        s.mean += figure(r);
    s.mean /= s.n;
    if (s.n < 2)
        return s;
    double sq = 0;
    for (const Sim::ReplicationResult &r : run.perReplication) {
        const double d = figure(r) - s.mean;
        sq += d * d;
    }
    s.stddev = std::sqrt(sq / (s.n - 1));
    s.se = s.stddev / std::sqrt(static_cast<double>(s.n));
    return s;
}

bool checkWithin(
    const QString &label, double expected, double simulated, double tolerance, QString *message)
{
    const double diff = std::abs(simulated - expected);
    const bool ok = diff <= tolerance; // false for NaN
    const QString line = QStringLiteral("%1: expected %2, simulated %3, |diff| %4, tolerance %5")
                             .arg(label)
                             .arg(expected, 0, 'g', 6)
                             .arg(simulated, 0, 'g', 6)
                             .arg(diff, 0, 'g', 3)
                             .arg(tolerance, 0, 'g', 3);
    qInfo().noquote() << (ok ? "CHECK" : "CHECK FAILED") << line;
    if (message)
        *message = line;
    return ok;
}

} // namespace TestSupport
