# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
from collections import Counter

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from ..tools.order_sheet import (
    OrderSheetError,
    column_letter,
    find_remembered_header,
    header_texts,
    map_header_row,
    parse_table,
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
    user_id = fields.Many2one(
        "res.users",
        string="For salesperson",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False), '|', ('id', '=', uid), ('sale_assistant_ids', 'in', [uid])]",
        help="The salesperson the quotation is for: an assistant picks one they work for first.",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    sale_assistant_acting = fields.Boolean(
        compute="_compute_sale_customer_domain",
        help="Technical: the current user is a sales assistant, so the salesperson comes first.",
    )
    sale_customer_domain = fields.Binary(
        compute="_compute_sale_customer_domain",
        help="Technical: the customers the current user may choose for this salesperson.",
    )
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

    @api.depends("order_id")
    def _compute_user_id(self):
        # Lines added to a quotation are for its salesperson. Otherwise everyone but an assistant
        # starts with themselves (as on orders); an assistant picks whom they work for first.
        default = self.env["res.users"] if self.env.user._is_restricted_sale_assistant() else self.env.user
        for wizard in self:
            wizard.user_id = wizard.order_id.user_id or wizard.user_id or default

    @api.depends("user_id")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_sale_customer_domain(self):
        acting = self.env.user._is_restricted_sale_assistant()
        company = [("company_id", "in", [self.env.company.id, False])]
        for wizard in self:
            wizard.sale_assistant_acting = acting
            wizard.sale_customer_domain = company + self.env["res.partner"]._sale_usable_domain(
                wizard.user_id, "customer"
            )

    @api.depends("line_ids.product_id")
    def _compute_unresolved_count(self):
        for wizard in self:
            wizard.unresolved_count = len(wizard.line_ids.filtered(lambda line: not line.product_id))

    # Reading -----------------------------------------------------------------------------------

    def action_read_file(self):
        """Read the file (once) with the columns remembered for this customer, else found from the
        headers; refuse a customer the user may not use before anything is read."""
        self.ensure_one()
        self._check_customer()
        table = self._read_table()
        remembered = self.partner_id.commercial_partner_id.sale_import_mapping or {}
        located = find_remembered_header(table, remembered) if remembered else None
        try:
            sheet = parse_table(table, *(located or ()))
        except OrderSheetError as error:
            if error.code != "missing_column":
                raise UserError(self._sheet_error_message(error)) from error
            # A header was found but not every column needed: let the user say which is which.
            self._load_columns_only(table, error.row)
            return self._reopen()
        self._load_preview(sheet)
        return self._reopen()

    def _check_customer(self):
        """The customer must be one the user may use for the salesperson (as on the order form)."""
        if self.sale_assistant_acting and not self.user_id:
            raise UserError(self.env._("Choose the salesperson you prepare this quotation for first."))
        self.partner_id._check_sale_assistant_can_use(self.user_id, "customer")

    def _load_columns_only(self, table, header_row):
        headers = header_texts(table, header_row)
        self.write(
            {
                "state": "preview",
                "header_row": header_row,
                "column_ids": [Command.clear()] + self._column_commands(headers, map_header_row(headers)),
                "line_ids": [Command.clear()],
            }
        )

    def action_apply_mapping(self):
        """Read the file again with the columns as the user corrected them."""
        self.ensure_one()
        mapping = {column.index: column.field for column in self.column_ids if column.field}
        try:
            sheet = parse_table(self._read_table(), mapping, self.header_row or None)
        except OrderSheetError as error:
            raise UserError(self._sheet_error_message(error)) from error
        self._load_preview(sheet)
        return self._reopen()

    def _read_table(self):
        """The file's first sheet as rows of cell values: decoded and read once per action."""
        if not self.file:
            raise UserError(self.env._("Choose the customer's order file first."))
        try:
            content = base64.b64decode(self.file, validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(self.env._("The file could not be read.")) from error
        try:
            return read_table(content, self.filename or "")
        except OrderSheetError as error:
            raise UserError(self._sheet_error_message(error)) from error

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
                            "product_id": products.id if len(products) == 1 else False,
                            "matched_by": matched_by,
                            # Candidates are kept only to choose among (a relation row each).
                            **({"candidate_ids": [Command.set(products.ids)]} if len(products) > 1 else {}),
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
        if len(unresolved) == 1:
            raise UserError(
                self.env._("Choose a product for row %(row)s before importing.", row=unresolved.row)
            )
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
        self._check_customer()
        if self.order_id:
            order = self.order_id
            order.client_order_ref = order.client_order_ref or self.customer_po
        else:
            values = {"partner_id": self.partner_id.id, "client_order_ref": self.customer_po}
            if self.sale_assistant_acting:
                # Others get the customer's owner as salesperson, as on the order form.
                values["user_id"] = self.user_id.id
            order = self.env["sale.order"].create(values)
        self._create_order_lines(order)
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

    # What Odoo computes on a new line from its order and product alone, whatever its quantity or
    # price: computed once per product on a draft line, then given to every line of that product.
    # Only editable fields: create() drops the read-only precomputed ones from its values to
    # compute them again (the order's relateds, qty_delivered_method, the amounts), so giving
    # them would only cost their conversion.
    PER_PRODUCT_FIELDS = (
        "name",
        "product_uom",
        "tax_id",
        "analytic_distribution",
        "customer_lead",
        "product_custom_attribute_value_ids",
        "product_no_variant_attribute_value_ids",
    )

    def _create_order_lines(self, order):
        """Create every line in one batch. What depends only on the order and the product
        (description, unit, taxes, analytic distribution...) is computed once per product, by
        Odoo's own computes on a draft line of the order, instead of once per line (the analytic
        distribution alone costs a query each)."""
        Line = self.env["sale.order.line"]
        products = self.line_ids.product_id
        # One recordset, so that each compute runs once for all the drafts.
        drafts = Line.concat(
            *(Line.new({"order_id": order.id, "product_id": product.id}) for product in products)
        )
        per_product = {
            product: {
                name: draft._fields[name].convert_to_write(draft[name], draft)
                for name in self.PER_PRODUCT_FIELDS
            }
            for product, draft in zip(products, drafts, strict=True)
        }
        # A price from the customer's sheet is an agreed price: as in the form, it is recorded as
        # set by hand (it differs from the price Odoo computes), so a later change of quantity
        # does not replace it by the pricelist's.
        priced = set(self.line_ids.filtered("has_price").product_id.ids)
        computed_price = {
            product: draft.price_unit
            for product, draft in zip(products, drafts, strict=True)
            if product.id in priced
        }
        return Line.create(
            [
                {
                    **per_product[line.product_id],
                    "order_id": order.id,
                    **self._order_line_values(line),
                    **({"technical_price_unit": computed_price[line.product_id]} if line.has_price else {}),
                }
                for line in self.line_ids
            ]
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
            # Room for the preview's columns and badges.
            "context": {"dialog_size": "extra-large"},
        }

    def _sheet_error_message(self, error):
        """The parser's message for the error, translated, with numbers as the user writes them."""

        def translate(text, **params):
            return self.env._(text, **params)

        def format_number(number):
            return formatLang(self.env, number, digits=0 if float(number).is_integer() else 2)

        return error.render(translate, format_number)
