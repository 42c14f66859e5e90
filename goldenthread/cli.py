"""The ``goldenthread`` command: check, schema, new, init, diff.

Exit codes: 0 clean (warnings allowed), 1 errors found, 2 bad usage, 3 an internal
fault (reported in one line, never as a traceback).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from goldenthread.check.pipeline import check_roadmap
from goldenthread.editor.blockage_issue import add_blockage_command
from goldenthread.editor.commands import add_editor_commands
from goldenthread.history.command import add_diff_command
from goldenthread.problems import escape_unsafe, has_errors
from goldenthread.read.kinds import ROADMAP_FILE
from goldenthread.site_options import (
    NOT_CHECK_OPTIONS,
    ConfigError,
    goldenthread_settings,
    today_of,
)


def _check(args: argparse.Namespace) -> int:
    # The same settings the site build uses (audience, today, escalation limits, stale...),
    # from the MkDocs file named by --config, or mkdocs.yml when there is one.
    config = Path(args.config or "mkdocs.yml")
    try:
        extra = goldenthread_settings(config) if args.config or config.is_file() else {}
        today = args.today or today_of(extra, str(config))
    except ConfigError as exc:
        print(f"goldenthread: {escape_unsafe(str(exc))}", file=sys.stderr)
        return 2
    options = {k: v for k, v in extra.items() if k not in NOT_CHECK_OPTIONS}
    if args.stale_as_warning:
        options["stale"] = "warning"
    audience = args.audience or extra.get("audience") or "public"
    roadmap, problems = check_roadmap(Path(args.data_dir), audience=audience,
                                      today=today, options=options)
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if has_errors(problems) or roadmap is None:
        print(f"{errors} error(s), {warnings} warning(s): fix the errors above, then run the "
              "check again.", file=sys.stderr)
        data_dir = Path(args.data_dir)
        if not (data_dir / ROADMAP_FILE).is_file():
            print(f"To start a new road map in {data_dir.as_posix()}, with every file and "
                  f"every field explained, run 'goldenthread init {data_dir.as_posix()}'.",
                  file=sys.stderr)
        return 1
    counts = (f"{len(roadmap.goals)} goals, {len(roadmap.priorities)} priorities, "
              f"{len(roadmap.indicators)} indicators, {len(roadmap.services)} services, "
              f"{len(roadmap.actions)} actions")
    print(f"The road map is valid ({counts}); {warnings} warning(s).", file=sys.stderr)
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="goldenthread", description="Check and publish a public service's road map.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check the data and list every problem")
    check.add_argument("data_dir", nargs="?", default="roadmap_data",
                       help="the data folder (default: roadmap_data)")
    check.add_argument("--audience", choices=("public", "internal"), default=None,
                       help="check as for the public site or the intranet (default: the "
                       "audience of the --config file, public for mkdocs.yml)")
    check.add_argument("--today", type=_iso_date, default=None, metavar="YYYY-MM-DD",
                       help="the date to check against (default: GOLDENTHREAD_TODAY, else "
                       "the road map's as_at date, else today)")
    check.add_argument("--stale-as-warning", action="store_true",
                       help="report passed review dates as warnings, not errors")
    check.add_argument("--config", default=None, metavar="FILE",
                       help="read check options from this MkDocs file's extra.goldenthread, "
                       "as the site build does (default: mkdocs.yml, if present)")
    check.set_defaults(run=_check)
    add_editor_commands(commands, _iso_date)
    add_diff_command(commands)
    add_blockage_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - an editor must never see a traceback
        print(f"goldenthread: internal error ({type(exc).__name__}: "
              f"{escape_unsafe(str(exc))}). The data may be "
              "fine; please report this.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
