// SPDX-License-Identifier: GPL-3.0-or-later
#include "HelpWindows.h"

#include "Simulation.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QImage>
#include <QKeySequence>
#include <QLabel>
#include <QSysInfo>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace Ui::Help {

namespace {
const char kGuideName[] = "userGuide";
const char kShortcutsName[] = "shortcutsDialog";

/** Shows the guide's screenshots at most as wide as the text, not at their full size. */
class GuideBrowser final : public QTextBrowser
{
public:
    using QTextBrowser::QTextBrowser;

    QVariant loadResource(int type, const QUrl &name) override
    {
        QVariant resource = QTextBrowser::loadResource(type, name);
        if (type != QTextDocument::ImageResource)
            return resource;
        QImage image;
        if (resource.canConvert<QImage>())
            image = resource.value<QImage>();
        if (image.isNull())
            image.loadFromData(resource.toByteArray());
        constexpr int kMaxWidth = 760;
        if (image.width() > kMaxWidth)
            return image.scaledToWidth(kMaxWidth, Qt::SmoothTransformation);
        return image.isNull() ? resource : QVariant(image);
    }
};
} // namespace

QWidget *showUserGuide(QWidget *parent)
{
    auto guide = parent->findChild<QDialog *>(QLatin1String(kGuideName));
    if (!guide) {
        guide = new QDialog(parent, Qt::Window);
        guide->setObjectName(QLatin1String(kGuideName));
        guide->setWindowTitle(QApplication::translate("Help", "ArchSim User Guide"));
        auto layout = new QVBoxLayout(guide);
        layout->setContentsMargins(0, 0, 0, 0);
        auto browser = new GuideBrowser(guide);
        browser->setObjectName(QStringLiteral("userGuideBrowser"));
        browser->setOpenExternalLinks(true);
        // From the resource, so that relative links and images (images/...) resolve there.
        browser->setSource(QUrl(QStringLiteral("qrc:/docs/desktop-app.md")),
                           QTextDocument::MarkdownResource);
        layout->addWidget(browser);
        guide->resize(820, 700);
    }
    guide->show();
    guide->raise();
    guide->activateWindow();
    return guide;
}

QStringList shortcutRows(const QWidget *window)
{
    QStringList rows;
    for (const QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        QString text = action->text();
        text.remove(QLatin1Char('&'));
        text.remove(QStringLiteral("…"));
        text = text.trimmed();
        if (text.isEmpty())
            continue;
        const QString row = text + QLatin1Char('\t') + keys.join(QStringLiteral(", "));
        if (!rows.contains(row))
            rows << row;
    }
    rows.sort(Qt::CaseInsensitive);
    return rows;
}

QDialog *showShortcuts(QWidget *window)
{
    auto dialog = window->findChild<QDialog *>(QLatin1String(kShortcutsName));
    if (dialog) {
        dialog->deleteLater(); // the actions' keys may have changed: list them again
        dialog->hide();
        dialog->setObjectName(QString());
    }
    dialog = new QDialog(window);
    dialog->setObjectName(QLatin1String(kShortcutsName));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QApplication::translate("Help", "Keyboard Shortcuts"));
    const QStringList rows = shortcutRows(window);
    auto table = new QTableWidget(static_cast<int>(rows.size()), 2, dialog);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels(
        {QApplication::translate("Help", "Action"), QApplication::translate("Help", "Keys")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int i = 0; i < rows.size(); ++i) {
        const QStringList cells = rows.at(i).split(QLatin1Char('\t'));
        table->setItem(i, 0, new QTableWidgetItem(cells.value(0)));
        table->setItem(i, 1, new QTableWidgetItem(cells.value(1)));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto note = new QLabel(
        QApplication::translate("Help",
                                "Also: Delete removes the selection, Ctrl+C / Ctrl+V copy and "
                                "paste components while the canvas has the focus; F2 on a saved "
                                "run in the project panel renames it."),
        dialog);
    note->setWordWrap(true);
    auto buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    layout->addWidget(note);
    layout->addWidget(buttons);
    dialog->resize(460, 560);
    dialog->open();
    return dialog;
}

QString problemReport(const QString &lastError)
{
    QStringList lines;
    lines << QStringLiteral("ArchSim %1 (simulation engine %2)")
                 .arg(QApplication::applicationVersion(),
                      QString::fromLatin1(Sim::engineVersion()));
    lines << QStringLiteral("Qt %1 (built with %2)")
                 .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    lines << QStringLiteral("Platform: %1, %2, %3 display")
                 .arg(QSysInfo::prettyProductName(),
                      QSysInfo::currentCpuArchitecture(),
                      QGuiApplication::platformName());
    lines << (lastError.isEmpty() ? QStringLiteral("Last error shown: none")
                                  : QStringLiteral("Last error shown: %1").arg(lastError));
    lines << QStringLiteral("What I did, what I expected, what happened instead: ");
    return lines.join(QLatin1Char('\n'));
}

} // namespace Ui::Help
