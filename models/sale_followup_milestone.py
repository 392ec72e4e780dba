# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

LATE_ACTIVITY = "sale_assistant.mail_activity_type_followup_late"
# Late milestones handled per cron run; the cron reschedules itself for the rest.
LATE_BATCH_SIZE = 500


class SaleFollowupMilestone(models.Model):
    """One step of an order's follow-up: planned back from the delivery date, done on a date with
    its evidence (a signed PI, a photo, a report) attached."""

    _name = "sale.followup.milestone"
    _description = "Follow-up Milestone"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "plan_id, planned_date, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one("sale.followup.plan", required=True, ondelete="cascade", index=True)
    order_id = fields.Many2one(related="plan_id.order_id", store=True, index=True, string="Order")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    user_id = fields.Many2one(related="plan_id.user_id", store=True, index=True, string="Salesperson")
    assistant_id = fields.Many2one(
        related="plan_id.assistant_id", store=True, index="btree_not_null", string="Prepared by"
    )
    partner_id = fields.Many2one(related="plan_id.partner_id", string="Customer")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Milestone", required=True, tracking=True)
    lead_days = fields.Integer(
        string="Days Before Delivery", help="Negative: that many days after the delivery date."
    )
    planned_date = fields.Date(compute="_compute_planned_date", store=True, index=True)
    date_done = fields.Date(string="Done On", tracking=True, copy=False)
    owner_id = fields.Many2one("res.users", domain=[("share", "=", False)], tracking=True, index=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "sale_followup_milestone_attachment_rel",
        "milestone_id",
        "attachment_id",
        string="Evidence",
        help="What shows the milestone is done: the signed PI, a bank slip, photos, a report.",
    )
    note = fields.Text()
    state = fields.Selection(
        [("todo", "To do"), ("done", "Done")],
        compute="_compute_state",
        store=True,
        index=True,
        string="Status",
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Its planned date has passed and it is not done.",
    )
    # Set by the daily check once the owner and the salesperson were told; only the system writes it.
    late_notified = fields.Boolean(copy=False, readonly=True, groups="base.group_system")

    @api.depends("plan_id.date_delivery", "lead_days")
    def _compute_planned_date(self):
        for milestone in self:
            milestone.planned_date = self.env["sale.followup.plan"]._planned_date(
                milestone.plan_id.date_delivery, milestone.lead_days
            )

    @api.depends("date_done")
    def _compute_state(self):
        for milestone in self:
            milestone.state = "done" if milestone.date_done else "todo"

    @api.depends("planned_date", "date_done")
    @api.depends_context("tz")
    def _compute_is_late(self):
        # The company's day, as the daily check counts it.
        for milestone in self:
            today = milestone.company_id.partner_id._sale_local_today()
            milestone.is_late = bool(
                not milestone.date_done and milestone.planned_date and milestone.planned_date < today
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search late milestones with = True or = False."))
        today = self.env.company.partner_id._sale_local_today()
        late = [("date_done", "=", False), ("planned_date", "<", today)]
        return late if (operator == "=") == value else ["!", "&", *late]

    @api.constrains("date_done")
    def _check_date_done(self):
        for milestone in self.filtered("date_done"):
            today = milestone.company_id.partner_id._sale_local_today()
            if milestone.date_done > today:
                raise ValidationError(
                    self.env._(
                        "%(milestone)s of %(order)s cannot be done on %(date)s: that is in the future.",
                        milestone=milestone.name,
                        order=milestone.order_id.name,
                        date=milestone.date_done,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        milestones = super().create(vals_list)
        milestones.filtered("date_done")._followup_close_late(self.env._("Milestone done."))
        return milestones

    def write(self, vals):
        if "plan_id" in vals and any(milestone.plan_id.id != vals["plan_id"] for milestone in self):
            raise UserError(self.env._("A milestone cannot move to another order's follow-up."))
        result = super().write(vals)
        if vals.get("date_done"):
            self._followup_close_late(self.env._("Milestone done."))
        if "lead_days" in vals:
            self._followup_reset_if_on_time()
        return result

    def action_mark_done(self):
        """Done today (the company's day), unless a date was filled in already."""
        for milestone in self.filtered(lambda m: not m.date_done):
            milestone.date_done = milestone.company_id.partner_id._sale_local_today()
        return True

    # Late milestones -------------------------------------------------------------------------

    def _followup_close_late(self, feedback):
        self.activity_feedback([LATE_ACTIVITY], feedback=feedback)

    def _followup_reset_if_on_time(self):
        """A milestone planned later (the delivery date moved) is no longer late: its warning goes,
        and the daily check may warn again if it becomes late later."""
        warned = self.sudo().filtered(lambda milestone: milestone.late_notified and not milestone.is_late)
        if warned:
            warned.activity_unlink([LATE_ACTIVITY])
            warned.late_notified = False

    @api.model
    def _cron_notify_late(self):
        """Once per late milestone: an activity for its owner and a note to the salesperson on the
        order. Idempotent (``late_notified``), in batches, by the company's day."""
        late = self.browse()
        for company in self.env["res.company"].search([]):
            late |= self.search(
                [
                    ("company_id", "=", company.id),
                    ("date_done", "=", False),
                    ("late_notified", "=", False),
                    ("planned_date", "<", company.partner_id._sale_local_today()),
                ],
                limit=LATE_BATCH_SIZE - len(late),
            )
            if len(late) >= LATE_BATCH_SIZE:
                break
        late._followup_notify_late()
        remaining = self.search_count(
            [("date_done", "=", False), ("late_notified", "=", False), ("is_late", "=", True)]
        )
        self.env["ir.cron"]._notify_progress(done=len(late), remaining=remaining)

    def _followup_notify_late(self):
        if not self:
            return
        activity_type = self.env.ref(LATE_ACTIVITY)
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": milestone.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (milestone.owner_id or milestone.user_id or self.env.user).id,
                    "automated": True,
                    "date_deadline": fields.Date.context_today(self),
                    "summary": self.env._(
                        "%(milestone)s of %(order)s was planned on %(date)s",
                        milestone=milestone.name,
                        order=milestone.order_id.name,
                        date=milestone.planned_date,
                    ),
                }
                for milestone in self
            ]
        )
        by_order = defaultdict(lambda: self.browse())
        for milestone in self:
            by_order[milestone.order_id] |= milestone
        for order, milestones in by_order.items():
            order._followup_tell_salesperson_late(milestones)
        self.late_notified = True

    def _followup_late_lines(self):
        return Markup("").join(
            Markup("<li>%s</li>")
            % self.env._(
                "%(milestone)s, planned on %(date)s (%(owner)s)",
                milestone=milestone.name,
                date=milestone.planned_date,
                owner=milestone.owner_id.name or "-",
            )
            for milestone in self
        )
