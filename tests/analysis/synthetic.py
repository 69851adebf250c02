"""Synthetic sweep archives in the layout of docs/SWEEP.md (the archive
contract), and the Saltelli, Morris and grid designs that fill them.

The sweep command may not exist yet when these tests run, so the tests build
archives here, with exactly the contract's names, dimensions and attributes,
from a response function with known properties (Ishigami, a linear function,
...). The designs are this file's own small generators, not the sweep
command's, so a mismatch in the row layout shows up as a failing test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import xarray as xr
from scipy.stats import qmc

SECTORS = ("electronics", "pharma")
BLOCS = ("China", "ASEAN", "India")
SITES = ("shanghai", "hanoi", "chennai", "dholera")
SITE_BLOC = (0, 1, 2, 2)
MARKETS = ("us", "eu")
OUTCOMES_BY_SECTOR = {
    "india_capacity_share_end": ("India's share of the sector's capacity at the end", "1"),
    "asean_capacity_share_end": ("ASEAN's share of the sector's capacity at the end", "1"),
    "china_capacity_share_end": ("China's share of the sector's capacity at the end", "1"),
    "india_capacity_net_change": ("Indian capacity at the end minus at the start", "unit"),
    "asean_capacity_net_change": ("ASEAN capacity at the end minus at the start", "unit"),
    "india_capacity_gross_inflow": ("capacity arrived in India from other blocs", "unit"),
    "asean_capacity_gross_inflow": ("capacity arrived in ASEAN from other blocs", "unit"),
    "india_jobs_added": ("Indian employment at the end minus at the start", "1"),
    "pli_paid_total": ("PLI paid over the run", "USD million"),
    "pli_cost_per_job": ("PLI paid per incremental Indian job", "USD million"),
}
OUTCOMES_BY_RUN = {
    "firms_relocated_india": ("firms that moved or added a plant in India", "1"),
    "firms_relocated_asean": ("firms that moved or added a plant in ASEAN", "1"),
}


# -- designs (rows in [0, 1]^k, role and group of each row) ------------------
def saltelli_design(k: int, n: int, second_order: bool = True, seed: int = 1):
    """Saltelli (2010) radial design from a scrambled Sobol sequence in 2k
    dimensions: per base sample j the rows A, AB_0..AB_{k-1}, [BA_0..BA_{k-1}], B
    (AB_i: A with column i from B; BA_i: B with column i from A)."""
    base = qmc.Sobol(d=2 * k, scramble=True, seed=seed).random(n)
    a, b = base[:, :k], base[:, k:]
    rows, roles, groups = [], [], []
    for j in range(n):
        rows.append(a[j]); roles.append("A"); groups.append(j)
        for i in range(k):
            ab = a[j].copy(); ab[i] = b[j, i]
            rows.append(ab); roles.append(f"AB_{i}"); groups.append(j)
        if second_order:
            for i in range(k):
                ba = b[j].copy(); ba[i] = a[j, i]
                rows.append(ba); roles.append(f"BA_{i}"); groups.append(j)
        rows.append(b[j]); roles.append("B"); groups.append(j)
    return np.array(rows), roles, np.array(groups)


def morris_design(k: int, trajectories: int, levels: int = 4, seed: int = 1):
    """Morris (1991) trajectories on a grid of `levels` levels: each starts at a
    random grid point and changes one factor at a time by delta =
    levels / (2 (levels - 1)), in random order."""
    rng = np.random.default_rng(seed)
    delta = levels / (2.0 * (levels - 1))
    grid = np.arange(levels) / (levels - 1)
    rows, roles, groups = [], [], []
    for t in range(trajectories):
        x = rng.choice(grid, size=k)  # steps go up, or down where up leaves [0, 1]
        order = rng.permutation(k)
        points = [x.copy()]
        for i in order:
            x[i] = x[i] - delta if x[i] + delta > 1 + 1e-12 else x[i] + delta
            points.append(x.copy())
        for p, point in enumerate(points):
            rows.append(point); roles.append(f"trajectory_{t}_point_{p}"); groups.append(t)
    return np.array(rows), roles, np.array(groups)


def grid_design(levels: Sequence[int]):
    axes = [np.linspace(0.0, 1.0, n) for n in levels]
    mesh = np.meshgrid(*axes, indexing="ij")
    rows = np.stack([m.ravel() for m in mesh], axis=1)
    return rows, ["grid"] * len(rows), np.arange(len(rows))


# -- the archive ---------------------------------------------------------------
def sweep_dataset(
    params: dict[str, tuple[float, float]],
    unit: np.ndarray,
    roles: Sequence[str],
    groups: np.ndarray,
    response: Callable[[np.ndarray, int, int], np.ndarray],
    *,
    method: str = "grid",
    arms: Sequence[str] = ("base",),
    replications: int = 1,
    steps: int = 8,
    failed: Sequence[int] = (),
    attrs: dict | None = None,
) -> xr.Dataset:
    """A sweep archive. ``response(values, arm, replicate)`` gives, for the
    natural parameter values of every design row (rows x params), the
    headline response y (one per row). Outcome ``india_capacity_share_end``
    of sector j is y * (1 + j) + j (an affine map: Sobol and Morris indices of
    y are those of every sector), ``firms_relocated_india`` is y itself, and
    the capacity share time series ramps linearly from 0.1 to y at the end.
    Runs are ordered arm-major, then design row, then replicate; runs listed
    in ``failed`` get status 1, an error message and NaN outcomes."""
    names = list(params)
    lower = np.array([params[p][0] for p in names])
    upper = np.array([params[p][1] for p in names])
    values = lower + unit * (upper - lower)
    n_rows, k = unit.shape
    run_arm, run_row, run_rep, ys = [], [], [], []
    for a in range(len(arms)):
        for r in range(replications):
            y = np.asarray(response(values, a, r), dtype=float)
            for row in range(n_rows):
                run_arm.append(a); run_row.append(row); run_rep.append(r); ys.append(y[row])
    order = np.lexsort((run_rep, run_row, run_arm))
    run_arm = np.array(run_arm)[order]; run_row = np.array(run_row)[order]
    run_rep = np.array(run_rep)[order]; y = np.array(ys)[order]
    n_runs = len(y)
    status = np.zeros(n_runs, np.int8)
    status[list(failed)] = 1
    y = np.where(status == 0, y, np.nan)
    nsec = len(SECTORS)
    by_sector = y[:, None] * (1 + np.arange(nsec))[None, :] + np.arange(nsec)[None, :]
    year = 2020.0 + np.arange(steps + 1) / 4.0
    ramp = np.linspace(0.0, 1.0, steps + 1)
    india = 0.1 + (y[:, None] - 0.1) * ramp[None, :]  # (run, step)
    share = np.empty((n_runs, steps + 1, 3, nsec))
    for j in range(nsec):
        share[:, :, 2, j] = india
        share[:, :, 1, j] = 0.2
        share[:, :, 0, j] = 0.8 - india
    coords = {
        "run": ("run", np.arange(n_runs, dtype=np.int32), {"long_name": "run of the sweep", "units": "1"}),
        "design_row": ("design_row", np.arange(n_rows, dtype=np.int32), {"long_name": "row of the design", "units": "1"}),
        "param": ("param", np.array(names, dtype=object), {"long_name": "configuration key swept", "units": "1"}),
        "arm": ("arm", np.array(list(arms), dtype=object), {"long_name": "arm", "units": "1"}),
        "replicate": ("replicate", np.arange(replications, dtype=np.int32), {"long_name": "replicate", "units": "1"}),
        "step": ("step", np.arange(steps + 1, dtype=np.int32), {"long_name": "step", "units": "1"}),
        "site": ("site", np.array(SITES, dtype=object), {"long_name": "site id", "units": "1"}),
        "sector": ("sector", np.array(SECTORS, dtype=object), {"long_name": "sector id", "units": "1"}),
        "bloc": ("bloc", np.array(BLOCS, dtype=object), {"long_name": "bloc", "units": "1"}),
        "market": ("market", np.array(MARKETS, dtype=object), {"long_name": "market id", "units": "1"}),
        "year": ("step", year, {"long_name": "decimal year at the end of the step", "units": "year"}),
    }
    flag = lambda labels, coordinate=None: {  # noqa: E731
        "flag_values": np.arange(len(labels), dtype=np.int8),
        "flag_meanings": " ".join(labels),
        **({"label_coordinate": coordinate} if coordinate else {}),
    }
    data = {
        "design_unit": (("design_row", "param"), unit, {"long_name": "design point in the unit cube", "units": "1"}),
        "design_value": (("design_row", "param"), values, {"long_name": "value of the parameter", "units": "1"}),
        "param_lower": ("param", lower, {"long_name": "lower bound", "units": "1"}),
        "param_upper": ("param", upper, {"long_name": "upper bound", "units": "1"}),
        "design_role": ("design_row", np.array(list(roles), dtype=object), {"long_name": "role of the row", "units": "1"}),
        "design_group": ("design_row", np.asarray(groups, dtype=np.int32), {"long_name": "group of the row", "units": "1"}),
        "run_design_row": ("run", run_row.astype(np.int32), {"long_name": "design row of the run", "units": "1"}),
        "run_replicate": ("run", run_rep.astype(np.int32), {"long_name": "replicate of the run", "units": "1"}),
        "run_arm": ("run", run_arm.astype(np.int8), {"long_name": "arm of the run", "units": "1", **flag(list(arms), "arm")}),
        "run_seed": ("run", (1000 + 7 * run_rep).astype(np.uint64), {"long_name": "seed of the run", "units": "1"}),
        "run_status": ("run", status, {
            "long_name": "status of the run", "units": "1",
            "flag_values": np.array([0, 1, -1], np.int8), "flag_meanings": "done failed not_run"}),
        "run_error": ("run", np.array(["" if s == 0 else "engine error: synthetic" for s in status], dtype=object),
                      {"long_name": "error message", "units": "1"}),
        "arm_config": ("arm", np.array([f'[arm]\nname = "{a}"\n' for a in arms], dtype=object),
                       {"long_name": "resolved configuration of the arm", "units": "1"}),
        "capacity_share": (("run", "step", "bloc", "sector"), share, {"long_name": "the bloc's share of the sector's capacity", "units": "1"}),
        "pli_paid_cumulative": (("run", "step", "sector"), np.repeat(share[:, :, 2, :] * 100.0, 1, axis=0),
                                {"long_name": "PLI paid since the start", "units": "USD million"}),
        "india_incremental_jobs": (("run", "step", "sector"), share[:, :, 2, :] * 1000.0,
                                   {"long_name": "Indian employment minus that at the PLI base date", "units": "1"}),
    }
    for name, (long_name, units) in OUTCOMES_BY_SECTOR.items():
        data[name] = (("run", "sector"), by_sector.copy(), {"long_name": long_name, "units": units})
    for name, (long_name, units) in OUTCOMES_BY_RUN.items():
        data[name] = ("run", y.copy(), {"long_name": long_name, "units": units})
    if len(arms) > 1:  # paired differences against the reference arm (arm 0)
        key = {(r, w): i for i, (a, r, w) in enumerate(zip(run_arm, run_row, run_rep)) if a == 0}
        ref = np.array([key[(r, w)] for r, w in zip(run_row, run_rep)])
        for name in list(OUTCOMES_BY_SECTOR) + list(OUTCOMES_BY_RUN):
            dims, values_, attrs_ = data[name]
            diff = values_ - values_[ref]
            diff[run_arm == 0] = np.nan
            data[f"diff_{name}"] = (dims, diff, {"long_name": f"difference from the reference arm: {attrs_['long_name']}", "units": attrs_["units"]})
    ds = xr.Dataset(data, coords=coords)
    ds.attrs.update({
        "title": "relocsim sweep (synthetic, tests/analysis)",
        "Conventions": "CF-1.8",
        "relocsim_sweep": np.int32(1),
        "relocsim_complete": np.int32(1),
        "sweep_id": "0123456789abcdef",
        "design_method": method,
        "design_n": np.int32(n_rows),
        "master_seed": np.uint64(12345678901234567890),
        "saltelli_second_order": np.int32(1 if any(r.startswith("BA_") for r in roles) else 0),
        "morris_levels": np.int32(4),
        "morris_trajectories": np.int32(len(set(groups)) if method == "morris" else 0),
        "reference_arm": arms[0],
        "replications": np.int32(replications),
        "program_version": "0.1.0",
        "git_commit": "synthetic",
        "seed": np.uint64(12345678901234567890),
        "threads": np.int32(1),
        "start_time": "2026-01-01T00:00:00Z",
        "end_time": "2026-01-01T00:01:00Z",
        "config_path": "sweep.toml",
    })
    if attrs:
        ds.attrs.update(attrs)
    return ds


def write(ds: xr.Dataset, path) -> str:
    ds.to_netcdf(path, engine="h5netcdf")
    return str(path)


# -- functions with known sensitivity indices --------------------------------
def ishigami(x: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    """Ishigami and Homma (1990) on [-pi, pi]^3."""
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


# Analytic indices for a = 7, b = 0.1 (Sobol' and Levitan 1999; Saltelli et
# al. 2008), rounded to 4 decimals: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,
# V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8, V13 = b^2 pi^8 (1/18 - 1/50).
ISHIGAMI_S1 = {0: 0.3139, 1: 0.4424, 2: 0.0}
ISHIGAMI_ST = {0: 0.5576, 1: 0.4424, 2: 0.2437}
ISHIGAMI_S2 = {(0, 1): 0.0, (0, 2): 0.2437, (1, 2): 0.0}


# -- choice logs -----------------------------------------------------------------
def choice_log(situations: int, logit_scale: float, seed: int = 3, sites: int = 6, pli: bool = True):
    """A choice log in the layout ``relocsim.choices`` returns, drawn from a
    conditional logit with utility logit_scale x value: each situation has
    "stay" and a move and an add at each of ``sites`` sites; value parts are
    random with spreads like a run's (operating ~ 1, setup ~ 0.1, ...)."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    options = 1 + 2 * sites
    n = situations * options
    kind = np.tile(np.r_[-1, np.zeros(sites, int), np.ones(sites, int)], situations)
    site = np.tile(np.r_[-1, np.arange(sites), np.arange(sites)], situations)
    operating = rng.normal(1.0, 0.3, n)
    setup = np.where(kind == -1, 0.0, rng.uniform(0.05, 0.3, n) * np.where(kind == 1, 0.3, 1.0))
    waiting = np.where(kind == -1, 0.0, rng.gamma(2.0, 0.05, n))
    pli_value = np.where((site >= sites // 2) & pli, rng.uniform(0.0, 0.3, n), 0.0)
    value = operating + pli_value - setup - waiting
    u = (logit_scale * value + rng.gumbel(size=n)).reshape(situations, options)
    chosen = np.zeros((situations, options), np.int8)
    chosen[np.arange(situations), u.argmax(axis=1)] = 1
    site_labels = [f"s{i}" for i in range(sites)]
    frame = pd.DataFrame({
        "situation": np.repeat(np.arange(situations), options),
        "step": np.repeat(np.arange(situations) % 12 + 1, options),
        "firm": np.repeat(np.arange(situations) // 12, options),
        "site": pd.Categorical.from_codes(site, categories=site_labels),
        "kind": pd.Categorical.from_codes(kind + 1, categories=["stay", "move", "add"]),
        "nest": pd.Categorical.from_codes(np.where(site < 0, 0, 1 + site % 3), categories=["stay", *BLOCS]),
        "chosen": chosen.ravel(),
        "value": value, "operating": operating, "pli": pli_value, "peers": np.zeros(n), "setup": setup, "waiting": waiting,
    })
    frame.attrs["logit_scale"] = float(logit_scale)
    frame.attrs["nest_lambda"] = {b: 1.0 for b in BLOCS}
    return frame
