// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportDialog.h"

#include "BackgroundJob.h"
#include "ProjectDocument.h"
#include "ReportBuilder.h"
#include "ReportData.h"
#include "analysis/JobControls.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace Ui {

namespace {

QListWidgetItem *checkable(QListWidget *list, const QString &text, const QString &data, bool on)
{
    auto item = new QListWidgetItem(text, list);
    item->setData(Qt::UserRole, data);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable
                   | Qt::ItemIsDragEnabled);
    item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    return item;
}

QStringList checkedData(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->checkState() == Qt::Checked)
            out << list->item(i)->data(Qt::UserRole).toString();
    }
    return out;
}

} // namespace

ReportDialog::ReportDialog(Model::ProjectDocument *project, QWidget *parent)
    : QDialog(parent)
    , m_project(project)
    , m_job(new BackgroundJob(QStringLiteral("ArchSim report"), this))
{
    setObjectName(QStringLiteral("reportDialog"));
    setWindowTitle(tr("Export Report"));

    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("reportTitle"));
    m_title->setPlaceholderText(project->metadata().name);
    m_author = new QLineEdit(this);
    m_author->setObjectName(QStringLiteral("reportAuthor"));
    m_paper = new QComboBox(this);
    m_paper->setObjectName(QStringLiteral("reportPaper"));
    m_paper->addItem(tr("A4"), QStringLiteral("a4"));
    m_paper->addItem(tr("US Letter"), QStringLiteral("letter"));
    auto head = new QFormLayout;
    head->addRow(tr("&Title:"), m_title);
    head->addRow(tr("&Author:"), m_author);
    head->addRow(tr("&Paper:"), m_paper);

    auto sectionsBox = new QGroupBox(tr("Sections, in order (tick to include; drag or use "
                                        "the arrows to reorder)"),
                                     this);
    m_sections = new QListWidget(sectionsBox);
    m_sections->setObjectName(QStringLiteral("reportSections"));
    m_sections->setDragDropMode(QAbstractItemView::InternalMove);
    m_sections->setDefaultDropAction(Qt::MoveAction);
    auto up = new QToolButton(sectionsBox);
    up->setObjectName(QStringLiteral("reportSectionUp"));
    up->setArrowType(Qt::UpArrow);
    up->setToolTip(tr("Move the section up (Alt+Up)"));
    up->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    connect(up, &QToolButton::clicked, this, [this] { moveSection(-1); });
    auto down = new QToolButton(sectionsBox);
    down->setObjectName(QStringLiteral("reportSectionDown"));
    down->setArrowType(Qt::DownArrow);
    down->setToolTip(tr("Move the section down (Alt+Down)"));
    down->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    connect(down, &QToolButton::clicked, this, [this] { moveSection(1); });
    auto arrows = new QVBoxLayout;
    arrows->addWidget(up);
    arrows->addWidget(down);
    arrows->addStretch(1);
    auto sectionsLayout = new QHBoxLayout(sectionsBox);
    sectionsLayout->addWidget(m_sections, 1);
    sectionsLayout->addLayout(arrows);

    auto what = new QGroupBox(tr("What to include"), this);
    m_scenarios = new QListWidget(what);
    m_scenarios->setObjectName(QStringLiteral("reportScenarios"));
    m_scenarios->setMaximumHeight(110);
    m_compare = new QListWidget(what);
    m_compare->setObjectName(QStringLiteral("reportCompare"));
    m_compare->setMaximumHeight(110);
    m_compare->setToolTip(tr("Tick two or more to run a comparison for the report; none: the "
                             "project's newest saved comparison, if any"));
    m_capacity = new QListWidget(what);
    m_capacity->setObjectName(QStringLiteral("reportCapacity"));
    m_capacity->setMaximumHeight(110);
    m_capacity->setToolTip(tr("Tick the scenarios whose capacity under the SLO the report "
                              "searches (several runs each); none: no capacity section"));
    m_capacitySlo = new QLineEdit(what);
    m_capacitySlo->setObjectName(QStringLiteral("reportCapacitySlo"));
    m_capacitySlo->setPlaceholderText(tr("the first ticked scenario's SLO"));
    m_capacitySlo->setToolTip(tr("The SLO of the capacity searches, e.g. p99<200ms,errors<1%; "
                                 "empty: the first ticked scenario's own"));
    m_decision = new QComboBox(what);
    m_decision->setObjectName(QStringLiteral("reportDecision"));
    m_plan = new QComboBox(what);
    m_plan->setObjectName(QStringLiteral("reportPlan"));
    m_replications = new QSpinBox(what);
    m_replications->setObjectName(QStringLiteral("reportReplications"));
    m_replications->setRange(0, 1000);
    m_replications->setSpecialValueText(tr("each scenario's own"));
    m_replications->setToolTip(tr("Replications of the runs the report makes (scenarios "
                                  "without a saved run, the comparison, the plan)"));
    auto whatForm = new QFormLayout(what);
    whatForm->addRow(tr("&Scenarios:"), m_scenarios);
    whatForm->addRow(tr("&Compare:"), m_compare);
    whatForm->addRow(tr("Capacit&y of:"), m_capacity);
    whatForm->addRow(tr("Capacity S&LO:"), m_capacitySlo);
    whatForm->addRow(tr("&Decision:"), m_decision);
    whatForm->addRow(tr("Migration p&lan:"), m_plan);
    whatForm->addRow(tr("&Replications:"), m_replications);

    for (const QString &id : project->scenarioIds()) {
        if (!project->isReadable(id))
            continue;
        const QString name = project->scenarioName(id);
        checkable(m_scenarios, name, name, true);
        checkable(m_compare, name, name, false);
        checkable(m_capacity, name, name, false);
    }
    for (const Model::Decision &d : project->decisions())
        m_decision->addItem(d.name, d.name);
    if (m_decision->count() == 0)
        m_decision->addItem(tr("(the project has no decision)"), QString());
    for (const Model::Plan &p : project->plans())
        m_plan->addItem(p.name, p.name);
    if (m_plan->count() == 0)
        m_plan->addItem(tr("(the project has no plan)"), QString());

    // ticking scenarios to compare or to search gives those sections something to show
    for (QListWidget *list : {m_compare, m_capacity})
        connect(list, &QListWidget::itemChanged, this, &ReportDialog::markEmptySections);

    m_controls = new JobControls(m_job, this, QStringLiteral("report"), tr("&Export…"), this);
    m_controls->runButton()->setToolTip(tr("Choose the PDF file and write the report "
                                           "(Ctrl+Return)"));
    connect(m_controls, &JobControls::runRequested, this, &ReportDialog::exportWithDialog);
    connect(m_controls, &JobControls::cancelRequested, this, [this] {
        m_job->cancel();
        m_controls->setCancelling(tr("Cancelling…"));
    });
    connect(m_job, &BackgroundJob::finished, this, &ReportDialog::onFinished);
    connect(m_job, &BackgroundJob::failed, this, [this](const QString &message) {
        m_controls->setRunning(false);
        m_snapshot.reset();
        m_controls->setMessage(tr("The report failed: %1").arg(message));
    });
    auto close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addWidget(sectionsBox, 1);
    layout->addWidget(what);
    layout->addWidget(m_controls);
    layout->addWidget(close);
    resize(620, 760);

    setSettings(project->reportSettings());
    m_shown = settings();
}

