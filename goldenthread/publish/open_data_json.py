"""The road map as one JSON document, and its JSON Schema, both from the models.

The records are the road map's own models with an ``id`` added (and, for indicators,
hidden small counts written as null with the periods listed), so every field keeps the
description editors see.  The schema is generated from these records, never written by
hand; the Data page lists its fields from the same schema.

A feature the road map does not use leaves no trace (:func:`unused_fields`): no Munro
self-assessment, no version for a group of readers that no item has, means no key in
the document, no field in its schema and no column in the tables.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from pydantic import Field, create_model

from goldenthread.derive.memo import IdentityMemo
from goldenthread.derive.money import money_years, sensitivity, social_value
from goldenthread.derive.reader_versions import VERSIONS, has_version, item_versions
from goldenthread.derive.remainder import REMAINDER_MEANING, published_remainder
from goldenthread.derive.trend import suppressed
from goldenthread.read.field_types import Id, Number, Period, Strict
from goldenthread.read.kinds import BY_ATTRIBUTE
from goldenthread.read.models import (
    Accountability,
    Action,
    Goal,
    Indicator,
    PartnerPlan,
    Priority,
    RoadmapInfo,
    Service,
    Term,
)
from goldenthread.read.money_models import Budget, RemainderShown, SocialReturn
from goldenthread.read.roadmap import Roadmap
from goldenthread.read.staff_models import Blockage, MunroEntry, Story

SCHEMA_VERSION = "1.0"
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
ID = (Id, Field(description="The item's id: its file name without '.yml'. Other items refer "
                "to it by this id."))
#: Fields whose keys are periods: written in time order, whatever order they were typed in.
PERIOD_FIELDS = ("series", "england", "statistical_neighbours")


def _record(model: type[Strict], name: str, **fields: Any) -> type[Strict]:
    """``model`` with an id (and any ``fields`` replaced or added), for the export."""
    return create_model(name, __base__=model, __doc__=model.__doc__, id=ID, **fields)


GoalRecord = _record(Goal, "GoalRecord")
PriorityRecord = _record(Priority, "PriorityRecord")
ServiceRecord = _record(Service, "ServiceRecord")
ActionRecord = _record(Action, "ActionRecord")
PartnerPlanRecord = _record(PartnerPlan, "PartnerPlanRecord")
StoryRecord = _record(Story, "StoryRecord")
BlockageRecord = _record(Blockage, "BlockageRecord")
IndicatorRecord = _record(
    Indicator, "IndicatorRecord",
    series=(dict[Period, Number | None], Field(
        description=f"{Indicator.model_fields['series'].description} A small number hidden "
        "to protect privacy is written as null (see suppressed_periods).")),
    suppressed_periods=(list[Period], Field(
        description="The periods whose figure is a small number (1 to 5), hidden to protect "
        "privacy: their value in series is null.")),
)

BudgetRecord = _record(
    Budget, "BudgetRecord",
    not_shown_money=(float, Field(
        description="Pounds in total_money whose lines are not published item by item (small "
        "or sensitive lines): total_money less the money of the lines listed.")),
    not_shown_staff=(float, Field(
        description="Staff in total_staff whose lines are not published item by item.")),
    remainder=(RemainderShown, Field(description=REMAINDER_MEANING)),
)


class SensitivityFigure(Strict):
    """The social return with one assumption moved."""

    moved: Literal["deadweight", "financial proxies"] = Field(
        description="Which assumption is moved, for every outcome at once.")
    change: float = Field(description="How far: -0.2 is a fifth lower, 0.2 a fifth higher.")
    ratio: float = Field(description="The social value for every pound invested, so moved.")


class SocialReturnFigures(Strict):
    """The analysis worked out by the build (never typed by hand), as the Cabinet Office's
    guide to social return on investment (2012) sets out."""

    present_value: float = Field(
        description="The value of every outcome over its years, less deadweight, attribution, "
        "displacement and drop-off, in today's money (pounds, discounted at discount_rate).")
    net_present_value: float = Field(description="present_value less investment (pounds).")
    ratio: float = Field(
        description="present_value divided by investment: social value for every pound.")
    outcome_present_values: list[float] = Field(
        description="Each outcome's present value (pounds), in the order of outcomes.")
    sensitivity: list[SensitivityFigure] = Field(
        description="The ratio with every deadweight, then every financial proxy, a fifth "
        "lower and a fifth higher.")


SocialReturnRecord = _record(
    SocialReturn, "SocialReturnRecord",
    figures=(SocialReturnFigures, Field(
        description="The analysis worked out by the build (never typed by hand): present "
        "value, net present value, the ratio and the sensitivity line.")),
)


class ReaderVersions(Strict):
    """Which versions for other readers one item is in (the vision, a goal, a service or
    a measure)."""

    kind: Literal["vision", "goal", "service", "measure"] = Field(
        description="What the item is: vision (the road map's own), goal, service or measure.")
    id: str = Field(description="The item's id (for the vision, roadmap.yml).")
    easy_read: bool | None = Field(
        None, description="true when the item is in the easy-read version (its easy_read "
        "text is filled in); null for a kind that is never in it. Left out when no item "
        "has an easy-read text.")
    for_young_people: bool | None = Field(
        None, description="true when the item is in the version made from for_young_people "
        "texts (its for_young_people text is filled in); null for a kind that is never in "
        "it. Left out when no item has such a text.")
    scrutiny_questions: bool | None = Field(
        None, description="true when the item is in the briefing for councillors (it has "
        "scrutiny_questions); null for a kind that is never in it. Left out when no goal "
        "has scrutiny questions.")


class OpenRoadmap(Strict):
    """The road map as open data: everything one site publishes, in one file."""

    schema_version: Literal[SCHEMA_VERSION] = Field(
        description="The version of this file's layout. It changes when a field is renamed or "
        "removed; new fields may be added without a change.")
    build_date: date = Field(description="The day this file was made (YYYY-MM-DD).")
    audience: Literal["public", "internal"] = Field(
        description="Which site published it: public (only items marked public) or internal "
        "(the intranet, which also has internal items).")
    licence: Literal[LICENCE] = Field(
        description="The licence the data is published under.")
    licence_url: Literal[LICENCE_URL] = Field(description="Where to read the licence.")
    road_map: RoadmapInfo = Field(
        description="The road map itself: its vision, why it matters and what has gone well.")
    reader_versions: list[ReaderVersions] = Field(
        description="For the vision and every goal, service and measure: which versions for "
        "other readers it is in (only the versions the road map has).")
    goals: list[GoalRecord] = Field(description="The goals, in the road map's order.")
    priorities: list[PriorityRecord] = Field(description="The priorities (work streams).")
    services: list[ServiceRecord] = Field(description="The services, teams and boards.")
    indicators: list[IndicatorRecord] = Field(description="The measures and their figures.")
    actions: list[ActionRecord] = Field(description="The actions (milestones).")
    accountabilities: list[Accountability] = Field(
        description="Who is accountable or responsible for each goal, priority and action.")
    partner_plans: list[PartnerPlanRecord] = Field(
        description="Partners' plans the road map links to.")
    glossary: list[Term] = Field(description="Plain meanings of the road map's terms.")
    stories: list[StoryRecord] = Field(
        description="Stories of the difference made for the people the road map serves, told "
        "with their consent.")
    munro: list[MunroEntry] = Field(
        default_factory=list, description="The self-assessment against the Munro review's "
        "principles. Left out when the road map has none.")
    blockages: list[BlockageRecord] = Field(
        description="Blockages and escalations (intranet only: always empty in public data).")
    budgets: list[BudgetRecord] = Field(
        description="Each financial year's money and staff, line by line, earliest first.")
    social_returns: list[SocialReturnRecord] = Field(
        description="Social return on investment analyses, with the figures worked out.")


def unused_fields(roadmap: Roadmap) -> frozenset[str]:
    """The optional features the (audience-filtered) road map does not use, by field name:
    'munro' without a Munro self-assessment, and each version for other readers
    ('for_young_people', 'easy_read', 'scrutiny_questions') that no item has.  The open
    data leaves them out: no key, no schema field, no column."""
    unused = {v.field for v in VERSIONS if not has_version(roadmap, v.field)}
    if not roadmap.munro:
        unused.add("munro")
    return frozenset(unused)


def _without(record: dict[str, Any], unused: frozenset[str]) -> dict[str, Any]:
    for name in unused & record.keys():
        del record[name]
    return record


def _indicator(indicator_id: str, indicator: Indicator) -> dict[str, Any]:
    data: dict[str, Any] = {"id": indicator_id, **indicator.model_dump(mode="json")}
    hidden = sorted(p for p, v in indicator.series.items() if suppressed(indicator, v))
    data["series"] = {p: None if p in hidden else v for p, v in data["series"].items()}
    data["suppressed_periods"] = hidden
    return data


def _budgets(roadmap: Roadmap) -> list[dict[str, Any]]:
    return [{"id": y.budget_id, **y.budget.model_dump(mode="json"),
             "not_shown_money": round(y.hidden_money, 2),
             "not_shown_staff": round(y.hidden_staff, 2),
             "remainder": published_remainder(y.budget)} for y in money_years(roadmap)]


def _social_return(analysis_id: str, analysis: SocialReturn) -> dict[str, Any]:
    value = social_value(analysis)
    figures = {
        "present_value": round(value.present_value, 2),
        "net_present_value": round(value.net_present_value, 2),
        "ratio": round(value.ratio, 4),
        "outcome_present_values": [round(o.present_value, 2) for o in value.outcomes],
        "sensitivity": [{"moved": s.moved, "change": s.change, "ratio": round(s.ratio, 4)}
                        for s in sensitivity(analysis)],
    }
    return {"id": analysis_id, **analysis.model_dump(mode="json"), "figures": figures}


def _sorted_periods(record: dict[str, Any]) -> dict[str, Any]:
    for name in PERIOD_FIELDS:
        if name in record:
            record[name] = dict(sorted(record[name].items()))
    if "compare" in record:  # each comparator's figures in time order too
        record["compare"] = {key: dict(sorted(figures.items()))
                             for key, figures in record["compare"].items()}
    return record


class Encoded(str):
    """One record already written as JSON (indented by 2, from the left margin)."""


def _item_json(item: Any, item_id: str, indicator: bool,
               unused: frozenset[str] = frozenset()) -> Encoded:
    data = (_sorted_periods(_indicator(item_id, item)) if indicator
            else {"id": item_id, **item.model_dump(mode="json")})
    return Encoded(json.dumps(_without(data, unused), allow_nan=False, ensure_ascii=False,
                              indent=2))


#: Each item's JSON text, remembered for the item (frozen) from one build to the next.
_items_json = IdentityMemo(_item_json)


def roadmap_document(roadmap: Roadmap, audience: str, built: date, *,
                     encoded: bool = False) -> dict[str, Any]:
    """The whole (already audience-filtered) road map as plain JSON data.

    With ``encoded``, each item of a kind kept one file per item is given as its JSON
    text (:class:`Encoded`), remembered for the item: a preview's rebuild writes out only
    the edited item's (:func:`goldenthread.publish.open_data.document_bytes` puts them in
    place)."""
    if encoded:
        _items_json.new_run()
    unused = unused_fields(roadmap)

    def records(items: dict[str, Any], indicator: bool = False) -> list[Any]:
        if encoded:
            return [_items_json(item, item_id, indicator, unused)
                    for item_id, item in items.items()]
        if indicator:
            return [_without(_sorted_periods(_indicator(i, ind)), unused)
                    for i, ind in items.items()]
        return [_without({"id": item_id, **item.model_dump(mode="json")}, unused)
                for item_id, item in items.items()]

    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "build_date": built.isoformat(),
        "audience": audience,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "road_map": roadmap.info.model_dump(mode="json"),
        "reader_versions": [_without(row, unused) for row in item_versions(roadmap)],
    }
    # Every other field of the open data is one kind of item or file, in the layout's order.
    for name in OpenRoadmap.model_fields:
        if name in document or name in unused:
            continue
        kind = BY_ATTRIBUTE[name]
        value = getattr(roadmap, kind.attribute)
        if kind.model is Indicator:
            document[name] = records(value, indicator=True)
        elif kind.model is Budget:
            document[name] = _budgets(roadmap)
        elif kind.model is SocialReturn:
            document[name] = [_social_return(i, a) for i, a in value.items()]
        elif kind.single_file:
            document[name] = [entry.model_dump(mode="json") for entry in value]
        else:
            document[name] = records(value)
    return document


@lru_cache(maxsize=8)
def schema_document(unused: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The JSON Schema of roadmap.json, generated from :class:`OpenRoadmap`; with
    ``unused`` (see :func:`unused_fields`), of a road map's own file: the fields it leaves
    out are not described, nor the objects only they held."""
    schema = OpenRoadmap.model_json_schema()
    _drop_fields(schema, unused)
    # The data names its own vocabulary; the names of the others the tool ships are not
    # this road map's to publish (the editors' schema lists them).
    vocabulary = schema["$defs"].get("RoadmapInfo", {}).get("properties", {}).get("vocabulary")
    if vocabulary is not None:
        vocabulary.pop("enum", None)
        vocabulary["description"] = ("The name of the vocabulary the road map uses: the words "
                                     "of its field of work, which the tool ships.")
    # Pydantic leaves out a field's description when it repeats its block's; every field
    # of the published schema carries its meaning.
    for obj in (schema, *schema["$defs"].values()):
        for prop in obj["properties"].values():
            if "description" not in prop and "$ref" in prop:
                prop["description"] = schema["$defs"][_refs(prop)[0]]["description"]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Road map open data", **{k: v for k, v in schema.items() if k != "title"}}


