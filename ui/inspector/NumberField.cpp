// SPDX-License-Identifier: GPL-3.0-or-later
#include "NumberField.h"

#include <QHelpEvent>
#include <QLineEdit>
#include <QRegularExpression>
#include <QStyle>
#include <QStyleOptionSpinBox>
#include <QToolTip>

#include <cmath>

namespace Ui {

NumberField::NumberField(double minimum, double maximum, int decimals, QWidget *parent)
    : QDoubleSpinBox(parent)
    , m_validMinimum(minimum)
{
    setDecimals(decimals);
    setRange(minimum, maximum);
    setSingleStep(decimals == 0 ? 1.0 : std::pow(10.0, -std::min(decimals, 2)));
    setAccelerated(true);
    setKeyboardTracking(true);
    setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    connect(this, &QDoubleSpinBox::valueChanged, this, &NumberField::optionalValueChanged);
}

QString NumberField::shortDefaultText(const QString &defaultText)
{
    // "unlimited (default)" and "0 (never expire, default)" fit a field beside its label
    constexpr qsizetype kLongest = 25;
    if (defaultText.size() <= kLongest)
        return defaultText;
    // "1 (with autoscaling: its min, default)": the value, without its note
    static const QRegularExpression value(QStringLiteral("^([0-9.]+(?: [A-Za-z%/]+)?) \\("));
    const QRegularExpressionMatch m = value.match(defaultText);
    if (m.hasMatch())
        return tr("%1 (default)").arg(m.captured(1));
    return tr("default");
}

void NumberField::setOptional(const QString &defaultText)
{
    m_optional = true;
    m_defaultText = defaultText;
    const QSignalBlocker blocker(this);
    setMinimum(m_validMinimum - singleStep());
    setSpecialValueText(shortDefaultText(defaultText));
    setValue(minimum());
}

std::optional<double> NumberField::optionalValue() const
{
    if (m_optional && value() <= minimum())
        return std::nullopt;
    return value();
}

void NumberField::setOptionalValue(std::optional<double> v)
{
    const double target = v ? *v : (m_optional ? minimum() : value());
    const double tolerance = 0.5 * std::pow(10.0, -decimals());
    if (std::abs(value() - target) <= tolerance && optionalValue().has_value() == v.has_value())
        return;
    const QSignalBlocker blocker(this);
    setValue(target);
}

QValidator::State NumberField::validate(QString &input, int &pos) const
{
    if (m_optional && input.trimmed().isEmpty())
        return QValidator::Acceptable;
    return QDoubleSpinBox::validate(input, pos);
}

double NumberField::valueFromText(const QString &text) const
{
    if (m_optional && (text.trimmed().isEmpty() || text == specialValueText()))
        return minimum();
    return QDoubleSpinBox::valueFromText(text);
}

bool NumberField::event(QEvent *event)
{
    // a shortened default reads in full in the tooltip, above the field's own help
    if (event->type() == QEvent::ToolTip && m_optional && !optionalValue()
        && specialValueText() != m_defaultText) {
        QString tip = tr("Default: %1").arg(m_defaultText);
        if (!toolTip().isEmpty())
            tip += QStringLiteral("\n\n") + toolTip();
        QToolTip::showText(static_cast<QHelpEvent *>(event)->globalPos(), tip, this);
        return true;
    }
    return QDoubleSpinBox::event(event);
}

QSize NumberField::sizeFor(const QString &sample) const
{
    // QAbstractSpinBox sizes a field for the text of its minimum and maximum; the format's
    // ranges reach 9e15, which made every number wider than the inspector and pushed the
    // right-aligned values out of sight. A field is sized for what it shows instead (the
    // form gives it the rest of the row) and for the default's text, which must read in full.
    ensurePolished();
    const QFontMetrics fm(font());
    int width = fm.horizontalAdvance(prefix() + sample + suffix());
    if (m_optional)
        width = std::max(width, fm.horizontalAdvance(specialValueText()));
    width += 2 + 2 * lineEdit()->textMargins().left() + 4; // the caret and the edit's margins
    QStyleOptionSpinBox option;
    initStyleOption(&option);
    const QSize content(width, lineEdit()->sizeHint().height());
    return style()->sizeFromContents(QStyle::CT_SpinBox, &option, content, this);
}

QSize NumberField::sizeHint() const
{
    return sizeFor(QStringLiteral("99999") + (decimals() > 0 ? QStringLiteral(".9") : QString()));
}

QSize NumberField::minimumSizeHint() const
{
    return sizeFor(QStringLiteral("9999"));
}

} // namespace Ui
