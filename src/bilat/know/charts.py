"""Charts as inline SVG, written as text: no JavaScript library, fonts or images, so a report
with charts is one file that opens offline and prints as it shows.

    bar_chart([Bar("2021", 4.29e9, "4.29 billion"), ...], title=..., y_label="USD") -> "<svg ..."
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from bilat.know.escaping import html_text

WIDTH_MIN = 360
BAR_STEP = 64  # horizontal room per bar; wide enough for a "2023-07" label
HEIGHT = 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 78, 16, 30, 58
COLOUR, COLOUR_CONFLICT = "#3b6ea5", "#c0392b"


@dataclass(frozen=True)
class Bar:
    """One bar: its axis label, height, the text shown above it and its hover text."""

    label: str
    value: float
    shown: str
    tooltip: str
    flagged: bool = False  # drawn in the warning colour (sources disagree)


def nice_step(span: float, ticks: int = 5) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving about `ticks` steps over `span`."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def axis_ticks(top: float, ticks: int = 5) -> list[float]:
    """Tick values from 0 to the first step at or above `top`."""
    step = nice_step(top, ticks)
    count = max(1, math.ceil(top / step - 1e-9))
    return [i * step for i in range(count + 1)]


def _text(x: float, y: float, body: str, anchor: str = "middle", cls: str = "",
          rotate: float | None = None) -> str:
    extra = f' transform="rotate({rotate:g} {x:.1f} {y:.1f})"' if rotate is not None else ""
    klass = f' class="{cls}"' if cls else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}{extra}>'
            f"{html_text(body)}</text>")


def bar_chart(bars: list[Bar], *, title: str, x_label: str, y_label: str,
              tick_format: Callable[[float], str] = lambda v: f"{v:g}") -> str:
    """A vertical bar chart with a y axis (ticks, unit), period labels under the bars, each
    bar's value above it and a <title> per bar that hovering shows (every source value)."""
    width = max(WIDTH_MIN, MARGIN_LEFT + MARGIN_RIGHT + BAR_STEP * len(bars))
    plot_w = width - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    base = MARGIN_TOP + plot_h
    top = max([b.value for b in bars if b.value > 0] or [1.0])
    ticks = axis_ticks(top)
    scale = plot_h / ticks[-1] if ticks[-1] else 0.0
    parts = [f'<svg class="chart" role="img" '  # inline in HTML: no xmlns needed
             f'width="{width}" height="{HEIGHT}" viewBox="0 0 {width} {HEIGHT}">',
             f"<title>{html_text(title)}</title>"]
    for t in ticks:  # gridlines with their values
        y = base - t * scale
        parts.append(f'<line class="grid" x1="{MARGIN_LEFT}" y1="{y:.1f}" '
                     f'x2="{width - MARGIN_RIGHT}" y2="{y:.1f}"/>')
        parts.append(_text(MARGIN_LEFT - 6, y + 4, tick_format(t), "end", "tick"))
    parts.append(f'<path class="axis" d="M{MARGIN_LEFT} {MARGIN_TOP} V{base} '
                 f'H{width - MARGIN_RIGHT}"/>')
    slot = plot_w / max(1, len(bars))
    bar_w = min(40.0, slot * 0.6)
    for i, bar in enumerate(bars):
        cx = MARGIN_LEFT + slot * (i + 0.5)
        h = max(0.0, bar.value) * scale
        fill = COLOUR_CONFLICT if bar.flagged else COLOUR
        parts.append(f'<g class="bar{" conflict" if bar.flagged else ""}">'
                     f'<rect x="{cx - bar_w / 2:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" '
                     f'height="{max(h, 0.5):.1f}" fill="{fill}">'
                     f"<title>{html_text(bar.tooltip)}</title></rect>"
                     + _text(cx, base - h - 5, bar.shown, cls="value")
                     + _text(cx, base + 16, bar.label, cls="label") + "</g>")
    parts.append(_text(MARGIN_LEFT + plot_w / 2, HEIGHT - 10, x_label, cls="axis-title"))
    parts.append(_text(16, MARGIN_TOP + plot_h / 2, y_label, cls="axis-title", rotate=-90))
    parts.append("</svg>")
    return "".join(parts)
