// SPDX-License-Identifier: GPL-3.0-or-later
#include "StepListEditor.h"

#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

Q_DECLARE_METATYPE(Model::Steps)

using Model::Step;
using Kind = Model::Step::Kind;

class tst_StepListEditor : public QObject
{
    Q_OBJECT

private slots:
    void summaries();
    void showsNestingAsChildren();
    void addAppendsAndSelects();
    void removeAndMove();
    void addInsideNests();
    void detailEditEmitsWithFieldKey();
    void setStepsKeepsSelection();
    void problemsColourTheStep();
};

namespace {

Model::Steps sample()
{
    Step call = Step::call(QStringLiteral("catalog"), QStringLiteral("get_item"));
    call.timeoutMs = 500;
    call.retries = 2;
    Step parallel;
    parallel.kind = Kind::Parallel;
    parallel.steps = {Step::io(Model::Distribution::constant(3)),
                      Step::cpu(Model::Distribution::constant(1))};
    return {Step::cpu(Model::Distribution::exponential(2)), call, parallel};
}

Ui::StepListEditor::Context context()
{
    Ui::StepListEditor::Context c;
    c.callTargets = {QStringLiteral("catalog"), QStringLiteral("db")};
    c.defaultCallTarget = QStringLiteral("db"); // not simply the first (that may be a cycle)
    c.queues = {QStringLiteral("order_events")};
    c.caches = {QStringLiteral("catalog_cache")};
    return c;
}

} // namespace

void tst_StepListEditor::summaries()
{
    QCOMPARE(Ui::StepListEditor::summary(Step::cpu(Model::Distribution::exponential(2))),
             QStringLiteral("cpu exp(2 ms)"));
    QCOMPARE(Ui::StepListEditor::summary(sample().at(1)),
             QStringLiteral("call catalog get_item · timeout 500 ms · 2 retries"));
    Step cache;
    cache.kind = Kind::Cache;
    cache.target = QStringLiteral("catalog_cache");
    cache.keys = 50000;
    cache.zipf = 0.9;
    QCOMPARE(Ui::StepListEditor::summary(cache),
             QStringLiteral("cache catalog_cache 50000 keys zipf 0.9"));
    Step publish;
    publish.kind = Kind::Publish;
    publish.target = QStringLiteral("order_events");
    publish.message = QStringLiteral("order_placed");
    QCOMPARE(Ui::StepListEditor::summary(publish),
             QStringLiteral("publish order_events order_placed"));
    Step p;
    p.kind = Kind::Probability;
    p.probability = 0.3;
    QCOMPARE(Ui::StepListEditor::summary(p), QStringLiteral("probability 0.3"));
    QCOMPARE(Ui::StepListEditor::summary(sample().at(2)), QStringLiteral("parallel"));
}

void tst_StepListEditor::showsNestingAsChildren()
{
    Ui::StepListEditor editor;
    editor.setSteps(sample());
    QCOMPARE(editor.tree()->topLevelItemCount(), 3);
    QCOMPARE(editor.tree()->topLevelItem(2)->childCount(), 2);
    QCOMPARE(editor.tree()->topLevelItem(2)->child(0)->text(0), QStringLiteral("io 3 ms"));
}

void tst_StepListEditor::addAppendsAndSelects()
{
    Ui::StepListEditor editor;
    editor.setContext(context());
    QSignalSpy spy(&editor, &Ui::StepListEditor::stepsChanged);
    editor.addStep(Kind::Call);
    QCOMPARE(spy.count(), 1);
    Model::Steps steps = spy.last().at(0).value<Model::Steps>();
    QCOMPARE(steps.size(), size_t(1));
    QCOMPARE(steps[0].kind, Kind::Call);
    QCOMPARE(steps[0].target, QStringLiteral("db"));
    QCOMPARE(spy.last().at(1).toString(), QString()); // structural: no merging
    QCOMPARE(editor.selectedAddress(), Ui::StepAddress{0});
    // a second step goes after the selected one
    editor.selectStep({0});
    editor.addStep(Kind::Publish);
    steps = editor.steps();
    QCOMPARE(steps.size(), size_t(2));
    QCOMPARE(steps[1].kind, Kind::Publish);
    QCOMPARE(steps[1].target, QStringLiteral("order_events"));
    QCOMPARE(editor.selectedAddress(), Ui::StepAddress{1});
}

