# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: the daily public pool cron over many customers.

Usage: python3 benchmarks/bench_protection_pool.py --addons-path=... -d DATABASE [--partners 100000]
       [--due 200] [--warn 200]

Run on a database where sale_assistant is installed, preferably without demo data. In one
transaction, rolled back at the end: 100 salespeople, then ``--partners`` owned customers inserted
with SQL (their pool clock set as the ORM would), ``--due`` of them past the pool period and
``--warn`` within the warning period, followed by ANALYZE (setup time reported apart). It then
times the cron's first run (returns and warnings) and a second run the same day (nothing left to
do), and counts their queries: the counts depend on the customers due or warned, not on how many
customers there are (run it with two --partners figures to compare).
"""

import sys

from bench_common import Stopwatch, analyze, create_salespeople, parse_args, superuser_env, timed, write_lines

SALESPEOPLE = 100
SETTINGS = {
    "sale_protect_customers": True,
    "sale_pool_enabled": True,
    "sale_pool_days": 30,
    "sale_pool_warning_days": 5,
}


def set_up(env, partners, due, warn):
    company = env.ref("base.main_company")
    users = create_salespeople(env, "Pool", "bench_pool", SALESPEOPLE)
    env["res.config.settings"].create(SETTINGS).execute()
    env.flush_all()
    today = env["res.partner"].browse(company.partner_id.id)._sale_local_today()
    # A few due customers first, returned by an unmeasured run: the caches a running server has
    # (subtypes, templates, models) are warm, so the counts below compare between scales.
    insert(env, "Warm-up Customer", 10, 10, 0, users, today)
    env["res.partner"]._cron_sale_pool()
    env.flush_all()
    insert(env, "Pool Customer", partners, due, warn, users, today)
    analyze(env, "res_partner", "mail_activity")
    env.invalidate_all()
    return today


def insert(env, prefix, partners, due, warn, users, today):
    """Owned customers: ``due`` past the pool period, ``warn`` within the warning period, the rest
    active within the last 20 days."""
    env.cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, active, type, user_id,
                                 sale_protected_owner_id, partner_share, autopost_bills, is_factory,
                                 sale_owner_since, sale_pool_clock_date, create_date, write_date)
        SELECT %(prefix)s || ' ' || n, %(prefix)s || ' ' || n, true, true, 'contact', owner, owner, true,
               'ask', false, clock, clock, now(), now()
          FROM (SELECT n, (%(users)s::int[])[1 + n %% cardinality(%(users)s::int[])] AS owner,
                       CASE WHEN n <= %(due)s THEN %(today)s::date - 100
                            WHEN n <= %(due)s + %(warn)s THEN %(today)s::date - 27
                            ELSE %(today)s::date - (n %% 20) END AS clock
                  FROM generate_series(1, %(partners)s) AS n) AS source
        """,
        {
            "prefix": prefix,
            "users": users.ids,
            "partners": partners,
            "due": due,
            "warn": warn,
            "today": today,
        },
    )
    # Statistics first: without them the planner may scan the whole table for each row updated.
    analyze(env, "res_partner")
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE %s", [f"{prefix} %"])
    env.invalidate_all()


def timed_run(env):
    """(seconds, queries) of one run of the cron and of its writes, from a cold cache."""
    env.invalidate_all()
    _result, seconds, queries = timed(env, env["res.partner"]._cron_sale_pool, flush=True)
    return seconds, queries


def main(argv):
    args = parse_args(argv, partners=100_000, due=200, warn=200)
    with superuser_env() as env:
        with Stopwatch() as setup:
            today = set_up(env, args.partners, args.due, args.warn)
        first_seconds, first_queries = timed_run(env)
        Partner = env["res.partner"]
        returned = Partner.search_count([("sale_pool_date", "!=", False), ("name", "like", "Pool Customer")])
        warned = env["mail.activity"].search_count(
            [("activity_type_id", "=", env.ref("sale_assistant.mail_activity_type_pool_warning").id)],
        )
        second_seconds, second_queries = timed_run(env)
        left = Partner.search_count(Partner._sale_pool_due_domain(today, Partner._sale_pool_settings()))
        lines = [
            f"setup: {args.partners} customers inserted in {setup.seconds:.1f} s (not measured)",
            (
                f"first run: {first_seconds:.2f} s, {first_queries} queries "
                f"({returned} returned to the pool, {warned} warned)"
            ),
            (
                f"second run the same day: {second_seconds * 1000:.1f} ms, {second_queries} queries "
                f"(nothing to do; {left} due left)"
            ),
        ]
        write_lines(lines)
        return 0 if returned == args.due and warned == args.warn else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
