"""The test site as readers see it, in a real browser: headless Chromium (Debian's package, driven
by Playwright) loads the page with every directive and role, built with four themes, with the
system in light and in dark mode, with each theme's own light/dark switch, on a narrow (400 px)
and a desktop (1280 px) screen, and measures from the computed styles:

- every badge's text has a contrast of at least 4.5:1 (WCAG AA) with the badge's background,
  and the badge is light on a light page and dark on a dark one;
- the page never scrolls sideways, and on a desktop screen no policy table is cut off;
- every date is on one line, and a badge with a short label too.

Set NEURON_POLICY_BROWSER_REPORT to a file name to get one JSON line of measurements per case.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .readers import CHROMIUM, CHROMIUM_ARGS, READERS, require, sphinx_build


@dataclass(frozen=True)
class Switch:
    """A theme's own light/dark switch: a menu item per scheme (``{}`` stands for it) or a button
    that cycles through them, and the element whose ``data-theme`` says what the page shows."""

    cycle: str
    element: str  # "body" or "html"
    item: str | None = None


PYDATA = Switch(".theme-switch-button", "html", item='.theme-change-button[data-mode="{}"]')  # a menu from 0.16
THEMES: dict[str, Switch | None] = {
    "alabaster": None,  # no dark mode: a light page whatever the system says
    "furo": Switch(".theme-toggle", "body"),
    "pydata_sphinx_theme": PYDATA,
    "sphinx_book_theme": PYDATA,
}
#: Themes whose text column takes the matrices whole on a desktop screen (alabaster's is 660 px:
#: there they scroll inside their frame, as on a narrow screen).
WIDE_ENOUGH = {"furo", "pydata_sphinx_theme", "sphinx_book_theme"}
MATRICES = {"neuron-support-matrix", "neuron-dependency-matrix"}
NARROW, DESKTOP = 400, 1280
AA = 4.5


def cases() -> Iterator[Any]:
    for theme, switch in THEMES.items():
        for choice in (None, "light", "dark") if switch else (None,):
            for system in ("light", "dark"):
                for width in (NARROW, DESKTOP):
                    name = f"{theme}-system-{system}-{f'switch-{choice}' if choice else 'auto'}-{width}px"
                    yield pytest.param(theme, system, choice, width, id=name)


# -- colour arithmetic (WCAG 2.x) -------------------------------------------------------------------


def luminance(rgb: tuple[float, float, float]) -> float:
    """Relative luminance of an sRGB colour with 0-255 channels."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_arithmetic_matches_wcag() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)  # #777: fails AA
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)  # #767676: passes


# -- what the page shows ------------------------------------------------------------------------------

#: Runs in the page: the colours, line counts and widths the assertions need.
MEASURE = """
() => {
  const rgba = (text) => {
    const m = text.match(/rgba?\\(([^)]*)\\)/);
    if (!m) return [0, 0, 0, 0];
    const parts = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  // The colour behind an element: its ancestors' backgrounds, composited from the canvas up.
  const behind = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let [r, g, b] = [255, 255, 255];  // the canvas of a page that sets no colour
    for (const [lr, lg, lb, a] of layers.reverse()) {
      [r, g, b] = [lr * a + r * (1 - a), lg * a + g * (1 - a), lb * a + b * (1 - a)];
    }
    return [r, g, b];
  };
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  };
  const badges = [...document.querySelectorAll("span.neuron-phase")].filter((el) => !el.closest("details:not([open])")).map((el) => {
    const style = getComputedStyle(el);
    return {
      text: el.textContent, long: el.classList.contains("neuron-phase-long"),
      matrix: !!el.closest("table.neuron-dependency-matrix"),
      fg: rgba(style.color).slice(0, 3), bg: behind(el), page: behind(el.parentElement),
      lines: lines(el), hyphens: style.hyphens, wrap: style.overflowWrap,
    };
  });
  // (the timeline's table is folded in a closed details box: not laid out, not measured)
  const dates = [...document.querySelectorAll("span.neuron-date")].filter((el) => !el.closest("details:not([open])")).map((el) => ({
    text: el.textContent, lines: el.getClientRects().length, whiteSpace: getComputedStyle(el).whiteSpace,
  }));
  const tables = [...document.querySelectorAll("table.neuron-policy")].map((table) => {
    let box = table.parentElement;
    while (box && !["auto", "scroll", "hidden"].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    const kind = [...table.classList].find((c) => c !== "neuron-policy" && c.startsWith("neuron-"));
    return { kind, scroll: box ? box.scrollWidth : 0, client: box ? box.clientWidth : 0 };
  });
  return {
    badges, dates, tables,
    scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
    page: behind(document.querySelector("p.neuron-policy-as-of")),
    scheme: { html: document.documentElement.dataset.theme || null, body: document.body.dataset.theme || null },
  };
}
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require(importlib.util.find_spec("playwright"), "Playwright (pip install -e '.[browser]')")
    require(CHROMIUM, "Chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test site built with each theme, on first use."""
    return {}


