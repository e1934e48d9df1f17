// SPDX-License-Identifier: GPL-3.0-or-later
#include "CapacityWindow.h"

#include "BackgroundJob.h"
#include "Formatting.h"
#include "JobControls.h"
#include "ProjectDocument.h"
#include "TableExport.h"
#include "compare/CompareView.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kFormWidth = 340;

enum Column { NameColumn, RateColumn, PerHourColumn, PerMillionColumn, PointsColumn, NoteColumn };

QString dollars(double v)
{
    return QStringLiteral("$") + QString::number(v, 'f', std::abs(v) < 1 ? 4 : 2);
}

QTableWidgetItem *cell(const QString &text, bool number)
{
    auto item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft));
    return item;
}

/** Points a search takes about: bracketing from 1 (three) and bisection to the precision. */
int expectedPoints(double precision)
{
    return 3 + static_cast<int>(std::ceil(std::log2(1 / std::max(precision, 1e-4))));
}

} // namespace

CapacityWindow::CapacityWindow(Model::ProjectDocument *project, QWidget *parent)
    : QWidget(parent)
    , m_project(project)
    , m_job(new BackgroundJob(QStringLiteral("ArchSim capacity"), this))
{
    setObjectName(QStringLiteral("capacityWindow"));
    setWindowFlag(Qt::Window);
    setWindowTitle(tr("Find Capacity"));

    auto form = createForm();
    form->setFixedWidth(kFormWidth);

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("capacityHeader"));
    m_header->setWordWrap(true);
    m_header->setText(tr("Tick the scenarios and give the SLO on the left, then Find Capacity "
                         "(Ctrl+Return). Each search doubles or halves the arrival rate until "
                         "the SLO breaks, then bisects to the precision."));

    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("capacityTable"));
    m_table->setHorizontalHeaderLabels({tr("Scenario"),
                                        tr("Max rate"),
                                        tr("Cost per hour"),
                                        tr("Per 1M requests"),
                                        tr("Points"),
                                        tr("Note")});
    m_table->horizontalHeaderItem(RateColumn)
        ->setToolTip(tr("The highest arrival rate at which the SLO held"));
    m_table->horizontalHeaderItem(PerHourColumn)
        ->setToolTip(tr("What the scenario costs per hour at its max rate"));
    m_table->horizontalHeaderItem(PerMillionColumn)
        ->setToolTip(tr("The cost per hour over the requests completed in an hour, times a "
                        "million, at the max rate"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::ContiguousSelection);
    m_table->setWordWrap(false);
    installTableExport(m_table, tr("Capacity"));
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(NoteColumn, QHeaderView::Stretch);
    m_table->setFixedHeight(header->sizeHint().height() + 2 * m_table->frameWidth()
                            + kMaxScenarios * m_table->verticalHeader()->defaultSectionSize());

    m_condition = new QComboBox(this);
    m_condition->setObjectName(QStringLiteral("capacityCondition"));
    connect(m_condition, &QComboBox::currentIndexChanged, this, &CapacityWindow::showChart);
    m_condition->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_conditionLabel = new QLabel(tr("C&hart of:"), this);
    m_conditionLabel->setBuddy(m_condition);
    auto conditionRow = new QHBoxLayout;
    conditionRow->addWidget(m_conditionLabel);
    conditionRow->addWidget(m_condition);
    conditionRow->addStretch(1);
    m_chart = new CapacityChart(this);

    auto right = new QVBoxLayout;
    right->addWidget(m_header);
    right->addWidget(m_table);
    right->addLayout(conditionRow);
    right->addWidget(m_chart, 1);
    auto layout = new QHBoxLayout(this);
    layout->addWidget(form);
    layout->addLayout(right, 1);

    connect(m_job, &BackgroundJob::finished, this, &CapacityWindow::onFinished);
    connect(m_job, &BackgroundJob::failed, this, [this](const QString &message) {
        setRunning(false);
        setMessage(tr("The search failed: %1").arg(message));
    });

    auto refill = [this] {
        if (!isRunning())
            setChoices(checkedIds());
    };
    connect(m_project, &Model::ProjectDocument::scenarioAdded, this, refill);
    connect(m_project, &Model::ProjectDocument::scenarioRemoved, this, refill);
    connect(m_project, &Model::ProjectDocument::scenarioRenamed, this, refill);
    connect(m_project, &Model::ProjectDocument::scenarioMoved, this, refill);
    connect(m_project, &Model::ProjectDocument::projectAboutToBeReset, this, [this] {
        m_job->cancel();
        m_outcomes.clear();
        showOutcomes();
        close();
    });
    connect(m_project, &Model::ProjectDocument::projectReset, this, refill);

    resize(1200, 740);
    showOutcomes();
    validate();
}

