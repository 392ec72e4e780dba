# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

# Days past the due date, inclusive bounds, of each overdue bucket (None: no upper bound).
OVERDUE_BUCKETS = {
    "amount_overdue_1_30": (1, 30),
    "amount_overdue_31_60": (31, 60),
    "amount_overdue_61_90": (61, 90),
    "amount_overdue_90": (91, None),
}
# Amounts due today or within this many days count as "due soon".
DUE_SOON_DAYS = 7


class SaleReceivableLine(models.Model):
    """One open receivable journal item, with its amount in the bucket of its age.

    Built on posted, unreconciled receivable journal items rather than on invoices, so an
    instalment payment term counts each instalment by its own due date. A positive residual is
    money owed and aged; a negative one is money in the customer's favour, kept apart: an open
    credit note, or a payment not yet matched with an invoice. "Today" is the day in the
    company's timezone (its contact's; UTC when it has none).
    """

    _name = "sale.receivable.line"
    _description = "Receivable (Sales Follow-up)"
    _auto = False
    _order = "date_maturity, id"
    _rec_name = "move_id"

    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        readonly=True,
        help="The invoice's salesperson; for a payment or entry without one, the customer's owner.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    move_type = fields.Selection(
        selection=lambda self: self.env["account.move"]._fields["move_type"].selection,
        string="Document Type",
        readonly=True,
    )
    kind = fields.Selection(
        [
            ("receivable", "Owed"),
            ("credit_note", "Open Credit Note"),
            ("unapplied", "Unapplied Payment"),
        ],
        readonly=True,
    )
    date = fields.Date(string="Document Date", readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    days_overdue = fields.Integer(
        readonly=True,
        aggregator="max",
        help="Days since the due date (negative: days until it).",
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    amount_residual = fields.Monetary(
        string="Open", readonly=True, help="Open amount in the document's currency."
    )
    amount_not_due = fields.Monetary(
        string="Not Yet Due", readonly=True, help=f"Due in more than {DUE_SOON_DAYS} days."
    )
    amount_due_soon = fields.Monetary(
        string="Due Within 7 Days", readonly=True, help="Due today or within the next 7 days."
    )
    amount_overdue_1_30 = fields.Monetary(string="Overdue 1-30", readonly=True)
    amount_overdue_31_60 = fields.Monetary(string="Overdue 31-60", readonly=True)
    amount_overdue_61_90 = fields.Monetary(string="Overdue 61-90", readonly=True)
    amount_overdue_90 = fields.Monetary(string="Overdue 90+", readonly=True)
    amount_overdue = fields.Monetary(string="Overdue", readonly=True)
    amount_credit_note = fields.Monetary(
        string="Open Credit Notes", readonly=True, help="Credit notes not yet applied (negative)."
    )
    amount_unapplied = fields.Monetary(
        string="Unapplied Payments",
        readonly=True,
        help="Payments not yet matched with an invoice (negative).",
    )
    amount_residual_company = fields.Monetary(
        string="Open (Company Currency)", readonly=True, currency_field="company_currency_id"
    )
    amount_overdue_company = fields.Monetary(
        string="Overdue (Company Currency)", readonly=True, currency_field="company_currency_id"
    )
    amount_due_soon_company = fields.Monetary(
        string="Due Within 7 Days (Company Currency)", readonly=True, currency_field="company_currency_id"
    )

    def action_draft_customer_reminder(self):
        """Open a reminder to the selected items' customer, in its salesperson's name, listing what
        it owes, for the assistant or the salesperson to review and send."""
        customer = self.partner_id
        if len(customer) != 1:
            raise UserError(self.env._("Select the open items of one customer to draft a reminder."))
        template = self.env.ref("sale_assistant.mail_template_sale_receivable_customer_reminder")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Payment Reminder"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": "res.partner",
                "default_res_ids": customer.ids,
                "default_template_id": template.id,
                # The template's sender is the customer's owner: the composer makes them the author.
                "default_composition_mode": "comment",
            },
        }

    def _bucket_sql(self):
        """One column per bucket: the open amount when the line falls in it, else 0."""
        owed = "line.amount_residual > 0"
        due_soon = f"line.days_overdue BETWEEN -{DUE_SOON_DAYS} AND 0"
        in_currency, in_company = "line.amount_residual_currency", "line.amount_residual"
        buckets = [
            ("amount_not_due", f"{owed} AND line.days_overdue < -{DUE_SOON_DAYS}", in_currency),
            ("amount_due_soon", f"{owed} AND {due_soon}", in_currency),
        ]
        for name, (low, high) in OVERDUE_BUCKETS.items():
            upper = f" AND line.days_overdue <= {high}" if high else ""
            buckets.append((name, f"{owed} AND line.days_overdue >= {low}{upper}", in_currency))
        buckets += [
            ("amount_overdue", f"{owed} AND line.days_overdue > 0", in_currency),
            ("amount_credit_note", "line.kind = 'credit_note'", in_currency),
            ("amount_unapplied", "line.kind = 'unapplied'", in_currency),
            ("amount_overdue_company", f"{owed} AND line.days_overdue > 0", in_company),
            ("amount_due_soon_company", f"{owed} AND {due_soon}", in_company),
        ]
        return ",\n".join(
            f"CASE WHEN {condition} THEN {value} ELSE 0 END AS {name}" for name, condition, value in buckets
        )

    def _open_items_sql(self, salesperson, condition):
        """Open receivable items whose salesperson is ``salesperson`` when ``condition`` holds."""
        return f"""
                SELECT aml.id,
                       aml.move_id,
                       aml.company_id,
                       COALESCE(customer.commercial_partner_id, customer.id) AS partner_id,
                       {salesperson} AS user_id,
                       move.move_type,
                       CASE WHEN aml.amount_residual > 0 THEN 'receivable'
                            WHEN move.move_type = 'out_refund' THEN 'credit_note'
                            ELSE 'unapplied' END AS kind,
                       aml.date,
                       COALESCE(aml.date_maturity, aml.date) AS date_maturity,
                       aml.currency_id,
                       aml.company_currency_id,
                       aml.amount_residual_currency,
                       aml.amount_residual
                  FROM account_move_line aml
                  JOIN account_move move ON move.id = aml.move_id
             LEFT JOIN res_partner customer ON customer.id = aml.partner_id
             LEFT JOIN res_partner commercial
                    ON commercial.id = COALESCE(customer.commercial_partner_id, customer.id)
                 -- Written as account_move_line__unreconciled_index's predicate, so it is used.
                 WHERE (aml.reconciled IS NULL OR aml.reconciled = false OR aml.reconciled IS NOT true)
                   AND aml.parent_state = 'posted'
                   AND aml.account_id IN (
                       SELECT account.id FROM account_account account
                        WHERE account.account_type = 'asset_receivable'
                   )
                   AND aml.amount_residual != 0
                   AND {condition}
        """

    def _query(self):
        # Two arms rather than COALESCE(invoice salesperson, customer owner): a filter on the
        # salesperson (every record rule but All Documents') reaches each arm and its index
        # (account_move.invoice_user_id, res_partner.user_id) instead of every open item.
        return f"""
            WITH company_today AS (
                SELECT company.id AS company_id,
                       (now() AT TIME ZONE COALESCE(NULLIF(contact.tz, ''), 'UTC'))::date AS today
                  FROM res_company company
                  JOIN res_partner contact ON contact.id = company.partner_id
            )
            SELECT line.id,
                   line.move_id,
                   line.company_id,
                   line.partner_id,
                   line.user_id,
                   line.move_type,
                   line.kind,
                   line.date,
                   line.date_maturity,
                   line.days_overdue,
                   line.currency_id,
                   line.company_currency_id,
                   line.amount_residual_currency AS amount_residual,
                   line.amount_residual AS amount_residual_company,
                   {self._bucket_sql()}
              FROM (
                SELECT open_item.*, company_today.today - open_item.date_maturity AS days_overdue
                  FROM (
                    {self._open_items_sql("move.invoice_user_id", "move.invoice_user_id IS NOT NULL")}
                    UNION ALL
                    {self._open_items_sql("commercial.user_id", "move.invoice_user_id IS NULL")}
                  ) AS open_item
                  JOIN company_today ON company_today.company_id = open_item.company_id
              ) AS line
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), SQL(self._query()))
        )
