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

namespace {

/** `value` with `significant` digits, but no digits below the unit's (a whole number
 *  keeps its digits: 998, not 1e+03), and no trailing zeros. */
QString significant(double value, int digits)
{
    const double magnitude = std::abs(value);
    const int integerDigits = magnitude >= 1
                                  ? static_cast<int>(std::floor(std::log10(magnitude))) + 1
                                  : 0;
    int decimals = std::max(0, digits - integerDigits);
    if (magnitude > 0 && magnitude < 1) // 0.0042: the digits start after the zeros
        decimals = std::min(6, digits - 1 - static_cast<int>(std::floor(std::log10(magnitude))));
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    QString text = locale.toString(value, 'f', decimals);
    const QString point = locale.decimalPoint();
    if (text.contains(point)) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(point.size());
    }
    return text;
}

} // namespace

QString formatDuration(double ms)
{
    if (!std::isfinite(ms))
        return kMissing;
    const double magnitude = std::abs(ms);
    // the limits are where the rounded figure reaches the next unit: 999.7 ms is "1 s"
    if (magnitude < 999.5)
        return significant(ms, 2) + QStringLiteral(" ms");
    if (magnitude < 59.95e3)
        return significant(ms / 1e3, 2) + QStringLiteral(" s");
    if (magnitude < 3597e3)
        return significant(ms / 60e3, 2) + QStringLiteral(" min");
    return significant(ms / 3600e3, 2) + QStringLiteral(" h");
}

QString formatRate(double perSecond)
{
    if (!std::isfinite(perSecond))
        return kMissing;
    const double magnitude = std::abs(perSecond);
    if (magnitude < 9999.5)
        return significant(perSecond, 3) + QStringLiteral("/s");
    if (magnitude < 9999.5e3)
        return significant(perSecond / 1e3, 3) + QStringLiteral("k/s");
    return significant(perSecond / 1e6, 3) + QStringLiteral("M/s");
}

QString formatByteRate(double bytesPerSecond)
{
    if (!std::isfinite(bytesPerSecond))
        return kMissing;
    const double magnitude = std::abs(bytesPerSecond);
    if (magnitude < 999.5)
        return significant(bytesPerSecond, 3) + QStringLiteral(" B/s");
    if (magnitude < 999.5e3)
        return significant(bytesPerSecond / 1e3, 3) + QStringLiteral(" kB/s");
    if (magnitude < 999.5e6)
        return significant(bytesPerSecond / 1e6, 3) + QStringLiteral(" MB/s");
    return significant(bytesPerSecond / 1e9, 3) + QStringLiteral(" GB/s");
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
