# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleCustomerTier(models.Model):
    _inherit = "sale.customer.tier"

    # An integer field cannot be empty (it reads 0), so the tier says whether it has its own period.
    pool_own_period = fields.Boolean(
        string="Own Pool Period",
        help="Customers of this tier return to the public pool after their own period, not the default "
        "of the Sales settings.",
    )
    pool_days = fields.Integer(
        string="Returns to the Pool After (days)",
        default=90,
        help="Days without a logged contact or a confirmed order before a customer of this tier returns "
        "to the public pool.",
    )

    @api.constrains("pool_own_period", "pool_days")
    def _check_pool_days(self):
        for tier in self.filtered("pool_own_period"):
            if tier.pool_days < 1:
                raise ValidationError(
                    self.env._("The pool period of tier %(tier)s must be at least one day.", tier=tier.name)
                )
