"""Where everything of the timeline picture goes: one layout, which the SVG (HTML) and the TikZ
(LaTeX) drawings both follow, in the same units (a 720-unit-wide picture, 12-unit type).

Text is never left to colour alone: each bar says its phase in words, or, where the words do not
fit, in an abbreviation that the legend spells out; a bar too short even for that names its
phase in its tooltip and in the picture's description. A bar whose end is not known runs to the
right edge, ends in an arrow and says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .chart import Chart, Row
from .phases import PHASES

WIDTH = 720.0
#: The picture for narrow screens: each row's label above its bar, the bars the full width.
NARROW = 380.0
FONT = 12.0
SMALL = 11.0
ROW = 24.0
BAR = 17.0
GROUP = 22.0
LEGEND = 26.0
#: From the legend to the first row: the years' labels, then the today line's label.
AXIS = 38.0
PAD = 6.0
#: Average advance of a character in em, on the safe side for sans-serif fonts.
EM = 0.6
#: The longest row label, as a share of the width; longer ones are shortened with an ellipsis.
MAX_LABEL = 0.34

#: Short forms of the phase labels for bars too short for the label (the legend spells them out).
ABBREVIATIONS = {
    "upcoming": "Upc.",
    "beta": "Beta",
    "rc": "RC",
    "supported": "Sup.",
    "eos-announced": "EOS ann.",
    "announced": "Ann.",
    "maintenance": "Maint.",
    "end-of-support": "EOS",
}
#: The colour family (stylesheet variables ``--neuron-<family>-bg/-fg``) of each phase.
FAMILY = {
    "upcoming": "upcoming",
    "beta": "upcoming",
    "rc": "upcoming",
    "supported": "supported",
    "eos-announced": "announced",
    "announced": "announced",
    "maintenance": "maintenance",
    "end-of-support": "eos",
}
#: The light colours (the stylesheet's defaults), for a picture seen without the stylesheet and for PDF.
LIGHT = {
    "upcoming": ("ede7f6", "4527a0"),
    "supported": ("e6f4ea", "1e6b34"),
    "announced": ("fff4e0", "8a4b00"),
    "maintenance": ("e3f0fb", "0b4f8a"),
    "eos": ("f1f1f1", "5a5a5a"),
}


def text_width(text: str, size: float = FONT) -> float:
    return len(text) * size * EM


def shorten(text: str, width: float, size: float = FONT) -> str:
    """The text, cut with an ellipsis to fit ``width``."""
    if text_width(text, size) <= width:
        return text
    keep = max(1, int(width / (size * EM)) - 1)
    return text[:keep].rstrip() + "\u2026"


@dataclass(frozen=True)
class Words:
    """The words of the picture, in the page's language."""

    phases: Mapping[str, str]
    #: The today line's label (``As of 2026-11-24``).
    today: str
    #: Said at the end of a bar whose end is not known.
    open_end: str


@dataclass(frozen=True)
class Segment:
    """One period drawn as a bar: its box, the text in it (None: too short), and whether it runs
    off either edge of the window (``open_end``: its end is not known at all)."""

    phase: str
    x0: float
    x1: float
    y0: float
    y1: float
    text: str | None
    #: What the tooltip says: the phase and its dates.
    tip: str
    open_end: bool
    cut_start: bool
    cut_end: bool


@dataclass(frozen=True)
class RowShape:
    label: str
    full_label: str
    y: float  # the middle of its bar
    label_y: float  # the baseline of its label
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    plot_x0: float
    plot_x1: float
    #: The top and bottom of the plot area (rows), and the y of the axis labels.
    plot_y0: float
    plot_y1: float
    #: The baselines of the years' labels and of the today line's label.
    axis_y: float
    today_y: float
    rows: tuple[RowShape, ...]
    #: Group headings: (text, y of its baseline).
    groups: tuple[tuple[str, float], ...]
    #: Year lines: (x, the year, x of its label or None when the label would not fit).
    years: tuple[tuple[float, str, float | None], ...]
    months: tuple[float, ...]
    today_x: float | None
    today_label: str
    #: Legend entries: (phase, x of the swatch, y of its middle, its abbreviation, its label).
    legend: tuple[tuple[str, float, float, str, str], ...]
    #: Where the legend explains the arrow of a bar whose end is not known (x, y), if one has.
    open_end_legend: tuple[float, float] | None
    open_end: str


def _x(chart: Chart, x0: float, x1: float) -> Callable[[dt.date], float]:
    span = (chart.end - chart.start).days

    def x(day: dt.date) -> float:
        return x0 + (x1 - x0) * (day - chart.start).days / span

    return x


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    found, day = [], dt.date(start.year, start.month, 1)
    while day < end:
        if day >= start:
            found.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return found


def _legend(
    chart: Chart, words: Words, open_end: bool, total: float
) -> tuple[list[tuple[str, float, float, str, str]], tuple[float, float] | None, float]:
    """Legend entries (phase, x, y of the middle, abbreviation, label), in lines that fit the
    width; where the open-end arrow's entry goes (if any bar has one); the height they take."""
    entries: list[tuple[str, float, float, str, str]] = []
    x, y = 0.0, LEGEND / 2
    for phase in chart.phases:
        label = words.phases[phase]
        abbreviation = ABBREVIATIONS[phase]
        width = text_width(abbreviation, SMALL) + 2 * PAD + 4 + text_width(label, SMALL)
        if x and x + width > total:
            x, y = 0.0, y + LEGEND
        entries.append((phase, x, y, abbreviation, label))
        x += width + 3 * PAD
    arrow = None
    if open_end:
        if x and x + 16 + text_width(words.open_end, SMALL) > total:
            x, y = 0.0, y + LEGEND
        arrow = (x, y)
    return entries, arrow, y + LEGEND / 2


