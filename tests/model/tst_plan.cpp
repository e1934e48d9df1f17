// SPDX-License-Identifier: GPL-3.0-or-later
// The strangler-fig planner (model/analysis/Plan.h): the topology of every derived step of the
// three-module shop, canary shares against the binomial law, the example plan ending at the
// microservices shop (same components and routes, the same p99 within its interval), edits of
// the start flowing through, refusals with their path, the plan JSON and the suggested order.

#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"
#include "analysis/Plan.h"
#include "persistence/ProjectStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Model;

namespace {

Plan examplePlan()
{
    Problems problems;
    const std::optional<Plan> plan = parsePlan(TestSupport::readExample(
                                                   QStringLiteral("plans/shop-strangler.json")),
                                               &problems);
    if (!plan)
        qFatal("the example plan does not read: %s",
               qPrintable(TestSupport::problemsText(problems)));
    return *plan;
}

QStringList idsOf(const Scenario &s)
{
    QStringList ids;
    for (const Component &c : s.components)
        ids << c.id;
    ids.sort();
    return ids;
}

/** "browse->catalog:0.25,edge:0.75" for each route of the gateway, in order. */
QStringList routesOf(const Scenario &s, const QString &gateway)
{
    QStringList out;
    const Component *gw = s.component(gateway);
    if (!gw)
        return out;
    for (const Route &r : gw->gateway.routes) {
        QStringList targets;
        for (const RouteTarget &t : r.targets)
            targets << QStringLiteral("%1:%2").arg(t.target).arg(t.weight.value_or(1));
        out << r.request + QStringLiteral("->") + targets.join(QLatin1Char(','));
    }
    return out;
}

const Sim::ComponentResult *componentResult(const Sim::RunResult &r, const char *id)
{
    for (const Sim::ComponentResult &c : r.components) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

const Sim::RequestResult *requestResult(const Sim::RunResult &r, const char *name)
{
    for (const Sim::RequestResult &q : r.requests) {
        if (q.name == name)
            return &q;
    }
    return nullptr;
}

PlanStep step(PlanAction action, const QString &module = {})
{
    PlanStep s;
    s.action = action;
    s.module = module;
    return s;
}

} // namespace

class tst_Plan : public QObject
{
    Q_OBJECT

private slots:
    void everyStepHasTheExpectedTopology();
    void canaryShareMatchesTheBinomialLaw();
    void examplePlanEndsAtTheMicroservicesShop();
    void editingTheStartChangesEveryStep();
    void refusalsSayWhere_data();
    void refusalsSayWhere();
    void planJsonRoundTrips();
    void plansAreStoredInTheProject();
    void suggestedOrderWeighsValueAgainstCoupling();
    void trajectoryFlagsSloAndLint();
};

void tst_Plan::everyStepHasTheExpectedTopology()
{
    const Scenario start = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    const Plan plan = examplePlan();
    Problems problems;
    const std::vector<DerivedStep> steps = derivePlan(plan, start, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(TestSupport::problemsText(problems)));
    QCOMPARE(steps.size(), std::size_t(plan.steps.size() + 1));

    const QStringList mono{"catalog_cache", "db", "edge", "monolith", "payments"};
    QCOMPARE(idsOf(steps[0].scenario), mono);
    // 1 facade: the gateway in front, everything to the old entry
    QCOMPARE(idsOf(steps[1].scenario),
             (QStringList{"catalog_cache", "db", "edge", "gw", "monolith", "payments"}));
    QCOMPARE(steps[1].scenario.workload.entry, QStringLiteral("gw"));
    QCOMPARE(routesOf(steps[1].scenario, "gw"), QStringList{"*->edge:1"});
    QCOMPARE(steps[1].changed, QStringList{"gw"});
    // 2 extract catalog: a new service that takes no traffic yet, on the shared database
    QVERIFY(idsOf(steps[2].scenario).contains("catalog"));
    QCOMPARE(routesOf(steps[2].scenario, "gw"), QStringList{"*->edge:1"});
    const Component *catalog = steps[2].scenario.component("catalog");
    QCOMPARE(catalog->service.handlers.size(), 1);
    QCOMPARE(catalog->service.handlers[0].request, QStringLiteral("browse"));
    QCOMPARE(catalog->service.concurrency->model, QStringLiteral("event_loop"));
    QCOMPARE(steps[2].scenario.component("catalog_cache")->cache.stampede, QStringLiteral("lock"));
    // what changed: the new service and the component it replaced; the rest as it was
    QCOMPARE(steps[2].changed, (QStringList{"catalog_cache", "catalog"}));
    // 3 its own database: the query it makes moves, with the pool
    const Component *catalogDb = steps[3].scenario.component("catalog_db");
    QVERIFY(catalogDb);
    QCOMPARE(catalogDb->database.queries.size(), 1);
    QCOMPARE(catalogDb->database.queries[0].name, QStringLiteral("select_product"));
    QCOMPARE(catalogDb->database.maxConnections, 30);
    QCOMPARE(steps[3].scenario.component("catalog")->service.pools.size(), 1);
    QCOMPARE(steps[3].scenario.component("catalog")->service.pools[0].target,
             QStringLiteral("catalog_db"));
    // 4-6 the canary shares at the facade
    QCOMPARE(routesOf(steps[4].scenario, "gw"),
             (QStringList{"*->edge:1", "browse->catalog:0.05,edge:0.95"}));
    QCOMPARE(routesOf(steps[5].scenario, "gw"),
             (QStringList{"*->edge:1", "browse->catalog:0.25,edge:0.75"}));
    QCOMPARE(routesOf(steps[6].scenario, "gw"), (QStringList{"*->edge:1", "browse->catalog:1"}));
    // 7 retire catalog: the monolith loses its handler and module; the shared db its query
    const Component *monolith = steps[7].scenario.component("monolith");
    QVERIFY(!monolith->handler("browse"));
    QCOMPARE(monolith->service.modules.size(), 2);
    for (const Query &q : steps[7].scenario.component("db")->database.queries)
        QVERIFY(q.name != QLatin1String("select_product"));
    // 9 cart's own database with dual writes: each update_cart is also made on db
    const Component *cart = steps[9].scenario.component("cart");
    const Steps &cartSteps = cart->service.handlers[0].steps;
    QCOMPARE(cartSteps.size(), std::size_t(4));
    QCOMPARE(cartSteps[2].target, QStringLiteral("cart_db"));
    QCOMPARE(cartSteps[3].target, QStringLiteral("db"));
    QCOMPARE(cartSteps[3].request, QStringLiteral("update_cart"));
    // 12 retire cart: the synchronisation goes with it
    QCOMPARE(steps[12].scenario.component("cart")->service.handlers[0].steps.size(),
             std::size_t(3));
    // 13 extract orders brings its queue and the mailer
    QVERIFY(idsOf(steps[13].scenario).contains("order_events"));
    QVERIFY(idsOf(steps[13].scenario).contains("mailer"));
    // 14 change data capture: CPU after each write
    const Steps &orderSteps = steps[14].scenario.component("orders")->service.handlers[0].steps;
    QCOMPARE(orderSteps[1].target, QStringLiteral("orders_db"));
    QCOMPARE(orderSteps[2].kind, Step::Kind::Cpu);
    QCOMPARE(orderSteps[2].duration.value.value_or(0), 0.2);
    // 17 retire the last module: the monolith, its load balancer and the shared db go
    const QStringList last{"cart",
                           "cart_db",
                           "catalog",
                           "catalog_cache",
                           "catalog_db",
                           "gw",
                           "mailer",
                           "order_events",
                           "orders",
                           "orders_db",
                           "payments"};
    QCOMPARE(idsOf(steps.back().scenario), last);
    QCOMPARE(steps.back().removed, (QStringList{"edge", "monolith", "db"}));
    QCOMPARE(routesOf(steps.back().scenario, "gw"),
             (QStringList{"browse->catalog:1", "cart->cart:1", "checkout->orders:1"}));
    // every step is a scenario the engine runs
    for (const DerivedStep &d : steps)
        QVERIFY2(!hasErrors(validateScenario(d.scenario)), qPrintable(d.title));
}

void tst_Plan::canaryShareMatchesTheBinomialLaw()
{
    const Scenario start = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    const Plan plan = examplePlan();
    Problems problems;
    const std::vector<DerivedStep> steps = derivePlan(plan, start, &problems);
    QVERIFY(problems.isEmpty());
    for (int k : {4, 5}) {
        const double share = plan.steps[k - 1].share.value();
        Scenario s = steps[k].scenario;
        s.simulation.durationS = 120;
        s.simulation.warmupS = 0;
        const CompiledScenario compiled = compileScenario(s);
        QVERIFY(compiled.ok());
        const Sim::RunResult r = Sim::runSimulation(compiled.spec);
        const double n = requestResult(r, "browse")->arrived;
        const double toCatalog = componentResult(r, "catalog")->arrived;
        // Each browse request goes to catalog with probability `share`, independently: the
        // count is binomial. 3.29 standard deviations: a 1-in-1000 false alarm; in-flight
        // requests at the end of the run (a few) are inside it.
        const double sd = std::sqrt(n * share * (1 - share));
        QVERIFY2(std::abs(toCatalog - n * share) <= 3.29 * sd + 5,
                 qPrintable(QStringLiteral("share %1: %2 of %3 browse requests, expected %4 ± %5")
                                .arg(share)
                                .arg(toCatalog)
                                .arg(n)
                                .arg(n * share)
                                .arg(3.29 * sd)));
    }
}

void tst_Plan::examplePlanEndsAtTheMicroservicesShop()
{
    const Scenario start = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    const Scenario micro = TestSupport::loadExample(QStringLiteral("shop-microservices.json"));
    Problems problems;
    const std::vector<DerivedStep> steps = derivePlan(examplePlan(), start, &problems);
    QVERIFY(problems.isEmpty());
    const Scenario &last = steps.back().scenario;
    QCOMPARE(idsOf(last), idsOf(micro));
    QCOMPARE(last.workload.entry, micro.workload.entry);
    QCOMPARE(routesOf(last, "gw"), routesOf(micro, "gw"));
    for (const Component &c : micro.components) {
        const Component *mine = last.component(c.id);
        QVERIFY(mine);
        QVERIFY2(*mine == c, qPrintable(c.id));
    }
    // and it simulates alike: the same p99 within its 95% interval
    std::vector<CompareAlternative> alternatives{{QStringLiteral("micro"), micro},
                                                 {QStringLiteral("last step"), last}};
    CompareOptions options;
    options.replications = 5;
    options.durationS = 60;
    options.warmupS = 10;
    Problems runProblems;
    const std::optional<Comparison> c = runComparison(alternatives, options, &runProblems);
    QVERIFY(c);
    std::size_t p99 = 0;
    while (qstrcmp(compareFigures()[p99].key, "latency_p99_ms") != 0)
        ++p99;
    const Estimate a = c->alternatives[0].figures[p99];
    const Estimate b = c->alternatives[1].figures[p99];
    QVERIFY(a.ci95);
    QVERIFY2(std::abs(a.mean - b.mean) <= *a.ci95,
             qPrintable(QStringLiteral("p99 %1 ± %2 vs %3").arg(a.mean).arg(*a.ci95).arg(b.mean)));
}

void tst_Plan::editingTheStartChangesEveryStep()
{
    Scenario start = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    const Plan plan = examplePlan();
    Problems problems;
    const std::vector<DerivedStep> before = derivePlan(plan, start, &problems);
    // payments gets slower in the start: every step, the last included, has the new latency
    start.components[start.indexOf("payments")].external.errorRate = 0.02;
    const std::vector<DerivedStep> after = derivePlan(plan, start, &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(after.size(), before.size());
    for (std::size_t k = 0; k < after.size(); ++k) {
        QCOMPARE(after[k].scenario.component("payments")->external.errorRate, 0.02);
        QVERIFY(!(after[k].scenario == before[k].scenario));
    }
    // and a field the steps copy: the monolith's cores reach the services extracted with
    // the monolith's settings (the plan sets catalog's, so use a plan that does not)
    Plan bare;
    bare.name = QStringLiteral("bare");
    bare.steps = {step(PlanAction::Facade), step(PlanAction::Extract, "catalog")};
    start.components[start.indexOf("monolith")].service.cpuCores = 6;
    const std::vector<DerivedStep> derived = derivePlan(bare, start, &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(derived.back().scenario.component("catalog")->service.cpuCores, 6.0);
}

void tst_Plan::refusalsSayWhere_data()
{
    QTest::addColumn<QList<PlanStep>>("steps");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("says");
    PlanStep shift = step(PlanAction::Shift, "catalog");
    shift.share = 0.5;
    QTest::newRow("unknown module")
        << QList<PlanStep>{step(PlanAction::Facade), step(PlanAction::Extract, "payment")}
        << "$.steps[1].module"
        << "has no module 'payment'; its modules are cart, catalog, orders";
    QTest::newRow("shift before extract")
        << QList<PlanStep>{step(PlanAction::Facade), shift} << "$.steps[1].module"
        << "not extracted yet";
    QTest::newRow("shift without facade")
        << QList<PlanStep>{step(PlanAction::Extract, "catalog"), shift} << "$.steps[1].action"
        << "add a facade step";
    QTest::newRow("retire before all traffic moved")
        << QList<PlanStep>{step(PlanAction::Facade),
                           step(PlanAction::Extract, "catalog"),
                           shift,
                           step(PlanAction::Retire, "catalog")}
        << "$.steps[3].module"
        << "still gets 50%";
    QTest::newRow("two facades") << QList<PlanStep>{step(PlanAction::Facade),
                                                    step(PlanAction::Facade)}
                                 << "$.steps[1].action"
                                 << "already has a facade";
    PlanStep badHandlers = step(PlanAction::Extract, "catalog");
    badHandlers.handlers = QJsonObject{{"browse", QJsonArray{QJsonObject{{"call", "nowhere"}}}}};
    QTest::newRow("rewrite calls a missing component")
        << QList<PlanStep>{badHandlers} << "$.steps[0].handlers.browse[0].call"
        << "nowhere";
}

void tst_Plan::refusalsSayWhere()
{
    QFETCH(QList<PlanStep>, steps);
    QFETCH(QString, path);
    QFETCH(QString, says);
    const Scenario start = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    Plan plan;
    plan.name = QStringLiteral("p");
    plan.steps = steps;
    Problems problems;
    const std::vector<DerivedStep> derived = derivePlan(plan, start, &problems);
    QVERIFY(hasErrors(problems));
    QCOMPARE(problems.constFirst().path, path);
    QVERIFY2(problems.constFirst().message.contains(says),
             qPrintable(problems.constFirst().message));
    // the steps before the refused one are there
    QCOMPARE(derived.size(), std::size_t(steps.size()));
}

void tst_Plan::planJsonRoundTrips()
{
    const Plan plan = examplePlan();
    QCOMPARE(plan.name, QStringLiteral("Shop: strangler plan"));
    QCOMPARE(plan.steps.size(), 17);
    Problems problems;
    const std::optional<Plan> again = parsePlan(serializePlan(plan), &problems);
    QVERIFY(again);
    QCOMPARE(*again, plan);
    // an embedded start scenario stands alone
    Plan embedded = plan;
    embedded.startScenario = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    embedded.start.clear();
    const std::optional<Plan> back = parsePlan(serializePlan(embedded), &problems);
    QVERIFY(back);
    QCOMPARE(back->startScenario->name, QStringLiteral("Shop: monolith"));
    // refusals carry path and line
    Problems bad;
    QVERIFY(!parsePlan("{\n \"format\": \"archsim-plan\", \"version\": 1, \"name\": \"x\",\n"
                       " \"start\": \"a.json\",\n \"steps\": [ { \"action\": \"split\" } ] }",
                       &bad));
    QCOMPARE(bad.constFirst().path, QStringLiteral("$.steps[0].action"));
    QCOMPARE(bad.constFirst().line, 4);
    QVERIFY(bad.constFirst().message.contains("facade, extract, database, shift or retire"));
}

void tst_Plan::plansAreStoredInTheProject()
{
    QTemporaryDir dir;
    Project project;
    project.metadata.name = QStringLiteral("p");
    ProjectScenario s;
    s.id = newProjectId();
    s.scenario = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    project.scenarios.append(s);
    Plan plan = examplePlan();
    plan.id = newProjectId();
    plan.start = s.scenario.name;
    project.plans.append(plan);
    const QString file = dir.filePath(QStringLiteral("p.archsim"));
    QString error;
    QVERIFY2(ProjectStore::save(project, file, &error), qPrintable(error));
    const ProjectLoad load = ProjectStore::load(file);
    QVERIFY2(load.ok(), qPrintable(load.error));
    QCOMPARE(load.project->plans.size(), 1);
    QCOMPARE(load.project->plans.constFirst(), plan);
    QVERIFY(load.project->planNamed(QStringLiteral("Shop: strangler plan")));
}

void tst_Plan::suggestedOrderWeighsValueAgainstCoupling()
{
    const Scenario start = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    const std::vector<ModuleRanking> order = suggestOrder(start, QStringLiteral("monolith"));
    QCOMPARE(order.size(), std::size_t(3));
    // catalog: 75% of the requests, 2 releases of 12, the products table shared with cart
    const auto catalog = std::find_if(order.begin(), order.end(), [](const ModuleRanking &r) {
        return r.module == QLatin1String("catalog");
    });
    QCOMPARE(catalog->loadShare, 0.75);
    QCOMPARE(catalog->changeShare, 2.0 / 12);
    QCOMPARE(catalog->sharedTables, 1);
    // CPU demand: weights times mean CPU (0.75 x 1.5, 0.2 x 2, 0.05 x 6)
    QCOMPARE(catalog->cpuShare, 0.75 * 1.5 / (0.75 * 1.5 + 0.2 * 2 + 0.05 * 6));
    // cart shares two tables' worth (carts with orders, products with catalog): most coupled
    const auto cart = std::find_if(order.begin(), order.end(), [](const ModuleRanking &r) {
        return r.module == QLatin1String("cart");
    });
    QCOMPARE(cart->sharedTables, 2);
    QCOMPARE(cart->coupling, 1.0);
    QCOMPARE(order.front().module, QStringLiteral("catalog"));
    QCOMPARE(order.back().module, QStringLiteral("cart"));
    for (std::size_t i = 1; i < order.size(); ++i)
        QVERIFY(order[i - 1].score >= order[i].score);
    QVERIFY(order.front().reason.contains("75% of the requests"));
}

void tst_Plan::trajectoryFlagsSloAndLint()
{
    const Scenario start = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
    Plan plan;
    plan.name = QStringLiteral("short");
    plan.slo = QStringLiteral("p99<150ms"); // the monolith's p99 is about 185 ms
    plan.steps = {step(PlanAction::Facade), step(PlanAction::Extract, "catalog")};
    MigrateOptions options;
    options.replications = 2;
    options.durationS = 40;
    options.warmupS = 10;
    Problems problems;
    const std::optional<Trajectory> t = runPlan(plan, start, options, &problems);
    QVERIFY2(t, qPrintable(TestSupport::problemsText(problems)));
    QCOMPARE(t->points.size(), std::size_t(3));
    QCOMPARE(t->points[0].deployables, 1);
    QCOMPARE(t->points[2].deployables, 2);
    QVERIFY(t->points[0].breaksSlo);
    QVERIFY(t->points[0].sloText.contains("p99"));
    // the extracted catalog shares the monolith's database: the lint says so at step 2 only
    QVERIFY(t->points[1].newLint.isEmpty());
    QVERIFY(!t->points[2].newLint.filter("shared-database").isEmpty());
    const QJsonObject json = trajectoryToJson(*t);
    QCOMPARE(json.value("plan").toString(), QStringLiteral("short"));
    const QJsonArray steps = json.value("steps").toArray();
    QCOMPARE(steps.size(), 3);
    QCOMPARE(steps[0].toObject().value("action").toString(), QStringLiteral("start"));
    QVERIFY(steps[2].toObject().value("scenario").toObject().contains("components"));
    QVERIFY(steps[2].toObject().value("results").toObject().contains("requests"));
}

QTEST_GUILESS_MAIN(tst_Plan)
#include "tst_plan.moc"
