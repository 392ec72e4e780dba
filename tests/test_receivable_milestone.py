# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .test_receivable_common import ReceivableCase


@tagged("post_install", "-at_install")
class TestReceivableMilestone(ReceivableCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.alpha.id,
                "user_id": cls.amy.id,
                "company_id": cls.company.id,
                "date_order": datetime.combine(cls.today - timedelta(days=10), datetime.min.time()),
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product_a.id,
                            "product_uom_qty": 10,
                            "price_unit": 100,
                            "tax_id": [],
                        }
                    )
                ],
            }
        )

    def _milestones(self, *values_list):
        return self.env["sale.receivable.milestone"].create(
            [{"order_id": self.order.id, **values} for values in values_list]
        )

    def test_deposit_and_balance_states(self):
        deposit, balance = self._milestones(
            {"kind": "deposit", "percent": 30, "trigger": "signing"},
            {
                "kind": "balance",
                "amount_type": "fixed",
                "fixed_amount": 700,
                "trigger": "after_bl",
                "days": 30,
            },
        )
        self.assertEqual((deposit.amount, balance.amount), (300.0, 700.0))
        self.assertEqual(deposit.date_due, self.today - timedelta(days=10))
        self.assertEqual(deposit.state, "late")
        self.assertFalse(balance.date_due, "no B/L date yet")
        self.assertEqual(balance.state, "expected")
        self.assertTrue(self.order.sale_deposit_unpaid)

        self.order.sale_bl_date = self.today - timedelta(days=31)
        self.assertEqual(balance.date_due, self.today - timedelta(days=1))
        self.assertEqual(balance.state, "late")

        # Accounting matches the deposit with the customer's payment.
        deposit_payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.alpha.id,
                "amount": 300,
            }
        )
        deposit_payment.action_post()
        deposit.with_user(self.accountant).payment_id = deposit_payment
        self.assertEqual(deposit.state, "received")
        self.assertFalse(self.order.sale_deposit_unpaid)
        # An L/C balance is marked received by accounting.
        balance.with_user(self.accountant).action_mark_received()
        self.assertEqual((balance.state, balance.date_received), ("received", self.today))

    def test_only_accounting_marks_received(self):
        milestone = self._milestones({"kind": "deposit", "percent": 30})
        for user in (self.amy, self.cindy):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                milestone.with_user(user).action_mark_received()
        with self.assertRaises(AccessError):
            milestone.with_user(self.amy).write({"date_received": self.today})
        self.assertEqual(milestone.state, "late")

    def test_milestones_over_the_order_are_refused(self):
        self._milestones({"kind": "deposit", "percent": 30})
        with self.assertRaises(ValidationError) as caught:
            self._milestones({"kind": "balance", "amount_type": "fixed", "fixed_amount": 800})
        self.assertIn("110.00%", str(caught.exception))
        with self.assertRaises(ValidationError):
            self._milestones({"kind": "balance", "percent": 0})
        with self.assertRaises(ValidationError):
            self._milestones({"kind": "balance", "trigger": "fixed_date", "percent": 70})
        self.env.invalidate_all()
        self.assertEqual(len(self.order.sale_milestone_ids), 1, "nothing written")

    def test_letter_of_credit_dates(self):
        # assertRaises (not assertRaisesRegex) rolls back to a savepoint, to see nothing is written.
        with self.assertRaises(ValidationError) as caught:
            self.order.write(
                {
                    "sale_lc_number": "LC-1",
                    "sale_lc_expiry_date": self.today + timedelta(days=10),
                    "sale_lc_presentation_date": self.today + timedelta(days=20),
                }
            )
        self.assertIn("expires", str(caught.exception))
        self.env.invalidate_all()
        self.assertFalse(self.order.sale_lc_number)
        self.order.write(
            {"sale_lc_expiry_date": self.today + timedelta(days=30), "sale_lc_presentation_date": self.today}
        )

    def _order_for(self, partner, salesperson, assistant=None, company=None):
        line = {"product_id": self.product_a.id, "product_uom_qty": 1, "price_unit": 100, "tax_id": []}
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": salesperson.id,
                "assistant_id": assistant.id if assistant else False,
                "company_id": (company or self.company).id,
                "team_id": False,  # Amy's team is of the first company
                "order_line": [Command.create(line)],
            }
        )

    def test_access_follows_the_order(self):
        Users = self.env["res.users"]
        other_company = self._other_company(self.allie)
        orders = {
            "amy": self.order,
            "amy_by_cindy": self._order_for(self.alpha, self.amy, self.cindy),
            # Cindy prepared it when she still served Carl.
            "carl_by_cindy": self._order_for(self.carlton, self.carl, self.cindy),
            "nobody": self._order_for(self.alpha, Users),
            "elsewhere": self._order_for(self.alpha, self.amy, company=other_company),
        }
        milestones = {
            key: self.env["sale.receivable.milestone"].create(
                {"order_id": order.id, "kind": "deposit", "percent": 30}
            )
            for key, order in orders.items()
        }
        everything = self.env["sale.receivable.milestone"].union(*milestones.values())

        def of(*keys):
            return everything.browse([milestones[key].id for key in keys])

        # An order without salesperson is anyone's in Sales, as core shares it.
        for user, visible in (
            (self.amy, of("amy", "amy_by_cindy", "nobody")),
            (self.ben, of("nobody")),
            (self.cindy, of("amy_by_cindy", "nobody")),
            (self.david, of("nobody")),
            (self.mona, of("amy", "amy_by_cindy", "nobody")),
            (self.allie, of("amy", "amy_by_cindy", "carl_by_cindy", "nobody")),
            (self.accountant, of("amy", "amy_by_cindy", "carl_by_cindy", "nobody")),
        ):
            Milestone = self._with_companies("sale.receivable.milestone", user, self.company)
            domain = [("id", "in", everything.ids)]
            self.assertEqual(Milestone.search(domain), visible, user.name)
            self.assertEqual(Milestone.search_count(domain), len(visible), user.name)
            groups = Milestone.read_group(domain, ["kind"], ["kind"])
            self.assertEqual(sum(g["kind_count"] for g in groups), len(visible), user.name)
        both = self._with_companies("sale.receivable.milestone", self.allie, self.company | other_company)
        self.assertEqual(both.search([("id", "in", everything.ids)]), everything, "both companies active")
        with self.assertRaises(AccessError):
            milestones["carl_by_cindy"].with_user(self.cindy).read(["state"])
        self.assertEqual(milestones["amy"].with_user(self.amy).read(["state"])[0]["state"], "late")
