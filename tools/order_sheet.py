# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read a customer's purchase-order spreadsheet (.xls, .xlsx or .csv) into typed order lines.

Pure Python on purpose (no Odoo import).  Every problem with the file itself is reported as an
``OrderSheetError`` naming the row (1-based, as the user sees it), the column (spreadsheet letters)
and its header; library exceptions are wrapped, never let through.  :data:`MESSAGES` is the one table
of the messages, keyed by error code: :meth:`OrderSheetError.render` fills it in English, or through
the translation and number formatting the Odoo side passes (its strings are marked for Odoo's
translation export by :func:`_lt`).

Flow: :func:`read_table` turns the bytes into a list of rows of plain cell values (first sheet only),
:func:`detect_header` finds the header row and maps its columns to :data:`FIELDS` from common English
and Chinese (Traditional and Simplified) header names (or :func:`find_remembered_header` from the
header texts remembered for a customer), and :func:`parse_table` converts the rows below it;
:func:`parse` does all of it from the file's bytes.
"""

import codecs
import csv
import datetime
import io
import itertools
import math
import os
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

import openpyxl
import xlrd


def _lt(text):
    """Mark ``text`` for Odoo's translation export (which looks for ``_lt(...)`` calls); it is
    translated where it is shown, by the Odoo side."""
    return text


MAX_BYTES = 10 * 1024 * 1024
MAX_LINES = 10_000
# The fields a column can be read as, in the order they are offered, with their labels.
FIELD_LABELS = {
    "product_code": _lt("Product code"),
    "description": _lt("Description"),
    "quantity": _lt("Quantity"),
    "price_unit": _lt("Unit price"),
    "requested_date": _lt("Requested date"),
    "customer_po": _lt("Customer PO number"),
}
FIELDS = tuple(FIELD_LABELS)

# field -> normalised (see normalise_header) header names, lower-case.
HEADER_ALIASES = {
    "product_code": (
        "product code",
        "item code",
        "item no",
        "item no.",
        "item #",
        "item number",
        "part no",
        "part no.",
        "part #",
        "part number",
        "p/n",
        "product no",
        "product no.",
        "article no",
        "article no.",
        "sku",
        "code",
        "料號",
        "料号",
        "型號",
        "型号",
        "品號",
        "品号",
        "貨號",
        "货号",
        "產品編號",
        "产品编号",
        "產品代碼",
        "产品代码",
        "物料編號",
        "物料编号",
        "商品編號",
        "商品编号",
    ),
    "description": (
        "description",
        "desc",
        "desc.",
        "product",
        "product name",
        "product description",
        "item",
        "item name",
        "item description",
        "品名",
        "品名規格",
        "品名规格",
        "名稱",
        "名称",
        "產品名稱",
        "产品名称",
        "商品名稱",
        "商品名称",
        "描述",
        "規格",
        "规格",
    ),
    "quantity": (
        "quantity",
        "qty",
        "qty.",
        "order qty",
        "order quantity",
        "pcs",
        "數量",
        "数量",
        "訂購數量",
        "订购数量",
        "訂單數量",
        "订单数量",
        "採購數量",
        "采购数量",
    ),
    "price_unit": (
        "unit price",
        "price",
        "price/unit",
        "price each",
        "u/price",
        "unit cost",
        "單價",
        "单价",
        "單位價格",
        "单位价格",
    ),
    "requested_date": (
        "delivery date",
        "requested date",
        "request date",
        "required date",
        "due date",
        "need date",
        "req. date",
        "ship date",
        "eta",
        "date",
        "交期",
        "交貨日期",
        "交货日期",
        "交貨期",
        "交货期",
        "需求日期",
        "到貨日",
        "到货日",
    ),
    "customer_po": (
        "po",
        "po no",
        "po no.",
        "po number",
        "po #",
        "po#",
        "p.o.",
        "p.o. no",
        "p.o. no.",
        "purchase order",
        "purchase order no",
        "purchase order no.",
        "purchase order number",
        "customer po",
        "order no",
        "order no.",
        "order number",
        "order #",
        "訂單號",
        "订单号",
        "訂單號碼",
        "订单号码",
        "訂單編號",
        "订单编号",
        "採購單號",
        "采购单号",
    ),
}

HEADER_SCAN_ROWS = 30
# Header names are looked for in the first columns only (the .xls column limit).
HEADER_SCAN_COLUMNS = 256
# An .xlsx is a zip archive; refuse archives that inflate beyond this (zip bombs).
MAX_UNCOMPRESSED_BYTES = 25 * MAX_BYTES
CSV_ENCODINGS = ("utf-8-sig", "big5", "cp950", "gb18030")
CSV_DELIMITERS = (",", ";", "\t")
ERROR_MARKERS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#UNKNOWN!",
        "#BUSY!",
    }
)
# Labels of totals rows, compared after normalise_header() with spaces removed.
TOTAL_LABELS = frozenset(
    {
        "total",
        "totals",
        "subtotal",
        "sub-total",
        "grandtotal",
        "合計",
        "合计",
        "總計",
        "总计",
        "小計",
        "小计",
        "共計",
        "共计",
        "總和",
        "总和",
    }
)

_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
# Name of the stream holding the encrypted workbook inside a password-protected OOXML file.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_EXTENSIONS = (".xls", ".xlsx", ".csv")
_SNIFF_CHARS = 4096
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SERIAL_RANGE = (20000, 80000)
_YEAR_RANGE = (1900, 2199)

# Error code -> message.  "%(cell)s" is where the problem is, see CELL_MESSAGES.
MESSAGES = {
    "file_too_large": _lt("The file is larger than %(limit)s MB."),
    "wrong_extension": _lt("Files ending in %(extension)s cannot be read: use .xls, .xlsx or .csv."),
    "wrong_extension_none": _lt("Files without an extension cannot be read: use .xls, .xlsx or .csv."),
    "corrupt_file": _lt("The file is damaged or is not the spreadsheet its name says."),
    "password_protected": _lt("The file is protected by a password: save it without one."),
    "empty_sheet": _lt("The first sheet of the file is empty."),
    "too_many_lines": _lt("The file has more than %(limit)s order lines."),
    "no_header": _lt(
        "No header row was recognised in the first 30 rows: name the columns, e.g. product code / 料號, "
        "description / 品名, quantity / 數量, unit price / 單價."
    ),
    "missing_column": _lt(
        "No column of the header in row %(row)s is read as “%(field)s”: correct the mapping."
    ),
    "missing_column_product": _lt(
        "No column of the header in row %(row)s is read as “Product code” or “Description”: correct "
        "the mapping."
    ),
    "formula_error": _lt("%(cell)s: the formula gives the error %(value)s."),
    "formula_without_result": _lt(
        "%(cell)s: the formula %(value)s has no saved result (the program that wrote the file does not "
        "calculate formulas). Open the file in Excel or LibreOffice and save it, so that the results "
        "are stored, or paste the values over the formulas; then read the file again."
    ),
    "not_a_number": _lt("%(cell)s: %(value)s is not a number."),
    "not_a_number_empty": _lt("%(cell)s: the cell is empty; a number is needed."),
    "not_positive": _lt("%(cell)s: the quantity %(value)s must be more than zero."),
    "negative_price": _lt("%(cell)s: the unit price %(value)s is negative."),
    "bad_date": _lt("%(cell)s: %(value)s is not a date (write it e.g. 2026-12-01)."),
    "missing_product": _lt("Row %(row)s has a quantity but neither a product code nor a description."),
    "undecodable": _lt("The CSV file is neither UTF-8, Big5 nor GB18030 text."),
    "unknown": _lt("The order sheet cannot be imported (%(code)s)."),
}
CELL_MESSAGES = {
    "header": _lt("Row %(row)s, column %(column)s (%(header)s)"),
    "letter": _lt("Row %(row)s, column %(column)s"),
}


def _english(text, **params):
    return text % params if params else text


def _plain_number(number):
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,}"


class OrderSheetError(Exception):
    """A problem with the order sheet; ``code`` is stable, ``column`` is the column's letter and
    ``header`` its header text when known; ``str()`` is the message in English."""

    def __init__(self, code, row=None, column=None, header=None, **params):
        self.code = code
        self.row = row
        self.column = column
        self.header = header
        self.params = params
        super().__init__(self.render())

    @property
    def message_key(self):
        """The key of this error's message in :data:`MESSAGES`."""
        if self.code == "wrong_extension" and not self.params.get("extension"):
            return "wrong_extension_none"
        if self.code == "missing_column" and self.params.get("field") not in FIELD_LABELS:
            return "missing_column_product"
        if self.code == "not_a_number" and not self.params.get("value"):
            return "not_a_number_empty"
        return self.code if self.code in MESSAGES else "unknown"

    def render(self, translate=_english, format_number=_plain_number):
        """The message, through ``translate(text, **params)`` (e.g. Odoo's ``env._``) with numbers
        written by ``format_number`` (e.g. in the user's language: "10,000")."""
        # Every placeholder has a value, so that no message fails for want of a parameter.
        params = dict.fromkeys(("value", "extension", "limit", "field", "cell"), "")
        params.update({key: _shorten(value) for key, value in self.params.items()})
        params.update(code=self.code, row=self.row, column=self.column, header=self.header)
        limit = self.params.get("limit")
        if isinstance(limit, int | float):
            params["limit"] = format_number(limit / (1024 * 1024) if self.code == "file_too_large" else limit)
        field = self.params.get("field")
        if field in FIELD_LABELS:
            params["field"] = translate(FIELD_LABELS[field])
        if self.row is not None and self.column:
            params["cell"] = translate(
                CELL_MESSAGES["header" if self.header else "letter"],
                row=self.row,
                column=self.column,
                header=self.header,
            )
        return translate(MESSAGES[self.message_key], **params)


