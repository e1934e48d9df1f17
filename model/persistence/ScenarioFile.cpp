// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScenarioFile.h"

#include <QDir>
#include <QSaveFile>

namespace Model {

ScenarioLoad ScenarioFile::importFrom(const QString &fileName)
{
    return loadScenarioFile(fileName);
}

bool ScenarioFile::exportTo(const Scenario &scenario,
                            const QString &fileName,
                            QString *error,
                            const ScenarioLayout *layout)
{
    QByteArray text;
    if (layout) {
        Scenario placed = scenario;
        applyLayoutToScenario(*layout, &placed);
        text = serializeScenario(placed);
    } else {
        text = serializeScenario(scenario);
    }

    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("Could not export to '%1': %2. An existing file of that "
                                    "name was not changed.")
                         .arg(QDir::toNativeSeparators(fileName), file.errorString());
        return false;
    }
    return true;
}

} // namespace Model
