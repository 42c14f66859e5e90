"""Given names, for the check that no public story names a child or family.

The names come from Jörg Michael's dictionary of first names (``nam_dict.txt``, about
45,000 names with their frequency in over 50 countries and regions, among them Great Britain,
Ireland, Poland and the rest of Eastern Europe, Turkey, Arabia and Persia, India and Sri
Lanka, China, Japan, Korea, Vietnam), as shipped by the ``gender-guesser`` package.
Only the data file is read; the package's code is not run.

Many given names are also English words (Hope, Grace, May, Will, Mark, Bill, Rose,
Faith, Joy, Sunny, Ward) and one of them starting a sentence is not a name.  A name is
therefore left out when it is a common English word:

* a word of the Dale–Chall list of about 3,000 familiar words (shipped by ``textstat``,
  which the plain-language check already uses), or
* a word that Webster's dictionary (the ``web2`` list of ``english-words``) has in lower
  case *and* that is common in everyday English: used at least :data:`COMMON` times in
  ``pyspellchecker``'s English word frequencies (counted from film and TV subtitles).
  The dictionary alone would let through names such as Emma, Laura and Lucy (it has
  them in lower case too, as rare words); the count alone would let through the names
  said most often in films.

Month and day names, and the names of festivals, are never names here.

Each list is read once, on first use, and kept: the name list (about 30 ms) when a
public story is checked; Webster's list and the counts (about 110 ms, then dropped but
for the few hundred names that are everyday words) only when a story has a capitalised
word that is in the name list and not a familiar word.
"""

from __future__ import annotations

import functools
import gzip
import importlib.resources
import importlib.util
import json
from pathlib import Path

from goldenthread.check.registry import word_list

#: How often a word that Webster's has in lower case must be used (in pyspellchecker's
#: English counts) to be an everyday word rather than a name: 'ward' (11,168), 'sunny'
#: (11,184), 'mentor' (4,136) and 'peer' (3,110) are; 'jane' (2,921), 'emma' (2,118),
#: 'lucy' (1,294) and 'amir' (314) are not.  ('sarah', 3,890, is not in Webster's in
#: lower case, so it stays a name.)
COMMON = 3_000

#: How often a word must be used (in pyspellchecker's counts) to be an English word
#: for :func:`english_words`.
USED = 50

#: How common (nam_dict.txt's frequency, 1 to 13) a name must be somewhere to be taken for
#: a name when not written with a capital: 5 is about 1 person in 1,600 (Olivia, Priya,
#: Tariq); 4 and less take in rare names that are also abbreviations or other words.
COMMON_SOMEWHERE = 5
#: The columns of nam_dict.txt that hold the frequencies, one per country or region.
_FIRST_COUNTRY, _LAST_COUNTRY = 29, 84

#: Words written with a capital that are never a person's name in a story.
CALENDAR = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
christmas easter eid diwali ramadan hanukkah vaisakhi
""".split())


class NameListMissing(RuntimeError):
    """A package that ships one of the word lists is not installed."""


def _package_dir(package: str) -> Path:
    """The folder of an installed package, found without importing (running) it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise NameListMissing(
            f"the Python package '{package}' is not installed; reinstall Golden Thread "
            "(pip install -e .) to check stories for names")
    return Path(next(iter(spec.submodule_search_locations)))


@word_list
@functools.cache
def dictionary_names() -> frozenset[str]:
    """Every first name in nam_dict.txt, case-folded ('Jun+Wei' gives 'jun', 'wei' and
    'junwei')."""
    path = _package_dir("gender_guesser") / "data" / "nam_dict.txt"
    names: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in ("#", "=", "\n", "\r", ""):
                continue  # comments, and '=' lines pairing short and long forms
            fields = line.split(None, 2)
            if len(fields) < 2:
                continue
            name = fields[1].casefold()
            if "+" in name or "-" in name:
                names.update(part for part in name.replace("-", "+").split("+") if part)
                name = name.replace("+", "")
            names.add(name)
    return frozenset(names)


