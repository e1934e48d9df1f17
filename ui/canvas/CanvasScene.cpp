// SPDX-License-Identifier: GPL-3.0-or-later
#include "CanvasScene.h"

#include "CanvasClipboard.h"
#include "CanvasItems.h"
#include "Document.h"
#include "DocumentController.h"
#include "GraphLayout.h"
#include "KindRegistry.h"

#include <utility>
#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QSet>

#include <algorithm>

namespace Ui {

CanvasScene::CanvasScene(Model::Document *document, DocumentController *controller, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_controller(controller)
{
    setItemIndexMethod(NoIndex); // few items that move a lot
    m_legend = new LegendItem(this);
    m_legend->setVisible(false);
    QGraphicsScene::addItem(m_legend);

    connect(document, &Model::Document::scenarioReset, this, &CanvasScene::rebuild);
    connect(document, &Model::Document::componentAdded, this, [this](const QString &id) {
        addItem(id);
        syncLinks();
        placeLegend();
    });
    connect(document, &Model::Document::componentRemoved, this, [this](const QString &id) {
        delete m_items.take(id);
        syncLinks();
        placeLegend();
    });
    connect(document, &Model::Document::componentChanged, this, [this](const QString &id) {
        if (ComponentItem *item = m_items.value(id))
            item->refresh(); // the replica stack may have grown
        syncLinks();
    });
    connect(document,
            &Model::Document::componentRenamed,
            this,
            [this](const QString &oldId, const QString &newId) {
                if (ComponentItem *item = m_items.take(oldId)) {
                    item->setId(newId);
                    m_items.insert(newId, item);
                }
                syncLinks();
            });
    connect(document, &Model::Document::positionChanged, this, [this](const QString &id) {
        if (ComponentItem *item = m_items.value(id)) {
            const QPointF p = m_document->layout().positions.value(id);
            if (item->pos() != p)
                item->setPos(p);
        }
        updateLinkGeometry(id);
        if (!m_dragging)
            placeLegend();
    });
    // Document::setLayout() announces moved and added positions only; an undo back to a
    // layout without some positions would leave items behind, so resync after each step.
    connect(controller->undoStack(), &QUndoStack::indexChanged, this, &CanvasScene::syncPositions);
    connect(this, &QGraphicsScene::selectionChanged, this, &CanvasScene::reportSelection);
    rebuild();
}

CanvasScene::~CanvasScene()
{
    // items point back at this scene: remove them while it is still whole
    disconnect(this, &QGraphicsScene::selectionChanged, this, &CanvasScene::reportSelection);
    clear();
}

void CanvasScene::rebuild()
{
    const QSignalBlocker blocker(this);
    qDeleteAll(m_links);
    m_links.clear();
    qDeleteAll(m_items);
    m_items.clear();
    for (const Model::Component &c : m_document->scenario().components)
        addItem(c.id);
    syncLinks();
    placeLegend();
}

void CanvasScene::addItem(const QString &id)
{
    if (m_items.contains(id))
        return;
    auto *item = new ComponentItem(this, id);
    item->setPos(m_document->layout().positions.value(id));
    QGraphicsScene::addItem(item);
    m_items.insert(id, item);
}

void CanvasScene::syncLinks()
{
    const QList<Relation> relations = relationsOf(m_document->scenario());
    QSet<QString> keep;
    for (const Relation &r : relations) {
        if (!m_items.contains(r.from) || !m_items.contains(r.to) || r.from == r.to)
            continue; // a dangling reference: validation reports it
        const QString key = r.key();
        keep.insert(key);
        if (LinkItem *link = m_links.value(key)) {
            if (!(link->relation() == r))
                link->setRelation(r);
        } else {
            link = new LinkItem(this, r);
            QGraphicsScene::addItem(link);
            m_links.insert(key, link);
        }
    }
    for (auto it = m_links.begin(); it != m_links.end();) {
        if (!keep.contains(it.key())) {
            // Out of m_links before it is deleted: ~QGraphicsItem deselects it, and the
            // selection handlers walk m_links.
            LinkItem *gone = it.value();
            it = m_links.erase(it);
            delete gone;
        } else {
            ++it;
        }
    }
    // links between the same two components fan out side by side
    QHash<QString, QList<LinkItem *>> byPair;
    for (LinkItem *link : std::as_const(m_links)) {
        const Relation &r = link->relation();
        const QString pair = r.from < r.to ? r.from + QLatin1Char('\n') + r.to
                                           : r.to + QLatin1Char('\n') + r.from;
        byPair[pair].append(link);
    }
    for (QList<LinkItem *> &group : byPair) {
        std::sort(group.begin(), group.end(), [](const LinkItem *a, const LinkItem *b) {
            return a->relation().key() < b->relation().key();
        });
        for (int i = 0; i < group.size(); ++i) {
            group[i]->setOffset((i - (group.size() - 1) / 2.0) * 14);
            group[i]->updateGeometry();
        }
    }
}

void CanvasScene::syncPositions()
{
    if (m_dragging)
        return;
    bool moved = false;
    for (ComponentItem *item : std::as_const(m_items)) {
        const QPointF p = m_document->layout().positions.value(item->id());
        if (item->pos() != p) {
            item->setPos(p);
            moved = true;
        }
    }
    if (moved) {
        for (LinkItem *link : std::as_const(m_links))
            link->updateGeometry();
        placeLegend();
    }
}

bool CanvasScene::needsArrange() const
{
    for (const Model::Component &c : m_document->scenario().components) {
        if (!m_document->layout().positions.contains(c.id))
            return true;
    }
    return false;
}

void CanvasScene::updateLinkGeometry(const QString &id)
{
    for (LinkItem *link : std::as_const(m_links)) {
        if (link->relation().from == id || link->relation().to == id)
            link->updateGeometry();
    }
}

void CanvasScene::placeLegend()
{
    QRectF bounds;
    for (const ComponentItem *item : std::as_const(m_items))
        bounds = bounds.united(item->mapRectToScene(item->boundingRect()));
    m_legend->setVisible(m_hasHeat);
    m_legend->refresh();
    if (bounds.isNull())
        bounds = QRectF(0, 0, 1, 1);
    // beside a wide graph (a layered LR layout), below a tall one: where it costs the view's
    // fit the least
    if (bounds.width() >= bounds.height())
        m_legend->setPos(bounds.right() + 24, bounds.top());
    else
        m_legend->setPos(bounds.left(), bounds.bottom() + 24);
}

ComponentItem *CanvasScene::componentItem(const QString &id) const
{
    return m_items.value(id);
}

QList<ComponentItem *> CanvasScene::componentItems() const
{
    QList<ComponentItem *> result;
    for (const Model::Component &c : m_document->scenario().components) {
        if (ComponentItem *item = m_items.value(c.id))
            result.append(item);
    }
    return result;
}

LinkItem *CanvasScene::linkItem(Relation::Kind kind, const QString &from, const QString &to) const
{
    return m_links.value(Relation{kind, from, to, {}}.key());
}

QList<LinkItem *> CanvasScene::linkItems() const
{
    return m_links.values();
}

QStringList CanvasScene::selectedComponentIds() const
{
    QStringList ids;
    for (const ComponentItem *item : componentItems()) {
        if (item->isSelected())
            ids.append(item->id());
    }
    return ids;
}

QList<Relation> CanvasScene::selectedRelations() const
{
    QList<Relation> result;
    for (const LinkItem *link : std::as_const(m_links)) {
        if (link->isSelected())
            result.append(link->relation());
    }
    return result;
}

void CanvasScene::reportSelection()
{
    const QStringList ids = selectedComponentIds();
    if (!ids.isEmpty()) {
        if (ids.size() == 1)
            emit componentSelected(ids.first());
        emit componentsSelected(ids);
        return;
    }
    const QList<Relation> links = selectedRelations();
    if (!links.isEmpty())
        emit linkSelected(links.first());
    else
        emit nothingSelected();
}

void CanvasScene::selectComponent(const QString &id)
{
    {
        const QSignalBlocker blocker(this);
        clearSelection();
    }
    ComponentItem *item = m_items.value(id);
    if (!item) {
        reportSelection();
        return;
    }
    item->setSelected(true);
    for (QGraphicsView *view : views())
        view->ensureVisible(item);
}

QString CanvasScene::addComponent(Model::ComponentKind kind, QPointF scenePos)
{
    const Model::Component c = KindRegistry::instance().createComponent(kind, *m_document);
    m_controller->addComponent(c, m_snap ? snapped(scenePos) : scenePos);
    if (!m_document->component(c.id))
        return {};
    selectComponent(c.id);
    return c.id;
}

bool CanvasScene::connectComponents(const QString &from, const QString &to)
{
    const std::optional<Model::Component> changed = connectedComponent(m_document->scenario(),
                                                                       from,
                                                                       to);
    if (!changed)
        return false;
    m_controller->setComponent(*changed);
    return true;
}

bool CanvasScene::removeRelation(const Relation &relation)
{
    const std::optional<Model::Component> changed = componentWithoutRelation(m_document->scenario(),
                                                                             relation);
    if (!changed)
        return false;
    m_controller->setComponent(*changed);
    return true;
}

void CanvasScene::removeSelection()
{
    const QStringList ids = selectedComponentIds();
    if (!ids.isEmpty()) {
        m_controller->removeComponents(ids);
        return;
    }
    const QList<Relation> relations = selectedRelations();
    if (relations.isEmpty())
        return;
    m_controller->beginMacro(
        relations.size() == 1 ? tr("Delete link")
                              : tr("Delete %n links", nullptr, static_cast<int>(relations.size())));
    for (const Relation &r : relations)
        removeRelation(r); // each works on the document as the previous one left it
    m_controller->endMacro();
}

QByteArray CanvasScene::copySelection() const
{
    return componentsToJson(*m_document, selectedComponentIds());
}

QStringList CanvasScene::paste(const QByteArray &json, QPointF offset)
{
    const QList<PastedComponent> pasted = componentsFromJson(json, *m_document);
    if (pasted.isEmpty())
        return {};
    QStringList ids;
    m_controller->beginMacro(
        pasted.size() == 1 ? tr("Paste %1").arg(pasted.first().component.id)
                           : tr("Paste %n components", nullptr, static_cast<int>(pasted.size())));
    for (const PastedComponent &p : pasted) {
        m_controller->addComponent(p.component, p.position + offset);
        ids.append(p.component.id);
    }
    m_controller->endMacro();
    {
        const QSignalBlocker blocker(this);
        clearSelection();
        for (const QString &id : std::as_const(ids)) {
            if (ComponentItem *item = m_items.value(id))
                item->setSelected(true);
        }
    }
    reportSelection();
    return ids;
}

bool CanvasScene::arrange()
{
    QList<LayoutNode> nodes;
    for (const ComponentItem *item : componentItems()) {
        // room for the replica stack and badges
        nodes.append(LayoutNode{item->id(), item->boundingRect().size() + QSizeF(10, 10)});
    }
    QList<QPair<QString, QString>> edges;
    for (const Relation &r : relationsOf(m_document->scenario()))
        edges.append({r.from, r.to});
    // the ranks leave room for the widest link label, within reason
    qreal widest = 0;
    for (const LinkItem *link : std::as_const(m_links))
        widest = qMax(widest, link->labelWidth());
    const qreal rankGap = qBound(90.0, widest + 50, 240.0);
    const QHash<QString, QPointF> positions = layeredLayout(nodes, edges, rankGap, 36);
    if (positions.isEmpty())
        return false;
    Model::Layout layout = m_document->layout();
    for (auto it = positions.cbegin(); it != positions.cend(); ++it)
        layout.positions.insert(it.key(), it.value());
    m_controller->setLayout(layout, tr("Arrange"));
    m_controller->closeMerge();
    placeLegend();
    return true;
}

QPointF CanvasScene::snapped(QPointF p) const
{
    return QPointF(std::round(p.x() / kGridSize) * kGridSize,
                   std::round(p.y() / kGridSize) * kGridSize);
}

void CanvasScene::setLintMarks(const QHash<QString, QStringList> &byComponent)
{
    if (byComponent == m_lint)
        return;
    m_lint = byComponent;
    for (ComponentItem *item : std::as_const(m_items))
        item->update();
}

void CanvasScene::setOverloaded(const QString &id)
{
    if (id == m_overloaded)
        return;
    const QString before = std::exchange(m_overloaded, id);
    for (const QString &changed : {before, id}) {
        if (ComponentItem *item = m_items.value(changed))
            item->refresh();
    }
}

void CanvasScene::setHeat(const Sim::RunResult *result)
{
    m_heat.clear();
    m_linkHeat.clear();
    m_bottleneck.clear();
    m_hasHeat = result != nullptr;
    if (result) {
        m_measuredS = qMax(1e-9, result->durationS - result->warmupS);
        for (const Sim::LinkResult &l : result->links)
            m_linkHeat.insert({QString::fromStdString(l.from), QString::fromStdString(l.to)}, l);
        double worst = -1;
        for (const Sim::ComponentResult &c : result->components) {
            const QString id = QString::fromStdString(c.id);
            m_heat.insert(id, c);
            const Model::Component *comp = m_document->component(id);
            if (!comp)
                continue;
            const bool measured = KindRegistry::instance().info(comp->kind).measured;
            if (measured && c.utilization > worst) {
                worst = c.utilization;
                m_bottleneck = id;
            }
        }
    }
    for (ComponentItem *item : std::as_const(m_items))
        item->refresh();
    for (LinkItem *link : std::as_const(m_links)) {
        link->updateGeometry(); // the label's size changes
    }
    placeLegend();
    emit heatChanged();
}

void CanvasScene::setLineScale(double scale)
{
    if (scale == m_lineScale || !(scale > 0))
        return;
    m_lineScale = scale;
    for (ComponentItem *item : std::as_const(m_items))
        item->update();
    for (LinkItem *link : std::as_const(m_links))
        link->updateGeometry(); // the bounding box grows with the line
}

const Sim::ComponentResult *CanvasScene::heat(const QString &id) const
{
    const auto it = m_heat.constFind(id);
    return it == m_heat.cend() ? nullptr : &it.value();
}

const Sim::LinkResult *CanvasScene::linkHeat(const QString &from, const QString &to) const
{
    const auto it = m_linkHeat.constFind({from, to});
    return it == m_linkHeat.cend() ? nullptr : &it.value();
}

double CanvasScene::traffic(const Relation &relation) const
{
    if (!m_hasHeat)
        return -1;
    const Sim::ComponentResult *target = heat(relation.to);
    const Sim::ComponentResult *source = heat(relation.from);
    if (relation.kind == Relation::Kind::Consumer) {
        // messages consumed by this consumer group: split the queue's by consumer count
        if (!source)
            return -1;
        const Model::Component *queue = m_document->component(relation.from);
        int total = 0;
        int mine = 0;
        for (const Model::Consumer &k : queue->queue.consumers) {
            total += k.count.value_or(1);
            if (k.service == relation.to)
                mine += k.count.value_or(1);
        }
        return total > 0 ? source->consumed / m_measuredS * mine / total : -1;
    }
    if (!target)
        return -1;
    // The engine counts visits per component, not per caller: split the target's
    // throughput among the links into it, in proportion to each caller's own throughput.
    double total = target->throughputPerS;
    if (relation.kind == Relation::Kind::Publish)
        total = target->published / m_measuredS;
    double callers = 0;
    int incoming = 0;
    for (const LinkItem *link : std::as_const(m_links)) {
        const Relation &r = link->relation();
        if (r.to != relation.to || r.kind == Relation::Kind::Pool
            || (r.kind == Relation::Kind::Publish) != (relation.kind == Relation::Kind::Publish))
            continue;
        ++incoming;
        if (const Sim::ComponentResult *s = heat(r.from))
            callers += s->throughputPerS;
    }
    if (incoming <= 1 || callers <= 0)
        return total;
    return source ? total * source->throughputPerS / callers : -1;
}

QRectF CanvasScene::contentRect() const
{
    QRectF r;
    for (const QGraphicsItem *item : items()) {
        if (item->isVisible() && item != m_connectLine)
            r = r.united(item->sceneBoundingRect());
    }
    return r.adjusted(-30, -30, 30, 30);
}

ComponentItem *CanvasScene::componentAt(QPointF scenePos, const QString &except) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (item->type() != ComponentItem::Type)
            continue;
        auto *c = static_cast<ComponentItem *>(item);
        if (c->id() != except)
            return c;
    }
    return nullptr;
}

