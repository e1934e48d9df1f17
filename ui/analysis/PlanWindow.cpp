// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlanWindow.h"

#include "BackgroundJob.h"
#include "ChartExport.h"
#include "ProjectDocument.h"
#include "ScenarioIo.h"
#include "TableExport.h"
#include "analysis/JobControls.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGraphicsLineItem>
#include <QGraphicsPolygonItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsView>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollArea>
#include <QSet>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {

constexpr int kFormWidth = 440;

enum Merge { NoMerge = -1, MergeStepText = 7300, MergeStepNumber };

/** One edit of a plan: the plan before and after, applied through the project. */
class EditPlanCommand final : public QUndoCommand
{
public:
    EditPlanCommand(Model::ProjectDocument *project,
                    Model::Plan before,
                    Model::Plan after,
                    const QString &text,
                    int mergeId)
        : QUndoCommand(text)
        , m_project(project)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_mergeId(mergeId)
    {}
    void redo() override { m_project->setPlan(m_after); }
    void undo() override { m_project->setPlan(m_before); }
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const EditPlanCommand *>(other);
        if (o->m_after.id != m_after.id || o->text() != text())
            return false;
        m_after = o->m_after;
        return true;
    }

private:
    Model::ProjectDocument *m_project;
    Model::Plan m_before, m_after;
    int m_mergeId;
};

/** A plan added (or, with `remove`, removed) at its position. */
class AddPlanCommand final : public QUndoCommand
{
public:
    AddPlanCommand(Model::ProjectDocument *project,
                   Model::Plan plan,
                   int index,
                   bool remove,
                   const QString &text)
        : QUndoCommand(text)
        , m_project(project)
        , m_plan(std::move(plan))
        , m_index(index)
        , m_remove(remove)
    {}
    void redo() override { m_remove ? take() : put(); }
    void undo() override { m_remove ? put() : take(); }

private:
    void put() { m_plan.id = m_project->addPlan(m_plan, m_index); }
    void take()
    {
        if (std::optional<Model::Plan> p = m_project->plan(m_plan.id))
            m_plan = *p;
        m_project->removePlan(m_plan.id);
    }

    Model::ProjectDocument *m_project;
    Model::Plan m_plan;
    int m_index;
    bool m_remove;
};

bool hasModules(const Model::Scenario &scenario)
{
    for (const Model::Component &c : scenario.components) {
        if (c.kind == Model::ComponentKind::Service && !c.service.modules.isEmpty())
            return true;
    }
    return false;
}

