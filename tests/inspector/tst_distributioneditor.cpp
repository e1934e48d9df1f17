// SPDX-License-Identifier: GPL-3.0-or-later
#include "DistributionEditor.h"
#include "NumberField.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QTest>

#include <limits>

Q_DECLARE_METATYPE(Model::Distribution)

using Model::Distribution;

class tst_DistributionEditor : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void settingEmitsNothing();
    void kindSwitchKeepsTheMean();
    void constantRemembersItsForm();
    void optionalDefault();
    void previewSurvivesDegenerateParameters_data();
    void previewSurvivesDegenerateParameters();
    void densityIntegratesToOne();
};

void tst_DistributionEditor::roundTrip_data()
{
    QTest::addColumn<Distribution>("distribution");
    QTest::addColumn<QString>("param");
    QTest::newRow("const bare") << Distribution::constant(2.5) << "value";
    Distribution object = Distribution::constant(2.5);
    object.bare = false;
    QTest::newRow("const object") << object << "value";
    QTest::newRow("exp") << Distribution::exponential(2) << "mean";
    QTest::newRow("uniform") << Distribution::uniform(1, 3) << "max";
    QTest::newRow("lognormal") << Distribution::lognormal(80, 30) << "stddev";
    QTest::newRow("erlang") << Distribution::erlang(4, 2) << "k";
}

void tst_DistributionEditor::roundTrip()
{
    QFETCH(Distribution, distribution);
    QFETCH(QString, param);
    Ui::DistributionEditor editor;
    editor.setDistribution(distribution);
    QCOMPARE(editor.distribution(), distribution);
    QSignalSpy changed(&editor, &Ui::DistributionEditor::changed);
    // the user changes a parameter and changes it back: the emitted value is the original
    Ui::NumberField *field = editor.parameterField(param);
    QVERIFY(field);
    QVERIFY(field->isVisibleTo(&editor));
    const double v = field->value();
    field->setValue(v + 1);
    field->setValue(v);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.last().at(0).value<Distribution>(), distribution);
    QCOMPARE(editor.distribution(), distribution);
}

void tst_DistributionEditor::settingEmitsNothing()
{
    Ui::DistributionEditor editor;
    QSignalSpy changed(&editor, &Ui::DistributionEditor::changed);
    QSignalSpy edited(&editor, &Ui::DistributionEditor::edited);
    editor.setDistribution(Distribution::lognormal(5, 1));
    editor.setDistribution(Distribution::erlang(3, 9));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(edited.count(), 0);
}

void tst_DistributionEditor::kindSwitchKeepsTheMean()
{
    Ui::DistributionEditor editor;
    editor.setDistribution(Distribution::exponential(4));
    QSignalSpy changed(&editor, &Ui::DistributionEditor::changed);
    editor.kindCombo()->setCurrentIndex(
        editor.kindCombo()->findData(int(Distribution::Kind::Erlang)));
    QCOMPARE(changed.count(), 1);
    const Distribution d = changed.last().at(0).value<Distribution>();
    QCOMPARE(d.kind, Distribution::Kind::Erlang);
    QCOMPARE(d.mean, std::optional<double>(4));
    QCOMPARE(Ui::DistributionPreview::mean(d), std::optional<double>(4));
}

void tst_DistributionEditor::constantRemembersItsForm()
{
    Ui::DistributionEditor editor;
    Distribution object = Distribution::constant(3);
    object.bare = false;
    editor.setDistribution(object);
    QComboBox *kind = editor.kindCombo();
    kind->setCurrentIndex(kind->findData(int(Distribution::Kind::Exp)));
    kind->setCurrentIndex(kind->findData(int(Distribution::Kind::Const)));
    QCOMPARE(editor.distribution(), object);
}

void tst_DistributionEditor::optionalDefault()
{
    Ui::DistributionEditor editor;
    editor.setOptional(QStringLiteral("0 ms (default)"));
    editor.setOptionalDistribution(std::nullopt);
    QVERIFY(!editor.optionalDistribution());
    QCOMPARE(editor.kindCombo()->currentIndex(), 0);
    QSignalSpy cleared(&editor, &Ui::DistributionEditor::cleared);
    QSignalSpy changed(&editor, &Ui::DistributionEditor::changed);
    editor.kindCombo()->setCurrentIndex(editor.kindCombo()->findData(int(Distribution::Kind::Exp)));
    QCOMPARE(changed.count(), 1);
    QVERIFY(editor.optionalDistribution());
    editor.kindCombo()->setCurrentIndex(0);
    QCOMPARE(cleared.count(), 1);
    QVERIFY(!editor.optionalDistribution());
}

void tst_DistributionEditor::previewSurvivesDegenerateParameters_data()
{
    QTest::addColumn<Distribution>("distribution");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("const 0") << Distribution::constant(0);
    QTest::newRow("exp 0") << Distribution::exponential(0);
    QTest::newRow("exp nan") << Distribution::exponential(nan);
    QTest::newRow("exp inf") << Distribution::exponential(inf);
    QTest::newRow("uniform equal") << Distribution::uniform(2, 2);
    QTest::newRow("uniform reversed") << Distribution::uniform(3, 1);
    QTest::newRow("uniform negative") << Distribution::uniform(-3, -1);
    QTest::newRow("lognormal sd 0") << Distribution::lognormal(5, 0);
    QTest::newRow("lognormal mean 0") << Distribution::lognormal(0, 1);
    QTest::newRow("lognormal huge sd") << Distribution::lognormal(1, 1e9);
    QTest::newRow("erlang k 0") << Distribution::erlang(0, 2);
    QTest::newRow("erlang k 1000") << Distribution::erlang(1000, 2);
    Distribution missing;
    missing.kind = Distribution::Kind::Erlang;
    QTest::newRow("erlang missing") << missing;
    Distribution unknown;
    unknown.kind = Distribution::Kind::Unknown;
    unknown.unknownName = QStringLiteral("weibull");
    QTest::newRow("unknown") << unknown;
}

void tst_DistributionEditor::previewSurvivesDegenerateParameters()
{
    QFETCH(Distribution, distribution);
    Ui::DistributionEditor editor;
    editor.setDistribution(distribution);
    editor.resize(320, 60);
    const QPixmap pixmap = editor.grab();
    QVERIFY(!pixmap.isNull());
    Ui::DistributionPreview preview;
    preview.setDistribution(distribution);
    preview.resize(1, 1);
    QVERIFY(!preview.grab().isNull());
}

void tst_DistributionEditor::densityIntegratesToOne()
{
    for (const Distribution &d : {Distribution::exponential(2),
                                  Distribution::uniform(1, 3),
                                  Distribution::lognormal(2, 1),
                                  Distribution::erlang(4, 2)}) {
        double sum = 0;
        const double dx = 0.001;
        for (double x = dx / 2; x < 60; x += dx)
            sum += Ui::DistributionPreview::density(d, x).value_or(0) * dx;
        QVERIFY2(std::abs(sum - 1) < 0.01, qPrintable(QString::number(sum)));
    }
}

QTEST_MAIN(tst_DistributionEditor)
#include "tst_distributioneditor.moc"
