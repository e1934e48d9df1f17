// SPDX-License-Identifier: GPL-3.0-or-later
#include "WatchSession.h"

#include "Simulation.h"
#include "Trace.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace Model {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/**
 * Keeps the records of one replication up to a limit. Past it, it keeps the rest of the
 * event it was in (so no event is cut in half), then drops everything and asks the engine to
 * stop (the engine looks at the flag every few thousand events).
 */
class Recorder final : public Sim::TraceSink
{
public:
    explicit Recorder(std::size_t limit, const std::atomic<bool> *cancel)
        : m_limit(limit)
        , m_outerCancel(cancel)
    {}
    std::vector<std::string> names;
    std::vector<Sim::TraceRecord> records;
    std::atomic<bool> stop{false};
    bool full = false;
    std::uint64_t lastEvent = 0;

    void traceStarted(const std::vector<std::string> &n) override { names = n; }
    void record(const Sim::TraceRecord &r) override
    {
        if (full) {
            if (r.event == lastEvent)
                records.push_back(r);
            return;
        }
        records.push_back(r);
        lastEvent = r.event;
        if (records.size() >= m_limit) {
            full = true;
            stop.store(true, std::memory_order_relaxed);
        }
        if (m_outerCancel && m_outerCancel->load(std::memory_order_relaxed))
            stop.store(true, std::memory_order_relaxed);
    }

private:
    std::size_t m_limit;
    const std::atomic<bool> *m_outerCancel;
};

QString seconds(double s)
{
    return QString::number(s, 'g', 4);
}

} // namespace

std::unique_ptr<WatchSession> WatchSession::record(const Sim::Spec &spec,
                                                   const Limits &limits,
                                                   const std::atomic<bool> *cancel)
{
    std::unique_ptr<WatchSession> s(new WatchSession);
    s->m_spec = spec;
    const double window = std::max(0.001, limits.windowS);
    if (spec.durationS > window) {
        s->m_spec.durationS = window;
        s->m_limitMessage = QStringLiteral("Watch covers the first %1 s of the run's %2 s (the "
                                           "watch window: Record in the Watch dock).")
                                .arg(seconds(window), seconds(spec.durationS));
    }
    // a warm-up that would leave little or nothing measured is dropped: the overlay's
    // figures then count from the start, empty system included
    if (s->m_spec.warmupS >= s->m_spec.durationS / 2)
        s->m_spec.warmupS = 0;
    s->m_spec.replications = 1;

    Recorder recorder(std::max<std::size_t>(1, limits.maxRecords), cancel);
    Sim::RunOptions options;
    options.threads = 1;
    options.cancel = &recorder.stop;
    s->m_result = Sim::runReplication(s->m_spec, 0, recorder, options);
    s->m_recordCount = recorder.records.size();
    for (const std::string &n : recorder.names)
        s->m_names << QString::fromStdString(n);

    const std::vector<Sim::TraceRecord> &records = recorder.records;
    const Sim::Tick fullEnd = Sim::secondsToTicks(s->m_spec.durationS);
    s->m_endTime = fullEnd;
    if (s->m_result.cancelled || recorder.full) {
        s->m_endTime = records.empty() ? 0 : records.back().time;
        const QString cut = recorder.full
                                ? QStringLiteral("the trace reached its limit of %1 records (each "
                                                 "visit's start and end and each change of a "
                                                 "queue count); lower the arrival rate or watch "
                                                 "a shorter window")
                                      .arg(limits.maxRecords)
                                : QStringLiteral("recording was cancelled");
        s->m_limitMessage = QStringLiteral("Watch stopped recording at %1 s of %2 s: %3.")
                                .arg(seconds(Sim::ticksToSeconds(s->m_endTime)),
                                     seconds(s->m_spec.durationS),
                                     cut);
    }

    // visits, events, levels
    const std::size_t nComp = spec.components.size();
    s->m_levels.assign(nComp, {});
    std::unordered_map<std::uint32_t, int> open; // job -> visit
    for (const Sim::TraceRecord &r : records) {
        if (s->m_events.empty() || s->m_events.back().number != r.event)
            s->m_events.push_back({r.event, r.time});
        switch (r.kind) {
        case Sim::TraceRecord::Kind::VisitBegan: {
            WatchVisit v;
            v.begin = r.time;
            v.beginEvent = r.event;
            v.comp = static_cast<int>(r.comp);
            v.from = r.fromComp == Sim::kTraceNone ? -1 : static_cast<int>(r.fromComp);
            v.name = r.name == Sim::kTraceNone ? -1 : static_cast<int>(r.name);
            v.entering = r.type != Sim::kTraceNone;
            const int index = static_cast<int>(s->m_visits.size());
            v.root = index;
            if (r.fromJob != Sim::kTraceNone) {
                const auto caller = open.find(r.fromJob);
                if (caller != open.end()) {
                    v.parent = caller->second;
                    v.root = s->m_visits[static_cast<std::size_t>(caller->second)].root;
                }
            }
            const auto [it, fresh] = open.try_emplace(r.job, index);
            if (!fresh)
                it->second = index; // the engine ended the old one unseen: it stays open
            s->m_visits.push_back(v);
            break;
        }
        case Sim::TraceRecord::Kind::VisitEnded: {
            const auto it = open.find(r.job);
            if (it == open.end())
                break;
            WatchVisit &v = s->m_visits[static_cast<std::size_t>(it->second)];
            v.end = r.time;
            v.endEvent = r.event;
            v.ended = true;
            v.ok = r.ok;
            v.reason = r.reason;
            if (!r.ok)
                s->m_failures.push_back(it->second);
            open.erase(it);
            break;
        }
        case Sim::TraceRecord::Kind::Levels: {
            if (r.comp >= nComp)
                break;
            std::vector<LevelPoint> &points = s->m_levels[r.comp];
            LevelPoint p{r.event, r.time, {}, 0, 0, 0, 0, 0};
            p.levels = {r.queued, r.busy, r.servers, r.cpu, r.cores};
            if (!points.empty()) {
                const LevelPoint &q = points.back();
                const auto dt = static_cast<double>(r.time - q.time);
                p.busyArea = q.busyArea + q.levels.busy * dt;
                p.serversArea = q.serversArea + q.levels.servers * dt;
                p.cpuArea = q.cpuArea + q.levels.cpu * dt;
                p.coresArea = q.coresArea + q.levels.cores * dt;
                p.queuedArea = q.queuedArea + q.levels.queued * dt;
            }
            points.push_back(p);
            break;
        }
        }
    }
    for (WatchVisit &v : s->m_visits) {
        if (!v.ended)
            v.end = std::max(v.begin, s->m_endTime);
    }
    // failures were collected in end order already (records come in event order)
    s->computeTheory();
    return s;
}

