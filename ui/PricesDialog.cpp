// SPDX-License-Identifier: GPL-3.0-or-later
#include "PricesDialog.h"

#include "format/Schema.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace Ui {

namespace {

using CostField = Model::Format::Field<Model::CostPrices>;
using PriceMember = std::optional<double> Model::CostPrices::*;

PriceMember priceMember(const CostField &f)
{
    const auto *m = std::get_if<PriceMember>(&f.member);
    return m ? *m : nullptr;
}

QString number(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
}

} // namespace

PricesDialog::PricesDialog(const std::optional<Model::CostPrices> &prices, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Project Prices"));
    setMinimumWidth(460);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("What the project's scenarios cost to run, in US dollars per hour (external APIs: "
           "per million calls). An empty field takes the default, an on-demand list price (its "
           "source is in the tooltip and in docs/compare.md); a scenario's own \"cost\" block "
           "wins over these."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    if (prices)
        m_extra.extra = prices->extra;
    for (const CostField &f : Model::Format::costFields()) {
        const PriceMember member = priceMember(f);
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("price_") + QString::fromLatin1(f.key));
        const int decimals = f.decimals > 0 ? f.decimals : 4;
        if (f.deflt)
            edit->setPlaceholderText(tr("%1 (default)").arg(number(*f.deflt, decimals)));
        if (member && prices && (*prices).*member)
            edit->setText(number(*((*prices).*member), decimals));
        edit->setToolTip(tr("%1. \"%2\" in the format; default %3 $")
                             .arg(QString::fromUtf8(f.tip),
                                  QString::fromLatin1(f.key),
                                  f.deflt ? number(*f.deflt, decimals) : QStringLiteral("-")));
        connect(edit, &QLineEdit::textChanged, this, [this] { m_message->setText(problem()); });
        form->addRow(tr("%1 ($)").arg(QString::fromUtf8(f.label)), edit);
        m_fields.append(edit);
    }
    layout->addLayout(form);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("pricesMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #cf222e"));
    layout->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                             | QDialogButtonBox::RestoreDefaults,
                                         this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PricesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PricesDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults),
            &QPushButton::clicked,
            this,
            &PricesDialog::resetToDefaults);
    layout->addWidget(buttons);
}

QLineEdit *PricesDialog::field(const QString &key) const
{
    qsizetype i = 0;
    for (const CostField &f : Model::Format::costFields()) {
        if (QString::fromLatin1(f.key) == key)
            return m_fields.value(i);
        ++i;
    }
    return nullptr;
}

void PricesDialog::resetToDefaults()
{
    for (QLineEdit *edit : m_fields)
        edit->clear();
}

QString PricesDialog::problem() const
{
    qsizetype i = 0;
    for (const CostField &f : Model::Format::costFields()) {
        const QString text = m_fields.at(i++)->text().trimmed();
        if (text.isEmpty())
            continue;
        bool ok = false;
        double v = text.toDouble(&ok);
        if (!ok)
            v = QLocale().toDouble(text, &ok);
        const double max = std::isfinite(f.range.max) ? f.range.max : 1e6;
        if (!ok || !std::isfinite(v) || !f.range.contains(v) || v > max)
            return tr("%1: \"%2\" is not a price; give a number from 0 to %3, or leave it empty "
                      "for the default")
                .arg(QString::fromUtf8(f.label), text, QString::number(max));
    }
    return {};
}

std::optional<Model::CostPrices> PricesDialog::prices() const
{
    Model::CostPrices out = m_extra;
    bool any = !out.extra.isEmpty();
    qsizetype i = 0;
    for (const CostField &f : Model::Format::costFields()) {
        const QString text = m_fields.at(i++)->text().trimmed();
        const PriceMember member = priceMember(f);
        if (text.isEmpty() || !member)
            continue;
        bool ok = false;
        double v = text.toDouble(&ok);
        if (!ok)
            v = QLocale().toDouble(text, &ok);
        if (ok) {
            out.*member = v;
            any = true;
        }
    }
    return any ? std::optional<Model::CostPrices>(out) : std::nullopt;
}

void PricesDialog::accept()
{
    const QString why = problem();
    m_message->setText(why);
    if (why.isEmpty())
        QDialog::accept();
}

} // namespace Ui