@dataclass(frozen=True)
class FormulaWithoutResult:
    """A formula cell whose file stores no result (written by a program that does not calculate
    formulas): its value is unknown, never to be read as empty."""

    formula: str

    def __str__(self):
        return self.formula


@dataclass(frozen=True)
class SheetLine:
    row: int
    product_code: str | None
    description: str | None
    quantity: float
    price_unit: float | None
    requested_date: datetime.date | None
    customer_po: str | None


@dataclass
class OrderSheet:
    headers: list[str]
    header_row: int
    mapping: dict[int, str]
    lines: list[SheetLine]

    def column_letter(self, index: int) -> str:
        return column_letter(index)


def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise ValueError(f"column index must be a non-negative int, not {index!r}")
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# ---------------------------------------------------------------------------------------------
# Reading the file into a table
# ---------------------------------------------------------------------------------------------


def read_table(content: bytes, filename: str) -> list[list]:
    """First sheet of the file as a list of rows of cell values.

    Values are str, float/int, datetime.date/datetime, bool or None; formula errors arrive as their
    marker text (e.g. "#DIV/0!"); merged ranges repeat their top-left value in every cell.  Rows are
    ragged (a row ends at its last cell); leading empty rows are kept so that ``table[i]`` is sheet
    row ``i + 1``, trailing empty rows are removed.  The file type is recognised from its first bytes
    when they are a zip (.xlsx) or OLE2 (.xls) signature, so a misnamed workbook still reads.
    """
    if not isinstance(content, bytes | bytearray | memoryview):
        raise OrderSheetError("corrupt_file")
    content = bytes(content)
    if len(content) > MAX_BYTES:
        raise OrderSheetError("file_too_large", limit=MAX_BYTES, size=len(content))
    name = filename.strip() if isinstance(filename, str) else ""
    extension = os.path.splitext(name)[1].lower()
    if extension not in _EXTENSIONS:
        raise OrderSheetError("wrong_extension", extension=extension)
    if not content:
        raise OrderSheetError("empty_sheet")
    table = _read_any(content, extension)
    while table and _row_is_empty(table[-1]):
        table.pop()
    if not table:
        raise OrderSheetError("empty_sheet")
    return table


