// SPDX-License-Identifier: GPL-3.0-or-later
#include "TornadoChart.h"

#include "ChartExport.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace Ui {

TornadoChart::TornadoChart(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    setObjectName(QStringLiteral("tornadoChart"));
    m_plot->setObjectName(QStringLiteral("tornadoPlot"));
    m_plot->setMinimumSize(320, 200);
    m_plot->xAxis->setLabel(tr("Change of the share that flips it (pp)"));
    QSharedPointer<QCPAxisTickerFixed> ticks(new QCPAxisTickerFixed);
    ticks->setTickStep(50);
    m_plot->xAxis->setTicker(ticks);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    installChartExport(m_plot, tr("Decision sensitivity"));
    clear();
}

void TornadoChart::clear()
{
    m_plot->clearPlottables();
    m_labels.clear();
    m_bars.clear();
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_plot->xAxis->setRange(-100, 100);
    m_plot->replot();
}

std::pair<double, double> TornadoChart::bar(int row) const
{
    if (row < 0 || row >= int(m_bars.size()))
        return {0, 0};
    return m_bars[std::size_t(row)];
}

void TornadoChart::setResult(const Model::DecisionResult &result)
{
    clear();
    // the most sensitive (the smallest change that flips) on top
    std::vector<Model::WeightSensitivity> rows = result.sensitivity;
    const auto distance = [](const Model::WeightSensitivity &s) {
        double d = std::numeric_limits<double>::infinity();
        if (s.lowerFlip)
            d = std::min(d, s.share - *s.lowerFlip);
        if (s.upperFlip)
            d = std::min(d, *s.upperFlip - s.share);
        return d;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const auto &a, const auto &b) {
        return distance(a) < distance(b);
    });
    auto lower = new QCPBars(m_plot->yAxis, m_plot->xAxis);
    auto upper = new QCPBars(m_plot->yAxis, m_plot->xAxis);
    lower->setName(tr("share lowered"));
    upper->setName(tr("share raised"));
    lower->setBrush(QColor(0xd6, 0x60, 0x4d));
    upper->setBrush(QColor(0x43, 0x93, 0xc3));
    lower->setPen(Qt::NoPen);
    upper->setPen(Qt::NoPen);
    lower->setWidth(0.6);
    upper->setWidth(0.6);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const int n = int(rows.size());
    for (int i = 0; i < n; ++i) {
        const Model::WeightSensitivity &s = rows[std::size_t(i)];
        const double key = n - i; // top first
        const double left = s.lowerFlip ? -(s.share - *s.lowerFlip) * 100 : 0;
        const double right = s.upperFlip ? (*s.upperFlip - s.share) * 100 : 0;
        QString label = QStringLiteral("%1 (%2%)")
                            .arg(result.rows[std::size_t(s.criterion)].label)
                            .arg(s.share * 100, 0, 'f', 0);
        if (!s.lowerFlip && !s.upperFlip)
            label += tr(" (no flip)");
        m_labels.append(label);
        m_bars.emplace_back(left, right);
        ticker->addTick(key, label);
        if (s.lowerFlip)
            lower->addData(key, left);
        if (s.upperFlip)
            upper->addData(key, right);
    }
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setTickLabelFont(QFont(m_plot->font().family(), 8));
    m_plot->yAxis->setRange(0.4, n + 0.6);
    m_plot->xAxis->setRange(-100, 100);
    // no legend: lowered shares reach left (red), raised ones right (blue); the window says so
    m_plot->replot();
}

} // namespace Ui
