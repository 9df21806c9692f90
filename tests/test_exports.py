"""The exports read back with real parsers: the JSON against its shipped JSON Schema
(jsonschema), the calendars with icalendar, the feed with feedparser, the badges as shields.io
reads them; the command line gives the same bytes, in any process."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import jsonschema
import pytest

from neuron_policy.cli import main
from neuron_policy.core import (
    PHASE_LABELS,
    SCHEMA_FILE,
    Report,
    Site,
    announcements_feed,
    badge_files,
    calendar_names,
    check,
    export_files,
    export_schema,
    lifecycle_calendar,
    lifecycle_document,
    lifecycle_json,
    notice_text,
    read_export_settings,
)

from .conftest import ROOTS, WriteData

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "policy_data"
DATA = {
    "real": (REAL, dt.date(2026, 11, 24)),
    "basic": (ROOTS / "test-basic" / "policy_data", dt.date(2025, 10, 1)),
    "platforms": (ROOTS / "test-platforms" / "policy_data", dt.date(2025, 8, 15)),
}
SITE = Site("https://docs.example.org/sdk/", {"eos-python-38": "announce.html#eos-python-38"})


def report(name: str) -> Report:
    path, today = DATA[name]
    return check(path, today)


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(export_schema(), format_checker=jsonschema.FormatChecker())


# -- JSON ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(DATA))
def test_the_json_validates_against_its_shipped_schema(name: str) -> None:
    document = json.loads(lifecycle_json(report(name), SITE))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(document)]
    assert errors == []


def test_a_document_that_breaks_the_schema_fails_it() -> None:
    document = lifecycle_document(report("basic"))
    document["releases"][0]["released"] = True  # a date-or-bool union is exactly what is not allowed
    document["announcements"][0]["posts"][0]["date"] = "2025-13-01"
    found = {tuple(e.absolute_path) for e in validator().iter_errors(document)}
    assert ("releases", 0, "released") in found
    assert ("announcements", 0, "posts", 0, "date") in found


def _properties(schema: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(schema, dict):
        for name, value in schema.get("properties", {}).items():
            yield f"{path}.{name}", value
        for key, value in schema.items():
            if key != "properties":
                yield from _properties(value, f"{path}/{key}")
        for name, value in schema.get("properties", {}).items():
            yield from _properties(value, f"{path}.{name}")
    elif isinstance(schema, list):
        for item in schema:
            yield from _properties(item, path)


def test_the_schema_is_valid_and_describes_every_field_with_one_type() -> None:
    schema = export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert (ROOT / "sphinxext" / "neuron_policy" / "core" / "schemas" / SCHEMA_FILE).is_file()
    defs = schema["$defs"]
    undocumented, unions = [], []
    for path, prop in _properties(schema):
        ref = prop.get("$ref", "")
        if "description" not in prop and "description" not in defs.get(ref.rsplit("/", 1)[-1], {}):
            undocumented.append(path)
        types = prop.get("type", [])
        kinds = set(types if isinstance(types, list) else [types]) - {"null"}
        for option in prop.get("anyOf", []):
            kinds |= {option["type"]} if option.get("type") not in (None, "null") else set()
            kinds |= {"date"} if option.get("$ref") == "#/$defs/date" else set()
        if len(kinds) > 1:
            unions.append((path, sorted(kinds)))
    assert undocumented == []
    assert unions == []


def test_the_json_periods_follow_each_other_and_give_the_phase_of_the_day() -> None:
    document = lifecycle_document(report("real"))
    as_of = document["as_of"]
    subjects = [*document["releases"], *document["minors"]]
    subjects += [v for d in document["dependencies"] for v in d["versions"]]
    assert len(subjects) > 100
    for subject in subjects:
        periods = subject["periods"]
        for before, after in itertools.pairwise(periods):
            assert before["end"] == after["start"], subject
        assert periods[-1]["end"] is None
        current = [p["phase"] for p in periods if p["start"] <= as_of and (p["end"] is None or as_of < p["end"])]
        assert current in ([subject["phase"]], []), subject
    assert document["format_version"] == 1 and document["format"] == "neuron-policy-lifecycle"


def test_the_json_gives_each_platform_its_own_phase_and_dates() -> None:
    document = lifecycle_document(report("platforms"))
    assert [p["id"] for p in document["platforms"]]
    versions = {v["subject"]: v for d in document["dependencies"] for v in d["versions"]}
    differing = [v for v in versions.values() if len({p["phase"] for p in v["platforms"]}) > 1]
    assert differing, "the platforms root has a version whose phase differs by platform"
    for version in differing:
        for on in version["platforms"]:
            assert on["platform"] in {p["id"] for p in document["platforms"]}


def test_the_json_links_announcements_to_their_pages() -> None:
    document = lifecycle_document(report("basic"), SITE)
    posts = {p["label"]: p for a in document["announcements"] for p in a["posts"]}
    assert posts["eos-python-38"]["url"] == "https://docs.example.org/sdk/announce.html#eos-python-38"
    assert posts["eos-sdk-2-20"]["url"] is None  # a label the site does not define
    assert document["site"] == "https://docs.example.org/sdk/"


# -- ICS -------------------------------------------------------------------------------------------


def events(data: bytes) -> list[Any]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_the_calendar_has_an_event_for_every_release_change_and_post() -> None:
    r = report("basic")
    found = events(lifecycle_calendar(r, SITE))
    summaries = [str(e["SUMMARY"]) for e in found]
    for release in r.data.releases:
        assert f"Tiny SDK {release.version.value} released" in summaries
    posts = [p for a in r.announcements for p in a.posts_by(r.as_of)]
    assert sum(1 for e in found if "announcement" in e["CATEGORIES"].cats) == len(posts)
    assert "Python 3.9: maintenance starts" in summaries
    assert "Python 3.8: end of support" in summaries
    uids = [str(e["UID"]) for e in found]
    assert len(uids) == len(set(uids))
    # the calendar, put together from events serialised once each, is what the library writes
    data = lifecycle_calendar(r, SITE)
    assert icalendar.Calendar.from_ical(data).to_ical() == data
    assert {e["DTSTAMP"].dt for e in found} == {dt.datetime(2025, 10, 1, tzinfo=dt.timezone.utc)}
    starts = [e["DTSTART"].dt for e in found]
    assert starts == sorted(starts)
    # the same event keeps its UID on another day (a calendar updates it, not adds it again)
    later = events(lifecycle_calendar(check(DATA["basic"][0], dt.date(2025, 11, 1)), SITE))
    assert {str(e["UID"]): str(e["SUMMARY"]) for e in later if "release" in e["CATEGORIES"].cats} == {
        str(e["UID"]): str(e["SUMMARY"]) for e in found if "release" in e["CATEGORIES"].cats
    }


def test_each_end_of_support_has_alarms_ahead_of_it() -> None:
    r = report("basic")
    for days, expected in (((90, 30), [-90, -30]), ((7,), [-7])):
        for event in events(lifecycle_calendar(r, SITE, alarm_days=days)):
            triggers = [a["TRIGGER"].dt.days for a in event.walk("VALARM")]
            if "end-of-support" in event["CATEGORIES"].cats:
                assert triggers == expected, event["SUMMARY"]
            else:
                assert triggers == []


def test_the_calendar_is_folded_and_escaped_as_rfc_5545_says(write_data: WriteData) -> None:
    title = 'Torch, "the; fast" one\\ with a\nnewline and a long name that goes on past seventy-five octets é'
    deps = {
        "torch": f"""\
        title: {json.dumps(title)}
        category: framework
        versions:
          - version: "1.0"
            sdk: "<2.11"
            end_of_support:
              announced: 2023-01-01
        """
    }
    data = lifecycle_calendar(check(write_data(deps=deps), dt.date(2024, 1, 1)), Site())
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    summaries = [str(e["SUMMARY"]) for e in events(data)]
    assert f"{title} 1.0: end of support" in summaries
    assert b"Torch\\, \"the\\; fast\" one\\\\ with a\\nnewline" in data.replace(b"\r\n ", b"")


def test_the_subject_calendars_split_the_combined_one() -> None:
    r = report("platforms")
    combined = {str(e["UID"]) for e in events(lifecycle_calendar(r, SITE))}
    parts = [{str(e["UID"]) for e in events(lifecycle_calendar(r, SITE, calendar=name))} for name, _ in calendar_names(r)]
    assert set().union(*parts) == combined
    assert sum(len(p) for p in parts) == len(combined)
    assert {name for name, _ in calendar_names(r)} >= {"sdk", "dependencies/python", "software/nxd-training"}


def test_platforms_that_differ_get_an_event_each() -> None:
    found = [str(e["SUMMARY"]) for e in events(lifecycle_calendar(report("platforms"), SITE))]
    scoped = [s for s in found if s.endswith(")") and ("maintenance" in s or "end of support" in s)]
    assert scoped, found


# -- Atom ------------------------------------------------------------------------------------------


def test_the_feed_has_one_entry_per_post_newest_first() -> None:
    r = report("basic")
    feed = feedparser.parse(announcements_feed(r, SITE, self_path="_policy/announcements.atom"))
    assert not feed.bozo, feed.get("bozo_exception")
    posts = [(a, p) for a in r.announcements for p in a.posts_by(r.as_of)]
    assert len(feed.entries) == len(posts) > 0
    published = [e.published for e in feed.entries]
    assert published == sorted(published, reverse=True)
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    sentences = {notice_text(a, r.lifecycle, r.as_of) for a, _ in posts}
    assert {e.summary for e in feed.entries} == sentences
    python = next(e for e in feed.entries if e.title == "End of support: Python 3.8")
    assert python.link == "https://docs.example.org/sdk/announce.html#eos-python-38"
    assert feed.feed.links[1].href == "https://docs.example.org/sdk/_policy/announcements.atom"


def test_ids_stay_the_same_on_another_day_and_when_a_post_is_added(write_data: WriteData) -> None:
    dep = (
        'title: Torch\ncategory: framework\nversions:\n  - version: "1.0"\n    sdk: "<2.11"\n'
        "    end_of_support:\n      announcements:\n        - {date: 2023-01-01, kind: intent}\n%s"
    )
    first = write_data(deps={"torch": dep % ""})
    early = feedparser.parse(announcements_feed(check(first, dt.date(2023, 6, 1)), Site()))
    later = feedparser.parse(announcements_feed(check(first, dt.date(2024, 6, 1)), Site()))
    assert len(early.entries) == 1 and [e.id for e in early.entries] == [e.id for e in later.entries]
    second = write_data(deps={"torch": dep % "        - {date: 2023-02-01, kind: correction}\n"})
    more = feedparser.parse(announcements_feed(check(second, dt.date(2024, 6, 1)), Site()))
    assert len(more.entries) == 2 and more.entries[1].id == early.entries[0].id


def test_characters_xml_cannot_hold_never_reach_the_feed(write_data: WriteData) -> None:
    deps = {
        "torch": """\
        title: "Torch <b>&amp;\\x01"
        category: framework
        versions:
          - version: "1.0"
            sdk: "<2.11"
            end_of_support:
              announced: 2023-01-01
        """
    }
    data = announcements_feed(check(write_data(deps=deps), dt.date(2024, 1, 1)), Site())
    feed = feedparser.parse(data)
    assert not feed.bozo
    assert feed.entries[0].title == "End of support: Torch <b>&amp;\ufffd 1.0"


# -- badges ----------------------------------------------------------------------------------------


def test_every_badge_is_a_shields_endpoint_with_a_phase_label() -> None:
    r = report("platforms")
    badges = dict(badge_files(r))
    assert "sdk/2.24.0.json" in badges or any(p.startswith("sdk/") for p in badges)
    for path, data in badges.items():
        badge = json.loads(data)
        assert set(badge) == {"schemaVersion", "label", "message", "color"}, path
        assert badge["schemaVersion"] == 1 and badge["label"]
        assert all(part.split(" (")[0].split(" for ")[0] in PHASE_LABELS.values() for part in badge["message"].split("; "))


# -- command line, determinism -------------------------------------------------------------------


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, bytes]:
    status = main(list(argv))
    captured = capsysbinary.readouterr()
    return status, captured.out, captured.err


def test_the_command_writes_the_same_bytes_as_the_core(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path, today = DATA["basic"]
    r = check(path, today)
    status, out, _ = run(capsysbinary, "export", "json", str(path), "--today", str(today))
    assert (status, out) == (0, lifecycle_json(r))
    status, out, _ = run(capsysbinary, "export", "ics", str(path), "--today", str(today), "--subject", "python")
    assert (status, out) == (0, lifecycle_calendar(r, Site(), calendar="dependencies/python"))
    status, out, _ = run(capsysbinary, "export", "badge", str(path), "--today", str(today), "--subject", "python 3.9")
    assert status == 0 and json.loads(out)["message"] == "Maintenance"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "badge"], "needs --subject"),
        (["export", "all"], "writes a folder"),
        (["export", "ics", "--subject", "pyton"], "no calendar for 'pyton' (did you mean 'python' or 'pytorch'?)"),
        (["export", "json", "--base-url", "docs.example.org"], "--base-url: expected an absolute URL"),
        (["export", "json", "--alarm-days", "ninety"], "expected whole numbers of days"),
    ],
)
def test_the_command_says_what_is_wrong(capsysbinary: pytest.CaptureFixture[bytes], argv: list[str], message: str) -> None:
    path, today = DATA["basic"]
    status, _out, err = run(capsysbinary, *argv[:2], str(path), "--today", str(today), *argv[2:])
    assert status == 2 and message in err.decode(), err


def test_export_settings_are_checked() -> None:
    settings, problems = read_export_settings(
        {"neuron_policy_exports": ["json", "rss"], "neuron_policy_export_dir": "../out", "html_baseurl": "https://x.org/"}
    )
    assert set(problems) == {"neuron_policy_exports", "neuron_policy_export_dir"}
    assert settings.base_url == "https://x.org/" and settings.folder == "_policy"


def _export_all(out: Path, seed: str) -> None:
    path, today = DATA["platforms"]
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "neuron_policy", "export", "all", str(path), "--today", str(today), "-o", str(out)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_processes_with_different_hash_seeds_write_the_same_files(tmp_path: Path) -> None:
    _export_all(tmp_path / "one", "1")
    _export_all(tmp_path / "two", "2")
    one = tree(tmp_path / "one")
    assert tree(tmp_path / "two") == one
    path, today = DATA["platforms"]
    expected = export_files(check(path, today), Site(), folder="_policy")
    assert one == expected


def test_a_second_export_removes_the_files_of_subjects_that_are_gone(tmp_path: Path, write_data: WriteData) -> None:
    dep = 'title: Jax\ncategory: framework\nversions:\n  - {version: "0.4", sdk: ">=2.11"}\n'
    data = write_data(deps={"jax": dep})
    out = tmp_path / "out"
    assert main(["export", "all", str(data), "--today", "2024-01-01", "-o", str(out)]) == 0
    assert (out / "calendars" / "dependencies" / "jax.ics").is_file()
    (data / "dependencies" / "jax.yaml").unlink()
    assert main(["export", "all", str(data), "--today", "2024-01-01", "-o", str(out)]) == 0
    assert tree(out) == export_files(check(data, dt.date(2024, 1, 1)), Site(), folder="_policy")
    assert not (out / "badges" / "dependencies" / "jax").exists()
