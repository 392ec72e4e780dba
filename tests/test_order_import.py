# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
from datetime import date
from unittest import mock

import openpyxl
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time

from ..tools import order_sheet
from .common import SaleAssistantCase


def xlsx(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@freeze_time("2026-11-27 09:00:00")
class TestOrderImport(SaleAssistantCase):
    """The import wizard: reading, matching by every path, the preview, then all lines or none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]
        cls.by_ref = Product.create({"name": "Ref Lantern", "default_code": "LNT-1", "list_price": 20.0})
        cls.by_barcode = Product.create(
            {"name": "Barcode Tote", "barcode": "4710000000001", "list_price": 5.0}
        )
        cls.by_customer_code = Product.create({"name": "Customer Code Stove", "list_price": 50.0})
        cls.by_name = Product.create({"name": "Folding Chair", "list_price": 30.0})
        cls.twin_a = Product.create({"name": "Twin Tent", "default_code": "TENT"})
        cls.twin_b = Product.create({"name": "Twin Tent XL", "default_code": "TENT"})
        cls.env["sale.customer.product.code"].create(
            {"partner_id": cls.alpha.id, "code": "ALPHA-STOVE", "product_id": cls.by_customer_code.id}
        )

    def _wizard(self, content, filename="order.xlsx", user=None, **values):
        wizard = (
            self.env["sale.order.import"]
            .with_user(user or self.amy)
            .create(
                {
                    "partner_id": self.alpha.id,
                    "file": base64.b64encode(content),
                    "filename": filename,
                    **values,
                }
            )
        )
        wizard.action_read_file()
        return wizard

    def _rows(self):
        return [
            ["Alpha Outdoor purchase order"],
            ["PO No: A-2026-77"],
            [],
            ["Item No", "Description", "Qty (pcs)", "Unit Price", "Delivery Date", "PO No."],
            ["LNT-1", "Lantern", 100, 19.5, date(2026, 12, 20), "A-2026-77"],
            ["4710000000001", "Tote", 200, None, date(2026, 12, 20), "A-2026-77"],
            ["ALPHA-STOVE", "Stove", 3, 48, date(2026, 12, 21), "A-2026-77"],
            [None, "Folding Chair", 10, 30, date(2026, 12, 22), "A-2026-77"],
            ["TENT", "Tent", 4, 99, date(2026, 12, 23), "A-2026-77"],
            ["ZZZ-404", "Unknown", 1, 1, date(2026, 12, 23), "A-2026-77"],
        ]

    def test_every_matching_path_and_the_preview(self):
        wizard = self._wizard(xlsx(self._rows()))
        self.assertEqual((wizard.state, wizard.header_row, wizard.customer_po), ("preview", 4, "A-2026-77"))
        self.assertEqual(
            [(c.letter, c.header, c.field) for c in wizard.column_ids],
            [
                ("A", "Item No", "product_code"),
                ("B", "Description", "description"),
                ("C", "Qty (pcs)", "quantity"),
                ("D", "Unit Price", "price_unit"),
                ("E", "Delivery Date", "requested_date"),
                ("F", "PO No.", "customer_po"),
            ],
        )
        lines = {line.row: line for line in wizard.line_ids}
        self.assertEqual(
            {row: (line.status, line.product_id, line.matched_by) for row, line in lines.items()},
            {
                5: ("matched", self.by_ref, "internal reference"),
                6: ("matched", self.by_barcode, "barcode"),
                7: ("matched", self.by_customer_code, "customer's code"),
                8: ("matched", self.by_name, "product name"),
                9: ("ambiguous", self.env["product.product"], "internal reference"),
                10: ("unmatched", self.env["product.product"], False),
            },
        )
        self.assertEqual(lines[9].candidate_ids, self.twin_a | self.twin_b)
        self.assertEqual(wizard.unresolved_count, 2)
        with self.assertRaisesMessage(UserError, "Choose a product for rows 9, 10"):
            wizard.action_confirm()

        lines[9].product_id = self.twin_b
        lines[10].product_id = self.by_name
        action = wizard.action_confirm()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(
            (order.partner_id, order.client_order_ref, order.user_id), (self.alpha, "A-2026-77", self.amy)
        )
        self.assertEqual(
            [
                (line.product_id, line.product_uom_qty, line.price_unit, line.customer_requested_date)
                for line in order.order_line
            ],
            [
                (self.by_ref, 100, 19.5, date(2026, 12, 20)),
                (self.by_barcode, 200, 5.0, date(2026, 12, 20)),
                (self.by_customer_code, 3, 48.0, date(2026, 12, 21)),
                (self.by_name, 10, 30.0, date(2026, 12, 22)),
                (self.twin_b, 4, 99.0, date(2026, 12, 23)),
                (self.by_name, 1, 1.0, date(2026, 12, 23)),
            ],
        )
        # The checks ran on the imported lines: e.g. nothing was ever ordered by Alpha.
        self.assertIn("new_product", order.check_finding_ids.mapped("kind"))
        # Codes that are not ours are learned as the customer's, and the columns are remembered.
        codes = self.env["sale.customer.product.code"].search([("partner_id", "=", self.alpha.id)])
        self.assertEqual(
            {(c.code, c.product_id) for c in codes},
            {("ALPHA-STOVE", self.by_customer_code), ("ZZZ-404", self.by_name)},
        )
        self.assertEqual(self.alpha.sale_import_mapping["Qty (pcs)"], "quantity")

    def test_corrected_mapping_is_remembered_per_customer(self):
        rows = [["Code", "Remark", "Qty", "Name"], ["LNT-1", "urgent", 5, "Folding Chair"]]
        wizard = self._wizard(xlsx(rows))
        self.assertEqual(wizard.line_ids.product_id, self.by_ref)
        wizard.column_ids.filtered(lambda c: c.header == "Code").field = False
        wizard.column_ids.filtered(lambda c: c.header == "Name").field = "description"
        wizard.action_apply_mapping()
        self.assertEqual(wizard.line_ids.product_id, self.by_name)
        wizard.action_confirm()
        again = self._wizard(xlsx(rows))
        self.assertEqual(again.line_ids.product_id, self.by_name, "the customer's columns are remembered")
        # Below a title block too; a customer without remembered columns needs recognisable headers.
        titled = [
            ["Alpha PO"],
            [],
            ["Code", "Remark", "Qty", "Name"],
            ["LNT-1", "urgent", 9, "Folding Chair"],
        ]
        wizard = self._wizard(xlsx(titled))
        self.assertEqual(
            (wizard.header_row, wizard.line_ids.product_id, wizard.line_ids.quantity), (3, self.by_name, 9)
        )
        with self.assertRaisesMessage(UserError, "No header row was recognised"):
            self._wizard(
                xlsx([["Ref", "Remark", "Pieces", "Name"], ["x", "y", 1, "z"]]), partner_id=self.bravo.id
            )

    def test_adds_to_a_quotation_from_its_form(self):
        quotation = self._order(self.alpha, self.amy)
        context = {"active_model": "sale.order", "active_id": quotation.id}
        wizard = Form(self.env["sale.order.import"].with_user(self.amy).with_context(**context))
        self.assertEqual((wizard.order_id, wizard.partner_id), (quotation, self.alpha))
        rows = [
            ["料號", "品名", "數量", "單價", "交期", "訂單號"],
            ["LNT-1", "燈", 7, 20, date(2026, 12, 30), "訂-9"],
        ]
        record = (
            self.env["sale.order.import"]
            .with_user(self.amy)
            .with_context(**context)
            .create({"file": base64.b64encode(xlsx(rows)), "filename": "訂單.xlsx"})
        )
        record.action_read_file()
        record.action_confirm()
        self.assertEqual(len(quotation.order_line), 2)
        self.assertEqual(quotation.order_line[-1].product_uom_qty, 7)
        self.assertEqual(quotation.client_order_ref, "訂-9")

    def test_bad_files_give_clear_messages_and_create_nothing(self):
        cases = [
            (b"not a spreadsheet", "order.xlsx", "damaged"),
            (b"x", "order.pdf", "Files ending in .pdf cannot be read"),
            (xlsx([]), "order.xlsx", "is empty"),
            (xlsx([["hello", "world"], ["a", "b"]]), "order.xlsx", "No header row was recognised"),
            (
                xlsx([["Code", "Qty"], ["LNT-1", "many"]]),
                "order.xlsx",
                "Row 2, column B (Qty): many is not a number",
            ),
            (
                xlsx([["Code", "Qty"], ["LNT-1", 0]]),
                "order.xlsx",
                "Row 2, column B (Qty): the quantity 0 must be more than zero",
            ),
            (
                xlsx([["Code", "Qty"], ["LNT-1", -2]]),
                "order.xlsx",
                "Row 2, column B (Qty): the quantity -2 must be more than zero",
            ),
            (
                "料號,數量\nLNT-1,#DIV/0!\n".encode("big5"),
                "order.csv",
                "Row 2, column B (數量): the formula gives the error #DIV/0!",
            ),
            (
                xlsx([["Code", "Qty", "Unit Price"], ["LNT-1", 2, 1.5], ["LNT-1", 3, "=C2*2"]]),
                "order.xlsx",
                "Row 3, column C (Unit Price): the formula =C2*2 has no saved result",
            ),
            (
                ("Code,Qty\n" + "LNT-1,1\n" * 10_001).encode(),
                "order.csv",
                "The file has more than 10,000 order lines.",
            ),
        ]
        count = self.env["sale.order"].search_count([])
        for content, filename, message in cases:
            with (
                self.subTest(filename=filename, message=message),
                self.assertRaisesMessage(UserError, message),
            ):
                self._wizard(content, filename)
        self.assertEqual(self.env["sale.order"].search_count([]), count)

    def test_assistant_imports_for_the_salesperson_they_serve(self):
        wizard = self._wizard(xlsx([["Code", "Qty"], ["LNT-1", 5]]), user=self.cindy, user_id=self.amy.id)
        order = self.env["sale.order"].browse(wizard.action_confirm()["res_id"])
        self.assertEqual((order.user_id, order.assistant_id), (self.amy, self.cindy))

    def test_assistant_is_refused_a_customer_at_read_file(self):
        """Refused before anything is read, not only at Import: a customer not assigned to the
        assistant, one of another salesperson, and any without the salesperson chosen first."""
        content = xlsx([["Code", "Qty"], ["LNT-1", 5]])
        Wizard = self.env["sale.order.import"].with_user(self.cindy)
        cases = [
            (self.amy, self.anchor, "Anchor Lights is not assigned to you"),
            (self.amy, self.bravo, "Bravo Trading belongs to Ben, not to Amy"),
            (self.amy, self.carlton, "Carlton Imports belongs to Carl, not to Amy"),
            (
                self.env["res.users"],
                self.alpha,
                "Choose the salesperson you prepare this quotation for first",
            ),
        ]
        for salesperson, customer, message in cases:
            with self.subTest(customer=customer.name, salesperson=salesperson.name):
                wizard = Wizard.create(
                    {
                        "user_id": salesperson.id,
                        "partner_id": customer.id,
                        "file": base64.b64encode(content),
                        "filename": "order.xlsx",
                    }
                )
                with self.assertRaisesMessage(UserError, message):
                    wizard.action_read_file()

    def test_customer_choices_follow_the_salesperson(self):
        """The customer field offers exactly what the user may use for the salesperson chosen first:
        no colleague, no factory, nothing before the salesperson."""
        Partner = self.env["res.partner"]
        factory = Partner.create(
            {
                "name": "Alpha Forge",
                "is_company": True,
                "is_factory": True,
                "user_id": self.amy.id,
                "assistant_ids": [(6, 0, self.cindy.ids)],
            }
        )
        form = Form(self.env["sale.order.import"].with_user(self.cindy))
        self.assertFalse(form.user_id, "an assistant picks the salesperson first")
        with self.assertRaises(AssertionError):
            form.partner_id = self.alpha  # read-only until then
        self.assertFalse(Partner.with_user(self.cindy).search(form.sale_customer_domain))
        form.user_id = self.amy
        choices = Partner.with_user(self.cindy).search(form.sale_customer_domain)
        self.assertEqual(choices.commercial_partner_id, self.alpha)
        self.assertNotIn(factory, choices)
        self.assertNotIn(self.amy.partner_id, choices)
        form.partner_id = self.alpha
        form.user_id = self.ben
        self.assertEqual(
            Partner.with_user(self.cindy).search(form.sale_customer_domain).commercial_partner_id, self.bravo
        )
        # A salesperson starts as the salesperson, and is offered customers, not factories.
        form = Form(self.env["sale.order.import"].with_user(self.amy))
        self.assertEqual(form.user_id, self.amy)
        choices = Partner.with_user(self.amy).search(form.sale_customer_domain)
        self.assertIn(self.alpha, choices)
        self.assertNotIn(factory, choices)

    def test_lines_added_to_a_quotation_are_for_its_salesperson(self):
        quotation = self._order(self.alpha, self.amy, assistant=self.cindy)
        context = {"active_model": "sale.order", "active_id": quotation.id}
        wizard = (
            self.env["sale.order.import"]
            .with_user(self.cindy)
            .with_context(**context)
            .create({"file": base64.b64encode(xlsx([["Code", "Qty"], ["LNT-1", 2]])), "filename": "o.xlsx"})
        )
        self.assertEqual((wizard.user_id, wizard.partner_id), (self.amy, self.alpha))
        wizard.action_read_file()
        wizard.action_confirm()
        self.assertEqual(quotation.order_line[-1].product_uom_qty, 2)

    def test_file_is_read_once_per_action(self):
        """Read File decodes and reads the workbook once, whether the columns remembered for the
        customer are found, or columns are missing and the mapping is opened to correct them."""
        self.alpha.sale_import_mapping = {"Code": "product_code", "Qty": "quantity"}
        cases = [
            ([["Title"], ["Code", "Qty"], ["LNT-1", 5]], 1),
            ([["Item No", "Description", "Pieces"], ["LNT-1", "Lantern", 4]], 0),
        ]
        for rows, line_count in cases:
            with (
                self.subTest(rows=rows),
                mock.patch.object(order_sheet, "_read_any", wraps=order_sheet._read_any) as spy,
            ):
                wizard = self._wizard(xlsx(rows))
                self.assertEqual((wizard.state, len(wizard.line_ids)), ("preview", line_count))
                self.assertEqual(spy.call_count, 1)

    def test_one_list_of_fields_and_one_message_table(self):
        """The columns offer the parser's fields; the wizard's messages are the parser's, translated."""
        Column = self.env["sale.order.import.column"]
        self.assertEqual([key for key, _label in Column._fields["field"].selection], list(order_sheet.FIELDS))
        wizard = self.env["sale.order.import"].with_user(self.amy).create({"partner_id": self.alpha.id})
        errors = [
            order_sheet.OrderSheetError("too_many_lines", limit=10_000),
            order_sheet.OrderSheetError("file_too_large", limit=10 * 1024 * 1024),
            order_sheet.OrderSheetError("not_positive", row=3, column="C", header="數量", value="0"),
            order_sheet.OrderSheetError("missing_column", row=1, field="quantity"),
            order_sheet.OrderSheetError("wrong_extension", extension=""),
        ] + [order_sheet.OrderSheetError(code, row=2, column="B", value="x") for code in order_sheet.MESSAGES]
        for error in errors:
            with self.subTest(code=error.code):
                self.assertEqual(wizard._sheet_error_message(error), str(error))
        # Numbers as the user's language writes them.
        self.env["res.lang"]._activate_lang("de_DE")
        german = wizard.with_context(lang="de_DE")
        self.assertIn("10.000", german._sheet_error_message(errors[0]))

    def test_lines_get_what_odoo_computes_per_product(self):
        """Description, unit, taxes (mapped by the customer's fiscal position) and analytic
        distribution are computed once per product, and are what Odoo gives a line typed in."""
        Tax = self.env["account.tax"]
        tax_standard = Tax.create({"name": "Import Std 5%", "amount": 5, "type_tax_use": "sale"})
        tax_export = Tax.create({"name": "Import Export 0%", "amount": 0, "type_tax_use": "sale"})
        self.by_ref.taxes_id = tax_standard
        self.by_ref.description_sale = "Lantern, 2 lamps"
        position = self.env["account.fiscal.position"].create(
            {
                "name": "Import Export",
                "tax_ids": [(0, 0, {"tax_src_id": tax_standard.id, "tax_dest_id": tax_export.id})],
            }
        )
        self.alpha.property_account_position_id = position
        plan = self.env["account.analytic.plan"].create({"name": "Import Plan"})
        account = self.env["account.analytic.account"].create({"name": "Alpha Projects", "plan_id": plan.id})
        self.env["account.analytic.distribution.model"].create(
            {"partner_id": self.alpha.id, "analytic_distribution": {str(account.id): 100}}
        )
        wizard = self._wizard(
            xlsx(
                [
                    ["Code", "Description", "Qty"],
                    ["LNT-1", "Lantern", 5],
                    ["LNT-1", "Lantern", 7],
                    [None, "Folding Chair", 1],
                ]
            )
        )
        order = self.env["sale.order"].browse(wizard.action_confirm()["res_id"])
        typed = self.env["sale.order.line"].create(
            [{"order_id": order.id, "product_id": product.id} for product in (self.by_ref, self.by_name)]
        )
        for line in order.order_line - typed:
            reference = typed.filtered(lambda t, ln=line: t.product_id == ln.product_id)
            with self.subTest(product=line.product_id.name, quantity=line.product_uom_qty):
                self.assertEqual(
                    (line.name, line.product_uom, line.tax_id, line.analytic_distribution),
                    (
                        reference.name,
                        reference.product_uom,
                        reference.tax_id,
                        reference.analytic_distribution,
                    ),
                )
        lantern_lines = order.order_line.filtered(lambda ln: ln.product_id == self.by_ref)
        self.assertEqual(lantern_lines.tax_id, tax_export)
        self.assertEqual(lantern_lines.mapped("analytic_distribution"), [{str(account.id): 100}] * 3)
        self.assertEqual(lantern_lines.mapped("price_total"), [100.0, 140.0, 20.0])

    def test_price_from_the_sheet_stays_when_the_quantity_changes(self):
        """The customer's price is agreed: changing the quantity later keeps it, as for a price
        typed in the form; a line priced by Odoo is priced again."""
        wizard = self._wizard(xlsx([["Code", "Qty", "Unit Price"], ["LNT-1", 2, 17.5], ["LNT-1", 3, None]]))
        order = self.env["sale.order"].browse(wizard.action_confirm()["res_id"])
        agreed, priced = order.order_line.sorted("product_uom_qty")
        self.assertEqual((agreed.price_unit, priced.price_unit), (17.5, 20.0))
        self.by_ref.list_price = 25.0
        order.order_line.with_user(self.amy).write({"product_uom_qty": 10})
        self.assertEqual((agreed.price_unit, priced.price_unit), (17.5, 25.0))

    # What may differ between an imported line and the same line typed in: the records' own
    # identity and the order they belong to; and the price Odoo computed before a price was
    # typed over it (the form computes it at the line's quantity, the import once per product:
    # both differ from the typed price, which is what makes it count as set by hand).
    NOT_COMPARED = frozenset(
        {
            "id",
            "order_id",
            "create_uid",
            "create_date",
            "write_uid",
            "write_date",
            "display_name",
            "technical_price_unit",
        }
    )

    def test_imported_order_equals_the_order_typed_in(self):
        """The import's shortcuts (values computed once per product, one batch) give exactly the
        order a salesperson types in the form: every stored field of every line, and the totals,
        with a quantity-dependent pricelist rule shown as a discount, a fiscal position mapping the
        taxes, prices from the pricelist and from the file, a packaging and a customer lead time."""
        Tax = self.env["account.tax"]
        tax_standard = Tax.create({"name": "Equal Std 5%", "amount": 5, "type_tax_use": "sale"})
        tax_export = Tax.create({"name": "Equal Export 2%", "amount": 2, "type_tax_use": "sale"})
        (self.by_ref | self.by_name).taxes_id = tax_standard
        self.by_ref.write({"description_sale": "Lantern, 2 lamps", "sale_delay": 12})
        self.env["product.packaging"].create({"name": "Box of 6", "product_id": self.by_ref.id, "qty": 6})
        self.alpha.property_account_position_id = self.env["account.fiscal.position"].create(
            {
                "name": "Equal Export",
                "tax_ids": [(0, 0, {"tax_src_id": tax_standard.id, "tax_dest_id": tax_export.id})],
            }
        )
        self.alpha.property_product_pricelist = self.env["product.pricelist"].create(
            {
                "name": "Alpha Volume",
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.by_ref.id,
                            "min_quantity": 10,
                            "compute_price": "percentage",
                            "percent_price": 10,
                        },
                    )
                ],
            }
        )
        # Discounts shown on lines: a setting, which Odoo reads on the superuser.
        discount = self.env.ref("sale.group_discount_per_so_line")
        (self.env.ref("base.user_root") | self.amy).groups_id += discount
        # (code, quantity, unit price in the file or None, requested date)
        lines = [
            ("LNT-1", 5, None, date(2026, 12, 20)),
            ("LNT-1", 12, None, date(2026, 12, 21)),
            ("LNT-1", 18, 17.5, date(2026, 12, 22)),
            ("ALPHA-STOVE", 3, None, date(2026, 12, 23)),
            ("4710000000001", 7, 4.25, False),
        ]
        wizard = self._wizard(
            xlsx(
                [
                    ["Code", "Qty", "Unit Price", "Delivery Date"],
                    *([c, q, p, d or None] for c, q, p, d in lines),
                ]
            ),
            customer_po="EQ-1",
        )
        imported = self.env["sale.order"].browse(wizard.action_confirm()["res_id"])

        form = Form(self.env["sale.order"].with_user(self.amy))
        form.partner_id = self.alpha
        form.client_order_ref = "EQ-1"
        products = {
            "LNT-1": self.by_ref,
            "ALPHA-STOVE": self.by_customer_code,
            "4710000000001": self.by_barcode,
        }
        for code, quantity, price, day in lines:
            with form.order_line.new() as line:
                line.product_id = products[code]
                line.product_uom_qty = quantity
                if price is not None:
                    line.price_unit = price
                line.customer_requested_date = day
                line.customer_product_code = code
        typed = form.save()

        def stored(order):
            fields = [
                name
                for name, field in order.order_line._fields.items()
                if field.store and field.type not in ("one2many", "binary") and name not in self.NOT_COMPARED
            ]
            return [
                {name: line._fields[name].convert_to_write(line[name], line) for name in fields}
                for line in order.order_line.sorted("sequence")
            ]

        self.assertEqual(stored(imported), stored(typed))
        totals = ("amount_untaxed", "amount_tax", "amount_total", "pricelist_id", "fiscal_position_id")
        self.assertEqual(imported.read(totals)[0] | {"id": 0}, typed.read(totals)[0] | {"id": 0})
        # The case is the one meant: the rule applies from 10 pieces, as a discount, on the
        # pricelist's price and on the file's; the export tax replaces the standard one.
        lantern = imported.order_line.filtered(lambda ln: ln.product_id == self.by_ref)
        self.assertEqual(
            [(ln.price_unit, ln.discount, ln.customer_lead) for ln in lantern],
            [(20.0, 0.0, 12.0), (20.0, 10.0, 12.0), (17.5, 10.0, 12.0)],
        )
        self.assertEqual(lantern.tax_id, tax_export)
        self.assertTrue(lantern[2].product_packaging_id)

    def test_import_queries_do_not_grow_with_the_lines(self):
        """Lines are created in one batch and computed per product: 40 lines of two products take
        no more queries than 4."""

        def confirm_queries(count):
            rows = [["Code", "Description", "Qty"]] + [
                ["LNT-1", "Lantern", 1 + n] if n % 2 else [None, "Folding Chair", 1 + n] for n in range(count)
            ]
            wizard = self._wizard(xlsx(rows))
            self.env.flush_all()
            before = self.cr.sql_log_count
            wizard.action_confirm()
            self.env.flush_all()
            return self.cr.sql_log_count - before

        confirm_queries(4)  # warm the caches
        self.assertEqual(confirm_queries(40), confirm_queries(4))

    def test_preview_has_room_for_headers_and_badges(self):
        """The preview opens wide, and its narrow columns (row, quantity, status badge...) are given
        the width of their header instead of being cut off."""
        wizard = self._wizard(xlsx([["Code", "Qty"], ["LNT-1", 5]]))
        self.assertEqual(wizard.action_read_file()["context"]["dialog_size"], "extra-large")
        self.assertEqual(
            self.env.ref("sale_assistant.sale_order_import_action").context, "{'dialog_size': 'extra-large'}"
        )
        arch = etree.fromstring(
            wizard.with_user(self.amy).get_views([(False, "form")])["views"]["form"]["arch"]
        )
        for name in ("row", "quantity", "price_unit", "requested_date", "matched_by", "status"):
            with self.subTest(column=name):
                self.assertTrue(arch.xpath(f"//field[@name='line_ids']/list/field[@name='{name}']/@width"))

    def test_one_unresolved_row_is_a_row(self):
        wizard = self._wizard(xlsx([["Code", "Qty"], ["LNT-1", 5], ["ZZZ-404", 1]]))
        with self.assertRaisesMessage(UserError, "Choose a product for row 3 before importing."):
            wizard.action_confirm()

    def test_csv_encodings(self):
        for encoding in ("utf-8", "big5", "gb18030"):
            header = "料号,品名,数量\n" if encoding == "gb18030" else "料號,品名,數量\n"
            with self.subTest(encoding=encoding):
                wizard = self._wizard((header + "LNT-1,燈,12\n").encode(encoding), "order.csv")
                self.assertEqual((wizard.line_ids.product_id, wizard.line_ids.quantity), (self.by_ref, 12))

    def test_preview_creates_nothing(self):
        before = self.env["sale.order"].search_count([])
        self._wizard(xlsx(self._rows()))
        self.assertEqual(self.env["sale.order"].search_count([]), before)
        self.assertFalse(self.env["sale.customer.product.code"].search([("code", "=", "TENT")]))
        self.assertFalse(self.alpha.sale_import_mapping)

    def test_lines_go_only_to_an_editable_quotation_of_the_same_customer(self):
        content = xlsx([["Code", "Qty"], ["LNT-1", 5]])
        confirmed = self._order(self.alpha, self.amy)
        confirmed.action_confirm()
        with self.assertRaisesMessage(UserError, "is not a quotation any more"):
            self._wizard(content, order_id=confirmed.id).action_confirm()
        bravo_quote = self._order(self.bravo, self.ben)
        with self.assertRaises(AccessError):
            self._wizard(content, order_id=bravo_quote.id).action_confirm()
        amy_anchor_quote = self._order(self.anchor, self.amy)
        with self.assertRaisesMessage(UserError, "is for Anchor Lights, not for Alpha Outdoor"):
            self._wizard(content, order_id=amy_anchor_quote.id).action_confirm()
        self.assertEqual(len(confirmed.order_line | bravo_quote.order_line | amy_anchor_quote.order_line), 3)

    def test_missing_quantity_column_opens_the_columns_to_correct(self):
        wizard = self._wizard(xlsx([["Item No", "Description", "Pieces"], ["LNT-1", "Lantern", 4]]))
        self.assertEqual((wizard.state, wizard.header_row, len(wizard.line_ids)), ("preview", 1, 0))
        self.assertEqual(wizard.column_ids.mapped("field"), ["product_code", "description", False])
        wizard.column_ids.filtered(lambda c: c.header == "Pieces").field = "quantity"
        wizard.action_apply_mapping()
        self.assertEqual((wizard.line_ids.product_id, wizard.line_ids.quantity), (self.by_ref, 4))

    def test_customer_codes_follow_customer_ownership(self):
        Codes = self.env["sale.customer.product.code"]
        carl_code = Codes.create({"partner_id": self.carlton.id, "code": "C-1", "product_id": self.by_ref.id})
        alpha_code = Codes.search([("partner_id", "=", self.alpha.id)])
        self.assertEqual(
            Codes.with_user(self.cindy).search([("id", "in", (carl_code | alpha_code).ids)]), alpha_code
        )
        self.assertEqual(
            Codes.with_user(self.amy).search([("id", "in", (carl_code | alpha_code).ids)]), alpha_code
        )
        self.assertEqual(
            Codes.with_user(self.carl).search([("id", "in", (carl_code | alpha_code).ids)]), carl_code
        )
        with self.assertRaises(AccessError):
            carl_code.with_user(self.cindy).write({"code": "HIJACK"})

    def test_a_customer_code_is_relearned_for_another_product(self):
        rows = [["Code", "Qty"], ["ALPHA-STOVE", 2]]
        wizard = self._wizard(xlsx(rows))
        self.assertEqual(wizard.line_ids.product_id, self.by_customer_code)
        wizard.line_ids.product_id = self.by_name
        wizard.action_confirm()
        code = self.env["sale.customer.product.code"].search(
            [("partner_id", "=", self.alpha.id), ("code", "=", "ALPHA-STOVE")]
        )
        self.assertEqual(code.product_id, self.by_name)
        self.assertEqual(self._wizard(xlsx(rows)).line_ids.product_id, self.by_name)
