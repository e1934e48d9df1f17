// SPDX-License-Identifier: GPL-3.0-or-later
#include "LintSettingsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Ui {

namespace {

enum SilencedColumn { ScenarioColumn, RuleColumn, ComponentColumn, ReasonColumn, ColumnCount };

} // namespace

LintSettingsDialog::LintSettingsDialog(const Model::LintSettings &settings,
                                       const QHash<QString, QString> &scenarioNames,
                                       QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_names(scenarioNames)
{
    setWindowTitle(tr("Lint Settings"));
    setObjectName(QStringLiteral("lintSettingsDialog"));
    auto *layout = new QVBoxLayout(this);

    const Model::LintThresholds defaults;
    auto *thresholds = new QGroupBox(tr("Thresholds of this project"), this);
    auto *form = new QFormLayout(thresholds);
    m_hops = new QSpinBox(thresholds);
    m_hops->setObjectName(QStringLiteral("syncChainMaxHops"));
    m_hops->setRange(1, 100);
    m_hops->setSuffix(tr(" hops"));
    m_hops->setToolTip(tr("sync-chain-depth fires when a chain of synchronous service calls has "
                          "more hops than this (default %1).")
                           .arg(defaults.syncChainMaxHops));
    form->addRow(tr("Longest synchronous chain:"), m_hops);
    m_blockingMs = new QDoubleSpinBox(thresholds);
    m_blockingMs->setObjectName(QStringLiteral("eventLoopBlockingCpuMs"));
    m_blockingMs->setRange(0, 60000);
    m_blockingMs->setDecimals(1);
    m_blockingMs->setSuffix(tr(" ms"));
    m_blockingMs->setToolTip(tr("event-loop-blocking fires for CPU work on an event loop, not "
                                "offloaded, with a mean of at least this (default %1 ms).")
                                 .arg(defaults.eventLoopBlockingCpuMs));
    form->addRow(tr("CPU that blocks an event loop:"), m_blockingMs);
    m_zipf = new QDoubleSpinBox(thresholds);
    m_zipf->setObjectName(QStringLiteral("hotCacheZipf"));
    m_zipf->setRange(0, 10);
    m_zipf->setDecimals(2);
    m_zipf->setSingleStep(0.1);
    m_zipf->setToolTip(tr("cache-stampede calls a cache hot when a step looks it up with at "
                          "least this Zipf skew (default %1).")
                           .arg(defaults.hotCacheZipf));
    form->addRow(tr("Zipf skew of a hot cache:"), m_zipf);
    m_dbTimeout = new QCheckBox(tr("Calls to databases need a timeout too"), thresholds);
    m_dbTimeout->setObjectName(QStringLiteral("databaseCallsNeedTimeout"));
    m_dbTimeout->setToolTip(tr("call-without-timeout: by default only calls to services, load "
                               "balancers, gateways and external APIs need one."));
    form->addRow(QString(), m_dbTimeout);
    auto *reset = new QPushButton(tr("&Defaults"), thresholds);
    connect(reset, &QPushButton::clicked, this, &LintSettingsDialog::resetThresholds);
    form->addRow(QString(), reset);
    layout->addWidget(thresholds);

    const Model::LintThresholds &t = m_settings.thresholds;
    m_hops->setValue(t.syncChainMaxHops);
    m_blockingMs->setValue(t.eventLoopBlockingCpuMs);
    m_zipf->setValue(t.hotCacheZipf);
    m_dbTimeout->setChecked(t.databaseCallsNeedTimeout);

    auto *silenced = new QGroupBox(tr("Silenced findings"), this);
    auto *box = new QVBoxLayout(silenced);
    auto *hint = new QLabel(tr("Silence a finding from its row in the Problems panel (right "
                               "click). Remove one here to see it again."),
                            silenced);
    hint->setWordWrap(true);
    box->addWidget(hint);
    m_silenced = new QTableWidget(0, ColumnCount, silenced);
    m_silenced->setObjectName(QStringLiteral("silencedTable"));
    m_silenced->setHorizontalHeaderLabels(
        {tr("Scenario"), tr("Rule"), tr("Component"), tr("Reason")});
    m_silenced->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_silenced->setSelectionMode(QAbstractItemView::SingleSelection);
    m_silenced->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_silenced->verticalHeader()->hide();
    m_silenced->horizontalHeader()->setStretchLastSection(true);
    box->addWidget(m_silenced);
    m_remove = new QPushButton(tr("&Remove"), silenced);
    m_remove->setObjectName(QStringLiteral("removeSilenceButton"));
    connect(m_remove, &QPushButton::clicked, this, [this] {
        removeSilence(m_silenced->currentRow());
    });
    connect(m_silenced, &QTableWidget::itemSelectionChanged, this, [this] {
        m_remove->setEnabled(m_silenced->currentRow() >= 0);
    });
    box->addWidget(m_remove, 0, Qt::AlignLeft);
    layout->addWidget(silenced, 1);
    fillSilenced();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(620, 480);
}

void LintSettingsDialog::fillSilenced()
{
    m_silenced->setRowCount(0);
    for (const Model::LintSilence &s : std::as_const(m_settings.silenced)) {
        const int row = m_silenced->rowCount();
        m_silenced->insertRow(row);
        const QString scenario = m_names.value(s.scenarioId, tr("(removed scenario)"));
        m_silenced->setItem(row, ScenarioColumn, new QTableWidgetItem(scenario));
        m_silenced->setItem(row, RuleColumn, new QTableWidgetItem(s.rule));
        m_silenced->setItem(row,
                            ComponentColumn,
                            new QTableWidgetItem(s.component.isEmpty() ? tr("(scenario)")
                                                                       : s.component));
        auto *reason = new QTableWidgetItem(s.reason);
        reason->setToolTip(s.reason);
        m_silenced->setItem(row, ReasonColumn, reason);
    }
    m_silenced->resizeColumnsToContents();
    m_remove->setEnabled(m_silenced->currentRow() >= 0);
}

void LintSettingsDialog::removeSilence(int row)
{
    if (row < 0 || row >= m_settings.silenced.size())
        return;
    m_settings.silenced.removeAt(row);
    fillSilenced();
}

void LintSettingsDialog::resetThresholds()
{
    const Model::LintThresholds defaults;
    m_hops->setValue(defaults.syncChainMaxHops);
    m_blockingMs->setValue(defaults.eventLoopBlockingCpuMs);
    m_zipf->setValue(defaults.hotCacheZipf);
    m_dbTimeout->setChecked(defaults.databaseCallsNeedTimeout);
}

Model::LintSettings LintSettingsDialog::settings() const
{
    Model::LintSettings out = m_settings;
    out.thresholds.syncChainMaxHops = m_hops->value();
    out.thresholds.eventLoopBlockingCpuMs = m_blockingMs->value();
    out.thresholds.hotCacheZipf = m_zipf->value();
    out.thresholds.databaseCallsNeedTimeout = m_dbTimeout->isChecked();
    return out;
}

} // namespace Ui
