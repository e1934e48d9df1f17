// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProjectPanel.h"

#include "Formatting.h"
#include "ProjectDocument.h"

#include <QContextMenuEvent>
#include <QDateTime>
#include <QHeaderView>
#include <QJsonObject>
#include <QKeyEvent>
#include <QMenu>
#include <QSignalBlocker>
#include <QStyle>

namespace Ui {

ProjectPanel::ProjectPanel(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("projectPanel"));
    setHeaderHidden(true);
    setColumnCount(1);
    // several scenarios at once, to compare them
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setUniformRowHeights(true);
    setExpandsOnDoubleClick(true);
    connect(this, &QTreeWidget::itemSelectionChanged, this, &ProjectPanel::onSelectionChanged);
}

void ProjectPanel::setProject(Model::ProjectDocument *project)
{
    if (m_project)
        disconnect(m_project, nullptr, this, nullptr);
    m_project = project;
    if (project) {
        connect(project, &Model::ProjectDocument::projectReset, this, &ProjectPanel::rebuild);
        connect(project, &Model::ProjectDocument::scenarioAdded, this, [this](const QString &id) {
            createScenarioItem(id, m_project->indexOf(id));
        });
        connect(project, &Model::ProjectDocument::scenarioRemoved, this, [this](const QString &id) {
            delete scenarioItem(id);
        });
        connect(project, &Model::ProjectDocument::scenarioRenamed, this, [this](const QString &id) {
            if (QTreeWidgetItem *item = scenarioItem(id))
                updateScenarioItem(item);
        });
        connect(project,
                &Model::ProjectDocument::scenarioMoved,
                this,
                [this](const QString &id, int, int to) {
                    QTreeWidgetItem *item = scenarioItem(id);
                    if (!item)
                        return;
                    const QSignalBlocker blocker(this);
                    const bool selected = item->isSelected();
                    const bool expanded = item->isExpanded();
                    takeTopLevelItem(indexOfTopLevelItem(item));
                    insertTopLevelItem(to, item);
                    item->setExpanded(expanded);
                    item->setSelected(selected);
                });
        auto runsChanged = [this](const QString &scenarioId, const QString &) {
            if (QTreeWidgetItem *item = scenarioItem(scenarioId))
                fillRuns(item);
        };
        connect(project, &Model::ProjectDocument::runAdded, this, runsChanged);
        connect(project, &Model::ProjectDocument::runRemoved, this, runsChanged);
        connect(project, &Model::ProjectDocument::runChanged, this, runsChanged);
        connect(project,
                &Model::ProjectDocument::comparisonAdded,
                this,
                &ProjectPanel::fillComparisons);
        connect(project,
                &Model::ProjectDocument::comparisonRemoved,
                this,
                &ProjectPanel::fillComparisons);
    }
    rebuild();
}

void ProjectPanel::rebuild()
{
    const QSignalBlocker blocker(this);
    clear();
    if (!m_project)
        return;
    const QStringList ids = m_project->scenarioIds();
    for (int i = 0; i < ids.size(); ++i)
        createScenarioItem(ids.at(i), i);
    fillComparisons();
}

ProjectPanel::ItemKind ProjectPanel::kindOf(const QTreeWidgetItem *item)
{
    return static_cast<ItemKind>(item->data(0, KindRole).toInt());
}

QTreeWidgetItem *ProjectPanel::comparisonsItem() const
{
    for (int i = topLevelItemCount() - 1; i >= 0; --i) {
        if (kindOf(topLevelItem(i)) == ItemKind::ComparisonGroup)
            return topLevelItem(i);
    }
    return nullptr;
}

QTreeWidgetItem *ProjectPanel::comparisonItem(const QString &comparisonId) const
{
    QTreeWidgetItem *group = comparisonsItem();
    for (int i = 0; group && i < group->childCount(); ++i) {
        if (group->child(i)->data(0, IdRole).toString() == comparisonId)
            return group->child(i);
    }
    return nullptr;
}

