# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The record rules hold the ids of the served salespeople and of a team manager's jurisdiction,
evaluated once and cached by every worker: the cache must go exactly when those ids change."""

import uuid

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.cache import get_cache_key_counter

from .common import ASSISTANT, SALESMAN, TEAM_MANAGER, SaleAssistantCase


class TestAccessConditions(SaleAssistantCase):
    def test_each_condition_is_a_field_of_the_user(self):
        self.assertEqual(self.mona.sale_team_jurisdiction_ids, self.mona | self.amy | self.ben)
        self.assertEqual(self.mona._sale_team_jurisdiction(), self.mona | self.amy | self.ben)
        self.assertEqual(self.amy.sale_team_jurisdiction_ids, self.amy)  # not a team manager
        Users = self.env["res.users"]
        self.assertEqual(
            Users.search([("sale_team_jurisdiction_ids", "in", self.ben.ids)]), self.ben | self.mona
        )
        self.assertEqual(Users.search([("sale_team_jurisdiction_ids", "=", self.carl.id)]), self.carl)
        self.assertTrue(self.cindy._sale_serves(self.ben))
        self.assertFalse(self.david._sale_serves(self.ben))

    def test_archived_links_stay_out_whatever_the_context(self):
        self.david_amy.action_archive()
        self.team.crm_team_member_ids.filtered(lambda m: m.user_id == self.ben).action_archive()
        everything = self.env["res.users"].with_context(active_test=False)
        self.assertFalse(everything.browse(self.david.id).sale_served_salesperson_ids)
        self.assertEqual(everything.browse(self.amy.id).sale_assistant_ids, self.cindy)
        self.assertEqual(everything.browse(self.mona.id).sale_team_jurisdiction_ids, self.mona | self.amy)
        self.team.action_archive()
        self.assertEqual(everything.browse(self.mona.id).sale_team_jurisdiction_ids, self.mona)

    def test_rule_cache_cleared_exactly_when_access_changes(self):
        registry = self.registry
        member_ben = self.team.crm_team_member_ids.filtered(lambda m: m.user_id == self.ben)
        changes = {
            "new assignment": lambda: self.env["sale.assistant.assignment"].create(
                {"salesperson_id": self.ben.id, "assistant_id": self.david.id}
            ),
            "ended assignment": self.cindy_ben.action_archive,
            "deleted assignment": self.david_amy.unlink,
            "new team leader": lambda: self.team.write({"user_id": self.amy.id}),
            "archived team": self.team.action_archive,
            "new membership": lambda: self.env["crm.team.member"].create(
                {"crm_team_id": self.team.id, "user_id": self.carl.id}
            ),
            "archived membership": member_ben.action_archive,
            "deleted membership": member_ben.unlink,
            "deleted team": self.team.unlink,
        }
        for change, run in changes.items():
            with self.subTest(change=change):
                registry.cache_invalidated.clear()
                run()
                self.assertIn("default", registry.cache_invalidated)
        unrelated = {
            "team renamed": lambda: self.env["crm.team"].create({"name": "Spare"}).write({"name": "Spare 2"}),
            "contract code": lambda: self.amy.write({"sale_contract_code": "T-9999"}),
        }
        for change, run in unrelated.items():
            with self.subTest(change=change):
                registry.cache_invalidated.clear()
                run()
                self.assertNotIn("default", registry.cache_invalidated)

    def test_team_archived_or_group_lost_takes_effect_at_once(self):
        Order = self.env["sale.order"].with_user(self.mona)
        self.assertIn(self.order_ben_by_cindy, Order.search([]))
        self.team.action_archive()
        self.assertNotIn(self.order_ben_by_cindy, Order.search([]))
        self.team.action_unarchive()
        self.assertIn(self.order_ben_by_cindy, Order.search([]))
        self.mona.groups_id = [Command.unlink(self.env.ref("sale_assistant.group_sale_team_manager").id)]
        self.assertNotIn(self.order_ben_by_cindy, Order.search([]))


@tagged("post_install", "-at_install")
class TestAccessCacheAcrossWorkers(TransactionCase):
    """Two workers share the database, each with its own rule cache. Worker A changes an
    assignment or a team membership and commits; worker B, which cached the rule domains before,
    must drop them at its next request (Odoo's registry signalling) and no longer see the orders.

    The data is committed by separate cursors, as real requests would, and deleted afterwards.
    Worker B's memory is simulated on the same registry: its cache sequences and its cached rule
    domain are put back as they were before A's change.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The real signalling through the database is what is tested here.
        cls._signal_changes_patcher.stop()

    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            salesperson = new_test_user(env, f"cache_sp_{tag}", SALESMAN, name="Sam")
            assistant = new_test_user(env, f"cache_as_{tag}", ASSISTANT, name="Ada")
            manager = new_test_user(env, f"cache_tm_{tag}", TEAM_MANAGER, name="Tom")
            team = env["crm.team"].create(
                {
                    "name": f"Cache Team {tag}",
                    "user_id": manager.id,
                    "crm_team_member_ids": [Command.create({"user_id": salesperson.id})],
                }
            )
            assignment = env["sale.assistant.assignment"].create(
                {"salesperson_id": salesperson.id, "assistant_id": assistant.id}
            )
            customer = env["res.partner"].create({"name": f"Cache Customer {tag}", "user_id": salesperson.id})
            order = env["sale.order"].create(
                {"partner_id": customer.id, "user_id": salesperson.id, "assistant_id": assistant.id}
            )
            self.ids = {
                "users": (salesperson | assistant | manager).ids,
                "partners": (
                    customer | salesperson.partner_id | assistant.partner_id | manager.partner_id
                ).ids,
                "team": team.id,
                "member": team.crm_team_member_ids.id,
                "assignment": assignment.id,
                "order": order.id,
                "assistant": assistant.id,
                "manager": manager.id,
            }
        self.addCleanup(self._delete_committed_data)
        # What the web server does after each request.
        self.registry.signal_changes()

    def _delete_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["sale.order"].browse(self.ids["order"]).unlink()
            env["sale.assistant.assignment"].browse(self.ids["assignment"]).unlink()
            env["crm.team"].browse(self.ids["team"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            env["res.partner"].browse(self.ids["partners"]).unlink()
        self.registry.signal_changes()

    def _worker_b_sees_order(self, uid):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, uid, {})
            return bool(env["sale.order"].search([("id", "=", self.ids["order"])]))

    def _rule_cache(self, uid):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, uid, {})
            cache, key, _counter = get_cache_key_counter(env["ir.rule"]._compute_domain, "sale.order", "read")
        return cache, key

    def _assert_worker_b_reloads(self, uid, change):
        """B caches the rule domain of ``uid``, A runs ``change`` and commits; B then misses the
        order once it has checked the signalling, not before."""
        registry = self.registry
        self.assertTrue(self._worker_b_sees_order(uid))
        cache, key = self._rule_cache(uid)
        stale_domain = cache[key]
        worker_b_sequences = dict(registry.cache_sequences)

        with registry.cursor() as cr:  # worker A's request
            change(api.Environment(cr, SUPERUSER_ID, {}))
        self.assertIn("default", registry.cache_invalidated)
        registry.signal_changes()
        with registry.cursor() as cr:
            _registry_sequence, database_sequences = registry.get_sequences(cr)
        self.assertEqual(database_sequences["default"], worker_b_sequences["default"] + 1)

        # Worker B's memory: the sequences and the rule domain cached before A's change.
        registry.cache_sequences.update(worker_b_sequences)
        cache[key] = stale_domain
        self.assertTrue(self._worker_b_sees_order(uid), "worker B still runs on its stale cache")
        registry.check_signaling()  # what B does at the start of its next request
        self.assertNotIn(key, cache)
        self.assertFalse(self._worker_b_sees_order(uid))

    def test_ended_assignment_reaches_other_workers(self):
        self._assert_worker_b_reloads(
            self.ids["assistant"],
            lambda env: env["sale.assistant.assignment"].browse(self.ids["assignment"]).action_archive(),
        )

    def test_archived_membership_reaches_other_workers(self):
        self._assert_worker_b_reloads(
            self.ids["manager"],
            lambda env: env["crm.team.member"].browse(self.ids["member"]).action_archive(),
        )

    def test_new_team_leader_reaches_other_workers(self):
        self._assert_worker_b_reloads(
            self.ids["manager"],
            lambda env: env["crm.team"].browse(self.ids["team"]).write({"user_id": SUPERUSER_ID}),
        )
