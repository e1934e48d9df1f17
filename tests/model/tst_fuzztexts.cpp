// SPDX-License-Identifier: GPL-3.0-or-later
// The short texts users type on the command line, fuzzed (the fuzz label, with tst_fuzz):
// SLOs (archsim-cli capacity --slo), sweep parameters (--set PATH=VALUES) and the paths they
// set in a scenario's JSON, --shard I/N, and the parts that merge reads. Random edits of valid
// texts and random bytes must never crash, and every refusal must say something.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "analysis/Lint.h"
#include "analysis/Shards.h"
#include "analysis/Slo.h"
#include "analysis/Sweep.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

#include <random>

using namespace Model;

namespace {

using Rng = std::mt19937_64;

const char *const kSeeds[] = {"p99<200ms,errors<1%",
                              "mean<=0.04s, p50<3ms",
                              "p999<1s,max<2s,errors<0.5",
                              "components[server].replicas=1,2,4",
                              "workload.arrivals.rate_per_s=100..2000:100",
                              "workload.requests[job].weight=1..3",
                              "components[0].concurrency.threads=1,8",
                              "simulation.seed=1,2"};

const char kAlphabet[] = "pP0123456789<=>,.%msSerorsmean[]:._-=az \t\"'\\{}()";

QString mutate(Rng &rng, QString text)
{
    std::uniform_int_distribution<int> edits(1, 4);
    const int n = edits(rng);
    for (int i = 0; i < n; ++i) {
        const auto size = static_cast<int>(text.size());
        std::uniform_int_distribution<int> at(0, std::max(0, size));
        std::uniform_int_distribution<int> op(0, 3);
        std::uniform_int_distribution<int> ch(0, int(sizeof(kAlphabet)) - 2);
        const int where = at(rng);
        switch (op(rng)) {
        case 0: // insert
            text.insert(where, QChar::fromLatin1(kAlphabet[ch(rng)]));
            break;
        case 1: // delete
            if (where < size)
                text.remove(where, 1);
            break;
        case 2: // replace
            if (where < size)
                text[where] = QChar::fromLatin1(kAlphabet[ch(rng)]);
            break;
        default: // duplicate a slice
            if (where < size)
                text.insert(where, text.mid(where, at(rng) % 8));
            break;
        }
    }
    return text;
}

} // namespace

class tst_FuzzTexts : public QObject
{
    Q_OBJECT

private slots:
    void mutatedTextsNeverCrash()
    {
        const Scenario scenario
            = *parseScenario(TestSupport::readExample(QStringLiteral("mm1.json"))).scenario;
        const QJsonObject json = QJsonDocument::fromJson(serializeScenario(scenario)).object();
        const double seconds = TestSupport::fuzzSeconds(12.0) / 4;
        Rng rng(0x5105'2026'1204ULL);
        QElapsedTimer timer;
        timer.start();
        int tried = 0, slos = 0, sets = 0, paths = 0;
        while (timer.elapsed() < seconds * 1000 || tried < 2000) {
            ++tried;
            const QString text = mutate(rng,
                                        QString::fromLatin1(kSeeds[rng() % std::size(kSeeds)]));
            QString error;
            if (const std::optional<Slo> slo = parseSlo(text, &error)) {
                ++slos;
                QVERIFY(!slo->conditions.isEmpty());
                Sim::RequestResult all;
                all.completed = 10;
                sloHolds(*slo, all);
            } else {
                QVERIFY2(!error.isEmpty(), qPrintable(text));
            }
            error.clear();
            if (const std::optional<SweepParameter> p = parseSweepSet(text, &error)) {
                ++sets;
                QVERIFY(!p->values.isEmpty());
                QJsonObject copy = json;
                QString why;
                if (setScenarioPath(copy, p->path, p->values.first(), &why)) {
                    ++paths;
                    parseScenario(QJsonDocument(copy).toJson()); // whatever it says, no crash
                } else {
                    QVERIFY2(!why.isEmpty(), qPrintable(text));
                }
            } else {
                QVERIFY2(!error.isEmpty(), qPrintable(text));
            }
        }
        qInfo("%d texts: %d SLOs, %d sweep parameters, %d paths set", tried, slos, sets, paths);
        QVERIFY(slos > 0);
        QVERIFY(sets > 0);
        QVERIFY(paths > 0);
    }

