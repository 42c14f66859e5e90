"""A partnership's words: who the road map is for, its duties, levels, stages and comparators.

The tool assumes no field of work.  Every text that names an audience, a population, a
duty, a law or a body comes from a *vocabulary*: one YAML file shipped in the package
(``goldenthread/vocabularies/<name>.yml``).  ``plain`` (the default) holds for any
partnership; ``children`` is children's safeguarding (the example's words);
``adult-social-care`` is adult social care and health.  Adding one is adding a file.

``roadmap.yml`` names one (``vocabulary: children``) and may override any part:
``words`` one word at a time, the lists and the briefing as a whole.  The result is
:attr:`goldenthread.read.roadmap.Roadmap.vocabulary`.  Words reach templates as data
(escaped), never as template source.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any, Literal

from pydantic import Field, create_model, field_validator

from goldenthread.problems import Problem
from goldenthread.read.field_types import Id, Strict, Text

PACKAGE = "goldenthread.vocabularies"
DEFAULT = "plain"

#: Every word a vocabulary gives, with what it is for (the keys of ``words``).
WORD_KEYS: dict[str, str] = {
    "people": "Who the road map is for, e.g. 'older and disabled adults and their carers' "
    "(pages say that these people told us their stories).",
    "people_short": "Who the road map is for, in two or three plain words for the easy "
    "read, e.g. 'adults and carers'.",
    "service_change": "The heading of a service's before and after, e.g. 'What changes for "
    "people'.",
    "storytellers": "Who tells the stories of difference, e.g. 'people who use services "
    "and their carers'.",
    "population": "The people a rate counts, after 'per 10,000', when a measure does not "
    "say, e.g. 'people' or 'people aged 65 and over'.",
}

#: The words of ``roadmap.yml``'s ``words`` block: each optional, each described, so a
#: misspelt key is reported at its file and line with a suggestion.
WordOverrides = create_model(  # type: ignore[call-overload]
    "WordOverrides", __base__=Strict,
    __doc__="Words that replace the vocabulary's own, one at a time.",
    **{key: (Text | None, Field(None, description=about)) for key, about in WORD_KEYS.items()})


class Level(Strict):
    """A level of accountability, e.g. the service, the partnership, the whole system."""

    id: Id = Field(description="The level's id, used in accountabilities.yml, e.g. 'service'.")
    name: Text = Field(description="The level's name as pages show it, e.g. 'Service'.")
    meaning: Text | None = Field(None, description="What answering at this level means.")
    used: bool = Field(True, description="false when the partnership does not use this "
                       "level: no goal is warned that it names no one at it.")


class EscalationStep(Strict):
    """A step a blockage is escalated through, with how long it may stay there."""

    id: Id = Field(description="The step's id, used in blockages, e.g. 'informal'.")
    name: Text = Field(description="Whom the step escalates to, as advice names it, e.g. "
                       "'the service level (heads of service)'.")
    meaning: Text | None = Field(None, description="Who deals with a blockage at this step.")
    days: int | None = Field(None, ge=1, description="How many days a blockage may stay at "
                             "this step before it should be escalated (none: no limit).")


class Stage(Strict):
    """A stage of help that spending is sorted into, e.g. prevention or long-term care."""

    id: Id = Field(description="The stage's id, used in budgets, e.g. 'prevention'.")
    name: Text = Field(description="The stage's name as the money page shows it.")
    meaning: Text | None = Field(None, description="What the stage covers, in one sentence.")


class Comparator(Strict):
    """What an indicator's figures may be compared with, e.g. England or the region."""

    id: Id = Field(description="The comparator's id, used in indicators, e.g. 'england'.")
    name: Text = Field(description="Its name as pages show it, e.g. 'England'.")


class Briefing(Strict):
    """A duty the councillors' briefing opens with."""

    title: Text = Field(description="The duty in a few words, e.g. 'You oversee adult "
                        "social care'.")
    text: Text = Field(description="What the duty asks of a councillor, in plain words.")
    laws: list[Text] = Field(default_factory=list, description="The laws that set the "
                             "duty, one per line, e.g. 'Care Act 2014'.")


