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
#include <QSaveFile>
#include <QScreen>
#include <QTextDocument>

#include <algorithm>
#include <cmath>

namespace Ui {

namespace {

// Fonts: DejaVu (fonts-dejavu-core, installed by scripts/setup) is on every machine the
// report is made on, so the PDF looks the same everywhere; Qt embeds the subsets it uses.
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
    static QFont headingFont(int level)
    {
        return font(level == 1 ? 17 : level == 2 ? 13 : 11, true);
    }

    // --- tables -----------------------------------------------------------------------
    QFont tableFont(bool bold = false) const { return font(8, bold); }
    double rowHeight() const { return metrics(tableFont()).height() + pt(5); }
    double captionHeight(const QString &caption) const
    {
        return caption.isEmpty() ? 0 : metrics(font(8.5, false)).height() + pt(4);
    }
    /**
     * Column widths over the text width. Each column wants its widest cell and the longest
     * word of its header (headers wrap onto two lines); when they do not fit, text columns
     * give up room first (their cells are elided), figures only when nothing else is left.
     */
    QList<double> columnWidths(const ReportTable &t) const
    {
        const int n = int(t.header.size());
        QList<double> w(n, 0);
        if (!t.widths.isEmpty()) {
            double sum = 0;
            for (double x : t.widths)
                sum += x;
            for (int c = 0; c < n; ++c)
                w[c] = m_width * t.widths.value(c, 1) / std::max(sum, 1e-9);
            return w;
        }
        const QFontMetricsF bold = metrics(tableFont(true));
        const QFontMetricsF plain = metrics(tableFont());
        const double pad = pt(10);
        for (int c = 0; c < n; ++c) {
            for (const QString &word : t.header[c].split(QLatin1Char(' ')))
                w[c] = std::max(w[c], bold.horizontalAdvance(word) + pad);
            for (const QStringList &row : t.rows)
                w[c] = std::max(w[c], plain.horizontalAdvance(row.value(c)) + pad);
        }
        double sum = 0;
        for (double x : w)
            sum += x;
        if (sum > m_width) {
            double excess = sum - m_width;
            // text columns first, each down to a floor
            const double floor = pt(40);
            double shrinkable = 0;
            for (int c = 0; c < n; ++c) {
                if (!t.numeric.value(c, false))
                    shrinkable += std::max(0.0, w[c] - floor);
            }
            const double take = std::min(excess, shrinkable);
            for (int c = 0; c < n && shrinkable > 0; ++c) {
                if (!t.numeric.value(c, false))
                    w[c] -= take * std::max(0.0, w[c] - floor) / shrinkable;
            }
            excess -= take;
            if (excess > 0.5) { // still too wide: everything in proportion
                const double scale = m_width / (m_width + excess);
                for (double &x : w)
                    x *= scale;
            }
        } else if (sum < m_width && n > 0) {
            w[0] += m_width - sum; // the names get the room
        }
        return w;
    }
    /** The header row: one line, or two when a header is wider than its column. */
    double headerHeight(const ReportTable &t) const
    {
        const QList<double> w = columnWidths(t);
        const QFontMetricsF bold = metrics(tableFont(true));
        for (int c = 0; c < int(w.size()); ++c) {
            if (bold.horizontalAdvance(t.header[c]) > w[c] - pt(8))
                return 2 * bold.height() + pt(5);
        }
        return rowHeight();
    }
    void paintTableRows(
        QPainter &p, const ReportTable &t, QPointF at, int from, int to, bool withCaption) const
    {
        const QList<double> w = columnWidths(t);
        const double rh = rowHeight();
        double y = at.y();
        if (withCaption && !t.caption.isEmpty()) {
            p.setFont(font(8.5, false));
            p.setPen(Qt::black);
            p.drawText(QRectF(at.x(), y, m_width, captionHeight(t.caption)),
                       Qt::AlignLeft | Qt::AlignTop,
                       t.caption);
            y += captionHeight(t.caption);
        }
        const double hh = headerHeight(t);
        const auto paintRow = [&](const QStringList &cells, bool header, int index) {
            double x = at.x();
            const double h = header ? hh : rh;
            if (header)
                p.fillRect(QRectF(x, y, m_width, h), QColor(0xd9, 0xd9, 0xd9));
            else if (index % 2 == 1)
                p.fillRect(QRectF(x, y, m_width, h), QColor(0xf2, 0xf2, 0xf2));
            p.setFont(tableFont(header));
            p.setPen(Qt::black);
            const QFontMetricsF fm = metrics(tableFont(header));
            for (int c = 0; c < int(w.size()); ++c) {
                const QRectF cell(x + pt(4), y, w[c] - pt(8), h);
                const Qt::Alignment side = t.numeric.value(c, false) ? Qt::AlignRight
                                                                     : Qt::AlignLeft;
                if (header)
                    p.drawText(cell, Qt::AlignVCenter | side | Qt::TextWordWrap, cells.value(c));
                else
                    p.drawText(cell,
                               Qt::AlignVCenter | side,
                               fm.elidedText(cells.value(c), Qt::ElideRight, cell.width()));
                x += w[c];
            }
            y += h;
        };
        paintRow(t.header, true, 0);
        for (int r = from; r < to; ++r)
            paintRow(t.rows[r], false, r);
        p.setPen(QPen(QColor(0x80, 0x80, 0x80), pt(0.5)));
        p.drawLine(QPointF(at.x(), y), QPointF(at.x() + m_width, y));
    }

