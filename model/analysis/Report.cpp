// SPDX-License-Identifier: GPL-3.0-or-later
// The report's settings (docs/report.md). This file defines the report settings' own JSON
// (it is not the scenario format), so tst_schema leaves its keys alone.
#include "Report.h"

#include "JsonFieldReader.h"

#include <QJsonArray>
#include <QSet>

namespace Model {

const std::vector<ReportSectionInfo> &reportSections()
{
    static const std::vector<ReportSectionInfo> sections = {
        {"summary",
         "Executive summary",
         "The recommendation, the key figures, pass or fail against each SLO"},
        {"scenarios",
         "Scenarios",
         "Per scenario: topology, workload and assumptions, results tables, charts, events"},
        {"comparison", "Comparison", "The scenarios side by side with intervals and deltas"},
        {"capacity",
         "Capacity",
         "The highest load each scenario carries within the SLO, and latency against load"},
        {"decision", "Decision", "The decision matrix, its ranking and sensitivity"},
        {"plan", "Migration plan", "The strangler-fig plan's steps and trajectory"},
        {"lint", "Architecture lint", "Each scenario's findings with their hints"},
        {"appendix", "Appendix: scenario JSON", "Each scenario as it ran, in the scenario format"},
    };
    return sections;
}

const ReportSectionInfo *reportSection(const QString &id)
{
    for (const ReportSectionInfo &s : reportSections()) {
        if (id == QLatin1String(s.id))
            return &s;
    }
    return nullptr;
}

ReportSettings ReportSettings::defaults()
{
    ReportSettings s;
    for (const ReportSectionInfo &i : reportSections())
        s.sections.append(QLatin1String(i.id));
    return s;
}

QJsonObject reportSettingsToJson(const ReportSettings &s)
{
    QJsonObject o{{QStringLiteral("paper"), s.paper},
                  {QStringLiteral("sections"), QJsonArray::fromStringList(s.sections)}};
    if (!s.title.isEmpty())
        o.insert(QStringLiteral("title"), s.title);
    if (!s.author.isEmpty())
        o.insert(QStringLiteral("author"), s.author);
    if (!s.scenarios.isEmpty())
        o.insert(QStringLiteral("scenarios"), QJsonArray::fromStringList(s.scenarios));
    if (!s.compare.isEmpty())
        o.insert(QStringLiteral("compare"), QJsonArray::fromStringList(s.compare));
    if (!s.capacity.isEmpty())
        o.insert(QStringLiteral("capacity"), QJsonArray::fromStringList(s.capacity));
    if (!s.capacitySlo.isEmpty())
        o.insert(QStringLiteral("capacity_slo"), s.capacitySlo);
    if (!s.decision.isEmpty())
        o.insert(QStringLiteral("decision"), s.decision);
    if (!s.plan.isEmpty())
        o.insert(QStringLiteral("plan"), s.plan);
    if (s.replications > 0)
        o.insert(QStringLiteral("replications"), s.replications);
    return o;
}

std::optional<ReportSettings> reportSettingsFromJson(const QJsonObject &json,
                                                     const QString &prefix,
                                                     Problems *problems)
{
    JsonFieldReader r(prefix, problems);
    r.unknownKeys(json,
                  QString(),
                  {QStringLiteral("title"),
                   QStringLiteral("author"),
                   QStringLiteral("paper"),
                   QStringLiteral("sections"),
                   QStringLiteral("scenarios"),
                   QStringLiteral("compare"),
                   QStringLiteral("capacity"),
                   QStringLiteral("capacity_slo"),
                   QStringLiteral("decision"),
                   QStringLiteral("plan"),
                   QStringLiteral("replications")});
    ReportSettings s;
    s.title = r.string(json, QStringLiteral("title"), QString());
    s.author = r.string(json, QStringLiteral("author"), QString());
    s.paper = r.word(json,
                     QStringLiteral("paper"),
                     QString(),
                     s.paper,
                     {QStringLiteral("a4"), QStringLiteral("letter")});
    const auto names = [&](const QString &key, bool sections) {
        QStringList out;
        const QJsonArray list = r.array(json, key, QString());
        QSet<QString> seen;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString path = QStringLiteral(".%1[%2]").arg(key).arg(i);
            const QString name = list.at(i).toString();
            if (!list.at(i).isString() || name.isEmpty()) {
                r.error(path, QStringLiteral("must be a name in quotes"));
                continue;
            }
            if (sections && !reportSection(name)) {
                QStringList ids;
                for (const ReportSectionInfo &info : reportSections())
                    ids << QLatin1String(info.id);
                r.error(path,
                        QStringLiteral("unknown section '%1'; the sections are %2")
                            .arg(name, ids.join(QStringLiteral(", "))));
                continue;
            }
            if (seen.contains(name)) {
                r.error(path, QStringLiteral("'%1' is named twice; name it once").arg(name));
                continue;
            }
            seen.insert(name);
            out << name;
        }
        return out;
    };
    s.sections = json.contains(QStringLiteral("sections")) ? names(QStringLiteral("sections"), true)
                                                           : ReportSettings::defaults().sections;
    s.scenarios = names(QStringLiteral("scenarios"), false);
    s.compare = names(QStringLiteral("compare"), false);
    s.capacity = names(QStringLiteral("capacity"), false);
    s.capacitySlo = r.string(json, QStringLiteral("capacity_slo"), QString());
    s.decision = r.string(json, QStringLiteral("decision"), QString());
    s.plan = r.string(json, QStringLiteral("plan"), QString());
    s.replications
        = r.integer(json, QStringLiteral("replications"), QString(), 1, 1000).value_or(0);
    if (!r.ok())
        return std::nullopt;
    return s;
}

} // namespace Model
