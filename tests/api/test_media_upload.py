"""productMediaCreate over a real multipart request: content-sniffed type, size and pixel limits, EXIF
stripped; a rejected upload leaves no media row and no file."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id
from PIL import Image

from catalog.models import ProductMedia
from tests.factories import make_product
from tests.factories.api import png_bytes

MEDIA_CREATE = """
mutation($input: ProductMediaCreateInput!) {
  productMediaCreate(input: $input) {
    errors { field code message }
    media { id alt width height url(size: 128) }
    product { media { id } thumbnail(size: 64) { url } }
  }
}
"""


def _jpeg_with_exif() -> bytes:
    img = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"  # Make
    exif[0x8825] = {2: (20.0, 30.0, 0.0)}  # GPS info
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _png_bomb(width: int = 60_000, height: int = 60_000) -> bytes:
    """A tiny PNG whose header claims a huge canvas (a decompression bomb)."""
    data = bytearray(png_bytes((1, 1)))
    ihdr_start = 8 + 8  # signature, then length + "IHDR"
    data[ihdr_start:ihdr_start + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12:ihdr_start + 13])) & 0xFFFFFFFF
    data[ihdr_start + 13:ihdr_start + 17] = struct.pack(">I", crc)
    return bytes(data)


def _upload(gql_upload, token, product, name: str, content: bytes, content_type: str = "image/jpeg"):
    variables = {"input": {"product": to_global_id("Product", product.pk), "image": None, "alt": "Ảnh"}}
    return gql_upload(MEDIA_CREATE, variables,
                      {"variables.input.image": SimpleUploadedFile(name, content, content_type=content_type)},
                      token=token)


def _stored_files(media_root) -> list:
    folder = media_root / "products"
    return list(folder.iterdir()) if folder.exists() else []


@pytest.mark.django_db
def test_upload_strips_exif_and_makes_renditions(gql, gql_upload, staff_token, _media_root):
    product = make_product(slug="mat-ong")
    result = _upload(gql_upload, staff_token, product, "mat-ong.jpg", _jpeg_with_exif())
    data = result["data"]["productMediaCreate"]
    assert data["errors"] == [], result
    assert (data["media"]["width"], data["media"]["height"]) == (40, 30)
    assert data["media"]["url"].endswith(".webp")
    assert data["product"]["thumbnail"]["url"].endswith(".webp")
    media = ProductMedia.objects.get()
    original = gql('{ product(slug: "mat-ong") { thumbnail(format: ORIGINAL) { url } } }', token=staff_token)
    assert original["data"]["product"]["thumbnail"]["url"] == f"http://testserver{media.image.url}"
    with media.image.open("rb") as fh:
        stored = Image.open(io.BytesIO(fh.read()))
        assert stored.format == "JPEG"
        assert not stored.getexif()


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["gif behind jpg", "text behind jpg", "oversize", "decompression bomb"])
def test_rejected_uploads_change_nothing(gql_upload, staff_token, _media_root, case):
    product = make_product()
    if case == "gif behind jpg":
        out = io.BytesIO()
        Image.new("RGB", (10, 10)).save(out, "GIF")
        name, content, code = "anh.jpg", out.getvalue(), "INVALID_IMAGE_TYPE"
    elif case == "text behind jpg":
        name, content, code = "anh.jpg", b"<?php echo 'not an image'; ?>" * 10, "INVALID_IMAGE_TYPE"
    elif case == "oversize":
        name, content, code = "to.jpg", b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024), "INVALID_IMAGE"
    else:
        name, content, code = "bom.png", _png_bomb(), "INVALID_IMAGE"
    result = _upload(gql_upload, staff_token, product, name, content)
    data = result["data"]["productMediaCreate"]
    assert data["media"] is None
    assert data["errors"][0]["field"] == "image"
    assert data["errors"][0]["code"] == code
    assert data["errors"][0]["message"]
    assert ProductMedia.objects.count() == 0
    assert _stored_files(_media_root) == []


@pytest.mark.django_db
def test_upload_needs_permission(gql_upload, consumer_token, _media_root):
    product = make_product()
    result = _upload(gql_upload, consumer_token, product, "a.png", png_bytes(), "image/png")
    assert result["data"]["productMediaCreate"]["errors"][0]["code"] == "PERMISSION_DENIED"
    assert ProductMedia.objects.count() == 0