def _read_any(content, extension):
    if content.startswith(_ZIP_SIGNATURE):
        return _read_xlsx(content)
    if content.startswith(_OLE2_SIGNATURE):
        return _read_ole2(content, extension)
    if extension == ".csv":
        return _read_csv(content)
    if extension == ".xls":
        return _read_xls_or_text(content)
    raise OrderSheetError("corrupt_file")


def _read_ole2(content, extension):
    if _ENCRYPTED_PACKAGE in content:
        raise OrderSheetError("password_protected")
    try:
        return _read_xls(content)
    except OrderSheetError as error:
        # Excel saves a password-protected .xlsx as an OLE2 container; an OLE2 file named .xlsx
        # that is not a readable .xls (misnamed) is taken for one.
        if extension == ".xlsx" and error.code == "corrupt_file":
            raise OrderSheetError("password_protected") from None
        raise


def _read_xls_or_text(content):
    """Old BIFF streams without OLE2 wrapper are read by xlrd; "xls" exports that are really
    tab- or comma-separated text are accepted when a header can be recognised in them."""
    try:
        return _read_xls(content)
    except OrderSheetError as error:
        if error.code != "corrupt_file":
            raise
        try:
            table = _read_csv(content)
        except OrderSheetError:
            raise error from None
        if _find_header(table) is None:
            raise error from None
        return table


def _read_xls(content):
    # Merged ranges are only known with formatting_info; some files written by other tools than
    # Excel have formatting records xlrd chokes on, so read them again without.
    for formatting_info in (True, False):
        table = _xls_table(content, formatting_info)
        if table is not None:
            return table
    raise OrderSheetError("corrupt_file")


def _xls_table(content, formatting_info):
    """The first sheet's rows, or None when xlrd cannot read the file."""
    try:
        book = xlrd.open_workbook(
            file_contents=content, formatting_info=formatting_info, ragged_rows=True, logfile=io.StringIO()
        )
    except Exception as error:  # noqa: BLE001 - a library failing on malformed input, whatever it raises
        if "encrypt" in str(error).lower():
            raise OrderSheetError("password_protected") from None
        return None
    try:
        return _xls_rows(book)
    except Exception:  # noqa: BLE001 - a library failing on malformed input, whatever it raises
        return None
    finally:
        book.release_resources()


def _xls_rows(book):
    if not book.nsheets:
        return []
    sheet = book.sheet_by_index(0)
    table = [
        [
            _xls_value(ctype, value, book.datemode)
            for ctype, value in zip(sheet.row_types(r), sheet.row_values(r), strict=False)
        ]
        for r in range(sheet.nrows)
    ]
    _expand_merged(table, sheet.merged_cells)
    return table


