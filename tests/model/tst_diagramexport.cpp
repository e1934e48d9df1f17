// SPDX-License-Identifier: GPL-3.0-or-later
// Model::Export: the diagram text for Mermaid, Structurizr, PlantUML and Graphviz. The DOT is
// parsed with Graphviz's own parser (cgraph); the other three are compared byte for byte with
// reviewed fixtures in tests/golden/export/ (ARCHSIM_REGEN_EXPORT=1 rewrites them: look at
// `git diff tests/golden/export` before committing).
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "export/DiagramExport.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QtTest>

#include <graphviz/cgraph.h>

#include <memory>

using namespace Model::Export;

namespace {

const char kFixture[] = "tests/golden/export/all-kinds.json";

Model::Scenario fixtureScenario()
{
    QFile f(TestSupport::sourcePath(QLatin1String(kFixture)));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    // The fixture has errors on purpose (an unknown kind, an id the format refuses): a
    // diagram is drawn from whatever could be read.
    const Model::ScenarioLoad load = Model::parseScenario(f.readAll());
    if (!load.scenario)
        qFatal("%s", qPrintable(TestSupport::problemsText(load.problems)));
    return *load.scenario;
}

QStringList exampleFiles()
{
    QStringList files;
    for (const QString &f : QDir(TestSupport::examplePath())
                                .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files << f;
    return files;
}

struct GraphDeleter
{
    void operator()(Agraph_t *g) const { agclose(g); }
};
using Graph = std::unique_ptr<Agraph_t, GraphDeleter>;

Graph parseDot(const QString &text)
{
    return Graph(agmemread(text.toUtf8().constData()));
}

QString attribute(void *object, const char *name)
{
    return QString::fromUtf8(agget(object, const_cast<char *>(name)));
}

/** The attribute of the node named `id`. */
QString nodeAttribute(Agraph_t *g, const QString &id, const char *name)
{
    Agnode_t *n = agnode(g, const_cast<char *>(id.toUtf8().constData()), 0);
    return n ? attribute(n, name) : QStringLiteral("<no node %1>").arg(id);
}

/** A DOT label as cgraph keeps it: the escapes of the text unresolved. */
QString dotEscaped(const QString &text)
{
    QString t = text;
    t.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    t.replace(QLatin1Char('"'), QStringLiteral("\""));
    return t;
}

const DiagramLink *findLink(const DiagramGraph &g,
                            LinkKind kind,
                            const QString &from,
                            const QString &to)
{
    for (const DiagramLink &l : g.links) {
        const DiagramNode &a = g.nodes.at(l.from);
        const DiagramNode &b = g.nodes.at(l.to);
        if (l.kind == kind && (a.clients ? QStringLiteral("(clients)") : a.id) == from
            && b.id == to)
            return &l;
    }
    return nullptr;
}

} // namespace

class tst_DiagramExport : public QObject
{
    Q_OBJECT

private slots:
    void formatsHaveNamesAndSuffixes();
    void graphKeepsKindsAndRelations();
    void linksToMissingComponentsAreLeftOutWithAWarning();
    void textMatchesReviewedFixtures_data();
    void textMatchesReviewedFixtures();
    void identifiersAreSafeAndUnique();
    void dotParsesWithGraphvizAndKeepsEverything();
    void everyKindHasItsOwnShapeInEveryFormat();
    void everyExampleExportsInEveryFormat();
};

void tst_DiagramExport::formatsHaveNamesAndSuffixes()
{
    QCOMPARE(diagramFormats().size(), 4);
    QSet<QString> suffixes;
    for (const DiagramFormat f : diagramFormats()) {
        QCOMPARE(diagramFormatFromName(diagramFormatName(f)), std::optional(f));
        QCOMPARE(diagramFormatFromName(diagramFormatName(f).toUpper()), std::optional(f));
        suffixes.insert(diagramFormatSuffix(f));
        QVERIFY(!diagramFormatTitle(f).isEmpty());
    }
    QCOMPARE(suffixes, (QSet<QString>{"mmd", "dsl", "puml", "dot"}));
    QVERIFY(!diagramFormatFromName(QStringLiteral("svg")));
    QVERIFY(!diagramFormatFromName(QString()));
}

void tst_DiagramExport::graphKeepsKindsAndRelations()
{
    const Model::Scenario s = fixtureScenario();
    const DiagramGraph g = diagramGraph(s);
    QVERIFY2(g.warnings.isEmpty(), qPrintable(g.warnings.join('\n')));
    QCOMPARE(g.title, s.name);
    // the clients first, then every component in order, each with its kind
    QCOMPARE(g.nodes.size(), s.components.size() + 1);
    QVERIFY(g.nodes.first().clients);
    QCOMPARE(g.nodes.first().detail, QStringLiteral("poisson"));
    for (int i = 0; i < s.components.size(); ++i) {
        QCOMPARE(g.nodes.at(i + 1).id, s.components.at(i).id);
        QCOMPARE(g.nodes.at(i + 1).kind, s.components.at(i).kind);
    }
    QCOMPARE(g.nodes.last().kindLabel, QStringLiteral("vector_store")); // the unknown word
    QCOMPARE(g.nodes.at(3).detail, QStringLiteral("3 replicas"));       // end
    QCOMPARE(g.nodes.at(4).detail, QStringLiteral("1–4 replicas"));     // api-v2, autoscaled

    struct Expected
    {
        LinkKind kind;
        const char *from, *to, *text;
    };
    const Expected expected[] = {
        {LinkKind::Requests, "(clients)", "edge", "requests (browse, check \"out\", über-search)"},
        {LinkKind::Balance, "edge", "gw", "balances to"},
        {LinkKind::Route, "gw", "end", "routes to (browse 0.9)"},
        {LinkKind::Route, "gw", "api-v2", "routes to (browse 0.1)"},
        {LinkKind::Route, "gw", "node", "routes to (check \"out\")"},
        // a call to a database is a query, its connection pool on it
        {LinkKind::Query, "end", "this", "db query (get <item> #1, pool 8)"},
        {LinkKind::CacheLookup, "end", "9lives", "cache lookup"},
        {LinkKind::Query, "api-v2", "this", "db query (get <item> #1)"},
        {LinkKind::Route, "gw", "api_v2", "routes to (über-search)"},
        {LinkKind::Query, "node", "this", "db query (insert_order)"},
        {LinkKind::Call, "node", "payments_*_API", "call"},
        {LinkKind::Call, "api_v2", "search-index", "call"},
        {LinkKind::Publish, "node", "orders", "publish (order placed ~~ *now*)"},
        // the message is the handler's own name: nothing to add
        {LinkKind::Publish, "clients", "orders", "publish"},
        // a pool to a component it does not call stands on its own
        {LinkKind::Pool, "node", "clients", "connection pool (pool 4)"},
        {LinkKind::Consume, "orders", "mailer", "consumed by (×2)"},
        {LinkKind::Consume, "orders", "clients", "consumed by"},
        {LinkKind::DeadLetter, "orders", "orders-dlq", "dead letters"},
        {LinkKind::Consume, "orders-dlq", "mailer", "consumed by"},
    };
    for (const Expected &e : expected) {
        const DiagramLink *l
            = findLink(g, e.kind, QString::fromUtf8(e.from), QString::fromUtf8(e.to));
        QVERIFY2(l, e.text);
        QCOMPARE(l->text(), QString::fromUtf8(e.text));
        QCOMPARE(isAsynchronous(l->kind),
                 e.kind == LinkKind::Publish || e.kind == LinkKind::Consume
                     || e.kind == LinkKind::DeadLetter);
    }
    QCOMPARE(g.links.size(), qsizetype(std::size(expected)));
}

void tst_DiagramExport::linksToMissingComponentsAreLeftOutWithAWarning()
{
    Model::Scenario s = fixtureScenario();
    s.components[2].service.handlers[0].steps.push_back(Model::Step::call(QStringLiteral("ghost")));
    QStringList warnings;
    const QString dot = exportDiagram(s, DiagramFormat::Dot, &warnings);
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(QStringLiteral("'ghost'")), qPrintable(warnings.first()));
    QVERIFY(warnings.first().startsWith(QStringLiteral("end ")));
    QVERIFY(!dot.contains(QStringLiteral("ghost")));
    const Graph g = parseDot(dot);
    QVERIFY(g);
    QCOMPARE(agnnodes(g.get()), int(s.components.size() + 1));

