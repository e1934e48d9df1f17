// SPDX-License-Identifier: GPL-3.0-or-later
// PDF reports (docs/report.md): the page layout keeps tables and charts whole, the contents
// point at the right pages, a scenario's and a project's report hold the figures of their
// runs, every font is embedded, every page renders; the dialog remembers its choice.
// Reads the PDFs back with poppler-utils (pdfinfo, pdftotext, pdffonts, pdftoppm; installed
// by scripts/setup).
#include "Formatting.h"
#include "MainWindow.h"
#include "ModelTestSupport.h"
#include "ProjectDocument.h"
#include "ReportBuilder.h"
#include "ReportData.h"
#include "ReportDialog.h"
#include "ReportLayout.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Model;

namespace {

/** Runs a poppler tool; its stdout, or a failed test. */
QString tool(const QString &program, const QStringList &args, bool *ok)
{
    QProcess p;
    p.start(program, args);
    *ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!*ok)
        qWarning("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput());
}

int pdfPages(const QString &file)
{
    bool ok = false;
    const QString info = tool(QStringLiteral("pdfinfo"), {file}, &ok);
    const QRegularExpressionMatch m
        = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    return ok && m.hasMatch() ? m.captured(1).toInt() : -1;
}

QString pageText(const QString &file, int page)
{
    bool ok = false;
    return TestSupport::withoutLigatures(tool(QStringLiteral("pdftotext"),
                                              {QStringLiteral("-layout"),
                                               QStringLiteral("-f"),
                                               QString::number(page),
                                               QStringLiteral("-l"),
                                               QString::number(page),
                                               file,
                                               QStringLiteral("-")},
                                              &ok));
}

QString allText(const QString &file)
{
    bool ok = false;
    return TestSupport::withoutLigatures(
        tool(QStringLiteral("pdftotext"), {file, QStringLiteral("-")}, &ok));
}

Scenario shortScenario(const char *file, double durationS)
{
    Scenario s = TestSupport::loadExample(QString::fromLatin1(file));
    s.simulation.durationS = durationS;
    s.simulation.warmupS = std::min(s.simulation.warmupS, durationS / 4);
    s.simulation.replications = 2;
    return s;
}

} // namespace

