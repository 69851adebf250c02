"""Read a calibration file: ``relocsim calibrate CALIB.toml -o FIT.h5``.

FIT.h5 is a flat netCDF-4 file (global attribute
``relocsim_file_kind = "calibration"``) holding a method-of-simulated-moments
fit: the estimates and their standard errors, the published moments against
the model's, the identification diagnostics, every evaluation of the search
and the parameter draws behind the predictions (docs/ANALYSIS.md, "The
calibration report"; docs/CALIBRATE.md). :func:`load_fit` opens it as a
:class:`Fit`, whose properties are pandas tables:

- ``parameters``: estimate, standard errors at both Jacobian steps, 95 %
  interval (estimate ± 1.96 se), bounds, start, prior, identified;
- ``moments``: target and its se, fitted and its seed se, residual and
  standardised residual, in or out of sample, prediction interval and, out
  of sample, whether the observation lies inside it;
- ``out_of_sample``: the moments dated after ``fit_until``;
- ``identification``: singular values, rank, condition number, the
  parameters not identified and why, trade-offs, the scaled Jacobian and the
  screen's standardised regression coefficients;
- ``search_path``: each evaluation's stage, objective and best objective so far;
- ``j_test``: the overidentification statistic and what it may be read as.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

__all__ = ["Fit", "Identification", "JTest", "file_kind_attribute", "is_calibration", "load_fit", "Z95",
           "SEARCH_STAGES"]

Z95 = 1.959963984540054  # the 97.5 % normal quantile: the 95 % interval is estimate ± Z95 se
# Stages whose evaluations search for the minimum: the best objective so far
# is taken over these only (a Jacobian step or a parameter draw that lands
# lower by seed noise is not a better estimate).
SEARCH_STAGES = ("pilot", "screen", "global", "local")
DEFAULT_STAGES = ("pilot", "screen", "global", "local", "jacobian", "draws")
# A parameter whose column of the scaled Jacobian is shorter than this share
# of the longest column barely moves the fitted moments.
WEAK_COLUMN = 0.01


def _text(value: Any) -> Any:
    """An attribute as plain Python: bytes decoded, empty (null dataspace) as ""."""
    try:
        import h5py

        if isinstance(value, h5py.Empty):
            return ""
    except ImportError:  # pragma: no cover - h5py is a dependency of h5netcdf
        pass
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8", "replace")
    if isinstance(value, np.ndarray):
        if value.shape == ():
            return _text(value.item())
        if value.size == 1:
            return _text(value.ravel()[0])
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def file_kind_attribute(path: str | os.PathLike) -> str | None:
    """The global attribute ``relocsim_file_kind`` ("calibration", ...) or
    None when the file has none (runs and sweep archives written before it)."""
    import h5py

    with h5py.File(path, "r") as f:
        if "relocsim_file_kind" not in f.attrs:
            return None
        return str(_text(f.attrs["relocsim_file_kind"]))


def is_calibration(path: str | os.PathLike) -> bool:
    """True for a file written by ``relocsim calibrate``; False for any other
    file, including one that is not HDF5 (the caller reports that)."""
    try:
        return file_kind_attribute(path) == "calibration"
    except (OSError, ValueError):
        return False


@dataclass
class JTest:
    """Hansen's J = n g' W g at the estimate with its degrees of freedom and
    p-value, as the file holds them. ``kind`` is "J-test" when the weighting
    was Omega^-1 (J is then chi-squared with ``df`` degrees of freedom under
    the model) and "diagnostic" otherwise (the p-value is only indicative)."""

    statistic: float
    df: int
    p_value: float
    kind: str
    weighting: str

    @property
    def is_test(self) -> bool:
        return self.kind == "J-test"

    def sentence(self) -> str:
        if not np.isfinite(self.statistic):
            return "No J statistic: the file holds none."
        head = (f"J = {self.statistic:.4g} on {self.df} degree{'' if self.df == 1 else 's'} of freedom, "
                f"p = {self.p_value:.3g}")
        if self.df <= 0:
            return f"J = {self.statistic:.4g}: the model is exactly identified (no overidentifying moments to test)."
        if self.is_test:
            verdict = ("the model's moments are rejected at 5 %" if self.p_value < 0.05
                       else "the model's moments are not rejected at 5 %")
            return f"{head}: {verdict} (weighting Omega^-1, {self.weighting})."
        return (f"{head} (diagnostic only: the weighting ({self.weighting}) is not Omega^-1, so J is not "
                "chi-squared and the p-value is only indicative).")

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {"value": [self.statistic, self.df, self.p_value, self.kind, self.weighting]},
            index=pd.Index(["J statistic", "degrees of freedom", "p-value", "kind", "weighting"], name=""),
        )


@dataclass
class Identification:
    """Local identification at the estimate.

    ``singular_values``: the scaled Jacobian's, descending (indexed 1..k);
    ``rank`` and ``condition_number`` as the file holds them;
    ``unidentified``: one row per parameter flagged, with the reason;
    ``trade_offs``: pairs of parameters whose estimates move together
    (parameter_a, parameter_b, correlation); ``scaled_jacobian``: in-fit
    moments by parameters; ``screen_src`` and ``screen_r_squared``: the
    global screen's standardised regression coefficients (moments by
    parameters) and each moment's R²."""

    singular_values: pd.Series
    rank: int
    condition_number: float
    unidentified: pd.DataFrame
    trade_offs: pd.DataFrame
    scaled_jacobian: pd.DataFrame
    screen_src: pd.DataFrame
    screen_r_squared: pd.Series
    weakest_direction: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))

    def flagged(self) -> list[str]:
        return list(self.unidentified.index)


