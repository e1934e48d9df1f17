// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"

#include <QPointer>
#include <QString>
#include <QWidget>

#include <vector>

namespace Ui {

/**
 * The JSON path each field widget of a form edits, relative to the form's base path
 * (".replicas" under "$.components[2]"). It marks the fields that have problems and finds
 * the field for a problem's path. Widgets that are destroyed drop out by themselves.
 */
class FieldRegistry
{
public:
    /** Registers `field` (or moves it) at `relativePath`, e.g. ".concurrency.threads". */
    void setPath(QWidget *field, const QString &relativePath);
    void setBasePath(const QString &basePath) { m_basePath = basePath; }
    const QString &basePath() const { return m_basePath; }
    QString pathOf(const QWidget *field) const;

    /**
     * Gives every field whose path, or a path below it, has a problem a red (error) or amber
     * (warning) frame and the problems' sentences as its tooltip; clears the others.
     */
    void showProblems(const Model::Problems &problems);

    /** The visible field that edits `path`: the one with the longest path that contains it. */
    QWidget *fieldFor(const QString &path) const;

private:
    struct Entry
    {
        QPointer<QWidget> widget;
        QString path;
    };
    void prune();

    std::vector<Entry> m_entries;
    QString m_basePath;
};

/** Problem marking of one widget: severity "error", "warning" or "" (none). */
void markField(QWidget *field, const QString &severity, const QStringList &messages);

/** The style sheet the inspector sets on its root so marked fields get their frame. */
QString problemStyleSheet();

/** Gives `field` keyboard focus, scrolls it into view and flashes a blue frame briefly. */
void focusField(QWidget *field);
/** Scrolls `field` into view and flashes a blue frame briefly; the focus stays where it is. */
void revealField(QWidget *field);

} // namespace Ui