def _segment(
    chart: Chart,
    x: Callable[[dt.date], float],
    row: Row,
    index: int,
    y: float,
    words: Words,
    fmt: Callable[[dt.date], str],
) -> Segment | None:
    period = row.periods[index]
    end = period.end or chart.end
    if period.start >= chart.end or end <= chart.start:
        return None
    x0, x1 = x(max(period.start, chart.start)), x(min(end, chart.end))
    label = words.phases[period.phase]
    open_end = period.end is None and period.phase != "end-of-support"
    room = x1 - x0 - 2 * PAD - (8 if open_end else 0)
    text = None
    for candidate in (label, ABBREVIATIONS[period.phase]):
        if text_width(candidate, SMALL) <= room:
            text = candidate
            break
    until = fmt(period.end) if period.end else (words.open_end if open_end else "")
    tip = f"{row.label}: {label}, {fmt(period.start)}" + (f" \u2013 {until}" if until else "")
    half = BAR / 2
    return Segment(
        phase=period.phase,
        x0=x0,
        x1=x1,
        y0=y - half,
        y1=y + half,
        text=text,
        tip=tip,
        open_end=open_end,
        cut_start=period.start < chart.start,
        cut_end=period.end is not None and period.end > chart.end,
    )


def layout(
    chart: Chart,
    words: Words,
    row_label: Callable[[Row], str],
    fmt: Callable[[dt.date], str] = dt.date.isoformat,
    *,
    stacked: bool = False,
) -> Layout:
    """Place the chart: legend, axis, group headings, rows, grid and today line; ``stacked``:
    for a narrow screen, ``NARROW`` wide, each label above its bar."""
    labels = [row_label(row) for row in chart.rows]
    widest = max([text_width(label) for label in labels] + [text_width(row.group) for row in chart.rows] + [60.0])
    total = NARROW if stacked else WIDTH
    label_width = total - 2 * PAD if stacked else min(widest, WIDTH * MAX_LABEL)
    plot_x0, plot_x1 = (PAD if stacked else label_width + 2 * PAD), total - PAD
    row_height = ROW + FONT + 2 if stacked else ROW
    x = _x(chart, plot_x0, plot_x1)
    open_end = any(p.end is None and p.phase != "end-of-support" for row in chart.rows for p in row.periods)
    legend, arrow, legend_height = _legend(chart, words, open_end, total)
    rows_top = legend_height + AXIS
    y, rows, group_titles, group = rows_top, [], [], None
    for row, label in zip(chart.rows, labels, strict=True):
        if row.group != group:
            group = row.group
            group_titles.append((group, y + GROUP - 7))
            y += GROUP
        middle = y + row_height - ROW / 2
        segments = [_segment(chart, x, row, i, middle, words, fmt) for i in range(len(row.periods))]
        label_y = y + FONT if stacked else middle + FONT * 0.35
        rows.append(RowShape(shorten(label, label_width), label, middle, label_y, tuple(s for s in segments if s)))
        y += row_height
    years = []
    for year in range(chart.start.year, chart.end.year + 1):
        day = dt.date(year, 1, 1)
        if not chart.start <= day < chart.end:
            continue
        next_x = x(min(dt.date(year + 1, 1, 1), chart.end))
        fits = next_x - x(day) >= text_width("0000", SMALL) + 4
        years.append((x(day), str(year), (x(day) + next_x) / 2 if fits else None))
    months = tuple(x(day) for day in _months(chart.start, chart.end) if day.month != 1)
    today = x(chart.as_of) if chart.start <= chart.as_of < chart.end else None
    return Layout(
        width=total,
        height=y + PAD,
        plot_x0=plot_x0,
        plot_x1=plot_x1,
        plot_y0=rows_top,
        plot_y1=y,
        axis_y=legend_height + 15,
        today_y=legend_height + 31,
        rows=tuple(rows),
        groups=tuple(group_titles),
        years=tuple(years),
        months=months,
        today_x=today,
        today_label=words.today,
        legend=tuple(legend),
        open_end_legend=arrow,
        open_end=words.open_end,
    )


def describe(chart: Chart, words: Words, row_label: Callable[[Row], str], fmt: Callable[[dt.date], str]) -> str:
    """The picture in words, for screen readers: each row's phases with their dates."""
    parts = []
    for row in chart.rows:
        spans = []
        for period in row.periods:
            open_end = period.end is None and period.phase != "end-of-support"
            until = fmt(period.end) if period.end else (words.open_end if open_end else "")
            spans.append(f"{words.phases[period.phase]} {fmt(period.start)}" + (f" \u2013 {until}" if until else ""))
        parts.append(f"{row_label(row)}: {'; '.join(spans)}.")
    return " ".join(parts)


__all__ = ["ABBREVIATIONS", "FAMILY", "LIGHT", "NARROW", "PHASES", "Layout", "Segment", "Words", "describe", "layout"]
