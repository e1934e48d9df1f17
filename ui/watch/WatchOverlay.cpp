// SPDX-License-Identifier: GPL-3.0-or-later
#include "WatchOverlay.h"

#include "CanvasItems.h"
#include "CanvasScene.h"
#include "watch/WatchSession.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {

constexpr qreal kDot = 4.5;     // dot radius
constexpr qreal kStub = 90;     // length of the entry's stub
constexpr qreal kBarHeight = 5; // each of the two bars under a component
const QColor kFailed(0xe0, 0x10, 0x10);

/** Where the segment from the centre of `r` towards `to` leaves `r`. */
QPointF edgeTowards(const QRectF &r, QPointF to)
{
    const QPointF c = r.center();
    const QPointF d = to - c;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return c;
    const qreal sx = qFuzzyIsNull(d.x()) ? 1e9 : (r.width() / 2) / std::abs(d.x());
    const qreal sy = qFuzzyIsNull(d.y()) ? 1e9 : (r.height() / 2) / std::abs(d.y());
    return c + d * std::min({sx, sy, qreal(1)});
}

} // namespace

WatchOverlay::WatchOverlay(CanvasScene *scene)
    : m_scene(scene)
{
    setZValue(1000);
    setAcceptedMouseButtons(Qt::NoButton); // clicks go to the canvas (dotAt() serves the dock)
    setAcceptHoverEvents(false);
    setFlag(ItemIsSelectable, false);
}

void WatchOverlay::setSession(const Model::WatchSession *session)
{
    m_session = session;
    m_followed = -1;
    refresh();
}

void WatchOverlay::setWindow(qint64 ticks)
{
    m_window = std::max<qint64>(1, ticks);
    update();
}

void WatchOverlay::setFollowed(int rootVisit)
{
    m_followed = rootVisit;
    update();
}

void WatchOverlay::setTheoryVisible(bool visible)
{
    m_theoryVisible = visible;
    update();
}

QString WatchOverlay::theoryLabel(int comp) const
{
    if (!m_session)
        return {};
    auto fig = [](double v, int digits) {
        if (!std::isfinite(v))
            return v > 0 ? QStringLiteral("∞") : QStringLiteral("–");
        if (v > 0 && v < 0.005)
            return QStringLiteral("<0.01");
        return QString::number(v, 'g', digits);
    };
    for (const Model::WatchTheory &t : m_session->theory()) {
        if (t.comp != comp)
            continue;
        QStringList lines;
        lines << QStringLiteral("ρ %1 | run %2")
                     .arg(fig(t.utilisation, 2), fig(t.measuredUtilisation, 2));
        if (std::isfinite(t.waitMs) || std::isinf(t.waitMs))
            lines << QStringLiteral("Wq %1 | %2 ms")
                         .arg(fig(t.waitMs, 2), fig(t.measuredWaitMs, 2));
        if (std::isfinite(t.hitRatio))
            lines << QStringLiteral("hit %1 | %2")
                         .arg(fig(t.hitRatio, 2), fig(t.measuredHitRatio, 2));
        if (t.differs)
            lines << QStringLiteral("≠ why: Watch dock");
        return lines.join(QLatin1Char('\n'));
    }
    return {};
}

QColor WatchOverlay::nameColor(int name)
{
    // Okabe and Ito's colour-blind-safe set, without its red-like vermillion (failures are red)
    static const QColor colors[] = {QColor(0x00, 0x72, 0xb2),
                                    QColor(0xe6, 0x9f, 0x00),
                                    QColor(0x00, 0x9e, 0x73),
                                    QColor(0xcc, 0x79, 0xa7),
                                    QColor(0x56, 0xb4, 0xe9),
                                    QColor(0x8c, 0x6d, 0x1f),
                                    QColor(0x44, 0x44, 0x44),
                                    QColor(0x6a, 0x3d, 0x9a)};
    constexpr int n = sizeof(colors) / sizeof(colors[0]);
    return colors[((name % n) + n) % n];
}

