// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Problem.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Model {

/**
 * What a PDF report (docs/report.md) holds and in which order: the choice the GUI's Export
 * Report dialog remembers per project (project_meta "report") and archsim-cli report takes
 * from its options. The rendering itself is in ui/report (it draws the canvas and the
 * charts); this is the part without widgets.
 */

/** A section of the report, in the default order. */
struct ReportSectionInfo
{
    const char *id;    ///< "summary"
    const char *title; ///< "Executive summary"
    const char *what;  ///< one sentence for the dialog's list
};

/** The sections a report can have, in their default order. */
const std::vector<ReportSectionInfo> &reportSections();
const ReportSectionInfo *reportSection(const QString &id);

struct ReportSettings
{
    QString title;                        ///< empty: the project's (or the scenario's) name
    QString author;                       ///< may be empty
    QString paper = QStringLiteral("a4"); ///< a4 or letter
    /// the sections to include, in their order (ids of reportSections()); a section whose
    /// feature the project does not have is left out whatever this says
    QStringList sections;
    QStringList scenarios; ///< by name; empty: every readable scenario
    QStringList compare;   ///< by name; empty: no comparison unless the project saved one
    /// scenarios whose capacity under the SLO is searched for the report, by name; empty:
    /// no capacity section
    QStringList capacity;
    /// the SLO of the capacity searches; empty: the first of `capacity`'s own "slo"
    QString capacitySlo;
    QString decision;     ///< by name; empty: the project's first decision
    QString plan;         ///< by name; empty: the project's first plan
    int replications = 0; ///< for the runs the report makes; 0: each scenario's own

    /** The default settings: every section in the default order. */
    static ReportSettings defaults();
    bool includes(const QString &section) const { return sections.contains(section); }
    bool operator==(const ReportSettings &) const = default;
};

QJsonObject reportSettingsToJson(const ReportSettings &settings);
/** Reads reportSettingsToJson's JSON; problems at `prefix` + path; nothing on an error. */
std::optional<ReportSettings> reportSettingsFromJson(const QJsonObject &json,
                                                     const QString &prefix,
                                                     Problems *problems);

} // namespace Model
