#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Build the addon's wheel as OCA does (whool, pyproject.toml) and check what it holds.

The wheel must be odoo_addon_sale_assistant-<manifest version>-py3-none-any.whl, install the addon
under odoo/addons/sale_assistant, hold every file the manifest names (data, demo, assets), every
translation, static file and Python module of the addon, and require Odoo 18, the addons it depends
on and its external Python dependencies. Exits 1 on any problem. Needs `whool` and `build`
(requirements-readme.txt); builds from a copy named sale_assistant, since whool takes the addon's
name from its folder.
"""

import ast
import fnmatch
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULE = "sale_assistant"
SKIP = {
    ".build",
    ".git",
    ".ci",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "build",
    "dist",
}


def _copy_addon(dst):
    def ignore(_directory, names):
        return [n for n in names if n in SKIP or n.endswith((".pyc", ".egg-info"))]

    shutil.copytree(ROOT, dst, ignore=ignore, symlinks=False)


def _build(src, outdir):
    env = dict(os.environ, WHOOL_POST_VERSION_STRATEGY_OVERRIDE="none")
    run = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", outdir, src],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode:
        raise SystemExit(f"wheel: the build failed:\n{run.stdout}{run.stderr}")
    wheels = glob.glob(os.path.join(outdir, "*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"wheel: expected one wheel, got {wheels}")
    return wheels[0]


def expected_files(manifest):
    """Paths inside the addon that the wheel must hold."""
    files = set(manifest.get("data", [])) | set(manifest.get("demo", []))
    for patterns in manifest.get("assets", {}).values():
        for pattern in patterns:
            pattern = pattern[len(MODULE) + 1 :] if pattern.startswith(MODULE + "/") else pattern
            found = [
                os.path.relpath(p, ROOT)
                for p in glob.glob(os.path.join(ROOT, pattern), recursive=True)
                if os.path.isfile(p)
            ]
            if not found:
                raise SystemExit(f"wheel: the manifest's asset {pattern} matches no file")
            files |= set(found)
    for folder, pattern in (("i18n", "*.po*"), ("static", "*"), (".", "*.py")):
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, folder)):
            dirnames[:] = [d for d in dirnames if d not in SKIP]
            if folder == "." and os.path.relpath(dirpath, ROOT).split(os.sep)[0] in ("scripts", "benchmarks"):
                continue
            files |= {
                os.path.relpath(os.path.join(dirpath, f), ROOT) for f in fnmatch.filter(filenames, pattern)
            }
    return {os.path.normpath(f) for f in files}


def check(wheel, manifest):
    problems = []
    name = os.path.basename(wheel)
    expected_name = "odoo_addon_{}-{}-py3-none-any.whl".format(MODULE, manifest["version"])
    if name != expected_name:
        problems.append(f"wheel is named {name}, not {expected_name}")
    prefix = f"odoo/addons/{MODULE}/"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    held = {n[len(prefix) :] for n in names if n.startswith(prefix)}
    for path in sorted(expected_files(manifest) - held):
        problems.append(f"missing from the wheel: {path}")
    outside = [n for n in names if not n.startswith(prefix) and ".dist-info/" not in n]
    if outside:
        problems.append(f"files outside {prefix}: {outside[:5]}")
    requires = [
        line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")
    ]
    # Odoo's own addons (sale_management...) come with odoo itself: only odoo is required for them.
    wanted = ["odoo==18.0.*"] + manifest.get("external_dependencies", {}).get("python", [])
    for requirement in wanted:
        if not any(
            r.replace(" ", "").lower().startswith(requirement.lower().split("==")[0]) for r in requires
        ):
            problems.append(f"the wheel does not require {requirement} (it requires {requires})")
    return problems, len(held)


def main():
    with open(os.path.join(ROOT, "__manifest__.py"), encoding="utf-8") as f:
        manifest = ast.literal_eval(f.read())
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, MODULE)
        _copy_addon(src)
        wheel = _build(src, os.path.join(tmp, "dist"))
        problems, count = check(wheel, manifest)
        for problem in problems:
            print(f"wheel: {problem}")
        if problems:
            return 1
        print(f"wheel: ok, {os.path.basename(wheel)} holds the addon's {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
