# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
from collections import Counter

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools.order_sheet import (
    HEADER_SCAN_ROWS,
    MAX_BYTES,
    MAX_LINES,
    OrderSheetError,
    column_letter,
    map_header_row,
    parse,
    read_table,
)


class SaleOrderImport(models.TransientModel):
    _name = "sale.order.import"
    _description = "Import a Customer's Order Spreadsheet"

    state = fields.Selection([("upload", "Upload"), ("preview", "Preview")], default="upload", required=True)
    file = fields.Binary(
        string="Order File", attachment=False, help="The customer's order: .xls, .xlsx or .csv."
    )
    filename = fields.Char()
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    order_id = fields.Many2one(
        "sale.order",
        string="Quotation",
        domain="[('state', 'in', ('draft', 'sent'))]",
        help="Add the lines to this quotation; leave empty to make a new one.",
    )
    customer_po = fields.Char(string="Customer PO Number")
    header_row = fields.Integer(readonly=True)
    column_ids = fields.One2many("sale.order.import.column", "wizard_id", string="Columns")
    line_ids = fields.One2many("sale.order.import.line", "wizard_id", string="Lines")
    unresolved_count = fields.Integer(compute="_compute_unresolved_count")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "sale.order" and self.env.context.get("active_id"):
            order = self.env["sale.order"].browse(self.env.context["active_id"])
            values.update(order_id=order.id, partner_id=order.partner_id.id)
        return values

    @api.depends("line_ids.product_id")
    def _compute_unresolved_count(self):
        for wizard in self:
            wizard.unresolved_count = len(wizard.line_ids.filtered(lambda line: not line.product_id))

    # Reading -----------------------------------------------------------------------------------

    def action_read_file(self):
        """Read the file with the columns remembered for this customer, else found from the headers."""
        self.ensure_one()
        remembered = self.partner_id.commercial_partner_id.sale_import_mapping or {}
        located = remembered and self._locate_remembered_header(remembered)
        try:
            sheet = parse(self._content(), self.filename or "", *(located or ()))
        except OrderSheetError as error:
            if error.code != "missing_column":
                raise UserError(self._sheet_error_message(error)) from error
            # A header was found but not every column needed: let the user say which is which.
            self._load_columns_only(error.row)
            return self._reopen()
        self._load_preview(sheet)
        return self._reopen()

    def _load_columns_only(self, header_row):
        headers = [
            str(cell).strip() if cell is not None else "" for cell in self._read_table()[header_row - 1]
        ]
        detected = map_header_row(headers)
        self.write(
            {
                "state": "preview",
                "header_row": header_row,
                "column_ids": [Command.clear()] + self._column_commands(headers, detected),
                "line_ids": [Command.clear()],
            }
        )

    def action_apply_mapping(self):
        """Read the file again with the columns as the user corrected them."""
        self.ensure_one()
        mapping = {column.index: column.field for column in self.column_ids if column.field}
        self._load_preview(self._parse(mapping, self.header_row or None))
        return self._reopen()

    def _content(self):
        if not self.file:
            raise UserError(self.env._("Choose the customer's order file first."))
        try:
            return base64.b64decode(self.file, validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(self.env._("The file could not be read.")) from error

    def _parse(self, mapping=None, header_row=None):
        try:
            return parse(self._content(), self.filename or "", mapping, header_row)
        except OrderSheetError as error:
            raise UserError(self._sheet_error_message(error)) from error

    def _read_table(self):
        try:
            return read_table(self._content(), self.filename or "")
        except OrderSheetError as error:
            raise UserError(self._sheet_error_message(error)) from error

    def _locate_remembered_header(self, remembered):
        """(mapping, header row) from the header texts remembered for the customer: the row of the
        first 30 that holds the most of them, or None when none does."""
        best_row, best_mapping = None, {}
        for index, row in enumerate(self._read_table()[:HEADER_SCAN_ROWS]):
            mapping = {
                column: remembered[text]
                for column, text in enumerate(str(cell).strip() if cell is not None else "" for cell in row)
                if text in remembered
            }
            if len(mapping) > len(best_mapping):
                best_row, best_mapping = index + 1, mapping
        return (best_mapping, best_row) if best_mapping else None

    def _load_preview(self, sheet):
        candidates = self._match_products(sheet.lines)
        po_numbers = Counter(line.customer_po for line in sheet.lines if line.customer_po)
        self.write(
            {
                "state": "preview",
                "header_row": sheet.header_row,
                "customer_po": self.customer_po or (po_numbers.most_common(1)[0][0] if po_numbers else False),
                "column_ids": [Command.clear()] + self._column_commands(sheet.headers, sheet.mapping),
                "line_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "row": line.row,
                            "product_code": line.product_code,
                            "description": line.description,
                            "quantity": line.quantity,
                            "price_unit": line.price_unit or 0.0,
                            "has_price": line.price_unit is not None,
                            "requested_date": line.requested_date,
                            "candidate_ids": [Command.set(products.ids)],
                            "product_id": products.id if len(products) == 1 else False,
                            "matched_by": matched_by,
                        }
                    )
                    for line, (products, matched_by) in zip(sheet.lines, candidates, strict=True)
                ],
            }
        )

    def _column_commands(self, headers, mapping):
        return [
            Command.create(
                {
                    "index": index,
                    "letter": column_letter(index),
                    "header": header,
                    "field": mapping.get(index, False),
                }
            )
            for index, header in enumerate(headers)
        ]

    def _match_products(self, sheet_lines):
        """For each line, (candidate products, how they were found): by our internal reference, our
        barcode, the customer's own code, then the exact product name; one query per way."""
        Product = self.env["product.product"]
        codes = list({line.product_code for line in sheet_lines if line.product_code})
        names = list({line.description for line in sheet_lines if line.description})
        by_way = [
            (
                self.env._("internal reference"),
                "product_code",
                self._group(
                    Product.search([("default_code", "in", codes), ("sale_ok", "=", True)]), "default_code"
                ),
            ),
            (
                self.env._("barcode"),
                "product_code",
                self._group(Product.search([("barcode", "in", codes), ("sale_ok", "=", True)]), "barcode"),
            ),
            (self.env._("customer's code"), "product_code", self._customer_codes(codes)),
            (
                self.env._("product name"),
                "description",
                self._group(Product.search([("name", "in", names), ("sale_ok", "=", True)]), "name"),
            ),
        ]
        result = []
        for line in sheet_lines:
            for label, attribute, products_by_key in by_way:
                products = products_by_key.get(getattr(line, attribute))
                if products:
                    result.append((products, label))
                    break
            else:
                result.append((Product, False))
        return result

    def _group(self, products, field_name):
        grouped = {}
        for product in products:
            grouped[product[field_name]] = grouped.get(product[field_name], product.browse()) | product
        return grouped

    def _customer_codes(self, codes):
        mappings = self.env["sale.customer.product.code"].search(
            [("partner_id", "=", self.partner_id.commercial_partner_id.id), ("code", "in", codes)]
        )
        return {mapping.code: mapping.product_id for mapping in mappings}

    # Creating ----------------------------------------------------------------------------------

    def action_confirm(self):
        """Create the quotation (or add to it) with all lines, or nothing."""
        self.ensure_one()
        unresolved = self.line_ids.filtered(lambda line: not line.product_id)
        if unresolved:
            raise UserError(
                self.env._(
                    "Choose a product for rows %(rows)s before importing.",
                    rows=", ".join(str(row) for row in unresolved.mapped("row")),
                )
            )
        if not self.line_ids:
            raise UserError(self.env._("The file has no order line to import."))
        self._check_target_order()
        order_lines = [Command.create(self._order_line_values(line)) for line in self.line_ids]
        if self.order_id:
            order = self.order_id
            order.write(
                {"order_line": order_lines, "client_order_ref": order.client_order_ref or self.customer_po}
            )
        else:
            order = self.env["sale.order"].create(
                {
                    "partner_id": self.partner_id.id,
                    "client_order_ref": self.customer_po,
                    "order_line": order_lines,
                }
            )
        self._remember_mapping()
        self._learn_customer_codes()
        order._run_order_checks()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
            "target": "current",
        }

    def _check_target_order(self):
        """Lines are added only to a quotation of the same customer that the user may edit."""
        order = self.order_id
        if not order:
            return
        order.check_access("write")
        if order.state not in ("draft", "sent"):
            raise UserError(
                self.env._("%(order)s is not a quotation any more: import into a new one.", order=order.name)
            )
        if order.partner_id.commercial_partner_id != self.partner_id.commercial_partner_id:
            raise UserError(
                self.env._(
                    "%(order)s is for %(customer)s, not for %(importing)s.",
                    order=order.name,
                    customer=order.partner_id.commercial_partner_id.display_name,
                    importing=self.partner_id.commercial_partner_id.display_name,
                )
            )

    def _order_line_values(self, line):
        values = {
            "product_id": line.product_id.id,
            "product_uom_qty": line.quantity,
            "customer_requested_date": line.requested_date,
            "customer_product_code": line.product_code,
        }
        if line.has_price:
            values["price_unit"] = line.price_unit
        return values

    def _remember_mapping(self):
        mapping = {
            column.header: column.field for column in self.column_ids if column.field and column.header
        }
        # A preference of the customer's, kept whoever imports for them.
        self.partner_id.commercial_partner_id.sudo().sale_import_mapping = mapping

    def _learn_customer_codes(self):
        learned = {
            line.product_code: line.product_id
            for line in self.line_ids
            if line.product_code
            and line.product_code not in (line.product_id.default_code, line.product_id.barcode)
        }
        if learned:
            self.env["sale.customer.product.code"]._learn(self.partner_id, learned)

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import Customer Order"),
        }

    def _sheet_error_message(self, error):
        """The parser's error, translated, naming the row and column where it applies."""
        params = dict(error.params, row=error.row, column=error.column)
        messages = {
            "file_too_large": self.env._(
                "The file is larger than %(limit)s MB.", limit=MAX_BYTES // (1024 * 1024)
            ),
            "wrong_extension": self.env._(
                "Files ending in %(extension)s cannot be read: use .xls, .xlsx or .csv.",
                extension=params.get("extension") or self.env._("(no extension)"),
            ),
            "corrupt_file": self.env._("The file is damaged or is not the spreadsheet its name says."),
            "password_protected": self.env._("The file is protected by a password: save it without one."),
            "empty_sheet": self.env._("The first sheet of the file is empty."),
            "too_many_lines": self.env._("The file has more than %(limit)s order lines.", limit=MAX_LINES),
            "no_header": self.env._(
                "No header row was recognised (e.g. product code / 料號, description / 品名, "
                "quantity / 數量)."
            ),
            "missing_column": self.env._(
                "No column is read as %(field)s: correct the mapping.", field=params.get("field")
            ),
            "formula_error": self.env._(
                "Row %(row)s, column %(column)s: the formula gives the error %(value)s.",
                row=params["row"],
                column=params["column"],
                value=params.get("value"),
            ),
            "not_a_number": self.env._(
                "Row %(row)s, column %(column)s: %(value)s is not a number.",
                row=params["row"],
                column=params["column"],
                value=params.get("value"),
            ),
            "not_positive": self.env._(
                "Row %(row)s, column %(column)s: the quantity %(value)s must be more than zero.",
                row=params["row"],
                column=params["column"],
                value=params.get("value"),
            ),
            "negative_price": self.env._(
                "Row %(row)s, column %(column)s: the unit price %(value)s is negative.",
                row=params["row"],
                column=params["column"],
                value=params.get("value"),
            ),
            "bad_date": self.env._(
                "Row %(row)s, column %(column)s: %(value)s is not a date.",
                row=params["row"],
                column=params["column"],
                value=params.get("value"),
            ),
            "missing_product": self.env._(
                "Row %(row)s has a quantity but neither a product code nor a description.", row=params["row"]
            ),
            "undecodable": self.env._("The CSV file is neither UTF-8, Big5 nor GB18030 text."),
        }
        return messages.get(error.code, str(error))
