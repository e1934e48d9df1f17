// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DistributionEditor.h"
#include "FieldRegistry.h"
#include "NumberField.h"
#include "RowList.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalBlocker>

#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Ui {

namespace BinderDetail {

inline std::optional<double> toNumber(const std::optional<double> &v)
{
    return v;
}
inline std::optional<double> toNumber(const std::optional<int> &v)
{
    return v ? std::optional<double>(*v) : std::nullopt;
}
inline std::optional<double> toNumber(const std::optional<qint64> &v)
{
    return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
}
inline std::optional<double> toNumber(double v)
{
    return v;
}
inline std::optional<double> toNumber(int v)
{
    return v;
}
inline std::optional<double> toNumber(quint64 v)
{
    return static_cast<double>(v);
}

inline void assignNumber(std::optional<double> &dst, std::optional<double> v)
{
    dst = v;
}
inline void assignNumber(std::optional<int> &dst, std::optional<double> v)
{
    dst = v ? std::optional<int>(static_cast<int>(std::llround(*v))) : std::nullopt;
}
inline void assignNumber(std::optional<qint64> &dst, std::optional<double> v)
{
    dst = v ? std::optional<qint64>(std::llround(*v)) : std::nullopt;
}
inline void assignNumber(double &dst, std::optional<double> v)
{
    if (v)
        dst = *v;
}
inline void assignNumber(int &dst, std::optional<double> v)
{
    if (v)
        dst = static_cast<int>(std::llround(*v));
}
inline void assignNumber(quint64 &dst, std::optional<double> v)
{
    if (v)
        dst = static_cast<quint64>(std::llround(std::max(0.0, *v)));
}

inline std::optional<Model::Distribution> toDistribution(
    const std::optional<Model::Distribution> &d)
{
    return d;
}
inline std::optional<Model::Distribution> toDistribution(const Model::Distribution &d)
{
    return d;
}
inline void assignDistribution(std::optional<Model::Distribution> &dst,
                               const std::optional<Model::Distribution> &d)
{
    dst = d;
}
inline void assignDistribution(Model::Distribution &dst,
                               const std::optional<Model::Distribution> &d)
{
    if (d)
        dst = *d;
}

/** Fills a combo with (text, word) entries when they differ from what it holds. */
void setComboEntries(QComboBox *combo, const QList<QPair<QString, QString>> &entries);
/** The entries for a word field: an optional default entry, the words, and `current` when
 *  it is none of them (so a wrong word stays visible, and red). */
QList<QPair<QString, QString>> wordEntries(const QString &defaultText,
                                           const QStringList &words,
                                           const QString &current);

} // namespace BinderDetail

/** Access to an optional sub-struct that creates it on write ("concurrency": {...}). */
template<typename X>
X &ensure(std::optional<X> &o)
{
    if (!o)
        o.emplace();
    return *o;
}
template<typename X>
const X &ensure(const std::optional<X> &o)
{
    static const X empty{};
    return o ? *o : empty;
}

/**
 * Connects field widgets to one value of type T (a component, the workload, a step...):
 * load() shows a value in every bound widget without emitting (STYLE.md #8: feedback is
 * blocked while the document's value is applied), and each user edit makes a changed copy
 * of the value and hands it to the commit function with a merge key naming the field, so
 * typing in one field is one undo step. Each binding also registers its widget's JSON path
 * (the binder's prefix + the field's path) so problems mark it.
 *
 * An `access` function is a generic lambda returning a reference to the field in a T, used
 * both to read (const T) and to write (T): [](auto &c) -> auto & { return c.service.replicas; }.
 */
template<typename T>
class Binder
{
public:
    using Commit = std::function<void(const T &value, const QString &mergeKey)>;

    explicit Binder(FieldRegistry *registry)
        : m_registry(registry)
    {}
    Binder(const Binder &) = delete;
    Binder &operator=(const Binder &) = delete;

    void setCommit(Commit commit) { m_commit = std::move(commit); }
    /** Path of the value relative to the registry's base path (a row's "[2]"). */
    void setPrefix(const QString &prefix) { m_prefix = prefix; }
    const QString &prefix() const { return m_prefix; }
    const T &value() const { return m_value; }

    void load(const T &value)
    {
        m_value = value;
        for (const auto &loader : m_loaders)
            loader(m_value);
    }

    /** Applies `change` to a copy of the value and commits it, unless nothing changed. */
    void edit(const QString &mergeKey, const std::function<void(T &)> &change)
    {
        T after = m_value;
        change(after);
        if (after == m_value)
            return;
        m_value = after;
        if (m_commit)
            m_commit(after, mergeKey);
    }

    /** Runs on every load() after the fields bound before it. */
    void onLoad(std::function<void(const T &)> loader) { m_loaders.push_back(std::move(loader)); }

    /** Registers a widget that has no binding of its own (a table, a group) at `path`. */
    void registerField(QWidget *widget, const QString &path)
    {
        onLoad([this, widget, path](const T &) { m_registry->setPath(widget, m_prefix + path); });
    }

    template<typename F>
    void number(NumberField *w, const QString &path, F access)
    {
        registerField(w, path);
        onLoad([w, access](const T &v) { w->setOptionalValue(BinderDetail::toNumber(access(v))); });
        QObject::connect(w, &NumberField::optionalValueChanged, w, [this, w, path, access] {
            edit(m_prefix + path,
                 [&](T &v) { BinderDetail::assignNumber(access(v), w->optionalValue()); });
        });
    }

