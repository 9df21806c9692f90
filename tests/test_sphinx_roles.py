"""Every role, phases as of fixed dates, and the as-of configuration, on the ``test-basic`` root.

The data is described in ``test_sphinx_directives.py``; the values below are computed by hand from
it (``tests/roots/test-basic/policy_data``).
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest

from .conftest import html_soup, status, table_data, text_of, warnings

SUP, UPC, EOS, MAINT = "Supported", "Upcoming", "End of support", "Maintenance"
SDK_ANN, DEP_ANN = "End-of-support announced", "Maintenance or end of support announced"


def as_of(day: str | None, **overrides: Any) -> Any:
    return pytest.mark.sphinx(
        "html", testroot="basic", freshenv=True, confoverrides={"neuron_policy_today": day, **overrides}
    )


def role_items(app: Any) -> dict[str, Any]:
    """``roles.rst`` is a list of ``key: role``; map each key to the role's output element."""
    items = {}
    for li in html_soup(app, "roles").find("section", id="roles").find_all("li"):
        key = text_of(li).split(":", 1)[0]
        items[key] = li.p.find("span") or li.p.find("a")
    return items


@as_of("2025-10-01")
def test_roles(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    items = role_items(app)
    values = {key: text_of(element) for key, element in items.items()}
    assert values == {
        "phase-sdk": SDK_ANN,  # 2.20.x EOS announced 2025-09-01, effective 2025-12-15
        "phase-sdk-word": UPC,  # "sdk 2.23.0": released 2025-12-01
        "phase-dep": MAINT,  # python 3.9: maintenance from 2.22.0 (2025-04-03)
        "released-sdk": "2025-04-03",
        "released-dep": "2024-12-20",  # python 3.10 (>=2.21): first supporting release 2.21.0
        "eos-sdk": "2025-08-01",  # 2.19.1 is matched by <2.20
        "eos-sdk-none": "not announced",
        "eos-dep": "2024-12-20",  # python 3.8: effective 2.21.0
        "eos-dep-default": "2025-04-03",  # pytorch 2.1: first release above <2.22 is 2.22.0
        "eos-dep-none": "not announced",
        "last-python": "2.20.0",  # the last release in >=2.19, <2.21
        "last-pytorch": "2.21.0",  # the last release in >=2.19, <2.22
        "ref-table": "Supported SDKs",
    }
    assert items["phase-sdk"]["class"].count("neuron-phase-eos-announced") == 1
    assert "neuron-phase" in items["phase-sdk"]["class"]
    assert "neuron-phase-upcoming" in items["phase-sdk-word"]["class"]
    assert "neuron-phase-maintenance" in items["phase-dep"]["class"]
    for key in ("released-sdk", "eos-sdk", "last-python"):
        role = key.split("-")[0].replace("last", "last-sdk")
        assert {"neuron-policy", f"neuron-{role}"} <= set(items[key]["class"]), key


# Phases of the SDK releases (support matrix, newest first: 2.23.0 2.22.0 2.21.0 2.20.0 2.19.1 2.19.0),
# Python 3.8 3.9 3.10 3.12 and PyTorch 2.1 2.5 (lifecycle tables), on days around the transitions.
PHASES = {
    # nothing announced for 2.19.x yet (2025-03-01); 2.22.0 comes 2025-04-03; pytorch 2.1 announced 2025-01-10
    "2025-02-28": ([UPC, UPC, SUP, SUP, SUP, SUP], [EOS, SUP, SUP, UPC], [DEP_ANN, SUP]),
    # 2.19.x EOS and python 3.9 maintenance both announced on 2025-03-01
    "2025-03-01": ([UPC, UPC, SUP, SUP, SDK_ANN, SDK_ANN], [EOS, DEP_ANN, SUP, UPC], [DEP_ANN, SUP]),
    "2025-04-02": ([UPC, UPC, SUP, SUP, SDK_ANN, SDK_ANN], [EOS, DEP_ANN, SUP, UPC], [DEP_ANN, SUP]),
    # 2.22.0 released: python 3.9 maintenance starts, pytorch 2.1 (<2.22) support ends
    "2025-04-03": ([UPC, SUP, SUP, SUP, SDK_ANN, SDK_ANN], [EOS, MAINT, SUP, UPC], [EOS, SUP]),
    "2025-07-31": ([UPC, SUP, SUP, SUP, SDK_ANN, SDK_ANN], [EOS, MAINT, SUP, UPC], [EOS, SUP]),
    # 2.19.x EOS takes effect
    "2025-08-01": ([UPC, SUP, SUP, SUP, EOS, EOS], [EOS, MAINT, SUP, UPC], [EOS, SUP]),
    # 2.20.x EOS announced
    "2025-09-01": ([UPC, SUP, SUP, SDK_ANN, EOS, EOS], [EOS, MAINT, SUP, UPC], [EOS, SUP]),
    # 2.23.0 released: python 3.9 (<2.23) ends, 3.12 (>=2.23) starts
    "2025-12-01": ([SUP, SUP, SUP, SDK_ANN, EOS, EOS], [EOS, EOS, SUP, SUP], [EOS, SUP]),
    "2025-12-15": ([SUP, SUP, SUP, EOS, EOS, EOS], [EOS, EOS, SUP, SUP], [EOS, SUP]),
}


@pytest.mark.parametrize(
    ("sdk", "python", "pytorch"),
    [pytest.param(*phases, marks=as_of(day), id=day) for day, phases in PHASES.items()],
)
def test_phases_as_of_fixed_dates(app: Any, sdk: list[str], python: list[str], pytorch: list[str]) -> None:
    app.build()
    day = app.config.neuron_policy_today

    def phases(page: str, section: str, column: int) -> list[str]:
        table = html_soup(app, page).find(id=section).find("table")
        return [row[column] for row in table_data(table)[1]]

    assert phases("support", "sm-default", 2) == sdk
    assert phases("lifecycle", "lc-python", 2) == python
    assert phases("lifecycle", "lc-pytorch", 2) == pytorch
    items = role_items(app)
    assert text_of(items["phase-sdk"]) == sdk[3]  # :neuron-phase:`2.20.0`
    assert text_of(items["phase-sdk-word"]) == sdk[0]  # :neuron-phase:`sdk 2.23.0`
    assert text_of(items["phase-dep"]) == python[1]  # :neuron-phase:`python 3.9`
    as_of_line = html_soup(app, "support").find(class_="neuron-policy-as-of")
    assert text_of(as_of_line) == f"Status as of {day}."


@as_of("2025-10-01", neuron_policy_date_format="%d %B %Y")
def test_date_format(app: Any) -> None:
    app.build()
    values = {key: text_of(element) for key, element in role_items(app).items()}
    assert values["released-sdk"] == "03 April 2025"
    assert values["eos-sdk"] == "01 August 2025"
    row = table_data(html_soup(app, "support").find(id="sm-default").find("table"))[1][3]
    assert row == ["2.20.0", "16 September 2024", SDK_ANN, "01 September 2025", "15 December 2025"]
    assert text_of(html_soup(app, "support").find(class_="neuron-policy-as-of")) == "Status as of 01 October 2025."


@as_of(None)
def test_as_of_from_source_date_epoch(app_params: Any, make_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1759320000")  # 2025-10-01T12:00:00Z
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    app.build()
    log = status(app)
    assert "phases as of 2025-10-01 (from SOURCE_DATE_EPOCH)" in log
    assert text_of(html_soup(app, "support").find(class_="neuron-policy-as-of")) == "Status as of 2025-10-01."


@as_of("2025-10-01")
def test_logs_as_of_date_and_how_long_the_phases_stay_valid(app: Any, status: StringIO) -> None:
    app.build()
    lines = status.getvalue().splitlines()
    start = [line for line in lines if "phases as of" in line]
    assert len(start) == 1 and "2025-10-01" in start[0] and "neuron_policy_today" in start[0]
    # next change of a shown phase: 2025-12-01, when 2.23.0 is released (2.23.0 and python 3.12
    # become supported, python 3.9 reaches end of support); 2025-12-15 (2.20.x) comes later
    end = [line for line in lines if "phases shown are valid until" in line]
    assert len(end) == 1 and "valid until 2025-12-01:" in end[0]
    for name in ("SDK 2.23.0", "Python 3.9", "Python 3.12"):
        assert name in end[0]
    assert "2.20" not in end[0]
