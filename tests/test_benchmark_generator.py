"""Smoke test of the benchmark data generator: at k = 1 its data has real Neuron scale and checks clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks import generate

from neuron_policy.core import check


def test_generated_data_checks_clean_at_real_scale(tmp_path: Path) -> None:
    root = generate.write(tmp_path / "policy_data", 1)
    report = check(root, generate.as_of(1))
    assert report.findings == ()
    data = report.data
    assert len(data.releases) == 99
    assert len(data.dependencies) == 20
    assert sum(len(d.versions) for d in data.dependencies) == 150
    assert len(data.end_of_support) == 11  # minors 0-43 in groups of 4; the newest two groups stay open
    # the shapes of real data: patch releases, maintenance phases, open and closed ranges
    assert sum(1 for r in data.releases if r.version.value.micro) == 49
    versions = [v for d in data.dependencies for v in d.versions]
    assert sum(1 for v in versions if v.maintenance) == 60
    assert sum(1 for v in versions if "<" not in v.sdk.value.text) == 20
    phases = {report.lifecycle.dependency_timeline(v).phase_on(report.as_of) for v in versions}
    assert phases == {"supported", "maintenance", "end-of-support"}


@pytest.mark.parametrize("k", [2, 5])
def test_generated_data_checks_clean_at_larger_scales(tmp_path: Path, k: int) -> None:
    """The scales the benchmarks use past k = 1 are valid data too (what they time is a clean check)."""
    report = check(generate.write(tmp_path / "policy_data", k), generate.as_of(k))
    assert [str(f) for f in report.findings] == []
    assert len(report.data.releases) == 99 * k + (k - 1)


def test_other_spellings_match_the_same_releases(tmp_path: Path) -> None:
    def ranges(spelling: str) -> list[list[str]]:
        report = check(generate.write(tmp_path / spelling, 1, spelling=spelling), generate.as_of(1))
        assert report.findings == ()
        specs = [v.sdk.value for d in report.data.dependencies for v in d.versions]
        specs += [e.versions.value for e in report.data.end_of_support]
        return [[str(r.version.value) for r in report.lifecycle.index.matching(s)] for s in specs]

    plain = ranges("range")
    assert ranges("tilde") == plain
    assert ranges("wildcard") == plain


def test_waiver_shape_waives_every_violation(tmp_path: Path) -> None:
    report = check(generate.write(tmp_path / "w", 1, waivers=300), generate.as_of(1))
    rules = sorted({(f.rule.value, f.severity.value) for f in report.findings})
    assert rules == [("phase-mismatch", "info"), ("waiver-unused", "warning")]
    assert sum(1 for f in report.findings if f.rule.value == "phase-mismatch") == 249
    assert sum(1 for f in report.findings if f.rule.value == "waiver-unused") == 300 - 249