void ReportDialog::done(int result)
{
    // what the user chose is kept, also when closing without exporting; nothing is written
    // when nothing changed (the dialog may show the defaults differently from how they are
    // stored) or when no section is ticked (the settings could not be read back)
    const Model::ReportSettings s = settings();
    if (!(s == m_shown) && !s.sections.isEmpty())
        m_project->setReportSettings(s);
    QDialog::done(result);
}

ReportDialog::~ReportDialog()
{
    delete m_job; // waits for the worker, which reads m_snapshot
}

QStringList ReportDialog::emptySections() const
{
    QStringList out;
    const bool scenarios = m_scenarios->count() > 0;
    bool lint = false;
    for (const QString &id : m_project->scenarioIds())
        lint = lint || (m_project->isReadable(id) && !m_project->lint(id).findings.empty());
    if (!scenarios)
        out << QStringLiteral("scenarios") << QStringLiteral("appendix");
    if (m_project->comparisons().isEmpty() && checkedData(m_compare).size() < 2)
        out << QStringLiteral("comparison");
    if (checkedData(m_capacity).isEmpty())
        out << QStringLiteral("capacity");
    if (m_project->decisions().isEmpty())
        out << QStringLiteral("decision");
    if (m_project->plans().isEmpty())
        out << QStringLiteral("plan");
    if (!lint)
        out << QStringLiteral("lint");
    return out;
}

