# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

# How many of the coming milestones the customer's status mail lists.
STATUS_NEXT_MILESTONES = 3


class SaleOrder(models.Model):
    _inherit = "sale.order"

    shipment_booking_ids = fields.Many2many(
        "sale.shipment.booking",
        "sale_shipment_booking_order_rel",
        "order_id",
        "booking_id",
        string="Shipment Bookings",
        copy=False,
        readonly=True,
    )

    def write(self, vals):
        # Orders join a booking from the booking, which checks them and links their deliveries.
        if "shipment_booking_ids" in vals and not self.env.su:
            raise UserError(self.env._("Add the order to a shipment booking from the booking."))
        return super().write(vals)

    def _shipment_status_booking(self):
        """The booking the customer hears about: the latest one not cancelled."""
        self.ensure_one()
        bookings = self.shipment_booking_ids.filtered(lambda booking: booking.state != "cancel")
        return bookings.sorted(
            lambda booking: (booking.etd or fields.Date.to_date("1970-01-01"), booking.id)
        )[-1:]

    def _shipment_status_milestones(self):
        """(done, next): what is behind the order and the next steps ahead, by date."""
        self.ensure_one()
        milestones = self.followup_milestone_ids
        done = milestones.filtered("date_done").sorted(lambda m: (m.date_done, m.sequence))
        coming = milestones.filtered(lambda m: not m.date_done).sorted(
            lambda m: (m.planned_date or fields.Date.to_date("9999-12-31"), m.sequence)
        )
        return done, coming[:STATUS_NEXT_MILESTONES]

    def action_send_followup_status(self):
        """The assistant tells the customer where their order stands, in the salesperson's name
        (the salesperson is the author; the mail goes out from their address)."""
        self.check_access("write")
        template = self.env.ref("sale_assistant.mail_template_followup_status")
        for order in self:
            # Rendered here (in the customer's language) and posted with the salesperson as author
            # and sender: the composer would take the assistant's address.
            render = {
                name: template._render_field(name, order.ids, compute_lang=True)[order.id]
                for name in ("subject", "body_html", "email_from")
            }
            order.message_post(
                subject=render["subject"],
                body=render["body_html"],
                email_from=render["email_from"],
                author_id=(order.user_id.partner_id or self.env.user.partner_id).id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=order.partner_id.ids,
                email_layout_xmlid="mail.mail_notification_light",
            )
        return True
