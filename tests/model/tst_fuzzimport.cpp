// SPDX-License-Identifier: GPL-3.0-or-later
// Compose files and Kubernetes manifests, fuzzed (the fuzz label, with tst_fuzz): random
// edits of the import fixtures (bytes, whole lines, YAML punctuation and keys) must never
// crash; each either imports, into a scenario that reads back and compiles, or is refused
// with errors that each name the file and a line. ARCHSIM_FUZZ_SECONDS sets the time budget
// (4 times the default 4 s; at least 400 files are tried), ARCHSIM_FUZZ_SAVE=FILE writes each
// file to FILE before it is tried, so the input of a crash or a hang can be replayed.
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "import/ContainerImport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <random>

using namespace Model;

namespace {

using Rng = std::mt19937_64;

QByteArray readFixture(const QString &name)
{
    QFile f(TestSupport::sourcePath(QStringLiteral("tests/fixtures/import/") + name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(name));
    return f.readAll();
}

// Pieces that make YAML mean something else: structure, anchors, keys the readers know.
const char *const kPieces[] = {":",
                               "- ",
                               "  ",
                               "\n",
                               "{",
                               "}",
                               "[",
                               "]",
                               "&a ",
                               "*a",
                               "<<: *a\n",
                               "---\n",
                               "\"",
                               "'",
                               "#",
                               "|\n",
                               "replicas: ",
                               "memory: ",
                               "cpus: ",
                               "image: ",
                               "depends_on: [",
                               "ports: [\"",
                               "restart: ",
                               "healthcheck:\n",
                               "environment:\n",
                               "http://",
                               "0",
                               "99999999999",
                               "-1",
                               "1e400",
                               "500m",
                               "1Gi",
                               "null",
                               "~",
                               "!!binary ",
                               "\t"};

QByteArray mutate(Rng &rng, QByteArray text)
{
    std::uniform_int_distribution<int> edits(1, 6);
    const int n = edits(rng);
    for (int i = 0; i < n; ++i) {
        const auto size = int(text.size());
        std::uniform_int_distribution<int> at(0, std::max(0, size));
        const int where = at(rng);
        switch (rng() % 6) {
        case 0: // insert a piece
            text.insert(where, kPieces[rng() % std::size(kPieces)]);
            break;
        case 1: // delete a run
            if (where < size)
                text.remove(where, 1 + int(rng() % 12));
            break;
        case 2: // replace a byte
            if (where < size)
                text[where] = char(rng() % 256);
            break;
        case 3: { // duplicate a line somewhere else
            const QList<QByteArray> lines = text.split('\n');
            const QByteArray line = lines.at(int(rng() % std::size_t(lines.size())));
            text.insert(where, line + '\n');
            break;
        }
        case 4: { // drop a line
            QList<QByteArray> lines = text.split('\n');
            lines.removeAt(int(rng() % std::size_t(lines.size())));
            text = lines.join('\n');
            break;
        }
        default: // change the indentation of a line
            if (const qsizetype nl = text.indexOf('\n', where); nl >= 0)
                text.insert(nl + 1, (rng() % 2) ? "  " : " ");
            break;
        }
    }
    return text;
}

} // namespace

class tst_FuzzImport : public QObject
{
    Q_OBJECT

private slots:
    void mutatedFilesNeverCrash()
    {
        const QList<QPair<QString, QByteArray>> seeds = {
            {QStringLiteral("compose"), readFixture(QStringLiteral("compose-shop.yaml"))},
            {QStringLiteral("compose"), readFixture(QStringLiteral("compose-quickstart.yaml"))},
            {QStringLiteral("kubernetes"), readFixture(QStringLiteral("k8s-shop/workloads.yaml"))},
            {QStringLiteral("kubernetes"),
             readFixture(QStringLiteral("k8s-shop/services.yaml")) + "---\n"
                 + readFixture(QStringLiteral("k8s-shop/autoscaling.yaml")) + "---\n"
                 + readFixture(QStringLiteral("k8s-shop/workloads.yaml"))},
        };
        const double seconds = TestSupport::fuzzSeconds(16.0) / 4;
        const QString saveTo = qEnvironmentVariable("ARCHSIM_FUZZ_SAVE");
        Rng rng(0x1A40'2026'1205ULL);
        QElapsedTimer timer;
        timer.start();
        int tried = 0, imported = 0, refused = 0;
        while (timer.elapsed() < seconds * 1000 || tried < 400) {
            ++tried;
            const auto &[format, seed] = seeds.at(int(rng() % std::size_t(seeds.size())));
            const QByteArray text = mutate(rng, seed);
            const QString file = QStringLiteral("fuzz.yaml");
            if (!saveTo.isEmpty()) {
                QFile f(saveTo);
                if (f.open(QIODevice::WriteOnly))
                    f.write(text);
            }
            const ImportResult r = format == QLatin1String("compose")
                                       ? importCompose(text, file)
                                       : importKubernetes({{file, text}});
            if (r.ok()) {
                ++imported;
                const ScenarioLoad load = parseScenario(serializeScenario(*r.scenario));
                QVERIFY2(load.ok(), text.constData());
                QVERIFY2(compileScenario(*load.scenario).ok(), text.constData());
                for (const ContainerFinding &f : r.findings)
                    QVERIFY2(f.where.line > 0, qPrintable(f.toString()));
            } else {
                ++refused;
                QVERIFY2(!r.errors.isEmpty(), text.constData());
                for (const ImportError &e : r.errors) {
                    QVERIFY2(e.where.file == file && e.where.line > 0,
                             qPrintable(e.toString() + QStringLiteral("\n---\n")
                                        + QString::fromUtf8(text)));
                    QVERIFY(!e.message.isEmpty());
                }
            }
        }
        qInfo("%d files: %d imported, %d refused", tried, imported, refused);
        QVERIFY(imported > 0);
        QVERIFY(refused > 0);
    }
};

QTEST_GUILESS_MAIN(tst_FuzzImport)
#include "tst_fuzzimport.moc"
