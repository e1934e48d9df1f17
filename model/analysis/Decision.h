// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Compare.h"
#include "Problem.h"
#include "Scenario.h"
#include "Simulation.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace Model {

/**
 * A decision matrix (docs/decide.md): two or more alternatives (scenarios of a project)
 * scored on weighted criteria, ranked, tested for how sensitive the winner is to each weight,
 * and written up as an Architecture Decision Record.
 *
 * Eight criteria are qualitative (the monolith-versus-microservices trade-off): a
 * questionnaire about the team pre-fills their scores, one sentence of reasoning each, and
 * the user may override any score. Seven are simulated: they come from real runs of the
 * alternatives (gatherDecisionEvidence) and are normalised to the same 0-10 scale.
 */

/** What the team answers; it pre-fills the qualitative scores (prefillScores). */
struct Questionnaire
{
    int developers = 5;
    int teams = 1;
    double releasesPerWeek = 1;                           ///< how often each team wants to release
    QString domainStability = QStringLiteral("evolving"); ///< stable, evolving, unclear
    QString opsMaturity = QStringLiteral("medium");       ///< low, medium, high
    int onCallEngineers = 2; ///< people who can carry a pager for the system
    bool operator==(const Questionnaire &) const = default;
};

/** A score the user set by hand, in place of the pre-filled or measured one. */
struct ScoreOverride
{
    QString criterion;   ///< a decisionCriteria() id
    QString alternative; ///< the alternative's scenario name
    double score = 0;    ///< 0 to 10
    QString reason;      ///< why, shown in place of the pre-filled reasoning; may be empty
    bool operator==(const ScoreOverride &) const = default;
};

/** How the simulated criteria are measured. */
struct DecisionSimulation
{
    int replications = 5;
    /// the load the alternatives are compared at (their arrival profiles scaled to it);
    /// none: each scenario's own arrivals
    std::optional<double> targetRatePerS;
    std::optional<double> durationS; ///< none: each scenario's own
    /// run a capacity search under `slo` for the capacity-headroom criterion
    bool capacity = false;
    QString slo; ///< for the capacity search; empty: the first alternative's own SLO
    /// the fault of the fault run; its `target` empty: each alternative's busiest service.
    /// kind empty: no fault run (the fault criteria are not measured)
    Fault fault;
    bool operator==(const DecisionSimulation &) const = default;
};

struct Decision
{
    QString id; ///< unique in the project
    QString name;
    QString status = QStringLiteral(
        "proposed");          ///< proposed, accepted, rejected, deprecated, superseded
    QString context;          ///< the problem, free text (Markdown)
    QStringList alternatives; ///< scenario names, two or more
    Questionnaire questionnaire;
    QMap<QString, double> weights; ///< criterion id -> weight from 0 to 100; missing: default
    QList<ScoreOverride> overrides;
    DecisionSimulation simulation;

    /** The weight of a criterion: weights[id], else its default. */
    double weightOf(const QString &criterion) const;
    const ScoreOverride *overrideOf(const QString &criterion, const QString &alternative) const;
    bool operator==(const Decision &) const = default;
};

/** A criterion of the matrix. */
struct DecisionCriterion
{
    const char *id;    ///< "team_autonomy"
    const char *label; ///< "Team size and autonomy"
    bool simulated;
    bool lowerIsBetter; ///< simulated criteria: how the raw figure ranks
    const char *unit;   ///< simulated criteria: "ms", "$/h", "%", "s", "x", ""
    double defaultWeight;
};

/** The 8 qualitative criteria, then the 6 simulated ones, in table order. */
const std::vector<DecisionCriterion> &decisionCriteria();
const DecisionCriterion *decisionCriterion(const QString &id);

/** The facts of a scenario's topology the matrix uses. */
struct TopologyFacts
{
    int deployables = 0; ///< services: each is built and released on its own
    int databases = 0;
    /// the request type with the largest weight, and the longest chain of synchronous hops it
    /// makes (client to entry, load balancer or gateway to target, call, cache lookup), with
    /// the components along that chain
    QString busiestRequest;
    int syncHops = 0;
    QStringList busiestPath;
    bool operator==(const TopologyFacts &) const = default;
};
TopologyFacts topologyFacts(const Scenario &scenario);

/** A pre-filled qualitative score with the sentence that explains it. */
struct PrefilledScore
{
    double score = 5;
    QString reason;
};

