# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase

MODULE = "sale_assistant"


class TestInstall(TransactionCase):
    def test_module_is_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", MODULE)])
        self.assertEqual(module.state, "installed")

    def test_every_data_file_is_loaded(self):
        """Each data file of the manifest left records behind, so none was skipped."""
        manifest = ast.literal_eval((Path(get_module_path(MODULE)) / "__manifest__.py").read_text())
        loaded = set(self.env["ir.model.data"].search([("module", "=", MODULE)]).mapped("model"))
        self.assertTrue(manifest["data"])
        for expected in ("res.groups", "ir.rule", "ir.model.access", "ir.ui.view", "ir.ui.menu"):
            self.assertIn(expected, loaded)

    def test_groups_on_the_user_form(self):
        """Team Documents sits in the Sales selection; Sales Assistant is a checkbox of its own."""
        by_app = {
            app: (kind, groups)
            for app, kind, groups, _category in self.env["res.groups"].get_groups_by_application()
        }
        kind, groups = by_app[self.env.ref("base.module_category_sales_sales")]
        self.assertEqual(kind, "selection")
        self.assertEqual(
            groups[:4].mapped(lambda g: g.get_external_id()[g.id]),
            [
                "sales_team.group_sale_salesman",
                "sale_assistant.group_sale_team_manager",
                "sales_team.group_sale_salesman_all_leads",
                "sales_team.group_sale_manager",
            ],
        )
        assistant = self.env.ref("sale_assistant.group_sale_assistant")
        kind, groups = by_app[self.env["ir.module.category"]]
        self.assertEqual(kind, "boolean")
        self.assertIn(assistant, groups)