/** The step a problem's path names ("$.steps[3].module" -> 3), -1 for none. */
int problemStep(const Model::Problem &problem)
{
    static const QRegularExpression step(QStringLiteral("steps\\[(\\d+)\\]"));
    const QRegularExpressionMatch m = step.match(problem.path);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

/** The trajectory's figures, as the window names them. */
struct TrajectoryFigure
{
    QString label;
    Model::TrajectoryFigure figure;
};

const std::vector<TrajectoryFigure> &trajectoryFigures()
{
    using F = Model::TrajectoryFigure;
    static const std::vector<TrajectoryFigure> figures = {
        {QStringLiteral("p99 latency (ms)"), F::P99},
        {QStringLiteral("Error rate"), F::ErrorRate},
        {QStringLiteral("Cost per hour ($)"), F::CostPerHour},
        {QStringLiteral("Deployables"), F::Deployables},
        {QStringLiteral("Sync hops"), F::SyncHops},
        {QStringLiteral("Lint findings"), F::LintFindings},
    };
    return figures;
}

Model::Estimate figureOf(const Model::TrajectoryPoint &point, const TrajectoryFigure &figure)
{
    return Model::trajectoryFigure(point, figure.figure);
}

QString estimateText(const Model::Estimate &e, int decimals)
{
    QString text = QString::number(e.mean, 'f', decimals);
    if (e.ci95)
        text += QStringLiteral(" ± ") + QString::number(*e.ci95, 'f', decimals);
    return text;
}

QString flagText(const Model::TrajectoryPoint &p)
{
    QStringList lines;
    if (p.breaksSlo)
        lines << QObject::tr("Breaks the SLO: %1").arg(p.sloText);
    for (const QString &l : p.newLint)
        lines << QObject::tr("New lint finding: %1").arg(l);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

PlanWindow::PlanWindow(Model::ProjectDocument *project, QWidget *parent)
    : QWidget(parent)
    , m_project(project)
    , m_undo(new QUndoStack(this))
    , m_job(new BackgroundJob(QStringLiteral("ArchSim plan"), this))
{
    setObjectName(QStringLiteral("planWindow"));
    setWindowFlag(Qt::Window);
    setWindowTitle(tr("Migration Plan"));

    auto formScroll = new QScrollArea(this);
    formScroll->setWidget(createForm());
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setFixedWidth(kFormWidth + 20);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    // the timeline
    auto timeline = new QGroupBox(tr("Timeline"), this);
    auto tl = new QVBoxLayout(timeline);
    auto sliderRow = new QHBoxLayout;
    m_slider = new QSlider(Qt::Horizontal, timeline);
    m_slider->setObjectName(QStringLiteral("planTimeline"));
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setPageStep(1);
    connect(m_slider, &QSlider::valueChanged, this, [this] { refreshTimeline(); });
    auto open = new QPushButton(tr("&Open as Scenario…"), timeline);
    open->setObjectName(QStringLiteral("planOpenStepButton"));
    open->setToolTip(tr("The step's scenario in the scenario format, read-only"));
    connect(open, &QPushButton::clicked, this, &PlanWindow::openStepScenario);
    sliderRow->addWidget(m_slider, 1);
    sliderRow->addWidget(open);
    m_stepTitle = new QLabel(timeline);
    m_stepTitle->setObjectName(QStringLiteral("planStepTitle"));
    m_stepTitle->setWordWrap(true);
    m_view = new QGraphicsView(new QGraphicsScene(this), timeline);
    m_view->setObjectName(QStringLiteral("planStepView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setInteractive(false);
    m_removed = new QLabel(timeline);
    m_removed->setObjectName(QStringLiteral("planRemoved"));
    m_removed->setWordWrap(true);
    tl->addLayout(sliderRow);
    tl->addWidget(m_stepTitle);
    tl->addWidget(m_view, 1);
    tl->addWidget(m_removed);

    // the trajectory
    auto trajectory = new QGroupBox(tr("Trajectory"), this);
    auto tr_ = new QVBoxLayout(trajectory);
    auto figureRow = new QHBoxLayout;
    m_figure = new QComboBox(trajectory);
    m_figure->setObjectName(QStringLiteral("planFigure"));
    for (const TrajectoryFigure &f : trajectoryFigures())
        m_figure->addItem(f.label);
    connect(m_figure, &QComboBox::currentIndexChanged, this, [this] { refreshTrajectory(); });
    figureRow->addWidget(new QLabel(tr("&Figure:"), trajectory));
    static_cast<QLabel *>(figureRow->itemAt(0)->widget())->setBuddy(m_figure);
    figureRow->addWidget(m_figure);
    figureRow->addStretch(1);
    m_plot = new QCustomPlot(trajectory);
    m_plot->setObjectName(QStringLiteral("planChart"));
    m_plot->setMinimumHeight(180);
    m_table = new QTableWidget(0, 10, trajectory);
    m_table->setObjectName(QStringLiteral("planTable"));
    m_table->setHorizontalHeaderLabels({tr("Step"),
                                        tr("Action"),
                                        tr("p99 (ms)"),
                                        tr("Error rate"),
                                        tr("Cost/h ($)"),
                                        tr("Deployables"),
                                        tr("Sync hops"),
                                        tr("Lint"),
                                        tr("SLO"),
                                        tr("Flags")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    installChartExport(m_plot, tr("Migration trajectory"));
    installTableExport(m_table, tr("Migration trajectory"));
    auto split = new QSplitter(Qt::Vertical, trajectory);
    split->addWidget(m_plot);
    split->addWidget(m_table);
    tr_->addLayout(figureRow);
    tr_->addWidget(split, 1);

    auto right = new QSplitter(Qt::Vertical, this);
    right->addWidget(timeline);
    right->addWidget(trajectory);
    right->setSizes({380, 520});

    auto layout = new QHBoxLayout(this);
    layout->addWidget(formScroll);
    layout->addWidget(right, 1);

    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("planUndoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("planRedoAction"));
    redo->setShortcut(QKeySequence::Redo);
    addAction(undo);
    addAction(redo);

    connect(m_job, &BackgroundJob::finished, this, &PlanWindow::onFinished);
    connect(m_job, &BackgroundJob::failed, this, [this](const QString &message) {
        setRunning(false);
        m_controls->setMessage(tr("The simulations failed: %1").arg(message));
    });
    const auto changed = [this] {
        if (!m_refreshing)
            refresh();
    };
    connect(m_project, &Model::ProjectDocument::planAdded, this, changed);
    connect(m_project, &Model::ProjectDocument::planChanged, this, changed);
    connect(m_project, &Model::ProjectDocument::planRemoved, this, changed);
    connect(m_project, &Model::ProjectDocument::scenarioAdded, this, changed);
    connect(m_project, &Model::ProjectDocument::scenarioRemoved, this, changed);
    connect(m_project, &Model::ProjectDocument::scenarioRenamed, this, changed);
    connect(m_project, &Model::ProjectDocument::documentEdited, this, changed);
    connect(m_project, &Model::ProjectDocument::projectAboutToBeReset, this, [this] {
        m_job->cancel();
        m_undo->clear();
        m_trajectory.reset();
        m_trajectoryPlan.reset();
        m_currentId.clear();
    });
    connect(m_project, &Model::ProjectDocument::projectReset, this, changed);

    resize(1400, 900);
    const QList<Model::Plan> plans = m_project->plans();
    if (!plans.isEmpty())
        m_currentId = plans.front().id;
    refresh();
}

PlanWindow::~PlanWindow()
{
    delete m_job; // cancels and waits for the worker before what it writes goes
}

QWidget *PlanWindow::createForm()
{
    auto form = new QWidget(this);
    form->setObjectName(QStringLiteral("planForm"));
    auto layout = new QVBoxLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);

    auto row = new QHBoxLayout;
    m_plans = new QComboBox(form);
    m_plans->setObjectName(QStringLiteral("planChoice"));
    connect(m_plans, &QComboBox::activated, this, [this](int index) {
        showPlan(m_plans->itemData(index).toString());
    });
    auto add = new QPushButton(tr("&New…"), form);
    add->setObjectName(QStringLiteral("planNewButton"));
    add->setToolTip(tr("A new plan from a scenario with a service that has modules"));
    connect(add, &QPushButton::clicked, this, [this] {
        QStringList names;
        for (const QString &id : m_project->scenarioIds()) {
            const std::optional<Model::Scenario> s = m_project->scenarioToRun(id);
            if (s && hasModules(*s))
                names << m_project->scenarioName(id);
        }
        if (names.isEmpty()) {
            m_controls->setMessage(tr("No scenario has a service with modules to extract."));
            return;
        }
        QString name = names.front();
        if (names.size() > 1) {
            bool ok = false;
            name = QInputDialog::getItem(this,
                                         tr("New Migration Plan"),
                                         tr("Start from:"),
                                         names,
                                         0,
                                         false,
                                         &ok);
            if (!ok)
                return;
        }
        newPlan(name);
    });
    auto remove = new QPushButton(tr("Delete"), form);
    remove->setObjectName(QStringLiteral("planDeleteButton"));
    connect(remove, &QPushButton::clicked, this, &PlanWindow::removeCurrentPlan);
    row->addWidget(m_plans, 1);
    row->addWidget(add);
    row->addWidget(remove);
    layout->addLayout(row);

    auto files = new QHBoxLayout;
    auto importButton = new QPushButton(tr("&Import…"), form);
    importButton->setObjectName(QStringLiteral("planImportButton"));
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this,
                                                          tr("Import Migration Plan"),
                                                          QString(),
                                                          tr("Plan files (*.json)"));
        if (file.isEmpty())
            return;
        QString error;
        if (importPlan(file, &error).isEmpty())
            m_controls->setMessage(error);
    });
    auto exportButton = new QPushButton(tr("&Export…"), form);
    exportButton->setObjectName(QStringLiteral("planExportButton"));
    exportButton->setToolTip(tr("The plan as a plan file, its starting scenario embedded"));
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const std::optional<Model::Plan> p = current();
        if (!p)
            return;
        QString base = p->name;
        base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")), QStringLiteral("-"));
        const QString file = QFileDialog::getSaveFileName(this,
                                                          tr("Export Migration Plan"),
                                                          base.toLower() + QStringLiteral(".json"),
                                                          tr("Plan files (*.json)"));
        if (file.isEmpty())
            return;
        QString error;
        m_controls->setMessage(exportPlan(file, &error) ? tr("Wrote %1.").arg(file) : error);
    });
    files->addWidget(importButton);
    files->addWidget(exportButton);
    layout->addLayout(files);

    auto steps = new QGroupBox(tr("Steps"), form);
    auto stepsLayout = new QVBoxLayout(steps);
    m_steps = new QListWidget(steps);
    m_steps->setObjectName(QStringLiteral("planSteps"));
    m_steps->setMinimumHeight(160);
    m_steps->setWordWrap(true);
    connect(m_steps, &QListWidget::currentRowChanged, this, [this] {
        if (m_refreshing)
            return;
        refreshStepForm();
        if (currentStep() >= 0)
            m_slider->setValue(currentStep() + 1);
    });
    stepsLayout->addWidget(m_steps);
    m_problemLabel = JobControls::errorLabel(steps, QStringLiteral("planProblems"));
    m_problemLabel->setWordWrap(true);
    stepsLayout->addWidget(m_problemLabel);
    auto stepButtons = new QHBoxLayout;
    m_addAction = new QComboBox(steps);
    m_addAction->setObjectName(QStringLiteral("planAddAction"));
    for (Model::PlanAction a : {Model::PlanAction::Facade,
                                Model::PlanAction::Extract,
                                Model::PlanAction::Database,
                                Model::PlanAction::Shift,
                                Model::PlanAction::Retire})
        m_addAction->addItem(Model::planActionName(a), int(a));
    auto addStepButton = new QPushButton(tr("&Add"), steps);
    addStepButton->setObjectName(QStringLiteral("planAddStepButton"));
    connect(addStepButton, &QPushButton::clicked, this, [this] {
        addStep(Model::PlanAction(m_addAction->currentData().toInt()));
    });
    auto removeStepButton = new QPushButton(tr("Remove"), steps);
    removeStepButton->setObjectName(QStringLiteral("planRemoveStepButton"));
    connect(removeStepButton, &QPushButton::clicked, this, [this] { removeStep(currentStep()); });
    auto up = new QPushButton(tr("Up"), steps);
    up->setObjectName(QStringLiteral("planUpButton"));
    connect(up, &QPushButton::clicked, this, [this] { moveStep(currentStep(), -1); });
    auto down = new QPushButton(tr("Down"), steps);
    down->setObjectName(QStringLiteral("planDownButton"));
    connect(down, &QPushButton::clicked, this, [this] { moveStep(currentStep(), 1); });
    for (QPushButton *b : {addStepButton, removeStepButton, up, down})
        b->setMaximumWidth(70);
    stepButtons->addWidget(m_addAction, 1);
    stepButtons->addWidget(addStepButton);
    stepButtons->addWidget(removeStepButton);
    stepButtons->addWidget(up);
    stepButtons->addWidget(down);
    stepsLayout->addLayout(stepButtons);
    layout->addWidget(steps);

    layout->addWidget(createStepForm());

    auto suggest = new QGroupBox(tr("Suggested order"), form);
    auto suggestLayout = new QVBoxLayout(suggest);
    auto suggestButtons = new QHBoxLayout;
    auto suggestButton = new QPushButton(tr("S&uggest Order"), suggest);
    suggestButton->setObjectName(QStringLiteral("planSuggestButton"));
    connect(suggestButton, &QPushButton::clicked, this, &PlanWindow::showSuggestion);
    auto appendButton = new QPushButton(tr("Append &Steps"), suggest);
    appendButton->setObjectName(QStringLiteral("planAppendButton"));
    appendButton->setToolTip(tr("For each module in this order: extract, database (own), shift "
                                "100%, retire; after a facade if there is none"));
    connect(appendButton, &QPushButton::clicked, this, &PlanWindow::appendSuggestedSteps);
    suggestButtons->addWidget(suggestButton);
    suggestButtons->addWidget(appendButton);
    suggestLayout->addLayout(suggestButtons);
    m_suggestion = new QLabel(suggest);
    m_suggestion->setObjectName(QStringLiteral("planSuggestion"));
    m_suggestion->setWordWrap(true);
    m_suggestion->setTextFormat(Qt::RichText);
    suggestLayout->addWidget(m_suggestion);
    layout->addWidget(suggest);

    auto run = new QGroupBox(tr("Simulate every step"), form);
    auto runForm = new QFormLayout(run);
    m_replications = new QSpinBox(run);
    m_replications->setObjectName(QStringLiteral("planReplications"));
    m_replications->setRange(1, 1000);
    m_replications->setValue(5);
    m_duration = new QDoubleSpinBox(run);
    m_duration->setObjectName(QStringLiteral("planDuration"));
    m_duration->setRange(0, 1e6);
    m_duration->setDecimals(1);
    m_duration->setSuffix(tr(" s"));
    m_duration->setSpecialValueText(tr("the scenario's"));
    runForm->addRow(tr("&Replications:"), m_replications);
    runForm->addRow(tr("D&uration:"), m_duration);
    m_controls = new JobControls(m_job, this, QStringLiteral("plan"), tr("&Run"), run);
    m_controls->runButton()->setToolTip(tr("Simulate every step (Ctrl+Return)"));
    connect(m_controls, &JobControls::runRequested, this, &PlanWindow::runPlan);
    connect(m_controls, &JobControls::cancelRequested, this, &PlanWindow::cancel);
    runForm->addRow(m_controls);
    layout->addWidget(run);
    layout->addStretch(1);
    return form;
}

QWidget *PlanWindow::createStepForm()
{
    auto box = new QGroupBox(tr("Selected step"), this);
    m_stepForm = new QFormLayout(box);
    m_stepAction = new QLabel(box);
    m_stepAction->setObjectName(QStringLiteral("planStepAction"));
    m_stepName = new QLineEdit(box);
    m_stepName->setObjectName(QStringLiteral("planStepName"));
    m_stepName->setPlaceholderText(tr("the planner's description"));
    connect(m_stepName, &QLineEdit::editingFinished, this, [this] {
        editStep(tr("Rename step"), MergeStepText, [&](Model::PlanStep &s) {
            s.name = m_stepName->text().trimmed();
        });
    });
    m_stepNotes = new QPlainTextEdit(box);
    m_stepNotes->setObjectName(QStringLiteral("planStepNotes"));
    m_stepNotes->setMaximumHeight(60);
    connect(m_stepNotes, &QPlainTextEdit::textChanged, this, [this] {
        if (m_refreshing)
            return;
        editStep(tr("Edit notes"), MergeStepText, [&](Model::PlanStep &s) {
            s.notes = m_stepNotes->toPlainText();
        });
    });

    const auto text = [this, box](const char *name, QString Model::PlanStep::*field) {
        auto edit = new QLineEdit(box);
        edit->setObjectName(QString::fromLatin1(name));
        connect(edit, &QLineEdit::editingFinished, this, [this, edit, field] {
            editStep(tr("Edit step"), NoMerge, [&](Model::PlanStep &s) {
                s.*field = edit->text().trimmed();
            });
        });
        return edit;
    };
    const auto number = [this, box](const char *name,
                                    double max,
                                    int decimals,
                                    std::optional<double> Model::PlanStep::*field) {
        auto spin = new QDoubleSpinBox(box);
        spin->setObjectName(QString::fromLatin1(name));
        spin->setRange(0, max);
        spin->setDecimals(decimals);
        spin->setSpecialValueText(tr("default"));
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, field](double v) {
            if (m_refreshing)
                return;
            editStep(tr("Edit step"), MergeStepNumber, [&](Model::PlanStep &s) {
                s.*field = v > 0 ? std::optional<double>(v) : std::nullopt;
            });
        });
        return spin;
    };
    const auto integer = [this, box](const char *name, std::optional<int> Model::PlanStep::*field) {
        auto spin = new QSpinBox(box);
        spin->setObjectName(QString::fromLatin1(name));
        spin->setRange(0, 100000);
        spin->setSpecialValueText(tr("default"));
        connect(spin, &QSpinBox::valueChanged, this, [this, field](int v) {
            if (m_refreshing)
                return;
            editStep(tr("Edit step"), MergeStepNumber, [&](Model::PlanStep &s) {
                s.*field = v > 0 ? std::optional<int>(v) : std::nullopt;
            });
        });
        return spin;
    };

    m_facade = text("planFacade", &Model::PlanStep::facade);
    m_latency = number("planLatency", 10000, 2, &Model::PlanStep::latencyMs);
    m_latency->setSuffix(tr(" ms"));
    m_module = new QComboBox(box);
    m_module->setObjectName(QStringLiteral("planModule"));
    m_module->setEditable(true);
    connect(m_module, &QComboBox::activated, this, [this] {
        editStep(tr("Edit step"), NoMerge, [&](Model::PlanStep &s) {
            s.module = m_module->currentText().trimmed();
        });
    });
    connect(m_module->lineEdit(), &QLineEdit::editingFinished, this, [this] {
        editStep(tr("Edit step"), NoMerge, [&](Model::PlanStep &s) {
            s.module = m_module->currentText().trimmed();
        });
    });
    m_service = text("planService", &Model::PlanStep::service);
    m_service->setPlaceholderText(tr("the module's name"));
    m_replicas = integer("planReplicas", &Model::PlanStep::replicas);
    m_cpu = number("planCpu", 1000, 2, &Model::PlanStep::cpuCores);
    m_memory = number("planMemory", 1e7, 0, &Model::PlanStep::memoryMb);
    m_memory->setSuffix(tr(" MB"));
    m_data = new QComboBox(box);
    m_data->setObjectName(QStringLiteral("planData"));
    m_data->addItems({QStringLiteral("own"), QStringLiteral("shared")});
    connect(m_data, &QComboBox::activated, this, [this] {
        editStep(tr("Edit step"), NoMerge, [&](Model::PlanStep &s) {
            s.data = m_data->currentText();
        });
    });
    m_database = text("planDatabase", &Model::PlanStep::database);
    m_database->setPlaceholderText(tr("<service>_db"));
    m_maxConnections = integer("planMaxConnections", &Model::PlanStep::maxConnections);
    m_pool = integer("planPool", &Model::PlanStep::pool);
    m_sync = new QComboBox(box);
    m_sync->setObjectName(QStringLiteral("planSync"));
    m_sync->addItems({QStringLiteral("none"), QStringLiteral("dual_write"), QStringLiteral("cdc")});
    connect(m_sync, &QComboBox::activated, this, [this] {
        editStep(tr("Edit step"), NoMerge, [&](Model::PlanStep &s) {
            s.sync = m_sync->currentText();
        });
    });
    m_syncMs = number("planSyncMs", 10000, 2, &Model::PlanStep::syncMs);
    m_syncMs->setSuffix(tr(" ms"));
    m_share = new QDoubleSpinBox(box);
    m_share->setObjectName(QStringLiteral("planShare"));
    m_share->setRange(0, 100);
    m_share->setDecimals(1);
    m_share->setSuffix(tr(" %"));
    connect(m_share, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (m_refreshing)
            return;
        editStep(tr("Edit share"), MergeStepNumber, [&](Model::PlanStep &s) {
            s.share = v / 100.0;
        });
    });

    m_stepForm->addRow(tr("Action:"), m_stepAction);
    m_stepForm->addRow(tr("Na&me:"), m_stepName);
    m_stepForm->addRow(tr("Facade &id:"), m_facade);
    m_stepForm->addRow(tr("Facade &latency:"), m_latency);
    m_stepForm->addRow(tr("Mod&ule:"), m_module);
    m_stepForm->addRow(tr("Ser&vice id:"), m_service);
    m_stepForm->addRow(tr("Re&plicas:"), m_replicas);
    m_stepForm->addRow(tr("CPU co&res:"), m_cpu);
    m_stepForm->addRow(tr("Memor&y:"), m_memory);
    m_stepForm->addRow(tr("&Data:"), m_data);
    m_stepForm->addRow(tr("Data&base id:"), m_database);
    m_stepForm->addRow(tr("Max connections:"), m_maxConnections);
    m_stepForm->addRow(tr("Pool:"), m_pool);
    m_stepForm->addRow(tr("S&ync:"), m_sync);
    m_stepForm->addRow(tr("Sync CPU per write:"), m_syncMs);
    m_stepForm->addRow(tr("S&hare:"), m_share);
    m_stepForm->addRow(tr("&Notes:"), m_stepNotes);
    return box;
}

