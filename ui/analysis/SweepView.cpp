// SPDX-License-Identifier: GPL-3.0-or-later
#include "SweepView.h"

#include "ChartExport.h"
#include "Formatting.h"
#include "compare/CompareView.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Ui {

namespace {

/// a click or hover this close to a point's marker (in pixels) is on it
constexpr double kHitRadius = 10;
/// the heat map labels its cells up to this many of them
constexpr int kMaxLabelledCells = 144;

QCustomPlot *makePlot(QWidget *parent, const QString &name)
{
    auto plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    plot->setMinimumSize(220, 150);
    plot->setMouseTracking(true);
    const QFont small(plot->font().family(), 8);
    plot->xAxis->setTickLabelFont(small);
    plot->yAxis->setTickLabelFont(small);
    return plot;
}

/** Viridis: even in lightness, readable in grey and with colour-vision deficiencies. */
QCPColorGradient viridis()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(0x44, 0x01, 0x54));
    g.setColorStopAt(0.25, QColor(0x3B, 0x52, 0x8B));
    g.setColorStopAt(0.5, QColor(0x21, 0x90, 0x8C));
    g.setColorStopAt(0.75, QColor(0x5D, 0xC9, 0x63));
    g.setColorStopAt(1.0, QColor(0xFD, 0xE7, 0x25));
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

} // namespace

SweepView::SweepView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("sweepView"));
    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("sweepPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);

    m_linesPage = new QWidget(this);
    m_linesGrid = new QGridLayout(m_linesPage);
    m_linesGrid->setContentsMargins(0, 0, 0, 0);

    m_heatPage = new QWidget(this);
    m_heatFigure = new QComboBox(m_heatPage);
    m_heatFigure->setObjectName(QStringLiteral("sweepHeatMapFigure"));
    m_heatFigure->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_heatFigure, &QComboBox::currentIndexChanged, this, [this] {
        if (m_mode == Mode::HeatMap)
            buildHeatMap();
    });
    m_heatPlot = makePlot(m_heatPage, QStringLiteral("sweepHeatMapPlot"));
    m_heatPlot->installEventFilter(this);
    installChartExport(m_heatPlot, tr("Sweep heat map"));
    auto figureRow = new QHBoxLayout;
    auto figureLabel = new QLabel(tr("&Figure:"), m_heatPage);
    figureLabel->setBuddy(m_heatFigure);
    figureRow->addWidget(figureLabel);
    figureRow->addWidget(m_heatFigure);
    figureRow->addStretch(1);
    auto heatLayout = new QVBoxLayout(m_heatPage);
    heatLayout->setContentsMargins(0, 0, 0, 0);
    heatLayout->addLayout(figureRow);
    heatLayout->addWidget(m_heatPlot, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_linesPage);
    m_stack->addWidget(m_heatPage);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    clear(QString());
}

QString SweepView::valueText(const QJsonValue &v)
{
    if (v.isDouble())
        return formatPlain(v.toDouble());
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return v.toString();
}

QString SweepView::figureAxisLabel(int figure)
{
    const Model::CompareFigure &f = Model::compareFigures().at(static_cast<std::size_t>(figure));
    const QString unit = QString::fromLatin1(f.unit);
    return QStringLiteral("%1 (%2)").arg(tr(f.label), unit.isEmpty() ? QStringLiteral("%") : unit);
}

double SweepView::displayValue(int figure, double value)
{
    const Model::CompareFigure &f = Model::compareFigures().at(static_cast<std::size_t>(figure));
    return QLatin1String(f.unit).isEmpty() ? value * 100 : value;
}

QString SweepView::figureText(int figure, double value)
{
    const Model::CompareFigure &f = Model::compareFigures().at(static_cast<std::size_t>(figure));
    const QString unit = QString::fromLatin1(f.unit);
    if (!std::isfinite(value))
        return QStringLiteral("–");
    if (unit == QLatin1String("ms"))
        return formatMilliseconds(value) + QStringLiteral(" ms");
    if (unit.isEmpty())
        return formatPercent(value) + QStringLiteral(" %");
    if (unit == QLatin1String("$"))
        return QStringLiteral("$") + QString::number(value, 'f', std::abs(value) < 1 ? 4 : 2);
    return formatDecimal(value) + QLatin1Char(' ') + unit;
}

