"""``goldenthread diff BASE [HEAD]``: the plain-English summary a reviewer reads on a pull
request (added to the command line by :func:`add_diff_command`)."""

from __future__ import annotations

import argparse
import sys

from goldenthread.history.changes import diff_revisions
from goldenthread.history.git import GitError
from goldenthread.problems import escape_unsafe

#: A GitHub comment holds at most this many characters.
GITHUB_COMMENT_LIMIT = 65_536


def cut_note(full_summary_url: str | None) -> str:
    """The note that ends a summary cut to fit: where the whole of it is."""
    where = (f"the full summary is on the run's page: {escape_unsafe(full_summary_url)}"
             if full_summary_url else "the full summary is on the run's page")
    return f"\n\nThis summary is too long for one comment, so it stops here; {where}\n"


def fit_summary(summary: str, max_chars: int | None, full_summary_url: str | None = None
                ) -> str:
    """``summary``, ending in a new line, as it is when it fits in ``max_chars`` characters;
    otherwise cut after the last whole line that leaves room for a note saying where the
    full summary is.  (Each line of a summary is whole Markdown: no block spans lines.)"""
    summary = summary if summary.endswith("\n") else summary + "\n"
    if max_chars is None or len(summary) <= max_chars:
        return summary
    note = cut_note(full_summary_url)
    room = max_chars - len(note)
    kept: list[str] = []
    used = 0
    for line in summary.splitlines(keepends=True):
        if used + len(line) > room:
            break
        kept.append(line)
        used += len(line)
    return "".join(kept).rstrip("\n") + note


def _diff(args: argparse.Namespace) -> int:
    try:
        summary = diff_revisions(args.data_dir, args.base, args.head, audience=args.audience)
    except GitError as exc:
        print(f"goldenthread diff: {exc}", file=sys.stderr)
        return 2
    print(fit_summary(summary, args.max_chars, args.full_summary_url), end="")
    return 0


def _chars(text: str) -> int:
    number = int(text)
    if number < 200:
        raise argparse.ArgumentTypeError(f"{text} is too few characters for a summary (at "
                                         "least 200)")
    return number


def add_diff_command(commands: argparse._SubParsersAction) -> None:
    """Add the ``diff`` subcommand to the ``goldenthread`` command line."""
    diff = commands.add_parser(
        "diff", help="summarise in plain English what changed in the data between two "
        "git revisions",
        description="Compare the road map at two git revisions and write a Markdown "
        "summary: items added, removed and renamed; targets, figures, statuses, owners, "
        "dates and titles changed.  Without HEAD, compares with the working tree.")
    diff.add_argument("base", help="the revision to compare from, e.g. main or a commit id")
    diff.add_argument("head", nargs="?", default=None,
                      help="the revision to compare to (default: the files as they are now)")
    diff.add_argument("--data-dir", default="roadmap_data",
                      help="the data folder (default: roadmap_data)")
    diff.add_argument("--audience", choices=("public", "internal"), default="internal",
                      help="list every change (internal, the default) or only what the "
                      "public site shows")
    diff.add_argument("--max-chars", type=_chars, default=None, metavar="N",
                      help="cut the summary at a line so that it fits in N characters, with "
                      f"a note saying where the rest is (a GitHub comment holds "
                      f"{GITHUB_COMMENT_LIMIT:,})")
    diff.add_argument("--full-summary-url", default=None, metavar="URL",
                      help="with --max-chars: the page the note sends readers to for the "
                      "full summary (the workflow run's page)")
    diff.set_defaults(run=_diff)
