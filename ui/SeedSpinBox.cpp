// SPDX-License-Identifier: GPL-3.0-or-later
#include "SeedSpinBox.h"

#include <QLineEdit>

#include <limits>

namespace Ui {

namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

bool parse(const QString &text, std::uint64_t *value)
{
    bool ok = false;
    const qulonglong parsed = text.trimmed().toULongLong(&ok, 10);
    if (ok && value)
        *value = parsed;
    return ok;
}

} // namespace

SeedSpinBox::SeedSpinBox(QWidget *parent)
    : QAbstractSpinBox(parent)
{
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    lineEdit()->setText(QStringLiteral("0"));
    connect(lineEdit(), &QLineEdit::textEdited, this, &SeedSpinBox::onTextEdited);
    // An emptied field shows the value it still holds again when editing ends.
    connect(this, &QAbstractSpinBox::editingFinished, this, [this] {
        lineEdit()->setText(QString::number(m_value));
    });
}

void SeedSpinBox::setValue(std::uint64_t value)
{
    const QString text = QString::number(value);
    if (lineEdit()->text() != text)
        lineEdit()->setText(text);
    if (value == m_value)
        return;
    m_value = value;
    emit valueChanged(m_value);
}

void SeedSpinBox::stepBy(int steps)
{
    std::uint64_t next = m_value;
    if (steps > 0) {
        const auto up = static_cast<std::uint64_t>(steps);
        next = m_value > kMax - up ? kMax : m_value + up;
    } else if (steps < 0) {
        const auto down = static_cast<std::uint64_t>(-static_cast<long long>(steps));
        next = m_value < down ? 0 : m_value - down;
    }
    setValue(next);
    selectAll();
}

QValidator::State SeedSpinBox::validate(QString &input, int &pos) const
{
    Q_UNUSED(pos)
    if (input.isEmpty())
        return QValidator::Intermediate;
    for (const QChar c : input) {
        if (!c.isDigit())
            return QValidator::Invalid;
    }
    return parse(input, nullptr) ? QValidator::Acceptable : QValidator::Invalid;
}

void SeedSpinBox::fixup(QString &input) const
{
    if (!parse(input, nullptr))
        input = QString::number(m_value);
}

QSize SeedSpinBox::sizeHint() const
{
    // Room for a ten-digit seed; longer ones scroll.
    QSize size = QAbstractSpinBox::sizeHint();
    const int digits = fontMetrics().horizontalAdvance(QStringLiteral("0000000000"));
    size.setWidth(qMax(size.width(), digits + 40));
    return size;
}

QAbstractSpinBox::StepEnabled SeedSpinBox::stepEnabled() const
{
    StepEnabled enabled = StepNone;
    if (m_value > 0)
        enabled |= StepDownEnabled;
    if (m_value < kMax)
        enabled |= StepUpEnabled;
    return enabled;
}

void SeedSpinBox::onTextEdited(const QString &text)
{
    std::uint64_t value = 0;
    if (parse(text, &value) && value != m_value) {
        m_value = value;
        emit valueChanged(m_value);
    }
}

} // namespace Ui