/**
 * The questionnaire's scores: [criterion][alternative] for the 8 qualitative criteria in
 * decisionCriteria() order. Each criterion leans towards one deployable or towards many by
 * an amount the answers give; an alternative's score is 5 plus that lean times how
 * distributed it is (from -1 for one deployable to +1 for four or more), times 4.
 */
std::vector<std::vector<PrefilledScore>> prefillScores(const Questionnaire &questionnaire,
                                                       const std::vector<Scenario> &alternatives);

/** What the runs measured for one alternative. */
struct AlternativeEvidence
{
    QString name;
    double targetRatePerS = 0;
    Estimate p99Ms;
    Estimate errorRate;
    Estimate costPerHour;
    std::optional<Estimate> faultErrorRate; ///< error rate of the fault run
    std::optional<Estimate> recoveryS;      ///< fault end until the figures are back to normal
    int notRecovered = 0;                   ///< replications that had not recovered at the end
    QString faultTarget;
    std::optional<double> maxRatePerS; ///< capacity under the SLO
    bool capacitySearched = false;
    TopologyFacts topology;
    bool operator==(const AlternativeEvidence &) const = default;
};

struct DecisionEvidence
{
    std::vector<AlternativeEvidence> alternatives; ///< in the decision's order
    int replications = 0;
    quint64 seed = 0;
    QString slo; ///< the capacity search's SLO, empty when none ran
    Fault fault; ///< as run (target empty: per alternative, see faultTarget)
    bool cancelled = false;
    double wallS = 0;
    bool operator==(const DecisionEvidence &) const = default;
};

/**
 * A decision's last measurements as the project keeps them (project_meta
 * "decision_evidence", docs/decide.md): the evidence with what it was measured on. It
 * applies (savedEvidenceApplies) while the decision's alternatives and simulation settings
 * and the alternatives' scenarios as they run (names aside) are those it was measured with.
 */
struct SavedDecisionEvidence
{
    QStringList alternatives;      ///< the decision's alternatives when it ran
    DecisionSimulation simulation; ///< the decision's simulation settings when it ran
    QString fingerprint;           ///< decisionFingerprint of the alternatives as they ran
    QDateTime measuredAt;          ///< UTC
    DecisionEvidence evidence;
    bool operator==(const SavedDecisionEvidence &) const = default;
};

/**
 * A hash (SHA-256, hex) of the alternatives as they run, each written as scenario JSON
 * without its name and description: any edit that can change a figure changes it, a
 * rename does not.
 */
QString decisionFingerprint(const std::vector<Scenario> &alternatives);
/** The saved evidence applies to the decision over these alternatives (as they run). */
bool savedEvidenceApplies(const SavedDecisionEvidence &saved,
                          const Decision &decision,
                          const std::vector<Scenario> &alternatives);
/** A scenario renamed from `from` to `to`: the saved evidence follows it. */
void renameInSavedEvidence(SavedDecisionEvidence &saved, const QString &from, const QString &to);
QJsonObject savedEvidenceToJson(const SavedDecisionEvidence &saved);
/** Reads savedEvidenceToJson's JSON; problems at `pathPrefix` + their path; nothing on error. */
std::optional<SavedDecisionEvidence> savedEvidenceFromJson(const QJsonObject &json,
                                                           const QString &pathPrefix,
                                                           Problems *problems);

struct DecisionRunOptions
{
    int threads = 0;
    const std::atomic<bool> *cancel = nullptr;
    /// a sentence per step ("Fault run: Shop: monolith") before it runs
    std::function<void(const QString &)> progress;
};

/**
 * Runs the alternatives (as they run in their project: project prices applied) the way the
 * decision says: a comparison at the target load, a comparison with the fault, a capacity
 * search. Nothing, with problems named by their JSON path in the decision, when an
 * alternative does not compile or the SLO does not parse.
 */
std::optional<DecisionEvidence> gatherDecisionEvidence(const Decision &decision,
                                                       const std::vector<Scenario> &alternatives,
                                                       const DecisionRunOptions &options,
                                                       Problems *problems);

/** One cell of the matrix. */
struct DecisionCell
{
    double score = 0;            ///< 0 to 10, as used in the ranking
    std::optional<Estimate> raw; ///< simulated criteria: the measured figure
    QString text;                ///< the raw figure as shown ("45.2 ± 1.3 ms"), or empty
    QString reason;              ///< one sentence
    bool overridden = false;
};

