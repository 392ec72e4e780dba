#!/usr/bin/env python3
"""Run Odoo's own tests of sale, sales_team and sale_management in a database where
sale_assistant is installed, and compare the failures with the known ones.

Usage: python3 scripts/core_tests.py --addons-path=... -d DATABASE [--protect-customers]
       [--modules=account,mail] [pytest arguments]

--protect-customers switches the addon's customer protection on in the database for the run (and
back off afterwards): core's flows must also pass when partners are protected.
--modules replaces the modules whose tests run (default: sale, sales_team, sale_management).

The addon overrides order create, write and confirmation: core's flows must still pass with it.
pytest-odoo runs every test of those modules (at_install and post_install alike) in the registry
with the addon loaded. A failure is accepted only when .ci/core-known-failures.txt lists it,
with the reason (it fails without the addon too); a listed failure that passes is reported, so
the list stays true. Exits non-zero on any other failure.
"""

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("sale", "sales_team", "sale_management")
KNOWN_FAILURES = ROOT / ".ci" / "core-known-failures.txt"


def _say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def known_failures():
    """{test id: reason} from the file: one "test id  # reason" a line."""
    known = {}
    for line in KNOWN_FAILURES.read_text().splitlines():
        test_id, _, reason = line.partition("#")
        if test_id.strip():
            known[test_id.strip()] = reason.strip()
    return known


def module_paths(addons_path, modules):
    paths = []
    for module in modules:
        for folder in addons_path.split(","):
            tests = Path(folder) / module / "tests"
            if tests.is_dir():
                paths.append(tests)
                break
        else:
            sys.exit(f"the tests of {module} are not in the addons path {addons_path}")
    return paths


def test_id(case, roots):
    """module/tests/test_file.py::Class::test, from a junit testcase."""
    classname = case.get("classname", "")
    parts = classname.split(".")
    for index, part in enumerate(parts):
        if part == "tests" and index:
            module, rest = parts[index - 1], parts[index + 1 :]
            return f"{module}/tests/{rest[0]}.py::{'::'.join(rest[1:] + [case.get('name')])}"
    return f"{classname}::{case.get('name')}"


def protect_customers(addons_path, database, on):
    """Switch the setting in the database, committed, as an administrator would."""
    script = (
        "import odoo, sys\n"
        "from odoo.tools import config\n"
        "config.parse_config(['--addons-path=' + sys.argv[1], '-d', sys.argv[2]])\n"
        "with odoo.modules.registry.Registry(sys.argv[2]).cursor() as cr:\n"
        "    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})\n"
        "    env['res.config.settings'].create({'sale_protect_customers': sys.argv[3] == '1'}).execute()\n"
    )
    subprocess.run([sys.executable, "-c", script, addons_path, database, "1" if on else "0"], check=True)


def main(argv):
    addons_path = next(arg.split("=", 1)[1] for arg in argv if arg.startswith("--addons-path="))
    database = argv[argv.index("-d") + 1]
    protect = "--protect-customers" in argv
    modules = next((arg.split("=", 1)[1].split(",") for arg in argv if arg.startswith("--modules=")), MODULES)
    extra = [
        arg
        for arg in argv
        if not arg.startswith(("--addons-path=", "--modules="))
        and arg not in ("-d", database, "--protect-customers")
    ]
    if protect:
        protect_customers(addons_path, database, True)
    try:
        return run(addons_path, database, modules, extra, protect)
    finally:
        if protect:
            protect_customers(addons_path, database, False)


def run(addons_path, database, modules, extra, protect):
    paths = module_paths(addons_path, modules)
    with tempfile.TemporaryDirectory() as tmp:
        # pytest puts the folder holding the modules first in sys.path: a folder of links to
        # only these modules, or core's `calendar` addon would hide Python's calendar module.
        links = Path(tmp) / "addons"
        links.mkdir()
        for tests in paths:
            (links / tests.parent.name).symlink_to(tests.parent)
        report = Path(tmp) / "core.xml"
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "--tb=line",
            f"--odoo-database={database}",
            f"--odoo-addons-path={addons_path}",
            "--odoo-http",
            f"--junitxml={report}",
            f"--rootdir={links}",
            *(f"{tests.parent.name}/tests" for tests in paths),
            *extra,
        ]
        subprocess.run(command, cwd=links, check=False)
        if not report.exists():
            sys.exit("pytest wrote no report: the core tests did not run")
        cases = list(ET.parse(report).getroot().iter("testcase"))
    failed = {
        test_id(case, paths)
        for case in cases
        if case.find("failure") is not None or case.find("error") is not None
    }
    known = known_failures()
    new = sorted(failed - set(known))
    # A listed failure of a module not run this time did not pass: it did not run.
    fixed = sorted(name for name in set(known) - failed if name.split("/", 1)[0] in modules)
    setting = " with customer protection on" if protect else ""
    _say(f"core tests of {', '.join(modules)}{setting}: {len(cases)} run, {len(failed)} failed")
    for name in sorted(failed & set(known)):
        _say(f"  known failure (fails without sale_assistant too): {name}  # {known[name]}")
    for name in fixed:
        _say(f"  listed as a known failure but passed: {name} (remove it from {KNOWN_FAILURES.name})")
    if new:
        _say("  FAILED with the addon, not a known core failure:")
        for name in new:
            _say(f"    {name}")
        return 1
    if not cases:
        _say("  no test ran: that is a failure")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
