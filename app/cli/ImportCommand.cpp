// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImportCommand.h"

#include "ScenarioIo.h"
#include "import/ContainerImport.h"

#include <QSaveFile>

#include <cstdio>

namespace {

enum Exit { ExitOk = 0, ExitFailed = 1, ExitBadInput = 2 };

void print(FILE *to, const QString &s)
{
    std::fputs(s.toLocal8Bit().constData(), to);
    std::fputc('\n', to);
}

} // namespace

int cmdImport(const QStringList &args)
{
    QString input;
    QString out;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--out")) {
            if (i + 1 >= args.size()) {
                print(stderr, QStringLiteral("error: --out needs a file"));
                return ExitBadInput;
            }
            out = args.at(++i);
        } else if (a.startsWith(QLatin1String("--")) || !input.isEmpty()) {
            print(stderr, QStringLiteral("error: unexpected argument '%1'").arg(a));
            print(stderr,
                  QStringLiteral("usage: archsim-cli import FILE|FOLDER [--out SCENARIO.json]"));
            return ExitBadInput;
        } else {
            input = a;
        }
    }
    if (input.isEmpty()) {
        print(stderr, QStringLiteral("error: import needs a Compose file, a manifest or a folder"));
        print(stderr,
              QStringLiteral("usage: archsim-cli import FILE|FOLDER [--out SCENARIO.json]"));
        return ExitBadInput;
    }
    const Model::ImportResult result = Model::importContainers(input);
    if (!result.ok()) {
        for (const Model::ImportError &e : result.errors)
            print(stderr, e.toString());
        return ExitBadInput;
    }
    // the report goes to stdout with --out; without, stdout carries the scenario
    FILE *report = out.isEmpty() ? stderr : stdout;
    const Model::Scenario &scenario = *result.scenario;
    print(report,
          QStringLiteral("imported %1 (%2): %3 component(s), entry '%4'")
              .arg(input,
                   result.format == QLatin1String("compose") ? QStringLiteral("Docker Compose")
                                                             : QStringLiteral("Kubernetes"))
              .arg(scenario.components.size())
              .arg(scenario.workload.entry));
    int defaults = 0, unmapped = 0;
    for (const Model::ImportNote &n : result.notes)
        (n.kind == Model::ImportNote::Kind::Default ? defaults : unmapped) += 1;
    print(report, QStringLiteral("\ndefaults to review (%1, not in the files):").arg(defaults));
    for (const Model::ImportNote &n : result.notes) {
        if (n.kind == Model::ImportNote::Kind::Default)
            print(report, QStringLiteral("  ") + n.toString());
    }
    if (unmapped > 0) {
        print(report, QStringLiteral("\nnot imported (%1):").arg(unmapped));
        for (const Model::ImportNote &n : result.notes) {
            if (n.kind == Model::ImportNote::Kind::Unmapped)
                print(report, QStringLiteral("  ") + n.toString());
        }
    }
    print(report, QStringLiteral("\ncontainer lint (%1 finding(s)):").arg(result.findings.size()));
    for (const Model::ContainerFinding &f : result.findings)
        print(report, QStringLiteral("  ") + f.toString());

    // the scenario must read back and validate like any other file
    const QByteArray json = Model::serializeScenario(scenario);
    const Model::ScenarioLoad check = Model::parseScenario(json);
    const Model::CompiledScenario compiled = check.scenario
                                                 ? Model::compileScenario(*check.scenario)
                                                 : Model::CompiledScenario{};
    if (!check.ok() || !compiled.ok()) {
        for (const Model::Problem &p : check.problems + compiled.problems)
            print(stderr, p.toString());
        print(stderr,
              QStringLiteral("error: the imported scenario does not validate; please "
                             "report this with the input file"));
        return ExitFailed;
    }
    int warnings = 0;
    for (const Model::Problem &p : check.problems)
        warnings += p.isError() ? 0 : 1;
    if (out.isEmpty()) {
        std::fwrite(json.constData(), 1, std::size_t(json.size()), stdout);
        print(report, QStringLiteral("\nscenario valid (%1 warning(s))").arg(warnings));
        return ExitOk;
    }
    QSaveFile f(out);
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size() || !f.commit()) {
        print(stderr, QStringLiteral("error: cannot write %1: %2").arg(out, f.errorString()));
        return ExitFailed;
    }
    print(report, QStringLiteral("\nwrote %1: valid (%2 warning(s))").arg(out).arg(warnings));
    return ExitOk;
}