void SweepView::clearPlots()
{
    for (QCustomPlot *plot : std::as_const(m_linePlots))
        delete plot;
    m_linePlots.clear();
    m_heatPlot->clearPlottables();
    m_heatPlot->clearItems();
    m_heatMap = nullptr;
    // the colour scale of the last heat map
    for (int i = m_heatPlot->plotLayout()->elementCount() - 1; i >= 0; --i) {
        if (qobject_cast<QCPColorScale *>(m_heatPlot->plotLayout()->elementAt(i)))
            m_heatPlot->plotLayout()->removeAt(i);
    }
    m_heatPlot->plotLayout()->simplify();
}

void SweepView::clear(const QString &text)
{
    clearPlots();
    m_mode = Mode::Empty;
    m_points.clear();
    m_parameters.clear();
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

void SweepView::setSweep(const Model::Sweep &sweep,
                         const std::vector<Model::SweepParameter> &parameters,
                         const QList<int> &figures)
{
    clearPlots();
    m_parameters = parameters;
    m_figures = figures;
    m_points.clear();
    if (parameters.empty() || figures.isEmpty()) {
        clear(tr("Nothing to show: choose a parameter and at least one figure."));
        return;
    }
    const Model::SweepParameter &first = parameters.front();
    m_numericX = std::all_of(first.values.begin(), first.values.end(), [](const QJsonValue &v) {
        return v.isDouble();
    });
    const int secondCount = parameters.size() > 1 ? static_cast<int>(parameters[1].values.size())
                                                  : 1;
    for (const Model::SweepPoint &p : sweep.points) {
        Point point;
        point.gridIndex = p.index;
        const int i = secondCount > 0 ? p.index / secondCount : 0;
        point.x = m_numericX && i < first.values.size() ? first.values.at(i).toDouble() : i;
        point.figures = p.figures;
        m_points.push_back(std::move(point));
    }
    if (m_points.empty()) {
        clear(tr("No point of the sweep finished."));
        return;
    }
    if (parameters.size() == 1) {
        m_mode = Mode::Lines;
        buildLines();
        m_stack->setCurrentWidget(m_linesPage);
    } else {
        m_mode = Mode::HeatMap;
        const int was = heatMapFigure();
        {
            const QSignalBlocker blocker(m_heatFigure);
            m_heatFigure->clear();
            for (int f : figures)
                m_heatFigure
                    ->addItem(tr(Model::compareFigures()[static_cast<std::size_t>(f)].label), f);
            const int keep = m_heatFigure->findData(was);
            m_heatFigure->setCurrentIndex(keep >= 0 ? keep : 0);
        }
        buildHeatMap();
        m_stack->setCurrentWidget(m_heatPage);
    }
}

void SweepView::buildLines()
{
    const int count = static_cast<int>(m_figures.size());
    const int columns = count >= 3 ? 2 : 1;
    const Model::SweepParameter &parameter = m_parameters.front();
    for (int k = 0; k < count; ++k) {
        const int figure = m_figures.at(k);
        QCustomPlot *plot = makePlot(m_linesPage, QStringLiteral("sweepLinePlot%1").arg(figure));
        plot->installEventFilter(this);
        const char *label = Model::compareFigures().at(static_cast<std::size_t>(figure)).label;
        installChartExport(plot, tr("Sweep %1").arg(tr(label)));
        plot->xAxis->setLabel(parameter.path);
        plot->yAxis->setLabel(figureAxisLabel(figure));
        const QColor color = CompareView::alternativeColor(0);

        QVector<double> x, mean, low, high;
        for (const Point &p : m_points) {
            const Model::Estimate &e = p.figures.at(static_cast<std::size_t>(figure));
            const double m = displayValue(figure, e.mean);
            const double h = e.ci95 && std::isfinite(*e.ci95) ? displayValue(figure, *e.ci95) : 0;
            x << p.x;
            mean << m;
            low << std::max(0.0, m - h); // no figure is below zero
            high << m + h;
        }
        // the band: the lower edge filled up to the upper one
        QCPGraph *upper = plot->addGraph();
        upper->setName(tr("95% interval"));
        upper->setPen(Qt::NoPen);
        upper->setData(x, high);
        QCPGraph *lower = plot->addGraph();
        lower->setPen(Qt::NoPen);
        QColor fill = color;
        fill.setAlpha(50);
        lower->setBrush(fill);
        lower->setChannelFillGraph(upper);
        lower->setData(x, low);
        QCPGraph *line = plot->addGraph();
        line->setName(tr("mean"));
        line->setPen(QPen(color, 2));
        line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, Qt::white, 7));
        line->setData(x, mean);

        if (!m_numericX) {
            QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
            for (qsizetype i = 0; i < parameter.values.size(); ++i)
                ticker->addTick(static_cast<double>(i), valueText(parameter.values.at(i)));
            plot->xAxis->setTicker(ticker);
        }
        plot->rescaleAxes();
        const QCPRange xr = plot->xAxis->range();
        const double pad = xr.size() > 0 ? xr.size() * 0.05 : 0.5;
        plot->xAxis->setRange(xr.lower - pad, xr.upper + pad);
        const QCPRange yr = plot->yAxis->range();
        plot->yAxis->setRange(std::min(0.0, yr.lower),
                              yr.upper > 0 ? yr.upper * 1.1 : std::max(1.0, yr.upper + 1));
        m_linesGrid->addWidget(plot, k / columns, k % columns);
        m_linePlots.append(plot);
        plot->replot();
    }
}

