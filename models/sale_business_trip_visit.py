# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleBusinessTripVisit(models.Model):
    _name = "sale.business.trip.visit"
    _description = "Planned Customer Visit"
    _order = "trip_id, date, id"

    trip_id = fields.Many2one("sale.business.trip", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="trip_id.company_id", store=True)
    user_id = fields.Many2one(related="trip_id.user_id", store=True, index=True, string="Salesperson")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, domain=[("is_factory", "=", False)]
    )
    date = fields.Date(string="Day", required=True)
    purpose = fields.Char()

    @api.constrains("date", "trip_id")
    def _check_date_in_trip(self):
        for visit in self:
            trip = visit.trip_id
            if not trip.date_start <= visit.date <= trip.date_end:
                raise ValidationError(
                    self.env._(
                        "The visit to %(customer)s on %(date)s is outside the trip %(trip)s (%(start)s to "
                        "%(end)s).",
                        customer=visit.partner_id.display_name,
                        date=visit.date,
                        trip=trip.name,
                        start=trip.date_start,
                        end=trip.date_end,
                    )
                )
