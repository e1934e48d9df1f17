// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProblemsPanel.h"

#include "Document.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QRegularExpression>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace Ui {

ProblemListModel::ProblemListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QString ProblemListModel::location(const QString &path, const QStringList &componentIds)
{
    static const QRegularExpression component(QStringLiteral("^\\$\\.components\\[(\\d+)\\]"));
    const QRegularExpressionMatch m = component.match(path);
    if (m.hasMatch()) {
        const int i = m.captured(1).toInt();
        QString rest = path.mid(m.capturedLength());
        if (rest.startsWith(QLatin1Char('.')))
            rest.remove(0, 1);
        const QString id = i < componentIds.size() && !componentIds.at(i).isEmpty()
                               ? componentIds.at(i)
                               : QStringLiteral("components[%1]").arg(i);
        return rest.isEmpty() ? id : id + QStringLiteral(" › ") + rest;
    }
    if (path.startsWith(QLatin1String("$.")))
        return path.mid(2).replace(QLatin1Char('.'), QStringLiteral(" › "));
    return path.isEmpty() ? tr("file") : path;
}

void ProblemListModel::setProblems(const Model::Problems &problems,
                                   const QStringList &componentIds,
                                   const std::vector<Model::LintFinding> &findings,
                                   const QList<Model::ImportReviewItem> &imported)
{
    beginResetModel();
    m_problems = problems;
    m_findings = findings;
    m_imported = imported;
    m_componentIds = componentIds;
    m_locations.clear();
    for (const Model::Problem &p : problems)
        m_locations.append(location(p.path, componentIds));
    for (const Model::LintFinding &f : findings)
        m_locations.append(f.component.isEmpty() ? tr("scenario") : f.component);
    for (const Model::ImportReviewItem &item : imported)
        m_locations.append(!item.path.isEmpty()        ? location(item.path, componentIds)
                           : !item.component.isEmpty() ? item.component
                                                       : tr("scenario"));
    endResetModel();
}

const Model::ImportReviewItem *ProblemListModel::importItemAt(int row) const
{
    const qsizetype k = row - m_problems.size() - qsizetype(m_findings.size());
    return row >= 0 && k >= 0 && k < m_imported.size() ? &m_imported.at(k) : nullptr;
}

const Model::LintFinding *ProblemListModel::findingAt(int row) const
{
    const qsizetype k = row - m_problems.size();
    return row >= 0 && k >= 0 && k < qsizetype(m_findings.size()) ? &m_findings[std::size_t(k)]
                                                                  : nullptr;
}

Model::Problem ProblemListModel::problemAt(int row) const
{
    if (row >= 0 && row < m_problems.size())
        return m_problems.at(row);
    if (const Model::ImportReviewItem *item = importItemAt(row)) {
        // a default names its field; the other rows their component
        const qsizetype i = m_componentIds.indexOf(item->component);
        const QString path = !item->path.isEmpty() ? item->path
                             : i >= 0              ? QStringLiteral("$.components[%1]").arg(i)
                                                   : QString();
        return {Model::Problem::Severity::Warning, path, item->message, 0, 0};
    }
    const Model::LintFinding *f = findingAt(row);
    if (!f)
        return {};
    const qsizetype i = m_componentIds.indexOf(f->component);
    return {Model::Problem::Severity::Warning,
            i >= 0 ? QStringLiteral("$.components[%1]").arg(i) : QString(),
            f->message,
            0,
            0};
}

int ProblemListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0
                            : static_cast<int>(m_problems.size() + qsizetype(m_findings.size())
                                               + m_imported.size());
}

int ProblemListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (const Model::ImportReviewItem *item = importItemAt(index.row())) {
        using Kind = Model::ImportReviewItem::Kind;
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case SeverityColumn:
                return item->kind == Kind::Default    ? tr("import default")
                       : item->kind == Kind::Unmapped ? tr("import note")
                                                      : tr("container warning");
            case LocationColumn:
                return m_locations.at(index.row());
            case LineColumn:
                return item->where.line > 0 ? QVariant(item->where.line) : QVariant();
            case MessageColumn:
                return item->kind == Kind::Finding
                           ? QStringLiteral("%1: %2").arg(item->rule, item->message)
                           : item->message;
            default:
                return {};
            }
        case Qt::DecorationRole:
            if (index.column() == SeverityColumn)
                return QApplication::style()->standardIcon(item->kind == Kind::Finding
                                                               ? QStyle::SP_MessageBoxWarning
                                                               : QStyle::SP_MessageBoxInformation);
            return {};
        case Qt::ToolTipRole: {
            const QString where = item->where.toString();
            QString tip = item->message;
            if (!item->hint.isEmpty())
                tip += tr("\n\nFix: %1").arg(item->hint);
            if (!where.isEmpty())
                tip += tr("\n\nIn %1 (the imported file; docs/import.md).").arg(where);
            return tip;
        }
        case Qt::TextAlignmentRole:
            return index.column() == LineColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                : QVariant();
        default:
            return {};
        }
    }
    if (const Model::LintFinding *f = findingAt(index.row())) {
        const bool warning = f->severity == Model::LintFinding::Severity::Warning;
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case SeverityColumn:
                return warning ? tr("lint warning") : tr("lint info");
            case LocationColumn:
                return m_locations.at(index.row());
            case MessageColumn:
                return QStringLiteral("%1: %2").arg(f->rule, f->message);
            default:
                return {};
            }
        case Qt::DecorationRole:
            if (index.column() == SeverityColumn)
                return QApplication::style()->standardIcon(
                    warning ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation);
            return {};
        case Qt::ToolTipRole:
            return tr("%1\n\nFix: %2\n\nRight-click to silence this finding (docs/lint.md).")
                .arg(f->message, f->hint);
        default:
            return {};
        }
    }
    if (index.row() >= m_problems.size())
        return {};
    const Model::Problem &p = m_problems.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return p.isError() ? tr("error") : tr("warning");
        case LocationColumn:
            return m_locations.at(index.row());
        case LineColumn:
            return p.line > 0 ? QVariant(p.line) : QVariant();
        case MessageColumn:
            return p.message;
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return QApplication::style()->standardIcon(p.isError() ? QStyle::SP_MessageBoxCritical
                                                                   : QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::ToolTipRole:
        return index.column() == LocationColumn ? p.path : p.message;
    case Qt::TextAlignmentRole:
        return index.column() == LineColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                            : QVariant();
    default:
        return {};
    }
}

