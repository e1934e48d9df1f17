// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/**
 * Which parts of the scenario format the engine runs. compileScenario() refuses the others
 * with a "not simulated yet" error instead of approximating them. The mapping code for
 * caches and queues is already in ScenarioCompiler.cpp: when the engine's cache and queue
 * models are done and validated, set the flag to true.
 */
namespace Model::EngineSupport {

constexpr bool kCaches = false; ///< cache components and cache steps
constexpr bool kQueues = false; ///< queue components and publish steps
// Faults and arrival kinds other than poisson/constant have no Sim::Spec form yet.

} // namespace Model::EngineSupport