void ProjectPanel::fillComparisons()
{
    const QSignalBlocker blocker(this);
    QTreeWidgetItem *group = comparisonsItem();
    QString selected;
    const bool expanded = !group || group->isExpanded();
    if (group) {
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->isSelected())
                selected = group->child(i)->data(0, IdRole).toString();
        }
        delete group;
    }
    const QList<Model::SavedComparison> comparisons = m_project->comparisons();
    if (comparisons.isEmpty())
        return;
    group = new QTreeWidgetItem;
    group->setData(0, KindRole, static_cast<int>(ItemKind::ComparisonGroup));
    group->setText(0, tr("Comparisons"));
    group->setIcon(0, style()->standardIcon(QStyle::SP_DirIcon));
    group->setFlags(Qt::ItemIsEnabled);
    group->setToolTip(0, tr("Saved comparisons of scenarios (Simulation > Compare Scenarios)"));
    addTopLevelItem(group);
    for (qsizetype i = comparisons.size() - 1; i >= 0; --i) { // newest first
        const Model::SavedComparison &c = comparisons.at(i);
        auto child = new QTreeWidgetItem(group);
        child->setData(0, IdRole, c.id);
        child->setData(0, KindRole, static_cast<int>(ItemKind::Comparison));
        child->setText(0, comparisonText(c));
        child->setIcon(0, style()->standardIcon(QStyle::SP_FileDialogContentsView));
        child->setToolTip(0,
                          tr("%1\nFinished %2. Select it to show it without running again.")
                              .arg(comparisonText(c),
                                   c.timestamp.toLocalTime().toString(Qt::ISODate)));
        if (c.id == selected)
            child->setSelected(true);
    }
    group->setExpanded(expanded);
}

QString ProjectPanel::comparisonText(const Model::SavedComparison &comparison)
{
    QString text = comparison.label.isEmpty() ? comparison.scenarioNames().join(tr(" vs "))
                                              : comparison.label;
    const QDateTime local = comparison.timestamp.toLocalTime();
    text += QStringLiteral(" · ")
            + local.toString(local.date() == QDate::currentDate()
                                 ? QStringLiteral("HH:mm:ss")
                                 : QStringLiteral("yyyy-MM-dd HH:mm"));
    if (comparison.comparison.value(QStringLiteral("replications")).isDouble())
        text += tr(" · %1 replications")
                    .arg(comparison.comparison.value(QStringLiteral("replications")).toInt());
    if (comparison.unreadableJson)
        text += tr(" · damaged");
    return text;
}

void ProjectPanel::setCurrentComparison(const QString &comparisonId)
{
    const QSignalBlocker blocker(this);
    if (QTreeWidgetItem *item = comparisonItem(comparisonId)) {
        item->parent()->setExpanded(true);
        setCurrentItem(item);
    }
}

QTreeWidgetItem *ProjectPanel::createScenarioItem(const QString &scenarioId, int index)
{
    auto item = new QTreeWidgetItem;
    item->setData(0, IdRole, scenarioId);
    item->setData(0, ScenarioIdRole, scenarioId);
    item->setData(0, KindRole, static_cast<int>(ItemKind::Scenario));
    {
        const QSignalBlocker blocker(this);
        // scenarios stay above the comparisons
        const int end = topLevelItemCount() - (comparisonsItem() ? 1 : 0);
        insertTopLevelItem(index < 0 || index > end ? end : index, item);
    }
    updateScenarioItem(item);
    fillRuns(item);
    return item;
}

void ProjectPanel::updateScenarioItem(QTreeWidgetItem *item)
{
    const QString id = item->data(0, IdRole).toString();
    QString name = m_project->scenarioName(id);
    if (name.isEmpty())
        name = tr("(unnamed scenario)");
    item->setText(0, name);
    if (m_project->isReadable(id)) {
        item->setIcon(0, style()->standardIcon(QStyle::SP_FileIcon));
        item->setToolTip(0, name);
        item->setForeground(0, palette().brush(QPalette::Text));
    } else {
        item->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        QStringList why;
        for (const Model::Problem &problem : m_project->loadProblems(id))
            why << problem.message;
        item->setToolTip(0,
                         tr("This scenario could not be read and cannot be edited; it is "
                            "kept unchanged in the project.\n%1")
                             .arg(why.join(QLatin1Char('\n'))));
        item->setForeground(0, palette().brush(QPalette::Disabled, QPalette::Text));
    }
}

