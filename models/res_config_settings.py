# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Hours allowed, per severity, to first answer a complaint and to resolve it.
COMPLAINT_DEADLINE_DEFAULTS = {
    "low": (48, 240),
    "medium": (24, 120),
    "high": (8, 48),
    "critical": (2, 24),
}


def complaint_deadline_param(severity, kind):
    """The ir.config_parameter key holding the ``kind`` ('response' or 'resolution') hours."""
    return f"sale_assistant.complaint_{kind}_hours_{severity}"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sale_price_tolerance = fields.Float(
        string="Price Tolerance (%)",
        config_parameter="sale_assistant.price_tolerance",
        default=5.0,
        help="Order checks flag a unit price further than this from the pricelist price.",
    )
    sale_delivery_date_responsible_id = fields.Many2one(
        "res.users",
        string="Delivery Date Responsible",
        config_parameter="sale_assistant.delivery_date_responsible_id",
        domain=[("share", "=", False)],
        help="Who confirms delivery dates unless a quotation names someone else.",
    )

    sale_receivable_digest_day = fields.Selection(
        [
            ("0", "Monday"),
            ("1", "Tuesday"),
            ("2", "Wednesday"),
            ("3", "Thursday"),
            ("4", "Friday"),
            ("5", "Saturday"),
            ("6", "Sunday"),
        ],
        string="Receivables digest day",
        config_parameter="sale_assistant.receivable_digest_day",
        default="0",
    )
    sale_receivable_digest_hour = fields.Integer(
        string="Receivables digest hour",
        config_parameter="sale_assistant.receivable_digest_hour",
        default=8,
        help="Hour of the day (0-23), in the company's timezone.",
    )

    sale_trip_checkin_hour = fields.Integer(
        string="Daily check-in by",
        config_parameter="sale_assistant.trip_checkin_hour",
        default=18,
        help="Hour of the trip's local day (0-23) by which a travelling salesperson should have checked "
        "in; past it, the assistant on call gets a Daily call activity.",
    )

    @api.constrains("sale_receivable_digest_hour")
    def _check_sale_receivable_digest_hour(self):
        for settings in self:
            if not 0 <= settings.sale_receivable_digest_hour <= 23:
                raise ValidationError(
                    self.env._("The receivables digest hour is an hour of the day, from 0 to 23.")
                )

    @api.constrains("sale_trip_checkin_hour")
    def _check_sale_trip_checkin_hour(self):
        for settings in self:
            if not 0 <= settings.sale_trip_checkin_hour <= 23:
                raise ValidationError(
                    self.env._("The daily check-in hour is an hour of the day, from 0 to 23.")
                )

    complaint_response_hours_low = fields.Integer(
        string="Low: first response (hours)",
        config_parameter=complaint_deadline_param("low", "response"),
        default=COMPLAINT_DEADLINE_DEFAULTS["low"][0],
    )
    complaint_resolution_hours_low = fields.Integer(
        string="Low: resolution (hours)",
        config_parameter=complaint_deadline_param("low", "resolution"),
        default=COMPLAINT_DEADLINE_DEFAULTS["low"][1],
    )
    complaint_response_hours_medium = fields.Integer(
        string="Medium: first response (hours)",
        config_parameter=complaint_deadline_param("medium", "response"),
        default=COMPLAINT_DEADLINE_DEFAULTS["medium"][0],
    )
    complaint_resolution_hours_medium = fields.Integer(
        string="Medium: resolution (hours)",
        config_parameter=complaint_deadline_param("medium", "resolution"),
        default=COMPLAINT_DEADLINE_DEFAULTS["medium"][1],
    )
    complaint_response_hours_high = fields.Integer(
        string="High: first response (hours)",
        config_parameter=complaint_deadline_param("high", "response"),
        default=COMPLAINT_DEADLINE_DEFAULTS["high"][0],
    )
    complaint_resolution_hours_high = fields.Integer(
        string="High: resolution (hours)",
        config_parameter=complaint_deadline_param("high", "resolution"),
        default=COMPLAINT_DEADLINE_DEFAULTS["high"][1],
    )
    complaint_response_hours_critical = fields.Integer(
        string="Critical: first response (hours)",
        config_parameter=complaint_deadline_param("critical", "response"),
        default=COMPLAINT_DEADLINE_DEFAULTS["critical"][0],
    )
    complaint_resolution_hours_critical = fields.Integer(
        string="Critical: resolution (hours)",
        config_parameter=complaint_deadline_param("critical", "resolution"),
        default=COMPLAINT_DEADLINE_DEFAULTS["critical"][1],
    )
