// SPDX-License-Identifier: GPL-3.0-or-later
#include "StepListEditor.h"

#include "JsonPath.h"
#include "PageStack.h"
#include "SchemaForm.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace Ui {

using Kind = Model::Step::Kind;

namespace {

constexpr int AddressRole = Qt::UserRole + 1;

/** The step kinds a handler can hold: those with a table in the format. */
const QList<Kind> &allKinds()
{
    static const QList<Kind> kinds = [] {
        QList<Kind> list;
        for (int k = 0; k < static_cast<int>(Kind::Unknown); ++k) {
            if (!Model::Format::stepFields(static_cast<Kind>(k)).empty())
                list.append(static_cast<Kind>(k));
        }
        return list;
    }();
    return kinds;
}

QString kindLabel(Kind kind)
{
    switch (kind) {
    case Kind::Cpu:
        return QObject::tr("CPU work (cpu_ms)");
    case Kind::Io:
        return QObject::tr("Wait without CPU (io_ms)");
    case Kind::Call:
        return QObject::tr("Call a component");
    case Kind::Parallel:
        return QObject::tr("Parallel branches");
    case Kind::Publish:
        return QObject::tr("Publish to a queue");
    case Kind::Cache:
        return QObject::tr("Cache lookup");
    case Kind::Probability:
        return QObject::tr("With probability");
    case Kind::Unknown:
        break;
    }
    return QObject::tr("Unknown step");
}

QString number(double v)
{
    return QString::number(v, 'g', 6);
}

QString distributionText(const Model::Distribution &d)
{
    auto n = [](const std::optional<double> &v) { return v ? number(*v) : QStringLiteral("?"); };
    switch (d.kind) {
    case Model::Distribution::Kind::Const:
        return n(d.value) + QStringLiteral(" ms");
    case Model::Distribution::Kind::Exp:
        return QStringLiteral("exp(%1 ms)").arg(n(d.mean));
    case Model::Distribution::Kind::Uniform:
        return QStringLiteral("uniform(%1–%2 ms)").arg(n(d.min), n(d.max));
    case Model::Distribution::Kind::Lognormal:
        return QStringLiteral("lognormal(%1 ms, sd %2)").arg(n(d.mean), n(d.stddev));
    case Model::Distribution::Kind::Erlang:
        return QStringLiteral("erlang(%1, %2 ms)")
            .arg(d.k ? QString::number(*d.k) : QStringLiteral("?"), n(d.mean));
    case Model::Distribution::Kind::Unknown:
        break;
    }
    return QStringLiteral("?");
}

/** The row of a kind's nested step list (a call's "fallback", the others' "steps"), or nullptr. */
const Model::Format::Field<Model::Step> *nestedRow(Kind kind)
{
    return rowOf(Model::Format::stepFields(kind), Model::Format::Part::Steps);
}

bool canNest(Kind kind)
{
    return nestedRow(kind) != nullptr;
}

/** The member holding a step's nested list (Step::steps when it has none, empty then). */
Model::Steps Model::Step::*nestedMember(Kind kind)
{
    const auto *row = nestedRow(kind);
    const auto *member = row ? std::get_if<Model::Steps Model::Step::*>(&row->member) : nullptr;
    return member ? *member : &Model::Step::steps;
}

Model::Steps &nestedSteps(Model::Step &s)
{
    return s.*nestedMember(s.kind);
}
const Model::Steps &nestedSteps(const Model::Step &s)
{
    return s.*nestedMember(s.kind);
}

/** ".parallel", ".on_miss", ".steps", ".fallback": the key of a step's nested list. */
QString childKey(Kind kind)
{
    const auto *row = nestedRow(kind);
    return row ? pathOf(QString(), *row) : QString();
}

/** The list that holds the step at `address` (the root for a one-element address). */
Model::Steps *listAt(Model::Steps &root, const StepAddress &address)
{
    Model::Steps *list = &root;
    for (int depth = 0; depth + 1 < address.size(); ++depth) {
        const int i = address.at(depth);
        if (i < 0 || i >= static_cast<int>(list->size()))
            return nullptr;
        list = &nestedSteps((*list)[static_cast<size_t>(i)]);
    }
    return list;
}

Model::Step *stepAt(Model::Steps &root, const StepAddress &address)
{
    if (address.isEmpty())
        return nullptr;
    Model::Steps *list = listAt(root, address);
    const int i = address.last();
    if (!list || i < 0 || i >= static_cast<int>(list->size()))
        return nullptr;
    return &(*list)[static_cast<size_t>(i)];
}

/** "[0].parallel[1]": the path of the step at `address` below the handler. */
QString relativePath(const Model::Steps &root, const StepAddress &address)
{
    QString path;
    const Model::Steps *list = &root;
    for (int depth = 0; depth < address.size(); ++depth) {
        const int i = address.at(depth);
        path = Model::JsonPath::index(path, i);
        if (depth + 1 < address.size()) {
            if (!list || i < 0 || i >= static_cast<int>(list->size()))
                return path;
            const Model::Step &s = (*list)[static_cast<size_t>(i)];
            path += childKey(s.kind);
            list = &nestedSteps(s);
        }
    }
    return path;
}

} // namespace

