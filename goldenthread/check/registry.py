"""The list of checks: each looks at the whole, resolved road map and returns problems.

A check is a function ``check(context) -> Iterable[Problem]`` registered with
:func:`check`.  Checks run after the data has loaded without errors that stop a
road map being built, both in ``goldenthread check`` and in every site build, so an
editor sees the same list in both places.  Each rule module registers its checks when
imported; :mod:`goldenthread.check.rules` imports them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from goldenthread.problems import Problem
from goldenthread.read.roadmap import Roadmap


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at: the full road map, the date, the audience being built."""

    roadmap: Roadmap
    today: date
    audience: str = "public"
    options: dict[str, Any] = field(default_factory=dict)
    #: The data folder, for checks on files beside it (the repository's issue forms).
    data_dir: Path | None = None


CheckFunction = Callable[[CheckContext], Iterable[Problem]]
_REGISTRY: list[CheckFunction] = []


def check(function: CheckFunction) -> CheckFunction:
    """Register a check (used as a decorator)."""
    _REGISTRY.append(function)
    return function


#: Word lists and dictionaries the checks load (each a cached function of no or few
#: arguments), dropped after a build's checks: see :func:`forget_word_lists`.
_WORD_LISTS: list[Any] = []


def word_list(function: Any) -> Any:
    """Register a cached loader of a word list or dictionary (a ``functools.cache``d
    function) so that :func:`forget_word_lists` can drop what it loaded."""
    _WORD_LISTS.append(function)
    return function


def forget_word_lists() -> None:
    """Drop every word list the checks loaded (together about 17 MiB: CMUdict's syllable
    counts, the names dictionary, the familiar words).  A build's checks run once, before
    its pages; the intranet's health page loads the syllable counts again."""
    for function in _WORD_LISTS:
        function.cache_clear()


def run_checks(context: CheckContext) -> list[Problem]:
    """Every registered check's problems, sorted by location."""
    problems: list[Problem] = []
    for function in _REGISTRY:
        problems.extend(function(context))
    return sorted(problems)
