"""The loader: values read as written, and one located ``schema`` finding per problem."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from packaging.version import Version

from neuron_policy.core import (
    ALIAS_EXPANSION_LIMIT,
    HAVE_LIBYAML,
    MAX_FILE_BYTES,
    Finding,
    PolicyDate,
    Severity,
    UnreadableInput,
    load,
)

from .conftest import SDK, WriteData


def schema_findings(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    assert all(f.rule == "schema" and f.severity is Severity.ERROR for f in findings)
    return [(f.loc.path, f.loc.line, f.loc.column, f.message) for f in findings]


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [str(f) for f in findings]
    return findings[0]


def dep(body: str) -> dict[str, str]:
    return {"python": "title: Python\ncategory: language-runtime\nversions:\n" + body}


def test_valid_data_loads_without_findings(write_data: WriteData) -> None:
    root = write_data(deps=dep('  - version: 3.10\n    sdk: ">=2.10"\n  - version: "3.8"\n    sdk: ">=2.10, <2.12"\n'))
    result = load(root)
    assert result.findings == ()
    assert [str(r.version.value) for r in result.data.releases] == ["2.10.0", "2.11.0", "2.11.1", "2.12.0"]
    python = result.data.dependency("python")
    assert python is not None
    assert [v.version.value for v in python.versions] == ["3.10", "3.8"]  # 3.10 is not the float 3.1
    assert python.versions[0].version.loc.line == 4
    assert result.data.files == ("sdk.yaml", "dependencies/python.yaml")


@pytest.mark.parametrize("written", ["no", "on", "1_000", "12:30", "0x1F", "1e3", "~x", "null-ish"])
def test_scalars_are_read_as_written(write_data: WriteData, written: str) -> None:
    root = write_data(deps=dep(f'  - version: {written}\n    sdk: ">=2.10"\n'))
    result = load(root)
    assert result.findings == ()
    python = result.data.dependency("python")
    assert python is not None
    assert python.versions[0].version.value == written


def test_policy_defaults_and_values(write_data: WriteData) -> None:
    root = write_data(policy="sdk: AWS Neuron SDK\nmin_support_months: 6\nconda_last_version: null\n")
    policy = load(root).data.policy
    assert policy.sdk_name.value == "AWS Neuron SDK"
    assert policy.min_support_months.value == 6
    assert policy.eos_notice_months.value == 3
    assert policy.conda_last_version is None
    assert [c.value for c in policy.categories] == ["operating-system", "language-runtime", "library", "framework"]


def test_month_precision_dates(write_data: WriteData) -> None:
    root = write_data(sdk="releases:\n  - version: 2.10.0\n    released: 2024-02\n")
    result = load(root)
    assert result.findings == ()
    date = result.data.releases[0].released.value
    assert date == PolicyDate(2024, 2)
    assert (str(date.earliest), str(date.latest), date.precision) == ("2024-02-01", "2024-02-29", "month")


def test_effective_as_date_or_sdk_version(write_data: WriteData) -> None:
    body = (
        '  - version: "3.8"\n    sdk: "<2.12"\n    maintenance: {announced: 2023-01-01, effective: 2.11}\n'
        "    end_of_support: {announced: 2023-01-01, effective: 2023-06}\n"
    )
    version = load(write_data(deps=dep(body))).data.dependencies[0].versions[0]
    assert version.maintenance is not None and version.maintenance.effective is not None
    assert version.maintenance.effective.value == Version("2.11.0")
    assert version.end_of_support is not None and version.end_of_support.effective is not None
    assert version.end_of_support.effective.value == PolicyDate(2023, 6)


CASES = {
    # name: (files, [(path, line, column, message fragment)])
    "unknown key with suggestion": (
        {"sdk.yaml": "releases:\n  - version: 2.10.0\n    relased: 2023-01-10\n"},
        [
            ("sdk.yaml", 2, 5, "missing required key 'released'"),
            ("sdk.yaml", 3, 5, "unknown key 'relased' in a release (did you mean 'released'?)"),
        ],
    ),
    "duplicate key": (
        {"sdk.yaml": "releases: []\nreleases: []\n"},
        [("sdk.yaml", 2, 1, "duplicate key 'releases' (first at line 1)")],
    ),
    "wrong type": (
        {"sdk.yaml": "releases:\n  version: 2.10.0\n"},
        [("sdk.yaml", 2, 3, "releases: expected a list, got a mapping")],
    ),
    "missing field": (
        {"sdk.yaml": "releases:\n  - released: 2023-01-10\n"},
        [("sdk.yaml", 2, 5, "missing required key 'version' in a release")],
    ),
    "empty file": ({"sdk.yaml": "# nothing yet\n"}, [("sdk.yaml", 1, 1, "the file is empty")]),
    "top level of the wrong shape": (
        {"sdk.yaml": "- version: 2.10.0\n"},
        [("sdk.yaml", 1, 1, "sdk.yaml: expected a mapping, got a list")],
    ),
    "syntax error": ({"sdk.yaml": "releases: [\n  - a\n"}, [("sdk.yaml", 2, 3, "invalid YAML")]),
    "tab indentation": ({"sdk.yaml": "releases:\n\t- a\n"}, [("sdk.yaml", 2, 1, "invalid YAML")]),
    "undefined alias": (
        {"sdk.yaml": "releases: *nope\n"},
        [("sdk.yaml", 1, 11, "invalid YAML: found undefined alias")],
    ),
    "two documents": ({"sdk.yaml": "releases: []\n---\nreleases: []\n"}, [("sdk.yaml", 2, 1, "invalid YAML")]),
    "control character": ({"sdk.yaml": "releases: []\nx: \x07\n"}, [("sdk.yaml", 2, 4, "character #x0007")]),
    "date-time rejected": (
        {"sdk.yaml": "releases:\n  - version: 2.10.0\n    released: 2023-01-10 10:00:00\n"},
        [("sdk.yaml", 3, 15, "expected a date YYYY-MM-DD, got the date-time")],
    ),
    "impossible date": (
        {"sdk.yaml": "releases:\n  - version: 2.10.0\n    released: 2023-02-30\n"},
        [("sdk.yaml", 3, 15, "'2023-02-30' is not a valid date")],
    ),
    "bad version": (
        {"sdk.yaml": "releases:\n  - version: 2.10\n    released: 2023-01-10\n"},
        [("sdk.yaml", 2, 14, "expected an SDK version X.Y.Z, got '2.10'")],
    ),
    "duplicate version": (
        {
            "sdk.yaml": "releases:\n  - {version: 2.10.0, released: 2023-01-10}\n  - {version: 2.10.0, released: 2023-01-11}\n"
        },
        [("sdk.yaml", 3, 15, "duplicate SDK version 2.10.0 (first at line 2)")],
    ),
    "bad specifier": (
        {"dependencies/python.yaml": "title: P\ncategory: library\nversions:\n  - {version: '3', sdk: '=>2.10'}\n"},
        [("dependencies/python.yaml", 4, 26, "'=>2.10' is not a PEP 440 specifier")],
    ),
    "unknown category": (
        {"dependencies/python.yaml": "title: P\ncategory: runtime\nversions: []\n"},
        [("dependencies/python.yaml", 2, 11, "unknown category 'runtime' (did you mean 'language-runtime'?)")],
    ),
    "unknown channel": (
        {"sdk.yaml": "releases:\n  - {version: 2.10.0, released: 2023-01-10, channels: [pypi]}\n"},
        [("sdk.yaml", 2, 56, "unknown channel 'pypi'; expected one of conda, pip, rpm, deb")],
    ),
    "integer expected": (
        {"policy.yaml": "min_support_months: 1_2\n"},
        [("policy.yaml", 1, 21, "expected a whole number of months, got '1_2'")],
    ),
    "unknown rule in waiver": (
        {"waivers.yaml": "waivers:\n  - {rule: min-suport, subject: sdk 2.10.0, reason: r}\n"},
        [("waivers.yaml", 2, 12, "unknown rule 'min-suport' (did you mean 'min-support'?)")],
    ),
    "unknown phase": (
        {"sdk.yaml": "releases:\n  - {version: 2.10.0, released: 2023-01-10, phase: eos}\n"},
        [("sdk.yaml", 2, 52, "unknown SDK phase 'eos'")],
    ),
    "explicit tag": (
        {"sdk.yaml": "releases: !!python/object:os.system []\n"},
        [("sdk.yaml", 1, 11, "YAML tag 'tag:yaml.org,2002:python/object:os.system' is not supported")],
    ),
    "bad dependency file name": (
        {"dependencies/Python.yaml": "title: P\n"},
        [("dependencies/Python.yaml", 1, 1, "'Python' is not an id")],
    ),
    "missing sdk.yaml": ({"sdk.yaml": None}, [("sdk.yaml", 1, 1, "sdk.yaml is missing")]),
    "too many months": (
        {"policy.yaml": "min_support_months: 99999999999\n"},
        [("policy.yaml", 1, 21, "expected at most 1200 months, got 99999999999")],
    ),
    "year zero": (
        {"sdk.yaml": "releases:\n  - version: 2.10.0\n    released: 0000-01-01\n"},
        [("sdk.yaml", 3, 15, "'0000-01-01' is not a valid date")],
    ),
    "trailing newline in a block scalar": (
        {"sdk.yaml": "releases:\n  - version: 2.10.0\n    released: |\n      2024-01-01\n"},
        [("sdk.yaml", 3, 15, "expected a date YYYY-MM-DD or YYYY-MM, got '2024-01-01\\n'")],
    ),
    "dependency id reserved for the SDK": (
        {"dependencies/sdk.yaml": "title: S\ncategory: library\nversions: []\n"},
        [("dependencies/sdk.yaml", 1, 1, "'sdk' is reserved for the SDK itself")],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
def test_bad_input_is_a_located_schema_finding(write_data: WriteData, name: str, fast: bool) -> None:
    if fast and not HAVE_LIBYAML:
        pytest.skip("PyYAML was built without libyaml")
    files, expected = CASES[name]
    sdk = files.get("sdk.yaml", "releases: []\n")
    root = write_data(sdk=sdk, raw={k: v.encode() for k, v in files.items() if k != "sdk.yaml" and v})
    found = schema_findings(load(root, libyaml=fast).findings)
    assert len(found) == len(expected), found
    for (path, line, column, message), (want_path, want_line, want_column, fragment) in zip(
        found, expected, strict=True
    ):
        assert (path, line, column) == (want_path, want_line, want_column), message
        assert fragment in message


def test_every_problem_of_a_run_is_reported(write_data: WriteData) -> None:
    root = write_data(
        sdk="releases:\n  - {version: 2.10, released: 2023-01-10}\n  - {version: 2.11.0, released: 2023-13-01}\n",
        deps={"a": "title: A\ncategry: library\nversions: []\n", "b": "[not, a, mapping]\n"},
        waivers="waivers:\n  - {rule: nope, subject: sdk 2.10.0, reason: r}\n",
    )
    found = schema_findings(load(root).findings)
    assert [(p, line) for p, line, _, _ in found] == [  # sorted by file, then line
        ("dependencies/a.yaml", 1),
        ("dependencies/a.yaml", 2),
        ("dependencies/b.yaml", 1),
        ("sdk.yaml", 2),
        ("sdk.yaml", 3),
        ("waivers.yaml", 2),
    ]


def test_non_utf8_bytes(write_data: WriteData) -> None:
    root = write_data(raw={"sdk.yaml": b"releases:\n  - version: 2.10.0\n    released: \xff\xfe\n"})
    finding = only(load(root).findings)
    assert (finding.loc.path, finding.loc.line, finding.loc.column) == ("sdk.yaml", 3, 15)
    assert "not valid UTF-8" in finding.message


def test_utf8_bom_is_accepted(write_data: WriteData) -> None:
    root = write_data(raw={"sdk.yaml": b"\xef\xbb\xbfreleases: []\n"})
    assert load(root).findings == ()


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
def test_alias_bomb_is_an_error_not_a_hang(write_data: WriteData, fast: bool) -> None:
    root = write_data(sdk="releases: []\n" + BOMB)
    start = time.perf_counter()
    errors = load(root, libyaml=fast).findings
    elapsed = time.perf_counter() - start
    bombs = [e for e in errors if e.message.startswith("aliases expand")]
    assert [e.message.split(" (")[0] for e in bombs] == [f"aliases expand to more than {ALIAS_EXPANSION_LIMIT} nodes"]
    assert bombs[0].loc.path == "sdk.yaml"
    assert elapsed < 5  # generous: a bomb of 10**9 nodes would take hours; this guards a hang


def test_recursive_alias_is_an_error(write_data: WriteData) -> None:
    errors = load(write_data(sdk="releases: &a [*a]\n")).findings
    assert [(e.loc.line, e.message) for e in errors] == [(1, "an alias refers to a node that contains it")]


def test_small_anchors_and_merge_keys_work(write_data: WriteData) -> None:
    root = write_data(
        sdk=(
            "x-base: &base {released: 2023-01-10}\nreleases:\n  - <<: *base\n    version: 2.10.0\n"
            "  - {<<: *base, version: 2.11.0, released: 2023-02-01}\n"
        )
    )
    result = load(root)
    assert [f.message for f in result.findings] == [
        "unknown key 'x-base' in sdk.yaml; allowed: releases, end_of_support"
    ]
    assert [str(r.released.value) for r in result.data.releases] == ["2023-01-10", "2023-02-01"]


def test_deep_nesting_is_an_error_not_a_crash(write_data: WriteData) -> None:
    root = write_data(sdk="releases: " + "[" * 5000 + "]" * 5000 + "\n")
    for fast in (True, False):
        errors = load(root, libyaml=fast).findings
        assert len(errors) == 1
        assert errors[0].loc.path == "sdk.yaml"


def test_a_directory_named_like_a_dependency_file_is_reported(write_data: WriteData) -> None:
    root = write_data()
    (root / "dependencies" / "python.yaml").mkdir()
    finding = only(load(root).findings)
    assert (finding.loc.path, finding.message) == (
        "dependencies/python.yaml",
        "python.yaml is a directory, not a regular file",
    )


def test_missing_directory_is_unreadable(tmp_path: object) -> None:
    with pytest.raises(UnreadableInput):
        load("/nonexistent/policy_data")


def test_file_outside_the_data_directory_is_not_read(write_data: WriteData, tmp_path: pytest.TempPathFactory) -> None:
    root = write_data()
    outside = root.parent / "secret.yaml"
    outside.write_text("title: X\ncategory: library\nversions: []\n")
    (root / "dependencies" / "evil.yaml").symlink_to(outside)
    finding = only(load(root).findings)
    assert (finding.loc.path, finding.message) == (
        "dependencies/evil.yaml",
        "evil.yaml lies outside the data directory (a symbolic link?)",
    )


def _one_file_problem(root: Path, name: str) -> tuple[str, int, int, str]:
    found = [f for f in load(root).findings if f.loc.path == name]
    assert len(found) == 1, found
    assert found[0].blocking and found[0].rule == "schema"
    return (found[0].loc.path, found[0].loc.line, found[0].loc.column, found[0].message)


@pytest.mark.parametrize("name", ["policy.yaml", "waivers.yaml", "sdk.yaml", "dependencies/python.yaml"])
def test_a_dangling_symbolic_link_is_a_located_error(write_data: WriteData, name: str) -> None:
    root = write_data(sdk=None if name == "sdk.yaml" else SDK)
    (root / name).symlink_to(root / "nowhere.yaml")
    assert _one_file_problem(root, name) == (
        name,
        1,
        1,
        f"{Path(name).name} is a symbolic link to nothing ({root}/nowhere.yaml)",
    )


def test_a_loop_of_symbolic_links_is_a_located_error(write_data: WriteData) -> None:
    root = write_data()
    (root / "policy.yaml").symlink_to(root / "waivers.yaml")
    (root / "waivers.yaml").symlink_to(root / "policy.yaml")
    assert _one_file_problem(root, "policy.yaml") == ("policy.yaml", 1, 1, "policy.yaml is a loop of symbolic links")
    assert _one_file_problem(root, "waivers.yaml")[3] == "waivers.yaml is a loop of symbolic links"


def test_a_fifo_is_refused_not_waited_for(write_data: WriteData) -> None:
    """A named pipe would block a reader forever; it is reported instead (the test would hang)."""
    root = write_data()
    os.mkfifo(root / "policy.yaml")
    assert _one_file_problem(root, "policy.yaml")[3] == "policy.yaml is a named pipe (FIFO), not a regular file"


def test_sdk_yaml_as_a_directory_does_not_stop_the_rest(write_data: WriteData) -> None:
    root = write_data(sdk=None, deps=dep('  - version: "3.8"\n    sdk: ">=2.10"\n    upstrem_eol: 2024-10-07\n'))
    (root / "sdk.yaml").mkdir()
    found = [(f.loc.path, f.message.split(" (")[0]) for f in load(root).findings]
    assert found == [
        ("sdk.yaml", "sdk.yaml is a directory, not a regular file"),  # the file that cannot be read comes first
        ("dependencies/python.yaml", "unknown key 'upstrem_eol' in a python version"),
    ]


def test_a_file_past_the_size_limit_is_a_located_error(write_data: WriteData) -> None:
    root = write_data()
    with open(root / "waivers.yaml", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    assert _one_file_problem(root, "waivers.yaml")[3] == (
        f"waivers.yaml is {MAX_FILE_BYTES + 1} bytes; a data file may have at most {MAX_FILE_BYTES} bytes"
    )


def test_an_unquoted_value_that_yaml_reads_as_an_indicator_gets_a_hint(write_data: WriteData) -> None:
    root = write_data(deps=dep("  - version: '3.8'\n    sdk: >=2.10\n"))
    (finding,) = load(root).findings
    assert finding.message.startswith("invalid YAML: expected chomping or indentation indicators")
    assert finding.hints == ("""a value starting with '>' must be quoted in YAML: write sdk: ">=2.10\"""",)


def test_a_key_at_the_wrong_indentation_says_where_it_belongs(write_data: WriteData) -> None:
    body = '  - version: "3.8"\n    sdk: ">=2.10, <2.12"\n    end_of_support:\n      effective: 2.12.0\n    announced: 2023-01-01\n'
    (finding,) = load(write_data(deps=dep(body))).findings
    assert finding.message == (
        "unknown key 'announced' in a python version: it belongs under maintenance or end_of_support "
        "(check its indentation); allowed here: version, sdk, upstream_eol, maintenance, end_of_support, phase"
    )
