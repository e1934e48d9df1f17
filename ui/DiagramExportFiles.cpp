// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiagramExportFiles.h"

#include "ExportSupport.h"
#include "export/DiagramExport.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace Ui::DiagramExportFiles {

namespace {

/// the folder of the last diagram export
const char kDirectoryKey[] = "lastDiagramExportDirectory";

QString tr(const char *text)
{
    return QCoreApplication::translate("Ui::DiagramExportFiles", text);
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
    return ExportSupport::startFile(kDirectoryKey,
                                    scenarioName,
                                    QStringLiteral("topology"),
                                    suffix(format));
}

QString acceptedFile(const QString &fileName, const QString &format)
{
    return ExportSupport::acceptFile(kDirectoryKey, fileName, suffix(format));
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
