"""The timeline picture as SVG, for HTML pages: built with ``xml.etree``, so every string from
the data is escaped; characters XML cannot hold are replaced.

The picture is accessible as an image (``role="img"``, a title and a description that says what
every bar says), and each bar has a tooltip. Its colours are presentation attributes in the
light scheme, which the stylesheet overrides with its variables (the same as the badges'), so
that inline in a page it follows the theme's light and dark modes; text outside the bars takes
the page's text colour.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from .atom import xml_text
from .chart_layout import FAMILY, FONT, LIGHT, PAD, SMALL, Layout, text_width

SVG = "http://www.w3.org/2000/svg"


def _n(value: float) -> str:
    """A coordinate: one decimal at most, the same text for the same value on every machine."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _el(parent: ET.Element, tag: str, text: str | None = None, **attributes: str | float) -> ET.Element:
    element = ET.SubElement(
        parent,
        f"{{{SVG}}}{tag}",
        {
            k.rstrip("_").replace("_", "-"): _n(v) if isinstance(v, float) else xml_text(str(v))
            for k, v in attributes.items()
        },
    )
    if text is not None:
        element.text = xml_text(text)
    return element


def _swatch(
    parent: ET.Element, phase: str, x0: float, y0: float, x1: float, y1: float, text: str | None, tip: str | None
) -> ET.Element:
    family = FAMILY[phase]
    bg, fg = LIGHT[family]
    group = _el(parent, "g", class_=f"nt-seg nt-{family} nt-phase-{phase}")
    if tip:
        _el(group, "title", tip)
    _el(group, "rect", x=x0, y=y0, width=max(x1 - x0, 1.0), height=y1 - y0, rx=3.0, fill=f"#{bg}", stroke=f"#{fg}")
    if text:
        _el(group, "text", text, x=x0 + PAD, y=(y0 + y1) / 2 + SMALL * 0.35, fill=f"#{fg}", font_size=SMALL)
    return group


def _arrow(parent: ET.Element, x: float, y: float) -> None:
    """A right-pointing arrowhead ending at ``x``: the bar goes on, its end is not known."""
    _el(parent, "path", class_="nt-arrow", d=f"M{_n(x - 7)} {_n(y - 5)} L{_n(x)} {_n(y)} L{_n(x - 7)} {_n(y + 5)} Z")


def timeline_svg(layout: Layout, *, title: str, desc: str, ident: str, classes: str = "") -> str:
    """The picture as an ``<svg>`` element (text), with ids that start with ``ident``."""
    ET.register_namespace("", SVG)
    svg = ET.Element(
        f"{{{SVG}}}svg",
        {
            "class": f"neuron-timeline {classes}".strip(),
            "role": "img",
            "aria-labelledby": f"{ident}-title {ident}-desc",
            "viewBox": f"0 0 {_n(layout.width)} {_n(layout.height)}",
            "width": _n(layout.width),
            "height": _n(layout.height),
            "font-family": "sans-serif",
            "font-size": _n(FONT),
        },
    )
    _el(svg, "title", title, id=f"{ident}-title")
    _el(svg, "desc", desc, id=f"{ident}-desc")

    legend = _el(svg, "g", class_="nt-legend")
    for phase, x, y, abbreviation, label in layout.legend:
        x1 = x + text_width(abbreviation, SMALL) + 2 * PAD
        _swatch(legend, phase, x, y - 8, x1, y + 8, abbreviation, None)
        _el(legend, "text", label, x=x1 + 4, y=y + SMALL * 0.35, font_size=SMALL, class_="nt-text")
    if layout.open_end_legend is not None:
        x, y = layout.open_end_legend
        _arrow(legend, x + 8, y)
        _el(legend, "text", layout.open_end, x=x + 12, y=y + SMALL * 0.35, font_size=SMALL, class_="nt-text")

    grid = _el(svg, "g", class_="nt-grid")
    top, bottom = layout.plot_y0 - 4, layout.plot_y1
    for x in layout.months:
        _el(grid, "line", class_="nt-month", x1=x, x2=x, y1=top, y2=bottom, stroke="#888888", stroke_opacity="0.15")
    for x, year, label_x in layout.years:
        _el(grid, "line", class_="nt-year", x1=x, x2=x, y1=top - 8, y2=bottom, stroke="#888888", stroke_opacity="0.6")
        if label_x is not None:
            _el(grid, "text", year, x=label_x, y=layout.axis_y, text_anchor="middle", class_="nt-text")

    rows = _el(svg, "g", class_="nt-rows")
    for heading, y in layout.groups:
        _el(rows, "text", heading, x=0.0, y=y, font_weight="bold", class_="nt-text nt-group")
    for row in layout.rows:
        group = _el(rows, "g", class_="nt-row")
        text = _el(group, "text", row.label, x=PAD, y=row.label_y, class_="nt-text nt-label")
        if row.label != row.full_label:
            _el(text, "title", row.full_label)
        for seg in row.segments:
            shape = _swatch(group, seg.phase, seg.x0, seg.y0, seg.x1, seg.y1, seg.text, seg.tip)
            if seg.open_end:
                _arrow(shape, seg.x1, row.y)

    if layout.today_x is not None:
        today = _el(svg, "g", class_="nt-today")
        _el(
            today,
            "line",
            x1=layout.today_x,
            x2=layout.today_x,
            y1=layout.today_y + 3,
            y2=layout.plot_y1,
            stroke="#c62828",
            stroke_width="1.5",
            stroke_dasharray="4 3",
        )
        anchor = "end" if layout.today_x > layout.width - text_width(layout.today_label, SMALL) - PAD else "start"
        offset = -4.0 if anchor == "end" else 4.0
        _el(
            today,
            "text",
            layout.today_label,
            x=layout.today_x + offset,
            y=layout.today_y,
            font_size=SMALL,
            text_anchor=anchor,
            fill="#c62828",
            class_="nt-today-label",
        )
    ET.indent(svg, space="")
    return ET.tostring(svg, encoding="unicode")