    void mutatedLintSettingsNeverCrash()
    {
        // the project's lint settings (project_meta "lint") as a damaged file may hold them
        LintSettings settings;
        settings.thresholds.syncChainMaxHops = 5;
        settings.thresholds.hotCacheZipf = 1.2;
        settings.thresholds.databaseCallsNeedTimeout = true;
        settings.silenced.append({QStringLiteral("id-1"),
                                  QStringLiteral("shared-database"),
                                  QStringLiteral("db"),
                                  QStringLiteral("One team owns both.")});
        const QString text = QString::fromUtf8(
            QJsonDocument(lintSettingsToJson(settings)).toJson(QJsonDocument::Compact));
        Rng rng(0x11A7'2026'1204ULL);
        int read = 0, tried = 0;
        for (; tried < 3000; ++tried) {
            const QJsonDocument doc = QJsonDocument::fromJson(mutate(rng, text).toUtf8());
            QString error;
            if (const std::optional<LintSettings> back = lintSettingsFromJson(doc.object(),
                                                                              &error)) {
                ++read;
                // what reads back writes and reads again to the same settings
                QCOMPARE(lintSettingsFromJson(lintSettingsToJson(*back), &error), back);
            } else {
                QVERIFY(error.startsWith(QLatin1Char('$')));
            }
        }
        qInfo("%d mutated lint settings, %d read", tried, read);
        QVERIFY(read > 0);
    }

    void mutatedShardsNeverCrashTheMerge()
    {
        // two real shards of a small sweep, then byte edits of their JSON
        const Scenario scenario
            = *parseScenario(TestSupport::readExample(QStringLiteral("mm1.json"))).scenario;
        Scenario small = scenario;
        small.simulation.durationS = 5;
        small.simulation.warmupS = 1;
        small.simulation.bucketS = 1;
        QString error;
        const std::vector<SweepParameter> grid = {
            *parseSweepSet(QStringLiteral("components[server].replicas=1,2,3"), &error)};
        QList<QByteArray> texts;
        for (int i = 0; i < 2; ++i) {
            SweepOptions o;
            o.shardIndex = i;
            o.shardCount = 2;
            Problems problems;
            const std::optional<Sweep> part = runSweep(small, grid, o, &problems);
            QVERIFY2(part, qPrintable(TestSupport::problemsText(problems)));
            texts.append(QJsonDocument(sweepToJson(*part)).toJson());
        }
        {
            QList<QPair<QString, QJsonObject>> whole;
            for (int i = 0; i < 2; ++i)
                whole.append({QStringLiteral("part%1").arg(i + 1),
                              QJsonDocument::fromJson(texts[i]).object()});
            QString why;
            QVERIFY2(mergeSweeps(whole, &why), qPrintable(why));
        }
        Rng rng(0x3E26'2026'1204ULL);
        QElapsedTimer timer;
        timer.start();
        int tried = 0, merged = 0;
        while (timer.elapsed() < 1500 || tried < 300) {
            ++tried;
            QList<QPair<QString, QJsonObject>> parts;
            for (int i = 0; i < 2; ++i) {
                QByteArray t = texts[i];
                const int edits = int(rng() % 4); // some parts stay whole
                for (int e = 0; e < edits && !t.isEmpty(); ++e)
                    t[qsizetype(rng() % quint64(t.size()))]
                        = kAlphabet[rng() % (sizeof(kAlphabet) - 1)];
                parts.append(
                    {QStringLiteral("part%1").arg(i + 1), QJsonDocument::fromJson(t).object()});
            }
            QString why;
            if (const std::optional<QJsonObject> m = mergeSweeps(parts, &why)) {
                ++merged;
                // merge --csv reads the merged JSON back
                QString readError;
                if (!sweepFromJson(*m, &readError))
                    QVERIFY(!readError.isEmpty());
            } else {
                QVERIFY(!why.isEmpty());
            }
            // and any one part as it is
            QString readError;
            if (!sweepFromJson(parts[0].second, &readError))
                QVERIFY(!readError.isEmpty());
        }
        qInfo("%d merges of mutated shards, %d accepted", tried, merged);
        QVERIFY(merged > 0); // parts left whole, or edited where JSON stays valid
    }

