"""A small server-rendered SVG bar chart (no JavaScript)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.money import format_vnd

LABEL_PX = 13  # axis labels at the chart's drawn size; the SVG is never drawn wider than its viewBox
MAX_LABELS = 6


def bar_chart(labels: Sequence[str], values: Sequence[int], *, title: str, width: int = 360,
              height: int = 180) -> SafeString:
    """Accessible SVG (role=img, <title>, one <title> per bar). It keeps its own size (max-width = its
    width) so labels stay readable instead of shrinking with a wide or narrow container."""
    pad_left, pad_bottom, pad_top = 4, LABEL_PX + 12, 8
    n = max(len(values), 1)
    top = max(max(values, default=0), 1)
    slot = (width - pad_left) / n
    bar_w = max(slot * 0.7, 1)
    plot_h = height - pad_bottom - pad_top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
             f'style="max-width:{width}px;height:auto" role="img" aria-label="{escape(title)}" class="portal-chart">'
             f'<title>{escape(title)}</title>',
             f'<line x1="{pad_left}" y1="{height - pad_bottom}" x2="{width}" y2="{height - pad_bottom}" '
             f'stroke="#999" stroke-width="1"/>']
    step = -(-n // MAX_LABELS)  # at most MAX_LABELS labels, so they never overlap
    for i, (label, value) in enumerate(zip(labels, values, strict=False)):
        h = plot_h * value / top
        x = pad_left + i * slot + (slot - bar_w) / 2
        y = height - pad_bottom - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="#2e7d32">'
                     f'<title>{escape(label)}: {escape(format_vnd(value))}</title></rect>')
        if i % step == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 6}" font-size="{LABEL_PX}" text-anchor="middle" '
                         f'fill="#333">{escape(label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
