// SPDX-License-Identifier: GPL-3.0-or-later
#include "Results.h"

namespace Sim {

const char *runStopReasonName(RunStop::Reason r)
{
    switch (r) {
    case RunStop::Reason::MemoryBudget:
        return "memory_budget";
    case RunStop::Reason::OutOfMemory:
        return "out_of_memory";
    case RunStop::Reason::None:
        break;
    }
    return "";
}

const char *failureReasonName(FailureReason r)
{
    switch (r) {
    case FailureReason::Rejected:
        return "rejected";
    case FailureReason::Timeout:
        return "timeout";
    case FailureReason::DependencyError:
        return "dependency_error";
    case FailureReason::NoHandler:
        return "no_handler";
    case FailureReason::CircuitOpen:
        return "circuit_open";
    case FailureReason::Crash:
        return "crash";
    case FailureReason::Outage:
        return "outage";
    case FailureReason::Count:
        break;
    }
    return "unknown";
}

const SeriesColumn *Series::column(const std::string &key) const
{
    for (const SeriesColumn &c : columns) {
        if (c.key == key)
            return &c;
    }
    return nullptr;
}

const RequestResult *RunResult::request(const std::string &name) const
{
    for (const RequestResult &r : requests) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}

const ComponentResult *RunResult::component(const std::string &id) const
{
    for (const ComponentResult &c : components) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

} // namespace Sim
