// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonLocator.h"

#include "JsonPath.h"

#include <algorithm>

namespace Model {

namespace {
// Deeper than QJsonDocument accepts, so any document it read is scanned in full.
constexpr int kMaxDepth = 2048;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

JsonLocator::JsonLocator(const QByteArray &utf8)
    : m_text(utf8)
{
    m_lineStarts.push_back(0);
    for (qsizetype i = 0; i < m_text.size(); ++i) {
        if (m_text.at(i) == '\n')
            m_lineStarts.push_back(i + 1);
    }
    if (m_text.startsWith("\xEF\xBB\xBF"))
        m_pos = 3;
    skipWhitespace();
    scanValue(JsonPath::root(), 0);
}

JsonLocator::Position JsonLocator::positionOf(const QByteArray &utf8, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, utf8.size());
    Position p;
    p.line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (utf8.at(i) == '\n') {
            ++p.line;
            lineStart = i + 1;
        }
    }
    p.column = 1;
    for (qsizetype i = lineStart; i < offset; ++i) {
        // Count code points: skip UTF-8 continuation bytes.
        if ((static_cast<unsigned char>(utf8.at(i)) & 0xC0) != 0x80)
            ++p.column;
    }
    return p;
}

JsonLocator::Position JsonLocator::positionOfOffset(qsizetype offset) const
{
    const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    const auto lineIndex = static_cast<int>(it - m_lineStarts.begin()) - 1;
    Position p;
    p.line = lineIndex + 1;
    p.column = 1;
    for (qsizetype i = m_lineStarts[static_cast<size_t>(lineIndex)]; i < offset; ++i) {
        if ((static_cast<unsigned char>(m_text.at(i)) & 0xC0) != 0x80)
            ++p.column;
    }
    return p;
}

JsonLocator::Position JsonLocator::find(const QString &path) const
{
    QString p = path;
    while (!p.isEmpty()) {
        const auto it = m_offsets.constFind(p);
        if (it != m_offsets.constEnd())
            return positionOfOffset(it.value());
        p = JsonPath::parent(p);
    }
    return {};
}

void JsonLocator::skipWhitespace()
{
    while (m_pos < m_text.size()) {
        const char c = m_text.at(m_pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++m_pos;
    }
}

void JsonLocator::scanValue(const QString &path, int depth)
{
    if (m_failed || m_pos >= m_text.size() || depth > kMaxDepth) {
        m_failed = true;
        return;
    }
    if (!m_offsets.contains(path))
        m_offsets.insert(path, m_pos);
    const char c = m_text.at(m_pos);
    if (c == '{')
        scanObject(path, depth + 1);
    else if (c == '[')
        scanArray(path, depth + 1);
    else if (c == '"')
        scanString(nullptr);
    else
        skipScalar();
}

void JsonLocator::scanObject(const QString &path, int depth)
{
    ++m_pos; // '{'
    // Collected locally: the recursion below inserts into m_keys, which may rehash it.
    QStringList keys;
    skipWhitespace();
    if (m_pos < m_text.size() && m_text.at(m_pos) == '}') {
        ++m_pos;
        m_keys.insert(path, keys);
        return;
    }
    while (!m_failed && m_pos < m_text.size()) {
        skipWhitespace();
        if (m_pos >= m_text.size() || m_text.at(m_pos) != '"') {
            m_failed = true;
            break;
        }
        const qsizetype keyOffset = m_pos;
        QString key;
        if (!scanString(&key))
            break;
        const QString keyPath = JsonPath::key(path, key);
        if (keys.contains(key)) {
            if (!m_duplicates.contains(keyPath))
                m_duplicates.append(keyPath);
        } else {
            keys.append(key);
            m_offsets.insert(keyPath, keyOffset);
        }
        skipWhitespace();
        if (m_pos >= m_text.size() || m_text.at(m_pos) != ':') {
            m_failed = true;
            break;
        }
        ++m_pos;
        skipWhitespace();
        // The key's position stands for the member: scanValue keeps the first one recorded.
        scanValue(keyPath, depth);
        skipWhitespace();
        if (m_pos >= m_text.size()) {
            m_failed = true;
            break;
        }
        const char c = m_text.at(m_pos++);
        if (c == '}')
            break;
        if (c != ',') {
            m_failed = true;
            break;
        }
    }
    // A later object at the same path (a duplicate key) wins, as in QJsonDocument.
    m_keys.insert(path, keys);
}

void JsonLocator::scanArray(const QString &path, int depth)
{
    ++m_pos; // '['
    skipWhitespace();
    if (m_pos < m_text.size() && m_text.at(m_pos) == ']') {
        ++m_pos;
        return;
    }
    for (qsizetype i = 0; !m_failed && m_pos < m_text.size(); ++i) {
        skipWhitespace();
        scanValue(JsonPath::index(path, i), depth);
        skipWhitespace();
        if (m_pos >= m_text.size()) {
            m_failed = true;
            return;
        }
        const char c = m_text.at(m_pos++);
        if (c == ']')
            return;
        if (c != ',') {
            m_failed = true;
            return;
        }
    }
}

bool JsonLocator::scanString(QString *decoded)
{
    ++m_pos; // opening quote
    QByteArray raw;
    QString out;
    auto flush = [&] {
        if (decoded && !raw.isEmpty()) {
            out += QString::fromUtf8(raw);
            raw.clear();
        }
    };
    while (m_pos < m_text.size()) {
        const char c = m_text.at(m_pos++);
        if (c == '"') {
            flush();
            if (decoded)
                *decoded = out;
            return true;
        }
        if (c != '\\') {
            if (decoded)
                raw.append(c);
            continue;
        }
        if (m_pos >= m_text.size())
            break;
        const char e = m_text.at(m_pos++);
        if (!decoded) {
            if (e == 'u')
                m_pos += 4;
            continue;
        }
        flush();
        switch (e) {
        case 'b':
            out += QChar(u'\b');
            break;
        case 'f':
            out += QChar(u'\f');
            break;
        case 'n':
            out += QChar(u'\n');
            break;
        case 'r':
            out += QChar(u'\r');
            break;
        case 't':
            out += QChar(u'\t');
            break;
        case 'u': {
            if (m_pos + 4 > m_text.size()) {
                m_failed = true;
                return false;
            }
            int code = 0;
            for (int i = 0; i < 4; ++i) {
                const int h = hexValue(m_text.at(m_pos + i));
                if (h < 0) {
                    m_failed = true;
                    return false;
                }
                code = code * 16 + h;
            }
            m_pos += 4;
            // Surrogate halves are appended one by one; QString pairs them up.
            out += QChar(static_cast<char16_t>(code));
            break;
        }
        default:
            out += QLatin1Char(e);
            break; // '"', '\\', '/'
        }
    }
    m_failed = true;
    return false;
}

void JsonLocator::skipScalar()
{
    while (m_pos < m_text.size()) {
        const char c = m_text.at(m_pos);
        if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
            return;
        ++m_pos;
    }
}

} // namespace Model
