// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * A scenario's topology as text for other diagram tools (docs/cli.md, "export"): a Mermaid
 * flowchart, a Structurizr DSL workspace, a PlantUML deployment diagram and a Graphviz DOT
 * digraph. Written from the scenario alone (no layout, no widgets), so archsim-cli writes the
 * same text as File > Export Diagram in the GUI.
 *
 * Every component keeps its kind (a shape of its own in each format, plus a class, tag or
 * stereotype naming the kind) and every link its relation (call, db query, cache lookup,
 * publish, consumed by, balances to, routes to, connection pool, dead letters), with the
 * request or message names, route weights and pool sizes the canvas shows on it. The
 * workload's clients are drawn as one more node sending their requests to the entry.
 *
 * Names are escaped for each language; identifiers are made from the component ids, changed
 * only where a language cannot take them (reserved words, characters, a leading digit, ids
 * that would then collide), so the text is still readable.
 */
namespace Model::Export {

enum class DiagramFormat { Mermaid, Structurizr, PlantUml, Dot };

/** "mermaid", "structurizr", "plantuml", "dot" (the words of `archsim-cli export --to`). */
QString diagramFormatName(DiagramFormat format);
/** The format of one of those words (case-insensitive); nullopt for any other. */
std::optional<DiagramFormat> diagramFormatFromName(const QString &name);
/** The usual file suffix, without the dot: "mmd", "dsl", "puml", "dot". */
QString diagramFormatSuffix(DiagramFormat format);
/** "Mermaid", "Structurizr DSL", "PlantUML", "Graphviz DOT". */
QString diagramFormatTitle(DiagramFormat format);
QList<DiagramFormat> diagramFormats();

/** What a link between two components means (the owner of the relation is `from`). */
enum class LinkKind {
    Requests,    ///< the workload's clients send requests to the entry
    Call,        ///< a call step (or a connection pool) to a service, balancer, gateway, API
    Query,       ///< a call step to a database
    CacheLookup, ///< a cache step
    Publish,     ///< a publish step
    Consume,     ///< a queue delivers to a consuming service
    Balance,     ///< a load balancer's target
    Route,       ///< a gateway's route
    Pool,        ///< a connection pool to a component it does not call
    DeadLetter   ///< a queue's dead letters go to another queue
};

/** "requests", "call", "db query", "cache lookup", "publish", "consumed by", ... */
QString linkKindName(LinkKind kind);
/** Publish, consume and dead letters do not wait for an answer. */
bool isAsynchronous(LinkKind kind);

struct DiagramNode
{
    QString id; ///< the component id (for the clients: empty)
    ComponentKind kind = ComponentKind::Unknown;
    bool clients = false; ///< the workload's clients, not a component
    QString kindLabel;    ///< "service", "load balancer", ...; the unknown word for Unknown
    QString detail;       ///< "×3", "redis", ... (may be empty)
};

struct DiagramLink
{
    LinkKind kind = LinkKind::Call;
    int from = -1; ///< index into DiagramGraph::nodes
    int to = -1;
    QString label; ///< request names, weights, pool size ("" when nothing to add)

    /** "db query (get_product, pool 8)": the relation, then the label in brackets. */
    QString text() const;
};

/** The nodes and links every format is written from. */
struct DiagramGraph
{
    QString title;            ///< the scenario's name (may be empty)
    QString description;      ///< the scenario's description (may be empty)
    QList<DiagramNode> nodes; ///< the clients if any, then the components in order
    QList<DiagramLink> links; ///< in component order, one per (kind, from, to)
    /** Relations to ids that are no component, left out: one sentence each. */
    QStringList warnings;
};

/**
 * The graph of `scenario`: the clients when the workload's entry is a component, one node
 * per component (an id given twice is drawn once) and one link per relation.
 */
DiagramGraph diagramGraph(const Scenario &scenario);

QString toMermaid(const DiagramGraph &graph);
QString toStructurizr(const DiagramGraph &graph);
QString toPlantUml(const DiagramGraph &graph);
QString toDot(const DiagramGraph &graph);

/** The text of `format` for `scenario`; `warnings` (if given) gets diagramGraph()'s. */
QString exportDiagram(const Scenario &scenario,
                      DiagramFormat format,
                      QStringList *warnings = nullptr);

} // namespace Model::Export
