// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Simulation.h"

#include <memory>

namespace Sim {

class TraceSink;

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
    /// `trace`, when given, is told what the run does (Trace.h)
    Engine(const Spec &spec,
           int replication,
           const RunOptions &options,
           TraceSink *trace = nullptr);
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
