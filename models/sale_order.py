# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

# Beyond this percentage, a unit price differs from the pricelist's (a setting overrides it).
DEFAULT_PRICE_TOLERANCE = 5.0


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = [
        "sale.order",
        "sale.assistant.document.mixin",
        "sale.lifecycle.mixin",
        "sale.customer.contact.link.mixin",
    ]
    _sale_contact_link_field = "sale_order_id"
    # The delivery date's status moves only through Request, Confirm and Send Delivery Date.
    _lifecycle_fields = ("delivery_date_state",)

    assistant_id = fields.Many2one(
        string="Prepared by",
        help="The sales assistant who made this order on the salesperson's behalf.",
    )
    sale_contract_code = fields.Char(
        related="user_id.sale_contract_code",
        string="Contract Code",
    )

    sale_sample_ids = fields.Many2many(
        "sale.sample",
        "sale_sample_sale_order_rel",
        "order_id",
        "sample_id",
        string="Samples",
        copy=False,
    )
    sale_sample_count = fields.Integer(string="Sample Count", compute="_compute_sale_sample_count")

    check_finding_ids = fields.One2many("sale.order.check.finding", "order_id", string="Order Check Findings")
    check_open_count = fields.Integer(
        string="Findings to Acknowledge",
        compute="_compute_check_open_count",
        help="Findings nobody acknowledged yet.",
    )
    delivery_date_state = fields.Selection(
        [
            ("to_request", "To request"),
            ("requested", "Requested"),
            ("confirmed", "Confirmed"),
            ("sent", "Sent"),
        ],
        string="Delivery Date Status",
        default="to_request",
        copy=False,
        tracking=True,
        help="Where the delivery date agreed with the departments concerned stands: requested from the "
        "responsible, confirmed (it is the Delivery Date), sent to the customer.",
    )
    delivery_date_responsible_id = fields.Many2one(
        "res.users",
        copy=False,
        domain=[("share", "=", False)],
        help="Who confirms the delivery date (production planning, the warehouse...).",
    )

    @api.depends("sale_sample_ids")
    def _compute_sale_sample_count(self):
        counts = dict(
            self.env["sale.sample"]._read_group(
                [("sale_order_ids", "in", self.ids)], ["sale_order_ids"], ["__count"]
            )
        )
        for order in self:
            order.sale_sample_count = counts.get(order._origin, 0)

    def action_view_sale_samples(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_assistant.sale_sample_action")
        action["domain"] = [("sale_order_ids", "in", self.ids)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_user_id": self.user_id.id,
            "default_sale_order_ids": self.ids,
        }
        return action

    @api.depends("check_finding_ids.acknowledged_by_id")
    def _compute_check_open_count(self):
        counts = dict(
            self.env["sale.order.check.finding"]._read_group(
                [("order_id", "in", self.ids), ("acknowledged_by_id", "=", False)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.check_open_count = counts.get(order._origin, 0)

    def _compute_user_id(self):
        # The salesperson an assistant picked first must not be replaced by the customer's owner.
        if self.env.user._is_restricted_sale_assistant():
            return super(SaleOrder, self.filtered(lambda o: not o.user_id))._compute_user_id()
        return super()._compute_user_id()

    @api.constrains("user_id", "partner_id", "assistant_id")
    def _check_sale_assistant_choices(self):
        self._check_sale_document_choices()

    def _sale_assistant_counterparts(self):
        self.ensure_one()
        return [
            (self.partner_id, "customer"),
            (self.order_line.factory_id, "factory"),
        ]

    # Order checks ------------------------------------------------------------------------------

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error or not self.check_open_count:
            return error
        return self.env._(
            "%(order)s has %(count)s order check finding(s) nobody acknowledged: confirm them with the "
            "customer and acknowledge them before confirming the order.",
            order=self.name,
            count=self.check_open_count,
        )

    def action_acknowledge_check_findings(self):
        """Acknowledge every open finding at once, once all were confirmed with the customer."""
        self.check_finding_ids.filtered(lambda f: not f.acknowledged_by_id).action_acknowledge()
        return True

    def action_check_order(self):
        self._run_order_checks()
        return True

    def _run_order_checks(self):
        """Check each line like an experienced assistant would, and list what is unusual. Findings
        already acknowledged stay acknowledged while they still apply. Findings are written by the
        system only (users may only acknowledge them), for whoever may edit the order."""
        self.check_access("write")
        Finding = self.env["sale.order.check.finding"].sudo()
        for order in self:
            found = order._order_check_findings()
            kept = order.sudo().check_finding_ids.filtered(
                lambda f, found=found: f.acknowledged_by_id and (f.kind, f.line_id.id, f.message) in found
            )
            (order.sudo().check_finding_ids - kept).unlink()
            kept_keys = {(f.kind, f.line_id.id, f.message) for f in kept}
            Finding.create(
                [
                    {"order_id": order.id, "kind": kind, "line_id": line_id, "message": message}
                    for kind, line_id, message in found
                    if (kind, line_id, message) not in kept_keys
                ]
            )

    def _order_check_findings(self):
        """Return the set of ``(kind, line id, message)`` found on this order."""
        self.ensure_one()
        lines = self.order_line.filtered(lambda line: line.product_id and not line.display_type)
        history = self._order_check_history(lines.product_id)
        tolerance = float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("sale_assistant.price_tolerance", DEFAULT_PRICE_TOLERANCE)
        )
        found = set()
        if self.client_order_ref and self._order_check_po_used_elsewhere():
            found.add(
                (
                    "duplicate_po",
                    False,
                    self.env._(
                        "Customer PO %(po)s is already on another order of %(customer)s.",
                        po=self.client_order_ref,
                        customer=self.partner_id.commercial_partner_id.display_name,
                    ),
                )
            )
        today = fields.Date.context_today(self)
        # The pricelist gives one price per product, unit and quantity: ask it once for each.
        pricelist_prices = {}
        for line in lines:
            key = (line.product_id, line.product_uom, line.product_uom_qty)
            if key not in pricelist_prices:
                pricelist_prices[key] = line._get_pricelist_price()
            past = history.get(line.product_id, self.env["sale.order.line"])
            found |= line._order_check_price_findings(past, tolerance, pricelist_prices[key])
            found |= line._order_check_quantity_findings(past)
            requested = line.customer_requested_date or (
                self.commitment_date and fields.Datetime.context_timestamp(self, self.commitment_date).date()
            )
            if not requested:
                found.add(
                    (
                        "missing_date",
                        line.id,
                        self.env._("%(product)s has no requested date.", product=line.name),
                    )
                )
            elif requested < today:
                found.add(
                    (
                        "past_date",
                        line.id,
                        self.env._(
                            "%(product)s is requested for %(date)s, which is past.",
                            product=line.name,
                            date=requested,
                        ),
                    )
                )
        return found

    def _order_check_history(self, products):
        """{product: past order lines} of this customer's confirmed orders, newest first."""
        past_lines = (
            self.env["sale.order.line"]
            .sudo()
            .search(
                [
                    ("order_id.partner_id", "child_of", self.partner_id.commercial_partner_id.id),
                    ("order_id.company_id", "=", self.company_id.id),
                    ("order_id.state", "=", "sale"),
                    ("order_id", "!=", self.id),
                    ("product_id", "in", products.ids),
                    ("display_type", "=", False),
                ]
            )
        )
        history = defaultdict(lambda: self.env["sale.order.line"])
        for line in past_lines.sorted(lambda ln: (ln.order_id.date_order, ln.id), reverse=True):
            history[line.product_id] |= line
        return history

    def _order_check_po_used_elsewhere(self):
        return bool(
            self.sudo().search_count(
                [
                    ("id", "!=", self.id),
                    ("client_order_ref", "=", self.client_order_ref),
                    ("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("state", "!=", "cancel"),
                ],
                limit=1,
            )
        )

    # Delivery date -----------------------------------------------------------------------------

    def action_request_delivery_date(self):
        """Ask the responsible (a setting by default) to confirm a delivery date: an activity."""
        default_responsible = (
            self.env["ir.config_parameter"].sudo().get_param("sale_assistant.delivery_date_responsible_id")
        )
        for order in self:
            responsible = (
                order.delivery_date_responsible_id
                or self.env["res.users"].browse(int(default_responsible or 0)).exists()
            )
            if not responsible:
                raise UserError(
                    self.env._(
                        "Choose who confirms the delivery date of %(order)s (or set a default responsible in "
                        "the Sales settings).",
                        order=order.name,
                    )
                )
            order.delivery_date_responsible_id = responsible
            order._lifecycle_write({"delivery_date_state": "requested"})
            order.activity_schedule(
                "sale_assistant.mail_activity_type_delivery_date",
                user_id=responsible.id,
                note=self.env._(
                    "Please confirm the delivery date of %(order)s for %(customer)s (customer PO "
                    "%(po)s): set the Delivery Date and click Confirm Delivery Date.",
                    order=order.name,
                    customer=order.partner_id.display_name,
                    po=order.client_order_ref or "-",
                ),
            )
        return True

    def write(self, vals):
        reconfirm = self.browse()
        if "commitment_date" in vals and "delivery_date_state" not in vals:
            new_date = fields.Datetime.to_datetime(vals["commitment_date"])
            reconfirm = self.filtered(
                lambda o: o.delivery_date_state in ("confirmed", "sent") and o.commitment_date != new_date
            )
        result = super().write(vals)
        # A date nobody confirmed must not be sent to the customer.
        if reconfirm:
            reconfirm._lifecycle_write({"delivery_date_state": "to_request"})
        return result

    def _action_cancel(self):
        result = super()._action_cancel()
        # A cancelled order needs no delivery date any more.
        self.activity_feedback(
            ["sale_assistant.mail_activity_type_delivery_date"], feedback=self.env._("Order cancelled.")
        )
        return result

    def action_confirm_delivery_date(self):
        """The responsible's answer: the Delivery Date (commitment date) is the confirmed date."""
        is_admin = self.env.user.has_group("sales_team.group_sale_manager")
        for order in self:
            if order.delivery_date_responsible_id != self.env.user and not is_admin:
                raise UserError(
                    self.env._(
                        "Only %(responsible)s, who was asked, or a sales administrator confirms the delivery "
                        "date of %(order)s.",
                        responsible=order.delivery_date_responsible_id.name or "-",
                        order=order.name,
                    )
                )
            if order.delivery_date_state != "requested":
                raise UserError(self.env._("Request the delivery date of %(order)s first.", order=order.name))
            if not order.commitment_date:
                raise UserError(
                    self.env._(
                        "Fill in the Delivery Date of %(order)s before confirming it.", order=order.name
                    )
                )
        self._lifecycle_write({"delivery_date_state": "confirmed"})
        self.activity_feedback(
            ["sale_assistant.mail_activity_type_delivery_date"],
            feedback=self.env._("Delivery date confirmed."),
        )
        return True

    def action_send_delivery_date(self):
        """E-mail the customer the confirmed delivery date and their PO number."""
        template = self.env.ref("sale_assistant.mail_template_delivery_date_confirmation")
        for order in self:
            if order.delivery_date_state not in ("confirmed", "sent"):
                raise UserError(
                    self.env._("The delivery date of %(order)s is not confirmed yet.", order=order.name)
                )
            order.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=order.partner_id.ids,
            )
        self._lifecycle_write({"delivery_date_state": "sent"})
        return True
