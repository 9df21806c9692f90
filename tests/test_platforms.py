"""Platform scope and every kind of software in the core: phases per platform, grouped where
platforms differ; scoped milestones; gaps; software timelines; status per platform.

Data: ``tests/roots/test-platforms`` (as of 2025-08-15): Python 3.9 on 2.20-2.23 (Inf2, Trn1)
and 2.20- (Inf1), its end of support from 2.24.0 on Inf2 and Trn1 only; PyTorch 2.5 in
maintenance for inference on Inf2 and Trn1 from 2.25.0; TensorFlow 2.8 back in 2.25 (waived);
NxD Training, a component on Trn1 only.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from neuron_policy.cli import main
from neuron_policy.core import Lifecycle, PhaseState, check, load, status

from .conftest import ROOTS

DATA = ROOTS / "test-platforms" / "policy_data"
AS_OF = dt.date(2025, 8, 15)


@pytest.fixture(scope="module")
def life() -> Lifecycle:
    return Lifecycle(load(DATA).data)


def version(life: Lifecycle, subject: str):  # type: ignore[no-untyped-def]
    return life.resolve(subject).versions[0]


def test_the_data_checks_clean() -> None:
    assert check(DATA, AS_OF).findings == ()


def test_support_differs_by_platform(life: Lifecycle) -> None:
    python = version(life, "python 3.9")
    assert [str(life.last_sdk(python, AS_OF, p).version.value) for p in ("inf1", "inf2", "trn1")] == [
        "2.25.0",
        "2.23.0",
        "2.23.0",
    ]
    assert life.version_states(python, AS_OF) == (
        (PhaseState("supported"), ("inf1",)),
        (PhaseState("end-of-support"), ("inf2", "trn1")),
    )


def test_a_version_supported_everywhere_reads_as_one_phase(life: Lifecycle) -> None:
    assert life.version_states(version(life, "python 3.10"), AS_OF) == ((PhaseState("supported"), ()),)


def test_a_maintenance_for_some_platforms_and_one_use(life: Lifecycle) -> None:
    pytorch = version(life, "pytorch 2.5")
    assert life.version_states(pytorch, AS_OF) == (
        (PhaseState("supported"), ("inf1",)),
        (PhaseState("maintenance", "inference"), ("inf2", "trn1")),
    )
    # before its date, it is announced there (its kind has that phase)
    assert life.version_states(pytorch, dt.date(2025, 7, 1))[1] == (PhaseState("announced"), ("inf2", "trn1"))


def test_a_waived_return_is_no_support(life: Lifecycle) -> None:
    tensorflow = version(life, "tensorflow 2.8")
    assert str(life.dates(tensorflow).last_release.version.value) == "2.21.0"  # type: ignore[union-attr]
    assert life.version_states(tensorflow, AS_OF) == ((PhaseState("end-of-support"), ()),)


def test_a_software_item_has_the_phases_of_its_kind(life: Lifecycle) -> None:
    (item,) = life.data.software
    timeline = life.software_timeline(item)
    assert timeline.phases == ("upcoming", "beta", "rc", "supported", "maintenance", "end-of-support")
    assert [timeline.phase_on(day) for day in (dt.date(2024, 9, 1), dt.date(2024, 10, 1), AS_OF)] == [
        "upcoming",
        "beta",
        "supported",
    ]
    assert timeline.next_change(AS_OF) == (dt.date(2025, 9, 18), "maintenance")
    assert life.software_states(item, AS_OF) == ((PhaseState("supported"), ("trn1",)),)


def test_status_says_which_phase_applies_where() -> None:
    report = check(DATA, AS_OF)
    (python,) = status(report, "python 3.9")
    assert python.phase == "mixed"
    assert {p: (s.phase, s.last_sdk) for p, s in python.platforms.items()} == {
        "inf1": ("supported", "2.25.0"),
        "inf2": ("end-of-support", "2.23.0"),
        "trn1": ("end-of-support", "2.23.0"),
    }
    (everywhere,) = status(report, "python 3.10")
    assert everywhere.phase == "supported"


def test_status_json_has_subject_as_of_phase_and_platforms(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["status", "pytorch 2.5", str(DATA), "--today", "2025-08-15", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (out["subject"], out["as_of"], out["phase"]) == ("pytorch 2.5", "2025-08-15", "mixed")
    assert out["platforms"]["inf2"] == {"phase": "maintenance", "use": "inference", "last_sdk": "2.25.0"}
    assert out["platforms"]["inf1"] == {"phase": "supported", "use": None, "last_sdk": "2.25.0"}
    code = main(["status", "nxd-training", str(DATA), "--today", "2025-08-15", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert (out["kind"], out["phase"], list(out["platforms"])) == ("component", "supported", ["trn1"])


def test_status_text_names_each_platform(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "python 3.9", str(DATA), "--today", "2025-08-15"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "Python 3.9: Differs by platform (mixed)"
    assert lines[-3:] == [
        "  on inf1: Supported (supported); last SDK 2.25.0",
        "  on inf2: End of support (end-of-support); last SDK 2.23.0",
        "  on trn1: End of support (end-of-support); last SDK 2.23.0",
    ]


def test_a_waiver_for_some_platforms_covers_findings_about_them_only(write_data) -> None:  # type: ignore[no-untyped-def]
    import shutil

    root = write_data()
    shutil.rmtree(root)
    shutil.copytree(DATA, root)
    python = root / "dependencies" / "python.yaml"
    python.write_text(python.read_text().replace("      announced: 2025-04-01\n", ""))  # unannounced now
    found = [f for f in check(root, AS_OF).findings if f.rule == "unannounced-eos"]
    assert [(f.message, f.subject.platforms if f.subject else None) for f in found] == [
        (
            "python 3.9: support has ended on Inf2 and Trn1 (SDK 2.24.0 (2025-06-24) no longer supports it) "
            "but no end_of_support.announced date records its announcement",
            ("inf2", "trn1"),
        )
    ]
    waiver = "waivers:\n  - {rule: unannounced-eos, subject: python 3.9, reason: r, platforms: [PLATFORMS]}\n"
    (root / "waivers.yaml").write_text(waiver.replace("PLATFORMS", "inf2, trn1"))
    assert [f.severity.value for f in check(root, AS_OF).findings] == ["info"]
    (root / "waivers.yaml").write_text(waiver.replace("PLATFORMS", "inf2"))  # does not cover trn1
    assert sorted(f.rule.value for f in check(root, AS_OF).findings) == ["unannounced-eos", "waiver-unused"]


def _copy(write_data, files: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """The test-platforms data in a fresh directory, with some files' text replaced."""
    import shutil

    root = write_data()
    shutil.rmtree(root)
    shutil.copytree(DATA, root)
    for name, text in (files or {}).items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_policy_that_does_not_parse_is_reported_alone_even_with_platforms(write_data) -> None:  # type: ignore[no-untyped-def]
    policy = (DATA / "policy.yaml").read_text() + "sdk: [x\n"
    report = check(_copy(write_data, {"policy.yaml": policy}), AS_OF)
    assert [(f.rule.value, f.loc.path, f.blocking) for f in report.findings] == [("schema", "policy.yaml", True)]
    assert status(report, "python 3.9")[0].platforms == {}  # nothing computed for unknown platforms


