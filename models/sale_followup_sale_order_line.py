# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

from .sale_followup_config_settings import DEFAULT_FACTORY_MARGIN_DAYS, FACTORY_MARGIN_PARAM


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # The explicit link to what the factory makes for this line, independent of procurement
    # (make-to-order links one purchase line per sale line, and loses it when orders are merged).
    followup_purchase_line_ids = fields.Many2many(
        "purchase.order.line",
        "sale_followup_line_purchase_rel",
        "sale_line_id",
        "purchase_line_id",
        string="Factory Order Lines",
        copy=False,
        groups="purchase.group_purchase_user",
    )
    # What salespeople and assistants (who have no purchase rights) see of the factory orders.
    followup_factory_orders = fields.Char(
        string="Factory Orders", compute="_compute_followup_factory", compute_sudo=True
    )
    followup_date_needed = fields.Date(
        string="Needed from Factory",
        compute="_compute_followup_factory",
        compute_sudo=True,
        help="The order's delivery date minus the days set in Sales settings.",
    )
    followup_date_promised = fields.Date(
        string="Factory Promised",
        compute="_compute_followup_factory",
        compute_sudo=True,
        help="The latest date the factory promised on its order lines for this line.",
    )
    followup_factory_late = fields.Boolean(
        string="Factory Late",
        compute="_compute_followup_factory",
        compute_sudo=True,
        help="The factory promised a date later than needed.",
    )
    followup_qty_ready = fields.Float(
        string="Ready at Factory",
        compute="_compute_followup_factory",
        compute_sudo=True,
        digits="Product Unit of Measure",
    )

    @api.depends(
        "followup_purchase_line_ids.date_planned",
        "followup_purchase_line_ids.order_id.state",
        "followup_purchase_line_ids.followup_qty_ready",
        "order_id.commitment_date",
    )
    def _compute_followup_factory(self):
        margin = timedelta(days=self._followup_factory_margin_days())
        for line in self:
            purchase_lines = line._followup_active_purchase_lines()
            line.followup_factory_orders = ", ".join(purchase_lines.order_id.mapped("name"))
            line.followup_date_needed = line.order_id.id and line.order_id._followup_delivery_date() - margin
            promised = [line._followup_local_date(date) for date in purchase_lines.mapped("date_planned")]
            line.followup_date_promised = max(promised, default=False)
            line.followup_factory_late = (
                bool(promised) and line.followup_date_promised > line.followup_date_needed
            )
            line.followup_qty_ready = sum(purchase_lines.mapped("followup_qty_ready"))

    def _followup_active_purchase_lines(self):
        """The factory order lines that still stand (a cancelled factory order is ordered again)."""
        return self.sudo().followup_purchase_line_ids.filtered(lambda line: line.order_id.state != "cancel")

    def _followup_local_date(self, moment):
        return self.order_id.company_id.partner_id._sale_local_date(moment)

    @api.model
    def _followup_factory_margin_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(FACTORY_MARGIN_PARAM)
        return int(value) if value not in (None, False, "") else DEFAULT_FACTORY_MARGIN_DAYS

    def _followup_purchase_line_values(self):
        self.ensure_one()
        date_needed = self.followup_date_needed
        return {
            "product_id": self.product_id.id,
            "name": self.name,
            "product_qty": self.product_uom_qty,
            "product_uom": self.product_uom.id,
            "date_planned": fields.Datetime.to_datetime(date_needed).replace(hour=12),
            "followup_sale_line_ids": [fields.Command.link(self.id)],
        }
