// SPDX-License-Identifier: GPL-3.0-or-later
// The forms of the component kinds. Their fields come from the kinds' tables of the format
// (model/format/ScenarioSchema.cpp) through SchemaFields; what is written here by hand is the
// layout (which section a field goes in), the lists with a structure of their own (pools,
// handlers, targets, routes, queries, consumers) and the rules between fields.
#include "ComponentForms.h"

#include "Document.h"
#include "ElidingComboBox.h"
#include "JsonPath.h"
#include "StepListEditor.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyleOptionGroupBox>
#include <QStylePainter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace Ui {

using Model::Component;
using Model::ComponentKind;
using Model::Format::Part;
namespace Format = Model::Format;

namespace {

QString keyPath(const QString &name)
{
    return Model::JsonPath::key(QString(), name);
}

QString indexPath(int i)
{
    return Model::JsonPath::index(QString(), i);
}

/** The header of a RowList column: the row's label in lower case. */
template<typename Owner>
QString header(const Format::Field<Owner> &row)
{
    return labelOf(row).toLower();
}

/** A checkable group box that, unchecked, is its check box and title alone: no empty frame. */
class OptionalGroup final : public QGroupBox
{
public:
    using QGroupBox::QGroupBox;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        if (isChecked()) {
            QGroupBox::paintEvent(event);
            return;
        }
        QStylePainter painter(this);
        QStyleOptionGroupBox option;
        initStyleOption(&option);
        option.subControls &= ~QStyle::SC_GroupBoxFrame;
        painter.drawComplexControl(QStyle::CC_GroupBox, option);
    }
};

/**
 * A checkable group for an optional sub-object ("autoscaling", "health_check"): checked
 * while the object is given; its form shows only then, so an unused group takes one line.
 */
QGroupBox *optionalGroup(const QString &title, const QString &tip, QFormLayout **fields)
{
    auto *box = new OptionalGroup(title);
    box->setCheckable(true);
    box->setToolTip(tip);
    auto *boxLayout = new QVBoxLayout(box);
    auto *inner = new QWidget(box);
    inner->setObjectName(QStringLiteral("fields"));
    boxLayout->addWidget(inner);
    auto *f = inspectorForm(inner);
    f->setContentsMargins(0, 0, 0, 0);
    *fields = f;
    return box;
}

/** Shows whether the sub-object is given in its group (without emitting). An unchecked group
 *  is its check box alone: no margins, no empty frame under its title (OptionalGroup). */
void showGiven(QGroupBox *box, bool given)
{
    const QSignalBlocker blocker(box);
    box->setChecked(given);
    box->findChild<QWidget *>(QStringLiteral("fields"))->setVisible(given);
    if (!box->property("givenMargins").isValid())
        box->setProperty("givenMargins", QVariant::fromValue(box->layout()->contentsMargins()));
    box->layout()->setContentsMargins(given ? box->property("givenMargins").value<QMargins>()
                                            : QMargins());
}

} // namespace

QList<ComponentKind> requestKinds()
{
    return {ComponentKind::Service,
            ComponentKind::LoadBalancer,
            ComponentKind::Gateway,
            ComponentKind::Database,
            ComponentKind::External};
}

QList<ComponentKind> referredKinds(Format::Refers refers)
{
    switch (refers) {
    case Format::Refers::None:
        break;
    case Format::Refers::Any:
        return {ComponentKind::Service,
                ComponentKind::LoadBalancer,
                ComponentKind::Gateway,
                ComponentKind::Database,
                ComponentKind::Cache,
                ComponentKind::Queue,
                ComponentKind::External};
    case Format::Refers::Requests:
        return requestKinds();
    case Format::Refers::Service:
        return {ComponentKind::Service};
    case Format::Refers::Cache:
        return {ComponentKind::Cache};
    case Format::Refers::Queue:
        return {ComponentKind::Queue};
    }
    return {};
}

// --- ComponentForm ------------------------------------------------------------------------

ComponentForm::ComponentForm(QWidget *parent)
    : QWidget(parent)
    , m_binder(std::make_unique<Binder<Component>>(&m_registry))
{
    m_sections = new QVBoxLayout(this);
    m_sections->setContentsMargins(0, 0, 0, 0);
    m_sections->setSpacing(8);
    m_binder->setCommit([this](const Component &c, const QString &key) { emit edited(c, key); });
}

