// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scenario.h"

#include <QDialog>
#include <QList>

#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
QT_END_NAMESPACE

namespace Ui {

/**
 * Project > Prices…: the project's cost model (docs/compare.md, "Cost"), one field per
 * price of the format's cost table, its default and source in the placeholder and tooltip.
 * An empty field takes the default. The dialog edits a copy: prices() is what the user
 * accepted, for the caller to give to ProjectDocument::setPrices.
 */
class PricesDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit PricesDialog(const std::optional<Model::CostPrices> &prices,
                          QWidget *parent = nullptr);

    /** The prices as the fields say: nullopt when every field is empty (the defaults). */
    std::optional<Model::CostPrices> prices() const;
    /** Empties every field (the defaults). */
    void resetToDefaults();
    /** The field of a price by its key in the format (e.g. "vcpu_hour"); for the tests. */
    QLineEdit *field(const QString &key) const;

    void accept() override;

private:
    /** Why the fields cannot be accepted, naming the price; empty when they can. */
    QString problem() const;

    QList<QLineEdit *> m_fields; ///< in the order of the format's cost table
    QLabel *m_message = nullptr;
    Model::CostPrices m_extra; ///< keys this version does not know, kept as they were
};

} // namespace Ui
