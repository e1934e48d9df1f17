// SPDX-License-Identifier: GPL-3.0-or-later
#include "WatchPanel.h"

#include "BackgroundJob.h"
#include "CanvasScene.h"
#include "CanvasView.h"
#include "GifWriter.h"
#include "TableExport.h"
#include "WatchOverlay.h"
#include "watch/WatchSession.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace Ui {

namespace {

struct Speed
{
    const char *label;
    double factor; // simulated s per wall s; 0 = as fast as possible
};
constexpr Speed kSpeeds[] = {{"1/100×", 0.01},
                             {"1/10×", 0.1},
                             {"1/4×", 0.25},
                             {"1× (real time)", 1},
                             {"10×", 10},
                             {"100×", 100},
                             {"As fast as possible", 0}};
constexpr int kRealTime = 3;
/** Events applied per frame at "as fast as possible". */
constexpr std::size_t kEventsPerFrame = 4000;

QString ms(double v)
{
    if (!std::isfinite(v))
        return v > 0 ? QStringLiteral("∞") : QStringLiteral("–");
    if (v > 0 && v < 0.005)
        return QStringLiteral("<0.01");
    return QString::number(v, v < 1 ? 'f' : 'g', v < 1 ? 2 : 3);
}

QString share(double v)
{
    return std::isfinite(v) ? QString::number(v, 'f', 2) : QStringLiteral("–");
}

/** "theory | run" of one figure; empty when neither applies. */
QString pair(const QString &theory, const QString &run)
{
    const QString none = QStringLiteral("–");
    return theory == none && run == none ? QString() : theory + QStringLiteral(" | ") + run;
}

} // namespace

