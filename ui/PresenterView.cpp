// SPDX-License-Identifier: GPL-3.0-or-later
#include "PresenterView.h"

#include <QApplication>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QMetaMethod>
#include <QShortcut>
#include <QStatusBar>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace Ui {

namespace {

constexpr double kFontScale = 1.6;
constexpr int kMinPointSize = 16;
constexpr double kLineScale = 3;
constexpr int kLoopPauseMs = 8000; // long enough to read the figures of a run
const char kBaseWidth[] = "presenterBaseWidth";
const char kBaseFont[] = "presenterBaseFont";

/** Black on white with strong accents: what reads best on a projector in a lit room. */
QPalette highContrast()
{
    QPalette p;
    const QColor white(Qt::white), black(Qt::black);
    for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(g, QPalette::Window, white);
        p.setColor(g, QPalette::WindowText, black);
        p.setColor(g, QPalette::Base, white);
        p.setColor(g, QPalette::AlternateBase, QColor(0xee, 0xee, 0xee));
        p.setColor(g, QPalette::Text, black);
        p.setColor(g, QPalette::Button, QColor(0xdd, 0xdd, 0xdd));
        p.setColor(g, QPalette::ButtonText, black);
        p.setColor(g, QPalette::Highlight, QColor(0x00, 0x3c, 0x9d));
        p.setColor(g, QPalette::HighlightedText, white);
        p.setColor(g, QPalette::PlaceholderText, QColor(0x30, 0x30, 0x30));
        p.setColor(g, QPalette::ToolTipBase, black);
        p.setColor(g, QPalette::ToolTipText, white);
    }
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x55, 0x55, 0x55));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x55, 0x55, 0x55));
    return p;
}

/** A font `scale` times `font`'s size (the stored base is used when there is one). */
QFont scaled(QFont font, double scale)
{
    font.setPointSizeF(std::max(font.pointSizeF() * scale, 1.0));
    return font;
}

/** Thick lines and large type on one chart, each time before it draws (graphs come and go). */
void presentPlot(QCustomPlot *plot)
{
    for (int i = 0; i < plot->graphCount(); ++i) {
        QCPGraph *graph = plot->graph(i);
        QPen pen = graph->pen();
        if (!graph->property(kBaseWidth).isValid())
            graph->setProperty(kBaseWidth, std::max(1.0, pen.widthF()));
        pen.setWidthF(graph->property(kBaseWidth).toDouble() * kLineScale);
        graph->setPen(pen);
    }
    for (QCPAxisRect *rect : plot->axisRects()) {
        for (QCPAxis *axis : rect->axes()) {
            if (!axis->property(kBaseFont).isValid()) {
                axis->setProperty(kBaseFont, axis->tickLabelFont());
                axis->setProperty("presenterBaseLabelFont", axis->labelFont());
                axis->setProperty("presenterBasePen", axis->basePen());
            }
            axis->setTickLabelFont(scaled(axis->property(kBaseFont).value<QFont>(), kFontScale));
            axis->setLabelFont(
                scaled(axis->property("presenterBaseLabelFont").value<QFont>(), kFontScale));
            QPen base = axis->property("presenterBasePen").value<QPen>();
            base.setWidthF(2);
            base.setColor(Qt::black);
            axis->setBasePen(base);
        }
    }
    if (plot->legend) {
        if (!plot->legend->property(kBaseFont).isValid())
            plot->legend->setProperty(kBaseFont, plot->legend->font());
        plot->legend->setFont(scaled(plot->legend->property(kBaseFont).value<QFont>(), kFontScale));
    }
}

/** Puts back what presentPlot() changed. */
void restorePlot(QCustomPlot *plot)
{
    for (int i = 0; i < plot->graphCount(); ++i) {
        QCPGraph *graph = plot->graph(i);
        if (graph->property(kBaseWidth).isValid()) {
            QPen pen = graph->pen();
            pen.setWidthF(graph->property(kBaseWidth).toDouble());
            graph->setPen(pen);
            graph->setProperty(kBaseWidth, QVariant());
        }
    }
    for (QCPAxisRect *rect : plot->axisRects()) {
        for (QCPAxis *axis : rect->axes()) {
            if (!axis->property(kBaseFont).isValid())
                continue;
            axis->setTickLabelFont(axis->property(kBaseFont).value<QFont>());
            axis->setLabelFont(axis->property("presenterBaseLabelFont").value<QFont>());
            axis->setBasePen(axis->property("presenterBasePen").value<QPen>());
            for (const char *name : {kBaseFont, "presenterBaseLabelFont", "presenterBasePen"})
                axis->setProperty(name, QVariant());
        }
    }
    if (plot->legend && plot->legend->property(kBaseFont).isValid()) {
        plot->legend->setFont(plot->legend->property(kBaseFont).value<QFont>());
        plot->legend->setProperty(kBaseFont, QVariant());
    }
}

