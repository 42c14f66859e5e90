"""``goldenthread diff BASE [HEAD]``: the plain-English summary a reviewer reads on a pull
request (added to the command line by :func:`add_diff_command`)."""

from __future__ import annotations

import argparse
import sys

from goldenthread.history.changes import diff_revisions
from goldenthread.history.git import GitError


def _diff(args: argparse.Namespace) -> int:
    try:
        summary = diff_revisions(args.data_dir, args.base, args.head, audience=args.audience)
    except GitError as exc:
        print(f"goldenthread diff: {exc}", file=sys.stderr)
        return 2
    print(summary)
    return 0


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
    diff.set_defaults(run=_diff)
