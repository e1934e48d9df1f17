// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Lint.h"

#include <QDialog>
#include <QHash>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QDoubleSpinBox;
class QPushButton;
class QSpinBox;
class QTableWidget;
QT_END_NAMESPACE

namespace Ui {

/**
 * File > Lint Settings…: the project's lint thresholds (each with its default and the rule it
 * moves, docs/lint.md) and the findings its team silenced, with their reasons; Remove takes a
 * silence back. The dialog edits a copy: settings() is what the user accepted, for the caller
 * to apply as one undo step (ScenarioEditors::setLintSettings).
 */
class LintSettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    /** `scenarioNames`: the project's scenario names by id, to say where a silence applies. */
    LintSettingsDialog(const Model::LintSettings &settings,
                       const QHash<QString, QString> &scenarioNames,
                       QWidget *parent = nullptr);

    Model::LintSettings settings() const;
    /** Sets every threshold back to its default (the silences stay). */
    void resetThresholds();
    QTableWidget *silencedTable() const { return m_silenced; }
    /** Removes the silenced finding in `row` of the table. */
    void removeSilence(int row);

private:
    void fillSilenced();

    Model::LintSettings m_settings;
    QHash<QString, QString> m_names;
    QSpinBox *m_hops = nullptr;
    QDoubleSpinBox *m_blockingMs = nullptr;
    QDoubleSpinBox *m_zipf = nullptr;
    QCheckBox *m_dbTimeout = nullptr;
    QTableWidget *m_silenced = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace Ui
