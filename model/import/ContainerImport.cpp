// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContainerImport.h"

#include "YamlSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace Model {

QString SourceLocation::toString() const
{
    if (line <= 0)
        return file;
    QString s = file + QLatin1Char(':') + QString::number(line);
    if (column > 0)
        s += QLatin1Char(':') + QString::number(column);
    return s;
}

QString ImportError::toString() const
{
    const QString at = where.toString();
    return (at.isEmpty() ? QString() : at + QStringLiteral(": ")) + QStringLiteral("error: ")
           + message;
}

QString ImportNote::toString() const
{
    SourceLocation at = where;
    at.column = 0;
    QString s = at.toString();
    if (!component.isEmpty())
        s += (s.isEmpty() ? QString() : QStringLiteral(" ")) + component;
    if (!path.isEmpty())
        s += (s.isEmpty() ? QString() : QStringLiteral(" ")) + path;
    return (s.isEmpty() ? QString() : s + QStringLiteral(": ")) + message;
}

QString ContainerFinding::toString() const
{
    SourceLocation at = where;
    at.column = 0;
    return at.toString() + QLatin1Char(' ') + lintFindingLine(finding);
}

namespace {

bool looksLikeCompose(const QByteArray &text)
{
    // a top-level "services:" key (Compose) and no top-level "apiVersion:" (Kubernetes)
    bool services = false;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith("apiVersion:") || line.startsWith("kind:"))
            return false;
        if (line.startsWith("services:"))
            services = true;
    }
    return services;
}

} // namespace

ImportResult importContainers(const QString &fileOrFolder)
{
    const QFileInfo info(fileOrFolder);
    ImportResult result;
    if (info.isDir()) {
        QStringList names;
        QDirIterator it(fileOrFolder,
                        {QStringLiteral("*.yaml"), QStringLiteral("*.yml")},
                        QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            names << it.next();
        std::sort(names.begin(), names.end());
        QList<QPair<QString, QByteArray>> files;
        for (const QString &name : names) {
            QFile f(name);
            if (!f.open(QIODevice::ReadOnly)) {
                result.errors << ImportError{SourceLocation{name, 0, 0},
                                             QStringLiteral("cannot read it: ") + f.errorString()};
                continue;
            }
            files.append({QDir(fileOrFolder).relativeFilePath(name), f.readAll()});
        }
        if (!result.errors.isEmpty())
            return result;
        if (files.isEmpty()) {
            result.errors << ImportError{SourceLocation{fileOrFolder, 0, 0},
                                         QStringLiteral("the folder holds no .yaml or .yml file")};
            return result;
        }
        return importKubernetes(files);
    }
    QFile f(fileOrFolder);
    if (!f.open(QIODevice::ReadOnly)) {
        result.errors << ImportError{SourceLocation{fileOrFolder, 0, 0},
                                     QStringLiteral("cannot read it: ") + f.errorString()};
        return result;
    }
    const QByteArray text = f.readAll();
    if (looksLikeCompose(text))
        return importCompose(text, fileOrFolder);
    return importKubernetes({{fileOrFolder, text}});
}

QList<ImportReviewItem> importReview(const ImportResult &result)
{
    QList<ImportReviewItem> items;
    for (const ImportNote::Kind kind : {ImportNote::Kind::Default, ImportNote::Kind::Unmapped}) {
        for (const ImportNote &n : result.notes) {
            if (n.kind != kind)
                continue;
            ImportReviewItem item;
            item.kind = kind == ImportNote::Kind::Default ? ImportReviewItem::Kind::Default
                                                          : ImportReviewItem::Kind::Unmapped;
            item.component = n.component;
            item.path = n.path;
            item.message = n.message;
            item.where = n.where;
            items << item;
        }
    }
    for (const ContainerFinding &f : result.findings) {
        ImportReviewItem item;
        item.kind = ImportReviewItem::Kind::Finding;
        item.component = f.finding.component;
        item.rule = f.finding.rule;
        item.message = f.finding.message;
        item.hint = f.finding.hint;
        item.where = f.where;
        items << item;
    }
    return items;
}

QString importDescription(const QString &sourceName, const ImportResult &result)
{
    QStringList defaults;
    for (const ImportNote &n : result.notes) {
        if (n.kind == ImportNote::Kind::Default && !n.path.isEmpty())
            defaults << n.path;
    }
    return QStringLiteral("Imported from %1 (%2) by ArchSim. These values are defaults, not "
                          "read from the file; review them: %3.")
        .arg(sourceName,
             result.format == QLatin1String("compose") ? QStringLiteral("Docker Compose")
                                                       : QStringLiteral("Kubernetes manifests"),
             defaults.join(QStringLiteral(", ")));
}

} // namespace Model
