"""``neuron-policy``: check the data (against release manifests too), show a subject's status,
propose ranges from a release manifest, export the lifecycle, print the JSON Schema.

It runs the same loader and rule engine as the Sphinx build. Exit status: 0 no errors, 1 errors,
2 usage error or unreadable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import _conf_py, _export_cli
from ._version import __version__
from .core import (
    FILE_SHAPES,
    PHASE_LABELS,
    RuleId,
    Severity,
    SubjectError,
    SubjectStatus,
    UnreadableInput,
    check,
    default_as_of,
    format_github,
    format_json,
    format_text,
    json_schema,
    load,
    parse_day,
    parse_severity_overrides,
    parse_subject,
    printable,
    propose,
    read_manifest,
    status,
)

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def format_status_json(value: object) -> str:
    """JSON of status objects, every string shown printable (valid UTF-8, no control characters)."""

    def clean(item: object) -> object:
        if isinstance(item, str):
            return printable(item)
        if isinstance(item, dict):
            return {clean(k): clean(v) for k, v in item.items()}
        if isinstance(item, list):
            return [clean(v) for v in item]
        return item

    return json.dumps(clean(value), indent=2, sort_keys=True, ensure_ascii=False)


def _directory(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a directory, got an empty string")
    return text


def _severity(text: str) -> tuple[str, str]:
    rule, sep, level = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected RULE=LEVEL, got {text!r}")
    return rule.strip(), level.strip()


def get_parser() -> argparse.ArgumentParser:
    """The argument parser (separate so that docs can render it)."""
    parser = argparse.ArgumentParser(
        prog="neuron-policy",
        description="Check SDK maintenance-policy data and show lifecycle phases.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    today_help = "as-of date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today in UTC)"
    run = commands.add_parser("check", help="load the data, run every rule, report findings")
    run.add_argument(
        "data_dir",
        nargs="?",
        type=_directory,
        metavar="DATA_DIR",
        help="the data directory (default: neuron_policy_data of --conf, else policy_data)",
    )
    run.add_argument("--today", type=_date, help=today_help + "; or neuron_policy_today of --conf")
    run.add_argument(
        "--conf",
        type=Path,
        metavar="CONF_PY",
        help="a Sphinx conf.py whose neuron_policy_* values and suppress_warnings to apply, so the "
        "verdict is the docs build's (read, not run: the values must be literals)",
    )
    run.add_argument(
        "-W",
        "--fail-on-warning",
        action="store_true",
        help="exit 1 on warnings too, as sphinx-build -W does",
    )
    run.add_argument(
        "--severity",
        type=_severity,
        action="append",
        default=[],
        metavar="RULE=LEVEL",
        help="change a rule's severity: error, warning, info or off (repeatable)",
    )
    run.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (file:line:col messages), json, or GitHub Actions annotations",
    )
    run.add_argument(
        "--manifest",
        action="append",
        default=[],
        type=_directory,
        metavar="PATH",
        help="a Neuron release manifest (n2-manifest.json; repeatable, newest first, e.g. then the legacy "
        "neuron-releases-manifest.json) to compare the data with; default: neuron_policy_manifests of --conf",
    )

    status = commands.add_parser("status", help="the computed phase and dates of a subject")
    status.add_argument(
        "subject", metavar="SUBJECT", help="'sdk 2.19.0', '2.19.0', 'sdk <2.20', 'python 3.8' or 'python'"
    )
    status.add_argument("data_dir", nargs="?", default="policy_data", type=_directory, metavar="DATA_DIR")
    status.add_argument("--today", type=_date, help=today_help)
    status.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text, or json: an object (a list of them for a subject naming several) with subject, "
        "as_of, phase (mixed where platforms differ) and platforms",
    )

    _export_cli.add_parser(commands, _date, _directory, today_help)

    imports = commands.add_parser(
        "import-manifest",
        help="propose the sdk ranges a release manifest implies, as a unified diff of the data",
        description="Print, as a unified diff against the data directory (apply it there with patch -p1 or "
        "git apply), the sdk ranges of every dependency version the manifests contradict and the versions "
        "they ship that the data lacks. Nothing else is changed: comments, milestones and return: waived parts "
        "stay; release dates stay in sdk.yaml. Exit status: 0 nothing to propose, 1 a diff was printed, "
        "2 the manifest or the data cannot be read.",
    )
    imports.add_argument(
        "manifest", type=_directory, metavar="MANIFEST", help="the release manifest (n2-manifest.json)"
    )
    imports.add_argument("data_dir", nargs="?", default="policy_data", type=_directory, metavar="DATA_DIR")
    imports.add_argument(
        "--manifest",
        dest="more",
        action="append",
        default=[],
        type=_directory,
        metavar="PATH",
        help="another manifest, read after MANIFEST (the legacy neuron-releases-manifest.json); repeatable",
    )

    schema = commands.add_parser("schema", help="print the JSON Schema of the data files")
    schema.add_argument(
        "--file",
        choices=sorted(FILE_SHAPES),
        dest="kind",
        help="only the schema of this kind of file (default: any data file)",
    )
    return parser


def _settings(
    args: argparse.Namespace, err: TextIO
) -> tuple[str, dict[RuleId, Severity], str | None, list[str]] | None:
    """The data directory, severities, as-of date and manifests: the command line's, over conf.py's."""
    conf = _conf_py.ConfSettings(path=Path("conf.py"))
    if args.conf is not None:
        try:
            conf = _conf_py.read(args.conf)
        except _conf_py.ConfError as exc:
            print(f"neuron-policy: error: {printable(str(exc))}", file=err)
            return None
    overrides, problems = parse_severity_overrides(conf.severity)
    problems = [f"{conf.path}: neuron_policy_severity: {p}" for p in problems]
    given, more = parse_severity_overrides(dict(args.severity))
    problems += [f"--severity {p}" for p in more]
    for problem in problems:
        print(f"neuron-policy: error: {printable(problem)}", file=err)
    if problems:
        return None
    # As in the build, a rule whose warnings conf.py suppresses neither shows nor fails.
    for entry in conf.suppress:
        kind, _, rule = entry.partition(".")
        if kind == "neuron_policy":
            overrides.update({r: Severity.OFF for r in RuleId if not rule or r.value == rule})
    overrides.update(given)
    data_dir = args.data_dir
    if data_dir is None:
        data_dir = str(args.conf.parent / conf.data) if args.conf is not None else "policy_data"
    manifests = list(args.manifest)
    if not manifests and args.conf is not None:
        manifests = [str(args.conf.parent / path) for path in conf.manifests]
    return data_dir, overrides, conf.today, manifests


def _run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = _settings(args, err)
    if settings is None:
        return EXIT_USAGE
    data_dir, overrides, conf_today, manifests = settings
    today = args.today
    if today is None:
        try:
            today = default_as_of(conf_today)
        except ValueError as exc:  # a malformed SOURCE_DATE_EPOCH, or neuron_policy_today in conf.py
            print(f"neuron-policy: error: {printable(str(exc))}", file=err)
            return EXIT_USAGE
    report = check(data_dir, today, overrides, manifests)
    prefix = data_dir.rstrip("/") or "/"
    if args.format == "json":
        print(format_json(report.findings, prefix), file=out)
    elif args.format == "github":
        for f in report.findings:
            print(format_github(f, prefix), file=out)
    else:
        for f in report.findings:
            print(format_text(f, prefix), file=out)
        counts = {s: sum(1 for f in report.findings if f.severity is s) for s in Severity}
        summary = ", ".join(
            f"{counts[s]} {s.value}" + ("s" if counts[s] != 1 and s is not Severity.INFO else "")
            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        )
        print(f"{printable(prefix)}: {summary} (as of {report.as_of})", file=err)
    warnings = any(f.severity is Severity.WARNING for f in report.findings)
    return EXIT_ERRORS if report.errors or (args.fail_on_warning and warnings) else EXIT_OK


def _describe(item: SubjectStatus) -> str:
    label = PHASE_LABELS.get(item.phase, "Differs by platform")
    text = f"{label} ({item.phase})"
    if item.next_change:
        text += f"; becomes {item.next_change[1]} on {item.next_change[0]}"
    return text


def _status_lines(items: Sequence[SubjectStatus]) -> list[str]:
    """The text form: a line per subject, then its facts and, per platform, its phase."""
    lines: list[str] = []
    for item in items:
        lines.append(f"{item.name}: {_describe(item)}")
        lines += [f"  {what}: {value}" for what, value in item.facts]
        for platform, on in item.platforms.items():
            use = f" for {on.use}" if on.use else ""
            lines.append(
                f"  on {platform}: {PHASE_LABELS[on.phase]}{use} ({on.phase}); last SDK {on.last_sdk or 'none'}"
            )
    return lines


def _run_status(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        parse_subject(args.subject)
    except SubjectError as exc:
        print(f"neuron-policy: error: {printable(str(exc))}", file=err)
        return EXIT_USAGE
    report = check(args.data_dir, args.today)
    try:
        items = status(report, args.subject)
    except SubjectError as exc:
        print(f"neuron-policy: error: {printable(str(exc))}", file=err)
        return EXIT_USAGE
    if not items:
        print(f"neuron-policy: error: {printable(args.subject)!r} matches no SDK release in the data", file=err)
        return EXIT_USAGE
    if args.format == "json":
        found = [{"as_of": str(report.as_of), **item.as_json()} for item in items]
        # One object for a subject that names one thing; a list for one that names several (a
        # specifier, a whole dependency), whatever the data: the shape follows the question.
        query = parse_subject(args.subject)
        one = query.version is not None or report.lifecycle.data.software_item(query.name) is not None
        print(format_status_json(found[0] if one and len(found) == 1 else found), file=out)
    else:
        print(f"as of {report.as_of}", file=out)
        print("\n".join(printable(line) for line in _status_lines(items)), file=out)
    if report.errors:
        print(f"neuron-policy: the data has {report.errors} error(s); run 'neuron-policy check'", file=err)
        return EXIT_ERRORS
    return EXIT_OK


def _run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = propose(args.data_dir, load(args.data_dir), [read_manifest(p) for p in [args.manifest, *args.more]])
    prefix = args.data_dir.rstrip("/") or "/"
    for problem in result.problems:
        print(format_text(problem, prefix), file=err)
    if not result.usable:
        print("neuron-policy: error: nothing to compare: fix the problems above first", file=err)
        return EXIT_USAGE
    for proposal in result.proposals:
        out.write(proposal.diff())
    out.flush()
    for proposal in result.proposals:
        for change in proposal.changes:
            print(f"{printable(proposal.path)}: {printable(change)}", file=err)
    for note in result.notes:
        print(f"note: {printable(note)}", file=err)
    if not result.proposals:
        print(f"{printable(prefix)}: the sdk ranges agree with the manifests; nothing to propose", file=err)
    return EXIT_ERRORS if result.proposals else EXIT_OK


def main(argv: Sequence[str] | None = None, /) -> int:
    """Run the CLI (``argv`` defaults to ``sys.argv[1:]``); returns the exit status."""
    out, err = sys.stdout, sys.stderr
    try:
        args = get_parser().parse_args(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command == "status" and args.today is None:
        try:
            args.today = default_as_of()
        except ValueError as exc:  # a malformed SOURCE_DATE_EPOCH
            print(f"neuron-policy: error: {exc}", file=err)
            return EXIT_USAGE
    try:
        if args.command == "check":
            return _run_check(args, out, err)
        if args.command == "status":
            return _run_status(args, out, err)
        if args.command == "export":
            return _export_cli.run(args, out, err)
        if args.command == "import-manifest":
            return _run_import(args, out, err)
        print(json.dumps(json_schema(args.kind), indent=2, sort_keys=True), file=out)
        out.flush()
        return EXIT_OK
    except UnreadableInput as exc:
        print(f"neuron-policy: error: cannot read {printable(str(exc))}", file=err)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (``neuron-policy schema | head``): stop quietly, as a filter does;
        # point stdout at devnull so that flushing it at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        return EXIT_ERRORS


__all__ = ["get_parser", "main"]
