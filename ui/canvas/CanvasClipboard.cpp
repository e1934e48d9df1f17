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
        Model::Component copy = c;
        const QPointF p = document.layout().positions.value(c.id);
        Model::UiPosition ui = copy.ui.value_or(Model::UiPosition());
        ui.x = p.x();
        ui.y = p.y();
        copy.ui = ui;
        fragment.components.append(copy);
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
        c.id = placeholder;
    }
    QList<PastedComponent> result;
    for (int i = 0; i < fragment.components.size(); ++i) {
        Model::renameReferences(fragment, fragment.components.at(i).id, finalIds.at(i));
        fragment.components[i].id = finalIds.at(i);
    }
    for (Model::Component c : fragment.components) {
        const QPointF pos = c.ui ? QPointF(c.ui->x, c.ui->y) : QPointF();
        // positions live in the layout; keep "ui" only for fields this version does not know
        if (c.ui && c.ui->extra.isEmpty())
            c.ui.reset();
        result.append(PastedComponent{c, pos});
    }
    return result;
}

} // namespace Ui
