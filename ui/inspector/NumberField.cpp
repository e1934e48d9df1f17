// SPDX-License-Identifier: GPL-3.0-or-later
#include "NumberField.h"

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

void NumberField::setOptional(const QString &defaultText)
{
    m_optional = true;
    const QSignalBlocker blocker(this);
    setMinimum(m_validMinimum - singleStep());
    setSpecialValueText(defaultText);
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

} // namespace Ui
