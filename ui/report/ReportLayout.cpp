// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportLayout.h"

#include <qcustomplot.h>

#include <QAbstractTextDocumentLayout>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScreen>
#include <QTextDocument>

#include <algorithm>
#include <cmath>
#include <map>

namespace Ui {

namespace {

// Fonts: DejaVu (fonts-dejavu-core, installed by scripts/setup) is on every machine the
// report is made on, so the PDF looks the same everywhere; Qt embeds the glyphs it uses (without
// the subset tag in the font names: pdffonts says `sub no`).
const QString kSans = QStringLiteral("DejaVu Sans");
const QString kMono = QStringLiteral("DejaVu Sans Mono");

QFont font(double pointSize, bool bold = false, const QString &family = kSans)
{
    QFont f(family);
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    f.setStyleHint(family == kMono ? QFont::Monospace : QFont::SansSerif);
    return f;
}

/** Logical dots per inch of the screen: the writer uses it, so that the font metrics of the
 *  screen (used by QCustomPlot and QGraphicsScene items) are the page's. */
int logicalDpi()
{
    const QScreen *screen = QGuiApplication::primaryScreen();
    return screen ? std::max(1, int(std::lround(screen->logicalDotsPerInch()))) : 96;
}

} // namespace

/** What every block can do: say its height at a width, and paint itself (a part of it). */
struct ReportLayout::Block
{
    enum class Kind { Heading, Paragraph, Table, Chart, Scene, Code, PageBreak };
    Kind kind;
    int level = 0;
    QString text; ///< heading, paragraph HTML, code
    QString caption;
    ReportTable table;
    std::unique_ptr<QWidget> owner;
    QCustomPlot *plot = nullptr;
    QGraphicsScene *graphics = nullptr;
    double height = 0; ///< chart height; scene's maximum height

    explicit Block(Kind k)
        : kind(k)
    {}
};

namespace {

/** Measures and paints the blocks on one device. */
class Painter
{
public:
    Painter(QPaintDevice *device, int dpi, double width)
        : m_device(device)
        , m_dpi(dpi)
        , m_width(width)
    {}

    double pt(double points) const { return points * m_dpi / 72.0; }

    QFontMetricsF metrics(const QFont &f) const { return QFontMetricsF(f, m_device); }

    // --- text -------------------------------------------------------------------------
    std::unique_ptr<QTextDocument> textDocument(const QString &html) const
    {
        auto doc = std::make_unique<QTextDocument>();
        doc->documentLayout()->setPaintDevice(m_device);
        doc->setDefaultFont(font(9.5));
        doc->setDocumentMargin(0);
        doc->setDefaultStyleSheet(QStringLiteral("td, th { padding: 2px 6px; }"));
        doc->setHtml(html);
        doc->setTextWidth(m_width);
        return doc;
    }

    double headingHeight(int level) const
    {
        return metrics(headingFont(level)).height() + pt(level == 1 ? 14 : 10);
    }
    /** A heading's height with its text wrapped at the text width (a long title takes more
     *  lines, never runs off the page). */
    double headingHeight(int level, const QString &text) const
    {
        const QFontMetricsF fm = metrics(headingFont(level));
        const QRectF r = fm.boundingRect(QRectF(0, 0, m_width, 1e6),
                                         Qt::AlignLeft | Qt::TextWordWrap,
                                         text);
        return std::max(r.height(), fm.height()) + pt(level == 1 ? 14 : 10);
    }
    static QFont headingFont(int level)
    {
        return font(level == 1 ? 17 : level == 2 ? 13 : 11, true);
    }

    // --- tables -----------------------------------------------------------------------
    QFont tableFont(bool bold = false) const { return font(8, bold); }
    /** A row of `lines` lines of table text. */
    double rowHeight(int lines = 1) const
    {
        const QFontMetricsF fm = metrics(tableFont());
        return fm.height() + std::max(0, lines - 1) * fm.lineSpacing() + pt(5);
    }
    double captionHeight(const QString &caption) const
    {
        return caption.isEmpty() ? 0 : metrics(font(8.5, false)).height() + pt(4);
    }
    /** The space a cell's text keeps from its column's edges. */
    double cellPadding() const { return pt(8); }

