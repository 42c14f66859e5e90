"""The documentation is tested (as datasette tests its own): every field of every data file,
every problem code and every macro is documented, and the intranet reference shows them."""

from __future__ import annotations

import ast
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goldenthread.editor.reference import (
    data_reference_blocks,
    render_data_reference,
    render_problem_codes,
)
from goldenthread.editor.schema import expected_schemas
from goldenthread.problems import CODES

from .conftest import ROOT


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_text(html: str) -> str:
    """The visible text of some HTML, unescaped, with runs of spaces made single."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def every_field() -> list[tuple[str, str, str]]:
    """(where, field, description) for every field in every schema, nested blocks too."""
    fields = []
    for name, text in expected_schemas().items():
        schema = json.loads(text)
        for where, block in [(name, schema), *schema.get("$defs", {}).items()]:
            for field, node in block.get("properties", {}).items():
                fields.append((where, field, node.get("description", "")))
    return fields


def test_every_field_has_a_plain_description():
    undocumented = [f"{where}: {field}" for where, field, text in every_field()
                    if len(text.split()) < 2]
    assert undocumented == []


def test_every_field_is_in_the_reference_with_its_description():
    documented = {(field.name, field.description) for block in data_reference_blocks()
                  for field in block.fields}
    missing = [f"{where}: {field}" for where, field, text in every_field()
               if (field, text) not in documented]
    assert missing == []
    text = page_text(render_data_reference())
    for _where, field, description in every_field():
        assert " ".join(description.split()) in text, field


def test_every_problem_code_is_in_the_reference():
    # Counted in the rendered page itself, each code once, not in the rows it is made from.
    html = render_problem_codes()
    assert len(re.findall(r"<tr", html)) - 1 == len(CODES)
    for code in CODES:
        assert len(re.findall(rf">{re.escape(code)}<", html)) == 1, code
    text = page_text(html)
    for code, (severity, meaning) in CODES.items():
        label = "Yes: an error" if severity == "error" else "No: a warning"
        assert f"{code} {label}" in text, code
        assert " ".join(meaning.split()) in text, code


def test_every_macro_has_a_docstring():
    tree = ast.parse((ROOT / "macros.py").read_text())
    table = next(node.value for node in tree.body if isinstance(node, ast.AnnAssign)
                 and ast.unparse(node.target) == "MACROS")
    listed = {name.id for name in table.elts}
    macros = [node for node in tree.body if isinstance(node, ast.FunctionDef)
              and node.name in listed]
    assert len(macros) == len(listed) >= 3
    assert [m.name for m in macros if not ast.get_docstring(m)] == []


@pytest.mark.build
def test_intranet_reference_page_shows_every_field_code_and_macro(internal_site: Path):
    html = (internal_site / "internal" / "reference" / "index.html").read_text()
    text = page_text(html)
    for _where, _field, description in every_field():
        assert " ".join(description.split()) in text
    for code in CODES:
        assert f'id="code-{code}"' in html
    assert "{{ data_reference() }}" in text and "{{ problem_codes() }}" in text
    editing = page_text((internal_site / "internal" / "editing" / "index.html").read_text())
    for heading in ("Change a target", "Add a service", "Retire a jargon term",
                    "Preview the site", "Read an error message", "Open a pull request"):
        assert heading in editing


@pytest.mark.build
def test_the_public_site_has_no_staff_guide(example_site: Path):
    assert not (example_site / "internal").exists()