    /** A text field; an empty text is an empty QString ("not given" for names). */
    template<typename F>
    void text(QLineEdit *w, const QString &path, F access)
    {
        registerField(w, path);
        onLoad([w, access](const T &v) {
            if (w->text() != access(v)) {
                const QSignalBlocker blocker(w);
                w->setText(access(v));
            }
        });
        QObject::connect(w, &QLineEdit::textEdited, w, [this, w, path, access] {
            edit(m_prefix + path, [&](T &v) { access(v) = w->text(); });
        });
    }

    /**
     * A word from a fixed list (policy, eviction...). With a `defaultText` the first entry
     * means "left out" (an empty word). The list comes from `words` each load, so it may
     * depend on the rest of the document (component ids).
     */
    template<typename F>
    void word(QComboBox *w,
              const QString &path,
              const QString &defaultText,
              std::function<QStringList()> words,
              F access)
    {
        registerField(w, path);
        onLoad([w, defaultText, words, access](const T &v) {
            const QString current = access(v);
            const QSignalBlocker blocker(w);
            BinderDetail::setComboEntries(w,
                                          BinderDetail::wordEntries(defaultText, words(), current));
            w->setCurrentIndex(w->findData(current));
        });
        QObject::connect(w, &QComboBox::currentIndexChanged, w, [this, w, path, access] {
            edit(m_prefix + path, [&](T &v) { access(v) = w->currentData().toString(); });
        });
    }

    template<typename F>
    void word(QComboBox *w,
              const QString &path,
              const QString &defaultText,
              const QStringList &words,
              F access)
    {
        word(w, path, defaultText, std::function<QStringList()>([words] { return words; }), access);
    }

    /** An optional bool with a default: "default (yes)", "yes", "no". */
    template<typename F>
    void yesNo(QComboBox *w, const QString &path, const QString &defaultText, F access)
    {
        registerField(w, path);
        if (w->count() == 0) {
            w->addItem(defaultText, 0);
            w->addItem(QObject::tr("yes"), 1);
            w->addItem(QObject::tr("no"), 2);
        }
        onLoad([w, access](const T &v) {
            const std::optional<bool> b = access(v);
            const QSignalBlocker blocker(w);
            w->setCurrentIndex(!b ? 0 : (*b ? 1 : 2));
        });
        QObject::connect(w, &QComboBox::currentIndexChanged, w, [this, path, access](int index) {
            edit(m_prefix + path, [&](T &v) {
                access(v) = index == 0 ? std::optional<bool>() : std::optional<bool>(index == 1);
            });
        });
    }

    template<typename F>
    void distribution(DistributionEditor *w, const QString &path, F access)
    {
        registerField(w, path);
        onLoad([this, w, path, access](const T &v) {
            w->setOptionalDistribution(BinderDetail::toDistribution(access(v)));
            for (const QString &param : DistributionEditor::parameterNames())
                m_registry->setPath(w->parameterField(param),
                                    m_prefix + path + QLatin1Char('.') + param);
        });
        QObject::connect(w, &DistributionEditor::edited, w, [this, w, path, access] {
            edit(m_prefix + path, [&](T &v) {
                BinderDetail::assignDistribution(access(v), w->optionalDistribution());
            });
        });
    }

    /**
     * A list of entries shown as rows of a RowList. `build` creates the widgets of one row
     * and binds them to the row's own Binder<Item>; `rowPath` gives a row's path below
     * `path` ("[2]" for an array, ".catalog_db" for a map keyed by name); `make` creates
     * the entry the add button appends.
     */
    template<typename Item, typename F>
    void rows(RowList *list,
              const QString &path,
              F access,
              std::function<QString(int, const Item &)> rowPath,
              std::function<Item(const T &)> make,
              std::function<QList<QWidget *>(Binder<Item> &)> build)
    {
        auto binders = std::make_shared<std::vector<std::unique_ptr<Binder<Item>>>>();
        registerField(list, path);
        onLoad([this, list, path, access, rowPath, build, binders](const T &v) {
            const auto &items = access(v);
            const int n = static_cast<int>(items.size());
            while (list->rowCount() > n) {
                list->removeLastRow();
                binders->pop_back();
            }
            while (list->rowCount() < n) {
                const int i = list->rowCount();
                auto row = std::make_unique<Binder<Item>>(m_registry);
                row->setCommit([this, access, i](const Item &item, const QString &key) {
                    edit(key, [&](T &value) {
                        auto &l = access(value);
                        if (i < static_cast<int>(l.size()))
                            l[i] = item;
                    });
                });
                list->appendRow(build(*row));
                binders->push_back(std::move(row));
            }
            int i = 0;
            for (const auto &item : items) {
                Binder<Item> &row = *(*binders)[static_cast<size_t>(i)];
                row.setPrefix(m_prefix + path + rowPath(i, item));
                row.load(item);
                ++i;
            }
        });
        // adding and removing are structural: an empty merge key, so each is its own step
        QObject::connect(list, &RowList::addClicked, list, [this, access, make] {
            edit(QString(), [&](T &v) {
                auto &l = access(v);
                l.insert(l.end(), make(v));
            });
            load(m_value);
        });
        QObject::connect(list, &RowList::removeClicked, list, [this, access](int row) {
            edit(QString(), [&](T &v) {
                auto &l = access(v);
                if (row < static_cast<int>(l.size()))
                    l.erase(l.begin() + row);
            });
            load(m_value);
        });
    }

private:
    FieldRegistry *m_registry;
    Commit m_commit;
    QString m_prefix;
    T m_value{};
    std::vector<std::function<void(const T &)>> m_loaders;
};

} // namespace Ui