CapacityWindow::~CapacityWindow()
{
    delete m_job; // cancels and waits for the worker before what it writes goes
}

QWidget *CapacityWindow::createForm()
{
    auto form = new QWidget(this);
    form->setObjectName(QStringLiteral("capacityForm"));
    auto layout = new QVBoxLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);

    auto intro = new QLabel(tr("The highest arrival rate at which an SLO holds, for 1 to %1 "
                               "scenarios, each as it is in its editor now.")
                                .arg(kMaxScenarios),
                            form);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list = new QListWidget(form);
    m_list->setObjectName(QStringLiteral("capacityScenarioList"));
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    connect(m_list, &QListWidget::itemChanged, this, &CapacityWindow::validate);
    layout->addWidget(m_list, 1);
    m_hint = new QLabel(form);
    m_hint->setObjectName(QStringLiteral("capacityHint"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);

    m_slo = new QLineEdit(QString::fromLatin1(kDefaultSlo), form);
    m_slo->setObjectName(QStringLiteral("capacitySlo"));
    m_slo->setPlaceholderText(tr("p99<200ms,errors<1%"));
    m_slo->setToolTip(tr("Conditions on all requests, separated by commas, all of which must "
                         "hold: mean, p50, p90, p95, p99, p999 or max latency in ms or s; "
                         "errors in % or as a fraction"));
    connect(m_slo, &QLineEdit::textChanged, this, &CapacityWindow::validate);
    m_sloError = JobControls::errorLabel(form, QStringLiteral("capacitySloError"));

    m_precision = new QDoubleSpinBox(form);
    m_precision->setObjectName(QStringLiteral("capacityPrecision"));
    m_precision->setRange(0.1, 25);
    m_precision->setDecimals(1);
    m_precision->setSingleStep(0.5);
    m_precision->setSuffix(QStringLiteral(" %"));
    m_precision->setValue(1.0);
    m_precision->setToolTip(tr("The search stops when the highest passing and the lowest "
                               "failing rate are this close"));

    m_replications = new QSpinBox(form);
    m_replications->setObjectName(QStringLiteral("capacityReplications"));
    m_replications->setRange(2, 100);
    m_replications->setValue(Model::CapacityOptions{}.replications);
    m_replications->setToolTip(tr("Runs of each rate tried; a rate is decided when the 95% "
                                  "interval of every condition lies on one side of its limit"));

    auto settings = new QFormLayout;
    settings->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    settings->addRow(tr("&SLO:"), m_slo);
    settings->addRow(QString(), m_sloError);
    settings->addRow(tr("&Precision:"), m_precision);
    settings->addRow(tr("&Replications per point:"), m_replications);
    layout->addLayout(settings);

    m_controls
        = new JobControls(m_job, this, QStringLiteral("capacity"), tr("&Find Capacity"), form);
    m_controls->runButton()->setToolTip(tr("Search each ticked scenario (Ctrl+Return)"));
    m_controls->cancelButton()->setToolTip(tr("Stop the search; what finished stays (Esc)"));
    connect(m_controls, &JobControls::runRequested, this, &CapacityWindow::run);
    connect(m_controls, &JobControls::cancelRequested, this, &CapacityWindow::cancel);
    layout->addWidget(m_controls);
    return form;
}

bool CapacityWindow::setChoices(const QStringList &checked, const QString &sloOf)
{
    if (isRunning())
        return false;
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        int ticked = 0;
        for (const QString &id : m_project->scenarioIds()) {
            auto item = new QListWidgetItem(m_project->scenarioName(id), m_list);
            item->setData(kIdRole, id);
            if (m_project->document(id)) {
                const bool tick = checked.contains(id) && ticked < kMaxScenarios;
                ticked += tick ? 1 : 0;
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                item->setCheckState(tick ? Qt::Checked : Qt::Unchecked);
            } else {
                item->setFlags(Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Unchecked);
                item->setToolTip(tr("This scenario could not be read, so it cannot run."));
            }
        }
    }
    if (!sloOf.trimmed().isEmpty())
        m_slo->setText(sloOf.trimmed());
    validate();
    return true;
}

QStringList CapacityWindow::checkedIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            ids << m_list->item(i)->data(kIdRole).toString();
    }
    return ids;
}