    void mutatedRunAndComparisonPartsNeverCrashTheMerge()
    {
        Rng rng(0x54A2'D0'2026ULL);
        // --shard texts
        int shards = 0;
        for (int i = 0; i < 2000; ++i) {
            const QString text = mutate(rng, i % 2 ? QStringLiteral("2/8") : QStringLiteral("1/1"));
            QString error;
            if (const std::optional<Shard> s = parseShard(text, &error)) {
                ++shards;
                QVERIFY(s->index >= 0 && s->index < s->count);
            } else {
                QVERIFY2(!error.isEmpty(), qPrintable(text));
            }
        }
        QVERIFY(shards > 0);

        // the two parts of a small sharded run and comparison, then byte edits of their JSON
        Scenario small
            = *parseScenario(TestSupport::readExample(QStringLiteral("mm1.json"))).scenario;
        small.simulation.durationS = 5;
        small.simulation.warmupS = 1;
        small.simulation.replications = 2;
        small.simulation.bucketS = 1;
        Scenario faster = small;
        faster.name = QStringLiteral("faster");
        faster.components[0].service.handlers[0].steps[0].duration.mean = 0.5;
        const Sim::Spec spec = compileScenario(small).spec;
        CompareOptions options;
        options.replications = 2;
        QList<QList<QByteArray>> jobs(2);
        for (int i = 0; i < 2; ++i) {
            jobs[0].append(
                QJsonDocument(runPartToJson(runRunPart(small, spec, {i, 2}, {}))).toJson());
            Problems problems;
            const std::optional<ComparisonPart> part
                = runComparisonPart({{QStringLiteral("base"), small},
                                     {QStringLiteral("faster"), faster}},
                                    options,
                                    {i, 2},
                                    &problems);
            QVERIFY(part);
            jobs[1].append(QJsonDocument(comparisonPartToJson(*part)).toJson());
        }
        QElapsedTimer timer;
        timer.start();
        int tried = 0, merged = 0;
        while (timer.elapsed() < 1500 || tried < 300) {
            ++tried;
            const QList<QByteArray> &texts = jobs[int(rng() % 2)];
            QList<QPair<QString, QJsonObject>> parts;
            for (int i = 0; i < 2; ++i) {
                QByteArray t = texts[i];
                const int edits = int(rng() % 4); // some parts stay whole
                for (int e = 0; e < edits && !t.isEmpty(); ++e)
                    t[qsizetype(rng() % quint64(t.size()))]
                        = kAlphabet[rng() % (sizeof(kAlphabet) - 1)];
                parts.append(
                    {QStringLiteral("part%1").arg(i + 1), QJsonDocument::fromJson(t).object()});
            }
            QString why;
            bool ok = false;
            const std::optional<PartKind> kind = partKindOf(parts, &why);
            if (kind == PartKind::Run) {
                if (const std::optional<MergedRun> m = mergeRunParts(parts, &why)) {
                    ok = true;
                    resultsToJson(m->result);
                }
            } else if (kind == PartKind::Comparison) {
                if (const std::optional<Comparison> c = mergeComparisonParts(parts, &why)) {
                    ok = true;
                    comparisonToJson(*c);
                }
            }
            if (ok)
                ++merged;
            else
                QVERIFY(!why.isEmpty());
        }
        qInfo("%d merges of mutated run and comparison parts, %d accepted", tried, merged);
        QVERIFY(merged > 0);
    }
};

QTEST_GUILESS_MAIN(tst_FuzzTexts)
#include "tst_fuzztexts.moc"
