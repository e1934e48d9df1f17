// SPDX-License-Identifier: GPL-3.0-or-later
#include "DecisionWindow.h"
#include "ProjectDocument.h"
#include "ResultsPanel.h"
#include "SampleResults.h"
#include "TableExport.h"
#include "analysis/CapacityWindow.h"
#include "analysis/PlanWindow.h"
#include "compare/CompareView.h"
#include "watch/WatchPanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFile>
#include <QHeaderView>
#include <QMenu>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QtTest>

namespace {

/**
 * Three columns whose titles and cells need each rule: a comma, quotes, a line break (a
 * two-line title reads as one line), a tab, and a non-ASCII character.
 *
 *   Name       | Rate, per s | Note\nshort
 *   api        | 1,200.5     | say "hi"
 *   db         | 3           | two\nlines
 *   edge\tlb   | 0.5 µs      | –
 */
QStandardItemModel *sampleModel(QObject *parent)
{
    auto model = new QStandardItemModel(3, 3, parent);
    model->setHorizontalHeaderLabels(
        {QStringLiteral("Name"), QStringLiteral("Rate, per s"), QStringLiteral("Note\nshort")});
    model->setVerticalHeaderLabels(
        {QStringLiteral("r1"), QStringLiteral("r2"), QStringLiteral("r3")});
    const QStringList cells{QStringLiteral("api"),
                            QStringLiteral("1,200.5"),
                            QStringLiteral("say \"hi\""),
                            QStringLiteral("db"),
                            QStringLiteral("3"),
                            QStringLiteral("two\nlines"),
                            QStringLiteral("edge\tlb"),
                            QStringLiteral("0.5 µs"),
                            QStringLiteral("–")};
    for (int i = 0; i < cells.size(); ++i)
        model->setItem(i / 3, i % 3, new QStandardItem(cells.at(i)));
    return model;
}

QStringList contextMenuActions(QAbstractItemView *view)
{
    QStringList names;
    bool shown = false;
    QTimer::singleShot(0, view, [&] {
        auto menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        shown = true;
        for (const QAction *a : menu->actions()) {
            if (!a->isSeparator())
                names << a->objectName();
        }
        menu->close();
    });
    // a right click in the table, which the viewport receives
    QWidget *viewport = view->viewport();
    const QPoint pos(10, 10);
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, viewport->mapToGlobal(pos));
    QApplication::sendEvent(viewport, &event);
    if (!shown)
        return {QStringLiteral("no menu")};
    return names;
}

const QStringList kTableActions{QStringLiteral("tableCopyAction"),
                                QStringLiteral("tableSaveCsvAction")};

} // namespace

class tst_TableExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void tsvOfTheWholeTable();
    void csvOfTheWholeTable();
    void selectionNarrowsRowsColumnsAndCells();
    void viewShapeOrdersAndHidesColumns();
    void treeRowsFollowTheirParent();
    void savesCsvAsUtf8Atomically();
    void saveFailureSaysWhy();
    void copyAndCtrlC();
    void resultsPanelTables();
    void everyResultsTableHasTheActions();

private:
    QTemporaryDir m_dir;
};

void tst_TableExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void tst_TableExport::tsvOfTheWholeTable()
{
    QStandardItemModel *model = sampleModel(this);
    QCOMPARE(Ui::tableToTsv(model),
             QStringLiteral("Name\tRate, per s\tNote short\n"
                            "api\t1,200.5\t\"say \"\"hi\"\"\"\n"
                            "db\t3\t\"two\nlines\"\n"
                            "\"edge\tlb\"\t0.5 µs\t–\n"));
    delete model;
}

void tst_TableExport::csvOfTheWholeTable()
{
    QStandardItemModel *model = sampleModel(this);
    QCOMPARE(Ui::tableToCsv(model),
             QStringLiteral("Name,\"Rate, per s\",Note short\r\n"
                            "api,\"1,200.5\",\"say \"\"hi\"\"\"\r\n"
                            "db,3,\"two\nlines\"\r\n"
                            "edge\tlb,0.5 µs,–\r\n"));
    // with the rows' headers as a first column, under an empty corner
    Ui::TableShape shape;
    shape.rowHeaders = true;
    QVERIFY(Ui::tableToCsv(model, {}, shape)
                .startsWith(QStringLiteral(",Name,\"Rate, per s\",Note short\r\nr1,api,")));
    delete model;
}

