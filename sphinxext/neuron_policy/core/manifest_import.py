"""Propose the support ranges the release manifests imply, as an edit of the YAML text.

For each dependency version the manifests contradict (a ``shipped-outside-range`` or
``range-not-shipped`` finding), the ``sdk`` range is computed again from what each release
shipped on each platform, and only that value is rewritten, in place: the rest of the file,
its comments, the milestones and the ``return: waived`` parts (releases that shipped a version
without support) stay as written. A version the manifests ship but the data lacks is added at
the end of its file. Release dates are not in the manifests, so ``sdk.yaml`` is never changed:
a release it lacks is only named.

Releases a platform does not exist in (Trn2 before its first release) are free: a range may
start before them, so one part can name every platform that shipped a version from the same
release on. A part after a gap is written without ``return``, which the reviewer adds
(``range-gap`` asks for it).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from .findings import Finding
from .lifecycle import Lifecycle
from .loader import LoadResult
from .manifest import ManifestSource
from .manifest_check import ShippedView, manifest_findings, read_all
from .model import Dependency, DependencyVersion, SdkRelease
from .registry import RuleId

_RANGE_RULES = frozenset({RuleId.SHIPPED_OUTSIDE_RANGE, RuleId.RANGE_NOT_SHIPPED})


@dataclass(frozen=True)
class Proposal:
    """A data file as it is and as proposed, and one line per change."""

    path: str  # relative to the data directory
    old: str
    new: str
    changes: tuple[str, ...]

    def diff(self) -> str:
        """The change as a unified diff (``a/`` and ``b/`` prefixes: ``git apply`` or ``patch -p1``
        in the data directory applies it)."""
        old, new = self.old.splitlines(keepends=True), self.new.splitlines(keepends=True)
        for lines in (old, new):
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += "\n\\ No newline at end of file\n"
        return "".join(difflib.unified_diff(old, new, f"a/{self.path}", f"b/{self.path}"))


@dataclass(frozen=True)
class ImportResult:
    """What ``neuron-policy import-manifest`` proposes: the edits, what it cannot change (notes),
    and the manifests' own problems; ``usable`` is False when nothing could be compared."""

    proposals: tuple[Proposal, ...]
    notes: tuple[str, ...]
    problems: tuple[Finding, ...]
    usable: bool


@dataclass(frozen=True)
class _Run:
    """Releases (indexes into the sorted releases) a platform shipped a version in, without a
    release between that did not: the tight bounds, and how far free releases let them move."""

    loose_lo: int
    tight_lo: int
    tight_hi: int  # exclusive
    loose_hi: int  # exclusive

    def merge(self, other: _Run) -> _Run | None:
        run = _Run(
            max(self.loose_lo, other.loose_lo),
            min(self.tight_lo, other.tight_lo),
            max(self.tight_hi, other.tight_hi),
            min(self.loose_hi, other.loose_hi),
        )
        return run if run.loose_lo <= run.tight_lo and run.tight_hi <= run.loose_hi else None


@dataclass(frozen=True)
class _Part:
    spec: str
    platforms: tuple[str, ...]
    after_gap: bool


def _runs(labels: Sequence[int | None]) -> list[_Run]:
    """Runs of 1 (shipped) in labels that may hold None (free) but no 0 (not shipped)."""
    runs: list[_Run] = []
    start = 0
    for end in [*(i for i, label in enumerate(labels) if label == 0), len(labels)]:
        shipped = [i for i in range(start, end) if labels[i] == 1]
        if shipped:
            runs.append(_Run(start, shipped[0], shipped[-1] + 1, end))
        start = end + 1
    return runs


def _minor_text(release: SdkRelease) -> str:
    version = release.version.value
    return f"{version.major}.{version.minor}" if version.micro == 0 else str(version)


def _spec(releases: Sequence[SdkRelease], run: _Run) -> str:
    """The specifier of a run: bounds at minor releases where the free releases allow."""
    lower = next(
        (i for i in range(run.tight_lo, run.loose_lo - 1, -1) if releases[i].version.value.micro == 0), run.tight_lo
    )
    clauses = [] if lower == 0 and run.loose_hi < len(releases) else [f">={_minor_text(releases[lower])}"]
    if run.loose_hi < len(releases):
        upper = next(
            (i for i in range(run.tight_hi, run.loose_hi + 1) if releases[i].version.value.micro == 0), run.tight_hi
        )
        clauses.append(f"<{_minor_text(releases[upper])}")
    return ", ".join(clauses)


