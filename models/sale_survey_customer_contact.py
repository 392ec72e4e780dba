# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleCustomerContact(models.Model):
    _inherit = "sale.customer.contact"

    sale_survey_invitation_id = fields.Many2one(
        "sale.survey.invitation",
        string="Survey Invitation",
        index="btree_not_null",
        ondelete="set null",
        help="The satisfaction survey this contact chased or followed up.",
    )
