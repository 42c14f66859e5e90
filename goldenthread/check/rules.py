"""Every rule module, imported once so that its checks register (see :mod:`.registry`).

A new rule module is added here, and only here.
"""

from __future__ import annotations

from goldenthread.check import (  # noqa: F401
    alignment,
    figures,
    internal_titles,
    personal_data,
    plain_language,
    references,
    staleness,
    stories,
)