WatchPanel::WatchPanel(QWidget *parent)
    : QWidget(parent)
    , m_job(new BackgroundJob(QStringLiteral("watch recording"), this))
{
    setObjectName(QStringLiteral("watchPanel"));
    m_play = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Play / Pause"), this);
    m_play->setObjectName(QStringLiteral("watchPlayAction"));
    m_play->setShortcut(QKeySequence(Qt::Key_F8));
    m_play->setToolTip(tr("Play or pause the watched run (F8)"));
    m_step = new QAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("&Step"), this);
    m_step->setObjectName(QStringLiteral("watchStepAction"));
    m_step->setShortcut(QKeySequence(Qt::Key_F10));
    m_step->setToolTip(tr("Pause and go to the next event (F10)"));
    m_restart = new QAction(style()->standardIcon(QStyle::SP_MediaSkipBackward),
                            tr("&Restart"),
                            this);
    m_restart->setObjectName(QStringLiteral("watchRestartAction"));
    m_restart->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8));
    m_restart->setToolTip(tr("Back to the start of the same run, same seed (Shift+F8)"));
    m_saveAnimation = new QAction(tr("Save &Animation…"), this);
    m_saveAnimation->setObjectName(QStringLiteral("watchSaveAnimationAction"));
    m_saveAnimation->setToolTip(tr("Save the next seconds of playback as an animated GIF or "
                                   "a PNG sequence"));
    connect(m_saveAnimation, &QAction::triggered, this, &WatchPanel::saveAnimationDialog);
    connect(m_play, &QAction::triggered, this, &WatchPanel::togglePlay);
    connect(m_step, &QAction::triggered, this, &WatchPanel::stepEvent);
    connect(m_restart, &QAction::triggered, this, &WatchPanel::restart);

    auto button = [this](QAction *a) {
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonIconOnly);
        return b;
    };
    m_speed = new QComboBox(this);
    m_speed->setObjectName(QStringLiteral("watchSpeed"));
    for (const Speed &s : kSpeeds)
        m_speed->addItem(QString::fromUtf8(s.label), s.factor);
    m_speed->setCurrentIndex(kRealTime);
    m_speed->setToolTip(tr("Simulated time per second of real time"));
    m_window = new QDoubleSpinBox(this);
    m_window->setObjectName(QStringLiteral("watchWindow"));
    m_window->setRange(0.1, 3600);
    m_window->setDecimals(1);
    m_window->setValue(30);
    m_window->setSuffix(tr(" s"));
    m_window->setToolTip(tr("Simulated seconds to record (from the start of the run) at the "
                            "next Simulation > Watch…"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(button(m_restart));
    bar->addWidget(button(m_play));
    bar->addWidget(button(m_step));
    bar->addWidget(m_speed, 1);
    m_time = new QLabel(this);
    m_time->setObjectName(QStringLiteral("watchClock"));
    m_time->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("watchMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #8a5a00"));
    m_legend = new QLabel(this);
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);

    m_theory = new QTableWidget(0, 4, this);
    m_theory->setObjectName(QStringLiteral("watchTheory"));
    m_theory->setHorizontalHeaderLabels(
        {tr("Component"), tr("ρ theory | run"), tr("Wq ms M/M/c | run"), tr("Hit Che | run")});
    m_theory->verticalHeader()->hide();
    m_theory->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_theory->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_theory->setSelectionMode(QAbstractItemView::SingleSelection);
    m_theory->horizontalHeader()->setStretchLastSection(true);
    installTableExport(m_theory, tr("Theory and run"));
    m_notes = new QLabel(this);
    m_notes->setObjectName(QStringLiteral("watchTheoryNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::RichText);
    m_notes->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    connect(m_theory, &QTableWidget::currentCellChanged, this, [this](int row) { showNotes(row); });
    m_theory->setToolTip(tr("Queueing theory beside the watched run: utilisation λS/c from the "
                            "estimated load, the M/M/c mean wait in queue (Erlang C) and, for "
                            "caches, Che's approximation of the LRU hit ratio"));
    m_follow = new QTextBrowser(this);
    m_follow->setObjectName(QStringLiteral("watchFollow"));
    m_follow->setPlaceholderText(tr("Click a dot on the canvas to follow its request."));

    m_animationLength = new QDoubleSpinBox(this);
    m_animationLength->setObjectName(QStringLiteral("watchAnimationLength"));
    m_animationLength->setRange(0.1, 600);
    m_animationLength->setDecimals(1);
    m_animationLength->setValue(5);
    m_animationLength->setSuffix(tr(" s"));
    m_animationLength->setToolTip(tr("Seconds of playback (at the chosen speed) that Save "
                                     "Animation… records, 15 frames a second"));
    auto *animation = new QHBoxLayout;
    animation->addWidget(m_animationLength, 1);
    animation->addWidget(button(m_saveAnimation));
    auto *form = new QFormLayout;
    form->addRow(tr("Record"), m_window);
    form->addRow(tr("Animation"), animation);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_time);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_legend);
    auto *theory = new QWidget(this);
    auto *theoryLayout = new QVBoxLayout(theory);
    theoryLayout->setContentsMargins(0, 0, 0, 0);
    theoryLayout->addWidget(m_theory, 1);
    theoryLayout->addWidget(m_notes);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(theory);
    split->addWidget(m_follow);
    layout->addWidget(split, 1);

    m_timer.setInterval(33);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const double wall = m_clock.isValid() ? m_clock.restart() / 1000.0 : 0.033;
        advance(std::min(wall, 0.25));
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this, &WatchPanel::showCursor);
    connect(m_job, &BackgroundJob::finished, this, &WatchPanel::recordingDone);
    connect(m_job, &BackgroundJob::failed, this, [this](const QString &message) {
        m_recordError = message;
        recordingDone();
    });
    updateActions();
    showCursor();
}

WatchPanel::~WatchPanel()
{
    // the overlay belongs to the scene, which may outlive the panel
    stop();
}

