// SPDX-License-Identifier: GPL-3.0-or-later
// The format's tables (model/format): complete rows, the documentation printed from them,
// and each field's key spelled in one source file only.
// ARCHSIM_WRITE_DOCS=1 rewrites the generated part of docs/scenario-format.md instead of
// comparing it (scripts/format-tables does that).
#include "KindTraits.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "format/Schema.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTest>

using namespace Model;

namespace {

const QString kBegin = QStringLiteral(
    "<!-- generated from model/format/ScenarioSchema.cpp by scripts/format-tables; edit the "
    "tables there, not here -->\n");
const QString kEnd = QStringLiteral("<!-- end of generated tables -->\n");

struct Row
{
    QString table;
    QString key;
    bool scalar; ///< a value of its own, not a list or sub-object with a structure
    bool hasLabel;
    bool wordsExplained;
    bool referenceExplained;
    bool rangeExplained;
};

template<typename Owner>
void collect(const QString &name, Format::Table<Owner> table, QList<Row> &out)
{
    for (const Format::Field<Owner> &f : table) {
        const bool scalar = f.part == Format::Part::None || f.part == Format::Part::MaxLength;
        out.append({name,
                    QString::fromLatin1(f.key),
                    scalar,
                    f.label != nullptr,
                    f.words.empty() || f.wordWhat != nullptr,
                    f.refers == Format::Refers::None || f.refersWhat != nullptr,
                    !f.range.isSet() || f.range.min <= f.range.max});
    }
}

QList<Row> allRows()
{
    QList<Row> rows;
    collect(QStringLiteral("simulation"), Format::simulationFields(), rows);
    collect(QStringLiteral("workload"), Format::workloadFields(), rows);
    collect(QStringLiteral("arrivals"), Format::arrivalFields(), rows);
    collect(QStringLiteral("requests"), Format::requestTypeFields(), rows);
    collect(QStringLiteral("faults"), Format::faultFields(), rows);
    collect(QStringLiteral("service"), Format::serviceFields(), rows);
    collect(QStringLiteral("concurrency"), Format::concurrencyFields(), rows);
    collect(QStringLiteral("autoscaling"), Format::autoscalingFields(), rows);
    collect(QStringLiteral("health_check"), Format::healthCheckFields(), rows);
    collect(QStringLiteral("load_balancer"), Format::loadBalancerFields(), rows);
    collect(QStringLiteral("gateway"), Format::gatewayFields(), rows);
    collect(QStringLiteral("route target"), Format::routeTargetFields(), rows);
    collect(QStringLiteral("database"), Format::databaseFields(), rows);
    collect(QStringLiteral("cache"), Format::cacheFields(), rows);
    collect(QStringLiteral("queue"), Format::queueFields(), rows);
    collect(QStringLiteral("consumer"), Format::consumerFields(), rows);
    collect(QStringLiteral("external"), Format::externalFields(), rows);
    collect(QStringLiteral("circuit_breaker"), Format::circuitBreakerFields(), rows);
    collect(QStringLiteral("lesson"), Format::lessonFields(), rows);
    collect(QStringLiteral("lesson try"), Format::lessonTryFields(), rows);
    collect(QStringLiteral("what_if"), Format::whatIfFields(), rows);
    collect(QStringLiteral("what_if pinned"), Format::whatIfPinFields(), rows);
    for (Step::Kind k : {Step::Kind::Cpu,
                         Step::Kind::Io,
                         Step::Kind::Call,
                         Step::Kind::Parallel,
                         Step::Kind::Publish,
                         Step::Kind::Cache,
                         Step::Kind::Probability})
        collect(stepKindKey(k) + QStringLiteral(" step"), Format::stepFields(k), rows);
    return rows;
}

QString readText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace

class tst_Schema : public QObject
{
    Q_OBJECT

private slots:
    void everyRowIsComplete()
    {
        const QList<Row> rows = allRows();
        QVERIFY(rows.size() > 100);
        for (const Row &r : rows) {
            const QString where = r.table + QLatin1Char('.') + r.key;
            if (r.table != QLatin1String("simulation") || r.key != QLatin1String("seed"))
                QVERIFY2(!r.key.isEmpty(), qPrintable(where));
            QVERIFY2(r.wordsExplained,
                     qPrintable(where + QStringLiteral(": words without wordWhat")));
            QVERIFY2(r.referenceExplained,
                     qPrintable(where + QStringLiteral(": reference without refersWhat")));
            QVERIFY2(r.rangeExplained, qPrintable(where + QStringLiteral(": min above max")));
            // the inspector needs a label for every field it shows (not the canvas position)
            if (r.table != QLatin1String("ui"))
                QVERIFY2(r.hasLabel, qPrintable(where + QStringLiteral(": no label")));
        }
    }