ComponentForm::~ComponentForm() = default;

void ComponentForm::setComponent(const Component &component,
                                 const Model::Scenario &scenario,
                                 const QString &basePath)
{
    m_scenario = &scenario;
    m_registry.setBasePath(basePath);
    m_binder->load(component);
}

void ComponentForm::showProblems(const Model::Problems &problems)
{
    m_registry.showProblems(problems);
}

bool ComponentForm::focusPath(const QString &path)
{
    QWidget *w = fieldFor(path);
    if (!w)
        return false;
    focusField(w);
    return true;
}

bool ComponentForm::revealPath(const QString &path)
{
    QWidget *w = fieldFor(path);
    if (!w)
        return false;
    revealField(w);
    return true;
}

QWidget *ComponentForm::fieldFor(const QString &path) const
{
    return m_registry.fieldFor(path);
}

QFormLayout *ComponentForm::addSection(const QString &title)
{
    auto *box = new QGroupBox(title, this);
    QFormLayout *form = inspectorForm(box);
    m_sections->addWidget(box);
    return form;
}

QStringList ComponentForm::idsOf(const QList<ComponentKind> &kinds) const
{
    QStringList ids;
    if (!m_scenario)
        return ids;
    for (const Component &c : m_scenario->components) {
        if (kinds.contains(c.kind) && c.id != m_binder->value().id && !c.id.isEmpty())
            ids.append(c.id);
    }
    return ids;
}

std::function<QStringList()> ComponentForm::idChoices(const QList<ComponentKind> &kinds) const
{
    return [this, kinds] { return idsOf(kinds); };
}

SchemaOptions ComponentForm::schemaOptions() const
{
    SchemaOptions options;
    options.ids = [this](Format::Refers refers) { return idsOf(referredKinds(refers)); };
    return options;
}

// --- service ------------------------------------------------------------------------------

namespace {

using Model::Service;

class ServiceForm : public ComponentForm
{
public:
    ServiceForm()
    {
        auto service = fields(
            Format::serviceFields(), QString(), [](auto &c) -> auto & { return c.service; });
        QFormLayout *capacity = addSection(tr("Capacity"));
        service.add(capacity, {&Service::replicas, &Service::cpuCores, &Service::balancing});
        buildConcurrency(service.path(service.row(&Service::concurrency)));
        buildPools(service.path(service.row(Part::Pools)));
        buildAutoscaling(service.row(&Service::autoscaling),
                         service.path(service.row(&Service::autoscaling)));
        // the rest of the service's own fields: start-up, memory, restarts
        QFormLayout *lifecycle = addSection(tr("Lifecycle and memory"));
        service.addRest(lifecycle);
        buildHealthCheck(lifecycle,
                         service.row(&Service::healthCheck),
                         service.path(service.row(&Service::healthCheck)));
        buildCompression(lifecycle,
                         service.row(&Service::compression),
                         service.path(service.row(&Service::compression)));
        m_handlersPath = service.path(service.row(Part::Handlers));
        buildHandlers();
        buildModules(service.row(Part::Modules), service.path(service.row(Part::Modules)));
    }

    bool focusPath(const QString &path) override
    {
        for (const Section &s : m_handlers) {
            const QString handlerPath = s.steps->property("handlerPath").toString();
            if (path == handlerPath) {
                focusField(s.name);
                return true;
            }
            if (Model::JsonPath::isWithin(path, handlerPath))
                return s.steps->focusPath(path);
        }
        return ComponentForm::focusPath(path);
    }

    bool revealPath(const QString &path) override
    {
        for (const Section &s : m_handlers) {
            const QString handlerPath = s.steps->property("handlerPath").toString();
            if (Model::JsonPath::isWithin(path, handlerPath))
                return s.steps->revealPath(path);
        }
        return ComponentForm::revealPath(path);
    }

    void showProblems(const Model::Problems &problems) override
    {
        ComponentForm::showProblems(problems);
        m_problems = problems;
        for (const Section &s : m_handlers)
            s.steps->showProblems(problems);
    }

private:
    struct Section
    {
        QWidget *box;
        QLineEdit *name;
        StepListEditor *steps;
    };

