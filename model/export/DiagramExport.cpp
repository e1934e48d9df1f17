// SPDX-License-Identifier: GPL-3.0-or-later
// The four text formats are written by hand: each is a few lines of text around the nodes and
// links, and none of the tools ships a C++ writer (Graphviz's cgraph could write DOT, but
// model/ does not link Graphviz; the tests parse the DOT with it instead).
#include "export/DiagramExport.h"

#include "KindTraits.h"
#include "format/Schema.h"

#include <QHash>
#include <QSet>

#include <array>

namespace Model::Export {

namespace {

// --- kinds -----------------------------------------------------------------------------

/** The canvas's colour of a kind (ui/canvas/KindRegistry.cpp), as "#rrggbb", and a light
 *  tint of it for fills; the clients are drawn in the links' grey. */
struct KindColor
{
    int r, g, b;

    QString hex() const
    {
        return QStringLiteral("#%1%2%3")
            .arg(r, 2, 16, QLatin1Char('0'))
            .arg(g, 2, 16, QLatin1Char('0'))
            .arg(b, 2, 16, QLatin1Char('0'));
    }
    KindColor tint() const
    {
        const auto light = [](int c) { return c + (255 - c) * 17 / 20; };
        return {light(r), light(g), light(b)};
    }
};

KindColor kindColor(const DiagramNode &node)
{
    if (node.clients)
        return {0x3a, 0x40, 0x48};
    switch (node.kind) {
    case ComponentKind::Service:
        return {0x2f, 0x6f, 0xd6};
    case ComponentKind::LoadBalancer:
        return {0x7b, 0x4f, 0xc9};
    case ComponentKind::Gateway:
        return {0x0e, 0x8f, 0x9a};
    case ComponentKind::Database:
        return {0xc8, 0x6a, 0x12};
    case ComponentKind::External:
        return {0x5f, 0x66, 0x73};
    case ComponentKind::Cache:
        return {0xc0, 0x2f, 0x4a};
    case ComponentKind::Queue:
        return {0x2e, 0x8b, 0x3e};
    case ComponentKind::Unknown:
        break;
    }
    return {0x80, 0x80, 0x80};
}

/** The format word of the node's kind ("service", ...; "clients"; "unknown"): the class,
 *  tag or stereotype every format marks the node with. */
QString kindWord(const DiagramNode &node)
{
    if (node.clients)
        return QStringLiteral("clients");
    const QString word = componentKindName(node.kind);
    return word.isEmpty() ? QStringLiteral("unknown") : word;
}

/** The node's two lines: its id (or "clients"), then its kind with the detail. */
QStringList nodeLines(const DiagramNode &node)
{
    const QString first = node.clients ? QStringLiteral("clients") : node.id;
    QString second = node.kindLabel;
    if (!node.detail.isEmpty())
        second += QStringLiteral(" · ") + node.detail;
    return {first, second};
}

QString number(double v)
{
    return QString::number(v, 'g', 3);
}

QString serviceDetail(const Service &s)
{
    if (s.autoscaling && (s.autoscaling->min || s.autoscaling->max)) {
        const int min = s.autoscaling->min.value_or(s.replicas.value_or(1));
        const int max = s.autoscaling->max.value_or(min);
        return QStringLiteral("%1–%2 replicas").arg(min).arg(max);
    }
    const int replicas = s.replicas.value_or(1);
    return replicas > 1 ? QStringLiteral("%1 replicas").arg(replicas) : QString();
}

DiagramNode nodeOf(const Component &c)
{
    DiagramNode n;
    n.id = c.id;
    n.kind = c.kind;
    if (c.kind == ComponentKind::Unknown) {
        n.kindLabel = c.unknownKind.isEmpty() ? QStringLiteral("component") : c.unknownKind;
        return n;
    }
    n.kindLabel = QString::fromLatin1(kindTraits(c.kind)->label).toLower();
    switch (c.kind) {
    case ComponentKind::Service:
        n.detail = serviceDetail(c.service);
        break;
    case ComponentKind::LoadBalancer:
        n.detail = QString(c.loadBalancer.policy).replace(QLatin1Char('_'), QLatin1Char(' '));
        break;
    case ComponentKind::Cache:
        n.detail = c.cache.engine;
        break;
    case ComponentKind::Queue:
        n.detail = c.queue.exchange == QLatin1String("fanout") ? QStringLiteral("fanout")
                                                               : c.queue.broker;
        break;
    case ComponentKind::External:
        n.kindLabel = QStringLiteral("external API");
        break;
    default:
        break;
    }
    return n;
}

// --- links ------------------------------------------------------------------------------

/** The links in the order first met, one per (kind, from, to), with their labels merged
 *  the way the canvas merges them (ui/canvas/Relations.cpp). */
struct LinkCollector
{
    struct Pending
    {
        LinkKind kind;
        QString from, to, label;
    };
    QList<Pending> links;

