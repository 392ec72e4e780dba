"""Benchmark: a salesperson's receivables board with 200,000 open receivable journal items.

Usage: python3 benchmarks/bench_receivable.py --addons-path=... -d DATABASE [--lines N]

Run on a database where sale_assistant is installed and the main company has a chart of accounts
(any database with demo data). In one transaction that is rolled back at the end (the database is
left as it was), it creates 100 salespeople and 1,000 customers, inserts posted customer invoices
with one open receivable journal item each with SQL (one INSERT for the invoices, one for their
items, then ANALYZE), and loads one salesperson's board as the menu opens it (grouped by customer,
then the first customer's currencies) when the company has 2,000
open items (the baseline) and N (200,000 by default). Each salesperson has 1 % of the items. It
reports the time and number of queries of both loads and their ratio; the query count must not
grow with the data.
"""

import sys

from bench_common import (
    Stopwatch,
    analyze,
    create_salespeople,
    parse_args,
    report_query_growth,
    superuser_env,
    timed,
)

BASELINE_SIZE = 2_000
SALESPEOPLE, CUSTOMERS = 100, 1_000
BUCKETS = [
    "amount_not_due",
    "amount_due_soon",
    "amount_overdue_1_30",
    "amount_overdue_31_60",
    "amount_overdue_61_90",
    "amount_overdue_90",
    "amount_credit_note",
    "amount_unapplied",
    "amount_residual",
]


def insert_open_items(env, company, salespeople, customers, count, batch):
    """``count`` posted invoices, each with one open receivable item, due over the last and next
    200 days, spread over the salespeople and their customers."""
    journal = env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
    account = env["account.account"].search(
        [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.id)], limit=1
    )
    params = {
        "company": company.id,
        "journal": journal.id,
        "account": account.id,
        "currency": company.currency_id.id,
        "users": salespeople.ids,
        "customers": customers.ids,
        "count": count,
        "batch": batch,
    }
    env.cr.execute(
        """
            INSERT INTO account_move (
                name, ref, company_id, journal_id, currency_id, move_type, state, auto_post, date,
                invoice_date, invoice_date_due, partner_id, commercial_partner_id, invoice_user_id,
                create_uid, create_date, write_uid, write_date)
            SELECT 'BENCH/' || %(batch)s || '/' || n, %(batch)s, %(company)s, %(journal)s,
                   %(currency)s, 'out_invoice', 'posted', 'no', current_date - 30,
                   current_date - 30, current_date + (n %% 400) - 200, customer, customer,
                   (%(users)s::int[])[1 + customer_index %% cardinality(%(users)s::int[])],
                   1, now(), 1, now()
              FROM (
                SELECT n, n %% cardinality(%(customers)s::int[]) AS customer_index,
                       (%(customers)s::int[])[1 + n %% cardinality(%(customers)s::int[])] AS customer
                  FROM generate_series(1, %(count)s) AS n
              ) AS source
        """,
        params,
    )
    env.cr.execute(
        """
        INSERT INTO account_move_line (
            move_id, move_name, company_id, journal_id, account_id, partner_id, currency_id,
            company_currency_id, display_type, parent_state, date, date_maturity, name,
            debit, credit, balance, amount_currency, amount_residual, amount_residual_currency,
            reconciled, create_uid, create_date, write_uid, write_date)
        SELECT move.id, move.name, move.company_id, move.journal_id, %(account)s, move.partner_id,
               move.currency_id, move.currency_id, 'payment_term', 'posted', move.date,
               move.invoice_date_due, move.name, 100 + move.id %% 900, 0, 100 + move.id %% 900,
               100 + move.id %% 900, 100 + move.id %% 900, 100 + move.id %% 900, false,
               1, now(), 1, now()
          FROM account_move move
         WHERE move.ref = %(batch)s AND move.company_id = %(company)s
        """,
        params,
    )


def set_up(env):
    company = env.ref("base.main_company")
    salespeople = create_salespeople(env, "", "bench_receivable", SALESPEOPLE)
    customers = env["res.partner"].create(
        [
            {"name": f"Bench Customer {i}", "is_company": True, "user_id": salespeople[i % SALESPEOPLE].id}
            for i in range(CUSTOMERS)
        ]
    )
    env.flush_all()
    return company, salespeople, customers


def timed_board(env, salesperson):
    """What the web client asks when the menu opens (grouped by customer and currency): the
    customers' groups, then the first one's currencies when it is unfolded; measured with the
    number of customers as its result."""
    env.invalidate_all()
    Line = env["sale.receivable.line"].with_user(salesperson)
    sums = [f"{bucket}:sum" for bucket in BUCKETS]

    def load():
        groups = Line.web_read_group([], sums, ["partner_id", "currency_id"], limit=80, lazy=True)
        first = groups["groups"][0]
        Line.web_read_group(first["__domain"], sums, ["currency_id"], limit=80, lazy=True)
        return groups["length"]

    return timed(env, load)


def main(argv):
    args = parse_args(argv, lines=200_000)
    with superuser_env() as env:
        setup = Stopwatch()
        with setup:
            company, salespeople, customers = set_up(env)
            insert_open_items(env, company, salespeople, customers, BASELINE_SIZE, "bench-baseline")
            analyze(env, "account_move", "account_move_line", "res_partner")
        salesperson = salespeople[0]
        timed_board(env, salesperson)  # fill the caches (rules, fields, groups)
        baseline = timed_board(env, salesperson)

        with setup:
            insert_open_items(env, company, salespeople, customers, args.lines - BASELINE_SIZE, "bench-bulk")
            analyze(env, "account_move", "account_move_line", "res_partner")
        measured = timed_board(env, salesperson)
        env.cr.execute("SELECT count(*) FROM sale_receivable_line WHERE user_id = %s", [salesperson.id])
        own_lines = env.cr.fetchone()[0]
        lines = [
            f"setup: {args.lines} open items inserted in {setup.seconds:.1f} s (not measured)",
            (
                f"baseline: {BASELINE_SIZE:>7} open items in the company, the salesperson's board "
                f"({baseline.result} customers) in {baseline.cost}"
            ),
            (
                f"measured: {args.lines:>7} open items in the company ({own_lines} the salesperson's), "
                f"the board ({measured.result} customers) in {measured.cost}"
            ),
        ]
        return report_query_growth(lines, baseline, measured, args.lines // BASELINE_SIZE, "items")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