void WatchPanel::setCanvas(CanvasScene *scene, CanvasView *view)
{
    if (m_scene == scene && m_view == view)
        return;
    if (m_overlay && m_scene)
        delete m_overlay; // removes itself from its scene
    m_overlay = nullptr;
    if (m_view)
        m_view->viewport()->removeEventFilter(this);
    m_scene = scene;
    m_view = view;
    if (m_view)
        m_view->viewport()->installEventFilter(this);
    if (m_scene && m_session) {
        m_overlay = new WatchOverlay(m_scene);
        static_cast<QGraphicsScene *>(m_scene.data())->addItem(m_overlay);
        m_overlay->setSession(m_session.get());
        m_overlay->setFollowed(m_followed);
        showCursor();
    }
}

bool WatchPanel::watch(const Sim::Spec &spec)
{
    if (m_job->isRunning())
        return false;
    pause();
    m_recordError.clear();
    m_discard = false;
    m_message->setText(tr("Recording %1 s of the run…").arg(windowS()));
    Model::WatchSession::Limits limits;
    limits.windowS = windowS();
    updateActions();
    return m_job->start(
        [this, spec, limits](const std::atomic<bool> &cancel, BackgroundJob::Progress &) {
            m_recorded = Model::WatchSession::record(spec, limits, &cancel);
        });
}

void WatchPanel::recordingDone()
{
    if (m_discard) {
        m_recorded.reset();
        m_message->clear();
        updateActions();
        emit recordingFinished();
        return;
    }
    if (!m_recordError.isEmpty() || !m_recorded) {
        m_message->setText(tr("Recording failed: %1").arg(m_recordError));
        updateActions();
        emit recordingFinished();
        return;
    }
    if (m_overlay)
        m_overlay->setSession(nullptr);
    m_session = std::move(m_recorded);
    m_followed = -1;
    m_follow->clear();
    m_message->setText(m_session->limitMessage());
    if (m_scene && !m_overlay) {
        m_overlay = new WatchOverlay(m_scene);
        static_cast<QGraphicsScene *>(m_scene.data())->addItem(m_overlay);
    }
    if (m_overlay)
        m_overlay->setSession(m_session.get());
    fillLegend();
    fillTheory();
    updateActions();
    showCursor();
    emit recordingFinished();
}

bool WatchPanel::isRecording() const
{
    return m_job->isRunning();
}

bool WatchPanel::waitForRecording(int ms)
{
    if (!m_job->isRunning())
        return true;
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    connect(this, &WatchPanel::recordingFinished, &loop, &QEventLoop::quit);
    loop.exec();
    return !m_job->isRunning();
}

void WatchPanel::stop()
{
    pause();
    if (m_job->isRunning()) {
        m_job->cancel();
        m_discard = true; // a recording of what is no longer shown
    }
    if (m_scene) // else the scene has deleted it with its items
        delete m_overlay;
    m_overlay = nullptr;
    m_session.reset();
    updateActions();
}

double WatchPanel::speed() const
{
    return m_speed->currentData().toDouble();
}

void WatchPanel::setSpeed(double factor)
{
    int best = 0;
    for (int i = 0; i < m_speed->count(); ++i) {
        if (std::abs(m_speed->itemData(i).toDouble() - factor)
            < std::abs(m_speed->itemData(best).toDouble() - factor))
            best = i;
    }
    m_speed->setCurrentIndex(best);
}

double WatchPanel::windowS() const
{
    return m_window->value();
}

void WatchPanel::setWindowS(double seconds)
{
    m_window->setValue(seconds);
}

QString WatchPanel::message() const
{
    return m_message->text();
}

QString WatchPanel::followText() const
{
    return m_follow->toPlainText();
}

void WatchPanel::play()
{
    if (!m_session || m_session->atEnd())
        return;
    m_clock.start();
    m_timer.start();
    updateActions();
}

void WatchPanel::pause()
{
    m_timer.stop();
    m_clock.invalidate();
    updateActions();
}

void WatchPanel::togglePlay()
{
    if (isPlaying())
        pause();
    else
        play();
}

void WatchPanel::stepEvent()
{
    pause();
    if (m_session && m_session->step())
        showCursor();
}