    void add(LinkKind kind, const QString &from, const QString &to, const QString &label)
    {
        for (Pending &p : links) {
            if (p.kind == kind && p.from == from && p.to == to) {
                addLabel(p, label);
                return;
            }
        }
        links.append(Pending{kind, from, to, {}});
        addLabel(links.last(), label);
    }

    static void addLabel(Pending &p, const QString &text)
    {
        if (text.isEmpty())
            return;
        QStringList parts = p.label.isEmpty() ? QStringList() : p.label.split(QStringLiteral(", "));
        if (!parts.contains(text)) {
            parts.append(text);
            p.label = parts.join(QStringLiteral(", "));
        }
    }
};

void serviceLinks(const Scenario &s, const Component &c, LinkCollector &out)
{
    const auto callKind = [&](const QString &target) {
        const Component *t = s.component(target);
        return t && t->kind == ComponentKind::Database ? LinkKind::Query : LinkKind::Call;
    };
    QStringList called;
    for (const Handler &h : c.service.handlers) {
        Format::forEachStep(h.steps, QString(), [&](const Step &step, const QString &) {
            switch (step.kind) {
            case Step::Kind::Call:
                out.add(callKind(step.target),
                        c.id,
                        step.target,
                        !step.request.isEmpty() && step.request != h.request ? step.request
                                                                             : QString());
                called.append(step.target);
                break;
            case Step::Kind::Publish:
                out.add(LinkKind::Publish,
                        c.id,
                        step.target,
                        !step.message.isEmpty() && step.message != h.request ? step.message
                                                                             : QString());
                break;
            case Step::Kind::Cache:
                out.add(LinkKind::CacheLookup, c.id, step.target, QString());
                break;
            default:
                break;
            }
        });
    }
    // a connection pool is labelled on the call it limits, else drawn on its own
    for (const PoolLimit &p : c.service.pools) {
        out.add(called.contains(p.target) ? callKind(p.target) : LinkKind::Pool,
                c.id,
                p.target,
                QStringLiteral("pool %1").arg(p.size));
    }
}

void componentLinks(const Scenario &s, const Component &c, LinkCollector &out)
{
    switch (c.kind) {
    case ComponentKind::Service:
        serviceLinks(s, c, out);
        break;
    case ComponentKind::LoadBalancer:
        for (const QString &t : c.loadBalancer.targets)
            out.add(LinkKind::Balance, c.id, t, QString());
        break;
    case ComponentKind::Gateway:
        for (const Route &route : c.gateway.routes) {
            for (const RouteTarget &t : route.targets) {
                const double w = t.weight.value_or(1.0);
                // the weight says something only when it splits traffic
                const bool split = route.targets.size() > 1 || w < 1.0;
                out.add(LinkKind::Route,
                        c.id,
                        t.target,
                        split ? route.request + QLatin1Char(' ') + number(w) : route.request);
            }
        }
        break;
    case ComponentKind::Queue:
        for (const Consumer &k : c.queue.consumers)
            out.add(LinkKind::Consume,
                    c.id,
                    k.service,
                    k.count.value_or(1) > 1 ? QStringLiteral("×%1").arg(*k.count) : QString());
        if (!c.queue.deadLetter.isEmpty())
            out.add(LinkKind::DeadLetter, c.id, c.queue.deadLetter, QString());
        break;
    default:
        break;
    }
}

// --- identifiers ------------------------------------------------------------------------

/** What a language accepts as an identifier. */
struct IdRules
{
    QSet<QString> reserved; ///< lower case; such an id gets a '_' appended
    bool caseInsensitive = false;
    bool hyphen = false;      ///< '-' may stay
    bool leadingDigit = true; ///< may start with a digit (else "c_" is put before it)
};

/**
 * One identifier per node: the component id (or "clients") with every character the
 * language cannot take replaced by '_', then changed as `rules` say, then made unique with
 * "_2", "_3", ... The components are named first, so they keep their ids before the
 * clients do.
 */
QStringList identifiers(const QList<DiagramNode> &nodes, const IdRules &rules)
{
    QStringList ids(nodes.size());
    QSet<QString> taken;
    const auto name = [&](int i) {
        const DiagramNode &n = nodes.at(i);
        QString id;
        for (const QChar c : n.clients ? QStringLiteral("clients") : n.id) {
            const char16_t u = c.unicode();
            const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')
                            || (u >= '0' && u <= '9') || u == '_' || (rules.hyphen && u == '-');
            id += ok ? c : QLatin1Char('_');
        }
        if (id.isEmpty())
            id = QStringLiteral("component");
        if (!rules.leadingDigit && id.front().isDigit())
            id.prepend(QStringLiteral("c_"));
        if (rules.reserved.contains(id.toLower()))
            id += QLatin1Char('_');
        const auto key = [&](const QString &s) { return rules.caseInsensitive ? s.toLower() : s; };
        QString unique = id;
        for (int k = 2; taken.contains(key(unique)); ++k)
            unique = id + QStringLiteral("_%1").arg(k);
        taken.insert(key(unique));
        ids[i] = unique;
    };
    for (int i = 0; i < nodes.size(); ++i) {
        if (!nodes.at(i).clients)
            name(i);
    }
    for (int i = 0; i < nodes.size(); ++i) {
        if (nodes.at(i).clients)
            name(i);
    }
    return ids;
}

QSet<QString> wordSet(std::initializer_list<const char *> words)
{
    QSet<QString> set;
    for (const char *w : words)
        set.insert(QString::fromLatin1(w));
    return set;
}

QString indent(int level)
{
    return QString(level * 4, QLatin1Char(' '));
}

// --- Mermaid ----------------------------------------------------------------------------

/** Text inside a quoted Mermaid label: entity codes for what Mermaid would read. */
QString mermaidText(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '#':
            out += QStringLiteral("#35;");
            break;
        case '"':
            out += QStringLiteral("#quot;");
            break;
        case '<':
            out += QStringLiteral("#lt;");
            break;
        case '>':
            out += QStringLiteral("#gt;");
            break;
        case '&':
            out += QStringLiteral("#amp;");
            break;
        case '`':
            out += QStringLiteral("#96;");
            break;
        case '\n':
        case '\r':
            out += QLatin1Char(' ');
            break;
        default:
            out += c;
        }
    }
    return out;
}

