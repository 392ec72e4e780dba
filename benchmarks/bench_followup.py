"""Benchmark: the follow-up board of an assistant with 10,000 open export orders.

Usage: python3 benchmarks/bench_followup.py --addons-path=... -d DATABASE [--orders N]

Run on a database where sale_assistant is installed. In one transaction that is rolled back at
the end (the database is left as it was), it creates 20 salespeople with 10 assistants (each
serving two of them) and 200 customers, then inserts confirmed orders with their follow-up plans
and 14 milestones each with SQL (one INSERT per table, then ANALYZE). It loads an assistant's board
as the menu opens it (kanban grouped by next milestone: the groups, then the cards of each
column; then the list view's first page) with 2,000 open orders in the company (the baseline,
where every column and the list already fill a page) and N (10,000 by default), and reports the
time and number of queries of both; the query count must not grow with the data. The setup time
is printed apart.
"""

import sys

from bench_common import (
    Stopwatch,
    analyze,
    create_users,
    parse_args,
    report_query_growth,
    settled,
    superuser_env,
    timed,
)

BASELINE_SIZE = 2_000
SALESPEOPLE, ASSISTANTS, CUSTOMERS = 20, 10, 200
MILESTONES = [
    ("PI signed", 60),
    ("Deposit received", 55),
    ("PO placed with the factory", 50),
    ("Materials in", 40),
    ("Pre-production sample approved", 35),
    ("Production start", 30),
    ("Mid-production check", 18),
    ("Booking", 10),
    ("Final inspection", 7),
    ("Loading", 2),
    ("Customs", 1),
    ("B/L", -3),
    ("Documents sent", -7),
    ("Balance received", -30),
]
CARD_FIELDS = {
    "order_id": {"fields": {"display_name": {}}},
    "partner_id": {"fields": {"display_name": {}}},
    "next_owner_id": {"fields": {"display_name": {}}},
    "next_planned_date": {},
    "progress": {},
    "is_late": {},
}
LIST_FIELDS = {
    **CARD_FIELDS,
    "user_id": {"fields": {"display_name": {}}},
    "assistant_id": {"fields": {"display_name": {}}},
    "date_delivery": {},
    "next_milestone_name": {},
    "state": {},
}


def insert_orders(env, company, salespeople, assistants, customers, count, batch):
    """``count`` confirmed orders delivering in 5, 20, 35 or 50 days (a quarter of each
    salesperson's orders each), each with a plan whose milestones before today are done: four
    kanban columns, each filling its first page at the baseline already."""
    params = {
        "company": company.id,
        "currency": company.currency_id.id,
        "users": salespeople.ids,
        "assistants": assistants.ids,
        "customers": customers.ids,
        "count": count,
        "batch": batch,
    }
    env.cr.execute(
        """
        INSERT INTO sale_order (
            name, client_order_ref, company_id, currency_id, partner_id, partner_invoice_id,
            partner_shipping_id, user_id, assistant_id, state, date_order, commitment_date,
            delivery_date_state, picking_policy, create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH/' || %(batch)s || '/' || n, %(batch)s, %(company)s, %(currency)s,
               customer, customer, customer, salesperson,
               (%(assistants)s::int[])[1 + (salesperson_index / 2) %% cardinality(%(assistants)s::int[])],
               'sale', now() - interval '60 days', now() + (5 + (n / 20) %% 4 * 15) * interval '1 day',
               'to_request', 'direct', 1, now(), 1, now()
          FROM (
            SELECT n, (%(customers)s::int[])[1 + n %% cardinality(%(customers)s::int[])] AS customer,
                   n %% cardinality(%(users)s::int[]) AS salesperson_index,
                   (%(users)s::int[])[1 + n %% cardinality(%(users)s::int[])] AS salesperson
              FROM generate_series(1, %(count)s) AS n
          ) AS source
        """,
        params,
    )
    env.cr.execute(
        """
        INSERT INTO sale_followup_plan (
            order_id, company_id, user_id, assistant_id, partner_id, date_delivery, state,
            milestone_count, done_count, progress, create_uid, create_date, write_uid, write_date)
        SELECT id, company_id, user_id, assistant_id, partner_id, commitment_date::date, 'open',
               %(milestones)s, 0, 0, 1, now(), 1, now()
          FROM sale_order WHERE client_order_ref = %(batch)s
        """,
        {**params, "milestones": len(MILESTONES)},
    )
    names = [name for name, __ in MILESTONES]
    days = [lead for __, lead in MILESTONES]
    env.cr.execute(
        """
        INSERT INTO sale_followup_milestone (
            plan_id, order_id, company_id, user_id, assistant_id, sequence, name, lead_days,
            planned_date, date_done, owner_id, state, create_uid, create_date, write_uid, write_date)
        SELECT plan.id, plan.order_id, plan.company_id, plan.user_id, plan.assistant_id, step * 10,
               (%(names)s::varchar[])[step], (%(days)s::int[])[step],
               plan.date_delivery - (%(days)s::int[])[step],
               CASE WHEN plan.date_delivery - (%(days)s::int[])[step] < current_date - 3
                    THEN plan.date_delivery - (%(days)s::int[])[step] END,
               plan.assistant_id,
               CASE WHEN plan.date_delivery - (%(days)s::int[])[step] < current_date - 3
                    THEN 'done' ELSE 'todo' END,
               1, now(), 1, now()
          FROM sale_followup_plan plan
          JOIN sale_order o ON o.id = plan.order_id AND o.client_order_ref = %(batch)s
         CROSS JOIN generate_series(1, %(steps)s) AS step
        """,
        {**params, "names": names, "days": days, "steps": len(MILESTONES)},
    )
    # The stored summaries, as _compute_next_milestone writes them.
    env.cr.execute(
        """
        UPDATE sale_followup_plan plan
           SET next_milestone_id = nxt.id, next_milestone_name = nxt.name,
               next_planned_date = nxt.planned_date, next_owner_id = nxt.owner_id,
               done_count = nxt.done, progress = 100.0 * nxt.done / plan.milestone_count
          FROM (
            SELECT DISTINCT ON (m.plan_id) m.plan_id, m.id, m.name, m.planned_date, m.owner_id,
                   count(*) FILTER (WHERE m.date_done IS NOT NULL) OVER (PARTITION BY m.plan_id) AS done
              FROM sale_followup_milestone m
              JOIN sale_order o ON o.id = m.order_id AND o.client_order_ref = %(batch)s
             ORDER BY m.plan_id, (m.date_done IS NOT NULL), m.planned_date, m.sequence
          ) AS nxt
         WHERE nxt.plan_id = plan.id
        """,
        params,
    )


