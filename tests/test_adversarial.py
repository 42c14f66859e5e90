"""The adversarial corpus (tests/adversarial_cases.py), run end to end.

Each case is checked on its own, in-process, with the real command line
(``goldenthread check``, public and intranet).  The site builds are batched to keep the
corpus fast: every ``accepted`` case goes into as few data sets as possible (cases that
rewrite the same file go into different ones), each built for the public and the intranet
and then asserted case by case on its own pages and canaries; the ``rejected`` cases go
into a few combined data sets whose public build must fail listing every case's file and
line at once; and the most dangerous classes (YAML python tags, links out of the data
folder, paths in ids) are also built on their own, for both audiences.

Over the whole corpus: no template is evaluated, no file is created outside the output
folder, nothing internal reaches a public file, and no output holds a Python traceback.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import time
import unicodedata
from contextlib import redirect_stderr, redirect_stdout
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goldenthread.cli import main as goldenthread_main

from .adversarial_cases import (
    CASES,
    EVALUATED,
    SECRET,
    XSS,
    Case,
    apply,
    fill,
    make_base,
)
from .conftest import MINIMAL, MKDOCS, ROOT
from .site_scan import file_text, find_tokens, site_files

pytestmark = pytest.mark.build

TODAY = "2026-06-01"
CONFIGS = {"public": "mkdocs.yml", "internal": "mkdocs.internal.yml"}
BY_ID = {c.id: c for c in CASES}
ACCEPTED = [c for c in CASES if c.outcome == "accepted"]
REJECTED = [c for c in CASES if c.outcome == "rejected"]


# --- running ---------------------------------------------------------------------------


def run_check(data: Path, audience: str) -> tuple[int, str]:
    """``goldenthread check`` in-process: (exit code, everything it printed)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = goldenthread_main(["check", str(data), "--today", TODAY, "--audience", audience,
                                  "--config", str(ROOT / CONFIGS[audience])])
    return code, out.getvalue() + err.getvalue()


