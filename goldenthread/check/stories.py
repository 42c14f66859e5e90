"""Stories of difference: no name in a public story, in its text or in its id.

A public story (which the model allows only with ``consent: true``) must not
contain what looks like a person's name, in its text or in its id (the id is its file
name, and is published in the page and the open data); email addresses and phone
numbers in any public text are the personal-data guard's job (:mod:`.personal_data`).
"Looks like a name" is kept simple so that an editor can predict it: a title followed
by a capitalised word ("Mrs Smith", "Dr. Patel"), or a capitalised word that is a
given name in a list of about 45,000 names from over 50 countries and is not a common
English word (:mod:`.given_names`: Amira, Siobhan, Wojciech, Priya; not Will, May,
Grace or Hope), or one of the commonest first names in England and Wales (Jack,
Harry), even where it is also a word.  The text is read as a reader sees it
(:mod:`goldenthread.derive.normalised_text`), so a zero-width space inside a name does
not hide it.  A word the road map itself uses as a name of something (a glossary term
such as "Munro review", the organisation, the title or name of a goal, service,
action, ...) is not a person's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from goldenthread.check.given_names import (
    everyday_names,
    familiar_words,
    is_english_word,
    is_name_in_any_case,
    is_person_name,
)
from goldenthread.check.personal_data import contact_spans
from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.normalised_text import reader_text, shown_text
from goldenthread.problems import Problem
from goldenthread.read.roadmap import Roadmap

#: Titles that name a person when a surname follows: 'Mrs Khan', 'Dr. Patel', 'MRS KHAN'.
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Mister", "Sir",
          "Dame", "Lady", "Lord", "Rev", "Revd", "Reverend", "Cllr", "Councillor")
_TITLE = "|".join(TITLES)
TITLED_NAME = re.compile(rf"\b(?:{_TITLE}|{_TITLE.upper()})\.?\s+[A-Z][A-Za-z'-]+")
#: In lower case only the titles that are no English word: 'mrs khan', 'dr patel' (not
#: 'miss out', 'lady luck').
LOWER_TITLED_NAME = re.compile(r"\b(?:mr|mrs|ms|mx|dr|prof|cllr)\.?\s+[a-z][a-z'-]+")
#: The commonest first names in England and Wales (ONS baby-name lists): a name even
#: where it is also a word (Jack, Harry).
FIRST_NAMES = frozenset("""
Aaliyah Adam Aisha Alfie Alice Amelia Amir Amy Archie Ava Ben Bethany Callum Charlie
Charlotte Chloe Connor Daniel David Dylan Ella Ellie Emily Emma Ethan Evie Fatima Freddie
Freya George Hannah Harry Harvey Isabella Isla Jack Jacob James Jamie Jessica John Joseph
Joshua Kayden Kyle Laura Lauren Leah Lewis Liam Lily Lucy Luke Megan Mia Michael Mohammed
Muhammad Nathan Noah Oliver Olivia Oscar Paige Poppy Priya Rebecca Riley Ruby Ryan Samuel
Sarah Shannon Sophia Sophie Thomas Tyler William Zara
""".split())
_FIRST_NAMES_FOLDED = frozenset(n.casefold() for n in FIRST_NAMES)
#: A word: letters only ("Amira's" is "Amira" and "s"; "Anne-Marie" is two words).
WORD = re.compile(r"[^\W\d_]+")
STORY_TEXT_FIELDS = ("title", "account", "difference", "told_by")


def _capitalised(word: str) -> bool:
    """'Amira', 'McKenzie': a capital first; not an abbreviation written in capitals."""
    return len(word) > 1 and word[0].isupper() and not word.isupper()


def _written_as_name(word: str) -> bool:
    """'Amira', 'AMIRA' or 'amira': a word as a name may be written."""
    return _capitalised(word) or (len(word) > 2 and (word.isupper() or word.islower()))


def _is_name(word: str, known: frozenset[str]) -> bool:
    folded = word.casefold()
    if folded in known:
        return False
    if not _capitalised(word):  # AMIRA, amira: only a name that is surely one
        return ((folded in _FIRST_NAMES_FOLDED and folded not in familiar_words()
                 and folded not in everyday_names()) or is_name_in_any_case(folded))
    return folded in _FIRST_NAMES_FOLDED or is_person_name(folded)


def _same_style(first: str, word: str) -> bool:
    """Whether ``word`` is written like the name ``first`` before it ('Amira Khan',
    'AMIRA KHAN', 'amira khan'), so may be its surname."""
    if first.isupper():
        return word.isupper() and len(word) > 1
    if first.islower():
        return word.islower() and not is_english_word(word)
    return _capitalised(word)


def titled_names(text: str, known: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(position, name) of each title with a surname in ``text`` (as a reader sees it):
    'Mrs Khan', 'Dr. Patel', 'MRS KHAN', 'mrs khan'; not where the surname is a word
    the road map uses as a name of something ('Sir Ynys Môn' in Welsh is a county)."""
    found = []
    for match in (*TITLED_NAME.finditer(text), *LOWER_TITLED_NAME.finditer(text)):
        surname = match.group().split()[-1]
        if surname.casefold() not in known:
            found.append((match.start(), match.group()))
    return sorted(found)


