// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <cmath>
#include <optional>

namespace Model {

/**
 * Reads the fields of ArchSim's own small JSON objects (a decision, a migration plan) by
 * hand, one typed field at a time, and reports each wrong one as a Problem at `prefix` +
 * its path ("$.steps[2].share"): what it must be, and the value it is. Nothing in Qt or
 * Debian validates JSON this way with our paths and sentences; the scenario format has its
 * own table-driven reader (ScenarioParser.cpp).
 */
class JsonFieldReader
{
public:
    JsonFieldReader(const QString &prefix, Problems *problems)
        : m_prefix(prefix)
        , m_problems(problems)
    {}

    void error(const QString &path, const QString &message)
    {
        m_ok = false;
        if (m_problems)
            m_problems->append({Problem::Severity::Error, m_prefix + path, message});
    }
    void warning(const QString &path, const QString &message)
    {
        if (m_problems)
            m_problems->append({Problem::Severity::Warning, m_prefix + path, message});
    }
    bool ok() const { return m_ok; }

    /** A warning for each key not in `known`: ignored, or kept (written back) unused. */
    void unknownKeys(const QJsonObject &o,
                     const QString &path,
                     const QStringList &known,
                     bool kept = false)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key()))
                warning(path + QLatin1Char('.') + it.key(),
                        QStringLiteral("unknown key '%1' is %2; the keys here are %3")
                            .arg(it.key(),
                                 kept ? QStringLiteral("kept but not used")
                                      : QStringLiteral("ignored"),
                                 known.join(QStringLiteral(", "))));
        }
    }

    QString string(const QJsonObject &o,
                   const QString &key,
                   const QString &path,
                   QString fallback = {})
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isString()) {
            error(path + QLatin1Char('.') + key, QStringLiteral("must be text in quotes"));
            return fallback;
        }
        return v.toString();
    }

    QString word(const QJsonObject &o,
                 const QString &key,
                 const QString &path,
                 const QString &fallback,
                 const QStringList &allowed)
    {
        const QString w = string(o, key, path, fallback);
        if (!allowed.contains(w)) {
            error(path + QLatin1Char('.') + key,
                  QStringLiteral("unknown value '%1'; use one of %2")
                      .arg(w, allowed.join(QStringLiteral(", "))));
            return fallback;
        }
        return w;
    }

    std::optional<double> number(const QJsonObject &o,
                                 const QString &key,
                                 const QString &path,
                                 double min,
                                 double max,
                                 const QString &unit = {})
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isDouble()) {
            error(path + QLatin1Char('.') + key, QStringLiteral("must be a number"));
            return std::nullopt;
        }
        const double d = v.toDouble();
        if (!std::isfinite(d) || d < min || d > max) {
            error(path + QLatin1Char('.') + key,
                  QStringLiteral("must be from %1 to %2%3 (it is %4)")
                      .arg(QString::number(min),
                           QString::number(max),
                           unit.isEmpty() ? QString() : QStringLiteral(" ") + unit,
                           QString::number(d)));
            return std::nullopt;
        }
        return d;
    }

    std::optional<int> integer(
        const QJsonObject &o, const QString &key, const QString &path, int min, int max)
    {
        const std::optional<double> d = number(o, key, path, min, max);
        if (!d)
            return std::nullopt;
        if (*d != std::floor(*d)) {
            error(path + QLatin1Char('.') + key,
                  QStringLiteral("must be a whole number (it is %1)").arg(*d));
            return std::nullopt;
        }
        return static_cast<int>(*d);
    }

    QJsonObject object(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isObject()) {
            error(path + QLatin1Char('.') + key, QStringLiteral("must be an object { ... }"));
            return {};
        }
        return v.toObject();
    }

    /** object(), but absent (or null) is nullopt, told apart from {}. */
    std::optional<QJsonObject> objectIfGiven(const QJsonObject &o,
                                             const QString &key,
                                             const QString &path)
    {
        if (o.value(key).isUndefined() || o.value(key).isNull())
            return std::nullopt;
        return object(o, key, path);
    }

    QJsonArray array(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray()) {
            error(path + QLatin1Char('.') + key, QStringLiteral("must be a list [ ... ]"));
            return {};
        }
        return v.toArray();
    }

private:
    QString m_prefix;
    Problems *m_problems;
    bool m_ok = true;
};

} // namespace Model
