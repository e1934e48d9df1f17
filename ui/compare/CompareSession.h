// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Compare.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace Model {
class ProjectDocument;
}

namespace Ui {

class CompareController;
class CompareDialog;
class CompareView;

/**
 * Comparing the project's scenarios in the GUI: the Compare Scenarios dialog, the comparison
 * on a worker thread (CompareController), saving it in the project and showing it in the
 * compare window (a CompareView of its own). It holds no figures of its own: a finished
 * comparison goes into the ProjectDocument (addComparison) and the window shows what was
 * given to it.
 *
 * - openDialog() offers the project's scenarios, the given ones ticked; Compare runs them as
 *   they are in their editors now, the baseline first. While it runs the dialog (window
 *   modal) shows the progress and its Cancel stops the comparison.
 * - A comparison that finished is saved in the project (comparisonSaved(id)) and shown; a
 *   cancelled one is not saved; one that could not start (a scenario with errors) leaves the
 *   dialog open with the reason.
 * - showSaved() reopens a saved comparison without running (comparisonFromJson).
 *
 * runningChanged(running) fires when a comparison starts and when it has ended.
 */
class CompareSession final : public QObject
{
    Q_OBJECT

public:
    CompareSession(Model::ProjectDocument *project, QWidget *window);
    ~CompareSession() override;

    /** Shows the dialog with `checked` ticked (the first of them the baseline). */
    CompareDialog *openDialog(const QStringList &checked);
    CompareDialog *dialog() const;
    CompareController *controller() const { return m_controller; }
    bool isRunning() const;
    void cancel();

    /** Shows a saved comparison; false (with `error`) when it cannot be read. */
    bool showSaved(const QString &comparisonId, QString *error = nullptr);
    /** The compare window's view (created on first use). */
    CompareView *view();
    /** The saved comparison on screen; empty when none (or one not saved). */
    QString shownId() const { return m_shownId; }
    /** "Label" or "A vs B vs C": how the window and the project panel name a comparison. */
    static QString titleOf(const QString &label, const QStringList &scenarioNames);

signals:
    void runningChanged(bool running);
    void comparisonSaved(const QString &comparisonId);

private:
    void startFromDialog();
    void onFinished();
    void onFailed(const QString &message);
    void show(const Model::Comparison &comparison, const QString &title, const QString &id);

    Model::ProjectDocument *m_project;
    QWidget *m_window;
    CompareController *m_controller;
    QPointer<CompareDialog> m_dialog;
    QPointer<CompareView> m_view;
    QString m_shownId;
};

} // namespace Ui