def names_in(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """What in ``text`` looks like a person's name ('Mrs Smith', 'Olivia', 'Amira Khan'),
    in text order.  ``known``: case-folded words the road map uses as names of things
    (see :func:`known_words`), never taken for a person's name."""
    text = shown_text(text)
    found = titled_names(text, known)
    titled = [(start, start + len(name)) for start, name in found]
    # An email address ('Jane@example.org') is the personal-data guard's to report.
    contacts = contact_spans(text)
    words = list(WORD.finditer(text))
    i = 0
    while i < len(words):
        word = words[i]
        if (not _written_as_name(word.group()) or not _is_name(word.group(), known)
                or any(s <= word.start() < e for s, e in titled)):
            i += 1
            continue
        # A surname (or second name) straight after: 'Amira Khan', 'Anne-Marie'.
        end = i
        while (end + 1 < len(words) and _same_style(word.group(), words[end + 1].group())
               and text[words[end].end():words[end + 1].start()] in (" ", "-")
               and words[end + 1].group().casefold() not in known
               and words[end + 1].group().casefold() not in familiar_words()):
            end += 1
        found.append((word.start(), text[word.start():words[end].end()]))
        i = end + 1
    return [name for start, name in sorted(found)
            if not any(s <= start < e for s, e in contacts)]


def names_in_id(item_id: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The parts of an id (a file name such as 'amira-khan') that are given names."""
    return [part for part in item_id.split("-") if _is_name(part, known)]


def known_words(roadmap: Roadmap) -> frozenset[str]:
    """Case-folded words the road map uses in names of things, which a story may use too:
    glossary terms (and what abbreviations stand for), the organisation, the road map's
    title, and the titles and names of goals, priorities, indicators, services, actions
    and partner plans, partner organisations and the organisations in accountabilities.
    An editor whose story is wrongly held up (a place, a review, a programme named
    after someone) adds the name to the glossary."""
    texts: list[str] = []
    if roadmap.info is not None:
        texts += [roadmap.info.organisation, roadmap.info.title]
    for term in roadmap.glossary:
        texts += [term.term, term.stands_for or ""]
    for items in (roadmap.goals, roadmap.priorities, roadmap.indicators, roadmap.services,
                  roadmap.actions, roadmap.partner_plans):
        for item in items.values():
            texts += [getattr(item, "title", None) or "", getattr(item, "name", None) or ""]
    for service in roadmap.services.values():
        texts += service.partners
    texts += [a.organisation for a in roadmap.accountabilities]
    return frozenset(w.casefold() for text in texts for w in WORD.findall(reader_text(text)))


NO_NAMES = ("a public story must not identify anyone: describe people by role, e.g. 'a "
            "mother' or 'her social worker'")


@check
def story_names(context: CheckContext) -> Iterable[Problem]:
    """No names in the text or id of a public story (contact details: see personal_data)."""
    roadmap = context.roadmap
    known: frozenset[str] | None = None
    for story_id, story in roadmap.stories.items():
        if story.visibility != "public":
            continue
        if known is None:
            known = known_words(roadmap)
        names = names_in_id(story_id, known)
        if names:
            shown = "', '".join(names)
            yield Problem(
                roadmap.where("story", story_id),
                f"story '{story_id}': its id, the file name, contains what looks like a name "
                f"('{shown}'), and the id is published (in the page, as 'story-{story_id}', "
                "and in the open data); rename the file to say what the story is about, "
                "e.g. 'help-before-things-got-worse.yml'", "story-name")
        for field in STORY_TEXT_FIELDS:
            for name in names_in(getattr(story, field), known):
                yield Problem(
                    roadmap.where("story", story_id, field),
                    f"story '{story_id}': '{field}' contains what looks like a name ('{name}'); "
                    f"{NO_NAMES}", "story-name")
