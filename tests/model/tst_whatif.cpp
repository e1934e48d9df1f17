// SPDX-License-Identifier: GPL-3.0-or-later
// What-if sliders in the model (model/analysis/WhatIf): the "what_if" object of the format
// (read, written back unchanged, checked with JSON paths), the sliders' ranges taken around a
// scenario's values, the parameters offered for pinning, values refused with a sentence, and
// the short run: a slider's value reaches the scenario at its path and the engine runs it.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "analysis/WhatIf.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Model;
using TestSupport::problemsText;

namespace {

const QString kShop = QStringLiteral("shop-microservices.json");
const QString kRate = QStringLiteral("workload.arrivals.rate_per_s");
const QString kThreads = QStringLiteral("components[cart].concurrency.threads");
const QString kReplicas = QStringLiteral("components[cart].replicas");
const QString kCapacity = QStringLiteral("components[catalog_cache].capacity_keys");
const QString kPrefetch = QStringLiteral("components[order_events].consumers[0].prefetch");

/** The shop with a "what_if" object written as JSON (`whatIf`), read back. */
ScenarioLoad shopWith(const QJsonObject &whatIf)
{
    QJsonObject json = QJsonDocument::fromJson(TestSupport::readExample(kShop)).object();
    json.insert(QStringLiteral("what_if"), whatIf);
    return parseScenario(QJsonDocument(json).toJson());
}

const Problem *problemAt(const Problems &problems, const QString &path)
{
    for (const Problem &p : problems) {
        if (p.path == path)
            return &p;
    }
    return nullptr;
}

WhatIfSlider sliderFor(const Scenario &s, const QString &path)
{
    return whatIfSlider(s, WhatIfPin{path, {}, {}, {}, {}});
}

} // namespace

class tst_WhatIf : public QObject
{
    Q_OBJECT

private slots:
    void formatReadsWritesAndChecksTheObject()
    {
        const QJsonObject whatIf{{QStringLiteral("window_s"), 30},
                                 {QStringLiteral("pinned"),
                                  QJsonArray{QJsonObject{{QStringLiteral("field"), kRate},
                                                         {QStringLiteral("min"), 100},
                                                         {QStringLiteral("max"), 2000},
                                                         {QStringLiteral("step"), 50}},
                                             QJsonObject{{QStringLiteral("field"), kThreads}}}}};
        const ScenarioLoad load = shopWith(whatIf);
        QVERIFY2(load.ok(), qPrintable(problemsText(load.problems)));
        QVERIFY(load.scenario->whatIf);
        const WhatIf &w = *load.scenario->whatIf;
        QCOMPARE(*w.windowS, 30.0);
        QCOMPARE(w.pinned.size(), 2);
        QCOMPARE(w.pinned.at(0).field, kRate);
        QCOMPARE(*w.pinned.at(0).min, 100.0);
        QCOMPARE(*w.pinned.at(0).step, 50.0);
        QVERIFY(!w.pinned.at(1).min);
        QCOMPARE(whatIfWindowS(*load.scenario), 30.0);
        QCOMPARE(whatIfWindowS(TestSupport::loadExample(kShop)), 60.0); // the default

        // written back as it was read
        const QByteArray saved = serializeScenario(*load.scenario);
        const ScenarioLoad again = parseScenario(saved);
        QVERIFY(again.ok());
        QCOMPARE(again.scenario->whatIf, load.scenario->whatIf);
        QCOMPARE(QJsonDocument::fromJson(saved)
                     .object()
                     .value(QStringLiteral("what_if"))
                     .toObject(),
                 whatIf);
    }

