// SPDX-License-Identifier: GPL-3.0-or-later
#include "Palette.h"

#include "CanvasClipboard.h"
#include "CanvasView.h"
#include "KindRegistry.h"

#include <QMimeData>

namespace Ui {

namespace {

constexpr int KindRole = Qt::UserRole + 1;

} // namespace

Palette::Palette(QWidget *parent)
    : QListWidget(parent)
{
    setViewMode(ListMode);
    setIconSize(QSize(32, 32));
    setDragEnabled(true);
    setDragDropMode(DragOnly);
    setSelectionMode(SingleSelection);
    setSpacing(2);
    const KindRegistry &registry = KindRegistry::instance();
    for (const Model::ComponentKind kind : registry.kinds()) {
        auto *item = new QListWidgetItem(registry.icon(kind),
                                         registry.info(kind).displayName,
                                         this);
        item->setData(KindRole, static_cast<int>(kind));
        item->setToolTip(tr("Drag onto the canvas, or double-click to add a %1")
                             .arg(registry.info(kind).displayName.toLower()));
    }
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit kindActivated(static_cast<Model::ComponentKind>(item->data(KindRole).toInt()));
    });
}

void Palette::setView(CanvasView *view)
{
    if (m_view)
        disconnect(this, &Palette::kindActivated, m_view, nullptr);
    m_view = view;
    if (view)
        connect(this, &Palette::kindActivated, view, &CanvasView::addComponentAtCenter);
}

Model::ComponentKind Palette::kindAt(int row) const
{
    const QListWidgetItem *i = item(row);
    return i ? static_cast<Model::ComponentKind>(i->data(KindRole).toInt())
             : Model::ComponentKind::Unknown;
}

QStringList Palette::mimeTypes() const
{
    return {QString::fromLatin1(kKindMimeType)};
}

QMimeData *Palette::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    const auto kind = static_cast<Model::ComponentKind>(items.first()->data(KindRole).toInt());
    mime->setData(QString::fromLatin1(kKindMimeType), Model::componentKindName(kind).toUtf8());
    return mime;
}

} // namespace Ui