QString valueText(const QJsonValue &v)
{
    const QByteArray json = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

} // namespace

PresenterView::PresenterView(QMainWindow *window,
                             QVBoxLayout *centralLayout,
                             const QList<QWidget *> &chrome,
                             Hooks hooks,
                             QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_hooks(std::move(hooks))
{
    setObjectName(QStringLiteral("presenterView"));
    for (QWidget *w : chrome)
        m_chrome.append(w);

    m_title = new QLabel(window);
    m_title->setObjectName(QStringLiteral("presenterTitle"));
    m_title->setTextFormat(Qt::RichText);
    m_title->setMargin(8);
    m_title->hide();
    m_captionBar = new QLabel(window);
    m_captionBar->setObjectName(QStringLiteral("presenterCaption"));
    m_captionBar->setWordWrap(true);
    m_captionBar->setTextFormat(Qt::RichText);
    m_captionBar->setMargin(16);
    m_captionBar->setAutoFillBackground(true);
    QPalette bar = m_captionBar->palette();
    bar.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xc2)); // a pale yellow band
    bar.setColor(QPalette::WindowText, Qt::black);
    m_captionBar->setPalette(bar);
    m_captionBar->hide();
    centralLayout->insertWidget(0, m_title);
    centralLayout->addWidget(m_captionBar);

    const auto key = [this, window](const QKeySequence &sequence, auto slot) {
        auto shortcut = new QShortcut(sequence, window);
        shortcut->setContext(Qt::WindowShortcut);
        shortcut->setEnabled(false);
        connect(shortcut, &QShortcut::activated, this, slot);
        m_keys.append(shortcut);
    };
    key(QKeySequence(Qt::Key_Space), &PresenterView::playPause);
    key(QKeySequence(Qt::Key_Right), &PresenterView::nextCaption);
    key(QKeySequence(Qt::Key_PageDown), &PresenterView::nextCaption);
    key(QKeySequence(Qt::Key_Left), &PresenterView::previousCaption);
    key(QKeySequence(Qt::Key_PageUp), &PresenterView::previousCaption);
    key(QKeySequence(Qt::Key_Down), &PresenterView::stepForward);
    key(QKeySequence(Qt::Key_L), [this] { setLoop(!m_loop); });
    key(QKeySequence(Qt::Key_Escape), [this] { setActive(false); });
    // F5 is View > Presenter View's own shortcut, which the owner keeps active on the window

    m_loopTimer.setSingleShot(true);
    m_loopTimer.setInterval(kLoopPauseMs);
    connect(&m_loopTimer, &QTimer::timeout, this, &PresenterView::onLoopTimeout);
}

PresenterView::~PresenterView() = default;

QStringList PresenterView::captionsOf(const Model::Lesson &lesson)
{
    QStringList out;
    for (const QString &n : lesson.notice)
        out << tr("<b>What to notice:</b> %1").arg(n.toHtmlEscaped());
    for (const Model::LessonTry &t : lesson.tries) {
        QString text = tr("<b>Try this:</b> %1").arg(t.text.toHtmlEscaped());
        if (!t.field.isEmpty() && t.value)
            text += QStringLiteral(" <code>%1 = %2</code>")
                        .arg(t.field.toHtmlEscaped(), valueText(*t.value).toHtmlEscaped());
        out << text;
    }
    return out;
}

QString PresenterView::captionText() const
{
    return m_captionBar->isHidden() ? QString() : m_captionBar->text();
}

QString PresenterView::titleText() const
{
    return m_title->text();
}

void PresenterView::setActive(bool active)
{
    if (active == m_active)
        return;
    if (active)
        enter();
    else
        leave();
    emit activeChanged(m_active);
}

