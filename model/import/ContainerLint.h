// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ContainerImport.h"

#include <QList>
#include <QString>

#include <vector>

/**
 * The container lint (docs/import.md, "Container lint"): the common ways containers fail in
 * production, read from the Compose file or the manifests an import reads (not from the
 * scenario, which has no place for most of them). Each finding has a stable rule id, the
 * component (the scenario's id of the workload), the risk in one sentence, a fix and the
 * file and line.
 */
namespace Model {

/** One rule: its id, severity, and the risk and fix that docs/import.md lists. */
struct ContainerLintRule
{
    QString id;
    LintFinding::Severity severity = LintFinding::Severity::Warning;
    QString risk;
    QString hint;
};

/** The rules in the order containerLint() checks them (and lists its findings). */
const QList<ContainerLintRule> &containerLintRules();

/**
 * Every finding for the workloads, rule by rule in containerLintRules() order, and within a
 * rule in the workloads' order.
 */
std::vector<ContainerFinding> containerLint(const QList<ContainerWorkload> &workloads);

} // namespace Model
