"""Open data: the road map as JSON and CSV files, made in memory for the site build.

Every build publishes, under ``data/``, the whole road map of its audience as
``roadmap.json`` with its JSON Schema, one CSV per table (see
:mod:`goldenthread.publish.open_data_tables`) and one CSV of figures per indicator.  The road map
given is the audience-filtered one, so the public files hold public items only.

The files are the same bytes for the same data: rows follow the road map's order,
periods are sorted, and the build date comes from ``SOURCE_DATE_EPOCH`` when it is set.
Text cells that a spreadsheet would run as a formula are made safe (see
:func:`spreadsheet_safe`).  Nothing here imports MkDocs; the hook adds the files.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from goldenthread.derive.memo import IdentityMemo
from goldenthread.publish.open_data_json import (
    LICENCE,
    LICENCE_URL,
    Encoded,
    FieldGroup,
    roadmap_document,
    schema_document,
    schema_groups,
    unused_fields,
)
from goldenthread.publish.open_data_tables import Column, tables, value_rows
from goldenthread.read.roadmap import Roadmap

DATA_DIR = "data"
JSON_FILE = f"{DATA_DIR}/roadmap.json"
SCHEMA_FILE = f"{DATA_DIR}/roadmap.schema.json"
#: A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def indicator_csv(indicator_id: str) -> str:
    """Where one indicator's figures are published, from the site's root."""
    return f"{DATA_DIR}/indicators/{indicator_id}.csv"


def build_date(environ: Mapping[str, str] = os.environ) -> date:
    """The date stamped on the files: ``SOURCE_DATE_EPOCH`` (UTC) when set, else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return date.today()
    if not epoch.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH should be a whole number of seconds since "
                         f"1 January 1970 (found '{epoch}'); fix it, or unset it to use today")
    return datetime.fromtimestamp(int(epoch), tz=UTC).date()


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet will show, not run: a leading apostrophe when it starts like a formula.

    Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or
    ``@`` (a tab or carriage return can hide one), so ``=HYPERLINK(...)`` typed by an editor
    could become a live link or worse.  The apostrophe makes it plain text.
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def cell(value: Any) -> str:
    """One CSV cell: numbers as written, true/false, ISO dates, a list one (safe) entry a line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return spreadsheet_safe("\n".join(cell(v) for v in value))
    if isinstance(value, str):
        return spreadsheet_safe(value)
    raise TypeError(f"no CSV form for {type(value).__name__}")


def csv_bytes(columns: Sequence[Column], rows: Iterable[Any], table: str | None = None,
              unused: frozenset[str] = frozenset()) -> bytes:
    """A CSV file (UTF-8, header row, CRLF line ends as RFC 4180 says).  For a ``table``
    of :func:`tables`, a row that is one item, ``(id, item)``, is written once and
    remembered for the item (frozen) from one build to the next; ``columns`` are then the
    table's less those named in ``unused`` (see :func:`table_columns`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(column.name for column in columns)
    for row in rows:
        if table is not None and type(row) is tuple and len(row) == 2 \
                and type(row[0]) is str and isinstance(row[1], BaseModel):
            out.write(_item_lines(row[1], row[0], table, unused))
        else:
            writer.writerow(cell(column.value(row)) for column in columns)
    return out.getvalue().encode("utf-8")


def table_columns(columns: Iterable[Column], unused: frozenset[str]) -> list[Column]:
    """A table's columns less those of features the road map does not use (see
    :func:`goldenthread.publish.open_data_json.unused_fields`)."""
    return [column for column in columns if column.name not in unused]


def _item_line(item: BaseModel, item_id: str, table: str,
               unused: frozenset[str] = frozenset()) -> str:
    columns = table_columns(_columns(table), unused)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(
        cell(column.value((item_id, item))) for column in columns)
    return out.getvalue()


#: Each item's line of each table, remembered for the item.
_item_lines = IdentityMemo(_item_line)


def json_bytes(data: Any, sort_keys: bool = False) -> bytes:
    """JSON as UTF-8 text; NaN and infinity are refused (they are not JSON)."""
    text = json.dumps(data, allow_nan=False, ensure_ascii=False, indent=2, sort_keys=sort_keys)
    return (text + "\n").encode("utf-8")


def document_bytes(document: dict[str, Any]) -> bytes:
    """What :func:`json_bytes` writes of the road map's document, byte for byte, when its
    items are given as their JSON text (``roadmap_document(..., encoded=True)``)."""
    return (_json_text(document, 0) + "\n").encode("utf-8")


