"""GS1 Digital Link URIs for OCOP stamps: build, validate and parse.

Rules (GS1 Digital Link standard 1.x, GS1 General Specifications):
- The primary key is AI (01) GTIN, always written as 14 digits (GTIN-8/12/13 left-padded with zeros)
  and it must carry a correct check digit.
- Key qualifiers follow in the canonical order (22) → (10) → (21); we use (10) lot and (21) serial.
- AI (10) and AI (21) values are 1–20 characters from GS1 AI encodable character set 82:
  ``! " % & ' ( ) * + , - . / 0–9 : ; < = > ? A–Z _ a–z``. Anything else (spaces, Vietnamese
  letters, ``#``, ``@`` …) cannot be carried and is rejected.
- In the URI path the characters of set 82 that are not RFC 3986 "unreserved"
  (``! " % & ' ( ) * + , / : ; < = > ?``) are percent-encoded (upper-case hex); letters, digits,
  ``-``, ``.`` and ``_`` are written as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.gtin import gtin_check_digit

CSET82 = frozenset("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
AI_MAX_LENGTH = {"10": 20, "21": 20}
_PATH_RE = re.compile(r"^(?P<stem>(?:/[^/]+)*?)/01/(?P<gtin>[^/]+)(?P<rest>(?:/[^/]+/[^/]+)*)/?$")
_QUALIFIER_ORDER = ("22", "10", "21")


@dataclass(frozen=True)
class DigitalLink:
    """The identity a stamp URI carries: GTIN-14, optional lot (AI 10), optional serial (AI 21)."""

    gtin14: str
    lot: str | None = None
    serial: str | None = None

    @property
    def path(self) -> str:
        return build_path(gtin=self.gtin14, lot=self.lot, serial=self.serial)

    def uri(self, base_url: str | None = None) -> str:
        return (base_url or trace_base_url()).rstrip("/") + self.path


def trace_base_url() -> str:
    """Our domain for stamp URIs (`TRACE_BASE_URL`, else `PUBLIC_BASE_URL`)."""
    return str(getattr(settings, "TRACE_BASE_URL", "") or settings.PUBLIC_BASE_URL).rstrip("/")


def normalise_gtin(value: str, *, field: str = "gtin") -> str:
    """Validate a GTIN-8/12/13/14 (digits, length, check digit) and return it as GTIN-14."""
    code = (value or "").strip()
    if not code.isdigit() or len(code) not in (8, 12, 13, 14):
        raise DomainError(_("Mã GTIN phải gồm 8, 12, 13 hoặc 14 chữ số."), field=field, code="INVALID_GTIN")
    if gtin_check_digit(code[:-1]) != int(code[-1]):
        raise DomainError(_("Mã GTIN %(gtin)s sai số kiểm tra (số cuối phải là %(digit)s).")
                          % {"gtin": code, "digit": gtin_check_digit(code[:-1])}, field=field, code="INVALID_GTIN")
    return code.zfill(14)


def validate_ai_value(value: str, *, ai: str, field: str) -> str:
    """An AI (10)/(21) value: 1–20 characters of GS1 character set 82."""
    label = _("Số lô") if ai == "10" else _("Số sê-ri")
    if not value:
        raise DomainError(_("%(label)s không được để trống.") % {"label": label}, field=field, code="REQUIRED")
    if len(value) > AI_MAX_LENGTH[ai]:
        raise DomainError(_("%(label)s dài tối đa %(n)s ký tự.") % {"label": label, "n": AI_MAX_LENGTH[ai]},
                          field=field, code="INVALID")
    bad = sorted({ch for ch in value if ch not in CSET82})
    if bad:
        shown = " ".join(repr(ch) for ch in bad)
        raise DomainError(
            _("%(label)s chỉ được dùng chữ cái không dấu, chữ số và các ký tự ! \" %% & ' ( ) * + , - . / : ; < = > ? _ "
              "(bộ ký tự GS1 82); không hợp lệ: %(bad)s.") % {"label": label, "bad": shown},
            field=field, code="INVALID")
    return value


def encode_value(value: str) -> str:
    """Percent-encode an AI value for a Digital Link path segment (unreserved characters stay)."""
    return quote(value, safe="")


def build_path(*, gtin: str, lot: str | None = None, serial: str | None = None) -> str:
    gtin14 = normalise_gtin(gtin)
    path = f"/01/{gtin14}"
    if lot is not None:
        path += "/10/" + encode_value(validate_ai_value(lot, ai="10", field="lot"))
    if serial is not None:
        path += "/21/" + encode_value(validate_ai_value(serial, ai="21", field="serial"))
    return path


def build_uri(*, gtin: str, lot: str | None = None, serial: str | None = None, base_url: str | None = None) -> str:
    """`https://<host>/01/<GTIN-14>[/10/<lot>][/21/<serial>]`."""
    return (base_url or trace_base_url()).rstrip("/") + build_path(gtin=gtin, lot=lot, serial=serial)


def parse(uri_or_path: str, *, field: str = "uri") -> DigitalLink:
    """Parse a Digital Link URI (any host, optional path stem, query ignored) or its path.

    Raises DomainError (code INVALID) with a clear message for anything malformed.
    """
    raw = (uri_or_path or "").strip()
    invalid = DomainError(_("Mã quét không phải đường dẫn truy xuất GS1 Digital Link hợp lệ."), field=field,
                          code="INVALID")
    if not raw or len(raw) > 512:
        raise invalid
    if raw.startswith("/"):
        path = raw.split("?", 1)[0].split("#", 1)[0]
    else:
        try:
            parts = urlsplit(raw)
        except ValueError:
            raise invalid from None
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise invalid
        path = parts.path
    match = _PATH_RE.match(path)
    if not match:
        raise invalid
    gtin = normalise_gtin(unquote(match.group("gtin")), field=field)
    segments = [s for s in match.group("rest").split("/") if s]
    values: dict[str, str] = {}
    last_rank = -1
    for ai, encoded in zip(segments[0::2], segments[1::2], strict=True):
        if ai not in _QUALIFIER_ORDER or ai in values:
            raise invalid
        rank = _QUALIFIER_ORDER.index(ai)
        if rank < last_rank:
            raise DomainError(_("Các định danh trong đường dẫn không theo thứ tự chuẩn GS1 (01 → 10 → 21)."),
                              field=field, code="INVALID")
        last_rank = rank
        try:
            value = unquote(encoded, errors="strict")
        except UnicodeDecodeError:
            raise invalid from None
        if ai in AI_MAX_LENGTH:
            validate_ai_value(value, ai=ai, field=field)
        values[ai] = value
    if "22" in values:
        raise invalid
    return DigitalLink(gtin14=gtin, lot=values.get("10"), serial=values.get("21"))


def parse_decoded_path(path: str, *, field: str = "uri") -> DigitalLink:
    """Parse a request path that the web server has already percent-decoded (WSGI PATH_INFO).

    Decoded lots may contain "/" or "%", so the path is split on the qualifier markers instead of
    being decoded again: the serial is what follows the last "/21/", the lot what follows "/10/".
    """
    invalid = DomainError(_("Mã quét không phải đường dẫn truy xuất GS1 Digital Link hợp lệ."), field=field,
                          code="INVALID")
    if not path.startswith("/01/"):
        raise invalid
    body = path[4:]
    gtin, sep, rest = body.partition("/")
    gtin14 = normalise_gtin(gtin, field=field)
    lot = serial = None
    if sep:
        rest = "/" + rest
        if rest.startswith("/10/"):
            lot_part = rest[4:]
            if "/21/" in lot_part:
                lot_part, serial = lot_part.rsplit("/21/", 1)
            lot = lot_part
        elif rest.startswith("/21/"):
            serial = rest[4:]
        elif rest != "/":
            raise invalid
    if lot is not None:
        validate_ai_value(lot, ai="10", field=field)
    if serial is not None:
        validate_ai_value(serial, ai="21", field=field)
    return DigitalLink(gtin14=gtin14, lot=lot, serial=serial)
