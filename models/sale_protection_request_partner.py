# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    sale_transfer_request_count = fields.Integer(
        string="Transfer Requests",
        compute="_compute_sale_transfer_request_count",
        groups="sale_assistant.group_sale_team_manager",
    )

    def _compute_sale_transfer_request_count(self):
        counts = dict(
            self.env["sale.protection.transfer.request"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.sale_transfer_request_count = counts.get(partner.commercial_partner_id, 0)

    def action_view_sale_transfer_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_assistant.sale_protection_transfer_request_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {
            "default_partner_id": self.commercial_partner_id.id,
            "default_partner_name": self.commercial_partner_id.name,
        }
        return action
