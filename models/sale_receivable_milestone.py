# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import float_compare

# Posted customer payments: waiting for the bank statement, or matched with it.
RECEIVED_PAYMENT_STATES = ("in_process", "paid")


class SaleReceivableMilestone(models.Model):
    """One payment the export contract asks for: a deposit or a balance, as a percentage of the
    order or an amount, due on a trigger (signing, production, shipment, the B/L date or a fixed
    date)."""

    _name = "sale.receivable.milestone"
    _description = "Payment Milestone"
    _order = "order_id, sequence, id"
    _check_company_auto = True

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("deposit", "Deposit"), ("balance", "Balance")], required=True, default="deposit"
    )
    amount_type = fields.Selection(
        [("percent", "Percentage"), ("fixed", "Amount")], string="As", required=True, default="percent"
    )
    percent = fields.Float(string="Percentage", digits=(5, 2))
    fixed_amount = fields.Monetary()
    amount = fields.Monetary(compute="_compute_amount", help="What this milestone asks the customer to pay.")
    trigger = fields.Selection(
        [
            ("signing", "At signing"),
            ("before_production", "Before production"),
            ("before_shipment", "Before shipment"),
            ("after_bl", "Days after the B/L date"),
            ("fixed_date", "Fixed date"),
        ],
        string="Due",
        required=True,
        default="signing",
    )
    days = fields.Integer(string="Days after B/L")
    date_fixed = fields.Date(string="On")
    date_due = fields.Date(
        string="Due Date",
        compute="_compute_date_due",
        help="From the trigger: the order date; the production start; the delivery date; the B/L "
        "date plus the days; or the fixed date. Empty while that date is unknown.",
    )
    payment_id = fields.Many2one(
        "account.payment",
        string="Customer Payment",
        check_company=True,
        domain="[('payment_type', '=', 'inbound'), ('partner_type', '=', 'customer'), "
        "('state', 'in', ('in_process', 'paid'))]",
        groups="account.group_account_invoice",
        help="The customer payment that settles this milestone, matched by accounting.",
    )
    payment_received = fields.Boolean(compute="_compute_state", compute_sudo=True)
    date_received = fields.Date(
        string="Received On",
        readonly=True,
        copy=False,
        help="Set by accounting with Mark Received.",
    )
    state = fields.Selection(
        [("expected", "Expected"), ("received", "Received"), ("late", "Late")],
        string="Status",
        compute="_compute_state",
        compute_sudo=True,
    )

    @api.depends("amount_type", "percent", "fixed_amount", "order_id.amount_total")
    def _compute_amount(self):
        for milestone in self:
            if milestone.amount_type == "percent":
                milestone.amount = milestone.currency_id.round(
                    milestone.order_id.amount_total * milestone.percent / 100
                )
            else:
                milestone.amount = milestone.fixed_amount

    @api.depends(
        "trigger",
        "days",
        "date_fixed",
        "order_id.date_order",
        "order_id.sale_production_date",
        "order_id.commitment_date",
        "order_id.expected_date",
        "order_id.sale_bl_date",
    )
    def _compute_date_due(self):
        for milestone in self:
            order = milestone.order_id
            milestone.date_due = {
                "signing": order.date_order and order.date_order.date(),
                "before_production": order.sale_production_date,
                "before_shipment": (order.commitment_date or order.expected_date or False)
                and (order.commitment_date or order.expected_date).date(),
                "after_bl": order.sale_bl_date and order.sale_bl_date + timedelta(days=milestone.days),
                "fixed_date": milestone.date_fixed,
            }[milestone.trigger] or False

    @api.depends("date_received", "payment_id.state", "date_due")
    def _compute_state(self):
        for milestone in self:
            received = bool(milestone.date_received) or milestone.payment_id.state in RECEIVED_PAYMENT_STATES
            milestone.payment_received = received
            if received:
                milestone.state = "received"
            elif milestone.date_due and milestone.date_due < milestone._company_today():
                milestone.state = "late"
            else:
                milestone.state = "expected"

    def _company_today(self):
        tz = pytz.timezone(self.company_id.sudo().partner_id.tz or "UTC")
        return pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()

    @api.constrains("amount_type", "percent", "fixed_amount", "trigger", "days", "date_fixed")
    def _check_terms(self):
        for milestone in self:
            if milestone.amount_type == "percent" and not 0 < milestone.percent <= 100:
                raise ValidationError(
                    self.env._(
                        "A milestone's percentage is above 0 and at most 100 (not %s).", milestone.percent
                    )
                )
            if (
                milestone.amount_type == "fixed"
                and milestone.currency_id.compare_amounts(milestone.fixed_amount, 0) <= 0
            ):
                raise ValidationError(self.env._("A milestone's amount must be positive."))
            if milestone.trigger == "after_bl" and milestone.days < 0:
                raise ValidationError(self.env._("Days after the B/L date cannot be negative."))
            if milestone.trigger == "fixed_date" and not milestone.date_fixed:
                raise ValidationError(self.env._("A milestone due on a fixed date needs that date."))

    @api.constrains("order_id", "amount_type", "percent", "fixed_amount")
    def _check_total_share(self):
        for order in self.order_id:
            share = order._sale_milestone_share()
            if float_compare(share, 100.0, precision_digits=2) > 0:
                raise ValidationError(
                    self.env._(
                        "The payment milestones of %(order)s add up to %(share).2f%% of the order: "
                        "at most 100%%.",
                        order=order.name,
                        share=share,
                    )
                )

    def write(self, vals):
        if "date_received" in vals:
            self._check_accounting_user()
        return super().write(vals)

    def _check_accounting_user(self):
        """Only accounting says money was received (through the button or the matched payment)."""
        if not self.env.su and not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only accounting users can mark a payment milestone as received."))

    def action_mark_received(self):
        """Accounting confirms the money arrived without matching a payment (e.g. under an L/C)."""
        self._check_accounting_user()
        self.filtered(
            lambda milestone: not milestone.date_received
        ).date_received = fields.Date.context_today(self)
        return True
