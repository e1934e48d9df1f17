// SPDX-License-Identifier: GPL-3.0-or-later
// The migration plan JSON (model/analysis/Plan, plan files and project files, read by
// archsim-cli migrate and the plan window), fuzzed for ~3 s with the fuzz label: random edits
// of the example plan's text and random values of random types at random keys, the steps'
// included. Reading never crashes; every refusal names a JSON path and says something;
// whatever reads writes back equal, and derives (without runs) against the monolith shop
// without crashing: each refusal of the planner names its step.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "analysis/Plan.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <random>

using namespace Model;

namespace {

using Rng = std::mt19937_64;

QJsonValue randomValue(Rng &rng)
{
    std::uniform_int_distribution<int> kind(0, 9);
    std::uniform_real_distribution<double> real(-2, 2);
    switch (kind(rng)) {
    case 0:
        return QJsonValue(QJsonValue::Null);
    case 1:
        return real(rng);
    case 2:
        return std::uniform_int_distribution<int>(-3, 64)(rng);
    case 3:
        return QStringLiteral("catalog");
    case 4:
        return QJsonArray{1, QStringLiteral("x"), QJsonObject{}};
    case 5:
        return QJsonObject{
            {QStringLiteral("browse"),
             QJsonArray{QJsonObject{{QStringLiteral("call"), QStringLiteral("db")}}}}};
    case 6:
        return bool(kind(rng) % 2);
    case 7:
        return QStringLiteral("retire");
    case 8:
        return QStringLiteral("dual_write");
    default:
        return QStringLiteral("orders");
    }
}

/** Puts a random value at a random key of the plan or of one of its steps. */
void mutateJson(Rng &rng, QJsonObject &plan)
{
    static const QStringList keys
        = {QStringLiteral("action"),   QStringLiteral("module"),   QStringLiteral("service"),
           QStringLiteral("share"),    QStringLiteral("replicas"), QStringLiteral("handlers"),
           QStringLiteral("pools"),    QStringLiteral("data"),     QStringLiteral("sync"),
           QStringLiteral("writes"),   QStringLiteral("database"), QStringLiteral("components"),
           QStringLiteral("facade"),   QStringLiteral("pool"),     QStringLiteral("concurrency"),
           QStringLiteral("name"),     QStringLiteral("start"),    QStringLiteral("steps"),
           QStringLiteral("monolith"), QStringLiteral("slo"),      QStringLiteral("version")};
    const QString k = keys.at(std::uniform_int_distribution<qsizetype>(0, keys.size() - 1)(rng));
    QJsonArray steps = plan.value(QStringLiteral("steps")).toArray();
    std::uniform_int_distribution<int> coin(0, 3);
    if (!steps.isEmpty() && coin(rng) != 0) {
        const auto i = std::uniform_int_distribution<qsizetype>(0, steps.size() - 1)(rng);
        if (coin(rng) == 0) {
            steps.removeAt(i); // a step left out: later ones lose what they needed
        } else {
            QJsonObject s = steps.at(i).toObject();
            s.insert(k, randomValue(rng));
            steps[i] = s;
        }
        plan.insert(QStringLiteral("steps"), steps);
        return;
    }
    plan.insert(k, randomValue(rng));
}

void checkRefusal(const Problems &problems)
{
    QVERIFY(!problems.isEmpty());
    bool error = false;
    for (const Problem &p : problems) {
        QVERIFY2(p.path.isEmpty() || p.path.startsWith(QLatin1Char('$')), qPrintable(p.path));
        QVERIFY(!p.message.isEmpty());
        error = error || p.isError();
    }
    QVERIFY(error);
}

} // namespace

class tst_FuzzPlan : public QObject
{
    Q_OBJECT

private slots:
    void mutatedPlansNeverCrash()
    {
        const QByteArray seed = TestSupport::readExample(
            QStringLiteral("plans/shop-strangler.json"));
        const QJsonObject seedJson = QJsonDocument::fromJson(seed).object();
        QVERIFY(!seedJson.isEmpty());
        const Scenario start = TestSupport::loadExample(QStringLiteral("shop-monolith.json"));
        Rng rng(20261204);
        QElapsedTimer timer;
        timer.start();
        int read = 0, refused = 0, derived = 0, cases = 0;
        while (timer.elapsed() < 3000 || cases < 100) {
            ++cases;
            QJsonObject json = seedJson;
            const int edits = std::uniform_int_distribution<int>(1, 3)(rng);
            for (int i = 0; i < edits; ++i)
                mutateJson(rng, json);
            QByteArray text = QJsonDocument(json).toJson();
            // every few cases: raw byte edits of the text, which may not be JSON any more
            if (cases % 4 == 0) {
                for (int i = 0; i < 3; ++i) {
                    const auto at = std::uniform_int_distribution<qsizetype>(0,
                                                                             text.size() - 1)(rng);
                    text[at] = char(std::uniform_int_distribution<int>(32, 126)(rng));
                }
            }
            Problems problems;
            const std::optional<Plan> plan = parsePlan(text, &problems);
            if (!plan) {
                ++refused;
                checkRefusal(problems);
                continue;
            }
            ++read;
            QCOMPARE(parsePlan(serializePlan(*plan), nullptr), plan);
            Problems planner;
            const std::vector<DerivedStep> steps = derivePlan(*plan, start, &planner);
            QVERIFY(!steps.empty());
            QVERIFY(steps.size() <= std::size_t(plan->steps.size() + 1));
            if (hasErrors(planner)) {
                checkRefusal(planner);
                QVERIFY2(steps.size() < std::size_t(plan->steps.size() + 1)
                             || planner.constFirst().path.startsWith(QLatin1String("$.monolith")),
                         qPrintable(TestSupport::problemsText(planner)));
            } else {
                ++derived;
                for (const DerivedStep &d : steps)
                    QVERIFY(!hasErrors(validateScenario(d.scenario)));
            }
            (void) suggestOrder(start, planMonolith(*plan, start));
        }
        qInfo("%d cases: %d read (%d derived in full), %d refused", cases, read, derived, refused);
        QVERIFY(read > 0);
        QVERIFY(refused > 0);
        QVERIFY(derived > 0);
    }
};

QTEST_GUILESS_MAIN(tst_FuzzPlan)
#include "tst_fuzzplan.moc"