void ProjectPanel::fillRuns(QTreeWidgetItem *item)
{
    const QSignalBlocker blocker(this);
    const QString scenarioId = item->data(0, IdRole).toString();
    QString selectedRun;
    for (QTreeWidgetItem *child : item->takeChildren()) {
        if (child->isSelected())
            selectedRun = child->data(0, IdRole).toString();
        delete child;
    }
    const QList<Model::SavedRun> runs = m_project->runs(scenarioId);
    for (qsizetype i = runs.size() - 1; i >= 0; --i) { // newest first
        const Model::SavedRun &run = runs.at(i);
        auto child = new QTreeWidgetItem(item);
        child->setData(0, IdRole, run.id);
        child->setData(0, ScenarioIdRole, scenarioId);
        child->setData(0, KindRole, static_cast<int>(ItemKind::Run));
        child->setText(0, runText(run));
        child->setIcon(0, style()->standardIcon(QStyle::SP_FileDialogDetailedView));
        child->setToolTip(0, runToolTip(scenarioId, run));
        if (run.id == selectedRun)
            child->setSelected(true);
    }
}

QString ProjectPanel::runToolTip(const QString &scenarioId, const Model::SavedRun &run) const
{
    // The whole line (the dock cuts it), then what was run and what changed since before.
    QString tip = runText(run) + QLatin1Char('\n')
                  + tr("Finished %1, engine %2.")
                        .arg(run.timestamp.toLocalTime().toString(Qt::ISODate), run.engineVersion);
    const std::optional<QStringList> changes = m_project->changesSincePreviousRun(scenarioId,
                                                                                  run.id);
    if (!changes) {
        tip += QLatin1Char('\n')
               + tr("What changed since the previous run is known for the runs made since "
                    "the project was opened.");
    } else if (m_project->runs(scenarioId).constFirst().id == run.id) {
        tip += QLatin1Char('\n') + tr("The first saved run of this scenario.");
    } else if (changes->isEmpty()) {
        tip += QLatin1Char('\n') + tr("The scenario is the same as in the previous run.");
    } else {
        tip += QLatin1Char('\n') + tr("Changed since the previous run:");
        for (const QString &change : *changes)
            tip += QStringLiteral("\n  • ") + change;
    }
    tip += QLatin1Char('\n')
           + tr("Select it to show its results without running again; F2 gives it a label.");
    return tip;
}

bool ProjectPanel::event(QEvent *event)
{
    // F2 on a run labels it, before the window's F2 (rename the scenario) takes the key.
    if (event->type() == QEvent::ShortcutOverride
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_F2
        && static_cast<QKeyEvent *>(event)->modifiers() == Qt::NoModifier
        && !selectedRunId().isEmpty()) {
        event->accept();
        return true;
    }
    return QTreeWidget::event(event);
}

void ProjectPanel::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_F2 && event->modifiers() == Qt::NoModifier
        && !selectedRunId().isEmpty()) {
        emit runRenameRequested(selectedScenarioId(), selectedRunId());
        return;
    }
    QTreeWidget::keyPressEvent(event);
}

QString ProjectPanel::runText(const Model::SavedRun &run)
{
    // Short enough for a narrow dock: the time alone for today's runs.
    const QDateTime local = run.timestamp.toLocalTime();
    QString text = local.toString(local.date() == QDate::currentDate()
                                      ? QStringLiteral("HH:mm:ss")
                                      : QStringLiteral("yyyy-MM-dd HH:mm"));
    if (!run.label.isEmpty())
        text = run.label + QStringLiteral(" · ") + text;
    text += tr(" · %1 s · seed %2")
                .arg(formatPlain(run.parameters.durationS))
                .arg(run.parameters.seed);
    // The results JSON (cli.md): "requests" maps names to figures, "_all" for all of them.
    const double p99 = run.results.value(QStringLiteral("requests"))
                           .toObject()
                           .value(QStringLiteral("_all"))
                           .toObject()
                           .value(QStringLiteral("latency_ms"))
                           .toObject()
                           .value(QStringLiteral("p99"))
                           .toDouble(-1);
    if (p99 >= 0)
        text += tr(" · p99 %1 ms").arg(formatMilliseconds(p99));
    if (run.results.value(QStringLiteral("cancelled")).toBool())
        text += tr(" · cancelled");
    if (run.unreadableResults)
        text += tr(" · damaged");
    return text;
}