class _Planner:
    """Computes proposed ranges from the manifests for one data set."""

    def __init__(self, life: Lifecycle, view: ShippedView) -> None:
        self.life, self.view = life, view
        self.releases = life.index.releases

    def labels(self, key: tuple[str, str], platform: str, waived: set[Version]) -> list[int | None]:
        out: list[int | None] = []
        for release in self.releases:
            decided = self.view.decided(release.version.value, platform)
            if decided is None:
                out.append(None)
            elif key in decided.release.shipped.get(platform, {}) and release.version.value not in waived:
                out.append(1)
            else:
                out.append(0)
        return out

    def parts(self, dep_id: str, value: str, version: DependencyVersion | None) -> list[_Part]:
        """The supported parts the manifests imply, platforms with agreeing runs together."""
        groups: list[tuple[list[str], list[_Run]]] = []
        for platform in self.life.platforms:
            waived: set[Version] = set()
            if version is not None:
                waived = {
                    r.version.value
                    for part in version.support.parts_for(platform)
                    if not part.supported
                    for r in self.life.index.matching(part.spec.value)
                }
            runs = _runs(self.labels((dep_id, value), platform, waived))
            if not runs:
                continue
            for names, group_runs in groups:
                if len(group_runs) == len(runs):
                    merged = [a.merge(b) for a, b in zip(group_runs, runs, strict=True)]
                    if all(m is not None for m in merged):
                        names.append(platform)
                        group_runs[:] = [m for m in merged if m is not None]
                        break
            else:
                groups.append(([platform], runs))
        return [
            _Part(_spec(self.releases, run), tuple(names), index > 0)
            for names, runs in groups
            for index, run in enumerate(runs)
        ]


# -- editing the YAML text ----------------------------------------------------------------------


