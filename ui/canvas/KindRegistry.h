// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QColor>
#include <QIcon>
#include <QList>
#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QPainter;
class QRectF;
QT_END_NAMESPACE

namespace Model {
class Document;
}

namespace Ui {

/**
 * What the canvas knows about one component kind (STYLE.md #10): its name, colour, how it
 * is painted and what a new one looks like. New kinds plug in with
 * KindRegistry::registerKind(); nothing else in ui/canvas switches on the kind.
 */
struct KindInfo
{
    Model::ComponentKind kind = Model::ComponentKind::Unknown;
    QString displayName; ///< "Service", "Load balancer", ...
    QString idStem;      ///< stem for fresh ids: "service" -> "service_1"
    QColor color;        ///< the kind's colour (fill of items, icons)
    /// Paints the kind's shape into `rect` with the painter's current pen and brush, plus
    /// its decoration (cylinder rim, lightning, bars) in the pen's colour.
    std::function<void(QPainter *painter, const QRectF &rect)> paint;
    /// A new component with sensible defaults; `id` is set by the caller.
    std::function<Model::Component(const Model::Scenario &scenario)> create;
};

class KindRegistry
{
public:
    /** The registry with the seven built-in kinds of scenario format v1. */
    static KindRegistry &instance();

    /** Adds or replaces the bundle of `info.kind`; the palette lists kinds in this order. */
    void registerKind(const KindInfo &info);

    const KindInfo *find(Model::ComponentKind kind) const;
    /** The bundle of `kind`, or a neutral grey box for kinds nobody registered. */
    const KindInfo &info(Model::ComponentKind kind) const;
    QList<Model::ComponentKind> kinds() const;

    /** An icon painted with the kind's shape (no image files). */
    QIcon icon(Model::ComponentKind kind) const;
    /** A new component of `kind` with a fresh id from `document` and the kind's defaults. */
    Model::Component createComponent(Model::ComponentKind kind, const Model::Document &document) const;

private:
    KindRegistry();
    QList<KindInfo> m_kinds;
    KindInfo m_fallback;
};

} // namespace Ui
