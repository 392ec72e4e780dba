# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleCustomerProductCode(models.Model):
    _name = "sale.customer.product.code"
    _description = "Customer's Product Code"
    _order = "partner_id, code"
    _rec_name = "code"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("parent_id", "=", False)],
    )
    code = fields.Char(
        required=True, index=True, help="The code the customer uses for our product on their orders."
    )
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade", index=True)

    _sql_constraints = [
        (
            "partner_code_uniq",
            "unique(partner_id, code)",
            "This customer already uses this code for a product.",
        ),
    ]

    @api.model
    def _learn(self, partner, code_products):
        """Remember ``{code: product}`` for ``partner`` (its commercial entity), updating codes that
        now mean another product."""
        partner = partner.commercial_partner_id
        known = {
            mapping.code: mapping
            for mapping in self.search([("partner_id", "=", partner.id), ("code", "in", list(code_products))])
        }
        to_create = []
        for code, product in code_products.items():
            if code in known:
                if known[code].product_id != product:
                    known[code].product_id = product
            else:
                to_create.append({"partner_id": partner.id, "code": code, "product_id": product.id})
        self.create(to_create)