def _end(node: yaml.Node, text: str) -> int:
    """Where a node's text ends: after a flow collection's bracket, after a block collection's
    last value, after a scalar (trailing line breaks of a block scalar excluded)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _end(node.value[-1][1], text)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _end(node.value[-1], text)
    start, end = node.start_mark.index, node.end_mark.index
    return start + len(text[start:end].rstrip())


def _get(node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


class _File:
    """One dependency file: its text, where each version's range is written, the edits."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.text = path, text
        self.edits: list[_Edit] = []
        self.changes: list[str] = []
        self.root: yaml.Node | None = None
        try:
            self.root = yaml.compose(text, Loader=yaml.BaseLoader)
        except yaml.YAMLError:
            self.root = None

    def versions(self) -> yaml.SequenceNode | None:
        if not isinstance(self.root, yaml.MappingNode):
            return None
        found = _get(self.root, "versions")
        return found[1] if found and isinstance(found[1], yaml.SequenceNode) else None

    def item(self, value: str) -> yaml.MappingNode | None:
        seq = self.versions()
        for item in seq.value if seq else ():
            if isinstance(item, yaml.MappingNode):
                found = _get(item, "version")
                if found and isinstance(found[1], yaml.ScalarNode) and found[1].value == value:
                    return item
        return None

    def existing_parts(self, sdk: yaml.Node) -> list[tuple[str, frozenset[str], str, bool, int, int]]:
        """Each part as (range, platforms, its text, waived, its column, its offset)."""
        out: list[tuple[str, frozenset[str], str, bool, int, int]] = []
        for item in sdk.value if isinstance(sdk, yaml.SequenceNode) else ():
            start = item.start_mark.index
            body = self.text[start : _end(item, self.text)]
            if isinstance(item, yaml.ScalarNode):
                out.append((item.value, frozenset(), body, False, item.start_mark.column, start))
                continue
            if not isinstance(item, yaml.MappingNode):
                continue
            spec = _get(item, "range")
            platforms = _get(item, "platforms")
            returns = _get(item, "return")
            listed = platforms[1].value if platforms and isinstance(platforms[1], yaml.SequenceNode) else ()
            names = frozenset(p.value for p in listed)
            waived = bool(returns and isinstance(returns[1], yaml.ScalarNode) and returns[1].value == "waived")
            text = spec[1].value if spec and isinstance(spec[1], yaml.ScalarNode) else ""
            out.append((text, names, body, waived, item.start_mark.column, start))
        return out

    def set_range(self, value: str, parts: list[_Part], all_platforms: Sequence[str], note: str) -> bool:
        item = self.item(value)
        found = _get(item, "sdk") if item is not None else None
        if item is None or found is None:
            return False
        key, sdk = found
        if sdk.start_mark.index < key.end_mark.index:  # an alias to a value written elsewhere
            return False
        existing = self.existing_parts(sdk)
        kept = [e for e in existing if e[3]]
        column = key.start_mark.column + 2
        end = _end(sdk, self.text)
        comments = _comments(self.text, key.end_mark.index, end, [(e[5], e[5] + len(e[2])) for e in kept])
        if not kept and len(parts) == 1 and set(parts[0].platforms) == set(all_platforms):
            text = f": {_quoted(parts[0].spec)}" + (f"  # {'; '.join(comments)}" if comments else "")
        else:
            lines = [f"# {comment}" for comment in comments]
            for part in parts:
                same = next(
                    (
                        e
                        for e in existing
                        if e[1] == frozenset(part.platforms) and _same_spec(e[0], part.spec) and not e[3]
                    ),
                    None,
                )
                if same is not None:
                    lines.append(_reindent(same[2], same[4], column + 2))
                    continue
                line = f"{{range: {_quoted(part.spec)}, platforms: [{', '.join(part.platforms)}]}}"
                if part.after_gap:
                    line += "  # after a gap: add return: real or return: waived, and a reason"
                lines.append(line)
            lines += [_reindent(e[2], e[4], column + 2) for e in kept]
            text = ":" + "".join(f"\n{' ' * column}{'' if line.startswith('#') else '- '}{line}" for line in lines)
        self.edits.append(_Edit(key.end_mark.index, end, text))
        self.changes.append(note)
        return True

    def add_version(self, value: str, parts: list[_Part], all_platforms: Sequence[str], note: str) -> bool:
        seq = self.versions()
        if seq is None or seq.flow_style or not seq.value:
            return False
        column = seq.value[0].start_mark.column
        dash = " " * (column - 2)
        body = [f"{dash}# Proposed by neuron-policy import-manifest: {note}", f"{dash}- version: {_quoted(value)}"]
        if len(parts) == 1 and set(parts[0].platforms) == set(all_platforms):
            body.append(f"{' ' * column}sdk: {_quoted(parts[0].spec)}")
        else:
            body.append(f"{' ' * column}sdk:")
            for part in parts:
                line = f"{{range: {_quoted(part.spec)}, platforms: [{', '.join(part.platforms)}]}}"
                if part.after_gap:
                    line += "  # after a gap: add return: real or return: waived, and a reason"
                body.append(f"{' ' * (column + 2)}- {line}")
        end = _end(seq, self.text)
        self.edits.append(_Edit(end, end, "\n" + "\n".join(body)))
        self.changes.append(f"{value}: added ({note})")
        return True

    def result(self) -> str:
        text = self.text
        for edit in sorted(self.edits, key=lambda e: e.start, reverse=True):
            text = text[: edit.start] + edit.text + text[edit.end :]
        return text


def _comments(text: str, start: int, end: int, skip: Sequence[tuple[int, int]]) -> list[str]:
    """The comments written in ``text[start:end]`` outside the ``skip`` spans (parts kept as they
    are), so that a range written anew keeps the remarks about it."""
    found = []
    offset = start
    for line in text[start:end].split("\n"):
        if not any(a <= offset < b for a, b in skip):
            quote = ""
            for index, char in enumerate(line):
                if quote:
                    quote = "" if char == quote else quote
                elif char in "'\"":
                    quote = char
                elif char == "#" and (index == 0 or line[index - 1] in " \t"):
                    found.append(line[index + 1 :].strip())
                    break
        offset += len(line) + 1
    return [comment for comment in found if comment]


