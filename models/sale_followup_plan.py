# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class SaleFollowupPlan(models.Model):
    """The follow-up (跟單) of one confirmed order: its milestones, planned back from the delivery
    date. Stored summaries (next milestone, progress) let the board list thousands of orders
    without reading their milestones."""

    _name = "sale.followup.plan"
    _description = "Order Follow-up Plan"
    _order = "next_planned_date, id"
    _rec_name = "order_id"
    _check_company_auto = True

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    # Stored as on order lines: the record rules filter plans without a sub-select on orders.
    user_id = fields.Many2one(related="order_id.user_id", store=True, index=True, string="Salesperson")
    assistant_id = fields.Many2one(
        related="order_id.assistant_id", store=True, index="btree_not_null", string="Prepared by"
    )
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, index=True, string="Customer")
    template_id = fields.Many2one("sale.followup.template", readonly=True, ondelete="set null")
    date_delivery = fields.Date(
        string="Delivery Date",
        readonly=True,
        help="The order's delivery date (its commitment date, else the expected date), in the company's "
        "time zone. Milestones are planned back from it.",
    )
    milestone_ids = fields.One2many("sale.followup.milestone", "plan_id", string="Milestones")
    next_milestone_id = fields.Many2one(
        "sale.followup.milestone",
        compute="_compute_next_milestone",
        store=True,
        string="Next Milestone Record",
    )
    next_milestone_name = fields.Char(compute="_compute_next_milestone", store=True, string="Next Milestone")
    next_planned_date = fields.Date(
        compute="_compute_next_milestone", store=True, index=True, string="Next Due"
    )
    next_owner_id = fields.Many2one("res.users", compute="_compute_next_milestone", store=True)
    milestone_count = fields.Integer(compute="_compute_next_milestone", store=True, aggregator="sum")
    done_count = fields.Integer(compute="_compute_next_milestone", store=True, aggregator="sum")
    progress = fields.Float(
        compute="_compute_next_milestone", store=True, aggregator="avg", string="Progress (%)"
    )
    state = fields.Selection(
        [("open", "In progress"), ("done", "Done")],
        compute="_compute_next_milestone",
        store=True,
        index=True,
        string="Status",
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Its next milestone's planned date has passed.",
    )

    _sql_constraints = [("order_uniq", "unique(order_id)", "An order has one follow-up plan.")]

    @api.depends(
        "milestone_ids.date_done",
        "milestone_ids.planned_date",
        "milestone_ids.name",
        "milestone_ids.owner_id",
    )
    def _compute_next_milestone(self):
        for plan in self:
            todo = plan.milestone_ids.filtered(lambda milestone: not milestone.date_done)
            following = min(
                todo,
                key=lambda m: (m.planned_date or fields.Date.to_date("9999-12-31"), m.sequence, m.id),
                default=todo,
            )
            plan.next_milestone_id = following
            plan.next_milestone_name = following.name
            plan.next_planned_date = following.planned_date
            plan.next_owner_id = following.owner_id
            plan.milestone_count = len(plan.milestone_ids)
            plan.done_count = plan.milestone_count - len(todo)
            plan.progress = plan.milestone_count and 100.0 * plan.done_count / plan.milestone_count
            plan.state = "open" if todo else "done"

    @api.model
    def web_read_group(self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True):
        # The board's columns are the next milestones: shown in the order of the process (the
        # earliest step first), not in the alphabetical order of their names.
        result = super().web_read_group(domain, fields, groupby, limit, offset, orderby, lazy)
        if not orderby and groupby and groupby[0] == "next_milestone_name":
            result["groups"] = self._sale_milestone_groups_in_process_order(result["groups"])
        return result

    @api.model
    def _sale_milestone_groups_in_process_order(self, groups):
        """``groups`` by next milestone, earliest step first: a step planned more days before the
        delivery comes first, whatever its template (its largest lead among the milestones of that
        name, in one query); plans with no next milestone last."""
        names = [group["next_milestone_name"] for group in groups if group["next_milestone_name"]]
        leads = dict(
            self.env["sale.followup.milestone"]._read_group(
                [("name", "in", names)], ["name"], ["lead_days:max"]
            )
        )

        def process_order(group):
            name = group["next_milestone_name"]
            return (not name, -(leads.get(name) or 0), name or "")

        return sorted(groups, key=process_order)

    @api.depends("next_planned_date")
    @api.depends_context("tz")
    def _compute_is_late(self):
        # The company's day, as the daily check counts it.
        for plan in self:
            today = plan.company_id.partner_id._sale_local_today()
            plan.is_late = bool(plan.next_planned_date and plan.next_planned_date < today)

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search late plans with = True or = False."))
        today = self.env.company.partner_id._sale_local_today()
        late = [("state", "=", "open"), ("next_planned_date", "<", today)]
        return late if (operator == "=") == value else ["!", "&", *late]

    @api.model
    def _create_for_orders(self, orders):
        """One plan per confirmed order without one, from its template. Called by the confirmation
        (the user could confirm the orders) and written as the system: nobody creates plans by hand."""
        orders = orders.filtered(lambda order: not order.sudo().followup_plan_ids)
        vals_list = []
        for order in orders:
            template = self.env["sale.followup.template"]._select_for_order(order)
            if template:
                vals_list.append(order._followup_plan_values(template))
        return self.sudo().create(vals_list)

    def _set_delivery_date(self, date_delivery):
        """The delivery date moved: plan the milestones again, and forget warnings that no longer hold."""
        self.sudo().date_delivery = date_delivery
        self.milestone_ids._followup_reset_if_on_time()

    @api.model
    def _milestone_values(self, template_line, order):
        owner = order.user_id
        if template_line.owner_role == "assistant" and order.assistant_id:
            owner = order.assistant_id
        return Command.create(
            {
                "name": template_line.name,
                "sequence": template_line.sequence,
                "lead_days": template_line.lead_days,
                "owner_id": owner.id,
            }
        )

    @api.model
    def _planned_date(self, date_delivery, lead_days):
        return date_delivery and date_delivery - timedelta(days=lead_days)
