# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command

from .common import SaleAssistantCase


class SurveyCase(SaleAssistantCase):
    """The sales department of ``SaleAssistantCase`` plus a satisfaction survey (two CSAT
    questions, one NPS question, a comment box) and contacts with e-mails at every customer:
    Alpha (Amy's; Cindy and David) has two, Anchor (Amy's; David), Bravo (Ben's; Cindy) and
    Carlton (Carl's) one each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {"title": "Test Satisfaction", "access_mode": "token", "questions_layout": "one_page"}
        )
        Question = cls.env["survey.question"]

        def scale(title, kind, low, high, sequence):
            return Question.create(
                {
                    "survey_id": cls.survey.id,
                    "title": title,
                    "sequence": sequence,
                    "question_type": "scale",
                    "scale_min": low,
                    "scale_max": high,
                    "sale_score_kind": kind,
                }
            )

        cls.q_quality = scale("Quality", "csat", 1, 5, 1)
        cls.q_delivery = scale("Delivery", "csat", 1, 5, 2)
        cls.q_nps = scale("Recommend", "nps", 0, 10, 3)
        cls.q_comment = Question.create(
            {"survey_id": cls.survey.id, "title": "Comments", "sequence": 4, "question_type": "text_box"}
        )
        Partner = cls.env["res.partner"]
        cls.alpha.email = "info@alpha.example.com"
        cls.alpha_buyer.email = "buyer@alpha.example.com"
        cls.alpha_boss = Partner.create(
            {
                "name": "Alpha Boss",
                "parent_id": cls.alpha.id,
                "email": "boss@alpha.example.com",
                "lang": "en_US",
            }
        )
        cls.anchor_buyer = Partner.create(
            {"name": "Anchor Buyer", "parent_id": cls.anchor.id, "email": "buyer@anchor.example.com"}
        )
        cls.bravo_buyer = Partner.create(
            {"name": "Bravo Buyer", "parent_id": cls.bravo.id, "email": "buyer@bravo.example.com"}
        )
        cls.carlton.email = "info@carlton.example.com"

    @classmethod
    def _campaign(cls, **values):
        return (
            cls.env["sale.survey.campaign"]
            .with_user(cls.sales_admin)
            .create(
                {
                    "name": "Test campaign",
                    "survey_id": cls.survey.id,
                    "target": "salesperson",
                    "salesperson_ids": [Command.set((cls.amy | cls.ben | cls.carl).ids)],
                    **values,
                }
            )
        )

    @classmethod
    def _send(cls, campaign):
        campaign.with_user(cls.sales_admin).action_send_wave()
        return campaign.wave_ids.sorted("id")[-1].sudo()

    @staticmethod
    def _answer(invitation, csat=(), nps=None, comment=None, questions=None):
        """The contact answers through their own survey answer (its token), as the survey pages do."""
        answer = invitation.sudo().user_input_id
        quality, delivery, recommend, comments = questions
        for question, value in zip((quality, delivery), csat, strict=False):
            answer._save_lines(question, str(value))
        if nps is not None:
            answer._save_lines(recommend, str(nps))
        if comment:
            answer._save_lines(comments, comment)
        answer._mark_done()
        return invitation

    def answer(self, invitation, csat=(), nps=None, comment=None):
        return self._answer(
            invitation, csat, nps, comment, (self.q_quality, self.q_delivery, self.q_nps, self.q_comment)
        )

    def invitation_of(self, wave, contact):
        return wave.invitation_ids.filtered(lambda i: i.partner_id == contact)
