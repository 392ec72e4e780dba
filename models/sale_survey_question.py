# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sale_survey_config_settings import CSAT_SCALE, NPS_SCALE

SCORE_SCALES = {"csat": CSAT_SCALE, "nps": NPS_SCALE}


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    sale_score_kind = fields.Selection(
        [("csat", "CSAT (1-5)"), ("nps", "NPS (0-10)")],
        string="Satisfaction Score",
        index="btree_not_null",
        help="Scores this scale question in satisfaction campaigns: CSAT on a 1-5 scale, NPS (would you "
        "recommend us?) on a 0-10 scale.",
    )

    @api.constrains("sale_score_kind", "question_type", "scale_min", "scale_max")
    def _check_sale_score_scale(self):
        labels = dict(self._fields["sale_score_kind"]._description_selection(self.env))
        for question in self.filtered("sale_score_kind"):
            low, high = SCORE_SCALES[question.sale_score_kind]
            if question.question_type != "scale" or (question.scale_min, question.scale_max) != (low, high):
                raise ValidationError(
                    self.env._(
                        "Question %(question)s is scored as %(kind)s: it must be a scale from %(low)s to "
                        "%(high)s.",
                        question=question.title,
                        kind=labels[question.sale_score_kind],
                        low=low,
                        high=high,
                    )
                )
