"""Leak test: nothing internal ever reaches the public site.

Data generated from the models (canary_data.py) plants a unique token in every internal
item and field, ids and file names included.  Both sites are built with the real build
command; every file of the public site (pages, search index, sitemaps, 404 page, open
data) and every file path is scanned after undoing HTML, URL and \\uXXXX escapes: no
internal token may appear.  As a positive control every one appears on the intranet.

The test is shown to bite: with the audience filter turned into a deny-list and the
visibility values mistyped as if validation had let them through, tokens do leak.
"""

from __future__ import annotations

import dataclasses
import itertools
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import goldenthread.derive.public_filter
import goldenthread.site
from goldenthread.derive.public_filter import model_classes
from goldenthread.derive.reader_text import text_fields
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.kinds import ITEM_KINDS, SINGLE_FILES
from goldenthread.read.roadmap import Roadmap

from .canary_data import TOKEN_RE, classify, generate, tokens_in
from .conftest import MINIMAL, ROOT, run_build
from .site_scan import find_tokens, unescape

#: Every form a mistyped visibility can take once past validation.
MISTYPED_FORMS: list[Any] = ["Internal", "INTERNAL", ["internal"], None, "internal "]


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> dict[str, Any]:
    """The generated data folder, its planter and which tokens may be public."""
    data = tmp_path_factory.mktemp("leak") / "roadmap_data"
    planter = generate(MINIMAL, data)
    roadmap, problems = read_roadmap(data)
    assert roadmap is not None, [str(p) for p in problems]
    in_files = set()
    for path in data.rglob("*.yml"):
        in_files |= set(TOKEN_RE.findall(path.name + path.read_text(encoding="utf-8")))
    classified = classify(roadmap)
    return {"data": data, "planter": planter, "in_files": in_files,
            "internal": {t for t, public in classified.items() if not public},
            "classified": classified}


@pytest.fixture(scope="module")
def sites(planted, tmp_path_factory) -> dict[str, Path]:
    """Both sites, built from the planted data with the real build command."""
    out = {}
    for audience, config in (("public", "mkdocs.yml"), ("internal", "mkdocs.internal.yml")):
        out[audience] = tmp_path_factory.mktemp(f"leak-{audience}")
        run_build(out[audience], planted["data"], config=config)
    return out


def test_the_generated_data_has_canaries_in_every_kind_and_field(planted):
    planter = planted["planter"]
    items = [model for model, _ in ITEM_KINDS.values()]
    # every item kind, every record with a visibility, every entry of a single file's list
    required = {m.__name__ for m in items}
    required |= {m.__name__ for m in model_classes(items + list(SINGLE_FILES.values()))
                 if "visibility" in m.model_fields}
    # (a list's entries: an optional setting without a visibility, such as the
    # accessibility statement or the word overrides, is always public, like the title)
    for model in SINGLE_FILES.values():
        for field in model.model_fields.values():
            if typing.get_origin(field.annotation) is not list:
                continue
            required |= {a.__name__ for a in typing.get_args(field.annotation)
                         if isinstance(a, type) and issubclass(a, BaseModel)}
    missing = required - planter.planted_models
    assert not missing, f"no internal record in the leak data for: {sorted(missing)}"
    # Every token written survived reading, and was classified.
    assert planted["in_files"] == set(planted["classified"])
    for folder in ITEM_KINDS:
        ids = {p.stem for p in (planted["data"] / folder).glob("*.yml")}
        assert ids & planted["internal"], f"no internal {folder} with a token for its id"
    assert len(planted["internal"]) >= 50


def test_the_checks_read_every_public_text_and_no_internal_one(planted):
    """The one walker of public text, which the personal-data guard, the plain-language
    and internal-title checks and the health page read, agrees with the allow-list as
    this test restates it (canary_data.classify)."""
    roadmap, _ = read_roadmap(planted["data"])
    read: set[str] = set()
    for piece in text_fields(roadmap, "public", prose_only=False):
        read |= tokens_in(piece.item_id) | tokens_in(piece.text)
    public = {token for token, shown in planted["classified"].items() if shown}
    assert sorted(read & planted["internal"]) == []
    assert sorted(public - read) == []


def test_no_internal_token_reaches_the_public_site(planted, sites):
    public = sites["public"]
    for required in ("index.html", "404.html", "sitemap.xml", "sitemap.xml.gz",
                     "search/search_index.json"):
        assert (public / required).is_file(), f"{required} was not built, so not scanned"
    assert find_tokens(public, planted["internal"]) == {}


def test_every_internal_token_appears_on_the_intranet(planted, sites):
    """Positive control: the scan finds what is there (and the intranet shows it all)."""
    found = find_tokens(sites["internal"], planted["internal"])
    assert sorted(planted["internal"] - set(found)) == []


def test_the_public_site_still_shows_its_public_content(sites):
    home = (sites["public"] / "index.html").read_text(encoding="utf-8")
    assert "Families get help early" in home


@pytest.mark.parametrize("written", [
    "cnry0001x", "CNRY0001X", "&#99;nry0001x", "&#x63;nry0001x", "c&#110;ry0001x",
    "%63nry0001x", "%2563nry0001x", "\\u0063nry0001x", "\\u0043NRY0001X", "&amp;#99;nry0001x",
])
def test_the_scan_sees_through_escapes(written):
    assert "cnry0001x" in unescape(f"<p>{written}</p>")


def test_the_scan_reads_gzip_files_and_paths(tmp_path):
    import gzip
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(b"<loc>cnry0002x</loc>"))
    (tmp_path / "cnry0003x").mkdir()
    (tmp_path / "cnry0003x" / "index.html").write_text("nothing here")
    assert find_tokens(tmp_path, {"cnry0002x", "cnry0003x"}) == {
        "cnry0002x": ["sitemap.xml.gz"],
        "cnry0003x": ["path cnry0003x/index.html"],
    }


# -- the test bites: a deny-list filter leaks mistyped visibilities --------------------

def _mistype(value: Any, forms: itertools.cycle) -> Any:
    """``value`` with every visibility that is not 'public' replaced by a mistyped form."""
    if isinstance(value, Roadmap):
        return dataclasses.replace(value, **{
            f.name: _mistype(getattr(value, f.name), forms)
            for f in dataclasses.fields(value) if f.name not in ("sources", "broken")})
    if isinstance(value, BaseModel):
        updates = {name: _mistype(getattr(value, name), forms) for name in type(value).model_fields}
        if updates.get("visibility", "public") != "public":
            updates["visibility"] = next(forms)
        return value.model_copy(update=updates)
    if isinstance(value, dict):
        return {k: _mistype(v, forms) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_mistype(v, forms) for v in value)
    return value


def _build_mistyped(out: Path, data: Path, monkeypatch, deny_list: bool) -> None:
    """Build the public site in-process from ``data`` with every internal visibility
    mistyped (as if validation had missed it); optionally with a deny-list filter."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    real_check = goldenthread.site.check_roadmap

    def mistyped_check(*args, **kwargs):
        roadmap, problems = real_check(*args, **kwargs)
        return _mistype(roadmap, itertools.cycle(MISTYPED_FORMS)), problems

    with monkeypatch.context() as patch:
        patch.setattr(goldenthread.site, "check_roadmap", mistyped_check)
        patch.setattr(goldenthread.site, "_cache", {})
        if deny_list:
            patch.setattr(goldenthread.derive.public_filter, "is_public",
                          lambda record: getattr(record, "visibility", None) != "internal")
        patch.setenv("GOLDENTHREAD_DATA", str(data))
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.chdir(ROOT)
        build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(out)))


def test_mistyped_visibilities_do_not_leak_through_the_allow_list(planted, tmp_path,
                                                                  monkeypatch):
    _build_mistyped(tmp_path / "site", planted["data"], monkeypatch, deny_list=False)
    assert (tmp_path / "site" / "index.html").is_file()
    assert find_tokens(tmp_path / "site", planted["internal"]) == {}


def test_a_deny_list_filter_leaks_mistyped_visibilities(planted, tmp_path, monkeypatch):
    """The mutation the leak test exists to catch: it must find the leak."""
    _build_mistyped(tmp_path / "site", planted["data"], monkeypatch, deny_list=True)
    leaked = find_tokens(tmp_path / "site", planted["internal"])
    assert len(leaked) >= 20
    pages = {where for places in leaked.values() for where in places}
    assert "search/search_index.json" in pages
    assert any(where.startswith("path ") for where in pages), "no internal page was created"


def test_the_roadmap_checks_stop_a_mistyped_visibility_before_any_filter(planted, tmp_path):
    """On disk, the same mistakes never reach the filter: validation stops the build."""
    import shutil
    data = tmp_path / "roadmap_data"
    shutil.copytree(planted["data"], data)
    forms = {"goals": "visibility: Internal", "priorities": "visibility: [internal]",
             "services": "visiblity: internal"}
    for folder, form in forms.items():
        twin = next(p for p in sorted((data / folder).glob("cnry*.yml")))
        text = twin.read_text(encoding="utf-8")
        twin.write_text(text.replace("visibility: internal", form), encoding="utf-8")
    result = run_build(tmp_path / "site", data, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Nothing was published." in output
    assert not (tmp_path / "site" / "index.html").exists()
    for folder in forms:
        assert f"roadmap_data/{folder}/cnry" in output, f"no located error for {folder}"
