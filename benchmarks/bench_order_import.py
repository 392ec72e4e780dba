"""Benchmark: importing a customer's N-line .xlsx order (5,000 by default) with the wizard,
against Odoo's generic import of the same lines.

Usage: python3 benchmarks/bench_order_import.py --addons-path=... -d DATABASE [--lines 5000]
       [--rounds 3]

Run on a database where sale_assistant is installed. In one transaction that is rolled back at
the end (the database is left as it was), the setup (timed apart, not measured) creates 500
products and a customer and writes the files in memory. Each round then times, in the same
process and in turn (the order alternates between rounds, so that a busy spell of the machine
does not always fall on the same side):

- the wizard: read the .xlsx, match the products, preview, create the quotation, run the checks;
- Odoo's generic import (Import records: ``base_import`` reading an .xlsx laid out for it, the
  products by internal reference): the same lines into one quotation;
- ``create()`` alone: ``sale.order`` created with the same lines as commands, with products,
  quantities, prices and dates already known (no file, no matching, no preview, no checks);
- the wizard's lines alone: only its creation of the lines (values computed once per product, one
  batch) and the flush that follows (amounts, taxes and totals), on a wizard already previewed and
  a quotation already created, both not timed. What is left of the wizard once reading, matching,
  the preview and the checks are taken away: the floor of an import that creates its lines
  through core's ``create()`` (issue 16).

Wall time is what the user waits for; CPU time of this process is steadier on a busy machine
(the database's own time is left out of it). It prints the medians over the rounds and the
speed-up of the wizard over the generic import in both (issue 16's target: at least 2x).
"""

import base64
import io
import statistics
import sys
import time
from datetime import date, timedelta

import openpyxl
from bench_common import Stopwatch, parse_args, superuser_env

from odoo import Command

PRODUCTS = 500
TARGET = 2.0
GENERIC_FIELDS = [
    "partner_id",
    "client_order_ref",
    "order_line/product_id",
    "order_line/product_uom_qty",
    "order_line/price_unit",
    "order_line/customer_requested_date",
]


def line_data(products, count):
    """(product, quantity, unit price, requested date) of each line, the same in every file."""
    return [
        (products[n % len(products)], 10 + n % 90, 9.5, date(2026, 12, 1) + timedelta(days=n % 30))
        for n in range(count)
    ]


def workbook_bytes(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def order_file(lines):
    """The customer's own layout: a title, then its headers and lines."""
    return workbook_bytes(
        [
            ["Customer purchase order"],
            ["Item No", "Description", "Qty", "Unit Price", "Delivery Date", "PO No."],
            *(
                [product.default_code, product.name, qty, price, day, "BENCH-PO"]
                for product, qty, price, day in lines
            ),
        ]
    )


def generic_file(lines, partner):
    """The same lines laid out as Odoo's generic import needs them: the order's fields on the first
    row only, one row per line, products by internal reference."""
    rows = [[None, None, product.default_code, qty, price, day] for product, qty, price, day in lines]
    rows[0][:2] = [partner.name, "GENERIC-PO"]
    return workbook_bytes([GENERIC_FIELDS, *rows])


def measured(env, run, prepare=None):
    """Run ``run(*prepare())`` from a cold cache and flush what it left pending: (order, wall s,
    CPU s); ``prepare`` is not timed."""
    prepared = prepare() if prepare else ()
    env.invalidate_all()
    start, cpu = time.perf_counter(), time.process_time()
    order = run(*prepared)
    env.flush_all()
    return order, time.perf_counter() - start, time.process_time() - cpu


def wizard_import(env, partner, content):
    wizard = env["sale.order.import"].create(
        {"partner_id": partner.id, "file": base64.b64encode(content), "filename": "order.xlsx"}
    )
    wizard.action_read_file()
    return env["sale.order"].browse(wizard.action_confirm()["res_id"])


def generic_import(env, content):
    """Odoo's generic import (Import records) of the file: read, convert, create."""
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
    if not result["ids"] or any(message["type"] == "error" for message in result["messages"]):
        sys.exit(f"the generic import failed: {result['messages'][:3]}")
    return env["sale.order"].browse(result["ids"])


def plain_create(env, partner, lines):
    return env["sale.order"].create(
        {
            "partner_id": partner.id,
            "client_order_ref": "CREATE-PO",
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": qty,
                        "price_unit": price,
                        "customer_requested_date": day,
                    }
                )
                for product, qty, price, day in lines
            ],
        }
    )


