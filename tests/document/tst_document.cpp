// SPDX-License-Identifier: GPL-3.0-or-later
#include "Document.h"
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "format/Schema.h"

#include <QSignalSpy>
#include <QtTest>

class tst_Document : public QObject
{
    Q_OBJECT

private slots:
    void openExampleUsesItsPositions();
    void addChangeRemoveEmitSignals();
    void renameRewritesEveryReference();
    void deletedCacheTakesItsStepsAlong();
    void slidersAndHintsFollowRenamesAndDeletes();
    void removeReferencesLeavesNoneInAnyExample();
    void defaultCallTargetMakesNoCycle();
    void problemsFollowEdits();
    void uniqueIds();
};

namespace {

Model::Scenario shop()
{
    return TestSupport::loadExample(QStringLiteral("shop-microservices.json"));
}

} // namespace

void tst_Document::openExampleUsesItsPositions()
{
    Model::Document doc;
    QSignalSpy reset(&doc, &Model::Document::scenarioReset);
    Model::Scenario s = shop();
    s.diagram.positions.insert(s.components[0].id, Model::UiPosition{10, 20, {}});
    doc.setScenario(s);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(doc.layout().positions.value(s.components[0].id), QPointF(10, 20));
    QVERIFY(doc.problems().isEmpty() || !Model::hasErrors(doc.problems()));
}

void tst_Document::addChangeRemoveEmitSignals()
{
    Model::Document doc;
    doc.setScenario(shop());
    QSignalSpy added(&doc, &Model::Document::componentAdded);
    QSignalSpy changed(&doc, &Model::Document::componentChanged);
    QSignalSpy removed(&doc, &Model::Document::componentRemoved);
    Model::Component c;
    c.id = doc.uniqueId(QStringLiteral("service"));
    c.kind = Model::ComponentKind::Service;
    doc.addComponent(c, QPointF(5, 6));
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).toString(), c.id);
    QVERIFY(doc.component(c.id));
    c.service.replicas = 4;
    doc.setComponent(c);
    QCOMPARE(changed.count(), 1);
    doc.setComponent(c); // no change, no signal
    QCOMPARE(changed.count(), 1);
    doc.removeComponent(c.id);
    QCOMPARE(removed.count(), 1);
    QVERIFY(!doc.component(c.id));
    QVERIFY(!doc.layout().positions.contains(c.id));
}

void tst_Document::renameRewritesEveryReference()
{
    Model::Document doc;
    doc.setScenario(shop());
    QSignalSpy renamed(&doc, &Model::Document::componentRenamed);
    QSignalSpy changed(&doc, &Model::Document::componentChanged);
    doc.renameComponent(QStringLiteral("catalog"), QStringLiteral("products"));
    QCOMPARE(renamed.count(), 1);
    const Model::Scenario &s = doc.scenario();
    QVERIFY(doc.component(QStringLiteral("products")));
    QVERIFY(!doc.component(QStringLiteral("catalog")));
    // the gateway route and the cart's call now name the new id, and nothing is broken
    QVERIFY(changed.count() >= 2);
    QVERIFY2(!Model::hasErrors(doc.problems()),
             qPrintable(doc.problems().isEmpty() ? QString() : doc.problems().first().toString()));
    const QByteArray json = Model::serializeScenario(s);
    QVERIFY(!json.contains("\"catalog\""));
    QVERIFY(json.contains("\"products\""));
    // renaming to a taken id does nothing
    doc.renameComponent(QStringLiteral("products"), QStringLiteral("cart"));
    QVERIFY(doc.component(QStringLiteral("products")));
}

