"""``goldenthread init DIR``: start a new road map, every file with every field explained.

It writes each single file (``roadmap.yml``, ``glossary.yml``, ``accountabilities.yml``,
``munro.yml``, ``officers.yml``) and one item of every kind (``goals/to-do-goal.yml``,
``services/to-do-service.yml``...), all from the stub writer (:mod:`.stubs`), so every
field is there after a note saying what to write.  The items link to each other (the
goal serves the partner plan's priority, the service contributes to the goal...), so the
new road map is valid and the intranet builds from it at once.  Every ``TO DO`` and every
``to-do-...`` id is a placeholder, which the public build refuses, naming each one.

It never overwrites a file: a folder that already holds any of them is refused.

``init --for NAME`` starts from a vocabulary (goldenthread/vocabularies/NAME.yml): its
``roadmap.yml`` names it, and the files and fields the vocabulary leaves out (the Munro
plan, the page for young people, outside children's services) are not written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from goldenthread.editor.schema import write_schemas
from goldenthread.editor.stubs import (
    REFERENCES,
    StubError,
    file_kinds,
    stub_kinds,
    stub_text,
    vocabulary_ids,
)
from goldenthread.read.kinds import BY_PATH
from goldenthread.read.messages import suggest
from goldenthread.read.vocabulary import DEFAULT, shipped
from goldenthread.read.vocabulary import names as vocabulary_names

#: The id of the one item of each kind that ``init`` writes: 'to-do-goal'...
PREFIX = "to-do-"
#: The id the stub gives a partner plan's first priority.
PLAN_PRIORITY_ID = "to-do"


def starter_ids() -> dict[str, str]:
    """Stub kind -> the id of the item ``init`` writes for it ('goal' -> 'to-do-goal')."""
    return {kind: f"{PREFIX}{kind}" for kind in stub_kinds()}


def starter_links() -> dict[str, str]:
    """Reference field -> the starter item it names ('goals' -> 'to-do-goal')."""
    by_folder = {folder: f"{PREFIX}{kind}" for kind, folder in stub_kinds().items()}
    plans = by_folder[BY_PATH[REFERENCES["serves"][0]].path]
    links = {}
    for field, (folder, placeholder) in REFERENCES.items():
        links[field] = (f"{plans}/{PLAN_PRIORITY_ID}" if "/" in placeholder
                        else by_folder[folder])
    return links


def starter_files(data_dir: Path) -> list[tuple[str, str, Path]]:
    """(stub kind, item id or file name, file) for every file ``init`` writes."""
    files = [(kind, name, data_dir / name) for kind, name in file_kinds().items()]
    for kind, item_id in starter_ids().items():
        files.append((kind, item_id, data_dir / stub_kinds()[kind] / f"{item_id}.yml"))
    return files


def init_roadmap(data_dir: Path, schema_dir: Path, today: date | None = None, *,
                 vocabulary: str = DEFAULT) -> list[Path]:
    """Write a new road map into ``data_dir`` (created if needed); return the files written.

    ``vocabulary`` names the words of the field of work (goldenthread/vocabularies):
    roadmap.yml starts with it, and the files and fields it does not use are left out.

    Refuses, writing nothing, when any of the files already exists.  The schemas are
    written into ``schema_dir`` first when it has none, so every file's first line names
    a schema that is there.
    """
    today = today or date.today()
    known = vocabulary_names()
    if vocabulary not in known:
        raise StubError(f"'{vocabulary}' is not a vocabulary{suggest(vocabulary, known)}; "
                        f"choose one of: {', '.join(known)} (each is a file in "
                        "goldenthread/vocabularies)")
    words = shipped(vocabulary)
    leaves_out = frozenset(words.init_leaves_out)
    # Fields whose ids the vocabulary sets, by kind: written with its first id.
    ids = vocabulary_ids(words)
    planned = [(kind, name, file) for kind, name, file in starter_files(data_dir)
               if name not in leaves_out]
    existing = [f for _, _, f in planned if f.exists() or f.with_suffix(".yaml").exists()]
    if existing:
        raise StubError(f"{existing[0].as_posix()} already exists: 'goldenthread init' "
                        "starts a new road map in an empty folder and never overwrites a "
                        "file; choose a new folder, or add items with 'goldenthread new'")
    if data_dir.is_file():
        raise StubError(f"{data_dir.as_posix()} is a file, not a folder")
    if not any(schema_dir.glob("*.schema.json")):
        write_schemas(schema_dir)
    links = starter_links()
    texts = [(file, stub_text(kind, name, file, schema_dir, today, fill=False, links=links,
                              omit=leaves_out, vocabulary=vocabulary, ids=ids.get(kind)))
             for kind, name, file in planned]
    for file, text in texts:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8", newline="\n")
    return [file for file, _ in texts]