struct DecisionRow
{
    QString criterion;
    QString label;
    bool simulated = false;
    bool measured = true;            ///< false: a simulated criterion without evidence (left out)
    double weight = 0;               ///< as set, 0 to 100
    double share = 0;                ///< weight over the sum of the weights used: 0 to 1
    std::vector<DecisionCell> cells; ///< one per alternative
};

/** A criterion's part in an alternative's result against another alternative. */
struct DecidingCriterion
{
    QString criterion;
    double points = 0; ///< share x (score − the other's score): + helped, − hurt
};

struct RankedAlternative
{
    int alternative = 0; ///< index in the decision's alternatives
    double score = 0;    ///< weighted, 0 to 10
    /// against the runner-up for the winner, against the winner for the others: the two or
    /// three criteria with the largest |points|
    std::vector<DecidingCriterion> deciding;
};

/** How far one weight must move to change the winner (its share, other weights in proportion). */
struct WeightSensitivity
{
    int criterion = 0;                      ///< row index
    double share = 0;                       ///< now, 0 to 1
    std::optional<double> lowerFlip;        ///< the highest share below now at which another wins
    std::optional<double> upperFlip;        ///< the lowest share above now at which another wins
    int lowerWinner = -1, upperWinner = -1; ///< who wins there
};

/**
 * The weighted scores of a matrix: scores[criterion][alternative] on 0-10, weights >= 0
 * (normalised here). Ranked best first; ties keep the alternatives' order.
 */
std::vector<RankedAlternative> rankMatrix(const std::vector<double> &weights,
                                          const std::vector<std::vector<double>> &scores);
/** For each weight with a positive sum of the others: where the winner flips. */
std::vector<WeightSensitivity> weightSensitivity(const std::vector<double> &weights,
                                                 const std::vector<std::vector<double>> &scores);

struct DecisionResult
{
    QStringList alternatives;
    std::vector<DecisionRow> rows;
    std::vector<RankedAlternative> ranking;     ///< best first
    std::vector<WeightSensitivity> sensitivity; ///< one per row used in the ranking
    QStringList notes;                          ///< criteria left out and why
};

/**
 * The matrix of a decision: the questionnaire's scores, the evidence's normalised scores
 * (null: the simulated criteria are left out), the overrides; the ranking and sensitivity.
 * Simulated figures become 0-10 by ratio to the best: lower-is-better 10 x (best + f) /
 * (value + f), higher-is-better 10 x value / best, with f a floor for figures that may be 0
 * (error rate 0.1%, recovery 1 s, hops 1).
 */
DecisionResult evaluateDecision(const Decision &decision,
                                const std::vector<Scenario> &alternatives,
                                const DecisionEvidence *evidence);

/** The decision as an Architecture Decision Record in the MADR layout (Markdown). */
QString decisionAdr(const Decision &decision,
                    const std::vector<Scenario> &alternatives,
                    const DecisionResult &result,
                    const DecisionEvidence *evidence);

/** The decision as a project stores it (docs/decide.md, "The decision JSON"). */
QJsonObject decisionToJson(const Decision &decision);
/**
 * Reads decisionToJson's JSON. Problems name their JSON path under `pathPrefix` (e.g.
 * "$.decisions[0]") and say what to do; nothing on an error (warnings are for unknown keys).
 */
std::optional<Decision> decisionFromJson(const QJsonObject &json,
                                         const QString &pathPrefix,
                                         Problems *problems);
/** Checks a decision against its project: two or more alternatives that exist, distinct. */
Problems checkDecisionAlternatives(const Decision &decision, const QStringList &scenarioNames);

/** The evaluated decision as archsim-cli decide --json writes it. */
QJsonObject decisionResultToJson(const Decision &decision,
                                 const DecisionResult &result,
                                 const DecisionEvidence *evidence);

/** "operational overhead and maturity (+0.81), cost per hour (+0.55)": what decided it. */
QString decidingCriteriaText(const DecisionResult &result, const RankedAlternative &ranked);

/** "no change within 0–100% flips it", or "−12 pp (to Shop: microservices) / +30 pp (...)" */
QString sensitivityText(const DecisionResult &result, const WeightSensitivity &s);

} // namespace Model
