# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

OWNER_ROLES = [
    ("assistant", "Sales assistant (else the salesperson)"),
    ("salesperson", "Salesperson"),
]


class SaleFollowupTemplateLine(models.Model):
    _name = "sale.followup.template.line"
    _description = "Follow-up Template Milestone"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("sale.followup.template", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Milestone", required=True, translate=True)
    lead_days = fields.Integer(
        string="Days Before Delivery",
        help="The milestone is planned this many days before the order's delivery date; a negative "
        "number plans it after the delivery date (B/L, documents sent, balance received).",
    )
    owner_role = fields.Selection(
        OWNER_ROLES,
        string="Default Owner",
        required=True,
        default="assistant",
        help="Who follows the milestone on each order: the order's assistant (the salesperson when "
        "the order has none) or the salesperson.",
    )
