// SPDX-License-Identifier: GPL-3.0-or-later
#include "Problem.h"

#include <algorithm>

namespace Model {

QString Problem::toString() const
{
    QString s = isError() ? QStringLiteral("error: ") : QStringLiteral("warning: ");
    if (line > 0) {
        s += QStringLiteral("line %1").arg(line);
        // Without a JSON path (a syntax error) the column is all there is to go by.
        if (path.isEmpty() && column > 0)
            s += QStringLiteral(", column %1").arg(column);
        s += QStringLiteral(": ");
    }
    if (!path.isEmpty())
        s += path + QStringLiteral(": ");
    return s + message;
}

bool hasErrors(const Problems &problems)
{
    return std::any_of(problems.cbegin(), problems.cend(), [](const Problem &p) {
        return p.isError();
    });
}

} // namespace Model
