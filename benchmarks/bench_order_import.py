"""Benchmark: importing a customer's 5,000-line .xlsx order.

Usage: python3 benchmarks/bench_order_import.py --addons-path=... -d DATABASE [--lines N]

Run on a database where sale_assistant is installed. In one transaction that is rolled back at
the end (the database is left as it was), it creates 500 products and a customer, writes .xlsx
orders in memory, and imports (read, match, preview, create the quotation, run the order checks)
a 500-line order (the baseline) and an N-line order (5,000 by default) in the same process. It
reports the time of each, lines per second, and their ratio.

It then imports the same N lines with Odoo's generic import (Import records: ``base_import``
reading an .xlsx laid out for it, products by internal reference) and reports how many times as
fast the wizard is (issue 16's target: at least 2x).
"""

import argparse
import base64
import io
import sys
import time
from datetime import date, timedelta

import openpyxl

import odoo
from odoo.tools import config

BASELINE_LINES = 500


def order_file(products, count):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Customer purchase order"])
    sheet.append(["Item No", "Description", "Qty", "Unit Price", "Delivery Date", "PO No."])
    for n in range(count):
        product = products[n % len(products)]
        sheet.append(
            [
                product.default_code,
                product.name,
                10 + n % 90,
                9.5,
                date(2026, 12, 1) + timedelta(days=n % 30),
                "BENCH-PO",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed_import(env, partner, content):
    env.invalidate_all()
    start, cpu = time.perf_counter(), time.process_time()
    wizard = env["sale.order.import"].create(
        {"partner_id": partner.id, "file": base64.b64encode(content), "filename": "order.xlsx"}
    )
    wizard.action_read_file()
    order = env["sale.order"].browse(wizard.action_confirm()["res_id"])
    env.flush_all()
    return order, time.perf_counter() - start, time.process_time() - cpu


def generic_file(products, partner, count):
    """The same lines laid out as Odoo's generic import needs them: the order's fields on the first
    row, one row per line, products by internal reference."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(GENERIC_FIELDS)
    for n in range(count):
        product = products[n % len(products)]
        line = [product.default_code, 10 + n % 90, 9.5, date(2026, 12, 1) + timedelta(days=n % 30)]
        sheet.append([partner.name, "GENERIC-PO", *line] if n == 0 else [None, None, *line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GENERIC_FIELDS = [
    "partner_id",
    "client_order_ref",
    "order_line/product_id",
    "order_line/product_uom_qty",
    "order_line/price_unit",
    "order_line/customer_requested_date",
]


def timed_generic_import(env, content):
    """Odoo's generic import (Import records) of the file: read, convert, create."""
    env.invalidate_all()
    start, cpu = time.perf_counter(), time.process_time()
    importer = env["base_import.import"].create(
        {
            "res_model": "sale.order",
            "file": content,
            "file_name": "generic.xlsx",
            "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    )
    result = importer.execute_import(
        GENERIC_FIELDS, GENERIC_FIELDS, {"has_headers": True, "date_format": "%Y-%m-%d", "quoting": '"'}
    )
    env.flush_all()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    if not result["ids"] or any(message["type"] == "error" for message in result["messages"]):
        sys.exit(f"the generic import failed: {result['messages'][:3]}")
    return env["sale.order"].browse(result["ids"]), seconds, cpu_seconds


def main(argv):
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--lines", type=int, default=5_000)
    args, odoo_args = parser.parse_known_args(argv)
    config.parse_config(odoo_args)
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        products = env["product.product"].create(
            [
                {"name": f"Bench Item {n}", "default_code": f"BENCH-{n:04d}", "list_price": 10.0}
                for n in range(500)
            ]
        )
        partner = env["res.partner"].create({"name": "Bench Importer", "is_company": True})
        baseline_file, measured_file = order_file(products, BASELINE_LINES), order_file(products, args.lines)
        baseline, baseline_seconds, _cpu = timed_import(env, partner, baseline_file)
        order, seconds, cpu_seconds = timed_import(env, partner, measured_file)
        generic, generic_seconds, generic_cpu_seconds = timed_generic_import(
            env, generic_file(products, partner, args.lines)
        )
        if (len(baseline.order_line), len(order.order_line), len(generic.order_line)) != (
            BASELINE_LINES,
            args.lines,
            args.lines,
        ):
            sys.exit("the imports did not create the expected lines")
        sys.stdout.write(
            f"baseline: {BASELINE_LINES:>6} lines in {baseline_seconds:.2f} s "
            f"({BASELINE_LINES / baseline_seconds:.0f} lines/s)\n"
            f"measured: {args.lines:>6} lines in {seconds:.2f} s ({args.lines / seconds:.0f} lines/s)\n"
            f"ratio: {seconds / baseline_seconds:.1f}x the time for "
            f"{args.lines / BASELINE_LINES:.0f}x the lines\n"
            f"generic: {args.lines:>6} lines in {generic_seconds:.2f} s with Odoo's Import records "
            f"({args.lines / generic_seconds:.0f} lines/s)\n"
            f"speed-up: the wizard is {generic_seconds / seconds:.1f}x as fast as the generic import "
            f"({generic_cpu_seconds / cpu_seconds:.1f}x in CPU time of this process: {cpu_seconds:.2f} s "
            f"against {generic_cpu_seconds:.2f} s, steadier on a busy machine)\n"
        )
        cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1:])
