// SPDX-License-Identifier: GPL-3.0-or-later
#include "DecisionWindow.h"

#include "BackgroundJob.h"
#include "ProjectDocument.h"
#include "TableExport.h"
#include "TornadoChart.h"
#include "analysis/JobControls.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Ui {

namespace {

constexpr int kFormWidth = 330;
enum Column { CriterionColumn, WeightColumn, ShareColumn, FirstAlternativeColumn };

/** Merge ids: successive edits of one field become one undo step. */
enum Merge {
    NoMerge = -1,
    MergeName = 7100,
    MergeContext,
    MergeQuestionnaire,
    MergeSimulation,
    MergeWeight,
};

/** One edit of a decision: the decision before and after, applied through the project. */
class EditDecisionCommand final : public QUndoCommand
{
public:
    EditDecisionCommand(Model::ProjectDocument *project,
                        Model::Decision before,
                        Model::Decision after,
                        const QString &text,
                        int mergeId,
                        int epoch)
        : QUndoCommand(text)
        , m_project(project)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_mergeId(mergeId)
        , m_epoch(epoch)
    {}
    void redo() override { m_project->setDecision(m_after); }
    void undo() override { m_project->setDecision(m_before); }
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const EditDecisionCommand *>(other);
        if (o->m_after.id != m_after.id || o->text() != text() || o->m_epoch != m_epoch)
            return false;
        m_after = o->m_after;
        return true;
    }

private:
    Model::ProjectDocument *m_project;
    Model::Decision m_before, m_after;
    int m_mergeId;
    int m_epoch; ///< edits merge only within one epoch (a run starts a new one)
};

/** A decision added (or, with `remove`, removed) at its position. */
class AddDecisionCommand final : public QUndoCommand
{
public:
    AddDecisionCommand(Model::ProjectDocument *project,
                       Model::Decision decision,
                       int index,
                       bool remove,
                       const QString &text)
        : QUndoCommand(text)
        , m_project(project)
        , m_decision(std::move(decision))
        , m_index(index)
        , m_remove(remove)
    {}
    void redo() override { m_remove ? take() : put(); }
    void undo() override { m_remove ? put() : take(); }

private:
    void put() { m_decision.id = m_project->addDecision(m_decision, m_index); }
    void take()
    {
        if (std::optional<Model::Decision> d = m_project->decision(m_decision.id))
            m_decision = *d; // as it is now, so a redo of the add brings it back whole
        m_project->removeDecision(m_decision.id);
    }

    Model::ProjectDocument *m_project;
    Model::Decision m_decision;
    int m_index;
    bool m_remove;
};

QString scoreText(const Model::DecisionRow &row, const Model::DecisionCell &cell)
{
    if (!row.measured && !cell.overridden)
        return cell.text.isEmpty() ? QStringLiteral("—") : QStringLiteral("— (%1)").arg(cell.text);
    QString text = QString::number(cell.score, 'f', 1);
    if (cell.overridden)
        text += QLatin1Char('*');
    if (!cell.text.isEmpty())
        text += QStringLiteral("  ") + cell.text;
    return text;
}

} // namespace

