# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who sees which shipment booking, container and document: the expectations of the orders
booked (``test_access_rules.DocumentRulesTests``), case by case, through every read path. Each
booking here holds one order; bookings over several orders: ``test_shipment_booking``."""

from odoo import Command

from .test_access_rules import DocumentRulesTests
from .test_followup_rules import FollowupRulesCase


class ShipmentRulesCase(FollowupRulesCase):
    """The seven confirmed orders of ``FollowupRulesCase`` booked, one booking each, with a
    container and a commercial invoice to prepare."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sale.shipment.document.type"].search([]).active = False
        cls.env["sale.shipment.document.type"].create({"name": "Test Invoice", "for_every_booking": True})
        cls.bookings = {}
        for order, name in cls.order_names.items():
            cls.bookings[name] = cls.env["sale.shipment.booking"].create(
                {
                    "order_ids": [Command.set(order.ids)],
                    "company_id": order.company_id.id,
                    "port_loading": "Kaohsiung",
                    "container_ids": [Command.create({"container_type": "40hq", "count": 1})],
                }
            )
        cls.env.flush_all()

    def _everything(self, kind):
        if kind == "shipment_booking":
            return self.bookings
        if kind == "shipment_container":
            return {name: booking.container_ids for name, booking in self.bookings.items()}
        if kind == "shipment_document":
            return {name: booking.document_ids for name, booking in self.bookings.items()}
        return super()._everything(kind)


class TestShipmentBookingRules(DocumentRulesTests, ShipmentRulesCase):
    KIND = "shipment_booking"


class TestShipmentContainerRules(DocumentRulesTests, ShipmentRulesCase):
    KIND = "shipment_container"


class TestShipmentDocumentRules(DocumentRulesTests, ShipmentRulesCase):
    KIND = "shipment_document"