std::optional<Model::Plan> PlanWindow::current() const
{
    return m_project->plan(m_currentId);
}

std::optional<Model::Scenario> PlanWindow::currentStart() const
{
    const std::optional<Model::Plan> p = current();
    return p ? m_project->planStart(*p) : std::nullopt;
}

bool PlanWindow::showPlan(const QString &planId)
{
    if (!m_project->plan(planId))
        return false;
    m_currentId = planId;
    refresh();
    return true;
}

QString PlanWindow::newPlan(const QString &scenarioName)
{
    QString start = scenarioName;
    if (start.isEmpty()) {
        for (const QString &id : m_project->scenarioIds()) {
            const std::optional<Model::Scenario> s = m_project->scenarioToRun(id);
            if (s && hasModules(*s)) {
                start = m_project->scenarioName(id);
                break;
            }
        }
    }
    if (start.isEmpty())
        return {};
    Model::Plan p;
    p.id = Model::newProjectId();
    p.name = tr("Plan %1").arg(m_project->plans().size() + 1);
    p.start = start;
    m_currentId = p.id;
    m_undo->push(
        new AddPlanCommand(m_project, p, int(m_project->plans().size()), false, tr("New plan")));
    refresh();
    return m_currentId;
}

bool PlanWindow::removeCurrentPlan()
{
    const std::optional<Model::Plan> p = current();
    if (!p)
        return false;
    m_undo->push(new AddPlanCommand(m_project,
                                    *p,
                                    m_project->planPosition(p->id),
                                    true,
                                    tr("Delete %1").arg(p->name)));
    return true;
}

