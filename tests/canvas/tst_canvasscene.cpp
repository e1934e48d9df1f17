// SPDX-License-Identifier: GPL-3.0-or-later
#include "CanvasItems.h"
#include "CanvasScene.h"
#include "Document.h"
#include "DocumentController.h"
#include "KindRegistry.h"
#include "KindTraits.h"
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"

#include <QPainter>
#include <QSignalSpy>
#include <QtTest>

using Model::ComponentKind;
using Ui::Relation;

class tst_CanvasScene : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void itemsFollowTheDocument();
    void addThroughDropPath();
    void newComponentsHaveDefaults();
    void connectServiceToDatabase();
    void connectQueueToService();
    void connectServiceToCacheAndQueue();
    void illegalPairDoesNothing();
    void deleteLinkRemovesRelation();
    void deleteSelectionUndoRestoresExactly();
    void copyPasteRemapsIds();
    void arrangeIsOneUndoStep();
    void heatColoursByUtilisation();
    void replicaBadgeShowsCount();
    void modulesShowOnTheServiceCard();
    void selectionSignals();

private:
    Model::Scenario m_shop;
    Model::Document *m_doc = nullptr;
    Ui::DocumentController *m_ctl = nullptr;
    Ui::CanvasScene *m_scene = nullptr;
};

void tst_CanvasScene::init()
{
    const Model::ScenarioLoad load = Model::loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json")));
    QVERIFY(load.scenario);
    m_shop = *load.scenario;
    m_doc = new Model::Document;
    m_doc->setScenario(m_shop);
    m_ctl = new Ui::DocumentController(m_doc);
    m_scene = new Ui::CanvasScene(m_doc, m_ctl);
}

void tst_CanvasScene::cleanup()
{
    delete m_scene;
    delete m_ctl;
    delete m_doc;
}

void tst_CanvasScene::itemsFollowTheDocument()
{
    QCOMPARE(m_scene->componentItems().size(), m_shop.components.size());
    QCOMPARE(m_scene->linkItems().size(), 11);
    m_doc->setPosition("cart", QPointF(300, 40));
    QCOMPARE(m_scene->componentItem("cart")->pos(), QPointF(300, 40));
    m_ctl->renameComponent("cart", "basket");
    QVERIFY(!m_scene->componentItem("cart"));
    QVERIFY(m_scene->componentItem("basket"));
    QVERIFY(m_scene->linkItem(Relation::Kind::Route, "gw", "basket"));
    QVERIFY(m_scene->linkItem(Relation::Kind::Call, "basket", "cart_db"));
    m_ctl->undoStack()->undo();
    QVERIFY(m_scene->linkItem(Relation::Kind::Route, "gw", "cart"));
    m_doc->setScenario({});
    QCOMPARE(m_scene->componentItems().size(), 0);
    QCOMPARE(m_scene->linkItems().size(), 0);
}

void tst_CanvasScene::addThroughDropPath()
{
    const int steps = m_ctl->undoStack()->count();
    const QString id = m_scene->addComponent(ComponentKind::Database, QPointF(103, 198));
    QCOMPARE(id, QStringLiteral("db_1"));
    const Model::Component *c = m_doc->component(id);
    QVERIFY(c);
    QCOMPARE(c->kind, ComponentKind::Database);
    QCOMPARE(m_doc->layout().positions.value(id), QPointF(100, 200)); // snapped to the grid
    QVERIFY(m_scene->componentItem(id));
    QCOMPARE(m_scene->selectedComponentIds(), QStringList{id});
    QCOMPARE(m_ctl->undoStack()->count(), steps + 1);
    m_ctl->undoStack()->undo();
    QVERIFY(!m_scene->componentItem(id));
}

