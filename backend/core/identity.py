"""One person, one key: the canonical form of an e-mail address for "once per customer" rules.

Lower case; the "+tag" of the local part dropped (every major provider delivers name+x@ to name@); for Gmail
(gmail.com, googlemail.com) the dots of the local part dropped too, and googlemail.com read as gmail.com.
"""

from __future__ import annotations

DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def canonical_email(email: str | None) -> str:
    value = (email or "").strip().lower()
    local, sep, domain = value.rpartition("@")
    if not sep or not local:
        return value
    local = local.split("+", 1)[0] or local
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"
