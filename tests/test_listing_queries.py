# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL

from .common import SaleAssistantCase


class TestListingQueries(SaleAssistantCase):
    """The first page of orders costs the same number of queries with the department's 5 orders
    or with 1,200 more (more than one ORM batch), for an assistant, a salesperson and a team
    manager: the record rules are sub-queries and the page is read in batches."""

    LIST_SPECIFICATION = {
        "name": {},
        "date_order": {},
        "partner_id": {"fields": {"display_name": {}}},
        "user_id": {"fields": {"display_name": {}}},
        "assistant_id": {"fields": {"display_name": {}}},
        "team_id": {"fields": {"display_name": {}}},
        "sale_contract_code": {},
        "amount_total": {},
        "currency_id": {"fields": {}},
        "state": {},
    }

    def _first_page(self, user):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        page = self.env["sale.order"].with_user(user).web_search_read([], self.LIST_SPECIFICATION, limit=80)
        return self.cr.sql_log_count - before, page["length"], len(page["records"])

    def _copy_orders(self, copies):
        """``copies`` more orders like each of the department's, in SQL: fast, and the orders'
        content is not what is measured. The copies are a day older, so the first page still
        holds the department's own orders after them: had those been created across a second,
        the page would hold the copies of the newest only (one without an assistant: a query
        fewer, seen under Odoo's runner)."""
        Order = self.env["sale.order"]
        self.env.flush_all()
        columns = [
            SQL.identifier(name)
            for name, field in Order._fields.items()
            if field.store and field.column_type and name not in ("id", "name", "access_token")
        ]
        self.env.cr.execute(
            SQL(
                """INSERT INTO sale_order (name, %(columns)s)
                SELECT name || '-' || n, %(columns)s FROM sale_order, generate_series(1, %(copies)s) AS n
                WHERE id = ANY(%(ids)s) RETURNING id""",
                columns=SQL(", ").join(columns),
                copies=copies,
                ids=self.orders.ids,
            )
        )
        copied = [row[0] for row in self.env.cr.fetchall()]
        self.env.cr.execute(
            "UPDATE sale_order SET date_order = date_order - interval '1 day' WHERE id = ANY(%s)", [copied]
        )
        self.env.invalidate_all()

    def test_first_page_queries_do_not_grow_with_orders(self):
        roles = {"cindy": 2, "amy": 3, "mona": 4}  # orders each sees among the department's
        for role in roles:
            self._first_page(getattr(self, role))  # warm the caches (rules, views, groups)
        # The fewest of three reads: a cache another process happens to clear costs a query or two
        # once (seen once under Odoo's runner on a busy machine); a per-record loop costs more
        # every time.
        baseline = {role: min(self._first_page(getattr(self, role)) for _run in range(3)) for role in roles}
        self._copy_orders(300)
        for role, visible in roles.items():
            with self.subTest(role=role):
                queries, length, shown = min(self._first_page(getattr(self, role)) for _run in range(3))
                before_queries, before_length, before_shown = baseline[role]
                self.assertEqual(length, before_length + visible * 300)
                self.assertEqual(shown, 80)
                # From a few orders to a full page of 80, the page costs the same, plus one query
                # to count the orders when the page was not full before.
                self.assertEqual(queries, before_queries + (before_shown < 80))
