// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDoubleSpinBox>

#include <optional>

namespace Ui {

/**
 * A number field for one scenario value. Integers are the same field with 0 decimals.
 *
 * An optional field (setOptional()) has one extra value one step below its minimum that
 * shows the default ("default (8)") and means "left out of the file"; clearing the text
 * selects it too. Ranges are wide on purpose (0 where the format needs > 0): the validator,
 * not the widget, explains what is wrong, so a typed 0 rate turns the field red instead of
 * silently becoming 0.001.
 */
class NumberField : public QDoubleSpinBox
{
    Q_OBJECT

public:
    NumberField(double minimum, double maximum, int decimals, QWidget *parent = nullptr);

    /** Adds the "not given" value, shown as `defaultText`. */
    void setOptional(const QString &defaultText);
    bool isOptional() const { return m_optional; }

    std::optional<double> optionalValue() const;
    /** Shows `value` without emitting; does nothing when it already shows it, so a caret
     *  in the middle of typing stays where it is. */
    void setOptionalValue(std::optional<double> value);

    QValidator::State validate(QString &input, int &pos) const override;
    double valueFromText(const QString &text) const override;

signals:
    /** The user changed the value (also on every keystroke that forms a number). */
    void optionalValueChanged();

private:
    bool m_optional = false;
    double m_validMinimum;
};

} // namespace Ui
