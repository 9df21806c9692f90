"""The data against the Neuron release manifests: one failing and one passing case per manifest
rule, the manifests' own problems located in the file, the legacy manifest, waivers, the real
manifests; ``check --manifest``, ``import-manifest`` and the build."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neuron_policy.cli import main
from neuron_policy.core import (
    MANIFEST_RULES,
    MAX_FILE_BYTES,
    RULES,
    Finding,
    Severity,
    check,
    format_text,
    interpret,
    load,
    propose,
    read_manifest,
)

from .conftest import WriteData, sphinx_path, status, text_of, warnings

AS_OF = dt.date(2026, 11, 24)
REAL = Path(__file__).resolve().parents[1] / "manifests"

POLICY = "platforms: {inf1: Inf1, trn1: Trn1}\n"
#: How the small manifests below are read: torch-neuron on Inf1, everything else on Trn1.
MAPPING = """\
instances: {inf1: inf1, trn1: trn1, "inf.": trn1}
platforms: [trn1]
packages:
  torch-neuron: {dependency: pytorch, platforms: [inf1]}
  torch-neuronx: {dependency: pytorch}
  neuron-cc: {platforms: [inf1]}
python: {dependency: python, legacy: partial}
"""
# The range is on line 5.
PYTHON = 'title: Python\ncategory: language-runtime\nversions:\n  - version: "3.8"\n    sdk: ">=2.10"\n'
# The range is on line 5, the end of support on line 6.
PYTORCH = (
    'title: PyTorch\ncategory: framework\nversions:\n  - version: "1.13"\n    sdk: "<2.12"\n'
    "    end_of_support: {announced: 2023-01-01, effective: 2.12.0}\n"
)


def pkg(name: str, version: str, instances: Sequence[str], pythons: Sequence[str] = ("3.8",)) -> str:
    return json.dumps(
        {
            "name": name,
            "version": version,
            "supported_instances": list(instances),
            "supported_python_versions": list(pythons),
        }
    )


TORCH_X = pkg("torch-neuronx", "1.13.1.1.14.0", ["trn1"])
TORCH_1 = pkg("torch-neuron", "1.13.1.2.9.1.0", ["inf1"])
CC_INF1 = pkg("neuron-cc", "1.18.0.0", ["inf1"])
CC_TRN1 = pkg("neuronx-cc", "2.12.0.0", ["trn1"])
#: What each release of conftest.SDK shipped, agreeing with PYTHON and PYTORCH.
GOOD = {
    "2.10.0": [TORCH_X, TORCH_1],
    "2.11.0": [TORCH_X, TORCH_1],
    "2.11.1": [TORCH_X, TORCH_1],
    "2.12.0": [CC_INF1, CC_TRN1],
}


def n2(releases: dict[str, list[str]]) -> str:
    """An n2-manifest.json: release i (from 0) on line i + 2."""
    lines = [json.dumps({"neuron_version": v, "packages": ["@"]}).replace('"@"', ", ".join(p)) for v, p in releases.items()]
    return '{"manifest_version": "2.12.0", "neuron_releases": [\n' + ",\n".join(lines) + "\n]}\n"


def changed(**edits: list[str] | None) -> dict[str, list[str]]:
    """GOOD with some releases replaced (``_2_11_1=[...]``) or removed (``None``)."""
    out = dict(GOOD)
    for key, value in edits.items():
        version = key.lstrip("_").replace("_", ".")
        if value is None:
            out.pop(version)
        else:
            out[version] = value
    return out


@pytest.fixture
def data(write_data: WriteData) -> WriteData:
    """write_data with the platforms, the mapping and the two dependencies unless given."""

    def write(**files: object) -> Path:
        raw = dict(files.pop("raw", None) or {})  # type: ignore[call-overload]
        raw.setdefault("manifest.yaml", MAPPING.encode())
        files.setdefault("policy", POLICY)
        files.setdefault("deps", {"python": PYTHON, "pytorch": PYTORCH})
        return write_data(raw=raw, **files)  # type: ignore[arg-type]

    return write


def run(root: Path, *manifests: str | bytes, names: Sequence[str] = ()) -> list[Finding]:
    """Check ``root`` against manifests written next to it (``n2.json``, ``legacy.json``, ...)."""
    paths = []
    for index, text in enumerate(manifests):
        path = root.parent / (names[index] if index < len(names) else f"manifest{index}.json")
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
        paths.append(str(path))
    return list(check(root, AS_OF, manifests=paths).findings)


def manifest_only(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.rule in MANIFEST_RULES]


def summary(found: list[Finding]) -> list[tuple[str, str, str, int]]:
    return [(f.rule.value, f.severity.value, Path(f.loc.path).name, f.loc.line) for f in found]


# -- one failing and one passing case per rule ---------------------------------------------------

CASES: dict[str, tuple[dict[str, object], str, list[tuple[str, str, str, int]]]] = {
    # rule: (data files of the failing case, its manifest, its expected findings)
    "shipped-outside-range": (
        {"deps": {"python": PYTHON.replace(">=2.10", ">=2.11"), "pytorch": PYTORCH}},
        n2(GOOD),
        [("shipped-outside-range", "error", "python.yaml", 5), ("minor-only", "error", "python.yaml", 5)][:1],
    ),
    "range-not-shipped": (
        {},
        n2(changed(_2_11_1=[pkg("torch-neuronx", "1.13.1.1.14.0", ["trn1"], []), TORCH_1])),
        [("range-not-shipped", "error", "python.yaml", 5)],
    ),
    "shipped-after-eos": (
        {},
        n2(changed(_2_12_0=[CC_INF1, CC_TRN1, TORCH_X])),
        [("shipped-after-eos", "error", "pytorch.yaml", 6)],
    ),
    "manifest-release": (
        {},
        n2(changed(_2_11_1=None, _2_13_0=[CC_INF1, CC_TRN1])),
        [("manifest-release", "error", "sdk.yaml", 6), ("manifest-release", "error", "manifest0.json", 5)],
    ),
    "manifest-format": (
        {},
        n2(changed(_2_12_0=[CC_INF1, pkg("neuronx-cc", "2.12.0.0", ["trn9"])])),
        [("manifest-format", "error", "manifest0.json", 5)],
    ),
    "manifest-entry": (
        {},
        n2(changed(_2_12_0=[CC_INF1, pkg("neuronx-cc", "2.12.0.0", ["trn1", "trn1"])])),
        [("manifest-entry", "warning", "manifest0.json", 5)],
    ),
}


def test_every_manifest_rule_has_cases() -> None:
    assert {rule for rule, r in RULES.items() if r.needs_manifest} == MANIFEST_RULES
    assert {rule.value for rule in MANIFEST_RULES} == set(CASES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_manifest_rule_violation(data: WriteData, rule: str) -> None:
    files, manifest, expected = CASES[rule]
    assert summary(run(data(**files), manifest)) == expected


@pytest.mark.parametrize("rule", sorted(CASES))
def test_manifest_rule_passes(data: WriteData, rule: str) -> None:
    assert run(data(), n2(GOOD)) == []


def test_findings_name_the_platforms_and_releases(data: WriteData) -> None:
    [outside] = run(data(deps={"python": PYTHON.replace(">=2.10", ">=2.11"), "pytorch": PYTORCH}), n2(GOOD))
    assert outside.message == "python 3.8: shipped on Inf1 and Trn1 in releases its sdk range '>=2.11' leaves out: SDK 2.10.0"
    assert outside.subject is not None and outside.subject.platforms == ("inf1", "trn1")
    assert outside.hints[0].startswith("first shipped: ")
    assert outside.hints[0].endswith("manifest0.json:2:169 (torch-neuron 1.13.1.2.9.1.0)")
    no_python = pkg("neuronx-cc", "2.12.0.0", ["trn1"], [])
    manifest = n2(changed(_2_11_0=[TORCH_1, no_python], _2_11_1=[TORCH_1, no_python]))
    [missing] = [f for f in run(data(), manifest) if f.message.startswith("python")]
    assert missing.message == (
        "python 3.8: its sdk range '>=2.10' includes releases that did not ship it on Trn1: 2 releases (SDK 2.11.0-2.11.1)"
    )
    assert missing.subject is not None and missing.subject.platforms == ("trn1",)
    [after] = run(data(), n2(changed(_2_12_0=[CC_INF1, CC_TRN1, TORCH_X])))
    assert after.message == "pytorch 1.13: shipped on Trn1 at or after its end of support (SDK 2.12.0), in SDK 2.12.0"
    assert (after.loc.line, after.loc.column) == (6, 56)


def test_a_version_the_data_lacks_is_reported_at_its_file(data: WriteData) -> None:
    found = run(data(), n2(changed(_2_12_0=[CC_INF1, pkg("torch-neuronx", "2.1.2.2.0.0", ["trn1"])])))
    assert summary(found) == [("shipped-outside-range", "error", "pytorch.yaml", 1)]
    assert "pytorch 2.1: shipped on Trn1 in SDK 2.12.0, but dependencies/pytorch.yaml has no version '2.1'" in (
        found[0].message
    )


def test_a_waived_return_is_what_the_release_shipped(data: WriteData) -> None:
    torch = [pkg("torch-neuronx", "1.13.1.1.14.0", ["trn1"], []), pkg("torch-neuron", "1.13.1.2.9.1.0", ["inf1"], [])]
    shipped = changed(_2_11_0=torch, _2_11_1=torch)  # 3.8 in 2.10.0, not in 2.11.x, again in 2.12.0
    gap = 'title: Python\ncategory: language-runtime\nversions:\n  - version: "3.8"\n    sdk: ["<2.11", '
    waived = gap + '{range: ">=2.12", return: waived, reason: shipped again, unsupported}]\n'
    plain = gap[: -len(', ')] + "]\n"
    assert manifest_only(run(data(deps={"python": waived, "pytorch": PYTORCH}), n2(shipped))) == []
    assert summary(manifest_only(run(data(deps={"python": plain, "pytorch": PYTORCH}), n2(shipped)))) == [
        ("shipped-outside-range", "error", "python.yaml", 5)
    ]


def test_manifest_findings_are_waivable_per_platform(data: WriteData) -> None:
    manifest = n2(changed(_2_12_0=[CC_INF1, CC_TRN1, TORCH_X]))
    waiver = "waivers:\n  - {rule: shipped-after-eos, subject: pytorch 1.13, reason: r, platforms: [%s]}\n"
    waived = run(data(waivers=waiver % "trn1"), manifest)
    assert [(f.rule.value, f.severity) for f in waived] == [("shipped-after-eos", Severity.INFO)]
    other = run(data(waivers=waiver % "inf1"), manifest)
    assert sorted((f.rule.value, f.severity.value) for f in other) == [
        ("shipped-after-eos", "error"),
        ("waiver-unused", "warning"),
    ]


def test_waivers_of_manifest_rules_wait_for_a_manifest(data: WriteData) -> None:
    waivers = "waivers:\n  - {rule: shipped-after-eos, subject: pytorch 1.13, reason: r}\n"
    assert check(data(waivers=waivers), AS_OF).findings == ()
    broken = run(data(waivers=waivers), '{"neuron_releases": [')
    assert summary(broken) == [("manifest-format", "error", "manifest0.json", 1)]
    assert broken[0].blocking


# -- the manifest file itself ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ('{"neuron_releases": [\n  {"neuron_version": "2.10.0",}\n]}', "invalid JSON: Expecting property name", (2, 31)),
        ("{}\n{}", "invalid JSON: Extra data", (2, 1)),
        ("", "invalid JSON: Expecting value", (1, 1)),
        (b"\xff", "the file is not valid UTF-8 (byte 0xff at offset 0)", (1, 1)),
        ('{"x": NaN}', "invalid JSON: NaN is not JSON", (1, 1)),
        ("[]", "not a Neuron release manifest: expected an object with neuron_releases", (1, 1)),
        ('{"neuron_releases": {}}', "neuron_releases: expected a list of releases", (1, 1)),
    ],
)
def test_a_manifest_that_cannot_be_read_is_one_located_finding(
    data: WriteData, text: str | bytes, message: str, where: tuple[int, int]
) -> None:
    [found] = run(data(), text)
    assert (found.rule.value, found.severity.value, found.blocking) == ("manifest-format", "error", True)
    assert found.message.startswith(message)
    assert (found.loc.line, found.loc.column) == where


def test_hostile_manifests_are_findings_not_tracebacks(data: WriteData, tmp_path: Path) -> None:
    deep = run(data(), "[" * 100_000)
    assert [(f.rule.value, f.message) for f in deep] == [("manifest-format", "invalid JSON: nesting too deep")]
    twice = n2(GOOD).replace('"2.11.0"', '"2.10.0"')
    found = run(data(), twice)
    assert [(f.rule.value, f.loc.line, f.message) for f in found if f.rule == "manifest-format"] == [
        ("manifest-format", 3, "release 2.10.0 is listed twice (first at line 2); the first is read")
    ]
    odd = n2(changed(_2_12_0=[CC_INF1, pkg("neuronx-cc\u2028\u001b[31m", "2", ["trn\n1"])]))
    [problem] = [f for f in run(data(), odd) if f.rule == "manifest-format"]
    assert "\n" not in format_text(problem) and "\x1b" not in format_text(problem)
    assert "unknown instance name 'trn\\n1'" in format_text(problem)
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    [too_big] = check(data(), AS_OF, manifests=[str(big)]).findings
    assert too_big.message == f"big.json is {MAX_FILE_BYTES + 1} bytes; a data file may have at most {MAX_FILE_BYTES} bytes"


def test_entries_that_cannot_be_read_are_reported_where_they_are(data: WriteData) -> None:
    manifest = n2(
        changed(
            _2_11_0=[TORCH_X, TORCH_1, pkg("torch-neuronx", "x1", ["trn1"]), '{"name": "y", "version": 3, "supported_instances": [], "supported_python_versions": []}'],
            _2_12_0=[CC_INF1, pkg("neuronx-cc", "2", ["trn9"], ["3.8", "three"])],
        )
    )
    found = sorted((f.rule.value, f.loc.line, f.message) for f in run(data(), manifest))
    assert found == [
        ("manifest-format", 3, "torch-neuronx version 'x1' does not start with major.minor (manifest.yaml packages"
         ".torch-neuronx.version) (in 2.11.0)"),
        ("manifest-format", 3, "y's version: expected a string, got int 3 (in 2.11.0)"),
        ("manifest-format", 5, "neuronx-cc 2 lists Python version 'three', which is not a version X.Y (in 2.12.0)"),
        ("manifest-format", 5, "unknown instance name 'trn9' (did you mean 'trn1'?): manifest.yaml instances maps "
         "'inf1', 'trn1', 'inf.' (in 2.12.0)"),
    ]  # fmt: skip


def test_typos_of_the_manifest_are_read_and_reported_once(data: WriteData) -> None:
    odd = pkg("torch-neuronx", "1.13.1.1.14.0", ["inf.", "trn1", "trn1"], ["3.8,"])
    found = run(data(), n2(changed(_2_10_0=[odd, TORCH_1], _2_11_0=[odd, TORCH_1])))
    assert [(f.rule.value, f.severity.value, f.message) for f in found] == [
        ("manifest-entry", "warning", "torch-neuronx lists instance 'trn1' twice (read once) (in 2 releases: 2.10.0-2.11.0)"),
        ("manifest-entry", "warning", "torch-neuronx 1.13.1.1.14.0 lists Python version '3.8,', read as '3.8' "
         "(in 2 releases: 2.10.0-2.11.0)"),
    ]  # fmt: skip
    assert {f.subject.versions for f in found if f.subject} == {("2.10.0", "2.11.0")}
    waiver = 'waivers:\n  - {rule: manifest-entry, subject: "sdk >=2.10, <2.12", reason: the manifest says so}\n'
    assert {f.severity for f in run(data(waivers=waiver), n2(changed(_2_10_0=[odd, TORCH_1])))} == {Severity.INFO}


def test_a_missing_manifest_or_mapping_is_reported(data: WriteData, write_data: WriteData) -> None:
    root = data()
    [missing] = check(root, AS_OF, manifests=[str(root.parent / "nothing.json")]).findings
    assert (missing.rule.value, missing.message) == ("manifest-format", f"{root.parent / 'nothing.json'}: no such file")
    (root / "manifest.yaml").unlink()
    [unmapped] = run(root, n2(GOOD))
    assert (unmapped.rule.value, unmapped.loc.path, unmapped.loc.line) == ("manifest-format", "manifest.yaml", 1)
    assert "the data has no manifest.yaml" in unmapped.message


def test_the_mapping_is_checked_against_the_data(data: WriteData) -> None:
    mapping = MAPPING.replace("dependency: pytorch, platforms: [inf1]", "dependency: pytorh, platforms: [inf9]")
    found = [(f.rule.value, f.loc.path, f.loc.line, f.message) for f in load(data(raw={"manifest.yaml": mapping.encode()})).findings]
    assert found == [
        ("schema", "manifest.yaml", 4, "dependency: no dependency 'pytorh' (did you mean 'pytorch' or 'python'?); dependencies/ has "
         "python, "
         "pytorch"),
        ("schema", "manifest.yaml", 4, "unknown platform 'inf9' (did you mean 'inf1'?); policy.yaml declares inf1, trn1"),
    ]  # fmt: skip


# -- the legacy manifest ---------------------------------------------------------------------------


def legacy(releases: dict[str, tuple[list[str], dict[str, list[str]]]]) -> str:
    """A neuron-releases-manifest.json: release -> (python_ver, {package: versions}), all Inf1."""
    out = {}
    for version, (pythons, packages) in releases.items():
        components = {
            name: {"framework": True, "packages": {name: {"versions": {v: {"format": "pip"} for v in versions}}}}
            for name, versions in packages.items()
        }
        out[version] = {"python_ver": pythons, "instance_support": ["inf1"], "components": components}
    return json.dumps({"manifest_version": "1.0.1", "neuron_versions": out}, indent=1)


LEGACY = legacy(
    {
        "2.11.0": (["3.8"], {"torch-neuron": ["1.13.1.2.9.1.0"]}),
        "2.11.1": ([], {"torch-neuron": ["1.13.1.2.9.1.0"]}),
        "2.9.0": (["3.8"], {"torch-neuron": ["1.13.1.2.9.1.0"]}),
    }
)


def test_the_legacy_manifest_fills_in_the_releases_the_first_lacks(data: WriteData) -> None:
    no_inf1 = changed(_2_11_0=[TORCH_X], _2_11_1=[TORCH_X])
    assert run(data(), n2(no_inf1)) == []  # Inf1 is not in 2.11.x at all: nothing to compare
    found = run(data(), n2(no_inf1), LEGACY, names=["n2.json", "legacy.json"])
    # 2.11.1's python_ver names no Python, but the mapping says legacy Python lists are partial
    assert summary(found) == [("manifest-release", "error", "legacy.json", 46)]
    assert found[0].message == "SDK 2.9.0 is in legacy.json but not in sdk.yaml: add it with its release date (the manifest has no dates)"
    complete = data(raw={"manifest.yaml": MAPPING.replace("legacy: partial", "legacy: complete").encode()})
    found = run(complete, n2(no_inf1), LEGACY, names=["n2.json", "legacy.json"])
    assert [(f.rule.value, f.message) for f in found if f.rule != "manifest-release"] == [
        ("range-not-shipped", "python 3.8: its sdk range '>=2.10' includes releases that did not ship it on Inf1: SDK 2.11.1")
    ]


def test_the_first_manifest_given_decides_a_release(data: WriteData) -> None:
    stale = legacy({"2.10.0": (["3.8"], {"torch-neuron": ["1.9.1.2.9.1.0"]})})
    first = run(data(), n2(GOOD), stale, names=["n2.json", "legacy.json"])
    assert first == []
    second = run(data(), stale, n2(GOOD), names=["legacy.json", "n2.json"])
    assert sorted(f.message.split(":")[0] for f in second) == ["pytorch 1.13", "pytorch 1.9"]


# -- the real manifests --------------------------------------------------------------------------------

REAL_MAPPING = """\
instances: {inf1: inf1, inf2: inf2, "inf.": inf2, trn1: trn1, trn2: trn2, trn3: trn3}
platforms: [inf2, trn1, trn2, trn3]
packages:
  torch-neuron: {dependency: pytorch, platforms: [inf1]}
  torch-neuronx: {dependency: pytorch}
  neuron-cc: {platforms: [inf1]}
