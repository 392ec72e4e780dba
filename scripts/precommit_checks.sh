#!/usr/bin/env bash
# The checks of .pre-commit-config.yaml that .ci/run does not already run (ruff and pylint-odoo are
# run there), offline: the generated readme is up to date, the translations are complete and sound,
# ruff's formatting, the file hygiene hooks, and prettier on the XML files.
# PRETTIER_STRICT=1 makes prettier's findings fail (set it once the XML files were formatted with
# `scripts/precommit_checks.sh --prettier-write` and the .pot re-exported, since formatting a view
# changes its terms); without it they are reported only. `python3 -m ruff format .` fixes ruff's.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${ODOO_PYTHON:-python3}
cd "$ROOT"
status=0

"$PY" -m pip install --quiet --disable-pip-version-check -r requirements-packaging.txt || status=1

echo "== readme generator (README.rst, static/description/index.html)"
"$PY" scripts/gen_readme.py --check || status=1

echo "== translations (i18n/*.po against i18n/sale_assistant.pot)"
"$PY" scripts/check_i18n.py | tail -n 20
[ "${PIPESTATUS[0]}" = 0 ] || status=1

echo "== ruff format --check"
"$PY" -m ruff format --check --quiet . && echo "ruff format: ok" || status=1

echo "== file hygiene (trailing whitespace, final newline, merge markers, XML well-formed)"
hygiene=$("$PY" - <<'PY'
import subprocess
import xml.dom.minidom

files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                       capture_output=True, text=True, check=True).stdout.split()
skip = (".pot", ".po", "README.rst", "index.html", ".png", ".jpg", ".xlsx", ".xls")
for path in files:
    if path.endswith(skip):
        continue
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        continue
    if text and not text.endswith("\n"):
        print(f"{path}: no newline at the end")
    for number, line in enumerate(text.splitlines(), 1):
        if line != line.rstrip():
            print(f"{path}:{number}: trailing whitespace")
        if line.startswith(("<<<<<<< ", ">>>>>>> ")):
            print(f"{path}:{number}: merge conflict marker")
    if path.endswith(".xml"):
        try:
            xml.dom.minidom.parseString(text.encode())
        except Exception as e:  # noqa: BLE001 - any parse error is the finding
            print(f"{path}: not well-formed XML: {e}")
PY
)
if [ -n "$hygiene" ]; then
    echo "$hygiene"
    status=1
else
    echo "file hygiene: ok"
fi

echo "== prettier (XML, @prettier/plugin-xml)"
PRETTIER_DIR="$ROOT/.build/prettier"
if command -v npm >/dev/null 2>&1; then
    if [ ! -x "$PRETTIER_DIR/node_modules/.bin/prettier" ]; then
        npm install --prefix "$PRETTIER_DIR" --no-audit --no-fund --silent \
            prettier@3.1.0 @prettier/plugin-xml@3.2.2 >/dev/null 2>&1 || echo "prettier: could not be installed"
    fi
fi
if [ -x "$PRETTIER_DIR/node_modules/.bin/prettier" ]; then
    mode=--check
    [ "${1:-}" = --prettier-write ] && mode=--write
    mapfile -t xml_files < <(git ls-files --cached --others --exclude-standard '*.xml')
    if out=$("$PRETTIER_DIR/node_modules/.bin/prettier" "$mode" --log-level warn \
        --plugin="$PRETTIER_DIR/node_modules/@prettier/plugin-xml/src/plugin.js" "${xml_files[@]}" 2>&1); then
        echo "prettier: ok"
    elif [ "${PRETTIER_STRICT:-0}" = 1 ]; then
        echo "$out"
        status=1
    else
        echo "prettier: $(grep -c '^\[warn\] .*\.xml$' <<<"$out") XML files are not formatted yet (reported" \
            "only; PRETTIER_STRICT=1 fails on it)"
    fi
else
    echo "prettier: skipped, npm is not available"
fi

exit "$status"
