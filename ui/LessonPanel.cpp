// SPDX-License-Identifier: GPL-3.0-or-later
#include "LessonPanel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Ui {

namespace {

/** A hint's value as JSON text: 4, true, "memcached", {...}; a long one cut short. */
QString valueText(const QJsonValue &v)
{
    constexpr qsizetype kLongest = 80;
    const QByteArray json = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    const QString text = QString::fromUtf8(json.mid(1, json.size() - 2));
    return text.size() <= kLongest ? text : text.left(kLongest - 1) + QChar(0x2026);
}

QString list(const QStringList &items)
{
    QString html = QStringLiteral("<ul style=\"margin-left: 12px; -qt-list-indent: 0;\">");
    for (const QString &item : items)
        html += QStringLiteral("<li style=\"margin-bottom: 4px;\">%1</li>").arg(item);
    return html + QStringLiteral("</ul>");
}

} // namespace

LessonPanel::LessonPanel(QWidget *parent)
    : QWidget(parent)
    , m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("lessonPanel"));
    m_browser->setObjectName(QStringLiteral("lessonText"));
    m_browser->setOpenLinks(false);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
}

void LessonPanel::setLesson(const std::optional<Model::Lesson> &lesson)
{
    if (!lesson) {
        m_browser->clear();
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>")
                       .arg(lesson->title.toHtmlEscaped(), lesson->text.toHtmlEscaped());
    if (!lesson->notice.isEmpty()) {
        QStringList items;
        for (const QString &n : lesson->notice)
            items << n.toHtmlEscaped();
        html += QStringLiteral("<h4>%1</h4>").arg(tr("What to notice")) + list(items);
    }
    if (!lesson->tries.isEmpty()) {
        QStringList items;
        for (const Model::LessonTry &t : lesson->tries) {
            QString item = t.text.toHtmlEscaped();
            if (!t.field.isEmpty()) {
                item += QStringLiteral("<br><small>")
                        + tr("Field: <code>%1</code>").arg(t.field.toHtmlEscaped());
                if (t.value)
                    item += QStringLiteral(" = <code>%1</code>")
                                .arg(valueText(*t.value).toHtmlEscaped());
                item += QStringLiteral("</small>");
            }
            items << item;
        }
        html += QStringLiteral("<h4>%1</h4>").arg(tr("Try this")) + list(items);
    }
    m_browser->setHtml(html);
}

QString LessonPanel::text() const
{
    return m_browser->toPlainText();
}

} // namespace Ui
