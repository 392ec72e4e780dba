# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time

from .common import SaleAssistantCase

NOW = datetime(2026, 11, 27, 9, 0)


@freeze_time(NOW)
class TestWorkDiary(SaleAssistantCase):
    """My Day: an assistant's day, read from what they recorded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cindy.tz = "Asia/Taipei"

    def _diary(self, day=date(2026, 11, 27)):
        form = Form(self.env["sale.work.diary"].with_user(self.cindy))
        form.date = day
        return form.save()

    def test_the_day_in_the_users_timezone(self):
        Contact = self.env["sale.customer.contact"].with_user(self.cindy)
        today = Contact.create({"partner_id": self.alpha.id, "summary": "Morning call", "date": NOW})
        # 17:00 UTC on the 26th is 01:00 on the 27th in Taipei; 15:00 UTC is still the 26th there.
        early = Contact.create(
            {"partner_id": self.alpha.id, "summary": "Night call", "date": datetime(2026, 11, 26, 17)}
        )
        Contact.create(
            {"partner_id": self.alpha.id, "summary": "Yesterday", "date": datetime(2026, 11, 26, 15)}
        )
        self.env["sale.customer.contact"].with_user(self.david).create({"partner_id": self.alpha.id})
        complaint = (
            self.env["sale.complaint"]
            .with_user(self.cindy)
            .create(
                {
                    "partner_id": self.carlton.id,
                    "category_id": self.env.ref("sale_assistant.complaint_category_late").id,
                    "description": "Late",
                }
            )
        )
        order = self.env["sale.order"].with_user(self.cindy).create(self._order_vals(self.bravo, self.ben))
        diary = self._diary()
        self.assertEqual(diary.contact_ids, today | early)
        self.assertEqual(diary.complaint_ids, complaint)
        self.assertIn(order, diary.order_ids)
        self.assertEqual(self._diary(date(2026, 11, 26)).contact_ids.mapped("summary"), ["Yesterday"])

    def test_digest_goes_to_the_salespeople_served(self):
        self.env["sale.customer.contact"].with_user(self.cindy).create(
            {"partner_id": self.alpha.id, "summary": "Autumn catalogue"}
        )
        diary = self._diary()
        self.assertEqual(diary.recipient_ids, self.amy | self.ben)
        action = self.assertRpcAnswer(diary.action_send_digest())
        self.assertIn("Amy", action["params"]["message"])
        mail = self.env["mail.mail"].search([("subject", "like", "Cindy: my day")])
        self.assertEqual(mail.recipient_ids, self.amy.partner_id | self.ben.partner_id)
        self.assertIn("Autumn catalogue", str(mail.body_html))
        diary.recipient_ids = False
        with self.assertRaisesMessage(UserError, "Choose whom to send"):
            diary.action_send_digest()

    def test_my_day_is_a_page_with_its_button_and_title(self):
        # The menu opens My Day as a page: a footer would hide the button there.
        arch = self.env["sale.work.diary"].with_user(self.cindy).get_view(view_type="form")["arch"]
        self.assertIn('<header><button name="action_send_digest"', arch.replace("\n", "").replace("  ", ""))
        self.assertNotIn("<footer", arch)
        self.assertEqual(self._diary().display_name, "My Day: 11/27/2026")