DecisionWindow::DecisionWindow(Model::ProjectDocument *project, QWidget *parent)
    : QWidget(parent)
    , m_project(project)
    , m_undo(new QUndoStack(this))
    , m_job(new BackgroundJob(QStringLiteral("ArchSim decision"), this))
{
    setObjectName(QStringLiteral("decisionWindow"));
    setWindowFlag(Qt::Window);
    setWindowTitle(tr("Decision Matrix"));

    QWidget *form = createForm();
    auto formScroll = new QScrollArea(this);
    formScroll->setObjectName(QStringLiteral("decisionFormScroll"));
    formScroll->setWidget(form);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    formScroll->setFixedWidth(kFormWidth + formScroll->verticalScrollBar()->sizeHint().width());

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("decisionHeader"));
    m_header->setWordWrap(true);

    m_table = new QTableWidget(0, FirstAlternativeColumn, this);
    m_table->setObjectName(QStringLiteral("decisionMatrix"));
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    installTableExport(m_table, tr("Decision matrix"));
    connect(m_table, &QTableWidget::cellChanged, this, &DecisionWindow::onItemChanged);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row, int column) {
        onCurrentCellChanged(row, column);
    });

    m_reason = new QLabel(this);
    m_reason->setObjectName(QStringLiteral("decisionReason"));
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // why a score set by hand is what it is: it goes into the ADR in place of the pre-filled
    // reasoning; shown for a cell whose score is set by hand
    m_overrideReason = new QLineEdit(this);
    m_overrideReason->setObjectName(QStringLiteral("decisionOverrideReason"));
    m_overrideReason->setPlaceholderText(
        tr("Why this score? The reason goes into the ADR with the score set by hand"));
    m_overrideReason->setClearButtonEnabled(true);
    m_overrideReasonRow = new QWidget(this);
    auto reasonLayout = new QHBoxLayout(m_overrideReasonRow);
    reasonLayout->setContentsMargins(0, 0, 0, 0);
    auto reasonLabel = new QLabel(tr("Reason for the score set by &hand:"), m_overrideReasonRow);
    reasonLabel->setBuddy(m_overrideReason);
    reasonLayout->addWidget(reasonLabel);
    reasonLayout->addWidget(m_overrideReason, 1);
    m_overrideReasonRow->hide();
    connect(m_overrideReason, &QLineEdit::editingFinished, this, [this] {
        const int row = m_table->currentRow(), column = m_table->currentColumn();
        if (row < 0 || row >= int(m_result.rows.size()) || column < FirstAlternativeColumn)
            return;
        setScoreReason(m_result.rows[std::size_t(row)].criterion,
                       m_result.alternatives.value(column - FirstAlternativeColumn),
                       m_overrideReason->text().trimmed());
    });

    m_ranking = new QLabel(this);
    m_ranking->setObjectName(QStringLiteral("decisionRanking"));
    m_ranking->setWordWrap(true);
    m_ranking->setTextFormat(Qt::RichText);
    m_ranking->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_tornado = new TornadoChart(this);

    auto bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_ranking);
    bottom->addWidget(m_tornado);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 2);
    bottom->setSizes({380, 640});

    auto top = new QWidget(this);
    auto topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_header);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_reason);
    topLayout->addWidget(m_overrideReasonRow);
    auto right = new QSplitter(Qt::Vertical, this);
    right->addWidget(top);
    right->addWidget(bottom);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);

    auto layout = new QHBoxLayout(this);
    layout->addWidget(formScroll);
    layout->addWidget(right, 1);

    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("decisionUndoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("decisionRedoAction"));
    redo->setShortcut(QKeySequence::Redo);
    addAction(undo);
    addAction(redo);

    connect(m_job, &BackgroundJob::finished, this, &DecisionWindow::onFinished);
    connect(m_job, &BackgroundJob::failed, this, [this](const QString &message) {
        setRunning(false);
        m_controls->setMessage(tr("The simulations failed: %1").arg(message));
    });
    const auto changed = [this] {
        if (!m_refreshing)
            refresh();
    };
    connect(m_project, &Model::ProjectDocument::decisionAdded, this, changed);
    connect(m_project, &Model::ProjectDocument::decisionChanged, this, changed);
    connect(m_project, &Model::ProjectDocument::decisionEvidenceChanged, this, changed);
    // An edit of a scenario may make the measurements stale: refreshed once per burst of
    // edits (a drag on the canvas is many).
    auto edits = new QTimer(this);
    edits->setSingleShot(true);
    edits->setInterval(0);
    connect(edits, &QTimer::timeout, this, changed);
    connect(m_project, &Model::ProjectDocument::documentEdited, edits, qOverload<>(&QTimer::start));
    connect(m_project, &Model::ProjectDocument::decisionRemoved, this, changed);
    connect(m_project, &Model::ProjectDocument::scenarioAdded, this, changed);
    connect(m_project, &Model::ProjectDocument::scenarioRemoved, this, changed);
    connect(m_project, &Model::ProjectDocument::scenarioRenamed, this, changed);
    connect(m_project, &Model::ProjectDocument::pricesChanged, this, changed);
    connect(m_project, &Model::ProjectDocument::projectAboutToBeReset, this, [this] {
        m_job->cancel();
        m_undo->clear();
        m_currentId.clear();
    });
    connect(m_project, &Model::ProjectDocument::projectReset, this, changed);

    resize(1280, 800);
    const QList<Model::Decision> decisions = m_project->decisions();
    if (!decisions.isEmpty())
        m_currentId = decisions.front().id;
    refresh();
}

DecisionWindow::~DecisionWindow()
{
    delete m_job; // cancels and waits for the worker before what it writes goes
}