def _drop_fields(schema: dict[str, Any], unused: frozenset[str]) -> None:
    """Take the fields named in ``unused`` out of every object of ``schema``, then every
    definition no field refers to any more."""
    for obj in (schema, *schema["$defs"].values()):
        for name in unused & obj.get("properties", {}).keys():
            del obj["properties"][name]
        if "required" in obj:
            obj["required"] = [n for n in obj["required"] if n not in unused]
    reached: set[str] = set()
    todo = [{k: v for k, v in schema.items() if k != "$defs"}]
    while todo:
        for ref in set(re.findall(r'"#/\$defs/([^"]+)"', json.dumps(todo.pop()))) - reached:
            reached.add(ref)
            todo.append(schema["$defs"][ref])
    schema["$defs"] = {k: v for k, v in schema["$defs"].items() if k in reached}


@dataclass(frozen=True)
class FieldGroup:
    """The fields of one kind of object in a data file, with their meanings."""

    heading: str
    about: str
    fields: tuple[tuple[str, str], ...]


def _refs(prop: dict[str, Any]) -> list[str]:
    """The names of the object definitions a property holds (directly, in a list, or maybe)."""
    found = [prop["$ref"].rsplit("/", 1)[-1]] if "$ref" in prop else []
    for key in ("items", "additionalProperties"):
        if isinstance(prop.get(key), dict):
            found += _refs(prop[key])
    for option in prop.get("anyOf", []):
        found += _refs(option)
    return found


def schema_groups(schema: dict[str, Any]) -> list[FieldGroup]:
    """Every object the schema describes, as it nests (top first), with each field's meaning."""
    groups: list[FieldGroup] = []

    def visit(obj: dict[str, Any], heading: str, about: str) -> None:
        props = obj.get("properties", {})
        groups.append(FieldGroup(heading, about, tuple(
            (name, prop.get("description", "")) for name, prop in props.items())))
        for name, prop in props.items():
            for ref in _refs(prop):
                entry = "[]" if prop.get("type") == "array" else ""
                visit(schema["$defs"][ref], f"{heading}.{name}{entry}".lstrip("."),
                      schema["$defs"][ref].get("description", ""))

    visit(schema, "", schema.get("description", ""))
    return groups
