// SPDX-License-Identifier: GPL-3.0-or-later
#include "CanvasView.h"

#include "CanvasClipboard.h"
#include "CanvasScene.h"

#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>

namespace Ui {

namespace {

constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 4.0;
constexpr double kStep = 1.2;

} // namespace

CanvasView::CanvasView(CanvasScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(AnchorUnderMouse);
    setViewportUpdateMode(BoundingRectViewportUpdate);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    // a large scene rect so that panning is not limited by the items
    setSceneRect(-5000, -5000, 10000, 10000);
    // the heat legend appears after a run: a view that follows the content fits it in
    connect(m_scene, &CanvasScene::heatChanged, this, [this] {
        if (m_autoFit && canFit())
            fitToView();
    });
}

double CanvasView::zoom() const
{
    return transform().m11();
}

void CanvasView::scaleBy(double factor)
{
    const double target = qBound(kMinZoom, zoom() * factor, kMaxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    const double f = target / zoom();
    scale(f, f);
    emit zoomChanged(zoom());
}

void CanvasView::zoomIn()
{
    m_autoFit = false;
    scaleBy(kStep);
}

void CanvasView::zoomOut()
{
    m_autoFit = false;
    scaleBy(1 / kStep);
}

void CanvasView::setZoom(double z)
{
    m_autoFit = false;
    scaleBy(z / zoom());
}

bool CanvasView::canFit() const
{
    return isVisible() && viewport()->width() > 50 && viewport()->height() > 50;
}

void CanvasView::fitWhenShown()
{
    m_autoFit = true;
    if (canFit())
        fitToView();
}

void CanvasView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit && canFit())
        fitToView();
}

void CanvasView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_autoFit && canFit())
        fitToView();
}

void CanvasView::fitToView()
{
    const QRectF r = m_scene->contentRect();
    if (r.isEmpty())
        return;
    fitInView(r, Qt::KeepAspectRatio);
    if (zoom() > 1.5)
        setZoom(1.5); // a small graph is not blown up
    else if (zoom() < kMinZoom)
        setZoom(kMinZoom);
    centerOn(r.center());
    m_autoFit
        = true; // follows the view's size until the user zooms or pans (setZoom above cleared it)
    emit zoomChanged(zoom());
}

void CanvasView::setGridVisible(bool visible)
{
    m_grid = visible;
    resetCachedContent();
    viewport()->update();
}

void CanvasView::setSnapToGrid(bool on)
{
    m_scene->setSnapToGrid(on);
}

void CanvasView::copySelection()
{
    const QByteArray json = m_scene->copySelection();
    if (json.isEmpty())
        return;
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(kComponentsMimeType), json);
    mime->setText(QString::fromUtf8(json));
    QApplication::clipboard()->setMimeData(mime);
    m_pasteCount = 0;
}

void CanvasView::paste()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime)
        return;
    QByteArray json = mime->data(QString::fromLatin1(kComponentsMimeType));
    if (json.isEmpty() && mime->hasText())
        json = mime->text().toUtf8(); // a fragment pasted from a text editor
    ++m_pasteCount;
    const qreal d = CanvasScene::kGridSize * 2 * m_pasteCount;
    m_scene->paste(json, QPointF(d, d));
}

void CanvasView::deleteSelection()
{
    m_scene->removeSelection();
}

void CanvasView::addComponentAtCenter(Model::ComponentKind kind)
{
    m_scene->addComponent(kind, mapToScene(viewport()->rect().center()));
}

void CanvasView::wheelEvent(QWheelEvent *event)
{
    m_autoFit = false; // zooms or scrolls: the user's view from now on
    if (event->modifiers() & Qt::ControlModifier) {
        const int delta = event->angleDelta().y();
        if (delta != 0)
            scaleBy(std::pow(kStep, delta / 120.0));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

bool CanvasView::event(QEvent *event)
{
    // F2 on one selected component renames it, before the window's F2 (rename the scenario)
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_F2 && key->modifiers() == Qt::NoModifier
            && m_scene->selectedComponentIds().size() == 1) {
            event->accept();
            return true;
        }
    }
    return QGraphicsView::event(event);
}

void CanvasView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if (event->matches(QKeySequence::Paste)) {
        paste();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_F:
        if (event->modifiers() == Qt::NoModifier) {
            fitToView();
            return;
        }
        break;
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        deleteSelection();
        return;
    case Qt::Key_F2: {
        const QStringList selected = m_scene->selectedComponentIds();
        if (selected.size() == 1 && event->modifiers() == Qt::NoModifier) {
            emit renameRequested(selected.first());
            return;
        }
        break;
    }
    case Qt::Key_Space:
        if (!event->isAutoRepeat()) {
            m_spaceHeld = true;
            viewport()->setCursor(Qt::OpenHandCursor);
        }
        return;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void CanvasView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        if (!m_panning)
            viewport()->unsetCursor();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void CanvasView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_autoFit = false;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint p = event->position().toPoint();
        const QPoint d = p - m_panLast;
        m_panLast = p;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        if (m_spaceHeld)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void CanvasView::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, QColor(0xfb, 0xfb, 0xfc));
    if (!m_grid)
        return;
    // a light grid; every fifth line a little darker. Skip lines that would be denser
    // than 6 pixels on screen.
    qreal step = CanvasScene::kGridSize;
    while (step * zoom() < 6)
        step *= 5;
    const qreal left = std::floor(rect.left() / step) * step;
    const qreal top = std::floor(rect.top() / step) * step;
    QVector<QLineF> minor;
    QVector<QLineF> major;
    for (qreal x = left; x < rect.right(); x += step) {
        const bool isMajor = qFuzzyIsNull(std::fmod(std::abs(x), step * 5));
        (isMajor ? major : minor).append(QLineF(x, rect.top(), x, rect.bottom()));
    }
    for (qreal y = top; y < rect.bottom(); y += step) {
        const bool isMajor = qFuzzyIsNull(std::fmod(std::abs(y), step * 5));
        (isMajor ? major : minor).append(QLineF(rect.left(), y, rect.right(), y));
    }
    painter->setPen(QPen(QColor(0xec, 0xee, 0xf1), 0));
    painter->drawLines(minor);
    painter->setPen(QPen(QColor(0xdc, 0xdf, 0xe4), 0));
    painter->drawLines(major);
}

void CanvasView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(kKindMimeType))) {
        event->acceptProposedAction();
        return;
    }
    QGraphicsView::dragEnterEvent(event);
}

void CanvasView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(kKindMimeType))) {
        event->acceptProposedAction();
        return;
    }
    QGraphicsView::dragMoveEvent(event);
}

void CanvasView::dropEvent(QDropEvent *event)
{
    const QByteArray word = event->mimeData()->data(QString::fromLatin1(kKindMimeType));
    if (!word.isEmpty()) {
        const Model::ComponentKind kind = Model::componentKindFromName(QString::fromUtf8(word));
        if (kind != Model::ComponentKind::Unknown) {
            m_scene->addComponent(kind, mapToScene(event->position().toPoint()));
            event->acceptProposedAction();
            setFocus();
            return;
        }
    }
    QGraphicsView::dropEvent(event);
}

} // namespace Ui
