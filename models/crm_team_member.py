# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# What the Team Documents record rules read of a membership (see res.users._sale_access_changed).
ACCESS_FIELDS = {"active", "crm_team_id", "user_id"}


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        self.env["res.users"]._sale_access_changed()
        return members

    def write(self, vals):
        result = super().write(vals)
        if ACCESS_FIELDS & vals.keys():
            self.env["res.users"]._sale_access_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self.env["res.users"]._sale_access_changed()
        return result
