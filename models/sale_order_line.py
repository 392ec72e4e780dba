# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    factory_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        check_company=True,
        domain=[("is_factory", "=", True)],
        help="The factory that makes this product for the order. An assistant can pick only "
        "factories of the order's salesperson assigned to them.",
    )

    @api.constrains("factory_id", "order_id")
    def _check_factory_id(self):
        for line in self.filtered("factory_id"):
            if not line.factory_id.is_factory:
                raise ValidationError(
                    self.env._("%(partner)s is not a factory.", partner=line.factory_id.display_name)
                )
        # Lines are created before their order is checked: check it now for a clear message.
        self.order_id._check_prepared_by_current_assistant()