void tst_StepListEditor::removeAndMove()
{
    Ui::StepListEditor editor;
    editor.setSteps(sample());
    QSignalSpy spy(&editor, &Ui::StepListEditor::stepsChanged);
    editor.selectStep({0});
    editor.moveSelected(1);
    Model::Steps expected = sample();
    std::swap(expected[0], expected[1]);
    QCOMPARE(editor.steps(), expected);
    QCOMPARE(editor.selectedAddress(), Ui::StepAddress{1});
    editor.moveSelected(-1);
    QCOMPARE(editor.steps(), sample());
    // nested steps move within their own list
    editor.selectStep({2, 1});
    editor.moveSelected(-1);
    QCOMPARE(editor.steps()[2].steps[0].kind, Kind::Cpu);
    editor.moveSelected(-1); // already first: nothing
    QCOMPARE(editor.steps()[2].steps[0].kind, Kind::Cpu);
    editor.selectStep({1});
    editor.removeSelected();
    QCOMPARE(editor.steps().size(), size_t(2));
    QCOMPARE(editor.steps()[1].kind, Kind::Parallel);
    QCOMPARE(spy.count(), 4);
    QCOMPARE(spy.last().at(0).value<Model::Steps>(), editor.steps());
}

void tst_StepListEditor::addInsideNests()
{
    Ui::StepListEditor editor;
    editor.setContext(context());
    editor.setSteps(sample());
    editor.selectStep({1}); // the call: nested steps are its fallback
    editor.addInside(Kind::Io);
    QCOMPARE(editor.steps()[1].fallback.size(), size_t(1));
    QCOMPARE(editor.steps()[1].fallback[0].kind, Kind::Io);
    QCOMPARE(editor.selectedAddress(), (Ui::StepAddress{1, 0}));
    editor.selectStep({2});
    editor.addInside(Kind::Probability);
    QCOMPARE(editor.steps()[2].steps.size(), size_t(3));
    editor.selectStep({2, 2});
    editor.addInside(Kind::Cache);
    const Step &cache = editor.steps()[2].steps[2].steps[0];
    QCOMPARE(cache.kind, Kind::Cache);
    QCOMPARE(cache.target, QStringLiteral("catalog_cache"));
    QCOMPARE(editor.tree()->topLevelItem(2)->child(2)->child(0)->text(0),
             QStringLiteral("cache catalog_cache 1000 keys"));
    // a cpu step cannot hold steps
    editor.selectStep({0});
    const Model::Steps before = editor.steps();
    editor.addInside(Kind::Cpu);
    QCOMPARE(editor.steps(), before);
}

void tst_StepListEditor::detailEditEmitsWithFieldKey()
{
    Ui::StepListEditor editor;
    editor.setContext(context());
    editor.setBasePath(QStringLiteral("$.components[1].handlers.browse"));
    editor.setSteps(sample());
    editor.show();
    editor.selectStep({1});
    auto *timeout = qobject_cast<Ui::NumberField *>(
        editor.detailField(QStringLiteral("[1].timeout_ms")));
    QVERIFY(timeout);
    QCOMPARE(timeout->value(), 500.0);
    QSignalSpy spy(&editor, &Ui::StepListEditor::stepsChanged);
    timeout->setValue(750);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(1).toString(), QStringLiteral("[1].timeout_ms"));
    QCOMPARE(editor.steps()[1].timeoutMs, std::optional<double>(750));
    QCOMPARE(editor.tree()->topLevelItem(1)->text(0),
             QStringLiteral("call catalog get_item · timeout 750 ms · 2 retries"));
    editor.selectStep({2, 0});
    auto *io = editor.detailField(QStringLiteral("[2].parallel[0].io_ms.value"));
    QVERIFY(io);
}

void tst_StepListEditor::setStepsKeepsSelection()
{
    Ui::StepListEditor editor;
    editor.setSteps(sample());
    editor.selectStep({2, 1});
    QSignalSpy spy(&editor, &Ui::StepListEditor::stepsChanged);
    Model::Steps changed = sample();
    changed[2].steps[1].duration = Model::Distribution::constant(9);
    editor.setSteps(changed);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(editor.selectedAddress(), (Ui::StepAddress{2, 1}));
    QCOMPARE(editor.tree()->currentItem()->text(0), QStringLiteral("cpu 9 ms"));
}

void tst_StepListEditor::problemsColourTheStep()
{
    Ui::StepListEditor editor;
    editor.setBasePath(QStringLiteral("$.components[1].handlers.browse"));
    editor.setSteps(sample());
    const QString message = QStringLiteral("there is no component 'catalog'");
    editor.showProblems({{Model::Problem::Severity::Error,
                          QStringLiteral("$.components[1].handlers.browse[1].call"),
                          message,
                          0,
                          0}});
    QCOMPARE(editor.tree()->topLevelItem(1)->toolTip(0), message);
    QVERIFY(editor.tree()->topLevelItem(0)->toolTip(0).isEmpty());
    QVERIFY(editor.focusPath(QStringLiteral("$.components[1].handlers.browse[1].call")));
    QCOMPARE(editor.selectedAddress(), Ui::StepAddress{1});
}

QTEST_MAIN(tst_StepListEditor)
#include "tst_steplisteditor.moc"
