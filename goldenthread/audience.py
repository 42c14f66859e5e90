"""The audience filter: which items each build may publish.

Public is an allow-list: an item is published on the public site only when it says
``visibility: public``.  The filter runs on the model, before any page, navigation
entry, search index or export exists, so nothing else needs to remember it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from .roadmap import Roadmap

Audience = Literal["public", "internal"]
AUDIENCES: tuple[Audience, ...] = ("public", "internal")


def _public(item: object) -> bool:
    return getattr(item, "visibility", None) == "public"


def for_audience(roadmap: Roadmap, audience: Audience) -> Roadmap:
    """The road map as ``audience`` may see it (the intranet sees everything)."""
    if audience == "internal":
        return roadmap
    if audience != "public":
        raise ValueError(f"unknown audience {audience!r}")

    def keep(items: dict) -> dict:
        return {k: v for k, v in items.items() if _public(v)}

    info = roadmap.info.model_copy(
        update={"achievements": [a for a in roadmap.info.achievements if _public(a)]})
    return replace(
        roadmap,
        info=info,
        goals=keep(roadmap.goals),
        priorities=keep(roadmap.priorities),
        indicators=keep(roadmap.indicators),
        services=keep(roadmap.services),
        actions=keep(roadmap.actions),
        partner_plans=keep(roadmap.partner_plans),
        accountabilities=tuple(a for a in roadmap.accountabilities if _public(a)),
        glossary=tuple(t for t in roadmap.glossary if _public(t)),
    )