def _xls_value(ctype, value, datemode):
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(value, datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return value
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#N/A")
    return value


def _read_xlsx(content):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except Exception:  # noqa: BLE001 - a library failing on malformed input, whatever it raises
        raise OrderSheetError("corrupt_file") from None
    if inflated > MAX_UNCOMPRESSED_BYTES:
        raise OrderSheetError("file_too_large", limit=MAX_BYTES, size=len(content))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=False, data_only=True)
    except Exception:  # noqa: BLE001 - a library failing on malformed input, whatever it raises
        raise OrderSheetError("corrupt_file") from None
    try:
        worksheets = workbook.worksheets
        table = _xlsx_rows(worksheets[0]) if worksheets else []
    except Exception:  # noqa: BLE001 - a library failing on malformed input, whatever it raises
        raise OrderSheetError("corrupt_file") from None
    finally:
        workbook.close()
    if table and _has_formulas(content):
        _mark_formulas_without_result(table, content)
    return table


def _has_formulas(content):
    """Whether a worksheet of the archive holds a formula ("<f>" or "<x:f ...>" element)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with archive.open(info) as stream:
                    if re.search(rb"<(?:\w+:)?f[ >/]", stream.read()):
                        return True
    return False


def _mark_formulas_without_result(table, content):
    """Put a FormulaWithoutResult in the empty cells of ``table`` that hold a formula: the file
    stores no result for them (data_only reading gives None)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            formulas = [
                (cell.row, cell.column, cell.value)
                for line in workbook.worksheets[0].iter_rows()
                for cell in line
                if _is_formula(cell.value)
            ]
        finally:
            workbook.close()
    except Exception:  # noqa: BLE001 - a library failing on malformed input, whatever it raises
        raise OrderSheetError("corrupt_file") from None
    for row, col, formula in formulas:
        if row <= len(table) and col <= len(table[row - 1]) and table[row - 1][col - 1] is not None:
            continue
        if len(table) < row:
            table.extend([] for _ in range(row - len(table)))
        line = table[row - 1]
        if len(line) < col:
            line.extend([None] * (col - len(line)))
        line[col - 1] = FormulaWithoutResult(_formula_text(formula))


def _is_formula(value):
    return (isinstance(value, str) and value.startswith("=")) or type(value).__name__ in (
        "ArrayFormula",
        "DataTableFormula",
    )


def _formula_text(value):
    text = value if isinstance(value, str) else getattr(value, "text", None) or ""
    return text if text.startswith("=") else f"={text}"


def _xlsx_rows(sheet):
    # Walk the stored cells rather than the sheet's dimensions: empty but formatted cells far
    # away (e.g. a formatted column down to row 1048576) would otherwise make a huge rectangle.
    cells = getattr(sheet, "_cells", None)
    if isinstance(cells, dict):
        items = ((row, col, cell.value) for (row, col), cell in cells.items())
    else:
        items = ((cell.row, cell.column, cell.value) for line in sheet.iter_rows() for cell in line)
    table = []
    for row, col, value in items:
        if value is None:
            continue
        if len(table) < row:
            table.extend([] for _ in range(row - len(table)))
        line = table[row - 1]
        if len(line) < col:
            line.extend([None] * (col - len(line)))
        line[col - 1] = _xlsx_value(value)
    ranges = [(r.min_row - 1, r.max_row, r.min_col - 1, r.max_col) for r in sheet.merged_cells.ranges]
    _expand_merged(table, ranges)
    return table


def _xlsx_value(value):
    if isinstance(value, str | bool | int | float | datetime.date):
        return value
    return str(value)


def _expand_merged(table, ranges):
    """Give every cell of a merged range (0-based, end exclusive) the top-left value; ranges are
    clipped to the filled part of the sheet."""
    width = max((len(row) for row in table), default=0)
    for row_lo, row_hi, col_lo, col_hi in ranges:
        if row_lo >= len(table) or col_lo >= len(table[row_lo]):
            continue
        value = table[row_lo][col_lo]
        if value is None:
            continue
        col_hi = min(col_hi, width)
        for row in table[row_lo : min(row_hi, len(table))]:
            if len(row) < col_hi:
                row.extend([None] * (col_hi - len(row)))
            row[col_lo:col_hi] = [value] * (col_hi - col_lo)


def _read_csv(content):
    """Decode with the first encoding (and delimiter) under which a header can be recognised,
    else with the first encoding that decodes at all and the sniffed delimiter."""
    fallback = None
    for text in _csv_texts(content):
        delimiters = _csv_delimiters(text)
        for delimiter in delimiters:
            if _csv_has_header(text, delimiter):
                return _csv_rows(text, delimiter)
        if fallback is None:
            fallback = (text, delimiters[0])
    if fallback is None:
        raise OrderSheetError("undecodable")
    return _csv_rows(*fallback)