    void componentKindsAreTheEnginesKinds()
    {
        // every model kind but Unknown has the engine's row, and its word round-trips
        for (int i = 0; i < int(ComponentKind::Unknown); ++i) {
            const auto kind = static_cast<ComponentKind>(i);
            const Sim::KindTraits *traits = kindTraits(kind);
            QVERIFY(traits);
            QCOMPARE(int(traits->kind), i);
            QCOMPARE(componentKindName(kind), QString::fromLatin1(traits->word));
            QCOMPARE(componentKindFromName(componentKindName(kind)), kind);
            QCOMPARE(acceptsRequests(kind), traits->acceptsRequests);
        }
        QVERIFY(!kindTraits(ComponentKind::Unknown));
        QVERIFY(componentKindName(ComponentKind::Unknown).isEmpty());
        QCOMPARE(componentKindFromName(QStringLiteral("Service")), ComponentKind::Unknown);
        QCOMPARE(componentKindFromName(QStringLiteral("load_balancer")),
                 ComponentKind::LoadBalancer);
        QVERIFY(acceptsRequests(ComponentKind::Database));
        QVERIFY(!acceptsRequests(ComponentKind::Cache));
        QVERIFY(!acceptsRequests(ComponentKind::Unknown));
    }

    void keyOfFindsTheRowOfAMember()
    {
        QCOMPARE(Format::keyOf(&Service::memoryMb), QStringLiteral("memory_mb"));
        QCOMPARE(Format::keyOf(&Concurrency::queueLimit), QStringLiteral("queue_limit"));
        QCOMPARE(Format::keyOf(Step::Kind::Call, &Step::retryBudget),
                 QStringLiteral("retry_budget"));
        QCOMPARE(Format::keyOf(Step::Kind::Cache, &Step::target), QStringLiteral("cache"));
        QCOMPARE(Format::keyOf(Step::Kind::Publish, &Step::target), QStringLiteral("publish"));
    }

    void filledTakesTheDefaultsOfTheRows()
    {
        const Concurrency c = Format::filled(Concurrency());
        QCOMPARE(c.model, QStringLiteral("thread_pool"));
        QCOMPARE(*c.threads, 8);
        QCOMPARE(*c.workerThreads, 4);
        Autoscaling given;
        given.targetCpu = 0.5;
        const Autoscaling a = Format::filled(given);
        QCOMPARE(*a.targetCpu, 0.5); // what the scenario says wins
        QCOMPARE(*a.min, 1);
        QVERIFY(!a.max); // required, no default
        QCOMPARE(*a.scaleDownStabilizationS, 300.0);
    }

    void wordsMapToTheEngine()
    {
        QCOMPARE(Format::valueOf(Format::evictionWords(),
                                 QStringLiteral("segmented_lru"),
                                 Sim::EvictionPolicy::Lru),
                 Sim::EvictionPolicy::SegmentedLru);
        QCOMPARE(Format::valueOf(Format::balancingWords(),
                                 QStringLiteral("nonsense"),
                                 Sim::Balancing::PowerOfTwo),
                 Sim::Balancing::PowerOfTwo);
        QVERIFY(Format::contains(Format::faultWords(), QStringLiteral("kill_instance")));
        QCOMPARE(Format::wordList(Format::concurrencyWords()),
                 QStringLiteral("thread_pool, event_loop"));
    }

    void referencesAreFoundAndRenamed()
    {
        const ScenarioLoad load = loadScenarioFile(
            TestSupport::sourcePath(QStringLiteral("resources/examples/shop-microservices.json")));
        QVERIFY(load.ok());
        Scenario s = *load.scenario;
        QStringList paths;
        Format::forEachReference(std::as_const(s),
                                 [&](const QString &id, const QString &path, Format::Refers) {
                                     if (id == QLatin1String("orders"))
                                         paths.append(path);
                                 });
        QVERIFY2(!paths.isEmpty(), "the shop calls its orders service");
        Format::forEachReference(s, [](QString &id, const QString &, Format::Refers) {
            if (id == QLatin1String("orders"))
                id = QStringLiteral("orders2");
        });
        int renamed = 0;
        Format::forEachReference(std::as_const(s),
                                 [&](const QString &id, const QString &, Format::Refers) {
                                     renamed += id == QLatin1String("orders2");
                                     QVERIFY(id != QLatin1String("orders"));
                                 });
        QCOMPARE(renamed, paths.size());
    }

