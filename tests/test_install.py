# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
import csv
from pathlib import Path

from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

MODULE = "sale_assistant"
# Folders whose XML and CSV files are data files (demo data is apart, in demo/).
DATA_FOLDERS = ("security", "data", "views", "wizards", "report")


def _declared_xmlids(path):
    """The XML ids a data file declares, each as module.name."""
    if path.suffix == ".csv":
        with path.open(newline="") as handle:
            names = [row["id"] for row in csv.DictReader(handle)]
    else:
        tree = etree.parse(str(path))
        names = [node.get("id") for node in tree.iter("record", "menuitem", "template") if node.get("id")]
    return [name if "." in name else f"{MODULE}.{name}" for name in names]


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_module_is_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", MODULE)])
        self.assertEqual(module.state, "installed")

    def test_every_data_file_is_loaded(self):
        """Every data file of the addon is in the manifest, and every record each one declares
        (by XML id) is in the database: a file left out of the manifest, or one that stopped
        loading, fails here."""
        root = Path(get_module_path(MODULE))
        manifest = ast.literal_eval((root / "__manifest__.py").read_text())
        on_disk = {
            str(path.relative_to(root))
            for folder in DATA_FOLDERS
            for path in (root / folder).glob("*")
            if path.suffix in (".xml", ".csv")
        }
        self.assertEqual(set(manifest["data"]), on_disk)
        for data_file in manifest["data"]:
            with self.subTest(data_file=data_file):
                xmlids = _declared_xmlids(root / data_file)
                self.assertTrue(xmlids, "declares no record")
                missing = [xmlid for xmlid in xmlids if not self.env.ref(xmlid, raise_if_not_found=False)]
                self.assertEqual(missing, [])

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

    def test_view_expressions_use_only_what_the_web_client_evaluates(self):
        """The web client evaluates invisible/readonly/required/column_invisible, domains and
        contexts itself, with only a few of Python's functions (py_js's builtins): a call of any
        other (``len``, ``any``, ``str``...) passes the server's view validation but breaks the
        form in the browser. Every view of the addon, as stored (inherited ones too)."""
        web_client_functions = {"bool", "set", "max", "min", "context_today", "relativedelta"}
        attributes = ("invisible", "readonly", "required", "column_invisible", "domain", "context")
        views = self.env["ir.ui.view"].search(
            [("model_data_id.module", "=", MODULE), ("type", "in", ("form", "list", "kanban", "search"))]
        )
        self.assertGreater(len(views), 20)
        for view in views:
            arch = etree.fromstring(view.arch_db.encode())
            expressions = [
                node.get(attribute) for node in arch.iter() for attribute in attributes if node.get(attribute)
            ] + [node.text for node in arch.iter("attribute") if node.get("name") in attributes and node.text]
            calls = {
                call.func.id
                for expression in expressions
                for call in ast.walk(ast.parse(expression.strip(), mode="eval"))
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
            }
            with self.subTest(view=view.xml_id):
                self.assertLessEqual(calls, web_client_functions)
