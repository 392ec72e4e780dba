# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # Same name and meaning as in stock_delivery, so both modules fill one field.
    hs_code = fields.Char(
        string="HS Code",
        help="Harmonized System code, for customs: printed on the commercial invoice and packing list.",
    )
    shipment_gross_weight = fields.Float(
        string="Gross Weight",
        digits="Stock Weight",
        help="The weight of one unit with its packing (the Weight field is the net weight).",
    )