python: {dependency: python, legacy: partial}
"""


def test_the_real_manifests_read_with_their_typos_reported(write_data: WriteData) -> None:
    root = write_data(
        policy="platforms: {inf1: Inf1, inf2: Inf2, trn1: Trn1, trn2: Trn2, trn3: Trn3}\n",
        deps={"python": PYTHON, "pytorch": PYTORCH},
        raw={"manifest.yaml": REAL_MAPPING.encode()},
    )
    mapping = load(root).data.manifest
    assert mapping is not None
    platforms = ("inf1", "inf2", "trn1", "trn2", "trn3")
    n2_real = interpret(read_manifest(REAL / "n2-manifest.json", "n2-manifest.json"), mapping, platforms)
    assert (n2_real.form, n2_real.stated_version, len(n2_real.releases)) == ("n2", "2.32.0", 51)
    assert [(f.rule.value, str(f.loc), f.message) for f in n2_real.problems] == [
        ("manifest-entry", "n2-manifest.json:325:114",
         "aws-neuronx-k8-plugin lists instance 'trn2' twice (read once) (in 12 releases: 2.21.0-2.28.0)"),
        ("manifest-entry", "n2-manifest.json:1821:116",
         "neuronx_hwm 2.8.0.3 lists Python version '3.7,', read as '3.7' (in 2.12.0)"),
    ]  # fmt: skip
    by_version = {str(r.version): r for r in n2_real.releases}
    assert ("pytorch", "2.9") in by_version["2.31.0"].shipped["trn1"]  # torch-neuronx 2.9.0.2.x
    assert ("python", "3.7") in by_version["2.12.0"].shipped["trn1"]
    assert "inf1" not in by_version["2.6.0"].shipped  # a Trn1-only release
    assert sorted(by_version["2.32.0"].shipped) == ["inf1", "inf2", "trn1", "trn2", "trn3"]
    legacy_real = interpret(
        read_manifest(REAL / "neuron-releases-manifest.json", "neuron-releases-manifest.json"), mapping, platforms
    )
    assert (legacy_real.form, len(legacy_real.releases), legacy_real.problems) == ("legacy", 30, ())
    six = {str(r.version): r for r in legacy_real.releases}["2.6.0"]
    assert {v for d, v in six.shipped["inf1"] if d == "pytorch"} == {"1.7", "1.8", "1.9", "1.10", "1.11", "1.12"}
    assert six.partial == frozenset({"python"})

# -- the command line and the build ----------------------------------------------------------------
#
# ``check --manifest`` (and from conf.py), ``import-manifest`` as a diff that applies and leaves
# everything else as written, and the build reporting, showing and watching the manifests.

TODAY = str(AS_OF)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- check --manifest ------------------------------------------------------------------------------


def test_check_with_manifests_from_the_command_line_and_from_conf_py(
    capsys: pytest.CaptureFixture[str], data: WriteData, tmp_path: Path
) -> None:
    root = data()
    bad = write(tmp_path / "n2.json", n2(changed(_2_12_0=[CC_INF1, CC_TRN1, TORCH_X])))
    code, out, err = cli(capsys, "check", str(root), "--today", TODAY, "--manifest", bad)
    assert code == 1
    assert out == (
        f"{root}/dependencies/pytorch.yaml:6:56: error: pytorch 1.13: shipped on Trn1 at or after its end of "
        "support (SDK 2.12.0), in SDK 2.12.0 [neuron_policy.shipped-after-eos]\n"
        f"    first shipped: {bad}:5:278 (torch-neuronx 1.13.1.1.14.0)\n"
    )
    assert err.strip().endswith("1 error, 0 warnings, 0 info (as of 2026-11-24)")
    good = write(tmp_path / "good.json", n2(GOOD))
    assert cli(capsys, "check", str(root), "--today", TODAY, "--manifest", good)[0] == 0
    conf = write(tmp_path / "conf.py", 'neuron_policy_data = "policy_data"\nneuron_policy_manifests = ["n2.json"]\n')
    code, out, _ = cli(capsys, "check", "--conf", conf, "--today", TODAY)
    assert code == 1 and "[neuron_policy.shipped-after-eos]" in out
    # --manifest replaces the manifests of conf.py
    assert cli(capsys, "check", "--conf", conf, "--today", TODAY, "--manifest", good)[0] == 0
    code, out, _ = cli(capsys, "check", "--conf", conf, "--today", TODAY, "--format", "json")
    assert '"rule": "shipped-after-eos"' in out
    write(tmp_path / "conf.py", "neuron_policy_manifests = 'n2.json'\n")
    code, _, err = cli(capsys, "check", "--conf", conf)
    assert code == 2 and "neuron_policy_manifests: expected a list of paths" in err


# -- import-manifest ------------------------------------------------------------------------------

#: Python 3.8 with a comment, a waived return and a range the manifest contradicts (line 8).
PYTHON_WRONG = """\
title: Python
category: language-runtime
# A comment the import must keep.
versions:
  # 3.8: the manifests say more than this range.
  - version: "3.8"
    sdk:
      - {range: ">=2.11", platforms: [trn1]}  # Trn1 only?
      - range: ">=2.12"
        platforms: [inf1]
        return: waived
        reason: >-
          shipped again in 2.12.0 without support
    upstream_eol: 2024-10-07
  # the last version
  - version: "3.9"
    sdk: ">=2.12"
