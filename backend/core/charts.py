"""Server-side SVG bar charts (no JavaScript, accessible: role=img with a title and a data table
next to it in the page)."""

from __future__ import annotations

from django.utils.html import escape


def format_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def bar_chart_svg(series: list[tuple[str, int]], *, title: str, width: int = 640, height: int = 220,
                  colour: str = "#b3261e") -> str:
    if not series:
        return ""
    top = max(v for _label, v in series) or 1
    pad_left, pad_bottom = 8, 28
    inner_w, inner_h = width - pad_left * 2, height - pad_bottom - 10
    step = inner_w / len(series)
    bar_w = max(step * 0.7, 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(series):
        h = inner_h * value / top
        x = pad_left + i * step + (step - bar_w) / 2
        y = 10 + inner_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}">'
                     f'<title>{escape(label)}: {format_number(value)}</title></rect>')
        if len(series) <= 31:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 10}" font-size="10" text-anchor="middle">'
                         f'{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
