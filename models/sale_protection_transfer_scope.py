# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from .res_users import GROUP_SALES_ADMIN, GROUP_SALESMAN, GROUP_TEAM_MANAGER
from .sale_complaint import OPEN_STATES as COMPLAINT_OPEN_STATES
from .sale_sample import OPEN_STATES as SAMPLE_OPEN_STATES

# Confirmed orders still to deliver: stock moves pending, or (no delivery at all, e.g. services)
# not fully invoiced yet.
UNDELIVERED_DOMAIN = [
    ("state", "=", "sale"),
    "|",
    ("delivery_status", "in", ("pending", "started", "partial")),
    "&",
    ("delivery_status", "=", False),
    ("invoice_status", "!=", "invoiced"),
]
# The scope checkboxes that move records (activities only follow the records moved).
RECORD_SCOPES = (
    "scope_partners",
    "scope_orders",
    "scope_delivered_orders",
    "scope_samples",
    "scope_complaints",
)


class SaleProtectionTransferScope(models.AbstractModel):
    """What a portfolio transfer moves, from whom to whom and when: the fields and checks shared by
    the wizard that asks for it and the log that keeps it (and runs it on its day).

    With several receivers, the customers and factories (with their documents) are shared out
    evenly: sorted by name, the first goes to the first receiver, the second to the second, and so
    on round the receivers. Every document of a customer goes to that customer's receiver.
    """

    _name = "sale.protection.transfer.scope"
    _description = "Portfolio transfer: who, what and when"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    from_user_id = fields.Many2one(
        "res.users",
        string="From Salesperson",
        required=True,
        index=True,
        context={"active_test": False},
        domain=[("share", "=", False)],
        help="Whose customers and documents move (they may already be archived).",
    )
    to_user_ids = fields.Many2many(
        "res.users",
        string="To Salespeople",
        required=True,
        # Read archived receivers too, to refuse them (the wizard offers active users only).
        context={"active_test": False},
        domain=[("share", "=", False)],
        help="Active salespeople who receive them. With several, the customers and factories are "
        "shared out evenly in name order, each with all its documents.",
    )
    effective_date = fields.Date(
        required=True,
        default=lambda self: self._sale_today(),
        help="Today: the transfer happens at once. A later day: it is scheduled and happens early "
        "that day (company timezone).",
    )
    reason = fields.Text(required=True, help="Why: shown in the chatter of every record moved.")
    scope_partners = fields.Boolean(
        string="Customers and Factories",
        default=True,
        help="They get the new owner; their assistants are kept only if they work for the new owner.",
    )
    scope_orders = fields.Boolean(
        string="Open Quotations and Undelivered Orders",
        default=True,
        help="The assistant who prepared an order stays on it only if they work for the new salesperson.",
    )
    scope_delivered_orders = fields.Boolean(
        string="Delivered Orders Too",
        help="Confirmed orders already delivered (or invoiced) keep their salesperson unless this is ticked.",
    )
    scope_samples = fields.Boolean(string="Open Samples", default=True)
    scope_complaints = fields.Boolean(string="Open Complaints", default=True)
    scope_activities = fields.Boolean(
        string="Their Activities",
        default=True,
        help="The From Salesperson's open activities on the records moved go to the new owner.",
    )

    def _sale_today(self):
        return (self.company_id or self.env.company).partner_id._sale_local_today()

    # Checks ------------------------------------------------------------------------------------

    def _sale_check_request(self):
        """Everything a transfer needs before anything is written; raises a clear error."""
        self.ensure_one()
        self._sale_check_may_transfer()
        self._sale_check_people()
        if not any(self[name] for name in RECORD_SCOPES):
            raise ValidationError(
                self.env._(
                    "Choose what to transfer: customers and factories, orders, samples or complaints "
                    "(activities only follow the records moved)."
                )
            )
        if self.effective_date < self._sale_today():
            raise ValidationError(
                self.env._(
                    "The effective date %(date)s is in the past: choose today (to transfer at once) or "
                    "a later day.",
                    date=self.effective_date,
                )
            )
        if not (self.reason or "").strip():
            raise ValidationError(self.env._("Say why the portfolio is transferred."))

    def _sale_may_transfer(self):
        """Sales administrators, and the team manager of the From Salesperson (who may have left:
        their archived membership of the manager's team still counts), may transfer."""
        user = self.env.user
        if self.env.su or user.has_group(GROUP_SALES_ADMIN):
            return True
        source = self.from_user_id
        return bool(
            source
            and source != user
            and user.has_group(GROUP_TEAM_MANAGER)
            and self._sale_led_by_user(source)
        )

    def _sale_check_may_transfer(self):
        if not self.env.su and self.company_id not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You do not work for %(company)s: you cannot transfer its portfolios.",
                    company=self.company_id.sudo().name,
                )
            )
        if not self._sale_may_transfer():
            raise AccessError(
                self.env._(
                    "Only the team manager of %(salesperson)s or a sales administrator can transfer their "
                    "portfolio.",
                    salesperson=self.from_user_id.name or self.env._("this salesperson"),
                )
            )

    @api.model
    def _sale_led_by_user(self, users):
        """Whether the current user leads an active team where each of ``users`` is a member (an
        archived user's archived membership counts: archiving a user archives it)."""
        members = (
            self.env["crm.team.member"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("user_id", "in", users.ids),
                    ("crm_team_id.user_id", "=", self.env.uid),
                    ("crm_team_id.active", "=", True),
                ]
            )
            .filtered(lambda m: m.active or not m.user_id.active)
        )
        return members.user_id == users

    def _sale_check_people(self):
        source, receivers = self.from_user_id, self.to_user_ids
        if not source:
            raise ValidationError(self.env._("Choose whose portfolio is transferred."))
        if not receivers:
            raise ValidationError(self.env._("Choose who receives the portfolio."))
        if source in receivers:
            raise ValidationError(
                self.env._(
                    "%(salesperson)s cannot transfer a portfolio to themselves.", salesperson=source.name
                )
            )
        unfit = receivers.filtered(
            lambda u: (
                not u.active
                or u.share
                or not u.has_group(GROUP_SALESMAN)
                or self.company_id not in u.company_ids
            )
        )
        if unfit:
            raise ValidationError(
                self.env._(
                    "%(users)s cannot receive a portfolio: a receiver must be an active salesperson of "
                    "%(company)s.",
                    users=", ".join(unfit.mapped("name")),
                    company=self.company_id.sudo().name,
                )
            )
        user = self.env.user
        if not (self.env.su or user.has_group(GROUP_SALES_ADMIN)):
            outsiders = receivers - user - user._sale_team_jurisdiction()
            if outsiders:
                raise AccessError(
                    self.env._(
                        "%(users)s are not in the teams you lead: only a sales administrator can give "
                        "them this portfolio.",
                        users=", ".join(outsiders.mapped("name")),
                    )
                )

    # What moves --------------------------------------------------------------------------------

    def _sale_scope_records(self):
        """The records in scope now, as ``{kind: records}`` (as superuser: who may transfer is
        checked first). Kinds: customer, factory, contact, quotation, order, delivered_order,
        sample, complaint."""
        self.ensure_one()
        env = self.env(su=True)
        source = self.from_user_id.id
        company = [("company_id", "in", [self.company_id.id, False])]
        records = {}
        if self.scope_partners:
            Partner = env["res.partner"].with_context(active_test=False)
            owned = Partner.search(
                [
                    ("user_id", "=", source),
                    "|",
                    ("is_company", "=", True),
                    ("parent_id", "=", False),
                    *company,
                ]
            )
            records["customer"] = owned.filtered(lambda p: not p.is_factory)
            records["factory"] = owned.filtered("is_factory")
            # Their contact persons and addresses carrying the same salesperson follow them.
            records["contact"] = Partner.search(
                [
                    ("user_id", "=", source),
                    ("parent_id", "!=", False),
                    ("commercial_partner_id", "in", owned.ids),
                ]
            )
        Order = env["sale.order"]
        mine = [("user_id", "=", source), ("company_id", "=", self.company_id.id)]
        if self.scope_orders:
            records["quotation"] = Order.search([*mine, ("state", "in", ("draft", "sent"))])
            records["order"] = Order.search(expression.AND([mine, UNDELIVERED_DOMAIN]))
        if self.scope_delivered_orders:
            records["delivered_order"] = Order.search(
                expression.AND(
                    [mine, [("state", "=", "sale")], ["!", *expression.normalize_domain(UNDELIVERED_DOMAIN)]]
                )
            )
        if self.scope_samples:
            records["sample"] = env["sale.sample"].search([*mine, ("state", "in", SAMPLE_OPEN_STATES)])
        if self.scope_complaints:
            records["complaint"] = env["sale.complaint"].search(
                [*mine, ("state", "in", COMPLAINT_OPEN_STATES)]
            )
        return records

    def _sale_receiver_by_company(self, records):
        """``{commercial partner id: receiver}``: the customers and factories shared out in name
        order round the receivers, so that each gets its share and a customer's documents all go
        to the same person."""
        self.ensure_one()
        commercials = self.env["res.partner"].sudo().with_context(active_test=False)
        for recs in records.values():
            commercials |= self._sale_customer_of(recs)
        receivers = self.to_user_ids.sorted(lambda u: (u.name or "", u.id))
        ordered = commercials.sorted(lambda p: ((p.name or "").casefold(), p.id))
        return {partner.id: receivers[index % len(receivers)] for index, partner in enumerate(ordered)}

    @api.model
    def _sale_customer_of(self, records):
        """The customers or factories (commercial partners) of partners or documents."""
        partners = records if records._name == "res.partner" else records.partner_id
        return partners.commercial_partner_id

    def _sale_scope_activities(self, records):
        """The From Salesperson's open activities on the records in scope."""
        Activity = self.env["mail.activity"].sudo()
        if not self.scope_activities:
            return Activity
        domain = expression.OR(
            [
                [("res_model", "=", recs._name), ("res_id", "in", recs.ids)]
                for recs in records.values()
                if recs
            ]
            or [expression.FALSE_DOMAIN]
        )
        return Activity.search(expression.AND([[("user_id", "=", self.from_user_id.id)], domain]))

    def _sale_scope_counts(self):
        """``{kind: count}`` of what a transfer would move now, activities included."""
        records = self._sale_scope_records()
        counts = {kind: len(recs) for kind, recs in records.items()}
        counts["activity"] = len(self._sale_scope_activities(records))
        return counts

    def _sale_check_not_empty(self, counts):
        if not any(counts.values()):
            raise UserError(
                self.env._(
                    "%(salesperson)s has nothing in the chosen scope to transfer.",
                    salesperson=self.from_user_id.name,
                )
            )