def test_platforms_written_wrong_is_one_error_not_a_flood(write_data) -> None:  # type: ignore[no-untyped-def]
    policy = (
        (DATA / "policy.yaml")
        .read_text()
        .replace("platforms:\n  inf1: Inf1\n  inf2: Inf2\n  trn1: Trn1\n", "platforms: [inf1, inf2, trn1]\n")
    )
    found = check(_copy(write_data, {"policy.yaml": policy}), AS_OF).findings
    assert [(f.rule.value, f.message) for f in found] == [("schema", "platforms: expected a mapping, got a list")]


def test_a_kind_with_an_unreadable_phase_makes_no_phase_not_applicable_flood(write_data) -> None:  # type: ignore[no-untyped-def]
    policy = (
        (DATA / "policy.yaml")
        .read_text()
        .replace(
            "phases: [upcoming, supported, announced, maintenance, end-of-support]",
            "phases: [upcoming, supported, annnounced, maintenance, end-of-support]",
        )
    )
    found = check(_copy(write_data, {"policy.yaml": policy}), AS_OF).findings
    assert [f.rule.value for f in found] == ["schema"]


def test_a_null_id_in_a_map_is_reported(write_data) -> None:  # type: ignore[no-untyped-def]
    policy = (DATA / "policy.yaml").read_text().replace("  inf1: Inf1\n", "  inf1: Inf1\n  ~: Nothing\n")
    found = check(_copy(write_data, {"policy.yaml": policy}), AS_OF).findings
    assert [f.message for f in found] == ["platforms: expected platform ids as keys, got nothing"]


NXDT = (DATA / "software" / "nxd-training.yaml").read_text()


def test_an_unknown_sdk_version_in_a_software_milestone_is_reported(write_data) -> None:  # type: ignore[no-untyped-def]
    found = check(
        _copy(write_data, {"software/nxd-training.yaml": NXDT.replace("effective: 2.26.0", "effective: 2.99.0")}), AS_OF
    ).findings
    assert [(f.rule.value, f.loc.path, f.loc.line) for f in found] == [
        ("unknown-subject", "software/nxd-training.yaml", 8)
    ]


