"""Ids the road map's vocabulary gives meaning to: each accountability's level, each
budget line's payer and stage of spending must be one the road map knows.

The levels and stages come from the vocabulary roadmap.yml names (or its own lists);
the payers are roadmap.yml's partners (see :mod:`goldenthread.derive.vocabulary_lists`).
A blockage's step of escalation is checked with the other blockage rules
(:mod:`goldenthread.check.blockages`).
"""

from __future__ import annotations

from collections.abc import Iterable

from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.money import budget_lines
from goldenthread.derive.vocabulary_lists import accountability_levels, payers, spending_stages
from goldenthread.problems import Problem
from goldenthread.read.kinds import BY_ATTRIBUTE
from goldenthread.read.messages import suggest

ACCOUNTABILITIES_FILE = BY_ATTRIBUTE["accountabilities"].path


def _known(ids: Iterable[str]) -> str:
    return ", ".join(ids) or "none"


@check
def accountability_levels_known(context: CheckContext) -> Iterable[Problem]:
    """Each accountability names one of the road map's levels."""
    roadmap = context.roadmap
    levels = [level.id for level in accountability_levels(roadmap)]
    for i, acc in enumerate(roadmap.accountabilities):
        if acc.level not in levels:
            yield Problem(
                roadmap.where("file", ACCOUNTABILITIES_FILE, "accountabilities", i, "level"),
                f"{ACCOUNTABILITIES_FILE}: '{acc.level}' is not a level of accountability"
                f"{suggest(acc.level, levels)}; the levels are {_known(levels)} (the road "
                "map's vocabulary, or 'accountability_levels' in roadmap.yml)", "invalid-value")


@check
def budget_payers_and_stages_known(context: CheckContext) -> Iterable[Problem]:
    """Each budget line is paid for by one of roadmap.yml's partners, at one of the
    vocabulary's stages of spending."""
    roadmap = context.roadmap
    partners = list(payers(roadmap))
    stages = [stage.id for stage in spending_stages(roadmap)]
    for budget_id, budget in roadmap.budgets.items():
        for line in budget_lines(budget):
            item = line.allocation
            if item.partner not in partners:
                yield Problem(
                    roadmap.where("budget", budget_id, line.field, line.index, "partner"),
                    f"budget '{budget_id}': '{item.partner}' is not one of the partners in "
                    f"roadmap.yml{suggest(item.partner, partners)}; the partners' ids are "
                    f"{_known(partners)}. Add it to 'partners' in roadmap.yml (e.g. '- id: "
                    f"{item.partner}' and 'name: ...'), or name the partner that pays",
                    "invalid-value")
            if item.stage not in stages:
                yield Problem(
                    roadmap.where("budget", budget_id, line.field, line.index, "stage"),
                    f"budget '{budget_id}': '{item.stage}' is not a stage of spending"
                    f"{suggest(item.stage, stages)}; the stages are {_known(stages)} (the road "
                    "map's vocabulary, or 'stages' in roadmap.yml)", "invalid-value")