def run_build(data: Path, out: Path, audience: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GOLDENTHREAD_DATA=str(data), GOLDENTHREAD_TODAY=TODAY,
               NO_MKDOCS_2_WARNING="1")
    env.pop("GOLDENTHREAD_STALE", None)
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(ROOT / CONFIGS[audience]), "-d", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def output_of(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def snapshot(folder: Path, skip: tuple[Path, ...] = ()) -> dict[str, tuple[int, int]]:
    """Every file and link under ``folder`` (not under ``skip``): path -> (size, mtime)."""
    found = {}
    for path in folder.rglob("*"):
        if any(path == s or s in path.parents for s in skip):
            continue
        info = path.lstat()
        found[path.relative_to(folder).as_posix()] = (info.st_size, info.st_mtime_ns)
    return found


def problem_line(path: str, line: int, codes: tuple[str, ...]) -> re.Pattern[str]:
    """A problem as the check and the build print it: 'roadmap_data/path:line:col: ... [code]'."""
    code = "|".join(re.escape(c) for c in codes) if codes else r"[a-z-]+"
    return re.compile(rf"roadmap_data/{re.escape(path)}:{line}:\d+: .*\[(?:{code})\]")


def relative_markers() -> list[Path]:
    """Marker files a relative payload would create in the build's working folder."""
    return sorted(ROOT.glob("adv-marker-*")) + sorted((ROOT / "docs").glob("adv-marker-*"))


# --- batching --------------------------------------------------------------------------


def _overlap(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _compatible(group: list[Case], case: Case) -> bool:
    # Accepted cases may share a single file (each adds its own entry; pages are checked
    # by text); rejected ones may not, since their expected lines are those of the case
    # alone.
    for other in group:
        mine = case.paths if case.outcome == "rejected" else case.whole_files
        if any(_overlap(a, b) for a in mine for b in other.paths):
            return False
        if any(_overlap(a, b) for a in other.whole_files for b in case.paths):
            return False
        if (case.needs_checks and other.breaks_roadmap) or (other.needs_checks
                                                            and case.breaks_roadmap):
            return False
    return True


def batches(cases: list[Case]) -> list[list[Case]]:
    """The cases in as few groups as possible (first fit) such that no two in a group
    rewrite the same file, and no case that needs the whole-road-map checks shares a data
    set with one that makes roadmap.yml unreadable."""
    groups: list[list[Case]] = []
    for case in cases:
        for group in groups:
            if _compatible(group, case):
                group.append(case)
                break
        else:
            groups.append([case])
    return groups


class Run:
    """One data set, built for one or both audiences."""

    def __init__(self, root: Path, cases: list[Case], audiences: tuple[str, ...],
                 pre_existing_output: bool = False):
        self.root = root
        self.cases = cases
        self.data = make_base(MINIMAL, root / "roadmap_data")
        self.markers = root / "markers"
        self.markers.mkdir()
        for case in cases:
            apply(case, self.data, self.markers, root / "outside")
        self.out = {a: root / f"site-{a}" for a in audiences}
        self.sentinel = "<p>the previous site</p>"
        self.pre_existing = pre_existing_output
        if pre_existing_output:
            for out in self.out.values():
                out.mkdir()
                (out / "index.html").write_text(self.sentinel, encoding="utf-8")
        before = snapshot(root, tuple(self.out.values()))
        self.results = {a: run_build(self.data, out, a) for a, out in self.out.items()}
        self.created = sorted(set(snapshot(root, tuple(self.out.values()))) - set(before))
        self.changed = sorted(k for k, v in snapshot(root, tuple(self.out.values())).items()
                              if k in before and before[k] != v)

    def output(self) -> str:
        return "".join(output_of(r) for r in self.results.values())


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, object]:
    """Every build of the corpus, made once: case id -> its runs, plus timings."""
    started = time.monotonic()
    by_case: dict[str, list[Run]] = {c.id: [] for c in CASES}
    all_runs: list[Run] = []
    for n, group in enumerate(batches(ACCEPTED)):
        run = Run(tmp_path_factory.mktemp(f"adv-accepted-{n}"), group, ("public", "internal"))
        all_runs.append(run)
        for case in group:
            by_case[case.id].append(run)
    for n, group in enumerate(batches(REJECTED)):
        run = Run(tmp_path_factory.mktemp(f"adv-rejected-{n}"), group, ("public",))
        all_runs.append(run)
        for case in group:
            by_case[case.id].append(run)
    for case in REJECTED:
        if case.alone:
            audiences = ("public",) if case.public_only else ("public", "internal")
            run = Run(tmp_path_factory.mktemp(f"adv-alone-{case.id}"), [case], audiences,
                      pre_existing_output=True)
            all_runs.append(run)
            by_case[case.id].append(run)
    return {"by_case": by_case, "all": all_runs, "seconds": time.monotonic() - started}


# --- reading the built pages -----------------------------------------------------------


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _VisibleText()
    parser.feed(page)
    parser.close()
    return " ".join("".join(parser.parts).split())


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                   "background", "srcset", "cite", "srcdoc"}
_ACTIVE_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "form", "base",
                "input", "button", "textarea", "select", "link", "meta", "style", "script"}


