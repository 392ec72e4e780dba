"""Benchmark: what the record rules cost assistants and team managers at 100,000 orders.

Usage: python3 benchmarks/bench_access.py --addons-path=... -d DATABASE [--rounds 11] [--explain]

Run on a database where sale_assistant is installed, preferably without demo data. The first run
builds the data set and commits it (users ``bench_access_*`` mark it; later runs reuse it):
200 users (60 salespeople, 100 assistants serving 1-3 salespeople each, 10 team managers leading
a team of 6 salespeople each, 30 All Documents users), 10,000 customers, then 100,000 orders and
200,000 order lines inserted with SQL (a third of the orders prepared by one of the salesperson's
assistants), followed by ANALYZE.

Then, over 11 rounds with the roles interleaved, each call runs in a fresh transaction and a fresh
environment (the registry's caches stay warm, as in a running server): the sales analysis by month
(``sale.report`` read_group), the orders list's first page, the orders count and the order lines
list's first page, for a salesperson, an assistant and a team manager. "Same rows" is an All
Documents user passing a static domain that selects exactly the rows of the role: the same work
without the role's rules; each role and its "same rows" run one right after the other, in turns
first. It prints the medians, the ratios role / same rows and the number of queries of each call.
``--explain`` also prints EXPLAIN ANALYZE of the sales analysis query of the assistant and of the
team manager.
"""

import statistics
import sys
import time
from datetime import datetime, timedelta

from bench_common import analyze, configured_registry, parse_args, rolled_back_env, timed

from odoo import Command
from odoo.tools import SQL

PREFIX = "bench_access_"
SALESPEOPLE, ASSISTANTS, MANAGERS, ALL_DOCUMENTS = 60, 100, 10, 30
TEAM_SIZE = SALESPEOPLE // MANAGERS
CUSTOMERS, ORDERS, LINES_PER_ORDER, PRODUCTS = 10_000, 100_000, 2, 50
MONTHS = 48
ROLE_COLUMNS = (1, 3)  # assistant and team manager, each followed by its "same rows" column

ORDER_LIST = {
    "name": {},
    "date_order": {},
    "partner_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "assistant_id": {"fields": {"display_name": {}}},
    "team_id": {"fields": {"display_name": {}}},
    "company_id": {"fields": {"display_name": {}}},
    "amount_untaxed": {},
    "amount_total": {},
    "currency_id": {"fields": {}},
    "state": {},
    "invoice_status": {},
}
LINE_LIST = {
    "order_id": {"fields": {"display_name": {}}},
    "order_partner_id": {"fields": {"display_name": {}}},
    "name": {},
    "salesman_id": {"fields": {"display_name": {}}},
    "product_uom_qty": {},
    "qty_delivered": {},
    "qty_invoiced": {},
    "product_uom": {"fields": {"display_name": {}}},
    "price_subtotal": {},
    "currency_id": {"fields": {}},
}


# --------------------------------------------------------------------------------------------
# Data set
# --------------------------------------------------------------------------------------------


def create_users(env, kind, count, group_xmlids):
    groups = [env.ref(xmlid).id for xmlid in ("base.group_user", *group_xmlids)]
    return env["res.users"].create(
        [
            {
                "name": f"Bench {kind.title()} {n}",
                "login": f"{PREFIX}{kind}_{n}",
                "groups_id": [Command.set(groups)],
            }
            for n in range(count)
        ]
    )


def served_salespeople(assistant_index):
    """The indexes of the 1-3 salespeople an assistant serves."""
    return sorted({(assistant_index * 7 + k * 13) % SALESPEOPLE for k in range(1 + assistant_index % 3)})


