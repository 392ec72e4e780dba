#!/usr/bin/env python3
"""Uninstall sale_assistant from a database and check that nothing of it is left.

Usage: python3 scripts/uninstall_check.py --addons-path=... -d DATABASE
Saves the Settings once first (which stores the addon's options as system parameters), then
uninstalls and looks for what could be left: records with the addon's XML ids, its tables, its
columns on other models' tables (sale_order, res_partner, res_users...), system parameters,
scheduled actions, mail templates and sequences. Exits non-zero with the list when any is left.
"""

import sys

import odoo
from odoo.tools import config

MODULE = "sale_assistant"
PARAMETER_PREFIX = "sale_assistant."


def _say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _owned(env):
    """What the addon owns, noted before uninstalling it."""
    data = env["ir.model.data"].search([("module", "=", MODULE)])

    def ids_of(model):
        return data.filtered(lambda d: d.model == model).mapped("res_id")

    models = env["ir.model"].browse(ids_of("ir.model"))
    own_models = {model.model for model in models if model.modules.split(", ") == [MODULE]}
    tables = {env[name]._table for name in own_models if env[name]._auto}
    columns = set()
    for field in env["ir.model.fields"].browse(ids_of("ir.model.fields")):
        if field.model in own_models or not field.store or field.ttype in ("one2many", "many2many"):
            continue
        model = env[field.model]
        if model._auto and field.name in model._fields and field.modules.split(", ") == [MODULE]:
            columns.add((model._table, field.name))
    crons = env["ir.cron"].browse(ids_of("ir.cron")) | env["ir.cron"].with_context(active_test=False).search(
        [("model_id.model", "in", list(own_models))]
    )
    templates = env["mail.template"].browse(ids_of("mail.template")) | env["mail.template"].with_context(
        active_test=False
    ).search([("model", "in", list(own_models))])
    sequences = env["ir.sequence"].browse(ids_of("ir.sequence"))
    codes = set(sequences.mapped("code")) | own_models
    return {
        "tables": tables,
        "columns": columns,
        "crons": crons.ids,
        "templates": templates.ids,
        "sequence_ids": sequences.ids,
        "sequence_codes": codes,
        "models": own_models,
    }


def _leftovers(env, owned):
    cr = env.cr
    left = []
    module = env["ir.module.module"].search([("name", "=", MODULE)])
    if module.state != "uninstalled":
        left.append(f"the module is still '{module.state}'")
    count = env["ir.model.data"].search_count([("module", "=", MODULE)])
    if count:
        left.append(f"{count} records with {MODULE} XML ids")
    cr.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_name = ANY(%s)", [list(owned["tables"])]
    )
    left += [f"table {table}" for (table,) in cr.fetchall()]
    for table, column in sorted(owned["columns"]):
        cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
            [table, column],
        )
        if cr.fetchone():
            left.append(f"column {table}.{column}")
    parameters = (
        env["ir.config_parameter"].sudo().search([]).filtered(lambda p: p.key.startswith(PARAMETER_PREFIX))
    )
    left += [f"system parameter {key}" for key in parameters.mapped("key")]
    crons = env["ir.cron"].with_context(active_test=False).browse(owned["crons"]).exists()
    left += [f"scheduled action {name}" for name in crons.mapped("name")]
    templates = env["mail.template"].with_context(active_test=False).browse(owned["templates"]).exists()
    left += [f"mail template {name}" for name in templates.mapped("name")]
    sequences = env["ir.sequence"].with_context(active_test=False)
    sequences = sequences.browse(owned["sequence_ids"]).exists() | sequences.search(
        [("code", "in", list(owned["sequence_codes"]))]
    )
    left += [f"sequence {sequence.name} ({sequence.code})" for sequence in sequences]
    return left


def main(argv):
    config.parse_config(argv)
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        # Saving the Settings once stores the addon's options as system parameters.
        env["res.config.settings"].create({}).execute()
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        owned = _owned(env)
        if not any(env["ir.config_parameter"].search([("key", "=like", "sale\\_assistant.%")])):
            sys.exit(
                "saving the Settings stored no sale_assistant.* parameter: the check would prove nothing"
            )
        env["ir.module.module"].search([("name", "=", MODULE)]).button_immediate_uninstall()
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        left = _leftovers(env, owned)
    if left:
        sys.exit(f"uninstalling {MODULE} left:\n  " + "\n  ".join(left))
    _say(
        f"uninstalling {MODULE} left nothing: checked {len(owned['tables'])} tables, "
        f"{len(owned['columns'])} columns on other tables, system parameters, "
        f"{len(owned['crons'])} scheduled actions, {len(owned['templates'])} mail templates and "
        f"{len(owned['sequence_codes'])} sequence codes"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
