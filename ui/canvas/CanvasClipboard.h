// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QByteArray>
#include <QList>
#include <QPointF>
#include <QStringList>

namespace Model {
class Document;
}

namespace Ui {

/** Mime type of copied components: a scenario-format JSON fragment. */
inline constexpr char kComponentsMimeType[] = "application/x-archsim-components";
/** Mime type of a palette drag: the kind's format word ("service", ...). */
inline constexpr char kKindMimeType[] = "application/x-archsim-kind";

/**
 * The components `ids` of `document` as a scenario-format document that holds only them
 * (no workload), each with its canvas position in "ui".
 */
QByteArray componentsToJson(const Model::Document &document, const QStringList &ids);

struct PastedComponent
{
    Model::Component component;
    QPointF position;
};

/**
 * The components of a fragment made by componentsToJson, renamed to ids no component of
 * `document` uses (Document::uniqueId-style "stem_N"), with references between them
 * rewritten to the new ids; references to components outside the fragment are kept.
 * Empty when `json` holds no components.
 */
QList<PastedComponent> componentsFromJson(const QByteArray &json, const Model::Document &document);

} // namespace Ui