int PlanWindow::currentStep() const
{
    return m_steps->currentRow();
}

void PlanWindow::selectStep(int index)
{
    m_steps->setCurrentRow(index);
}

bool PlanWindow::edit(const QString &text,
                      int mergeId,
                      const std::function<void(Model::Plan &)> &change)
{
    const std::optional<Model::Plan> before = current();
    if (!before)
        return false;
    Model::Plan after = *before;
    change(after);
    if (after == *before)
        return false;
    m_undo->push(new EditPlanCommand(m_project, *before, after, text, mergeId));
    return true;
}

bool PlanWindow::editStep(const QString &text,
                          int mergeId,
                          const std::function<void(Model::PlanStep &)> &change)
{
    if (m_refreshing)
        return false;
    const int index = currentStep();
    return edit(text, mergeId, [&](Model::Plan &p) {
        if (index >= 0 && index < p.steps.size())
            change(p.steps[index]);
    });
}

bool PlanWindow::addStep(Model::PlanAction action)
{
    const int at = currentStep() >= 0 ? currentStep() + 1 : -1;
    int index = -1;
    const bool done = edit(tr("Add %1 step").arg(Model::planActionName(action)),
                           NoMerge,
                           [&](Model::Plan &p) {
                               Model::PlanStep step;
                               step.action = action;
                               if (action == Model::PlanAction::Shift)
                                   step.share = 1.0;
                               // the module of the step before, the usual next one
                               const int before = at < 0 ? int(p.steps.size()) - 1 : at - 1;
                               if (before >= 0 && action != Model::PlanAction::Facade)
                                   step.module = p.steps.at(before).module;
                               index = at < 0 || at > p.steps.size() ? int(p.steps.size()) : at;
                               p.steps.insert(index, step);
                           });
    if (done)
        selectStep(index);
    return done;
}

