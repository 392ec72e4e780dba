# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The public pool's settings: (config parameter, default). Every one is a count of days or
# customers that must be at least 1.
POOL_PARAMETERS = {
    "days": ("sale_assistant.pool_days", 90),
    "warning_days": ("sale_assistant.pool_warning_days", 7),
    "reclaim_days": ("sale_assistant.pool_reclaim_days", 30),
    "daily_claims": ("sale_assistant.pool_daily_claims", 5),
    "max_customers": ("sale_assistant.pool_max_customers", 200),
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sale_pool_enabled = fields.Boolean(
        string="Public Pool",
        config_parameter="sale_assistant.pool_enabled",
        help="Customers without a logged contact or a confirmed order for a while return to the public "
        "pool (公海), where any salesperson may claim them. Works only while Protect Customers is on.",
    )
    sale_pool_days = fields.Integer(
        string="Returns to the pool after (days)",
        config_parameter=POOL_PARAMETERS["days"][0],
        default=POOL_PARAMETERS["days"][1],
        help="Days without a logged contact or a confirmed order (counted from the owner's first day at "
        "the latest) before a customer returns to the pool; a customer tier may set its own.",
    )
    sale_pool_warning_days = fields.Integer(
        string="Warn the owner (days before)",
        config_parameter=POOL_PARAMETERS["warning_days"][0],
        default=POOL_PARAMETERS["warning_days"][1],
    )
    sale_pool_reclaim_days = fields.Integer(
        string="No reclaim by the previous owner for (days)",
        config_parameter=POOL_PARAMETERS["reclaim_days"][0],
        default=POOL_PARAMETERS["reclaim_days"][1],
    )
    sale_pool_daily_claims = fields.Integer(
        string="Claims per salesperson per day",
        config_parameter=POOL_PARAMETERS["daily_claims"][0],
        default=POOL_PARAMETERS["daily_claims"][1],
    )
    sale_pool_max_customers = fields.Integer(
        string="Customers a salesperson may own at most",
        config_parameter=POOL_PARAMETERS["max_customers"][0],
        default=POOL_PARAMETERS["max_customers"][1],
        help="A salesperson who owns this many customers cannot claim more from the pool.",
    )

    @api.constrains(*(f"sale_pool_{key}" for key in POOL_PARAMETERS))
    def _check_sale_pool_figures(self):
        for settings in self:
            for key in POOL_PARAMETERS:
                field = settings._fields[f"sale_pool_{key}"]
                if settings[field.name] < 1:
                    raise ValidationError(
                        self.env._(
                            "Public pool: %(setting)s must be at least 1.",
                            setting=field._description_string(self.env),
                        )
                    )
