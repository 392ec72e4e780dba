# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer protection: who reads which customer or factory, with no leak through name_search,
read_group, search_count, and only the name of a protected partner on documents one may read."""

from odoo.exceptions import AccessError
from odoo.tests import freeze_time

from .common import SaleAssistantCase


class TestProtection(SaleAssistantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.loose = Partner.create({"name": "Loose Lead Ltd", "is_company": True})
        cls.vendor = Partner.create({"name": "Paper Vendor", "is_company": True, "supplier_rank": 1})
        cls.order_amy_for_carlton = cls._order(cls.carlton, cls.amy)
        cls.customers = (
            cls.alpha
            | cls.alpha_buyer
            | cls.anchor
            | cls.bravo
            | cls.carlton
            | cls.forge
            | cls.mill
            | cls.loose
        )
        cls.readable = {
            "salesperson": (cls.amy, cls.alpha | cls.alpha_buyer | cls.anchor | cls.forge | cls.loose),
            "assistant": (
                cls.cindy,
                cls.alpha | cls.alpha_buyer | cls.bravo | cls.forge | cls.mill | cls.loose,
            ),
            "team manager": (
                cls.mona,
                cls.alpha | cls.alpha_buyer | cls.anchor | cls.bravo | cls.forge | cls.mill | cls.loose,
            ),
            "all documents": (cls.all_docs, cls.customers),
            # Warehouse and accounting users have no Sales right: protection is not about them.
            "employee": (cls.employee, cls.customers),
        }

    def _protect(self, on=True):
        self.env["res.config.settings"].create({"sale_protect_customers": on}).execute()

    def test_off_by_default_and_the_setting_reads_the_rules(self):
        self.assertFalse(self.env["res.config.settings"].create({}).sale_protect_customers)
        Partner = self.env["res.partner"].with_user(self.amy)
        self.assertEqual(Partner.search([("id", "in", self.customers.ids)]), self.customers)
        self._protect()
        self.assertTrue(self.env["res.config.settings"].create({}).sale_protect_customers)
        self.assertNotIn(self.carlton, Partner.search([("id", "in", self.customers.ids)]))
        self._protect(False)
        self.assertEqual(Partner.search([("id", "in", self.customers.ids)]), self.customers)

    def test_each_role_reads_its_share_only_through_every_door(self):
        self._protect()
        for role, (user, expected) in self.readable.items():
            with self.subTest(role=role):
                Partner = self.env["res.partner"].with_user(user)
                domain = [("id", "in", self.customers.ids)]
                self.assertEqual(Partner.search(domain), expected)
                self.assertEqual(Partner.search_count(domain), len(expected))
                grouped = Partner.read_group(domain, ["is_company"], ["is_company"])
                self.assertEqual(sum(g["is_company_count"] for g in grouped), len(expected))
                for partner in self.customers:
                    found = {pid for pid, _name in Partner.name_search(partner.name, limit=None)}
                    self.assertEqual(partner.id in found, partner in expected, partner.name)
                hidden = self.customers - expected
                if hidden:
                    with self.assertRaises(AccessError):
                        hidden[:1].with_user(user).read(["name"])

    def test_other_partners_stay_readable(self):
        self._protect()
        others = self.vendor | self.ben.partner_id | self.carl.partner_id | self.env.company.partner_id
        for role, (user, _expected) in self.readable.items():
            with self.subTest(role=role):
                self.assertEqual(
                    self.env["res.partner"].with_user(user).search([("id", "in", others.ids)]), others
                )

    def test_documents_show_the_name_without_opening_the_partner(self):
        self._protect()
        order = self.order_amy_for_carlton.with_user(self.amy)
        answer = order.web_read({"partner_id": {"fields": {"display_name": {}}}})
        self.assertEqual(answer[0]["partner_id"]["display_name"], "Carlton Imports")
        with self.assertRaises(AccessError):
            self.carlton.with_user(self.amy).read(["name", "email"])
        self.assertFalse(self.env["res.partner"].with_user(self.amy).search([("name", "ilike", "Carlton")]))

    def test_each_role_sees_only_the_name_on_documents_it_reads(self):
        """Each role reads a document whose customer protection hides from it: the name shows on
        the document (read, web_read, read_group labels); nothing else of the customer is read,
        and searching the documents by the customer's other fields finds nothing."""
        self._protect()
        cases = {
            # Amy's order for Carl's customer.
            "salesperson": (self.amy, self.order_amy_for_carlton, self.carlton),
            # Cindy prepared an order for Anchor, which is assigned to David only.
            "assistant": (self.cindy, self._order(self.anchor, self.amy, self.cindy), self.anchor),
            # Mona leads Amy, not Carl.
            "team manager": (self.mona, self.order_amy_for_carlton, self.carlton),
        }
        self.carlton.email = self.anchor.email = "buyer@hidden.example"
        for role, (user, order, hidden) in cases.items():
            with self.subTest(role=role):
                self.assertNotIn(hidden, self.env["res.partner"].with_user(user).search([]))
                order = order.with_user(user)
                self.assertEqual(order.read(["partner_id"])[0]["partner_id"], (hidden.id, hidden.name))
                answer = order.web_read({"partner_id": {"fields": {"display_name": {}}}})
                self.assertEqual(answer[0]["partner_id"]["display_name"], hidden.name)
                groups = (
                    self.env["sale.order"]
                    .with_user(user)
                    .read_group([("id", "=", order.id)], ["partner_id"], ["partner_id"])
                )
                self.assertEqual(groups[0]["partner_id"][1], hidden.name)
                with self.assertRaises(AccessError):
                    order.partner_id.mapped("email")
                with self.assertRaises(AccessError):
                    order.partner_id.read(["email"])
                Order = self.env["sale.order"].with_user(user)
                self.assertFalse(
                    Order.search([("id", "=", order.id), ("partner_id.email", "=", hidden.email)])
                )

    def test_protection_follows_ownership_at_once(self):
        self._protect()
        Partner = self.env["res.partner"].with_user(self.amy)
        self.assertNotIn(self.carlton, Partner.search([]))
        self.carlton.user_id = self.amy
        self.assertIn(self.carlton, Partner.search([]))
        self.assertEqual(self.carlton.sale_protected_owner_id, self.amy)

    def test_ended_cover_takes_the_customers_away(self):
        """A cover ends at midnight with nothing run: the assistant is still on the customer, but
        no longer reads it."""
        self._protect()
        self.env.company.partner_id.tz = "UTC"
        self.cindy_ben.date_end = "2026-03-10"
        with freeze_time("2026-03-10 12:00:00"):
            self.env.invalidate_all()
            self.assertIn(self.bravo, self.env["res.partner"].with_user(self.cindy).search([]))
        with freeze_time("2026-03-11 00:00:00"):
            self.env.invalidate_all()
            self.assertIn(self.cindy, self.bravo.assistant_ids)
            self.assertNotIn(self.bravo, self.env["res.partner"].with_user(self.cindy).search([]))
            self.assertIn(self.alpha, self.env["res.partner"].with_user(self.cindy).search([]))
