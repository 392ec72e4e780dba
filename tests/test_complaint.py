# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time

from .common import SaleAssistantCase

NOW = datetime(2026, 11, 27, 9, 0, 0)


@freeze_time(NOW)
class TestComplaint(SaleAssistantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.late = cls.env.ref("sale_assistant.complaint_category_late")
        cls.quality = cls.env.ref("sale_assistant.complaint_category_quality")

    def _complaint(self, user=None, **values):
        vals = {
            "partner_id": self.alpha.id,
            "category_id": self.late.id,
            "severity": "high",
            "description": "The container left five days late.",
            **values,
        }
        return self.env["sale.complaint"].with_user(user or self.cindy).create(vals)

    def test_recording_alerts_the_salesperson(self):
        complaint = self._complaint(
            contact_id=self.alpha_buyer.id,
            sale_order_id=self.order_amy_by_cindy.id,
            product_ids=[(6, 0, self.product.ids)],
        )
        self.assertRegex(complaint.name, r"^CMP/2026/\d{4}$")
        self.assertEqual((complaint.user_id, complaint.recorded_by_id), (self.amy, self.cindy))
        self.assertEqual(complaint.deadline_response, NOW + timedelta(hours=8))
        self.assertEqual(complaint.deadline_resolution, NOW + timedelta(hours=48))
        activity = complaint.activity_ids
        self.assertEqual(activity.user_id, self.amy)
        self.assertEqual(
            activity.activity_type_id, self.env.ref("sale_assistant.mail_activity_type_complaint_callback")
        )
        message = complaint.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn(self.amy.partner_id, message.partner_ids)
        for expected in (
            "Alpha Outdoor",
            "Alpha Buyer",
            "Late delivery",
            "High",
            self.order_amy_by_cindy.name,
            "Test Lantern",
            "five days late",
        ):
            self.assertIn(expected, str(message.body))
        self.assertIn("call back by", message.subject)
        emailed = message.sudo().notification_ids.filtered(lambda n: n.notification_type == "email")
        self.assertEqual(emailed.res_partner_id, self.amy.partner_id)

    def test_deadlines_follow_the_settings(self):
        settings = self.env["res.config.settings"].create(
            {"complaint_response_hours_critical": 1, "complaint_resolution_hours_critical": 6}
        )
        settings.execute()
        complaint = self._complaint(severity="critical")
        self.assertEqual(complaint.deadline_response, NOW + timedelta(hours=1))
        self.assertEqual(complaint.deadline_resolution, NOW + timedelta(hours=6))
        self.assertEqual(self._complaint(severity="low").deadline_response, NOW + timedelta(hours=48))

    def test_life_cycle_and_times(self):
        complaint = self._complaint(user=self.amy)
        complaint.action_assign()
        with freeze_time(NOW + timedelta(hours=3)):
            complaint.action_start()
        self.assertEqual(complaint.date_first_response, NOW + timedelta(hours=3))
        self.assertEqual(complaint.response_hours, 3.0)
        self.assertFalse(complaint.response_late)
        with self.assertRaisesMessage(ValidationError, "record the root cause and the corrective action"):
            complaint.action_resolve()
        complaint.write(
            {"root_cause": "Vessel space booked late", "corrective_action": "Book at confirmation"}
        )
        with freeze_time(NOW + timedelta(hours=50)):
            complaint.action_resolve()
        self.assertEqual((complaint.state, complaint.resolution_hours), ("resolved", 50.0))
        self.assertTrue(complaint.resolution_late)
        self.assertTrue(complaint.deadline_missed)
        complaint.write({"customer_accepted": "yes"})
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")

    def test_bad_transitions_change_nothing(self):
        complaint = self._complaint(user=self.amy)
        with self.assertRaisesMessage(UserError, "is New: you cannot close it"):
            complaint.action_close()
        # The system (data files) is still held to each state's requirements.
        with self.assertRaisesMessage(ValidationError, "resolve it before closing it"):
            complaint.sudo().write({"state": "closed", "root_cause": "x", "corrective_action": "y"})
        with self.assertRaisesMessage(ValidationError, "root cause and the corrective action"):
            complaint.sudo().write({"state": "resolved", "root_cause": "x"})
        with self.assertRaisesMessage(ValidationError, "say why it is rejected"):
            complaint.action_reject()
        with self.assertRaisesMessage(ValidationError, "before it was received"):
            complaint.sudo().write({"date_first_response": NOW - timedelta(hours=1)})
        complaint.write({"reject_reason": "Not our product"})
        complaint.action_reject()
        self.assertEqual(complaint.state, "rejected")

    def test_open_complaint_past_its_deadline_is_flagged(self):
        complaint = self._complaint()
        self.assertFalse(complaint.deadline_missed)
        with freeze_time(NOW + timedelta(hours=9)):
            complaint.invalidate_recordset(["deadline_missed"])
            self.assertTrue(complaint.deadline_missed)
            Complaint = self.env["sale.complaint"]
            self.assertIn(complaint, Complaint.search([("deadline_missed", "=", True)]))
            self.assertNotIn(complaint, Complaint.search([("deadline_missed", "=", False)]))

    def test_anyone_in_sales_records_for_any_customer_then_sees_their_share(self):
        for_carl = self._complaint(partner_id=self.carlton.id)  # Cindy takes a call for Carl's customer
        self.assertEqual((for_carl.user_id, for_carl.recorded_by_id), (self.carl, self.cindy))
        by_ben = self._complaint(user=self.ben, partner_id=self.alpha.id)
        by_david = self._complaint(user=self.david, partner_id=self.bravo.id)
        forged = self._complaint(user=self.eva, partner_id=self.anchor.id, recorded_by_id=self.amy.id)
        self.assertEqual(forged.recorded_by_id, self.eva)
        complaints = for_carl | by_ben | by_david | forged
        expected = {
            "cindy": for_carl | by_ben | by_david,  # recorded by her; Alpha and Bravo are assigned to her
            "david": by_ben | by_david | forged,  # Alpha and Anchor are assigned to him
            "eva": forged,
            "amy": by_ben | forged,  # her customers Alpha and Anchor
            "ben": by_ben | by_david,  # recorded by him; Bravo is his
            "carl": for_carl,
            "mona": by_ben | by_david | forged,
            "all_docs": complaints,
        }
        for role, visible in expected.items():
            with self.subTest(role=role):
                found = (
                    self.env["sale.complaint"]
                    .with_user(getattr(self, role))
                    .search([("id", "in", complaints.ids)])
                )
                self.assertEqual(set(found.ids), set(visible.ids))
        with self.assertRaises(AccessError):
            for_carl.with_user(self.amy).write({"severity": "low"})
        with self.assertRaises(AccessError):
            self.env["sale.complaint"].with_user(self.employee).search([])
        with self.assertRaises(AccessError):
            self.env["sale.complaint"].with_user(self.portal).search([])
        with self.assertRaises(AccessError):
            by_ben.with_user(self.ben).unlink()

    def test_form_defaults_to_the_customer_owner(self):
        form = Form(self.env["sale.complaint"].with_user(self.cindy))
        form.partner_id = self.bravo
        form.category_id = self.quality
        form.description = "Broken hinges"
        self.assertEqual(form.user_id, self.ben)
        complaint = form.save()
        self.assertEqual(complaint.recorded_by_id, self.cindy)

    def test_form_survives_an_emptied_date(self):
        form = Form(self.env["sale.complaint"].with_user(self.cindy))
        form.partner_id = self.alpha
        form.date_received = False
        self.assertFalse(form.deadline_missed)
        form.date_received = NOW
        form.category_id = self.late
        form.description = "Late"
        self.assertEqual(form.save().deadline_response, NOW + timedelta(hours=24))

    def _callback_type(self):
        return self.env.ref("sale_assistant.mail_activity_type_complaint_callback")

    def _callback_done(self, complaint):
        return complaint.message_ids.filtered(lambda m: m.mail_activity_type_id == self._callback_type())

    def test_state_and_stamps_change_only_through_the_buttons(self):
        complaint = self._complaint()
        for user in (self.cindy, self.amy, self.sales_admin):
            for vals in (
                {"state": "resolved", "root_cause": "x", "corrective_action": "y"},
                {"date_resolved": NOW},
                {"date_first_response": NOW},
            ):
                with self.assertRaisesMessage(UserError, "directly: use its buttons"):
                    complaint.with_user(user).write(vals)
        with self.assertRaisesMessage(UserError, "directly: use its buttons"):
            self._complaint(state="closed", root_cause="x", corrective_action="y", date_resolved=NOW)
        result = (
            self.env["sale.complaint"]
            .with_user(self.amy)
            .load(
                ["partner_id/.id", "category_id/.id", "description", "state"],
                [[str(self.alpha.id), str(self.late.id), "Imported", "resolved"]],
            )
        )
        self.assertFalse(result["ids"])
        self.assertIn("directly: use its buttons", result["messages"][0]["message"])

    def test_who_recorded_never_changes(self):
        complaint = self._complaint()
        for user in (self.cindy, self.amy, self.sales_admin):
            with self.assertRaisesMessage(UserError, "Who recorded a complaint never changes"):
                complaint.with_user(user).write({"recorded_by_id": user.id})
        self.assertEqual(complaint.recorded_by_id, self.cindy)

    def test_callback_closes_when_the_customer_is_answered(self):
        complaint = self._complaint()
        self.assertEqual(complaint.activity_ids.activity_type_id, self._callback_type())
        self.assertRpcAnswer(complaint.with_user(self.amy).action_start())
        self.assertFalse(complaint.activity_ids)
        self.assertIn("Customer answered", str(self._callback_done(complaint).body))

    def test_callback_closes_when_the_complaint_ends(self):
        rejected = self._complaint(reject_reason="Not our product")
        self.assertRpcAnswer(rejected.with_user(self.amy).action_reject())
        self.assertFalse(rejected.activity_ids)
        self.assertTrue(self._callback_done(rejected))

    def test_callback_moves_with_the_salesperson(self):
        complaint = self._complaint()
        complaint.with_user(self.mona).write({"user_id": self.ben.id})
        self.assertEqual(complaint.activity_ids.user_id, self.ben)

    def test_history_loaded_by_the_system_leaves_no_stale_callback(self):
        closed = (
            self.env["sale.complaint"]
            .sudo()
            .create(
                {
                    "partner_id": self.alpha.id,
                    "category_id": self.late.id,
                    "description": "Old case",
                    "state": "closed",
                    "root_cause": "x",
                    "corrective_action": "y",
                    "date_first_response": NOW,
                    "date_resolved": NOW,
                }
            )
        )
        self.assertFalse(closed.activity_ids)

    def test_buttons_answer_over_rpc(self):
        complaint = self._complaint().with_user(self.amy)
        self.assertRpcAnswer(complaint.action_assign())
        self.assertRpcAnswer(complaint.action_start())
        complaint.write({"root_cause": "Late booking", "corrective_action": "Book earlier"})
        self.assertRpcAnswer(complaint.action_resolve())
        self.assertRpcAnswer(complaint.action_close())
