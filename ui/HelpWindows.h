// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QDialog;
class QWidget;
QT_END_NAMESPACE

namespace Ui {

/**
 * The Help menu's windows. The user guide is docs/desktop-app.md, compiled in as
 * :/docs/desktop-app.md with its images (so it shows from any directory), rendered as
 * Markdown. The shortcut list is made from the window's actions, so it lists what the keys
 * do now. The problem report is plain text for the clipboard.
 */
namespace Help {

/** The user guide's window (one per `parent`, raised when open already). */
QWidget *showUserGuide(QWidget *parent);

/** A dialog listing every action of `window` (its children) that has a shortcut. */
QDialog *showShortcuts(QWidget *window);

/** The rows of showShortcuts(): "Undo\tCtrl+Z", sorted by action text. */
QStringList shortcutRows(const QWidget *window);

/**
 * "ArchSim 1.2.0 (engine 1.4), Qt 6.4.2 (runs on 6.4.2), Linux Debian 12 x86_64, xcb" and
 * the last error the user was shown (or that there was none).
 */
QString problemReport(const QString &lastError);

} // namespace Help

} // namespace Ui
