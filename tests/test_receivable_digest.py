# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .test_receivable_common import ReceivableCase


@tagged("post_install", "-at_install")
class TestReceivableDigest(ReceivableCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"]
        params.set_param("sale_assistant.receivable_digest_day", str(cls.today.weekday()))
        params.set_param("sale_assistant.receivable_digest_hour", "9")
        cls.env["sale.receivable.promise"].create(
            {
                "partner_id": cls.alpha.id,
                "move_id": cls.inv_a_eur.id,
                "note": "Pays the rest on Friday",
                "promised_date": cls.today + timedelta(days=2),
                "amount": 1200,
            }
        )

    def _send_at(self, day, hour):
        with freeze_time(datetime.combine(day, time(hour, 30))):
            self.env["sale.receivable.digest"]._cron_send_digests()

    def _digests(self, template_xmlid):
        # Only this test's people: other data of the database (demo) has salespeople too.
        template = self.env.ref(template_xmlid)
        people = self.amy | self.ben | self.carl | self.mona
        return self.env["mail.mail"].search(
            [("model", "=", "res.users"), ("subject", "=", template.subject), ("res_id", "in", people.ids)],
            order="id",
        )

    def _salesperson_digests(self):
        return self._digests("sale_assistant.mail_template_sale_receivable_digest")

    def _team_digests(self):
        return self._digests("sale_assistant.mail_template_sale_receivable_team_digest")

    def test_not_before_the_day_and_hour(self):
        self._send_at(self.today, 8)
        self._send_at(self.today - timedelta(days=1), 23)
        self.assertFalse(self._salesperson_digests() | self._team_digests())

    def test_salesperson_digest_content(self):
        self._send_at(self.today, 10)
        digests = self._salesperson_digests()
        by_user = {self.env["res.users"].browse(mail.res_id): mail for mail in digests}
        self.assertEqual(
            set(by_user), {self.amy, self.ben, self.carl}, "those with overdue or soon-due amounts"
        )
        amy_mail = by_user[self.amy]
        self.assertIn(self.amy.partner_id, amy_mail.recipient_ids)
        self.assertIn("r_cindy@example.com", amy_mail.email_cc)
        self.assertIn("r_david@example.com", amy_mail.email_cc)
        body = amy_mail.body_html
        for expected in ("Alpha", "Anchor", "500.00", "1,200.00", "700.00", "Pays the rest on Friday"):
            self.assertIn(expected, body)
        self.assertNotIn("1,000.00", body, "not due within 7 days")
        self.assertNotIn("Bravo", body)
        self.assertFalse(by_user[self.carl].email_cc, "Carl has no assistant")

    def test_team_manager_digest_totals(self):
        self._send_at(self.today, 10)
        team_digest = self._team_digests()
        self.assertEqual(team_digest.mapped("res_id"), self.mona.ids)
        body = team_digest.body_html
        # Amy: USD 1,150 + 700 + EUR 1,200 (USD 600) open, 700 + 600 overdue; Ben: 1,300 open.
        for expected in ("Amy", "Ben", "2,450.00", "1,300.00", "600.00"):
            self.assertIn(expected, body)
        self.assertNotIn("Carl", body)

    def test_sent_once_a_week(self):
        self._send_at(self.today, 10)
        self._send_at(self.today, 15)
        self.assertEqual(len(self._salesperson_digests()), 3)
        self.assertEqual(len(self._team_digests()), 1)
        self._send_at(self.today + timedelta(days=7), 10)
        self.assertEqual(len(self._salesperson_digests()), 6)
        self.assertEqual(len(self._team_digests()), 2)
