# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from .test_followup_common import FollowupCase


class TestFollowupFactory(FollowupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = new_test_user(
            cls.env, "t_buyer", "base.group_user,purchase.group_purchase_user", name="Bella"
        )
        cls.loom = cls.env["res.partner"].create(
            {
                "name": "Amy's Loom",
                "is_company": True,
                "is_factory": True,
                "user_id": cls.amy.id,
                "assistant_ids": [Command.set(cls.cindy.ids)],
            }
        )
        cls.cloth = cls.env["product.product"].create({"name": "Lantern Cover", "list_price": 3.0})
        cls.order = cls._factory_order(cls.cindy, [(cls.product, cls.forge, 100), (cls.cloth, cls.loom, 40)])

    @classmethod
    def _factory_order(cls, assistant, lines, partner=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.alpha).id,
                "user_id": cls.amy.id,
                "assistant_id": assistant.id if assistant else False,
                "commitment_date": cls.delivery,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": qty, "factory_id": factory.id}
                    )
                    for product, factory, qty in lines
                ],
            }
        )
        order.action_confirm()
        return order

    def _purchases(self, orders):
        return orders.order_line.sudo().followup_purchase_line_ids.order_id

    def test_one_purchase_order_per_factory(self):
        order = self.order.with_user(self.cindy)
        self.assertRpcAnswer(order.action_order_from_factories())
        purchases = self._purchases(self.order)
        self.assertEqual(purchases.partner_id, self.forge | self.loom)
        needed = self.company_today + timedelta(days=23)
        for line in self.order.order_line:
            purchase_line = line.sudo().followup_purchase_line_ids
            self.assertEqual(purchase_line.partner_id, line.factory_id)
            self.assertEqual(
                (purchase_line.product_id, purchase_line.product_qty), (line.product_id, line.product_uom_qty)
            )
            self.assertEqual(purchase_line.date_planned.date(), needed)
        # The assistant sees the factory's dates on the order, not the purchase orders themselves.
        line = order.order_line[0]
        self.assertEqual(line.followup_factory_orders, line.sudo().followup_purchase_line_ids.order_id.name)
        self.assertEqual((line.followup_date_needed, line.followup_date_promised), (needed, needed))
        self.assertFalse(line.followup_factory_late)
        with self.assertRaises(AccessError):
            purchases.with_user(self.cindy).read(["name"])
        with self.assertRaisesMessage(UserError, "already ordered"):
            order.action_order_from_factories()
        self.assertEqual(self._purchases(self.order), purchases)

    def test_line_without_factory_orders_nothing(self):
        self.order.order_line[1].factory_id = False
        count = self.env["purchase.order"].search_count([])
        with self.assertRaisesMessage(UserError, "Lantern Cover"):
            self.order.with_user(self.cindy).action_order_from_factories()
        self.assertEqual(self.env["purchase.order"].search_count([]), count, "not even the forge's order")
        draft = self._order(self.alpha, self.amy, self.cindy)
        with self.assertRaisesMessage(UserError, "Confirm"):
            draft.with_user(self.cindy).action_order_from_factories()

    def test_who_may_order_from_factories(self):
        for user in (self.david, self.ben, self.eva, self.employee, self.portal):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.order.with_user(user).action_order_from_factories()
        self.assertFalse(self._purchases(self.order))
        self.assertRpcAnswer(self.order.with_user(self.mona).action_order_from_factories())
        self.assertEqual(len(self._purchases(self.order)), 2)

    def test_merged_factory_orders_keep_both_sale_lines(self):
        other = self._factory_order(None, [(self.product, self.forge, 60)])
        self.order.with_user(self.cindy).action_order_from_factories()
        other.with_user(self.amy).action_order_from_factories()
        forge_orders = self._purchases(self.order | other).filtered(lambda po: po.partner_id == self.forge)
        self.assertEqual(len(forge_orders), 2)
        forge_orders.with_user(self.buyer).action_merge()
        kept = forge_orders.exists().filtered(lambda po: po.state != "cancel")
        self.assertEqual(len(kept.order_line), 1)
        self.assertEqual(kept.order_line.product_qty, 160)
        sale_lines = (
            self.order.order_line.filtered(lambda line: line.factory_id == self.forge) | other.order_line
        )
        self.assertEqual(kept.order_line.followup_sale_line_ids, sale_lines)
        for line in sale_lines.with_user(self.amy):
            self.assertEqual(line.followup_factory_orders, kept.name)

    def test_merge_folding_duplicate_lines_keeps_every_sale_line(self):
        # Two lines of one product for the forge on one order give two lines on its factory
        # order; merging folds them into one and deletes the other.
        twice = self._factory_order(
            self.cindy, [(self.product, self.forge, 10), (self.product, self.forge, 20)]
        )
        other = self._factory_order(None, [(self.product, self.forge, 30)])
        twice.with_user(self.cindy).action_order_from_factories()
        other.with_user(self.amy).action_order_from_factories()
        self._purchases(twice | other).with_user(self.buyer).action_merge()
        kept = self._purchases(twice | other).filtered(lambda po: po.state != "cancel")
        self.assertEqual(len(kept), 1)
        self.assertEqual(kept.order_line.product_qty, 60)
        self.assertEqual(kept.order_line.followup_sale_line_ids, twice.order_line | other.order_line)

    def test_factory_later_than_needed_is_flagged(self):
        self.order.with_user(self.cindy).action_order_from_factories()
        line = self.order.order_line[0]
        purchase_line = line.sudo().followup_purchase_line_ids
        purchase_line.with_user(self.buyer).date_planned = datetime.combine(
            self.company_today + timedelta(days=28), datetime.min.time()
        ).replace(hour=12)
        line = line.with_user(self.cindy)
        self.assertEqual(line.followup_date_promised, self.company_today + timedelta(days=28))
        self.assertTrue(line.followup_factory_late)
        self.assertFalse(self.order.order_line[1].followup_factory_late)

    def test_progress_log(self):
        self.order.with_user(self.cindy).action_order_from_factories()
        line = self.order.order_line[0]
        purchase_line = line.sudo().followup_purchase_line_ids
        Progress = self.env["sale.followup.progress"].with_user(self.buyer)
        Progress.create(
            {
                "purchase_line_id": purchase_line.id,
                "date": self.company_today - timedelta(days=3),
                "qty_produced": 50,
            }
        )
        Progress.create(
            {
                "purchase_line_id": purchase_line.id,
                "date": self.company_today,
                "qty_produced": 100,
                "qty_inspected": 80,
                "qty_ready": 80,
            }
        )
        self.assertEqual(purchase_line.followup_qty_produced, 100)
        self.assertEqual(line.with_user(self.cindy).followup_qty_ready, 80)
        bad = [
            ({"qty_produced": -1}, "negative"),
            ({"qty_produced": 10, "qty_ready": 20}, "than produced"),
            ({"date": self.company_today + timedelta(days=1)}, "future"),
        ]
        for values, message in bad:
            with self.subTest(values=values), self.assertRaisesMessage(ValidationError, message):
                Progress.create({"purchase_line_id": purchase_line.id, **values})
        self.assertEqual(len(purchase_line.followup_progress_ids), 2)
        # A report is a log entry: the buyer adds another rather than editing it.
        with self.assertRaises(AccessError):
            purchase_line.followup_progress_ids[0].with_user(self.buyer).qty_ready = 100
        for user in (self.cindy, self.amy, self.mona, self.all_docs, self.portal):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.env["sale.followup.progress"].with_user(user).search_count([])

    def test_cancelled_factory_order_is_ordered_again(self):
        self.order.with_user(self.cindy).action_order_from_factories()
        first = self._purchases(self.order)
        first.with_user(self.buyer).button_cancel()
        self.assertFalse(self.order.order_line[0].followup_factory_orders)
        self.order.with_user(self.cindy).action_order_from_factories()
        second = self._purchases(self.order).filtered(lambda po: po.state != "cancel")
        self.assertEqual(len(second), 2)
        self.assertFalse(second & first)

    def test_buyer_without_sales_rights_sees_the_sale_orders_names(self):
        self.order.with_user(self.cindy).action_order_from_factories()
        purchase = self._purchases(self.order)[0].with_user(self.buyer)
        self.assertEqual(purchase.order_line.followup_sale_orders, self.order.name)
        with self.assertRaises(AccessError):
            purchase.order_line.followup_sale_line_ids.read(["name"])
        # The purchase order form opens for them (no sale line is read).
        purchase.get_views([(False, "form")])
        purchase.web_read({"order_line": {"fields": {"followup_sale_orders": {}, "followup_qty_ready": {}}}})
