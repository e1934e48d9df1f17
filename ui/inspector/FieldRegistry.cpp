// SPDX-License-Identifier: GPL-3.0-or-later
#include "FieldRegistry.h"

#include "JsonPath.h"

#include <QAbstractSpinBox>
#include <QLineEdit>
#include <QScrollArea>
#include <QStyle>
#include <QTimer>

#include <algorithm>

namespace Ui {

namespace {

const char kProblemProperty[] = "archsimProblem";
const char kFocusProperty[] = "archsimFocus";
const char kHelpProperty[] = "archsimHelp";

void repolish(QWidget *w)
{
    w->style()->unpolish(w);
    w->style()->polish(w);
    w->update();
}

} // namespace

void FieldRegistry::setPath(QWidget *field, const QString &relativePath)
{
    prune();
    for (Entry &e : m_entries) {
        if (e.widget == field) {
            e.path = relativePath;
            return;
        }
    }
    m_entries.push_back({field, relativePath});
}

QString FieldRegistry::pathOf(const QWidget *field) const
{
    for (const Entry &e : m_entries) {
        if (e.widget == field)
            return m_basePath + e.path;
    }
    return {};
}

void FieldRegistry::prune()
{
    m_entries.erase(std::remove_if(m_entries.begin(),
                                   m_entries.end(),
                                   [](const Entry &e) { return e.widget.isNull(); }),
                    m_entries.end());
}

void FieldRegistry::showProblems(const Model::Problems &problems)
{
    prune();
    for (const Entry &e : m_entries) {
        const QString path = m_basePath + e.path;
        QString severity;
        QStringList messages;
        for (const Model::Problem &p : problems) {
            if (!Model::JsonPath::isWithin(p.path, path))
                continue;
            // a problem below a more specific registered field belongs to that field only
            bool closer = false;
            for (const Entry &other : m_entries) {
                const QString otherPath = m_basePath + other.path;
                if (otherPath.size() > path.size() && Model::JsonPath::isWithin(otherPath, path)
                    && Model::JsonPath::isWithin(p.path, otherPath)) {
                    closer = true;
                    break;
                }
            }
            if (closer)
                continue;
            messages.append(p.message);
            if (p.isError())
                severity = QStringLiteral("error");
            else if (severity.isEmpty())
                severity = QStringLiteral("warning");
        }
        markField(e.widget, severity, messages);
    }
}

QWidget *FieldRegistry::fieldFor(const QString &path) const
{
    QWidget *best = nullptr;
    qsizetype bestLength = -1;
    for (const Entry &e : m_entries) {
        if (!e.widget || !e.widget->isVisibleTo(e.widget->window()))
            continue;
        const QString fieldPath = m_basePath + e.path;
        if (Model::JsonPath::isWithin(path, fieldPath) && fieldPath.size() > bestLength) {
            best = e.widget;
            bestLength = fieldPath.size();
        }
    }
    return best;
}

void markField(QWidget *field, const QString &severity, const QStringList &messages)
{
    if (!field)
        return;
    if (!field->property(kHelpProperty).isValid())
        field->setProperty(kHelpProperty, field->toolTip());
    const QString help = field->property(kHelpProperty).toString();
    QString tip = messages.join(QLatin1Char('\n'));
    if (!help.isEmpty())
        tip = tip.isEmpty() ? help : tip + QLatin1String("\n\n") + help;
    field->setToolTip(tip);
    if (field->property(kProblemProperty).toString() != severity) {
        field->setProperty(kProblemProperty, severity);
        repolish(field);
    }
}

QString problemStyleSheet()
{
    return QStringLiteral(
        "*[archsimProblem=\"error\"] { border: 2px solid #d32f2f; border-radius: 3px; }\n"
        "*[archsimProblem=\"warning\"] { border: 2px solid #e69500; border-radius: 3px; }\n"
        "*[archsimFocus=\"true\"] { border: 2px solid #1e88e5; border-radius: 3px; }\n");
}

void focusField(QWidget *field)
{
    if (!field)
        return;
    revealField(field);
    field->setFocus(Qt::OtherFocusReason);
    if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
        spin->selectAll();
    else if (auto *edit = qobject_cast<QLineEdit *>(field))
        edit->selectAll();
}

void revealField(QWidget *field)
{
    if (!field)
        return;
    for (QWidget *w = field->parentWidget(); w; w = w->parentWidget()) {
        if (auto *area = qobject_cast<QScrollArea *>(w)) {
            // sideways there is nothing to reveal: the forms fit the width
            area->ensureWidgetVisible(field, 0, 40);
            break;
        }
    }
    field->setProperty(kFocusProperty, true);
    repolish(field);
    QPointer<QWidget> guard(field);
    QTimer::singleShot(1500, field, [guard] {
        if (!guard)
            return;
        guard->setProperty(kFocusProperty, QVariant());
        repolish(guard);
    });
}

} // namespace Ui
