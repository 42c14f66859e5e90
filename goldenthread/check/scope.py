"""Which items a check looks at: the public ones for the public build, all for the intranet.

Shared by the staleness, alignment and plain-language checks, so that each speaks
about exactly what the build being checked will publish.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from goldenthread.check.registry import CheckContext
from goldenthread.derive.audience import for_audience
from goldenthread.read.kinds import ITEMS
from goldenthread.read.roadmap import Roadmap

#: (attribute on the road map, label used in messages) for each kind kept one per file.
ITEM_ATTRIBUTES: tuple[tuple[str, str], ...] = tuple((k.attribute, k.label) for k in ITEMS)


def in_scope(context: CheckContext) -> Roadmap:
    """The road map as the audience being checked will see it (the intranet sees all)."""
    audience = "public" if context.audience == "public" else "internal"
    return for_audience(context.roadmap, audience)


def scoped_items(roadmap: Roadmap) -> Iterator[tuple[str, str, Any]]:
    """(label, id, item) for every item kept one per file, kind by kind in display order."""
    for attribute, label in ITEM_ATTRIBUTES:
        for item_id, item in getattr(roadmap, attribute).items():
            yield label, item_id, item
