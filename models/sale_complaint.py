# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .res_config_settings import COMPLAINT_DEADLINE_DEFAULTS, complaint_deadline_param
from .res_users import GROUP_SALES_ADMIN

COMPLAINT_STATES = [
    ("new", "New"),
    ("assigned", "Assigned"),
    ("in_progress", "In Progress"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
]
OPEN_STATES = ("new", "assigned", "in_progress")
# A complaint in these states still waits for the salesperson's call-back.
CALLBACK_STATES = ("new", "assigned")
SEVERITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")]


class SaleComplaint(models.Model):
    _name = "sale.complaint"
    _description = "Customer Complaint"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "sale.customer.document.mixin",
        "sale.customer.contact.link.mixin",
    ]
    _sale_contact_link_field = "complaint_id"
    _sequence_code = "sale.complaint"
    # The answer and resolution times are facts the actions record, not values to type.
    _lifecycle_fields = ("state", "date_first_response", "date_resolved")
    _order = "date_received desc, id desc"
    _check_company_auto = True

    state = fields.Selection(
        COMPLAINT_STATES, required=True, default="new", tracking=True, index=True, copy=False
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        domain="[('id', 'child_of', commercial_partner_id)]",
        help="Who called or wrote, to call back.",
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("visit", "Visit"),
            ("letter", "Letter"),
            ("other", "Other"),
        ],
        required=True,
        default="phone",
    )
    date_received = fields.Datetime(
        string="Received at", required=True, default=fields.Datetime.now, index=True
    )
    category_id = fields.Many2one("sale.complaint.category", required=True, tracking=True, index=True)
    severity = fields.Selection(SEVERITIES, required=True, default="medium", tracking=True, index=True)
    sale_order_id = fields.Many2one(
        "sale.order",
        check_company=True,
        index="btree_not_null",
        domain="[('partner_id', 'child_of', commercial_partner_id)]",
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Delivery",
        check_company=True,
        domain="[('sale_id', '=', sale_order_id)] if sale_order_id "
        "else [('partner_id', 'child_of', commercial_partner_id)]",
    )
    product_ids = fields.Many2many("product.product", string="Products")
    description = fields.Text(required=True, help="What the customer says went wrong, in their words.")
    user_id = fields.Many2one(
        help="The salesperson responsible for the answer; by default the customer's owner."
    )
    recorded_by_id = fields.Many2one(
        "res.users", string="Recorded by", default=lambda self: self.env.user, readonly=True, index=True
    )
    root_cause = fields.Text(tracking=True)
    corrective_action = fields.Text(tracking=True)
    resolution = fields.Text(tracking=True, help="What was done for the customer.")
    customer_accepted = fields.Selection(
        [("yes", "Accepted"), ("no", "Not accepted")],
        tracking=True,
        help="Whether the customer accepted the resolution.",
    )
    reject_reason = fields.Text(string="Rejection Reason", tracking=True)
    deadline_response = fields.Datetime(
        string="Answer by", compute="_compute_deadlines", store=True, help="First-response deadline."
    )
    deadline_resolution = fields.Datetime(string="Resolve by", compute="_compute_deadlines", store=True)
    date_first_response = fields.Datetime(string="First Answered at", copy=False, tracking=True)
    date_resolved = fields.Datetime(string="Resolved at", copy=False, tracking=True)
    response_hours = fields.Float(
        string="Hours to First Response", compute="_compute_durations", store=True, aggregator="avg"
    )
    resolution_hours = fields.Float(
        string="Hours to Resolution", compute="_compute_durations", store=True, aggregator="avg"
    )
    response_late = fields.Boolean(compute="_compute_durations", store=True, string="Answered Late")
    resolution_late = fields.Boolean(compute="_compute_durations", store=True, string="Resolved Late")
    deadline_missed = fields.Boolean(
        compute="_compute_deadline_missed",
        search="_search_deadline_missed",
        help="A deadline was missed: answered or resolved late, or still open past a deadline.",
    )

    @api.depends("date_received", "severity")
    def _compute_deadlines(self):
        params = self.env["ir.config_parameter"].sudo()
        for complaint in self:
            if not (complaint.date_received and complaint.severity):
                complaint.deadline_response = complaint.deadline_resolution = False
                continue
            default_response, default_resolution = COMPLAINT_DEADLINE_DEFAULTS[complaint.severity]
            response = int(
                params.get_param(complaint_deadline_param(complaint.severity, "response"), default_response)
            )
            resolution = int(
                params.get_param(
                    complaint_deadline_param(complaint.severity, "resolution"), default_resolution
                )
            )
            complaint.deadline_response = complaint.date_received + timedelta(hours=response)
            complaint.deadline_resolution = complaint.date_received + timedelta(hours=resolution)

    @api.depends(
        "date_received", "date_first_response", "date_resolved", "deadline_response", "deadline_resolution"
    )
    def _compute_durations(self):
        for complaint in self:
            received = complaint.date_received
            answered = received and complaint.date_first_response
            resolved = received and complaint.date_resolved
            complaint.response_hours = (answered - received).total_seconds() / 3600 if answered else 0.0
            complaint.resolution_hours = (resolved - received).total_seconds() / 3600 if resolved else 0.0
            complaint.response_late = bool(answered and answered > complaint.deadline_response)
            complaint.resolution_late = bool(resolved and resolved > complaint.deadline_resolution)

    @api.depends("state", "response_late", "resolution_late", "deadline_response", "deadline_resolution")
    def _compute_deadline_missed(self):
        now = fields.Datetime.now()
        for complaint in self:
            if not complaint.deadline_resolution:
                complaint.deadline_missed = False
                continue
            open_and_late = complaint.state in OPEN_STATES and (
                complaint.deadline_resolution < now
                or (not complaint.date_first_response and complaint.deadline_response < now)
            )
            complaint.deadline_missed = complaint.response_late or complaint.resolution_late or open_and_late

    def _search_deadline_missed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search complaints past a deadline with = True or = False."))
        now = fields.Datetime.now()
        missed = [
            "|",
            "|",
            ("response_late", "=", True),
            ("resolution_late", "=", True),
            "&",
            ("state", "in", OPEN_STATES),
            "|",
            ("deadline_resolution", "<", now),
            "&",
            ("date_first_response", "=", False),
            ("deadline_response", "<", now),
        ]
        return missed if (operator == "=") == value else ["!", *missed]

    @api.model_create_multi
    def create(self, vals_list):
        # Who took the call is a fact, not a choice (a sales administrator may import history).
        record_as_user = not self.env.su and not self.env.user.has_group(GROUP_SALES_ADMIN)
        for vals in vals_list:
            if record_as_user:
                vals["recorded_by_id"] = self.env.uid
        complaints = super().create(vals_list)
        complaints.filtered(lambda c: c.state in CALLBACK_STATES)._alert_salesperson()
        complaints._link_to_originating_contact()
        return complaints

    def _link_to_originating_contact(self):
        """A complaint opened from a logged contact is linked to it (see Log a Contact)."""
        contact_id = self.env.context.get("sale_customer_contact_id")
        if contact_id and len(self) == 1:
            self.env["sale.customer.contact"].browse(contact_id).complaint_id = self

    def write(self, vals):
        if "recorded_by_id" in vals and not self.env.su:
            raise UserError(self.env._("Who recorded a complaint never changes after it is recorded."))
        result = super().write(vals)
        if "user_id" in vals:
            self._move_callback_to_salesperson()
        return result

    def _move_callback_to_salesperson(self):
        """A complaint handed to another salesperson hands them the call-back too."""
        for complaint in self.filtered("user_id"):
            complaint.activity_reschedule(
                ["sale_assistant.mail_activity_type_complaint_callback"], new_user_id=complaint.user_id.id
            )

    def _close_callback(self, feedback):
        """The call-back is done once the customer was answered or the complaint ended."""
        self.activity_feedback(["sale_assistant.mail_activity_type_complaint_callback"], feedback=feedback)

    def _alert_salesperson(self):
        """The moment a complaint is recorded, its salesperson gets an activity to call the
        customer back and an e-mail with everything needed to do so."""
        template = self.env.ref("sale_assistant.mail_template_complaint_recorded")
        for complaint in self:
            complaint.activity_schedule(
                "sale_assistant.mail_activity_type_complaint_callback",
                date_deadline=fields.Date.context_today(complaint, complaint.deadline_response),
                user_id=complaint.user_id.id,
                summary=self.env._("Call %(customer)s back", customer=complaint.partner_id.display_name),
            )
            complaint.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=complaint.user_id.partner_id.ids,
            )

    # Guards ------------------------------------------------------------------------------------

    @api.constrains("state", "root_cause", "corrective_action", "date_resolved", "reject_reason")
    def _check_state_requirements(self):
        for complaint in self:
            if complaint.state in ("resolved", "closed") and not (
                complaint.root_cause and complaint.corrective_action
            ):
                raise ValidationError(
                    self.env._(
                        "%(complaint)s: record the root cause and the corrective action before resolving it.",
                        complaint=complaint.name,
                    )
                )
            if complaint.state == "closed" and not complaint.date_resolved:
                raise ValidationError(
                    self.env._("%(complaint)s: resolve it before closing it.", complaint=complaint.name)
                )
            if complaint.state == "rejected" and not complaint.reject_reason:
                raise ValidationError(
                    self.env._("%(complaint)s: say why it is rejected.", complaint=complaint.name)
                )

    @api.constrains("date_received", "date_first_response", "date_resolved")
    def _check_dates(self):
        for complaint in self:
            for field_name in ("date_first_response", "date_resolved"):
                if complaint[field_name] and complaint[field_name] < complaint.date_received:
                    raise ValidationError(
                        self.env._(
                            "%(complaint)s cannot be answered or resolved before it was received.",
                            complaint=complaint.name,
                        )
                    )

    # Life cycle --------------------------------------------------------------------------------

    def action_assign(self):
        self._check_state(("new",), self.env._("assign"))
        return self._lifecycle_write({"state": "assigned"})

    def action_start(self):
        """The salesperson is on it: the customer has been answered."""
        self._check_state(("new", "assigned"), self.env._("start"))
        now = fields.Datetime.now()
        for complaint in self:
            complaint._lifecycle_write(
                {"state": "in_progress", "date_first_response": complaint.date_first_response or now}
            )
        self._close_callback(self.env._("Customer answered."))
        return True

    def action_resolve(self):
        self._check_state(("in_progress",), self.env._("resolve"))
        self._lifecycle_write({"state": "resolved", "date_resolved": fields.Datetime.now()})
        self._close_callback(self.env._("Resolved."))
        return True

    def action_close(self):
        self._check_state(("resolved",), self.env._("close"))
        self._lifecycle_write({"state": "closed"})
        self._close_callback(self.env._("Closed."))
        return True

    def action_reject(self):
        self._check_state(OPEN_STATES, self.env._("reject"))
        self._lifecycle_write({"state": "rejected"})
        self._close_callback(self.env._("Rejected."))
        return True
