"""Why the logged firms moved: values or taste shocks.

A reviewing firm picks an option by a nested logit over utilities
``logit_scale`` x value (docs/ODD.md 7.3), so it may pick an option worth
less than staying when its taste shock for that option is large enough. How
often it does tells how much of a run's relocation the values (costs,
tariffs, PLI, risk) drive and how much the logit's noise drives: a policy
moves only the first part directly. From a run's choice log
(``output.choice_log_every``), :func:`choice_gains` gives each review's
chosen option and its value over staying, and :func:`choice_margins` sums
them up by where the firm went (docs/ANALYSIS.md).
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from . import reader

__all__ = ["choice_gains", "choice_margins", "DESTINATIONS"]

# Where a reviewing firm went: "stay", or the bloc of the chosen site.
DESTINATIONS = ("stay", "China", "ASEAN", "India")


def _log(data: pd.DataFrame | str | os.PathLike) -> pd.DataFrame:
    return data if isinstance(data, pd.DataFrame) else reader.choices(data)


def choice_gains(data: pd.DataFrame | str | os.PathLike) -> pd.DataFrame:
    """One row per logged review: situation, step, year, firm, the chosen
    option's kind (stay, move, add), its destination (``stay`` or its bloc),
    its ``gain`` (its value less the value of staying, in the log's units:
    USD million per unit of capacity over the horizon, 0 for staying), its
    expected ``pli``, and ``best_gain`` (the best option's value less
    staying's: > 0 where some option is worth more than staying).
    ``data``: a run's path or :func:`relocsim.choices`' frame.
    Raises ValueError when a situation has no stay row or not exactly one
    chosen row."""
    log = _log(data)
    stay = log[log["kind"] == "stay"].set_index("situation")["value"]
    if stay.index.has_duplicates:
        raise ValueError("a choice situation has more than one stay option")
    chosen = log[log["chosen"] == 1]
    if chosen["situation"].duplicated().any() or len(chosen) != log["situation"].nunique():
        raise ValueError("every choice situation must have exactly one chosen option")
    missing = ~chosen["situation"].isin(stay.index)
    if missing.any():
        raise ValueError(f"{int(missing.sum())} choice situations have no stay option")
    stay_value = stay.loc[chosen["situation"]].to_numpy()
    best_value = log.groupby("situation")["value"].max().loc[chosen["situation"]].to_numpy()
    out = chosen[["situation", "step", "year", "firm", "kind", "nest", "pli"]].copy()
    out["gain"] = chosen["value"].to_numpy() - stay_value
    out["best_gain"] = best_value - stay_value
    out = out.rename(columns={"nest": "destination"}).reset_index(drop=True)
    out["destination"] = out["destination"].astype(str)
    return out[["situation", "step", "year", "firm", "kind", "destination", "gain", "pli", "best_gain"]]


def choice_margins(data: pd.DataFrame | str | os.PathLike, since: float | None = None) -> pd.DataFrame:
    """The logged reviews summed up by destination (rows ``stay``, China,
    ASEAN, India, then ``all moves``): ``reviews`` (how many chose it),
    ``share_of_reviews``, ``value_led`` (the share of them whose choice is
    worth more than staying: gain > 0; for ``stay``, the share of reviews in
    which no option beats staying), ``median_gain`` and ``with_pli`` (share
    of them expecting a PLI). ``since``: only reviews in or after this
    decimal year."""
    log = _log(data)
    if since is not None:
        log = log[log["year"] >= since]
    gains = choice_gains(log)
    n = len(gains)

    def summary(g: pd.DataFrame, led: pd.Series) -> tuple:
        # Means of empty selections are NaN: a destination nobody chose.
        return len(g), led.mean(), g["gain"].median(), (g["pli"] > 0).mean()

    rows = {}
    for dest in DESTINATIONS:
        g = gains[gains["destination"] == dest]
        rows[dest] = summary(g, g["best_gain"] <= 0 if dest == "stay" else g["gain"] > 0)
    moves = gains[gains["destination"] != "stay"]
    rows["all moves"] = summary(moves, moves["gain"] > 0)
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["reviews", "value_led", "median_gain", "with_pli"])
    table.insert(1, "share_of_reviews", table["reviews"] / n if n else np.nan)
    table.index.name = "destination"
    table["reviews"] = table["reviews"].astype(np.int64)
    return table
