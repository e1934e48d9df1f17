// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Relations.h"
#include "Scenario.h"

#include <QColor>
#include <QIcon>
#include <QList>
#include <QMarginsF>
#include <QString>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QPainter;
class QRectF;
QT_END_NAMESPACE

namespace Model {
class Document;
}

namespace Sim {
struct ComponentResult;
}

namespace Ui {

/**
 * What the canvas knows about one component kind (STYLE.md #10): its name, colour, how it
 * is painted and labelled, what a new one looks like, which links it holds and which links
 * may be drawn from it. New kinds plug in with KindRegistry::registerKind(); nothing else
 * in ui/canvas switches on the kind.
 */
struct KindInfo
{
    Model::ComponentKind kind = Model::ComponentKind::Unknown;
    QString displayName = {}; ///< "Service", "Load balancer", ... (registerKind: KindTraits' label)
    QString idStem;           ///< stem for fresh ids: "service" -> "service_1"
    QColor color;             ///< the kind's colour (fill of items, icons)
    /// Paints the kind's shape into `rect` with the painter's current pen and brush, plus
    /// its decoration (cylinder rim, lightning, bars) in the pen's colour.
    std::function<void(QPainter *painter, const QRectF &rect)> paint;
    /// A new component with sensible defaults; `id` is set by the caller.
    std::function<Model::Component(const Model::Scenario &scenario)> create;

    // --- the item ---------------------------------------------------------------------
    /// The space between the body's edges and its two text lines (id, detail).
    QMarginsF textMargins = {10, 6, 10, 6};
    /// How many replicas the item stacks as cards (none: one).
    std::function<int(const Model::Component &component)> replicas = {};
    /// Whether the engine's utilisation of this kind says something: the heat overlay
    /// colours it and it may be the bottleneck; other kinds stay neutral. registerKind()
    /// sets it from KindTraits::hasUtilization.
    bool measured = false;
    /// The item's second line under the heat overlay ("42% busy · 120/s").
    std::function<QString(const Sim::ComponentResult &result)> heatText = {};

    // --- links ------------------------------------------------------------------------
    /// The relations a component of this kind holds, in drawing order (none: it holds none).
    std::function<void(const Model::Component &component, const RelationSink &add)> relations = {};
    /// Whether a link dragged from this kind may end on `target` (none: no links from it).
    std::function<bool(const KindInfo &target)> connectsTo = {};
    /// `source` (of this kind) with a relation to `target` added; nullopt when it holds that
    /// relation already and adding it again would mean nothing.
    std::function<std::optional<Model::Component>(const Model::Scenario &scenario,
                                                  Model::Component source,
                                                  const Model::Component &target)>
        connect = {};
    /// The step a service's handler reaches a component of this kind with (none: a call).
    std::function<Model::Step(const Model::Component &target)> reachedBy = {};
    /// A load balancer or a gateway may send requests on to it. registerKind() sets it: the
    /// kind accepts requests (KindTraits) and is not reached by a step of its own.
    bool forwardable = false;
    bool consumer = false; ///< a queue may deliver its messages to it
};

class KindRegistry
{
public:
    /** The registry with the seven built-in kinds of scenario format v1. */
    static KindRegistry &instance();

    /** Adds or replaces the bundle of `info.kind`; the palette lists kinds in this order. */
    void registerKind(KindInfo info);

    const KindInfo *find(Model::ComponentKind kind) const;
    /** The bundle of `kind`, or a neutral grey box for kinds nobody registered. */
    const KindInfo &info(Model::ComponentKind kind) const;
    QList<Model::ComponentKind> kinds() const;

    /** An icon painted with the kind's shape (no image files). */
    QIcon icon(Model::ComponentKind kind) const;
    /** A new component of `kind` with a fresh id from `document` and the kind's defaults. */
    Model::Component createComponent(Model::ComponentKind kind,
                                     const Model::Document &document) const;

private:
    KindRegistry();
    QList<KindInfo> m_kinds;
    KindInfo m_fallback;
};

} // namespace Ui
