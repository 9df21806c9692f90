"""What a JSON export of an earlier build states, as a :class:`~.snapshot.Snapshot`, so that
``neuron-policy diff`` and ``neuron-lifecycle-changes`` compare it as they compare data.

An export (``neuron-policy export json``, format ``neuron-policy-lifecycle``) states the computed
lifecycle: every release, dependency version and software item with its phases over time (its
periods), its dates, its support ranges and its milestones, and every announcement with its
posts. It does not state the waivers or the rule parameters of kinds, and it writes a month as
its first day: a comparison with an export leaves those out and compares dates by day. A document
that does not read as such an export is :class:`~.loader.UnreadableInput`, with the JSON path at
fault.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from .export_json import FORMAT, FORMAT_VERSION
from .loader import UnreadableInput
from .model import Loc, Located, PolicyDate, RangePart, Spec, SupportRange
from .naming import sdk_key, sdk_name
from .scope import supported_specs
from .snapshot import (
    NO_SUPPORT,
    AnnouncementFacts,
    Group,
    OnPlatform,
    PhaseFact,
    PolicyValue,
    PostFacts,
    Snapshot,
    SubjectFacts,
    Support,
    When,
    normal_subject,
)

#: Where the support ranges built from an export say they were written.
_EXPORT = Loc("export", 0)


class NotAnExport(Exception):
    """A value that is not what the format says, at a JSON path."""

    def __init__(self, path: str, expected: str) -> None:
        super().__init__(f"{path}: expected {expected}")


class _Value:
    """A JSON value and its path; each accessor raises :class:`NotAnExport` on the wrong form."""

    def __init__(self, value: Any, path: str = "$") -> None:
        self.value, self.path = value, path

    def __getitem__(self, key: str) -> _Value:
        if not isinstance(self.value, dict):
            raise NotAnExport(self.path, "an object")
        if key not in self.value:
            raise NotAnExport(f"{self.path}.{key}", "a value (the key is missing)")
        return _Value(self.value[key], f"{self.path}.{key}")

    def get(self, key: str) -> _Value | None:
        """The value of an optional key; None when it is absent or null."""
        found = self[key] if isinstance(self.value, dict) and key in self.value else None
        return found if found is not None and found.value is not None else None

    def items(self) -> list[_Value]:
        if not isinstance(self.value, list):
            raise NotAnExport(self.path, "a list")
        return [_Value(v, f"{self.path}[{i}]") for i, v in enumerate(self.value)]

    def text(self) -> str:
        if not isinstance(self.value, str):
            raise NotAnExport(self.path, "a string")
        return self.value

    def number(self) -> int:
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise NotAnExport(self.path, "a whole number")
        return self.value

    def day(self) -> PolicyDate:
        try:
            return PolicyDate.of(dt.date.fromisoformat(self.text()))
        except ValueError:
            raise NotAnExport(self.path, "a date YYYY-MM-DD") from None

    def version(self) -> Version:
        try:
            return Version(self.text())
        except InvalidVersion:
            raise NotAnExport(self.path, "a version") from None

    def spec(self) -> Spec:
        try:
            return Spec(self.text(), SpecifierSet(self.text()))
        except InvalidSpecifier:
            raise NotAnExport(self.path, "a PEP 440 specifier") from None


def _day(value: _Value | None) -> PolicyDate | None:
    return value.day() if value is not None else None


def _text(value: _Value | None) -> str | None:
    return value.text() if value is not None else None


def _names(value: _Value) -> list[str]:
    return [item.text() for item in value.items()]


def _support(value: _Value) -> SupportRange | None:
    """The support ranges as the model holds them, so that they apply per platform as in the data."""
    parts = tuple(
        RangePart(
            spec=Located(part["sdk"].spec(), _EXPORT),
            platforms=tuple(Located(p, _EXPORT) for p in _names(part["platforms"])),
            returns=Located(returns, _EXPORT) if (returns := _text(part.get("returns"))) else None,
            reason=None,
            loc=_EXPORT,
        )
        for part in value.items()
    )
    return SupportRange(parts=parts, loc=_EXPORT) if parts else None


def _phase_on(periods: _Value, day: dt.date) -> tuple[str, dt.date | None]:
    """The phase on a day, from the periods (before the first one: upcoming), and its start."""
    for period in periods.items():
        start, end = period["start"].day().earliest, _day(period.get("end"))
        if start <= day and (end is None or day < end.earliest):
            return period["phase"].text(), start
    return "upcoming", None


def _applies(milestone: _Value, platform: str | None) -> bool:
    named = _names(milestone["platforms"])
    return platform is None or not named or platform in named


def _use(milestones: Sequence[_Value], phase: str, platform: str | None) -> str | None:
    """The use a phase is limited to: that of the milestone that starts it, where it applies."""
    wanted = "end-of-support" if phase == "announced" else phase
    for milestone in milestones:
        if milestone["phase"].text() == wanted and _applies(milestone, platform):
            return _text(milestone.get("use"))
    return None


class _Reader:
    """Reads one export document."""

    def __init__(self, doc: _Value, as_of: dt.date | None) -> None:
        self.doc = doc
        self.exported = doc["as_of"].day().earliest
        self.as_of = as_of or self.exported
        self.platforms = {p["id"].text(): p["title"].text() for p in doc["platforms"].items()}
        self.releases = {r["version"].version(): r["released"].day() for r in doc["releases"].items()}

    def support(self, support: SupportRange | None, platform: str | None) -> Support:
        specs = supported_specs(support, platform)
        matched = frozenset(v for v in self.releases if any(v in s for s in specs))
        return Support(tuple(s.specifier for s in specs), matched)

    def phase(self, where: _Value, milestones: Sequence[_Value], platform: str | None) -> PhaseFact:
        """The phase on the as-of date: as stated, on the export's own date; else from the periods."""
        phase, since = _phase_on(where["periods"], self.as_of)
        if self.as_of == self.exported and (stated := where.get("phase")) is not None:
            phase = stated.text()
        use = _text(where.get("use")) if platform is not None and self.as_of == self.exported else None
        return PhaseFact(phase, use or _use(milestones, phase, platform), since)

    def release(self, value: _Value) -> SubjectFacts:
        version = value["version"].version()
        dates = {"released": When(value["released"].day())}
        if (eos := _day(value.get("end_of_support"))) is not None:
            dates["end-of-support"] = When(eos)
        on = OnPlatform(self.phase(value, (), None), MappingProxyType(dates), NO_SUPPORT)
        return SubjectFacts(sdk_key(version), sdk_name(version), "sdk", MappingProxyType({None: on}))

    @staticmethod
    def version_dates(where: _Value, milestones: Sequence[_Value], platform: str | None) -> dict[str, When]:
        """A dependency version's dates on a platform, as computed where it was exported."""
        dates: dict[str, When] = {}
        maintenance = _day(where.get("maintenance"))
        named = next(
            (
                _text(m.get("effective_sdk"))
                for m in milestones
                if m["phase"].text() == "maintenance" and _applies(m, platform)
            ),
            None,
        )
        if maintenance is not None or named is not None:
            dates["maintenance"] = When(maintenance, named)
        eos, eos_sdk = _day(where.get("end_of_support")), _text(where.get("end_of_support_sdk"))
        if eos is not None or eos_sdk is not None:
            dates["end-of-support"] = When(eos, eos_sdk)
        return dates

    @staticmethod
    def software_dates(milestones: Sequence[_Value], platform: str | None) -> dict[str, When]:
        """A software item's milestones that apply on a platform."""
        dates: dict[str, When] = {}
        for milestone in milestones:
            when = When(_day(milestone.get("effective")), _text(milestone.get("effective_sdk")))
            if _applies(milestone, platform) and (when.date is not None or when.version is not None):
                dates[milestone["phase"].text()] = when
        return dates

    def subject(self, value: _Value, key: str, name: str, group: Group) -> SubjectFacts:
        support = _support(value["support"])
        milestones = value["milestones"].items()
        present = {p["platform"].text(): p for p in value["platforms"].items()}
        upstream = _day(value.get("upstream_eol"))
        on: dict[str | None, OnPlatform] = {}
        for platform in self.platforms or (None,):
            where = value if platform is None else present.get(platform)
            if where is None:
                on[platform] = OnPlatform(None, MappingProxyType({}), self.support(support, platform))
                continue
            if group == "dependency":
                dates = self.version_dates(where, milestones, platform)
                if upstream is not None:
                    dates["upstream-eol"] = When(upstream)
            else:
                dates = self.software_dates(milestones, platform)
            phase = self.phase(where, milestones, platform)
            on[platform] = OnPlatform(phase, MappingProxyType(dates), self.support(support, platform))
        return SubjectFacts(key, name, group, MappingProxyType(on))

    def announcement(self, value: _Value, covers: Mapping[str, tuple[str, ...]]) -> AnnouncementFacts:
        key = value["subject"].text()
        sdk = key.startswith("sdk ")
        return AnnouncementFacts(
            key=normal_subject(key) if sdk else key,
            name=value["name"].text(),
            change=value["change"].text(),
            platforms=tuple(sorted(_names(value["platforms"]))),
            use=_text(value.get("use")),
            posts=tuple(
                PostFacts(
                    date=post["date"].day(),
                    kind=_text(post.get("kind")),
                    label=_text(post.get("label")),
                    title=_text(post.get("title")),
                )
                for post in value["posts"].items()
            ),
            effective=When(_day(value.get("effective")), _text(value.get("effective_sdk"))),
            covers=covers.get(key, ()) if sdk else (key,),
        )

    def snapshot(self, source: str) -> Snapshot:
        doc = self.doc
        subjects = {s.key: s for s in (self.release(r) for r in doc["releases"].items())}
        for dependency in doc["dependencies"].items():
            for version in dependency["versions"].items():
                key = version["subject"].text()
                subjects[key] = self.subject(version, key, version["name"].text(), "dependency")
        for item in doc["software"].items():
            key = item["subject"].text()
            subjects[key] = self.subject(item, key, item["title"].text(), "software")
        covers = {
            entry["subject"].text(): tuple(sdk_key(v) for v in _names(entry["releases"]))
            for entry in doc["end_of_support"].items()
        }
        policy = doc["policy"]
        return Snapshot(
            source=source,
            as_of=self.as_of,
            platforms=MappingProxyType(self.platforms),
            releases=MappingProxyType(self.releases),
            subjects=MappingProxyType(subjects),
            announcements=tuple(self.announcement(a, covers) for a in doc["announcements"].items()),
            waivers=None,
            policy=MappingProxyType(
                {
                    name: PolicyValue(name, None, policy[name].number())
                    for name in ("min_support_months", "eos_notice_months")
                }
            ),
            month_precision=False,
            partial=True,
        )


def export_snapshot(data: bytes, source: str, as_of: dt.date | None = None) -> Snapshot:
    """What an export states, its phases taken on ``as_of`` (default: the export's own date).
    Raises :class:`UnreadableInput` when the document is not an export this version reads."""
    try:
        value = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UnreadableInput(source, f"is not JSON ({exc})") from None
    doc = _Value(value)
    try:
        if doc.get("format") is None or doc["format"].value != FORMAT:
            raise UnreadableInput(source, f"is not a lifecycle export (a JSON document with format {FORMAT!r})")
        version = doc["format_version"].number()
        if version > FORMAT_VERSION:
            raise UnreadableInput(
                source, f"is an export of format version {version}; this version reads up to {FORMAT_VERSION}"
            )
        return _Reader(doc, as_of).snapshot(source)
    except NotAnExport as exc:
        raise UnreadableInput(source, f"is not a lifecycle export this version reads: {exc}") from None


__all__ = ["export_snapshot"]
