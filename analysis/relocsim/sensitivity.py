"""Global sensitivity analysis of a sweep archive (docs/SWEEP.md).

- Sobol' indices from a Saltelli design (rows A, B, AB_i, BA_i): first-order
  with the estimator of Saltelli et al. (2010, table 2, b), total with
  Jansen's (1999; Saltelli et al. 2010, table 2, f), closed second-order
  with Saltelli's (2002) BA_i x AB_j estimator less the two first-order
  indices (as in SALib). Confidence intervals are bootstrap percentile
  intervals over the base samples (Archer, Saltelli and Sobol' 1997).
- Morris (1991) elementary effects with mu, mu* (Campolongo, Cariboni and
  Saltelli 2007) and sigma, with bootstrap intervals for mu* over
  trajectories.
- The share of an outcome's variance that is replication noise, and the
  replications needed for a design point's mean to be precise enough.

The ``*_from_sweep`` functions pick an outcome, average each design row's
replicates of one arm (the reference arm unless told otherwise; failed runs
left out), and pass the design's rows to the array functions, which also
work on any function evaluated on such a design.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .results import Results, outcome_series, run_identifiers, with_results

__all__ = [
    "SobolResult",
    "sobol_indices",
    "sobol_from_sweep",
    "morris_indices",
    "morris_from_sweep",
    "ReplicationNoise",
    "replication_noise",
    "replication_noise_from_sweep",
    "design_means",
    "design_unit",
]


# -- Sobol ---------------------------------------------------------------------
@dataclass
class SobolResult:
    """Sobol' indices with bootstrap confidence intervals.

    ``first`` and ``total``: one row per parameter (index, low, high, se);
    ``second``: one row per pair (empty without BA_i rows). ``n`` base
    samples, ``conf`` the interval's level, ``variance`` of the output."""

    first: pd.DataFrame
    total: pd.DataFrame
    second: pd.DataFrame
    n: int
    conf: float
    variance: float
    estimators: str = (
        "S1: Saltelli et al. (2010) mean(fB (fAB_i - fA)) / V; "
        "ST: Jansen (1999) mean((fA - fAB_i)^2) / 2V; "
        "S2: Saltelli (2002) mean(fBA_i fAB_j - fA fB) / V - S1_i - S1_j; "
        "V = var(fA, fB); outputs centred on mean(fA, fB); bootstrap percentile intervals"
    )
    notes: list[str] = field(default_factory=list)

    def table(self) -> pd.DataFrame:
        """First-order and total indices side by side, one row per parameter."""
        return self.first.join(self.total, rsuffix="_T")


def _sobol_point(fa, fb, fab, fba):
    centre = 0.5 * (fa.mean() + fb.mean())
    fa, fb, fab = fa - centre, fb - centre, fab - centre
    var = np.var(np.concatenate([fa, fb]))
    s1 = np.mean(fb[:, None] * (fab - fa[:, None]), axis=0) / var
    st = 0.5 * np.mean((fa[:, None] - fab) ** 2, axis=0) / var
    if fba is None:
        return s1, st, None, var
    fba = fba - centre
    k = fab.shape[1]
    s2 = np.full((k, k), np.nan)
    ab_mean = fa * fb
    for i in range(k):
        for j in range(i + 1, k):
            closed = np.mean(fba[:, i] * fab[:, j] - ab_mean) / var
            s2[i, j] = closed - s1[i] - s1[j]
    return s1, st, s2, var


