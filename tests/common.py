# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.base.controllers.rpc import dumps as rpc_dumps

SALESMAN = "base.group_user,base.group_partner_manager,sales_team.group_sale_salesman"
ASSISTANT = "base.group_user,sale_assistant.group_sale_assistant"
TEAM_MANAGER = "base.group_user,base.group_partner_manager,sale_assistant.group_sale_team_manager"


# After every module is installed, as pytest-odoo runs them: Odoo's runner gives the same result.
@tagged("post_install", "-at_install")
class SaleAssistantCase(TransactionCase):
    """A sales department built by the test itself (no demo data):

    - team manager Mona leads a team of Amy and Ben; Carl sells outside the team;
    - Cindy assists Amy and Ben, David assists Amy, Eva assists nobody (all pure assistants);
    - customers: Alpha (Amy's, Cindy+David), Anchor (Amy's, David), Bravo (Ben's, Cindy),
      Carlton (Carl's); factories: Amy's Forge (Cindy), Ben's Mill (Cindy);
    - orders of Amy prepared by Cindy and by David, Ben's prepared by Cindy, Amy's own, Carl's own.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        user = lambda login, groups, **kw: new_test_user(cls.env, login, groups, **kw)
        cls.mona = user("t_mona", TEAM_MANAGER, name="Mona")
        cls.amy = user("t_amy", SALESMAN, name="Amy", sale_contract_code="T-1001")
        cls.ben = user("t_ben", SALESMAN, name="Ben", sale_contract_code="T-1002")
        cls.carl = user("t_carl", SALESMAN, name="Carl")
        cls.cindy = user("t_cindy", ASSISTANT, name="Cindy")
        cls.david = user("t_david", ASSISTANT, name="David")
        cls.eva = user("t_eva", ASSISTANT, name="Eva")
        cls.all_docs = user("t_all", "base.group_user,sales_team.group_sale_salesman_all_leads", name="Allie")
        cls.sales_admin = user("t_admin", "base.group_user,sales_team.group_sale_manager", name="Adam")
        cls.employee = user("t_employee", "base.group_user", name="Emma")
        cls.portal = user("t_portal", "base.group_portal", name="Pete")

        cls.team = cls.env["crm.team"].create(
            {
                "name": "Test Export Team",
                "user_id": cls.mona.id,
                "crm_team_member_ids": [
                    Command.create({"user_id": cls.amy.id}),
                    Command.create({"user_id": cls.ben.id}),
                ],
            }
        )
        Assignment = cls.env["sale.assistant.assignment"]
        cls.cindy_amy = Assignment.create({"salesperson_id": cls.amy.id, "assistant_id": cls.cindy.id})
        cls.cindy_ben = Assignment.create({"salesperson_id": cls.ben.id, "assistant_id": cls.cindy.id})
        cls.david_amy = Assignment.create({"salesperson_id": cls.amy.id, "assistant_id": cls.david.id})

        Partner = cls.env["res.partner"]
        cls.alpha = Partner.create(
            {
                "name": "Alpha Outdoor",
                "is_company": True,
                "user_id": cls.amy.id,
                "assistant_ids": [Command.set((cls.cindy | cls.david).ids)],
            }
        )
        cls.alpha_buyer = Partner.create({"name": "Alpha Buyer", "parent_id": cls.alpha.id})
        cls.anchor = Partner.create(
            {
                "name": "Anchor Lights",
                "is_company": True,
                "user_id": cls.amy.id,
                "assistant_ids": [Command.set(cls.david.ids)],
            }
        )
        cls.bravo = Partner.create(
            {
                "name": "Bravo Trading",
                "is_company": True,
                "user_id": cls.ben.id,
                "assistant_ids": [Command.set(cls.cindy.ids)],
            }
        )
        cls.carlton = Partner.create({"name": "Carlton Imports", "is_company": True, "user_id": cls.carl.id})
        cls.forge = Partner.create(
            {
                "name": "Amy's Forge",
                "is_company": True,
                "is_factory": True,
                "user_id": cls.amy.id,
                "assistant_ids": [Command.set(cls.cindy.ids)],
            }
        )
        cls.mill = Partner.create(
            {
                "name": "Ben's Mill",
                "is_company": True,
                "is_factory": True,
                "user_id": cls.ben.id,
                "assistant_ids": [Command.set(cls.cindy.ids)],
            }
        )
        cls.product = cls.env["product.product"].create({"name": "Test Lantern", "list_price": 10.0})

        cls.order_amy_by_cindy = cls._order(cls.alpha, cls.amy, cls.cindy)
        cls.order_amy_by_david = cls._order(cls.anchor, cls.amy, cls.david)
        cls.order_ben_by_cindy = cls._order(cls.bravo, cls.ben, cls.cindy)
        cls.order_amy_own = cls._order(cls.alpha, cls.amy)
        cls.order_carl_own = cls._order(cls.carlton, cls.carl)
        cls.orders = (
            cls.order_amy_by_cindy
            | cls.order_amy_by_david
            | cls.order_ben_by_cindy
            | cls.order_amy_own
            | cls.order_carl_own
        )

    @classmethod
    def _order(cls, partner, salesperson, assistant=None, **values):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": salesperson.id,
                "assistant_id": assistant.id if assistant else False,
                "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": 2})],
                **values,
            }
        )

    def _order_vals(self, partner, salesperson, factory=None):
        line = {"product_id": self.product.id, "product_uom_qty": 5}
        if factory:
            line["factory_id"] = factory.id
        return {
            "partner_id": partner.id,
            "user_id": salesperson.id,
            "order_line": [Command.create(line)],
        }

    def assertRpcAnswer(self, result):
        """What a button returns must travel over XML-RPC (``None`` cannot): True or an action."""
        self.assertTrue(result is True or isinstance(result, dict), f"a button returned {result!r}")
        rpc_dumps((result,))
        return result

    @contextmanager
    def assertRaisesMessage(self, exception, fragment):
        """Odoo's assertRaises (it rolls back what the failed call wrote) and the message."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(fragment, str(caught.exception))
