// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "ProjectDocument.h"
#include "ScreenshotSession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QRegularExpression>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ArchSim"));
    QApplication::setOrganizationName(QStringLiteral("ArchSim"));
    QApplication::setApplicationVersion(QStringLiteral(ARCHSIM_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("ArchSim: discrete-event simulation of software architectures."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QStringLiteral("Project (.archsim) to open, or a scenario JSON file to open as a new "
                       "project (default: the last project, else the built-in examples)."),
        QStringLiteral("[file]"));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
                                            QStringLiteral(
                                                "Show the scenario called <name> of the project."),
                                            QStringLiteral("name"));
    parser.addOption(scenarioOption);
    const QCommandLineOption examplesOption(QStringLiteral("examples"),
                                            QStringLiteral("Open the built-in example project."));
    parser.addOption(examplesOption);
    const QCommandLineOption
        screenshotOption(QStringLiteral("screenshot"),
                         QStringLiteral(
                             "Save PNGs of the main window before and after a run of the scenario "
                             "into <dir>, then quit."),
                         QStringLiteral("dir"));
    parser.addOption(screenshotOption);
    const QCommandLineOption sizeOption(QStringLiteral("window-size"),
                                        QStringLiteral("With --screenshot: the window's size, "
                                                       "e.g. 1280x800 (default 1600x1000)."),
                                        QStringLiteral("WxH"));
    parser.addOption(sizeOption);
    parser.process(app);
    QSize size(1600, 1000);
    if (parser.isSet(sizeOption)) {
        static const QRegularExpression wxh(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$"));
        const QRegularExpressionMatch m = wxh.match(parser.value(sizeOption));
        if (!m.hasMatch()) {
            QTextStream(stderr) << "archsim: --window-size takes WIDTHxHEIGHT, e.g. 1280x800"
                                << Qt::endl;
            return 2;
        }
        size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    }

    Ui::MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (parser.isSet(examplesOption))
        window.openExampleProject();
    else
        window.openStartup(files.isEmpty() ? QString() : files.first());
    if (parser.isSet(scenarioOption)) {
        const QString name = parser.value(scenarioOption);
        QString found;
        for (const QString &id : window.project()->scenarioIds()) {
            if (found.isEmpty() && window.project()->scenarioName(id) == name)
                found = id;
        }
        if (found.isEmpty()) {
            QTextStream(stderr) << "archsim: the project has no scenario called \"" << name << "\""
                                << Qt::endl;
            return 2;
        }
        window.showScenario(found);
    }
    // Screenshots show the built-in layout, not the user's.
    if (!parser.isSet(screenshotOption))
        window.restoreWindowLayout();
    window.show();

    if (parser.isSet(screenshotOption)) {
        auto screenshots
            = new Ui::ScreenshotSession(&window, parser.value(screenshotOption), size, &window);
        screenshots->start();
    }

    return app.exec();
}