    // no entry: no clients
    s.workload.entry = QStringLiteral("nowhere");
    const DiagramGraph graph = diagramGraph(s);
    QVERIFY(!graph.nodes.first().clients);
    QCOMPARE(graph.nodes.size(), s.components.size());
}

void tst_DiagramExport::textMatchesReviewedFixtures_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("fixture");
    QTest::newRow("mermaid") << int(DiagramFormat::Mermaid) << "all-kinds.mmd";
    QTest::newRow("structurizr") << int(DiagramFormat::Structurizr) << "all-kinds.dsl";
    QTest::newRow("plantuml") << int(DiagramFormat::PlantUml) << "all-kinds.puml";
    QTest::newRow("dot") << int(DiagramFormat::Dot) << "all-kinds.dot";
}

void tst_DiagramExport::textMatchesReviewedFixtures()
{
    QFETCH(int, format);
    QFETCH(QString, fixture);
    const QByteArray text = exportDiagram(fixtureScenario(), DiagramFormat(format)).toUtf8();
    const QString path = TestSupport::sourcePath(QStringLiteral("tests/golden/export/") + fixture);
    if (qEnvironmentVariableIntValue("ARCHSIM_REGEN_EXPORT") == 1) {
        QVERIFY(TestSupport::writeBytes(path, text));
        QSKIP("fixture written: review it");
    }
    QFile f(path);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray expected = f.readAll();
    if (text != expected) {
        const QList<QByteArray> got = text.split('\n');
        const QList<QByteArray> want = expected.split('\n');
        for (qsizetype i = 0; i < std::max(got.size(), want.size()); ++i) {
            const QByteArray a = got.value(i), b = want.value(i);
            if (a != b)
                QFAIL(qPrintable(QStringLiteral("%1 line %2:\n got: %3\nwant: %4")
                                     .arg(fixture)
                                     .arg(i + 1)
                                     .arg(QString::fromUtf8(a), QString::fromUtf8(b))));
        }
    }
}

