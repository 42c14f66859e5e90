"""The "Health of the road map" page (intranet): alignment coverage and readability.

Coverage shows, goal by goal and plan priority by plan priority, how complete the
golden thread is, the same facts the alignment checks test.  Readability gives each
public text a Flesch reading ease score (``textstat``, which works offline) as a hint
for editors, never as a gate: no build fails on a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from goldenthread.check.reader_versions import lean_textstat, reading_grade
from goldenthread.derive.reader_text import text_fields
from goldenthread.derive.reader_versions import VERSION_FIELDS, coverage
from goldenthread.derive.thread import compute_links
from goldenthread.derive.vocabulary_lists import accountability_levels
from goldenthread.read.roadmap import Roadmap
from goldenthread.render.contexts import HealthContext
from goldenthread.render.rows import GoalCoverage, PlanPriorityCoverage, Readability

#: Texts shorter than this are left out of the readability table: a score for a few
#: words (a title, a name) says nothing.
MIN_WORDS = 8
#: Flesch reading ease bands, from the top: (lowest score, plain description).
BANDS = ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English"),
         (50, "fairly difficult"), (30, "difficult"), (float("-inf"), "very difficult"))


def band(score: float) -> str:
    """The plain description of a Flesch reading ease score."""
    return next(name for lowest, name in BANDS if score >= lowest)


def goal_coverage(roadmap: Roadmap) -> list[GoalCoverage]:
    """One row per goal, in display order."""
    links = compute_links(roadmap)
    rows = []
    for goal_id, goal in roadmap.goals.items():
        measures = [roadmap.indicators[i] for i in links.goal_indicators.get(goal_id, [])]
        accountable = links.accountable_for.get(("goal", goal_id), [])
        rows.append(GoalCoverage(
            id=goal_id,
            title=goal.title,
            public=goal.visibility == "public",
            plan_priorities=len(goal.serves),
            services=len(links.goal_services.get(goal_id, [])),
            measures=len(measures),
            measures_with_target=sum(1 for m in measures if m.targets),
            levels={level.id: sum(1 for a in accountable if a.level == level.id)
                    for level in accountability_levels(roadmap)},
            unused=tuple(level.id for level in accountability_levels(roadmap)
                         if not level.used),
        ))
    return rows


def plan_coverage(roadmap: Roadmap) -> list[PlanPriorityCoverage]:
    """Every partner-plan priority with the goals serving it, plan by plan."""
    served = compute_links(roadmap).plan_priority_goals
    return [PlanPriorityCoverage(
        plan=plan.title, title=priority.title,
        goals=tuple(roadmap.goals[g].title for g in served.get(f"{plan_id}/{priority.id}", [])),
        out_of_scope=priority.out_of_scope)
        for plan_id, plan in roadmap.partner_plans.items() for priority in plan.priorities]


def readability(roadmap: Roadmap) -> list[Readability]:
    """Public texts of :data:`MIN_WORDS` words or more, hardest to read first.

    The first score loads textstat's pronouncing dictionary (about 2 seconds, once per
    build); only the intranet's health page asks for scores, so public builds never pay.
    """
    textstat = lean_textstat()  # here, not at import: only the health page needs it
    rows = []
    for field in text_fields(roadmap, "public"):
        words = len(field.text.split())
        if words < MIN_WORDS:
            continue
        score = round(float(textstat.flesch_reading_ease(field.text)), 1)
        excerpt = " ".join(field.text.split()[:10]) + (" …" if words > 10 else "")
        rows.append(Readability(field.label, field.field, words, score, band(score), excerpt))
    return sorted(rows, key=lambda r: (r.score, r.label, r.field))


#: The school grade (Flesch-Kincaid) public pages should read at or below.
TARGET_GRADE = 6
#: Fields that name a role or an organisation as it is called ('Detective Chief
#: Inspector', 'Walsall Safeguarding Children Board'): names, not prose an editor can
#: put in plainer words, so a page's grade leaves them out, as the table leaves out texts
#: too short to score.
NAME_FIELDS = frozenset({"owner", "lead", "role", "organisation", "partners"})


def page_grades(roadmap: Roadmap) -> list[tuple[str, int, float]]:
    """(page, words, Flesch-Kincaid grade) of each public item's text taken together, as
    a reader meets it on the item's page, hardest first."""
    pages: dict[str, list[str]] = {}
    for field in text_fields(roadmap, "public"):
        text = field.text.strip()
        # Text for the versions for other readers is on their pages, not the item's.
        if (text and field.name not in NAME_FIELDS
                and not VERSION_FIELDS & {p for p in field.loc if isinstance(p, str)}):
            pages.setdefault(field.label, []).append(text if text[-1] in ".!?" else text + ".")
    rows = []
    for label, texts in pages.items():
        joined = " ".join(texts)
        words = len(joined.split())
        if words >= MIN_WORDS:
            rows.append((label, words, reading_grade(joined)))
    return sorted(rows, key=lambda r: (-r[2], r[0]))


#: The readability table lists this many texts, hardest first; the rest are counted.
HARDEST_SHOWN = 25


def health(roadmap: Roadmap, warnings: Sequence[Any] = ()) -> HealthContext:
    """Everything the health page shows, for the intranet's (full) road map, with the
    checks' ``warnings``."""
    goals = goal_coverage(roadmap)
    texts = readability(roadmap)
    services_without_goal = [s.name for s in roadmap.services.values() if not s.contributes_to]
    average = round(sum(r.score for r in texts) / len(texts), 1) if texts else None
    return HealthContext(
        goals=goals,
        plan_priorities=plan_coverage(roadmap),
        services_total=len(roadmap.services),
        services_without_goal=services_without_goal,
        actions_total=len(roadmap.actions),
        readability=texts[:HARDEST_SHOWN],
        readability_more=max(0, len(texts) - HARDEST_SHOWN),
        average_score=average,
        average_band=band(average) if average is not None else None,
        min_words=MIN_WORDS,
        warnings=warnings,
        page_grades=page_grades(roadmap),
        target_grade=TARGET_GRADE,
        versions=coverage(roadmap),
    )
