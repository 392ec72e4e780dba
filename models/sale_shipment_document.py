# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleShipmentDocument(models.Model):
    """One line of a booking's documents checklist: to prepare, ready (attached), sent to the
    customer or the bank."""

    _name = "sale.shipment.document"
    _description = "Shipping Document"
    _order = "booking_id, sequence, id"

    booking_id = fields.Many2one("sale.shipment.booking", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="booking_id.company_id", store=True)
    type_id = fields.Many2one("sale.shipment.document.type", string="Document", required=True)
    sequence = fields.Integer(related="type_id.sequence", store=True)
    state = fields.Selection(
        [("todo", "To prepare"), ("ready", "Ready"), ("sent", "Sent")],
        string="Status",
        required=True,
        default="todo",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "sale_shipment_document_attachment_rel",
        "document_id",
        "attachment_id",
        string="Files",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "booking_type_uniq",
            "unique(booking_id, type_id)",
            "This document is already on the booking's checklist.",
        )
    ]
