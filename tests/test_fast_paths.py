"""The fast paths answer exactly what the plain computations answer: the release index what a scan
with ``SpecifierSet.contains`` answers, for every clause the data may write, and indexed waivers
what matching every finding against every waiver in file order answers."""

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


# Small numbers, so that bounds land on, between and around the releases; 0 for trailing zeros.
part = st.integers(0, 3)
release_numbers = st.lists(part, min_size=1, max_size=4).map(lambda parts: ".".join(map(str, parts)))
sdk_versions = st.tuples(part, part, part).map(lambda v: ".".join(map(str, v)))
#: Every clause the data's specifier grammar admits (``values.SPECIFIER``).
clauses = st.one_of(
    st.tuples(st.sampled_from([">=", ">", "<=", "<", "==", "!="]), release_numbers).map("".join),
    st.tuples(st.sampled_from(["==", "!="]), release_numbers).map(lambda c: f"{c[0]}{c[1]}.*"),
    st.tuples(st.just("~="), st.lists(part, min_size=2, max_size=4)).map(lambda c: c[0] + ".".join(map(str, c[1]))),
)
specifiers = st.lists(clauses, min_size=0, max_size=4).map(", ".join)


def scan(index: ReleaseIndex, spec: Spec) -> list[SdkRelease]:
    return [r for r in index.releases if spec.specifier.contains(r.version.value, prereleases=True)]


def check_index(index: ReleaseIndex, text: str) -> None:
    spec = Spec(text, SpecifierSet(text))
    expected = scan(index, spec)
    assert list(index.matching(spec)) == expected
    span = index.span(spec)
    if not expected:
        assert span is None
        assert index.first_above(spec) is None
        return
    assert span is not None
    assert (span.first, span.last) == (expected[0], expected[-1])
    assert span.earliest == min(expected, key=lambda r: (r.released.value.earliest, r.version.value))
    above = [r for r in index.releases if r.version.value > expected[-1].version.value and r not in expected]
    assert span.above == (above[0] if above else None)
    assert index.first_above(spec) == span.above


@settings(max_examples=1500, deadline=None)
@given(releases=st.dictionaries(sdk_versions, st.integers(0, 60), max_size=30), text=specifiers)
def test_index_answers_what_a_scan_answers(releases: dict[str, int], text: str) -> None:
    check_index(ReleaseIndex(release(v, day) for v, day in releases.items()), text)


@settings(max_examples=300, deadline=None)
@given(
    releases=st.dictionaries(
        st.one_of(release_numbers, st.sampled_from(["1.0rc1", "1.0.post1", "1!1.0", "1.0+local", "1.1.dev0"])),
        st.integers(0, 60),
        max_size=12,
    ),
    text=st.one_of(specifiers, st.sampled_from(["===1.0", ">=1.0rc1", "==1.0+local", "<1!2"])),
)
def test_index_of_any_versions_and_any_specifier(releases: dict[str, int], text: str) -> None:
    """Releases of any length or kind (pre-, post-, local, epochs) and specifiers outside the data's
    grammar: where the runs cannot answer, the index scans, with the same results."""
    check_index(ReleaseIndex(release(v, day) for v, day in releases.items()), text)


def test_index_spellings_of_one_range_answer_alike() -> None:
    index = ReleaseIndex(release(f"2.{minor}.{patch}", minor * 30 + patch) for minor in range(12) for patch in range(3))
    spellings = [">=2.5, <2.9", "~=2.5, <2.9", "==2.*, >=2.5, <2.9, !=3.*", ">=2.5, !=2.9.*, !=2.10.*, !=2.11.*"]
    answers = {tuple(index.matching(Spec(text, SpecifierSet(text)))) for text in spellings}
    assert len(answers) == 1
    assert [str(r.version.value) for r in answers.pop()][:4] == ["2.5.0", "2.5.1", "2.5.2", "2.6.0"]
