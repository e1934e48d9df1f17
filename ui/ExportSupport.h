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

/** `name` without the characters that some file system refuses; `fallback` when nothing is
 *  left. */
QString safeFileName(const QString &name, const QString &fallback);

/** The file a save dialog starts at: `name` (made safe, else `fallback`) with `suffix`, in the
 *  folder remembered under the QSettings key `directoryKey` (the documents folder the first
 *  time). */
QString startFile(const char *directoryKey,
                  const QString &name,
                  const QString &fallback,
                  const QString &suffix);
/** `file` as chosen, with `suffix` added when it has another one; remembers its folder under
 *  `directoryKey`. */
QString acceptFile(const char *directoryKey, const QString &file, const QString &suffix);

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
