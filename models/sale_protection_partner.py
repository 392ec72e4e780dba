# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.sql import column_exists

from .res_users import GROUP_ALL_DOCUMENTS, GROUP_SALES_ADMIN, GROUP_SALESMAN

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

    sale_owner_since = fields.Date(
        string="Owner Since",
        readonly=True,
        copy=False,
        help="The day (company timezone) the current owner got this customer or factory: shown by the "
        "duplicate check and kept by transfers and the public pool.",
    )

    def _auto_init(self):
        # Partners owned before the addon (or before this field) are owned since their creation.
        new_column = not column_exists(self.env.cr, self._table, "sale_owner_since")
        result = super()._auto_init()
        if new_column:
            self.env.cr.execute(
                "UPDATE res_partner SET sale_owner_since = create_date::date WHERE user_id IS NOT NULL"
            )
        return result

    @api.depends("partner_share", "commercial_partner_id.user_id", "commercial_partner_id.partner_share")
    def _compute_sale_protected_owner_id(self):
        # Users' partners (partner_share False) and the companies' own partners stay readable so
        # mail, invoices and deliveries keep working whoever the salesperson field names.
        company_partners = self._sale_company_partners()
        for partner in self:
            commercial = partner.commercial_partner_id
            shared = partner.partner_share and commercial.partner_share
            protected = shared and commercial not in company_partners
            partner.sale_protected_owner_id = commercial.user_id if protected else False

    @api.model
    def _sale_company_partners(self):
        """The partners of every company, archived ones included: never protected, never duplicates."""
        return self.env["res.company"].sudo().with_context(active_test=False).search([]).partner_id

    @api.model_create_multi
    def create(self, vals_list):
        today = self.env.company.partner_id._sale_local_today()
        for vals in vals_list:
            vals["sale_owner_since"] = today if vals.get("user_id") else False
        partners = super().create(vals_list)
        if any(COVER_FIELDS & vals.keys() for vals in vals_list):
            partners._sale_cover_changed()
        return partners

    def write(self, vals):
        if vals.get("user_id") and not self.env.su:
            self._sale_check_may_give_to(self.env["res.users"].browse(vals["user_id"]))
        if "user_id" in vals or "sale_owner_since" in vals:
            # The stamp follows the owner and nothing else: a direct write of it is ignored.
            vals = dict(vals)
            vals.pop("sale_owner_since", None)
        if "user_id" in vals:
            new_owner = vals["user_id"] or False
            # Saving the same owner again is no change of hands: those customers keep their day
            # (else an owner could restart the public pool's clock without any contact).
            same = self.filtered(lambda partner: partner.user_id.id == new_owner)
            if same and same != self:
                return (self - same).write(vals) and same.write(vals)
            if not same:
                vals["sale_owner_since"] = new_owner and self.env.company.partner_id._sale_local_today()
        result = super().write(vals)
        if COVER_FIELDS & vals.keys():
            self._sale_cover_changed()
        if "tz" in vals and self.env["res.company"].sudo().search_count(
            [("partner_id", "in", self.ids)], limit=1
        ):
            # A company's timezone moves its midnight: ir.rule._sale_company_timezones is cached.
            self.env.registry.clear_cache()
        return result

    def _sale_check_may_give_to(self, new_owner):
        """With protection on, a customer given to a salesperson whose customers the user does not
        read would vanish from under them in the middle of saving (core reads it again): refuse it
        with a clear answer. Portfolio transfers and sales administrators move those."""
        user = self.env.user
        readers = user | user._sale_team_jurisdiction()
        if (
            new_owner in readers
            or not user._is_internal()
            or user.has_group(GROUP_SALES_ADMIN)
            or user.has_group(GROUP_ALL_DOCUMENTS)
            or not user.has_group(GROUP_SALESMAN)
            or not self._sale_protection_on()
        ):
            return
        company_partners = self._sale_company_partners()
        # An assistant keeps reading a customer assigned to them, given to a salesperson they serve.
        assisted = new_owner in user.sale_served_salesperson_ids
        given = self.filtered(
            lambda p: (
                p.user_id != new_owner
                and not (assisted and user in p.assistant_ids)
                and p.partner_share
                and p == p.commercial_partner_id
                and p not in company_partners
            )
        )
        if given:
            raise UserError(
                self.env._(
                    "With customer protection on, you would no longer see %(partner)s once it is "
                    "%(owner)s's: ask your team manager for a portfolio transfer, or a sales "
                    "administrator.",
                    partner=given[0].display_name,
                    owner=new_owner.name,
                )
            )

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

    def _sale_change_owner(self, new_owner, reason):
        """Give these customers or factories to ``new_owner`` (a res.users, or empty for none) the one
        way transfers, transfer requests and the public pool do: assistants who do not work for the
        new owner leave the customer, the owner-since day restarts, and the chatter says who had it,
        who has it now and why. Runs as superuser: callers check who may do it first. One write per
        set of assistants kept, one batch of notes: the public pool moves a thousand at a time."""
        moving = self.sudo().filtered(lambda p: p.user_id != new_owner)
        notes = {
            partner.id: escape(
                self.env._(
                    "Owner changed from %(previous)s to %(new)s: %(reason)s",
                    previous=partner.user_id.name or self.env._("nobody"),
                    new=new_owner.name or self.env._("nobody (public pool)"),
                    reason=reason,
                )
            )
            for partner in moving
        }
        kept_assistants = moving.grouped(lambda p: p.assistant_ids & new_owner.sale_assistant_ids)
        for assistants, partners in kept_assistants.items():
            partners.write({"user_id": new_owner.id, "assistant_ids": [fields.Command.set(assistants.ids)]})
        moving._message_log_batch(notes)
        return True
