# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "sale.assistant.document.mixin"]

    assistant_id = fields.Many2one(
        string="Prepared by",
        help="The sales assistant who made this order on the salesperson's behalf.",
    )
    sale_contract_code = fields.Char(
        related="user_id.sale_contract_code",
        string="Contract Code",
    )

    sale_sample_ids = fields.Many2many(
        "sale.sample",
        "sale_sample_sale_order_rel",
        "order_id",
        "sample_id",
        string="Samples",
        copy=False,
    )
    sale_sample_count = fields.Integer(string="Sample Count", compute="_compute_sale_sample_count")

    @api.depends("sale_sample_ids")
    def _compute_sale_sample_count(self):
        counts = dict(
            self.env["sale.sample"]._read_group(
                [("sale_order_ids", "in", self.ids)], ["sale_order_ids"], ["__count"]
            )
        )
        for order in self:
            order.sale_sample_count = counts.get(order._origin, 0)

    def action_view_sale_samples(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_assistant.sale_sample_action")
        action["domain"] = [("sale_order_ids", "in", self.ids)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_user_id": self.user_id.id,
            "default_sale_order_ids": self.ids,
        }
        return action

    def _compute_user_id(self):
        # The salesperson an assistant picked first must not be replaced by the customer's owner.
        if self.env.user._is_restricted_sale_assistant():
            return super(SaleOrder, self.filtered(lambda o: not o.user_id))._compute_user_id()
        return super()._compute_user_id()

    @api.constrains("user_id", "partner_id", "assistant_id")
    def _check_sale_assistant_choices(self):
        self._check_prepared_by_current_assistant()

    def _sale_assistant_counterparts(self):
        self.ensure_one()
        return [
            (self.partner_id, self.env._("customer")),
            (self.order_line.factory_id, self.env._("factory")),
        ]
