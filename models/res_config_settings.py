# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

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