def parse_trade_offs(text: str) -> pd.DataFrame:
    """``"a~b:0.93; c~d:-0.9"`` as a table (parameter_a, parameter_b, correlation)."""
    rows = []
    for item in str(text or "").split(";"):
        item = item.strip()
        if not item:
            continue
        pair, _, corr = item.rpartition(":")
        if not pair:  # no correlation given
            pair, corr = item, "nan"
        a, _, b = pair.partition("~")
        try:
            value = float(corr)
        except ValueError:
            value = np.nan
        rows.append((a.strip(), b.strip(), value))
    return pd.DataFrame(rows, columns=["parameter_a", "parameter_b", "correlation"])


def _split_keys(text: str) -> list[str]:
    return [k.strip() for k in str(text or "").split(",") if k.strip()]


class Fit:
    """A calibration file opened once; ``.ds`` is the xarray.Dataset (read
    lazily; close with ``close()`` or a ``with`` block), ``.attrs`` its
    global attributes as plain Python values; the tables are properties
    built on first use."""

    def __init__(self, path: str | os.PathLike):
        self.path = os.fspath(path)
        self.kind = "calibration"
        # phony_dims: a variable written without its dimension scales still
        # opens (under phony dimension names), so only the sections that
        # need it fail, not the whole report.
        self.ds = xr.open_dataset(self.path, engine="h5netcdf", phony_dims="sort")
        self.attrs: dict[str, Any] = {k: _text(v) for k, v in self.ds.attrs.items()}

    # -- context manager --------------------------------------------------
    def close(self) -> None:
        self.ds.close()

    def __enter__(self) -> Fit:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return (f"<relocsim.Fit {self.path}: {self.ds.sizes.get('parameter', 0)} parameters, "
                f"{self.ds.sizes.get('moment', 0)} moments, status {self.attrs.get('status', '?')}>")

    # -- helpers ----------------------------------------------------------
    def attr(self, name: str, default: Any = np.nan) -> Any:
        return self.attrs.get(name, default)

    def _float(self, name: str) -> float:
        try:
            return float(self.attrs[name])
        except (KeyError, TypeError, ValueError):
            return float("nan")

    def _int(self, name: str, default: int = -1) -> int:
        try:
            return int(self.attrs[name])
        except (KeyError, TypeError, ValueError):
            return default

    def _values(self, name: str, dim: str, default: Any = np.nan) -> np.ndarray:
        if name in self.ds.variables:
            return np.asarray(self.ds[name].values)
        return np.full(self.ds.sizes[dim], default)

    def _strings(self, name: str, dim: str) -> np.ndarray:
        if name not in self.ds.variables:
            return np.full(self.ds.sizes[dim], "", dtype=object)
        return np.array([str(_text(v)) for v in self.ds[name].values], dtype=object)

    @property
    def parameter_names(self) -> list[str]:
        return [str(_text(p)) for p in self.ds["parameter"].values]

    @property
    def moment_names(self) -> list[str]:
        return [str(_text(m)) for m in self.ds["moment"].values]

    @property
    def fit_until(self) -> float:
        return self._float("fit_until")

    @property
    def fit_until_label(self) -> str:
        label = str(self.attrs.get("fit_until_label", "") or "")
        if not label and np.isfinite(self.fit_until):
            from .dates import date_label

            label = date_label(self.fit_until)
        return label

    # -- tables -----------------------------------------------------------
    @functools.cached_property
    def parameters(self) -> pd.DataFrame:
        """One row per parameter (index ``parameter``, its configuration key)."""
        d = "parameter"
        estimate = self._values("parameter_estimate", d).astype(float)
        se = self._values("parameter_std_error", d).astype(float)
        lower = self._values("parameter_lower", d).astype(float)
        upper = self._values("parameter_upper", d).astype(float)
        identified = self._values("parameter_identified", d, 1)
        frame = pd.DataFrame(
            {
                "description": self._strings("parameter_description", d),
                "unit": self._strings("parameter_unit", d),
                "estimate": estimate,
                "std_error": se,
                "std_error_large_step": self._values("parameter_std_error_large_step", d).astype(float),
                "ci_low": estimate - Z95 * se,
                "ci_high": estimate + Z95 * se,
                "lower": lower,
                "upper": upper,
                "start": self._values("parameter_start", d).astype(float),
                "prior_mean": self._values("parameter_prior_mean", d).astype(float),
                "prior_sd": self._values("parameter_prior_sd", d).astype(float),
                "identified": np.asarray(identified).astype(float) != 0,
            },
            index=pd.Index(self.parameter_names, name="parameter"),
        )
        # An estimate within 0.1 % of the range from a bound: its standard
        # error and interval ignore the bound (the interval may cross it).
        span = upper - lower
        frame["at_bound"] = (np.abs(estimate - lower) <= 1e-3 * span) | (np.abs(upper - estimate) <= 1e-3 * span)
        return frame

    @functools.cached_property
    def moments(self) -> pd.DataFrame:
        """One row per moment (index ``moment``, the target's name), in the file's order."""
        d = "moment"
        target = self._values("moment_target", d).astype(float)
        fitted = self._values("moment_fitted", d).astype(float)
        in_fit = np.asarray(self._values("moment_in_fit", d, 1)).astype(float) != 0
        low = self._values("moment_prediction_lower", d).astype(float)
        high = self._values("moment_prediction_upper", d).astype(float)
        known = np.isfinite(low) & np.isfinite(high) & np.isfinite(target)
        inside = pd.array([pd.NA] * len(target), dtype="boolean")
        out = ~in_fit & known
        inside[out] = (low[out] <= target[out]) & (target[out] <= high[out])
        date = self._values("moment_date", d).astype(float)
        labels = self._strings("moment_date_label", d)
        if not any(labels):
            from .dates import date_label

            labels = np.array([date_label(x) for x in date], dtype=object)
        return pd.DataFrame(
            {
                "series": self._strings("moment_series", d),
                "date": labels,
                "year": date,
                "in_fit": in_fit,
                "target": target,
                "target_se": self._values("moment_target_se", d).astype(float),
                "fitted": fitted,
                "fitted_se": self._values("moment_fitted_se", d).astype(float),
                "residual": fitted - target,
                "std_residual": self._values("moment_std_residual", d).astype(float),
                "prediction_lower": low,
                "prediction_median": self._values("moment_prediction_median", d).astype(float),
                "prediction_upper": high,
                "inside_interval": inside,
                "unit": self._strings("moment_unit", d),
                "outcome": self._strings("moment_outcome", d),
                "source": self._strings("moment_source", d),
                "to_model": self._values("moment_to_model", d).astype(float),
            },
            index=pd.Index(self.moment_names, name="moment"),
        )

    @property
    def out_of_sample(self) -> pd.DataFrame:
        """The moments dated after ``fit_until``: observation against prediction."""
        m = self.moments
        m = m[~m["in_fit"]]
        return m[["series", "date", "target", "target_se", "prediction_lower", "prediction_median",
                  "prediction_upper", "fitted", "inside_interval", "unit"]]

    @functools.cached_property
    def j_test(self) -> JTest:
        return JTest(self._float("j_statistic"), self._int("j_df"), self._float("j_p_value"),
                     str(self.attrs.get("j_kind", "diagnostic") or "diagnostic"),
                     str(self.attrs.get("weighting", "") or ""))

    def _matrix(self, name: str, rows: str) -> pd.DataFrame:
        names = self.moment_names if rows == "moment" else self.parameter_names
        if name not in self.ds.variables:
            return pd.DataFrame(index=pd.Index(names, name=rows), columns=self.parameter_names, dtype=float)
        values = self.ds[name].transpose(rows, "parameter").values.astype(float)
        return pd.DataFrame(values, index=pd.Index(names, name=rows),
                            columns=pd.Index(self.parameter_names, name="parameter"))

    @functools.cached_property
    def identification(self) -> Identification:
        params = self.parameters
        in_fit = self.moments["in_fit"].to_numpy()
        scaled = self._matrix("scaled_jacobian", "moment")[in_fit]
        sv = self._values("singular_values", "parameter").astype(float)
        singular = pd.Series(sv, index=pd.RangeIndex(1, len(sv) + 1, name="index"), name="singular value")
        trade_offs = parse_trade_offs(str(self.attrs.get("trade_offs", "") or ""))

        flagged = _split_keys(str(self.attrs.get("unidentified", "") or ""))
        flagged += [p for p in params.index[~params["identified"]] if p not in flagged]
        reasons_in_file = (self._strings("parameter_unidentified_reason", "parameter")
                           if "parameter_unidentified_reason" in self.ds.variables else None)

        # The weakest direction of the scaled Jacobian: the right singular
        # vector of its smallest singular value (a parameter with a large
        # loading on it is the one the moments cannot pin down).
        weakest = pd.Series(dtype=float)
        norms = pd.Series(dtype=float)
        values = scaled.to_numpy()
        if values.size and np.isfinite(values).all():
            _, _, vt = np.linalg.svd(values, full_matrices=True)
            weakest = pd.Series(vt[-1], index=scaled.columns, name="loading on the weakest direction")
            norms = pd.Series(np.linalg.norm(values, axis=0), index=scaled.columns)
        rows = []
        for key in flagged:
            reasons = []
            if reasons_in_file is not None and key in params.index:
                text = str(reasons_in_file[params.index.get_loc(key)])
                if text:
                    reasons.append(text)
            if not reasons:
                if len(norms) and key in norms.index and norms.max() > 0:
                    share = norms[key] / norms.max()
                    if share < WEAK_COLUMN:
                        reasons.append(f"the fitted moments barely respond to it (its scaled-Jacobian column is "
                                       f"{100 * share:.2g} % of the longest)")
                for _, t in trade_offs.iterrows():
                    if key in (t["parameter_a"], t["parameter_b"]):
                        other = t["parameter_b"] if key == t["parameter_a"] else t["parameter_a"]
                        reasons.append(f"trades off with {other} (correlation {t['correlation']:.2f})")
                if len(weakest) and key in weakest.index and abs(weakest[key]) >= 0.5:
                    reasons.append(f"loads {weakest[key]:+.2f} on the direction of the smallest singular value")
                if not reasons:
                    reasons.append("flagged by the calibration")
            rows.append((key, "; ".join(reasons)))
        unidentified = pd.DataFrame(rows, columns=["parameter", "reason"]).set_index("parameter")

        screen = self._matrix("screen_src", "moment")
        r2 = pd.Series(self._values("screen_r_squared", "moment").astype(float),
                       index=pd.Index(self.moment_names, name="moment"), name="R²")
        return Identification(singular, self._int("rank"), self._float("condition_number"), unidentified,
                              trade_offs, scaled, screen, r2, weakest)

    @functools.cached_property
    def search_path(self) -> pd.DataFrame:
        """One row per evaluation: stage (label), objective, and the best
        objective so far over the search stages (SEARCH_STAGES; rows of the
        Jacobian and draws stages carry the last value)."""
        n = self.ds.sizes.get("evaluation", 0)
        objective = self._values("evaluation_objective", "evaluation").astype(float) if n else np.array([])
        stage = self._stages()
        searching = np.isin(np.asarray(stage, dtype=object), SEARCH_STAGES)
        candidate = np.where(searching & np.isfinite(objective), objective, np.inf)
        best = np.minimum.accumulate(candidate) if n else np.array([])
        best = np.where(np.isinf(best), np.nan, best)
        return pd.DataFrame(
            {"stage": pd.Categorical(stage, categories=self.stage_labels), "objective": objective,
             "best_so_far": best},
            index=pd.Index(np.arange(n), name="evaluation"),
        )

    @property
    def stage_labels(self) -> list[str]:
        if "evaluation_stage" in self.ds.variables and "flag_meanings" in self.ds["evaluation_stage"].attrs:
            return str(_text(self.ds["evaluation_stage"].attrs["flag_meanings"])).split()
        return list(DEFAULT_STAGES)

    def _stages(self) -> list[str]:
        n = self.ds.sizes.get("evaluation", 0)
        if "evaluation_stage" not in self.ds.variables:
            return ["search"] * n
        var = self.ds["evaluation_stage"]
        labels = self.stage_labels
        values = var.attrs.get("flag_values")
        codes = list(range(len(labels))) if values is None else [int(v) for v in np.atleast_1d(values)]
        names = dict(zip(codes, labels))
        raw = np.asarray(var.values)
        return [names.get(int(c), "unknown") if np.isfinite(c) else "unknown" for c in raw.astype(float)]

    @property
    def summary(self) -> pd.DataFrame:
        """The fit at a glance: status, objective, J, rank, effort."""
        a = self.attrs
        rows = [
            ("status", a.get("status", "")),
            ("objective at the estimate", self._float("objective")),
            ("weighting", a.get("weighting", "")),
            ("J statistic", self.j_test.statistic),
            ("J degrees of freedom", self.j_test.df),
            ("J p-value", self.j_test.p_value),
            ("J read as", self.j_test.kind),
            ("rank of the scaled Jacobian", f"{self._int('rank')} of {self.ds.sizes.get('parameter', 0)}"),
            ("condition number", self._float("condition_number")),
            ("parameters / moments in the fit / out of sample",
             f"{self.ds.sizes.get('parameter', 0)} / {int(self.moments['in_fit'].sum())} / "
             f"{int((~self.moments['in_fit']).sum())}"),
            ("fit until", self.fit_until_label),
            ("global / local method", f"{a.get('global_method', '')} / {a.get('local_method', '')}"),
            ("evaluations", self._int("evaluations")),
            ("runs of the model", self._int("runs")),
            ("replications per evaluation", self._int("replications")),
            ("wall time", _duration(self._float("wall_seconds"))),
            ("calibration file", a.get("calibration_file", "")),
            ("scenario", a.get("scenario", "")),
        ]
        return pd.DataFrame([(k, v if isinstance(v, str) else _plain_number(v)) for k, v in rows],
                            columns=["", "value"]).set_index("")


