"""The values money and value are written in: financial years, amounts (bounded, so that
every figure a page prints is exact), rates, and how pounds and staff read on a page.

Shared by the models of :mod:`goldenthread.read.money_models`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

#: A financial year, April to March, written '2012-13'.
FINANCIAL_YEAR = r"^[0-9]{4}-[0-9]{2}$"
#: How close two sums of money (pounds) or staff (full-time equivalents) must be to count
#: as equal: amounts are written to the penny, staff to a hundredth.
MONEY_TOLERANCE = 0.005
STAFF_TOLERANCE = 0.005
SHARE_TOLERANCE = 1e-6
#: The largest amount (of pounds, staff or people) the road map takes: a million million.
#: Every figure a page prints stays exact to the penny below it (a float holds 15 digits).
LARGEST_AMOUNT = 1e12
#: The longest an outcome of a social return may last, in years, and the most outcomes one
#: analysis may have: the pages show each outcome year by year, so these bound their size.
LONGEST_DURATION = 100
MOST_OUTCOMES = 20
#: The smallest investment a social return may divide by, in pounds.
SMALLEST_INVESTMENT = 1.0


def _financial_year(value: Any) -> Any:
    """A financial year as written, or a plain message (before any other rule, so that
    ``2012`` or ``2012-2013`` is told the same way as any other wrong year)."""
    if not isinstance(value, str) or not re.fullmatch(FINANCIAL_YEAR, value):
        raise ValueError(f"{described(value)} is not a financial year: write it like "
                         "'2012-13' (April 2012 to March 2013)")
    start, end = value.split("-")
    if (int(start) + 1) % 100 != int(end):
        raise ValueError(
            f"'{value}' is not a financial year: the second part is the year after the "
            f"first, as in '{start}-{(int(start) + 1) % 100:02d}'")
    return value


def described(value: Any) -> str:
    """A wrong value as an editor wrote it: '2012', 'a list', 'a block of fields'."""
    if isinstance(value, dict):
        return "a block of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "'true'" if value else "'false'"
    if isinstance(value, date):
        return f"the date '{value.isoformat()}'"
    return f"'{getattr(value, 'raw', value)}'"


def not_negative(value: float) -> float:
    if value < 0:
        raise ValueError(f"{figure_text(value)} is less than 0; give the amount, 0 or more")
    if value > LARGEST_AMOUNT:
        raise ValueError(
            f"{figure_text(value)} is more than {LARGEST_TEXT}, the largest amount the road map "
            "takes; check the figure for extra zeros, and write it in pounds (or in people or "
            "staff), not in pence")
    return value


def _rate(value: float) -> float:
    if not 0 <= value <= 1:
        raise ValueError(
            f"{figure_text(value)} is outside 0 to 1: write a rate as a share of 1, so 25% is "
            "0.25 (0 means none, 1 means all)")
    return value


def figure_text(value: float) -> str:
    """A number as written, without trailing zeros: 0.25, 1.2, -5000; a huge one by its
    size ('a number 301 digits long'), as its digits would mean nothing."""
    if abs(value) >= 1e15:
        return f"a number {len(f'{abs(value):.0f}')} digits long"
    return f"{value:.6f}".rstrip("0").rstrip(".")


LARGEST_TEXT = f"{LARGEST_AMOUNT:,.0f} (a million million)"


#: A financial year such as '2012-13'.  (The pattern is for the JSON Schema; the
#: validator, which runs first, says what is wrong in plain words.)
FinancialYear = Annotated[str, StringConstraints(pattern=FINANCIAL_YEAR),
                          BeforeValidator(_financial_year)]
#: An amount (of pounds, staff or people): 0 or more, at most LARGEST_AMOUNT.
Amount = Annotated[float, AfterValidator(not_negative),
                   Field(json_schema_extra={"minimum": 0, "maximum": LARGEST_AMOUNT})]
#: A rate from 0 to 1 (0.25 is 25%).
Rate = Annotated[float, AfterValidator(_rate),
                 Field(json_schema_extra={"minimum": 0, "maximum": 1})]


def money_text(value: float) -> str:
    """Pounds as a reader sees them: '£1,250,000', or '£1,250,000.50' with pence."""
    pence = round(value * 100)
    pounds, rest = divmod(abs(pence), 100)
    sign = "-" if pence < 0 else ""
    return f"{sign}£{pounds:,}" + (f".{rest:02d}" if rest else "")


def fte_text(value: float) -> str:
    """Staff as a reader sees them: '12.5 full-time equivalent staff'."""
    return f"{staff_number(value)} full-time equivalent staff"


def staff_number(value: float, places: int = 2) -> str:
    """Full-time equivalents without trailing zeros: '12.5', '605', '0.2'."""
    return f"{value:,.{places}f}".rstrip("0").rstrip(".")