QList<int> WatchSession::rootNames() const
{
    QList<int> out;
    for (const WatchVisit &v : m_visits) {
        if (v.parent < 0 && v.name >= 0 && (v.entering || v.from >= 0) && !out.contains(v.name))
            out << v.name;
    }
    return out;
}

void WatchSession::restart()
{
    m_position = 0;
    m_time = 0;
    m_nextVisit = 0;
    m_active.clear();
}

std::uint64_t WatchSession::currentEvent() const
{
    return m_position == 0 ? 0 : m_events[m_position - 1].number;
}

void WatchSession::advanceTo(Sim::Tick t)
{
    t = std::clamp<Sim::Tick>(t, 0, m_endTime);
    if (t < m_time)
        restart();
    std::size_t to = m_position;
    while (to < m_events.size() && m_events[to].time <= t)
        ++to;
    applyUpTo(to);
    m_time = std::max(m_time, t);
}

bool WatchSession::step()
{
    if (m_position >= m_events.size())
        return false;
    applyUpTo(m_position + 1);
    return true;
}

void WatchSession::applyUpTo(std::size_t position)
{
    m_position = position;
    if (m_position == 0)
        return;
    m_time = std::max(m_time, m_events[m_position - 1].time);
    const std::uint64_t e = currentEvent();
    while (m_nextVisit < m_visits.size() && m_visits[m_nextVisit].beginEvent <= e)
        m_active.push_back(static_cast<int>(m_nextVisit++));
    std::erase_if(m_active,
                  [this, e](int v) { return m_visits[static_cast<std::size_t>(v)].endEvent <= e; });
}

std::vector<WatchDot> WatchSession::dots() const
{
    std::vector<WatchDot> out;
    out.reserve(m_active.size());
    for (const int i : m_active) {
        const WatchVisit &v = m_visits[static_cast<std::size_t>(i)];
        if (v.from < 0 && !v.entering)
            continue; // a cache write after a miss: no caller to draw it from
        WatchDot d;
        d.visit = i;
        d.from = v.from;
        d.comp = v.comp;
        const Sim::Tick span = v.end - v.begin;
        d.fraction = span > 0 ? std::clamp(static_cast<double>(m_time - v.begin)
                                               / static_cast<double>(span),
                                           0.0,
                                           1.0)
                              : 1.0;
        d.colour = m_visits[static_cast<std::size_t>(v.root)].name;
        out.push_back(d);
    }
    return out;
}

