"""``neuron-policy``: each format and exit status, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from neuron_policy.cli import main
from neuron_policy.core import SHAPES, json_schema

from .conftest import WriteData

BAD_SDK = """\
releases:
  - {version: 2.10.0, released: 2023-01-10}
end_of_support:
  - versions: "<2.11"
    announced: 2023-12-01
    effective: 2024-01-15
"""
WARN_SDK = BAD_SDK.replace("2023-12-01", "2023-06-01").replace("2024-01-15", "2023-12-01")
EOS_NOTICE = (
    "SDK 2.10.x end of support announced 2023-12-01, 45 days before it takes effect on 2024-01-15; "
    "the policy requires at least 3 months"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_valid_data_exits_0(capsys: pytest.CaptureFixture[str], write_data: WriteData) -> None:
    code, out, err = run(capsys, "check", str(write_data()), "--today", "2026-11-24")
    assert (code, out) == (0, "")
    assert err.strip().endswith("0 errors, 0 warnings, 0 info (as of 2026-11-24)")


def test_check_text_format_and_exit_1(capsys: pytest.CaptureFixture[str], write_data: WriteData) -> None:
    root = write_data(sdk=BAD_SDK)
    code, out, err = run(capsys, "check", str(root), "--today", "2026-11-24")
    assert code == 1
    assert out.splitlines() == [f"{root}/sdk.yaml:5:16: error: {EOS_NOTICE} [neuron_policy.eos-notice]"]
    assert "1 error, 0 warnings, 0 info" in err


def test_warnings_alone_exit_0_with_hint_lines(capsys: pytest.CaptureFixture[str], write_data: WriteData) -> None:
    root = write_data(sdk=WARN_SDK)
    code, out, _ = run(capsys, "check", str(root), "--today", "2026-11-24")
    assert code == 0
    assert out.splitlines() == [
        f"{root}/sdk.yaml:2:33: warning: SDK 2.10.0 released 2023-01-10 is supported for 10 months and 21 days "
        "(end of support 2023-12-01); the policy expects at least 12 months [neuron_policy.min-support]",
        "    end of support set at sdk.yaml:6:16 (<2.11)",
    ]


def test_check_json_format(capsys: pytest.CaptureFixture[str], write_data: WriteData) -> None:
    root = write_data(sdk=BAD_SDK)
    code, out, _ = run(capsys, "check", str(root), "--today", "2026-11-24", "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {
            "rule": "eos-notice",
            "severity": "error",
            "file": f"{root}/sdk.yaml",
            "line": 5,
            "column": 16,
            "message": EOS_NOTICE,
            "hints": [],
        }
    ]


def test_check_github_format(capsys: pytest.CaptureFixture[str], write_data: WriteData) -> None:
    root = write_data(sdk=BAD_SDK)
    code, out, _ = run(capsys, "check", str(root), "--today", "2026-11-24", "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        f"::error file={root}/sdk.yaml,line=5,col=16,title=neuron_policy.eos-notice::{EOS_NOTICE}"
    ]


def test_severity_option(capsys: pytest.CaptureFixture[str], write_data: WriteData) -> None:
    root = str(write_data(sdk=BAD_SDK))
    code, out, _ = run(capsys, "check", root, "--today", "2026-11-24", "--severity", "eos-notice=warning")
    assert code == 0
    assert ": warning: " in out
    code, out, _ = run(capsys, "check", root, "--today", "2026-11-24", "--severity", "eos-notice=off")
    assert (code, out) == (0, "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "--severity", "eos-notise=off"], "unknown rule 'eos-notise' (did you mean 'eos-notice' or 'notice'?)"),
        (["check", "--severity", "eos-notice=fatal"], "unknown severity 'fatal'"),
        (["check", "--today", "24/11/2026"], "expected a date YYYY-MM-DD"),
        (["check", "--today", "20261124"], "expected a date YYYY-MM-DD"),
        (["check", "/nonexistent/policy_data"], "cannot read /nonexistent/policy_data: not a directory"),
        (["status", "pyhton 3.8"], "no dependency 'pyhton' (did you mean 'python'?)"),
        (["status", "sdk 9.9.9"], "SDK version 9.9.9 is not in sdk.yaml"),
        (["status", "Python"], "is not a dependency or software id"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], write_data: WriteData, argv: list[str], message: str
) -> None:
    root = write_data(
        deps={"python": 'title: Python\ncategory: language-runtime\nversions:\n  - {version: "3.8", sdk: ">=2.10"}\n'}
    )
    if argv[0] in ("check", "status") and "/nonexistent/policy_data" not in argv:
        argv = [*argv[:2], str(root), *argv[2:]] if argv[0] == "status" else [argv[0], str(root), *argv[1:]]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err


def test_status(capsys: pytest.CaptureFixture[str], write_data: WriteData) -> None:
    root = write_data(
        deps={
            "python": 'title: Python\ncategory: language-runtime\nversions:\n  - {version: "3.8", sdk: "<2.12",'
            " end_of_support: {announced: 2023-06-01}}\n"
        }
    )
    code, out, _ = run(capsys, "status", "python 3.8", str(root), "--today", "2023-06-30")
    assert code == 0
    assert out.splitlines() == [
        "as of 2023-06-30",
        "Python 3.8: Maintenance or end of support announced (announced); becomes end-of-support on 2023-07-10",
        "  supported in: SDK <2.12 (2.10.0 to 2.11.1)",
        "  first supporting release: 2023-01-10",
        "  announced: 2023-06-01",
        "  maintenance from: -",
        "  end of support: 2023-07-10 (SDK 2.12.0)",
    ]
    code, out, _ = run(capsys, "status", "2.11.1", str(root), "--today", "2023-06-30")
    assert code == 0
    assert out.splitlines()[1] == "SDK 2.11.1: Supported (supported)"


def test_schema_prints_the_json_schema_of_the_data_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == json_schema()
    code, out, _ = run(capsys, "schema", "--file", "sdk")
    assert code == 0
    assert json.loads(out)["$ref"] == "#/$defs/sdk"


EXAMPLES = Path(__file__).parent / "data" / "examples"


@pytest.mark.parametrize(
    ("example", "expected"),
    [
        ("valid", []),
        ("bad/eos-too-late", [("sdk.yaml", 17, "error", "eos-notice")]),
        ("bad/patch-bound", [("dependencies/tensorflow.yaml", 5, "error", "minor-only")]),
        (
            "bad/typo",
            [
                ("dependencies/tensorflow.yaml", 1, "error", "schema"),
                ("dependencies/tensorflow.yaml", 2, "error", "schema"),
            ],
        ),
    ],
)
def test_the_sample_inputs_report_what_their_readme_says(
    capsys: pytest.CaptureFixture[str], example: str, expected: list[tuple[str, int, str, str]]
) -> None:
    """The vendored samples of ``../shared/examples`` (see tests/data/examples/README.md)."""
    code, out, _ = run(
        capsys, "check", str(EXAMPLES / example / "policy_data"), "--today", "2026-11-24", "--format", "json"
    )
    found = [(f["file"].split("policy_data/")[1], f["line"], f["severity"], f["rule"]) for f in json.loads(out)]
    assert found == expected
    assert code == (1 if expected else 0)


def test_malformed_source_date_epoch_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], write_data: WriteData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    code, _, err = run(capsys, "check", str(write_data()))
    assert code == 2
    assert "SOURCE_DATE_EPOCH must be a number of seconds, got 'yesterday'" in err


EVERY_KEY = {
    "policy.yaml": "sdk: X\nmin_support_months: 12\neos_notice_months: 3\nconda_last_version: 1.13.0\n"
    "categories: [library]\nplatforms: {inf1: Inf1}\nkinds:\n  component:\n    title: C\n"
    "    phases: [upcoming, beta, rc, supported, maintenance, end-of-support]\n    notice_months: 1\n"
    "    overlap_months: 6\n",
    "sdk.yaml": "releases:\n  - {version: 1.0.0, released: 2024-01-01, channels: [pip], phase: supported}\n"
    "  - {version: 1.1.0, released: 2024-02-01}\n"
    'end_of_support:\n  - {versions: "<1.1", announced: 2024-02-01, effective: 2026-01-01, announcement: l}\n',
    "dependencies/lib.yaml": "title: Lib\ncategory: library\nkind: dependency\nversions:\n"
    '  - version: "1.0"\n    sdk: ["<1.1", {range: ">=1.0", platforms: [inf1], return: real, reason: r}]\n'
    "    upstream_eol: 2030-01\n    phase: end-of-support\n"
    "    maintenance: {announced: 2024-01-15, effective: 2024-01-20, announcement: m}\n"
    "    end_of_support: {announced: 2024-01-15, effective: 1.1.0, announcement: e}\n",
    "waivers.yaml": "waivers:\n  - {rule: min-support, subject: sdk 1.0.0, reason: r, until: 2030-01-01, "
    "platforms: [inf1]}\n",
    "software/comp.yaml": "title: Comp\nkind: component\nsdk: [\">=1.0\"]\nplatforms: [inf1]\n"
    "beta: {effective: 2024-01-01}\nrc: {effective: 2024-01-05}\nsupported: {effective: 1.0.0}\n"
    "maintenance: {effective: 2030-01-01, announced: 2029-01-01, announcement: l}\n"
    "end_of_support:\n  effective: 2031-01-01\n  platforms: [inf1]\n  use: inference\n  announcements:\n"
    "    - {date: 2029-06-01, kind: intent, label: l, title: T}\n",
    "manifest.yaml": "instances: {inf1: inf1}\nplatforms: [inf1]\n"
    "packages: {mx_neuron: {dependency: lib, version: major.minor, platforms: [inf1]}}\n"
    "python: {dependency: lib, legacy: partial}\n",
}


def _yaml12(text: str) -> object:
    """Read YAML as an editor's YAML 1.2 core schema does: whole numbers are ints, dates stay strings."""
    import yaml

    def convert(node: object) -> object:
        if isinstance(node, dict):
            return {k: convert(v) for k, v in node.items()}
        if isinstance(node, list):
            return [convert(v) for v in node]
        assert isinstance(node, str)
        return int(node) if node.isdigit() else (None if node in ("null", "~", "") else node)

    return convert(yaml.load(text, Loader=yaml.BaseLoader))