bool PlanWindow::removeStep(int index)
{
    const bool done = edit(tr("Remove step"), NoMerge, [&](Model::Plan &p) {
        if (index >= 0 && index < p.steps.size())
            p.steps.removeAt(index);
    });
    if (done)
        selectStep(std::min(index, int(m_steps->count()) - 1));
    return done;
}

bool PlanWindow::moveStep(int index, int by)
{
    const bool done = edit(tr("Move step"), NoMerge, [&](Model::Plan &p) {
        const int to = index + by;
        if (index >= 0 && index < p.steps.size() && to >= 0 && to < p.steps.size())
            p.steps.move(index, to);
    });
    if (done)
        selectStep(index + by);
    return done;
}

bool PlanWindow::setStep(int index, const Model::PlanStep &step)
{
    return edit(tr("Edit step"), NoMerge, [&](Model::Plan &p) {
        if (index >= 0 && index < p.steps.size())
            p.steps[index] = step;
    });
}

bool PlanWindow::appendSuggestedSteps()
{
    const std::optional<Model::Plan> plan = current();
    const std::optional<Model::Scenario> start = currentStart();
    if (!plan || !start)
        return false;
    const std::vector<Model::ModuleRanking> ranking
        = Model::suggestOrder(*start, Model::planMonolith(*plan, *start));
    return edit(tr("Append the suggested steps"), NoMerge, [&](Model::Plan &p) {
        bool facade = false;
        QStringList extracted;
        for (const Model::PlanStep &s : std::as_const(p.steps)) {
            facade = facade || s.action == Model::PlanAction::Facade;
            if (s.action == Model::PlanAction::Extract)
                extracted << s.module;
        }
        for (const Model::Component &c : start->components)
            facade = facade || c.kind == Model::ComponentKind::Gateway;
        if (!facade) {
            Model::PlanStep f;
            f.action = Model::PlanAction::Facade;
            p.steps.append(f);
        }
        for (const Model::ModuleRanking &r : ranking) {
            if (extracted.contains(r.module))
                continue;
            for (Model::PlanAction a : {Model::PlanAction::Extract,
                                        Model::PlanAction::Database,
                                        Model::PlanAction::Shift,
                                        Model::PlanAction::Retire}) {
                Model::PlanStep s;
                s.action = a;
                s.module = r.module;
                if (a == Model::PlanAction::Shift)
                    s.share = 1.0;
                p.steps.append(s);
            }
        }
    });
}

void PlanWindow::showSuggestion()
{
    const std::optional<Model::Plan> plan = current();
    const std::optional<Model::Scenario> start = currentStart();
    if (!plan || !start) {
        m_suggestion->setText(tr("The plan's start is not in the project."));
        return;
    }
    const std::vector<Model::ModuleRanking> ranking
        = Model::suggestOrder(*start, Model::planMonolith(*plan, *start));
    QString html = QStringLiteral("<ol>");
    for (const Model::ModuleRanking &r : ranking)
        html += QStringLiteral("<li><b>%1</b> (score %2): %3</li>")
                    .arg(r.module.toHtmlEscaped(),
                         QString::number(r.score, 'f', 2),
                         r.reason.toHtmlEscaped());
    html += QStringLiteral("</ol>");
    if (ranking.empty())
        html = tr("The monolith has no modules.");
    m_suggestion->setText(html);
}

