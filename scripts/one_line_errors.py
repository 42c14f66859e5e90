"""Run a build step; if it crashes, say what happened in one line, not a traceback.

    python scripts/one_line_errors.py "the public site" mkdocs build ...

Output passes through as it comes.  A Python traceback (a crash, such as a full disk
while writing the site) is held back and replaced by one line naming the step and the
cause; ``GOLDENTHREAD_DEBUG=1`` shows the traceback as well.  The exit code is the
step's own.
"""

from __future__ import annotations

import os
import subprocess
import sys

DISK_FULL = ("No space left on device", "Disk quota exceeded")


def summary(step: str, traceback: list[str]) -> str:
    """One line for a crash: the step, and the last line of its traceback in words."""
    last = next((line.strip() for line in reversed(traceback) if line.strip()), "")
    if any(marker in last for marker in DISK_FULL):
        return (f"Error: the disk is full, so {step} could not be written; free some space "
                "and run the build again. Nothing was published.")
    cause = last.split(": ", 1)[-1] if ": " in last else last
    return (f"Error: {step} could not be built ({cause or 'the build stopped'}). "
            "Nothing was published.")


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print("usage: one_line_errors.py STEP COMMAND [ARGS...]", file=sys.stderr)
        return 2
    step, command = argv[1], argv[2:]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, errors="replace")
    held: list[str] = []
    for line in process.stderr:  # type: ignore[union-attr]
        if held or line.startswith("Traceback (most recent call last):"):
            held.append(line)
        else:
            sys.stderr.write(line)
    code = process.wait()
    if held:
        if os.environ.get("GOLDENTHREAD_DEBUG") == "1":
            sys.stderr.writelines(held)
        print(summary(step, held), file=sys.stderr)
        return code or 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
