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

    @api.constrains("factory_id")
    def _check_factory_id(self):
        lines = self.filtered("factory_id")
        for line in lines:
            if not line.factory_id.is_factory:
                raise ValidationError(
                    self.env._("%(partner)s is not a factory.", partner=line.factory_id.display_name)
                )
        user = self.env.user
        if self.env.su or not user._is_restricted_sale_assistant():
            return
        for line in lines.filtered(lambda ln: ln.order_id.user_id != user):
            line.factory_id._check_sale_assistant_can_use(line.order_id.user_id, self.env._("factory"))
