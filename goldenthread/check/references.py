"""Audience references: a public item must not point at an internal one.

The public site would otherwise show a link to a page that does not exist there, or
the title of something internal.  This is an error in the public build, rather than a
reference quietly shown as plain text: an editor who marks a goal internal must decide
what happens to the public items that lean on it, and an item whose golden thread has a
hidden link would mislead readers.  The intranet build shows everything, so there it is
not a problem.  The rule is the public filter's own allow-list: a target that does not
say ``visibility: public`` (a partner plan's priority follows its plan) is not public.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.public_filter import has_visibility, is_public
from goldenthread.problems import Problem
from goldenthread.read.roadmap import Roadmap, references, targets_of


def _owner(roadmap: Roadmap, kind: str, target_id: str, target: Any) -> Any:
    """What decides the target's visibility: a plan's priority is as visible as its plan."""
    if kind == "plan priority":
        return roadmap.partner_plans.get(target_id.partition("/")[0])
    return target


def _published(record: Any, path: tuple[Any, ...]) -> bool:
    """Whether the value at ``path`` inside ``record`` is published: the record and every
    record on the way down say public (a budget's internal line is not, in a public
    budget)."""
    value = record
    for part in path:
        if has_visibility(value) and not is_public(value):
            return False
        if isinstance(part, int) and isinstance(value, list | tuple):
            value = value[part] if part < len(value) else None
        else:
            value = getattr(value, str(part), None)
    return not has_visibility(value) or is_public(value)


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
        # A single file's entry is the source itself; the path inside it follows its index.
        inside = ref.loc[2:] if ref.kind == "file" else ref.loc
        if (is_public(source) and _published(source, inside)
                and not is_public(_owner(roadmap, ref.target_kind, ref.target_id, target))):
            kind, target_id = ref.target_kind, ref.target_id
            if kind == "plan priority":  # the plan decides, so name the plan
                kind, target_id = "partner plan", target_id.partition("/")[0]
            yield Problem(
                roadmap.where(ref.kind, ref.item_id, *ref.loc),
                f"{ref.label}: this public item refers to the internal {kind} "
                f"'{target_id}', which the public site does not show; make that "
                f"{kind} public, or this item internal",
                "internal-ref")
