// SPDX-License-Identifier: GPL-3.0-or-later
#include "SweepWindow.h"

#include "BackgroundJob.h"
#include "Formatting.h"
#include "JobControls.h"
#include "ProjectDocument.h"
#include "ScenarioIo.h"
#include "SweepView.h"
#include "format/Schema.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {

constexpr int kDefaultReplications = 3;
constexpr int kFormWidth = 380;
/// the values of a parameter checked against the scenario as the user types (the ends and
/// the words; runSweep checks every point before it runs)
constexpr int kMaxCheckedWords = 10;

/** The figures ticked at first: what a sweep is usually read for. */
const char *const kDefaultFigures[]
    = {"latency_mean_ms", "latency_p99_ms", "throughput_per_s", "cost_per_hour"};

QString number(double v)
{
    // C locale: the list and range syntax wants '.' decimals and no group separators
    return QString::number(v, 'g', 10);
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `raw`. */
double niceStep(double raw)
{
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * power >= raw)
            return m * power;
    }
    return 10 * power;
}

/** Values to start a sweep of a number that is `v` now: about half to twice it. */
QString suggestedValues(double v)
{
    if (!(v > 0) || !std::isfinite(v))
        return QStringLiteral("0,1,2,5,10");
    if (v == std::round(v) && v >= 1 && v <= 1000) {
        // whole numbers (replicas, threads, rates): whole steps, from a multiple of the step
        const double low = std::max(1.0, std::floor(v / 2));
        const double high = std::max(2 * v, v + 3);
        const double step = std::max(1.0, niceStep((high - low) / 8));
        const double from = std::max(1.0, std::floor(low / step) * step);
        const double to = std::floor(high / step) * step;
        return QStringLiteral("%1..%2:%3").arg(number(from), number(to), number(step));
    }
    const double step = niceStep(1.5 * v / 8);
    const double from = std::max(step, std::ceil(v / 2 / step) * step);
    const double to = std::floor(2 * v / step) * step;
    return QStringLiteral("%1..%2:%3").arg(number(from), number(to), number(step));
}

} // namespace

SweepWindow::SweepWindow(Model::ProjectDocument *project, QWidget *parent)
    : QWidget(parent)
    , m_project(project)
    , m_job(new BackgroundJob(QStringLiteral("ArchSim sweep"), this))
{
    setObjectName(QStringLiteral("sweepWindow"));
    setWindowFlag(Qt::Window);
    setWindowTitle(tr("Sweep Parameter"));

    m_pathModel = new QStandardItemModel(0, 2, this);
    m_pathModel->setHorizontalHeaderLabels({tr("Path"), tr("Value now")});

    auto scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("sweepFormScroll"));
    scroll->setWidget(createForm());
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFixedWidth(kFormWidth + scroll->verticalScrollBar()->sizeHint().width());

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("sweepHeader"));
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view = new SweepView(this);
    m_view->clear(tr("Choose the parameter and its values on the left, then Run Sweep "
                     "(Ctrl+Return).\n\nOne parameter draws a line per figure with its 95% "
                     "interval; two draw a heat map of the grid. A click on a point opens its "
                     "run in the main window."));
    connect(m_view, &SweepView::pointActivated, this, &SweepWindow::openPoint);
    auto right = new QVBoxLayout;
    right->addWidget(m_header);
    right->addWidget(m_view, 1);

    auto layout = new QHBoxLayout(this);
    layout->addWidget(scroll);
    layout->addLayout(right, 1);

    connect(m_job, &BackgroundJob::finished, this, &SweepWindow::onFinished);
    connect(m_job, &BackgroundJob::failed, this, &SweepWindow::onFailed);

    connect(m_project, &Model::ProjectDocument::documentEdited, this, [this](const QString &id) {
        if (id == m_scenarioId && !isRunning())
            fillPicker();
    });
    connect(m_project, &Model::ProjectDocument::scenarioRenamed, this, [this](const QString &id) {
        if (id == m_scenarioId && !isRunning())
            fillPicker();
    });
    connect(m_project, &Model::ProjectDocument::scenarioRemoved, this, [this](const QString &id) {
        if (id == m_scenarioId) {
            m_scenarioId.clear();
            fillPicker();
        }
    });
    connect(m_project, &Model::ProjectDocument::projectAboutToBeReset, this, [this] {
        m_job->cancel();
        m_scenarioId.clear();
        m_sweep.reset();
        m_view->clear(QString());
        m_header->clear();
        close();
    });
    resize(1200, 740);
    validate();
}

