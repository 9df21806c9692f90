"""What changed in meaning between two versions of the data: one pair of small data sets per kind
of change, a change that is only formatting, git revisions as sides, and the CLI's formats."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from neuron_policy.cli import main
from neuron_policy.core import (
    MAX_FILE_BYTES,
    Change,
    UnreadableInput,
    change_sentence,
    changes_markdown,
    check,
    compare_snapshots,
    lifecycle_json,
    plain_sentence,
    read_side,
)

AS_OF = dt.date(2025, 6, 1)

POLICY = """\
sdk: Test SDK
platforms:
  inf2: Inf2
  trn1: Trn1
kinds:
  dependency:
    title: Dependency software
    phases: [upcoming, supported, announced, maintenance, end-of-support]
  component:
    title: Neuron component
    phases: [upcoming, beta, supported, maintenance, end-of-support]
    notice_months: 1
"""
SDK = """\
releases:
  - version: 2.20.0
    released: 2024-09-16
  - version: 2.21.0
    released: 2024-12-20
  - version: 2.22.0
    released: 2025-04-03
end_of_support:
  - versions: "<2.21"
    announced: 2025-01-10
    effective: 2025-05-01
    announcement: eos-sdk-2-20
"""
PYTHON = """\
title: Python
category: language-runtime
versions:
  - version: "3.9"
    sdk: ">=2.20, <2.22"
    end_of_support:
      announced: 2024-12-20
      effective: 2.22.0
      announcement: eos-python-39
  - version: "3.10"
    sdk: ">=2.20"
"""
NXD = """\
title: NxD Inference
kind: component
sdk: ">=2.21"
beta: {effective: 2.21.0}
supported: {effective: 2.22.0}
"""
WAIVERS = """\
waivers:
  - rule: upstream-eol
    subject: python 3.9
    reason: Kept for one more release.
    until: 2025-05-15
"""
BASE = {
    "policy.yaml": POLICY,
    "sdk.yaml": SDK,
    "dependencies/python.yaml": PYTHON,
    "software/nxd-inference.yaml": NXD,
    "waivers.yaml": WAIVERS,
}


def write(root: Path, files: dict[str, str | None]) -> Path:
    for name, text in files.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def diff(
    tmp_path: Path,
    edits: dict[str, tuple[str, str] | str | None] | None = None,
    *,
    old_as_of: dt.date = AS_OF,
    new_as_of: dt.date = AS_OF,
    base: dict[str, str] | None = None,
) -> list[Change]:
    """The changes from ``base`` to ``base`` with ``edits``: per file, (old text, new text) to
    replace, a whole new text, or None to delete the file."""
    files = dict(base or BASE)
    old = write(tmp_path / "old", files)
    changed: dict[str, str | None] = dict(files)
    for name, edit in (edits or {}).items():
        if isinstance(edit, tuple):
            current = changed[name]
            assert current is not None and edit[0] in current, (name, edit[0])
            changed[name] = current.replace(*edit)
        else:
            changed[name] = edit
    new = write(tmp_path / "new", changed)
    before = read_side(str(old), base=tmp_path, as_of=old_as_of, default_as_of=old_as_of)
    after = read_side(str(new), base=tmp_path, as_of=new_as_of, default_as_of=new_as_of)
    assert (before.errors, after.errors) == (0, 0)
    return list(compare_snapshots(before.snapshot, after.snapshot))


def texts(changes: list[Change]) -> list[str]:
    return [plain_sentence(change_sentence(c)) for c in changes]


# -- no change ------------------------------------------------------------------------------------


def test_the_same_data_has_no_change(tmp_path: Path) -> None:
    assert diff(tmp_path) == []


REWRITTEN_SDK = """\
# The same releases, written differently: comments, flow style, quoting, order, spacing.
end_of_support:
  - {effective: 2025-05-01, announced: "2025-01-10", versions: "< 2.21", announcement: eos-sdk-2-20}
releases:
  - {released: 2025-04-03, version: "2.22.0"}
  - released: 2024-09-16   # the first
    version: 2.20.0
  - version: 2.21.0
    released: '2024-12-20'
