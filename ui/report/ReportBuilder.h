// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ReportData.h"

#include <QString>

namespace Ui {

/**
 * Writes a report's PDF (docs/report.md) from gathered data (Model::gatherReportData): the
 * title page, contents, executive summary, then the sections the settings include, in their
 * order, leaving out those with nothing to show. The tables use the GUI's number formats
 * (Formatting.h); the charts are the GUI's charts, drawn as vectors. Needs a QApplication
 * (the offscreen platform is enough). Atomic: a failure leaves the file as it was.
 */
bool writeReport(const Model::ReportData &data,
                 const QString &fileName,
                 QString *error,
                 int *pages = nullptr);

/** The application's version, as the title page shows it ("0.8.0"). */
QString reportVersionLine();

} // namespace Ui
