"""A small .po reader for the English catalogue tests: every entry translated, none fuzzy, and the
committed .mo in step with the .po (CI has no gettext tools, so the .mo is what Django loads)."""

from __future__ import annotations

import ast
import gettext
from dataclasses import dataclass, field
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2] / "backend"


@dataclass
class Entry:
    msgid: str = ""
    msgstr: str = ""
    msgctxt: str | None = None
    flags: set[str] = field(default_factory=set)


def read_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    cur = Entry()
    key: str | None = None

    def flush() -> None:
        nonlocal cur
        if cur.msgid or cur.msgstr or cur.msgctxt is not None:
            entries.append(cur)
        cur = Entry()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
        elif line.startswith("#,"):
            cur.flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            setattr(cur, key, (getattr(cur, key) or "") + ast.literal_eval(line))
        else:
            word, _, rest = line.partition(" ")
            key = {"msgid": "msgid", "msgstr": "msgstr", "msgctxt": "msgctxt", "msgstr[0]": "msgstr"}.get(word)
            if key is None:  # msgid_plural / msgstr[n>0]: only the first form is checked
                key = "_ignored"
                continue
            setattr(cur, key, ast.literal_eval(rest))
    flush()
    return [e for e in entries if e.msgid]


def catalogue_problems(app: str) -> list[str]:
    """Untranslated, fuzzy or placeholder-changing entries, and entries the .mo does not match."""
    folder = BACKEND / app / "locale" / "en" / "LC_MESSAGES"
    entries = read_po(folder / "django.po")
    with open(folder / "django.mo", "rb") as fh:
        mo = gettext.GNUTranslations(fh)
    problems = []
    for e in entries:
        if not e.msgstr.strip():
            problems.append(f"untranslated: {e.msgid}")
        if "fuzzy" in e.flags:
            problems.append(f"fuzzy: {e.msgid}")
        if "python-format" in e.flags and sorted(_placeholders(e.msgid)) != sorted(_placeholders(e.msgstr)):
            problems.append(f"placeholders differ: {e.msgid}")
        got = mo.pgettext(e.msgctxt, e.msgid) if e.msgctxt is not None else mo.gettext(e.msgid)
        if got != e.msgstr:
            problems.append(f".mo out of date: {e.msgid}")
    return problems


def _placeholders(text: str) -> list[str]:
    import re

    return re.findall(r"%\([a-z_]+\)[sd]", text)


def entry_count(app: str) -> int:
    return len(read_po(BACKEND / app / "locale" / "en" / "LC_MESSAGES" / "django.po"))
