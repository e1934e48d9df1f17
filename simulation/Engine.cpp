// SPDX-License-Identifier: GPL-3.0-or-later
#include "EngineImpl.h"

namespace Sim {

Engine::Engine(const Spec &spec, int replication, const RunOptions &options, TraceSink *trace)
    : d(std::make_unique<Internal::EngineImpl>(spec, replication, options))
{
    d->m_trace = trace;
}

Engine::~Engine() = default;

ReplicationResult Engine::run()
{
    return d->run();
}

double Engine::progress() const
{
    return d->m_progress.load(std::memory_order_relaxed);
}

} // namespace Sim
