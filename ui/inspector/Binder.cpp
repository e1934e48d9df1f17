// SPDX-License-Identifier: GPL-3.0-or-later
#include "Binder.h"

namespace Ui::BinderDetail {

void setComboEntries(QComboBox *combo, const QList<QPair<QString, QString>> &entries)
{
    bool same = combo->count() == entries.size();
    for (int i = 0; same && i < entries.size(); ++i)
        same = combo->itemText(i) == entries.at(i).first
               && combo->itemData(i).toString() == entries.at(i).second;
    if (same)
        return;
    const QSignalBlocker blocker(combo);
    combo->clear();
    for (const auto &[text, word] : entries)
        combo->addItem(text, word);
}

QList<QPair<QString, QString>> wordEntries(const QString &defaultText,
                                           const QStringList &words,
                                           const QString &current)
{
    QList<QPair<QString, QString>> entries;
    if (!defaultText.isEmpty())
        entries.append({defaultText, QString()});
    else if (current.isEmpty())
        entries.append({QObject::tr("(missing)"), QString()});
    for (const QString &w : words)
        entries.append({w, w});
    if (!current.isEmpty() && !words.contains(current))
        entries.append({current, current});
    return entries;
}

} // namespace Ui::BinderDetail
