# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .common import SaleAssistantCase


class TestOrderAccess(SaleAssistantCase):
    """Who sees which contract: sale.order, sale.order.line and sale.report, by every path."""

    def _visible(self, user):
        return {
            "cindy": self.order_amy_by_cindy | self.order_ben_by_cindy,
            "david": self.order_amy_by_david,
            "eva": self.env["sale.order"],
            "amy": self.order_amy_by_cindy | self.order_amy_by_david | self.order_amy_own,
            "ben": self.order_ben_by_cindy,
            "carl": self.order_carl_own,
            "mona": self.orders - self.order_carl_own,
            "all_docs": self.orders,
            "sales_admin": self.orders,
        }[user]

    ROLES = ("cindy", "david", "eva", "amy", "ben", "carl", "mona", "all_docs", "sales_admin")

    def test_search_orders_per_role(self):
        for role in self.ROLES:
            with self.subTest(role=role):
                Order = self.env["sale.order"].with_user(getattr(self, role))
                found = Order.search([("id", "in", self.orders.ids)])
                self.assertEqual(found, self._visible(role).with_user(getattr(self, role)))
                self.assertEqual(Order.search_count([("id", "in", self.orders.ids)]), len(found))

    def test_read_orders_per_role(self):
        for role in self.ROLES:
            user = getattr(self, role)
            for order in self.orders:
                with self.subTest(role=role, order=order.name):
                    if order in self._visible(role):
                        order.with_user(user).read(["name", "amount_total"])
                    else:
                        with self.assertRaises(AccessError):
                            order.with_user(user).read(["name"])

    def test_search_order_lines_per_role(self):
        for role in self.ROLES:
            with self.subTest(role=role):
                user = getattr(self, role)
                lines = (
                    self.env["sale.order.line"].with_user(user).search([("order_id", "in", self.orders.ids)])
                )
                self.assertEqual(set(lines.order_id.ids), set(self._visible(role).ids))

    def test_sale_report_per_role(self):
        self.env.flush_all()
        names = self.orders.mapped("name")
        for role in self.ROLES:
            with self.subTest(role=role):
                rows = self.env["sale.report"].with_user(getattr(self, role)).search([("name", "in", names)])
                self.assertEqual(set(rows.mapped("name")), set(self._visible(role).mapped("name")))

    def test_read_group_only_counts_visible_orders(self):
        for role in ("cindy", "amy", "mona"):
            with self.subTest(role=role):
                groups = (
                    self.env["sale.order"]
                    .with_user(getattr(self, role))
                    .read_group([("id", "in", self.orders.ids)], ["amount_total:sum"], ["user_id"])
                )
                counted = {g["user_id"][0]: g["user_id_count"] for g in groups}
                expected = {}
                for order in self._visible(role):
                    expected[order.user_id.id] = expected.get(order.user_id.id, 0) + 1
                self.assertEqual(counted, expected)
        self.env.flush_all()
        report = (
            self.env["sale.report"]
            .with_user(self.cindy)
            ._read_group([("name", "in", self.orders.mapped("name"))], ["assistant_id"], ["__count"])
        )
        self.assertEqual([(assistant, count) for assistant, count in report], [(self.cindy, 2)])

    def test_name_search_hides_other_orders(self):
        Order = self.env["sale.order"].with_user(self.david)
        self.assertEqual(
            [r[0] for r in Order.name_search(self.order_amy_by_david.name)],
            [self.order_amy_by_david.id],
        )
        self.assertFalse(Order.name_search(self.order_amy_by_cindy.name))

    def test_no_leak_through_related_fields_or_export(self):
        self.david.groups_id += self.env.ref("base.group_allow_export")
        line = self.order_amy_by_cindy.order_line.with_user(self.david)
        with self.assertRaises(AccessError):
            line.read(["order_id"])
        with self.assertRaises(AccessError):
            self.order_amy_by_cindy.with_user(self.david).export_data(["name", "partner_id/name"])
        exported = self.order_amy_by_david.with_user(self.david).export_data(["name", "partner_id/name"])
        self.assertEqual(exported["datas"], [[self.order_amy_by_david.name, "Anchor Lights"]])
        # Through a partner's one2many, an assistant only gets the orders they may see.
        self.assertEqual(
            self.alpha.with_user(self.david).sale_order_ids.ids,
            self.env["sale.order"].with_user(self.david).search([("partner_id", "=", self.alpha.id)]).ids,
        )
        self.assertFalse(self.alpha.with_user(self.david).sale_order_ids)

    def test_write_and_unlink_per_role(self):
        for role in self.ROLES:
            user = getattr(self, role)
            for order in self.orders:
                with self.subTest(role=role, order=order.name):
                    if order in self._visible(role):
                        order.with_user(user).write({"note": f"checked by {role}"})
                        self.assertEqual(str(order.note), f"<p>checked by {role}</p>")
                    else:
                        with self.assertRaises(AccessError):
                            order.with_user(user).write({"note": "intrusion"})
        for role in ("cindy", "amy", "mona", "all_docs"):
            with self.subTest(role=role, operation="unlink"), self.assertRaises(AccessError):
                self.order_amy_by_cindy.with_user(getattr(self, role)).unlink()
        self.order_amy_by_cindy.with_user(self.sales_admin).action_cancel()
        self.order_amy_by_cindy.with_user(self.sales_admin).unlink()
        self.assertFalse(self.order_amy_by_cindy.exists())

    def test_users_outside_sales_see_nothing_new(self):
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.employee).search([("id", "in", self.orders.ids)])
        self.assertFalse(
            self.env["sale.order"].with_user(self.portal).search([("id", "in", self.orders.ids)])
        )
        with self.assertRaises(AccessError):
            self.env["sale.assistant.assignment"].with_user(self.portal).search([])
