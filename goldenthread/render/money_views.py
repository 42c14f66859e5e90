"""Views of money and value: "Where the money goes" and the social return on investment.

Like :mod:`goldenthread.render.views`, these turn an audience-filtered road map into
plain rows for the templates (``money.html``, ``sroi.html``); the sums and the social
return are worked out in :mod:`goldenthread.derive.money`.  On the public road map the
lines marked internal are gone, and what they held is shown, year by year, as "not shown
item by item", so every table still adds up to the year's declared total.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from goldenthread.derive.money import (
    Line,
    YearMoney,
    current_year,
    goal_split,
    money_years,
    sensitivity,
    social_value,
)
from goldenthread.derive.remainder import published_remainder, remainder_plans
from goldenthread.derive.vocabulary_lists import Entry, payers, spending_stages
from goldenthread.read.money_models import (
    SocialReturn,
    fte_text,
    money_text,
    staff_number,
)
from goldenthread.read.roadmap import Roadmap
from goldenthread.render.contexts import MoneyContext, SocialReturnContext
from goldenthread.render.money_chart import (
    Bar,
    chart_parts,
    lower_first,
    money_chart,
    shares_sentence,
)

STATUS_WORDS = {"actual": "spent", "budget": "budget", "plan": "plan"}
#: What the partners did with the money, by the budget's status.
STATUS_VERBS = {"actual": "spent", "budget": "have budgeted", "plan": "plan to spend"}
HIDDEN = "Not shown item by item"
#: What a withheld year's totals are (their hidden lines would give one away, so the
#: year's real total is not published: goldenthread.derive.remainder).
SHOWN_ONLY = "lines shown only"
#: What the intranet says of each line on the public site, by how its year is published.
ON_PUBLIC_SITE = {"public": "Yes", "hidden": "No: in the totals only",
                  "merged": "No: merged into 'not shown item by item', to protect another line",
                  "withheld": "No: not in the public totals either, to protect it"}
EMPTY_MONEY = "No budgets have been published for this road map yet."
EMPTY_RETURN = "No analysis of the social return on investment has been published yet."
#: The id of a stage that stands for spending that serves every other stage (the board,
#: training, the road map itself): the headline says it "serves both" (or "all of them").
SHARED_STAGE = "both"


# -- words and figures ----------------------------------------------------------------
def millions(value: float) -> str:
    """A large amount in words: '£67.5 million'; smaller ones to the pound."""
    if abs(value) >= 1_000_000:
        return f"£{value / 1_000_000:,.1f} million"
    return money_text(round(value))


def percent(share: float, places: int = 0) -> str:
    """A share (0 to 1) as a percentage: '15%', or with ``places`` '3.5%'."""
    text = f"{share * 100:.{places}f}"
    if places:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def listed(words: list[str]) -> str:
    """Words in a sentence: 'a', 'a and b', 'a, b and c' ('' for none)."""
    return " and ".join(filter(None, [", ".join(words[:-1]), *words[-1:]]))


def pounds(value: float) -> str:
    """An amount to the pound: '£1,250,000'."""
    return money_text(round(value))


def _amount(value: float) -> str:
    """A count of people, as written: '60', '12.5'."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# -- where the money goes ------------------------------------------------------------
def _heading(year: YearMoney) -> str:
    return f"{year.year} ({STATUS_WORDS[year.budget.status]})"


def staff(value: float) -> str:
    """Staff in a table cell, to a tenth: '170.7 staff' (the caption says they are
    full-time equivalents)."""
    return f"{staff_number(value, 1)} staff"


def _cell(money: float, staff_count: float, withheld: bool = False) -> dict[str, str]:
    """A table cell; a withheld year's totals say they add up only the lines shown."""
    return {"money": pounds(money), "staff": staff(staff_count),
            "note": SHOWN_ONLY if withheld else ""}


def _withheld(year: YearMoney) -> bool:
    return published_remainder(year.budget) == "withheld"


