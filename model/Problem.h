// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace Model {

/** One thing wrong (or worth a warning) in a document, with where it is. */
struct Problem
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString path;    ///< JSON path, e.g. "$.components[2].handlers.browse[0].cpu_ms"
    QString message; ///< a plain sentence that says what is wrong and what to do
    int line = 0;    ///< 1-based line in the source text, 0 when unknown
    int column = 0;  ///< 1-based column, 0 when unknown

    bool isError() const { return severity == Severity::Error; }
    /** "error: line 12: $.components[2].replicas: must be at least 1" */
    QString toString() const;
    bool operator==(const Problem &) const = default;
};

using Problems = QList<Problem>;

bool hasErrors(const Problems &problems);

} // namespace Model
