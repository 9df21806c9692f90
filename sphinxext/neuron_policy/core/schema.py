"""The data format, declared once.

Each kind of value pairs the converter the loader reads it with and the JSON Schema fragment that
``neuron-policy schema`` publishes, both built from the same patterns and bounds in
:mod:`.values`; each shape lists its keys with their kind, whether they are required, and their
default. The loader reads every file by these shapes, so the two cannot disagree on a key, a
bound or a choice. (JSON Schema cannot say everything: it does not know the calendar, nor the
categories a ``policy.yaml`` declares; the converter checks those too.)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .phases import DEPENDENCY_PHASES, PHASES, SDK_PHASES
from .registry import RuleId
from .subjects import SUBJECT, parse_subject_text
from .values import (
    DATE,
    DEPENDENCY_ID,
    MAX_MONTHS,
    MINOR_OR_PATCH,
    NON_BLANK,
    PACKAGE_NAME,
    SDK_VERSION,
    SPECIFIER,
    choice,
    parse_date,
    parse_effective,
    parse_months,
    parse_sdk_version,
    parse_spec,
    parse_text,
    pattern,
)

CHANNELS = ("conda", "pip", "rpm", "deb")
#: How a part of a support range after a gap came about.
RETURNS = ("real", "waived")
#: What an announcement says, with how text names it.
POST_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "intent": "intent",
        "maintenance": "maintenance",
        "no-longer-supported": "no longer supported",
        "correction": "correction",
        "deprecation": "deprecation",
        "other": "other",
    }
)
#: Which part of a manifest package's version is the version of the dependency it carries.
VERSION_PARTS = ("major.minor", "major", "major.minor.patch")
#: Whether a list of versions names every version (a missing one was not shipped) or only some.
COMPLETENESS = ("complete", "partial")


def _anchored(regex: str) -> str:
    return f"^(?:{regex})$"


@dataclass(frozen=True, kw_only=True)
class ValueKind:
    """A kind of scalar: how it is read, how JSON Schema states it, and how the docs describe it."""

    name: str
    #: Converter: the text as written to the value; ValueError with the reason.
    parse: Callable[[str], Any]
    #: JSON Schema of the value.
    json: Mapping[str, Any]
    #: What a wrong-type message says was expected ("a date").
    expected: str
    #: How the reference docs describe the form.
    words: str


def _string(regex: str, **extra: Any) -> Mapping[str, Any]:
    return MappingProxyType({"type": "string", "pattern": _anchored(regex), **extra})


def _enum(values: tuple[str, ...]) -> Mapping[str, Any]:
    return MappingProxyType({"enum": list(values)})


_KINDS = (
    ValueKind(
        name="text",
        parse=parse_text,
        json=MappingProxyType({"type": "string", "pattern": NON_BLANK}),
        expected="a string",
        words="string",
    ),
    ValueKind(
        name="label",
        parse=parse_text,
        json=MappingProxyType({"type": "string", "pattern": NON_BLANK}),
        expected="a label",
        words="reST label of the announcement page (std:ref)",
    ),
    ValueKind(
        name="months",
        parse=parse_months,
        json=MappingProxyType({"type": "integer", "minimum": 0, "maximum": MAX_MONTHS}),
        expected="a number",
        words=f"whole number of months, 0 to {MAX_MONTHS}",
    ),
    ValueKind(
        name="date",
        parse=parse_date,
        json=_string(DATE),
        expected="a date",
        words="date: YYYY-MM-DD, or YYYY-MM for a month",
    ),
    ValueKind(
        name="sdk-version",
        parse=parse_sdk_version,
        json=_string(SDK_VERSION),
        expected="a version",
        words="SDK version X.Y.Z",
    ),
    ValueKind(
        name="specifier",
        parse=parse_spec,
        json=_string(SPECIFIER),
        expected="a specifier",
        words='PEP 440 specifier over SDK versions, e.g. ">=2.3, <2.22": comma-separated clauses '
        "(==, !=, <, <=, >, >= or ~=) on plain release numbers; == and != may end in .*",
    ),
    ValueKind(
        name="effective",
        parse=parse_effective,
        json=_string(f"{DATE}|{MINOR_OR_PATCH}"),
        expected="a date or SDK version",
        words="a date, or an SDK version (that release's date)",
    ),
    ValueKind(
        name="sdk-phase",
        parse=choice(tuple(SDK_PHASES), "SDK phase"),
        json=_enum(tuple(SDK_PHASES)),
        expected="a phase id",
        words="one of " + ", ".join(SDK_PHASES),
    ),
    ValueKind(
        name="dependency-phase",
        parse=choice(tuple(DEPENDENCY_PHASES), "dependency phase"),
        json=_enum(tuple(DEPENDENCY_PHASES)),
        expected="a phase id",
        words="one of " + ", ".join(DEPENDENCY_PHASES),
    ),
    ValueKind(
        name="channel",
        parse=choice(CHANNELS, "channel"),
        json=_enum(CHANNELS),
        expected="a channel",
        words="one of " + ", ".join(CHANNELS),
    ),
    ValueKind(
        name="category-id",
        parse=pattern(DEPENDENCY_ID, "a category id ([a-z0-9-])"),
        json=_string(DEPENDENCY_ID),
        expected="a string",
        words="category id ([a-z0-9][a-z0-9-]*)",
    ),
    ValueKind(
        name="category",
        parse=pattern(DEPENDENCY_ID, "a category id ([a-z0-9-])"),
        json=_string(DEPENDENCY_ID),
        expected="a category",
        words="one of the categories of policy.yaml",
    ),
    ValueKind(
        name="id",
        parse=pattern(DEPENDENCY_ID, "an id ([a-z0-9][a-z0-9-]*)"),
        json=_string(DEPENDENCY_ID),
        expected="an id",
        words="an id ([a-z0-9][a-z0-9-]*)",
    ),
    ValueKind(
        name="platform",
        parse=pattern(DEPENDENCY_ID, "a platform id ([a-z0-9-])"),
        json=_string(DEPENDENCY_ID),
        expected="a platform id",
        words="one of the platforms of policy.yaml",
    ),
    ValueKind(
        name="kind",
        parse=pattern(DEPENDENCY_ID, "a kind id ([a-z0-9-])"),
        json=_string(DEPENDENCY_ID),
        expected="a kind id",
        words="one of the kinds of policy.yaml (or dependency)",
    ),
    ValueKind(
        name="phase",
        parse=choice(tuple(PHASES), "phase"),
        json=_enum(tuple(PHASES)),
        expected="a phase id",
        words="one of " + ", ".join(PHASES),
    ),
    ValueKind(
        name="return",
        parse=choice(RETURNS, "return"),
        json=_enum(RETURNS),
        expected="real or waived",
        words="real (support came back) or waived (the releases shipped it without support)",
    ),
    ValueKind(
        name="post-kind",
        parse=choice(tuple(POST_KINDS), "announcement kind"),
        json=_enum(tuple(POST_KINDS)),
        expected="an announcement kind",
        words="one of " + ", ".join(POST_KINDS),
    ),
    ValueKind(
        name="rule",
        parse=choice(tuple(r.value for r in RuleId), "rule"),
        json=_enum(tuple(r.value for r in RuleId)),
        expected="a rule id",
        words="a rule id (see the rules reference)",
    ),
    ValueKind(
        name="dependency-id",
        parse=pattern(DEPENDENCY_ID, "a dependency id ([a-z0-9][a-z0-9-]*)"),
        json=_string(DEPENDENCY_ID),
        expected="a dependency id",
        words="the id of a dependency (its file dependencies/<id>.yaml)",
    ),
    ValueKind(
        name="instance",
        parse=parse_text,
        json=MappingProxyType({"type": "string", "pattern": NON_BLANK}),
        expected="an instance name",
        words="an instance name as the manifests write it, typos included (e.g. trn1, inf.)",
    ),
    ValueKind(
        name="package",
        parse=pattern(PACKAGE_NAME, "a package name"),
        json=_string(PACKAGE_NAME),
        expected="a package name",
        words="a package name as the manifests write it (e.g. torch-neuronx, mx_neuron)",
    ),
    ValueKind(
        name="version-part",
        parse=choice(VERSION_PARTS, "version part"),
        json=_enum(VERSION_PARTS),
        expected="a version part",
        words="one of " + ", ".join(VERSION_PARTS) + " (the leading numbers of the package version)",
    ),
    ValueKind(
        name="completeness",
        parse=choice(COMPLETENESS, "completeness"),
        json=_enum(COMPLETENESS),
        expected="complete or partial",
        words="complete (a version it does not name was not shipped) or partial (it names only some)",
    ),
    ValueKind(
        name="subject",
        parse=parse_subject_text,
        json=_string(SUBJECT),
        expected="a subject",
        words="a subject, e.g. `sdk 2.20.0`, `sdk <2.20` or `python 3.8`",
    ),
)

#: Every kind of scalar by name; read-only.
KINDS: Mapping[str, ValueKind] = MappingProxyType({kind.name: kind for kind in _KINDS})


@dataclass(frozen=True, kw_only=True)
class Field:
    """One key of a mapping.

    ``kind`` is a scalar kind of :data:`KINDS`; ``"mapping"`` (``item`` names the nested shape);
    ``"list"`` (``item`` names the shape, or the scalar kind, of its items); ``"map"``, a mapping
    from ids of your choosing to values (``item`` names their shape or scalar kind); or
    ``"range"``, a support range: a specifier, or a list of specifiers and ``range-part`` mappings.
    """

    name: str
    kind: str
    doc: str
    required: bool = False
    item: str | None = None
    #: The scalar kind of a ``"map"``'s keys.
    key: str = "id"
    #: A list's items must be distinct.
    unique: bool = False
    #: The value used when the key is absent, as written in YAML (a string, or a tuple for a list).
    default: str | tuple[str, ...] | None = None
    #: The default in words, when it is derived rather than written.
    default_doc: str | None = None
    #: Null (``~``) is a value of its own, not "absent" (``conda_last_version: null``).
    nullable: bool = False


@dataclass(frozen=True, kw_only=True)
class Shape:
    """A mapping in a data file."""

    name: str
    doc: str
    #: How messages name a mapping of this shape ("a release").
    what: str
    fields: tuple[Field, ...]
    #: Groups of keys of which at least one must be given (``announced`` or ``announcements``).
    one_of: tuple[tuple[str, ...], ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


_PHASE = "Expected phase, only checked against the computed one (rule phase-mismatch)."
_LABEL = "A reST label (std:ref) of the page that explains the announcement."
_PLATFORMS = "The platforms it applies to (ids of policy.yaml platforms)."
_USE = "The stated use it applies to, e.g. inference; omitted: every use."
_POSTS = "The dated announcements, oldest first (instead of announced and announcement)."


def _scope() -> tuple[Field, ...]:
    """The keys every milestone has besides its dates: scope and announcements."""
    return (
        Field(
            name="platforms", kind="list", item="platform", unique=True, doc=_PLATFORMS, default_doc="every platform"
        ),
        Field(name="use", kind="text", doc=_USE),
        Field(name="announcements", kind="list", item="post", doc=_POSTS),
    )


_DATA_SHAPES = (
    Shape(
        name="policy",
        doc="policy.yaml: the policy parameters.",
        what="policy.yaml",
        fields=(
            Field(name="sdk", kind="text", doc="Product name used in generated text.", default="SDK"),
            Field(
                name="min_support_months",
                kind="months",
                doc="Rule min-support: months an SDK version is supported.",
                default="12",
            ),
            Field(
                name="eos_notice_months",
                kind="months",
                doc="Rule eos-notice: months of notice before an SDK EOS.",
                default="3",
            ),
            Field(
                name="conda_last_version",
                kind="sdk-version",
                doc="Rule conda-channel: last SDK version published to conda; null disables the rule.",
                default="1.13.0",
                nullable=True,
            ),
            Field(
                name="categories",
                kind="list",
                item="category-id",
                doc="Allowed dependency categories.",
                default=("operating-system", "language-runtime", "library", "framework"),
            ),
            Field(
                name="platforms",
                kind="map",
                item="text",
                doc="Platforms support can differ by: platform id -> display name, in display order.",
                default_doc="none (support is the same everywhere)",
            ),
            Field(
                name="kinds",
                kind="map",
                item="kind",
                doc="Kinds of software and their policy: kind id -> phases and rule parameters. The kind "
                "dependency is that of dependencies/<id>.yaml.",
                default_doc="dependency with the seed policy's phases",
            ),
        ),
    ),
    Shape(
        name="kind",
        doc="A kind of software, its phases and the parameters of the rules about it.",
        what="a kind",
        fields=(
            Field(name="title", kind="text", doc="Display name, e.g. Neuron component.", required=True),
            Field(
                name="phases",
                kind="list",
                item="phase",
                unique=True,
                required=True,
                doc="The phases that apply to it, in lifecycle order (rule phase-not-applicable).",
            ),
            Field(
                name="notice_months",
                kind="months",
                doc="Rule notice: months between an announcement and the maintenance or end of support.",
                default_doc="no such rule",
            ),
            Field(
                name="overlap_months",
                kind="months",
                doc="Rule overlap: months an older framework version's component keeps regular updates after "
                "the one for a newer version is supported.",
                default_doc="no such rule",
            ),
        ),
    ),
    Shape(
        name="sdk",
        doc="sdk.yaml: SDK releases and their end of support.",
        what="sdk.yaml",
        fields=(
            Field(name="releases", kind="list", doc="SDK releases.", required=True, item="release"),
            Field(
                name="end_of_support", kind="list", doc="End-of-support decisions over SDK versions.", item="sdk-eos"
            ),
        ),
    ),
    Shape(
        name="release",
        doc="An SDK release.",
        what="a release",
        fields=(
            Field(name="version", kind="sdk-version", doc="The version, X.Y.Z.", required=True),
            Field(name="released", kind="date", doc="Release date.", required=True),
            Field(
                name="channels",
                kind="list",
                item="channel",
                unique=True,
                doc="Where it is published.",
                default=("pip",),
            ),
            Field(name="phase", kind="sdk-phase", doc=_PHASE),
        ),
    ),
    Shape(
        name="sdk-eos",
        doc="The end of support of the SDK releases a specifier matches.",
        what="an end_of_support entry",
        fields=(
            Field(name="versions", kind="specifier", doc="PEP 440 specifier over SDK versions.", required=True),
            Field(name="announced", kind="date", doc="When the end of support was announced.", required=True),
            Field(name="effective", kind="date", doc="When support ends.", required=True),
            Field(name="announcement", kind="label", doc=_LABEL),
        ),
    ),
    Shape(
        name="dependency",
        doc="dependencies/<id>.yaml: one dependency and its versions.",
        what="dependencies/{id}.yaml",
        fields=(
            Field(name="title", kind="text", doc="Display name.", required=True),
            Field(name="category", kind="category", doc="One of the categories of policy.yaml.", required=True),
            Field(
                name="kind",
                kind="kind",
                doc="Its kind of software, one of the kinds of policy.yaml.",
                default="dependency",
            ),
            Field(
                name="versions",
                kind="list",
                doc="Versions of the dependency.",
                required=True,
                item="dependency-version",
            ),
        ),
    ),
    Shape(
        name="dependency-version",
        doc="A version of a dependency.",
        what="a {id} version",
        fields=(
            Field(name="version", kind="text", doc="The version, any string, read as written.", required=True),
            Field(
                name="sdk",
                kind="range",
                doc="SDK releases that support it; bounds must be minor versions. A list of parts when support "
                "differs by platform or has a gap.",
                required=True,
            ),
            Field(name="upstream_eol", kind="date", doc="The vendor's own end of life."),
            Field(name="maintenance", kind="mapping", doc="Maintenance phase.", item="maintenance"),
            Field(name="end_of_support", kind="mapping", doc="End of support.", item="dependency-eos"),
            Field(name="phase", kind="dependency-phase", doc=_PHASE),
        ),
    ),
    Shape(
        name="range-part",
        doc="A part of a support range: the releases it covers, on which platforms, and for a part after a gap, "
        "whether support came back.",
        what="a range part",
        fields=(
            Field(name="range", kind="specifier", doc="PEP 440 specifier over SDK versions.", required=True),
            Field(
                name="platforms",
                kind="list",
                item="platform",
                unique=True,
                doc="The platforms it is for.",
                default_doc="every platform no other part names",
            ),
            Field(
                name="return",
                kind="return",
                doc="After a gap: real (support came back) or waived (the releases shipped it without support).",
            ),
            Field(name="reason", kind="text", doc="Why (for a return after a gap)."),
        ),
    ),
    Shape(
        name="maintenance",
        doc="The start of a dependency version's maintenance phase.",
        what="maintenance",
        fields=(
            Field(name="announced", kind="date", doc="When maintenance was announced."),
            Field(
                name="effective",
                kind="effective",
                doc="When maintenance starts: a date or an SDK version.",
                required=True,
            ),
            Field(name="announcement", kind="label", doc=_LABEL),
            *_scope(),
        ),
        one_of=(("announced", "announcements"),),
    ),
    Shape(
        name="dependency-eos",
        doc="The end of support of a dependency version.",
        what="end_of_support",
        fields=(
            Field(name="announced", kind="date", doc="When the end of support was announced."),
            Field(
                name="effective",
                kind="effective",
                doc="When support ends: a date or an SDK version.",
                default_doc="the first SDK release above `sdk`",
            ),
            Field(name="announcement", kind="label", doc=_LABEL),
            *_scope(),
        ),
    ),
    Shape(
        name="post",
        doc="One dated announcement of a milestone.",
        what="an announcement",
        fields=(
            Field(name="date", kind="date", doc="When it was published.", required=True),
            Field(name="kind", kind="post-kind", doc="What it says.", default_doc="not stated"),
            Field(name="label", kind="label", doc=_LABEL),
            Field(name="title", kind="text", doc="Its title."),
        ),
    ),
    Shape(
        name="software",
        doc="software/<id>.yaml: a Neuron software item that is not a dependency version: a component, a "
        "feature, an API, a DLAMI or a DLC.",
        what="software/{id}.yaml",
        fields=(
            Field(name="title", kind="text", doc="Display name.", required=True),
            Field(name="kind", kind="kind", doc="One of the kinds of policy.yaml.", required=True),
            Field(name="sdk", kind="range", doc="The SDK releases that ship it."),
            Field(
                name="platforms",
                kind="list",
                item="platform",
                unique=True,
                doc="Where it exists.",
                default_doc="every platform",
            ),
            Field(name="beta", kind="mapping", item="milestone", doc="When its Beta (Developer Preview) started."),
            Field(name="rc", kind="mapping", item="milestone", doc="When its release candidate came."),
            Field(name="supported", kind="mapping", item="milestone", doc="When it became generally available."),
            Field(name="maintenance", kind="mapping", item="milestone", doc="When its maintenance starts."),
            Field(name="end_of_support", kind="mapping", item="milestone", doc="When its support ends."),
        ),
    ),
    Shape(
        name="milestone",
        doc="The start of a phase of a software item.",
        what="a milestone",
        fields=(
            Field(
                name="effective", kind="effective", doc="When it takes effect: a date or an SDK version.", required=True
            ),
            Field(name="announced", kind="date", doc="When it was announced."),
            Field(name="announcement", kind="label", doc=_LABEL),
            *_scope(),
        ),
    ),
    Shape(
        name="waivers",
        doc="waivers.yaml: accepted exceptions to rules.",
        what="waivers.yaml",
        fields=(Field(name="waivers", kind="list", doc="The waivers.", required=True, item="waiver"),),
    ),
    Shape(
        name="waiver",
        doc="An accepted exception.",
        what="a waiver",
        fields=(
            Field(name="rule", kind="rule", doc="The rule id it waives.", required=True),
            Field(
                name="subject",
                kind="subject",
                doc="What it applies to, e.g. `sdk 2.20.0`, `python 3.8` or `nxd-inference`.",
                required=True,
            ),
            Field(name="reason", kind="text", doc="Why the exception is accepted.", required=True),
            Field(name="until", kind="date", doc="Optional expiry date."),
            Field(
                name="platforms",
                kind="list",
                item="platform",
                unique=True,
                doc="The platforms it waives the rule on.",
                default_doc="every platform",
            ),
        ),
    ),
)

_MANIFEST_PLATFORMS = "The platforms its entries count for, of those its instances map to."

_MANIFEST_SHAPES = (
    Shape(
        name="manifest",
        doc="manifest.yaml: how to read the Neuron release manifests (n2-manifest.json and the legacy "
        "neuron-releases-manifest.json) that neuron-policy check --manifest compares the data with.",
        what="manifest.yaml",
        fields=(
            Field(
                name="instances",
                kind="map",
                key="instance",
                item="platform",
                required=True,
                doc="Instance name of the manifests (supported_instances, instance_support) -> platform id. "
                "Name every spelling the manifests use, typos included: any other is reported.",
            ),
            Field(
                name="platforms",
                kind="list",
                item="platform",
                unique=True,
                doc="The platforms a package not listed under packages counts for.",
                default_doc="every platform of policy.yaml",
            ),
            Field(
                name="packages",
                kind="map",
                key="package",
                item="manifest-package",
                doc="Packages by name: the dependency whose version each carries, and where it counts.",
                default_doc="none",
            ),
            Field(
                name="python",
                kind="mapping",
                item="manifest-python",
                doc="The dependency whose versions the manifests' Python version lists name.",
                default_doc="Python versions are not compared",
            ),
        ),
    ),
    Shape(
        name="manifest-package",
        doc="A package of the manifests: the dependency version its own version carries "
        "(torch-neuronx 2.9.0.2.15.32035 carries PyTorch 2.9) and the platforms it counts for.",
        what="a package",
        fields=(
            Field(
                name="dependency",
                kind="dependency-id",
                doc="The dependency its version carries.",
                default_doc="none: only its Python versions and platforms count",
            ),
            Field(
                name="version",
                kind="version-part",
                doc="Which leading numbers of the package version are the dependency version.",
                default="major.minor",
            ),
            Field(
                name="platforms",
                kind="list",
                item="platform",
                unique=True,
                doc=_MANIFEST_PLATFORMS,
                default_doc="the platforms of manifest.yaml",
            ),
        ),
    ),
    Shape(
        name="manifest-python",
        doc="The Python versions every package lists (supported_python_versions; python_ver in the legacy manifest).",
        what="python",
        fields=(
            Field(
                name="dependency",
                kind="dependency-id",
                required=True,
                doc="The dependency they are versions of: python.",
            ),
            Field(
                name="legacy",
                kind="completeness",
                doc="Whether python_ver of a legacy manifest names every Python version of a release (complete) or "
                "only some (partial: a version it does not name is not reported as not shipped).",
                default="complete",
            ),
        ),
    ),
)

_SHAPES: tuple[Shape, ...] = (*_DATA_SHAPES, *_MANIFEST_SHAPES)

#: Every shape by name; read-only.
SHAPES: Mapping[str, Shape] = MappingProxyType({shape.name: shape for shape in _SHAPES})
#: The shape at the top of each kind of file.
FILE_SHAPES: Mapping[str, str] = MappingProxyType(
    {
        "policy": "policy",
        "sdk": "sdk",
        "dependency": "dependency",
        "software": "software",
        "waivers": "waivers",
        "manifest": "manifest",
    }
)


def _item_schema(item: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{item}"} if item in SHAPES else dict(KINDS[item].json)


def _field_schema(f: Field) -> dict[str, Any]:
    if f.kind == "mapping":
        return {"$ref": f"#/$defs/{f.item}"}
    if f.kind == "map":
        assert f.item is not None
        return {
            "type": "object",
            "propertyNames": dict(KINDS[f.key].json),
            "additionalProperties": _item_schema(f.item),
        }
    if f.kind == "range":
        spec = dict(KINDS["specifier"].json)
        parts = {"type": "array", "minItems": 1, "items": {"anyOf": [spec, {"$ref": "#/$defs/range-part"}]}}
        return {"anyOf": [spec, parts]}
    if f.kind == "list":
        assert f.item is not None
        schema: dict[str, Any] = {"type": "array", "items": _item_schema(f.item)}
        if f.unique:
            schema["uniqueItems"] = True
        return schema
    schema = dict(KINDS[f.kind].json)
    if f.nullable:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return schema


def default_words(f: Field) -> str | None:
    """A field's default as the docs state it, or None."""
    if f.default_doc is not None:
        return f.default_doc
    if isinstance(f.default, tuple):
        return "[" + ", ".join(f.default) + "]"
    return f.default


def _shape_schema(shape: Shape) -> dict[str, Any]:
    properties = {}
    for f in shape.fields:
        prop = {"description": f.doc, **_field_schema(f)}
        default = default_words(f)
        if default is not None:
            prop["description"] += f" Default: {default}."
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
    if shape.one_of:
        schema["allOf"] = [{"anyOf": [{"required": [name]} for name in group]} for group in shape.one_of]
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


__all__ = [
    "CHANNELS",
    "COMPLETENESS",
    "FILE_SHAPES",
    "KINDS",
    "SHAPES",
    "VERSION_PARTS",
    "Field",
    "Shape",
    "ValueKind",
    "default_words",
    "json_schema",
]
