# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import fields, models


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _compute_domain_context_values(self):
        """Key the cached rule domains on today's date too.

        The rules hold constant id lists (res.users.sale_served_salesperson_ids ...) and those
        depend on the dates of assignments (a cover during leave). Adding the date, in the
        timezone of each company of the request (the companies whose documents the rules let
        through), makes a domain cached yesterday miss today: access starts and ends at midnight
        where the company is, with no cron and no sub-select."""
        values = super()._compute_domain_context_values()
        timezones = {tz or "UTC" for tz in self.env.companies.sudo().partner_id.mapped("tz")}
        now = pytz.utc.localize(fields.Datetime.now())
        return (*values, *sorted(str(now.astimezone(pytz.timezone(tz)).date()) for tz in timezones))
