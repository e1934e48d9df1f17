// SPDX-License-Identifier: GPL-3.0-or-later
#include "Formatting.h"

#include <QLocale>

#include <cmath>

namespace Ui {

namespace {

const QString kMissing = QStringLiteral("–");

QString fixed(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

} // namespace

QString formatCount(double value)
{
    if (!std::isfinite(value))
        return kMissing;
    // With several replications a count is a mean and may be fractional.
    const bool integral = std::abs(value - std::round(value)) < 1e-9;
    return fixed(value, integral ? 0 : 1);
}

QString formatMilliseconds(double ms)
{
    if (!std::isfinite(ms))
        return kMissing;
    const double magnitude = std::abs(ms);
    if (magnitude == 0)
        return fixed(0, 0);
    if (magnitude < 10)
        return fixed(ms, 3);
    if (magnitude < 100)
        return fixed(ms, 2);
    if (magnitude < 10000)
        return fixed(ms, 1);
    return fixed(ms, 0);
}

QString formatDecimal(double value)
{
    if (!std::isfinite(value))
        return kMissing;
    const double magnitude = std::abs(value);
    if (magnitude == 0)
        return fixed(0, 0);
    if (magnitude < 10)
        return fixed(value, 3);
    if (magnitude < 1000)
        return fixed(value, 2);
    return fixed(value, 1);
}

QString formatPercent(double fraction)
{
    if (!std::isfinite(fraction))
        return kMissing;
    return fixed(fraction * 100, 1);
}

QString formatSi(double value)
{
    if (!std::isfinite(value))
        return kMissing;
    const double magnitude = std::abs(value);
    if (magnitude >= 1e9)
        return fixed(value / 1e9, 2) + QStringLiteral(" G");
    if (magnitude >= 1e6)
        return fixed(value / 1e6, 2) + QStringLiteral(" M");
    if (magnitude >= 1e4)
        return fixed(value / 1e3, 1) + QStringLiteral(" k");
    return fixed(value, 0);
}

QString formatPlain(double value)
{
    if (!std::isfinite(value))
        return kMissing;
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    QString text = locale.toString(value, 'f', 3);
    const QString point = locale.decimalPoint();
    if (text.contains(point)) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(point.size());
    }
    return text;
}

QString formatWallTime(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return kMissing;
    if (seconds < 10)
        return fixed(seconds, 2) + QStringLiteral(" s");
    if (seconds < 60)
        return fixed(seconds, 1) + QStringLiteral(" s");
    const auto whole = static_cast<long long>(std::llround(seconds));
    return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

QString formatInterval(const Sim::Interval &interval,
                       QString (*format)(double),
                       const QString &unit)
{
    if (!interval)
        return {};
    QString text
        = QStringLiteral("95% CI: %1 – %2").arg(format(interval->first), format(interval->second));
    if (!unit.isEmpty())
        text += QLatin1Char(' ') + unit;
    return text;
}

} // namespace Ui