def _csv_has_header(text, delimiter):
    try:
        return _find_header(_csv_rows(text, delimiter, HEADER_SCAN_ROWS)) is not None
    except OrderSheetError:
        return False


def _csv_texts(content):
    encodings = CSV_ENCODINGS
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    for encoding in encodings:
        try:
            yield content.decode(encoding)
        except UnicodeDecodeError:
            continue


def _csv_delimiters(text):
    sample = "\n".join(text[:_SNIFF_CHARS].splitlines()[:HEADER_SCAN_ROWS])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(CSV_DELIMITERS)).delimiter
    except csv.Error:
        sniffed = ","
    if sniffed not in CSV_DELIMITERS:
        sniffed = ","
    return [sniffed] + [delimiter for delimiter in CSV_DELIMITERS if delimiter != sniffed]


def _csv_rows(text, delimiter, limit=None):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [[cell if cell.strip() else None for cell in row] for row in itertools.islice(reader, limit)]
    except csv.Error:
        raise OrderSheetError("corrupt_file") from None


# ---------------------------------------------------------------------------------------------
# Header detection
# ---------------------------------------------------------------------------------------------

_BRACKETS_RE = re.compile(r"[(\[【〔][^)\]】〕]*[)\]】〕]")
_ALIAS_FIELD = {alias: field for field, aliases in HEADER_ALIASES.items() for alias in aliases}
# Aliases too generic to be recognised at the end of a longer header ("Customer Code", "PO Date").
_NOT_AS_SUFFIX = frozenset({"code", "item", "product", "date", "pcs", "名稱", "名称", "規格", "规格"})
_SUFFIX_FIELD = {alias: field for alias, field in _ALIAS_FIELD.items() if alias not in _NOT_AS_SUFFIX}
_ALIAS_MAX_WORDS = max(len(alias.split()) for alias in _SUFFIX_FIELD)
_ALIAS_MAX_CHARS = max(len(alias) for alias in _SUFFIX_FIELD)
# Fields whose English aliases are also recognised at the start of a header ("Qty Ordered").
_PREFIX_FIELDS = frozenset({"quantity", "price_unit", "description"})
# Headers with these words are amounts/totals, never one of our fields.
_TOTAL_WORDS = frozenset({"total", "totals", "subtotal", "amount", "amt", "sum", "extended", "ext", "ext."})
_TOTAL_CJK = ("總", "总", "合計", "合计", "金額", "金额", "小計", "小计")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def normalise_header(value) -> str:
    """Header text for alias matching: NFKC, lower-case, bracketed parts ("(pcs)", "（PCS）")
    removed, whitespace collapsed, surrounding ':', '*' and spaces stripped."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else _cell_text(value)
    text = unicodedata.normalize("NFKC", text).lower()
    text = _BRACKETS_RE.sub(" ", text)
    return " ".join(text.split()).strip(" :*")


def _suffix_field(text):
    """Field of a header that ends with a specific alias ("Customer Part No", "客戶料號") or, for
    quantity, price and description, starts with one ("Qty Ordered"); longest alias first."""
    words = text.split()
    if len(text) > 40 or len(words) > 5:
        return None
    if _TOTAL_WORDS.intersection(words) or any(word in text for word in _TOTAL_CJK):
        return None
    for size in range(min(len(text) - 1, _ALIAS_MAX_CHARS), 1, -1):
        field = _SUFFIX_FIELD.get(text[-size:])
        if field and _CJK_RE.match(text[-size:]):
            return field
    for size in range(min(len(words) - 1, _ALIAS_MAX_WORDS), 0, -1):
        field = _SUFFIX_FIELD.get(" ".join(words[-size:]))
        if field:
            return field
    for size in range(min(len(words) - 1, _ALIAS_MAX_WORDS), 0, -1):
        field = _SUFFIX_FIELD.get(" ".join(words[:size]))
        if field in _PREFIX_FIELDS:
            return field
    return None


def map_header_row(row):
    """Column index -> field: exact alias matches first, then suffix matches; a field goes to the
    leftmost matching column."""
    texts = [normalise_header(cell) if isinstance(cell, str) else "" for cell in row[:HEADER_SCAN_COLUMNS]]
    mapping = {}
    for matcher in (_ALIAS_FIELD.get, _suffix_field):
        for index, text in enumerate(texts):
            if index in mapping or not text:
                continue
            field = matcher(text)
            if field and field not in mapping.values():
                mapping[index] = field
    return mapping


def _find_header(table):
    best = None
    for index, row in enumerate(table[:HEADER_SCAN_ROWS]):
        mapping = map_header_row(row)
        fields = set(mapping.values())
        if len(fields) < 2 or not fields & {"quantity", "product_code", "description"}:
            continue
        if best is None or len(mapping) > len(best[1]):
            best = (index, mapping)
    return best


def detect_header(table: list[list]) -> tuple[int, dict[int, str]]:
    """(0-based index of the header row, column index -> field) for the row among the first 30
    that maps the most fields (at least 2, one of them quantity, product_code or description);
    ties go to the earliest row.  Raises no_header when no row qualifies."""
    found = _find_header(table)
    if found is None:
        raise OrderSheetError("no_header")
    return found


# ---------------------------------------------------------------------------------------------
# Cell conversion
# ---------------------------------------------------------------------------------------------

_CURRENCY_RE = re.compile(
    r"^(?:US\$|NT\$|HK\$|S\$|A\$|C\$|RMB|CNY|USD|NTD|TWD|HKD|EUR|JPY|[$¥€£])\s*", re.IGNORECASE
)
_NUMBER_RE = re.compile(r"(?P<body>[0-9][0-9.,' ]*|\.[0-9]+)\s*(?P<unit>[^\W\d_]+\.?|/\s*[^\W\d_]+)?")
_SCIENTIFIC_RE = re.compile(r"[0-9]+(?:\.[0-9]*)?[eE][+-]?[0-9]+")
_GROUPED_RE = re.compile(r"[0-9]{1,3}(?:(?P<sep>[,.' ])[0-9]{3})(?:(?P=sep)[0-9]{3})*")


def parse_number(value, currency=False) -> float | None:
    """The number in a cell, or None when it is not one.

    Accepts numbers and text such as "1,200", " 300 ", "1 200", "1.200,50", "300 pcs", "300個",
    full-width digits, "(12.50)" (negative); with ``currency`` also a leading currency symbol or
    code ("$", "US$", "NT$", "RMB", ...) and "-" alone for zero (accounting format).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            return None
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    return _number_from_text(value, currency)


