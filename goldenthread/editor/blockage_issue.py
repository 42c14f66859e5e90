"""``goldenthread blockage-from-issue``: a submitted GitHub issue form becomes a blockage file.

Staff raise a blockage with the issue form ``.github/ISSUE_TEMPLATE/blockage.yml``, whose
fields mirror the blockage schema.  GitHub puts the answers in the issue's body as
Markdown sections (``### Field label``, a blank line, the value; ``_No response_`` for an
optional field left empty), every field in the form's order.  The body is read by those
known labels, in that order: an answer ends only at the heading of the form's next
question, so an answer may itself hold a ``### `` line (a pasted e-mail, notes with
headings) and keeps every line.

Before anything is written the whole issue is read for personal data
(:mod:`.issue_privacy`); a finding is reported against its question and nothing is
written.  The file ``blockages/<id>.yml`` is then created, never through a symbolic
link and never over another file, and the data folder is checked as ``goldenthread
check`` does.  When the check refuses the new file it is removed again, so a refused
issue leaves nothing behind; success is reported only for a file that is written and
checked without errors.

Everything in the body is data: it is written as quoted YAML strings, never evaluated.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from goldenthread.check.pipeline import check_roadmap
from goldenthread.editor.issue_privacy import allowed, personal_data
from goldenthread.editor.schema import schema_line
from goldenthread.problems import Location, Problem, escape_unsafe, has_errors
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.field_types import is_id
from goldenthread.read.kinds import BY_LABEL
from goldenthread.read.roadmap import Roadmap

#: The form's field labels (as .github/ISSUE_TEMPLATE/blockage.yml gives them), in the
#: form's order -> the blockage's fields.  Lists are one id per line.
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
#: The id at the start of a dropdown option, e.g. 'informal (between colleagues)' ->
#: 'informal': any vocabulary's step ids work, whatever words follow them.
_LEVEL_ID = re.compile(r"[^\s(]+")
NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"###[ \t]+(.+?)[ \t]*")
#: Open a file or folder only if it is not a symbolic link (0 where the system has none).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def level_id(option: str) -> str:
    """The step id of a level as the form's dropdown words it: the text before the first
    space or parenthesis ('service (heads of service)' -> 'service')."""
    found = _LEVEL_ID.match(option.strip())
    return found.group(0) if found else option


@dataclass(frozen=True)
class Answer:
    """One question of the form as the issue answers it."""

    label: str  #: the question, as the form words it ('' for text before the first)
    field: str  #: the blockage field it fills
    value: str  #: the answer, without the blank lines around it ('' for no response)
    line: int  #: the body's line (1-based) where the answer starts


class IssueFormError(ValueError):
    """The issue body is not a blockage form, or the file cannot be written."""


def form_answers(body: str) -> list[Answer]:
    """Every answer in an issue-form body, in the form's order, with the text before the
    first question (if any) as an answer labelled ''.  Raises IssueFormError when the
    body is not the form or a question is missing."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    labels = list(LABELS)
    starts: list[int] = []  # the line index of each label's heading
    for index, line in enumerate(lines):
        heading = _HEADING.fullmatch(line)
        if len(starts) < len(labels) and heading and heading.group(1) == labels[len(starts)]:
            starts.append(index)
    if not starts:
        raise IssueFormError("this is not a 'Raise a blockage' form: it has no "
                             "'### What is blocked' section")
    if len(starts) < len(labels):
        raise IssueFormError(
            f"the issue has no '### {labels[len(starts)]}' section after "
            f"'### {labels[len(starts) - 1]}': the form's sections must all be there, in "
            "the form's order; put the missing one back (with '_No response_' under it "
            "if it has no answer), then run the command again")
    answers = [_answer("", "", lines, 0, starts[0])] if starts[0] else []
    for i, (label, start) in enumerate(zip(labels, starts, strict=True)):
        end = starts[i + 1] if i + 1 < len(starts) else len(lines)
        answers.append(_answer(label, LABELS[label], lines, start + 1, end))
    return answers


def _answer(label: str, field: str, lines: list[str], start: int, end: int) -> Answer:
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    value = "\n".join(lines[start:end]).strip()
    return Answer(label, field, "" if value == NO_RESPONSE else value, start + 1)


