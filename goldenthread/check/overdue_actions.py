"""Actions past their due date and not done: dates are computed, never trusted.

Whatever an action's typed ``status`` says ("on-track" three years after it was due), an
action whose due date (or the end of its quarter) is before the check's today and which
is not done is overdue.  The public site shows it as "Overdue" with how long; the
intranet check warns and lists each one (the public check leaves it to the pages).
"""

from __future__ import annotations

from collections.abc import Iterable

from goldenthread.check.registry import CheckContext, check
from goldenthread.derive.progress import action_progress, how_long
from goldenthread.problems import Problem


@check
def overdue_actions(context: CheckContext) -> Iterable[Problem]:
    """Actions past their due date and not done (intranet check only)."""
    if context.audience != "internal":
        return
    for action_id, action in context.roadmap.actions.items():
        progress = action_progress(action, context.today)
        if progress.overdue:
            yield Problem(
                context.roadmap.where("action", action_id, "due"),
                f"action '{action_id}': overdue by {how_long(progress.overdue_days)} — it was "
                f"due {action.due} and is marked '{action.status}', not done (today is "
                f"{context.today}); set 'status: done' with its evidence, or agree a new "
                "'due' date",
                "action-overdue")
