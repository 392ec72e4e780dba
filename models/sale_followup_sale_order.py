# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


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

    # Factory orders -----------------------------------------------------------------------------

    def action_order_from_factories(self):
        """One purchase order per factory for the goods lines not ordered yet, of one or several
        confirmed orders. Whoever may edit the orders may order from their factories (the factory
        of each line was checked when it was chosen); the purchase orders are written as the system,
        since salespeople and assistants have no purchase rights."""
        self.check_access("write")
        to_order = self._followup_lines_to_order()
        by_factory = defaultdict(lambda: self.env["sale.order.line"])
        for line in to_order:
            by_factory[line.company_id, line.factory_id.commercial_partner_id] |= line
        purchases = (
            self.env["purchase.order"]
            .sudo()
            .create(
                [
                    {
                        "partner_id": factory.id,
                        "company_id": company.id,
                        "user_id": self.env.uid,
                        "origin": ", ".join(lines.order_id.mapped("name")),
                        "order_line": [
                            Command.create(line._followup_purchase_line_values()) for line in lines
                        ],
                    }
                    for (company, factory), lines in by_factory.items()
                ]
            )
        )
        ordered = defaultdict(lambda: self.env["purchase.order"])
        for purchase, lines in zip(purchases, by_factory.values(), strict=True):
            for order in lines.order_id:
                ordered[order] |= purchase
        for order, order_purchases in ordered.items():
            order.message_post(
                body=self.env._(
                    "Ordered from the factories: %(orders)s", orders=", ".join(order_purchases.mapped("name"))
                )
            )
        return True

    def _followup_lines_to_order(self):
        unconfirmed = self.filtered(lambda order: order.state != "sale")
        if unconfirmed:
            raise UserError(
                self.env._(
                    "Confirm %(orders)s before ordering from the factories.",
                    orders=", ".join(unconfirmed.mapped("name")),
                )
            )
        goods = self.order_line.filtered(
            lambda line: not line.display_type and line.product_id.type == "consu"
        )
        without_factory = goods.filtered(lambda line: not line.factory_id)
        if without_factory:
            raise UserError(
                self.env._(
                    "Choose the factory of every line first: %(lines)s.",
                    lines="; ".join(
                        f"{line.order_id.name}: {line.product_id.display_name}" for line in without_factory
                    ),
                )
            )
        to_order = goods.filtered(lambda line: not line._followup_active_purchase_lines())
        if not to_order:
            raise UserError(
                self.env._(
                    "Every line of %(orders)s is already ordered from its factory.",
                    orders=", ".join(self.mapped("name")),
                )
            )
        return to_order

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
