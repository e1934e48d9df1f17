// SPDX-License-Identifier: GPL-3.0-or-later
#include "DistributionEditor.h"

#include "ElidingComboBox.h"
#include "NumberField.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

#include <cmath>
#include <numbers>

namespace Ui {

using Kind = Model::Distribution::Kind;

namespace {

constexpr int kDefaultKind = -1;

bool usable(const std::optional<double> &v)
{
    return v && std::isfinite(*v) && *v >= 0;
}

/** Lognormal parameters (mu, sigma) of the log from the mean and standard deviation. */
std::optional<std::pair<double, double>> lognormalParameters(const Model::Distribution &d)
{
    if (!usable(d.mean) || !usable(d.stddev) || *d.mean <= 0 || *d.stddev <= 0)
        return std::nullopt;
    const double m = *d.mean, s = *d.stddev;
    const double sigma2 = std::log1p((s * s) / (m * m));
    return std::pair{std::log(m) - sigma2 / 2, std::sqrt(sigma2)};
}

/** Where the picture ends: a point past which little of the density lies. */
std::optional<double> upperEnd(const Model::Distribution &d)
{
    switch (d.kind) {
    case Kind::Exp:
        return usable(d.mean) && *d.mean > 0 ? std::optional(*d.mean * 4.5) : std::nullopt;
    case Kind::Uniform:
        return usable(d.max) && usable(d.min) && *d.max >= *d.min
                   ? std::optional(std::max(*d.max * 1.25, 1e-9))
                   : std::nullopt;
    case Kind::Lognormal:
        if (const auto p = lognormalParameters(d))
            return std::min(std::exp(p->first + 2.6 * p->second), *d.mean + 6 * *d.stddev);
        return std::nullopt;
    case Kind::Erlang:
        if (!usable(d.mean) || *d.mean <= 0 || !d.k || *d.k < 1)
            return std::nullopt;
        return *d.mean * (1 + 4.0 / std::sqrt(static_cast<double>(*d.k)));
    case Kind::Const:
        return usable(d.value) ? std::optional(std::max(*d.value * 2, 1e-9)) : std::nullopt;
    case Kind::Unknown:
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

// --- DistributionPreview ------------------------------------------------------------------

DistributionPreview::DistributionPreview(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setToolTip(tr("Shape of the distribution; the dashed line is the mean"));
}

QSize DistributionPreview::sizeHint() const
{
    return {88, 40};
}

void DistributionPreview::setDistribution(const std::optional<Model::Distribution> &distribution)
{
    if (m_distribution == distribution)
        return;
    m_distribution = distribution;
    update();
}

std::optional<double> DistributionPreview::mean(const Model::Distribution &d)
{
    switch (d.kind) {
    case Kind::Const:
        return usable(d.value) ? d.value : std::nullopt;
    case Kind::Exp:
    case Kind::Erlang:
        return usable(d.mean) ? d.mean : std::nullopt;
    case Kind::Lognormal:
        return usable(d.mean) && *d.mean > 0 ? d.mean : std::nullopt;
    case Kind::Uniform:
        if (usable(d.min) && usable(d.max) && *d.min <= *d.max)
            return (*d.min + *d.max) / 2;
        return std::nullopt;
    case Kind::Unknown:
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<double> DistributionPreview::density(const Model::Distribution &d, double x)
{
    if (!std::isfinite(x) || x < 0)
        return std::nullopt;
    switch (d.kind) {
    case Kind::Exp:
        if (!usable(d.mean) || *d.mean <= 0)
            return std::nullopt;
        return std::exp(-x / *d.mean) / *d.mean;
    case Kind::Uniform:
        if (!usable(d.min) || !usable(d.max) || *d.min >= *d.max)
            return std::nullopt;
        return (x >= *d.min && x <= *d.max) ? 1 / (*d.max - *d.min) : 0.0;
    case Kind::Lognormal: {
        const auto p = lognormalParameters(d);
        if (!p)
            return std::nullopt;
        if (x <= 0)
            return 0.0;
        const double z = (std::log(x) - p->first) / p->second;
        return std::exp(-z * z / 2) / (x * p->second * std::sqrt(2 * std::numbers::pi));
    }
    case Kind::Erlang: {
        if (!usable(d.mean) || *d.mean <= 0 || !d.k || *d.k < 1)
            return std::nullopt;
        const double k = *d.k, rate = k / *d.mean;
        if (x <= 0)
            return k == 1 ? rate : 0.0;
        // in logs: rate^k x^(k-1) e^(-rate x) / (k-1)! overflows for large k
        return std::exp(k * std::log(rate) + (k - 1) * std::log(x) - rate * x - std::lgamma(k));
    }
    case Kind::Const:
    case Kind::Unknown:
        return std::nullopt;
    }
    return std::nullopt;
}

void DistributionPreview::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(2, 2, -2, -3);
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(r.bottomLeft(), r.bottomRight());

    const QColor curve = palette().color(QPalette::Highlight);
    auto dash = [&] {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(r, Qt::AlignCenter, QStringLiteral("–"));
    };
    if (!m_distribution) {
        dash();
        return;
    }
    const Model::Distribution &d = *m_distribution;
    const std::optional<double> end = upperEnd(d);
    const std::optional<double> mu = mean(d);
    if (!end || !(*end > 0) || !std::isfinite(*end)) {
        dash();
        return;
    }
    auto xToPixel = [&](double x) { return r.left() + r.width() * std::clamp(x / *end, 0.0, 1.0); };

    const bool spike = d.kind == Kind::Const
                       || (d.kind == Kind::Lognormal && d.stddev && *d.stddev == 0)
                       || (d.kind == Kind::Uniform && d.min && d.max && *d.min == *d.max);
    if (spike) {
        const double at = d.kind == Kind::Const ? d.value.value_or(0) : mu.value_or(0);
        p.setPen(QPen(curve, 2));
        p.drawLine(QPointF(xToPixel(at), r.bottom()), QPointF(xToPixel(at), r.top() + 2));
        return;
    }

    constexpr int samples = 96;
    std::vector<double> ys(samples + 1, 0.0);
    double top = 0;
    for (int i = 0; i <= samples; ++i) {
        const double x = *end * i / samples;
        const std::optional<double> y = density(d, x);
        if (y && std::isfinite(*y))
            ys[static_cast<size_t>(i)] = *y;
        top = std::max(top, ys[static_cast<size_t>(i)]);
    }
    if (!(top > 0) || !std::isfinite(top)) {
        dash();
        return;
    }
    QPainterPath path(QPointF(r.left(), r.bottom()));
    for (int i = 0; i <= samples; ++i) {
        const double px = r.left() + r.width() * i / samples;
        const double py = r.bottom() - (r.height() - 2) * ys[static_cast<size_t>(i)] / top;
        path.lineTo(px, py);
    }
    path.lineTo(r.right(), r.bottom());
    QColor fill = curve;
    fill.setAlpha(50);
    p.fillPath(path, fill);
    p.setPen(QPen(curve, 1.5));
    p.drawPath(path);
    if (mu) {
        QPen pen(palette().color(QPalette::Text), 1, Qt::DashLine);
        p.setPen(pen);
        const double x = xToPixel(*mu);
        p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
    }
}

// --- DistributionEditor -------------------------------------------------------------------

DistributionEditor::DistributionEditor(QWidget *parent)
    : QFrame(parent)
{
    // the kind and the preview side by side, the parameters under them: narrow enough for
    // the inspector's dock with two parameters (lognormal, uniform, erlang)
    auto *outer = new QGridLayout(this);
    outer->setContentsMargins(2, 2, 2, 2);
    outer->setHorizontalSpacing(6);
    outer->setVerticalSpacing(3);
    m_kind = new ElidingComboBox(this);
    m_kind->addItem(tr("constant"), static_cast<int>(Kind::Const));
    m_kind->addItem(tr("exponential"), static_cast<int>(Kind::Exp));
    m_kind->addItem(tr("uniform"), static_cast<int>(Kind::Uniform));
    m_kind->addItem(tr("lognormal"), static_cast<int>(Kind::Lognormal));
    m_kind->addItem(tr("erlang"), static_cast<int>(Kind::Erlang));
    m_kind->setToolTip(tr("Distribution of the duration, in milliseconds"));
    outer->addWidget(m_kind, 0, 0);

    auto *params = new QHBoxLayout;
    params->setSpacing(4);
    const QStringList names = parameterNames();
    for (const QString &name : names) {
        const bool isK = name == QLatin1String("k");
        auto *field = new NumberField(isK ? 0 : 0, isK ? 100000 : 1e12, isK ? 0 : 3, this);
        field->setOptional(tr("missing"));
        if (!isK)
            field->setSuffix(tr(" ms"));
        field->setObjectName(name);
        auto *label = new QLabel(name == QLatin1String("stddev") ? tr("sd") : name, this);
        label->setBuddy(field);
        params->addWidget(label);
        params->addWidget(field, 1);
        m_fields.insert(name, field);
        m_labels.insert(name, label);
        connect(field,
                &NumberField::optionalValueChanged,
                this,
                &DistributionEditor::parameterEdited);
    }
    m_fields.value(QStringLiteral("k"))->setToolTip(tr("Number of exponential phases (1 to 1000)"));
    m_preview = new DistributionPreview(this);
    outer->addWidget(m_preview, 0, 1, Qt::AlignRight | Qt::AlignVCenter);
    outer->addLayout(params, 1, 0, 1, 2);
    outer->setColumnStretch(0, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &DistributionEditor::kindPicked);
    setDistribution(Model::Distribution::constant(0));
}

QStringList DistributionEditor::parameterNames()
{
    return {QStringLiteral("value"),
            QStringLiteral("mean"),
            QStringLiteral("min"),
            QStringLiteral("max"),
            QStringLiteral("stddev"),
            QStringLiteral("k")};
}

void DistributionEditor::setOptional(const QString &defaultText)
{
    if (!m_optional) {
        const QSignalBlocker blocker(m_kind);
        m_kind->insertItem(0, defaultText, kDefaultKind);
    } else {
        m_kind->setItemText(0, defaultText);
    }
    m_optional = true;
    showValue();
}

void DistributionEditor::setDistribution(const Model::Distribution &distribution)
{
    setOptionalDistribution(distribution);
}

void DistributionEditor::setOptionalDistribution(
    const std::optional<Model::Distribution> &distribution)
{
    if (!distribution && !m_optional) {
        setOptionalDistribution(Model::Distribution::constant(0));
        return;
    }
    if (distribution && distribution->kind == Kind::Const)
        m_bare = distribution->bare;
    m_distribution = distribution;
    showValue();
}

void DistributionEditor::showValue()
{
    const QSignalBlocker kindBlocker(m_kind);
    // an unknown "dist" word gets an entry of its own, so the error shows what was written
    const int unknownIndex = m_kind->findData(static_cast<int>(Kind::Unknown));
    if (m_distribution && m_distribution->kind == Kind::Unknown) {
        const QString text = m_distribution->unknownName.isEmpty() ? tr("(no dist)")
                                                                   : m_distribution->unknownName;
        if (unknownIndex < 0)
            m_kind->addItem(text, static_cast<int>(Kind::Unknown));
        else
            m_kind->setItemText(unknownIndex, text);
    } else if (unknownIndex >= 0) {
        m_kind->removeItem(unknownIndex);
    }
    const int kind = m_distribution ? static_cast<int>(m_distribution->kind) : kDefaultKind;
    m_kind->setCurrentIndex(m_kind->findData(kind));

    QStringList shown;
    if (m_distribution) {
        switch (m_distribution->kind) {
        case Kind::Const:
            shown = {QStringLiteral("value")};
            break;
        case Kind::Exp:
            shown = {QStringLiteral("mean")};
            break;
        case Kind::Uniform:
            shown = {QStringLiteral("min"), QStringLiteral("max")};
            break;
        case Kind::Lognormal:
            shown = {QStringLiteral("mean"), QStringLiteral("stddev")};
            break;
        case Kind::Erlang:
            shown = {QStringLiteral("k"), QStringLiteral("mean")};
            break;
        case Kind::Unknown:
            break;
        }
    }
    const Model::Distribution d = m_distribution.value_or(Model::Distribution{});
    const QHash<QString, std::optional<double>> values = {
        {QStringLiteral("value"), d.value},
        {QStringLiteral("mean"), d.mean},
        {QStringLiteral("min"), d.min},
        {QStringLiteral("max"), d.max},
        {QStringLiteral("stddev"), d.stddev},
        {QStringLiteral("k"), d.k ? std::optional<double>(*d.k) : std::nullopt},
    };
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const bool visible = shown.contains(it.key());
        it.value()->setVisible(visible);
        m_labels.value(it.key())->setVisible(visible && shown.size() > 1);
        if (visible)
            it.value()->setOptionalValue(values.value(it.key()));
    }
    m_preview->setDistribution(m_distribution);
}

void DistributionEditor::kindPicked()
{
    const int kind = m_kind->currentData().toInt();
    if (kind == kDefaultKind) {
        m_distribution.reset();
        showValue();
        emit edited();
        emit cleared();
        return;
    }
    if (kind == static_cast<int>(Kind::Unknown))
        return;
    // keep the mean across kinds where it can be kept
    const Model::Distribution old = m_distribution.value_or(Model::Distribution::constant(1));
    double m = DistributionPreview::mean(old).value_or(1);
    if (!(m > 0))
        m = 1;
    Model::Distribution d;
    switch (static_cast<Kind>(kind)) {
    case Kind::Const:
        d = Model::Distribution::constant(m);
        d.bare = m_bare;
        break;
    case Kind::Exp:
        d = Model::Distribution::exponential(m);
        break;
    case Kind::Uniform:
        d = Model::Distribution::uniform(m / 2, m * 1.5);
        break;
    case Kind::Lognormal:
        d = Model::Distribution::lognormal(m, m / 2);
        break;
    case Kind::Erlang:
        d = Model::Distribution::erlang(old.k.value_or(2), m);
        break;
    case Kind::Unknown:
        return;
    }
    d.extra = old.extra;
    m_distribution = d;
    showValue();
    emitEdit();
}

void DistributionEditor::parameterEdited()
{
    if (!m_distribution)
        return;
    Model::Distribution &d = *m_distribution;
    auto read = [this](const QString &name) { return m_fields.value(name)->optionalValue(); };
    switch (d.kind) {
    case Kind::Const:
        d.value = read(QStringLiteral("value"));
        break;
    case Kind::Exp:
        d.mean = read(QStringLiteral("mean"));
        break;
    case Kind::Uniform:
        d.min = read(QStringLiteral("min"));
        d.max = read(QStringLiteral("max"));
        break;
    case Kind::Lognormal:
        d.mean = read(QStringLiteral("mean"));
        d.stddev = read(QStringLiteral("stddev"));
        break;
    case Kind::Erlang: {
        d.mean = read(QStringLiteral("mean"));
        const std::optional<double> k = read(QStringLiteral("k"));
        d.k = k ? std::optional<int>(static_cast<int>(std::llround(*k))) : std::nullopt;
        break;
    }
    case Kind::Unknown:
        return;
    }
    m_preview->setDistribution(m_distribution);
    emitEdit();
}

void DistributionEditor::emitEdit()
{
    emit edited();
    if (m_distribution)
        emit changed(*m_distribution);
}

} // namespace Ui