def _number_from_text(value, currency):
    text = unicodedata.normalize("NFKC", value).replace("\u2212", "-").strip()
    negative, text = _strip_sign(text, currency)
    if text is None:
        return None
    if not text:
        # "-" or "$ -": zero in accounting format.
        return 0.0 if currency and negative else None
    if _SCIENTIFIC_RE.fullmatch(text):
        number = float(text)
    else:
        match = _NUMBER_RE.fullmatch(text)
        number = _number_from_digits(match.group("body").strip()) if match else None
    if number is None or not math.isfinite(number):
        return None
    return -number if negative else number


def _strip_sign(text, currency):
    """(negative, rest) after removing currency, parentheses and sign; rest None if malformed."""
    negative = False
    if currency:
        text = _CURRENCY_RE.sub("", text).strip()
    if text.startswith("(") and text.endswith(")"):
        negative = True
        text = text[1:-1].strip()
        if currency:
            text = _CURRENCY_RE.sub("", text).strip()
    if text[:1] in ("-", "+"):
        if text[0] == "-":
            if negative:
                return False, None
            negative = True
        text = text[1:].strip()
        if currency:
            text = _CURRENCY_RE.sub("", text).strip()
    return negative, text


def _number_from_digits(body):
    """Float of digits with optional thousands separators (, . ' space) and decimal separator
    (. or ,); the last of '.' and ',' is the decimal one when both appear."""
    if "," in body and "." in body:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
    elif body.count(",") == 1 and not _GROUPED_RE.fullmatch(body):
        decimal = ","
    elif body.count(".") == 1:
        decimal = "."
    else:
        decimal = None
    integer, fraction = body.rsplit(decimal, 1) if decimal else (body, "")
    integer = integer.strip()
    if not fraction.isdigit() and fraction:
        return None
    if integer and not integer.isdigit():
        grouped = _GROUPED_RE.fullmatch(integer)
        if not grouped or grouped.group("sep") == decimal:
            return None
        integer = re.sub(r"[,.' ]", "", integer)
    if not integer and not fraction:
        return None
    return float(f"{integer or '0'}.{fraction or '0'}")


_TIME_SUFFIX_RE = re.compile(
    r"(?:[ T]|\s*(?:上午|下午)\s*)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?$", re.IGNORECASE
)
_DATE_PATTERNS = (
    (re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"), "y-md"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日號号]?"), "ymd"),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), "mdy"),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), "dmy"),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "ymd"),
    # Taiwan (ROC / 民國) years: 115/12/01 is 2026-12-01.
    (re.compile(r"(?:民國|民国)?\s*(1\d{2})([-/.])(\d{1,2})\2(\d{1,2})"), "roc-md"),
    (re.compile(r"(?:民國|民国)\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日號号]?"), "roc"),
    (re.compile(r"(\d{1,2})[-\s]([a-z]{3,9})\.?[-\s,]+(\d{4}|\d{2})", re.IGNORECASE), "d-mon-y"),
    (re.compile(r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.IGNORECASE), "mon-d-y"),
)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_SERIAL_TEXT_RE = re.compile(r"\d{5}(?:\.\d+)?")


