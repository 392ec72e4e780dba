# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tests of tools/order_sheet.py (pure Python, no database): every file is built in memory.

The classes are Odoo BaseCase tests (no database) so that Odoo's own test runner runs them too."""

import csv
import datetime
import io
import zipfile
from dataclasses import astuple
from unittest import mock

import openpyxl
import xlsxwriter
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase

from ..tools import order_sheet

OrderSheetError = order_sheet.OrderSheetError
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
D = datetime.date

# derandomize: the same examples on every run (a CI failure can be replayed); database=None: no
# failing examples are stored for replay between runs.
SETTINGS = settings(max_examples=60, deadline=None, database=None, derandomize=True)


def csv_bytes(rows, encoding="utf-8", delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, merges=()):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xls_bytes(rows, merges=(), errors=()):
    """merges: (first row, last row, first col, last col, value), 0-based inclusive (xlwt);
    errors: (row, col, "#DIV/0!" or BIFF error code) error cells."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("PO")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write(r, c, value, date_style)
            elif value is not None:
                sheet.write(r, c, value)
    for first_row, last_row, first_col, last_col, value in merges:
        sheet.write_merge(first_row, last_row, first_col, last_col, value)
    for r, c, text in errors:
        sheet.row(r).set_cell_error(c, text)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ENGLISH = [
    ["Product Code", "Description", "Qty (pcs)", "Unit Price", "Delivery Date", "PO No."],
    ["A-100", "Bolt M6", 1200, 0.35, D(2026, 12, 1), "PO-77"],
    ["B-200", "Nut M6", 300, None, None, None],
]


class TestFileTypes(BaseCase):
    def assert_english_lines(self, sheet, first_row=2):
        self.assertEqual(
            [(line.row, line.product_code, line.description, line.quantity) for line in sheet.lines],
            [(first_row, "A-100", "Bolt M6", 1200.0), (first_row + 1, "B-200", "Nut M6", 300.0)],
        )
        first, second = sheet.lines
        self.assertEqual(
            (first.price_unit, first.requested_date, first.customer_po), (0.35, D(2026, 12, 1), "PO-77")
        )
        self.assertEqual((second.price_unit, second.requested_date, second.customer_po), (None, None, None))

    def test_csv_english(self):
        rows = [[cell.isoformat() if isinstance(cell, D) else cell for cell in row] for row in ENGLISH]
        sheet = order_sheet.parse(csv_bytes(rows), "order.csv")
        self.assertEqual(sheet.header_row, 1)
        self.assertEqual(sheet.mapping, {i: field for i, field in enumerate(order_sheet.FIELDS)})
        self.assertEqual(sheet.headers, ENGLISH[0])
        self.assert_english_lines(sheet)

    def test_xlsx_english(self):
        sheet = order_sheet.parse(xlsx_bytes(ENGLISH), "ORDER.XLSX")
        self.assertEqual(sheet.header_row, 1)
        self.assert_english_lines(sheet)

    def test_xls_english(self):
        sheet = order_sheet.parse(xls_bytes(ENGLISH), "order.xls")
        self.assertEqual(sheet.header_row, 1)
        self.assert_english_lines(sheet)

    def test_xls_table_values(self):
        table = order_sheet.read_table(
            xls_bytes([["Code", "Qty", "Date", "Ok"], [12345, 2.5, D(2026, 1, 31), True]]), "a.xls"
        )
        self.assertEqual(table[1], [12345.0, 2.5, datetime.datetime(2026, 1, 31), True])

    def test_xls_named_xlsx_and_xlsx_named_xls_are_read(self):
        """The content decides the reader; the extension only has to be one of the three."""
        self.assert_english_lines(order_sheet.parse(xls_bytes(ENGLISH), "order.xlsx"))
        self.assert_english_lines(order_sheet.parse(xlsx_bytes(ENGLISH), "order.xls"))

    def test_text_export_named_xls(self):
        rows = [["Item Code", "Qty"], ["A-1", "5"]]
        sheet = order_sheet.parse(csv_bytes(rows, delimiter="\t"), "export.xls")
        self.assertEqual([(line.product_code, line.quantity) for line in sheet.lines], [("A-1", 5.0)])

    def test_csv_semicolon_and_tab_delimiters(self):
        rows = [["Code", "Description", "Qty"], ["A-1", "Bolt, hex", "1,200"]]
        for delimiter in (";", "\t"):
            with self.subTest(delimiter=delimiter):
                sheet = order_sheet.parse(csv_bytes(rows, delimiter=delimiter), "a.csv")
                self.assertEqual(sheet.lines[0].description, "Bolt, hex")
                self.assertEqual(sheet.lines[0].quantity, 1200.0)

    def test_csv_utf8_bom(self):
        content = "\ufeffCode,Qty\nA-1,3\n".encode()
        sheet = order_sheet.parse(content, "a.csv")
        self.assertEqual(sheet.headers, ["Code", "Qty"])
        self.assertEqual(sheet.lines[0].product_code, "A-1")


TRADITIONAL = [
    ["大同五金股份有限公司", None, None, None, None],
    ["PO No: 4500012345", None, None, None, None],
    [None, None, None, None, None],
    ["料號", "品名", "數量(PCS)", "單價", "交期"],
    ["TW-01", "六角螺絲", "1,200", "NT$ 3.5", "2026/12/01"],
    ["TW-02", "華司", "300個", None, "2026年12月5日"],
]
SIMPLIFIED = [
    ["上海五金有限公司", None, None, None, None],
    ["订单号：PO-9", None, None, None, None],
    ["料号", "品名规格", "数量（PCS）", "单价：", "交货日期"],
    ["CN-01", "六角螺丝", "１２０", "￥12.50", "2026.12.01"],
    ["CN-02", "垫片", "50 pcs", "RMB 0.8", "46000"],
]


class TestChineseSheets(BaseCase):
    def check_traditional(self, sheet):
        self.assertEqual(sheet.header_row, 4)
        self.assertEqual(
            sheet.mapping,
            {0: "product_code", 1: "description", 2: "quantity", 3: "price_unit", 4: "requested_date"},
        )
        self.assertEqual(
            [astuple(line)[:6] for line in sheet.lines],
            [
                (5, "TW-01", "六角螺絲", 1200.0, 3.5, D(2026, 12, 1)),
                (6, "TW-02", "華司", 300.0, None, D(2026, 12, 5)),
            ],
        )

    def check_simplified(self, sheet):
        self.assertEqual(sheet.header_row, 3)
        self.assertEqual(
            sheet.mapping,
            {0: "product_code", 1: "description", 2: "quantity", 3: "price_unit", 4: "requested_date"},
        )
        self.assertEqual(
            [astuple(line)[:6] for line in sheet.lines],
            [
                (4, "CN-01", "六角螺丝", 120.0, 12.5, D(2026, 12, 1)),
                (5, "CN-02", "垫片", 50.0, 0.8, D(2025, 12, 9)),
            ],
        )

    def test_traditional_csv_in_big5_utf8_and_gb18030(self):
        for encoding in ("big5", "utf-8", "gb18030"):
            with self.subTest(encoding=encoding):
                self.check_traditional(order_sheet.parse(csv_bytes(TRADITIONAL, encoding), "po.csv"))

    def test_simplified_csv_in_gb18030_and_utf8(self):
        for encoding in ("gb18030", "utf-8"):
            with self.subTest(encoding=encoding):
                self.check_simplified(order_sheet.parse(csv_bytes(SIMPLIFIED, encoding), "po.csv"))

    def test_gb18030_is_preferred_when_big5_decodes_to_nonsense(self):
        content = csv_bytes([["料号", "品名", "数量"], ["X", "螺丝", "1"]], "gb18030")
        content.decode("big5")  # decodes, but to other characters: the header decides
        self.assertEqual(order_sheet.read_table(content, "a.csv")[0], ["料号", "品名", "数量"])

    def test_chinese_xlsx_and_xls(self):
        self.check_traditional(order_sheet.parse(xlsx_bytes(TRADITIONAL), "po.xlsx"))
        self.check_simplified(order_sheet.parse(xls_bytes(SIMPLIFIED), "po.xls"))


class TestHeader(BaseCase):
    def test_normalise_header(self):
        cases = {
            "Qty (pcs)": "qty",
            "數量(PCS)": "數量",
            "數量（PCS）": "數量",
            " Unit  Price\n(USD) ": "unit price",
            "單價：": "單價",
            "PO No.:": "po no.",
            "*Qty": "qty",
            "ＱＴＹ": "qty",
            None: "",
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(order_sheet.normalise_header(text), expected)

    def test_aliases_are_normalised_and_unique(self):
        seen = {}
        for field, aliases in order_sheet.HEADER_ALIASES.items():
            self.assertIn(field, order_sheet.FIELDS)
            for alias in aliases:
                self.assertEqual(order_sheet.normalise_header(alias), alias)
                self.assertNotIn(alias, seen, f"{alias!r} is an alias of {seen.get(alias)} and {field}")
                seen[alias] = field
        self.assertEqual(set(order_sheet.HEADER_ALIASES), set(order_sheet.FIELDS))

    def test_title_block_and_most_mapped_row(self):
        table = [
            ["ACME Trading Co.", None],
            ["PO No:", "123"],
            ["Date:", "2026-01-05"],
            ["Item", "Qty"],  # qualifies (2 fields) but the next row maps more
            ["Item Code", "Description", "Qty", "Unit Price"],
            ["A", "b", 1, 2],
        ]
        self.assertEqual(
            order_sheet.detect_header(table),
            (4, {0: "product_code", 1: "description", 2: "quantity", 3: "price_unit"}),
        )

    def test_tie_goes_to_the_earliest_row(self):
        table = [["Code", "Qty"], ["SKU", "Quantity"]]
        self.assertEqual(order_sheet.detect_header(table), (0, {0: "product_code", 1: "quantity"}))

    def test_leftmost_column_wins_and_exact_before_suffix(self):
        table = [["Customer Part No", "Qty", "Part No", "Quantity", "Customer PO"]]
        self.assertEqual(
            order_sheet.detect_header(table), (0, {1: "quantity", 2: "product_code", 4: "customer_po"})
        )

    def test_suffix_and_prefix_matches(self):
        table = [
            ["客戶料號", "Qty Ordered", "Net Unit Price", "Requested Delivery Date", "PO Date", "Total Price"]
        ]
        self.assertEqual(
            order_sheet.detect_header(table),
            (0, {0: "product_code", 1: "quantity", 2: "price_unit", 3: "requested_date"}),
        )

    def test_header_needs_two_fields_with_quantity_or_product(self):
        with self.assertRaises(OrderSheetError) as caught:
            order_sheet.detect_header([["PO No", "Delivery Date"], ["Qty"], ["x", "y"]])
        self.assertEqual(caught.exception.code, "no_header")

    def test_header_only_in_first_30_rows(self):
        table = [["note"]] * 30 + [["Code", "Qty"], ["A", 1]]
        with self.assertRaises(OrderSheetError):
            order_sheet.detect_header(table)
        self.assertEqual(order_sheet.detect_header(table[1:])[0], 29)


class TestLines(BaseCase):
    def test_merged_description_in_xlsx(self):
        rows = [["Code", "Description", "Qty"], ["A", "Bolt kit", 1], ["B", None, 2], ["C", "Nut", 3]]
        sheet = order_sheet.parse(xlsx_bytes(rows, merges=["B2:B3"]), "a.xlsx")
        self.assertEqual([line.description for line in sheet.lines], ["Bolt kit", "Bolt kit", "Nut"])

    def test_merged_description_in_xls(self):
        rows = [["Code", "Description", "Qty"], ["A", None, 1], ["B", None, 2], ["C", "Nut", 3]]
        content = xls_bytes(rows, merges=[(1, 2, 1, 1, "Bolt kit")])
        sheet = order_sheet.parse(content, "a.xls")
        self.assertEqual([line.description for line in sheet.lines], ["Bolt kit", "Bolt kit", "Nut"])

    def test_merged_title_is_repeated_in_the_table(self):
        table = order_sheet.read_table(
            xlsx_bytes([["ACME", None, None], ["Code", "Qty", "X"]], ["A1:C1"]), "a.xlsx"
        )
        self.assertEqual(table[0], ["ACME", "ACME", "ACME"])

    def test_totals_and_empty_rows_are_skipped(self):
        rows = [
            ["No.", "Code", "Description", "Qty"],
            ["1", "A", "Bolt", "2"],
            [],
            ["", "", "", ""],
            ["2", "", "", ""],  # only an unmapped cell: not a line
            ["3", "B", "Nut", "4"],
            ["", "", "Subtotal", "6"],
            ["Total:", "", "", "6"],
            ["", "合計", "", "6"],
            ["", "", "总计", "6"],
            ["Grand Total", "", "", "6"],
        ]
        sheet = order_sheet.parse(csv_bytes(rows), "a.csv")
        self.assertEqual([(line.row, line.product_code) for line in sheet.lines], [(2, "A"), (6, "B")])

    def test_numeric_codes_and_po_are_text_without_decimals(self):
        rows = [["Code", "Qty", "PO"], [12345.0, 1, 4500012345], [12.5, 1, "  PO-1 "], ["00123", 1, None]]
        sheet = order_sheet.parse(xlsx_bytes(rows), "a.xlsx")
        self.assertEqual(
            [(line.product_code, line.customer_po) for line in sheet.lines],
            [("12345", "4500012345"), ("12.5", "PO-1"), ("00123", None)],
        )

    def test_excel_serial_dates_as_numbers_and_in_csv(self):
        rows = [["Code", "Qty", "Date"], ["A", 1, 46000], ["B", 1, 46000.75], ["C", 1, "46000"]]
        expected = [D(2025, 12, 9)] * 3
        xlsx_sheet = order_sheet.parse(xlsx_bytes(rows), "a.xlsx")
        self.assertEqual([line.requested_date for line in xlsx_sheet.lines], expected)
        csv_sheet = order_sheet.parse(csv_bytes(rows), "a.csv")
        self.assertEqual([line.requested_date for line in csv_sheet.lines], expected)

    def test_text_quantities(self):
        values = ["1,200", " 300 ", "1 200", "300 pcs", "300PCS", "300個", "１２０", "2.5", 7]
        rows = [["Code", "Qty"]] + [[f"P{i}", value] for i, value in enumerate(values)]
        sheet = order_sheet.parse(csv_bytes(rows), "a.csv")
        self.assertEqual(
            [line.quantity for line in sheet.lines], [1200, 300, 1200, 300, 300, 300, 120, 2.5, 7]
        )

    def test_given_mapping_overrides_detection(self):
        rows = [["Title"], ["Code", "Name", "Qty", "Other"], ["A", "Bolt", "2", "5"]]
        sheet = order_sheet.parse(csv_bytes(rows), "a.csv", {0: "description", 3: "quantity"})
        self.assertEqual(sheet.header_row, 2)
        self.assertEqual(sheet.mapping, {0: "description", 3: "quantity"})
        self.assertEqual(sheet.headers, ["Code", "Name", "Qty", "Other"])
        line = sheet.lines[0]
        self.assertEqual((line.row, line.product_code, line.description, line.quantity), (3, None, "A", 5.0))

    def test_given_mapping_without_header_takes_row_1(self):
        rows = [["A", "x", "1"], ["B", "y", "2"], ["C", "z", "3"]]
        sheet = order_sheet.parse(
            csv_bytes(rows), "a.csv", {"0": "product_code", "2": "quantity", "1": False}
        )
        self.assertEqual(sheet.header_row, 1)
        self.assertEqual(sheet.mapping, {0: "product_code", 2: "quantity"})
        self.assertEqual([(line.row, line.product_code) for line in sheet.lines], [(2, "B"), (3, "C")])

    def test_given_mapping_beyond_the_last_column(self):
        sheet = order_sheet.parse(
            csv_bytes([["Code", "Qty"], ["A", "1"]]),
            "a.csv",
            {0: "product_code", 1: "quantity", 4: "customer_po"},
        )
        self.assertEqual(sheet.headers, ["Code", "Qty", "", "", ""])
        self.assertIsNone(sheet.lines[0].customer_po)

    def test_field_mapped_twice_is_read_from_the_leftmost_column(self):
        content = csv_bytes([["Code", "Qty", "Qty"], ["A", "1", "2"]])
        sheet = order_sheet.parse(content, "a.csv", {2: "quantity", 0: "product_code", 1: "quantity"})
        self.assertEqual(sheet.mapping, {0: "product_code", 1: "quantity"})
        self.assertEqual(sheet.lines[0].quantity, 1.0)

    def test_invalid_mapping_is_a_programming_error(self):
        content = csv_bytes([["Code", "Qty"], ["A", "1"]])
        for mapping in ({0: "nope", 1: "quantity"}, {-1: "quantity"}, {"x": "quantity"}, {None: "quantity"}):
            with self.subTest(mapping=mapping), self.assertRaises(ValueError):
                order_sheet.parse(content, "a.csv", mapping)

    def test_parse_table_and_remembered_headers(self):
        """The wizard reads the file once and parses the table it got; the header row remembered
        for a customer is the one holding most of the remembered header texts."""
        table = order_sheet.read_table(
            xlsx_bytes([["PO 7"], ["Ref", "Pieces"], ["Ref", "Pieces", "Note"], ["A-1", 4, "x"]]),
            "a.xlsx",
        )
        remembered = {"Ref": "product_code", "Pieces": "quantity", "Note": "description", "Old": "bogus"}
        mapping, header_row = order_sheet.find_remembered_header(table, remembered)
        self.assertEqual((mapping, header_row), ({0: "product_code", 1: "quantity", 2: "description"}, 3))
        sheet = order_sheet.parse_table(table, mapping, header_row)
        self.assertEqual(
            [(line.row, line.product_code, line.quantity) for line in sheet.lines], [(4, "A-1", 4.0)]
        )
        self.assertIsNone(order_sheet.find_remembered_header(table, {"Elsewhere": "quantity"}))
        self.assertEqual(order_sheet.header_texts(table, 2), ["Ref", "Pieces", ""])

    def test_column_letter(self):
        sheet = order_sheet.OrderSheet(headers=[], header_row=1, mapping={}, lines=[])
        cases = {0: "A", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"}
        for index, letters in cases.items():
            self.assertEqual(sheet.column_letter(index), letters)


class TestErrors(BaseCase):
    def assert_error(self, content, filename, code, row=None, column=None, mapping=None, **params):
        with self.assertRaises(OrderSheetError) as caught:
            order_sheet.parse(content, filename, mapping)
        error = caught.exception
        self.assertEqual((error.code, error.row, error.column), (code, row, column), str(error))
        for key, value in params.items():
            self.assertEqual(error.params.get(key), value)
        self.assertTrue(str(error))
        if row is not None:
            self.assertIn(f"row {row}", str(error).lower())
        if column is not None:
            self.assertIn(f"column {column}", str(error))
        return error

    def test_file_too_large(self):
        content = b"a" * (order_sheet.MAX_BYTES + 1)
        self.assert_error(content, "big.csv", "file_too_large", limit=order_sheet.MAX_BYTES)

    def test_xlsx_inflating_too_much(self):
        with mock.patch.object(order_sheet, "MAX_UNCOMPRESSED_BYTES", 1000):
            self.assert_error(xlsx_bytes(ENGLISH), "a.xlsx", "file_too_large")

    def test_wrong_extension(self):
        self.assert_error(csv_bytes(ENGLISH), "order.pdf", "wrong_extension", extension=".pdf")
        self.assert_error(csv_bytes(ENGLISH), "order", "wrong_extension", extension="")
        self.assert_error(csv_bytes(ENGLISH), "order.xlsm", "wrong_extension", extension=".xlsm")

    def test_corrupt_file(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "not a workbook")
        cases = [
            (b"this is not a workbook", "a.xlsx"),
            (buffer.getvalue(), "a.xlsx"),
            (xlsx_bytes(ENGLISH)[:300], "a.xlsx"),
            (OLE2 + bytes(600), "a.xls"),
            (xls_bytes(ENGLISH)[:1000], "a.xls"),
            (b"\x01\x02\x03 binary junk", "a.xls"),
        ]
        for content, filename in cases:
            with self.subTest(filename=filename, start=content[:10]):
                self.assert_error(content, filename, "corrupt_file")

    def test_password_protected(self):
        # An encrypted .xlsx is an OLE2 container, not a zip.
        self.assert_error(OLE2 + bytes(1000), "secret.xlsx", "password_protected")
        encrypted_ooxml = OLE2 + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(500)
        self.assert_error(encrypted_ooxml, "secret.xls", "password_protected")
        # An .xls whose globals carry a FILEPASS record: xlrd says "Workbook is encrypted".
        content = bytearray(xls_bytes(ENGLISH))
        position = content.find(b"\x09\x08\x10\x00") + 20  # record after the BOF record
        self.assertEqual(content[position : position + 2], b"\xe1\x00")
        content[position : position + 2] = b"\x2f\x00"
        self.assert_error(bytes(content), "secret.xls", "password_protected")

    def test_empty_sheet(self):
        self.assert_error(b"", "a.csv", "empty_sheet")
        self.assert_error(b",,\r\n \r\n,\r\n", "a.csv", "empty_sheet")
        self.assert_error(xlsx_bytes([]), "a.xlsx", "empty_sheet")
        self.assert_error(xls_bytes([[None]]), "a.xls", "empty_sheet")

    def test_too_many_lines(self):
        body = "".join(f"P{i},1\n" for i in range(order_sheet.MAX_LINES + 1))
        self.assert_error(
            ("Code,Qty\n" + body).encode(), "a.csv", "too_many_lines", limit=order_sheet.MAX_LINES
        )
        body = "".join(f"P{i},1\n" for i in range(order_sheet.MAX_LINES))
        self.assertEqual(
            len(order_sheet.parse(("Code,Qty\n" + body).encode(), "a.csv").lines), order_sheet.MAX_LINES
        )

    def test_no_header(self):
        self.assert_error(csv_bytes([["hello", "world"], ["1", "2"]]), "a.csv", "no_header")

    def test_missing_column(self):
        self.assert_error(
            csv_bytes([["Code", "Description"], ["A", "b"]]), "a.csv", "missing_column", 1, field="quantity"
        )
        self.assert_error(
            csv_bytes([["x"], ["Qty", "Price"], ["1", "2"]]), "a.csv", "missing_column", 2, field="product"
        )
        self.assert_error(
            csv_bytes([["A", "1"]]),
            "a.csv",
            "missing_column",
            1,
            mapping={0: "product_code"},
            field="quantity",
        )

    def test_formula_error_in_xlsx_cached_result(self):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        worksheet = workbook.add_worksheet()
        worksheet.write_row(0, 0, ["Code", "Qty", "Unit Price"])
        worksheet.write_row(1, 0, ["A", 2])
        worksheet.write_formula("C2", "=1/0", None, "#DIV/0!")
        workbook.close()
        self.assert_error(buffer.getvalue(), "a.xlsx", "formula_error", 2, "C", value="#DIV/0!")

    def test_formula_error_in_xls_error_cell(self):
        content = xls_bytes([["Code", "Qty"], ["A", 1], ["B", None]], errors=[(2, 1, "#DIV/0!")])
        self.assert_error(content, "a.xls", "formula_error", 3, "B", value="#DIV/0!")
        content = xls_bytes([["Code", "Qty"], [None, 1]], errors=[(1, 0, 42)])  # 42: #N/A
        self.assert_error(content, "a.xls", "formula_error", 2, "A", value="#N/A")

    def test_formula_error_in_csv_text(self):
        rows = [["Code", "Description", "Qty"], ["A", "x", "1"], ["#REF!", "y", "#DIV/0!"]]
        self.assert_error(csv_bytes(rows), "a.csv", "formula_error", 3, "A", value="#REF!")

    def test_not_a_number(self):
        rows = [["Code", "Qty", "Price"], ["A", "1", "2"], ["B", "about 5", "2"]]
        self.assert_error(csv_bytes(rows), "a.csv", "not_a_number", 3, "B", value="about 5", field="quantity")
        rows = [["Code", "Qty"], ["A", ""]]
        error = self.assert_error(csv_bytes(rows), "a.csv", "not_a_number", 2, "B", value="")
        self.assertIn("empty", str(error))
        rows = [["Code", "Qty", "Price"], ["A", "1", "cheap"]]
        self.assert_error(csv_bytes(rows), "a.csv", "not_a_number", 2, "C", value="cheap", field="price_unit")
        rows = [["Code", "Qty"], ["A", True]]
        self.assert_error(xlsx_bytes(rows), "a.xlsx", "not_a_number", 2, "B")

    def test_not_positive(self):
        for value in ("0", "-3", 0, -1.5, "(2)"):
            with self.subTest(value=value):
                self.assert_error(
                    xlsx_bytes([["Code", "Qty"], ["A", value]]), "a.xlsx", "not_positive", 2, "B"
                )

    def test_negative_price(self):
        rows = [["Code", "Qty", "Price"], ["A", 1, 0], ["B", 1, "-1.50"]]
        self.assert_error(csv_bytes(rows), "a.csv", "negative_price", 3, "C", value="-1.50")
        sheet = order_sheet.parse(csv_bytes(rows[:2]), "a.csv")
        self.assertEqual(sheet.lines[0].price_unit, 0.0)

    def test_bad_date(self):
        for value in ("2026-02-30", "soon", "13/13/2026", 123, True):
            with self.subTest(value=value):
                content = xlsx_bytes([["Code", "Qty", "ETA"], ["A", 1, value]])
                self.assert_error(content, "a.xlsx", "bad_date", 2, "C")

    def test_missing_product(self):
        rows = [["Code", "Description", "Qty"], ["A", "", "1"], ["", " ", "2"]]
        self.assert_error(csv_bytes(rows), "a.csv", "missing_product", 3)

    def test_undecodable(self):
        self.assert_error(b"Code,Qty\nA,1\n\x80\xff\n", "a.csv", "undecodable")

    def test_messages_are_readable(self):
        error = OrderSheetError("not_positive", row=7, column="C", value="0")
        self.assertEqual(str(error), "Row 7, column C: the quantity 0 must be more than zero.")
        error = OrderSheetError("not_positive", row=3, column="C", header="數量", value="0")
        self.assertEqual(str(error), "Row 3, column C (數量): the quantity 0 must be more than zero.")
        self.assertEqual(
            str(OrderSheetError("file_too_large", limit=10 * 1024 * 1024)), "The file is larger than 10 MB."
        )
        self.assertEqual(
            str(OrderSheetError("too_many_lines", limit=10_000)), "The file has more than 10,000 order lines."
        )
        self.assertEqual(
            str(OrderSheetError("missing_product", row=6)),
            "Row 6 has a quantity but neither a product code nor a description.",
        )
        self.assertIn("strange", str(OrderSheetError("strange")))

    def test_every_error_code_has_one_message(self):
        """One table of messages, which the Odoo side translates: every code the parser raises
        has its message there, and rendering goes through the translation and number format
        given."""
        translated = {"The file has more than %(limit)s order lines.": "檔案超過 %(limit)s 行訂單。"}
        self.assertLessEqual(ERROR_CODES, set(order_sheet.MESSAGES))
        error = OrderSheetError("too_many_lines", limit=10_000)
        self.assertEqual(
            error.render(lambda text, **params: translated[text] % params, lambda n: f"{n:_.0f}"),
            "檔案超過 10_000 行訂單。",
        )

    def test_errors_name_the_column_by_its_header(self):
        rows = [["料號", "品名", "數量"], ["A", "x", "1"], ["B", "y", "many"]]
        error = self.assert_error(csv_bytes(rows), "a.csv", "not_a_number", 3, "C", value="many")
        self.assertEqual(error.header, "數量")
        self.assertEqual(str(error), "Row 3, column C (數量): many is not a number.")
        # A column chosen by the user without a header is named by its letter only.
        error = self.assert_error(
            csv_bytes([["Code", ""], ["A", "0"]]),
            "a.csv",
            "not_positive",
            2,
            "B",
            mapping={0: "product_code", 1: "quantity"},
        )
        self.assertEqual(str(error), "Row 2, column B: the quantity 0 must be more than zero.")

    def test_formula_without_saved_result_is_refused(self):
        """openpyxl (and other programs that do not calculate) write formulas without a result;
        the cell must not be read as empty (the price would silently become the pricelist's)."""
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["Code", "Qty", "Unit Price"])
        sheet.append(["A", 2, 1.5])
        sheet.append(["B", 3, "=C2*2"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        error = self.assert_error(
            buffer.getvalue(), "a.xlsx", "formula_without_result", 3, "C", value="=C2*2"
        )
        self.assertEqual(error.header, "Unit Price")
        message = str(error)
        self.assertTrue(
            message.startswith("Row 3, column C (Unit Price): the formula =C2*2 has no saved result")
        )
        self.assertIn("Open the file in Excel or LibreOffice and save it", message)
        self.assertIn("paste the values", message)
        # A formula outside the columns read, or with its result saved, is no problem.
        sheet["E3"] = "=1+1"
        sheet["C3"] = 3.0
        buffer = io.BytesIO()
        workbook.save(buffer)
        self.assertEqual(
            [line.price_unit for line in order_sheet.parse(buffer.getvalue(), "a.xlsx").lines], [1.5, 3.0]
        )


class TestConversions(BaseCase):
    def test_parse_number(self):
        cases = [
            ("1,200", False, 1200.0),
            (" 300 ", False, 300.0),
            ("1 200", False, 1200.0),
            ("1.200,50", False, 1200.5),
            ("12,5", False, 12.5),
            ("1.200.000", False, 1200000.0),
            ("1'200.25", False, 1200.25),
            (".5", False, 0.5),
            ("1.5e3", False, 1500.0),
            ("３００ｐｃｓ", False, 300.0),
            ("300 pcs.", False, 300.0),
            ("12.5/pc", False, 12.5),
            ("−4", False, -4.0),
            ("(4)", False, -4.0),
            ("US$ 1,234.50", True, 1234.5),
            ("NT$12", True, 12.0),
            ("HK$ 3", True, 3.0),
            ("USD 2.5", True, 2.5),
            ("RMB 8", True, 8.0),
            ("￥12.50", True, 12.5),
            ("¥ 7", True, 7.0),
            ("$ (12.50)", True, -12.5),
            ("-$3", True, -3.0),
            (" $ -   ", True, 0.0),
            ("12.50 元", True, 12.5),
        ]
        for text, currency, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(order_sheet.parse_number(text, currency=currency), expected)

    def test_parse_number_refusals(self):
        for value in (
            "",
            "abc",
            "1,2,3",
            "12 5",
            "1.2.3,4,5",
            "$5",
            "-",
            "100%",
            "1/2",
            "nan",
            "inf",
            None,
            True,
            float("nan"),
        ):
            with self.subTest(value=value):
                self.assertIsNone(order_sheet.parse_number(value))

    def test_parse_date(self):
        cases = [
            ("2026-12-01", D(2026, 12, 1)),
            ("2026/12/01", D(2026, 12, 1)),
            ("2026.12.1", D(2026, 12, 1)),
            ("12/01/2026", D(2026, 12, 1)),
            ("01.12.2026", D(2026, 12, 1)),
            ("2026年12月1日", D(2026, 12, 1)),
            ("2026 年 12 月 1 日", D(2026, 12, 1)),
            ("2026-12-01 00:00:00", D(2026, 12, 1)),
            ("2026/12/1 下午 03:00:00", D(2026, 12, 1)),
            ("20261201", D(2026, 12, 1)),
            ("115/12/01", D(2026, 12, 1)),
            ("民國115年12月1日", D(2026, 12, 1)),
            ("1-Dec-2026", D(2026, 12, 1)),
            ("01-Dec-26", D(2026, 12, 1)),
            ("Dec 1, 2026", D(2026, 12, 1)),
            ("December 1st, 2026", D(2026, 12, 1)),
            ("46000", D(2025, 12, 9)),
            (46000, D(2025, 12, 9)),
            (46000.9, D(2025, 12, 9)),
            (20261201, D(2026, 12, 1)),
            (datetime.datetime(2026, 12, 1, 15, 30), D(2026, 12, 1)),
            (D(2026, 12, 1), D(2026, 12, 1)),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(order_sheet.parse_date(value), expected)

    def test_parse_date_refusals(self):
        for value in (
            "2026-13-01",
            "2026-12/01",
            "01-12-2026",
            "12/1/26",
            "tomorrow",
            "Foo 1, 2026",
            19999,
            80001,
            "0001-01-01",
            datetime.time(12, 0),
            True,
        ):
            with self.subTest(value=value):
                self.assertIsNone(order_sheet.parse_date(value))


# ---------------------------------------------------------------------------------------------
# Property-based tests
# ---------------------------------------------------------------------------------------------

# No T, O, L, I: a code can never read "total"; codes are never read as numbers.
CODES = st.text(alphabet="ABCDEFGHJKMNPQRSUVWXYZ0123456789-", min_size=1, max_size=10)
DESCRIPTIONS = st.text(alphabet="螺絲釘帽墊片 abcdefgh", min_size=1, max_size=12).map(str.strip).filter(bool)
LINES = st.lists(
    st.fixed_dictionaries(
        {
            "code": st.none() | CODES,
            "description": st.none() | DESCRIPTIONS,
            "quantity": st.floats(min_value=0.001, max_value=1e6)
            .map(lambda q: round(q, 3))
            .filter(lambda q: q > 0),
            "price": st.none() | st.floats(min_value=0, max_value=1e5).map(lambda p: round(p, 2)),
            "date": st.none() | st.dates(D(2000, 1, 1), D(2099, 12, 31)),
            "po": st.none() | st.integers(1, 10**9).map(str),
            "blank_before": st.booleans(),
        }
    ).filter(lambda line: line["code"] or line["description"]),
    max_size=8,
)
HEADER = ["Item No.", "品名", "Qty (pcs)", "單價", "Delivery Date", "PO #"]


def layout(lines, title_rows, cell):
    """Rows of a sheet (title block, header, lines with optional blank rows) and the expected
    (row, code, description, quantity, price, date, po) of each line."""
    rows = [[f"ACME Trading Co. {i}"] for i in range(title_rows)]
    rows.append(HEADER)
    expected = []
    for line in lines:
        if line["blank_before"]:
            rows.append([])
        rows.append(
            [cell(key, line[key]) for key in ("code", "description", "quantity", "price", "date", "po")]
        )
        expected.append(
            (
                len(rows),
                line["code"],
                line["description"],
                line["quantity"],
                line["price"],
                line["date"],
                line["po"],
            )
        )
    return rows, expected


def as_tuples(sheet):
    """(row, product_code, description, quantity, price_unit, requested_date, customer_po) per line."""
    return [astuple(line) for line in sheet.lines]


def _mutated_samples():
    rows = [
        ["料號", "品名", "數量", "單價", "交期"],
        ["A", "螺絲", 3, 1.5, D(2026, 1, 2)],
        ["B", "x", 1, None, None],
    ]
    return {
        "a.xls": xls_bytes(rows, merges=[(3, 4, 0, 1, "m")]),
        "a.xlsx": xlsx_bytes(rows, merges=["A4:B5"]),
        "a.csv": csv_bytes([[str(c) if c is not None else "" for c in row] for row in rows], "big5"),
    }


SAMPLES = _mutated_samples()


class TestProperties(BaseCase):
    @SETTINGS
    @given(
        LINES,
        st.integers(0, 3),
        st.booleans(),
        st.sampled_from(["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%m/%d/%Y"]),
    )
    def test_csv_round_trip(self, lines, title_rows, grouped, date_format):
        def cell(key, value):
            if value is None:
                return ""
            if key == "quantity" and grouped:
                return f"{value:,}"
            if key == "date":
                return value.strftime(date_format)
            return str(value)

        rows, expected = layout(lines, title_rows, cell)
        sheet = order_sheet.parse(csv_bytes(rows), "order.csv")
        self.assertEqual(sheet.header_row, title_rows + 1)
        self.assertEqual(as_tuples(sheet), expected)

    @SETTINGS
    @given(LINES, st.integers(0, 3))
    def test_xlsx_round_trip(self, lines, title_rows):
        def cell(key, value):
            return int(value) if key == "po" and value is not None else value

        rows, expected = layout(lines, title_rows, cell)
        sheet = order_sheet.parse(xlsx_bytes(rows), "order.xlsx")
        self.assertEqual(sheet.header_row, title_rows + 1)
        self.assertEqual(as_tuples(sheet), expected)

    @SETTINGS
    @given(
        st.integers(0, 10**12), st.integers(0, 99), st.sampled_from(["us", "eu", "space", "swiss", "none"])
    )
    def test_number_round_trip(self, integer, cents, style):
        text = f"{integer:,}.{cents:02d}"
        text = {
            "us": text,
            "eu": text.replace(",", " ").replace(".", ",").replace(" ", "."),
            "space": text.replace(",", " "),
            "swiss": text.replace(",", "'"),
            "none": text.replace(",", ""),
        }[style]
        expected = float(f"{integer}.{cents:02d}")
        self.assertEqual(order_sheet.parse_number(text), expected)
        self.assertEqual(order_sheet.parse_number(f"US$ {text}", currency=True), expected)
        self.assertEqual(order_sheet.parse_number(f"{text} pcs"), expected)
        if style != "eu":
            self.assertEqual(
                order_sheet.parse_number(
                    f"{integer:,}".replace(",", {"space": " ", "swiss": "'"}.get(style, ","))
                ),
                integer,
            )

    @SETTINGS
    @given(
        st.sampled_from([b"", b"PK\x03\x04", OLE2, b"\xef\xbb\xbf", b"Code,Qty\n"]),
        st.binary(max_size=2000),
        st.sampled_from(["a.csv", "a.xlsx", "a.xls", "A.XLS"]),
    )
    def test_arbitrary_bytes_only_raise_order_sheet_errors(self, prefix, data, filename):
        try:
            order_sheet.parse(prefix + data, filename)
        except OrderSheetError as error:
            self.assertIn(error.code, ERROR_CODES)

    @SETTINGS
    @given(
        st.sampled_from(sorted(SAMPLES)),
        st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6),
        st.none() | st.integers(0, 10**6),
    )
    def test_damaged_files_only_raise_order_sheet_errors(self, filename, changes, cut):
        content = bytearray(SAMPLES[filename])
        for position, byte in changes:
            content[position % len(content)] = byte
        if cut is not None:
            content = content[: cut % len(content)]
        try:
            order_sheet.parse(bytes(content), filename)
        except OrderSheetError as error:
            self.assertIn(error.code, ERROR_CODES)


ERROR_CODES = {
    "file_too_large",
    "wrong_extension",
    "corrupt_file",
    "password_protected",
    "empty_sheet",
    "too_many_lines",
    "no_header",
    "missing_column",
    "formula_error",
    "formula_without_result",
    "not_a_number",
    "not_positive",
    "negative_price",
    "bad_date",
    "missing_product",
    "undecodable",
}