    /**
     * The pieces a cell may be broken between: the words of a name; in a figure column, a
     * number with what belongs to it (its unit, ±, *), so that "0.8 s" or "12.3 ms" never
     * breaks.
     */
    static QStringList chunks(const QString &text, bool figure)
    {
        // any white space (a model's header may hold a line break) separates words
        static const QRegularExpression space(QStringLiteral("\\s+"));
        const QStringList words = text.split(space, Qt::SkipEmptyParts);
        if (!figure)
            return words;
        QStringList out;
        for (const QString &w : words) {
            const bool number = std::any_of(w.begin(), w.end(), [](QChar c) {
                return c.isDigit();
            });
            if (!number && !out.isEmpty() && w != QStringLiteral("±"))
                out.back() += QLatin1Char(' ') + w; // a unit stays with its number
            else if (!out.isEmpty() && out.back().endsWith(QStringLiteral("±")))
                out.back() += QLatin1Char(' ') + w; // "± 0.3" stays together
            else
                out << w;
        }
        return out;
    }

    /**
     * `text` broken into lines no wider than `width`: between chunks(), and inside a piece
     * only when the piece alone is wider than the column (never elided).
     */
    static QStringList wrapCell(const QString &text,
                                double width,
                                const QFontMetricsF &fm,
                                bool figure)
    {
        QStringList lines;
        QString line;
        for (const QString &piece : chunks(text, figure)) {
            const QString longer = line.isEmpty() ? piece : line + QLatin1Char(' ') + piece;
            if (line.isEmpty() || fm.horizontalAdvance(longer) <= width) {
                line = longer;
            } else {
                lines << line;
                line = piece;
            }
            while (line.size() > 1 && fm.horizontalAdvance(line) > width) {
                int k = int(line.size()) - 1;
                while (k > 1 && fm.horizontalAdvance(line.left(k)) > width)
                    --k;
                lines << line.left(k);
                line = line.mid(k);
            }
        }
        if (!line.isEmpty() || lines.isEmpty())
            lines << line;
        return lines;
    }

    /** A table measured at the text width: its columns, its cells' lines, its rows' heights. */
    struct TableShape
    {
        QList<double> widths;
        QList<QStringList> header; ///< per column, its lines
        QList<QList<QStringList>> cells;
        double headerHeight = 0;
        QList<double> rowHeights;
        double rowsHeight(int from, int to) const
        {
            double h = 0;
            for (int r = from; r < to; ++r)
                h += rowHeights.value(r);
            return h;
        }
    };

    /**
     * Column widths over the text width. Each column wants its widest cell and its header on
     * one line, and needs at least its longest word (a name) or its widest number with its
     * unit (a figure: chunks(), never broken). When the wants do not fit, the figure columns
     * give up room first (their headers wrap), then the name columns (their cells wrap onto
     * more lines, the row growing), then the figures with an interval (onto two lines);
     * nothing is elided. Relative widths (ReportTable::widths) are kept where every column
     * still gets what it needs.
     */
    QList<double> columnWidths(const ReportTable &t) const
    {
        const int n = int(t.header.size());
        const QFontMetricsF bold = metrics(tableFont(true));
        const QFontMetricsF plain = metrics(tableFont());
        const double pad = cellPadding() + pt(2);
        QList<double> need(n, 0), want(n, 0);
        for (int c = 0; c < n; ++c) {
            const bool figure = t.numeric.value(c, false);
            for (const QString &word : chunks(t.header[c], false))
                need[c] = std::max(need[c], bold.horizontalAdvance(word) + pad);
            want[c] = std::max(need[c],
                               bold.horizontalAdvance(chunks(t.header[c], false).join(u' ')) + pad);
            for (const QStringList &row : t.rows) {
                const QString cell = row.value(c);
                want[c] = std::max(want[c],
                                   plain.horizontalAdvance(chunks(cell, false).join(u' ')) + pad);
                for (const QString &piece : chunks(cell, figure))
                    need[c] = std::max(need[c], plain.horizontalAdvance(piece) + pad);
            }
            if (!figure) // a name column narrower than this would wrap word by word
                need[c] = std::max(need[c], std::min(want[c], pt(60)));
        }
        // a figure column's cells on one line each ("183.5 ± 6.7 ms"), its header wrapped
        QList<double> whole = need;
        for (int c = 0; c < n; ++c) {
            if (!t.numeric.value(c, false))
                continue;
            for (const QStringList &row : t.rows)
                whole[c] = std::max(whole[c],
                                    plain.horizontalAdvance(chunks(row.value(c), false).join(u' '))
                                        + pad);
        }
        const auto sum = [](const QList<double> &v) {
            double s = 0;
            for (double x : v)
                s += x;
            return s;
        };
        QList<double> w = want;
        if (!t.widths.isEmpty()) {
            const double total = std::max(sum(t.widths), 1e-9);
            for (int c = 0; c < n; ++c)
                w[c] = m_width * t.widths.value(c, 1) / total;
            // a column below its need takes from those above theirs
            double deficit = 0, slack = 0;
            for (int c = 0; c < n; ++c) {
                deficit += std::max(0.0, need[c] - w[c]);
                slack += std::max(0.0, w[c] - need[c]);
            }
            if (deficit > 0 && slack >= deficit) {
                for (int c = 0; c < n; ++c)
                    w[c] = w[c] < need[c] ? need[c] : w[c] - deficit * (w[c] - need[c]) / slack;
                return w;
            }
            if (deficit == 0)
                return w;
            w = need; // not even the needs fit: scaled below
        } else if (sum(want) <= m_width) {
            if (n > 0)
                w[0] += m_width - sum(want); // the names get the room
            return w;
        } else {
            double excess = sum(want) - m_width;
            // first the figure columns' headers wrap, then the names, then figures with an
            // interval or a unit go onto two lines (never inside a number)
            const std::pair<bool, const QList<double> *> stages[] = {{true, &whole},
                                                                     {false, &need},
                                                                     {true, &need}};
            for (const auto &[figures, floor] : stages) {
                double give = 0;
                for (int c = 0; c < n; ++c) {
                    if (t.numeric.value(c, false) == figures)
                        give += std::max(0.0, w[c] - (*floor)[c]);
                }
                if (give <= 0)
                    continue;
                const double take = std::min(excess, give);
                for (int c = 0; c < n; ++c) {
                    if (t.numeric.value(c, false) == figures)
                        w[c] -= take * std::max(0.0, w[c] - (*floor)[c]) / give;
                }
                excess -= take;
                if (excess <= 0.01)
                    return w;
            }
        }
        // still too wide: every column in proportion; the widest pieces break inside
        const double scale = m_width / std::max(sum(w), 1e-9);
        for (double &x : w)
            x *= scale;
        return w;
    }