    void buildConcurrency(const QString &prefix)
    {
        Binder<Component> &b = binder();
        QFormLayout *f = addSection(tr("Concurrency"));
        // writing a field of the concurrency object creates it with the default model
        auto concurrency = [](auto &c) -> auto &
        {
            if constexpr (std::is_const_v<std::remove_reference_t<decltype(c)>>) {
                return ensure(c.service.concurrency);
            } else {
                if (!c.service.concurrency) {
                    c.service.concurrency.emplace();
                    c.service.concurrency->model = QString::fromLatin1(
                        rowOf(Format::concurrencyFields(), &Model::Concurrency::model)
                            ->defaultWord);
                }
                return *c.service.concurrency;
            }
        };
        auto fields = this->fields(Format::concurrencyFields(), prefix, concurrency);

        // the model by hand: picking the default again when nothing else is set removes the
        // whole object, so the file goes back to what it was
        const auto &modelRow = fields.row(&Model::Concurrency::model);
        const SchemaDetail::RowInfo modelInfo = SchemaDetail::infoOf(modelRow);
        const QString modelPath = fields.path(modelRow);
        auto *model = new ElidingComboBox;
        model->setToolTip(tipOf(modelRow));
        b.registerField(model, modelPath);
        b.onLoad([model, modelInfo](const Component &c) {
            const QString word = c.service.concurrency ? c.service.concurrency->model : QString();
            const QSignalBlocker blocker(model);
            BinderDetail::setComboEntries(model,
                                          BinderDetail::wordEntries(SchemaDetail::defaultTextOf(
                                                                        modelInfo),
                                                                    SchemaDetail::wordsOf(
                                                                        modelInfo.words),
                                                                    word));
            model->setCurrentIndex(model->findData(word));
        });
        connect(model, &QComboBox::currentIndexChanged, this, [this, model, modelPath] {
            const QString word = model->currentData().toString();
            binder().edit(modelPath, [&](Component &c) {
                auto &cc = c.service.concurrency;
                ensure(cc).model = word;
                if (*cc == Model::Concurrency{})
                    cc.reset();
            });
        });
        f->addRow(labelOf(modelRow), model);
        fields.skip(&Model::Concurrency::model);

        fields.addRest(f);
        // a value of the other model stays editable so its warning can be fixed
        fields.followKind(&Model::Concurrency::model, OtherKinds::Disable);
    }

    void buildPools(const QString &path)
    {
        QFormLayout *f = addSection(tr("Connection pools"));
        auto *pools = new RowList({tr("target"), tr("connections per replica")}, tr("Add pool"));
        pools->setColumnStretch(0, 1);
        binder().rows<Model::PoolLimit>(
            pools,
            path,
            [](auto &c) -> auto & { return c.service.pools; },
            [](int, const Model::PoolLimit &p) { return keyPath(p.target); },
            [this](const Component &c) {
                QStringList free = idsOf(requestKinds());
                for (const Model::PoolLimit &p : c.service.pools)
                    free.removeAll(p.target);
                return Model::PoolLimit{free.value(0), 10};
            },
            [this](Binder<Model::PoolLimit> &row) {
                auto *target = new ElidingComboBox;
                row.word(
                    target, QString(), QString(), idChoices(requestKinds()), [](auto &p) -> auto & {
                        return p.target;
                    });
                // the pool's path is its target key; the size is that key's value
                auto *size = new NumberField(0, 1e7, 0);
                row.number(
                    size, QString(), [](auto &p) -> auto & { return p.size; });
                return QList<QWidget *>{target, size};
            });
        f->addRow(pools);
    }

