// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsItem>
#include <QHash>
#include <QPointer>

namespace Model {
class WatchSession;
}

namespace Ui {

class CanvasScene;

/**
 * Watch mode's layer on a CanvasScene (above every item): for the cursor of a
 * Model::WatchSession it paints each visit in progress as a dot on the line from its caller
 * to its component (coloured by its request's name), a request entering as a dot on a stub
 * left of the entry, a glow around each component by its recent utilisation, bars for its
 * busy servers and its queue under it, and a red flash where a visit failed. It reads the
 * session when it paints and holds no state of the run itself; clicks pass through it
 * (dotAt() finds the dot under a point for the Watch dock).
 */
class WatchOverlay final : public QGraphicsItem
{
public:
    enum { Type = UserType + 120 };

    explicit WatchOverlay(CanvasScene *scene);

    /** The session to paint (nullptr: nothing); it must outlive the overlay or be reset. */
    void setSession(const Model::WatchSession *session);
    /** Simulated time the glow averages over and a failure flashes for, in ns. */
    void setWindow(qint64 ticks);
    /** The request whose visits are drawn larger, with its path; -1 none. */
    void setFollowed(int rootVisit);
    int followed() const { return m_followed; }
    /** Whether each component has its theory label (estimate | run) beside it. */
    void setTheoryVisible(bool visible);
    bool isTheoryVisible() const { return m_theoryVisible; }
    /** The theory label of component `comp` (spec index), as painted; empty when none. */
    QString theoryLabel(int comp) const;
    /** Re-reads positions and repaints (after the cursor or the layout moved). */
    void refresh();

    /** The visit whose dot is within `radius` of `scenePos` (the nearest), -1 none. */
    int dotAt(QPointF scenePos, qreal radius = 8) const;
    /** The colour of request name `name` (the dots' and the legend's). */
    static QColor nameColor(int name);
    /** Where the dot of visit progress `fraction` on the line from `from` to `comp` is
     *  (from -1: the entry's stub). */
    QPointF dotPosition(int from, int comp, double fraction) const;

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    /** The body of component `comp` (spec index) in scene coordinates; empty when not shown. */
    QRectF bodyOf(int comp) const;

    CanvasScene *m_scene;
    const Model::WatchSession *m_session = nullptr;
    qint64 m_window = 100'000'000;
    int m_followed = -1;
    bool m_theoryVisible = true;
    QRectF m_bounds;
    QHash<int, QRectF> m_bodies; ///< by spec index
};

} // namespace Ui
