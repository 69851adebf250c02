"""The calibration report: ``python3 -m relocsim report FIT.h5 -o DIR`` on a
file written by ``relocsim calibrate`` (``relocsim.report`` hands such files
here). Like the run and sweep reports it writes DIR/index.html with the
figures as PNG (shown) and PDF (linked); each section is drawn on its own,
and one that fails shows its error instead of taking the report down.

Sections: summary (status, J-test, objective, effort, provenance at the
end); estimates; moments (fitted against target); the fit over time (one
figure per published series); identification (singular values, scaled
Jacobian, screen); search path; out of sample.

The figure functions take a :class:`relocsim.fit.Fit` and follow figures.py:
one ``Figure`` each, saved as OUT.png and OUT.pdf when ``out`` is given.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from .figures import COLOURS, MARKERS, _draw, _figure, _wrap
from .fit import Fit, load_fit

__all__ = ["fit_report", "fit_over_time", "singular_values_chart", "matrix_heatmap", "search_path_chart",
           "series_slug", "PROVENANCE_KEYS"]

PROVENANCE_KEYS = (
    "relocsim_version", "program_version", "git_commit", "compiler", "compile_flags", "build_type", "command_line",
    "calibration_file",
    "scenario", "master_seed", "replications", "threads", "host", "start_time", "end_time", "elapsed",
)
# Extra style for the calibration page: a status that is not "converged".
EXTRA_CSS = ".caution { background: #fde8e8; border: 1px solid #b03030; padding: 0.4rem 0.6rem; }\n"
# Heat maps label each cell up to this many cells.
ANNOTATE_CELLS = 120


def series_slug(name: str) -> str:
    """A file name for a series: lower case, [a-z0-9_] only."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return slug[:60] or "series"


def _stage_colour(i: int) -> str:
    return COLOURS[(i + 1) % len(COLOURS)] if i >= 0 else "0.5"


# -- figures -------------------------------------------------------------------
@_draw
def fit_over_time(fit: Fit, series: str, *, out: Any = None, formats: Sequence[str] = ("png", "pdf")) -> Figure:
    """One published series over time: the published values with ±2 se bars
    (in-sample filled, out-of-sample hollow), a vertical line at
    ``fit_until``, the model's prediction median with its 5-95 % band, and
    the fitted value at the estimate (crosses)."""
    m = fit.moments
    m = m[m["series"] == series].sort_values("year")
    if m.empty:
        raise ValueError(f"no moment belongs to series {series!r}")
    fig = _figure(4.8, 2.8)
    ax = fig.subplots()
    x = m["year"].to_numpy()
    low, mid, high = (m[c].to_numpy() for c in ("prediction_lower", "prediction_median", "prediction_upper"))
    band = np.isfinite(low) & np.isfinite(high)
    lo, hi = float(np.nanmin(x)), float(np.nanmax(x))
    if np.isfinite(fit.fit_until):
        lo, hi = min(lo, fit.fit_until), max(hi, fit.fit_until)
    pad = max(0.5, 0.05 * (hi - lo))
    # With one date a band has no width: the model's interval is a bar set
    # just left of the published point, so the two do not hide each other.
    shift = 0.0 if band.sum() >= 2 else 0.04 * (hi - lo + 2 * pad)
    if band.sum() >= 2:
        ax.fill_between(x[band], low[band], high[band], color="0.85", linewidth=0, label="model 5-95 %")
    elif band.any():
        ax.errorbar(x[band] - shift, mid[band], yerr=[mid[band] - low[band], high[band] - mid[band]], fmt="none",
                    ecolor="0.75", elinewidth=6, label="model 5-95 %")
    if np.isfinite(mid).sum() >= 2:
        ax.plot(x, mid, color="black", linestyle="--", label="model median")
    elif np.isfinite(mid).any():
        ax.plot(x - shift, mid, color="black", marker="_", markersize=10, linestyle="none", label="model median")
    fitted = m["fitted"].to_numpy()
    if np.isfinite(fitted).any():
        ax.plot(x - shift, fitted, color=COLOURS[4], marker="x", linestyle="none", label="fitted at the estimate")
    target, se = m["target"].to_numpy(), m["target_se"].to_numpy()
    inside = m["in_fit"].to_numpy()
    for mask, face, label in ((inside, COLOURS[2], "published, in the fit"),
                              (~inside, "white", "published, out of sample")):
        if mask.any():
            ax.errorbar(x[mask], target[mask], yerr=2 * np.nan_to_num(se[mask]), fmt="o", color=COLOURS[2],
                        markerfacecolor=face, markeredgecolor=COLOURS[2], capsize=2, label=f"{label} (±2 se)")
    if np.isfinite(fit.fit_until):
        ax.axvline(fit.fit_until, color="0.3", linewidth=0.8, linestyle=":",
                   label=f"fit until {fit.fit_until_label}")
    units = [u for u in dict.fromkeys(m["unit"]) if u]
    ax.set_ylabel(_wrap(", ".join(units) if units else "published units", 40))
    ax.set_xlabel("Year")
    ax.set_xlim(lo - pad, hi + pad)
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:g}"))  # 2023.5, not an offset "+2.023e3"
    top = np.nanmax(np.abs(np.r_[target, high, fitted]))
    if np.isfinite(top) and top >= 1e4:
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_title(_wrap(series, 70))
    ax.legend(frameon=False, fontsize=6, loc="best")
    return fig


