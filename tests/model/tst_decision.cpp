// SPDX-License-Identifier: GPL-3.0-or-later
// The decision matrix (model/analysis/Decision): the ranking and sensitivity of a matrix
// computed by hand, the questionnaire's scores for two contrasting teams, topology facts,
// the decision JSON and its problems, and the ADR of the example decision against a reviewed
// fixture (tests/golden/shop-decision.adr.md).
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "analysis/Decision.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Model;

namespace {

Scenario example(const char *file)
{
    const ScenarioLoad load = loadScenarioFile(TestSupport::examplePath(QLatin1String(file)));
    if (!load.scenario)
        qFatal("cannot load %s", file);
    return *load.scenario;
}

std::vector<Scenario> shops()
{
    return {example("shop-monolith.json"), example("shop-microservices.json")};
}

Decision exampleDecision()
{
    QFile f(TestSupport::examplePath(QStringLiteral("decisions/shop.decision.json")));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("no example decision");
    Problems problems;
    const std::optional<Decision> d
        = decisionFromJson(QJsonDocument::fromJson(f.readAll()).object(),
                           QStringLiteral("$"),
                           &problems);
    if (!d)
        qFatal("example decision: %s", qPrintable(TestSupport::problemsText(problems)));
    return *d;
}

int rowIndex(const DecisionResult &r, const QString &id)
{
    for (std::size_t k = 0; k < r.rows.size(); ++k) {
        if (r.rows[k].criterion == id)
            return int(k);
    }
    return -1;
}

} // namespace

class tst_Decision : public QObject
{
    Q_OBJECT

private slots:
    void handComputedRanking();
    void handComputedSensitivity();
    void questionnaireSmallTeam();
    void questionnaireLargeOrganisation();
    void topologyOfTheShops();
    void overridesWin();
    void jsonRoundTrip();
    void jsonProblemsNamePaths();
    void savedEvidenceRoundTripAndApplies();
    void alternativesChecked();
    void exampleAdrMatchesFixture();
};

// weights 50/30/20; A = [8, 4, 6], B = [5, 9, 5], C = [2, 2, 10]
// A: 0.5*8 + 0.3*4 + 0.2*6 = 6.4; B: 2.5 + 2.7 + 1.0 = 6.2; C: 1.0 + 0.6 + 2.0 = 3.6
void tst_Decision::handComputedRanking()
{
    const std::vector<double> weights = {50, 30, 20};
    const std::vector<std::vector<double>> scores = {{8, 5, 2}, {4, 9, 2}, {6, 5, 10}};
    const std::vector<RankedAlternative> r = rankMatrix(weights, scores);
    QCOMPARE(r.size(), std::size_t(3));
    QCOMPARE(r[0].alternative, 0);
    QCOMPARE(r[1].alternative, 1);
    QCOMPARE(r[2].alternative, 2);
    QVERIFY(qAbs(r[0].score - 6.4) < 1e-9);
    QVERIFY(qAbs(r[1].score - 6.2) < 1e-9);
    QVERIFY(qAbs(r[2].score - 3.6) < 1e-9);
    // A against the runner-up B: +1.5 (criterion 0), -1.5 (1), +0.2 (2)
    QCOMPARE(r[0].deciding.size(), std::size_t(3));
    QCOMPARE(r[0].deciding[0].criterion, QStringLiteral("0"));
    QVERIFY(qAbs(r[0].deciding[0].points - 1.5) < 1e-9);
    QCOMPARE(r[0].deciding[1].criterion, QStringLiteral("1"));
    QVERIFY(qAbs(r[0].deciding[1].points + 1.5) < 1e-9);
    QVERIFY(qAbs(r[0].deciding[2].points - 0.2) < 1e-9);
    // C against the winner A: -3 (0), +0.8 (2), -0.6 (1)
    QCOMPARE(r[2].deciding.size(), std::size_t(3));
    QCOMPARE(r[2].deciding[0].criterion, QStringLiteral("0"));
    QVERIFY(qAbs(r[2].deciding[0].points + 3) < 1e-9);
    QCOMPARE(r[2].deciding[1].criterion, QStringLiteral("2"));
    QVERIFY(qAbs(r[2].deciding[1].points - 0.8) < 1e-9);
    QVERIFY(qAbs(r[2].deciding[2].points + 0.6) < 1e-9);
    // a third criterion worth less than a tenth of the first is not named
    const std::vector<RankedAlternative> two = rankMatrix({50, 30, 1}, {{8, 5}, {4, 9}, {6, 5}});
    QCOMPARE(two[0].deciding.size(), std::size_t(2));
    // ties keep the alternatives' order
    const std::vector<RankedAlternative> tie = rankMatrix({1}, {{5, 5}});
    QCOMPARE(tie[0].alternative, 0);
}

