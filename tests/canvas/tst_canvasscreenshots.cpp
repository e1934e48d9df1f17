// SPDX-License-Identifier: GPL-3.0-or-later
#include "CanvasScene.h"
#include "Document.h"
#include "DocumentController.h"
#include "ScenarioIo.h"
#include "Simulation.h"
#include "TestSupport.h"

#include <QDir>
#include <QPainter>
#include <QTemporaryDir>
#include <QtTest>

/**
 * Renders the canvas pictures of the documentation. With ARCHSIM_UPDATE_IMAGES=1 they
 * are written to docs/images/, otherwise to a temporary folder; either way the test checks
 * that they show something.
 */
class tst_CanvasScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void shop();
    void shopWithHeat();
    void monolithModules();

private:
    QString target(const QString &name) const;
    static QImage render(Ui::CanvasScene *scene);
    static int inkedPixels(const QImage &image);

    QTemporaryDir m_temp;
    Model::Scenario m_shop;
};

void tst_CanvasScreenshots::initTestCase()
{
    const Model::ScenarioLoad load = Model::loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json")));
    QVERIFY(load.scenario);
    m_shop = *load.scenario;
}

QString tst_CanvasScreenshots::target(const QString &name) const
{
    if (qEnvironmentVariableIntValue("ARCHSIM_UPDATE_IMAGES") == 1)
        return TestSupport::sourcePath(QStringLiteral("docs/images/") + name);
    return m_temp.filePath(name);
}

QImage tst_CanvasScreenshots::render(Ui::CanvasScene *scene)
{
    const QRectF source = scene->contentRect();
    const qreal scale = 1.5; // sharp enough for a projector and the PDF report
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene->render(&p, QRectF(QPointF(0, 0), source.size() * scale), source);
    p.end();
    return image;
}

int tst_CanvasScreenshots::inkedPixels(const QImage &image)
{
    int n = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            if (image.pixel(x, y) != qRgb(255, 255, 255))
                ++n;
        }
    }
    return n;
}

void tst_CanvasScreenshots::shop()
{
    Model::Document doc;
    doc.setScenario(m_shop);
    Ui::DocumentController ctl(&doc);
    Ui::CanvasScene scene(&doc, &ctl);
    QVERIFY(scene.arrange());
    const QImage image = render(&scene);
    QVERIFY(image.width() > 600);
    QVERIFY(inkedPixels(image) > 5000);
    QVERIFY(image.save(target(QStringLiteral("canvas-shop.png"))));
}

void tst_CanvasScreenshots::shopWithHeat()
{
    Model::Scenario s = m_shop;
    s.simulation.durationS = 40;
    s.simulation.warmupS = 5;
    const Model::CompiledScenario compiled = Model::compileScenario(s);
    QVERIFY(compiled.ok());
    Sim::RunOptions options;
    options.threads = 1;
    const Sim::RunResult result = Sim::runSimulation(compiled.spec, options);

    Model::Document doc;
    doc.setScenario(m_shop);
    Ui::DocumentController ctl(&doc);
    Ui::CanvasScene scene(&doc, &ctl);
    QVERIFY(scene.arrange());
    scene.setHeat(&result);
    QVERIFY(!scene.bottleneck().isEmpty());
    const QImage image = render(&scene);
    QVERIFY(inkedPixels(image) > 5000);
    QVERIFY(image.save(target(QStringLiteral("canvas-heat.png"))));
}

void tst_CanvasScreenshots::monolithModules()
{
    // the monolith's card with its modules, and what is around it
    const Model::ScenarioLoad load = Model::loadScenarioFile(
        TestSupport::sourcePath(QStringLiteral("resources/examples/shop-monolith.json")));
    QVERIFY(load.scenario);
    Model::Document doc;
    doc.setScenario(*load.scenario);
    Ui::DocumentController ctl(&doc);
    Ui::CanvasScene scene(&doc, &ctl);
    QVERIFY(scene.arrange());
    const QImage image = render(&scene);
    QVERIFY(inkedPixels(image) > 2000);
    QVERIFY(image.save(target(QStringLiteral("modules-canvas.png"))));
}

QTEST_MAIN(tst_CanvasScreenshots)
#include "tst_canvasscreenshots.moc"
