"""One violating and one passing input per rule, checking rule id, severity, file and line."""

from __future__ import annotations

import datetime as dt

import pytest

from neuron_policy.core import RULES, Finding, Severity, check

from .conftest import SDK, WriteData

AS_OF = dt.date(2026, 11, 24)


def findings(write_data: WriteData, as_of: dt.date = AS_OF, **files: object) -> list[Finding]:
    return list(check(write_data(**files), as_of).findings)


def summary(found: list[Finding]) -> list[tuple[str, str, str, int]]:
    return [(f.rule, f.severity.value, f.loc.path, f.loc.line) for f in found]


def python(*versions: str) -> dict[str, str]:
    return {"python": "title: Python\ncategory: language-runtime\nversions:\n" + "".join(versions)}


EOS = SDK.replace("end_of_support: []\n", "end_of_support:\n")


def sdk_eos(versions: str, announced: str, effective: str) -> str:
    # The entry's `versions` is on line 11, `announced` on 12, `effective` on 13.
    return EOS + f'  - versions: "{versions}"\n    announced: {announced}\n    effective: {effective}\n'


RULE_CASES: dict[str, tuple[dict[str, object], dict[str, object], list[tuple[str, str, str, int]]]] = {
    # rule: (violating files, passing files, expected findings of the violating case)
    "date-order": (
        {"sdk": sdk_eos("<2.12", "2025-06-01", "2025-05-01")},
        {"sdk": sdk_eos("<2.12", "2025-01-01", "2025-05-01")},
        [("eos-notice", "error", "sdk.yaml", 12), ("date-order", "error", "sdk.yaml", 13)],
    ),
    "eos-notice": (
        {"sdk": sdk_eos("<2.12", "2024-03-02", "2024-06-01")},
        {"sdk": sdk_eos("<2.12", "2024-03-01", "2024-06-01")},
        [("eos-notice", "error", "sdk.yaml", 12)],
    ),
    "min-support": (
        {"sdk": sdk_eos("<2.11", "2023-09-01", "2024-01-09")},
        {"sdk": sdk_eos("<2.11", "2023-09-01", "2024-01-10")},
        [("min-support", "warning", "sdk.yaml", 3)],
    ),
    "conda-channel": (
        {"sdk": SDK.replace("released: 2023-07-10", "released: 2023-07-10\n    channels: [pip, conda]")},
        {
            "sdk": SDK.replace("released: 2023-07-10", "released: 2023-07-10\n    channels: [pip]"),
            "policy": "conda_last_version: 1.13.0\n",
        },
        [("conda-channel", "error", "sdk.yaml", 10)],
    ),
    "eos-overlap": (
        {
            "sdk": sdk_eos("<2.11", "2023-06-01", "2025-01-01")
            + '  - versions: "<2.12"\n    announced: 2023-06-01\n    effective: 2025-01-01\n'
        },
        {
            "sdk": sdk_eos("<2.11", "2023-06-01", "2025-01-01")
            + '  - versions: ">=2.11, <2.12"\n    announced: 2023-06-01\n    effective: 2025-01-01\n'
        },
        [("eos-overlap", "error", "sdk.yaml", 14)],
    ),
    "range-mismatch": (
        {
            "deps": python(
                '  - version: "3.8"\n    sdk: "<2.12"\n    end_of_support: {announced: 2023-01-01, effective: 2.11.0}\n'
            )
        },
        {
            "deps": python(
                '  - version: "3.8"\n    sdk: "<2.11"\n    end_of_support: {announced: 2023-01-01, effective: 2.11.0}\n'
            )
        },
        [("range-mismatch", "error", "dependencies/python.yaml", 6)],
    ),
    "minor-only": (
        {
            "deps": python(
                '  - version: "3.8"\n    sdk: ">=2.10, <2.11.1"\n    end_of_support: {announced: 2023-01-01}\n'
            )
        },
        {
            "deps": python(
                '  - version: "3.8"\n    sdk: ">=2.10, <2.11.0"\n    end_of_support: {announced: 2023-01-01}\n'
            )
        },
        [("minor-only", "error", "dependencies/python.yaml", 5)],
    ),
    "empty-range": (
        {"deps": python('  - version: "3.8"\n    sdk: ">=2.13"\n')},
        {"deps": python('  - version: "3.8"\n    sdk: ">=2.12"\n')},
        [("empty-range", "error", "dependencies/python.yaml", 5)],
    ),
    "unannounced-eos": (
        {"deps": python('  - version: "3.8"\n    sdk: "<2.12"\n')},
        {"deps": python('  - version: "3.8"\n    sdk: "<2.12"\n    end_of_support: {announced: 2023-05-01}\n')},
        [("unannounced-eos", "error", "dependencies/python.yaml", 4)],
    ),
    "upstream-eol": (
        {"deps": python('  - version: "3.8"\n    sdk: ">=2.10"\n    upstream_eol: 2023-07-09\n')},
        {"deps": python('  - version: "3.8"\n    sdk: ">=2.10"\n    upstream_eol: 2023-07-10\n')},
        [("upstream-eol", "warning", "dependencies/python.yaml", 6)],
    ),
    "phase-mismatch": (
        {"sdk": SDK.replace("released: 2023-07-10", "released: 2023-07-10\n    phase: upcoming")},
        {"sdk": SDK.replace("released: 2023-07-10", "released: 2023-07-10\n    phase: supported")},
        [("phase-mismatch", "error", "sdk.yaml", 10)],
    ),
    "unknown-subject": (
        {"waivers": "waivers:\n  - {rule: min-support, subject: sdk 2.10.9, reason: typo}\n"},
        {
            "waivers": "waivers:\n  - {rule: min-support, subject: sdk 2.10.0, reason: short}\n",
            "sdk": sdk_eos("<2.11", "2023-09-01", "2024-01-09"),
        },
        [("unknown-subject", "error", "waivers.yaml", 2)],
    ),
    "waiver-expired": (
        {
            "sdk": sdk_eos("<2.11", "2023-09-01", "2024-01-09"),
            "waivers": "waivers:\n  - rule: min-support\n    subject: sdk 2.10.0\n    reason: r\n    until: 2026-11-23\n",
        },
        {
            "sdk": sdk_eos("<2.11", "2023-09-01", "2024-01-09"),
            "waivers": "waivers:\n  - rule: min-support\n    subject: sdk 2.10.0\n    reason: r\n    until: 2026-11-24\n",
        },
        [("min-support", "warning", "sdk.yaml", 3), ("waiver-expired", "warning", "waivers.yaml", 5)],
    ),
    "waiver-unused": (
        {"waivers": "waivers:\n  - {rule: min-support, subject: sdk 2.10.0, reason: r}\n"},
        {
            "waivers": "waivers:\n  - {rule: min-support, subject: sdk 2.10.0, reason: r}\n",
            "sdk": sdk_eos("<2.11", "2023-09-01", "2024-01-09"),
        },
        [("waiver-unused", "warning", "waivers.yaml", 2)],
    ),
}


