// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
QT_END_NAMESPACE

namespace Ui {

/**
 * Compare Scenarios: the user ticks 2 to 4 of the project's scenarios, picks the baseline
 * among them, the replications (default 10) and common random numbers (on by default), and
 * presses Compare. The dialog only holds these choices; whoever shows it starts the
 * comparison on compareRequested() and reports back with setRunning(), setProgress() and
 * setMessage(). While it runs, a progress bar shows and Cancel emits cancelRequested()
 * instead of closing.
 */
class CompareDialog final : public QDialog
{
    Q_OBJECT

public:
    struct Choice
    {
        QString id;
        QString name;
        bool comparable = true; ///< false: shown greyed with `why` (cannot be read)
        QString why;
    };

    static constexpr int kMinChosen = 2;
    static constexpr int kMaxChosen = 4;

    explicit CompareDialog(QWidget *parent = nullptr);

    /** The scenarios on offer, in project order; `checked` ids are ticked (at most four). */
    void setChoices(const QList<Choice> &choices, const QStringList &checked = {});

    /** The ticked scenarios' ids, in the order offered. */
    QStringList checkedIds() const;
    void setChecked(const QString &id, bool checked);
    /** The baseline's id (one of checkedIds()); empty when nothing is ticked. */
    QString baselineId() const;
    void setBaseline(const QString &id);
    int replications() const;
    void setReplications(int replications);
    bool commonRandomNumbers() const;
    void setCommonRandomNumbers(bool on);

    /** Whether Compare can be pressed: 2 to 4 ticked and not running. */
    bool canCompare() const;
    /** Presses Compare (for tests and the keyboard). */
    void compare();

    /** While running, the choices are locked, the progress bar shows and Cancel cancels. */
    void setRunning(bool running);
    bool isRunning() const { return m_running; }
    void setProgress(double fraction);
    /** A sentence under the choices (why the comparison did not run); empty hides it. */
    void setMessage(const QString &text);
    QString message() const;

    /** Closes the dialog; while running, asks to cancel instead (cancelRequested()). */
    void reject() override;

signals:
    void compareRequested();
    void cancelRequested();

private:
    void updateState();
    void fillBaselines();

    QListWidget *m_list = nullptr;
    QComboBox *m_baseline = nullptr;
    QSpinBox *m_replications = nullptr;
    QCheckBox *m_crn = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_message = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_compareButton = nullptr;
    bool m_running = false;
};

} // namespace Ui
