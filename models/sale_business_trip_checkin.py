# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


class SaleBusinessTripCheckin(models.Model):
    """What the travelling salesperson said on the daily call: where, whom they met, how it went
    and what they need; the quick actions turn the need into a sample, a quotation or a task."""

    _name = "sale.business.trip.checkin"
    _description = "Business Trip Daily Check-in"
    _order = "trip_id, date desc, id desc"

    trip_id = fields.Many2one("sale.business.trip", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="trip_id.company_id", store=True)
    user_id = fields.Many2one(related="trip_id.user_id", store=True, index=True, string="Salesperson")
    date = fields.Date(string="Day", required=True)
    location = fields.Char(string="Where")
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers Met",
        domain=[("is_factory", "=", False)],
        help="Each becomes a visit in the contact log.",
    )
    how_it_went = fields.Text()
    help_needed = fields.Text(help="What the salesperson needs from the office.")
    contact_ids = fields.One2many("sale.customer.contact", "trip_checkin_id", string="Logged Visits")
    hotel_id = fields.Many2one("res.partner", help="Where the salesperson stays tonight.")

    _sql_constraints = [
        ("trip_date_uniq", "unique(trip_id, date)", "This trip already has a check-in for that day.")
    ]

    @api.constrains("date", "trip_id")
    def _check_date_in_trip(self):
        for checkin in self:
            trip = checkin.trip_id
            if not trip.date_start <= checkin.date <= trip.date_end:
                raise ValidationError(
                    self.env._(
                        "A check-in on %(date)s is outside the trip %(trip)s (%(start)s to %(end)s).",
                        date=checkin.date,
                        trip=trip.name,
                        start=trip.date_start,
                        end=trip.date_end,
                    )
                )
            if checkin.date > trip._local_today():
                raise ValidationError(
                    self.env._(
                        "A check-in cannot be recorded for %(date)s, which is still to come.",
                        date=checkin.date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        checkins = super().create(vals_list)
        checkins._log_visits()
        checkins.trip_id._close_daily_calls()
        return checkins

    def _log_visits(self):
        """Each customer met is a *visit to them* in the contact log, for the salesperson."""
        self.env["sale.customer.contact"].create(
            [
                {
                    "partner_id": partner.commercial_partner_id.id,
                    "contact_id": partner.id if partner.parent_id else False,
                    "company_id": checkin.company_id.id,
                    "channel": "visit_them",
                    "date": checkin.trip_id._local_noon_utc(checkin.date),
                    "user_id": checkin.user_id.id,
                    "summary": self.env._("Visit during %(trip)s", trip=checkin.trip_id.name),
                    "notes": checkin.how_it_went,
                    "trip_checkin_id": checkin.id,
                }
                for checkin in self
                for partner in checkin.partner_ids
            ]
        )

    # Quick actions -----------------------------------------------------------------------------

    def _hotel(self):
        self.ensure_one()
        return self.hotel_id or self.trip_id.hotel_ids[-1:]

    def action_send_samples(self):
        """A draft brochure shipment to the salesperson's hotel of the day."""
        self.ensure_one()
        hotel = self._hotel()
        if not hotel:
            raise UserError(
                self.env._("Say which hotel the salesperson stays at before sending them anything.")
            )
        customer = self.partner_ids[:1].commercial_partner_id
        if not customer:
            raise UserError(self.env._("Say which customer the samples are for (Customers Met)."))
        sample = self.env["sale.sample"].create(
            {
                "kind": "brochure",
                "partner_id": customer.id,
                "user_id": self.user_id.id,
                "ship_to_id": hotel.id,
                "date_required": self.date,
                "line_ids": [
                    Command.create({"name": self.help_needed or self.env._("Samples and brochures")})
                ],
            }
        )
        return self._open(sample)

    def action_prepare_quotation(self):
        """A draft quotation for the salesperson and the first customer met."""
        self.ensure_one()
        customer = self.partner_ids[:1].commercial_partner_id
        if not customer:
            raise UserError(self.env._("Say which customer the quotation is for (Customers Met)."))
        order = self.env["sale.order"].create(
            {"partner_id": customer.id, "user_id": self.user_id.id, "note": self.help_needed or False}
        )
        return self._open(order)

    def action_other_need(self):
        """Anything else: a to-do for whoever records the check-in."""
        self.ensure_one()
        self.trip_id.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.env.uid,
            summary=self.env._("For %(salesperson)s on the road", salesperson=self.user_id.name),
            note=self.help_needed or "",
        )
        return True

    def _open(self, record):
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }
