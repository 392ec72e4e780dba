# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError

from .test_followup_common import FollowupCase

BLOCKS = "sale_assistant.followup_inspection_blocks_booking"


class TestFollowupInspection(FollowupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._confirm(*cls.orders)
        cls.sgs = cls.env["res.partner"].create({"name": "SGS Taiwan", "is_company": True})

    def _inspect(self, order, user=None, **values):
        Inspection = self.env["sale.followup.inspection"].with_user(user or self.env.user)
        return Inspection.create(
            {
                "order_id": order.id,
                "third_party_id": self.sgs.id,
                "sample_size": 80,
                "result": "pass",
                "date": self.company_today,
                **values,
            }
        )

    def test_failed_inspection_tells_the_salesperson(self):
        order = self.order_amy_by_cindy
        before = order.message_ids
        self._inspect(order, self.cindy, result="fail", defects="12 lanterns with scratched glass")
        notes = order.message_ids - before
        self.assertEqual(len(notes), 1)
        self.assertIn(self.amy.partner_id, notes.partner_ids)
        self.assertIn("scratched glass", notes.body)
        passed = self._inspect(order, self.cindy)
        # A result on file stays (a failed lot is inspected again, as a new record) ...
        with self.assertRaisesMessage(UserError, "record a new inspection"):
            passed.with_user(self.cindy).write({"result": "fail", "defects": "Wrong labels"})
        self.assertEqual(passed.result, "pass")
        # ... unless a sales administrator corrects it: the salesperson is told then too.
        passed.with_user(self.sales_admin).write({"result": "fail", "defects": "Wrong labels"})
        self.assertEqual(len(order.message_ids - before), 2, "told again when a result turns to fail")

    def test_bad_input_is_refused(self):
        order = self.order_amy_by_cindy
        bad = [
            ({"sample_size": 0}, "sample size"),
            ({"aql": 0}, "AQL"),
            ({"third_party_id": False}, "inspector"),
            ({"result": "fail"}, "defects"),
            ({"result": "conditional"}, "defects"),
            ({"date": self.company_today + timedelta(days=1)}, "future"),
        ]
        for values, message in bad:
            with self.subTest(values=values), self.assertRaisesMessage(ValidationError, message):
                self._inspect(order, self.cindy, **values)
        self.assertFalse(order.followup_inspection_ids)
        inspection = self._inspect(order, self.cindy)
        with self.assertRaisesMessage(UserError, "another order"):
            inspection.with_user(self.cindy).order_id = self.order_ben_by_cindy

    def test_failed_inspection_blocks_booking_when_set(self):
        order = self.order_amy_by_cindy
        self._inspect(
            order, result="fail", defects="Wrong colour", date=self.company_today - timedelta(days=2)
        )
        order._followup_check_bookable()  # the setting is off
        self.env["ir.config_parameter"].set_param(BLOCKS, "True")
        with self.assertRaisesMessage(UserError, "failed its inspection"):
            order.with_user(self.cindy)._followup_check_bookable()
        self.order_amy_own._followup_check_bookable()  # never inspected
        self._inspect(order, result="pass")
        order.with_user(self.cindy)._followup_check_bookable()

    def test_access_of_every_role(self):
        inspections = {order: self._inspect(order) for order in self.orders}
        expected = {
            self.amy: self.order_amy_by_cindy | self.order_amy_by_david | self.order_amy_own,
            self.ben: self.order_ben_by_cindy,
            self.cindy: self.order_amy_by_cindy | self.order_ben_by_cindy,
            self.david: self.order_amy_by_david,
            self.eva: self.env["sale.order"],
            self.mona: self.orders - self.order_carl_own,
            self.all_docs: self.orders,
        }
        Inspection = self.env["sale.followup.inspection"]
        for user, orders in expected.items():
            with self.subTest(user=user.name):
                domain = [("order_id", "in", self.orders.ids)]
                self.assertEqual(Inspection.with_user(user).search(domain).order_id, orders)
                self.assertEqual(Inspection.with_user(user).search_count(domain), len(orders))
                for order in self.orders - orders:
                    with self.assertRaises(AccessError):
                        inspections[order].with_user(user).read(["result"])
                    with self.assertRaises(AccessError):
                        self._inspect(order, user)
        for outsider in (self.employee, self.portal):
            with self.subTest(user=outsider.name), self.assertRaises(AccessError):
                Inspection.with_user(outsider).search_count([])
