// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QWidget>

class QLabel;
class QTableView;

namespace Model {
class Document;
}

namespace Ui {

/** The rows of the problems panel: severity, location, line, message. */
class ProblemListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, LocationColumn, LineColumn, MessageColumn, ColumnCount };

    explicit ProblemListModel(QObject *parent = nullptr);
    void setProblems(const Model::Problems &problems, const QStringList &componentIds);
    const Model::Problems &problems() const { return m_problems; }

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
    QStringList m_locations;
};

/**
 * Lists Document::problems() and follows problemsChanged(). Activating a row (double
 * click, Enter) emits problemActivated(); the main window then selects the component and
 * calls InspectorWidget::focusPath(problem.path).
 */
class ProblemsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ProblemsPanel(Model::Document *document, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    ProblemListModel *model() const { return m_model; }

signals:
    void problemActivated(const Model::Problem &problem);

private:
    void refresh();

    QPointer<Model::Document> m_document;
    ProblemListModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
};

} // namespace Ui
