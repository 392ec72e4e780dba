# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..tools.order_sheet import FIELD_LABELS


class SaleOrderImportColumn(models.TransientModel):
    _name = "sale.order.import.column"
    _description = "Customer Order Import: Column"
    _order = "wizard_id, index"

    wizard_id = fields.Many2one("sale.order.import", required=True, ondelete="cascade")
    index = fields.Integer(required=True, help="0-based column index")
    letter = fields.Char(string="Column", required=True)
    header = fields.Char(string="Header in the File")
    field = fields.Selection(
        list(FIELD_LABELS.items()), string="Read as", help="Leave empty to ignore the column."
    )
