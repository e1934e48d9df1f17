// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QTreeWidget>

namespace Model {
class ProjectDocument;
struct SavedRun;
} // namespace Model

namespace Ui {

/**
 * The project's scenarios (top level, in project order) with their saved runs (children,
 * newest first). It follows the ProjectDocument's signals and holds nothing but the items
 * it shows (ids in Qt::UserRole). Selecting a scenario emits scenarioSelected(); selecting
 * a run emits runSelected(). Damaged scenarios are shown greyed with a warning icon. The
 * context menu offers the actions set with setScenarioActions() / setRunActions(). A run's
 * tooltip holds its whole line and what changed in the scenario since the run before it.
 * F2 on a selected run emits runRenameRequested() (on a scenario, the window's F2 acts).
 */
class ProjectPanel final : public QTreeWidget
{
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole, ScenarioIdRole };

    explicit ProjectPanel(QWidget *parent = nullptr);

    void setProject(Model::ProjectDocument *project);

    /** Selects the scenario's row (without emitting scenarioSelected()). */
    void setCurrentScenario(const QString &scenarioId);
    /** Selects the run's row (without emitting runSelected()). */
    void setCurrentRun(const QString &scenarioId, const QString &runId);

    QString selectedScenarioId() const; ///< the scenario of the selected row (or of its run)
    QString selectedRunId() const;      ///< empty unless a run row is selected

    QTreeWidgetItem *scenarioItem(const QString &scenarioId) const;
    QTreeWidgetItem *runItem(const QString &scenarioId, const QString &runId) const;

    void setScenarioActions(const QList<QAction *> &actions) { m_scenarioActions = actions; }
    void setRunActions(const QList<QAction *> &actions) { m_runActions = actions; }

    /** "10:42:05 · 200 s · seed 1 · p99 22.1 ms" (or the label when the run has one). */
    static QString runText(const Model::SavedRun &run);

signals:
    void scenarioSelected(const QString &scenarioId);
    void runSelected(const QString &scenarioId, const QString &runId);
    void runRenameRequested(const QString &scenarioId, const QString &runId);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void rebuild();
    QTreeWidgetItem *createScenarioItem(const QString &scenarioId, int index);
    void updateScenarioItem(QTreeWidgetItem *item);
    void fillRuns(QTreeWidgetItem *item);
    QString runToolTip(const QString &scenarioId, const Model::SavedRun &run) const;
    void onSelectionChanged();

    QPointer<Model::ProjectDocument> m_project;
    QList<QAction *> m_scenarioActions;
    QList<QAction *> m_runActions;
    bool m_quiet = false;
};

} // namespace Ui