    /** The modules: one small form per module (name, handlers ticked from the service's,
     *  tables, releases per month), like the queue's consumers. */
    void buildModules(const Format::Field<Service> &section, const QString &path)
    {
        QFormLayout *f = addSection(labelOf(section));
        const Format::Table<Model::Module> moduleFields = Format::moduleFields();
        auto *modules = new RowList({QString()}, tr("Add module"));
        modules->setToolTip(tipOf(section));
        modules->setColumnStretch(0, 1);
        binder().rows<Model::Module>(
            modules,
            path,
            [](auto &c) -> auto & { return c.service.modules; },
            [](int i, const Model::Module &) { return indexPath(i); },
            [](const Component &c) {
                Model::Module m;
                m.name = QStringLiteral("module");
                auto taken = [&c](const QString &name) {
                    return std::any_of(c.service.modules.cbegin(),
                                       c.service.modules.cend(),
                                       [&](const Model::Module &o) { return o.name == name; });
                };
                for (int n = 2; taken(m.name); ++n)
                    m.name = QStringLiteral("module_%1").arg(n);
                return m;
            },
            [this, moduleFields](Binder<Model::Module> &row) {
                auto module = schemaFields(row, moduleFields, QString(), itself, schemaOptions());
                auto *card = new QFrame;
                card->setFrameShape(QFrame::StyledPanel);
                QFormLayout *form = inspectorForm(card);
                form->setContentsMargins(6, 4, 6, 4);
                const auto &handlersRow = module.row(&Model::Module::handlers);
                const auto &tablesRow = module.row(&Model::Module::tables);
                for (const Format::Field<Model::Module> &field : moduleFields) {
                    QWidget *w = &field == &handlersRow ? moduleHandlers(row, module.path(field))
                                 : &field == &tablesRow ? moduleTables(row, module.path(field))
                                                        : module.widget(field.member);
                    if (!w)
                        continue;
                    w->setToolTip(tipOf(field));
                    form->addRow(labelOf(field), w);
                    if (QWidget *label = form->labelForField(w))
                        label->setToolTip(tipOf(field));
                }
                return QList<QWidget *>{card};
            });
        f->addRow(modules);
    }

    /** The handlers of a module: the service's handlers, ticked when they belong to it (and
     *  any name the module gives that the service lacks, so it can be unticked). */
    QListWidget *moduleHandlers(Binder<Model::Module> &row, const QString &path)
    {
        auto *list = new QListWidget;
        list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        list->setTextElideMode(Qt::ElideRight);
        list->setSelectionMode(QAbstractItemView::NoSelection);
        row.registerField(list, path);
        row.onLoad([this, list](const Model::Module &m) {
            QStringList names;
            for (const Model::Handler &h : binder().value().service.handlers)
                names.append(h.request);
            for (const QString &name : m.handlers) {
                if (!names.contains(name))
                    names.append(name);
            }
            const QSignalBlocker blocker(list);
            if (list->count() != names.size()) {
                list->clear();
                list->addItems(names);
            }
            for (int i = 0; i < list->count(); ++i) {
                QListWidgetItem *item = list->item(i);
                item->setText(names.at(i));
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                item->setCheckState(m.handlers.contains(names.at(i)) ? Qt::Checked : Qt::Unchecked);
            }
            // every handler shows: no scrolling inside the form
            const int rowHeight = qMax(list->sizeHintForRow(0), list->fontMetrics().height() + 4);
            list->setFixedHeight(rowHeight * static_cast<int>(qMax<qsizetype>(1, names.size()))
                                 + 2 * list->frameWidth() + 2);
        });
        connect(list, &QListWidget::itemChanged, list, [list, &row](QListWidgetItem *item) {
            const QString name = item->text();
            const bool on = item->checkState() == Qt::Checked;
            // each tick is an undo step of its own (an empty merge key)
            row.edit(QString(), [&](Model::Module &m) {
                if (on && !m.handlers.contains(name)) {
                    // in the order the service lists its handlers
                    QStringList ordered;
                    for (int i = 0; i < list->count(); ++i) {
                        const QString n = list->item(i)->text();
                        if (n == name || m.handlers.contains(n))
                            ordered.append(n);
                    }
                    m.handlers = ordered;
                } else if (!on) {
                    m.handlers.removeAll(name);
                }
            });
        });
        return list;
    }

    /** The tables of a module, comma-separated. */
    static QLineEdit *moduleTables(Binder<Model::Module> &row, const QString &path)
    {
        auto *edit = new QLineEdit;
        edit->setPlaceholderText(tr("none (comma-separated)"));
        row.registerField(edit, path);
        auto split = [](const QString &text) {
            QStringList tables;
            for (const QString &t : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString name = t.trimmed();
                if (!name.isEmpty())
                    tables.append(name);
            }
            return tables;
        };
        row.onLoad([edit, split](const Model::Module &m) {
            // while typing "a, " the text and the list differ only by what split() drops
            if (split(edit->text()) != m.tables) {
                const QSignalBlocker blocker(edit);
                edit->setText(m.tables.join(QStringLiteral(", ")));
            }
        });
        connect(edit, &QLineEdit::textEdited, edit, [edit, &row, path, split] {
            row.edit(row.prefix() + path,
                     [&](Model::Module &m) { m.tables = split(edit->text()); });
        });
        return edit;
    }

