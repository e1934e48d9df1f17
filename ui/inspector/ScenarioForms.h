// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Binder.h"
#include "FieldRegistry.h"
#include "Scenario.h"

#include <QWidget>

#include <memory>

class QFormLayout;
class QGroupBox;
class QPlainTextEdit;
class QTimer;
class QVBoxLayout;

namespace Ui {

class FieldMessage;

/**
 * A form for one part of the scenario that is not a component (workload, simulation
 * settings, faults, name and description). load() shows the document's values without
 * emitting; each form's edited() signal carries the whole changed part.
 */
class InspectorPage : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorPage(QWidget *parent = nullptr);

    virtual void load(const Model::Scenario &scenario) = 0;
    void showProblems(const Model::Problems &problems) { m_registry.showProblems(problems); }
    bool focusPath(const QString &path);
    QWidget *fieldFor(const QString &path) const { return m_registry.fieldFor(path); }

protected:
    QFormLayout *addSection(const QString &title);
    QVBoxLayout *sections() const { return m_sections; }
    FieldRegistry m_registry;

private:
    QVBoxLayout *m_sections;
};

/** "workload": entry, arrivals of every kind, request types. */
class WorkloadForm : public InspectorPage
{
    Q_OBJECT

public:
    explicit WorkloadForm(QWidget *parent = nullptr);
    void load(const Model::Scenario &scenario) override;

signals:
    void edited(const Model::Workload &after, const QString &mergeKey);

private:
    std::unique_ptr<Binder<Model::Workload>> m_binder;
    const Model::Scenario *m_scenario = nullptr;
};

/**
 * "simulation": duration, warm-up, seed, replications, bucket; and the scenario's "network"
 * (latency and bandwidth between components) as a checkable group.
 */
class SimulationForm : public InspectorPage
{
    Q_OBJECT

public:
    explicit SimulationForm(QWidget *parent = nullptr);
    ~SimulationForm() override;
    void load(const Model::Scenario &scenario) override;

signals:
    void edited(const Model::SimulationSettings &after, const QString &mergeKey);
    void networkEdited(const std::optional<Model::Network> &after, const QString &mergeKey);

private:
    std::unique_ptr<Binder<Model::SimulationSettings>> m_binder;
    std::unique_ptr<Binder<std::optional<Model::Network>>> m_networkBinder;
    QGroupBox *m_network = nullptr;
};

/**
 * "faults": one card per fault with its kind, target, times and the kind's fields. The
 * controller does not merge fault edits, so numbers commit when the field is left (or on
 * Enter), not on every keystroke: one undo step per field edit.
 */
class FaultsForm : public InspectorPage
{
    Q_OBJECT

public:
    explicit FaultsForm(QWidget *parent = nullptr);
    void load(const Model::Scenario &scenario) override;

signals:
    void edited(const QList<Model::Fault> &after);

private:
    std::unique_ptr<Binder<QList<Model::Fault>>> m_binder;
    const Model::Scenario *m_scenario = nullptr;
};

/** "name" and "description". Each commits when its field is left. */
class ScenarioHeaderForm : public InspectorPage
{
    Q_OBJECT

public:
    explicit ScenarioHeaderForm(QWidget *parent = nullptr);
    void load(const Model::Scenario &scenario) override;

signals:
    void edited(const QString &name, const QString &description);
    void sloEdited(const QString &slo);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void commit();
    void commitSlo();

    QLineEdit *m_name;
    FieldMessage *m_nameMessage;
    QPlainTextEdit *m_description;
    QLineEdit *m_slo;
    FieldMessage *m_sloMessage;
    QString m_loadedName;
    QString m_loadedDescription;
    QString m_loadedSlo;
};

} // namespace Ui
