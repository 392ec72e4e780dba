# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The public pool (公海): neglected customers return to it, salespeople claim them back."""

from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time

from .common import SaleAssistantCase

POOL_SETTINGS = {
    "sale_protect_customers": True,
    "sale_pool_enabled": True,
    "sale_pool_days": 30,
    "sale_pool_warning_days": 5,
    "sale_pool_reclaim_days": 10,
    "sale_pool_daily_claims": 2,
    "sale_pool_max_customers": 4,
}
DAY_0 = "2026-03-02 08:00:00"  # the owners got their customers that day (UTC, the company's timezone)


class TestProtectionPool(SaleAssistantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "UTC"
        cls.env["res.config.settings"].create(POOL_SETTINGS).execute()
        cls.warning_type = cls.env.ref("sale_assistant.mail_activity_type_pool_warning")
        cls.tier_short = cls.env["sale.customer.tier"].create(
            {"name": "Trial", "pool_own_period": True, "pool_days": 10}
        )
        cls.tier_default = cls.env["sale.customer.tier"].create({"name": "Plain", "pool_days": 3})
        with freeze_time(DAY_0):
            cls.delta = cls._customer("Delta Camping", cls.amy, assistant_ids=[Command.set(cls.cindy.ids)])
            cls.echo = cls._customer("Echo Tents", cls.amy, sale_tier_id=cls.tier_short.id)
            cls.foxtrot = cls._customer("Foxtrot Gear", cls.ben, sale_tier_id=cls.tier_default.id)
            cls.factory = cls.env["res.partner"].create(
                {"name": "Gamma Works", "is_company": True, "is_factory": True, "user_id": cls.amy.id}
            )
        # Customers of the base fixture were owned today: they are not due in March.
        cls.pool = cls.env["res.partner"].create(
            [{"name": f"Pooled {n}", "is_company": True} for n in range(4)]
        )

    @classmethod
    def _customer(cls, name, owner, **values):
        return cls.env["res.partner"].create(
            {"name": name, "is_company": True, "user_id": owner.id, **values}
        )

    def _run_cron(self, moment, batch_size=1000):
        with freeze_time(moment):
            self.env["res.partner"]._cron_sale_pool(batch_size=batch_size)

    def _pool(self, partners, day, previous):
        partners.with_context(sale_pool_move=True).write(
            {"sale_pool_date": day, "sale_pool_previous_owner_id": previous.id}
        )

    def _warnings(self, partners):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", self.warning_type.id),
            ]
        )

    # Settings

    def test_zero_or_negative_settings_are_refused_and_nothing_is_written(self):
        Param = self.env["ir.config_parameter"].sudo()
        for field in POOL_SETTINGS:
            if field in ("sale_protect_customers", "sale_pool_enabled"):
                continue
            for value in (0, -3):
                with self.subTest(field=field, value=value), self.assertRaises(ValidationError) as caught:
                    self.env["res.config.settings"].create({**POOL_SETTINGS, field: value}).execute()
                self.assertIn("at least 1", str(caught.exception))
        self.assertEqual(Param.get_param("sale_assistant.pool_days"), "30")
        self.assertEqual(Param.get_param("sale_assistant.pool_daily_claims"), "2")

    def test_tier_pool_period_must_be_positive_when_the_tier_has_its_own(self):
        with self.assertRaisesMessage(ValidationError, "at least one day"):
            self.tier_short.write({"pool_days": 0})
        self.assertEqual(self.tier_short.pool_days, 10)
        with self.assertRaisesMessage(ValidationError, "at least one day"):
            self.tier_default.write({"pool_own_period": True, "pool_days": -1})
        # Without its own period the figure is not used: the tier follows the default.
        self.tier_default.write({"pool_days": 0})
        with self.assertRaises(ValidationError):
            self.env["sale.customer.tier"].create({"name": "Zero", "pool_own_period": True, "pool_days": 0})

    # Last activity and the return day

    def test_last_activity_is_the_latest_contact_or_confirmed_order(self):
        self.assertFalse(self.delta.sale_last_activity_date)
        with freeze_time("2026-03-05 09:00:00"):
            self.env["sale.customer.contact"].create(
                {"partner_id": self.delta.id, "date": datetime(2026, 3, 5, 9)}
            )
        self.assertEqual(self.delta.sale_last_activity_date, datetime(2026, 3, 5, 9))
        with freeze_time("2026-03-10 09:00:00"):
            quotation = self._order(self.delta, self.amy)
            self.assertEqual(
                self.delta.sale_last_activity_date, datetime(2026, 3, 5, 9), "a quotation is no activity"
            )
            quotation.action_confirm()
        self.assertEqual(self.delta.sale_last_activity_date, datetime(2026, 3, 10, 9))
        self.assertEqual(self.delta.sale_pool_clock_date, date(2026, 3, 10))
        self.assertEqual(self.delta.sale_pool_return_date, date(2026, 4, 9))
        # Per tier: its own period, else the default.
        self.assertEqual(self.echo.sale_pool_return_date, date(2026, 3, 12))
        self.assertEqual(self.foxtrot.sale_pool_return_date, date(2026, 4, 1))
        # Factories and contacts never return to the pool.
        self.assertFalse(self.factory.sale_pool_clock_date)
        self.assertFalse(self.alpha_buyer.sale_pool_clock_date)

    # The daily cron

    def test_customers_return_after_their_period_by_tier_and_default(self):
        self._run_cron("2026-03-11 12:00:00")
        self.assertEqual(self.echo.user_id, self.amy, "day 9 of 10")
        self._run_cron("2026-03-12 12:00:00")
        self.assertFalse(self.echo.user_id)
        self.assertEqual(self.echo.sale_pool_date, date(2026, 3, 12))
        self.assertEqual(self.echo.sale_pool_previous_owner_id, self.amy)
        self.assertIn("10 days", self.echo.message_ids[0].body)
        self.assertIn("Amy", self.echo.message_ids[0].body)
        self._run_cron("2026-03-31 12:00:00")
        self.assertEqual((self.delta | self.foxtrot).user_id, self.amy | self.ben, "day 29 of 30")
        self._run_cron("2026-04-01 12:00:00")
        self.assertFalse((self.delta | self.foxtrot).user_id)
        self.assertEqual(self.foxtrot.sale_pool_previous_owner_id, self.ben)
        self.assertFalse(self.delta.assistant_ids, "no assistant serves a customer without owner")
        self.assertIn("30 days", self.foxtrot.message_ids[0].body)
        self.assertEqual(self.factory.user_id, self.amy, "factories stay")
        self.assertEqual(self.alpha.user_id, self.amy, "owned since today")

    def test_an_order_confirmed_by_an_assistant_is_activity(self):
        with freeze_time("2026-03-20 09:00:00"):
            self.order_amy_by_cindy.with_user(self.cindy).action_confirm()
        self.assertEqual(self.alpha.sale_last_order_date, datetime(2026, 3, 20, 9))
        self.assertEqual(self.alpha.sale_last_activity_date, datetime(2026, 3, 20, 9))

    def test_no_return_when_a_contact_is_logged_or_an_order_confirmed(self):
        with freeze_time("2026-03-20 09:00:00"):
            self.env["sale.customer.contact"].create(
                {"partner_id": self.delta.id, "date": datetime(2026, 3, 20, 9)}
            )
            self._order(self.foxtrot, self.ben).action_confirm()
        self._run_cron("2026-04-01 12:00:00")
        self.assertEqual(self.delta.user_id, self.amy)
        self.assertEqual(self.foxtrot.user_id, self.ben)
        self._run_cron("2026-04-19 12:00:00")
        self.assertFalse((self.delta | self.foxtrot).user_id)

    def test_warning_once_closed_when_its_reason_goes(self):
        self._run_cron("2026-03-26 12:00:00")
        self.assertFalse(self._warnings(self.delta | self.foxtrot), "6 days before")
        self._run_cron("2026-03-27 12:00:00")
        warnings = self._warnings(self.delta | self.foxtrot)
        self.assertEqual(len(warnings), 2)
        self.assertEqual(warnings.filtered(lambda a: a.res_id == self.delta.id).user_id, self.amy)
        self.assertEqual(
            warnings.filtered(lambda a: a.res_id == self.delta.id).date_deadline, date(2026, 4, 1)
        )
        self._run_cron("2026-03-28 12:00:00")
        self.assertEqual(self._warnings(self.delta | self.foxtrot), warnings, "not repeated")
        # A contact logged: Amy's warning goes at once.
        with freeze_time("2026-03-28 13:00:00"):
            self.env["sale.customer.contact"].create(
                {"partner_id": self.delta.id, "date": datetime(2026, 3, 28, 13)}
            )
        self.assertFalse(self._warnings(self.delta))
        # An order confirmed closes it as well.
        with freeze_time("2026-03-28 14:00:00"):
            self._order(self.foxtrot, self.ben).action_confirm()
        self.assertFalse(self._warnings(self.foxtrot))

    def test_warning_closed_when_the_customer_moves(self):
        self._run_cron("2026-03-27 12:00:00")
        self.assertTrue(self._warnings(self.delta))
        self.delta._sale_change_owner(self.ben, "portfolio handover")
        self.assertFalse(self._warnings(self.delta))
        # Returned to the pool: the warning is gone too.
        self._run_cron("2026-03-28 12:00:00")
        self.assertTrue(self._warnings(self.foxtrot))
        self._run_cron("2026-04-01 12:00:00")
        self.assertFalse(self.foxtrot.user_id)
        self.assertFalse(self._warnings(self.foxtrot))

    def test_stale_warnings_are_closed_by_the_cron(self):
        self._run_cron("2026-03-27 12:00:00")
        # A contact written by a path that skips the hook (here: a later date on an existing log).
        contact = self.env["sale.customer.contact"].create(
            {"partner_id": self.delta.id, "date": datetime(2026, 3, 1)}
        )
        self.assertTrue(self._warnings(self.delta))
        contact.date = datetime(2026, 3, 27, 13)
        self._run_cron("2026-03-28 12:00:00")
        self.assertFalse(self._warnings(self.delta))

    def test_batches_and_idempotent(self):
        with freeze_time(DAY_0):
            more = self.env["res.partner"].create(
                [{"name": f"Batch {n}", "is_company": True, "user_id": self.carl.id} for n in range(3)]
            )
        due = self.delta | self.echo | self.foxtrot | more
        self._run_cron("2026-04-01 12:00:00", batch_size=2)
        self.assertEqual(len(due.filtered("sale_pool_date")), 2)
        self._run_cron("2026-04-01 12:30:00", batch_size=2)
        self._run_cron("2026-04-01 13:00:00", batch_size=2)
        self.assertEqual(due.filtered("sale_pool_date"), due)
        messages = due.message_ids
        self._run_cron("2026-04-01 14:00:00", batch_size=2)
        self.assertEqual(due.message_ids, messages, "a second run the same day changes nothing")
        self.assertTrue(all(p.sale_pool_date == date(2026, 4, 1) for p in due))

    def test_day_boundaries_in_the_company_timezone(self):
        self.env.company.partner_id.tz = "Asia/Taipei"
        # 20:00 UTC on March 1st is March 2nd in Taipei: the clock starts on the 2nd.
        with freeze_time("2026-03-01 20:00:00"):
            customer = self._customer("Taipei Time Co", self.carl)
        self.assertEqual(customer.sale_pool_clock_date, date(2026, 3, 2))
        self._run_cron("2026-03-31 15:59:00")  # 23:59 on March 31st in Taipei: day 29
        self.assertEqual(customer.user_id, self.carl)
        self._run_cron("2026-03-31 16:01:00")  # 00:01 on April 1st in Taipei: day 30
        self.assertFalse(customer.user_id)
        self.assertEqual(customer.sale_pool_date, date(2026, 4, 1))

    def test_nothing_runs_without_the_pool_or_without_protection(self):
        for settings in ({"sale_pool_enabled": False}, {"sale_protect_customers": False}):
            with self.subTest(settings=settings):
                self.env["res.config.settings"].create(POOL_SETTINGS).execute()
                self._run_cron("2026-03-27 12:00:00")
                self.assertTrue(self._warnings(self.delta))
                self.env["res.config.settings"].create({**POOL_SETTINGS, **settings}).execute()
                self._run_cron("2026-05-01 12:00:00")
                self.assertEqual(self.delta.user_id, self.amy)
                self.assertFalse(self.delta.sale_pool_return_date)
                self.assertFalse(self._warnings(self.delta), "switched off: the warning's reason is gone")

    def test_saving_the_same_owner_does_not_restart_the_clock(self):
        clock = self.delta.sale_pool_clock_date
        with freeze_time("2026-03-27 12:00:00"):
            self.delta.with_user(self.amy).write({"user_id": self.amy.id})
        self.assertEqual(self.delta.sale_pool_clock_date, clock)
        self._run_cron("2026-04-01 12:00:00")
        self.assertFalse(self.delta.user_id, "back to the pool on its day")

    # Claims

    def test_claim_makes_the_salesperson_owner_and_is_logged(self):
        self._pool(self.pool[0], date(2026, 3, 1), self.ben)
        partner = self.pool[0].with_user(self.carl)
        with freeze_time("2026-03-05 10:00:00"):
            self.assertRpcAnswer(partner.action_sale_pool_claim())
        self.assertEqual(self.pool[0].user_id, self.carl)
        self.assertFalse(self.pool[0].sale_pool_date)
        self.assertFalse(self.pool[0].sale_pool_previous_owner_id)
        self.assertEqual(self.pool[0].sale_owner_since, date(2026, 3, 5))
        self.assertIn("claimed from the public pool", self.pool[0].message_ids[0].body)
        claim = self.env["sale.protection.pool.claim"].search([("partner_id", "=", self.pool[0].id)])
        self.assertEqual(
            (claim.user_id, claim.date, claim.previous_owner_id), (self.carl, date(2026, 3, 5), self.ben)
        )

    def test_claim_refused_over_the_daily_quota_counted_in_the_company_timezone(self):
        self.env.company.partner_id.tz = "Asia/Taipei"
        self._pool(self.pool, date(2026, 3, 1), self.ben)
        Claim = self.env["sale.protection.pool.claim"]
        with freeze_time("2026-03-05 02:00:00"):  # 10:00 in Taipei
            self.pool[0].with_user(self.carl).action_sale_pool_claim()
        with freeze_time("2026-03-05 15:59:00"):  # 23:59 in Taipei: the same day, two at once is one too many
            with self.assertRaisesMessage(UserError, "claimed 1 today"):
                self.pool[1:3].with_user(self.carl).action_sale_pool_claim()
            self.assertFalse(self.pool[1:3].user_id)
            self.assertEqual(Claim.search_count([("user_id", "=", self.carl.id)]), 1)
            self.pool[1].with_user(self.carl).action_sale_pool_claim()
            with self.assertRaisesMessage(UserError, "over the quota"):
                self.pool[2].with_user(self.carl).action_sale_pool_claim()
        with freeze_time("2026-03-05 16:01:00"):  # 00:01 on the 6th in Taipei: a new day
            self.pool[2].with_user(self.carl).action_sale_pool_claim()
        self.assertEqual(self.pool[:3].user_id, self.carl)

    def test_claim_refused_at_the_cap(self):
        # Amy owns Alpha, Anchor, Delta, Echo (the factory does not count): the cap is 4.
        self._pool(self.pool[0], date(2026, 3, 1), self.ben)
        with self.assertRaisesMessage(UserError, "at most 4"):
            self.pool[0].with_user(self.amy).action_sale_pool_claim()
        self.assertFalse(self.pool[0].user_id)
        self.assertFalse(self.env["sale.protection.pool.claim"].search_count([]))
        self.echo._sale_change_owner(self.ben, "test")
        self.pool[0].with_user(self.amy).action_sale_pool_claim()
        self.assertEqual(self.pool[0].user_id, self.amy)

    def test_previous_owner_cannot_reclaim_within_the_delay(self):
        self._pool(self.pool[0], date(2026, 3, 1), self.ben)
        with freeze_time("2026-03-10 12:00:00"), self.assertRaisesMessage(UserError, "2026-03-11"):
            self.pool[0].with_user(self.ben).action_sale_pool_claim()
        self.assertFalse(self.pool[0].user_id)
        with freeze_time("2026-03-11 12:00:00"):
            self.pool[0].with_user(self.ben).action_sale_pool_claim()
        self.assertEqual(self.pool[0].user_id, self.ben)

    def test_claim_refused_outside_the_pool_and_for_pure_assistants(self):
        with self.assertRaisesMessage(UserError, "not in the public pool"):
            self.pool[0].with_user(self.ben).action_sale_pool_claim()
        with self.assertRaisesMessage(UserError, "not in the public pool"):
            self.alpha.with_user(self.amy).action_sale_pool_claim()
        with self.assertRaises(AccessError):  # Ben does not even read Amy's customer
            self.alpha.with_user(self.ben).action_sale_pool_claim()
        self.assertEqual(self.alpha.user_id, self.amy)
        self._pool(self.pool[0], date(2026, 3, 1), self.ben)
        with self.assertRaisesMessage(UserError, "Only salespeople"):
            self.pool[0].with_user(self.cindy).action_sale_pool_claim()
        with self.assertRaises(AccessError):
            self.pool[0].with_user(self.portal).action_sale_pool_claim()
        self.assertFalse(self.pool[0].user_id)
        self.assertFalse(self.env["sale.protection.pool.claim"].search_count([]))

    def test_claims_by_all_documents_and_sales_admins_count_like_anyone_s(self):
        # Claiming is for oneself: reading every customer (All Documents) or administering sales
        # lifts neither the daily quota (2) nor the cap (4). An empty selection claims nothing.
        more = self.env["res.partner"].create(
            [{"name": f"Pooled later {n}", "is_company": True} for n in range(3)]
        )
        self._pool(self.pool | more, date(2026, 3, 1), self.ben)
        with self.assertRaisesMessage(UserError, "Select the pool customers"):
            self.env["res.partner"].with_user(self.carl).action_sale_pool_claim()
        with freeze_time("2026-03-05 10:00:00"):
            for user, pool, extra in (
                (self.all_docs, self.pool[:2], self.pool[2]),
                (self.sales_admin, self.pool[2:], more[0]),
            ):
                with self.subTest(user=user.name):
                    with self.assertRaisesMessage(UserError, "over the quota"):
                        (pool | extra).with_user(user).action_sale_pool_claim()
                    self.assertRpcAnswer(pool.with_user(user).action_sale_pool_claim())
                    self.assertEqual(pool.user_id, user)
        self.assertEqual(self.env["sale.protection.pool.claim"].search_count([]), 4)
        with freeze_time("2026-03-06 10:00:00"):
            more[:2].with_user(self.all_docs).action_sale_pool_claim()
        with freeze_time("2026-03-07 10:00:00"), self.assertRaisesMessage(UserError, "at most 4"):
            more[2].with_user(self.all_docs).action_sale_pool_claim()
        self.assertFalse(more[2].user_id)

    # Roles and bypass attempts

    def test_every_salesperson_reads_the_pool_with_protection_on(self):
        self._pool(self.pool[:2], date(2026, 3, 1), self.amy)
        for user in (self.amy, self.ben, self.carl, self.cindy, self.mona, self.all_docs):
            with self.subTest(user=user.name):
                found = self.env["res.partner"].with_user(user).search([("sale_pool_date", "!=", False)])
                self.assertEqual(found & self.pool, self.pool[:2])

    def test_claim_log_is_read_only_and_each_role_reads_its_share(self):
        self._pool(self.pool, date(2026, 3, 1), self.env["res.users"])
        with freeze_time("2026-03-05 10:00:00"):
            self.pool[0].with_user(self.ben).action_sale_pool_claim()
            self.pool[1].with_user(self.carl).action_sale_pool_claim()
        Claim = self.env["sale.protection.pool.claim"]
        ben_claim = Claim.search([("user_id", "=", self.ben.id)])
        carl_claim = Claim.search([("user_id", "=", self.carl.id)])
        readable = {
            self.ben: ben_claim,
            self.carl: carl_claim,
            self.amy: Claim,
            self.cindy: Claim,
            self.mona: ben_claim,
            self.all_docs: ben_claim | carl_claim,
            self.sales_admin: ben_claim | carl_claim,
        }
        for user, expected in readable.items():
            with self.subTest(user=user.name):
                self.assertEqual(Claim.with_user(user).search([]), expected)
                self.assertEqual(Claim.with_user(user).search_count([]), len(expected))
        for user in (self.employee, self.portal):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                Claim.with_user(user).search([])
        for user in (self.ben, self.mona, self.sales_admin):
            with self.subTest(user=user.name):
                with self.assertRaises(AccessError):
                    ben_claim.with_user(user).write({"date": "2026-01-01"})
                with self.assertRaises(AccessError):
                    ben_claim.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    Claim.with_user(user).create(
                        {"partner_id": self.pool[2].id, "user_id": user.id, "date": "2026-03-05"}
                    )

    def test_pool_fields_cannot_be_written_directly(self):
        self._pool(self.pool[0], date(2026, 3, 1), self.ben)
        self.pool[0].with_user(self.amy).write(
            {"sale_pool_date": False, "sale_pool_previous_owner_id": self.amy.id}
        )
        self.assertEqual(self.pool[0].sale_pool_date, date(2026, 3, 1))
        self.assertEqual(self.pool[0].sale_pool_previous_owner_id, self.ben)
        self.delta.with_user(self.amy).write(
            {"sale_pool_date": "2026-03-01", "sale_last_order_date": "2030-01-01 00:00:00"}
        )
        self.assertFalse(self.delta.sale_pool_date)
        self.assertFalse(self.delta.sale_last_order_date)
        created = (
            self.env["res.partner"]
            .with_user(self.amy)
            .create(
                {
                    "name": "Sneaky Co",
                    "is_company": True,
                    "sale_pool_date": "2026-03-01",
                    "sale_pool_previous_owner_id": self.ben.id,
                }
            )
        )
        self.assertFalse(created.sale_pool_date or created.sale_pool_previous_owner_id)
        # The pool's own context key means nothing to a client that sends it.
        self.delta.with_user(self.amy).with_context(sale_pool_move=True).write(
            {"sale_pool_date": "2026-03-01"}
        )
        self.assertFalse(self.delta.sale_pool_date)
        copied = self.pool[0].copy()
        self.assertFalse(copied.sale_pool_date or copied.sale_pool_previous_owner_id)

    def test_salesperson_cannot_take_a_pool_customer_through_the_owner_field(self):
        self._pool(self.pool[0], date(2026, 3, 1), self.ben)
        with self.assertRaisesMessage(UserError, "claim it"):
            self.pool[0].with_user(self.carl).write({"user_id": self.carl.id})
        self.assertFalse(self.pool[0].user_id)
        self.assertEqual(self.pool[0].sale_pool_date, date(2026, 3, 1))

    def test_managers_assign_pool_customers_without_quota(self):
        self._pool(self.pool, date(2026, 3, 1), self.carl)
        # The team manager, for a salesperson of the team: not outside it.
        with self.assertRaisesMessage(UserError, "claim it"):
            self.pool[0].with_user(self.mona).write({"user_id": self.carl.id})
        self.pool[:3].with_user(self.mona).write({"user_id": self.ben.id})
        self.assertEqual(self.pool[:3].user_id, self.ben)
        self.assertFalse(self.pool[:3].filtered("sale_pool_date"))
        self.assertIn("Assigned from the public pool to Ben by Mona", self.pool[0].message_ids[0].body)
        self.assertFalse(self.env["sale.protection.pool.claim"].search_count([]), "not a claim")
        self.pool[3].with_user(self.sales_admin).write({"user_id": self.carl.id})
        self.assertEqual(self.pool[3].user_id, self.carl)
        self.assertFalse(self.pool[3].sale_pool_date)