void tst_CanvasScene::newComponentsHaveDefaults()
{
    const Ui::KindRegistry &registry = Ui::KindRegistry::instance();
    QCOMPARE(registry.kinds().size(), 7);
    const Model::Component service = registry.createComponent(ComponentKind::Service, *m_doc);
    QCOMPARE(service.service.handlers.size(), 1);
    QCOMPARE(service.service.handlers.first().request,
             QStringLiteral("browse")); // the workload's first
    QCOMPARE(service.service.handlers.first().steps.front().kind, Model::Step::Kind::Cpu);
    const Model::Component db = registry.createComponent(ComponentKind::Database, *m_doc);
    QCOMPARE(db.database.queries.first().name, QStringLiteral("*"));
    // every kind has its own colour and an icon
    QSet<QRgb> colours;
    for (const ComponentKind k : registry.kinds()) {
        colours.insert(registry.info(k).color.rgb());
        QVERIFY(!registry.icon(k).pixmap(32).isNull());
    }
    QCOMPARE(colours.size(), 7);
    // name, heat colouring and forwarding follow the engine's table of kinds
    for (const ComponentKind k : registry.kinds()) {
        const Sim::KindTraits *traits = Model::kindTraits(k);
        QVERIFY(traits);
        QCOMPARE(registry.info(k).displayName, QString::fromLatin1(traits->label));
        QCOMPARE(registry.info(k).measured, traits->hasUtilization);
    }
    QVERIFY(registry.info(ComponentKind::Service).measured);
    QVERIFY(!registry.info(ComponentKind::Gateway).measured);
    QVERIFY(registry.info(ComponentKind::External).forwardable);
    QVERIFY(registry.info(ComponentKind::LoadBalancer).forwardable);
    // a database takes requests but is reached by a query step, not forwarded to
    QVERIFY(!registry.info(ComponentKind::Database).forwardable);
    QVERIFY(!registry.info(ComponentKind::Cache).forwardable);
    QVERIFY(!registry.info(ComponentKind::Queue).forwardable);
}

void tst_CanvasScene::connectServiceToDatabase()
{
    QVERIFY(m_scene->connectComponents("mailer", "cart_db"));
    const Model::Component *mailer = m_doc->component("mailer");
    const Model::Step &last = mailer->service.handlers.first().steps.back();
    QCOMPARE(last.kind, Model::Step::Kind::Call);
    QCOMPARE(last.target, QStringLiteral("cart_db"));
    QCOMPARE(last.request, QStringLiteral("update_cart")); // the database's first query
    QVERIFY(m_scene->linkItem(Relation::Kind::Call, "mailer", "cart_db"));
    m_ctl->undoStack()->undo();
    QCOMPARE(*m_doc->component("mailer"), *m_shop.component("mailer"));
    QVERIFY(!m_scene->linkItem(Relation::Kind::Call, "mailer", "cart_db"));
}

void tst_CanvasScene::connectQueueToService()
{
    QVERIFY(m_scene->connectComponents("order_events", "cart"));
    const QList<Model::Consumer> consumers = m_doc->component("order_events")->queue.consumers;
    QCOMPARE(consumers.size(), 2);
    QCOMPARE(consumers.last().service, QStringLiteral("cart"));
    QCOMPARE(consumers.last().count, 1);
    QCOMPARE(consumers.last().prefetch, 10);
    QVERIFY(m_scene->linkItem(Relation::Kind::Consumer, "order_events", "cart"));
}

void tst_CanvasScene::connectServiceToCacheAndQueue()
{
    QVERIFY(m_scene->connectComponents("cart", "catalog_cache"));
    const Model::Step cache = m_doc->component("cart")->service.handlers.first().steps.back();
    QCOMPARE(cache.kind, Model::Step::Kind::Cache);
    QCOMPARE(cache.keys, 10000);
    QCOMPARE(cache.zipf, 0.9);
    QVERIFY(cache.steps.empty());
    QVERIFY(m_scene->connectComponents("cart", "order_events"));
    QCOMPARE(m_doc->component("cart")->service.handlers.first().steps.back().kind,
             Model::Step::Kind::Publish);
    QVERIFY(m_scene->connectComponents("gw", "mailer"));
    QVERIFY(m_scene->linkItem(Relation::Kind::Route, "gw", "mailer"));
}

void tst_CanvasScene::illegalPairDoesNothing()
{
    const int steps = m_ctl->undoStack()->count();
    QVERIFY(!m_scene->connectComponents("catalog_db", "cart"));
    QVERIFY(!m_scene->connectComponents("payments", "cart"));
    QVERIFY(!m_scene->connectComponents("order_events", "cart_db"));
    QVERIFY(!m_scene->connectComponents("cart", "cart"));
    QCOMPARE(m_ctl->undoStack()->count(), steps);
    QCOMPARE(m_doc->scenario(), m_shop);
}

