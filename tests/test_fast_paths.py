"""The fast paths answer exactly what the plain computations answer: the release index what a scan
with ``SpecifierSet.contains`` answers, for every clause the data may write, and indexed waivers
what matching every finding against every waiver in file order answers, and adding calendar
months what ``relativedelta`` answers. And the collector paused around a load is the host's
again afterwards."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest
from benchmarks import generate
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from neuron_policy.core import (
    Finding,
    Lifecycle,
    Loc,
    Located,
    Policy,
    PolicyData,
    PolicyDate,
    ReleaseIndex,
    RuleId,
    SdkRelease,
    Spec,
    Subject,
    UnreadableInput,
    Waiver,
    add_months,
    check,
    grade,
    load,
    parse_subject,
)

LOC = Loc("sdk.yaml", 1, 1)


def release(version: str, day: int) -> SdkRelease:
    """A release ``day`` days into 2020; an odd day gives a month-precision date."""
    date = dt.date(2020, 1, 1) + dt.timedelta(days=day)
    released = PolicyDate(date.year, date.month) if day % 2 else PolicyDate.of(date)
    return SdkRelease(
        version=Located(Version(version), LOC),
        released=Located(released, LOC),
        channels=(),
        phase=None,
        loc=LOC,
    )


# Small numbers, so that bounds land on, between and around the releases; 0 for trailing zeros.
part = st.integers(0, 3)
release_numbers = st.lists(part, min_size=1, max_size=4).map(lambda parts: ".".join(map(str, parts)))
sdk_versions = st.tuples(part, part, part).map(lambda v: ".".join(map(str, v)))


def clauses_on(numbers: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Every clause the data's specifier grammar admits (``values.SPECIFIER``), on these numbers."""
    return st.one_of(
        st.tuples(st.sampled_from([">=", ">", "<=", "<", "==", "!="]), numbers).map("".join),
        st.tuples(st.sampled_from(["==", "!="]), numbers).map(lambda c: f"{c[0]}{c[1]}.*"),
        numbers.map(lambda n: f"~={n}" if "." in n else f"~={n}.0"),
    )


clauses = clauses_on(release_numbers)
specifiers = st.lists(clauses, min_size=0, max_size=4).map(", ".join)


def scan(index: ReleaseIndex, spec: Spec) -> list[SdkRelease]:
    return [r for r in index.releases if spec.specifier.contains(r.version.value, prereleases=True)]


def check_index(index: ReleaseIndex, text: str) -> None:
    spec = Spec(text, SpecifierSet(text))
    expected = scan(index, spec)
    assert list(index.matching(spec)) == expected
    for day in (dt.date(2019, 12, 31), dt.date(2020, 1, 20), dt.date(2020, 2, 10), dt.date(2021, 1, 1)):
        assert list(index.released_after(spec, day)) == [r for r in expected if r.released.value.latest > day]
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


@settings(max_examples=300, deadline=None)
@given(
    releases=st.dictionaries(sdk_versions, st.integers(0, 60), max_size=30),
    text=st.lists(clauses, min_size=1, max_size=4).map(", ".join),
)
def test_resolving_an_sdk_specifier_answers_what_a_scan_answers(releases: dict[str, int], text: str) -> None:
    policy = Policy(
        sdk_name=Located("SDK", LOC),
        min_support_months=Located(12, LOC),
        eos_notice_months=Located(3, LOC),
        conda_last_version=None,
        categories=(),
        platforms=(),
        kinds=(),
        unreadable=frozenset(),
        loc=LOC,
    )
    data = PolicyData(policy=policy, releases=tuple(release(v, day) for v, day in releases.items()))
    life = Lifecycle(data)
    specifier = SpecifierSet(text)
    expected = tuple(r for r in life.index.releases if specifier.contains(r.version.value, prereleases=True))
    assert life.resolve(f"sdk {text}").releases == expected
    assert life.resolve(f"  sdk   {text} ").releases == expected


@settings(max_examples=300, deadline=None)
@given(releases=st.dictionaries(sdk_versions, st.integers(0, 60), max_size=30), low=sdk_versions, high=sdk_versions)
def test_the_releases_between_two_versions_are_what_a_scan_finds(releases: dict[str, int], low: str, high: str) -> None:
    index = ReleaseIndex(release(v, day) for v, day in releases.items())
    expected = [r for r in index.releases if Version(low) < r.version.value < Version(high)]
    assert list(index.between(Version(low), Version(high))) == expected


