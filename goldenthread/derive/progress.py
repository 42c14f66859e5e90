"""Dates are computed, never trusted: overdue actions and out-of-date figures.

An action's typed ``status`` says what its owner last wrote; whether it is overdue is
worked out from its due date and the build's today (never the clock: the caller gives
``today``, from :func:`goldenthread.check.pipeline.today_for`).  The same for an
indicator whose new figures (``next_update``) were due before today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from goldenthread.read.models import Action, Indicator

#: How each typed status reads: (label, symbol), never colour alone.
ACTION_STATUS = {
    "not-started": ("Not started", "○"),
    "on-track": ("On track", "✓"),
    "at-risk": ("At risk", "!"),
    "off-track": ("Off track", "✗"),
    "done": ("Done", "✔"),
}


def due_date(due: date | str) -> date:
    """The last day an action may be done on: its date, or the end of its quarter
    ('2013-Q2' ends on 30 June 2013; quarters are calendar quarters)."""
    if isinstance(due, date):
        return due
    year, quarter = int(due[:4]), int(due[-1])
    if quarter == 4:
        return date(year, 12, 31)
    return date(year, 3 * quarter + 1, 1) - timedelta(days=1)


def how_long(days: int) -> str:
    """A span of days in plain words: '3 days', '5 weeks', '4 months', '2 years and 1 month'."""
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 61:
        return f"{days // 7} weeks"
    months = round(days / 30.44)
    years, months = divmod(months, 12)
    if not years:
        return f"{months} months"
    said = f"{years} year{'s' if years != 1 else ''}"
    return said + (f" and {months} month{'s' if months != 1 else ''}" if months else "")


@dataclass(frozen=True)
class ActionProgress:
    """How an action stands on ``today``: its key (a typed status, or 'overdue'), words and
    a symbol; ``overdue_days`` is how long past its due date an unfinished action is."""

    key: str
    label: str
    symbol: str
    overdue_days: int = 0

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def action_progress(action: Action, today: date) -> ActionProgress:
    """The action's progress, computed: past its due date and not done is 'Overdue', with
    how long, whatever its typed status says."""
    late = (today - due_date(action.due)).days
    if action.status != "done" and late > 0:
        return ActionProgress("overdue", f"Overdue by {how_long(late)}", "!", late)
    label, symbol = ACTION_STATUS[action.status]
    return ActionProgress(action.status, label, symbol)


def figures_overdue_days(indicator: Indicator, today: date) -> int:
    """How many days ago the indicator's new figures were due (0 if not yet due)."""
    return max(0, (today - indicator.next_update).days)