def form_fields(body: str) -> dict[str, str]:
    """The answers in an issue-form body: blockage field -> value (empty and
    '_No response_' answers are left out)."""
    return {a.field: a.value for a in form_answers(body) if a.field and a.value}


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
            lines.append(f"level: {_quoted(level_id(value))}")
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


def blockage_file(data_dir: Path, item_id: str) -> Path:
    """Where the blockage ``item_id`` is written; IssueFormError for a bad or taken id."""
    if not is_id(item_id):
        raise IssueFormError(f"'{item_id}' is not a valid id: use lowercase letters, digits "
                             "and hyphens")
    file = data_dir / BY_LABEL["blockage"].path / f"{item_id}.yml"
    if file.is_symlink():
        raise IssueFormError(f"{file.as_posix()} is a link (a symbolic link) to somewhere "
                             "else; the road map never writes through links: remove the "
                             "link, or give another id with --id")
    if os.path.lexists(file) or os.path.lexists(file.with_suffix(".yaml")):
        raise IssueFormError(f"{file.as_posix()} already exists; give another id with --id")
    return file


def _open_folder(folder: Path) -> int:
    """A descriptor of ``folder``; refused if it is a link (also if it became one since it
    was looked at: O_NOFOLLOW)."""
    if folder.is_symlink():
        raise IssueFormError(
            f"{folder.as_posix()} is a link (a symbolic link) to somewhere else; the road "
            "map never writes through links: replace the link with the folder itself, "
            "then run the command again")
    try:
        return os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
    except OSError as exc:
        raise IssueFormError(f"{folder.as_posix()} cannot be opened as a folder "
                             f"({exc.strerror}); it must be a real folder, not a link") from None


def _write_new(file: Path, text: str) -> bool:
    """Create ``file`` with ``text``: never through a link, never over another file.
    Returns whether its folder was made for it."""
    folder, data_dir = file.parent, file.parent.parent
    if not data_dir.is_dir():
        raise IssueFormError(f"there is no data folder {data_dir.as_posix()}; give it with "
                             "--data-dir")
    made = False
    if not folder.is_symlink() and not folder.exists():
        os.mkdir(folder)
        made = True
    descriptor = _open_folder(folder)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
    try:
        if os.open in os.supports_dir_fd:
            fd = os.open(file.name, flags, 0o644, dir_fd=descriptor)
        else:  # pragma: no cover - systems without dir_fd
            fd = os.open(file, flags, 0o644)
    except FileExistsError:
        raise IssueFormError(f"{file.as_posix()} already exists; give another id with "
                             "--id") from None
    finally:
        os.close(descriptor)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except BaseException:  # a full disk: no half-written file is left
        _remove(file, made)
        raise
    return made


def _remove(file: Path, made_folder: bool) -> None:
    """Remove the file :func:`_write_new` made (and its folder, if made for it)."""
    descriptor = _open_folder(file.parent)
    try:
        if os.unlink in os.supports_dir_fd:
            os.unlink(file.name, dir_fd=descriptor)
        else:  # pragma: no cover - systems without dir_fd
            file.unlink()
    finally:
        os.close(descriptor)
    if made_folder:
        try:
            file.parent.rmdir()
        except OSError:
            pass  # something else was put there meanwhile: it is not ours to remove


def write_blockage(body: str, data_dir: Path, schema_dir: Path,
                   item_id: str | None = None) -> Path:
    """Write ``blockages/<id>.yml`` from an issue body; never overwrites a file and never
    writes through a link."""
    fields = form_fields(body)
    file = blockage_file(data_dir, item_id or new_id(fields["title"]))
    _write_new(file, blockage_yaml(fields, schema_line(file, "blockage", schema_dir)))
    return file


def _fixes(what: str) -> str:
    if what == "a person's name":
        return "write the person's role instead of their name"
    if what == "a person's age":
        return "leave it out, or give an age group such as 'aged 5 to 11'"
    return "leave it out of the issue"


