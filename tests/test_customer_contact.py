# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time

from .common import SaleAssistantCase

NOW = datetime(2026, 11, 27, 9, 0)


@freeze_time(NOW)
class TestCustomerContact(SaleAssistantCase):
    """The contact log: every contact with a customer on record, by whoever had it."""

    def _contact(self, user=None, **values):
        vals = {"partner_id": self.alpha.id, "channel": "phone_out", "summary": "Autumn catalogue", **values}
        return self.env["sale.customer.contact"].with_user(user or self.cindy).create(vals)

    def test_log_defaults_and_facts(self):
        contact = self._contact(contact_id=self.alpha_buyer.id, logged_by_id=self.amy.id)
        self.assertRegex(contact.name, r"^CON/2026/\d{5}$")
        self.assertEqual((contact.user_id, contact.logged_by_id), (self.amy, self.cindy))
        self.assertEqual(contact.date, NOW)
        for user in (self.cindy, self.amy, self.sales_admin):
            with self.assertRaisesMessage(UserError, "Who logged a contact never changes"):
                contact.with_user(user).write({"logged_by_id": user.id})
        with self.assertRaisesMessage(ValidationError, "is dated in the future"):
            self._contact(date=NOW + timedelta(hours=1))

    def test_next_step_is_an_activity_for_who_logged_it(self):
        contact = self._contact(next_step="Send the new price list", next_step_date=date(2026, 12, 1))
        activity = contact.activity_ids
        self.assertEqual(
            (activity.user_id, activity.summary, activity.date_deadline),
            (self.cindy, "Send the new price list", date(2026, 12, 1)),
        )
        contact.next_step_date = date(2026, 12, 3)
        self.assertEqual(contact.activity_ids.date_deadline, date(2026, 12, 3))

    def test_assistant_logs_incoming_for_anyone_and_outgoing_for_their_customers(self):
        incoming = self._contact(partner_id=self.carlton.id, channel="phone_in", summary="Asked for Carl")
        self.assertEqual(incoming.user_id, self.carl)
        with self.assertRaisesMessage(AccessError, "Carlton Imports is not assigned to you"):
            self._contact(partner_id=self.carlton.id, channel="phone_out")
        with self.assertRaisesMessage(AccessError, "Carlton Imports is not assigned to you"):
            incoming.with_user(self.cindy).write({"channel": "visit_them"})

    def test_who_sees_which_contact(self):
        Contact = self.env["sale.customer.contact"]
        by_cindy_alpha = self._contact()
        by_cindy_carlton = self._contact(partner_id=self.carlton.id, channel="phone_in")
        by_david_anchor = self._contact(user=self.david, partner_id=self.anchor.id)
        by_carl = self._contact(user=self.carl, partner_id=self.carlton.id)
        # Each reaches Amy and Mona through one branch of their rules only: who logged it, the
        # salesperson it concerns, the customer's owner.
        by_amy_carlton = self._contact(user=self.amy, partner_id=self.carlton.id, channel="phone_in")
        carlton_for_amy = self._contact(user=self.carl, partner_id=self.carlton.id, user_id=self.amy.id)
        alpha_for_carl = Contact.create(
            {"partner_id": self.alpha.id, "user_id": self.carl.id, "logged_by_id": self.carl.id}
        )
        other_company = self.env["res.company"].create({"name": "Contacts Other Co"})
        self.all_docs.company_ids += other_company
        elsewhere = Contact.create(
            {"partner_id": self.alpha.id, "logged_by_id": self.cindy.id, "company_id": other_company.id}
        )
        everything = (
            by_cindy_alpha
            | by_cindy_carlton
            | by_david_anchor
            | by_carl
            | by_amy_carlton
            | carlton_for_amy
            | alpha_for_carl
            | elsewhere
        )
        expected = {
            self.cindy: by_cindy_alpha | by_cindy_carlton | alpha_for_carl,
            self.david: by_cindy_alpha | by_david_anchor | alpha_for_carl,
            self.eva: Contact,
            self.amy: by_cindy_alpha | by_david_anchor | by_amy_carlton | carlton_for_amy | alpha_for_carl,
            self.carl: by_cindy_carlton | by_carl | by_amy_carlton | carlton_for_amy | alpha_for_carl,
            self.mona: by_cindy_alpha | by_david_anchor | carlton_for_amy | alpha_for_carl,
            self.all_docs: everything - elsewhere,
        }
        for user, visible in expected.items():
            # As the web client does: the companies the user works in are always explicit.
            Visible = Contact.with_user(user).with_context(allowed_company_ids=self.env.company.ids)
            domain = [("id", "in", everything.ids)]
            self.assertEqual(Visible.search(domain), visible, user.name)
            self.assertEqual(Visible.search_count(domain), len(visible), user.name)
            groups = Visible.read_group(domain, ["partner_id"], ["partner_id"])
            self.assertEqual(sum(g["partner_id_count"] for g in groups), len(visible), user.name)
            hidden = everything - visible
            if hidden:
                with self.assertRaises(AccessError):
                    Visible.browse(hidden[:1].ids).read(["summary"])
        both = Contact.with_user(self.all_docs).with_context(
            allowed_company_ids=(self.env.company | other_company).ids
        )
        self.assertEqual(both.search([("id", "in", everything.ids)]), everything, "both companies active")
        self.david_amy.active = False
        self.assertNotIn(by_cindy_alpha, self.env["sale.customer.contact"].with_user(self.david).search([]))

    def test_log_a_contact_from_each_document(self):
        sample = (
            self.env["sale.sample"]
            .with_user(self.cindy)
            .create({"kind": "brochure", "partner_id": self.alpha.id, "user_id": self.amy.id})
        )
        complaint = self.env["sale.complaint"].create(
            {
                "partner_id": self.alpha.id,
                "category_id": self.env.ref("sale_assistant.complaint_category_late").id,
                "description": "Late",
            }
        )
        for document, link in (
            (self.alpha_buyer, None),
            (self.order_amy_by_cindy, "sale_order_id"),
            (sample, "sample_id"),
            (complaint, "complaint_id"),
        ):
            action = self.assertRpcAnswer(document.with_user(self.cindy).action_log_sale_contact())
            form = Form(
                self.env["sale.customer.contact"].with_user(self.cindy).with_context(**action["context"])
            )
            form.summary = "Follow-up"
            contact = form.save()
            self.assertEqual(contact.partner_id, self.alpha)
            if link:
                self.assertEqual(contact[link], document)
                self.assertEqual(document.sale_contact_count, 1)

    def test_a_complaint_in_one_click(self):
        contact = self._contact(channel="phone_in", outcome="complaint", contact_id=self.alpha_buyer.id)
        action = self.assertRpcAnswer(contact.action_open_complaint())
        form = Form(self.env["sale.complaint"].with_user(self.cindy).with_context(**action["context"]))
        self.assertEqual(
            (form.partner_id, form.contact_id, form.channel), (self.alpha, self.alpha_buyer, "phone")
        )
        self.assertEqual(form.description, "Autumn catalogue")
        form.category_id = self.env.ref("sale_assistant.complaint_category_quality")
        complaint = form.save()
        self.assertEqual(contact.complaint_id, complaint)

    def test_a_done_call_or_meeting_is_logged(self):
        call = self.env.ref("mail.mail_activity_data_call")
        activity = self.alpha.activity_schedule(
            activity_type_id=call.id, user_id=self.cindy.id, summary="Ask about the spring order"
        )
        activity.with_user(self.cindy).action_feedback(feedback="They will order 500 lanterns in March.")
        contact = self.alpha.sale_contact_ids
        self.assertEqual((contact.channel, contact.logged_by_id), ("phone_out", self.cindy))
        self.assertEqual(contact.summary, "Ask about the spring order")
        self.assertIn("500 lanterns", str(contact.notes))
        meeting = self.env.ref("mail.mail_activity_data_meeting")
        order = self.order_amy_by_cindy
        order.activity_schedule(activity_type_id=meeting.id, user_id=self.cindy.id).with_user(
            self.cindy
        ).action_feedback(feedback="Visited the warehouse")
        self.assertEqual(order.sale_contact_count, 1)
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.alpha.activity_schedule(activity_type_id=todo.id, user_id=self.cindy.id).action_feedback()
        self.assertEqual(len(self.alpha.sale_contact_ids), 2, "a to-do is no contact")


