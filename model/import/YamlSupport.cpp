// SPDX-License-Identifier: GPL-3.0-or-later
#include "YamlSupport.h"

#include "ScenarioLimits.h"

#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <set>

namespace Model::ImportYaml {

namespace {

SourceLocation markLocation(const QString &file, const YAML::Mark &mark)
{
    SourceLocation where;
    where.file = file;
    // yaml-cpp counts lines and columns from 0; -1 for a node without a position
    where.line = mark.line >= 0 ? mark.line + 1 : 0;
    where.column = mark.column >= 0 ? mark.column + 1 : 0;
    return where;
}

QString describe(const YAML::Node &node)
{
    if (node.IsSequence())
        return QStringLiteral("a list");
    if (node.IsMap())
        return QStringLiteral("a map");
    return QLatin1Char('\'') + scalar(node) + QLatin1Char('\'');
}

// Merges nest (an anchor may merge another); a file that nests them deeper than this is
// read as if the deeper merges were not there.
constexpr int kMaxMergeDepth = 16;

YAML::Node getMerged(const YAML::Node &node, const char *key, int depth)
{
    if (!node.IsMap() || depth > kMaxMergeDepth)
        return YAML::Node(YAML::NodeType::Undefined);
    // yaml-cpp answers a missing key with a "zombie" node that throws on anything but
    // IsDefined(): look at nothing else of it
    const YAML::Node value = node[key];
    if (value.IsDefined())
        return value;
    const YAML::Node merge = node["<<"];
    if (!merge.IsDefined())
        return YAML::Node(YAML::NodeType::Undefined);
    if (merge.IsMap())
        return getMerged(merge, key, depth + 1);
    if (merge.IsSequence()) {
        // YAML merge: earlier maps in the list win
        for (const YAML::Node &m : merge) {
            const YAML::Node v = getMerged(m, key, depth + 1);
            if (v.IsDefined())
                return v;
        }
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

// yaml-cpp 0.7 reads a quoted scalar that is never closed up to the end of its document and
// accepts it: a Compose file with `A: "x` on one line loses every line after it into that
// value, silently. So each quoted scalar's closing quote is looked for here, by hand (no
// option of yaml-cpp does it): from its opening quote, `\` escapes in double quotes and
// `''` in single quotes skipped.
bool quoteClosed(const std::string &text, std::size_t open)
{
    const char quote = text[open];
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        const char c = text[i];
        if (quote == '"' && c == '\\') {
            ++i;
        } else if (c == quote) {
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'')
                ++i;
            else
                return true;
        }
    }
    return false;
}

// Throws yaml-cpp's own exception for the first quoted scalar of `node` that is not closed.
// A map or list is looked into once, however many aliases name it (`seen`: their positions).
void checkQuotesClosed(const YAML::Node &node, const std::string &text, std::set<int> &seen)
{
    const YAML::Mark mark = node.Mark();
    if (node.IsScalar()) {
        if (node.Tag() != "!" || mark.pos < 0 || std::size_t(mark.pos) >= text.size())
            return;
        const char c = text[std::size_t(mark.pos)];
        if ((c == '"' || c == '\'') && !quoteClosed(text, std::size_t(mark.pos)))
            throw YAML::ParserException(mark,
                                        "a quoted value is not closed: its closing quote is "
                                        "missing");
        return;
    }
    if (!(node.IsMap() || node.IsSequence()) || !seen.insert(mark.pos).second)
        return;
    for (const auto &item : node) {
        if (node.IsMap()) {
            checkQuotesClosed(item.first, text, seen);
            checkQuotesClosed(item.second, text, seen);
        } else {
            checkQuotesClosed(item, text, seen);
        }
    }
}

} // namespace

QString scalar(const YAML::Node &node)
{
    return node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

std::vector<YAML::Node> loadAll(const QByteArray &text,
                                const QString &fileName,
                                QList<ImportError> *errors)
{
    // yaml-cpp 0.7's LoadAll can loop for ever on some malformed text, appending documents
    // until memory runs out (tst_fuzzimport met one: a line of a Compose file pasted into
    // another). YAML::Load reads one document and stops, so the text is split here at its
    // document markers ("---" or "..." at the start of a line, which YAML forbids as content
    // there) and each part is loaded alone, after as many empty lines as precede it in the
    // file, so that its nodes keep the file's line numbers. A part of comments and blank lines
    // only (the text before the first "---", with any %directive) is no document, as for LoadAll.
    const QList<QByteArray> lines = text.split('\n');
    auto isMarker = [](const QByteArray &line, const char *marker) {
        return line.startsWith(marker)
               && (line.size() == 3 || line.at(3) == ' ' || line.at(3) == '\t'
                   || line.at(3) == '\r');
    };
    std::vector<YAML::Node> docs;
    try {
        qsizetype first = 0;             // the first line of the current part
        auto load = [&](qsizetype end) { // lines [first, end)
            bool content = false;
            QByteArray part(first, '\n');
            for (qsizetype i = first; i < end; ++i) {
                const QByteArray trimmed = lines.at(i).trimmed();
                content = content
                          || (!trimmed.isEmpty() && !trimmed.startsWith('#')
                              && !trimmed.startsWith('%'));
                part += lines.at(i);
                // the text's own newlines and no more, so an error at its end keeps its line
                if (i + 1 < lines.size())
                    part += '\n';
            }
            if (content) {
                const std::string doc = part.toStdString();
                docs.push_back(YAML::Load(doc));
                std::set<int> seen;
                checkQuotesClosed(docs.back(), doc, seen);
            }
        };
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (isMarker(lines.at(i), "---")) { // starts a document
                load(i);
                first = i;
            } else if (isMarker(lines.at(i), "...")) { // ends one
                load(i + 1);
                first = i + 1;
            }
        }
        load(lines.size());
        return docs;
    } catch (const YAML::Exception &e) {
        ImportError error;
        error.where = markLocation(fileName, e.mark);
        error.message
            = QStringLiteral("this is not valid YAML: %1").arg(QString::fromStdString(e.msg));
        errors->append(error);
    }
    return {};
}

SourceLocation Reader::at(const YAML::Node &node) const
{
    if (!node.IsDefined()) {
        SourceLocation where;
        where.file = m_file;
        return where;
    }
    return markLocation(m_file, node.Mark());
}

void Reader::error(const YAML::Node &node, const QString &message) const
{
    error(at(node), message);
}

void Reader::error(const SourceLocation &where, const QString &message) const
{
    m_errors->append(ImportError{where, message});
}

YAML::Node Reader::get(const YAML::Node &node, const char *key)
{
    return getMerged(node, key, 0);
}

bool Reader::has(const YAML::Node &node, const char *key)
{
    return get(node, key).IsDefined();
}

std::optional<QString> Reader::text(const YAML::Node &node, const QString &key) const
{
    if (!node.IsDefined() || node.IsNull())
        return std::nullopt;
    if (!node.IsScalar()) {
        error(node, QStringLiteral("%1 must be a single value, not %2").arg(key, describe(node)));
        return std::nullopt;
    }
    return scalar(node);
}

std::optional<int> Reader::integer(const YAML::Node &node,
                                   const QString &key,
                                   int min,
                                   int max) const
{
    const std::optional<QString> t = text(node, key);
    if (!t)
        return std::nullopt;
    bool ok = false;
    const qlonglong v = t->trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max) {
        error(node,
              QStringLiteral("%1 must be a whole number from %2 to %3 (it is %4)")
                  .arg(key)
                  .arg(min)
                  .arg(max)
                  .arg(describe(node)));
        return std::nullopt;
    }
    return int(v);
}

