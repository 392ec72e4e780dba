# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, freeze_time

from .common import SaleAssistantCase

# 10:00 UTC is 18:00 in Taipei and 11:00 in Berlin.
NOW = datetime(2026, 11, 27, 10, 0)
# A trip, its planned visits, its check-ins: each model has its rules.
TRIP_MODELS = ("sale.business.trip", "sale.business.trip.visit", "sale.business.trip.checkin")


@freeze_time(NOW)
class TestBusinessTrip(SaleAssistantCase):
    """A travelling salesperson and the assistant who calls them every day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotel = cls.env["res.partner"].create({"name": "Hotel Adlon", "city": "Berlin"})
        cls.daily_call = cls.env.ref("sale_assistant.mail_activity_type_trip_daily_call")
        cls.env["ir.config_parameter"].set_param("sale_assistant.trip_checkin_hour", "18")

    def _trip(self, user=None, **values):
        vals = {
            "name": "Germany, November",
            "user_id": self.amy.id,
            "date_start": date(2026, 11, 25),
            "date_end": date(2026, 11, 30),
            "tz": "Asia/Taipei",
            "hotel_ids": [Command.set(self.hotel.ids)],
            **values,
        }
        return self.env["sale.business.trip"].with_user(user or self.cindy).create(vals)

    def _daily_calls(self, trip):
        return trip.activity_ids.filtered(lambda a: a.activity_type_id == self.daily_call)

    def test_bad_dates_are_refused(self):
        with self.assertRaisesMessage(ValidationError, "cannot end before it starts"):
            self._trip(date_end=date(2026, 11, 20))
        trip = self._trip()
        self.assertEqual(trip.assistant_id, self.cindy)
        with self.assertRaisesMessage(ValidationError, "Amy is already on another trip"):
            self._trip(name="Overlap", date_start=date(2026, 11, 30), date_end=date(2026, 12, 2))
        Checkin = self.env["sale.business.trip.checkin"].with_user(self.cindy)
        with self.assertRaisesMessage(ValidationError, "is outside the trip"):
            Checkin.create({"trip_id": trip.id, "date": date(2026, 11, 24)})
        with self.assertRaisesMessage(ValidationError, "still to come"):
            Checkin.create({"trip_id": trip.id, "date": date(2026, 11, 28)})
        with self.assertRaisesMessage(ValidationError, "is outside the trip"):
            trip.write(
                {"visit_ids": [Command.create({"partner_id": self.alpha.id, "date": date(2026, 12, 5)})]}
            )

    def test_daily_call_past_the_checkin_hour_in_the_trips_timezone(self):
        taipei = self._trip()
        with self.assertRaises(AccessError):
            self._trip(user=self.david, user_id=self.ben.id, name="Not David's to plan")
        berlin = self._trip(user=self.ben, user_id=self.ben.id, tz="Europe/Berlin", name="Berlin")
        self.assertEqual(berlin.assistant_id, self.cindy, "the assistant serving Ben")
        Trip = self.env["sale.business.trip"]
        Trip._cron_schedule_daily_calls()
        Trip._cron_schedule_daily_calls()
        calls = self._daily_calls(taipei)
        self.assertEqual(len(calls), 1)
        self.assertEqual((calls.user_id, calls.date_deadline), (self.cindy, date(2026, 11, 27)))
        self.assertEqual(calls.summary, "Daily call to Amy")
        self.assertFalse(self._daily_calls(berlin), "11:00 in Berlin: not yet")
        self.assertEqual(taipei.today_state, "missing")

    def test_checkin_closes_the_call_and_logs_the_visits(self):
        trip = self._trip()
        self.env["sale.business.trip"]._cron_schedule_daily_calls()
        action = self.assertRpcAnswer(trip.with_user(self.cindy).action_checkin())
        form = Form(
            self.env["sale.business.trip.checkin"].with_user(self.cindy).with_context(**action["context"])
        )
        self.assertEqual(form.date, date(2026, 11, 27))
        form.location = "Hamburg"
        form.partner_ids.add(self.alpha_buyer)
        form.how_it_went = "Good meeting, they want the blue lantern."
        form.help_needed = "Blue lantern samples"
        checkin = form.save()
        self.assertFalse(self._daily_calls(trip))
        self.assertEqual(trip.today_state, "checked_in")
        visit = checkin.contact_ids
        self.assertEqual(
            (visit.partner_id, visit.contact_id, visit.channel, visit.user_id),
            (self.alpha, self.alpha_buyer, "visit_them", self.amy),
        )
        self.assertLessEqual(visit.date, NOW)
        self.env["sale.business.trip"]._cron_schedule_daily_calls()
        self.assertFalse(self._daily_calls(trip), "checked in: no call today")

    def test_quick_actions(self):
        trip = self._trip()
        checkin = (
            self.env["sale.business.trip.checkin"]
            .with_user(self.cindy)
            .create(
                {
                    "trip_id": trip.id,
                    "date": date(2026, 11, 27),
                    "partner_ids": [Command.set(self.alpha.ids)],
                    "help_needed": "Catalogues for Alpha",
                }
            )
        )
        action = self.assertRpcAnswer(checkin.action_send_samples())
        sample = self.env["sale.sample"].browse(action["res_id"])
        self.assertEqual(
            (sample.state, sample.ship_to_id, sample.user_id, sample.assistant_id),
            ("draft", self.hotel, self.amy, self.cindy),
        )
        action = self.assertRpcAnswer(checkin.action_prepare_quotation())
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual((order.state, order.partner_id, order.user_id), ("draft", self.alpha, self.amy))
        self.assertRpcAnswer(checkin.action_other_need())
        self.assertEqual(trip.activity_ids.user_id, self.cindy)

    def _of_trips(self, model, trips):
        """The records of ``model`` that belong to ``trips`` (the trips themselves for trips)."""
        field = "id" if model == "sale.business.trip" else "trip_id"
        return self.env[model].search([(field, "in", trips.ids)])

    def test_who_sees_which_trip(self):
        amy_trip = self._trip(
            visit_ids=[Command.create({"partner_id": self.alpha.id, "date": date(2026, 11, 28)})]
        )
        carl_trip = self._trip(
            user=self.carl,
            user_id=self.carl.id,
            name="Carl's",
            visit_ids=[Command.create({"partner_id": self.carlton.id, "date": date(2026, 11, 28)})],
        )
        other_company = self.env["res.company"].create({"name": "Trips Other Co"})
        self.all_docs.company_ids += other_company
        elsewhere = self.env["sale.business.trip"].create(
            {
                "name": "Amy, for the other company",
                "user_id": self.amy.id,
                "company_id": other_company.id,
                "date_start": date(2026, 11, 1),
                "date_end": date(2026, 11, 5),
                "visit_ids": [Command.create({"partner_id": self.alpha.id, "date": date(2026, 11, 2)})],
            }
        )
        checkin, *_others = self.env["sale.business.trip.checkin"].create(
            [
                {"trip_id": trip.id, "date": date(2026, 11, day)}
                for trip, day in ((amy_trip, 26), (carl_trip, 26), (elsewhere, 2))
            ]
        )
        trips = amy_trip | carl_trip | elsewhere
        self.assertEqual([len(self._of_trips(model, trips)) for model in TRIP_MODELS], [3, 3, 3])
        Trip = self.env["sale.business.trip"]
        for user, visible in (
            (self.cindy, amy_trip),
            (self.david, amy_trip),
            (self.eva, Trip),
            (self.amy, amy_trip),
            (self.ben, Trip),
            (self.carl, carl_trip),
            (self.mona, amy_trip),
            (self.all_docs, amy_trip | carl_trip),
        ):
            # Trips, their planned visits and check-ins alike.
            for model in TRIP_MODELS:
                records, expected = self._of_trips(model, trips), self._of_trips(model, visible)
                # As the web client does: the companies the user works in are always explicit.
                Visible = records.with_user(user).with_context(allowed_company_ids=self.env.company.ids)
                domain = [("id", "in", records.ids)]
                label = f"{user.name}: {records._name}"
                self.assertEqual(Visible.search(domain), expected, label)
                self.assertEqual(Visible.search_count(domain), len(expected), label)
                groups = Visible.read_group(domain, ["user_id"], ["user_id"])
                self.assertEqual(sum(g["user_id_count"] for g in groups), len(expected), label)
        for model in TRIP_MODELS:
            records = self._of_trips(model, trips)
            both = records.with_user(self.all_docs).with_context(
                allowed_company_ids=(self.env.company | other_company).ids
            )
            self.assertEqual(both.search([("id", "in", records.ids)]), records, "both companies active")
        with self.assertRaises(AccessError):
            carl_trip.with_user(self.cindy).read(["name"])
        self.cindy_amy.active = False
        self.assertFalse(
            self.env["sale.business.trip"].with_user(self.cindy).search([("id", "=", amy_trip.id)])
        )
        self.assertFalse(
            self.env["sale.business.trip.checkin"].with_user(self.cindy).search([("id", "=", checkin.id)])
        )
