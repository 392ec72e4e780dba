# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form

from .common import SaleAssistantCase


class TestOrderOnBehalf(SaleAssistantCase):
    """An assistant makes contracts for the salespeople they serve, with their customers and
    factories assigned to them, whatever the path (form, RPC-style create/write, copy, import)."""

    def test_assistant_creates_order_for_served_salesperson(self):
        order = (
            self.env["sale.order"]
            .with_user(self.cindy)
            .create(self._order_vals(self.alpha, self.amy, self.forge))
        )
        self.assertEqual(order.user_id, self.amy)
        self.assertEqual(order.assistant_id, self.cindy)
        self.assertEqual(order.sale_contract_code, "T-1001")
        # The salesperson sees it, and so does the team manager.
        self.assertIn(order, self.env["sale.order"].with_user(self.amy).search([]))
        self.assertIn(order, self.env["sale.order"].with_user(self.mona).search([]))

    def test_assistant_cannot_pick_salesperson_they_do_not_serve(self):
        Order = self.env["sale.order"].with_user(self.cindy)
        with self.assertRaisesMessage(ValidationError, "You do not assist Carl"):
            Order.create(self._order_vals(self.carlton, self.carl))
        with self.assertRaisesMessage(ValidationError, "You do not assist Amy"):
            self.env["sale.order"].with_user(self.eva).create(self._order_vals(self.alpha, self.amy))
        self.assertFalse(
            self.env["sale.order"].search(
                [("partner_id", "=", self.carlton.id), ("assistant_id", "!=", False)]
            )
        )

    def test_assistant_cannot_pick_customer_not_assigned_to_them(self):
        Order = self.env["sale.order"].with_user(self.cindy)
        with self.assertRaisesMessage(
            ValidationError, "Anchor Lights is not assigned to you. Ask its owner Amy"
        ):
            Order.create(self._order_vals(self.anchor, self.amy))
        with self.assertRaisesMessage(ValidationError, "Bravo Trading belongs to Ben, not to Amy"):
            Order.create(self._order_vals(self.bravo, self.amy))
        # A contact person of an assigned customer is fine: it follows its company.
        order = Order.create(self._order_vals(self.alpha_buyer, self.amy))
        self.assertEqual(order.assistant_id, self.cindy)

    def test_assistant_cannot_pick_factory_not_assigned_to_them(self):
        Order = self.env["sale.order"].with_user(self.cindy)
        with self.assertRaisesMessage(ValidationError, "Ben's Mill belongs to Ben, not to Amy"):
            Order.create(self._order_vals(self.alpha, self.amy, self.mill))
        order = Order.create(self._order_vals(self.alpha, self.amy, self.forge))
        with self.assertRaisesMessage(ValidationError, "Ben's Mill belongs to Ben"):
            order.order_line.write({"factory_id": self.mill.id})
        with self.assertRaisesMessage(ValidationError, "is not a factory"):
            self.env["sale.order"].with_user(self.amy).create(
                self._order_vals(self.alpha, self.amy, self.anchor)
            )
        self.assertEqual(order.order_line.factory_id, self.forge)

    def test_assistant_cannot_claim_someone_else_prepared_it(self):
        vals = dict(self._order_vals(self.alpha, self.amy), assistant_id=self.david.id)
        with self.assertRaisesMessage(ValidationError, "is prepared by you"):
            self.env["sale.order"].with_user(self.cindy).create(vals)

    def test_changing_the_salesperson_later_is_checked(self):
        order = self.order_amy_by_cindy.with_user(self.cindy)
        with self.assertRaisesMessage(ValidationError, "You do not assist Carl"):
            order.write({"user_id": self.carl.id})
        with self.assertRaisesMessage(ValidationError, "Alpha Outdoor belongs to Amy, not to Ben"):
            order.write({"user_id": self.ben.id})
        order.write({"user_id": self.ben.id, "partner_id": self.bravo.id})
        self.assertEqual(
            (order.user_id, order.partner_id, order.assistant_id), (self.ben, self.bravo, self.cindy)
        )
        with self.assertRaisesMessage(ValidationError, "Anchor Lights"):
            order.write({"user_id": self.amy.id, "partner_id": self.anchor.id})

    def test_copy_follows_the_same_rules(self):
        copy = self.order_amy_by_cindy.with_user(self.cindy).copy()
        self.assertEqual((copy.user_id, copy.assistant_id), (self.amy, self.cindy))
        self.alpha.with_user(self.amy).write({"assistant_ids": [Command.unlink(self.cindy.id)]})
        with self.assertRaisesMessage(ValidationError, "Alpha Outdoor is not assigned to you"):
            self.order_amy_by_cindy.with_user(self.cindy).copy()

    def test_import_follows_the_same_rules(self):
        Order = self.env["sale.order"].with_user(self.cindy)
        fields = ["partner_id/.id", "user_id/.id"]
        result = Order.load(fields, [[str(self.anchor.id), str(self.amy.id)]])
        self.assertFalse(result["ids"])
        self.assertIn("Anchor Lights is not assigned to you", result["messages"][0]["message"])
        result = Order.load(fields, [[str(self.alpha.id), str(self.amy.id)]])
        self.assertEqual(Order.browse(result["ids"]).assistant_id, self.cindy)

    def test_assistant_makes_own_order_like_a_salesperson(self):
        walk_in = self.env["res.partner"].create({"name": "Walk-in Buyer"})
        order = self.env["sale.order"].with_user(self.eva).create({"partner_id": walk_in.id})
        self.assertEqual(order.user_id, self.eva)
        self.assertFalse(order.assistant_id)
        # A customer with an owner makes the order that owner's: Eva does not serve Carl.
        with self.assertRaisesMessage(ValidationError, "You do not assist Carl"):
            self.env["sale.order"].with_user(self.eva).create({"partner_id": self.carlton.id})

    def test_salesperson_and_manager_orders_are_not_prepared_by_assistant(self):
        order = self.env["sale.order"].with_user(self.amy).create(self._order_vals(self.anchor, self.amy))
        self.assertFalse(order.assistant_id)
        order = self.env["sale.order"].with_user(self.mona).create(self._order_vals(self.bravo, self.ben))
        self.assertFalse(order.assistant_id)
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.mona).create(self._order_vals(self.carlton, self.carl))
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.amy).create(self._order_vals(self.bravo, self.ben))

    def test_form_salesperson_first_then_assigned_customer(self):
        form = Form(self.env["sale.order"].with_user(self.cindy))
        self.assertTrue(form.sale_assistant_acting)
        with self.assertRaises(AssertionError):
            form.partner_id = self.alpha  # read-only until a salesperson is chosen
        form.user_id = self.amy
        form.partner_id = self.alpha
        self.assertEqual(form.user_id, self.amy)
        with form.order_line.new() as line:
            line.product_id = self.product
            line.factory_id = self.forge
        order = form.save()
        self.assertEqual((order.user_id, order.assistant_id), (self.amy, self.cindy))
        self.assertEqual(order.order_line.factory_id, self.forge)

    def test_form_salesperson_does_not_get_assistant_restrictions(self):
        form = Form(self.env["sale.order"].with_user(self.amy))
        self.assertFalse(form.sale_assistant_acting)
        form.partner_id = self.anchor
        self.assertEqual(form.user_id, self.amy)
        with form.order_line.new() as line:
            line.product_id = self.product
        self.assertFalse(form.save().assistant_id)

    def test_contract_code_is_searchable(self):
        found = self.env["sale.order"].with_user(self.mona).search([("sale_contract_code", "=", "T-1002")])
        self.assertEqual(found, self.order_ben_by_cindy)

    def test_assistant_confirms_and_follows_up_the_order(self):
        order = self.env["sale.order"].with_user(self.cindy).create(self._order_vals(self.alpha, self.amy))
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        message = order.message_post(body="Customer confirmed the delivery date.")
        self.assertEqual(message.author_id, self.cindy.partner_id)