QWidget *DecisionWindow::createForm()
{
    auto form = new QWidget(this);
    form->setObjectName(QStringLiteral("decisionForm"));
    auto layout = new QVBoxLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);

    auto row = new QHBoxLayout;
    m_decisions = new QComboBox(form);
    m_decisions->setObjectName(QStringLiteral("decisionChoice"));
    connect(m_decisions, &QComboBox::activated, this, [this](int index) {
        showDecision(m_decisions->itemData(index).toString());
    });
    auto add = new QPushButton(tr("&New"), form);
    add->setObjectName(QStringLiteral("decisionNewButton"));
    add->setToolTip(tr("A new decision over the shown one's alternatives, else the project's "
                       "first two scenarios"));
    connect(add, &QPushButton::clicked, this, [this] {
        const std::optional<Model::Decision> shown = current();
        newDecision(shown ? shown->alternatives : QStringList());
    });
    auto remove = new QPushButton(tr("Remove"), form);
    remove->setObjectName(QStringLiteral("decisionRemoveButton"));
    connect(remove, &QPushButton::clicked, this, &DecisionWindow::removeCurrentDecision);
    row->addWidget(m_decisions, 1);
    row->addWidget(add);
    row->addWidget(remove);
    layout->addLayout(row);

    auto general = new QFormLayout;
    m_name = new QLineEdit(form);
    m_name->setObjectName(QStringLiteral("decisionName"));
    connect(m_name, &QLineEdit::editingFinished, this, [this] { setName(m_name->text()); });
    m_status = new QComboBox(form);
    m_status->setObjectName(QStringLiteral("decisionStatus"));
    m_status->addItems({QStringLiteral("proposed"),
                        QStringLiteral("accepted"),
                        QStringLiteral("rejected"),
                        QStringLiteral("deprecated"),
                        QStringLiteral("superseded")});
    connect(m_status, &QComboBox::activated, this, [this] { setStatus(m_status->currentText()); });
    m_context = new QPlainTextEdit(form);
    m_context->setObjectName(QStringLiteral("decisionContext"));
    m_context->setPlaceholderText(tr("The problem and its forces (Markdown); the ADR's "
                                     "\"Context and Problem Statement\""));
    m_context->setTabChangesFocus(true);
    m_context->setFixedHeight(fontMetrics().height() * 5 + 12);
    connect(m_context, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_refreshing)
            setContext(m_context->toPlainText());
    });
    general->addRow(tr("Na&me:"), m_name);
    general->addRow(tr("S&tatus:"), m_status);
    general->addRow(tr("Conte&xt:"), m_context);
    layout->addLayout(general);

    auto alternatives = new QGroupBox(tr("Alternatives (scenarios of the project)"), form);
    auto altLayout = new QVBoxLayout(alternatives);
    m_alternatives = new QListWidget(alternatives);
    m_alternatives->setObjectName(QStringLiteral("decisionAlternatives"));
    m_alternatives->setMaximumHeight(110);
    m_alternatives->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_alternatives, &QListWidget::itemChanged, this, [this] {
        if (m_refreshing)
            return;
        QStringList names;
        for (int i = 0; i < m_alternatives->count(); ++i) {
            if (m_alternatives->item(i)->checkState() == Qt::Checked)
                names << m_alternatives->item(i)->data(Qt::UserRole).toString();
        }
        setAlternatives(names);
    });
    altLayout->addWidget(m_alternatives);
    layout->addWidget(alternatives);

    auto team = new QGroupBox(tr("The team (pre-fills the qualitative scores)"), form);
    auto teamForm = new QFormLayout(team);
    const auto answers = [this] {
        if (m_refreshing)
            return;
        Model::Questionnaire q;
        q.developers = m_developers->value();
        q.teams = m_teams->value();
        q.releasesPerWeek = m_releases->value();
        q.domainStability = m_domain->currentText();
        q.opsMaturity = m_ops->currentText();
        q.onCallEngineers = m_onCall->value();
        setQuestionnaire(q);
    };
    m_developers = new QSpinBox(team);
    m_developers->setObjectName(QStringLiteral("decisionDevelopers"));
    m_developers->setRange(1, 100000);
    m_teams = new QSpinBox(team);
    m_teams->setObjectName(QStringLiteral("decisionTeams"));
    m_teams->setRange(1, 10000);
    m_releases = new QDoubleSpinBox(team);
    m_releases->setObjectName(QStringLiteral("decisionReleases"));
    m_releases->setRange(0, 10000);
    m_releases->setDecimals(1);
    m_domain = new QComboBox(team);
    m_domain->setObjectName(QStringLiteral("decisionDomain"));
    m_domain->addItems(
        {QStringLiteral("stable"), QStringLiteral("evolving"), QStringLiteral("unclear")});
    m_ops = new QComboBox(team);
    m_ops->setObjectName(QStringLiteral("decisionOps"));
    m_ops->addItems({QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")});
    m_onCall = new QSpinBox(team);
    m_onCall->setObjectName(QStringLiteral("decisionOnCall"));
    m_onCall->setRange(0, 100000);
    for (QSpinBox *s : {m_developers, m_teams, m_onCall})
        connect(s, &QSpinBox::valueChanged, this, answers);
    connect(m_releases, &QDoubleSpinBox::valueChanged, this, answers);
    connect(m_domain, &QComboBox::activated, this, answers);
    connect(m_ops, &QComboBox::activated, this, answers);
    teamForm->addRow(tr("&Developers:"), m_developers);
    teamForm->addRow(tr("Te&ams:"), m_teams);
    teamForm->addRow(tr("Re&leases a week per team:"), m_releases);
    teamForm->addRow(tr("Domain &stability:"), m_domain);
    teamForm->addRow(tr("&Operations maturity:"), m_ops);
    teamForm->addRow(tr("Engineers &on call:"), m_onCall);
    layout->addWidget(team);

    auto sim = new QGroupBox(tr("Simulated criteria"), form);
    auto simForm = new QFormLayout(sim);
    const auto settings = [this] {
        if (m_refreshing)
            return;
        const std::optional<Model::Decision> d = current();
        if (!d)
            return;
        Model::DecisionSimulation s = d->simulation;
        s.replications = m_replications->value();
        s.capacity = m_capacity->isChecked();
        s.slo = m_slo->text().trimmed();
        const auto orNone = [](const QDoubleSpinBox *box) {
            return box->value() > box->minimum() ? std::optional<double>(box->value())
                                                 : std::nullopt;
        };
        s.targetRatePerS = orNone(m_targetRate);
        s.durationS = orNone(m_duration);
        const QString kind = m_fault->currentData().toString();
        s.fault = Model::Fault{};
        s.fault.kind = kind;
        if (!kind.isEmpty()) {
            s.fault.target = m_faultTarget->text().trimmed();
            s.fault.atS = orNone(m_faultAt);
            if (kind == QLatin1String("outage"))
                s.fault.untilS = orNone(m_faultUntil);
            else if (m_faultCount->value() > 1)
                s.fault.count = m_faultCount->value();
        }
        setSimulation(s);
    };
    m_replications = new QSpinBox(sim);
    m_replications->setObjectName(QStringLiteral("decisionReplications"));
    m_replications->setRange(1, 1000);
    connect(m_replications, &QSpinBox::valueChanged, this, settings);
    // A spin box at its minimum shows its special text and means "not set".
    const auto optionalBox = [&](const QString &name,
                                 double minimum,
                                 double maximum,
                                 const QString &suffix,
                                 const QString &none,
                                 const QString &tip) {
        auto box = new QDoubleSpinBox(sim);
        box->setObjectName(name);
        box->setRange(minimum, maximum);
        box->setDecimals(1);
        box->setSuffix(suffix);
        box->setSpecialValueText(none);
        box->setToolTip(tip);
        box->setKeyboardTracking(false);
        connect(box, &QDoubleSpinBox::valueChanged, this, settings);
        return box;
    };
    m_targetRate = optionalBox(QStringLiteral("decisionTargetRate"),
                               0,
                               1e9,
                               tr(" req/s"),
                               tr("each scenario's own"),
                               tr("The load the alternatives are compared at: their arrival "
                                  "profiles scaled to it"));
    m_duration = optionalBox(QStringLiteral("decisionDuration"),
                             0,
                             1e8,
                             tr(" s"),
                             tr("each scenario's own"),
                             tr("How long each run lasts"));
    m_fault = new QComboBox(sim);
    m_fault->setObjectName(QStringLiteral("decisionFault"));
    m_fault->addItem(tr("none"), QString());
    m_fault->addItem(tr("kill an instance"), QStringLiteral("kill_instance"));
    m_fault->addItem(tr("outage"), QStringLiteral("outage"));
    m_fault->setToolTip(tr("A fault in every alternative: the error rate under it and the "
                           "time to recover become criteria"));
    connect(m_fault, &QComboBox::activated, this, settings);
    m_faultTarget = new QLineEdit(sim);
    m_faultTarget->setObjectName(QStringLiteral("decisionFaultTarget"));
    m_faultTarget->setPlaceholderText(tr("each alternative's busiest service"));
    m_faultTarget->setToolTip(tr("A component id; an alternative without it has the fault on "
                                 "its busiest service"));
    connect(m_faultTarget, &QLineEdit::editingFinished, this, settings);
    m_faultAt = optionalBox(QStringLiteral("decisionFaultAt"),
                            -1,
                            1e8,
                            tr(" s"),
                            tr("the middle of the run"),
                            tr("When the fault strikes, from the start of the run"));
    m_faultUntil = optionalBox(QStringLiteral("decisionFaultUntil"),
                               -1,
                               1e8,
                               tr(" s"),
                               tr("the end of the run"),
                               tr("When the outage ends"));
    m_faultCount = new QSpinBox(sim);
    m_faultCount->setObjectName(QStringLiteral("decisionFaultCount"));
    m_faultCount->setRange(1, 100000);
    m_faultCount->setSuffix(tr(" instance(s)"));
    m_faultCount->setToolTip(tr("How many instances are killed"));
    m_faultCount->setKeyboardTracking(false);
    connect(m_faultCount, &QSpinBox::valueChanged, this, settings);
    m_capacity = new QCheckBox(tr("Search the capacity under the SLO"), sim);
    m_capacity->setObjectName(QStringLiteral("decisionCapacity"));
    connect(m_capacity, &QCheckBox::toggled, this, settings);
    m_slo = new QLineEdit(sim);
    m_slo->setObjectName(QStringLiteral("decisionSlo"));
    m_slo->setPlaceholderText(tr("the first alternative's SLO"));
    connect(m_slo, &QLineEdit::editingFinished, this, settings);
    simForm->addRow(tr("&Replications:"), m_replications);
    simForm->addRow(tr("Target &load:"), m_targetRate);
    simForm->addRow(tr("D&uration:"), m_duration);
    simForm->addRow(tr("&Fault run:"), m_fault);
    simForm->addRow(tr("Fault tar&get:"), m_faultTarget);
    simForm->addRow(tr("Fault &at:"), m_faultAt);
    simForm->addRow(tr("Outage &until:"), m_faultUntil);
    simForm->addRow(tr("&Kill:"), m_faultCount);
    simForm->addRow(m_capacity);
    simForm->addRow(tr("SL&O:"), m_slo);
    layout->addWidget(sim);

    m_controls
        = new JobControls(m_job, this, QStringLiteral("decision"), tr("Run &Simulations"), form);
    m_controls->runButton()->setToolTip(tr("Measure the simulated criteria (Ctrl+Return)"));
    connect(m_controls, &JobControls::runRequested, this, &DecisionWindow::runSimulations);
    connect(m_controls, &JobControls::cancelRequested, this, &DecisionWindow::cancel);
    layout->addWidget(m_controls);
    auto exportButton = new QPushButton(tr("&Export ADR…"), form);
    exportButton->setObjectName(QStringLiteral("decisionExportButton"));
    exportButton->setToolTip(tr("Write the decision as an Architecture Decision Record "
                                "(Markdown, MADR)"));
    connect(exportButton, &QPushButton::clicked, this, &DecisionWindow::exportWithDialog);
    layout->addWidget(exportButton);
    layout->addStretch(1);
    return form;
}

std::optional<Model::Decision> DecisionWindow::current() const
{
    return m_project->decision(m_currentId);
}

bool DecisionWindow::showDecision(const QString &decisionId)
{
    if (!m_project->decision(decisionId))
        return false;
    m_currentId = decisionId;
    refresh();
    return true;
}

QString DecisionWindow::newDecision(const QStringList &scenarioNames)
{
    Model::Decision d;
    d.name = tr("Decision %1").arg(m_project->decisions().size() + 1);
    d.alternatives = scenarioNames;
    if (d.alternatives.size() < 2) {
        d.alternatives.clear();
        for (const QString &id : m_project->scenarioIds()) {
            if (m_project->isReadable(id) && d.alternatives.size() < 2)
                d.alternatives << m_project->scenarioName(id);
        }
    }
    d.simulation.fault.kind = QStringLiteral("kill_instance");
    d.id = Model::newProjectId();
    m_currentId = d.id;
    m_undo->push(new AddDecisionCommand(m_project,
                                        d,
                                        int(m_project->decisions().size()),
                                        false,
                                        tr("New decision")));
    refresh();
    return m_currentId;
}

bool DecisionWindow::removeCurrentDecision()
{
    const std::optional<Model::Decision> d = current();
    if (!d)
        return false;
    m_undo->push(new AddDecisionCommand(m_project,
                                        *d,
                                        m_project->decisionPosition(d->id),
                                        true,
                                        tr("Remove %1").arg(d->name)));
    return true;
}

bool DecisionWindow::edit(const QString &text,
                          int mergeId,
                          const std::function<void(Model::Decision &)> &change)
{
    const std::optional<Model::Decision> before = current();
    if (!before)
        return false;
    Model::Decision after = *before;
    change(after);
    if (after == *before)
        return false;
    m_undo->push(new EditDecisionCommand(m_project, *before, after, text, mergeId, m_epoch));
    return true;
}

bool DecisionWindow::setName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return false;
    return edit(tr("Rename decision"), MergeName, [&](Model::Decision &d) {
        d.name = name.trimmed();
    });
}

