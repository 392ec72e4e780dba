# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class SaleWorkDiary(models.TransientModel):
    """My Day (工作日誌): what an assistant did on a day, read from what they already recorded,
    with a one-click digest to the salespeople they serve or their manager. No extra typing."""

    _name = "sale.work.diary"
    _description = "Work Diary"

    user_id = fields.Many2one("res.users", required=True, readonly=True, default=lambda self: self.env.user)
    date = fields.Date(string="Day", required=True, default=fields.Date.context_today)
    contact_ids = fields.Many2many(
        "sale.customer.contact", string="Contacts Logged", compute="_compute_diary"
    )
    order_ids = fields.Many2many("sale.order", string="Orders Prepared", compute="_compute_diary")
    sample_ids = fields.Many2many("sale.sample", string="Samples Shipped", compute="_compute_diary")
    complaint_ids = fields.Many2many("sale.complaint", string="Complaints Recorded", compute="_compute_diary")
    activity_message_ids = fields.Many2many(
        "mail.message", string="Activities Done", compute="_compute_diary"
    )
    recipient_ids = fields.Many2many(
        "res.users",
        string="Send To",
        default=lambda self: self._default_recipients(),
        help="The salespeople you serve (or your manager): they get the digest of your day.",
    )

    @api.depends("user_id", "date")
    def _compute_display_name(self):
        # Shown in the breadcrumb of the page, which would otherwise read "New".
        for diary in self:
            diary.display_name = self.env._(
                "My Day: %(date)s", date=format_date(self.env, diary.date) if diary.date else ""
            )

    @api.model
    def _default_recipients(self):
        user = self.env.user
        leaders = self.env["crm.team"].sudo().search([("member_ids", "in", user.ids)]).user_id
        return user.sale_served_salesperson_ids or leaders

    def _day_bounds(self):
        """The day in the user's timezone, as UTC datetimes [start, end)."""
        self.ensure_one()
        tz = pytz.timezone(self.user_id.tz or "UTC")
        start = tz.localize(datetime.combine(self.date, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        return start, start + timedelta(days=1)

    @api.depends("user_id", "date")
    def _compute_diary(self):
        for diary in self:
            start, end = diary._day_bounds()
            user = diary.user_id
            diary.contact_ids = self.env["sale.customer.contact"].search(
                [("logged_by_id", "=", user.id), ("date", ">=", start), ("date", "<", end)]
            )
            diary.order_ids = self.env["sale.order"].search(
                [
                    "|",
                    ("assistant_id", "=", user.id),
                    "&",
                    ("user_id", "=", user.id),
                    ("create_uid", "=", user.id),
                    ("date_order", ">=", start),
                    ("date_order", "<", end),
                ]
            )
            diary.sample_ids = self.env["sale.sample"].search(
                [
                    "|",
                    ("assistant_id", "=", user.id),
                    ("create_uid", "=", user.id),
                    ("date_shipped", "=", diary.date),
                    ("state", "in", ("shipped", "delivered", "feedback")),
                ]
            )
            diary.complaint_ids = self.env["sale.complaint"].search(
                [
                    ("recorded_by_id", "=", user.id),
                    ("date_received", ">=", start),
                    ("date_received", "<", end),
                ]
            )
            diary.activity_message_ids = self.env["mail.message"].search(
                [
                    ("author_id", "=", user.partner_id.id),
                    ("mail_activity_type_id", "!=", False),
                    ("date", ">=", start),
                    ("date", "<", end),
                ]
            )

    def action_send_digest(self):
        """E-mail the day's digest to the recipients."""
        self.ensure_one()
        if not self.recipient_ids:
            raise UserError(self.env._("Choose whom to send the digest of your day to."))
        template = self.env.ref("sale_assistant.mail_template_work_diary_digest")
        template.send_mail(
            self.id,
            email_values={"recipient_ids": [Command.set(self.recipient_ids.partner_id.ids)]},
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._(
                    "The digest of %(day)s was sent to %(names)s.",
                    day=self.date,
                    names=", ".join(self.recipient_ids.mapped("name")),
                ),
                "type": "success",
            },
        }