QRectF WatchOverlay::bodyOf(int comp) const
{
    return m_bodies.value(comp);
}

void WatchOverlay::refresh()
{
    m_bodies.clear();
    QRectF bounds;
    if (m_session) {
        const auto &components = m_session->spec().components;
        for (int i = 0; i < static_cast<int>(components.size()); ++i) {
            const ComponentItem *item = m_scene->componentItem(
                QString::fromStdString(components[static_cast<std::size_t>(i)].id));
            if (!item)
                continue;
            const QRectF body = item->mapRectToScene(ComponentItem::bodyRect());
            m_bodies.insert(i, body);
            bounds |= body;
        }
    }
    bounds.adjust(-kStub - 20, -30, 220, 40);
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    update();
}

QRectF WatchOverlay::boundingRect() const
{
    return m_bounds;
}

QPointF WatchOverlay::dotPosition(int from, int comp, double fraction) const
{
    const QRectF to = bodyOf(comp);
    if (to.isEmpty())
        return {};
    QPointF a, b;
    if (from < 0 || bodyOf(from).isEmpty()) {
        // entering: along the stub left of the entry
        b = QPointF(to.left(), to.center().y());
        a = b - QPointF(kStub, 0);
    } else {
        const QRectF f = bodyOf(from);
        a = edgeTowards(f, to.center());
        b = edgeTowards(to, f.center());
    }
    return a + (b - a) * fraction;
}

int WatchOverlay::dotAt(QPointF scenePos, qreal radius) const
{
    if (!m_session)
        return -1;
    int best = -1;
    qreal bestD = radius * radius;
    for (const Model::WatchDot &d : m_session->dots()) {
        const QPointF p = dotPosition(d.from, d.comp, d.fraction) - scenePos;
        const qreal dd = p.x() * p.x() + p.y() * p.y();
        if (dd <= bestD) {
            bestD = dd;
            best = d.visit;
        }
    }
    return best;
}

