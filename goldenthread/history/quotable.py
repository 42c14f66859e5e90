"""What the public history may quote: today's guards, reached through this one adapter.

The public "What has changed" page and ``goldenthread diff --audience public`` quote past
values: titles, ids, owners, roles, figures.  A past value was written under the rules
of its day; it is quoted only when it passes the rules of *today*, the same functions
the public build runs on the public pages now:

* the personal-data guard (:func:`goldenthread.check.personal_text.personal_data_in`,
  the one guard for any published text: no email address or phone number, read as a
  reader sees it; organisational contacts declared public are not exempt here);
* the name guard for stories (:func:`goldenthread.check.stories.names_in` for text and
  :func:`~goldenthread.check.stories.names_in_id` for ids: nothing that looks like a
  person's name).  The history applies it to every text and id it quotes, not only to
  stories': when in doubt, it does not quote.  Words the road map uses as names of things
  (:func:`~goldenthread.check.stories.known_words` of the versions compared) are not
  names, as in the check;
* small-number suppression (:func:`goldenthread.derive.trend.suppressed`, the function
  and threshold the indicator pages use): a figure is shown as pages show it, hidden
  when its indicator hides small counts then *or now* (:attr:`Rules.suppressing`);
* the internal-titles guard: see :func:`goldenthread.history.changes.withheld_names`,
  which needs the road map as it is now and so is applied after the cache.

The guards are called, never copied, so every improvement to them (how they read text,
which names they know) reaches the history at once.  A value that fails is not quoted:
the sentence says what changed without it ("A story: title changed.").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from goldenthread.check.personal_text import personal_data_in
from goldenthread.check.stories import known_words, names_in, names_in_id
from goldenthread.derive.trend import SUPPRESSED, shown_value, suppressed
from goldenthread.read.models import Indicator
from goldenthread.read.roadmap import Roadmap


def has_contact(text: str) -> bool:
    """True when ``text`` holds an email address or a phone number, as a reader sees it."""
    return bool(personal_data_in(text))


def quotable(text: str, known: frozenset[str] = frozenset()) -> bool:
    """True when today's public guards let a reader see ``text``: no contact detail and
    nothing that looks like a person's name (``known``: case-folded words the road map
    uses as names of things)."""
    return not has_contact(text) and not names_in(text, known)


def quotable_id(item_id: str, known: frozenset[str] = frozenset()) -> bool:
    """True when an id (a file name such as 'amira-khan') may be quoted: it passes
    :func:`quotable` and no part of it is a given name."""
    return quotable(item_id, known) and not names_in_id(item_id, known)


@dataclass(frozen=True)
class Rules:
    """Who reads a change summary and, for the public, today's rules of what it may quote.

    ``public`` False (the intranet) quotes everything.  ``silent`` quotes nothing: the
    sentence each change falls back to when today's road map forbids a value it quoted
    (see :func:`goldenthread.history.changes.change_log`)."""

    public: bool = False
    #: Case-folded words the road map uses as names of things (never a person's name).
    known: frozenset[str] = frozenset()
    #: Ids of the indicators that hide small counts today.
    suppressing: frozenset[str] = frozenset()
    silent: bool = False

    def allows(self, text: str) -> bool:
        return not self.silent and (not self.public or quotable(text, self.known))

    def allows_id(self, item_id: str) -> bool:
        return not self.silent and (not self.public or quotable_id(item_id, self.known))

    def hides(self, indicator: Indicator, item_id: str, value: float | None) -> bool:
        """True when a figure of ``indicator`` (as it was then) is hidden: by its own
        setting then, or by the indicator's setting today."""
        if suppressed(indicator, value):
            return True
        if item_id not in self.suppressing:
            return False
        return suppressed(indicator.model_copy(update={"suppress_small_numbers": True}), value)

    def figure(self, indicator: Indicator, item_id: str, value: float | None) -> str:
        """A figure as the indicator's page shows it today ('fewer than 6' when hidden)."""
        return SUPPRESSED if self.hides(indicator, item_id, value) else shown_value(
            indicator, value)

    def with_words_of(self, *roadmaps: Roadmap | None) -> Rules:
        """These rules, knowing also the words the given road maps use as names."""
        words = set(self.known)
        for roadmap in roadmaps:
            if roadmap is not None:
                words |= known_words(roadmap)
        return Rules(self.public, frozenset(words), self.suppressing, self.silent)


def as_rules(public: bool | Rules) -> Rules:
    """``public`` as :class:`Rules` (True: the public, with no road map of today)."""
    return public if isinstance(public, Rules) else Rules(public=bool(public))


def suppressing(*roadmaps: Roadmap | None) -> frozenset[str]:
    """Ids of the indicators that hide small counts in any of ``roadmaps``."""
    return frozenset(item_id for roadmap in roadmaps if roadmap is not None
                     for item_id, indicator in roadmap.indicators.items()
                     if indicator.suppress_small_numbers)


def rules_key(ids: frozenset[str]) -> str:
    """A short key for today's suppressing indicators, part of the cache's key."""
    return hashlib.sha256("\0".join(sorted(ids)).encode()).hexdigest()[:16]
