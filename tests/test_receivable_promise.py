# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .test_receivable_common import ReceivableCase


@tagged("post_install", "-at_install")
class TestReceivablePromise(ReceivableCase):
    def _promise(self, user, **values):
        return (
            self.env["sale.receivable.promise"]
            .with_user(user)
            .create({"partner_id": self.alpha.id, "note": "Will pay after the holidays", **values})
        )

    def _activities(self, promises):
        return self.env["mail.activity"].search(
            [("res_model", "=", "sale.receivable.promise"), ("res_id", "in", promises.ids)]
        )

    def _run_cron_on(self, day):
        with freeze_time(day):
            self.env["sale.receivable.promise"]._cron_check_promises()

    def test_bad_promises_are_refused(self):
        Promise = self.env["sale.receivable.promise"]
        before = Promise.search_count([])
        cases = [
            {"promised_date": self.today - timedelta(days=1), "amount": 100},
            {"promised_date": self.today + timedelta(days=1), "amount": 0},
            {"promised_date": self.today + timedelta(days=1), "amount": -50},
            {"amount": 100},
        ]
        for values in cases:
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self._promise(self.cindy, move_id=self.inv_a_eur.id, **values)
        with self.assertRaises(ValidationError):
            self._promise(self.amy, move_id=self.inv_anchor.id, note="Wrong customer")
        self.assertEqual(Promise.search_count([]), before)

    def test_note_and_promise_states(self):
        note = self._promise(self.cindy)
        self.assertEqual(note.state, "note")
        self.assertEqual(note.user_id, self.amy, "the customer's owner")
        promise = self._promise(self.cindy, move_id=self.inv_a_eur.id, promised_date=self.today, amount=500)
        self.assertEqual((promise.state, promise.currency_id, promise.user_id), ("open", self.eur, self.amy))
        self.assertEqual(promise.invoice_residual_at_promise, 1200.0)

    def test_broken_promise_warns_salesperson_and_assistant_once(self):
        promise = self._promise(
            self.cindy, move_id=self.inv_a_eur.id, promised_date=self.today + timedelta(days=1), amount=500
        )
        self._run_cron_on(self.today + timedelta(days=1))
        self.assertEqual(promise.state, "open", "not yet past")
        self._run_cron_on(self.today + timedelta(days=2))
        self.assertEqual(promise.state, "broken")
        # Cindy serves Amy and is assigned to Alpha; David serves Amy but is not assigned to Alpha.
        self.assertEqual(self._activities(promise).user_id, self.amy | self.cindy)
        self.assertEqual(len(self._activities(promise)), 2)
        self._run_cron_on(self.today + timedelta(days=3))
        self.assertEqual(len(self._activities(promise)), 2, "no second activity")
        self.assertEqual(self.alpha.sale_broken_promise_count, 1)
        self.assertEqual(self.anchor.sale_broken_promise_count, 0)

    def test_kept_promise_gives_no_activity(self):
        promise = self._promise(self.amy, move_id=self.inv_a_soon.id, promised_date=self.today, amount=300)
        self._pay(self.inv_a_soon, 300, self.usd)
        self._run_cron_on(self.today + timedelta(days=1))
        self.assertEqual(promise.state, "kept")
        self.assertFalse(self._activities(promise))

    def test_customer_promise_is_kept_by_payments(self):
        kept = self._promise(self.amy, partner_id=self.anchor.id, promised_date=self.today, amount=100)
        broken = self._promise(self.ben, partner_id=self.bravo.id, promised_date=self.today, amount=100)
        self._pay(self.inv_anchor, 100, self.usd)
        self._run_cron_on(self.today + timedelta(days=1))
        self.assertEqual(kept.state, "kept", "Anchor paid USD 100 since the promise")
        self.assertEqual(broken.state, "broken", "Bravo paid nothing")
        self.assertEqual(self._activities(broken).user_id, self.ben | self.cindy)

    def test_promise_access(self):
        promise = self._promise(self.cindy, promised_date=self.today, amount=100)
        Promise = self.env["sale.receivable.promise"]
        anchor_note = Promise.create({"partner_id": self.anchor.id, "note": "Call back"})
        # Carl, whom Cindy does not serve, invoiced Alpha, a customer assigned to her.
        carl_invoice = self._invoice(self.carl, self.alpha, 50, due=self.today)
        carl_note = Promise.create(
            {"partner_id": self.alpha.id, "move_id": carl_invoice.id, "note": "Carl's"}
        )
        other_company = self._other_company(self.allie)
        elsewhere = Promise.create(
            {"partner_id": self.alpha.id, "note": "In the other company", "company_id": other_company.id}
        )
        everything = promise | anchor_note | carl_note | elsewhere
        for user, visible in (
            (self.amy, promise | anchor_note),
            (self.cindy, promise),
            (self.david, anchor_note),
            (self.eva, Promise),
            (self.mona, promise | anchor_note),
            (self.carl, carl_note),
            (self.allie, promise | anchor_note | carl_note),
            (self.accountant, promise | anchor_note | carl_note),
        ):
            Visible = self._with_companies("sale.receivable.promise", user, self.company)
            domain = [("id", "in", everything.ids)]
            self.assertEqual(Visible.search(domain), visible, user.name)
            self.assertEqual(Visible.search_count(domain), len(visible), user.name)
            groups = Visible.read_group(domain, ["partner_id"], ["partner_id"])
            self.assertEqual(sum(g["partner_id_count"] for g in groups), len(visible), user.name)
        both = self._with_companies("sale.receivable.promise", self.allie, self.company | other_company)
        self.assertEqual(both.search([("id", "in", everything.ids)]), everything, "both companies active")
        with self.assertRaises(AccessError):
            promise.with_user(self.david).read(["note"])
        with self.assertRaises(AccessError):
            self._promise(self.eva, note="Not my customer")