/** A YAML single-quoted scalar (the front matter's title). */
QString yamlQuoted(const QString &text)
{
    QString t = text;
    t.replace(QLatin1Char('\''), QStringLiteral("''"));
    t.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return QLatin1Char('\'') + t + QLatin1Char('\'');
}

/** The node shape's brackets around the quoted label. */
std::pair<QString, QString> mermaidShape(const DiagramNode &node)
{
    if (node.clients)
        return {QStringLiteral("(("), QStringLiteral("))")}; // circle
    switch (node.kind) {
    case ComponentKind::Service:
        return {QStringLiteral("("), QStringLiteral(")")}; // rounded rectangle
    case ComponentKind::LoadBalancer:
        return {QStringLiteral("{{"), QStringLiteral("}}")}; // hexagon
    case ComponentKind::Gateway:
        return {QStringLiteral("[/"), QStringLiteral("\\]")}; // trapezoid
    case ComponentKind::Database:
        return {QStringLiteral("[("), QStringLiteral(")]")}; // cylinder
    case ComponentKind::Cache:
        return {QStringLiteral("[["), QStringLiteral("]]")}; // subroutine (double sides)
    case ComponentKind::Queue:
        return {QStringLiteral("(["), QStringLiteral("])")}; // stadium
    case ComponentKind::External:
        return {QStringLiteral(">"), QStringLiteral("]")}; // asymmetric flag
    case ComponentKind::Unknown:
        break;
    }
    return {QStringLiteral("["), QStringLiteral("]")};
}

} // namespace

// --- public -------------------------------------------------------------------------------

QList<DiagramFormat> diagramFormats()
{
    return {DiagramFormat::Mermaid,
            DiagramFormat::Structurizr,
            DiagramFormat::PlantUml,
            DiagramFormat::Dot};
}

QString diagramFormatName(DiagramFormat format)
{
    switch (format) {
    case DiagramFormat::Mermaid:
        return QStringLiteral("mermaid");
    case DiagramFormat::Structurizr:
        return QStringLiteral("structurizr");
    case DiagramFormat::PlantUml:
        return QStringLiteral("plantuml");
    case DiagramFormat::Dot:
        return QStringLiteral("dot");
    }
    return {};
}

std::optional<DiagramFormat> diagramFormatFromName(const QString &name)
{
    for (const DiagramFormat f : diagramFormats()) {
        if (name.compare(diagramFormatName(f), Qt::CaseInsensitive) == 0)
            return f;
    }
    return std::nullopt;
}

