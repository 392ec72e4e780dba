# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleShipmentDocumentType(models.Model):
    """A shipping document a booking may need: for every booking, or for some customers or
    destination countries (a certificate of origin for preferential duty, an insurance
    certificate under CIF...)."""

    _name = "sale.shipment.document.type"
    _description = "Shipping Document Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    for_every_booking = fields.Boolean(help="On the checklist of every booking.")
    partner_ids = fields.Many2many(
        "res.partner",
        "sale_shipment_document_type_partner_rel",
        "type_id",
        "partner_id",
        string="For Customers",
        domain=[("is_company", "=", True)],
    )
    country_ids = fields.Many2many(
        "res.country",
        "sale_shipment_document_type_country_rel",
        "type_id",
        "country_id",
        string="For Destinations",
    )

    def _applies_to(self, booking):
        self.ensure_one()
        return (
            self.for_every_booking
            or booking.partner_id in self.partner_ids
            or booking.destination_country_id in self.country_ids
        )