"""


def manifest_for_import() -> str:
    """3.8 on Trn1 from 2.10.0 on, on Inf1 in 2.10.0-2.11.1 and again 2.12.0; 3.9 and the
    unknown 3.10 on both in 2.12.0."""
    both = ["3.8", "3.9", "3.10"]
    return n2(
        changed(_2_12_0=[pkg("neuron-cc", "1.18.0.0", ["inf1"], both), pkg("neuronx-cc", "2.12.0.0", ["trn1"], both)])
    )


def test_import_proposes_only_what_the_manifest_contradicts(
    capsys: pytest.CaptureFixture[str], data: WriteData, tmp_path: Path
) -> None:
    root = data(deps={"python": PYTHON_WRONG, "pytorch": PYTORCH})
    manifest = write(tmp_path / "n2.json", manifest_for_import())
    result = propose(str(root), load(root), [read_manifest(manifest)])
    [proposal] = result.proposals
    assert proposal.path == "dependencies/python.yaml"
    assert proposal.new == PYTHON_WRONG.replace(
        '      - {range: ">=2.11", platforms: [trn1]}  # Trn1 only?\n      - range',
        '      # Trn1 only?\n      - {range: "<2.12", platforms: [inf1]}\n      - {range: ">=2.10", platforms: [trn1]}\n'
        "      - range",
    ).replace(
        '    sdk: ">=2.12"\n',
        '    sdk: ">=2.12"\n'
        "  # Proposed by neuron-policy import-manifest: shipped >=2.12 on Inf1, Trn1\n"
        '  - version: "3.10"\n'
        '    sdk: ">=2.12"\n',
    )
    assert proposal.changes == ("3.8: <2.12 on Inf1; >=2.10 on Trn1", "3.10: added (shipped >=2.12 on Inf1, Trn1)")
    assert result.notes == ()
    # applied, the data agrees with the manifest; nothing else changed
    (root / proposal.path).write_text(proposal.new, encoding="utf-8")
    found = {f.rule.value for f in check(root, AS_OF, manifests=[manifest]).findings}
    assert not found & {"schema", "shipped-outside-range", "range-not-shipped"}, found
    assert propose(str(root), load(root), [read_manifest(manifest)]).proposals == ()


def test_import_manifest_prints_a_diff_that_applies(
    capsys: pytest.CaptureFixture[str], data: WriteData, tmp_path: Path
) -> None:
    root = data(deps={"python": PYTHON_WRONG, "pytorch": PYTORCH})
    manifest = write(tmp_path / "n2.json", manifest_for_import())
    code, diff, err = cli(capsys, "import-manifest", manifest, str(root))
    assert code == 1
    assert diff.startswith("--- a/dependencies/python.yaml\n+++ b/dependencies/python.yaml\n@@ ")
    assert err.splitlines() == [
        "dependencies/python.yaml: 3.8: <2.12 on Inf1; >=2.10 on Trn1",
        "dependencies/python.yaml: 3.10: added (shipped >=2.12 on Inf1, Trn1)",
    ]
    expected = propose(str(root), load(root), [read_manifest(manifest)]).proposals[0].new
    subprocess.run(["patch", "-p1", "-s", "-d", str(root)], input=diff, text=True, check=True)
    assert (root / "dependencies" / "python.yaml").read_text(encoding="utf-8") == expected
    code, diff, err = cli(capsys, "import-manifest", manifest, str(root))
    assert (code, diff) == (0, "")
    assert err.strip().endswith("the sdk ranges agree with the manifests; nothing to propose")


def test_import_manifest_names_what_it_cannot_change(
    capsys: pytest.CaptureFixture[str], data: WriteData, tmp_path: Path
) -> None:
    root = data()
    manifest = write(tmp_path / "n2.json", n2(changed(_2_11_1=None, _2_13_0=[TORCH_X, TORCH_1])))
    code, diff, err = cli(capsys, "import-manifest", manifest, str(root))
    assert (code, diff) == (0, "")
    assert "note: SDK 2.13.0 is in n2.json but not in sdk.yaml: add it with its release date" in err
    assert "note: SDK 2.11.1 is in sdk.yaml but in no manifest" in err
    bad = write(tmp_path / "bad.json", "{")
    code, diff, err = cli(capsys, "import-manifest", bad, str(root))
    assert (code, diff) == (2, "")
    assert f"{bad}:1:2: error: invalid JSON: Expecting property name" in err
    assert "nothing to compare" in err


def test_import_keeps_a_gap_for_the_reviewer(data: WriteData, tmp_path: Path) -> None:
    shipped = changed(_2_11_0=[CC_INF1, CC_TRN1], _2_11_1=[CC_INF1, CC_TRN1], _2_12_0=[TORCH_X, TORCH_1])
    manifest = write(tmp_path / "n2.json", n2(shipped))
    root = data()
    [proposal] = propose(str(root), load(root), [read_manifest(manifest)]).proposals
    assert proposal.new == PYTORCH.replace(
        '    sdk: "<2.12"\n',
        "    sdk:\n"
        '      - {range: "<2.11", platforms: [inf1, trn1]}\n'
        '      - {range: ">=2.12", platforms: [inf1, trn1]}  # after a gap: add return: real or return: waived, '
        "and a reason\n",
    )


# -- the build ------------------------------------------------------------------------------------

MakeApp = Callable[..., Any]
CONF = """\
extensions = ["neuron_policy"]
project = "manifests"
neuron_policy_today = "2026-11-24"
neuron_policy_manifests = ["manifests/n2.json"]
"""


def _site(tmp_path: Path, data: WriteData) -> Path:
    data()  # tmp_path/policy_data
    (tmp_path / "manifests").mkdir()
    write(tmp_path / "conf.py", CONF)
    write(tmp_path / "index.rst", "Index\n=====\n\n.. toctree::\n\n   rules\n   plain\n")
    write(tmp_path / "rules.rst", "Rules\n=====\n\n.. neuron-policy-rules::\n")
    write(tmp_path / "plain.rst", "Plain\n=====\n\n:neuron-phase:`python 3.8`\n")
    return tmp_path


def _build(make_app: MakeApp, srcdir: Path) -> tuple[Any, list[str]]:
    app = make_app("html", srcdir=sphinx_path(srcdir), builddir=sphinx_path(srcdir / "_build"))
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    return app, sorted(read)


def _manifest_cell(app: Any) -> str:
    from bs4 import BeautifulSoup

    html = (Path(str(app.outdir)) / "rules.html").read_text(encoding="utf-8")
    rows = BeautifulSoup(html, "html.parser").find("table").find("tbody").find_all("tr")
    cells = {text_of(row.find_all("td")[0]): text_of(row.find_all("td")[2]) for row in rows}
    return cells["shipped-after-eos"]


def test_the_build_reports_shows_and_watches_the_manifests(make_app: MakeApp, tmp_path: Path, data: WriteData) -> None:
    srcdir = _site(tmp_path, data)
    manifest = srcdir / "manifests" / "n2.json"
    write(manifest, n2(changed(_2_12_0=[CC_INF1, CC_TRN1, TORCH_X])))
    app, read = _build(make_app, srcdir)
    assert read == ["index", "plain", "rules"]
    assert app.statuscode == 1
    assert [w for w in warnings(app) if "[neuron_policy." in w] == [
        "policy_data/dependencies/pytorch.yaml:6:56: ERROR: pytorch 1.13: shipped on Trn1 at or after its "
        "end of support (SDK 2.12.0), in SDK 2.12.0 (first shipped: manifests/n2.json:5:278 (torch-neuronx "
        "1.13.1.1.14.0)) [neuron_policy.shipped-after-eos]"
    ]
    assert _manifest_cell(app) == "manifests = n2.json (2.12.0)"
    # nothing changed: nothing is read again
    app, read = _build(make_app, srcdir)
    assert read == []
    # the manifest changes: the page that shows it is read again, and the build passes
    time.sleep(0.05)
    write(manifest, n2(GOOD).replace('"manifest_version": "2.12.0"', '"manifest_version": "2.12.1"'))
    app, read = _build(make_app, srcdir)
    assert (read, app.statuscode) == (["rules"], 0)
    assert _manifest_cell(app) == "manifests = n2.json (2.12.1)"
    # the manifest disappears: that page again, and the build says so at the file
    manifest.unlink()
    app, read = _build(make_app, srcdir)
    assert (read, app.statuscode) == (["rules"], 1)
    assert [w for w in warnings(app) if "manifest-format" in w] == [
        "manifests/n2.json:1:1: ERROR: manifests/n2.json: no such file [neuron_policy.manifest-format]"
    ]
    assert "neuron_policy: phases as of 2026-11-24" in status(app)


def test_a_bad_neuron_policy_manifests_is_a_config_error(make_app: MakeApp, tmp_path: Path, data: WriteData) -> None:
    srcdir = _site(tmp_path, data)
    write(srcdir / "conf.py", CONF.replace('["manifests/n2.json"]', '"manifests/n2.json"'))
    app, _ = _build(make_app, srcdir)
    assert [w for w in warnings(app) if "[neuron_policy." in w] == [
        "conf.py:4: ERROR: neuron_policy_manifests: expected a list of paths, got 'manifests/n2.json' "
        "[neuron_policy.config]"
    ]
    shutil.rmtree(srcdir / "_build")


# -- properties ------------------------------------------------------------------------------------

_VERSION = st.tuples(*(st.integers(0, 30),) * 3).map(lambda v: ".".join(map(str, v)))
_PACKAGE = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["torch-neuronx", "torch-neuron", "neuron-cc", "x"]),
        "version": st.sampled_from(["1.13.1.2", "2.9.0.2.15.32035", "7"]),
        "supported_instances": st.lists(st.sampled_from(["inf1", "trn1", "inf.", "trn9"]), max_size=3),
        "supported_python_versions": st.lists(st.sampled_from(["3.8", "3.10", "3.7,", "x"]), max_size=3),
    }
)
_MANIFEST = st.lists(
    st.fixed_dictionaries({"neuron_version": _VERSION, "packages": st.lists(_PACKAGE, max_size=3)}), max_size=6
)


@given(releases=_MANIFEST, indent=st.sampled_from([None, 0, 1, 4]), tight=st.booleans())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_release_is_located_where_its_version_is_written(
    write_data: WriteData, tmp_path: Path, releases: list[dict[str, Any]], indent: int | None, tight: bool
) -> None:
    root = write_data(policy=POLICY, deps={"python": PYTHON, "pytorch": PYTORCH}, raw={"manifest.yaml": MAPPING.encode()})
    mapping = load(root).data.manifest
    assert mapping is not None
    separators = (",", ":") if tight else None
    text = json.dumps({"neuron_releases": releases}, indent=indent, separators=separators)
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    manifest = interpret(read_manifest(path), mapping, ("inf1", "trn1"))
    lines = text.split("\n")
    for release in manifest.releases:
        line = lines[release.loc.line - 1]
        assert line[release.loc.column - 1 :].startswith(json.dumps(str(release.version)))
    for problem in manifest.problems:
        assert 1 <= problem.loc.line <= len(lines) and problem.loc.column >= 1
    assert {str(r.version) for r in manifest.releases} == {r["neuron_version"] for r in releases}


_JSON_TOKENS = ['{', '}', '[', ']', ',', ':', '"neuron_releases"', '"neuron_versions"', '"packages"', '"2.10.0"',
                '"name"', '"supported_instances"', '"inf1"', '3', 'null', ' ', '\n', '"\\u00e9"', '"\\ud800"', 'true']


@given(st.lists(st.sampled_from(_JSON_TOKENS), max_size=40) | st.binary(max_size=60).map(lambda b: b.decode("latin-1")))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_manifest_text_gives_located_findings_never_an_exception(
    write_data: WriteData, tmp_path: Path, tokens: list[str] | str
) -> None:
    root = write_data(policy=POLICY, deps={"python": PYTHON, "pytorch": PYTORCH}, raw={"manifest.yaml": MAPPING.encode()})
    path = tmp_path / "m.json"
    path.write_text("".join(tokens), encoding="utf-8", errors="surrogateescape")
    for finding in check(root, AS_OF, manifests=[str(path)]).findings:
        assert finding.loc.line >= 1
