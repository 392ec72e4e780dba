# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SaleCustomerContact(models.Model):
    _inherit = "sale.customer.contact"

    @api.model_create_multi
    def create(self, vals_list):
        contacts = super().create(vals_list)
        # A logged contact is the reason a pool warning goes away.
        contacts.sudo().commercial_partner_id._sale_pool_close_warnings()
        return contacts