QString diagramFormatSuffix(DiagramFormat format)
{
    switch (format) {
    case DiagramFormat::Mermaid:
        return QStringLiteral("mmd");
    case DiagramFormat::Structurizr:
        return QStringLiteral("dsl");
    case DiagramFormat::PlantUml:
        return QStringLiteral("puml");
    case DiagramFormat::Dot:
        return QStringLiteral("dot");
    }
    return {};
}

QString diagramFormatTitle(DiagramFormat format)
{
    switch (format) {
    case DiagramFormat::Mermaid:
        return QStringLiteral("Mermaid");
    case DiagramFormat::Structurizr:
        return QStringLiteral("Structurizr DSL");
    case DiagramFormat::PlantUml:
        return QStringLiteral("PlantUML");
    case DiagramFormat::Dot:
        return QStringLiteral("Graphviz DOT");
    }
    return {};
}

QString linkKindName(LinkKind kind)
{
    switch (kind) {
    case LinkKind::Requests:
        return QStringLiteral("requests");
    case LinkKind::Call:
        return QStringLiteral("call");
    case LinkKind::Query:
        return QStringLiteral("db query");
    case LinkKind::CacheLookup:
        return QStringLiteral("cache lookup");
    case LinkKind::Publish:
        return QStringLiteral("publish");
    case LinkKind::Consume:
        return QStringLiteral("consumed by");
    case LinkKind::Balance:
        return QStringLiteral("balances to");
    case LinkKind::Route:
        return QStringLiteral("routes to");
    case LinkKind::Pool:
        return QStringLiteral("connection pool");
    case LinkKind::DeadLetter:
        return QStringLiteral("dead letters");
    }
    return {};
}

bool isAsynchronous(LinkKind kind)
{
    return kind == LinkKind::Publish || kind == LinkKind::Consume || kind == LinkKind::DeadLetter;
}

QString DiagramLink::text() const
{
    const QString name = linkKindName(kind);
    return label.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, label);
}

DiagramGraph diagramGraph(const Scenario &scenario)
{
    DiagramGraph g;
    g.title = scenario.name;
    g.description = scenario.description;
    QHash<QString, int> index;

    const Component *entry = scenario.component(scenario.workload.entry);
    if (entry) {
        DiagramNode clients;
        clients.clients = true;
        clients.kindLabel = QStringLiteral("workload");
        clients.detail = scenario.workload.arrivals.kind;
        g.nodes.append(clients);
    }
    for (const Component &c : scenario.components) {
        if (index.contains(c.id)) {
            g.warnings << QStringLiteral("the id '%1' is given to more than one component; the "
                                         "diagram shows the first")
                              .arg(c.id);
            continue;
        }
        index.insert(c.id, int(g.nodes.size()));
        g.nodes.append(nodeOf(c));
    }

    if (entry) {
        QStringList names;
        for (const RequestType &r : scenario.workload.requests) {
            if (!r.name.isEmpty() && !names.contains(r.name))
                names << r.name;
        }
        g.links.append(DiagramLink{LinkKind::Requests,
                                   0,
                                   index.value(entry->id),
                                   names.join(QStringLiteral(", "))});
    }
    LinkCollector collector;
    QSet<QString> seen;
    for (const Component &c : scenario.components) {
        if (seen.contains(c.id))
            continue; // drawn once, with the relations of the first
        seen.insert(c.id);
        componentLinks(scenario, c, collector);
    }
    for (const LinkCollector::Pending &p : std::as_const(collector.links)) {
        if (!index.contains(p.to)) {
            g.warnings << QStringLiteral("%1 has a link (%2) to '%3', which is not a component; "
                                         "it is left out")
                              .arg(p.from, linkKindName(p.kind), p.to);
            continue;
        }
        g.links.append(DiagramLink{p.kind, index.value(p.from), index.value(p.to), p.label});
    }
    return g;
}

// --- Mermaid flowchart -------------------------------------------------------------------