void CapacityWindow::setChecked(const QString &scenarioId, bool checked)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        if (item->data(kIdRole).toString() == scenarioId && (item->flags() & Qt::ItemIsEnabled))
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
}

QString CapacityWindow::sloText() const
{
    return m_slo->text();
}

void CapacityWindow::setSloText(const QString &text)
{
    m_slo->setText(text);
}

QString CapacityWindow::sloError() const
{
    return m_sloError->isHidden() ? QString() : m_sloError->text();
}

double CapacityWindow::precision() const
{
    return m_precision->value() / 100;
}

void CapacityWindow::setPrecision(double precision)
{
    m_precision->setValue(precision * 100);
}

int CapacityWindow::replications() const
{
    return m_replications->value();
}

void CapacityWindow::setReplications(int replications)
{
    m_replications->setValue(replications);
}

void CapacityWindow::validate()
{
    QString error;
    m_parsedSlo = m_slo->text().trimmed().isEmpty() ? std::nullopt
                                                    : Model::parseSlo(m_slo->text(), &error);
    if (m_slo->text().trimmed().isEmpty())
        error = tr("Give the SLO, e.g. p99<200ms or p95<50ms,errors<1%.");
    JobControls::showError(m_sloError, m_parsedSlo ? QString() : error);
    const qsizetype n = checkedIds().size();
    if (n == 0)
        m_hint->setText(tr("Tick 1 to %1 scenarios.").arg(kMaxScenarios));
    else if (n > kMaxScenarios)
        m_hint->setText(tr("At most %1 scenarios at once (%2 ticked).").arg(kMaxScenarios).arg(n));
    else
        m_hint->setText(n == 1 ? tr("1 scenario, searched on all cores.")
                               : tr("%1 scenarios, one after another on all cores.").arg(n));
    m_controls->setRunEnabled(canRun());
}

bool CapacityWindow::canRun() const
{
    const qsizetype n = checkedIds().size();
    return !isRunning() && m_parsedSlo && n >= 1 && n <= kMaxScenarios;
}

bool CapacityWindow::isRunning() const
{
    return m_job->isRunning();
}

bool CapacityWindow::run()
{
    if (!canRun())
        return false;
    struct Input
    {
        QString name;
        Model::Scenario scenario;
    };
    QList<Input> inputs;
    for (const QString &id : checkedIds()) {
        // as it runs in the project: with the project's prices, so the costs match compare's
        if (const std::optional<Model::Scenario> scenario = m_project->scenarioToRun(id))
            inputs.append({m_project->scenarioName(id), *scenario});
    }
    const Model::Slo slo = *m_parsedSlo;
    Model::CapacityOptions options;
    options.precision = precision();
    options.replications = replications();
    m_pending.clear();
    m_shownSlo = slo;
    m_shownPrecision = options.precision;
    m_shownReplications = options.replications;
    const bool started = m_job->start(
        [this, inputs, slo, options](const std::atomic<bool> &cancel,
                                     BackgroundJob::Progress &progress) {
            const int n = static_cast<int>(inputs.size());
            const int expected = expectedPoints(options.precision);
            for (int i = 0; i < n && !cancel.load(); ++i) {
                const Input &input = inputs.at(i);
                // each scenario fills its share of the bar, a point at a time (the points a
                // search takes are known only roughly: the bar waits near the end if it takes more)
                auto stage = [&](int done) {
                    const int k = std::min(done, expected - 1);
                    progress.setStage((i + double(k) / expected) / n,
                                      (i + double(k + 1) / expected) / n);
                };
                stage(0);
                progress.setNote(tr("%1: first point…").arg(input.name));
                int done = 0;
                Model::CapacityOptions o = options;
                o.cancel = &cancel;
                o.observer = &progress;
                o.pointFinished = [&](const Model::CapacityPoint &p) {
                    stage(++done);
                    progress.setNote(tr("%1: point %2 at %3/s %4; next point…")
                                         .arg(input.name)
                                         .arg(done)
                                         .arg(formatDecimal(p.ratePerS))
                                         .arg(p.passes ? tr("passed") : tr("failed")));
                };
                Model::Problems problems;
                CapacityOutcome outcome;
                outcome.name = input.name;
                outcome.result = Model::findCapacity(input.scenario, slo, o, &problems);
                if (!outcome.result) {
                    QStringList lines;
                    for (const Model::Problem &p : problems) {
                        if (p.isError())
                            lines << p.message;
                    }
                    outcome.problem = lines.join(QStringLiteral("; "));
                }
                m_pending.append(outcome);
            }
        });
    if (!started)
        return false;
    setMessage({});
    setRunning(true);
    return true;
}

