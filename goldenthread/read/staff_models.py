"""Models for the internal content the peer review asked for.

* Blockages and escalations (``blockages/<id>.yml``): for staff only, always.
* The Munro implementation plan (``munro.yml``): a self-assessment, published entry by
  entry when an entry is marked public.
* Stories of difference (``stories/<id>.yml``): published only when public *and* the
  consent of the people it is about is recorded.
* Named officers (``officers.yml``): for staff only, always; the public site shows roles.

These build on the shared types of :mod:`goldenthread.read.models`, which lists them in
``ITEM_KINDS`` and ``SINGLE_FILES`` (it imports this module last, for that reason).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from goldenthread.read.field_types import VISIBILITY, Date, Id, Quarter, Strict, Text, Visibility

#: The Munro review's principles the board tests itself against: id -> name for pages.
MUNRO_PRINCIPLES: dict[str, str] = {
    "early-help": "Early help",
    "childs-journey": "The child's journey: a system centred on the child",
    "reflective-practice": "Reflective practice and professional judgement",
    "learning-culture": "A culture of learning and development",
    "locally-driven-measures": "Locally driven safeguarding measures",
    "less-prescription": "Less prescription, more time with children",
    "social-work-leadership": "Social work leadership",
}
MunroPrinciple = Literal[
    "early-help", "childs-journey", "reflective-practice", "learning-culture",
    "locally-driven-measures", "less-prescription", "social-work-leadership",
]


class Blockage(Strict):
    """Something stuck in joint working, raised so that it is resolved or escalated
    (blockages/<id>.yml).  Blockages are for staff and partners only: they are never
    published, whatever their visibility says."""

    title: Text = Field(description="What is blocked, in one short plain sentence.")
    description: Text = Field(
        description="What is happening, what it holds up, and what has been tried so far.")
    priorities: list[Id] = Field(
        default_factory=list, description="Ids of the priorities it holds up.")
    actions: list[Id] = Field(default_factory=list, description="Ids of the actions it holds up.")
    services: list[Id] = Field(default_factory=list, description="Ids of the services involved.")
    raised: Date = Field(description="When it was first raised (YYYY-MM-DD).")
    raised_by: Text = Field(description="The role that raised it (not the person).")
    owner: Text = Field(description="The role responsible for getting it resolved.")
    level: Id = Field(
        description="How far it has been escalated: the id of one of the escalation steps of "
        "the road map's vocabulary (or of its own 'escalation' list in roadmap.yml), lowest "
        "first, e.g. 'informal' (between colleagues).")
    at_level_since: Date | None = Field(
        None, description="When it reached its current level (YYYY-MM-DD); leave out while it "
        "is still at the level it was raised at.")
    next_review: Date = Field(description="When its owner will next review it (YYYY-MM-DD).")
    status: Literal["open", "resolved", "withdrawn"] = Field(
        description="open, resolved, or withdrawn (no longer needed).")
    closed: Date | None = Field(
        None, description="When it was resolved or withdrawn (YYYY-MM-DD).")
    resolution: Text | None = Field(
        None, description="How it was resolved, or why it was withdrawn.")
    visibility: Visibility = Field(
        description="Always 'internal': blockages are for staff and partners only and are "
        "never published.")

    @field_validator("visibility")
    @classmethod
    def _internal_only(cls, value: str) -> str:
        if value != "internal":
            raise ValueError(
                "[public-blockage] blockages are for staff only and are never published, so "
                "'visibility' must be internal")
        return value

    @model_validator(mode="after")
    def _dates_and_status_agree(self) -> Blockage:
        if self.at_level_since is not None and self.at_level_since < self.raised:
            raise ValueError(
                f"'at_level_since' ({self.at_level_since}) is before the blockage was raised "
                f"({self.raised}); check both dates")
        if self.status == "open":
            if self.closed is not None or self.resolution is not None:
                raise ValueError(
                    "an open blockage has no 'closed' date or 'resolution'; remove them, or "
                    "set 'status: resolved'")
        elif self.closed is None or self.resolution is None:
            raise ValueError(
                f"a {self.status} blockage needs 'closed' (the date, YYYY-MM-DD) and "
                "'resolution' (how it was resolved, or why it was withdrawn)")
        elif self.closed < self.raised:
            raise ValueError(
                f"'closed' ({self.closed}) is before the blockage was raised ({self.raised}); "
                "check both dates")
        return self


class MunroEntry(Strict):
    """One line of the self-assessment against a principle of the Munro review."""

    principle: MunroPrinciple = Field(
        description="The Munro principle: early-help, childs-journey, reflective-practice, "
        "learning-culture, locally-driven-measures, less-prescription or "
        "social-work-leadership.")
    rating: Literal["established", "developing", "not-yet"] = Field(
        description="Where we are: established (part of everyday practice), developing "
        "(started, not yet everywhere) or not-yet (not started).")
    evidence: Text = Field(description="What shows the rating is right.")
    next_step: Text = Field(description="The next thing we will do, in one sentence.")
    owner: Text = Field(description="The role responsible for the next step.")
    assessed: Date = Field(description="When the rating was agreed (YYYY-MM-DD).")
    due: Date | Quarter = Field(
        description="When the next step is due: a date (YYYY-MM-DD) or 'YYYY-Qn'.")
    visibility: Visibility = VISIBILITY


class MunroPlan(Strict):
    """munro.yml: the Munro implementation plan, one entry per principle."""

    entries: list[MunroEntry] = Field(description="One entry per Munro principle.")


class Story(Strict):
    """A story of difference: what changed for a person or a household
    (stories/<id>.yml).  Published only when public and consent is recorded."""

    title: Text = Field(description="A short headline about the difference made.")
    account: Text = Field(
        description="What happened, in a few sentences. No names, contact details or "
        "anything else that could identify the people in it.")
    difference: Text = Field(
        description="In one sentence: what is better now for the people in the story.")
    told_by: Text = Field(
        description="Who told the story, by role, e.g. 'A parent' or 'A carer, aged 77' "
        "(never a name).")
    recorded: Date = Field(description="When the story was recorded (YYYY-MM-DD).")
    goals: list[Id] = Field(min_length=1, description="Ids of the goals the story shows.")
    indicators: list[Id] = Field(
        default_factory=list, description="Ids of the indicators the story helps explain.")
    consent: bool = Field(
        False, description="true once the people the story is about have agreed that it "
        "may be published. A public story needs it.")
    visibility: Visibility = VISIBILITY

    @field_validator("visibility")
    @classmethod
    def _public_needs_consent(cls, value: str, info: ValidationInfo) -> str:
        # In the model, not a later check, so that a public story without consent never
        # exists in a road map that any filter or page could see.
        if value == "public" and info.data.get("consent") is not True:
            raise ValueError(
                "[no-consent] a public story needs the recorded consent of the people it is about; "
                "once it is recorded add 'consent: true', until then set 'visibility: internal'")
        return value


class Officer(Strict):
    """A named officer: the person who holds a role.  For staff only, always."""

    name: Text = Field(description="The officer's name as staff know it, e.g. 'A. Example'.")
    role: Text = Field(
        description="The role, written exactly as elsewhere in the road map, e.g. 'Head of "
        "Service'.")
    contact: Text = Field(
        description="How staff reach them: best a role mailbox, e.g. "
        "'service.office@example.org'.")


class Officers(Strict):
    """officers.yml: who holds each role.  Shown on the intranet only; the public site
    shows roles, never names."""

    officers: list[Officer] = Field(description="One entry per role.")