@word_list
@functools.cache
def familiar_words() -> frozenset[str]:
    """The Dale–Chall list of familiar words, as textstat ships it."""
    path = _package_dir("textstat") / "resources" / "en" / "easy_words.txt"
    return frozenset(w.casefold() for w in path.read_text(encoding="utf-8").split())


@word_list
@functools.cache
def everyday_names() -> frozenset[str]:
    """Given names that are also everyday English words ('grace', 'ward', 'sunny').

    Webster's list and the word counts are read only when first needed (a capitalised
    word that is in the name list and not a familiar word), and only this small set is
    kept."""
    from english_words import get_english_words_set

    dictionary = get_english_words_set(["web2"])  # as written: 'grace', but 'Sarah'
    counts_file = importlib.resources.files("spellchecker") / "resources" / "en.json.gz"
    counts: dict[str, int] = json.loads(gzip.decompress(counts_file.read_bytes()))
    return frozenset(n for n in dictionary_names()
                     if n in dictionary and counts.get(n, 0) >= COMMON)


@word_list
@functools.cache
def english_words() -> frozenset[str]:
    """Every word used at least :data:`USED` times in pyspellchecker's English counts
    (from film and TV subtitles, so with plurals and other forms: 'details', 'online'),
    case-folded; read only when first needed (a word before ' at ' that might be the
    name part of an address)."""
    counts_file = importlib.resources.files("spellchecker") / "resources" / "en.json.gz"
    counts: dict[str, int] = json.loads(gzip.decompress(counts_file.read_bytes()))
    return frozenset(w.casefold() for w, n in counts.items() if n >= USED)


def is_english_word(word: str) -> bool:
    """True when ``word`` (any case) is an everyday English word (:func:`english_words`)
    or a familiar one."""
    folded = word.casefold()
    return folded in familiar_words() or folded in english_words()


@word_list
@functools.cache
def name_frequencies() -> dict[str, int]:
    """Each first name of nam_dict.txt (case-folded) -> how common it is where it is most
    common: the file's frequency, 1 (rare) to 13 (very common), each step a factor of
    two (10 is at least 2 per cent of people)."""
    path = _package_dir("gender_guesser") / "data" / "nam_dict.txt"
    best: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in ("#", "=", "\n", "\r", "") or len(line) <= _FIRST_COUNTRY:
                continue
            name = line[3:_FIRST_COUNTRY].strip().casefold()
            often = max((int(c, 16) for c in line[_FIRST_COUNTRY:_LAST_COUNTRY]
                         if c in "0123456789ABCDEFabcdef"), default=0)
            for part in {name, name.replace("+", ""), *name.replace("-", "+").split("+")}:
                if part and often > best.get(part, -1):
                    best[part] = often
    return best


@word_list
@functools.cache
def dictionary_words() -> frozenset[str]:
    """Webster's words as written in lower case ('grace', 'nan', 'sen'; not 'Sarah')."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"]) if w.islower())


def is_name_in_any_case(word: str) -> bool:
    """True when ``word``, written without a capital (AMIRA, amira), is still surely a
    name: a given name that is not a common word (:func:`is_person_name`), common where
    it is given (:data:`COMMON_SOMEWHERE`: 'evald' and 'lado' are not), and no word of
    Webster's in lower case ('nan', 'sen', 'lac' are words or abbreviations too)."""
    folded = word.casefold()
    return (is_person_name(folded) and name_frequencies().get(folded, 0) >= COMMON_SOMEWHERE
            and folded not in dictionary_words())


def is_person_name(word: str) -> bool:
    """True when ``word`` (any case) is a given name that is not a common English word."""
    folded = word.casefold()
    if len(folded) < 2 or folded in CALENDAR or folded in familiar_words():
        return False
    return folded in dictionary_names() and folded not in everyday_names()
