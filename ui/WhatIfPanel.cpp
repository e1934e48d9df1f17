// SPDX-License-Identifier: GPL-3.0-or-later
#include "WhatIfPanel.h"

#include "Document.h"
#include "Formatting.h"
#include "Results.h"
#include "ScenarioLimits.h"
#include "WhatIfRunner.h"

#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {

/** A value as the slider's label writes it: whole numbers plain, others to 4 digits. */
QString valueText(double v, bool integer)
{
    return integer ? QString::number(std::llround(v)) : QString::number(v, 'g', 6);
}

bool sameSliders(const QList<Model::WhatIfSlider> &a, const QList<Model::WhatIfSlider> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const Model::WhatIfSlider &x = a.at(i);
        const Model::WhatIfSlider &y = b.at(i);
        if (x.path != y.path || x.label != y.label || x.min != y.min || x.max != y.max
            || x.step != y.step || x.problem != y.problem || x.unit != y.unit)
            return false;
    }
    return true;
}

} // namespace

WhatIfPanel::WhatIfPanel(QWidget *parent)
    : QWidget(parent)
    , m_runner(new WhatIfRunner(this))
{
    setObjectName(QStringLiteral("whatIfPanel"));

    m_pinButton = new QToolButton(this);
    m_pinButton->setObjectName(QStringLiteral("whatIfPinButton"));
    m_pinButton->setText(tr("Pin…"));
    m_pinButton->setToolTip(tr("Pin a parameter of the workload or of the selected component as "
                               "a slider"));
    m_pinButton->setPopupMode(QToolButton::InstantPopup);
    auto pinMenu = new QMenu(m_pinButton);
    pinMenu->setObjectName(QStringLiteral("whatIfPinMenu"));
    m_pinButton->setMenu(pinMenu);
    connect(pinMenu, &QMenu::aboutToShow, this, &WhatIfPanel::fillPinMenu);

    m_window = new QDoubleSpinBox(this);
    m_window->setObjectName(QStringLiteral("whatIfWindow"));
    m_window->setRange(1, Model::Limits::kMaxWhatIfWindowS);
    m_window->setDecimals(0);
    m_window->setSuffix(tr(" s"));
    m_window->setKeyboardTracking(false);
    m_window->setToolTip(tr("Simulated time of the short run each move starts (what_if.window_s)"));
    connect(m_window, &QDoubleSpinBox::editingFinished, this, [this] {
        if (m_document && m_window->value() != Model::whatIfWindowS(m_document->scenario()))
            emit windowEdited(m_window->value());
    });
    auto windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_window);

    m_reset = new QPushButton(tr("Reset"), this);
    m_reset->setObjectName(QStringLiteral("whatIfReset"));
    m_reset->setToolTip(tr("Put the sliders back on the scenario's values"));
    connect(m_reset, &QPushButton::clicked, this, [this] {
        m_values.clear();
        for (int i = 0; i < m_rows.size(); ++i)
            showValue(i);
        setMessage({});
        requestRun();
    });
    m_apply = new QPushButton(tr("Apply to Scenario"), this);
    m_apply->setObjectName(QStringLiteral("whatIfApply"));
    m_apply->setToolTip(tr("Write the sliders' values into the scenario (one undo step)"));
    connect(m_apply, &QPushButton::clicked, this, [this] {
        const QList<QPair<QString, double>> values = overlay();
        if (!values.isEmpty())
            emit applyRequested(values);
    });

    auto top = new QHBoxLayout;
    top->addWidget(m_pinButton);
    top->addStretch(1);
    top->addWidget(windowLabel);
    top->addWidget(m_window);
    auto buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_reset);
    buttons->addWidget(m_apply);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("whatIfStatus"));
    m_status->setWordWrap(true);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("whatIfMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    QPalette red = m_message->palette();
    red.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    m_message->setPalette(red);
    m_message->hide();

    m_empty = new QLabel(tr("Pin a parameter (Pin…) to get a slider for it. Each move of a "
                            "slider re-runs a short simulation (the window) in the background "
                            "and shows its figures; nothing changes in the scenario until you "
                            "press Apply to Scenario."),
                         this);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    m_rowsWidget = new QWidget(this);
    m_rowsLayout = new QVBoxLayout(m_rowsWidget);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    auto scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_rowsWidget);

    auto layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_empty);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(m_runner, &WhatIfRunner::started, this, [this] {
        m_status->setText(tr("Re-running…"));
    });
    connect(m_runner,
            &WhatIfRunner::finished,
            this,
            [this](int, const Sim::RunResult &result, double milliseconds) {
                QElapsedTimer shown;
                shown.start();
                emit resultReady(result, header());
                const double total = milliseconds + double(shown.nsecsElapsed()) / 1e6;
                m_status->setText(tr("Updated in %1 ms: %2 s simulated, not saved.")
                                      .arg(std::lround(total))
                                      .arg(result.durationS));
            });
    connect(m_runner, &WhatIfRunner::refused, this, [this](int, const Model::Problems &problems) {
        QStringList lines;
        for (const Model::Problem &p : problems)
            lines << p.message;
        setMessage(lines.join(QLatin1Char('\n')));
        m_status->setText(tr("Not run: the scenario refuses these values."));
    });
    connect(m_runner, &WhatIfRunner::failed, this, [this](int, const QString &message) {
        setMessage(tr("The run failed: %1").arg(message));
        m_status->clear();
    });
    refresh();
}

