// SPDX-License-Identifier: GPL-3.0-or-later
#include "FieldMessage.h"

#include <QKeyEvent>
#include <QLineEdit>

namespace Ui {

namespace {
// The field's frame while its text is refused, in the red of the problem messages.
const char kRefusedStyle[] = "QLineEdit { border: 1px solid #c62828; }";
} // namespace

FieldMessage::FieldMessage(QLineEdit *field, Check check, QWidget *parent)
    : QLabel(parent)
    , m_field(field)
    , m_watched(field)
    , m_check(std::move(check))
{
    setObjectName(QStringLiteral("fieldMessage"));
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    // The error red of the palette's theme where there is one; a readable red otherwise.
    QPalette p = palette();
    p.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    setPalette(p);
    hide();
    m_accepted = field->text();
    connect(field, &QLineEdit::textEdited, this, &FieldMessage::recheck);
    field->installEventFilter(this);
}

QString FieldMessage::recheck()
{
    const QString message = m_field ? m_check(m_field->text()) : QString();
    showMessage(message);
    return message;
}

void FieldMessage::showMessage(const QString &message)
{
    setText(message);
    setVisible(!message.isEmpty());
    if (m_field)
        m_field->setStyleSheet(message.isEmpty() ? QString() : QLatin1String(kRefusedStyle));
}

void FieldMessage::cancel()
{
    if (m_field && m_field->text() != m_accepted)
        m_field->setText(m_accepted);
    showMessage(QString());
    emit cancelled();
}

bool FieldMessage::eventFilter(QObject *watched, QEvent *event)
{
    // Escape while the text is refused puts the accepted name back. The field takes the key
    // before any window shortcut on Escape (ShortcutOverride), but only then.
    // The event type is tested first: the field sends events while it is destroyed, and
    // comparing with the QPointer then casts a half-destroyed QWidget to QLineEdit (UBSan).
    // The comparison itself is on QObject pointers for the same reason.
    const bool key = event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress;
    if (key && watched == m_watched && !isHidden()
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        event->accept();
        if (event->type() == QEvent::KeyPress)
            cancel();
        return true;
    }
    return QLabel::eventFilter(watched, event);
}

} // namespace Ui
