# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The owner of a customer or factory: since when, and the one way it changes hands."""

from odoo.exceptions import UserError
from odoo.tests import freeze_time

from .common import SaleAssistantCase


class TestProtectionOwner(SaleAssistantCase):
    def test_owner_since_follows_the_owner_in_the_company_timezone(self):
        self.env.company.partner_id.tz = "Asia/Taipei"
        Partner = self.env["res.partner"]
        # 20:00 UTC on the 1st is already the 2nd in Taipei.
        with freeze_time("2026-03-01 20:00:00"):
            owned = Partner.create({"name": "Owned Co", "is_company": True, "user_id": self.amy.id})
            unowned = Partner.create({"name": "Unowned Co", "is_company": True})
        self.assertEqual(str(owned.sale_owner_since), "2026-03-02")
        self.assertFalse(unowned.sale_owner_since)
        with freeze_time("2026-04-10 01:00:00"):
            owned.write({"user_id": self.ben.id})
            unowned.write({"user_id": self.ben.id})
        self.assertEqual(str(owned.sale_owner_since), "2026-04-10")
        self.assertEqual(str(unowned.sale_owner_since), "2026-04-10")
        owned.write({"user_id": False})
        self.assertFalse(owned.sale_owner_since)

    def test_owner_since_cannot_be_written_directly(self):
        with freeze_time("2026-03-01 08:00:00"):
            owned = self.env["res.partner"].create(
                {"name": "Owned Co", "is_company": True, "user_id": self.amy.id}
            )
        owned.with_user(self.amy).write({"sale_owner_since": "2020-01-01"})
        self.assertEqual(str(owned.sale_owner_since), "2026-03-01")

    def test_saving_the_same_owner_again_keeps_the_day(self):
        with freeze_time("2026-03-01 08:00:00"):
            Partner = self.env["res.partner"]
            amys = Partner.create({"name": "Amy's Co", "is_company": True, "user_id": self.amy.id})
            bens = Partner.create({"name": "Ben's Co", "is_company": True, "user_id": self.ben.id})
        with freeze_time("2026-04-10 08:00:00"):
            # The owner writing herself again over RPC: no change of hands, no new day.
            amys.with_user(self.amy).write({"user_id": self.amy.id})
            self.assertEqual(str(amys.sale_owner_since), "2026-03-01")
            # Both at once: only the one that changes hands restarts.
            (amys | bens).write({"user_id": self.amy.id})
        self.assertEqual((amys | bens).user_id, self.amy)
        self.assertEqual(str(amys.sale_owner_since), "2026-03-01")
        self.assertEqual(str(bens.sale_owner_since), "2026-04-10")

    def test_change_owner_keeps_only_assistants_of_the_new_owner_and_says_so(self):
        # Alpha: Amy's, assisted by Cindy (serves Amy and Ben) and David (serves Amy only).
        messages = self.alpha.message_ids
        self.assertIs(self.alpha._sale_change_owner(self.ben, "Amy left"), True)
        self.assertEqual(self.alpha.user_id, self.ben)
        self.assertEqual(self.alpha.assistant_ids, self.cindy)
        note = self.alpha.message_ids - messages
        self.assertEqual(len(note), 1)
        self.assertIn("Amy", note.body)
        self.assertIn("Ben", note.body)
        self.assertIn("Amy left", note.body)
        # To nobody: no assistant can serve a customer without owner.
        self.alpha._sale_change_owner(self.env["res.users"], "Back to the pool")
        self.assertFalse(self.alpha.user_id)
        self.assertFalse(self.alpha.assistant_ids)
        self.assertFalse(self.alpha.sale_owner_since)
        # The same owner again changes nothing and says nothing.
        messages = self.bravo.message_ids
        self.bravo._sale_change_owner(self.ben, "No change")
        self.assertEqual(self.bravo.message_ids, messages)
        self.assertEqual(self.bravo.assistant_ids, self.cindy)

    def test_giving_a_customer_away_under_protection_gets_a_clear_answer(self):
        # Ben would no longer read Bravo once it is Carl's (core reads it again while saving): he is
        # told so, nothing changes. His team manager gives it within her team; an admin anywhere.
        self.env["res.config.settings"].create({"sale_protect_customers": True}).execute()
        for user in (self.ben, self.mona):
            with self.subTest(user=user.name), self.assertRaisesMessage(UserError, "no longer see Bravo"):
                self.bravo.with_user(user).write({"user_id": self.carl.id})
        self.assertEqual(self.bravo.user_id, self.ben)
        self.bravo.with_user(self.mona).write({"user_id": self.amy.id, "assistant_ids": [(5, 0, 0)]})
        self.assertEqual(self.bravo.user_id, self.amy)
        self.bravo.with_user(self.sales_admin).write({"user_id": self.carl.id})
        self.assertEqual(self.bravo.user_id, self.carl)
        # Without protection, nothing is hidden: Ben gives his mill to Carl.
        self.env["res.config.settings"].create({"sale_protect_customers": False}).execute()
        self.mill.with_user(self.ben).write({"user_id": self.carl.id, "assistant_ids": [(5, 0, 0)]})
        self.assertEqual(self.mill.user_id, self.carl)