    TableShape shape(const ReportTable &t) const
    {
        TableShape s;
        s.widths = columnWidths(t);
        const QFontMetricsF bold = metrics(tableFont(true));
        const QFontMetricsF plain = metrics(tableFont());
        int headerLines = 1;
        for (int c = 0; c < int(s.widths.size()); ++c) {
            s.header << wrapCell(t.header[c], s.widths[c] - cellPadding(), bold, false);
            headerLines = std::max(headerLines, int(s.header.back().size()));
        }
        s.headerHeight = bold.height() + (headerLines - 1) * bold.lineSpacing() + pt(5);
        for (const QStringList &row : t.rows) {
            QList<QStringList> cells;
            int lines = 1;
            for (int c = 0; c < int(s.widths.size()); ++c) {
                cells << wrapCell(row.value(c),
                                  s.widths[c] - cellPadding(),
                                  plain,
                                  t.numeric.value(c, false));
                lines = std::max(lines, int(cells.back().size()));
            }
            s.cells << cells;
            s.rowHeights << rowHeight(lines);
        }
        return s;
    }

    void paintTableRows(QPainter &p,
                        const ReportTable &t,
                        const TableShape &s,
                        QPointF at,
                        int from,
                        int to,
                        bool withCaption) const
    {
        double y = at.y();
        if (withCaption && !t.caption.isEmpty()) {
            p.setFont(font(8.5, false));
            p.setPen(Qt::black);
            p.drawText(QRectF(at.x(), y, m_width, captionHeight(t.caption)),
                       Qt::AlignLeft | Qt::AlignTop,
                       t.caption);
            y += captionHeight(t.caption);
        }
        const auto paintRow = [&](const QList<QStringList> &cells, bool header, int index) {
            double x = at.x();
            const double h = header ? s.headerHeight : s.rowHeights.value(index);
            if (header)
                p.fillRect(QRectF(x, y, m_width, h), QColor(0xd9, 0xd9, 0xd9));
            else if (index % 2 == 1)
                p.fillRect(QRectF(x, y, m_width, h), QColor(0xf2, 0xf2, 0xf2));
            p.setFont(tableFont(header));
            p.setPen(Qt::black);
            const QFontMetricsF fm = metrics(tableFont(header));
            for (int c = 0; c < int(s.widths.size()); ++c) {
                const Qt::Alignment side = t.numeric.value(c, false) ? Qt::AlignRight
                                                                     : Qt::AlignLeft;
                // the lines of a cell, centred in the row as a block
                const QStringList lines = cells.value(c);
                const double textH = fm.height()
                                     + std::max(0, int(lines.size()) - 1) * fm.lineSpacing();
                double ly = y + (h - textH) / 2;
                for (const QString &line : lines) {
                    p.drawText(QRectF(x + cellPadding() / 2,
                                      ly,
                                      s.widths[c] - cellPadding(),
                                      fm.height()),
                               Qt::AlignVCenter | side,
                               line);
                    ly += fm.lineSpacing();
                }
                x += s.widths[c];
            }
            y += h;
        };
        paintRow(s.header, true, 0);
        for (int r = from; r < to; ++r)
            paintRow(s.cells[r], false, r);
        p.setPen(QPen(QColor(0x80, 0x80, 0x80), pt(0.5)));
        p.drawLine(QPointF(at.x(), y), QPointF(at.x() + m_width, y));
    }