def build(env):
    env = env(
        context=dict(env.context, tracking_disable=True, no_reset_password=True, mail_create_nolog=True)
    )
    salespeople = create_users(env, "salesperson", SALESPEOPLE, ["sales_team.group_sale_salesman"])
    assistants = create_users(env, "assistant", ASSISTANTS, ["sale_assistant.group_sale_assistant"])
    managers = create_users(env, "manager", MANAGERS, ["sale_assistant.group_sale_team_manager"])
    create_users(env, "alldocs", ALL_DOCUMENTS, ["sales_team.group_sale_salesman_all_leads"])
    teams = env["crm.team"].create(
        [
            {
                "name": f"Bench Team {n}",
                "user_id": manager.id,
                "crm_team_member_ids": [
                    Command.create({"user_id": salesperson.id})
                    for salesperson in salespeople[n * TEAM_SIZE : (n + 1) * TEAM_SIZE]
                ],
            }
            for n, manager in enumerate(managers)
        ]
    )
    env["sale.assistant.assignment"].create(
        [
            {"salesperson_id": salespeople[s].id, "assistant_id": assistant.id}
            for a, assistant in enumerate(assistants)
            for s in served_salespeople(a)
        ]
    )
    customers = env["res.partner"].browse()
    for start in range(0, CUSTOMERS, 1000):
        customers |= env["res.partner"].create(
            [
                {
                    "name": f"Bench Customer {n}",
                    "is_company": True,
                    "user_id": salespeople[n % SALESPEOPLE].id,
                }
                for n in range(start, start + 1000)
            ]
        )
    products = env["product.product"].create(
        [{"name": f"Bench Product {n}", "list_price": 10.0 + n} for n in range(PRODUCTS)]
    )
    env.flush_all()
    insert_orders(env, salespeople, assistants, teams, customers, products)
    analyze(
        env,
        "sale_order",
        "sale_order_line",
        "res_partner",
        "res_users",
        "crm_team_member",
        "sale_assistant_assignment",
    )


