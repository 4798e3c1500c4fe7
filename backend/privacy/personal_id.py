"""National ID numbers (CCCD) on POS invoices: encrypted at rest with Fernet, shown masked.

The key is PERSONAL_DATA_KEY from the environment (a Fernet key: `python -c "from cryptography.fernet import
Fernet; print(Fernet.generate_key().decode())"`); without it, one derived from SECRET_KEY. The invoice JSON
keeps only the masked form and the ciphertext; `reveal_id_number` is for the tax authority's requests.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    key = settings.PERSONAL_DATA_KEY or base64.urlsafe_b64encode(
        hashlib.sha256(f"ocop.privacy.personal-id:{settings.SECRET_KEY}".encode()).digest()).decode()
    return Fernet(key.encode() if isinstance(key, str) else key)


def mask_id_number(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    return "•" * max(len(value) - 4, 0) + value[-4:] if len(value) > 4 else "•" * len(value)


def protect_id_number(value: str) -> dict:
    """What an invoice stores for a buyer's ID number: masked text and the ciphertext, never the number."""
    value = (value or "").strip()
    if not value:
        return {"id_number_masked": "", "id_number_encrypted": ""}
    return {"id_number_masked": mask_id_number(value),
            "id_number_encrypted": _fernet().encrypt(value.encode()).decode()}


def reveal_id_number(encrypted: str) -> str | None:
    try:
        return _fernet().decrypt((encrypted or "").encode()).decode()
    except InvalidToken:
        return None
