"""Pictures the docs ship are well-formed and accessible."""

from __future__ import annotations

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