void tst_CanvasScene::deleteLinkRemovesRelation()
{
    Ui::LinkItem *link = m_scene->linkItem(Relation::Kind::Call, "orders", "payments");
    QVERIFY(link);
    link->setSelected(true);
    const int steps = m_ctl->undoStack()->count();
    m_scene->removeSelection();
    QCOMPARE(m_ctl->undoStack()->count(), steps + 1);
    QVERIFY(!m_scene->linkItem(Relation::Kind::Call, "orders", "payments"));
    for (const Model::Step &s : m_doc->component("orders")->service.handlers.first().steps)
        QVERIFY(s.target != QLatin1String("payments"));
    QVERIFY(m_doc->component("payments")); // the component stays
    m_ctl->undoStack()->undo();
    QCOMPARE(m_doc->scenario(), m_shop);

    // the consumer link edits the queue
    m_scene->linkItem(Relation::Kind::Consumer, "order_events", "mailer")->setSelected(true);
    m_scene->removeSelection();
    QVERIFY(m_doc->component("order_events")->queue.consumers.isEmpty());
}

void tst_CanvasScene::deleteSelectionUndoRestoresExactly()
{
    QVERIFY(m_scene->arrange());
    const Model::Layout layoutBefore = m_doc->layout();
    m_scene->componentItem("cart")->setSelected(true);
    m_scene->componentItem("catalog_db")->setSelected(true);
    m_scene->componentItem("order_events")->setSelected(true);
    const int steps = m_ctl->undoStack()->count();
    m_scene->removeSelection();
    QCOMPARE(m_ctl->undoStack()->count(), steps + 1);
    QCOMPARE(m_doc->scenario().components.size(), m_shop.components.size() - 3);
    QVERIFY(!m_scene->componentItem("cart"));
    QVERIFY(!m_scene->linkItem(Relation::Kind::Consumer, "order_events", "mailer"));
    m_ctl->undoStack()->undo();
    QCOMPARE(m_doc->scenario(), m_shop);
    QCOMPARE(m_doc->layout(), layoutBefore);
    QVERIFY(m_scene->linkItem(Relation::Kind::Consumer, "order_events", "mailer"));
    QCOMPARE(m_scene->linkItems().size(), 11);
}

void tst_CanvasScene::copyPasteRemapsIds()
{
    m_doc->setPosition("orders", QPointF(100, 100));
    m_doc->setPosition("orders_db", QPointF(300, 100));
    m_scene->componentItem("orders")->setSelected(true);
    m_scene->componentItem("orders_db")->setSelected(true);
    const QByteArray json = m_scene->copySelection();
    QVERIFY(json.contains("archsim-scenario"));
    const int steps = m_ctl->undoStack()->count();
    const QStringList ids = m_scene->paste(json, QPointF(40, 40));
    QCOMPARE(ids, (QStringList{"orders_1", "orders_db_1"}));
    QCOMPARE(m_ctl->undoStack()->count(), steps + 1);
    const Model::Component *copy = m_doc->component("orders_1");
    QVERIFY(copy);
    QStringList targets;
    for (const Model::Step &s : copy->service.handlers.first().steps)
        targets.append(s.target);
    // the reference inside the copy follows the copy; the others stay
    QVERIFY(targets.contains("orders_db_1"));
    QVERIFY(!targets.contains("orders_db"));
    QVERIFY(targets.contains("payments"));
    QVERIFY(targets.contains("order_events"));
    QCOMPARE(m_doc->layout().positions.value("orders_1"), QPointF(140, 140));
    QCOMPARE(m_scene->selectedComponentIds(), ids);
    QVERIFY(m_scene->linkItem(Relation::Kind::Call, "orders_1", "orders_db_1"));
    // pasting again gives fresh ids again
    QCOMPARE(m_scene->paste(json, QPointF(80, 80)), (QStringList{"orders_2", "orders_db_2"}));
    m_ctl->undoStack()->undo();
    m_ctl->undoStack()->undo();
    QVERIFY(!m_doc->component("orders_1"));
    QCOMPARE(m_doc->scenario(), m_shop);
}

