# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .res_users import GROUP_SALES_ADMIN, GROUP_TEAM_MANAGER

OPEN_STATES = ("draft", "requested")
DECIDE_ACTIVITY = "sale_assistant.mail_activity_type_protection_request"
# What the requester typed, as the duplicate check read it: res.partner field -> request field.
TYPED_FIELDS = {
    "name": "partner_name",
    "vat": "typed_vat",
    "email": "typed_email",
    "website": "typed_website",
    "phone": "typed_phone",
}

# Set when the request is made: what it is about and who decides.
FIXED_FIELDS = {"requester_id", "partner_id", "owner_id", "approver_id", "company_id", *TYPED_FIELDS.values()}


class SaleProtectionTransferRequest(models.Model):
    """A salesperson asks for a customer or factory that another salesperson owns; the owner's
    team manager (or a sales administrator) decides. Approving moves the customer the one way
    customers change hands (res.partner._sale_change_owner)."""

    _name = "sale.protection.transfer.request"
    _description = "Customer Transfer Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "sale.lifecycle.mixin"]
    _order = "id desc"
    _rec_name = "partner_name"
    _check_company_auto = True
    # Whoever may read a request (the owner, the team manager) may comment on it.
    _mail_post_access = "read"
    _lifecycle_fields = ("state", "date_requested", "decided_by_id", "date_decision")

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True, readonly=True
    )
    requester_id = fields.Many2one(
        "res.users",
        string="Requested By",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        readonly=True,
        tracking=True,
        help="The salesperson who asks for the customer.",
    )
    # The customer asked for, found from what the requester typed whoever may read it. Read by
    # the server; users get visible_partner_id (a many2one's name is read as superuser, so this
    # field would name the customer to a team manager who may not open it).
    partner_id = fields.Many2one(
        "res.partner",
        string="Requested Customer or Factory",
        index=True,
        readonly=True,
        copy=False,
        ondelete="cascade",
        groups="sales_team.group_sale_manager",
    )
    visible_partner_id = fields.Many2one(
        "res.partner",
        string="Customer or Factory",
        compute="_compute_visible_partner_id",
        help="The customer asked for, shown to those who may open it (its owner, their team manager); "
        "the others read the name the requester typed.",
    )
    partner_name = fields.Char(
        string="Customer or Factory Name",
        required=True,
        help="The name as the requester typed it: it is what they know of the customer.",
    )
    typed_vat = fields.Char(string="Tax ID")
    typed_email = fields.Char(string="Email")
    typed_website = fields.Char(string="Website")
    typed_phone = fields.Char(string="Phone")
    owner_id = fields.Many2one(
        "res.users",
        string="Current Owner",
        readonly=True,
        index=True,
        help="The salesperson who owned the customer when the request was made.",
    )
    approver_id = fields.Many2one(
        "res.users",
        readonly=True,
        index=True,
        help="The team manager of the current owner, or a sales administrator when the owner is in no "
        "team led by one. Sales administrators may decide too.",
    )
    reason = fields.Text(required=True, help="Why the customer should be yours: the approver reads it.")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_requested = fields.Datetime(string="Requested On", readonly=True, copy=False)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_decision = fields.Datetime(string="Decided On", readonly=True, copy=False)
    may_decide = fields.Boolean(compute="_compute_may_decide")

    @api.depends_context("uid")
    @api.depends("owner_id", "requester_id", "state")
    def _compute_may_decide(self):
        for request in self:
            request.may_decide = request.state == "requested" and request._sale_may_decide()

    @api.depends_context("uid")
    @api.depends("partner_id")
    def _compute_visible_partner_id(self):
        for request in self:
            partner = request.sudo().partner_id.with_env(self.env)
            request.visible_partner_id = partner._filtered_access("read")

    @api.depends("partner_name", "requester_id")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "%(partner)s for %(requester)s",
                partner=request.partner_name,
                requester=request.requester_id.name,
            )

    # Creation ---------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        Users = self.env["res.users"]
        # The form's defaults (what the duplicate check passed on) are what is looked up.
        vals_list = [self._add_missing_default_values(vals) for vals in vals_list]
        for vals in vals_list:
            requester = Users.browse(vals.get("requester_id") or self.env.uid)
            self._sale_check_requester(requester)
            partner = self._sale_requested_partner(vals, requester)
            owner = partner.sudo().user_id
            # Who owns it and who decides is read here, not taken from the caller.
            vals.update(
                requester_id=requester.id,
                partner_id=partner.id,
                # Typed by the requester, or the name of the customer they gave and may read.
                partner_name=vals.get("partner_name") or partner.name,
                owner_id=owner.id,
                approver_id=self._sale_approver(owner, requester).id,
            )
        requests = super().create(vals_list)
        requests._sale_check_single_open()
        for request in requests.sudo():
            request.message_subscribe(partner_ids=request.owner_id.partner_id.ids)
        return requests

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            fixed = FIXED_FIELDS & vals.keys()
            if fixed:
                raise UserError(
                    self.env._(
                        "Who asks, for which customer, and who decides are set when a transfer request "
                        "is made: make a new request instead."
                    )
                )
            if "reason" in vals and self.filtered(lambda r: r.state != "draft"):
                raise UserError(self.env._("A transfer request cannot be changed once it is sent."))
        return super().write(vals)

    @api.model
    def _sale_check_requester(self, requester):
        user = self.env.user
        if self.env.su:
            return
        if requester != user and not user.has_group(GROUP_SALES_ADMIN):
            raise AccessError(self.env._("You can only request transfers for yourself."))
        if requester._is_pure_sale_assistant():
            raise UserError(
                self.env._(
                    "Sales assistants work with the customers of their salespeople: ask your "
                    "salesperson to request the transfer."
                )
            )

    @api.model
    def _sale_requested_partner(self, vals, requester):
        """The customer or factory asked for: the one given (by a user who may read it) or the
        best match of what the requester typed among the customers of other salespeople."""
        Partner = self.env["res.partner"]
        if vals.get("partner_id"):
            partner = (
                Partner.sudo().browse(vals["partner_id"]).exists().commercial_partner_id.with_env(self.env)
            )
            if not self.env.su and not partner._filtered_access("read"):
                raise UserError(self.env._("Type the name of the customer you ask for, not its reference."))
        else:
            if not vals.get("partner_name"):
                # Else the request would be named after the hidden customer, for the requester to read.
                raise UserError(self.env._("Type the name of the customer or factory you ask for."))
            typed = {source: vals.get(field) for source, field in TYPED_FIELDS.items()}
            key_set = Partner._sale_duplicate_keys_from(typed)
            found = Partner._sale_duplicate_candidates([key_set], owned_only=True).sorted(
                lambda c: (-Partner._sale_duplicate_score(key_set, c), c.id)
            )
            # Someone else's first; the requester's own only to tell them it is theirs.
            partner = found.filtered(lambda c: c.sale_protected_owner_id != requester)[:1] or found[:1]
            if not partner:
                raise UserError(
                    self.env._(
                        "No customer or factory of another salesperson matches %(name)s: check the "
                        "spelling, or create it if it is new.",
                        name=vals.get("partner_name") or "",
                    )
                )
        name = vals.get("partner_name") or partner.name
        owner = partner.sudo().user_id
        if not owner:
            raise UserError(
                self.env._(
                    "%(name)s has no salesperson: it is free to take. Set yourself as its salesperson.",
                    name=name,
                )
            )
        if owner == requester:
            raise UserError(self.env._("%(name)s is already yours.", name=name))
        return partner

    @api.model
    def _sale_approver(self, owner, requester):
        """The team manager of the owner (not the owner or the requester themselves); when the
        owner is in no team led by a team manager, a sales administrator of the company."""
        Users = self.env["res.users"].sudo()
        excluded = ("id", "not in", (owner | requester).ids)
        return Users.search(
            [("sale_team_jurisdiction_ids", "in", owner.ids), excluded], order="id", limit=1
        ) or Users.search(
            [
                ("groups_id", "in", self.env.ref(GROUP_SALES_ADMIN).ids),
                ("share", "=", False),
                ("company_ids", "in", self.env.company.ids),
                excluded,
            ],
            order="id",
            limit=1,
        )

    def _sale_check_single_open(self):
        """One open request per requester and customer: a second one would only split the answer."""
        open_requests = self.sudo().search(
            [
                ("requester_id", "in", self.requester_id.ids),
                ("partner_id", "in", self.sudo().partner_id.ids),
                ("state", "in", OPEN_STATES),
            ]
        )
        for request in self.sudo():
            twins = open_requests.filtered(
                lambda r, req=request: r.requester_id == req.requester_id and r.partner_id == req.partner_id
            )
            if len(twins) > 1:
                raise UserError(
                    self.env._(
                        "You already have an open transfer request for %(name)s.", name=request.partner_name
                    )
                )

    @api.model
    def _sale_new_request_action(self, partner):
        """The request form, filled with what the user typed on ``partner`` (not with the hidden
        customer: its id stays on the server, which finds it again from the same keys)."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request Transfer"),
            "res_model": self._name,
            "views": [[self.env.ref("sale_assistant.sale_protection_transfer_request_view_form").id, "form"]],
            "target": "new",
            "context": {
                f"default_{field}": partner[source] or False for source, field in TYPED_FIELDS.items()
            },
        }

    # Life cycle -------------------------------------------------------------------------------

    def _sale_check_state(self, allowed, action):
        wrong = self.filtered(lambda r: r.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "The transfer request for %(name)s cannot be %(action)s in its status.",
                    name=wrong[0].partner_name,
                    action=action,
                )
            )

    def _sale_may_decide(self):
        """Sales administrators, and the team manager of the owner unless they asked themselves."""
        self.ensure_one()
        user = self.env.user
        if user.has_group(GROUP_SALES_ADMIN):
            return True
        return (
            user != self.requester_id
            and user.has_group(GROUP_TEAM_MANAGER)
            and self.owner_id in user.sale_team_jurisdiction_ids
        )

    def _sale_check_may_decide(self):
        self.check_access("read")
        for request in self:
            if not request._sale_may_decide():
                raise AccessError(
                    self.env._(
                        "Only the team manager of %(owner)s or a sales administrator can decide the "
                        "transfer request for %(name)s.",
                        owner=request.owner_id.name,
                        name=request.partner_name,
                    )
                )

    def action_request(self):
        """Send it to the approver, who gets an activity."""
        self._sale_check_state(("draft",), self.env._("sent"))
        self._lifecycle_write({"state": "requested", "date_requested": fields.Datetime.now()})
        for request in self.filtered("approver_id"):
            request.activity_schedule(
                DECIDE_ACTIVITY,
                user_id=request.approver_id.id,
                summary=self.env._(
                    "Transfer %(name)s from %(owner)s to %(requester)s?",
                    name=request.partner_name,
                    owner=request.owner_id.name,
                    requester=request.requester_id.name,
                ),
            )
        return True

    def action_approve(self):
        """Move the customer to the requester, if it still belongs to the owner asked."""
        self._sale_check_state(("requested",), self.env._("approved"))
        self._sale_check_may_decide()
        if len(self.sudo().partner_id) < len(self):
            raise UserError(self.env._("Approve one transfer request per customer: they compete."))
        for request in self.sudo():
            if request.partner_id.user_id != request.owner_id:
                raise UserError(
                    self.env._(
                        "%(name)s no longer belongs to %(owner)s: refuse this request; the requester can "
                        "ask again.",
                        name=request.partner_name,
                        owner=request.owner_id.name,
                    )
                )
        # Decided first: moving the customer closes the requests still open for it.
        self._sale_decide("approved")
        for request in self.sudo():
            request.partner_id._sale_change_owner(
                request.requester_id,
                self.env._(
                    "transfer request approved by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=request.reason,
                ),
            )
        return True

    @api.model
    def _sale_close_outdated(self, partners):
        """The open requests for ``partners`` whose owner changed (through another request, a
        portfolio transfer, the public pool or a direct edit) can no longer be granted: close them
        now, saying why, rather than leave their approvers an activity that can only fail. A
        requester who got the customer anyway has their request withdrawn; the others refused."""
        outdated = (
            self.sudo()
            .search([("partner_id", "in", partners.ids), ("state", "in", OPEN_STATES)])
            .filtered(lambda r: r.partner_id.user_id != r.owner_id)
        )
        for request in outdated:
            request.message_post(
                body=self.env._(
                    "Closed: %(name)s now belongs to %(owner)s.",
                    name=request.partner_name,
                    owner=request.partner_id.user_id.name or self.env._("nobody (public pool)"),
                ),
                subtype_xmlid="mail.mt_note",
            )
        fulfilled = outdated.filtered(lambda r: r.partner_id.user_id == r.requester_id)
        fulfilled.action_cancel()
        (outdated - fulfilled)._sale_decide("refused")

    def action_refuse(self):
        self._sale_check_state(("requested",), self.env._("refused"))
        self._sale_check_may_decide()
        self._sale_decide("refused")
        return True

    def action_cancel(self):
        """The requester withdraws it (or a sales administrator closes it)."""
        self._sale_check_state(OPEN_STATES, self.env._("cancelled"))
        self._lifecycle_write({"state": "cancel"})
        self.sudo().activity_unlink([DECIDE_ACTIVITY])
        return True

    def _sale_decide(self, state):
        # The decision is checked above (the approver only reads the request): written as the
        # system, stamped with who decided.
        self.sudo().write(
            {"state": state, "decided_by_id": self.env.uid, "date_decision": fields.Datetime.now()}
        )
        feedback = self.env._("Approved.") if state == "approved" else self.env._("Refused.")
        self.sudo().activity_feedback([DECIDE_ACTIVITY], feedback=feedback)
