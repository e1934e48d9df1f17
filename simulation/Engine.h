// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Simulation.h"

#include <memory>

namespace Sim {

namespace Internal {
class EngineImpl;
}

/**
 * One replication of a Spec: the event loop and every component model. Internal to the
 * simulation library; front ends call runSimulation() / runReplication().
 */
class Engine
{
public:
    Engine(const Spec &spec, int replication, const RunOptions &options);
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    /// Runs to the end (or to cancellation) and returns the replication's figures.
    ReplicationResult run();
    /// Fraction of simulated time done, readable from another thread.
    double progress() const;

private:
    std::unique_ptr<Internal::EngineImpl> d;
};

} // namespace Sim
