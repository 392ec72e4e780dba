# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

CONTACT_CHANNELS = [
    ("visit_us", "Visit to us"),
    ("visit_them", "Visit to them"),
    ("phone_in", "Phone in"),
    ("phone_out", "Phone out"),
    ("letter", "Letter"),
    ("email", "E-mail"),
    ("im", "Instant message"),
    ("fair", "Trade fair"),
]
# Channels where the customer comes to us: anyone in Sales may log those for any customer.
INCOMING_CHANNELS = ("visit_us", "phone_in", "letter")
CONTACT_OUTCOMES = [
    ("informed", "Informed"),
    ("follow_up", "Follow-up needed"),
    ("order_expected", "Order expected"),
    ("complaint", "Complaint"),
    ("other", "Other"),
]


class SaleCustomerContact(models.Model):
    """One contact with a customer: a visit, a call, a letter... logged by whoever had it."""

    _name = "sale.customer.contact"
    _description = "Customer Contact"
    _inherit = ["mail.thread", "mail.activity.mixin", "sale.customer.document.mixin"]
    _sequence_code = "sale.customer.contact"
    _lifecycle_fields = ()
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id", "summary"]

    contact_id = fields.Many2one(
        "res.partner",
        string="Contact Person",
        check_company=True,
        domain="[('id', 'child_of', commercial_partner_id)]",
        help="Who we spoke or wrote with.",
    )
    channel = fields.Selection(CONTACT_CHANNELS, required=True, default="phone_out", tracking=True)
    incoming = fields.Boolean(
        compute="_compute_incoming",
        store=True,
        help="The customer came to us (a visit to us, a call in, a letter): anyone in Sales may log it "
        "for any customer.",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True, tracking=True)
    duration = fields.Float(help="How long it took, in hours.")
    user_id = fields.Many2one(help="The salesperson it concerns; by default the customer's owner.")
    logged_by_id = fields.Many2one(
        "res.users",
        string="Logged by",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
        help="Who logged it. It never changes.",
    )
    subject_id = fields.Many2one("sale.customer.contact.subject", index=True)
    summary = fields.Char(help="What it was about, in a few words.")
    notes = fields.Html()
    outcome = fields.Selection(CONTACT_OUTCOMES, required=True, default="informed", tracking=True)
    next_step = fields.Char(help="What to do next; with a date, it becomes an activity for you.")
    next_step_date = fields.Date(string="Next Step By")
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Order",
        check_company=True,
        index="btree_not_null",
        domain="[('partner_id', 'child_of', commercial_partner_id)]",
    )
    sample_id = fields.Many2one(
        "sale.sample",
        check_company=True,
        index="btree_not_null",
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
    )
    trip_checkin_id = fields.Many2one(
        "sale.business.trip.checkin", string="Trip Check-in", ondelete="set null", index="btree_not_null"
    )
    complaint_id = fields.Many2one(
        "sale.complaint",
        check_company=True,
        index="btree_not_null",
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
    )

    @api.depends("channel")
    def _compute_incoming(self):
        for contact in self:
            contact.incoming = contact.channel in INCOMING_CHANNELS

    @api.constrains("date")
    def _check_date_not_in_future(self):
        now = fields.Datetime.now()
        for contact in self:
            if contact.date > now:
                raise ValidationError(
                    self.env._(
                        "%(contact)s is dated in the future (%(date)s): log a contact once it happened; "
                        "plan the next one as a next step.",
                        contact=contact.display_name,
                        date=fields.Datetime.to_string(contact.date),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                # Who logged a contact is a fact: the real user.
                vals["logged_by_id"] = self.env.uid
        contacts = super().create(vals_list)
        if not self.env.su:
            contacts._check_may_log()
        contacts._schedule_next_step()
        contacts._close_callbacks()
        return contacts

    def write(self, vals):
        if "logged_by_id" in vals and not self.env.su:
            raise UserError(self.env._("Who logged a contact never changes."))
        result = super().write(vals)
        if {"partner_id", "channel"} & vals.keys() and not self.env.su:
            self._check_may_log()
        if {"next_step", "next_step_date"} & vals.keys():
            self._schedule_next_step()
        return result

    def _check_may_log(self):
        """A restricted assistant logs incoming contacts for any customer, and the others only for
        customers assigned to them (they are the ones they serve)."""
        user = self.env.user
        if not user._is_restricted_sale_assistant():
            return
        for contact in self.filtered(lambda c: not c.incoming):
            if user not in contact.commercial_partner_id.assistant_ids:
                raise AccessError(
                    self.env._(
                        "%(customer)s is not assigned to you: you can log its incoming visits, calls and "
                        "letters, but not contacts you make. Ask its owner %(owner)s to assign it to you.",
                        customer=contact.commercial_partner_id.display_name,
                        owner=contact.commercial_partner_id.user_id.name or self.env._("(no owner)"),
                    )
                )

    def _schedule_next_step(self):
        """A next step with a date is an activity for whoever logged the contact."""
        activity_type = self.env.ref("sale_assistant.mail_activity_type_contact_next_step")
        for contact in self.filtered(lambda c: c.next_step_date):
            existing = contact.activity_ids.filtered(lambda a, t=activity_type: a.activity_type_id == t)
            values = {
                "summary": contact.next_step or self.env._("Next step"),
                "date_deadline": contact.next_step_date,
            }
            if existing:
                existing.write(values)
            else:
                contact.activity_schedule(
                    activity_type_id=activity_type.id, user_id=contact.logged_by_id.id, **values
                )

    def _close_callbacks(self):
        """A logged contact answers the customer's call-back, and sets its next one."""
        partners = self.commercial_partner_id
        partners.activity_feedback(
            ["sale_assistant.mail_activity_type_customer_callback"],
            feedback=self.env._("Contact logged."),
        )

    @api.model
    def _action_log_for(self, partner, salesperson=None, **links):
        """The contact form, prefilled for ``partner`` (and the documents in ``links``)."""
        context = {"default_partner_id": partner.id}
        if salesperson:
            context["default_user_id"] = salesperson.id
        context.update({f"default_{name}": record.id for name, record in links.items()})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Contact"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def action_open_complaint(self):
        """The customer complained: record it, prefilled from this contact."""
        self.ensure_one()
        channel = {"phone_in": "phone", "phone_out": "phone", "email": "email", "letter": "letter"}
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.complaint",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_contact_id": self.contact_id.id,
                "default_channel": channel.get(self.channel, "visit" if "visit" in self.channel else "other"),
                "default_date_received": fields.Datetime.to_string(self.date),
                "default_sale_order_id": self.sale_order_id.id,
                "default_description": self.summary or "",
                "sale_customer_contact_id": self.id,
            },
        }