void WatchPanel::restart()
{
    if (!m_session)
        return;
    m_session->restart();
    showCursor();
}

void WatchPanel::advance(double wallS)
{
    if (!m_session)
        return;
    const double factor = speed();
    if (factor > 0) {
        m_session->advanceTo(m_session->time()
                             + static_cast<Sim::Tick>(std::llround(wallS * factor * 1e9)));
    } else {
        const std::size_t to = std::min(m_session->position() + kEventsPerFrame,
                                        m_session->eventCount());
        m_session->advanceTo(to > 0 ? m_session->eventTime(to - 1) : 0);
    }
    if (m_session->atEnd() || (factor <= 0 && m_session->position() >= m_session->eventCount()))
        pause();
    showCursor();
}

void WatchPanel::showCursor()
{
    if (!m_session) {
        m_time->setText(tr("Simulation > Watch… records the shown scenario."));
        return;
    }
    const Model::WatchSession &s = *m_session;
    m_time->setText(tr("t = %1 s of %2 s · event %3 of %4")
                        .arg(Sim::ticksToSeconds(s.time()), 0, 'f', 6)
                        .arg(Sim::ticksToSeconds(s.endTime()), 0, 'f', 1)
                        .arg(s.position())
                        .arg(s.eventCount()));
    if (m_overlay) {
        // the glow averages and a failure flashes over half a second of wall time at the
        // chosen speed (at least 1 ms of simulated time)
        const double factor = speed() > 0 ? speed() : 100;
        m_overlay->setWindow(std::max<qint64>(1'000'000, std::llround(0.5 * factor * 1e9)));
        m_overlay->refresh();
    }
    if (m_followed >= 0)
        follow(m_followed);
    emit cursorMoved();
}

void WatchPanel::follow(int visit)
{
    if (!m_session || visit < 0 || static_cast<std::size_t>(visit) >= m_session->visits().size()) {
        m_followed = -1;
        m_follow->clear();
        if (m_overlay)
            m_overlay->setFollowed(-1);
        return;
    }
    const Model::WatchSession &s = *m_session;
    const int root = s.visits()[static_cast<std::size_t>(visit)].root;
    m_followed = root;
    if (m_overlay)
        m_overlay->setFollowed(root);
    const auto &components = s.spec().components;
    auto id = [&components](int c) {
        return c >= 0 ? QString::fromStdString(components[static_cast<std::size_t>(c)].id)
                      : QStringLiteral("(outside)");
    };
    const Model::WatchVisit &r = s.visits()[static_cast<std::size_t>(root)];
    QString html = tr("<b>Request %1</b> (%2), from %3 ms:<br>")
                       .arg(root)
                       .arg(r.name >= 0 ? s.names().at(r.name).toHtmlEscaped() : QString())
                       .arg(Sim::ticksToMs(r.begin), 0, 'f', 3);
    html += tr("<table cellspacing=0 cellpadding=2><tr><th align=left>visit</th><th "
               "align=right>began</th><th align=right>took</th><th></th></tr>");
    for (const int v : s.requestPath(root)) {
        const Model::WatchVisit &x = s.visits()[static_cast<std::size_t>(v)];
        if (!s.applied(x.beginEvent))
            break; // the path so far: what comes later is not shown yet
        int depth = 0;
        for (int p = x.parent; p >= 0; p = s.visits()[static_cast<std::size_t>(p)].parent)
            ++depth;
        const bool running = !s.applied(x.endEvent);
        QString status;
        if (running)
            status = tr("in progress");
        else if (x.ok)
            status = QStringLiteral("✓");
        else
            status = QStringLiteral("<span style='color:#c00000'>✗ %1</span>")
                         .arg(QString::fromLatin1(Sim::failureReasonName(x.reason)));
        const QString hop = x.from >= 0 ? id(x.from) + QStringLiteral(" → ") + id(x.comp)
                                        : QStringLiteral("→ ") + id(x.comp);
        html += QStringLiteral("<tr><td>%1%2</td><td align=right>+%3 ms</td><td "
                               "align=right>%4</td><td>&nbsp;%5</td></tr>")
                    .arg(QString(depth * 2, QChar(0xa0)), hop.toHtmlEscaped())
                    .arg(Sim::ticksToMs(x.begin - r.begin), 0, 'f', 3)
                    .arg(running ? QStringLiteral("…")
                                 : QString::number(Sim::ticksToMs(x.end - x.begin), 'f', 3)
                                       + QStringLiteral(" ms"))
                    .arg(status);
    }
    html += QStringLiteral("</table>");
    m_follow->setHtml(html);
}

