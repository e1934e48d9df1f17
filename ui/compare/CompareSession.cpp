// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompareSession.h"

#include "CompareController.h"
#include "CompareDialog.h"
#include "CompareView.h"
#include "ProjectDocument.h"

#include <QSet>
#include <QWidget>

namespace Ui {

CompareSession::CompareSession(Model::ProjectDocument *project, QWidget *window)
    : QObject(window)
    , m_project(project)
    , m_window(window)
    , m_controller(new CompareController(this))
{
    connect(m_controller, &CompareController::progressChanged, this, [this](double f) {
        if (m_dialog)
            m_dialog->setProgress(f);
    });
    connect(m_controller, &CompareController::finished, this, &CompareSession::onFinished);
    connect(m_controller, &CompareController::failed, this, &CompareSession::onFailed);
    // a comparison on screen belongs to the project it was saved in
    connect(m_project, &Model::ProjectDocument::projectAboutToBeReset, this, [this] {
        if (m_view)
            m_view->close();
        m_shownId.clear();
    });
    connect(m_project, &Model::ProjectDocument::comparisonRemoved, this, [this](const QString &id) {
        if (m_view && id == m_shownId) {
            m_view->close();
            m_shownId.clear();
        }
    });
}

CompareSession::~CompareSession() = default;

CompareDialog *CompareSession::dialog() const
{
    return m_dialog;
}

bool CompareSession::isRunning() const
{
    return m_controller->isRunning();
}

void CompareSession::cancel()
{
    m_controller->cancel();
}

CompareDialog *CompareSession::openDialog(const QStringList &checked)
{
    if (!m_dialog) {
        m_dialog = new CompareDialog(m_window);
        connect(m_dialog, &CompareDialog::compareRequested, this, &CompareSession::startFromDialog);
        connect(m_dialog,
                &CompareDialog::cancelRequested,
                m_controller,
                &CompareController::cancel);
    }
    QList<CompareDialog::Choice> choices;
    for (const QString &id : m_project->scenarioIds()) {
        CompareDialog::Choice c;
        c.id = id;
        c.name = m_project->scenarioName(id);
        c.comparable = m_project->document(id) != nullptr;
        if (!c.comparable)
            c.why = tr("This scenario could not be read, so it cannot run.");
        choices.append(c);
    }
    m_dialog->setChoices(choices, checked);
    if (!checked.isEmpty())
        m_dialog->setBaseline(checked.first());
    m_dialog->setMessage({});
    m_dialog->open();
    return m_dialog;
}

void CompareSession::startFromDialog()
{
    if (!m_dialog || isRunning())
        return;
    QStringList ids = m_dialog->checkedIds();
    const QString baseline = m_dialog->baselineId();
    ids.removeAll(baseline);
    ids.prepend(baseline);
    std::vector<Model::CompareAlternative> alternatives;
    QSet<QString> names;
    for (const QString &id : ids) {
        const Model::Document *doc = m_project->document(id);
        if (!doc)
            continue;
        // a name given twice gets a number, so that columns and deltas can be told apart
        QString name = m_project->scenarioName(id);
        if (name.isEmpty())
            name = tr("(unnamed scenario)");
        for (int n = 2; names.contains(name); ++n)
            name = m_project->scenarioName(id) + QStringLiteral(" (%1)").arg(n);
        names.insert(name);
        // as it runs in the project: with the project's prices where it sets none
        alternatives.push_back({name, *m_project->scenarioToRun(id)});
    }
    Model::CompareOptions options;
    options.replications = m_dialog->replications();
    options.crn = m_dialog->commonRandomNumbers();
    if (!m_controller->start(alternatives, options)) {
        m_dialog->setMessage(tr("Pick 2 to 4 scenarios that can be read."));
        return;
    }
    m_dialog->setRunning(true);
    emit runningChanged(true);
}

void CompareSession::onFinished()
{
    const bool cancelled = m_controller->wasCancelled();
    if (m_dialog)
        m_dialog->setRunning(false);
    emit runningChanged(false);
    const std::optional<Model::Comparison> &c = m_controller->comparison();
    if (!c) {
        QStringList lines;
        for (const Model::Problem &p : m_controller->problems()) {
            if (p.isError())
                lines << p.message;
        }
        if (m_dialog)
            m_dialog->setMessage(tr("The comparison did not run. Fix these first:\n%1")
                                     .arg(lines.join(QLatin1Char('\n'))));
        return;
    }
    if (cancelled || c->cancelled) {
        if (m_dialog)
            m_dialog->setMessage(tr("Cancelled. Nothing was saved."));
        return;
    }
    const QString id = m_project->addComparison(*c);
    if (m_dialog)
        m_dialog->accept();
    QStringList names;
    for (const Model::AlternativeRun &a : c->alternatives)
        names << a.name;
    show(*c, titleOf({}, names), id);
    emit comparisonSaved(id);
}

void CompareSession::onFailed(const QString &message)
{
    if (m_dialog) {
        m_dialog->setRunning(false);
        m_dialog->setMessage(tr("The comparison failed: %1").arg(message));
    }
    emit runningChanged(false);
}

bool CompareSession::showSaved(const QString &comparisonId, QString *error)
{
    const std::optional<Model::SavedComparison> saved = m_project->savedComparison(comparisonId);
    QString why;
    const std::optional<Model::Comparison> c = m_project->comparison(comparisonId, &why);
    if (!saved || !c) {
        if (error)
            *error = why;
        return false;
    }
    show(*c, titleOf(saved->label, saved->scenarioNames()), comparisonId);
    return true;
}

CompareView *CompareSession::view()
{
    if (!m_view) {
        m_view = new CompareView(m_window);
        m_view->setWindowFlag(Qt::Window);
        m_view->setAttribute(Qt::WA_DeleteOnClose, false);
        m_view->resize(1400, 860);
    }
    return m_view;
}

void CompareSession::show(const Model::Comparison &comparison,
                          const QString &title,
                          const QString &id)
{
    CompareView *v = view();
    v->setComparison(comparison, title);
    v->setWindowTitle(tr("Compare — %1").arg(title));
    m_shownId = id;
    v->show();
    v->raise();
    v->activateWindow();
}

QString CompareSession::titleOf(const QString &label, const QStringList &scenarioNames)
{
    if (!label.isEmpty())
        return label;
    return scenarioNames.join(tr(" vs "));
}

} // namespace Ui
