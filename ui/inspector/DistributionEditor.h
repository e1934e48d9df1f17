// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QFrame>
#include <QHash>

#include <optional>

class QComboBox;
class QLabel;

namespace Ui {

class NumberField;

/**
 * A small picture of a duration distribution: its density over [0, a high quantile],
 * painted from the closed-form pdf, with the mean marked by a dashed line. A constant is a
 * single spike. Degenerate parameters (missing, zero, NaN, min > max) paint a dash.
 */
class DistributionPreview : public QWidget
{
    Q_OBJECT

public:
    explicit DistributionPreview(QWidget *parent = nullptr);
    void setDistribution(const std::optional<Model::Distribution> &distribution);
    QSize sizeHint() const override;

    /** The density at x (ms) and the mean, or nullopt when the parameters are unusable. */
    static std::optional<double> density(const Model::Distribution &d, double x);
    static std::optional<double> mean(const Model::Distribution &d);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::optional<Model::Distribution> m_distribution;
};

/**
 * The one editor of every duration field (cpu_ms, latency_ms, query times, hit_ms...): a
 * kind combo (constant, exp, uniform, lognormal, erlang), the kind's parameters and a
 * preview of the shape.
 *
 * An optional editor (setOptional()) has a first kind "default" meaning "left out". Switching
 * kinds keeps the mean where it can. A constant remembers whether it was written as a bare
 * number or as {"dist": "const"}, so saving does not change its form.
 *
 * setDistribution()/setOptionalDistribution() emit nothing. A user edit emits edited() and
 * then changed(distribution), or cleared() when the default kind was picked.
 */
class DistributionEditor : public QFrame
{
    Q_OBJECT

public:
    explicit DistributionEditor(QWidget *parent = nullptr);

    /** Adds the "default" entry, described by `defaultText` ("default (0.3 ms)"). */
    void setOptional(const QString &defaultText);

    void setDistribution(const Model::Distribution &distribution);
    void setOptionalDistribution(const std::optional<Model::Distribution> &distribution);
    Model::Distribution distribution() const
    {
        return m_distribution.value_or(Model::Distribution{});
    }
    const std::optional<Model::Distribution> &optionalDistribution() const
    {
        return m_distribution;
    }

    /** "value", "mean", "min", "max", "stddev", "k": the JSON names of the parameters. */
    static QStringList parameterNames();
    NumberField *parameterField(const QString &name) const { return m_fields.value(name); }
    QComboBox *kindCombo() const { return m_kind; }
    DistributionPreview *preview() const { return m_preview; }

signals:
    void edited();
    void changed(const Model::Distribution &distribution);
    void cleared();

private:
    void showValue();
    void kindPicked();
    void parameterEdited();
    void emitEdit();

    QComboBox *m_kind;
    QHash<QString, NumberField *> m_fields;
    QHash<QString, QLabel *> m_labels;
    DistributionPreview *m_preview;
    std::optional<Model::Distribution> m_distribution;
    bool m_optional = false;
    bool m_bare = true; ///< the form a constant had when last shown
};

} // namespace Ui
