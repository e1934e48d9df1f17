// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Decision.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;
class QUndoStack;
QT_END_NAMESPACE

namespace Model {
class ProjectDocument;
}

namespace Ui {

class BackgroundJob;
class JobControls;
class TornadoChart;

/**
 * Simulation > Decision Matrix… (docs/decide.md): the project's decisions, one shown at a
 * time. On the left the decision's name and status, its alternatives (the project's
 * scenarios, ticked), the questionnaire and how to simulate; on the right the matrix (a row
 * per criterion: its weight, its share, each alternative's score, the reason of the selected
 * cell under it), the ranking with what decided it, and the tornado chart of the weights.
 *
 * Every edit (a weight, a score, an answer, a setting, a new or removed decision) is a
 * command on the window's undo stack (Ctrl+Z, Ctrl+Shift+Z) that changes the decision in
 * the ProjectDocument, so it is saved with the project. The measurements of the last run are
 * kept in the project too (ProjectDocument::setDecisionEvidence, saved with it, not an undo
 * step) and count only while the alternatives, the simulation settings and the scenarios
 * they were made with are unchanged.
 *
 * Run Simulations (Ctrl+Return) measures the simulated criteria on a worker thread
 * (BackgroundJob; Esc cancels); Export ADR… writes the ADR Markdown atomically.
 */
class DecisionWindow final : public QWidget
{
    Q_OBJECT

public:
    explicit DecisionWindow(Model::ProjectDocument *project, QWidget *parent = nullptr);
    ~DecisionWindow() override;

    QUndoStack *undoStack() const { return m_undo; }

    QString currentDecisionId() const { return m_currentId; }
    /** Shows the decision; false for an unknown id. */
    bool showDecision(const QString &decisionId);
    /**
     * A new decision (undoable) over `scenarioNames` (fewer than two: the project's first two
     * readable scenarios), shown. Returns its id.
     */
    QString newDecision(const QStringList &scenarioNames = {});
    bool removeCurrentDecision();

    // Edits of the shown decision, each one undoable command (false: no decision shown, or
    // nothing changes). Successive edits of one field merge into one step.
    bool setName(const QString &name);
    bool setStatus(const QString &status);
    bool setContext(const QString &context);
    bool setAlternatives(const QStringList &names);
    bool setQuestionnaire(const Model::Questionnaire &questionnaire);
    bool setSimulation(const Model::DecisionSimulation &simulation);
    bool setWeight(const QString &criterion, double weight);
    /** Sets the score by hand; nullopt takes the override away again. */
    bool setScore(const QString &criterion,
                  const QString &alternative,
                  std::optional<double> score,
                  const QString &reason = {});

    /** Why a score set by hand is what it is (false: the score is not set by hand). */
    bool setScoreReason(const QString &criterion,
                        const QString &alternative,
                        const QString &reason);

    /** The shown decision evaluated with the measurements that still apply. */
    const Model::DecisionResult &result() const { return m_result; }
    /** Measurements apply to the shown decision as it is now. */
    bool hasEvidence() const;
    /** Why the decision cannot be evaluated (alternatives missing), as shown; else empty. */
    QString problem() const { return m_problem; }

    bool runSimulations();
    void cancel();
    bool isRunning() const;
    QString message() const;

    /** Writes the shown decision's ADR (decisionAdr) atomically. */
    bool exportAdr(const QString &fileName, QString *error) const;

    QTableWidget *matrix() const { return m_table; }
    TornadoChart *tornado() const { return m_tornado; }
    QLabel *rankingLabel() const { return m_ranking; }
    QLabel *reasonLabel() const { return m_reason; }
    QLineEdit *overrideReasonField() const { return m_overrideReason; }

signals:
    void runningChanged(bool running);

private:
    QWidget *createForm();
    std::optional<Model::Decision> current() const;
    bool edit(const QString &text,
              int mergeId,
              const std::function<void(Model::Decision &)> &change);
    void refresh();
    void refreshForm(const Model::Decision &d);
    void refreshMatrix(const Model::Decision &d);
    void onItemChanged(int row, int column);
    void onCurrentCellChanged(int row, int column);
    void onFinished();
    void setRunning(bool running);
    void exportWithDialog();

    Model::ProjectDocument *m_project;
    QUndoStack *m_undo;
    BackgroundJob *m_job;
    QString m_currentId;
    std::optional<Model::DecisionEvidence> m_pending;
    Model::SavedDecisionEvidence m_pendingRanOn; ///< what the running job measures
    QString m_pendingId;
    Model::DecisionResult m_result;
    QString m_problem;
    bool m_refreshing = false;
    int m_epoch = 0; ///< see EditDecisionCommand: successive edits merge within one epoch

    QComboBox *m_decisions = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_status = nullptr;
    QListWidget *m_alternatives = nullptr;
    QSpinBox *m_developers = nullptr;
    QSpinBox *m_teams = nullptr;
    QDoubleSpinBox *m_releases = nullptr;
    QComboBox *m_domain = nullptr;
    QComboBox *m_ops = nullptr;
    QSpinBox *m_onCall = nullptr;
    QPlainTextEdit *m_context = nullptr;
    QSpinBox *m_replications = nullptr;
    QDoubleSpinBox *m_targetRate = nullptr;
    QDoubleSpinBox *m_duration = nullptr;
    QComboBox *m_fault = nullptr;
    QLineEdit *m_faultTarget = nullptr;
    QDoubleSpinBox *m_faultAt = nullptr;
    QDoubleSpinBox *m_faultUntil = nullptr;
    QSpinBox *m_faultCount = nullptr;
    QCheckBox *m_capacity = nullptr;
    QLineEdit *m_slo = nullptr;
    JobControls *m_controls = nullptr;
    QLabel *m_header = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_reason = nullptr;
    QLineEdit *m_overrideReason = nullptr;
    QWidget *m_overrideReasonRow = nullptr; ///< its label and it: shown for a hand-set score
    QLabel *m_ranking = nullptr;
    TornadoChart *m_tornado = nullptr;
};

} // namespace Ui
