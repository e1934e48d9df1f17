// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScenarioForms.h"

#include "ComponentForms.h"
#include "JsonPath.h"
#include "ScenarioDefaults.h"

#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace Ui {

namespace {

NumberField *field(double min, double max, int decimals, const QString &defaultText = {},
                   const QString &suffix = {}, const QString &tip = {})
{
    auto *f = new NumberField(min, max, decimals);
    if (!defaultText.isEmpty())
        f->setOptional(defaultText);
    if (!suffix.isEmpty())
        f->setSuffix(suffix);
    if (!tip.isEmpty())
        f->setToolTip(tip);
    return f;
}

QStringList idsOf(const Model::Scenario *scenario, const QList<Model::ComponentKind> &kinds)
{
    QStringList ids;
    if (!scenario)
        return ids;
    for (const Model::Component &c : scenario->components) {
        if ((kinds.isEmpty() || kinds.contains(c.kind)) && !c.id.isEmpty())
            ids.append(c.id);
    }
    return ids;
}

} // namespace

// --- InspectorPage ------------------------------------------------------------------------

InspectorPage::InspectorPage(QWidget *parent)
    : QWidget(parent)
{
    m_sections = new QVBoxLayout(this);
    m_sections->setContentsMargins(0, 0, 0, 0);
    m_sections->setSpacing(8);
}

bool InspectorPage::focusPath(const QString &path)
{
    QWidget *w = m_registry.fieldFor(path);
    if (!w)
        return false;
    focusField(w);
    return true;
}

QFormLayout *InspectorPage::addSection(const QString &title)
{
    auto *box = new QGroupBox(title, this);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_sections->addWidget(box);
    return form;
}

// --- WorkloadForm -------------------------------------------------------------------------