def test_index_spellings_of_one_range_answer_alike() -> None:
    index = ReleaseIndex(release(f"2.{minor}.{patch}", minor * 30 + patch) for minor in range(12) for patch in range(3))
    spellings = [">=2.5, <2.9", "~=2.5, <2.9", "==2.*, >=2.5, <2.9, !=3.*", ">=2.5, !=2.9.*, !=2.10.*, !=2.11.*"]
    answers = {tuple(index.matching(Spec(text, SpecifierSet(text)))) for text in spellings}
    assert len(answers) == 1
    assert [str(r.version.value) for r in answers.pop()][:4] == ["2.5.0", "2.5.1", "2.5.2", "2.6.0"]


# -- waivers --------------------------------------------------------------------------------------

AS_OF = dt.date(2026, 1, 1)
RULES = (RuleId.PHASE_MISMATCH, RuleId.MIN_SUPPORT)
ODD_VERSIONS = ["1.0rc1", "1!1.0", "1.0+x", "x"]  # not final releases, or not versions at all
PLATFORMS = ("inf2", "trn1", "trn2")
#: Now and then a waiver or finding limited to some platforms.
platform_sets = st.sampled_from([(), (), (), ("inf2",), ("trn1",), ("inf2", "trn1"), PLATFORMS])
WaiverSpec = tuple[RuleId, str, bool, tuple[str, ...]]


@st.composite
def waivers_and_findings(draw: st.DrawFn) -> tuple[list[WaiverSpec], list[tuple[RuleId, Subject | None]]]:
    """Waivers and finding subjects drawn from one small pool of versions and specifiers, so that
    subjects fall on bounds, inside and outside ranges, and share specifiers with waivers."""
    versions = draw(st.lists(sdk_versions, min_size=1, max_size=6))
    # bounds on the versions themselves, their minors, and anywhere
    numbers = st.sampled_from(versions) | st.sampled_from(versions).map(lambda v: v.rsplit(".", 1)[0]) | release_numbers
    spec = st.lists(clauses_on(numbers), min_size=1, max_size=3).map(", ".join)
    specs = draw(st.lists(spec, min_size=1, max_size=4))
    subject_text = st.one_of(
        st.sampled_from(versions).map(lambda v: f"sdk {v}"),
        st.sampled_from(versions),
        st.sampled_from(specs).map(lambda spec: f"sdk {spec}"),
        st.sampled_from(["depa", "depa 1.0", "depa 2.0", "depb", "depb 1.0"]),
    )
    waivers = draw(st.lists(st.tuples(st.sampled_from(RULES), subject_text, st.booleans(), platform_sets), max_size=12))
    # Now and then a version or specifier that a subject does not hold in real data.
    odd = st.integers(0, 9).map(lambda n: n == 0)
    sdk_subject = st.builds(
        Subject,
        st.just("sdk"),
        st.just("sdk"),
        st.tuples(st.lists(st.sampled_from(versions), max_size=3), odd, st.sampled_from(ODD_VERSIONS)).map(
            lambda v: (*v[0], v[2]) if v[1] else tuple(v[0])
        ),
        st.none()
        | st.sampled_from(specs)
        | st.tuples(odd, st.just("not a specifier")).map(lambda s: s[1] if s[0] else None),
        platform_sets,
    )
    dep_subject = st.builds(
        Subject,
        st.just("dependency"),
        st.sampled_from(["depa", "depb", "depc"]),
        st.sampled_from(["1.0", "2.0", "3.0"]).map(lambda v: (v,)),
        st.none(),
        platform_sets,
    )
    found = draw(st.lists(st.tuples(st.sampled_from(RULES), st.none() | sdk_subject | dep_subject), max_size=12))
    return waivers, found


def waiver(line: int, rule: RuleId, subject: str, expired: bool, platforms: tuple[str, ...] = ()) -> Waiver:
    loc = Loc("waivers.yaml", line, 1)
    until = Located(PolicyDate.of(AS_OF - dt.timedelta(days=1 if expired else -1)), loc)
    return Waiver(
        rule=Located(rule, loc),
        subject=Located(subject, loc),
        reason=Located("r", loc),
        until=until,
        platforms=tuple(Located(p, loc) for p in platforms),
        loc=loc,
    )


