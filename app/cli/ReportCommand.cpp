// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli report (docs/cli.md, docs/report.md): wires the report's data (model) to its
// PDF (ui/report). Needs a QApplication: main() makes one, on the offscreen platform unless
// QT_QPA_PLATFORM says otherwise, so that it runs on a machine without a display.
#include "ReportCommand.h"

#include "ProjectDocument.h"
#include "ReportBuilder.h"
#include "ReportData.h"
#include "ScenarioIo.h"

#include <QFileInfo>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {

enum Exit { ExitOk = 0, ExitRunFailed = 1, ExitBadInput = 2, ExitCancelled = 130 };

std::atomic<bool> g_reportCancel{false};

void onReportSigint(int)
{
    g_reportCancel.store(true);
}

void err(const QString &line)
{
    std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
}

} // namespace

int cmdReport(const QStringList &args)
{
    QString target, out;
    Model::ReportSettings settings = Model::ReportSettings::defaults();
    int threads = 0;
    bool quiet = false;
    QStringList scenarios;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        static const QStringList valued = {QStringLiteral("--scenario"),
                                           QStringLiteral("--compare"),
                                           QStringLiteral("--capacity"),
                                           QStringLiteral("--capacity-slo"),
                                           QStringLiteral("--decision"),
                                           QStringLiteral("--plan"),
                                           QStringLiteral("--replications"),
                                           QStringLiteral("--out"),
                                           QStringLiteral("--title"),
                                           QStringLiteral("--author"),
                                           QStringLiteral("--paper"),
                                           QStringLiteral("--sections"),
                                           QStringLiteral("--threads")};
        if (valued.contains(a)) {
            if (i + 1 >= args.size()) {
                err(QStringLiteral("error: %1 needs a value").arg(a));
                return ExitBadInput;
            }
            const QString v = args.at(++i);
            bool ok = true;
            if (a == QLatin1String("--scenario")) {
                scenarios << v;
            } else if (a == QLatin1String("--compare")) {
                settings.compare = v.split(QLatin1Char(','), Qt::SkipEmptyParts);
                for (QString &name : settings.compare)
                    name = name.trimmed();
                if (settings.compare.size() < 2) {
                    err(QStringLiteral("error: --compare needs two or more scenario names, "
                                       "separated by commas, e.g. --compare 'Shop: monolith,Shop: "
                                       "microservices'"));
                    return ExitBadInput;
                }
            } else if (a == QLatin1String("--capacity")) {
                settings.capacity = v.split(QLatin1Char(','), Qt::SkipEmptyParts);
                for (QString &name : settings.capacity)
                    name = name.trimmed();
                ok = !settings.capacity.isEmpty();
            } else if (a == QLatin1String("--capacity-slo")) {
                settings.capacitySlo = v.trimmed();
                ok = !settings.capacitySlo.isEmpty();
            } else if (a == QLatin1String("--decision")) {
                settings.decision = v;
            } else if (a == QLatin1String("--plan")) {
                settings.plan = v;
            } else if (a == QLatin1String("--replications")) {
                settings.replications = v.toInt(&ok);
                ok = ok && settings.replications >= 1 && settings.replications <= 1000;
            } else if (a == QLatin1String("--threads")) {
                threads = v.toInt(&ok);
                ok = ok && threads >= 0;
            } else if (a == QLatin1String("--out")) {
                out = v;
            } else if (a == QLatin1String("--title")) {
                settings.title = v;
            } else if (a == QLatin1String("--author")) {
                settings.author = v;
            } else if (a == QLatin1String("--paper")) {
                settings.paper = v.toLower();
                ok = settings.paper == QLatin1String("a4")
                     || settings.paper == QLatin1String("letter");
            } else if (a == QLatin1String("--sections")) {
                settings.sections = v.split(QLatin1Char(','), Qt::SkipEmptyParts);
                for (QString &s : settings.sections) {
                    s = s.trimmed();
                    if (!Model::reportSection(s)) {
                        QStringList ids;
                        for (const Model::ReportSectionInfo &info : Model::reportSections())
                            ids << QLatin1String(info.id);
                        err(QStringLiteral("error: --sections: unknown section '%1'; the "
                                           "sections are %2")
                                .arg(s, ids.join(QStringLiteral(","))));
                        return ExitBadInput;
                    }
                }
            }
            if (!ok) {
                err(QStringLiteral("error: %1: '%2' is not valid here (%3)")
                        .arg(a,
                             v,
                             a == QLatin1String("--paper") ? QStringLiteral("use a4 or letter")
                             : a == QLatin1String("--capacity")
                                 ? QStringLiteral("name one or more scenarios, separated by "
                                                  "commas")
                             : a == QLatin1String("--capacity-slo")
                                 ? QStringLiteral("give an SLO, e.g. \"p99<200ms,errors<1%\"")
                                 : QStringLiteral("use a whole number, replications 1 to 1000")));
                return ExitBadInput;
            }
        } else if (a == QLatin1String("--quiet")) {
            quiet = true;
        } else if (a.startsWith(QLatin1String("--")) || !target.isEmpty()) {
            err(QStringLiteral("error: unexpected argument '%1'").arg(a));
            return ExitBadInput;
        } else {
            target = a;
        }
    }
    if (target.isEmpty() || out.isEmpty()) {
        err(QStringLiteral("error: report needs SCENARIO.json or PROJECT.archsim, and --out "
                           "FILE.pdf"));
        return ExitBadInput;
    }
    if (!settings.compare.isEmpty() && !settings.includes(QStringLiteral("comparison")))
        settings.sections << QStringLiteral("comparison");
    if (!settings.capacity.isEmpty() && !settings.includes(QStringLiteral("capacity")))
        settings.sections << QStringLiteral("capacity");
    settings.scenarios = scenarios;

    Model::ReportRunOptions options;
    options.threads = threads;
    options.cancel = &g_reportCancel;
    if (!quiet)
        options.progress = [](const QString &what, double done) {
            err(QStringLiteral("[%1%] %2").arg(int(done * 100 + 0.5), 3).arg(what));
        };
    std::signal(SIGINT, onReportSigint);

    Model::Problems problems;
    std::optional<Model::ReportData> data;
    const bool isProject = target.endsWith(QLatin1String(".archsim"), Qt::CaseInsensitive);
    if (isProject) {
        Model::ProjectDocument project;
        QString error;
        QStringList warnings;
        if (!project.load(target, &error, &warnings)) {
            err(QStringLiteral("error: %1: %2").arg(target, error));
            return ExitBadInput;
        }
        for (const QString &w : std::as_const(warnings))
            err(QStringLiteral("warning: %1: %2").arg(target, w));
        data = Model::gatherReportData(project, settings, options, &problems);
    } else {
        if (!scenarios.isEmpty() || !settings.compare.isEmpty() || !settings.decision.isEmpty()
            || !settings.plan.isEmpty()) {
            err(QStringLiteral("error: --scenario, --compare, --decision and --plan name "
                               "things in a project; %1 is one scenario (its --capacity takes "
                               "its name)")
                    .arg(target));
            return ExitBadInput;
        }
        const Model::ScenarioLoad load = Model::loadScenarioFile(target);
        if (!load.scenario) {
            for (const Model::Problem &p : load.problems)
                err(QStringLiteral("%1: %2").arg(target, p.toString()));
            return ExitBadInput;
        }
        data = Model::gatherScenarioReportData(*load.scenario, settings, options, &problems);
        if (data)
            data->scenarioFile = QFileInfo(target).fileName();
    }
    for (const Model::Problem &p : std::as_const(problems))
        err(QStringLiteral("%1: %2").arg(target, p.toString()));
    if (!data)
        return ExitBadInput;
    if (data->cancelled) {
        err(QStringLiteral("cancelled"));
        return ExitCancelled;
    }
    QString error;
    int pages = 0;
    if (!Ui::writeReport(*data, out, &error, &pages)) {
        err(QStringLiteral("error: %1").arg(error));
        return ExitRunFailed;
    }
    if (!quiet)
        std::printf("%s: %d pages (%s) in %.1f s\n",
                    QFileInfo(out).fileName().toLocal8Bit().constData(),
                    pages,
                    settings.paper == QLatin1String("letter") ? "Letter" : "A4",
                    data->wallS);
    return ExitOk;
}