    // --- code -------------------------------------------------------------------------
    QFont codeFont() const { return font(7, false, kMono); }
    double codeLineHeight() const { return metrics(codeFont()).lineSpacing(); }

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
    const auto heightOf = [&](const Block &b) -> double {
        switch (b.kind) {
        case Block::Kind::Heading:
            return pm.headingHeight(b.level);
        case Block::Kind::Paragraph:
            return pm.textDocument(b.text)->size().height();
        case Block::Kind::Table:
            return pm.captionHeight(b.table.caption) + pm.headerHeight(b.table)
                   + pm.rowHeight() * b.table.rows.size();
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
            return pm.codeLineHeight() * (b.text.count(QLatin1Char('\n')) + 1);
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
            // keep with the next block (or its first lines)
            double next = 0;
            if (i + 1 < m_blocks.size()) {
                const Block &n = *m_blocks[i + 1];
                next = n.kind == Block::Kind::Table
                           ? pm.captionHeight(n.table.caption) + pm.headerHeight(n.table)
                                 + 3 * pm.rowHeight()
                       : n.kind == Block::Kind::Code ? 5 * pm.codeLineHeight()
                                                     : std::min(heightOf(n), body.height() / 3);
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
            const double head = pm.headerHeight(b.table);
            int row = 0;
            bool first = true;
            while (row < b.table.rows.size()) {
                const double caption = first ? pm.captionHeight(b.table.caption) : 0;
                int fit = int((body.height() - y - caption - head) / pm.rowHeight());
                if (fit < 3 && y > 0) {
                    newPage();
                    continue;
                }
                fit = std::max(fit, 1);
                const int to = std::min(int(b.table.rows.size()), row + fit);
                const double ph = caption + head + pm.rowHeight() * (to - row);
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
            const int lines = int(b.text.count(QLatin1Char('\n'))) + 1;
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
                             Qt::AlignLeft | Qt::AlignVCenter,
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
            pm.paintTableRows(painter, b.table, at, pl.from, pl.to, pl.first);
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
            const QStringList lines = b.text.split(QLatin1Char('\n'));
            const double lh = pm.codeLineHeight();
            const QFontMetricsF fm = pm.metrics(pm.codeFont());
            for (int l = pl.from; l < pl.to; ++l) {
                painter.drawText(QPointF(at.x(), at.y() + (l - pl.from) * lh + fm.ascent()),
                                 fm.elidedText(lines.value(l), Qt::ElideRight, body.width()));
            }
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
    // Colours stay (they help on screen); dash patterns and widths tell the lines apart
    // when printed in grey.
    static const Qt::PenStyle styles[]
        = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine};
    plot->setBackground(Qt::white);
    int line = 0;
    for (int i = 0; i < plot->graphCount(); ++i) {
        QCPGraph *g = plot->graph(i);
        if (g->lineStyle() == QCPGraph::lsNone)
            continue;
        QPen pen = g->pen();
        if (pen.style() == Qt::NoPen)
            continue;
        pen.setStyle(styles[line % 5]);
        pen.setWidthF(std::max(1.4, pen.widthF()));
        g->setPen(pen);
        ++line;
    }
}

} // namespace Ui
