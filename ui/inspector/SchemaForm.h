// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Binder.h"
#include "format/Schema.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

#include <functional>
#include <initializer_list>
#include <type_traits>
#include <utility>
#include <vector>

namespace Ui {

/**
 * A form layout of the inspector on `parent`: labels right-aligned, fields taking the rest of
 * the row, and a field that does not fit beside its label goes under it (WrapLongRows), so a
 * form is never wider than its widest label or field.
 */
QFormLayout *inspectorForm(QWidget *parent);

namespace SchemaDetail {

/** The parts of a row the inspector shows (a row without its typed member). */
struct RowInfo
{
    const char *key = nullptr;
    std::optional<double> deflt;
    const char *defaultWord = nullptr;
    const char *defaultNote = nullptr;
    Model::Format::Range range;
    Model::Format::Words words;
    Model::Format::Refers refers = Model::Format::Refers::None;
    const char *required = nullptr;
    const char *label = nullptr;
    const char *tip = nullptr;
    const char *unit = nullptr;
    int decimals = -1;
    const char *appliesTo = nullptr;
};

template<typename Owner>
RowInfo infoOf(const Model::Format::Field<Owner> &row)
{
    return {row.key,
            row.deflt,
            row.defaultWord,
            row.defaultNote,
            row.range,
            row.words,
            row.refers,
            row.required,
            row.label,
            row.tip,
            row.unit,
            row.decimals,
            row.appliesTo};
}

/** "<prefix>.<key>": the path of a row below its owner's path. */
QString pathOf(const QString &prefix, const RowInfo &row);
QString labelOf(const RowInfo &row);
QString tipOf(const RowInfo &row);
/**
 * The default of a left-out field: "8 (default)", "10 s (default)", "round_robin (default)",
 * "no (default)" for a bool, or the note of a default that depends on other fields
 * ("unlimited (default)"); empty when the row has none.
 */
QString defaultTextOf(const RowInfo &row, bool isBool = false);
/** What a left-out number, bool or duration shows: its default, else "missing" or "not set". */
QString leftOutTextOf(const RowInfo &row, bool isBool = false);
QStringList wordsOf(Model::Format::Words words);
/** Whether the row applies to the owner's kind `kind` (rows without appliesTo: always). */
bool appliesTo(const RowInfo &row, const QString &kind);

/** A number field with the row's range, decimals, unit and default text. */
NumberField *numberField(const RowInfo &row, bool integer, bool optional);
/** A combo whose longest entry (a default's note) does not widen the form. */
QComboBox *comboBox();
/** A duration editor whose default entry does not widen the form. */
DistributionEditor *distributionEditor(const RowInfo &row, bool optional);

template<typename V>
constexpr bool isNumber
    = std::is_same_v<
          V,
          std::optional<
              double>> || std::is_same_v<V, std::optional<int>> || std::is_same_v<V, std::optional<qint64>> || std::is_same_v<V, double> || std::is_same_v<V, int> || std::is_same_v<V, quint64>;
template<typename V>
constexpr bool isInteger = !std::is_same_v<V, std::optional<double>> && !std::is_same_v<V, double>;
template<typename V>
constexpr bool isOptional
    = !std::is_same_v<V, double> && !std::is_same_v<V, int> && !std::is_same_v<V, quint64>;
template<typename V>
constexpr bool isDistribution
    = std::is_same_v<V,
                     std::optional<Model::Distribution>> || std::is_same_v<V, Model::Distribution>;

/** Whether `owner` gives the row's field (an optional that is set, a non-empty word). */
template<typename Owner>
bool isGiven(const Model::Format::Field<Owner> &row, const Owner &owner)
{
    return std::visit(
        [&](auto member) {
            using M = decltype(member);
            if constexpr (std::is_same_v<M, std::monostate>) {
                return false;
            } else {
                using V = std::remove_cvref_t<decltype(owner.*member)>;
                if constexpr (std::is_same_v<V, QString>)
                    return !(owner.*member).isEmpty();
                else if constexpr (requires(const V &v) { v.has_value(); })
                    return (owner.*member).has_value();
                else
                    return true;
            }
        },
        row.member);
}

} // namespace SchemaDetail

/** The row of `table` whose typed member is `member`, or nullptr. */
template<typename Owner>
const Model::Format::Field<Owner> *rowOf(
    Model::Format::Table<Owner> table,
    const std::type_identity_t<Model::Format::Member<Owner>> &member)
{
    for (const Model::Format::Field<Owner> &row : table) {
        if (row.member == member)
            return &row;
    }
    return nullptr;
}

/** The row of `table` that is the list or map `part` (handlers, pools, consumers...), or nullptr. */
template<typename Owner>
const Model::Format::Field<Owner> *rowOf(Model::Format::Table<Owner> table,
                                         Model::Format::Part part)
{
    for (const Model::Format::Field<Owner> &row : table) {
        if (row.part == part)
            return &row;
    }
    return nullptr;
}

template<typename Owner>
QString labelOf(const Model::Format::Field<Owner> &row)
{
    return SchemaDetail::labelOf(SchemaDetail::infoOf(row));
}
template<typename Owner>
QString tipOf(const Model::Format::Field<Owner> &row)
{
    return SchemaDetail::tipOf(SchemaDetail::infoOf(row));
}
/** "<prefix>.<key>" */
template<typename Owner>
QString pathOf(const QString &prefix, const Model::Format::Field<Owner> &row)
{
    return SchemaDetail::pathOf(prefix, SchemaDetail::infoOf(row));
}

/** What a schema form needs to know besides the rows. */
struct SchemaOptions
{
    /// the component ids a reference row offers, for the kinds it may name
    std::function<QStringList(Model::Format::Refers)> ids;
    /// numbers commit when the field is left (or on Enter), not on every keystroke
    bool commitOnFinish = false;
};

/** How rows that do not apply to the owner's kind (Field::appliesTo) are shown. */
enum class OtherKinds {
    Hide,    ///< the row is hidden, unless it holds a value (whose warning says so)
    Disable, ///< the row is disabled, unless it holds a value (so its warning can be fixed)
};

/**
 * Builds the field widgets of a form from a table of the format (Model::Format): one widget
 * per row, bound to the form's Binder<T> at "<prefix>.<key>" (the merge key of its edits and
 * the path its problems are shown at), with the row's label, tooltip, unit, range, decimals,
 * words and default:
 * - numbers: a NumberField (0 decimals for integers); an optional one shows the default,
 * - words: a combo of the row's words, with the default as the first entry,
 * - references: a combo of the component ids SchemaOptions::ids gives for the row's kinds,
 * - other text: a line edit with the default as placeholder,
 * - optional bools: a combo "no (default)", "yes", "no",
 * - durations: a DistributionEditor.
 * Rows that are sub-objects or lists (concurrency, handlers, a step's nested steps) get no
 * widget here: their forms build them by hand, with SchemaFields for the sub-object's table.
 *
 * `access` is a generic lambda from T to the Owner of the table's fields, for both const T
 * (reading) and T (writing): [](auto &c) -> auto & { return c.service; }; for an optional
 * sub-object use ensure(). A SchemaFields may be a temporary: the bindings live in the Binder.
 */
template<typename T, typename Owner, typename Access>
class SchemaFields
{
public:
    using Field = Model::Format::Field<Owner>;
    using Member = Model::Format::Member<Owner>;