void WatchPanel::fillLegend()
{
    if (!m_session) {
        m_legend->clear();
        return;
    }
    QStringList parts;
    for (const int name : m_session->rootNames()) {
        parts << QStringLiteral("<span style='color:%1'>●</span> %2")
                     .arg(WatchOverlay::nameColor(name).name(),
                          m_session->names().at(name).toHtmlEscaped());
    }
    parts << QStringLiteral("<span style='color:#e01010'>◯</span> %1").arg(tr("failed"));
    m_legend->setText(parts.join(QStringLiteral(" &nbsp; ")));
}

void WatchPanel::fillTheory()
{
    m_theory->setRowCount(0);
    if (!m_session)
        return;
    const QList<Model::WatchTheory> &rows = m_session->theory();
    m_theory->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const Model::WatchTheory &t = rows.at(r);
        const QString cs = std::isfinite(t.servers) ? QString::number(t.servers, 'g', 4)
                                                    : QStringLiteral("?");
        auto *name = new QTableWidgetItem(t.id);
        name->setToolTip(tr("%1: c = %2 %3, λ = %4/s estimated (%5/s in the run), S = %6 ms")
                             .arg(t.id,
                                  cs,
                                  t.limit,
                                  ms(t.arrivalsPerS),
                                  ms(t.measuredArrivalsPerS),
                                  ms(t.serviceMs)));
        m_theory->setItem(r, 0, name);
        m_theory->setItem(r,
                          1,
                          new QTableWidgetItem(
                              pair(share(t.utilisation), share(t.measuredUtilisation))));
        m_theory->setItem(r, 2, new QTableWidgetItem(pair(ms(t.waitMs), ms(t.measuredWaitMs))));
        m_theory->setItem(r,
                          3,
                          new QTableWidgetItem(pair(share(t.hitRatio), share(t.measuredHitRatio))));
        if (t.differs) {
            name->setText(t.id + QStringLiteral(" ≠"));
            for (int col = 0; col < 4; ++col)
                m_theory->item(r, col)->setForeground(QColor(0x9a, 0x40, 0x00));
        }
    }
    m_theory->resizeColumnsToContents();
    m_theory->horizontalHeader()->setStretchLastSection(true);
    // the notes of the first that differs, until the user picks a row
    int first = 0;
    while (first < rows.size() && !rows.at(first).differs)
        ++first;
    if (!rows.isEmpty())
        m_theory->setCurrentCell(first < rows.size() ? first : 0, 0);
    showNotes(m_theory->currentRow());
}

