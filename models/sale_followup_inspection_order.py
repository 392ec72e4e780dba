# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from .sale_followup_inspection import BLOCKS_BOOKING_PARAM


class SaleOrder(models.Model):
    _inherit = "sale.order"

    followup_inspection_ids = fields.One2many("sale.followup.inspection", "order_id", string="Inspections")

    def _followup_check_bookable(self):
        """With the setting on, an order whose latest inspection failed cannot be booked: it is
        inspected again (and passes) first."""
        if not self.env["ir.config_parameter"].sudo().get_param(BLOCKS_BOOKING_PARAM):
            return
        for order in self:
            latest = order.sudo().followup_inspection_ids.sorted(lambda i: (i.date, i.id))[-1:]
            if latest.result == "fail":
                raise UserError(
                    self.env._(
                        "%(order)s failed its inspection of %(date)s: it cannot be booked before it passes "
                        "an inspection.",
                        order=order.name,
                        date=latest.date,
                    )
                )
