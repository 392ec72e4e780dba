# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

NPS_THRESHOLD_PARAM = "sale_assistant.survey_nps_low_threshold"
CSAT_THRESHOLD_PARAM = "sale_assistant.survey_csat_low_threshold"
# An answer at most these is a low score (NPS 0-10 scale, CSAT 1-5 scale).
NPS_THRESHOLD_DEFAULT = 6
CSAT_THRESHOLD_DEFAULT = 2
NPS_SCALE = (0, 10)
CSAT_SCALE = (1, 5)


def sale_survey_thresholds(env):
    """(NPS, CSAT): the highest answers that still count as low scores."""
    params = env["ir.config_parameter"].sudo()
    return (
        int(params.get_param(NPS_THRESHOLD_PARAM, NPS_THRESHOLD_DEFAULT)),
        int(params.get_param(CSAT_THRESHOLD_PARAM, CSAT_THRESHOLD_DEFAULT)),
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sale_survey_nps_threshold = fields.Integer(
        string="Low NPS: at most",
        config_parameter=NPS_THRESHOLD_PARAM,
        default=NPS_THRESHOLD_DEFAULT,
        help="An NPS answer (0-10) at most this gives the salesperson and the assistants an activity.",
    )
    sale_survey_csat_threshold = fields.Integer(
        string="Low CSAT: at most",
        config_parameter=CSAT_THRESHOLD_PARAM,
        default=CSAT_THRESHOLD_DEFAULT,
        help="A CSAT answer (1-5) at most this gives the salesperson and the assistants an activity.",
    )

    @api.constrains("sale_survey_nps_threshold", "sale_survey_csat_threshold")
    def _check_sale_survey_thresholds(self):
        for settings in self:
            if not NPS_SCALE[0] <= settings.sale_survey_nps_threshold <= NPS_SCALE[1]:
                raise ValidationError(
                    self.env._("The low NPS threshold is an answer on the NPS scale, from 0 to 10.")
                )
            if not CSAT_SCALE[0] <= settings.sale_survey_csat_threshold <= CSAT_SCALE[1]:
                raise ValidationError(
                    self.env._("The low CSAT threshold is an answer on the CSAT scale, from 1 to 5.")
                )
