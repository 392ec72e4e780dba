# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    sale_survey_invitation_ids = fields.One2many(
        "sale.survey.invitation", "user_input_id", string="Satisfaction Invitation"
    )

    def _save_lines(self, question, answer, comment=None, overwrite_existing=True):
        # The survey pages refuse a completed answer; the server refuses it too, so a token
        # cannot change a submitted answer (and its scores) by calling the method again.
        if self.state == "done":
            raise UserError(self.env._("This survey has already been answered: an answer is submitted once."))
        return super()._save_lines(question, answer, comment=comment, overwrite_existing=overwrite_existing)

    def _mark_done(self):
        newly_done = self.filtered(lambda answer: answer.state != "done")
        result = super()._mark_done()
        newly_done.sale_survey_invitation_ids._record_answer()
        return result
