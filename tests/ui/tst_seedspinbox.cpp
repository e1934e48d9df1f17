// SPDX-License-Identifier: GPL-3.0-or-later
#include "SeedSpinBox.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

#include <limits>

using Ui::SeedSpinBox;

class tst_SeedSpinBox : public QObject
{
    Q_OBJECT

private slots:
    void holdsTheFullRange();
    void stepsStopAtTheEnds();
    void typingChangesTheValue();
};

void tst_SeedSpinBox::holdsTheFullRange()
{
    SeedSpinBox box;
    const std::uint64_t big = std::numeric_limits<std::uint64_t>::max() - 1;
    box.setValue(big);
    QCOMPARE(box.value(), big);
    QCOMPARE(box.text(), QStringLiteral("18446744073709551614"));
}

void tst_SeedSpinBox::stepsStopAtTheEnds()
{
    SeedSpinBox box;
    QSignalSpy changed(&box, &SeedSpinBox::valueChanged);
    box.setValue(1);
    box.stepBy(-5);
    QCOMPARE(box.value(), std::uint64_t(0));
    box.setValue(std::numeric_limits<std::uint64_t>::max() - 1);
    box.stepBy(10);
    QCOMPARE(box.value(), std::numeric_limits<std::uint64_t>::max());
    QCOMPARE(changed.count(), 4);
}

void tst_SeedSpinBox::typingChangesTheValue()
{
    SeedSpinBox box;
    box.show();
    QVERIFY(QTest::qWaitForWindowExposed(&box));
    box.setFocus();
    box.findChild<QLineEdit *>()->selectAll();
    QTest::keyClicks(&box, QStringLiteral("42x"));
    QCOMPARE(box.value(), std::uint64_t(42)); // the validator refuses the letter
    QCOMPARE(box.text(), QStringLiteral("42"));
}

QTEST_MAIN(tst_SeedSpinBox)
#include "tst_seedspinbox.moc"