@_draw
def singular_values_chart(fit: Fit, *, out: Any = None, formats: Sequence[str] = ("png", "pdf")) -> Figure:
    """The scaled Jacobian's singular values, descending, on a log scale;
    those beyond the rank in grey, hatched."""
    ident = fit.identification
    sv = ident.singular_values
    fig = _figure(max(3.0, 0.45 * len(sv) + 1.5), 2.6)
    ax = fig.subplots()
    rank = ident.rank if ident.rank >= 0 else len(sv)
    colours = ["0.35" if i < rank else "0.85" for i in range(len(sv))]
    hatches = ["" if i < rank else "///" for i in range(len(sv))]
    positive = np.where(sv.to_numpy() > 0, sv.to_numpy(), np.nan)
    bars = ax.bar(np.arange(1, len(sv) + 1), positive, color=colours, edgecolor="black")
    for bar, hatch in zip(bars, hatches):
        bar.set_hatch(hatch)
    if np.isfinite(positive).any():
        ax.set_yscale("log")
    ax.set_xticks(np.arange(1, len(sv) + 1))
    ax.set_xlabel("Singular value (descending)")
    ax.set_ylabel("Singular value of the scaled Jacobian")
    ax.set_title(f"Rank {rank} of {len(sv)}, condition number {ident.condition_number:.3g}")
    return fig


@_draw
def matrix_heatmap(table: pd.DataFrame, *, title: str = "", label: str = "", limit: float | None = None,
                   out: Any = None, formats: Sequence[str] = ("png", "pdf")) -> Figure:
    """A moments-by-parameters table as a heat map on a diverging scale
    centred at 0 (blue negative, red positive; symmetric limits ``limit`` or
    the largest absolute value), each cell labelled with its value when the
    table is small."""
    values = table.to_numpy(dtype=float)
    fig = _figure(min(6.5, 1.8 + 0.55 * table.shape[1]), min(8.0, 1.4 + 0.28 * table.shape[0]))
    ax = fig.subplots()
    finite = values[np.isfinite(values)]
    bound = limit if limit is not None else (float(np.max(np.abs(finite))) if finite.size else 1.0)
    bound = bound if bound > 0 else 1.0
    image = ax.imshow(np.ma.masked_invalid(values), cmap="RdBu_r", vmin=-bound, vmax=bound, aspect="auto",
                      interpolation="nearest")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=35, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    if table.size <= ANNOTATE_CELLS:
        for (i, j), v in np.ndenumerate(values):
            if np.isfinite(v):
                ax.text(j, i, f"{v:.2g}", ha="center", va="center", fontsize=5.5,
                        color="white" if abs(v) > 0.6 * bound else "black")
    bar = fig.colorbar(image, ax=ax)
    bar.set_label(_wrap(label, 40))
    ax.set_title(title)
    return fig


@_draw
def search_path_chart(fit: Fit, *, out: Any = None, formats: Sequence[str] = ("png", "pdf")) -> Figure:
    """Each evaluation's objective (log scale), coloured and marked by stage,
    and the best objective so far over the search stages (step line)."""
    path = fit.search_path
    if not np.isfinite(path["objective"].to_numpy(dtype=float)).any():
        raise ValueError("no evaluation has a finite objective (evaluation_objective missing or all NaN)")
    fig = _figure(5.5, 2.8)
    ax = fig.subplots()
    x = path.index.to_numpy()
    y = path["objective"].to_numpy(dtype=float)
    for i, stage in enumerate(path["stage"].cat.categories):
        mask = (path["stage"] == stage).to_numpy() & np.isfinite(y) & (y > 0)
        if mask.any():
            ax.plot(x[mask], y[mask], linestyle="none", marker=MARKERS[i % len(MARKERS)], markersize=3,
                    color=_stage_colour(i), label=str(stage))
    best = path["best_so_far"].to_numpy(dtype=float)
    if np.isfinite(best).any():
        ax.step(x, np.where(best > 0, best, np.nan), where="post", color="black", linewidth=1.0,
                label="best so far (search)")
    if (np.isfinite(y) & (y > 0)).any():
        ax.set_yscale("log")
    ax.set_xlabel("Evaluation")
    ax.set_ylabel("Objective")
    objective = fit._float("objective")
    ax.set_title(f"Search path: {len(path)} evaluations, objective at the estimate {objective:.4g}")
    ax.legend(frameon=False, fontsize=6, ncol=2, loc="best")
    return fig


