"""The units a measure's figures are in, and how each is said in words.

A partnership publishes percentages, counts, days, money, scores on a scale of its own
(a quality-of-life score from 0 to 12) and rates per any base of a population its data
names ("per 100,000 people aged 65 and over").  The unit, its base, its population and a
score's range are fields of the indicator (:class:`goldenthread.read.models.Indicator`);
this module says them in words and gives each unit its bounds, for the figures check
(:mod:`goldenthread.check.figures`).  Nothing here names a population: a rate whose data
names none counts the road map's people (the vocabulary's ``population`` word, filled in
by :func:`with_population` when the road map is read).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

#: The units an indicator may have; 'per-10000' is the older way to write a rate per 10,000.
Unit = Literal["percent", "rate", "score", "count", "money", "days", "per-10000"]
#: The older forms of a rate, and their base.
OLDER_RATES = {"per-10000": 10_000}
#: The bases a rate may be given per.
RATE_BASES = (100, 1_000, 10_000, 100_000, 1_000_000)
#: The units whose value may not exceed a fixed top (a score's top is its own).
FIXED_BOUNDS: dict[str, tuple[float, float, str]] = {
    "percent": (0, 100, "a percentage, from 0 to 100"),
    "count": (0, 100_000_000, "a count, a whole number from 0 to 100,000,000"),
    "days": (0, 36_500, "a number of days, from 0 to 36,500"),
    "money": (0, 1_000_000_000_000, "an amount of money in pounds, from 0 to "
              "1,000,000,000,000"),
}

UNIT = Field(description="Unit of every value: percent; rate (a rate per a base, with 'per' "
             "and 'population'); score (a score on a scale, with 'lowest' and 'highest'); "
             "count; money (pounds); days. 'per-10000' is the older way to write a rate per "
             "10,000 of the road map's people.")
PER = Field(None, description="For a rate: per how many people it is counted, one of 100, "
            "1000, 10000, 100000 or 1000000, e.g. 100000 for 'per 100,000 people aged 65 and "
            "over'.")
POPULATION = Field(None, description="For a rate: who it counts, in plain words, e.g. "
                   "'people aged 65 and over'. Without it, the people the road map is for.")
LOWEST = Field(None, description="For a score: the lowest score possible, e.g. 0.")
HIGHEST = Field(None, description="For a score: the highest score possible, e.g. 12.")
COMPARE = Field(default_factory=dict, description="Figures to compare ours with, by the id "
                "of a comparator the road map's vocabulary names (e.g. england, region, "
                "similar), each with one line per period, e.g. 'region: {2012-13: 5.1}'.")


def rate_base(indicator: Any) -> int | None:
    """Per how many people a rate is counted; None for a unit that is not a rate."""
    if indicator.unit in OLDER_RATES:
        return OLDER_RATES[indicator.unit]
    return indicator.per if indicator.unit == "rate" else None


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


def _rate_words(indicator: Any) -> str:
    base = rate_base(indicator)
    population = f" {indicator.population}" if indicator.population else ""
    return f"per {_number(base or 1)}{population}"


def unit_words(indicator: Any) -> str:
    """The unit in words, with its own base and population or range: 'percent', 'per
    100,000 people aged 65 and over', 'score (0 to 12)', 'pounds (£)'."""
    unit = indicator.unit
    if rate_base(indicator) is not None:
        return _rate_words(indicator)
    if unit == "score":
        return f"score ({_range(indicator)})"
    return {"percent": "percent", "count": "count", "days": "days", "money": "pounds (£)",
            "rate": "rate"}[unit]


def _range(indicator: Any) -> str:
    low, high = indicator.lowest, indicator.highest
    if low is None or high is None:
        return "range not given"
    return f"{_number(low)} to {_number(high)}"


def with_unit(indicator: Any, number: str) -> str:
    """``number`` (already formatted) with its unit: '22.0%', '333 per 10,000 people',
    '8.3 on a score of 0 to 12', '£1,250'."""
    unit = indicator.unit
    if unit == "percent":
        return f"{number}%"
    if unit == "money":
        return f"-£{number[1:]}" if number.startswith("-") else f"£{number}"
    if unit == "days":
        return f"{number} day" if number == "1" else f"{number} days"
    if unit == "score":
        return f"{number} on a score of {_range(indicator)}"
    if rate_base(indicator) is not None or unit == "rate":
        return f"{number} {_rate_words(indicator)}"
    return number


def bounds(indicator: Any) -> tuple[float, float, str]:
    """(lowest, highest, the unit in words) a figure of ``indicator`` must lie within."""
    base = rate_base(indicator)
    if base is not None:
        return 0, base, f"a rate per {_number(base)}, from 0 to {_number(base)}"
    if indicator.unit == "rate":  # no base given: the check says so at 'per'
        return 0, float("inf"), "a rate, not negative"
    if indicator.unit == "score":
        low = indicator.lowest if indicator.lowest is not None else float("-inf")
        high = indicator.highest if indicator.highest is not None else float("inf")
        return low, high, f"a score from {_range(indicator)}"
    return FIXED_BOUNDS[indicator.unit]


def unit_fields_problems(indicator: Any) -> list[tuple[str, str]]:
    """(field, message) for each unit field that is missing, not allowed or impossible."""
    unit, found = indicator.unit, []
    if unit == "rate" and indicator.per is None:
        found.append(("unit", "a rate needs 'per': how many people it is counted per, e.g. "
                      "'per: 100000'; add the line"))
    if indicator.per is not None and unit != "rate":
        found.append(("per", f"'per' only applies to a rate, and this indicator's unit is "
                      f"'{unit}': remove the line, or set 'unit: rate'"))
    elif indicator.per is not None and indicator.per not in RATE_BASES:
        found.append(("per", f"a rate is counted per 100, 1000, 10000, 100000 or 1000000, not "
                      f"{indicator.per}; correct it"))
    if indicator.population is not None and rate_base(indicator) is None and unit != "rate":
        found.append(("population", f"'population' only applies to a rate, and this "
                      f"indicator's unit is '{unit}': remove the line"))
    for name in ("lowest", "highest"):
        if unit == "score" and getattr(indicator, name) is None:
            found.append(("unit", f"a score needs '{name}': the {name} score possible; add "
                          "the line"))
        elif unit != "score" and getattr(indicator, name) is not None:
            found.append((name, f"'{name}' only applies to a score, and this indicator's unit "
                          f"is '{unit}': remove the line, or set 'unit: score'"))
    if unit == "score" and None not in (indicator.lowest, indicator.highest) \
            and indicator.lowest >= indicator.highest:
        found.append(("highest", f"the highest score ({_number(indicator.highest)}) must be "
                      f"above the lowest ({_number(indicator.lowest)}); correct one of them"))
    return found


def with_population(indicator: Any, people: str) -> Any:
    """``indicator`` with its rate's population filled in from the road map's ``people``
    word when its data names none (a copy; the indicator itself is frozen)."""
    if rate_base(indicator) is None and indicator.unit != "rate":
        return indicator
    if indicator.population is not None or not people:
        return indicator
    return indicator.model_copy(update={"population": people})


def with_populations(indicators: dict[str, Any], info: Any) -> dict[str, Any]:
    """Every indicator with its rate's population filled in from the road map's vocabulary
    (its ``population`` word) where its data names none."""
    from goldenthread.read.vocabulary import resolve

    people = resolve(info).words.get("population", "")
    return {key: with_population(indicator, people) for key, indicator in indicators.items()}
