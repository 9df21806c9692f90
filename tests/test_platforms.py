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
    assert [str(life.last_release(python, AS_OF, p).version.value) for p in ("inf1", "inf2", "trn1")] == [
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
