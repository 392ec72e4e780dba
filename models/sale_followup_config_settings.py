# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .sale_followup_inspection import BLOCKS_BOOKING_PARAM

FACTORY_MARGIN_PARAM = "sale_assistant.followup_factory_margin_days"
DEFAULT_FACTORY_MARGIN_DAYS = 7


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sale_followup_factory_margin_days = fields.Integer(
        string="Factory Goods Needed (days before delivery)",
        default=DEFAULT_FACTORY_MARGIN_DAYS,
        config_parameter=FACTORY_MARGIN_PARAM,
        help="Factory orders ask for the goods this many days before the order's delivery date, "
        "to leave time for the final inspection and loading.",
    )
    sale_followup_inspection_blocks_booking = fields.Boolean(
        string="Failed Inspection Blocks Booking",
        config_parameter=BLOCKS_BOOKING_PARAM,
        help="An order whose latest inspection failed cannot be booked on a vessel.",
    )
