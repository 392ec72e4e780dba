# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    sale_receivable_digest_week = fields.Char(
        string="Receivables Digest Sent For",
        copy=False,
        readonly=True,
        help="ISO week (e.g. 2026-W48) of the last receivables digest sent to this user.",
    )
    sale_receivable_team_digest_week = fields.Char(
        string="Team Receivables Digest Sent For",
        copy=False,
        readonly=True,
        help="ISO week of the last team receivables digest sent to this team manager.",
    )
