// SPDX-License-Identifier: GPL-3.0-or-later
#include "LessonGallery.h"

#include "BuiltinExamples.h"
#include "ScenarioIo.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace Ui {

namespace {

constexpr int kColumns = 3;

/** The first sentence of `text` (a sentence ends with ". " after a few words). */
QString firstSentence(const QString &text)
{
    const qsizetype end = text.indexOf(QStringLiteral(". "), 30);
    return end < 0 ? text : text.left(end + 1);
}

} // namespace

QList<BuiltinLesson> builtinLessons()
{
    const QDir dir(QStringLiteral(":/lessons"));
    const QStringList files = orderedResourceFiles(dir.path());

    QList<BuiltinLesson> lessons;
    for (const QString &file : std::as_const(files)) {
        QFile in(dir.filePath(file));
        if (!in.open(QIODevice::ReadOnly))
            continue;
        const Model::ScenarioLoad load = Model::parseScenario(in.readAll());
        if (!load.scenario || !load.scenario->lesson)
            continue;
        BuiltinLesson lesson;
        lesson.resourcePath = dir.filePath(file);
        lesson.title = load.scenario->lesson->title.isEmpty() ? QFileInfo(file).completeBaseName()
                                                              : load.scenario->lesson->title;
        lesson.summary = firstSentence(load.scenario->lesson->text);
        lessons.append(lesson);
    }
    return lessons;
}

LessonGallery::LessonGallery(const QList<BuiltinLesson> &lessons, QWidget *parent)
    : QDialog(parent)
    , m_lessons(lessons)
{
    setObjectName(QStringLiteral("lessonGallery"));
    setWindowTitle(tr("Lessons"));

    auto intro = new QLabel(
        tr("<b>Lessons</b>: each is a scenario that goes wrong within seconds of simulated "
           "time, for a room to watch. Open one, press <b>Run</b> (Ctrl+R), read what to "
           "notice beside the canvas, then try the change it suggests and run again."),
        this);
    intro->setWordWrap(true);

    auto cards = new QWidget(this);
    auto grid = new QGridLayout(cards);
    grid->setSpacing(10);
    for (int i = 0; i < m_lessons.size(); ++i) {
        const BuiltinLesson &lesson = m_lessons.at(i);
        auto card = new QFrame(cards);
        card->setObjectName(QStringLiteral("lessonCard"));
        card->setFrameShape(QFrame::StyledPanel);
        card->setAutoFillBackground(true);
        card->setBackgroundRole(QPalette::Base);
        auto title = new QLabel(lesson.title, card);
        title->setObjectName(QStringLiteral("lessonTitle"));
        title->setWordWrap(true);
        QFont bold = title->font();
        bold.setBold(true);
        bold.setPointSizeF(bold.pointSizeF() * 1.1);
        title->setFont(bold);
        auto summary = new QLabel(lesson.summary, card);
        summary->setObjectName(QStringLiteral("lessonSummary"));
        summary->setWordWrap(true);
        summary->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        auto open = new QPushButton(tr("Open lesson"), card);
        open->setObjectName(QStringLiteral("openLesson%1").arg(i));
        open->setToolTip(tr("Opens the lesson's scenario as a new scenario of the project"));
        connect(open, &QPushButton::clicked, this, [this, i] { chooseLesson(i); });
        auto layout = new QVBoxLayout(card);
        layout->addWidget(title);
        layout->addWidget(summary, 1);
        layout->addWidget(open, 0, Qt::AlignRight);
        grid->addWidget(card, i / kColumns, i % kColumns);
    }
    for (int c = 0; c < kColumns; ++c)
        grid->setColumnStretch(c, 1);

    auto scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("lessonCards"));
    scroll->setWidget(cards);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    resize(1000, 720);
}

void LessonGallery::chooseLesson(int index)
{
    if (index < 0 || index >= lessonCount())
        return;
    emit lessonChosen(index);
    accept();
}

} // namespace Ui
