// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSize>
#include <QString>
#include <QTimer>

class QPixmap;

namespace Ui {

class MainWindow;

/**
 * Renders the main window into PNG files for the documentation (scripts/screenshots):
 * main-window-before.png with the open scenario, then main-window-after.png after a run of
 * it, with the Requests table and the chart over time, then main-window-latency.png with the
 * Components table and the latency distribution, then chart-export-menu.png: the chart over
 * time with its context menu (Save as PNG, SVG, PDF, Copy) open.
 * It ends the application with exit code 0, or 1 (and a message on stderr) when a file
 * cannot be written, the scenario cannot run, or the run takes longer than the time limit.
 */
class ScreenshotSession final : public QObject
{
    Q_OBJECT

public:
    /** `size`: the window's size in the pictures (the default, 1600×1000, is in the docs). */
    ScreenshotSession(MainWindow *window,
                      const QString &directory,
                      QSize size = QSize(1600, 1000),
                      QObject *parent = nullptr);

    /** Starts once the event loop runs; the window should be shown already. */
    void start();

private:
    void takeBefore();
    void onRunEnded();
    void takeAfter();
    void takeExportMenu();
    bool save(const QString &fileName);
    bool save(const QString &fileName, const QPixmap &picture);
    void fail(const QString &message);

    MainWindow *m_window;
    QString m_directory;
    QSize m_size;
    QTimer m_timeout;
};

} // namespace Ui
