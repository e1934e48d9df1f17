// SPDX-License-Identifier: GPL-3.0-or-later
#include "InspectorWidget.h"

#include "ComponentForms.h"
#include "DocumentController.h"
#include "FieldMessage.h"
#include "FieldRegistry.h"
#include "JsonPath.h"
#include "PageStack.h"
#include "ProblemLocation.h"
#include "Relations.h"
#include "ScenarioForms.h"
#include "StepListEditor.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Ui {

InspectorWidget::InspectorWidget(DocumentController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setStyleSheet(problemStyleSheet());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);

    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_idRow = new QWidget(this);
    auto *idLayout = new QHBoxLayout(m_idRow);
    idLayout->setContentsMargins(0, 0, 0, 0);
    auto *idLabel = new QLabel(tr("Id"), m_idRow);
    m_idEdit = new QLineEdit(m_idRow);
    m_idEdit->setToolTip(
        tr("Letters, digits, '_' and '-'; unique. Renaming updates every reference."));
    idLabel->setBuddy(m_idEdit);
    idLayout->addWidget(idLabel);
    idLayout->addWidget(m_idEdit, 1);
    layout->addWidget(m_idRow);
    // Why a typed id is refused, under the field; the text stays until fixed or Escape.
    m_idMessage = new FieldMessage(
        m_idEdit, [this](const QString &id) { return idProblem(id); }, this);
    m_idMessage->setObjectName(QStringLiteral("idMessage"));
    layout->addWidget(m_idMessage);
    connect(m_idMessage, &FieldMessage::cancelled, this, [this] {
        markField(m_idEdit, QString(), {});
    });
    connect(m_idEdit, &QLineEdit::textEdited, this, &InspectorWidget::idEdited);
    connect(m_idEdit, &QLineEdit::editingFinished, this, &InspectorWidget::idFinished);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stack = new PageStack;
    m_scroll->setWidget(m_stack);
    layout->addWidget(m_scroll, 1);

    m_empty = new QLabel(tr("Select a component on the canvas, or the workload, the simulation "
                            "settings or the faults, to edit its properties here."));
    static_cast<QLabel *>(m_empty)->setWordWrap(true);
    static_cast<QLabel *>(m_empty)->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_stack->addWidget(m_empty);

    m_workloadForm = new WorkloadForm;
    m_simulationForm = new SimulationForm;
    m_faultsForm = new FaultsForm;
    m_headerForm = new ScenarioHeaderForm;
    for (QWidget *w : {static_cast<QWidget *>(m_workloadForm),
                       static_cast<QWidget *>(m_simulationForm),
                       static_cast<QWidget *>(m_faultsForm),
                       static_cast<QWidget *>(m_headerForm)})
        m_stack->addWidget(w);
    connect(m_workloadForm,
            &WorkloadForm::edited,
            this,
            [this](const Model::Workload &w, const QString &key) {
                m_controller->setWorkload(w, key);
            });
    connect(m_simulationForm,
            &SimulationForm::edited,
            this,
            [this](const Model::SimulationSettings &s, const QString &key) {
                m_controller->setSimulation(s, key);
            });
    connect(m_simulationForm,
            &SimulationForm::networkEdited,
            this,
            [this](const std::optional<Model::Network> &n, const QString &key) {
                m_controller->setNetwork(n, key);
            });
    connect(m_faultsForm, &FaultsForm::edited, this, [this](const QList<Model::Fault> &f) {
        m_controller->setFaults(f);
    });
    connect(m_headerForm,
            &ScenarioHeaderForm::edited,
            this,
            [this](const QString &name, const QString &description) {
                m_controller->setHeader(name, description);
            });
    connect(m_headerForm, &ScenarioHeaderForm::sloEdited, this, [this](const QString &slo) {
        m_controller->setSlo(slo);
    });

    Model::Document *doc = m_controller->document();
    connect(doc, &Model::Document::componentChanged, this, [this] { refresh(); });
    connect(doc, &Model::Document::componentAdded, this, [this] { refresh(); });
    connect(doc, &Model::Document::componentRemoved, this, [this](const QString &id) {
        if (m_page == Page::Component && id == m_componentId)
            clear();
        else
            refresh();
    });
    connect(doc,
            &Model::Document::componentRenamed,
            this,
            [this](const QString &from, const QString &to) {
                if (m_page == Page::Component && from == m_componentId) {
                    m_componentId = to;
                    m_title->setText(
                        tr("%1 — %2").arg(to,
                                          Model::componentKindName(
                                              m_componentForm ? m_componentForm->component().kind
                                                              : Model::ComponentKind::Unknown)));
                    emit pageChanged(m_page, m_componentId);
                }
                refresh();
            });
    connect(doc, &Model::Document::workloadChanged, this, [this] { refresh(); });
    connect(doc, &Model::Document::simulationChanged, this, [this] { refresh(); });
    connect(doc, &Model::Document::faultsChanged, this, [this] { refresh(); });
    connect(doc, &Model::Document::headerChanged, this, [this] { refresh(); });
    connect(doc, &Model::Document::scenarioReset, this, [this] {
        if (m_page == Page::Component && !m_controller->document()->component(m_componentId))
            clear();
        else
            refresh();
    });
    connect(doc, &Model::Document::problemsChanged, this, &InspectorWidget::showProblems);
    // Moving to another field ends merging: coming back to a field later is a new undo step.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *old, QWidget *now) {
        if ((old && isAncestorOf(old)) || (now && isAncestorOf(now)))
            m_controller->closeMerge();
    });
    clear();
}

