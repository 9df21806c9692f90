"""A MyST Markdown page using the directives and roles (``tests/roots/test-myst``, as of 2025-06-01).

Data: SDK 1.0.0 (2024-01-10), 1.1.0 (2024-06-10), 1.2.0 (2025-08-01, after the as-of date), no EOS;
Python 3.10 ``>=1.0`` and 3.12 ``>=1.2``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from .conftest import html_soup, table_data, text_of, warnings

pytest.importorskip("myst_parser")

NONE = "\u2014"


@pytest.mark.sphinx("html", testroot="myst", freshenv=True)
def test_myst_page(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    assert app.statuscode == 0
    soup = html_soup(app)
    table = soup.find("table", class_="neuron-support-matrix")
    assert "neuron-policy" in table["class"]
    assert text_of(table.caption.find(class_="caption-text")) == "Latest SDKs"
    assert table_data(table) == (
        ["Version", "Released", "Phase", "EOS announced", "End of support"],
        [  # :limit: 2, newest first; 1.2.0 is released after 2025-06-01
            ["1.2.0", "2025-08-01", "Upcoming", NONE, NONE],
            ["1.1.0", "2024-06-10", "Supported", NONE, NONE],
        ],
    )
    assert text_of(table.parent.find_next_sibling("p")) == "Status as of 2025-06-01."  # after the table's frame
    roles = [(sorted(span["class"]), text_of(span)) for span in soup.find_all("span", class_="neuron-policy")]
    assert roles == [
        (["neuron-phase", "neuron-phase-supported", "neuron-policy"], "Supported"),  # python 3.10 (from 1.0.0)
        (["neuron-phase", "neuron-phase-upcoming", "neuron-policy"], "Upcoming"),  # python 3.12 (from 1.2.0)
        (["neuron-date", "neuron-policy", "neuron-released"], "2025-08-01"),  # the first release supporting 3.12
    ]
    notice = soup.find("div", class_="neuron-eos-notice")  # :always:, content parsed as Markdown
    paragraphs = notice.find_all("p")
    assert text_of(paragraphs[-1]) == "Nothing is planned." and text_of(paragraphs[-1].strong) == "planned"
    assert "python 3.10" in text_of(paragraphs[-2]) and "2025-06-01" in text_of(paragraphs[-2])


BAD_PAGE = """\
    ---
    orphan: true
    ---
    # Bad

    Python 3.9 is {neuron-phase}`python 3.9`.

    ```{neuron-dependency-lifecycle} pyhton
    ```
"""


@pytest.mark.sphinx("html", testroot="myst", freshenv=True, srcdir="myst-unknown-subject")
def test_myst_unknown_subjects_are_located(app: Any) -> None:
    (Path(str(app.srcdir)) / "bad.md").write_text(textwrap.dedent(BAD_PAGE), encoding="utf-8")
    app.build()
    # "3.9" is not close to 3.10 or 3.12 (difflib ratio 4/7 < 0.6), so no suggestion for it
    assert sorted(warnings(app)) == [
        "bad.md:6: ERROR: :neuron-phase: python has no version '3.9'; known: 3.10, 3.12 "
        "[neuron_policy.unknown-subject]",
        "bad.md:8: ERROR: neuron-dependency-lifecycle: no dependency 'pyhton' (did you mean 'python'?) "
        "[neuron_policy.unknown-subject]",
    ]
    assert app.statuscode == 1


MISUSED_PAGE = """\
    ---
    orphan: true
    ---
    # Misused

    ```{neuron-support-matrix}
    :limt: 3
    ```

    ```{neuron-dependency-lifecycle} python 3.10
    ```
"""


@pytest.mark.sphinx("html", testroot="myst", freshenv=True, srcdir="myst-misused")
def test_myst_directive_misuse_is_located_and_fails_the_build(app: Any) -> None:
    """MyST parses directive options itself; the misuse is still the extension's located error."""
    (Path(str(app.srcdir)) / "misused.md").write_text(textwrap.dedent(MISUSED_PAGE), encoding="utf-8")
    app.build()
    problems = [w for w in warnings(app) if "misused.md" in w]
    assert [w.split(": ERROR: ")[1].split(" [")[1] for w in problems] == [
        "neuron_policy.directive-option]",
        "neuron_policy.directive-argument]",
    ]
    assert problems[0].startswith("misused.md:6: ERROR: neuron-support-matrix: :limt: unknown option")
    assert problems[1].startswith("misused.md:10: ERROR: neuron-dependency-lifecycle: takes one dependency id")
    assert app.statuscode == 1