// The share p of one weight, the others in proportion: S(p) = p s_i + (1 - p) R.
// Criterion 0 (now 0.5): R_A = (30*4 + 20*6)/50 = 4.8, R_B = 7.4, R_C = 5.2; A and B cross at
//   p = -2.6 / (-2.6 - 3) = 0.464286 (B wins below), A and C at 0.0625 (further away).
// Criterion 1 (now 0.3): R_A = 520/70, R_B = 5; they cross at 2.428571 / 7.428571 = 0.326923
//   (B wins above); C never catches A.
// Criterion 2 (now 0.2): R_A = R_B = 6.5, so A and B only tie at 0 (no flip); C crosses at
//   4.5 / 8.5 = 0.529412 (C wins above).
void tst_Decision::handComputedSensitivity()
{
    const std::vector<double> weights = {50, 30, 20};
    const std::vector<std::vector<double>> scores = {{8, 5, 2}, {4, 9, 2}, {6, 5, 10}};
    const std::vector<WeightSensitivity> s = weightSensitivity(weights, scores);
    QCOMPARE(s.size(), std::size_t(3));
    QVERIFY(qAbs(s[0].share - 0.5) < 1e-12);
    QVERIFY(s[0].lowerFlip);
    QVERIFY(qAbs(*s[0].lowerFlip - 13.0 / 28.0) < 1e-9);
    QCOMPARE(s[0].lowerWinner, 1);
    QVERIFY(!s[0].upperFlip);
    QVERIFY(!s[1].lowerFlip);
    QVERIFY(s[1].upperFlip);
    QVERIFY(qAbs(*s[1].upperFlip - (17.0 / 7.0) / (52.0 / 7.0)) < 1e-9);
    QCOMPARE(s[1].upperWinner, 1);
    QVERIFY(!s[2].lowerFlip);
    QVERIFY(s[2].upperFlip);
    QVERIFY(qAbs(*s[2].upperFlip - 9.0 / 17.0) < 1e-9);
    QCOMPARE(s[2].upperWinner, 2);
    // at the flip point the other really wins just beyond it
    std::vector<double> moved = {0.46 * 100, 30.0 / 50 * 54, 20.0 / 50 * 54};
    QCOMPARE(rankMatrix(moved, scores).front().alternative, 1);
    // a dominant alternative never flips
    const std::vector<WeightSensitivity> none = weightSensitivity({1, 1}, {{9, 1}, {9, 1}});
    QVERIFY(!none[0].lowerFlip && !none[0].upperFlip);
    QVERIFY(!none[1].lowerFlip && !none[1].upperFlip);
    DecisionResult r;
    r.alternatives = {QStringLiteral("A"), QStringLiteral("B")};
    QCOMPARE(sensitivityText(r, none[0]), QStringLiteral("no change within 0–100% flips it"));
}

