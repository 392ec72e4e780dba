# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import SaleAssistantCase


class TestAssignment(SaleAssistantCase):
    """Who serves whom, who manages it, and how changes take effect at once."""

    def test_users_know_their_assistants_and_salespeople(self):
        self.assertEqual(self.amy.sale_assistant_ids, self.cindy | self.david)
        self.assertEqual(self.cindy.sale_served_salesperson_ids, self.amy | self.ben)
        self.assertFalse(self.eva.sale_served_salesperson_ids)
        Users = self.env["res.users"]
        self.assertEqual(Users.search([("sale_assistant_ids", "in", self.cindy.ids)]), self.amy | self.ben)
        self.assertEqual(
            Users.search([("sale_served_salesperson_ids", "=", self.amy.id)]), self.cindy | self.david
        )

    def test_one_active_assignment_per_pair(self):
        Assignment = self.env["sale.assistant.assignment"]
        with self.assertRaisesMessage(ValidationError, "Cindy already assists Amy"):
            Assignment.create({"salesperson_id": self.amy.id, "assistant_id": self.cindy.id})
        self.cindy_amy.action_archive()
        again = Assignment.create({"salesperson_id": self.amy.id, "assistant_id": self.cindy.id})
        with self.assertRaisesMessage(ValidationError, "Cindy already assists Amy"):
            self.cindy_amy.action_unarchive()
        self.assertTrue(again.active)

    def test_assistant_must_be_an_assistant_and_not_oneself(self):
        Assignment = self.env["sale.assistant.assignment"]
        with self.assertRaisesMessage(ValidationError, "Ben is not a sales assistant"):
            Assignment.create({"salesperson_id": self.amy.id, "assistant_id": self.ben.id})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Assignment.create({"salesperson_id": self.cindy.id, "assistant_id": self.cindy.id})

    def test_permission_matrix(self):
        Assignment = self.env["sale.assistant.assignment"]
        everyone = Assignment.search([("id", "in", (self.cindy_amy | self.cindy_ben | self.david_amy).ids)])
        expected_read = {
            "amy": self.cindy_amy | self.david_amy,
            "ben": self.cindy_ben,
            "carl": Assignment,
            "cindy": self.cindy_amy | self.cindy_ben,
            "david": self.david_amy,
            "eva": Assignment,
            "mona": everyone,
            "all_docs": everyone,
            "sales_admin": everyone,
        }
        expected_write = dict(expected_read, cindy=Assignment, david=Assignment, all_docs=Assignment)
        for role, readable in expected_read.items():
            user = getattr(self, role)
            with self.subTest(role=role, operation="read"):
                self.assertEqual(
                    Assignment.with_user(user).search([("id", "in", everyone.ids)]).ids, readable.ids
                )
            for assignment in everyone:
                with self.subTest(role=role, operation="write", assignment=assignment.display_name):
                    if assignment in expected_write[role]:
                        assignment.with_user(user).check_access("write")
                        assignment.with_user(user).check_access("unlink")
                    else:
                        with self.assertRaises(AccessError):
                            assignment.with_user(user).check_access("write")
                        with self.assertRaises(AccessError):
                            assignment.with_user(user).check_access("unlink")
        # create: for oneself, for one's team, for anyone
        Assignment.with_user(self.ben).create({"salesperson_id": self.ben.id, "assistant_id": self.eva.id})
        with self.assertRaises(AccessError):
            Assignment.with_user(self.ben).create(
                {"salesperson_id": self.amy.id, "assistant_id": self.eva.id}
            )
        Assignment.with_user(self.mona).create({"salesperson_id": self.amy.id, "assistant_id": self.eva.id})
        with self.assertRaises(AccessError):
            Assignment.with_user(self.mona).create(
                {"salesperson_id": self.carl.id, "assistant_id": self.eva.id}
            )
        Assignment.with_user(self.sales_admin).create(
            {"salesperson_id": self.carl.id, "assistant_id": self.eva.id}
        )
        with self.assertRaises(AccessError):
            Assignment.with_user(self.eva).create(
                {"salesperson_id": self.amy.id, "assistant_id": self.david.id}
            )
        with self.assertRaises(AccessError):
            Assignment.with_user(self.employee).search([])
        self.assertEqual(self.eva.sale_served_salesperson_ids, self.ben | self.amy | self.carl)

    def test_archiving_takes_everything_away_at_once(self):
        Order = self.env["sale.order"].with_user(self.cindy)
        self.assertIn(self.order_amy_by_cindy, Order.search([]))
        self.cindy_amy.with_user(self.amy).action_archive()
        self.assertNotIn(self.order_amy_by_cindy, Order.search([]))
        self.assertIn(self.order_ben_by_cindy, Order.search([]))
        with self.assertRaises(AccessError):
            self.order_amy_by_cindy.with_user(self.cindy).read(["name"])
        self.assertEqual(self.alpha.assistant_ids, self.david)
        self.assertEqual(self.alpha_buyer.assistant_ids, self.david)
        self.assertFalse(self.forge.assistant_ids)
        self.assertEqual(self.mill.assistant_ids, self.cindy)  # Ben's factory: Cindy still serves Ben
        with self.assertRaisesMessage(ValidationError, "You do not assist Amy"):
            Order.create(self._order_vals(self.alpha, self.amy))
        # A new assignment gives the orders back, but not the customers: the owner reassigns them.
        self.env["sale.assistant.assignment"].with_user(self.amy).create(
            {"salesperson_id": self.amy.id, "assistant_id": self.cindy.id}
        )
        self.assertIn(self.order_amy_by_cindy, Order.search([]))
        self.assertNotIn(self.cindy, self.alpha.assistant_ids)

    def test_deleting_an_assignment_revokes_too(self):
        self.david_amy.with_user(self.amy).unlink()
        self.assertEqual(self.alpha.assistant_ids, self.cindy)
        self.assertFalse(self.anchor.assistant_ids)
        self.assertFalse(self.env["sale.order"].with_user(self.david).search([("id", "in", self.orders.ids)]))

    def test_team_change_takes_effect_at_once(self):
        Order = self.env["sale.order"].with_user(self.mona)
        self.assertIn(self.order_ben_by_cindy, Order.search([]))
        self.assertNotIn(self.order_carl_own, Order.search([]))
        self.team.crm_team_member_ids.filtered(lambda m: m.user_id == self.ben).action_archive()
        self.assertNotIn(self.order_ben_by_cindy, Order.search([]))
        self.env["crm.team.member"].create({"crm_team_id": self.team.id, "user_id": self.carl.id})
        self.assertIn(self.order_carl_own, Order.search([]))
        self.team.user_id = self.amy
        self.assertFalse(Order.search([("id", "in", self.orders.ids)]))

    def test_contract_code_unique_per_company(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.ben.write({"sale_contract_code": "T-1001"})
            self.env.flush_all()

    def test_assignment_pair_is_fixed(self):
        with self.assertRaisesMessage(UserError, "archive it and create another"):
            self.cindy_amy.with_user(self.amy).write({"salesperson_id": self.ben.id})
        with self.assertRaisesMessage(UserError, "archive it and create another"):
            self.cindy_amy.write({"assistant_id": self.eva.id})
        self.cindy_amy.write({"salesperson_id": self.amy.id})  # unchanged: fine
        self.assertEqual((self.cindy_amy.salesperson_id, self.cindy_amy.assistant_id), (self.amy, self.cindy))
