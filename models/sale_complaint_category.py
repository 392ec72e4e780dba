# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleComplaintCategory(models.Model):
    _name = "sale.complaint.category"
    _description = "Complaint Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True, help="What belongs in this category, for whoever takes the call."
    )

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A complaint category with this name already exists."),
    ]