WorkloadForm::WorkloadForm(QWidget *parent)
    : InspectorPage(parent)
    , m_binder(std::make_unique<Binder<Model::Workload>>(&m_registry))
{
    m_registry.setBasePath(QStringLiteral("$.workload"));
    Binder<Model::Workload> &b = *m_binder;
    b.setCommit([this](const Model::Workload &w, const QString &key) { emit edited(w, key); });

    QFormLayout *f = addSection(tr("Workload"));
    auto *entry = new QComboBox;
    entry->setToolTip(tr("The component every arrival is sent to"));
    b.word(entry, QStringLiteral(".entry"), QString(),
           std::function<QStringList()>([this] { return idsOf(m_scenario, requestKinds()); }),
           [](auto &w) -> auto & { return w.entry; });
    f->addRow(tr("Entry"), entry);

    QFormLayout *a = addSection(tr("Arrivals"));
    auto *kind = new QComboBox;
    const QStringList kinds = {QStringLiteral("poisson"), QStringLiteral("constant"), QStringLiteral("ramp"),
                               QStringLiteral("spike"),   QStringLiteral("bursty"),   QStringLiteral("diurnal")};
    b.word(kind, QStringLiteral(".arrivals.kind"), QString(), kinds,
           [](auto &w) -> auto & { return w.arrivals.kind; });
    a->addRow(tr("Kind"), kind);

    struct Row
    {
        QString key;
        QString label;
        std::optional<double> Model::Arrivals::*member;
        QStringList kinds;
        QString defaultText;
        QString suffix;
    };
    const QString perS = tr(" /s"), s = tr(" s");
    const QList<Row> rows = {
        {QStringLiteral("rate_per_s"), tr("Rate"), &Model::Arrivals::ratePerS,
         {QStringLiteral("poisson"), QStringLiteral("constant"), QStringLiteral("spike")}, tr("missing"), perS},
        {QStringLiteral("from"), tr("From"), &Model::Arrivals::from, {QStringLiteral("ramp")}, tr("missing"), perS},
        {QStringLiteral("to"), tr("To"), &Model::Arrivals::to, {QStringLiteral("ramp")}, tr("missing"), perS},
        {QStringLiteral("over_s"), tr("Over"), &Model::Arrivals::overS, {QStringLiteral("ramp")}, tr("missing"), s},
        {QStringLiteral("start_s"), tr("Start at"), &Model::Arrivals::startS, {QStringLiteral("ramp")},
         tr("0 s (default)"), s},
        {QStringLiteral("peak"), tr("Peak rate"), &Model::Arrivals::peak, {QStringLiteral("spike")}, tr("missing"), perS},
        {QStringLiteral("at_s"), tr("Spike at"), &Model::Arrivals::atS, {QStringLiteral("spike")}, tr("missing"), s},
        {QStringLiteral("length_s"), tr("Length"), &Model::Arrivals::lengthS, {QStringLiteral("spike")},
         tr("missing"), s},
        {QStringLiteral("low_rate"), tr("Low rate"), &Model::Arrivals::lowRate, {QStringLiteral("bursty")},
         tr("missing"), perS},
        {QStringLiteral("high_rate"), tr("High rate"), &Model::Arrivals::highRate, {QStringLiteral("bursty")},
         tr("missing"), perS},
        {QStringLiteral("low_mean_s"), tr("Mean calm"), &Model::Arrivals::lowMeanS, {QStringLiteral("bursty")},
         tr("missing"), s},
        {QStringLiteral("high_mean_s"), tr("Mean burst"), &Model::Arrivals::highMeanS, {QStringLiteral("bursty")},
         tr("missing"), s},
        {QStringLiteral("mean"), tr("Mean rate"), &Model::Arrivals::mean, {QStringLiteral("diurnal")},
         tr("missing"), perS},
        {QStringLiteral("amplitude"), tr("Amplitude"), &Model::Arrivals::amplitude, {QStringLiteral("diurnal")},
         tr("missing"), {}},
        {QStringLiteral("period_s"), tr("Period"), &Model::Arrivals::periodS, {QStringLiteral("diurnal")},
         tr("86400 s (default)"), s},
        {QStringLiteral("peak_at_s"), tr("Peak at"), &Model::Arrivals::peakAtS, {QStringLiteral("diurnal")},
         tr("0 s (default)"), s},
    };
    for (const Row &row : rows) {
        const bool fraction = row.key == QLatin1String("amplitude");
        auto *w = field(-1e9, 1e10, fraction ? 3 : 2, row.defaultText, row.suffix);
        if (fraction)
            w->setSingleStep(0.05);
        const auto member = row.member;
        b.number(w, QStringLiteral(".arrivals.") + row.key,
                 [member](auto &wl) -> auto & { return wl.arrivals.*member; });
        a->addRow(row.label, w);
        // rows of other kinds are hidden, unless they hold a value (whose warning says so)
        b.onLoad([a, w, member, kinds = row.kinds](const Model::Workload &wl) {
            a->setRowVisible(w, kinds.contains(wl.arrivals.kind) || (wl.arrivals.*member).has_value());
        });
    }

    QFormLayout *r = addSection(tr("Request types"));
    auto *requests = new RowList({tr("name"), tr("weight")}, tr("Add request type"));
    requests->setColumnStretch(0, 1);
    b.rows<Model::RequestType>(
        requests, QStringLiteral(".requests"), [](auto &w) -> auto & { return w.requests; },
        [](int i, const Model::RequestType &) { return Model::JsonPath::index(QString(), i); },
        [](const Model::Workload &w) {
            QString name = QStringLiteral("request");
            for (int n = 2; std::any_of(w.requests.cbegin(), w.requests.cend(),
                                        [&](const Model::RequestType &t) { return t.name == name; });
                 ++n)
                name = QStringLiteral("request_%1").arg(n);
            return Model::RequestType{name, {}, {}};
        },
        [](Binder<Model::RequestType> &row) {
            auto *name = new QLineEdit;
            row.text(name, QStringLiteral(".name"), [](auto &t) -> auto & { return t.name; });
            auto *weight = field(-1e9, 1e10, 3, tr("1 (default)"));
            row.number(weight, QStringLiteral(".weight"), [](auto &t) -> auto & { return t.weight; });
            return QList<QWidget *>{name, weight};
        });
    r->addRow(requests);
    sections()->addStretch(1);
}

