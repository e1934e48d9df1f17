// SPDX-License-Identifier: GPL-3.0-or-later
#include "BuiltinExamples.h"

#include "ScenarioIo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace Ui {

QStringList orderedResourceFiles(const QString &dir)
{
    QStringList order;
    QFile list(dir + QStringLiteral("/order.txt"));
    if (list.open(QIODevice::ReadOnly | QIODevice::Text)) {
        while (!list.atEnd()) {
            const QString line = QString::fromUtf8(list.readLine()).trimmed();
            if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
                order << line;
        }
    }
    QStringList files = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    std::stable_sort(files.begin(), files.end(), [&order](const QString &a, const QString &b) {
        const qsizetype ia = order.indexOf(a);
        const qsizetype ib = order.indexOf(b);
        return (ia < 0 ? order.size() : ia) < (ib < 0 ? order.size() : ib);
    });
    return files;
}

QList<BuiltinExample> builtinExamples()
{
    const QDir dir(QStringLiteral(":/examples"));
    const QStringList files = orderedResourceFiles(dir.path());

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