    void badObjectsAreReportedAtTheirPaths()
    {
        const QJsonObject bad{{QStringLiteral("window_s"), 0},
                              {QStringLiteral("pinned"),
                               QJsonArray{QJsonObject{
                                              {QStringLiteral("field"),
                                               QStringLiteral("components[nope].replicas")}},
                                          QJsonObject{{QStringLiteral("field"), kRate},
                                                      {QStringLiteral("min"), 500},
                                                      {QStringLiteral("max"), 100}},
                                          QJsonObject{{QStringLiteral("min"), 1}},
                                          QJsonObject{{QStringLiteral("field"), kRate},
                                                      {QStringLiteral("step"), -1}},
                                          QStringLiteral("replicas")}}};
        const ScenarioLoad load = shopWith(bad);
        const Problems &p = load.problems;
        const Problem *window = problemAt(p, QStringLiteral("$.what_if.window_s"));
        QVERIFY2(window && window->isError(), qPrintable(problemsText(p)));
        QVERIFY(window->message.contains(QStringLiteral("greater than 0")));
        // a pin of a component that is not there: a warning saying what to do
        const Problem *unknown = problemAt(p, QStringLiteral("$.what_if.pinned[0].field"));
        QVERIFY2(unknown && !unknown->isError(), qPrintable(problemsText(p)));
        QVERIFY(unknown->message.contains(QStringLiteral("unpin it")));
        const Problem *range = problemAt(p, QStringLiteral("$.what_if.pinned[1]"));
        QVERIFY2(range && range->isError(), qPrintable(problemsText(p)));
        QVERIFY(range->message.contains(QStringLiteral("below max")));
        const Problem *missing = problemAt(p, QStringLiteral("$.what_if.pinned[2].field"));
        QVERIFY2(missing && missing->isError(), qPrintable(problemsText(p)));
        // the same field twice only warns; a step of -1 is an error
        const Problem *twice = problemAt(p, QStringLiteral("$.what_if.pinned[3].field"));
        QVERIFY2(twice && !twice->isError(), qPrintable(problemsText(p)));
        const Problem *step = problemAt(p, QStringLiteral("$.what_if.pinned[3].step"));
        QVERIFY2(step && step->isError(), qPrintable(problemsText(p)));
        QVERIFY(problemAt(p, QStringLiteral("$.what_if.pinned[4]")));
    }

    void slidersTakeTheirRangeAroundTheValue()
    {
        const Scenario shop = TestSupport::loadExample(kShop);
        // the rate, 600/s: from 20 (it must stay above 0) to four times, in steps of 20
        const WhatIfSlider rate = sliderFor(shop, kRate);
        QVERIFY(rate.problem.isEmpty());
        QCOMPARE(rate.value, 600.0);
        QCOMPARE(rate.min, 20.0);
        QCOMPARE(rate.max, 2400.0);
        QCOMPARE(rate.step, 20.0);
        QVERIFY(!rate.integer);
        QCOMPARE(rate.unit, QStringLiteral("/s"));
        QCOMPARE(rate.label, QStringLiteral("Workload · Rate"));
        QCOMPARE(rate.valueAt(rate.positionOf(600)), 600.0);
        QCOMPARE(rate.valueAt(rate.positionOf(1000)), 1000.0);
        QCOMPARE(rate.valueAt(rate.positions() - 1), 2400.0);
        // replicas 2: whole numbers from 1 (the format's least) to 10
        const WhatIfSlider replicas = sliderFor(shop, kReplicas);
        QVERIFY(replicas.integer);
        QCOMPARE(replicas.min, 1.0);
        QCOMPARE(replicas.max, 10.0);
        QCOMPARE(replicas.step, 1.0);
        QCOMPARE(replicas.positions(), 10);
        QCOMPARE(replicas.label, QStringLiteral("cart · Replicas"));
        // threads 16 to 64; a cache of 5,000 keys in steps of 100 that pass through 5,000
        const WhatIfSlider threads = sliderFor(shop, kThreads);
        QCOMPARE(threads.min, 1.0);
        QCOMPARE(threads.max, 64.0);
        QCOMPARE(threads.label, QStringLiteral("cart · Threads"));
        const WhatIfSlider capacity = sliderFor(shop, kCapacity);
        QVERIFY(capacity.integer);
        QCOMPARE(capacity.step, 100.0);
        QCOMPARE(capacity.min, 100.0);
        QCOMPARE(capacity.max, 20000.0);
        QCOMPARE(capacity.valueAt(capacity.positionOf(5000)), 5000.0);
        // a consumer's prefetch, named by its service
        const WhatIfSlider prefetch = sliderFor(shop, kPrefetch);
        QVERIFY(prefetch.problem.isEmpty());
        QCOMPARE(prefetch.value, 10.0);
        QCOMPARE(prefetch.label, QStringLiteral("order_events · Prefetch (mailer)"));
        // a pin's own range wins
        const WhatIfSlider own = whatIfSlider(shop, WhatIfPin{kRate, 100, 2000, 100, {}});
        QCOMPARE(own.min, 100.0);
        QCOMPARE(own.max, 2000.0);
        QCOMPARE(own.positions(), 20);
        // a field that is no number of the scenario
        QVERIFY(sliderFor(shop, QStringLiteral("components[nope].replicas"))
                    .problem.contains(QStringLiteral("not a number of this scenario")));
        QVERIFY(sliderFor(shop, QStringLiteral("components[cart..x"))
                    .problem.contains(QStringLiteral("not a path")));
    }

