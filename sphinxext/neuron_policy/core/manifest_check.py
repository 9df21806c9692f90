"""The data against what each release actually shipped, per the release manifests.

For every release both know and every platform the manifests list in it, each dependency
version the mapping covers is compared with its support range for that platform:

* ``shipped-outside-range``: shipped in a release its range leaves out (or a version the data
  does not have at all);
* ``range-not-shipped``: its range includes a release that did not ship it there;
* ``shipped-after-eos``: shipped at or after its end of support on that platform;
* ``manifest-release``: a release in one of the two (manifests, ``sdk.yaml``) but not the other.

A release that ships a version in a ``return: waived`` part is what that part says (shipped
without support), so it is no finding. Findings are at the YAML line of the version concerned
(the range part, or the end of support), one per version, kind and set of releases, naming the
platforms it holds on, so a waiver with ``platforms:`` can accept it.

With several manifests, the first that lists a platform in a release decides what that release
shipped there: give the newest manifest first (``n2-manifest.json``, then the legacy one, which
fills in the Inf1 releases the first lacks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from packaging.version import Version

from .findings import Finding
from .lifecycle import Lifecycle
from .manifest import Entry, Manifest, ManifestRelease, ManifestSource, compress, interpret
from .model import DependencyVersion, Loc, RangePart, SdkRelease
from .registry import RuleId
from .scope import supported_specs, union_matching
from .subjects import Subject


@dataclass(frozen=True)
class Decided:
    """What a release shipped on a platform, from the manifest that decides it."""

    release: ManifestRelease
    manifest: Manifest


class ShippedView:
    """The manifests together: per (release, platform) the manifest that decides, in the order
    the manifests were given."""

    def __init__(self, manifests: Sequence[Manifest]) -> None:
        self.manifests = tuple(m for m in manifests if m.readable)
        self._decided: dict[tuple[Version, str], Decided] = {}
        self.releases: dict[Version, tuple[ManifestRelease, Manifest]] = {}
        for manifest in self.manifests:
            for release in manifest.releases:
                self.releases.setdefault(release.version, (release, manifest))
                for platform in release.platforms:
                    self._decided.setdefault((release.version, platform), Decided(release, manifest))

    def decided(self, version: Version, platform: str) -> Decided | None:
        return self._decided.get((version, platform))

    def span(self) -> tuple[Version, Version] | None:
        """The oldest and newest release of all the manifests."""
        if not self.releases:
            return None
        return min(self.releases), max(self.releases)


def read_all(life: Lifecycle, sources: Sequence[ManifestSource]) -> tuple[tuple[Manifest, ...], list[Finding], bool]:
    """The manifests read with the data's mapping, their problems, and whether the comparison
    can be judged (every manifest and the mapping readable)."""
    data = life.data
    mapping = data.manifest
    if mapping is None:
        if "manifest.yaml" in data.broken:  # its own error says why
            return (), [], False
        problem = Finding.of(
            RuleId.MANIFEST_FORMAT,
            Loc("manifest.yaml", 1, 1),
            "the data has no manifest.yaml, which says how to read the release manifests (instances, packages, "
            "python); see the data format reference",
        )
        return (), [problem], False
    manifests = tuple(interpret(source, mapping, life.platforms) for source in sources)
    problems = [p for m in manifests for p in m.problems]
    judged = all(m.readable for m in manifests) and not {"sdk.yaml", "policy.yaml"} & data.broken
    return manifests, problems, judged


@dataclass
class _Gathered:
    """Releases of one finding kind for one version and platform."""

    releases: list[SdkRelease] = field(default_factory=list)
    entry: Entry | None = None
    loc: Loc | None = None


def manifest_findings(life: Lifecycle, manifests: Sequence[Manifest]) -> list[Finding]:
    """Every finding of the comparison of the data with the (readable) manifests."""
    view = ShippedView(manifests)
    found = list(_release_findings(life, view))
    mapping = life.data.manifest
    if mapping is None:
        return found
    covered = [r for r in life.index.releases if r.version.value in view.releases]
    order = [str(r.version.value) for r in covered]
    for dep_id in mapping.dependencies:
        dep = life.data.dependency(dep_id)
        if dep is None:  # its file could not be read: its own error says why
            continue
        known = {v.version.value for v in dep.versions}
        for version in dep.versions:
            found += _version_findings(life, view, covered, order, version)
        found += _unknown_versions(life, view, covered, order, dep_id, known, dep.path, dep.loc)
    return found


def _release_findings(life: Lifecycle, view: ShippedView) -> Iterable[Finding]:
    sdk = {r.version.value for r in life.index.releases}
    for version, (release, manifest) in sorted(view.releases.items()):
        if version not in sdk:
            yield Finding.of(
                RuleId.MANIFEST_RELEASE,
                release.loc,
                f"SDK {version} is in {_name(manifest)} but not in sdk.yaml: add it with its release date "
                "(the manifest has no dates)",
                Subject("sdk", "sdk", (str(version),)),
            )
    span = view.span()
    if span is None:
        return
    names = ", ".join(_name(m) for m in view.manifests)
    for sdk_release in life.index.releases:
        version = sdk_release.version.value
        if span[0] <= version <= span[1] and version not in view.releases:
            yield Finding.of(
                RuleId.MANIFEST_RELEASE,
                sdk_release.version.loc,
                f"SDK {version} is in sdk.yaml but in no manifest ({names}, releases {span[0]}-{span[1]})",
                Subject("sdk", "sdk", (str(version),)),
            )


def _name(manifest: Manifest) -> str:
    return manifest.path.replace("\\", "/").rsplit("/", 1)[-1]


def _after(release: SdkRelease, eos_version: Version | None, eos_day: object) -> bool:
    if eos_version is not None:
        return release.version.value >= eos_version
    return eos_day is not None and release.released.value.earliest >= eos_day  # type: ignore[operator]


def _part_including(parts: Sequence[RangePart], release: SdkRelease) -> RangePart | None:
    return next((p for p in parts if release.version.value in p.spec.value), None)


def _version_findings(
    life: Lifecycle,
    view: ShippedView,
    covered: Sequence[SdkRelease],
    order: Sequence[str],
    version: DependencyVersion,
) -> list[Finding]:
    key = (version.dependency, version.version.value)
    # kind -> platform -> gathered
    kinds: dict[RuleId, dict[str, _Gathered]] = {}
    for platform in life.platforms:
        parts = version.support.parts_for(platform)
        supported = {r.version.value for r in union_matching(life.index, supported_specs(version.support, platform))}
        waived = {r.version.value for part in parts if not part.supported for r in life.index.matching(part.spec.value)}
        dates = life.dates(version, platform)
        eos_version = None if dates.eos_default else dates.eos_version
        eos_day = None if dates.eos_default or dates.eos is None else dates.eos.earliest
        milestone = version.end_of_support
        eos_loc = milestone.effective.loc if milestone and milestone.effective else version.version.loc
        for release in covered:
            decided = view.decided(release.version.value, platform)
            if decided is None:
                continue
            entry = decided.release.shipped.get(platform, {}).get(key)
            inside = release.version.value in supported
            after = not dates.eos_default and _after(release, eos_version, eos_day)
            rule: RuleId | None = None
            loc: Loc
            if entry is not None and release.version.value in waived and not inside:
                continue
            if entry is not None and after:
                rule, loc = RuleId.SHIPPED_AFTER_EOS, eos_loc
            elif entry is not None and not inside:
                rule = RuleId.SHIPPED_OUTSIDE_RANGE
                loc = parts[0].spec.loc if parts else version.version.loc
            elif entry is None and inside and version.dependency not in decided.release.partial:
                rule = RuleId.RANGE_NOT_SHIPPED
                part = _part_including(parts, release)
                loc = part.spec.loc if part else version.version.loc
            if rule is None:
                continue
            gathered = kinds.setdefault(rule, {}).setdefault(platform, _Gathered(loc=loc))
            gathered.releases.append(release)
            if gathered.entry is None:
                gathered.entry = entry or Entry(
                    f"SDK {release.version.value} in {_name(decided.manifest)}", decided.release.loc
                )
    out = []
    for rule, per_platform in kinds.items():
        for platforms, gathered in _grouped(per_platform, life.platforms):
            out.append(_finding(life, version, rule, platforms, gathered, order))
    return out


def _grouped(per_platform: Mapping[str, _Gathered], order: Sequence[str]) -> list[tuple[tuple[str, ...], _Gathered]]:
    """Platforms with the same releases and place, as one group each, in platform order."""
    groups: dict[tuple[tuple[str, ...], Loc | None], tuple[list[str], _Gathered]] = {}
    for platform in order:
        gathered = per_platform.get(platform)
        if gathered is None:
            continue
        key = (tuple(str(r.version.value) for r in gathered.releases), gathered.loc)
        groups.setdefault(key, ([], gathered))[0].append(platform)
    return [(tuple(platforms), gathered) for platforms, gathered in groups.values()]


def _on(life: Lifecycle, platforms: Sequence[str]) -> str:
    names = [life.platform_title(p) for p in platforms]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _releases(releases: Sequence[SdkRelease], order: Sequence[str]) -> str:
    runs = compress([str(r.version.value) for r in releases], order)
    return f"{len(releases)} releases (SDK {runs})" if len(releases) > 1 else f"SDK {runs}"


def _finding(
    life: Lifecycle,
    version: DependencyVersion,
    rule: RuleId,
    platforms: tuple[str, ...],
    gathered: _Gathered,
    order: Sequence[str],
) -> Finding:
    where = _on(life, platforms)
    when = _releases(gathered.releases, order)
    parts = version.support.parts_for(platforms[0])
    ranges = " or ".join(repr(p.spec.value.text) for p in parts if p.supported)
    if rule is RuleId.SHIPPED_AFTER_EOS:
        dates = life.dates(version, platforms[0])
        ends = f"SDK {dates.eos_version}" if dates.eos_version is not None else str(dates.eos)
        message = f"{version.subject}: shipped on {where} at or after its end of support ({ends}), in {when}"
    elif rule is RuleId.SHIPPED_OUTSIDE_RANGE:
        if ranges:
            message = f"{version.subject}: shipped on {where} in releases its sdk range {ranges} leaves out: {when}"
        else:
            message = f"{version.subject}: shipped on {where}, for which its sdk range has no part, in {when}"
    else:
        message = f"{version.subject}: its sdk range {ranges} includes releases that did not ship it on {where}: {when}"
    entry = gathered.entry
    hints: tuple[str, ...] = ()
    if entry is not None:
        verb = "first shipped" if rule is not RuleId.RANGE_NOT_SHIPPED else "first release without it"
        hints = (f"{verb}: {entry.loc} ({entry.what})",)
    subject = Subject("dependency", version.dependency, (version.version.value,), platforms=platforms)
    assert gathered.loc is not None
    return Finding.of(rule, gathered.loc, message, subject, hints)


def _unknown_versions(
    life: Lifecycle,
    view: ShippedView,
    covered: Sequence[SdkRelease],
    order: Sequence[str],
    dep_id: str,
    known: set[str],
    path: str,
    loc: Loc,
) -> list[Finding]:
    """Versions a release shipped that the data does not have at all."""
    shipped: dict[str, dict[str, _Gathered]] = {}
    for platform in life.platforms:
        for release in covered:
            decided = view.decided(release.version.value, platform)
            if decided is None:
                continue
            for (dep, value), entry in decided.release.shipped.get(platform, {}).items():
                if dep != dep_id or value in known:
                    continue
                gathered = shipped.setdefault(value, {}).setdefault(platform, _Gathered(loc=loc))
                gathered.releases.append(release)
                if gathered.entry is None:
                    gathered.entry = entry
    out = []
    for value in sorted(shipped, key=lambda v: tuple(int(p) for p in v.split(".") if p.isdigit())):
        for platforms, gathered in _grouped(shipped[value], life.platforms):
            first = gathered.entry
            out.append(
                Finding.of(
                    RuleId.SHIPPED_OUTSIDE_RANGE,
                    loc,
                    f"{dep_id} {value}: shipped on {_on(life, platforms)} in "
                    f"{_releases(gathered.releases, order)}, but {path} has no version {value!r}",
                    Subject("dependency", dep_id, (value,), platforms=platforms),
                    (f"first shipped: {first.loc} ({first.what})",) if first else (),
                )
            )
    return out


__all__ = ["ShippedView", "manifest_findings", "read_all"]