def site(sites: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, theme: str) -> Path:
    if theme not in sites:
        require(importlib.util.find_spec(theme), f"the {theme} theme (pip install -e '.[browser]')")
        out = tmp_path_factory.mktemp(theme)
        result = sphinx_build("-b", "html", "-D", f"html_theme={theme}", str(READERS), str(out), cwd=READERS)
        assert result.returncode == 0 and result.stderr == "", result.stderr
        sites[theme] = out
    return sites[theme]


def dark(rgb: list[float]) -> bool:
    return luminance((rgb[0], rgb[1], rgb[2])) < 0.18


def choose(page: Any, switch: Switch, choice: str) -> None:
    """Use the theme's own switch until the page shows ``choice``, as a reader would."""
    read = f"document.{'body' if switch.element == 'body' else 'documentElement'}.dataset.theme"
    item = switch.item.format(choice) if switch.item else None
    for _ in range(4):
        if page.evaluate(read) == choice:
            return
        target = item if item and page.locator(item).count() else switch.cycle
        page.evaluate(f"document.querySelector({json.dumps(target)}).click()")
    raise AssertionError(f"the theme's switch never showed {choice!r}: {page.evaluate(read)!r}")


@pytest.mark.parametrize(("theme", "system", "choice", "width"), list(cases()))
def test_the_page_as_readers_see_it(
    browser: Any,
    sites: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
    theme: str,
    system: str,
    choice: str | None,
    width: int,
) -> None:
    out = site(sites, tmp_path_factory, theme)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=system)
    try:
        page = context.new_page()
        page.goto((out / "index.html").as_uri(), wait_until="load")
        switch = THEMES[theme]
        if switch and choice:
            choose(page, switch, choice)
        seen = page.evaluate(MEASURE)
    finally:
        context.close()

    # The page shows the scheme the reader asked for (alabaster has only a light one).
    expect_dark = switch is not None and (choice == "dark" or (choice is None and system == "dark"))
    assert dark(seen["page"]) == expect_dark, seen["scheme"]

    badges = seen["badges"]
    assert len(badges) >= 20
    ratios = [contrast(tuple(b["fg"]), tuple(b["bg"])) for b in badges]
    low = [(b["text"], round(r, 2)) for b, r in zip(badges, ratios, strict=True) if r < AA]
    assert not low, f"badge text below {AA}:1 against the badge: {low}"
    wrong = [b["text"] for b in badges if dark(b["bg"]) != dark(b["page"])]
    assert not wrong, f"badges in the other scheme than their page ({'dark' if expect_dark else 'light'}): {wrong}"

    assert seen["scrollWidth"] <= seen["viewport"], "the page scrolls sideways"
    if width == DESKTOP and theme in WIDE_ENOUGH:
        cut = [t["kind"] for t in seen["tables"] if t["kind"] in MATRICES and t["scroll"] > t["client"] + 1]
        assert not cut, f"matrices cut off on a {width} px screen: {cut}"

    dates = seen["dates"]
    assert len(dates) >= 20
    assert [d["text"] for d in dates if d["lines"] != 1] == []
    assert {d["whiteSpace"] for d in dates} == {"nowrap"}
    # A badge breaks only between words: when its label is long, or in a squeezed matrix column.
    assert [b["text"] for b in badges if not (b["long"] or b["matrix"]) and b["lines"] != 1] == []
    assert {(b["hyphens"], b["wrap"]) for b in badges} == {("manual", "normal")}
    assert any(b["long"] for b in badges)

    report = os.environ.get("NEURON_POLICY_BROWSER_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as stream:
            case = {"theme": theme, "system": system, "switch": choice or "auto", "width": width}
            stream.write(json.dumps({**case, "min_contrast": round(min(ratios), 2), "badges": len(badges)}) + "\n")


# -- the timeline ------------------------------------------------------------------------------------

#: Runs in the page: the drawing shown, its scale, and the colours of its bars, words and lines.
TIMELINE = """
() => {
  const rgb = (text) => (text.match(/[0-9.]+/g) || [0, 0, 0]).slice(0, 3).map(Number);
  const behind = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const m = getComputedStyle(e).backgroundColor.match(/[0-9.]+/g);
      if (m && (m.length < 4 || Number(m[3]) > 0.5)) return m.slice(0, 3).map(Number);
    }
    return [255, 255, 255];
  };
  const shown = [...document.querySelectorAll("svg.neuron-timeline")].filter((s) => s.getBoundingClientRect().width > 0);
  const svg = shown[0];
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const bars = [...svg.querySelectorAll("g.nt-seg")].filter((g) => g.querySelector("text")).map((g) => ({
    text: g.querySelector("text").textContent,
    fg: rgb(getComputedStyle(g.querySelector("text")).fill),
    bg: rgb(getComputedStyle(g.querySelector("rect")).fill),
  }));
  const words = [...svg.querySelectorAll("text.nt-text")].map((t) => ({ text: t.textContent, fg: rgb(getComputedStyle(t).fill) }));
  const sizes = [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
  const today = svg.querySelector("g.nt-today text");
  return {
    shown: shown.length, narrow: svg.classList.contains("neuron-timeline-narrow"), scale, bars, words,
    today: today ? rgb(getComputedStyle(today).fill) : null, smallest: Math.min(...sizes), page: behind(svg.parentElement),
    scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
  };
}
"""


def timeline_cases() -> Iterator[Any]:
    for theme in THEMES:
        for system in ("light", "dark"):
            for width in (NARROW, DESKTOP):
                yield pytest.param(theme, system, width, id=f"{theme}-system-{system}-{width}px")


@pytest.mark.parametrize(("theme", "system", "width"), list(timeline_cases()))
def test_the_timeline_as_readers_see_it(
    browser: Any, sites: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, theme: str, system: str, width: int
) -> None:
    """The timeline in the page's scheme: its bars in the badges' colours, light on a light page and
    dark on a dark one, every word at 4.5:1 or more, no word smaller than 9 px, the narrow drawing
    on a narrow screen, and the page still never scrolls sideways."""
    out = site(sites, tmp_path_factory, theme)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=system)
    try:
        page = context.new_page()
        page.goto((out / "index.html").as_uri(), wait_until="load")
        seen = page.evaluate(TIMELINE)
    finally:
        context.close()
    expect_dark = THEMES[theme] is not None and system == "dark"
    assert dark(seen["page"]) == expect_dark
    assert seen["shown"] == 1 and seen["narrow"] == (width == NARROW)
    assert len(seen["bars"]) >= 10
    low = [(b["text"], round(contrast(tuple(b["fg"]), tuple(b["bg"])), 2)) for b in seen["bars"]]
    assert [item for item in low if item[1] < AA] == []
    assert [b["text"] for b in seen["bars"] if dark(b["bg"]) != expect_dark] == []
    page_colour = tuple(seen["page"])
    assert [w["text"] for w in seen["words"] if contrast(tuple(w["fg"]), page_colour) < AA] == []
    assert contrast(tuple(seen["today"]), page_colour) >= AA
    assert seen["smallest"] >= 9, seen["scale"]
    assert seen["scrollWidth"] <= seen["viewport"], "the page scrolls sideways"
