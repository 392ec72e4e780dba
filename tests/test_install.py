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
