"""``neuron-policy export``: the files the docs build publishes, from the command line.

The same core functions make the same bytes as the build. To link announcements to their
pages as the build does, give it the site's base URL and the ``objects.inv`` of the built site
(or ``--conf`` with ``html_baseurl`` or ``neuron_policy_base_url``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from . import _conf_py
from .core import (
    EXPORT_FILES,
    ExportSettings,
    InventoryError,
    Site,
    SubjectError,
    UnreadableInput,
    announcements_feed,
    badge_for,
    calendar_of,
    check,
    default_as_of,
    export_files,
    lifecycle_calendar,
    lifecycle_json,
    printable,
    read_export_settings,
    read_inventory,
    write_atomically,
    write_tree,
)

FORMATS = ("json", "ics", "atom", "badge", "all")
EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _days(text: str) -> tuple[int, ...]:
    try:
        days = tuple(int(part) for part in text.replace(",", " ").split())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected whole numbers of days, e.g. 90,30; got {text!r}") from None
    if any(d < 0 for d in days):
        raise argparse.ArgumentTypeError(f"expected days of 0 or more, got {text!r}")
    return days


def add_parser(commands: Any, date: Any, directory: Any, today_help: str) -> None:
    """The ``export`` sub-command (``commands`` is the parser's sub-parsers action)."""
    export = commands.add_parser(
        "export",
        help="write the JSON, calendar (ICS), feed (Atom) or badge files the docs build publishes",
    )
    export.add_argument(
        "format",
        choices=FORMATS,
        metavar="FORMAT",
        help="json (the lifecycle), ics (a calendar), atom (the announcements feed), badge (a shields.io "
        "endpoint for --subject), or all (every file, as the build's export folder holds them)",
    )
    export.add_argument(
        "data_dir",
        nargs="?",
        type=directory,
        metavar="DATA_DIR",
        help="the data directory (default: neuron_policy_data of --conf, else policy_data)",
    )
    export.add_argument("--today", type=date, help=today_help + "; or neuron_policy_today of --conf")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="the file to write (default: standard output); for all, the folder (required)",
    )
    export.add_argument(
        "--conf",
        type=Path,
        metavar="CONF_PY",
        help="a Sphinx conf.py whose neuron_policy_* values and html_baseurl to use, as the build does",
    )
    export.add_argument("--base-url", metavar="URL", help="the site's base URL (default: that of --conf, else none)")
    export.add_argument(
        "--inventory",
        type=Path,
        metavar="OBJECTS_INV",
        help="the objects.inv of the built site: where each announcement label's page is",
    )
    export.add_argument(
        "--subject",
        metavar="SUBJECT",
        help="ics: one subject's calendar ('sdk', a dependency id or a software id); badge: the subject "
        "('sdk 2.19.0', 'python 3.8' or a software id)",
    )
    export.add_argument(
        "--alarm-days",
        type=_days,
        metavar="DAYS",
        help="ics: days before each end of support to remind, e.g. 90,30 (default: neuron_policy_alarm_days "
        "of --conf, else 90,30)",
    )


def _fail(err: TextIO, message: str) -> int:
    print(f"neuron-policy: error: {printable(message)}", file=err)
    return EXIT_USAGE


def _settings(args: argparse.Namespace, err: TextIO) -> tuple[str, str | None, ExportSettings, Site] | None:
    conf = _conf_py.ConfSettings(path=Path("conf.py"))
    if args.conf is not None:
        try:
            conf = _conf_py.read(args.conf)
        except _conf_py.ConfError as exc:
            _fail(err, str(exc))
            return None
    settings, problems = read_export_settings(conf.exports)
    for name, reason in problems.items():
        _fail(err, f"{conf.path}: {name}: {reason}")
    if problems:
        return None
    if args.base_url is not None:
        settings, problems = read_export_settings({**conf.exports, "neuron_policy_base_url": args.base_url})
        if "neuron_policy_base_url" in problems:
            _fail(err, f"--base-url: {problems['neuron_policy_base_url']}")
            return None
    if args.alarm_days is not None:
        settings = ExportSettings(settings.formats, settings.folder, settings.base_url, args.alarm_days)
    labels: dict[str, str] = {}
    if args.inventory is not None:
        try:
            labels = read_inventory(args.inventory.read_bytes())
        except (OSError, InventoryError) as exc:
            _fail(err, f"{args.inventory}: {exc}")
            return None
    data_dir = args.data_dir
    if data_dir is None:
        data_dir = str(args.conf.parent / conf.data) if args.conf is not None else "policy_data"
    return data_dir, conf.today, settings, Site(settings.base_url, labels)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Make the file(s) and write them; exit status 1 when the data has errors (the files are
    written all the same, as the build writes its pages)."""
    found = _settings(args, err)
    if found is None:
        return EXIT_USAGE
    data_dir, conf_today, settings, site = found
    if args.format == "all" and args.output is None:
        return _fail(err, "export all writes a folder: name it with -o")
    if args.format == "badge" and not args.subject:
        return _fail(err, "export badge needs --subject, e.g. --subject 'python 3.8'")
    try:
        today = args.today or default_as_of(conf_today)
    except ValueError as exc:
        return _fail(err, str(exc))
    try:
        report = check(data_dir, today)
    except UnreadableInput as exc:
        return _fail(err, f"cannot read {exc}")
    try:
        if args.format == "all":
            files = export_files(
                report, site, ("json", "ics", "atom", "badges"), alarm_days=settings.alarm_days, folder=settings.folder
            )
            write_tree(args.output, files)
            data = b""
        elif args.format == "json":
            data = lifecycle_json(report, site)
        elif args.format == "ics":
            calendar = calendar_of(report, args.subject) if args.subject else None
            data = lifecycle_calendar(report, site, calendar=calendar, alarm_days=settings.alarm_days)
        elif args.format == "atom":
            data = announcements_feed(report, site, self_path=f"{settings.folder}/{EXPORT_FILES['atom']}")
        else:
            data = badge_for(report, args.subject)
    except SubjectError as exc:
        return _fail(err, str(exc))
    if args.format != "all":
        if args.output is None:
            _write(out, data)
        else:
            write_atomically(args.output, data)
    if report.errors:
        print(f"neuron-policy: the data has {report.errors} error(s); run 'neuron-policy check'", file=err)
        return EXIT_ERRORS
    return EXIT_OK


def _write(out: TextIO, data: bytes) -> None:
    """Bytes to a text stream: through its binary buffer (CRLF lines stay as they are)."""
    out.flush()
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data.decode("utf-8"))
    else:
        buffer.write(data)
        buffer.flush()