StepListEditor::StepListEditor(QWidget *parent)
    : QWidget(parent)
    , m_binder(std::make_unique<Binder<Model::Step>>(&m_registry))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(2);
    auto makeButton = [this, bar](const QString &icon, const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setIcon(QIcon::fromTheme(icon));
        b->setText(text);
        b->setToolTip(tip);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setAutoRaise(true);
        bar->addWidget(b);
        return b;
    };
    m_addButton = makeButton(QStringLiteral("list-add"),
                             tr("+ Step"),
                             tr("Add a step after the selected one"));
    m_addInsideButton
        = makeButton(QStringLiteral("format-indent-more"),
                     tr("+ Inside"),
                     tr("Add a step inside the selected parallel, probability or cache "
                        "step, or to a call's fallback"));
    m_removeButton = makeButton(QStringLiteral("list-remove"),
                                tr("Remove"),
                                tr("Remove the selected step"));
    m_upButton = makeButton(QStringLiteral("go-up"), tr("▲"), tr("Move the selected step up"));
    m_downButton = makeButton(QStringLiteral("go-down"),
                              tr("▼"),
                              tr("Move the selected step down"));
    bar->addStretch(1);
    layout->addLayout(bar);

    auto kindMenu = [this](bool inside) {
        auto *menu = new QMenu(this);
        for (Kind kind : allKinds()) {
            menu->addAction(kindLabel(kind), this, [this, kind, inside] {
                if (inside)
                    addInside(kind);
                else
                    addStep(kind);
            });
        }
        return menu;
    };
    m_addButton->setMenu(kindMenu(false));
    m_addButton->setPopupMode(QToolButton::InstantPopup);
    m_addInsideButton->setMenu(kindMenu(true));
    m_addInsideButton->setPopupMode(QToolButton::InstantPopup);
    connect(m_removeButton, &QToolButton::clicked, this, &StepListEditor::removeSelected);
    connect(m_upButton, &QToolButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_downButton, &QToolButton::clicked, this, [this] { moveSelected(1); });

    m_tree = new QTreeWidget(this);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setMinimumHeight(110);
    m_tree->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_tree->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    layout->addWidget(m_tree);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] { showSelected(); });

    m_details = new PageStack(this);
    layout->addWidget(m_details);
    buildDetails();
    m_binder->setCommit([this](const Model::Step &step, const QString &key) {
        Model::Step *target = stepAt(m_steps, m_shown);
        if (!target)
            return;
        *target = step;
        if (QTreeWidgetItem *item = m_tree->currentItem())
            item->setText(0, summary(step));
        commit(key);
    });
    rebuildTree();
}

StepListEditor::~StepListEditor() = default;