    void buildAutoscaling(const Format::Field<Service> &row, const QString &path)
    {
        Binder<Component> &b = binder();
        QFormLayout *f = nullptr;
        QGroupBox *box = optionalGroup(labelOf(row), tipOf(row), &f);
        sections()->addWidget(box);
        b.registerField(box, path);
        b.onLoad([box](const Component &c) { showGiven(box, c.service.autoscaling.has_value()); });
        connect(box, &QGroupBox::toggled, this, [this](bool on) {
            binder().edit(QString(), [&](Component &c) {
                if (on && !c.service.autoscaling) {
                    Model::Autoscaling a;
                    a.max = std::max(c.service.replicas.value_or(1) * 2, 2);
                    c.service.autoscaling = a;
                } else if (!on) {
                    c.service.autoscaling.reset();
                }
            });
        });
        fields(
            Format::autoscalingFields(), path, [](auto &c) -> auto & {
                return ensure(c.service.autoscaling);
            })
            .addRest(f);
    }

    void buildHealthCheck(QFormLayout *section,
                          const Format::Field<Service> &row,
                          const QString &path)
    {
        Binder<Component> &b = binder();
        QFormLayout *f = nullptr;
        QGroupBox *box = optionalGroup(labelOf(row), tipOf(row), &f);
        section->addRow(box);
        b.registerField(box, path);
        b.onLoad([box](const Component &c) { showGiven(box, c.service.healthCheck.has_value()); });
        connect(box, &QGroupBox::toggled, this, [this](bool on) {
            binder().edit(QString(), [&](Component &c) {
                if (on && !c.service.healthCheck)
                    c.service.healthCheck.emplace();
                else if (!on)
                    c.service.healthCheck.reset();
            });
        });
        fields(
            Format::healthCheckFields(), path, [](auto &c) -> auto & {
                return ensure(c.service.healthCheck);
            })
            .addRest(f);
    }

    /** Response compression: a checkable group with the fields of its table. */
    void buildCompression(QFormLayout *section,
                          const Format::Field<Service> &row,
                          const QString &path)
    {
        Binder<Component> &b = binder();
        QFormLayout *f = nullptr;
        QGroupBox *box = optionalGroup(labelOf(row), tipOf(row), &f);
        section->addRow(box);
        b.registerField(box, path);
        b.onLoad([box](const Component &c) { showGiven(box, c.service.compression.has_value()); });
        connect(box, &QGroupBox::toggled, this, [this](bool on) {
            binder().edit(QString(), [&](Component &c) {
                if (on && !c.service.compression)
                    c.service.compression.emplace();
                else if (!on)
                    c.service.compression.reset();
            });
        });
        fields(
            Format::compressionFields(), path, [](auto &c) -> auto & {
                return ensure(c.service.compression);
            })
            .addRest(f);
    }

    void buildHandlers()
    {
        auto *box = new QGroupBox(tr("Handlers"), this);
        sections()->addWidget(box);
        m_handlerLayout = new QVBoxLayout(box);
        m_handlerLayout->setSpacing(10);
        auto *add = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")),
                                    tr("Add handler"),
                                    box);
        auto *row = new QHBoxLayout;
        row->addWidget(add);
        row->addStretch(1);
        m_handlerLayout->addLayout(row);
        binder().registerField(box, m_handlersPath);
        connect(add, &QPushButton::clicked, this, [this] {
            binder().edit(QString(), [](Component &c) {
                QString name = QStringLiteral("request");
                for (int n = 2; c.handler(name); ++n)
                    name = QStringLiteral("request_%1").arg(n);
                c.service.handlers.append(
                    {name, {Model::Step::cpu(Model::Distribution::constant(1))}});
            });
            binder().load(binder().value());
            showProblems(m_problems);
        });
        binder().onLoad([this](const Component &c) { loadHandlers(c); });
    }

