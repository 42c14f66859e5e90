"""Plain language: no jargon the glossary says to avoid, abbreviations defined, short sentences.

The peer review found jargon "nobody outside understood" (the 'New Operating Model').
A glossary entry's ``avoid`` list names such jargon; public text that uses it is an
error, and the message gives the plain term to use instead.  Phrases match whole words
in any case; short all-capital abbreviations (``NOM``) match in exactly that case, so
the ordinary word 'nom' or 'Nom' is left alone.  Abbreviations the glossary does not
define, sentences over :data:`MAX_SENTENCE_WORDS` words and a vision over
:data:`MAX_VISION_WORDS` words are warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from goldenthread.check.placeholders import without_placeholders
from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.memo import Memo
from goldenthread.derive.reader_text import (
    ACRONYM,
    TextField,
    defined_acronyms,
    glossary_terms,
    text_fields,
)
from goldenthread.problems import Problem
from goldenthread.read.kinds import ROADMAP_FILE, single_file

MAX_SENTENCE_WORDS = 25
MAX_VISION_WORDS = 35
#: Fields whose wording is someone else's and is quoted as it stands.
QUOTED_FIELDS = frozenset({"definition"})
#: Fields held to stricter sentence rules of their own (goldenthread.check.reader_versions).
OWN_SENTENCE_RULES = frozenset({"easy_read"})

#: The glossary file, where the terms to avoid are listed.
GLOSSARY_FILE = single_file("glossary").path

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)")


@lru_cache(maxsize=256)
def avoid_pattern(word: str) -> re.Pattern[str]:
    """Whole-word pattern for a term to avoid: exact case for an abbreviation, else any case."""
    words = r"\s+".join(re.escape(w) for w in word.split())
    if ACRONYM.fullmatch(word):
        return re.compile(rf"(?<![\w-]){words}(?![\w-])")
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """The sentences (and list lines) of a text, stripped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of characters between spaces."""
    return len(text.split())


def _where(context: CheckContext, field: TextField):  # noqa: ANN202 - a Location
    return context.roadmap.where(field.kind, field.item_id, *field.loc)


def _used(text: str, words: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """Which of the words to avoid ``text`` uses: (position in ``words``, as written)."""
    return tuple((i, found.group(0)) for i, word in enumerate(words)
                 if (found := avoid_pattern(word).search(text)))


#: _used of each text, remembered while the words to avoid stay the same.
_uses: Memo[str, tuple[tuple[int, str], ...]] = Memo(_used)


@check
def terms_to_avoid(context: CheckContext) -> Iterable[Problem]:
    """Public text that uses a term the glossary says to avoid."""
    roadmap = context.roadmap
    avoid = [(word, term.term, i) for i, term in enumerate(roadmap.glossary)
             for word in term.avoid]
    _uses.new_run(tuple(word for word, _, _ in avoid))  # other words: all forgotten
    for field in text_fields(roadmap, context.audience):
        own_entry = field.loc[1] if field.item_id == GLOSSARY_FILE else None
        for position, written in _uses(field.text):
            _, plain_term, entry = avoid[position]
            # A glossary entry may name the jargon it replaces ("also known as ...").
            if entry == own_entry:
                continue
            yield Problem(
                _where(context, field),
                f"{field.label}: '{written}' in '{field.field}' is jargon readers "
                f"will not know; write '{plain_term}' instead ({GLOSSARY_FILE} lists it "
                "as a term to avoid)", "avoid-term")


def _abbreviations_in(text: str) -> frozenset[str]:
    # A placeholder ('TO DO', 'TBC') is reported by the placeholder check, not here.
    return frozenset(ACRONYM.findall(without_placeholders(text)))


def _long_sentences_in(text: str) -> tuple[tuple[int, str], ...]:
    """(words, its first six words) for each sentence of ``text`` over the limit."""
    return tuple((len(words), " ".join(words[:6])) for sentence in sentences(text)
                 if len(words := sentence.split()) > MAX_SENTENCE_WORDS)


#: What each text holds, remembered from one run to the next (see goldenthread.derive.memo).
_abbreviations: Memo[str, frozenset[str]] = Memo(_abbreviations_in)
_long_sentences: Memo[str, tuple[tuple[int, str], ...]] = Memo(_long_sentences_in)


@check
def acronyms_defined(context: CheckContext) -> Iterable[Problem]:
    """Abbreviations in public text that the glossary does not define."""
    roadmap = context.roadmap
    terms = glossary_terms(roadmap, context.audience)
    known = defined_acronyms(terms)
    avoided = {w for t in roadmap.glossary for w in t.avoid}
    _abbreviations.new_run()
    for field in text_fields(roadmap, context.audience):
        unknown = sorted({a for a in _abbreviations(field.text)
                          if a not in known and a not in avoided})
        for acronym in unknown:
            yield Problem(
                _where(context, field),
                f"{field.label}: the abbreviation '{acronym}' in '{field.field}' is not in "
                f"the glossary; write it out in full, or add a glossary entry with 'term: "
                f"{acronym}' and 'stands_for:'", "undefined-acronym")


@check
def short_sentences(context: CheckContext) -> Iterable[Problem]:
    """Sentences over 25 words, and a vision over 35 words."""
    roadmap = context.roadmap
    vision = roadmap.info.vision if roadmap.info is not None else ""
    if word_count(vision) > MAX_VISION_WORDS:
        yield Problem(
            roadmap.where("file", ROADMAP_FILE, "vision"),
            f"{ROADMAP_FILE}: the vision has {word_count(vision)} words; say it in one sentence "
            f"of {MAX_VISION_WORDS} words or fewer", "long-vision")
    _long_sentences.new_run()
    for field in text_fields(roadmap, context.audience):
        if field.loc[-1] in QUOTED_FIELDS or field.name in OWN_SENTENCE_RULES or (
                field.item_id == ROADMAP_FILE and field.loc == ("vision",)):
            continue
        for count, start in _long_sentences(field.text):
            yield Problem(
                _where(context, field),
                f"{field.label}: a sentence in '{field.field}' has {count} words "
                f"('{start} …'); split it into sentences of {MAX_SENTENCE_WORDS} words or "
                "fewer", "long-sentence")
