// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Results.h"
#include "Spec.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace Model {

/** One visit of a recorded watch run: a request at one component, from begin to end. */
struct WatchVisit
{
    Sim::Tick begin = 0;
    Sim::Tick end = 0; ///< the recorded run's end while still in progress then
    std::uint64_t beginEvent = 0;
    std::uint64_t endEvent = std::numeric_limits<std::uint64_t>::max(); ///< max: never ended
    int comp = -1;
    int from = -1;         ///< the calling (forwarding, publishing queue) component; -1 none
    int parent = -1;       ///< the caller's visit; -1 for the first visit of a request
    int root = -1;         ///< the first visit of its request (itself when parent is -1)
    int name = -1;         ///< request name, index into WatchSession::names()
    bool entering = false; ///< a request of the workload entering at the entry
    bool ended = false;
    bool ok = true;
    Sim::FailureReason reason = Sim::FailureReason::Count;
};

/** A component's levels at the cursor (Sim::TraceRecord::Levels). */
struct WatchLevels
{
    int queued = 0, busy = 0, servers = 0;
    double cpu = 0, cores = 0;
};

/** A visit in progress at the cursor, as a dot on the link from its caller. */
struct WatchDot
{
    int visit = -1;
    int from = -1; ///< -1: a request entering at the entry (drawn before it)
    int comp = -1;
    /// Share of the visit's time gone by, 0..1: the dot travels from `from` to `comp` as the
    /// call runs and reaches `comp` when it is answered.
    double fraction = 0;
    int colour = 0; ///< the request name of its request's first visit (names())
};

/**
 * The queueing-theory estimate of one component next to what the watched run measured
 * (docs/desktop-app.md, "Theory overlay"). NaN where a figure does not apply.
 */
struct WatchTheory
{
    int comp = -1;
    QString id;
    QString limit;           ///< what limits it (Sim::ComponentLoad::limit)
    double servers = 0;      ///< c of that limit
    double arrivalsPerS = 0; ///< estimated (Sim::estimateLoad)
    double measuredArrivalsPerS = 0;
    double serviceMs = 0;   ///< S: what one visit holds a server, c / capacity
    double utilisation = 0; ///< rho = lambda S / c
    double measuredUtilisation = 0;
    double waitMs = 0; ///< M/M/c mean wait in queue (Erlang C); infinity when rho >= 1
    double measuredWaitMs = 0;
    double hitRatio = 0; ///< caches: Che's approximation
    double measuredHitRatio = 0;
    bool differs = false; ///< beyond what the run's length explains
    QStringList notes;    ///< why theory and run differ (or why the theory is rough here)
};

/**
 * Watch mode's model: one replication of a scenario recorded with the engine's trace
 * (Sim::TraceSink), played back by a cursor. It holds no widgets; the canvas overlay
 * (Ui::WatchOverlay) paints what it answers.
 *
 * The cursor moves forward by time (advanceTo) or by one engine event (step); moving back
 * means restart(). Playing and stepping apply the same recorded events in the same order,
 * so a run watched step by step is the run played through.
 */
class WatchSession
{
public:
    struct Limits
    {
        double windowS = 60;              ///< simulated seconds recorded at most
        std::size_t maxRecords = 3000000; ///< trace records kept at most (64 bytes each)
    };

    /**
     * Records replication 0 of a checked `spec` (Sim::checkSpec) for at most limits.windowS
     * simulated seconds and limits.maxRecords records. `cancel` stops it early (then the
     * session covers what was recorded so far, like the record limit does).
     */
    static std::unique_ptr<WatchSession> record(const Sim::Spec &spec,
                                                const Limits &limits,
                                                const std::atomic<bool> *cancel = nullptr);

    const Sim::Spec &spec() const { return m_spec; }
    /** The engine's figures of the recorded run (over its time after the warm-up). */
    const Sim::ReplicationResult &result() const { return m_result; }
    /** Request names (WatchVisit::name, WatchDot::colour). */
    const QStringList &names() const { return m_names; }
    /** The names that start requests (the workload's types, then delivered messages'), in
     *  the order they first occur: the colour legend. */
    QList<int> rootNames() const;
    /** The simulated time the recording covers, from 0. */
    Sim::Tick endTime() const { return m_endTime; }
    /** Why the recording is shorter than the scenario's run; empty when it is not. */
    QString limitMessage() const { return m_limitMessage; }
    std::size_t recordCount() const { return m_recordCount; }