void StepListEditor::buildDetails()
{
    Binder<Model::Step> &b = *m_binder;
    auto page = [this](Kind kind) {
        auto *w = new QWidget;
        QFormLayout *form = inspectorForm(w);
        form->setContentsMargins(0, 4, 0, 0);
        m_details->addWidget(w);
        m_pages.insert(static_cast<int>(kind), w);
        return form;
    };
    // reference rows offer the ids of the context
    SchemaOptions options;
    options.ids = [this](Model::Format::Refers refers) {
        switch (refers) {
        case Model::Format::Refers::Requests:
            return m_context.callTargets;
        case Model::Format::Refers::Queue:
            return m_context.queues;
        case Model::Format::Refers::Cache:
            return m_context.caches;
        default:
            return QStringList();
        }
    };
    // a wrapped hint gives its page a height for width; the details (a PageStack) take the
    // height of the shown page only
    auto hint = [](QFormLayout *f, const QString &text) {
        auto *label = new QLabel(text);
        label->setWordWrap(true);
        label->setForegroundRole(QPalette::PlaceholderText);
        f->addRow(label);
    };

    m_details->addWidget(new QWidget); // nothing selected

    // one page per kind with the fields of its table; the nested step lists are in the tree
    for (Kind kind : allKinds()) {
        QFormLayout *f = page(kind);
        auto fields = schemaFields(b, Model::Format::stepFields(kind), QString(), itself, options);
        fields.addRest(f);
        switch (kind) {
        case Kind::Call: {
            // the circuit breaker: a checkable group with the fields of its table
            const auto &row = fields.row(&Model::Step::circuitBreaker);
            const QString path = fields.path(row);
            auto *breaker = new QGroupBox(labelOf(row));
            breaker->setCheckable(true);
            breaker->setToolTip(tipOf(row));
            QFormLayout *bf = inspectorForm(breaker);
            b.registerField(breaker, path);
            b.onLoad([breaker](const Model::Step &s) {
                const QSignalBlocker blocker(breaker);
                breaker->setChecked(s.circuitBreaker.has_value());
            });
            connect(breaker, &QGroupBox::toggled, this, [this, path](bool on) {
                m_binder->edit(m_binder->prefix() + path, [on](Model::Step &s) {
                    if (on && !s.circuitBreaker)
                        s.circuitBreaker.emplace();
                    else if (!on)
                        s.circuitBreaker.reset();
                });
            });
            schemaFields(
                b, Model::Format::circuitBreakerFields(), path, [](auto &s) -> auto & {
                    return ensure(s.circuitBreaker);
                })
                .addRest(bf);
            f->addRow(breaker);
            // its own network: a checkable group; unchecked, the scenario's network applies
            const auto &netRow = fields.row(&Model::Step::network);
            const QString netPath = fields.path(netRow);
            auto *network = new QGroupBox(labelOf(netRow));
            network->setCheckable(true);
            network->setToolTip(tipOf(netRow));
            QFormLayout *nf = inspectorForm(network);
            b.registerField(network, netPath);
            b.onLoad([network](const Model::Step &s) {
                const QSignalBlocker blocker(network);
                network->setChecked(s.network.has_value());
            });
            connect(network, &QGroupBox::toggled, this, [this, netPath](bool on) {
                m_binder->edit(m_binder->prefix() + netPath, [on](Model::Step &s) {
                    if (on && !s.network)
                        s.network.emplace();
                    else if (!on)
                        s.network.reset();
                });
            });
            schemaFields(
                b, Model::Format::networkFields(), netPath, [](auto &s) -> auto & {
                    return ensure(s.network);
                })
                .addRest(nf);
            f->addRow(network);
            hint(f, tr("Fallback steps: select the call and use “+ Inside”."));
            break;
        }
        case Kind::Parallel:
            hint(f,
                 tr("Runs its branches at once and continues when all have ended. "
                    "Add branches with “+ Inside”."));
            break;
        case Kind::Cache:
            hint(f, tr("Steps run on a miss: use “+ Inside”."));
            break;
        case Kind::Probability:
            hint(f, tr("Steps run with this probability: use “+ Inside”."));
            break;
        default:
            break;
        }
    }
    // unknown
    {
        QFormLayout *f = page(Kind::Unknown);
        // the first row of a kind's table is the key that names it
        QStringList keys;
        for (Kind kind : allKinds())
            keys.append(QString::fromLatin1(Model::Format::stepFields(kind).front().key));
        const QString last = keys.takeLast();
        auto *hint = new QLabel(
            tr("This step names none of %1 or %2. Remove it, or fix it in the scenario file.")
                .arg(keys.join(QStringLiteral(", ")), last));
        hint->setWordWrap(true);
        f->addRow(hint);
    }
}

