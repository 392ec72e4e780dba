# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleSampleLine(models.Model):
    _name = "sale.sample.line"
    _description = "Sample Line"
    _order = "sample_id, sequence, id"

    sample_id = fields.Many2one("sale.sample", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", domain=[("sale_ok", "=", True)])
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    specification = fields.Text(
        string="Customer's Requirements",
        help="What the customer asked for: size, colour, material, packaging, logo...",
    )
    company_id = fields.Many2one(related="sample_id.company_id", store=True)

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id:
                line.name = line.product_id.display_name
            else:
                line.name = line.name

    @api.constrains("sample_id")
    def _check_sample_choices(self):
        # Lines are created before their sample is checked: check it now for a clear message.
        self.sample_id._check_sale_document_choices()

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "The quantity of %(line)s on sample %(sample)s must be positive.",
                        line=line.name,
                        sample=line.sample_id.name,
                    )
                )
