# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .test_survey_common import SurveyCase


class TestSurveyCampaign(SurveyCase):
    def _wave_contacts(self, wave):
        return wave.invitation_ids.partner_id

    # ------------------------------------------------------------------ bad input

    def test_campaign_without_survey_is_refused(self):
        Campaign = self.env["sale.survey.campaign"].with_user(self.sales_admin)
        with self.assertRaisesMessage(ValidationError, "needs a survey"):
            Campaign.create({"name": "No survey", "target": "country", "country_ids": [Command.set([1])]})
        self.assertFalse(Campaign.search([("name", "=", "No survey")]))

    def test_campaign_without_target_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "names none"):
            self._campaign(name="No tier", target="tier")
        with self.assertRaisesMessage(ValidationError, "names none"):
            self._campaign(name="No months", target="delivered", delivered_months=0)
        self.assertFalse(self.env["sale.survey.campaign"].search([("name", "in", ("No tier", "No months"))]))

    def test_survey_without_scored_question_is_refused(self):
        unscored = self.env["survey.survey"].create({"title": "Unscored"})
        with self.assertRaisesMessage(ValidationError, "no question marked CSAT or NPS"):
            self._campaign(survey_id=unscored.id)

    def test_score_flag_needs_its_scale(self):
        with self.assertRaisesMessage(ValidationError, "must be a scale from 0 to 10"):
            self.q_quality.sale_score_kind = "nps"
        with self.assertRaisesMessage(ValidationError, "must be a scale from 1 to 5"):
            self.q_comment.sale_score_kind = "csat"

    def test_wave_without_recipient_is_refused(self):
        campaign = self._campaign(target="country", country_ids=[Command.set(self.env.ref("base.is").ids)])
        with self.assertRaisesMessage(UserError, "nobody to survey"):
            campaign.with_user(self.sales_admin).action_send_wave()
        self.assertFalse(campaign.wave_ids)
        with self.assertRaisesMessage(UserError, "at least one recipient"):
            self.env["sale.survey.wave"].with_user(self.sales_admin).create({"campaign_id": campaign.id})
        self.assertFalse(campaign.wave_ids)

    def test_survey_of_a_campaign_with_waves_is_kept(self):
        campaign = self._campaign()
        other = self.survey.copy({"title": "Other questionnaire"})
        campaign.survey_id = other  # no wave yet: free to change
        campaign.survey_id = self.survey
        self._send(campaign)
        with self.assertRaisesMessage(UserError, "keeps its survey"):
            campaign.with_user(self.sales_admin).survey_id = other
        self.assertEqual(campaign.survey_id, self.survey)

    def test_salesperson_cannot_manage_campaigns(self):
        campaign = self._campaign()
        with self.assertRaises(AccessError):
            campaign.with_user(self.amy).action_send_wave()
        with self.assertRaises(AccessError):
            campaign.with_user(self.amy).write({"cap_days": 1})
        with self.assertRaises(AccessError):
            self.env["sale.survey.campaign"].with_user(self.cindy).create(
                {
                    "name": "X",
                    "survey_id": self.survey.id,
                    "target": "salesperson",
                    "salesperson_ids": [Command.set(self.amy.ids)],
                }
            )
        self.assertFalse(campaign.wave_ids)

    def test_team_manager_manages_campaigns(self):
        campaign = (
            self.env["sale.survey.campaign"]
            .with_user(self.mona)
            .create(
                {
                    "name": "Team",
                    "survey_id": self.survey.id,
                    "target": "salesperson",
                    "salesperson_ids": [Command.set(self.ben.ids)],
                }
            )
        )
        result = campaign.action_send_wave()
        self.assertRpcAnswer(result)
        self.assertEqual(self._wave_contacts(campaign.wave_ids), self.bravo_buyer)

    # ------------------------------------------------------------------ targeting

    def test_targeting_by_salesperson_asks_contacts_else_the_customer(self):
        wave = self._send(self._campaign(salesperson_ids=[Command.set((self.amy | self.carl).ids)]))
        # Alpha's contacts with an e-mail (not Alpha itself), Anchor's buyer, Carlton (no contact person).
        self.assertEqual(
            self._wave_contacts(wave), self.alpha_buyer | self.alpha_boss | self.anchor_buyer | self.carlton
        )
        self.assertNotIn(self.forge, wave.invitation_ids.commercial_partner_id, "factories are not surveyed")

    def test_targeting_by_tier_and_country(self):
        tier = self.env["sale.customer.tier"].create({"name": "Key"})
        self.bravo.sale_tier_id = tier
        wave = self._send(self._campaign(target="tier", tier_ids=[Command.set(tier.ids)]))
        self.assertEqual(self._wave_contacts(wave), self.bravo_buyer)
        self.assertEqual(wave.invitation_ids.tier_id, tier)
        germany = self.env.ref("base.de")
        self.carlton.country_id = germany
        wave = self._send(self._campaign(target="country", country_ids=[Command.set(germany.ids)]))
        self.assertEqual(self._wave_contacts(wave), self.carlton)
        self.assertEqual(wave.invitation_ids.country_id, germany)

    def _deliver(self, order, days_ago):
        order.action_confirm()
        picking = order.picking_ids
        picking.move_ids.quantity = picking.move_ids.product_uom_qty
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        picking.date_done = fields.Datetime.now() - timedelta(days=days_ago)
        return picking

    def test_targeting_by_recent_delivery(self):
        self._deliver(self.order_ben_by_cindy, days_ago=20)
        self._deliver(self.order_carl_own, days_ago=200)
        wave = self._send(self._campaign(target="delivered", delivered_months=3))
        self.assertEqual(
            self._wave_contacts(wave), self.bravo_buyer, "Carlton's delivery is older than 3 months"
        )

    # ------------------------------------------------------------------ frequency cap

    def test_cap_per_contact_across_campaigns(self):
        self._send(self._campaign(salesperson_ids=[Command.set(self.ben.ids)], cap_days=30))
        other = self._campaign(name="Other", cap_days=30)
        wave = self._send(other)
        self.assertNotIn(self.bravo_buyer, self._wave_contacts(wave), "surveyed by the first campaign today")
        with self.assertRaisesMessage(UserError, "nobody to survey"):
            other.with_user(self.sales_admin).action_send_wave()
        self.assertEqual(len(other.wave_ids), 1)

    def test_cap_expires(self):
        campaign = self._campaign(salesperson_ids=[Command.set(self.ben.ids)], cap_days=30)
        first = self._send(campaign)
        first.date = fields.Date.today() - timedelta(days=29)
        with self.assertRaisesMessage(UserError, "nobody to survey"):
            campaign.with_user(self.sales_admin).action_send_wave()
        first.date = fields.Date.today() - timedelta(days=30)
        second = self._send(campaign)
        self.assertNotEqual(second, first)
        self.assertEqual(self._wave_contacts(second), self.bravo_buyer)
        self.assertEqual(second.previous_wave_id, first)

    # ------------------------------------------------------------------ invitations

    def test_each_contact_has_own_token_linked_to_customer(self):
        wave = self._send(self._campaign())
        answers = wave.invitation_ids.user_input_id
        self.assertEqual(len(answers), len(wave.invitation_ids))
        self.assertEqual(len(set(answers.mapped("access_token"))), len(answers), "one token per contact")
        invitation = self.invitation_of(wave, self.alpha_boss)
        self.assertEqual(invitation.user_input_id.partner_id, self.alpha_boss)
        self.assertEqual(invitation.commercial_partner_id, self.alpha)
        self.assertEqual(invitation.user_id, self.amy)
        self.assertEqual(invitation.assistant_ids, self.cindy | self.david)
        self.assertEqual(invitation.answer_state, "new")
        # The token finds its way back to the customer, whoever answers (no login).
        token = invitation.user_input_id.access_token
        found = self.env["survey.user_input"].sudo().search([("access_token", "=", token)])
        self.assertEqual(found.sale_survey_invitation_ids.commercial_partner_id, self.alpha)

    def test_invitation_mail_is_sent_with_the_link(self):
        wave = self._send(self._campaign(salesperson_ids=[Command.set(self.ben.ids)]))
        invitation = wave.invitation_ids
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "survey.user_input"), ("res_id", "=", invitation.user_input_id.id)])
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("buyer@bravo.example.com", mail.email_to)
        self.assertIn(invitation.user_input_id.access_token, mail.body_html)

    def test_invitations_are_not_edited(self):
        wave = self._send(self._campaign())
        with self.assertRaises(AccessError):
            wave.invitation_ids[:1].with_user(self.amy).write({"nps_score": 10})
        # Scores are recorded by the survey (as superuser): no group may write them.
        with self.assertRaises(AccessError):
            wave.invitation_ids[:1].with_user(self.sales_admin).write({"nps_score": 10})

    def test_reminder_once_to_non_responders(self):
        campaign = self._campaign(salesperson_ids=[Command.set(self.amy.ids)], reminder_days=5)
        wave = self._send(campaign)
        answered = self.invitation_of(wave, self.alpha_boss)
        self.answer(answered, csat=(5, 5), nps=10)
        Invitation = self.env["sale.survey.invitation"]
        Invitation._cron_send_reminders()
        self.assertFalse(wave.invitation_ids.filtered("reminder_date"), "not due before 5 days")
        wave.date = fields.Date.today() - timedelta(days=5)
        Mail = self.env["mail.mail"].sudo()
        before = Mail.search_count([("subject", "like", "Reminder")])
        Invitation._cron_send_reminders()
        reminded = wave.invitation_ids.filtered("reminder_date")
        self.assertEqual(reminded, wave.invitation_ids - answered)
        self.assertEqual(Mail.search_count([("subject", "like", "Reminder")]) - before, len(reminded))
        Invitation._cron_send_reminders()
        self.assertEqual(Mail.search_count([("subject", "like", "Reminder")]) - before, len(reminded), "once")

    def test_assistant_logs_a_contact_to_chase(self):
        wave = self._send(self._campaign())
        invitation = self.invitation_of(wave, self.anchor_buyer).with_user(self.david)
        action = self.assertRpcAnswer(invitation.action_log_sale_contact())
        contact = (
            self.env["sale.customer.contact"]
            .with_user(self.david)
            .with_context(**action["context"])
            .create({"channel": "phone_out", "summary": "Asked them to answer the survey"})
        )
        self.assertEqual(contact.commercial_partner_id, self.anchor)
        self.assertEqual(contact.sale_survey_invitation_id, invitation)
        self.assertEqual(invitation.sale_contact_count, 1)

    # ------------------------------------------------------------------ scheduler

    def test_scheduler_run_twice_sends_one_wave(self):
        campaign = self._campaign(schedule="quarterly", next_date=fields.Date.today())
        Campaign = self.env["sale.survey.campaign"]
        Campaign._cron_send_waves()
        self.assertEqual(len(campaign.wave_ids), 1)
        invitations = campaign.wave_ids.invitation_ids
        Campaign._cron_send_waves()
        self.assertEqual(len(campaign.wave_ids), 1)
        self.assertEqual(campaign.wave_ids.invitation_ids, invitations)
        self.assertEqual(campaign.next_date, fields.Date.today() + relativedelta(months=3))

    def test_scheduler_once_and_not_yet_due(self):
        once = self._campaign(schedule="once", next_date=fields.Date.today())
        later = self._campaign(
            name="Later", schedule="yearly", next_date=fields.Date.today() + timedelta(days=1)
        )
        Campaign = self.env["sale.survey.campaign"]
        Campaign._cron_send_waves()
        once.last_run_date = False  # even another day, a campaign sent once is done
        Campaign._cron_send_waves()
        self.assertEqual(len(once.wave_ids), 1)
        self.assertFalse(once.next_date)
        self.assertFalse(later.wave_ids)

    def test_scheduler_batches(self):
        campaigns = self._campaign(schedule="once", cap_days=0) | self._campaign(
            name="Second", schedule="once", cap_days=0
        )
        Campaign = self.env["sale.survey.campaign"]
        Campaign._cron_send_waves(batch_size=1)
        self.assertEqual(len(campaigns.wave_ids), 1)
        Campaign._cron_send_waves(batch_size=1)
        self.assertEqual(len(campaigns.wave_ids), 2)
        Campaign._cron_send_waves(batch_size=1)
        self.assertEqual(len(campaigns.wave_ids), 2)

    def test_survey_after_delivery_once_per_order(self):
        campaign = self._campaign(schedule="order_delivered", event_delay_days=7)
        self._deliver(self.order_ben_by_cindy, days_ago=3)
        Campaign = self.env["sale.survey.campaign"]
        Campaign._cron_send_waves()
        self.assertFalse(campaign.wave_ids, "not 7 days yet")
        self.order_ben_by_cindy.picking_ids.date_done = fields.Datetime.now() - timedelta(days=8)
        campaign.last_run_date = False  # the next day
        Campaign._cron_send_waves()
        self.assertEqual(campaign.wave_ids.invitation_ids.sale_order_id, self.order_ben_by_cindy)
        self.assertEqual(campaign.wave_ids.invitation_ids.partner_id, self.bravo_buyer)
        campaign.last_run_date = False
        campaign.cap_days = 0
        Campaign._cron_send_waves()
        self.assertEqual(len(campaign.wave_ids.invitation_ids), 1, "each delivery is surveyed once")

    def test_survey_after_closed_complaint(self):
        campaign = self._campaign(schedule="complaint_closed", event_delay_days=2)
        category = self.env["sale.complaint.category"].create({"name": "Survey test: packaging"})
        complaint = self.env["sale.complaint"].create(
            {
                "partner_id": self.anchor.id,
                "contact_id": self.anchor_buyer.id,
                "category_id": category.id,
                "description": "Boxes crushed",
                "date_received": fields.Datetime.now() - timedelta(days=5),
            }
        )
        complaint._lifecycle_write(
            {
                "state": "closed",
                "root_cause": "Weak cartons",
                "corrective_action": "Double-wall cartons",
                "date_resolved": fields.Datetime.now() - timedelta(days=3),
            }
        )
        self.env["sale.survey.campaign"]._cron_send_waves()
        self.assertEqual(campaign.wave_ids.invitation_ids.source_complaint_id, complaint)
        self.assertEqual(campaign.wave_ids.invitation_ids.partner_id, self.anchor_buyer)

    def test_wave_date_is_the_company_day(self):
        # At UTC+14 the company's day is ahead of UTC for 14 hours of every UTC day.
        self.env.company.partner_id.tz = "Pacific/Kiritimati"
        campaign = self._campaign(salesperson_ids=[Command.set(self.ben.ids)])
        expected = (fields.Datetime.now() + timedelta(hours=14)).date()
        self.assertEqual(self._send(campaign).date, expected)
        self.assertEqual(campaign.last_run_date, expected)


