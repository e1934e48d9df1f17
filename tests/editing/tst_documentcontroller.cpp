// SPDX-License-Identifier: GPL-3.0-or-later
#include "DocumentController.h"
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "ScenarioTemplates.h"
#include "TestSupport.h"
#include "format/Schema.h"

#include <QSignalSpy>

#include <QtTest>

class tst_DocumentController : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void addUndoRedo();
    void removeSelectionIsOneStep();
    void deletingACacheRemovesItsStepsInOneStep();
    void firstComponentTakingRequestsBecomesTheEntry();
    void dragMovesMergeIntoOneStep();
    void fieldEditsMergeByKey();
    void renameUndoRestoresReferences();
    void cleanStateTracksSaves();

private:
    Model::Scenario m_shop;
};

void tst_DocumentController::init()
{
    const Model::ScenarioLoad load = Model::loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json")));
    QVERIFY(load.scenario);
    m_shop = *load.scenario;
}

void tst_DocumentController::addUndoRedo()
{
    Model::Document doc;
    doc.setScenario(m_shop);
    Ui::DocumentController ctl(&doc);
    Model::Component c;
    c.id = QStringLiteral("search");
    c.kind = Model::ComponentKind::Service;
    ctl.addComponent(c, QPointF(1, 2));
    QVERIFY(doc.component(QStringLiteral("search")));
    ctl.undoStack()->undo();
    QVERIFY(!doc.component(QStringLiteral("search")));
    QCOMPARE(doc.scenario(), m_shop);
    ctl.undoStack()->redo();
    QCOMPARE(doc.layout().positions.value(QStringLiteral("search")), QPointF(1, 2));
}

void tst_DocumentController::removeSelectionIsOneStep()
{
    Model::Document doc;
    doc.setScenario(m_shop);
    Ui::DocumentController ctl(&doc);
    ctl.removeComponents(
        {QStringLiteral("cart"), QStringLiteral("cart_db"), QStringLiteral("nonexistent")});
    QCOMPARE(ctl.undoStack()->count(), 1);
    QVERIFY(!doc.component(QStringLiteral("cart")));
    // the gateway's route to cart went in the same step: nothing names it any more
    Model::Format::forEachReference(doc.scenario(),
                                    [](const QString &id,
                                       const QString &path,
                                       Model::Format::Refers) {
                                        QVERIFY2(id != QStringLiteral("cart")
                                                     && id != QStringLiteral("cart_db"),
                                                 qPrintable(path));
                                    });
    ctl.undoStack()->undo();
    QCOMPARE(doc.scenario(), m_shop); // same order, same content
    QVERIFY(!Model::hasErrors(doc.problems()));
}

void tst_DocumentController::deletingACacheRemovesItsStepsInOneStep()
{
    Model::Document doc;
    doc.setScenario(m_shop);
    Ui::DocumentController ctl(&doc);
    QVERIFY(!Model::hasErrors(doc.problems()));
    QSignalSpy removedSignal(&ctl, &Ui::DocumentController::componentsRemoved);
    const QStringList removed = ctl.removeComponents({QStringLiteral("catalog_cache")});
    QCOMPARE(ctl.undoStack()->count(), 1);
    QVERIFY(!removed.isEmpty());
    QCOMPARE(removedSignal.count(), 1);
    QCOMPARE(removedSignal.first().at(1).toStringList(), removed);
    QVERIFY2(!Model::hasErrors(doc.problems()),
             qPrintable(TestSupport::problemsText(doc.problems())));
    QVERIFY(!Model::serializeScenario(doc.scenario()).contains("catalog_cache"));
    const Model::Scenario after = doc.scenario();
    ctl.undoStack()->undo();
    QCOMPARE(doc.scenario(), m_shop); // the cache and its steps, where they were
    ctl.undoStack()->redo();
    QCOMPARE(doc.scenario(), after);
}