std::optional<double> Reader::number(const YAML::Node &node, const QString &key) const
{
    const std::optional<QString> t = text(node, key);
    if (!t)
        return std::nullopt;
    bool ok = false;
    const double v = t->trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < 0 || v > Limits::kMaxDurationS) {
        error(node,
              QStringLiteral("%1 must be a number from 0 to 100000000 (it is %2)")
                  .arg(key, describe(node)));
        return std::nullopt;
    }
    return v;
}

std::optional<bool> Reader::boolean(const YAML::Node &node, const QString &key) const
{
    const std::optional<QString> t = text(node, key);
    if (!t)
        return std::nullopt;
    const QString v = t->trimmed().toLower();
    if (v == QLatin1String("true") || v == QLatin1String("yes") || v == QLatin1String("on"))
        return true;
    if (v == QLatin1String("false") || v == QLatin1String("no") || v == QLatin1String("off"))
        return false;
    error(node, QStringLiteral("%1 must be true or false (it is %2)").arg(key, describe(node)));
    return std::nullopt;
}

std::optional<double> Reader::duration(const YAML::Node &node, const QString &key) const
{
    const std::optional<QString> t = text(node, key);
    if (!t)
        return std::nullopt;
    std::optional<double> v = parseDuration(*t);
    if (v && *v > Limits::kMaxDurationS)
        v.reset();
    if (!v)
        error(node,
              QStringLiteral("%1 must be a duration such as 30s, 1m30s or 500ms, at most 10^8 s "
                             "(it is %2)")
                  .arg(key, describe(node)));
    return v;
}

