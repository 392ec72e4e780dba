"""Benchmark: a salesperson's customer name_search with customer protection on, against core.

Usage: python3 benchmarks/bench_protection.py --addons-path=... -d DATABASE [--partners 100000]
       [--rounds 11]

Run on a database where sale_assistant is installed, preferably without demo data. In one
transaction, rolled back at the end: 100 salespeople and an All Documents user, then
``--partners`` customers (a tenth of them companies, the rest their contacts), owned by the
salespeople in turn, inserted with SQL, followed by ANALYZE. Each round, in a fresh environment
(the registry caches stay warm, as in a running server), times the name_search an order's customer
field sends while typing ("Customer 1", 8 results): the salesperson with protection on, the same
salesperson with protection off (core), and an All Documents user with protection on. It prints
the medians and the ratio protection on / core; the target is at most 1.5x.
"""

import statistics
import sys

from bench_common import (
    Stopwatch,
    analyze,
    create_salespeople,
    parse_args,
    set_customer_protection,
    superuser_env,
    timed,
    write_lines,
)

from odoo import Command

SALESPEOPLE = 100
TARGET = 1.5


def set_up(env, partners):
    salesman = env.ref("sales_team.group_sale_salesman") | env.ref("base.group_user")
    users = create_salespeople(env, "Protection", "bench_protection", SALESPEOPLE)
    all_documents = env["res.users"].create(
        {
            "name": "Bench Protection All Documents",
            "login": "bench_protection_all",
            "groups_id": [Command.set((salesman | env.ref("sales_team.group_sale_salesman_all_leads")).ids)],
        }
    )
    env.flush_all()
    companies = partners // 10
    params = {"users": users.ids, "companies": companies, "contacts": partners - companies}
    # Companies first, then contacts under them; the owner marker is what the ORM would compute.
    env.cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, active, type, user_id,
                                 sale_protected_owner_id, partner_share, autopost_bills,
                                 create_date, write_date)
        SELECT 'Customer ' || n, 'Customer ' || n, true, true, 'contact', owner, owner, true, 'ask',
               now(), now()
          FROM (SELECT n, (%(users)s::int[])[1 + n %% cardinality(%(users)s::int[])] AS owner
                  FROM generate_series(1, %(companies)s) AS n) AS source
        """,
        params,
    )
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE 'Customer %%'")
    env.cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, active, type, parent_id,
                                 commercial_partner_id, user_id, sale_protected_owner_id,
                                 partner_share, autopost_bills, create_date, write_date)
        SELECT 'Buyer ' || n, company.name || ', Buyer ' || n, false, true, 'contact', company.id,
               company.id, company.user_id, company.user_id, true, 'ask', now(), now()
          FROM generate_series(1, %(contacts)s) AS n
          JOIN res_partner company ON company.name = 'Customer ' || (1 + n %% %(companies)s)
        """,
        params,
    )
    analyze(env, "res_partner")
    env.invalidate_all()
    return users[0], all_documents


def timed_name_search(env, user):
    """(seconds, results) of the name_search a customer field sends while typing, from a cold cache."""
    env.invalidate_all()
    Partner = env["res.partner"].with_user(user)
    found, seconds, _queries = timed(env, lambda: Partner.name_search("Customer 1", limit=8))
    return seconds, len(found)


def main(argv):
    args = parse_args(argv, partners=100_000, rounds=11)
    with superuser_env() as env:
        with Stopwatch() as setup:
            salesperson, all_documents = set_up(env, args.partners)
        runs = {"protection on": [], "core (protection off)": [], "All Documents, protection on": []}
        found = {}
        for _round in range(args.rounds):
            for name, on, user in (
                ("core (protection off)", False, salesperson),
                ("protection on", True, salesperson),
                ("All Documents, protection on", True, all_documents),
            ):
                set_customer_protection(env, on)
                timed_name_search(env, user)  # warm the rule cache after the toggle
                seconds, found[name] = timed_name_search(env, user)
                runs[name].append(seconds)
        medians = {name: statistics.median(times) for name, times in runs.items()}
        ratio = medians["protection on"] / medians["core (protection off)"]
        lines = [f"setup: {args.partners} partners inserted in {setup.seconds:.1f} s (not measured)"]
        lines += [
            f"{name:<30} median {seconds * 1000:8.2f} ms ({found[name]} results)"
            for name, seconds in medians.items()
        ]
        lines.append(f"ratio protection on / core: {ratio:.2f}x (target <= {TARGET}x)")
        write_lines(lines)
        return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
