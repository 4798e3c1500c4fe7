from __future__ import annotations

from core.errors import DomainError


class PromotionError(DomainError):
    code = "INVALID"


class VoucherError(DomainError):
    code = "VOUCHER_NOT_APPLICABLE"


CAMPAIGN_ERROR_CODES = [
    "INVALID_DATES", "INVALID_PREDICATE", "INVALID_REWARD", "OVERLAPPING_PROMOTION", "VOUCHER_NOT_APPLICABLE",
    "VOUCHER_USAGE_LIMIT", "VOUCHER_ALREADY_USED", "VOUCHER_MIN_SPENT", "VOUCHER_EXPIRED",
    "EVENT_CLOSED", "UNSYNCED_SALES", "IMPORT_INVALID", "IMPORT_DUPLICATE",
]
