"""Private file storage for portal uploads that are not public yet (certificate scans, pending images).

It lives next to MEDIA_ROOT (never under it), so `/media/` cannot serve it; files are streamed only by
permission-checked views in `portal.views.files`.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible
class PrivateStorage(FileSystemStorage):
    @cached_property
    def base_location(self) -> str:
        return str(Path(settings.MEDIA_ROOT).parent / "private-media")

    @cached_property
    def base_url(self) -> None:  # never a public URL
        return None


private_storage = PrivateStorage()
