// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScenarioForms.h"

#include "ComponentForms.h"
#include "FieldMessage.h"
#include "JsonPath.h"
#include "ScenarioTemplates.h"
#include "SchemaForm.h"
#include "analysis/Slo.h"

#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace Ui {

namespace {

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

/** Reference rows offer the ids of the scenario's components of the kinds they may name. */
SchemaOptions referenceOptions(const Model::Scenario *const *scenario)
{
    SchemaOptions options;
    options.ids = [scenario](Model::Format::Refers refers) {
        return idsOf(*scenario, referredKinds(refers));
    };
    return options;
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
    QFormLayout *form = inspectorForm(box);
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

    schemaFields(b,
                 Model::Format::workloadFields(),
                 QString(),
                 itself,
                 referenceOptions(&m_scenario))
        .addRest(addSection(tr("Workload")));

    // every arrival field of the kinds; those of other kinds are hidden unless they hold a value
    auto arrivals = schemaFields(
        b, Model::Format::arrivalFields(), QStringLiteral(".arrivals"), [](auto &w) -> auto & {
            return w.arrivals;
        });
    arrivals.addRest(addSection(tr("Arrivals")));
    arrivals.followKind(&Model::Arrivals::kind, OtherKinds::Hide);

    QFormLayout *r = addSection(tr("Request types"));
    const Model::Format::Table<Model::RequestType> typeFields = Model::Format::requestTypeFields();
    QStringList headers;
    for (const Model::Format::Field<Model::RequestType> &row : typeFields)
        headers.append(labelOf(row).toLower());
    auto *requests = new RowList(headers, tr("Add request type"));
    requests->setColumnStretch(0, 1);
    // name and weight side by side; the payload sizes (distribution editors) under them
    requests->setLeadingColumns(2);
    b.rows<Model::RequestType>(
        requests,
        QStringLiteral(".requests"),
        [](auto &w) -> auto & { return w.requests; },
        [](int i, const Model::RequestType &) { return Model::JsonPath::index(QString(), i); },
        [](const Model::Workload &w) {
            QString name = QStringLiteral("request");
            for (int n = 2;
                 std::any_of(w.requests.cbegin(),
                             w.requests.cend(),
                             [&](const Model::RequestType &t) { return t.name == name; });
                 ++n)
                name = QStringLiteral("request_%1").arg(n);
            Model::RequestType type;
            type.name = name;
            return type;
        },
        [typeFields](Binder<Model::RequestType> &row) {
            auto type = schemaFields(row, typeFields, QString(), itself);
            QList<QWidget *> cells;
            for (const Model::Format::Field<Model::RequestType> &field : typeFields)
                cells.append(type.widget(field.member));
            return cells;
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
    , m_networkBinder(std::make_unique<Binder<std::optional<Model::Network>>>(&m_registry))
{
    // the registry holds paths from the top ("$"): "$.simulation..." and "$.network..."
    m_registry.setBasePath(QStringLiteral("$"));
    Binder<Model::SimulationSettings> &b = *m_binder;
    b.setPrefix(QStringLiteral(".simulation"));
    b.setCommit(
        [this](const Model::SimulationSettings &v, const QString &key) { emit edited(v, key); });
    schemaFields(b, Model::Format::simulationFields(), QString(), itself)
        .addRest(addSection(tr("Simulation")));

    // the scenario's network between components: a checkable group, unchecked when absent
    // (no latency, unlimited bandwidth); a call step's own network overrides it
    QFormLayout *section = addSection(tr("Network"));
    auto *note = new QLabel(tr("Applies to every call step between components, on the request "
                               "and on the response; a call step may set its own."));
    note->setWordWrap(true);
    section->addRow(note);
    m_network = new QGroupBox(tr("Network between components"));
    m_network->setObjectName(QStringLiteral("scenarioNetwork"));
    m_network->setCheckable(true);
    m_network->setToolTip(tr("Unchecked: no network latency and unlimited bandwidth"));
    QFormLayout *nf = inspectorForm(m_network);
    section->addRow(m_network);
    Binder<std::optional<Model::Network>> &n = *m_networkBinder;
    n.setPrefix(QStringLiteral(".network"));
    n.setCommit([this](const std::optional<Model::Network> &v, const QString &key) {
        emit networkEdited(v, key);
    });
    n.registerField(m_network, QString());
    n.onLoad([this](const std::optional<Model::Network> &v) {
        const QSignalBlocker blocker(m_network);
        m_network->setChecked(v.has_value());
    });
    connect(m_network, &QGroupBox::toggled, this, [this](bool on) {
        m_networkBinder->edit(QString(), [on](std::optional<Model::Network> &v) {
            if (on && !v)
                v.emplace();
            else if (!on)
                v.reset();
        });
    });
    schemaFields(
        n, Model::Format::networkFields(), QString(), [](auto &v) -> auto & { return ensure(v); })
        .addRest(nf);
    sections()->addStretch(1);
}

SimulationForm::~SimulationForm() = default;

void SimulationForm::load(const Model::Scenario &scenario)
{
    m_binder->load(scenario.simulation);
    m_networkBinder->load(scenario.network);
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
        faults,
        QStringLiteral(".faults"),
        [](auto &l) -> auto & { return l; },
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
            QFormLayout *form = inspectorForm(card);
            // the controller does not merge fault edits: numbers commit when left
            SchemaOptions options = referenceOptions(&m_scenario);
            options.commitOnFinish = true;
            auto fault
                = schemaFields(row, Model::Format::faultFields(), QString(), itself, options);
            fault.add(form, {&Model::Fault::kind, &Model::Fault::target});
            fault.addRest(form);
            fault.followKind(&Model::Fault::kind, OtherKinds::Hide);
            return QList<QWidget *>{card};
        });
    f->addRow(faults);
    auto *note = new QLabel(
        tr("kill_instance stops replicas of a service; outage makes a component fail "
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
    // An empty name is refused with its reason under the field (the text stays till fixed).
    m_nameMessage = new FieldMessage(m_name, [](const QString &name) {
        return Model::scenarioNameProblem(name, {});
    });
    m_nameMessage->setObjectName(QStringLiteral("scenarioNameMessage"));
    f->addRow(QString(), m_nameMessage);
    m_description = new QPlainTextEdit;
    m_description->setTabChangesFocus(true);
    m_description->setMinimumHeight(90);
    m_registry.setPath(m_description, QStringLiteral(".description"));
    f->addRow(tr("Description"), m_description);
    connect(m_name, &QLineEdit::editingFinished, this, &ScenarioHeaderForm::commit);
    m_description->installEventFilter(this);

    QFormLayout *o = addSection(tr("Service level objective"));
    m_slo = new QLineEdit;
    m_slo->setObjectName(QStringLiteral("sloEdit"));
    m_slo->setPlaceholderText(tr("e.g. p99<200ms,errors<1%"));
    m_slo->setToolTip(
        tr("Conditions every run is checked against, all of which must hold: a figure (mean, "
           "p50, p90, p95, p99, p999, max latency, or errors), < or <=, and a limit in ms, s "
           "or %, joined by commas. Results show whether it was met; Find Capacity searches "
           "the highest load that meets it. Empty: none."));
    m_registry.setPath(m_slo, QStringLiteral(".slo"));
    o->addRow(tr("SLO"), m_slo);
    // A text that does not parse is refused with its reason under the field (kept till fixed).
    m_sloMessage = new FieldMessage(m_slo, [](const QString &text) {
        QString error;
        if (!text.trimmed().isEmpty() && !Model::parseSlo(text.trimmed(), &error))
            return error;
        return QString();
    });
    m_sloMessage->setObjectName(QStringLiteral("sloMessage"));
    o->addRow(QString(), m_sloMessage);
    connect(m_slo, &QLineEdit::editingFinished, this, &ScenarioHeaderForm::commitSlo);
    sections()->addStretch(1);
}

void ScenarioHeaderForm::load(const Model::Scenario &scenario)
{
    m_loadedName = scenario.name;
    m_loadedDescription = scenario.description;
    m_nameMessage->setAccepted(scenario.name);
    if (m_name->text() != scenario.name && m_nameMessage->message().isEmpty()) {
        const QSignalBlocker blocker(m_name);
        m_name->setText(scenario.name);
    }
    if (m_description->toPlainText() != scenario.description) {
        const QSignalBlocker blocker(m_description);
        m_description->setPlainText(scenario.description);
    }
    m_loadedSlo = scenario.slo;
    m_sloMessage->setAccepted(scenario.slo);
    if (m_slo->text() != scenario.slo && m_sloMessage->message().isEmpty()) {
        const QSignalBlocker blocker(m_slo);
        m_slo->setText(scenario.slo);
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
    const QString description = m_description->toPlainText();
    const QString name = m_nameMessage->recheck().isEmpty() ? m_name->text().trimmed()
                                                            : m_loadedName;
    if (name != m_loadedName || description != m_loadedDescription)
        emit edited(name, description);
}

void ScenarioHeaderForm::commitSlo()
{
    if (!m_sloMessage->recheck().isEmpty())
        return;
    const QString slo = m_slo->text().trimmed();
    if (slo != m_loadedSlo)
        emit sloEdited(slo);
}

} // namespace Ui