int SweepView::heatMapFigure() const
{
    return m_heatFigure->count() > 0 ? m_heatFigure->currentData().toInt() : -1;
}

void SweepView::setHeatMapFigure(int figure)
{
    const int i = m_heatFigure->findData(figure);
    if (i >= 0)
        m_heatFigure->setCurrentIndex(i);
}

void SweepView::buildHeatMap()
{
    clearPlots();
    const int figure = heatMapFigure();
    if (figure < 0 || m_parameters.size() < 2)
        return;
    const Model::SweepParameter &across = m_parameters[0];
    const Model::SweepParameter &up = m_parameters[1];
    const int nx = static_cast<int>(across.values.size());
    const int ny = static_cast<int>(up.values.size());
    QCustomPlot *plot = m_heatPlot;
    plot->xAxis->setLabel(across.path);
    plot->yAxis->setLabel(up.path);

    m_heatMap = new QCPColorMap(plot->xAxis, plot->yAxis);
    m_heatMap->setName(tr(Model::compareFigures()[static_cast<std::size_t>(figure)].label));
    installChartExport(plot, tr("Sweep %1").arg(m_heatMap->name())); // the name follows the figure
    m_heatMap->data()->setSize(nx, ny);
    m_heatMap->data()->setRange(QCPRange(0, std::max(1, nx - 1)), QCPRange(0, std::max(1, ny - 1)));
    m_heatMap->data()->fill(std::numeric_limits<double>::quiet_NaN());
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const Point &p : m_points) {
        const double v = displayValue(figure, p.figures.at(static_cast<std::size_t>(figure)).mean);
        m_heatMap->data()->setCell(p.gridIndex / ny, p.gridIndex % ny, v);
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    m_heatMap->setInterpolate(false);
    m_heatMap->setTightBoundary(false);

    auto scale = new QCPColorScale(plot);
    plot->plotLayout()->addElement(0, 1, scale);
    scale->setType(QCPAxis::atRight);
    scale->setBarWidth(14);
    scale->setLabel(figureAxisLabel(figure));
    // the map takes the scale's range and gradient when it is attached: set them after
    m_heatMap->setColorScale(scale);
    m_heatMap->setGradient(viridis());
    if (std::isfinite(lo))
        m_heatMap->setDataRange(QCPRange(lo, hi > lo ? hi : lo + 1));
    auto margins = new QCPMarginGroup(plot);
    plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
        const Model::SweepParameter &p = axis == plot->xAxis ? across : up;
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        for (qsizetype i = 0; i < p.values.size(); ++i)
            ticker->addTick(static_cast<double>(i), valueText(p.values.at(i)));
        axis->setTicker(ticker);
        axis->grid()->setVisible(false);
    }
    plot->xAxis->setRange(-0.5, nx - 0.5);
    plot->yAxis->setRange(-0.5, ny - 0.5);

    // each cell's value on it, while there is room to read them
    if (nx * ny <= kMaxLabelledCells) {
        for (const Point &p : m_points) {
            const double raw = p.figures.at(static_cast<std::size_t>(figure)).mean;
            const double v = displayValue(figure, raw);
            if (!std::isfinite(v))
                continue;
            auto text = new QCPItemText(plot);
            text->position->setType(QCPItemPosition::ptPlotCoords);
            text->position->setCoords(p.gridIndex / ny, p.gridIndex % ny);
            text->setText(figureText(figure, raw));
            text->setFont(QFont(plot->font().family(), 8));
            // dark text on the light end of the scale, light text on the dark end
            const double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
            text->setColor(t > 0.6 ? Qt::black : Qt::white);
            text->setClipToAxisRect(true);
        }
    }
    plot->replot();
}

