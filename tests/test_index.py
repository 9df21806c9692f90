"""The release index answers exactly what a scan with ``SpecifierSet.contains`` would."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from neuron_policy.core import Loc, Located, PolicyDate, ReleaseIndex, SdkRelease, Spec

LOC = Loc("sdk.yaml", 1, 1)


def release(version: str, day: int) -> SdkRelease:
    date = dt.date(2020, 1, 1) + dt.timedelta(days=day)
    return SdkRelease(
        version=Located(Version(version), LOC),
        released=Located(PolicyDate.of(date), LOC),
        channels=(),
        phase=None,
        loc=LOC,
    )


versions = st.tuples(st.integers(1, 3), st.integers(0, 12), st.integers(0, 3)).map(lambda v: ".".join(map(str, v)))
bounds = st.tuples(
    st.sampled_from([">=", ">", "<=", "<", "==", "!=", "~="]),
    st.integers(1, 3),
    st.integers(0, 12),
    st.sampled_from(["", ".0", ".1", ".*"]),
)


def clause(op: str, major: int, minor: int, tail: str) -> str:
    if tail == ".*" and op not in ("==", "!="):
        tail = ""
    return f"{op}{major}.{minor}{tail}"


@settings(max_examples=300, deadline=None)
@given(
    releases=st.dictionaries(versions, st.integers(0, 900), min_size=0, max_size=25),
    clauses=st.lists(bounds, min_size=1, max_size=3),
)
def test_index_matches_a_scan(releases: dict[str, int], clauses: list[tuple[str, int, int, str]]) -> None:
    text = ", ".join(clause(*c) for c in clauses)
    spec = Spec(text, SpecifierSet(text))
    index = ReleaseIndex(release(v, day) for v, day in releases.items())
    expected = sorted(
        (r for r in index.releases if spec.specifier.contains(r.version.value)), key=lambda r: r.version.value
    )
    assert list(index.matching(spec)) == expected
    span = index.span(spec)
    if not expected:
        assert span is None
        return
    assert span is not None
    assert (span.first, span.last) == (expected[0], expected[-1])
    earliest = min(expected, key=lambda r: (r.released.value.earliest, r.version.value))
    assert span.earliest == earliest
    above = [r for r in index.releases if r.version.value > expected[-1].version.value and r not in expected]
    assert span.above == (above[0] if above else None)
