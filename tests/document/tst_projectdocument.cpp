// SPDX-License-Identifier: GPL-3.0-or-later
#include "PersistenceTestSupport.h"
#include "ProjectDocument.h"
#include "ScenarioIo.h"
#include "TestSupport.h"
#include "analysis/Compare.h"
#include "persistence/ProjectStore.h"
#include "persistence/SqliteConnection.h"

#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <memory>

using namespace Model;
using PersistenceTest::backdate;
using PersistenceTest::entriesOf;
using PersistenceTest::execOn;
using PersistenceTest::FileState;
using PersistenceTest::stateOf;
using TestSupport::writeBytes;

namespace {

Scenario example(const char *file)
{
    const Scenario s = TestSupport::loadExample(QString::fromLatin1(file));
    if (s.components.isEmpty())
        qFatal("cannot read the example %s", file);
    return s;
}

/** Every component of the scenario at a distinct place, and a zoomed view. */
Layout layoutFor(const Scenario &scenario, double offset)
{
    return toDocumentLayout(PersistenceTest::layoutFor(scenario, offset));
}

/** The scenario without the components' "ui" positions (what an export adds). */
Scenario withoutUi(Scenario s)
{
    s.diagram = {};
    return s;
}

/** The first service component of a scenario. */
const Component *firstService(const Scenario &s)
{
    for (const Component &c : s.components) {
        if (c.kind == ComponentKind::Service)
            return &c;
    }
    return nullptr;
}

/** The project without what is recomputed on every load (the parser's problems). */
Project comparable(Project p)
{
    for (ProjectScenario &s : p.scenarios)
        s.problems.clear();
    return p;
}

} // namespace

class tst_ProjectDocument : public QObject
{
    Q_OBJECT

private:
    Sim::RunResult m_run; // a real short run of the M/M/1 example
    std::unique_ptr<QTemporaryDir> m_dir;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    /** A saved project with two examples (positions, a run of M/M/1) at `name`. */
    QString savedProject(const QString &name,
                         QString *mm1Id = nullptr,
                         QString *monolithId = nullptr)
    {
        ProjectDocument d;
        d.setMetadata(QStringLiteral("Study"), QStringLiteral("two scenarios"));
        const Scenario mm1 = example("mm1.json");
        const QString a = d.addScenario(mm1, layoutFor(mm1, 10));
        const Scenario mono = example("shop-monolith.json");
        const QString b = d.addScenario(mono, layoutFor(mono, 200));
        d.addRun(a, m_run, QStringLiteral("first look"));
        QString error;
        if (!d.saveAs(path(name), &error))
            qWarning("%s", qPrintable(error));
        if (mm1Id)
            *mm1Id = a;
        if (monolithId)
            *monolithId = b;
        return path(name);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_run = PersistenceTest::shortRun(example("mm1.json"));
        QVERIFY(m_run.request("_all"));
        QVERIFY(m_run.request("_all")->completed > 1000);
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(ProjectStore::discardRecovery(QString())); // the untitled copy of a last run
    }
    void cleanup()
    {
        ProjectStore::discardRecovery(QString());
        m_dir.reset();
    }

    // --- The project as a whole --------------------------------------------------------------

    void newProjectIsEmptyAndUntitled()
    {
        ProjectDocument d;
        QVERIFY(d.path().isEmpty());
        QVERIFY(d.isUntitled());
        QVERIFY(!d.isReadOnly());
        QVERIFY(!d.structureModified());
        QCOMPARE(d.scenarioCount(), 0);
        QVERIFY(d.scenarioIds().isEmpty());
        QCOMPARE(d.displayName(), QStringLiteral("Untitled"));
        QVERIFY(d.metadata().created.isValid());
        QCOMPARE(d.metadata().appVersion, ProjectStore::applicationVersion());
        QVERIFY(d.project().scenarios.isEmpty());
        QVERIFY(!d.document(QStringLiteral("nothing")));
    }

    void layoutConversionKeepsEverything()
    {
        ScenarioLayout stored;
        stored.positions.insert(QStringLiteral("b"), QPointF(1.5, -2.25));
        stored.positions.insert(QStringLiteral("a"), QPointF(1e6, 3));
        stored.zoom = 0.4;
        stored.center = QPointF(-7, 9.5);
        const Layout edited = toDocumentLayout(stored);
        QCOMPARE(edited.positions.size(), 2);
        QCOMPARE(edited.positions.value(QStringLiteral("b")), QPointF(1.5, -2.25));
        QCOMPARE(edited.positions.value(QStringLiteral("a")), QPointF(1e6, 3));
        QCOMPARE(edited.zoom, 0.4);
        QCOMPARE(edited.center, QPointF(-7, 9.5));
        QCOMPARE(toScenarioLayout(edited), stored);
        QCOMPARE(toScenarioLayout(Layout()), ScenarioLayout());
    }

    void scenarioListOperationsEmitSignals()
    {
        ProjectDocument d;
        QStringList log;
        connect(&d, &ProjectDocument::scenarioAdded, this, [&](const QString &id) {
            log << QStringLiteral("added ") + id;
        });
        connect(&d, &ProjectDocument::scenarioAboutToBeRemoved, this, [&](const QString &id) {
            log << QStringLiteral("about to remove %1, document %2")
                       .arg(id, d.document(id) ? QStringLiteral("alive") : QStringLiteral("gone"));
        });
        connect(&d, &ProjectDocument::scenarioRemoved, this, [&](const QString &id) {
            log << QStringLiteral("removed %1, in project %2")
                       .arg(id, d.contains(id) ? QStringLiteral("yes") : QStringLiteral("no"));
        });
        connect(&d, &ProjectDocument::scenarioRenamed, this, [&](const QString &id) {
            log << QStringLiteral("renamed ") + id;
        });
        connect(&d,
                &ProjectDocument::scenarioMoved,
                this,
                [&](const QString &id, int from, int to) {
                    log << QStringLiteral("moved %1 %2 %3").arg(id).arg(from).arg(to);
                });

        const Scenario mm1 = example("mm1.json");
        const Scenario mono = example("shop-monolith.json");
        const Scenario micro = example("shop-microservices.json");
        const QString a = d.addScenario(mm1);
        const QString b = d.addScenario(mono, layoutFor(mono, 5));
        const QString c = d.addScenario(micro, {}, 0);
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());
        QCOMPARE(QSet<QString>({a, b, c}).size(), 3);
        QCOMPARE(d.scenarioIds(), (QStringList{c, a, b}));
        QCOMPARE(log,
                 (QStringList{QStringLiteral("added ") + a,
                              QStringLiteral("added ") + b,
                              QStringLiteral("added ") + c}));
        QVERIFY(d.document(a) && d.document(b) && d.document(c));
        QCOMPARE(d.document(b)->scenario(), mono);
        QCOMPARE(d.document(b)->layout(), layoutFor(mono, 5));
        QCOMPARE(d.scenarioIdOf(d.document(b)), b);
        QCOMPARE(d.scenarioName(c), micro.name);
        QCOMPARE(d.indexOf(a), 1);
        QVERIFY(d.isReadable(a));

        // rename
        log.clear();
        QVERIFY(d.renameScenario(a, QStringLiteral("Queue check")));
        QCOMPARE(log, QStringList{QStringLiteral("renamed ") + a});
        QCOMPARE(d.scenarioName(a), QStringLiteral("Queue check"));
        QCOMPARE(d.document(a)->scenario().name, QStringLiteral("Queue check"));
        QCOMPARE(d.document(a)->scenario().description, mm1.description);
        QVERIFY(!d.renameScenario(a, QStringLiteral("Queue check"))); // the same name
        QCOMPARE(log.size(), 1);

        // duplicate: a copy right after the original, without its runs
        QVERIFY(!d.addRun(b, m_run).isEmpty());
        log.clear();
        const QString dup = d.duplicateScenario(b);
        QVERIFY(!dup.isEmpty() && dup != b);
        QCOMPARE(d.scenarioIds(), (QStringList{c, a, b, dup}));
        QCOMPARE(log, QStringList{QStringLiteral("added ") + dup});
        QCOMPARE(d.scenarioName(dup), QStringLiteral("Shop: monolith (copy)"));
        Scenario copied = d.document(dup)->scenario();
        copied.name = mono.name;
        QCOMPARE(copied, mono);
        QCOMPARE(d.document(dup)->layout(), layoutFor(mono, 5));
        QVERIFY(d.document(dup) != d.document(b));
        QVERIFY(d.runs(dup).isEmpty());
        QCOMPARE(d.runs(b).size(), 1);