int SweepView::pointAt(const QCustomPlot *plot, const QPointF &pos) const
{
    if (m_mode == Mode::HeatMap && plot == m_heatPlot && m_heatMap) {
        const double key = plot->xAxis->pixelToCoord(pos.x());
        const double value = plot->yAxis->pixelToCoord(pos.y());
        const int nx = m_heatMap->data()->keySize();
        const int ny = m_heatMap->data()->valueSize();
        const int i = static_cast<int>(std::lround(key));
        const int j = static_cast<int>(std::lround(value));
        if (i < 0 || j < 0 || i >= nx || j >= ny
            || !plot->axisRect()->rect().contains(pos.toPoint()))
            return -1;
        for (std::size_t k = 0; k < m_points.size(); ++k) {
            if (m_points[k].gridIndex == i * ny + j)
                return static_cast<int>(k);
        }
        return -1;
    }
    if (m_mode != Mode::Lines)
        return -1;
    int best = -1;
    double bestDistance = kHitRadius;
    for (std::size_t k = 0; k < m_points.size(); ++k) {
        const QPointF at = pointPosition(plot, static_cast<int>(k));
        const double d = std::hypot(at.x() - pos.x(), at.y() - pos.y());
        if (std::isfinite(d) && d <= bestDistance) {
            bestDistance = d;
            best = static_cast<int>(k);
        }
    }
    return best;
}

QPointF SweepView::pointPosition(const QCustomPlot *plot, int point) const
{
    if (point < 0 || point >= static_cast<int>(m_points.size()))
        return {};
    const Point &p = m_points[static_cast<std::size_t>(point)];
    if (m_mode == Mode::HeatMap && plot == m_heatPlot && m_heatMap) {
        const int ny = m_heatMap->data()->valueSize();
        return {plot->xAxis->coordToPixel(p.gridIndex / ny),
                plot->yAxis->coordToPixel(p.gridIndex % ny)};
    }
    const qsizetype k = m_linePlots.indexOf(const_cast<QCustomPlot *>(plot));
    if (k < 0)
        return {};
    const int figure = m_figures.at(k);
    const double y = displayValue(figure, p.figures.at(static_cast<std::size_t>(figure)).mean);
    return {plot->xAxis->coordToPixel(p.x), plot->yAxis->coordToPixel(y)};
}

bool SweepView::eventFilter(QObject *watched, QEvent *event)
{
    auto plot = qobject_cast<QCustomPlot *>(watched);
    if (plot
        && (event->type() == QEvent::MouseMove || event->type() == QEvent::MouseButtonRelease)) {
        const auto mouse = static_cast<QMouseEvent *>(event);
        const int point = pointAt(plot, mouse->position());
        if (event->type() == QEvent::MouseMove) {
            plot->setCursor(point >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        } else if (mouse->button() == Qt::LeftButton && point >= 0) {
            emit pointActivated(point);
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Ui