"""
REWRITTEN_PYTHON = """\
category: language-runtime
title: Python
versions:
  - version: "3.10"
    sdk: [">= 2.20"]
  - version: "3.9"
    sdk: "<2.22,>=2.20"
    end_of_support:
      effective: "2.22.0"
      announcements:
        - {date: 2024-12-20, label: eos-python-39}
"""


def test_a_change_only_of_formatting_is_no_change(tmp_path: Path) -> None:
    edits = {"sdk.yaml": REWRITTEN_SDK, "dependencies/python.yaml": REWRITTEN_PYTHON}
    assert diff(tmp_path, edits) == []
    assert (tmp_path / "new" / "sdk.yaml").read_text() != (tmp_path / "old" / "sdk.yaml").read_text()


# -- releases and dates ---------------------------------------------------------------------------


def test_a_release_added_and_a_planned_one(tmp_path: Path) -> None:
    more = "  - version: 2.23.0\n    released: 2025-05-20\n  - version: 2.24.0\n    released: 2025-09-01\n"
    changes = diff(tmp_path, {"sdk.yaml": ("end_of_support:", more + "end_of_support:")})
    added = [c for c in changes if c.kind == "release-added"]
    assert texts(added) == [
        "New SDK release 2.23.0, released on 2025-05-20.",
        "New SDK release 2.24.0, planned for 2025-09-01.",
    ]
    # Python 3.10's open range covers them on both sides: its support did not change
    assert not [c for c in changes if c.subject == "python 3.10"]


def test_a_release_removed(tmp_path: Path) -> None:
    changes = diff(tmp_path, {"sdk.yaml": ("  - version: 2.22.0\n    released: 2025-04-03\n", "")})
    assert "SDK release 2.22.0, dated 2025-04-03, was removed." in texts(changes)


def test_a_date_moved_within_the_same_month(tmp_path: Path) -> None:
    changes = diff(tmp_path, {"sdk.yaml": ("released: 2025-04-03", "released: 2025-04-17")})
    moved = [c for c in changes if c.kind == "date-moved"]
    assert [(c.subject, c.fact, str(c.old), str(c.new)) for c in moved] == [
        ("sdk 2.22.0", "released", "2025-04-03", "2025-04-17"),
        # Python 3.9's end of support is that release: it moved with it, on every platform
        ("python 3.9", "end-of-support", "2025-04-03 (SDK 2.22.0)", "2025-04-17 (SDK 2.22.0)"),
        ("nxd-inference", "supported", "2025-04-03 (SDK 2.22.0)", "2025-04-17 (SDK 2.22.0)"),
    ]
    assert texts(moved)[0] == "SDK 2.22.0: release date moved from 2025-04-03 to 2025-04-17."
    assert moved[1].platforms == ()
    assert texts(moved)[2] == (
        "NxD Inference: general availability moved from 2025-04-03 (SDK 2.22.0) to 2025-04-17 (SDK 2.22.0)."
    )


def test_a_month_made_precise_is_a_change(tmp_path: Path) -> None:
    changes = diff(tmp_path, {"sdk.yaml": ("effective: 2025-05-01", "effective: 2025-05")})
    assert texts([c for c in changes if c.kind == "date-moved"]) == [
        "SDK 2.20.0: end of support moved from 2025-05-01 to 2025-05."
    ]


def test_releases_that_changed_alike_are_listed_once(tmp_path: Path) -> None:
    patch = "  - version: 2.20.1\n    released: 2024-10-01\n  - version: 2.21.0\n"
    base = {**BASE, "sdk.yaml": SDK.replace("  - version: 2.21.0\n", patch)}
    changes = diff(tmp_path, {"sdk.yaml": ("effective: 2025-05-01", "effective: 2025-07-01")}, base=base)
    assert texts(changes) == [
        "SDK 2.20.0 \u2013 2.20.1: end of support moved from 2025-05-01 to 2025-07-01.",
        "SDK 2.20.0 \u2013 2.20.1 entered End-of-support announced on 2025-01-10 (before: End of support).",
    ]
    assert [[str(v) for v in c.versions] for c in changes] == [["2.20.0", "2.20.1"]] * 2


def test_an_entry_that_covers_more_releases(tmp_path: Path) -> None:
    """The entry is another announcement (it names other releases); the release it now ends gets
    its end of support from it, which the announcement says (not listed again as a date)."""
    changes = diff(tmp_path, {"sdk.yaml": ('versions: "<2.21"', 'versions: "<2.22"')})
    assert texts(changes) == [
        "SDK 2.21.0 entered End of support on 2025-05-01 (before: Supported).",
        "SDK 2.20.x: the end of support announcement of 2025-01-10 was withdrawn.",
        "SDK versions <2.22: end of support announced on 2025-01-10, effective 2025-05-01.",
    ]


def test_a_dependency_end_of_support_moved_on_one_platform(tmp_path: Path) -> None:
    scoped = "    end_of_support:\n      announced: 2024-12-20\n      effective: 2.22.0\n      platforms: [trn1]\n"
    base = {
        **BASE,
        "dependencies/python.yaml": PYTHON.replace(
            "    end_of_support:\n      announced: 2024-12-20\n      effective: 2.22.0\n      announcement: eos-python-39\n",
            scoped,
        ),
    }
    edits = {
        "dependencies/python.yaml": ("effective: 2.22.0\n      platforms", "effective: 2025-08-01\n      platforms")
    }
    changes = diff(tmp_path, edits, base=base)
    assert [(c.kind, c.platforms, c.platform_titles) for c in changes] == [
        ("date-moved", ("trn1",), ("Trn1",)),
        ("phase-entered", ("trn1",), ("Trn1",)),
    ]
    assert texts(changes) == [
        "Python 3.9 on Trn1: end of support moved from 2025-04-03 (SDK 2.22.0) to 2025-08-01.",
        "Python 3.9 on Trn1 entered Maintenance or end of support announced on 2024-12-20 (before: End of support).",
    ]


# -- support ----------------------------------------------------------------------------------------


def test_support_widened_narrowed_and_changed(tmp_path: Path) -> None:
    widened = diff(tmp_path / "w", {"dependencies/python.yaml": ('sdk: ">=2.20, <2.22"', 'sdk: ">=2.20, <2.23"')})
    assert [(c.kind, [str(v) for v in c.new]) for c in widened if c.section == "support"] == [  # type: ignore[union-attr]
        ("support-widened", ["2.20.0", "2.21.0", "2.22.0"])
    ]
    narrowed = diff(tmp_path / "n", {"dependencies/python.yaml": ('sdk: ">=2.20"', 'sdk: ">=2.20, <2.22"')})
    assert texts([c for c in narrowed if c.section == "support"]) == [
        "Python 3.10: support narrowed to SDK 2.20.0 \u2013 2.21.0 (before: SDK 2.20.0 \u2013 2.22.0)."
    ]
    shifted = diff(tmp_path / "s", {"dependencies/python.yaml": ('sdk: ">=2.20"', 'sdk: ">=2.21"')})
    assert [c.kind for c in shifted if c.section == "support"] == ["support-narrowed"]
    moved = diff(tmp_path / "m", {"dependencies/python.yaml": ('sdk: ">=2.20, <2.22"', 'sdk: "==2.22.*"')})
    assert texts([c for c in moved if c.section == "support"]) == [
        "Python 3.9: support changed to SDK 2.22.0 (before: SDK 2.20.0 \u2013 2.21.0)."
    ]


def test_support_widened_on_one_platform(tmp_path: Path) -> None:
    edit = ('sdk: ">=2.20"', 'sdk:\n      - ">=2.21"\n      - {range: ">=2.20", platforms: [inf2]}')
    changes = diff(tmp_path, {"dependencies/python.yaml": edit})
    support = [c for c in changes if c.section == "support"]
    assert texts(support) == [
        "Python 3.10 on Trn1: support narrowed to SDK 2.21.0 \u2013 2.22.0 (before: SDK 2.20.0 \u2013 2.22.0)."
    ]


def test_a_range_ending_at_a_new_release_widens(tmp_path: Path) -> None:
    """A closed range that now takes in a release the old data did not list: the old range,
    applied to that release, did not cover it."""
    more = "  - version: 2.23.0\n    released: 2025-05-20\n"
    edits = {
        "sdk.yaml": ("end_of_support:", more + "end_of_support:"),
        "dependencies/python.yaml": ('sdk: ">=2.20, <2.22"', 'sdk: ">=2.20, <2.24"'),
    }
    changes = diff(tmp_path, edits)
    support = [c for c in changes if c.section == "support"]
    assert texts(support) == [
        "Python 3.9: support widened to SDK 2.20.0 \u2013 2.23.0 (before: SDK 2.20.0 \u2013 2.21.0)."
    ]


def test_subjects_added_and_removed(tmp_path: Path) -> None:
    added = PYTHON + '  - version: "3.11"\n    sdk: ">=2.22"\n'
    changes = diff(tmp_path, {"dependencies/python.yaml": added, "software/nxd-inference.yaml": None})
    assert texts([c for c in changes if c.section == "support"]) == [
        "Python 3.11 was added, supported in SDK 2.22.0.",
        "NxD Inference was removed.",
    ]


# -- phases ------------------------------------------------------------------------------------------


def test_phases_entered_between_the_two_as_of_dates(tmp_path: Path) -> None:
    changes = diff(tmp_path, old_as_of=dt.date(2024, 10, 1), new_as_of=dt.date(2025, 6, 1))
    assert texts(changes) == [
        "SDK 2.20.0 entered End of support on 2025-05-01 (before: Supported).",
        "SDK 2.21.0 entered Supported on 2024-12-20 (before: Upcoming).",
        "SDK 2.22.0 entered Supported on 2025-04-03 (before: Upcoming).",
        "Python 3.9 entered End of support on 2025-04-03 (before: Supported).",
        "NxD Inference entered Supported on 2025-04-03 (before: Upcoming).",
        "Waiver of upstream-eol for python 3.9 expired on 2025-05-15.",
    ]


# -- announcements -------------------------------------------------------------------------------------


def test_an_announcement_added_says_when_it_takes_effect(tmp_path: Path) -> None:
    eos = '    sdk: ">=2.20"\n    end_of_support:\n      announced: 2025-05-01\n      effective: 2025-09-01\n      announcement: eos-python-310\n'
    changes = diff(tmp_path, {"dependencies/python.yaml": ('    sdk: ">=2.20"\n', eos)})
    assert [(c.kind, c.label) for c in changes] == [
        ("announcement-added", "eos-python-310"),
        ("phase-entered", None),
    ][::-1]
    # the end of support it sets is not listed again as a date that became known
    assert texts(changes)[-1] == ("Python 3.10: end of support announced on 2025-05-01, effective 2025-09-01.")


def test_an_announcement_corrected_or_followed_up(tmp_path: Path) -> None:
    long_form = (
        "    end_of_support:\n      effective: 2.22.0\n      announcements:\n"
        "        - {date: 2024-12-20, label: eos-python-39}\n"
    )
    base = {
        **BASE,
        "dependencies/python.yaml": PYTHON.replace(
            "    end_of_support:\n      announced: 2024-12-20\n      effective: 2.22.0\n      announcement: eos-python-39\n",
            long_form,
        ),
    }
    correction = "        - {date: 2024-12-20, label: eos-python-39}\n        - {date: 2025-01-05, kind: correction}\n"
    followed = (
        "        - {date: 2024-12-20, label: eos-python-39}\n        - {date: 2025-04-03, kind: no-longer-supported}\n"
    )
    redated = "        - {date: 2024-12-19, label: eos-python-39}\n"
    cases = {
        correction: "Python 3.9: end of support announcement corrected on 2025-01-05.",
        followed: "Python 3.9: new end of support announcement on 2025-04-03 (no longer supported).",
        redated: "Python 3.9: the end of support announcement of 2024-12-20 is now dated 2024-12-19.",
    }
    for i, (edit, expected) in enumerate(cases.items()):
        edits = {"dependencies/python.yaml": ("        - {date: 2024-12-20, label: eos-python-39}\n", edit)}
        changes = diff(tmp_path / str(i), edits, base=base)
        assert texts([c for c in changes if c.section == "announcements"]) == [expected]


def test_an_announcement_withdrawn(tmp_path: Path) -> None:
    changes = diff(tmp_path, {"sdk.yaml": (SDK[SDK.index("  - versions") :], "")})
    assert "SDK 2.20.x: the end of support announcement of 2025-01-10 was withdrawn." in texts(changes)
    assert "SDK 2.20.0: end of support is no longer known (before: 2025-05-01)." in texts(changes)


# -- waivers and policy ----------------------------------------------------------------------------------


def test_waivers_added_expired_changed_and_removed(tmp_path: Path) -> None:
    added = WAIVERS + "  - rule: minor-only\n    subject: python  3.10\n    reason: r\n    platforms: [trn1]\n"
    assert texts(diff(tmp_path / "a", {"waivers.yaml": added})) == [
        "Waiver of minor-only for python 3.10 on Trn1 added."
    ]
    assert texts(diff(tmp_path / "e", old_as_of=dt.date(2025, 5, 1))) == [
        "Waiver of upstream-eol for python 3.9 expired on 2025-05-15."
    ]
    extended = diff(tmp_path / "c", {"waivers.yaml": ("until: 2025-05-15", "until: 2025-07")})
    assert texts(extended) == ["Waiver of upstream-eol for python 3.9: now until 2025-07 (before: 2025-05-15)."]
    assert texts(diff(tmp_path / "r", {"waivers.yaml": "waivers: []\n"})) == [
        "Waiver of upstream-eol for python 3.9 removed."
    ]


def test_a_policy_parameter_changed(tmp_path: Path) -> None:
    changes = diff(tmp_path, {"policy.yaml": ("notice_months: 1", "notice_months: 2")})
    assert texts(changes) == ["Policy for Neuron component: notice in months changed from 1 to 2."]


# -- git revisions -----------------------------------------------------------------------------------------


def git(repo: Path, *args: str, date: str = "2025-02-01T12:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    env.update(
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
    )
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose first commit (2025-02-01) has the base data in docs/policy_data, and
    whose second (2025-06-01) adds SDK 2.23.0."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root / "docs" / "policy_data", BASE)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "data")
    git(root, "tag", "v2.22")
    sdk = root / "docs" / "policy_data" / "sdk.yaml"
    sdk.write_text(SDK.replace("end_of_support:", "  - version: 2.23.0\n    released: 2025-05-20\nend_of_support:"))
    git(root, "commit", "-q", "-am", "2.23", date="2025-06-01T12:00:00+00:00")
    return root


def test_a_git_revision_is_read_as_it_was(repo: Path) -> None:
    side = read_side("v2.22:docs/policy_data", base=repo, as_of=None, default_as_of=dt.date(2030, 1, 1))
    assert side.kind == "revision"
    assert side.snapshot.as_of == dt.date(2025, 2, 1)  # the commit date
    now = read_side("docs/policy_data", base=repo, as_of=dt.date(2025, 6, 1), default_as_of=AS_OF)
    changes = compare_snapshots(side.snapshot, now.snapshot)
    assert "New SDK release 2.23.0, released on 2025-05-20." in texts(list(changes))
    # a path relative to the directory git runs in
    relative = read_side("v2.22:./policy_data", base=repo / "docs", as_of=None, default_as_of=AS_OF)
    assert relative.snapshot.releases == side.snapshot.releases


def test_a_revision_keeps_links_and_large_files_as_the_loader_sees_them(repo: Path) -> None:
    data = repo / "docs" / "policy_data"
    (data / "dependencies" / "jax.yaml").symlink_to("../../outside.yaml")
    (repo / "docs" / "outside.yaml").write_text("title: JAX\n")
    (data / "software" / "big.yaml").write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "link")
    side = read_side("HEAD:docs/policy_data", base=repo, as_of=AS_OF, default_as_of=AS_OF)
    here = read_side("docs/policy_data", base=repo, as_of=AS_OF, default_as_of=AS_OF)
    # the link leads outside the data directory and the file is too large, as in the working tree
    assert (side.errors, here.errors) == (2, 2)
    assert side.snapshot == dataclasses.replace(here.snapshot, source=side.snapshot.source)


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("nosuch:docs/policy_data", "'nosuch' is not a revision of the repository"),
        ("HEAD:docs/nothing", "no directory 'docs/nothing' in HEAD"),
        ("HEAD:docs/policy_data/sdk.yaml", "'docs/policy_data/sdk.yaml' in HEAD is a file, not a data directory"),
        ("-x:docs", "a revision does not start with '-'"),
        ("missing", "no such directory or file, and not a git revision (REV:path)"),
    ],
)
def test_an_unreadable_side_says_why(repo: Path, spec: str, reason: str) -> None:
    with pytest.raises(UnreadableInput) as caught:
        read_side(spec, base=repo, as_of=None, default_as_of=AS_OF)
    assert reason in caught.value.reason


def test_a_revision_outside_a_repository(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="is not in a git repository"):
        read_side("HEAD:policy_data", base=tmp_path, as_of=None, default_as_of=AS_OF)


# -- the command ---------------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_text(repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    code, out, err = run(capsys, "diff", "v2.22:docs/policy_data", "docs/policy_data", "--today", "2025-06-01")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Changes from v2.22:docs/policy_data (as of 2025-02-01) to docs/policy_data (as of 2025-06-01):",
        "Releases",
        "  - New SDK release 2.23.0, released on 2025-05-20.",
        "Phases",
        "  - SDK 2.20.0 entered End of support on 2025-05-01 (before: End-of-support announced).",
        "  - SDK 2.22.0 entered Supported on 2025-04-03 (before: Upcoming).",
        "  - Python 3.9 entered End of support on 2025-04-03 (before: Maintenance or end of support announced).",
        "  - NxD Inference entered Supported on 2025-04-03 (before: Beta).",
        "Waivers",
        "  - Waiver of upstream-eol for python 3.9 expired on 2025-05-15.",
    ]


def test_cli_json(repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = run(
        capsys,
        "diff",
        "v2.22:docs/policy_data",
        "HEAD:docs/policy_data",
        "--old-today",
        "2025-06-01",
        "--format",
        "json",
    )
    assert code == 0
    document = json.loads(out)
    assert document["old"] == {"source": "v2.22:docs/policy_data", "as_of": "2025-06-01"}
    assert document["new"] == {"source": "HEAD:docs/policy_data", "as_of": "2025-06-01"}  # its commit date
    assert document["changes"] == [
        {
            "section": "releases",
            "kind": "release-added",
            "subject": "sdk 2.23.0",
            "name": "SDK 2.23.0",
            "platforms": [],
            "use": None,
            "fact": None,
            "old": None,
            "new": None,
            "date": "2025-05-20",
            "label": None,
            "post_kind": None,
            "sdk_versions": ["2.23.0"],
            "text": "New SDK release 2.23.0, released on 2025-05-20.",
        }
    ]


def test_cli_markdown_escapes_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "old", BASE)
    hostile = {
        **BASE,
        "dependencies/python.yaml": PYTHON.replace("title: Python", "title: '# *Py* <b>[x](y)</b> | `t`'"),
    }
    hostile["dependencies/python.yaml"] += '  - version: "3.11"\n    sdk: ">=2.22"\n'
    write(tmp_path / "new", hostile)
    code, out, _ = run(
        capsys, "diff", str(tmp_path / "old"), str(tmp_path / "new"), "--today", "2025-06-01", "--format", "markdown"
    )
    assert code == 0
    assert (
        "- \\# \\*Py\\* &lt;b&gt;\\[x\\](y)&lt;/b&gt; \\| \\`t\\` 3.11 was added, supported in SDK 2.22.0."
        in out.splitlines()
    )
    assert (
        changes_markdown(
            [],
            *[
                read_side(str(tmp_path / s), base=tmp_path, as_of=AS_OF, default_as_of=AS_OF).snapshot
                for s in ("old", "old")
            ],
        ).count("No changes in meaning.")
        == 1
    )


def test_cli_unreadable_side_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "diff", "nothing", str(write(tmp_path / "d", BASE)))
    assert (code, out) == (2, "")
    assert (
        err
        == "neuron-policy: error: cannot read nothing: no such directory or file, and not a git revision (REV:path)\n"
    )


def test_cli_notes_data_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "old", BASE)
    write(tmp_path / "new", {**BASE, "software/nxd-inference.yaml": "title: [broken\n"})
    code, out, err = run(capsys, "diff", str(tmp_path / "old"), str(tmp_path / "new"), "--today", "2025-06-01")
    assert code == 0
    assert "NxD Inference was removed." in out
    assert "NEW" in err and "has 1 data error(s)" in err


def test_a_side_that_states_less_is_compared_on_what_both_state(tmp_path: Path) -> None:
    """An export states no waivers and no rule parameters of kinds, and days for months: those
    are not compared, and a month equals its first day."""
    edits = {
        "waivers.yaml": "waivers: []\n",
        "policy.yaml": ("notice_months: 1", "notice_months: 2"),
        "sdk.yaml": ("effective: 2025-05-01", "effective: 2025-05"),
    }
    write(tmp_path / "old", BASE)
    changed = {**BASE, "waivers.yaml": edits["waivers.yaml"]}
    changed["policy.yaml"] = POLICY.replace(*edits["policy.yaml"])
    changed["sdk.yaml"] = SDK.replace(*edits["sdk.yaml"])
    write(tmp_path / "new", changed)
    old = read_side(str(tmp_path / "old"), base=tmp_path, as_of=AS_OF, default_as_of=AS_OF).snapshot
    new = read_side(str(tmp_path / "new"), base=tmp_path, as_of=AS_OF, default_as_of=AS_OF).snapshot
    assert len(compare_snapshots(old, new)) == 3  # all three, between two data directories
    stated = {k: v for k, v in old.policy.items() if k in ("min_support_months", "eos_notice_months")}
    partial = dataclasses.replace(old, waivers=None, policy=stated, partial=True, month_precision=False)
    assert compare_snapshots(partial, new) == ()


# -- JSON exports -----------------------------------------------------------------------------------------

EXAMPLE_DATA = Path(__file__).resolve().parents[1] / "policy_data"
TEST_ROOTS = Path(__file__).resolve().parent / "roots"


def export_of(data: Path, as_of: dt.date, path: Path) -> Path:
    """The JSON export (``neuron-policy export json``) of a data directory on a day."""
    path.write_bytes(lifecycle_json(check(data, as_of)))
    return path


@pytest.mark.parametrize(
    "data",
    [EXAMPLE_DATA, TEST_ROOTS / "test-platforms" / "policy_data", TEST_ROOTS / "test-basic" / "policy_data"],
    ids=["neuron", "platforms", "basic"],
)
@pytest.mark.parametrize(
    ("then", "now"),
    [(dt.date(2025, 8, 15), dt.date(2025, 8, 15)), (dt.date(2024, 10, 1), dt.date(2026, 11, 24))],
    ids=["same-day", "two-years"],
)
def test_an_export_states_what_its_data_does(tmp_path: Path, data: Path, then: dt.date, now: dt.date) -> None:
    """Compared with data, an export of that data says what the data says: nothing changed on the
    same day, and across two dates the same changes as the data itself (bar the waivers, which an
    export does not state)."""
    exported = export_of(data, then, tmp_path / "lifecycle.json")
    side = read_side(str(exported), base=tmp_path, as_of=None, default_as_of=now)
    assert (side.kind, side.snapshot.as_of) == ("export", then)
    directory = read_side(str(data), base=tmp_path, as_of=then, default_as_of=then).snapshot
    current = read_side(str(data), base=tmp_path, as_of=now, default_as_of=now).snapshot
    from_export = compare_snapshots(side.snapshot, current)
    from_data = [c for c in compare_snapshots(directory, current) if c.section != "waivers"]
    assert list(from_export) == from_data
    if then == now:
        assert from_export == ()
    else:
        assert from_export  # phases were entered in between


def test_an_export_taken_on_another_day_reads_its_phases_from_its_periods(tmp_path: Path) -> None:
    exported = export_of(write(tmp_path / "d", BASE), dt.date(2024, 10, 1), tmp_path / "lifecycle.json")
    later = read_side(str(exported), base=tmp_path, as_of=AS_OF, default_as_of=AS_OF).snapshot
    assert (
        compare_snapshots(
            later, read_side(str(tmp_path / "d"), base=tmp_path, as_of=AS_OF, default_as_of=AS_OF).snapshot
        )
        == ()
    )


def test_the_changes_since_an_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path / "old", BASE)
    exported = export_of(old, AS_OF, tmp_path / "lifecycle-2.22.json")
    new = write(tmp_path / "new", {**BASE, "sdk.yaml": SDK.replace("released: 2025-04-03", "released: 2025-04-17")})
    code, out, err = run(capsys, "diff", str(exported), str(new), "--today", "2025-06-01")
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [
        f"Changes from {exported} (as of 2025-06-01) to {new} (as of 2025-06-01):",
        "Dates",
        "  - SDK 2.22.0: release date moved from 2025-04-03 to 2025-04-17.",
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{", "is not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"),
        ("[]", "is not a lifecycle export (a JSON document with format 'neuron-policy-lifecycle')"),
        ('{"format": "other"}', "is not a lifecycle export (a JSON document with format 'neuron-policy-lifecycle')"),
        (
            '{"format": "neuron-policy-lifecycle", "format_version": 9}',
            "is an export of format version 9; this version reads up to 1",
        ),
        (
            '{"format": "neuron-policy-lifecycle", "format_version": 1}',
            "is not a lifecycle export this version reads: $.as_of: expected a value (the key is missing)",
        ),
    ],
)
def test_a_file_that_is_not_an_export_says_why(tmp_path: Path, text: str, reason: str) -> None:
    (tmp_path / "bad.json").write_text(text)
    with pytest.raises(UnreadableInput) as caught:
        read_side("bad.json", base=tmp_path, as_of=None, default_as_of=AS_OF)
    assert caught.value.reason == reason


def test_a_damaged_export_names_the_json_path(tmp_path: Path) -> None:
    document = json.loads(lifecycle_json(check(write(tmp_path / "d", BASE), AS_OF)))
    document["releases"][1]["released"] = "2024-13-45"
    (tmp_path / "bad.json").write_text(json.dumps(document))
    with pytest.raises(UnreadableInput, match=r"\$\.releases\[1\]\.released: expected a date YYYY-MM-DD"):
        read_side("bad.json", base=tmp_path, as_of=None, default_as_of=AS_OF)


@pytest.mark.parametrize("day", [dt.date(2025, 8, 15), dt.date(2026, 11, 24)])
def test_an_exports_periods_say_its_phases(tmp_path: Path, day: dt.date) -> None:
    """Each subject's periods put it, on the export's date, in the phase the export states (so an
    export read on another day, from its periods, says what the data would): for a dependency
    whose kind has no "announced" phase too."""
    document = json.loads(lifecycle_json(check(EXAMPLE_DATA, day)))

    def phase_on(periods: list[dict[str, str | None]]) -> str:
        for period in periods:
            start, end = str(period["start"]), period["end"]
            if start <= day.isoformat() and (end is None or day.isoformat() < end):
                return str(period["phase"])
        return "upcoming"

    subjects = [
        *document["releases"],
        *(v for dependency in document["dependencies"] for v in dependency["versions"]),
        *document["software"],
    ]
    wrong = [
        (subject["subject"], where.get("platform"), where["phase"], phase_on(where["periods"]))
        for subject in subjects
        for where in (subject, *subject.get("platforms", ()))
        if where["phase"] != phase_on(where["periods"])
    ]
    assert wrong == []
