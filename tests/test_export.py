"""Open data: the JSON, its schema and the CSVs of both builds, checked against the model."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from goldenthread.derive.audience import for_audience
from goldenthread.derive.trend import status
from goldenthread.publish.open_data import (
    build_date,
    catalogue,
    cell,
    indicator_csv,
    open_data_files,
    spreadsheet_safe,
)
from goldenthread.publish.open_data_json import LICENCE, LICENCE_URL, schema_document
from goldenthread.read.data_folder import read_roadmap
from goldenthread.read.models import (
    Accountability,
    Action,
    Goal,
    Indicator,
    PartnerPlan,
    PlanPriority,
    Priority,
    RoadmapInfo,
    Service,
    Term,
)
from goldenthread.read.staff_models import Blockage, MunroEntry, Story
from goldenthread.read.units import unit_words

from .conftest import EXAMPLE_DATA

SITES = ("example_site", "internal_site")


@pytest.fixture(scope="session")
def full_roadmap():
    roadmap, problems = read_roadmap(EXAMPLE_DATA)
    assert roadmap is not None, [str(p) for p in problems]
    return roadmap


@pytest.fixture(params=SITES)
def built(request, full_roadmap):
    """(site folder, the road map of its audience as goldenthread reads it, the JSON)."""
    site = request.getfixturevalue(request.param)
    audience = "public" if request.param == "example_site" else "internal"
    document = json.loads((site / "data/roadmap.json").read_text(encoding="utf-8"))
    assert document["audience"] == audience
    return site, for_audience(full_roadmap, audience), document


def read_csv_text(raw: bytes) -> list[dict[str, str]]:
    """Rows of a CSV file: UTF-8 without a byte-order mark, a header row, CRLF line ends."""
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.endswith(b"\r\n")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def read_csv(path: Path) -> list[dict[str, str]]:
    return read_csv_text(path.read_bytes())


# -- every file, both builds ----------------------------------------------------------------

def test_both_builds_publish_every_file_as_generated_in_memory(built):
    site, roadmap, document = built
    expected = open_data_files(roadmap, document["audience"],
                               date.fromisoformat(document["build_date"]))
    published = sorted(p.relative_to(site).as_posix() for p in (site / "data").rglob("*.*")
                       if p.suffix in (".json", ".csv"))
    assert published == sorted(expected)
    assert {"data/roadmap.json", "data/roadmap.schema.json", "data/goals.csv",
            "data/indicator-values.csv", "data/partner-plan-links.csv"} <= set(expected)
    assert len([p for p in expected if p.startswith("data/indicators/")]) == len(
        roadmap.indicators)
    for path, content in expected.items():  # the same bytes for the same data
        assert (site / path).read_bytes() == content, path


def test_the_json_reloads_into_the_model_item_by_item(built):
    _, roadmap, document = built
    assert document["schema_version"] == "1.0"
    assert (document["licence"], document["licence_url"]) == (LICENCE, LICENCE_URL)
    assert RoadmapInfo.model_validate_json(json.dumps(document["road_map"])) == roadmap.info
    kinds = (("goals", Goal), ("priorities", Priority), ("services", Service),
             ("actions", Action), ("partner_plans", PartnerPlan))
    for key, model in kinds:
        records = document[key]
        items = getattr(roadmap, key)
        assert [r["id"] for r in records] == list(items)
        for record in records:
            fields = {k: v for k, v in record.items() if k != "id"}
            assert model.model_validate_json(json.dumps(fields)) == items[record["id"]]
    assert [r["id"] for r in document["indicators"]] == list(roadmap.indicators)
    for record in document["indicators"]:
        indicator = roadmap.indicators[record.pop("id")]
        hidden = record.pop("suppressed_periods")
        assert hidden == [p for p, v in sorted(indicator.series.items()) if 0 < v < 6
                          and indicator.suppress_small_numbers]
        record["series"] = {p: indicator.series[p] if p in hidden else v
                            for p, v in record["series"].items()}
        assert Indicator.model_validate_json(json.dumps(record)) == indicator
    assert [Accountability.model_validate_json(json.dumps(a))
            for a in document["accountabilities"]] == list(roadmap.accountabilities)
    assert [Term.model_validate_json(json.dumps(t))
            for t in document["glossary"]] == list(roadmap.glossary)
    for key, model in (("stories", Story), ("blockages", Blockage)):
        assert [r["id"] for r in document[key]] == list(getattr(roadmap, key))
        for record in document[key]:
            item_id = record.pop("id")
            assert model.model_validate_json(json.dumps(record)) == getattr(roadmap, key)[item_id]
    assert [MunroEntry.model_validate_json(json.dumps(m))
            for m in document["munro"]] == list(roadmap.munro)


def test_public_open_data_has_consented_stories_and_no_blockages(example_site, internal_site):
    public = json.loads((example_site / "data/roadmap.json").read_text(encoding="utf-8"))
    intranet = json.loads((internal_site / "data/roadmap.json").read_text(encoding="utf-8"))
    assert public["stories"] and all(s["consent"] is True and s["visibility"] == "public"
                                     for s in public["stories"])
    assert public["blockages"] == [] and intranet["blockages"]
    assert len(intranet["stories"]) > len(public["stories"])
    assert public["munro"] and all(m["visibility"] == "public" for m in public["munro"])


def test_the_json_is_valid_against_its_published_schema(built):
    site, _, document = built
    schema = json.loads((site / "data/roadmap.schema.json").read_text(encoding="utf-8"))
    assert schema == schema_document()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema,
                                                format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(document)) == []
    document["goals"][0]["colour"] = "red"  # a field the schema does not know is refused
    assert not validator.is_valid(document)


def _as_cell(value) -> str:
    """How the test expects a model value in a CSV cell (independent of the exporter)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "\n".join(_as_cell(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _check_rows(rows, items, model, computed=()) -> None:
    """Every column of every row equals the item's field (blocks split as block_field)."""
    assert [row.get("id") for row in rows] == list(items)
    for row in rows:
        item = items[row["id"]]
        for column, text in row.items():
            if column == "id" or column in computed:
                continue
            if column in model.model_fields:
                value = getattr(item, column)
            else:  # a block of fields, e.g. what_changes_before
                block = next(f for f in model.model_fields if column.startswith(f + "_"))
                value = getattr(getattr(item, block), column[len(block) + 1:])
            if isinstance(value, float):
                assert float(text) == value, (row["id"], column)
            else:
                assert text == _as_cell(value), (row["id"], column)


def test_every_csv_matches_the_model_row_by_row(built):
    site, roadmap, _ = built
    data = site / "data"
    _check_rows(read_csv(data / "goals.csv"), roadmap.goals, Goal)
    _check_rows(read_csv(data / "priorities.csv"), roadmap.priorities, Priority)
    _check_rows(read_csv(data / "services.csv"), roadmap.services, Service)
    _check_rows(read_csv(data / "actions.csv"), roadmap.actions, Action)
    _check_rows(read_csv(data / "partner-plans.csv"), roadmap.partner_plans, PartnerPlan)
    indicators = read_csv(data / "indicators.csv")
    _check_rows(indicators, roadmap.indicators, Indicator, computed=("status", "unit_in_words"))
    assert {r["id"]: r["status"] for r in indicators} == {
        i: status(ind).key for i, ind in roadmap.indicators.items()}
    assert {r["id"]: r["unit_in_words"] for r in indicators} == {
        i: unit_words(ind) for i, ind in roadmap.indicators.items()}
    accs = read_csv(data / "accountabilities.csv")
    assert [(a["role"], a["organisation"], a["level"], a["responsibility"], a["goal"],
             a["priority"], a["action"], a["visibility"]) for a in accs] == [
        (a.role, a.organisation, a.level, a.responsibility, a.goal or "", a.priority or "",
         a.action or "", a.visibility) for a in roadmap.accountabilities]
    # The links, every one.
    assert [(r["service"], r["goal"], r["how"]) for r in read_csv(data / "service-goals.csv")] \
        == [(s, c.goal, c.how) for s, svc in roadmap.services.items() for c in svc.contributes_to]
    assert [f"{r['plan']}/{r['priority']}" for r in read_csv(data / "partner-plan-links.csv")] \
        == [ref for g in roadmap.goals.values() for ref in g.serves]
    plan_rows = read_csv(data / "partner-plan-priorities.csv")
    assert [(r["plan"], PlanPriority(id=r["id"], title=r["title"],
                                     out_of_scope=r["out_of_scope"] or None))
            for r in plan_rows] == [(p, pp) for p, plan in roadmap.partner_plans.items()
                                    for pp in plan.priorities]


def test_every_figure_is_in_the_values_table_and_in_each_indicators_own_file(built):
    site, roadmap, _ = built
    rows = read_csv(site / "data/indicator-values.csv")
    assert list(rows[0]) == ["indicator", "period", "value", "target", "status"]
    # What each figure is compared with: one row per comparator's figure, by its name.
    compared: dict[str, dict[str, dict[str, float]]] = {}
    for row in read_csv(site / "data/indicator-comparisons.csv"):
        figures = compared.setdefault(row["indicator"], {}).setdefault(row["comparator"], {})
        figures[row["period"]] = float(row["value"])
    found: dict[str, dict[str, dict[str, str]]] = {}
    for row in rows:
        found.setdefault(row["indicator"], {})[row["period"]] = row
    assert list(found) == list(roadmap.indicators)
    for indicator_id, indicator in roadmap.indicators.items():
        by_period = found[indicator_id]
        assert list(by_period) == sorted(by_period)

        def number(text: str) -> float | None:
            return None if text == "" else float(text)

        assert {p: number(r["value"]) for p, r in by_period.items()
                if r["value"]} == indicator.series
        assert compared.get(indicator_id, {}).get("england", {}) == indicator.england
        assert compared.get(indicator_id, {}).get("similar", {}) == \
            indicator.statistical_neighbours
        assert {p: number(r["target"]) for p, r in by_period.items()
                if r["target"]} == {t.by: t.value for t in indicator.targets}
        expected = "illustrative" if indicator.illustrative else "published"
        assert {r["status"] for p, r in by_period.items() if p in indicator.series} == {expected}
        own = read_csv(site / indicator_csv(indicator_id))
        assert own == [r for r in rows if r["indicator"] == indicator_id]


# -- audiences --------------------------------------------------------------------------

def test_the_public_files_hold_no_internal_item(example_site, internal_site, full_roadmap):
    internal_actions = [a for a, act in full_roadmap.actions.items()
                        if act.visibility == "internal"]
    internal_accs = [a for a in full_roadmap.accountabilities if a.visibility == "internal"]
    internal_wins = [a for a in full_roadmap.info.achievements if a.visibility == "internal"]
    assert internal_actions and internal_accs and internal_wins  # the example has some
    public = {p.name: p.read_text(encoding="utf-8") for p in (example_site / "data").rglob("*.*")}
    public_doc = json.loads(public["roadmap.json"])
    internal_doc = json.loads((internal_site / "data/roadmap.json").read_text(encoding="utf-8"))
    for text in public.values():
        for action_id in internal_actions:
            assert action_id not in text
        for win in internal_wins:
            assert win.title not in text
    assert '"visibility": "internal"' not in public["roadmap.json"]
    assert all(row["visibility"] == "public" for name in public if name.endswith(".csv")
               for row in csv.DictReader(io.StringIO(public[name])) if "visibility" in row)
    public_accs = [Accountability.model_validate_json(json.dumps(a))
                   for a in public_doc["accountabilities"]]
    assert not set(internal_accs) & set(public_accs)
    # ...while the intranet's files have them all.
    assert {a["id"] for a in internal_doc["actions"]} >= set(internal_actions)
    assert len(internal_doc["accountabilities"]) == len(full_roadmap.accountabilities)


# -- spreadsheet safety ---------------------------------------------------------------------

@pytest.mark.parametrize("text", ["=1+1", "+44 1922", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe(text):
    assert spreadsheet_safe(text) == "'" + text
    assert cell(text) == "'" + text
    assert cell([text, "=second"]) == "'" + text + "\n'=second"  # each line of a list


def test_numbers_and_ordinary_text_are_written_as_they_are():
    assert (cell(-2.5), cell(22.0), cell(0), cell(True), cell(None)) == ("-2.5", "22", "0",
                                                                         "true", "")
    assert cell("Early help, for families") == "Early help, for families"


def test_a_formula_typed_in_the_data_comes_out_of_the_csv_made_safe(data_copy):
    folder = data_copy()
    goal = folder / "goals/safe-at-home.yml"
    text = goal.read_text(encoding="utf-8")
    formula = '=HYPERLINK("http://example.org","Click")'
    goal.write_text(re.sub(r"(?m)^title: .*$", f"title: '{formula}'", text), encoding="utf-8")
    roadmap, problems = read_roadmap(folder)
    assert roadmap is not None and not [p for p in problems if p.severity == "error"]
    files = open_data_files(roadmap, "public", date(2024, 1, 1))
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(files["data/goals.csv"].decode()))}
    assert rows["safe-at-home"]["title"] == "'" + formula
    document = json.loads(files["data/roadmap.json"])
    assert next(g for g in document["goals"] if g["id"] == "safe-at-home")["title"] == formula


# -- the Data page and the indicator pages ----------------------------------------------------

class FieldTables(HTMLParser):
    """The field tables of the Data page: (file, object) -> [(field, meaning)], and links."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.links: list[str] = []
        self._table: tuple[str, str] | None = None
        self._cell: list[str] | None = None
        self._row: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "gt-fields" in (attrs.get("class") or ""):
            self._table = (attrs["data-file"], attrs["data-object"])
            self.tables[self._table] = []
        elif tag in ("th", "td") and self._table:
            self._cell = []
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._table:
            if self._row != ["Field", "Meaning"]:
                self.tables[self._table].append(tuple(self._row))
            self._row = []
        elif tag == "table":
            self._table = None


def _schema_objects(schema: dict) -> set[frozenset]:
    objects = [schema, *schema["$defs"].values()]
    return {frozenset((name, prop["description"]) for name, prop in obj["properties"].items())
            for obj in objects}


@pytest.mark.parametrize("site_name", SITES)
def test_the_data_page_lists_exactly_the_fields_of_each_file(request, site_name):
    site = request.getfixturevalue(site_name)
    page = FieldTables((site / "data/index.html").read_text(encoding="utf-8"))
    schema = json.loads((site / "data/roadmap.schema.json").read_text(encoding="utf-8"))
    listed = {frozenset(rows) for (file, _), rows in page.tables.items()
              if file == "data/roadmap.json"}
    assert listed == _schema_objects(schema)
    for file in catalogue():
        if file.path.endswith(".csv"):
            header = next(csv.reader(io.StringIO((site / file.path).read_text("utf-8"))))
            assert [name for name, _ in page.tables[(file.path, "")]] == header
            assert all(meaning for _, meaning in page.tables[(file.path, "")])
        assert posixpath.basename(file.path) in page.links  # a download link, page-relative
    assert LICENCE_URL in page.links
    assert LICENCE in (site / "data/index.html").read_text(encoding="utf-8")


def test_each_indicator_page_links_to_its_own_rows(example_site, full_roadmap):
    public = for_audience(full_roadmap, "public")
    for indicator_id in public.indicators:
        page_dir = example_site / "indicators" / indicator_id
        html = (page_dir / "index.html").read_text(encoding="utf-8")
        href = re.search(r'class="gt-data-link"><a href="([^"]+)"', html).group(1)
        assert not href.startswith("/")
        rows = read_csv((page_dir / href).resolve())
        assert rows and {r["indicator"] for r in rows} == {indicator_id}


# -- the build date ---------------------------------------------------------------------------

def test_the_build_date_comes_from_source_date_epoch_when_set():
    assert build_date({"SOURCE_DATE_EPOCH": "1700000000"}) == date(2023, 11, 14)
    assert build_date({}) == date.today()
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH should be a whole number"):
        build_date({"SOURCE_DATE_EPOCH": "yesterday"})