def plain_waiver(item: Finding, waivers: list[Waiver]) -> Loc | None:
    """The first unexpired waiver of the finding's rule whose subject matches and, if it names
    platforms, whose platforms hold all the finding's (every declared one when it names none),
    tried in file order."""
    for w in waivers:
        if w.until is not None and w.until.value.latest < AS_OF:
            continue
        if w.rule.value is not item.rule or item.subject is None:
            continue
        if not parse_subject(w.subject.value).matches(item.subject):
            continue
        about = set(item.subject.platforms or PLATFORMS)
        if w.platforms and not about <= {p.value for p in w.platforms}:
            continue
        return w.loc
    return None


@settings(max_examples=800, deadline=None)
@given(drawn=waivers_and_findings())
def test_indexed_waivers_answer_what_trying_each_answers(
    drawn: tuple[list[WaiverSpec], list[tuple[RuleId, Subject | None]]],
) -> None:
    specs, found = drawn
    waivers = [waiver(i + 1, *spec) for i, spec in enumerate(specs)]
    findings = [
        Finding.of(rule, Loc("sdk.yaml", i + 1, 1), f"f{i}", subject) for i, (rule, subject) in enumerate(found)
    ]
    try:
        expected = {f.message: plain_waiver(f, waivers) for f in findings}
    except ValueError as exc:  # a subject that is not a specifier or a version, reached by a waiver
        with pytest.raises(type(exc)):
            grade(findings, waivers, AS_OF, {}, everywhere=PLATFORMS)
        return
    graded = grade(findings, waivers, AS_OF, {}, everywhere=PLATFORMS)
    assert {f.message: f.waiver for f in graded if f.loc.path == "sdk.yaml"} == expected
    unused = {f.loc for f in graded if f.rule is RuleId.WAIVER_UNUSED}
    live = {w.loc for w in waivers if w.until is not None and w.until.value.latest >= AS_OF}
    assert unused == live - set(expected.values())


def test_a_waiver_of_many_versions_is_found_past_those_holding_only_the_first() -> None:
    """Specifier waivers holding a subject's first version but not the others are passed over."""
    narrow = [waiver(i + 1, RuleId.PHASE_MISMATCH, f"sdk ==2.{i}.*", False) for i in range(5)]
    wide = waiver(6, RuleId.PHASE_MISMATCH, "sdk >=2.0, <2.3", False)
    item = Finding.of(RuleId.PHASE_MISMATCH, Loc("sdk.yaml", 1, 1), "f", Subject("sdk", "sdk", ("2.0.1", "2.2.0")))
    graded = grade([item], [*narrow, wide], AS_OF, {})
    assert [f.waiver for f in graded if f.message == "f"] == [wide.loc]
    past_the_end = Finding.of(
        RuleId.PHASE_MISMATCH, Loc("sdk.yaml", 1, 1), "f", Subject("sdk", "sdk", ("2.0.1", "2.3.0"))
    )
    graded = grade([past_the_end], [*narrow, wide], AS_OF, {})
    assert [f.waiver for f in graded if f.message == "f"] == [None]


# -- calendar months --------------------------------------------------------------------------------


def plain_add_months(day: dt.date, months: int) -> dt.date | None:
    try:
        return day + relativedelta(months=months)
    except (OverflowError, ValueError):
        return None


@settings(max_examples=2000, deadline=None)
@given(day=st.dates(), months=st.integers(-130_000, 130_000) | st.integers(-30, 30))
def test_adding_months_answers_what_relativedelta_answers(day: dt.date, months: int) -> None:
    assert add_months(day, months) == plain_add_months(day, months)


def test_adding_months_at_the_ends_of_months_and_of_the_calendar() -> None:
    for day, months in [
        (dt.date(2024, 1, 31), 1),
        (dt.date(2023, 1, 31), 1),
        (dt.date(2024, 2, 29), 12),
        (dt.date(2024, 3, 31), -1),
        (dt.date(9999, 12, 31), 1),
        (dt.date(1, 1, 1), -1),
        (dt.date(9999, 11, 30), 1),
    ]:
        assert add_months(day, months) == plain_add_months(day, months)


# -- the collector around a load ------------------------------------------------------------------


def test_load_and_check_leave_the_collector_as_they_found_it(tmp_path: Path) -> None:
    root = generate.write(tmp_path / "data", 1)
    assert gc.isenabled()
    check(root, generate.as_of(1))
    assert gc.isenabled()
    with pytest.raises(UnreadableInput):
        load(tmp_path / "missing")
    assert gc.isenabled()
    gc.disable()  # a host that runs without the collector keeps running without it
    try:
        check(root, generate.as_of(1))
        assert not gc.isenabled()
    finally:
        gc.enable()
