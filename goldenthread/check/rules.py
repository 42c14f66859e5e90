"""Every rule module, imported once so that its checks register (see :mod:`.registry`).

A new rule module is added here, and only here.
"""

from __future__ import annotations

from goldenthread.check import (  # noqa: F401
    alignment,
    blockages,
    figures,
    internal_titles,
    money,
    munro_plan,
    officers,
    overdue_actions,
    personal_data,
    placeholders,
    plain_language,
    reader_versions,
    references,
    repository,
    staleness,
    stories,
    vocabulary_ids,
)
