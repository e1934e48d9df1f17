// SPDX-License-Identifier: GPL-3.0-or-later
// The numbers of a scenario a sweep can vary (model/analysis/SweepPaths): the paths of the
// written numbers and of the defaults, their values and units, and that every path listed
// is one setScenarioPath() takes and the scenario still reads without errors.
#include "ModelTestSupport.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "analysis/Sweep.h"
#include "analysis/SweepPaths.h"

#include <QDir>
#include <QJsonDocument>
#include <QTest>

using namespace Model;

namespace {

const SweepablePath *find(const QList<SweepablePath> &paths, const QString &path)
{
    for (const SweepablePath &p : paths) {
        if (p.path == path)
            return &p;
    }
    return nullptr;
}

QStringList exampleFiles()
{
    return QDir(TestSupport::examplePath())
        .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
}

} // namespace

class tst_SweepPaths : public QObject
{
    Q_OBJECT

private slots:
    void listsTheWrittenNumbers()
    {
        const QList<SweepablePath> paths = sweepablePaths(
            TestSupport::loadExample(QStringLiteral("shop-monolith.json")));
        struct Expected
        {
            const char *path;
            double value;
            const char *unit;
        };
        const Expected expected[] = {
            {"simulation.duration_s", 300, "s"},
            {"workload.arrivals.rate_per_s", 600, "/s"},
            {"workload.requests[browse].weight", 0.75, ""},
            {"components[edge].latency_ms", 0.2, "ms"},
            {"components[monolith].replicas", 3, ""},
            {"components[monolith].cpu_cores", 2, ""},
            {"components[monolith].concurrency.threads", 32, ""},
            {"components[monolith].pools.db", 20, ""},
            {"components[monolith].handlers.browse[0].cpu_ms.mean", 1.5, "ms"},
            {"components[monolith].handlers.browse[1].zipf", 0.9, ""},
            {"components[catalog_cache].capacity_keys", 5000, ""},
            {"components[catalog_cache].ttl_s", 120, "s"},
            {"components[db].max_connections", 60, ""},
            {"components[db].queries.select_product.mean", 3, "ms"},
            {"components[payments].latency_ms.stddev", 40, "ms"},
        };
        for (const Expected &e : expected) {
            const SweepablePath *p = find(paths, QLatin1String(e.path));
            QVERIFY2(p, e.path);
            QCOMPARE(p->value, e.value);
            QCOMPARE(p->unit, QLatin1String(e.unit));
            QVERIFY2(!p->isDefault, e.path);
        }
        // the run settings the sweep sets itself, and the canvas, are not offered
        for (const char *path :
             {"simulation.seed", "simulation.replications", "simulation.bucket_s"})
            QVERIFY2(!find(paths, QLatin1String(path)), path);
        for (const SweepablePath &p : paths)
            QVERIFY2(!p.path.contains(QLatin1String(".ui")), qPrintable(p.path));
        // in the file's order: run settings, workload, components in order
        auto at = [&](const char *path) {
            for (qsizetype i = 0; i < paths.size(); ++i) {
                if (paths[i].path == QLatin1String(path))
                    return i;
            }
            return qsizetype(-1);
        };
        QVERIFY(at("simulation.duration_s") < at("workload.arrivals.rate_per_s"));
        QVERIFY(at("workload.arrivals.rate_per_s") < at("components[edge].latency_ms"));
        QVERIFY(at("components[edge].latency_ms") < at("components[monolith].replicas"));
        QVERIFY(at("components[monolith].replicas") < at("components[db].max_connections"));
    }

    void listsTheDefaultsNotWritten()
    {
        Scenario s = TestSupport::loadExample(QStringLiteral("mm1.json"));
        s.components[0].service.replicas.reset();
        const QList<SweepablePath> paths = sweepablePaths(s);
        const SweepablePath *replicas = find(paths, QStringLiteral("components[server].replicas"));
        QVERIFY(replicas);
        QVERIFY(replicas->isDefault);
        QCOMPARE(replicas->value, 1.0);
        const SweepablePath *startup = find(paths, QStringLiteral("components[server].startup_s"));
        QVERIFY(startup);
        QVERIFY(startup->isDefault);
        QCOMPARE(startup->unit, QStringLiteral("s"));
        // the thread pool's fields, not the event loop's
        QVERIFY(find(paths, QStringLiteral("components[server].concurrency.threads")));
        QVERIFY(!find(paths, QStringLiteral("components[server].concurrency.workers")));
        // "no limit" and "unlimited" are not numbers to start a sweep from
        QVERIFY(!find(paths, QStringLiteral("components[server].memory_mb")));
        // the arrival kind's fields only
        QVERIFY(!find(paths, QStringLiteral("workload.arrivals.start_s")));
        QVERIFY(!find(paths, QStringLiteral("workload.arrivals.period_s")));
    }

    void everyPathSetsAndReadsBack_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : exampleFiles())
            QTest::newRow(qPrintable(file)) << file;
    }

    void everyPathSetsAndReadsBack()
    {
        QFETCH(QString, file);
        const Scenario scenario = TestSupport::loadExample(file);
        const QList<SweepablePath> paths = sweepablePaths(scenario);
        QVERIFY(paths.size() >= 5);
        const QJsonObject json = QJsonDocument::fromJson(serializeScenario(scenario)).object();
        // through QJsonObject, as a sweep sets its paths (its keys in alphabetical order, so
        // handlers and queries may change places in their lists)
        const std::optional<Scenario> readBack
            = parseScenario(QJsonDocument(json).toJson()).scenario;
        QVERIFY(readBack);
        for (const SweepablePath &p : paths) {
            QJsonObject changed = json;
            QString error;
            QVERIFY2(setScenarioPath(changed, p.path, p.value, &error),
                     qPrintable(p.path + QStringLiteral(": ") + error));
            const ScenarioLoad load = parseScenario(QJsonDocument(changed).toJson());
            QVERIFY2(load.ok(),
                     qPrintable(p.path + QStringLiteral(": ")
                                + TestSupport::problemsText(load.problems)));
            // the same value written where it was: the same scenario
            if (!p.isDefault)
                QVERIFY2(*load.scenario == *readBack, qPrintable(p.path));
        }
    }
};

QTEST_GUILESS_MAIN(tst_SweepPaths)
#include "tst_sweeppaths.moc"