void tst_DocumentController::firstComponentTakingRequestsBecomesTheEntry()
{
    Model::Document doc;
    doc.setScenario(Model::emptyScenario(QStringLiteral("t")));
    Ui::DocumentController ctl(&doc);
    QVERIFY(doc.scenario().workload.entry.isEmpty());
    Model::Component cache;
    cache.id = QStringLiteral("cache_1");
    cache.kind = Model::ComponentKind::Cache; // takes no requests: not an entry
    ctl.addComponent(cache, QPointF());
    QVERIFY(doc.scenario().workload.entry.isEmpty());
    Model::Component service;
    service.id = QStringLiteral("service_1");
    service.kind = Model::ComponentKind::Service;
    ctl.addComponent(service, QPointF(100, 0));
    QCOMPARE(doc.scenario().workload.entry, QStringLiteral("service_1"));
    QCOMPARE(ctl.undoStack()->count(), 2);
    Model::Component second = service;
    second.id = QStringLiteral("service_2");
    ctl.addComponent(second, QPointF(200, 0));
    QCOMPARE(doc.scenario().workload.entry, QStringLiteral("service_1")); // kept
    ctl.undoStack()->undo();
    ctl.undoStack()->undo(); // the service and the entry together
    QVERIFY(!doc.component(QStringLiteral("service_1")));
    QVERIFY(doc.scenario().workload.entry.isEmpty());
}

void tst_DocumentController::dragMovesMergeIntoOneStep()
{
    Model::Document doc;
    doc.setScenario(m_shop);
    Ui::DocumentController ctl(&doc);
    const QPointF start = doc.layout().positions.value(QStringLiteral("gw"));
    for (int i = 1; i <= 10; ++i)
        ctl.moveComponents({{QStringLiteral("gw"), QPointF(i, i)}});
    QCOMPARE(ctl.undoStack()->count(), 1);
    ctl.closeMerge(); // mouse released
    ctl.moveComponents({{QStringLiteral("gw"), QPointF(50, 50)}});
    QCOMPARE(ctl.undoStack()->count(), 2);
    ctl.undoStack()->undo();
    QCOMPARE(doc.layout().positions.value(QStringLiteral("gw")), QPointF(10, 10));
    ctl.undoStack()->undo();
    QCOMPARE(doc.layout().positions.value(QStringLiteral("gw")), start);
}

void tst_DocumentController::fieldEditsMergeByKey()
{
    Model::Document doc;
    doc.setScenario(m_shop);
    Ui::DocumentController ctl(&doc);
    Model::Component c = *doc.component(QStringLiteral("cart"));
    for (int r = 3; r <= 6; ++r) {
        c.service.replicas = r;
        ctl.setComponent(c, QStringLiteral("replicas"));
    }
    QCOMPARE(ctl.undoStack()->count(), 1);
    c.service.cpuCores = 4;
    ctl.setComponent(c, QStringLiteral("cpu_cores"));
    QCOMPARE(ctl.undoStack()->count(), 2);
    ctl.undoStack()->undo();
    ctl.undoStack()->undo();
    QCOMPARE(*doc.component(QStringLiteral("cart")), *m_shop.component(QStringLiteral("cart")));
}

void tst_DocumentController::renameUndoRestoresReferences()
{
    Model::Document doc;
    doc.setScenario(m_shop);
    Ui::DocumentController ctl(&doc);
    ctl.renameComponent(QStringLiteral("orders_db"), QStringLiteral("ledger"));
    QVERIFY(doc.component(QStringLiteral("ledger")));
    QVERIFY(!Model::hasErrors(doc.problems()));
    ctl.undoStack()->undo();
    QCOMPARE(doc.scenario(), m_shop);
}

void tst_DocumentController::cleanStateTracksSaves()
{
    Model::Document doc;
    doc.setScenario(m_shop);
    Ui::DocumentController ctl(&doc);
    QVERIFY(ctl.undoStack()->isClean());
    Model::Workload w = doc.scenario().workload;
    w.arrivals.ratePerS = 900;
    ctl.setWorkload(w);
    QVERIFY(!ctl.undoStack()->isClean());
    ctl.undoStack()->setClean(); // saved
    ctl.undoStack()->undo();
    QVERIFY(!ctl.undoStack()->isClean());
}

QTEST_MAIN(tst_DocumentController)
#include "tst_documentcontroller.moc"
