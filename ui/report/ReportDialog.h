// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Report.h"

#include <QDialog>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;
QT_END_NAMESPACE

namespace Model {
class ProjectDocument;
struct ReportData;
} // namespace Model

namespace Ui {

class BackgroundJob;
class JobControls;

/**
 * File > Export Report… (docs/report.md): which sections the PDF holds and in which order
 * (ticked, dragged or moved with the arrows; a section whose feature the project lacks is
 * greyed), the scenarios, a comparison to run, the decision and the plan, title, author and
 * paper. Export (Ctrl+Return) asks for the file, gathers the figures on a worker thread
 * (saved results where the project has them, runs where not; progress, Esc cancels) and
 * writes the PDF. The choice is remembered in the project (ProjectDocument::
 * setReportSettings) when it exports and when it closes (Close, Esc, the window's close
 * button), as one change of the project; a dialog closed without a change leaves the project
 * unmodified.
 */
class ReportDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ReportDialog(Model::ProjectDocument *project, QWidget *parent = nullptr);
    ~ReportDialog() override;

    /** The settings the dialog shows. */
    Model::ReportSettings settings() const;
    void setSettings(const Model::ReportSettings &settings);
    /** Sections offered with nothing in the project to show (greyed in the list). */
    QStringList emptySections() const;

    /** Gathers and writes to `fileName` (no file dialog); false when it cannot start. */
    bool exportTo(const QString &fileName);
    bool isRunning() const;
    /** What the last export said ("Written: 14 pages" or why not). */
    QString message() const;

    /** Closes, remembering the settings in the project when the user changed them. */
    void done(int result) override;

signals:
    void exported(const QString &fileName, int pages);

private:
    void moveSection(int delta);
    /** Greys the sections with nothing to show, as emptySections() says now. */
    void markEmptySections();
    void onFinished();
    void exportWithDialog();

    Model::ProjectDocument *m_project;
    BackgroundJob *m_job;
    std::unique_ptr<Model::ProjectDocument> m_snapshot; ///< what the worker reads
    std::unique_ptr<Model::ReportData> m_data;          ///< what the worker gathered
    QString m_error;
    QString m_fileName;
    Model::ReportSettings m_shown; ///< the settings as the dialog opened

    QLineEdit *m_title = nullptr;
    QLineEdit *m_author = nullptr;
    QComboBox *m_paper = nullptr;
    QListWidget *m_sections = nullptr;
    QListWidget *m_scenarios = nullptr;
    QListWidget *m_compare = nullptr;
    QListWidget *m_capacity = nullptr;
    QLineEdit *m_capacitySlo = nullptr;
    QComboBox *m_decision = nullptr;
    QComboBox *m_plan = nullptr;
    QSpinBox *m_replications = nullptr;
    JobControls *m_controls = nullptr;
};

} // namespace Ui