KINDS = """\
kinds:
  dependency: {title: Dependency software, phases: [upcoming, supported, announced, end-of-support]}
  component:
    title: Neuron component
    phases: [upcoming, beta, supported, maintenance, end-of-support]
    notice_months: 1
  extension-component:
    title: Neuron extension component
    phases: [upcoming, supported, maintenance, end-of-support]
    overlap_months: OVERLAP
"""
COMPONENT = "title: Comp\nkind: component\nmaintenance:\n  effective: 2.12.0\n  announced: ANNOUNCED\n"
EXTENSION = (
    "title: PyTorch\ncategory: framework\nkind: extension-component\nversions:\n"
    '  - version: "1.0"\n    sdk: ">=2.10, <2.12"\n    end_of_support: {announced: 2023-01-01, effective: 2.12.0}\n'
    '  - version: "2.0"\n    sdk: ">=2.11"\n'
)
MAINTAINED = (
    '  - version: "3.8"\n    sdk: ">=2.10, <2.12"\n    maintenance: {announced: 2023-01-01, effective: 2.11.0}\n'
    "    end_of_support: {announced: 2023-01-01}\n"
)
GAP = '  - version: "3.8"\n    sdk: [">=2.10, <2.11", {gap}]\n    end_of_support: {{announced: 2023-01-01}}\n'

