// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QTextBrowser;
QT_END_NAMESPACE

namespace Ui {

/**
 * The lesson of the shown scenario, beside the canvas: its title and text, what to notice in
 * the results, and what to try, each hint with the field it moves and the value to give it.
 * It shows what it is given and keeps nothing else (the lesson lives in the scenario).
 */
class LessonPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit LessonPanel(QWidget *parent = nullptr);

    /** Shows `lesson`; nullopt empties the panel. */
    void setLesson(const std::optional<Model::Lesson> &lesson);
    /** What the panel shows, as plain text (for tests and the clipboard). */
    QString text() const;

private:
    QTextBrowser *m_browser = nullptr;
};

} // namespace Ui