QString toMermaid(const DiagramGraph &graph)
{
    static const IdRules rules{wordSet({"end",
                                        "graph",
                                        "flowchart",
                                        "subgraph",
                                        "style",
                                        "class",
                                        "classdef",
                                        "click",
                                        "linkstyle",
                                        "call",
                                        "href",
                                        "callback",
                                        "interpolate",
                                        "default",
                                        "direction"}),
                               true,
                               false,
                               true};
    const QStringList ids = identifiers(graph.nodes, rules);
    QString out;
    if (!graph.title.isEmpty())
        out += QStringLiteral("---\ntitle: %1\n---\n").arg(yamlQuoted(graph.title));
    out += QStringLiteral("flowchart LR\n");
    out += indent(1)
           + QStringLiteral("%% written by ArchSim: one node per component, shaped by "
                            "its kind; links labelled with their relation\n");
    QStringList kinds; // in the order first met, for the classDefs
    for (int i = 0; i < graph.nodes.size(); ++i) {
        const DiagramNode &n = graph.nodes.at(i);
        const auto [open, close] = mermaidShape(n);
        QStringList lines;
        for (const QString &line : nodeLines(n))
            lines << mermaidText(line);
        const QString word = kindWord(n);
        if (!kinds.contains(word))
            kinds << word;
        out += indent(1)
               + QStringLiteral("%1%2\"%3\"%4:::%5\n")
                     .arg(ids.at(i), open, lines.join(QStringLiteral("<br/>")), close, word);
    }
    for (const DiagramLink &l : graph.links) {
        out += indent(1)
               + QStringLiteral("%1 %2|\"%3\"| %4\n")
                     .arg(ids.at(l.from),
                          isAsynchronous(l.kind) ? QStringLiteral("-.->") : QStringLiteral("-->"),
                          mermaidText(l.text()),
                          ids.at(l.to));
    }
    for (const QString &word : std::as_const(kinds)) {
        // the canvas's colours: a light fill, the kind's colour around it
        DiagramNode probe;
        probe.clients = word == QLatin1String("clients");
        probe.kind = componentKindFromName(word);
        const KindColor c = kindColor(probe);
        QString style
            = QStringLiteral("fill:%1,stroke:%2,color:#1a1a1a").arg(c.tint().hex(), c.hex());
        if (probe.kind == ComponentKind::External)
            style += QStringLiteral(",stroke-dasharray:5 4");
        out += indent(1) + QStringLiteral("classDef %1 %2\n").arg(word, style);
    }
    return out;
}

// --- Structurizr DSL -----------------------------------------------------------------------

namespace {

/**
 * A quoted Structurizr string. The DSL's tokenizer knows \" and \n and nothing else: a
 * backslash before a quote or an n, or at the end, would change the text, so a backslash is
 * written as U+2216 (set minus, "∖"), which looks the same. Line breaks become spaces.
 */
QString dslString(const QString &text)
{
    QString t = text;
    t.replace(QLatin1Char('\\'), QChar(0x2216));
    t.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    t.replace(QLatin1Char('\r'), QLatin1Char(' '));
    t.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return QLatin1Char('"') + t + QLatin1Char('"');
}

/** The element tag of a kind: "Service", "Load balancer", ..., "Clients". */
QString dslTag(const DiagramNode &node)
{
    if (node.clients)
        return QStringLiteral("Clients");
    if (node.kind == ComponentKind::Unknown)
        return QStringLiteral("Unknown");
    return QString::fromLatin1(kindTraits(node.kind)->label);
}

QString dslLinkTag(LinkKind kind)
{
    QString name = linkKindName(kind);
    name[0] = name[0].toUpper();
    return name;
}

/** A name no other person or software system has (the DSL requires it). */
QString uniqueName(const QString &name, QSet<QString> &taken)
{
    QString unique = name;
    for (int k = 2; taken.contains(unique.toLower()); ++k)
        unique = QStringLiteral("%1 (%2)").arg(name).arg(k);
    taken.insert(unique.toLower());
    return unique;
}

} // namespace

