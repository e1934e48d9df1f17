// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonPath.h"

namespace Model::JsonPath {

static bool isPlainKey(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (QChar c : key) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
                        || u == '_' || u == '-';
        if (!ok)
            return false;
    }
    return true;
}

QString key(const QString &base, const QString &key)
{
    if (isPlainKey(key))
        return base + QLatin1Char('.') + key;
    QString quoted = key;
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    quoted.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return base + QLatin1String("[\"") + quoted + QLatin1String("\"]");
}

QString index(const QString &base, qsizetype i)
{
    return base + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

QString parent(const QString &path)
{
    if (path.size() <= 1)
        return {};
    if (path.endsWith(QLatin1Char(']'))) {
        if (path.endsWith(QLatin1String("\"]"))) {
            // A quoted key: the opening [" is the last one, since a quote inside the key
            // is always escaped (\") and so never follows a '[' directly.
            const qsizetype open = path.lastIndexOf(QLatin1String("[\""), path.size() - 3);
            if (open > 0)
                return path.left(open);
            return {};
        }
        const qsizetype open = path.lastIndexOf(QLatin1Char('['));
        return open > 0 ? path.left(open) : QString();
    }
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    return dot > 0 ? path.left(dot) : QString();
}

bool isWithin(const QString &path, const QString &ancestor)
{
    if (!path.startsWith(ancestor))
        return false;
    if (path.size() == ancestor.size())
        return true;
    const QChar next = path.at(ancestor.size());
    return next == QLatin1Char('.') || next == QLatin1Char('[');
}

} // namespace Model::JsonPath
