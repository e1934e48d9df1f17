// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace Model {

/**
 * Where each JSON path lies in the source text, and the order in which object keys were
 * written. QJsonDocument keeps neither (it has no positions and sorts keys), so this scans
 * the raw text once by hand; no maintained Qt-compatible library offers it. Feed it text
 * that QJsonDocument accepted: on anything else it stops early and knows less, but it
 * never reads out of bounds.
 */
class JsonLocator
{
public:
    struct Position
    {
        int line = 0;   ///< 1-based, 0 when unknown
        int column = 0; ///< 1-based, counted in characters (code points)
    };

    explicit JsonLocator(const QByteArray &utf8);

    /** Position of `path` (an object key's opening quote, or an array element's first
     *  character); for a path not in the text, that of its nearest ancestor. */
    Position find(const QString &path) const;
    bool contains(const QString &path) const { return m_offsets.contains(path); }
    /** The keys of the object at `path`, in the order written (first occurrence). */
    QStringList keys(const QString &objectPath) const { return m_keys.value(objectPath); }
    /** Paths of keys written more than once in the same object. */
    const QStringList &duplicateKeys() const { return m_duplicates; }

    /** Line and column of a byte offset in `utf8`. */
    static Position positionOf(const QByteArray &utf8, qsizetype offset);

private:
    void scanValue(const QString &path, int depth);
    void scanObject(const QString &path, int depth);
    void scanArray(const QString &path, int depth);
    bool scanString(QString *decoded);
    void skipWhitespace();
    void skipScalar();
    Position positionOfOffset(qsizetype offset) const;

    const QByteArray m_text;
    qsizetype m_pos = 0;
    bool m_failed = false;
    std::vector<qsizetype> m_lineStarts;
    QHash<QString, qsizetype> m_offsets;
    QHash<QString, QStringList> m_keys;
    QStringList m_duplicates;
};

} // namespace Model
