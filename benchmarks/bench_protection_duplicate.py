"""Benchmark: the duplicate check of customer protection at scale.

Usage: python3 benchmarks/bench_protection_duplicate.py --addons-path=... -d DATABASE
       [--partners 100000] [--rounds 11]

Run on a database where sale_assistant is installed, preferably without demo data. In one
transaction, rolled back at the end: 100 salespeople and ``--partners`` customers owned by them in
turn, inserted with SQL with their duplicate keys (what the ORM would compute), then ANALYZE.
Each round times, for another salesperson, creating a new customer (no match) with protection off
(core) and on, and creating a duplicate of someone else's customer (refused). It prints the
medians, the queries of the duplicate lookup, and its EXPLAIN ANALYZE (the key indexes, no
sequential scan).
"""

import statistics
import sys
import time

from bench_common import Stopwatch, analyze, parse_args, set_customer_protection, superuser_env, write_lines

from odoo import Command
from odoo.exceptions import RedirectWarning
from odoo.tools import SQL

SALESPEOPLE = 100


def set_up(env, partners):
    salesman = env.ref("sales_team.group_sale_salesman") | env.ref("base.group_partner_manager")
    users = env["res.users"].create(
        [
            {
                "name": f"Bench Duplicate Salesperson {i}",
                "login": f"bench_duplicate_{i}",
                "groups_id": [Command.set((salesman | env.ref("base.group_user")).ids)],
            }
            for i in range(SALESPEOPLE + 1)
        ]
    )
    owners, newcomer = users[:-1], users[-1]
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, active, type, user_id,
                                 sale_protected_owner_id, sale_owner_since, partner_share,
                                 autopost_bills, vat, email, phone, website,
                                 sale_dup_name_key, sale_dup_vat_key, sale_dup_email_key,
                                 sale_dup_phone_key, sale_dup_website_key, create_date, write_date)
        SELECT 'Bench Customer ' || n || ' Co., Ltd.', 'Bench Customer ' || n || ' Co., Ltd.', true,
               true, 'contact', owner, owner, current_date, true, 'ask', 'TW' || n,
               'sales@bench' || n || '.example', '+886 2 ' || lpad(n::text, 8, '0'),
               'https://www.bench' || n || '.example', 'benchcustomer' || n, 'TW' || n,
               'bench' || n || '.example', lpad(n::text, 8, '0'), 'bench' || n || '.example',
               now(), now()
          FROM (SELECT n, (%(users)s::int[])[1 + n %% cardinality(%(users)s::int[])] AS owner
                  FROM generate_series(1, %(partners)s) AS n) AS source
        """,
        {"users": owners.ids, "partners": partners},
    )
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE 'Bench Customer %%'")
    analyze(env, "res_partner")
    env.invalidate_all()
    return newcomer


def timed_create(env, user, vals):
    """Seconds to create ``vals`` as ``user``, and whether it was refused (rolled back either way)."""
    env.invalidate_all()
    Partner = env["res.partner"].with_user(user)
    refused = False
    start = time.perf_counter()
    try:
        with env.cr.savepoint():
            Partner.create(vals)
            env.flush_all()
            raise _Rollback
    except RedirectWarning:
        refused = True
    except _Rollback:
        pass
    return time.perf_counter() - start, refused


class _Rollback(Exception):
    pass


def lookup_plan(env, partners):
    Partner = env["res.partner"].sudo()
    key_set = Partner._sale_duplicate_keys_from(
        {"name": f"BENCH CUSTOMER {partners // 2} LIMITED", "phone": "0912 000 001", "email": "x@new.example"}
    )
    query = Partner._search(Partner._sale_duplicate_domain([key_set]))
    env.cr.execute(SQL("EXPLAIN ANALYZE %s", query.select()))
    return "\n".join(row[0] for row in env.cr.fetchall())


def main(argv):
    args = parse_args(argv, partners=100_000, rounds=11)
    with superuser_env() as env:
        with Stopwatch() as setup:
            newcomer = set_up(env, args.partners)
        new = {"name": "Brand New Trading Ltd", "is_company": True, "phone": "+1 415 555 0100"}
        duplicate = {"name": f"BENCH-CUSTOMER {args.partners // 2} LIMITED", "is_company": True}
        cases = (
            ("new customer, core (protection off)", False, new, False),
            ("new customer, protection on", True, new, False),
            ("duplicate, protection on (refused)", True, duplicate, True),
        )
        runs = {name: [] for name, *_rest in cases}
        queries = {}
        for _round in range(args.rounds):
            for name, on, vals, expect_refused in cases:
                set_customer_protection(env, on)
                timed_create(env, newcomer, vals)  # warm the caches the toggle cleared
                before = env.cr.sql_log_count
                seconds, refused = timed_create(env, newcomer, vals)
                queries[name] = env.cr.sql_log_count - before
                if refused != expect_refused:
                    raise SystemExit(f"{name}: refused={refused}, expected {expect_refused}")
                runs[name].append(seconds)
        lines = [f"setup: {args.partners} customers inserted in {setup.seconds:.1f} s (not measured)"]
        lines += [
            f"{name:<40} median {statistics.median(times) * 1000:8.2f} ms" for name, times in runs.items()
        ]
        lines += [f"{name:<40} {count} queries" for name, count in queries.items()]
        lines += ["duplicate lookup, EXPLAIN ANALYZE:", lookup_plan(env, args.partners)]
        write_lines(lines)
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