void WatchPanel::showNotes(int row)
{
    if (!m_session || row < 0 || row >= m_session->theory().size()) {
        m_notes->setText(tr("Pick a component to see how theory and run compare."));
        return;
    }
    const Model::WatchTheory &t = m_session->theory().at(row);
    QString html = QStringLiteral("<b>%1</b> (%2): ").arg(t.id.toHtmlEscaped(), t.limit);
    if (!t.differs) {
        html += tr("theory and run agree within what the run's length explains.");
    } else {
        html += tr("they differ.<ul style='margin-left:-20px'>");
        for (const QString &n : t.notes)
            html += QStringLiteral("<li>%1</li>").arg(n.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    m_notes->setText(html);
}

QString WatchPanel::theoryNotes() const
{
    return m_notes->text();
}

void WatchPanel::updateActions()
{
    const bool has = m_session != nullptr && !m_job->isRunning();
    m_play->setEnabled(has);
    m_step->setEnabled(has);
    m_restart->setEnabled(has);
    m_saveAnimation->setEnabled(has && m_overlay != nullptr);
    m_play->setIcon(
        style()->standardIcon(isPlaying() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

QImage WatchPanel::frame(int maxWidth) const
{
    if (!m_scene || !m_overlay || !m_session)
        return {};
    const QRectF source = m_scene->contentRect() | m_overlay->boundingRect();
    if (source.isEmpty())
        return {};
    const qreal scale = std::min<qreal>(1.0, maxWidth / source.width());
    const QSize size(qRound(source.width() * scale), qRound(source.height() * scale));
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    m_scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), source);
    painter.setPen(QColor(0x20, 0x20, 0x20));
    painter.drawText(QRectF(8, 4, size.width() - 16, 20),
                     Qt::AlignLeft | Qt::AlignTop,
                     tr("t = %1 s").arg(Sim::ticksToSeconds(m_session->time()), 0, 'f', 3));
    return image;
}

bool WatchPanel::exportAnimation(const QString &fileName, double seconds, int fps, QString *error)
{
    auto failed = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!m_session || !m_overlay)
        return failed(tr("nothing is watched"));
    pause();
    fps = std::clamp(fps, 1, 60);
    const int frames = std::max(1, static_cast<int>(std::lround(seconds * fps)));
    const bool gif = fileName.endsWith(QLatin1String(".gif"), Qt::CaseInsensitive);
    const QFileInfo info(fileName);
    const QString base = info.dir().filePath(info.completeBaseName());
    GifWriter writer;
    for (int i = 0; i < frames; ++i) {
        if (i > 0)
            advance(1.0 / fps);
        const QImage image = frame();
        if (image.isNull())
            return failed(tr("the canvas shows nothing"));
        if (gif) {
            if (i == 0 && !writer.open(fileName, image.size(), 1000 / fps))
                return failed(tr("%1: %2").arg(fileName, writer.errorString()));
            if (!writer.addFrame(image))
                return failed(tr("%1: %2").arg(fileName, writer.errorString()));
        } else {
            const QString name
                = QStringLiteral("%1-%2.png").arg(base).arg(i + 1, 4, 10, QLatin1Char('0'));
            if (!image.save(name, "PNG"))
                return failed(tr("%1 cannot be written").arg(name));
        }
    }
    if (gif && !writer.close())
        return failed(tr("%1: %2").arg(fileName, writer.errorString()));
    return true;
}

void WatchPanel::saveAnimationDialog()
{
    const QString fileName
        = QFileDialog::getSaveFileName(this,
                                       tr("Save Animation"),
                                       QDir::home().filePath(QStringLiteral("watch.gif")),
                                       tr("Animated GIF (*.gif);;PNG sequence (*.png)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!exportAnimation(fileName, m_animationLength->value(), 15, &error))
        QMessageBox::warning(this, tr("Save Animation"), tr("Not saved: %1").arg(error));
}

bool WatchPanel::eventFilter(QObject *watched, QEvent *event)
{
    // a click on a dot follows its request; any other click goes to the canvas. The event's
    // type is tested first: the filter also sees the viewport's events while the canvas view
    // is being destroyed, when m_view (a QPointer<CanvasView>) must not be read: its cast of
    // a half-destroyed QWidget is undefined behaviour (UBSan, tst_mainwindow and
    // tst_watchpanel under scripts/test-sanitize)
    if (event->type() == QEvent::MouseButtonPress && m_view && watched == m_view->viewport()
        && m_overlay && m_session) {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton) {
            const qreal radius = 8 / std::max(0.1, m_view->zoom());
            const int visit = m_overlay->dotAt(m_view->mapToScene(mouse->position().toPoint()),
                                               radius);
            if (visit >= 0) {
                follow(visit);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Ui
