// SPDX-License-Identifier: GPL-3.0-or-later
// The tables of ResultsSchema.h. The row order is the column order of requests.csv and
// components.csv (docs/cli.md, "CSV files"); rows without a CSV column come last. The JSON
// does not depend on the order (QJsonObject sorts its keys).
#include "ResultsSchema.h"

#include "KindTraits.h"

namespace Model::ResultsSchema {

namespace {

using R = Sim::RequestResult;
using C = Sim::ComponentResult;
using L = Sim::LatencySummary;

/** A figure of latency_ms, the latency summary of a request type or a component. */
template<typename Result>
constexpr SummaryFigure<Result> latency(double L::*figure)
{
    return {&Result::latencyMs, figure};
}

/** A figure of a queue's message_age_ms. */
constexpr SummaryFigure<C> messageAge(double L::*figure)
{
    return {&C::messageAgeMs, figure};
}

const RequestField kRequestFields[] = {
    {nullptr, "arrived", &R::arrived, Form::Count, "arrived"},
    {nullptr, "completed", &R::completed, Form::Count, "completed"},
    {nullptr, "failed", &R::failed, Form::Count, "failed"},
    {nullptr, "in_flight_at_end", &R::inFlightAtEnd, Form::Count, "in_flight_at_end"},
    {nullptr, "throughput_per_s", &R::throughputPerS, Form::Figure, "throughput_per_s"},
    {"latency_ms", "mean", latency<R>(&L::mean), Form::Figure, "latency_mean_ms"},
    {"latency_ms", "p50", latency<R>(&L::p50), Form::Figure, "latency_p50_ms"},
    {"latency_ms", "p90", latency<R>(&L::p90), Form::Figure, "latency_p90_ms"},
    {"latency_ms", "p95", latency<R>(&L::p95), Form::Figure, "latency_p95_ms"},
    {"latency_ms", "p99", latency<R>(&L::p99), Form::Figure, "latency_p99_ms"},
    {"latency_ms", "p999", latency<R>(&L::p999), Form::Figure, "latency_p999_ms"},
    {"latency_ms", "max", latency<R>(&L::max), Form::Figure, "latency_max_ms"},
    {"ci95",
     "latency_ms.mean",
     &R::ciMean,
     Form::Interval,
     "ci95_mean_lo_ms",
     Kinds::All,
     "ci95_mean_hi_ms"},
    {"ci95",
     "latency_ms.p99",
     &R::ciP99,
     Form::Interval,
     "ci95_p99_lo_ms",
     Kinds::All,
     "ci95_p99_hi_ms"},
    // not in requests.csv
    {"ci95", "throughput_per_s", &R::ciThroughput, Form::Interval},
};

const ComponentField kComponentFields[] = {
    // the visit figures of every kind
    {nullptr, "arrived", &C::arrived, Form::Count, "arrived"},
    {nullptr, "completed", &C::completed, Form::Count, "completed"},
    {nullptr, "failed", &C::failed, Form::Count, "failed"},
    {nullptr, "throughput_per_s", &C::throughputPerS, Form::Figure, "throughput_per_s"},
    {nullptr, "utilization", &C::utilization, Form::Figure, "utilization", Kinds::Utilization},
    {nullptr, "mean_in_system", &C::meanInSystem, Form::Figure, "mean_in_system"},
    {nullptr, "mean_waiting", &C::meanWaiting, Form::Figure, "mean_waiting"},
    {nullptr, "rejected", &C::rejected, Form::Count, "rejected"},
    {"latency_ms", "mean", latency<C>(&L::mean), Form::Figure, "latency_mean_ms"},
    {"latency_ms", "p50", latency<C>(&L::p50), Form::Figure, "latency_p50_ms"},
    {"latency_ms", "p95", latency<C>(&L::p95), Form::Figure, "latency_p95_ms"},
    {"latency_ms", "p99", latency<C>(&L::p99), Form::Figure, "latency_p99_ms"},
    // services
    {"replicas", "min", &C::replicasMin, Form::Count, "replicas_min", Kinds::Service},
    {"replicas", "max", &C::replicasMax, Form::Count, "replicas_max", Kinds::Service},
    {"replicas", "mean", &C::replicasMean, Form::Figure, "replicas_mean", Kinds::Service},
    // caches
    {nullptr, "hits", &C::hits, Form::Count, "hits", Kinds::Cache},
    {nullptr, "misses", &C::misses, Form::Count, "misses", Kinds::Cache},
    {nullptr, "hit_ratio", &C::hitRatio, Form::Figure, "hit_ratio", Kinds::Cache},
    {nullptr, "evictions", &C::evictions, Form::Count, "evictions", Kinds::Cache},
    {nullptr, "expirations", &C::expirations, Form::Count, "expirations", Kinds::Cache},
    {nullptr, "stampede_misses", &C::stampedeMisses, Form::Count, "stampede_misses", Kinds::Cache},
    {nullptr, "stale_hits", &C::staleHits, Form::Count, "stale_hits", Kinds::Cache},
    {nullptr, "lock_waits", &C::lockWaits, Form::Count, "lock_waits", Kinds::Cache},
    // queues
    {nullptr, "published", &C::published, Form::Count, "published", Kinds::Queue},
    {nullptr, "consumed", &C::consumed, Form::Count, "consumed", Kinds::Queue},
    {nullptr, "dropped", &C::dropped, Form::Count, "dropped", Kinds::Queue},
    {nullptr, "redelivered", &C::redelivered, Form::Count, "redelivered", Kinds::Queue},
    {nullptr, "expired", &C::expired, Form::Count, "expired", Kinds::Queue},
    {nullptr, "nacked", &C::nacked, Form::Count, "nacked", Kinds::Queue},
    {nullptr, "dead_lettered", &C::deadLettered, Form::Count, "dead_lettered", Kinds::Queue},
    {"backlog", "mean", &C::backlogMean, Form::Figure, "backlog_mean", Kinds::Queue},
    {"backlog", "max", &C::backlogMax, Form::Count, "backlog_max", Kinds::Queue},
    {"backlog", "final", &C::backlogFinal, Form::Count, "backlog_final", Kinds::Queue},
    {"message_age_ms",
     "mean",
     messageAge(&L::mean),
     Form::Figure,
     "message_age_mean_ms",
     Kinds::Queue},
    {"message_age_ms",
     "p99",
     messageAge(&L::p99),
     Form::Figure,
     "message_age_p99_ms",
     Kinds::Queue},
    {nullptr, "drain_s", &C::drainS, Form::Figure, "drain_s", Kinds::Queue},
    {nullptr, "draining_at_end", &C::drainingAtEnd, Form::Flag, "draining_at_end", Kinds::Queue},
    {nullptr,
     "drain_since_peak_s",
     &C::drainSincePeakS,
     Form::Figure,
     "drain_since_peak_s",
     Kinds::Queue},
    // not in components.csv
    {"latency_ms", "p90", latency<C>(&L::p90), Form::Figure},
    {"latency_ms", "p999", latency<C>(&L::p999), Form::Figure},
    {"latency_ms", "max", latency<C>(&L::max), Form::Figure},
    {"message_age_ms", "p50", messageAge(&L::p50), Form::Figure, nullptr, Kinds::Queue},
    {"message_age_ms", "p90", messageAge(&L::p90), Form::Figure, nullptr, Kinds::Queue},
    {"message_age_ms", "p95", messageAge(&L::p95), Form::Figure, nullptr, Kinds::Queue},
    {"message_age_ms", "p999", messageAge(&L::p999), Form::Figure, nullptr, Kinds::Queue},
    {"message_age_ms", "max", messageAge(&L::max), Form::Figure, nullptr, Kinds::Queue},
    {"ci95", "utilization", &C::ciUtilization, Form::Interval},
};

using K = Sim::LinkResult;

const LinkField kLinkFields[] = {
    {nullptr, "bandwidth_mbps", &K::bandwidthMbps, Form::Figure, "bandwidth_mbps"},
    {nullptr, "transfers", &K::transfers, Form::Count, "transfers"},
    {nullptr, "bytes_per_s", &K::bytesPerS, Form::Figure, "bytes_per_s"},
    {nullptr, "utilization", &K::utilization, Form::Figure, "utilization"},
    {nullptr, "mean_transfer_ms", &K::meanTransferMs, Form::Figure, "mean_transfer_ms"},
};

template<typename Result>
void appendColumns(QList<QByteArray> &header, std::span<const Field<Result>> fields)
{
    for (const Field<Result> &f : fields) {
        if (f.csv)
            header.append(f.csv);
        if (f.csvHigh)
            header.append(f.csvHigh);
    }
}

} // namespace

bool applies(Kinds kinds, Sim::ComponentKind kind)
{
    switch (kinds) {
    case Kinds::All:
        return true;
    case Kinds::Utilization:
        return Sim::kindTraits(kind).hasUtilization;
    case Kinds::Service:
        return kind == Sim::ComponentKind::Service;
    case Kinds::Cache:
        return kind == Sim::ComponentKind::Cache;
    case Kinds::Queue:
        return kind == Sim::ComponentKind::Queue;
    }
    return false;
}

std::span<const RequestField> requestFields()
{
    return kRequestFields;
}

std::span<const ComponentField> componentFields()
{
    return kComponentFields;
}

std::span<const LinkField> linkFields()
{
    return kLinkFields;
}

QList<QByteArray> linkCsvHeader()
{
    QList<QByteArray> header{"from", "to"};
    appendColumns(header, linkFields());
    return header;
}

QList<QByteArray> requestCsvHeader()
{
    QList<QByteArray> header{"request"};
    appendColumns(header, requestFields());
    return header;
}

QList<QByteArray> componentCsvHeader()
{
    QList<QByteArray> header{"component", "kind"};
    appendColumns(header, componentFields());
    return header;
}

} // namespace Model::ResultsSchema
