# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    followup_sale_line_ids = fields.Many2many(
        "sale.order.line",
        "sale_followup_line_purchase_rel",
        "purchase_line_id",
        "sale_line_id",
        string="For Sale Order Lines",
        copy=False,
    )
    # Buyers without sales rights read no sale lines: they see the orders' names.
    followup_sale_orders = fields.Char(
        string="For Sale Orders", compute="_compute_followup_sale_orders", compute_sudo=True
    )
    followup_progress_ids = fields.One2many(
        "sale.followup.progress", "purchase_line_id", string="Production Progress"
    )
    followup_qty_produced = fields.Float(
        string="Produced", compute="_compute_followup_progress", digits="Product Unit of Measure"
    )
    followup_qty_inspected = fields.Float(
        string="Inspected", compute="_compute_followup_progress", digits="Product Unit of Measure"
    )
    followup_qty_ready = fields.Float(
        string="Ready", compute="_compute_followup_progress", digits="Product Unit of Measure"
    )
    followup_date_progress = fields.Date(string="Progress On", compute="_compute_followup_progress")

    @api.depends("followup_sale_line_ids.order_id.name")
    def _compute_followup_sale_orders(self):
        for line in self:
            line.followup_sale_orders = ", ".join(line.followup_sale_line_ids.order_id.mapped("name"))

    @api.depends("followup_progress_ids.date", "followup_progress_ids.qty_ready")
    def _compute_followup_progress(self):
        """The latest report of the factory, which gives the quantities to date (not increments)."""
        for line in self:
            latest = line.followup_progress_ids.sorted(lambda p: (p.date, p.id))[-1:]
            line.followup_qty_produced = latest.qty_produced
            line.followup_qty_inspected = latest.qty_inspected
            line.followup_qty_ready = latest.qty_ready
            line.followup_date_progress = latest.date

    def _merge_po_line(self, rfq_line):
        # Merging RFQs folds rfq_line into this line and cancels its order: its sale lines move here.
        self.followup_sale_line_ids |= rfq_line.followup_sale_line_ids
        rfq_line.followup_sale_line_ids = [Command.clear()]
        return super()._merge_po_line(rfq_line)
