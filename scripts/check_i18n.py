#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Check the translation files: every term of i18n/sale_assistant.pot translated in each i18n/*.po,
none fuzzy, placeholders kept; with --fresh-pot, also that the committed .pot matches a fresh export
(scripts/i18n_export.sh --check makes that export). Exits 1 on any problem, listing them."""

import argparse
import glob
import importlib.util
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _load_checks():
    # tools/i18n_check.py is plain Python: load it by path, without importing Odoo or the addon.
    spec = importlib.util.spec_from_file_location("i18n_check", os.path.join(ROOT, "tools", "i18n_check.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    checks = _load_checks()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pot", default=os.path.join(checks.I18N_DIR, checks.POT_NAME))
    parser.add_argument("--fresh-pot", help="a .pot just exported from the code")
    parser.add_argument("--stale-only", action="store_true", help="only compare the .pot with --fresh-pot")
    parser.add_argument("--merge", action="store_true", help="first merge the .pot into every .po")
    args = parser.parse_args()

    pot = checks.load(args.pot)
    status = 0
    if args.merge:
        for path in sorted(glob.glob(os.path.join(os.path.dirname(args.pot), "*.po"))):
            checks.merge(pot, checks.load(path)).save(path)
            print(f"i18n: merged the .pot into {os.path.basename(path)}")
    if args.fresh_pot:
        added, removed = checks.stale_terms(pot, checks.load(args.fresh_pot))
        for msgid in added:
            print(f"stale .pot: new term in the code: {msgid[:100]!r}")
        for msgid in removed:
            print(f"stale .pot: term no longer in the code: {msgid[:100]!r}")
        if added or removed:
            print(
                f"i18n: the .pot is stale ({len(added)} new, {len(removed)} gone): run scripts/i18n_export.sh"
            )
            status = 1
        else:
            print(f"i18n: the .pot is up to date ({len(pot)} terms)")
    if args.stale_only:
        return status

    for lang in checks.LANGUAGES:
        path = os.path.join(os.path.dirname(args.pot), f"{lang}.po")
        if not os.path.exists(path):
            print(f"i18n: {path} is missing")
            status = 1
    for path in sorted(glob.glob(os.path.join(os.path.dirname(args.pot), "*.po"))):
        problems = checks.po_problems(pot, checks.load(path))
        for problem in problems:
            print(f"{os.path.basename(path)}: {problem}")
        verdict = f"{len(problems)} problems" if problems else "complete"
        print(f"i18n: {os.path.basename(path)}: {verdict}")
        status = status or int(bool(problems))
    return status


if __name__ == "__main__":
    sys.exit(main())