def parse_date(value) -> datetime.date | None:
    """The date in a cell, or None when it is not one.

    Accepts date/datetime values, Excel serial numbers (20000-80000, also as text), and text
    "2026-12-01", "2026/12/01", "2026.12.01", "12/01/2026" (month/day), "01.12.2026" (day.month),
    "2026年12月1日", "20261201", "1-Dec-2026", "Dec 1, 2026", ROC years "115/12/01", "民國115年12月1日",
    optionally followed by a time.  Years outside 1900-2199 are refused.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime.datetime):
        return _sane_date(value.date())
    if isinstance(value, datetime.date):
        return _sane_date(value)
    if isinstance(value, int | float):
        return _date_from_number(value)
    if isinstance(value, str):
        return _date_from_text(value)
    return None


def _sane_date(date):
    return date if _YEAR_RANGE[0] <= date.year <= _YEAR_RANGE[1] else None


def _date_from_number(number):
    try:
        number = float(number)
    except OverflowError:
        return None
    if not math.isfinite(number):
        return None
    if _SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]:
        return _EXCEL_EPOCH + datetime.timedelta(days=int(number))
    if number.is_integer() and 19000101 <= number <= 21991231:
        return _date_from_text(str(int(number)))
    return None


def _date_from_text(value):
    text = unicodedata.normalize("NFKC", value).strip()
    text = _TIME_SUFFIX_RE.sub("", text).strip()
    if _SERIAL_TEXT_RE.fullmatch(text):
        return _date_from_number(float(text))
    for pattern, order in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _build_date(match.groups(), order)
    return None


def _build_date(groups, order):
    if order in ("y-md", "roc-md"):
        groups = (groups[0], groups[2], groups[3])
    if order.startswith("roc"):
        year, month, day = int(groups[0]) + 1911, int(groups[1]), int(groups[2])
    elif order == "ymd" or order == "y-md":
        year, month, day = (int(part) for part in groups)
    elif order == "mdy":
        month, day, year = (int(part) for part in groups)
    elif order == "dmy":
        day, month, year = (int(part) for part in groups)
    else:
        day_text, name, year_text = groups if order == "d-mon-y" else (groups[1], groups[0], groups[2])
        month = _month_number(name)
        if month is None:
            return None
        day, year = int(day_text), int(year_text)
        year += 2000 if year < 100 else 0
    try:
        return _sane_date(datetime.date(year, month, day))
    except ValueError:
        return None


def _month_number(name):
    name = name.lower()
    for number, month in enumerate(_MONTHS, start=1):
        if month.startswith(name) and len(name) >= 3:
            return number
    return None


def _cell_text(value) -> str:
    """Cell value as text: integral floats without ".0", dates in ISO format."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _text_value(value):
    text = _cell_text(value).strip()
    return text or None


def _is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _row_is_empty(row):
    return all(_is_empty(value) for value in row)


def _error_marker(value):
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.upper() in ERROR_MARKERS or re.fullmatch(r"Err:\d{3}", text, re.IGNORECASE):
        return text
    return None


