# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

# Broken promises handled per cron run; the cron is re-triggered for the rest.
PROMISE_BATCH = 200


class SaleReceivablePromise(models.Model):
    """A follow-up note on a customer's debt, or a promise to pay when it has a date and an amount."""

    _name = "sale.receivable.promise"
    _description = "Follow-up Note or Promise to Pay"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        check_company=True,
    )
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        tracking=True,
        check_company=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', partner_id)]",
        help="Leave empty for a note or promise about the customer's whole debt.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_user_id",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        help="The invoice's salesperson, or the customer's owner.",
    )
    note = fields.Text(required=True)
    promised_date = fields.Date(tracking=True, help="The day the customer promised to pay by.")
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    amount = fields.Monetary(string="Promised Amount", tracking=True)
    state = fields.Selection(
        [
            ("note", "Note"),
            ("open", "Promised"),
            ("kept", "Kept"),
            ("broken", "Broken"),
        ],
        compute="_compute_state",
        store=True,
        precompute=True,
        readonly=True,
        tracking=True,
    )
    invoice_residual_at_promise = fields.Monetary(
        string="Invoice Open at Promise",
        readonly=True,
        copy=False,
        help="What the invoice still owed when the promise was recorded: it is kept when the "
        "invoice has since been paid by at least the promised amount.",
    )

    @api.depends("move_id.invoice_user_id", "partner_id.user_id")
    def _compute_user_id(self):
        for promise in self:
            promise.user_id = (
                promise.move_id.invoice_user_id or promise.partner_id.commercial_partner_id.user_id
            )

    @api.depends("move_id.currency_id", "company_id")
    def _compute_currency_id(self):
        for promise in self:
            promise.currency_id = promise.move_id.currency_id or promise.company_id.currency_id

    @api.depends("promised_date", "amount")
    def _compute_state(self):
        # Only a new note or promise, or one whose terms change, starts (again) as open.
        for promise in self:
            promise.state = "open" if promise.promised_date and promise.amount else "note"

    @api.constrains("amount", "promised_date")
    def _check_amount(self):
        for promise in self:
            if promise.promised_date and promise.currency_id.compare_amounts(promise.amount, 0) <= 0:
                raise ValidationError(
                    self.env._(
                        "A promise to pay needs a positive amount (%(amount)s).", amount=promise.amount
                    )
                )
            if not promise.promised_date and promise.amount:
                raise ValidationError(self.env._("A promised amount needs the date it was promised for."))

    @api.constrains("promised_date")
    def _check_promised_date(self):
        if self.env.context.get("install_filename"):
            # Data files (demo) record past promises, as history.
            return
        for promise in self:
            today = promise._company_today()
            if promise.promised_date and promise.promised_date < today:
                raise ValidationError(
                    self.env._(
                        "The promised date %(date)s is already past: a promise to pay is for today or later.",
                        date=promise.promised_date,
                    )
                )

    @api.constrains("move_id", "partner_id")
    def _check_move_partner(self):
        for promise in self:
            if (
                promise.move_id
                and promise.move_id.commercial_partner_id != promise.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Invoice %(invoice)s is not one of %(customer)s's.",
                        invoice=promise.move_id.name,
                        customer=promise.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        promises = super().create(vals_list)
        for promise in promises.filtered("move_id"):
            promise.invoice_residual_at_promise = promise.move_id.sudo().amount_residual
        return promises

    def _company_today(self):
        return self._company_today_for(self.company_id)

    # Broken promises -------------------------------------------------------------------------

    def _is_kept(self):
        """Whether the customer paid what they promised since the promise was recorded: on the
        invoice, its open amount went down by the promised amount; on the whole debt, customer
        payments of that currency received since then add up to it."""
        self.ensure_one()
        if self.move_id:
            invoice = self.move_id.sudo()
            target = max(self.invoice_residual_at_promise - self.amount, 0.0)
            return (
                float_compare(invoice.amount_residual, target, precision_rounding=self.currency_id.rounding)
                <= 0
            )
        payments = (
            self.env["account.payment"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
                    ("payment_type", "=", "inbound"),
                    ("partner_type", "=", "customer"),
                    ("state", "in", ("in_process", "paid")),
                    ("currency_id", "=", self.currency_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("date", ">=", fields.Date.to_date(self.create_date)),
                ]
            )
        )
        return self.currency_id.compare_amounts(sum(payments.mapped("amount")), self.amount) >= 0

    def _followers_to_warn(self):
        """The salesperson, and the customer's assistants who currently serve them."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id.sudo()
        assistants = customer.assistant_ids & self.user_id.sudo().sale_assistant_ids
        return self.user_id | assistants

    @api.model
    def _cron_check_promises(self):
        """Settle the promises whose date has passed: kept ones are closed, each broken one gives
        its salesperson and their assistants one activity. A settled promise is no longer open,
        so a second run (or a re-triggered batch) does nothing twice."""
        due = self.browse()
        for company in self.env["res.company"].search([]):
            today = self._company_today_for(company)
            due |= self.search(
                [("state", "=", "open"), ("company_id", "=", company.id), ("promised_date", "<", today)],
                limit=PROMISE_BATCH - len(due),
            )
            if len(due) >= PROMISE_BATCH:
                break
        activity_type = self.env.ref("sale_assistant.mail_activity_type_sale_receivable_broken_promise")
        for promise in due:
            if promise._is_kept():
                promise.state = "kept"
                continue
            promise.state = "broken"
            for user in promise._followers_to_warn():
                promise.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=user.id,
                    summary=self.env._(
                        "Promise to pay broken: %(customer)s", customer=promise.partner_id.display_name
                    ),
                )
        remaining = self.search_count([("state", "=", "open"), ("promised_date", "<", fields.Date.today())])
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining if due else 0)

    @api.model
    def _company_today_for(self, company):
        """Promised dates are days in the company's timezone (its contact's; UTC when none)."""
        tz = pytz.timezone(company.sudo().partner_id.tz or "UTC")
        return pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()