QVariant ProblemListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case LocationColumn:
        return tr("Where");
    case LineColumn:
        return tr("Line");
    case MessageColumn:
        return tr("Problem");
    default:
        return {};
    }
}

ProblemsPanel::ProblemsPanel(Model::Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new ProblemListModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_summary = new QLabel(this);
    layout->addWidget(m_summary);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->horizontalHeader()->setSectionResizeMode(ProblemListModel::SeverityColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ProblemListModel::LocationColumn,
                                                     QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(ProblemListModel::LineColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(ProblemListModel::LocationColumn, 220);
    layout->addWidget(m_view);
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex &index) {
        if (index.isValid() && index.row() < m_model->rowCount())
            emit problemSelected(m_model->problemAt(index.row()));
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (index.isValid() && index.row() < m_model->rowCount())
            emit problemActivated(m_model->problemAt(index.row()));
    });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ProblemsPanel::showContextMenu);
    auto *silence = new QAction(tr("Silence Finding…"), this);
    silence->setObjectName(QStringLiteral("silenceFindingAction"));
    silence->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    silence->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(silence, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (const Model::LintFinding *f = m_model->findingAt(current.row()))
            emit silenceRequested(*f);
    });
    addAction(silence);
    if (m_document) {
        connect(m_document, &Model::Document::problemsChanged, this, &ProblemsPanel::refresh);
        // component ids name the locations, so a rename changes the text
        connect(m_document, &Model::Document::componentRenamed, this, &ProblemsPanel::refresh);
        connect(m_document, &Model::Document::scenarioReset, this, &ProblemsPanel::refresh);
    }
    refresh();
}

void ProblemsPanel::setLint(const Model::LintReport &report)
{
    m_lint = report;
    refresh();
}

void ProblemsPanel::setImportReview(const QList<Model::ImportReviewItem> &items)
{
    m_imported = items;
    refresh();
}

QString ProblemsPanel::summaryText() const
{
    return m_summary->text();
}

void ProblemsPanel::refresh()
{
    if (!m_document)
        return;
    QStringList ids;
    for (const Model::Component &c : m_document->scenario().components)
        ids.append(c.id);
    m_model->setProblems(m_document->problems(), ids, m_lint.findings, m_imported);
    int errors = 0, warnings = 0;
    for (const Model::Problem &p : m_document->problems())
        (p.isError() ? errors : warnings)++;
    QString text = errors + warnings == 0
                       ? tr("No problems")
                       : tr("%n error(s)", nullptr, errors) + QStringLiteral(", ")
                             + tr("%n warning(s)", nullptr, warnings);
    const int findings = static_cast<int>(m_lint.findings.size());
    const int silenced = static_cast<int>(m_lint.silenced.size());
    text += QStringLiteral(" · ") + tr("%n lint finding(s)", nullptr, findings);
    if (silenced > 0)
        text += QStringLiteral(" (") + tr("%n silenced", nullptr, silenced) + QLatin1Char(')');
    if (!m_imported.isEmpty()) {
        int defaults = 0, findingsOfImport = 0;
        for (const Model::ImportReviewItem &item : std::as_const(m_imported)) {
            defaults += item.kind == Model::ImportReviewItem::Kind::Default ? 1 : 0;
            findingsOfImport += item.kind == Model::ImportReviewItem::Kind::Finding ? 1 : 0;
        }
        text += QStringLiteral(" · ") + tr("imported: %n default(s) to review", nullptr, defaults)
                + QStringLiteral(", ") + tr("%n container finding(s)", nullptr, findingsOfImport);
    }
    m_summary->setText(text);
}

void ProblemsPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    const Model::LintFinding *f = m_model->findingAt(index.row());
    QMenu menu(this);
    if (f) {
        m_view->setCurrentIndex(index);
        const Model::LintFinding finding = *f;
        QAction *silence = menu.addAction(
            tr("Silence %1 for %2…")
                .arg(finding.rule,
                     finding.component.isEmpty() ? tr("the scenario") : finding.component));
        connect(silence, &QAction::triggered, this, [this, finding] {
            emit silenceRequested(finding);
        });
    }
    QAction *settings = menu.addAction(tr("Lint Settings…"));
    connect(settings, &QAction::triggered, this, &ProblemsPanel::lintSettingsRequested);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace Ui
