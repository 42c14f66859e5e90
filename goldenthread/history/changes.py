"""Change summaries from git: ``goldenthread diff`` and the "What has changed" page.

Both read the data folder as it was at a revision (``git archive`` into a temporary
folder), read it with the same strict reader as everything else, and compare with
:func:`goldenthread.history.compare.compare`.  A version with data errors is never compared
silently: the summary says so, because items with errors are left out of a road map
and would otherwise look added (errors in the base) or removed (errors in the head).

The public history publishes nothing that the public build of each revision would not
have published *and* that today's checks would not pass: both sides of each comparison
are filtered for the public (:func:`goldenthread.history.compare.compare`), quoted text
and ids must pass today's guards (:mod:`goldenthread.history.quotable`), figures are
shown as the indicator's page shows them today (a small count it hides now is hidden in
its history too), a change about anything that is not public *now* (made internal, or
made internal and then deleted) is left out, whatever it was called at the time
(:func:`public_subjects`), and a change quoting the title or id of anything not public
now is said without quoting anything (:func:`withheld_names`).  ``goldenthread diff
--audience public`` applies the same rules, with the working tree as today's road map.

The pull-request summary is Markdown that GitHub renders and posts: every quoted text is
on one line and escaped (:func:`markdown_escape`), so one line is always one change and
no text can mention a person or team, link, embed HTML or forge a line.
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from goldenthread.check.internal_titles import internal_titles
from goldenthread.check.registry import forget_word_lists
from goldenthread.history import cache as change_cache
from goldenthread.history.compare import Change, as_markdown, compare, subjects, title_of
from goldenthread.history.field_changes import one_line
from goldenthread.history.git import data_commits, extract, git, in_repository, resolve
from goldenthread.history.quotable import rules_key, suppressing
from goldenthread.problems import Problem, has_errors
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.kinds import ITEMS
from goldenthread.read.roadmap import Roadmap

#: How many of the latest changes the "What has changed" page lists.
DEFAULT_LIMIT = 20
#: Characters with a meaning anywhere in a line of GitHub Markdown: code spans (`),
#: emphasis (* _), links and images ([ ]), tables (|), strike-through (~), headings and
#: issue references (#), maths ($) and the escape itself (\).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~#$])")
#: What starts a block at the start of a line: a list item (- + 1. 1)), a heading
#: underline (=) or a quotation (> is escaped as HTML anyway).
_BLOCK_START = re.compile(r"^(\d*)([-+=.)])")
#: Invisible characters that reorder how a line reads (bidirectional controls).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: U+2060 WORD JOINER and U+200D ZERO WIDTH JOINER: invisible, but they stop GitHub
#: seeing a mention (@name, @org/team, @everyone), an issue reference (#12, GH-12) or
#: a bare web address as such.
WORD_JOINER = "\u2060"
ZERO_WIDTH_JOINER = "\u200d"


def markdown_escape(text: str) -> str:
    """Editor text made literal, on one line, in GitHub Markdown (a pull-request comment).

    Line breaks of every kind become spaces; Markdown punctuation is escaped with a
    backslash; HTML (< > &) becomes entities, so no tag, comment or entity forms;
    mentions, issue references and bare web addresses are broken with an invisible
    joiner, so GitHub notifies nobody and links nothing.
    """
    text = _BIDI.sub("", one_line(str(text))).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _BLOCK_START.sub(r"\1\\\2", text)
    text = text.replace("@", "@" + ZERO_WIDTH_JOINER)
    text = text.replace("#", "#" + WORD_JOINER)
    text = re.sub(r"(?i)\b(gh)-(?=\d)", r"\1-" + WORD_JOINER, text)
    text = re.sub(r"(?i)://", ":" + WORD_JOINER + "//", text)
    return re.sub(r"(?i)\bwww\.", "www" + WORD_JOINER + ".", text)


def markdown_code(text: str) -> str:
    """``text`` as one Markdown code span, on one line, whatever backticks it holds."""
    text = one_line(str(text))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


@dataclass
class Version:
    """The road map at one revision (or the working tree), with its problems."""

    name: str
    roadmap: Roadmap | None
    problems: list[Problem] = field(default_factory=list)
    missing: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _read(data_dir: Path, commit: str | None, name: str, workdir: Path) -> Version:
    if commit is None:
        roadmap, problems = read_roadmap(data_dir)
        return Version(name, roadmap, problems)
    folder = extract(data_dir, commit, workdir / commit)
    if folder is None:
        return Version(name, None, missing=True)
    # A past revision is read once from a temporary copy: it must not take the place of
    # the working tree's remembered files (see read_roadmap).
    roadmap, problems = read_roadmap(folder, remember=False)
    return Version(name, roadmap, problems)


def _short(data_dir: Path, revision: str, commit: str) -> str:
    short = git(data_dir, "rev-parse", "--short", commit)
    short = short.strip() if isinstance(short, str) else commit[:7]
    return revision if short.startswith(revision) else f"{revision} ({short})"


def diff_revisions(data_dir: Path | str, base: str, head: str | None = None,
                   audience: str = "internal") -> str:
    """A Markdown summary of what changed in the data from ``base`` to ``head`` (the
    working tree when None).  Raises :class:`goldenthread.history.git.GitError` for a
    revision git does not know."""
    data_dir = Path(data_dir)
    base_commit = resolve(data_dir, base)
    head_commit = resolve(data_dir, head) if head is not None else None
    with tempfile.TemporaryDirectory(prefix="goldenthread-diff-") as tmp:
        old = _read(data_dir, base_commit, _short(data_dir, base, base_commit), Path(tmp))
        new = _read(data_dir, head_commit,
                    _short(data_dir, head, head_commit) if head and head_commit
                    else "the working tree", Path(tmp))
    today = None
    if audience == "public":  # today's rules read today's road map: the working tree
        today = new.roadmap if head_commit is None else read_roadmap(data_dir)[0]
    return summary(old, new, data_dir.name, audience, today)


def summary(old: Version, new: Version, folder: str = "roadmap_data",
            audience: str = "internal", today: Roadmap | None = None) -> str:
    """The Markdown summary of the changes from ``old`` to ``new``: a heading, what is
    wrong with either version, then one line per change, whatever the text holds.
    ``today``: the road map as it is now, whose rules the public summary follows (which
    indicators hide small counts, what is not public)."""
    lines = [f"## Changes to the road map: {markdown_escape(old.name)} → "
             f"{markdown_escape(new.name)}\n"]
    # An item left out of the base for its errors looks added; left out of the head, removed.
    for version, looks in ((old, "added"), (new, "removed")):
        if version.missing:
            lines.append(f"The data folder '{markdown_escape(folder)}' did not exist "
                         f"at {markdown_escape(version.name)}.\n")
        elif version.errors or version.roadmap is None:
            lines.append(_errors_text(version, looks))
    changes = (compare(old.roadmap, new.roadmap, audience, suppressing(today))
               if new.roadmap is not None else [])
    if audience == "public":
        withhold = withheld_names(today)
        changes = [c for c in (_unnamed(c, withhold) for c in changes) if c is not None]
    lines.append(as_markdown(changes, line=markdown_escape))
    return "\n".join(lines)


def _errors_text(version: Version, looks: str) -> str:
    errors = version.errors
    shown = "\n".join(f"- {markdown_code(p)}" for p in errors[:20])
    more = f"\n- … and {len(errors) - 20} more" if len(errors) > 20 else ""
    return (f"**The road map at {markdown_escape(version.name)} has {len(errors)} data "
            f"error(s).** Items with errors are left out below, so they may look {looks} "
            f"or unchanged. Fix these first (run `goldenthread check`):\n\n{shown}{more}\n")


@dataclass(frozen=True)
class DatedChanges:
    """The changes made on one day."""

    day: date
    changes: tuple[Change, ...]
    unreadable: bool = False  # the data had errors then, so the changes are not listed


@dataclass(frozen=True)
class ChangeLog:
    """What the "What has changed" page shows."""

    available: bool  # False without git or history (e.g. a build from a tarball)
    entries: tuple[DatedChanges, ...] = ()
    capped: bool = False  # more, older changes exist than were read
    first_recorded: date | None = None
    seconds: float = 0.0


def withheld_names(current: Roadmap | None) -> frozenset[str]:
    """Titles and ids of the items that are not public *now*, and the titles of entries
    that are not (the internal-titles guard's list: an achievement, a line).

    An item once public and since made internal must vanish from the public site, its
    past changes included: each version is filtered for the public on its own, so an
    old change could otherwise still name it.  Such a change is said without quoting
    anything (:attr:`Change.plain`), or left out when even that names it.
    """
    if current is None:
        return frozenset()
    names: set[str] = {found.title for found in internal_titles(current)}
    for kind in ITEMS:
        for item_id, item in getattr(current, kind.attribute).items():
            if getattr(item, "visibility", None) != "public":
                names.add(item_id)
                names.add(title_of(item))
    return frozenset(n.casefold() for n in names if n)


def change_log(data_dir: Path | str, audience: str = "public",
               limit: int = DEFAULT_LIMIT, withhold: frozenset[str] = frozenset(),
               current: Roadmap | None = None) -> ChangeLog:
    """The dated changes to the road map from the data folder's git history, newest first,
    as ``audience`` may see them; the latest ``limit`` commits only.

    For the public, a change about anything that is not public now is left out
    (:func:`public_subjects`; ``current`` is the road map being built, read from the
    data folder when not given), and so is a change whose text names anything in
    ``withhold`` (see :func:`withheld_names`).

    Each pair of consecutive commits is compared once and remembered
    (:mod:`goldenthread.history.cache`), so later builds only read new commits.
    """
    started = time.perf_counter()
    data_dir = Path(data_dir).resolve()
    if not data_dir.is_dir() or not in_repository(data_dir):
        return ChangeLog(available=False)
    commits = data_commits(data_dir, limit + 1)
    if not commits:
        return ChangeLog(available=False)
    capped = len(commits) > limit
    if audience == "public" and current is None:
        current = read_roadmap(data_dir)[0]
    # Today's small-number rules are part of every comparison, and so of its cache key.
    hiding = suppressing(current) if audience == "public" else frozenset()
    key = f"{audience} {rules_key(hiding)}" if hiding else audience
    cache = change_cache.cache_folder(data_dir)
    found_by_pair: list[tuple[date, tuple[Change, ...] | bool]] = []
    with tempfile.TemporaryDirectory(prefix="goldenthread-history-") as tmp:
        versions: dict[str, Version] = {}

        def version(sha: str) -> Version:
            if sha not in versions:
                versions[sha] = _read(data_dir, sha, sha, Path(tmp))
            return versions[sha]

        for new_commit, old_commit in zip(commits, commits[1:], strict=False):
            found = change_cache.load(cache, old_commit.sha, new_commit.sha, key)
            if found is None:
                found = _compare_versions(version(old_commit.sha), version(new_commit.sha),
                                          audience, hiding)
                change_cache.store(cache, old_commit.sha, new_commit.sha, key,
                                   None if found is False else found)
            found_by_pair.append((new_commit.day, found))
        shown = None
        if audience == "public":
            history = []
            for commit in commits:
                states = change_cache.load_states(cache, commit.sha)
                if states is None:
                    states = _states(version(commit.sha))
                    change_cache.store_states(cache, commit.sha, states)
                history.append(states)
            shown = public_subjects(current, history)
    entries: dict[date, list[Change]] = {}
    unreadable: set[date] = set()
    for day, found in found_by_pair:
        if found is False:
            unreadable.add(day)
            continue
        listed = entries.setdefault(day, [])
        said = (_unnamed(c, withhold) for c in found
                if shown is None or all(a in shown for a in c.about))
        listed += [c for c in said if c is not None and c not in listed]
    dated = [DatedChanges(day, tuple(changes)) for day, changes in entries.items() if changes]
    dated += [DatedChanges(day, (), unreadable=True) for day in sorted(unreadable)
              if not entries.get(day)]
    if versions and audience == "public":
        forget_word_lists()  # the name guard's lists, dropped as after a build's checks
    return ChangeLog(
        available=True,
        entries=tuple(sorted(dated, key=lambda e: e.day, reverse=True)),
        capped=capped,
        first_recorded=None if capped else commits[-1].day,
        seconds=time.perf_counter() - started,
    )


def _states(version: Version) -> dict[str, bool]:
    return subjects(version.roadmap) if version.roadmap is not None else {}


def public_subjects(current: Roadmap | None, history: list[dict[str, bool]]
                    ) -> frozenset[str]:
    """The subjects the public history may still name: those public in their latest
    state.

    The latest state of a subject is the one in ``current`` (the road map being built)
    when it is there, otherwise in the newest version of ``history`` (each commit's
    :func:`goldenthread.history.compare.subjects`, newest first) that holds it.  So an item made
    internal is never named again, even by the title it had while public; nor is one
    made internal and then deleted.  An item deleted while public may still be named:
    the public saw it, and saw it go.  A subject seen nowhere is not named.
    """
    latest: dict[str, bool] = dict(subjects(current)) if current is not None else {}
    for states in history:
        for key, public in states.items():
            latest.setdefault(key, public)
    return frozenset(key for key, public in latest.items() if public)


def _names_any(text: str, withhold: frozenset[str]) -> bool:
    text = text.casefold()
    return any(name in text for name in withhold)


def _unnamed(change: Change, withhold: frozenset[str]) -> Change | None:
    """``change`` as the public may read it now: said without quoting anything when it
    names something in ``withhold``; None when even that would name it."""
    if not _names_any(change.text, withhold):
        return change
    if change.plain and not _names_any(change.plain, withhold):
        return Change(change.section, change.plain, change.about, change.plain)
    return None


def _compare_versions(old: Version, new: Version, audience: str,
                      hiding: frozenset[str] = frozenset()) -> tuple[Change, ...] | bool:
    """The changes between two versions, or False when either had data errors."""
    if old.roadmap is None or new.roadmap is None or has_errors(old.problems) \
            or has_errors(new.problems):
        return False
    return tuple(compare(old.roadmap, new.roadmap, audience, hiding))
