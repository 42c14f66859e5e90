"""Results of pure functions remembered from one run of the checks to the next.

Under ``mkdocs serve`` the road map is read again after every edit, and every check runs
over all of it, though an edit changes a few texts.  The checks that read every text
(the personal-data guard, internal titles, plain language) keep what they worked out
for each text in a :class:`Memo`, keyed by the text itself (and by anything else the
result depends on, in the key), so a rebuild works only on the texts it has not seen.

Memos are off unless :func:`keep_results` turns them on (the preview does).  A memo
keeps the results of the run in progress and of the run before it, no more: a
text gone from the road map is forgotten one run later, so memory does not grow under
a long preview.  Off, a :class:`Memo` keeps only the run in progress (a text written in
many places, such as a role or a partner's name, is worked out once per run) and
forgets it when the next run starts or the check ends (:func:`forget_all`).  Only a
function whose result depends on nothing but its key may be remembered this way, and its
result must not be changed by whoever is given it.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_MISSING = object()

#: Every memo made, to forget them all at once (:func:`forget_all`).
_ALL: weakref.WeakSet = weakref.WeakSet()

#: Whether memos keep results (see :func:`keep_results`).
_KEEP = [False]


def keep_results(on: bool) -> None:
    """Turn the memos on (``mkdocs serve --dirty``: each rebuild works out only what it has
    not seen) or off (the default: one build or one check works everything out once, and
    keeps nothing from one run to the next, so a full build's memory is not spent on
    them).  Off forgets everything kept."""
    _KEEP[0] = on
    if not on:
        forget_all()


def keeping() -> bool:
    """Whether memos keep results (:func:`keep_results`)."""
    return _KEEP[0]


def forget_all() -> None:
    """Forget every result remembered: the next run works everything out, as a first
    ``goldenthread check`` does (the benchmark times that, and the tests compare with it)."""
    for memo in list(_ALL):
        memo.forget()


class Memo(Generic[K, V]):
    """``function``'s results by key, for this run and the one before (see the module).

    A result may also depend on values that are the same for every key of a run (the
    internal titles a text is searched for, the words to avoid): :meth:`new_run` is given
    them, ``function`` is called with the key and them, and a run with other values
    forgets every result of the runs before."""

    def __init__(self, function: Callable[..., V]):
        self.function = function
        self._now: dict[Any, Any] = {}
        self._before: dict[Any, Any] = {}
        self._depends_on: tuple[Hashable, ...] = ()
        _ALL.add(self)

    def new_run(self, *depends_on: Hashable) -> None:
        """A new run starts: what the last run did not use is forgotten now, and
        everything when what the results depend on besides their keys changed."""
        if depends_on != self._depends_on or not _KEEP[0]:
            self._depends_on = depends_on
            self.forget()
        else:
            self._before, self._now = self._now, {}

    def forget(self) -> None:
        self._now, self._before = {}, {}

    def __call__(self, key: K) -> V:
        found = self._now.get(key, _MISSING)
        if found is _MISSING:
            if _KEEP[0]:
                found = self._before.get(key, _MISSING)
            if found is _MISSING:
                found = self.function(key, *self._depends_on)
            self._now[key] = found
        return found  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._now)


class IdentityMemo(Memo[tuple, V]):
    """Like :class:`Memo`, for a function of a frozen object (a record of the road map)
    and a few hashable arguments: the object is known by its identity, which is only
    safe while it is alive, so it is kept with the result and checked."""

    def __call__(self, value: object, *args: Hashable) -> V:  # type: ignore[override]
        if not _KEEP[0]:
            return self.function(value, *args)
        key = (id(value), *args)
        found = self._now.get(key) or self._before.get(key)
        if found is None or found[0] is not value:
            found = (value, self.function(value, *args))
        self._now[key] = found
        return found[1]


def same(a: Any, b: Any) -> bool:
    """Whether two values a page is rendered from would render the same: equal, and of the
    same types and in the same order all the way down, since ``==`` alone is not enough
    (``1 == 1.0 == True``, ``0.0 == -0.0`` and two dicts in another order are equal, yet
    each prints otherwise).  Values that are the same object are the same (the road map
    is frozen); a value of a type not known here is the same only when equal with an
    equal ``repr``.  Records (pydantic models, dataclasses) compare field by field."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is str or kind is int or kind is bool or issubclass(kind, str):
        return a == b
    if kind is tuple or kind is list:
        return len(a) == len(b) and all(map(same, a, b))
    if kind is dict:  # keys, then values, in order
        return len(a) == len(b) and all(map(same, a, b)) and all(map(same, a.values(),
                                                                      b.values()))
    if kind is float:
        return repr(a) == repr(b)
    if isinstance(a, BaseModel):
        return (same(a.__dict__, b.__dict__) and same(a.__pydantic_extra__, b.__pydantic_extra__)
                and same(a.__pydantic_private__, b.__pydantic_private__))
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if kind in (set, frozenset):
        return a == b and list(a) == list(b)
    try:
        return bool(a == b) and repr(a) == repr(b)
    except Exception:  # noqa: BLE001 - a value that cannot be compared is not the same
        return False