void WorkloadForm::load(const Model::Scenario &scenario)
{
    m_scenario = &scenario;
    m_binder->load(scenario.workload);
}

// --- SimulationForm -----------------------------------------------------------------------

SimulationForm::SimulationForm(QWidget *parent)
    : InspectorPage(parent)
    , m_binder(std::make_unique<Binder<Model::SimulationSettings>>(&m_registry))
{
    m_registry.setBasePath(QStringLiteral("$.simulation"));
    Binder<Model::SimulationSettings> &b = *m_binder;
    b.setCommit([this](const Model::SimulationSettings &v, const QString &key) { emit edited(v, key); });
    QFormLayout *f = addSection(tr("Simulation"));
    auto *duration = field(0, 1e10, 2, {}, tr(" s"), tr("Simulated time of one replication"));
    b.number(duration, QStringLiteral(".duration_s"), [](auto &s) -> auto & { return s.durationS; });
    f->addRow(tr("Duration"), duration);
    auto *warmup = field(-1e9, 1e10, 2, {}, tr(" s"), tr("Metrics before this time are discarded"));
    b.number(warmup, QStringLiteral(".warmup_s"), [](auto &s) -> auto & { return s.warmupS; });
    f->addRow(tr("Warm-up"), warmup);
    auto *seed = field(0, 9007199254740991.0, 0, {}, {}, tr("Same seed, same results"));
    b.number(seed, QStringLiteral(".seed"), [](auto &s) -> auto & { return s.seed; });
    f->addRow(tr("Seed"), seed);
    auto *replications = field(0, 1e6, 0, {}, {},
                               tr("Independent runs; more than one gives 95% confidence intervals"));
    b.number(replications, QStringLiteral(".replications"), [](auto &s) -> auto & { return s.replications; });
    f->addRow(tr("Replications"), replications);
    auto *bucket = field(0, 1e10, 3, {}, tr(" s"), tr("Width of the time-series buckets"));
    b.number(bucket, QStringLiteral(".bucket_s"), [](auto &s) -> auto & { return s.bucketS; });
    f->addRow(tr("Series bucket"), bucket);
    sections()->addStretch(1);
}

void SimulationForm::load(const Model::Scenario &scenario)
{
    m_binder->load(scenario.simulation);
}

// --- FaultsForm ---------------------------------------------------------------------------

