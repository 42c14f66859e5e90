"""Problems: every mistake found in the road-map data, in one shape.

A problem names the file, line and column, says what is wrong in plain English
and ends with a code from the closed list :data:`CODES`.  The list doubles as the
documentation of every code (the reference page is generated from it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

#: Every problem code, its severity and what it means.  Closed: a code not here
#: is a programming error (see :func:`Problem.__post_init__`).
CODES: dict[str, tuple[Severity, str]] = {
    # reading the file
    "file-too-large": ("error", "A data file is over 1 MB; split it into smaller files."),
    "empty-file": ("error", "A data file has nothing in it."),
    "bad-encoding": ("error", "A file is not valid UTF-8 text (often after pasting from Word)."),
    "tab": ("error", "A tab character; YAML needs spaces."),
    "symlink": ("error", "A file or folder in the data folder is a link (a symbolic link) to "
                "somewhere else; the road map never follows links, so replace the link with "
                "the file or folder itself."),
    "control-character": ("error", "Text holds a hidden control character (such as an escape "
                          "code, a null or a carriage return), written in the file or as a "
                          "YAML escape like \\e or \\x07; delete it and retype the text."),
    "bidi-text": ("error", "Text holds a hidden character that overrides the direction of the "
                  "text around it (a right-to-left override, embedding or isolate), which can "
                  "make it read differently from what is stored. Right-to-left writing such "
                  "as Arabic or Urdu is fine; only the hidden override characters are "
                  "refused."),
    "invisible-text": ("error", "A value is made only of invisible characters (zero-width "
                       "spaces, joiners, soft hyphens), so it looks empty or looks like "
                       "nothing is there; write the text, or remove the field."),
    "yaml-syntax": ("error", "The file is not valid YAML (indentation, quotes, colons)."),
    "duplicate-key": ("error", "The same field appears twice in one block; the second would win."),
    "alias": ("error", "YAML anchors (&), aliases (*) and merge keys (<<) are not allowed."),
    "bad-tag": ("error", "A YAML tag such as !!python/object; only plain values are allowed."),
    "too-deep": ("error", "Blocks are nested more than 50 levels deep."),
    "bad-date": ("error", "A date that is impossible or not written YYYY-MM-DD."),
    "ambiguous-value": ("error", "A value YAML could read two ways, such as 010; quote it."),
    "wrong-shape": ("error", "The top of a file, or a field, is the wrong kind of block."),
    # validating the model
    "missing-field": ("error", "A required field is missing."),
    "unknown-key": ("error", "A field name the road map does not know (often a typo)."),
    "wrong-type": ("error", "A value of the wrong kind: text where a number was expected, etc."),
    "bad-choice": ("error", "A value that is not one of the allowed choices."),
    "not-finite": ("error", "A number that is not finite (.nan or .inf)."),
    "invalid-value": ("error", "A value that breaks a rule stated in the message."),
    "bad-id": ("error", "An id (or file name) that is not a lowercase slug like 'early-help'."),
    # cross-references
    "duplicate-id": ("error", "Two items of the same kind share an id."),
    "unknown-ref": ("error", "A reference to an id that does not exist."),
    # checks beyond validity
    "internal-ref": ("error", "A public item refers to an internal one the public cannot see."),
    "personal-data": ("error", "Public text contains an email address or UK phone number that "
                      "is not one of the organisational contacts listed in roadmap.yml "
                      "(public_contacts)."),
    "internal-title": ("warning", "Public text repeats the title of an internal item (of "
                       "four words or 20 characters or more), so the public site would show "
                       "it; the message names both places."),
    # staleness (goldenthread.check.staleness)
    "stale": ("error", "An item's review date (its own review_by, or the road map's) has "
              "passed. An error in the public build, unless the site sets 'stale: warning' "
              "or the check runs with --stale-as-warning; a warning on the intranet."),
    "review-due": ("warning", "An item's review date is within the next 30 days."),
    "data-out-of-date": ("warning", "An indicator's next_update date has passed: new figures "
                         "were due and have not been added."),
    "action-overdue": ("warning", "An action is past its due date and not done, whatever its "
                       "status says (intranet check); the pages show it as overdue."),
    # alignment (goldenthread.check.alignment)
    "goal-serves-no-plan": ("error", "A goal serves no partner-plan priority, so the road map "
                            "cannot show why it matters to the partnership."),
    "plan-priority-unserved": ("error", "A partner-plan priority is served by no goal and is "
                               "not marked out_of_scope with a reason."),
    "service-no-goal": ("error", "A service contributes to no goal, so it has no golden thread "
                        "to the vision."),
    "goal-no-target": ("warning", "A goal has no measure with a target; its page says so, but "
                       "readers cannot see what success looks like in numbers."),
    "goal-level-unnamed": ("warning", "A goal has no role named at one of the levels of "
                           "accountability in use; its page says 'No one named yet'."),
    "placeholder-owner": ("error", "An owner or lead is a placeholder such as 'TBC' instead "
                          "of a role."),
    # placeholders (goldenthread.check.placeholders)
    "placeholder": ("error", "Text or an id is still a placeholder ('TO DO', 'TBC', 'TBA', "
                    "'XXX', 'lorem ipsum', 'to-do-...'); an error for the public site, a "
                    "warning on the intranet."),
    # plain language (goldenthread.check.plain_language)
    "avoid-term": ("error", "Public text uses a term the glossary says to avoid; the message "
                   "gives the plain alternative."),
    "undefined-acronym": ("warning", "Public text uses an abbreviation (two or more capital "
                          "letters) that the glossary does not define."),
    "long-sentence": ("warning", "A sentence in public text is over 25 words long."),
    "long-vision": ("warning", "The vision is over 35 words long."),
    # versions for every reader (goldenthread.check.reader_versions)
    "easy-read-long": ("warning", "An easy-read sentence is over 15 words long."),
    "easy-read-one-idea": ("warning", "An easy-read sentence holds more than one idea: it "
                           "has a semicolon, or more than one joining word such as 'and', "
                           "'but', 'or' or 'because'."),
    "young-people-grade": ("warning", "Text for children and young people reads above "
                           "Flesch-Kincaid school grade 5."),
    "scrutiny-questions": ("warning", "A goal has one scrutiny question, or more than "
                           "three; the briefing for councillors asks for two or three."),
    # blockages, stories, the Munro plan, named officers (goldenthread.check.blockages,
    # .stories, .munro_plan, .officers)
    "no-consent": ("error", "A story is marked public without the recorded consent of "
                   "the people it is about."),
    "public-blockage": ("error", "A blockage is marked public; blockages are for staff only."),
    "story-name": ("error", "A public story contains what looks like a person's name."),
    "escalation-due": ("warning", "An open blockage has stayed at its level longer than the "
                       "escalation rules allow (intranet checks only)."),
    "blockage-review-due": ("warning", "An open blockage's next review date has passed "
                            "(intranet checks only)."),
    "unknown-role": ("warning", "A named officer's role is not written the same way anywhere "
                     "else in the road map, so their name is never shown."),
    # who can read the repository (goldenthread.check.repository)
    "public-repository": ("error", "The repository is public (roadmap.yml says so, does not "
                          "say 'repository: private', or GitHub says so), yet holds "
                          "something only staff may read: an item or entry not marked "
                          "public, a blockage, the named officers or the blockage issue "
                          "form. Keep the road map in a private repository, or remove it."),
    # money and value (goldenthread.read.money_models, goldenthread.check.money)
    "total-mismatch": ("error", "A budget's declared total (of money or of staff) is not the "
                       "sum of its lines; the message gives both figures."),
    "goal-shares": ("error", "A budget line's shares between goals are wrong: they do not add "
                    "up to 1, name a goal twice or a goal its service or priority does not "
                    "serve, or are missing for a line that serves several goals."),
    "hidden-line-revealed": ("warning", "A budget's internal lines, published together as "
                             "'not shown item by item', would give one line away: it is the "
                             "year's only internal line, or 90% or more of their money or staff "
                             "(the dominance rule). The public site merges or withholds the "
                             "figure, as roadmap.yml's 'money: hidden_remainder' says."),
    # editor tooling (reported by 'goldenthread schema --check')
    "schema-stale": ("error", "A JSON Schema in schema/ no longer matches the models; run "
                     "'goldenthread schema' and commit the result."),
    "schema-line": ("error", "A data file does not start with the line naming its schema, so "
                    "the editor cannot check it as you type; run 'goldenthread schema'."),
    # the built site (reported by goldenthread.publish.link_check)
    "broken-link": ("error", "A link in the built site goes to a page or file that is not there."),
    "broken-anchor": ("error", "A link's '#' part names a heading or id the target page lacks."),
    # site safety (reported by goldenthread.publish.site_check before publishing)
    "html-comment": ("error", "A built page contains an HTML comment, readable in its source."),
    "orphan-page": ("error", "A built page that no link from the home page leads to."),
    "data-in-site": ("error", "The raw data (a copy of a data file, or the data folder) is "
                     "inside the built site."),
}


#: Characters that must never reach a terminal, a log or a page raw through a message:
#: C0 and C1 controls (newline and tab too: a message is one line), DEL, the line and
#: paragraph separators, and the bidirectional overrides, embeddings and isolates.
_UNSAFE_IN_MESSAGE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                                "\u2066-\u2069\ud800-\udfff]")


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_one(match: re.Match[str]) -> str:
    if match.group() in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[match.group()]
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_unsafe(text: str) -> str:
    """``text`` with every control or direction-changing character written as an escape
    (ESC becomes the four characters ``\\x1b``), so a message can never rewrite the
    reader's terminal, fake another line of output or reorder what is shown."""
    return _UNSAFE_IN_MESSAGE.sub(_escape_one, text)


@dataclass(frozen=True, order=True)
class Location:
    """Where a value came from: path relative to the data folder's parent, 1-based line and
    column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{escape_unsafe(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located, with a plain-English message and a code."""

    location: Location
    message: str
    code: str
    #: Overrides the code's usual severity (e.g. staleness configured as a warning).
    level: Severity | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}")
        # Escaped here, once, so that every use of a message (the check's output, the
        # build's error, the health page, a pull-request comment) is safe: a message that
        # quotes a value or a file name can never carry a raw control character.
        object.__setattr__(self, "message", escape_unsafe(self.message))

    @property
    def severity(self) -> Severity:
        return self.level or CODES[self.code][0]

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else " (warning)"
        return f"{self.location}: {self.message}{tag} [{self.code}]"


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem is an error (warnings alone do not stop a build)."""
    return any(p.severity == "error" for p in problems)


class RoadmapDataError(Exception):
    """Raised by the site build when the data has errors; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        lines = "\n".join(str(p) for p in errors)
        super().__init__(f"the road-map data has {len(errors)} error(s):\n{lines}")
