# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Work whose number of queries must not depend on how many records there are.

The data is larger than one ORM batch (1,000 records), spread over many categories, customers,
products and salespeople: code that loads every record into Python, or reads them one by one,
needs more queries the more records there are, and fails here.
"""

from datetime import date, datetime

from odoo import Command
from odoo.tests import new_test_user
from odoo.tools import SQL

from .common import SALESMAN, SaleAssistantCase

SEVERITIES = ("low", "medium", "high", "critical")
COPIES = 50  # 24 complaints x (1 + 50) = 1,224 complaints in the month


class TestComplaintAnalysisQueries(SaleAssistantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A company of its own: nothing else (demo data) in its month.
        cls.company = cls.env["res.company"].create({"name": "Query Test Co."})
        cls.categories = cls.env["sale.complaint.category"].create(
            [{"name": f"Query Test Category {n}"} for n in range(8)]
        )
        cls.salespeople = [
            new_test_user(cls.env, f"t_q_sales{n}", SALESMAN, name=f"Query Seller {n}") for n in range(4)
        ]
        cls.customers = cls.env["res.partner"].create(
            [
                {"name": f"Query Customer {n}", "is_company": True, "user_id": cls.salespeople[n % 4].id}
                for n in range(8)
            ]
        )
        cls.products = cls.env["product.product"].create([{"name": f"Query Product {n}"} for n in range(8)])
        Complaint = cls.env["sale.complaint"].with_context(mail_notrack=True)
        cls.seeds = Complaint.create(
            [
                {
                    "partner_id": cls.customers[n % 8].id,
                    "category_id": cls.categories[(n * 3) % 8].id,
                    "severity": SEVERITIES[n % 4],
                    "description": "seed",
                    "company_id": cls.company.id,
                    "date_received": datetime(2026, 10, 1 + n % 28, 10, 0),
                    "product_ids": [Command.set([cls.products[n % 8].id, cls.products[(n + 3) % 8].id])],
                }
                for n in range(24)
            ]
        )

    @classmethod
    def _copy_seeds(cls, copies):
        """``copies`` more complaints like each seed, in SQL: the ORM would post a message and
        schedule an activity for each of them, which takes minutes and is not what is measured."""
        Complaint = cls.env["sale.complaint"]
        cls.env.flush_all()
        columns = SQL(", ").join(
            SQL.identifier(name)
            for name, field in Complaint._fields.items()
            if field.store and field.column_type and name != "id"
        )
        products = Complaint._fields["product_ids"]
        for seed in cls.seeds:
            cls.env.cr.execute(
                SQL(
                    """INSERT INTO sale_complaint (%(columns)s)
                    SELECT %(columns)s FROM sale_complaint, generate_series(1, %(copies)s)
                    WHERE id = %(seed)s RETURNING id""",
                    columns=columns,
                    copies=copies,
                    seed=seed.id,
                )
            )
            new_ids = [row[0] for row in cls.env.cr.fetchall()]
            cls.env.cr.execute(
                SQL(
                    """INSERT INTO %(table)s (%(complaint)s, %(product)s)
                    SELECT new_id, product_id FROM unnest(%(new_ids)s) AS new_id,
                    unnest(%(products)s) AS product_id""",
                    table=SQL.identifier(products.relation),
                    complaint=SQL.identifier(products.column1),
                    product=SQL.identifier(products.column2),
                    new_ids=new_ids,
                    products=seed.product_ids.ids,
                )
            )
        cls.env.invalidate_all()

    def _analysis_queries(self, analysis):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        analysis.action_compute()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_analysis_queries_do_not_grow_with_complaints(self):
        analysis = (
            self.env["sale.complaint.analysis"]
            .with_company(self.company)
            .create({"month": date(2026, 10, 1), "company_id": self.company.id})
        )
        self._analysis_queries(analysis)  # warm the caches
        # The fewest of two runs: a cache another process happens to clear costs a query or two
        # once; a per-record loop costs more every time.
        baseline = min(self._analysis_queries(analysis) for _run in range(2))
        self.assertEqual(analysis.complaint_count, 24)
        lines = len(analysis.line_ids)
        self._copy_seeds(COPIES)
        self.assertEqual(min(self._analysis_queries(analysis) for _run in range(2)), baseline)
        self.assertEqual(analysis.complaint_count, 24 * (1 + COPIES))
        self.assertEqual(len(analysis.line_ids), lines)
        top = analysis.line_ids.filtered(lambda line: line.section == "category").sorted("sequence")[:1]
        self.assertEqual(top.complaint_count, 3 * (1 + COPIES))
