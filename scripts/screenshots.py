#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Take the README's screenshots (PNG, 1400x900) from a database with the addon's demo data.

    python3 scripts/screenshots.py --addons-path=<odoo addons>,.build/addons -d sale_assistant_demo

It serves the database with Odoo on a free local port, logs in as the demo users (password =
login) in headless Chromium, and writes static/description/screenshot_<screen>_<lang>.png in
English (en) and Traditional Chinese (zh_TW). Re-running it refreshes them. It changes the demo
users' language while it works and puts it back; it may add a monthly complaint analysis and
leaves the wizards it opens (import, portfolio transfer) to Odoo's cleanup of transient records.
"""

import argparse
import base64
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import requests
import websocket

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1400, 900
LANGS = {"en": "en_US", "zh_TW": "zh_TW"}
DEMO_USERS = ["sa_manager", "sa_amy", "sa_ben", "sa_cindy", "sa_david", "sa_eva"]
ORDER_SHEET = (
    "PO Number,Item No,Description,Qty,Unit Price\n"
    "FO-PO-2026-140,FO-LAMP-01,Camping lantern,400,18.50\n"
    "FO-PO-2026-140,TOT-050,Canvas tote,1200,4.20\n"
    "FO-PO-2026-140,FO-NEW-99,Folding chair,60,12.00\n"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Odoo:
    """An Odoo server on the demo database, and XML-RPC as any demo user."""

    def __init__(self, python, addons_path, db):
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                python,
                "-m",
                "odoo",
                f"--addons-path={addons_path}",
                "-d",
                db,
                f"--db-filter=^{db}$",
                f"--http-port={self.port}",
                "--workers=0",
                "--max-cron-threads=0",
                "--log-level=warn",
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(120):
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{self.url}/web/login", timeout=5).ok:
                    return
            if self.process.poll() is not None:
                sys.exit("error: Odoo stopped while starting; is the database name right?")
            time.sleep(1)
        sys.exit("error: Odoo did not answer within 2 minutes.")

    def stop(self):
        self.process.terminate()
        self.process.wait(30)

    def call(self, login, model, method, *args, **kwargs):
        uid = self._rpc("common", "login", self.db, login, login)
        if not uid:
            sys.exit(f"error: cannot log in as {login} (password = login): is this a demo database?")
        return self._rpc("object", "execute_kw", self.db, uid, login, model, method, list(args), kwargs)

    def _rpc(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
        }
        answer = requests.post(f"{self.url}/jsonrpc", json=payload, timeout=300).json()
        if "error" in answer:
            sys.exit(f"error: {method} {args[3:5]}: {answer['error']['data']['message']}")
        return answer.get("result")

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        found = self.call(
            "admin",
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        if not found:
            sys.exit(f"error: {xmlid} is missing: the database needs the addon's demo data.")
        return found[0]["res_id"]

    def session_id(self, login):
        response = requests.post(
            f"{self.url}/web/session/authenticate",
            json={"jsonrpc": "2.0", "params": {"db": self.db, "login": login, "password": login}},
            timeout=30,
        )
        return response.cookies["session_id"]


class Chromium:
    """Headless Chromium driven through its DevTools protocol."""

    def __init__(self):
        binary = next(
            filter(None, map(shutil.which, ["chromium", "chromium-browser", "google-chrome"])), None
        )
        if not binary:
            sys.exit("error: Chromium is not installed (Debian: apt-get install chromium fonts-wqy-zenhei).")
        self.profile = tempfile.mkdtemp(prefix="sa_screens_")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        # Chromium may take a while to start on a busy machine.
        for _ in range(600):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        page = next(
            t
            for t in requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
            if t["type"] == "page"
        )
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.ids = iter(range(1, 10**9))
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def send(self, method, **params):
        request_id = next(self.ids)
        self.ws.send(json.dumps({"id": request_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == request_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}...: {result['exceptionDetails']}")
        return result["result"].get("value")

    def login(self, odoo, login):
        self.send("Network.clearBrowserCookies")
        self.send("Network.setCookie", name="session_id", value=odoo.session_id(login), url=odoo.url)

    def open(self, url, ready, then=None, then_ready=None):
        self.send("Page.navigate", url=url)
        self._wait_ready(ready)
        if then:
            self.evaluate(then)
            self._wait_ready(then_ready)

    def _wait_ready(self, selector):
        check = (
            f"document.readyState === 'complete' && !!document.querySelector({json.dumps(selector)})"
            " && !document.querySelector('.o_loading_indicator, .o_blockUI')"
        )
        for _ in range(900):
            with contextlib.suppress(RuntimeError):
                if self.evaluate(check):
                    time.sleep(1.0)  # let fonts, avatars and animations settle
                    return
            time.sleep(0.1)
        raise RuntimeError(f"{selector} did not show within 90 seconds")

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def stop(self):
        with contextlib.suppress(Exception):
            self.ws.close()
        self.process.terminate()
        self.process.wait(30)
        shutil.rmtree(self.profile, ignore_errors=True)


def open_record_in_dialog(action_xmlid, res_id):
    """JavaScript that opens a record of a dialog action (a wizard) in the running web client."""
    return (
        f"odoo.__WOWL_DEBUG__.root.env.services.action.doAction({json.dumps(action_xmlid)}, "
        f"{{props: {{resId: {int(res_id)}}}}}).then(() => new Promise((r) => setTimeout(r, 500)))"
    )


def click(selector):
    return f"document.querySelector({json.dumps(selector)}).click()"


def prepare(odoo, lang):
    """Records the screens show that demo data does not have: a month's analysis, an import preview,
    a portfolio transfer about to be confirmed."""
    first_of_last_month = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    analyses = odoo.call(
        "sa_manager", "sale.complaint.analysis", "search", [("month", "=", first_of_last_month.isoformat())]
    )
    if not analyses:
        analyses = [
            odoo.call(
                "sa_manager", "sale.complaint.analysis", "create", {"month": first_of_last_month.isoformat()}
            )
        ]
    odoo.call("sa_manager", "sale.complaint.analysis", "action_compute", analyses[:1])

    wizard_fields = odoo.call("sa_cindy", "sale.order.import", "fields_get", attributes=["type"])
    values = {
        "partner_id": odoo.ref("sale_assistant.demo_customer_formosa"),
        "file": base64.b64encode(ORDER_SHEET.encode()).decode(),
        "filename": "formosa_order.csv",
    }
    if "user_id" in wizard_fields:  # the salesperson the assistant imports for
        values["user_id"] = odoo.ref("sale_assistant.demo_user_amy")
    # Read in the screen's language: the preview stores how each line was matched as text.
    context = {"lang": lang}
    wizard = odoo.call("sa_cindy", "sale.order.import", "create", values, context=context)
    odoo.call("sa_cindy", "sale.order.import", "action_read_file", [wizard], context=context)
    # The team manager's transfer of Amy's portfolio to two salespeople, before confirming.
    transfer_wizard = odoo.call(
        "sa_manager",
        "sale.protection.transfer.wizard",
        "create",
        {
            "from_user_id": odoo.ref("sale_assistant.demo_user_amy"),
            "to_user_ids": [
                (6, 0, [odoo.ref("sale_assistant.demo_user_ben"), odoo.ref("sale_assistant.demo_user_frank")])
            ],
            "reason": "Amy moves to the Europe desk" if lang == "en_US" else "Amy 調往歐洲組",
        },
        context=context,
    )
    return analyses[0], wizard, transfer_wizard


def screens(odoo, analysis, wizard, transfer_wizard):
    """(name, login, url path, selector the page is ready with, JavaScript to run then, selector
    the screen is ready with then)."""
    quotations = "/odoo/action-sale.action_quotations_with_onboarding"
    return [
        (
            "quotation_on_behalf",
            "sa_cindy",
            f"{quotations}/{odoo.ref('sale_assistant.demo_order_cindy_amy')}",
            ".o_form_view .o_field_widget[name=partner_id]",
            None,
            None,
        ),
        (
            "customers_factories",
            "sa_amy",
            "/odoo/action-sale_assistant.res_partner_action_sale_assistant",
            ".o_view_controller .o_data_row, .o_view_controller .o_kanban_record",
            None,
            None,
        ),
        (
            "samples_kanban",
            "sa_cindy",
            "/odoo/action-sale_assistant.sale_sample_action?view_type=kanban",
            ".o_kanban_view .o_kanban_record",
            None,
            None,
        ),
        (
            "complaint_form",
            "sa_amy",
            f"/odoo/action-sale_assistant.sale_complaint_action/{odoo.ref('sale_assistant.demo_complaint_01')}",
            ".o_form_view .o-mail-Chatter",
            None,
            None,
        ),
        (
            "complaint_analysis",
            "sa_manager",
            f"/odoo/action-sale_assistant.sale_complaint_analysis_action/{analysis}",
            ".o_form_view .o_field_widget[name=top_category_id]",
            None,
            None,
        ),
        (
            "import_preview",
            "sa_cindy",
            quotations,
            ".o_list_view",
            open_record_in_dialog("sale_assistant.sale_order_import_action", wizard),
            ".modal .o_field_widget[name=line_ids] .o_data_row",
        ),
        (
            "contact_log",
            "sa_cindy",
            "/odoo/action-sale_assistant.sale_customer_contact_action",
            ".o_list_view .o_data_row",
            None,
            None,
        ),
        (
            "callbacks",
            "sa_ben",
            "/odoo/action-sale_assistant.sale_customer_callback_action",
            ".o_view_controller .o_data_row",
            None,
            None,
        ),
        (
            "business_trip",
            "sa_cindy",
            f"/odoo/action-sale_assistant.sale_business_trip_action/{odoo.ref('sale_assistant.demo_business_trip_ben')}",
            ".o_form_view .o-mail-Chatter",
            None,
            None,
        ),
        (
            "receivables",
            "sa_amy",
            "/odoo/action-sale_assistant.sale_receivable_line_action",
            ".o_view_controller .o_data_row, .o_view_controller .o_pivot",
            None,
            None,
        ),
        (
            "my_day",
            "sa_cindy",
            "/odoo/action-sale_assistant.sale_work_diary_action",
            ".o_form_view",
            None,
            None,
        ),
        (
            "survey_wave",
            "sa_manager",
            f"/odoo/action-sale_assistant.sale_survey_wave_action/{odoo.ref('sale_assistant.demo_sale_survey_wave_2')}",
            ".o_form_view .o-mail-Chatter, .o_form_view .o_form_sheet",
            None,
            None,
        ),
        (
            "survey_not_answered",
            "sa_cindy",
            "/odoo/action-sale_assistant.sale_survey_invitation_action_not_answered",
            ".o_view_controller .o_data_row, .o_view_controller .o_view_nocontent",
            None,
            None,
        ),
        (
            "followup_board",
            "sa_cindy",
            "/odoo/action-sale_assistant.sale_followup_plan_action",
            ".o_view_controller .o_kanban_record, .o_view_controller .o_data_row",
            None,
            None,
        ),
        (
            "shipment_booking",
            "sa_amy",
            f"/odoo/action-sale_assistant.sale_shipment_booking_action/{odoo.ref('sale_assistant.demo_shipment_booking_formosa')}",
            ".o_form_view .o-mail-Chatter",
            None,
            None,
        ),
        (
            "assignments",
            "sa_manager",
            "/odoo/action-sale_assistant.sale_assistant_assignment_action",
            ".o_view_controller .o_data_row",
            None,
            None,
        ),
        (
            "protection_settings",
            "admin",
            "/odoo/action-sale.action_sale_config_settings",
            "[name=sale_protect_customers]",
            "document.querySelector('[name=sale_protect_customers]').scrollIntoView({block: 'center'})",
            "[name=sale_protect_customers]",
        ),
        (
            "followup_inspection",
            "sa_cindy",
            f"/odoo/action-sale_assistant.sale_followup_inspection_action/{odoo.ref('sale_assistant.demo_followup_inspection_lantern')}",
            ".o_form_view .o_form_sheet",
            None,
            None,
        ),
        (
            "survey_campaign",
            "sa_manager",
            f"/odoo/action-sale_assistant.sale_survey_campaign_action/{odoo.ref('sale_assistant.demo_sale_survey_campaign')}",
            ".o_form_view .o_form_sheet",
            None,
            None,
        ),
        (
            "customer_form",
            "sa_amy",
            f"/odoo/action-sale_assistant.res_partner_action_sale_assistant/{odoo.ref('sale_assistant.demo_customer_formosa')}",
            ".o_form_view .o_notebook_headers",
            click(".o_notebook_headers a[name=sales_purchases]"),
            ".o_field_widget[name=user_id]",
        ),
        (
            "public_pool",
            "sa_amy",
            "/odoo/action-sale_assistant.res_partner_action_pool",
            ".o_view_controller .o_data_row, .o_view_controller .o_kanban_record",
            None,
            None,
        ),
        (
            "transfer_request",
            "sa_manager",
            f"/odoo/action-sale_assistant.sale_protection_transfer_request_action/{odoo.ref('sale_assistant.demo_protection_request_harbour')}",
            ".o_form_view .o-mail-Chatter",
            None,
            None,
        ),
        (
            "portfolio_transfer",
            "sa_manager",
            f"/odoo/action-sale_assistant.sale_protection_transfer_action/{odoo.ref('sale_assistant.demo_protection_transfer_frank')}",
            ".o_form_view .o_form_sheet",
            None,
            None,
        ),
        (
            "portfolio_transfer_wizard",
            "sa_manager",
            quotations,
            ".o_list_view",
            open_record_in_dialog("sale_assistant.sale_protection_transfer_wizard_action", transfer_wizard),
            ".modal .o_field_widget[name=preview_customer]",
        ),
        (
            "order_checks",
            "sa_cindy",
            f"{quotations}/{odoo.ref('sale_assistant.demo_order_checked')}",
            ".o_form_view .o_notebook_headers",
            click(".o_notebook_headers a[name=order_checks]"),
            ".o_field_widget[name=check_finding_ids] .o_data_row",
        ),
    ]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("-d", "--database", required=True, help="a database with the addon's demo data")
    parser.add_argument("--out", default=str(ROOT / "static" / "description"))
    parser.add_argument("--python", default=os.environ.get("ODOO_PYTHON", sys.executable))
    parser.add_argument("--only", help="comma-separated screen names: only those")
    args = parser.parse_args()

    odoo = Odoo(args.python, args.addons_path, args.database)
    browser = None
    users = odoo.call(
        "admin", "res.users", "search_read", [("login", "in", [*DEMO_USERS, "admin"])], fields=["lang"]
    )
    try:
        browser = Chromium()
        for suffix, lang in LANGS.items():
            prepared = prepare(odoo, lang)
            for user in users:
                odoo.call("admin", "res.users", "write", [user["id"]], {"lang": lang})
            for name, login, path, ready, then, then_ready in screens(odoo, *prepared):
                if args.only and name not in args.only.split(","):
                    continue
                browser.login(odoo, login)
                browser.open(odoo.url + path, ready, then, then_ready)
                target = Path(args.out, f"screenshot_{name}_{suffix}.png")
                browser.screenshot(target)
                sys.stdout.write(
                    f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}\n"
                )
    finally:
        for user in users:
            odoo.call("admin", "res.users", "write", [user["id"]], {"lang": user["lang"]})
        if browser:
            browser.stop()
        odoo.stop()


if __name__ == "__main__":
    main()
