"""One declaration of the data format: the loader and the published JSON Schema agree on every
key, every kind of value and every bound, because both come from ``neuron_policy.core.SHAPES``.

Each probe is written into a minimal valid data directory at the place its shape lives, read by
the loader, and validated against ``neuron-policy schema`` as an editor would (YAML 1.2 core
types); the two must give the same verdict.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from neuron_policy.core import KINDS, PHASES, SHAPES, RuleId, Shape, json_schema, load

from .conftest import WriteData

EXAMPLES = Path(__file__).parent / "data" / "examples"
SDK = "releases: [{version: 1.0.0, released: 2024-01-01}]\n"

#: For each shape: the file it lives in, the text around it ({m} is the mapping), the file kind.
CARRIERS: dict[str, tuple[str, str, str]] = {
    "policy": ("policy.yaml", "{m}\n", "policy"),
    "sdk": ("sdk.yaml", "{m}\n", "sdk"),
    "release": ("sdk.yaml", "releases: [{m}]\n", "sdk"),
    "sdk-eos": ("sdk.yaml", SDK.replace("{", "{{").replace("}", "}}") + "end_of_support: [{m}]\n", "sdk"),
    "dependency": ("dependencies/lib.yaml", "{m}\n", "dependency"),
    "dependency-version": ("dependencies/lib.yaml", "title: Lib\ncategory: library\nversions: [{m}]\n", "dependency"),
    "maintenance": (
        "dependencies/lib.yaml",
        'title: Lib\ncategory: library\nversions: [{{version: "1.0", sdk: ">=1.0", maintenance: {m}}}]\n',
        "dependency",
    ),
    "dependency-eos": (
        "dependencies/lib.yaml",
        'title: Lib\ncategory: library\nversions: [{{version: "1.0", sdk: ">=1.0", end_of_support: {m}}}]\n',
        "dependency",
    ),
    "waivers": ("waivers.yaml", "{m}\n", "waivers"),
    "waiver": ("waivers.yaml", "waivers: [{m}]\n", "waivers"),
    "kind": ("policy.yaml", "kinds: {{component: {m}}}\n", "policy"),
    "range-part": (
        "dependencies/lib.yaml",
        'title: Lib\ncategory: library\nversions: [{{version: "1.0", sdk: [{m}]}}]\n',
        "dependency",
    ),
    "post": (
        "dependencies/lib.yaml",
        'title: Lib\ncategory: library\nversions: [{{version: "1.0", sdk: ">=1.0", '
        "maintenance: {{effective: 2024-06-01, announcements: [{m}]}}}}]\n",
        "dependency",
    ),
    "software": ("software/comp.yaml", "{m}\n", "software"),
    "milestone": ("software/comp.yaml", "title: C\nkind: component\nmaintenance: {m}\n", "software"),
    "manifest": ("manifest.yaml", "{m}\n", "manifest"),
    "manifest-package": ("manifest.yaml", "instances: {{inf1: inf1}}\npackages: {{torch-neuron: {m}}}\n", "manifest"),
    "manifest-python": ("manifest.yaml", "instances: {{inf1: inf1}}\npython: {m}\n", "manifest"),
}
#: The policy.yaml of every probe that is not in policy.yaml itself: platforms and a kind to name.
POLICY = "platforms: {inf1: Inf1, trn1: Trn1}\nkinds: {component: {title: C, phases: [beta, supported, maintenance]}}\n"

#: A valid mapping of each shape: its required keys, as written in YAML.
MINIMAL: dict[str, dict[str, str]] = {
    "policy": {},
    "sdk": {"releases": "[{version: 1.0.0, released: 2024-01-01}]"},
    "release": {"version": "1.0.0", "released": "2024-01-01"},
    "sdk-eos": {"versions": '"<1.1"', "announced": "2024-01-01", "effective": "2025-01-01"},
    "dependency": {"title": "Lib", "category": "library", "versions": "[]"},
    "dependency-version": {"version": '"1.0"', "sdk": '">=1.0"'},
    "maintenance": {"announced": "2024-01-01", "effective": "2024-06-01"},
    "dependency-eos": {},
    "waivers": {"waivers": "[]"},
    "waiver": {"rule": "min-support", "subject": "sdk 1.0.0", "reason": "r"},
    "kind": {"title": "Component", "phases": "[supported]"},
    "range-part": {"range": '">=1.0"'},
    "post": {"date": "2024-01-01"},
    "software": {"title": "Comp", "kind": "component"},
    "milestone": {"effective": "2024-06-01"},
    "manifest": {"instances": "{inf1: inf1}"},
    "manifest-package": {},
    "manifest-python": {"dependency": "lib"},
}

#: Values of each kind, as text, that both sides must accept (True) or reject (False).
PROBES: dict[str, dict[str, bool]] = {
    "text": {"x": True, "3.10": True, "two words": True, "": False, "  ": False},
    "label": {"announce-eos": True, "": False, " ": False},
    "date": {
        "2024-01-01": True, "2024-02": True, "2024-12-31": True, "2024-13-01": False, "2024-1-1": False,
        "24-01-01": False, "2024-01-01T00:00": False, "2024-01-32": False, "2024-00": False, "soon": False,
    },
    "sdk-version": {
        "2.19.0": True, "10.0.1": True, "2.19": False, "v2.19.0": False, "2.19.0.1": False, "2.19.0a1": False, "": False,
    },
    "specifier": {
        ">=2.19, <2.22": True, "<2.20": True, "~=2.5": True, "==2.19.*": True, "!=2.20.0": True, ">2.1,<=2.3": True,
        " >= 2.1 ": True, "=>2.10": False, ">=2.0a1": False, "~=2": False, ">=2.*": False, "2.19": False,
        "===2.0": False, "": False, ">=2.1,,<3": False, ">=v2": False,
    },
    "effective": {
        "2024-01-01": True, "2024-01": True, "2.19": True, "2.19.0": True, "2": False, "2.19.0.1": False,
        "soon": False,
    },
    "sdk-phase": {"supported": True, "eos-announced": True, "eos": False, "Supported": False},
    "dependency-phase": {"maintenance": True, "announced": True, "eos-announced": False},
    "channel": {"pip": True, "conda": True, "pypi": False},
    "category-id": {"library": True, "my-cat": True, "Library": False, "-x": False, "a b": False},
    "category": {"library": True, "Library": False, "a b": False},
    "rule": {**{rule.value: True for rule in RuleId}, "min-suport": False, "Schema": False},
    "id": {"inf9": True, "my-id": True, "Inf1": False, "-x": False, "a b": False},
    "platform": {"inf1": True, "trn1": True, "Inf1": False, "a b": False},
    "kind": {"component": True, "Component": False, "-x": False},
    "phase": {**dict.fromkeys(PHASES, True), "ga": False, "Supported": False},
    "return": {"real": True, "waived": True, "yes": False},
    "post-kind": {"intent": True, "correction": True, "eos": False},
    "dependency-id": {"lib": True, "Lib": False, "-x": False, "a b": False},
    "instance": {"trn1": True, "inf.": True, "": False, " ": False},
    "package": {"torch-neuronx": True, "mx_neuron": True, "libnrt.so": True, "-x": False, "a b": False, "": False},
    "version-part": {"major.minor": True, "major": True, "major.minor.patch": True, "minor": False, "": False},
    "completeness": {"complete": True, "partial": True, "some": False},
    "subject": {
        "sdk 1.0.0": True, "1.0.0": True, "sdk <2.20": True, "sdk >=1.0, <2.22": True, "lib 1.0": True, "lib": True,
        "lib two words": True, "sdk": False, "sdk foo": False, "Lib 1.0": False, "1.0.0 x": False, "sdk 1.0": False,
        "sdk ~=2": False,
    },
}  # fmt: skip
#: Written plain (unquoted), as numbers are: the editor's view is an integer, or a string.
MONTHS: dict[str, bool] = {
    "0": True,
    "12": True,
    "1200": True,
    "1201": False,
    "99999": False,
    "-1": False,
    "1_2": False,
}

#: What JSON Schema cannot state, so only the loader checks it: (kind, value).
BEYOND_JSON_SCHEMA = {
    ("date", "2023-02-30"),
    ("category", "runtime"),
    ("date", "0000-01-01"),
    ("platform", "inf9"),
    ("kind", "widget"),
    ("dependency-id", "nolib"),
}


def _yaml12(text: str) -> Any:
    """Read YAML as an editor's YAML 1.2 core schema does: plain whole numbers are ints, null is
    None, everything else (dates included) stays a string."""

    class Loader(yaml.SafeLoader):
        pass

    def scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        value = node.value
        if node.style:
            return value
        if value in ("null", "~", ""):
            return None
        if value.lstrip("-").isdigit():
            return int(value)
        return value

    Loader.add_constructor("tag:yaml.org,2002:str", scalar)
    for tag in ("int", "float", "bool", "null", "timestamp"):
        Loader.add_constructor(f"tag:yaml.org,2002:{tag}", scalar)
    Loader.yaml_implicit_resolvers = {}
    return yaml.load(text, Loader=Loader)


def _mapping(values: dict[str, str]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in values.items()) + "}"


def _verdicts(write_data: WriteData, shape: str, values: dict[str, str]) -> tuple[bool, bool, list[str]]:
    """(loader accepts, schema accepts, the loader's messages) for a mapping of ``shape``."""
    path, template, kind = CARRIERS[shape]
    text = template.format(m=_mapping(values))
    files: dict[str, str | None] = {"sdk": SDK, "policy": POLICY, "waivers": None}
    deps: dict[str, str] = {}
    raw: dict[str, bytes] = {}
    if path == "dependencies/lib.yaml":
        deps["lib"] = text
    elif path == "manifest.yaml":  # names the dependency lib
        deps["lib"] = "title: Lib\ncategory: library\nversions: []\n"
        raw[path] = text.encode()
    elif path.startswith("software/"):
        raw[path] = text.encode()
    else:
        files[path.removesuffix(".yaml")] = text
    root = write_data(sdk=files["sdk"], policy=files["policy"], waivers=files["waivers"], deps=deps, raw=raw)
    messages = [f.message for f in load(root).findings if f.rule is RuleId.SCHEMA]
    validator = jsonschema.Draft202012Validator(json_schema(kind))
    schema_errors = list(validator.iter_errors(_yaml12(text)))
    return not messages, not schema_errors, messages


def _cases() -> list[Any]:
    cases = []
    for shape in SHAPES.values():
        for field in shape.fields:
            kind = field.item if field.kind == "list" else field.kind
            if kind in SHAPES or kind in ("mapping", "map", "range"):
                continue
            probes = MONTHS if kind == "months" else PROBES[kind]
            for value, ok in probes.items():
                cases.append(pytest.param(shape.name, field.name, value, ok, id=f"{shape.name}.{field.name}={value!r}"))
    return cases


def _written(shape: Shape, name: str, value: str) -> str:
    field = shape.field(name)
    text = value if field.kind == "months" else json.dumps(value)
    return f"[{text}]" if field.kind == "list" else text


@pytest.mark.parametrize(("shape", "name", "value", "ok"), _cases())
def test_loader_and_schema_agree_on_every_value(
    write_data: WriteData, shape: str, name: str, value: str, ok: bool
) -> None:
    values = {**MINIMAL[shape], name: _written(SHAPES[shape], name, value)}
    loaded, validated, messages = _verdicts(write_data, shape, values)
    assert (loaded, validated) == (ok, ok), messages


def test_every_kind_has_probes() -> None:
    assert set(KINDS) == {*PROBES, "months"}


@pytest.mark.parametrize(("kind", "value"), sorted(BEYOND_JSON_SCHEMA))
def test_what_json_schema_cannot_say_is_checked_by_the_loader(write_data: WriteData, kind: str, value: str) -> None:
    shape, name = {
        "date": ("release", "released"),
        "category": ("dependency", "category"),
        "platform": ("waiver", "platforms"),
        "kind": ("software", "kind"),
        "dependency-id": ("manifest-python", "dependency"),
    }[kind]
    value = f"[{json.dumps(value)}]" if SHAPES[shape].field(name).kind == "list" else json.dumps(value)
    loaded, validated, _ = _verdicts(write_data, shape, {**MINIMAL[shape], name: value})
    assert (loaded, validated) == (False, True)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_loader_and_schema_agree_on_keys(write_data: WriteData, shape: str) -> None:
    assert _verdicts(write_data, shape, MINIMAL[shape])[:2] == (True, True)
    unknown = _verdicts(write_data, shape, {**MINIMAL[shape], "notes": "x"})
    assert unknown[:2] == (False, False)
    assert any("unknown key 'notes'" in m for m in unknown[2])
    for field in SHAPES[shape].fields:
        if field.required:
            missing = {k: v for k, v in MINIMAL[shape].items() if k != field.name}
            verdict = _verdicts(write_data, shape, missing)
            assert verdict[:2] == (False, False), field.name
            assert any(f"missing required key {field.name!r}" in m for m in verdict[2])
    for field in SHAPES[shape].fields:
        if field.unique:
            first = next(iter(PROBES[str(field.item)]))
            twice = _verdicts(write_data, shape, {**MINIMAL[shape], field.name: f"[{first}, {first}]"})
            assert twice[:2] == (False, False), field.name


@pytest.mark.parametrize(
    ("shape", "name", "written", "ok"),
    [
        ("policy", "platforms", "{inf1: Inf1, trn2: Trn2}", True),
        ("policy", "platforms", "{Inf1: Inf1}", False),
        ("policy", "platforms", "{inf1: ''}", False),
        ("policy", "platforms", "[inf1]", False),
        ("policy", "kinds", "{dlami: {title: DLAMI, phases: [supported, end-of-support]}}", True),
        ("policy", "kinds", "{dlami: {title: DLAMI}}", False),
        ("policy", "kinds", "{dlami: {title: DLAMI, phases: [ga]}}", False),
        ("dependency-version", "sdk", '">=1.0"', True),
        ("dependency-version", "sdk", '[">=1.0, <1.1", {range: ">=1.0", platforms: [inf1]}]', True),
        ("dependency-version", "sdk", '[{range: ">=1.0", return: real, reason: back}]', True),
        ("dependency-version", "sdk", "[]", False),
        ("dependency-version", "sdk", "[{platforms: [inf1]}]", False),
        ("dependency-version", "sdk", '[{range: "=>1.0"}]', False),
        ("dependency-version", "sdk", "{range: '>=1.0'}", False),
        ("manifest", "instances", '{"inf.": inf1, trn1: trn1}', True),
        ("manifest", "instances", "{inf1: Inf1}", False),
        ("manifest", "instances", "{'': inf1}", False),
        ("manifest", "instances", "[inf1]", False),
        ("manifest", "packages", "{mx_neuron: {dependency: lib}, libnrt.so: {platforms: [inf1]}}", True),
        ("manifest", "packages", "{'a b': {}}", False),
        ("manifest", "packages", "{torch-neuronx: lib}", False),
    ],
)
def test_loader_and_schema_agree_on_maps_and_ranges(
    write_data: WriteData, shape: str, name: str, written: str, ok: bool
) -> None:
    loaded, validated, messages = _verdicts(write_data, shape, {**MINIMAL[shape], name: written})
    assert (loaded, validated) == (ok, ok), messages


def test_loader_and_schema_agree_that_maintenance_needs_an_announcement(write_data: WriteData) -> None:
    assert _verdicts(write_data, "maintenance", {"effective": "2024-06-01"})[:2] == (False, False)
    posts = {"effective": "2024-06-01", "announcements": "[{date: 2024-01-01, kind: intent}]"}
    assert _verdicts(write_data, "maintenance", posts)[:2] == (True, True)


def test_the_schema_is_valid_json_schema_and_accepts_the_valid_example() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    valid = EXAMPLES / "valid" / "policy_data"
    files = [valid / "policy.yaml", valid / "sdk.yaml", *sorted((valid / "dependencies").glob("*.yaml"))]
    validator = jsonschema.Draft202012Validator(schema)
    for path in files:
        assert list(validator.iter_errors(_yaml12(path.read_text(encoding="utf-8")))) == [], path
    assert list(validator.iter_errors({"releases": [], "relases": []})) != []
