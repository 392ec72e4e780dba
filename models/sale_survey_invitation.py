# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sale_survey_config_settings import sale_survey_thresholds

# NPS: promoters answer 9-10, detractors 0-6 (passives 7-8). NPS = promoters % - detractors %.
NPS_PROMOTER_MIN = 9
NPS_DETRACTOR_MAX = 6
# CSAT: the share of CSAT answers that are "satisfied", 4 or 5 on the 1-5 scale.
CSAT_SATISFIED_MIN = 4
NPS_CATEGORIES = [("promoter", "Promoter"), ("passive", "Passive"), ("detractor", "Detractor")]
# The counters behind every aggregate (wave, customer, salesperson, assistant, tier, country):
# summed in one query, whatever the number of answers.
SCORE_SUMS = (
    "response_count",
    "nps_count",
    "promoter_count",
    "detractor_count",
    "csat_count",
    "csat_satisfied_count",
    "low_score_count",
)


def _percent(part, whole):
    return round(100.0 * part / whole, 1) if whole else 0.0


class SaleSurveyInvitation(models.Model):
    """One contact asked to answer one wave: the survey answer (with its personal token) tied to
    the customer and the contact, so every answer links back even when the contact has no login;
    its scores once answered."""

    _name = "sale.survey.invitation"
    _description = "Satisfaction Survey Invitation"
    _inherit = ["mail.thread", "mail.activity.mixin", "sale.customer.contact.link.mixin"]
    _sale_contact_link_field = "sale_survey_invitation_id"
    _order = "wave_date desc, id desc"
    _check_company_auto = True
    _rec_name = "partner_id"

    wave_id = fields.Many2one(
        "sale.survey.wave", required=True, ondelete="cascade", index=True, readonly=True, check_company=True
    )
    campaign_id = fields.Many2one(related="wave_id.campaign_id", store=True, index=True)
    company_id = fields.Many2one(related="wave_id.company_id", store=True, index=True)
    wave_date = fields.Date(related="wave_id.date", store=True, index=True, string="Sent on")
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Survey Answer",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, readonly=True, index=True, check_company=True
    )
    # Who the answer belongs to, fixed when sent: results keep their owner when a customer moves.
    commercial_partner_id = fields.Many2one(
        "res.partner", string="Customer", readonly=True, index=True, compute="_compute_owner", store=True
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", readonly=True, index=True, compute="_compute_owner", store=True
    )
    assistant_ids = fields.Many2many(
        "res.users",
        "sale_survey_invitation_assistant_rel",
        "invitation_id",
        "user_id",
        string="Assistants",
        readonly=True,
        compute="_compute_owner",
        store=True,
    )
    tier_id = fields.Many2one(
        "sale.customer.tier", readonly=True, index=True, compute="_compute_owner", store=True
    )
    country_id = fields.Many2one(
        "res.country", readonly=True, index=True, compute="_compute_owner", store=True
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Delivered Order", readonly=True, index="btree_not_null"
    )
    source_complaint_id = fields.Many2one(
        "sale.complaint", string="Closed Complaint", readonly=True, index="btree_not_null"
    )
    answer_state = fields.Selection(related="user_input_id.state", store=True, index=True, string="Answer")
    date_answered = fields.Datetime(related="user_input_id.end_datetime", store=True, string="Answered on")
    reminder_date = fields.Date(string="Reminded on", readonly=True, copy=False)
    # Per answer; aggregates come from the counters below (an average of NPS answers is no NPS).
    nps_score = fields.Integer(string="NPS Answer", readonly=True, aggregator=False)
    nps_category = fields.Selection(NPS_CATEGORIES, string="NPS Category", readonly=True, index=True)
    csat_average = fields.Float(string="CSAT Average", readonly=True, digits=(3, 2), aggregator=False)
    comment = fields.Text(readonly=True)
    low_score = fields.Boolean(readonly=True, index=True)
    response_count = fields.Integer(string="Answered", readonly=True)
    nps_count = fields.Integer(string="NPS Answers", readonly=True)
    promoter_count = fields.Integer(string="Promoters (9-10)", readonly=True)
    detractor_count = fields.Integer(string="Detractors (0-6)", readonly=True)
    csat_count = fields.Integer(string="CSAT Answers", readonly=True)
    csat_satisfied_count = fields.Integer(string="Satisfied CSAT Answers (4-5)", readonly=True)
    low_score_count = fields.Integer(string="Low Scores", readonly=True)
    followup_complaint_ids = fields.One2many(
        "sale.complaint", "sale_survey_invitation_id", string="Complaints"
    )

    _sql_constraints = [
        ("user_input_uniq", "unique(user_input_id)", "A survey answer belongs to one invitation only."),
    ]

    @api.constrains("user_input_id", "wave_id")
    def _check_survey_of_answer(self):
        for invitation in self:
            if invitation.user_input_id.survey_id != invitation.wave_id.survey_id:
                raise ValidationError(
                    self.env._(
                        "The survey answer of %(contact)s is not an answer to survey %(survey)s of its wave.",
                        contact=invitation.partner_id.display_name,
                        survey=invitation.wave_id.survey_id.title,
                    )
                )

    @api.depends("partner_id")
    def _compute_owner(self):
        for invitation in self:
            customer = invitation.partner_id.commercial_partner_id
            invitation.commercial_partner_id = customer
            invitation.user_id = customer.user_id
            invitation.assistant_ids = [Command.set(customer.assistant_ids.ids)]
            invitation.tier_id = customer.sale_tier_id
            invitation.country_id = customer.country_id or invitation.partner_id.country_id

    @api.model_create_multi
    def create(self, vals_list):
        waves = self.env["sale.survey.wave"].browse({vals["wave_id"] for vals in vals_list})
        surveys = {wave.id: wave.survey_id for wave in waves}
        closed = waves.survey_id.filtered(lambda s: not s.active)
        if closed:
            raise UserError(
                self.env._("Survey %(survey)s is archived: nobody can answer it.", survey=closed[0].title)
            )
        # Each contact gets their own survey answer, hence their own access token (unless one is
        # given, as imported data does).
        missing = [vals for vals in vals_list if not vals.get("user_input_id")]
        partners = self.env["res.partner"].browse([vals["partner_id"] for vals in missing])
        answers = (
            self.env["survey.user_input"]
            .sudo()
            .create(
                [
                    {
                        "survey_id": surveys[vals["wave_id"]].id,
                        "partner_id": partner.id,
                        "email": partner.email,
                        "nickname": partner.name,
                    }
                    for vals, partner in zip(missing, partners, strict=True)
                ]
            )
        )
        for vals, answer in zip(missing, answers, strict=True):
            vals["user_input_id"] = answer.id
        return super().create(vals_list)

    # ------------------------------------------------------------------ e-mails

    def _send_invitation(self):
        """E-mail each contact their personal link, in their language."""
        for campaign, invitations in self.grouped("campaign_id").items():
            template = campaign.mail_template_id or self.env.ref("survey.mail_template_user_input_invite")
            template.sudo().send_mail_batch(
                invitations.user_input_id.ids, email_layout_xmlid="mail.mail_notification_light"
            )

    @api.model
    def _cron_send_reminders(self, batch_size=1000):
        """One reminder to each contact who has not answered, the campaign's days after the wave."""
        due = self.search(
            [
                ("reminder_date", "=", False),
                ("answer_state", "!=", "done"),
                ("campaign_id.reminder_days", ">", 0),
            ]
        ).filtered(
            lambda i: (i.campaign_id._company_today() - i.wave_date).days >= i.campaign_id.reminder_days
        )
        batch = due[:batch_size]
        template = self.env.ref("sale_assistant.mail_template_sale_survey_reminder")
        template.sudo().send_mail_batch(
            batch.user_input_id.ids, email_layout_xmlid="mail.mail_notification_light"
        )
        for campaign, invitations in batch.grouped("campaign_id").items():
            invitations.sudo().reminder_date = campaign._company_today()
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(due) - len(batch))
        return True

    # ------------------------------------------------------------------ scores

    def _record_answer(self):
        """The contact submitted: store the scores and comments, and turn a low score into actions."""
        nps_max, csat_max = sale_survey_thresholds(self.env)
        for invitation in self.sudo():
            lines = invitation.user_input_id.user_input_line_ids.filtered(lambda line: not line.skipped)
            nps = [line.value_scale for line in lines if line.question_id.sale_score_kind == "nps"]
            csat = [line.value_scale for line in lines if line.question_id.sale_score_kind == "csat"]
            comments = [
                line.value_text_box or line.value_char_box
                for line in lines
                if line.answer_type in ("text_box", "char_box")
                and (line.value_text_box or line.value_char_box)
            ]
            low = any(value <= nps_max for value in nps) or any(value <= csat_max for value in csat)
            invitation.write(
                {
                    "response_count": 1,
                    "nps_score": nps[0] if nps else 0,
                    "nps_category": _nps_category(nps[0]) if nps else False,
                    "nps_count": len(nps),
                    "promoter_count": sum(1 for value in nps if value >= NPS_PROMOTER_MIN),
                    "detractor_count": sum(1 for value in nps if value <= NPS_DETRACTOR_MAX),
                    "csat_count": len(csat),
                    "csat_satisfied_count": sum(1 for value in csat if value >= CSAT_SATISFIED_MIN),
                    "csat_average": sum(csat) / len(csat) if csat else 0.0,
                    "comment": "\n".join(comments) or False,
                    "low_score": low,
                    "low_score_count": int(low),
                }
            )
        self.filtered("low_score")._schedule_low_score_activities()

    def _schedule_low_score_activities(self):
        """The owning salesperson and the customer's assistants each get an activity."""
        activity_type = self.env.ref("sale_assistant.mail_activity_type_sale_survey_low_score")
        for invitation in self.sudo():
            # A customer without owner or assistants: whoever runs the campaign acts on it.
            users = invitation.user_id | invitation.assistant_ids or invitation.campaign_id.create_uid
            for user in users:
                invitation.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=user.id,
                    summary=self.env._(
                        "Low satisfaction score from %(customer)s",
                        customer=invitation.commercial_partner_id.name,
                    ),
                    note=invitation._score_summary(),
                )

    def _score_summary(self):
        self.ensure_one()
        parts = [self.env._("Survey %(wave)s", wave=self.wave_id.name)]
        if self.nps_count:
            parts.append(self.env._("NPS answer: %(score)s/10", score=self.nps_score))
        if self.csat_count:
            parts.append(self.env._("CSAT average: %(score).1f/5", score=self.csat_average))
        if self.comment:
            parts.append(self.env._("Comments: %(comment)s", comment=self.comment))
        return "\n".join(parts)

    def action_create_complaint(self):
        """One click: a complaint prefilled from the answer (its category is left to choose)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.complaint",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": self.commercial_partner_id.id,
                "default_contact_id": self.partner_id.id
                if self.partner_id != self.commercial_partner_id
                else False,
                "default_channel": "other",
                "default_sale_order_id": self.sale_order_id.id,
                "default_description": self._score_summary(),
                "default_sale_survey_invitation_id": self.id,
            },
        }

    def _close_low_score_activities(self, feedback):
        self.sudo().activity_feedback(
            ["sale_assistant.mail_activity_type_sale_survey_low_score"], feedback=feedback
        )

    def action_open_answer(self):
        """The answers as the survey prints them (read-only)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self.sudo().user_input_id.get_print_url(),
            "target": "new",
        }

    # ------------------------------------------------------------------ aggregates

    @api.model
    def _score_figures(self, domain, groupby):
        """{group: {invited, answered, response_rate, nps, csat, low_scores}} for the invitations of
        ``domain`` the user may read, grouped by ``groupby`` (one query)."""
        rows = self._read_group(domain, [groupby], ["__count", *(f"{name}:sum" for name in SCORE_SUMS)])
        return {
            group: _figures(count, dict(zip(SCORE_SUMS, sums, strict=True))) for group, count, *sums in rows
        }


def _nps_category(value):
    if value >= NPS_PROMOTER_MIN:
        return "promoter"
    return "detractor" if value <= NPS_DETRACTOR_MAX else "passive"


def _figures(invited, sums):
    return {
        "invited": invited,
        "answered": sums["response_count"],
        "response_rate": _percent(sums["response_count"], invited),
        "nps": _percent(sums["promoter_count"] - sums["detractor_count"], sums["nps_count"]),
        "csat": _percent(sums["csat_satisfied_count"], sums["csat_count"]),
        "nps_count": sums["nps_count"],
        "csat_count": sums["csat_count"],
        "low_scores": sums["low_score_count"],
    }
