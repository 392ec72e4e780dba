# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

# How many due customers the daily call-back cron handles per batch before it commits.
CALLBACK_BATCH_SIZE = 1000


class ResPartner(models.Model):
    """Customer care on the customer: its tier, its contact log, and when to call it back."""

    _inherit = "res.partner"

    sale_tier_id = fields.Many2one(
        "sale.customer.tier",
        string="Customer Tier",
        index="btree_not_null",
        tracking=True,
        help="Key customers (重點客戶) are called back at their tier's interval.",
    )
    sale_contact_ids = fields.One2many("sale.customer.contact", "commercial_partner_id", string="Contact Log")
    sale_last_contact_date = fields.Datetime(
        string="Last Contact",
        compute="_compute_sale_last_contact_date",
        store=True,
        help="When someone last logged a contact with this customer.",
    )
    sale_callback_date = fields.Date(
        string="Next Call-back",
        compute="_compute_sale_callback_date",
        store=True,
        index="btree_not_null",
        help="When this key customer is due for a call-back: its tier's interval after the last "
        "contact, in the customer's timezone (at once when never contacted).",
    )
    sale_callback_overdue = fields.Boolean(
        string="Call-back Overdue",
        compute="_compute_sale_callback_overdue",
        search="_search_sale_callback_overdue",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["sale_tier_id"]

    @api.depends("sale_contact_ids.date")
    def _compute_sale_last_contact_date(self):
        partners = self.filtered("id")
        last = dict(
            self.env["sale.customer.contact"]
            .sudo()
            ._read_group(
                [("commercial_partner_id", "in", partners.ids)], ["commercial_partner_id"], ["date:max"]
            )
        )
        for partner in self:
            partner.sale_last_contact_date = last.get(partner._origin)

    @api.depends("sale_last_contact_date", "sale_tier_id.callback_interval_days", "tz")
    def _compute_sale_callback_date(self):
        for partner in self:
            if not partner.sale_tier_id or partner.parent_id:
                partner.sale_callback_date = False
                continue
            if not partner.sale_last_contact_date:
                partner.sale_callback_date = partner._sale_local_today()
                continue
            last_local = partner._sale_local_date(partner.sale_last_contact_date)
            partner.sale_callback_date = last_local + timedelta(
                days=partner.sale_tier_id.callback_interval_days
            )

    def _sale_timezone(self):
        self.ensure_one()
        return pytz.timezone(self.tz or self.env.company.partner_id.tz or "UTC")

    def _sale_local_date(self, moment):
        return pytz.utc.localize(moment).astimezone(self._sale_timezone()).date()

    def _sale_local_today(self):
        return self._sale_local_date(fields.Datetime.now())

    @api.depends("sale_callback_date")
    @api.depends_context("tz")
    def _compute_sale_callback_overdue(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.sale_callback_overdue = bool(
                partner.sale_callback_date and partner.sale_callback_date < today
            )

    def _search_sale_callback_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue call-backs with = True or = False."))
        overdue = [("sale_callback_date", "<", fields.Date.context_today(self))]
        return overdue if (operator == "=") == value else ["!", *overdue]

    def _sale_callback_responsible(self):
        """An assistant assigned to the customer, else its owner."""
        self.ensure_one()
        return self.assistant_ids.sorted("id")[:1] or self.user_id

    @api.model
    def _cron_schedule_callbacks(self, batch_size=CALLBACK_BATCH_SIZE):
        """Give the responsible one Call-back activity per key customer due today (in the
        customer's timezone), never two; in batches, so the cron commits as it goes."""
        activity_type = self.env.ref("sale_assistant.mail_activity_type_customer_callback")
        # Customers far east are already on tomorrow: look one day ahead, then check locally.
        horizon = fields.Date.today() + timedelta(days=1)
        due = self.search(
            [("sale_callback_date", "<=", horizon), ("sale_tier_id", "!=", False)],
            order="sale_callback_date, id",
        )
        followed = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", due.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        to_call = due.filtered(
            lambda p: p.id not in followed and p.sale_callback_date <= p._sale_local_today()
        )
        batch = to_call[:batch_size]
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "user_id": partner._sale_callback_responsible().id or self.env.uid,
                    "automated": True,
                    "date_deadline": partner.sale_callback_date,
                    "summary": self.env._(
                        "Call-back: %(tier)s customer, last contact %(last)s",
                        tier=partner.sale_tier_id.name,
                        last=partner.sale_last_contact_date
                        and partner._sale_local_date(partner.sale_last_contact_date)
                        or self.env._("never"),
                    ),
                    "note": partner.sale_tier_id.talking_points,
                }
                for partner in batch
            ]
        )
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(to_call) - len(batch))
        return True

    def action_log_sale_contact(self):
        """Log a contact with this customer."""
        self.ensure_one()
        return self.env["sale.customer.contact"]._action_log_for(partner=self.commercial_partner_id)

    def action_view_sale_contacts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_assistant.sale_customer_contact_action")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