    void candidatesAreTheUsualParametersFirst()
    {
        const Scenario shop = TestSupport::loadExample(kShop);
        auto paths = [&](const QString &component, bool usual) {
            QStringList out;
            for (const WhatIfCandidate &c : whatIfCandidates(shop, component)) {
                if (c.usual == usual)
                    out << c.path;
            }
            return out;
        };
        QVERIFY(paths(QString(), true).contains(kRate));
        const QStringList cart = paths(QStringLiteral("cart"), true);
        QVERIFY2(cart.contains(kReplicas) && cart.contains(kThreads), qPrintable(cart.join(' ')));
        QVERIFY(cart.contains(QStringLiteral("components[cart].cpu_cores")));
        QVERIFY(paths(QStringLiteral("catalog_cache"), true).contains(kCapacity));
        QVERIFY(paths(QStringLiteral("order_events"), true).contains(kPrefetch));
        QVERIFY(paths(QStringLiteral("catalog"), true)
                    .contains(QStringLiteral("components[catalog].pools.catalog_db")));
        // the other numbers of a component follow the usual ones
        const QList<WhatIfCandidate> all = whatIfCandidates(shop, QStringLiteral("catalog_cache"));
        QVERIFY(!paths(QStringLiteral("catalog_cache"), false).isEmpty());
        QVERIFY(all.first().usual);
        QVERIFY(whatIfCandidates(shop, QStringLiteral("nope")).isEmpty());

        // pinning writes the range, so that it stays when the value changes
        QString error;
        const std::optional<WhatIfPin> pin = whatIfPin(shop, kRate, &error);
        QVERIFY(pin);
        QCOMPARE(*pin->min, 20.0);
        QCOMPARE(*pin->max, 2400.0);
        QCOMPARE(*pin->step, 20.0);
        QVERIFY(!whatIfPin(shop, QStringLiteral("components[nope].replicas"), &error));
        QVERIFY(error.contains(QStringLiteral("unpin it")));
    }

    void valuesOutsideTheSliderAreRefused()
    {
        const Scenario shop = TestSupport::loadExample(kShop);
        const WhatIfSlider replicas = sliderFor(shop, kReplicas);
        QVERIFY(checkWhatIfValue(replicas, 4).isEmpty());
        QVERIFY(checkWhatIfValue(replicas, 2.5).contains(QStringLiteral("whole numbers")));
        QVERIFY(checkWhatIfValue(replicas, 0).contains(QStringLiteral("from 1 to 10")));
        QVERIFY(checkWhatIfValue(replicas, 11).contains(QStringLiteral("widen")));
        QVERIFY(checkWhatIfValue(replicas, std::numeric_limits<double>::quiet_NaN())
                    .contains(QStringLiteral("needs a number")));
    }

