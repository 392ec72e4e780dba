# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleReport(models.Model):
    _inherit = "sale.report"

    assistant_id = fields.Many2one("res.users", string="Prepared by", readonly=True)

    def _select_additional_fields(self):
        fields_sql = super()._select_additional_fields()
        fields_sql["assistant_id"] = "s.assistant_id"
        return fields_sql

    def _group_by_sale(self):
        return super()._group_by_sale() + ",\n            s.assistant_id"