// 3 developers in one team, 1 release a week, an evolving domain, low ops maturity, one
// engineer on call. Monolith: one deployable (spread -1); microservices: four (spread +1).
// score = 5 + 4 x lean x spread.
void tst_Decision::questionnaireSmallTeam()
{
    Questionnaire q;
    q.developers = 3;
    q.teams = 1;
    q.releasesPerWeek = 1;
    q.domainStability = QStringLiteral("evolving");
    q.opsMaturity = QStringLiteral("low");
    q.onCallEngineers = 1;
    const auto s = prefillScores(q, shops());
    QCOMPARE(s.size(), std::size_t(8));
    // leans: team -0.25, domain -0.25, scaling (0.75 - 0.4) x 1.5 = 0.525, deployment
    // (log2(1) - 1)/4 = -0.25, ops -1 - 0.2 -> -1, isolation 0.2, technology 0.1,
    // consistency -0.6
    const double mono[8] = {6.0, 6.0, 2.9, 6.0, 9.0, 4.2, 4.6, 7.4};
    const double micro[8] = {4.0, 4.0, 7.1, 4.0, 1.0, 5.8, 5.4, 2.6};
    for (int k = 0; k < 8; ++k) {
        QCOMPARE(s[k][0].score, mono[k]);
        QCOMPARE(s[k][1].score, micro[k]);
        QVERIFY(!s[k][0].reason.isEmpty());
        QVERIFY(s[k][0].reason.endsWith(QLatin1Char('.')));
    }
    QVERIFY(s[0][0].reason.contains(QStringLiteral("3 developers in one team")));
    QVERIFY(s[0][1].reason.contains(QStringLiteral("here 4 deployables hurt")));
    QVERIFY(s[4][0].reason.contains(QStringLiteral("low operations maturity and 1 engineer")));
    QVERIFY(s[2][0].reason.contains(QStringLiteral("'browse' makes 75% of the requests")));

    Decision d;
    d.alternatives = {QStringLiteral("Shop: monolith"), QStringLiteral("Shop: microservices")};
    d.questionnaire = q;
    const DecisionResult r = evaluateDecision(d, shops(), nullptr);
    QCOMPARE(r.ranking.front().alternative, 0); // the monolith
}

// 60 developers in eight teams releasing 5 times a week each, a stable domain, high ops
// maturity and eight on call.
void tst_Decision::questionnaireLargeOrganisation()
{
    Questionnaire q;
    q.developers = 60;
    q.teams = 8;
    q.releasesPerWeek = 5;
    q.domainStability = QStringLiteral("stable");
    q.opsMaturity = QStringLiteral("high");
    q.onCallEngineers = 8;
    const auto s = prefillScores(q, shops());
    // leans: team (8 - 2)/4 -> 1, domain 0.5, scaling 0.525, deployment log2(40) -> 1, ops
    // -0.3, isolation 0.6, technology 0.6, consistency -0.4
    const double mono[8] = {1.0, 3.0, 2.9, 1.0, 6.2, 2.6, 2.6, 6.6};
    const double micro[8] = {9.0, 7.0, 7.1, 9.0, 3.8, 7.4, 7.4, 3.4};
    for (int k = 0; k < 8; ++k) {
        QCOMPARE(s[k][0].score, mono[k]);
        QCOMPARE(s[k][1].score, micro[k]);
    }
    QVERIFY(s[0][1].reason.contains(QStringLiteral("60 developers in 8 teams")));
    QVERIFY(s[3][1].reason.contains(QStringLiteral("40 releases a week")));
    Decision d;
    d.alternatives = {QStringLiteral("Shop: monolith"), QStringLiteral("Shop: microservices")};
    d.questionnaire = q;
    const DecisionResult r = evaluateDecision(d, shops(), nullptr);
    QCOMPARE(r.ranking.front().alternative, 1); // microservices
}

void tst_Decision::topologyOfTheShops()
{
    const TopologyFacts mono = topologyFacts(example("shop-monolith.json"));
    QCOMPARE(mono.deployables, 1);
    QCOMPARE(mono.databases, 1);
    QCOMPARE(mono.busiestRequest, QStringLiteral("browse"));
    // client -> edge -> monolith -> catalog_cache (the miss goes to db from the monolith)
    QCOMPARE(mono.syncHops, 3);
    QCOMPARE(mono.busiestPath,
             QStringList({QStringLiteral("edge"),
                          QStringLiteral("monolith"),
                          QStringLiteral("catalog_cache")}));
    Scenario micro = example("shop-microservices.json");
    const TopologyFacts m = topologyFacts(micro);
    QCOMPARE(m.deployables, 4);
    QCOMPARE(m.databases, 3);
    QCOMPARE(m.syncHops, 3);
    // make cart the busiest: gw -> cart -> catalog -> catalog_cache
    micro.workload.requests[1].weight = 5;
    const TopologyFacts c = topologyFacts(micro);
    QCOMPARE(c.busiestRequest, QStringLiteral("cart"));
    QCOMPARE(c.syncHops, 4);
    QCOMPARE(c.busiestPath.first(), QStringLiteral("gw"));
    QCOMPARE(c.busiestPath.at(2), QStringLiteral("catalog"));
}