def insert_orders(env, salespeople, assistants, teams, customers, products):
    """Orders and lines in two set-based INSERTs fed by arrays built here."""
    serving = {s: [] for s in range(SALESPEOPLE)}
    for a, assistant in enumerate(assistants):
        for s in served_salespeople(a):
            serving[s].append(assistant.id)
    partner_ids, user_ids, assistant_ids, team_ids, dates = [], [], [], [], []
    start = datetime(2022, 1, 1)
    for n in range(ORDERS):
        s = n % SALESPEOPLE
        # the salesperson's customers are those with the same index modulo SALESPEOPLE
        partner_ids.append(customers[s + SALESPEOPLE * ((n // SALESPEOPLE) % (CUSTOMERS // SALESPEOPLE))].id)
        user_ids.append(salespeople[s].id)
        helpers = serving[s]
        assistant_ids.append(helpers[(n // SALESPEOPLE) % len(helpers)] if helpers and n % 3 == 0 else None)
        team_ids.append(teams[s // TEAM_SIZE].id)
        dates.append(start + timedelta(minutes=(n * 997) % (MONTHS * 30 * 24 * 60)))
    company = env.company
    pricelist = env["product.pricelist"].search([("company_id", "in", [company.id, False])], limit=1)
    env.cr.execute(
        """
        INSERT INTO sale_order (
            name, partner_id, partner_invoice_id, partner_shipping_id, user_id, assistant_id, team_id,
            company_id, currency_id, pricelist_id, date_order, state, invoice_status, picking_policy,
            amount_untaxed, amount_tax, amount_total, create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH/' || lpad(o.n::text, 6, '0'), o.partner, o.partner, o.partner, o.salesperson,
               o.assistant, o.team, %(company)s, %(currency)s, %(pricelist)s, o.ordered,
               CASE WHEN o.n %% 5 = 0 THEN 'draft' ELSE 'sale' END, 'no', 'direct',
               100 + o.n %% 900, 0, 100 + o.n %% 900, 1, o.ordered, 1, o.ordered
          FROM unnest(%(partners)s::int[], %(users)s::int[], %(assistants)s::int[], %(teams)s::int[],
                      %(dates)s::timestamp[]) WITH ORDINALITY
               AS o(partner, salesperson, assistant, team, ordered, n)
        """,
        {
            "company": company.id,
            "currency": company.currency_id.id,
            "pricelist": pricelist.id or None,
            "partners": partner_ids,
            "users": user_ids,
            "assistants": assistant_ids,
            "teams": team_ids,
            "dates": dates,
        },
    )
    env.cr.execute(
        """
        INSERT INTO sale_order_line (
            order_id, sequence, name, product_id, product_uom, product_uom_qty, price_unit, discount,
            price_subtotal, price_tax, price_total, price_reduce_taxexcl, price_reduce_taxinc,
            currency_id, company_id, salesman_id, assistant_id, order_partner_id, state, customer_lead,
            qty_delivered, qty_invoiced, qty_to_invoice, untaxed_amount_invoiced,
            untaxed_amount_to_invoice, invoice_status, create_uid, create_date, write_uid, write_date)
        SELECT o.id, 10 * l.n, p.name, p.id, p.uom, 1 + o.id %% 20, 10, 0,
               (1 + o.id %% 20) * 10, 0, (1 + o.id %% 20) * 10, 10, 10,
               o.currency_id, o.company_id, o.user_id, o.assistant_id, o.partner_id, o.state, 0,
               0, 0, 0, 0, 0, 'no', 1, o.create_date, 1, o.create_date
          FROM sale_order o
          CROSS JOIN generate_series(1, %(lines)s) AS l(n)
          JOIN (SELECT pp.id, pt.name->>'en_US' AS name, pt.uom_id AS uom,
                       row_number() OVER (ORDER BY pp.id) - 1 AS k
                  FROM product_product pp JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE pp.id = ANY(%(products)s)) AS p
            ON p.k = (o.id * %(lines)s + l.n) %% %(product_count)s
         WHERE o.name LIKE 'BENCH/%%'
        """,
        {"lines": LINES_PER_ORDER, "products": products.ids, "product_count": len(products)},
    )


# --------------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------------


def report_by_month(env, domain):
    env["sale.report"].read_group(domain, ["price_total:sum"], ["date:month"], lazy=False)


def orders_page(env, domain):
    env["sale.order"].web_search_read(domain, ORDER_LIST, limit=80, count_limit=10001)


def orders_count(env, domain):
    env["sale.order"].search_count(domain)


def lines_page(env, domain):
    env["sale.order.line"].web_search_read(domain, LINE_LIST, limit=80, count_limit=10001)


CALLS = [
    ("sales analysis by month (`sale.report` read_group)", report_by_month, "report"),
    ("orders list, first page", orders_page, "order"),
    ("orders count", orders_count, "order"),
    ("order lines list, first page", lines_page, "line"),
]


def same_rows_domains(assistant, served_ids, manager, overseen_ids):
    """Static domains selecting exactly what the assistant and the manager see, per model."""
    assistant_domain = {
        "order": [("assistant_id", "=", assistant), ("user_id", "in", served_ids)],
        "report": [("assistant_id", "=", assistant), ("user_id", "in", served_ids)],
        "line": [("order_id.assistant_id", "=", assistant), ("salesman_id", "in", served_ids)],
    }
    manager_domain = {
        "order": [("user_id", "in", overseen_ids)],
        "report": [("user_id", "in", overseen_ids)],
        "line": [("salesman_id", "in", overseen_ids)],
    }
    return assistant_domain, manager_domain


CONTEXT = {"lang": "en_US", "tz": "UTC"}


def timed_call(registry, uid, call, domain):
    """(seconds, queries) of ``call`` as ``uid`` in a fresh transaction and environment: the
    registry's caches stay warm, as in a running server."""
    with rolled_back_env(registry, uid, CONTEXT) as env:
        _result, seconds, queries = timed(env, lambda: call(env, domain))
    return seconds, queries


def explain(registry, uid, domain, title):
    """Print EXPLAIN ANALYZE of the query of the sales analysis as ``uid`` runs it."""
    with rolled_back_env(registry, uid, CONTEXT) as env:
        cr = env.cr
        captured = []
        execute = cr.execute

        def capture(query, params=None, log_exceptions=True):
            captured.append((query, params))
            return execute(query, params, log_exceptions)

        cr.execute = capture
        try:
            report_by_month(env, domain)
        finally:
            cr.execute = execute
        query, params = next(
            (q, p) for q, p in reversed(captured) if "sale_report" in str(q) and "GROUP BY" in str(q)
        )
        if isinstance(query, SQL):
            query, params = query.code, query.params
        cr.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}", params)
        sys.stdout.write(f"\n### EXPLAIN ANALYZE: sales analysis by month, {title}\n\n")
        sys.stdout.write("\n".join(row[0] for row in cr.fetchall()) + "\n")


def main(argv):
    args = parse_args(argv, rounds=11, explain=False)
    registry = configured_registry()

    setup_start = time.perf_counter()
    with rolled_back_env(registry) as env:
        if not env["res.users"].search_count([("login", "=", f"{PREFIX}salesperson_0")]):
            build(env)
            # Kept for the next runs: each call is then measured in a transaction of its own.
            env.cr.commit()  # pylint: disable=invalid-commit
            sys.stdout.write(f"data set built in {time.perf_counter() - setup_start:.0f} s\n")
        else:
            sys.stdout.write("data set found: reused\n")
        Users = env["res.users"]
        salesperson = Users.search([("login", "=", f"{PREFIX}salesperson_0")])
        assistant = Users.search([("login", "=", f"{PREFIX}assistant_2")])  # serves 3 salespeople
        manager = Users.search([("login", "=", f"{PREFIX}manager_0")])
        all_documents = Users.search([("login", "=", f"{PREFIX}alldocs_0")])
        served_ids = (
            env["sale.assistant.assignment"].search([("assistant_id", "=", assistant.id)]).salesperson_id.ids
        )
        overseen_ids = (
            manager.ids
            + env["crm.team.member"]
            .search([("crm_team_id.user_id", "=", manager.id), ("crm_team_id.active", "=", True)])
            .user_id.ids
        )
        order_count = env["sale.order"].search_count([])
    sys.stdout.write(f"setup: {time.perf_counter() - setup_start:.1f} s ({order_count} orders)\n")
    assistant_domain, manager_domain = same_rows_domains(assistant.id, served_ids, manager.id, overseen_ids)

    columns = [
        ("salesperson (core)", salesperson.id, None),
        ("assistant", assistant.id, None),
        ("same rows", all_documents.id, assistant_domain),
        ("team manager", manager.id, None),
        ("same rows", all_documents.id, manager_domain),
    ]
    measure_start = time.perf_counter()
    results = {(c, k): [] for c in range(len(CALLS)) for k in range(len(columns))}
    for round_ in range(args.rounds + 1):  # round 0 warms the registry caches up and is dropped
        for c, (_label, call, model) in enumerate(CALLS):
            for k in round_order(round_, len(columns)):
                _name, uid, domains = columns[k]
                measure = timed_call(registry, uid, call, domains[model] if domains else [])
                if round_:
                    results[c, k].append(measure)
    sys.stdout.write(f"measured: {time.perf_counter() - measure_start:.1f} s, {args.rounds} rounds\n\n")
    print_table(columns, results)
    if args.explain:
        explain_all(registry, assistant, all_documents, manager, assistant_domain, manager_domain)


def round_order(round_, count):
    """The columns in the order to measure them: each role right next to its "same rows", the
    one first on even rounds, the other on odd ones (whichever runs second finds the rows in
    PostgreSQL's buffers)."""
    order = list(range(count))
    if round_ % 2:
        for role in ROLE_COLUMNS:
            order[role], order[role + 1] = order[role + 1], order[role]
    return order


def print_table(columns, results):
    """Medians per call and column, the ratios role / same rows, and the queries of each call."""
    header = [name for name, _uid, _domains in columns] + ["assistant / same", "manager / same"]
    sys.stdout.write("| call | " + " | ".join(header) + " |\n")
    sys.stdout.write("|---" * (len(header) + 1) + "|\n")
    worst = 0.0
    for c, (label, _call, _model) in enumerate(CALLS):
        medians = [statistics.median(t for t, _q in results[c, k]) * 1000 for k in range(len(columns))]
        queries = [max(q for _t, q in results[c, k]) for k in range(len(columns))]
        ratios = [medians[k] / medians[k + 1] for k in ROLE_COLUMNS]
        worst = max(worst, *ratios)
        cells = [f"{ms:.{1 if ms < 10 else 0}f} ms ({q} q)" for ms, q in zip(medians, queries, strict=True)]
        cells += [f"{ratio:.2f}x" for ratio in ratios]
        sys.stdout.write(f"| {label} | " + " | ".join(cells) + " |\n")
    sys.stdout.write(f"\nworst ratio: {worst:.2f}x (target: 1.20x or less)\n")


def explain_all(registry, assistant, all_documents, manager, assistant_domain, manager_domain):
    explain(registry, assistant.id, [], "assistant")
    explain(registry, all_documents.id, assistant_domain["report"], "same rows as the assistant")
    explain(registry, manager.id, [], "team manager")
    explain(registry, all_documents.id, manager_domain["report"], "same rows as the team manager")


if __name__ == "__main__":
    main(sys.argv[1:])
