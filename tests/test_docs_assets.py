"""Pictures the docs ship are well-formed and accessible."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

STATIC = Path(__file__).resolve().parents[1] / "example_docs" / "_static"
SVG = "{http://www.w3.org/2000/svg}"


def test_the_architecture_picture_is_an_svg_with_a_title_and_a_description() -> None:
    root = ElementTree.parse(STATIC / "architecture.svg").getroot()
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    labelled = (root.get("aria-labelledby") or "").split()
    texts = {el.get("id"): "".join(el.itertext()).strip() for el in root if el.get("id") in labelled}
    assert [root.find(f"{SVG}title"), root.find(f"{SVG}desc")] != [None, None]
    assert all(texts.get(i) for i in labelled) and len(labelled) == 2
    assert (STATIC / "architecture.png").is_file()  # the same picture, for LaTeX


def test_every_picture_the_readme_shows_is_there() -> None:
    readme = (STATIC.parents[1] / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", readme)
    assert {"example_docs/_static/policy-page.png", "example_docs/_static/policy-page-dark.png"} <= set(pictures)
    assert {"example_docs/_static/timeline.png", "example_docs/_static/timeline-dark.png"} <= set(pictures)
    for picture in pictures:
        data = (STATIC.parents[1] / picture).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") or picture.endswith(".svg"), picture
