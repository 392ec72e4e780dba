# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .sale_receivable_line import OVERDUE_BUCKETS


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The receivables board finds the payments of a salesperson's customers by it.
    user_id = fields.Many2one(index="btree_not_null")
    sale_receivable_promise_ids = fields.One2many(
        "sale.receivable.promise", "partner_id", string="Follow-up Notes and Promises"
    )
    sale_broken_promise_count = fields.Integer(
        string="Broken Promises",
        compute="_compute_sale_broken_promise_count",
        help="Promises to pay of this customer whose date passed unpaid.",
    )

    sale_receivable_open_line_ids = fields.One2many(
        "sale.receivable.line",
        compute="_compute_sale_receivable_open_line_ids",
        string="Open Invoices",
        help="What this customer owes, as far as the current user may see (used by the reminder).",
    )

    def _compute_sale_receivable_open_line_ids(self):
        lines = self.env["sale.receivable.line"].search(
            [("partner_id", "in", self.commercial_partner_id.ids), ("kind", "=", "receivable")],
            order="date_maturity, id",
        )
        for partner in self:
            partner.sale_receivable_open_line_ids = lines.filtered(
                lambda line, customer=partner.commercial_partner_id: line.partner_id == customer
            )

    def _compute_sale_broken_promise_count(self):
        # Counted over every promise: whoever sees the customer sees how reliable it is.
        counts = dict(
            self.env["sale.receivable.promise"]
            .sudo()
            ._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids), ("state", "=", "broken")],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.sale_broken_promise_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_sale_receivable_promises(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_assistant.sale_receivable_promise_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def _sale_receivable_statement(self):
        """What this customer owes, per currency, as the current user may see it: every open item
        (credit notes and unapplied payments included, since they lower the balance) and the
        totals of each age bucket. Read by the statement report attached to the reminder."""
        self.ensure_one()
        lines = self.env["sale.receivable.line"].search(
            [("partner_id", "=", self.commercial_partner_id.id)], order="currency_id, date_maturity, id"
        )
        bucket_fields = ["amount_not_due", "amount_due_soon", *OVERDUE_BUCKETS]
        kinds = dict(lines._fields["kind"]._description_selection(self.env))
        statement = []
        for currency in lines.currency_id:
            currency_lines = lines.filtered(lambda line, currency=currency: line.currency_id == currency)
            statement.append(
                {
                    "currency": currency,
                    "rows": [
                        {
                            # The line is visible, its payment entry may not be: its name is.
                            "document": line.move_id.sudo().name,
                            "kind": kinds[line.kind] if line.kind != "receivable" else "",
                            "date": line.date,
                            "date_maturity": line.date_maturity,
                            "days_overdue": line.days_overdue if line.kind == "receivable" else 0,
                            "amount": line.amount_residual,
                        }
                        for line in currency_lines
                    ],
                    "balance": sum(currency_lines.mapped("amount_residual")),
                    "buckets": {name: sum(currency_lines.mapped(name)) for name in bucket_fields},
                }
            )
        return statement
