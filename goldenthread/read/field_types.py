"""The kinds of value a road-map field holds: ids, periods, dates, text, visibility.

Each is a pydantic type with the rules an editor's value must follow, shared by every
model (:mod:`goldenthread.read.models`, :mod:`goldenthread.read.staff_models`) and by
the JSON Schema the editor uses.  One id rule (:func:`is_id`) serves file names,
references and new-item stubs.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from goldenthread.read.yaml_rules import YFloat, YInt

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: The longest id: file names, references and the stubs of `goldenthread new` share it.
ID_MAX_LENGTH = 80
PERIOD = r"^[0-9]{4}(?:-[0-9]{2}|-Q[1-4])?$"
QUARTER = r"^[0-9]{4}-Q[1-4]$"


def _key_text(value: Any) -> Any:
    """Mapping keys such as ``2011:`` are text in YAML 1.2 editors; keep how they were written."""
    if isinstance(value, YInt | YFloat):
        return value.raw
    return value


def _date_text(value: Any) -> Any:
    """A quoted date ("2027-04-01") is a date too: in YAML 1.2, as the editor reads it,
    quoted and unquoted dates are the same text, so the check must accept both."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value  # reported as an impossible date by the date validator
    return value


#: A calendar date written YYYY-MM-DD, quoted or not.
Date = Annotated[date, BeforeValidator(_date_text)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=SLUG, max_length=ID_MAX_LENGTH)]


#: Ids no item may have: 'index' is the page that lists a kind, and the rest are names
#: Windows cannot give a file (an editor there could not check the file out).
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul"} | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)})


def is_id(text: str) -> bool:
    """True for a valid id: lowercase letters, digits and single hyphens, at most
    :data:`ID_MAX_LENGTH` characters, not reserved (one rule for file names and
    references)."""
    return (bool(re.fullmatch(SLUG, text)) and len(text) <= ID_MAX_LENGTH
            and text not in RESERVED_IDS)
# The pattern comes first so that it shows in the JSON Schema; _key_text still runs first.
Period = Annotated[str, StringConstraints(pattern=PERIOD), BeforeValidator(_key_text)]
Quarter = Annotated[str, StringConstraints(pattern=QUARTER)]
Visibility = Literal["public", "internal"]
#: Who can read the repository holding the data (roadmap.yml; goldenthread.check.repository).
Repository = Literal["private", "public"]
Number = float

VISIBILITY = Field(
    description="Who may read this: 'public' (published on the public site and the intranet) "
    "or 'internal' (intranet only). Only items marked public are ever published."
)
REPOSITORY = Field(
    "public", description="Who can read the git repository that holds this data folder: "
    "'private' (only the people given access) or 'public' (anyone on the internet). "
    "Without this line the repository is treated as public. In a public repository the "
    "check refuses everything only staff may read: items and entries marked internal, "
    "blockages, named officers and the blockage issue form. In GitHub's workflow the check "
    "also asks GitHub, and fails if a repository said to be private is public.")
LAST_REVIEWED = Field(
    None, description="When this item was last reviewed (YYYY-MM-DD); defaults to the road "
    "map's last_reviewed."
)
REVIEW_BY = Field(
    None, description="When this item must next be reviewed (YYYY-MM-DD); defaults to the road "
    "map's review_by."
)

#: The versions for every reader (see goldenthread.derive.reader_versions): optional text
#: that an item without it simply leaves out of that version, never simplified by machine.
EASY_READ = Field(
    None, description="This item in easy read, for readers with a learning disability or "
    "who are learning English: short sentences of 15 words or fewer, one idea "
    "in each. It is shown with a picture on the easy-read page; without it, the item is left "
    "out of the easy-read version.")
FOR_YOUNG_PEOPLE = Field(
    None, description="What this means for the road map's younger readers, written to them, "
    "e.g. 'We will listen to you.' It is shown on the page 'Our promises to you'; aim for "
    "school grade 5 or below. Without it, the item is left out of that page.")


class Strict(BaseModel):
    """Shared settings: unknown fields are errors, values are never coerced, objects frozen."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, allow_inf_nan=False
    )
