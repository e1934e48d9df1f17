// SPDX-License-Identifier: GPL-3.0-or-later
#include "CanvasClipboard.h"
#include "CanvasItems.h"
#include "CanvasScene.h"
#include "CanvasView.h"
#include "Document.h"
#include "DocumentController.h"
#include "Palette.h"
#include "ScenarioIo.h"
#include "TestSupport.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QtTest>

using Model::ComponentKind;
using Ui::Relation;

class tst_CanvasView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void dropFromPaletteCreatesComponent();
    void paletteDoubleClickAddsAtCenter();
    void dragMoveIsOneUndoStep();
    void shiftDragConnects();
    void shiftDragOntoIllegalTargetDoesNothing();
    void deleteKeyRemovesSelectionInOneStep();
    void copyPasteThroughClipboard();
    void zoomAndFit();
    void fittedViewFollowsItsSize();
    void f2AsksToRenameTheSelectedComponent();
    void heatLegendIsFittedIntoTheView();

private:
    void mouse(QEvent::Type type,
               QPointF scenePos,
               Qt::MouseButton button,
               Qt::MouseButtons buttons,
               Qt::KeyboardModifiers modifiers = Qt::NoModifier);

    Model::Scenario m_shop;
    Model::Document *m_doc = nullptr;
    Ui::DocumentController *m_ctl = nullptr;
    Ui::CanvasScene *m_scene = nullptr;
    Ui::CanvasView *m_view = nullptr;
};

void tst_CanvasView::init()
{
    const Model::ScenarioLoad load = Model::loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json")));
    QVERIFY(load.scenario);
    m_shop = *load.scenario;
    m_doc = new Model::Document;
    m_doc->setScenario(m_shop);
    m_ctl = new Ui::DocumentController(m_doc);
    m_scene = new Ui::CanvasScene(m_doc, m_ctl);
    QVERIFY(m_scene->arrange());
    m_ctl->undoStack()->clear();
    m_view = new Ui::CanvasView(m_scene);
    m_view->resize(1000, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_view->setZoom(1.0);
    m_view->centerOn(m_scene->componentItem("cart")->pos());
}

void tst_CanvasView::cleanup()
{
    delete m_view;
    delete m_scene;
    delete m_ctl;
    delete m_doc;
}

void tst_CanvasView::mouse(QEvent::Type type,
                           QPointF scenePos,
                           Qt::MouseButton button,
                           Qt::MouseButtons buttons,
                           Qt::KeyboardModifiers modifiers)
{
    const QPointF local = m_view->mapFromScene(scenePos);
    const QPointF global = m_view->viewport()->mapToGlobal(local);
    QMouseEvent event(type, local, global, button, buttons, modifiers);
    QApplication::sendEvent(m_view->viewport(), &event);
}

void tst_CanvasView::dropFromPaletteCreatesComponent()
{
    Ui::Palette palette;
    QCOMPARE(palette.count(), 7);
    QCOMPARE(palette.kindAt(3), ComponentKind::Database);
    // the palette's own drag data, dropped onto the view as a drag-and-drop would
    std::unique_ptr<QMimeData> mime(palette.model()->mimeData({palette.model()->index(3, 0)}));
    QVERIFY(mime);
    QVERIFY(mime->hasFormat(QString::fromLatin1(Ui::kKindMimeType)));
    const QPointF target = m_scene->componentItem("cart")->pos() + QPointF(0, 200);
    const QPoint at = m_view->mapFromScene(target);
    QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_view->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_view->viewport(), &drop);
    QVERIFY(drop.isAccepted());
    const Model::Component *db = m_doc->component("db_1");
    QVERIFY(db);
    QCOMPARE(db->kind, ComponentKind::Database);
    const QPointF pos = m_doc->layout().positions.value("db_1");
    QVERIFY2(QLineF(pos, target).length() < Ui::CanvasScene::kGridSize,
             qPrintable(QString::number(pos.x())));
    QCOMPARE(m_ctl->undoStack()->count(), 1);
}

void tst_CanvasView::paletteDoubleClickAddsAtCenter()
{
    Ui::Palette palette;
    palette.setView(m_view);
    emit palette.itemActivated(palette.item(0));
    const Model::Component *s = m_doc->component("service_1");
    QVERIFY(s);
    const QPointF center = m_view->mapToScene(m_view->viewport()->rect().center());
    QVERIFY(QLineF(m_doc->layout().positions.value("service_1"), center).length()
            < Ui::CanvasScene::kGridSize);
}

