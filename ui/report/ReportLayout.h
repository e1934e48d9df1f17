// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPageSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QGraphicsScene;
class QWidget;
class QPainter;
class QRectF;
QT_END_NAMESPACE

class QCustomPlot;

namespace Ui {

/** A table of a report: a header row and rows of text, numbers right-aligned. */
struct ReportTable
{
    QString caption;
    QStringList header;
    QList<QStringList> rows;
    QList<bool> numeric; ///< per column: right-aligned; missing: left
    /// relative column widths; empty: from the text
    QList<double> widths;
};

/**
 * A report as a flow of blocks (headings, paragraphs, tables, figures, code) laid out on the
 * pages of a PDF (docs/report.md): a title page, a table of contents with page numbers, then
 * the blocks, each page with a running title and "Page N of M".
 *
 * Written by hand: QTextDocument paginates rich text but cannot keep a chart or a table on one
 * page, nor draw a QCustomPlot or a QGraphicsScene as vector graphics inside its flow; no
 * Debian library does both. Text is laid out by QTextDocument, block by block.
 *
 * Table cells are never elided: the figure columns give up room first (their headers wrap),
 * then the name columns (their cells wrap, the row grows); a figure never breaks.
 * Figures and tables never split across pages: a block that does not fit on what is left of
 * a page starts the next one. Only a table longer than a whole page is split, between rows,
 * with its header repeated; code (the appendix's JSON) flows from page to page by lines,
 * a line wider than the page wrapping onto marked continuation lines.
 * Headings stay with the whole block after them (its first rows when it splits), and wrap. Everything is vector: text with its fonts
 * embedded (the glyphs used), charts through QCustomPlot::toPainter, the topology through
 * QGraphicsScene::render.
 */
class ReportLayout
{
public:
    struct TitlePage
    {
        QString title;
        QString subtitle;
        QStringList lines; ///< author, date, version ... one per line
    };

    explicit ReportLayout(const QPageSize &pageSize);
    ~ReportLayout();
    ReportLayout(const ReportLayout &) = delete;
    ReportLayout &operator=(const ReportLayout &) = delete;

    void setTitlePage(const TitlePage &page);
    /** The title in every page's header. */
    void setRunningTitle(const QString &title);

    /** Level 1 starts a new page; levels 1 and 2 are listed in the table of contents. */
    void heading(const QString &text, int level = 1);
    /** Rich text (Qt's HTML subset). */
    void paragraph(const QString &html);
    void table(const ReportTable &table);
    /**
     * A chart: `plot` (owned by `owner`, which may be the plot itself; the layout keeps it)
     * drawn `heightPt` high over the text width, restyled for print (white background, line
     * styles told apart without colour).
     */
    void chart(std::unique_ptr<QWidget> owner,
               QCustomPlot *plot,
               double heightPt,
               const QString &caption);
    /** A graphics scene (the topology) scaled into the text width, at most `maxHeightPt`. */
    void scene(QGraphicsScene *scene, double maxHeightPt, const QString &caption);
    /** Monospaced text; flows over pages by lines. */
    void code(const QString &text);
    void pageBreak();

    /** The text width in points. */
    double textWidth() const;

    /**
     * Lays out and writes the PDF atomically (a temporary file renamed over `fileName`; a
     * failure leaves any file there as it was). False with a sentence in `error`.
     */
    bool write(const QString &fileName, QString *error);
    /** Pages written by the last write(). */
    int pageCount() const { return m_pages; }
    /** The headings with their pages, as the table of contents lists them. */
    QList<QPair<QString, int>> contents() const { return m_contents; }

    struct Block; ///< defined in ReportLayout.cpp

private:
    QPageSize m_pageSize;
    TitlePage m_title;
    QString m_runningTitle;
    std::vector<std::unique_ptr<Block>> m_blocks;
    int m_pages = 0;
    QList<QPair<QString, int>> m_contents;
};

/** Gives a chart print styles: lines told apart by dash pattern and marker shape (ten of
 *  each), white background. */
void makePrintable(QCustomPlot *plot);

} // namespace Ui
