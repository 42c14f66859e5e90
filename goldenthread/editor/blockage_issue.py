"""``goldenthread blockage-from-issue``: a submitted GitHub issue form becomes a blockage file.

Staff raise a blockage with the issue form ``.github/ISSUE_TEMPLATE/blockage.yml``, whose
fields mirror the blockage schema.  GitHub puts the answers in the issue's body as
Markdown sections (``### Field label``, a blank line, the value; ``_No response_`` for an
optional field left empty).  This module reads that body, writes
``blockages/<id>.yml`` with the schema line, and checks the data folder as
``goldenthread check`` does, so a bad date or an unknown id is reported like any other.

Everything in the body is data: it is written as quoted YAML strings, never evaluated.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from goldenthread.check.pipeline import check_roadmap
from goldenthread.editor.schema import schema_line
from goldenthread.problems import escape_unsafe, has_errors
from goldenthread.read.field_types import is_id
from goldenthread.read.kinds import BY_LABEL

#: The form's field labels (as .github/ISSUE_TEMPLATE/blockage.yml gives them) -> the
#: blockage's fields.  Lists are one id per line.
LABELS: dict[str, str] = {
    "What is blocked": "title",
    "What is happening": "description",
    "Priorities it holds up": "priorities",
    "Actions it holds up": "actions",
    "Services involved": "services",
    "When it was first raised": "raised",
    "Raised by (your role, not your name)": "raised_by",
    "Who should own it (a role)": "owner",
    "How far it has been escalated": "level",
    "At this level since": "at_level_since",
    "Next review": "next_review",
}
LISTS = {"priorities", "actions", "services"}
#: The level as the form's dropdown words it -> the schema's value.
LEVELS = {"informal (between colleagues)": "informal", "service (heads of service)": "service",
          "partnership (the partnership's leaders)": "partnership",
          "safeguarding-board (the Safeguarding Children Board)": "safeguarding-board"}
NO_RESPONSE = "_No response_"
_SECTION = re.compile(r"^###[ \t]+(.+?)[ \t]*$", re.M)


class IssueFormError(ValueError):
    """The issue body is not a blockage form, or the file cannot be written."""


def form_fields(body: str) -> dict[str, str]:
    """The answers in an issue-form body: blockage field -> value (stripped; empty and
    '_No response_' answers are left out).  Unknown sections are ignored."""
    body = body.replace("\r\n", "\n")
    found: dict[str, str] = {}
    matches = list(_SECTION.finditer(body))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        value = body[match.end():end].strip()
        field = LABELS.get(match.group(1).strip())
        if field and value and value != NO_RESPONSE:
            found[field] = value
    if "title" not in found:
        raise IssueFormError("this is not a 'Raise a blockage' form: it has no "
                             "'### What is blocked' section")
    return found


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML 1.2 string


def blockage_yaml(fields: dict[str, str], first_line: str) -> str:
    """The blockage file's text: every value quoted, lists one id per line, status open
    and visibility internal (a blockage is never published)."""
    lines = [first_line, "# Raised with the 'Raise a blockage' issue form."]
    for field in LABELS.values():
        if field not in fields:
            if field in LISTS:
                lines.append(f"{field}: []")
            continue
        value = fields[field]
        if field in LISTS:
            items = [re.sub(r"^[-*]\s*", "", v).strip() for v in value.splitlines()]
            items = [v for v in items if v]
            lines.append(f"{field}:" if items else f"{field}: []")
            lines += [f"  - {_quoted(v)}" for v in items]
        elif field == "level":
            lines.append(f"level: {_quoted(LEVELS.get(value, value))}")
        elif field == "description":
            lines.append(f"description: {_quoted(value)}")
        else:
            lines.append(f"{field}: {_quoted(' '.join(value.split()))}")
    lines += ["status: open", "visibility: internal"]
    return "\n".join(lines) + "\n"


def new_id(title: str) -> str:
    """An id from the title: lowercase words joined by hyphens, at most 60 characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-")
    return slug or "blockage"


def write_blockage(body: str, data_dir: Path, schema_dir: Path,
                   item_id: str | None = None) -> Path:
    """Write ``blockages/<id>.yml`` from an issue body; never overwrites a file."""
    fields = form_fields(body)
    item_id = item_id or new_id(fields["title"])
    if not is_id(item_id):
        raise IssueFormError(f"'{item_id}' is not a valid id: use lowercase letters, digits "
                             "and hyphens")
    file = data_dir / BY_LABEL["blockage"].path / f"{item_id}.yml"
    if file.exists() or file.with_suffix(".yaml").exists():
        raise IssueFormError(f"{file.as_posix()} already exists; give another id with --id")
    text = blockage_yaml(fields, schema_line(file, "blockage", schema_dir))
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8", newline="\n")
    return file


def _run(args: argparse.Namespace) -> int:
    body = (sys.stdin.read() if args.body == "-"
            else Path(args.body).read_text(encoding="utf-8"))
    data_dir = Path(args.data_dir)
    try:
        file = write_blockage(body, data_dir, Path(args.schema_dir), args.id)
    except IssueFormError as err:
        print(f"goldenthread blockage-from-issue: {escape_unsafe(str(err))}", file=sys.stderr)
        return 2
    print(f"Wrote {file.as_posix()}.")
    _, problems = check_roadmap(data_dir, audience="internal")
    mine = [p for p in problems if Path(p.location.path).name == file.name]
    for problem in mine:
        print(escape_unsafe(str(problem)))
    if has_errors(mine):
        print("Fix the problems above in the new file, then run 'goldenthread check'.")
        return 1
    return 0


def add_blockage_command(commands: argparse._SubParsersAction) -> None:
    """Add ``blockage-from-issue`` to the ``goldenthread`` command's subcommands."""
    command = commands.add_parser(
        "blockage-from-issue", help="turn a submitted 'Raise a blockage' issue form into a "
        "blockage file, checked like any other")
    command.add_argument("body", metavar="BODY", help="a file holding the issue's body "
                         "(Markdown), or - to read it from standard input")
    command.add_argument("--data-dir", default="roadmap_data",
                         help="the data folder (default: roadmap_data)")
    command.add_argument("--schema-dir", default="schema",
                         help="where the schemas live (default: schema)")
    command.add_argument("--id", default=None,
                         help="the blockage's id (default: made from its title)")
    command.set_defaults(run=_run)
