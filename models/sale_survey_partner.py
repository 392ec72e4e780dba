# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    sale_survey_last_nps = fields.Integer(string="Last NPS Answer", compute="_compute_sale_survey_last")
    sale_survey_last_csat = fields.Float(
        string="Last CSAT Average", compute="_compute_sale_survey_last", digits=(3, 2)
    )
    sale_survey_last_date = fields.Datetime(string="Last Survey Answer", compute="_compute_sale_survey_last")
    sale_survey_answer_count = fields.Integer(string="Survey Answers", compute="_compute_sale_survey_last")

    @api.depends_context("uid")
    def _compute_sale_survey_last(self):
        # The answers the reader may see (record rules apply): one query for the whole list.
        customers = self.commercial_partner_id
        Invitation = self.env["sale.survey.invitation"]
        # Users outside Sales open customers too: they see no scores rather than an error.
        readable = Invitation.has_access("read")
        answers = (
            Invitation.browse()
            if not readable
            else Invitation.search(
                [("commercial_partner_id", "in", customers.ids), ("answer_state", "=", "done")],
                order="date_answered desc, id desc",
            )
        )
        last, counts = {}, {}
        for answer in answers:
            last.setdefault(answer.commercial_partner_id, answer)
            counts[answer.commercial_partner_id] = counts.get(answer.commercial_partner_id, 0) + 1
        for partner in self:
            answer = last.get(partner.commercial_partner_id)
            partner.sale_survey_last_nps = answer.nps_score if answer and answer.nps_count else 0
            partner.sale_survey_last_csat = answer.csat_average if answer else 0.0
            partner.sale_survey_last_date = answer.date_answered if answer else False
            partner.sale_survey_answer_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_sale_survey_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_assistant.sale_survey_invitation_action")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_answered": 1}
        return action