def _line_row(roadmap: Roadmap, line: Line, on_public_site: str = "public") -> dict[str, Any]:
    items = roadmap.services if line.kind == "service" else roadmap.priorities
    item = items.get(line.target_id)
    title = (getattr(item, "name", None) or getattr(item, "title", None)) if item else None
    shares = [(goal_id, roadmap.goals[goal_id].title if goal_id in roadmap.goals else goal_id,
               percent(share)) for goal_id, share in goal_split(roadmap, line)]
    allocation = line.allocation
    return {"kind": line.kind, "id": line.target_id, "title": title or line.target_id,
            "linked": item is not None,
            "partner": payers(roadmap).get(allocation.partner, allocation.partner),
            "stage": _stage_names(roadmap).get(allocation.stage, allocation.stage),
            "money": pounds(allocation.money),
            "staff": staff(allocation.staff), "shares": shares, "note": allocation.note,
            "public": allocation.visibility == "public",
            "on_public_site": ON_PUBLIC_SITE[on_public_site]}


def _on_public_site(roadmap: Roadmap, year: YearMoney, internal: bool) -> dict[Any, str]:
    """On the intranet: how each line of the year is published on the public site."""
    if not internal:
        return {}
    plan = remainder_plans(roadmap)[year.budget_id]
    merged = {(line.field, line.index) for line in plan.merged}
    return {(line.field, line.index):
            "public" if line.allocation.visibility == "public" and (line.field, line.index)
            not in merged else "merged" if (line.field, line.index) in merged
            else "withheld" if plan.shown == "withheld" else "hidden" for line in year.lines}


def _year_row(roadmap: Roadmap, year: YearMoney, internal: bool = False) -> dict[str, Any]:
    on_public_site = _on_public_site(roadmap, year, internal)
    withheld = _withheld(year)
    return {"id": year.budget_id, "year": year.year, "heading": _heading(year),
            "budget": year.budget, "withheld": withheld,
            "total": pounds(year.budget.total_money),
            "staff": fte_text(year.budget.total_staff),
            "lines": [_line_row(roadmap, line,
                                on_public_site.get((line.field, line.index), "public"))
                      for line in year.lines],
            "hidden": _cell(year.hidden_money, year.hidden_staff)
            if year.hidden_money or year.hidden_staff else None}


def _sum_rows(years: list[YearMoney], keys: list[str], names: dict[str, str], kind: str,
              money_of: str, staff_of: str) -> list[dict[str, Any]]:
    """One row per key (goal or partner), then what is not shown, then the totals."""
    rows = [{"kind": kind, "id": key, "title": names.get(key, key),
             "cells": [_cell(getattr(y, money_of).get(key, 0.0), getattr(y, staff_of).get(key, 0.0))
                       for y in years]} for key in keys]
    if kind == "goal" and any(y.unshared_money or y.unshared_staff for y in years):
        rows.append({"kind": "unshared", "id": None, "title": "Not yet shared between goals",
                     "cells": [_cell(y.unshared_money, y.unshared_staff) for y in years]})
    if any(y.hidden_money or y.hidden_staff for y in years):
        rows.append({"kind": "hidden", "id": None, "title": HIDDEN,
                     "cells": [_cell(y.hidden_money, y.hidden_staff) for y in years]})
    rows.append({"kind": "total", "id": None, "title": "Total",
                 "cells": [_cell(y.budget.total_money, y.budget.total_staff, _withheld(y))
                           for y in years]})
    return rows


def _stage_names(roadmap: Roadmap) -> dict[str, str]:
    return {stage.id: stage.name for stage in spending_stages(roadmap)}


def _main_stages(stages: tuple[Entry, ...]) -> list[Entry]:
    """The stages the headline compares: all but the one serving them all."""
    return [s for s in stages if s.id != SHARED_STAGE] or list(stages)


def stage_heading(stages: tuple[Entry, ...]) -> str:
    """The stages in a heading: 'Prevention, reablement and long-term care'."""
    main = _main_stages(stages)
    return listed([main[0].name, *(lower_first(s.name) for s in main[1:])])


def _possessive(name: str) -> str:
    name = lower_first(name)
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _shares(year: YearMoney) -> dict[str, float]:
    shares = {stage: year.share(stage) for stage in year.money_by_stage}
    total = year.budget.total_money
    if year.hidden_money:
        shares["hidden"] = year.hidden_money / total if total else 0.0
    return shares


