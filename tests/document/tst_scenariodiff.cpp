// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelTestSupport.h"
#include "ScenarioDiff.h"

#include <QtTest>

class tst_ScenarioDiff : public QObject
{
    Q_OBJECT

private slots:
    void sameScenarioHasNoChanges();
    void fieldsSayFromAndTo();
    void componentsAddedAndRemoved();
    void listsAreNamed();
};

namespace {
Model::Scenario shop()
{
    return TestSupport::loadExample(QStringLiteral("shop-microservices.json"));
}
Model::Component &component(Model::Scenario &s, const char *id)
{
    return s.components[s.indexOf(QString::fromLatin1(id))];
}
} // namespace

void tst_ScenarioDiff::sameScenarioHasNoChanges()
{
    Model::Scenario after = shop();
    after.name = QStringLiteral("renamed"); // not a change of what runs
    after.description = QStringLiteral("another description");
    QCOMPARE(Model::scenarioChanges(shop(), after), QStringList());
}

void tst_ScenarioDiff::fieldsSayFromAndTo()
{
    Model::Scenario after = shop();
    component(after, "catalog").service.replicas = 4;
    after.simulation.durationS = after.simulation.durationS * 2;
    component(after, "catalog").service.concurrency->workers = 3; // a sub-object's field
    const QStringList changes = Model::scenarioChanges(shop(), after);
    QVERIFY2(changes.contains(QStringLiteral("Replicas of catalog 2→4")),
             qPrintable(changes.join('|')));
    QVERIFY2(changes.contains(QStringLiteral("Duration %1→%2 s")
                                  .arg(shop().simulation.durationS)
                                  .arg(after.simulation.durationS)),
             qPrintable(changes.join('|')));
    bool workers = false;
    for (const QString &c : changes)
        workers = workers
                  || (c.contains(QStringLiteral("catalog")) && c.contains(QStringLiteral("1→3")));
    QVERIFY2(workers, qPrintable(changes.join('|')));
    QCOMPARE(changes.size(), 3);
}

void tst_ScenarioDiff::componentsAddedAndRemoved()
{
    Model::Scenario after = shop();
    after.components.removeAt(after.indexOf(QStringLiteral("cart")));
    Model::Component extra;
    extra.id = QStringLiteral("cache_2");
    extra.kind = Model::ComponentKind::Cache;
    after.components << extra;
    const QStringList changes = Model::scenarioChanges(shop(), after);
    QVERIFY(changes.contains(QStringLiteral("added cache_2")));
    QVERIFY(changes.contains(QStringLiteral("removed cart")));
}

void tst_ScenarioDiff::listsAreNamed()
{
    Model::Scenario after = shop();
    component(after, "catalog").service.handlers.first().steps.pop_back();
    const QStringList changes = Model::scenarioChanges(shop(), after);
    QCOMPARE(changes.size(), 1);
    QVERIFY2(changes.first().contains(QStringLiteral("handlers"))
                 && changes.first().contains(QStringLiteral("catalog")),
             qPrintable(changes.first()));
}

QTEST_GUILESS_MAIN(tst_ScenarioDiff)
#include "tst_scenariodiff.moc"