def privacy_problems(answers: list[Answer], where: str,
                     roadmap: Roadmap | None) -> list[Problem]:
    """The personal data in the issue's answers, one problem per finding, located in the
    body and named by the form's question."""
    allows = allowed(roadmap)
    problems = []
    for answer in answers:
        question = f"'{answer.label}'" if answer.label else "The text before the first question"
        for shown, what in personal_data(answer.value, allows):
            line, column = _position(answer, shown)
            problems.append(Problem(
                Location(where, line, column),
                f"{question} holds {what} ('{shown}'): {_fixes(what)}", "personal-data"))
    return sorted(problems)


def _position(answer: Answer, shown: str) -> tuple[int, int]:
    for offset, text in enumerate(answer.value.split("\n")):
        if shown in text:
            return answer.line + offset, text.index(shown) + 1
    return answer.line, 1


def _in_the_issue(problem: Problem, text: str, answers: list[Answer], where: str) -> Problem:
    """A problem in the new file, located instead at the answer it came from."""
    field = ""
    for line in text.split("\n")[: problem.location.line]:
        if re.match(r"[a-z_]+:", line):
            field = line.split(":", 1)[0]
    answer = next((a for a in answers if a.field == field), None)
    if answer is None:
        return Problem(Location(where, 1, 1), problem.message, problem.code, problem.level)
    return Problem(Location(where, answer.line, 1), f"'{answer.label}': {problem.message}",
                   problem.code, problem.level)


def _read_body(name: str) -> str:
    where = "standard input" if name == "-" else name
    try:
        if name != "-":
            return Path(name).read_bytes().decode("utf-8-sig")
        stream = getattr(sys.stdin, "buffer", None)  # None when a test gives it as text
        return stream.read().decode("utf-8-sig") if stream else sys.stdin.read()
    except UnicodeDecodeError:
        raise IssueFormError(f"the issue body ({where}) is not UTF-8 text; save it as "
                             "UTF-8, then run the command again") from None
    except OSError as exc:
        raise IssueFormError(f"cannot read the issue body {where} ({exc.strerror})") from None


def _say(text: str, problems: list[Problem]) -> None:
    """Print the problems (standard output) and what happened (standard error)."""
    for problem in problems:
        print(problem)
    print(escape_unsafe(text), file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    where = "standard input" if args.body == "-" else args.body
    try:
        body = _read_body(args.body)
        answers = form_answers(body)
        fields = {a.field: a.value for a in answers if a.field and a.value}
        file = blockage_file(data_dir, args.id or new_id(fields["title"]))
    except IssueFormError as err:
        print(f"goldenthread blockage-from-issue: {escape_unsafe(str(err))}", file=sys.stderr)
        return 2
    roadmap, _ = read_roadmap(data_dir, partial=True)
    if found := privacy_problems(answers, where, roadmap):
        _say("Nothing was written: the issue holds personal data, which must not be kept in "
             "the road map or on GitHub. Edit the issue to take out what is listed above "
             "(GitHub keeps an edited issue's earlier text: delete it from the issue's "
             "edit history too), then run the command again.", found)
        return 1
    text = blockage_yaml(fields, schema_line(file, "blockage", Path(args.schema_dir)))
    try:
        made_folder = _write_new(file, text)
    except IssueFormError as err:
        print(f"goldenthread blockage-from-issue: {escape_unsafe(str(err))}", file=sys.stderr)
        return 2
    try:
        _, problems = check_roadmap(data_dir, audience="internal")
    except BaseException:  # an internal fault or Ctrl+C: leave nothing behind either
        _remove(file, made_folder)
        raise
    mine = [p for p in problems
            if Path(p.location.path).parts[-2:] == (file.parent.name, file.name)]
    shown = [_in_the_issue(p, text, answers, where) for p in mine]
    if has_errors(mine):
        _remove(file, made_folder)
        _say(f"Nothing was written: the check refused the new blockage, so "
             f"{file.as_posix()} was removed again. Correct these answers in the issue, "
             "then run the command again.", shown)
        return 1
    others = sum(1 for p in problems if p.severity == "error" and p not in mine)
    _say(f"Wrote {file.as_posix()}; the check found no errors in it."
         + (f" (The road map has {others} error(s) in other files: run 'goldenthread "
            "check' to see them.)" if others else ""), shown)
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
