# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.tests import tagged

from .test_receivable_common import ReceivableCase


@tagged("post_install", "-at_install")
class TestReceivableFigure(ReceivableCase):
    def _store_this_month(self):
        return self.env["sale.receivable.figure"]._store_month(self.company, self.today.replace(day=1))

    def test_salesperson_figures(self):
        figures = self._store_this_month()
        amy = figures.filtered(lambda figure: figure.user_id == self.amy and figure.role == "salesperson")
        # Open: USD 1,000 + 500 + EUR 1,200 (USD 600) + 700; overdue: USD 600 + 700.
        self.assertAlmostEqual(amy.open_amount, 2800.0)
        self.assertAlmostEqual(amy.overdue_amount, 1300.0)
        self.assertAlmostEqual(amy.overdue_ratio, 100 * 1300 / 2800)
        # Collected today: EUR 800 (USD 400) 10 days late and USD 400 5 days late.
        self.assertAlmostEqual(amy.collected_amount, 800.0)
        self.assertAlmostEqual(amy.days_late, 7.5)
        # Sales of the 90 days to month end, net of the credit note (USD 100).
        month_end = self.today.replace(day=1) + timedelta(days=31)
        month_end = month_end.replace(day=1) - timedelta(days=1)
        invoiced = {
            self.inv_a_later: 1000,
            self.inv_a_soon: 500,
            self.inv_a_eur: 1000,
            self.inv_a_paid: 400,
            self.refund_a: -100,
            self.inv_anchor: 700,
        }
        sales = sum(
            amount for move, amount in invoiced.items() if move.invoice_date > month_end - timedelta(days=90)
        )
        self.assertAlmostEqual(amy.sales_amount, sales)
        self.assertAlmostEqual(amy.dso, 2800 / sales * 90)

    def test_assistant_figures_cover_their_customers(self):
        figures = self._store_this_month()
        cindy = figures.filtered(lambda figure: figure.user_id == self.cindy)
        david = figures.filtered(lambda figure: figure.user_id == self.david)
        self.assertEqual(cindy.role, "assistant")
        # Cindy: Alpha (Amy: 1,000 + 500 + 600) and Bravo (Ben: 300 + 300 + 700); David: Anchor.
        self.assertAlmostEqual(cindy.open_amount, 2100.0 + 1300.0)
        self.assertAlmostEqual(cindy.collected_amount, 800.0)
        self.assertAlmostEqual(david.open_amount, 700.0)
        self.assertFalse(david.collected_amount)
        self.assertFalse(figures.filtered(lambda figure: figure.user_id == self.eva))

    def test_stored_once_a_month(self):
        Figure = self.env["sale.receivable.figure"]
        Figure._cron_store_last_month()
        count = Figure.search_count([("company_id", "=", self.company.id)])
        Figure._cron_store_last_month()
        self.assertEqual(Figure.search_count([("company_id", "=", self.company.id)]), count)
        last_month = Figure.search([("company_id", "=", self.company.id)]).mapped("month")
        self.assertEqual(set(last_month), {(self.today.replace(day=1) - timedelta(days=1)).replace(day=1)})

    def test_who_sees_which_figures(self):
        figures = self._store_this_month()
        other_company = self._other_company(self.allie)
        elsewhere = self.env["sale.receivable.figure"].create(
            {
                "month": figures[0].month,
                "company_id": other_company.id,
                "user_id": self.amy.id,
                "role": "salesperson",
            }
        )
        everything = figures | elsewhere

        def of(*users):
            return figures.filtered(lambda figure: figure.user_id in users)

        # Mona: her salespeople's figures, and those of the assistants who serve them.
        for user, visible in (
            (self.amy, of(self.amy)),
            (self.cindy, of(self.cindy)),
            (self.mona, of(self.amy, self.ben, self.cindy, self.david)),
            (self.allie, figures),
            (self.accountant, figures),
        ):
            Figure = self._with_companies("sale.receivable.figure", user, self.company)
            domain = [("id", "in", everything.ids)]
            self.assertEqual(Figure.search(domain), visible, user.name)
            self.assertEqual(Figure.search_count(domain), len(visible), user.name)
            groups = Figure.read_group(domain, ["open_amount:sum"], ["user_id"])
            self.assertEqual(sum(g["user_id_count"] for g in groups), len(visible), user.name)
        both = self._with_companies("sale.receivable.figure", self.allie, self.company | other_company)
        self.assertEqual(both.search([("id", "in", everything.ids)]), everything, "both companies active")