void tst_Decision::overridesWin()
{
    Decision d;
    d.alternatives = {QStringLiteral("Shop: monolith"), QStringLiteral("Shop: microservices")};
    d.overrides.append({QStringLiteral("team_autonomy"),
                        QStringLiteral("Shop: microservices"),
                        10,
                        QStringLiteral("We plan to hire two more teams.")});
    const DecisionResult r = evaluateDecision(d, shops(), nullptr);
    const DecisionRow &row = r.rows[std::size_t(rowIndex(r, QStringLiteral("team_autonomy")))];
    QCOMPARE(row.cells[1].score, 10.0);
    QVERIFY(row.cells[1].overridden);
    QCOMPARE(row.cells[1].reason, QStringLiteral("We plan to hire two more teams."));
    QVERIFY(!row.cells[0].overridden);
    // a score set by hand with no reason does not keep the pre-filled reasoning as its own
    const QString prefilled = row.cells[0].reason;
    d.overrides.append({QStringLiteral("team_autonomy"), QStringLiteral("Shop: monolith"), 9, {}});
    const DecisionResult withBare = evaluateDecision(d, shops(), nullptr);
    const DecisionRow &bare
        = withBare.rows[std::size_t(rowIndex(withBare, QStringLiteral("team_autonomy")))];
    QCOMPARE(bare.cells[0].reason,
             QStringLiteral("set by hand, with no reason given (the pre-filled reasoning was: %1)")
                 .arg(prefilled));
    d.overrides.removeLast();
    // without evidence the measured criteria are left out, with a note; topology ones stay
    QVERIFY(!r.rows[std::size_t(rowIndex(r, QStringLiteral("p99_ms")))].measured);
    QVERIFY(r.rows[std::size_t(rowIndex(r, QStringLiteral("deployables")))].measured);
    QVERIFY(r.notes.join(QLatin1Char(' '))
                .contains(QStringLiteral("p99 latency at the target load: not measured")));
    // weights are normalised over the rows in use
    double total = 0;
    for (const DecisionRow &x : r.rows)
        total += x.share;
    QVERIFY(qAbs(total - 1) < 1e-9);
}

void tst_Decision::jsonRoundTrip()
{
    Decision d = exampleDecision();
    d.id = QStringLiteral("d1");
    d.weights.insert(QStringLiteral("cost_per_hour"), 25);
    d.overrides.append(
        {QStringLiteral("fault_isolation"), QStringLiteral("Shop: monolith"), 3.5, {}});
    d.simulation.targetRatePerS = 800;
    d.simulation.durationS = 120;
    Problems problems;
    const std::optional<Decision> back = decisionFromJson(decisionToJson(d),
                                                          QStringLiteral("$"),
                                                          &problems);
    QVERIFY2(back, qPrintable(TestSupport::problemsText(problems)));
    QCOMPARE(*back, d);
    QVERIFY(problems.isEmpty());
    // no fault: null
    d.simulation.fault = Fault{};
    const std::optional<Decision> noFault = decisionFromJson(decisionToJson(d),
                                                             QStringLiteral("$"),
                                                             nullptr);
    QVERIFY(noFault && noFault->simulation.fault.kind.isEmpty());
}

