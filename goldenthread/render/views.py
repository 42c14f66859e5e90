"""Derived facts for pages: golden-thread chains, indicator summaries, matrices.

Views turn the road map into the plain structures templates need.  They compute;
they never format HTML (templates do) and never read files (the road map is given).
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Any

from goldenthread.check.pipeline import today_for
from goldenthread.derive.memo import IdentityMemo
from goldenthread.derive.progress import (
    ACTION_STATUS,
    action_progress,
    figures_overdue_days,
    how_long,
)
from goldenthread.derive.thread import Links, compute_links
from goldenthread.derive.trend import (
    comparator_figures,
    comparison,
    current_target,
    direction,
    england_comparison,
    format_value,
    latest,
    periods,
    shown_value,
    status,
    trend_sentence,
)
from goldenthread.derive.vocabulary_lists import accountability_levels
from goldenthread.read.models import Accountability, Indicator
from goldenthread.read.roadmap import Roadmap
from goldenthread.read.units import unit_words
from goldenthread.render.charts import indicator_chart
from goldenthread.render.contexts import (
    GoalContext,
    IndicatorContext,
    PriorityContext,
    ServiceContext,
)
from goldenthread.render.rows import Compared, IndicatorSummary
from goldenthread.render.staff_views import story_rows

#: The template globals of the accountability levels, before a road map gives its own
#: (:attr:`RoadmapViews.levels` and :attr:`RoadmapViews.level_labels`, which every render
#: passes): none.
LEVELS: tuple[str, ...] = ()
LEVEL_LABELS: dict[str, str] = {}
STATUS_LABELS = ACTION_STATUS


def summarise(indicator_id: str, indicator: Indicator,
              comparators: tuple[tuple[str, str], ...] = ()) -> IndicatorSummary:
    """The headline facts of one indicator, computed from its data (and remembered for
    the indicator, which is frozen: every page listing a goal's measures asks for them,
    and a rebuild under ``mkdocs serve`` works out only an edited indicator's).
    ``comparators`` are the road map's (id, name) pairs (:func:`comparator_names`)."""
    return _summaries(indicator, indicator_id, comparators)


def comparator_names(roadmap: Roadmap) -> tuple[tuple[str, str], ...]:
    """(id, name) of every comparator the road map's vocabulary names, in its order."""
    return tuple((c.id, c.name) for c in roadmap.vocabulary.comparators)


def _compared(indicator: Indicator, comparators: tuple[tuple[str, str], ...]
              ) -> tuple[Compared, ...]:
    period, _ = latest(indicator)
    figures = comparator_figures(indicator)
    found = []
    for key, name in comparators:
        theirs = figures.get(key, {})
        sentence = comparison(indicator, name, theirs)
        if sentence is not None:
            found.append(Compared(key, name, format_value(indicator, theirs[period]), sentence))
    return tuple(found)


def _summary(indicator: Indicator, indicator_id: str,
             comparators: tuple[tuple[str, str], ...] = ()) -> IndicatorSummary:
    period, value = latest(indicator)
    target = current_target(indicator)
    england, neighbours = (indicator.england.get(period),
                           indicator.statistical_neighbours.get(period))
    return IndicatorSummary(
        id=indicator_id,
        indicator=indicator,
        latest_period=period,
        latest_value=shown_value(indicator, value),
        status=status(indicator),
        direction=direction(indicator)[1],
        england=england_comparison(indicator),
        target=(f"{format_value(indicator, target.value)} by {target.by}" if target else None),
        england_value=None if england is None else format_value(indicator, england),
        neighbours_value=None if neighbours is None else format_value(indicator, neighbours),
        comparisons=_compared(indicator, comparators),
    )


_summaries = IdentityMemo(_summary)
#: Each indicator's chart, remembered for the indicator as its summary is.
_charts = IdentityMemo(indicator_chart)


def of_organisation(acc: Accountability) -> str:
    """', organisation' to follow a role, or nothing when the role already names it, so
    the organisation is never doubled ('Independent Chair, Walsall Safeguarding Children
    Board', not '..., Walsall Safeguarding Children Board, Walsall Safeguarding Children
    Board')."""
    if acc.organisation.casefold() in acc.role.casefold():
        return ""
    return f", {acc.organisation}"


class RoadmapViews:
    """Every view of one (audience-filtered) road map, with back-links computed once."""

    def __init__(self, roadmap: Roadmap, today: date | None = None):
        self.roadmap = roadmap
        _summaries.new_run()  # (one road map's views per build)
        _charts.new_run()
        self.links: Links = compute_links(roadmap)
        #: The build's today (the road map's as_at, GOLDENTHREAD_TODAY...), never the clock.
        self.today: date = today_for(roadmap, today)
        #: (id, name) of each comparator the road map's vocabulary names, in its order.
        self.comparators = comparator_names(roadmap)

    # -- small lookups -------------------------------------------------------------
    @cached_property
    def levels(self) -> tuple[str, ...]:
        """The accountability levels pages show, in the vocabulary's order: those in use,
        and a level marked not used only when someone is named at it."""
        named = {acc.level for accs in self.links.accountable_for.values() for acc in accs}
        return tuple(level.id for level in accountability_levels(self.roadmap)
                     if level.used or level.id in named)

    @cached_property
    def level_labels(self) -> dict[str, str]:
        """Level id -> its name, as pages show it."""
        return {level.id: level.name for level in accountability_levels(self.roadmap)}

    def accountable(self, kind: str, item_id: str) -> dict[str, list[Accountability]]:
        """Accountabilities for one subject, grouped by level (every level shown present;
        an entry at a level the vocabulary does not have is left out: the check names it)."""
        grouped: dict[str, list[Accountability]] = {level: [] for level in self.levels}
        for acc in self.links.accountable_for.get((kind, item_id), []):
            if acc.level in grouped:
                grouped[acc.level].append(acc)
        return grouped

    def plan_priority(self, ref: str) -> tuple[str, Any, Any] | None:
        """(plan id, plan, plan priority) for a 'plan/priority' reference, if known."""
        plan_id, _, priority_id = ref.partition("/")
        plan = self.roadmap.partner_plans.get(plan_id)
        if plan is None:
            return None
        for priority in plan.priorities:
            if priority.id == priority_id:
                return plan_id, plan, priority
        return None

    def measure_accountable(self, indicator_id: str) -> list[Accountability]:
        """Who is accountable for a measure: the roles accountable for the goals it
        measures, each role once, in level order."""
        found: dict[tuple[str, str], Accountability] = {}
        for goal_id in self.roadmap.indicators[indicator_id].goals:
            for level, accs in self.accountable("goal", goal_id).items():
                for acc in accs:
                    if acc.responsibility == "accountable":
                        found.setdefault((acc.role, level), acc)
        return sorted(found.values(), key=lambda a: self.levels.index(a.level))

    def figures_late(self, indicator_id: str) -> str | None:
        """How long ago a measure's new figures were due, in words, or None if not yet."""
        days = figures_overdue_days(self.roadmap.indicators[indicator_id], self.today)
        return how_long(days) if days > 0 else None

    def open_blockages(self, kind: str, item_id: str) -> list[Any]:
        """Open blockages (intranet only: the public road map has none) that hold up a
        service, or a goal through its priorities, actions or services."""
        if kind == "service":
            held = lambda b: item_id in b.services  # noqa: E731
        else:
            priorities = set(self.links.goal_priorities.get(item_id, []))
            services = set(self.links.goal_services.get(item_id, []))
            actions = set(self.links.goal_actions.get(item_id, []))
            held = lambda b: bool(priorities & set(b.priorities) or services & set(b.services)  # noqa: E731
                                  or actions & set(b.actions))
        return sorted(((bid, b) for bid, b in self.roadmap.blockages.items()
                       if b.status == "open" and held(b)), key=lambda kv: (kv[1].raised, kv[0]))

    def indicators_for(self, goal_id: str) -> list[IndicatorSummary]:
        return [summarise(i, self.roadmap.indicators[i], self.comparators)
                for i in self.links.goal_indicators.get(goal_id, [])]

    # -- page views ----------------------------------------------------------------
    def service(self, service_id: str) -> ServiceContext:
        """The golden thread of one service: its work -> the goals it serves -> the vision."""
        service = self.roadmap.services[service_id]
        goals = [(c.goal, self.roadmap.goals[c.goal], c.how) for c in service.contributes_to
                 if c.goal in self.roadmap.goals]
        return ServiceContext(
            id=service_id,
            service=service,
            goals=goals,
            vision=self.roadmap.info.vision,
            actions=self._actions(self.links.service_actions.get(service_id, [])),
            blockages=self.open_blockages("service", service_id),
        )

    def goal(self, goal_id: str) -> GoalContext:
        """A goal with its measures, the services and actions serving it, and who answers."""
        goal = self.roadmap.goals[goal_id]
        services = []
        for sid in self.links.goal_services.get(goal_id, []):
            service = self.roadmap.services[sid]
            how = next(c.how for c in service.contributes_to if c.goal == goal_id)
            services.append((sid, service, how))
        return GoalContext(
            id=goal_id,
            goal=goal,
            indicators=self.indicators_for(goal_id),
            services=services,
            priorities=[(p, self.roadmap.priorities[p])
                        for p in self.links.goal_priorities.get(goal_id, [])],
            actions=self._actions(self.links.goal_actions.get(goal_id, [])),
            accountable=self.accountable("goal", goal_id),
            plans=[found for ref in goal.serves if (found := self.plan_priority(ref))],
            stories=story_rows(self.roadmap, goal_id),
            blockages=self.open_blockages("goal", goal_id),
        )

    def priority(self, priority_id: str) -> PriorityContext:
        """A work stream: the goals it serves, its actions and who answers for it."""
        priority = self.roadmap.priorities[priority_id]
        return PriorityContext(
            id=priority_id,
            priority=priority,
            goals=[(g, self.roadmap.goals[g]) for g in priority.goals
                   if g in self.roadmap.goals],
            actions=self._actions(self.links.priority_actions.get(priority_id, [])),
            accountable=self.accountable("priority", priority_id),
        )

    def indicator(self, indicator_id: str) -> IndicatorContext:
        """One indicator: chart, table, target, comparators and computed status."""
        indicator = self.roadmap.indicators[indicator_id]
        rows = []
        targets = {t.by: t.value for t in indicator.targets}
        figures = comparator_figures(indicator)
        # The table has a column for each comparator this measure has figures for.
        used = tuple((key, name) for key, name in self.comparators if figures.get(key))
        for period in periods(indicator):
            rows.append({
                "period": period,
                "value": ("" if period not in indicator.series
                          else shown_value(indicator, indicator.series[period])),
                "compared": [_maybe(indicator, figures[key].get(period)) for key, _ in used],
                "target": _maybe(indicator, targets.get(period)),
            })
        return IndicatorContext(
            id=indicator_id,
            indicator=indicator,
            summary=summarise(indicator_id, indicator, self.comparators),
            trend=trend_sentence(indicator),
            chart=_charts(indicator, f"chart-{indicator_id}", used),
            rows=rows,
            comparators=[name for _, name in used],
            unit=unit_words(indicator),
            goals=[(g, self.roadmap.goals[g]) for g in indicator.goals
                   if g in self.roadmap.goals],
            accountable=self.measure_accountable(indicator_id),
            figures_late=self.figures_late(indicator_id),
        )

    def cross_cutting(self) -> list[tuple[str, Any]]:
        """Priorities that serve every goal: shown once, not under each goal."""
        goals = set(self.roadmap.goals)
        if len(goals) < 2:
            return []
        return [(pid, p) for pid, p in self.roadmap.priorities.items()
                if goals <= set(p.goals)]

    def priorities_once(self) -> list[dict[str, Any]]:
        """Each priority once, with the numbers of the goals it serves (as the road map on
        a page numbers them); ``every`` when it serves every goal (cross-cutting)."""
        number = {gid: n for n, gid in enumerate(self.roadmap.goals, start=1)}
        shared = {pid for pid, _ in self.cross_cutting()}
        return [{"id": pid, "priority": p, "every": pid in shared,
                 "goals": sorted(number[g] for g in p.goals if g in number)}
                for pid, p in self.roadmap.priorities.items()]

    def roadmap_on_a_page(self) -> list[dict[str, Any]]:
        """One row per goal, numbered: the priorities (less the cross-cutting ones), key
        measures (each measure once, under the first goal it measures) and who is
        accountable, for a one-page view."""
        shared = {pid for pid, _ in self.cross_cutting()}
        rows = []
        shown: set[str] = set()
        for number, (goal_id, goal) in enumerate(self.roadmap.goals.items(), start=1):
            keys = [s for s in self.indicators_for(goal_id) if s.indicator.key_measure]
            measures = ([s for s in keys if s.id not in shown] if keys
                        else self.indicators_for(goal_id)[:1])
            shown.update(s.id for s in measures)
            rows.append({
                "id": goal_id,
                "number": number,
                "goal": goal,
                "priorities": [(p, self.roadmap.priorities[p])
                               for p in self.links.goal_priorities.get(goal_id, [])
                               if p not in shared],
                "measures": measures,
                "leads": [a for level in self.levels
                          for a in self.accountable("goal", goal_id)[level]
                          if a.responsibility == "accountable"],
            })
        return rows

    def accountability_matrix(self) -> list[dict[str, Any]]:
        """Rows for goals then priorities, a column for each level shown."""
        rows = []
        for kind, items in (("goal", self.roadmap.goals), ("priority", self.roadmap.priorities)):
            for item_id, item in items.items():
                rows.append({"kind": kind, "id": item_id, "title": item.title,
                             "levels": self.accountable(kind, item_id)})
        return rows

    def partner_plans(self) -> list[dict[str, Any]]:
        """Each plan with its priorities and the goals that serve each."""
        plans = []
        for plan_id, plan in self.roadmap.partner_plans.items():
            priorities = []
            for priority in plan.priorities:
                ref = f"{plan_id}/{priority.id}"
                goals = [(g, self.roadmap.goals[g])
                         for g in self.links.plan_priority_goals.get(ref, [])]
                priorities.append({"priority": priority, "goals": goals})
            plans.append({"id": plan_id, "plan": plan, "priorities": priorities})
        return plans

    def services_a_to_z(self) -> list[tuple[str, list[tuple[str, Any]]]]:
        """Services grouped by the first letter of their name, A to Z."""
        groups: dict[str, list[tuple[str, Any]]] = {}
        ordered = sorted(self.roadmap.services.items(), key=lambda kv: kv[1].name.casefold())
        for sid, service in ordered:
            letter = service.name[:1].upper()
            letter = letter if letter.isalpha() else "#"
            groups.setdefault(letter, []).append((sid, service))
        return sorted(groups.items())

    def actions_by_status(self) -> list[dict[str, Any]]:
        """Every action grouped by progress computed on the build's today: overdue first
        (whatever its typed status), then off track, at risk, on track, not started, done."""
        order = ("overdue", "off-track", "at-risk", "on-track", "not-started", "done")
        rows = self._actions(list(self.roadmap.actions))
        groups = []
        for key in order:
            members = [r for r in rows if r["progress"].key == key]
            if key == "overdue":
                members.sort(key=lambda r: -r["progress"].overdue_days)
            if members:
                label, symbol = ("Overdue", "!") if key == "overdue" else STATUS_LABELS[key]
                groups.append({"key": key, "label": label, "symbol": symbol, "rows": members})
        return groups

    def _actions(self, action_ids: list[str]) -> list[dict[str, Any]]:
        rows = []
        for a in action_ids:
            progress = action_progress(self.roadmap.actions[a], self.today)
            rows.append({"id": a, "action": self.roadmap.actions[a], "progress": progress,
                         "status": (progress.label, progress.symbol),
                         "status_typed": STATUS_LABELS[self.roadmap.actions[a].status][0]})
        return rows


def _maybe(indicator: Indicator, value: float | None) -> str:
    return "" if value is None else format_value(indicator, value)
