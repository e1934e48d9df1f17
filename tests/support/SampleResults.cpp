// SPDX-License-Identifier: GPL-3.0-or-later
#include "SampleResults.h"

#include <limits>

namespace TestSupport {

Sim::RequestResult sampleAllRequests()
{
    Sim::RequestResult all;
    all.name = "_all";
    all.arrived = 1000;
    all.completed = 990;
    all.failed = 10;
    all.throughputPerS = 1.65;
    all.latencyMs = {5, 4, 8, 9, 20, 40, 55};
    all.failures = {{"timeout", 6}, {"rejected", 4}};
    all.ciMean = std::make_pair(4.5, 5.5);
    all.ciP99 = std::make_pair(18.0, 22.0);
    all.latencyHistogram = {{1.048576, 1.179648, 400},
                            {1.179648, 1.31072, 0},
                            {1.31072, 1.441792, 589.5}};
    return all;
}

Sim::RequestResult sampleBrowseRequests()
{
    Sim::RequestResult browse;
    browse.name = "browse";
    browse.arrived = 800.5; // a mean over replications need not be whole
    browse.completed = 800;
    browse.inFlightAtEnd = 0.5;
    browse.latencyMs = {3, 2, 5, 6, 9, 12, std::numeric_limits<double>::quiet_NaN()};
    return browse;
}

Sim::ComponentResult sampleService()
{
    Sim::ComponentResult api;
    api.id = "api";
    api.kind = Sim::ComponentKind::Service;
    api.throughputPerS = 1.6;
    api.utilization = 0.7;
    api.meanInSystem = 3.5;
    api.meanWaiting = 1.25;
    api.rejected = 2;
    api.latencyMs = {4, 3, 6, 7, 15, 20, 30};
    api.replicasMin = 3;
    api.replicasMax = 3;
    api.replicasMean = 3;
    api.ciUtilization = std::make_pair(0.69, 0.71);
    return api;
}

Sim::ComponentResult sampleDatabase()
{
    Sim::ComponentResult db;
    db.id = "db";
    db.kind = Sim::ComponentKind::Database;
    db.utilization = 0.2;
    db.meanWaiting = 0.5;
    db.meanInSystem = 2;
    db.throughputPerS = 3;
    db.latencyMs = {2, 1, 3, 5, 8, 9, 10};
    return db;
}

Sim::ComponentResult sampleLoadBalancer()
{
    Sim::ComponentResult edge;
    edge.id = "edge";
    edge.kind = Sim::ComponentKind::LoadBalancer;
    edge.throughputPerS = 1.65;
    edge.meanInSystem = 0.01;
    edge.latencyMs = {0.2, 0.2, 0.2, 0.2, 0, 0, 0};
    return edge;
}

Sim::ComponentResult sampleExternal()
{
    Sim::ComponentResult pay;
    pay.id = "pay,\"ext\"";
    pay.kind = Sim::ComponentKind::External;
    pay.arrived = 40;
    pay.completed = 30;
    pay.failed = 9;
    return pay;
}

Sim::ComponentResult sampleCache()
{
    Sim::ComponentResult cache;
    cache.id = "cache";
    cache.kind = Sim::ComponentKind::Cache;
    cache.utilization = 0.05;
    cache.hits = 300;
    cache.misses = 100;
    cache.hitRatio = 0.75;
    cache.evictions = 20;
    cache.expirations = 7;
    cache.stampedeMisses = 3;
    cache.staleHits = 2;
    cache.lockWaits = 4;
    cache.latencyMs = {0.3, 0.3, 0.4, 0.5, 0.6, 0.9, 1.2};
    return cache;
}

Sim::ComponentResult sampleQueue()
{
    Sim::ComponentResult queue;
    queue.id = "events";
    queue.kind = Sim::ComponentKind::Queue;
    queue.rejected = 5;
    queue.published = 120;
    queue.consumed = 100;
    queue.dropped = 6;
    queue.redelivered = 1;
    queue.backlogMean = 3.5;
    queue.backlogMax = 17;
    queue.backlogFinal = 14;
    queue.messageAgeMs = {12, 10, 20, 25, 40, 60, 80};
    queue.drainS = 2.5;
    queue.drainingAtEnd = true;
    queue.drainSincePeakS = 0.75;
    return queue;
}

Sim::RunResult sampleRunResult()
{
    Sim::RunResult r;
    r.scenario = "Shop";
    r.durationS = 600;
    r.warmupS = 60;
    r.seed = 42;
    r.replications = 3;
    r.events = 123456789;
    r.wallS = 4.2;
    r.eventsPerS = 29394473.5;
    r.requests = {sampleAllRequests(), sampleBrowseRequests()};
    r.components = {sampleService(),
                    sampleDatabase(),
                    sampleLoadBalancer(),
                    sampleExternal(),
                    sampleCache(),
                    sampleQueue()};
    r.series.bucketS = 1;
    r.series.tS = {1, 2, 3};
    r.series.columns = {{"requests._all.throughput_per_s", {1, 2, 3}},
                        {"components.api.utilization", {0.5, 0.25, 0.125}}};
    r.timeline = {{12.5, "api", "scale_up", "3 -> 4 replicas"},
                  {13, "pay,\"ext\"", "breaker_open", "to pay"}};
    return r;
}

} // namespace TestSupport
