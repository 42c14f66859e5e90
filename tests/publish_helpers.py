"""Shared by the publishing tests: a built site's stand-in, and a refused intranet."""

from __future__ import annotations

import os
from pathlib import Path

from goldenthread.publish import swap


def site_folder(folder: Path, text: str) -> None:
    """A built site's stand-in: a folder with an index.html holding ``text``."""
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text)


def refuse_internal(out: Path, monkeypatch, error: OSError) -> None:
    """Make every rename or exchange that touches ``out/internal`` fail with ``error``, as
    after `chattr +i site/internal`; ``swap.exchange`` as it is now (real, or a stand-in
    that cannot exchange) is kept for everything else."""
    real_rename, real_exchange = os.rename, swap.exchange

    def refuse(first, second):
        if out / "internal" in (Path(first), Path(second)):
            raise error

    def rename(first, second):
        refuse(first, second)
        return real_rename(first, second)

    def exchange(first, second):
        refuse(first, second)
        return real_exchange(first, second)

    monkeypatch.setattr(swap.os, "rename", rename)
    monkeypatch.setattr(swap, "exchange", exchange)