@freeze_time(NOW)
class TestCustomerCallback(SaleAssistantCase):
    """Key customers come round by themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_a = cls.env["sale.customer.tier"].create(
            {"name": "Test A", "callback_interval_days": 14, "talking_points": "<p>New catalogue</p>"}
        )
        cls.callback_type = cls.env.ref("sale_assistant.mail_activity_type_customer_callback")

    def _callbacks(self, partners):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", self.callback_type.id),
            ]
        )

    def test_interval_must_be_positive(self):
        for days in (0, -3):
            with self.assertRaisesMessage(ValidationError, "must be at least one day"):
                self.env["sale.customer.tier"].create({"name": f"Bad {days}", "callback_interval_days": days})

    def test_last_and_next_contact(self):
        self.alpha.sale_tier_id = self.tier_a
        self.assertFalse(self.alpha.sale_last_contact_date)
        self.assertEqual(self.alpha.sale_callback_date, date(2026, 11, 27), "never contacted: due at once")
        self.assertEqual(self.alpha_buyer.sale_tier_id, self.tier_a, "contacts follow their company")
        self.assertFalse(self.alpha_buyer.sale_callback_date, "only the company is called back")
        self.env["sale.customer.contact"].create(
            {"partner_id": self.alpha.id, "channel": "phone_out", "date": datetime(2026, 11, 20, 3, 0)}
        )
        self.assertEqual(self.alpha.sale_last_contact_date, datetime(2026, 11, 20, 3, 0))
        self.assertEqual(self.alpha.sale_callback_date, date(2026, 12, 4))
        self.tier_a.callback_interval_days = 3
        self.assertEqual(self.alpha.sale_callback_date, date(2026, 11, 23))
        Partner = self.env["res.partner"].with_user(self.cindy)
        self.assertIn(self.alpha, Partner.search([("sale_callback_overdue", "=", True)]))
        self.assertNotIn(self.alpha, Partner.search([("sale_callback_overdue", "=", False)]))

    def test_callback_date_is_in_the_customers_timezone(self):
        # 20:00 UTC on the 20th is already the 21st in Taipei.
        moment = datetime(2026, 11, 20, 20, 0)
        for tz, expected in (("Asia/Taipei", date(2026, 12, 5)), ("UTC", date(2026, 12, 4))):
            self.alpha.write({"tz": tz, "sale_tier_id": self.tier_a.id})
            self.alpha.sale_contact_ids.unlink()
            self.env["sale.customer.contact"].create({"partner_id": self.alpha.id, "date": moment})
            self.assertEqual(self.alpha.sale_callback_date, expected, tz)

    def test_daily_cron_gives_one_callback_to_the_responsible(self):
        (self.alpha | self.bravo | self.carlton).sale_tier_id = self.tier_a
        Partner = self.env["res.partner"]
        Partner._cron_schedule_callbacks()
        Partner._cron_schedule_callbacks()
        callbacks = self._callbacks(self.alpha | self.bravo | self.carlton)
        self.assertEqual(len(callbacks), 3)
        responsible = {self.env["res.partner"].browse(a.res_id): a.user_id for a in callbacks}
        # Alpha is assigned to Cindy and David (the first assigned), Carlton to nobody: its owner.
        self.assertEqual(responsible[self.alpha], self.cindy)
        self.assertEqual(responsible[self.bravo], self.cindy)
        self.assertEqual(responsible[self.carlton], self.carl)
        self.assertIn("New catalogue", str(callbacks[0].note))
        # Logging the contact closes the call-back and sets the next one.
        self.env["sale.customer.contact"].with_user(self.cindy).create(
            {"partner_id": self.alpha.id, "channel": "phone_out", "summary": "Relationship call"}
        )
        self.assertFalse(self._callbacks(self.alpha))
        self.assertEqual(self.alpha.sale_callback_date, date(2026, 12, 11))
        Partner._cron_schedule_callbacks()
        self.assertFalse(self._callbacks(self.alpha), "not due again before its interval")

    def test_cron_works_in_batches(self):
        customers = self.env["res.partner"].create(
            [{"name": f"Key {i}", "is_company": True, "sale_tier_id": self.tier_a.id} for i in range(5)]
        )
        Partner = self.env["res.partner"]
        Partner._cron_schedule_callbacks(batch_size=2)
        self.assertEqual(len(self._callbacks(customers)), 2)
        Partner._cron_schedule_callbacks(batch_size=2)
        Partner._cron_schedule_callbacks(batch_size=2)
        self.assertEqual(len(self._callbacks(customers)), 5)

    def test_customer_not_yet_due_in_their_timezone(self):
        # 20:00 UTC on the 27th is the 28th in Taipei, still the 27th in New York.
        contact_date = datetime(2026, 11, 14, 12, 0)
        self.env["sale.customer.contact"].create({"partner_id": self.alpha.id, "date": contact_date})
        self.env["sale.customer.contact"].create({"partner_id": self.bravo.id, "date": contact_date})
        self.alpha.write({"tz": "America/New_York", "sale_tier_id": self.tier_a.id})
        self.bravo.write({"tz": "Asia/Taipei", "sale_tier_id": self.tier_a.id})
        self.tier_a.callback_interval_days = 14
        with freeze_time(datetime(2026, 11, 27, 20, 0)):
            self.alpha.invalidate_recordset()
            self.assertEqual(self.alpha.sale_callback_date, date(2026, 11, 28))
            self.assertEqual(self.bravo.sale_callback_date, date(2026, 11, 28))
            self.env["res.partner"]._cron_schedule_callbacks()
            self.assertFalse(self._callbacks(self.alpha))
            self.assertEqual(self._callbacks(self.bravo).date_deadline, date(2026, 11, 28))

    def test_callback_list_is_ordered_by_due_date(self):
        customers = self.alpha | self.bravo
        customers.sale_tier_id = self.tier_a
        self.env["sale.customer.contact"].create({"partner_id": self.bravo.id, "date": datetime(2026, 11, 1)})
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_assistant.sale_customer_callback_action")
        views = self.env["res.partner"].with_user(self.cindy).get_views([(action["view_id"][0], "list")])
        order = etree.fromstring(views["views"]["list"]["arch"]).get("default_order")
        listed = (
            self.env["res.partner"]
            .with_user(self.cindy)
            .search([("id", "in", customers.ids), ("sale_callback_date", "!=", False)], order=order)
        )
        self.assertEqual(listed, self.bravo | self.alpha, "Bravo was due on the 15th, Alpha today")