class _Danger(HTMLParser):
    """Mark-up from the data that a browser would act on: any element our payloads could
    have made (they all carry the word XSS or point at evil.example), event handlers,
    script-running URLs and refreshes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.inside: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        joined = " ".join(f"{k}={v or ''}" for k, v in attrs).lower()
        for key, value in attrs:
            value = value or ""
            if key.startswith("on") and XSS in value.lower():
                self.found.append(f"<{tag} {key}={value!r}>")
            if key in _URL_ATTRIBUTES:
                # As a browser reads a URL: leading and trailing controls and spaces
                # dropped, tabs and newlines removed wherever they are.
                url = re.sub(r"[\t\n\r]", "", value.strip("\x00\x01\x02\x03\x04\x05\x06"
                             "\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14"
                             "\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")).lower()
                if url.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.found.append(f"<{tag} {key}={value!r}>")
                if "evil.example" in url and tag != "a":
                    self.found.append(f"<{tag} {key}={value!r}>")
                if tag == "a" and key == "href":
                    self.links.append(value)
        # A <meta> whose content attribute quotes the data (a description, an Open Graph
        # title) is inert text, as long as the payload made no element or attribute of
        # its own: only the names and the other attributes are looked at.
        looked_at = joined if tag != "meta" else " ".join(
            f"{k}={v or ''}" for k, v in attrs if k != "content").lower()
        if tag in _ACTIVE_TAGS and (XSS in looked_at or "evil.example" in looked_at):
            self.found.append(f"<{tag} {joined}>")
        if tag == "meta" and ("http-equiv=refresh" in joined):
            self.found.append(f"<{tag} {joined}>")
        if tag in ("script", "style"):
            self.inside.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style") and self.inside:
            self.inside.pop()

    def handle_endtag(self, tag):
        if self.inside and tag == self.inside[-1]:
            self.inside.pop()

    def handle_data(self, data):
        if self.inside and XSS in data.lower():
            self.found.append(f"<{self.inside[-1]}>{data[:80]}")

    def handle_comment(self, data):
        self.found.append(f"<!--{data[:80]}-->")


def danger_in(markup: str) -> tuple[list[str], list[str]]:
    """(dangerous things found, every link target) in a piece of HTML."""
    parser = _Danger()
    parser.feed(markup)
    parser.close()
    return parser.found, parser.links


def html_pieces(site: Path) -> dict[str, str]:
    """Every HTML page of a site, and the HTML the search index holds (the theme shows it
    as HTML in search results): name -> mark-up."""
    pieces = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
              for p in site.rglob("*.html")}
    index = site / "search" / "search_index.json"
    if index.is_file():
        import json

        for n, doc in enumerate(json.loads(index.read_text(encoding="utf-8"))["docs"]):
            pieces[f"search_index.json#{n}"] = f"{doc.get('title', '')} {doc.get('text', '')}"
    return pieces


def csv_cells(site: Path) -> dict[str, list[str]]:
    cells: dict[str, list[str]] = {}
    for path in sorted((site / "data").rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            cells[path.relative_to(site).as_posix()] = [c for row in csv.reader(handle)
                                                        for c in row]
    return cells


@pytest.fixture(scope="module")
def scanned(runs) -> dict[int, dict]:
    """Per accepted run: visible text of pages, danger found, links, CSV cells, tokens."""
    tokens = {t for c in ACCEPTED for t in c.canaries}
    result = {}
    for run in runs["all"]:
        if run.cases[0].outcome != "accepted" or any(r.returncode for r in run.results.values()):
            continue
        info = {"text": {}, "danger": [], "links": {}, "cells": {}, "tokens": {}}
        for audience, site in run.out.items():
            for name, markup in html_pieces(site).items():
                found, links = danger_in(markup)
                info["danger"] += [f"{audience} {name}: {f}" for f in found]
                info["links"][(audience, name)] = links
                if name.endswith(".html"):
                    info["text"][(audience, name)] = visible_text(markup)
            info["cells"][audience] = csv_cells(site)
            info["tokens"][audience] = find_tokens(site, tokens | {SECRET})
        result[id(run)] = info
    return result


# --- the corpus itself -----------------------------------------------------------------


def test_the_corpus_covers_every_kind_field_and_outcome():
    assert len(CASES) >= 60
    kinds = {c.kind for c in CASES}
    assert kinds >= {"goal", "priority", "service", "indicator", "action", "partner-plan",
                     "accountabilities", "glossary", "roadmap", "blockage", "story", "munro",
                     "officers"}, kinds
    fields = {c.field for c in CASES}
    assert fields >= {"title", "name", "markdown", "text", "list", "id/file", "date", "number",
                      "period", "visibility", "reference"}, fields
    for case in CASES:
        assert case.outcome in ("accepted", "rejected"), case.id
        if case.outcome == "rejected":
            assert case.expect and not (case.shown or case.canaries), case.id
        else:
            assert not case.expect, case.id
            assert case.shown or case.canaries or case.csv_cells, case.id
    # Every accepted kind is built together with at least one other case.
    assert len(batches(ACCEPTED)) <= 3
    assert len(batches(REJECTED)) <= 6


# --- per case: the check ---------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_check(case: Case, tmp_path):
    data = make_base(MINIMAL, tmp_path / "roadmap_data")
    apply(case, data, tmp_path / "markers", tmp_path / "outside")
    public_code, public_out = run_check(data, "public")
    internal_code, internal_out = run_check(data, "internal")
    for out in (public_out, internal_out):
        assert "Traceback" not in out and "internal error" not in out, out
        assert SECRET not in out, "a message quoted a file from outside the data folder"
    assert not (tmp_path / "markers").exists()
    if case.outcome == "accepted":
        assert public_code == 0, public_out
        assert internal_code == 0, internal_out
        return
    assert public_code == 1, public_out
    for expect in case.expect:
        assert problem_line(expect.path, expect.line, expect.codes).search(public_out), (
            f"expected a problem at {expect.path}:{expect.line} {expect.codes}:\n{public_out}")
    if case.public_only:
        assert internal_code == 0, internal_out
    else:
        assert internal_code == 1, internal_out


# --- per case: the builds --------------------------------------------------------------


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.id for c in ACCEPTED])
def test_accepted_build(case: Case, runs, scanned):
    (run,) = runs["by_case"][case.id]
    for audience, result in run.results.items():
        assert result.returncode == 0, f"{audience} build failed:\n{output_of(result)[-4000:]}"
    info = scanned[id(run)]
    for shown in case.shown:
        # The loader stores text NFC-normalised (combining marks in canonical order).
        text = " ".join(unicodedata.normalize("NFC", fill(shown.text, run.markers,
                                                          case.id)).split())
        audiences = ("public", "internal") if shown.audience == "both" else (shown.audience,)
        for audience in audiences:
            page = info["text"].get((audience, shown.page))
            assert page is not None, f"no page {shown.page} on the {audience} site"
            assert text in page, f"{audience} {shown.page} does not show {text[:200]!r}"
        if shown.audience == "internal":
            assert text not in info["text"].get(("public", shown.page), "")
    for token in case.canaries:
        assert token not in info["tokens"]["public"], (
            f"internal text {token} reached the public site: {info['tokens']['public'][token]}")
        assert token in info["tokens"]["internal"], f"{token} is not on the intranet either"
    for audience in ("public", "internal"):
        cells = [c for name, found in info["cells"][audience].items() for c in found]
        for _csv, text in case.csv_cells:
            assert "'" + text in cells, f"{audience}: no cell '{text} in the CSV files"
            assert text not in cells, f"{audience}: a CSV cell would run as a formula: {text}"
    for target in case.no_link_to:
        links = [link for found in info["links"].values() for link in found if target in link]
        assert not links, links


@pytest.mark.parametrize("case", REJECTED, ids=[c.id for c in REJECTED])
def test_rejected_build(case: Case, runs):
    for run in runs["by_case"][case.id]:
        for audience, result in run.results.items():
            out = output_of(result)
            assert result.returncode != 0, f"the {audience} build published:\n{out[-3000:]}"
            assert "Nothing was published." in out, out[-3000:]
            assert "Traceback" not in out, out[-3000:]
            assert SECRET not in out
            if audience == "public" or not case.public_only:
                for expect in case.expect:
                    assert problem_line(expect.path, expect.line, expect.codes).search(out), (
                        f"the {audience} build's failure does not list {expect}:\n{out[-6000:]}")
            site = run.out[audience]
            if run.pre_existing:
                assert [p.name for p in site.iterdir()] == ["index.html"]
                assert (site / "index.html").read_text(encoding="utf-8") == run.sentinel
            else:
                assert not site.exists(), f"the {audience} output folder was created"


# --- over the whole corpus -------------------------------------------------------------


def test_no_template_was_evaluated(runs):
    for run in runs["all"]:
        assert EVALUATED not in run.output()
        for site in run.out.values():
            if site.exists():
                hits = [p for p in site_files(site) if EVALUATED in file_text(p)]
                assert not hits, f"a template from the data was evaluated: {hits}"


def test_no_file_was_created_outside_the_output_folder(runs):
    for run in runs["all"]:
        assert not any(run.markers.iterdir()), sorted(run.markers.iterdir())
        assert run.created == [], run.created
        assert run.changed == [], run.changed
    assert relative_markers() == []
    assert not list(Path("/tmp").glob("adv-traversal*"))


def test_nothing_internal_reached_a_public_file(runs, scanned):
    for info in scanned.values():
        public = info["tokens"]["public"]
        assert not public, f"internal text on the public site: {public}"


def test_no_active_markup_from_the_data_on_any_page(scanned):
    for info in scanned.values():
        assert info["danger"] == [], info["danger"][:20]


def test_no_output_holds_a_traceback(runs):
    for run in runs["all"]:
        assert "Traceback" not in run.output()
        assert SECRET not in run.output()