    SchemaFields(Binder<T> &binder,
                 Model::Format::Table<Owner> table,
                 const QString &prefix,
                 Access access,
                 SchemaOptions options = {})
        : m_binder(binder)
        , m_table(table)
        , m_prefix(prefix)
        , m_access(std::move(access))
        , m_options(std::move(options))
        , m_placed(table.size())
    {}

    /** Adds the rows of `members` to `form`, in this order. */
    void add(QFormLayout *form, std::initializer_list<Member> members)
    {
        for (const Member &member : members)
            addRow(form, index(member));
    }

    /** Adds every row that has a widget and was not added (or skipped) yet, in table order. */
    void addRest(QFormLayout *form)
    {
        for (size_t i = 0; i < m_table.size(); ++i) {
            if (!m_placed[i].done)
                addRow(form, i);
        }
    }

    /** Creates and binds the widget of one row without a layout (a cell of a RowList). */
    QWidget *widget(const Member &member)
    {
        const size_t i = index(member);
        if (i >= m_table.size())
            return nullptr;
        m_placed[i] = {create(m_table[i]), nullptr, true};
        return m_placed[i].widget;
    }

    /** Leaves the row of `member` to the form (addRest() passes over it). */
    void skip(const Member &member)
    {
        const size_t i = index(member);
        if (i < m_table.size())
            m_placed[i].done = true;
    }

    /** The widget made for the row of `member`, or nullptr. */
    QWidget *widgetOf(const Member &member) const
    {
        const size_t i = index(member);
        return i < m_table.size() ? m_placed[i].widget : nullptr;
    }

    const Field &row(const Member &member) const { return m_table[index(member)]; }
    /** The row of the list or map `part` (pools, handlers, consumers...). */
    const Field &row(Model::Format::Part part) const { return *rowOf(m_table, part); }
    /** "<prefix>.<key>" of a row. */
    QString path(const Field &row) const { return pathOf(m_prefix, row); }

