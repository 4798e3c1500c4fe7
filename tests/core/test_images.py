"""Image uploads: type by content, size and pixel limits, EXIF stripped, renditions cached."""

from __future__ import annotations

import io
import struct
import zlib

import PIL.Image
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from catalog.media import media_create, rendition_url
from catalog.models import ProductMediaRendition
from core.images import ImageRejected, clean_image
from tests.factories import make_product


def image_bytes(fmt: str = "JPEG", size=(64, 48), exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt, **kwargs)
    return out.getvalue()


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A tiny PNG that claims a huge canvas: header only matters, Pillow must refuse it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.mark.parametrize("width,height", [(30_000, 30_000), (7000, 7000)])
def test_decompression_bomb_rejected(width, height):
    with pytest.raises(ImageRejected) as exc:
        clean_image(upload(png_bomb(width, height)))
    assert "điểm ảnh" in exc.value.message
    assert exc.value.field == "image"


def test_png_behind_jpg_name_is_judged_by_content():
    cleaned = clean_image(upload(image_bytes("PNG"), "anh.jpg"))
    assert cleaned.format == "PNG"
    assert Image.open(io.BytesIO(cleaned.content.read())).format == "PNG"


@pytest.mark.parametrize("data,code", [
    (b"This is not an image, just text pretending to be one.\n" * 20, "INVALID_IMAGE_TYPE"),
    (b"<?php echo 'x'; ?>", "INVALID_IMAGE_TYPE"),
])
def test_text_behind_jpg_name_rejected(data, code):
    with pytest.raises(ImageRejected) as exc:
        clean_image(upload(data, "anh.jpg"))
    assert exc.value.code == code
    assert "JPEG, PNG" in exc.value.message


def test_gif_behind_jpg_name_rejected():
    with pytest.raises(ImageRejected) as exc:
        clean_image(upload(image_bytes("GIF"), "anh.jpg"))
    assert exc.value.message == "Chỉ nhận ảnh JPEG, PNG hoặc WebP."


def test_oversize_rejected():
    data = image_bytes() + b"\0" * (10 * 1024 * 1024)
    with pytest.raises(ImageRejected) as exc:
        clean_image(upload(data))
    assert "Ảnh quá lớn: tối đa 10 MB." == exc.value.message


def test_empty_file_rejected():
    with pytest.raises(ImageRejected):
        clean_image(upload(b""))


def test_exif_stripped_and_orientation_applied():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise
    exif[0x8825] = {1: "N", 2: (20.0, 48.0, 0.0)}  # GPS IFD
    data = image_bytes("JPEG", (80, 40), exif=exif)
    assert Image.open(io.BytesIO(data)).getexif()[0x010F] == "CameraMaker"
    cleaned = clean_image(upload(data))
    out = Image.open(io.BytesIO(cleaned.content.read()))
    assert dict(out.getexif()) == {}
    assert "exif" not in out.info
    assert (out.width, out.height) == (40, 80)


@pytest.mark.django_db
def test_webp_rendition_made_once_then_reused(monkeypatch):
    product = make_product()
    media = media_create(product=product, upload=upload(image_bytes("JPEG", (900, 600))))
    url = rendition_url(media, 200)
    rendition = ProductMediaRendition.objects.get(media=media)
    assert rendition.size == 256 and rendition.format == "WEBP" and url.endswith(".webp")
    webp = Image.open(rendition.image.path)
    assert webp.format == "WEBP" and max(webp.size) == 256

    def no_image_work(*args, **kwargs):
        raise AssertionError("the cached rendition must be reused")

    monkeypatch.setattr(PIL.Image, "open", no_image_work)
    monkeypatch.setattr(PIL.Image.Image, "save", no_image_work)
    with CaptureQueriesContext(connection) as queries:
        assert rendition_url(media, 256) == url
    assert len(queries) == 1 and queries[0]["sql"].lstrip().upper().startswith("SELECT")
    assert ProductMediaRendition.objects.filter(media=media).count() == 1
