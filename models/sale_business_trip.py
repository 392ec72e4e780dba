# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get

# By this hour of the trip's local day, the salesperson should have checked in (a setting).
DEFAULT_CHECKIN_HOUR = 18


class SaleBusinessTrip(models.Model):
    """A salesperson on the road (出差): where, when, whom to see; the assistant calls daily."""

    _name = "sale.business.trip"
    _description = "Business Trip"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, help="e.g. Germany and Poland, March 2027")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
        default=lambda self: self._default_salesperson(),
    )
    assistant_id = fields.Many2one(
        "res.users",
        string="Assistant on Call",
        compute="_compute_assistant_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        help="The assistant who calls the salesperson every day of the trip; by default one who serves them.",
    )
    date_start = fields.Date(string="From", required=True, tracking=True)
    date_end = fields.Date(string="To", required=True, tracking=True)
    tz = fields.Selection(
        _tz_get,
        string="Local Timezone",
        required=True,
        default=lambda self: self.env.user.tz or "UTC",
        help="Where the salesperson is: the daily check-in is expected by the set hour of this timezone.",
    )
    destinations = fields.Char(help="Cities and countries, in the order of the trip.")
    hotel_ids = fields.Many2many(
        "res.partner",
        string="Hotels",
        check_company=True,
        help="Where the salesperson stays: samples and brochures can be shipped there.",
    )
    visit_ids = fields.One2many("sale.business.trip.visit", "trip_id", string="Planned Visits", copy=True)
    checkin_ids = fields.One2many("sale.business.trip.checkin", "trip_id", string="Daily Check-ins")
    note = fields.Html()
    today_state = fields.Selection(
        [
            ("not_travelling", "Not on the road today"),
            ("checked_in", "Checked in today"),
            ("missing", "No check-in yet"),
        ],
        string="Today",
        compute="_compute_today_state",
    )

    def _default_salesperson(self):
        user = self.env.user
        return self.env["res.users"] if user._is_restricted_sale_assistant() else user

    @api.depends("user_id")
    def _compute_assistant_id(self):
        for trip in self:
            if trip.assistant_id and trip.assistant_id in trip.user_id.sale_assistant_ids:
                continue
            current = self.env.user
            serving = trip.user_id.sale_assistant_ids
            trip.assistant_id = current if current in serving else serving.sorted("id")[:1]

    @api.depends("date_start", "date_end", "tz", "checkin_ids.date")
    def _compute_today_state(self):
        for trip in self:
            today = trip._local_today()
            if not (trip.date_start and trip.date_end and trip.date_start <= today <= trip.date_end):
                trip.today_state = "not_travelling"
            elif today in trip.checkin_ids.mapped("date"):
                trip.today_state = "checked_in"
            else:
                trip.today_state = "missing"

    def _local_now(self):
        self.ensure_one()
        return pytz.utc.localize(fields.Datetime.now()).astimezone(pytz.timezone(self.tz or "UTC"))

    def _local_today(self):
        return self._local_now().date()

    def _local_noon_utc(self, day):
        """The moment a check-in of ``day`` stands for: noon there, or now if that is later."""
        self.ensure_one()
        local = pytz.timezone(self.tz or "UTC").localize(
            datetime.combine(day, datetime.min.time()) + timedelta(hours=12)
        )
        return min(local.astimezone(pytz.utc).replace(tzinfo=None), fields.Datetime.now())

    @api.constrains("date_start", "date_end", "user_id")
    def _check_dates(self):
        for trip in self:
            if trip.date_end < trip.date_start:
                raise ValidationError(
                    self.env._("The trip %(trip)s cannot end before it starts.", trip=trip.name)
                )
            overlapping = self.search_count(
                [
                    ("id", "!=", trip.id),
                    ("user_id", "=", trip.user_id.id),
                    ("date_start", "<=", trip.date_end),
                    ("date_end", ">=", trip.date_start),
                ],
                limit=1,
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "%(salesperson)s is already on another trip between %(start)s and %(end)s.",
                        salesperson=trip.user_id.name,
                        start=trip.date_start,
                        end=trip.date_end,
                    )
                )

    # Daily call ---------------------------------------------------------------------------------

    @api.model
    def _cron_schedule_daily_calls(self):
        """Past the check-in hour of a trip day with no check-in, the assistant on call gets one
        *Daily call* activity for that day (idempotent)."""
        hour = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("sale_assistant.trip_checkin_hour", DEFAULT_CHECKIN_HOUR)
        )
        activity_type = self.env.ref("sale_assistant.mail_activity_type_trip_daily_call")
        today = fields.Date.today()
        # Trips somewhere in the world on today's date; each is then judged in its own timezone.
        trips = self.search(
            [("date_start", "<=", today + timedelta(days=1)), ("date_end", ">=", today - timedelta(days=1))]
        )
        followed = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", trips.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for trip in trips.filtered(lambda t: t.id not in followed):
            now = trip._local_now()
            day = now.date()
            if not (trip.date_start <= day <= trip.date_end) or now.hour < hour:
                continue
            if day in trip.checkin_ids.mapped("date"):
                continue
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": trip.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (trip.assistant_id or trip.user_id).id,
                    "automated": True,
                    "date_deadline": day,
                    "summary": self.env._("Daily call to %(salesperson)s", salesperson=trip.user_id.name),
                    "note": trip._daily_call_note(day),
                }
            )
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(vals_list)
        return True

    def _daily_call_note(self, day):
        self.ensure_one()
        visits = self.visit_ids.filtered(lambda v: v.date == day)
        lines = [self.env._("Ask where they are, how it goes and what they need.")]
        lines += [f"{visit.partner_id.display_name}: {visit.purpose or ''}" for visit in visits]
        return Markup("<br/>").join(lines)

    def _close_daily_calls(self):
        self.activity_feedback(
            ["sale_assistant.mail_activity_type_trip_daily_call"], feedback=self.env._("Check-in recorded.")
        )

    def action_checkin(self):
        """Record today's check-in (in the trip's timezone)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Daily Check-in"),
            "res_model": "sale.business.trip.checkin",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_trip_id": self.id,
                "default_date": fields.Date.to_string(self._local_today()),
            },
        }