    /**
     * Shows the rows added so far by whether they apply (Field::appliesTo) to the owner's
     * kind, the word in `kind` (or that row's default word when it is left out).
     */
    void followKind(QString Owner::*kind, OtherKinds mode)
    {
        const Field *kindRow = rowOf(m_table, Member(kind));
        const QString fallback = kindRow && kindRow->defaultWord
                                     ? QString::fromLatin1(kindRow->defaultWord)
                                     : QString();
        struct Shown
        {
            const Field *row;
            QWidget *widget;
            QFormLayout *form;
        };
        std::vector<Shown> shown;
        for (size_t i = 0; i < m_table.size(); ++i) {
            if (m_placed[i].widget && m_table[i].appliesTo)
                shown.push_back({&m_table[i], m_placed[i].widget, m_placed[i].form});
        }
        m_binder.onLoad([access = m_access, kind, fallback, shown, mode](const T &value) {
            const Owner &owner = access(value);
            const QString word = (owner.*kind).isEmpty() ? fallback : owner.*kind;
            for (const Shown &s : shown) {
                const bool on = SchemaDetail::appliesTo(SchemaDetail::infoOf(*s.row), word)
                                || SchemaDetail::isGiven(*s.row, owner);
                if (mode == OtherKinds::Disable)
                    s.widget->setEnabled(on);
                else if (s.form)
                    s.form->setRowVisible(s.widget, on);
                else
                    s.widget->setVisible(on);
            }
        });
    }

private:
    struct Placed
    {
        QWidget *widget = nullptr;
        QFormLayout *form = nullptr;
        bool done = false;
    };

    size_t index(const Member &member) const
    {
        for (size_t i = 0; i < m_table.size(); ++i) {
            if (m_table[i].member == member)
                return i;
        }
        Q_ASSERT_X(false, "SchemaFields", "no row of the table has this member");
        return m_table.size();
    }

    void addRow(QFormLayout *form, size_t i)
    {
        if (i >= m_table.size())
            return;
        m_placed[i].done = true;
        QWidget *w = create(m_table[i]);
        if (!w)
            return;
        m_placed[i].widget = w;
        m_placed[i].form = form;
        form->addRow(SchemaDetail::labelOf(SchemaDetail::infoOf(m_table[i])), w);
    }

    QWidget *create(const Field &row)
    {
        const SchemaDetail::RowInfo info = SchemaDetail::infoOf(row);
        const QString path = SchemaDetail::pathOf(m_prefix, info);
        QWidget *w = std::visit(
            [&](auto member) -> QWidget * {
                using M = decltype(member);
                if constexpr (std::is_same_v<M, std::monostate>) {
                    return nullptr;
                } else {
                    using V = std::remove_cvref_t<decltype(std::declval<Owner &>().*member)>;
                    // [=], not a capture list: clang-format 14 takes "[owner, member]" for
                    // an Objective-C message and refuses the header.
                    const auto owner = m_access;
                    auto field = [=](auto &value) -> auto &
                    {
                        return owner(value).*member;
                    };
                    return bind<V>(info, path, field);
                }
            },
            row.member);
        if (w)
            w->setToolTip(SchemaDetail::tipOf(info));
        return w;
    }

    template<typename V, typename F>
    QWidget *bind(const SchemaDetail::RowInfo &info, const QString &path, F field)
    {
        using namespace SchemaDetail;
        if constexpr (isNumber<V>) {
            NumberField *w = numberField(info, isInteger<V>, isOptional<V>);
            if (m_options.commitOnFinish)
                w->setKeyboardTracking(false);
            m_binder.number(w, path, field);
            return w;
        } else if constexpr (std::is_same_v<V, std::optional<bool>>) {
            QComboBox *w = comboBox();
            m_binder.yesNo(w, path, leftOutTextOf(info, true), field);
            return w;
        } else if constexpr (std::is_same_v<V, QString>) {
            if (!info.words.empty()) {
                QComboBox *w = comboBox();
                m_binder.word(w, path, defaultTextOf(info), wordsOf(info.words), field);
                return w;
            }
            if (info.refers != Model::Format::Refers::None) {
                QComboBox *w = comboBox();
                auto ids = [ids = m_options.ids, refers = info.refers] {
                    return ids ? ids(refers) : QStringList();
                };
                m_binder.word(w,
                              path,
                              defaultTextOf(info),
                              std::function<QStringList()>(ids),
                              field);
                return w;
            }
            auto *w = new QLineEdit;
            w->setPlaceholderText(defaultTextOf(info));
            m_binder.text(w, path, field);
            return w;
        } else if constexpr (isDistribution<V>) {
            DistributionEditor *w
                = distributionEditor(info, std::is_same_v<V, std::optional<Model::Distribution>>);
            m_binder.distribution(w, path, field);
            return w;
        } else {
            // sub-objects and step lists: built by their forms
            return nullptr;
        }
    }

    Binder<T> &m_binder;
    Model::Format::Table<Owner> m_table;
    QString m_prefix;
    Access m_access;
    SchemaOptions m_options;
    std::vector<Placed> m_placed;
};

/** The fields of a table for a Binder<T> (deduces the template's types). */
template<typename T, typename Owner, typename Access>
SchemaFields<T, Owner, Access> schemaFields(Binder<T> &binder,
                                            Model::Format::Table<Owner> table,
                                            const QString &prefix,
                                            Access access,
                                            SchemaOptions options = {})
{
    return SchemaFields<T, Owner, Access>(binder,
                                          table,
                                          prefix,
                                          std::move(access),
                                          std::move(options));
}

/** The access of a table whose owner is the bound value itself (a step, a fault, a row). */
inline constexpr auto itself = [](auto &value) -> auto &
{
    return value;
};

} // namespace Ui
