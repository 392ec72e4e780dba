# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# How much each criterion makes a template specific: a customer's own template beats one for a
# product category, which beats one for an incoterm, which beats the general one.
SPECIFICITY = {"partner_id": 4, "categ_id": 2, "incoterm_id": 1}


class SaleFollowupTemplate(models.Model):
    """The milestones an export order goes through, chosen on confirmation by the order's
    customer, product category or incoterm (the most specific matching template wins)."""

    _name = "sale.followup.template"
    _description = "Follow-up Template"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Among equally specific templates, the first one wins.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: for every company.")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        check_company=True,
        domain=[("is_company", "=", True), ("is_factory", "=", False)],
        help="Only for this customer's orders.",
    )
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        help="Only for orders with a product of this category (or of its subcategories).",
    )
    incoterm_id = fields.Many2one("account.incoterms", help="Only for orders under this incoterm.")
    line_ids = fields.One2many("sale.followup.template.line", "template_id", string="Milestones", copy=True)

    def _matches(self, order):
        self.ensure_one()
        if self.company_id and self.company_id != order.company_id:
            return False
        if self.partner_id and self.partner_id != order.partner_id.commercial_partner_id:
            return False
        if self.incoterm_id and self.incoterm_id != order.incoterm:
            return False
        if self.categ_id:
            categories = order.order_line.product_id.categ_id
            return bool(categories.filtered_domain([("id", "child_of", self.categ_id.id)]))
        return True

    def _specificity(self):
        return sum(weight for field, weight in SPECIFICITY.items() if self[field])

    @api.model
    def _select_for_order(self, order):
        """The most specific active template matching ``order`` (ties: by sequence), or none."""
        candidates = self.sudo().search([]).filtered(lambda template: template._matches(order))
        if not candidates:
            return candidates
        return max(
            candidates, key=lambda template: (template._specificity(), -template.sequence, -template.id)
        )
