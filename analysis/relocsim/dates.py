"""One way to print time: a record's date.

The files keep time as a decimal year at the end of a step (2020.25 = 1 April
2020; record 0, the initial state, is the start year). Everything relocsim
prints (the terminal summary, report tables, figure titles) names a record by
its date, ISO 8601 ``YYYY-MM-DD``, the instant whose state it holds; exported
tables add that date and the calendar quarter that ended at it (``2035Q4``
for 2036-01-01), which Stata (``quarterly(quarter, "YQ")``) and R read
without decoding decimal years.
"""

from __future__ import annotations

import math
from typing import Iterable

import numpy as np

__all__ = ["date_label", "quarter_label", "date_columns"]

# Step lengths are whole months (steps_per_year divides 12 in practice); a
# decimal year is rounded to the nearest month so 2020.33 reads as May.
_MONTHS = 12


def _year_month(year: float) -> tuple[int, int]:
    months = int(round(float(year) * _MONTHS))
    return months // _MONTHS, months % _MONTHS + 1


def date_label(year: float) -> str:
    """2036.0 -> "2036-01-01", 2020.25 -> "2020-04-01"."""
    if not math.isfinite(float(year)):
        return ""
    y, m = _year_month(year)
    return f"{y:04d}-{m:02d}-01"


def quarter_label(year: float) -> str:
    """The calendar quarter that ends at the date: 2036.0 -> "2035Q4",
    2020.25 -> "2020Q1" (the initial state at 2020.0 -> "2019Q4")."""
    if not math.isfinite(float(year)):
        return ""
    y, m = _year_month(year)
    before = y * _MONTHS + (m - 1) - 1  # the last month before the date
    return f"{before // _MONTHS}Q{(before % _MONTHS) // 3 + 1}"


def date_columns(years: Iterable[float]) -> tuple[list[str], list[str]]:
    """(dates, quarters) for decimal years, computed once per distinct year."""
    values = np.asarray(list(years), dtype=float)
    unique, inverse = np.unique(values, return_inverse=True)
    dates = [date_label(y) for y in unique]
    quarters = [quarter_label(y) for y in unique]
    return [dates[i] for i in inverse], [quarters[i] for i in inverse]
