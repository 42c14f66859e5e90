"""The plain comparison: the same pages as a Golden Thread build, as ordinary MkDocs pages.

Each page of a built Golden Thread site has its ``<article>`` (the page's content in
mkdocs-material) taken out and written as a Markdown page of raw HTML at the same path
of a new docs folder.  The plain site has the same theme settings, Markdown extensions
and navigation as ``mkdocs.yml``, the search plugin only, and no hooks and no macros:
building it measures what MkDocs and the theme cost for these pages, without Golden
Thread's reading, checking and rendering.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

_OPEN = '<article class="md-content__inner md-typeset">'
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
#: Settings of mkdocs.yml kept as they are (all but hooks, plugins, watch and dirs; the
#: theme's templates may read ``extra``, and nothing else does without the hooks).
_KEPT = ("site_name", "site_description", "site_url", "use_directory_urls", "theme",
         "extra_css", "extra", "markdown_extensions", "not_in_nav", "validation", "nav")


def article(page_html: str) -> str:
    """The inner HTML of a page's ``<article>`` (mkdocs-material's content area)."""
    start = page_html.index(_OPEN) + len(_OPEN)
    return page_html[start:page_html.rindex("</article>")].strip()


def title(content: str, fallback: str) -> str:
    """The text of the first ``<h1>`` of ``content``, else ``fallback``."""
    found = _H1.search(content)
    text = html.unescape(_TAG.sub("", found.group(1))).strip() if found else ""
    return text or fallback


def source_path(built: Path, docs: Path = ROOT / "docs") -> str:
    """The Markdown path that builds to ``built`` (a path of index.html relative to the
    site): ``goals/index.html`` comes from ``goals/index.md`` when docs/ has one, and
    ``goals/x/index.html`` from ``goals/x.md``."""
    folder = built.parent.as_posix()
    if folder == ".":
        return "index.md"
    if (docs / folder / "index.md").is_file():
        return f"{folder}/index.md"
    return f"{folder}.md"


def plain_markdown(page_html: str, fallback_title: str) -> str:
    """A Markdown page of raw HTML holding the page's content, titled as the page."""
    content = article(page_html)
    return (f"---\ntitle: {json.dumps(title(content, fallback_title))}\n---\n\n"
            f"<div class=\"gt-plain\">\n{content}\n</div>\n")


def _env_loader() -> type[yaml.SafeLoader]:
    class Loader(yaml.SafeLoader):
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node):  # noqa: ANN202 - any YAML value
        values = (loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode)
                  else [loader.construct_scalar(node)])
        return values[-1]  # the default: the plain build reads no environment

    Loader.add_constructor("!ENV", env)
    return Loader


def plain_config(docs_dir: Path, site_dir: Path, source: Path = ROOT / "mkdocs.yml") -> dict:
    """mkdocs.yml's theme, extensions and navigation; search only; no hooks or macros."""
    config = yaml.load(source.read_text(encoding="utf-8"), Loader=_env_loader())
    plain = {key: config[key] for key in _KEPT if key in config}
    theme = dict(plain["theme"])
    if "custom_dir" in theme:
        theme["custom_dir"] = str((source.parent / theme["custom_dir"]).resolve())
    plain["theme"] = theme
    plain.update(docs_dir=str(docs_dir), site_dir=str(site_dir), strict=False,
                 plugins=[{"search": {"lang": "en"}}])
    return plain


def write_plain_project(built_site: Path, target: Path, project: Path = ROOT) -> int:
    """Write ``target``/docs (one .md per built page) and ``target``/mkdocs.yml from the
    built Golden Thread site ``built_site`` of ``project``.  Returns the pages written."""
    docs = target / "docs"
    pages = 0
    for page in sorted(built_site.rglob("index.html")):
        rel = page.relative_to(built_site)
        out = docs / source_path(rel, project / "docs")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(plain_markdown(page.read_text(encoding="utf-8"), rel.parent.name),
                       encoding="utf-8")
        pages += 1
    for css in (project / "docs").rglob("*.css"):  # the theme settings' extra_css
        dest = docs / css.relative_to(project / "docs")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(css, dest)
    (target / "mkdocs.yml").write_text(
        yaml.safe_dump(plain_config(docs, target / "site", project / "mkdocs.yml"),
                       sort_keys=False), encoding="utf-8")
    return pages