def _plain_number(v: Any) -> str:
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    try:
        x = float(v)
    except (TypeError, ValueError):
        return str(v)
    if not np.isfinite(x):
        return "–"
    return f"{x:.4g}"


def _duration(seconds: float) -> str:
    if not np.isfinite(seconds):
        return ""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def load_fit(path: str | os.PathLike) -> Fit:
    """Open a calibration file (``relocsim calibrate ... -o FIT.h5``) as a
    :class:`Fit`. Raises ValueError, naming the file and its
    ``relocsim_file_kind``, for any other file (a run, a sweep archive), and
    IncompleteRunError for the hidden temporary file of a calibration that
    is still writing."""
    from .reader import IncompleteRunError, file_kind

    path = os.fspath(path)
    name = os.path.basename(path)
    if name.startswith(".") and ".tmp-" in name:
        raise IncompleteRunError(f"{path} is the temporary file of a calibration that is still writing or did not finish")
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path}: no such file")
    try:
        kind = file_kind_attribute(path)
    except OSError as error:
        raise ValueError(f"{path} is not a relocsim calibration file: it is not HDF5 ({error})") from error
    if kind != "calibration":
        if kind is None:
            guess = file_kind(path)
            what = "a sweep archive" if guess == "sweep" else "a run's output"
            raise ValueError(f"{path} is not a calibration file: it has no relocsim_file_kind attribute "
                             f"(it looks like {what}); relocsim_file_kind = 'calibration' is expected")
        raise ValueError(f"{path} is not a calibration file: relocsim_file_kind = {kind!r}, "
                         "not 'calibration'")
    fit = Fit(path)
    complete = fit.attrs.get("relocsim_complete")
    if complete is not None and str(complete) != "1":
        fit.close()
        raise IncompleteRunError(f"{path} is not a complete calibration (relocsim_complete = {complete!r}); "
                                 "the calibration that wrote it did not finish")
    return fit


