# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .test_survey_common import SurveyCase


class TestSurveyScores(SurveyCase):
    """A hand-built wave of six contacts, five answering:

    ========== ========= ====== ======== ===========================
    contact    customer  CSAT   NPS      notes
    ========== ========= ====== ======== ===========================
    alpha buyer Alpha    5, 4   10       promoter
    alpha boss  Alpha    4, 4   9        promoter
    anchor      Anchor   3, 5   10       promoter
    bravo       Bravo    2, 3   7        passive; CSAT 2 is low
    carlton     Carlton  1, 2   2        detractor; low
    (sixth: no one; Alpha itself is not asked as it has contacts)
    ========== ========= ====== ======== ===========================

    NPS = promoters % - detractors % = 3/5 - 1/5 = 40.
    CSAT = share of the CSAT answers that are 4 or 5 = (5,4,4,4,5) 5 of 10 = 50 %.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.late_carl_contact = cls.env["res.partner"].create(
            {"name": "Carlton Buyer", "parent_id": cls.carlton.id, "email": "buyer@carlton.example.com"}
        )
        cls.wave = cls._send(cls._campaign())

    def _answer_all(self):
        answers = {
            self.alpha_buyer: ((5, 4), 10, None),
            self.alpha_boss: ((4, 4), 9, None),
            self.anchor_buyer: ((3, 5), 10, "Fast samples"),
            self.bravo_buyer: ((2, 3), 7, "Invoices often wrong"),
            self.late_carl_contact: ((1, 2), 2, "Late again"),
        }
        for contact, (csat, nps, comment) in answers.items():
            self.answer(self.invitation_of(self.wave, contact), csat=csat, nps=nps, comment=comment)

    def test_hand_built_nps_and_csat(self):
        self._answer_all()
        self.assertEqual(self.wave.invited_count, 5)
        self.assertEqual(self.wave.answered_count, 5)
        self.assertEqual(self.wave.response_rate, 100.0)
        self.assertEqual(self.wave.nps, 40.0)
        self.assertEqual(self.wave.csat, 50.0)
        self.assertEqual(self.wave.low_score_count, 2)

    def test_scores_stored_per_answer(self):
        self._answer_all()
        bravo = self.invitation_of(self.wave, self.bravo_buyer)
        self.assertEqual(bravo.answer_state, "done")
        self.assertEqual(bravo.nps_score, 7)
        self.assertEqual(bravo.nps_category, "passive")
        self.assertEqual(bravo.csat_average, 2.5)
        self.assertEqual((bravo.csat_count, bravo.csat_satisfied_count), (2, 0))
        self.assertEqual(bravo.comment, "Invoices often wrong")
        self.assertTrue(bravo.low_score)
        self.assertTrue(bravo.date_answered)

    def test_aggregates_by_salesperson_customer_assistant_tier_country(self):
        tier = self.env["sale.customer.tier"].create({"name": "Key"})
        self._answer_all()
        Invitation = self.env["sale.survey.invitation"]
        by_salesperson = Invitation._score_figures([("wave_id", "=", self.wave.id)], "user_id")
        # Amy: alpha buyer 10, alpha boss 9, anchor 10: NPS 100; CSAT 5,4,4,4,3,5: 5 of 6.
        self.assertEqual(by_salesperson[self.amy]["nps"], 100.0)
        self.assertEqual(by_salesperson[self.amy]["csat"], 83.3)
        # Ben: bravo 7 (passive): NPS 0; CSAT 2,3: 0 %.
        self.assertEqual(by_salesperson[self.ben]["nps"], 0.0)
        self.assertEqual(by_salesperson[self.ben]["csat"], 0.0)
        self.assertEqual(by_salesperson[self.carl]["nps"], -100.0)
        by_customer = Invitation._score_figures([("wave_id", "=", self.wave.id)], "commercial_partner_id")
        self.assertEqual(by_customer[self.alpha]["answered"], 2)
        by_assistant = Invitation._score_figures([("wave_id", "=", self.wave.id)], "assistant_ids")
        # Cindy: Alpha's two (promoters) and Bravo (passive): NPS 2/3 = 66.7.
        self.assertEqual(by_assistant[self.cindy]["nps"], 66.7)
        # David: Alpha's two and Anchor: NPS 100.
        self.assertEqual(by_assistant[self.david]["nps"], 100.0)
        by_tier = Invitation._score_figures([("wave_id", "=", self.wave.id)], "tier_id")
        self.assertEqual(by_tier[tier.browse()]["invited"], 5)
        by_country = Invitation._score_figures([("wave_id", "=", self.wave.id)], "country_id")
        self.assertEqual(sum(f["invited"] for f in by_country.values()), 5)

    def test_low_score_gives_salesperson_and_assistants_an_activity(self):
        self._answer_all()
        bravo = self.invitation_of(self.wave, self.bravo_buyer)
        low_type = self.env.ref("sale_assistant.mail_activity_type_sale_survey_low_score")
        activities = bravo.activity_ids.filtered(lambda a: a.activity_type_id == low_type)
        self.assertEqual(activities.user_id, self.ben | self.cindy)
        alpha = self.invitation_of(self.wave, self.alpha_buyer)
        self.assertFalse(alpha.activity_ids, "a good score needs no action")

    def test_low_score_of_a_customer_without_owner_goes_to_the_campaign_manager(self):
        germany = self.env.ref("base.de")
        orphan = self.env["res.partner"].create(
            {
                "name": "Orphan GmbH",
                "is_company": True,
                "email": "info@orphan.example.com",
                "country_id": germany.id,
            }
        )
        wave = self._send(self._campaign(target="country", country_ids=[Command.set(germany.ids)]))
        invitation = self.invitation_of(wave, orphan)
        self.answer(invitation, csat=(1, 1), nps=0)
        self.assertEqual(invitation.activity_ids.user_id, self.sales_admin)

    def test_one_click_complaint_closes_the_activities(self):
        self._answer_all()
        bravo = self.invitation_of(self.wave, self.bravo_buyer).with_user(self.cindy)
        action = self.assertRpcAnswer(bravo.action_create_complaint())
        context = action["context"]
        self.assertEqual(context["default_partner_id"], self.bravo.id)
        self.assertEqual(context["default_contact_id"], self.bravo_buyer.id)
        self.assertIn("Invoices often wrong", context["default_description"])
        self.assertIn("7/10", context["default_description"])
        category = self.env["sale.complaint.category"].create({"name": "Survey test: documents"})
        complaint = (
            self.env["sale.complaint"]
            .with_user(self.ben)
            .with_context(**context)
            .create({"category_id": category.id})
        )
        self.assertEqual(complaint.sale_survey_invitation_id, bravo)
        self.assertEqual(complaint.partner_id, self.bravo)
        self.assertFalse(bravo.sudo().activity_ids, "the complaint is now the follow-up")

    def test_complaint_cannot_follow_up_an_answer_one_cannot_read(self):
        self._answer_all()
        bravo = self.invitation_of(self.wave, self.bravo_buyer)
        category = self.env["sale.complaint.category"].create({"name": "Survey test: other"})
        with self.assertRaises(AccessError):
            self.env["sale.complaint"].with_user(self.carl).create(
                {
                    "partner_id": self.carlton.id,
                    "category_id": category.id,
                    "description": "Not Bravo's",
                    "sale_survey_invitation_id": bravo.id,
                }
            )
        self.assertEqual(len(bravo.activity_ids), 2, "Ben's and Cindy's activities stay open")

    def test_thresholds_from_settings(self):
        self.env["res.config.settings"].create(
            {"sale_survey_nps_threshold": 7, "sale_survey_csat_threshold": 1}
        ).execute()
        bravo = self.invitation_of(self.wave, self.bravo_buyer)
        self.answer(bravo, csat=(2, 3), nps=7)
        self.assertTrue(bravo.low_score, "NPS 7 is low with a threshold of 7")
        alpha = self.invitation_of(self.wave, self.alpha_buyer)
        self.answer(alpha, csat=(2, 5), nps=9)
        self.assertFalse(alpha.low_score, "CSAT 2 is not low with a threshold of 1")

    def test_threshold_outside_the_scale_is_refused(self):
        Settings = self.env["res.config.settings"]
        params = self.env["ir.config_parameter"].sudo()
        with self.assertRaisesMessage(ValidationError, "from 0 to 10"):
            Settings.create({"sale_survey_nps_threshold": 11}).execute()
        with self.assertRaisesMessage(ValidationError, "from 1 to 5"):
            Settings.create({"sale_survey_csat_threshold": 0}).execute()
        self.assertFalse(params.get_param("sale_assistant.survey_nps_low_threshold") == "11")

    def test_answer_submitted_twice_with_one_token_is_refused(self):
        bravo = self.invitation_of(self.wave, self.bravo_buyer)
        self.answer(bravo, csat=(5, 5), nps=10)
        answer = bravo.user_input_id
        with self.assertRaisesMessage(UserError, "already been answered"):
            answer._save_lines(self.q_nps, "0")
        self.assertEqual(
            answer.user_input_line_ids.filtered(lambda l: l.question_id == self.q_nps).value_scale, 10
        )
        answer._mark_done()  # submitting again does not score it twice
        self.assertEqual(bravo.nps_score, 10)
        self.assertEqual(self.wave.answered_count, 1)
        self.assertEqual(self.wave.nps, 100.0)

    def test_customer_form_shows_last_score(self):
        self._answer_all()
        bravo = self.bravo.with_user(self.ben)
        self.assertEqual(bravo.sale_survey_last_nps, 7)
        self.assertEqual(bravo.sale_survey_last_csat, 2.5)
        self.assertTrue(bravo.sale_survey_last_date)
        self.assertEqual(bravo.sale_survey_answer_count, 1)
        action = self.assertRpcAnswer(bravo.action_view_sale_survey_answers())
        self.assertEqual(
            self.env["sale.survey.invitation"]
            .with_user(self.ben)
            .search(action["domain"])
            .commercial_partner_id,
            self.bravo,
        )
        self.assertEqual(
            self.bravo.with_user(self.employee).sale_survey_answer_count, 0, "no sales right: no scores"
        )
        self.assertEqual(self.bravo.with_user(self.carl).sale_survey_answer_count, 0, "not Carl's customer")

    def test_unscored_answer_records_no_score(self):
        bravo = self.invitation_of(self.wave, self.bravo_buyer)
        self.answer(bravo, comment="No time to score")
        self.assertEqual((bravo.nps_count, bravo.csat_count, bravo.low_score), (0, 0, False))
        self.assertEqual(self.wave.nps, 0.0)
        self.assertEqual(self.wave.answered_count, 1)
        self.assertEqual(bravo.nps_category, False)
        self.assertFalse(self.invitation_of(self.wave, self.alpha_buyer).response_count)
