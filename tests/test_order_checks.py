# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time

from .common import SaleAssistantCase

NOW = datetime(2026, 11, 27, 9, 0)


@freeze_time(NOW)
class TestOrderChecks(SaleAssistantCase):
    """Checks of an incoming order against the customer's pattern, and the acknowledgement gate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lamp = cls.env["product.product"].create({"name": "Check Lamp", "list_price": 100.0})
        cls.bag = cls.env["product.product"].create({"name": "Check Bag", "list_price": 10.0})
        # Alpha's history of Check Lamp: 100, 120 and 80 (median 100) in the last 12 months at 95.0,
        # the last one on 2026-10-01; and 5,000 two years ago (too old to count).
        for when, quantity in (
            (datetime(2026, 3, 1), 100),
            (datetime(2026, 6, 1), 120),
            (datetime(2026, 10, 1), 80),
            (datetime(2024, 10, 1), 5000),
        ):
            past = cls._order(cls.alpha, cls.amy, client_order_ref=f"OLD-{when:%Y%m}")
            past.order_line = [
                Command.clear(),
                Command.create({"product_id": cls.lamp.id, "product_uom_qty": quantity, "price_unit": 95.0}),
            ]
            past.action_confirm()
            past.date_order = when

    def _new_order(self, lines, **values):
        return (
            self.env["sale.order"]
            .with_user(self.amy)
            .create(
                {
                    "partner_id": self.alpha.id,
                    "user_id": self.amy.id,
                    "order_line": [Command.create(line) for line in lines],
                    **values,
                }
            )
        )

    def _kinds(self, order):
        return sorted((f.kind, f.line_id.product_id.name or "") for f in order.check_finding_ids)

    def test_usual_order_has_no_finding(self):
        order = self._new_order(
            [
                {
                    "product_id": self.lamp.id,
                    "product_uom_qty": 110,
                    "price_unit": 95.0,
                    "customer_requested_date": date(2026, 12, 20),
                }
            ],
            client_order_ref="NEW-1",
        )
        order.action_check_order()
        # 95.0 is within 5% of the pricelist's 100.0 and equals the last price.
        self.assertEqual(self._kinds(order), [])
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_each_check(self):
        order = self._new_order(
            [
                {
                    "product_id": self.lamp.id,
                    "product_uom_qty": 400,
                    "price_unit": 90.0,
                    "customer_requested_date": date(2026, 11, 20),
                },
                {"product_id": self.bag.id, "product_uom_qty": 10, "price_unit": 10.0},
            ],
            client_order_ref="OLD-202606",
        )
        order.action_check_order()
        self.assertEqual(
            self._kinds(order),
            [
                ("duplicate_po", ""),
                ("last_price", "Check Lamp"),
                ("missing_date", "Check Bag"),
                ("new_product", "Check Bag"),
                ("past_date", "Check Lamp"),
                ("pricelist_price", "Check Lamp"),
                ("unusual_quantity", "Check Lamp"),
            ],
        )
        messages = " | ".join(order.check_finding_ids.mapped("message"))
        for expected in (
            "Customer PO OLD-202606 is already on another order of Alpha Outdoor",
            "differs from the last price 95.0",
            (
                "400.0 is unusual for this customer, who ordered 100.0 (median of 3 orders in 12 months; "
                "usual range 33.33 to 300.0)"
            ),
            "differs from the pricelist price 100.0 by more than 5.0%",
            "Alpha Outdoor never ordered Check Bag before",
            "Check Bag has no requested date",
        ):
            self.assertIn(expected, messages)

    def test_quantity_needs_three_recent_orders(self):
        order = self._new_order(
            [
                {
                    "product_id": self.lamp.id,
                    "product_uom_qty": 301,
                    "price_unit": 95.0,
                    "customer_requested_date": date(2026, 12, 20),
                }
            ]
        )
        order.action_check_order()
        self.assertEqual(self._kinds(order), [("unusual_quantity", "Check Lamp")])
        order.order_line.write({"product_uom_qty": 300, "price_unit": 95.0})
        order.action_check_order()
        self.assertEqual(self._kinds(order), [])
        self.env["sale.order"].search([("client_order_ref", "=", "OLD-202603")]).date_order = datetime(
            2025, 11, 1
        )
        order.order_line.write({"product_uom_qty": 1000, "price_unit": 95.0})
        order.action_check_order()
        self.assertEqual(self._kinds(order), [], "only 2 orders in the last 12 months: no rule")

    def test_findings_must_be_acknowledged_before_confirming(self):
        order = self._new_order(
            [
                {
                    "product_id": self.bag.id,
                    "product_uom_qty": 10,
                    "price_unit": 10.0,
                    "customer_requested_date": date(2026, 12, 1),
                }
            ]
        )
        order.action_check_order()
        self.assertEqual(order.check_open_count, 1)
        with self.assertRaisesMessage(UserError, "1 order check finding(s) nobody acknowledged"):
            order.action_confirm()
        finding = order.check_finding_ids.with_user(self.cindy)
        with self.assertRaises(AccessError):  # Cindy cannot see Amy's own order
            finding.action_acknowledge()
        order.check_finding_ids.with_user(self.amy).action_acknowledge()
        self.assertEqual(
            (order.check_finding_ids.acknowledged_by_id, order.check_finding_ids.acknowledged_at),
            (self.amy, NOW),
        )
        # Checking again keeps what was acknowledged while it still applies.
        order.action_check_order()
        self.assertEqual(order.check_finding_ids.acknowledged_by_id, self.amy)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_price_tolerance_is_a_setting(self):
        self.env["ir.config_parameter"].set_param("sale_assistant.price_tolerance", "15")
        order = self._new_order(
            [
                {
                    "product_id": self.lamp.id,
                    "product_uom_qty": 100,
                    "price_unit": 95.0,
                    "customer_requested_date": date(2026, 12, 20),
                }
            ]
        )
        order.order_line.price_unit = 86.0
        order.action_check_order()
        self.assertEqual(self._kinds(order), [("last_price", "Check Lamp")])

    def test_prices_are_compared_after_the_discount(self):
        """100.0 less 5 % is 95.0: the last price, within 5 % of the pricelist's 100.0. And 95.0
        less 10 % is 85.5: neither."""
        line = {
            "product_id": self.lamp.id,
            "product_uom_qty": 100,
            "customer_requested_date": date(2026, 12, 20),
        }
        usual = self._new_order([dict(line, price_unit=100.0, discount=5.0)])
        usual.action_check_order()
        self.assertEqual(self._kinds(usual), [])
        cheap = self._new_order([dict(line, price_unit=95.0, discount=10.0)])
        cheap.action_check_order()
        self.assertEqual(
            self._kinds(cheap), [("last_price", "Check Lamp"), ("pricelist_price", "Check Lamp")]
        )
        messages = " | ".join(cheap.check_finding_ids.mapped("message"))
        self.assertIn("Check Lamp: unit price 85.5 differs from the last price 95.0", messages)

    def test_findings_follow_order_visibility(self):
        order = self.order_amy_by_cindy
        order.order_line.customer_requested_date = False
        order.with_user(self.cindy).action_check_order()
        Finding = self.env["sale.order.check.finding"]
        self.assertTrue(Finding.with_user(self.cindy).search([("order_id", "=", order.id)]))
        self.assertTrue(Finding.with_user(self.mona).search([("order_id", "=", order.id)]))
        self.assertFalse(Finding.with_user(self.david).search([("order_id", "=", order.id)]))
        self.assertFalse(Finding.with_user(self.ben).search([("order_id", "=", order.id)]))


@freeze_time(NOW)
class TestDeliveryDateConfirmation(SaleAssistantCase):
    def test_request_confirm_send(self):
        planner = self.env["res.users"].create(
            {
                "name": "Paul Planner",
                "login": "t_planner",
                "email": "paul@example.com",
                "groups_id": [Command.set(self.env.ref("sales_team.group_sale_salesman_all_leads").ids)],
            }
        )
        self.env["ir.config_parameter"].set_param("sale_assistant.delivery_date_responsible_id", False)
        order = self.order_amy_by_cindy.with_user(self.cindy)
        order.client_order_ref = "PO-778"
        self.assertEqual(order.delivery_date_state, "to_request")
        with self.assertRaisesMessage(UserError, "Choose who confirms the delivery date"):
            order.action_request_delivery_date()
        self.env["ir.config_parameter"].set_param(
            "sale_assistant.delivery_date_responsible_id", str(planner.id)
        )
        order.action_request_delivery_date()
        self.assertEqual(
            (order.delivery_date_state, order.delivery_date_responsible_id), ("requested", planner)
        )
        activity = order.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("sale_assistant.mail_activity_type_delivery_date")
        )
        self.assertEqual(activity.user_id, planner)
        with self.assertRaisesMessage(UserError, "is not confirmed yet"):
            order.action_send_delivery_date()
        as_planner = order.with_user(planner)
        with self.assertRaisesMessage(UserError, "Fill in the Delivery Date"):
            as_planner.action_confirm_delivery_date()
        as_planner.commitment_date = datetime(2026, 12, 15, 10, 0)
        as_planner.action_confirm_delivery_date()
        self.assertEqual(order.delivery_date_state, "confirmed")
        self.assertFalse(
            order.activity_ids.filtered(lambda a: a.activity_type_id == activity.activity_type_id)
        )
        order.action_send_delivery_date()
        self.assertEqual(order.delivery_date_state, "sent")
        message = order.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn(self.alpha, message.partner_ids)
        self.assertIn("Your order PO-778: delivery date 12/15/2026", message.subject)
        self.assertIn("12/15/2026", str(message.body))
        self.assertIn(order.name, str(message.body))


@freeze_time(NOW)
class TestOrderChecksSafety(SaleAssistantCase):
    def test_findings_are_written_by_the_system_only(self):
        order = self.order_amy_by_cindy
        order.order_line.customer_requested_date = False
        order.with_user(self.cindy).action_check_order()
        finding = order.check_finding_ids.with_user(self.cindy)
        for operation in (lambda: finding.write({"acknowledged_by_id": self.mona.id}), finding.unlink):
            with self.assertRaises(AccessError):
                operation()
        with self.assertRaises(AccessError):
            self.env["sale.order.check.finding"].with_user(self.cindy).create(
                {"order_id": order.id, "kind": "new_product", "message": "forged"}
            )
        with self.assertRaises(AccessError):
            order.with_user(self.david).action_check_order()
        finding.action_acknowledge()
        self.assertEqual(finding.acknowledged_by_id, self.cindy)

    def test_history_stays_in_the_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        lamp = self.env["product.product"].create({"name": "Company Lamp", "list_price": 100.0})
        for _n in range(3):
            past = self.env["sale.order"].create(
                {
                    "company_id": other.id,
                    "partner_id": self.alpha.id,
                    "order_line": [
                        Command.create({"product_id": lamp.id, "product_uom_qty": 1, "price_unit": 42.0})
                    ],
                }
            )
            past.action_confirm()
        order = self._order(self.alpha, self.amy)
        order.order_line.write({"product_id": lamp.id, "product_uom_qty": 500, "price_unit": 100.0})
        order.action_check_order()
        kinds = order.check_finding_ids.mapped("kind")
        self.assertIn("new_product", kinds)
        self.assertNotIn("last_price", kinds)
        self.assertNotIn("unusual_quantity", kinds)

    def test_delivery_date_is_confirmed_by_the_responsible_and_reconfirmed_when_changed(self):
        order = self.order_amy_by_cindy
        order.write({"delivery_date_responsible_id": self.mona.id})
        order.with_user(self.cindy).action_request_delivery_date()
        order.write({"commitment_date": datetime(2026, 12, 15, 10, 0)})
        with self.assertRaisesMessage(UserError, "Only Mona, who was asked"):
            order.with_user(self.cindy).action_confirm_delivery_date()
        order.with_user(self.mona).action_confirm_delivery_date()
        self.assertEqual(order.delivery_date_state, "confirmed")
        order.with_user(self.cindy).write({"commitment_date": datetime(2026, 12, 20, 10, 0)})
        self.assertEqual(order.delivery_date_state, "to_request")
        with self.assertRaisesMessage(UserError, "is not confirmed yet"):
            order.action_send_delivery_date()


class TestOrderIntakeDailyUse(SaleAssistantCase):
    def _finding(self, order, kind):
        return self.env["sale.order.check.finding"].create(
            {"order_id": order.id, "kind": kind, "message": kind}
        )

    def test_findings_are_acknowledged_several_at_a_time(self):
        order = self.order_amy_by_cindy
        findings = self._finding(order, "new_product") | self._finding(order, "missing_date")
        self.assertRpcAnswer(order.with_user(self.cindy).action_acknowledge_check_findings())
        self.assertEqual(findings.acknowledged_by_id, self.cindy)
        self.assertEqual(order.check_open_count, 0)
        with self.assertRaises(AccessError):
            self.order_carl_own.with_user(self.cindy).action_acknowledge_check_findings()

    def test_delivery_date_status_changes_only_through_the_buttons(self):
        order = self.order_amy_by_cindy
        for user in (self.cindy, self.amy, self.sales_admin):
            with self.assertRaisesMessage(UserError, "directly: use its buttons"):
                order.with_user(user).write({"delivery_date_state": "confirmed"})
        with self.assertRaisesMessage(UserError, "directly: use its buttons"):
            self.env["sale.order"].with_user(self.amy).create(
                dict(self._order_vals(self.alpha, self.amy), delivery_date_state="sent")
            )

    def test_buttons_answer_over_rpc(self):
        order = self.order_amy_by_cindy.with_user(self.cindy)
        order.delivery_date_responsible_id = self.mona
        self.assertRpcAnswer(order.action_check_order())
        self.assertRpcAnswer(order.action_acknowledge_check_findings())
        self.assertRpcAnswer(order.action_request_delivery_date())
        order.commitment_date = datetime(2026, 12, 15, 10, 0)
        self.assertRpcAnswer(order.with_user(self.mona).action_confirm_delivery_date())
        self.assertRpcAnswer(order.action_send_delivery_date())
        finding = self._finding(order, "new_product")
        self.assertRpcAnswer(finding.with_user(self.cindy).action_acknowledge())

    def test_delivery_date_activity_closes_when_the_order_is_cancelled(self):
        order = self.order_amy_by_cindy.with_user(self.cindy)
        order.delivery_date_responsible_id = self.mona
        order.action_request_delivery_date()
        self.assertTrue(order.activity_ids)
        order._action_cancel()
        self.assertFalse(order.activity_ids)