InspectorWidget::~InspectorWidget()
{
    // qApp outlives the inspector, and its focusChanged fires while the children are deleted:
    // the lambda above must not run on a half-destroyed widget.
    disconnect(qApp, nullptr, this, nullptr);
    // A top-level inspector (the tests') closes in ~QWidget, after this destructor: the id
    // field then loses focus and emits editingFinished into a half-destroyed inspector.
    disconnect(m_idEdit, nullptr, this, nullptr);
}

void InspectorWidget::setPage(Page page, QWidget *form, const QString &title)
{
    const bool changed = page != m_page;
    m_page = page;
    m_title->setText(title);
    m_idRow->setVisible(page == Page::Component);
    if (page != Page::Component)
        m_idMessage->cancel(); // a refused id of a component no longer shown
    // only the shown form counts for the size (PageStack), so a short form has no long tail
    m_stack->setCurrentWidget(form);
    refresh();
    if (changed || page == Page::Component)
        emit pageChanged(m_page, m_componentId);
}

ComponentForm *InspectorWidget::formFor(Model::ComponentKind kind)
{
    const int key = static_cast<int>(kind);
    if (ComponentForm *form = m_componentForms.value(key))
        return form;
    ComponentForm *form = ComponentFormRegistry::create(kind);
    m_stack->addWidget(form);
    connect(form,
            &ComponentForm::edited,
            this,
            [this](const Model::Component &c, const QString &key) {
                m_controller->setComponent(c, key);
            });
    m_componentForms.insert(key, form);
    return form;
}

void InspectorWidget::showComponent(const QString &id)
{
    const Model::Component *c = m_controller->document()->component(id);
    if (!c) {
        clear();
        return;
    }
    if (id != m_componentId) {
        // another component: its id in the field, any refusal of the last one dropped
        m_idMessage->setAccepted(id);
        m_idMessage->cancel();
    }
    m_componentId = id;
    m_componentForm = formFor(c->kind);
    const QString kind = c->kind == Model::ComponentKind::Unknown
                             ? c->unknownKind
                             : Model::componentKindName(c->kind);
    setPage(Page::Component, m_componentForm, tr("%1 — %2").arg(id, kind));
}

