#!/usr/bin/env bash
# The addon's two development commands (see README.md, "Development"):
#   scripts/dev.sh run    serve Odoo 18 with this addon and its demo data on http://localhost:8069
#   scripts/dev.sh test   install the addon in a throwaway database and run the pytest-odoo suite
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/.build"
PY=${ODOO_PYTHON:-python3}
MODULE=sale_assistant
HTTP_PORT=${ODOO_HTTP_PORT:-8069}

die() {
    echo "error: $*" >&2
    exit 2
}

require_odoo() {
    if ! "$PY" -c 'import sys, odoo; sys.exit(odoo.release.version_info[0] != 18)' >/dev/null 2>&1; then
        die "Odoo 18 is not importable by '$PY' (set ODOO_PYTHON to a Python that has it); see README.md, section \"Development\"."
    fi
}

postgres_ready() {
    psql -d postgres -XAtqc 'SELECT 1' >/dev/null 2>&1
}

# Start the machine's PostgreSQL cluster when none answers, and give the current OS user a role.
ensure_postgres() {
    postgres_ready && return 0
    command -v pg_lsclusters >/dev/null 2>&1 || die "no PostgreSQL server is reachable and none is installed (PostgreSQL >= 13 is needed); see README.md, section \"Development\"."
    local version name
    read -r version name _ < <(pg_lsclusters --no-header | head -n 1) || die "no PostgreSQL cluster is configured on this machine."
    if [ "$(id -u)" -eq 0 ]; then
        pg_ctlcluster "$version" "$name" start >/dev/null 2>&1 || true
    else
        pg_ctlcluster "$version" "$name" start >/dev/null 2>&1 || die "PostgreSQL is stopped and cannot be started as $(id -un); start it and retry."
    fi
    for _ in $(seq 1 30); do
        pg_isready -q && break
        sleep 1
    done
    local me
    me=$(id -un)
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -c "psql -XAtqc \"SELECT 1 FROM pg_roles WHERE rolname = '$me'\"" | grep -q 1 \
            || su postgres -c "createuser --superuser '$me'"
    fi
    postgres_ready || die "PostgreSQL does not accept connections for role '$(id -un)'."
}

# Odoo imports the addon as odoo.addons.sale_assistant, whatever the checkout folder is called.
prepare_addons_path() {
    mkdir -p "$BUILD/addons"
    ln -sfn "$ROOT" "$BUILD/addons/$MODULE"
    local core
    core=$("$PY" - <<'PY'
import os
import odoo
root = os.path.dirname(os.path.abspath(odoo.__file__))
paths = [os.path.join(root, "addons")]
sibling = os.path.normpath(os.path.join(root, "..", "addons"))
if os.path.isdir(sibling):
    paths.append(sibling)
print(",".join(paths))
PY
)
    ADDONS_PATH="$core,$BUILD/addons"
}

db_exists() {
    [ "$(psql -d postgres -XAtqc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

odoo() {
    "$PY" -m odoo --addons-path="$ADDONS_PATH" --db-filter="^$1\$" -d "$@"
}

# Fail when the install log has a WARNING, ERROR or CRITICAL line, and show those lines.
check_install_log() {
    local log=$1 bad
    bad=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$log" || true)
    if [ -n "$bad" ]; then
        echo "install-log check: FAILED, installing $MODULE logged:"
        echo "$bad"
        return 1
    fi
    echo "install-log check: ok (no WARNING or ERROR while installing $MODULE)"
}

cmd_run() {
    require_odoo
    ensure_postgres
    prepare_addons_path
    local db=${SALE_ASSISTANT_DB:-sale_assistant_demo} mode=-i
    db_exists "$db" && mode=-u
    cat <<EOF
Database: $db  (http://localhost:$HTTP_PORT/web/login)
Demo logins (password = login):
  admin            Administrator
  sa_manager       Mona Lin, team manager (User: Team Documents)
  sa_amy           Amy Chen, salesperson
  sa_ben           Ben Wang, salesperson
  sa_cindy         Cindy Wu, assistant serving Amy and Ben
  sa_david         David Lee, assistant serving Amy
  sa_eva           Eva Hsu, assistant serving nobody yet
EOF
    exec "$PY" -m odoo --addons-path="$ADDONS_PATH" --db-filter="^$db\$" -d "$db" \
        "$mode" "$MODULE" --http-port="$HTTP_PORT"
}

cmd_test() {
    require_odoo
    ensure_postgres
    "$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements-test.txt" \
        || die "could not install the test requirements (requirements-test.txt)."
    prepare_addons_path
    local db="${MODULE}_test_$$" log="$BUILD/install.log" status=0
    # shellcheck disable=SC2064
    trap "dropdb --if-exists '$db' >/dev/null 2>&1 || true" EXIT
    mkdir -p "$BUILD"
    echo "== install $MODULE with demo data into throwaway database $db"
    rm -f "$log"
    odoo "$db" -i "$MODULE" --stop-after-init --log-level=info --logfile="$log" \
        || { tail -n 40 "$log"; die "installing $MODULE failed (log: $log)."; }
    check_install_log "$log" || status=1

    echo "== pytest-odoo"
    local rc=0
    (cd "$BUILD/addons" && "$PY" -m pytest -p no:cacheprovider --rootdir="$BUILD/addons" \
        --odoo-database="$db" --odoo-addons-path="$ADDONS_PATH" \
        "$MODULE/tests" "$@") || rc=$?
    if [ "$rc" -eq 5 ]; then
        echo "pytest collected no test: that is a failure."
        status=1
    elif [ "$rc" -ne 0 ]; then
        status=1
    fi

    echo "== uninstall $MODULE"
    local ulog="$BUILD/uninstall.log"
    if "$PY" "$ROOT/scripts/uninstall_check.py" --addons-path="$ADDONS_PATH" -d "$db" >"$ulog" 2>&1; then
        echo "uninstall check: ok"
    else
        echo "uninstall check: FAILED"
        tail -n 40 "$ulog"
        status=1
    fi
    return "$status"
}

case "${1:-}" in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    *) echo "usage: $0 run|test [pytest arguments]" >&2; exit 2 ;;
esac
