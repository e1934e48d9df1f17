// SPDX-License-Identifier: GPL-3.0-or-later
#include "NameDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Ui {

NameDialog::NameDialog(const QString &title,
                       const QString &label,
                       const QString &name,
                       FieldMessage::Check check,
                       QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("nameDialog"));
    setWindowTitle(title);
    auto layout = new QVBoxLayout(this);
    auto caption = new QLabel(label, this);
    m_field = new QLineEdit(name, this);
    m_field->setObjectName(QStringLiteral("nameField"));
    m_field->setMinimumWidth(fontMetrics().averageCharWidth() * 40);
    caption->setBuddy(m_field);
    m_message = new FieldMessage(m_field, std::move(check), this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(caption);
    layout->addWidget(m_field);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    // grows to show the reason when one appears
    layout->setSizeConstraint(QLayout::SetFixedSize);
    m_message->setFixedWidth(m_field->minimumWidth());
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_message->recheck().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_field, &QLineEdit::textChanged, this, &NameDialog::update);
    m_field->selectAll();
    update();
}

QString NameDialog::name() const
{
    return m_field->text().trimmed();
}

void NameDialog::update()
{
    // (textEdited already rechecked; textChanged also covers Escape putting the name back)
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_message->recheck().isEmpty());
}

} // namespace Ui