QTreeWidgetItem *ProjectPanel::scenarioItem(const QString &scenarioId) const
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        if (kindOf(topLevelItem(i)) == ItemKind::Scenario
            && topLevelItem(i)->data(0, IdRole).toString() == scenarioId)
            return topLevelItem(i);
    }
    return nullptr;
}

QTreeWidgetItem *ProjectPanel::runItem(const QString &scenarioId, const QString &runId) const
{
    QTreeWidgetItem *scenario = scenarioItem(scenarioId);
    for (int i = 0; scenario && i < scenario->childCount(); ++i) {
        if (scenario->child(i)->data(0, IdRole).toString() == runId)
            return scenario->child(i);
    }
    return nullptr;
}

void ProjectPanel::setCurrentScenario(const QString &scenarioId)
{
    const QSignalBlocker blocker(this);
    QTreeWidgetItem *item = scenarioItem(scenarioId);
    if (item)
        setCurrentItem(item);
    else
        clearSelection();
}

void ProjectPanel::setCurrentRun(const QString &scenarioId, const QString &runId)
{
    const QSignalBlocker blocker(this);
    if (QTreeWidgetItem *item = runItem(scenarioId, runId)) {
        item->parent()->setExpanded(true);
        setCurrentItem(item);
    }
}

QString ProjectPanel::selectedScenarioId() const
{
    const QList<QTreeWidgetItem *> items = selectedItems();
    return items.isEmpty() ? QString() : items.first()->data(0, ScenarioIdRole).toString();
}

QString ProjectPanel::selectedRunId() const
{
    const QList<QTreeWidgetItem *> items = selectedItems();
    return items.isEmpty() || kindOf(items.first()) != ItemKind::Run
               ? QString()
               : items.first()->data(0, IdRole).toString();
}

QStringList ProjectPanel::selectedScenarioIds() const
{
    QStringList ids;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = topLevelItem(i);
        if (kindOf(item) == ItemKind::Scenario && item->isSelected())
            ids.append(item->data(0, IdRole).toString());
    }
    return ids;
}

QString ProjectPanel::selectedComparisonId() const
{
    const QList<QTreeWidgetItem *> items = selectedItems();
    return items.size() != 1 || kindOf(items.first()) != ItemKind::Comparison
               ? QString()
               : items.first()->data(0, IdRole).toString();
}

void ProjectPanel::onSelectionChanged()
{
    // several rows selected (to compare them) show nothing new
    if (selectedItems().size() != 1)
        return;
    const QString comparisonId = selectedComparisonId();
    if (!comparisonId.isEmpty()) {
        emit comparisonSelected(comparisonId);
        return;
    }
    const QString scenarioId = selectedScenarioId();
    if (scenarioId.isEmpty())
        return;
    const QString runId = selectedRunId();
    if (runId.isEmpty())
        emit scenarioSelected(scenarioId);
    else
        emit runSelected(scenarioId, runId);
}

void ProjectPanel::contextMenuEvent(QContextMenuEvent *event)
{
    QTreeWidgetItem *item = itemAt(viewport()->mapFrom(this, event->pos()));
    if (item && !item->isSelected())
        setCurrentItem(item); // selects it (and shows it) first, as file managers do
    const ItemKind kind = item ? kindOf(item) : ItemKind::Scenario;
    const QList<QAction *> &actions = kind == ItemKind::ComparisonGroup ? QList<QAction *>()
                                      : kind == ItemKind::Comparison    ? m_comparisonActions
                                      : kind == ItemKind::Run           ? m_runActions
                                      : item && selectedScenarioIds().size() > 1
                                          ? m_multiScenarioActions
                                          : m_scenarioActions;
    if (actions.isEmpty())
        return;
    QMenu menu(this);
    menu.addActions(actions);
    menu.exec(event->globalPos());
}

} // namespace Ui