    void loadHandlers(const Component &c)
    {
        const QList<Model::Handler> &handlers = c.service.handlers;
        while (m_handlers.size() > handlers.size()) {
            Section s = m_handlers.takeLast();
            s.box->hide();
            s.box->deleteLater();
        }
        while (m_handlers.size() < handlers.size())
            m_handlers.append(makeSection(static_cast<int>(m_handlers.size())));
        StepListEditor::Context context;
        context.callTargets = idsOf(requestKinds());
        if (scenario())
            context.defaultCallTarget = Model::defaultCallTarget(*scenario(),
                                                                 c.id,
                                                                 context.callTargets);
        context.queues = idsOf({ComponentKind::Queue});
        context.caches = idsOf({ComponentKind::Cache});
        context.eventLoop = c.service.concurrency
                            && c.service.concurrency->model == QLatin1String("event_loop");
        for (int i = 0; i < handlers.size(); ++i) {
            const Section &s = m_handlers.at(i);
            const QString path = m_handlersPath + keyPath(handlers.at(i).request);
            registry().setPath(s.name, path);
            if (s.name->text() != handlers.at(i).request) {
                const QSignalBlocker blocker(s.name);
                s.name->setText(handlers.at(i).request);
            }
            s.steps->setBasePath(registry().basePath() + path);
            s.steps->setProperty("handlerPath", registry().basePath() + path);
            s.steps->setContext(context);
            if (s.steps->steps() != handlers.at(i).steps)
                s.steps->setSteps(handlers.at(i).steps);
        }
    }

    Section makeSection(int i)
    {
        auto *box = new QFrame;
        box->setFrameShape(QFrame::StyledPanel);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(6, 6, 6, 6);
        auto *header = new QHBoxLayout;
        auto *label = new QLabel(tr("Request"));
        auto *name = new QLineEdit;
        name->setToolTip(tr("The request or message name this handler serves"));
        auto *remove = new QToolButton;
        remove->setText(tr("Remove handler"));
        remove->setAutoRaise(true);
        header->addWidget(label);
        header->addWidget(name, 1);
        header->addWidget(remove);
        layout->addLayout(header);
        auto *steps = new StepListEditor;
        layout->addWidget(steps);
        m_handlerLayout->insertWidget(i, box);
        box->show(); // a layout shows new children only later, from the event loop

        connect(name, &QLineEdit::textEdited, this, [this, i, name] {
            binder().edit(Model::JsonPath::index(m_handlersPath, i) + QStringLiteral(".request"),
                          [&](Component &c) {
                              if (i < c.service.handlers.size())
                                  c.service.handlers[i].request = name->text();
                          });
        });
        connect(remove, &QToolButton::clicked, this, [this, i] {
            binder().edit(QString(), [i](Component &c) {
                if (i < c.service.handlers.size())
                    c.service.handlers.removeAt(i);
            });
            binder().load(binder().value());
            showProblems(m_problems);
        });
        connect(steps,
                &StepListEditor::stepsChanged,
                this,
                [this, i](const Model::Steps &after, const QString &key) {
                    const QString name = i < binder().value().service.handlers.size()
                                             ? binder().value().service.handlers.at(i).request
                                             : QString();
                    binder().edit(key.isEmpty() ? QString() : m_handlersPath + keyPath(name) + key,
                                  [&](Component &c) {
                                      if (i < c.service.handlers.size())
                                          c.service.handlers[i].steps = after;
                                  });
                });
        return {box, name, steps};
    }

    QString m_handlersPath;
    QVBoxLayout *m_handlerLayout = nullptr;
    QList<Section> m_handlers;
    Model::Problems m_problems;
};

// --- load balancer, gateway, database, external, cache, queue ------------------------------

class LoadBalancerForm : public ComponentForm
{
public:
    LoadBalancerForm()
    {
        auto lb = fields(
            Format::loadBalancerFields(), QString(), [](auto &c) -> auto & {
                return c.loadBalancer;
            });
        lb.addRest(addSection(tr("Load balancer")));
        QFormLayout *t = addSection(tr("Targets"));
        auto *targets = new RowList({tr("target")}, tr("Add target"));
        targets->setColumnStretch(0, 1);
        binder().rows<QString>(
            targets,
            lb.path(lb.row(Part::Targets)),
            [](auto &c) -> auto & { return c.loadBalancer.targets; },
            [](int i, const QString &) { return indexPath(i); },
            [this](const Component &c) {
                QStringList free = idsOf(requestKinds());
                for (const QString &t : c.loadBalancer.targets)
                    free.removeAll(t);
                return free.value(0);
            },
            [this](Binder<QString> &row) {
                auto *target = new ElidingComboBox;
                row.word(
                    target, QString(), QString(), idChoices(requestKinds()), [](auto &s) -> auto & {
                        return s;
                    });
                return QList<QWidget *>{target};
            });
        t->addRow(targets);
    }
};

