# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.sql import column_exists

from .res_users import GROUP_SALES_ADMIN, GROUP_SALESMAN, GROUP_TEAM_MANAGER
from .sale_protection_pool_config_settings import POOL_PARAMETERS

# How many customers the daily pool cron returns or warns per run; it runs again while work remains.
POOL_BATCH_SIZE = 1000
# Written only by the pool itself (context key sale_pool_move, honoured only as superuser since a
# client may send any context): a user's write of them is ignored.
POOL_FIELDS = {"sale_pool_date", "sale_pool_previous_owner_id", "sale_last_order_date"}
POOL_WARNING_TYPE = "sale_assistant.mail_activity_type_pool_warning"


class ResPartner(models.Model):
    """The public pool (公海): owned customers nobody looks after return to it, salespeople claim them."""

    _inherit = "res.partner"

    sale_last_order_date = fields.Datetime(
        string="Last Confirmed Order",
        readonly=True,
        copy=False,
        help="When an order of this customer was last confirmed.",
    )
    sale_last_activity_date = fields.Datetime(
        string="Last Activity",
        compute="_compute_sale_last_activity_date",
        store=True,
        index="btree_not_null",
        help="The last logged contact or confirmed order, whichever is later.",
    )
    sale_pool_clock_date = fields.Date(
        string="Pool Clock Start",
        compute="_compute_sale_pool_clock_date",
        store=True,
        index="btree_not_null",
        help="The day (company timezone) the pool period of an owned customer counts from: its last "
        "activity, or the day its owner got it if later. Empty for factories, contacts and unowned "
        "partners, which never return to the pool.",
    )
    sale_pool_return_date = fields.Date(
        string="Returns to Pool On",
        compute="_compute_sale_pool_return_date",
        help="Unless a contact is logged or an order confirmed before, this customer returns to the "
        "public pool on this day.",
    )
    sale_pool_date = fields.Date(
        string="In Pool Since",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The day this customer returned to the public pool; empty when it is not in the pool.",
    )
    sale_pool_previous_owner_id = fields.Many2one(
        "res.users",
        string="Previous Owner",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Who owned this customer before it returned to the public pool: they cannot reclaim it "
        "for a while.",
    )

    def _auto_init(self):
        # Orders confirmed before the addon (or before this field) are activity too.
        new_column = not column_exists(self.env.cr, self._table, "sale_last_order_date")
        result = super()._auto_init()
        if new_column:
            self.env.cr.execute(
                """
                UPDATE res_partner partner SET sale_last_order_date = last.date_order
                  FROM (SELECT customer.commercial_partner_id AS id, max(o.date_order) AS date_order
                          FROM sale_order o JOIN res_partner customer ON customer.id = o.partner_id
                         WHERE o.state = 'sale' GROUP BY customer.commercial_partner_id) AS last
                 WHERE partner.id = last.id
                """
            )
        return result

    @api.depends("sale_last_contact_date", "sale_last_order_date")
    def _compute_sale_last_activity_date(self):
        for partner in self:
            moments = [partner.sale_last_contact_date, partner.sale_last_order_date]
            partner.sale_last_activity_date = max(filter(None, moments), default=False)

    @api.depends("user_id", "parent_id", "is_factory", "sale_owner_since", "sale_last_activity_date")
    def _compute_sale_pool_clock_date(self):
        # Factories are the supply side: only customers return to the pool.
        company_partner = self.env.company.partner_id
        for partner in self:
            if partner.parent_id or partner.is_factory or not partner.user_id:
                partner.sale_pool_clock_date = False
                continue
            days = [partner.sale_owner_since]
            if partner.sale_last_activity_date:
                days.append(company_partner._sale_local_date(partner.sale_last_activity_date))
            partner.sale_pool_clock_date = max(filter(None, days), default=False)

    @api.depends("sale_pool_clock_date", "sale_tier_id.pool_own_period", "sale_tier_id.pool_days")
    def _compute_sale_pool_return_date(self):
        settings = self._sale_pool_settings() if self._sale_pool_active() else None
        for partner in self:
            clock = settings and partner.sale_pool_clock_date
            partner.sale_pool_return_date = clock and clock + timedelta(
                days=partner._sale_pool_period(settings)
            )

    # Settings

    @api.model
    def _sale_pool_settings(self):
        """The pool's figures; a parameter set to nonsense outside the settings falls back to its default."""
        get_param = self.env["ir.config_parameter"].sudo().get_param
        settings = {}
        for key, (parameter, default) in POOL_PARAMETERS.items():
            try:
                value = int(get_param(parameter, default))
            except ValueError:
                value = default
            settings[key] = value if value > 0 else default
        return settings

    @api.model
    def _sale_pool_active(self):
        """The pool runs when it is on and customers are protected: without protection every
        salesperson reads and takes every customer, and a pool means nothing."""
        if not self.env["ir.config_parameter"].sudo().get_param("sale_assistant.pool_enabled"):
            return False
        return all(self.env["res.config.settings"]._sale_protection_rules().mapped("active"))

    def _sale_pool_period(self, settings):
        self.ensure_one()
        tier = self.sale_tier_id
        return tier.pool_days if tier.pool_own_period else settings["days"]

    @api.model
    def _sale_pool_due_domain(self, horizon, settings):
        """Owned customers that return to the pool on or before ``horizon``, per tier: a constant
        domain, so the cron finds them with one indexed query however many there are."""
        tiers = (
            self.env["sale.customer.tier"]
            .with_context(active_test=False)
            .search([("pool_own_period", "=", True)])
        )
        periods = [
            [
                ("sale_tier_id", "=", tier.id),
                ("sale_pool_clock_date", "<=", horizon - timedelta(days=tier.pool_days)),
            ]
            for tier in tiers
        ]
        periods.append(
            [
                ("sale_tier_id", "not in", tiers.ids),
                ("sale_pool_clock_date", "<=", horizon - timedelta(days=settings["days"])),
            ]
        )
        # The protected owner leaves out users' and companies' own partners.
        return expression.AND([[("sale_protected_owner_id", "!=", False)], expression.OR(periods)])

    # Moves

    @api.model_create_multi
    def create(self, vals_list):
        if not self._sale_pool_move():
            vals_list = [
                {key: value for key, value in vals.items() if key not in POOL_FIELDS} for vals in vals_list
            ]
        return super().create(vals_list)

    def write(self, vals):
        pool_move = self._sale_pool_move()
        if not pool_move and POOL_FIELDS & vals.keys():
            vals = {key: value for key, value in vals.items() if key not in POOL_FIELDS}
        pooled = self.filtered("sale_pool_date") if vals.get("user_id") else self.browse()
        if pooled and not self.env.su:
            pooled._sale_pool_check_may_assign(self.env["res.users"].browse(vals["user_id"]))
        result = super().write(vals)
        if pooled:
            # The customer has an owner again: it leaves the pool, whoever gave it one.
            pooled.sudo().with_context(sale_pool_move=True).write(
                {"sale_pool_date": False, "sale_pool_previous_owner_id": False}
            )
            if not self.env.su:
                for partner in pooled:
                    partner.message_post(
                        body=self.env._(
                            "Assigned from the public pool to %(owner)s by %(user)s.",
                            owner=partner.user_id.name,
                            user=self.env.user.name,
                        ),
                        subtype_xmlid="mail.mt_note",
                    )
        if "user_id" in vals and not pool_move:
            # The pool's own moves close their warnings themselves, all at once.
            self._sale_pool_close_warnings()
        return result

    def _sale_pool_move(self):
        return self.env.su and self.env.context.get("sale_pool_move")

    def _sale_pool_check_may_assign(self, new_owner):
        """Salespeople take pool customers by claiming them (quota, cap, reclaim delay); team
        managers for their team and sales administrators may assign them directly."""
        user = self.env.user
        if user.has_group(GROUP_SALES_ADMIN):
            return
        if user.has_group(GROUP_TEAM_MANAGER) and new_owner in user._sale_team_jurisdiction():
            return
        raise UserError(
            self.env._(
                "%(partner)s is in the public pool: claim it from Sales → Orders → Public Pool; only a "
                "team manager (for their team) or a sales administrator assigns pool customers.",
                partner=self[:1].display_name,
            )
        )

    def _sale_pool_warnings(self):
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", self.env.ref(POOL_WARNING_TYPE).id),
                ]
            )
        )

    def _sale_pool_close_warnings(self):
        """Close the pool warnings whose reason is gone: a contact was logged or an order confirmed
        (the return moved past the warning period), the customer changed hands or left the pool."""
        warnings = self._sale_pool_warnings() if self else self.env["mail.activity"]
        if not warnings:
            return
        partners = self.sudo().browse(warnings.mapped("res_id"))
        if self._sale_pool_active():
            settings = self._sale_pool_settings()
            horizon = self.env.company.partner_id._sale_local_today() + timedelta(
                days=settings["warning_days"]
            )
            still_due = partners.filtered_domain(self._sale_pool_due_domain(horizon, settings))
        else:
            still_due = self.browse()
        warnings.filtered(
            lambda activity: (
                activity.res_id not in still_due.ids
                or activity.user_id != partners.browse(activity.res_id).user_id
            )
        ).unlink()

    @api.model
    def _cron_sale_pool(self, batch_size=POOL_BATCH_SIZE):
        """Daily, in the company's timezone: return due customers to the pool, warn the owners of
        those due within the warning period (once), close the warnings whose reason is gone. In
        batches; it runs again while work remains, and a second run the same day finds nothing."""
        warning_type = self.env.ref(POOL_WARNING_TYPE)
        warned = [("activity_ids", "any", [("activity_type_id", "=", warning_type.id)])]
        if not self._sale_pool_active():
            # Switched off: nobody's customer returns any more, the warnings' reason is gone.
            self.search(warned)._sale_pool_close_warnings()
            return True
        settings = self._sale_pool_settings()
        today = self.env.company.partner_id._sale_local_today()
        due_domain = self._sale_pool_due_domain(today, settings)
        due_soon = self._sale_pool_due_domain(today + timedelta(days=settings["warning_days"]), settings)
        warn_domain = expression.AND([due_soon, ["!", *warned]])
        stale = self.search(expression.AND([warned, ["!", *expression.normalize_domain(due_soon)]]))
        stale._sale_pool_close_warnings()
        due = self.search(due_domain, order="sale_pool_clock_date, id", limit=batch_size)
        due._sale_pool_return(today, settings)
        # Due customers left over wait for the next run: warn only when all are back in the pool.
        budget = batch_size - len(due)
        to_warn = (
            self.search(warn_domain, order="sale_pool_clock_date, id", limit=budget)
            if budget
            else self.browse()
        )
        to_warn._sale_pool_warn(settings)
        remaining = self.search_count(due_domain) + (self.search_count(warn_domain) if budget else 1)
        self.env["ir.cron"]._notify_progress(done=len(due) + len(to_warn), remaining=remaining)
        return True

    def _sale_pool_return(self, today, settings):
        self._sale_pool_warnings().unlink()
        nobody = self.env["res.users"]
        for owner, partners in self.grouped("user_id").items():
            for days, group in partners.grouped(lambda p: p._sale_pool_period(settings)).items():
                group.with_context(sale_pool_move=True)._sale_change_owner(
                    nobody,
                    self.env._("no contact logged and no order confirmed for %(days)s days", days=days),
                )
            partners.sudo().with_context(sale_pool_move=True).write(
                {"sale_pool_date": today, "sale_pool_previous_owner_id": owner.id}
            )

    def _sale_pool_warn(self, settings):
        warning_type = self.env.ref(POOL_WARNING_TYPE)
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": warning_type.id,
                    "user_id": partner.user_id.id,
                    "automated": True,
                    "date_deadline": partner.sale_pool_clock_date
                    + timedelta(days=partner._sale_pool_period(settings)),
                    "summary": self.env._(
                        "Log a contact or confirm an order, or this customer returns to the public pool"
                    ),
                }
                for partner in self
            ]
        )

    # Claims

    def action_sale_pool_claim(self):
        """Claim these pool customers for oneself, within the daily quota and the cap."""
        self.check_access("read")
        user = self.env.user
        self._sale_pool_check_claim(user)
        today = self.env.company.partner_id._sale_local_today()
        self.env["sale.protection.pool.claim"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "date": today,
                    "previous_owner_id": partner.sale_pool_previous_owner_id.id,
                }
                for partner in self
            ]
        )
        self._sale_change_owner(user, self.env._("claimed from the public pool"))
        return True

    def _sale_pool_check_claim(self, user):
        if not self:
            raise UserError(self.env._("Select the pool customers to claim."))
        outside = self.filtered(lambda p: not p.sale_pool_date)
        if outside:
            raise UserError(
                self.env._(
                    "%(partners)s is not in the public pool: only pool customers can be claimed.",
                    partners=", ".join(outside.mapped("display_name")),
                )
            )
        if not user.has_group(GROUP_SALESMAN) or user._is_pure_sale_assistant():
            raise UserError(self.env._("Only salespeople claim customers from the public pool."))
        settings = self._sale_pool_settings()
        today = self.env.company.partner_id._sale_local_today()
        blocked = self.filtered(
            lambda p: (
                p.sale_pool_previous_owner_id == user
                and today < p.sale_pool_date + timedelta(days=settings["reclaim_days"])
            )
        )
        if blocked:
            raise UserError(
                self.env._(
                    "You owned %(partners)s before it returned to the pool: you can claim it again from "
                    "%(date)s.",
                    partners=", ".join(blocked.mapped("display_name")),
                    date=min(blocked.mapped("sale_pool_date")) + timedelta(days=settings["reclaim_days"]),
                )
            )
        # Two claims of the same salesperson at once must not both pass the quota: serialise them.
        self.env.cr.execute("SELECT id FROM res_users WHERE id = %s FOR NO KEY UPDATE", [user.id])
        claimed = (
            self.env["sale.protection.pool.claim"]
            .sudo()
            .search_count([("user_id", "=", user.id), ("date", "=", today)])
        )
        if claimed + len(self) > settings["daily_claims"]:
            raise UserError(
                self.env._(
                    "You may claim %(quota)s customers a day and have claimed %(claimed)s today: %(count)s "
                    "more is over the quota.",
                    quota=settings["daily_claims"],
                    claimed=claimed,
                    count=len(self),
                )
            )
        owned = self.sudo().search_count(
            [("user_id", "=", user.id), ("parent_id", "=", False), ("is_factory", "=", False)]
        )
        if owned + len(self) > settings["max_customers"]:
            raise UserError(
                self.env._(
                    "You own %(owned)s customers; a salesperson may own at most %(cap)s: %(count)s more is "
                    "over the cap.",
                    owned=owned,
                    cap=settings["max_customers"],
                    count=len(self),
                )
            )
