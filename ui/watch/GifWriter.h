// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QSize>
#include <QString>

#include <memory>

struct GifFileType;
QT_BEGIN_NAMESPACE
class QSaveFile;
QT_END_NAMESPACE

namespace Ui {

/** An image reduced to at most 256 colours: its palette and one palette index per pixel. */
struct QuantisedImage
{
    QList<QRgb> palette;
    QByteArray indices; ///< row by row, width x height
};

/**
 * Reduces `image` to at most 256 colours, by hand: the colours of its pixels are counted in
 * bins of 5 bits per channel, the most frequent bins (up to 256) become the palette, each the
 * mean of the colours that fell in it, and every pixel takes the nearest palette colour. For
 * pictures of the canvas (flat fills, text, a few saturated dots) this keeps every colour
 * that covers more than a handful of pixels; an image of 256 colours or fewer, each in a bin
 * of its own, comes back exactly.
 */
QuantisedImage quantiseImage(const QImage &image);

/**
 * Writes an animated GIF with giflib (libgif): every frame the same size, shown for the same
 * delay, each with its own palette (quantiseImage), looping forever (the NETSCAPE2.0
 * extension) when asked. The file is written through a QSaveFile: it appears (or replaces an
 * older one) only when close() succeeds, with the usual permissions; a writer destroyed before
 * close() leaves nothing behind.
 */
class GifWriter
{
public:
    GifWriter();
    ~GifWriter();
    GifWriter(const GifWriter &) = delete;
    GifWriter &operator=(const GifWriter &) = delete;

    /** Creates the file; false (errorString()) when it cannot be written. */
    bool open(const QString &fileName, QSize size, int delayMs, bool loop = true);
    /** Adds a frame (scaled to the size given to open() if it differs). */
    bool addFrame(const QImage &frame);
    /** Finishes the file and puts it in place; false when writing failed (nothing written). */
    bool close();
    int frameCount() const { return m_frames; }
    QString errorString() const { return m_error; }

private:
    bool fail(int error);

    GifFileType *m_gif = nullptr;
    std::unique_ptr<QSaveFile> m_file;
    QSize m_size;
    int m_delayCs = 10;
    int m_frames = 0;
    QString m_error;
};

} // namespace Ui
