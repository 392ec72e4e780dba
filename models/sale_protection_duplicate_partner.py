# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import RedirectWarning, UserError
from odoo.osv import expression
from odoo.tools.misc import format_date

from ..tools import sale_protection_duplicate_keys as keys

# Key field: the function that computes it from the partner's own field.
KEY_SOURCES = {
    "sale_dup_name_key": ("name", keys.name_key),
    "sale_dup_vat_key": ("vat", keys.vat_key),
    "sale_dup_email_key": ("email", keys.email_domain_key),
    "sale_dup_website_key": ("website", keys.website_domain_key),
    "sale_dup_phone_key": ("phone", keys.phone_key),
}
# What tells a person apart (see _sale_duplicate_keys).
IDENTITY_SOURCES = ("name", "vat")
# An e-mail domain and a website are the same thing said twice: each is compared with both.
DOMAIN_KEYS = ("sale_dup_email_key", "sale_dup_website_key")
# Writing these can make a partner a duplicate of someone else's customer.
CHECKED_FIELDS = {source for source, _function in KEY_SOURCES.values()} | {
    "parent_id",
    "is_company",
    "is_factory",
    "user_id",
    "active",  # an archived partner is not compared: unarchiving it is
}


# Set in the context only by code of this module (res.users.create): an object, so that no RPC
# caller can pass it in their context (JSON has no such value) to skip the check.
SKIP_DUPLICATE_CHECK = object()


