# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import SaleAssistantCase

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


class TestListingQueries(SaleAssistantCase):
    """The first page of orders costs the same number of queries whatever the number of orders:
    the record rules are sub-queries and the page is read in batches."""

    def _first_page_queries(self, user):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        page = self.env["sale.order"].with_user(user).web_search_read([], LIST_SPECIFICATION, limit=80)
        return self.cr.sql_log_count - before, page["length"]

    def _add_orders(self, count):
        customers = [self.alpha, self.alpha_buyer]
        for index in range(count):
            self._order(customers[index % 2], self.amy, self.cindy, client_order_ref=f"PO-{index}")
            self._order(self.bravo, self.ben, self.cindy)

    def test_first_page_query_count_does_not_grow(self):
        for role in ("cindy", "amy", "mona"):
            user = getattr(self, role)
            self._first_page_queries(user)  # warm the caches (ir.rule, views, groups)
        baseline = {role: self._first_page_queries(getattr(self, role)) for role in ("cindy", "amy", "mona")}
        self._add_orders(30)
        for role, (queries, length) in baseline.items():
            with self.subTest(role=role):
                more_queries, more_length = self._first_page_queries(getattr(self, role))
                self.assertGreater(more_length, length)
                self.assertEqual(more_queries, queries)
