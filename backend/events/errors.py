from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import DomainError

EVENT_ERROR_CODES = ["INVALID_DATES", "EVENT_CLOSED", "UNSYNCED_SALES", "STOCK_REMAINING", "IMPORT_INVALID",
                     "IMPORT_DUPLICATE", "STAND_TAKEN", "NOT_PARTICIPANT"]


class EventError(DomainError):
    code = "INVALID"


class ImportRowError(DomainError):
    """Every invalid row, with its line number; nothing was imported."""

    code = "IMPORT_INVALID"

    def __init__(self, rows: list[tuple[int, str]]):
        self.rows = rows
        message = "; ".join(f"{_('Dòng %(line)s') % {'line': line}}: {msg}" for line, msg in rows[:20])
        if len(rows) > 20:
            message += f"; … (+{len(rows) - 20})"
        super().__init__(message, field="file")
