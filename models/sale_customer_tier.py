# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleCustomerTier(models.Model):
    """How often a key customer (重點客戶) is called back, and what to talk about."""

    _name = "sale.customer.tier"
    _description = "Customer Tier"
    _order = "sequence, callback_interval_days, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    callback_interval_days = fields.Integer(
        string="Call Back Every (days)",
        required=True,
        default=30,
        help="A customer of this tier is due for a call-back this many days after the last contact.",
    )
    talking_points = fields.Html(
        translate=True,
        help="What to talk about on a call-back: company news, new products... Shown on the call-back.",
    )

    @api.constrains("callback_interval_days")
    def _check_callback_interval(self):
        for tier in self:
            if tier.callback_interval_days <= 0:
                raise ValidationError(
                    self.env._(
                        "The call-back interval of tier %(tier)s must be at least one day.", tier=tier.name
                    )
                )