FaultsForm::FaultsForm(QWidget *parent)
    : InspectorPage(parent)
    , m_binder(std::make_unique<Binder<QList<Model::Fault>>>(&m_registry))
{
    m_registry.setBasePath(QStringLiteral("$"));
    Binder<QList<Model::Fault>> &b = *m_binder;
    b.setCommit([this](const QList<Model::Fault> &v, const QString &) { emit edited(v); });
    QFormLayout *f = addSection(tr("Faults"));
    auto *faults = new RowList({tr("fault")}, tr("Add fault"));
    faults->setColumnStretch(0, 1);
    b.rows<Model::Fault>(
        faults, QStringLiteral(".faults"), [](auto &l) -> auto & { return l; },
        [](int i, const Model::Fault &) { return Model::JsonPath::index(QString(), i); },
        [this](const QList<Model::Fault> &) {
            Model::Fault fault;
            fault.kind = QStringLiteral("outage");
            fault.atS = 0;
            fault.target = idsOf(m_scenario, {}).value(0);
            return fault;
        },
        [this](Binder<Model::Fault> &row) {
            auto *card = new QFrame;
            card->setFrameShape(QFrame::StyledPanel);
            auto *form = new QFormLayout(card);
            form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
            auto *kind = new QComboBox;
            row.word(kind, QStringLiteral(".kind"), QString(),
                     QStringList{QStringLiteral("kill_instance"), QStringLiteral("outage"),
                                 QStringLiteral("latency"), QStringLiteral("errors")},
                     [](auto &x) -> auto & { return x.kind; });
            form->addRow(tr("Kind"), kind);
            auto *target = new QComboBox;
            row.word(target, QStringLiteral(".target"), QString(),
                     std::function<QStringList()>([this] { return idsOf(m_scenario, {}); }),
                     [](auto &x) -> auto & { return x.target; });
            form->addRow(tr("Target"), target);
            auto *at = field(-1e9, 1e10, 2, tr("missing"), tr(" s"));
            at->setKeyboardTracking(false);
            row.number(at, QStringLiteral(".at_s"), [](auto &x) -> auto & { return x.atS; });
            form->addRow(tr("At"), at);
            auto *until = field(-1e9, 1e10, 2, tr("end of the run"), tr(" s"));
            until->setKeyboardTracking(false);
            row.number(until, QStringLiteral(".until_s"), [](auto &x) -> auto & { return x.untilS; });
            form->addRow(tr("Until"), until);
            auto *count = field(0, 100000, 0, tr("1 (default)"));
            count->setKeyboardTracking(false);
            row.number(count, QStringLiteral(".count"), [](auto &x) -> auto & { return x.count; });
            form->addRow(tr("Instances"), count);
            auto *latency = new DistributionEditor;
            latency->setOptional(tr("missing"));
            row.distribution(latency, QStringLiteral(".latency_ms"), [](auto &x) -> auto & { return x.latencyMs; });
            form->addRow(tr("Added latency"), latency);
            auto *errors = field(0, 10, 4, tr("missing"));
            errors->setKeyboardTracking(false);
            row.number(errors, QStringLiteral(".error_rate"), [](auto &x) -> auto & { return x.errorRate; });
            form->addRow(tr("Error rate"), errors);
            row.onLoad([form, until, count, latency, errors](const Model::Fault &x) {
                const bool kill = x.kind == QLatin1String("kill_instance");
                form->setRowVisible(until, !kill || x.untilS);
                form->setRowVisible(count, kill || x.count);
                form->setRowVisible(latency, x.kind == QLatin1String("latency") || x.latencyMs);
                form->setRowVisible(errors, x.kind == QLatin1String("errors") || x.errorRate);
            });
            return QList<QWidget *>{card};
        });
    f->addRow(faults);
    auto *note = new QLabel(tr("kill_instance stops replicas of a service; outage makes a component fail "
                               "every visit; latency adds time to every visit; errors fail a fraction."));
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    f->addRow(note);
    sections()->addStretch(1);
}

void FaultsForm::load(const Model::Scenario &scenario)
{
    m_scenario = &scenario;
    m_binder->load(scenario.faults);
}

// --- ScenarioHeaderForm -------------------------------------------------------------------

ScenarioHeaderForm::ScenarioHeaderForm(QWidget *parent)
    : InspectorPage(parent)
{
    m_registry.setBasePath(QStringLiteral("$"));
    QFormLayout *f = addSection(tr("Scenario"));
    m_name = new QLineEdit;
    m_registry.setPath(m_name, QStringLiteral(".name"));
    f->addRow(tr("Name"), m_name);
    m_description = new QPlainTextEdit;
    m_description->setTabChangesFocus(true);
    m_description->setMinimumHeight(90);
    m_registry.setPath(m_description, QStringLiteral(".description"));
    f->addRow(tr("Description"), m_description);
    connect(m_name, &QLineEdit::editingFinished, this, &ScenarioHeaderForm::commit);
    m_description->installEventFilter(this);
    sections()->addStretch(1);
}

void ScenarioHeaderForm::load(const Model::Scenario &scenario)
{
    m_loadedName = scenario.name;
    m_loadedDescription = scenario.description;
    if (m_name->text() != scenario.name) {
        const QSignalBlocker blocker(m_name);
        m_name->setText(scenario.name);
    }
    if (m_description->toPlainText() != scenario.description) {
        const QSignalBlocker blocker(m_description);
        m_description->setPlainText(scenario.description);
    }
}

bool ScenarioHeaderForm::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_description && event->type() == QEvent::FocusOut)
        commit();
    return InspectorPage::eventFilter(watched, event);
}

void ScenarioHeaderForm::commit()
{
    const QString name = m_name->text(), description = m_description->toPlainText();
    if (name != m_loadedName || description != m_loadedDescription)
        emit edited(name, description);
}

} // namespace Ui