def _json_text(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``level`` deep in a document."""
    margin = "\n" + "  " * level
    if isinstance(value, Encoded):
        return value.replace("\n", margin)
    inner = margin + "  "
    if type(value) is list and any(isinstance(v, Encoded) for v in value):
        return "[" + ",".join(inner + _json_text(v, level + 1) for v in value) + margin + "]"
    if type(value) is dict and value and all(type(k) is str for k in value):
        members = (f"{inner}{json.dumps(k, ensure_ascii=False)}: {_json_text(v, level + 1)}"
                   for k, v in value.items())
        return "{" + ",".join(members) + margin + "}"
    return json.dumps(value, allow_nan=False, ensure_ascii=False, indent=2).replace("\n", margin)


def open_data_files(roadmap: Roadmap, audience: str, built: date) -> dict[str, bytes]:
    """Every open-data file, path (from the site's root) -> content, in a fixed order."""
    # The fields of roadmap.json keep the models' order (the id first); the schema's keys
    # are sorted.  Both are the same bytes for the same data.
    unused = unused_fields(roadmap)
    files = {
        JSON_FILE: document_bytes(roadmap_document(roadmap, audience, built, encoded=True)),
        SCHEMA_FILE: json_bytes(schema_document(unused), sort_keys=True),
    }
    _figures_csv.new_run()
    _item_lines.new_run()
    figures = {indicator_csv(indicator_id): _figures_csv(indicator, indicator_id)
               for indicator_id, indicator in roadmap.indicators.items()}
    for table in tables():
        if table.file == VALUES_FILE:  # every indicator's figures, one after another
            header = csv_bytes(table.columns, ())
            content = header + b"".join(f[len(header):] for f in figures.values())
        else:
            content = csv_bytes(table_columns(table.columns, unused), table.rows(roadmap),
                                table.file, unused)
        files[f"{DATA_DIR}/{table.file}"] = content
    files.update(figures)
    return files


#: A build's folder for its open data: this, the building process's id, a random part.
FOLDER_PREFIX = "goldenthread-open-data-"
#: A folder left by a build is removed once its process is gone and it is this old (in
#: seconds): no build takes that long, so it is never a running build's, even one in
#: another container sharing the temporary folder, whose process this one cannot see.
LEFT_BEHIND_AFTER = 3600


def open_data_folder() -> Path:
    """A new folder of the build's own, in the temporary folder, for the open data that
    MkDocs copies into the site; the build removes it as it ends.  ``scripts/build``
    points the temporary folder (TMPDIR) into its staging folder, whose clean-up a build
    killed part-way cannot skip; for other builds (``mkdocs build``), the folders left by
    killed builds are removed here first."""
    root = Path(tempfile.gettempdir())
    for folder in root.glob(FOLDER_PREFIX + "*"):
        pid = folder.name[len(FOLDER_PREFIX):].split("-", 1)[0]
        try:
            old = time.time() - folder.lstat().st_mtime > LEFT_BEHIND_AFTER
        except OSError:
            continue
        if old and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's: running
    return True


#: The table of every indicator's figures: each indicator's own CSV has its rows.
VALUES_FILE = "indicator-values.csv"


@lru_cache(maxsize=32)  # one per table
def _columns(table: str) -> Sequence[Column]:
    """The columns of the table of :func:`tables` written to file ``table``."""
    return next(t for t in tables() if t.file == table).columns


def _indicator_figures(indicator: Any, indicator_id: str) -> bytes:
    return csv_bytes(_columns(VALUES_FILE), value_rows(indicator_id, indicator))


#: Each indicator's CSV of figures, remembered for the indicator (frozen) from one build
#: to the next: a rebuild under ``mkdocs serve`` writes out only an edited indicator's.
_figures_csv = IdentityMemo(_indicator_figures)


@dataclass(frozen=True)
class DataFile:
    """One published file, as the Data page describes it."""

    path: str
    title: str
    about: str
    groups: tuple[FieldGroup, ...]


def catalogue(unused: frozenset[str] = frozenset()) -> list[DataFile]:
    """Every kind of file published, with its fields and their meanings, for the Data page.

    Built from the same schema and column definitions that write the files; with
    ``unused`` (see :func:`unused_fields`), as a road map that leaves those out writes them.
    """
    files = [
        DataFile(JSON_FILE, "The whole road map (JSON)",
                 "Everything on this site in one file, in the layout its JSON Schema describes.",
                 tuple(schema_groups(schema_document(unused)))),
        DataFile(SCHEMA_FILE, "The JSON Schema of roadmap.json",
                 "The layout of roadmap.json, for checking the file or generating code from it. "
                 "Its field descriptions are the ones listed for roadmap.json.", ()),
    ]
    for table in tables():
        files.append(DataFile(
            f"{DATA_DIR}/{table.file}", table.title, f"One row per {table.row_is}.",
            (FieldGroup("", "", tuple((c.name, c.meaning)
                                      for c in table_columns(table.columns, unused))),)))
    return files


def data_page(roadmap: Roadmap, audience: str) -> dict[str, Any]:
    """What the Data page shows: the licence, every file with its fields, and each
    indicator's own file."""
    return {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "audience": audience,
        "files": catalogue(unused_fields(roadmap)),
        "indicator_files": [(indicator_csv(i), ind.name) for i, ind in roadmap.indicators.items()],
        "formula_starts": FORMULA_STARTS,
    }