def test_the_notice_rule_judges_an_end_of_support_without_effective_by_its_derived_date(write_data) -> None:  # type: ignore[no-untyped-def]
    """TensorFlow 2.8 ends with the first release above its range (2.22.0, 2025-04-03); announced
    the day before, it breaks a one-month notice."""
    policy = (
        (DATA / "policy.yaml")
        .read_text()
        .replace(
            "phases: [upcoming, supported, announced, end-of-support]",
            "phases: [upcoming, supported, announced, end-of-support]\n    notice_months: 1",
        )
    )
    tensorflow = (
        (DATA / "dependencies" / "tensorflow.yaml")
        .read_text()
        .replace("{announced: 2024-12-01, effective: 2.22.0}", "{announced: 2025-04-02}")
    )
    found = check(
        _copy(write_data, {"policy.yaml": policy, "dependencies/tensorflow.yaml": tensorflow}), AS_OF
    ).findings
    assert [(f.rule.value, f.message) for f in found] == [
        ("notice", "tensorflow 2.8: end of support from 2025-04-03 was announced 2025-04-02, 1 day before it takes "
         "effect; the policy requires at least 1 month")
    ]  # fmt: skip


def test_a_waiver_naming_every_platform_covers_a_finding_about_all(write_data) -> None:  # type: ignore[no-untyped-def]
    python = (
        (DATA / "dependencies" / "python.yaml")
        .read_text()
        .replace('    sdk: ">=2.20"\n', '    sdk: ">=2.20, <2.26.1"\n')
    )
    root = _copy(write_data, {"dependencies/python.yaml": python})
    assert [f.rule.value for f in check(root, AS_OF).findings] == ["minor-only"]
    waiver = "waivers:\n  - {rule: minor-only, subject: python 3.10, reason: r, platforms: [inf1, inf2, trn1]}\n"
    (root / "waivers.yaml").write_text(waiver)
    assert [f.severity.value for f in check(root, AS_OF).findings] == ["info"]


def test_a_gap_on_one_platform_names_it_and_a_return_without_a_gap_is_reported(write_data) -> None:  # type: ignore[no-untyped-def]
    python = (
        (DATA / "dependencies" / "python.yaml")
        .read_text()
        .replace(
            '      - {range: ">=2.20", platforms: [inf1]}\n',
            '      - {range: ">=2.20, <2.22", platforms: [inf1]}\n      - {range: ">=2.24", platforms: [inf1]}\n'
            '      - {range: ">=2.22, <2.23", return: real, reason: r}\n',
        )
    )
    found = check(_copy(write_data, {"dependencies/python.yaml": python}), AS_OF).findings
    gaps = [(f.message, f.subject.platforms if f.subject else None) for f in found if f.rule == "range-gap"]
    assert gaps == [
        ("python 3.9: '>=2.24' on Inf1 starts again after a gap (SDK 2.22.0, 2.23.0); say whether support came "
         "back (return: real) or the releases only shipped it (return: waived)", ("inf1",)),
        ("python 3.9: return: real on '>=2.22, <2.23', which follows no gap", ()),
    ]  # fmt: skip


def test_every_output_gives_the_same_last_sdk(write_data, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    """A software item shipped on Inf2 until 2.22 and ending everywhere else with 2.24.0."""
    item = (
        NXDT.replace("platforms: [trn1]\n", "").replace(
            'sdk: ">=2.20"', 'sdk: [">=2.20", {range: ">=2.20, <2.23", platforms: [inf2]}]'
        )
        + "end_of_support: {effective: 2.24.0, platforms: [inf1, trn1], announcements: [{date: 2025-01-02}]}\n"
    )
    root = _copy(write_data, {"software/nxd-training.yaml": item})
    life = Lifecycle(load(root).data)
    (software,) = life.data.software
    assert {p: str(life.last_sdk(software, AS_OF, p).version.value) for p in life.platforms} == {  # type: ignore[union-attr]
        "inf1": "2.23.0",
        "inf2": "2.22.0",
        "trn1": "2.23.0",
    }
    main(["status", "nxd-training", str(root), "--today", "2025-08-15", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert {p: v["last_sdk"] for p, v in out["platforms"].items()} == {
        "inf1": "2.23.0",
        "inf2": "2.22.0",
        "trn1": "2.23.0",
    }


def test_status_json_is_an_object_for_one_subject_and_a_list_for_several(capsys: pytest.CaptureFixture[str]) -> None:
    main(["status", "python", str(DATA), "--today", "2025-08-15", "--format", "json"])
    assert [item["subject"] for item in json.loads(capsys.readouterr().out)] == ["python 3.9", "python 3.10"]
    main(["status", "sdk ==2.26.*", str(DATA), "--today", "2025-08-15", "--format", "json"])
    assert [item["subject"] for item in json.loads(capsys.readouterr().out)] == ["sdk 2.26.0"]  # a list: a range


def test_a_symlinked_subject_folder_outside_the_data_is_refused(write_data, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    root = _copy(write_data)
    outside = tmp_path / "elsewhere"
    shutil.move(str(root / "software"), outside)
    (root / "software").symlink_to(outside)
    found = check(root, AS_OF).findings
    assert [(f.loc.path, f.message) for f in found][:1] == [
        ("software", "software lies outside the data directory (a symbolic link?)")
    ]
