// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QListWidget>
#include <QPointer>

namespace Ui {

class CanvasView;

/**
 * The component kinds of the KindRegistry with their icons. Dragging one onto a
 * CanvasView (mime type application/x-archsim-kind) creates it at the drop point;
 * double-click emits kindActivated(), which setView() connects to the view's
 * addComponentAtCenter().
 */
class Palette : public QListWidget
{
    Q_OBJECT

public:
    explicit Palette(QWidget *parent = nullptr);

    /** Double-click adds to `view` at its centre (nullptr: to no view); replaces the
     *  previous view. */
    void setView(CanvasView *view);
    Model::ComponentKind kindAt(int row) const;

signals:
    void kindActivated(Model::ComponentKind kind);

protected:
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
    QStringList mimeTypes() const override;

private:
    QPointer<CanvasView> m_view;
};

} // namespace Ui