void tst_TableExport::selectionNarrowsRowsColumnsAndCells()
{
    QStandardItemModel *model = sampleModel(this);
    // two cells, given out of order: rows 1 and 3, columns Name and Note; only they have text
    const QModelIndexList selection{model->index(2, 0), model->index(0, 2)};
    QCOMPARE(Ui::tableToTsv(model, selection),
             QStringLiteral("Name\tNote short\n"
                            "\t\"say \"\"hi\"\"\"\n"
                            "\"edge\tlb\"\t\n"));
    // whole rows, as the results tables select
    const QModelIndexList row{model->index(1, 0), model->index(1, 1), model->index(1, 2)};
    QCOMPARE(Ui::tableToCsv(model, row),
             QStringLiteral("Name,\"Rate, per s\",Note short\r\ndb,3,\"two\nlines\"\r\n"));
    delete model;
}

void tst_TableExport::viewShapeOrdersAndHidesColumns()
{
    QTableView view;
    QStandardItemModel *model = sampleModel(&view);
    view.setModel(model);
    view.setColumnHidden(1, true);
    view.horizontalHeader()->moveSection(2, 0); // Note first
    view.setRowHidden(1, true);
    const Ui::TableShape shape = Ui::tableShape(&view);
    QCOMPARE(shape.columns, (QList<int>{2, 0}));
    QVERIFY(shape.rowHeaders); // a table view shows its vertical header unless hidden
    QCOMPARE(Ui::tableToTsv(model, {}, shape),
             QStringLiteral("\tNote short\tName\n"
                            "r1\t\"say \"\"hi\"\"\"\tapi\n"
                            "r3\t–\t\"edge\tlb\"\n"));
    view.verticalHeader()->hide();
    QVERIFY(!Ui::tableShape(&view).rowHeaders);
}

void tst_TableExport::treeRowsFollowTheirParent()
{
    QStandardItemModel model;
    model.setHorizontalHeaderLabels({QStringLiteral("Step"), QStringLiteral("p99")});
    auto parent = new QStandardItem(QStringLiteral("monolith"));
    parent->appendRow({new QStandardItem(QStringLiteral("orders")), new QStandardItem("12")});
    model.appendRow({parent, new QStandardItem(QStringLiteral("30"))});
    model.appendRow({new QStandardItem(QStringLiteral("services")), new QStandardItem("9")});
    QTreeView tree;
    tree.setModel(&model);
    QCOMPARE(Ui::tableToTsv(&model, {}, Ui::tableShape(&tree)),
             QStringLiteral("Step\tp99\nmonolith\t30\norders\t12\nservices\t9\n"));
}

