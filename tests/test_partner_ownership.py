# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form

from .common import SaleAssistantCase


class TestPartnerOwnership(SaleAssistantCase):
    """Salespeople own customers and factories and assign them to their assistants; a pure
    assistant only uses them and adds contacts under those assigned to them."""

    def test_pure_assistant_cannot_create_customer_or_factory(self):
        Partner = self.env["res.partner"].with_user(self.cindy)
        count = Partner.sudo().search_count([])
        with self.assertRaisesMessage(AccessError, "Sales assistants cannot create customers or factories"):
            Partner.create({"name": "New Customer", "is_company": True})
        with self.assertRaisesMessage(AccessError, "cannot create customers or factories"):
            Partner.create({"name": "New Factory", "is_company": True, "is_factory": True})
        with self.assertRaisesMessage(AccessError, "cannot create customers or factories"):
            Partner.name_create("Quick Customer")
        result = Partner.load(["name"], [["Imported Customer"]])
        self.assertFalse(result["ids"])
        self.assertIn("cannot create customers or factories", result["messages"][0]["message"])
        self.assertEqual(Partner.sudo().search_count([]), count)

    def test_pure_assistant_adds_contacts_under_assigned_customers_only(self):
        Partner = self.env["res.partner"].with_user(self.cindy)
        contact = Partner.create({"name": "Alpha Engineer", "parent_id": self.alpha.id})
        self.assertEqual(contact.assistant_ids, self.cindy | self.david)
        address = Partner.create({"name": "Alpha Warehouse", "parent_id": self.alpha.id, "type": "delivery"})
        self.assertEqual(address.commercial_partner_id, self.alpha)
        with self.assertRaisesMessage(AccessError, "Anchor Lights is not assigned to you. Ask its owner Amy"):
            Partner.create({"name": "Anchor Engineer", "parent_id": self.anchor.id})
        with self.assertRaisesMessage(AccessError, "Anchor Lights is not assigned to you"):
            contact.write({"parent_id": self.anchor.id})

    def test_pure_assistant_edits_assigned_customers_but_not_ownership(self):
        self.alpha.with_user(self.cindy).write({"phone": "+886 4 1234 5678"})
        self.assertEqual(self.alpha.phone, "+886 4 1234 5678")
        with self.assertRaisesMessage(AccessError, "Carlton Imports is not assigned to you"):
            self.carlton.with_user(self.cindy).write({"phone": "1"})
        for vals in (
            {"user_id": self.ben.id},
            {"assistant_ids": [Command.link(self.cindy.id)]},
            {"is_factory": True},
        ):
            with self.subTest(vals=vals), self.assertRaisesMessage(AccessError, "cannot change the owner"):
                self.alpha.with_user(self.cindy).write(vals)
        with self.assertRaises(AccessError):
            self.alpha_buyer.with_user(self.cindy).unlink()

    def test_owner_assigns_only_their_own_assistants(self):
        self.anchor.with_user(self.amy).write({"assistant_ids": [Command.link(self.cindy.id)]})
        self.assertEqual(self.anchor.assistant_ids, self.cindy | self.david)
        with self.assertRaisesMessage(ValidationError, "Eva cannot use Anchor Lights"):
            self.anchor.with_user(self.amy).write({"assistant_ids": [Command.link(self.eva.id)]})
        with self.assertRaisesMessage(AccessError, "Only the owner of Bravo Trading (Ben)"):
            self.bravo.with_user(self.amy).write({"assistant_ids": [Command.link(self.david.id)]})
        with self.assertRaisesMessage(AccessError, "Only the owner of Alpha Outdoor (Amy)"):
            self.alpha.with_user(self.carl).write({"assistant_ids": [Command.clear()]})

    def test_team_manager_and_admin_assign_in_their_jurisdiction(self):
        self.anchor.with_user(self.mona).write({"assistant_ids": [Command.link(self.cindy.id)]})
        self.assertIn(self.cindy, self.anchor.assistant_ids)
        outsider = self.env["res.partner"].create({"name": "Carl's Second", "user_id": self.carl.id})
        self.env["sale.assistant.assignment"].create(
            {"salesperson_id": self.carl.id, "assistant_id": self.eva.id}
        )
        with self.assertRaisesMessage(AccessError, "Only the owner of Carl's Second (Carl)"):
            outsider.with_user(self.mona).write({"assistant_ids": [Command.link(self.eva.id)]})
        outsider.with_user(self.sales_admin).write({"assistant_ids": [Command.link(self.eva.id)]})
        self.assertEqual(outsider.assistant_ids, self.eva)

    def test_contacts_follow_their_company(self):
        self.alpha.with_user(self.amy).write({"assistant_ids": [Command.unlink(self.david.id)]})
        self.assertEqual(self.alpha_buyer.assistant_ids, self.cindy)
        self.forge.with_user(self.amy).write({"child_ids": [Command.create({"name": "Forge Foreman"})]})
        self.assertTrue(self.forge.child_ids.is_factory)

    def test_changing_owner_requires_assistants_of_the_new_owner(self):
        with self.assertRaisesMessage(ValidationError, "David cannot use Alpha Outdoor"):
            self.alpha.with_user(self.mona).write({"user_id": self.ben.id})
        self.alpha.with_user(self.mona).write(
            {"user_id": self.ben.id, "assistant_ids": [Command.set(self.cindy.ids)]}
        )
        self.assertEqual(self.alpha.user_id, self.ben)

    def test_salesperson_and_hybrid_assistant_create_customers(self):
        customer = (
            self.env["res.partner"]
            .with_user(self.amy)
            .create(
                {
                    "name": "Amy's New Customer",
                    "user_id": self.amy.id,
                    "assistant_ids": [Command.link(self.cindy.id)],
                }
            )
        )
        self.assertEqual(customer.assistant_ids, self.cindy)
        self.cindy.groups_id += self.env.ref("base.group_partner_manager")
        own = self.env["res.partner"].with_user(self.cindy).create({"name": "Cindy's Own Customer"})
        own.with_user(self.cindy).write({"phone": "42"})
        self.carlton.with_user(self.cindy).write({"phone": "43"})
        self.assertEqual(self.carlton.phone, "43")

    def test_other_users_cannot_assign(self):
        with self.assertRaises(AccessError):
            self.alpha.with_user(self.employee).write({"assistant_ids": [Command.clear()]})
        with self.assertRaises(AccessError):
            self.alpha.with_user(self.portal).write({"assistant_ids": [Command.clear()]})

    def test_mass_assign_wizard(self):
        Wizard = self.env["sale.assistant.partner.assign"].with_user(self.amy)
        wizard = Wizard.with_context(
            active_model="res.partner", active_ids=(self.anchor | self.forge).ids
        ).create({"assistant_id": self.david.id})
        self.assertEqual(wizard.partner_ids, self.anchor | self.forge)
        wizard.action_apply()
        self.assertIn(self.david, self.forge.assistant_ids)
        Wizard.create(
            {
                "partner_ids": [Command.set(self.forge.ids)],
                "assistant_id": self.cindy.id,
                "operation": "remove",
            }
        ).action_apply()
        self.assertEqual(self.forge.assistant_ids, self.david)
        wizard = Wizard.create({"partner_ids": [Command.set(self.bravo.ids)], "assistant_id": self.david.id})
        with self.assertRaisesMessage(AccessError, "Only the owner of Bravo Trading (Ben)"):
            wizard.action_apply()

    def test_partner_form_shows_assistant_fields(self):
        form = Form(self.alpha.with_user(self.amy))
        self.assertEqual(form.assistant_ids[:], self.cindy | self.david)
        form.assistant_ids.remove(self.david.id)
        form.save()
        self.assertEqual(self.alpha.assistant_ids, self.cindy)

    def test_pure_assistant_cannot_turn_a_contact_into_a_customer(self):
        contact = (
            self.env["res.partner"]
            .with_user(self.cindy)
            .create({"name": "Alpha Branch", "parent_id": self.alpha.id})
        )
        for vals in ({"parent_id": False}, {"parent_id": False, "is_company": True, "name": "NewCo"}):
            with (
                self.subTest(vals=vals),
                self.assertRaisesMessage(AccessError, "cannot turn a contact into a customer"),
            ):
                contact.with_user(self.cindy).write(vals)
        self.assertEqual(contact.commercial_partner_id, self.alpha)

    def test_assign_wizard_offers_only_assistants_serving_every_owner(self):
        Wizard = self.env["sale.assistant.partner.assign"].with_user(self.mona)
        wizard = Wizard.create(
            {"partner_ids": [Command.set((self.alpha | self.bravo).ids)], "assistant_id": self.cindy.id}
        )
        # Cindy serves Amy and Ben, David only Amy.
        self.assertEqual(wizard.candidate_ids, self.cindy)
        wizard.partner_ids = self.anchor
        self.assertEqual(wizard.candidate_ids, self.cindy | self.david)
        wizard.operation = "remove"
        self.assertEqual(wizard.candidate_ids, self.david)
        wizard.partner_ids = self.carlton | self.anchor
        wizard.operation = "add"
        self.assertFalse(wizard.candidate_ids, "Carl has no assistant")

    def test_assign_wizard_says_what_it_did(self):
        wizard = (
            self.env["sale.assistant.partner.assign"]
            .with_user(self.amy)
            .create(
                {"partner_ids": [Command.set((self.anchor | self.forge).ids)], "assistant_id": self.david.id}
            )
        )
        action = self.assertRpcAnswer(wizard.action_apply())
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("David can now use 2 customer(s) or factory(ies)", action["params"]["message"])
