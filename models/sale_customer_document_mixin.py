# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleCustomerDocumentMixin(models.AbstractModel):
    """A numbered document about a customer, handled by a salesperson (by default the customer's
    owner), whose status moves only through its actions (samples, complaints).

    The inheriting model defines ``state`` and sets ``_sequence_code``, the ir.sequence code that
    numbers its documents.
    """

    _name = "sale.customer.document.mixin"
    _inherit = ["sale.lifecycle.mixin"]
    _description = "Numbered customer document with a guarded life cycle"
    _sequence_code = None
    _lifecycle_fields = ("state",)

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="New", index="trigram"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True, index=True, check_company=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True, string="Customer Company"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )

    @api.depends("partner_id")
    def _compute_user_id(self):
        # The customer's owner; without one, the salesperson already chosen or the default.
        for document in self:
            document.user_id = (
                document.partner_id.commercial_partner_id.user_id
                or document.user_id
                or document._default_salesperson()
            )

    def _default_salesperson(self):
        return self.env.user

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "New") == "New":
                vals["name"] = self.env["ir.sequence"].next_by_code(self._sequence_code) or "New"
        return super().create(vals_list)

    def _check_state(self, allowed, action):
        """Refuse ``action`` (a translated verb) on documents in a state not in ``allowed``."""
        states = dict(self._fields["state"]._description_selection(self.env))
        for document in self:
            if document.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(document)s is %(state)s: you cannot %(action)s it.",
                        document=document.name,
                        state=states[document.state],
                        action=action,
                    )
                )
