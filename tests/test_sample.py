# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time

from ..models.sale_sample import SAMPLE_STATES
from .common import SaleAssistantCase

TODAY = date(2026, 11, 27)


@freeze_time("2026-11-27")
class TestSample(SaleAssistantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.courier = cls.env["sale.sample.courier"].create(
            {"name": "Test Express", "tracking_url": "https://track.example.com/?n={tracking}"}
        )

    def _sample(self, user=None, **values):
        vals = {
            "kind": "product",
            "partner_id": self.alpha.id,
            "user_id": self.amy.id,
            "factory_id": self.forge.id,
            "date_request": TODAY,
            "date_required": TODAY + timedelta(days=10),
            "line_ids": [
                Command.create({"product_id": self.product.id, "quantity": 2, "specification": "Blue"})
            ],
            **values,
        }
        return self.env["sale.sample"].with_user(user or self.cindy).create(vals)

    def _ship_values(self):
        return {
            "courier_id": self.courier.id,
            "tracking_number": "AB 123/45",
            "date_shipped": TODAY,
            "date_expected_arrival": TODAY + timedelta(days=3),
        }

    def test_product_sample_life_cycle(self):
        sample = self._sample()
        self.assertRegex(sample.name, r"^SMP/2026/\d{4}$")
        self.assertEqual(
            (sample.user_id, sample.assistant_id, sample.ship_to_id), (self.amy, self.cindy, self.alpha)
        )
        sample.action_request()
        sample.action_start_production()
        self.assertEqual(sample.state, "in_production")
        with self.assertRaisesMessage(UserError, "against the customer's requirements first"):
            sample.action_mark_ready()
        sample.write({"check_result": "fail", "check_notes": "Wrong blue"})
        with self.assertRaisesMessage(UserError, "against the customer's requirements first"):
            sample.action_mark_ready()
        sample.write({"check_result": "pass", "check_notes": "Pantone match"})
        sample.action_mark_ready()
        sample.write(self._ship_values())
        sample.action_ship()
        self.assertEqual(sample.state, "shipped")
        self.assertEqual(sample.tracking_link, "https://track.example.com/?n=AB%20123%2F45")
        sample.action_mark_delivered()
        self.assertEqual(sample.date_delivered, TODAY)
        with self.assertRaisesMessage(UserError, "Choose the customer's feedback"):
            sample.action_record_feedback()
        sample.write({"feedback": "changes", "feedback_notes": "Bigger handle"})
        sample.action_record_feedback()
        self.assertEqual(sample.state, "feedback")
        with self.assertRaisesMessage(UserError, "you cannot cancel it"):
            sample.action_cancel()

    def test_brochure_goes_straight_to_shipping(self):
        brochure = self._sample(
            kind="brochure", factory_id=False, line_ids=[Command.create({"name": "Catalogue"})]
        )
        with self.assertRaisesMessage(UserError, "not a product sample"):
            brochure.action_request()
        brochure.write(self._ship_values())
        brochure.action_ship()
        self.assertEqual(brochure.state, "shipped")

    def test_transitions_out_of_order_are_refused(self):
        sample = self._sample()
        for action in (
            "action_start_production",
            "action_mark_ready",
            "action_ship",
            "action_mark_delivered",
        ):
            with self.subTest(action=action), self.assertRaisesMessage(UserError, "is Draft: you cannot"):
                getattr(sample, action)()
        self.assertEqual(sample.state, "draft")
        without_factory = self._sample(factory_id=False)
        with self.assertRaisesMessage(UserError, "Choose the factory"):
            without_factory.action_request()
        sample.action_cancel()
        sample.action_reset_to_draft()
        self.assertEqual(sample.state, "draft")

    def test_shipping_requires_courier_tracking_and_dates(self):
        brochure = self._sample(kind="brochure", factory_id=False)
        for missing, label in (
            ("courier_id", "Courier"),
            ("tracking_number", "Tracking Number"),
            ("date_shipped", "Shipped on"),
            ("date_expected_arrival", "Expected Arrival"),
        ):
            values = dict(self._ship_values(), **{missing: False})
            brochure.write(values)
            with self.subTest(missing=missing), self.assertRaisesMessage(UserError, label):
                brochure.action_ship()
            self.assertEqual(brochure.state, "draft")
        self.assertFalse(brochure.message_ids.filtered(lambda m: "Test Express" in (m.body or "")))

    def test_bad_dates_quantities_and_factories(self):
        with self.assertRaisesMessage(ValidationError, "Promised Date of"):
            self._sample(date_promised=TODAY - timedelta(days=1))
        sample = self._sample()
        with self.assertRaisesMessage(ValidationError, "Expected Arrival of"):
            sample.write({"date_expected_arrival": TODAY - timedelta(days=2)})
        with self.assertRaisesMessage(ValidationError, "cannot arrive before it is shipped"):
            sample.write(
                {
                    "date_shipped": TODAY + timedelta(days=3),
                    "date_expected_arrival": TODAY + timedelta(days=1),
                }
            )
        for quantity in (0, -3):
            with (
                self.subTest(quantity=quantity),
                self.assertRaisesMessage(ValidationError, "must be positive"),
            ):
                self._sample(line_ids=[Command.create({"name": "Lantern", "quantity": quantity})])
        with self.assertRaisesMessage(ValidationError, "Anchor Lights is not a factory"):
            self._sample(user=self.amy, factory_id=self.anchor.id)
        with self.assertRaisesMessage(ValidationError, "must start with http"):
            self.courier.write({"tracking_url": "https://track.example.com/"})

    def test_salesperson_is_told_on_shipping(self):
        sample = self._sample(date_required=TODAY + timedelta(days=3))
        sample.action_request()
        sample.action_start_production()
        sample.write({"check_result": "pass"})
        sample.action_mark_ready()
        sample.write(self._ship_values())
        sample.with_context(tracking_disable=False).action_ship()
        message = sample.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn(self.amy.partner_id, message.partner_ids)
        for expected in ("Test Express", "AB 123/45", "Alpha Outdoor", "Test Lantern", "11/30/2026"):
            self.assertIn(expected, str(message.body))
        self.assertIn(f"{sample.name} shipped to Alpha Outdoor: Test Express AB 123/45", message.subject)
        emailed = message.sudo().notification_ids.filtered(lambda n: n.notification_type == "email")
        self.assertEqual(emailed.res_partner_id, self.amy.partner_id)

    def test_overdue_flag_and_daily_activity_is_idempotent(self):
        late = self._sample(date_request=TODAY - timedelta(days=9), date_required=TODAY - timedelta(days=1))
        on_time = self._sample()
        unassisted = self._sample(
            user=self.amy,
            partner_id=self.anchor.id,
            date_request=TODAY - timedelta(days=9),
            date_required=TODAY - timedelta(days=2),
        )
        shipped = self._sample(
            kind="brochure",
            factory_id=False,
            date_request=TODAY - timedelta(days=9),
            date_required=TODAY - timedelta(days=2),
        )
        shipped.write(dict(self._ship_values(), date_shipped=TODAY - timedelta(days=3)))
        shipped.action_ship()
        self.assertTrue(late.is_overdue)
        self.assertFalse(on_time.is_overdue or shipped.is_overdue)
        Sample = self.env["sale.sample"]
        self.assertEqual(
            Sample.search(
                [("is_overdue", "=", True), ("id", "in", (late | on_time | unassisted | shipped).ids)]
            ),
            late | unassisted,
        )
        self.assertEqual(
            Sample.search([("is_overdue", "=", False), ("id", "in", (late | on_time | shipped).ids)]),
            on_time | shipped,
        )
        Sample._cron_schedule_overdue_activities()
        Sample._cron_schedule_overdue_activities()
        activity_type = self.env.ref("sale_assistant.mail_activity_type_sample_overdue")
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "sale.sample"),
                ("activity_type_id", "=", activity_type.id),
                ("res_id", "in", (late | on_time | unassisted | shipped).ids),
            ]
        )
        self.assertEqual(sorted(activities.mapped("res_id")), sorted((late | unassisted).ids))
        self.assertEqual(activities.filtered(lambda a: a.res_id == late.id).user_id, self.cindy)
        self.assertEqual(activities.filtered(lambda a: a.res_id == unassisted.id).user_id, self.amy)

    def test_access_per_role(self):
        by_cindy_for_amy = self._sample()
        by_cindy_for_ben = self._sample(
            partner_id=self.bravo.id, user_id=self.ben.id, factory_id=self.mill.id
        )
        by_david_for_amy = self._sample(user=self.david, partner_id=self.anchor.id, factory_id=False)
        carls = self._sample(
            user=self.carl, partner_id=self.carlton.id, user_id=self.carl.id, factory_id=False
        )
        samples = by_cindy_for_amy | by_cindy_for_ben | by_david_for_amy | carls
        expected = {
            "cindy": by_cindy_for_amy | by_cindy_for_ben,
            "david": by_david_for_amy,
            "eva": self.env["sale.sample"],
            "amy": by_cindy_for_amy | by_david_for_amy,
            "ben": by_cindy_for_ben,
            "carl": carls,
            "mona": samples - carls,
            "all_docs": samples,
        }
        for role, visible in expected.items():
            user = getattr(self, role)
            with self.subTest(role=role):
                Sample = self.env["sale.sample"].with_user(user)
                self.assertEqual(set(Sample.search([("id", "in", samples.ids)]).ids), set(visible.ids))
                lines = (
                    self.env["sale.sample.line"].with_user(user).search([("sample_id", "in", samples.ids)])
                )
                self.assertEqual(set(lines.sample_id.ids), set(visible.ids))
                for sample in samples - visible:
                    with self.assertRaises(AccessError):
                        sample.with_user(user).write({"cost": 1.0})
        self.cindy_amy.action_archive()
        self.assertNotIn(by_cindy_for_amy, self.env["sale.sample"].with_user(self.cindy).search([]))
        with self.assertRaises(AccessError):
            self.env["sale.sample"].with_user(self.employee).search([])
        with self.assertRaises(AccessError):
            by_cindy_for_ben.with_user(self.ben).unlink()

    def test_assistant_choices_follow_assignments(self):
        with self.assertRaisesMessage(ValidationError, "You do not assist Carl"):
            self._sample(partner_id=self.carlton.id, user_id=self.carl.id, factory_id=False)
        with self.assertRaisesMessage(ValidationError, "Anchor Lights is not assigned to you"):
            self._sample(partner_id=self.anchor.id)
        with self.assertRaisesMessage(ValidationError, "Ben's Mill belongs to Ben, not to Amy"):
            self._sample(factory_id=self.mill.id)
        form = Form(self.env["sale.sample"].with_user(self.cindy))
        self.assertTrue(form.sale_assistant_acting)
        form.user_id = self.ben
        form.partner_id = self.bravo
        form.factory_id = self.mill
        with form.line_ids.new() as line:
            line.name = "Swatch"
        sample = form.save()
        self.assertEqual((sample.user_id, sample.assistant_id), (self.ben, self.cindy))

    def test_smart_buttons_from_customer_and_order(self):
        sample = self._sample(sale_order_ids=[Command.set(self.order_amy_by_cindy.ids)])
        self._sample(partner_id=self.alpha_buyer.id)
        self.assertEqual(self.alpha.with_user(self.amy).sale_sample_count, 2)
        self.assertEqual(self.alpha_buyer.with_user(self.amy).sale_sample_count, 2)
        action = self.alpha.with_user(self.amy).action_view_sale_samples()
        self.assertEqual(
            self.env["sale.sample"].with_user(self.amy).search(action["domain"]).partner_id,
            self.alpha | self.alpha_buyer,
        )
        self.assertEqual(self.order_amy_by_cindy.with_user(self.cindy).sale_sample_count, 1)
        action = self.order_amy_by_cindy.with_user(self.cindy).action_view_sale_samples()
        self.assertEqual(self.env["sale.sample"].search(action["domain"]), sample)
        self.assertEqual(action["context"]["default_sale_order_ids"], self.order_amy_by_cindy.ids)

    def test_states_cannot_be_written_past_their_requirements(self):
        # Users change the state only through the buttons; the system (data files) is still held
        # to each state's requirements.
        sample = self._sample().sudo()
        with self.assertRaisesMessage(ValidationError, "has not passed its check"):
            sample.write({"state": "ready"})
        with self.assertRaisesMessage(ValidationError, "courier, tracking number and ship date"):
            sample.write({"state": "shipped", "check_result": "pass"})
        with self.assertRaisesMessage(ValidationError, "needs the customer's feedback"):
            sample.write(dict(self._ship_values(), state="feedback", check_result="pass"))

    def test_salesperson_follows_the_customer_owner(self):
        form = Form(self.env["sale.sample"].with_user(self.mona))
        self.assertEqual(form.user_id, self.mona)
        form.partner_id = self.bravo
        self.assertEqual(form.user_id, self.ben)
        form.kind = "brochure"
        with form.line_ids.new() as line:
            line.name = "Catalogue"
        self.assertEqual(form.save().user_id, self.ben)

    def test_assistant_as_own_salesperson_gets_no_customer(self):
        with self.assertRaisesMessage(ValidationError, "Alpha Outdoor belongs to Amy, not to Eva"):
            self._sample(user=self.eva, user_id=self.eva.id, kind="brochure", factory_id=False)
        with self.assertRaisesMessage(ValidationError, "Bravo Trading belongs to Ben, not to Cindy"):
            self._sample(partner_id=self.bravo.id, user_id=self.cindy.id)

    def test_factory_is_no_customer(self):
        with self.assertRaisesMessage(ValidationError, "Amy's Forge is a factory, not a customer"):
            self._sample(user=self.amy, partner_id=self.forge.id, kind="brochure", factory_id=False)
        form = Form(self.env["sale.sample"].with_user(self.cindy))
        form.user_id = self.amy
        choices = self.env["res.partner"].with_user(self.cindy).search(form.sale_customer_domain)
        self.assertEqual(choices, self.alpha | self.alpha_buyer)
        factories = self.env["res.partner"].with_user(self.cindy).search(form.sale_factory_domain)
        self.assertEqual(factories, self.forge)

    def test_state_changes_only_through_the_buttons(self):
        sample = self._sample()
        for user in (self.cindy, self.amy, self.sales_admin):
            with self.assertRaisesMessage(UserError, "You cannot set State of a Sample"):
                sample.with_user(user).write({"state": "ready"})
        with self.assertRaisesMessage(UserError, "You cannot set State"):
            self._sample(state="shipped", **self._ship_values())
        brochure = self._sample(kind="brochure", factory_id=False)
        result = brochure.load(["state"], [["shipped"]])
        self.assertFalse(result["ids"])
        # The import is refused whole: nothing was shipped, nobody was told.
        brochure.invalidate_recordset()
        self.assertEqual(brochure.state, "draft")
        self.assertFalse(brochure.message_ids.filtered(lambda m: "shipped" in (m.body or "")))

    def test_ship_dialog_ships_and_tells_the_salesperson(self):
        brochure = self._sample(kind="brochure", factory_id=False).with_user(self.cindy)
        action = self.assertRpcAnswer(brochure.action_open_ship_dialog())
        self.assertEqual((action["res_model"], action["target"]), ("sale.sample.ship", "new"))
        dialog = Form(self.env["sale.sample.ship"].with_user(self.cindy).with_context(**action["context"]))
        self.assertEqual(dialog.date_shipped, TODAY)
        dialog.courier_id = self.courier
        dialog.tracking_number = "AB 123/45"
        dialog.date_expected_arrival = TODAY + timedelta(days=3)
        self.assertRpcAnswer(dialog.save().action_ship())
        self.assertEqual(brochure.state, "shipped")
        self.assertEqual(brochure.tracking_link, "https://track.example.com/?n=AB%20123%2F45")
        told = brochure.message_ids.filtered(lambda m: self.amy.partner_id in m.partner_ids)
        self.assertIn("AB 123/45", told.body)

    def test_ship_dialog_refuses_a_sample_not_ready(self):
        sample = self._sample()
        with self.assertRaisesMessage(UserError, "is Draft: you cannot ship it"):
            sample.action_open_ship_dialog()

    def test_shipping_mail_reads_cleanly(self):
        self.alpha.write({"street": "1 Harbour Road", "city": "Taichung"})
        brochure = self._sample(kind="brochure", factory_id=False, line_ids=[])
        brochure.write(
            {
                "line_ids": [Command.create({"name": "2027 outdoor catalogue", "quantity": 3})],
                **self._ship_values(),
            }
        )
        brochure.action_ship()
        body = brochure.message_ids.filtered(lambda m: self.amy.partner_id in m.partner_ids).body
        self.assertIn("What: 2027 outdoor catalogue × 3<", body)
        self.assertEqual(body.count("1 Harbour Road"), 1)
        self.assertEqual(body.count("Taichung"), 1)

    def test_overdue_activity_closes_when_shipped_or_cancelled(self):
        overdue_type = self.env.ref("sale_assistant.mail_activity_type_sample_overdue")
        brochure = self._sample(kind="brochure", factory_id=False, date_required=TODAY - timedelta(days=1))
        product = self._sample(date_required=TODAY - timedelta(days=1))
        self.env["sale.sample"]._cron_schedule_overdue_activities()
        for sample in brochure | product:
            self.assertEqual(sample.activity_ids.activity_type_id, overdue_type)
        brochure.write(self._ship_values())
        brochure.with_user(self.cindy).action_ship()
        product.with_user(self.cindy).action_cancel()
        for sample in brochure | product:
            self.assertFalse(sample.activity_ids)
            done = sample.message_ids.filtered(lambda m: m.mail_activity_type_id == overdue_type)
            self.assertTrue(done, "the activity is marked done, with its feedback, not deleted")

    def test_buttons_answer_over_rpc(self):
        sample = self._sample().with_user(self.cindy)
        self.assertRpcAnswer(sample.action_request())
        self.assertRpcAnswer(sample.action_start_production())
        sample.write({"check_result": "pass"})
        self.assertRpcAnswer(sample.action_mark_ready())
        sample.write(self._ship_values())
        self.assertRpcAnswer(sample.action_ship())
        self.assertRpcAnswer(sample.action_mark_delivered())
        sample.write({"feedback": "approved"})
        self.assertRpcAnswer(sample.action_record_feedback())
        other = self._sample().with_user(self.cindy)
        self.assertRpcAnswer(other.action_cancel())
        self.assertRpcAnswer(other.action_reset_to_draft())

    def test_kanban_shows_every_state_in_life_cycle_order(self):
        self._sample()
        groups = self.env["sale.sample"].with_user(self.cindy).read_group([], ["state"], ["state"])
        self.assertEqual([group["state"] for group in groups], [key for key, _label in SAMPLE_STATES])

    def test_pure_assistant_is_offered_no_create_for_customers_and_factories(self):
        def create_flags(user):
            views = self.env["sale.sample"].with_user(user).get_views([(False, "form")])
            arch = etree.fromstring(views["views"]["form"]["arch"])
            return {
                name: arch.xpath(f"//field[@name='{name}']")[0].get("can_create")
                for name in ("partner_id", "factory_id")
            }

        self.assertEqual(create_flags(self.cindy), {"partner_id": "False", "factory_id": "False"})
        self.assertEqual(create_flags(self.amy), {"partner_id": "True", "factory_id": "True"})

    def test_overdue_activity_closes_when_the_date_moves_later(self):
        sample = self._sample(date_required=TODAY - timedelta(days=1))
        Sample = self.env["sale.sample"]
        Sample._cron_schedule_overdue_activities()
        self.assertTrue(sample.activity_ids)
        sample.date_required = TODAY + timedelta(days=5)
        Sample._cron_schedule_overdue_activities()
        self.assertFalse(sample.activity_ids)