def _same_spec(a: str, b: str) -> bool:
    try:
        return SpecifierSet(a) == SpecifierSet(b)
    except ValueError:
        return False


def _reindent(text: str, column: int, wanted: int) -> str:
    """A part's text moved from ``column`` to ``wanted`` (its continuation lines too)."""
    lines = text.split("\n")
    shift = wanted - column
    out = [lines[0]]
    for line in lines[1:]:
        out.append(" " * shift + line if shift >= 0 else line[min(-shift, len(line) - len(line.lstrip())) :])
    return "\n".join(out)


# -- the whole import ---------------------------------------------------------------------------


def _describe(parts: Sequence[_Part], life: Lifecycle) -> str:
    return "; ".join(
        f"{p.spec or 'every release'} on {', '.join(life.platform_title(x) for x in p.platforms)}" for p in parts
    )


def _read_text(root: str, path: str) -> str | None:
    from pathlib import Path

    from . import files

    target = Path(root) / path
    try:
        return files.read_regular(Path(root), target).decode("utf-8")
    except (files.FileProblem, UnicodeDecodeError):
        return None


def propose(data_dir: str, result: LoadResult, sources: Sequence[ManifestSource]) -> ImportResult:
    """The ranges the manifests imply, for every dependency version they contradict."""
    life = Lifecycle(result.data)
    manifests, problems, judged = read_all(life, sources)
    if not judged:
        blocking = tuple(problems) or tuple(f for f in result.findings if f.blocking)
        return ImportResult((), (), blocking, False)
    view = ShippedView(manifests)
    found = manifest_findings(life, manifests)
    notes = [f.message for f in found if f.rule is RuleId.MANIFEST_RELEASE]
    planner = _Planner(life, view)
    mapping = result.data.manifest
    assert mapping is not None
    proposals: list[Proposal] = []
    for dep_id in mapping.dependencies:
        dep = result.data.dependency(dep_id)
        if dep is None:
            continue
        proposal, more = _propose_file(data_dir, life, planner, dep, found)
        notes += more
        if proposal is not None:
            proposals.append(proposal)
    return ImportResult(tuple(proposals), tuple(notes), tuple(problems), True)


def _contradicted(found: Sequence[Finding], dep: Dependency) -> tuple[set[str], set[str]]:
    """Versions of a dependency whose ranges the manifests contradict, and versions they ship
    that the data lacks."""
    known = {v.version.value for v in dep.versions}
    wrong: set[str] = set()
    for f in found:
        if f.rule in _RANGE_RULES and f.subject is not None and f.subject.name == dep.id:
            wrong.update(f.subject.versions)
    return wrong & known, wrong - known


def _propose_file(
    data_dir: str, life: Lifecycle, planner: _Planner, dep: Dependency, found: Sequence[Finding]
) -> tuple[Proposal | None, list[str]]:
    wrong, missing = _contradicted(found, dep)
    if not wrong and not missing:
        return None, []
    text = _read_text(data_dir, dep.path)
    if text is None:
        return None, [f"{dep.path}: cannot be read again to edit it"]
    file = _File(dep.path, text)
    notes: list[str] = []
    for version in dep.versions:
        value = version.version.value
        if value not in wrong:
            continue
        parts = planner.parts(dep.id, value, version)
        if not parts:
            notes.append(f"{version.subject}: no release in the manifests shipped it; its range is left as it is")
            continue
        note = f"{value}: {_describe(parts, life)}"
        if not file.set_range(value, parts, life.platforms, note):
            notes.append(f"{version.subject}: its sdk range could not be located in {dep.path}; not changed")
    for value in sorted(missing, key=_version_key):
        parts = planner.parts(dep.id, value, None)
        if parts and not file.add_version(value, parts, life.platforms, f"shipped {_describe(parts, life)}"):
            notes.append(f"{dep.id} {value}: {dep.path} has no block list of versions to add it to")
    if not file.edits:
        return None, notes
    return Proposal(dep.path, text, file.result(), tuple(file.changes)), notes


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(".") if p.isdigit())


def iter_diffs(result: ImportResult) -> Iterator[str]:
    for proposal in result.proposals:
        yield proposal.diff()


__all__ = ["ImportResult", "Proposal", "iter_diffs", "propose"]
