// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Spec.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace Sim {

/**
 * The facts every layer asks about a component kind, in one table: the engine (which
 * figures it measures), model/ (the format words of scenario and results files), ui/ and
 * the CLI (which columns mean something for the kind). Plain C strings, so that the engine
 * stays free of Qt; Qt front ends wrap them (QLatin1String, tr()).
 */
struct KindTraits
{
    ComponentKind kind;
    /// The word of the scenario and results formats: "service", "load_balancer", ...
    const char *word;
    /// Display label in English, sentence case: "Service", "Load balancer", ...
    const char *label;
    /// The engine measures a utilisation: busy cores over the ready replicas' cores
    /// (service), busy connections (database) or command threads (cache) over their number.
    /// The other kinds forward, hold messages or stand outside the system: no busy fraction.
    bool hasUtilization;
    /// Takes synchronous requests (the workload entry, call steps, load balancer targets,
    /// gateway routes, pools). A cache is reached by cache steps, a queue by publish steps.
    bool acceptsRequests;
};

/** One row per ComponentKind, in the enum's order. */
inline constexpr std::array<KindTraits, 7> kKindTraits = {{
    {ComponentKind::Service, "service", "Service", true, true},
    {ComponentKind::LoadBalancer, "load_balancer", "Load balancer", false, true},
    {ComponentKind::Gateway, "gateway", "Gateway", false, true},
    {ComponentKind::Database, "database", "Database", true, true},
    {ComponentKind::External, "external", "External", false, true},
    {ComponentKind::Cache, "cache", "Cache", true, false},
    {ComponentKind::Queue, "queue", "Queue", false, false},
}};

// The rows are in the enum's order, so kindTraits() indexes the table. A new ComponentKind
// makes the switch incomplete (-Wswitch, an error in CI): give it a row, then a case.
static_assert(
    [] {
        for (std::size_t i = 0; i < kKindTraits.size(); ++i) {
            switch (kKindTraits[i].kind) {
            case ComponentKind::Service:
            case ComponentKind::LoadBalancer:
            case ComponentKind::Gateway:
            case ComponentKind::Database:
            case ComponentKind::External:
            case ComponentKind::Cache:
            case ComponentKind::Queue:
                break;
            }
            if (static_cast<std::size_t>(kKindTraits[i].kind) != i)
                return false;
        }
        return true;
    }(),
    "kKindTraits: one row per ComponentKind, in the enum's order");

namespace Internal {
inline constexpr KindTraits kUnknownKind{ComponentKind::Service,
                                         "unknown",
                                         "Unknown",
                                         false,
                                         false};
}

/** The row of `kind`; a row with the word "unknown" for a value outside the enum. */
constexpr const KindTraits &kindTraits(ComponentKind kind)
{
    const auto i = static_cast<std::size_t>(kind);
    return i < kKindTraits.size() ? kKindTraits[i] : Internal::kUnknownKind;
}

/** The kind whose format word is `word`, or nothing. */
constexpr std::optional<ComponentKind> componentKindFromWord(std::string_view word)
{
    for (const KindTraits &t : kKindTraits) {
        if (word == t.word)
            return t.kind;
    }
    return std::nullopt;
}

} // namespace Sim
