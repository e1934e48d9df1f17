// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace Model {

/**
 * One anti-pattern found in a scenario by lintScenario() (docs/lint.md): the rule's stable
 * id, how serious it is, the component to change (empty: the scenario as a whole), what the
 * risk is (one sentence naming the components) and how to fix it.
 */
struct LintFinding
{
    enum class Severity { Warning, Info };
    QString rule;
    Severity severity = Severity::Warning;
    QString component; ///< the component to change; empty for none
    QString message;
    QString hint;
    bool operator==(const LintFinding &) const = default;
};

/**
 * The limits of the rules that need one; every default is documented in docs/lint.md.
 * A project can set its own (LintSettings, Project > Lint Settings).
 */
struct LintThresholds
{
    /// sync-chain-depth: fires when a chain of synchronous service-to-service calls has more
    /// hops than this (the default 3 fires at 4 hops: five services waiting on each other)
    int syncChainMaxHops = 3;
    /// event-loop-blocking: fires for a CPU step on an event loop, not offloaded, whose mean
    /// is at least this many milliseconds
    double eventLoopBlockingCpuMs = 10;
    /// cache-stampede: a cache is hot when a cache step looks it up with at least this Zipf
    /// skew (a few keys take most lookups)
    double hotCacheZipf = 0.8;
    /// call-without-timeout: whether calls to a database need a timeout too (by default
    /// only calls to services, load balancers, gateways and externals)
    bool databaseCallsNeedTimeout = false;
    bool operator==(const LintThresholds &) const = default;
};

/** A finding the team has accepted: the rule for one component of one scenario, and why. */
struct LintSilence
{
    QString scenarioId; ///< the project's id of the scenario
    QString rule;
    QString component; ///< empty: a finding about the scenario as a whole
    QString reason;
    bool operator==(const LintSilence &) const = default;
};

/** A project's lint settings (project_meta "lint", docs/lint.md "Per project"). */
struct LintSettings
{
    LintThresholds thresholds;
    QList<LintSilence> silenced;
    bool operator==(const LintSettings &) const = default;

    /** The silence of `finding` in the scenario, or nullptr. */
    const LintSilence *silenceOf(const QString &scenarioId, const LintFinding &finding) const;
};

/** The findings of one scenario under a project's settings: those shown and those silenced. */
struct LintReport
{
    std::vector<LintFinding> findings;
    std::vector<std::pair<LintFinding, QString>> silenced; ///< with the reason given
};

/** lintScenario() with the project's thresholds, the silenced findings set apart. */
LintReport lintInProject(const Scenario &scenario,
                         const QString &scenarioId,
                         const LintSettings &settings);

/**
 * {"thresholds": {"sync_chain_max_hops", "event_loop_blocking_cpu_ms", "hot_cache_zipf",
 * "database_calls_need_timeout"}, "silenced": [{"scenario", "rule", "component", "reason"}]}
 * (docs/lint.md); thresholds at their defaults are left out.
 */
QJsonObject lintSettingsToJson(const LintSettings &settings);

/**
 * The JSON of lintSettingsToJson read back. An unknown key, a value of the wrong type or out
 * of range, an unknown rule or a silence without a reason: nullopt and a sentence naming the
 * JSON path ("$.thresholds.hot_cache_zipf: ...") in `error`.
 */
std::optional<LintSettings> lintSettingsFromJson(const QJsonObject &json, QString *error);

/**
 * lintToJson of the findings shown, and "silenced": the silenced findings in the same form
 * with their "reason" (left out when none is silenced).
 */
QJsonObject lintReportToJson(const LintReport &report);

/** The rule ids in the order lintScenario() checks them (and lists its findings). */
QStringList lintRuleIds();

/**
 * Every anti-pattern of docs/lint.md in `scenario`, rule by rule in lintRuleIds() order and
 * within a rule in the order of the components. The scenario should be valid (a reference
 * to a missing component is skipped, not reported: that is the validator's job).
 */
std::vector<LintFinding> lintScenario(const Scenario &scenario,
                                      const LintThresholds &thresholds = {});

/** "warning" or "info". */
QString lintSeverityName(LintFinding::Severity severity);

/**
 * One line for a person: "warning retry-without-backoff api: MESSAGE Fix: HINT" (the
 * component "-" when there is none).
 */
QString lintFindingLine(const LintFinding &finding);

/**
 * {"findings": [{"rule", "severity", "component" (null when none), "message", "hint"}]},
 * as archsim-cli lint --json writes it (docs/cli.md).
 */
QJsonObject lintToJson(const std::vector<LintFinding> &findings);

} // namespace Model
