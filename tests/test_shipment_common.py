# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import new_test_user

from .test_followup_common import FollowupCase


class ShipmentCase(FollowupCase):
    """Confirmed orders of ``FollowupCase``, a forwarder (with a portal user), a warehouse user
    and a booking factory leaving in 20 days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._confirm(*cls.orders)
        cls.forwarder = cls.env["res.partner"].create({"name": "Oceanic Forwarding", "is_company": True})
        cls.forwarder_user = new_test_user(
            cls.env, "t_forwarder", "base.group_portal", name="Otto", partner_id=cls.forwarder.id
        )
        cls.warehouse = new_test_user(
            cls.env, "t_stock", "base.group_user,stock.group_stock_user", name="Wanda"
        )
        cls.etd = cls.company_today + timedelta(days=20)

    def _values(self, orders, **values):
        return {
            "order_ids": [Command.set(orders.ids)],
            "forwarder_id": self.forwarder.id,
            "port_loading": "Kaohsiung",
            "port_discharge": "Rotterdam",
            "vessel": "Ever Given",
            "voyage": "025W",
            "etd": self.etd,
            "eta": self.etd + timedelta(days=32),
            "cy_cutoff": datetime.combine(self.etd - timedelta(days=2), datetime.min.time()).replace(hour=9),
            "so_number": "SO-778812",
            "container_ids": [Command.create({"container_type": "40hq", "count": 2})],
            **values,
        }

    def _book(self, orders, user=None, **values):
        Booking = self.env["sale.shipment.booking"].with_user(user or self.env.user)
        return Booking.create(self._values(orders, **values))

    def _deliveries(self, order):
        return order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
