# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models

from ..models.res_users import GROUP_ASSISTANT


class SaleAssistantPartnerAssign(models.TransientModel):
    _name = "sale.assistant.partner.assign"
    _description = "Assign an assistant to customers and factories"

    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers and Factories",
        required=True,
        default=lambda self: self._default_partner_ids(),
    )
    assistant_id = fields.Many2one(
        "res.users",
        required=True,
        domain=lambda self: [("groups_id", "in", self.env.ref(GROUP_ASSISTANT).ids)],
        help="Only an assistant who works for the owner of every selected customer or factory can be added.",
    )
    operation = fields.Selection(
        [("add", "Add this assistant"), ("remove", "Remove this assistant")],
        required=True,
        default="add",
    )

    @api.model
    def _default_partner_ids(self):
        if self.env.context.get("active_model") != "res.partner":
            return []
        return [Command.set(self.env.context.get("active_ids", []))]

    def action_apply(self):
        self.ensure_one()
        command = Command.link if self.operation == "add" else Command.unlink
        self.partner_ids.commercial_partner_id.write({"assistant_ids": [command(self.assistant_id.id)]})
        return {"type": "ir.actions.act_window_close"}
