# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleProtectionPoolClaim(models.Model):
    """One claim of a customer from the public pool: what the daily quota counts (one query for
    a salesperson's day). Written only by the Claim action; nobody edits or deletes it."""

    _name = "sale.protection.pool.claim"
    _description = "Public Pool Claim"
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", string="Claimed By", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True, help="The day of the claim in the company's timezone.")
    previous_owner_id = fields.Many2one("res.users", ondelete="set null")