RULE_CASES.update(
    {
        "notice": (
            {
                "policy": KINDS.replace("OVERLAP", "6"),
                "raw": {"software/comp.yaml": COMPONENT.replace("ANNOUNCED", "2023-06-20").encode()},
            },
            {
                "policy": KINDS.replace("OVERLAP", "6"),
                "raw": {"software/comp.yaml": COMPONENT.replace("ANNOUNCED", "2023-06-10").encode()},
            },
            [("notice", "error", "software/comp.yaml", 5)],
        ),
        "phase-not-applicable": (
            {"policy": KINDS.replace("OVERLAP", "6"), "deps": python(MAINTAINED)},
            {"deps": python(MAINTAINED)},  # the seed policy: dependencies have a maintenance phase
            [("phase-not-applicable", "error", "dependencies/python.yaml", 6)],
        ),
        "overlap": (
            {"policy": KINDS.replace("OVERLAP", "6"), "deps": {"pytorch": EXTENSION}},
            {"policy": KINDS.replace("OVERLAP", "3"), "deps": {"pytorch": EXTENSION}},
            [("overlap", "error", "dependencies/pytorch.yaml", 7)],
        ),
        "range-gap": (
            {"deps": python(GAP.format(gap='">=2.12"'))},
            {"deps": python(GAP.format(gap='{range: ">=2.12", return: waived, reason: shipped by mistake}'))},
            [("range-gap", "error", "dependencies/python.yaml", 5)],
        ),
    }
)


def test_every_data_rule_has_cases() -> None:
    # The rules that need release manifests have their cases in tests/test_manifest.py.
    data_rules = {rule for rule, r in RULES.items() if not r.build_only and not r.needs_manifest and rule != "schema"}
    assert data_rules == set(RULE_CASES)


@pytest.mark.parametrize("rule", sorted(RULE_CASES))
def test_rule_violation(write_data: WriteData, rule: str) -> None:
    bad, _, expected = RULE_CASES[rule]
    assert summary(findings(write_data, **bad)) == expected


@pytest.mark.parametrize("rule", sorted(RULE_CASES))
def test_rule_passes(write_data: WriteData, rule: str) -> None:
    _, good, _ = RULE_CASES[rule]
    found = [f for f in findings(write_data, **good) if f.severity is not Severity.INFO]
    assert found == []


def test_eos_notice_message_form(write_data: WriteData) -> None:
    [finding] = findings(write_data, sdk=sdk_eos("<2.12", "2024-03-02", "2024-06-01"))
    assert finding.message == (
        "SDK versions <2.12 end of support announced 2024-03-02, 91 days before it takes effect on 2024-06-01; "
        "the policy requires at least 3 months"
    )
    assert (finding.loc.line, finding.loc.column) == (12, 16)


def test_month_precision_takes_the_least_favourable_day(write_data: WriteData) -> None:
    # Announced "2024-03" may mean 2024-03-31: not 3 months before 2024-06-01.
    found = findings(write_data, sdk=sdk_eos("<2.12", "2024-03", "2024-06-01"))
    assert summary(found) == [("eos-notice", "error", "sdk.yaml", 12)]
    assert summary(findings(write_data, sdk=sdk_eos("<2.12", "2024-02", "2024-06-01"))) == []


def test_minor_only_points_at_the_bound_and_effective_versions(write_data: WriteData) -> None:
    found = findings(
        write_data,
        deps=python(
            '  - version: "3.8"\n    sdk: ">=2.10, <2.11.1"\n'
            "    end_of_support: {announced: 2023-01-01, effective: 2.11.1}\n"
        ),
    )
    assert [(f.rule, f.loc.line, f.loc.column) for f in found] == [
        ("minor-only", 5, 19),  # the `<2.11.1` inside the string
        ("minor-only", 6, 56),
    ]


