// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResultsPanel.h"

#include "ComponentChart.h"
#include "ComponentTableModel.h"
#include "Formatting.h"
#include "LatencyChart.h"
#include "RequestTableModel.h"
#include "SeriesChart.h"
#include "TableExport.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Ui {

namespace {

/** A sortable results table; `stretchColumn` takes the spare width, -1: the last column. */
QTableView *createResultsView(QAbstractItemModel *model,
                              int stretchColumn,
                              const QString &name,
                              QWidget *parent)
{
    auto proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(RawValueRole);
    auto view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(proxy);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    if (stretchColumn >= 0)
        view->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    else
        view->horizontalHeader()->setStretchLastSection(true);
    // No sort indicator until the user clicks a header: rows keep the engine's order
    // ("_all" first, then the request types; components in scenario order).
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    view->setSortingEnabled(true);
    return view;
}

} // namespace

ResultsPanel::ResultsPanel(QWidget *parent)
    : QStackedWidget(parent)
{
    setObjectName(QStringLiteral("resultsStack"));

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("resultsPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setMargin(24);

    // Left: the tables.
    m_requestModel = new RequestTableModel(this);
    QTableView *requestView = createResultsView(m_requestModel,
                                                RequestTableModel::Name,
                                                QStringLiteral("requestsTable"),
                                                this);
    installTableExport(requestView, tr("Requests"));
    m_componentModel = new ComponentTableModel(this);
    QTableView *componentView
        = createResultsView(m_componentModel, -1, QStringLiteral("componentsTable"), this);
    installTableExport(componentView, tr("Components"));
    // The names are the rows' header, so they stay when the columns scroll sideways; the
    // figures come first (the kind after them), and the header reserves room for a sort arrow
    // (a line's height per column) only once the user sorts, so Throughput and Utilisation
    // fit the default window sizes.
    componentView->verticalHeader()->show();
    componentView->setColumnHidden(ComponentTableModel::Id, true);
    QHeaderView *componentHeader = componentView->horizontalHeader();
    componentHeader->moveSection(componentHeader->visualIndex(ComponentTableModel::Kind),
                                 componentHeader->visualIndex(ComponentTableModel::Utilization));
    componentHeader->setSortIndicatorShown(false);
    connect(componentHeader, &QHeaderView::sectionClicked, componentHeader, [componentHeader] {
        componentHeader->setSortIndicatorShown(true);
    });
    m_resultsTabs = new QTabWidget(this);
    m_resultsTabs->setObjectName(QStringLiteral("resultsTabs"));
    m_resultsTabs->addTab(requestView, tr("Requests"));
    m_resultsTabs->addTab(componentView, tr("Components"));

    // Right: the charts.
    m_chart = new SeriesChart(this);
    m_chart->setObjectName(QStringLiteral("seriesChart"));
    m_componentChart = new ComponentChart(this);
    m_componentChart->setObjectName(QStringLiteral("componentChart"));
    m_latencyChart = new LatencyChart(this);
    m_latencyChart->setObjectName(QStringLiteral("latencyChart"));
    m_chartTabs = new QTabWidget(this);
    m_chartTabs->setObjectName(QStringLiteral("chartTabs"));
    m_chartTabs->addTab(m_chart, tr("Over time"));
    m_chartTabs->addTab(m_componentChart, tr("Components over time"));
    m_chartTabs->addTab(m_latencyChart, tr("Latency distribution"));
    // the titles read in full, never behind scroll arrows: the tabs set the charts' minimum
    // width, which the splitter keeps
    m_chartTabs->setUsesScrollButtons(false);
    m_chartTabs->setElideMode(Qt::ElideNone);

    auto splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("resultsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_resultsTabs);
    splitter->addWidget(m_chartTabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({500, 500});

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("resultsHeader"));
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto page = new QWidget(this);
    auto layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(splitter, 1);

    addWidget(m_placeholder);
    addWidget(page);
}

QStringList ResultsPanel::liveKeys(const Sim::Spec &spec)
{
    return SeriesChart::seriesKeys() + ComponentChart::liveKeys(spec);
}

void ResultsPanel::clear(const QString &placeholder)
{
    m_requestModel->clear();
    m_componentModel->clear();
    m_chart->clear();
    m_componentChart->clear();
    m_latencyChart->clear();
    m_header->clear();
    m_placeholder->setText(placeholder);
    setCurrentWidget(m_placeholder);
}

void ResultsPanel::beginRun(const Sim::Spec &spec, const QString &header)
{
    m_requestModel->clear();
    m_componentModel->clear();
    m_latencyChart->beginRun();
    m_chart->beginRun(spec.durationS, spec.warmupS);
    m_componentChart->beginRun(spec.durationS);
    m_header->setText(header);
    setCurrentIndex(1);
}

void ResultsPanel::showResult(const Sim::RunResult &result, const QString &header)
{
    m_requestModel->setResult(result);
    m_componentModel->setResult(result);
    m_chart->setSeries(result.series, result.durationS, result.warmupS);
    m_chart->setEvents(result.timeline);
    m_componentChart->setSeries(result.series, result.durationS);
    m_componentChart->setEvents(result.timeline);
    m_latencyChart->setResult(result);
    m_header->setText(header);
    setCurrentIndex(1);
}

void ResultsPanel::setHeader(const QString &header)
{
    m_header->setText(header);
}

void ResultsPanel::showResultsTab(int index)
{
    m_resultsTabs->setCurrentIndex(index);
}

void ResultsPanel::showChartTab(int index)
{
    m_chartTabs->setCurrentIndex(index);
}

void ResultsPanel::appendBuckets(const QList<LiveBucket> &buckets)
{
    m_chart->appendBuckets(buckets);
    m_componentChart->appendBuckets(buckets);
}

} // namespace Ui