def _shorten(value, limit=60):
    text = value if isinstance(value, str) else _cell_text(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------


def parse(
    content: bytes, filename: str, mapping: dict[int, str] | None = None, header_row: int | None = None
) -> OrderSheet:
    """Read the file and convert its lines: :func:`read_table` then :func:`parse_table`."""
    return parse_table(read_table(content, filename), mapping, header_row)


def parse_table(
    table: list[list], mapping: dict[int, str] | None = None, header_row: int | None = None
) -> OrderSheet:
    """Convert the lines of a table read by :func:`read_table`; see the module docstring.

    ``mapping`` (column index -> field, e.g. chosen by the user) replaces the detected one; the
    header row is then ``header_row`` (1-based) when given, else still detected when possible,
    else row 1.  Keys may be ints
    or digit strings (JSON); columns mapped to a false value are ignored; a field mapped to several
    columns is read from the leftmost one (as in header detection).  A mapping naming an unknown
    field or a negative column is a programming error: ValueError.
    """
    if mapping is None:
        header_index, mapping = detect_header(table)
    else:
        mapping = _check_mapping(mapping)
        found = _find_header(table) if header_row is None else (header_row - 1,)
        header_index = found[0] if found else 0
    fields = set(mapping.values())
    if "quantity" not in fields:
        raise OrderSheetError("missing_column", row=header_index + 1, field="quantity")
    if not fields & {"product_code", "description"}:
        raise OrderSheetError("missing_column", row=header_index + 1, field="product")
    rows = _data_rows(table, header_index, mapping)
    if len(rows) > MAX_LINES:
        raise OrderSheetError("too_many_lines", limit=MAX_LINES)
    columns = {field: column for column, field in mapping.items()}
    headers = _header_texts(table, header_index, mapping)
    return OrderSheet(
        headers=headers,
        header_row=header_index + 1,
        mapping=dict(sorted(mapping.items())),
        lines=[_convert_row(index, row, columns, headers) for index, row in rows],
    )


def find_remembered_header(
    table: list[list], remembered: dict[str, str]
) -> tuple[dict[int, str], int] | None:
    """(column index -> field, 1-based header row) from the header texts remembered for a customer
    (header text -> field): the row among the first 30 that holds the most of them (the earliest on
    a tie), or None when none does."""
    best_row, best_mapping = None, {}
    for index, row in enumerate(table[:HEADER_SCAN_ROWS]):
        mapping = {
            column: remembered[text]
            for column, text in enumerate(_cell_text(cell).strip() for cell in row)
            if text in remembered and remembered[text] in FIELD_LABELS
        }
        if len(mapping) > len(best_mapping):
            best_row, best_mapping = index + 1, mapping
    return (best_mapping, best_row) if best_mapping else None


def header_texts(table: list[list], header_row: int) -> list[str]:
    """The texts of the 1-based ``header_row``, one per column of the table."""
    return _header_texts(table, header_row - 1, {})


def _check_mapping(mapping):
    """Column index -> field, sorted; a field given to several columns keeps the leftmost."""
    columns = {}
    for column, field in dict(mapping).items():
        if not field:
            continue
        index = int(column) if isinstance(column, str) and column.strip().isdigit() else column
        if isinstance(index, bool) or not isinstance(index, int) or index < 0:
            raise ValueError(f"invalid column index in mapping: {column!r}")
        if field not in FIELDS:
            raise ValueError(f"unknown field in mapping: {field!r}")
        columns[field] = min(index, columns.get(field, index))
    return {index: field for field, index in sorted(columns.items(), key=lambda item: item[1])}


def _data_rows(table, header_index, mapping):
    """(table index, row) of the lines below the header; stops counting past MAX_LINES."""
    rows = []
    for index in range(header_index + 1, len(table)):
        row = table[index]
        if all(_is_empty(_cell(row, column)) for column in mapping) or _is_total_row(row, mapping):
            continue
        rows.append((index, row))
        if len(rows) > MAX_LINES:
            break
    return rows


def _cell(row, column):
    return row[column] if column < len(row) else None


def _is_total_row(row, mapping):
    candidates = [
        _cell(row, column) for column, field in mapping.items() if field in ("product_code", "description")
    ]
    candidates.append(next((value for value in row if not _is_empty(value)), None))
    for value in candidates:
        if isinstance(value, str) and normalise_header(value).replace(" ", "") in TOTAL_LABELS:
            return True
    return False


def _header_texts(table, header_index, mapping):
    width = max(max(len(row) for row in table), max(mapping, default=-1) + 1)
    header = table[header_index]
    return [_cell_text(_cell(header, column)).strip() for column in range(width)]


def _convert_row(index, row, columns, headers):
    number = index + 1

    def where(field):
        """Keyword arguments of OrderSheetError naming the field's column by letter and header."""
        column = columns.get(field)
        if column is None:
            return {}
        header = headers[column] if column < len(headers) else ""
        return {"row": number, "column": column_letter(column), "header": header or None}

    for field in sorted(columns, key=columns.get):
        cell = _cell(row, columns[field])
        if isinstance(cell, FormulaWithoutResult):
            raise OrderSheetError("formula_without_result", **where(field), value=cell.formula)
        marker = _error_marker(cell)
        if marker:
            raise OrderSheetError("formula_error", **where(field), value=marker)

    def value(field):
        return _cell(row, columns[field]) if field in columns else None

    code = _text_value(value("product_code"))
    description = _text_value(value("description"))
    if code is None and description is None:
        raise OrderSheetError("missing_product", row=number)
    return SheetLine(
        row=number,
        product_code=code,
        description=description,
        quantity=_quantity(value("quantity"), where("quantity")),
        price_unit=_price(value("price_unit"), where("price_unit")),
        requested_date=_date(value("requested_date"), where("requested_date")),
        customer_po=_text_value(value("customer_po")),
    )


def _quantity(value, where):
    number = parse_number(value)
    if number is None:
        raise OrderSheetError("not_a_number", **where, value=_cell_text(value).strip(), field="quantity")
    if number <= 0:
        raise OrderSheetError("not_positive", **where, value=_cell_text(value).strip())
    return number


def _price(value, where):
    if _is_empty(value):
        return None
    number = parse_number(value, currency=True)
    if number is None:
        raise OrderSheetError("not_a_number", **where, value=_cell_text(value).strip(), field="price_unit")
    if number < 0:
        raise OrderSheetError("negative_price", **where, value=_cell_text(value).strip())
    return number + 0.0  # no -0.0


def _date(value, where):
    if _is_empty(value):
        return None
    date = parse_date(value)
    if date is None:
        raise OrderSheetError("bad_date", **where, value=_cell_text(value).strip())
    return date
