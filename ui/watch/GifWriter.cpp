// SPDX-License-Identifier: GPL-3.0-or-later
#include "GifWriter.h"

#include <QSaveFile>

#include <gif_lib.h>

#include <algorithm>
#include <array>
#include <vector>

namespace Ui {

namespace {

int binOf(QRgb c)
{
    return (qRed(c) >> 3) << 10 | (qGreen(c) >> 3) << 5 | (qBlue(c) >> 3);
}

} // namespace

QuantisedImage quantiseImage(const QImage &source)
{
    const QImage image = source.convertToFormat(QImage::Format_RGB32);
    constexpr int kBins = 1 << 15;
    struct Bin
    {
        qint64 count = 0, r = 0, g = 0, b = 0;
    };
    std::vector<Bin> bins(kBins);
    const int w = image.width(), h = image.height();
    for (int y = 0; y < h; ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < w; ++x) {
            Bin &b = bins[static_cast<std::size_t>(binOf(line[x]))];
            ++b.count;
            b.r += qRed(line[x]);
            b.g += qGreen(line[x]);
            b.b += qBlue(line[x]);
        }
    }
    // the 256 most frequent bins (ties: the lower bin) make the palette
    std::vector<int> used;
    for (int i = 0; i < kBins; ++i) {
        if (bins[static_cast<std::size_t>(i)].count > 0)
            used.push_back(i);
    }
    const std::size_t keep = std::min<std::size_t>(256, used.size());
    std::partial_sort(used.begin(),
                      used.begin() + static_cast<std::ptrdiff_t>(keep),
                      used.end(),
                      [&bins](int a, int b) {
                          const qint64 ca = bins[static_cast<std::size_t>(a)].count;
                          const qint64 cb = bins[static_cast<std::size_t>(b)].count;
                          return ca != cb ? ca > cb : a < b;
                      });
    QuantisedImage out;
    std::vector<int> indexOfBin(kBins, -1);
    for (std::size_t k = 0; k < keep; ++k) {
        const Bin &b = bins[static_cast<std::size_t>(used[k])];
        const auto mean = [&b](qint64 sum) {
            return static_cast<int>((sum + b.count / 2) / b.count);
        };
        out.palette << qRgb(mean(b.r), mean(b.g), mean(b.b));
        indexOfBin[static_cast<std::size_t>(used[k])] = static_cast<int>(k);
    }
    // the other bins take the nearest palette colour (squared distance, green counting most)
    for (std::size_t k = keep; k < used.size(); ++k) {
        const Bin &b = bins[static_cast<std::size_t>(used[k])];
        const double r = double(b.r) / b.count, g = double(b.g) / b.count,
                     bl = double(b.b) / b.count;
        int best = 0;
        double bestD = 1e300;
        for (int p = 0; p < out.palette.size(); ++p) {
            const QRgb c = out.palette.at(p);
            const double dr = r - qRed(c), dg = g - qGreen(c), db = bl - qBlue(c);
            const double d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
            if (d < bestD) {
                bestD = d;
                best = p;
            }
        }
        indexOfBin[static_cast<std::size_t>(used[k])] = best;
    }
    out.indices.resize(qsizetype(w) * h);
    char *dst = out.indices.data();
    for (int y = 0; y < h; ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < w; ++x)
            *dst++ = static_cast<char>(indexOfBin[static_cast<std::size_t>(binOf(line[x]))]);
    }
    return out;
}

namespace {

// giflib's output function: the bytes go to the QSaveFile given to EGifOpen
int writeToFile(GifFileType *gif, const GifByteType *data, int length)
{
    auto *file = static_cast<QSaveFile *>(gif->UserData);
    return static_cast<int>(file->write(reinterpret_cast<const char *>(data), length));
}

} // namespace

GifWriter::GifWriter() = default;

GifWriter::~GifWriter()
{
    if (m_gif) { // never closed: the file is not put in place
        int error = 0;
        EGifCloseFile(m_gif, &error);
        m_gif = nullptr;
    }
}

bool GifWriter::fail(int error)
{
    m_error = QString::fromLatin1(GifErrorString(error));
    return false;
}

bool GifWriter::open(const QString &fileName, QSize size, int delayMs, bool loop)
{
    m_file = std::make_unique<QSaveFile>(fileName);
    if (!m_file->open(QIODevice::WriteOnly)) {
        m_error = m_file->errorString();
        m_file.reset();
        return false;
    }
    int error = 0;
    m_gif = EGifOpen(m_file.get(), writeToFile, &error);
    if (!m_gif)
        return fail(error);
    m_size = size;
    m_delayCs = std::max(1, (delayMs + 5) / 10);
    m_frames = 0;
    EGifSetGifVersion(m_gif, true);
    // no global colour map: each frame has its own
    if (EGifPutScreenDesc(m_gif, size.width(), size.height(), 8, 0, nullptr) == GIF_ERROR)
        return fail(m_gif->Error);
    if (loop) {
        // NETSCAPE2.0: loop count 0, forever
        static const char app[] = "NETSCAPE2.0";
        const unsigned char count[3] = {1, 0, 0};
        if (EGifPutExtensionLeader(m_gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR
            || EGifPutExtensionBlock(m_gif, 11, app) == GIF_ERROR
            || EGifPutExtensionBlock(m_gif, 3, count) == GIF_ERROR
            || EGifPutExtensionTrailer(m_gif) == GIF_ERROR)
            return fail(m_gif->Error);
    }
    return true;
}

bool GifWriter::addFrame(const QImage &frame)
{
    if (!m_gif)
        return false;
    const QImage image = frame.size() == m_size ? frame
                                                : frame.scaled(m_size,
                                                               Qt::IgnoreAspectRatio,
                                                               Qt::SmoothTransformation);
    const QuantisedImage q = quantiseImage(image);
    std::array<GifColorType, 256> colors{};
    for (int i = 0; i < q.palette.size(); ++i)
        colors[static_cast<std::size_t>(i)] = {static_cast<GifByteType>(qRed(q.palette.at(i))),
                                               static_cast<GifByteType>(qGreen(q.palette.at(i))),
                                               static_cast<GifByteType>(qBlue(q.palette.at(i)))};
    ColorMapObject *map = GifMakeMapObject(256, colors.data());
    if (!map) {
        m_error = QStringLiteral("out of memory");
        return false;
    }
    GraphicsControlBlock gcb{};
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.UserInputFlag = false;
    gcb.DelayTime = m_delayCs;
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType ext[4];
    const std::size_t extLen = EGifGCBToExtension(&gcb, ext);
    bool ok = EGifPutExtension(m_gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(extLen), ext)
                  != GIF_ERROR
              && EGifPutImageDesc(m_gif, 0, 0, m_size.width(), m_size.height(), false, map)
                     != GIF_ERROR;
    for (int y = 0; ok && y < m_size.height(); ++y) {
        auto *line = reinterpret_cast<GifPixelType *>(const_cast<char *>(q.indices.constData())
                                                      + qsizetype(y) * m_size.width());
        ok = EGifPutLine(m_gif, line, m_size.width()) != GIF_ERROR;
    }
    GifFreeMapObject(map);
    if (!ok)
        return fail(m_gif->Error);
    ++m_frames;
    return true;
}

bool GifWriter::close()
{
    if (!m_gif)
        return false;
    int error = 0;
    const bool ok = EGifCloseFile(m_gif, &error) != GIF_ERROR;
    m_gif = nullptr;
    if (!ok)
        return fail(error);
    if (!m_file->commit()) {
        m_error = m_file->errorString();
        return false;
    }
    return true;
}

} // namespace Ui
