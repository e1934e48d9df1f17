// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScenarioPanel.h"

#include "format/Schema.h"

#include "Formatting.h"
#include "SeedSpinBox.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Ui {

namespace {

constexpr double kMaxSeconds = 1e8; // a little over three years of simulated time
constexpr int kMaxReplications = 1000;

/** Seconds with millisecond precision, shown without trailing zeros ("2000 s", "0.25 s"). */
class SecondsSpinBox final : public QDoubleSpinBox
{
public:
    explicit SecondsSpinBox(QWidget *parent = nullptr)
        : QDoubleSpinBox(parent)
    {
        setDecimals(3);
        setRange(0, kMaxSeconds);
        setSuffix(QStringLiteral(" s"));
        setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        setGroupSeparatorShown(false);
    }

    QString textFromValue(double value) const override { return formatPlain(value); }
};

QLabel *fieldLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

ScenarioPanel::ScenarioPanel(QWidget *parent)
    : QWidget(parent)
{
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("scenarioName"));
    QFont titleFont = m_name->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_name->setFont(titleFont);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("scenarioSource"));
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_source->setForegroundRole(QPalette::PlaceholderText);

    m_description = new QLabel(this);
    m_description->setObjectName(QStringLiteral("scenarioDescription"));
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("scenarioSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    m_duration = new SecondsSpinBox(this);
    m_duration->setObjectName(QStringLiteral("durationSpinBox"));
    m_duration->setMinimum(0.001);
    m_duration->setToolTip(tr("Simulated time of each replication (overrides duration_s)"));

    m_warmup = new SecondsSpinBox(this);
    m_warmup->setObjectName(QStringLiteral("warmupSpinBox"));
    m_warmup->setToolTip(tr("Metrics before this simulated time are discarded (overrides "
                            "warmup_s); must be shorter than the duration"));

    m_seed = new SeedSpinBox(this);
    m_seed->setObjectName(QStringLiteral("seedSpinBox"));
    m_seed->setToolTip(tr("Random seed: the same seed gives the same results (overrides seed)"));

    m_replications = new QSpinBox(this);
    m_replications->setObjectName(QStringLiteral("replicationsSpinBox"));
    m_replications->setRange(1, kMaxReplications);
    m_replications->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_replications->setToolTip(tr("Independent runs with different random streams; results are "
                                  "their mean with 95% confidence intervals (overrides "
                                  "replications)"));

    // each edit names its field by the format's key (the row of the run settings' table)
    auto edited = [this](auto member) {
        const QString field = Model::Format::keyOf(member);
        return [this, field] { emit settingsEdited(settings(), field); };
    };
    using Model::SimulationSettings;
    connect(m_duration,
            &QDoubleSpinBox::valueChanged,
            this,
            edited(&SimulationSettings::durationS));
    connect(m_warmup, &QDoubleSpinBox::valueChanged, this, edited(&SimulationSettings::warmupS));
    connect(m_seed, &SeedSpinBox::valueChanged, this, edited(&SimulationSettings::seed));
    connect(m_replications,
            &QSpinBox::valueChanged,
            this,
            edited(&SimulationSettings::replications));

    auto settingsRow = new QHBoxLayout;
    settingsRow->addWidget(fieldLabel(tr("D&uration:"), m_duration, this));
    settingsRow->addWidget(m_duration);
    settingsRow->addSpacing(12);
    settingsRow->addWidget(fieldLabel(tr("&Warm-up:"), m_warmup, this));
    settingsRow->addWidget(m_warmup);
    settingsRow->addSpacing(12);
    settingsRow->addWidget(fieldLabel(tr("See&d:"), m_seed, this));
    settingsRow->addWidget(m_seed);
    settingsRow->addSpacing(12);
    settingsRow->addWidget(fieldLabel(tr("Re&plications:"), m_replications, this));
    settingsRow->addWidget(m_replications);
    settingsRow->addStretch(1);

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The name with where it is from on one line: the canvas below needs the height.
    auto titleRow = new QHBoxLayout;
    titleRow->addWidget(m_name);
    titleRow->addSpacing(12);
    titleRow->addWidget(m_source, 1, Qt::AlignBaseline);
    layout->addLayout(titleRow);
    layout->addWidget(m_description);
    layout->addWidget(m_summary);
    layout->addSpacing(4);
    layout->addLayout(settingsRow);

    setUnreadable(QString());
}

void ScenarioPanel::setScenario(const QString &name,
                                const QString &description,
                                const QString &summary,
                                const QString &source,
                                const RunSettings &settings)
{
    m_hasScenario = true;
    m_name->setText(name.isEmpty() ? tr("(unnamed scenario)") : name);
    m_source->setText(source);
    m_description->setText(description);
    m_description->setVisible(!description.isEmpty());
    m_summary->setText(summary);
    m_summary->setVisible(!summary.isEmpty());
    setSettings(settings);
    setEditable(true);
}

void ScenarioPanel::setSettings(const RunSettings &settings)
{
    const QSignalBlocker durationBlocker(m_duration);
    const QSignalBlocker warmupBlocker(m_warmup);
    const QSignalBlocker seedBlocker(m_seed);
    const QSignalBlocker replicationsBlocker(m_replications);
    // Only values that differ: setting the value a field already has would rewrite its
    // text, and the field being typed in would lose what the user is in the middle of.
    if (m_duration->value() != settings.durationS)
        m_duration->setValue(settings.durationS);
    if (m_warmup->value() != settings.warmupS)
        m_warmup->setValue(settings.warmupS);
    if (m_seed->value() != settings.seed)
        m_seed->setValue(settings.seed);
    if (m_replications->value() != settings.replications)
        m_replications->setValue(settings.replications);
}

void ScenarioPanel::setUnreadable(const QString &source)
{
    m_hasScenario = false;
    m_name->setText(source.isEmpty() ? tr("No scenario open") : tr("Scenario not readable"));
    m_source->setText(source);
    m_description->clear();
    m_description->hide();
    m_summary->clear();
    m_summary->hide();
    setEditable(false);
}

RunSettings ScenarioPanel::settings() const
{
    return {m_duration->value(), m_warmup->value(), m_seed->value(), m_replications->value()};
}

void ScenarioPanel::setEditable(bool editable)
{
    const bool enabled = editable && m_hasScenario;
    m_duration->setEnabled(enabled);
    m_warmup->setEnabled(enabled);
    m_seed->setEnabled(enabled);
    m_replications->setEnabled(enabled);
}

} // namespace Ui