void CanvasScene::updateConnectCursor(bool allowed)
{
    for (QGraphicsView *view : views())
        view->viewport()->setCursor(allowed ? Qt::DragLinkCursor : Qt::ForbiddenCursor);
}

void CanvasScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (ComponentItem *item = componentAt(event->scenePos())) {
            const bool onHandle = ComponentItem::connectorRect().contains(
                item->mapFromScene(event->scenePos()));
            if ((event->modifiers() & Qt::ShiftModifier) || onHandle) {
                m_connectFrom = item->id();
                m_connectLine = new QGraphicsLineItem(QLineF(item->pos(), event->scenePos()));
                m_connectLine->setPen(QPen(QColor(0x1e, 0x63, 0xd6), 2, Qt::DashLine));
                m_connectLine->setZValue(10);
                QGraphicsScene::addItem(m_connectLine);
                updateConnectCursor(false);
                event->accept();
                return;
            }
            m_dragging = true;
        }
    }
    QGraphicsScene::mousePressEvent(event);
}

void CanvasScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectLine) {
        m_connectLine->setLine(QLineF(m_connectLine->line().p1(), event->scenePos()));
        const ComponentItem *target = componentAt(event->scenePos(), m_connectFrom);
        const Model::Component *a = m_document->component(m_connectFrom);
        const Model::Component *b = target ? m_document->component(target->id()) : nullptr;
        updateConnectCursor(a && b && canConnect(a->kind, b->kind));
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
    if (m_dragging && (event->buttons() & Qt::LeftButton))
        pushMoves();
}

void CanvasScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectLine) {
        delete m_connectLine;
        m_connectLine = nullptr;
        const QString from = std::exchange(m_connectFrom, QString());
        for (QGraphicsView *view : views())
            view->viewport()->unsetCursor();
        if (const ComponentItem *target = componentAt(event->scenePos(), from))
            connectComponents(from, target->id());
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (m_dragging) {
        pushMoves();
        m_dragging = false;
        m_controller->closeMerge(); // the next drag is a new undo step
        placeLegend();
    }
}

void CanvasScene::pushMoves()
{
    QHash<QString, QPointF> positions;
    bool moved = false;
    for (const ComponentItem *item : std::as_const(m_items)) {
        if (!item->isSelected())
            continue;
        positions.insert(item->id(), item->pos());
        moved = moved || m_document->layout().positions.value(item->id()) != item->pos();
    }
    if (moved)
        m_controller->moveComponents(positions);
}

} // namespace Ui
