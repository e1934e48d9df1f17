// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchModels.h"

namespace Sim::Bench {

Spec mm1(double durationS)
{
    Spec s;
    s.name = "bench: M/M/1";
    s.durationS = durationS;
    s.warmupS = 0;
    s.bucketS = durationS / 100;
    s.seed = 1;
    s.workload.entry = 0;
    s.workload.ratePerS = 800;
    s.workload.requests = {{"job", 1}};
    Component c;
    c.id = "server";
    c.threads = 1;
    c.cpuCores = 1;
    Step cpu;
    cpu.kind = Step::Kind::Cpu;
    cpu.duration = Distribution::exponential(1.0);
    c.handlers.push_back({"job", {cpu}});
    s.components.push_back(c);
    return s;
}

Spec chain10(double durationS)
{
    Spec s;
    s.name = "bench: 10-service chain with a database";
    s.durationS = durationS;
    s.warmupS = 0;
    s.bucketS = durationS / 100;
    s.seed = 1;
    s.workload.entry = 0;
    s.workload.ratePerS = 1000;
    s.workload.requests = {{"req", 1}};

    Component lb;
    lb.id = "edge";
    lb.kind = ComponentKind::LoadBalancer;
    lb.policy = Balancing::LeastOutstanding;
    lb.latency = Distribution::constant(0.2);
    lb.targets = {1};
    s.components.push_back(lb);
    const int services = 10;
    for (int i = 0; i < services; ++i) {
        Component c;
        c.id = "s" + std::to_string(i);
        c.replicas = 2;
        c.cpuCores = 2;
        c.threads = 16;
        c.balancing = Balancing::RoundRobin;
        Step cpu;
        cpu.kind = Step::Kind::Cpu;
        cpu.duration = Distribution::exponential(0.5);
        Step call;
        call.kind = Step::Kind::Call;
        call.target = i + 2; // next service, or the database after s9
        call.timeoutMs = 1000;
        if (i == services - 1) {
            call.request = "select";
            c.pools.push_back({call.target, 10});
        }
        c.handlers.push_back({"req", {cpu, call}});
        s.components.push_back(c);
    }
    Component db;
    db.id = "db";
    db.kind = ComponentKind::Database;
    db.maxConnections = 20;
    db.queries.push_back({"select", Distribution::exponential(2.0)});
    s.components.push_back(db);
    return s;
}

Spec inFlight(double ratePerS, double durationS)
{
    Spec s;
    s.name = "bench: 50 services calling a 500 ms API";
    s.durationS = durationS;
    s.warmupS = 0;
    s.bucketS = durationS / 100;
    s.seed = 1;
    s.workload.entry = 0;
    s.workload.ratePerS = ratePerS;
    s.workload.requests = {{"req", 1}};
    const int services = 50;
    Component gateway;
    gateway.id = "gateway";
    gateway.kind = ComponentKind::Gateway;
    gateway.latency = Distribution::constant(0.05);
    RouteTable table;
    table.request = "*";
    for (int i = 0; i < services; ++i)
        table.routes.push_back({i + 1, 1});
    gateway.routes.push_back(table);
    s.components.push_back(gateway);
    for (int i = 0; i < services; ++i) {
        Component c;
        c.id = "s" + std::to_string(i);
        c.cpuCores = 8;
        c.threads = 10'000'000;
        Step cpu;
        cpu.kind = Step::Kind::Cpu;
        cpu.duration = Distribution::exponential(0.02);
        Step call;
        call.kind = Step::Kind::Call;
        call.target = services + 1;
        c.handlers.push_back({"req", {cpu, call}});
        s.components.push_back(c);
    }
    Component api;
    api.id = "api";
    api.kind = ComponentKind::External;
    api.latency = Distribution::constant(500);
    s.components.push_back(api);
    return s;
}

const std::vector<Model> &models()
{
    static const std::vector<Model> list = {
        {"mm1", "M/M/1, rho 0.8 (800 requests/s, exp 1 ms)", &mm1, 2000},
        {"chain10", "10 services in a chain + database, 1000 requests/s", &chain10, 200},
    };
    return list;
}

} // namespace Sim::Bench
