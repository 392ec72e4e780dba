# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .test_shipment_common import ShipmentCase


class TestShipmentBooking(ShipmentCase):
    def test_booking_over_two_orders_links_their_deliveries(self):
        second = self._order(self.bravo, self.ben, self.cindy, commitment_date=self.delivery)
        second.action_confirm()
        orders = self.order_ben_by_cindy | second
        booking = self._book(orders, self.cindy)
        self.assertTrue(booking.name.startswith("BK/"))
        self.assertEqual(
            booking.picking_ids,
            self._deliveries(second) | self._deliveries(self.order_ben_by_cindy),
        )
        self.assertEqual(len(booking.picking_ids), 2)
        # The warehouse sees what leaves when, without any right on bookings.
        picking = booking.picking_ids[0].with_user(self.warehouse)
        self.assertEqual(
            (picking.shipment_etd, picking.shipment_vessel, picking.shipment_container_count),
            (self.etd, "Ever Given", 2),
        )
        with self.assertRaises(AccessError):
            booking.with_user(self.warehouse).read(["name"])
        with self.assertRaisesMessage(UserError, "shipment booking"):
            picking.shipment_booking_id = False
        booking.with_user(self.cindy).order_ids = [Command.unlink(self.order_ben_by_cindy.id)]
        self.assertEqual(booking.picking_ids, self._deliveries(second))
        self.assertFalse(self._deliveries(self.order_ben_by_cindy).shipment_booking_id)
        self.assertRpcAnswer(booking.with_user(self.cindy).action_cancel())
        self.assertFalse(booking.picking_ids)

    def test_bad_input_is_refused(self):
        order = self.order_amy_by_cindy
        late_cutoff = datetime.combine(self.etd + timedelta(days=1), datetime.min.time()).replace(hour=9)
        bad = [
            ({"cy_cutoff": late_cutoff}, "CY Cut-off is after the ETD"),
            ({"si_cutoff": late_cutoff}, "SI Cut-off is after the ETD"),
            ({"vgm_cutoff": late_cutoff}, "VGM Cut-off is after the ETD"),
            ({"eta": self.etd - timedelta(days=1)}, "ETA cannot be before the ETD"),
            ({"container_ids": []}, "at least one container"),
            ({"container_ids": [Command.create({"count": 0})]}, "at least one container"),
            (
                {
                    "container_ids": [
                        Command.create({"count": 1, "container_numbers": "TGHU1234567, MSCU7654321"})
                    ]
                },
                "more container numbers",
            ),
            ({"order_ids": []}, "orders it ships"),
        ]
        Booking = self.env["sale.shipment.booking"]
        count = Booking.search_count([])
        for values, message in bad:
            with self.subTest(values=values), self.assertRaisesMessage(ValidationError, message):
                self._book(order, self.cindy, **values)
        draft = self._order(self.alpha, self.amy, self.cindy)
        with self.assertRaisesMessage(ValidationError, "Only confirmed orders"):
            self._book(draft, self.cindy)
        self.assertEqual(Booking.search_count([]), count)
        booking = self._book(order, self.cindy)
        with self.assertRaisesMessage(ValidationError, "ETA"):
            booking.eta = self.etd - timedelta(days=3)
        with self.assertRaisesMessage(ValidationError, "at least one container"):
            booking.container_ids = [Command.clear()]
        with self.assertRaisesMessage(ValidationError, "at least one container"):
            booking.container_ids.with_user(self.cindy).unlink()
        self.assertEqual(len(booking.container_ids), 1)
        with self.assertRaisesMessage(UserError, "from the booking"):
            self.order_amy_own.with_user(self.amy).shipment_booking_ids = [Command.link(booking.id)]
        self.assertFalse(self.order_amy_own.shipment_booking_ids)

    def test_life_cycle(self):
        booking = self._book(self.order_amy_by_cindy, self.cindy, so_number=False).with_user(self.cindy)
        with self.assertRaisesMessage(UserError, "directly"):
            booking.state = "booked"
        with self.assertRaisesMessage(UserError, "S/O Number"):
            booking.action_book()
        booking.so_number = "SO-1"
        self.assertRpcAnswer(booking.action_book())
        with self.assertRaisesMessage(UserError, "B/L"):
            booking.action_ship()
        booking.bl_number = "EGLV025W001"
        self.assertRpcAnswer(booking.action_ship())
        self.assertEqual(booking.state, "shipped")
        with self.assertRaisesMessage(UserError, "cancelled"):
            booking.action_cancel()

    def test_failed_inspection_blocks_booking_when_set(self):
        order = self.order_amy_by_cindy
        self.env["sale.followup.inspection"].create(
            {
                "order_id": order.id,
                "inspector_id": self.cindy.id,
                "sample_size": 50,
                "result": "fail",
                "defects": "Broken handles",
                "date": self.company_today,
            }
        )
        self.env["ir.config_parameter"].set_param("sale_assistant.followup_inspection_blocks_booking", "True")
        booking = self._book(order, self.cindy)
        with self.assertRaisesMessage(UserError, "failed its inspection"):
            booking.with_user(self.cindy).action_book()
        self.assertEqual(booking.state, "draft")
        second = self._order(self.alpha, self.amy, self.cindy)
        second.action_confirm()
        other = self._book(second, self.cindy)
        other.with_user(self.cindy).action_book()
        with self.assertRaisesMessage(UserError, "failed its inspection"):
            other.with_user(self.cindy).order_ids = [Command.link(order.id)]
        self.assertEqual(other.order_ids, second)

    def test_access_of_every_role(self):
        bookings = {order: self._book(order) for order in self.orders}
        with self.assertRaisesMessage(ValidationError, "one customer and one salesperson"):
            self._book(self.order_amy_by_david | self.order_carl_own)
        with self.assertRaisesMessage(ValidationError, "one customer and one salesperson"):
            self._book(self.order_amy_by_cindy | self.order_ben_by_cindy)
        # Alpha's orders prepared by Cindy and by nobody: Amy's, not Cindy's (she cannot read Amy's own).
        shared = self._book(self.order_amy_by_cindy | self.order_amy_own)
        expected = {
            self.amy: self.order_amy_by_cindy | self.order_amy_by_david | self.order_amy_own,
            self.ben: self.order_ben_by_cindy,
            self.carl: self.order_carl_own,
            self.cindy: self.order_amy_by_cindy | self.order_ben_by_cindy,
            self.david: self.order_amy_by_david,
            self.eva: self.env["sale.order"],
            self.mona: self.orders - self.order_carl_own,
            self.all_docs: self.orders,
        }
        Booking = self.env["sale.shipment.booking"]
        ours = Booking.union(shared, *bookings.values())  # not the demo data's
        for user, orders in expected.items():
            with self.subTest(user=user.name):
                visible = Booking.with_user(user).search([("id", "in", ours.ids)])
                self.assertEqual(visible - shared, Booking.union(*(bookings[o] for o in orders)))
                self.assertEqual(shared in visible, shared.order_ids <= orders)
                self.assertEqual(
                    self.env["sale.shipment.container"]
                    .with_user(user)
                    .search([("booking_id", "in", ours.ids)])
                    .booking_id,
                    visible,
                )
                for order in self.orders - orders:
                    with self.assertRaises(AccessError):
                        bookings[order].with_user(user).read(["vessel"])
                    with self.assertRaises(AccessError):
                        self._book(order, user)
        # Whoever sees a booking reads all its orders (the form shows them); an assistant who
        # could not is not shown the booking.
        self.env.invalidate_all()
        self.assertEqual(
            shared.with_user(self.amy).web_read({"order_ids": {"fields": {"display_name": {}}}})[0][
                "order_ids"
            ],
            [{"id": order.id, "display_name": order.name} for order in shared.order_ids],
        )
        with self.assertRaises(AccessError):
            shared.with_user(self.cindy).read(["order_ids"])
        # An assistant adds only orders they may edit.
        alpha_by_david = self._order(self.alpha, self.amy, self.david)
        alpha_by_david.action_confirm()
        with self.assertRaises(AccessError):
            bookings[self.order_amy_by_cindy].with_user(self.cindy).order_ids = [
                Command.link(alpha_by_david.id)
            ]
        for outsider in (self.employee, self.portal, self.forwarder_user):
            for model in ("sale.shipment.booking", "sale.shipment.container"):
                with self.subTest(user=outsider.name, model=model), self.assertRaises(AccessError):
                    self.env[model].with_user(outsider).search_count([])
