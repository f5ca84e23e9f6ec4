"""The pair page's chart of events per year, as inline SVG. static/ui.js draws the same
markup (yearChart) when the filters change: keep the two in step."""

from __future__ import annotations

import math

from bilat.know.charts import nice_step
from bilat.serve.ui.layout import h

HEIGHT = 200
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 18, 26
STEP = 56  # horizontal room per bar
WIDTH_MIN = 360


def year_chart(counts: list[tuple[int | None, int]], title: str, undated: str) -> str:
    """A bar per year (and one for the undated), its count above it; a <g class="bar"> per
    bar with data-year and data-count, which tests and the script read."""
    n = len(counts)
    width = max(WIDTH_MIN, LEFT + RIGHT + STEP * n)
    plot_h = HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    top = max([c for _, c in counts] or [1])
    step = max(1, int(nice_step(top, 4)))
    ticks = list(range(0, step * math.ceil(top / step) + 1, step))
    scale = plot_h / ticks[-1] if ticks[-1] else 0.0
    parts = [f'<svg class="chart" role="img" aria-label="{h(title)}" width="{width}" '
             f'height="{HEIGHT}" viewBox="0 0 {width} {HEIGHT}"><title>{h(title)}</title>']
    for t in ticks:
        y = base - t * scale
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{width - RIGHT}" '
                     f'y2="{y:.1f}"/><text class="tick" x="{LEFT - 5}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{t}</text>')
    parts.append(f'<path class="axis" d="M{LEFT} {TOP} V{base} H{width - RIGHT}"/>')
    slot = (width - LEFT - RIGHT) / max(1, n)
    bar_w = min(30.0, slot * 0.6)
    for i, (year, count) in enumerate(counts):
        cx = LEFT + slot * (i + 0.5)
        bh = count * scale
        label = str(year) if year is not None else undated
        parts.append(
            f'<g class="bar" data-year="{year if year is not None else ""}" '
            f'data-count="{count}"><rect x="{cx - bar_w / 2:.1f}" y="{base - bh:.1f}" '
            f'width="{bar_w:.1f}" height="{max(bh, 0.5):.1f}"><title>{h(label)}: {count}'
            f'</title></rect><text class="value" x="{cx:.1f}" y="{base - bh - 4:.1f}" '
            f'text-anchor="middle">{count}</text><text class="label" x="{cx:.1f}" '
            f'y="{base + 16:.1f}" text-anchor="middle">{h(label)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