    void theShortRunHasTheValuesAtTheirPaths()
    {
        const Scenario shop = TestSupport::loadExample(kShop);
        const WhatIfRun run = whatIfRun(shop,
                                        {{kRate, 1000},
                                         {kThreads, 32},
                                         {kCapacity, 8000},
                                         {kPrefetch, 1},
                                         {kReplicas, 3}},
                                        60);
        QVERIFY2(run.ok(), qPrintable(problemsText(run.problems)));
        const Scenario &s = *run.scenario;
        QCOMPARE(*s.workload.arrivals.ratePerS, 1000.0);
        const Component *cart = s.component(QStringLiteral("cart"));
        QCOMPARE(*cart->service.concurrency->threads, 32);
        QCOMPARE(*cart->service.replicas, 3);
        QCOMPARE(*s.component(QStringLiteral("catalog_cache"))->cache.capacityKeys, qint64(8000));
        QCOMPARE(*s.component(QStringLiteral("order_events"))->queue.consumers.at(0).prefetch, 1);
        // everything else as it was
        QCOMPARE(*s.component(QStringLiteral("orders"))->service.concurrency->threads, 16);
        // the window: 60 s, the warm-up in proportion (30 s of 300), one replication
        QCOMPARE(run.spec.durationS, 60.0);
        QCOMPARE(run.spec.warmupS, 6.0);
        QCOMPARE(run.spec.replications, 1);
        QCOMPARE(run.spec.workload.ratePerS, 1000.0);

        // the engine gets it: Poisson arrivals over the 54 s measured, 54,000 expected with a
        // standard deviation of sqrt(54,000) = 232; five of those is 2.2%
        Sim::RunOptions options;
        options.threads = 1;
        const Sim::RunResult result = Sim::runSimulation(run.spec, options);
        const Sim::RequestResult *all = result.request("_all");
        QVERIFY(all);
        const double expected = 1000 * (60 - 6);
        QVERIFY2(std::fabs(all->arrived - expected) < 5 * std::sqrt(expected),
                 qPrintable(QString::number(all->arrived)));
    }

    void refusedValuesSayWhichAndWhy()
    {
        const Scenario shop = TestSupport::loadExample(kShop);
        // the format's own sentence, with the slider's path and value before it
        const WhatIfRun zero = whatIfRun(shop, {{kReplicas, 0}}, 60);
        QVERIFY(!zero.ok());
        QVERIFY(!zero.problems.isEmpty());
        const Problem &p = zero.problems.first();
        QVERIFY2(p.message.startsWith(QStringLiteral("components[cart].replicas = 0: ")),
                 qPrintable(p.message));
        QVERIFY2(p.message.contains(QStringLiteral("at least 1")), qPrintable(p.message));
        QVERIFY2(p.path.startsWith(QStringLiteral("$.components[")), qPrintable(p.path));
        QVERIFY(p.path.endsWith(QStringLiteral(".replicas")));
        // a rate of 0 is no rate
        const WhatIfRun rate = whatIfRun(shop, {{kRate, 0}}, 60);
        QVERIFY(!rate.ok());
        QVERIFY2(rate.problems.first().message.contains(QStringLiteral("greater than 0")),
                 qPrintable(problemsText(rate.problems)));
        // a path that goes nowhere
        const WhatIfRun nowhere = whatIfRun(shop,
                                            {{QStringLiteral("components[nope].replicas"), 2}},
                                            60);
        QVERIFY(!nowhere.ok());
        QCOMPARE(nowhere.problems.first().path, QStringLiteral("components[nope].replicas"));
        QVERIFY(nowhere.problems.first().message.contains(QStringLiteral("nope")));
        // a window of 0 or of more than an hour
        QVERIFY(!whatIfRun(shop, {}, 0).ok());
        QVERIFY(whatIfRun(shop, {}, 0).problems.first().message.contains(QStringLiteral("window")));
        QVERIFY(!whatIfRun(shop, {}, 7200).ok());
        QVERIFY(whatIfRun(shop, {}, 10).ok());
        // a window shorter than ten of the shop's 1 s buckets: ten buckets of a tenth
        const WhatIfRun brief = whatIfRun(shop, {}, 0.5);
        QVERIFY2(brief.ok(), qPrintable(problemsText(brief.problems)));
        QCOMPARE(brief.spec.bucketS, 0.05);
        QCOMPARE(whatIfRun(shop, {}, 60).spec.bucketS, 1.0);
    }
};

QTEST_GUILESS_MAIN(tst_WhatIf)
#include "tst_whatif.moc"
