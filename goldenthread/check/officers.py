"""Named officers: one officer per role, each role written as it is elsewhere, or the
officer's name is never shown."""

from __future__ import annotations

from collections.abc import Iterable

from goldenthread.check.registry import CheckContext, check
from goldenthread.problems import Problem
from goldenthread.read.kinds import single_file
from goldenthread.read.messages import suggest
from goldenthread.read.roadmap import Roadmap

#: The named officers' file.
OFFICERS = single_file("officers")


def roles_in_use(roadmap: Roadmap) -> set[str]:
    """Every role written anywhere in the road map (owners, leads, accountabilities)."""
    roles = {roadmap.info.owner} if roadmap.info is not None else set()
    roles |= {a.role for a in roadmap.accountabilities}
    roles |= {p.lead for p in roadmap.priorities.values()}
    for items in (roadmap.indicators, roadmap.services, roadmap.actions):
        roles |= {item.owner for item in items.values()}
    roles |= {b.owner for b in roadmap.blockages.values()}
    roles |= {b.raised_by for b in roadmap.blockages.values()}
    roles |= {e.owner for e in roadmap.munro}
    return roles


@check
def officer_roles(context: CheckContext) -> Iterable[Problem]:
    """One officer per role, and every officer's role written as it is elsewhere."""
    roadmap = context.roadmap
    roles = roles_in_use(roadmap)
    seen: dict[str, int] = {}
    for i, officer in enumerate(roadmap.officers):
        where = roadmap.where("file", OFFICERS.path, OFFICERS.entries, i, "role")
        if officer.role in seen:
            yield Problem(
                where, f"{OFFICERS.path}: the role '{officer.role}' has two officers (also entry "
                f"{seen[officer.role] + 1}); name one officer per role", "duplicate-id")
        seen.setdefault(officer.role, i)
        if officer.role not in roles:
            yield Problem(
                where, f"{OFFICERS.path}: the role '{officer.role}' is not used anywhere in the "
                "road map, so the officer's name is never shown; write the role exactly as "
                f"for owners and accountabilities{suggest(officer.role, roles)}",
                "unknown-role")
