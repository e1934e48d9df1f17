// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QString>
#include <QStringList>

/**
 * What a new scenario holds and what it is called: the domain rules behind File > New
 * Project and New Scenario, kept out of the window so that they are the same wherever a
 * scenario is started and can be tested without widgets.
 */
namespace Model {

/**
 * The scenario a user starts from: named `name`, 60 s (5 s warm-up) with seed 1, Poisson
 * arrivals at 100/s of one request type "request", no components yet (so its only problem
 * is the missing workload entry).
 */
Scenario emptyScenario(const QString &name);

/**
 * `base` when no name in `taken` equals it, else the first free of "base 2", "base 3", ...
 * (compared exactly: "new scenario" does not take "New scenario").
 */
QString uniqueScenarioName(const QString &base, const QStringList &taken);

/**
 * Why `name` (as typed; it is trimmed) cannot name a scenario whose siblings in the project
 * are called `others`: it is empty, or another scenario has it (archsim-cli picks a
 * scenario of a project by its name). Empty when it can.
 */
QString scenarioNameProblem(const QString &name, const QStringList &others);

} // namespace Model