void tst_Document::deletedCacheTakesItsStepsAlong()
{
    // a service whose handler reads a cache before a database call
    Model::Scenario s = Model::parseScenario(R"({
        "format": "archsim-scenario", "version": 1, "name": "t",
        "workload": {"entry": "api", "arrivals": {"kind": "poisson", "rate_per_s": 10},
                     "requests": [{"name": "browse", "weight": 1}]},
        "components": [
          {"id": "api", "kind": "service", "replicas": 1,
           "pools": {"cache_1": 4},
           "handlers": {"browse": [{"cpu_ms": 1},
                                   {"cache": "cache_1", "keys": 100, "on_miss": [{"call": "db"}]},
                                   {"cache": "cache_1", "keys": 100}]}},
          {"id": "cache_1", "kind": "cache"},
          {"id": "db", "kind": "database", "queries": {"*": 2}}
        ],
        "faults": [{"kind": "outage", "at_s": 1, "target": "cache_1"}]
    })")
                            .scenario.value();
    s.components.removeAt(s.indexOf(QStringLiteral("cache_1")));
    const QStringList removed = Model::removeReferences(s, QStringLiteral("cache_1"));
    QCOMPARE(removed.size(), 4); // two steps, the pool, the fault
    const Model::Service &api = s.components.at(s.indexOf(QStringLiteral("api"))).service;
    QVERIFY(api.pools.isEmpty());
    QVERIFY(s.faults.isEmpty());
    // the cache step made way for its miss path: the database is still called
    const Model::Steps &steps = api.handlers.first().steps;
    QCOMPARE(steps.size(), size_t(2));
    QCOMPARE(steps.at(0).kind, Model::Step::Kind::Cpu);
    QCOMPARE(steps.at(1).kind, Model::Step::Kind::Call);
    QCOMPARE(steps.at(1).target, QStringLiteral("db"));
    Model::Document doc;
    doc.setScenario(s);
    QVERIFY2(!Model::hasErrors(doc.problems()),
             qPrintable(TestSupport::problemsText(doc.problems())));
}

void tst_Document::slidersAndHintsFollowRenamesAndDeletes()
{
    // what-if sliders and lesson hints name fields by path: a rename rewrites them, a delete
    // removes them (saying so), and a path that only starts alike is left alone
    Model::Scenario s = Model::parseScenario(R"({
        "format": "archsim-scenario", "version": 1, "name": "t",
        "workload": {"entry": "api", "arrivals": {"kind": "poisson", "rate_per_s": 10},
                     "requests": [{"name": "browse", "weight": 1}]},
        "components": [
          {"id": "api", "kind": "service", "threads": 4,
           "handlers": {"browse": [{"cpu_ms": 1}]}},
          {"id": "api2", "kind": "service", "threads": 4,
           "handlers": {"browse": [{"cpu_ms": 1}]}}
        ],
        "lesson": {"title": "t", "text": "t",
                   "try": [{"text": "more threads", "field": "components[api].threads",
                            "value": 8},
                           {"text": "the rate", "field": "workload.arrivals.rate_per_s",
                            "value": 20}]},
        "what_if": {"pinned": [{"field": "components[api].threads"},
                               {"field": "components[api2].threads"},
                               {"field": "workload.arrivals.rate_per_s"}]}
    })")
                            .scenario.value();
    Model::Document doc;
    doc.setScenario(s);
    QSignalSpy whatIf(&doc, &Model::Document::whatIfChanged);
    doc.renameComponent(QStringLiteral("api"), QStringLiteral("front"));
    QCOMPARE(whatIf.size(), 1);
    const Model::Scenario renamed = doc.scenario();
    QCOMPARE(renamed.whatIf->pinned.at(0).field, QStringLiteral("components[front].threads"));
    QCOMPARE(renamed.whatIf->pinned.at(1).field, QStringLiteral("components[api2].threads"));
    QCOMPARE(renamed.whatIf->pinned.at(2).field, QStringLiteral("workload.arrivals.rate_per_s"));
    QCOMPARE(renamed.lesson->tries.at(0).field, QStringLiteral("components[front].threads"));
    QCOMPARE(renamed.lesson->tries.at(1).field, QStringLiteral("workload.arrivals.rate_per_s"));

    Model::Scenario deleted = renamed;
    deleted.components.removeAt(deleted.indexOf(QStringLiteral("front")));
    const QStringList removed = Model::removeReferences(deleted, QStringLiteral("front"));
    QVERIFY2(removed.contains(QStringLiteral("a what-if slider (threads)")),
             qPrintable(removed.join(QStringLiteral("; "))));
    QCOMPARE(removed.size(), 3); // the workload's entry, the slider and the hint
    QCOMPARE(deleted.whatIf->pinned.size(), 2);
    QCOMPARE(deleted.whatIf->pinned.at(0).field, QStringLiteral("components[api2].threads"));
    QCOMPARE(deleted.lesson->tries.size(), 1);
    QCOMPARE(deleted.lesson->tries.at(0).field, QStringLiteral("workload.arrivals.rate_per_s"));
}