    // the cursor
    /** Engine events that changed something the trace shows (event 0: the state at 0). */
    std::size_t eventCount() const { return m_events.size(); }
    Sim::Tick eventTime(std::size_t i) const { return m_events[i].time; }
    std::uint64_t eventNumber(std::size_t i) const { return m_events[i].number; }
    /** Events applied so far (0..eventCount()). */
    std::size_t position() const { return m_position; }
    Sim::Tick time() const { return m_time; }
    /** Whether engine event `event` has been applied (the cursor is at or past it). */
    bool applied(std::uint64_t event) const { return m_position > 0 && event <= currentEvent(); }
    /** The number of the last event applied (0 when none). */
    std::uint64_t currentEvent() const;
    bool atEnd() const { return m_position >= m_events.size() && m_time >= m_endTime; }
    /** Back to time 0 with nothing applied. */
    void restart();
    /** Applies every event at or before `t` (clamped to the end); an earlier `t` restarts first. */
    void advanceTo(Sim::Tick t);
    /** Applies the next event and moves the clock to its time; false at the end. */
    bool step();

    // the state at the cursor
    const std::vector<WatchVisit> &visits() const { return m_visits; }
    /** The visits in progress, in the order they began. */
    std::vector<WatchDot> dots() const;
    WatchLevels levels(int comp) const;
    /** The largest queue the component had in the recording (to scale its bar). */
    int peakQueued(int comp) const;
    /**
     * Share of its servers the component kept busy over [from, to]: busy cores over cores for
     * services, else busy over servers (connections, command threads); NaN without servers.
     */
    double utilisation(int comp, Sim::Tick from, Sim::Tick to) const;
    /** Servers-held share (threads, loop workers, connections) over [from, to]; NaN without. */
    double serverUtilisation(int comp, Sim::Tick from, Sim::Tick to) const;
    /** Mean queued over [from, to]. */
    double meanQueued(int comp, Sim::Tick from, Sim::Tick to) const;
    /** Visits that failed after `since` up to the cursor (applied events only). */
    std::vector<int> failuresSince(Sim::Tick since) const;
    /** The visits of `visit`'s request (its root and everything it called), by begin. */
    std::vector<int> requestPath(int visit) const;

    /** The theory overlay: one entry per component that has a server limit. */
    const QList<WatchTheory> &theory() const { return m_theory; }

private:
    struct Event
    {
        std::uint64_t number;
        Sim::Tick time;
    };
    struct LevelPoint
    {
        std::uint64_t event;
        Sim::Tick time;
        WatchLevels levels;
        // areas from 0 up to `time` (level x ticks)
        double busyArea, serversArea, cpuArea, coresArea, queuedArea;
    };
    WatchSession() = default;
    const LevelPoint *levelAt(int comp, std::uint64_t event) const;
    /** Areas of comp's levels from 0 to t: busy, servers, cpu, cores, queued. */
    std::array<double, 5> areasAt(int comp, Sim::Tick t) const;
    void computeTheory();
    void applyUpTo(std::size_t position);

    Sim::Spec m_spec;
    Sim::ReplicationResult m_result;
    QStringList m_names;
    Sim::Tick m_endTime = 0;
    QString m_limitMessage;
    std::size_t m_recordCount = 0;
    std::vector<Event> m_events;
    std::vector<WatchVisit> m_visits;              ///< by beginEvent
    std::vector<std::vector<LevelPoint>> m_levels; ///< per component, by event
    std::vector<int> m_failures;                   ///< failed visits, by endEvent
    QList<WatchTheory> m_theory;

    std::size_t m_position = 0;
    Sim::Tick m_time = 0;
    std::size_t m_nextVisit = 0;
    std::vector<int> m_active;
};

} // namespace Model
