// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"

#include <QString>
#include <Qt>

/** Number formatting and item-model roles shared by the result and problem tables. */
namespace Ui {

/** Item-data role holding the unformatted value (double or QString): used for sorting and tests. */
constexpr int RawValueRole = Qt::UserRole;

/** Text alignment for a table cell: names left, numbers right (an int, as views expect). */
inline int alignment(bool text)
{
    return static_cast<int>(Qt::AlignVCenter | (text ? Qt::AlignLeft : Qt::AlignRight));
}

/** A count: an integer with group separators; a mean over replications keeps one decimal. */
QString formatCount(double value);
/** A latency in milliseconds with at least three significant digits ("0.512", "5.02", "431.7"). */
QString formatMilliseconds(double ms);
/** A rate or a mean level with one to three decimals depending on its size. */
QString formatDecimal(double value);
/** A fraction 0..1 as a percentage with one decimal ("83.4"). */
QString formatPercent(double fraction);
/** A large number with an SI suffix ("12.3 M", "850 k"). */
QString formatSi(double value);
/** Up to three decimals, no trailing zeros, no group separators: seconds, rates ("2000", "0.25"). */
QString formatPlain(double value);
/**
 * A duration given in milliseconds, in the unit a person reads it in, with two or three
 * significant digits and never in scientific notation: "0.25 ms", "4.2 ms", "120 ms",
 * "9.9 s", "42 s", "3.5 min", "2.1 h".
 */
QString formatDuration(double ms);
/** A rate per second, short: "0.5/s", "12.5/s", "998/s", "12.3k/s", "1.2M/s". */
QString formatRate(double perSecond);
/** Bytes per second in SI units: "950 B/s", "3.79 MB/s". */
QString formatByteRate(double bytesPerSecond);
/** A wall-clock duration ("0.42 s", "3 min 05 s"). */
QString formatWallTime(double seconds);
/** "95% CI: 4.91 – 5.08 ms" for a tooltip, or an empty string when there is no interval. */
QString formatInterval(const Sim::Interval &interval,
                       QString (*format)(double),
                       const QString &unit);

} // namespace Ui
