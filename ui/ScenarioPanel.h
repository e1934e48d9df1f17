// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <cstdint>

QT_BEGIN_NAMESPACE
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
QT_END_NAMESPACE

namespace Ui {

class SeedSpinBox;

/** The simulation settings a run uses; they override the scenario's `simulation` block. */
struct RunSettings
{
    double durationS = 0;
    double warmupS = 0;
    std::uint64_t seed = 0;
    int replications = 1;
};

/**
 * Shows the open scenario (name, where it came from, description, a one-line summary of its
 * workload and components) and lets the user edit the run settings (the scenario's
 * `simulation` block). It holds nothing but what it displays: a user edit emits
 * settingsEdited() with the field that changed (the main window turns it into an undoable
 * document edit); setSettings() shows new values without emitting.
 */
class ScenarioPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ScenarioPanel(QWidget *parent = nullptr);

    /** Shows a scenario and resets the settings to its own values. */
    void setScenario(const QString &name,
                     const QString &description,
                     const QString &summary,
                     const QString &source,
                     const RunSettings &settings);
    /** Shows that nothing could be read from `source`; the settings are disabled. */
    void setUnreadable(const QString &source);

    /** Shows `settings` without emitting settingsEdited() (undo, edits in the inspector). */
    void setSettings(const RunSettings &settings);
    RunSettings settings() const;
    /** Enables or disables the settings editors (while a run goes on, for instance). */
    void setEditable(bool editable);

signals:
    /** The user changed one setting; `field` is "duration_s", "warmup_s", "seed" or
     *  "replications". */
    void settingsEdited(const Ui::RunSettings &settings, const QString &field);

private:
    QLabel *m_name = nullptr;
    QLabel *m_source = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_summary = nullptr;
    QDoubleSpinBox *m_duration = nullptr;
    QDoubleSpinBox *m_warmup = nullptr;
    SeedSpinBox *m_seed = nullptr;
    QSpinBox *m_replications = nullptr;
    bool m_hasScenario = false;
};

} // namespace Ui