std::optional<double> Reader::memoryMb(const YAML::Node &node, const QString &key) const
{
    const std::optional<QString> t = text(node, key);
    if (!t)
        return std::nullopt;
    std::optional<double> v = parseMemoryMb(*t, m_kubernetes);
    if (v && *v > Limits::kMaxMemoryMb)
        v.reset();
    if (!v)
        error(node,
              QStringLiteral(
                  "%1 must be an amount of memory such as 512M, 1g or 256Mi, at most 10^9 MB "
                  "(it is %2)")
                  .arg(key, describe(node)));
    return v;
}

std::optional<double> Reader::cpus(const YAML::Node &node, const QString &key) const
{
    const std::optional<QString> t = text(node, key);
    if (!t)
        return std::nullopt;
    std::optional<double> v = parseCpus(*t);
    if (v && *v > Limits::kMaxCores)
        v.reset();
    if (!v)
        error(node,
              QStringLiteral("%1 must be a number of CPUs such as 0.5, 2 or 500m, at most 1024 "
                             "(it is %2)")
                  .arg(key, describe(node)));
    return v;
}

bool Reader::isMap(const YAML::Node &node, const QString &key) const
{
    if (!node.IsDefined() || node.IsNull() || node.IsMap())
        return true;
    error(node,
          QStringLiteral("%1 must be a map of keys and values, not %2").arg(key, describe(node)));
    return false;
}

bool Reader::isList(const YAML::Node &node, const QString &key) const
{
    if (!node.IsDefined() || node.IsNull() || node.IsSequence())
        return true;
    error(node, QStringLiteral("%1 must be a list, not %2").arg(key, describe(node)));
    return false;
}

std::optional<double> parseDuration(const QString &input)
{
    const QString text = input.trimmed();
    bool ok = false;
    const double plain = text.toDouble(&ok);
    if (ok)
        return std::isfinite(plain) && plain >= 0 ? std::optional<double>(plain) : std::nullopt;
    // Go's time.ParseDuration, as Compose uses it: one or more number-unit pairs
    static const QRegularExpression part(
        QStringLiteral("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)"));
    if (text.isEmpty())
        return std::nullopt;
    double seconds = 0;
    qsizetype at = 0;
    while (at < text.size()) {
        const QRegularExpressionMatch m = part.match(text,
                                                     at,
                                                     QRegularExpression::NormalMatch,
                                                     QRegularExpression::AnchorAtOffsetMatchOption);
        if (!m.hasMatch())
            return std::nullopt;
        const double v = m.captured(1).toDouble();
        const QString unit = m.captured(2);
        double scale = 1;
        if (unit == QLatin1String("ns"))
            scale = 1e-9;
        else if (unit == QLatin1String("us") || unit == QStringLiteral("µs"))
            scale = 1e-6;
        else if (unit == QLatin1String("ms"))
            scale = 1e-3;
        else if (unit == QLatin1String("m"))
            scale = 60;
        else if (unit == QLatin1String("h"))
            scale = 3600;
        seconds += v * scale;
        at = m.capturedEnd();
    }
    return std::isfinite(seconds) ? std::optional<double>(seconds) : std::nullopt;
}

