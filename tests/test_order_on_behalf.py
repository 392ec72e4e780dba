# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form
from odoo.tools.safe_eval import safe_eval

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

    def test_assistant_as_own_salesperson_uses_only_customers_they_own(self):
        # Eva is a pure assistant serving nobody: she owns no customer, so she can use none,
        # neither an unowned one nor another salesperson's, whoever she names as salesperson.
        walk_in = self.env["res.partner"].create({"name": "Walk-in Buyer"})
        Order = self.env["sale.order"].with_user(self.eva)
        with self.assertRaisesMessage(ValidationError, "Walk-in Buyer belongs to nobody, not to Eva"):
            Order.create({"partner_id": walk_in.id, "user_id": self.eva.id})
        with self.assertRaisesMessage(ValidationError, "Alpha Outdoor belongs to Amy, not to Eva"):
            Order.create({"partner_id": self.alpha.id, "user_id": self.eva.id})
        # Once she owns a customer, she uses it like a salesperson, without being its assistant.
        walk_in.user_id = self.eva
        order = Order.create({"partner_id": walk_in.id, "user_id": self.eva.id})
        self.assertEqual((order.user_id, order.assistant_id), (self.eva, self.env["res.users"]))
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
        # Read-only until a salesperson is chosen (and not merely hidden).
        with self.assertRaisesRegex(AssertionError, "^can't write on readonly field 'partner_id'$"):
            form.partner_id = self.alpha
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


class TestOrderDailyUse(SaleAssistantCase):
    """The quotation form as an assistant meets it: choices, filters, columns."""

    def test_factory_is_not_offered_nor_accepted_as_a_customer(self):
        for user in (self.amy, self.cindy):
            form = Form(self.env["sale.order"].with_user(user))
            form.user_id = self.amy
            offered = self.env["res.partner"].with_user(user).search(form.sale_customer_domain)
            self.assertIn(self.alpha, offered)
            self.assertNotIn(self.forge, offered)
        with self.assertRaisesMessage(ValidationError, "Amy's Forge is a factory, not a customer"):
            self.env["sale.order"].with_user(self.amy).create(self._order_vals(self.forge, self.amy))

    def test_customer_choices_are_the_salespersons_assigned_to_the_assistant(self):
        Partner = self.env["res.partner"].with_user(self.cindy)
        form = Form(self.env["sale.order"].with_user(self.cindy))
        self.assertEqual(Partner.search_count(form.sale_customer_domain), 0)
        form.user_id = self.amy
        self.assertEqual(Partner.search(form.sale_customer_domain), self.alpha | self.alpha_buyer)
        names = {name for _id, name in Partner.name_search("", form.sale_customer_domain)}
        self.assertEqual(names, {"Alpha Outdoor", "Alpha Outdoor, Alpha Buyer"})
        form.user_id = self.ben
        self.assertEqual(Partner.search(form.sale_customer_domain), self.bravo)
        self.assertEqual(Partner.search(form.sale_factory_domain), self.mill)
        # Naming herself as the salesperson gives her what she owns: nothing.
        form.user_id = self.cindy
        self.assertFalse(Partner.search(form.sale_customer_domain))

    def test_assistant_names_themselves_and_escapes_nothing(self):
        Order = self.env["sale.order"].with_user(self.cindy)
        with self.assertRaisesMessage(ValidationError, "Carlton Imports belongs to Carl, not to Cindy"):
            Order.create({"partner_id": self.carlton.id, "user_id": self.cindy.id})
        with self.assertRaisesMessage(ValidationError, "Alpha Outdoor belongs to Amy, not to Cindy"):
            self.order_amy_by_cindy.with_user(self.cindy).write({"user_id": self.cindy.id})
        with self.assertRaisesMessage(ValidationError, "Alpha Outdoor belongs to Amy, not to Cindy"):
            self.order_amy_by_cindy.with_user(self.cindy).copy({"user_id": self.cindy.id})
        own = self.env["res.partner"].create({"name": "Cindy's Own", "user_id": self.cindy.id})
        order = Order.create({"partner_id": own.id, "user_id": self.cindy.id})
        with self.assertRaisesMessage(ValidationError, "Amy's Forge belongs to Amy, not to Cindy"):
            order.write(
                {"order_line": [Command.create({"product_id": self.product.id, "factory_id": self.forge.id})]}
            )

    def _filter_domain(self, search_view_xmlid, filter_name):
        view = self.env.ref(search_view_xmlid)
        arch = self.env["sale.order"].with_user(self.cindy).get_view(view.id, "search")["arch"]
        node = etree.fromstring(arch).xpath(f"//filter[@name='{filter_name}']")[0]
        return safe_eval(node.get("domain"), {"uid": self.cindy.id})

    def test_my_quotations_and_orders_include_what_the_assistant_prepared(self):
        Order = self.env["sale.order"].with_user(self.cindy)
        for view, name in (
            ("sale.sale_order_view_search_inherit_quotation", "my_quotation"),
            ("sale.sale_order_view_search_inherit_sale", "my_sale_orders_filter"),
        ):
            mine = Order.search(self._filter_domain(view, name))
            self.assertEqual(mine, self.order_amy_by_cindy | self.order_ben_by_cindy, name)

    def test_form_shows_prepared_by_and_factory_column_to_assistants(self):
        def arch(user):
            views = self.env["sale.order"].with_user(user).get_views([(False, "form")])
            return etree.fromstring(views["views"]["form"]["arch"])

        main_group = arch(self.cindy).xpath("//group[@name='partner_details']")[0]
        self.assertTrue(main_group.xpath("field[@name='assistant_id']"))
        factory = "//field[@name='order_line']//list/field[@name='factory_id']"
        self.assertEqual(arch(self.cindy).xpath(factory)[0].get("optional"), "show")
        self.assertEqual(arch(self.amy).xpath(factory)[0].get("optional"), "hide")
        self.assertEqual(
            arch(self.cindy)
            .xpath("//group[@name='partner_details']/field[@name='partner_id']")[0]
            .get("can_create"),
            "False",
        )