void StepListEditor::setContext(const Context &context)
{
    m_context = context;
    showSelected();
}

void StepListEditor::setSteps(const Model::Steps &steps)
{
    m_steps = steps;
    rebuildTree();
}

void StepListEditor::setBasePath(const QString &path)
{
    m_basePath = path;
    m_registry.setBasePath(path);
}

QString StepListEditor::summary(const Model::Step &s)
{
    QStringList parts;
    switch (s.kind) {
    case Kind::Cpu:
        parts << QStringLiteral("cpu ") + distributionText(s.duration);
        if (s.offload.value_or(false))
            parts << tr("offload");
        break;
    case Kind::Io:
        parts << QStringLiteral("io ") + distributionText(s.duration);
        break;
    case Kind::Call:
        parts << (QStringLiteral("call ") + (s.target.isEmpty() ? QStringLiteral("?") : s.target)
                  + (s.request.isEmpty() ? QString() : QLatin1Char(' ') + s.request));
        if (s.timeoutMs)
            parts << tr("timeout %1 ms").arg(number(*s.timeoutMs));
        if (s.retries && *s.retries > 0)
            parts << (*s.retries == 1 ? tr("1 retry") : tr("%1 retries").arg(*s.retries));
        if (s.circuitBreaker)
            parts << tr("breaker");
        if (s.bulkhead)
            parts << tr("bulkhead %1").arg(*s.bulkhead);
        if (!s.fallback.empty())
            parts << tr("fallback");
        break;
    case Kind::Parallel:
        parts << QStringLiteral("parallel");
        break;
    case Kind::Publish:
        parts << (QStringLiteral("publish ") + (s.target.isEmpty() ? QStringLiteral("?") : s.target)
                  + (s.message.isEmpty() ? QString() : QLatin1Char(' ') + s.message));
        break;
    case Kind::Cache: {
        QString text = QStringLiteral("cache ")
                       + (s.target.isEmpty() ? QStringLiteral("?") : s.target);
        if (s.keys)
            text += tr(" %1 keys").arg(*s.keys);
        if (s.zipf)
            text += QStringLiteral(" zipf ") + number(*s.zipf);
        parts << text;
        break;
    }
    case Kind::Probability:
        parts << QStringLiteral("probability ")
                     + (s.probability ? number(*s.probability) : QStringLiteral("?"));
        break;
    case Kind::Unknown:
        parts << tr("unknown step");
        break;
    }
    return parts.join(QStringLiteral(" · "));
}

Model::Step StepListEditor::newStep(Kind kind)
{
    Model::Step s;
    s.kind = kind;
    switch (kind) {
    case Kind::Cpu:
    case Kind::Io:
        s.duration = Model::Distribution::constant(1);
        break;
    case Kind::Cache:
        s.keys = 1000;
        break;
    case Kind::Probability:
        s.probability = 0.5;
        break;
    default:
        break;
    }
    return s;
}

void StepListEditor::rebuildTree()
{
    const StepAddress keep = m_shown;
    {
        const QSignalBlocker blocker(m_tree);
        m_tree->clear();
        std::function<void(const Model::Steps &, QTreeWidgetItem *, StepAddress)> add;
        add = [&](const Model::Steps &list, QTreeWidgetItem *parent, StepAddress prefix) {
            for (int i = 0; i < static_cast<int>(list.size()); ++i) {
                const Model::Step &s = list[static_cast<size_t>(i)];
                StepAddress address = prefix;
                address.append(i);
                auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
                item->setText(0, summary(s));
                item->setData(0, AddressRole, QVariant::fromValue(address));
                add(nestedSteps(s), item, address);
            }
        };
        add(m_steps, nullptr, {});
        m_tree->expandAll();
    }
    showProblems(m_problems);
    selectStep(stepAt(m_steps, keep) ? keep : StepAddress{});
}

