// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScreenshotSession.h"

#include "MainWindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QMenu>
#include <QPainter>
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
            takeExportMenu();
    });
}

void ScreenshotSession::takeExportMenu()
{
    m_window->showResultsTab(MainWindow::ResultsTab::Requests);
    m_window->showChartTab(MainWindow::ChartTab::OverTime);
    auto plot = m_window->findChild<QWidget *>(QStringLiteral("seriesPlot"));
    auto charts = m_window->findChild<QWidget *>(QStringLiteral("chartTabs"));
    if (!plot || !charts) {
        fail(tr("no chart over time"));
        return;
    }
    // The chart's context menu as a right click opens it (Qt::ActionsContextMenu).
    auto menu = new QMenu(m_window);
    menu->addActions(plot->actions());
    const QPoint click(plot->width() / 3, plot->height() / 3);
    menu->popup(plot->mapToGlobal(click));
    QTimer::singleShot(kSettleMs, this, [this, menu, charts, at = plot->mapTo(m_window, click)] {
        // A menu is a window of its own, which grabbing the main window leaves out: it is
        // drawn in where it opens (the offscreen screen, smaller than the window, moves it).
        QPixmap shot = m_window->grab();
        QPainter painter(&shot);
        painter.drawPixmap(at, menu->grab());
        painter.end();
        menu->close();
        menu->deleteLater();
        const QRect area(charts->mapTo(m_window, QPoint(0, 0)), charts->size());
        if (save(QStringLiteral("chart-export-menu.png"), shot.copy(area)))
            QCoreApplication::exit(0);
    });
}

bool ScreenshotSession::save(const QString &fileName)
{
    return save(fileName, m_window->grab());
}

bool ScreenshotSession::save(const QString &fileName, const QPixmap &picture)
{
    const QString path = QDir(m_directory).filePath(fileName);
    if (!picture.save(path, "PNG")) {
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
