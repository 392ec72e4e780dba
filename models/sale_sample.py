# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SAMPLE_STATES = [
    ("draft", "Draft"),
    ("requested", "Requested"),
    ("in_production", "In Production"),
    ("ready", "Ready"),
    ("shipped", "Shipped"),
    ("delivered", "Delivered"),
    ("feedback", "Feedback"),
    ("cancel", "Cancelled"),
]
NOT_SHIPPED_STATES = ("draft", "requested", "in_production", "ready")
OPEN_STATES = (*NOT_SHIPPED_STATES, "shipped")
# How many overdue samples the daily cron handles per batch before it commits.
OVERDUE_BATCH_SIZE = 500


class SaleSample(models.Model):
    _name = "sale.sample"
    _description = "Sample or Material Shipment"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "sale.customer.document.mixin",
        "sale.assistant.document.mixin",
        "sale.customer.contact.link.mixin",
    ]
    _sale_contact_link_field = "sample_id"
    _sequence_code = "sale.sample"
    _order = "date_required, id desc"
    _check_company_auto = True

    kind = fields.Selection(
        [
            ("product", "Product sample"),
            ("brochure", "Brochure or documents"),
            ("other", "Other material"),
        ],
        required=True,
        default="product",
        tracking=True,
        help="Product samples are made (or picked) and checked before shipping; brochures, documents "
        "and other material are shipped straight away.",
    )
    state = fields.Selection(
        SAMPLE_STATES,
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
        help="Changes only through the buttons: product samples are requested, made, checked, "
        "shipped; brochures and other material are shipped straight from draft.",
    )
    ship_to_id = fields.Many2one(
        "res.partner",
        compute="_compute_ship_to_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        help="Where the parcel goes: the customer, one of its addresses, or e.g. the hotel of a "
        "salesperson on a business trip.",
    )
    assistant_id = fields.Many2one(string="Handled by", help="The sales assistant who handles this sample.")
    factory_id = fields.Many2one(
        "res.partner",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        domain=[("is_factory", "=", True)],
        help="The factory that makes the sample.",
    )
    line_ids = fields.One2many("sale.sample.line", "sample_id", string="Lines", copy=True)
    date_request = fields.Date(string="Requested on", required=True, default=fields.Date.context_today)
    date_required = fields.Date(string="Required by", tracking=True, index=True)
    date_promised = fields.Date(string="Promised Date", tracking=True, help="The date the factory promised.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost = fields.Monetary(help="What making and shipping the sample cost.")
    sale_order_ids = fields.Many2many(
        "sale.order",
        "sale_sample_sale_order_rel",
        "sample_id",
        "order_id",
        string="Sale Orders",
        check_company=True,
        help="The orders this sample belongs to or that resulted from it.",
    )
    check_result = fields.Selection(
        [("pass", "Pass"), ("fail", "Fail")],
        string="Check",
        tracking=True,
        copy=False,
        help="The ready sample checked against the customer's requirements.",
    )
    check_notes = fields.Text(copy=False)
    courier_id = fields.Many2one("sale.sample.courier", tracking=True, copy=False)
    tracking_number = fields.Char(tracking=True, copy=False)
    tracking_link = fields.Char(compute="_compute_tracking_link")
    date_shipped = fields.Date(string="Shipped on", tracking=True, copy=False)
    date_expected_arrival = fields.Date(string="Expected Arrival", tracking=True, copy=False)
    date_delivered = fields.Date(string="Delivered on", tracking=True, copy=False)
    feedback = fields.Selection(
        [("approved", "Approved"), ("changes", "Changes requested"), ("rejected", "Rejected")],
        string="Customer Feedback",
        tracking=True,
        copy=False,
    )
    feedback_notes = fields.Text(copy=False)
    content_summary = fields.Char(
        string="What",
        compute="_compute_content_summary",
        help='What is shipped, e.g. "2027 outdoor catalogue × 3".',
    )
    ship_to_address = fields.Char(compute="_compute_ship_to_address")
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Past its required-by date and not shipped yet.",
    )

    def _default_salesperson(self):
        # An assistant picks the salesperson they work for; everyone else starts with themselves.
        return self.env["res.users"] if self.env.user._is_restricted_sale_assistant() else self.env.user

    @api.depends("partner_id")
    def _compute_ship_to_id(self):
        for sample in self:
            sample.ship_to_id = sample.partner_id

    @api.depends("line_ids.name", "line_ids.quantity", "kind")
    def _compute_content_summary(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for sample in self:
            sample.content_summary = (
                "; ".join(f"{line.name} × {line.quantity:g}" for line in sample.line_ids)
                or kinds[sample.kind]
            )

    @api.depends("ship_to_id")
    def _compute_ship_to_address(self):
        for sample in self:
            address = sample.ship_to_id._display_address(without_company=True) if sample.ship_to_id else ""
            sample.ship_to_address = ", ".join(part.strip() for part in address.splitlines() if part.strip())

    @api.depends("courier_id", "tracking_number")
    def _compute_tracking_link(self):
        for sample in self:
            sample.tracking_link = (
                sample.courier_id._tracking_link(sample.tracking_number) if sample.courier_id else False
            )

    @api.depends("date_required", "state")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for sample in self:
            sample.is_overdue = bool(
                sample.date_required and sample.date_required < today and sample.state in NOT_SHIPPED_STATES
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue samples with = True or = False."))
        overdue = [
            ("date_required", "<", fields.Date.context_today(self)),
            ("state", "in", NOT_SHIPPED_STATES),
        ]
        return overdue if (operator == "=") == value else ["!", "&", *overdue]

    # Guards ------------------------------------------------------------------------------------

    @api.constrains("user_id", "partner_id", "assistant_id", "factory_id")
    def _check_sale_assistant_choices(self):
        self._check_sale_document_choices()

    def _sale_assistant_counterparts(self):
        self.ensure_one()
        return [(self.partner_id, "customer"), (self.factory_id, "factory")]

    @api.constrains("factory_id")
    def _check_factory_is_factory(self):
        for sample in self.filtered("factory_id"):
            if not sample.factory_id.is_factory:
                raise ValidationError(
                    self.env._("%(partner)s is not a factory.", partner=sample.factory_id.display_name)
                )

    @api.constrains("date_request", "date_promised", "date_shipped", "date_expected_arrival")
    def _check_dates(self):
        for sample in self:
            for field_name in ("date_promised", "date_shipped", "date_expected_arrival"):
                date = sample[field_name]
                if date and date < sample.date_request:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(sample)s (%(date)s) is before the date it was requested "
                            "(%(request)s).",
                            field=self._fields[field_name].get_description(self.env)["string"],
                            sample=sample.name,
                            date=date,
                            request=sample.date_request,
                        )
                    )
            if (
                sample.date_shipped
                and sample.date_expected_arrival
                and sample.date_expected_arrival < sample.date_shipped
            ):
                raise ValidationError(
                    self.env._("%(sample)s cannot arrive before it is shipped.", sample=sample.name)
                )

    @api.constrains(
        "state", "kind", "check_result", "courier_id", "tracking_number", "date_shipped", "feedback"
    )
    def _check_state_requirements(self):
        for sample in self:
            made = sample.kind == "product" and sample.state in ("ready", "shipped", "delivered", "feedback")
            if made and sample.check_result != "pass":
                raise ValidationError(
                    self.env._("%(sample)s has not passed its check: it cannot be ready.", sample=sample.name)
                )
            if sample.state in ("shipped", "delivered", "feedback") and not (
                sample.courier_id and sample.tracking_number and sample.date_shipped
            ):
                raise ValidationError(
                    self.env._(
                        "%(sample)s needs its courier, tracking number and ship date once shipped.",
                        sample=sample.name,
                    )
                )
            if sample.state == "feedback" and not sample.feedback:
                raise ValidationError(
                    self.env._("%(sample)s needs the customer's feedback.", sample=sample.name)
                )

    def _check_made_sample(self, action):
        brochures = self.filtered(lambda s: s.kind != "product")
        if brochures:
            raise UserError(
                self.env._(
                    "%(sample)s is not a product sample: it is shipped straight away, so you cannot "
                    "%(action)s it.",
                    sample=brochures[0].name,
                    action=action,
                )
            )

    # Life cycle --------------------------------------------------------------------------------

    def action_request(self):
        self._check_state(("draft",), self.env._("request"))
        self._check_made_sample(self.env._("request"))
        for sample in self:
            if not sample.factory_id:
                raise UserError(
                    self.env._("Choose the factory that makes %(sample)s first.", sample=sample.name)
                )
            if not sample.line_ids:
                raise UserError(self.env._("Say what to make: %(sample)s has no lines.", sample=sample.name))
        return self._lifecycle_write({"state": "requested"})

    def action_start_production(self):
        self._check_state(("requested",), self.env._("start producing"))
        return self._lifecycle_write({"state": "in_production"})

    def action_mark_ready(self):
        self._check_state(("in_production",), self.env._("mark ready"))
        failed = self.filtered(lambda s: s.check_result != "pass")
        if failed:
            raise UserError(
                self.env._(
                    "Check %(sample)s against the customer's requirements first: it is ready only when "
                    "the check passes.",
                    sample=failed[0].name,
                )
            )
        return self._lifecycle_write({"state": "ready"})

    def action_open_ship_dialog(self):
        """Ask for the courier, tracking number and dates in a small dialog, then ship."""
        self.ensure_one()
        self._check_shippable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ship %(sample)s", sample=self.name),
            "res_model": "sale.sample.ship",
            "view_mode": "form",
            "target": "new",
            "context": {"default_sample_id": self.id},
        }

    def _check_shippable(self):
        for sample in self:
            allowed = ("ready",) if sample.kind == "product" else ("draft",)
            sample._check_state(allowed, self.env._("ship"))

    def action_ship(self):
        self._check_shippable()
        for sample in self:
            missing = [
                self._fields[name].get_description(self.env)["string"]
                for name in ("courier_id", "tracking_number", "date_shipped", "date_expected_arrival")
                if not sample[name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "To ship %(sample)s, fill in: %(fields)s.",
                        sample=sample.name,
                        fields=", ".join(missing),
                    )
                )
        self._lifecycle_write({"state": "shipped"})
        self._close_overdue_activities(self.env._("Shipped."))
        self._notify_salesperson_shipped()
        return True

    def action_mark_delivered(self):
        self._check_state(("shipped",), self.env._("mark delivered"))
        for sample in self:
            sample.date_delivered = sample.date_delivered or fields.Date.context_today(self)
        return self._lifecycle_write({"state": "delivered"})

    def action_record_feedback(self):
        self._check_state(("delivered",), self.env._("record feedback on"))
        without = self.filtered(lambda s: not s.feedback)
        if without:
            raise UserError(
                self.env._("Choose the customer's feedback on %(sample)s first.", sample=without[0].name)
            )
        return self._lifecycle_write({"state": "feedback"})

    def action_cancel(self):
        self._check_state(OPEN_STATES, self.env._("cancel"))
        self._lifecycle_write({"state": "cancel"})
        self._close_overdue_activities(self.env._("Cancelled."))
        return True

    def action_reset_to_draft(self):
        self._check_state(("cancel",), self.env._("reset to draft"))
        return self._lifecycle_write({"state": "draft"})

    def _close_overdue_activities(self, feedback):
        """The overdue follow-up is done once the sample left or was called off."""
        self.activity_feedback(["sale_assistant.mail_activity_type_sample_overdue"], feedback=feedback)

    def _notify_salesperson_shipped(self):
        """Tell the salesperson at once, in the chatter and by e-mail, what left, to whom, with
        which courier and tracking number, and when it should arrive."""
        template = self.env.ref("sale_assistant.mail_template_sample_shipped")
        for sample in self:
            sample.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=sample.user_id.partner_id.ids,
            )

    # Follow-up ---------------------------------------------------------------------------------

    @api.model
    def _cron_schedule_overdue_activities(self):
        """Give the handling assistant (or the salesperson) one activity per overdue sample."""
        activity_type = self.env.ref("sale_assistant.mail_activity_type_sample_overdue")
        overdue = self.search([("is_overdue", "=", True)])
        followed = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", overdue.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        to_follow = overdue.filtered(lambda s: s.id not in followed)
        batch = to_follow[:OVERDUE_BATCH_SIZE]
        today = fields.Date.context_today(self)
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": sample.id,
                    "activity_type_id": activity_type.id,
                    "user_id": (sample.assistant_id or sample.user_id).id,
                    "automated": True,
                    "date_deadline": today,
                    "summary": self.env._(
                        "Overdue: required by %(date)s, not shipped", date=sample.date_required
                    ),
                }
                for sample in batch
            ]
        )
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(to_follow) - len(batch))
        self._close_stale_overdue_activities(activity_type)

    @api.model
    def _close_stale_overdue_activities(self, activity_type):
        """A sample given a later required-by date is no longer overdue: its activity goes."""
        activities = self.env["mail.activity"].search(
            [("res_model", "=", self._name), ("activity_type_id", "=", activity_type.id)]
        )
        on_time = self.browse(activities.mapped("res_id")).filtered(lambda s: not s.is_overdue)
        on_time._close_overdue_activities(self.env._("No longer overdue."))
