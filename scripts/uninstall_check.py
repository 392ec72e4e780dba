"""Uninstall sale_assistant from a database and check that nothing of it is left.

Usage: python3 scripts/uninstall_check.py --addons-path=... -d DATABASE
Exits non-zero with a message when the uninstall fails or leaves the module's models behind.
"""

import sys

import odoo
from odoo.tools import config

MODULE = "sale_assistant"


def main(argv):
    config.parse_config(argv)
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.module.module"].search([("name", "=", MODULE)]).button_immediate_uninstall()
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        module = env["ir.module.module"].search([("name", "=", MODULE)])
        if module.state != "uninstalled":
            sys.exit(f"{MODULE} is still '{module.state}' after uninstalling it")
        leftovers = env["ir.model.data"].search_count([("module", "=", MODULE)])
        if leftovers:
            sys.exit(f"{leftovers} records of {MODULE} are left after uninstalling it")


if __name__ == "__main__":
    main(sys.argv[1:])
