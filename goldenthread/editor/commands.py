"""The editors' commands: ``goldenthread schema``, ``goldenthread new`` and
``goldenthread init``.

Kept apart from :mod:`goldenthread.cli`, which only calls :func:`add_editor_commands`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from goldenthread.editor.init import init_roadmap
from goldenthread.editor.schema import (
    missing_schema_lines,
    shown_path,
    stale_schemas,
    stamp_data,
    write_schemas,
)
from goldenthread.editor.settings import stale_vscode_settings, write_vscode_settings
from goldenthread.editor.stubs import StubError, file_kinds, stub_kinds, write_stub
from goldenthread.read.vocabulary import DEFAULT
from goldenthread.read.vocabulary import names as vocabulary_names

#: Where the schemas are when --schema-dir is not given: ./schema when there is one,
#: else the schema folder of the Golden Thread checkout this package runs from, so a
#: data folder kept anywhere gets a schema line that reaches a real schema.
CHECKOUT_SCHEMAS = Path(__file__).resolve().parents[2] / "schema"


def default_schema_dir() -> Path:
    """The schema folder to use when none is named (see :data:`CHECKOUT_SCHEMAS`)."""
    here = Path("schema")
    return here if here.is_dir() or not CHECKOUT_SCHEMAS.is_dir() else CHECKOUT_SCHEMAS


def _schema_dir(args: argparse.Namespace) -> Path:
    return Path(args.schema_dir) if args.schema_dir else default_schema_dir()


def _schema(args: argparse.Namespace) -> int:
    schema_dir = Path(args.schema_dir)
    data_dirs = [Path(d) for d in args.data_dirs]
    absent = [d for d in data_dirs if not d.is_dir()]
    if absent:
        print(f"the data folder '{absent[0]}' does not exist", file=sys.stderr)
        return 1
    if args.check:
        problems = stale_schemas(schema_dir)
        root = schema_dir.resolve().parent
        problems.extend(stale_vscode_settings(root, shown_path(root / ".vscode" / "settings.json")))
        for data_dir in data_dirs:
            problems.extend(missing_schema_lines(data_dir, schema_dir))
        for problem in sorted(problems):
            print(problem)
        if problems:
            print(f"{len(problems)} file(s) out of date: run 'goldenthread schema "
                  f"{' '.join(args.data_dirs)}' and commit the result.", file=sys.stderr)
            return 1
        print("The schemas are up to date and every data file names its schema.",
              file=sys.stderr)
        return 0
    changed = write_schemas(schema_dir)
    changed.extend(write_vscode_settings(schema_dir.resolve().parent))
    for data_dir in data_dirs:
        changed.extend(stamp_data(data_dir, schema_dir))
    for path in changed:
        print(f"updated {shown_path(path)}")
    print(f"{len(changed)} file(s) updated.", file=sys.stderr)
    return 0


def _new(args: argparse.Namespace) -> int:
    try:
        file = write_stub(args.kind, args.id, Path(args.data_dir), _schema_dir(args),
                          args.today)
    except StubError as exc:
        print(f"goldenthread new: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {shown_path(file)}: fill in each TO DO, then run 'goldenthread check'")
    return 0


def _init(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    try:
        files = init_roadmap(data_dir, _schema_dir(args), args.today,
                             vocabulary=args.vocabulary)
    except StubError as exc:
        print(f"goldenthread init: {exc}", file=sys.stderr)
        return 1
    for file in files:
        print(f"wrote {shown_path(file)}")
    shown = shown_path(data_dir)
    print(f"A new road map is in {shown}. Replace every TO DO and rename every to-do-... "
          f"file, then run 'goldenthread check {shown}': it names each one left. The "
          "intranet builds from it now; the public site once none is left.", file=sys.stderr)
    return 0


def add_editor_commands(commands: argparse._SubParsersAction,
                        iso_date: type | None = None) -> None:
    """Add ``schema`` and ``new`` to the ``goldenthread`` command's subcommands."""
    schema = commands.add_parser(
        "schema", help="write the JSON Schemas editors use, and point each data file at its "
        "schema")
    schema.add_argument("data_dirs", nargs="*", default=["roadmap_data"], metavar="DATA_DIR",
                        help="data folders whose files get the schema line "
                        "(default: roadmap_data)")
    schema.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 naming each stale schema or data file "
                        "without its schema line")
    schema.add_argument("--schema-dir", default="schema",
                        help="where the schemas live (default: schema)")
    schema.set_defaults(run=_schema)
    schema_help = ("where the schemas live (default: ./schema, else the schema folder of "
                   "this Golden Thread checkout)")

    new = commands.add_parser("new", help="start a new item: a file with every field, each "
                              "explained, ready to fill in")
    new.add_argument("kind", metavar="KIND", help="one of: " + ", ".join(
        [*stub_kinds(), *file_kinds()]))
    new.add_argument("id", metavar="ID", nargs="?", default=None,
                     help="the new item's id, e.g. 'early-help' (it becomes the file name); "
                     "none for a single file such as glossary")
    new.add_argument("--data-dir", default="roadmap_data",
                     help="the data folder (default: roadmap_data)")
    new.add_argument("--schema-dir", default=None, help=schema_help)
    new.add_argument("--today", type=iso_date or date.fromisoformat, default=None,
                     metavar="YYYY-MM-DD", help="the date used for dates in the stub "
                     "(default: today)")
    new.set_defaults(run=_new)

    init = commands.add_parser("init", help="start a new road map: every file, every field "
                               "explained, valid at once; never overwrites a file")
    init.add_argument("data_dir", metavar="DIR", help="the new data folder, e.g. "
                      "roadmap_data (created if needed)")
    init.add_argument("--schema-dir", default=None, help=schema_help)
    init.add_argument("--today", type=iso_date or date.fromisoformat, default=None,
                      metavar="YYYY-MM-DD", help="the date used for dates in the files "
                      "(default: today)")
    init.add_argument("--for", dest="vocabulary", default=DEFAULT, metavar="NAME",
                      help="the words of your field of work, from goldenthread/vocabularies: "
                      + ", ".join(vocabulary_names()) + f" (default: {DEFAULT}, which holds "
                      "for any partnership); roadmap.yml names it and can change any word")
    init.set_defaults(run=_init)
