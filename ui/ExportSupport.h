// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What ChartExport and TableExport share: the export actions on a widget, the file dialog
// that remembers its folder, and the message when a save fails. Internal to ui/.

#include <QList>
#include <QString>

class QAction;
class QWidget;

namespace Ui::ExportSupport {

/** Adds `actions` to `target`'s context menu (see installChartExport()); marks them as export
 *  actions, with a separator above them when `target` already has actions. */
void addActions(QWidget *target, const QList<QAction *> &actions);

/** The actions addActions() gave `target`, in order. */
QList<QAction *> actions(const QWidget *target);

/** The name a save dialog suggests for `target` (installChartExport(), installTableExport()). */
QString suggestedName(const QWidget *target);
void setSuggestedName(QWidget *target, const QString &name);

/**
 * Asks where to save: a save dialog titled `title`, starting in the folder of the last export
 * (QSettings, the documents folder the first time) with `name` (made safe for a file name)
 * and `suffix`. Returns the chosen file, with `suffix` added when it has another one; empty
 * when cancelled. Remembers the chosen folder.
 */
QString askFile(QWidget *parent,
                const QString &title,
                const QString &name,
                const QString &suffix,
                const QString &filter);

/** A warning naming `file` and `reason`: the save failed and nothing was written. */
void showError(QWidget *parent, const QString &file, const QString &reason);

} // namespace Ui::ExportSupport