class GatewayForm : public ComponentForm
{
public:
    GatewayForm()
    {
        auto gateway = fields(
            Format::gatewayFields(), QString(), [](auto &c) -> auto & { return c.gateway; });
        gateway.addRest(addSection(tr("Gateway")));
        QFormLayout *r = addSection(tr("Routes (request name, or * for any other)"));
        const Format::Table<Model::RouteTarget> targetFields = Format::routeTargetFields();
        // one cell per route: the request name over its targets, so that the targets and
        // weights have the dock's whole width
        auto *routes = new RowList({tr("request, then its targets and weights")}, tr("Add route"));
        routes->setColumnStretch(0, 1);
        binder().rows<Model::Route>(
            routes,
            gateway.path(gateway.row(Part::Routes)),
            [](auto &c) -> auto & { return c.gateway.routes; },
            [](int, const Model::Route &route) { return keyPath(route.request); },
            [this](const Component &c) {
                QString name = QStringLiteral("*");
                for (int n = 2;
                     std::any_of(c.gateway.routes.cbegin(),
                                 c.gateway.routes.cend(),
                                 [&](const Model::Route &r) { return r.request == name; });
                     ++n)
                    name = QStringLiteral("request_%1").arg(n);
                return Model::Route{name,
                                    {Model::RouteTarget{idsOf(requestKinds()).value(0), 1.0, {}}}};
            },
            [this, targetFields](Binder<Model::Route> &row) {
                auto *cell = new QWidget;
                auto *stack = new QVBoxLayout(cell);
                stack->setContentsMargins(0, 0, 0, 0);
                stack->setSpacing(2);
                auto *name = new QLineEdit;
                name->setMaximumWidth(160);
                row.text(
                    name, QString(), [](auto &route) -> auto & { return route.request; });
                auto *targets
                    = new RowList({header(*rowOf(targetFields, &Model::RouteTarget::target)),
                                   header(*rowOf(targetFields, &Model::RouteTarget::weight))},
                                  tr("Add target"));
                targets->setColumnStretch(0, 1);
                row.rows<Model::RouteTarget>(
                    targets,
                    QString(),
                    [](auto &route) -> auto & { return route.targets; },
                    [](int i, const Model::RouteTarget &) { return indexPath(i); },
                    [this](const Model::Route &) {
                        return Model::RouteTarget{idsOf(requestKinds()).value(0), {}, {}};
                    },
                    [this, targetFields](Binder<Model::RouteTarget> &t) {
                        auto target
                            = schemaFields(t, targetFields, QString(), itself, schemaOptions());
                        return QList<QWidget *>{target.widget(&Model::RouteTarget::target),
                                                target.widget(&Model::RouteTarget::weight)};
                    });
                stack->addWidget(name);
                stack->addWidget(targets);
                return QList<QWidget *>{cell};
            });
        r->addRow(routes);
    }
};

class DatabaseForm : public ComponentForm
{
public:
    DatabaseForm()
    {
        auto database = fields(
            Format::databaseFields(), QString(), [](auto &c) -> auto & { return c.database; });
        database.addRest(addSection(tr("Database")));
        QFormLayout *q = addSection(tr("Queries (name, or * for any other)"));
        // one cell per query: its name over its duration, which takes the dock's width
        auto *queries = new RowList({tr("query, then its duration")}, tr("Add query"));
        queries->setColumnStretch(0, 1);
        binder().rows<Model::Query>(
            queries,
            database.path(database.row(Part::Queries)),
            [](auto &c) -> auto & { return c.database.queries; },
            [](int, const Model::Query &query) { return keyPath(query.name); },
            [](const Component &c) {
                QString name = QStringLiteral("*");
                for (int n = 2; std::any_of(c.database.queries.cbegin(),
                                            c.database.queries.cend(),
                                            [&](const Model::Query &q) { return q.name == name; });
                     ++n)
                    name = QStringLiteral("query_%1").arg(n);
                return Model::Query{name, Model::Distribution::exponential(2)};
            },
            [](Binder<Model::Query> &row) {
                auto *cell = new QWidget;
                auto *stack = new QVBoxLayout(cell);
                stack->setContentsMargins(0, 0, 0, 0);
                stack->setSpacing(2);
                auto *name = new QLineEdit;
                name->setMaximumWidth(160);
                row.text(
                    name, QString(), [](auto &query) -> auto & { return query.name; });
                auto *duration = new DistributionEditor;
                row.distribution(
                    duration, QString(), [](auto &query) -> auto & { return query.duration; });
                stack->addWidget(name);
                stack->addWidget(duration);
                return QList<QWidget *>{cell};
            });
        q->addRow(queries);
    }
};

