"""Generated placeholder product images: a coloured card with the product's name, clearly marked
"ẢNH MINH HOẠ" (placeholder). Deterministic for a given name, so reloading changes nothing."""

from __future__ import annotations

import hashlib
import io
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
GROUP_COLOURS = {
    "1": (176, 38, 38),  # thực phẩm: red
    "2": (31, 104, 161),  # đồ uống: blue
    "3": (46, 125, 50),  # dược liệu: green
    "4": (141, 94, 40),  # thủ công mỹ nghệ: brown
    "5": (142, 36, 170),  # sinh vật cảnh: purple
    "6": (0, 121, 107),  # du lịch: teal
}
SIZE = 800


def _font(size: int) -> ImageFont.ImageFont:
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _shade(rgb: tuple[int, int, int], key: str) -> tuple[int, int, int]:
    """Vary the group colour a little per product so cards are told apart."""
    delta = int(hashlib.sha256(key.encode()).hexdigest()[:2], 16) % 40 - 20
    return tuple(max(0, min(255, c + delta)) for c in rgb)  # type: ignore[return-value]


def placeholder_jpeg(*, name: str, subtitle: str, group_code: str) -> bytes:
    """A JPEG card (800×800) with the name, subtitle and a visible placeholder label."""
    colour = _shade(GROUP_COLOURS.get(group_code, (90, 90, 90)), name)
    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((24, 24, SIZE - 24, SIZE - 24), outline=(255, 214, 102), width=6)
    title_font, small_font = _font(54), _font(30)
    lines = textwrap.wrap(name, width=20)[:5]
    y = SIZE // 2 - len(lines) * 34 - 30
    for line in lines:
        width = draw.textlength(line, font=title_font)
        draw.text(((SIZE - width) / 2, y), line, font=title_font, fill=(255, 255, 255))
        y += 68
    for line in textwrap.wrap(subtitle, width=40)[:2]:
        width = draw.textlength(line, font=small_font)
        draw.text(((SIZE - width) / 2, y + 16), line, font=small_font, fill=(255, 236, 179))
        y += 40
    label = "ẢNH MINH HOẠ · PLACEHOLDER"
    width = draw.textlength(label, font=small_font)
    draw.rectangle((0, SIZE - 110, SIZE, SIZE - 60), fill=(0, 0, 0))
    draw.text(((SIZE - width) / 2, SIZE - 102), label, font=small_font, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