bool DecisionWindow::setContext(const QString &context)
{
    return edit(tr("Edit the context"), MergeContext, [&](Model::Decision &d) {
        d.context = context;
    });
}

bool DecisionWindow::setStatus(const QString &status)
{
    return edit(tr("Status %1").arg(status), NoMerge, [&](Model::Decision &d) {
        d.status = status;
    });
}

bool DecisionWindow::setAlternatives(const QStringList &names)
{
    return edit(tr("Change alternatives"), NoMerge, [&](Model::Decision &d) {
        d.alternatives = names;
        // overrides of alternatives no longer in it go with them
        d.overrides.removeIf(
            [&](const Model::ScoreOverride &o) { return !names.contains(o.alternative); });
    });
}

bool DecisionWindow::setQuestionnaire(const Model::Questionnaire &questionnaire)
{
    return edit(tr("Change the team's answers"), MergeQuestionnaire, [&](Model::Decision &d) {
        d.questionnaire = questionnaire;
        d.questionnaire.teams = std::min(d.questionnaire.teams, d.questionnaire.developers);
    });
}

bool DecisionWindow::setSimulation(const Model::DecisionSimulation &simulation)
{
    return edit(tr("Change the simulation"), MergeSimulation, [&](Model::Decision &d) {
        d.simulation = simulation;
    });
}

