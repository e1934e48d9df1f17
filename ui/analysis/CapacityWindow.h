// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CapacityChart.h"
#include "analysis/Slo.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableWidget;
QT_END_NAMESPACE

namespace Model {
class ProjectDocument;
}

namespace Ui {

class BackgroundJob;
class JobControls;

/**
 * Simulation > Find Capacity…: the highest arrival rate at which an SLO holds
 * (Model::findCapacity, docs/compare.md "Capacity under an SLO") for one to four scenarios
 * of the project, each as it is in its editor when the search starts.
 *
 * The form: the scenarios (ticked: 1 to 4), the SLO ("p99<200ms,errors<1%", checked with
 * Model::parseSlo as it is typed, its error shown under it), the precision (1% by default)
 * and the replications of each point (4). Find Capacity (Ctrl+Return) searches the ticked
 * scenarios one after another on a worker thread (BackgroundJob: progress bar with the
 * scenario and point it is at, Cancel or Esc; what finished stays on screen).
 *
 * The results: a table with each scenario's max sustainable rate and the cost at that load
 * (per hour and per million requests), and a CapacityChart of latency against load with
 * one curve per scenario, the SLO's limit and where each curve breaks.
 */
class CapacityWindow final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxScenarios = 4;
    static constexpr const char *kDefaultSlo = "p99<200ms";

    explicit CapacityWindow(Model::ProjectDocument *project, QWidget *parent = nullptr);
    ~CapacityWindow() override;

    /**
     * Offers the project's scenarios with `checked` ticked (at most four). `sloOf`, the SLO
     * stored in the scenario the user looks at, replaces the SLO field when it is not empty.
     * False (nothing changes) while a search runs.
     */
    bool setChoices(const QStringList &checked, const QString &sloOf = {});
    QStringList checkedIds() const;
    void setChecked(const QString &scenarioId, bool checked);

    QString sloText() const;
    void setSloText(const QString &text);
    /** Why the SLO text is refused, as shown under it; empty when it parses. */
    QString sloError() const;
    /** The relative precision: 0.01 for 1%. */
    double precision() const;
    void setPrecision(double precision);
    int replications() const;
    void setReplications(int replications);

    bool canRun() const;
    /** Presses Find Capacity. */
    bool run();
    void cancel();
    bool isRunning() const;
    QString message() const;

    /** The searches on screen, in the order of the ticked scenarios. */
    const QList<CapacityOutcome> &outcomes() const { return m_outcomes; }
    QTableWidget *resultsTable() const { return m_table; }
    CapacityChart *chart() const { return m_chart; }

signals:
    void runningChanged(bool running);

private:
    QWidget *createForm();
    void validate();
    void setRunning(bool running);
    void onFinished();
    void setMessage(const QString &text);
    void showOutcomes();
    void showChart();

    Model::ProjectDocument *m_project;

    QListWidget *m_list = nullptr;
    QLineEdit *m_slo = nullptr;
    QLabel *m_sloError = nullptr;
    QDoubleSpinBox *m_precision = nullptr;
    QSpinBox *m_replications = nullptr;
    QLabel *m_hint = nullptr;
    JobControls *m_controls = nullptr;
    QLabel *m_header = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_conditionLabel = nullptr;
    QComboBox *m_condition = nullptr;
    CapacityChart *m_chart = nullptr;

    BackgroundJob *m_job = nullptr;
    std::optional<Model::Slo> m_parsedSlo;
    QList<CapacityOutcome> m_pending; ///< written by the worker, read after it finished
    QList<CapacityOutcome> m_outcomes;
    Model::Slo m_shownSlo; ///< the SLO of the outcomes on screen, and their settings
    double m_shownPrecision = 0.01;
    int m_shownReplications = 0;
};

} // namespace Ui
