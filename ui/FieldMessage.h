// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>
#include <QPointer>

#include <functional>

QT_BEGIN_NAMESPACE
class QLineEdit;
QT_END_NAMESPACE

namespace Ui {

/**
 * The reason a name typed in a line edit is refused, said where the user is looking: a
 * line of red text placed under the field, hidden while the text is acceptable. What the
 * user typed stays in the field until they fix it or press Escape, which puts back the
 * last accepted name (cancelled()).
 *
 * The owner says what is wrong with a text (`check`, empty: nothing) and what the field
 * goes back to on Escape (setAccepted()); the message follows every keystroke.
 * Used by the inspector's component id and the scenario name.
 */
class FieldMessage final : public QLabel
{
    Q_OBJECT

public:
    using Check = std::function<QString(const QString &text)>;

    FieldMessage(QLineEdit *field, Check check, QWidget *parent = nullptr);

    /** The name Escape puts back (the current, accepted one). */
    void setAccepted(const QString &name) { m_accepted = name; }
    QString accepted() const { return m_accepted; }
    /** Checks the field's text now; returns the reason it is refused (empty: none). */
    QString recheck();
    /** The reason shown; empty when the text is acceptable. */
    QString message() const { return isHidden() ? QString() : text(); }
    /** Puts the accepted name back and hides the message. */
    void cancel();

signals:
    void cancelled();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showMessage(const QString &message);

    QPointer<QLineEdit> m_field;
    /** The field as the event filter sees it; compared, never dereferenced. */
    const QObject *m_watched = nullptr;
    Check m_check;
    QString m_accepted;
};

} // namespace Ui