def test_default_eos_is_the_first_release_above_the_range(write_data: WriteData) -> None:
    # Range <2.11 is left by 2.11.0 (2023-04-10): announced after that is still "announced".
    found = findings(write_data, dt.date(2023, 4, 9), deps=python('  - version: "3.8"\n    sdk: "<2.11"\n'))
    assert found == []
    found = findings(write_data, dt.date(2023, 4, 10), deps=python('  - version: "3.8"\n    sdk: "<2.11"\n'))
    assert summary(found) == [("unannounced-eos", "error", "dependencies/python.yaml", 4)]


def test_waiver_turns_a_violation_into_info_with_its_reason(write_data: WriteData) -> None:
    found = findings(
        write_data,
        sdk=sdk_eos("<2.11", "2023-09-01", "2024-01-09"),
        waivers="waivers:\n  - {rule: min-support, subject: 'sdk <2.11', reason: Superseded by a fix.}\n",
    )
    [finding] = found
    assert (finding.rule, finding.severity) == ("min-support", Severity.INFO)
    assert finding.hints[-1] == "waived: Superseded by a fix. (waivers.yaml:2:5)"


@pytest.mark.parametrize(
    ("subject", "waived"),
    [("python", True), ("python 3.8", True), ("python 3.9", False), ("sdk 2.10.0", False)],
)
def test_waiver_subjects_for_dependencies(write_data: WriteData, subject: str, waived: bool) -> None:
    deps = python('  - version: "3.8"\n    sdk: "<2.12"\n', '  - version: "3.9"\n    sdk: ">=2.10"\n')
    found = findings(
        write_data, deps=deps, waivers=f"waivers:\n  - {{rule: unannounced-eos, subject: '{subject}', reason: r}}\n"
    )
    target = next(f for f in found if f.rule == "unannounced-eos")
    assert (target.severity is Severity.INFO) is waived


def test_severity_overrides(write_data: WriteData) -> None:
    root = write_data(sdk=sdk_eos("<2.11", "2023-09-01", "2024-01-09"))
    assert [f.severity for f in check(root, AS_OF, {"min-support": Severity.ERROR}).findings] == [Severity.ERROR]
    assert check(root, AS_OF, {"min-support": Severity.OFF}).findings == ()


def test_off_rule_does_not_make_its_waivers_unused(write_data: WriteData) -> None:
    root = write_data(waivers="waivers:\n  - {rule: min-support, subject: sdk 2.10.0, reason: r}\n")
    assert check(root, AS_OF, {"min-support": Severity.OFF}).findings == ()


def test_effective_sdk_version_must_be_in_sdk_yaml(write_data: WriteData) -> None:
    typo = python(
        '  - version: "3.8"\n    sdk: ">=2.10, <2.11"\n    end_of_support: {announced: 2023-01-01, effective: 2.9.0}\n'
    )
    planned = python(
        '  - version: "3.9"\n    sdk: ">=2.10, <2.13"\n    end_of_support: {announced: 2026-10-01, effective: 2.13.0}\n'
    )
    assert summary(findings(write_data, deps=typo))[:1] == [("unknown-subject", "error", "dependencies/python.yaml", 6)]
    # A planned release not yet in sdk.yaml would make the milestone vanish from every page.
    unplanned = findings(write_data, deps=planned)
    assert summary(unplanned) == [("unknown-subject", "error", "dependencies/python.yaml", 6)]
    assert unplanned[0].hints == ("a planned release is listed in sdk.yaml too, with its planned date",)
    listed = SDK.replace("end_of_support: []\n", "  - version: 2.13.0\n    released: 2026-12-15\nend_of_support: []\n")
    assert findings(write_data, sdk=listed, deps=planned) == []


def test_waivers_of_build_only_rules_are_not_judged_by_the_data_check(write_data: WriteData) -> None:
    # `unpublished` needs the pages, so only the Sphinx build can tell whether its waiver is used.
    found = findings(write_data, waivers="waivers:\n  - {rule: unpublished, subject: sdk 2.10.0, reason: r}\n")
    assert found == []


