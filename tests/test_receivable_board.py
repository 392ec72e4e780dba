# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_receivable_common import ReceivableCase

BUCKETS = [
    "amount_not_due",
    "amount_due_soon",
    "amount_overdue_1_30",
    "amount_overdue_31_60",
    "amount_overdue_61_90",
    "amount_overdue_90",
    "amount_credit_note",
    "amount_unapplied",
    "amount_residual",
]


@tagged("post_install", "-at_install")
class TestReceivableBoard(ReceivableCase):
    def _board(self, user=None):
        """{(customer name, currency name): {bucket: amount}} as ``user`` reads the board."""
        Line = self.env["sale.receivable.line"]
        if user:
            Line = Line.with_user(user)
        groups = Line.read_group(
            [("company_id", "=", self.company.id)],
            [f"{bucket}:sum" for bucket in BUCKETS],
            ["partner_id", "currency_id"],
            lazy=False,
        )
        return {
            (group["partner_id"][1], self.env["res.currency"].browse(group["currency_id"][0]).name): {
                bucket: group[bucket] for bucket in BUCKETS if group[bucket]
            }
            for group in groups
        }

    def test_buckets_per_customer_and_currency(self):
        # Partly paid EUR invoice counts its rest; the paid invoice is gone; the instalment term
        # ages each instalment by its own due date; credit note and payment are kept apart.
        self.assertEqual(
            self._board(),
            {
                ("Alpha", "USD"): {
                    "amount_not_due": 1000.0,
                    "amount_due_soon": 500.0,
                    "amount_credit_note": -100.0,
                    "amount_unapplied": -250.0,
                    "amount_residual": 1150.0,
                },
                ("Alpha", "EUR"): {"amount_overdue_1_30": 1200.0, "amount_residual": 1200.0},
                ("Anchor", "USD"): {"amount_overdue_61_90": 700.0, "amount_residual": 700.0},
                ("Bravo", "USD"): {
                    "amount_overdue_31_60": 600.0,
                    "amount_not_due": 700.0,
                    "amount_residual": 1300.0,
                },
                ("Carlton", "USD"): {"amount_overdue_90": 900.0, "amount_residual": 900.0},
            },
        )

    def test_company_currency_totals(self):
        eur_line = self.env["sale.receivable.line"].search([("move_id", "=", self.inv_a_eur.id)])
        self.assertEqual(eur_line.amount_residual, 1200.0)
        self.assertEqual(eur_line.amount_overdue_company, 600.0, "EUR 1,200 at 2 EUR per USD")
        self.assertEqual(eur_line.days_overdue, 10)

    def test_salesperson_of_a_payment_is_the_customer_owner(self):
        payment_line = self.env["sale.receivable.line"].search(
            [("kind", "=", "unapplied"), ("company_id", "=", self.inv_a_eur.company_id.id)]
        )
        self.assertEqual(payment_line.user_id, self.amy)
        self.assertEqual(payment_line.partner_id, self.alpha)

    def _visible(self, user):
        Line = self.env["sale.receivable.line"].with_user(user)
        lines = Line.search([])
        self.assertEqual(Line.search_count([]), len(lines))
        groups = Line.read_group([], ["amount_residual:sum"], ["user_id"])
        self.assertEqual(sum(group["user_id_count"] for group in groups), len(lines))
        lines.read(["partner_id", "move_id", "user_id", "amount_residual"])
        return {(line.user_id.name, line.partner_id.name) for line in lines}

    def test_access_per_role(self):
        # Carl, whom Cindy does not serve, invoiced Alpha, a customer assigned to her.
        self._invoice(self.carl, self.alpha, 50, due=self.today)
        self.env.flush_all()  # the board is an SQL view
        amy_pairs = {("Amy", "Alpha"), ("Amy", "Anchor")}
        carl_pairs = {("Carl", "Alpha"), ("Carl", "Carlton")}
        everything = amy_pairs | carl_pairs | {("Ben", "Bravo")}
        self.assertEqual(self._visible(self.amy), amy_pairs)
        self.assertEqual(self._visible(self.ben), {("Ben", "Bravo")})
        self.assertEqual(self._visible(self.carl), carl_pairs)
        self.assertEqual(self._visible(self.cindy), {("Amy", "Alpha"), ("Ben", "Bravo")})
        self.assertEqual(self._visible(self.david), {("Amy", "Anchor")})
        self.assertEqual(self._visible(self.eva), set())
        self.assertEqual(self._visible(self.mona), amy_pairs | {("Ben", "Bravo")})
        self.assertEqual(self._visible(self.allie), everything)
        self.assertEqual(self._visible(self.accountant), everything)

    def test_other_company_only_when_active(self):
        other_company = self._other_company(self.allie)
        Account = self.env["account.account"]
        receivable, income = (
            Account.create(
                {"name": name, "code": code, "account_type": kind, "company_ids": other_company.ids}
            )
            for name, code, kind in (
                ("Receivable", "OT121", "asset_receivable"),
                ("Sales", "OT400", "income"),
            )
        )
        journal = self.env["account.journal"].create(
            {"name": "Other Misc", "code": "OTMSC", "type": "general", "company_id": other_company.id}
        )
        entry = self.env["account.move"].create(
            {
                "company_id": other_company.id,
                "journal_id": journal.id,
                "line_ids": [
                    Command.create({"account_id": receivable.id, "partner_id": self.alpha.id, "debit": 100}),
                    Command.create({"account_id": income.id, "credit": 100}),
                ],
            }
        )
        entry.action_post()
        self.env.flush_all()  # the board is an SQL view
        domain = [("move_id", "=", entry.id)]
        Line = self._with_companies("sale.receivable.line", self.allie, self.company)
        self.assertFalse(Line.search(domain))
        self.assertEqual(Line.search_count(domain), 0)
        self.assertFalse(Line.read_group(domain, ["amount_residual:sum"], ["partner_id"]))
        both = self._with_companies("sale.receivable.line", self.allie, self.company | other_company)
        self.assertEqual(both.search(domain).partner_id, self.alpha, "both companies active")

    def test_who_reads_which_invoice(self):
        """Assistants and team managers read customer invoices and their lines through this
        addon's rules only: the invoices of the salespeople they serve (for customers assigned to
        them) or lead, never another kind of entry."""
        carl_alpha = self._invoice(self.carl, self.alpha, 50, due=self.today)
        amy_bill = self._invoice(self.amy, self.alpha, 80, due=self.today, move_type="in_invoice")
        cindys = self.inv_a_later | self.inv_a_soon | self.inv_a_eur | self.refund_a | self.inv_a_paid
        cindys |= self.inv_b | self.inv_b_instalments
        everything = cindys | self.inv_anchor | self.inv_c | carl_alpha | amy_bill
        for user, visible in (
            (self.cindy, cindys),
            (self.david, self.inv_anchor),
            (self.eva, self.env["account.move"]),
            (self.mona, cindys | self.inv_anchor),
        ):
            Move = self.env["account.move"].with_user(user)
            domain = [("id", "in", everything.ids)]
            self.assertEqual(Move.search(domain), visible, user.name)
            self.assertEqual(Move.search_count(domain), len(visible), user.name)
            groups = Move.read_group(domain, ["partner_id"], ["partner_id"])
            self.assertEqual(sum(g["partner_id_count"] for g in groups), len(visible), user.name)
            MoveLine = self.env["account.move.line"].with_user(user)
            domain = [("move_id", "in", everything.ids)]
            self.assertEqual(MoveLine.search(domain).move_id, visible, user.name)
            groups = MoveLine.read_group(domain, ["move_id"], ["move_id"])
            self.assertEqual({g["move_id"][0] for g in groups}, set(visible.ids), user.name)

    def test_assistant_loses_access_with_the_assignment(self):
        self.env["sale.assistant.assignment"].search(
            [("assistant_id", "=", self.cindy.id), ("salesperson_id", "=", self.ben.id)]
        ).action_archive()
        self.assertEqual(self._visible(self.cindy), {("Amy", "Alpha")})

    def test_assistant_reads_only_invoices_they_follow(self):
        Move = self.env["account.move"].with_user(self.cindy)
        invoices = Move.search([("move_type", "in", ("out_invoice", "out_refund"))])
        self.assertEqual(invoices.invoice_user_id, self.amy | self.ben)
        self.assertEqual(invoices.commercial_partner_id, self.alpha | self.bravo)
        self.assertNotIn(self.inv_anchor, invoices, "Anchor is not assigned to Cindy")
        # Its receivable lines too, read-only.
        receivable_lines = (
            self.env["account.move.line"]
            .with_user(self.cindy)
            .search([("move_id", "=", self.inv_a_eur.id), ("account_type", "=", "asset_receivable")])
        )
        self.assertEqual(
            receivable_lines.read(["amount_residual_currency"])[0]["amount_residual_currency"], 1200.0
        )
        with self.assertRaises(AccessError):
            self.inv_c.with_user(self.cindy).read(["name"])
        with self.assertRaises(AccessError):
            self.inv_a_later.with_user(self.david).read(["name"])
        with self.assertRaises(AccessError):
            self.inv_a_later.with_user(self.cindy).write({"ref": "changed"})

    def test_team_manager_reads_their_salespeople_invoices(self):
        invoices = self.env["account.move"].with_user(self.mona).search([("move_type", "=", "out_invoice")])
        self.assertEqual(invoices.invoice_user_id, self.amy | self.ben)
        with self.assertRaises(AccessError):
            self.inv_c.with_user(self.mona).read(["name"])

    def _board_queries(self, user):
        """Queries of the board as the menu opens it: customers' groups, then the first one's
        currencies."""
        Line = self.env["sale.receivable.line"].with_user(user)
        sums = ["amount_overdue:sum", "amount_not_due:sum", "amount_residual:sum"]
        self.env.invalidate_all()
        Line.web_read_group([], sums, ["partner_id", "currency_id"], limit=80)  # warm the caches
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        groups = Line.web_read_group([], sums, ["partner_id", "currency_id"], limit=80)
        Line.web_read_group(groups["groups"][0]["__domain"], sums, ["currency_id"], limit=80)
        return self.env.cr.sql_log_count - before, groups["length"]

    def test_board_queries_do_not_grow_with_customers(self):
        queries, customers = self._board_queries(self.cindy)
        self.assertEqual(customers, 2)
        for index in range(5):
            partner = self.env["res.partner"].create(
                {
                    "name": f"More {index}",
                    "is_company": True,
                    "user_id": self.amy.id,
                    "assistant_ids": self.cindy.ids,
                }
            )
            self._invoice(self.amy, partner, 100 + index, due=self.today, currency=self.eur)
        self.env.flush_all()
        self.assertEqual(self._board_queries(self.cindy), (queries, 7))

    def test_assistant_drafts_a_customer_reminder(self):
        lines = (
            self.env["sale.receivable.line"]
            .with_user(self.cindy)
            .search([("partner_id", "=", self.alpha.id)])
        )
        action = lines.action_draft_customer_reminder()
        self.env.invalidate_all()  # the composer opens in a new request
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.cindy)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(composer.author_id, self.amy.partner_id, "in the salesperson's name")
        self.assertIn("r_amy@example.com", composer.email_from)
        # The open invoices Cindy may see, with what is left of each; not the paid one, nor credit notes.
        for invoice in (self.inv_a_later, self.inv_a_soon, self.inv_a_eur):
            self.assertIn(invoice.name, composer.body)
        self.assertIn("1,200.00", composer.body)
        self.assertNotIn(self.inv_a_paid.name, composer.body)
        self.assertNotIn(self.refund_a.name, composer.body)
        # The statement of open items travels with it, as Cindy may see it.
        self.assertEqual(len(composer.attachment_ids), 1)
        self.assertTrue(composer.attachment_ids.name.startswith("Statement - Alpha"))
        statement = composer.attachment_ids.raw.decode()
        self.assertIn(self.inv_a_eur.name, statement)
        self.assertIn(self.refund_a.name, statement)
        with self.assertRaises(UserError):
            self.env["sale.receivable.line"].search([]).action_draft_customer_reminder()

    def _statement(self, user):
        """{currency name: (balance, non-zero buckets, document names)} of Alpha as ``user`` sees it."""
        return {
            group["currency"].name: (
                group["balance"],
                {name: amount for name, amount in group["buckets"].items() if amount},
                {row["document"] for row in group["rows"]},
            )
            for group in self.alpha.with_user(user)._sale_receivable_statement()
        }

    def test_statement_per_currency_as_the_reader_sees_it(self):
        usd_documents = {
            self.inv_a_later.name,
            self.inv_a_soon.name,
            self.refund_a.name,
            self.payment_alpha.move_id.name,
        }
        expected = {
            "USD": (1150.0, {"amount_not_due": 1000.0, "amount_due_soon": 500.0}, usd_documents),
            "EUR": (1200.0, {"amount_overdue_1_30": 1200.0}, {self.inv_a_eur.name}),
        }
        self.assertEqual(self._statement(self.cindy), expected)
        self.assertEqual(self._statement(self.amy), expected)
        # Eva serves nobody and Ben does not sell to Alpha: an empty statement, not someone else's.
        self.assertEqual(self._statement(self.eva), {})
        self.assertEqual(self._statement(self.ben), {})

    def test_statement_report_renders_for_the_reader(self):
        Report = self.env["ir.actions.report"]
        report = "sale_assistant.report_sale_receivable_statement"
        html = Report.with_user(self.cindy)._render_qweb_html(report, self.alpha.ids)[0].decode()
        self.assertIn("Statement of Open Items", html)
        for invoice in (self.inv_a_later, self.inv_a_soon, self.inv_a_eur):
            self.assertIn(invoice.name, html)
        self.assertNotIn(self.inv_a_paid.name, html)
        html = Report.with_user(self.eva)._render_qweb_html(report, self.alpha.ids)[0].decode()
        self.assertIn("Nothing is open on your account", html)
        self.assertNotIn(self.inv_a_eur.name, html)
