# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer transfer requests: who asks, who sees, who decides, and the ways around it."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user

from .common import SaleAssistantCase

ACTIVITY = "sale_assistant.mail_activity_type_protection_request"


class TestProtectionRequest(SaleAssistantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zenith = cls.env["res.partner"].create(
            {
                "name": "Zenith Outdoor Co., Ltd.",
                "is_company": True,
                "user_id": cls.amy.id,
                "vat": "TW87654321",
            }
        )
        cls.loose = cls.env["res.partner"].create({"name": "Loose Lead Ltd", "is_company": True})
        cls.env["res.config.settings"].create({"sale_protect_customers": True}).execute()
        cls.Request = cls.env["sale.protection.transfer.request"]

    def _ask(self, user=None, name="Zenith Outdoor", **vals):
        return self.Request.with_user(user or self.ben).create(
            {"partner_name": name, "reason": "They called me first", **vals}
        )

    def _sent(self, **kwargs):
        request = self._ask(**kwargs)
        self.assertRpcAnswer(request.action_request())
        return request

    def _activities(self, request):
        return self.env["mail.activity"].search(
            [("res_model", "=", request._name), ("res_id", "=", request.id)]
        )

    # The happy paths --------------------------------------------------------------------------

    def test_request_finds_the_hidden_customer_and_keeps_it_hidden(self):
        request = self._ask(name="ZENITH OUTDOOR LIMITED")
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.sudo().partner_id, self.zenith)
        self.assertEqual(
            (request.requester_id, request.owner_id, request.approver_id), (self.ben, self.amy, self.mona)
        )
        as_ben = request.with_user(self.ben)
        self.assertEqual(as_ben.read(["partner_name"])[0]["partner_name"], "ZENITH OUTDOOR LIMITED")
        self.assertEqual(as_ben.display_name, "ZENITH OUTDOOR LIMITED for Ben")
        with self.assertRaises(AccessError):
            as_ben.read(["partner_id"])
        with self.assertRaises(AccessError):
            self.zenith.with_user(self.ben).read(["name"])
        # By another key than the name: the name shown is still what Ben typed.
        other = self._ask(user=self.carl, name="The lantern people", typed_vat="tw 8765 4321")
        self.assertEqual(other.sudo().partner_id, self.zenith)
        self.assertEqual(other.with_user(self.carl).display_name, "The lantern people for Carl")

    def test_approval_moves_the_customer_and_closes_the_activity(self):
        request = self._sent()
        activity = self._activities(request)
        self.assertEqual(activity.user_id, self.mona)
        self.assertEqual(activity.activity_type_id, self.env.ref(ACTIVITY))
        self.assertRpcAnswer(request.with_user(self.mona).action_approve())
        self.assertEqual(request.state, "approved")
        self.assertEqual((request.decided_by_id, self.zenith.user_id), (self.mona, self.ben))
        self.assertTrue(request.date_decision)
        self.assertFalse(self._activities(request))
        self.assertIn("transfer request approved by Mona", self.zenith.message_ids[0].body)
        self.zenith.with_user(self.ben).read(["name"])  # Ben's now

    def test_competing_requests_are_not_approved_together(self):
        requests = self._sent() | self._sent(user=self.carl)
        with self.assertRaisesMessage(UserError, "one transfer request per customer"):
            requests.with_user(self.mona).action_approve()
        self.assertEqual(
            (set(requests.sudo().mapped("state")), self.zenith.user_id), ({"requested"}, self.amy)
        )

    def test_approval_refuses_the_other_open_requests_for_the_customer(self):
        granted = self._sent()
        competing = self._sent(user=self.carl)
        self.assertRpcAnswer(granted.with_user(self.mona).action_approve())
        self.assertEqual(competing.state, "refused")
        self.assertFalse(self._activities(competing))
        notes = "".join(competing.message_ids.mapped("body"))
        self.assertIn("Zenith Outdoor now belongs to Ben", notes)

    def test_refusal_and_withdrawal_close_the_activity_and_move_nothing(self):
        refused = self._sent()
        self.assertRpcAnswer(refused.with_user(self.mona).action_refuse())
        self.assertEqual((refused.state, self.zenith.user_id), ("refused", self.amy))
        self.assertFalse(self._activities(refused))
        withdrawn = self._sent()
        self.assertRpcAnswer(withdrawn.with_user(self.ben).action_cancel())
        self.assertEqual(withdrawn.state, "cancel")
        self.assertFalse(self._activities(withdrawn))
        self.assertEqual(self.zenith.user_id, self.amy)

    def test_sales_admin_decides_when_no_team_manager_does(self):
        carlton_request = self._sent(name="Carlton Imports")
        # Carl is in no team: a sales administrator gets the request to decide.
        self.assertTrue(carlton_request.approver_id.has_group("sales_team.group_sale_manager"))
        self.assertEqual(self._activities(carlton_request).user_id, carlton_request.approver_id)
        with self.assertRaises(AccessError):
            carlton_request.with_user(self.mona).action_approve()  # reads it (Ben's manager), may not decide
        self.assertRpcAnswer(carlton_request.with_user(self.sales_admin).action_approve())
        self.assertEqual(self.carlton.user_id, self.ben)

    def test_the_form_as_the_duplicate_check_opens_it(self):
        context = self.Request._sale_new_request_action(
            self.env["res.partner"].new({"name": "Zenith Outdoor", "vat": "TW87654321"})
        )["context"]
        with Form(self.Request.with_user(self.ben).with_context(**context)) as form:
            self.assertEqual((form.partner_name, form.typed_vat), ("Zenith Outdoor", "TW87654321"))
            form.reason = "Met them at the fair"
        request = form.record
        self.assertRpcAnswer(request.action_request())
        self.assertEqual((request.state, request.sudo().partner_id), ("requested", self.zenith))
        # The link to the customer is there for those who may open the customer only.
        nothing = self.env["res.partner"]
        for user, link in ((self.ben, nothing), (self.amy, self.zenith), (self.mona, self.zenith)):
            as_user = request.with_user(user)
            self.assertEqual(as_user.visible_partner_id, link, user.name)
            form = as_user.get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertNotIn('name="partner_id"', form)
            self.assertIn('name="visible_partner_id"', form)

    # Who sees what ----------------------------------------------------------------------------

    def test_who_reads_a_request_through_every_door(self):
        request = self._sent()
        readers = {
            "requester": (self.ben, True),
            "owner": (self.amy, True),
            "owner's team manager": (self.mona, True),
            "all documents": (self.all_docs, True),
            "sales admin": (self.sales_admin, True),
            "other salesperson": (self.carl, False),
            "assistant of both": (self.cindy, False),
        }
        for role, (user, sees) in readers.items():
            with self.subTest(role=role):
                Request = self.Request.with_user(user)
                domain = [("id", "=", request.id)]
                self.assertEqual(Request.search_count(domain), int(sees))
                self.assertEqual(bool(Request.name_search("Zenith")), sees)
                groups = Request.read_group(domain, ["state"], ["state"])
                self.assertEqual(sum(g["state_count"] for g in groups), int(sees))
                if not sees:
                    with self.assertRaises(AccessError):
                        request.with_user(user).read(["partner_name"])
        with self.assertRaises(AccessError):
            self.Request.with_user(self.employee).search([])

    def test_team_manager_reads_by_owner_or_by_requester(self):
        by_owner = self._sent(user=self.carl)  # Carl is in no team; Zenith is Amy's
        by_requester = self._sent(name="Carlton Imports")  # Ben asks for Carl's customer
        Request = self.Request.with_user(self.mona)
        self.assertEqual(
            Request.search([("id", "in", (by_owner | by_requester).ids)]), by_owner | by_requester
        )
        self.assertTrue(by_owner.with_user(self.mona).may_decide)
        self.assertFalse(by_requester.with_user(self.mona).may_decide, "Carl is not in her teams")
        # A sales administrator writes any request (here: closes it for the requester).
        self.assertRpcAnswer(by_requester.with_user(self.sales_admin).action_cancel())
        self.assertEqual(by_requester.state, "cancel")

    def test_the_owner_follows_the_request(self):
        request = self._sent()
        self.assertIn(self.amy.partner_id, request.message_partner_ids)
        request.with_user(self.amy).message_post(body="I quoted them last week.")

    # Bad input --------------------------------------------------------------------------------

    def test_bad_requests_are_refused(self):
        existing = self.Request.search_count([])  # the demo data's, if any
        cases = [
            (self.amy, "Zenith Outdoor", "already yours"),
            (self.ben, "Loose Lead", "No customer or factory of another salesperson matches"),
            (self.ben, "Nobody Known", "No customer or factory of another salesperson matches"),
            (self.cindy, "Zenith Outdoor", "ask your salesperson"),
        ]
        for user, name, message in cases:
            with self.subTest(user=user.name, name=name), self.assertRaisesMessage(UserError, message):
                self._ask(user=user, name=name)
        self._ask()
        with self.assertRaisesMessage(UserError, "already have an open transfer request"):
            self._ask(name="Zenith Outdoor Ltd")
        self.assertEqual(self.Request.search_count([]), existing + 1)

    def test_a_team_manager_is_not_told_the_name_of_a_customer_they_may_not_open(self):
        # Mona asks for Carl's customer (outside her team); Ben, of her team, asks too.
        self.carlton.vat = "TW11223344"
        mona_request = self._sent(user=self.mona, name="The lantern importers", typed_vat="TW11223344")
        ben_request = self._sent(name="Carl's big customer", typed_vat="TW 1122 3344")
        self.assertEqual(ben_request.sudo().partner_id, self.carlton)
        for request in (mona_request, ben_request):
            as_mona = request.with_user(self.mona)
            with self.subTest(request=request.partner_name):
                self.assertFalse(as_mona.visible_partner_id)
                values = as_mona.web_read({"visible_partner_id": {"fields": {"display_name": {}}}})[0]
                self.assertFalse(values["visible_partner_id"])
                self.assertNotIn("Carlton", str(as_mona.read()[0]))
                with self.assertRaises(AccessError):
                    as_mona.read(["partner_id"])
        self.assertEqual(self.carlton.with_user(self.sales_admin).sale_transfer_request_count, 2)
        # Her own team's customer: the count and the list on the customer's form.
        bravo_request = self._sent(user=self.carl, name="Bravo Trading")
        as_mona = self.bravo.with_user(self.mona)
        self.assertEqual(as_mona.sale_transfer_request_count, 1)
        domain = as_mona.action_view_sale_transfer_requests()["domain"]
        self.assertEqual(self.Request.with_user(self.mona).search(domain), bravo_request)
        self.assertEqual(bravo_request.with_user(self.mona).visible_partner_id, self.bravo)
        self.assertEqual(ben_request.with_user(self.sales_admin).visible_partner_id, self.carlton)

    def test_a_request_by_typed_keys_needs_the_typed_name(self):
        # Else it would be named after the hidden customer, for the requester to read.
        for vals in ({"typed_vat": "TW87654321"}, {"partner_name": "", "typed_vat": "TW87654321"}):
            with self.subTest(vals=vals), self.assertRaisesMessage(UserError, "Type the name"):
                self.Request.with_user(self.ben).create({"reason": "They called me first", **vals})
        self.assertFalse(self.Request.search([("requester_id", "=", self.ben.id)]))

    def test_unowned_customer_given_by_a_manager_is_refused(self):
        with self.assertRaisesMessage(UserError, "free to take"):
            self._ask(user=self.mona, name="Loose", partner_id=self.loose.id)

    def test_only_the_owners_team_manager_or_an_admin_decides(self):
        request = self._sent()
        for user in (self.ben, self.amy, self.all_docs):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                request.with_user(user).action_approve()
        with self.assertRaises(AccessError):
            request.with_user(self.carl).action_refuse()
        self.assertEqual((request.state, self.zenith.user_id), ("requested", self.amy))
        self.assertFalse(request.with_user(self.ben).may_decide)
        self.assertTrue(request.with_user(self.mona).may_decide)

    def test_the_team_manager_does_not_approve_their_own_request(self):
        mona_request = self._sent(user=self.mona, name="Bravo Trading", partner_id=self.bravo.id)
        self.assertNotEqual(mona_request.approver_id, self.mona)
        self.assertTrue(mona_request.approver_id.has_group("sales_team.group_sale_manager"))
        with self.assertRaises(AccessError):
            mona_request.with_user(self.mona).action_approve()

    def test_a_request_closes_when_the_customer_changes_hands_another_way(self):
        # A portfolio transfer (or the public pool) gives Zenith to Carl: Ben's request is refused.
        moved = self._sent()
        self.zenith._sale_change_owner(self.carl, "Portfolio transfer")
        self.assertEqual((moved.state, moved.decided_by_id), ("refused", self.env.user))
        self.assertFalse(self._activities(moved))
        self.assertIn("Zenith Outdoor now belongs to Carl", "".join(moved.message_ids.mapped("body")))
        with self.assertRaisesMessage(UserError, "cannot be approved"):
            moved.with_user(self.mona).action_approve()
        self.assertEqual(self.zenith.user_id, self.carl)
        # A sales administrator gives Carlton to Ben by hand: Ben's request is withdrawn, not refused.
        given = self._sent(name="Carlton Imports")
        pooled = self._sent(user=self.amy, name="Carlton Imports")
        self.carlton.with_user(self.sales_admin).write({"user_id": self.ben.id})
        self.assertEqual(given.state, "cancel")
        self.assertEqual(pooled.state, "refused")
        self.assertFalse(self._activities(given) or self._activities(pooled))
        # Saving the same owner again changes no hands: the open request stays.
        kept = self._sent(user=self.carl, name="Bravo Trading")
        self.bravo.with_user(self.sales_admin).write({"user_id": self.ben.id})
        self.assertEqual(kept.state, "requested")
        self.assertTrue(self._activities(kept))

    def test_wrong_state_transitions_are_refused(self):
        request = self._ask()
        with self.assertRaisesMessage(UserError, "cannot be approved"):
            request.with_user(self.mona).action_approve()
        request.action_request()
        with self.assertRaisesMessage(UserError, "cannot be sent"):
            request.with_user(self.ben).action_request()
        request.with_user(self.mona).action_refuse()
        with self.assertRaisesMessage(UserError, "cannot be cancelled"):
            request.with_user(self.ben).action_cancel()

    # Ways around ------------------------------------------------------------------------------

    def test_bypass_attempts(self):
        request = self._ask()
        as_ben = request.with_user(self.ben)
        for vals in ({"state": "approved"}, {"decided_by_id": self.ben.id}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_ben.write(vals)
        for vals in ({"owner_id": self.carl.id}, {"partner_name": "Other"}, {"approver_id": self.ben.id}):
            with self.subTest(vals=vals), self.assertRaisesMessage(UserError, "make a new request"):
                as_ben.write(vals)
        with self.assertRaises(UserError):
            self._ask(name="Bravo Trading", state="approved")
        # Asking for someone else, or naming the hidden customer by its id.
        with self.assertRaises(AccessError):
            self._ask(name="Carlton Imports", requester_id=self.carl.id)
        for user in (self.ben, self.mona):
            with self.subTest(user=user.name), self.assertRaisesMessage(UserError, "not its reference"):
                self._ask(user=user, name="Anything", partner_id=self.carlton.id)
        # A copy is a new request: the one-open-request rule holds.
        with self.assertRaisesMessage(UserError, "already have an open transfer request"):
            as_ben.copy()
        as_ben.write({"reason": "Better reason"})
        as_ben.action_request()
        with self.assertRaisesMessage(UserError, "cannot be changed once it is sent"):
            as_ben.write({"reason": "Changed my story"})
        self.assertEqual(self.zenith.user_id, self.amy)

    def test_owner_and_manager_cannot_edit_or_delete(self):
        request = self._sent()
        for user in (self.amy, self.mona):
            with self.subTest(user=user.name):
                with self.assertRaises(AccessError):
                    request.with_user(user).write({"reason": "Mine"})
                with self.assertRaises(AccessError):
                    request.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    request.with_user(user).action_cancel()
        with self.assertRaises(AccessError):
            request.with_user(self.ben).unlink()

    def test_approving_leaves_only_the_new_owners_assistants(self):
        self.zenith.write({"assistant_ids": [Command.set(self.david.ids)]})  # David serves Amy only
        request = self._sent()
        request.with_user(self.mona).action_approve()
        self.assertFalse(self.zenith.assistant_ids)

    def test_other_company_requests_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other Export Co"})
        boss = new_test_user(
            self.env,
            "t_other_admin",
            "base.group_user,sales_team.group_sale_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        request = self._sent()
        self.assertFalse(self.Request.with_user(boss).search([("id", "=", request.id)]))
