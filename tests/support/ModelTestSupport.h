// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ScenarioIo.h"

#include <QByteArray>
#include <QString>

/**
 * Helpers of the tests of model/ and above (library archsim_modeltestsupport, linked into
 * every test that links archsim_model): problems as text and the built-in examples.
 */
namespace TestSupport {

/** One Problem::toString() per line, for the message of a QVERIFY2. */
QString problemsText(const Model::Problems &problems);

/** The bytes of resources/examples/`file`; empty when it cannot be read. */
QByteArray readExample(const QString &file);

/**
 * resources/examples/`file` parsed (problems and all). An example that cannot be read or is
 * not JSON stops the test program (qFatal): the tests need their examples.
 */
Model::Scenario loadExample(const QString &file);

/** resources/examples/`file` compiled for the engine; a default Spec when it has errors. */
Sim::Spec compileExample(const QString &file);

} // namespace TestSupport