void tst_Decision::savedEvidenceRoundTripAndApplies()
{
    Decision d = exampleDecision();
    d.id = QStringLiteral("d1");
    std::vector<Scenario> alternatives = shops();
    // measurements as a run leaves them (the figures here are only carried, not computed)
    SavedDecisionEvidence saved;
    saved.alternatives = d.alternatives;
    saved.simulation = d.simulation;
    saved.fingerprint = decisionFingerprint(alternatives);
    saved.measuredAt = QDateTime(QDate(2026, 12, 5), QTime(1, 2, 3), Qt::UTC);
    saved.evidence.replications = 3;
    saved.evidence.seed = 18446744073709551615ULL; // the largest: kept exactly (as text)
    saved.evidence.slo = QStringLiteral("p99<200ms");
    saved.evidence.fault = d.simulation.fault;
    saved.evidence.fault.atS = 150;
    saved.evidence.wallS = 12.5;
    for (const Scenario &s : alternatives) {
        AlternativeEvidence e;
        e.name = s.name;
        e.targetRatePerS = 600;
        e.p99Ms = {45.25, 1.5};
        e.errorRate = {0.001, std::nullopt};
        e.costPerHour = {1.75, 0.01};
        e.faultTarget = QStringLiteral("catalog");
        e.faultErrorRate = Estimate{0.02, 0.005};
        e.recoveryS = Estimate{4, 1};
        e.notRecovered = 1;
        e.capacitySearched = true;
        e.maxRatePerS = s.name.contains(QStringLiteral("micro")) ? std::optional<double>(900)
                                                                 : std::nullopt;
        e.topology = topologyFacts(s);
        saved.evidence.alternatives.push_back(e);
    }
    Problems problems;
    const std::optional<SavedDecisionEvidence> back
        = savedEvidenceFromJson(savedEvidenceToJson(saved), QStringLiteral("$.x"), &problems);
    QVERIFY2(back, qPrintable(TestSupport::problemsText(problems)));
    QVERIFY2(problems.isEmpty(), qPrintable(TestSupport::problemsText(problems)));
    QCOMPARE(*back, saved);

    // it applies to the decision and scenarios it was measured on
    QVERIFY(savedEvidenceApplies(saved, d, alternatives));
    // not after a change of the simulation settings, the alternatives or a scenario
    Decision other = d;
    other.simulation.replications = 7;
    QVERIFY(!savedEvidenceApplies(saved, other, alternatives));
    other = d;
    std::swap(other.alternatives[0], other.alternatives[1]);
    QVERIFY(!savedEvidenceApplies(saved, other, alternatives));
    std::vector<Scenario> edited = alternatives;
    edited[1].simulation.durationS += 1;
    QVERIFY(!savedEvidenceApplies(saved, d, edited));
    // a rename (the decision and the measurements follow it) keeps it
    std::vector<Scenario> renamed = alternatives;
    const QString old = renamed[0].name;
    renamed[0].name = QStringLiteral("The old shop");
    renamed[0].description = QStringLiteral("Renamed and described");
    other = d;
    other.alternatives[0] = renamed[0].name;
    SavedDecisionEvidence moved = saved;
    renameInSavedEvidence(moved, old, renamed[0].name);
    QCOMPARE(moved.evidence.alternatives.front().name, renamed[0].name);
    QVERIFY(savedEvidenceApplies(moved, other, renamed));
    QVERIFY(!savedEvidenceApplies(saved, other, renamed));

    // a damaged entry names its path
    QJsonObject json = savedEvidenceToJson(saved);
    QJsonObject evidence = json.value(QStringLiteral("evidence")).toObject();
    QJsonArray alts = evidence.value(QStringLiteral("alternatives")).toArray();
    QJsonObject first = alts.at(0).toObject();
    first.remove(QStringLiteral("latency_p99_ms"));
    alts.replace(0, first);
    evidence.insert(QStringLiteral("alternatives"), alts);
    json.insert(QStringLiteral("evidence"), evidence);
    problems.clear();
    QVERIFY(!savedEvidenceFromJson(json, QStringLiteral("$.x"), &problems));
    QVERIFY2(TestSupport::problemsText(problems).contains(
                 QStringLiteral("$.x.evidence.alternatives[0].latency_p99_ms")),
             qPrintable(TestSupport::problemsText(problems)));
}