bool PlanWindow::exportPlan(const QString &fileName, QString *error) const
{
    const std::optional<Model::Plan> plan = current();
    const std::optional<Model::Scenario> start = currentStart();
    if (!plan || !start) {
        if (error)
            *error = plan ? tr("The plan's start '%1' is not in the project.").arg(plan->start)
                          : tr("There is no plan to export.");
        return false;
    }
    Model::Plan out = *plan;
    out.id.clear();
    out.start.clear();
    out.startScenario = *start;
    QSaveFile file(fileName);
    const QByteArray bytes = Model::serializePlan(out);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

QString PlanWindow::importPlan(const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read %1: %2").arg(fileName, file.errorString());
        return {};
    }
    Model::Problems problems;
    std::optional<Model::Plan> plan = Model::parsePlan(file.readAll(), &problems);
    std::optional<Model::Scenario> start;
    if (plan)
        start = Model::planStartFromFile(*plan, fileName, &problems);
    if (!plan || !start) {
        if (error)
            *error = tr("%1 is not a plan ArchSim can read: %2")
                         .arg(QFileInfo(fileName).fileName(),
                              problems.isEmpty() ? tr("no start scenario")
                                                 : problems.constFirst().toString());
        return {};
    }
    bool known = false;
    for (const QString &id : m_project->scenarioIds())
        known = known || m_project->scenarioName(id) == start->name;
    if (!known)
        m_project->addScenario(*start); // not on the plan's undo stack: the main window's list
    plan->start = start->name;
    plan->startScenario.reset();
    plan->id = Model::newProjectId();
    m_currentId = plan->id;
    m_undo->push(new AddPlanCommand(m_project,
                                    *plan,
                                    int(m_project->plans().size()),
                                    false,
                                    tr("Import %1").arg(plan->name)));
    refresh();
    return m_currentId;
}

void PlanWindow::refresh()
{
    m_refreshing = true;
    if (!current()) {
        const QList<Model::Plan> plans = m_project->plans();
        m_currentId = plans.isEmpty() ? QString() : plans.front().id;
    }
    m_plans->clear();
    for (const Model::Plan &p : m_project->plans())
        m_plans->addItem(p.name, p.id);
    m_plans->setCurrentIndex(m_plans->findData(m_currentId));

    const std::optional<Model::Plan> plan = current();
    const std::optional<Model::Scenario> start = currentStart();
    m_derived.clear();
    m_problemLines.clear();
    Model::Problems problems;
    if (plan && start)
        m_derived = Model::derivePlan(*plan, *start, &problems);
    else if (plan)
        m_problemLines << tr("The start scenario '%1' is not in the project.").arg(plan->start);

    const int selected = m_steps->currentRow();
    m_steps->clear();
    if (plan) {
        for (qsizetype k = 0; k < plan->steps.size(); ++k) {
            const Model::PlanStep &s = plan->steps.at(k);
            QString line = QStringLiteral("%1. %2").arg(k + 1).arg(
                s.name.isEmpty() ? Model::stepTitle(s) : s.name);
            QStringList why;
            for (const Model::Problem &p : std::as_const(problems)) {
                if (problemStep(p) == k && p.isError())
                    why << p.message;
            }
            auto item = new QListWidgetItem(m_steps);
            if (!why.isEmpty()) {
                line += QStringLiteral("\n    ") + why.join(QStringLiteral("; "));
                item->setForeground(Qt::red);
                item->setToolTip(why.join(QLatin1Char('\n')));
            }
            item->setText(line);
        }
    }
    for (const Model::Problem &p : std::as_const(problems)) {
        if (p.isError())
            m_problemLines << (p.path + QStringLiteral(": ") + p.message);
    }
    m_steps->setCurrentRow(std::min(selected, int(m_steps->count()) - 1));
    JobControls::showError(m_problemLabel, m_problemLines.join(QLatin1Char('\n')));

    // the modules the plan can name
    m_module->clear();
    if (plan && start) {
        const QString mono = Model::planMonolith(*plan, *start);
        if (const Model::Component *c = start->component(mono)) {
            for (const Model::Module &m : c->service.modules)
                m_module->addItem(m.name);
        }
    }

    // the trajectory applies while the plan is the one it was run on
    if (m_trajectoryPlan && (!plan || !(*plan == *m_trajectoryPlan))) {
        m_trajectory.reset();
        m_trajectoryPlan.reset();
    }

    const int steps = plan ? int(plan->steps.size()) : 0;
    const int position = std::min(m_slider->value(), steps);
    m_slider->setRange(0, steps);
    m_slider->setValue(position);
    m_refreshing = false;
    refreshStepForm();
    refreshTimeline();
    refreshTrajectory();
    m_controls->setRunEnabled(!isRunning() && plan && start && m_problemLines.isEmpty());
}

void PlanWindow::refreshStepForm()
{
    const std::optional<Model::Plan> plan = current();
    const int index = currentStep();
    const bool has = plan && index >= 0 && index < plan->steps.size();
    const Model::PlanStep step = has ? plan->steps.at(index) : Model::PlanStep{};
    const bool old = m_refreshing;
    m_refreshing = true;
    m_stepForm->parentWidget()->setEnabled(has);
    m_stepAction->setText(has ? Model::planActionName(step.action) : QString());
    m_stepName->setText(step.name);
    if (m_stepNotes->toPlainText() != step.notes)
        m_stepNotes->setPlainText(step.notes);
    m_facade->setText(step.facade);
    m_latency->setValue(step.latencyMs.value_or(0));
    m_module->setCurrentText(step.module);
    m_service->setText(step.service);
    m_replicas->setValue(step.replicas.value_or(0));
    m_cpu->setValue(step.cpuCores.value_or(0));
    m_memory->setValue(step.memoryMb.value_or(0));
    m_data->setCurrentText(step.data);
    m_database->setText(step.database);
    m_maxConnections->setValue(step.maxConnections.value_or(0));
    m_pool->setValue(step.pool.value_or(0));
    m_sync->setCurrentText(step.sync);
    m_syncMs->setValue(step.syncMs.value_or(0));
    m_share->setValue(step.share.value_or(0) * 100.0);

    using A = Model::PlanAction;
    const A a = step.action;
    const bool facade = has && a == A::Facade;
    const bool extract = has && a == A::Extract;
    const bool database = has && a == A::Database;
    m_stepForm->setRowVisible(m_facade, facade);
    m_stepForm->setRowVisible(m_latency, facade);
    m_stepForm->setRowVisible(m_module, has && !facade);
    m_stepForm->setRowVisible(m_service, extract);
    m_stepForm->setRowVisible(m_replicas, extract);
    m_stepForm->setRowVisible(m_cpu, extract);
    m_stepForm->setRowVisible(m_memory, extract);
    m_stepForm->setRowVisible(m_data, database);
    m_stepForm->setRowVisible(m_database, database);
    m_stepForm->setRowVisible(m_maxConnections, database);
    m_stepForm->setRowVisible(m_pool, database);
    m_stepForm->setRowVisible(m_sync, database);
    m_stepForm->setRowVisible(m_syncMs, database);
    m_stepForm->setRowVisible(m_share, has && a == A::Shift);
    m_refreshing = old;
}

