// SPDX-License-Identifier: GPL-3.0-or-later
// archsim-cli export (docs/cli.md, "export"): wires a scenario (a file, or one stored in a
// project with its canvas layout) to the diagram writers of model/export and, for SVG and
// PNG, to the canvas drawn offscreen (ui/canvas/CanvasExport). main() makes a QApplication
// only for those two.
#include "ExportCommand.h"

#include "Document.h"
#include "ScenarioIo.h"
#include "canvas/CanvasExport.h"
#include "export/DiagramExport.h"
#include "persistence/ProjectStore.h"

#include <QFile>
#include <QSaveFile>

#include <cstdio>
#include <optional>
#include <unistd.h>

namespace {

enum Exit { ExitOk = 0, ExitRunFailed = 1, ExitBadInput = 2 };

void err(const QString &line)
{
    std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
}

const char kFormats[] = "mermaid, structurizr, plantuml, dot, svg or png";

struct Target
{
    Model::Scenario scenario;
    Model::Layout layout; ///< from the project; a scenario file's "ui" positions are in it
};

/** "'a', 'b'" of a project's scenarios, as the other commands say it. */
QString scenarioNames(const Model::Project &project)
{
    QStringList names;
    for (const Model::ProjectScenario &s : project.scenarios)
        names << (s.scenario.name.isEmpty()
                      ? QStringLiteral("(a scenario without a name)")
                      : QLatin1Char('\'') + s.scenario.name + QLatin1Char('\''));
    return names.isEmpty() ? QStringLiteral("the project has no scenarios")
                           : QStringLiteral("the project has ") + names.join(QStringLiteral(", "));
}

bool isProjectFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(16) == QByteArrayLiteral("SQLite format 3\0");
}

/**
 * The scenario to draw, with its problems printed. A scenario with errors is still drawn
 * (a diagram of a draft is useful); only one that cannot be read at all is refused.
 */
std::optional<Target> loadTarget(const QString &arg)
{
    const int split = arg.indexOf(QStringLiteral(".archsim:"));
    if (split < 0 && (arg.endsWith(QLatin1String(".archsim")) || isProjectFile(arg))) {
        const Model::ProjectLoad project = Model::ProjectStore::load(arg);
        if (!project.ok()) {
            err(QStringLiteral("error: %1: %2").arg(arg, project.error));
            return std::nullopt;
        }
        err(QStringLiteral("error: %1 is a project; name one of its scenarios as %1:NAME (%2)")
                .arg(arg, scenarioNames(*project.project)));
        return std::nullopt;
    }
    Target target;
    Model::Problems problems;
    if (split >= 0) {
        const QString path = arg.left(split + 8);
        const QString name = arg.mid(split + 9);
        const Model::ProjectLoad project = Model::ProjectStore::load(path);
        if (!project.ok()) {
            err(QStringLiteral("error: %1: %2").arg(path, project.error));
            return std::nullopt;
        }
        const Model::ProjectScenario *entry = project.project->scenarioNamed(name);
        if (!entry) {
            err(QStringLiteral("error: %1: no scenario named '%2'; %3")
                    .arg(path, name, scenarioNames(*project.project)));
            return std::nullopt;
        }
        for (const Model::Problem &p : entry->problems)
            err(p.toString());
        if (!entry->isReadable()) {
            err(QStringLiteral("error: scenario '%1' in %2 cannot be read (see above); open the "
                               "project in ArchSim to repair it")
                    .arg(name, path));
            return std::nullopt;
        }
        target.scenario = entry->scenario;
        for (auto it = entry->layout.positions.cbegin(); it != entry->layout.positions.cend(); ++it)
            target.layout.positions.insert(it.key(), it.value());
        problems = entry->problems;
    } else {
        const Model::ScenarioLoad load = Model::loadScenarioFile(arg);
        for (const Model::Problem &p : load.problems)
            err(p.toString());
        if (!load.scenario)
            return std::nullopt;
        target.scenario = *load.scenario;
        problems = load.problems;
    }
    if (Model::hasErrors(problems))
        err(QStringLiteral("note: %1 has errors (above); the diagram shows it as it is").arg(arg));
    return target;
}

bool writeOut(const QString &out, const QByteArray &bytes)
{
    if (out.isEmpty() || out == QLatin1String("-")) {
        if (std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout)
                != std::size_t(bytes.size())
            || std::fflush(stdout) != 0) {
            err(QStringLiteral("error: cannot write to standard output"));
            return false;
        }
        return true;
    }
    QSaveFile f(out);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        err(QStringLiteral("error: cannot write %1: %2").arg(out, f.errorString()));
        return false;
    }
    return true;
}

struct Options
{
    QString scenario, to, out;
};

std::optional<Options> parseOptions(const QStringList &args, bool quiet)
{
    Options o;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--to") || a == QLatin1String("--out")) {
            if (i + 1 >= args.size()) {
                if (!quiet)
                    err(QStringLiteral("error: %1 needs a value").arg(a));
                return std::nullopt;
            }
            (a == QLatin1String("--to") ? o.to : o.out) = args.at(++i);
        } else if ((a.startsWith(QLatin1String("--")) && a != QLatin1String("-"))
                   || !o.scenario.isEmpty()) {
            if (!quiet)
                err(QStringLiteral("error: unexpected argument '%1'").arg(a));
            return std::nullopt;
        } else {
            o.scenario = a;
        }
    }
    return o;
}

} // namespace

bool exportNeedsWidgets(const QStringList &args)
{
    const std::optional<Options> o = parseOptions(args, true);
    return o && Ui::canvasImageFormatFromName(o->to).has_value();
}

int cmdExport(const QStringList &args)
{
    const std::optional<Options> options = parseOptions(args, false);
    if (!options)
        return ExitBadInput;
    const Options &o = *options;
    if (o.scenario.isEmpty() || o.to.isEmpty()) {
        err(QStringLiteral("error: export needs SCENARIO and --to FORMAT (%1)")
                .arg(QLatin1String(kFormats)));
        return ExitBadInput;
    }
    const std::optional<Model::Export::DiagramFormat> text = Model::Export::diagramFormatFromName(
        o.to);
    const std::optional<Ui::CanvasImageFormat> image = Ui::canvasImageFormatFromName(o.to);
    if (!text && !image) {
        err(QStringLiteral("error: --to: unknown format '%1'; the formats are %2")
                .arg(o.to, QLatin1String(kFormats)));
        return ExitBadInput;
    }
    if (image && (o.out.isEmpty() || o.out == QLatin1String("-")) && ::isatty(STDOUT_FILENO)) {
        err(QStringLiteral("error: --to %1 writes a picture: give --out FILE.%1, or send the "
                           "standard output to a file or a pipe")
                .arg(Ui::canvasImageSuffix(*image)));
        return ExitBadInput;
    }

    const std::optional<Target> target = loadTarget(o.scenario);
    if (!target)
        return ExitBadInput;

    QByteArray bytes;
    if (text) {
        QStringList warnings;
        bytes = Model::Export::exportDiagram(target->scenario, *text, &warnings).toUtf8();
        for (const QString &w : std::as_const(warnings))
            err(QStringLiteral("warning: %1: %2").arg(o.scenario, w));
    } else {
        QString error;
        bytes = Ui::canvasImage(target->scenario, target->layout, *image, {}, &error);
        if (bytes.isEmpty()) {
            err(QStringLiteral("error: %1: %2").arg(o.scenario, error));
            return ExitBadInput;
        }
    }
    return writeOut(o.out, bytes) ? ExitOk : ExitRunFailed;
}
