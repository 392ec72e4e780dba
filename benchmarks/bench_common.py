# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the benchmark scripts share (imported as ``bench_common``: they run from this folder)."""

from odoo import Command


def create_salespeople(env, label, login_prefix, count):
    """``count`` internal users with the Salesperson right in the main company, named
    "Bench [<label> ]Salesperson <i>" with logins "<login_prefix>_<i>"."""
    company = env.ref("base.main_company")
    groups = env.ref("sales_team.group_sale_salesman") | env.ref("base.group_user")
    return env["res.users"].create(
        [
            {
                "name": " ".join(filter(None, ("Bench", label, "Salesperson", str(i)))),
                "login": f"{login_prefix}_{i}",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set(groups.ids)],
            }
            for i in range(count)
        ]
    )
