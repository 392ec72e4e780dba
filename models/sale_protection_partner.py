# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# What res.users.sale_covered_partner_ids reads of a partner: the rules hold its ids.
COVER_FIELDS = {"assistant_ids", "user_id", "parent_id"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    sale_protected_owner_id = fields.Many2one(
        "res.users",
        string="Protected for",
        compute="_compute_sale_protected_owner_id",
        store=True,
        index=True,
        help="The owner of the customer or factory this partner belongs to. When customer protection "
        "is on, only they, their assistants, their team manager and All Documents read it. Empty for "
        "unowned partners, users' and companies' partners: everyone reads those.",
    )

    @api.depends("partner_share", "commercial_partner_id.user_id", "commercial_partner_id.partner_share")
    def _compute_sale_protected_owner_id(self):
        # Users' partners (partner_share False) and the companies' own partners stay readable so
        # mail, invoices and deliveries keep working whoever the salesperson field names.
        company_partners = (
            self.env["res.company"].sudo().with_context(active_test=False).search([]).partner_id
        )
        for partner in self:
            commercial = partner.commercial_partner_id
            shared = partner.partner_share and commercial.partner_share
            protected = shared and commercial not in company_partners
            partner.sale_protected_owner_id = commercial.user_id if protected else False

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
        if "tz" in vals and self.env["res.company"].sudo().search_count(
            [("partner_id", "in", self.ids)], limit=1
        ):
            # A company's timezone moves its midnight: ir.rule._sale_company_timezones is cached.
            self.env.registry.clear_cache()
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
