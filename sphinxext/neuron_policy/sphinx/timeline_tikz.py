"""The timeline picture as a TikZ drawing, for LaTeX and PDF: the same layout as the SVG, in the
same units (y downwards), scaled as a whole to the width of the text block. Vector graphics and
real text, in the light colours (a printed page is light). Every string goes through the LaTeX
translator's ``encode``, which escapes what LaTeX would read as markup.
"""

from __future__ import annotations

from collections.abc import Callable

from ..core import FAMILY, LIGHT, Layout, text_width

FONT = r"\sffamily\fontsize{12}{14}\selectfont"
SMALL_FONT = r"\sffamily\fontsize{11}{13}\selectfont"
SMALL = 11.0
PAD = 6.0


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _colours() -> list[str]:
    lines = []
    for family, (bg, fg) in sorted(LIGHT.items()):
        lines.append(rf"\definecolor{{nt{family}bg}}{{HTML}}{{{bg.upper()}}}")
        lines.append(rf"\definecolor{{nt{family}fg}}{{HTML}}{{{fg.upper()}}}")
    lines.append(r"\definecolor{nttoday}{HTML}{C62828}")
    return lines


def tikz(layout: Layout, encode: Callable[[str], str]) -> str:
    """The picture as LaTeX: a ``tikzpicture`` in a box the width of the line."""
    out = ["", r"\par\noindent\begingroup", *_colours(), r"\resizebox{\linewidth}{!}{%"]
    out.append(rf"\begin{{tikzpicture}}[x=1pt,y=-1pt,inner sep=0pt,font={FONT}]")
    out.append(rf"\useasboundingbox (0,0) rectangle ({_n(layout.width)},{_n(layout.height)});")

    def swatch(phase: str, x0: float, y0: float, x1: float, y1: float, text: str | None) -> None:
        family = FAMILY[phase]
        out.append(
            rf"\filldraw[fill=nt{family}bg,draw=nt{family}fg,rounded corners=1.5pt] "
            rf"({_n(x0)},{_n(y0)}) rectangle ({_n(max(x1, x0 + 1))},{_n(y1)});"
        )
        if text:
            out.append(
                rf"\node[anchor=base west,text=nt{family}fg,font={SMALL_FONT}] "
                rf"at ({_n(x0 + PAD)},{_n((y0 + y1) / 2 + SMALL * 0.35)}) {{{encode(text)}}};"
            )

    def text(x: float, y: float, value: str, anchor: str = "base west", style: str = "") -> None:
        out.append(rf"\node[anchor={anchor}{style}] at ({_n(x)},{_n(y)}) {{{encode(value)}}};")

    def arrow(x: float, y: float, colour: str) -> None:
        out.append(
            rf"\fill[{colour}] ({_n(x - 7)},{_n(y - 5)}) -- ({_n(x)},{_n(y)}) -- ({_n(x - 7)},{_n(y + 5)}) -- cycle;"
        )

    for phase, x, y, abbreviation, label in layout.legend:
        x1 = x + text_width(abbreviation, SMALL) + 2 * PAD
        swatch(phase, x, y - 8, x1, y + 8, abbreviation)
        text(x1 + 4, y + SMALL * 0.35, label, style=f",font={SMALL_FONT}")
    if layout.open_end_legend is not None:
        x, y = layout.open_end_legend
        arrow(x + 8, y, "black")
        text(x + 12, y + SMALL * 0.35, layout.open_end, style=f",font={SMALL_FONT}")
    top, bottom = layout.plot_y0 - 4, layout.plot_y1
    for x in layout.months:
        out.append(rf"\draw[black!12] ({_n(x)},{_n(top)}) -- ({_n(x)},{_n(bottom)});")
    for x, year, label_x in layout.years:
        out.append(rf"\draw[black!55] ({_n(x)},{_n(top - 8)}) -- ({_n(x)},{_n(bottom)});")
        if label_x is not None:
            text(label_x, layout.axis_y, year, anchor="base")
    for heading, y in layout.groups:
        text(0, y, heading, style=r",font=\sffamily\bfseries\fontsize{12}{14}\selectfont")
    for row in layout.rows:
        text(PAD, row.label_y, row.label)
        for seg in row.segments:
            swatch(seg.phase, seg.x0, seg.y0, seg.x1, seg.y1, seg.text)
            if seg.open_end:
                arrow(seg.x1, row.y, f"nt{FAMILY[seg.phase]}fg")
    if layout.today_x is not None:
        x = layout.today_x
        line = "nttoday,line width=1.5pt,dash pattern=on 4pt off 3pt"
        out.append(rf"\draw[{line}] ({_n(x)},{_n(layout.today_y + 3)}) -- ({_n(x)},{_n(layout.plot_y1)});")
        east = x > layout.width - text_width(layout.today_label, SMALL) - PAD
        text(
            x - 4 if east else x + 4,
            layout.today_y,
            layout.today_label,
            "base east" if east else "base west",
            f",text=nttoday,font={SMALL_FONT}",
        )
    out += [r"\end{tikzpicture}}", r"\endgroup\par", ""]
    return "\n".join(out)
