# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    sale_transfer_request_count = fields.Integer(
        string="Transfer Requests",
        compute="_compute_sale_transfer_request_count",
        groups="sale_assistant.group_sale_team_manager",
    )

    def write(self, vals):
        result = super().write(vals)
        if "user_id" in vals:
            self.env["sale.protection.transfer.request"]._sale_close_outdated(self)
        return result

    def _sale_transfer_requests(self):
        """{commercial partner: the requests about it the user may read}. The link to the customer
        is read by the server only (see sale.protection.transfer.request.partner_id)."""
        Request = self.env["sale.protection.transfer.request"]
        requests = Request.sudo().search([("partner_id", "in", self.commercial_partner_id.ids)])
        return requests.with_env(self.env)._filtered_access("read").sudo().grouped("partner_id")

    def _compute_sale_transfer_request_count(self):
        by_partner = self._sale_transfer_requests()
        for partner in self:
            partner.sale_transfer_request_count = len(by_partner.get(partner.commercial_partner_id, ()))

    def action_view_sale_transfer_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale_assistant.sale_protection_transfer_request_action"
        )
        readable = self._sale_transfer_requests().get(self.commercial_partner_id)
        action["domain"] = [("id", "in", readable.ids if readable else [])]
        action["context"] = {
            "default_partner_id": self.commercial_partner_id.id,
            "default_partner_name": self.commercial_partner_id.name,
        }
        return action
