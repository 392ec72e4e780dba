# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .test_shipment_common import ShipmentCase


class TestShipmentStatus(ShipmentCase):
    def test_assistant_sends_status_in_the_salespersons_name(self):
        order = self.order_amy_by_cindy
        self.amy.email = "amy@example.com"
        self.alpha.email = "buyer@alpha.example.com"
        pi = order.followup_milestone_ids.filtered(lambda m: m.name == "PI signed")
        pi.with_user(self.cindy).action_mark_done()
        self._book(order, self.cindy, bl_number="EGLV025W001")
        before = order.message_ids
        self.assertRpcAnswer(order.with_user(self.cindy).action_send_followup_status())
        message = order.message_ids - before
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.amy.partner_id)
        self.assertIn("amy@example.com", message.email_from)
        self.assertEqual(message.partner_ids, self.alpha)
        body = str(message.body)
        for expected in (
            "PI signed",
            "Final inspection",
            "Ever Given",
            "Kaohsiung",
            "Rotterdam",
            "EGLV025W001",
        ):
            self.assertIn(expected, body)
        self.assertNotIn("Balance received", body.split("Next")[0], "an open milestone is not listed as done")
        template = self.env.ref("sale_assistant.mail_template_followup_status")
        self.assertEqual(template.lang, "{{ object.partner_id.lang }}")

    def test_only_who_may_edit_the_order_sends_it(self):
        for user in (self.david, self.ben, self.eva, self.employee, self.portal):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.order_amy_by_cindy.with_user(user).action_send_followup_status()