@pytest.mark.parametrize(
    ("specifier", "flagged"),
    [
        (">=2.10, <2.12", []),
        (">=2.10.0, <2.12.0", []),
        ("~=2.10", []),
        ("==2.*", []),
        ("==2.11.*", []),
        ("!=2.11.*", []),
        ("<=2.11", ["<=2.11"]),  # keeps 2.11.0, drops its patch 2.11.1
        (">2.10", [">2.10"]),  # drops 2.10.0, keeps any 2.10.x patch
        ("==2.11.0", ["==2.11.0"]),
        ("!=2.11", ["!=2.11"]),
        (">=2.10, <2.11.1", ["<2.11.1"]),
    ],
)
def test_minor_only_judges_what_each_clause_keeps_whole(
    write_data: WriteData, specifier: str, flagged: list[str]
) -> None:
    found = findings(write_data, deps=python(f'  - version: "3.12"\n    sdk: "{specifier}"\n'))
    minor = [f for f in found if f.rule == "minor-only"]
    assert [f.message.split(": ")[1].split(" is not")[0] for f in minor] == flagged


def test_date_order_checks_announcements_against_the_default_end_of_support(write_data: WriteData) -> None:
    # sdk "<2.11": support ends with 2.11.0 (2023-04-10); announced afterwards is out of order.
    late = python('  - version: "3.8"\n    sdk: "<2.11"\n    end_of_support: {announced: 2023-05-01}\n')
    assert summary(findings(write_data, deps=late)) == [("date-order", "error", "dependencies/python.yaml", 6)]
    on_time = python('  - version: "3.8"\n    sdk: "<2.11"\n    end_of_support: {announced: 2023-04-10}\n')
    assert findings(write_data, deps=on_time) == []


@pytest.mark.parametrize("edge", ["9999-12", "9999-12-31"])
def test_dates_at_the_end_of_the_calendar_are_checked_without_overflow(write_data: WriteData, edge: str) -> None:
    # Three months after December 9999 does not exist: the notice is too short, not a crash.
    found = findings(write_data, sdk=sdk_eos("<2.12", edge, "9999-12-31"))
    assert ("eos-notice", "error", "sdk.yaml", 12) in summary(found)


def test_a_file_that_cannot_be_parsed_is_reported_alone_and_first(write_data: WriteData) -> None:
    """One bad indentation in sdk.yaml: the parse error, not a flood of empty ranges after it."""
    bad_sdk = SDK.replace("  - version: 2.11.0", " - version: 2.11.0")
    deps = python(*(f'  - version: "3.{n}"\n    sdk: ">=2.10"\n' for n in range(8, 12)))
    found = findings(
        write_data,
        sdk=bad_sdk,
        deps=deps,
        waivers="waivers:\n  - {rule: min-support, subject: sdk 2.10.0, reason: r}\n",
    )
    assert [(f.rule, f.loc.path) for f in found] == [("schema", "sdk.yaml")]
    assert found[0].message.startswith("invalid YAML")


def test_a_dependency_file_that_cannot_be_parsed_makes_no_follow_on_errors(write_data: WriteData) -> None:
    """A tab in ubuntu.yaml: its parse error, but no "no dependency 'ubuntu'" for the waiver naming it."""
    ubuntu = "title: Ubuntu\ncategory: operating-system\nversions:\n\t- version: '22.04'\n"
    waivers = "waivers:\n  - {rule: upstream-eol, subject: ubuntu 22.04, reason: r}\n"
    found = findings(
        write_data, deps={"ubuntu": ubuntu, **python('  - version: "3.8"\n    sdk: ">=2.10"\n')}, waivers=waivers
    )
    assert [(f.rule, f.loc.path, f.blocking) for f in found] == [("schema", "dependencies/ubuntu.yaml", True)]
    # the same waiver with the file fixed is checked again: it matches nothing
    fixed = ubuntu.replace("\t", "  ") + "    sdk: '>=2.10'\n"
    assert [f.rule for f in findings(write_data, deps={"ubuntu": fixed}, waivers=waivers)] == ["waiver-unused"]
