# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

CONTAINER_TYPES = [
    ("20gp", "20' GP"),
    ("40gp", "40' GP"),
    ("40hq", "40' HQ"),
    ("45hq", "45' HQ"),
    ("20rf", "20' Reefer"),
    ("40rf", "40' Reefer"),
    ("lcl", "LCL (cbm)"),
]


class SaleShipmentContainer(models.Model):
    _name = "sale.shipment.container"
    _description = "Booked Containers"
    _order = "booking_id, id"

    booking_id = fields.Many2one("sale.shipment.booking", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="booking_id.company_id", store=True)
    container_type = fields.Selection(CONTAINER_TYPES, string="Type", required=True, default="40hq")
    count = fields.Integer(required=True, default=1)
    container_numbers = fields.Char(help="The container numbers, separated by commas, once loaded.")
    seal_numbers = fields.Char(help="The seal numbers, in the same order as the containers.")

    @api.constrains("count", "container_numbers", "seal_numbers")
    def _check_count(self):
        for line in self:
            if line.count <= 0:
                raise ValidationError(self.env._("A container line needs at least one container."))
            for label, numbers in (
                (self.env._("container numbers"), line.container_numbers),
                (self.env._("seal numbers"), line.seal_numbers),
            ):
                if len(self._split(numbers)) > line.count:
                    raise ValidationError(
                        self.env._(
                            "%(count)s container(s) booked but more %(what)s given.",
                            count=line.count,
                            what=label,
                        )
                    )

    def write(self, vals):
        if "booking_id" in vals and any(line.booking_id.id != vals["booking_id"] for line in self):
            raise ValidationError(self.env._("Containers cannot move to another booking."))
        return super().write(vals)

    def unlink(self):
        # The booking's own constraint does not see its lines deleted one by one.
        bookings = self.booking_id
        result = super().unlink()
        bookings.exists()._check_containers()
        return result

    @staticmethod
    def _split(numbers):
        return [number for number in re.split(r"[,;\s]+", numbers or "") if number]
