"""Uploaded images: type decided by content (JPEG, PNG, WebP only), size and pixel limits
(decompression bombs), EXIF stripped, WebP renditions generated once and cached on disk."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from .errors import DomainError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class ImageRejected(DomainError):
    code = "INVALID_IMAGE"


@dataclass
class CleanImage:
    content: ContentFile
    format: str
    width: int
    height: int


def _read(upload) -> bytes:
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read() if hasattr(upload, "read") else bytes(upload)
    return data


def clean_image(upload, *, field: str = "image", max_bytes: int | None = None) -> CleanImage:
    """Validate an upload and return a re-encoded copy without EXIF/metadata."""
    max_bytes = max_bytes or settings.IMAGE_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ImageRejected(_("Ảnh quá lớn: tối đa %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}, field=field)
    data = _read(upload)
    if len(data) > max_bytes:
        raise ImageRejected(_("Ảnh quá lớn: tối đa %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}, field=field)
    if not data:
        raise ImageRejected(_("Tệp ảnh rỗng."), field=field)
    max_pixels = settings.IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            fmt = probe.format
            width, height = probe.size
            if width * height > max_pixels:
                raise ImageRejected(
                    _("Ảnh có quá nhiều điểm ảnh (%(w)s×%(h)s); tối đa %(max)s điểm ảnh.")
                    % {"w": width, "h": height, "max": max_pixels},
                    field=field,
                )
            if fmt not in ALLOWED_FORMATS:
                raise ImageRejected(_("Chỉ nhận ảnh JPEG, PNG hoặc WebP."), field=field, code="INVALID_IMAGE_TYPE")
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(_("Ảnh có quá nhiều điểm ảnh (nghi ngờ bom giải nén)."), field=field) from None
    except Exception:
        raise ImageRejected(_("Tệp không phải là ảnh hợp lệ (JPEG, PNG hoặc WebP)."), field=field,
                            code="INVALID_IMAGE_TYPE") from None
    image = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=88)
    ext = ALLOWED_FORMATS[fmt]
    return CleanImage(content=ContentFile(out.getvalue(), name=f"image.{ext}"), format=fmt,
                      width=image.width, height=image.height)


def webp_rendition(source_bytes: bytes, size: int) -> bytes:
    """A WebP of at most `size` px on the longer side (never upscaled)."""
    image = Image.open(io.BytesIO(source_bytes))
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    image.thumbnail((size, size))
    out = io.BytesIO()
    image.save(out, "WEBP", quality=82, method=4)
    return out.getvalue()


def closest_size(requested: int | None) -> int:
    sizes = sorted(settings.IMAGE_RENDITION_SIZES)
    if not requested:
        return sizes[-1]
    for s in sizes:
        if s >= requested:
            return s
    return sizes[-1]
