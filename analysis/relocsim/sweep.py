"""Statistics over a sweep's runs, the numbers behind its figures: quantile
bands over replicates (fan charts), means over two parameters (heatmaps),
the effect of each parameter from its lower to its upper bound (tornado
charts), and paired differences against the reference arm with confidence
intervals.

Every function takes a path or a :class:`relocsim.Results` of a sweep
archive (docs/SWEEP.md) and uses only runs that finished (run_status 0).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .results import Results, outcome_series, run_identifiers, with_results
from .sensitivity import _reference_arm, design_unit

__all__ = [
    "finished_runs",
    "fan_quantiles",
    "two_way_means",
    "tornado_effects",
    "paired_differences",
    "paired_difference_series",
    "defined_outcomes",
]


@with_results
def defined_outcomes(res: Results) -> pd.DataFrame:
    """The outcomes defined in SWEEP.toml ([[outcome]]), one column each in
    the file's order, indexed by run; ``attrs["definitions"]`` holds each
    one's [[outcome]] table as TOML and ``attrs["units"]`` its units. Empty
    (no columns) for a sweep that defines none."""
    ds = res.ds
    names = [str(n) for n in ds["defined_outcome"].values] if "defined_outcome" in ds.variables else []
    index = pd.Index(ds["run"].values.astype(np.int64), name="run")
    frame = pd.DataFrame({name: ds[name].values.astype(float) for name in names}, index=index)
    frame.attrs["definitions"] = {name: str(ds[name].attrs.get("definition", "")) for name in names}
    frame.attrs["units"] = {name: str(ds[name].attrs.get("units", "")) for name in names}
    return frame


@with_results
def finished_runs(source: Any, arm: str | None = None, design_row: int | None = None) -> pd.DataFrame:
    """run, design_row, arm, replicate of the finished runs, optionally of
    one arm and one design row."""
    res = source
    ids = run_identifiers(res)
    if "run_status" in res.ds:
        ids = ids[res.raw["run_status"].values == 0]
    if arm is not None:
        ids = ids[ids["arm"].astype(str) == arm]
    if design_row is not None:
        ids = ids[ids["design_row"] == design_row]
    return ids.reset_index(drop=True)


def _series(res: Results, variable: str, select: dict[str, Any] | None) -> Any:
    var = res.ds[variable]
    if select:
        var = var.sel(**select)
    extra = [d for d in var.dims if d not in ("run", "step")]
    if extra:
        raise ValueError(f"{variable} still has dimensions {extra}: add them to select")
    return var.transpose("run", "step")


@with_results
def fan_quantiles(
    source: Any,
    variable: str = "capacity_share",
    select: dict[str, Any] | None = None,
    arm: str | None = None,
    design_row: int | None = None,
    quantiles: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95),
) -> pd.DataFrame:
    """Quantiles over runs of a time series ``variable(run, step, ...)``,
    one row per step (index ``year``), one column per quantile.

    ``select`` fixes the other dimensions (e.g. ``{"bloc": "India",
    "sector": "electronics"}``). Runs: the finished runs of ``arm`` (default
    the reference arm) at ``design_row``; with ``design_row=None``, all its
    design rows (the fan then spreads over parameters as well as seeds).
    ``attrs["runs"]`` says how many runs the bands summarise.
    """
    res = source
    arm = arm or _reference_arm(res)
    runs = finished_runs(res, arm, design_row)["run"].to_numpy()
    if len(runs) == 0:
        raise ValueError(f"no finished runs in arm {arm!r}" + ("" if design_row is None else f", design row {design_row}"))
    values = _series(res, variable, select).sel(run=runs).values
    q = np.nanquantile(values, quantiles, axis=0).T
    frame = pd.DataFrame(q, columns=list(quantiles), index=pd.Index(res.ds["year"].values, name="year"))
    frame.attrs["runs"] = len(runs)
    frame.attrs["variable"] = variable
    return frame


def _unit_frame(res: Results) -> pd.DataFrame:
    unit = design_unit(res)
    values = res.ds["design_value"].transpose("design_row", "param").values
    params = [str(p) for p in res.ds["param"].values]
    frame = pd.DataFrame(values, columns=params)
    for i, p in enumerate(params):
        frame[f"unit_{p}"] = unit[:, i]
    frame["design_row"] = res.ds["design_row"].values.astype(np.int64)
    return frame


def _outcome_runs(res: Results, outcome: str, sector: str | None, reduce: str, arm: str | None) -> pd.DataFrame:
    arm = arm or _reference_arm(res)
    runs = finished_runs(res, arm)
    y = outcome_series(res, outcome, sector, reduce)
    runs["y"] = y.reindex(runs["run"]).to_numpy()
    return runs.merge(_unit_frame(res), on="design_row", how="left").dropna(subset=["y"])


def _levels(values: pd.Series, bins: int) -> tuple[pd.Series, np.ndarray]:
    unique = np.unique(values)
    if len(unique) <= max(bins, 12):
        return values, unique
    edges = np.quantile(values, np.linspace(0, 1, bins + 1))
    codes = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, bins - 1)
    centres = np.array([values[codes == b].mean() for b in range(bins)])
    return pd.Series(centres[codes], index=values.index), centres


@with_results
def two_way_means(
    source: Any,
    outcome: str,
    x: str,
    y: str,
    sector: str | None = None,
    reduce: str = "sum",
    arm: str | None = None,
    bins: int = 6,
) -> pd.DataFrame:
    """Mean of an outcome over the values of two swept parameters: a frame
    with the values of ``y`` as index and of ``x`` as columns, averaging over
    replicates and over every other parameter. A grid's levels are used as
    they are; a parameter with more than ``max(bins, 12)`` distinct values
    (LHS, Sobol designs) is cut into ``bins`` quantile bins, labelled by the
    mean value in each."""
    res = source
    runs = _outcome_runs(res, outcome, sector, reduce, arm)
    bx, _ = _levels(runs[x], bins)
    by, _ = _levels(runs[y], bins)
    table = runs.assign(_x=bx.to_numpy(), _y=by.to_numpy()).pivot_table(index="_y", columns="_x", values="y", aggfunc="mean")
    table.index.name, table.columns.name = y, x
    return table.sort_index().sort_index(axis=1)


@with_results
def design_point_means(
    source: Any, outcome: str, x: str, y: str, sector: str | None = None, reduce: str = "sum", arm: str | None = None
) -> pd.DataFrame:
    """Mean outcome at each design point (over its replicates): columns
    ``x``, ``y``, ``mean`` and ``runs``, one row per design row. For designs
    too small or too scattered for :func:`two_way_means`' grid."""
    res = source
    runs = _outcome_runs(res, outcome, sector, reduce, arm)
    grouped = runs.groupby("design_row")
    out = grouped[[x, y]].first().assign(mean=grouped["y"].mean(), runs=grouped["y"].size())
    return out.reset_index()