void PlanWindow::setTimelineStep(int step)
{
    m_slider->setValue(step);
}

void PlanWindow::refreshTimeline()
{
    QGraphicsScene *scene = m_view->scene();
    scene->clear();
    const int k = m_slider->value();
    if (k < 0 || k >= int(m_derived.size())) {
        m_stepTitle->setText(current() ? tr("Step %1 cannot be derived: see the problems of "
                                            "the steps.")
                                             .arg(k)
                                       : tr("No plan."));
        m_removed->clear();
        return;
    }
    const Model::DerivedStep &step = m_derived.at(std::size_t(k));
    m_stepTitle->setText(
        k == 0 ? tr("<b>Start</b>: %1").arg(step.scenario.name.toHtmlEscaped())
               : tr("<b>Step %1</b> (%2): %3").arg(k).arg(step.action, step.title.toHtmlEscaped()));
    // The components in columns by their distance from the entry (what requests reach
    // first on the left), an arrow for each reference (a route, a call, a cache, a publish,
    // a consumer); the changed ones highlighted.
    const Model::Scenario &s = step.scenario;
    const QList<QSet<int>> edges = Model::componentReferences(s);
    QList<int> depth(s.components.size(), -1);
    QList<int> queue;
    if (const int entry = s.indexOf(s.workload.entry); entry >= 0) {
        depth[entry] = 0;
        queue << entry;
    }
    for (int q = 0; q < queue.size(); ++q) {
        for (int to : std::as_const(edges[queue[q]])) {
            if (depth[to] < 0) {
                depth[to] = depth[queue[q]] + 1;
                queue << to;
            }
        }
    }
    int deepest = 0;
    for (int d : std::as_const(depth))
        deepest = std::max(deepest, d);
    for (int &d : depth) {
        if (d < 0)
            d = deepest + 1; // reached by nothing: a column of their own
    }
    const QFontMetrics fm(m_view->font());
    const double w = 130, h = 2.6 * fm.height() + 8, gapX = 40, gapY = 14;
    QList<QPointF> at(s.components.size());
    QHash<int, int> rows;
    for (int i = 0; i < s.components.size(); ++i)
        at[i] = QPointF(depth[i] * (w + gapX), (rows[depth[i]]++) * (h + gapY));
    const QPalette pal = palette();
    const QPen edgePen(pal.color(QPalette::Dark), 1.2);
    for (int from = 0; from < edges.size(); ++from) {
        for (int to : std::as_const(edges[from])) {
            const QPointF a = at[from] + QPointF(w, h / 2), b = at[to] + QPointF(0, h / 2);
            QLineF line(a, b);
            if (b.x() <= a.x()) // backwards or within a column: from the bottom edge
                line = QLineF(at[from] + QPointF(w / 2, h), at[to] + QPointF(w / 2, 0));
            scene->addLine(line, edgePen)->setZValue(-1);
            // an arrow head at the target
            const double angle = std::atan2(-line.dy(), line.dx());
            const QPointF tip = line.p2();
            QPolygonF head;
            head << tip << tip - QPointF(std::cos(angle - 0.4) * 8, -std::sin(angle - 0.4) * 8)
                 << tip - QPointF(std::cos(angle + 0.4) * 8, -std::sin(angle + 0.4) * 8);
            scene->addPolygon(head, edgePen, QBrush(pal.color(QPalette::Dark)))->setZValue(-1);
        }
    }
    for (int i = 0; i < s.components.size(); ++i) {
        const Model::Component &c = s.components.at(i);
        const bool changed = step.changed.contains(c.id);
        const double x = at[i].x(), y = at[i].y();
        auto rect = scene->addRect(QRectF(x, y, w, h),
                                   QPen(changed ? QColor(0xd0, 0x70, 0x00)
                                                : pal.color(QPalette::Mid),
                                        changed ? 2.5 : 1),
                                   QBrush(changed ? QColor(0xff, 0xe8, 0xc0)
                                                  : pal.color(QPalette::Base)));
        rect->setToolTip(changed ? tr("%1: added or changed by this step").arg(c.id) : c.id);
        auto label = scene->addSimpleText(
            QStringLiteral("%1\n%2").arg(c.id, Model::componentKindName(c.kind)));
        label->setBrush(QColor(Qt::black));
        label->setPos(x + 8, y + 4);
    }
    scene->setSceneRect(scene->itemsBoundingRect().adjusted(-8, -8, 8, 8));
    m_removed->setText(step.removed.isEmpty()
                           ? (step.changed.isEmpty()
                                  ? QString()
                                  : tr("Changed: %1").arg(step.changed.join(QStringLiteral(", "))))
                           : tr("Changed: %1. Removed: %2")
                                 .arg(step.changed.isEmpty()
                                          ? tr("nothing")
                                          : step.changed.join(QStringLiteral(", ")),
                                      step.removed.join(QStringLiteral(", "))));
}

void PlanWindow::openStepScenario()
{
    const int k = m_slider->value();
    if (k < 0 || k >= int(m_derived.size()))
        return;
    const Model::DerivedStep &step = m_derived.at(std::size_t(k));
    auto dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("planStepScenarioDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Step %1: %2 (read-only)").arg(k).arg(step.title));
    auto layout = new QVBoxLayout(dialog);
    auto note = new QLabel(tr("The planner derives this scenario from the plan; it is not "
                              "stored. Copy it into a scenario file to edit it on its own."),
                           dialog);
    note->setWordWrap(true);
    auto text = new QPlainTextEdit(dialog);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setPlainText(QString::fromUtf8(Model::serializeScenario(step.scenario)));
    auto buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(note);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    dialog->resize(700, 700);
    dialog->show();
}

