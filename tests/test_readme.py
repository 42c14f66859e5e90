"""The README's example messages are what `goldenthread check` really prints.

Each example is reproduced by making the mistake it describes in a copy of the example
data; the README's line must equal the command's, file, line and column included.
"""

from __future__ import annotations

import re
import shutil

from goldenthread.check.pipeline import check_roadmap

from .conftest import EXAMPLE_DATA, ROOT


def _readme_line(start: str) -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    found = [line for line in text.splitlines() if line.startswith(start)]
    assert len(found) == 1, start
    return found[0]


def test_the_example_messages_in_the_readme_are_real(tmp_path):
    data = tmp_path / "roadmap_data"
    shutil.copytree(EXAMPLE_DATA, data)
    service = data / "services" / "early-help-in-neighbourhoods.yml"
    service.write_text(service.read_text("utf-8").replace(
        "  - goal: families-get-help-early", "  - goal: families-get-help-erly", 1), "utf-8")
    indicator = data / "indicators" / "re-referrals-within-12-months.yml"
    indicator.write_text(re.sub(r"(?m)^  2010-11: [0-9.]+$", "  2010-11: .nan",
                                indicator.read_text("utf-8"), count=1), "utf-8")
    _, problems = check_roadmap(data)
    printed = {str(p) for p in problems}
    for start in ("roadmap_data/services/early-help-in-neighbourhoods.yml:",
                  "roadmap_data/indicators/re-referrals-within-12-months.yml:"):
        assert _readme_line(start) in printed
