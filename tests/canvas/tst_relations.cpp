// SPDX-License-Identifier: GPL-3.0-or-later
#include "Relations.h"
#include "ScenarioIo.h"
#include "TestSupport.h"

#include <QtTest>

using Ui::Relation;

class tst_Relations : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void relationsOfShop();
    void labelsOnlyWhenTheyTellSomething();
    void removeCacheKeepsOnMissSteps();
    void connectGatewayAppendsToStarRoute();
    void duplicatesAreRefused();

private:
    Model::Scenario m_shop;
};

void tst_Relations::init()
{
    const Model::ScenarioLoad load = Model::loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json")));
    QVERIFY(load.scenario);
    m_shop = *load.scenario;
}

static bool has(const QList<Relation> &list,
                Relation::Kind kind,
                const QString &from,
                const QString &to)
{
    for (const Relation &r : list) {
        if (r.kind == kind && r.from == from && r.to == to)
            return true;
    }
    return false;
}

void tst_Relations::relationsOfShop()
{
    const QList<Relation> r = Ui::relationsOf(m_shop);
    QVERIFY(has(r, Relation::Kind::Route, "gw", "catalog"));
    QVERIFY(has(r, Relation::Kind::Cache, "catalog", "catalog_cache"));
    QVERIFY(has(r, Relation::Kind::Call, "catalog", "catalog_db")); // nested in on_miss
    QVERIFY(has(r, Relation::Kind::Call, "orders", "payments"));
    QVERIFY(has(r, Relation::Kind::Publish, "orders", "order_events"));
    QVERIFY(has(r, Relation::Kind::Consumer, "order_events", "mailer"));
    QVERIFY(!has(r, Relation::Kind::Pool, "catalog", "catalog_db")); // shown on the call
    QCOMPARE(r.size(), 11);
}

void tst_Relations::labelsOnlyWhenTheyTellSomething()
{
    const QList<Relation> r = Ui::relationsOf(m_shop);
    for (const Relation &x : r) {
        if (x.kind == Relation::Kind::Call && x.to == "payments")
            QCOMPARE(x.label, QString()); // same request name as the handler
        if (x.kind == Relation::Kind::Call && x.to == "catalog_db")
            QCOMPARE(x.label, QStringLiteral("select_product, pool 10"));
        if (x.kind == Relation::Kind::Consumer)
            QCOMPARE(x.label, QStringLiteral("×2"));
        if (x.kind == Relation::Kind::Route && x.to == "orders")
            QCOMPARE(x.label, QStringLiteral("checkout"));
    }
}

void tst_Relations::removeCacheKeepsOnMissSteps()
{
    const auto changed
        = Ui::componentWithoutRelation(m_shop,
                                       {Relation::Kind::Cache, "catalog", "catalog_cache", {}});
    QVERIFY(changed);
    const Model::Steps &steps = changed->service.handlers.first().steps;
    QCOMPARE(steps.size(), std::size_t(2));
    QCOMPARE(steps.at(1).kind, Model::Step::Kind::Call);
    QCOMPARE(steps.at(1).target, QStringLiteral("catalog_db"));
}

void tst_Relations::connectGatewayAppendsToStarRoute()
{
    Model::Scenario s = m_shop;
    auto gw = Ui::connectedComponent(s, "gw", "mailer");
    QVERIFY(gw);
    QCOMPARE(gw->gateway.routes.last().request, QStringLiteral("*"));
    s.components[s.indexOf("gw")] = *gw;
    gw = Ui::connectedComponent(s, "gw", "cart");
    QVERIFY(gw);
    QCOMPARE(gw->gateway.routes.last().targets.size(), 2);
    QVERIFY(
        !Ui::connectedComponent(s, "gw", "catalog_db")); // a gateway does not route to a database
}

void tst_Relations::duplicatesAreRefused()
{
    QVERIFY(!Ui::connectedComponent(m_shop, "order_events", "mailer"));
    QVERIFY(!Ui::connectedComponent(m_shop, "catalog", "catalog_cache"));
    QVERIFY(!Ui::connectedComponent(m_shop, "catalog", "catalog"));
    QVERIFY(!Ui::connectedComponent(m_shop, "catalog_db", "catalog"));
}

QTEST_GUILESS_MAIN(tst_Relations)
#include "tst_relations.moc"
