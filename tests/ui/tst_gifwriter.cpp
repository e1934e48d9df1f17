// SPDX-License-Identifier: GPL-3.0-or-later
// The GIF writer of watch mode's Save Animation…: Qt's own GIF reader decodes what it writes
// (frame count, size, delay, pixels) and the hand-written palette reduction.
#include "GifWriter.h"
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using Ui::GifWriter;

namespace {

/** A frame of `colors` vertical stripes, shifted by `shift` stripes. */
QImage stripes(QSize size, const QList<QRgb> &colors, int shift)
{
    QImage image(size, QImage::Format_RGB32);
    const int n = static_cast<int>(colors.size());
    for (int y = 0; y < size.height(); ++y) {
        for (int x = 0; x < size.width(); ++x)
            image.setPixel(x, y, colors.at((x * n / size.width() + shift) % n));
    }
    return image;
}

} // namespace

class tst_GifWriter : public QObject
{
    Q_OBJECT

private slots:
    void fewColoursComeBackExactly();
    void manyColoursKeepTheFrequentOnes();
    void animationDecodes();
    void unwritableFileSaysSo();
    void fileAppearsWhenClosed();
};

void tst_GifWriter::fewColoursComeBackExactly()
{
    // 200 colours, each in a 5-bit bin of its own: palette and indices are exact
    QList<QRgb> colors;
    for (int i = 0; i < 200; ++i)
        colors << qRgb((i * 8) % 256, (i / 32) * 8 * 4, 255 - i);
    const QImage image = stripes(QSize(400, 3), colors, 0);
    const Ui::QuantisedImage q = Ui::quantiseImage(image);
    QCOMPARE(q.palette.size(), 200);
    for (int x = 0; x < 400; ++x)
        QCOMPARE(q.palette.at(static_cast<uchar>(q.indices.at(x))), image.pixel(x, 0));
}

void tst_GifWriter::manyColoursKeepTheFrequentOnes()
{
    // a gradient of 4096 colours under a large patch of one blue: at most 256 in the palette,
    // the blue exactly, every pixel within one bin step of its colour or its nearest kept one
    QImage image(256, 256, QImage::Format_RGB32);
    for (int y = 0; y < 256; ++y) {
        for (int x = 0; x < 256; ++x)
            image.setPixel(x, y, qRgb(x, y, (x + y) / 2));
    }
    QPainter(&image).fillRect(QRect(0, 0, 128, 128), QColor(0x00, 0x72, 0xb2));
    const Ui::QuantisedImage q = Ui::quantiseImage(image);
    QCOMPARE(q.palette.size(), 256);
    QCOMPARE(q.palette.at(static_cast<uchar>(q.indices.at(0))), qRgb(0x00, 0x72, 0xb2));
    double error = 0;
    for (int y = 0; y < 256; ++y) {
        for (int x = 0; x < 256; ++x) {
            const QRgb a = image.pixel(x, y);
            const QRgb b = q.palette.at(static_cast<uchar>(q.indices.at(y * 256 + x)));
            error += std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b))
                     + std::abs(qBlue(a) - qBlue(b));
        }
    }
    // mean error per channel: 256 colours for 3/4 of a 256x256 gradient leave steps of ~16
    QVERIFY2(error / (256 * 256 * 3) < 12, qPrintable(QString::number(error / (256 * 256 * 3))));
}

void tst_GifWriter::animationDecodes()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("stripes.gif"));
    const QList<QRgb> colors = {qRgb(255, 255, 255),
                                qRgb(0, 114, 178),
                                qRgb(230, 159, 0),
                                qRgb(224, 16, 16),
                                qRgb(0, 0, 0)};
    const QSize size(120, 40);
    GifWriter writer;
    QVERIFY(writer.open(file, size, 100));
    for (int i = 0; i < 7; ++i)
        QVERIFY(writer.addFrame(stripes(size, colors, i)));
    QVERIFY(writer.close());
    QCOMPARE(writer.frameCount(), 7);

    QImageReader reader(file);
    QVERIFY(reader.supportsAnimation());
    QCOMPARE(reader.imageCount(), 7);
    QCOMPARE(reader.size(), size);
    QCOMPARE(reader.loopCount(), -1); // forever
    for (int i = 0; i < 7; ++i) {
        QVERIFY2(reader.canRead(), qPrintable(reader.errorString()));
        QCOMPARE(reader.nextImageDelay(), 100);
        const QImage frame = reader.read().convertToFormat(QImage::Format_RGB32);
        QCOMPARE(frame.size(), size);
        QVERIFY(frame == stripes(size, colors, i)); // five colours: exact
    }
}

void tst_GifWriter::unwritableFileSaysSo()
{
    GifWriter writer;
    QVERIFY(!writer.open(QStringLiteral("/nonexistent-folder/x.gif"), QSize(10, 10), 100));
    QVERIFY(!writer.errorString().isEmpty());
    QVERIFY(!writer.addFrame(QImage(10, 10, QImage::Format_RGB32)));
}

void tst_GifWriter::fileAppearsWhenClosed()
{
    // written atomically (QSaveFile): an older file stays until close() succeeds, a writer
    // dropped before close() leaves it as it was, and the new file is readable by others
    // like any file the user saves (giflib's own open would make it 0600)
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("old.gif"));
    QVERIFY(TestSupport::writeBytes(file, "an older file"));
    const QSize size(8, 8);
    QImage frame(size, QImage::Format_RGB32);
    frame.fill(Qt::white);
    {
        GifWriter writer;
        QVERIFY(writer.open(file, size, 100));
        QVERIFY(writer.addFrame(frame));
    } // dropped
    QFile kept(file);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("an older file"));
    kept.close();

    GifWriter writer;
    QVERIFY(writer.open(file, size, 100));
    QVERIFY(writer.addFrame(frame));
    QFile during(file);
    QVERIFY(during.open(QIODevice::ReadOnly));
    QCOMPARE(during.readAll(), QByteArray("an older file"));
    during.close();
    QVERIFY(writer.close());
    QCOMPARE(QImageReader(file).imageCount(), 1);
    const QString fresh = dir.filePath(QStringLiteral("new.gif"));
    GifWriter second;
    QVERIFY(second.open(fresh, size, 100));
    QVERIFY(second.addFrame(frame));
    QVERIFY(second.close());
    QVERIFY(QFileInfo(fresh).permissions() & QFileDevice::ReadOwner);
    QVERIFY(QFileInfo(fresh).permissions() & QFileDevice::WriteOwner);
    const mode_t mask = umask(0);
    umask(mask);
    QCOMPARE(bool(QFileInfo(fresh).permissions() & QFileDevice::ReadOther), !(mask & S_IROTH));
}

QTEST_MAIN(tst_GifWriter)

#include "tst_gifwriter.moc"
