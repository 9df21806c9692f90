"""Stable identifiers of what the exports publish: the same announcement, post or calendar
event gets the same id in every build, so feed readers and calendars update an item instead of
adding it again.

Each id is a name-based UUID (version 5) of a readable name that says what the item is: the
SDK's name, the subject key, the change, and the post's position or the event's kind.
"""

from __future__ import annotations

import uuid

from .announcements import Announcement

#: The namespace of every id the exports make.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/sphinx-neuron-policy/")


def stable_uuid(*parts: str) -> uuid.UUID:
    """The UUID of a name made of parts (joined with a separator no part can hold)."""
    return uuid.uuid5(NAMESPACE, "\x1f".join(parts))


def urn(*parts: str) -> str:
    return stable_uuid(*parts).urn


def announcement_id(sdk: str, a: Announcement) -> str:
    return urn(sdk, "announcement", a.key, a.change)


def post_id(sdk: str, a: Announcement, index: int) -> str:
    """The id of ``a.posts[index]``: its announcement, its date, and its place among the posts of
    that day, so that adding a post does not change the ids of the others."""
    post = a.posts[index]
    same_day = sum(1 for p in a.posts[:index] if p.date.value == post.date.value)
    return urn(sdk, "post", a.key, a.change, str(post.date.value), str(same_day))
