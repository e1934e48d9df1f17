// SPDX-License-Identifier: GPL-3.0-or-later
// The decision JSON (model/analysis/Decision, kept in project files and read by archsim-cli
// decide), fuzzed for ~3 s with the fuzz label: random edits of the example decision's text
// and random values of random types put at random keys. Reading must never crash; every
// refusal names a JSON path and says something; whatever reads evaluates (without runs),
// writes its ADR and reads back equal. The same for a decision's saved measurements and the
// report settings, which project files keep too.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "analysis/Decision.h"
#include "analysis/Report.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <random>

using namespace Model;

namespace {

using Rng = std::mt19937_64;

QByteArray exampleText()
{
    QFile f(TestSupport::examplePath(QStringLiteral("decisions/shop.decision.json")));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("no example decision");
    return f.readAll();
}

std::vector<Scenario> shops()
{
    std::vector<Scenario> out;
    for (const char *file : {"shop-monolith.json", "shop-microservices.json"})
        out.push_back(*loadScenarioFile(TestSupport::examplePath(QLatin1String(file))).scenario);
    return out;
}

QJsonValue randomValue(Rng &rng)
{
    std::uniform_int_distribution<int> kind(0, 7);
    std::uniform_real_distribution<double> real(-1e3, 1e3);
    switch (kind(rng)) {
    case 0:
        return QJsonValue(QJsonValue::Null);
    case 1:
        return real(rng);
    case 2:
        return std::uniform_int_distribution<int>(-3, 120)(rng);
    case 3:
        return QStringLiteral("Shop: monolith");
    case 4:
        return QJsonArray{1, QStringLiteral("x"), QJsonObject{}};
    case 5:
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("outage")},
                           {QStringLiteral("at_s"), real(rng)}};
    case 6:
        return bool(kind(rng) % 2);
    default:
        return QStringLiteral("high");
    }
}

/** Puts a random value at a random key of a random object inside `o` (depth-first walk). */
void mutateJson(Rng &rng, QJsonObject &o, int depth = 0)
{
    static const QStringList keys = {QStringLiteral("name"),
                                     QStringLiteral("alternatives"),
                                     QStringLiteral("questionnaire"),
                                     QStringLiteral("developers"),
                                     QStringLiteral("teams"),
                                     QStringLiteral("releases_per_week"),
                                     QStringLiteral("ops_maturity"),
                                     QStringLiteral("weights"),
                                     QStringLiteral("p99_ms"),
                                     QStringLiteral("overrides"),
                                     QStringLiteral("simulation"),
                                     QStringLiteral("fault"),
                                     QStringLiteral("slo"),
                                     QStringLiteral("replications"),
                                     QStringLiteral("status"),
                                     // saved measurements and report settings
                                     QStringLiteral("evidence"),
                                     QStringLiteral("latency_p99_ms"),
                                     QStringLiteral("mean"),
                                     QStringLiteral("ci95"),
                                     QStringLiteral("fingerprint"),
                                     QStringLiteral("seed"),
                                     QStringLiteral("sections"),
                                     QStringLiteral("paper"),
                                     QStringLiteral("compare"),
                                     QStringLiteral("scenarios")};
    const QStringList present = o.keys();
    std::uniform_int_distribution<int> coin(0, 2);
    if (!present.isEmpty() && depth < 3 && coin(rng) == 0) {
        const QString k = present.at(
            std::uniform_int_distribution<qsizetype>(0, present.size() - 1)(rng));
        if (o.value(k).isObject()) {
            QJsonObject inner = o.value(k).toObject();
            mutateJson(rng, inner, depth + 1);
            o.insert(k, inner);
            return;
        }
    }
    const QString k = keys.at(std::uniform_int_distribution<qsizetype>(0, keys.size() - 1)(rng));
    o.insert(k, randomValue(rng));
}

void checkRefusal(const Problems &problems)
{
    QVERIFY(!problems.isEmpty());
    bool error = false;
    for (const Problem &p : problems) {
        QVERIFY(p.path.startsWith(QLatin1Char('$')));
        QVERIFY(!p.message.isEmpty());
        error = error || p.isError();
    }
    QVERIFY(error);
}

} // namespace

