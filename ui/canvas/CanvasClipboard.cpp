// SPDX-License-Identifier: GPL-3.0-or-later
#include "CanvasClipboard.h"

#include "Document.h"
#include "ScenarioIo.h"

#include <QRegularExpression>
#include <QSet>

namespace Ui {

QByteArray componentsToJson(const Model::Document &document, const QStringList &ids)
{
    Model::Scenario fragment;
    fragment.name = QStringLiteral("clipboard");
    for (const Model::Component &c : document.scenario().components) {
        if (!ids.contains(c.id))
            continue;
        const QPointF p = document.layout().positions.value(c.id);
        Model::UiPosition ui = document.scenario().diagram.positions.value(c.id);
        ui.x = p.x();
        ui.y = p.y();
        fragment.diagram.positions.insert(c.id, ui);
        fragment.components.append(c);
    }
    if (fragment.components.isEmpty())
        return {};
    return Model::serializeScenario(fragment);
}

QList<PastedComponent> componentsFromJson(const QByteArray &json, const Model::Document &document)
{
    // the fragment has no workload, so the load reports problems; the components are read anyway
    const Model::ScenarioLoad load = Model::parseScenario(json);
    if (!load.scenario || load.scenario->components.isEmpty())
        return {};
    Model::Scenario fragment = *load.scenario;
    fragment.workload = {};
    fragment.faults.clear();

    QSet<QString> taken;
    for (const Model::Component &c : document.scenario().components)
        taken.insert(c.id);
    for (const Model::Component &c : fragment.components)
        taken.insert(c.id);

    // two passes through unique placeholders, so that a new id equal to another pasted
    // component's old id cannot be rewritten twice
    static const QRegularExpression suffix(QStringLiteral("_\\d+$"));
    QStringList finalIds;
    QMap<QString, Model::UiPosition> positions; // by placeholder id
    for (int i = 0; i < fragment.components.size(); ++i) {
        Model::Component &c = fragment.components[i];
        QString stem = c.id;
        stem.remove(suffix);
        if (stem.isEmpty())
            stem = QStringLiteral("component");
        QString id;
        for (int n = 1;; ++n) {
            id = QStringLiteral("%1_%2").arg(stem).arg(n);
            if (!taken.contains(id))
                break;
        }
        taken.insert(id);
        finalIds.append(id);
        const QString placeholder = QStringLiteral("\x01paste%1").arg(i);
        Model::renameReferences(fragment, c.id, placeholder);
        positions.insert(placeholder, fragment.diagram.positions.value(c.id));
        c.id = placeholder;
    }
    QList<PastedComponent> result;
    for (int i = 0; i < fragment.components.size(); ++i) {
        Model::renameReferences(fragment, fragment.components.at(i).id, finalIds.at(i));
        fragment.components[i].id = finalIds.at(i);
    }
    for (int i = 0; i < fragment.components.size(); ++i) {
        const Model::UiPosition ui = positions.value(QStringLiteral("\x01paste%1").arg(i));
        result.append(PastedComponent{fragment.components.at(i), QPointF(ui.x, ui.y)});
    }
    return result;
}

} // namespace Ui
