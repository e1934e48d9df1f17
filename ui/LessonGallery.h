// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>
#include <QString>

namespace Ui {

/** A lesson shipped inside the application (resources/lessons, compiled into Qt resources). */
struct BuiltinLesson
{
    QString resourcePath; ///< e.g. ":/lessons/event-loop-blocked.json"
    QString title;        ///< the lesson's title, or the file name when it cannot be read
    QString summary;      ///< the first sentence of the lesson's text
};

/**
 * The built-in lessons: those listed in resources/lessons/order.txt, in that order, then any
 * other, by file name. Files without a "lesson" object are not lessons and are left out.
 */
QList<BuiltinLesson> builtinLessons();

/**
 * The gallery of lessons (Help > Lessons…, and the start page when ArchSim opens with no
 * document): one card per lesson with its title and the start of its text, and a button
 * that opens it. lessonChosen(index) fires when one is opened, and the gallery closes.
 */
class LessonGallery final : public QDialog
{
    Q_OBJECT

public:
    explicit LessonGallery(const QList<BuiltinLesson> &lessons, QWidget *parent = nullptr);

    int lessonCount() const { return static_cast<int>(m_lessons.size()); }
    /** Opens lesson `index`, as its card's button does. */
    void chooseLesson(int index);

signals:
    void lessonChosen(int index);

private:
    QList<BuiltinLesson> m_lessons;
};

} // namespace Ui
