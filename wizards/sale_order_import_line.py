# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

MATCH_STATUSES = [("matched", "Matched"), ("ambiguous", "Ambiguous"), ("unmatched", "Unmatched")]


class SaleOrderImportLine(models.TransientModel):
    _name = "sale.order.import.line"
    _description = "Customer Order Import: Line"
    _order = "wizard_id, row"

    wizard_id = fields.Many2one("sale.order.import", required=True, ondelete="cascade")
    row = fields.Integer(required=True)
    product_code = fields.Char()
    description = fields.Char()
    quantity = fields.Float(digits="Product Unit of Measure")
    price_unit = fields.Float(digits="Product Price")
    has_price = fields.Boolean(help="The file gives a unit price; otherwise the pricelist's applies.")
    requested_date = fields.Date()
    candidate_ids = fields.Many2many("product.product", string="Candidates")
    matched_by = fields.Char(help="How the product was found.")
    product_id = fields.Many2one(
        "product.product",
        domain="[('id', 'in', candidate_ids)] if candidate_ids else [('sale_ok', '=', True)]",
    )
    # Shown in the preview only: computed when read, so that inserting the rows needs no draft
    # record each to precompute it.
    status = fields.Selection(MATCH_STATUSES, compute="_compute_status")

    @api.depends("product_id", "candidate_ids")
    def _compute_status(self):
        for line in self:
            if line.product_id:
                line.status = "matched"
            elif len(line.candidate_ids) > 1:
                line.status = "ambiguous"
            else:
                line.status = "unmatched"
