"""Benchmark: the monthly complaint analysis of 100,000 complaints.

Usage: python3 benchmarks/bench_complaint_analysis.py --addons-path=... -d DATABASE [--complaints N]

Run on a database where sale_assistant is installed. In one transaction that is rolled back at
the end (the database is left as it was), it inserts complaints with SQL into a company of its
own, then times the analysis of a month of 1,000 complaints (the baseline) and of a month of N
(100,000 by default) in the same process, and reports both times, their ratio and the number of
queries of each run. The data setup is timed apart.

The setup is set-based (one INSERT per month of complaints, one for all their products) and runs
ANALYZE after the bulk inserts: the foreign key checks of the product link table are planned once
per session, and a plan made while ``sale_complaint`` looked empty scans the whole table for each
inserted link (once measured at 14 minutes for this setup).
"""

import sys
from datetime import date

from bench_common import Stopwatch, analyze, parse_args, ratio_line, superuser_env, timed, write_lines

from odoo.tools import SQL

BASELINE_SIZE = 1_000
CUSTOMERS, PRODUCTS = 200, 50


def insert_complaints(env, company, partners, month, count):
    """Insert ``count`` complaints received in ``month`` spread over categories, severities
    and customers, answered and resolved."""
    categories = env["sale.complaint.category"].search([]).ids
    env.cr.execute(
        """
        INSERT INTO sale_complaint (
            name, company_id, state, partner_id, commercial_partner_id, channel, date_received,
            category_id, severity, description, user_id, recorded_by_id,
            deadline_response, deadline_resolution, date_first_response, date_resolved,
            response_hours, resolution_hours, response_late, resolution_late,
            create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH/' || %(month)s || '/' || n, %(company)s,
               (ARRAY['new', 'in_progress', 'resolved', 'closed'])[1 + n %% 4],
               partner, partner, 'phone', received,
               (%(categories)s::int[])[1 + (n * 7) %% cardinality(%(categories)s::int[])],
               (ARRAY['low', 'medium', 'high', 'critical'])[1 + (n * 3) %% 4], 'bench', 2, 2,
               received + interval '8 hours', received + interval '48 hours',
               received + (n %% 12) * interval '1 hour', received + (n %% 60) * interval '1 hour',
               n %% 12, n %% 60, n %% 12 > 8, n %% 60 > 48,
               2, now(), 2, now()
          FROM (
            SELECT n, (%(partners)s::int[])[1 + n %% cardinality(%(partners)s::int[])] AS partner,
                   %(start)s::timestamp + (n %% (27 * 24 * 60)) * interval '1 minute' AS received
              FROM generate_series(1, %(count)s) AS n
          ) AS source
        """,
        {
            "company": company.id,
            "categories": categories,
            "partners": partners.ids,
            "month": month.isoformat(),
            "start": month,
            "count": count,
        },
    )


def link_products(env, company, products):
    """One product for each complaint of ``company``, in one INSERT."""
    relation = env["sale.complaint"]._fields["product_ids"]
    env.cr.execute(
        SQL(
            """
            INSERT INTO %s (%s, %s)
            SELECT c.id, (%s::int[])[1 + mod(c.id, %s)]
              FROM sale_complaint c
             WHERE c.company_id = %s
            """,
            SQL.identifier(relation.relation),
            SQL.identifier(relation.column1),
            SQL.identifier(relation.column2),
            products.ids,
            len(products),
            company.id,
        )
    )
    return relation.relation


def set_up(env, months):
    """Create the company, its customers and products, and insert ``months`` ({month: count})."""
    company = env["res.company"].create({"name": "Complaint Benchmark Co."})
    env = env(context={"allowed_company_ids": [company.id]})
    partners = env["res.partner"].create(
        [{"name": f"Bench Customer {i}", "is_company": True} for i in range(CUSTOMERS)]
    )
    products = env["product.product"].create([{"name": f"Bench Product {i}"} for i in range(PRODUCTS)])
    env.flush_all()
    for month, count in months.items():
        insert_complaints(env, company, partners, month, count)
    # Before the link INSERT: its foreign key checks are planned on these statistics.
    analyze(env, "sale_complaint")
    relation = link_products(env, company, products)
    analyze(env, relation)
    return env, company


def timed_analysis(env, company, month):
    """The analysis of ``month`` created (and written) from a cold cache, measured with the
    analysis as its result."""
    env.invalidate_all()

    def analyse():
        Analysis = env["sale.complaint.analysis"].with_company(company)
        return Analysis.create({"month": month, "company_id": company.id})

    return timed(env, analyse, flush=True)


def main(argv):
    args = parse_args(argv, complaints=100_000)
    with superuser_env() as env:
        setup, measuring = Stopwatch(), Stopwatch()
        warm_up_month, baseline_month, month = date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)
        with setup:
            env, company = set_up(
                env, {warm_up_month: 100, baseline_month: BASELINE_SIZE, month: args.complaints}
            )
        with measuring:
            timed_analysis(env, company, warm_up_month)  # fill the caches (rules, fields, groups)
            baseline = timed_analysis(env, company, baseline_month)
            measured = timed_analysis(env, company, month)
        assert baseline.result.complaint_count == BASELINE_SIZE
        assert measured.result.complaint_count == args.complaints
        write_lines(
            [
                (
                    f"setup: {BASELINE_SIZE + args.complaints + 100} complaints inserted in "
                    f"{setup.seconds:.1f} s (not measured)"
                ),
                f"baseline: {BASELINE_SIZE:>7} complaints analysed in {baseline.cost}",
                f"measured: {args.complaints:>7} complaints analysed in {measured.cost}",
                ratio_line(baseline, measured, args.complaints // BASELINE_SIZE, "complaints"),
                f"measuring took {measuring.seconds:.1f} s in all (with the warm-up)",
            ]
        )


if __name__ == "__main__":
    main(sys.argv[1:])