@with_results
def tornado_effects(
    source: Any,
    outcome: str,
    sector: str | None = None,
    reduce: str = "sum",
    arm: str | None = None,
    method: str = "regression",
    conf: float = 0.95,
) -> pd.DataFrame:
    """The outcome with each parameter at its lower and at its upper bound,
    one row per parameter, sorted by the size of the swing.

    ``method="regression"``: OLS of the outcome on the design's unit values
    (statsmodels, HC1 standard errors); ``low``/``high`` are the fitted
    outcome at the bound with the other parameters at their mean, ``effect``
    = high - low (the coefficient) with its confidence interval.
    ``method="grid"``: the mean outcome over the runs at the parameter's
    lowest and highest level (averaging over the others), as for a full
    factorial grid. ``base`` is the mean outcome."""
    import statsmodels.api as sm

    res = source
    runs = _outcome_runs(res, outcome, sector, reduce, arm)
    params = [str(p) for p in res.ds["param"].values]
    base = float(runs["y"].mean())
    rows = []
    if method == "regression":
        unit = runs[[f"unit_{p}" for p in params]]
        varying = [p for p in params if unit[f"unit_{p}"].std() > 0]
        exog = sm.add_constant(runs[[f"unit_{p}" for p in varying]].to_numpy(), has_constant="add")
        fit = sm.OLS(runs["y"].to_numpy(), exog).fit(cov_type="HC1")
        ci = fit.conf_int(1 - conf)
        for j, p in enumerate(varying, start=1):
            beta, mean_u = float(fit.params[j]), float(unit[f"unit_{p}"].mean())
            rows.append((p, base + beta * (0 - mean_u), base + beta * (1 - mean_u), beta, ci[j, 0], ci[j, 1]))
    elif method == "grid":
        for p in params:
            u = runs[f"unit_{p}"]
            if u.nunique() < 2:
                continue
            low = float(runs.loc[u == u.min(), "y"].mean())
            high = float(runs.loc[u == u.max(), "y"].mean())
            rows.append((p, low, high, high - low, np.nan, np.nan))
    else:
        raise ValueError(f"method must be 'regression' or 'grid', not {method!r}")
    frame = pd.DataFrame(rows, columns=["param", "low", "high", "effect", "effect_low", "effect_high"])
    frame["base"] = base
    values = _unit_frame(res)
    frame["lower"] = [_bound(res, "param_lower", p, values[p].min()) for p in frame["param"]]
    frame["upper"] = [_bound(res, "param_upper", p, values[p].max()) for p in frame["param"]]
    order = frame["effect"].abs().sort_values(ascending=False).index
    return frame.loc[order].reset_index(drop=True)