        // move
        log.clear();
        QVERIFY(d.moveScenario(dup, 0));
        QCOMPARE(d.scenarioIds(), (QStringList{dup, c, a, b}));
        QVERIFY(d.moveScenario(c, 99)); // clamped to the end
        QCOMPARE(d.scenarioIds(), (QStringList{dup, a, b, c}));
        QVERIFY(!d.moveScenario(c, 3)); // already there
        QVERIFY(d.moveScenario(b, -5));
        QCOMPARE(d.scenarioIds(), (QStringList{b, dup, a, c}));
        QCOMPARE(log,
                 (QStringList{QStringLiteral("moved %1 3 0").arg(dup),
                              QStringLiteral("moved %1 1 3").arg(c),
                              QStringLiteral("moved %1 2 0").arg(b)}));
        QCOMPARE(d.project().scenarios.at(0).id, b); // the order is what Save writes

        // remove: the document lives through scenarioAboutToBeRemoved, then is deleted
        log.clear();
        QPointer<Document> removedDoc = d.document(b);
        QVERIFY(d.removeScenario(b));
        QCOMPARE(log,
                 (QStringList{QStringLiteral("about to remove %1, document alive").arg(b),
                              QStringLiteral("removed %1, in project no").arg(b)}));
        QVERIFY(removedDoc.isNull());
        QCOMPARE(d.scenarioIds(), (QStringList{dup, a, c}));
        QVERIFY(!d.document(b));
        QVERIFY(d.runs(b).isEmpty());
        QVERIFY(!d.project().scenario(b));
    }

    void unknownIdsChangeNothing()
    {
        ProjectDocument d;
        const QString a = d.addScenario(example("mm1.json"));
        const Project before = d.project();
        QSignalSpy any(&d, &ProjectDocument::scenarioRenamed);
        QSignalSpy runs(&d, &ProjectDocument::runAdded);
        const QString none = QStringLiteral("no-such-id");
        QVERIFY(!d.removeScenario(none));
        QVERIFY(!d.renameScenario(none, QStringLiteral("x")));
        QVERIFY(d.duplicateScenario(none).isEmpty());
        QVERIFY(!d.moveScenario(none, 0));
        QVERIFY(d.addRun(none, m_run).isEmpty());
        QVERIFY(!d.removeRun(a, none));
        QVERIFY(!d.renameRun(a, none, QStringLiteral("x")));
        QVERIFY(!d.removeRun(none, none));
        QVERIFY(d.scenarioName(none).isEmpty());
        QVERIFY(!d.isReadable(none));
        QVERIFY(!d.scenario(none));
        QVERIFY(d.scenarioIdOf(nullptr).isEmpty());
        Document stranger;
        QVERIFY(d.scenarioIdOf(&stranger).isEmpty());
        QCOMPARE(any.count(), 0);
        QCOMPARE(runs.count(), 0);
        QCOMPARE(d.project(), before);
    }

    void removedScenarioCanBeInsertedAgain()
    {
        ProjectDocument d;
        const QString a = d.addScenario(example("mm1.json"));
        const Scenario mono = example("shop-monolith.json");
        const QString b = d.addScenario(mono, layoutFor(mono, 3));
        const QString runId = d.addRun(b, m_run, QStringLiteral("kept"));
        const Project before = d.project();
        const std::optional<ProjectScenario> entry = d.scenario(b);
        QVERIFY(entry);
        QCOMPARE(entry->runs.size(), 1);
        QVERIFY(d.removeScenario(b));

        // Undo of the removal: the same id, layout and runs at the same place.
        QCOMPARE(d.insertScenario(*entry, 1), b);
        QCOMPARE(d.project(), before);
        QCOMPARE(d.document(b)->scenario(), mono);

        // Inserted again while it is there: new ids, so that the project stays valid.
        const QString again = d.insertScenario(*entry);
        QVERIFY(again != b && !again.isEmpty());
        QCOMPARE(d.runs(again).size(), 1);
        QVERIFY(d.runs(again).front().id != runId);
        QCOMPARE(d.scenarioIds(), (QStringList{a, b, again}));
        QString error;
        QVERIFY2(d.saveAs(path(QStringLiteral("ids.archsim")), &error), qPrintable(error));
    }

    void editsInADocumentShowInProject()
    {
        ProjectDocument d;
        Project p;
        p.scenarios.append(ProjectScenario::create(example("shop-microservices.json")));
        d.setProject(p);
        const QString id = d.scenarioIds().value(0);
        Document *doc = d.document(id);
        QVERIFY(doc);
        QSignalSpy edited(&d, &ProjectDocument::documentEdited);
        QSignalSpy renamed(&d, &ProjectDocument::scenarioRenamed);
        QSignalSpy modified(&d, &ProjectDocument::modifiedChanged);

        const QString first = doc->scenario().components.at(0).id;
        doc->setPosition(first, QPointF(7, 8));
        QVERIFY(edited.count() >= 1);
        QCOMPARE(edited.last().at(0).toString(), id);
        QCOMPARE(d.project().scenarios.at(0).layout.positions.value(first), QPointF(7, 8));

        const Component *service = firstService(doc->scenario());
        QVERIFY(service);
        Component changed = *service;
        changed.service.replicas = 7;
        const int before = int(edited.count());
        doc->setComponent(changed);
        QVERIFY(edited.count() > before);
        const Scenario saved = d.project().scenarios.at(0).scenario;
        QCOMPARE(saved.component(changed.id)->service.replicas, 7);
        QCOMPARE(d.scenario(id)->scenario, doc->scenario());

        // The name edited in the document (the inspector) renames the scenario in the list.
        doc->setHeader(QStringLiteral("Shop v2"), doc->scenario().description);
        QCOMPARE(renamed.count(), 1);
        QCOMPARE(renamed.at(0).at(0).toString(), id);
        QCOMPARE(d.scenarioName(id), QStringLiteral("Shop v2"));
        QCOMPARE(d.project().scenarioNamed(QStringLiteral("Shop v2"))->id, id);
        // A description alone is no rename.
        doc->setHeader(QStringLiteral("Shop v2"), QStringLiteral("other"));
        QCOMPARE(renamed.count(), 1);
        // Replacing the whole scenario is an edit, and renames when the name differs.
        doc->setScenario(example("shop-monolith.json"));
        QCOMPARE(renamed.count(), 2);
        QCOMPARE(edited.last().at(0).toString(), id);

        // Edits live on the documents' undo stacks, not in the structure state.
        QVERIFY(!d.structureModified());
        QCOMPARE(modified.count(), 0);
    }

    void saveThenLoadGivesAnEqualProject()
    {
        ProjectDocument d;
        d.setMetadata(QStringLiteral("Shop study"), QStringLiteral("monolith or services"));
        const Scenario mm1 = example("mm1.json");
        const Scenario micro = example("shop-microservices.json");
        const QString a = d.addScenario(mm1, layoutFor(mm1, 0));
        const QString b = d.addScenario(micro, layoutFor(micro, 100));
        const QString runId = d.addRun(a, m_run, QStringLiteral("first look"));
        d.document(b)->setPosition(micro.components.at(1).id, QPointF(-3.125, 4.5));
        Layout view = d.document(b)->layout();
        view.zoom = 2.5;
        view.center = QPointF(11, -12);
        d.document(b)->setLayout(view);

        QSignalSpy saved(&d, &ProjectDocument::saved);
        QSignalSpy pathChanged(&d, &ProjectDocument::pathChanged);
        const QString file = path(QStringLiteral("shop.archsim"));
        QString error;
        QVERIFY2(d.saveAs(file, &error), qPrintable(error));
        QCOMPARE(d.path(), QFileInfo(file).absoluteFilePath());
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(0).toString(), d.path());
        QCOMPARE(pathChanged.count(), 1);
        QVERIFY(!d.structureModified());
        QVERIFY(!d.isUntitled());
        QCOMPARE(d.displayName(), QStringLiteral("Shop study"));
        QCOMPARE(entriesOf(m_dir->path()), QStringList{QStringLiteral("shop.archsim")});

        ProjectDocument e;
        QStringList warnings;
        QVERIFY2(e.load(file, &error, &warnings), qPrintable(error));
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        QCOMPARE(e.path(), d.path());
        QVERIFY(!e.structureModified());
        QVERIFY(!e.isReadOnly());
        QCOMPARE(e.metadata(), d.metadata());
        QCOMPARE(e.scenarioIds(), (QStringList{a, b}));
        QCOMPARE(e.document(b)->layout(), d.document(b)->layout());
        QCOMPARE(e.document(b)->layout().zoom, 2.5);
        QCOMPARE(e.document(a)->scenario(), mm1);
        QCOMPARE(e.runs(a), d.runs(a));
        QCOMPARE(e.runs(a).front().id, runId);
        QCOMPARE(comparable(e.project()), comparable(d.project()));
        // The file on disk holds what project() gave.
        QCOMPARE(comparable(*ProjectStore::load(file).project), comparable(d.project()));
    }

    void sharedWorkloadIsEditedOnceAndUsedByAll()
    {
        ProjectDocument d;
        const Scenario mono = example("shop-monolith.json");
        const Scenario micro = example("shop-microservices.json");
        const Scenario mm1 = example("mm1.json");
        const QString a = d.addScenario(mono);
        const QString b = d.addScenario(micro);
        const QString c = d.addScenario(mm1);
        QVERIFY(!d.sharedWorkload());
        QVERIFY(d.scenariosSharingWorkload().isEmpty());
        QSignalSpy changed(&d, &ProjectDocument::sharedWorkloadChanged);

        // the first to share provides the shared workload
        Workload wa = mono.workload;
        wa.shared = true;
        wa.arrivals.ratePerS = 450;
        d.document(a)->setWorkload(wa);
        QVERIFY(d.sharedWorkload());
        QCOMPARE(d.sharedWorkload()->arrivals, wa.arrivals);
        QCOMPARE(d.sharedWorkload()->requests, wa.requests);
        QCOMPARE(d.scenariosSharingWorkload(), QStringList{a});

        // the next takes its arrivals and request mix, and keeps its own entry
        Workload wb = micro.workload;
        wb.shared = true;
        d.document(b)->setWorkload(wb);
        QCOMPARE(d.document(b)->scenario().workload.arrivals.ratePerS, std::optional<double>(450));
        QCOMPARE(d.document(b)->scenario().workload.entry, micro.workload.entry);
        QCOMPARE(d.scenariosSharingWorkload(), (QStringList{a, b}));
        QVERIFY(!hasErrors(d.document(b)->problems()));

        // an edit in one reaches every other that shares it, and no other
        Workload edit = d.document(b)->scenario().workload;
        edit.arrivals.ratePerS = 123;
        d.document(b)->setWorkload(edit);
        QCOMPARE(d.document(a)->scenario().workload.arrivals.ratePerS, std::optional<double>(123));
        QCOMPARE(d.document(a)->scenario().workload.entry, mono.workload.entry);
        QCOMPARE(changed.last().at(0).toString(), b);
        QCOMPARE(changed.last().at(1).toStringList(), QStringList{a});
        QCOMPARE(d.document(c)->scenario().workload, mm1.workload);
        QVERIFY(d.structureModified());

        // saved and opened again: the file keeps it, and old readers see the copies
        const QString file = path(QStringLiteral("shared.archsim"));
        QString error;
        QVERIFY2(d.saveAs(file, &error), qPrintable(error));
        {
            ProjectDocument e;
            QStringList warnings;
            QVERIFY2(e.load(file, &error, &warnings), qPrintable(error));
            QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
            QCOMPARE(e.sharedWorkload(), d.sharedWorkload());
            QCOMPARE(e.scenariosSharingWorkload(), (QStringList{a, b}));
            QCOMPARE(e.document(a)->scenario(), d.document(a)->scenario());
        }

        // a copy changed outside the project follows the shared workload again, and says so
        {
            Project p = *ProjectStore::load(file).project;
            p.scenarios[1].scenario.workload.arrivals.ratePerS = 7;
            QVERIFY2(ProjectStore::save(p, file, &error), qPrintable(error));
            ProjectDocument e;
            QStringList warnings;
            QVERIFY2(e.load(file, &error, &warnings), qPrintable(error));
            QCOMPARE(warnings.size(), 1);
            QVERIFY2(warnings.first().contains(QStringLiteral("Shop: microservices")),
                     qPrintable(warnings.first()));
            QCOMPARE(e.document(b)->scenario().workload.arrivals.ratePerS,
                     std::optional<double>(123));
        }

        // a duplicate shares it too; one that stops sharing keeps the workload as its own
        const QString copy = d.duplicateScenario(a);
        QCOMPARE(d.scenariosSharingWorkload(), (QStringList{a, copy, b}));
        Workload own = d.document(b)->scenario().workload;
        own.shared = false;
        d.document(b)->setWorkload(own);
        QCOMPARE(d.scenariosSharingWorkload(), (QStringList{a, copy}));
        edit = d.document(a)->scenario().workload;
        edit.arrivals.ratePerS = 50;
        d.document(a)->setWorkload(edit);
        QCOMPARE(d.document(copy)->scenario().workload.arrivals.ratePerS,
                 std::optional<double>(50));
        QCOMPARE(d.document(b)->scenario().workload.arrivals.ratePerS, std::optional<double>(123));

        // a damaged shared workload in the file is rebuilt from the first sharing scenario
        QVERIFY2(d.save(&error), qPrintable(error));
        {
            SqliteConnection db(file, SqliteConnection::Mode::ReadWrite);
            QVERIFY(db.isOpen());
            QVERIFY(db.exec(QStringLiteral("UPDATE project_meta SET value = '{\"arrivals\": 3' "
                                           "WHERE key = 'shared_workload'")));
        }
        ProjectDocument e;
        QStringList warnings;
        QVERIFY2(e.load(file, &error, &warnings), qPrintable(error));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(QStringLiteral("shared workload could not be read")),
                 qPrintable(warnings.first()));
        QCOMPARE(e.sharedWorkload()->arrivals.ratePerS, std::optional<double>(50));
    }

    void projectPricesAreSavedAndApplyToRuns()
    {
        ProjectDocument d;
        const Scenario mm1 = example("mm1.json");
        const QString a = d.addScenario(mm1);
        QVERIFY(!d.prices());
        QCOMPARE(d.scenarioToRun(a)->cost, mm1.cost); // no prices: the scenario as it is
        QSignalSpy changed(&d, &ProjectDocument::pricesChanged);
        CostPrices prices;
        prices.vcpuHour = 0.5;
        d.setPrices(prices);
        QCOMPARE(changed.count(), 1);
        QVERIFY(d.structureModified());
        QCOMPARE(d.scenarioToRun(a)->cost->vcpuHour, std::optional<double>(0.5));
        QVERIFY(!d.scenarioToRun(QStringLiteral("nope")));
        // the scenario's own price wins
        Scenario own = d.document(a)->scenario();
        own.cost = CostPrices{};
        own.cost->vcpuHour = 0.25;
        d.document(a)->setScenario(own, d.document(a)->layout());
        QCOMPARE(d.scenarioToRun(a)->cost->vcpuHour, std::optional<double>(0.25));

        const QString file = path(QStringLiteral("prices.archsim"));
        QString error;
        QVERIFY2(d.saveAs(file, &error), qPrintable(error));
        {
            ProjectDocument e;
            QStringList warnings;
            QVERIFY2(e.load(file, &error, &warnings), qPrintable(error));
            QVERIFY(warnings.isEmpty());
            QCOMPARE(e.prices(), d.prices());
        }
        // damaged prices in the file: a warning, and the defaults
        {
            SqliteConnection db(file, SqliteConnection::Mode::ReadWrite);
            QVERIFY(db.isOpen());
            QVERIFY(db.exec(QStringLiteral("UPDATE project_meta SET value = '{\"vcpu_hour\": -2}' "
                                           "WHERE key = 'cost'")));
        }
        ProjectDocument e;
        QStringList warnings;
        QVERIFY2(e.load(file, &error, &warnings), qPrintable(error));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(QStringLiteral("prices could not be read")),
                 qPrintable(warnings.first()));
        QVERIFY(!e.prices());
    }

    void lintSettingsAreSavedAndSilenceFindings()
    {
        ProjectDocument d;
        Scenario shop = example("shop-microservices.json");
        const QString a = d.addScenario(shop);
        const QString b = d.addScenario(shop);
        const LintReport before = d.lint(a);
        QVERIFY(!before.findings.empty());
        QVERIFY(before.silenced.empty());
        const LintFinding first = before.findings.front();
        QSignalSpy changed(&d, &ProjectDocument::lintSettingsChanged);
        LintSettings settings;
        settings.silenced.append({a, first.rule, first.component, QStringLiteral("Accepted.")});
        settings.thresholds.syncChainMaxHops = 7;
        d.setLintSettings(settings);
        QCOMPARE(changed.count(), 1);
        QVERIFY(d.structureModified());
        d.setLintSettings(settings); // the same: no signal
        QCOMPARE(changed.count(), 1);
        QCOMPARE(d.lint(a).findings.size(), before.findings.size() - 1);
        QCOMPARE(d.lint(a).silenced.size(), std::size_t(1));
        QCOMPARE(d.lint(b).findings.size(), before.findings.size()); // only in scenario a
        QVERIFY(d.lint(QStringLiteral("nope")).findings.empty());

        const QString file = path(QStringLiteral("lint.archsim"));
        QString error;
        QVERIFY2(d.saveAs(file, &error), qPrintable(error));
        {
            ProjectDocument e;
            QStringList warnings;
            QVERIFY2(e.load(file, &error, &warnings), qPrintable(error));
            QVERIFY(warnings.isEmpty());
            QCOMPARE(e.lintSettings(), settings);
            QCOMPARE(e.lint(a).silenced.size(), std::size_t(1));
        }
        // damaged settings in the file: a warning naming the path, and the defaults
        {
            SqliteConnection db(file, SqliteConnection::Mode::ReadWrite);
            QVERIFY(db.isOpen());
            QVERIFY(db.exec(QStringLiteral("UPDATE project_meta SET value = "
                                           "'{\"thresholds\": {\"hot_cache_zipf\": -1}}' "
                                           "WHERE key = 'lint'")));
        }
        ProjectDocument e;
        QStringList warnings;
        QVERIFY2(e.load(file, &error, &warnings), qPrintable(error));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(QStringLiteral("lint settings could not be read"))
                     && warnings.first().contains(QStringLiteral("$.thresholds.hot_cache_zipf")),
                 qPrintable(warnings.first()));
        QCOMPARE(e.lintSettings(), LintSettings{});
    }

    void decisionsAreAddedChangedRemovedAndSaved()
    {
        ProjectDocument d;
        const QString mono = d.addScenario(example("shop-monolith.json"));
        d.addScenario(example("shop-microservices.json"));
        CostPrices prices;
        prices.vcpuHour = 0.5;
        d.setPrices(prices);
        QString error;
        QVERIFY2(d.saveAs(path(QStringLiteral("before.archsim")), &error), qPrintable(error));
        QVERIFY(!d.structureModified());
        QSignalSpy added(&d, &ProjectDocument::decisionAdded);
        QSignalSpy changed(&d, &ProjectDocument::decisionChanged);
        QSignalSpy removed(&d, &ProjectDocument::decisionRemoved);
        Decision decision;
        decision.name = QStringLiteral("Which shop?");
        decision.alternatives = {QStringLiteral("Shop: monolith"),
                                 QStringLiteral("Shop: microservices")};
        const QString id = d.addDecision(decision);
        QVERIFY(!id.isEmpty());
        QCOMPARE(added.count(), 1);
        QVERIFY(d.structureModified());
        QCOMPARE(d.decisions().size(), 1);
        QCOMPARE(d.decisionPosition(id), 0);
        // a second one with the same id gets a fresh one
        decision.id = id;
        const QString second = d.addDecision(decision, 0);
        QVERIFY(second != id);
        QCOMPARE(d.decisionPosition(second), 0);
        QVERIFY(d.removeDecision(second));
        QCOMPARE(removed.count(), 1);
        QVERIFY(!d.removeDecision(QStringLiteral("nope")));

        Decision edited = *d.decision(id);
        QVERIFY(!d.setDecision(edited)); // no change
        edited.questionnaire.teams = 2;
        QVERIFY(d.setDecision(edited));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(d.decision(id)->questionnaire.teams, 2);
        Decision unknown = edited;
        unknown.id = QStringLiteral("nope");
        QVERIFY(!d.setDecision(unknown));

        // the alternatives as they run in the project: the project's prices applied
        Problems problems;
        const auto scenarios = d.decisionScenarios(edited, &problems);
        QVERIFY(scenarios && problems.isEmpty());
        QCOMPARE(scenarios->size(), std::size_t(2));
        QCOMPARE(scenarios->at(0).cost->vcpuHour, std::optional<double>(0.5));
        // measurements kept in the project (only carried here, not computed)
        SavedDecisionEvidence saved;
        saved.alternatives = edited.alternatives;
        saved.simulation = edited.simulation;
        saved.fingerprint = decisionFingerprint(*scenarios);
        saved.measuredAt = QDateTime::currentDateTimeUtc();
        saved.evidence.replications = 2;
        for (const QString &name : edited.alternatives) {
            AlternativeEvidence e;
            e.name = name;
            e.p99Ms = {40, 2};
            saved.evidence.alternatives.push_back(e);
        }
        QSignalSpy evidenceChanged(&d, &ProjectDocument::decisionEvidenceChanged);
        QVERIFY(!d.setDecisionEvidence(QStringLiteral("nope"), saved));
        QVERIFY(d.setDecisionEvidence(id, saved));
        QCOMPARE(evidenceChanged.count(), 1);
        QVERIFY(d.decisionEvidence(edited));

        // renaming an alternative renames it in the decision, its overrides and measurements
        edited.overrides.append(
            {QStringLiteral("fault_isolation"), QStringLiteral("Shop: monolith"), 2, {}});
        QVERIFY(d.setDecision(edited));
        const int changes = int(changed.count());
        QVERIFY(d.renameScenario(mono, QStringLiteral("Renamed")));
        QCOMPARE(changed.count(), changes + 1);
        QCOMPARE(evidenceChanged.count(), 2);
        edited = *d.decision(id);
        QCOMPARE(edited.alternatives.front(), QStringLiteral("Renamed"));
        QCOMPARE(edited.overrides.front().alternative, QStringLiteral("Renamed"));
        QVERIFY(d.decisionScenarios(edited, &problems));
        QCOMPARE(d.savedDecisionEvidence(id)->evidence.alternatives.front().name,
                 QStringLiteral("Renamed"));
        QVERIFY(d.decisionEvidence(edited)); // a rename keeps the measurements
        // an edit of a scenario does not
        const SimulationSettings settings = d.document(mono)->scenario().simulation;
        SimulationSettings longer = settings;
        longer.durationS += 10;
        d.document(mono)->setSimulation(longer);
        QVERIFY(!d.decisionEvidence(edited));
        d.document(mono)->setSimulation(settings);
        QVERIFY(d.decisionEvidence(edited));
        // a decision left with an unknown alternative is reported by its path
        Decision stale = edited;
        stale.alternatives[0] = QStringLiteral("Gone");
        QVERIFY(!d.decisionScenarios(stale, &problems));
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.front().path, QStringLiteral("$.alternatives[0]"));

        const QString file = path(QStringLiteral("decisions.archsim"));
        QVERIFY2(d.saveAs(file, &error), qPrintable(error));
        ProjectDocument e;
        QVERIFY2(e.load(file, &error), qPrintable(error));
        QCOMPARE(e.decisions(), d.decisions());
        QCOMPARE(e.savedDecisionEvidence(id), d.savedDecisionEvidence(id));
        QVERIFY(e.decisionEvidence(*e.decision(id)));
        // measurements of a removed decision are not saved
        QVERIFY(e.removeDecision(id));
        QVERIFY2(e.save(&error), qPrintable(error));
        ProjectDocument f;
        QVERIFY2(f.load(file, &error), qPrintable(error));
        QVERIFY(!f.savedDecisionEvidence(id));
    }

    void plansAreAddedChangedRemovedRenamedAndSaved()
    {
        ProjectDocument d;
        const QString mono = d.addScenario(example("shop-monolith.json"));
        CostPrices prices;
        prices.vcpuHour = 0.5;
        d.setPrices(prices);
        QSignalSpy added(&d, &ProjectDocument::planAdded);
        QSignalSpy changed(&d, &ProjectDocument::planChanged);
        QSignalSpy aboutToBeRemoved(&d, &ProjectDocument::planAboutToBeRemoved);
        QSignalSpy removed(&d, &ProjectDocument::planRemoved);
        Plan plan;
        plan.name = QStringLiteral("Strangle the shop");
        plan.start = QStringLiteral("Shop: monolith");
        PlanStep facade;
        facade.action = PlanAction::Facade;
        plan.steps.append(facade);
        const QString id = d.addPlan(plan);
        QVERIFY(!id.isEmpty());
        QCOMPARE(added.count(), 1);
        QVERIFY(d.structureModified());
        QCOMPARE(d.plans().size(), 1);
        QCOMPARE(d.planPosition(id), 0);
        // a second one with the same id gets a fresh one
        plan.id = id;
        const QString second = d.addPlan(plan, 0);
        QVERIFY(second != id);
        QCOMPARE(d.planPosition(second), 0);
        QVERIFY(d.removePlan(second));
        QCOMPARE(aboutToBeRemoved.count(), 1);
        QCOMPARE(removed.count(), 1);
        QVERIFY(!d.removePlan(QStringLiteral("nope")));
        QCOMPARE(d.planPosition(id), 0);

        Plan edited = *d.plan(id);
        QVERIFY(!d.setPlan(edited)); // no change
        edited.steps.first().latencyMs = 2.0;
        QVERIFY(d.setPlan(edited));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(d.plan(id)->steps.first().latencyMs, std::optional<double>(2.0));
        Plan unknown = edited;
        unknown.id = QStringLiteral("nope");
        QVERIFY(!d.setPlan(unknown));
        QVERIFY(!d.plan(QStringLiteral("nope")));

        // the start as it runs in the project: the project's prices applied
        const auto start = d.planStart(edited);
        QVERIFY(start);
        QCOMPARE(start->name, QStringLiteral("Shop: monolith"));
        QCOMPARE(start->cost->vcpuHour, std::optional<double>(0.5));
        Plan elsewhere = edited;
        elsewhere.start = QStringLiteral("No such scenario");
        QVERIFY(!d.planStart(elsewhere));

        // renaming the start renames the plan's start
        QVERIFY(d.renameScenario(mono, QStringLiteral("Renamed")));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(d.plan(id)->start, QStringLiteral("Renamed"));
        QVERIFY(d.planStart(*d.plan(id)));

        QString error;
        const QString file = path(QStringLiteral("plans.archsim"));
        QVERIFY2(d.saveAs(file, &error), qPrintable(error));
        ProjectDocument e;
        QVERIFY2(e.load(file, &error), qPrintable(error));
        QCOMPARE(e.plans(), d.plans());
    }

    void saveAsChangesThePath()
    {
        ProjectDocument d;
        d.addScenario(example("mm1.json"));
        QString error;
        const QString first = path(QStringLiteral("first.archsim"));
        const QString second = path(QStringLiteral("second.archsim"));
        QVERIFY2(d.saveAs(first, &error), qPrintable(error));
        QVERIFY(backdate(first));
        const FileState firstState = stateOf(first);

        QSignalSpy pathChanged(&d, &ProjectDocument::pathChanged);
        d.addScenario(example("shop-monolith.json"));
        QVERIFY2(d.saveAs(second, &error), qPrintable(error));
        QCOMPARE(d.path(), QFileInfo(second).absoluteFilePath());
        QCOMPARE(pathChanged.count(), 1);
        QCOMPARE(pathChanged.at(0).at(0).toString(), d.path());
        QCOMPARE(d.displayName(), QStringLiteral("second"));

        // save() now goes to the new file only.
        d.addScenario(example("shop-microservices.json"));
        QVERIFY2(d.save(&error), qPrintable(error));
        QCOMPARE(pathChanged.count(), 1);
        QCOMPARE(stateOf(first), firstState);
        QCOMPARE(ProjectStore::load(first).project->scenarios.size(), 1);
        QCOMPARE(ProjectStore::load(second).project->scenarios.size(), 3);
        QCOMPARE(entriesOf(m_dir->path()),
                 (QStringList{QStringLiteral("first.archsim"), QStringLiteral("second.archsim")}));
    }

    void untitledProjectNeedsSaveAs()
    {
        ProjectDocument d;
        d.addScenario(example("mm1.json"));
        QSignalSpy saved(&d, &ProjectDocument::saved);
        QString error;
        QVERIFY(!d.save(&error));
        QVERIFY2(error.contains(QStringLiteral("Save As")), qPrintable(error));
        QVERIFY(!d.saveAs(QString(), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(d.structureModified());
        QVERIFY(d.isUntitled());
        QCOMPARE(saved.count(), 0);
        QVERIFY(entriesOf(m_dir->path()).isEmpty());
    }

    void failedLoadLeavesEverythingUnchanged_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << "missing"
                                 << "does not exist";
        QTest::newRow("empty") << "empty"
                               << "empty";
        QTest::newRow("text") << "text"
                              << "not an ArchSim project";
        QTest::newRow("damaged") << "damaged"
                                 << "damaged";
        QTest::newRow("foreign") << "foreign"
                                 << "not an ArchSim project";
        QTest::newRow("newer") << "newer"
                               << "newer version of ArchSim";
    }
    void failedLoadLeavesEverythingUnchanged()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        const QString good = savedProject(QStringLiteral("good.archsim"));
        ProjectDocument d;
        QString error;
        QVERIFY2(d.load(good, &error), qPrintable(error));
        // Unsaved work of both kinds.
        d.addScenario(example("shop-microservices.json"));
        Document *doc = d.document(d.scenarioIds().at(0));
        doc->setPosition(doc->scenario().components.at(0).id, QPointF(1, 2));
        const Project before = d.project();
        const QStringList ids = d.scenarioIds();
        QList<Document *> documents;
        for (const QString &id : ids)
            documents << d.document(id);

        const QString bad = path(QStringLiteral("bad.archsim"));
        if (kind == QLatin1String("empty")) {
            QVERIFY(writeBytes(bad, {}));
        } else if (kind == QLatin1String("text")) {
            QVERIFY(writeBytes(bad, TestSupport::readExample(QStringLiteral("mm1.json"))));
        } else if (kind == QLatin1String("damaged")) {
            QByteArray bytes = stateOf(savedProject(QStringLiteral("bad.archsim"))).bytes;
            QVERIFY(bytes.size() >= 4 * 4096);
            bytes.truncate(bytes.size() / 2);
            QVERIFY(writeBytes(bad, bytes));
        } else if (kind == QLatin1String("foreign")) {
            QVERIFY(execOn(bad, QStringLiteral("CREATE TABLE contacts (name TEXT)")));
        } else if (kind == QLatin1String("newer")) {
            savedProject(QStringLiteral("bad.archsim"));
            QVERIFY(execOn(bad, QStringLiteral("PRAGMA user_version = 999")));
        }
        if (kind != QLatin1String("missing"))
            QVERIFY(backdate(bad));
        const FileState badBefore = stateOf(bad);
        const FileState goodBefore = stateOf(good);
        const QStringList entries = entriesOf(m_dir->path());

        QSignalSpy reset(&d, &ProjectDocument::projectAboutToBeReset);
        QSignalSpy pathChanged(&d, &ProjectDocument::pathChanged);
        QSignalSpy modified(&d, &ProjectDocument::modifiedChanged);
        error.clear();
        QStringList warnings{QStringLiteral("untouched")};
        QVERIFY(!d.load(bad, &error, &warnings));
        qInfo("%s", qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.contains(QFileInfo(bad).fileName()), qPrintable(error));
        if (kind != QLatin1String("missing"))
            QVERIFY2(error.contains(QStringLiteral("The file was not changed.")),
                     qPrintable(error));
        QCOMPARE(warnings, QStringList{QStringLiteral("untouched")});

        QCOMPARE(d.project(), before);
        QCOMPARE(d.path(), QFileInfo(good).absoluteFilePath());
        QVERIFY(d.structureModified());
        QCOMPARE(d.scenarioIds(), ids);
        for (qsizetype i = 0; i < ids.size(); ++i)
            QCOMPARE(d.document(ids.at(i)), documents.at(i));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(pathChanged.count(), 0);
        QCOMPARE(modified.count(), 0);
        QCOMPARE(stateOf(bad), badBefore);
        QCOMPARE(stateOf(good), goodBefore);
        QCOMPARE(entriesOf(m_dir->path()), entries);
    }

    void loadReplacesEveryDocument()
    {
        QString mm1Id;
        const QString file = savedProject(QStringLiteral("p.archsim"), &mm1Id);
        ProjectDocument d;
        const QString old = d.addScenario(example("shop-microservices.json"));
        QPointer<Document> oldDoc = d.document(old);
        QStringList log;
        connect(&d, &ProjectDocument::projectAboutToBeReset, this, [&] {
            log << QStringLiteral("about to reset, old document %1")
                       .arg(d.document(old) ? QStringLiteral("alive") : QStringLiteral("gone"));
        });
        connect(&d, &ProjectDocument::projectReset, this, [&] {
            log << QStringLiteral("reset, %1 scenarios").arg(d.scenarioCount());
        });
        connect(&d, &ProjectDocument::pathChanged, this, [&](const QString &p) {
            log << QStringLiteral("path ") + QFileInfo(p).fileName();
        });
        connect(&d, &ProjectDocument::modifiedChanged, this, [&](bool m) {
            log << (m ? QStringLiteral("modified") : QStringLiteral("unmodified"));
        });
        QString error;
        QVERIFY2(d.load(file, &error), qPrintable(error));
        QCOMPARE(log,
                 (QStringList{QStringLiteral("about to reset, old document alive"),
                              QStringLiteral("reset, 2 scenarios"),
                              QStringLiteral("path p.archsim"),
                              QStringLiteral("unmodified")}));
        QVERIFY(oldDoc.isNull());
        QVERIFY(!d.contains(old));
        QVERIFY(d.document(mm1Id));
        QCOMPARE(d.scenarioIdOf(d.document(mm1Id)), mm1Id);
    }

    void failedSaveLeavesEverythingUnchanged()
    {
        const QString file = savedProject(QStringLiteral("mine.archsim"));
        const QString foreign = path(QStringLiteral("contacts.db"));
        QVERIFY(execOn(foreign, QStringLiteral("CREATE TABLE contacts (name TEXT)")));
        QVERIFY(backdate(foreign));
        const FileState foreignBefore = stateOf(foreign);

        ProjectDocument d;
        QString error;
        QVERIFY2(d.load(file, &error), qPrintable(error));
        d.addScenario(example("shop-microservices.json"));
        const Project before = d.project();
        QSignalSpy saved(&d, &ProjectDocument::saved);
        QSignalSpy pathChanged(&d, &ProjectDocument::pathChanged);
        QVERIFY(!d.saveAs(foreign, &error));
        qInfo("%s", qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("not changed")), qPrintable(error));
        QCOMPARE(stateOf(foreign), foreignBefore);
        QCOMPARE(d.path(), QFileInfo(file).absoluteFilePath());
        QVERIFY(d.structureModified());
        QCOMPARE(d.project(), before);
        QCOMPARE(saved.count(), 0);
        QCOMPARE(pathChanged.count(), 0);
        QVERIFY(!d.saveAs(path(QStringLiteral("no/such/folder/x.archsim")), &error));
        QCOMPARE(d.path(), QFileInfo(file).absoluteFilePath());
    }

    void readOnlyFileIsNotSavedOver()
    {
        if (PersistenceTest::runningAsRoot())
            QSKIP("every file is writable for root");
        const QString file = savedProject(QStringLiteral("ro.archsim"));
        QVERIFY(QFile::setPermissions(file, QFile::ReadOwner));
        ProjectDocument d;
        QString error;
        QVERIFY2(d.load(file, &error), qPrintable(error));
        QVERIFY(d.isReadOnly());
        d.addScenario(example("shop-microservices.json"));
        const FileState before = stateOf(file);
        QVERIFY(!d.save(&error));
        QVERIFY2(error.contains(QStringLiteral("read-only")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("Save As")), qPrintable(error));
        QCOMPARE(stateOf(file), before);
        QVERIFY(d.structureModified());
        const QString copy = path(QStringLiteral("copy.archsim"));
        QVERIFY2(d.saveAs(copy, &error), qPrintable(error));
        QVERIFY(!d.isReadOnly());
        QCOMPARE(d.path(), QFileInfo(copy).absoluteFilePath());
        QCOMPARE(stateOf(file), before);
    }

    // --- Saved runs ---------------------------------------------------------------------------

    void runsAreAddedRelabelledAndRemoved()
    {
        ProjectDocument d;
        const QString a = d.addScenario(example("mm1.json"));
        QSignalSpy added(&d, &ProjectDocument::runAdded);
        QSignalSpy changed(&d, &ProjectDocument::runChanged);
        QSignalSpy removed(&d, &ProjectDocument::runRemoved);

        const QString r1 = d.addRun(a, m_run, QStringLiteral("baseline"));
        SavedRun given = savedRunFromResult(m_run, QStringLiteral("given"));
        given.id = r1; // already used: replaced
        const QString r2 = d.addRun(a, given);
        QVERIFY(!r1.isEmpty() && !r2.isEmpty() && r1 != r2);
        QCOMPARE(added.count(), 2);
        QCOMPARE(added.at(1).at(0).toString(), a);
        QCOMPARE(added.at(1).at(1).toString(), r2);
        const QList<SavedRun> runs = d.runs(a);
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.at(0).id, r1);
        QCOMPARE(runs.at(0).label, QStringLiteral("baseline"));
        QCOMPARE(runs.at(0).parameters.seed, m_run.seed);
        QCOMPARE(runs.at(0).parameters.durationS, m_run.durationS);
        QCOMPARE(runs.at(0).results, resultsToJson(m_run));
        QCOMPARE(runs.at(1).label, QStringLiteral("given"));

        QVERIFY(d.renameRun(a, r1, QStringLiteral("before the cache")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(1).toString(), r1);
        QVERIFY(!d.renameRun(a, r1, QStringLiteral("before the cache")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(d.runs(a).at(0).label, QStringLiteral("before the cache"));

        QVERIFY(d.removeRun(a, r1));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toString(), r1);
        QCOMPARE(d.runs(a).size(), 1);
        QCOMPARE(d.runs(a).at(0).id, r2);
        QVERIFY(!d.removeRun(a, r1));
        QCOMPARE(d.project().scenarios.at(0).runs, d.runs(a));
    }

    void savedRunReopensWithoutRunning()
    {
        ProjectDocument d;
        const QString a = d.addScenario(example("mm1.json"));
        const QString runId = d.addRun(a, m_run, QStringLiteral("look"));
        QString error;
        std::optional<Sim::RunResult> r = d.runResult(a, runId, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(resultsToJson(*r), d.runs(a).front().results);
        QCOMPARE(r->request("_all")->completed, m_run.request("_all")->completed);
        QCOMPARE(r->seed, m_run.seed);

        const QString file = path(QStringLiteral("runs.archsim"));
        QVERIFY2(d.saveAs(file, &error), qPrintable(error));
        ProjectDocument e;
        QVERIFY2(e.load(file, &error), qPrintable(error));
        r = e.runResult(a, runId, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(resultsToJson(*r), resultsToJson(m_run));
        QCOMPARE(r->request("_all")->latencyMs.p99, m_run.request("_all")->latencyMs.p99);

        error.clear();
        QVERIFY(!e.runResult(a, QStringLiteral("nope"), &error));
        QVERIFY2(error.contains(QStringLiteral("no saved run")), qPrintable(error));
        error.clear();
        QVERIFY(!e.runResult(QStringLiteral("nope"), runId, &error));
        QVERIFY2(error.contains(QStringLiteral("no scenario")), qPrintable(error));

        // Results JSON that does not read is an error, not a crash.
        SavedRun broken = savedRunFromResult(m_run);
        broken.results = QJsonObject{{QStringLiteral("format"), QStringLiteral("something")}};
        const QString brokenId = e.addRun(a, broken);
        error.clear();
        QVERIFY(!e.runResult(a, brokenId, &error));
        QVERIFY2(error.contains(QStringLiteral("cannot be read")), qPrintable(error));
    }

    void comparisonsAreSavedReopenedAndRemoved()
    {
        ProjectDocument d;
        const QString a = d.addScenario(example("mm1.json"));
        Scenario faster = example("mm1.json");
        faster.name = QStringLiteral("faster");
        faster.components[0].service.handlers[0].steps[0].duration.mean = 0.5;
        const QString b = d.addScenario(faster);
        CompareOptions options;
        options.replications = 2;
        options.durationS = 10;
        options.warmupS = 1;
        Problems problems;
        const std::optional<Comparison> compared
            = runComparison({{d.scenarioName(a), d.document(a)->scenario()},
                             {d.scenarioName(b), d.document(b)->scenario()}},
                            options,
                            &problems);
        QVERIFY(compared);

        QSignalSpy added(&d, &ProjectDocument::comparisonAdded);
        QSignalSpy removed(&d, &ProjectDocument::comparisonRemoved);
        const QString id = d.addComparison(*compared, QStringLiteral("first"));
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.first().first().toString(), id);
        QVERIFY(d.structureModified());
        QCOMPARE(d.comparisons().size(), 1);
        QCOMPARE(d.savedComparison(id)->label, QStringLiteral("first"));

        const QString file = path(QStringLiteral("compare.archsim"));
        QString error;
        QVERIFY2(d.saveAs(file, &error), qPrintable(error));
        ProjectDocument e;
        QVERIFY2(e.load(file, &error), qPrintable(error));
        QCOMPARE(e.comparisons(), d.comparisons());
        std::optional<Comparison> back = e.comparison(id, &error);
        QVERIFY2(back, qPrintable(error));
        // as the file has it (NaN figures come back as null)
        const QJsonObject stored
            = QJsonDocument::fromJson(QJsonDocument(comparisonToJson(*compared)).toJson()).object();
        QCOMPARE(comparisonToJson(*back), stored);
        QCOMPARE(back->alternatives[1].name, QStringLiteral("faster"));
        // like a run, the result of a button and not an edit of the project
        QVERIFY(!e.structureModified());
        QVERIFY(e.addComparison(*compared) != id);
        QCOMPARE(e.newRunsOnly(), 1);

        error.clear();
        QVERIFY(!e.comparison(QStringLiteral("nope"), &error));
        QVERIFY2(error.contains(QStringLiteral("no saved comparison")), qPrintable(error));
        SavedComparison broken;
        broken.comparison = QJsonObject{{QStringLiteral("format"), QStringLiteral("x")}};
        const QString brokenId = e.addComparison(broken);
        QVERIFY(!brokenId.isEmpty() && brokenId != id);
        QVERIFY(!e.comparison(brokenId, &error));
        QVERIFY2(error.contains(QStringLiteral("cannot be read")), qPrintable(error));

        QVERIFY(d.removeComparison(id));
        QCOMPARE(removed.size(), 1);
        QVERIFY(!d.removeComparison(id));
        QVERIFY(d.comparisons().isEmpty());
    }

    // --- Damaged parts --------------------------------------------------------------------------

    void unreadableScenarioIsKeptAndNotEditable()
    {
        QString mm1Id;
        QString monoId;
        const QString file = savedProject(QStringLiteral("parts.archsim"), &mm1Id, &monoId);
        QVERIFY(execOn(file,
                       QStringLiteral("UPDATE scenarios SET json = 'not json {' "
                                      "WHERE id = '%1'")
                           .arg(monoId)));
        QVERIFY(execOn(file, QStringLiteral("UPDATE runs SET results_json = '{\"format\": x'")));
        ProjectDocument d;
        QString error;
        QStringList warnings;
        QVERIFY2(d.load(file, &error, &warnings), qPrintable(error));
        QCOMPARE(warnings.size(), 2);
        QCOMPARE(d.scenarioIds(), (QStringList{mm1Id, monoId}));
        QVERIFY(d.isReadable(mm1Id));
        QVERIFY(!d.isReadable(monoId));
        QVERIFY(!d.document(monoId));
        QCOMPARE(d.scenarioName(monoId), QStringLiteral("Shop: monolith"));
        QVERIFY(hasErrors(d.loadProblems(monoId)));
        QVERIFY(!hasErrors(d.loadProblems(mm1Id)));

        // Not editable, so not renamed, duplicated or exported; still moved and removed.
        QVERIFY(!d.renameScenario(monoId, QStringLiteral("x")));
        QVERIFY(d.duplicateScenario(monoId).isEmpty());
        QVERIFY(!d.exportScenario(monoId, path(QStringLiteral("mono.json")), &error));
        QVERIFY2(error.contains(QStringLiteral("could not be read")), qPrintable(error));
        QVERIFY(!QFile::exists(path(QStringLiteral("mono.json"))));
        QVERIFY(d.moveScenario(monoId, 0));

        // The saved run whose results are damaged says so.
        const QString runId = d.runs(mm1Id).value(0).id;
        QVERIFY(!d.runResult(mm1Id, runId, &error));
        QVERIFY2(error.contains(QStringLiteral("could not be read")), qPrintable(error));

        // Saved elsewhere and loaded again: the damaged texts are the same bytes.
        const QString again = path(QStringLiteral("again.archsim"));
        QVERIFY2(d.saveAs(again, &error), qPrintable(error));
        const ProjectLoad reloaded = ProjectStore::load(again);
        QVERIFY(reloaded.ok());
        QCOMPARE(*reloaded.project->scenario(monoId)->unreadableJson, QByteArray("not json {"));
        QCOMPARE(*reloaded.project->scenario(mm1Id)->runs.value(0).unreadableResults,
                 QByteArray("{\"format\": x"));
        QCOMPARE(reloaded.project->scenarios.at(0).id, monoId);
        QCOMPARE(comparable(*reloaded.project), comparable(d.project()));
    }

    // --- Structure modified ------------------------------------------------------------------

    void structureModifiedIsSetAndCleared()
    {
        ProjectDocument d;
        QSignalSpy modified(&d, &ProjectDocument::modifiedChanged);
        const QString file = path(QStringLiteral("m.archsim"));
        QString error;
        const QString a = d.addScenario(example("mm1.json"));
        QVERIFY(d.structureModified());
        QCOMPARE(modified.count(), 1);
        QCOMPARE(modified.at(0).at(0).toBool(), true);
        QVERIFY2(d.saveAs(file, &error), qPrintable(error));
        QVERIFY(!d.structureModified());
        QCOMPARE(modified.count(), 2);
        QCOMPARE(modified.at(1).at(0).toBool(), false);
        QString runId;
        QString b;

        // Every structural change sets it; save clears it.
        const QList<std::pair<const char *, std::function<bool()>>> changes{
            {"add",
             [&] {
                 b = d.addScenario(example("shop-monolith.json"));
                 return !b.isEmpty();
             }},
            {"rename", [&] { return d.renameScenario(b, QStringLiteral("Mono")); }},
            {"duplicate", [&] { return !d.duplicateScenario(b).isEmpty(); }},
            {"move", [&] { return d.moveScenario(b, 0); }},
            {"add run",
             [&] {
                 runId = d.addRun(a, m_run);
                 return !runId.isEmpty();
             }},
            {"rename run", [&] { return d.renameRun(a, runId, QStringLiteral("r")); }},
            {"remove run", [&] { return d.removeRun(a, runId); }},
            {"remove", [&] { return d.removeScenario(b); }},
            {"metadata",
             [&] {
                 d.setMetadata(QStringLiteral("Named"), QString());
                 return true;
             }},
        };
        for (const auto &[what, change] : changes) {
            const qsizetype before = modified.count();
            QVERIFY2(change(), what);
            QVERIFY2(d.structureModified(), what);
            QCOMPARE(modified.count(), before + 1);
            QVERIFY2(d.save(&error), qPrintable(error));
            QVERIFY2(!d.structureModified(), what);
            QCOMPARE(modified.count(), before + 2);
        }

        // The same metadata again is no change; an edit in a document is not structural.
        d.setMetadata(QStringLiteral("Named"), QString());
        d.document(a)->setPosition(QStringLiteral("server"), QPointF(3, 3));
        QVERIFY(!d.structureModified());

        // Loading and setProject() start unmodified.
        d.addScenario(example("mm1.json"));
        QVERIFY2(d.load(file, &error), qPrintable(error));
        QVERIFY(!d.structureModified());
        d.addScenario(example("mm1.json"));
        d.setProject(Project());
        QVERIFY(!d.structureModified());
        QVERIFY(d.isUntitled());
    }

    // --- Crash recovery -------------------------------------------------------------------------

    void untitledProjectRecovers()
    {
        ProjectDocument d;
        const QString a = d.addScenario(example("mm1.json"));
        d.document(a)->setPosition(QStringLiteral("server"), QPointF(40, 50));
        QString error;
        QVERIFY(!ProjectDocument::findRecovery(QString()));
        QCOMPARE(d.recoveryPath(),
                 QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                     + QStringLiteral("/recovery/untitled.archsim.recovery"));
        QVERIFY2(d.writeRecovery(&error), qPrintable(error));
        QVERIFY(QFile::exists(d.recoveryPath()));
        QVERIFY(d.isUntitled()); // writing a recovery is not a save
        QVERIFY(d.structureModified());

        const std::optional<RecoveryInfo> found = ProjectDocument::findRecovery(QString());
        QVERIFY(found);
        QCOMPARE(found->path, QFileInfo(d.recoveryPath()).absoluteFilePath());
        QVERIFY(found->projectPath.isEmpty());
        QVERIFY(found->newerThanProject);

        ProjectDocument r;
        QSignalSpy reset(&r, &ProjectDocument::projectReset);
        QVERIFY2(r.openRecovery(*found, &error), qPrintable(error));
        QCOMPARE(reset.count(), 1);
        QVERIFY(r.isUntitled());
        QVERIFY(r.structureModified()); // none of it is in a project file
        QCOMPARE(comparable(r.project()), comparable(d.project()));
        QCOMPARE(r.document(a)->layout().positions.value(QStringLiteral("server")),
                 QPointF(40, 50));

        // Saving it somewhere makes the copy obsolete: it goes.
        QVERIFY2(r.saveAs(path(QStringLiteral("rescued.archsim")), &error), qPrintable(error));
        QVERIFY(!ProjectDocument::findRecovery(QString()));
        QVERIFY(!QFile::exists(d.recoveryPath()));

        // discardRecovery() removes the copy on a clean close.
        QVERIFY2(d.writeRecovery(&error), qPrintable(error));
        QVERIFY(ProjectDocument::findRecovery(QString()));
        QVERIFY(d.discardRecovery(&error));
        QVERIFY(!ProjectDocument::findRecovery(QString()));
    }

    void savedProjectRecovers()
    {
        QString mm1Id;
        const QString file = savedProject(QStringLiteral("work.archsim"), &mm1Id);
        ProjectDocument d;
        QString error;
        QVERIFY2(d.load(file, &error), qPrintable(error));
        QVERIFY(backdate(file));
        const FileState fileBefore = stateOf(file);
        d.document(mm1Id)->setPosition(QStringLiteral("server"), QPointF(-9, 9));
        d.renameRun(mm1Id, d.runs(mm1Id).value(0).id, QStringLiteral("relabelled"));
        QVERIFY2(d.writeRecovery(&error), qPrintable(error));
        QCOMPARE(d.recoveryPath(), m_dir->filePath(QStringLiteral(".work.archsim.recovery")));
        QCOMPARE(stateOf(file), fileBefore); // the project file is not touched

        const std::optional<RecoveryInfo> found = ProjectDocument::findRecovery(file);
        QVERIFY(found);
        QCOMPARE(found->projectPath, QFileInfo(file).absoluteFilePath());
        QVERIFY(found->newerThanProject);

        ProjectDocument r;
        QVERIFY2(r.openRecovery(*found, &error), qPrintable(error));
        QCOMPARE(r.path(), QFileInfo(file).absoluteFilePath());
        QVERIFY(r.structureModified());
        QCOMPARE(r.document(mm1Id)->layout().positions.value(QStringLiteral("server")),
                 QPointF(-9, 9));
        QCOMPARE(r.runs(mm1Id).value(0).label, QStringLiteral("relabelled"));
        QCOMPARE(comparable(r.project()), comparable(d.project()));
        QCOMPARE(stateOf(file), fileBefore);

        // A save writes the project file and discards the copy.
        QVERIFY2(r.save(&error), qPrintable(error));
        QVERIFY(!r.structureModified());
        QVERIFY(!ProjectDocument::findRecovery(file));
        QCOMPARE(entriesOf(m_dir->path()), QStringList{QStringLiteral("work.archsim")});
        QCOMPARE(ProjectStore::load(file).project->scenario(mm1Id)->layout.positions.value(
                     QStringLiteral("server")),
                 QPointF(-9, 9));

        // A recovery file that does not open leaves the project alone.
        const QString junk = path(QStringLiteral("junk.recovery"));
        QVERIFY(writeBytes(junk, "junk"));
        const Project before = r.project();
        RecoveryInfo bad = *found;
        bad.path = junk;
        QVERIFY(!r.openRecovery(bad, &error));
        QVERIFY2(error.contains(QStringLiteral("not an ArchSim project")), qPrintable(error));
        QCOMPARE(r.project(), before);
        QVERIFY(!r.structureModified());
    }

    // --- Import and export -------------------------------------------------------------------

    void importExportRoundTrip()
    {
        ProjectDocument d;
        const Scenario micro = example("shop-microservices.json");
        const Layout layout = layoutFor(micro, 30);
        const QString a = d.addScenario(micro, layout);
        const QString file = path(QStringLiteral("shop.json"));
        QString error;
        QVERIFY2(d.exportScenario(a, file, &error), qPrintable(error));
        const QByteArray exported = stateOf(file).bytes;
        QVERIFY(exported.contains("\"ui\""));

        QSignalSpy added(&d, &ProjectDocument::scenarioAdded);
        Problems problems{Problem()};
        const QString b = d.importScenario(file, &problems, 0);
        QVERIFY(!b.isEmpty() && b != a);
        QVERIFY2(!hasErrors(problems), qPrintable(problems.value(0).toString()));
        QCOMPARE(added.count(), 1);
        QCOMPARE(d.scenarioIds(), (QStringList{b, a}));
        QCOMPARE(withoutUi(d.document(b)->scenario()), micro);
        QCOMPARE(d.document(b)->layout().positions, layout.positions);
        QCOMPARE(d.scenario(b)->layout.positions, toScenarioLayout(layout).positions);

        // Exported again, the file is the same.
        const QString second = path(QStringLiteral("again.json"));
        QVERIFY2(d.exportScenario(b, second, &error), qPrintable(error));
        QCOMPARE(stateOf(second).bytes, exported);
    }

    void importWithMistakesIsAddedWithItsProblems()
    {
        Scenario wrong = example("mm1.json");
        wrong.simulation.durationS = -1;
        const QString file = path(QStringLiteral("wrong.json"));
        QVERIFY(writeBytes(file, serializeScenario(wrong)));
        ProjectDocument d;
        Problems problems;
        const QString id = d.importScenario(file, &problems);
        QVERIFY(!id.isEmpty());
        QVERIFY(hasErrors(problems));
        QCOMPARE(d.loadProblems(id), problems);
        QVERIFY(hasErrors(d.document(id)->problems()));
        QCOMPARE(d.document(id)->scenario().simulation.durationS, -1.0);
    }

    void importRefusesWhatIsNoScenario_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("not json") << QByteArray("this is no scenario {");
        QTest::newRow("array") << QByteArray("[1, 2]");
        QTest::newRow("newer version") << TestSupport::readExample(QStringLiteral("mm1.json"))
                                              .replace("\"version\": 1", "\"version\": 2");
        QTest::newRow("other format") << TestSupport::readExample(QStringLiteral("mm1.json"))
                                             .replace("\"archsim-scenario\"", "\"something-else\"");
        QTest::newRow("missing file") << QByteArray();
    }
    void importRefusesWhatIsNoScenario()
    {
        QFETCH(QByteArray, text);
        const QString file = path(QStringLiteral("in.json"));
        if (!text.isEmpty())
            QVERIFY(writeBytes(file, text));
        ProjectDocument d;
        const QString a = d.addScenario(example("mm1.json"));
        QSignalSpy added(&d, &ProjectDocument::scenarioAdded);
        Problems problems;
        QVERIFY(d.importScenario(file, &problems).isEmpty());
        QVERIFY(hasErrors(problems));
        qInfo("%s", qPrintable(problems.front().toString()));
        QCOMPARE(added.count(), 0);
        QCOMPARE(d.scenarioIds(), QStringList{a});
    }

    void exportFailureIsReported()
    {
        ProjectDocument d;
        const QString a = d.addScenario(example("mm1.json"));
        QString error;
        QVERIFY(!d.exportScenario(a, path(QStringLiteral("missing/folder/x.json")), &error));
        QVERIFY2(error.contains(QStringLiteral("not changed")), qPrintable(error));
        QVERIFY(!d.exportScenario(QStringLiteral("nope"), path(QStringLiteral("x.json")), &error));
        QVERIFY2(error.contains(QStringLiteral("no scenario")), qPrintable(error));
        QVERIFY(entriesOf(m_dir->path()).isEmpty());
    }

    // --- The first-launch project ------------------------------------------------------------

    void exampleProjectFollowsOrderTxt()
    {
        const QString folder = TestSupport::sourcePath(QStringLiteral("resources/examples"));
        QStringList problems;
        const Project p = ProjectDocument::exampleProject(folder, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const QStringList files = QDir(folder).entryList({QStringLiteral("*.json")}, QDir::Files);
        QCOMPARE(p.scenarios.size(), files.size());

        // order.txt, one file name a line: the scenarios come in that order.
        QStringList expected;
        QFile order(QDir(folder).filePath(QStringLiteral("order.txt")));
        QVERIFY(order.open(QIODevice::ReadOnly | QIODevice::Text));
        while (!order.atEnd()) {
            const QString line = QString::fromUtf8(order.readLine()).trimmed();
            if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
                expected << TestSupport::loadExample(line).name;
        }
        QStringList names;
        for (const ProjectScenario &s : p.scenarios) {
            names << s.scenario.name;
            QVERIFY(s.isReadable());
            QVERIFY(!s.id.isEmpty());
        }
        QCOMPARE(names.mid(0, 3),
                 (QStringList{QStringLiteral("M/M/1 check"),
                              QStringLiteral("Shop: monolith"),
                              QStringLiteral("Shop: microservices")}));
        QCOMPARE(names.mid(0, expected.size()), expected);
        QVERIFY(!p.metadata.name.isEmpty());
        // the example decision over the two shops, for a small team
        QCOMPARE(p.decisions.size(), 1);
        QCOMPARE(p.decisions.front().name, QStringLiteral("Shop: monolith or microservices?"));
        QCOMPARE(p.decisions.front().alternatives,
                 (QStringList{QStringLiteral("Shop: monolith"),
                              QStringLiteral("Shop: microservices")}));
        QCOMPARE(p.decisions.front().questionnaire.developers, 3);
        QCOMPARE(p.decisions.front().questionnaire.teams, 1);

        // It opens as an untitled, unmodified project that saves like any other.
        ProjectDocument d;
        d.setProject(p);
        QVERIFY(d.isUntitled());
        QVERIFY(!d.structureModified());
        QCOMPARE(d.scenarioCount(), int(p.scenarios.size()));
        QCOMPARE(d.document(p.scenarios.at(0).id)->scenario(), example("mm1.json"));
        QString error;
        QVERIFY2(d.saveAs(path(QStringLiteral("examples.archsim")), &error), qPrintable(error));
        QCOMPARE(comparable(*ProjectStore::load(d.path()).project), comparable(d.project()));
    }

    void exampleProjectFromTexts()
    {
        QStringList problems;
        const Project p
            = ProjectDocument::exampleProject({TestSupport::readExample(QStringLiteral("mm1.json")),
                                               QByteArray("garbage"),
                                               TestSupport::readExample(
                                                   QStringLiteral("shop-monolith.json"))},
                                              &problems);
        QCOMPARE(p.scenarios.size(), 2);
        QCOMPARE(p.scenarios.at(0).scenario, example("mm1.json"));
        QCOMPARE(p.scenarios.at(1).scenario, example("shop-monolith.json"));
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.front().contains(QStringLiteral("example 2")),
                 qPrintable(problems.front()));
    }

    void setProjectMakesIdsUnique()
    {
        Project p;
        ProjectScenario s = ProjectScenario::create(example("mm1.json"));
        s.id = QStringLiteral("same");
        s.runs = {savedRunFromResult(m_run), savedRunFromResult(m_run)};
        s.runs[1].id = s.runs[0].id;
        p.scenarios = {s, s, s};
        p.scenarios[2].id.clear();
        ProjectDocument d;
        d.setProject(p);
        const QStringList ids = d.scenarioIds();
        QCOMPARE(ids.size(), 3);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 3);
        QCOMPARE(ids.at(0), QStringLiteral("same"));
        QSet<QString> runIds;
        for (const QString &id : ids) {
            QVERIFY(!id.isEmpty());
            QVERIFY(d.document(id));
            for (const SavedRun &r : d.runs(id))
                runIds.insert(r.id);
        }
        QCOMPARE(runIds.size(), 6);
        QString error;
        QVERIFY2(d.saveAs(path(QStringLiteral("unique.archsim")), &error), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_ProjectDocument)
#include "tst_projectdocument.moc"