void ReportDialog::markEmptySections()
{
    const QStringList empty = emptySections();
    for (int i = 0; i < m_sections->count(); ++i) {
        QListWidgetItem *item = m_sections->item(i);
        const Model::ReportSectionInfo *info = Model::reportSection(
            item->data(Qt::UserRole).toString());
        const bool isEmpty = empty.contains(QLatin1String(info->id));
        item->setText(
            isEmpty ? tr("%1 (nothing in this project: left out)").arg(QLatin1String(info->title))
                    : QLatin1String(info->title));
        item->setForeground(
            palette().color(isEmpty ? QPalette::Disabled : QPalette::Active, QPalette::Text));
    }
}

void ReportDialog::setSettings(const Model::ReportSettings &s)
{
    m_title->setText(s.title);
    m_author->setText(s.author);
    m_paper->setCurrentIndex(std::max(0, m_paper->findData(s.paper)));
    m_sections->clear();
    QStringList order = s.sections;
    for (const Model::ReportSectionInfo &info : Model::reportSections()) {
        if (!order.contains(QLatin1String(info.id)))
            order << QLatin1String(info.id); // left out: listed unticked at the end
    }
    for (const QString &id : std::as_const(order)) {
        const Model::ReportSectionInfo *info = Model::reportSection(id);
        QListWidgetItem *item
            = checkable(m_sections, QLatin1String(info->title), id, s.sections.contains(id));
        item->setToolTip(QLatin1String(info->what));
    }
    for (int i = 0; i < m_scenarios->count(); ++i) {
        QListWidgetItem *item = m_scenarios->item(i);
        item->setCheckState(s.scenarios.isEmpty()
                                    || s.scenarios.contains(item->data(Qt::UserRole).toString())
                                ? Qt::Checked
                                : Qt::Unchecked);
    }
    for (int i = 0; i < m_compare->count(); ++i) {
        QListWidgetItem *item = m_compare->item(i);
        item->setCheckState(
            s.compare.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    for (int i = 0; i < m_capacity->count(); ++i) {
        QListWidgetItem *item = m_capacity->item(i);
        item->setCheckState(
            s.capacity.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    m_capacitySlo->setText(s.capacitySlo);
    markEmptySections();
    if (const int i = m_decision->findData(s.decision); i >= 0)
        m_decision->setCurrentIndex(i);
    if (const int i = m_plan->findData(s.plan); i >= 0)
        m_plan->setCurrentIndex(i);
    m_replications->setValue(s.replications);
}

Model::ReportSettings ReportDialog::settings() const
{
    Model::ReportSettings s;
    s.title = m_title->text().trimmed();
    s.author = m_author->text().trimmed();
    s.paper = m_paper->currentData().toString();
    s.sections = checkedData(m_sections);
    const QStringList scenarios = checkedData(m_scenarios);
    if (scenarios.size() < m_scenarios->count())
        s.scenarios = scenarios; // all ticked: empty, so new scenarios are included too
    const QStringList compare = checkedData(m_compare);
    if (compare.size() >= 2)
        s.compare = compare;
    s.capacity = checkedData(m_capacity);
    s.capacitySlo = m_capacitySlo->text().trimmed();
    s.decision = m_decision->currentData().toString();
    s.plan = m_plan->currentData().toString();
    s.replications = m_replications->value();
    return s;
}

void ReportDialog::moveSection(int delta)
{
    const int row = m_sections->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_sections->count())
        return;
    QListWidgetItem *item = m_sections->takeItem(row);
    m_sections->insertItem(to, item);
    m_sections->setCurrentRow(to);
}

bool ReportDialog::isRunning() const
{
    return m_job->isRunning();
}

QString ReportDialog::message() const
{
    return m_controls->message();
}

void ReportDialog::exportWithDialog()
{
    QSettings settings;
    const QString folder = settings
                               .value(QStringLiteral("report/folder"),
                                      QStandardPaths::writableLocation(
                                          QStandardPaths::DocumentsLocation))
                               .toString();
    const QString base = m_project->metadata().name.isEmpty() ? QStringLiteral("report")
                                                              : m_project->metadata().name;
    const QString file = QFileDialog::getSaveFileName(this,
                                                      tr("Export Report"),
                                                      folder + QLatin1Char('/') + base
                                                          + QStringLiteral(".pdf"),
                                                      tr("PDF (*.pdf)"));
    if (file.isEmpty())
        return;
    settings.setValue(QStringLiteral("report/folder"), QFileInfo(file).absolutePath());
    exportTo(file.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)
                 ? file
                 : file + QStringLiteral(".pdf"));
}

bool ReportDialog::exportTo(const QString &fileName)
{
    if (m_job->isRunning())
        return false;
    const Model::ReportSettings s = settings();
    if (s.sections.isEmpty()) {
        m_controls->setMessage(tr("Tick at least one section."));
        return false;
    }
    m_project->setReportSettings(s); // remembered with the project
    // The worker reads a copy, so that nothing it reads changes under it.
    m_snapshot = std::make_unique<Model::ProjectDocument>();
    m_snapshot->setProject(m_project->project());
    m_data.reset();
    m_error.clear();
    m_fileName = fileName;
    Model::ProjectDocument *snapshot = m_snapshot.get();
    const bool started = m_job->start(
        [this, snapshot, s](const std::atomic<bool> &cancel, BackgroundJob::Progress &progress) {
            Model::ReportRunOptions options;
            options.cancel = &cancel;
            options.progress = [&](const QString &what, double done) {
                progress.setStage(done, done);
                progress.setNote(what);
            };
            Model::Problems problems;
            std::optional<Model::ReportData> data
                = Model::gatherReportData(*snapshot, s, options, &problems);
            if (data) {
                m_data = std::make_unique<Model::ReportData>(std::move(*data));
            } else {
                QStringList lines;
                for (const Model::Problem &p : std::as_const(problems))
                    lines << p.toString();
                m_error = lines.join(QStringLiteral("; "));
            }
        });
    if (!started)
        return false;
    m_controls->setMessage({});
    m_controls->setRunning(true);
    return true;
}

void ReportDialog::onFinished()
{
    m_controls->setRunning(false);
    m_snapshot.reset();
    if (m_job->wasCancelled() || (m_data && m_data->cancelled)) {
        m_controls->setMessage(tr("Cancelled: nothing was written."));
        return;
    }
    if (!m_data) {
        m_controls->setMessage(tr("Not written: %1").arg(m_error));
        return;
    }
    QString error;
    int pages = 0;
    // the charts and the canvas are widgets: drawn here, on the GUI thread
    if (!writeReport(*m_data, m_fileName, &error, &pages)) {
        m_controls->setMessage(tr("Not written: %1").arg(error));
        return;
    }
    m_controls->setMessage(
        tr("Written: %1, %2 pages.").arg(QFileInfo(m_fileName).fileName()).arg(pages));
    emit exported(m_fileName, pages);
}

} // namespace Ui