# -- the page ------------------------------------------------------------------
def _yes_no(value: Any) -> str:
    if value is pd.NA or value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    return "yes" if bool(value) else "no"


def estimates_table(fit: Fit) -> pd.DataFrame:
    p = fit.parameters
    out = p[["estimate", "std_error", "ci_low", "ci_high", "std_error_large_step", "lower", "upper", "start",
             "prior_mean", "prior_sd"]].copy()
    out.columns = ["estimate", "se", "95 % low", "95 % high", "se (large step)", "lower bound", "upper bound",
                   "start", "prior mean", "prior sd"]
    out.insert(0, "unit", p["unit"])
    out["identified"] = p["identified"].map(_yes_no)
    out["at a bound"] = p["at_bound"].map(_yes_no)
    return out


def moments_table(fit: Fit) -> pd.DataFrame:
    m = fit.moments
    out = m[["series", "date", "unit", "target", "target_se", "fitted", "fitted_se", "residual", "std_residual"]].copy()
    out.columns = ["series", "date", "unit", "target", "target se", "fitted", "fitted se", "fitted − target",
                   "standardised residual"]
    out.insert(3, "sample", np.where(m["in_fit"], "in the fit", "out of sample"))
    return out


def out_of_sample_table(fit: Fit) -> pd.DataFrame:
    o = fit.out_of_sample.copy()
    out = o[["series", "date", "unit", "target", "target_se", "prediction_lower", "prediction_median",
             "prediction_upper"]].copy()
    out.columns = ["series", "date", "unit", "observed", "observed se", "prediction 5 %", "prediction median",
                   "prediction 95 %"]
    out["inside the 5-95 % interval"] = o["inside_interval"].map(_yes_no)
    return out


def _provenance_table(fit: Fit) -> pd.DataFrame:
    from .report import _elapsed

    attrs = {**fit.attrs, "elapsed": _elapsed(fit.attrs)}
    rows = [(k, str(attrs[k])) for k in PROVENANCE_KEYS if k in attrs and str(attrs[k]) != ""]
    return pd.DataFrame(rows, columns=["", "value"]).set_index("")