void PresenterView::enter()
{
    m_active = true;
    m_geometry = m_window->saveGeometry();
    m_state = m_window->saveState();
    m_wasFullScreen = m_window->isFullScreen();
    m_wasMaximized = m_window->isMaximized();
    m_font = m_window->font();
    m_palette = m_window->palette();

    m_hidden.clear();
    QList<QWidget *> chrome;
    for (const QPointer<QWidget> &w : std::as_const(m_chrome)) {
        if (w)
            chrome << w;
    }
    chrome << m_window->menuBar() << m_window->statusBar();
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
        chrome << dock;
    for (QWidget *w : chrome) {
        if (w->isVisible()) {
            m_hidden.append(w);
            w->hide();
        }
    }
    QFont big = m_font;
    big.setPointSizeF(std::max(m_font.pointSizeF() * kFontScale, double(kMinPointSize)));
    m_window->setFont(big);
    m_window->setPalette(highContrast());
    QFont titleFont = big;
    titleFont.setPointSizeF(big.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    QFont captionFont = big;
    captionFont.setPointSizeF(big.pointSizeF() * 1.4);
    m_captionBar->setFont(captionFont);
    m_title->show();
    styleCharts(true);
    for (QShortcut *s : std::as_const(m_keys))
        s->setEnabled(true);
    if (QWidget *focus = QApplication::focusWidget())
        focus->clearFocus(); // keys go to the window, not to a field that takes Space
    m_window->showFullScreen();
    m_caption = -1;
    refresh();
    if (!m_captions.isEmpty())
        m_caption = 0;
    showCaption();
}

void PresenterView::leave()
{
    m_active = false;
    m_loopTimer.stop();
    for (QShortcut *s : std::as_const(m_keys))
        s->setEnabled(false);
    styleCharts(false);
    m_title->hide();
    m_captionBar->hide();
    m_window->setFont(m_font);
    m_window->setPalette(m_palette);
    for (const QPointer<QWidget> &w : std::as_const(m_hidden)) {
        if (w)
            w->show();
    }
    m_hidden.clear();
    if (m_wasFullScreen)
        m_window->showFullScreen();
    else if (m_wasMaximized)
        m_window->showMaximized();
    else
        m_window->showNormal();
    m_window->restoreGeometry(m_geometry);
    m_window->restoreState(m_state);
}

void PresenterView::styleCharts(bool on)
{
    for (const QMetaObject::Connection &c : std::as_const(m_chartHooks))
        disconnect(c);
    m_chartHooks.clear();
    for (QCustomPlot *plot : m_window->findChildren<QCustomPlot *>()) {
        if (on) {
            presentPlot(plot);
            m_chartHooks.append(
                connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { presentPlot(plot); }));
        } else {
            restorePlot(plot);
        }
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void PresenterView::setLoop(bool loop)
{
    if (loop == m_loop)
        return;
    m_loop = loop;
    if (!loop)
        m_loopTimer.stop();
    else if (m_active && !(m_hooks.isRunning && m_hooks.isRunning()))
        emit playPauseRequested(); // an unattended screen starts at once
    refresh();
    emit loopChanged(m_loop);
}

void PresenterView::playPause()
{
    m_note.clear();
    m_loopTimer.stop();
    emit playPauseRequested();
    refresh();
}

void PresenterView::stepForward()
{
    if (isSignalConnected(QMetaMethod::fromSignal(&PresenterView::stepRequested))) {
        m_note.clear();
        emit stepRequested();
    } else {
        m_note = tr("Stepping comes with watch mode; Space runs the whole scenario.");
    }
    refresh();
}

void PresenterView::nextCaption()
{
    if (m_captions.isEmpty())
        return;
    m_caption = (m_caption + 1) % int(m_captions.size());
    showCaption();
}

void PresenterView::previousCaption()
{
    if (m_captions.isEmpty())
        return;
    m_caption = (m_caption - 1 + int(m_captions.size())) % int(m_captions.size());
    showCaption();
}

void PresenterView::runEnded()
{
    if (m_active && m_loop)
        m_loopTimer.start();
    refresh();
}

void PresenterView::onLoopTimeout()
{
    if (!m_active || !m_loop || (m_hooks.isRunning && m_hooks.isRunning()))
        return;
    nextCaption();
    emit playPauseRequested();
    refresh();
}

void PresenterView::refresh()
{
    const std::optional<Model::Lesson> lesson = m_hooks.lesson ? m_hooks.lesson() : std::nullopt;
    const QStringList captions = lesson ? captionsOf(*lesson) : QStringList();
    if (captions != m_captions) {
        m_captions = captions;
        m_caption = m_captions.isEmpty() ? -1 : 0;
        showCaption();
    }
    if (!m_active)
        return;
    const bool running = m_hooks.isRunning && m_hooks.isRunning();
    const QString name = lesson ? lesson->title : (m_hooks.title ? m_hooks.title() : QString());
    QString state = running ? tr("running…") : tr("Space to run");
    if (m_loop)
        state += tr(" · loop on");
    QString line = tr("<b>%1</b> &nbsp; <span style=\"color:#003c9d\">%2</span>")
                       .arg(name.toHtmlEscaped(), state);
    if (!m_note.isEmpty())
        line += QStringLiteral(" &nbsp; <i>%1</i>").arg(m_note.toHtmlEscaped());
    line += tr("<br><small>Space run/stop · ←/→ captions · ↓ step · L loop · Esc leave</small>");
    m_title->setText(line);
}

void PresenterView::showCaption()
{
    if (!m_active)
        return;
    if (m_caption < 0 || m_caption >= m_captions.size()) {
        const QString description = m_hooks.description ? m_hooks.description() : QString();
        m_captionBar->setText(description.toHtmlEscaped());
        m_captionBar->setVisible(!description.isEmpty());
        return;
    }
    m_captionBar->setText(QStringLiteral("%1 <span style=\"color:#555\">(%2/%3)</span>")
                              .arg(m_captions.at(m_caption))
                              .arg(m_caption + 1)
                              .arg(m_captions.size()));
    m_captionBar->show();
    emit captionChanged(m_caption);
}

} // namespace Ui
