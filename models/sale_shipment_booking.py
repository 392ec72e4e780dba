# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CUTOFF_FIELDS = ("cy_cutoff", "si_cutoff", "vgm_cutoff")


class SaleShipmentBooking(models.Model):
    """Space booked on a vessel (through a forwarder, or directly with the carrier) for the goods
    of one or several confirmed orders. It carries the dates everyone works to: the cut-offs, the
    ETD and ETA; the warehouse sees them on the orders' deliveries."""

    _name = "sale.shipment.booking"
    _description = "Shipment Booking"
    _inherit = ["mail.thread", "mail.activity.mixin", "sale.lifecycle.mixin"]
    _order = "etd desc, id desc"
    _check_company_auto = True
    _lifecycle_fields = ("state",)

    name = fields.Char(
        string="Booking Reference",
        required=True,
        copy=False,
        default=lambda self: self.env._("New"),
        tracking=True,
        help="The booking number of the forwarder or carrier; left as New, the next number is given.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("booked", "Booked"), ("shipped", "Shipped on Board"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    order_ids = fields.Many2many(
        "sale.order",
        "sale_shipment_booking_order_rel",
        "booking_id",
        "order_id",
        string="Orders",
        check_company=True,
        domain=[("state", "=", "sale")],
        copy=False,
    )
    # One consignee and one salesperson per booking (one B/L): whoever sees a booking may read all
    # its orders, as the record rules require (sale_shipment_security.xml).
    partner_id = fields.Many2one(
        "res.partner", compute="_compute_order_parties", store=True, index=True, string="Customer"
    )
    user_id = fields.Many2one(
        "res.users", compute="_compute_order_parties", store=True, index=True, string="Salesperson"
    )
    destination_country_id = fields.Many2one(
        "res.country",
        compute="_compute_destination_country_id",
        store=True,
        readonly=False,
    )
    notify_partner_id = fields.Many2one(
        "res.partner", string="Notify Party", help="Told of the arrival; the consignee when empty."
    )
    marks = fields.Text(string="Marks and Numbers", help="The shipping marks on the cartons.")
    document_ids = fields.One2many("sale.shipment.document", "booking_id", string="Documents")
    picking_ids = fields.One2many("stock.picking", "shipment_booking_id", string="Deliveries", readonly=True)
    forwarder_id = fields.Many2one("res.partner", check_company=True, tracking=True)
    carrier_id = fields.Many2one("res.partner", check_company=True, tracking=True, help="The shipping line.")
    port_loading = fields.Char(string="Port of Loading", tracking=True)
    port_discharge = fields.Char(string="Port of Discharge", tracking=True)
    vessel = fields.Char(tracking=True)
    voyage = fields.Char(tracking=True)
    etd = fields.Date(string="ETD", tracking=True, index=True, help="Estimated time of departure.")
    eta = fields.Date(string="ETA", tracking=True, help="Estimated time of arrival.")
    cy_cutoff = fields.Datetime(
        string="CY Cut-off", tracking=True, help="Last moment to gate the containers in."
    )
    si_cutoff = fields.Datetime(
        string="SI Cut-off", tracking=True, help="Last moment for the shipping instructions."
    )
    vgm_cutoff = fields.Datetime(
        string="VGM Cut-off", tracking=True, help="Last moment for the verified gross mass."
    )
    container_ids = fields.One2many("sale.shipment.container", "booking_id", string="Containers", copy=True)
    container_count = fields.Integer(
        compute="_compute_container_count", store=True, string="Containers (total)"
    )
    so_number = fields.Char(string="S/O Number", tracking=True, help="The carrier's shipping order number.")
    bl_number = fields.Char(string="B/L Number", tracking=True)

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "Another booking of this company has this reference.",
        )
    ]

    @api.depends("order_ids.partner_id", "order_ids.user_id")
    def _compute_order_parties(self):
        for booking in self:
            booking.partner_id = booking.order_ids[:1].partner_id.commercial_partner_id
            booking.user_id = booking.order_ids[:1].user_id

    @api.depends("partner_id")
    def _compute_destination_country_id(self):
        for booking in self:
            booking.destination_country_id = booking.destination_country_id or booking.partner_id.country_id

    @api.depends("container_ids.count")
    def _compute_container_count(self):
        for booking in self:
            booking.container_count = sum(booking.container_ids.mapped("count"))

    @api.constrains("etd", "eta", *CUTOFF_FIELDS)
    def _check_dates(self):
        for booking in self:
            if booking.etd and booking.eta and booking.eta < booking.etd:
                raise ValidationError(
                    self.env._("%(booking)s: the ETA cannot be before the ETD.", booking=booking.name)
                )
            for name in CUTOFF_FIELDS:
                cutoff = booking[name]
                if booking.etd and cutoff and booking._local_date(cutoff) > booking.etd:
                    raise ValidationError(
                        self.env._(
                            "%(booking)s: the %(cutoff)s is after the ETD (%(etd)s).",
                            booking=booking.name,
                            cutoff=booking._fields[name]._description_string(self.env),
                            etd=booking.etd,
                        )
                    )

    @api.constrains("container_ids", "name")
    def _check_containers(self):
        for booking in self:
            if not booking.container_ids:
                raise ValidationError(
                    self.env._("%(booking)s: book at least one container.", booking=booking.name)
                )

    @api.constrains("order_ids", "name")
    def _check_orders(self):
        for booking in self:
            if not booking.order_ids:
                raise ValidationError(
                    self.env._("%(booking)s: add the orders it ships.", booking=booking.name)
                )
            orders = booking.sudo().order_ids
            if len(orders.partner_id.commercial_partner_id) > 1 or len(orders.user_id) > 1:
                raise ValidationError(
                    self.env._(
                        "A booking ships the orders of one customer and one salesperson (one B/L): "
                        "%(orders)s are not.",
                        orders=", ".join(orders.mapped("name")),
                    )
                )
            unconfirmed = booking.order_ids.filtered(lambda order: order.state != "sale")
            if unconfirmed:
                raise ValidationError(
                    self.env._(
                        "Only confirmed orders are booked, not %(orders)s.",
                        orders=", ".join(unconfirmed.mapped("name")),
                    )
                )

    def _local_date(self, moment):
        return self.company_id.partner_id._sale_local_date(moment)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Checked before anything is written: the containers' access follows the orders.
            if not self.new({"order_ids": vals.get("order_ids", [])}).order_ids:
                raise ValidationError(self.env._("A shipment booking needs the orders it ships."))
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("sale.shipment.booking") or "/"
        bookings = super().create(vals_list)
        bookings.order_ids.check_access("write")
        bookings._sync_pickings()
        bookings._add_documents()
        return bookings

    def write(self, vals):
        before = {booking: booking.sudo().order_ids for booking in self}
        result = super().write(vals)
        if "order_ids" in vals:
            for booking, orders in before.items():
                added = booking.sudo().order_ids - orders
                # One books only the orders one may edit; the others already there stay.
                added.with_env(self.env).check_access("write")
                if booking.state in ("booked", "shipped"):
                    added._followup_check_bookable()
            self._sync_pickings(removed=self.env["sale.order"].union(*before.values()))
        return result

    def _sync_pickings(self, removed=None):
        """The warehouse sees the booking on the open deliveries of its orders (and no longer on
        those of orders taken off it)."""
        Picking = self.env["stock.picking"].sudo()
        if removed:
            Picking.search(
                [("shipment_booking_id", "in", self.ids), ("sale_id", "in", removed.ids)]
            ).filtered(lambda picking: picking.sale_id not in picking.shipment_booking_id.order_ids).write(
                {"shipment_booking_id": False}
            )
        for booking in self.filtered(lambda b: b.state != "cancel"):
            booking.sudo().order_ids.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing" and p.state not in ("done", "cancel")
            ).shipment_booking_id = booking

    def _add_documents(self):
        """Put on the checklist the documents this customer and destination need (not twice)."""
        types = self.env["sale.shipment.document.type"].search([])
        self.env["sale.shipment.document"].create(
            [
                {"booking_id": booking.id, "type_id": doc_type.id}
                for booking in self
                for doc_type in types - booking.document_ids.type_id
                if doc_type._applies_to(booking)
            ]
        )

    def action_update_documents(self):
        self.check_access("write")
        self._add_documents()
        return True

    def _report_lines(self):
        """The goods lines of the booking's orders, for the commercial invoice and packing list."""
        return self.order_ids.order_line.filtered(
            lambda line: not line.display_type and line.product_id.type == "consu"
        )

    # Life cycle -----------------------------------------------------------------------------

    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda booking: booking.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(booking)s cannot %(action)s in its status.", booking=wrong[0].name, action=action
                )
            )

    def action_book(self):
        """The carrier confirmed the space: its S/O number, vessel and ETD are known."""
        self._check_state(("draft",), self.env._("be booked"))
        for booking in self:
            missing = [
                booking._fields[name]._description_string(self.env)
                for name in ("so_number", "vessel", "etd")
                if not booking[name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "%(booking)s: fill in %(fields)s first.",
                        booking=booking.name,
                        fields=", ".join(missing),
                    )
                )
            booking.order_ids._followup_check_bookable()
        return self._lifecycle_write({"state": "booked"})

    def action_ship(self):
        self._check_state(("booked",), self.env._("be marked shipped"))
        without_bl = self.filtered(lambda booking: not booking.bl_number)
        if without_bl:
            raise UserError(
                self.env._("%(booking)s: fill in the B/L number first.", booking=without_bl[0].name)
            )
        return self._lifecycle_write({"state": "shipped"})

    def action_cancel(self):
        self._check_state(("draft", "booked"), self.env._("be cancelled"))
        self._lifecycle_write({"state": "cancel"})
        self.picking_ids.sudo().shipment_booking_id = False
        return True
