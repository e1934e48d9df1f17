// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "ScreenshotSession.h"

#include <QApplication>
#include <QCommandLineParser>

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
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 QStringLiteral("Scenario JSON file to open (default: the first "
                                                "built-in example)."),
                                 QStringLiteral("[scenario]"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Save PNGs of the main window before and after a run of the scenario "
                       "into <dir>, then quit."),
        QStringLiteral("dir"));
    parser.addOption(screenshotOption);
    parser.process(app);

    Ui::MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty())
        window.openScenarioFile(files.first());
    else
        window.openExample(0);
    window.show();

    if (parser.isSet(screenshotOption)) {
        auto screenshots = new Ui::ScreenshotSession(&window, parser.value(screenshotOption),
                                                     &window);
        screenshots->start();
    }

    return app.exec();
}
