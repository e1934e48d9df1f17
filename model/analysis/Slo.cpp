// SPDX-License-Identifier: GPL-3.0-or-later
#include "Slo.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace Model {

namespace {

struct FigureWord
{
    const char *word;
    SloCondition::Figure figure;
};

constexpr FigureWord kFigures[] = {
    {"mean", SloCondition::Figure::Mean},
    {"p50", SloCondition::Figure::P50},
    {"p90", SloCondition::Figure::P90},
    {"p95", SloCondition::Figure::P95},
    {"p99", SloCondition::Figure::P99},
    {"p999", SloCondition::Figure::P999},
    {"max", SloCondition::Figure::Max},
    {"errors", SloCondition::Figure::Errors},
};

QString figureWord(SloCondition::Figure figure)
{
    for (const FigureWord &f : kFigures) {
        if (f.figure == figure)
            return QString::fromLatin1(f.word);
    }
    return {};
}

QString figureWords()
{
    QStringList words;
    for (const FigureWord &f : kFigures)
        words << QString::fromLatin1(f.word);
    return words.join(QStringLiteral(", "));
}

} // namespace

QString Slo::text() const
{
    QStringList parts;
    for (const SloCondition &c : conditions)
        parts << c.text;
    return parts.join(QLatin1Char(','));
}

std::optional<Slo> parseSlo(const QString &text, QString *error)
{
    // figure, operator, number, unit; spaces allowed around each
    static const QRegularExpression condition(
        QStringLiteral("^\\s*([A-Za-z0-9]+)\\s*(<=|<)\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)"
                       "\\s*(ms|s|%)?\\s*$"));
    Slo slo;
    qsizetype position = 1;
    const QStringList parts = text.split(QLatin1Char(','));
    auto fail = [&](const QString &part, const QString &why) {
        if (error)
            *error = QStringLiteral("SLO \"%1\", at character %2 (\"%3\"): %4")
                         .arg(text)
                         .arg(position)
                         .arg(part.trimmed(), why);
        return std::nullopt;
    };
    if (text.trimmed().isEmpty()) {
        if (error)
            *error = QStringLiteral("the SLO is empty; write e.g. \"p99<200ms,errors<1%\"");
        return std::nullopt;
    }
    for (const QString &part : parts) {
        const QRegularExpressionMatch m = condition.match(part);
        if (!m.hasMatch()) {
            if (part.trimmed().isEmpty())
                return fail(part,
                            QStringLiteral(
                                "an empty condition; separate conditions with one comma"));
            return fail(part,
                        QStringLiteral(
                            "expected FIGURE<LIMIT, e.g. p99<200ms, mean<=40ms or errors<1%"));
        }
        const QString word = m.captured(1).toLower();
        std::optional<SloCondition::Figure> figure;
        for (const FigureWord &f : kFigures) {
            if (word == QLatin1String(f.word))
                figure = f.figure;
        }
        if (!figure)
            return fail(part,
                        QStringLiteral("'%1' is not a figure; use one of %2")
                            .arg(m.captured(1), figureWords()));
        SloCondition c;
        c.figure = *figure;
        c.orEqual = m.captured(2) == QLatin1String("<=");
        const double value = m.captured(3).toDouble();
        const QString unit = m.captured(4);
        if (c.figure == SloCondition::Figure::Errors) {
            if (unit == QLatin1String("%"))
                c.limit = value / 100.0;
            else if (unit.isEmpty())
                c.limit = value;
            else
                return fail(part,
                            QStringLiteral("errors are a percentage (errors<1%) or a fraction "
                                           "(errors<0.01), not %1")
                                .arg(unit));
            if (c.limit > 1)
                return fail(part, QStringLiteral("an error rate above 100% always holds"));
        } else {
            if (unit == QLatin1String("ms"))
                c.limit = value;
            else if (unit == QLatin1String("s"))
                c.limit = value * 1000.0;
            else
                return fail(part,
                            QStringLiteral("give the latency's unit, ms or s (e.g. %1<%2ms)")
                                .arg(word, m.captured(3)));
        }
        if (!(c.limit > 0) && !c.orEqual)
            return fail(part, QStringLiteral("no run can be below 0; give a limit above 0"));
        c.text = part.trimmed();
        slo.conditions.append(c);
        position += part.size() + 1;
    }
    return slo;
}

