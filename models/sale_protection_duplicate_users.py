# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .sale_protection_duplicate_partner import SKIP_DUPLICATE_CHECK


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        # The new user's partner is created first, still looking like a person nobody owns: a
        # colleague who shares a customer's name is not a duplicate of that customer.
        users = super(ResUsers, self.with_context(sale_duplicate_skip=SKIP_DUPLICATE_CHECK)).create(vals_list)
        return users.with_env(self.env)
