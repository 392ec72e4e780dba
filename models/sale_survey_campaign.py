# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

SURVEY_TARGETS = [
    ("tier", "Customer tier"),
    ("salesperson", "Salesperson"),
    ("country", "Country"),
    ("delivered", "Order delivered recently"),
]
# The field of the target that must hold a value, per target.
TARGET_FIELDS = {
    "tier": "tier_ids",
    "salesperson": "salesperson_ids",
    "country": "country_ids",
    "delivered": "delivered_months",
}
SURVEY_SCHEDULES = [
    ("once", "Once"),
    ("quarterly", "Quarterly"),
    ("yearly", "Yearly"),
    ("order_delivered", "After an order is delivered"),
    ("complaint_closed", "After a complaint is closed"),
]
PERIODS = {"quarterly": relativedelta(months=3), "yearly": relativedelta(years=1)}
EVENT_SCHEDULES = ("order_delivered", "complaint_closed")
# An event older than this (beyond its delay) is not surveyed any more: a late survey means little.
EVENT_LOOKBACK_DAYS = 30
# Campaigns the scheduler handles per batch before it commits.
CAMPAIGN_BATCH_SIZE = 50


class SaleSurveyCampaign(models.Model):
    """Who is asked to answer which survey, and when: each send is a wave."""

    _name = "sale.survey.campaign"
    _description = "Satisfaction Campaign"
    _inherit = ["mail.thread"]
    _order = "active desc, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        tracking=True,
        ondelete="restrict",
        domain=[("survey_type", "in", ("survey", "custom"))],
        help="The questionnaire sent. Mark its scale questions as CSAT (1-5) or NPS (0-10) to score them.",
    )
    target = fields.Selection(SURVEY_TARGETS, required=True, default="tier", tracking=True)
    tier_ids = fields.Many2many("sale.customer.tier", string="Customer Tiers")
    salesperson_ids = fields.Many2many(
        "res.users", string="Salespeople", domain=[("share", "=", False)], help="Their customers."
    )
    country_ids = fields.Many2many("res.country", string="Countries")
    delivered_months = fields.Integer(
        string="Delivered Within (months)",
        default=6,
        help="Customers with an order delivered in this many months.",
    )
    schedule = fields.Selection(SURVEY_SCHEDULES, required=True, default="once", tracking=True)
    event_delay_days = fields.Integer(
        string="Days After the Event",
        default=7,
        help="For a survey after a delivery or a closed complaint: how many days after it the contact "
        "is asked.",
    )
    next_date = fields.Date(
        string="Next Wave",
        tracking=True,
        default=fields.Date.context_today,
        help="When the scheduler sends the next wave (once, quarterly or yearly).",
    )
    cap_days = fields.Integer(
        string="At Most One Survey per Contact Every (days)",
        default=90,
        help="A contact invited to any satisfaction survey within this many days is not invited again.",
    )
    reminder_days = fields.Integer(
        string="Remind After (days)",
        default=7,
        help="Contacts who have not answered get one reminder this many days after the wave; 0: none.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Invitation E-mail",
        domain=[("model", "=", "survey.user_input")],
        default=lambda self: self.env.ref("survey.mail_template_user_input_invite", raise_if_not_found=False),
        help="The survey's own invitation or ours; it is written in each contact's language.",
    )
    last_run_date = fields.Date(
        string="Last Sent", readonly=True, copy=False, help="The last day a wave was sent or looked for."
    )
    wave_ids = fields.One2many("sale.survey.wave", "campaign_id", string="Waves")
    wave_count = fields.Integer(compute="_compute_wave_count")

    @api.depends("wave_ids")
    def _compute_wave_count(self):
        counts = dict(
            self.env["sale.survey.wave"]._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id"], ["__count"]
            )
        )
        for campaign in self:
            campaign.wave_count = counts.get(campaign._origin, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Before the database's NOT NULL: a clear message rather than a constraint violation.
            if not vals.get("survey_id"):
                raise ValidationError(
                    self.env._("A satisfaction campaign needs a survey: choose the questionnaire to send.")
                )
        return super().create(vals_list)

    def write(self, vals):
        if "survey_id" in vals and self.filtered(
            lambda c: c.wave_ids and c.survey_id.id != vals["survey_id"]
        ):
            # Waves compare answers to the same questions: another survey is another campaign.
            raise UserError(
                self.env._(
                    "A campaign that has sent waves keeps its survey, so that its waves compare: create "
                    "another campaign for another survey."
                )
            )
        return super().write(vals)

    @api.constrains("target", "tier_ids", "salesperson_ids", "country_ids", "delivered_months")
    def _check_target(self):
        labels = dict(self._fields["target"]._description_selection(self.env))
        for campaign in self:
            if not campaign[TARGET_FIELDS[campaign.target]] or campaign.delivered_months < 0:
                raise ValidationError(
                    self.env._(
                        "Campaign %(campaign)s targets customers by %(target)s but names none: choose "
                        "at least one (a positive number of months for recent deliveries).",
                        campaign=campaign.name,
                        target=labels[campaign.target].lower(),
                    )
                )

    @api.constrains("cap_days", "reminder_days", "event_delay_days")
    def _check_days(self):
        for campaign in self:
            if min(campaign.cap_days, campaign.reminder_days, campaign.event_delay_days) < 0:
                raise ValidationError(
                    self.env._(
                        "Campaign %(campaign)s: days cannot be negative (cap, reminder, delay).",
                        campaign=campaign.name,
                    )
                )

    @api.constrains("survey_id")
    def _check_survey_scored(self):
        for campaign in self:
            if not campaign.survey_id.question_ids.filtered("sale_score_kind"):
                raise ValidationError(
                    self.env._(
                        "Survey %(survey)s has no question marked CSAT or NPS: campaign %(campaign)s could "
                        "not score its answers.",
                        survey=campaign.survey_id.title,
                        campaign=campaign.name,
                    )
                )

    def _company_today(self):
        """Today in the campaign company's timezone (its partner's; UTC without one): waves, caps
        and reminders count the company's days, whoever runs them."""
        company = self.company_id[:1] or self.env.company
        now = pytz.utc.localize(fields.Datetime.now())
        return now.astimezone(pytz.timezone(company.sudo().partner_id.tz or "UTC")).date()

    # ------------------------------------------------------------------ targeting

    def _target_customer_domain(self):
        """The customers (companies or individuals, not factories) this campaign surveys."""
        self.ensure_one()
        domain = [
            ("is_factory", "=", False),
            ("parent_id", "=", False),
            ("company_id", "in", (False, self.company_id.id)),
        ]
        if self.target == "tier":
            return [*domain, ("sale_tier_id", "in", self.tier_ids.ids)]
        if self.target == "salesperson":
            return [*domain, ("user_id", "in", self.salesperson_ids.ids)]
        if self.target == "country":
            return [*domain, ("country_id", "in", self.country_ids.ids)]
        since = fields.Datetime.now() - relativedelta(months=self.delivered_months)
        delivered = self._delivered_pickings([("date_done", ">=", since)])
        return [*domain, ("id", "in", delivered.partner_id.commercial_partner_id.ids)]

    def _delivered_pickings(self, domain):
        return (
            self.env["stock.picking"]
            .sudo()
            .search(
                [
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "=", "done"),
                    ("company_id", "=", self.company_id.id),
                    *domain,
                ]
            )
        )

    def _contacts_of(self, customers):
        """Whom to ask at each customer: its contact persons with an e-mail, else the customer."""
        people = (
            self.env["res.partner"]
            .sudo()
            .search([("parent_id", "in", customers.ids), ("type", "=", "contact"), ("email", "!=", False)])
        )
        covered = people.parent_id
        return people | customers.filtered(lambda c: c not in covered and c.email)

    def _capped_contacts(self, contacts):
        """The contacts invited to a satisfaction survey within this campaign's cap."""
        if not self.cap_days:
            return self.env["res.partner"]
        since = self._company_today() - timedelta(days=self.cap_days - 1)
        recent = (
            self.env["sale.survey.invitation"]
            .sudo()
            ._read_group([("partner_id", "in", contacts.ids), ("wave_date", ">=", since)], ["partner_id"])
        )
        return self.env["res.partner"].union(*(partner for (partner,) in recent))

    def _recipients(self):
        """[(contact, values)] of the next wave: targeted, not capped, for events the sources."""
        self.ensure_one()
        customers = self.env["res.partner"].sudo().search(self._target_customer_domain())
        if self.schedule in EVENT_SCHEDULES:
            sources = self._event_sources(customers)
        else:
            sources = [(contact, {}) for contact in self._contacts_of(customers)]
        capped = self._capped_contacts(self.env["res.partner"].union(*(c for c, _v in sources)))
        seen = set()
        recipients = []
        for contact, values in sources:
            if contact in capped or contact.id in seen:
                continue
            seen.add(contact.id)
            recipients.append((contact, values))
        return recipients

    def _event_sources(self, customers):
        """[(contact, source values)] for the deliveries or closed complaints now due for a survey,
        each surveyed once by this campaign."""
        due = fields.Datetime.now() - timedelta(days=self.event_delay_days)
        window = [due - timedelta(days=EVENT_LOOKBACK_DAYS), due]
        # An event of the window can only have been surveyed since the window began.
        done = (
            self.env["sale.survey.invitation"]
            .sudo()
            .search([("campaign_id", "=", self.id), ("wave_date", ">=", window[0].date())])
        )
        if self.schedule == "order_delivered":
            pickings = self._delivered_pickings(
                [
                    ("date_done", ">=", window[0]),
                    ("date_done", "<=", window[1]),
                    ("sale_id", "!=", False),
                    ("sale_id", "not in", done.sale_order_id.ids),
                    ("partner_id.commercial_partner_id", "in", customers.ids),
                ]
            )
            return [
                (self._event_contact(picking.sale_id.partner_id), {"sale_order_id": picking.sale_id.id})
                for picking in pickings
            ]
        complaints = (
            self.env["sale.complaint"]
            .sudo()
            .search(
                [
                    ("state", "=", "closed"),
                    ("company_id", "=", self.company_id.id),
                    ("date_resolved", ">=", window[0]),
                    ("date_resolved", "<=", window[1]),
                    ("id", "not in", done.source_complaint_id.ids),
                    ("commercial_partner_id", "in", customers.ids),
                ]
            )
        )
        return [
            (
                self._event_contact(complaint.contact_id or complaint.partner_id),
                {"source_complaint_id": complaint.id},
            )
            for complaint in complaints
        ]

    def _event_contact(self, partner):
        """The person of an event, or the first contact of the customer when they have no e-mail."""
        if partner.email:
            return partner
        return self._contacts_of(partner.commercial_partner_id)[:1] or partner

    # ------------------------------------------------------------------ sending

    def action_send_wave(self):
        """Send a wave now to every targeted contact not capped."""
        self.check_access("write")
        waves = self.env["sale.survey.wave"]
        for campaign in self:
            recipients = campaign._recipients()
            if not recipients:
                raise UserError(
                    self.env._(
                        "Campaign %(campaign)s has nobody to survey now: no targeted customer has a contact "
                        "with an e-mail who was not surveyed in the last %(days)s days.",
                        campaign=campaign.name,
                        days=campaign.cap_days,
                    )
                )
            waves |= campaign._create_wave(recipients)
        return waves._action_open() if len(waves) == 1 else True

    def _create_wave(self, recipients):
        self.ensure_one()
        wave = (
            self.env["sale.survey.wave"]
            .sudo()
            .create(
                {
                    "campaign_id": self.id,
                    "date": self._company_today(),
                    "invitation_ids": [
                        Command.create({"partner_id": contact.id, **values}) for contact, values in recipients
                    ],
                }
            )
        )
        wave.invitation_ids._send_invitation()
        self._advance_schedule(wave.date)
        return wave.sudo(False)

    def _advance_schedule(self, sent_on):
        self.sudo().last_run_date = sent_on
        for campaign in self:
            if campaign.schedule in PERIODS:
                campaign.sudo().next_date = sent_on + PERIODS[campaign.schedule]
            elif campaign.schedule == "once":
                campaign.sudo().next_date = False

    def _is_due(self, today):
        self.ensure_one()
        if self.last_run_date == today:
            return False  # Once a day: running the scheduler again changes nothing.
        if self.schedule in EVENT_SCHEDULES:
            return True
        return bool(self.next_date) and self.next_date <= today

    @api.model
    def _cron_send_waves(self, batch_size=CAMPAIGN_BATCH_SIZE):
        """Send the waves due, one batch of campaigns per call (the cron runs again while some are
        left). A campaign that sent today is not due any more, so a second run sends nothing."""
        due = self.search([("survey_id.active", "=", True)]).filtered(lambda c: c._is_due(c._company_today()))
        batch = due[:batch_size]
        for campaign in batch:
            campaign = campaign.with_company(campaign.company_id)
            recipients = campaign._recipients()
            if recipients:
                campaign._create_wave(recipients)
            elif campaign.schedule not in EVENT_SCHEDULES:
                # Nobody to ask this time: try again next period rather than every day.
                campaign._advance_schedule(campaign._company_today())
            else:
                # Events: nothing due today; mark the day as looked at.
                campaign.sudo().last_run_date = campaign._company_today()
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(due) - len(batch))
        return True

    def action_view_waves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_assistant.sale_survey_wave_action")
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {}
        return action