double sloFigure(const SloCondition &c, const Sim::RequestResult &all)
{
    switch (c.figure) {
    case SloCondition::Figure::Mean:
        return all.latencyMs.mean;
    case SloCondition::Figure::P50:
        return all.latencyMs.p50;
    case SloCondition::Figure::P90:
        return all.latencyMs.p90;
    case SloCondition::Figure::P95:
        return all.latencyMs.p95;
    case SloCondition::Figure::P99:
        return all.latencyMs.p99;
    case SloCondition::Figure::P999:
        return all.latencyMs.p999;
    case SloCondition::Figure::Max:
        return all.latencyMs.max;
    case SloCondition::Figure::Errors: {
        const double ended = all.completed + all.failed;
        return ended > 0 ? all.failed / ended : 0.0;
    }
    }
    return 0;
}

bool sloHolds(const Slo &slo, const Sim::RequestResult &all)
{
    return checkSlo(slo, all).holds;
}

SloVerdict checkSlo(const Slo &slo, const Sim::RequestResult &all)
{
    SloVerdict verdict;
    verdict.slo = slo;
    verdict.holds = true;
    for (const SloCondition &c : slo.conditions) {
        SloCheck check;
        check.condition = c;
        check.value = sloFigure(c, all);
        // a run in which nothing completed meets no latency objective
        const bool measured = c.figure == SloCondition::Figure::Errors || all.completed > 0;
        check.holds = measured && (c.orEqual ? check.value <= c.limit : check.value < c.limit);
        verdict.holds = verdict.holds && check.holds;
        verdict.checks.push_back(check);
    }
    return verdict;
}

std::optional<SloVerdict> sloVerdictOf(const QString &sloText, const Sim::RunResult &run)
{
    if (sloText.trimmed().isEmpty() || run.requests.empty())
        return std::nullopt;
    QString error;
    const std::optional<Slo> slo = parseSlo(sloText, &error);
    if (!slo)
        return std::nullopt;
    return checkSlo(*slo, run.requests.front());
}

QString sloCheckText(const SloCheck &check)
{
    const SloCondition &c = check.condition;
    const bool errors = c.figure == SloCondition::Figure::Errors;
    const auto number = [errors](double v) {
        const double shown = errors ? v * 100 : v;
        const int prec = std::abs(shown) >= 100 ? 0 : (std::abs(shown) >= 10 ? 1 : 2);
        return QString::number(shown, 'f', prec)
               + (errors ? QStringLiteral("%") : QStringLiteral(" ms"));
    };
    const QString word = figureWord(c.figure);
    const QString op = check.holds ? (c.orEqual ? QStringLiteral("≤") : QStringLiteral("<"))
                                   : (c.orEqual ? QStringLiteral(">") : QStringLiteral("≥"));
    return QStringLiteral("%1 %2 %3 %4").arg(word, number(check.value), op, number(c.limit));
}

QJsonObject sloVerdictToJson(const SloVerdict &verdict)
{
    QJsonArray conditions;
    for (const SloCheck &check : verdict.checks) {
        const QString word = figureWord(check.condition.figure);
        conditions.append(QJsonObject{{QStringLiteral("text"), check.condition.text},
                                      {QStringLiteral("figure"), word},
                                      {QStringLiteral("value"), check.value},
                                      {QStringLiteral("limit"), check.condition.limit},
                                      {QStringLiteral("holds"), check.holds}});
    }
    return QJsonObject{{QStringLiteral("text"), verdict.slo.text()},
                       {QStringLiteral("holds"), verdict.holds},
                       {QStringLiteral("conditions"), conditions}};
}

} // namespace Model
