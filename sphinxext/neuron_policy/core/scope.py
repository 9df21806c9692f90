"""Platform scope: the releases a support range covers on one platform, and the grouping of
platforms that agree, so that outputs say "Maintenance (Inf2, Trn1)" only where platforms differ."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from .model import SdkRelease, Spec, SupportRange
from .release_index import ReleaseIndex, Span

T = TypeVar("T", bound=Hashable)


def date_key(release: SdkRelease) -> tuple[object, object]:
    """Releases by date, then version."""
    return (release.released.value.earliest, release.version.value)


def supported_specs(support: SupportRange | None, platform: str | None) -> tuple[Spec, ...]:
    """The ranges that support a subject on a platform (a waived return only shipped it)."""
    if support is None:
        return ()
    return tuple(part.spec.value for part in support.parts_for(platform) if part.supported)


def union_span(index: ReleaseIndex, specs: Sequence[Spec]) -> Span | None:
    """First, last, earliest and first-above release of a union of ranges; None if it matches none."""
    spans = [span for span in (index.span(spec) for spec in specs) if span is not None]
    if not spans:
        return None
    if len(spans) == 1:
        return spans[0]
    top = max(spans, key=lambda s: s.last.version.value)  # nothing above its last is in the union
    return Span(
        first=min((s.first for s in spans), key=lambda r: r.version.value),
        last=top.last,
        earliest=min((s.earliest for s in spans), key=date_key),
        above=top.above,
    )


def union_matching(index: ReleaseIndex, specs: Sequence[Spec]) -> tuple[SdkRelease, ...]:
    """The releases any of the ranges matches, in version order."""
    if len(specs) == 1:
        return index.matching(specs[0])
    return union_of(index.matching(spec) for spec in specs)


def union_of(sets: Iterable[tuple[SdkRelease, ...]]) -> tuple[SdkRelease, ...]:
    """Releases found by several ranges (each in version order), once each, in version order."""
    nonempty = [found for found in sets if found]
    if len(nonempty) == 1:
        return nonempty[0]
    found = {r.version.value: r for releases in nonempty for r in releases}
    return tuple(found[v] for v in sorted(found))


def groups(values: Mapping[str, T], order: Iterable[str]) -> list[tuple[T, tuple[str, ...]]]:
    """Platforms grouped by equal value, in the order of the first platform of each group."""
    grouped: dict[T, list[str]] = {}
    for platform in order:
        if platform in values:
            grouped.setdefault(values[platform], []).append(platform)
    return [(value, tuple(platforms)) for value, platforms in grouped.items()]
