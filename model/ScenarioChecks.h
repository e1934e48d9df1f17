// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to model/: the parts of validateScenario() that live in files of their own.
#include "Problem.h"
#include "Scenario.h"

namespace Model {

/** 'name', as the validator's sentences quote ids and words. */
inline QString quoted(const QString &s)
{
    return QLatin1Char('\'') + s + QLatin1Char('\'');
}

/** Which kinds a synchronous request (entry, call, load balancer, route, pool) may go to. */
inline bool acceptsRequests(ComponentKind k)
{
    return k == ComponentKind::Service || k == ComponentKind::LoadBalancer
           || k == ComponentKind::Gateway || k == ComponentKind::Database
           || k == ComponentKind::External;
}

/**
 * Where requests go (ScenarioFlow.cpp): every request type followed from the entry through
 * load balancers, routes, calls and queues to a handler, components nothing reaches, and
 * cycles of synchronous calls.
 */
Problems checkRequestFlow(const Scenario &scenario);

} // namespace Model
