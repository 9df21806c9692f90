"""The data format, declared once: the loader checks keys against it and ``neuron-policy schema``
turns it into JSON Schema, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .model import DEPENDENCY_ID_PATTERN, SDK_VERSION_PATTERN
from .phases import DEPENDENCY_PHASES, SDK_PHASES

Kind = Literal[
    "text",
    "int",
    "date",
    "sdk-version",
    "sdk-version-or-null",
    "specifier",
    "effective",
    "label",
    "sdk-phase",
    "dependency-phase",
    "channels",
    "categories",
    "mapping",
    "list",
]

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"
SDK_VERSION = f"^{SDK_VERSION_PATTERN}$"
EFFECTIVE_PATTERN = r"^([0-9]{4}-[0-9]{2}(-[0-9]{2})?|[0-9]+\.[0-9]+(\.[0-9]+)?)$"
CHANNELS = ("conda", "pip", "rpm", "deb")
DEPENDENCY_ID = f"^{DEPENDENCY_ID_PATTERN}$"


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its kind, whether it is required, and what it means."""

    name: str
    kind: Kind
    doc: str
    required: bool = False
    item: str | None = None  # for "mapping" and "list": the name of the nested Shape
    default: str | None = None


@dataclass(frozen=True)
class Shape:
    """A mapping in a data file."""

    name: str
    doc: str
    fields: tuple[Field, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


_PHASE = "Expected phase, only checked against the computed one (rule phase-mismatch)."
_LABEL = "A reST label (std:ref) of the page that explains the announcement."

SHAPES: dict[str, Shape] = {
    s.name: s
    for s in (
        Shape(
            "policy",
            "policy.yaml: the policy parameters.",
            (
                Field("sdk", "text", "Product name used in generated text.", default="SDK"),
                Field(
                    "min_support_months", "int", "Rule min-support: months an SDK version is supported.", default="12"
                ),
                Field("eos_notice_months", "int", "Rule eos-notice: months of notice before an SDK EOS.", default="3"),
                Field(
                    "conda_last_version",
                    "sdk-version-or-null",
                    "Rule conda-channel: last SDK version published to conda; null disables the rule.",
                    default="1.13.0",
                ),
                Field(
                    "categories",
                    "categories",
                    "Allowed dependency categories.",
                    default="[operating-system, language-runtime, library, framework]",
                ),
            ),
        ),
        Shape(
            "sdk",
            "sdk.yaml: SDK releases and their end of support.",
            (
                Field("releases", "list", "SDK releases.", required=True, item="release"),
                Field("end_of_support", "list", "End-of-support decisions over SDK versions.", item="sdk-eos"),
            ),
        ),
        Shape(
            "release",
            "An SDK release.",
            (
                Field("version", "sdk-version", "The version, X.Y.Z.", required=True),
                Field("released", "date", "Release date.", required=True),
                Field("channels", "channels", "Where it is published.", default="[pip]"),
                Field("phase", "sdk-phase", _PHASE),
            ),
        ),
        Shape(
            "sdk-eos",
            "The end of support of the SDK releases a specifier matches.",
            (
                Field("versions", "specifier", "PEP 440 specifier over SDK versions.", required=True),
                Field("announced", "date", "When the end of support was announced.", required=True),
                Field("effective", "date", "When support ends.", required=True),
                Field("announcement", "label", _LABEL),
            ),
        ),
        Shape(
            "dependency",
            "dependencies/<id>.yaml: one dependency and its versions.",
            (
                Field("title", "text", "Display name.", required=True),
                Field("category", "text", "One of the categories of policy.yaml.", required=True),
                Field("versions", "list", "Versions of the dependency.", required=True, item="dependency-version"),
            ),
        ),
        Shape(
            "dependency-version",
            "A version of a dependency.",
            (
                Field("version", "text", "The version, any string, read as written.", required=True),
                Field(
                    "sdk", "specifier", "SDK releases that support it; bounds must be minor versions.", required=True
                ),
                Field("upstream_eol", "date", "The vendor's own end of life."),
                Field("maintenance", "mapping", "Maintenance phase.", item="maintenance"),
                Field("end_of_support", "mapping", "End of support.", item="dependency-eos"),
                Field("phase", "dependency-phase", _PHASE),
            ),
        ),
        Shape(
            "maintenance",
            "The start of a dependency version's maintenance phase.",
            (
                Field("announced", "date", "When maintenance was announced.", required=True),
                Field("effective", "effective", "When maintenance starts: a date or an SDK version.", required=True),
                Field("announcement", "label", _LABEL),
            ),
        ),
        Shape(
            "dependency-eos",
            "The end of support of a dependency version.",
            (
                Field("announced", "date", "When the end of support was announced."),
                Field(
                    "effective",
                    "effective",
                    "When support ends: a date or an SDK version.",
                    default="the first SDK release above `sdk`",
                ),
                Field("announcement", "label", _LABEL),
            ),
        ),
        Shape(
            "waivers",
            "waivers.yaml: accepted exceptions to rules.",
            (Field("waivers", "list", "The waivers.", required=True, item="waiver"),),
        ),
        Shape(
            "waiver",
            "An accepted exception.",
            (
                Field("rule", "text", "The rule id it waives.", required=True),
                Field("subject", "text", "What it applies to, e.g. `sdk 2.20.0` or `python 3.8`.", required=True),
                Field("reason", "text", "Why the exception is accepted.", required=True),
                Field("until", "date", "Optional expiry date."),
            ),
        ),
    )
}

#: The shape at the top of each kind of file.
FILE_SHAPES = {"policy": "policy", "sdk": "sdk", "dependency": "dependency", "waivers": "waivers"}


def _kind_schema(f: Field) -> dict[str, Any]:
    string: dict[str, Any] = {"type": "string"}
    match f.kind:
        case "text" | "label":
            return {**string, "minLength": 1}
        case "int":
            return {"type": "integer", "minimum": 0}
        case "date":
            return {**string, "pattern": DATE_PATTERN}
        case "sdk-version":
            return {**string, "pattern": SDK_VERSION}
        case "sdk-version-or-null":
            return {"type": ["string", "null"], "pattern": SDK_VERSION}
        case "specifier":
            return {**string, "minLength": 1}
        case "effective":
            return {**string, "pattern": EFFECTIVE_PATTERN}
        case "sdk-phase":
            return {"enum": list(SDK_PHASES)}
        case "dependency-phase":
            return {"enum": list(DEPENDENCY_PHASES)}
        case "channels":
            return {"type": "array", "items": {"enum": list(CHANNELS)}, "uniqueItems": True}
        case "categories":
            return {"type": "array", "items": {"type": "string", "pattern": DEPENDENCY_ID}}
        case "mapping":
            return {"$ref": f"#/$defs/{f.item}"}
        case "list":
            return {"type": "array", "items": {"$ref": f"#/$defs/{f.item}"}}
    raise AssertionError(f.kind)  # pragma: no cover


def _shape_schema(shape: Shape) -> dict[str, Any]:
    properties = {}
    for f in shape.fields:
        prop = {"description": f.doc, **_kind_schema(f)}
        if f.default is not None:
            prop["description"] += f" Default: {f.default}."
        properties[f.name] = prop
    schema: dict[str, Any] = {
        "type": "object",
        "description": shape.doc,
        "properties": properties,
        "additionalProperties": False,
    }
    required = [f.name for f in shape.fields if f.required]
    if required:
        schema["required"] = required
    return schema


def json_schema(kind: str | None = None) -> dict[str, Any]:
    """JSON Schema for one kind of file (``policy``, ``sdk``, ``dependency``, ``waivers``) or any."""
    defs = {name: _shape_schema(shape) for name, shape in sorted(SHAPES.items())}
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:neuron-policy:{kind or 'data'}",
        "title": f"neuron-policy {kind or 'data'} file",
        "$defs": defs,
    }
    if kind is None:
        schema["anyOf"] = [{"$ref": f"#/$defs/{FILE_SHAPES[k]}"} for k in sorted(FILE_SHAPES)]
    else:
        schema["$ref"] = f"#/$defs/{FILE_SHAPES[kind]}"
    return schema
