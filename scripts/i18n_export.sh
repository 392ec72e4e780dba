#!/usr/bin/env bash
# Translations of the addon (README.md, "Development"):
#   scripts/i18n_export.sh          regenerate i18n/sale_assistant.pot with Odoo's own export and merge it
#                                   into every i18n/*.po (new terms arrive empty, vanished ones are dropped)
#   scripts/i18n_export.sh --check  export into a temporary file and fail when its terms differ from the
#                                   committed .pot (the .pot is stale against the code)
# Then `python3 scripts/check_i18n.py` lists what is untranslated, fuzzy or broken.
#
# The export runs in a throwaway database, without demo data, from a copy of the addon: Odoo's code scan
# follows symlinks, and the checkout's .build/addons/sale_assistant link points back into the checkout.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${ODOO_PYTHON:-python3}
MODULE=sale_assistant
POT="$ROOT/i18n/$MODULE.pot"
MODE=${1:-export}

case "$MODE" in
    export | --check) ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

"$PY" -c 'import odoo' 2>/dev/null || { echo "error: Odoo 18 is not importable by '$PY'." >&2; exit 2; }
psql -d postgres -XAtqc 'SELECT 1' >/dev/null 2>&1 \
    || { echo "error: PostgreSQL does not answer (make test starts it)." >&2; exit 2; }

WORK=$(mktemp -d)
DB="${MODULE}_i18n_$$"
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/addons/$MODULE"
tar -C "$ROOT" --exclude=./.build --exclude=./.git --exclude='*.pyc' -cf - . | tar -C "$WORK/addons/$MODULE" -xf -
CORE=$("$PY" -c 'import os, odoo; r = os.path.dirname(odoo.__file__); print(",".join(p for p in (os.path.join(r, "addons"), os.path.normpath(os.path.join(r, "..", "addons"))) if os.path.isdir(p)))')
ADDONS_PATH="$CORE,$WORK/addons"

"$PY" -m odoo -d "$DB" --addons-path="$ADDONS_PATH" -i "$MODULE" --without-demo=all \
    --stop-after-init --log-level=warn --logfile="$WORK/install.log" \
    || { tail -n 30 "$WORK/install.log"; echo "error: installing $MODULE for the export failed." >&2; exit 1; }
"$PY" -m odoo -d "$DB" --addons-path="$ADDONS_PATH" --i18n-export="$WORK/$MODULE.pot" \
    --modules="$MODULE" --stop-after-init --log-level=warn --logfile="$WORK/export.log" \
    || { tail -n 30 "$WORK/export.log"; echo "error: exporting the terms of $MODULE failed." >&2; exit 1; }

if [ "$MODE" = --check ]; then
    exec "$PY" "$ROOT/scripts/check_i18n.py" --pot "$POT" --fresh-pot "$WORK/$MODULE.pot" --stale-only
fi

cp "$WORK/$MODULE.pot" "$POT"
# Merge into every .po and list what is left to translate (exit 0: translating comes next).
"$PY" "$ROOT/scripts/check_i18n.py" --pot "$POT" --merge || true
