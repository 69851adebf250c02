"""Synthetic calibration files (FIT.h5, written by ``relocsim calibrate``) in
the layout the C++ writer follows: a flat netCDF-4 file, written here with
h5py the way sim/output/netcdf_layout.cpp writes runs, so that the tests
read what the program will write rather than what xarray would:

- dimensions are HDF5 dimension scales with ``_Netcdf4Dimid`` in creation
  order; label dimensions (parameter, parameter2, moment, moment2) hold
  variable-length UTF-8 strings, index dimensions (evaluation, replicate,
  draw) int32 0..n-1;
- every variable has ``long_name`` and ``units``; strings are
  variable-length UTF-8; flags are int8 with ``flag_values``/``flag_meanings``;
- text attributes are fixed-length UTF-8 strings (netCDF's NC_CHAR), and
  empty text is a null dataspace (h5_attributes.cpp), numbers are scalars.

The numbers are made up but consistent: the covariance is diag(se) R
diag(se), the standardised residuals are (fitted - target)/sqrt(Omega_mm),
the weighting is Omega^-1 on the fit block, the singular values are the
scaled Jacobian's, and so on, so the tests can recompute what the report
shows. One parameter (``costs.setup_multiplier``) does not move any moment
(not identified, NaN standard error); two (logit scale and single-window
factor) trade off. Of the three out-of-sample moments, ``india_phone_output_fy25``
lies above its prediction interval and the other two inside theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import h5py
import numpy as np

STAGES = ("pilot", "screen", "global", "local", "jacobian", "draws")
FIT_UNTIL = 2023.25  # 2023-03-31, the end of India's FY2023: the instant 2023.25 (dates.py)

PARAMETERS = {
    # key: lower, upper, start, estimate, se, se at the large step, prior mean, prior sd, unit, description
    "behaviour.logit_scale": (2.0, 8.0, 4.0, 5.2, 0.6, 0.65, 5.0, 1.5, "1 per USD million per unit",
                              "scale of the logit of location choice"),
    "friction.single_window_factor": (0.2, 1.0, 0.6, 0.45, 0.08, 0.09, np.nan, np.nan, "1",
                                      "approval time with a single window, share of the usual"),
    "pli.uptake_elasticity": (0.0, 2.0, 1.0, 1.3, 0.2, 0.21, np.nan, np.nan, "1",
                              "response of entry to the PLI rate"),
    "costs.setup_multiplier": (0.5, 2.0, 1.0, 1.05, np.nan, np.nan, 1.0, 0.25, "1",
                               "multiplier on set-up costs"),
}
UNIDENTIFIED = ("costs.setup_multiplier",)
TRADE_OFF = ("behaviour.logit_scale", "friction.single_window_factor", 0.93)

PHONES = "India phone output, INR crore"
APPLE = "Apple's share of iPhones assembled in India, %"
PLI = "PLI disbursed to mobile phones, INR crore"
MOMENTS = {
    # name: series, date, date label, target, target se, fitted, prediction lower, median, upper, unit, outcome, source
    "india_phone_output_fy21": (PHONES, 2021.25, "2021-03-31", 220000.0, 15000.0, 228000.0,
                                200000.0, 226000.0, 252000.0, "INR crore", "india_output_electronics", "ICEA 2021"),
    "india_phone_output_fy22": (PHONES, 2022.25, "2022-03-31", 275000.0, 18000.0, 268000.0,
                                240000.0, 270000.0, 300000.0, "INR crore", "india_output_electronics", "ICEA 2022"),
    "india_phone_output_fy23": (PHONES, 2023.25, "2023-03-31", 350000.0, 20000.0, 338000.0,
                                300000.0, 340000.0, 380000.0, "INR crore", "india_output_electronics", "MeitY 2023"),
    "india_phone_output_fy24": (PHONES, 2024.25, "2024-03-31", 410000.0, 25000.0, 395000.0,
                                350000.0, 400000.0, 450000.0, "INR crore", "india_output_electronics", "MeitY 2024"),
    "india_phone_output_fy25": (PHONES, 2025.25, "2025-03-31", 530000.0, 30000.0, 450000.0,
                                390000.0, 448000.0, 505000.0, "INR crore", "india_output_electronics", "MeitY 2025"),
    "apple_india_share_2022": (APPLE, 2023.0, "2022-12-31", 7.0, 1.0, 6.2,
                               4.5, 6.3, 8.1, "%", "apple_share_india", "Bloomberg 2023"),
    "apple_india_share_2024": (APPLE, 2025.0, "2024-12-31", 14.0, 2.0, 12.5,
                               9.0, 12.8, 16.5, "%", "apple_share_india", "Bloomberg 2025"),
    "pli_disbursed_fy23": (PLI, 2023.25, "2023-03-31", 2500.0, 400.0, 2300.0,
                           1700.0, 2350.0, 3000.0, "INR crore", "pli_paid_electronics", "Union Budget 2024"),
}
OUT_OF_SAMPLE_OUTSIDE = ("india_phone_output_fy25",)


@dataclass
class Options:
    status: str = "not identified"
    weighting: str = "two-step"
    unidentified: tuple[str, ...] = UNIDENTIFIED
    trade_offs: str = "behaviour.logit_scale~friction.single_window_factor:0.93"
    replications: int = 3
    draws: int = 12
    stage_counts: tuple[int, ...] = (2, 24, 20, 12, 8, 12)
    attrs: dict = field(default_factory=dict)
    file_kind: str = "calibration"


def _text_attr(obj, name: str, text: str) -> None:
    """As h5_attributes.cpp: fixed-length UTF-8; empty text a null dataspace."""
    data = text.encode("utf-8")
    dtype = h5py.string_dtype("utf-8", max(len(data), 1))
    if not data:
        obj.attrs.create(name, h5py.Empty(dtype))
    else:
        obj.attrs.create(name, np.array(data, dtype=dtype))


def _attr(obj, name: str, value) -> None:
    if isinstance(value, str):
        _text_attr(obj, name, value)
    else:
        obj.attrs.create(name, value)


class _Writer:
    def __init__(self, f: h5py.File):
        self.f = f
        self.dimids = 0

    def _meta(self, var, long_name: str, units: str) -> None:
        _text_attr(var, "long_name", long_name)
        _text_attr(var, "units", units)

    def labels(self, name: str, labels, long_name: str) -> None:
        var = self.f.create_dataset(name, data=np.array(list(labels), dtype=object),
                                    dtype=h5py.string_dtype("utf-8"), track_order=True)
        self._scale(var, name, long_name)

    def index(self, name: str, n: int, long_name: str) -> None:
        var = self.f.create_dataset(name, data=np.arange(n, dtype=np.int32), track_order=True)
        self._scale(var, name, long_name)

    def _scale(self, var, name: str, long_name: str) -> None:
        self._meta(var, long_name, "1")
        var.make_scale(name)
        var.attrs.create("_Netcdf4Dimid", np.int32(self.dimids))
        self.dimids += 1

    def var(self, name: str, dims: tuple[str, ...], data, long_name: str, units: str = "1", **attrs) -> None:
        data = np.asarray(data)
        if data.dtype.kind in "UO":
            var = self.f.create_dataset(name, data=data.astype(object), dtype=h5py.string_dtype("utf-8"),
                                        track_order=True)
        else:
            var = self.f.create_dataset(name, data=data, track_order=True)
        expected = tuple(self.f[d].shape[0] for d in dims)
        assert var.shape == expected, (name, var.shape, expected)
        self._meta(var, long_name, units)
        for key, value in attrs.items():
            _attr(var, key, value)
        for i, d in enumerate(dims):
            var.dims[i].attach_scale(self.f[d])


def _stage_objective(rng, stage: int, n: int, best: float) -> np.ndarray:
    """Objective values that fall from stage to stage towards ``best``."""
    if stage == 0:
        return best * np.array([40.0, 35.0])[:n]
    if stage == 1:
        return best * (3.0 + 30.0 * rng.random(n))
    if stage == 2:
        return best * (1.2 + 8.0 * rng.random(n) * np.linspace(1.0, 0.2, n))
    if stage == 3:
        return best * (1.0 + 0.4 * np.exp(-np.arange(n) / 2.0))
    if stage == 4:
        return best * (1.0 + 0.05 * rng.random(n))
    return best * (1.0 + 2.0 * rng.random(n))


def write_fit(path, options: Options | None = None) -> str:
    """Write a synthetic FIT.h5 at ``path``; returns the path as text."""
    o = options or Options()
    rng = np.random.default_rng(42)
    keys = list(PARAMETERS)
    names = list(MOMENTS)
    k, m = len(keys), len(names)
    p = {field_: np.array([PARAMETERS[key][i] for key in keys]) for i, field_ in enumerate(
        ("lower", "upper", "start", "estimate", "se", "se_large", "prior_mean", "prior_sd"))}
    mo = {field_: np.array([MOMENTS[n][i] for n in names]) for i, field_ in enumerate(
        ("series", "date", "date_label", "target", "target_se", "fitted", "lower", "median", "upper", "unit",
         "outcome", "source"))}
    for field_ in ("date", "target", "target_se", "fitted", "lower", "median", "upper"):
        mo[field_] = mo[field_].astype(float)
    in_fit = (mo["date"] <= FIT_UNTIL).astype(np.int8)
    fit = in_fit == 1
    identified = np.array([0 if key in o.unidentified else 1 for key in keys], np.int8)

    # Parameter covariance: diag(se) R diag(se), NaN for an unidentified parameter.
    corr = np.eye(k)
    a, b = keys.index(TRADE_OFF[0]), keys.index(TRADE_OFF[1])
    corr[a, b] = corr[b, a] = TRADE_OFF[2]
    se = np.where(identified == 1, p["se"], np.nan)
    corr = np.where(np.isnan(se)[:, None] | np.isnan(se)[None, :], np.nan, corr)
    cov = se[:, None] * corr * se[None, :]

    # Omega: the targets' variance plus the simulation's over R replicates (published units).
    fitted_se = 0.02 * np.abs(mo["fitted"])
    omega_diag = mo["target_se"] ** 2 + fitted_se ** 2
    omega = np.full((m, m), np.nan)
    block = np.ix_(fit, fit)
    omega[block] = np.diag(omega_diag[fit])
    weighting = np.full((m, m), np.nan)
    weighting[block] = np.linalg.inv(omega[block])
    std_residual = np.where(fit, (mo["fitted"] - mo["target"]) / np.sqrt(omega_diag), np.nan)
    objective = float(np.nansum(std_residual ** 2))

    # Jacobians: the unidentified parameter moves nothing; scaled = W^1/2 J diag(upper - lower).
    jac = rng.normal(0.0, 1.0, (m, k)) * mo["target"][:, None] / (p["upper"] - p["lower"])[None, :]
    jac[:, identified == 0] = 1e-9 * mo["target"][:, None]
    jac[~fit, :] = np.nan
    jac_se = 0.1 * np.abs(jac)
    jac_large = 1.05 * jac
    scaled = np.full((m, k), np.nan)
    scaled[fit] = (jac[fit] / np.sqrt(omega_diag[fit])[:, None]) * (p["upper"] - p["lower"])[None, :]
    singular = np.linalg.svd(scaled[fit], compute_uv=False)
    rank = int(np.sum(singular > 1e-6 * singular[0]))
    condition = float(singular[0] / singular[-1])
    src = np.clip(rng.normal(0.0, 0.4, (m, k)), -1, 1)
    src[:, identified == 0] = rng.normal(0.0, 0.01, (m, int((identified == 0).sum())))
    r2 = np.clip(np.sum(src ** 2, axis=1), 0, 0.99)

    # Search path.
    stage_of = np.concatenate([np.full(n, s, np.int8) for s, n in enumerate(o.stage_counts)])
    e = len(stage_of)
    obj = np.concatenate([_stage_objective(rng, s, n, objective) for s, n in enumerate(o.stage_counts)])
    obj[stage_of == 3] = np.minimum.accumulate(obj[stage_of == 3])
    obj[np.flatnonzero(stage_of == 3)[-1]] = objective  # the local search ends at the estimate
    theta = p["lower"] + rng.random((e, k)) * (p["upper"] - p["lower"])
    theta[np.flatnonzero(stage_of == 3)[-1]] = p["estimate"]
    ev_rep = mo["fitted"][None, None, :] * (1 + 0.05 * rng.normal(size=(e, o.replications, m)))
    ev_mom = ev_rep.mean(axis=1)
    draw_theta = p["estimate"] + rng.normal(size=(o.draws, k)) * np.nan_to_num(se, nan=0.1)
    draw_mom = mo["median"][None, :] * (1 + 0.05 * rng.normal(size=(o.draws, m)))

    j_df = int(fit.sum()) - k
    from scipy.stats import chi2

    attrs = {
        "relocsim_file_kind": o.file_kind,
        "Conventions": "CF-1.8",
        "title": "relocsim calibration (synthetic, tests/analysis)",
        "calibration_file": "calibration/india_phones.toml",
        "scenario": "scenarios/baseline.toml",
        "fit_until": np.float64(FIT_UNTIL),
        "fit_until_label": "2023-03-31",
        "replications": np.int32(o.replications),
        "master_seed": np.uint64(20230331),
        "status": o.status,
        "objective": np.float64(objective),
        "weighting": o.weighting,
        "global_method": "GN_ISRES",
        "local_method": "LN_BOBYQA",
        "evaluations": np.int32(e),
        "runs": np.int32(e * o.replications),
        "wall_seconds": np.float64(5432.1),
        "j_statistic": np.float64(objective),
        "j_df": np.int32(j_df),
        "j_p_value": np.float64(chi2.sf(objective, j_df)),
        "j_kind": "J-test" if o.weighting == "two-step" else "diagnostic",
        "rank": np.int32(rank),
        "condition_number": np.float64(condition),
        "unidentified": ",".join(o.unidentified),
        "trade_offs": o.trade_offs,
        "relocsim_version": "0.4.0",
        "git_commit": "0123abc (synthetic)",
        "compiler": "GCC 12.2.0",
        "command_line": "relocsim calibrate calibration/india_phones.toml -o FIT.h5",
        "start_time": "2026-02-01T10:00:00Z",
        "end_time": "2026-02-01T11:30:32Z",
        "host": "testhost",
        "threads": np.int32(16),
    }
    attrs.update(o.attrs)

    with h5py.File(path, "w", track_order=True, libver=("v108", "v108")) as f:
        for key, value in attrs.items():
            _attr(f, key, value)
        w = _Writer(f)
        w.labels("parameter", keys, "parameter estimated (configuration key)")
        w.labels("parameter2", keys, "parameter estimated, second axis of square matrices")
        w.labels("moment", names, "moment (published target)")
        w.labels("moment2", names, "moment, second axis of square matrices")
        w.index("evaluation", e, "evaluation of the objective")
        w.index("replicate", o.replications, "replicate (seed) at an evaluation")
        w.index("draw", o.draws, "draw of the parameters for the predictions")

        P, P2, M, M2 = ("parameter",), ("parameter", "parameter2"), ("moment",), ("moment", "moment2")
        w.var("parameter_lower", P, p["lower"], "lower bound of the search")
        w.var("parameter_upper", P, p["upper"], "upper bound of the search")
        w.var("parameter_start", P, p["start"], "starting value")
        w.var("parameter_estimate", P, p["estimate"], "estimate")
        w.var("parameter_std_error", P, se, "standard error (small Jacobian step)")
        w.var("parameter_std_error_large_step", P, np.where(identified == 1, p["se_large"], np.nan),
              "standard error (large Jacobian step)")
        w.var("parameter_prior_mean", P, p["prior_mean"], "prior mean")
        w.var("parameter_prior_sd", P, p["prior_sd"], "prior standard deviation (NaN: no prior)")
        w.var("parameter_identified", P, identified, "1 if the parameter is identified")
        w.var("parameter_unit", P, np.array([PARAMETERS[x][8] for x in keys], object), "unit of the parameter")
        w.var("parameter_description", P, np.array([PARAMETERS[x][9] for x in keys], object),
              "what the parameter is")
        w.var("covariance", P2, cov, "asymptotic covariance of the estimates")
        w.var("correlation", P2, corr, "correlation of the estimates")

        w.var("moment_target", M, mo["target"], "published value (published units)")
        w.var("moment_target_se", M, mo["target_se"], "standard error of the published value")
        w.var("moment_to_model", M, np.where(mo["unit"] == "%", 0.01, 1e-2 / 83.0),
              "factor: model units = published units x factor")
        w.var("moment_date", M, mo["date"], "date of the published value (decimal year)", "year")
        w.var("moment_date_label", M, mo["date_label"].astype(object), "date of the published value")
        w.var("moment_in_fit", M, in_fit, "1 used in the fit, 0 out of sample")
        w.var("moment_fitted", M, mo["fitted"], "model mean at the estimate (published units)")
        w.var("moment_fitted_se", M, fitted_se, "seed standard error of the model mean")
        w.var("moment_std_residual", M, std_residual, "(fitted - target) / sqrt(Omega_mm)")
        w.var("moment_prediction_lower", M, mo["lower"], "prediction, 5 % quantile over draws and seeds")
        w.var("moment_prediction_median", M, mo["median"], "prediction, median over draws and seeds")
        w.var("moment_prediction_upper", M, mo["upper"], "prediction, 95 % quantile over draws and seeds")
        w.var("moment_unit", M, mo["unit"].astype(object), "published unit")
        w.var("moment_series", M, mo["series"].astype(object), "published series")
        w.var("moment_outcome", M, mo["outcome"].astype(object), "model outcome")
        w.var("moment_source", M, mo["source"].astype(object), "source of the published value")
        MP = ("moment", "parameter")
        w.var("jacobian", MP, jac, "d moment / d parameter (small step)")
        w.var("jacobian_se", MP, jac_se, "seed standard error of the Jacobian")
        w.var("jacobian_large_step", MP, jac_large, "d moment / d parameter (large step)")
        w.var("scaled_jacobian", MP, scaled, "Omega^-1/2 J diag(upper - lower)")
        w.var("screen_src", MP, src, "standardised regression coefficient over the global screen")
        w.var("screen_r_squared", M, r2, "R squared of the screen's linear regression")
        w.var("omega", M2, omega, "covariance of the moment conditions (fit block)")
        w.var("weighting", M2, weighting, "weighting matrix (fit block)")
        w.var("singular_values", P, singular, "singular values of the scaled Jacobian, descending")
        w.var("evaluation_theta", ("evaluation", "parameter"), theta, "parameters evaluated")
        w.var("evaluation_objective", ("evaluation",), obj, "objective at the evaluation")
        w.var("evaluation_stage", ("evaluation",), stage_of, "stage of the evaluation",
              flag_values=np.arange(len(STAGES), dtype=np.int8), flag_meanings=" ".join(STAGES))
        w.var("evaluation_moments", ("evaluation", "moment"), ev_mom, "model moments, mean over replicates")
        w.var("evaluation_moments_by_replicate", ("evaluation", "replicate", "moment"), ev_rep,
              "model moments by replicate")
        w.var("draw_theta", ("draw", "parameter"), draw_theta, "parameters drawn for the predictions")
        w.var("draw_moments", ("draw", "moment"), draw_mom, "model moments at the draw, mean over replicates")
    return str(path)
