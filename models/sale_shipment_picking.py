# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # The warehouse sees what leaves when: the booking's dates, read as the system (related).
    shipment_booking_id = fields.Many2one(
        "sale.shipment.booking", index="btree_not_null", readonly=True, copy=False
    )
    shipment_etd = fields.Date(related="shipment_booking_id.etd")
    shipment_cy_cutoff = fields.Datetime(related="shipment_booking_id.cy_cutoff")
    shipment_vessel = fields.Char(related="shipment_booking_id.vessel")
    shipment_container_count = fields.Integer(related="shipment_booking_id.container_count")
    shipment_booking_name = fields.Char(related="shipment_booking_id.name", string="Booking Reference")

    def write(self, vals):
        # Only the booking links its deliveries (it checks the user may edit the orders).
        if "shipment_booking_id" in vals and not self.env.su:
            raise UserError(self.env._("Add the order to a shipment booking to link its deliveries."))
        return super().write(vals)
