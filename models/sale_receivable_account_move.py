# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    # The receivables board filters every salesperson's open items by it (see sale.receivable.line).
    invoice_user_id = fields.Many2one(index="btree_not_null")