def sobol_indices(
    f_a: np.ndarray,
    f_b: np.ndarray,
    f_ab: np.ndarray,
    f_ba: np.ndarray | None = None,
    params: list[str] | None = None,
    n_boot: int = 500,
    conf: float = 0.95,
    seed: int = 0,
) -> SobolResult:
    """Sobol' indices from the outputs of a Saltelli design.

    ``f_a``, ``f_b``: (N,) outputs at the base samples A and B; ``f_ab``:
    (N, k), column i the output at AB_i (A with column i from B); ``f_ba``:
    (N, k) at BA_i (B with column i from A), needed for second-order indices.
    Intervals: ``n_boot`` bootstrap resamples of the N base samples,
    percentile interval at level ``conf``.
    """
    fa, fb = np.asarray(f_a, float), np.asarray(f_b, float)
    fab = np.asarray(f_ab, float)
    fba = None if f_ba is None else np.asarray(f_ba, float)
    n, k = fab.shape
    if fa.shape != (n,) or fb.shape != (n,) or (fba is not None and fba.shape != (n, k)):
        raise ValueError("f_a, f_b must be (N,), f_ab and f_ba (N, k)")
    names = params or [f"x{i}" for i in range(k)]
    s1, st, s2, var = _sobol_point(fa, fb, fab, fba)
    rng = np.random.default_rng(seed)
    boot_s1 = np.empty((n_boot, k))
    boot_st = np.empty((n_boot, k))
    boot_s2 = np.empty((n_boot, k, k)) if fba is not None else None
    for b in range(n_boot):
        idx = rng.integers(0, n, n)
        r1, rt, r2, _ = _sobol_point(fa[idx], fb[idx], fab[idx], None if fba is None else fba[idx])
        boot_s1[b], boot_st[b] = r1, rt
        if boot_s2 is not None:
            boot_s2[b] = r2
    lo, hi = 50 * (1 - conf), 50 * (1 + conf)

    def frame(point, boot, label):
        return pd.DataFrame(
            {
                label: point,
                f"{label}_low": np.percentile(boot, lo, axis=0),
                f"{label}_high": np.percentile(boot, hi, axis=0),
                f"{label}_se": boot.std(axis=0, ddof=1),
            },
            index=pd.Index(names, name="param"),
        )

    rows = []
    if s2 is not None:
        for i in range(k):
            for j in range(i + 1, k):
                b2 = boot_s2[:, i, j]
                rows.append(
                    (names[i], names[j], s2[i, j], np.percentile(b2, lo), np.percentile(b2, hi), b2.std(ddof=1))
                )
    second = pd.DataFrame(rows, columns=["param_i", "param_j", "S2", "S2_low", "S2_high", "S2_se"])
    return SobolResult(frame(s1, boot_s1, "S1"), frame(st, boot_st, "ST"), second, n, conf, float(var))


_ROLE = re.compile(r"^(A|B|AB|BA)(?:_(\d+))?$")


@with_results
def design_means(
    res: Any, outcome: str, sector: str | None = None, reduce: str = "sum", arm: str | None = None
) -> pd.DataFrame:
    """Mean of an outcome over each design row's replicates in one arm.

    Columns: design_row, mean, sd (across replicates), n (replicates that
    finished), design_role, design_group, and the unit value of every
    parameter (``unit_<param>``). Failed runs are left out."""
    ids = _arm_outcomes(res, outcome, sector, reduce, arm).dropna(subset=["y"])
    grouped = ids.groupby("design_row")["y"]
    out = pd.DataFrame({"mean": grouped.mean(), "sd": grouped.std(ddof=1), "n": grouped.size()})
    out = out.reindex(res.ds["design_row"].values.astype(np.int64))
    out.index.name = "design_row"
    out["n"] = out["n"].fillna(0).astype(int)
    for name in ("design_role", "design_group"):
        if name in res.ds:
            out[name] = res.ds[name].values
    unit = design_unit(res)
    for i, p in enumerate(res.ds["param"].values):
        out[f"unit_{p}"] = unit[:, i]
    return out.reset_index()


def design_unit(res: Results) -> np.ndarray:
    """The design in the unit cube, (design_row, param). Where the archive
    has no unit value (``design_unit`` missing, e.g. an unbounded or listed
    parameter), the natural values scaled to [0, 1] by their range stand in."""
    values = res.ds["design_value"].transpose("design_row", "param").values.astype(float)
    if "design_unit" in res.ds:
        unit = res.ds["design_unit"].transpose("design_row", "param").values.astype(float)
    else:
        unit = np.full_like(values, np.nan)
    for j in range(unit.shape[1]):
        if np.isnan(unit[:, j]).any():
            low, high = np.nanmin(values[:, j]), np.nanmax(values[:, j])
            unit[:, j] = (values[:, j] - low) / (high - low) if high > low else 0.0
    return unit


def _reference_arm(res: Results) -> str:
    ref = res.ds.attrs.get("reference_arm")
    arms = [str(a) for a in res.ds["arm"].values] if "arm" in res.ds.coords else ["base"]
    return str(ref) if ref is not None and str(ref) in arms else arms[0]


