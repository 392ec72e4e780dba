# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# Days sales outstanding: open receivables against the sales of this many days.
DSO_DAYS = 90


class SaleReceivableFigure(models.Model):
    """A month's collection figures of one salesperson, or of one assistant over the salespeople
    they serve and the customers assigned to them. Stored once a month, so assessments never
    recompute history."""

    _name = "sale.receivable.figure"
    _description = "Monthly Collection Figures"
    _order = "month desc, role, user_id"

    month = fields.Date(required=True, readonly=True, help="First day of the month.")
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Person", required=True, readonly=True)
    role = fields.Selection(
        [("salesperson", "Salesperson"), ("assistant", "Assistant")], required=True, readonly=True
    )
    open_amount = fields.Monetary(string="Open at Month End", readonly=True)
    overdue_amount = fields.Monetary(string="Overdue at Month End", readonly=True)
    overdue_ratio = fields.Float(
        string="Overdue Ratio (%)", readonly=True, aggregator="avg", help="Overdue share of the open amount."
    )
    sales_amount = fields.Monetary(
        string="Sales (90 Days)",
        readonly=True,
        help=f"Invoiced, net of credit notes, in the {DSO_DAYS} days to month end.",
    )
    dso = fields.Float(
        string="DSO (Days)",
        readonly=True,
        aggregator="avg",
        help=f"Days sales outstanding: open amount ÷ sales of the last {DSO_DAYS} days × {DSO_DAYS}.",
    )
    collected_amount = fields.Monetary(
        string="Collected", readonly=True, help="Paid on invoices during the month."
    )
    days_late = fields.Float(
        string="Average Days Late",
        readonly=True,
        aggregator="avg",
        help="Days after the due date at which the month's payments came, weighted by amount.",
    )

    _sql_constraints = [
        (
            "month_user_role_uniq",
            "unique(month, company_id, user_id, role)",
            "The figures of this month are already stored for this person.",
        ),
    ]

    @api.model
    def _cron_store_last_month(self):
        """On any day of a month, store last month's figures of each company once."""
        for company in self.env["res.company"].search([]):
            tz = pytz.timezone(company.partner_id.tz or "UTC")
            today = pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()
            month = today.replace(day=1) - relativedelta(months=1)
            if not self.search_count([("company_id", "=", company.id), ("month", "=", month)], limit=1):
                self._store_month(company, month)

    @api.model
    def _store_month(self, company, month):
        """Store ``month``'s figures. Open and overdue amounts are those of the moment it runs
        (the first days of the next month: the board at month end)."""
        month_end = month + relativedelta(months=1, days=-1)
        per_customer = defaultdict(lambda: defaultdict(float))  # (user, customer) -> figures
        self._add_open_amounts(company, per_customer)
        self._add_sales(company, month_end, per_customer)
        self._add_collections(company, month, month_end, per_customer)
        values = [
            self._figure_values(company, month, user, "salesperson", totals)
            for user, totals in self._totals(per_customer, lambda user, customer: [user]).items()
        ]
        assignments = self.env["sale.assistant.assignment"].search(
            [("company_id", "in", (False, company.id))]
        )
        served = defaultdict(set)
        for assignment in assignments:
            served[assignment.salesperson_id].add(assignment.assistant_id)

        def assistants_of(user, customer):
            return [assistant for assistant in served[user] if assistant in customer.assistant_ids]

        values += [
            self._figure_values(company, month, assistant, "assistant", totals)
            for assistant, totals in self._totals(per_customer, assistants_of).items()
        ]
        return self.create(values)

    @api.model
    def _add_open_amounts(self, company, per_customer):
        groups = self.env["sale.receivable.line"]._read_group(
            [("company_id", "=", company.id), ("kind", "=", "receivable"), ("user_id", "!=", False)],
            ["user_id", "partner_id"],
            ["amount_residual_company:sum", "amount_overdue_company:sum"],
        )
        for user, customer, open_amount, overdue in groups:
            per_customer[user, customer]["open"] += open_amount
            per_customer[user, customer]["overdue"] += overdue

    @api.model
    def _add_sales(self, company, month_end, per_customer):
        groups = self.env["account.move"]._read_group(
            [
                ("company_id", "=", company.id),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("invoice_user_id", "!=", False),
                ("invoice_date", ">", month_end - timedelta(days=DSO_DAYS)),
                ("invoice_date", "<=", month_end),
            ],
            ["invoice_user_id", "commercial_partner_id"],
            ["amount_total_signed:sum"],
        )
        for user, customer, amount in groups:
            per_customer[user, customer]["sales"] += amount

    @api.model
    def _add_collections(self, company, month, month_end, per_customer):
        partials = self.env["account.partial.reconcile"].search(
            [
                ("company_id", "=", company.id),
                ("max_date", ">=", month),
                ("max_date", "<=", month_end),
                ("debit_move_id.move_id.move_type", "=", "out_invoice"),
                ("debit_move_id.move_id.invoice_user_id", "!=", False),
                # Payments are entries; credit notes settle invoices too, but collect no money.
                ("credit_move_id.move_id.move_type", "=", "entry"),
            ]
        )
        for partial in partials:
            invoice_line = partial.debit_move_id
            key = (invoice_line.move_id.invoice_user_id, invoice_line.move_id.commercial_partner_id)
            late = max((partial.max_date - (invoice_line.date_maturity or invoice_line.date)).days, 0)
            per_customer[key]["collected"] += partial.amount
            per_customer[key]["late_weight"] += partial.amount * late

    @api.model
    def _totals(self, per_customer, people_of):
        totals = defaultdict(lambda: defaultdict(float))
        for (user, customer), figures in per_customer.items():
            for person in people_of(user, customer):
                for name, amount in figures.items():
                    totals[person][name] += amount
        return totals

    @api.model
    def _figure_values(self, company, month, user, role, totals):
        open_amount, sales, collected = totals["open"], totals["sales"], totals["collected"]
        return {
            "month": month,
            "company_id": company.id,
            "user_id": user.id,
            "role": role,
            "open_amount": open_amount,
            "overdue_amount": totals["overdue"],
            "overdue_ratio": 100 * totals["overdue"] / open_amount if open_amount else 0.0,
            "sales_amount": sales,
            "dso": open_amount / sales * DSO_DAYS if sales > 0 else 0.0,
            "collected_amount": collected,
            "days_late": totals["late_weight"] / collected if collected else 0.0,
        }
