// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobControls.h"

#include "BackgroundJob.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {
constexpr int kProgressSteps = 1000;
}

JobControls::JobControls(BackgroundJob *job,
                         QWidget *window,
                         const QString &prefix,
                         const QString &runText,
                         QWidget *parent)
    : QWidget(parent)
    , m_job(job)
    , m_window(window)
    , m_run(new QPushButton(runText, this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_note(new QLabel(this))
    , m_message(new QLabel(this))
{
    m_run->setObjectName(prefix + QStringLiteral("RunButton"));
    m_run->setDefault(true);
    m_cancel->setObjectName(prefix + QStringLiteral("CancelButton"));
    m_progress->setObjectName(prefix + QStringLiteral("Progress"));
    m_progress->setRange(0, kProgressSteps);
    m_note->setObjectName(prefix + QStringLiteral("Note"));
    m_note->setWordWrap(true);
    m_message->setObjectName(prefix + QStringLiteral("Message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    connect(m_run, &QPushButton::clicked, this, &JobControls::runRequested);
    connect(m_cancel, &QPushButton::clicked, this, &JobControls::cancelRequested);
    connect(m_job, &BackgroundJob::progressChanged, this, [this](double f) {
        m_progress->setValue(
            static_cast<int>(std::lround(std::clamp(f, 0.0, 1.0) * kProgressSteps)));
    });
    connect(m_job, &BackgroundJob::noteChanged, m_note, &QLabel::setText);

    for (const QKeySequence &key :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto shortcut = new QShortcut(key, window);
        connect(shortcut, &QShortcut::activated, this, &JobControls::runRequested);
    }
    window->installEventFilter(this);

    auto buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_note);
    layout->addWidget(m_message);
    setRunning(false);
}

void JobControls::setRunEnabled(bool enabled)
{
    m_run->setEnabled(enabled);
}

void JobControls::setRunning(bool running)
{
    m_progress->setVisible(running);
    m_note->setVisible(running);
    if (running) {
        m_progress->setValue(0);
        m_note->clear();
    }
    m_cancel->setEnabled(running);
}

void JobControls::setCancelling(const QString &message)
{
    m_cancel->setEnabled(false);
    setMessage(message);
}

void JobControls::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString JobControls::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QLabel *JobControls::errorLabel(QWidget *parent, const QString &objectName)
{
    auto label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, QColor(0xC6, 0x28, 0x28));
    label->setPalette(p);
    label->hide();
    return label;
}

void JobControls::showError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

bool JobControls::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window) {
        if (event->type() == QEvent::KeyPress
            && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            if (m_job->isRunning())
                emit cancelRequested();
            else
                m_window->close();
            return true;
        }
        // work nobody sees would only keep the cores busy
        if (event->type() == QEvent::Close)
            m_job->cancel();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Ui
