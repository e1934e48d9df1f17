// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// archsim-cli run as a process by the end-to-end tests of tests/app (ARCHSIM_CLI is the path of
// the executable, which tests/app/CMakeLists.txt defines for each of them).

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace CliTest {

/** What a run of archsim-cli gave: its exit code (-1 when it crashed or did not end), stdout
 *  and stderr. */
struct Outcome
{
    int exitCode = -1;
    QByteArray out, err;
};

/** Runs archsim-cli with `args` and waits for it, at most `timeoutMs`. */
inline Outcome runCli(const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(QStringLiteral(ARCHSIM_CLI), args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace CliTest
