// SPDX-License-Identifier: GPL-3.0-or-later
#include "SchemaForm.h"

#include "ElidingComboBox.h"

#include <QCoreApplication>

#include <cmath>

namespace Ui {

QFormLayout *inspectorForm(QWidget *parent)
{
    auto *form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    return form;
}

} // namespace Ui

namespace Ui::SchemaDetail {

namespace {

// The largest integer a double (and so a NumberField) holds exactly: the widget's limit
// for ranges that reach further (the seed).
constexpr double kWidestNumber = 9007199254740991.0;

QString text(const char *s)
{
    return s ? QCoreApplication::translate("Ui::SchemaFields", s) : QString();
}

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

QString withDefault(const QString &what)
{
    // "0 (never expire)" reads "0 (never expire, default)", not "... (never expire) (default)"
    if (what.endsWith(QLatin1Char(')')))
        return what.chopped(1) + QCoreApplication::translate("Ui::SchemaFields", ", default)");
    return QCoreApplication::translate("Ui::SchemaFields", "%1 (default)").arg(what);
}

} // namespace

QString pathOf(const QString &prefix, const RowInfo &row)
{
    return prefix + QLatin1Char('.') + QLatin1String(row.key);
}

QString labelOf(const RowInfo &row)
{
    return row.label ? text(row.label) : QString::fromLatin1(row.key);
}

QString tipOf(const RowInfo &row)
{
    return text(row.tip);
}

QString defaultTextOf(const RowInfo &row, bool isBool)
{
    if (row.defaultNote)
        return withDefault(text(row.defaultNote));
    if (row.defaultWord)
        return withDefault(QString::fromLatin1(row.defaultWord));
    if (!row.deflt)
        return {};
    if (isBool)
        return withDefault(*row.deflt != 0 ? QCoreApplication::translate("Ui::SchemaFields", "yes")
                                           : QCoreApplication::translate("Ui::SchemaFields", "no"));
    return withDefault(row.unit ? number(*row.deflt) + QLatin1Char(' ') + text(row.unit)
                                : number(*row.deflt));
}

QString leftOutTextOf(const RowInfo &row, bool isBool)
{
    const QString d = defaultTextOf(row, isBool);
    if (!d.isEmpty())
        return d;
    return row.required ? QCoreApplication::translate("Ui::SchemaFields", "missing")
                        : QCoreApplication::translate("Ui::SchemaFields", "not set");
}

QStringList wordsOf(Model::Format::Words words)
{
    QStringList list;
    for (const Model::Format::Word &w : words)
        list.append(QString::fromLatin1(w.word));
    return list;
}

bool appliesTo(const RowInfo &row, const QString &kind)
{
    if (!row.appliesTo)
        return true;
    return QString::fromLatin1(row.appliesTo)
        .split(QLatin1Char(' '), Qt::SkipEmptyParts)
        .contains(kind);
}

NumberField *numberField(const RowInfo &row, bool integer, bool optional)
{
    // Every number of the format is a count, a time, a size or a fraction: none is negative.
    // A minimum the format excludes (a rate > 0) is still typeable, so that the validator
    // says what is wrong with it instead of the widget silently changing it.
    const double min = std::isfinite(row.range.min) ? row.range.min : 0.0;
    const double max = std::isfinite(row.range.max) ? std::min(row.range.max, kWidestNumber)
                                                    : kWidestNumber;
    const int decimals = row.decimals >= 0 ? row.decimals : (integer ? 0 : 3);
    auto *f = new NumberField(min, max, decimals);
    // a fraction moves in twentieths with the arrows
    if (!integer && min >= 0 && max == 1 && decimals <= 3)
        f->setSingleStep(0.05);
    if (row.unit)
        f->setSuffix(QLatin1Char(' ') + text(row.unit));
    if (optional)
        f->setOptional(leftOutTextOf(row));
    return f;
}

QComboBox *comboBox()
{
    return new ElidingComboBox;
}

DistributionEditor *distributionEditor(const RowInfo &row, bool optional)
{
    auto *editor = new DistributionEditor;
    if (optional) {
        editor->setOptional(leftOutTextOf(row));
    }
    return editor;
}

} // namespace Ui::SchemaDetail
