// SPDX-License-Identifier: GPL-3.0-or-later
#include "ComponentForms.h"

#include "JsonPath.h"
#include "ScenarioDefaults.h"
#include "StepListEditor.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <map>

namespace Ui {

using Model::Component;
using Model::ComponentKind;

namespace {

const QStringList kBalancing = {QStringLiteral("round_robin"), QStringLiteral("random"),
                                QStringLiteral("least_outstanding"), QStringLiteral("power_of_two")};

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

QString deflt(double v, const QString &unit = {})
{
    return QObject::tr("%1%2 (default)").arg(QString::number(v, 'g', 6), unit);
}

DistributionEditor *durationEditor(const QString &defaultText)
{
    auto *d = new DistributionEditor;
    if (!defaultText.isEmpty())
        d->setOptional(defaultText);
    return d;
}

QString keyPath(const QString &name)
{
    return Model::JsonPath::key(QString(), name);
}

QString indexPath(int i)
{
    return Model::JsonPath::index(QString(), i);
}

} // namespace

QList<ComponentKind> requestKinds()
{
    return {ComponentKind::Service, ComponentKind::LoadBalancer, ComponentKind::Gateway,
            ComponentKind::Database, ComponentKind::External};
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

void ComponentForm::setComponent(const Component &component, const Model::Scenario &scenario,
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

QWidget *ComponentForm::fieldFor(const QString &path) const
{
    return m_registry.fieldFor(path);
}

QFormLayout *ComponentForm::addSection(const QString &title)
{
    auto *box = new QGroupBox(title, this);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
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

// --- service ------------------------------------------------------------------------------

namespace {

class ServiceForm : public ComponentForm
{
public:
    ServiceForm()
    {
        Binder<Component> &b = binder();
        QFormLayout *cap = addSection(tr("Capacity"));
        auto *replicas = field(0, 100000, 0, deflt(Model::Defaults::kReplicas), {},
                               tr("Instances of the service, 1 to 10000"));
        b.number(replicas, QStringLiteral(".replicas"), [](auto &c) -> auto & { return c.service.replicas; });
        cap->addRow(tr("Replicas"), replicas);
        auto *cores = field(0, 100000, 2, deflt(Model::Defaults::kCpuCores), {}, tr("CPU cores per replica"));
        cores->setSingleStep(0.25);
        b.number(cores, QStringLiteral(".cpu_cores"), [](auto &c) -> auto & { return c.service.cpuCores; });
        cap->addRow(tr("CPU cores"), cores);
        auto *balancing = new QComboBox;
        b.word(balancing, QStringLiteral(".balancing"), tr("round_robin (default)"), kBalancing,
               [](auto &c) -> auto & { return c.service.balancing; });
        balancing->setToolTip(tr("How callers pick a replica"));
        cap->addRow(tr("Balancing"), balancing);

        buildConcurrency();
        buildPools();
        buildAutoscaling();
        buildLifecycle();
        buildHandlers();
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

    void buildConcurrency()
    {
        Binder<Component> &b = binder();
        QFormLayout *f = addSection(tr("Concurrency"));
        auto *model = new QComboBox;
        model->addItem(tr("thread_pool (default)"), QString());
        model->addItem(QStringLiteral("thread_pool"), QStringLiteral("thread_pool"));
        model->addItem(QStringLiteral("event_loop"), QStringLiteral("event_loop"));
        model->setToolTip(tr("thread_pool: a thread per request in progress; event_loop: one loop "
                             "thread per process (Node.js style)"));
        b.registerField(model, QStringLiteral(".concurrency.model"));
        b.onLoad([model](const Component &c) {
            const QString word = c.service.concurrency ? c.service.concurrency->model : QString();
            const QSignalBlocker blocker(model);
            BinderDetail::setComboEntries(
                model, BinderDetail::wordEntries(tr("thread_pool (default)"),
                                                 {QStringLiteral("thread_pool"), QStringLiteral("event_loop")},
                                                 word));
            model->setCurrentIndex(model->findData(word));
        });
        connect(model, &QComboBox::currentIndexChanged, this, [this, model] {
            const QString word = model->currentData().toString();
            binder().edit(QStringLiteral(".concurrency.model"), [&](Component &c) {
                auto &cc = c.service.concurrency;
                if (word.isEmpty() && cc && !cc->threads && !cc->queueLimit && !cc->workers
                    && !cc->workerThreads && cc->extra.isEmpty())
                    cc.reset();
                else
                    ensure(cc).model = word;
            });
        });
        f->addRow(tr("Model"), model);

        // writing a field of the concurrency object creates it as a thread pool
        auto concurrency = [](auto &c) -> auto & {
            if constexpr (std::is_const_v<std::remove_reference_t<decltype(c)>>) {
                return ensure(c.service.concurrency);
            } else {
                if (!c.service.concurrency)
                    c.service.concurrency = Model::Concurrency{QStringLiteral("thread_pool"), {}, {}, {}, {}, {}};
                return *c.service.concurrency;
            }
        };
        auto *threads = field(0, 1e6, 0, deflt(Model::Defaults::kThreads), {},
                              tr("thread_pool: requests in progress per replica"));
        b.number(threads, QStringLiteral(".concurrency.threads"),
                 [concurrency](auto &c) -> auto & { return concurrency(c).threads; });
        f->addRow(tr("Threads"), threads);
        auto *queue = field(0, 2147483647.0, 0, tr("unlimited (default)"), {},
                            tr("thread_pool: requests waiting for a thread; beyond it they are rejected"));
        b.number(queue, QStringLiteral(".concurrency.queue_limit"),
                 [concurrency](auto &c) -> auto & { return concurrency(c).queueLimit; });
        f->addRow(tr("Queue limit"), queue);
        auto *workers = field(0, 10000, 0, deflt(Model::Defaults::kWorkers), {},
                              tr("event_loop: loop processes per replica (cluster module)"));
        b.number(workers, QStringLiteral(".concurrency.workers"),
                 [concurrency](auto &c) -> auto & { return concurrency(c).workers; });
        f->addRow(tr("Workers"), workers);
        auto *workerThreads = field(0, 1e6, 0, deflt(Model::Defaults::kWorkerThreads), {},
                                    tr("event_loop: threads for offloaded CPU steps"));
        b.number(workerThreads, QStringLiteral(".concurrency.worker_threads"),
                 [concurrency](auto &c) -> auto & { return concurrency(c).workerThreads; });
        f->addRow(tr("Worker threads"), workerThreads);
        b.onLoad([=](const Component &c) {
            const bool loop = c.service.concurrency && c.service.concurrency->model == QLatin1String("event_loop");
            // a value of the other model stays editable so its warning can be fixed
            threads->setEnabled(!loop || c.service.concurrency->threads);
            queue->setEnabled(!loop || c.service.concurrency->queueLimit);
            workers->setEnabled(loop || (c.service.concurrency && c.service.concurrency->workers));
            workerThreads->setEnabled(loop || (c.service.concurrency && c.service.concurrency->workerThreads));
        });
    }

    void buildPools()
    {
        QFormLayout *f = addSection(tr("Connection pools"));
        auto *pools = new RowList({tr("target"), tr("connections per replica")}, tr("Add pool"));
        pools->setColumnStretch(0, 1);
        binder().rows<Model::PoolLimit>(
            pools, QStringLiteral(".pools"), [](auto &c) -> auto & { return c.service.pools; },
            [](int, const Model::PoolLimit &p) { return keyPath(p.target); },
            [this](const Component &c) {
                QStringList free = idsOf(requestKinds());
                for (const Model::PoolLimit &p : c.service.pools)
                    free.removeAll(p.target);
                return Model::PoolLimit{free.value(0), 10};
            },
            [this](Binder<Model::PoolLimit> &row) {
                auto *target = new QComboBox;
                row.word(target, QString(), QString(), idChoices(requestKinds()),
                         [](auto &p) -> auto & { return p.target; });
                // the pool's path is its target key; the size is that key's value
                auto *size = field(0, 1e7, 0);
                row.number(size, QString(), [](auto &p) -> auto & { return p.size; });
                return QList<QWidget *>{target, size};
            });
        f->addRow(pools);
    }

    void buildAutoscaling()
    {
        Binder<Component> &b = binder();
        auto *box = new QGroupBox(tr("Autoscaling"), this);
        box->setCheckable(true);
        box->setToolTip(tr("Kubernetes HPA: scale replicas between min and max to keep CPU at the target"));
        sections()->addWidget(box);
        // the fields show only while autoscaling is on, so an unused group takes one line
        auto *boxLayout = new QVBoxLayout(box);
        auto *fields = new QWidget(box);
        boxLayout->addWidget(fields);
        auto *f = new QFormLayout(fields);
        f->setContentsMargins(0, 0, 0, 0);
        f->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        f->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
        b.registerField(box, QStringLiteral(".autoscaling"));
        b.onLoad([box, fields](const Component &c) {
            const QSignalBlocker blocker(box);
            box->setChecked(c.service.autoscaling.has_value());
            fields->setVisible(c.service.autoscaling.has_value());
        });
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
        auto add = [&](const QString &label, NumberField *w, const QString &key, auto access) {
            b.number(w, QStringLiteral(".autoscaling.") + key, access);
            f->addRow(label, w);
        };
        add(tr("Min replicas"), field(0, 100000, 0, deflt(Model::Defaults::kAutoscalingMin)), QStringLiteral("min"),
            [](auto &c) -> auto & { return ensure(c.service.autoscaling).min; });
        add(tr("Max replicas"), field(0, 100000, 0, tr("missing")), QStringLiteral("max"),
            [](auto &c) -> auto & { return ensure(c.service.autoscaling).max; });
        auto *target = field(0, 10, 2, deflt(Model::Defaults::kAutoscalingTargetCpu), {},
                             tr("Fraction of the replica's cpu_cores, greater than 0 and at most 1"));
        target->setSingleStep(0.05);
        add(tr("Target CPU"), target, QStringLiteral("target_cpu"),
            [](auto &c) -> auto & { return ensure(c.service.autoscaling).targetCpu; });
        add(tr("Interval"), field(0, 1e9, 3, deflt(Model::Defaults::kAutoscalingIntervalS, tr(" s")), tr(" s")),
            QStringLiteral("interval_s"), [](auto &c) -> auto & { return ensure(c.service.autoscaling).intervalS; });
        add(tr("Scale-up window"),
            field(0, 1e9, 2, deflt(Model::Defaults::kScaleUpStabilizationS, tr(" s")), tr(" s")),
            QStringLiteral("scale_up_stabilization_s"),
            [](auto &c) -> auto & { return ensure(c.service.autoscaling).scaleUpStabilizationS; });
        add(tr("Scale-down window"),
            field(0, 1e9, 2, deflt(Model::Defaults::kScaleDownStabilizationS, tr(" s")), tr(" s")),
            QStringLiteral("scale_down_stabilization_s"),
            [](auto &c) -> auto & { return ensure(c.service.autoscaling).scaleDownStabilizationS; });
        add(tr("Tolerance"), field(0, 10, 3, deflt(Model::Defaults::kAutoscalingTolerance)),
            QStringLiteral("tolerance"), [](auto &c) -> auto & { return ensure(c.service.autoscaling).tolerance; });
    }

    void buildLifecycle()
    {
        Binder<Component> &b = binder();
        QFormLayout *f = addSection(tr("Lifecycle and memory"));
        auto *startup = field(0, 1e9, 2, deflt(Model::Defaults::kStartupS, tr(" s")), tr(" s"),
                              tr("Cold start: a new replica takes traffic this long after it starts"));
        b.number(startup, QStringLiteral(".startup_s"), [](auto &c) -> auto & { return c.service.startupS; });
        f->addRow(tr("Startup"), startup);
        auto *memory = field(0, 1e10, 1, tr("no limit"), tr(" MB"), tr("Memory limit per replica"));
        b.number(memory, QStringLiteral(".memory_mb"), [](auto &c) -> auto & { return c.service.memoryMb; });
        f->addRow(tr("Memory limit"), memory);
        auto *base = field(0, 1e10, 1, deflt(0, tr(" MB")), tr(" MB"));
        b.number(base, QStringLiteral(".memory_base_mb"), [](auto &c) -> auto & { return c.service.memoryBaseMb; });
        f->addRow(tr("Memory base"), base);
        auto *perRequest = field(0, 1e10, 2, deflt(0, tr(" MB")), tr(" MB"));
        b.number(perRequest, QStringLiteral(".memory_per_request_mb"),
                 [](auto &c) -> auto & { return c.service.memoryPerRequestMb; });
        f->addRow(tr("Memory per request"), perRequest);
        auto *restart = new QComboBox;
        b.word(restart, QStringLiteral(".restart"), tr("always (default)"),
               QStringList{QStringLiteral("always"), QStringLiteral("on_failure"), QStringLiteral("no")},
               [](auto &c) -> auto & { return c.service.restart; });
        f->addRow(tr("Restart"), restart);
        auto *backoff = field(0, 1e9, 2, deflt(Model::Defaults::kRestartBackoffS, tr(" s")), tr(" s"));
        b.number(backoff, QStringLiteral(".restart_backoff_s"),
                 [](auto &c) -> auto & { return c.service.restartBackoffS; });
        f->addRow(tr("Restart back-off"), backoff);
        auto *backoffMax = field(0, 1e9, 2, deflt(Model::Defaults::kRestartBackoffMaxS, tr(" s")), tr(" s"));
        b.number(backoffMax, QStringLiteral(".restart_backoff_max_s"),
                 [](auto &c) -> auto & { return c.service.restartBackoffMaxS; });
        f->addRow(tr("Back-off cap"), backoffMax);

        auto *health = new QGroupBox(tr("Health check"));
        health->setCheckable(true);
        auto *healthLayout = new QVBoxLayout(health);
        auto *healthFields = new QWidget(health);
        healthLayout->addWidget(healthFields);
        auto *hf = new QFormLayout(healthFields);
        hf->setContentsMargins(0, 0, 0, 0);
        hf->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        b.registerField(health, QStringLiteral(".health_check"));
        b.onLoad([health, healthFields](const Component &c) {
            const QSignalBlocker blocker(health);
            health->setChecked(c.service.healthCheck.has_value());
            healthFields->setVisible(c.service.healthCheck.has_value());
        });
        connect(health, &QGroupBox::toggled, this, [this](bool on) {
            binder().edit(QString(), [&](Component &c) {
                if (on && !c.service.healthCheck)
                    c.service.healthCheck.emplace();
                else if (!on)
                    c.service.healthCheck.reset();
            });
        });
        auto *interval = field(0, 1e9, 2, deflt(Model::Defaults::kHealthIntervalS, tr(" s")), tr(" s"));
        b.number(interval, QStringLiteral(".health_check.interval_s"),
                 [](auto &c) -> auto & { return ensure(c.service.healthCheck).intervalS; });
        hf->addRow(tr("Interval"), interval);
        auto *failures = field(0, 100000, 0, deflt(Model::Defaults::kHealthFailures));
        b.number(failures, QStringLiteral(".health_check.failures"),
                 [](auto &c) -> auto & { return ensure(c.service.healthCheck).failures; });
        hf->addRow(tr("Failures"), failures);
        f->addRow(health);
    }

    void buildHandlers()
    {
        auto *box = new QGroupBox(tr("Handlers"), this);
        sections()->addWidget(box);
        m_handlerLayout = new QVBoxLayout(box);
        m_handlerLayout->setSpacing(10);
        auto *add = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("Add handler"), box);
        auto *row = new QHBoxLayout;
        row->addWidget(add);
        row->addStretch(1);
        m_handlerLayout->addLayout(row);
        binder().registerField(box, QStringLiteral(".handlers"));
        connect(add, &QPushButton::clicked, this, [this] {
            binder().edit(QString(), [](Component &c) {
                QString name = QStringLiteral("request");
                for (int n = 2; c.handler(name); ++n)
                    name = QStringLiteral("request_%1").arg(n);
                c.service.handlers.append({name, {Model::Step::cpu(Model::Distribution::constant(1))}});
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
        context.queues = idsOf({ComponentKind::Queue});
        context.caches = idsOf({ComponentKind::Cache});
        context.eventLoop = c.service.concurrency && c.service.concurrency->model == QLatin1String("event_loop");
        for (int i = 0; i < handlers.size(); ++i) {
            const Section &s = m_handlers.at(i);
            const QString path = QStringLiteral(".handlers") + keyPath(handlers.at(i).request);
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
            binder().edit(QStringLiteral(".handlers[%1].request").arg(i), [&](Component &c) {
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
        connect(steps, &StepListEditor::stepsChanged, this,
                [this, i](const Model::Steps &after, const QString &key) {
                    const QString name = i < binder().value().service.handlers.size()
                                             ? binder().value().service.handlers.at(i).request
                                             : QString();
                    binder().edit(key.isEmpty() ? QString()
                                                : QStringLiteral(".handlers") + keyPath(name) + key,
                                  [&](Component &c) {
                                      if (i < c.service.handlers.size())
                                          c.service.handlers[i].steps = after;
                                  });
                });
        return {box, name, steps};
    }

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
        Binder<Component> &b = binder();
        QFormLayout *f = addSection(tr("Load balancer"));
        auto *policy = new QComboBox;
        b.word(policy, QStringLiteral(".policy"), tr("round_robin (default)"), kBalancing,
               [](auto &c) -> auto & { return c.loadBalancer.policy; });
        f->addRow(tr("Policy"), policy);
        auto *latency = durationEditor(tr("0 ms (default)"));
        b.distribution(latency, QStringLiteral(".latency_ms"), [](auto &c) -> auto & { return c.loadBalancer.latencyMs; });
        f->addRow(tr("Latency"), latency);
        QFormLayout *t = addSection(tr("Targets"));
        auto *targets = new RowList({tr("target")}, tr("Add target"));
        targets->setColumnStretch(0, 1);
        b.rows<QString>(
            targets, QStringLiteral(".targets"), [](auto &c) -> auto & { return c.loadBalancer.targets; },
            [](int i, const QString &) { return indexPath(i); },
            [this](const Component &c) {
                QStringList free = idsOf(requestKinds());
                for (const QString &t : c.loadBalancer.targets)
                    free.removeAll(t);
                return free.value(0);
            },
            [this](Binder<QString> &row) {
                auto *target = new QComboBox;
                row.word(target, QString(), QString(), idChoices(requestKinds()), [](auto &s) -> auto & { return s; });
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
        Binder<Component> &b = binder();
        QFormLayout *f = addSection(tr("Gateway"));
        auto *latency = durationEditor(tr("0 ms (default)"));
        b.distribution(latency, QStringLiteral(".latency_ms"), [](auto &c) -> auto & { return c.gateway.latencyMs; });
        f->addRow(tr("Latency"), latency);
        QFormLayout *r = addSection(tr("Routes (request name, or * for any other)"));
        auto *routes = new RowList({tr("request"), tr("targets and weights")}, tr("Add route"));
        routes->setColumnStretch(1, 1);
        b.rows<Model::Route>(
            routes, QStringLiteral(".routes"), [](auto &c) -> auto & { return c.gateway.routes; },
            [](int, const Model::Route &route) { return keyPath(route.request); },
            [this](const Component &c) {
                QString name = QStringLiteral("*");
                for (int n = 2; std::any_of(c.gateway.routes.cbegin(), c.gateway.routes.cend(),
                                            [&](const Model::Route &r) { return r.request == name; });
                     ++n)
                    name = QStringLiteral("request_%1").arg(n);
                return Model::Route{name, {Model::RouteTarget{idsOf(requestKinds()).value(0), 1.0, {}}}};
            },
            [this](Binder<Model::Route> &row) {
                auto *name = new QLineEdit;
                name->setMaximumWidth(110);
                row.text(name, QString(), [](auto &route) -> auto & { return route.request; });
                auto *targets = new RowList({tr("target"), tr("weight")}, tr("Add target"));
                targets->setColumnStretch(0, 1);
                row.rows<Model::RouteTarget>(
                    targets, QString(), [](auto &route) -> auto & { return route.targets; },
                    [](int i, const Model::RouteTarget &) { return indexPath(i); },
                    [this](const Model::Route &) { return Model::RouteTarget{idsOf(requestKinds()).value(0), {}, {}}; },
                    [this](Binder<Model::RouteTarget> &t) {
                        auto *target = new QComboBox;
                        t.word(target, QStringLiteral(".target"), QString(), idChoices(requestKinds()),
                               [](auto &rt) -> auto & { return rt.target; });
                        auto *weight = field(0, 1e10, 3, deflt(Model::Defaults::kRouteWeight));
                        t.number(weight, QStringLiteral(".weight"), [](auto &rt) -> auto & { return rt.weight; });
                        return QList<QWidget *>{target, weight};
                    });
                return QList<QWidget *>{name, targets};
            });
        r->addRow(routes);
    }
};

class DatabaseForm : public ComponentForm
{
public:
    DatabaseForm()
    {
        Binder<Component> &b = binder();
        QFormLayout *f = addSection(tr("Database"));
        auto *connections = field(0, 1e7, 0, deflt(Model::Defaults::kMaxConnections), {},
                                  tr("Queries that run at once; more wait"));
        b.number(connections, QStringLiteral(".max_connections"),
                 [](auto &c) -> auto & { return c.database.maxConnections; });
        f->addRow(tr("Max connections"), connections);
        QFormLayout *q = addSection(tr("Queries (name, or * for any other)"));
        auto *queries = new RowList({tr("query"), tr("duration")}, tr("Add query"));
        queries->setColumnStretch(1, 1);
        b.rows<Model::Query>(
            queries, QStringLiteral(".queries"), [](auto &c) -> auto & { return c.database.queries; },
            [](int, const Model::Query &query) { return keyPath(query.name); },
            [](const Component &c) {
                QString name = QStringLiteral("*");
                for (int n = 2; std::any_of(c.database.queries.cbegin(), c.database.queries.cend(),
                                            [&](const Model::Query &q) { return q.name == name; });
                     ++n)
                    name = QStringLiteral("query_%1").arg(n);
                return Model::Query{name, Model::Distribution::exponential(2)};
            },
            [](Binder<Model::Query> &row) {
                auto *name = new QLineEdit;
                name->setMaximumWidth(120);
                row.text(name, QString(), [](auto &query) -> auto & { return query.name; });
                auto *duration = new DistributionEditor;
                row.distribution(duration, QString(), [](auto &query) -> auto & { return query.duration; });
                return QList<QWidget *>{name, duration};
            });
        q->addRow(queries);
    }
};

class ExternalForm : public ComponentForm
{
public:
    ExternalForm()
    {
        Binder<Component> &b = binder();
        QFormLayout *f = addSection(tr("External system"));
        auto *latency = durationEditor(tr("0 ms (default)"));
        b.distribution(latency, QStringLiteral(".latency_ms"), [](auto &c) -> auto & { return c.external.latencyMs; });
        f->addRow(tr("Latency"), latency);
        auto *errors = field(0, 10, 4, deflt(0), {}, tr("Probability that a call fails, 0 to 1"));
        b.number(errors, QStringLiteral(".error_rate"), [](auto &c) -> auto & { return c.external.errorRate; });
        f->addRow(tr("Error rate"), errors);
    }
};

class CacheForm : public ComponentForm
{
public:
    CacheForm()
    {
        Binder<Component> &b = binder();
        QFormLayout *f = addSection(tr("Cache"));
        auto *engine = new QComboBox;
        b.word(engine, QStringLiteral(".engine"), tr("redis (default)"),
               QStringList{QStringLiteral("redis"), QStringLiteral("memcached")},
               [](auto &c) -> auto & { return c.cache.engine; });
        f->addRow(tr("Engine"), engine);
        auto *capacity = field(0, 1e11, 0, tr("missing"), {}, tr("Keys the cache holds, 1 to 2^32"));
        b.number(capacity, QStringLiteral(".capacity_keys"), [](auto &c) -> auto & { return c.cache.capacityKeys; });
        f->addRow(tr("Capacity"), capacity);
        auto *eviction = new QComboBox;
        b.word(eviction, QStringLiteral(".eviction"), tr("engine default"),
               QStringList{QStringLiteral("lru"), QStringLiteral("lfu"), QStringLiteral("fifo"),
                           QStringLiteral("random"), QStringLiteral("approx_lru"), QStringLiteral("approx_lfu"),
                           QStringLiteral("segmented_lru")},
               [](auto &c) -> auto & { return c.cache.eviction; });
        f->addRow(tr("Eviction"), eviction);
        auto *samples = field(0, 100000, 0, deflt(Model::Defaults::kEvictionSamples), {},
                              tr("approx_lru, approx_lfu: keys sampled per eviction"));
        b.number(samples, QStringLiteral(".samples"), [](auto &c) -> auto & { return c.cache.samples; });
        f->addRow(tr("Samples"), samples);
        b.onLoad([samples](const Component &c) {
            samples->setEnabled(c.cache.samples || c.cache.eviction.startsWith(QLatin1String("approx_"))
                                || (c.cache.eviction.isEmpty() && c.cache.engine != QLatin1String("memcached")));
        });
        auto *ttl = field(0, 1e10, 2, tr("never expire (default)"), tr(" s"));
        b.number(ttl, QStringLiteral(".ttl_s"), [](auto &c) -> auto & { return c.cache.ttlS; });
        f->addRow(tr("TTL"), ttl);
        auto *jitter = field(0, 10, 3, deflt(0), {}, tr("Each TTL is drawn within ± this fraction"));
        b.number(jitter, QStringLiteral(".ttl_jitter"), [](auto &c) -> auto & { return c.cache.ttlJitter; });
        f->addRow(tr("TTL jitter"), jitter);
        auto *hit = durationEditor(deflt(Model::Defaults::kCacheHitMs, tr(" ms")));
        b.distribution(hit, QStringLiteral(".hit_ms"), [](auto &c) -> auto & { return c.cache.hitMs; });
        f->addRow(tr("Hit"), hit);
        auto *miss = durationEditor(deflt(Model::Defaults::kCacheMissMs, tr(" ms")));
        b.distribution(miss, QStringLiteral(".miss_ms"), [](auto &c) -> auto & { return c.cache.missMs; });
        f->addRow(tr("Miss"), miss);
        auto *stampede = new QComboBox;
        b.word(stampede, QStringLiteral(".stampede"), tr("none (default)"),
               QStringList{QStringLiteral("none"), QStringLiteral("lock"), QStringLiteral("stale_while_revalidate")},
               [](auto &c) -> auto & { return c.cache.stampede; });
        f->addRow(tr("Stampede"), stampede);
        auto *threads = field(0, 100000, 0, tr("engine default"), {}, tr("Command threads (Redis 1, Memcached 4)"));
        b.number(threads, QStringLiteral(".threads"), [](auto &c) -> auto & { return c.cache.threads; });
        f->addRow(tr("Threads"), threads);
        auto *command = durationEditor(deflt(Model::Defaults::kCommandMs, tr(" ms")));
        b.distribution(command, QStringLiteral(".command_ms"), [](auto &c) -> auto & { return c.cache.commandMs; });
        f->addRow(tr("Command CPU"), command);
    }
};

class QueueForm : public ComponentForm
{
public:
    QueueForm()
    {
        Binder<Component> &b = binder();
        QFormLayout *f = addSection(tr("Queue"));
        auto *broker = new QComboBox;
        b.word(broker, QStringLiteral(".broker"), tr("rabbitmq (default)"), QStringList{QStringLiteral("rabbitmq")},
               [](auto &c) -> auto & { return c.queue.broker; });
        f->addRow(tr("Broker"), broker);
        auto *durable = new QComboBox;
        b.yesNo(durable, QStringLiteral(".durable"), tr("yes (default)"), [](auto &c) -> auto & { return c.queue.durable; });
        f->addRow(tr("Durable"), durable);
        auto *publish = durationEditor(tr("default (1 ms durable, 0.3 ms transient)"));
        b.distribution(publish, QStringLiteral(".publish_ms"), [](auto &c) -> auto & { return c.queue.publishMs; });
        f->addRow(tr("Publish"), publish);
        auto *delivery = durationEditor(deflt(Model::Defaults::kDeliveryMs, tr(" ms")));
        b.distribution(delivery, QStringLiteral(".delivery_ms"), [](auto &c) -> auto & { return c.queue.deliveryMs; });
        f->addRow(tr("Delivery"), delivery);
        auto *maxLength = field(0, 1e13, 0, tr("unbounded (default)"));
        b.number(maxLength, QStringLiteral(".max_length"), [](auto &c) -> auto & { return c.queue.maxLength; });
        f->addRow(tr("Max length"), maxLength);
        auto *overflow = new QComboBox;
        b.word(overflow, QStringLiteral(".overflow"), tr("reject_publish (default)"),
               QStringList{QStringLiteral("reject_publish"), QStringLiteral("drop_head"),
                           QStringLiteral("reject_publish_dlx")},
               [](auto &c) -> auto & { return c.queue.overflow; });
        f->addRow(tr("Overflow"), overflow);
        auto *exchange = new QComboBox;
        b.word(exchange, QStringLiteral(".exchange"), tr("direct (default)"),
               QStringList{QStringLiteral("direct"), QStringLiteral("fanout")},
               [](auto &c) -> auto & { return c.queue.exchange; });
        f->addRow(tr("Exchange"), exchange);

        QFormLayout *cf = addSection(tr("Consumers"));
        auto *consumers = new RowList({tr("service"), tr("channels"), tr("prefetch")}, tr("Add consumer"));
        consumers->setColumnStretch(0, 1);
        b.rows<Model::Consumer>(
            consumers, QStringLiteral(".consumers"), [](auto &c) -> auto & { return c.queue.consumers; },
            [](int i, const Model::Consumer &) { return indexPath(i); },
            [this](const Component &) {
                return Model::Consumer{idsOf({ComponentKind::Service}).value(0), {}, {}, {}};
            },
            [this](Binder<Model::Consumer> &row) {
                auto *service = new QComboBox;
                row.word(service, QStringLiteral(".service"), QString(), idChoices({ComponentKind::Service}),
                         [](auto &k) -> auto & { return k.service; });
                auto *count = field(0, 100000, 0, deflt(Model::Defaults::kConsumers));
                row.number(count, QStringLiteral(".count"), [](auto &k) -> auto & { return k.count; });
                auto *prefetch = field(0, 1e6, 0, deflt(Model::Defaults::kPrefetch));
                row.number(prefetch, QStringLiteral(".prefetch"), [](auto &k) -> auto & { return k.prefetch; });
                return QList<QWidget *>{service, count, prefetch};
            });
        cf->addRow(consumers);
    }
};

class UnknownForm : public ComponentForm
{
public:
    UnknownForm()
    {
        auto *label = new QLabel(tr("ArchSim does not know this kind of component. Its fields are kept "
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
