# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

import pytz

from odoo import api, fields, models

from .res_users import GROUP_TEAM_MANAGER

DIGEST_DAY_PARAM = "sale_assistant.receivable_digest_day"
DIGEST_HOUR_PARAM = "sale_assistant.receivable_digest_hour"
DEFAULT_DIGEST_DAY = 0  # Monday
DEFAULT_DIGEST_HOUR = 8


class SaleReceivableDigest(models.AbstractModel):
    """The weekly e-mail reminding each salesperson what their customers owe (their assistants in
    copy), and each team manager the totals of their salespeople."""

    _name = "sale.receivable.digest"
    _description = "Weekly Receivables Digest"

    @api.model
    def _digest_schedule(self):
        params = self.env["ir.config_parameter"].sudo()
        day = int(params.get_param(DIGEST_DAY_PARAM, DEFAULT_DIGEST_DAY))
        hour = int(params.get_param(DIGEST_HOUR_PARAM, DEFAULT_DIGEST_HOUR))
        return day, hour

    @api.model
    def _cron_send_digests(self):
        """Runs hourly: sends a company's digests once its local day and hour are reached. The week
        sent is recorded on each recipient, so later runs of the same week send nothing again."""
        day, hour = self._digest_schedule()
        for company in self.env["res.company"].search([]):
            tz = pytz.timezone(company.partner_id.tz or "UTC")
            now = pytz.utc.localize(fields.Datetime.now()).astimezone(tz)
            if now.weekday() != day or now.hour < hour:
                continue
            self._send_digests(company, now.date())

    @api.model
    def _send_digests(self, company, today):
        year, week, _weekday = today.isocalendar()
        week_key = f"{year}-W{week:02d}"
        self._send_salesperson_digests(company, week_key)
        self._send_manager_digests(company, week_key)

    @api.model
    def _pending_lines(self, company, users):
        """Overdue and soon-due amounts per salesperson, customer and currency."""
        groups = (
            self.env["sale.receivable.line"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("user_id", "in", users.ids),
                    ("kind", "=", "receivable"),
                    ("days_overdue", ">=", -7),
                ],
                ["user_id", "partner_id", "currency_id"],
                ["amount_overdue:sum", "amount_due_soon:sum"],
            )
        )
        rows = defaultdict(list)
        for user, partner, currency, overdue, due_soon in groups:
            rows[user].append(
                {
                    "partner": partner,
                    "currency": currency,
                    "overdue": overdue,
                    "due_soon": due_soon,
                    "note": False,
                }
            )
        return rows

    @api.model
    def _latest_notes(self, company, partners):
        notes = {}
        promises = (
            self.env["sale.receivable.promise"]
            .sudo()
            .search(
                [("company_id", "=", company.id), ("partner_id", "in", partners.ids)],
                order="create_date desc, id desc",
            )
        )
        for promise in promises:
            notes.setdefault(promise.partner_id, promise)
        return notes

    @api.model
    def _send_salesperson_digests(self, company, week_key):
        salespeople = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("share", "=", False),
                    ("company_ids", "in", company.id),
                    ("sale_receivable_digest_week", "!=", week_key),
                ]
            )
        )
        rows_by_user = self._pending_lines(company, salespeople)
        template = self.env.ref("sale_assistant.mail_template_sale_receivable_digest")
        for user, rows in rows_by_user.items():
            rows.sort(key=lambda row: (row["partner"].display_name or "", row["currency"].name))
            notes = self._latest_notes(
                company, self.env["res.partner"].union(*(row["partner"] for row in rows))
            )
            for row in rows:
                row["note"] = notes.get(row["partner"], False)
            assistants = user.sale_assistant_ids.filtered("email")
            template.with_context(digest_rows=rows, digest_company=company).send_mail(
                user.id,
                email_values={"email_cc": ",".join(assistants.mapped("email_formatted"))},
            )
            user.sale_receivable_digest_week = week_key

    @api.model
    def _send_manager_digests(self, company, week_key):
        leaders = (
            self.env["crm.team"]
            .sudo()
            .search([("company_id", "in", (False, company.id)), ("user_id", "!=", False)])
            .user_id.filtered(
                lambda leader: (
                    leader.has_group(GROUP_TEAM_MANAGER)
                    and leader.sale_receivable_team_digest_week != week_key
                )
            )
        )
        template = self.env.ref("sale_assistant.mail_template_sale_receivable_team_digest")
        for manager in leaders:
            salespeople = manager.sale_team_jurisdiction_ids
            totals = (
                self.env["sale.receivable.line"]
                .sudo()
                ._read_group(
                    [("company_id", "=", company.id), ("user_id", "in", salespeople.ids)],
                    ["user_id"],
                    [
                        "amount_residual_company:sum",
                        "amount_overdue_company:sum",
                        "amount_due_soon_company:sum",
                    ],
                )
            )
            if not totals:
                continue
            rows = [
                {"user": user, "open": open_amount, "overdue": overdue, "due_soon": due_soon}
                for user, open_amount, overdue, due_soon in sorted(
                    totals, key=lambda total: total[0].name or ""
                )
            ]
            template.with_context(digest_rows=rows, digest_company=company).send_mail(manager.id)
            manager.sale_receivable_team_digest_week = week_key
