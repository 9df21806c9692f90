"""Run every benchmark and print one table: ``python -m benchmarks.run`` (from the repository root).

1. Load + validate + all rules, in process, at k = 1, 5 and 20: median time, peak memory, and
   the growth exponent fitted over k (libyaml's parser; the pure-Python one at k = 1 too).
   Then the real data against the real release manifests (``--manifest``): reading the 300 kB
   n2-manifest.json, and the check with and without the manifests.
2. A 40-page site where each page has a 100-row ``neuron-support-matrix``, against the same
   tables written by hand as ``list-table``: whole ``sphinx-build`` time and the ratio.
3. A 300-page site where 5 pages use one dependency: pages re-read and time after a no-op
   rebuild and after editing that dependency's file.
4. The timeline: laying out and writing a 50-row chart (SVG and TikZ), and every export file
   of the generated data at k = 1.
"""

from __future__ import annotations

import argparse
import io
import math
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import sphinx
from sphinx.application import Sphinx

from neuron_policy.core import HAVE_LIBYAML, MANIFEST_RULES, SDK_PHASES, evaluate, interpret, load, read_manifest

from . import generate

Row = tuple[str, str, str]


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


def bench_core(work: Path, repeats: int) -> list[Row]:
    rows: list[Row] = []
    points = []
    for k in (1, 5, 20):
        root = generate.write(work / f"data-k{k}", k)
        as_of = generate.as_of(k)
        result = evaluate(load(root), as_of)
        assert not result.findings, "the generated data must check clean"

        def run(root: Path = root, as_of: object = as_of) -> object:
            return evaluate(load(root), as_of)  # type: ignore[arg-type]

        seconds = median_seconds(run, max(3, repeats // k))
        points.append((k, seconds))
        data = result.data
        versions = sum(len(d.versions) for d in data.dependencies)
        target = {1: "< 50 ms", 20: "< 1 s"}.get(k, "")
        rows.append(
            (
                f"load + rules, k={k} "
                f"({len(data.releases)} releases, {len(data.dependencies)} deps, {versions} versions)",
                f"{seconds * 1000:.1f} ms median, peak {peak_mib(run):.1f} MiB",
                target,
            )
        )
    (k1, t1), (k20, t20) = points[0], points[-1]
    xs = [math.log(k) for k, _ in points]
    ys = [math.log(t) for _, t in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum((x - mean_x) ** 2 for x in xs)
    rows.append(
        (
            "growth exponent over k (time ~ k^e)",
            f"e = {slope:.2f} ({t20 / t1:.1f}x time for {k20 // k1}x data)",
            "close to 1",
        )
    )
    root = work / "data-k1"
    pure = median_seconds(lambda: evaluate(load(root, libyaml=False), generate.as_of(1)), repeats)
    rows.append(("load + rules, k=1, pure-Python YAML parser", f"{pure * 1000:.1f} ms median", "correct, slower"))
    return rows


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


def _sphinx_build(src: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", str(src), str(out)], check=True)
    return time.perf_counter() - start


def bench_pages(work: Path, repeats: int) -> list[Row]:
    data = generate.write(work / "pages-data", 2)  # 199 releases: a 100-row table on each page
    today = str(generate.as_of(2))
    directive = ".. neuron-support-matrix::\n   :limit: 100\n"
    ext = _site(work / "pages-ext", {f"page{i}": directive for i in range(40)}, CONF.format(today=today), data)
    table = _hand_table(data, today)
    hand = _site(work / "pages-hand", {f"page{i}": table for i in range(40)}, 'project = "bench"\n', None)
    t_ext = statistics.median(_sphinx_build(ext, work / "out-ext") for _ in range(repeats))
    t_hand = statistics.median(_sphinx_build(hand, work / "out-hand") for _ in range(repeats))
    return [
        ("40 pages x 100-row neuron-support-matrix, sphinx-build -E", f"{t_ext:.2f} s median", ""),
        ("the same tables written by hand as list-table", f"{t_hand:.2f} s median", ""),
        ("ratio extension / hand-written", f"{t_ext / t_hand:.2f}", "<= 1.0"),
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


def bench_incremental(work: Path) -> list[Row]:
    data = generate.write(work / "inc-data", 1)
    pages = {f"page{i:03d}": f"Plain page {i}, no policy content.\n" for i in range(300)}
    for i in range(5):
        pages[f"page{i * 60:03d}"] = ".. neuron-dependency-lifecycle:: dep0\n"
    for i in range(5):  # pages using another dependency must stay put
        pages[f"page{i * 60 + 1:03d}"] = ".. neuron-dependency-lifecycle:: dep1\n"
    src = _site(work / "inc-site", pages, CONF.format(today=generate.as_of(1)), data)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20, help="runs per timing at k = 1 (fewer for larger k)")
    parser.add_argument(
        "--only", choices=("core", "manifest", "pages", "incremental", "timeline"), help="run one benchmark"
    )
    args = parser.parse_args(argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="neuron-policy-bench-") as tmp:
        work = Path(tmp)
        if args.only in (None, "core"):
            rows += bench_core(work, args.repeats)
        if args.only in (None, "manifest"):
            rows += bench_manifest(args.repeats)
        if args.only in (None, "pages"):
            rows += bench_pages(work, max(3, args.repeats // 7))
        if args.only in (None, "incremental"):
            rows += bench_incremental(work)
        if args.only in (None, "timeline"):
            rows += bench_timeline(work, args.repeats)
    print(
        f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, libyaml: {HAVE_LIBYAML}, "
        f"{platform.machine()}, {platform.processor() or platform.platform()}"
    )
    print()
    print("| benchmark | result | target |")
    print("|---|---|---|")
    for name, result, target in rows:
        print(f"| {name} | {result} | {target} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