void StepListEditor::selectStep(const StepAddress &address)
{
    QTreeWidgetItem *found = nullptr;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(0, AddressRole).value<StepAddress>() == address) {
            found = *it;
            break;
        }
    }
    {
        const QSignalBlocker blocker(m_tree);
        m_tree->setCurrentItem(found);
        if (!found)
            m_tree->clearSelection();
    }
    showSelected();
}

StepAddress StepListEditor::selectedAddress() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(0, AddressRole).value<StepAddress>() : StepAddress{};
}

void StepListEditor::showSelected()
{
    m_shown = selectedAddress();
    const Model::Step *step = stepAt(m_steps, m_shown);
    QWidget *page = m_details->widget(0);
    if (!step) {
        m_shown.clear();
    } else {
        m_binder->setPrefix(relativePath(m_steps, m_shown));
        m_binder->load(*step);
        page = m_pages.value(static_cast<int>(step->kind));
        m_registry.showProblems(m_problems);
    }
    // the details take the height of the shown page, not of the tallest one (PageStack)
    m_details->setCurrentWidget(page);
    updateButtons();
}

void StepListEditor::updateButtons()
{
    const Model::Step *step = stepAt(m_steps, m_shown);
    m_addInsideButton->setEnabled(step && canNest(step->kind));
    m_removeButton->setEnabled(step != nullptr);
    const Model::Steps *list = m_shown.isEmpty() ? nullptr : listAt(m_steps, m_shown);
    m_upButton->setEnabled(step && m_shown.last() > 0);
    m_downButton->setEnabled(step && list && m_shown.last() + 1 < static_cast<int>(list->size()));
}

void StepListEditor::commit(const QString &mergeKey)
{
    emit stepsChanged(m_steps, mergeKey);
}

void StepListEditor::addStep(Kind kind)
{
    Model::Step step = newStep(kind);
    if (kind == Kind::Call)
        step.target = m_context.defaultCallTarget;
    if (kind == Kind::Publish && !m_context.queues.isEmpty())
        step.target = m_context.queues.first();
    if (kind == Kind::Cache && !m_context.caches.isEmpty())
        step.target = m_context.caches.first();
    StepAddress address = m_shown;
    Model::Steps *list = address.isEmpty() ? &m_steps : listAt(m_steps, address);
    if (!list) {
        list = &m_steps;
        address.clear();
    }
    const int at = address.isEmpty() ? static_cast<int>(list->size()) : address.last() + 1;
    list->insert(list->begin() + at, step);
    if (address.isEmpty())
        address.append(at);
    else
        address.last() = at;
    m_shown = address;
    rebuildTree();
    commit({});
}

void StepListEditor::addInside(Kind kind)
{
    Model::Step *parent = stepAt(m_steps, m_shown);
    if (!parent || !canNest(parent->kind))
        return;
    Model::Step step = newStep(kind);
    if (kind == Kind::Call)
        step.target = m_context.defaultCallTarget;
    if (kind == Kind::Publish && !m_context.queues.isEmpty())
        step.target = m_context.queues.first();
    if (kind == Kind::Cache && !m_context.caches.isEmpty())
        step.target = m_context.caches.first();
    Model::Steps &list = nestedSteps(*parent);
    list.push_back(step);
    m_shown.append(static_cast<int>(list.size()) - 1);
    rebuildTree();
    commit({});
}

void StepListEditor::removeSelected()
{
    Model::Steps *list = m_shown.isEmpty() ? nullptr : listAt(m_steps, m_shown);
    if (!list || m_shown.last() >= static_cast<int>(list->size()))
        return;
    list->erase(list->begin() + m_shown.last());
    // select the neighbour, or the parent when the list is now empty
    if (m_shown.last() >= static_cast<int>(list->size()))
        --m_shown.last();
    if (m_shown.last() < 0)
        m_shown.removeLast();
    rebuildTree();
    commit({});
}

