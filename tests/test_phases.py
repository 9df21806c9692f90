"""Phases around every transition: the day before, of and after (dates computed by hand here)."""

from __future__ import annotations

import datetime as dt

import pytest

from neuron_policy.core import Lifecycle, SubjectError, load

from .conftest import WriteData

D = dt.date

SDK = """\
releases:
  - {version: 2.19.0, released: 2024-07-03}
  - {version: 2.19.1, released: 2024-07-19}
  - {version: 2.20.0, released: 2024-09-16}
  - {version: 2.21.0, released: 2024-12-20}
  - {version: 2.22.0, released: 2025-04-03}
  - {version: 2.23.0, released: 2027-01-15}
end_of_support:
  - {versions: "<2.20", announced: 2025-01-15, effective: 2025-04-15}
"""

PYTHON = """\
title: Python
category: language-runtime
versions:
  - version: "3.8"
    sdk: ">=2.19, <2.22"
    maintenance: {announced: 2024-10-01, effective: 2.21.0}
    end_of_support: {announced: 2024-11-01, effective: 2.22.0}
  - version: "3.9"
    sdk: ">=2.19, <2.23"
    end_of_support: {announced: 2025-06}
  - version: "3.13"
    sdk: ">=2.23"
  - version: "3.7"
    sdk: "<2.20"
    end_of_support: {announced: 2024-09-16, effective: 2024-09-16}
"""


@pytest.fixture
def life(write_data: WriteData) -> Lifecycle:
    result = load(write_data(sdk=SDK, deps={"python": PYTHON}))
    assert result.findings == ()
    return Lifecycle(result.data)


def sdk_phase(life: Lifecycle, version: str, day: dt.date) -> str:
    release = next(r for r in life.index.releases if str(r.version.value) == version)
    return life.sdk_timeline(release).phase_on(day)


def dep_phase(life: Lifecycle, version: str, day: dt.date) -> str:
    dep = life.data.dependency("python")
    assert dep is not None
    return life.dependency_timeline(next(v for v in dep.versions if v.version.value == version)).phase_on(day)


@pytest.mark.parametrize(
    ("version", "day", "phase"),
    [
        ("2.19.0", D(2024, 7, 2), "upcoming"),
        ("2.19.0", D(2024, 7, 3), "supported"),
        ("2.19.0", D(2024, 7, 4), "supported"),
        ("2.19.0", D(2025, 1, 14), "supported"),
        ("2.19.0", D(2025, 1, 15), "eos-announced"),
        ("2.19.0", D(2025, 1, 16), "eos-announced"),
        ("2.19.1", D(2025, 4, 14), "eos-announced"),
        ("2.19.1", D(2025, 4, 15), "end-of-support"),
        ("2.19.1", D(2025, 4, 16), "end-of-support"),
        ("2.20.0", D(2025, 4, 15), "supported"),  # not matched by <2.20: no known EOS
        ("2.23.0", D(2027, 1, 14), "upcoming"),
        ("2.23.0", D(2027, 1, 15), "supported"),
    ],
)
def test_sdk_phases(life: Lifecycle, version: str, day: dt.date, phase: str) -> None:
    assert sdk_phase(life, version, day) == phase


@pytest.mark.parametrize(
    ("version", "day", "phase"),
    [
        # 3.8: first release 2.19.0 (2024-07-03); announced 2024-10-01 (maintenance, the earlier
        # announcement); maintenance from 2.21.0 (2024-12-20); EOS at 2.22.0 (2025-04-03).
        ("3.8", D(2024, 7, 2), "upcoming"),
        ("3.8", D(2024, 7, 3), "supported"),
        ("3.8", D(2024, 9, 30), "supported"),
        ("3.8", D(2024, 10, 1), "announced"),
        ("3.8", D(2024, 12, 19), "announced"),
        ("3.8", D(2024, 12, 20), "maintenance"),
        ("3.8", D(2025, 4, 2), "maintenance"),
        ("3.8", D(2025, 4, 3), "end-of-support"),
        ("3.8", D(2025, 4, 4), "end-of-support"),
        # 3.9: month-precision announcement starts on the 1st; default EOS is the first release
        # above its range, 2.23.0 (2027-01-15).
        ("3.9", D(2025, 5, 31), "supported"),
        ("3.9", D(2025, 6, 1), "announced"),
        ("3.9", D(2027, 1, 14), "announced"),
        ("3.9", D(2027, 1, 15), "end-of-support"),
        # 3.13 is supported only from an upcoming release.
        ("3.13", D(2026, 11, 24), "upcoming"),
        ("3.13", D(2027, 1, 15), "supported"),
        # 3.7: announced on the day it takes effect skips straight to end of support.
        ("3.7", D(2024, 9, 15), "supported"),
        ("3.7", D(2024, 9, 16), "end-of-support"),
    ],
)
def test_dependency_phases(life: Lifecycle, version: str, day: dt.date, phase: str) -> None:
    assert dep_phase(life, version, day) == phase


def test_next_change(life: Lifecycle) -> None:
    dep = life.data.dependency("python")
    assert dep is not None
    timeline = life.dependency_timeline(dep.versions[0])
    assert timeline.next_change(D(2024, 10, 1)) == (D(2024, 12, 20), "maintenance")
    assert timeline.next_change(D(2025, 4, 3)) is None


def test_derived_dates(life: Lifecycle) -> None:
    dep = life.data.dependency("python")
    assert dep is not None
    dates = life.dates(dep.versions[1])
    assert dates.first_release is not None and dates.last_release is not None
    assert (str(dates.first_release.version.value), str(dates.last_release.version.value)) == ("2.19.0", "2.22.0")
    assert (str(dates.eos), str(dates.eos_version), dates.eos_default) == ("2027-01-15", "2.23.0", True)


def test_the_next_phase_change_names_each_change_once(write_data: WriteData) -> None:
    """SDK 2.19.0 and 2.19.1 end with their entry "<2.20": the change is named once, by the entry."""
    life = Lifecycle(load(write_data(sdk=SDK)).data)
    change = life.next_phase_change(["sdk 2.19.0", "sdk 2.19.1", "sdk <2.20", "sdk 2.21.0"], D(2025, 3, 1))
    assert change is not None
    assert (change.day, change.changes) == (D(2025, 4, 15), (("SDK 2.19.x", "end-of-support"),))
    alone = life.next_phase_change(["sdk 2.19.0", "sdk 2.19.1"], D(2025, 3, 1))
    assert alone is not None
    assert alone.changes == (("SDK 2.19.0", "end-of-support"), ("SDK 2.19.1", "end-of-support"))


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        ("Python 3.8", "'Python' is not a dependency or software id ([a-z0-9][a-z0-9-]*), an SDK version or 'sdk <specifier>' "
         "(did you mean 'python 3.8'?)"),
        ("sdk 2.19", "'2.19' is neither an SDK version X.Y.Z nor a PEP 440 specifier (did you mean 'sdk 2.19.0' for "
         "the release, or 'sdk ==2.19.*' for the minor?)"),
    ],
)  # fmt: skip
def test_a_subject_written_almost_right_says_how_to_write_it(write_data: WriteData, subject: str, message: str) -> None:
    life = Lifecycle(load(write_data(sdk=SDK, deps={"python": PYTHON})).data)
    with pytest.raises(SubjectError) as info:
        life.resolve(subject)
    assert str(info.value) == message
