"""A small reader of gettext .po files, for the English-catalogue tests (no polib in the venv)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

BACKEND = Path(__file__).resolve().parent.parent / "backend"


@dataclass
class PoEntry:
    msgid: str = ""
    msgstr: str = ""
    flags: list[str] = field(default_factory=list)


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def read_po(app: str) -> list[PoEntry]:
    """Every live (not obsolete) entry, header excluded, of the app's English catalogue."""
    path = BACKEND / app / "locale" / "en" / "LC_MESSAGES" / "django.po"
    entries: list[PoEntry] = []
    current: PoEntry | None = None
    target = ""
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current is not None:
                entries.append(current)
            current = None
            continue
        if line.startswith("#~"):
            continue
        current = current or PoEntry()
        if line.startswith("#,"):
            current.flags += [f.strip() for f in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            target, current.msgid = "msgid", _unquote(line[6:])
        elif line.startswith("msgstr "):
            target, current.msgstr = "msgstr", _unquote(line[7:])
        elif line.startswith('"'):
            setattr(current, target, getattr(current, target) + _unquote(line))
        else:
            raise AssertionError(f"{path}: unexpected line {raw!r} (plural/context entries are not expected)")
    return [e for e in entries if e.msgid]


def untranslated(app: str) -> list[str]:
    """msgids that are empty or fuzzy, or whose %(name)s placeholders differ from the translation."""
    bad = []
    for e in read_po(app):
        placeholders = sorted(re.findall(r"%\(\w+\)s", e.msgid)) == sorted(re.findall(r"%\(\w+\)s", e.msgstr))
        if not e.msgstr or "fuzzy" in e.flags or not placeholders:
            bad.append(e.msgid)
    return bad


def mo_matches_po(app: str) -> list[str]:
    """msgids whose compiled .mo translation differs from the .po (CI has no msgfmt to rebuild it)."""
    import gettext

    path = BACKEND / app / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    return [e.msgid for e in read_po(app) if compiled.gettext(e.msgid) != e.msgstr]