void StepListEditor::moveSelected(int delta)
{
    Model::Steps *list = m_shown.isEmpty() ? nullptr : listAt(m_steps, m_shown);
    if (!list)
        return;
    const int from = m_shown.last(), to = from + delta;
    if (to < 0 || to >= static_cast<int>(list->size()))
        return;
    std::swap((*list)[static_cast<size_t>(from)], (*list)[static_cast<size_t>(to)]);
    m_shown.last() = to;
    rebuildTree();
    commit({});
}

void StepListEditor::showProblems(const Model::Problems &problems)
{
    m_problems = problems;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const StepAddress address = (*it)->data(0, AddressRole).value<StepAddress>();
        const QString path = m_basePath + relativePath(m_steps, address);
        QStringList messages;
        bool error = false;
        for (const Model::Problem &p : problems) {
            if (!Model::JsonPath::isWithin(p.path, path))
                continue;
            // problems of nested steps belong to their own rows
            const Model::Step *s = stepAt(m_steps, address);
            const QString nested = path + (s ? childKey(s->kind) : QString());
            if (s && canNest(s->kind) && p.path.startsWith(nested + QLatin1Char('['))
                && Model::JsonPath::isWithin(p.path, nested))
                continue;
            messages.append(p.message);
            error = error || p.isError();
        }
        (*it)->setToolTip(0, messages.join(QLatin1Char('\n')));
        (*it)->setForeground(0,
                             messages.isEmpty() ? palette().brush(QPalette::Text)
                                                : QBrush(error ? QColor(0xc6, 0x28, 0x28)
                                                               : QColor(0xb2, 0x6a, 0x00)));
        (*it)->setIcon(0,
                       messages.isEmpty()
                           ? QIcon()
                           : QIcon::fromTheme(error ? QStringLiteral("dialog-error")
                                                    : QStringLiteral("dialog-warning")));
    }
    if (!m_shown.isEmpty())
        m_registry.showProblems(problems);
}

bool StepListEditor::focusPath(const QString &path)
{
    return selectPath(path, true);
}

bool StepListEditor::revealPath(const QString &path)
{
    return selectPath(path, false);
}

bool StepListEditor::selectPath(const QString &path, bool focus)
{
    if (!Model::JsonPath::isWithin(path, m_basePath))
        return false;
    // the deepest step whose path contains `path`
    StepAddress best;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const StepAddress address = (*it)->data(0, AddressRole).value<StepAddress>();
        if (Model::JsonPath::isWithin(path, m_basePath + relativePath(m_steps, address))
            && address.size() > best.size())
            best = address;
    }
    if (!best.isEmpty())
        selectStep(best);
    QWidget *field = best.isEmpty() ? nullptr : m_registry.fieldFor(path);
    if (focus) {
        focusField(field ? field : m_tree);
    } else {
        if (QTreeWidgetItem *item = m_tree->currentItem())
            m_tree->scrollToItem(item);
        revealField(m_tree);
    }
    return true;
}

QString StepListEditor::pathOfStep(const Model::Steps &steps,
                                   const std::function<bool(const Model::Step &)> &match)
{
    std::function<QString(const Model::Steps &, const QString &)> find;
    find = [&](const Model::Steps &list, const QString &prefix) -> QString {
        for (int i = 0; i < static_cast<int>(list.size()); ++i) {
            const Model::Step &s = list[static_cast<size_t>(i)];
            const QString path = Model::JsonPath::index(prefix, i);
            if (match(s))
                return path;
            if (canNest(s.kind)) {
                const QString nested = find(nestedSteps(s), path + childKey(s.kind));
                if (!nested.isEmpty())
                    return nested;
            }
        }
        return {};
    };
    return find(steps, QString());
}

QWidget *StepListEditor::detailField(const QString &relativePath) const
{
    return m_registry.fieldFor(m_basePath + relativePath);
}

} // namespace Ui