void WatchOverlay::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (!m_session)
        return;
    const Model::WatchSession &s = *m_session;
    painter->setRenderHint(QPainter::Antialiasing);
    const qint64 now = s.time();

    // the entry's stub
    const int entry = s.spec().workload.entry;
    if (const QRectF e = bodyOf(entry); !e.isEmpty()) {
        const QPointF b(e.left(), e.center().y());
        painter->setPen(QPen(QColor(0x80, 0x88, 0x90), 1.4, Qt::DashLine));
        painter->drawLine(b - QPointF(kStub, 0), b);
    }

    // glow and bars
    QFont small = painter->font();
    small.setPointSizeF(7);
    painter->setFont(small);
    for (auto it = m_bodies.cbegin(); it != m_bodies.cend(); ++it) {
        const int comp = it.key();
        const QRectF body = it.value();
        const double u = s.utilisation(comp, now - m_window, now);
        if (std::isfinite(u)) {
            QColor glow = heatColor(u);
            glow.setAlphaF(static_cast<float>(0.25 + 0.6 * std::min(1.0, u)));
            painter->setPen(QPen(glow, 3 + 7 * std::min(1.0, u)));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(body.adjusted(-5, -5, 5, 5), 9, 9);
        }
        const Model::WatchLevels l = s.levels(comp);
        const bool hasServers = l.servers > 0;
        const int peak = s.peakQueued(comp);
        if (!hasServers && peak == 0)
            continue;
        QRectF bar(body.left(), body.bottom() + 7, body.width(), kBarHeight);
        auto drawBar = [&](double fill, const QColor &color, const QString &text) {
            painter->setPen(QPen(QColor(0x60, 0x66, 0x70), 0.8));
            painter->setBrush(QColor(255, 255, 255, 220));
            painter->drawRect(bar);
            QRectF filled = bar;
            filled.setWidth(bar.width() * std::clamp(fill, 0.0, 1.0));
            painter->setPen(Qt::NoPen);
            painter->setBrush(color);
            painter->drawRect(filled);
            painter->setPen(QColor(0x30, 0x30, 0x30));
            painter->drawText(QRectF(bar.right() + 3, bar.top() - 4, 90, bar.height() + 8),
                              Qt::AlignLeft | Qt::AlignVCenter,
                              text);
            bar.translate(0, kBarHeight + 4);
        };
        if (hasServers)
            drawBar(double(l.busy) / l.servers,
                    QColor(0x3b, 0x7d, 0xd8),
                    QStringLiteral("%1/%2").arg(l.busy).arg(l.servers));
        if (peak > 0 || l.queued > 0) {
            const double scale = std::max({peak, l.servers, 1});
            drawBar(l.queued / scale,
                    QColor(0xe0, 0x8a, 0x1c),
                    QStringLiteral("q %1").arg(l.queued));
        }
    }

    // theory labels: estimate | run, right of each component
    if (m_theoryVisible) {
        for (auto it = m_bodies.cbegin(); it != m_bodies.cend(); ++it) {
            const QString text = theoryLabel(it.key());
            if (text.isEmpty())
                continue;
            const QRectF body = it.value();
            const QRectF box = painter
                                   ->boundingRect(QRectF(body.right() + 10, body.top(), 200, 80),
                                                  Qt::AlignLeft | Qt::AlignTop,
                                                  text)
                                   .adjusted(-3, -2, 3, 2);
            painter->setPen(QPen(QColor(0x90, 0x96, 0xa0), 0.8));
            painter->setBrush(QColor(255, 255, 250, 230));
            painter->drawRoundedRect(box, 3, 3);
            painter->setPen(QColor(0x20, 0x20, 0x20));
            painter->drawText(box.adjusted(3, 2, -3, -2), Qt::AlignLeft | Qt::AlignTop, text);
        }
    }

    // dots
    const std::vector<Model::WatchDot> dots = s.dots();
    painter->setPen(QPen(Qt::white, 1));
    for (const Model::WatchDot &d : dots) {
        const QPointF p = dotPosition(d.from, d.comp, d.fraction);
        if (p.isNull())
            continue;
        painter->setBrush(nameColor(d.colour));
        painter->drawEllipse(p, kDot, kDot);
    }

    // the followed request: its visits in progress larger, ringed, joined to their callers
    if (m_followed >= 0) {
        QPen ring(QColor(0x10, 0x10, 0x10), 2);
        for (const Model::WatchDot &d : dots) {
            if (s.visits()[static_cast<std::size_t>(d.visit)].root != m_followed)
                continue;
            const QPointF p = dotPosition(d.from, d.comp, d.fraction);
            painter->setPen(QPen(nameColor(d.colour), 3));
            painter->drawLine(dotPosition(d.from, d.comp, 0), p);
            painter->setPen(ring);
            painter->setBrush(nameColor(d.colour));
            painter->drawEllipse(p, kDot + 3, kDot + 3);
        }
    }

    // failures: a red flash where the visit ended, fading over the window
    for (const int v : s.failuresSince(now - m_window)) {
        const Model::WatchVisit &visit = s.visits()[static_cast<std::size_t>(v)];
        const QPointF p = dotPosition(visit.entering ? -1 : visit.from, visit.comp, 1);
        if (p.isNull())
            continue;
        const double age = static_cast<double>(now - visit.end) / static_cast<double>(m_window);
        QColor c = kFailed;
        c.setAlphaF(static_cast<float>(std::clamp(1.0 - age, 0.15, 1.0)));
        painter->setPen(QPen(c, 2));
        painter->setBrush(QColor(c.red(), c.green(), c.blue(), c.alpha() / 3));
        const qreal r = kDot + 2 + 6 * std::clamp(age, 0.0, 1.0);
        painter->drawEllipse(p, r, r);
        const QRectF body = bodyOf(visit.comp);
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(body.adjusted(-2, -2, 2, 2), 7, 7);
    }
}

} // namespace Ui
