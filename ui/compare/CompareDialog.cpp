// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompareDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {
constexpr int kIdRole = Qt::UserRole;
}

CompareDialog::CompareDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("compareDialog"));
    setWindowTitle(tr("Compare Scenarios"));

    auto intro = new QLabel(tr("Run 2 to 4 scenarios on the same requests and compare them "
                               "with the baseline."),
                            this);
    intro->setWordWrap(true);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("compareScenarioList"));
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        fillBaselines();
        updateState();
    });

    m_baseline = new QComboBox(this);
    m_baseline->setObjectName(QStringLiteral("compareBaseline"));
    m_baseline->setToolTip(tr("Deltas are the other scenarios minus this one"));

    m_replications = new QSpinBox(this);
    m_replications->setObjectName(QStringLiteral("compareReplications"));
    m_replications->setRange(1, 1000);
    m_replications->setValue(10);
    m_replications->setToolTip(tr("Runs of each scenario; the intervals need at least 2"));
    connect(m_replications, &QSpinBox::valueChanged, this, &CompareDialog::updateState);

    m_crn = new QCheckBox(tr("Common random numbers"), this);
    m_crn->setObjectName(QStringLiteral("compareCrn"));
    m_crn->setChecked(true);
    m_crn->setToolTip(tr("Every scenario sees the same requests at the same times, so the "
                         "differences are measured with less noise"));

    auto form = new QFormLayout;
    form->addRow(tr("&Baseline:"), m_baseline);
    form->addRow(tr("&Replications:"), m_replications);
    form->addRow(QString(), m_crn);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("compareHint"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("compareMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("compareProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_compareButton = m_buttons->addButton(tr("&Compare"), QDialogButtonBox::AcceptRole);
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_compareButton->setDefault(true);
    connect(m_compareButton, &QPushButton::clicked, this, &CompareDialog::compare);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CompareDialog::reject);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_hint);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    resize(420, 420);
    updateState();
}

void CompareDialog::setChoices(const QList<Choice> &choices, const QStringList &checked)
{
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        int ticked = 0;
        for (const Choice &c : choices) {
            auto item = new QListWidgetItem(c.name, m_list);
            item->setData(kIdRole, c.id);
            const bool tick = c.comparable && checked.contains(c.id) && ticked < kMaxChosen;
            ticked += tick ? 1 : 0;
            if (c.comparable) {
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                item->setCheckState(tick ? Qt::Checked : Qt::Unchecked);
            } else {
                item->setFlags(Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Unchecked);
                item->setToolTip(c.why);
            }
        }
    }
    fillBaselines();
    updateState();
}

QStringList CompareDialog::checkedIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            ids.append(m_list->item(i)->data(kIdRole).toString());
    }
    return ids;
}

void CompareDialog::setChecked(const QString &id, bool checked)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        if (item->data(kIdRole).toString() == id && (item->flags() & Qt::ItemIsEnabled))
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
}

QString CompareDialog::baselineId() const
{
    return m_baseline->currentData().toString();
}

void CompareDialog::setBaseline(const QString &id)
{
    const int i = m_baseline->findData(id);
    if (i >= 0)
        m_baseline->setCurrentIndex(i);
}

int CompareDialog::replications() const
{
    return m_replications->value();
}

void CompareDialog::setReplications(int replications)
{
    m_replications->setValue(replications);
}

bool CompareDialog::commonRandomNumbers() const
{
    return m_crn->isChecked();
}

void CompareDialog::setCommonRandomNumbers(bool on)
{
    m_crn->setChecked(on);
}

void CompareDialog::fillBaselines()
{
    // keeps the baseline while it stays ticked, else the first ticked scenario
    const QString was = baselineId();
    const QSignalBlocker blocker(m_baseline);
    m_baseline->clear();
    for (int i = 0; i < m_list->count(); ++i) {
        const QListWidgetItem *item = m_list->item(i);
        if (item->checkState() == Qt::Checked)
            m_baseline->addItem(item->text(), item->data(kIdRole));
    }
    const int keep = m_baseline->findData(was);
    m_baseline->setCurrentIndex(keep >= 0 ? keep : 0);
}

bool CompareDialog::canCompare() const
{
    const qsizetype n = checkedIds().size();
    return !m_running && n >= kMinChosen && n <= kMaxChosen;
}

void CompareDialog::compare()
{
    if (!canCompare())
        return;
    setMessage({});
    emit compareRequested();
}

void CompareDialog::updateState()
{
    const qsizetype n = checkedIds().size();
    if (n < kMinChosen)
        m_hint->setText(
            tr("Tick %1 to %2 scenarios (%3 ticked).").arg(kMinChosen).arg(kMaxChosen).arg(n));
    else if (n > kMaxChosen)
        m_hint->setText(tr("At most %1 scenarios at once (%2 ticked).").arg(kMaxChosen).arg(n));
    else
        m_hint->setText(tr("%1 scenarios × %2 replications.").arg(n).arg(replications()));
    m_compareButton->setEnabled(canCompare());
    m_list->setEnabled(!m_running);
    m_baseline->setEnabled(!m_running && n > 0);
    m_replications->setEnabled(!m_running);
    m_crn->setEnabled(!m_running);
}

void CompareDialog::setRunning(bool running)
{
    m_running = running;
    m_progress->setVisible(running);
    if (running)
        m_progress->setValue(0);
    updateState();
}

void CompareDialog::setProgress(double fraction)
{
    m_progress->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
}

void CompareDialog::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString CompareDialog::message() const
{
    return m_message->text();
}

void CompareDialog::reject()
{
    // Cancel while running stops the comparison; the dialog closes when it has ended.
    if (m_running) {
        emit cancelRequested();
        return;
    }
    QDialog::reject();
}

} // namespace Ui
