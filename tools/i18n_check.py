# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks of the addon's translation files (pure Python, no database).

Used by tests/test_i18n.py and scripts/check_i18n.py: every term of the .pot is translated in each
.po, no entry is fuzzy, and each translation keeps the placeholders, template expressions and markup
of its source, since a translation that drops a ``%s`` or a ``t-out`` breaks the screen or the mail.
"""

import collections
import os
import re

import polib

I18N_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n")
POT_NAME = "sale_assistant.pot"
LANGUAGES = ("zh_TW", "zh_CN")

# printf-style (%s, %d, %(name)s, %%), inline templates ({{ expr }}) and format fields ({tracking}).
_PRINTF = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-+#0]*\d*(?:\.\d+)?[sdifrx%]")
_JINJA = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_FIELD = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*\}(?!\})")
# QWeb directives and their expressions (t-out="...", t-if="...", t-att-href="..."), and tag names.
_DIRECTIVE = re.compile(r"""\b(t-[a-z-]+)\s*=\s*("[^"]*"|'[^']*')""")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b")


def placeholders(text):
    """The multiset of what a translation must carry over unchanged from its source."""
    found = _PRINTF.findall(text) + _JINJA.findall(text) + _FIELD.findall(text)
    found += ["{}={}".format(*match) for match in _DIRECTIVE.findall(text)]
    found += [f"<{tag.lower()}>" for tag in _TAG.findall(text)]
    return collections.Counter(found)


def load(path):
    return polib.pofile(path, wrapwidth=0)


def po_problems(pot, po):
    """Problems of one .po against the .pot, as readable lines (empty when the file is complete)."""
    problems = []
    translations = {entry.msgid: entry for entry in po if not entry.obsolete}
    for term in pot:
        entry = translations.get(term.msgid)
        if entry is None or not entry.msgstr.strip():
            problems.append(f"untranslated: {_short(term.msgid)!r}")
            continue
        if entry.fuzzy:
            problems.append(f"fuzzy: {_short(term.msgid)!r}")
        missing = placeholders(term.msgid) - placeholders(entry.msgstr)
        extra = placeholders(entry.msgstr) - placeholders(term.msgid)
        if missing or extra:
            missing, extra = sorted(missing.elements()), sorted(extra.elements())
            problems.append(
                f"placeholders differ in {_short(term.msgid)!r}: missing {missing}, extra {extra}"
            )
    terms = {term.msgid for term in pot}
    problems += [f"not in the .pot: {_short(msgid)!r}" for msgid in translations if msgid not in terms]
    return problems


def merge(pot, po):
    """``po`` brought in line with ``pot``: the .pot's terms in its order, with the translations ``po``
    has for them (new terms empty), and no term the .pot dropped. No fuzzy matching: a guessed
    translation is worse than an empty one, which po_problems reports."""
    translations = {entry.msgid: entry.msgstr for entry in po if entry.msgstr and not entry.fuzzy}
    merged = polib.POFile(wrapwidth=0)
    merged.header = pot.header
    merged.metadata = dict(po.metadata)
    for key in ("Project-Id-Version", "POT-Creation-Date"):
        if key in pot.metadata:
            merged.metadata[key] = pot.metadata[key]
    for term in pot:
        merged.append(
            polib.POEntry(
                msgid=term.msgid,
                msgstr=translations.get(term.msgid, ""),
                occurrences=term.occurrences,
                comment=term.comment,
                tcomment=term.tcomment,
                flags=list(term.flags),
            )
        )
    return merged


def stale_terms(pot, fresh_pot):
    """Terms added to or removed from the code since the committed .pot was exported."""
    committed = {entry.msgid for entry in pot}
    fresh = {entry.msgid for entry in fresh_pot}
    return sorted(fresh - committed), sorted(committed - fresh)


def _short(text, size=70):
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 3] + "..."
