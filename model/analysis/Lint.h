// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

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
 * Not yet settable per project (a later part of issue 12).
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
};

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
