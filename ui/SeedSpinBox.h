// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractSpinBox>

#include <cstdint>

namespace Ui {

/**
 * A spin box for a 64-bit unsigned seed. QSpinBox holds an int and QDoubleSpinBox loses
 * integers above 2^53, and scenario seeds may use the full range, so this small one stays.
 * valueChanged() fires whenever the value changes, by typing or stepping.
 */
class SeedSpinBox final : public QAbstractSpinBox
{
    Q_OBJECT

public:
    explicit SeedSpinBox(QWidget *parent = nullptr);

    std::uint64_t value() const { return m_value; }
    void setValue(std::uint64_t value);

    void stepBy(int steps) override;
    QValidator::State validate(QString &input, int &pos) const override;
    void fixup(QString &input) const override;
    QSize sizeHint() const override;

signals:
    void valueChanged(std::uint64_t value);

protected:
    StepEnabled stepEnabled() const override;

private:
    void onTextEdited(const QString &text);

    std::uint64_t m_value = 0;
};

} // namespace Ui
