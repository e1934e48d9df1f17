// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

#include <QByteArray>
#include <QList>

#include <span>
#include <utility>
#include <variant>

/**
 * The figures of the results formats (spec/cli.md, docs/cli.md) as data: one table for a
 * request type and one for a component, one row per figure. A row says where the figure sits
 * in the results JSON, the typed member of the Sim:: result struct it reads and writes, how
 * it is written, its CSV column and which component kinds have it.
 *
 * Three walkers use the tables:
 * - resultsToJson (ResultsIo.cpp) writes the rows that apply to the component's kind,
 * - runResultFromJson (persistence/RunResultJson.cpp) reads every row that is present,
 * - writeResultsCsv (ResultsIo.cpp) takes the header of requests.csv and components.csv and
 *   each row's cells from the rows with a CSV column, in the order of the table.
 *
 * Hand-written code remains for what has a structure of its own: the name and kind of a
 * row, the failures (reason -> count) and a request's latency histogram; the run's settings,
 * engine figures, series, events and per-replication lists.
 *
 * To add a figure: add the member to Sim::RequestResult or Sim::ComponentResult, a row here
 * (ResultsSchema.cpp) and its line in docs/cli.md; writer, reader and CSV follow. The results
 * JSON then changes: regenerate the goldens (scripts/regen-goldens) in the same commit.
 */
namespace Model::ResultsSchema {

/** How a figure is written. */
enum class Form {
    Count,    ///< a number of things: an integer in JSON when whole (a mean need not be)
    Figure,   ///< any number; no data (NaN) is null in JSON and an empty CSV cell
    Flag,     ///< true or false
    Interval, ///< a 95% confidence interval [low, high]: only when known; two CSV columns
};

/** Which components have a figure (a request type has all of its figures). */
enum class Kinds {
    All,
    Utilization, ///< the kinds whose Sim::KindTraits::hasUtilization
    Service,
    Cache,
    Queue,
};

/** Whether a component of `kind` has the figures of `kinds`. */
bool applies(Kinds kinds, Sim::ComponentKind kind);

/** A figure of one of the result's latency summaries: {&R::latencyMs, &LatencySummary::p99}. */
template<typename Result>
struct SummaryFigure
{
    Sim::LatencySummary Result::*summary;
    double Sim::LatencySummary::*figure;
};

/** The member a row reads and writes: a number (Count, Figure), a flag or an interval. */
template<typename Result>
using Member = std::
    variant<double Result::*, SummaryFigure<Result>, bool Result::*, Sim::Interval Result::*>;

/** One figure of a request type's or a component's results. */
template<typename Result>
struct Field
{
    constexpr Field(const char *inObject,
                    const char *jsonKey,
                    Member<Result> resultMember,
                    Form writtenAs,
                    const char *csvColumn = nullptr,
                    Kinds ofKinds = Kinds::All,
                    const char *csvHighColumn = nullptr)
        : object(inObject)
        , key(jsonKey)
        , member(resultMember)
        , form(writtenAs)
        , csv(csvColumn)
        , kinds(ofKinds)
        , csvHigh(csvHighColumn)
    {}

    /// the object inside the request's or component's object that holds it
    /// ("latency_ms", "replicas", "backlog", "message_age_ms", "ci95"); nullptr: none
    const char *object;
    const char *key; ///< its key there; a ci95 key names the figure: "latency_ms.p99"
    Member<Result> member;
    Form form;
    const char *csv;     ///< its CSV column (an interval's low end); nullptr: none
    Kinds kinds;         ///< the components that have it, in JSON and CSV
    const char *csvHigh; ///< an interval's high end column
};

using RequestField = Field<Sim::RequestResult>;
using ComponentField = Field<Sim::ComponentResult>;
using LinkField = Field<Sim::LinkResult>;

/** The figures of requests.NAME and of a row of requests.csv, in the CSV's column order. */
std::span<const RequestField> requestFields();
/** The figures of components.ID and of a row of components.csv, in the CSV's column order. */
std::span<const ComponentField> componentFields();

/**
 * The figures of an entry of "links" (one direction of a network link; the list and links.csv
 * are written only when the scenario has a network) and of a row of links.csv.
 */
std::span<const LinkField> linkFields();

/** "request", then the CSV columns of requestFields(). */
QList<QByteArray> requestCsvHeader();
/** "component", "kind", then the CSV columns of componentFields(). */
QList<QByteArray> componentCsvHeader();
/** "from", "to", then the CSV columns of linkFields(). */
QList<QByteArray> linkCsvHeader();

// Accessors for either constness: `object` is a Result or a const Result.

/** The number of a Count or Figure row; nullptr for a Flag or an Interval. */
template<typename Result, typename Object>
auto *numberIn(Object &object, const Field<Result> &f)
{
    using Pointer = decltype(&(object.*std::declval<double Result::*>()));
    if (const auto *m = std::get_if<double Result::*>(&f.member))
        return static_cast<Pointer>(&(object.**m));
    if (const auto *s = std::get_if<SummaryFigure<Result>>(&f.member))
        return static_cast<Pointer>(&((object.*(s->summary)).*(s->figure)));
    return static_cast<Pointer>(nullptr);
}

/** The flag of a Flag row; nullptr for the others. */
template<typename Result, typename Object>
auto *flagIn(Object &object, const Field<Result> &f)
{
    using Pointer = decltype(&(object.*std::declval<bool Result::*>()));
    const auto *m = std::get_if<bool Result::*>(&f.member);
    return m ? &(object.**m) : static_cast<Pointer>(nullptr);
}

/** The interval of an Interval row; nullptr for the others. */
template<typename Result, typename Object>
auto *intervalIn(Object &object, const Field<Result> &f)
{
    using Pointer = decltype(&(object.*std::declval<Sim::Interval Result::*>()));
    const auto *m = std::get_if<Sim::Interval Result::*>(&f.member);
    return m ? &(object.**m) : static_cast<Pointer>(nullptr);
}

} // namespace Model::ResultsSchema
