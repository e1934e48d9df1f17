// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QGraphicsView>

namespace Ui {

class CanvasScene;

/**
 * The view of a CanvasScene: Ctrl+wheel and +/- zoom, middle button or Space+drag pan,
 * F fits, rubber-band selection, Delete/Backspace deletes, Ctrl+C/Ctrl+V copy and paste
 * through the clipboard, and drops from the Palette create components.
 */
class CanvasView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit CanvasView(CanvasScene *scene, QWidget *parent = nullptr);

    CanvasScene *canvasScene() const { return m_scene; }
    double zoom() const;
    bool isGridVisible() const { return m_grid; }

public slots:
    void zoomIn();
    void zoomOut();
    void setZoom(double zoom);
    void fitToView();
    /** fitToView() now when the view is on screen with its size, else when it gets there
     *  (a view fitted before it is laid out would fit a default 100×30 viewport). */
    void fitWhenShown();
    /** After fitToView() the view keeps the graph fitted when it is resized, until the user
     *  zooms, scrolls or pans. */
    bool isAutoFit() const { return m_autoFit; }
    void setGridVisible(bool visible);
    void setSnapToGrid(bool on);
    void copySelection();
    void paste();
    void deleteSelection();
    /** Adds a component of `kind` at the centre of what the view shows (palette double-click). */
    void addComponentAtCenter(Model::ComponentKind kind);

signals:
    void zoomChanged(double zoom);
    /** F2 with exactly one component selected: the user wants to rename it (the window's F2,
     *  rename the scenario, applies otherwise). */
    void renameRequested(const QString &id);

protected:
    bool event(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void scaleBy(double factor);

    CanvasScene *m_scene;
    bool m_grid = true;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
    int m_pasteCount = 0;
    bool m_autoFit = false;

    bool canFit() const;
};

} // namespace Ui
