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

    /**
     * Adds the "not given" value, shown as `defaultText`. A text too long for a narrow field
     * ("1 (with autoscaling: its min, default)") shows short ("1 (default)", or "default"),
     * and in full in the field's tooltip while the default is shown.
     */
    void setOptional(const QString &defaultText);
    bool isOptional() const { return m_optional; }
    /** The default's whole text, as given to setOptional(). */
    QString defaultText() const { return m_defaultText; }
    /** The text the field shows for `defaultText` (the text itself when it is short). */
    static QString shortDefaultText(const QString &defaultText);

    std::optional<double> optionalValue() const;
    /** Shows `value` without emitting; does nothing when it already shows it, so a caret
     *  in the middle of typing stays where it is. */
    void setOptionalValue(std::optional<double> value);

    QValidator::State validate(QString &input, int &pos) const override;
    double valueFromText(const QString &text) const override;

    /** Wide enough for a five-digit value with its unit and for the default's text. */
    QSize sizeHint() const override;
    /** Wide enough for a four-digit value with its unit, or for the default's text. */
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent *event) override;

signals:
    /** The user changed the value (also on every keystroke that forms a number). */
    void optionalValueChanged();

private:
    QSize sizeFor(const QString &sample) const;

    bool m_optional = false;
    QString m_defaultText;
    double m_validMinimum;
};

} // namespace Ui