bool DecisionWindow::setWeight(const QString &criterion, double weight)
{
    if (!Model::decisionCriterion(criterion) || weight < 0 || weight > 100)
        return false;
    return edit(tr("Weight of %1").arg(QLatin1String(Model::decisionCriterion(criterion)->label)),
                MergeWeight,
                [&](Model::Decision &d) { d.weights.insert(criterion, weight); });
}

bool DecisionWindow::setScore(const QString &criterion,
                              const QString &alternative,
                              std::optional<double> score,
                              const QString &reason)
{
    if (!Model::decisionCriterion(criterion) || (score && (*score < 0 || *score > 10)))
        return false;
    const QString label = QLatin1String(Model::decisionCriterion(criterion)->label);
    return edit(score ? tr("Score of %1 for %2").arg(label, alternative)
                      : tr("Pre-filled score of %1 for %2").arg(label, alternative),
                NoMerge,
                [&](Model::Decision &d) {
                    d.overrides.removeIf([&](const Model::ScoreOverride &o) {
                        return o.criterion == criterion && o.alternative == alternative;
                    });
                    if (score)
                        d.overrides.append({criterion, alternative, *score, reason});
                });
}

bool DecisionWindow::setScoreReason(const QString &criterion,
                                    const QString &alternative,
                                    const QString &reason)
{
    const std::optional<Model::Decision> d = current();
    const Model::ScoreOverride *o = d ? d->overrideOf(criterion, alternative) : nullptr;
    if (!o || o->reason == reason)
        return false;
    const QString label = QLatin1String(Model::decisionCriterion(criterion)->label);
    return edit(tr("Reason for the score of %1 for %2").arg(label, alternative),
                NoMerge, // one step per finished edit of the field
                [&](Model::Decision &changed) {
                    for (Model::ScoreOverride &each : changed.overrides) {
                        if (each.criterion == criterion && each.alternative == alternative)
                            each.reason = reason;
                    }
                });
}

bool DecisionWindow::hasEvidence() const
{
    const std::optional<Model::Decision> d = current();
    return d && m_project->decisionEvidence(*d).has_value();
}

