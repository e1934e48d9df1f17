// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"
#include "analysis/WhatIf.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QWidget>

#include <functional>

QT_BEGIN_NAMESPACE
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QToolButton;
class QVBoxLayout;
QT_END_NAMESPACE

namespace Sim {
struct RunResult;
}

namespace Model {
class Document;
}

namespace Ui {

class WhatIfRunner;

/**
 * The What-if dock: the shown scenario's pinned parameters as sliders (Model::whatIfSliders).
 * Moving a slider, or typing a value beside it, asks the WhatIfRunner for a short run of the
 * scenario with the sliders' values (the window, "what_if.window_s"); a run still going on is
 * cancelled, and only the newest run's figures come out, through resultReady().
 *
 * The slider values are a temporary overlay on the scenario, not edits of it: moving a slider
 * pushes no undo step and marks nothing modified. Apply to Scenario asks for them to become
 * the scenario's values (applyRequested(): one undo step); Reset puts the sliders back on the
 * scenario's values. Pinning, unpinning and the window are edits of the scenario ("what_if"),
 * asked for with pinRequested(), unpinRequested() and windowEdited(): the owner pushes them
 * as undo steps, and the panel follows the document.
 *
 * Object names for tests: whatIfPinButton, whatIfWindow, whatIfApply, whatIfReset,
 * whatIfStatus, whatIfMessage, and per slider "whatIfSlider:PATH", "whatIfValue:PATH",
 * "whatIfUnpin:PATH".
 */
class WhatIfPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit WhatIfPanel(QWidget *parent = nullptr);
    ~WhatIfPanel() override;

    /** The scenario to show (nullptr: none); a run for another scenario is dropped. */
    void setDocument(Model::Document *document);
    /** Whether the figures on screen are still this panel's last resultReady() (the window
     *  knows: a run or a saved run may have replaced them). Edits of the scenario re-run
     *  them while it says so. */
    void setFiguresShownSource(std::function<bool()> shown);
    /** Where Pin… takes the component whose parameters it offers (empty: the workload only). */
    void setSelectionSource(std::function<QString()> selectedComponent);
    /** While false (a normal run goes on), the sliders are disabled and nothing runs. */
    void setRunAllowed(bool allowed);
    /** Drops the run going on and any waiting one; their figures never come out. */
    void cancelRuns();

    WhatIfRunner *runner() const { return m_runner; }
    /** The sliders shown, in the order pinned. */
    const QList<Model::WhatIfSlider> &sliders() const { return m_sliders; }
    /** The values moved away from the scenario's: (path, value), in the sliders' order. */
    QList<QPair<QString, double>> overlay() const;
    /**
     * Gives slider `path` the value `text` as if typed beside it: refused with a sentence in
     * message() when it is not a number the slider takes, else the slider moves there and a
     * run is asked for. False when refused or when there is no such slider.
     */
    bool setValueText(const QString &path, const QString &text);
    /** The reason a value was refused (empty: none). */
    QString message() const;
    /** "Re-running…", "Updated in 84 ms", ... */
    QString status() const;
    /** The Pin… menu's entries for the current selection: (label, path); for tests. */
    QList<QPair<QString, QString>> pinChoices() const;

signals:
    /** Pin… chose `path`: the owner adds it to the scenario's "what_if" (one undo step). */
    void pinRequested(const QString &path);
    void unpinRequested(const QString &path);
    /** The window spin box was edited: the owner sets "what_if.window_s". */
    void windowEdited(double seconds);
    /** Apply to Scenario: the owner sets `values` in the scenario (one undo step). */
    void applyRequested(const QList<QPair<QString, double>> &values);
    /** The newest short run finished: its figures, and a header (rich text) saying what it is. */
    void resultReady(const Sim::RunResult &result, const QString &header);

private:
    struct Row
    {
        QSlider *slider = nullptr;
        QLineEdit *value = nullptr;
    };

    void refresh();
    /** An edit of the scenario (not of its pins): the sliders follow it, and figures of a
     *  short run on screen are run again on the edited scenario. */
    void scenarioEdited();
    void rebuildRows();
    void fillPinMenu();
    void onSliderMoved(int index, int position);
    void setValue(int index, double value);
    void showValue(int index);
    void requestRun();
    QString header() const;
    void setMessage(const QString &text);

    QPointer<Model::Document> m_document;
    std::function<QString()> m_selectedComponent;
    WhatIfRunner *m_runner = nullptr;
    bool m_runAllowed = true;
    std::function<bool()> m_figuresShown;
    QList<Model::WhatIfSlider> m_sliders;
    QHash<QString, double> m_values; ///< the overlay: path -> the value its slider shows
    QList<Row> m_rows;

    QToolButton *m_pinButton = nullptr;
    QDoubleSpinBox *m_window = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_reset = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_empty = nullptr;
    QWidget *m_rowsWidget = nullptr;
    QVBoxLayout *m_rowsLayout = nullptr;
};

} // namespace Ui
