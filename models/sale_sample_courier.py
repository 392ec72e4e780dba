# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import quote

from odoo import api, fields, models
from odoo.exceptions import ValidationError

TRACKING_PLACEHOLDER = "{tracking}"


class SaleSampleCourier(models.Model):
    _name = "sale.sample.courier"
    _description = "Courier (速遞公司)"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    tracking_url = fields.Char(
        string="Tracking URL Pattern",
        help="The courier's tracking page, with {tracking} where the tracking number goes, e.g. "
        "https://www.example-courier.com/track?number={tracking}",
    )

    @api.constrains("tracking_url")
    def _check_tracking_url(self):
        for courier in self.filtered("tracking_url"):
            if TRACKING_PLACEHOLDER not in courier.tracking_url or not courier.tracking_url.startswith(
                ("http://", "https://")
            ):
                raise ValidationError(
                    self.env._(
                        "The tracking URL of %(courier)s must start with http:// or https:// and contain "
                        "{tracking} where the tracking number goes.",
                        courier=courier.name,
                    )
                )

    def _tracking_link(self, tracking_number):
        self.ensure_one()
        if not (self.tracking_url and tracking_number):
            return False
        return self.tracking_url.replace(TRACKING_PLACEHOLDER, quote(tracking_number.strip(), safe=""))