def write_draws_design(path: str | os.PathLike, output: str | os.PathLike) -> int:
    """Write a calibration's parameter draws (``draw_theta``: sets drawn from
    the estimate's distribution within the bounds) as a sweep's csv design:
    one column per fitted key, one row per draw, each cell a TOML number. A
    sweep with ``method = "csv"`` and ``design`` naming the file then runs
    every arm at every draw, so the spread of a policy's effect across its
    rows includes the parameters' uncertainty, not only seed noise
    (docs/CALIBRATE.md, section 8). Returns the number of rows; raises
    ValueError when the file holds no draws (a calibration stopped before
    estimating, or one with draws = 0)."""
    import csv

    with load_fit(path) as fit:
        keys = [_text(k) for k in fit.ds["parameter"].values]
        if "draw_theta" not in fit.ds or fit.ds["draw_theta"].shape[0] == 0:
            raise ValueError(f"{path} holds no parameter draws (status {fit.attrs.get('status')!r}); "
                             "a calibration with method.draws > 0 that estimated something has them")
        theta = np.asarray(fit.ds["draw_theta"].values, dtype=float)
    with open(output, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(keys)
        # repr: the shortest text that reads back as the same double.
        for row in theta:
            writer.writerow([repr(float(v)) for v in row])
    return int(theta.shape[0])
