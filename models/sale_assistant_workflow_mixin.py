# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleAssistantWorkflowMixin(models.AbstractModel):
    """A document numbered from a sequence whose life cycle moves through buttons that each
    accept some states only (samples, complaints)."""

    _name = "sale.assistant.workflow.mixin"
    _description = "Numbered document with a guarded life cycle"
    # The ir.sequence code that numbers the documents of the inheriting model.
    _sequence_code = None

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="New", index="trigram"
    )

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