def _stage_row(year: YearMoney) -> dict[str, Any]:
    shares = _shares(year)
    cells = [{"money": pounds(year.money_by_stage[stage]), "percent": percent(shares[stage])}
             for stage in year.money_by_stage]
    if "hidden" in shares:
        cells.append({"money": pounds(year.hidden_money), "percent": percent(shares["hidden"])})
    total = pounds(year.budget.total_money) + (f" ({SHOWN_ONLY})" if _withheld(year) else "")
    return {"heading": _heading(year), "cells": cells, "total": total,
            "hidden": "hidden" in shares}


def headline(year: YearMoney, stages: tuple[Entry, ...]) -> str:
    """The current year in two or three plain sentences."""
    total = year.budget.total_money
    withheld = _withheld(year)
    where = ("on the lines of this road map shown here (some figures are not shown, to "
             "protect them)" if withheld else "on this road map")
    text = (f"In {year.year} the partners {STATUS_VERBS[year.budget.status]} "
            f"{millions(total)} and {fte_text(year.budget.total_staff)} {where}. ")
    main = _main_stages(stages)
    parts = [f"{lower_first(s.name)} {percent(year.share(s.id))} "
             f"({millions(year.money_by_stage.get(s.id, 0.0))})" for s in main]
    parts[0] = (f"{main[0].name} gets {percent(year.share(main[0].id))} of "
                f"{'that' if withheld else 'the'} money "
                f"({millions(year.money_by_stage.get(main[0].id, 0.0))})")
    text += listed(parts) + "."
    if len(main) < len(stages) and year.money_by_stage.get(SHARED_STAGE):
        text += (f" A further {percent(year.share(SHARED_STAGE))} serves "
                 f"{'both' if len(main) == 2 else 'all of them'}.")
    if year.hidden_money and total:
        text += f" Another {percent(year.hidden_money / total)} is not shown item by item."
    return text


def change_sentence(years: list[YearMoney], stages: tuple[Entry, ...]) -> str:
    """How each stage's share (the first stage's first) moves from the first year to the
    last: whether money moves towards the first stage (the vocabulary lists the earliest
    help first)."""
    main = _main_stages(stages)
    if len(years) < 2 or len(main) < 2:
        return ""
    first, last = years[0], years[-1]
    lead = main[0]
    moved = round(last.share(lead.id) * 100) - round(first.share(lead.id) * 100)
    towards = lower_first(lead.name)
    trend = (f"money is moving towards {towards}" if moved > 0 else
             f"money is moving away from {towards}" if moved < 0 else
             "the balance between them stays about the same")
    plan = (f" (the figures for {last.year} are a plan, not yet agreed)"
            if last.budget.status == "plan" else "")
    moves = [f"{_possessive(s.name)} share from {percent(first.share(s.id))} to "
             f"{percent(last.share(s.id))}" for s in main]
    moves[0] = moves[0].replace(" share from ", " share goes from ", 1)
    return (f"From {first.year} to {last.year}{plan}, {', and '.join(moves)}: {trend}.")


def _staff_only(roadmap: Roadmap) -> dict[str, Any] | None:
    """On the intranet: how many lines, and how much money, the public site shows only in
    the totals."""
    lines = [line for y in money_years(roadmap) for line in y.lines
             if line.allocation.visibility != "public"]
    if not lines:
        return None
    plans = remainder_plans(roadmap)
    years = {y.budget_id: y.year for y in money_years(roadmap)}

    def protected(shown: str) -> str:
        return listed([years[i] for i, plan in plans.items() if plan.shown == shown])

    return {"count": len(lines), "money": pounds(sum(line.allocation.money for line in lines)),
            "withheld": protected("withheld"), "merged": protected("merged")}


