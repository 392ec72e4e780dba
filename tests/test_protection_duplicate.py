# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The duplicate check of customer protection: it sees every customer and factory whoever may
read them, tells only who owns the match and since when, and offers a transfer request."""

import logging

from odoo.exceptions import AccessError, RedirectWarning, UserError
from odoo.tests import Form, freeze_time, new_test_user
from odoo.tools import SQL

from ..tools import sale_protection_duplicate_keys as keys
from .common import SaleAssistantCase

HIDDEN_NAME = "Zenith Outdoor Co., Ltd."


class TestProtectionDuplicate(SaleAssistantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2025-03-04 08:00:00"):
            cls.zenith = cls.env["res.partner"].create(
                {
                    "name": HIDDEN_NAME,
                    "is_company": True,
                    "user_id": cls.amy.id,
                    "vat": "TW 8765-4321",
                    "email": "sales@zenith-outdoor.com",
                    "website": "https://www.zenith-outdoor.example",
                    "phone": "+886 2 2345 6789",
                    "street": "12 Secret Road",
                }
            )
        cls.loose = cls.env["res.partner"].create({"name": "Loose Lead Ltd", "is_company": True})
        cls.env["res.config.settings"].create({"sale_protect_customers": True}).execute()
        cls.Partner = cls.env["res.partner"].with_user(cls.ben)

    def _hidden_count(self):
        return self.env["res.partner"].search_count([("sale_dup_name_key", "=", "zenithoutdoor")])

    def assertBlocked(self, vals, partner=None):
        """Refused with only the owner and the day, and nothing of the hidden record."""
        count = self._hidden_count()
        typed = vals.get("name") or (partner and partner.name)
        with self.assertRaises(RedirectWarning) as caught:
            if partner:
                partner.with_user(self.ben).write(vals)
            else:
                self.Partner.create({"is_company": True, **vals})
        message, action, button, _context = caught.exception.args
        # Word for word: nothing of the hidden record but its owner and since when.
        self.assertEqual(
            message,
            f"{typed} is already a customer of Amy since 03/04/2025. "
            "Ask for a transfer if it should be yours.",
        )
        self.assertEqual(button, "Request Transfer")
        # Logged by the web server as a warning, not as an ERROR with a traceback.
        self.assertEqual(caught.exception.loglevel, logging.WARNING)
        self.assertEqual(action["res_model"], "sale.protection.transfer.request")
        self.assertNotIn(self.zenith.id, action["context"].values())
        self.assertEqual(self._hidden_count(), count, "nothing was written")
        return action

    # Keys -------------------------------------------------------------------------------------

    def test_keys_normalise_spellings(self):
        for name in (
            "Zenith Outdoor Co., Ltd.",
            "ZENITH-OUTDOOR LIMITED",
            "ｚｅｎｉｔｈ　Ｏｕｔｄｏｏｒ Inc.",
            "zenith outdoor",
        ):
            self.assertEqual(keys.name_key(name), "zenithoutdoor", name)
        self.assertEqual(keys.name_key("天頂戶外用品股份有限公司"), keys.name_key("天頂戶外用品有限公司"))
        self.assertEqual(keys.name_key("Taco"), "taco", "a word ending in co is no legal form")
        self.assertEqual(keys.name_key("Company"), "company", "a name is never cut to nothing")
        self.assertEqual(keys.vat_key("tw 8765-4321"), "TW87654321")
        self.assertEqual(keys.email_domain_key("Jo <jo@Zenith-Outdoor.com>"), "zenith-outdoor.com")
        self.assertFalse(keys.email_domain_key("zenith@gmail.com"))
        self.assertFalse(keys.email_domain_key("zenith@qq.com"))
        self.assertEqual(keys.website_domain_key("http://WWW.zenith.example:8080/en/"), "zenith.example")
        self.assertEqual(keys.website_domain_key("zenith.example"), "zenith.example")
        self.assertFalse(keys.website_domain_key("https://www.facebook.com/zenith"))
        self.assertEqual(keys.phone_key("(02) 2345-6789 ext. 21"), keys.phone_key("+886 2 2345 6789"))
        self.assertFalse(keys.phone_key("2345"), "too short to tell customers apart")

    def test_keys_are_stored_on_customers_not_on_their_contacts(self):
        self.assertEqual(self.zenith.sale_dup_name_key, "zenithoutdoor")
        self.assertEqual(self.zenith.sale_dup_vat_key, "TW87654321")
        self.assertEqual(self.zenith.sale_dup_email_key, "zenith-outdoor.com")
        self.assertEqual(self.zenith.sale_dup_website_key, "zenith-outdoor.example")
        self.assertEqual(self.zenith.sale_dup_phone_key, "23456789")
        contact = self.env["res.partner"].create(
            {"name": "Zenith Buyer", "parent_id": self.zenith.id, "email": "buyer@zenith-outdoor.com"}
        )
        self.assertFalse(contact.sale_dup_name_key or contact.sale_dup_email_key)

    # The check --------------------------------------------------------------------------------

    def test_each_key_finds_the_hidden_customer(self):
        with self.assertRaises(AccessError):
            self.zenith.with_user(self.ben).read(["name"])
        self.assertBlocked({"name": "ZENITH-OUTDOOR LIMITED"})
        self.assertBlocked({"name": "Acme 1", "vat": "tw87654321"})
        self.assertBlocked({"name": "Acme 2", "email": "info@zenith-outdoor.com"})
        self.assertBlocked({"name": "Acme 3", "website": "zenith-outdoor.example/shop"})
        self.assertBlocked({"name": "Acme 4", "website": "http://zenith-outdoor.com"})
        self.assertBlocked({"name": "Acme 5", "phone": "02-2345-6789"})

    def test_factories_and_individuals_with_an_owner_are_checked(self):
        self.zenith.is_factory = True
        count = self._hidden_count()
        with self.assertRaisesMessage(RedirectWarning, "Acme is already a factory of Amy"):
            self.Partner.create(
                {"name": "Acme", "is_company": True, "is_factory": True, "phone": "(02) 2345-6789"}
            )
        with self.assertRaisesMessage(RedirectWarning, "Jo Zenith is already a factory of Amy"):
            self.Partner.create(
                {"name": "Jo Zenith", "user_id": self.ben.id, "email": "jo@zenith-outdoor.com"}
            )
        self.assertEqual(self._hidden_count(), count)

    def test_what_does_not_block(self):
        # Free mail, a contact under a company, a person written to by e-mail (no owner yet).
        self.Partner.create({"name": "Solo", "is_company": True, "email": "zenith.outdoor@gmail.com"})
        self.Partner.create({"name": "Zenith Outdoor", "parent_id": self.bravo.id})
        self.Partner.browse(self.Partner.name_create("Jo <jo@zenith-outdoor.com>")[0])
        self.assertTrue(self.Partner._find_or_create_from_emails(["info@zenith-outdoor.com"])[0])
        # The owner's own duplicate, and one for the owner by someone else (no protection at stake).
        self.env["res.partner"].with_user(self.amy).create({"name": "Zenith Outdoor", "is_company": True})
        self.Partner.create({"name": "Zenith Outdoor", "is_company": True, "user_id": self.amy.id})
        # Unowned matches are free to take: no refusal.
        self.Partner.create({"name": "LOOSE LEAD LIMITED", "is_company": True})
        # The system moves customers on purpose (transfers, the public pool, data files).
        self.env["res.partner"].create({"name": "Zenith Outdoor", "is_company": True, "user_id": self.ben.id})
        # Zenith, Amy's own, Ben's for Amy, the system's.
        self.assertEqual(self._hidden_count(), 4)

    def test_people_are_checked_by_name_and_tax_id(self):
        # Quick-created from an order's customer field: a person nobody owns, by name.
        count = self._hidden_count()
        with self.assertRaisesMessage(RedirectWarning, "Zenith Outdoor is already a customer of Amy"):
            self.Partner.name_create("Zenith Outdoor")
        with self.assertRaisesMessage(RedirectWarning, "Jo is already a customer of Amy"):
            self.Partner.create({"name": "Jo", "vat": "TW87654321"})
        self.assertEqual(self._hidden_count(), count)
        # A colleague is no customer, whatever their name.
        colleague = new_test_user(
            self.env(user=self.env.ref("base.user_admin")),
            "t_zenith",
            "base.group_user",
            name="Zenith Outdoor",
        )
        self.assertEqual(colleague.name, "Zenith Outdoor")

    def test_off_without_protection(self):
        self.env["res.config.settings"].create({"sale_protect_customers": False}).execute()
        self.Partner.create({"name": "Zenith Outdoor Ltd", "is_company": True, "user_id": self.ben.id})
        self.assertEqual(self._hidden_count(), 2)

    def test_renaming_or_changing_contact_details_is_checked(self):
        self.assertBlocked({"name": "Zenith Outdoor"}, partner=self.bravo)
        self.assertEqual(self.bravo.name, "Bravo Trading")
        self.assertBlocked({"email": "bravo@zenith-outdoor.com"}, partner=self.bravo)
        self.assertBlocked({"vat": "TW87654321"}, partner=self.bravo)
        # Taking an unowned duplicate of someone's customer makes it a duplicate too.
        twin = self.env["res.partner"].create({"name": "Zenith Outdoor", "is_company": True})
        self.assertBlocked({"user_id": self.ben.id}, partner=twin)
        self.assertFalse(twin.user_id)

    def test_a_caller_cannot_switch_the_check_off_through_the_context(self):
        # The key user creation sets, sent as any RPC caller can send it: the check still runs.
        for value in (True, 1, "1"):
            with self.subTest(value=value):
                self.assertBlocked(
                    {"name": "Zenith Outdoor", "user_id": self.ben.id},
                    partner=self.bravo.with_context(sale_duplicate_skip=value),
                )
                with self.assertRaises(RedirectWarning):
                    self.Partner.with_context(sale_duplicate_skip=value).create(
                        {"name": "Zenith Outdoor", "is_company": True}
                    )

    def test_an_existing_duplicate_can_still_be_edited_by_its_owner(self):
        # Ben's twin of Zenith from before protection (or made by the system): he corrects its
        # phone and street; what it newly shares with Amy's customers is still refused (taking an
        # unowned duplicate is too: test_renaming_or_changing_contact_details_is_checked).
        twin = self.env["res.partner"].create(
            {"name": "Zenith Outdoor", "is_company": True, "user_id": self.ben.id, "phone": "02 1111 1111"}
        )
        twin.with_user(self.ben).write({"phone": "02 2222 2222", "street": "1 Fair Road"})
        self.assertEqual(twin.phone, "02 2222 2222")
        form = Form(twin.with_user(self.ben))
        form.phone = "02 3333 3333"
        self.assertFalse(form.sale_duplicate_blocked, "saving will not be refused")
        form.save()
        with self.assertRaisesMessage(RedirectWarning, "Alpha Outdoor is already a customer of Amy"):
            twin.with_user(self.ben).write({"name": "Alpha Outdoor"})
        self.assertEqual((twin.name, twin.phone), ("Zenith Outdoor", "02 3333 3333"))
        # What it already shared lets nothing else through: the tax ID is checked against Zenith too.
        self.assertBlocked({"vat": "TW87654321"}, partner=twin)
        # Archived, it is not compared; brought back, it is.
        archived = self.env["res.partner"].create(
            {"name": "Zenith Outdoor", "is_company": True, "user_id": self.ben.id, "active": False}
        )
        with self.assertRaises(RedirectWarning):
            archived.with_user(self.ben).action_unarchive()
        self.assertFalse(archived.active)

    def test_import_is_checked(self):
        result = self.Partner.with_context(import_file=True).load(
            ["name", "is_company", "vat"],
            [["Fresh Customer", "1", ""], ["Zenith Outdoor Limited", "1", ""]],
        )
        self.assertFalse(result["ids"])
        errors = [m["message"] for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(
            any("Zenith Outdoor Limited is already a customer of Amy" in e for e in errors), errors
        )
        self.assertFalse(any("Zenith Outdoor Co" in e for e in errors))
        self.assertEqual(self._hidden_count(), 1)
        with self.assertRaises(UserError):
            self.Partner.with_context(sale_duplicate_plain_error=True).create(
                {"name": "Zenith Outdoor", "is_company": True}
            )

    def test_request_transfer_opens_the_form_filled_with_what_was_typed(self):
        action = self.assertBlocked({"name": "Zenith Outdoor Ltd", "phone": "0223456789"})
        self.assertEqual(action["target"], "new")
        self.assertEqual(action["context"]["default_partner_name"], "Zenith Outdoor Ltd")
        self.assertEqual(action["context"]["default_typed_phone"], "0223456789")
        Request = (
            self.env["sale.protection.transfer.request"].with_user(self.ben).with_context(**action["context"])
        )
        request = Request.create({"reason": "Met them at the fair"})
        self.assertEqual(request.sudo().partner_id, self.zenith)
        self.assertEqual(request.owner_id, self.amy)
        self.assertEqual(request.partner_name, "Zenith Outdoor Ltd")

    # The banner -------------------------------------------------------------------------------

    def test_banner_before_saving(self):
        form = Form(self.Partner.with_context(default_is_company=True))
        form.name = "Zenith Outdoor"
        self.assertTrue(form.sale_duplicate_blocked)
        self.assertIn("Zenith Outdoor is already a customer of Amy", form.sale_duplicate_warning)
        self.assertNotIn(HIDDEN_NAME, form.sale_duplicate_warning)
        form.name = "Loose Lead"
        self.assertFalse(form.sale_duplicate_blocked)
        self.assertIn(
            "Loose Lead Ltd", form.sale_duplicate_warning, "an unowned match is named: anyone reads it"
        )
        form.name = "Something New"
        self.assertFalse(form.sale_duplicate_warning)
        # A match the user may not read and that does not block is not named.
        form.name = "Zenith Outdoor"
        form.user_id = self.amy
        self.assertFalse(form.sale_duplicate_warning)

    # Cost -------------------------------------------------------------------------------------

    def test_one_query_whatever_the_batch(self):
        Partner = self.env["res.partner"].with_user(self.ben)

        def lookup_queries(count):
            key_sets = [
                {"sale_dup_name_key": f"newcustomer{i}", "sale_dup_phone_key": f"{i:08d}"}
                for i in range(count)
            ]
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Partner._sale_duplicate_candidates(key_sets)
            return self.env.cr.sql_log_count - before

        self.assertEqual(lookup_queries(1), lookup_queries(200))

    def test_lookup_uses_the_key_indexes(self):
        Partner = self.env["res.partner"].sudo()
        key_set = self.zenith._sale_duplicate_keys()
        query = Partner._search(Partner._sale_duplicate_domain([key_set]))
        # An index built just now over rows updated by the install (stored computes) waits for the
        # transactions older than it to end (pg_index.indcheckxmin): another job's long transaction
        # on the same cluster can keep it unusable for this snapshot.
        self.env.cr.execute(
            """SELECT bool_or(indcheckxmin AND xmin::text::bigint
                              >= txid_snapshot_xmin(txid_current_snapshot()) % 4294967296)
                 FROM pg_index WHERE indexrelid::regclass::text LIKE 'res_partner__sale_dup_%'"""
        )
        if self.env.cr.fetchone()[0]:
            self.skipTest("the key indexes are too recent for this snapshot (an older transaction runs)")
        self.env.cr.execute("SET enable_seqscan = off")
        try:
            self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
            plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        finally:
            self.env.cr.execute("RESET enable_seqscan")
        for key_field in ("name", "vat", "email", "website", "phone"):
            self.assertIn(f"res_partner__sale_dup_{key_field}_key_index", plan)
        self.assertNotIn("Seq Scan", plan)
