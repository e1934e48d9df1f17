// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScreenshotSession.h"

#include "MainWindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QPixmap>
#include <QTextStream>

namespace Ui {

namespace {
constexpr int kRunTimeLimitMs = 10 * 60 * 1000;
// Time for layouts, queued replots and paint events to settle before a grab.
constexpr int kSettleMs = 300;
} // namespace

ScreenshotSession::ScreenshotSession(MainWindow *window,
                                     const QString &directory,
                                     QSize size,
                                     QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(directory)
    , m_size(size)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(kRunTimeLimitMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(tr("the run did not end within %1 minutes").arg(kRunTimeLimitMs / 60000));
    });
    connect(m_window, &MainWindow::runEnded, this, &ScreenshotSession::onRunEnded);
}

void ScreenshotSession::start()
{
    if (!QDir().mkpath(m_directory)) {
        QTimer::singleShot(0, this, [this] { fail(tr("cannot create %1").arg(m_directory)); });
        return;
    }
    // By default the size of a common laptop screen, the same on every machine.
    m_window->resize(m_size);
    QTimer::singleShot(kSettleMs, this, &ScreenshotSession::takeBefore);
}

void ScreenshotSession::takeBefore()
{
    if (!save(QStringLiteral("main-window-before.png")))
        return;
    if (!m_window->startRun()) {
        fail(tr("the open scenario cannot run"));
        return;
    }
    m_timeout.start();
}

void ScreenshotSession::onRunEnded()
{
    m_timeout.stop();
    m_window->showResultsTab(MainWindow::ResultsTab::Requests);
    m_window->showChartTab(MainWindow::ChartTab::OverTime);
    QTimer::singleShot(kSettleMs, this, &ScreenshotSession::takeAfter);
}

void ScreenshotSession::takeAfter()
{
    if (!save(QStringLiteral("main-window-after.png")))
        return;
    m_window->showResultsTab(MainWindow::ResultsTab::Components);
    m_window->showChartTab(MainWindow::ChartTab::LatencyDistribution);
    QTimer::singleShot(kSettleMs, this, [this] {
        if (save(QStringLiteral("main-window-latency.png")))
            QCoreApplication::exit(0);
    });
}

bool ScreenshotSession::save(const QString &fileName)
{
    const QString path = QDir(m_directory).filePath(fileName);
    if (!m_window->grab().save(path, "PNG")) {
        fail(tr("cannot write %1").arg(path));
        return false;
    }
    QTextStream(stdout) << path << Qt::endl;
    return true;
}

void ScreenshotSession::fail(const QString &message)
{
    QTextStream(stderr) << QCoreApplication::applicationName() << ": screenshots: " << message
                        << Qt::endl;
    QCoreApplication::exit(1);
}

} // namespace Ui