def _arm_outcomes(res: Results, outcome: str, sector: str | None, reduce: str, arm: str | None) -> pd.DataFrame:
    """Run identifiers and the outcome (column ``y``) of the finished runs of
    one arm, the reference arm unless told otherwise."""
    ids = run_identifiers(res)
    ids["y"] = outcome_series(res, outcome, sector, reduce).to_numpy()
    if "run_status" in res.ds:
        ids = ids[res.raw["run_status"].values == 0]
    return ids[ids["arm"].astype(str) == (arm or _reference_arm(res))]


@with_results
def sobol_from_sweep(
    source: Any,
    outcome: str,
    sector: str | None = None,
    reduce: str = "sum",
    arm: str | None = None,
    n_boot: int = 500,
    conf: float = 0.95,
    seed: int = 0,
) -> SobolResult:
    """Sobol' indices of an outcome from a Saltelli sweep (a path or Results).

    Rows are matched by ``design_group`` (the base sample) and
    ``design_role``; which parameter an AB_i/BA_i row changes is read from
    the design itself (the column in which it differs from the group's A or
    B row), so the role's index may count from 0 or 1. Base samples with a
    missing output (failed runs) are dropped, and a note says how many."""
    res = source
    means = design_means(res, outcome, sector, reduce, arm)
    params = [str(p) for p in res.ds["param"].values]
    k = len(params)
    unit = means[[f"unit_{p}" for p in params]].to_numpy()
    roles = means["design_role"].astype(str).to_numpy()
    groups = means["design_group"].to_numpy()
    y = means["mean"].to_numpy()
    by_group: dict[int, dict[str, int]] = {}
    for row, (role, group) in enumerate(zip(roles, groups)):
        if not _ROLE.match(role):
            raise ValueError(f"design row {row} has role {role!r}: not a Saltelli design (A, B, AB_i, BA_i)")
        by_group.setdefault(int(group), {})[role] = row
    base = sorted(g for g, rows in by_group.items() if "A" in rows)
    second = any(r.startswith("BA") for rows in by_group.values() for r in rows)
    fa, fb = np.full(len(base), np.nan), np.full(len(base), np.nan)
    fab = np.full((len(base), k), np.nan)
    fba = np.full((len(base), k), np.nan) if second else None
    for n, g in enumerate(base):
        rows = by_group[g]
        a, b = rows["A"], rows.get("B")
        if b is None:
            raise ValueError(f"base sample {g} has an A row and no B row")
        fa[n], fb[n] = y[a], y[b]
        for role, row in rows.items():
            if role in ("A", "B"):
                continue
            against = a if role.startswith("AB") else b
            changed = np.flatnonzero(~np.isclose(unit[row], unit[against], rtol=0, atol=1e-12))
            if len(changed) > 1:
                raise ValueError(f"design row {row} ({role}) differs from its {role[:1]} row in more than one column")
            column = int(changed[0]) if len(changed) == 1 else _role_index(role, k)
            (fab if role.startswith("AB") else fba)[n, column] = y[row]
    keep = ~(np.isnan(fa) | np.isnan(fb) | np.isnan(fab).any(axis=1))
    if fba is not None:
        keep &= ~np.isnan(fba).any(axis=1)
    notes = []
    if not keep.all():
        notes.append(f"{int((~keep).sum())} of {len(keep)} base samples dropped: an output was missing (failed run)")
    result = sobol_indices(
        fa[keep], fb[keep], fab[keep], None if fba is None else fba[keep], params, n_boot, conf, seed
    )
    result.notes.extend(notes)
    replicates = int(means["n"].max()) if len(means) else 0
    if replicates > 1:
        result.notes.append(f"each design row's output is the mean of its {replicates} replicates")
    return result


def _role_index(role: str, k: int) -> int:
    # Used only where the row equals its A or B row (the two values drawn
    # happened to coincide): the column cannot be read from the design.
    m = _ROLE.match(role)
    i = int(m.group(2))
    return i if i < k else i - 1