void tst_TableExport::savesCsvAsUtf8Atomically()
{
    QTableWidget table(2, 2);
    table.setHorizontalHeaderLabels({QStringLiteral("Scenario"), QStringLiteral("Cost ($)")});
    table.verticalHeader()->hide();
    table.setItem(0, 0, new QTableWidgetItem(QStringLiteral("Shop, µservices")));
    table.setItem(0, 1, new QTableWidgetItem(QStringLiteral("1.50")));
    table.setItem(1, 0, new QTableWidgetItem(QStringLiteral("Monolith")));
    table.setItem(1, 1, new QTableWidgetItem(QStringLiteral("–")));
    table.setCurrentCell(1, 1); // a selection does not narrow a saved table

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("costs.csv"));
    {
        QFile old(file);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("an older, longer file that the save replaces entirely\r\n");
    }
    QString error;
    QVERIFY2(Ui::saveTableCsv(&table, file, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(),
             QByteArray("Scenario,Cost ($)\r\n\"Shop, \xC2\xB5services\",1.50\r\n"
                        "Monolith,\xE2\x80\x93\r\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("costs.csv")}); // no temporary file left
}

void tst_TableExport::saveFailureSaysWhy()
{
    QTableWidget table(1, 1);
    const QString file = m_dir.filePath(QStringLiteral("no such folder/table.csv"));
    QString error;
    QVERIFY(!Ui::saveTableCsv(&table, file, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(file));
}

void tst_TableExport::copyAndCtrlC()
{
    QTableView view;
    QStandardItemModel *model = sampleModel(&view);
    view.setModel(model);
    view.verticalHeader()->hide();
    Ui::installTableExport(&view, QStringLiteral("Sample"));
    QClipboard *clipboard = QGuiApplication::clipboard();

    // nothing selected: the whole table
    clipboard->clear();
    view.findChild<QAction *>(QStringLiteral("tableCopyAction"))->trigger();
    QCOMPARE(clipboard->text(), Ui::tableToTsv(model));

    // a selected row: that row, under the header
    view.selectRow(1);
    clipboard->clear();
    view.findChild<QAction *>(QStringLiteral("tableCopyAction"))->trigger();
    QCOMPARE(clipboard->text(),
             QStringLiteral("Name\tRate, per s\tNote short\ndb\t3\t\"two\nlines\"\n"));

    // Ctrl+C in the focused table: the same, not the view's own copy of one cell
    view.show();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.setFocus();
    clipboard->clear();
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboard->text(),
             QStringLiteral("Name\tRate, per s\tNote short\ndb\t3\t\"two\nlines\"\n"));

    // the menu, installed again with another name: the same two actions
    Ui::installTableExport(&view, QStringLiteral("Other"));
    QCOMPARE(contextMenuActions(&view), kTableActions);
}

void tst_TableExport::resultsPanelTables()
{
    Ui::ResultsPanel panel;
    panel.showResult(TestSupport::sampleRunResult(), QStringLiteral("Shop"));
    panel.resize(1200, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto requests = panel.findChild<QTableView *>(QStringLiteral("requestsTable"));
    auto components = panel.findChild<QTableView *>(QStringLiteral("componentsTable"));
    QVERIFY(requests && components);
    QCOMPARE(contextMenuActions(requests), kTableActions);
    panel.showResultsTab(1);
    QCOMPARE(contextMenuActions(components), kTableActions);

    // the components as shown: names as the first column (the rows' header, under an empty
    // corner), without the hidden id column ("Component"), each title on one line
    QString error;
    const QString file = m_dir.filePath(QStringLiteral("components.csv"));
    QVERIFY2(Ui::saveTableCsv(components, file, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QStringLiteral("\r\n"));
    const QStringList titles = lines.first().split(QLatin1Char(','));
    QVERIFY2(titles.first().isEmpty(), qPrintable(lines.first()));
    QVERIFY2(!titles.contains(QStringLiteral("Component")), qPrintable(lines.first()));
    QVERIFY2(titles.contains(QStringLiteral("Kind")), qPrintable(lines.first()));
    QCOMPARE(lines.size(), 1 + 6 + 1); // the header, six components, the empty end
    bool quoted = false;
    for (const QString &line : lines)
        quoted = quoted || line.startsWith(QStringLiteral("\"pay,\"\"ext\"\"\","));
    QVERIFY2(quoted, qPrintable(lines.join(QLatin1Char('|'))));
}

void tst_TableExport::everyResultsTableHasTheActions()
{
    Model::ProjectDocument project; // outlives the windows
    QWidget host;
    new Ui::CompareView(&host);
    new Ui::CapacityWindow(&project, &host);
    new Ui::PlanWindow(&project, &host);
    new Ui::DecisionWindow(&project, &host);
    new Ui::WatchPanel(&host);
    for (const char *name : {"compareFigures",
                             "compareDeltas",
                             "capacityTable",
                             "planTable",
                             "decisionMatrix",
                             "watchTheory"}) {
        auto view = host.findChild<QAbstractItemView *>(QLatin1String(name));
        QVERIFY2(view, name);
        QStringList actions;
        for (const QAction *a : Ui::tableExportActions(view))
            actions << a->objectName();
        QCOMPARE(actions, kTableActions);
        QCOMPARE(view->contextMenuPolicy(), Qt::ActionsContextMenu);
    }
}

QTEST_MAIN(tst_TableExport)
#include "tst_tableexport.moc"
