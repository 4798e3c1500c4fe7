"""Uploads kept across a failed submit: when the product form has an error elsewhere, the image the
producer chose is checked, held in private storage under a random token tied to their producer, and
used again on the next submit unless they choose another. Held files older than a day are removed."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.errors import DomainError
from core.images import clean_image
from producers.models import Producer

from ..storage import private_storage

MAX_AGE = dt.timedelta(days=1)
_TOKEN = re.compile(r"[0-9a-f]{32}")
_SAFE_NAME = re.compile(r"[^\w.\- ]+")


@dataclass(frozen=True)
class HeldUpload:
    token: str
    name: str


def _folder(producer: Producer) -> str:
    return f"held-uploads/{producer.pk}"


def upload_hold(*, producer: Producer, upload) -> HeldUpload | None:
    """Keep a valid image for the next submit; an invalid one is not kept (its error is shown)."""
    try:
        clean_image(upload, field="image")
    except DomainError:
        return None
    _forget_old(producer)
    upload.seek(0)
    token = uuid.uuid4().hex
    name = _SAFE_NAME.sub("", upload.name or "anh")[:80] or "anh"
    private_storage.save(f"{_folder(producer)}/{token}", upload)
    private_storage.save(f"{_folder(producer)}/{token}.name", SimpleUploadedFile("name", name.encode()))
    return HeldUpload(token=token, name=name)


def upload_take(*, producer: Producer, token: str | None) -> tuple[SimpleUploadedFile | None, HeldUpload | None]:
    """The held file as an upload again (only the producer's own token works), with its description."""
    if not token or not _TOKEN.fullmatch(token):
        return None, None
    path = f"{_folder(producer)}/{token}"
    if not private_storage.exists(path):
        return None, None
    with private_storage.open(path, "rb") as fh:
        data = fh.read()
    with private_storage.open(f"{path}.name", "rb") as fh:
        name = fh.read().decode() or "anh"
    return SimpleUploadedFile(name, data), HeldUpload(token=token, name=name)


def upload_release(*, producer: Producer, token: str) -> None:
    if _TOKEN.fullmatch(token or ""):
        for path in (f"{_folder(producer)}/{token}", f"{_folder(producer)}/{token}.name"):
            private_storage.delete(path)


def _forget_old(producer: Producer) -> None:
    folder = _folder(producer)
    if not private_storage.exists(folder):
        return
    limit = timezone.now() - MAX_AGE
    for name in private_storage.listdir(folder)[1]:
        if private_storage.get_modified_time(f"{folder}/{name}") < limit:
            private_storage.delete(f"{folder}/{name}")
