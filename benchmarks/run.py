"""Run every benchmark and print one table: ``python -m benchmarks.run`` (from the repository root).

1. core: load + validate + all rules, in process, at k = 1, 5, 20, 50 and 100: median time, peak
   memory, the time PyYAML's C loader takes to compose the same files, the ratio of the two, the
   growth exponents fitted over k, and the collector's share at k = 100 (libyaml's parser; the
   pure-Python one at k = 1 too).
2. manifest: the real data against the real release manifests (``--manifest``): reading the
   300 kB n2-manifest.json, and the check with and without the manifests.
3. spellings: the k = 20 data with every range written ``~=2.5, <2.9`` or
   ``==2.*, >=2.5, <2.9, !=3.*`` instead of ``>=2.5, <2.9``.
4. waivers: k = 1 with a wrong phase declared everywhere, without and with 1,000 waivers.
5. pages: a 40-page site where each page has a 100-row ``neuron-support-matrix``, against the same
   tables written by hand as ``list-table``: whole ``sphinx-build`` time and the ratio, with
   ``-j 1`` and ``-j 2``.
6. incremental: a 300-page site where 5 pages use one dependency: pages re-read and time after a
   no-op rebuild and after editing that dependency's file.
7. noop: a no-op rebuild of a 300-page site at k = 50, against the same site (data directory
   included) without the extension, and one check of the same data.
8. timeline: laying out and writing a 50-row chart (SVG and TikZ), and every export file of the
   generated data at k = 1.
9. instructions (``--instructions``, not in the default run): valgrind's instruction counts of a
   check and of composing the same files at k = 1 and 5, which do not depend on what else the
   machine is doing.
"""

from __future__ import annotations

import argparse
import gc
import io
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import sphinx
import yaml
from sphinx.application import Sphinx

from neuron_policy.core import (
    HAVE_LIBYAML,
    MANIFEST_RULES,
    SDK_PHASES,
    RuleId,
    evaluate,
    interpret,
    load,
    read_manifest,
)

from . import generate

Row = tuple[str, str, str]
SCALES = (1, 5, 20, 50, 100)


