# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class SaleFollowupProgress(models.Model):
    """A factory's report on one line of its order: the quantities produced, inspected and ready
    to date. Reports are kept as a log (nobody edits or deletes them but purchase managers)."""

    _name = "sale.followup.progress"
    _description = "Factory Production Progress"
    _order = "date desc, id desc"
    _check_company_auto = True

    purchase_line_id = fields.Many2one(
        "purchase.order.line", required=True, ondelete="cascade", index=True, string="Factory Order Line"
    )
    order_id = fields.Many2one(related="purchase_line_id.order_id", store=True, string="Factory Order")
    company_id = fields.Many2one(related="purchase_line_id.company_id", store=True)
    product_id = fields.Many2one(related="purchase_line_id.product_id")
    product_qty = fields.Float(related="purchase_line_id.product_qty", string="Ordered")
    date = fields.Date(required=True, default=fields.Date.context_today)
    qty_produced = fields.Float(string="Produced", digits="Product Unit of Measure")
    qty_inspected = fields.Float(string="Inspected", digits="Product Unit of Measure")
    qty_ready = fields.Float(string="Ready", digits="Product Unit of Measure")
    note = fields.Char()
    user_id = fields.Many2one(
        "res.users", string="Logged by", default=lambda self: self.env.user, readonly=True
    )

    @api.constrains("date", "qty_produced", "qty_inspected", "qty_ready")
    def _check_progress(self):
        for progress in self:
            rounding = progress.purchase_line_id.product_uom.rounding or 0.01
            quantities = (progress.qty_produced, progress.qty_inspected, progress.qty_ready)
            if any(float_compare(qty, 0, precision_rounding=rounding) < 0 for qty in quantities):
                raise ValidationError(
                    self.env._("Produced, inspected and ready quantities cannot be negative.")
                )
            if any(
                float_compare(qty, progress.qty_produced, precision_rounding=rounding) > 0
                for qty in (progress.qty_inspected, progress.qty_ready)
            ):
                raise ValidationError(
                    self.env._(
                        "More cannot be inspected or ready than produced (%(qty)s).",
                        qty=progress.qty_produced,
                    )
                )
            today = progress.company_id.partner_id._sale_local_today()
            if progress.date > today:
                raise ValidationError(self.env._("A progress report cannot be dated in the future."))
