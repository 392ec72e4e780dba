#!/usr/bin/env bash
# Run every test of the addon with Odoo's own runner (--test-enable --test-tags '*/sale_assistant')
# in a throwaway database without demo data, and check that it runs as many tests as pytest collects:
# a test class Odoo's runner does not pick up (e.g. a plain unittest.TestCase) shows as a difference.
# Exits non-zero when a test fails or errors, or when the counts differ.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${ODOO_PYTHON:-python3}
MODULE=sale_assistant
DB="${MODULE}_runner_$$"
LOG=$(mktemp)
WORK=$(mktemp -d)
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    rm -rf "$LOG" "$WORK"
}
trap cleanup EXIT

psql -d postgres -XAtqc 'SELECT 1' >/dev/null 2>&1 \
    || { echo "error: PostgreSQL does not answer (make test starts it)." >&2; exit 2; }
# Odoo's loader follows symlinks: run from a copy, as the checkout's .build/ links back into it.
mkdir -p "$WORK/addons/$MODULE"
tar -C "$ROOT" --exclude=./.build --exclude=./.git --exclude='*.pyc' -cf - . | tar -C "$WORK/addons/$MODULE" -xf -
CORE=$("$PY" -c 'import os, odoo; r = os.path.dirname(odoo.__file__); print(",".join(p for p in (os.path.join(r, "addons"), os.path.normpath(os.path.join(r, "..", "addons"))) if os.path.isdir(p)))')
ADDONS_PATH="$CORE,$WORK/addons"

echo "== Odoo's test runner: --test-enable --test-tags '*/$MODULE' (database $DB, no demo data)"
rc=0
"$PY" -m odoo -d "$DB" --addons-path="$ADDONS_PATH" -i "$MODULE" --without-demo=all \
    --test-enable --test-tags "*/$MODULE,-/$MODULE:TestTours" --stop-after-init --log-level=info --logfile="$LOG" || rc=$?
summary=$(grep -E "error\(s\) of [0-9]+ tests when loading database" "$LOG" | tail -n 1 || true)
if [ -z "$summary" ]; then
    tail -n 40 "$LOG"
    echo "odoo runner: no test summary in the log (exit $rc)"
    exit 1
fi
grep -E " (ERROR|CRITICAL) .*(FAIL|ERROR):" "$LOG" | head -n 20 || true
ran=$(sed -E 's/.* of ([0-9]+) tests when loading database.*/\1/' <<<"$summary")
failed=$(sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of .*/\1/' <<<"$summary")
errors=$(sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of .*/\2/' <<<"$summary")

# The browser tours run under make test (pytest-odoo with --odoo-http); here they are left out.
collected=$(cd "$WORK/addons" && "$PY" -m pytest -p no:cacheprovider --collect-only -q \
    --odoo-database="$DB" --odoo-addons-path="$ADDONS_PATH" "$MODULE/tests" -k "not TestTours" 2>/dev/null \
    | grep -E '^[0-9]+(/[0-9]+)? tests? collected' | grep -oE '^[0-9]+' || true)

echo "odoo runner: $ran tests run, $failed failed, $errors errors; pytest collects ${collected:-?} tests besides the tours"
status=0
if [ "$failed" != 0 ] || [ "$errors" != 0 ] || [ "$rc" != 0 ]; then
    echo "odoo runner: FAILED"
    status=1
fi
# A test only one runner picks up (a plain unittest.TestCase, a method inherited from a mixin
# without allow_inherited_tests_method) shows as a difference.
if [ "$ran" != "${collected:-}" ]; then
    echo "odoo runner: FAILED, the counts differ (runner $ran, pytest ${collected:-?}): some tests run under only one of the two runners"
    status=1
fi
[ "$status" = 0 ] && echo "odoo runner: ok"
exit "$status"
