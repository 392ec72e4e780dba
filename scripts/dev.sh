#!/usr/bin/env bash
# The addon's two development commands (see README.md, "Development"):
#   scripts/dev.sh run    serve Odoo 18 with this addon and its demo data on http://localhost:8069
#   scripts/dev.sh test   install the addon in a throwaway database and run the pytest-odoo suite
#                         (SALE_ASSISTANT_WITHOUT_DEMO=1: install it without demo data)
#   scripts/dev.sh core-tests   run Odoo's own tests of sale, sales_team and sale_management
#                         in a throwaway database with the addon (scripts/core_tests.py)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CALLER_PWD=$PWD
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

# The browser tours (tests/test_tours.py) need Chromium, and a CJK font for the Chinese screens.
ensure_browser() {
    local chrome
    chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
    if [ -n "$chrome" ] && fc-list :lang=zh 2>/dev/null | grep -q .; then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        die "the browser tours need Chromium and a CJK font: install them (Debian: apt-get install chromium fonts-wqy-zenhei) and retry."
    fi
    echo "== install Chromium and a CJK font for the browser tours (apt-get)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei; } >/dev/null 2>&1 \
        || die "could not install Chromium and a CJK font (apt-get install chromium fonts-wqy-zenhei failed): the browser tours cannot run."
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
  sa_cindy         Cindy Wu, assistant serving Amy and Ben (works in Traditional Chinese)
  sa_david         David Lee, assistant serving Amy
  sa_eva           Eva Hsu, assistant serving nobody yet
EOF
    exec "$PY" -m odoo --addons-path="$ADDONS_PATH" --db-filter="^$db\$" -d "$db" \
        "$mode" "$MODULE" --http-port="$HTTP_PORT"
}

# pytest arguments: a path of the checkout (tests/test_x.py, from the current folder or the
# addon's) becomes its path under the build folder, where pytest runs; other arguments pass as
# they are. FULL_RUN is 1 when no path nor -k/-m narrows the run (then it is the whole suite).
pytest_args() {
    PYTEST_ARGS=()
    FULL_RUN=1
    local arg path rest absolute base previous="" paths=0 root_real
    root_real=$(cd "$ROOT" && pwd -P)
    for arg in "$@"; do
        path=${arg%%::*}
        rest=${arg#"$path"}
        absolute=""
        if [ "$previous" != -k ] && [ "$previous" != -m ] && [ "${arg#-}" = "$arg" ]; then
            for base in "$CALLER_PWD/" "$ROOT/"; do
                case "$path" in /*) base="" ;; esac
                if [ -e "$base$path" ]; then
                    absolute=$(cd "$(dirname "$base$path")" && pwd -P)/$(basename "$path")
                    break
                fi
            done
        fi
        if [ -n "$absolute" ] && [ "${absolute#"$root_real"/}" != "$absolute" ]; then
            PYTEST_ARGS+=("$MODULE/${absolute#"$root_real"/}$rest")
            paths=1
        else
            PYTEST_ARGS+=("$arg")
        fi
        case "$arg" in -k | -m | -k* | -m*) FULL_RUN=0 ;; esac
        previous=$arg
    done
    if [ "$paths" -eq 1 ]; then
        FULL_RUN=0
    else
        PYTEST_ARGS=("$MODULE/tests" "${PYTEST_ARGS[@]}")
    fi
}

# A whole run must run about as many tests as the last known count (.ci/test-count, a few less
# allowed): a test module that silently stops being collected fails it.
check_test_count() {
    local expected count
    expected=$(grep -Eo '^[0-9]+' "$ROOT/.ci/test-count" | head -n 1)
    count=$("$PY" -c 'import sys, xml.etree.ElementTree as ET
print(sum(1 for _ in ET.parse(sys.argv[1]).getroot().iter("testcase")))' "$1") || count=0
    if [ "$count" -lt $((expected - 5)) ]; then
        echo "test count: FAILED, $count tests ran, the last known count is $expected (.ci/test-count)"
        return 1
    fi
    echo "test count: ok ($count tests ran, the last known count is $expected)"
}

cmd_test() {
    require_odoo
    ensure_postgres
    "$PY" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements-test.txt" \
        || die "could not install the test requirements (requirements-test.txt)."
    ensure_browser
    prepare_addons_path
    local db="${MODULE}_test_$$" log="$BUILD/install.log" status=0 demo=() data="with demo data"
    if [ -n "${SALE_ASSISTANT_WITHOUT_DEMO:-}" ]; then
        demo=(--without-demo=all)
        data="without demo data"
    fi
    # shellcheck disable=SC2064
    trap "dropdb --if-exists '$db' >/dev/null 2>&1 || true" EXIT
    mkdir -p "$BUILD"
    echo "== install $MODULE $data into throwaway database $db"
    rm -f "$log"
    odoo "$db" -i "$MODULE" "${demo[@]}" --stop-after-init --log-level=info --logfile="$log" \
        || { tail -n 40 "$log"; die "installing $MODULE failed (log: $log)."; }
    check_install_log "$log" || status=1

    echo "== pytest-odoo"
    local rc=0 report="$BUILD/pytest.xml"
    pytest_args "$@"
    rm -f "$report"
    (cd "$BUILD/addons" && "$PY" -m pytest -p no:cacheprovider --rootdir="$BUILD/addons" \
        --odoo-database="$db" --odoo-addons-path="$ADDONS_PATH" --odoo-http --junitxml="$report" \
        "${PYTEST_ARGS[@]}") || rc=$?
    if [ "$rc" -eq 5 ]; then
        echo "pytest collected no test: that is a failure."
        status=1
    elif [ "$rc" -ne 0 ]; then
        status=1
    fi
    if [ "$FULL_RUN" -eq 1 ]; then
        check_test_count "$report" || status=1
    fi

    echo "== uninstall $MODULE"
    local ulog="$BUILD/uninstall.log"
    if "$PY" "$ROOT/scripts/uninstall_check.py" --addons-path="$ADDONS_PATH" -d "$db" >"$ulog" 2>&1; then
        echo "uninstall check: ok ($(tail -n 1 "$ulog"))"
    else
        echo "uninstall check: FAILED"
        tail -n 40 "$ulog"
        status=1
    fi
    return "$status"
}

# Odoo's own tests of sale, sales_team and sale_management with the addon installed; failures
# that core has without the addon too are listed in .ci/core-known-failures.txt.
cmd_core_tests() {
    require_odoo
    ensure_postgres
    ensure_browser
    prepare_addons_path
    local db="${MODULE}_core_$$" log="$BUILD/core-install.log"
    # shellcheck disable=SC2064
    trap "dropdb --if-exists '$db' >/dev/null 2>&1 || true" EXIT
    mkdir -p "$BUILD"
    echo "== install $MODULE with demo data into throwaway database $db"
    odoo "$db" -i "$MODULE" --stop-after-init --log-level=warn --logfile="$log" \
        || { tail -n 40 "$log"; die "installing $MODULE failed (log: $log)."; }
    echo "== Odoo's tests of sale, sales_team and sale_management, with $MODULE installed"
    "$PY" "$ROOT/scripts/core_tests.py" --addons-path="$ADDONS_PATH" -d "$db" "$@"
}

case "${1:-}" in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    core-tests) shift; cmd_core_tests "$@" ;;
    *) echo "usage: $0 run|test|core-tests [pytest arguments]" >&2; exit 2 ;;
esac