void tst_DiagramExport::identifiersAreSafeAndUnique()
{
    const Model::Scenario s = fixtureScenario();
    const QString mermaid = exportDiagram(s, DiagramFormat::Mermaid);
    // reserved words get a '_', a '-' becomes '_', ids that then collide get a number, and
    // the clients yield their name to the component called "clients"
    for (const char *line : {"    end_(\"end<br/>service · 3 replicas\"):::service",
                             "    api_v2(\"api-v2<br/>service · 1–4 replicas\"):::service",
                             "    api_v2_2(\"api_v2<br/>service · 2 replicas\"):::service",
                             "    clients_2((\"clients<br/>workload · poisson\")):::clients",
                             "    payments___API>\"payments_*_API<br/>external API\"]:::external",
                             "    clients_2 -->|\"requests (browse, check #quot;out#quot;, "
                             "über-search)\"| edge"}) {
        QVERIFY2(mermaid.contains(QString::fromUtf8(line)), line);
    }
    const QString dsl = exportDiagram(s, DiagramFormat::Structurizr);
    QVERIFY(dsl.contains(QStringLiteral("        this_ = container \"this\"")));
    QVERIFY(dsl.contains(QStringLiteral("        clients_2 = person \"Clients\"")));
    // a backslash cannot be escaped in the DSL: it is written as U+2216
    QVERIFY(dsl.contains(QStringLiteral("\\\"v2\\\": <b>café</b> & #1 ∖ ~_x_~ 日本")));
    const QString puml = exportDiagram(s, DiagramFormat::PlantUml);
    QVERIFY(puml.contains(QStringLiteral(" as c_9lives <<cache>>")));
    QVERIFY(puml.contains(QStringLiteral(" as node_ <<service>>")));
    QVERIFY(puml.contains(QStringLiteral(" as end_ <<service>>")));
    // Creole is escaped: no bold, no HTML, no underline out of a name
    QVERIFY(puml.contains(QStringLiteral("title Shop &#34;v2&#34;: ~<b>café~<~/b> &#38; #1 \\\\ "
                                         "&#126;~_x~_&#126; 日本 'it''s'")));
}

