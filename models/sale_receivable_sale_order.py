# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    sale_milestone_ids = fields.One2many(
        "sale.receivable.milestone", "order_id", string="Payment Milestones", copy=True
    )
    sale_deposit_unpaid = fields.Boolean(
        string="Deposit Unpaid",
        compute="_compute_sale_deposit_unpaid",
        help="A deposit milestone of this order has not been received.",
    )
    sale_production_date = fields.Date(
        string="Production Start", copy=False, help="Due date of the milestones due before production."
    )
    sale_bl_date = fields.Date(
        string="B/L Date",
        copy=False,
        help="Bill of lading date: milestones due N days after it count from it.",
    )
    sale_lc_number = fields.Char(string="L/C Number", copy=False)
    sale_lc_expiry_date = fields.Date(string="L/C Expiry", copy=False)
    sale_lc_presentation_date = fields.Date(
        string="L/C Latest Presentation",
        copy=False,
        help="The last day the shipping documents can be presented to the bank under the letter of credit.",
    )

    @api.depends("sale_milestone_ids.state", "sale_milestone_ids.kind")
    def _compute_sale_deposit_unpaid(self):
        for order in self:
            order.sale_deposit_unpaid = any(
                milestone.kind == "deposit" and milestone.state != "received"
                for milestone in order.sale_milestone_ids
            )

    @api.constrains("sale_lc_expiry_date", "sale_lc_presentation_date")
    def _check_sale_letter_of_credit(self):
        for order in self:
            expiry, presentation = order.sale_lc_expiry_date, order.sale_lc_presentation_date
            if expiry and presentation and expiry < presentation:
                raise ValidationError(
                    self.env._(
                        "The letter of credit of %(order)s expires on %(expiry)s, before its latest "
                        "presentation date %(presentation)s.",
                        order=order.name,
                        expiry=expiry,
                        presentation=presentation,
                    )
                )

    def _sale_milestone_share(self):
        """The share of the order's total its payment milestones ask for, in percent. Fixed amounts
        count once the order has a total (milestones may be written before the lines)."""
        self.ensure_one()
        share = 0.0
        for milestone in self.sale_milestone_ids:
            if milestone.amount_type == "percent":
                share += milestone.percent
            elif self.amount_total:
                share += milestone.fixed_amount * 100 / self.amount_total
        return share
