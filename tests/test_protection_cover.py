# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Assignment scope and cover dates: the rules honour them at query time, with constant id lists
kept in the rule cache; the cache is keyed on today's date in the company's timezone."""

from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import freeze_time

from .common import SaleAssistantCase

# Taipei is UTC+8: its midnight of 11 March 2026 is 16:00 UTC on 10 March.
BEFORE_MIDNIGHT = "2026-03-10 15:59:59"
AT_MIDNIGHT = "2026-03-10 16:00:00"


class TestCover(SaleAssistantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Taipei"
        cls.Assignment = cls.env["sale.assistant.assignment"]

    def _eva_covers_ben(self, **dates):
        """Eva covers Ben: Bravo is assigned to her and she prepared an order for it."""
        self.Assignment.create({"salesperson_id": self.ben.id, "assistant_id": self.eva.id, **dates})
        # Set up while the cover is current: only then may Bravo be assigned to Eva.
        starts_tomorrow = dates.get("date_start", date.min) > date(2026, 3, 10)
        with freeze_time(AT_MIDNIGHT if starts_tomorrow else BEFORE_MIDNIGHT):
            self.env.invalidate_all()
            self.bravo.assistant_ids = [Command.link(self.eva.id)]
            order = self._order(self.bravo, self.ben, self.eva)
        return order

    def _eva_sees(self, order, at):
        with freeze_time(at):
            # A new request: nothing computed before this moment is reused.
            self.env.invalidate_all()
            return bool(self.env["sale.order"].with_user(self.eva).search([("id", "=", order.id)]))

    def test_cover_starting_tomorrow_starts_at_midnight_company_time(self):
        order = self._eva_covers_ben(date_start=date(2026, 3, 11))
        self.assertFalse(self._eva_sees(order, BEFORE_MIDNIGHT))
        self.assertTrue(self._eva_sees(order, AT_MIDNIGHT))
        with freeze_time(BEFORE_MIDNIGHT):
            self.env.invalidate_all()
            self.assertNotIn(self.ben, self.eva.sale_served_salesperson_ids)
            self.assertFalse(self.env["res.users"].search([("sale_assistant_ids", "in", self.eva.ids)]))
        with freeze_time(AT_MIDNIGHT):
            self.env.invalidate_all()
            self.assertIn(self.ben, self.eva.sale_served_salesperson_ids)
            self.assertEqual(
                self.env["res.users"].search([("sale_assistant_ids", "in", self.eva.ids)]), self.ben
            )

    def test_cover_ending_today_ends_at_midnight_company_time(self):
        order = self._eva_covers_ben(date_start=date(2026, 3, 1), date_end=date(2026, 3, 10))
        self.assertTrue(self._eva_sees(order, BEFORE_MIDNIGHT))
        self.assertFalse(self._eva_sees(order, AT_MIDNIGHT))

    def test_same_day_cached_rule_follows_the_date_key(self):
        """The rule domain cached on the last day of a cover is not reused the next day."""
        self._eva_covers_ben(date_end=date(2026, 3, 10))
        Rule = self.env["ir.rule"]
        with freeze_time(BEFORE_MIDNIGHT):
            key_today = tuple(Rule.with_user(self.eva)._compute_domain_context_values())
        with freeze_time(AT_MIDNIGHT):
            key_tomorrow = tuple(Rule.with_user(self.eva)._compute_domain_context_values())
        self.assertNotEqual(key_today, key_tomorrow)
        self.assertIn("2026-03-11", key_tomorrow)

    def test_cover_ending_before_it_starts_is_refused(self):
        count = self.Assignment.search_count([])
        with self.assertRaisesMessage(ValidationError, "before it starts"):
            self.Assignment.create(
                {
                    "salesperson_id": self.ben.id,
                    "assistant_id": self.eva.id,
                    "date_start": date(2026, 3, 11),
                    "date_end": date(2026, 3, 10),
                }
            )
        self.assertEqual(self.Assignment.search_count([]), count)
        self.david_amy.date_start = date(2026, 3, 11)
        with self.assertRaisesMessage(ValidationError, "before it starts"):
            self.david_amy.date_end = date(2026, 3, 1)
        self.assertFalse(self.david_amy.date_end)
        self.david_amy.date_end = date(2026, 3, 11)  # a one-day cover is fine


class TestScope(SaleAssistantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bravo_buyer = cls.env["res.partner"].create({"name": "Bravo Buyer", "parent_id": cls.bravo.id})
        # Ben's orders Cindy did not prepare: his own for Bravo (assigned to her, via a contact) and
        # one for a customer of his not assigned to her.
        cls.boreal = cls.env["res.partner"].create(
            {"name": "Boreal Gear", "is_company": True, "user_id": cls.ben.id}
        )
        cls.order_ben_bravo = cls._order(cls.bravo_buyer, cls.ben)
        cls.order_ben_boreal = cls._order(cls.boreal, cls.ben)

    def _cindy_sees(self):
        self.env.flush_all()
        as_cindy = self.env(user=self.cindy)
        orders = as_cindy["sale.order"].search([("user_id", "=", self.ben.id)])
        lines = as_cindy["sale.order.line"].search([("salesman_id", "=", self.ben.id)])
        report = as_cindy["sale.report"].search([("user_id", "=", self.ben.id)])
        self.assertEqual(lines.order_id, orders)
        self.assertEqual({row.order_reference.id for row in report}, set(orders.ids))
        return orders

    def test_prepared_scope_is_the_default(self):
        self.assertEqual(self.cindy_ben.scope, "prepared")
        self.assertEqual(self._cindy_sees(), self.order_ben_by_cindy)

    def test_customer_scope_shows_every_order_of_assigned_customers(self):
        self.cindy_ben.scope = "customer"
        self.assertEqual(self._cindy_sees(), self.order_ben_by_cindy | self.order_ben_bravo)
        # Assigning another customer takes effect at once, unassigning too.
        self.boreal.assistant_ids = [Command.link(self.cindy.id)]
        self.assertEqual(
            self._cindy_sees(), self.order_ben_by_cindy | self.order_ben_bravo | self.order_ben_boreal
        )
        self.bravo.assistant_ids = [Command.unlink(self.cindy.id)]
        self.assertEqual(self._cindy_sees(), self.order_ben_by_cindy | self.order_ben_boreal)
        # Back to the default scope: only what she prepared.
        self.cindy_ben.scope = "prepared"
        self.assertEqual(self._cindy_sees(), self.order_ben_by_cindy)

    def test_customer_scope_is_per_salesperson(self):
        """Cindy's scope for Ben does not widen what she sees of Amy or of other salespeople."""
        self.cindy_ben.scope = "customer"
        amy_own_for_alpha = self.order_amy_own  # Alpha is assigned to Cindy, Amy's scope is 'prepared'
        Order = self.env["sale.order"].with_user(self.cindy)
        self.assertNotIn(amy_own_for_alpha, Order.search([]))
        self.cindy_amy.scope = "customer"
        self.assertIn(amy_own_for_alpha, Order.search([]))
        self.assertNotIn(self.order_carl_own, Order.search([]))

    def test_ended_assignment_ends_the_customer_scope(self):
        self.cindy_ben.scope = "customer"
        self.cindy_ben.action_archive()
        self.assertFalse(self._cindy_sees())

    def test_rule_cache_cleared_only_when_covered_customers_may_change(self):
        registry = self.registry
        # Whatever the database holds (demo data has a cover with that scope): none has it now.
        Assignment = self.env["sale.assistant.assignment"].with_context(active_test=False)
        Assignment.search([("scope", "=", "customer")]).write({"scope": "prepared"})
        registry.cache_invalidated.clear()
        self.bravo.assistant_ids = [Command.unlink(self.cindy.id)]  # no assignment has the customer scope
        self.assertNotIn("default", registry.cache_invalidated)
        self.cindy_amy.scope = "customer"
        registry.cache_invalidated.clear()
        self.bravo.write({"name": "Bravo Trading Co."})
        self.assertNotIn("default", registry.cache_invalidated)
        self.bravo.user_id = self.amy
        self.assertIn("default", registry.cache_invalidated)