class tst_FuzzDecision : public QObject
{
    Q_OBJECT

private slots:
    void mutatedDecisionsNeverCrash()
    {
        const QByteArray seed = exampleText();
        const QJsonObject seedJson = QJsonDocument::fromJson(seed).object();
        QVERIFY(!seedJson.isEmpty());
        const std::vector<Scenario> alternatives = shops();
        const QStringList names = {alternatives[0].name, alternatives[1].name};
        Rng rng(20261204);
        QElapsedTimer timer;
        timer.start();
        int read = 0, refused = 0, cases = 0;
        while (timer.elapsed() < 3000 || cases < 200) {
            ++cases;
            QJsonObject json = seedJson;
            const int edits = std::uniform_int_distribution<int>(1, 4)(rng);
            for (int i = 0; i < edits; ++i)
                mutateJson(rng, json);
            // every few cases: raw byte edits of the text, which may not be JSON any more
            if (cases % 4 == 0) {
                QByteArray text = QJsonDocument(json).toJson();
                for (int i = 0; i < 3; ++i) {
                    const auto at = std::uniform_int_distribution<qsizetype>(0,
                                                                             text.size() - 1)(rng);
                    text[at] = char(std::uniform_int_distribution<int>(32, 126)(rng));
                }
                json = QJsonDocument::fromJson(text).object();
            }
            Problems problems;
            const std::optional<Decision> d = decisionFromJson(json,
                                                               QStringLiteral("$"),
                                                               &problems);
            if (!d) {
                ++refused;
                checkRefusal(problems);
                continue;
            }
            ++read;
            QCOMPARE(decisionFromJson(decisionToJson(*d), QStringLiteral("$"), nullptr), d);
            const Problems wrong = checkDecisionAlternatives(*d, names);
            if (!wrong.isEmpty()) {
                checkRefusal(wrong);
                continue;
            }
            const DecisionResult result = evaluateDecision(*d, alternatives, nullptr);
            QCOMPARE(result.ranking.size(), alternatives.size());
            QVERIFY(!decisionAdr(*d, alternatives, result, nullptr).isEmpty());
            QVERIFY(!decisionResultToJson(*d, result, nullptr).isEmpty());
        }
        qInfo("%d cases: %d read, %d refused", cases, read, refused);
        QVERIFY(read > 0);
        QVERIFY(refused > 0);
    }

    void mutatedMeasurementsAndReportSettingsNeverCrash()
    {
        const std::vector<Scenario> alternatives = shops();
        const std::optional<Decision> decision
            = decisionFromJson(QJsonDocument::fromJson(exampleText()).object(),
                               QStringLiteral("$"),
                               nullptr);
        QVERIFY(decision);
        SavedDecisionEvidence saved;
        saved.alternatives = decision->alternatives;
        saved.simulation = decision->simulation;
        saved.fingerprint = decisionFingerprint(alternatives);
        saved.evidence.replications = 2;
        saved.evidence.fault = decision->simulation.fault;
        for (const Scenario &s : alternatives) {
            AlternativeEvidence e;
            e.name = s.name;
            e.p99Ms = {100, 5};
            e.faultErrorRate = Estimate{0.01, 0.001};
            e.recoveryS = Estimate{3, 1};
            e.capacitySearched = true;
            e.maxRatePerS = 900;
            e.topology = topologyFacts(s);
            saved.evidence.alternatives.push_back(e);
        }
        const QJsonObject evidenceSeed = savedEvidenceToJson(saved);
        ReportSettings report = ReportSettings::defaults();
        report.compare = {alternatives[0].name, alternatives[1].name};
        const QJsonObject reportSeed = reportSettingsToJson(report);
        Rng rng(20261205);
        QElapsedTimer timer;
        timer.start();
        int read = 0, refused = 0, cases = 0;
        while (timer.elapsed() < 2000 || cases < 200) {
            ++cases;
            const bool evidence = cases % 2 == 0;
            QJsonObject json = evidence ? evidenceSeed : reportSeed;
            const int edits = std::uniform_int_distribution<int>(1, 3)(rng);
            for (int i = 0; i < edits; ++i)
                mutateJson(rng, json);
            Problems problems;
            if (evidence) {
                const std::optional<SavedDecisionEvidence> e
                    = savedEvidenceFromJson(json, QStringLiteral("$.e"), &problems);
                if (!e) {
                    ++refused;
                    checkRefusal(problems);
                    continue;
                }
                ++read;
                QCOMPARE(savedEvidenceFromJson(savedEvidenceToJson(*e),
                                               QStringLiteral("$"),
                                               nullptr),
                         e);
                if (savedEvidenceApplies(*e, *decision, alternatives)) {
                    const DecisionResult r = evaluateDecision(*decision,
                                                              alternatives,
                                                              &e->evidence);
                    QVERIFY(!decisionAdr(*decision, alternatives, r, &e->evidence).isEmpty());
                }
            } else {
                const std::optional<ReportSettings> r
                    = reportSettingsFromJson(json, QStringLiteral("$.report"), &problems);
                if (!r) {
                    ++refused;
                    checkRefusal(problems);
                    continue;
                }
                ++read;
                QCOMPARE(reportSettingsFromJson(reportSettingsToJson(*r),
                                                QStringLiteral("$"),
                                                nullptr),
                         r);
                for (const QString &section : r->sections)
                    QVERIFY(reportSection(section));
            }
        }
        qInfo("%d cases: %d read, %d refused", cases, read, refused);
        QVERIFY(read > 0);
        QVERIFY(refused > 0);
    }
};

QTEST_GUILESS_MAIN(tst_FuzzDecision)
#include "tst_fuzzdecision.moc"
