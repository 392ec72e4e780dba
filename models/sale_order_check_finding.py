# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

FINDING_KINDS = [
    ("pricelist_price", "Price differs from the pricelist"),
    ("last_price", "Price differs from the customer's last price"),
    ("unusual_quantity", "Unusual quantity for this customer"),
    ("new_product", "Product never ordered by this customer"),
    ("duplicate_po", "Customer PO number already used"),
    ("missing_date", "No requested date"),
    ("past_date", "Requested date in the past"),
]


class SaleOrderCheckFinding(models.Model):
    _name = "sale.order.check.finding"
    _description = "Order Check Finding"
    _order = "order_id, line_sequence, id"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    line_id = fields.Many2one("sale.order.line", ondelete="cascade", index="btree_not_null")
    # Precomputed: the checks insert findings in batches, without a second pass to update them.
    line_sequence = fields.Integer(related="line_id.sequence", store=True, precompute=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, precompute=True, index=True)
    kind = fields.Selection(FINDING_KINDS, required=True)
    message = fields.Char(required=True, help="What was found and why it is unusual.")
    acknowledged_by_id = fields.Many2one("res.users", string="Acknowledged by", readonly=True)
    acknowledged_at = fields.Datetime(readonly=True)

    def action_acknowledge(self):
        """The finding was confirmed with the customer (or is as intended): record who and when.
        Only the system writes findings: whoever may edit the order acknowledges them."""
        self.order_id.check_access("write")
        self.sudo().filtered(lambda f: not f.acknowledged_by_id).write(
            {"acknowledged_by_id": self.env.uid, "acknowledged_at": fields.Datetime.now()}
        )
        return True