void tst_DiagramExport::dotParsesWithGraphvizAndKeepsEverything()
{
    const Model::Scenario s = fixtureScenario();
    const DiagramGraph graph = diagramGraph(s);
    const QString dot = toDot(graph);
    const Graph g = parseDot(dot);
    QVERIFY2(g, qPrintable(dot));
    QVERIFY(agisdirected(g.get()));
    QCOMPARE(agnnodes(g.get()), int(graph.nodes.size()));
    QCOMPARE(agnedges(g.get()), int(graph.links.size()));
    // the title (with quotes and a backslash) survives as the graph's label
    QCOMPARE(attribute(g.get(), "label"), dotEscaped(s.name));
    // ids are the component ids, quoted (DOT's keywords too: "node")
    QCOMPARE(nodeAttribute(g.get(), QStringLiteral("node"), "class"), QStringLiteral("service"));
    QCOMPARE(nodeAttribute(g.get(), QStringLiteral("node"), "label"),
             QStringLiteral("node\\nservice · 2 replicas"));
    QCOMPARE(nodeAttribute(g.get(), QStringLiteral("this"), "shape"), QStringLiteral("cylinder"));
    QCOMPARE(nodeAttribute(g.get(), QStringLiteral("clients_2"), "label"),
             QStringLiteral("clients\\nworkload · poisson"));
    QCOMPARE(nodeAttribute(g.get(), QStringLiteral("search-index"), "class"),
             QStringLiteral("unknown"));
    // every edge: its ends, its relation and its label as the graph has them
    int checked = 0;
    for (Agnode_t *n = agfstnode(g.get()); n; n = agnxtnode(g.get(), n)) {
        for (Agedge_t *e = agfstout(g.get(), n); e; e = agnxtout(g.get(), e)) {
            const QString from = QString::fromUtf8(agnameof(agtail(e)));
            const QString to = QString::fromUtf8(agnameof(aghead(e)));
            const QString label = attribute(e, "label");
            bool found = false;
            for (const DiagramLink &l : graph.links) {
                found = found || dotEscaped(l.text()) == label;
            }
            QVERIFY2(found, qPrintable(QStringLiteral("%1 -> %2 %3").arg(from, to, label)));
            const QString style = attribute(e, "style");
            if (attribute(e, "class") == QLatin1String("publish"))
                QCOMPARE(style, QStringLiteral("dashed"));
            if (attribute(e, "class") == QLatin1String("call"))
                QCOMPARE(style, QStringLiteral("solid"));
            ++checked;
        }
    }
    QCOMPARE(checked, int(graph.links.size()));

    // a backslash at the end of a string does not swallow its closing quote
    Model::Scenario odd = s;
    odd.name = QStringLiteral("ends with \\");
    const Graph g2 = parseDot(exportDiagram(odd, DiagramFormat::Dot));
    QVERIFY(g2);
    QCOMPARE(attribute(g2.get(), "label"), QStringLiteral("ends with \\\\"));
    QCOMPARE(agnnodes(g2.get()), int(graph.nodes.size()));
}