def _write_page(page: Any, fit: Fit) -> None:
    a = fit.attrs

    def summary() -> None:
        status = str(a.get("status", ""))
        if status != "converged":
            page.parts.append(f'<p class="caution">Status: {html.escape(status or "unknown")}. '
                              + html.escape(_status_advice(status)) + "</p>")
        page.p(fit.j_test.sentence())
        page.table(fit.summary)

    page.h2("Summary")
    page.section("Summary", summary)

    def estimates() -> None:
        page.table(estimates_table(fit),
                   "95 % interval: estimate ± 1.96 se (se from the small Jacobian step; the large step's beside it "
                   "shows how much the se depends on the step). A parameter at a bound has an interval that "
                   "ignores the bound.")
        p = fit.parameters
        descriptions = p[p["description"] != ""]["description"]
        if len(descriptions):
            page.table(descriptions.to_frame("what it is"))

    page.h2("Estimates")
    page.section("Estimates", estimates)

    def moments() -> None:
        page.table(moments_table(fit),
                   f"Published targets against the model's mean over {a.get('replications', '?')} replicates at the "
                   "estimate (published units). Standardised residual: (fitted − target) / sqrt(Omega_mm), for "
                   f"the moments in the fit (dated up to {fit.fit_until_label}).")

    page.h2("Moments")
    page.section("Moments", moments)

    page.h2("Fit over time")
    page.p("Published values with ±2 se bars (filled: used in the fit; hollow: out of sample, dated after "
           f"{fit.fit_until_label}, the dotted line); the model's prediction median (dashed) with its 5-95 % band "
           "over parameter draws and seeds; crosses: the model at the estimate.", "note")
    used: set[str] = set()
    for series in dict.fromkeys(fit.moments["series"]):
        base = name = f"fit_over_time_{series_slug(series)}"
        suffix = 2
        while name in used:  # two series with the same slug get distinct files
            name, suffix = f"{base}_{suffix}", suffix + 1
        used.add(name)
        page.section(f"Fit over time: {series}", lambda series=series, name=name: page.figure(
            name, f"{series}: published values and the model's prediction.",
            lambda **kw: fit_over_time(fit, series, **kw)))

    page.h2("Identification")

    def flagged() -> None:
        ident = fit.identification
        page.p(f"Rank of the scaled Jacobian {ident.rank} of {len(ident.singular_values)}; condition number "
               f"{ident.condition_number:.3g}.")
        if len(ident.unidentified):
            page.parts.append('<p class="caution">Parameters not identified: '
                              + html.escape(", ".join(ident.unidentified.index)) + "</p>")
            page.table(ident.unidentified, "Why each is flagged.")
        else:
            page.p("Every parameter is identified.")
        if len(ident.trade_offs):
            page.table(ident.trade_offs, "Trade-offs: pairs of estimates that move together (their correlation).",
                       index=False)

    page.section("Identification", flagged)
    page.section("Singular values", lambda: page.figure(
        "singular_values", "Singular values of the scaled Jacobian (descending; those beyond the rank hatched). "
        "A small one means a direction in parameter space the moments hardly see.",
        lambda **kw: singular_values_chart(fit, **kw)))
    page.section("Scaled Jacobian", lambda: page.figure(
        "scaled_jacobian", "Scaled Jacobian: the response of each moment in the fit, in its standard deviations, "
        "to a parameter's move across its whole range.",
        lambda **kw: matrix_heatmap(fit.identification.scaled_jacobian, title="Scaled Jacobian",
                                    label="d moment / sqrt(Omega_mm) per full range", **kw)))

    def screen() -> None:
        ident = fit.identification
        table = ident.screen_src.copy()
        table.index = [f"{m} (R² {r:.2f})" if np.isfinite(r) else m
                       for m, r in zip(table.index, ident.screen_r_squared.reindex(table.index))]
        page.figure("screen_src", "Standardised regression coefficients of each moment on the parameters over the "
                    "global screen (R² of the linear fit beside each moment).",
                    lambda **kw: matrix_heatmap(table, title="Global screen", label="standardised regression coefficient",
                                                limit=1.0, **kw))

    page.section("Screen", screen)

    page.h2("Search path")
    page.section("Search path", lambda: page.figure(
        "search_path", "Objective at each evaluation (log scale) by stage, and the best so far over the pilot, "
        "screen, global and local stages.",
        lambda **kw: search_path_chart(fit, **kw)))

    def out_of_sample() -> None:
        table = out_of_sample_table(fit)
        if table.empty:
            page.p(f"No published value is dated after {fit.fit_until_label}: nothing out of sample.")
            return
        inside = (table["inside the 5-95 % interval"] == "yes").sum()
        page.table(table, f"Predictions for the values dated after {fit.fit_until_label}, which the fit did not "
                          f"see: {inside} of {len(table)} inside the model's 5-95 % interval.")

    page.h2("Out of sample")
    page.section("Out of sample", out_of_sample)

    page.h2("Provenance")
    page.section("Provenance", lambda: page.table(_provenance_table(fit)))


def _status_advice(status: str) -> str:
    if status == "evaluation limit":
        return "The search stopped at its evaluation limit before converging: the estimate may not be a minimum."
    if status == "not identified":
        return ("The scaled Jacobian is rank deficient: some parameters are not pinned down by the moments "
                "(see Identification); their standard errors are not meaningful.")
    return "The calibration did not report convergence."


def fit_report(
    source: str | os.PathLike | Fit,
    outdir: str | os.PathLike,
    *,
    title: str | None = None,
    formats: tuple[str, ...] = ("png", "pdf"),
):
    """Write the calibration report of FIT.h5 to ``outdir`` (created; files in
    it replaced): index.html and the figures. Returns a
    :class:`relocsim.report.Report`."""
    from .report import CSS, Report, _Page

    fit = source if isinstance(source, Fit) else load_fit(source)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    page = _Page(outdir, tuple(formats))
    try:
        heading = title or str(fit.attrs.get("title") or
                               f"relocsim calibration: {fit.attrs.get('calibration_file', Path(fit.path).name)}")
        page.parts.append(f"<h1>{html.escape(heading)}</h1>")
        page.p(f"File: {os.path.abspath(fit.path)}", "note")
        _write_page(page, fit)
    finally:
        if fit is not source:
            fit.close()
    document = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(heading)}</title><style>{CSS}{EXTRA_CSS}</style></head><body>\n"
        + "\n".join(page.parts)
        + "\n</body></html>\n"
    )
    index = outdir / "index.html"
    index.write_text(document, encoding="utf-8")
    return Report(index, page.figures, page.failures)
