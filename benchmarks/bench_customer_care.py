"""Benchmark: customer care at scale (issue 11).

Usage: python3 benchmarks/bench_customer_care.py --addons-path=... -d DATABASE
           [--customers 10000] [--contacts 1000000]

Run on a database where sale_assistant is installed. In one transaction that is rolled back at
the end (the database is left as it was), in a company of its own, it measures:

1. the customers list with last contact and next call-back (first page, as an assistant), with
   100 contacts in the log and then with N (1,000,000 by default): queries and time, same run;
2. the daily call-back cron over all due key customers (10,000 by default), in batches of 1,000:
   queries per batch, against batches of 100 (the query count must not grow per customer).

Setup time is printed apart. Bulk rows go in with set-based SQL, followed by ANALYZE.
"""

import sys

from bench_common import Stopwatch, analyze, parse_args, superuser_env, timed

LIST_FIELDS = [
    "display_name",
    "user_id",
    "assistant_ids",
    "sale_tier_id",
    "sale_last_contact_date",
    "sale_callback_date",
]


def set_up(env, company, customers):
    """Users, a tier and ``customers`` key customers; returns (assistant, partners, tier)."""
    Users = env["res.users"].with_context(no_reset_password=True)

    def user(name, login, group):
        """A user of the benchmark's company only, with ``group``."""
        return Users.create(
            {
                "name": name,
                "login": login,
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "groups_id": [(6, 0, env.ref(group).ids)],
            }
        )

    amy = user("Bench Amy", "bench_amy", "sales_team.group_sale_salesman")
    cindy = user("Bench Cindy", "bench_cindy", "sale_assistant.group_sale_assistant")
    env["sale.assistant.assignment"].create(
        {"salesperson_id": amy.id, "assistant_id": cindy.id, "company_id": company.id}
    )
    tier = env["sale.customer.tier"].create({"name": "Bench A", "callback_interval_days": 14})
    # Customers by set-based SQL: the ORM would spend minutes on 10,000 of them.
    env.cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, type, active, company_id, user_id,
                                 autopost_bills, create_uid, create_date, write_uid, write_date)
        SELECT 'Bench Key ' || n, 'Bench Key ' || n, true, 'contact', true, %s, %s, 'ask', 2, now(), 2, now()
          FROM generate_series(1, %s) n
        RETURNING id
        """,
        (company.id, amy.id, customers),
    )
    partners = env["res.partner"].browse(sorted(row[0] for row in env.cr.fetchall()))
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", (partners.ids,))
    env.cr.execute(
        "INSERT INTO res_partner_sale_assistant_rel (partner_id, user_id) SELECT unnest(%s::int[]), %s",
        (partners.ids, cindy.id),
    )
    env.cr.execute("UPDATE res_partner SET sale_tier_id = %s WHERE id = ANY(%s)", (tier.id, partners.ids))
    env.invalidate_all()
    return cindy, partners, tier


def insert_contacts(env, company, partners, count):
    env.cr.execute(
        """
        INSERT INTO sale_customer_contact (
            name, company_id, partner_id, commercial_partner_id, user_id, logged_by_id, channel,
            incoming, date, outcome, create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH/' || n, %(company)s, p, p, 2, 2, 'phone_out', false,
               now() - (30 + n %% 300) * interval '1 day', 'informed', 2, now(), 2, now()
          FROM (SELECT n, (%(partners)s::int[])[1 + n %% %(size)s] AS p
                  FROM generate_series(1, %(count)s) n) s
        """,
        {"company": company.id, "partners": partners.ids, "size": len(partners), "count": count},
    )
    # What the stored computes hold after such a history: the last contact and the next call-back.
    env.cr.execute(
        """
        UPDATE res_partner p SET sale_last_contact_date = c.last,
               sale_callback_date = (c.last + interval '14 days')::date
          FROM (SELECT commercial_partner_id, max(date) AS last FROM sale_customer_contact
                 WHERE commercial_partner_id = ANY(%s) GROUP BY commercial_partner_id) c
         WHERE p.id = c.commercial_partner_id
        """,
        (partners.ids,),
    )
    analyze(env, "sale_customer_contact", "res_partner")
    env.invalidate_all()


def measured(env, function):
    """(seconds, queries) of ``function`` and of the writes it leaves pending, from cold caches
    (the ORM's and the registry's)."""
    env.invalidate_all()
    env.registry.clear_cache()
    _result, seconds, queries = timed(env, function, flush=True)
    return seconds, queries


def customer_list(env, assistant):
    Partner = env["res.partner"].with_user(assistant)
    return lambda: Partner.search_read([("assistant_ids", "in", assistant.ids)], LIST_FIELDS, limit=80)


def cron_runs(env, partners, batch_size):
    """Run the cron until every due customer has its activity; (seconds, [queries per run])."""
    activity_type = env.ref("sale_assistant.mail_activity_type_customer_callback")
    env["mail.activity"].search(
        [("activity_type_id", "=", activity_type.id), ("res_id", "in", partners.ids)]
    ).unlink()
    runs, total = [], 0.0
    Partner = env["res.partner"]
    while True:
        seconds, queries = measured(env, lambda: Partner._cron_schedule_callbacks(batch_size=batch_size))
        done = env["mail.activity"].search_count(
            [("activity_type_id", "=", activity_type.id), ("res_id", "in", partners.ids)]
        )
        total += seconds
        runs.append(queries)
        if done >= len(partners):
            return total, runs


def main(argv):
    args = parse_args(argv, customers=10_000, contacts=1_000_000)
    with superuser_env() as env:
        setup = Stopwatch()
        with setup:
            company = env["res.company"].create({"name": "Customer Care Benchmark Co."})
            env = env(context={"allowed_company_ids": [company.id]})
            assistant, partners, _tier = set_up(env, company, args.customers)
            insert_contacts(env, company, partners, 100)
        listing = customer_list(env, assistant)
        measured(env, listing)  # warm-up
        small_seconds, small_queries = measured(env, listing)
        with setup:
            insert_contacts(env, company, partners, args.contacts)
        big_seconds, big_queries = measured(env, listing)
        cron_small_seconds, cron_small = cron_runs(env, partners, 100)
        cron_seconds, cron = cron_runs(env, partners, 1_000)
        sys.stdout.write(
            f"setup: {setup.seconds:.1f} s ({args.customers} key customers, {args.contacts} contacts)\n"
            f"customers list, first page, as an assistant: {small_queries} queries, "
            f"{small_seconds * 1000:.0f} ms "
            f"with 100 contacts; {big_queries} queries, {big_seconds * 1000:.0f} ms with {args.contacts}; "
            f"ratio {big_seconds / small_seconds:.2f}x\n"
            f"call-back cron, {args.customers} customers: batches of 1,000: {len(cron)} runs, "
            f"{max(cron)} queries at most per run, {cron_seconds:.1f} s; "
            f"batches of 100: {len(cron_small)} runs, "
            f"{max(cron_small)} queries at most per run, {cron_small_seconds:.1f} s\n"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