QString toStructurizr(const DiagramGraph &graph)
{
    // The DSL's keywords are case-insensitive and so are its identifiers (\w+).
    static const IdRules rules{wordSet({"this",       "workspace",    "model",
                                        "views",      "person",       "softwaresystem",
                                        "container",  "component",    "group",
                                        "enterprise", "element",      "relationship",
                                        "styles",     "theme",        "themes",
                                        "branding",   "terminology",  "configuration",
                                        "properties", "perspectives", "tags",
                                        "url",        "include",      "exclude",
                                        "autolayout", "title",        "description",
                                        "system"}),
                               true,
                               false,
                               true};
    const QStringList ids = identifiers(graph.nodes, rules);
    const QString systemName = graph.title.isEmpty() ? QStringLiteral("Scenario") : graph.title;
    QSet<QString> names; // of people and software systems
    names.insert(systemName.toLower());

    QString out = QStringLiteral("workspace %1 %2 {\n")
                      .arg(dslString(systemName),
                           dslString(QStringLiteral("Written by ArchSim from the scenario's "
                                                    "topology")));
    out += indent(1) + QStringLiteral("model {\n");
    // The clients and the external APIs stand outside the system: a person and software
    // systems of their own; every other component is a container of the system.
    QString outside, inside;
    QStringList tagsUsed;
    for (int i = 0; i < graph.nodes.size(); ++i) {
        const DiagramNode &n = graph.nodes.at(i);
        const QString tag = dslTag(n);
        if (!tagsUsed.contains(tag))
            tagsUsed << tag;
        const QStringList lines = nodeLines(n);
        if (n.clients) {
            outside += indent(2)
                       + QStringLiteral("%1 = person %2 %3 %4\n")
                             .arg(ids.at(i),
                                  dslString(uniqueName(QStringLiteral("Clients"), names)),
                                  dslString(lines.at(1)),
                                  dslString(tag));
        } else if (n.kind == ComponentKind::External) {
            outside += indent(2)
                       + QStringLiteral("%1 = softwareSystem %2 %3 %4\n")
                             .arg(ids.at(i),
                                  dslString(uniqueName(n.id, names)),
                                  dslString(lines.at(1)),
                                  dslString(tag));
        } else {
            // container <name> <description> <technology> <tags>
            inside += indent(3)
                      + QStringLiteral("%1 = container %2 %3 %4 %5\n")
                            .arg(ids.at(i),
                                 dslString(n.id),
                                 dslString(n.detail),
                                 dslString(n.kindLabel),
                                 dslString(tag));
        }
    }
    out += outside;
    out += indent(2)
           + QStringLiteral("system = softwareSystem %1 %2 {\n")
                 .arg(dslString(systemName), dslString(graph.description));
    out += inside;
    out += indent(2) + QStringLiteral("}\n\n");
    for (const DiagramLink &l : graph.links) {
        // <source> -> <destination> <description> <technology> <tags>
        out += indent(2)
               + QStringLiteral("%1 -> %2 %3 \"\" %4\n")
                     .arg(ids.at(l.from),
                          ids.at(l.to),
                          dslString(l.text()),
                          dslString((isAsynchronous(l.kind) ? QStringLiteral("Asynchronous,")
                                                            : QStringLiteral("Synchronous,"))
                                    + dslLinkTag(l.kind)));
    }
    out += indent(1) + QStringLiteral("}\n\n");

    out += indent(1) + QStringLiteral("views {\n");
    out += indent(2) + QStringLiteral("container system \"topology\" {\n");
    out += indent(3) + QStringLiteral("include *\n");
    out += indent(3) + QStringLiteral("autolayout lr\n");
    out += indent(2) + QStringLiteral("}\n\n");
    out += indent(2) + QStringLiteral("styles {\n");
    for (const QString &tag : std::as_const(tagsUsed)) {
        DiagramNode probe;
        probe.clients = tag == QLatin1String("Clients");
        for (std::size_t k = 0; k < Sim::kKindTraits.size(); ++k) {
            if (tag == QLatin1String(Sim::kKindTraits[k].label))
                probe.kind = static_cast<ComponentKind>(k);
        }
        QString shape;
        switch (probe.clients ? ComponentKind::Unknown : probe.kind) {
        case ComponentKind::Service:
            shape = QStringLiteral("RoundedBox");
            break;
        case ComponentKind::LoadBalancer:
            shape = QStringLiteral("Hexagon");
            break;
        case ComponentKind::Gateway:
            shape = QStringLiteral("Window");
            break;
        case ComponentKind::Database:
            shape = QStringLiteral("Cylinder");
            break;
        case ComponentKind::Cache:
            shape = QStringLiteral("Ellipse");
            break;
        case ComponentKind::Queue:
            shape = QStringLiteral("Pipe");
            break;
        case ComponentKind::External:
            shape = QStringLiteral("Box");
            break;
        case ComponentKind::Unknown:
            shape = probe.clients ? QStringLiteral("Person") : QStringLiteral("Box");
            break;
        }
        const KindColor c = kindColor(probe);
        out += indent(3) + QStringLiteral("element %1 {\n").arg(dslString(tag));
        out += indent(4) + QStringLiteral("shape %1\n").arg(shape);
        out += indent(4) + QStringLiteral("background %1\n").arg(c.tint().hex());
        out += indent(4) + QStringLiteral("stroke %1\n").arg(c.hex());
        out += indent(4) + QStringLiteral("color #1a1a1a\n");
        if (probe.kind == ComponentKind::External && !probe.clients)
            out += indent(4) + QStringLiteral("border dashed\n");
        out += indent(3) + QStringLiteral("}\n");
    }
    out += indent(3) + QStringLiteral("relationship \"Asynchronous\" {\n");
    out += indent(4) + QStringLiteral("dashed true\n");
    out += indent(3) + QStringLiteral("}\n");
    out += indent(3) + QStringLiteral("relationship \"Synchronous\" {\n");
    out += indent(4) + QStringLiteral("dashed false\n");
    out += indent(3) + QStringLiteral("}\n");
    out += indent(2) + QStringLiteral("}\n");
    out += indent(1) + QStringLiteral("}\n");
    out += QStringLiteral("}\n");
    return out;
}