namespace {

/** The path, below the component's own, of what makes `relation` in `c` (its source). */
QString relationPath(const Model::Component &c, const Relation &relation)
{
    using Kind = Relation::Kind;
    const auto key = [](const QString &name) { return Model::JsonPath::key(QString(), name); };
    switch (relation.kind) {
    case Kind::Call:
    case Kind::Publish:
    case Kind::Cache: {
        const Model::Step::Kind step = relation.kind == Kind::Call      ? Model::Step::Kind::Call
                                       : relation.kind == Kind::Publish ? Model::Step::Kind::Publish
                                                                        : Model::Step::Kind::Cache;
        for (const Model::Handler &h : c.service.handlers) {
            const QString path = StepListEditor::pathOfStep(h.steps, [&](const Model::Step &s) {
                return s.kind == step && s.target == relation.to;
            });
            if (!path.isEmpty())
                return key(QStringLiteral("handlers")) + key(h.request) + path;
        }
        break;
    }
    case Kind::Target: {
        const int i = static_cast<int>(c.loadBalancer.targets.indexOf(relation.to));
        if (i >= 0)
            return Model::JsonPath::index(key(QStringLiteral("targets")), i);
        break;
    }
    case Kind::Route:
        for (const Model::Route &route : c.gateway.routes) {
            for (int i = 0; i < route.targets.size(); ++i) {
                if (route.targets.at(i).target == relation.to)
                    return Model::JsonPath::index(key(QStringLiteral("routes"))
                                                      + key(route.request),
                                                  i);
            }
        }
        break;
    case Kind::Consumer:
        for (int i = 0; i < c.queue.consumers.size(); ++i) {
            if (c.queue.consumers.at(i).service == relation.to)
                return Model::JsonPath::index(key(QStringLiteral("consumers")), i);
        }
        break;
    case Kind::Pool:
        for (const Model::PoolLimit &p : c.service.pools) {
            if (p.target == relation.to)
                return key(QStringLiteral("pools")) + key(p.target);
        }
        break;
    }
    return {};
}

} // namespace

bool InspectorWidget::showRelation(const Relation &relation)
{
    const Model::Component *c = m_controller->document()->component(relation.from);
    if (!c) {
        clear();
        return false;
    }
    const QString path = relationPath(*c, relation);
    showComponent(relation.from);
    if (m_page != Page::Component || !m_componentForm || path.isEmpty())
        return false;
    return m_componentForm->revealPath(componentPath() + path);
}

bool InspectorWidget::startRename()
{
    if (m_page != Page::Component)
        return false;
    focusField(m_idEdit);
    return true;
}

void InspectorWidget::showWorkload()
{
    m_componentId.clear();
    setPage(Page::Workload, m_workloadForm, tr("Workload"));
}

void InspectorWidget::showSimulation()
{
    m_componentId.clear();
    setPage(Page::Simulation, m_simulationForm, tr("Simulation settings"));
}

void InspectorWidget::showFaults()
{
    m_componentId.clear();
    setPage(Page::Faults, m_faultsForm, tr("Faults"));
}

void InspectorWidget::showScenario()
{
    m_componentId.clear();
    setPage(Page::Scenario, m_headerForm, tr("Scenario"));
}

void InspectorWidget::clear()
{
    m_componentId.clear();
    m_componentForm = nullptr;
    setPage(Page::None, m_empty, tr("Properties"));
}

QString InspectorWidget::componentPath() const
{
    const int index = m_controller->document()->scenario().indexOf(m_componentId);
    return Model::JsonPath::index(QStringLiteral("$.components"), index);
}

InspectorPage *InspectorWidget::currentPage() const
{
    switch (m_page) {
    case Page::Workload:
        return m_workloadForm;
    case Page::Simulation:
        return m_simulationForm;
    case Page::Faults:
        return m_faultsForm;
    case Page::Scenario:
        return m_headerForm;
    case Page::Component:
    case Page::None:
        return nullptr;
    }
    return nullptr;
}