    /** docs/scenario-format.md's tables of fields, defaults and limits are the schema's. */
    void documentationTablesAreTheSchemas()
    {
        const QString path = TestSupport::sourcePath(QStringLiteral("docs/scenario-format.md"));
        const QString doc = readText(path);
        QVERIFY2(!doc.isEmpty(), qPrintable(path));
        const qsizetype begin = doc.indexOf(kBegin);
        const qsizetype end = doc.indexOf(kEnd);
        QVERIFY2(begin >= 0 && end > begin,
                 "docs/scenario-format.md needs the generated-tables markers");
        const QString generated = Format::referenceTables();
        const QString current = doc.mid(begin + kBegin.size(), end - begin - kBegin.size());
        if (qEnvironmentVariable("ARCHSIM_WRITE_DOCS") == QLatin1String("1")) {
            QSaveFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write((doc.left(begin + kBegin.size()) + generated + doc.mid(end)).toUtf8());
            QVERIFY(out.commit());
            return;
        }
        if (current != generated) {
            const QStringList a = current.split(QLatin1Char('\n'));
            const QStringList b = generated.split(QLatin1Char('\n'));
            qsizetype line = 0;
            while (line < a.size() && line < b.size() && a.at(line) == b.at(line))
                ++line;
            QFAIL(qPrintable(QStringLiteral("docs/scenario-format.md differs from the schema at "
                                            "generated line %1:\n  doc:    %2\n  schema: %3\nrun "
                                            "scripts/format-tables")
                                 .arg(line + 1)
                                 .arg(a.value(line), b.value(line))));
        }
    }

    /**
     * A field's key is spelled in the schema only: the parser, writer, validator, compiler and
     * forms take it from the row. (The results JSON is another format with its own table, so
     * its files are not searched.)
     */
    void eachKeyIsSpelledInOneSourceFile()
    {
        QStringList files;
        for (const QString &dir : {QStringLiteral("model"), QStringLiteral("ui")}) {
            QDirIterator it(TestSupport::sourcePath(dir),
                            {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                            QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext())
                files.append(it.next());
        }
        // Other vocabularies that share words with the format: the results JSON (its own
        // table, model/ResultsSchema), the saved-run lines that read it (ProjectPanel) and the
        // component chart's metric names ("replicas" is also a series), and the JSON of the
        // analyses (model/analysis/Compare.cpp and Capacity.cpp: "replications",
        // "error_rate", "duration_s" of their own; Shards.cpp: the parts of sharded runs, with
        // each replication's "failures" and series "bucket_s" as the results JSON has them;
        // Decision.cpp: the decision JSON, whose fault has "at_s", "until_s" of its own;
        // Plan.cpp: the plan JSON, whose steps name the new service's "replicas",
        // "cpu_cores", its "handlers" and "components" as the scenario does; Report.cpp: the
        // report settings, whose "replications" are those of the runs the report makes;
        // model/import/ComposeImport.cpp and KubernetesImport.cpp: the keys of Compose files
        // and Kubernetes manifests, whose "replicas" are theirs).
        static const QRegularExpression results(
            QStringLiteral("Results|RunResult|ui/ProjectPanel\\.cpp|ui/ComponentChart\\.(cpp|h)"
                           "|model/analysis/(Compare|Capacity|Shards|Decision|Plan|Report)\\.cpp"
                           "|model/import/(Compose|Kubernetes)Import\\.cpp"));
        // comments may quote the format ("concurrency": {...}); code may not
        static const QRegularExpression comments(QStringLiteral("//[^\n]*|/\\*.*?\\*/"),
                                                 QRegularExpression::DotMatchesEverythingOption);
        QMap<QString, QString> texts;
        for (const QString &f : files) {
            if (!results.match(f).hasMatch())
                texts.insert(f, readText(f).remove(comments));
        }
        QVERIFY(texts.size() > 20);
        // per layer, so a failure says which layer spelled a key again
        QStringList modelProblems, uiProblems;
        QSet<QString> seen;
        for (const Row &r : allRows()) {
            // distinctive keys only: short words ("max", "target") are also plain words
            if (!r.scalar || seen.contains(r.key)
                || !(r.key.contains(QLatin1Char('_')) || r.key.size() >= 8))
                continue;
            seen.insert(r.key);
            QStringList where;
            for (auto it = texts.cbegin(); it != texts.cend(); ++it) {
                if (it->contains(QLatin1Char('"') + r.key + QLatin1Char('"'))
                    || it->contains(QStringLiteral("\".") + r.key + QLatin1Char('"')))
                    where.append(
                        QDir(TestSupport::sourcePath(QString())).relativeFilePath(it.key()));
            }
            const QString schema = QStringLiteral("model/format/ScenarioSchema.cpp");
            if (!where.contains(schema))
                modelProblems.append(r.key + QStringLiteral(": not in ") + schema);
            for (const QString &file : where) {
                if (file != schema)
                    (file.startsWith(QLatin1String("ui/")) ? uiProblems : modelProblems)
                        .append(r.key + QStringLiteral(": ") + file);
            }
        }
        QVERIFY2(seen.size() > 40, "too few keys checked");
        QVERIFY2(modelProblems.isEmpty(), qPrintable(modelProblems.join(QLatin1Char('\n'))));
        QVERIFY2(uiProblems.isEmpty(), qPrintable(uiProblems.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(tst_Schema)
#include "tst_schema.moc"
