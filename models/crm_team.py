# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# What the Team Documents record rules read of a team (see res.users._sale_access_changed).
ACCESS_FIELDS = {"active", "user_id"}


class CrmTeam(models.Model):
    _inherit = "crm.team"

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        # Members created with the team signal themselves; a leader alone changes the rules too.
        if any(vals.get("user_id") for vals in vals_list):
            self.env["res.users"]._sale_access_changed()
        return teams

    def write(self, vals):
        result = super().write(vals)
        if ACCESS_FIELDS & vals.keys():
            self.env["res.users"]._sale_access_changed()
        return result

    def unlink(self):
        # The memberships go with the team in SQL (ondelete cascade), without their own unlink.
        result = super().unlink()
        self.env["res.users"]._sale_access_changed()
        return result
