"""Benchmark: a portfolio transfer of thousands of customers and orders.

Usage: python3 benchmarks/bench_protection_transfer.py --addons-path=... -d DATABASE
       [--customers 2000] [--orders 10000] [--receivers 2]

Run on a database where sale_assistant is installed, preferably without demo data. In one
transaction, rolled back at the end: a leaving salesperson, ``--receivers`` salespeople taking
over and a sales administrator; ``--customers`` customers owned by the leaver and ``--orders`` open
quotations of theirs (spread over those customers), inserted with SQL, followed by ANALYZE (the
setup time is printed apart). Then the sales administrator transfers the whole portfolio at once
through the wizard, and the script prints the time, the number of queries and the queries per
record moved. Customers change owner one by one (each gets its own chatter note, as every change
of owner does); orders are written in one grouped write per receiver with their notes logged in
batch, so their queries do not grow with their number.
"""

import sys

from bench_common import Stopwatch, analyze, create_salespeople, parse_args, superuser_env, timed, write_lines

from odoo import Command


def set_up(env, customers, orders, receivers):
    company = env.ref("base.main_company")
    salesman = env.ref("sales_team.group_sale_salesman") | env.ref("base.group_user")
    users = create_salespeople(env, "Transfer", "bench_transfer", receivers + 1)
    admin = env["res.users"].create(
        {
            "name": "Bench Transfer Sales Admin",
            "login": "bench_transfer_admin",
            "groups_id": [Command.set((salesman | env.ref("sales_team.group_sale_manager")).ids)],
        }
    )
    env.flush_all()
    leaver = users[0]
    params = {"leaver": leaver.id, "customers": customers, "orders": orders, "company": company.id}
    env.cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, active, type, user_id,
                                 sale_protected_owner_id, sale_owner_since, partner_share,
                                 autopost_bills, create_date, write_date)
        SELECT 'Bench Customer ' || n, 'Bench Customer ' || n, true, true, 'contact', %(leaver)s,
               %(leaver)s, current_date, true, 'ask', now(), now()
          FROM generate_series(1, %(customers)s) AS n
        """,
        params,
    )
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE 'Bench Customer %%'")
    env.cr.execute(
        """
        INSERT INTO sale_order (name, state, date_order, partner_id, partner_invoice_id,
                                partner_shipping_id, company_id, currency_id, user_id,
                                invoice_status, picking_policy, create_date, write_date)
        SELECT 'BENCH/' || n, 'draft', now(), customer.id, customer.id, customer.id,
               %(company)s, company.currency_id, %(leaver)s, 'no', 'direct', now(), now()
          FROM generate_series(1, %(orders)s) AS n
          JOIN res_partner customer ON customer.name = 'Bench Customer ' || (1 + n %% %(customers)s)
          JOIN res_company company ON company.id = %(company)s
        """,
        params,
    )
    analyze(env, "res_partner", "sale_order")
    env.invalidate_all()
    return leaver, users[1:], admin


def main(argv):
    args = parse_args(argv, customers=2_000, orders=10_000, receivers=2)
    with superuser_env() as env:
        with Stopwatch() as setup:
            leaver, receivers, admin = set_up(env, args.customers, args.orders, args.receivers)
        wizard = (
            env["sale.protection.transfer.wizard"]
            .with_user(admin)
            .create(
                {
                    "from_user_id": leaver.id,
                    "to_user_ids": [Command.set(receivers.ids)],
                    "reason": "Benchmark: the salesperson leaves",
                }
            )
        )
        env.flush_all()
        action, seconds, queries = timed(env, wizard.action_confirm, flush=True)
        transfer = env["sale.protection.transfer"].browse(action["res_id"])
        moved = dict(
            env["sale.protection.transfer.line"]._read_group(
                [("transfer_id", "=", transfer.id)], ["kind"], ["__count"]
            )
        )
        left = env["sale.order"].search_count([("user_id", "=", leaver.id)])
        total = max(sum(moved.values()), 1)
        customers, quotations = moved.get("customer", 0), moved.get("quotation", 0)
        lines = [
            f"setup (not timed): {args.customers} customers, {args.orders} orders, {setup.seconds:.1f} s",
            f"transfer to {len(receivers)} salespeople: {seconds:.1f} s, {queries} queries",
            f"moved: {customers} customers, {quotations} quotations; left with the leaver: {left} orders",
            f"per record moved: {seconds * 1000 / total:.2f} ms, {queries / total:.2f} queries",
        ]
        write_lines(lines)
        return 0 if transfer.state == "done" and not left else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