void tst_CanvasScene::arrangeIsOneUndoStep()
{
    QVERIFY(m_scene->needsArrange()); // the example has no positions
    const Model::Layout before = m_doc->layout();
    const int steps = m_ctl->undoStack()->count();
    QVERIFY(m_scene->arrange());
    QVERIFY(!m_scene->needsArrange());
    QCOMPARE(m_ctl->undoStack()->count(), steps + 1);
    const Model::Layout after = m_doc->layout();
    QCOMPARE(after.positions.size(), m_shop.components.size());
    // left to right: the gateway comes before the services, the services before their databases
    QVERIFY(after.positions.value("gw").x() < after.positions.value("orders").x());
    QVERIFY(after.positions.value("orders").x() < after.positions.value("orders_db").x());
    // no two items overlap
    const QList<Ui::ComponentItem *> items = m_scene->componentItems();
    for (int i = 0; i < items.size(); ++i) {
        QCOMPARE(items.at(i)->pos(), after.positions.value(items.at(i)->id()));
        for (int j = i + 1; j < items.size(); ++j) {
            const QRectF a = Ui::ComponentItem::bodyRect().translated(items.at(i)->pos());
            const QRectF b = Ui::ComponentItem::bodyRect().translated(items.at(j)->pos());
            QVERIFY2(!a.intersects(b),
                     qPrintable(items.at(i)->id() + " overlaps " + items.at(j)->id()));
        }
    }
    m_ctl->undoStack()->undo();
    QCOMPARE(m_doc->layout(), before);
    QCOMPARE(m_scene->componentItem("gw")->pos(), before.positions.value("gw"));
}

void tst_CanvasScene::heatColoursByUtilisation()
{
    Sim::RunResult run;
    run.durationS = 100;
    run.warmupS = 0;
    Sim::ComponentResult cart;
    cart.id = "cart";
    cart.utilization = 0.95;
    cart.throughputPerS = 120;
    Sim::ComponentResult catalog;
    catalog.id = "catalog";
    catalog.utilization = 0.1;
    catalog.throughputPerS = 400;
    Sim::ComponentResult cartDb;
    cartDb.id = "cart_db";
    cartDb.utilization = 0.5;
    cartDb.throughputPerS = 120;
    Sim::ComponentResult queue;
    queue.id = "order_events";
    queue.backlogMean = 12.4;
    queue.backlogMax = 40;
    queue.consumed = 3000;
    run.components = {cart, catalog, cartDb, queue};

    const QColor plain = m_scene->componentItem("cart")->fillColor();
    m_scene->setHeat(&run);
    QVERIFY(m_scene->hasHeat());
    const QColor hot = m_scene->componentItem("cart")->fillColor();
    const QColor cool = m_scene->componentItem("catalog")->fillColor();
    QVERIFY(hot != plain);
    QVERIFY2(hot.red() > hot.green() && hot.red() > 200, qPrintable(hot.name()));
    QVERIFY2(cool.green() > cool.red(), qPrintable(cool.name()));
    QCOMPARE(m_scene->bottleneck(), QStringLiteral("cart"));
    QVERIFY(m_scene->legendItem()->isVisible());
    QVERIFY(m_scene->componentItem("order_events")->detailText().contains("backlog 12"));
    // traffic on links: one caller into cart_db, so all of its throughput
    QCOMPARE(m_scene->traffic({Relation::Kind::Call, "cart", "cart_db", {}}), 120.0);
    QVERIFY(
        m_scene->linkItem(Relation::Kind::Call, "cart", "cart_db")->labelText().contains("120/s"));
    QCOMPARE(m_scene->traffic({Relation::Kind::Consumer, "order_events", "mailer", {}}), 30.0);

    // a network link under a call: its bytes both ways, and the heat of its busier direction
    Ui::LinkItem *call = m_scene->linkItem(Relation::Kind::Call, "cart", "cart_db");
    const QPen coolPen = call->pen();
    Sim::LinkResult forth;
    forth.from = "cart";
    forth.to = "cart_db";
    forth.bandwidthMbps = 100;
    forth.bytesPerS = 1e5;
    forth.utilization = 0.05;
    Sim::LinkResult back = forth;
    back.from = "cart_db";
    back.to = "cart";
    back.bytesPerS = 1.1e7;
    back.utilization = 0.92;
    run.links = {forth, back};
    m_scene->setHeat(&run);
    QVERIFY2(call->labelText().contains("11.1 MB/s"), qPrintable(call->labelText()));
    QVERIFY2(call->labelText().contains("link 92"), qPrintable(call->labelText()));
    QCOMPARE(call->pen().color(), Ui::heatColor(0.92));
    QVERIFY(call->pen().widthF() > coolPen.widthF());

    m_scene->setHeat(nullptr);
    QVERIFY(!m_scene->hasHeat());
    QCOMPARE(m_scene->componentItem("cart")->fillColor(), plain);
    QVERIFY(!m_scene->legendItem()->isVisible());
}

