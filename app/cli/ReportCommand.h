// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

/** archsim-cli report (docs/cli.md): a PDF report of a scenario or a project. Needs a
 *  QApplication. Returns the exit code. */
int cmdReport(const QStringList &args);
