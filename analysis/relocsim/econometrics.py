"""Re-estimating the location choice from a run's choice log.

A run started with ``--set output.choice_log_every=N`` records every option
of each choice situation that firms with id % N == 0 face (docs/OUTPUT.md,
the ``choice`` dimension): its value per unit of capacity and the value's
parts, operating + pli + peers - setup - waiting. The model's utility is
``logit_scale`` x value (docs/ODD.md 7.3). With every ``nest_lambda`` = 1
the nested logit is McFadden's (1974) conditional logit, so a conditional
logit of the choice on [operating, pli, -setup, -waiting], grouped by choice
situation, should give ``logit_scale`` for each coefficient; with nests,
it estimates an approximation that ignores the correlation within nests.

:class:`GroupedLogit` is that conditional logit as a statsmodels
``GenericLikelihoodModel`` with the exact, vectorised log-likelihood,
gradient and Hessian (Newton's method; standard errors from the inverse
Hessian). It gives the same estimates as statsmodels' ``ConditionalLogit``
(``engine="statsmodels"``), which loops over groups in Python and takes
minutes on a run's tens of thousands of situations.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from statsmodels.base.model import GenericLikelihoodModel

from . import reader

__all__ = ["GroupedLogit", "ChoiceLogitResult", "fit_choice_logit", "choice_design"]

# Regressor name -> (column of the choice log, sign): value = operating + pli + peers - setup - waiting.
PARTS = {
    "operating": ("operating", 1.0),
    "pli": ("pli", 1.0),
    "peers": ("peers", 1.0),
    "minus_setup": ("setup", -1.0),
    "minus_waiting": ("waiting", -1.0),
}


class GroupedLogit(GenericLikelihoodModel):
    """Conditional logit with one chosen alternative per group:
    P(j | g) = exp(x_j b) / sum_{i in g} exp(x_i b).

    ``endog``: 1 for the chosen row, else 0; ``exog``: (rows, k) regressors
    (no constant: it cancels within a group); ``groups``: the group of each
    row. Rows are sorted by group internally."""

    def __init__(self, endog: Any, exog: Any, groups: Any, **kwargs: Any):
        groups = np.asarray(groups)
        order = np.argsort(groups, kind="stable")
        endog = endog.iloc[order] if hasattr(endog, "iloc") else np.asarray(endog)[order]
        exog = exog.iloc[order] if hasattr(exog, "iloc") else np.asarray(exog)[order]
        super().__init__(endog, exog, **kwargs)
        g = groups[order]
        new = np.r_[True, g[1:] != g[:-1]]
        self._starts = np.flatnonzero(new)
        self._gid = np.cumsum(new) - 1
        self.k_groups = len(self._starts)
        chosen = np.asarray(self.endog) > 0.5
        per_group = np.bincount(self._gid, weights=chosen, minlength=self.k_groups)
        if not np.all(per_group == 1):
            bad = int(np.sum(per_group != 1))
            raise ValueError(f"{bad} groups do not have exactly one chosen row")
        self._chosen = np.flatnonzero(chosen)  # in group order, since rows are sorted by group
        self._x = np.asarray(self.exog, dtype=float)
        k = self._x.shape[1]
        self.nparams = k
        self.df_model = float(k)
        self.df_resid = float(self.k_groups - k)

    def initialize(self) -> None:  # the base class would count a constant
        pass

    def _fitted(self, params: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        xb = self._x @ np.asarray(params, dtype=float)
        top = np.maximum.reduceat(xb, self._starts)
        e = np.exp(xb - top[self._gid])
        total = np.add.reduceat(e, self._starts)
        return xb, e / total[self._gid], np.log(total) + top

    def loglikeobs(self, params: np.ndarray) -> np.ndarray:
        """Log-likelihood of each group (not each row)."""
        xb, _, lse = self._fitted(params)
        return xb[self._chosen] - lse

    def loglike(self, params: np.ndarray) -> float:
        return float(self.loglikeobs(params).sum())

    def score_obs(self, params: np.ndarray) -> np.ndarray:
        _, p, _ = self._fitted(params)
        mean_x = np.add.reduceat(p[:, None] * self._x, self._starts)
        return self._x[self._chosen] - mean_x

    def score(self, params: np.ndarray) -> np.ndarray:
        return self.score_obs(params).sum(0)

    def hessian(self, params: np.ndarray) -> np.ndarray:
        _, p, _ = self._fitted(params)
        mean_x = np.add.reduceat(p[:, None] * self._x, self._starts)
        return -((self._x * p[:, None]).T @ self._x - mean_x.T @ mean_x)

    def fit(self, start_params: Any = None, method: str = "newton", maxiter: int = 100, **kwargs: Any):
        if start_params is None:
            start_params = np.zeros(self.nparams)
        with warnings.catch_warnings():
            # statsmodels counts rows as observations; a group is one here.
            warnings.filterwarnings("ignore", message="df_resid differs from nobs")
            result = super().fit(
                start_params=start_params, method=method, maxiter=maxiter, disp=kwargs.pop("disp", 0), **kwargs
            )
        result.nobs = self.k_groups
        return result


@dataclass
class ChoiceLogitResult:
    """Estimates against the truth. ``table``: one row per coefficient with
    coef, se, ci_low, ci_high, true (the run's logit_scale), covered (the
    interval contains it) and rel_half_width (half the interval over the
    true value). ``fit``: the statsmodels results (``fit.summary()``)."""

    table: pd.DataFrame
    fit: Any
    logit_scale: float
    nest_lambda: dict[str, float]
    situations: int
    options: int
    dropped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    value_check: float = float("nan")


def choice_design(data: pd.DataFrame, terms: str = "parts") -> tuple[pd.DataFrame, list[str], list[str]]:
    """The regressors of the choice log: ``terms="parts"`` gives operating,
    pli, peers, minus_setup, minus_waiting and ``other`` (value minus those parts:
    whatever the value holds that the parts do not record; zero, and so
    dropped, when the log is complete); ``"value"`` the value alone. Columns
    with no variation within any situation (e.g. pli with the PLI off) are
    dropped: they are not identified. Returns (X, kept, dropped)."""
    if terms == "parts":
        X = pd.DataFrame({name: sign * data[column].to_numpy(float) for name, (column, sign) in PARTS.items()})
        X["other"] = data["value"].to_numpy(float) - X.sum(axis=1).to_numpy()
    elif terms == "value":
        X = pd.DataFrame({"value": data["value"].to_numpy(float)})
    else:
        raise ValueError(f"terms must be 'parts' or 'value', not {terms!r}")
    situation = data["situation"].to_numpy()
    dropped = []
    grouped = X.groupby(situation)
    spread = (grouped.transform("max") - grouped.transform("min")).abs().max()
    scale = X.abs().max().clip(lower=1.0)
    dropped = [name for name in X.columns if not spread[name] > 1e-12 * scale[name]]
    X = X.drop(columns=dropped)
    return X, list(X.columns), dropped


def fit_choice_logit(
    source: Any,
    terms: str = "parts",
    conf: float = 0.95,
    engine: str = "fast",
    max_situations: int | None = None,
    seed: int = 0,
) -> ChoiceLogitResult:
    """Conditional logit of the location choice from a run's choice log.

    ``source``: a run file or the frame ``relocsim.choices`` returns (with
    ``attrs["logit_scale"]``). Situations with a single option carry no
    information and are left out. ``engine="statsmodels"`` fits statsmodels'
    ``ConditionalLogit`` instead of :class:`GroupedLogit` (same estimates,
    much slower). ``max_situations`` fits a random subset of situations.
    """
    data = source if isinstance(source, pd.DataFrame) else reader.choices(source)
    logit_scale = float(data.attrs.get("logit_scale", np.nan))
    nest_lambda = dict(data.attrs.get("nest_lambda", {}))
    notes = []
    sizes = data.groupby("situation")["situation"].transform("size")
    data = data[sizes.to_numpy() > 1]
    if max_situations is not None and data["situation"].nunique() > max_situations:
        keep = np.random.default_rng(seed).choice(data["situation"].unique(), max_situations, replace=False)
        data = data[data["situation"].isin(keep)]
        notes.append(f"fitted on a random {max_situations} of the situations")
    if data.empty:
        raise ValueError("the choice log has no situation with more than one option")
    value_check = float(
        np.max(np.abs(data["value"] - (data["operating"] + data["pli"] + data["peers"] - data["setup"] - data["waiting"])))
    )
    X, kept, dropped = choice_design(data, terms)
    if not kept:
        raise ValueError("no regressor varies within a choice situation")
    if "other" in kept:
        notes.append(
            f"the logged value differs from operating + pli + peers - setup - waiting by up to {value_check:.3g}: "
            "the difference enters as the regressor 'other' (a utility term the parts do not record)"
        )
    dropped = [d for d in dropped if d != "other"]
    if dropped:
        notes.append(f"left out (no variation within any situation, not identified): {', '.join(dropped)}")
    if nest_lambda and any(abs(v - 1.0) > 1e-12 for v in nest_lambda.values()):
        notes.append(
            "nest_lambda is not 1 everywhere: the run drew from a nested logit, so the conditional logit "
            "(which ignores nests) is misspecified and its coefficients need not equal logit_scale"
        )
    y = data["chosen"].to_numpy(float)
    groups = data["situation"].to_numpy()
    if engine == "fast":
        fit = GroupedLogit(y, X, groups).fit()
    elif engine == "statsmodels":
        from statsmodels.discrete.conditional_models import ConditionalLogit

        fit = ConditionalLogit(y, X, groups=groups).fit(disp=0)
    else:
        raise ValueError(f"engine must be 'fast' or 'statsmodels', not {engine!r}")
    ci = np.asarray(fit.conf_int(alpha=1 - conf))
    table = pd.DataFrame(
        {
            "coef": np.asarray(fit.params, float),
            "se": np.asarray(fit.bse, float),
            "ci_low": ci[:, 0],
            "ci_high": ci[:, 1],
        },
        index=pd.Index(kept, name="term"),
    )
    table["true"] = logit_scale
    table["covered"] = (table["ci_low"] <= logit_scale) & (logit_scale <= table["ci_high"])
    table["rel_half_width"] = (table["ci_high"] - table["ci_low"]) / 2 / abs(logit_scale)
    return ChoiceLogitResult(
        table, fit, logit_scale, nest_lambda, int(data["situation"].nunique()), len(data), dropped, notes, value_check
    )
