# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleSurveyWave(models.Model):
    """One send of a campaign: its date and its recipients, so results compare over time."""

    _name = "sale.survey.wave"
    _description = "Satisfaction Survey Wave"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    campaign_id = fields.Many2one(
        "sale.survey.campaign", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    survey_id = fields.Many2one(related="campaign_id.survey_id", store=True, string="Survey")
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today, index=True)
    invitation_ids = fields.One2many("sale.survey.invitation", "wave_id", string="Invitations", readonly=True)
    previous_wave_id = fields.Many2one(
        "sale.survey.wave",
        compute="_compute_previous_wave_id",
        help="The campaign's wave before this one, to compare with.",
    )
    # Figures over the invitations the reader may see (record rules apply), so each role reads
    # its own share: its customers' response rate and scores.
    invited_count = fields.Integer(string="Invited", compute="_compute_figures")
    answered_count = fields.Integer(string="Answered", compute="_compute_figures")
    response_rate = fields.Float(string="Response Rate (%)", compute="_compute_figures", digits=(5, 1))
    nps = fields.Float(string="NPS", compute="_compute_figures", digits=(5, 1))
    csat = fields.Float(string="CSAT (%)", compute="_compute_figures", digits=(5, 1))
    low_score_count = fields.Integer(string="Low Scores", compute="_compute_figures")

    @api.depends("campaign_id.name", "date")
    def _compute_name(self):
        for wave in self:
            wave.name = f"{wave.campaign_id.name} {fields.Date.to_string(wave.date)}" if wave.date else False

    @api.depends("campaign_id", "date")
    def _compute_previous_wave_id(self):
        for wave in self:
            wave.previous_wave_id = self.search(
                [
                    ("campaign_id", "=", wave.campaign_id.id),
                    ("id", "!=", wave._origin.id),
                    "|",
                    ("date", "<", wave.date),
                    "&",
                    ("date", "=", wave.date),
                    ("id", "<", wave._origin.id),
                ],
                limit=1,
            )

    @api.depends_context("uid")
    def _compute_figures(self):
        figures = self.env["sale.survey.invitation"]._score_figures([("wave_id", "in", self.ids)], "wave_id")
        for wave in self:
            figure = figures.get(wave._origin, {})
            wave.invited_count = figure.get("invited", 0)
            wave.answered_count = figure.get("answered", 0)
            wave.response_rate = figure.get("response_rate", 0.0)
            wave.nps = figure.get("nps", 0.0)
            wave.csat = figure.get("csat", 0.0)
            wave.low_score_count = figure.get("low_scores", 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("invitation_ids"):
                raise UserError(
                    self.env._("A wave needs at least one recipient: nobody would be asked to answer.")
                )
        return super().create(vals_list)

    def _action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_invitations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_assistant.sale_survey_invitation_action")
        action["domain"] = [("wave_id", "=", self.id)]
        action["context"] = {}
        return action
