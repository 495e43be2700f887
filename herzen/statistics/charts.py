"""Server-rendered SVG bar charts with error bars: no script and nothing from another host.

Horizontal bars (labels above each bar, so a 390 px phone shows them whole), scaled to the largest value plus
its margin; each bar carries its 95 % margin as a whisker and its figure as text. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH = 340
ROW = 38
LEFT = 4
VALUE_ROOM = 90


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    margin: int = 0


def bar_chart(title: str, bars: Sequence[Bar]) -> SafeString:
    height = max(1, len(bars)) * ROW + 8
    top = max((bar.value + bar.margin for bar in bars), default=0) or 1
    span = WIDTH - LEFT - VALUE_ROOM
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for index, bar in enumerate(bars):
        y = index * ROW + 4
        length = span * bar.value / top
        low = span * max(0, bar.value - bar.margin) / top
        high = span * (bar.value + bar.margin) / top
        figure = f"{bar.value:,}".replace(",", "\u202f") + (f" ±{bar.margin}" if bar.margin else "")
        parts.append(f'<text x="{LEFT}" y="{y + 11}" class="chart__label">{escape(bar.label)}</text>')
        parts.append(
            f'<rect x="{LEFT}" y="{y + 16}" width="{length:.1f}" height="14" class="chart__bar"></rect>'
        )
        if bar.margin:
            parts.append(
                f'<path d="M{LEFT + low:.1f} {y + 23}H{LEFT + high:.1f}M{LEFT + low:.1f} {y + 18}V{y + 28}'
                f'M{LEFT + high:.1f} {y + 18}V{y + 28}" class="chart__error"></path>'
            )
        parts.append(
            f'<text x="{LEFT + high + 6:.1f}" y="{y + 28}" class="chart__value">{escape(figure)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