def _bound(res: Results, name: str, param: str, fallback: float) -> float:
    """A parameter's bound, or the design's extreme value where it has none."""
    value = float(res.ds[name].sel(param=param)) if name in res.ds else np.nan
    return value if np.isfinite(value) else float(fallback)


def _pairs(res: Results) -> pd.DataFrame:
    """Each finished run of a non-reference arm with its reference run (same
    design row and replicate, both finished): columns run, ref_run, arm,
    design_row, replicate."""
    runs = finished_runs(res)
    reference = _reference_arm(res)
    ref = runs[runs["arm"].astype(str) == reference][["design_row", "replicate", "run"]]
    other = runs[runs["arm"].astype(str) != reference]
    pairs = other.merge(ref.rename(columns={"run": "ref_run"}), on=["design_row", "replicate"])
    pairs["arm"] = pairs["arm"].astype(str)
    return pairs


def _t_interval(d: np.ndarray, conf: float) -> tuple[float, float, float, float]:
    d = d[np.isfinite(d)]
    n = len(d)
    mean = float(d.mean()) if n else np.nan
    sd = float(d.std(ddof=1)) if n > 1 else np.nan
    half = float(stats.t.ppf(0.5 + conf / 2, n - 1) * sd / np.sqrt(n)) if n > 1 else np.nan
    return mean, sd, mean - half, mean + half


@with_results
def paired_differences(
    source: Any, outcome: str, sector: str | None = None, reduce: str = "sum", conf: float = 0.95
) -> pd.DataFrame:
    """Each arm's mean difference from the reference arm in an outcome, over
    the pairs of runs with the same design row and replicate (common random
    numbers), with a t confidence interval. Uses ``diff_<outcome>`` when the
    archive has it, else computes the differences. One row per arm: n, mean,
    sd, ci_low, ci_high."""
    res = source
    pairs = _pairs(res)
    diff_name = f"diff_{outcome}"
    if diff_name in res.ds:
        d = outcome_series(res, diff_name, sector, reduce)
        pairs["d"] = d.reindex(pairs["run"]).to_numpy()
    else:
        y = outcome_series(res, outcome, sector, reduce)
        pairs["d"] = y.reindex(pairs["run"]).to_numpy() - y.reindex(pairs["ref_run"]).to_numpy()
    rows = []
    for arm, group in pairs.groupby("arm", sort=False):
        d = group["d"].to_numpy(float)
        mean, sd, low, high = _t_interval(d, conf)
        rows.append((arm, int(np.isfinite(d).sum()), mean, sd, low, high))
    frame = pd.DataFrame(rows, columns=["arm", "n", "mean", "sd", "ci_low", "ci_high"])
    frame.attrs.update(outcome=outcome, sector=sector, conf=conf, reference=_reference_arm(res))
    return frame


@with_results
def paired_difference_series(
    source: Any,
    variable: str = "capacity_share",
    select: dict[str, Any] | None = None,
    conf: float = 0.95,
) -> dict[str, pd.DataFrame]:
    """Per non-reference arm, the mean paired difference from the reference
    arm of a time series over the years, with a pointwise t interval:
    {arm: frame indexed by year with mean, ci_low, ci_high, n}."""
    res = source
    pairs = _pairs(res)
    values = _series(res, variable, select)
    out = {}
    for arm, group in pairs.groupby("arm", sort=False):
        d = values.sel(run=group["run"].to_numpy()).values - values.sel(run=group["ref_run"].to_numpy()).values
        rows = [_t_interval(d[:, s], conf) for s in range(d.shape[1])]
        frame = pd.DataFrame(rows, columns=["mean", "sd", "ci_low", "ci_high"], index=pd.Index(res.ds["year"].values, name="year"))
        frame["n"] = len(group)
        out[arm] = frame
    return out