SweepWindow::~SweepWindow()
{
    delete m_job; // cancels and waits for the worker before what it writes goes
}

QWidget *SweepWindow::createForm()
{
    auto form = new QWidget(this);
    form->setObjectName(QStringLiteral("sweepForm"));
    auto layout = new QVBoxLayout(form);
    layout->setContentsMargins(0, 0, 6, 0);

    m_title = new QLabel(form);
    m_title->setObjectName(QStringLiteral("sweepTitle"));
    m_title->setWordWrap(true);
    layout->addWidget(m_title);

    createParameterRow(0, form);
    layout->addWidget(m_rows[0].box);
    m_second = new QCheckBox(tr("&Second parameter: a heat map of the grid"), form);
    m_second->setObjectName(QStringLiteral("sweepSecond"));
    connect(m_second, &QCheckBox::toggled, this, [this](bool on) {
        m_rows[1].box->setEnabled(on && !isRunning());
        validate();
    });
    layout->addWidget(m_second);
    createParameterRow(1, form);
    m_rows[1].box->setEnabled(false);
    layout->addWidget(m_rows[1].box);

    m_replications = new QSpinBox(form);
    m_replications->setObjectName(QStringLiteral("sweepReplications"));
    m_replications->setRange(1, 1000);
    m_replications->setValue(kDefaultReplications);
    m_replications->setToolTip(tr("Runs of each point with seeds of their own; the 95% "
                                  "bands need at least 2"));
    connect(m_replications, &QSpinBox::valueChanged, this, &SweepWindow::validate);
    auto settings = new QFormLayout;
    settings->addRow(tr("&Replications per point:"), m_replications);
    layout->addLayout(settings);

    auto figuresTitle = new QLabel(tr("Figures to plot:"), form);
    layout->addWidget(figuresTitle);
    auto figures = new QGridLayout;
    const std::vector<Model::CompareFigure> &all = Model::compareFigures();
    for (std::size_t k = 0; k < all.size(); ++k) {
        auto box = new QCheckBox(tr(all[k].label), form);
        box->setObjectName(QStringLiteral("sweepFigure_%1").arg(QLatin1String(all[k].key)));
        box->setChecked(
            std::any_of(std::begin(kDefaultFigures),
                        std::end(kDefaultFigures),
                        [&](const char *key) { return qstrcmp(key, all[k].key) == 0; }));
        connect(box, &QCheckBox::toggled, this, [this] {
            validate();
            // the sweep on screen shows the figures ticked now
            if (m_sweep && !isRunning() && !chosenFigures().isEmpty())
                m_view->setSweep(*m_sweep, m_sweepParameters, chosenFigures());
        });
        const int i = static_cast<int>(k);
        figures->addWidget(box, i / 2, i % 2);
        m_figureBoxes.append(box);
    }
    layout->addLayout(figures);

    m_summary = new QLabel(form);
    m_summary->setObjectName(QStringLiteral("sweepSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_controls = new JobControls(m_job, this, QStringLiteral("sweep"), tr("Run S&weep"), form);
    m_controls->runButton()->setToolTip(tr("Run every point on all cores (Ctrl+Return)"));
    m_controls->cancelButton()->setToolTip(tr("Stop the sweep; the finished points stay (Esc)"));
    connect(m_controls, &JobControls::runRequested, this, &SweepWindow::run);
    connect(m_controls, &JobControls::cancelRequested, this, &SweepWindow::cancel);
    layout->addWidget(m_controls);
    layout->addStretch(1);
    setRunning(false);
    return form;
}

void SweepWindow::createParameterRow(int index, QWidget *parent)
{
    ParameterRow &row = m_rows[index];
    row.box = new QWidget(parent);
    const QString n = QString::number(index + 1);

    row.path = new QComboBox(row.box);
    row.path->setObjectName(QStringLiteral("sweepPath") + n);
    row.path->setEditable(true);
    row.path->setInsertPolicy(QComboBox::NoInsert);
    row.path->setMaxVisibleItems(20);
    row.path->setModel(m_pathModel);
    row.path->setModelColumn(0);
    auto view = new QTreeView(row.path);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAllColumnsShowFocus(true);
    view->header()->setStretchLastSection(true);
    view->setMinimumWidth(520);
    row.path->setView(view);
    view->setColumnWidth(0, 380);
    row.path->completer()->setFilterMode(Qt::MatchContains);
    row.path->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    row.path->completer()->setCompletionMode(QCompleter::PopupCompletion);
    row.path->lineEdit()->setPlaceholderText(tr("e.g. components[api].replicas"));
    row.path->setToolTip(tr("A number of the scenario: pick one or type its path (keys with "
                            "dots, [id] for a component or request, [N] for a list element)"));
    row.path->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    row.path->setMinimumContentsLength(20);
    connect(row.path, &QComboBox::currentTextChanged, this, &SweepWindow::validate);
    connect(row.path, &QComboBox::activated, this, [this, index] { onPathChosen(index); });
    connect(row.path->completer(),
            qOverload<const QString &>(&QCompleter::activated),
            this,
            [this, index] { onPathChosen(index); });

    row.current = new QLabel(row.box);
    row.current->setObjectName(QStringLiteral("sweepCurrent") + n);
    row.current->setWordWrap(true);
    QPalette grey = row.current->palette();
    grey.setColor(QPalette::WindowText, QColor(0x60, 0x60, 0x60));
    row.current->setPalette(grey);
    row.pathError = JobControls::errorLabel(row.box, QStringLiteral("sweepPathError") + n);

    row.values = new QLineEdit(row.box);
    row.values->setObjectName(QStringLiteral("sweepValues") + n);
    row.values->setPlaceholderText(tr("1,2,4 or 100..1000:100"));
    row.values->setToolTip(tr("A list of values separated by commas, or a range FROM..TO:STEP "
                              "(the last value is the last step at or below TO)"));
    connect(row.values, &QLineEdit::textChanged, this, &SweepWindow::validate);
    row.valuesError = JobControls::errorLabel(row.box, QStringLiteral("sweepValuesError") + n);

    auto form = new QFormLayout(row.box);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto pathLabel = new QLabel(index == 0 ? tr("&Parameter:") : tr("P&arameter 2:"), row.box);
    pathLabel->setBuddy(row.path);
    form->addRow(pathLabel, row.path);
    form->addRow(QString(), row.current);
    form->addRow(QString(), row.pathError);
    auto valuesLabel = new QLabel(index == 0 ? tr("&Values:") : tr("Va&lues 2:"), row.box);
    valuesLabel->setBuddy(row.values);
    form->addRow(valuesLabel, row.values);
    form->addRow(QString(), row.valuesError);
}

bool SweepWindow::setScenario(const QString &scenarioId)
{
    if (isRunning())
        return false;
    m_scenarioId = scenarioId;
    fillPicker();
    // first choices that run as they are: the arrival rate, then a service's replicas
    const QString replicas = Model::Format::keyOf(&Model::Service::replicas);
    for (int i = 0; i < 2; ++i) {
        ParameterRow &row = m_rows[i];
        if (!checkParameter(i) || !offered(row.path->currentText().trimmed())) {
            QString path;
            for (const Model::SweepablePath &p : std::as_const(m_paths)) {
                const bool wanted = i == 0 ? p.path.startsWith(QLatin1String("workload.arrivals."))
                                                 && p.unit == QLatin1String("/s")
                                           : p.path.endsWith(QLatin1Char('.') + replicas);
                if (wanted && path.isEmpty())
                    path = p.path;
            }
            if (path.isEmpty() && !m_paths.isEmpty())
                path = m_paths.at(std::min<qsizetype>(i, m_paths.size() - 1)).path;
            row.path->setCurrentText(path);
            row.values->clear();
            onPathChosen(i);
        }
    }
    validate();
    return true;
}

void SweepWindow::fillPicker()
{
    const Model::Document *document = m_project->document(m_scenarioId);
    m_paths.clear();
    m_json = {};
    m_baseProblems.clear();
    m_scenarioName.clear();
    if (document) {
        const Model::Scenario &scenario = document->scenario();
        m_scenarioName = m_project->scenarioName(m_scenarioId);
        m_paths = Model::sweepablePaths(scenario);
        m_json = QJsonDocument::fromJson(Model::serializeScenario(scenario)).object();
        m_baseProblems = Model::compileScenario(scenario).problems;
    }
    // keep what is typed while the list changes under it
    QString typed[2];
    for (int i = 0; i < 2; ++i)
        typed[i] = m_rows[i].path->currentText();
    {
        const QSignalBlocker b0(m_rows[0].path), b1(m_rows[1].path);
        m_pathModel->removeRows(0, m_pathModel->rowCount());
        for (const Model::SweepablePath &p : std::as_const(m_paths)) {
            auto path = new QStandardItem(p.path);
            const QString value = formatPlain(p.value)
                                  + (p.unit.isEmpty() ? QString() : QLatin1Char(' ') + p.unit);
            auto now = new QStandardItem(p.isDefault ? tr("%1 (default)").arg(value) : value);
            path->setToolTip(p.path);
            m_pathModel->appendRow({path, now});
        }
        for (int i = 0; i < 2; ++i)
            m_rows[i].path->setCurrentText(typed[i]);
    }
    m_title->setText(document ? tr("Sweep of <b>%1</b>, as it is in its editor when the sweep "
                                   "starts.")
                                    .arg(m_scenarioName.toHtmlEscaped())
                              : tr("No scenario to sweep: show one in the main window and "
                                   "choose Simulation > Sweep Parameter… again."));
    setWindowTitle(document ? tr("Sweep — %1").arg(m_scenarioName) : tr("Sweep Parameter"));
    validate();
}

const Model::SweepablePath *SweepWindow::offered(const QString &path) const
{
    for (const Model::SweepablePath &p : m_paths) {
        if (p.path == path)
            return &p;
    }
    return nullptr;
}

void SweepWindow::onPathChosen(int index)
{
    ParameterRow &row = m_rows[index];
    const Model::SweepablePath *p = offered(row.path->currentText().trimmed());
    if (!p)
        return;
    // a suggestion replaces an empty field or the last suggestion, never what the user typed
    const QString values = row.values->text().trimmed();
    if (values.isEmpty() || values == row.suggested) {
        row.suggested = suggestedValues(p->value);
        row.values->setText(row.suggested);
    }
    validate();
}

std::optional<Model::SweepParameter> SweepWindow::checkParameter(int index)
{
    ParameterRow &row = m_rows[index];
    const QString path = row.path->currentText().trimmed();
    const QString values = row.values->text().trimmed();
    QString pathError, valuesError, current;
    std::optional<Model::SweepParameter> out;

    if (m_scenarioId.isEmpty() || !m_project->document(m_scenarioId)) {
        pathError = tr("There is no scenario to sweep.");
    } else if (path.isEmpty()) {
        pathError = tr("Pick a number of the scenario or type its path, e.g. "
                       "components[api].replicas.");
    } else if (const Model::SweepablePath *p = offered(path)) {
        const QString value = formatPlain(p->value)
                              + (p->unit.isEmpty() ? QString() : QLatin1Char(' ') + p->unit);
        current = p->isDefault ? tr("Not written in the scenario; the default is %1.").arg(value)
                               : tr("Now %1.").arg(value);
    } else {
        // a path of its own: it must reach into the scenario and name a field of the format
        QJsonObject json = m_json;
        QString error;
        if (!Model::setScenarioPath(json, path, 1.0, &error)) {
            pathError = error;
        } else {
            const Model::ScenarioLoad load = Model::parseScenario(QJsonDocument(json).toJson());
            for (const Model::Problem &problem : load.problems) {
                if (pathError.isEmpty() && problem.message.contains(QLatin1String("unknown field")))
                    pathError = tr("%1 is not a number of the scenario format: %2")
                                    .arg(path, problem.message);
            }
            if (pathError.isEmpty())
                current = tr("Not a number the scenario has now; the sweep adds it.");
        }
    }
    if (index == 1 && pathError.isEmpty() && path == m_rows[0].path->currentText().trimmed())
        pathError = tr("This is the first parameter; choose another number.");

    if (pathError.isEmpty()) {
        QString error;
        const QString probe = QStringLiteral("x=") + values;
        const std::optional<Model::SweepParameter> parsed = values.isEmpty()
                                                                ? std::nullopt
                                                                : Model::parseSweepSet(probe,
                                                                                       &error);
        if (values.isEmpty()) {
            valuesError = tr("Give the values: a list such as 1,2,4 or a range FROM..TO:STEP "
                             "such as 100..1000:100.");
        } else if (!parsed) {
            // parseSweepSet speaks of "--set PATH=VALUES: ..." for the command line
            const QString prefix = QStringLiteral("--set %1: ").arg(probe);
            valuesError = error.startsWith(prefix) ? error.mid(prefix.size()) : error;
            if (!valuesError.isEmpty())
                valuesError[0] = valuesError[0].toUpper();
        } else if (m_second->isChecked() && parsed->values.size() < 2) {
            valuesError = tr("A heat map needs at least 2 values of each parameter.");
        } else {
            // the values the scenario refuses: the smallest and largest number and the words
            QList<QJsonValue> samples;
            std::optional<double> lo, hi;
            for (const QJsonValue &v : parsed->values) {
                if (v.isDouble()) {
                    lo = std::min(lo.value_or(v.toDouble()), v.toDouble());
                    hi = std::max(hi.value_or(v.toDouble()), v.toDouble());
                } else if (!samples.contains(v) && samples.size() < kMaxCheckedWords) {
                    samples.append(v);
                }
            }
            if (lo)
                samples.append(*lo);
            if (hi && *hi != *lo)
                samples.append(*hi);
            for (const QJsonValue &v : std::as_const(samples)) {
                QJsonObject json = m_json;
                if (!valuesError.isEmpty() || !Model::setScenarioPath(json, path, v, &error))
                    continue;
                const Model::ScenarioLoad load = Model::parseScenario(QJsonDocument(json).toJson());
                const Model::Problems problems
                    = load.scenario ? Model::compileScenario(*load.scenario).problems
                                    : load.problems;
                for (const Model::Problem &problem : problems) {
                    const bool own = std::any_of(m_baseProblems.begin(),
                                                 m_baseProblems.end(),
                                                 [&](const Model::Problem &b) {
                                                     return b.message == problem.message;
                                                 });
                    if (problem.isError() && !own && valuesError.isEmpty())
                        valuesError = tr("At %1: %2").arg(SweepView::valueText(v), problem.message);
                }
            }
            if (valuesError.isEmpty()) {
                out = *parsed;
                out->path = path;
            }
        }
    }
    row.current->setText(current);
    row.current->setVisible(!current.isEmpty());
    JobControls::showError(row.pathError, pathError);
    JobControls::showError(row.valuesError, pathError.isEmpty() ? valuesError : QString());
    return out;
}

void SweepWindow::validate()
{
    if (!m_summary) // still building the form
        return;
    m_valid.clear();
    const std::optional<Model::SweepParameter> first = checkParameter(0);
    std::optional<Model::SweepParameter> second;
    if (m_second->isChecked()) {
        second = checkParameter(1);
    } else {
        JobControls::showError(m_rows[1].pathError, QString());
        JobControls::showError(m_rows[1].valuesError, QString());
    }
    const bool ok = first && (!m_second->isChecked() || second);
    QString summary;
    if (ok) {
        m_valid.push_back(*first);
        if (second)
            m_valid.push_back(*second);
        qsizetype points = 1;
        for (const Model::SweepParameter &p : m_valid)
            points *= p.values.size();
        const int reps = replications();
        if (points > kMaxPoints) {
            summary
                = tr("<span style='color:#c62828'>%1 points: at most %2 at once. Use "
                     "fewer values, or archsim-cli sweep with --shard for a larger grid.</span>")
                      .arg(points)
                      .arg(kMaxPoints);
            m_valid.clear();
        } else {
            const Model::Document *document = m_project->document(m_scenarioId);
            const double duration = document ? document->scenario().simulation.durationS : 0;
            summary = tr("%1 points × %2 replications = %3 runs of %4 simulated time each.")
                          .arg(points)
                          .arg(reps)
                          .arg(points * reps)
                          .arg(formatDuration(duration * 1000));
        }
    }
    if (chosenFigures().isEmpty())
        summary += (summary.isEmpty() ? QString() : QStringLiteral(" "))
                   + tr("<span style='color:#c62828'>Tick at least one figure to plot.</span>");
    m_summary->setText(summary);
    m_summary->setVisible(!summary.isEmpty());
    m_controls->setRunEnabled(canRun());
}

QStringList SweepWindow::offeredPaths() const
{
    QStringList paths;
    for (const Model::SweepablePath &p : m_paths)
        paths << p.path;
    return paths;
}

void SweepWindow::setParameter(int index, const QString &path, const QString &values)
{
    m_rows[index].path->setCurrentText(path);
    m_rows[index].values->setText(values);
    validate();
}

QString SweepWindow::parameterPath(int index) const
{
    return m_rows[index].path->currentText().trimmed();
}

QString SweepWindow::parameterValues(int index) const
{
    return m_rows[index].values->text().trimmed();
}

QString SweepWindow::pathError(int index) const
{
    return m_rows[index].pathError->isHidden() ? QString() : m_rows[index].pathError->text();
}

QString SweepWindow::valuesError(int index) const
{
    return m_rows[index].valuesError->isHidden() ? QString() : m_rows[index].valuesError->text();
}

void SweepWindow::setSecondParameter(bool on)
{
    m_second->setChecked(on);
}

bool SweepWindow::hasSecondParameter() const
{
    return m_second->isChecked();
}

int SweepWindow::replications() const
{
    return m_replications->value();
}

void SweepWindow::setReplications(int replications)
{
    m_replications->setValue(replications);
}

QList<int> SweepWindow::chosenFigures() const
{
    QList<int> out;
    for (int k = 0; k < m_figureBoxes.size(); ++k) {
        if (m_figureBoxes.at(k)->isChecked())
            out << k;
    }
    return out;
}

void SweepWindow::setFigureChosen(int figure, bool chosen)
{
    if (figure >= 0 && figure < m_figureBoxes.size())
        m_figureBoxes.at(figure)->setChecked(chosen);
}

bool SweepWindow::canRun() const
{
    return !isRunning() && !m_valid.empty() && !chosenFigures().isEmpty()
           && m_valid.size() == (m_second->isChecked() ? 2u : 1u)
           && m_project->document(m_scenarioId);
}

bool SweepWindow::isRunning() const
{
    return m_job->isRunning();
}

bool SweepWindow::run()
{
    if (isRunning())
        return false;
    fillPicker(); // the scenario as it is now, and the fields checked against it
    if (!canRun())
        return false;
    // the scenario as it runs in the project: with the project's prices (docs/compare.md)
    const std::optional<Model::Scenario> toRun = m_project->scenarioToRun(m_scenarioId);
    if (!toRun)
        return false;
    const Model::Scenario scenario = *toRun;
    const std::vector<Model::SweepParameter> parameters = m_valid;
    Model::SweepOptions options;
    options.replications = replications();
    m_pending.reset();
    m_problems.clear();
    m_sweepParameters = parameters;
    m_sweepScenarioId = m_scenarioId;
    m_sweepScenarioName = m_scenarioName;
    m_sweepReplications = replications();
    const bool started = m_job->start(
        [this, scenario, parameters, options](const std::atomic<bool> &cancel,
                                              BackgroundJob::Progress &progress) {
            Model::SweepOptions o = options;
            o.cancel = &cancel;
            o.observer = &progress;
            m_pending = Model::runSweep(scenario, parameters, o, &m_problems);
        });
    if (!started)
        return false;
    setMessage({});
    setRunning(true);
    return true;
}

void SweepWindow::cancel()
{
    if (!isRunning())
        return;
    m_job->cancel();
    m_controls->setCancelling(tr("Cancelling… the points that finished stay."));
}

void SweepWindow::setRunning(bool running)
{
    m_controls->setRunning(running);
    m_rows[0].box->setEnabled(!running);
    m_rows[1].box->setEnabled(!running && m_second->isChecked());
    m_second->setEnabled(!running);
    m_replications->setEnabled(!running);
    for (QCheckBox *box : std::as_const(m_figureBoxes))
        box->setEnabled(!running);
    m_controls->setRunEnabled(canRun());
    emit runningChanged(running);
}

void SweepWindow::onFinished()
{
    setRunning(false);
    const bool cancelled = m_job->wasCancelled();
    if (!m_pending) {
        QStringList lines;
        for (const Model::Problem &p : std::as_const(m_problems)) {
            if (p.isError())
                lines << p.message;
        }
        setMessage(cancelled ? tr("Cancelled before any point finished.")
                             : tr("The sweep did not run. Fix these first:\n%1")
                                   .arg(lines.join(QLatin1Char('\n'))));
        return;
    }
    m_sweep = std::move(m_pending);
    m_pending.reset();
    const Model::Sweep &s = *m_sweep;
    m_view->setSweep(s, m_sweepParameters, chosenFigures());
    QStringList paths;
    for (const Model::SweepParameter &p : m_sweepParameters)
        paths << p.path;
    QStringList facts;
    facts << tr("%1 of %2 points").arg(s.points.size()).arg(s.gridSize)
          << (m_sweepReplications == 1 ? tr("1 replication each")
                                       : tr("%1 replications each").arg(m_sweepReplications))
          << tr("took %1").arg(formatWallTime(s.wallS));
    if (s.cancelled || cancelled)
        facts << tr("<b>cancelled</b>: the points that finished");
    const QString reading = m_sweepParameters.size() > 1
                                ? tr("Colours: the mean over the replications.")
                                : tr("Lines: the mean over the replications; bands: its 95% "
                                     "interval.");
    m_header->setText(tr("<b>%1</b> over %2<br>%3<br>%4 Click a point to open its run in the "
                         "main window.")
                          .arg(m_sweepScenarioName.toHtmlEscaped(),
                               paths.join(tr(" × ")).toHtmlEscaped(),
                               facts.join(QStringLiteral(" · ")),
                               reading));
    if (s.cancelled || cancelled)
        setMessage(tr("Cancelled: %1 of %2 points finished and are shown.")
                       .arg(s.points.size())
                       .arg(s.gridSize));
    else
        setMessage({});
}

void SweepWindow::onFailed(const QString &message)
{
    setRunning(false);
    setMessage(tr("The sweep failed: %1").arg(message));
}

void SweepWindow::setMessage(const QString &text)
{
    m_controls->setMessage(text);
}

QString SweepWindow::message() const
{
    return m_controls->message();
}

void SweepWindow::openPoint(int point)
{
    if (!m_sweep || point < 0 || point >= static_cast<int>(m_sweep->points.size()))
        return;
    const Model::SweepPoint &p = m_sweep->points[static_cast<std::size_t>(point)];
    QStringList set;
    for (const auto &[path, value] : p.set)
        set << QStringLiteral("%1 = %2").arg(path, SweepView::valueText(value));
    const QString replications = p.result.replications == 1
                                     ? tr("1 replication")
                                     : tr("%1 replications").arg(p.result.replications);
    const QString header = tr("<b>%1</b>: sweep point %2 · %3 · not saved in the project.")
                               .arg(m_sweepScenarioName.toHtmlEscaped(),
                                    set.join(QStringLiteral(", ")).toHtmlEscaped(),
                                    replications);
    emit runRequested(m_sweepScenarioId, p.result, header);
}

} // namespace Ui
