# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    def action_merge(self):
        """Merging RFQs may also fold duplicate lines of the kept RFQ together and delete all but
        one (no hook in between): their sale lines go to the line that stays."""
        before = [
            (line.id, line.product_id, line.product_uom, line.followup_sale_line_ids)
            for line in self.order_line
            if line.followup_sale_line_ids
        ]
        result = super().action_merge()
        kept = {
            (line.product_id, line.product_uom): line
            for line in self.exists().filtered(lambda order: order.state != "cancel").order_line
        }
        for line_id, product, uom, sale_lines in before:
            survivor = kept.get((product, uom))
            if survivor and not self.env["purchase.order.line"].browse(line_id).exists():
                survivor.followup_sale_line_ids |= sale_lines
        return result