    // --- code -------------------------------------------------------------------------
    QFont codeFont() const { return font(7, false, kMono); }
    double codeLineHeight() const { return metrics(codeFont()).lineSpacing(); }
    /**
     * Code in lines that fit the text width: a longer line goes on over the next lines,
     * broken after a space where it has one, each continuation indented under the line's own
     * indent and marked "↪". Nothing is cut off.
     */
    QStringList codeLines(const QString &text) const
    {
        const QFontMetricsF fm = metrics(codeFont());
        const int columns = std::max(24, int(m_width / fm.horizontalAdvance(QLatin1Char('M'))));
        QStringList out;
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            if (line.size() <= columns) {
                out << line;
                continue;
            }
            qsizetype indent = 0;
            while (indent < line.size() && line[indent] == QLatin1Char(' '))
                ++indent;
            const QString lead = QString(std::min<qsizetype>(indent, columns / 2), QLatin1Char(' '))
                                 + QStringLiteral("\u21aa ");
            QString rest = line;
            bool first = true;
            while (!rest.isEmpty()) {
                const qsizetype room = first ? columns : columns - lead.size();
                if (rest.size() <= room) {
                    out << (first ? rest : lead + rest);
                    break;
                }
                // after the last space that fits (not inside the indent), else at the edge
                qsizetype cut = rest.lastIndexOf(QLatin1Char(' '), room - 1) + 1;
                if (cut <= (first ? indent : 0))
                    cut = room;
                out << (first ? rest.left(cut) : lead + rest.left(cut));
                rest = rest.mid(cut);
                first = false;
            }
        }
        return out;
    }

    double width() const { return m_width; }

private:
    QPaintDevice *m_device;
    int m_dpi;
    double m_width;
};

/** A block (or a part of one) placed on a page. */
struct Placement
{
    int page = 0; ///< 0-based among the content pages
    double y = 0;
    double height = 0;
    const ReportLayout::Block *block = nullptr;
    int from = 0, to = 0; ///< rows of a table, lines of code
    bool first = true;    ///< the first part of a block (a table's caption)
};

} // namespace

ReportLayout::ReportLayout(const QPageSize &pageSize)
    : m_pageSize(pageSize)
{}

ReportLayout::~ReportLayout() = default;

void ReportLayout::setTitlePage(const TitlePage &page)
{
    m_title = page;
}

void ReportLayout::setRunningTitle(const QString &title)
{
    m_runningTitle = title;
}

void ReportLayout::heading(const QString &text, int level)
{
    auto b = std::make_unique<Block>(Block::Kind::Heading);
    b->text = text;
    b->level = std::clamp(level, 1, 3);
    m_blocks.push_back(std::move(b));
}

void ReportLayout::paragraph(const QString &html)
{
    auto b = std::make_unique<Block>(Block::Kind::Paragraph);
    b->text = html;
    m_blocks.push_back(std::move(b));
}

void ReportLayout::table(const ReportTable &table)
{
    auto b = std::make_unique<Block>(Block::Kind::Table);
    b->table = table;
    m_blocks.push_back(std::move(b));
}

void ReportLayout::chart(std::unique_ptr<QWidget> owner,
                         QCustomPlot *plot,
                         double heightPt,
                         const QString &caption)
{
    auto b = std::make_unique<Block>(Block::Kind::Chart);
    makePrintable(plot);
    b->owner = std::move(owner);
    b->plot = plot;
    b->height = heightPt;
    b->caption = caption;
    m_blocks.push_back(std::move(b));
}

void ReportLayout::scene(QGraphicsScene *scene, double maxHeightPt, const QString &caption)
{
    auto b = std::make_unique<Block>(Block::Kind::Scene);
    b->graphics = scene;
    b->height = maxHeightPt;
    b->caption = caption;
    m_blocks.push_back(std::move(b));
}

void ReportLayout::code(const QString &text)
{
    auto b = std::make_unique<Block>(Block::Kind::Code);
    b->text = text;
    m_blocks.push_back(std::move(b));
}

