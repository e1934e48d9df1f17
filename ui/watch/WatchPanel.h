// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Spec.h"

#include <QElapsedTimer>
#include <QImage>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QAction;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;
class QTextBrowser;
class QToolButton;
QT_END_NAMESPACE

namespace Model {
class WatchSession;
}

namespace Ui {

class BackgroundJob;
class CanvasScene;
class CanvasView;
class WatchOverlay;

/**
 * The Watch dock (Simulation > Watch…): records one replication of the shown scenario
 * (Model::WatchSession, on a worker thread) and plays it on the canvas through a
 * WatchOverlay. Play and pause, step to the next event, restart (the same recording, so the
 * same seed), a speed from 1/100 of real time through real time (1×) to as fast as
 * possible, the simulated clock, the colour legend, the theory overlay's table, and the
 * path and timings of a followed request (click a dot on the canvas).
 *
 * The session is the model; the panel only moves its cursor. Signals: recordingFinished()
 * when a recording is ready (or failed: see message()), cursorMoved() after every frame or
 * step that moved the clock.
 */
class WatchPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit WatchPanel(QWidget *parent = nullptr);
    ~WatchPanel() override;

    /** The canvas to paint on; the overlay moves there (nullptr: none). */
    void setCanvas(CanvasScene *scene, CanvasView *view);
    /** Records `spec` (checked) in the background and then shows it paused at 0. False while
     *  a recording runs. */
    bool watch(const Sim::Spec &spec);
    /** Leaves watch mode: playback stops and the overlay goes. */
    void stop();
    bool isRecording() const;
    /** Waits (for tests) until a running recording has finished; false after `ms`. */
    bool waitForRecording(int ms);

    const Model::WatchSession *session() const { return m_session.get(); }
    WatchOverlay *overlay() const { return m_overlay; }
    bool isPlaying() const { return m_timer.isActive(); }
    /** Simulated seconds per wall second; 0 = as fast as possible. */
    double speed() const;
    void setSpeed(double factor);
    /** The recording window, simulated seconds. */
    double windowS() const;
    void setWindowS(double seconds);
    /** The last message (limits of the recording, errors); empty when none. */
    QString message() const;
    /** What the dock says under the theory table about the selected component (rich text). */
    QString theoryNotes() const;
    /** The followed request's path and timings as plain text (empty: none followed). */
    QString followText() const;

    QAction *playAction() const { return m_play; }
    QAction *stepAction() const { return m_step; }
    QAction *restartAction() const { return m_restart; }
    QAction *saveAnimationAction() const { return m_saveAnimation; }

    /** The canvas with the overlay at the cursor, at most `maxWidth` pixels wide, with the
     *  simulated clock in its corner (a frame of the animation); null when nothing shows. */
    QImage frame(int maxWidth = 960) const;
    /**
     * Records the animation from the cursor on: `seconds` of playback at the chosen speed,
     * `fps` frames a second (the cursor moves as when playing). A file name ending in .gif
     * gets an animated GIF (GifWriter), any other the PNG sequence name-0001.png,
     * name-0002.png, ... beside it. False, with `error` set, when nothing is watched or a
     * file cannot be written.
     */
    bool exportAnimation(const QString &fileName, double seconds, int fps, QString *error);

public slots:
    void play();
    void pause();
    void togglePlay();
    /** Applies the next event (pauses first). */
    void stepEvent();
    /** Back to time 0 of the same recording. */
    void restart();
    /** Follows the request of `visit` (its first visit's path); -1 stops following. */
    void follow(int visit);
    /** Moves the clock on by `wallS` seconds at the chosen speed (the timer's work). */
    void advance(double wallS);

signals:
    void recordingFinished();
    void cursorMoved();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void recordingDone();
    void showCursor();
    void fillTheory();
    void showNotes(int row);
    void fillLegend();
    void updateActions();
    void saveAnimationDialog();

    std::unique_ptr<Model::WatchSession> m_session;
    std::unique_ptr<Model::WatchSession> m_recorded; ///< written by the worker
    QString m_recordError;
    bool m_discard = false; ///< stop() during a recording: drop it when it ends
    BackgroundJob *m_job = nullptr;
    QPointer<CanvasScene> m_scene;
    QPointer<CanvasView> m_view;
    WatchOverlay *m_overlay = nullptr;
    QTimer m_timer;
    QElapsedTimer m_clock;

    QAction *m_play = nullptr;
    QAction *m_step = nullptr;
    QAction *m_restart = nullptr;
    QAction *m_saveAnimation = nullptr;
    QDoubleSpinBox *m_animationLength = nullptr;
    QComboBox *m_speed = nullptr;
    QDoubleSpinBox *m_window = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_legend = nullptr;
    QTableWidget *m_theory = nullptr;
    QLabel *m_notes = nullptr;
    QTextBrowser *m_follow = nullptr;
    int m_followed = -1;
};

} // namespace Ui
