"""Audience references: a public item must not point at an internal one.

The public site would otherwise show a link to a page that does not exist there, or
the title of something internal.  This is an error in the public build.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..problems import Problem
from ..roadmap import references, targets_of
from . import CheckContext, check


@check
def public_refers_to_internal(context: CheckContext) -> Iterable[Problem]:
    """Public items that refer to internal items (only when building for the public)."""
    if context.audience != "public":
        return
    roadmap = context.roadmap
    for ref in references(roadmap):
        source = ref.source_item(roadmap)
        target = targets_of(roadmap, ref.target_kind).get(ref.target_id)
        if source is None or target is None:
            continue
        if getattr(source, "visibility", "public") == "public" and getattr(
                target, "visibility", "public") != "public":
            yield Problem(
                roadmap.where(ref.kind, ref.item_id, *ref.loc),
                f"{ref.label}: this public item refers to the internal {ref.target_kind} "
                f"'{ref.target_id}', which the public site does not show; make that "
                f"{ref.target_kind} public, or this item internal",
                "internal-ref")
