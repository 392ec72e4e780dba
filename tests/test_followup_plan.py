# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .test_followup_common import FollowupCase

LATE = "sale_assistant.mail_activity_type_followup_late"


class TestFollowupPlan(FollowupCase):
    def test_confirmation_plans_milestones_back_from_delivery(self):
        (plan,) = self._confirm(self.order_amy_by_cindy)
        self.assertEqual(plan.template_id, self.template)
        self.assertEqual(plan.date_delivery, self.company_today + timedelta(days=30))
        pi, inspection, balance = plan.milestone_ids.sorted("planned_date")
        self.assertEqual(pi.planned_date, self.company_today - timedelta(days=30))
        self.assertEqual(inspection.planned_date, self.company_today + timedelta(days=23))
        self.assertEqual(balance.planned_date, self.company_today + timedelta(days=60))
        self.assertEqual((pi.owner_id, inspection.owner_id), (self.amy, self.cindy))
        self.assertEqual(plan.next_milestone_name, "PI signed")
        self.assertTrue(plan.is_late and pi.is_late and not inspection.is_late)
        # An order without an assistant gives the assistant's milestones to the salesperson.
        (own,) = self._confirm(self.order_amy_own)
        self.assertEqual(own.milestone_ids.owner_id, self.amy)
        # Confirming again (or a second confirmation path) never makes a second plan.
        self.env["sale.followup.plan"]._create_for_orders(self.order_amy_by_cindy)
        self.assertEqual(len(self.order_amy_by_cindy.followup_plan_ids), 1)

    def test_board_columns_follow_the_process_not_the_alphabet(self):
        first, second, third = self._confirm(
            self.order_amy_by_cindy, self.order_amy_by_david, self.order_amy_own
        )
        today = self.company_today
        second.milestone_ids.filtered(lambda m: m.name == "PI signed").date_done = today
        third.milestone_ids.filtered(lambda m: m.name != "Balance received").date_done = today
        self.assertEqual(
            (first | second | third).mapped("next_milestone_name"),
            ["PI signed", "Final inspection", "Balance received"],
        )
        board = self.env["sale.followup.plan"].with_user(self.amy)
        groups = board.web_read_group([], ["next_milestone_name"], ["next_milestone_name"])["groups"]
        self.assertEqual(
            [group["next_milestone_name"] for group in groups],
            ["PI signed", "Final inspection", "Balance received"],
        )
        # Sorted by the user (a list's column header): the user's order stands.
        groups = board.web_read_group(
            [], ["next_milestone_name"], ["next_milestone_name"], orderby="next_milestone_name"
        )["groups"]
        self.assertEqual(
            [group["next_milestone_name"] for group in groups],
            ["Balance received", "Final inspection", "PI signed"],
        )

    def test_moving_the_delivery_date_moves_the_plan(self):
        (plan,) = self._confirm(self.order_amy_by_cindy)
        self.order_amy_by_cindy.commitment_date = self.delivery + timedelta(days=10)
        self.assertEqual(plan.date_delivery, self.company_today + timedelta(days=40))
        self.assertEqual(
            min(plan.milestone_ids.mapped("planned_date")), self.company_today - timedelta(days=20)
        )

    def test_most_specific_template_wins(self):
        incoterm = self.env.ref("account.incoterm_FOB")
        category = self.env["product.category"].create({"name": "Lanterns"})
        child = self.env["product.category"].create({"name": "Solar lanterns", "parent_id": category.id})
        self.product.categ_id = child
        by_incoterm = self._template("FOB", incoterm_id=incoterm.id)
        by_category = self._template("Lanterns", categ_id=category.id)
        by_customer = self._template("Alpha", partner_id=self.alpha.id)
        other_category = self._template(
            "Other", categ_id=self.env["product.category"].create({"name": "X"}).id
        )
        Template = self.env["sale.followup.template"]
        order = self.order_amy_by_cindy
        order.incoterm = incoterm
        self.assertEqual(Template._select_for_order(order), by_customer)
        by_customer.active = False
        self.assertEqual(Template._select_for_order(order), by_category, "the subcategory matches")
        by_category.active = False
        self.assertEqual(Template._select_for_order(order), by_incoterm)
        order.incoterm = self.env.ref("account.incoterm_EXW")
        self.assertEqual(Template._select_for_order(order), self.template, "the general template")
        self.assertNotEqual(Template._select_for_order(order), other_category)

    def test_done_in_the_future_is_refused(self):
        (plan,) = self._confirm(self.order_amy_by_cindy)
        milestone = plan.milestone_ids[0].with_user(self.cindy)
        with self.assertRaisesMessage(ValidationError, "in the future"):
            milestone.date_done = self.company_today + timedelta(days=1)
        self.assertFalse(milestone.date_done)
        self.assertRpcAnswer(milestone.action_mark_done())
        self.assertEqual(milestone.date_done, self.company_today)
        (other_plan,) = self._confirm(self.order_ben_by_cindy)
        with self.assertRaisesMessage(UserError, "another order"):
            milestone.plan_id = other_plan
        self.assertEqual(milestone.plan_id, plan)

    def test_late_cron_twice_gives_one_activity_closed_when_done(self):
        (plan,) = self._confirm(self.order_amy_by_cindy)
        pi = plan.milestone_ids.filtered(lambda m: m.name == "PI signed")
        Milestone = self.env["sale.followup.milestone"]
        messages_before = len(self.order_amy_by_cindy.message_ids)
        Milestone._cron_notify_late()
        Milestone._cron_notify_late()
        activities = self.env["mail.activity"].search(
            [("res_model", "=", Milestone._name), ("res_id", "in", plan.milestone_ids.ids)]
        )
        self.assertEqual(len(activities), 1, "one activity, for the only late milestone")
        self.assertEqual(
            (activities.res_id, activities.user_id, activities.activity_type_id),
            (pi.id, self.amy, self.env.ref(LATE)),
        )
        notes = self.order_amy_by_cindy.message_ids[
            : len(self.order_amy_by_cindy.message_ids) - messages_before
        ]
        self.assertEqual(len(notes), 1, "one note to the salesperson")
        self.assertIn(self.amy.partner_id, notes.partner_ids)
        self.assertIn("PI signed", notes.body)
        self.assertEqual(Milestone.with_user(self.amy).search([("is_late", "=", True)]), pi)
        pi.with_user(self.amy).action_mark_done()
        self.assertFalse(pi.activity_ids)
        self.assertFalse(Milestone.search([("is_late", "=", True), ("plan_id", "=", plan.id)]))
        Milestone._cron_notify_late()
        self.assertFalse(pi.activity_ids, "a done milestone is never warned again")

    def test_late_warning_goes_when_the_delivery_date_moves_later(self):
        (plan,) = self._confirm(self.order_amy_by_cindy)
        pi = plan.milestone_ids.filtered(lambda m: m.name == "PI signed")
        self.env["sale.followup.milestone"]._cron_notify_late()
        self.assertTrue(pi.activity_ids)
        self.order_amy_by_cindy.commitment_date = self.delivery + timedelta(days=60)
        self.assertFalse(pi.is_late)
        self.assertFalse(pi.activity_ids)

    def test_cancelling_the_order_drops_the_warnings(self):
        (plan,) = self._confirm(self.order_amy_by_cindy)
        self.env["sale.followup.milestone"]._cron_notify_late()
        self.order_amy_by_cindy._action_cancel()
        self.assertFalse(plan.milestone_ids.activity_ids)

    def test_access_of_every_role(self):
        plans = self._confirm(*self.orders)
        by_order = dict(zip(self.orders, plans, strict=True))
        expected = {
            self.amy: self.order_amy_by_cindy | self.order_amy_by_david | self.order_amy_own,
            self.ben: self.order_ben_by_cindy,
            self.carl: self.order_carl_own,
            self.cindy: self.order_amy_by_cindy | self.order_ben_by_cindy,
            self.david: self.order_amy_by_david,
            self.eva: self.env["sale.order"],
            self.mona: self.orders - self.order_carl_own,
            self.all_docs: self.orders,
            self.sales_admin: self.orders,
        }
        for user, orders in expected.items():
            for model in ("sale.followup.plan", "sale.followup.milestone"):
                Model = self.env[model].with_user(user)
                domain = [("order_id", "in", self.orders.ids)]
                with self.subTest(user=user.name, model=model):
                    self.assertEqual(Model.search(domain).order_id, orders)
                    self.assertEqual(
                        sum(count for __, count in Model._read_group(domain, ["order_id"], ["__count"])),
                        len(Model.search(domain)),
                    )
            hidden = self.orders - orders
            if hidden:
                with (
                    self.subTest(user=user.name, hidden=hidden.mapped("name")),
                    self.assertRaises(AccessError),
                ):
                    by_order[hidden[0]].milestone_ids[0].with_user(user).date_done = self.company_today
        for outsider in (self.employee, self.portal):
            for model in ("sale.followup.plan", "sale.followup.milestone", "sale.followup.template"):
                with self.subTest(user=outsider.name, model=model), self.assertRaises(AccessError):
                    self.env[model].with_user(outsider).search_count([])

    def test_users_cannot_forge_plans_or_warnings(self):
        (plan,) = self._confirm(self.order_amy_by_cindy)
        milestone = plan.milestone_ids[0]
        for user in (self.amy, self.cindy, self.mona):
            with self.subTest(user=user.name):
                with self.assertRaises(AccessError):
                    self.env["sale.followup.plan"].with_user(user).create({"order_id": self.order_amy_own.id})
                with self.assertRaises(AccessError):
                    milestone.with_user(user).write({"late_notified": True})
                with self.assertRaises(AccessError):
                    plan.with_user(user).date_delivery = self.company_today
                with self.assertRaises(AccessError):
                    self.template.with_user(user).line_ids = [Command.create({"name": "X"})]
        # An assistant adds a milestone to an order they follow, not to another one.
        extra = (
            self.env["sale.followup.milestone"]
            .with_user(self.cindy)
            .create(
                {"plan_id": plan.id, "name": "Label approval", "lead_days": 20, "owner_id": self.cindy.id}
            )
        )
        self.assertEqual(extra.planned_date, self.company_today + timedelta(days=10))
        (david_plan,) = self._confirm(self.order_amy_by_david)
        with self.assertRaises(AccessError):
            self.env["sale.followup.milestone"].with_user(self.cindy).create(
                {"plan_id": david_plan.id, "name": "X"}
            )