void tst_CanvasView::dragMoveIsOneUndoStep()
{
    const QPointF start = m_scene->componentItem("cart")->pos();
    const QPointF before = m_doc->layout().positions.value("cart");
    mouse(QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
    for (int i = 1; i <= 10; ++i)
        mouse(QEvent::MouseMove, start + QPointF(i * 12, i * 5), Qt::NoButton, Qt::LeftButton);
    mouse(QEvent::MouseButtonRelease, start + QPointF(120, 50), Qt::LeftButton, Qt::NoButton);
    const QPointF after = m_doc->layout().positions.value("cart");
    QVERIFY(after != before);
    QCOMPARE(after, m_scene->componentItem("cart")->pos());
    QCOMPARE(std::fmod(after.x(), Ui::CanvasScene::kGridSize), 0.0); // snapped
    QCOMPARE(m_ctl->undoStack()->count(), 1);
    // a second drag is a second step
    mouse(QEvent::MouseButtonPress, after, Qt::LeftButton, Qt::LeftButton);
    mouse(QEvent::MouseMove, after + QPointF(0, 60), Qt::NoButton, Qt::LeftButton);
    mouse(QEvent::MouseButtonRelease, after + QPointF(0, 60), Qt::LeftButton, Qt::NoButton);
    QCOMPARE(m_ctl->undoStack()->count(), 2);
    m_ctl->undoStack()->undo();
    m_ctl->undoStack()->undo();
    QCOMPARE(m_doc->layout().positions.value("cart"), before);
    QCOMPARE(m_scene->componentItem("cart")->pos(), before);
}

void tst_CanvasView::shiftDragConnects()
{
    const QPointF from = m_scene->componentItem("mailer")->pos();
    const QPointF to = m_scene->componentItem("orders_db")->pos();
    mouse(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
    mouse(QEvent::MouseMove, (from + to) / 2, Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
    mouse(QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
    QCOMPARE(m_view->viewport()->cursor().shape(), Qt::DragLinkCursor);
    mouse(QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
    QVERIFY(m_scene->linkItem(Relation::Kind::Call, "mailer", "orders_db"));
    QCOMPARE(m_doc->component("mailer")->service.handlers.first().steps.back().target,
             QStringLiteral("orders_db"));
    QCOMPARE(m_doc->layout().positions.value("mailer"), from); // it did not move
    QCOMPARE(m_ctl->undoStack()->count(), 1);
}

void tst_CanvasView::shiftDragOntoIllegalTargetDoesNothing()
{
    const QPointF from = m_scene->componentItem("catalog_db")->pos();
    const QPointF to = m_scene->componentItem("catalog")->pos();
    mouse(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
    mouse(QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
    QCOMPARE(m_view->viewport()->cursor().shape(), Qt::ForbiddenCursor);
    mouse(QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
    QCOMPARE(m_ctl->undoStack()->count(), 0);
    QCOMPARE(m_doc->scenario(), m_shop);
}

void tst_CanvasView::deleteKeyRemovesSelectionInOneStep()
{
    const Model::Layout layout = m_doc->layout();
    m_scene->componentItem("orders")->setSelected(true);
    m_scene->componentItem("payments")->setSelected(true);
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Delete);
    QVERIFY(!m_doc->component("orders"));
    QVERIFY(!m_doc->component("payments"));
    QCOMPARE(m_ctl->undoStack()->count(), 1);
    m_ctl->undoStack()->undo();
    QCOMPARE(m_doc->scenario(), m_shop);
    QCOMPARE(m_doc->layout(), layout);
    // Backspace on a selected link deletes the relation only
    m_scene->linkItem(Relation::Kind::Publish, "orders", "order_events")->setSelected(true);
    QTest::keyClick(m_view, Qt::Key_Backspace);
    QVERIFY(!m_scene->linkItem(Relation::Kind::Publish, "orders", "order_events"));
    QVERIFY(m_doc->component("order_events"));
}

void tst_CanvasView::copyPasteThroughClipboard()
{
    m_scene->componentItem("catalog")->setSelected(true);
    m_scene->componentItem("catalog_cache")->setSelected(true);
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    QVERIFY(mime && mime->hasFormat(QString::fromLatin1(Ui::kComponentsMimeType)));
    QTest::keyClick(m_view, Qt::Key_V, Qt::ControlModifier);
    QVERIFY(m_doc->component("catalog_1"));
    QVERIFY(m_doc->component("catalog_cache_1"));
    QCOMPARE(m_ctl->undoStack()->count(), 1);
    QVERIFY(m_scene->linkItem(Relation::Kind::Cache, "catalog_1", "catalog_cache_1"));
    QVERIFY(m_scene->linkItem(Relation::Kind::Call, "catalog_1", "catalog_db")); // outside: kept
    QCOMPARE(m_scene->selectedComponentIds(), (QStringList{"catalog_1", "catalog_cache_1"}));
    m_ctl->undoStack()->undo();
    QCOMPARE(m_doc->scenario(), m_shop);
}

void tst_CanvasView::zoomAndFit()
{
    m_view->setFocus();
    const double z = m_view->zoom();
    QTest::keyClick(m_view, Qt::Key_Plus);
    QVERIFY(m_view->zoom() > z);
    QTest::keyClick(m_view, Qt::Key_Minus);
    QCOMPARE(m_view->zoom(), z);
    QTest::keyClick(m_view, Qt::Key_F);
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    for (const Ui::ComponentItem *item : m_scene->componentItems())
        QVERIFY2(visible.contains(item->sceneBoundingRect()), qPrintable(item->id()));
}

void tst_CanvasView::fittedViewFollowsItsSize()
{
    auto allVisible = [this] {
        const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
        for (const Ui::ComponentItem *item : m_scene->componentItems()) {
            if (!visible.contains(item->sceneBoundingRect()))
                return false;
        }
        return true;
    };
    m_view->fitToView();
    QVERIFY(m_view->isAutoFit());
    // Smaller: still everything in sight, at a smaller zoom.
    const double fitted = m_view->zoom();
    m_view->resize(500, 350);
    QCoreApplication::processEvents();
    QVERIFY(m_view->zoom() < fitted);
    QVERIFY(allVisible());
    // Once the user zooms, a resize leaves the zoom alone.
    m_view->zoomIn();
    QVERIFY(!m_view->isAutoFit());
    const double chosen = m_view->zoom();
    m_view->resize(1000, 700);
    QCoreApplication::processEvents();
    QCOMPARE(m_view->zoom(), chosen);
}

void tst_CanvasView::f2AsksToRenameTheSelectedComponent()
{
    // the window's F2 renames the scenario, unless the canvas has one component to rename
    QAction renameScenario;
    renameScenario.setShortcut(Qt::Key_F2);
    m_view->addAction(&renameScenario);
    QSignalSpy scenario(&renameScenario, &QAction::triggered);
    QSignalSpy rename(m_view, &Ui::CanvasView::renameRequested);
    m_view->activateWindow();
    m_view->setFocus();
    // nothing, or two components selected: no component to rename
    QTest::keyClick(m_view, Qt::Key_F2);
    m_scene->componentItem("orders")->setSelected(true);
    m_scene->componentItem("payments")->setSelected(true);
    QTest::keyClick(m_view, Qt::Key_F2);
    QCOMPARE(rename.count(), 0);
    QCOMPARE(scenario.count(), 2);
    m_scene->clearSelection();
    m_scene->componentItem("orders")->setSelected(true);
    QTest::keyClick(m_view, Qt::Key_F2);
    QCOMPARE(rename.count(), 1);
    QCOMPARE(rename.at(0).at(0).toString(), QStringLiteral("orders"));
    QCOMPARE(scenario.count(), 2);
    m_view->removeAction(&renameScenario);
}

void tst_CanvasView::heatLegendIsFittedIntoTheView()
{
    // a short, wide view, as the canvas is at 1280×800 over the results
    m_view->resize(680, 240);
    m_view->fitToView();
    QCoreApplication::processEvents();
    Sim::RunResult run;
    run.durationS = 60;
    for (const Model::Component &c : m_shop.components) {
        Sim::ComponentResult r;
        r.id = c.id.toStdString();
        r.utilization = 0.5;
        r.throughputPerS = 998;
        r.latencyMs.p99 = 9870;
        run.components.push_back(r);
    }
    m_scene->setHeat(&run);
    QCoreApplication::processEvents();
    const QRect legend
        = m_view->mapFromScene(m_scene->legendItem()->sceneBoundingRect()).boundingRect();
    QVERIFY2(m_view->viewport()->rect().contains(legend),
             qPrintable(QStringLiteral("legend at %1,%2 %3x%4 in %5x%6")
                            .arg(legend.x())
                            .arg(legend.y())
                            .arg(legend.width())
                            .arg(legend.height())
                            .arg(m_view->viewport()->width())
                            .arg(m_view->viewport()->height())));
    // the gateway's card in human units, whole
    Ui::ComponentItem *gateway = m_scene->componentItem("gw");
    QCOMPARE(gateway->detailText(), QStringLiteral("998/s · p99 9.9 s"));
    QCOMPARE(gateway->shownDetailText(), gateway->detailText());
}

QTEST_MAIN(tst_CanvasView)
#include "tst_canvasview.moc"