# -- Morris ----------------------------------------------------------------------
def morris_indices(
    unit: np.ndarray,
    y: np.ndarray,
    trajectory: np.ndarray,
    params: list[str] | None = None,
    lower: np.ndarray | None = None,
    upper: np.ndarray | None = None,
    n_boot: int = 500,
    conf: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Morris elementary effects from trajectories.

    ``unit``: (n, k) design points in [0, 1]^k, in order along each
    trajectory; ``y``: (n,) outputs; ``trajectory``: (n,) trajectory ids.
    Consecutive points of a trajectory must differ in exactly one column i;
    their elementary effect is dy / dx_i with dx in unit scale (the change
    the whole range of a parameter would cause, comparable across
    parameters). Returns one row per parameter: mu, mu_star, sigma (sd of the
    effects, ddof 1), r (effects), mu_star_low/high (bootstrap over
    trajectories) and, when the bounds are given, mu_star_natural (mu* per
    natural unit of the parameter).
    """
    unit = np.asarray(unit, float)
    y = np.asarray(y, float)
    trajectory = np.asarray(trajectory)
    k = unit.shape[1]
    names = params or [f"x{i}" for i in range(k)]
    effects: list[list[float]] = [[] for _ in range(k)]
    per_trajectory: list[list[tuple[int, float]]] = []
    for t in pd.unique(trajectory):
        rows = np.flatnonzero(trajectory == t)
        found = []
        for p, q in zip(rows[:-1], rows[1:]):
            d = unit[q] - unit[p]
            changed = np.flatnonzero(np.abs(d) > 1e-12)
            if len(changed) != 1:
                raise ValueError(f"trajectory {t}: points {p} and {q} differ in {len(changed)} parameters, not 1")
            i = int(changed[0])
            ee = (y[q] - y[p]) / d[i]
            if np.isfinite(ee):
                effects[i].append(ee)
                found.append((i, ee))
        per_trajectory.append(found)
    rng = np.random.default_rng(seed)
    boot = np.full((n_boot, k), np.nan)
    for b in range(n_boot):
        pick = rng.integers(0, len(per_trajectory), len(per_trajectory))
        sums, counts = np.zeros(k), np.zeros(k)
        for t in pick:
            for i, ee in per_trajectory[t]:
                sums[i] += abs(ee)
                counts[i] += 1
        with np.errstate(invalid="ignore", divide="ignore"):
            boot[b] = sums / counts
    lo, hi = 50 * (1 - conf), 50 * (1 + conf)
    out = pd.DataFrame(
        {
            "mu": [np.mean(e) if e else np.nan for e in effects],
            "mu_star": [np.mean(np.abs(e)) if e else np.nan for e in effects],
            "sigma": [np.std(e, ddof=1) if len(e) > 1 else np.nan for e in effects],
            "r": [len(e) for e in effects],
            "mu_star_low": np.nanpercentile(boot, lo, axis=0),
            "mu_star_high": np.nanpercentile(boot, hi, axis=0),
        },
        index=pd.Index(names, name="param"),
    )
    if lower is not None and upper is not None:
        out["mu_star_natural"] = out["mu_star"] / (np.asarray(upper, float) - np.asarray(lower, float))
    return out


_POINT = re.compile(r"^trajectory_(\d+)_point_(\d+)$")


@with_results
def morris_from_sweep(
    source: Any,
    outcome: str,
    sector: str | None = None,
    reduce: str = "sum",
    arm: str | None = None,
    n_boot: int = 500,
    conf: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Morris indices of an outcome from a Morris sweep (roles
    ``trajectory_t_point_p``); replicates averaged. A trajectory with a
    failed run loses the effects that need it."""
    res = source
    means = design_means(res, outcome, sector, reduce, arm)
    parsed = means["design_role"].astype(str).str.extract(_POINT)
    if parsed.isna().any().any():
        raise ValueError("not a Morris design: roles must read trajectory_T_point_P")
    means["t"], means["p"] = parsed[0].astype(int), parsed[1].astype(int)
    means = means.sort_values(["t", "p"])
    params = [str(p) for p in res.ds["param"].values]
    return morris_indices(
        means[[f"unit_{p}" for p in params]].to_numpy(),
        means["mean"].to_numpy(),
        means["t"].to_numpy(),
        params,
        res.ds["param_lower"].values,
        res.ds["param_upper"].values,
        n_boot,
        conf,
        seed,
    )


# -- replication noise -------------------------------------------------------------
@dataclass
class ReplicationNoise:
    """How much of an outcome's variance is replication noise.

    ``noise_share``: pooled within-point variance over total variance;
    ``within_var``: variance across replicates at a fixed design point
    (pooled); ``between_var``: variance of the true point means (one-way
    ANOVA estimate, var(point means) - within / replications, floored at 0);
    ``replications``: the median replicates per point; ``se_ratio``: the
    standard error of a point's mean over the between-point sd;
    ``needed``: replications for se_ratio <= ``target``; ``advice``: the
    same in words."""

    outcome: str
    noise_share: float
    within_var: float
    between_var: float
    total_var: float
    replications: int
    points: int
    se_ratio: float
    target: float
    needed: int | None
    advice: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def replication_noise(y: np.ndarray, point: np.ndarray, target: float = 0.1, outcome: str = "y") -> ReplicationNoise:
    """Replication noise of outputs ``y`` grouped by design ``point`` (runs
    with the same point differ only in their seed)."""
    frame = pd.DataFrame({"y": np.asarray(y, float), "point": np.asarray(point)}).dropna()
    groups = frame.groupby("point")["y"]
    n = groups.size()
    total = float(frame["y"].var(ddof=1)) if len(frame) > 1 else float("nan")
    replicated = n[n > 1]
    if replicated.empty:
        return ReplicationNoise(
            outcome, math.nan, math.nan, math.nan, total, int(n.median()) if len(n) else 0, len(n), math.nan, target,
            None, "Each design point ran once: replication noise cannot be told from the design's effect. "
            "Run at least 2 replications (e.g. --replications 5) to measure it.",
        )
    if total == 0 or (len(frame) and frame["y"].nunique() == 1):
        # Every run gave the same value: there is neither noise nor an effect
        # to measure, and no range or replication count would change that.
        value = float(frame["y"].iloc[0])
        return ReplicationNoise(
            outcome, math.nan, 0.0, 0.0, 0.0, int(np.median(n)), len(n), math.nan, target, None,
            f"{outcome} is {value:.4g} in every finished run: it is constant across runs, so there is no "
            "replication noise or parameter effect to measure.",
        )
    var = groups.var(ddof=1)[replicated.index]
    within = float(((replicated - 1) * var).sum() / (replicated - 1).sum())
    means = groups.mean()
    reps = int(np.median(n))
    between = max(float(means.var(ddof=1)) - within / reps, 0.0) if len(means) > 1 else math.nan
    share = min(within / total, 1.0) if total > 0 else math.nan
    se = math.sqrt(within / reps)
    if len(means) < 2:
        ratio, needed = math.nan, None
        advice = (
            f"One design point: the standard error of its mean over {reps} replications is {se:.4g} "
            f"(replicate sd {math.sqrt(within):.4g}); quadruple the replications to halve it."
        )
    elif between <= 0:
        ratio, needed = math.inf, None
        advice = (
            f"The design points do not differ beyond replication noise in {outcome} (noise is {share:.0%} of "
            "its variance): "
            "more replications will not reveal an effect the design does not have; widen the parameter ranges."
        )
    else:
        ratio = se / math.sqrt(between)
        needed = max(1, math.ceil(within / (target**2 * between)))
        verdict = "enough" if reps >= needed else f"too few: use at least {needed}"
        advice = (
            f"Replication noise is {share:.1%} of the variance of {outcome}. With {reps} replications the "
            f"standard error of a design point's mean is {ratio:.2f} of the between-point standard deviation; "
            f"to bring it below {target:g} takes {needed} replications ({verdict})."
        )
    return ReplicationNoise(outcome, share, within, between, total, reps, len(n), ratio, target, needed, advice)


@with_results
def replication_noise_from_sweep(
    source: Any,
    outcome: str,
    sector: str | None = None,
    reduce: str = "sum",
    arm: str | None = None,
    target: float = 0.1,
) -> ReplicationNoise:
    """Replication noise of an outcome over a sweep's design points (one arm,
    finished runs)."""
    res = source
    ids = _arm_outcomes(res, outcome, sector, reduce, arm)
    label = outcome if sector is None else f"{outcome} ({sector})"
    return replication_noise(ids["y"].to_numpy(), ids["design_row"].to_numpy(), target, label)