void tst_Decision::jsonProblemsNamePaths()
{
    QJsonObject json = decisionToJson(exampleDecision());
    QJsonObject q = json.value(QStringLiteral("questionnaire")).toObject();
    q.insert(QStringLiteral("teams"), -2);
    q.insert(QStringLiteral("ops_maturity"), QStringLiteral("legendary"));
    json.insert(QStringLiteral("questionnaire"), q);
    json.insert(QStringLiteral("weights"),
                QJsonObject{{QStringLiteral("vibes"), 3}, {QStringLiteral("p99_ms"), 300}});
    QJsonObject sim = json.value(QStringLiteral("simulation")).toObject();
    sim.insert(QStringLiteral("slo"), QStringLiteral("p99<<2"));
    json.insert(QStringLiteral("simulation"), sim);
    json.insert(QStringLiteral("overrides"),
                QJsonArray{
                    QJsonObject{{QStringLiteral("criterion"), QStringLiteral("team_autonomy")},
                                {QStringLiteral("alternative"), QStringLiteral("Nope")},
                                {QStringLiteral("score"), 11}}});
    Problems problems;
    QVERIFY(!decisionFromJson(json, QStringLiteral("$.decisions[2]"), &problems));
    const QString text = TestSupport::problemsText(problems);
    QVERIFY2(text.contains(QStringLiteral("$.decisions[2].questionnaire.teams")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("$.decisions[2].questionnaire.ops_maturity")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("use one of low, medium, high")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("$.decisions[2].weights.vibes")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("$.decisions[2].weights.p99_ms")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("$.decisions[2].simulation.slo")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("$.decisions[2].overrides[0].alternative")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("$.decisions[2].overrides[0].score")), qPrintable(text));
    // wrong types everywhere never crash
    Problems more;
    QVERIFY(!decisionFromJson(QJsonObject{{QStringLiteral("name"), 3},
                                          {QStringLiteral("alternatives"), QStringLiteral("x")},
                                          {QStringLiteral("questionnaire"), QJsonArray{}},
                                          {QStringLiteral("simulation"),
                                           QJsonObject{{QStringLiteral("fault"), 7}}}},
                              QStringLiteral("$"),
                              &more));
    QVERIFY(more.size() >= 4);
}

void tst_Decision::alternativesChecked()
{
    Decision d;
    d.alternatives = {QStringLiteral("A")};
    const QStringList names = {QStringLiteral("A"), QStringLiteral("B")};
    Problems p = checkDecisionAlternatives(d, names);
    QCOMPARE(p.size(), 1);
    QCOMPARE(p.first().path, QStringLiteral("$.alternatives"));
    d.alternatives = {QStringLiteral("A"), QStringLiteral("C"), QStringLiteral("A")};
    p = checkDecisionAlternatives(d, names);
    QCOMPARE(p.size(), 2);
    QCOMPARE(p.at(0).path, QStringLiteral("$.alternatives[1]"));
    QVERIFY(p.at(0).message.contains(QStringLiteral("no scenario named 'C'")));
    QCOMPARE(p.at(1).path, QStringLiteral("$.alternatives[2]"));
    d.alternatives = names;
    QVERIFY(checkDecisionAlternatives(d, names).isEmpty());
}

void tst_Decision::exampleAdrMatchesFixture()
{
    const Decision d = exampleDecision();
    const std::vector<Scenario> alternatives = shops();
    DecisionRunOptions options;
    options.threads = 2;
    Problems problems;
    const std::optional<DecisionEvidence> evidence
        = gatherDecisionEvidence(d, alternatives, options, &problems);
    QVERIFY2(evidence, qPrintable(TestSupport::problemsText(problems)));
    const DecisionResult result = evaluateDecision(d, alternatives, &*evidence);
    const QString adr = decisionAdr(d, alternatives, result, &*evidence);
    const QString fixture = TestSupport::sourcePath(
        QStringLiteral("tests/golden/shop-decision.adr.md"));
    if (qEnvironmentVariableIntValue("ARCHSIM_REGEN_GOLDENS") == 1) {
        QFile out(fixture);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(adr.toUtf8());
    }
    QFile f(fixture);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(fixture));
    const QString expected = QString::fromUtf8(f.readAll());
    if (adr != expected) {
        const QStringList a = adr.split(QLatin1Char('\n'));
        const QStringList e = expected.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < std::max(a.size(), e.size()); ++i) {
            if (a.value(i) != e.value(i))
                QFAIL(qPrintable(QStringLiteral("line %1:\n got  %2\n want %3")
                                     .arg(i + 1)
                                     .arg(a.value(i), e.value(i))));
        }
    }
    // the small team's decision: the monolith
    QCOMPARE(result.alternatives.at(result.ranking.front().alternative),
             QStringLiteral("Shop: monolith"));
}

QTEST_GUILESS_MAIN(tst_Decision)
#include "tst_decision.moc"
