// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Binder.h"
#include "FieldRegistry.h"
#include "Scenario.h"

#include <QWidget>

#include <functional>
#include <memory>

class QTreeWidget;
class QTreeWidgetItem;
class QToolButton;

namespace Ui {

class PageStack;

/** Where a step is: indices from the handler's list down through nested lists. A call's
 *  nested list is its "fallback"; parallel, probability and cache nest their "steps". */
using StepAddress = QList<int>;

/**
 * The steps of one handler: a tree of one-line summaries ("call catalog get_item · timeout
 * 500 ms · 2 retries") with add, add-inside, remove and move buttons, and a detail form
 * for the selected step with all its fields.
 *
 * setSteps() shows the document's steps without emitting and keeps the selection; every
 * user change emits stepsChanged() with the whole new list and a merge key naming the
 * field relative to the handler ("[0].cpu_ms.mean", or "" for structural changes).
 */
class StepListEditor : public QWidget
{
    Q_OBJECT

public:
    /** Component ids offered by the target combos, and the service's concurrency model. */
    struct Context
    {
        QStringList callTargets;
        /// what a new call step calls: one that closes no cycle (Model::defaultCallTarget),
        /// or none until the user picks one
        QString defaultCallTarget;
        QStringList queues;
        QStringList caches;
        bool eventLoop = false;
    };

    explicit StepListEditor(QWidget *parent = nullptr);
    ~StepListEditor() override;

    void setContext(const Context &context);
    void setSteps(const Model::Steps &steps);
    const Model::Steps &steps() const { return m_steps; }

    /** The handler's JSON path ("$.components[1].handlers.browse"), for problems. */
    void setBasePath(const QString &path);
    void showProblems(const Model::Problems &problems);
    /** Selects the step of `path` and focuses its field; false when it is not here. */
    bool focusPath(const QString &path);
    /** Selects the step of `path` and scrolls it into view, leaving the focus where it is
     *  (the canvas, when a link was clicked); false when it is not here. */
    bool revealPath(const QString &path);

    /** The path of the first step (depth first, nested lists too) that `match` accepts,
     *  relative to the handler ("[0].parallel[1]"); empty when none does. */
    static QString pathOfStep(const Model::Steps &steps,
                              const std::function<bool(const Model::Step &)> &match);

    /** One line describing a step, as the tree shows it. */
    static QString summary(const Model::Step &step);
    static Model::Step newStep(Model::Step::Kind kind);

    // actions (also behind the tool buttons)
    void selectStep(const StepAddress &address);
    StepAddress selectedAddress() const;
    /** Adds a step after the selected one (or at the end); it becomes selected. */
    void addStep(Model::Step::Kind kind);
    /** Adds a step at the end of the selected step's nested list. */
    void addInside(Model::Step::Kind kind);
    void removeSelected();
    void moveSelected(int delta);

    QTreeWidget *tree() const { return m_tree; }
    /** The detail field registered at `relativePath` ("[0].timeout_ms"), if shown. */
    QWidget *detailField(const QString &relativePath) const;

signals:
    void stepsChanged(const Model::Steps &steps, const QString &mergeKey);

private:
    void rebuildTree();
    void showSelected();
    void commit(const QString &mergeKey);
    void updateButtons();
    void buildDetails();
    bool selectPath(const QString &path, bool focus);

    Model::Steps m_steps;
    Context m_context;
    QString m_basePath;
    Model::Problems m_problems;
    QTreeWidget *m_tree;
    QToolButton *m_addButton;
    QToolButton *m_addInsideButton;
    QToolButton *m_removeButton;
    QToolButton *m_upButton;
    QToolButton *m_downButton;
    PageStack *m_details;
    QHash<int, QWidget *> m_pages; ///< Step::Kind -> page
    FieldRegistry m_registry;
    std::unique_ptr<Binder<Model::Step>> m_binder;
    StepAddress m_shown;
};

} // namespace Ui
