// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QComboBox>

namespace Ui {

/**
 * A combo box of the inspector: as narrow as six characters allow (minimumContentsLength), it
 * grows with its row, and when its current text is still wider than the box it shows the
 * text elided ("unlimited (defa…") with the whole text as tooltip, instead of cutting it off.
 * The pop-up list is as wide as its longest entry.
 */
class ElidingComboBox : public QComboBox
{
    Q_OBJECT

public:
    explicit ElidingComboBox(QWidget *parent = nullptr);

    /** The current text as painted: elided when the box is too narrow for it. */
    QString shownText() const;
    void showPopup() override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRect textRect() const;
};

} // namespace Ui