def median_seconds(func: Callable[[], object], repeats: int) -> float:
    func()  # warm up imports and caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_mib(func: Callable[[], object]) -> float:
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def exponent(points: Sequence[tuple[int, float]]) -> float:
    """The e of time ~ k^e, fitted by least squares on the logarithms."""
    xs = [math.log(k) for k, _ in points]
    ys = [math.log(t) for _, t in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum((x - mean_x) ** 2 for x in xs)


def compose_all(root: Path) -> None:
    """The floor: compose every data file with PyYAML's C loader (what the check starts with)."""
    for path in sorted(root.rglob("*.yaml")):
        yaml.compose(path.read_bytes().decode("utf-8"), Loader=yaml.CBaseLoader)


def check_data(root: Path, k: int) -> None:
    evaluate(load(root), generate.as_of(k))


def bench_core(work: Path, repeats: int) -> list[Row]:
    rows: list[Row] = []
    checks, composes = [], []
    for k in SCALES:
        root = generate.write(work / f"data-k{k}", k)
        result = evaluate(load(root), generate.as_of(k))
        assert not result.findings, "the generated data must check clean"
        data = result.data
        shape = f"{len(data.releases)} releases, {len(data.dependencies)} deps, "
        shape += f"{sum(len(d.versions) for d in data.dependencies)} versions"
        del result, data  # time every run with nothing else of ours alive (the collector walks it)
        runs = max(3, repeats // k)
        seconds = median_seconds(partial(check_data, root, k), runs)
        floor = median_seconds(partial(compose_all, root), runs)
        checks.append((k, seconds))
        composes.append((k, floor))
        target = {1: "< 50 ms", 20: "< 1 s"}.get(k, "")
        peak = peak_mib(partial(check_data, root, k)) if k <= 20 else None
        rows.append(
            (
                f"load + rules, k={k} ({shape})",
                f"{seconds * 1000:.1f} ms median" + (f", peak {peak:.1f} MiB" if peak is not None else ""),
                target,
            )
        )
        rows.append(
            (
                f"  composing the same files with the C loader; ratio, k={k}",
                f"{floor * 1000:.1f} ms; {seconds / floor:.2f}x",
                "<= 4x (goal 3x)",
            )
        )
    rows.append(("growth exponent over k (time ~ k^e), load + rules", f"e = {exponent(checks):.3f}", "<= 1.05"))
    rows.append(("growth exponent over k, composing with the C loader", f"e = {exponent(composes):.3f}", ""))
    k = SCALES[-1]
    root = work / f"data-k{k}"
    gc.disable()
    try:
        without = median_seconds(lambda: check_data(root, k), 3)
    finally:
        gc.enable()
    rows.append(
        (
            f"load + rules, k={k}, the collector off for the whole run",
            f"{without * 1000:.1f} ms median ({1 - without / checks[-1][1]:.0%} less)",
            "",
        )
    )
    root = work / "data-k1"
    pure = median_seconds(lambda: evaluate(load(root, libyaml=False), generate.as_of(1)), repeats)
    rows.append(("load + rules, k=1, pure-Python YAML parser", f"{pure * 1000:.1f} ms median", "correct, slower"))
    return rows


def bench_spellings(work: Path, repeats: int) -> list[Row]:
    k = 20
    rows: list[Row] = []
    plain = 0.0
    for spelling in generate.SPELLINGS:
        root = generate.write(work / f"spelling-{spelling}", k, spelling=spelling)
        assert not evaluate(load(root), generate.as_of(k)).findings
        seconds = median_seconds(partial(check_data, root, k), max(3, repeats // k))
        plain = plain or seconds
        example = generate.SPELLINGS[spelling](5, 9)
        rows.append(
            (
                f"load + rules, k={k}, ranges written {example!r}",
                f"{seconds * 1000:.1f} ms median ({seconds / plain:.2f}x)",
                "<= 1.3x" if seconds is not plain else "",
            )
        )
    return rows


def bench_waivers(work: Path, repeats: int) -> list[Row]:
    times = {}
    for count in (0, 1000):
        root = generate.write(work / f"waivers-{count}", 1, waivers=count)
        report = evaluate(load(root), generate.as_of(1))
        waived = sum(1 for f in report.findings if f.waiver is not None)
        unused = sum(1 for f in report.findings if f.rule is RuleId.WAIVER_UNUSED)
        times[count] = median_seconds(partial(check_data, root, 1), repeats)
    return [
        ("load + rules, k=1, a wrong phase on 249 subjects, no waivers", f"{times[0] * 1000:.1f} ms median", ""),
        (
            f"the same with 1,000 waivers ({waived} used, {unused} unused)",
            f"{times[1000] * 1000:.1f} ms median (+{(times[1000] - times[0]) * 1000:.1f} ms)",
            "+< 100 ms",
        ),
    ]


CONF = 'extensions = ["neuron_policy"]\nneuron_policy_today = "{today}"\nproject = "bench"\n'


def _site(src: Path, pages: dict[str, str], conf: str, data: Path | None) -> Path:
    src.mkdir(parents=True)
    (src / "conf.py").write_text(conf, encoding="utf-8")
    if data is not None:
        shutil.copytree(data, src / "policy_data")
    toc = "Site\n====\n\n.. toctree::\n   :maxdepth: 1\n\n" + "".join(f"   {name}\n" for name in pages)
    (src / "index.rst").write_text(toc, encoding="utf-8")
    for name, body in pages.items():
        (src / f"{name}.rst").write_text(f"{name}\n{'=' * len(name)}\n\n{body}", encoding="utf-8")
    return src


def _hand_table(data: Path, today: str) -> str:
    """The support matrix's first 100 rows, written as a list-table with the same cells."""
    import datetime as dt

    report = evaluate(load(data), dt.date.fromisoformat(today))
    life = report.lifecycle
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "",
        "   * - Version",
        "     - Released",
        "     - Phase",
        "     - EOS announced",
        "     - End of support",
    ]
    for release in list(reversed(life.index.releases))[:100]:
        entry = life.eos_entry(release)
        phase = life.sdk_timeline(release).phase_on(report.as_of)
        cells = [
            str(release.version.value),
            str(release.released.value),
            SDK_PHASES[phase],
            str(entry.announced.value) if entry else "\u2014",
            str(entry.effective.value) if entry else "\u2014",
        ]
        lines.append(f"   * - {cells[0]}")
        lines += [f"     - {cell}" for cell in cells[1:]]
    return "\n".join(lines) + "\n\nStatus as of " + today + ".\n"


def _sphinx_build(src: Path, out: Path, *options: str) -> float:
    start = time.perf_counter()
    command = [sys.executable, "-m", "sphinx", "-q", *options, "-b", "html", str(src), str(out)]
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _timed_build(src: Path, out: Path, jobs: str) -> tuple[float, float, float]:
    """``sphinx-build -E -j jobs`` in a new process: wall time, and the time of its reading and
    writing phases (measured inside it by :func:`phase_times`)."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "benchmarks.run", "--phase-times", str(src), str(out), jobs]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    read, write = (float(x) for x in done.stdout.split())
    return wall, read, write


def phase_times(src: Path, out: Path, jobs: int) -> None:
    """Build ``src`` afresh with ``jobs`` processes and print how long reading and writing took."""
    from sphinx.builders import Builder
    from sphinx.util.docutils import docutils_namespace

    spent = {"read": 0.0, "write": 0.0}

    def timed(name: str, method: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start

        return run

    for name in spent:  # wrapped on the class: this process only builds once
        setattr(Builder, name, timed(name, getattr(Builder, name)))
    with docutils_namespace():
        app = Sphinx(src, src, out, out / ".doctrees", "html", status=None, warning=None, freshenv=True, parallel=jobs)
        app.build()
    print(spent["read"], spent["write"])


def bench_pages(work: Path, repeats: int) -> list[Row]:
    data = generate.write(work / "pages-data", 2)  # 199 releases: a 100-row table on each page
    today = str(generate.as_of(2))
    directive = ".. neuron-support-matrix::\n   :limit: 100\n"
    ext = _site(work / "pages-ext", {f"page{i}": directive for i in range(40)}, CONF.format(today=today), data)
    table = _hand_table(data, today)
    hand = _site(work / "pages-hand", {f"page{i}": table for i in range(40)}, 'project = "bench"\n', None)
    times: dict[tuple[str, str], float] = {}
    reading: dict[tuple[str, str], float] = {}
    writing: dict[tuple[str, str], float] = {}
    for jobs in ("1", "2"):
        for name, src in (("ext", ext), ("hand", hand)):
            out = work / f"out-{name}-j{jobs}"
            runs = [_timed_build(src, out, jobs) for _ in range(repeats)]
            times[name, jobs] = statistics.median(run[0] for run in runs)
            reading[name, jobs] = statistics.median(run[1] for run in runs)
            writing[name, jobs] = statistics.median(run[2] for run in runs)
    speedup = {name: times[name, "1"] / times[name, "2"] for name in ("ext", "hand")}

    def phases(name: str) -> str:
        return (
            f"reading {reading[name, '1']:.2f} -> {reading[name, '2']:.2f} s "
            f"({reading[name, '1'] / reading[name, '2']:.2f}x), "
            f"writing {writing[name, '1']:.2f} -> {writing[name, '2']:.2f} s "
            f"({writing[name, '1'] / writing[name, '2']:.2f}x)"
        )

    return [
        ("40 pages x 100-row neuron-support-matrix, sphinx-build -E", f"{times['ext', '1']:.2f} s median", ""),
        ("the same tables written by hand as list-table", f"{times['hand', '1']:.2f} s median", ""),
        ("ratio extension / hand-written", f"{times['ext', '1'] / times['hand', '1']:.2f}", "<= 1.0"),
        (
            "the extension's site with -j 2",
            f"{times['ext', '2']:.2f} s median ({speedup['ext']:.2f}x faster than -j 1)",
            "as much faster as the hand-written site",
        ),
        (
            "the hand-written site with -j 2",
            f"{times['hand', '2']:.2f} s median ({speedup['hand']:.2f}x faster than -j 1)",
            "",
        ),
        ("  the extension's site, -j 1 -> -j 2, by phase", phases("ext"), ""),
        ("  the hand-written site, -j 1 -> -j 2, by phase", phases("hand"), ""),
    ]


def _build(src: Path, out: Path) -> tuple[list[str], float]:
    read: list[str] = []
    app = Sphinx(
        str(src), str(src), str(out / "html"), str(out / "doctrees"), "html", status=None, warning=io.StringIO()
    )
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    start = time.perf_counter()
    app.build()
    return sorted(read), time.perf_counter() - start


def _pages(uses: str | None) -> dict[str, str]:
    """300 plain pages; with ``uses``, 5 use dep0 and 5 use dep1 (those must stay put when dep0 changes)."""
    pages = {f"page{i:03d}": f"Plain page {i}, no policy content.\n" for i in range(300)}
    if uses is not None:
        for i in range(5):
            pages[f"page{i * 60:03d}"] = f".. {uses}:: dep0\n"
            pages[f"page{i * 60 + 1:03d}"] = f".. {uses}:: dep1\n"
    return pages


def bench_incremental(work: Path) -> list[Row]:
    data = generate.write(work / "inc-data", 1)
    src = _site(work / "inc-site", _pages("neuron-dependency-lifecycle"), CONF.format(today=generate.as_of(1)), data)
    out = work / "inc-out"
    first, t_full = _build(src, out)
    noop, t_noop = _build(src, out)
    dep = src / "policy_data" / "dependencies" / "dep0.yaml"
    time.sleep(0.05)
    dep.write_text(dep.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    edited, t_edit = _build(src, out)
    return [
        (f"300-page site, full build ({len(first)} pages read)", f"{t_full:.2f} s", ""),
        ("no-op rebuild: pages re-read", f"{len(noop)} ({t_noop:.2f} s)", "0"),
        (
            "after editing dependencies/dep0.yaml: pages re-read",
            f"{len(edited)}: {', '.join(edited)} ({t_edit:.2f} s)",
            "exactly the 5 pages using dep0",
        ),
    ]


def bench_timeline(work: Path, repeats: int) -> list[Row]:
    """A 50-row timeline (SVG, both drawings, and TikZ) and all the export files at k = 1."""
    import datetime as dt

    from neuron_policy.core import PHASE_LABELS, Site, Words, chart, export_files, layout, sdk_rows, timeline_svg
    from neuron_policy.core import version_rows as rows_of
    from neuron_policy.sphinx import timeline_tikz

    root = generate.write(work / "data-timeline", 1)
    report = evaluate(load(root), generate.as_of(1))
    life = report.lifecycle
    rows = sdk_rows(life, report.as_of)[:20]
    rows += [row for v in life.all_versions() for row in rows_of(life, v, report.as_of)]
    shown = chart(rows[:50], report.as_of, dt.date(report.as_of.year - 4, 1, 1))
    assert len(shown.rows) == 50, len(shown.rows)
    words = Words(dict(PHASE_LABELS), f"As of {report.as_of}", "no end date")

    def draw() -> object:
        wide = layout(shown, words, lambda row: row.label)
        narrow = layout(shown, words, lambda row: row.label, stacked=True)
        return (
            timeline_svg(wide, title="t", desc="d", ident="a"),
            timeline_svg(narrow, title="t", desc="d", ident="b"),
            timeline_tikz(wide, lambda text: text),
        )

    seconds = median_seconds(draw, repeats)
    files = median_seconds(lambda: export_files(report, Site()), max(3, repeats // 4))
    count = len(export_files(report, Site()))
    return [
        ("neuron-timeline, 50 rows: layout, SVG (wide and narrow), TikZ", f"{seconds * 1000:.1f} ms median", "< 1 s"),
        (f"every export file at k=1 ({count} files)", f"{files * 1000:.0f} ms median", ""),
    ]


ROOT = Path(__file__).resolve().parents[1]
MANIFESTS = ROOT / "manifests"


def bench_manifest(repeats: int) -> list[Row]:
    """The real data (``policy_data``) against the real release manifests: reading the 300 kB
    n2-manifest.json with positions, and the whole check with and without the two manifests."""
    import datetime as dt

    data = ROOT / "policy_data"
    n2, legacy = MANIFESTS / "n2-manifest.json", MANIFESTS / "neuron-releases-manifest.json"
    as_of = dt.date(2026, 11, 24)
    loaded = load(data)
    mapping, platforms = loaded.data.manifest, loaded.data.policy.platform_ids()
    if mapping is None:
        return [("manifest check", "skipped: policy_data has no manifest.yaml", "")]
    sources = [read_manifest(n2), read_manifest(legacy)]
    kib = n2.stat().st_size / 1024
    t_read = median_seconds(lambda: read_manifest(n2), repeats)
    t_interpret = median_seconds(lambda: interpret(read_manifest(n2), mapping, platforms), repeats)
    t_plain = median_seconds(lambda: evaluate(load(data), as_of), repeats)
    t_both = median_seconds(
        lambda: evaluate(load(data), as_of, manifests=[read_manifest(p) for p in (n2, legacy)]), repeats
    )
    found = evaluate(loaded, as_of, manifests=sources).findings
    compared = sum(1 for f in found if f.rule.value in {r.value for r in MANIFEST_RULES})
    return [
        (f"read n2-manifest.json ({kib:.0f} KiB), every value with its position", f"{t_read * 1000:.1f} ms median", ""),
        ("... and read with manifest.yaml (what each release shipped)", f"{t_interpret * 1000:.1f} ms median", ""),
        ("check policy_data alone (load + rules)", f"{t_plain * 1000:.1f} ms median", ""),
        (
            f"check policy_data against n2 + legacy manifests ({compared} manifest findings)",
            f"{t_both * 1000:.1f} ms median",
            "well under 1 s",
        ),
    ]


def bench_noop(work: Path, repeats: int) -> list[Row]:
    k = 50
    data = generate.write(work / "noop-data", k)
    ext = _site(work / "noop-ext", _pages("neuron-dependency-lifecycle"), CONF.format(today=generate.as_of(k)), data)
    # the same files, data directory included (Sphinx looks at every file of the source tree)
    plain = _site(work / "noop-plain", _pages(None), 'project = "bench"\n', data)
    times = {}
    for name, src in (("ext", ext), ("plain", plain)):
        out = work / f"noop-out-{name}"
        _sphinx_build(src, out)
        times[name] = statistics.median(_sphinx_build(src, out) for _ in range(repeats))
    one_check = median_seconds(lambda: check_data(data, k), 3)
    added = times["ext"] - times["plain"]
    return [
        (f"no-op rebuild, 300 pages, k={k}, with the extension", f"{times['ext']:.2f} s median", ""),
        ("the same site without the extension", f"{times['plain']:.2f} s median", ""),
        (
            f"what the extension adds; one check of the k={k} data",
            f"+{added:.2f} s; {one_check:.2f} s ({added / one_check:.2f} checks)",
            "<= 1 check",
        ),
    ]


def _instructions(what: str, k: int, root: Path) -> int:
    """Instructions valgrind counts for one run of ``what`` (two runs less one, so imports cancel out)."""

    def count(runs: int) -> int:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
        command += ["-m", "benchmarks.run", "--run-once", what, str(root), str(k), str(runs)]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
        found = re.search(r"Collected : (\d+)", done.stderr)
        assert found, done.stderr
        return int(found[1])

    return count(2) - count(1)


def bench_instructions(work: Path) -> list[Row]:
    if shutil.which("valgrind") is None:
        return [("instruction counts", "valgrind is not installed", "")]
    rows: list[Row] = []
    for k in (1, 5):
        root = generate.write(work / f"ir-k{k}", k)
        checked, composed = _instructions("check", k, root), _instructions("compose", k, root)
        rows.append(
            (
                f"instructions, load + rules and composing with the C loader, k={k}",
                f"{checked / 1e6:.0f} M and {composed / 1e6:.0f} M ({checked / composed:.2f}x)",
                "<= 4x (goal 3x)",
            )
        )
    return rows


def run_once(what: str, root: Path, k: int, runs: int) -> None:
    """What ``--instructions`` runs under valgrind."""
    for _ in range(runs):
        if what == "check":
            check_data(root, k)
        else:
            compose_all(root)


BENCHMARKS = ("core", "manifest", "spellings", "waivers", "pages", "incremental", "noop", "timeline", "instructions")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20, help="runs per timing at k = 1 (fewer for larger k)")
    parser.add_argument("--only", choices=BENCHMARKS, action="append", help="run only these benchmarks")
    parser.add_argument("--instructions", action="store_true", help="add valgrind's instruction counts")
    parser.add_argument("--run-once", nargs=4, metavar=("WHAT", "DIR", "K", "RUNS"), help=argparse.SUPPRESS)
    parser.add_argument("--phase-times", nargs=3, metavar=("SRC", "OUT", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase_times:
        src, out, jobs = args.phase_times
        phase_times(Path(src), Path(out), int(jobs))
        return 0
    if args.run_once:
        what, root, k, runs = args.run_once
        run_once(what, Path(root), int(k), int(runs))
        return 0
    chosen = args.only or [b for b in BENCHMARKS if b != "instructions" or args.instructions]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="neuron-policy-bench-") as tmp:
        work = Path(tmp)
        if "core" in chosen:
            rows += bench_core(work, args.repeats)
        if "manifest" in chosen:
            rows += bench_manifest(args.repeats)
        if "spellings" in chosen:
            rows += bench_spellings(work, args.repeats)
        if "waivers" in chosen:
            rows += bench_waivers(work, args.repeats)
        if "pages" in chosen:
            rows += bench_pages(work, max(3, args.repeats // 7))
        if "incremental" in chosen:
            rows += bench_incremental(work)
        if "noop" in chosen:
            rows += bench_noop(work, max(3, args.repeats // 7))
        if "timeline" in chosen:
            rows += bench_timeline(work, args.repeats)
        if "instructions" in chosen:
            rows += bench_instructions(work)
    print(
        f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, libyaml: {HAVE_LIBYAML}, "
        f"{platform.machine()}, {platform.processor() or platform.platform()}, {os.cpu_count()} CPUs"
    )
    print()
    print("| benchmark | result | target |")
    print("|---|---|---|")
    for name, result, target in rows:
        print(f"| {name} | {result} | {target} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
