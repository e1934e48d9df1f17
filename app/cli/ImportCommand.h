// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

/**
 * archsim-cli import FILE|FOLDER [--out SCENARIO.json] (docs/import.md): a Compose file or
 * Kubernetes manifests as a scenario, with the defaults to review and the container lint.
 * Returns the exit code: 2 with the file, line and reason for malformed input.
 */
int cmdImport(const QStringList &args);
