"""Thanh Hóa's administrative units after the July 2025 reform (province code 38: 166 units)."""

from __future__ import annotations

from functools import lru_cache

THANH_HOA_CODE = 38


@lru_cache(maxsize=1)
def thanh_hoa_wards() -> dict[str, str]:
    """Ward/commune code → name, from the `vietnam-provinces` package."""
    from vietnam_provinces import Ward

    return {str(w.code): w.name for w in Ward.iter_all() if int(w.province_code) == THANH_HOA_CODE}


def ward_name(code: str) -> str:
    """The official name of a Thanh Hóa unit; KeyError for a code outside the province."""
    if not code:
        return ""
    return thanh_hoa_wards()[str(code)]
