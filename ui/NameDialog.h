// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FieldMessage.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QDialogButtonBox;
class QLineEdit;
QT_END_NAMESPACE

namespace Ui {

/**
 * Asks for a name (of a scenario, of a saved run): a line edit whose refusals are said
 * under it (FieldMessage) while OK stays disabled, so a refused name is never taken
 * silently and what the user typed stays until they fix it or cancel.
 */
class NameDialog final : public QDialog
{
    Q_OBJECT

public:
    NameDialog(const QString &title,
               const QString &label,
               const QString &name,
               FieldMessage::Check check,
               QWidget *parent = nullptr);

    /** The name typed, trimmed. */
    QString name() const;
    QLineEdit *field() const { return m_field; }
    FieldMessage *message() const { return m_message; }

private:
    void update();

    QLineEdit *m_field;
    FieldMessage *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace Ui
