// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QTreeWidget>

namespace Model {
class ProjectDocument;
struct SavedComparison;
struct SavedRun;
} // namespace Model

namespace Ui {

/**
 * The project's scenarios (top level, in project order) with their saved runs (children,
 * newest first), then, when the project has any, a "Comparisons" item with the saved
 * comparisons (newest first). It follows the ProjectDocument's signals and holds nothing but
 * the items it shows (ids in Qt::UserRole). Selecting one scenario emits scenarioSelected();
 * selecting a run emits runSelected(); selecting a comparison emits comparisonSelected().
 * Several scenarios can be selected at once (Ctrl/Shift-click): that emits nothing, and
 * the context menu then offers the actions of setMultiScenarioActions() (Compare).
 * Damaged scenarios are shown greyed with a warning icon. The context menu offers the
 * actions set with setScenarioActions() / setRunActions() / setComparisonActions(). A run's
 * tooltip holds its whole line and what changed in the scenario since the run before it.
 * F2 on a selected run emits runRenameRequested() (on a scenario, the window's F2 acts).
 */
class ProjectPanel final : public QTreeWidget
{
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole, ScenarioIdRole, KindRole };
    enum class ItemKind { Scenario, Run, ComparisonGroup, Comparison };

    explicit ProjectPanel(QWidget *parent = nullptr);

    void setProject(Model::ProjectDocument *project);

    /** Selects the scenario's row (without emitting scenarioSelected()). */
    void setCurrentScenario(const QString &scenarioId);
    /** Selects the run's row (without emitting runSelected()). */
    void setCurrentRun(const QString &scenarioId, const QString &runId);

    QString selectedScenarioId() const; ///< the scenario of the selected row (or of its run)
    QString selectedRunId() const;      ///< empty unless a run row is selected
    /** The selected scenarios (not runs), in project order. */
    QStringList selectedScenarioIds() const;
    QString selectedComparisonId() const; ///< empty unless a comparison row is selected

    QTreeWidgetItem *scenarioItem(const QString &scenarioId) const;
    QTreeWidgetItem *runItem(const QString &scenarioId, const QString &runId) const;
    /** The "Comparisons" item; nullptr while the project has none. */
    QTreeWidgetItem *comparisonsItem() const;
    QTreeWidgetItem *comparisonItem(const QString &comparisonId) const;
    /** Selects the comparison's row (without emitting comparisonSelected()). */
    void setCurrentComparison(const QString &comparisonId);

    void setScenarioActions(const QList<QAction *> &actions) { m_scenarioActions = actions; }
    void setRunActions(const QList<QAction *> &actions) { m_runActions = actions; }
    void setComparisonActions(const QList<QAction *> &actions) { m_comparisonActions = actions; }
    void setMultiScenarioActions(const QList<QAction *> &actions)
    {
        m_multiScenarioActions = actions;
    }

    /** "10:42:05 · 200 s · seed 1 · p99 22.1 ms" (or the label when the run has one). */
    static QString runText(const Model::SavedRun &run);
    /** "Shop: monolith vs Shop: microservices · 10:42" (the label instead of the names). */
    static QString comparisonText(const Model::SavedComparison &comparison);

signals:
    void scenarioSelected(const QString &scenarioId);
    void runSelected(const QString &scenarioId, const QString &runId);
    void runRenameRequested(const QString &scenarioId, const QString &runId);
    void comparisonSelected(const QString &comparisonId);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void rebuild();
    QTreeWidgetItem *createScenarioItem(const QString &scenarioId, int index);
    void updateScenarioItem(QTreeWidgetItem *item);
    void fillRuns(QTreeWidgetItem *item);
    void fillComparisons();
    static ItemKind kindOf(const QTreeWidgetItem *item);
    QString runToolTip(const QString &scenarioId, const Model::SavedRun &run) const;
    void onSelectionChanged();

    QPointer<Model::ProjectDocument> m_project;
    QList<QAction *> m_scenarioActions;
    QList<QAction *> m_runActions;
    QList<QAction *> m_comparisonActions;
    QList<QAction *> m_multiScenarioActions;
    bool m_quiet = false;
};

} // namespace Ui
