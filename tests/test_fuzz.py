"""Property tests: whatever the bytes, loading never raises and every finding is located."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neuron_policy.core import evaluate, load

VALID = {
    "sdk.yaml": (
        "releases:\n  - version: 2.10.0\n    released: 2023-04-28\n  - version: 2.12.1\n    released: 2023-08-09\n"
        "  - version: 2.13.0\n    released: 2023-08\n    channels: [pip, conda]\n"
        'end_of_support:\n  - versions: "<2.11"\n    announced: 2023-06-01\n    effective: 2023-12-31\n'
    ),
    "dependencies/tensorflow.yaml": (
        'title: TensorFlow\ncategory: framework\nversions:\n  - version: "2.8"\n    sdk: ">=2.10,<2.13"\n'
        "    maintenance: {announced: 2023-01-01, effective: 2.12}\n"
        "    end_of_support:\n      announced: 2023-07-19\n  - version: 2.10\n    sdk: '>=2.10'\n    phase: supported\n"
    ),
    "waivers.yaml": "waivers:\n  - {rule: min-support, subject: 'sdk <2.11', reason: x, until: 2030-01}\n",
    "policy.yaml": "sdk: X\nmin_support_months: 12\nconda_last_version: 1.13.0\n",
}

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TOKENS = [
    ":",
    "- ",
    "\n",
    "  ",
    "&a ",
    "*a",
    "<<: ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "#",
    "!!str ",
    "~",
    "\t",
    "\x00",
    "2.10",
    "2023-13-40",
    ">=",
    "\xff",
    "version: ",
    "sdk: ",
    "null",
]


def write(root: Path, files: dict[str, bytes]) -> None:
    (root / "dependencies").mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (root / name).write_bytes(data)


def assert_located(root: Path) -> None:
    result = load(root)
    report = evaluate(result, dt.date(2026, 11, 24))
    for finding in report.findings:
        assert finding.loc.path
        assert finding.loc.line >= 1 and finding.loc.column >= 1
        assert (root / finding.loc.path).exists() or finding.loc.path == "sdk.yaml"


@SETTINGS
@given(name=st.sampled_from(sorted(VALID)), data=st.binary(max_size=400))
def test_random_bytes(tmp_path_factory: object, name: str, data: bytes) -> None:
    root = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    write(root, {**{k: v.encode() for k, v in VALID.items()}, name: data})
    assert_located(root)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(VALID)))
    text = VALID[name]
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        token = draw(st.sampled_from(TOKENS) | st.text(max_size=4))
        end = min(len(text), pos + draw(st.integers(1, 8)))
        if action == "insert":
            text = text[:pos] + token + text[pos:]
        elif action == "delete":
            text = text[:pos] + text[end:]
        else:
            text = text[:pos] + token + text[end:]
    return name, text.encode("utf-8", errors="surrogatepass")


@SETTINGS
@given(case=mutated())
def test_mutated_valid_yaml(tmp_path_factory: object, case: tuple[str, bytes]) -> None:
    root = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    name, data = case
    write(root, {**{k: v.encode() for k, v in VALID.items()}, name: data})
    assert_located(root)
