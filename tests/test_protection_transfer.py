# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Portfolio transfer: what moves, who may do it, the log nobody can change, scheduled transfers
and bad input that changes nothing."""

from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user

from .common import SALESMAN, SaleAssistantCase


class TestProtectionTransfer(SaleAssistantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # A confirmed order still to deliver and one fully delivered, both Amy's.
        cls.order_undelivered = cls._order(cls.anchor, cls.amy, cls.david)
        cls.order_undelivered.action_confirm()
        cls.order_delivered = cls._order(cls.alpha, cls.amy)
        cls.order_delivered.action_confirm()
        picking = cls.order_delivered.picking_ids
        picking.move_ids.write({"quantity": 2, "picked": True})
        picking.button_validate()
        sample_vals = {
            "partner_id": cls.alpha.id,
            "user_id": cls.amy.id,
            "kind": "brochure",
            "line_ids": [Command.create({"product_id": cls.product.id, "quantity": 1})],
        }
        cls.sample_open = env["sale.sample"].create({**sample_vals, "assistant_id": cls.david.id})
        cls.sample_done = env["sale.sample"].create({**sample_vals, "state": "cancel"})
        complaint_vals = {
            "partner_id": cls.anchor.id,
            "user_id": cls.amy.id,
            "category_id": env.ref("sale_assistant.complaint_category_late").id,
            "description": "Late again.",
        }
        cls.complaint_open = env["sale.complaint"].create(complaint_vals)
        cls.complaint_done = env["sale.complaint"].create(
            {**complaint_vals, "state": "rejected", "reject_reason": "Not our fault."}
        )
        todo = "mail.mail_activity_data_todo"
        cls.activity_alpha = cls.alpha.activity_schedule(todo, user_id=cls.amy.id, summary="Call Alpha")
        cls.activity_alpha_mona = cls.alpha.activity_schedule(todo, user_id=cls.mona.id, summary="Mona's")
        cls.activity_order = cls.order_amy_own.activity_schedule(todo, user_id=cls.amy.id, summary="Quote")
        cls.activity_elsewhere = cls.order_carl_own.activity_schedule(
            todo, user_id=cls.amy.id, summary="Help"
        )
        cls.Transfer = env["sale.protection.transfer"]

    def _wizard(self, user=None, **values):
        vals = {
            "from_user_id": self.amy.id,
            "to_user_ids": [Command.set(self.ben.ids)],
            "reason": "Amy leaves the company",
            **values,
        }
        return self.env["sale.protection.transfer.wizard"].with_user(user or self.mona).create(vals)

    def _transfer(self, user=None, **values):
        action = self.assertRpcAnswer(self._wizard(user, **values).action_confirm())
        return self.Transfer.browse(action["res_id"])

    def _amy_snapshot(self):
        """What belongs to Amy, to check that refused transfers changed nothing."""
        return (
            self.env["res.partner"].search_count([("user_id", "=", self.amy.id)]),
            self.env["sale.order"].search_count([("user_id", "=", self.amy.id)]),
            self.env["sale.sample"].search_count([("user_id", "=", self.amy.id)]),
            self.env["sale.complaint"].search_count([("user_id", "=", self.amy.id)]),
            self.env["mail.activity"].search_count([("user_id", "=", self.amy.id)]),
            self.Transfer.search_count([]),
            self.env["sale.protection.transfer.line"].search_count([]),
        )

    # What moves --------------------------------------------------------------------------------

    def test_transfer_now_moves_each_scope_and_logs_it(self):
        notes = self.order_amy_by_david.message_ids
        transfer = self._transfer()
        self.assertEqual(transfer.state, "done")
        self.assertTrue(transfer.date_done)
        self.assertEqual(transfer.requested_by_id, self.mona)
        # Customers and factories: new owner, assistants kept only if they serve Ben.
        self.assertEqual((self.alpha | self.anchor | self.forge).user_id, self.ben)
        self.assertEqual(self.alpha.assistant_ids, self.cindy)
        self.assertFalse(self.anchor.assistant_ids)
        self.assertEqual(self.forge.assistant_ids, self.cindy)
        self.assertEqual(self.carlton.user_id, self.carl)
        self.assertIn("Amy leaves the company", self.alpha.message_ids[0].body)
        self.assertIn(self.ben.partner_id, self.alpha.message_partner_ids)
        # Open quotations and undelivered orders; who prepared them stays if they serve Ben.
        moved = (
            self.order_amy_by_cindy | self.order_amy_by_david | self.order_amy_own | self.order_undelivered
        )
        self.assertEqual(moved.user_id, self.ben)
        self.assertEqual(self.order_amy_by_cindy.assistant_id, self.cindy)
        self.assertFalse(self.order_amy_by_david.assistant_id)
        self.assertFalse(self.order_undelivered.assistant_id)
        self.assertEqual(self.order_delivered.user_id, self.amy)
        note = self.order_amy_by_david.message_ids - notes
        self.assertEqual(len(note), 1)
        self.assertIn("Amy leaves the company", note.body)
        self.assertIn("Ben", note.body)
        self.assertIn(self.ben.partner_id, self.order_amy_by_david.message_partner_ids)
        # Open samples and complaints only; a moved sample loses an assistant not serving Ben.
        self.assertEqual(self.sample_open.user_id, self.ben)
        self.assertFalse(self.sample_open.assistant_id)
        self.assertEqual(self.sample_done.user_id, self.amy)
        self.assertEqual(self.complaint_open.user_id, self.ben)
        self.assertEqual(self.complaint_done.user_id, self.amy)
        # Amy's activities on the records moved; not others' nor those on records staying.
        self.assertEqual((self.activity_alpha | self.activity_order).user_id, self.ben)
        self.assertEqual(self.activity_alpha_mona.user_id, self.mona)
        self.assertEqual(self.activity_elsewhere.user_id, self.amy)
        self.assertEqual(self.complaint_open.activity_ids.user_id, self.ben)
        # One line per record moved, named as it was.
        kinds = {}
        for line in transfer.line_ids:
            kinds.setdefault(line.kind, set()).add(line.res_id)
            self.assertEqual((line.from_user_id, line.to_user_id), (self.amy, self.ben))
        self.assertEqual(kinds["customer"], set((self.alpha | self.anchor).ids))
        self.assertEqual(kinds["factory"], set(self.forge.ids))
        self.assertEqual(
            kinds["quotation"],
            set((self.order_amy_by_cindy | self.order_amy_by_david | self.order_amy_own).ids),
        )
        self.assertEqual(kinds["order"], set(self.order_undelivered.ids))
        self.assertEqual(kinds["sample"], set(self.sample_open.ids))
        self.assertEqual(kinds["complaint"], set(self.complaint_open.ids))
        self.assertTrue(set((self.activity_alpha | self.activity_order).ids) <= kinds["activity"])
        self.assertNotIn("delivered_order", kinds)
        line = transfer.line_ids.filtered(
            lambda x: x.res_model == "res.partner" and x.res_id == self.alpha.id
        )
        self.assertEqual(line.record_name, "Alpha Outdoor")
        self.assertEqual(transfer.line_count, len(transfer.line_ids))

    def test_delivered_orders_move_only_when_ticked(self):
        self.assertEqual(self.order_delivered.delivery_status, "full")
        self._transfer(scope_delivered_orders=True, scope_partners=False, scope_orders=False)
        self.assertEqual(self.order_delivered.user_id, self.ben)
        self.assertEqual(self.alpha.user_id, self.amy)
        self.assertEqual(self.order_undelivered.user_id, self.amy)
        self.assertEqual(self.order_amy_own.user_id, self.amy)

    def test_unticked_scopes_stay(self):
        transfer = self._transfer(
            scope_partners=False, scope_orders=False, scope_complaints=False, scope_activities=False
        )
        self.assertEqual(self.sample_open.user_id, self.ben)
        self.assertEqual((self.alpha | self.forge).user_id, self.amy)
        self.assertEqual(self.order_amy_own.user_id, self.amy)
        self.assertEqual(self.complaint_open.user_id, self.amy)
        self.assertEqual(self.activity_alpha.user_id, self.amy)
        self.assertEqual(set(transfer.line_ids.mapped("kind")), {"sample"})

    def test_several_receivers_share_customers_evenly_with_their_documents(self):
        # In name order: Alpha Outdoor -> Ben, Amy's Forge -> Carl, Anchor Lights -> Ben.
        transfer = self._transfer(self.sales_admin, to_user_ids=[Command.set((self.carl | self.ben).ids)])
        self.assertEqual(self.alpha.user_id, self.ben)
        self.assertEqual(self.forge.user_id, self.carl)
        self.assertEqual(self.anchor.user_id, self.ben)
        self.assertFalse(self.forge.assistant_ids, "Cindy does not serve Carl")
        self.assertEqual((self.order_amy_own | self.order_amy_by_david).user_id, self.ben)
        self.assertEqual(self.complaint_open.user_id, self.ben)
        self.assertEqual(set(transfer.line_ids.to_user_id.ids), set((self.ben | self.carl).ids))

    def test_the_form_explains_sharing_only_with_several_receivers(self):
        wizard = self._wizard()
        self.assertFalse(wizard.several_receivers)
        wizard.to_user_ids = self.carl | self.ben
        self.assertTrue(wizard.several_receivers)

    def test_preview_counts_what_would_move(self):
        wizard = self._wizard()
        self.assertTrue(wizard.preview_allowed)
        self.assertEqual(
            (wizard.preview_customer, wizard.preview_factory, wizard.preview_quotation, wizard.preview_order),
            (2, 1, 3, 1),
        )
        self.assertEqual(
            (wizard.preview_delivered_order, wizard.preview_sample, wizard.preview_complaint), (0, 1, 1)
        )
        # Amy's activities on Alpha, her quotation and the complaint's call-back.
        self.assertEqual(wizard.preview_activity, 3)
        # Opened from a user (form button or the users list's Action menu): that user's portfolio.
        Wizard = self.env["sale.protection.transfer.wizard"].with_user(self.mona)
        opened = Wizard.with_context(active_model="res.users", active_id=self.ben.id).create(
            {"to_user_ids": [Command.set(self.amy.ids)], "reason": "Ben moves to Europe"}
        )
        self.assertEqual(opened.from_user_id, self.ben)
        self.assertEqual(opened.preview_customer, 1)
        # Someone who may not transfer Amy's portfolio sees no figures.
        outsider = self._wizard(self.all_docs)
        self.assertFalse(outsider.preview_allowed)
        self.assertEqual(outsider.preview_customer, 0)

    # Who may transfer --------------------------------------------------------------------------

    def test_only_the_team_manager_or_a_sales_admin_may_transfer(self):
        before = self._amy_snapshot()
        for user in (self.amy, self.cindy, self.employee):
            with self.assertRaises(AccessError):
                self._wizard(user)
        # All Documents reads everything but leads no team: not their call.
        with self.assertRaisesMessage(AccessError, "team manager of Amy"):
            self._wizard(self.all_docs).action_confirm()
        # Mona does not lead Carl; nor may she hand Amy's customers to him.
        with self.assertRaisesMessage(AccessError, "team manager of Carl"):
            self._wizard(from_user_id=self.carl.id).action_confirm()
        with self.assertRaisesMessage(AccessError, "not in the teams you lead"):
            self._wizard(to_user_ids=[Command.set(self.carl.ids)]).action_confirm()
        self.assertEqual(self._amy_snapshot(), before)
        self._transfer(self.sales_admin, from_user_id=self.carl.id, to_user_ids=[Command.set(self.amy.ids)])
        self.assertEqual(self.carlton.user_id, self.amy)

    def test_team_manager_transfers_a_salesperson_who_already_left(self):
        self.amy.action_archive()
        self._transfer()
        self.assertEqual(self.alpha.user_id, self.ben)

    def test_wizard_fields_written_over_rpc_are_checked_again(self):
        wizard = self._wizard()
        before = self._amy_snapshot()
        wizard.write({"from_user_id": self.carl.id})
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        wizard.write({"from_user_id": self.amy.id, "to_user_ids": [Command.set((self.ben | self.amy).ids)]})
        with self.assertRaises(ValidationError):
            wizard.action_confirm()
        wizard.write({"to_user_ids": [Command.set(self.ben.ids)], "effective_date": date(2000, 1, 1)})
        with self.assertRaises(ValidationError):
            wizard.action_confirm()
        other = self.env["res.company"].create({"name": "Other Export Co"})
        wizard.write({"effective_date": fields.Date.context_today(wizard), "company_id": other.id})
        with self.assertRaisesMessage(AccessError, "You do not work for Other Export Co"):
            wizard.action_confirm()
        self.assertEqual(self._amy_snapshot(), before)
        # The log itself is not created over RPC by anyone, whatever its values.
        for user in (self.mona, self.sales_admin):
            with self.assertRaises(AccessError):
                self.Transfer.with_user(user).create(
                    {
                        "from_user_id": self.amy.id,
                        "to_user_ids": [Command.set(self.ben.ids)],
                        "reason": "Forged",
                        "requested_by_id": user.id,
                        "state": "done",
                    }
                )

    # Bad input ---------------------------------------------------------------------------------

    def test_bad_input_is_refused_and_changes_nothing(self):
        dora = new_test_user(self.env, "t_dora", SALESMAN, name="Dora")
        self.team.crm_team_member_ids = [Command.create({"user_id": dora.id})]
        dora.action_archive()
        before = self._amy_snapshot()
        yesterday = fields.Date.context_today(self.env.user) - timedelta(days=2)
        cases = [
            (ValidationError, "to themselves", {"to_user_ids": [Command.set(self.amy.ids)]}),
            # Ben would be fine: the archived Dora beside him stops the whole transfer.
            (ValidationError, "Dora", {"to_user_ids": [Command.set((self.ben | dora).ids)]}),
            (ValidationError, "active salesperson", {"to_user_ids": [Command.set(self.employee.ids)]}),
            (ValidationError, "active salesperson", {"to_user_ids": [Command.set(self.portal.ids)]}),
            (
                ValidationError,
                "Choose what to transfer",
                {f"scope_{k}": False for k in ("partners", "orders", "samples", "complaints")},
            ),
            (ValidationError, "in the past", {"effective_date": yesterday}),
            (
                UserError,
                "nothing in the chosen scope",
                {
                    "from_user_id": self.ben.id,
                    "to_user_ids": [Command.set(self.amy.ids)],
                    "scope_partners": False,
                    "scope_orders": False,
                    "scope_samples": False,
                },
            ),
        ]
        for exception, message, values in cases:
            with self.subTest(message=message), self.assertRaisesMessage(exception, message):
                self._wizard(self.sales_admin, **values).action_confirm()
        # From nobody and no receiver (an RPC client can leave them empty in a draft wizard).
        Wizard = self.env["sale.protection.transfer.wizard"].with_user(self.mona)
        with self.assertRaisesMessage(ValidationError, "whose portfolio"):
            Wizard.new({"reason": "x", "to_user_ids": [Command.set(self.ben.ids)]})._sale_check_people()
        with self.assertRaisesMessage(ValidationError, "who receives"):
            Wizard.new({"reason": "x", "from_user_id": self.amy.id})._sale_check_people()
        self.assertEqual(self._amy_snapshot(), before)

    # The log -----------------------------------------------------------------------------------

    def test_nobody_can_change_delete_or_copy_the_log(self):
        transfer = self._transfer()
        line = transfer.line_ids[0]
        for env in (
            self.env,
            self.env(user=self.sales_admin),
            self.env(user=self.mona),
            self.env(user=self.amy),
        ):
            with self.subTest(user=env.user.name):
                log = transfer.with_env(env)
                with self.assertRaisesMessage(UserError, "nobody can change or delete it"):
                    log.write({"reason": "Rewritten"})
                with self.assertRaisesMessage(UserError, "nobody can change or delete it"):
                    log.write({"state": "scheduled"})
                with self.assertRaisesMessage(UserError, "nobody can change or delete it"):
                    log.unlink()
                with self.assertRaisesMessage(UserError, "cannot be duplicated"):
                    log.copy()
                with self.assertRaisesMessage(UserError, "nobody can change or delete it"):
                    line.with_env(env).write({"to_user_id": self.carl.id})
                with self.assertRaisesMessage(UserError, "nobody can change or delete it"):
                    line.with_env(env).unlink()
        self.assertEqual(transfer.reason, "Amy leaves the company")
        self.assertEqual(transfer.state, "done")
        self.assertTrue(line.exists())

    def test_who_reads_the_log(self):
        transfer = self._transfer()
        readers = (self.amy, self.ben, self.mona, self.all_docs, self.sales_admin)
        for user in readers:
            with self.subTest(user=user.name):
                self.assertEqual(self.Transfer.with_user(user).search([("id", "=", transfer.id)]), transfer)
                Line = self.env["sale.protection.transfer.line"].with_user(user)
                self.assertEqual(
                    Line.search_count([("transfer_id", "=", transfer.id)]), len(transfer.line_ids)
                )
        for user in (self.carl, self.cindy):
            with self.subTest(user=user.name):
                self.assertFalse(self.Transfer.with_user(user).search_count([]))
                self.assertFalse(self.env["sale.protection.transfer.line"].with_user(user).search_count([]))
                with self.assertRaises(AccessError):
                    transfer.with_user(user).read(["reason"])
        with self.assertRaises(AccessError):
            transfer.with_user(self.employee).read(["reason"])

    def test_a_transfer_of_another_company_stays_in_it(self):
        other = self.env["res.company"].create({"name": "Other Export Co"})
        (self.amy | self.ben | self.sales_admin).write({"company_ids": [Command.link(other.id)]})
        transfer = self._transfer(self.sales_admin, company_id=other.id, scope_activities=False)
        self.assertEqual(transfer.state, "done")
        # Nothing of Amy's is in that company: the main company's customers and orders stay hers.
        self.assertEqual(self.alpha.user_id, self.ben, "partners without a company are shared")
        self.assertEqual(self.order_amy_own.user_id, self.amy)
        for user in (self.mona, self.all_docs):
            with self.subTest(user=user.name):
                self.assertFalse(self.Transfer.with_user(user).search([("id", "=", transfer.id)]))
        self.assertEqual(
            self.Transfer.with_user(self.sales_admin).search([("id", "=", transfer.id)]), transfer
        )

    def test_a_line_opens_its_record_for_whoever_may_read_it(self):
        transfer = self._transfer()
        line = transfer.line_ids.filtered(
            lambda x: x.res_model == "sale.order" and x.res_id == self.order_amy_own.id
        )
        action = self.assertRpcAnswer(line.with_user(self.ben).action_open_record())
        self.assertEqual((action["res_model"], action["res_id"]), ("sale.order", self.order_amy_own.id))
        # Amy reads the log about her, not the order that is Ben's now.
        with self.assertRaises(AccessError):
            line.with_user(self.amy).action_open_record()

    # Scheduled transfers -----------------------------------------------------------------------

    def test_scheduled_transfer_runs_on_its_day_in_the_company_timezone(self):
        self.env.company.partner_id.tz = "Asia/Taipei"
        with freeze_time("2026-05-01 10:00:00"):  # 18:00 in Taipei
            transfer = self._transfer(effective_date=date(2026, 5, 2))
        self.assertEqual(transfer.state, "scheduled")
        self.assertFalse(transfer.line_ids)
        self.assertEqual(self.alpha.user_id, self.amy)
        with freeze_time("2026-05-01 15:59:00"):  # 23:59 in Taipei: not yet
            self.Transfer._cron_execute_due()
        self.assertEqual(transfer.state, "scheduled")
        self.assertEqual(self.alpha.user_id, self.amy)
        with freeze_time("2026-05-01 16:01:00"):  # 00:01 on the 2nd in Taipei
            self.Transfer._cron_execute_due()
        self.assertEqual(transfer.state, "done")
        self.assertEqual(self.alpha.user_id, self.ben)
        lines = transfer.line_ids
        self.assertTrue(lines)
        # Again: nothing more happens.
        with freeze_time("2026-05-02 16:01:00"):
            self.Transfer._cron_execute_due()
        self.assertEqual(transfer.line_ids, lines)

    def test_scheduled_transfer_can_be_cancelled_by_whoever_may_transfer(self):
        transfer = self._transfer(effective_date=fields.Date.context_today(self.env.user) + timedelta(days=3))
        with self.assertRaises(AccessError):
            transfer.with_user(self.amy).action_cancel()
        self.assertIs(transfer.with_user(self.mona).action_cancel(), True)
        self.assertEqual(transfer.state, "cancelled")
        with freeze_time(fields.Date.today() + timedelta(days=5)):
            self.Transfer._cron_execute_due()
        self.assertEqual(transfer.state, "cancelled")
        self.assertEqual(self.alpha.user_id, self.amy)
        with self.assertRaisesMessage(UserError, "is not scheduled"):
            transfer.with_user(self.mona).action_cancel()

    def test_cron_cancels_a_transfer_whose_receiver_left_and_moves_nothing(self):
        transfer = self._transfer(effective_date=fields.Date.context_today(self.env.user) + timedelta(days=1))
        self.ben.action_archive()
        with freeze_time(fields.Date.today() + timedelta(days=2)):
            self.Transfer._cron_execute_due()
        self.assertEqual(transfer.state, "cancelled")
        self.assertIn("Ben", transfer.cancel_reason)
        self.assertEqual(self.alpha.user_id, self.amy)
        self.assertFalse(transfer.line_ids)
