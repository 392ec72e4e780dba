# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the benchmark scripts share (imported as ``bench_common``: they run from this folder)."""

import argparse
import sys
import time
from contextlib import contextmanager
from typing import Any, NamedTuple

import odoo
from odoo import Command
from odoo.tools import SQL, config


def parse_args(argv, **defaults):
    """Split the command line between the script and Odoo, and configure Odoo with its part.

    Each keyword is one of the script's options (``lines=200_000`` is ``--lines N``, an integer
    200,000 by default; ``explain=False`` is a flag); everything else (``--addons-path``, ``-d``,
    ``--log-level`` ...) is Odoo's. Returns the script's options."""
    parser = argparse.ArgumentParser(add_help=False)
    for name, default in defaults.items():
        option = "--" + name.replace("_", "-")
        if isinstance(default, bool):
            parser.add_argument(option, action="store_true")
        else:
            parser.add_argument(option, type=type(default), default=default)
    args, odoo_args = parser.parse_known_args(argv)
    config.parse_config(odoo_args)
    return args


def configured_registry():
    """The registry of the database given with ``-d`` (after ``parse_args``)."""
    return odoo.modules.registry.Registry(config["db_name"])


@contextmanager
def rolled_back_env(registry, uid=odoo.SUPERUSER_ID, context=None):
    """An environment of ``uid`` in a transaction of its own that is always rolled back, even when
    the benchmark fails: a benchmark measures, it leaves the database as it found it (only what is
    committed explicitly stays)."""
    with registry.cursor() as cr:
        try:
            yield odoo.api.Environment(cr, uid, context or {})
        finally:
            cr.rollback()


def superuser_env():
    """A superuser environment on the configured database, in a transaction always rolled back."""
    return rolled_back_env(configured_registry())


class Stopwatch:
    """Adds up the wall time spent in its ``with`` blocks: the data setup is timed apart from the
    measures, possibly in several pieces between them."""

    def __init__(self):
        self.seconds = 0.0
        self._start = None

    def __enter__(self):
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc_info):
        self.seconds += time.perf_counter() - self._start


class Measure(NamedTuple):
    """What ``timed`` returns: the call's result, its wall time and its number of queries."""

    result: Any
    seconds: float
    queries: int

    @property
    def cost(self):
        """How the reports print it: "0.040 s, 4 queries"."""
        return f"{self.seconds:.3f} s, {self.queries} queries"


def timed(env, function, flush=False):
    """Call ``function()`` and measure it: wall time and the queries sent on ``env``'s cursor.

    With ``flush``, what the call left pending is written inside the measure: writes are not done
    until they are flushed. Clearing the caches first, or not, is the caller's choice."""
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = function()
    if flush:
        env.flush_all()
    return Measure(result, time.perf_counter() - start, env.cr.sql_log_count - queries)


def analyze(env, *tables):
    """ANALYZE ``tables`` after a bulk insert: PostgreSQL plans the next queries (and the foreign
    key checks of the next inserts) on statistics that would still say the tables are empty."""
    for table in tables:
        env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))


def ratio_line(baseline, measured, scale, what):
    """The report's ratio line: how many times the baseline's time the measured call took for
    ``scale`` times the ``what``."""
    return f"ratio: {measured.seconds / baseline.seconds:.1f}x the time for {scale:.0f}x the {what}"


def write_lines(lines):
    """Print the report, one line each."""
    sys.stdout.write("".join(f"{line}\n" for line in lines))


def report_query_growth(lines, baseline, measured, scale, what, data="the data"):
    """Print the report of a call measured at two sizes: ``lines`` (the setup, the baseline and the
    measured call, in each script's words), the ratio of their times for ``scale`` times the
    ``what``, then the verdict: the measured call must send as many queries as the baseline,
    whatever the ``data`` (a query per record would not show in the times of a small database).
    Returns the exit code: 1, with a FAILED line, when the queries grew."""
    write_lines([*lines, ratio_line(baseline, measured, scale, what)])
    if measured.queries == baseline.queries:
        return 0
    sys.stdout.write(
        f"FAILED: the number of queries changed with {data} ({baseline.queries} -> {measured.queries})\n"
    )
    return 1


def settled(measure, tries=5):
    """``measure()`` again until two runs in a row send as many queries, and the last run: the
    first loads of a screen still fill caches (rules, translations, groups), so a baseline taken
    too early counts queries a running server no longer sends."""
    previous = measure()
    for _attempt in range(tries):
        current = measure()
        if current.queries == previous.queries:
            return current
        previous = current
    return current


def set_customer_protection(env, on):
    """Switch the Protect Customers setting, as a sales administrator does in the settings."""
    env["res.config.settings"].create({"sale_protect_customers": on}).execute()


def create_users(env, names, logins, groups):
    """Internal users of the main company only, one per name and login, with the ``groups`` (xml
    ids) besides Internal User: the people a benchmark's rules and views are measured for."""
    company = env.ref("base.main_company")
    group_ids = [env.ref(xmlid).id for xmlid in ("base.group_user", *groups)]
    return env["res.users"].create(
        [
            {
                "name": name,
                "login": login,
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set(group_ids)],
            }
            for name, login in zip(names, logins, strict=True)
        ]
    )


def create_salespeople(env, label, login_prefix, count):
    """``count`` internal users with the Salesperson right in the main company, named
    "Bench [<label> ]Salesperson <i>" with logins "<login_prefix>_<i>"."""
    return create_users(
        env,
        [" ".join(filter(None, ("Bench", label, "Salesperson", str(i)))) for i in range(count)],
        [f"{login_prefix}_{i}" for i in range(count)],
        ["sales_team.group_sale_salesman"],
    )
