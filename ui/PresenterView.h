// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QByteArray>
#include <QFont>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPalette>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QMainWindow;
class QShortcut;
class QVBoxLayout;
class QWidget;
QT_END_NAMESPACE

namespace Ui {

/**
 * The presenter view of the main window (View > Presenter View, F5): for a projector or an
 * unattended screen. The window goes full screen with its menus, tool rows, docks and status
 * bar hidden, a larger font, a high-contrast palette and the charts' lines three times as
 * thick; a title line above the canvas and the results says what runs, and a caption bar
 * below them shows the shown lesson's captions ("What to notice", then "Try this") one at a
 * time, in large type.
 *
 * Keys while it is on: Space play/pause; Right or Page Down the next caption, Left or Page Up
 * the previous one; Down a step; L the loop; Esc or F5 leave.
 *
 * Play/pause and step are requests, so that watch mode can take them over:
 * playPause() emits playPauseRequested() and stepForward() emits stepRequested(). MainWindow
 * connects playPauseRequested() to playing or pausing watch mode's animation when it is on,
 * else to running the scenario (or cancelling the run going on), and stepRequested() to the
 * next event of watch mode, which it enters first. Without a receiver of stepRequested() the
 * title line says that stepping needs watch mode.
 *
 * Loop (L, setLoop()): an unattended screen. After each run ends (runEnded(), which the owner
 * calls) and a pause of loopPauseMs(), the next caption shows and the scenario runs again;
 * turning the loop on with nothing running starts a run.
 */
class PresenterView final : public QObject
{
    Q_OBJECT

public:
    /** What the presenter needs of the window it presents. */
    struct Hooks
    {
        std::function<bool()> isRunning;
        std::function<QString()> title;                       ///< the shown scenario's name
        std::function<std::optional<Model::Lesson>()> lesson; ///< the shown scenario's lesson
        std::function<QString()> description;                 ///< shown when it has no lesson
    };

    /**
     * `window` is presented; `chrome` are its widgets to hide besides the menu bar, status bar
     * and docks (the run settings, the run row); the title line goes first and the caption bar
     * last into `centralLayout`.
     */
    PresenterView(QMainWindow *window,
                  QVBoxLayout *centralLayout,
                  const QList<QWidget *> &chrome,
                  Hooks hooks,
                  QObject *parent = nullptr);
    ~PresenterView() override;

    /** How many times as thick the canvas's lines are while presenting (the owner applies
     *  it: CanvasScene::setLineScale). */
    static constexpr double kLineScale = 2.5;

    bool isActive() const { return m_active; }
    bool loops() const { return m_loop; }
    int loopPauseMs() const { return m_loopTimer.interval(); }
    void setLoopPauseMs(int milliseconds) { m_loopTimer.setInterval(milliseconds); }

    /** The captions of the shown scenario and which one is shown (-1: none). */
    QStringList captions() const { return m_captions; }
    int captionIndex() const { return m_caption; }
    /** The caption bar's text and the title line's, as shown. */
    QString captionText() const;
    QString titleText() const;

    /** "What to notice: …" for each notice, then "Try this: …" for each hint of `lesson`. */
    static QStringList captionsOf(const Model::Lesson &lesson);

public slots:
    void setActive(bool active);
    void setLoop(bool loop);
    /** Space: emits playPauseRequested(). */
    void playPause();
    /** Down: emits stepRequested(), or says that stepping needs watch mode. */
    void stepForward();
    void nextCaption();
    void previousCaption();
    /** The owner's call when a run ended (for the loop and the title line). */
    void runEnded();
    /** The owner's call when a run started, or the shown scenario or its lesson changed. */
    void refresh();

signals:
    void activeChanged(bool active);
    void loopChanged(bool loop);
    void playPauseRequested();
    void stepRequested();
    void captionChanged(int index);

private:
    void enter();
    void leave();
    void styleCharts(bool on);
    void showCaption();
    void onLoopTimeout();

    QMainWindow *m_window;
    QList<QPointer<QWidget>> m_chrome;
    Hooks m_hooks;
    bool m_active = false;
    bool m_loop = false;
    QStringList m_captions;
    int m_caption = -1;
    QString m_note; ///< a passing remark on the title line ("Stepping needs watch mode")

    QLabel *m_title = nullptr;
    QLabel *m_captionBar = nullptr;
    QList<QShortcut *> m_keys;
    QTimer m_loopTimer;

    // the window as it was before entering
    QByteArray m_geometry;
    QByteArray m_state;
    bool m_wasFullScreen = false;
    bool m_wasMaximized = false;
    QFont m_font;
    QPalette m_palette;
    QList<QPointer<QWidget>> m_hidden; ///< chrome that was visible, to show again
    QList<QMetaObject::Connection> m_chartHooks;
};

} // namespace Ui
