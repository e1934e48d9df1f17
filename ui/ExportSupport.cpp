// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExportSupport.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QWidget>

namespace Ui::ExportSupport {

namespace {

/// marks an export action among a widget's actions
const char kExportActionProperty[] = "archsimExportAction";
const char kNameProperty[] = "archsimExportName";
/// the folder of the last chart or table export
const char kDirectoryKey[] = "lastExportDirectory";

QString tr(const char *text)
{
    return QCoreApplication::translate("Ui::ExportSupport", text);
}

} // namespace

QString safeFileName(const QString &name, const QString &fallback)
{
    static const QRegularExpression unsafe(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]+"));
    QString safe = name;
    safe.replace(unsafe, QStringLiteral("-"));
    safe = safe.trimmed();
    while (safe.startsWith(QLatin1Char('.')))
        safe.remove(0, 1);
    return safe.isEmpty() ? fallback : safe;
}

QString startFile(const char *directoryKey,
                  const QString &name,
                  const QString &fallback,
                  const QString &suffix)
{
    QString folder = QSettings().value(QLatin1String(directoryKey)).toString();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(folder).filePath(safeFileName(name, fallback) + QLatin1Char('.') + suffix);
}

QString acceptFile(const char *directoryKey, const QString &file, const QString &suffix)
{
    QString accepted = file;
    if (QFileInfo(accepted).suffix().compare(suffix, Qt::CaseInsensitive) != 0)
        accepted += QLatin1Char('.') + suffix;
    QSettings().setValue(QLatin1String(directoryKey), QFileInfo(accepted).absolutePath());
    return accepted;
}

void addActions(QWidget *target, const QList<QAction *> &actions)
{
    if (!target->actions().isEmpty()) {
        auto separator = new QAction(target);
        separator->setSeparator(true);
        target->addAction(separator);
    }
    for (QAction *a : actions) {
        a->setProperty(kExportActionProperty, true);
        target->addAction(a);
    }
    // A widget that draws its own menu keeps it (its owner adds actions() to it).
    if (target->contextMenuPolicy() != Qt::CustomContextMenu)
        target->setContextMenuPolicy(Qt::ActionsContextMenu);
}

QList<QAction *> actions(const QWidget *target)
{
    QList<QAction *> found;
    for (QAction *a : target->actions()) {
        if (a->property(kExportActionProperty).toBool())
            found << a;
    }
    return found;
}

QString suggestedName(const QWidget *target)
{
    return target->property(kNameProperty).toString();
}

void setSuggestedName(QWidget *target, const QString &name)
{
    target->setProperty(kNameProperty, name);
}

QString askFile(QWidget *parent,
                const QString &title,
                const QString &name,
                const QString &suffix,
                const QString &filter)
{
    const QString start = startFile(kDirectoryKey, name, QStringLiteral("export"), suffix);
    const QString file = QFileDialog::getSaveFileName(parent, title, start, filter);
    return file.isEmpty() ? QString() : acceptFile(kDirectoryKey, file, suffix);
}

void showError(QWidget *parent, const QString &file, const QString &reason)
{
    QMessageBox box(QMessageBox::Warning,
                    tr("Export Failed"),
                    tr("Could not save %1.").arg(QDir::toNativeSeparators(file)),
                    QMessageBox::Ok,
                    parent);
    box.setObjectName(QStringLiteral("exportErrorMessage"));
    box.setInformativeText(reason + QLatin1Char(' ') + tr("Nothing was written."));
    box.exec();
}

} // namespace Ui::ExportSupport
