// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/**
 * JSON paths as problems report them: "$.components[2].handlers.browse[0].cpu_ms".
 * A key made of letters, digits, '_' and '-' is written after a dot; any other key is
 * quoted in brackets ("$.components[0].routes[\"*\"]"). The parser, the validator and
 * the locator all build paths with these functions, so the same place has the same path.
 */
namespace Model::JsonPath {

inline QString root()
{
    return QStringLiteral("$");
}
QString key(const QString &base, const QString &key);
QString index(const QString &base, qsizetype i);
/** The path one level up ("$.a.b[2]" -> "$.a.b"); empty for "$". */
QString parent(const QString &path);
/** True when `path` is `ancestor` or lies inside it. */
bool isWithin(const QString &path, const QString &ancestor);

} // namespace Model::JsonPath
