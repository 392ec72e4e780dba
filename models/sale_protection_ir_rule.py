# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import fields, models, tools


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
        now = pytz.utc.localize(fields.Datetime.now())
        timezones = self._sale_company_timezones(tuple(sorted(self.env.companies.ids)))
        return (*values, *(str(now.astimezone(pytz.timezone(tz)).date()) for tz in timezones))

    @tools.ormcache("company_ids")
    def _sale_company_timezones(self, company_ids):
        """The timezones of the companies, cached: this runs for every rule check, and must not
        cost a query each request (res.partner clears the cache when a company's changes)."""
        companies = self.env["res.company"].sudo().browse(company_ids)
        return tuple(sorted({tz or "UTC" for tz in companies.partner_id.mapped("tz")}))