WhatIfPanel::~WhatIfPanel() = default;

void WhatIfPanel::setDocument(Model::Document *document)
{
    if (document == m_document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_runner->cancel();
    m_document = document;
    m_values.clear();
    m_status->clear();
    setMessage({});
    if (m_document) {
        // the pins, their ranges and the values they show follow every change of the scenario
        using D = Model::Document;
        for (auto signal : {&D::whatIfChanged, &D::scenarioReset, &D::problemsChanged})
            connect(m_document, signal, this, &WhatIfPanel::refresh);
        // an edit in the inspector or on the canvas while what-if figures are on screen runs
        // them again (requests of one turn of the event loop start one run)
        for (auto signal : {&D::workloadChanged, &D::simulationChanged, &D::faultsChanged})
            connect(m_document, signal, this, &WhatIfPanel::scenarioEdited);
        for (auto signal : {&D::componentAdded, &D::componentRemoved, &D::componentChanged})
            connect(m_document, signal, this, &WhatIfPanel::scenarioEdited);
        connect(m_document, &D::componentRenamed, this, &WhatIfPanel::scenarioEdited);
    }
    refresh();
}

void WhatIfPanel::setFiguresShownSource(std::function<bool()> shown)
{
    m_figuresShown = std::move(shown);
}

void WhatIfPanel::setSelectionSource(std::function<QString()> selectedComponent)
{
    m_selectedComponent = std::move(selectedComponent);
}

void WhatIfPanel::setRunAllowed(bool allowed)
{
    m_runAllowed = allowed;
    if (!allowed)
        cancelRuns();
    for (const Row &row : std::as_const(m_rows)) {
        if (row.slider)
            row.slider->setEnabled(allowed);
        row.value->setEnabled(allowed);
    }
    m_reset->setEnabled(allowed);
}

void WhatIfPanel::cancelRuns()
{
    if (m_runner->isBusy())
        m_status->setText(tr("Stopped."));
    m_runner->cancel();
}

void WhatIfPanel::scenarioEdited()
{
    refresh();
    if (m_figuresShown && m_figuresShown())
        requestRun();
}

QList<QPair<QString, double>> WhatIfPanel::overlay() const
{
    QList<QPair<QString, double>> out;
    for (const Model::WhatIfSlider &s : m_sliders) {
        const auto it = m_values.constFind(s.path);
        if (s.problem.isEmpty() && it != m_values.cend() && *it != s.value)
            out.append({s.path, *it});
    }
    return out;
}

QString WhatIfPanel::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString WhatIfPanel::status() const
{
    return m_status->text();
}

void WhatIfPanel::refresh()
{
    const bool has = m_document != nullptr;
    m_pinButton->setEnabled(has);
    m_window->setEnabled(has);
    const QList<Model::WhatIfSlider> sliders = has ? Model::whatIfSliders(m_document->scenario())
                                                   : QList<Model::WhatIfSlider>();
    {
        const QSignalBlocker block(m_window);
        m_window->setValue(has ? Model::whatIfWindowS(m_document->scenario()) : 60);
    }
    const bool rebuild = !sameSliders(sliders, m_sliders);
    m_sliders = sliders;
    // an unpinned path leaves the overlay
    for (auto it = m_values.begin(); it != m_values.end();) {
        const bool pinned = std::any_of(m_sliders.cbegin(),
                                        m_sliders.cend(),
                                        [&](const Model::WhatIfSlider &s) {
                                            return s.path == it.key();
                                        });
        it = pinned ? std::next(it) : m_values.erase(it);
    }
    if (rebuild)
        rebuildRows();
    for (int i = 0; i < m_rows.size(); ++i)
        showValue(i);
    m_empty->setVisible(m_sliders.isEmpty());
    m_apply->setEnabled(!m_sliders.isEmpty());
    m_reset->setEnabled(!m_sliders.isEmpty() && m_runAllowed);
}

void WhatIfPanel::rebuildRows()
{
    while (QLayoutItem *item = m_rowsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_rows.clear();
    for (int i = 0; i < m_sliders.size(); ++i) {
        const Model::WhatIfSlider &s = m_sliders.at(i);
        auto box = new QWidget(m_rowsWidget);
        auto v = new QVBoxLayout(box);
        v->setContentsMargins(0, 4, 0, 4);
        auto head = new QHBoxLayout;
        auto name = new QLabel(QStringLiteral("<b>%1</b>").arg(s.label.toHtmlEscaped()), box);
        name->setToolTip(s.path);
        head->addWidget(name, 1);
        Row row;
        row.value = new QLineEdit(box);
        row.value->setObjectName(QStringLiteral("whatIfValue:") + s.path);
        row.value->setMaximumWidth(
            row.value->fontMetrics().horizontalAdvance(QStringLiteral("0000000.00")) + 12);
        row.value->setAlignment(Qt::AlignRight);
        row.value->setEnabled(m_runAllowed && s.problem.isEmpty());
        row.value->setToolTip(tr("Type a value and press Enter"));
        connect(row.value, &QLineEdit::editingFinished, this, [this, i] {
            if (i < m_rows.size() && i < m_sliders.size())
                setValueText(m_sliders.at(i).path, m_rows.at(i).value->text());
        });
        head->addWidget(row.value);
        if (!s.unit.isEmpty())
            head->addWidget(new QLabel(s.unit, box));
        auto unpin = new QToolButton(box);
        unpin->setObjectName(QStringLiteral("whatIfUnpin:") + s.path);
        unpin->setText(QStringLiteral("×"));
        unpin->setAutoRaise(true);
        unpin->setToolTip(tr("Unpin %1").arg(s.label));
        const QString path = s.path;
        connect(unpin, &QToolButton::clicked, this, [this, path] { emit unpinRequested(path); });
        head->addWidget(unpin);
        v->addLayout(head);
        if (!s.problem.isEmpty()) {
            auto problem = new QLabel(s.problem, box);
            problem->setWordWrap(true);
            problem->setPalette(m_message->palette());
            v->addWidget(problem);
        } else {
            auto line = new QHBoxLayout;
            auto low = new QLabel(valueText(s.min, s.integer), box);
            low->setForegroundRole(QPalette::PlaceholderText);
            auto high = new QLabel(valueText(s.max, s.integer), box);
            high->setForegroundRole(QPalette::PlaceholderText);
            row.slider = new QSlider(Qt::Horizontal, box);
            row.slider->setObjectName(QStringLiteral("whatIfSlider:") + s.path);
            row.slider->setRange(0, s.positions() - 1);
            row.slider->setPageStep(std::max(1, s.positions() / 10));
            row.slider->setEnabled(m_runAllowed);
            row.slider->setToolTip(
                tr("%1 from %2 to %3 in steps of %4")
                    .arg(s.label, low->text(), high->text(), valueText(s.step, s.integer)));
            connect(row.slider, &QSlider::valueChanged, this, [this, i](int position) {
                onSliderMoved(i, position);
            });
            line->addWidget(low);
            line->addWidget(row.slider, 1);
            line->addWidget(high);
            v->addLayout(line);
        }
        m_rows.append(row);
        m_rowsLayout->addWidget(box);
    }
    m_rowsLayout->addStretch(1);
}

void WhatIfPanel::showValue(int index)
{
    const Model::WhatIfSlider &s = m_sliders.at(index);
    const Row &row = m_rows.at(index);
    const double v = m_values.value(s.path, s.value);
    if (row.slider) {
        const QSignalBlocker block(row.slider);
        row.slider->setValue(s.positionOf(v));
    }
    if (!row.value->hasFocus() || row.value->text().isEmpty())
        row.value->setText(valueText(v, s.integer));
    // a value moved away from the scenario's reads in bold
    QFont font = row.value->font();
    font.setBold(v != s.value);
    row.value->setFont(font);
}

void WhatIfPanel::onSliderMoved(int index, int position)
{
    if (index >= m_sliders.size())
        return;
    setValue(index, m_sliders.at(index).valueAt(position));
}

void WhatIfPanel::setValue(int index, double value)
{
    m_values.insert(m_sliders.at(index).path, value);
    m_rows.at(index).value->setText(valueText(value, m_sliders.at(index).integer));
    showValue(index);
    setMessage({});
    requestRun();
}

bool WhatIfPanel::setValueText(const QString &path, const QString &text)
{
    int index = -1;
    for (int i = 0; i < m_sliders.size(); ++i) {
        if (m_sliders.at(i).path == path)
            index = i;
    }
    if (index < 0 || index >= m_rows.size())
        return false;
    const Model::WhatIfSlider &s = m_sliders.at(index);
    if (!s.problem.isEmpty()) {
        setMessage(s.problem);
        return false;
    }
    bool ok = false;
    const QString trimmed = text.trimmed();
    double value = QLocale().toDouble(trimmed, &ok);
    if (!ok)
        value = QLocale::c().toDouble(trimmed, &ok);
    if (!ok) {
        setMessage(tr("%1: “%2” is not a number; type one like %3")
                       .arg(s.label, trimmed, valueText(s.value, s.integer)));
        return false;
    }
    if (const QString why = Model::checkWhatIfValue(s, value); !why.isEmpty()) {
        setMessage(why);
        return false;
    }
    if (value == m_values.value(s.path, s.value)) {
        setMessage({}); // the value it has (the field lost the focus): nothing to run
        showValue(index);
        return true;
    }
    setValue(index, value);
    return true;
}

void WhatIfPanel::requestRun()
{
    if (!m_document || !m_runAllowed)
        return;
    m_runner->request(m_document->scenario(), overlay(), m_window->value());
}

QString WhatIfPanel::header() const
{
    const QString name = m_document ? m_document->scenario().name : QString();
    QStringList set;
    for (const auto &[path, value] : overlay()) {
        for (const Model::WhatIfSlider &s : m_sliders) {
            if (s.path == path)
                set << QStringLiteral("%1 = %2%3")
                           .arg(s.label.toHtmlEscaped(),
                                valueText(value, s.integer),
                                s.unit.isEmpty() ? QString() : QLatin1Char(' ') + s.unit);
        }
    }
    return tr("<b>What-if</b> of “%1”, %2 s simulated, not saved: %3")
        .arg(name.toHtmlEscaped())
        .arg(m_window->value())
        .arg(set.isEmpty()
                 ? tr("the scenario's own values")
                 : set.join(QStringLiteral(", ")) + tr(" (Apply to Scenario keeps them)"));
}

void WhatIfPanel::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QList<QPair<QString, QString>> WhatIfPanel::pinChoices() const
{
    QList<QPair<QString, QString>> out;
    if (!m_document)
        return out;
    const Model::Scenario &scenario = m_document->scenario();
    QStringList owners{QString()};
    const QString selected = m_selectedComponent ? m_selectedComponent() : QString();
    if (!selected.isEmpty())
        owners << selected;
    for (const QString &owner : owners) {
        for (const Model::WhatIfCandidate &c : Model::whatIfCandidates(scenario, owner))
            out.append({c.label, c.path});
    }
    return out;
}

void WhatIfPanel::fillPinMenu()
{
    QMenu *menu = m_pinButton->menu();
    menu->clear();
    if (!m_document)
        return;
    const Model::Scenario &scenario = m_document->scenario();
    QStringList pinned;
    if (scenario.whatIf) {
        for (const Model::WhatIfPin &p : scenario.whatIf->pinned)
            pinned << p.field;
    }
    auto add = [&](QMenu *to, const Model::WhatIfCandidate &c) {
        QAction *a = to->addAction(
            tr("%1 (now %2%3)")
                .arg(c.label,
                     formatPlain(c.value),
                     c.unit.isEmpty() ? QString() : QLatin1Char(' ') + c.unit));
        a->setToolTip(c.path);
        a->setCheckable(true);
        a->setChecked(pinned.contains(c.path));
        a->setEnabled(!pinned.contains(c.path));
        const QString path = c.path;
        connect(a, &QAction::triggered, this, [this, path] { emit pinRequested(path); });
    };
    auto section = [&](const QString &owner, const QString &title) {
        const QList<Model::WhatIfCandidate> candidates = Model::whatIfCandidates(scenario, owner);
        menu->addSection(title);
        QMenu *others = nullptr;
        for (const Model::WhatIfCandidate &c : candidates) {
            if (c.usual) {
                add(menu, c);
                continue;
            }
            if (!others)
                others = new QMenu(tr("Other Numbers of %1").arg(title), menu);
            add(others, c);
        }
        if (others)
            menu->addMenu(others);
    };
    menu->setToolTipsVisible(true);
    section(QString(), tr("Workload"));
    const QString selected = m_selectedComponent ? m_selectedComponent() : QString();
    if (!selected.isEmpty() && scenario.component(selected))
        section(selected, selected);
    else
        menu->addAction(tr("Select a component on the canvas to pin its parameters"))
            ->setEnabled(false);
}

} // namespace Ui