void CapacityWindow::cancel()
{
    if (!isRunning())
        return;
    m_job->cancel();
    m_controls->setCancelling(tr("Cancelling… what finished stays."));
}

void CapacityWindow::setRunning(bool running)
{
    m_controls->setRunning(running);
    for (QWidget *w : {static_cast<QWidget *>(m_list),
                       static_cast<QWidget *>(m_slo),
                       static_cast<QWidget *>(m_precision),
                       static_cast<QWidget *>(m_replications)})
        w->setEnabled(!running);
    m_controls->setRunEnabled(canRun());
    emit runningChanged(running);
}

void CapacityWindow::onFinished()
{
    setRunning(false);
    m_outcomes = m_pending;
    m_pending.clear();
    showOutcomes();
    QStringList failed;
    for (const CapacityOutcome &o : std::as_const(m_outcomes)) {
        if (!o.problem.isEmpty())
            failed << tr("%1: %2").arg(o.name, o.problem);
    }
    if (m_job->wasCancelled())
        setMessage(tr("Cancelled: the points that finished are shown."));
    else if (!failed.isEmpty())
        setMessage(tr("Not searched: fix these first:\n%1").arg(failed.join(QLatin1Char('\n'))));
    else
        setMessage({});
}

void CapacityWindow::showOutcomes()
{
    m_table->setRowCount(static_cast<int>(m_outcomes.size()));
    for (int row = 0; row < m_outcomes.size(); ++row) {
        const CapacityOutcome &o = m_outcomes.at(row);
        QTableWidgetItem *name = cell(o.name, false);
        name->setForeground(CompareView::alternativeColor(row));
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        m_table->setItem(row, NameColumn, name);
        const bool has = o.result && o.result->maxRatePerS;
        m_table->setItem(row,
                         RateColumn,
                         cell(has ? tr("%1 /s").arg(formatDecimal(*o.result->maxRatePerS))
                                  : QStringLiteral("–"),
                              true));
        m_table->setItem(row,
                         PerHourColumn,
                         cell(has ? dollars(o.result->costAtMax.perHour) : QStringLiteral("–"),
                              true));
        m_table->setItem(row,
                         PerMillionColumn,
                         cell(has ? dollars(o.result->costAtMax.perMillionRequests)
                                  : QStringLiteral("–"),
                              true));
        m_table->setItem(row,
                         PointsColumn,
                         cell(o.result ? QString::number(o.result->points.size()) : QString(),
                              true));
        QString note = o.problem;
        if (o.result) {
            note = o.result->note;
            if (o.result->cancelled)
                note = tr("cancelled");
            else if (!o.result->maxRatePerS && note.isEmpty())
                note = tr("the SLO held at no rate tried");
        }
        QTableWidgetItem *noteItem = cell(note, false);
        noteItem->setToolTip(note);
        m_table->setItem(row, NoteColumn, noteItem);
    }
    {
        const QSignalBlocker blocker(m_condition);
        const int was = m_condition->currentIndex();
        m_condition->clear();
        for (const Model::SloCondition &c : std::as_const(m_shownSlo.conditions))
            m_condition->addItem(c.text);
        m_condition->setCurrentIndex(std::max(0, std::min(was, m_condition->count() - 1)));
    }
    // a choice only when the SLO has more than one condition to chart
    m_conditionLabel->setVisible(m_condition->count() > 1);
    m_condition->setVisible(m_condition->count() > 1);
    if (!m_outcomes.isEmpty())
        m_header->setText(
            tr("<b>Capacity under %1</b> · precision %2 % · %3 replications per "
               "point. The curves: the SLO's figure at each rate tried (mean over "
               "the replications); ◆ the highest rate at which the SLO held.")
                .arg(m_shownSlo.text().toHtmlEscaped(), formatPlain(m_shownPrecision * 100))
                .arg(m_shownReplications));
    showChart();
}

void CapacityWindow::showChart()
{
    if (m_outcomes.isEmpty())
        m_chart->clear();
    else
        m_chart->setOutcomes(m_outcomes, m_shownSlo, std::max(0, m_condition->currentIndex()));
}

void CapacityWindow::setMessage(const QString &text)
{
    m_controls->setMessage(text);
}

QString CapacityWindow::message() const
{
    return m_controls->message();
}

} // namespace Ui