// --- PlantUML ------------------------------------------------------------------------------

namespace {

/**
 * Text for a PlantUML label (in quotes or after a link's colon): a backslash doubled (\n
 * breaks lines), the characters of Creole markup (bold, italic, underline, strike, links,
 * HTML tags) escaped with '~', and the quote, the ampersand and the tilde itself as numeric
 * entities (checked with PlantUML 1.2020).
 */
QString pumlText(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '"':
            out += QStringLiteral("&#34;");
            break;
        case '&':
            out += QStringLiteral("&#38;");
            break;
        case '~':
            out += QStringLiteral("&#126;");
            break;
        case '*':
        case '_':
        case '-':
        case '/':
        case '<':
        case '[':
            out += QLatin1Char('~') + c;
            break;
        case '\n':
        case '\r':
            out += QLatin1Char(' ');
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString pumlElement(const DiagramNode &node)
{
    if (node.clients)
        return QStringLiteral("actor");
    switch (node.kind) {
    case ComponentKind::Service:
        return QStringLiteral("component");
    case ComponentKind::LoadBalancer:
        return QStringLiteral("node");
    case ComponentKind::Gateway:
        return QStringLiteral("boundary");
    case ComponentKind::Database:
        return QStringLiteral("database");
    case ComponentKind::Cache:
        return QStringLiteral("storage");
    case ComponentKind::Queue:
        return QStringLiteral("queue");
    case ComponentKind::External:
        return QStringLiteral("cloud");
    case ComponentKind::Unknown:
        break;
    }
    return QStringLiteral("rectangle");
}

} // namespace

QString toPlantUml(const DiagramGraph &graph)
{
    static const IdRules
        rules{wordSet({"as",     "end",         "title",     "left",      "right",     "up",
                       "down",   "skinparam",   "hide",      "show",      "remove",    "note",
                       "legend", "header",      "footer",    "caption",   "together",  "package",
                       "actor",  "agent",       "artifact",  "boundary",  "card",      "circle",
                       "cloud",  "collections", "component", "control",   "database",  "entity",
                       "file",   "folder",      "frame",     "hexagon",   "interface", "label",
                       "node",   "person",      "queue",     "rectangle", "stack",     "storage",
                       "usecase"}),
              false,
              false,
              false};
    const QStringList ids = identifiers(graph.nodes, rules);
    QString out = QStringLiteral("@startuml\n");
    out += QStringLiteral("' written by ArchSim: one element per component, its kind as the "
                          "stereotype; links labelled with their relation\n");
    if (!graph.title.isEmpty())
        out += QStringLiteral("title %1\n").arg(pumlText(graph.title));
    out += QStringLiteral("left to right direction\n");
    out += QStringLiteral("skinparam shadowing false\n");
    QStringList styled;
    for (const DiagramNode &n : graph.nodes) {
        const QString style = pumlElement(n) + QStringLiteral("<<") + kindWord(n)
                              + QStringLiteral(">>");
        if (styled.contains(style))
            continue;
        styled << style;
        const KindColor c = kindColor(n);
        out += QStringLiteral("skinparam %1 {\n").arg(style);
        out += indent(1) + QStringLiteral("BackgroundColor %1\n").arg(c.tint().hex());
        out += indent(1) + QStringLiteral("BorderColor %1\n").arg(c.hex());
        out += QStringLiteral("}\n");
    }
    for (int i = 0; i < graph.nodes.size(); ++i) {
        const DiagramNode &n = graph.nodes.at(i);
        QStringList lines;
        for (const QString &line : nodeLines(n))
            lines << pumlText(line);
        out += QStringLiteral("%1 \"%2\" as %3 <<%4>>\n")
                   .arg(pumlElement(n), lines.join(QStringLiteral("\\n")), ids.at(i), kindWord(n));
    }
    for (const DiagramLink &l : graph.links) {
        out += QStringLiteral("%1 %2 %3 : %4\n")
                   .arg(ids.at(l.from),
                        isAsynchronous(l.kind) ? QStringLiteral("..>") : QStringLiteral("-->"),
                        ids.at(l.to),
                        pumlText(l.text()));
    }
    out += QStringLiteral("@enduml\n");
    return out;
}

// --- Graphviz DOT --------------------------------------------------------------------------

namespace {

/** A DOT string in quotes; `label` escapes too (a backslash doubled, "\n" for a break). */
QString dotString(const QString &text)
{
    QString t = text;
    t.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    t.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    t.replace(QLatin1Char('\r'), QString());
    t.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return QLatin1Char('"') + t + QLatin1Char('"');
}

/** The node's shape and its extra style (besides "filled"). */
std::pair<QString, QString> dotShape(const DiagramNode &node)
{
    if (node.clients)
        return {QStringLiteral("oval"), QString()}; // solid: the external APIs' is dashed
    switch (node.kind) {
    case ComponentKind::Service:
        return {QStringLiteral("box"), QStringLiteral("rounded")};
    case ComponentKind::LoadBalancer:
        return {QStringLiteral("hexagon"), QString()};
    case ComponentKind::Gateway:
        return {QStringLiteral("trapezium"), QString()};
    case ComponentKind::Database:
        return {QStringLiteral("cylinder"), QString()};
    case ComponentKind::Cache:
        return {QStringLiteral("box3d"), QString()};
    case ComponentKind::Queue:
        return {QStringLiteral("cds"), QString()};
    case ComponentKind::External:
        return {QStringLiteral("ellipse"), QStringLiteral("dashed")};
    case ComponentKind::Unknown:
        break;
    }
    return {QStringLiteral("box"), QString()};
}

QString dotLinkStyle(LinkKind kind)
{
    if (kind == LinkKind::CacheLookup || kind == LinkKind::Pool)
        return QStringLiteral("dotted");
    return isAsynchronous(kind) ? QStringLiteral("dashed") : QStringLiteral("solid");
}

} // namespace

QString toDot(const DiagramGraph &graph)
{
    // Every id is quoted, so DOT's keywords (node, edge, graph, ...) may be ids as they are.
    static const IdRules rules{{}, false, true, true};
    const QStringList ids = identifiers(graph.nodes, rules);
    QString out = QStringLiteral("// written by ArchSim: one node per component, shaped by its "
                                 "kind (class); edges labelled with their relation\n");
    out += QStringLiteral("digraph %1 {\n")
               .arg(dotString(graph.title.isEmpty() ? QStringLiteral("scenario") : graph.title));
    out += indent(1) + QStringLiteral("graph [rankdir=LR, fontname=\"Helvetica\"");
    if (!graph.title.isEmpty())
        out += QStringLiteral(", label=%1, labelloc=t, fontsize=16").arg(dotString(graph.title));
    out += QStringLiteral("];\n");
    out += indent(1)
           + QStringLiteral("node [fontname=\"Helvetica\", fontsize=11, style=filled, "
                            "fontcolor=\"#1a1a1a\"];\n");
    out += indent(1)
           + QStringLiteral("edge [fontname=\"Helvetica\", fontsize=9, color=\"#3a4048\"];\n");
    for (int i = 0; i < graph.nodes.size(); ++i) {
        const DiagramNode &n = graph.nodes.at(i);
        const auto [shape, style] = dotShape(n);
        const KindColor c = kindColor(n);
        out += indent(1)
               + QStringLiteral("%1 [label=%2, shape=%3, %4fillcolor=\"%5\", color=\"%6\", "
                                "class=%7];\n")
                     .arg(dotString(ids.at(i)),
                          dotString(nodeLines(n).join(QLatin1Char('\n'))),
                          shape,
                          style.isEmpty() ? QString()
                                          : QStringLiteral("style=\"filled,%1\", ").arg(style),
                          c.tint().hex(),
                          c.hex(),
                          dotString(kindWord(n)));
    }
    for (const DiagramLink &l : graph.links) {
        out += indent(1)
               + QStringLiteral("%1 -> %2 [label=%3, style=%4, class=%5];\n")
                     .arg(dotString(ids.at(l.from)),
                          dotString(ids.at(l.to)),
                          dotString(l.text()),
                          dotLinkStyle(l.kind),
                          dotString(QString(linkKindName(l.kind))
                                        .replace(QLatin1Char(' '), QLatin1Char('_'))));
    }
    out += QStringLiteral("}\n");
    return out;
}

QString exportDiagram(const Scenario &scenario, DiagramFormat format, QStringList *warnings)
{
    const DiagramGraph graph = diagramGraph(scenario);
    if (warnings)
        *warnings = graph.warnings;
    switch (format) {
    case DiagramFormat::Mermaid:
        return toMermaid(graph);
    case DiagramFormat::Structurizr:
        return toStructurizr(graph);
    case DiagramFormat::PlantUml:
        return toPlantUml(graph);
    case DiagramFormat::Dot:
        return toDot(graph);
    }
    return {};
}

} // namespace Model::Export