class TestSurveyLanguages(SurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("zh_TW", "zh_CN"):
            cls.env["res.lang"]._activate_lang(code)
        # Only this addon's files: the core's own translations are not what is tested here.
        cls.env["ir.module.module"]._load_module_terms(["sale_assistant"], ["zh_TW", "zh_CN"])

    def test_preconfigured_survey_in_three_languages(self):
        survey = self.env.ref("sale_assistant.survey_sale_export_satisfaction")
        self.assertEqual(survey.with_context(lang="zh_TW").title, "外銷客戶滿意度調查")
        self.assertEqual(survey.with_context(lang="zh_CN").title, "外销客户满意度调查")
        quality = self.env.ref("sale_assistant.survey_sale_export_q_quality")
        self.assertEqual(quality.with_context(lang="zh_CN").title, "您对我们产品的质量满意吗？")
        scored = survey.question_ids.filtered("sale_score_kind")
        self.assertEqual(scored.mapped("sale_score_kind").count("csat"), 6)
        self.assertEqual(scored.mapped("sale_score_kind").count("nps"), 1)

    def test_reminder_in_the_contacts_language(self):
        self.bravo_buyer.lang = "zh_TW"
        self.anchor_buyer.lang = "zh_CN"
        survey = self.env.ref("sale_assistant.survey_sale_export_satisfaction")
        wave = self._send(
            self._campaign(survey_id=survey.id, salesperson_ids=[Command.set((self.amy | self.ben).ids)])
        )
        wave.date = fields.Date.today() - timedelta(days=7)
        self.env["sale.survey.invitation"]._cron_send_reminders()
        Mail = self.env["mail.mail"].sudo()
        for contact, expected in ((self.bravo_buyer, "填寫問卷"), (self.anchor_buyer, "填写问卷")):
            answer = self.invitation_of(wave, contact).user_input_id
            reminder = Mail.search(
                [("model", "=", "survey.user_input"), ("res_id", "=", answer.id), ("subject", "like", "提醒")]
            )
            self.assertEqual(len(reminder), 1)
            self.assertIn(expected, reminder.body_html)
            self.assertIn(answer.access_token, reminder.body_html)