const WatchSession::LevelPoint *WatchSession::levelAt(int comp, std::uint64_t event) const
{
    if (comp < 0 || static_cast<std::size_t>(comp) >= m_levels.size())
        return nullptr;
    const std::vector<LevelPoint> &points = m_levels[static_cast<std::size_t>(comp)];
    auto it = std::upper_bound(points.begin(),
                               points.end(),
                               event,
                               [](std::uint64_t e, const LevelPoint &p) { return e < p.event; });
    if (it == points.begin())
        return nullptr;
    return &*(it - 1);
}

WatchLevels WatchSession::levels(int comp) const
{
    if (m_position == 0)
        return {};
    const LevelPoint *p = levelAt(comp, currentEvent());
    return p ? p->levels : WatchLevels{};
}

int WatchSession::peakQueued(int comp) const
{
    int peak = 0;
    if (comp >= 0 && static_cast<std::size_t>(comp) < m_levels.size()) {
        for (const LevelPoint &p : m_levels[static_cast<std::size_t>(comp)])
            peak = std::max(peak, p.levels.queued);
    }
    return peak;
}

std::array<double, 5> WatchSession::areasAt(int comp, Sim::Tick t) const
{
    if (comp < 0 || static_cast<std::size_t>(comp) >= m_levels.size())
        return {};
    const std::vector<LevelPoint> &points = m_levels[static_cast<std::size_t>(comp)];
    auto it = std::upper_bound(points.begin(),
                               points.end(),
                               t,
                               [](Sim::Tick x, const LevelPoint &p) { return x < p.time; });
    if (it == points.begin())
        return {};
    const LevelPoint &p = *(it - 1);
    const auto dt = static_cast<double>(t - p.time);
    return {p.busyArea + p.levels.busy * dt,
            p.serversArea + p.levels.servers * dt,
            p.cpuArea + p.levels.cpu * dt,
            p.coresArea + p.levels.cores * dt,
            p.queuedArea + p.levels.queued * dt};
}

double WatchSession::utilisation(int comp, Sim::Tick from, Sim::Tick to) const
{
    if (comp < 0 || static_cast<std::size_t>(comp) >= m_spec.components.size())
        return kNaN;
    if (m_spec.components[static_cast<std::size_t>(comp)].kind != Sim::ComponentKind::Service)
        return serverUtilisation(comp, from, to);
    if (to <= from) {
        const LevelPoint *p = levelAt(comp, currentEvent());
        return p && p->levels.cores > 0 ? p->levels.cpu / p->levels.cores : kNaN;
    }
    const auto a = areasAt(comp, from), b = areasAt(comp, to);
    const double cores = b[3] - a[3];
    return cores > 0 ? (b[2] - a[2]) / cores : kNaN;
}

double WatchSession::serverUtilisation(int comp, Sim::Tick from, Sim::Tick to) const
{
    if (to <= from) {
        const LevelPoint *p = levelAt(comp, currentEvent());
        return p && p->levels.servers > 0 ? double(p->levels.busy) / p->levels.servers : kNaN;
    }
    const auto a = areasAt(comp, from), b = areasAt(comp, to);
    const double servers = b[1] - a[1];
    return servers > 0 ? (b[0] - a[0]) / servers : kNaN;
}

double WatchSession::meanQueued(int comp, Sim::Tick from, Sim::Tick to) const
{
    if (to <= from)
        return 0;
    const auto a = areasAt(comp, from), b = areasAt(comp, to);
    return (b[4] - a[4]) / static_cast<double>(to - from);
}

std::vector<int> WatchSession::failuresSince(Sim::Tick since) const
{
    std::vector<int> out;
    const std::uint64_t e = currentEvent();
    if (m_position == 0)
        return out;
    // m_failures is in end order: walk back from the last failure applied
    auto it
        = std::upper_bound(m_failures.begin(), m_failures.end(), e, [this](std::uint64_t x, int v) {
              return x < m_visits[static_cast<std::size_t>(v)].endEvent;
          });
    while (it != m_failures.begin()) {
        --it;
        if (m_visits[static_cast<std::size_t>(*it)].end <= since)
            break;
        out.push_back(*it);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::vector<int> WatchSession::requestPath(int visit) const
{
    std::vector<int> out;
    if (visit < 0 || static_cast<std::size_t>(visit) >= m_visits.size())
        return out;
    const int root = m_visits[static_cast<std::size_t>(visit)].root;
    // each of its visits begins while its caller's is in progress, and after it in begin
    // order: past the end of every visit found so far none can follow
    Sim::Tick until = m_visits[static_cast<std::size_t>(root)].end;
    for (std::size_t i = static_cast<std::size_t>(root); i < m_visits.size(); ++i) {
        const WatchVisit &v = m_visits[i];
        if (v.begin > until)
            break;
        if (v.root == root) {
            out.push_back(static_cast<int>(i));
            until = std::max(until, v.end);
        }
    }
    return out;
}

} // namespace Model