void DecisionWindow::refresh()
{
    m_refreshing = true;
    {
        const QSignalBlocker block(m_decisions);
        m_decisions->clear();
        for (const Model::Decision &d : m_project->decisions())
            m_decisions->addItem(d.name, d.id);
        if (!m_project->decision(m_currentId)) {
            const QList<Model::Decision> all = m_project->decisions();
            m_currentId = all.isEmpty() ? QString() : all.front().id;
        }
        m_decisions->setCurrentIndex(m_decisions->findData(m_currentId));
    }
    const std::optional<Model::Decision> d = current();
    if (d) {
        refreshForm(*d);
        refreshMatrix(*d);
    } else {
        m_result = {};
        m_problem = tr("This project has no decision yet: press New to make one over two of "
                       "its scenarios.");
        m_header->setText(m_problem);
        m_table->setRowCount(0);
        m_ranking->clear();
        m_reason->clear();
        m_tornado->clear();
    }
    m_controls->setRunEnabled(d && m_problem.isEmpty() && !isRunning());
    m_refreshing = false;
}

void DecisionWindow::refreshForm(const Model::Decision &d)
{
    const QList<QWidget *> fields = {m_name,       m_status,       m_alternatives, m_developers,
                                     m_teams,      m_releases,     m_domain,       m_ops,
                                     m_onCall,     m_replications, m_targetRate,   m_duration,
                                     m_fault,      m_faultTarget,  m_faultAt,      m_faultUntil,
                                     m_faultCount, m_capacity,     m_slo,          m_context};
    QList<QSharedPointer<QSignalBlocker>> blockers;
    for (QWidget *w : fields)
        blockers.append(QSharedPointer<QSignalBlocker>::create(w));
    m_name->setText(d.name);
    m_status->setCurrentText(d.status);
    m_alternatives->clear();
    QStringList names;
    for (const QString &id : m_project->scenarioIds()) {
        if (m_project->isReadable(id))
            names << m_project->scenarioName(id);
    }
    for (const QString &missing : d.alternatives) {
        if (!names.contains(missing))
            names << missing;
    }
    for (const QString &name : std::as_const(names)) {
        auto item = new QListWidgetItem(name, m_alternatives);
        item->setData(Qt::UserRole, name);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(d.alternatives.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
    m_developers->setValue(d.questionnaire.developers);
    m_teams->setValue(d.questionnaire.teams);
    m_releases->setValue(d.questionnaire.releasesPerWeek);
    m_domain->setCurrentText(d.questionnaire.domainStability);
    m_ops->setCurrentText(d.questionnaire.opsMaturity);
    m_onCall->setValue(d.questionnaire.onCallEngineers);
    m_replications->setValue(d.simulation.replications);
    m_targetRate->setValue(d.simulation.targetRatePerS.value_or(m_targetRate->minimum()));
    m_duration->setValue(d.simulation.durationS.value_or(m_duration->minimum()));
    const Model::Fault &f = d.simulation.fault;
    m_fault->setCurrentIndex(std::max(0, m_fault->findData(f.kind)));
    m_faultTarget->setText(f.target);
    m_faultAt->setValue(f.atS.value_or(m_faultAt->minimum()));
    m_faultUntil->setValue(f.untilS.value_or(m_faultUntil->minimum()));
    m_faultCount->setValue(f.count.value_or(1));
    const bool running = isRunning();
    for (QWidget *w : {static_cast<QWidget *>(m_faultTarget), static_cast<QWidget *>(m_faultAt)})
        w->setEnabled(!f.kind.isEmpty() && !running);
    m_faultUntil->setEnabled(f.kind == QLatin1String("outage") && !running);
    m_faultCount->setEnabled(f.kind == QLatin1String("kill_instance") && !running);
    m_capacity->setChecked(d.simulation.capacity);
    m_slo->setText(d.simulation.slo);
    if (m_context->toPlainText() != d.context) // typing here must keep its cursor
        m_context->setPlainText(d.context);
}

void DecisionWindow::refreshMatrix(const Model::Decision &d)
{
    Model::Problems problems;
    const std::optional<std::vector<Model::Scenario>> scenarios
        = m_project->decisionScenarios(d, &problems);
    const QSignalBlocker block(m_table);
    if (!scenarios) {
        QStringList lines;
        for (const Model::Problem &p : std::as_const(problems))
            lines << p.message;
        m_problem = tr("Tick two or more scenarios: %1").arg(lines.join(QStringLiteral("; ")));
        m_header->setText(m_problem);
        m_result = {};
        m_table->setRowCount(0);
        m_ranking->clear();
        m_tornado->clear();
        return;
    }
    m_problem.clear();
    const std::optional<Model::DecisionEvidence> evidence = m_project->decisionEvidence(d);
    const bool measured = evidence.has_value();
    m_result = Model::evaluateDecision(d, *scenarios, evidence ? &*evidence : nullptr);
    m_header->setText(
        measured ? tr("Scores of 0 to 10; the simulated ones measured with %1 replications. Edit "
                      "a weight or a score (empty: back to the pre-filled score); * marks a "
                      "score set by hand.")
                       .arg(evidence ? evidence->replications : 0)
                 : tr("Scores of 0 to 10. The simulated criteria are not measured yet: Run "
                      "Simulations (Ctrl+Return). Edit a weight or a score (empty: back to the "
                      "pre-filled score); * marks a score set by hand."));

    const int nAlt = int(m_result.alternatives.size());
    const int currentRow = m_table->currentRow(), currentColumn = m_table->currentColumn();
    m_table->setColumnCount(FirstAlternativeColumn + nAlt);
    QStringList headers = {tr("Criterion"), tr("Weight"), tr("Share")};
    headers += m_result.alternatives;
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(m_result.rows.size()));
    for (int r = 0; r < int(m_result.rows.size()); ++r) {
        const Model::DecisionRow &row = m_result.rows[std::size_t(r)];
        auto label = new QTableWidgetItem(row.label
                                          + (row.simulated ? tr(" (simulated)") : QString()));
        label->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        label->setData(Qt::UserRole, row.criterion);
        m_table->setItem(r, CriterionColumn, label);
        auto weight = new QTableWidgetItem(QString::number(row.weight));
        weight->setToolTip(tr("From 0 to 100; only the ratios count"));
        m_table->setItem(r, WeightColumn, weight);
        auto share = new QTableWidgetItem(
            row.measured ? QStringLiteral("%1%").arg(row.share * 100, 0, 'f', 0) : tr("not used"));
        share->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        m_table->setItem(r, ShareColumn, share);
        for (int a = 0; a < nAlt; ++a) {
            const Model::DecisionCell &cell = row.cells[std::size_t(a)];
            auto item = new QTableWidgetItem(scoreText(row, cell));
            item->setToolTip(cell.reason);
            item->setData(Qt::UserRole, cell.reason);
            if (cell.overridden) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            m_table->setItem(r, FirstAlternativeColumn + a, item);
        }
    }
    if (currentRow >= 0 && currentRow < m_table->rowCount())
        m_table->setCurrentCell(currentRow, std::min(currentColumn, m_table->columnCount() - 1));
    onCurrentCellChanged(m_table->currentRow(), m_table->currentColumn());

    QString html;
    if (!m_result.ranking.empty()) {
        html += tr("<b>Ranking</b> (weighted score of 10; what decided it, in points against "
                   "the runner-up for the winner and against the winner for the others)<ol>");
        for (const Model::RankedAlternative &r : m_result.ranking)
            html += QStringLiteral("<li><b>%1</b>: %2 — %3</li>")
                        .arg(m_result.alternatives.at(r.alternative).toHtmlEscaped())
                        .arg(r.score, 0, 'f', 2)
                        .arg(Model::decidingCriteriaText(m_result, r).toHtmlEscaped());
        html += QStringLiteral("</ol>");
    }
    for (const QString &note : std::as_const(m_result.notes))
        html += QStringLiteral("<p><i>%1</i></p>").arg(note.toHtmlEscaped());
    html += tr("<p>The chart: how far each weight's share must fall (red, left) or rise "
               "(blue, right) before another alternative wins; the shortest bars, on top, are "
               "the weights to talk over.</p>");
    m_ranking->setText(html);
    m_tornado->setResult(m_result);
}

void DecisionWindow::onCurrentCellChanged(int row, int column)
{
    if (row < 0 || row >= int(m_result.rows.size())) {
        m_reason->clear();
        m_overrideReasonRow->hide();
        return;
    }
    const Model::DecisionRow &r = m_result.rows[std::size_t(row)];
    if (column >= FirstAlternativeColumn && column - FirstAlternativeColumn < int(r.cells.size())) {
        const Model::DecisionCell &cell = r.cells[std::size_t(column - FirstAlternativeColumn)];
        const QString alternative = m_result.alternatives.at(column - FirstAlternativeColumn);
        m_reason->setText(tr("%1, %2: %3").arg(r.label, alternative, cell.reason));
        const std::optional<Model::Decision> d = current();
        const Model::ScoreOverride *o = d ? d->overrideOf(r.criterion, alternative) : nullptr;
        m_overrideReasonRow->setVisible(o != nullptr);
        if (o && !m_overrideReason->hasFocus())
            m_overrideReason->setText(o->reason);
    } else {
        m_reason->setText(r.label);
        m_overrideReasonRow->hide();
    }
}

void DecisionWindow::onItemChanged(int row, int column)
{
    if (m_refreshing || row < 0 || row >= int(m_result.rows.size()))
        return;
    const Model::DecisionRow &r = m_result.rows[std::size_t(row)];
    const QString text = m_table->item(row, column)->text().trimmed();
    bool ok = false;
    const double value = text.toDouble(&ok);
    bool changed = false;
    if (column == WeightColumn) {
        changed = ok && setWeight(r.criterion, value);
        if (!ok || value < 0 || value > 100)
            m_controls->setMessage(tr("A weight is a number from 0 to 100."));
    } else if (column >= FirstAlternativeColumn) {
        const QString alt = m_result.alternatives.value(column - FirstAlternativeColumn);
        if (text.isEmpty()) {
            changed = setScore(r.criterion, alt, std::nullopt);
        } else {
            // "7.5" or "7.5*" (as shown) or "7.5 <figure>"
            const double v
                = text.section(QLatin1Char(' '), 0, 0).remove(QLatin1Char('*')).toDouble(&ok);
            if (ok && v >= 0 && v <= 10)
                changed = setScore(r.criterion, alt, v);
            else
                m_controls->setMessage(tr("A score is a number from 0 to 10; leave it empty for "
                                          "the pre-filled or measured one."));
        }
    }
    if (!changed) // refused or unchanged: show the decision as it is again
        refresh();
}

bool DecisionWindow::isRunning() const
{
    return m_job->isRunning();
}

QString DecisionWindow::message() const
{
    return m_controls->message();
}

bool DecisionWindow::runSimulations()
{
    const std::optional<Model::Decision> d = current();
    if (!d || isRunning())
        return false;
    Model::Problems problems;
    const std::optional<std::vector<Model::Scenario>> scenarios
        = m_project->decisionScenarios(*d, &problems);
    if (!scenarios) {
        m_controls->setMessage(m_problem);
        return false;
    }
    const Model::Decision decision = *d;
    const std::vector<Model::Scenario> alternatives = *scenarios;
    m_pending.reset();
    m_pendingId = decision.id;
    m_pendingRanOn = Model::SavedDecisionEvidence{};
    m_pendingRanOn.alternatives = decision.alternatives;
    m_pendingRanOn.simulation = decision.simulation;
    m_pendingRanOn.fingerprint = Model::decisionFingerprint(alternatives);
    const bool started = m_job->start(
        [this, decision, alternatives](const std::atomic<bool> &cancel,
                                       BackgroundJob::Progress &progress) {
            Model::DecisionRunOptions options;
            options.cancel = &cancel;
            int step = 0;
            const int steps = 2 + (decision.simulation.capacity ? int(alternatives.size()) : 0);
            options.progress = [&](const QString &what) {
                progress.setStage(double(step) / steps, double(step + 1) / steps);
                ++step;
                progress.setNote(what);
            };
            Model::Problems found;
            m_pending = Model::gatherDecisionEvidence(decision, alternatives, options, &found);
            if (!m_pending) {
                QStringList lines;
                for (const Model::Problem &p : std::as_const(found))
                    lines << p.message;
                progress.setNote(lines.join(QStringLiteral("; ")));
            }
        });
    if (!started)
        return false;
    m_controls->setMessage({});
    ++m_epoch; // an edit after the run is a step of its own
    setRunning(true);
    return true;
}

void DecisionWindow::cancel()
{
    if (!isRunning())
        return;
    m_job->cancel();
    m_controls->setCancelling(tr("Cancelling…"));
}

void DecisionWindow::setRunning(bool running)
{
    m_controls->setRunning(running);
    m_alternatives->setEnabled(!running);
    m_replications->setEnabled(!running);
    m_targetRate->setEnabled(!running);
    m_duration->setEnabled(!running);
    m_fault->setEnabled(!running);
    const QString kind = m_fault->currentData().toString();
    m_faultTarget->setEnabled(!running && !kind.isEmpty());
    m_faultAt->setEnabled(!running && !kind.isEmpty());
    m_faultUntil->setEnabled(!running && kind == QLatin1String("outage"));
    m_faultCount->setEnabled(!running && kind == QLatin1String("kill_instance"));
    m_capacity->setEnabled(!running);
    m_slo->setEnabled(!running);
    m_controls->setRunEnabled(!running && m_problem.isEmpty() && current().has_value());
    emit runningChanged(running);
}

void DecisionWindow::onFinished()
{
    setRunning(false);
    const std::optional<Model::Decision> d = m_project->decision(m_pendingId);
    if (m_job->wasCancelled() || (m_pending && m_pending->cancelled)) {
        m_controls->setMessage(tr("Cancelled: the simulated criteria keep their last "
                                  "measurements, if any."));
    } else if (!m_pending) {
        m_controls->setMessage(tr("Not run: the alternatives or the SLO have mistakes."));
    } else if (d) {
        // Kept with what it ran on: it applies while the decision and its scenarios are so.
        Model::SavedDecisionEvidence saved = m_pendingRanOn;
        saved.measuredAt = QDateTime::currentDateTimeUtc();
        saved.evidence = *m_pending;
        m_project->setDecisionEvidence(d->id, saved);
        m_controls->setMessage(
            hasEvidence() ? tr("Measured in %1 s.").arg(m_pending->wallS, 0, 'f', 1)
                          : tr("Measured in %1 s, but the decision or its scenarios changed "
                               "during the run: run again for figures that apply.")
                                .arg(m_pending->wallS, 0, 'f', 1));
    }
    m_pending.reset();
    refresh();
}

bool DecisionWindow::exportAdr(const QString &fileName, QString *error) const
{
    const std::optional<Model::Decision> d = current();
    Model::Problems problems;
    const std::optional<std::vector<Model::Scenario>> scenarios
        = d ? m_project->decisionScenarios(*d, &problems) : std::nullopt;
    if (!scenarios) {
        if (error)
            *error = d ? m_problem : tr("There is no decision to export.");
        return false;
    }
    const std::optional<Model::DecisionEvidence> saved = m_project->decisionEvidence(*d);
    const Model::DecisionEvidence *evidence = saved ? &*saved : nullptr;
    const QString adr = Model::decisionAdr(*d,
                                           *scenarios,
                                           Model::evaluateDecision(*d, *scenarios, evidence),
                                           evidence);
    QSaveFile file(fileName);
    const QByteArray bytes = adr.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

void DecisionWindow::exportWithDialog()
{
    const std::optional<Model::Decision> d = current();
    if (!d)
        return;
    QString base = d->name;
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")), QStringLiteral("-"));
    const QString file = QFileDialog::getSaveFileName(this,
                                                      tr("Export ADR"),
                                                      base.toLower() + QStringLiteral(".md"),
                                                      tr("Markdown (*.md)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!exportAdr(file, &error))
        m_controls->setMessage(error);
    else
        m_controls->setMessage(hasEvidence() ? tr("Wrote %1.").arg(file)
                                             : tr("Wrote %1 without measurements: run the "
                                                  "simulations for the evidence.")
                                                   .arg(file));
}

} // namespace Ui
