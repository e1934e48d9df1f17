// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiagramExportFiles.h"

#include "export/DiagramExport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

namespace Ui::DiagramExportFiles {

namespace {

/// the folder of the last diagram export
const char kDirectoryKey[] = "lastDiagramExportDirectory";

QString tr(const char *text)
{
    return QCoreApplication::translate("Ui::DiagramExportFiles", text);
}

/** `name` without the characters that some file system refuses, never empty. */
QString safeFileName(const QString &name)
{
    static const QRegularExpression unsafe(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]+"));
    QString safe = name;
    safe.replace(unsafe, QStringLiteral("-"));
    safe = safe.trimmed();
    while (safe.startsWith(QLatin1Char('.')))
        safe.remove(0, 1);
    return safe.isEmpty() ? QStringLiteral("topology") : safe;
}

} // namespace

QList<QString> formats()
{
    QList<QString> all;
    for (const Model::Export::DiagramFormat f : Model::Export::diagramFormats())
        all << Model::Export::diagramFormatName(f);
    all << QStringLiteral("svg") << QStringLiteral("png");
    return all;
}

QString menuText(const QString &format)
{
    if (format == QLatin1String("mermaid"))
        return tr("&Mermaid Flowchart…");
    if (format == QLatin1String("structurizr"))
        return tr("&Structurizr DSL…");
    if (format == QLatin1String("plantuml"))
        return tr("&PlantUML…");
    if (format == QLatin1String("dot"))
        return tr("Graphviz &DOT…");
    if (format == QLatin1String("svg"))
        return tr("Canvas as S&VG…");
    return tr("Canvas as P&NG…");
}

QString statusTip(const QString &format)
{
    if (const auto text = Model::Export::diagramFormatFromName(format))
        return tr("Write the shown scenario's topology as %1 text: components shaped by their "
                  "kind, links labelled with their relation")
            .arg(Model::Export::diagramFormatTitle(*text));
    return tr("Save the shown scenario's canvas as it looks, without the selection, as a %1 "
              "picture")
        .arg(format.toUpper());
}

QString dialogTitle(const QString &format)
{
    if (const auto text = Model::Export::diagramFormatFromName(format))
        return tr("Export Diagram as %1").arg(Model::Export::diagramFormatTitle(*text));
    return tr("Export Canvas as %1").arg(format.toUpper());
}

QString fileFilter(const QString &format)
{
    if (const auto text = Model::Export::diagramFormatFromName(format))
        return tr("%1 (*.%2);;All files (*)")
            .arg(Model::Export::diagramFormatTitle(*text),
                 Model::Export::diagramFormatSuffix(*text));
    return tr("%1 image (*.%2);;All files (*)").arg(format.toUpper(), format);
}

QString suffix(const QString &format)
{
    if (const auto text = Model::Export::diagramFormatFromName(format))
        return Model::Export::diagramFormatSuffix(*text);
    return format;
}

QString suggestedFile(const QString &scenarioName, const QString &format)
{
    QString folder = QSettings().value(QLatin1String(kDirectoryKey)).toString();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(folder).filePath(safeFileName(scenarioName) + QLatin1Char('.') + suffix(format));
}

QString acceptedFile(const QString &fileName, const QString &format)
{
    QString file = fileName;
    if (QFileInfo(file).suffix().compare(suffix(format), Qt::CaseInsensitive) != 0)
        file += QLatin1Char('.') + suffix(format);
    QSettings().setValue(QLatin1String(kDirectoryKey), QFileInfo(file).absolutePath());
    return file;
}

bool write(const QString &format,
           const QString &fileName,
           const Model::Scenario &scenario,
           const Model::Layout &layout,
           const CanvasOverlay &overlay,
           QString *error,
           QStringList *warnings)
{
    if (const auto image = canvasImageFormatFromName(format)) {
        QString why;
        const QByteArray bytes = canvasImage(scenario, layout, *image, overlay, &why);
        if (bytes.isEmpty()) {
            if (error)
                *error = why;
            return false;
        }
        QSaveFile file(fileName);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()
            || !file.commit()) {
            if (error)
                *error = file.errorString();
            return false;
        }
        return true;
    }
    const auto text = Model::Export::diagramFormatFromName(format);
    if (!text) {
        if (error)
            *error = tr("Unknown format %1.").arg(format);
        return false;
    }
    const QByteArray bytes = Model::Export::exportDiagram(scenario, *text, warnings).toUtf8();
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace Ui::DiagramExportFiles
