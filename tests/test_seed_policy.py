"""The seed's policy and the current Neuron policy are two policy files, not two code paths.

The real data (``policy_data/``) is checked twice by the same engine: as it is, under the current
AWS Neuron policy, and with ``example_docs/policies/seed-policy.yaml`` swapped in for its
``policy.yaml``. The seed's policy has no notice period, no overlap rule and lets every kind of
software have every phase, so the verdict must differ in exactly that: the findings of ``notice``,
``overlap`` and ``phase-not-applicable`` are gone, the waivers that accepted them are unused, and
every other finding is the same, word for word and at the same line.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from neuron_policy.core import Finding, Report, RuleId, Severity, check

from .test_example_docs import DATA, DOCS, TODAY

SEED = DOCS / "policies" / "seed-policy.yaml"
#: The rules whose parameters only the current policy sets.
CURRENT_ONLY = {RuleId.NOTICE, RuleId.OVERLAP, RuleId.PHASE_NOT_APPLICABLE}
AS_OF = dt.date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def current() -> Report:
    return check(DATA, AS_OF)


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Report:
    root = tmp_path_factory.mktemp("seed") / "policy_data"
    shutil.copytree(DATA, root)
    shutil.copyfile(SEED, root / "policy.yaml")
    return check(root, AS_OF)


def key(finding: Finding) -> tuple[str, str, int, int, str, str]:
    loc = finding.loc
    return (finding.rule.value, loc.path, loc.line, loc.column, finding.message, finding.severity.value)


def rules(report: Report) -> set[RuleId]:
    return {f.rule for f in report.findings}


def test_each_policy_file_is_read_with_its_own_parameters(current: Report, seed: Report) -> None:
    assert (current.data.policy.min_support_months.value, current.data.policy.eos_notice_months.value) == (0, 1)
    assert (seed.data.policy.min_support_months.value, seed.data.policy.eos_notice_months.value) == (12, 3)
    assert seed.errors == current.errors == 0
    assert RuleId.SCHEMA not in rules(seed)  # the seed's file declares every kind and platform the data uses


def test_the_seed_drops_only_the_current_policys_rules(current: Report, seed: Report) -> None:
    assert rules(current) >= CURRENT_ONLY  # the real history does break them (waived)
    assert not CURRENT_ONLY & rules(seed)
    others = {RuleId.WAIVER_UNUSED, *CURRENT_ONLY}
    assert {key(f) for f in seed.findings if f.rule not in others} == {
        key(f) for f in current.findings if f.rule not in others
    }


def test_the_waivers_of_those_rules_are_unused_under_the_seed(current: Report, seed: Report) -> None:
    assert RuleId.WAIVER_UNUSED not in rules(current)
    unused = {f.loc for f in seed.findings if f.rule is RuleId.WAIVER_UNUSED}
    assert all(f.severity is Severity.WARNING for f in seed.findings if f.rule is RuleId.WAIVER_UNUSED)
    assert unused == {w.loc for w in current.data.waivers if w.rule.value in CURRENT_ONLY}
