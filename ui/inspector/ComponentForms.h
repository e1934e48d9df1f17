// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Binder.h"
#include "FieldRegistry.h"
#include "Scenario.h"
#include "SchemaForm.h"

#include <QWidget>

#include <functional>
#include <memory>

class QFormLayout;
class QVBoxLayout;

namespace Ui {

/**
 * The property form of one component kind. setComponent() shows a component without
 * emitting (feedback is blocked); every user edit emits edited() with the whole changed
 * component and a merge key naming the field (".concurrency.threads"). Field widgets are
 * registered with their JSON paths below `basePath` ("$.components[2]"), so showProblems()
 * can frame them and focusPath() can find them.
 */
class ComponentForm : public QWidget
{
    Q_OBJECT
    friend class ComponentFormRegistry;

public:
    explicit ComponentForm(QWidget *parent = nullptr);
    ~ComponentForm() override;

    virtual void setComponent(const Model::Component &component,
                              const Model::Scenario &scenario,
                              const QString &basePath);
    const Model::Component &component() const { return m_binder->value(); }
    virtual void showProblems(const Model::Problems &problems);
    /** Focuses the field that edits `path`; false when no field of this form does. */
    virtual bool focusPath(const QString &path);
    /** Scrolls to the field (or step) that edits `path` and selects it, without taking the
     *  focus; false when no field of this form does. */
    virtual bool revealPath(const QString &path);
    virtual QWidget *fieldFor(const QString &path) const;

signals:
    void edited(const Model::Component &after, const QString &mergeKey);

protected:
    Binder<Model::Component> &binder() { return *m_binder; }
    QVBoxLayout *sections() const { return m_sections; }
    /** A titled section with a form layout, appended to the form. */
    QFormLayout *addSection(const QString &title);
    /** Ids of the scenario's components of these kinds, except the shown one. */
    QStringList idsOf(const QList<Model::ComponentKind> &kinds) const;
    std::function<QStringList()> idChoices(const QList<Model::ComponentKind> &kinds) const;
    /** Reference rows offer the ids of the kinds they may name (idsOf()). */
    SchemaOptions schemaOptions() const;
    /** The fields of `table` bound to the component at "<prefix>.<key>" (SchemaFields). */
    template<typename Owner, typename Access>
    SchemaFields<Model::Component, Owner, Access> fields(Model::Format::Table<Owner> table,
                                                         const QString &prefix,
                                                         Access access)
    {
        return schemaFields(*m_binder, table, prefix, std::move(access), schemaOptions());
    }
    const Model::Scenario *scenario() const { return m_scenario; }
    FieldRegistry &registry() { return m_registry; }

private:
    FieldRegistry m_registry;
    std::unique_ptr<Binder<Model::Component>> m_binder;
    const Model::Scenario *m_scenario = nullptr;
    QVBoxLayout *m_sections;
};

/**
 * The form factories, one per component kind (STYLE.md #10: kinds plug in, no switch).
 * The built-in kinds are registered on first use; create() of a kind without a form gives
 * a form that only says so.
 */
class ComponentFormRegistry
{
public:
    using Factory = std::function<ComponentForm *()>;
    static void registerForm(Model::ComponentKind kind, Factory factory);
    static ComponentForm *create(Model::ComponentKind kind);
};

/** Kinds a request can be sent to (calls, targets, routes, pools). */
QList<Model::ComponentKind> requestKinds();
/** Kinds a reference of the format may name (Model::Format::Refers). */
QList<Model::ComponentKind> referredKinds(Model::Format::Refers refers);

} // namespace Ui