def wizard_lines_only(env, partner, content):
    """The wizard's line creation, timed alone: the preview and the quotation are made first."""
    wizard = env["sale.order.import"].create(
        {"partner_id": partner.id, "file": base64.b64encode(content), "filename": "order.xlsx"}
    )
    wizard.action_read_file()
    order = env["sale.order"].create({"partner_id": partner.id})
    env.flush_all()
    env.invalidate_all()
    return wizard, order


def set_up(env, count):
    products = env["product.product"].create(
        [
            {"name": f"Bench Item {n}", "default_code": f"BENCH-{n:04d}", "list_price": 10.0}
            for n in range(PRODUCTS)
        ]
    )
    partner = env["res.partner"].create({"name": "Bench Importer", "is_company": True})
    lines = line_data(products, count)
    env.flush_all()
    return partner, lines, order_file(lines), generic_file(lines, partner)


def main(argv):
    args = parse_args(argv, lines=5_000, rounds=3)
    with superuser_env() as env:
        with Stopwatch() as setup:
            partner, lines, wizard_file, generic_content = set_up(env, args.lines)
            # One small import of each first: what a running server has loaded already.
            small = lines[:20]
            wizard_import(env, partner, order_file(small))
            generic_import(env, generic_file(small, partner))
        runs = {
            "wizard": (lambda: wizard_import(env, partner, wizard_file), None),
            "generic import": (lambda: generic_import(env, generic_content), None),
            "create() alone": (lambda: plain_create(env, partner, lines), None),
            "wizard's lines": (
                lambda wizard, order: wizard._create_order_lines(order).order_id,
                lambda: wizard_lines_only(env, partner, wizard_file),
            ),
        }
        times = {name: [] for name in runs}
        for round_ in range(args.rounds):
            for name in list(runs)[:: 1 if round_ % 2 == 0 else -1]:
                order, seconds, cpu_seconds = measured(env, *runs[name])
                if len(order.order_line) != args.lines:
                    sys.exit(f"{name} created {len(order.order_line)} lines, not {args.lines}")
                times[name].append((seconds, cpu_seconds))
    sys.stdout.write(report(args, setup.seconds, times))


def report(args, setup_seconds, times):
    medians = {
        name: (statistics.median(t[0] for t in runs), statistics.median(t[1] for t in runs))
        for name, runs in times.items()
    }
    out = [
        f"setup: {PRODUCTS} products, a customer and the files in {setup_seconds:.1f} s (not measured)",
        f"{args.lines} lines, medians of {args.rounds} rounds (wall / CPU of this process):",
    ]
    for name, (seconds, cpu_seconds) in medians.items():
        out.append(
            f"  {name:<16} {seconds:7.2f} s / {cpu_seconds:6.2f} s CPU  "
            f"({args.lines / seconds:4.0f} lines/s, {args.lines / cpu_seconds:4.0f} lines/CPU s)"
        )
    wizard, generic, floor = medians["wizard"], medians["generic import"], medians["wizard's lines"]
    for label, index in (("wall", 0), ("CPU", 1)):
        rounds = ", ".join(
            f"{g[index] / w[index]:.2f}"
            for w, g in zip(times["wizard"], times["generic import"], strict=True)
        )
        out.append(
            f"speed-up over the generic import ({label}): {generic[index] / wizard[index]:.2f}x "
            f"(target {TARGET:.0f}x; rounds: {rounds}); at most {generic[index] / floor[index]:.2f}x "
            "with the lines created by core's create() (generic / wizard's lines)"
        )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main(sys.argv[1:])
