"""Reference tables for these docs, generated from the package itself so they cannot drift.

* ``.. data-format:: <shape>`` renders one mapping of the data format from
  ``neuron_policy.core.SHAPES`` (the declaration the loader reads every file by).
* ``.. config-values::`` renders ``neuron_policy.sphinx.config.CONFIG_VALUES``.
* ``.. cli-command:: <command>`` renders one sub-command of ``neuron_policy.cli.get_parser()``.
* ``.. export-schema::`` renders every object of the shipped JSON Schema of the lifecycle
  export (``neuron_policy.core.export_schema()``), one table of fields each.
* ``.. policy-example::`` shows its reST content as source, then renders it.

Each directive builds docutils nodes directly. When the build ends, a warning names every
shape, configuration value or CLI command that no page rendered, so a new key in the package
fails the ``-W`` build of these docs until it is documented.
"""

from __future__ import annotations

import argparse
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from neuron_policy.cli import get_parser
from neuron_policy.core import KINDS, SHAPES, Field, default_words, export_schema
from neuron_policy.sphinx import CONFIG_VALUES, DIRECTIVES, ROLES

logger = logging.getLogger(__name__)

def _para(*parts: str | nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph()
    for part in parts:
        para += nodes.Text(part) if isinstance(part, str) else part
    return para


def _table(headers: list[str], rows: list[list[str | nodes.Node]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["policy-reference", "colwidths-given"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    body = nodes.tbody()
    group += body
    for target, cells in [(head, headers), *((body, row) for row in rows)]:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += _para(cell)
            row += entry
        target += row
    return table


def _documented(env: Any) -> dict[str, set[str]]:
    if not hasattr(env, "policy_reference_documented"):
        env.policy_reference_documented = {}
    found: dict[str, set[str]] = env.policy_reference_documented
    return found


class _Reference(SphinxDirective):
    kind: ClassVar[str]

    def note(self, name: str) -> None:
        _documented(self.env).setdefault(self.env.docname, set()).add(f"{self.kind}:{name}")


class DataFormat(_Reference):
    """One mapping of the data format: key, type, required or default, meaning."""

    kind = "shape"
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        shape = SHAPES.get(name)
        if shape is None:
            raise self.error(f"unknown shape {name!r}; known: {', '.join(SHAPES)}")
        self.note(name)
        rows: list[list[str | nodes.Node]] = []
        for field in shape.fields:
            rows.append([nodes.literal("", field.name), self._kind(field), self._presence(field), field.doc])
        intro = _para(shape.doc)
        return [intro, _table(["Key", "Value", "Required / default", "Meaning"], rows, [18, 30, 22, 40])]

    def _kind(self, field: Field) -> str:
        """The value's form in words, from the kind's own description in the package."""
        if field.kind == "mapping":
            return f"{field.item} mapping (below)"
        key = "id" if field.key == "id" else KINDS[field.key].expected.split(" ", 1)[1]
        if field.kind == "map" and field.item in SHAPES:
            return f"mapping of {key} -> {field.item} mapping (below)"
        if field.kind == "map" and field.item is not None:
            return f"mapping of {key} -> {KINDS[field.item].words}"
        if field.kind == "range":
            return "a specifier, or a list of specifiers and range-part mappings (below)"
        if field.kind == "list" and field.item in SHAPES:
            return f"list of {field.item} mappings (below)"
        if field.kind == "list" and field.item is not None:
            return f"list, each a {KINDS[field.item].words}" + (", each once" if field.unique else "")
        return KINDS[field.kind].words + (", or null" if field.nullable else "")

    def _presence(self, field: Field) -> str:
        if field.required:
            return "required"
        default = default_words(field)
        return f"default: {default}" if default is not None else "optional"


class ConfigValues(_Reference):
    """Every ``neuron_policy_*`` configuration value: name, default, types, meaning."""

    kind = "config"

    def run(self) -> list[nodes.Node]:
        rows: list[list[str | nodes.Node]] = []
        for value in CONFIG_VALUES:
            self.note(value.name)
            types = " or ".join(sorted("None" if t is type(None) else t.__name__ for t in value.types))
            target = nodes.target("", "", ids=[f"confval-{value.name}"])
            name = nodes.literal("", value.name)
            cell = nodes.inline("", "", target, name)
            rows.append([cell, types, nodes.literal("", repr(value.default)), value.doc])
        return [_table(["Name", "Type", "Default", "Meaning"], rows, [26, 12, 14, 48])]


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _wide(prog: str) -> argparse.HelpFormatter:
    return argparse.HelpFormatter(prog, width=100)


class CliCommand(_Reference):
    """One CLI sub-command: its usage line, then one row per argument."""

    kind = "cli"
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        command = _subcommands(get_parser()).get(name)
        if command is None:
            raise self.error(f"unknown command {name!r}")
        self.note(name)
        command.formatter_class = _wide
        usage = command.format_usage().strip()
        rows: list[list[str | nodes.Node]] = []
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if action.option_strings:
                spelled = ", ".join(action.option_strings)
                if action.nargs != 0:
                    metavar = action.metavar or (
                        "{" + ",".join(action.choices) + "}" if action.choices else action.dest.upper()
                    )
                    spelled += f" {metavar}"
            else:
                spelled = str(action.metavar or action.dest)
            default = "" if action.default in (None, [], argparse.SUPPRESS) else repr(action.default)
            rows.append([nodes.literal("", spelled), default or "\u2014", action.help or ""])
        block = nodes.literal_block(usage, usage, language="text")
        return [block, _table(["Argument", "Default", "Meaning"], rows, [26, 16, 58])]


def _json_type(prop: dict[str, Any]) -> str:
    """A schema property's type in words: ``string``, ``date or null``, ``list of period``."""
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "const" in prop:
        return f"always {prop['const']!r}"
    if "enum" in prop:
        return "one of " + ", ".join("null" if v is None else str(v) for v in prop["enum"])
    if "anyOf" in prop:
        return " or ".join(_json_type(option) for option in prop["anyOf"])
    kind = prop.get("type", "object")
    if kind == "array":
        return f"list of {_json_type(prop.get('items', {}))}"
    return " or ".join(kind) if isinstance(kind, list) else str(kind)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


class ExportSchema(_Reference):
    """The lifecycle export's JSON Schema: the top-level object, then each definition."""

    kind = "schema"

    def run(self) -> list[nodes.Node]:
        schema = export_schema()
        out: list[nodes.Node] = []
        objects = [("document", schema), *sorted(schema["$defs"].items())]
        for name, definition in objects:
            self.note(name)
            section = nodes.rubric("", name)
            section["ids"].append(f"export-schema-{name}")
            out.append(section)
            out.append(_para(definition.get("description", "")))
            properties = definition.get("properties")
            if not properties:
                out.append(_para(f"Value: {_json_type(definition)}."))
                continue
            required = set(definition.get("required", []))
            rows: list[list[str | nodes.Node]] = [
                [nodes.literal("", key), _json_type(prop), prop.get("description", ""), _yes(key in required)]
                for key, prop in properties.items()
            ]
            out.append(_table(["Field", "Type", "Meaning", "Always there"], rows, [22, 24, 46, 8]))
        return out


class PolicyExample(SphinxDirective):
    """Show reST source, then what it renders: the source shown is the source built."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        source = "\n".join(self.content)
        block = nodes.literal_block(source, source, language="rst", classes=["policy-example-source"])
        self.set_source_info(block)
        result = nodes.container(classes=["policy-example-result"])
        self.state.nested_parse(self.content, self.content_offset, result)
        out: list[nodes.Node] = []
        if "caption" in self.options:
            out.append(nodes.rubric("", self.options["caption"]))
        return [*out, block, result]


def _purge(app: Sphinx, env: Any, docname: str) -> None:
    _documented(env).pop(docname, None)


def _merge(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    for docname, names in _documented(other).items():
        if docname in docnames:
            _documented(env)[docname] = names


def _sections(env: Any) -> dict[str, str]:
    """The text of every section of the docs, by its ids."""
    found: dict[str, str] = {}
    for docname in sorted(env.found_docs):
        try:
            doctree = env.get_doctree(docname)
        except (OSError, KeyError):  # a page that was not read (excluded) has none
            continue
        for section in doctree.findall(nodes.section):
            for section_id in section["ids"]:
                found[section_id] = section.astext()
    return found


def _undocumented_directives(env: Any) -> list[str]:
    """Each directive or role of the extension without a section of its name, and each option
    of a directive that neither its section nor the common behaviour of directives mentions."""
    sections = _sections(env)
    common = sections.get("common-behaviour", "")
    missing = [f"role:{name}" for name in ROLES if name not in sections]
    for name, directive in DIRECTIVES.items():
        if name not in sections:
            missing.append(f"directive:{name}")
            continue
        known = getattr(directive.option_spec, "known", directive.option_spec or ())
        missing += [
            f"option:{name}:{option}"
            for option in known
            if f":{option}:" not in sections[name] and f":{option}:" not in common
        ]
    return missing


def _check_complete(app: Sphinx, env: Any) -> None:
    for missing in _undocumented_directives(env):
        logger.warning("policy_reference: %s is not documented on any page", missing)
    shown = set().union(*_documented(env).values()) if _documented(env) else set()
    wanted = {f"shape:{s}" for s in SHAPES} | {f"config:{c.name}" for c in CONFIG_VALUES}
    wanted |= {f"cli:{c}" for c in _subcommands(get_parser())}
    wanted |= {"schema:document"} | {f"schema:{d}" for d in export_schema()["$defs"]}
    for missing in sorted(wanted - shown):
        logger.warning("policy_reference: %s is not documented on any page", missing)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("data-format", DataFormat)
    app.add_directive("config-values", ConfigValues)
    app.add_directive("cli-command", CliCommand)
    app.add_directive("export-schema", ExportSchema)
    app.add_directive("policy-example", PolicyExample)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-check-consistency", _check_complete)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
