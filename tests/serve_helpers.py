"""Run `mkdocs serve` on a free loopback port for a test, and fetch its pages."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from .conftest import MKDOCS, ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A running `mkdocs serve`; :meth:`get` waits for a page, :meth:`wait_for` for text,
    :meth:`wait_for_output` for a line it prints."""

    def __init__(self, process: subprocess.Popen, port: int):
        self.process, self.port = process, port
        self.lines: list[str] = []  # what it has printed so far
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.decode("utf-8", "replace"))

    def wait_for_output(self, text: str, after: int = 0, seconds: float = 60) -> int:
        """Wait for a line holding ``text`` among those printed from line ``after`` on;
        the number of lines printed up to it."""
        deadline = time.monotonic() + seconds
        while True:
            for number in range(after, len(self.lines)):
                if text in self.lines[number]:
                    return number + 1
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never printed:\n{''.join(self.lines)}")
            time.sleep(0.2)

    def get(self, path: str, deadline: float) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    return response.read().decode("utf-8")
            except OSError:
                if self.process.poll() is not None:
                    self._reader.join(timeout=10)
                    output = "".join(self.lines)
                    raise AssertionError(f"mkdocs serve stopped:\n{output}") from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def wait_for(self, path: str, text: str, seconds: float = 60) -> str:
        """The page at ``path`` once it contains ``text`` (AssertionError after ``seconds``)."""
        deadline = time.monotonic() + seconds
        while True:
            page = self.get(path, deadline)
            if text in page:
                return page
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared on /{path}")
            time.sleep(0.3)

    def wait_gone(self, path: str, seconds: float = 60) -> None:
        """Return once the page at ``path`` is not found (AssertionError after ``seconds``)."""
        deadline = time.monotonic() + seconds
        url = f"http://127.0.0.1:{self.port}/{path}"
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5):
                    pass
            except urllib.error.HTTPError as error:
                if error.code == 404:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"/{path} is still served")
            time.sleep(0.3)


@contextlib.contextmanager
def serving(data: Path, config: str = "mkdocs.yml", extra_env: dict | None = None,
            args: tuple[str, ...] = ()) -> Iterator[Server]:
    """`mkdocs serve` of ``data`` (``args`` such as ``--dirty`` added to the command)."""
    port = free_port()
    env = dict(os.environ, GOLDENTHREAD_DATA=str(data), NO_MKDOCS_2_WARNING="1",
               **(extra_env or {}))
    process = subprocess.Popen(
        [str(MKDOCS), "serve", "-a", f"127.0.0.1:{port}",
         "-f", str(ROOT / config), *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True)
    try:
        yield Server(process, port)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