std::optional<double> parseMemoryMb(const QString &input, bool kubernetes)
{
    const QString text = input.trimmed();
    static const QRegularExpression re(
        QStringLiteral("^([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\\s*([a-zA-Z]*)$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const double v = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    constexpr double Ki = 1024.0, Mi = Ki * 1024, Gi = Mi * 1024, Ti = Gi * 1024;
    double bytes = -1;
    if (kubernetes) {
        // Kubernetes quantities: binary Ki..Ti, decimal k..T, "m" thousandths, or plain bytes
        const struct
        {
            const char *suffix;
            double scale;
        } units[] = {{"", 1},
                     {"Ki", Ki},
                     {"Mi", Mi},
                     {"Gi", Gi},
                     {"Ti", Ti},
                     {"k", 1e3},
                     {"M", 1e6},
                     {"G", 1e9},
                     {"T", 1e12},
                     {"m", 1e-3}};
        for (const auto &u : units) {
            if (unit == QLatin1String(u.suffix))
                bytes = v * u.scale;
        }
    } else {
        // Compose byte values: b, k, m, g with an optional b, binary, in either case
        const QString lower = unit.toLower();
        if (lower.isEmpty() || lower == QLatin1String("b"))
            bytes = v;
        else if (lower == QLatin1String("k") || lower == QLatin1String("kb"))
            bytes = v * Ki;
        else if (lower == QLatin1String("m") || lower == QLatin1String("mb"))
            bytes = v * Mi;
        else if (lower == QLatin1String("g") || lower == QLatin1String("gb"))
            bytes = v * Gi;
    }
    const double mb = bytes / Mi;
    if (bytes < 0 || !std::isfinite(mb) || mb <= 0)
        return std::nullopt;
    return mb;
}

std::optional<double> parseCpus(const QString &input)
{
    QString text = input.trimmed();
    double scale = 1;
    if (text.endsWith(QLatin1Char('m'))) {
        text.chop(1);
        scale = 0.001;
    }
    bool ok = false;
    const double v = text.toDouble(&ok) * scale;
    if (!ok || !std::isfinite(v) || v <= 0)
        return std::nullopt;
    return v;
}

QList<ContainerLink> environmentLinks(const ContainerWorkload &workload,
                                      const QHash<QString, QString> &hosts,
                                      bool kubernetes)
{
    // unanchored: "jdbc:postgresql://db:5432/shop" names db too
    static const QRegularExpression url(
        QStringLiteral("([a-zA-Z][a-zA-Z0-9+.-]*)://(?:[^@/]*@)?(\\[[^\\]]*\\]|[^:/?#]+)"));
    static const QRegularExpression hostPort(QStringLiteral("^([A-Za-z0-9_.-]+):(\\d+)$"));
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    static const QRegularExpression ipAddress(QStringLiteral("^[0-9.]+$|^\\["));
    QList<ContainerLink> links;
    QSet<QString> seen;
    for (const EnvVar &v : workload.environment) {
        for (const QString &token : v.value.split(separators, Qt::SkipEmptyParts)) {
            QString host;
            QString scheme;
            if (const QRegularExpressionMatch m = url.match(token); m.hasMatch()) {
                scheme = m.captured(1).toLower();
                host = m.captured(2);
            } else if (const QRegularExpressionMatch m2 = hostPort.match(token); m2.hasMatch()) {
                host = m2.captured(1);
            } else {
                host = token;
            }
            QString target = hosts.value(host);
            if (target.isEmpty() && kubernetes && host.contains(QLatin1Char('.')))
                target = hosts.value(host.section(QLatin1Char('.'), 0, 0));
            ContainerLink link;
            link.source = QStringLiteral("environment ") + v.name;
            link.where = v.where;
            if (!target.isEmpty()) {
                if (target == workload.name)
                    continue;
                link.target = target;
            } else if ((scheme == QLatin1String("http") || scheme == QLatin1String("https"))
                       && host.contains(QLatin1Char('.')) && !ipAddress.match(host).hasMatch()
                       && !host.endsWith(QLatin1String(".local"))) {
                link.target = host.toLower();
                link.external = true;
            } else {
                continue;
            }
            const QString key = (link.external ? QStringLiteral("//") : QString()) + link.target;
            if (seen.contains(key))
                continue;
            seen.insert(key);
            links << link;
        }
    }
    return links;
}

QString componentId(const QString &name)
{
    QString id;
    for (const QChar c : name) {
        const bool fine = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                          || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                          || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
                          || c == QLatin1Char('_') || c == QLatin1Char('-');
        id += fine ? c : QLatin1Char('_');
    }
    return id.isEmpty() ? QStringLiteral("component") : id;
}

} // namespace Model::ImportYaml
