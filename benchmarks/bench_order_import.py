"""Benchmark: importing a customer's 5,000-line .xlsx order.

Usage: python3 benchmarks/bench_order_import.py --addons-path=... -d DATABASE [--lines N]

Run on a database where sale_assistant is installed. In one transaction that is rolled back at
the end (the database is left as it was), it creates 500 products and a customer, writes .xlsx
orders in memory, and imports (read, match, preview, create the quotation, run the order checks)
a 500-line order (the baseline) and an N-line order (5,000 by default) in the same process. It
reports the time of each, lines per second, and their ratio.
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
    start = time.perf_counter()
    wizard = env["sale.order.import"].create(
        {"partner_id": partner.id, "file": base64.b64encode(content), "filename": "order.xlsx"}
    )
    wizard.action_read_file()
    order = env["sale.order"].browse(wizard.action_confirm()["res_id"])
    env.flush_all()
    return order, time.perf_counter() - start


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
        baseline, baseline_seconds = timed_import(env, partner, baseline_file)
        order, seconds = timed_import(env, partner, measured_file)
        if (len(baseline.order_line), len(order.order_line)) != (BASELINE_LINES, args.lines):
            sys.exit("the imports did not create the expected lines")
        sys.stdout.write(
            f"baseline: {BASELINE_LINES:>6} lines in {baseline_seconds:.2f} s "
            f"({BASELINE_LINES / baseline_seconds:.0f} lines/s)\n"
            f"measured: {args.lines:>6} lines in {seconds:.2f} s ({args.lines / seconds:.0f} lines/s)\n"
            f"ratio: {seconds / baseline_seconds:.1f}x the time for "
            f"{args.lines / BASELINE_LINES:.0f}x the lines\n"
        )
        cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1:])