void PlanWindow::refreshTrajectory()
{
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_table->setRowCount(0);
    if (!m_trajectory) {
        m_plot->replot();
        return;
    }
    const std::vector<Model::TrajectoryPoint> &points = m_trajectory->points;
    const std::vector<TrajectoryFigure> &figures = trajectoryFigures();
    const TrajectoryFigure &figure = figures.at(
        std::size_t(std::clamp(m_figure->currentIndex(), 0, int(figures.size()) - 1)));

    QVector<double> x, y, err, fx, fy;
    for (std::size_t k = 0; k < points.size(); ++k) {
        const Model::Estimate e = figureOf(points[k], figure);
        x << double(k);
        y << e.mean;
        err << e.ci95.value_or(0);
        if (points[k].breaksSlo || !points[k].newLint.isEmpty()) {
            fx << double(k);
            fy << e.mean;
        }
    }
    QCPGraph *graph = m_plot->addGraph();
    graph->setData(x, y);
    graph->setPen(QPen(QColor(0x30, 0x60, 0xb0), 2));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
    // compare's figures have intervals; the steps' facts (deployables, hops, lint) do not
    if (figure.figure == Model::TrajectoryFigure::P99
        || figure.figure == Model::TrajectoryFigure::ErrorRate
        || figure.figure == Model::TrajectoryFigure::CostPerHour) {
        auto bars = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
        bars->setDataPlottable(graph);
        bars->setData(err);
        bars->setPen(QPen(QColor(0x30, 0x60, 0xb0)));
    }
    QCPGraph *flags = m_plot->addGraph();
    flags->setData(fx, fy);
    flags->setLineStyle(QCPGraph::lsNone);
    flags->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(Qt::red), 11));
    flags->setName(tr("breaks the SLO or adds a lint finding"));

    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (std::size_t k = 0; k < points.size(); ++k)
        ticker->addTick(double(k), k == 0 ? tr("start") : QString::number(k));
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setLabel(tr("step"));
    m_plot->yAxis->setLabel(figure.label);
    m_plot->rescaleAxes();
    m_plot->xAxis->setRange(-0.5, double(points.size()) - 0.5);
    const QCPRange r = m_plot->yAxis->range();
    double top = r.upper;
    for (int k = 0; k < y.size(); ++k)
        top = std::max(top, y[k] + err[k]);
    m_plot->yAxis->setRange(std::min(0.0, r.lower), top * 1.1 + (top == 0 ? 1 : 0));
    m_plot->replot();

    m_table->setRowCount(int(points.size()));
    for (std::size_t k = 0; k < points.size(); ++k) {
        const Model::TrajectoryPoint &p = points[k];
        const QString flag = flagText(p);
        const QStringList cells = {k == 0 ? tr("start")
                                          : QStringLiteral("%1. %2").arg(k).arg(p.title),
                                   p.action,
                                   estimateText(figureOf(p, figures[0]), 1),
                                   estimateText(figureOf(p, figures[1]), 4),
                                   estimateText(figureOf(p, figures[2]), 3),
                                   QString::number(p.deployables),
                                   QString::number(p.syncHops),
                                   QString::number(p.lintFindings),
                                   p.breaksSlo ? tr("broken") : tr("met"),
                                   flag.isEmpty() ? QString()
                                                  : flag.section(QLatin1Char('\n'), 0, 0)};
        for (int c = 0; c < cells.size(); ++c) {
            auto item = new QTableWidgetItem(cells[c]);
            if (!flag.isEmpty()) {
                item->setForeground(Qt::red);
                item->setToolTip(flag);
            }
            m_table->setItem(int(k), c, item);
        }
    }
}

void PlanWindow::setRunSettings(int replications, double durationS)
{
    m_replications->setValue(replications);
    m_duration->setValue(durationS);
}

bool PlanWindow::isRunning() const
{
    return m_job->isRunning();
}

QString PlanWindow::message() const
{
    return m_controls->message();
}

bool PlanWindow::runPlan()
{
    const std::optional<Model::Plan> plan = current();
    const std::optional<Model::Scenario> start = currentStart();
    if (!plan || !start || isRunning()) {
        m_controls->setMessage(tr("Not run: the plan's start is not in the project."));
        return false;
    }
    if (!m_problemLines.isEmpty()) {
        m_controls->setMessage(tr("Not run: the plan has mistakes."));
        return false;
    }
    const Model::Plan p = *plan;
    const Model::Scenario s = *start;
    const int replications = m_replications->value();
    const double duration = m_duration->value();
    m_pending.reset();
    m_pendingPlan = p;
    m_pendingError.clear();
    const bool started = m_job->start(
        [this, p, s, replications, duration](const std::atomic<bool> &cancel,
                                             BackgroundJob::Progress &progress) {
            Model::MigrateOptions options;
            options.replications = replications;
            if (duration > 0)
                options.durationS = duration;
            options.cancel = &cancel;
            options.observer = &progress;
            Model::Problems found;
            m_pending = Model::runPlan(p, s, options, &found);
            if (!m_pending && !found.isEmpty())
                m_pendingError = found.constFirst().toString();
        });
    if (!started)
        return false;
    m_controls->setMessage({});
    setRunning(true);
    return true;
}

void PlanWindow::cancel()
{
    if (!isRunning())
        return;
    m_job->cancel();
    m_controls->setCancelling(tr("Cancelling…"));
}

void PlanWindow::setRunning(bool running)
{
    m_controls->setRunning(running);
    m_replications->setEnabled(!running);
    m_duration->setEnabled(!running);
    m_controls->setRunEnabled(!running && current().has_value() && m_problemLines.isEmpty());
    emit runningChanged(running);
}

void PlanWindow::onFinished()
{
    setRunning(false);
    if (m_job->wasCancelled() || (m_pending && m_pending->cancelled)) {
        m_controls->setMessage(tr("Cancelled: the trajectory keeps its last run, if any."));
    } else if (!m_pending) {
        m_controls->setMessage(tr("Not run: %1").arg(m_pendingError));
    } else if (m_pendingPlan && m_pendingPlan->id == m_currentId) {
        m_trajectory = std::move(m_pending);
        m_trajectoryPlan = m_pendingPlan;
        int flagged = 0;
        for (const Model::TrajectoryPoint &p : m_trajectory->points)
            flagged += (p.breaksSlo || !p.newLint.isEmpty()) ? 1 : 0;
        m_controls->setMessage(
            flagged ? tr("%n step(s) flagged (red): they break the SLO or add a lint finding.",
                         nullptr,
                         flagged)
                    : tr("Every step meets the SLO and adds no lint finding."));
    }
    m_pending.reset();
    refreshTrajectory();
}

} // namespace Ui