void tst_CanvasScene::replicaBadgeShowsCount()
{
    QCOMPARE(m_scene->componentItem("cart")->replicaBadge(), QStringLiteral("×2"));
    QCOMPARE(m_scene->componentItem("mailer")->replicaBadge(), QString());
    const QRectF small = m_scene->componentItem("mailer")->boundingRect();
    Model::Component mailer = *m_doc->component("mailer");
    mailer.service.replicas = 3;
    m_ctl->setComponent(mailer);
    QCOMPARE(m_scene->componentItem("mailer")->replicaCount(), 3);
    QCOMPARE(m_scene->componentItem("mailer")->replicaBadge(), QStringLiteral("×3"));
    QVERIFY(m_scene->componentItem("mailer")->boundingRect().height()
            > small.height()); // stacked cards
    QCOMPARE(m_scene->componentItem("catalog_db")->replicaBadge(), QString());
}

void tst_CanvasScene::modulesShowOnTheServiceCard()
{
    // a service without modules keeps the card it had: no strip, the same size
    Ui::ComponentItem *mailer = m_scene->componentItem("mailer");
    const QRectF plain = mailer->boundingRect();
    QVERIFY(mailer->moduleLabels().isEmpty());
    QVERIFY(mailer->moduleRects().isEmpty());
    QVERIFY(mailer->moduleStripRect().isEmpty());
    // one card: the body with the badges' room above (28 px) and the lint badge's below (14 px)
    QCOMPARE(plain, Ui::ComponentItem::bodyRect().adjusted(-10, -28, 12, 14));
    QCOMPARE(mailer->shape().boundingRect().bottom(), Ui::ComponentItem::bodyRect().bottom());

    // the monolith's three modules are chips in a strip below its body
    const Model::Scenario monolith = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    Model::Document doc;
    doc.setScenario(monolith);
    Ui::DocumentController ctl(&doc);
    Ui::CanvasScene scene(&doc, &ctl);
    Ui::ComponentItem *item = scene.componentItem("monolith");
    QVERIFY(item);
    QCOMPARE(item->moduleLabels(),
             QStringList(
                 {QStringLiteral("catalog"), QStringLiteral("cart"), QStringLiteral("orders")}));
    const QList<QRectF> chips = item->moduleRects();
    QCOMPARE(chips.size(), 3);
    const QRectF body = Ui::ComponentItem::bodyRect();
    const QRectF strip = item->moduleStripRect();
    QCOMPARE(strip.top(), body.bottom());
    for (const QRectF &chip : chips) {
        QVERIFY(strip.contains(chip));
        QVERIFY(chip.top() >= body.bottom());
    }
    QVERIFY(chips.at(0).right() <= chips.at(1).left()); // side by side, not overlapping
    QVERIFY(item->boundingRect().contains(strip));
    QVERIFY(item->moduleToolTip(1).contains(QStringLiteral("carts, products")));

    // the card grows by the strip: a copy of the monolith without modules is shorter
    Model::Component bare = *doc.component("monolith");
    const QRectF withModules = item->boundingRect();
    bare.service.modules.clear();
    ctl.setComponent(bare);
    QVERIFY(item->moduleStripRect().isEmpty());
    QCOMPARE(item->boundingRect().height(), withModules.height() - strip.height());
    ctl.undoStack()->undo();
    QCOMPARE(item->moduleLabels().size(), 3);
    QCOMPARE(item->boundingRect(), withModules);

    // painting a card with modules works headless
    QImage image(400, 300, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    scene.render(&painter);
}

void tst_CanvasScene::selectionSignals()
{
    QSignalSpy one(m_scene, &Ui::CanvasScene::componentSelected);
    QSignalSpy link(m_scene, &Ui::CanvasScene::linkSelected);
    QSignalSpy none(m_scene, &Ui::CanvasScene::nothingSelected);
    m_scene->selectComponent("cart");
    QCOMPARE(one.size(), 1);
    QCOMPARE(one.last().first().toString(), QStringLiteral("cart"));
    m_scene->clearSelection();
    QCOMPARE(none.size(), 1);
    m_scene->linkItem(Relation::Kind::Call, "orders", "payments")->setSelected(true);
    QCOMPARE(link.size(), 1);
    QCOMPARE(link.last().first().value<Ui::Relation>().to, QStringLiteral("payments"));
}

QTEST_MAIN(tst_CanvasScene)
#include "tst_canvasscene.moc"