void ReportLayout::pageBreak()
{
    m_blocks.push_back(std::make_unique<Block>(Block::Kind::PageBreak));
}

namespace {
// Page margins in points: 20 mm at the sides, room for the running title and page number.
constexpr double kMarginSidePt = 56.7;
constexpr double kMarginTopPt = 62;
constexpr double kMarginBottomPt = 56;
constexpr double kGapPt = 9; ///< between blocks
} // namespace

double ReportLayout::textWidth() const
{
    return m_pageSize.size(QPageSize::Point).width() - 2 * kMarginSidePt;
}

bool ReportLayout::write(const QString &fileName, QString *error)
{
    const int dpi = logicalDpi();
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    QPdfWriter writer(&file);
    writer.setPageSize(m_pageSize);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(dpi);
    writer.setTitle(m_title.title);
    writer.setCreator(QStringLiteral("ArchSim"));
    writer.setPdfVersion(QPagedPaintDevice::PdfVersion_1_6);

    const QRectF page(QPointF(0, 0), m_pageSize.sizePixels(dpi));
    Painter measure(&writer, dpi, 0);
    const double side = measure.pt(kMarginSidePt);
    const QRectF body(side,
                      measure.pt(kMarginTopPt),
                      page.width() - 2 * side,
                      page.height() - measure.pt(kMarginTopPt) - measure.pt(kMarginBottomPt));
    Painter pm(&writer, dpi, body.width());
    const double gap = pm.pt(kGapPt);

    // --- pagination ---------------------------------------------------------------------
    std::vector<Placement> placed;
    std::vector<std::pair<const Block *, int>> headingPages; // content page, 0-based
    int pageIndex = 0;
    double y = 0; // within the body
    const auto newPage = [&] {
        ++pageIndex;
        y = 0;
    };
    // every table measured once: its columns, lines and rows' heights; code in its lines
    std::map<const Block *, Painter::TableShape> shapes;
    std::map<const Block *, QStringList> codeLines;
    for (const auto &b : m_blocks) {
        if (b->kind == Block::Kind::Table)
            shapes.emplace(b.get(), pm.shape(b->table));
        else if (b->kind == Block::Kind::Code)
            codeLines.emplace(b.get(), pm.codeLines(b->text));
    }
    const auto heightOf = [&](const Block &b) -> double {
        switch (b.kind) {
        case Block::Kind::Heading:
            return pm.headingHeight(b.level, b.text);
        case Block::Kind::Paragraph:
            return pm.textDocument(b.text)->size().height();
        case Block::Kind::Table:
            return pm.captionHeight(b.table.caption) + shapes.at(&b).headerHeight
                   + shapes.at(&b).rowsHeight(0, int(b.table.rows.size()));
        case Block::Kind::Chart:
            return pm.pt(b.height) + pm.captionHeight(b.caption);
        case Block::Kind::Scene: {
            const QRectF source = b.graphics->itemsBoundingRect();
            const double scale = source.isEmpty() ? 1
                                                  : std::min({body.width() / source.width(),
                                                              pm.pt(b.height) / source.height(),
                                                              1.0});
            return source.height() * scale + pm.captionHeight(b.caption);
        }
        case Block::Kind::Code:
            return pm.codeLineHeight() * codeLines.at(&b).size();
        case Block::Kind::PageBreak:
            return 0;
        }
        return 0;
    };
    for (std::size_t i = 0; i < m_blocks.size(); ++i) {
        const Block &b = *m_blocks[i];
        if (b.kind == Block::Kind::PageBreak) {
            if (y > 0)
                newPage();
            continue;
        }
        if (b.kind == Block::Kind::Heading && b.level == 1 && (y > 0 || !placed.empty())) {
            if (y > 0)
                newPage();
        }
        const double h = heightOf(b);
        if (b.kind == Block::Kind::Heading) {
            // keep with what follows: the headings under it and the first block after them,
            // whole when that block does not split (a chart, a paragraph, a table shorter
            // than a page), else its first rows or lines
            double next = 0;
            for (std::size_t j = i + 1; j < m_blocks.size(); ++j) {
                const Block &n = *m_blocks[j];
                if (n.kind == Block::Kind::PageBreak
                    || (n.kind == Block::Kind::Heading && n.level == 1))
                    break;
                const double nh = heightOf(n);
                if (n.kind == Block::Kind::Heading) {
                    next += nh;
                    continue;
                }
                if (n.kind == Block::Kind::Table && nh > body.height())
                    next += pm.captionHeight(n.table.caption) + shapes.at(&n).headerHeight
                            + shapes.at(&n).rowsHeight(0, 3);
                else if (n.kind == Block::Kind::Code)
                    next += std::min(nh, 5 * pm.codeLineHeight());
                else
                    next += nh;
                break;
            }
            if (y > 0 && y + h + next > body.height())
                newPage();
            headingPages.emplace_back(&b, pageIndex);
            placed.push_back({pageIndex, y, h, &b});
            y += h;
            continue;
        }
        if (b.kind == Block::Kind::Table && h > body.height()) {
            // longer than a page: split between rows, the header on every part
            const Painter::TableShape &shape = shapes.at(&b);
            const double head = shape.headerHeight;
            int row = 0;
            bool first = true;
            while (row < b.table.rows.size()) {
                const double caption = first ? pm.captionHeight(b.table.caption) : 0;
                // as many rows as fit under the caption and the header
                int to = row;
                double rows = 0;
                while (to < b.table.rows.size()
                       && y + caption + head + rows + shape.rowHeights[to] <= body.height()) {
                    rows += shape.rowHeights[to];
                    ++to;
                }
                if (to - row < 3 && to < b.table.rows.size() && y > 0) {
                    newPage();
                    continue;
                }
                if (to == row) { // a row taller than a page: alone on it
                    rows = shape.rowHeights[to];
                    ++to;
                }
                const double ph = caption + head + rows;
                placed.push_back({pageIndex, y, ph, &b, row, to, first});
                y += ph + gap;
                row = to;
                first = false;
                if (row < b.table.rows.size())
                    newPage();
            }
            continue;
        }
        if (b.kind == Block::Kind::Code) {
            const int lines = int(codeLines.at(&b).size());
            int line = 0;
            while (line < lines) {
                int fit = int((body.height() - y) / pm.codeLineHeight());
                if (fit < 3 && y > 0) {
                    newPage();
                    continue;
                }
                fit = std::max(fit, 1);
                const int to = std::min(lines, line + fit);
                const double ph = pm.codeLineHeight() * (to - line);
                placed.push_back({pageIndex, y, ph, &b, line, to, line == 0});
                y += ph + gap;
                line = to;
                if (line < lines)
                    newPage();
            }
            continue;
        }
        if (y > 0 && y + h > body.height())
            newPage();
        placed.push_back({pageIndex, y, h, &b, 0, int(b.table.rows.size()), true});
        y += h + gap;
    }
    const int contentPages = pageIndex + 1;

    // the table of contents: levels 1 and 2
    const QFont tocFont = font(10);
    const double tocLine = pm.metrics(tocFont).lineSpacing() * 1.35;
    QList<QPair<const Block *, int>> tocEntries;
    for (const auto &[block, p] : headingPages) {
        if (block->level <= 2)
            tocEntries.append({block, p});
    }
    const double tocHead = pm.headingHeight(1);
    const int perFirst = std::max(1, int((body.height() - tocHead) / tocLine));
    const int perNext = std::max(1, int(body.height() / tocLine));
    const int tocPages = tocEntries.size() <= perFirst
                             ? 1
                             : 1 + int((tocEntries.size() - perFirst + perNext - 1) / perNext);
    const int firstContentPage = 1 + tocPages + 1; // 1-based: title, contents, content
    m_pages = 1 + tocPages + contentPages;
    m_contents.clear();
    for (const auto &[block, p] : std::as_const(tocEntries))
        m_contents.append({block->text, firstContentPage + p});

    // --- painting -----------------------------------------------------------------------
    QCPPainter painter; // a QPainter that QCustomPlot::toPainter accepts
    if (!painter.begin(&writer)) {
        if (error)
            *error = QStringLiteral("Cannot draw the PDF %1").arg(fileName);
        return false;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    int physical = 1;
    const auto decorate = [&] {
        // running title and page number, not on the title page
        painter.setPen(QColor(0x40, 0x40, 0x40));
        painter.setFont(font(8));
        const double top = pm.pt(kMarginTopPt) - pm.pt(22);
        painter.drawText(QRectF(body.left(), top, body.width(), pm.pt(12)),
                         Qt::AlignLeft | Qt::AlignBottom,
                         m_runningTitle);
        painter.setPen(QPen(QColor(0x80, 0x80, 0x80), pm.pt(0.5)));
        painter.drawLine(QPointF(body.left(), top + pm.pt(14)),
                         QPointF(body.right(), top + pm.pt(14)));
        painter.setPen(QColor(0x40, 0x40, 0x40));
        painter.drawText(QRectF(body.left(), body.bottom() + pm.pt(18), body.width(), pm.pt(12)),
                         Qt::AlignHCenter | Qt::AlignTop,
                         QStringLiteral("Page %1 of %2").arg(physical).arg(m_pages));
    };
    const auto nextPhysical = [&] {
        writer.newPage();
        ++physical;
        decorate();
    };

    // title page
    {
        painter.setPen(Qt::black);
        QRectF r(body.left(), body.top() + body.height() * 0.28, body.width(), pm.pt(90));
        painter.setFont(font(26, true));
        painter.drawText(r, Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap, m_title.title);
        painter.setPen(QPen(Qt::black, pm.pt(1.5)));
        painter.drawLine(QPointF(body.left(), r.bottom() + pm.pt(10)),
                         QPointF(body.right(), r.bottom() + pm.pt(10)));
        painter.setFont(font(14));
        painter.drawText(QRectF(body.left(), r.bottom() + pm.pt(18), body.width(), pm.pt(40)),
                         Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                         m_title.subtitle);
        painter.setFont(font(10.5));
        double ly = r.bottom() + pm.pt(70);
        for (const QString &line : std::as_const(m_title.lines)) {
            painter.drawText(QRectF(body.left(), ly, body.width(), pm.pt(16)),
                             Qt::AlignLeft | Qt::AlignTop,
                             line);
            ly += pm.pt(17);
        }
    }

    // contents
    nextPhysical();
    {
        double ty = body.top();
        painter.setPen(Qt::black);
        painter.setFont(Painter::headingFont(1));
        painter.drawText(QRectF(body.left(), ty, body.width(), tocHead),
                         Qt::AlignLeft | Qt::AlignTop,
                         QStringLiteral("Contents"));
        ty += tocHead;
        const QFontMetricsF fm = pm.metrics(tocFont);
        for (qsizetype i = 0; i < tocEntries.size(); ++i) {
            if (ty + tocLine > body.bottom()) {
                nextPhysical();
                ty = body.top();
            }
            const bool sub = tocEntries[i].first->level == 2;
            QFont f = tocFont;
            f.setBold(!sub);
            painter.setFont(f);
            painter.setPen(Qt::black);
            const double indent = sub ? pm.pt(16) : 0;
            const QString number = QString::number(firstContentPage + tocEntries[i].second);
            const double numberWidth = fm.horizontalAdvance(number);
            const QString text = QFontMetricsF(f, &writer)
                                     .elidedText(tocEntries[i].first->text,
                                                 Qt::ElideRight,
                                                 body.width() - indent - numberWidth - pm.pt(30));
            painter.drawText(QRectF(body.left() + indent, ty, body.width(), tocLine),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             text);
            painter.drawText(QRectF(body.left(), ty, body.width(), tocLine),
                             Qt::AlignRight | Qt::AlignVCenter,
                             number);
            // dotted leader
            const double from = body.left() + indent
                                + QFontMetricsF(f, &writer).horizontalAdvance(text) + pm.pt(6);
            const double to = body.right() - numberWidth - pm.pt(6);
            if (to > from) {
                painter.setPen(QPen(QColor(0x90, 0x90, 0x90), pm.pt(0.6), Qt::DotLine));
                const double ly = ty + tocLine * 0.62;
                painter.drawLine(QPointF(from, ly), QPointF(to, ly));
            }
            ty += tocLine;
        }
    }
    while (physical < 1 + tocPages)
        nextPhysical();

    // content
    int current = -1;
    for (const Placement &pl : placed) {
        while (current < pl.page) {
            nextPhysical();
            ++current;
        }
        const Block &b = *pl.block;
        const QPointF at(body.left(), body.top() + pl.y);
        painter.save();
        switch (b.kind) {
        case Block::Kind::Heading: {
            painter.setPen(Qt::black);
            painter.setFont(Painter::headingFont(b.level));
            painter.drawText(QRectF(at, QSizeF(body.width(), pl.height)),
                             Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                             b.text);
            if (b.level == 1) {
                painter.setPen(QPen(QColor(0x60, 0x60, 0x60), pm.pt(0.8)));
                painter.drawLine(QPointF(at.x(), at.y() + pl.height - pm.pt(3)),
                                 QPointF(at.x() + body.width(), at.y() + pl.height - pm.pt(3)));
            }
            break;
        }
        case Block::Kind::Paragraph: {
            const auto doc = pm.textDocument(b.text);
            painter.translate(at);
            doc->drawContents(&painter);
            break;
        }
        case Block::Kind::Table:
            pm.paintTableRows(painter, b.table, shapes.at(&b), at, pl.from, pl.to, pl.first);
            break;
        case Block::Kind::Chart: {
            const double h = pm.pt(b.height);
            painter.translate(at);
            b.plot->toPainter(&painter, int(body.width()), int(h));
            painter.restore();
            painter.save();
            if (!b.caption.isEmpty()) {
                painter.setFont(font(8.5));
                painter.setPen(Qt::black);
                painter
                    .drawText(QRectF(at.x(), at.y() + h, body.width(), pm.captionHeight(b.caption)),
                              Qt::AlignHCenter | Qt::AlignVCenter,
                              b.caption);
            }
            break;
        }
        case Block::Kind::Scene: {
            const QRectF source = b.graphics->itemsBoundingRect();
            const double captionH = pm.captionHeight(b.caption);
            const double h = pl.height - captionH;
            const double scale = source.isEmpty() ? 1 : h / source.height();
            const double w = source.width() * scale;
            const QRectF target(at.x() + (body.width() - w) / 2, at.y(), w, h);
            b.graphics->render(&painter, target, source, Qt::KeepAspectRatio);
            if (!b.caption.isEmpty()) {
                painter.setFont(font(8.5));
                painter.setPen(Qt::black);
                painter.drawText(QRectF(at.x(), at.y() + h, body.width(), captionH),
                                 Qt::AlignHCenter | Qt::AlignVCenter,
                                 b.caption);
            }
            break;
        }
        case Block::Kind::Code: {
            painter.setFont(pm.codeFont());
            painter.setPen(Qt::black);
            const QStringList &lines = codeLines.at(&b);
            const double lh = pm.codeLineHeight();
            const QFontMetricsF fm = pm.metrics(pm.codeFont());
            for (int l = pl.from; l < pl.to; ++l)
                painter.drawText(QPointF(at.x(), at.y() + (l - pl.from) * lh + fm.ascent()),
                                 lines.value(l));
            break;
        }
        case Block::Kind::PageBreak:
            break;
        }
        painter.restore();
    }
    while (physical < m_pages)
        nextPhysical(); // a trailing empty page count would be a bug, but never a lie
    if (!painter.end()) {
        if (error)
            *error = QStringLiteral("Cannot finish the PDF %1").arg(fileName);
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

void makePrintable(QCustomPlot *plot)
{
    if (!plot)
        return;
    // Colours stay (they help on screen); dash patterns and markers tell the lines apart when
    // printed in grey: ten patterns and ten marker shapes, the k-th line gets the k-th of
    // each (and past ten, another pairing), so up to ten lines differ in both.
    static const QList<QList<qreal>> patterns = {{},
                                                 {6, 3},
                                                 {1, 2.5},
                                                 {6, 2.5, 1, 2.5},
                                                 {12, 4},
                                                 {6, 2.5, 1, 2.5, 1, 2.5},
                                                 {3, 2},
                                                 {12, 3, 3, 3},
                                                 {1, 5},
                                                 {12, 2.5, 1, 2.5, 1, 2.5, 1, 2.5}};
    static const QCPScatterStyle::ScatterShape shapes[] = {QCPScatterStyle::ssCircle,
                                                           QCPScatterStyle::ssSquare,
                                                           QCPScatterStyle::ssTriangle,
                                                           QCPScatterStyle::ssDiamond,
                                                           QCPScatterStyle::ssCross,
                                                           QCPScatterStyle::ssPlus,
                                                           QCPScatterStyle::ssTriangleInverted,
                                                           QCPScatterStyle::ssStar,
                                                           QCPScatterStyle::ssCrossSquare,
                                                           QCPScatterStyle::ssPlusCircle};
    constexpr int kinds = 10;
    plot->setBackground(Qt::white);
    int line = 0;
    for (int i = 0; i < plot->graphCount(); ++i) {
        QCPGraph *g = plot->graph(i);
        if (g->lineStyle() == QCPGraph::lsNone)
            continue;
        QPen pen = g->pen();
        if (pen.style() == Qt::NoPen)
            continue;
        pen.setWidthF(std::max(1.4, pen.widthF()));
        const QList<qreal> &pattern = patterns[line % kinds];
        if (pattern.isEmpty())
            pen.setStyle(Qt::SolidLine);
        else
            pen.setDashPattern(pattern);
        g->setPen(pen);
        if (g->scatterStyle().isNone()) {
            // about a dozen markers along the line, in its colour, hollow
            const int shape = (line + line / kinds) % kinds;
            QCPScatterStyle marker(shapes[shape], 5);
            marker.setPen(QPen(pen.color(), 1.1));
            marker.setBrush(Qt::white);
            g->setScatterStyle(marker);
            g->setScatterSkip(std::max(0, g->dataCount() / 12 - 1));
        }
        ++line;
    }
}

} // namespace Ui
