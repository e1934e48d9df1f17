// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"
#include "analysis/Lint.h"
#include "import/ContainerImport.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QWidget>

class QLabel;
class QTableView;

namespace Model {
class Document;
}

namespace Ui {

/**
 * The rows of the problems panel: severity, location, line, message. The document's problems
 * come first, then the architecture lint's findings (docs/lint.md), marked "lint", then what
 * an import left to review (docs/import.md): "import default", "import note" and "container
 * warning" rows, whose line is in the imported file.
 */
class ProblemListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, LocationColumn, LineColumn, MessageColumn, ColumnCount };

    explicit ProblemListModel(QObject *parent = nullptr);
    void setProblems(const Model::Problems &problems,
                     const QStringList &componentIds,
                     const std::vector<Model::LintFinding> &findings = {},
                     const QList<Model::ImportReviewItem> &imported = {});
    const Model::Problems &problems() const { return m_problems; }
    const std::vector<Model::LintFinding> &findings() const { return m_findings; }
    /** The lint finding of a row, or nullptr for a problem's row. */
    const Model::LintFinding *findingAt(int row) const;
    /** The import row of a row, or nullptr for another row. */
    const Model::ImportReviewItem *importItemAt(int row) const;
    /** The problem a row stands for; a finding's names its component ($.components[i]). */
    Model::Problem problemAt(int row) const;

    /** "catalog › concurrency.threads", "workload › entry": where a problem is, for people. */
    static QString location(const QString &path, const QStringList &componentIds);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    Model::Problems m_problems;
    std::vector<Model::LintFinding> m_findings;
    QList<Model::ImportReviewItem> m_imported;
    QStringList m_componentIds;
    QStringList m_locations;
};

/**
 * Lists Document::problems() and follows problemsChanged(), then the lint findings it is
 * given (setLint; the silenced ones only counted). A click on a row emits problemSelected()
 * (the editor selects the component it names on the canvas; the keyboard focus stays here,
 * so Ctrl+Shift+I still reaches the row). Activating a row (double click, Enter) emits
 * problemActivated(); the main window then selects the component and calls
 * InspectorWidget::focusPath(problem.path). A lint row's context menu (and Ctrl+Shift+I on
 * it) offers to silence the finding: silenceRequested().
 */
class ProblemsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ProblemsPanel(Model::Document *document, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    ProblemListModel *model() const { return m_model; }
    QString summaryText() const;

    /** The scenario's lint findings under the project's settings (ScenarioEditors). */
    void setLint(const Model::LintReport &report);
    /** What the scenario's import left to review (ProjectDocument::importReview). */
    void setImportReview(const QList<Model::ImportReviewItem> &items);

signals:
    void problemSelected(const Model::Problem &problem);
    void problemActivated(const Model::Problem &problem);
    void silenceRequested(const Model::LintFinding &finding);
    void lintSettingsRequested();

private:
    void refresh();
    void showContextMenu(const QPoint &pos);

    QPointer<Model::Document> m_document;
    ProblemListModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    Model::LintReport m_lint;
    QList<Model::ImportReviewItem> m_imported;
};

} // namespace Ui
