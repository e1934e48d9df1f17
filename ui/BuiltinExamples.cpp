// SPDX-License-Identifier: GPL-3.0-or-later
#include "BuiltinExamples.h"

#include "ScenarioIo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace Ui {

namespace {

/** The file names listed in :/examples/order.txt, in that order (see the file). */
QStringList listedOrder()
{
    QStringList names;
    QFile file(QStringLiteral(":/examples/order.txt"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return names;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
            names << line;
    }
    return names;
}

} // namespace

QList<BuiltinExample> builtinExamples()
{
    const QDir dir(QStringLiteral(":/examples"));
    QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    // Listed files first, in their order; the rest keep the file-name order.
    const QStringList order = listedOrder();
    std::stable_sort(files.begin(), files.end(), [&order](const QString &a, const QString &b) {
        const qsizetype ia = order.indexOf(a);
        const qsizetype ib = order.indexOf(b);
        return (ia < 0 ? order.size() : ia) < (ib < 0 ? order.size() : ib);
    });

    QList<BuiltinExample> examples;
    for (const QString &file : std::as_const(files)) {
        BuiltinExample example;
        example.resourcePath = dir.filePath(file);
        example.name = QFileInfo(file).completeBaseName();
        QFile in(example.resourcePath);
        if (in.open(QIODevice::ReadOnly)) {
            const Model::ScenarioLoad load = Model::parseScenario(in.readAll());
            if (load.scenario) {
                if (!load.scenario->name.isEmpty())
                    example.name = load.scenario->name;
                example.description = load.scenario->description;
            }
        }
        examples.append(example);
    }
    return examples;
}

} // namespace Ui