def set_up(env):
    company = env.ref("base.main_company")

    def users(prefix, count, group):
        return create_users(
            env,
            [f"Bench {prefix} {i}" for i in range(count)],
            [f"bench_followup_{prefix}_{i}" for i in range(count)],
            [group],
        )

    salespeople = users("salesperson", SALESPEOPLE, "sales_team.group_sale_salesman")
    assistants = users("assistant", ASSISTANTS, "sale_assistant.group_sale_assistant")
    env["sale.assistant.assignment"].create(
        [
            {"salesperson_id": salesperson.id, "assistant_id": assistants[(i // 2) % ASSISTANTS].id}
            for i, salesperson in enumerate(salespeople)
        ]
    )
    customers = env["res.partner"].create(
        [
            {"name": f"Bench Customer {i}", "is_company": True, "user_id": salespeople[i % SALESPEOPLE].id}
            for i in range(CUSTOMERS)
        ]
    )
    env.flush_all()
    return company, salespeople, assistants, customers


def timed_board(env, assistant):
    """What the web client asks when the board opens: the kanban's columns (next milestone of the
    open plans), the first 40 cards of each, then the list view's first 80 rows; measured with
    (columns, rows listed) as its result."""
    env.invalidate_all()
    Plan = env["sale.followup.plan"].with_user(assistant)
    domain = [("state", "=", "open")]

    def load():
        groups = Plan.web_read_group(
            domain, ["next_milestone_name"], ["next_milestone_name"], limit=80, lazy=True
        )
        for group in groups["groups"]:
            Plan.web_search_read(group["__domain"], CARD_FIELDS, limit=40, order="next_planned_date, id")
        listed = Plan.web_search_read(domain, LIST_FIELDS, limit=80, count_limit=10_001)
        return len(groups["groups"]), listed["length"]

    return timed(env, load)


def main(argv):
    args = parse_args(argv, orders=10_000)
    tables = ("sale_order", "sale_followup_plan", "sale_followup_milestone", "res_partner")
    with superuser_env() as env:
        setup = Stopwatch()
        with setup:
            company, salespeople, assistants, customers = set_up(env)
            insert_orders(env, company, salespeople, assistants, customers, BASELINE_SIZE, "bench-baseline")
            analyze(env, *tables)
        assistant = assistants[0]
        baseline = settled(lambda: timed_board(env, assistant))

        with setup:
            insert_orders(
                env, company, salespeople, assistants, customers, args.orders - BASELINE_SIZE, "bench-bulk"
            )
            analyze(env, *tables)
        measured = timed_board(env, assistant)
        lines = [
            (
                f"setup: {args.orders} open orders with plans and {len(MILESTONES)} milestones each "
                f"inserted in {setup.seconds:.1f} s (not measured)"
            ),
            (
                f"baseline: {BASELINE_SIZE:>6} open orders, the assistant's board ({baseline.result[0]} "
                f"columns, {baseline.result[1]} orders) in {baseline.cost}"
            ),
            (
                f"measured: {args.orders:>6} open orders, the assistant's board ({measured.result[0]} "
                f"columns, {measured.result[1]} orders) in {measured.cost}"
            ),
        ]
        return report_query_growth(lines, baseline, measured, args.orders // BASELINE_SIZE, "orders")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