class tst_Report : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).isEmpty())
            QFAIL("poppler-utils (pdfinfo, pdftotext, pdffonts, pdftoppm) are needed: "
                  "scripts/setup installs them");
    }

    void layoutKeepsTablesWholeAndTheContentsRight()
    {
        // 12 tables of 20 rows: each fits a page, two do not fit one page together
        Ui::ReportLayout layout{QPageSize(QPageSize::A4)};
        layout.setTitlePage({QStringLiteral("Layout test"), QStringLiteral("sub"), {}});
        layout.setRunningTitle(QStringLiteral("Layout test"));
        for (int t = 0; t < 12; ++t) {
            if (t % 4 == 0)
                layout.heading(QStringLiteral("Part %1").arg(t / 4 + 1));
            Ui::ReportTable table;
            table.caption = QStringLiteral("Table %1 begins").arg(t);
            table.header = {QStringLiteral("Row"), QStringLiteral("Value")};
            table.numeric = {false, true};
            for (int r = 0; r < 20; ++r)
                table.rows << QStringList{QStringLiteral("t%1r%2").arg(t).arg(r),
                                          QString::number(r * 1.5)};
            table.rows << QStringList{QStringLiteral("Table %1 ends").arg(t), QString()};
            layout.table(table);
        }
        const QString file = m_dir.filePath(QStringLiteral("layout.pdf"));
        QString error;
        QVERIFY2(layout.write(file, &error), qPrintable(error));
        QCOMPARE(pdfPages(file), layout.pageCount());
        QVERIFY(layout.pageCount() >= 1 + 1 + 4);
        // every table on one page: its first and last lines on the same page
        for (int t = 0; t < 12; ++t) {
            int begins = -1, ends = -1;
            for (int p = 1; p <= layout.pageCount(); ++p) {
                const QString text = pageText(file, p);
                if (text.contains(QStringLiteral("Table %1 begins").arg(t)))
                    begins = p;
                if (text.contains(QStringLiteral("Table %1 ends").arg(t)))
                    ends = p;
            }
            QVERIFY2(begins > 0 && begins == ends,
                     qPrintable(
                         QStringLiteral("table %1: pages %2 and %3").arg(t).arg(begins).arg(ends)));
        }
        // the contents list each part with the page it is on, and pages are numbered
        const QList<QPair<QString, int>> contents = layout.contents();
        QCOMPARE(contents.size(), 3);
        for (const auto &[title, page] : contents) {
            QVERIFY2(pageText(file, page).contains(title), qPrintable(title));
            QVERIFY(pageText(file, 2).contains(title));
        }
        QVERIFY(pageText(file, 3).contains(QStringLiteral("Page 3 of %1").arg(layout.pageCount())));
        QVERIFY(!pageText(file, 1).contains(QStringLiteral("Page 1 of")));
    }

    void aHeadingStaysWithItsBlockAndWraps()
    {
        // fillers of growing height push a heading towards the foot of the page: wherever it
        // lands, it is on the page of its table's first row (never alone at the bottom)
        int moved = 0;
        for (int filler = 20; filler <= 46; filler += 2) {
            Ui::ReportLayout layout{QPageSize(QPageSize::A4)};
            layout.setTitlePage({QStringLiteral("Keep"), {}, {}});
            layout.heading(QStringLiteral("Part"));
            Ui::ReportTable f;
            f.header = {QStringLiteral("Filler"), QStringLiteral("N")};
            f.numeric = {false, true};
            for (int r = 0; r < filler; ++r)
                f.rows << QStringList{QStringLiteral("filler"), QString::number(r)};
            layout.table(f);
            layout.heading(QStringLiteral("Kept heading"), 2);
            Ui::ReportTable t;
            t.header = {QStringLiteral("Name"), QStringLiteral("Value")};
            t.numeric = {false, true};
            t.rows << QStringList{QStringLiteral("kept first row"), QStringLiteral("1")};
            for (int r = 1; r < 15; ++r)
                t.rows << QStringList{QStringLiteral("kept"), QString::number(r)};
            layout.table(t);
            const QString file = m_dir.filePath(QStringLiteral("keep.pdf"));
            QString error;
            QVERIFY2(layout.write(file, &error), qPrintable(error));
            int headingPage = -1, rowPage = -1;
            for (int p = 3; p <= layout.pageCount(); ++p) {
                const QString text = pageText(file, p);
                if (text.contains(QStringLiteral("Kept heading")))
                    headingPage = p;
                if (text.contains(QStringLiteral("kept first row")))
                    rowPage = p;
            }
            QVERIFY2(headingPage > 0 && headingPage == rowPage,
                     qPrintable(QStringLiteral("filler %1: heading on page %2, its table on %3")
                                    .arg(filler)
                                    .arg(headingPage)
                                    .arg(rowPage)));
            moved += headingPage > 3 ? 1 : 0;
        }
        QVERIFY(moved > 0); // some fillers did leave too little room for the table

        // a heading wider than the page wraps: every word of it is on its page
        Ui::ReportLayout layout{QPageSize(QPageSize::A4)};
        layout.setTitlePage({QStringLiteral("Wrap"), {}, {}});
        QStringList words;
        for (int w = 0; w < 24; ++w)
            words << QStringLiteral("title%1").arg(w);
        layout.heading(words.join(QLatin1Char(' ')));
        layout.paragraph(QStringLiteral("<p>After the heading.</p>"));
        const QString file = m_dir.filePath(QStringLiteral("wrap.pdf"));
        QString error;
        QVERIFY2(layout.write(file, &error), qPrintable(error));
        const QString page = pageText(file, 3);
        for (const QString &word : std::as_const(words))
            QVERIFY2(page.contains(QRegularExpression(QStringLiteral("\\b%1\\b").arg(word))),
                     qPrintable(word + QLatin1Char('\n') + page));
        QVERIFY(page.contains(QStringLiteral("After the heading.")));
    }

    void aTableLongerThanAPageRepeatsItsHeader()
    {
        Ui::ReportLayout layout{QPageSize(QPageSize::A4)};
        layout.setTitlePage({QStringLiteral("Long"), {}, {}});
        layout.heading(QStringLiteral("Long table"));
        Ui::ReportTable table;
        table.header = {QStringLiteral("Event time"), QStringLiteral("What")};
        for (int r = 0; r < 150; ++r)
            table.rows << QStringList{QString::number(r), QStringLiteral("row %1").arg(r)};
        layout.table(table);
        const QString file = m_dir.filePath(QStringLiteral("long.pdf"));
        QString error;
        QVERIFY2(layout.write(file, &error), qPrintable(error));
        QVERIFY(layout.pageCount() >= 5); // title, contents, 3 or more pages of rows
        for (int p = 3; p <= layout.pageCount(); ++p)
            QVERIFY2(pageText(file, p).contains(QStringLiteral("Event time")),
                     qPrintable(QString::number(p)));
        const QString text = allText(file);
        for (int r = 0; r < 150; ++r)
            QVERIFY2(text.contains(QStringLiteral("row %1\n").arg(r))
                         || text.contains(QStringLiteral("row %1 ").arg(r))
                         || text.contains(QStringLiteral("row %1").arg(r)),
                     qPrintable(QString::number(r)));
    }

    void linesDifferInGrey()
    {
        // twelve lines of one colour: in grey only their dash patterns and markers tell them
        // apart; the first ten differ in both, every line in the pair of them
        QCustomPlot plot;
        for (int i = 0; i < 12; ++i) {
            QCPGraph *g = plot.addGraph();
            g->setPen(QPen(Qt::darkGray, 1));
            for (int x = 0; x < 100; ++x)
                g->addData(x, x * i);
        }
        Ui::makePrintable(&plot);
        QSet<QString> patterns, shapes, pairs;
        for (int i = 0; i < plot.graphCount(); ++i) {
            const QCPGraph *g = plot.graph(i);
            QStringList dashes;
            for (qreal d : g->pen().dashPattern())
                dashes << QString::number(d);
            const QString pattern = g->pen().style() == Qt::SolidLine ? QStringLiteral("solid")
                                                                      : dashes.join(u',');
            const QString shape = QString::number(int(g->scatterStyle().shape()));
            QVERIFY(!g->scatterStyle().isNone());
            QVERIFY(g->scatterSkip() > 0); // a few markers, not one on every point
            if (i < 10) {
                patterns.insert(pattern);
                shapes.insert(shape);
            }
            pairs.insert(pattern + QLatin1Char('/') + shape);
        }
        QCOMPARE(patterns.size(), 10);
        QCOMPARE(shapes.size(), 10);
        QCOMPARE(pairs.size(), 12);
    }

    void aFailedWriteLeavesTheFileAsItWas()
    {
        Ui::ReportLayout layout{QPageSize(QPageSize::A4)};
        layout.heading(QStringLiteral("x"));
        QString error;
        QVERIFY(!layout.write(m_dir.filePath(QStringLiteral("no/such/folder/r.pdf")), &error));
        QVERIFY2(error.contains(QStringLiteral("no/such/folder")), qPrintable(error));
    }

    void scenarioReportHoldsTheRunsFigures()
    {
        const Scenario scenario = shortScenario("shop-microservices.json", 40);
        ReportSettings settings = ReportSettings::defaults();
        settings.author = QStringLiteral("Test author");
        Problems problems;
        const std::optional<ReportData> data
            = gatherScenarioReportData(scenario, settings, {}, &problems);
        QVERIFY2(data, qPrintable(TestSupport::problemsText(problems)));
        QCOMPARE(data->scenarios.size(), std::size_t(1));
        const QString file = m_dir.filePath(QStringLiteral("scenario.pdf"));
        QString error;
        int pages = 0;
        QVERIFY2(Ui::writeReport(*data, file, &error, &pages), qPrintable(error));
        QCOMPARE(pdfPages(file), pages);

        bool ok = false;
        const QString info = tool(QStringLiteral("pdfinfo"), {file}, &ok);
        QVERIFY(ok);
        QVERIFY2(info.contains(QStringLiteral("595 x 842 pts (A4)")), qPrintable(info));

        // the key figures as the results JSON has them, written by docs/report.md's rules
        const QJsonObject results = scenarioResultsJson(data->scenarios[0].scenario,
                                                        data->scenarios[0].result);
        // ("requests" is an object by request name; "_all" is every request)
        const QJsonObject all = results.value(QStringLiteral("requests"))
                                    .toObject()
                                    .value(QStringLiteral("_all"))
                                    .toObject();
        const QJsonObject latency = all.value(QStringLiteral("latency_ms")).toObject();
        const QString text = allText(file);
        for (const char *key : {"p50", "p99", "mean"}) {
            const double value = latency.value(QLatin1String(key)).toDouble();
            QVERIFY2(value > 0, key); // a figure of the JSON, not a missing one read as 0
            const QString figure = Ui::formatMilliseconds(value);
            QVERIFY2(text.contains(figure),
                     qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(key), figure)));
        }
        // the per-component table names every component in full (never "paym…"); the
        // topology above it names them too, so only the table's own text counts
        // (after the title page and the contents, which name the headings too)
        const QString body = text.section(QLatin1Char('\f'), 2);
        const qsizetype perComponent = body.indexOf(QStringLiteral("Results per component"));
        const qsizetype chartsAt = body.indexOf(QStringLiteral("Charts"), perComponent);
        QVERIFY(perComponent > 0 && chartsAt > perComponent);
        const QString componentTable = body.mid(perComponent, chartsAt - perComponent);
        QVERIFY(!componentTable.contains(QChar(0x2026)));
        for (const Component &c : scenario.components)
            QVERIFY2(componentTable.contains(QRegularExpression(
                         QStringLiteral("(^|\\s)%1(\\s|$)").arg(QRegularExpression::escape(c.id)))),
                     qPrintable(c.id + QLatin1Char('\n') + componentTable));
        QVERIFY(text.contains(QStringLiteral("Executive summary")));
        QVERIFY(text.contains(QStringLiteral("Test author")));
        QVERIFY(text.contains(QStringLiteral("Scenario: ") + scenario.name));
        QVERIFY(text.contains(QStringLiteral("Appendix: scenario JSON")));
        // no decision, comparison or plan in a scenario's report
        QVERIFY(!text.contains(QStringLiteral("Decision:")));
        QVERIFY(!text.contains(QStringLiteral("Migration plan:")));

        // every font embedded
        const QString fonts = tool(QStringLiteral("pdffonts"), {file}, &ok);
        QVERIFY(ok);
        const QStringList lines = fonts.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(2);
        QVERIFY(!lines.isEmpty());
        for (const QString &line : lines) {
            // name type encoding emb sub uni object ID
            const QStringList cols = line.simplified().split(QLatin1Char(' '));
            QVERIFY2(cols.size() >= 7 && cols.at(cols.size() - 5) == QLatin1String("yes"),
                     qPrintable(line));
        }
        // every page renders
        const QString prefix = m_dir.filePath(QStringLiteral("page"));
        tool(QStringLiteral("pdftoppm"),
             {QStringLiteral("-r"), QStringLiteral("20"), QStringLiteral("-png"), file, prefix},
             &ok);
        QVERIFY(ok);
        const QStringList images = QDir(m_dir.path()).entryList({QStringLiteral("page*.png")});
        QCOMPARE(int(images.size()), pages);
    }

    void theAppendixHoldsLongLinesWhole()
    {
        // a description far wider than the page: its JSON line wraps, word for word
        Scenario scenario = shortScenario("mm1.json", 10);
        QStringList words;
        for (int w = 0; w < 90; ++w)
            words << QStringLiteral("word%1").arg(w);
        scenario.description = words.join(QLatin1Char(' '));
        ReportSettings settings = ReportSettings::defaults();
        settings.sections = {QStringLiteral("appendix")};
        Problems problems;
        const std::optional<ReportData> data
            = gatherScenarioReportData(scenario, settings, {}, &problems);
        QVERIFY2(data, qPrintable(TestSupport::problemsText(problems)));
        const QString file = m_dir.filePath(QStringLiteral("appendix.pdf"));
        QString error;
        QVERIFY2(Ui::writeReport(*data, file, &error), qPrintable(error));
        const QString text = allText(file);
        const QString appendix = text.mid(text.lastIndexOf(QStringLiteral("Appendix: scenario")));
        QVERIFY(!appendix.contains(QChar(0x2026))); // nothing cut off with "…"
        for (const QString &word : std::as_const(words))
            QVERIFY2(appendix.contains(QRegularExpression(QStringLiteral("\\b%1\\b").arg(word))),
                     qPrintable(word));
        // the line goes on over several lines, each continuation marked
        QVERIFY2(appendix.count(QChar(0x21aa)) >= 3, qPrintable(appendix));
        // and the rest of the JSON is there too, to its last brace
        QVERIFY(appendix.contains(QStringLiteral("\"simulation\"")));
    }

    void letterPaper()
    {
        const Scenario scenario = shortScenario("mm1.json", 20);
        ReportSettings settings = ReportSettings::defaults();
        settings.paper = QStringLiteral("letter");
        settings.sections = {QStringLiteral("summary")};
        Problems problems;
        const std::optional<ReportData> data
            = gatherScenarioReportData(scenario, settings, {}, &problems);
        QVERIFY(data);
        const QString file = m_dir.filePath(QStringLiteral("letter.pdf"));
        QString error;
        int pages = 0;
        QVERIFY2(Ui::writeReport(*data, file, &error, &pages), qPrintable(error));
        bool ok = false;
        const QString info = tool(QStringLiteral("pdfinfo"), {file}, &ok);
        QVERIFY2(info.contains(QStringLiteral("612 x 792 pts (letter)")), qPrintable(info));
        QCOMPARE(pages, 3); // title, contents, the summary
        QVERIFY(!allText(file).contains(QStringLiteral("Scenario: ")));
    }

    void capacitySectionHoldsTheSearch()
    {
        Scenario scenario = shortScenario("mm1.json", 20);
        scenario.slo.clear();
        ReportSettings settings = ReportSettings::defaults();
        settings.sections = {QStringLiteral("summary"), QStringLiteral("capacity")};
        settings.replications = 2;
        settings.capacity = {scenario.name};
        // no SLO anywhere: refused, with where to give one
        Problems problems;
        QVERIFY(!gatherScenarioReportData(scenario, settings, {}, &problems));
        QVERIFY2(TestSupport::problemsText(problems).contains(QStringLiteral("$.capacity_slo")),
                 qPrintable(TestSupport::problemsText(problems)));
        // a name that is not the scenario's: refused at its index
        problems.clear();
        settings.capacity = {QStringLiteral("other")};
        QVERIFY(!gatherScenarioReportData(scenario, settings, {}, &problems));
        QVERIFY2(TestSupport::problemsText(problems).contains(QStringLiteral("$.capacity[0]")),
                 qPrintable(TestSupport::problemsText(problems)));

        problems.clear();
        settings.capacity = {scenario.name};
        settings.capacitySlo = QStringLiteral("p99<50ms");
        const std::optional<ReportData> data
            = gatherScenarioReportData(scenario, settings, {}, &problems);
        QVERIFY2(data, qPrintable(TestSupport::problemsText(problems)));
        QCOMPARE(data->capacity.size(), std::size_t(1));
        const ReportCapacity &c = data->capacity.front();
        QVERIFY(c.result.maxRatePerS.has_value());
        QCOMPARE(data->capacityReplications, 2);
        QCOMPARE(data->capacitySlo->text(), QStringLiteral("p99<50ms"));
        const QString file = m_dir.filePath(QStringLiteral("capacity.pdf"));
        QString error;
        int pages = 0;
        QVERIFY2(Ui::writeReport(*data, file, &error, &pages), qPrintable(error));
        const QString text = allText(file);
        // the contents list it; the table and the summary give the search's capacity
        QVERIFY(pageText(file, 2).contains(QStringLiteral("Capacity")));
        const QString capacity = Ui::formatDecimal(*c.result.maxRatePerS) + QStringLiteral("/s");
        QVERIFY2(text.contains(QStringLiteral("Capacity under p99<50ms")), qPrintable(text));
        QVERIFY2(text.count(capacity) >= 1, qPrintable(capacity));
        QVERIFY2(text.contains(QStringLiteral("%1 carries %2 requests/s")
                                   .arg(scenario.name, Ui::formatDecimal(*c.result.maxRatePerS))),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("p99<50ms against the arrival rate")));
        QVERIFY(text.contains(QString::number(c.result.points.size())));
        // left out of the settings: no section, no search
        settings.sections = {QStringLiteral("summary")};
        const std::optional<ReportData> without
            = gatherScenarioReportData(scenario, settings, {}, &problems);
        QVERIFY(without);
        QVERIFY(without->capacity.empty());
    }

    void projectReportHasEveryFeatureInTheChosenOrder()
    {
        ProjectDocument project;
        QStringList problemsText;
        project.setProject(ProjectDocument::exampleProject(TestSupport::sourcePath(QStringLiteral(
                                                               "resources/examples")),
                                                           &problemsText));
        QVERIFY(problemsText.isEmpty());
        ReportSettings settings = ReportSettings::defaults();
        settings.scenarios = {QStringLiteral("Shop: monolith"),
                              QStringLiteral("Shop: microservices")};
        settings.compare = settings.scenarios;
        settings.replications = 2;
        settings.sections = {QStringLiteral("summary"),
                             QStringLiteral("decision"),
                             QStringLiteral("plan"),
                             QStringLiteral("comparison"),
                             QStringLiteral("lint")};
        // quick measurements: the decision without its capacity search and fault run
        Decision decision = project.decisions().front();
        decision.simulation.capacity = false;
        decision.simulation.fault = Fault{};
        decision.simulation.replications = 2;
        decision.simulation.durationS = 40;
        QVERIFY(project.setDecision(decision));
        Problems problems;
        const std::optional<ReportData> data = gatherReportData(project, settings, {}, &problems);
        QVERIFY2(data, qPrintable(TestSupport::problemsText(problems)));
        QVERIFY(data->decision && data->decisionEvidence && data->trajectory && data->comparison);
        const QString file = m_dir.filePath(QStringLiteral("project.pdf"));
        QString error;
        int pages = 0;
        QVERIFY2(Ui::writeReport(*data, file, &error, &pages), qPrintable(error));
        const QString text = allText(file);
        // the sections in the chosen order (after the contents page)
        // pdftotext ends each page with a form feed: the title page and the contents first
        const QString body = text.section(QLatin1Char('\f'), 2);
        const qsizetype summary = body.indexOf(QStringLiteral("Executive summary"));
        const qsizetype decisionAt = body.indexOf(QStringLiteral("Decision: ") + decision.name);
        const qsizetype planAt = body.indexOf(QStringLiteral("Migration plan: "));
        const qsizetype comparisonAt = body.indexOf(QStringLiteral("Comparison"));
        QVERIFY2(summary >= 0 && summary < decisionAt && decisionAt < planAt
                     && planAt < comparisonAt,
                 qPrintable(QStringLiteral("%1 %2 %3 %4")
                                .arg(summary)
                                .arg(decisionAt)
                                .arg(planAt)
                                .arg(comparisonAt)));
        // the comparison has the Compare view's overlaid charts, as vector graphics: their
        // axis titles are text in the comparison's pages (the plan's chart has a p99 axis too,
        // so only the section's own text counts)
        const qsizetype lintAt = body.indexOf(QStringLiteral("Architecture lint"));
        QVERIFY(lintAt > comparisonAt);
        const QString comparisonText = body.mid(comparisonAt, lintAt - comparisonAt);
        for (const QString &title : {QStringLiteral("Latency, all requests (ms, log scale)"),
                                     QStringLiteral("Requests at or below (%)"),
                                     QStringLiteral("p99 latency (ms)"),
                                     QStringLiteral("Throughput (per s)"),
                                     QStringLiteral("Simulated time (s)"),
                                     QStringLiteral("Latency CDF of all requests"),
                                     QStringLiteral("Throughput over time")})
            QVERIFY2(comparisonText.contains(title), qPrintable(title));
        // each chart's legend names the alternatives: without the legends the name is only
        // in the two tables' headers (at most twice, fewer where a header wraps)
        QVERIFY2(comparisonText.count(QStringLiteral("Shop: microservices")) >= 3,
                 qPrintable(comparisonText));
        // the recommendation is the decision's winner
        const QString winner = data->decisionResult.alternatives.at(
            data->decisionResult.ranking.front().alternative);
        QVERIFY(text.contains(QStringLiteral("Recommendation: ") + winner));
        // a section left out of the settings is not there
        QVERIFY(!text.contains(QStringLiteral("Appendix: scenario JSON")));
        // the decision matrix names every criterion in full, a long one on two lines
        const QString flat = text.simplified();
        for (const DecisionRow &row : data->decisionResult.rows)
            QVERIFY2(flat.contains(row.label), qPrintable(row.label));
        QVERIFY(!text.contains(QChar(0x2026))); // nothing elided anywhere
        // every step of the plan
        QCOMPARE(data->trajectory->points.size(), std::size_t(data->plan->steps.size() + 1));
        QVERIFY(pdfPages(file) == pages);
    }

    void aSavedRunIsUsedAsItIs()
    {
        ProjectDocument project;
        const Scenario scenario = shortScenario("mm1.json", 20);
        const QString id = project.addScenario(scenario);
        // a saved run of the scenario with another seed than it has now: the report shows
        // the saved run's figures, and says where they come from
        Scenario other = scenario;
        other.simulation.seed = 99;
        const CompiledScenario compiled = compileScenario(other);
        QVERIFY(compiled.ok());
        const Sim::RunResult saved = Sim::runSimulation(compiled.spec);
        QVERIFY(!project.addRun(id, saved, QStringLiteral("before the change")).isEmpty());
        Problems problems;
        const std::optional<ReportData> data
            = gatherReportData(project, ReportSettings::defaults(), {}, &problems);
        QVERIFY2(data, qPrintable(TestSupport::problemsText(problems)));
        QCOMPARE(data->scenarios.size(), std::size_t(1));
        QCOMPARE(data->scenarios[0].result.seed, std::uint64_t(99));
        QVERIFY2(data->scenarios[0].resultSource.startsWith(
                     QStringLiteral("saved run 'before the change' of ")),
                 qPrintable(data->scenarios[0].resultSource));
        const QString file = m_dir.filePath(QStringLiteral("saved.pdf"));
        QString error;
        QVERIFY2(Ui::writeReport(*data, file, &error), qPrintable(error));
        const QString text = allText(file);
        QVERIFY(text.contains(QStringLiteral("saved run 'before the change'")));
        QVERIFY(text.contains(Ui::formatMilliseconds(saved.requests.front().latencyMs.p99)));
    }

    void aNameTheProjectLacksIsRefusedWithItsPath()
    {
        ProjectDocument project;
        project.addScenario(shortScenario("mm1.json", 10));
        ReportSettings settings = ReportSettings::defaults();
        settings.scenarios = {QStringLiteral("Nope")};
        settings.decision = QStringLiteral("Nothing");
        Problems problems;
        QVERIFY(!gatherReportData(project, settings, {}, &problems));
        const QString text = TestSupport::problemsText(problems);
        QVERIFY2(text.contains(QStringLiteral("$.scenarios[0]")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("$.decision")), qPrintable(text));
    }

    void settingsRoundTripAndAreRemembered()
    {
        ReportSettings s = ReportSettings::defaults();
        s.title = QStringLiteral("T");
        s.sections = {QStringLiteral("plan"), QStringLiteral("summary")};
        s.compare = {QStringLiteral("a"), QStringLiteral("b")};
        s.capacity = {QStringLiteral("b")};
        s.capacitySlo = QStringLiteral("p99<1s");
        s.replications = 3;
        s.paper = QStringLiteral("letter");
        Problems problems;
        QCOMPARE(reportSettingsFromJson(reportSettingsToJson(s),
                                        QStringLiteral("$.report"),
                                        &problems),
                 s);
        QJsonObject bad = reportSettingsToJson(s);
        bad.insert(QStringLiteral("sections"),
                   QJsonArray{QStringLiteral("summary"), QStringLiteral("costs")});
        QVERIFY(!reportSettingsFromJson(bad, QStringLiteral("$.report"), &problems));
        QVERIFY2(TestSupport::problemsText(problems).contains(
                     QStringLiteral("$.report.sections[1]")),
                 qPrintable(TestSupport::problemsText(problems)));

        // the dialog shows the project's settings and remembers what it exports
        ProjectDocument project;
        project.addScenario(shortScenario("mm1.json", 10));
        project.setReportSettings(s);
        Ui::ReportDialog dialog(&project);
        QCOMPARE(dialog.settings().title, s.title);
        QCOMPARE(dialog.settings().sections, s.sections);
        QVERIFY(dialog.emptySections().contains(QStringLiteral("plan")));
        QVERIFY(dialog.emptySections().contains(QStringLiteral("decision")));
        // the capacity list names the project's scenarios; "b" is not one, so none is ticked
        auto capacity = dialog.findChild<QListWidget *>(QStringLiteral("reportCapacity"));
        QVERIFY(capacity);
        QCOMPARE(capacity->count(), 1);
        QVERIFY(dialog.emptySections().contains(QStringLiteral("capacity")));
        capacity->item(0)->setCheckState(Qt::Checked);
        QVERIFY(!dialog.emptySections().contains(QStringLiteral("capacity")));
        QCOMPARE(dialog.settings().capacity,
                 QStringList{project.scenarioName(project.scenarioIds().first())});
        QCOMPARE(dialog.settings().capacitySlo, QStringLiteral("p99<1s"));
        capacity->item(0)->setCheckState(Qt::Unchecked);
        auto list = dialog.findChild<QListWidget *>(QStringLiteral("reportSections"));
        QVERIFY(list);
        QCOMPARE(list->count(), int(reportSections().size())); // unticked ones listed too
        list->item(1)->setCheckState(Qt::Unchecked);           // "summary" is second
        const QString file = m_dir.filePath(QStringLiteral("dialog.pdf"));
        QVERIFY(dialog.exportTo(file));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), 10000);
        QVERIFY2(dialog.message().startsWith(QStringLiteral("Written")),
                 qPrintable(dialog.message()));
        QCOMPARE(project.reportSettings().sections, QStringList{QStringLiteral("plan")});
        QVERIFY(project.structureModified());
    }

    void theDialogKeepsItsChoiceWhenClosed()
    {
        ProjectDocument source;
        source.addScenario(shortScenario("mm1.json", 10));
        ProjectDocument project;
        project.setProject(source.project()); // as opened: not modified
        QVERIFY(!project.structureModified());
        {
            // opened and closed unchanged: the project is as it was
            Ui::ReportDialog dialog(&project);
            dialog.reject();
        }
        QVERIFY(!project.structureModified());
        QCOMPARE(project.reportSettings(), source.reportSettings());
        for (const bool escape : {false, true}) {
            Ui::ReportDialog dialog(&project);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            auto title = dialog.findChild<QLineEdit *>(QStringLiteral("reportTitle"));
            QVERIFY(title);
            const QString text = escape ? QStringLiteral("Closed with Esc")
                                        : QStringLiteral("Closed with Close");
            title->setText(text);
            if (escape)
                QTest::keyClick(&dialog, Qt::Key_Escape);
            else
                dialog.reject(); // what the Close button does
            QVERIFY(!dialog.isVisible());
            QCOMPARE(project.reportSettings().title, text);
            QVERIFY(project.structureModified());
        }
    }

    void menuEntryOpensTheDialog()
    {
        Ui::MainWindow window;
        auto action = window.findChild<QAction *>(QStringLiteral("exportReportAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
        bool shown = false;
        QTimer::singleShot(0, &window, [&] {
            auto dialog = qobject_cast<Ui::ReportDialog *>(QApplication::activeModalWidget());
            shown = dialog && dialog->objectName() == QLatin1String("reportDialog");
            if (dialog)
                dialog->reject();
        });
        action->trigger(); // modal: returns when the dialog closes
        QVERIFY(shown);
    }

    void screenshotOfTheDialog()
    {
        // ARCHSIM_SCREENSHOT_DIR=dir writes the Export Report dialog on the example project
        const QString dir = qEnvironmentVariable("ARCHSIM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set ARCHSIM_SCREENSHOT_DIR to write the screenshots");
        ProjectDocument project;
        QStringList problems;
        project.setProject(ProjectDocument::exampleProject(TestSupport::sourcePath(QStringLiteral(
                                                               "resources/examples")),
                                                           &problems));
        ReportSettings s = ReportSettings::defaults();
        s.author = QStringLiteral("Platform team");
        s.compare = {QStringLiteral("Shop: monolith"), QStringLiteral("Shop: microservices")};
        s.sections.move(s.sections.indexOf(QStringLiteral("decision")), 1);
        s.sections.removeAll(QStringLiteral("appendix"));
        project.setReportSettings(s);
        Ui::ReportDialog dialog(&project);
        dialog.show();
        auto list = dialog.findChild<QListWidget *>(QStringLiteral("reportSections"));
        list->setCurrentRow(1);
        QTest::qWait(100);
        QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("report-dialog.png"))));
    }
};

QTEST_MAIN(tst_Report)
#include "tst_report.moc"