class Vocabulary(Strict):
    """One field of work's words (a file in goldenthread/vocabularies), or the resolved
    words of a road map (the named file with roadmap.yml's overrides)."""

    name: Id = Field(description="The vocabulary's name: its file name without .yml.")
    title: Text = Field(description="The field of work, for messages and init --for.")
    words: dict[str, Text] = Field(description="The short texts pages say: "
                                   + ", ".join(WORD_KEYS) + ".")
    briefing: list[Briefing] = Field(default_factory=list, description="The councillors' "
                                     "duties, in order (none: the briefing lists no duties).")
    accountability_levels: list[Level] = Field(min_length=1, description="The levels of "
                                               "accountability, in order.")
    escalation: list[EscalationStep] = Field(min_length=1, description="The steps a "
                                             "blockage is escalated through, in order.")
    stages: list[Stage] = Field(min_length=1, description="The stages of spending.")
    comparators: list[Comparator] = Field(default_factory=list, description="What "
                                          "indicators may be compared with.")
    init_leaves_out: list[Text] = Field(
        default_factory=list, description="What 'goldenthread init --for' leaves out of a new "
        "road map: files and fields this field "
        "of work does not use. A road map may still add them.")

    @field_validator("words")
    @classmethod
    def _every_word(cls, words: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(words) - set(WORD_KEYS))
        missing = [key for key in WORD_KEYS if key not in words]
        if unknown:
            raise ValueError(f"'{unknown[0]}' is not a word the tool uses; the words are "
                             + ", ".join(WORD_KEYS))
        if missing:
            raise ValueError("every word needs a value; missing: " + ", ".join(missing))
        return words


def names() -> list[str]:
    """The names of the shipped vocabularies, sorted (one file each)."""
    return sorted(entry.name.removesuffix(".yml") for entry in resources.files(PACKAGE).iterdir()
                  if entry.name.endswith(".yml"))


#: The vocabulary a road map may name (the JSON Schema lists them).
VocabularyName = Literal[tuple(names())]  # type: ignore[valid-type]


@functools.cache
def shipped(name: str) -> Vocabulary:
    """The shipped vocabulary ``name``, validated (an error in it is the tool's own)."""
    from goldenthread.read.loader import load_text
    from goldenthread.read.messages import validate

    if name not in names():
        raise KeyError(name)
    text = resources.files(PACKAGE).joinpath(f"{name}.yml").read_text(encoding="utf-8")
    problems: list[Problem] = []
    loaded = load_text(f"goldenthread/vocabularies/{name}.yml", text, problems)
    vocabulary = validate(loaded, Vocabulary, f"{name}.yml", problems)
    if problems or vocabulary is None:
        raise ValueError("; ".join(str(p) for p in problems) or f"{name}.yml did not load")
    if vocabulary.name != name:
        raise ValueError(f"goldenthread/vocabularies/{name}.yml says 'name: "
                         f"{vocabulary.name}': a vocabulary's name is its file name")
    return vocabulary


def resolve(info: Any) -> Vocabulary:
    """A road map's vocabulary: the file ``info.vocabulary`` names (default plain), with
    ``info``'s overrides applied.  ``info`` is a RoadmapInfo, or None (plain)."""
    base = shipped(getattr(info, "vocabulary", None) or DEFAULT)
    if info is None:
        return base
    changes: dict[str, Any] = {}
    overrides = getattr(info, "words", None)
    if overrides is not None:
        given = {k: v for k, v in overrides.model_dump().items() if v is not None}
        changes["words"] = {**base.words, **given}
    for section in ("briefing", "accountability_levels", "escalation", "stages",
                    "comparators"):
        value = getattr(info, section, None)
        if value is not None:
            changes[section] = value
    return base.model_copy(update=changes) if changes else base


class VocabularyFields(Strict):
    """The fields of roadmap.yml that choose and adjust its vocabulary (RoadmapInfo's)."""

    vocabulary: VocabularyName = Field(  # type: ignore[valid-type]
        DEFAULT, description="The words of your field of work: " + ", ".join(names())
        + " (plain, the default, holds for any partnership). Any part can be changed below.")
    words: WordOverrides | None = Field(  # type: ignore[valid-type]
        None, description="Words that replace the vocabulary's own, one per line, e.g. "
        "'people: older and disabled adults and their carers'.")
    briefing: list[Briefing] | None = Field(
        None, description="The duties the councillors' briefing opens with, each with its "
        "title, text and laws (replaces the vocabulary's list; [] for none).")
    accountability_levels: list[Level] | None = Field(
        None, description="The levels of accountability, in order (replaces the vocabulary's "
        "list).")
    escalation: list[EscalationStep] | None = Field(
        None, description="The steps a blockage is escalated through, in order, each with "
        "its limit in days (replaces the vocabulary's list).")
    stages: list[Stage] | None = Field(
        None, description="The stages of help spending is sorted into (replaces the "
        "vocabulary's list).")
    comparators: list[Comparator] | None = Field(
        None, description="What indicators may be compared with, e.g. England, the region "
        "(replaces the vocabulary's list).")
