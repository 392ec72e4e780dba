# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from functools import reduce
from operator import and_

from odoo import Command, api, fields, models


class SaleAssistantPartnerAssign(models.TransientModel):
    _name = "sale.assistant.partner.assign"
    _description = "Assign an assistant to customers and factories"

    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers and Factories",
        required=True,
        default=lambda self: self._default_partner_ids(),
    )
    operation = fields.Selection(
        [("add", "Add this assistant"), ("remove", "Remove this assistant")],
        required=True,
        default="add",
    )
    candidate_ids = fields.Many2many(
        "res.users",
        compute="_compute_candidate_ids",
        help="Technical: to add, the assistants who work for the owner of every selected customer or "
        "factory; to remove, those assigned to any of them.",
    )
    assistant_id = fields.Many2one(
        "res.users",
        required=True,
        domain="[('id', 'in', candidate_ids)]",
        help="Only an assistant who works for the owner of every selected customer or factory can be added.",
    )

    @api.model
    def _default_partner_ids(self):
        if self.env.context.get("active_model") != "res.partner":
            return []
        return [Command.set(self.env.context.get("active_ids", []))]

    @api.depends("partner_ids", "operation")
    def _compute_candidate_ids(self):
        for wizard in self:
            companies = wizard.partner_ids.commercial_partner_id
            if wizard.operation == "remove":
                wizard.candidate_ids = companies.assistant_ids
                continue
            # Only assistants serving the owner of every selected partner qualify; an unowned
            # partner has no assistants to serve it.
            candidates = self.env["res.users"]
            if companies and all(companies.mapped("user_id")):
                candidates = reduce(and_, (owner.sale_assistant_ids for owner in companies.user_id))
            wizard.candidate_ids = candidates

    def action_apply(self):
        self.ensure_one()
        companies = self.partner_ids.commercial_partner_id
        command = Command.link if self.operation == "add" else Command.unlink
        companies.write({"assistant_ids": [command(self.assistant_id.id)]})
        if self.operation == "add":
            message = self.env._(
                "%(assistant)s can now use %(count)s customer(s) or factory(ies): %(names)s.",
                assistant=self.assistant_id.name,
                count=len(companies),
                names=", ".join(companies.mapped("display_name")),
            )
        else:
            message = self.env._(
                "%(assistant)s no longer uses %(count)s customer(s) or factory(ies): %(names)s.",
                assistant=self.assistant_id.name,
                count=len(companies),
                names=", ".join(companies.mapped("display_name")),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