void tst_DiagramExport::everyKindHasItsOwnShapeInEveryFormat()
{
    const Model::Scenario s = fixtureScenario();
    const DiagramGraph graph = diagramGraph(s);
    const Graph g = parseDot(toDot(graph));
    QVERIFY(g);
    // DOT: one shape (with its style) per kind
    QHash<QString, QString> shapeOfKind;
    for (Agnode_t *n = agfstnode(g.get()); n; n = agnxtnode(g.get(), n)) {
        const QString kind = attribute(n, "class");
        const QString shape = attribute(n, "shape") + QLatin1Char('/') + attribute(n, "style");
        if (shapeOfKind.contains(kind))
            QCOMPARE(shapeOfKind.value(kind), shape);
        shapeOfKind.insert(kind, shape);
    }
    QCOMPARE(shapeOfKind.size(), 9); // seven kinds, an unknown one and the clients
    QCOMPARE(QSet<QString>(shapeOfKind.cbegin(), shapeOfKind.cend()).size(), 9);

    // Mermaid: the bracket pair before :::kind; PlantUML: the element keyword
    const QRegularExpression mermaidNode(
        QStringLiteral("^    \\w+([^\"]+)\".*\"([^\"]+):::(\\w+)$"));
    const QRegularExpression pumlNode(QStringLiteral("^(\\w+) \".*\" as \\w+ <<(\\w+)>>$"));
    QHash<QString, QString> mermaidShapes, pumlShapes;
    for (const QString &line : toMermaid(graph).split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch m = mermaidNode.match(line);
        if (m.hasMatch())
            mermaidShapes.insert(m.captured(3), m.captured(1) + m.captured(2));
    }
    for (const QString &line : toPlantUml(graph).split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch m = pumlNode.match(line);
        if (m.hasMatch())
            pumlShapes.insert(m.captured(2), m.captured(1));
    }
    QCOMPARE(mermaidShapes.size(), 9);
    QCOMPARE(QSet<QString>(mermaidShapes.cbegin(), mermaidShapes.cend()).size(), 9);
    QCOMPARE(mermaidShapes.value(QStringLiteral("database")), QStringLiteral("[()]"));
    QCOMPARE(pumlShapes.size(), 9);
    QCOMPARE(QSet<QString>(pumlShapes.cbegin(), pumlShapes.cend()).size(), 9);
    QCOMPARE(pumlShapes.value(QStringLiteral("queue")), QStringLiteral("queue"));
    // Structurizr: a tag per kind, styled with a shape of its own
    const QString dsl = toStructurizr(graph);
    const QRegularExpression style(QStringLiteral("element \"([^\"]+)\" \\{\\n\\s+shape (\\w+)"));
    QHash<QString, QString> dslShapes;
    for (auto it = style.globalMatch(dsl); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        dslShapes.insert(m.captured(1), m.captured(2));
    }
    QCOMPARE(dslShapes.size(), 9);
    QCOMPARE(dslShapes.value(QStringLiteral("Database")), QStringLiteral("Cylinder"));
    QCOMPARE(dslShapes.value(QStringLiteral("Queue")), QStringLiteral("Pipe"));
    QCOMPARE(dslShapes.value(QStringLiteral("Clients")), QStringLiteral("Person"));
}

void tst_DiagramExport::everyExampleExportsInEveryFormat()
{
    const QStringList files = exampleFiles();
    QVERIFY(files.size() >= 9);
    for (const QString &file : files) {
        const Model::Scenario s = TestSupport::loadExample(file);
        const DiagramGraph graph = diagramGraph(s);
        QVERIFY2(graph.warnings.isEmpty(), qPrintable(file));
        QCOMPARE(graph.nodes.size(), s.components.size() + 1); // every example has an entry
        for (const DiagramFormat f : diagramFormats()) {
            QStringList warnings;
            const QString text = exportDiagram(s, f, &warnings);
            QVERIFY2(warnings.isEmpty(), qPrintable(file));
            for (const Model::Component &c : s.components)
                QVERIFY2(text.contains(c.id), qPrintable(file + QLatin1Char(' ') + c.id));
        }
        const Graph g = parseDot(toDot(graph));
        QVERIFY2(g, qPrintable(file));
        QCOMPARE(agnnodes(g.get()), int(graph.nodes.size()));
        QCOMPARE(agnedges(g.get()), int(graph.links.size()));
        QVERIFY2(graph.links.size() >= s.components.size(), qPrintable(file)); // all connected
    }
}

QTEST_GUILESS_MAIN(tst_DiagramExport)
#include "tst_diagramexport.moc"
