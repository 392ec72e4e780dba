# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.filtered(lambda order: order.state == "sale")._sale_pool_note_confirmed()
        return orders

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "sale":
            self._sale_pool_note_confirmed()
        return result

    def _sale_pool_note_confirmed(self):
        """A confirmed order is activity with its customer: it moves the customer's last order
        date (never back) and so the day it would return to the public pool."""
        last = {}
        # Whoever confirms may not read every customer it moves (an assistant, protection on).
        for order in self.sudo():
            customer = order.partner_id.commercial_partner_id
            last[customer] = max(last.get(customer, order.date_order), order.date_order)
        customers = self.env["res.partner"].sudo()
        for customer, moment in last.items():
            if not customer.sale_last_order_date or customer.sale_last_order_date < moment:
                customer.with_context(sale_pool_move=True).write({"sale_last_order_date": moment})
                customers |= customer
        customers._sale_pool_close_warnings()