void tst_Document::removeReferencesLeavesNoneInAnyExample()
{
    // Every component of every example, deleted with removeReferences(): nothing names it
    // any more, and no problem says it is missing.
    const QStringList files = QDir(TestSupport::sourcePath(QStringLiteral("resources/examples")))
                                  .entryList({QStringLiteral("*.json")});
    QVERIFY(files.size() >= 5);
    int removedSomething = 0;
    for (const QString &file : files) {
        const Model::Scenario example = TestSupport::loadExample(file);
        for (const Model::Component &c : example.components) {
            Model::Scenario s = example;
            s.components.removeAt(s.indexOf(c.id));
            if (!Model::removeReferences(s, c.id).isEmpty())
                ++removedSomething;
            Model::Format::forEachReference(std::as_const(s),
                                            [&](const QString &id,
                                                const QString &path,
                                                Model::Format::Refers) {
                                                QVERIFY2(id != c.id,
                                                         qPrintable(file + QLatin1Char(' ')
                                                                    + path));
                                            });
            for (const Model::Problem &p : Model::validateScenario(s))
                QVERIFY2(!(p.message.contains(QStringLiteral("no component"))
                           && p.message.contains(c.id)),
                         qPrintable(file + QLatin1Char(' ') + p.toString()));
        }
    }
    QVERIFY(removedSomething > 10); // the examples do name their components
}

void tst_Document::defaultCallTargetMakesNoCycle()
{
    const Model::Scenario s = shop();
    QStringList ids;
    for (const Model::Component &c : s.components) {
        if (Model::acceptsRequests(c.kind))
            ids << c.id;
    }
    QVERIFY(ids.contains(QStringLiteral("gw")) && ids.contains(QStringLiteral("catalog")));
    ids.removeAll(QStringLiteral("gw"));
    ids.prepend(QStringLiteral("gw")); // the gateway first, as the palette lists it
    for (const QString &caller : ids) {
        const QString target = Model::defaultCallTarget(s, caller, ids);
        QVERIFY(target != caller);
        // the call added would not close a cycle
        Model::Scenario with = s;
        Model::Component &c = with.components[with.indexOf(caller)];
        if (c.kind != Model::ComponentKind::Service || target.isEmpty())
            continue;
        c.service.handlers.first().steps.push_back(Model::Step::call(target));
        for (const Model::Problem &p : Model::validateScenario(with))
            QVERIFY2(!p.message.contains(QStringLiteral("cycle")), qPrintable(p.toString()));
    }
    // the gateway calls catalog: catalog's new call does not go back to it
    QVERIFY(Model::defaultCallTarget(s, QStringLiteral("catalog"), ids) != QStringLiteral("gw"));
    // nothing but callers of the caller: no default
    QCOMPARE(Model::defaultCallTarget(s, QStringLiteral("catalog"), {QStringLiteral("gw")}),
             QString());
}

void tst_Document::problemsFollowEdits()
{
    Model::Document doc;
    doc.setScenario(shop());
    QVERIFY(!Model::hasErrors(doc.problems()));
    QSignalSpy problems(&doc, &Model::Document::problemsChanged);
    Model::SimulationSettings sim = doc.scenario().simulation;
    sim.warmupS = sim.durationS + 1;
    doc.setSimulation(sim);
    QCOMPARE(problems.count(), 1);
    QVERIFY(Model::hasErrors(doc.problems()));
    QCOMPARE(doc.problems().first().path, QStringLiteral("$.simulation.warmup_s"));
    sim.warmupS = 0;
    doc.setSimulation(sim);
    QVERIFY(!Model::hasErrors(doc.problems()));
}

void tst_Document::uniqueIds()
{
    Model::Document doc;
    doc.setScenario(shop());
    const QString a = doc.uniqueId(QStringLiteral("db"));
    QVERIFY(!doc.component(a));
    Model::Component c;
    c.id = a;
    c.kind = Model::ComponentKind::Database;
    doc.addComponent(c, {});
    QVERIFY(doc.uniqueId(QStringLiteral("db")) != a);
}

QTEST_GUILESS_MAIN(tst_Document)
#include "tst_document.moc"
