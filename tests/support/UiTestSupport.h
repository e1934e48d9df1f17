// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers of the GUI tests (tests/ui and below). Header-only: only those tests link
// Qt::Widgets, and the test support libraries stay free of it.

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPointF>
#include <QWidget>

namespace TestSupport {

/** Sends `w` a mouse move to `pos` (widget coordinates) with no button held, as hovering does. */
inline void moveMouse(QWidget *w, QPointF pos)
{
    QMouseEvent move(QEvent::MouseMove,
                     pos,
                     w->mapToGlobal(pos),
                     Qt::NoButton,
                     Qt::NoButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(w, &move);
}

} // namespace TestSupport