def money_view(roadmap: Roadmap, today: date, internal: bool) -> MoneyContext:
    """Where the money goes, for the road map of one audience (``internal``: the
    intranet's, which also names the lines the public site shows only in totals)."""
    years = money_years(roadmap)
    now = current_year(years, today)
    stages = spending_stages(roadmap)
    names = payers(roadmap)
    parts = chart_parts([(s.id, s.name) for s in stages])
    bars = [Bar(f"{_heading(y)}: {millions(y.budget.total_money)}"
                + (f" ({SHOWN_ONLY})" if _withheld(y) else ""), _shares(y)) for y in years]
    description = " ".join(f"{y.year}: {shares_sentence(b, parts)}."
                           for y, b in zip(years, bars, strict=True))
    goals = list(dict.fromkeys(g for y in years for g in y.money_by_goal))
    partners = list(dict.fromkeys(p for y in years for p in y.money_by_partner))
    heading = stage_heading(stages)
    goal_titles = {g: roadmap.goals[g].title for g in goals if g in roadmap.goals}
    return MoneyContext(
        internal=internal,
        years=[_year_row(roadmap, y, internal) for y in years],
        headline=headline(now, stages) if now else "",
        change=change_sentence(years, stages),
        chart=money_chart(bars, "gt-money",
                          f"Where the money goes: {lower_first(heading)}, year by year",
                          description, parts) if years else "",
        stages=[{"id": s.id, "name": s.name, "meaning": s.meaning} for s in stages],
        stage_heading=heading,
        payers=listed([names.get(p, p) for p in partners]),
        stage_rows=[_stage_row(y) for y in years],
        goal_rows=_sum_rows(years, goals, goal_titles, "goal", "money_by_goal", "staff_by_goal")
        if years else [],
        partner_rows=_sum_rows(years, partners, names, "partner", "money_by_partner",
                               "staff_by_partner") if years else [],
        hidden=any(y.hidden_money or y.hidden_staff for y in years),
        withheld=listed([y.year for y in years if _withheld(y)]),
        merged=listed([y.year for y in years if published_remainder(y.budget) == "merged"]),
        staff_only=_staff_only(roadmap) if internal else None,
        illustrative=any(y.budget.illustrative for y in years),
        empty=EMPTY_MONEY,
    )


# -- the social return on investment -------------------------------------------------
def _outcome_row(roadmap: Roadmap, value: Any) -> dict[str, Any]:
    outcome = value.outcome
    indicator = roadmap.indicators.get(outcome.indicator) if outcome.indicator else None
    return {
        "outcome": outcome, "people": _amount(outcome.people),
        "proxy": pounds(outcome.financial_proxy.value), "gross": pounds(value.gross),
        "impact": pounds(value.impact), "present_value": pounds(value.present_value),
        **{rate: percent(getattr(outcome, rate), 1)
           for rate in ("deadweight", "attribution", "displacement", "drop_off")},
        "years": [{"year": y.year, "value": pounds(y.value), "factor": f"{y.discount_factor:.4f}",
                   "present_value": pounds(y.present_value)} for y in value.years],
        "indicator": (outcome.indicator, indicator) if indicator else None,
    }


def ratio_text(ratio: float) -> str:
    """Social value for each £1, as a reader sees it: '£1.59'."""
    return f"£{ratio:,.2f}"


def _analysis_row(roadmap: Roadmap, analysis_id: str, analysis: SocialReturn) -> dict[str, Any]:
    value = social_value(analysis)
    moved = sensitivity(analysis)
    ratios = [m.ratio for m in moved]
    return {
        "id": analysis_id, "analysis": analysis,
        "service": (analysis.service, roadmap.services.get(analysis.service)),
        "ratio": ratio_text(value.ratio), "investment": pounds(analysis.investment),
        "present_value": pounds(value.present_value),
        "net_present_value": pounds(value.net_present_value),
        "rate": percent(analysis.discount_rate, 2),
        "low": ratio_text(min(ratios)), "high": ratio_text(max(ratios)),
        "sensitivity": [{"moved": m.moved, "direction": "lower" if m.change < 0 else "higher",
                         "by": percent(abs(m.change)), "ratio": ratio_text(m.ratio)}
                        for m in moved],
        "outcomes": [_outcome_row(roadmap, o) for o in value.outcomes],
    }


def social_return_view(roadmap: Roadmap) -> SocialReturnContext:
    """Every social return on investment analysis, worked out, with its assumptions."""
    return SocialReturnContext(
        analyses=[_analysis_row(roadmap, i, a) for i, a in roadmap.social_returns.items()],
        empty=EMPTY_RETURN)