def test_schema_and_loader_accept_the_same_keys(capsys: pytest.CaptureFixture[str], write_data: WriteData) -> None:
    from neuron_policy.core import load

    _, out, _ = run(capsys, "schema")
    validator = jsonschema.Draft202012Validator(json.loads(out))
    # every key of every shape is used above, so neither side can know a key the other lacks
    used = {k for text in EVERY_KEY.values() for k in _keys(_yaml12(text))}
    # keys of id maps (kinds, platforms, instances, packages): data, not keys of the format
    ids = {"component", "inf1", "mx_neuron"}
    assert used - ids == {f.name for shape in SHAPES.values() for f in shape.fields}
    root = write_data(
        sdk=EVERY_KEY["sdk.yaml"],
        policy=EVERY_KEY["policy.yaml"],
        deps={"lib": EVERY_KEY["dependencies/lib.yaml"]},
        waivers=EVERY_KEY["waivers.yaml"],
        raw={
            "software/comp.yaml": EVERY_KEY["software/comp.yaml"].encode(),
            "manifest.yaml": EVERY_KEY["manifest.yaml"].encode(),
        },
    )
    assert load(root).findings == ()
    for text in EVERY_KEY.values():
        assert list(validator.iter_errors(_yaml12(text))) == []
    extra = EVERY_KEY["sdk.yaml"].replace("phase: supported", "phase: supported, notes: x")
    assert list(validator.iter_errors(_yaml12(extra))) != []
    assert [f.rule for f in load(write_data(sdk=extra)).findings] == ["schema"]


def _keys(node: object) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in _keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in _keys(v)}
    return set()
