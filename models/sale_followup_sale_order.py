# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    followup_plan_ids = fields.One2many("sale.followup.plan", "order_id", string="Follow-up Plans")
    followup_milestone_ids = fields.One2many(
        "sale.followup.milestone", "order_id", string="Follow-up Milestones"
    )
    followup_next_milestone = fields.Char(
        string="Next Milestone", compute="_compute_followup_next_milestone", compute_sudo=False
    )

    @api.depends("followup_plan_ids.next_milestone_name")
    def _compute_followup_next_milestone(self):
        for order in self:
            order.followup_next_milestone = order.followup_plan_ids[:1].next_milestone_name

    def action_confirm(self):
        result = super().action_confirm()
        self.env["sale.followup.plan"]._create_for_orders(self.filtered(lambda order: order.state == "sale"))
        return result

    def write(self, vals):
        result = super().write(vals)
        if "commitment_date" in vals:
            for order in self.filtered("followup_plan_ids"):
                order.followup_plan_ids._set_delivery_date(order._followup_delivery_date())
        return result

    def _action_cancel(self):
        result = super()._action_cancel()
        # A cancelled order is not followed up: nobody chases its milestones any more.
        self.followup_milestone_ids.activity_unlink(["sale_assistant.mail_activity_type_followup_late"])
        return result

    def _followup_delivery_date(self):
        """The delivery date promised to the customer, as a day in the company's time zone."""
        self.ensure_one()
        moment = self.commitment_date or self.expected_date or self.date_order
        return self.company_id.partner_id._sale_local_date(moment)

    def _followup_plan_values(self, template):
        self.ensure_one()
        Plan = self.env["sale.followup.plan"]
        return {
            "order_id": self.id,
            "template_id": template.id,
            "date_delivery": self._followup_delivery_date(),
            "milestone_ids": [Plan._milestone_values(line, self) for line in template.line_ids],
        }

    def _followup_tell_salesperson_late(self, milestones):
        """A note on the order for its salesperson, listing what is late."""
        self.ensure_one()
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._("Follow-up: these milestones are late."),
            milestones._followup_late_lines(),
        )
        self.message_post(
            body=body,
            partner_ids=self.user_id.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def action_view_followup(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_assistant.sale_followup_plan_action")
        action.update(
            {
                "res_id": self.followup_plan_ids[:1].id,
                "views": [(False, "form")],
                "view_mode": "form",
            }
        )
        return action