def _compared_with(key_field):
    return DOMAIN_KEYS if key_field in DOMAIN_KEYS else (key_field,)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The normalised keys of customers and factories (empty on their contacts), stored and indexed
    # so that the duplicate check is one indexed query whatever the number of partners; only the
    # filled ones are indexed (btree_not_null).
    sale_dup_name_key = fields.Char(
        compute="_compute_sale_dup_keys", store=True, index="btree_not_null", string="Duplicate Key: Name"
    )
    sale_dup_vat_key = fields.Char(
        compute="_compute_sale_dup_keys", store=True, index="btree_not_null", string="Duplicate Key: Tax ID"
    )
    sale_dup_email_key = fields.Char(
        compute="_compute_sale_dup_keys",
        store=True,
        index="btree_not_null",
        string="Duplicate Key: E-mail Domain",
    )
    sale_dup_website_key = fields.Char(
        compute="_compute_sale_dup_keys",
        store=True,
        index="btree_not_null",
        string="Duplicate Key: Website Domain",
    )
    sale_dup_phone_key = fields.Char(
        compute="_compute_sale_dup_keys", store=True, index="btree_not_null", string="Duplicate Key: Phone"
    )
    sale_duplicate_warning = fields.Char(
        string="Possible Duplicate",
        compute="_compute_sale_duplicate_warning",
        help="Shown while editing a customer or factory that looks like one already known.",
    )
    sale_duplicate_blocked = fields.Boolean(compute="_compute_sale_duplicate_warning")

    @api.depends("name", "vat", "email", "website", "phone", "parent_id", "is_company")
    def _compute_sale_dup_keys(self):
        for partner in self:
            commercial = partner.is_company or not partner.parent_id
            for key_field, (source, function) in KEY_SOURCES.items():
                partner[key_field] = commercial and function(partner[source])

    @api.depends(
        "name", "vat", "email", "website", "phone", "parent_id", "is_company", "is_factory", "user_id"
    )
    def _compute_sale_duplicate_warning(self):
        self.sale_duplicate_warning = False
        self.sale_duplicate_blocked = False
        if not self._sale_protection_on():
            return
        for partner, found in self._sale_duplicate_subjects()._sale_duplicate_find().items():
            blocking = partner._sale_duplicate_blocking(found, partner._sale_duplicate_keys_saved())
            if blocking:
                partner.sale_duplicate_blocked = True
                partner.sale_duplicate_warning = self.env._(
                    "%(message)s Saving will be refused: ask for a transfer instead.",
                    message=partner._sale_duplicate_message(blocking),
                )
                continue
            # Only what the user may read anyway is named (unowned ones, their own ...).
            readable = found.with_env(self.env)._filtered_access("read")
            if readable:
                partner.sale_duplicate_warning = self.env._(
                    "This looks like %(partners)s: open it rather than adding a duplicate.",
                    partners=", ".join(readable.mapped("display_name")),
                )

    # The check ------------------------------------------------------------------------------

    @api.model
    def _sale_protection_on(self):
        return all(self.env["res.config.settings"]._sale_protection_rules().mapped("active"))

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._sale_check_duplicates()
        return partners

    def write(self, vals):
        checked = CHECKED_FIELDS & vals.keys()
        known = self._sale_duplicate_keys_before(vals) if checked else {}
        result = super().write(vals)
        if checked:
            self._sale_check_duplicates(known)
        return result

    def _load_records(self, data_list, update=False):
        # Imports report errors as text, one per line: no redirection to offer there.
        return super(ResPartner, self.with_context(sale_duplicate_plain_error=True))._load_records(
            data_list, update
        )

    def _sale_duplicate_check_applies(self):
        """The check runs for users (not the system: data files, transfers, the public pool move
        customers on purpose), not for the partner of a user being created (a colleague is no
        customer, whatever their name), and only while customer protection is on."""
        return (
            not self.env.su
            and self.env.context.get("sale_duplicate_skip") is not SKIP_DUPLICATE_CHECK
            and self._sale_protection_on()
        )

    def _sale_duplicate_keys_before(self, vals):
        """{partner id: its keys before ``vals`` is written} for the partners whose owner the write
        does not change: what they already shared with others is no new duplicate (it was there
        before protection was switched on, or before the other was created by the system), so
        correcting a phone number keeps working. A change of owner is checked in full: it is how a
        duplicate would be claimed."""
        subjects = self._sale_duplicate_checkable()
        if not subjects or not self._sale_duplicate_check_applies():
            return {}
        if "user_id" in vals:
            subjects = subjects.filtered(lambda p: p.user_id.id == (vals["user_id"] or False))
        return {partner.id: partner._sale_duplicate_keys() for partner in subjects}

    def _sale_duplicate_keys_saved(self):
        """The keys of the partner being edited in a form as saved, when the edit keeps its owner
        (what saving will let be, see _sale_duplicate_keys_before)."""
        self.ensure_one()
        saved = self._origin
        if not saved or saved.user_id != self.user_id:
            return None
        return saved._sale_duplicate_keys()

    def _sale_check_duplicates(self, known=None):
        """Refuse a customer or factory that is already someone else's, whoever may read it;
        ``known``: {partner id: keys before this write}, then only the keys the write changed count."""
        subjects = self._sale_duplicate_checkable()
        if not subjects or not self._sale_duplicate_check_applies():
            return
        duplicates = subjects._sale_duplicate_subjects()._sale_duplicate_find(owned_only=True)
        for partner, found in duplicates.items():
            blocking = partner._sale_duplicate_blocking(found, (known or {}).get(partner.id))
            if blocking:
                partner._sale_raise_duplicate(blocking)

    def _sale_duplicate_checkable(self):
        """Those of ``self`` that may be checked, from their own fields only (no query): active
        customers and factories, companies or individuals, not users' partners."""
        return self.filtered(lambda p: p.active and (p.is_company or not p.parent_id) and p.partner_share)

    def _sale_duplicate_subjects(self):
        """The partners the check is about: customers and factories, companies or individuals
        (not contacts under a company), not users' or companies' partners."""
        subjects = self._sale_duplicate_checkable()
        if not subjects:
            return subjects
        company_partners = self._sale_company_partners()
        return subjects.filtered(lambda p: p._origin not in company_partners)

    def _sale_duplicate_keys(self):
        """{key field: key} of this partner as it is now (saved or being edited in a form).

        A person nobody owns yet (typically written to by e-mail: the mail composer creates
        them as "Name <address>") is compared by name and tax ID only: their e-mail domain or
        phone would match the company they work for, and sending them mail must keep working.
        Once they get a salesperson (or become a company or a factory), every key counts."""
        self.ensure_one()
        values = {source: self[source] for source, _function in KEY_SOURCES.values()}
        if not (self.is_company or self.is_factory or self.user_id):
            values = {source: values[source] for source in IDENTITY_SOURCES}
        return self._sale_duplicate_keys_from(values)

    @api.model
    def _sale_duplicate_keys_from(self, values):
        """{key field: key} of ``values`` ({"name": ..., "vat": ...}), the empty keys left out."""
        keyed = {
            key_field: function(values.get(source)) for key_field, (source, function) in KEY_SOURCES.items()
        }
        return {key_field: key for key_field, key in keyed.items() if key}

    @api.model
    def _sale_duplicate_domain(self, key_sets):
        """One domain matching any partner that shares a key with any of ``key_sets``."""
        wanted = {key_field: set() for key_field in KEY_SOURCES}
        for key_set in key_sets:
            for key_field, key in key_set.items():
                for target in _compared_with(key_field):
                    wanted[target].add(key)
        leaves = [[(key_field, "in", sorted(values))] for key_field, values in wanted.items() if values]
        return expression.OR(leaves) if leaves else expression.FALSE_DOMAIN

    @api.model
    def _sale_duplicate_candidates(self, key_sets, exclude_ids=(), owned_only=False):
        """Every customer or factory sharing a key with one of ``key_sets``, whoever may read it:
        one indexed query for the whole batch."""
        domain = self._sale_duplicate_domain(key_sets)
        if expression.is_false(self, domain):
            return self.browse().sudo()
        extra = [("id", "not in", list(exclude_ids))]
        if owned_only:
            extra.append(("sale_protected_owner_id", "!=", False))
        found = self.sudo().search(expression.AND([domain, extra]))
        return found._sale_duplicate_subjects()

    def _sale_duplicate_find(self, owned_only=False):
        """{partner: the customers and factories (sudo) it duplicates} for those of ``self`` that
        duplicate any, best match first (the most keys in common)."""
        key_sets = {partner: partner._sale_duplicate_keys() for partner in self}
        candidates = self._sale_duplicate_candidates(
            key_sets.values(), exclude_ids=self._origin.ids, owned_only=owned_only
        )
        result = {}
        for partner, key_set in key_sets.items():
            scores = {c: self._sale_duplicate_score(key_set, c) for c in candidates}
            found = candidates.filtered(lambda c, scores=scores: scores[c])
            if found:
                result[partner] = found.sorted(lambda c, scores=scores: (-scores[c], c.id))
        return result

    @api.model
    def _sale_duplicate_score(self, key_set, candidate):
        """How many of ``key_set`` the candidate shares (0: it is no duplicate)."""
        return sum(
            1
            for key_field, key in key_set.items()
            if any(candidate[target] == key for target in _compared_with(key_field))
        )

    def _sale_duplicate_blocking(self, found, known_keys=None):
        """The duplicates owned by a salesperson other than the user and the partner's own owner.
        With ``known_keys`` (the keys before the edit), only what the edit changed is compared:
        a key kept as it was is no new duplicate, a changed or added one is checked against all."""
        self.ensure_one()
        allowed = self.env.user | self.user_id
        blocking = found.filtered(
            lambda c: c.sale_protected_owner_id and c.sale_protected_owner_id not in allowed
        )
        if known_keys is not None:
            changed = {k: v for k, v in self._sale_duplicate_keys().items() if known_keys.get(k) != v}
            blocking = blocking.filtered(lambda c: self._sale_duplicate_score(changed, c))
        return blocking

    def _sale_duplicate_message(self, blocking):
        """What the user learns of the hidden customer: who owns it and since when. The name is
        the one the user typed: the hidden record may have been found by its phone or tax ID,
        and its own name would say more than the user knows."""
        self.ensure_one()
        match = blocking[:1]
        since = match.sale_owner_since or match.create_date.date()
        values = {
            "name": self.name or self.env._("This partner"),
            "owner": match.sale_protected_owner_id.name,
            "date": format_date(self.env, since),
        }
        if match.is_factory:
            return self.env._("%(name)s is already a factory of %(owner)s since %(date)s.", **values)
        return self.env._("%(name)s is already a customer of %(owner)s since %(date)s.", **values)

    def _sale_raise_duplicate(self, blocking):
        message = self._sale_duplicate_message(blocking)
        if self.env.context.get("sale_duplicate_plain_error"):
            raise UserError(message)
        refusal = RedirectWarning(
            self.env._("%(message)s Ask for a transfer if it should be yours.", message=message),
            self.env["sale.protection.transfer.request"]._sale_new_request_action(self),
            self.env._("Request Transfer"),
        )
        # A refusal the user is told about, like a UserError: the web server logs it as a warning
        # (its loglevel), not as an ERROR with a traceback for every duplicate someone types.
        refusal.loglevel = logging.WARNING
        raise refusal