void InspectorWidget::refresh()
{
    const Model::Scenario &scenario = m_controller->document()->scenario();
    if (m_page == Page::Component) {
        const Model::Component *c = m_controller->document()->component(m_componentId);
        if (!c || !m_componentForm)
            return;
        if (formFor(c->kind) != m_componentForm) {
            showComponent(m_componentId); // the kind changed (undo of a paste over it)
            return;
        }
        m_componentForm->setComponent(*c, scenario, componentPath());
        if (!m_idEdit->hasFocus() && m_idEdit->text() != m_componentId
            && m_idMessage->message().isEmpty()) {
            const QSignalBlocker blocker(m_idEdit);
            m_idEdit->setText(m_componentId);
        }
    } else if (InspectorPage *page = currentPage()) {
        page->load(scenario);
    }
    showProblems();
}

void InspectorWidget::showProblems()
{
    const Model::Problems &problems = m_controller->document()->problems();
    if (m_page == Page::Component && m_componentForm) {
        m_componentForm->showProblems(problems);
        if (m_idEdit->text() == m_componentId) {
            QStringList messages;
            const QString idPath = Model::JsonPath::key(componentPath(), QStringLiteral("id"));
            for (const Model::Problem &p : problems) {
                if (p.path == idPath)
                    messages.append(p.message);
            }
            markField(m_idEdit, messages.isEmpty() ? QString() : QStringLiteral("error"), messages);
        }
    } else if (InspectorPage *page = currentPage()) {
        page->showProblems(problems);
    }
}

QString InspectorWidget::idProblem(const QString &id) const
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (id.isEmpty())
        return tr("an id cannot be empty");
    if (!valid.match(id).hasMatch())
        return tr("'%1' may use only letters, digits, '_' and '-'").arg(id);
    if (id != m_componentId && m_controller->document()->component(id))
        return tr("'%1' is already the id of another component; ids must be unique").arg(id);
    return {};
}

void InspectorWidget::idEdited()
{
    const QString problem = idProblem(m_idEdit->text());
    markField(m_idEdit,
              problem.isEmpty() ? QString() : QStringLiteral("error"),
              problem.isEmpty() ? QStringList() : QStringList{problem});
}

void InspectorWidget::idFinished()
{
    if (m_page != Page::Component)
        return;
    const QString id = m_idEdit->text();
    if (id == m_componentId)
        return;
    // refused: the text and the reason under it stay until fixed or Escape (FieldMessage)
    if (!m_idMessage->recheck().isEmpty())
        return;
    m_idMessage->setAccepted(id);
    m_controller->renameComponent(m_componentId, id);
}

QWidget *InspectorWidget::fieldForPath(const QString &path) const
{
    if (m_page == Page::Component && m_componentForm) {
        if (path == Model::JsonPath::key(componentPath(), QStringLiteral("id")))
            return m_idEdit;
        return m_componentForm->fieldFor(path);
    }
    if (InspectorPage *page = currentPage())
        return page->fieldFor(path);
    return nullptr;
}

bool InspectorWidget::focusPath(const QString &path)
{
    const Model::Scenario &scenario = m_controller->document()->scenario();
    const Model::ProblemLocation where = Model::locateProblem(scenario, path);
    InspectorPage *page = nullptr;
    switch (where.section) {
    case Model::ProblemLocation::Section::None:
        return false;
    case Model::ProblemLocation::Section::Component: {
        if (where.componentId.isEmpty())
            return false;
        showComponent(where.componentId);
        if (m_page != Page::Component)
            return false;
        const QString base = where.componentPath;
        if (path == base || path == Model::JsonPath::key(base, QStringLiteral("id"))
            || path == Model::JsonPath::key(base, QStringLiteral("kind"))
            || !m_componentForm->focusPath(path))
            focusField(m_idEdit);
        return true;
    }
    case Model::ProblemLocation::Section::Workload:
        showWorkload();
        page = m_workloadForm;
        break;
    case Model::ProblemLocation::Section::Simulation:
        showSimulation();
        page = m_simulationForm;
        break;
    case Model::ProblemLocation::Section::Faults:
        showFaults();
        page = m_faultsForm;
        break;
    case Model::ProblemLocation::Section::Header:
        showScenario();
        page = m_headerForm;
        break;
    }
    return page && page->focusPath(path);
}

} // namespace Ui
