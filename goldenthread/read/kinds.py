"""The one table of the road map's kinds of item and file.

Everything that depends on what kinds exist derives from :data:`KINDS`: reading the
data folder, the road map's attributes, JSON Schemas and new-item stubs, generated
pages, the public filter, open-data tables, change wording and the data reference.
The folder and file names below appear nowhere else in the code.

Adding a kind of item (see the README's recipe): one :class:`Kind` here, one model in
:mod:`goldenthread.read.models` (or :mod:`~goldenthread.read.staff_models`), one field
on :class:`goldenthread.read.roadmap.Roadmap`, and, if it has pages, one template.
"""

from __future__ import annotations

from dataclasses import dataclass

from goldenthread.read.field_types import Strict
from goldenthread.read.models import (
    Accountabilities,
    Action,
    Glossary,
    Goal,
    Indicator,
    PartnerPlan,
    Priority,
    RoadmapInfo,
    Service,
)
from goldenthread.read.money_models import Budget, SocialReturn
from goldenthread.read.staff_models import Blockage, MunroPlan, Officers, Story


@dataclass(frozen=True)
class Kind:
    """One kind of item (a folder, one file per item) or one single file."""

    #: How messages and locations name it: "goal", "partner plan"; "file" for single files.
    label: str
    #: Its folder ("partner-plans") or, for a single file, its file name ("glossary.yml").
    path: str
    #: The pydantic model of one item (or of the whole single file).
    model: type[Strict]
    #: The attribute of :class:`~goldenthread.read.roadmap.Roadmap` that holds it.
    attribute: str
    #: For a single file, the field of its model holding its entries (None: the whole
    #: file is one record, as roadmap.yml is).
    entries: str | None = None
    #: The field holding an item's title, shown on pages and in change summaries.
    title_field: str | None = "title"
    #: The folder of its generated pages in the site, when each item has a page.
    page: str | None = None
    #: Never published on the public site, whatever an entry's visibility says.
    internal_only: bool = False
    #: A single file every road map must have (optional ones may be left out).
    required: bool = False
    #: The references its items (or a single file's entries) make: (field path, label of
    #: the kind referred to).  Lists on the path are followed entry by entry, and empty
    #: values skipped, so ``(("contributes_to", "goal"), "goal")`` is every
    #: contribution's goal.  A plan's priority is referred to as 'plan priority'.
    references: tuple[tuple[tuple[str, ...], str], ...] = ()

    @property
    def single_file(self) -> bool:
        return self.path.endswith(".yml")

    @property
    def name(self) -> str:
        """Its name in file names: 'goal', 'partner-plan', 'roadmap', 'munro'."""
        if self.single_file:
            return self.path.removesuffix(".yml")
        return self.label.replace(" ", "-")

    @property
    def template(self) -> str | None:
        """The template of its generated page (``goal.html``), when it has pages."""
        return f"{self.name}.html" if self.page else None


KINDS: tuple[Kind, ...] = (
    Kind("file", "roadmap.yml", RoadmapInfo, "info", required=True),
    Kind("goal", "goals", Goal, "goals", page="goals",
         references=((("serves",), "plan priority"),)),
    Kind("priority", "priorities", Priority, "priorities", page="priorities",
         references=((("goals",), "goal"),)),
    Kind("indicator", "indicators", Indicator, "indicators", title_field="name",
         page="indicators", references=((("goals",), "goal"),)),
    Kind("service", "services", Service, "services", title_field="name", page="services",
         references=((("contributes_to", "goal"), "goal"),)),
    Kind("action", "actions", Action, "actions",
         references=((("priority",), "priority"), (("services",), "service"))),
    Kind("partner plan", "partner-plans", PartnerPlan, "partner_plans"),
    Kind("file", "accountabilities.yml", Accountabilities, "accountabilities",
         entries="accountabilities", title_field=None, required=True,
         references=((("goal",), "goal"), (("priority",), "priority"),
                     (("action",), "action"))),
    Kind("file", "glossary.yml", Glossary, "glossary", entries="terms", title_field="term",
         required=True),
    Kind("blockage", "blockages", Blockage, "blockages", internal_only=True,
         references=((("priorities",), "priority"), (("actions",), "action"),
                     (("services",), "service"))),
    Kind("story", "stories", Story, "stories",
         references=((("goals",), "goal"), (("indicators",), "indicator"))),
    Kind("file", "munro.yml", MunroPlan, "munro", entries="entries", title_field=None),
    Kind("file", "officers.yml", Officers, "officers", entries="officers", title_field="role",
         internal_only=True),
    Kind("budget", "budgets", Budget, "budgets",
         references=((("services", "service"), "service"),
                     (("services", "goal_shares", "goal"), "goal"),
                     (("priorities", "priority"), "priority"),
                     (("priorities", "goal_shares", "goal"), "goal"))),
    Kind("social return", "social-returns", SocialReturn, "social_returns",
         references=((("service",), "service"), (("outcomes", "indicator"), "indicator"))),
)

#: Kinds kept one item per file, in their own folder.
ITEMS: tuple[Kind, ...] = tuple(k for k in KINDS if not k.single_file)
#: Kinds kept in one file each.
FILES: tuple[Kind, ...] = tuple(k for k in KINDS if k.single_file)
#: Kinds with one generated page per item.
PAGED: tuple[Kind, ...] = tuple(k for k in ITEMS if k.page)

#: folder -> (model, label), for code that walks the item folders.
ITEM_KINDS: dict[str, tuple[type[Strict], str]] = {k.path: (k.model, k.label) for k in ITEMS}
#: file name -> model, for the single files.
SINGLE_FILES: dict[str, type[Strict]] = {k.path: k.model for k in FILES}
#: label ('goal', 'partner plan') -> kind, for the item kinds.
BY_LABEL: dict[str, Kind] = {k.label: k for k in ITEMS}
#: Roadmap attribute ('partner_plans', 'glossary') -> kind.
BY_ATTRIBUTE: dict[str, Kind] = {k.attribute: k for k in KINDS}
#: folder or file name -> kind.
BY_PATH: dict[str, Kind] = {k.path: k for k in KINDS}
#: The road map's own file.
ROADMAP_FILE = KINDS[0].path


def item_kind(label: str) -> Kind:
    """The item kind named ``label`` ('goal', 'partner plan'); KeyError otherwise."""
    return BY_LABEL[label]


def single_file(attribute: str) -> Kind:
    """The single-file kind held in the road map's ``attribute`` ('glossary')."""
    kind = BY_ATTRIBUTE[attribute]
    if not kind.single_file:
        raise KeyError(attribute)
    return kind
