"""The audience filter: which items each build may publish.

Public is an allow-list: an item is published on the public site only when it says
``visibility: public``.  The filter runs on the model, before any page, navigation
entry, search index or export exists, so nothing else needs to remember it.
"""

from __future__ import annotations

from typing import Literal

from goldenthread.derive.public_filter import public_only
from goldenthread.derive.remainder import protect_remainders
from goldenthread.read.roadmap import Roadmap

Audience = Literal["public", "internal"]
AUDIENCES: tuple[Audience, ...] = ("public", "internal")


def for_audience(roadmap: Roadmap, audience: Audience) -> Roadmap:
    """The road map as ``audience`` may see it (the intranet sees everything).

    The public filter walks the whole model (:func:`goldenthread.derive.public_filter.public_only`),
    so every item kind and every sub-record with a ``visibility`` field is covered,
    including kinds added later.
    """
    if audience == "internal":
        return roadmap
    if audience != "public":
        raise ValueError(f"unknown audience {audience!r}")
    # Every check asks for the public view of the same road map; filter it once.
    # (Road maps are frozen, so the cached view can never go stale.)
    if _last_public[0] is not roadmap:
        # A budget's figure for its hidden lines must not give one of them away: merged or
        # withheld here, where the whole budget is still known (derive.remainder).
        _last_public[:] = [roadmap, protect_remainders(roadmap, public_only(roadmap))]
    return _last_public[1]


#: [road map, its public view] for the road map most recently filtered.
_last_public: list = [None, None]
