# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# What res.users.sale_covered_partner_ids reads of a partner: the rules hold its ids.
COVER_FIELDS = {"assistant_ids", "user_id", "parent_id"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if any(COVER_FIELDS & vals.keys() for vals in vals_list):
            partners._sale_cover_changed()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if COVER_FIELDS & vals.keys():
            self._sale_cover_changed()
        return result

    def _sale_cover_changed(self):
        """Customers assigned to assistants changed: the rules of assistants with the scope 'All
        orders of customers assigned to them' hold those customers' ids, drop them. Nothing to
        drop while no assignment has that scope (the usual case)."""
        if (
            self.env["sale.assistant.assignment"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("scope", "=", "customer")], limit=1)
        ):
            self.env["res.users"].invalidate_model(["sale_covered_partner_ids"])
            self.env["res.users"]._sale_access_changed()