class ExternalForm : public ComponentForm
{
public:
    ExternalForm()
    {
        fields(
            Format::externalFields(), QString(), [](auto &c) -> auto & { return c.external; })
            .addRest(addSection(tr("External system")));
    }
};

class CacheForm : public ComponentForm
{
public:
    CacheForm()
    {
        auto cache = fields(
            Format::cacheFields(), QString(), [](auto &c) -> auto & { return c.cache; });
        cache.addRest(addSection(tr("Cache")));
        // samples matter for the approximated policies only, which Redis uses by default
        QWidget *samples = cache.widgetOf(&Model::Cache::samples);
        const Format::Words engines = Format::cacheEngineWords();
        binder().onLoad([samples, engines](const Component &c) {
            const bool memcached = Format::valueOf(engines, c.cache.engine, 0) != 0;
            samples->setEnabled(c.cache.samples
                                || c.cache.eviction.startsWith(QLatin1String("approx_"))
                                || (c.cache.eviction.isEmpty() && !memcached));
        });
    }
};

class QueueForm : public ComponentForm
{
public:
    QueueForm()
    {
        auto queue = fields(
            Format::queueFields(), QString(), [](auto &c) -> auto & { return c.queue; });
        queue.addRest(addSection(tr("Queue")));

        QFormLayout *cf = addSection(tr("Consumers"));
        const Format::Table<Model::Consumer> consumerFields = Format::consumerFields();
        // one small form per consumer: its fields side by side would be wider than the dock
        auto *consumers = new RowList({QString()}, tr("Add consumer"));
        consumers->setColumnStretch(0, 1);
        binder().rows<Model::Consumer>(
            consumers,
            queue.path(queue.row(Part::Consumers)),
            [](auto &c) -> auto & { return c.queue.consumers; },
            [](int i, const Model::Consumer &) { return indexPath(i); },
            [this](const Component &) {
                return Model::Consumer{idsOf({ComponentKind::Service}).value(0), {}, {}, {}, {}};
            },
            [this, consumerFields](Binder<Model::Consumer> &row) {
                auto consumer
                    = schemaFields(row, consumerFields, QString(), itself, schemaOptions());
                auto *card = new QFrame;
                card->setFrameShape(QFrame::StyledPanel);
                QFormLayout *form = inspectorForm(card);
                form->setContentsMargins(6, 4, 6, 4);
                for (const Format::Field<Model::Consumer> &field : consumerFields)
                    form->addRow(labelOf(field), consumer.widget(field.member));
                return QList<QWidget *>{card};
            });
        cf->addRow(consumers);
    }
};

class UnknownForm : public ComponentForm
{
public:
    UnknownForm()
    {
        auto *label = new QLabel(
            tr("ArchSim does not know this kind of component. Its fields are kept "
               "as written; change the kind in the scenario file."));
        label->setWordWrap(true);
        sections()->addWidget(label);
    }
};

std::map<ComponentKind, ComponentFormRegistry::Factory> &factories()
{
    static std::map<ComponentKind, ComponentFormRegistry::Factory> map;
    if (map.empty()) {
        map[ComponentKind::Service] = [] { return new ServiceForm; };
        map[ComponentKind::LoadBalancer] = [] { return new LoadBalancerForm; };
        map[ComponentKind::Gateway] = [] { return new GatewayForm; };
        map[ComponentKind::Database] = [] { return new DatabaseForm; };
        map[ComponentKind::Cache] = [] { return new CacheForm; };
        map[ComponentKind::Queue] = [] { return new QueueForm; };
        map[ComponentKind::External] = [] { return new ExternalForm; };
    }
    return map;
}

} // namespace

void ComponentFormRegistry::registerForm(ComponentKind kind, Factory factory)
{
    factories()[kind] = std::move(factory);
}

ComponentForm *ComponentFormRegistry::create(ComponentKind kind)
{
    const auto it = factories().find(kind);
    ComponentForm *form = it == factories().end() ? new UnknownForm : it->second();
    // sections stay at the top when the form is shorter than the inspector
    form->sections()->addStretch(1);
    return form;
}

} // namespace Ui
