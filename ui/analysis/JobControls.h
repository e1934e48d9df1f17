// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QProgressBar;
class QPushButton;
QT_END_NAMESPACE

namespace Ui {

class BackgroundJob;

/**
 * The run row of a window whose work runs on a BackgroundJob (the sweep and capacity
 * windows): the Run and Cancel buttons, a progress bar and a note that follow the job while
 * it runs, and a message for what happened (why it did not run, cancelled, failed).
 *
 * It also gives the window its keys: Ctrl+Return presses Run; Esc cancels while the job
 * runs and closes the window otherwise; closing the window cancels the job. It only asks:
 * runRequested() and cancelRequested() go to the window, which decides; it shows what the
 * window tells it (setRunning(), setRunEnabled(), setMessage()).
 *
 * Object names: `prefix` + "RunButton", "CancelButton", "Progress", "Note", "Message".
 */
class JobControls final : public QWidget
{
    Q_OBJECT

public:
    JobControls(BackgroundJob *job,
                QWidget *window,
                const QString &prefix,
                const QString &runText,
                QWidget *parent);

    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    void setRunEnabled(bool enabled);
    /** Running: the bar and the note show, Cancel is enabled; otherwise they hide. */
    void setRunning(bool running);
    /** Cancel was asked for: Cancel is disabled and `message` says so. */
    void setCancelling(const QString &message);
    /** A sentence under the buttons; empty hides it. */
    void setMessage(const QString &text);
    QString message() const;

    /** A red line of text for what is wrong with a field, placed under it; hidden at first. */
    static QLabel *errorLabel(QWidget *parent, const QString &objectName);
    /** Shows `text` in an errorLabel(), or hides it when `text` is empty. */
    static void showError(QLabel *label, const QString &text);

signals:
    void runRequested();
    void cancelRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    BackgroundJob *m_job;
    QWidget *m_window;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_note;
    QLabel *m_message;
};

} // namespace Ui
