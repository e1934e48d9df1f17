// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Ui {

/** A scenario shipped inside the application (resources/examples, compiled into Qt resources). */
struct BuiltinExample
{
    QString resourcePath; ///< e.g. ":/examples/mm1.json"
    QString name;         ///< the scenario's name, or the file name when it cannot be read
    QString description;
};

/**
 * The built-in examples: first those listed in resources/examples/order.txt, in that order
 * (M/M/1 first), then any other, by file name.
 */
QList<BuiltinExample> builtinExamples();

/**
 * The *.json file names of resource folder `dir` (":/examples", ":/lessons"): first those
 * its order.txt lists (one name a line, # starts a comment), in that order, then any other,
 * by file name.
 */
QStringList orderedResourceFiles(const QString &dir);

} // namespace Ui
