"""Generate sanitising-test data: a corpus of hostile markup in every text field.

The base fixture is copied and every free-text field of every record (plain fields and
Markdown fields alike, found by walking the models) has :data:`PAYLOAD` appended, so a
field or kind added later is attacked too.  Ids, dates, numbers and references are left
alone, so the data stays valid and both sites build.
"""

from __future__ import annotations

import shutil
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from goldenthread.read.kinds import ITEM_KINDS, SINGLE_FILES

from .data_helpers import (
    is_model,
    pattern_of,
    read_yaml,
    union_member,
    unwrap,
    write_yaml,
)

#: Every way in the brief, in mixed letter case, inline and as reference links.
PAYLOAD = "\n".join([
    'zq-script <script>alert("xss-script")</script> <ScRiPt SRC="https://evil.invalid/x.js">'
    "</sCrIpT>",
    'zq-iframe <iframe src="https://evil.invalid/f"></iframe> <IFRAME SRCDOC="x"></IFRAME>',
    "zq-handlers <img src=x onerror=\"alert('xss-onerror')\"> "
    '<a href="#" OnClick="alert(1)">click</a> <p ONMOUSEOVER=alert(1)>hover</p>',
    '[zq-inline-js](javascript:alert("xss-js")) [zq-inline-JS](JaVaScRiPt:alert(1)) '
    "[zq-inline-data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
    "[zq-inline-DATA](DATA:text/html,hello)",
    '<a href="javascript:alert(2)">zq-raw-js</a> <a href=" jav&#x09;ascript:alert(3)">zq-ent</a> '
    '<a href="dAtA:text/html,x">zq-raw-data</a>',
    "[zq-ref-js][evil] [zq-ref-data][evil2] ![zq-img][evil]",
    "<!-- zq-hidden-comment --> J1[{{ 7*7 }}] J2[{% for i in range(3) %}loop{% endfor %}] "
    "J3[{{ config }}] J4[{# zq-jinja-comment #}]",
    "",
    '[evil]: JAVASCRIPT:alert("xss-ref")',
    "[evil2]: Data:text/html,<script>alert(4)</script>",
])


def _attack(value: Any, annotation: Any, meta: list[Any]) -> Any:
    annotation, meta = unwrap(annotation, meta)
    origin = typing.get_origin(annotation)
    if value is None:
        return None
    if origin in (typing.Union, types.UnionType):
        member = union_member(value, annotation)
        return value if member is None else _attack(value, member, meta)
    if origin is list and isinstance(value, list):
        return [_attack(v, typing.get_args(annotation)[0], []) for v in value]
    if is_model(annotation) and isinstance(value, dict):
        return attack_record(annotation, value)
    if annotation is str and isinstance(value, str) and pattern_of(meta) is None:
        return f"{value} {PAYLOAD}"
    return value


def attack_record(model: type[BaseModel], data: dict) -> dict:
    """``data`` with the payload appended to every free-text field."""
    return {name: _attack(value, model.model_fields[name].annotation,
                          model.model_fields[name].metadata) if name in model.model_fields
            else value for name, value in data.items()}


def generate(base: Path, out: Path) -> None:
    """Copy ``base`` to ``out`` with the payload in every free-text field of every file."""
    shutil.copytree(base, out)
    for folder, (model, _) in ITEM_KINDS.items():
        for path in sorted((out / folder).glob("*.yml")) if (out / folder).is_dir() else []:
            header, data = read_yaml(path)
            write_yaml(path, header, attack_record(model, data))
    for name, model in SINGLE_FILES.items():
        if (out / name).is_file():
            header, data = read_yaml(out / name)
            write_yaml(out / name, header, attack_record(model, data))
