// SPDX-License-Identifier: GPL-3.0-or-later
// The reference tables of docs/scenario-format.md, printed from the format's tables so the
// documentation cannot drift from what the parser, validator and compiler do.
#include "Schema.h"

#include <cmath>

namespace Model::Format {

namespace {

QString number(double v)
{
    if (std::isinf(v))
        return {};
    if (v == std::floor(v) && std::fabs(v) >= 1e5) {
        // 100000000 -> 100,000,000; 2^31 - 1, 2^32 and 2^63 - 1 read better as powers
        if (v == 2147483647.0)
            return QStringLiteral("2^31 − 1");
        if (v == 4294967296.0)
            return QStringLiteral("2^32");
        if (v == 1e12)
            return QStringLiteral("10^12");
        // the largest qint64, written as a double, rounds up to 2^63, which no qint64 holds
        if (v == 9223372036854775807.0)
            return QStringLiteral("2^63 − 1");
        if (std::fabs(v) < 9223372036854775807.0) {
            QString digits = QString::number(static_cast<qint64>(v));
            for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
                digits.insert(i, QLatin1Char(','));
            return digits;
        }
    }
    return QString::number(v, 'g', 12);
}

QString code(const QString &s)
{
    return QLatin1Char('`') + s + QLatin1Char('`');
}

template<typename Owner>
QString typeOf(const Field<Owner> &f)
{
    if (f.part == Part::AnyValue)
        return QStringLiteral("any");
    if (f.part != Part::None && f.part != Part::MaxLength && f.part != Part::Steps)
        return QStringLiteral("list");
    if (f.refers != Refers::None)
        return QStringLiteral("component id");
    if (!f.words.empty())
        return QStringLiteral("word");
    // a size: a number or a distribution, as a duration is
    if (f.unit && qstrcmp(f.unit, "KB") == 0)
        return QStringLiteral("size (KB)");
    return std::visit(
        [](auto member) -> QString {
            using M = decltype(member);
            if constexpr (
                std::is_same_v<
                    M,
                    std::optional<int> Owner::
                        *> || std::is_same_v<M, std::optional<qint64> Owner::*> || std::is_same_v<M, int Owner::*> || std::is_same_v<M, quint64 Owner::*>)
                return QStringLiteral("integer");
            else if constexpr (std::is_same_v<M,
                                              std::optional<double>
                                                  Owner::*> || std::is_same_v<M, double Owner::*>)
                return QStringLiteral("number");
            else if constexpr (std::is_same_v<M, std::optional<bool> Owner::*>)
                return QStringLiteral("true/false");
            else if constexpr (std::is_same_v<M, QString Owner::*>)
                return QStringLiteral("text");
            else if constexpr (std::is_same_v<M,
                                              std::optional<Distribution> Owner::
                                                  *> || std::is_same_v<M, Distribution Owner::*>)
                return QStringLiteral("duration (ms)");
            else if constexpr (std::is_same_v<M, std::vector<Step> Owner::*>)
                return QStringLiteral("steps");
            else if constexpr (std::is_same_v<M, QStringList Owner::*>)
                return QStringLiteral("list of names");
            else if constexpr (std::is_same_v<M, std::monostate>)
                return QString();
            else
                return QStringLiteral("object");
        },
        f.member);
}

template<typename Owner>
QString defaultOf(const Field<Owner> &f)
{
    if (f.defaultNote)
        return QString::fromUtf8(f.defaultNote);
    if (f.defaultWord)
        return code(QString::fromLatin1(f.defaultWord));
    if (f.deflt) {
        if (std::holds_alternative<std::optional<bool> Owner::*>(f.member))
            return *f.deflt != 0 ? QStringLiteral("true") : QStringLiteral("false");
        return number(*f.deflt);
    }
    if (f.required)
        return QStringLiteral("required");
    return {};
}

QString kindOf(Refers refers)
{
    switch (refers) {
    case Refers::None:
        break;
    case Refers::Any:
        return QStringLiteral("any component");
    case Refers::Requests:
        return QStringLiteral("a component that takes requests");
    case Refers::Service:
        return QStringLiteral("a service");
    case Refers::Cache:
        return QStringLiteral("a cache");
    case Refers::Queue:
        return QStringLiteral("a queue");
    }
    return {};
}

template<typename Owner>
QString allowedOf(const Field<Owner> &f)
{
    if (f.refers != Refers::None)
        return kindOf(f.refers);
    if (!f.words.empty()) {
        QStringList words;
        for (const Word &w : f.words)
            words.append(code(QString::fromLatin1(w.word)));
        return words.join(QStringLiteral(", "));
    }
    const Range &r = f.range;
    const QString lo = number(r.min), hi = number(r.max);
    if (lo.isEmpty() && hi.isEmpty())
        return {};
    if (hi.isEmpty())
        return (r.minIncluded ? QStringLiteral("≥ ") : QStringLiteral("> ")) + lo;
    if (!r.minIncluded)
        return QStringLiteral("> %1 and ≤ %2").arg(lo, hi);
    return QStringLiteral("%1 to %2").arg(lo, hi);
}

template<typename Owner>
void table(QString &out, const QString &title, Table<Owner> rows, const QString &appliesHeader = {})
{
    out += QStringLiteral("\n#### %1\n\n").arg(title);
    const bool applies = !appliesHeader.isEmpty();
    out += QStringLiteral(
               "| field | type | default | allowed |%1 meaning |\n|---|---|---|---|%2---|\n")
               .arg(applies ? QStringLiteral(" ") + appliesHeader + QStringLiteral(" |")
                            : QString(),
                    applies ? QStringLiteral("---|") : QString());
    for (const Field<Owner> &f : rows) {
        QString cells
            = QStringLiteral("| %1 | %2 | %3 | %4 |")
                  .arg(code(QString::fromLatin1(f.key)), typeOf(f), defaultOf(f), allowedOf(f));
        if (applies) {
            cells += QLatin1Char(' ')
                     + (f.appliesTo ? QString::fromLatin1(f.appliesTo)
                                          .replace(QLatin1Char(' '), QStringLiteral(", "))
                                    : QStringLiteral("all"))
                     + QStringLiteral(" |");
        }
        QString meaning = QString::fromUtf8(f.tip ? f.tip : (f.label ? f.label : ""));
        meaning.replace(QLatin1Char('|'), QStringLiteral("\\|"));
        out += cells + QLatin1Char(' ') + meaning + QStringLiteral(" |\n");
    }
}

} // namespace

QString referenceTables()
{
    QString out;
    table(out, QStringLiteral("simulation"), simulationFields());
    table(out, QStringLiteral("workload"), workloadFields());
    table(out, QStringLiteral("workload.arrivals"), arrivalFields(), QStringLiteral("kinds"));
    table(out, QStringLiteral("workload.requests[]"), requestTypeFields());
    table(out, QStringLiteral("service"), serviceFields());
    table(out,
          QStringLiteral("service.concurrency"),
          concurrencyFields(),
          QStringLiteral("models"));
    table(out, QStringLiteral("service.autoscaling"), autoscalingFields());
    table(out, QStringLiteral("service.health_check"), healthCheckFields());
    table(out, QStringLiteral("service.compression"), compressionFields());
    table(out, QStringLiteral("load_balancer"), loadBalancerFields());
    table(out, QStringLiteral("gateway"), gatewayFields());
    table(out, QStringLiteral("gateway.routes.NAME[]"), routeTargetFields());
    table(out, QStringLiteral("database"), databaseFields());
    table(out, QStringLiteral("cache"), cacheFields());
    table(out, QStringLiteral("queue"), queueFields());
    table(out, QStringLiteral("queue.consumers[]"), consumerFields());
    table(out, QStringLiteral("service.modules[]"), moduleFields());
    table(out, QStringLiteral("external"), externalFields());
    table(out, QStringLiteral("cpu_ms step"), stepFields(Step::Kind::Cpu));
    table(out, QStringLiteral("io_ms step"), stepFields(Step::Kind::Io));
    table(out, QStringLiteral("call step"), stepFields(Step::Kind::Call));
    table(out, QStringLiteral("call step: circuit_breaker"), circuitBreakerFields());
    table(out, QStringLiteral("parallel step"), stepFields(Step::Kind::Parallel));
    table(out, QStringLiteral("publish step"), stepFields(Step::Kind::Publish));
    table(out, QStringLiteral("cache step"), stepFields(Step::Kind::Cache));
    table(out, QStringLiteral("probability step"), stepFields(Step::Kind::Probability));
    table(out, QStringLiteral("faults[]"), faultFields(), QStringLiteral("kinds"));
    table(out, QStringLiteral("cost"), costFields());
    table(out, QStringLiteral("network (top level and call step)"), networkFields());
    table(out, QStringLiteral("lesson"), lessonFields());
    table(out, QStringLiteral("lesson.try[]"), lessonTryFields());
    table(out, QStringLiteral("what_if"), whatIfFields());
    table(out, QStringLiteral("what_if.pinned[]"), whatIfPinFields());
    return out;
}

} // namespace Model::Format
