"""One command from a run, a sweep archive or a calibration file to a report: a folder with
``index.html``, the figures as PNG (shown) and PDF (linked), summary tables
and the provenance (program version, git commit, seed, threads, times, the
configuration path and, in a collapsible block, the resolved configuration).
A calibration file (``relocsim calibrate``) gets its own page: fit_report.py.

``python3 -m relocsim report FILE.h5 -o DIR`` calls :func:`report`. A section
that cannot be drawn (say, Sobol indices of a design that is not Saltelli's)
is left out; one that fails shows its error in the page and on stderr
instead of taking the whole report down.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from . import figures, sensitivity, sweep
from .dates import date_label
from .results import Results, load, outcome_series

__all__ = ["Report", "report", "run_summary", "sweep_summary"]

PROVENANCE_KEYS = (
    "program_version", "git_commit", "build_type", "compiler", "compile_flags", "seed", "master_seed", "threads",
    "start_time", "end_time", "elapsed", "config_path", "command_line", "host", "sweep_id", "design_method", "design_n",
    "replications", "reference_arm", "lib_hdf5", "lib_tbb", "lib_boost", "lib_fmt", "lib_tomlplusplus",
)
# The share of a two-way table's cells with data below which the report
# draws the design points as a scatter instead of a heatmap.
HEATMAP_FILLED = 0.75
# Headline outcomes of a sweep and how to combine sectors into one number.
KEY_OUTCOMES = (
    ("india_capacity_share_end", "mean"),
    ("india_capacity_net_change", "sum"),
    ("india_jobs_added", "sum"),
    ("pli_paid_total", "sum"),
    ("firms_relocated_india", "sum"),
)

CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #111; line-height: 1.4; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #999; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
th, td { border-bottom: 1px solid #ccc; padding: 0.15rem 0.6rem; text-align: right; }
th { background: #eee; } td:first-child, th:first-child { text-align: left; }
figure { margin: 1rem 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-size: 0.85rem; color: #333; }
pre { background: #f6f6f6; padding: 0.6rem; overflow-x: auto; font-size: 0.8rem; }
.warning { background: #fff3cd; border: 1px solid #c9a227; padding: 0.4rem 0.6rem; }
.note { font-size: 0.85rem; color: #333; }
"""


@dataclass
class Report:
    """What :func:`report` wrote: ``index`` (index.html), the ``figures``
    (PNG paths) and the ``failures`` (sections that could not be drawn, with
    the error; empty when all went well)."""

    index: Path
    figures: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


class _Page:
    def __init__(self, outdir: Path, formats: tuple[str, ...]):
        self.outdir = outdir
        self.formats = formats
        self.parts: list[str] = []
        self.failures: list[str] = []
        self.figures: list[Path] = []

    def h2(self, text: str) -> None:
        self.parts.append(f"<h2>{html.escape(text)}</h2>")

    def p(self, text: str, cls: str = "") -> None:
        attr = f' class="{cls}"' if cls else ""
        self.parts.append(f"<p{attr}>{html.escape(text)}</p>")

    def table(self, frame: pd.DataFrame, caption: str = "", index: bool = True) -> None:
        if caption:
            self.parts.append(f"<p class=\"note\">{html.escape(caption)}</p>")
        self.parts.append(frame.to_html(index=index, float_format=_fmt, na_rep="–", border=0, escape=True))

    def details(self, summary: str, text: str) -> None:
        self.parts.append(
            f"<details><summary>{html.escape(summary)}</summary><pre>{html.escape(text)}</pre></details>"
        )

    def figure(self, name: str, caption: str, draw: Callable[..., Any]) -> None:
        stem = self.outdir / name
        draw(out=stem, formats=self.formats)
        png = f"{name}.png"
        links = " ".join(f'<a href="{name}.{f}">{f.upper()}</a>' for f in self.formats if f != "png")
        self.parts.append(
            f'<figure><img src="{png}" alt="{html.escape(caption)}">'
            f"<figcaption>{html.escape(caption)} {links}</figcaption></figure>"
        )
        self.figures.append(self.outdir / png)

    def section(self, title: str, body: Callable[[], None]) -> None:
        """Draw a section; on failure show the error instead."""
        mark = len(self.parts)
        try:
            body()
        except Exception as error:  # noqa: BLE001 - a report shows what it could draw
            del self.parts[mark:]
            message = f"{title}: {type(error).__name__}: {error}"
            self.failures.append(message)
            print(f"relocsim report: section failed: {message}", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            self.parts.append(f'<p class="warning">Section "{html.escape(title)}" failed: {html.escape(str(error))}</p>')


def _fmt(x: float) -> str:
    if not np.isfinite(x):
        return "–"
    if abs(x) >= 1e9:
        return f"{x:.3e}"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if x == 0 or abs(x) >= 1e-3:
        return f"{x:.4g}"
    return f"{x:.3g}"


def _elapsed(attrs: dict[str, Any]) -> str:
    try:
        start = dt.datetime.fromisoformat(str(attrs["start_time"]).replace("Z", "+00:00"))
        end = dt.datetime.fromisoformat(str(attrs["end_time"]).replace("Z", "+00:00"))
        return f"{(end - start).total_seconds():.0f} s"
    except (KeyError, ValueError):
        return ""


def _provenance(page: _Page, res: Results) -> None:
    prov = res.provenance
    prov = {**prov, "elapsed": _elapsed(prov)}
    rows = [(k, str(prov[k])) for k in PROVENANCE_KEYS if k in prov and str(prov[k]) != ""]
    page.table(pd.DataFrame(rows, columns=["", "value"]).set_index(""), index=True)
    page.details("Resolved configuration (TOML)", prov.get("resolved_config", ""))
    for arm, text in prov.get("arm_config", {}).items():
        page.details(f"Configuration of arm {arm} (TOML)", text)
    for path, text in prov.get("input_files", {}).items():
        page.details(f"Input file {path}", text)


# -- runs ----------------------------------------------------------------------------
def run_summary(res: Results) -> dict[str, pd.DataFrame]:
    """The run's summary tables: capacity share by bloc at the start and the
    end per sector; firms relocated to India and ASEAN; PLI by sector;
    project times by bloc; Indian sites at the end."""
    ds = res.ds
    names = {str(s): str(n) for s, n in zip(ds["sector"].values, ds["sector_name"].values)}
    share = ds["capacity_share"]
    start, end = date_label(float(ds["year"].values[0])), date_label(float(ds["year"].values[-1]))
    # Shares in percent, as the terminal summary and the figures show them.
    shares = pd.DataFrame(
        {
            f"{bloc} {when} (%)": np.round(100 * share.sel(bloc=bloc).isel(step=step).values, 1)
            for bloc in ds["bloc"].values
            for when, step in ((start, 0), (end, -1))
        },
        index=pd.Index([names[str(s)] for s in ds["sector"].values], name="sector"),
    )

    events = res["events"]
    blocs = dict(zip(ds["site"].values, res._decoded("site_bloc").astype(str)))
    completed = events[events["kind"].astype(str).isin(["move_completed", "add_completed"])]
    to_bloc = completed["to_site"].astype(object).map(blocs)
    from_bloc = completed["from_site"].astype(object).map(blocs)
    firms = pd.DataFrame(
        {
            "firms that moved or added a plant there": [
                completed.loc[(to_bloc == b) & (from_bloc != b), "firm"].nunique() for b in ("India", "ASEAN")
            ],
            "moves completed": [int(((to_bloc == b) & (completed["kind"] == "move_completed")).sum()) for b in ("India", "ASEAN")],
            "plants added": [int(((to_bloc == b) & (completed["kind"] == "add_completed")).sum()) for b in ("India", "ASEAN")],
        },
        index=pd.Index(["India", "ASEAN"], name="to"),
    )

    last = ds.isel(step=-1)
    pli_table = pd.DataFrame(
        {
            "PLI paid (USD million)": last["pli_paid_cumulative"].values,
            "outlay left (USD million)": last["pli_remaining"].values,
            "incremental Indian jobs": last["india_incremental_jobs"].values,
            # committed (not only paid) per job, as the engine computes it
            "PLI committed per incremental job (USD thousand)": 1000 * last["pli_cost_per_job"].values,
        },
        index=pd.Index([names[str(s)] for s in ds["sector"].values], name="sector"),
    )
    pli_table = pli_table[(pli_table.iloc[:, 0] > 0) | (pli_table.iloc[:, 1] > 0)]

    delays = res["delays"]
    grouped = delays.groupby("to_bloc", observed=False)
    times = pd.DataFrame(
        {
            "started": grouped.size(),
            "completed": grouped["outcome"].apply(lambda o: int((o == "completed").sum())),
            "abandoned": grouped["outcome"].apply(lambda o: int((o == "abandoned").sum())),
            "median months to completion": grouped.apply(lambda g: g.loc[g["outcome"] == "completed", "months"].median()),
            "mean months to completion": grouped.apply(lambda g: g.loc[g["outcome"] == "completed", "months"].mean()),
        }
    )
    times.index.name = "bloc of the site"

    sites = res["site"]
    india = sites[sites["site_bloc"].astype(str) == "India"]["site"].tolist()
    indian = pd.DataFrame(
        {
            "corridor": [str(ds["site_corridor"].sel(site=s).values) for s in india],
            "capacity (USD million of output a year)": last["capacity"].sel(site=india).sum("sector").values,
            "employment": last["employment"].sel(site=india).sum("sector").values,
            "plants": last["plants"].sel(site=india).sum("sector").values,
            "projects under way": last["projects_pending"].sel(site=india).values,
        },
        index=pd.Index([str(ds["site_name"].sel(site=s).values) for s in india], name="Indian site"),
    )
    return {
        "Capacity share by bloc": shares,
        "Relocation": firms,
        "PLI by sector at the end": pli_table,
        "Projects by bloc of the site": times,
        "Indian sites at the end": indian,
    }


def _run_report(page: _Page, res: Results) -> None:
    def tables() -> None:
        for caption, frame in run_summary(res).items():
            page.parts.append(f"<h3>{html.escape(caption)}</h3>")
            page.table(frame)

    page.h2("Summary")
    page.section("Summary", tables)
    page.h2("Figures")
    page.section("Capacity share", lambda: page.figure(
        "capacity_share_by_bloc", "Capacity share by bloc over time, one panel per sector.",
        lambda **kw: figures.capacity_share_by_bloc(res, **kw)))
    page.section("India against ASEAN", lambda: page.figure(
        "india_and_asean", "India's capacity share on its own scale (left axis) against ASEAN's (right axis), "
        "one panel per sector.",
        lambda **kw: figures.india_and_asean(res, **kw)))
    page.section("Indian sites", lambda: page.figure(
        "indian_sites", "Capacity and employment by Indian site at the end, stacked by sector; DMIC nodes shaded.",
        lambda **kw: figures.indian_sites(res, **kw)))
    page.section("Projects and delays", lambda: page.figure(
        "projects_and_delays",
        "Projects under way by bloc, and months from a project's start to its completion (approval and building).",
        lambda **kw: figures.projects_and_delays(res, **kw)))
    page.section("PLI", lambda: page.figure(
        "pli", "PLI paid, outlay left and PLI committed per incremental Indian job, sectors with a scheme.",
        lambda **kw: figures.pli(res, **kw)))
    if "value_breakdown" in res.ds.variables:
        page.h2("Why firms would or would not move")
        page.p("For each sector's typical producer in China (mean sales mix, productivity 1, middle risk aversion, "
               "the median agent's size, at the sector's largest Chinese site), the gain over staying of moving "
               "all capacity to the best site of each bloc, part by part: per year, in percent of output value "
               "(values over the horizon divided by the annuity factor; one-off costs as their annual equivalent). "
               "Blue bars raise the gain, orange hatched ones lower it; parts that are zero everywhere are left out. `relocsim explain CONFIG --sector S --year Y` "
               "prints the same parts for any date and every site.", "note")
        for sector in res.ds["sector"].values:
            sector = str(sector)
            page.section(f"Value of moving: {sector}", lambda sector=sector: page.figure(
                f"value_waterfall_{sector}",
                f"{figures._sector_title(res.ds, sector)}: gain over staying of moving to each bloc's best site, "
                "by part, at the start (top) and the end (bottom) of the run.",
                lambda **kw: figures.value_waterfall(res, sector, **kw)))
    if "choice_situation" in res.ds.variables:
        from .econometrics import fit_choice_logit

        def logit() -> None:
            est = fit_choice_logit(res.path)
            page.table(est.table, f"Conditional logit of the logged choices ({est.situations} situations, "
                                  f"{est.options} options); true coefficient = logit_scale = {est.logit_scale:g}.")
            for note in est.notes:
                page.p(note, "note")

        page.h2("Choice model re-estimated")
        page.section("Choice model", logit)


# -- sweeps --------------------------------------------------------------------------
def _outcomes(res: Results) -> list[tuple[str, str]]:
    return [(o, r) for o, r in KEY_OUTCOMES if o in res.ds]


def _scale(res: Results, outcome: str, difference: bool = False) -> tuple[float, str]:
    """Shares in percent (differences in percentage points), the rest as stored."""
    if figures.is_share(outcome, str(res.ds[outcome].attrs.get("units", "1"))):
        return 100.0, " (percentage points)" if difference else " (%)"
    return 1.0, ""


def _outcome_name(res: Results, outcome: str, reduce: str) -> str:
    if "sector" not in res.ds[outcome].dims:
        return outcome
    return f"{outcome} ({'mean' if reduce == 'mean' else reduce} over sectors)"


def sweep_summary(res: Results) -> dict[str, pd.DataFrame]:
    """The sweep's summary tables: run status, parameters, and each key
    outcome's mean and sd by arm (sectors combined: mean of shares, sum of
    the rest)."""
    runs = res["runs"]
    status = runs.groupby("status", observed=False).size().rename("runs").to_frame()
    params = pd.DataFrame(
        {"lower": res.ds["param_lower"].values, "upper": res.ds["param_upper"].values},
        index=pd.Index([str(p) for p in res.ds["param"].values], name="parameter"),
    ) if "param" in res.ds.coords else pd.DataFrame()
    rows = []
    for outcome, reduce in _outcomes(res):
        y = outcome_series(res, outcome, None, reduce)
        frame = runs[["run", "arm", "status"]].assign(y=y.reindex(runs["run"]).to_numpy())
        frame = frame[frame["status"].astype(str) == "done"]
        scale, unit = _scale(res, outcome)
        for arm, group in frame.groupby("arm", observed=True):
            y = scale * group["y"]
            rows.append((_outcome_name(res, outcome, reduce) + unit, str(arm), y.count(), y.mean(), y.std(ddof=1),
                         y.quantile(0.05), y.quantile(0.95)))
    outcomes = pd.DataFrame(rows, columns=["outcome", "arm", "runs", "mean", "sd", "5 %", "95 %"]).set_index(["outcome", "arm"])
    return {"Runs by status": status, "Parameters": params, "Outcomes by arm": outcomes}


def _sweep_report(page: _Page, res: Results) -> None:
    ds = res.ds
    method = str(ds.attrs.get("design_method", ""))
    arms = [str(a) for a in ds["arm"].values] if "arm" in ds.coords else []
    params = [str(p) for p in ds["param"].values] if "param" in ds.coords else []
    key, key_reduce = _outcomes(res)[0] if _outcomes(res) else (None, "sum")

    def tables() -> None:
        for caption, frame in sweep_summary(res).items():
            if frame.empty:
                continue
            page.parts.append(f"<h3>{html.escape(caption)}</h3>")
            page.table(frame)
        failed = res["runs"]
        failed = failed[failed["status"].astype(str) != "done"][["run", "arm", "design_row", "replicate", "status", "error"]]
        if len(failed):
            page.parts.append("<h3>Runs that did not finish</h3>")
            page.table(failed.head(50), "first 50" if len(failed) > 50 else "", index=False)

    page.h2("Summary")
    page.section("Summary", tables)

    if len(arms) > 1:
        def differences() -> None:
            rows = []
            for outcome, reduce in _outcomes(res):
                table = sweep.paired_differences(res, outcome, None, reduce)
                scale, unit = _scale(res, outcome, difference=True)
                for _, row in table.iterrows():
                    rows.append((outcome + unit, row["arm"], row["n"], scale * row["mean"], scale * row["ci_low"],
                                 scale * row["ci_high"]))
            page.table(pd.DataFrame(rows, columns=["outcome", "arm", "pairs", "mean difference", "95 % CI low", "95 % CI high"])
                       .set_index(["outcome", "arm"]),
                       f"Paired differences from the reference arm {ds.attrs.get('reference_arm', arms[0])} "
                       "(same design row and replicate: common random numbers); t intervals.")
            page.figure("paired_differences", "Paired differences with 95 % confidence intervals.",
                        lambda **kw: figures.paired_differences(res, key, reduce=key_reduce, **kw))

        page.h2("Paired comparisons")
        page.section("Paired comparisons", differences)

    page.h2("Replications")

    def fans() -> None:
        sectors = [str(s) for s in ds["sector"].values][:4]
        for sector in sectors:
            select = {"bloc": "India", "sector": sector} if "bloc" in ds["capacity_share"].dims else {"sector": sector}
            page.figure(f"fan_capacity_share_{sector}",
                        f"India's capacity share in {figures.readable(sector)}: median and 25-75 %, "
                        "5-95 % bands over runs.",
                        lambda **kw: figures.fan_chart(res, "capacity_share", select, **kw))

    if "capacity_share" in ds:
        page.section("Fan charts", fans)

    def noise() -> None:
        rows, advice = [], []
        for outcome, reduce in _outcomes(res):
            r = sensitivity.replication_noise_from_sweep(res, outcome, None, reduce)
            rows.append((outcome, "constant across runs" if r.total_var == 0 else _fmt(100 * r.noise_share), r.replications, r.points,
                         r.se_ratio, r.needed))
            advice.append(r.advice)
        page.table(pd.DataFrame(rows, columns=["outcome", "noise share of variance (%)", "replications", "design points",
                                               "SE of a point's mean / between-point sd", "replications for 0.1"])
                   .set_index("outcome"), "Variance across replicates at a fixed design point over total variance.")
        for text in dict.fromkeys(advice):
            page.p(text, "note")

    page.section("Replication noise", noise)

    if params and key is not None and method != "compare":
        page.h2("Parameters")
        if len(params) >= 1:
            page.section("Tornado", lambda: page.figure(
                "tornado", f"Effect of each parameter from its lower to its upper bound on {key}.",
                lambda **kw: figures.tornado(res, key, reduce=key_reduce,
                                             method="grid" if method == "grid" else "regression", **kw)))
        if len(params) >= 2:
            def heat() -> None:
                order = sweep.tornado_effects(res, key, None, key_reduce)["param"].tolist()
                x, y = (order + params)[:2] if len(order) >= 2 else params[:2]
                table = sweep.two_way_means(res, key, x, y, None, key_reduce)
                if table.notna().to_numpy().mean() < HEATMAP_FILLED:
                    # A small or scattered design (a 4-point LHS): a grid of
                    # mostly empty cells hides it; a scatter shows each point.
                    page.figure("design_scatter", f"Mean {key} at each design point over {x} and {y}.",
                                lambda **kw: figures.design_scatter(res, key, x, y, reduce=key_reduce, **kw))
                else:
                    page.figure("heatmap", f"Mean {key} over {x} and {y}.",
                                lambda **kw: figures.heatmap(res, key, x, y, reduce=key_reduce, **kw))

            page.section("Heatmap", heat)
        if method == "saltelli":
            def sobol() -> None:
                result = sensitivity.sobol_from_sweep(res, key, None, key_reduce)
                page.table(result.table(), f"Sobol' indices of {key}; {result.estimators}.")
                if len(result.second):
                    page.table(result.second, "Second-order indices", index=False)
                for note in result.notes:
                    page.p(note, "note")
                page.figure("sobol", f"Sobol' indices of {key}.", lambda **kw: figures.sobol_chart(result, **kw))

            page.section("Sobol indices", sobol)
        if method == "morris":
            def morris() -> None:
                table = sensitivity.morris_from_sweep(res, key, None, key_reduce)
                page.table(table, f"Morris elementary effects of {key} (per full parameter range).")
                page.figure("morris", f"Morris mu* and sigma of {key}.", lambda **kw: figures.morris_chart(table, **kw))

            page.section("Morris", morris)


def report(
    source: str | os.PathLike | Results,
    outdir: str | os.PathLike,
    *,
    title: str | None = None,
    formats: tuple[str, ...] = ("png", "pdf"),
) -> Report:
    """Write the report of a run, a sweep archive or a calibration file
    (``relocsim calibrate``: see fit_report.py) to ``outdir`` (created;
    files in it are replaced): index.html and the figures."""
    from .fit import Fit, is_calibration

    if isinstance(source, Fit) or (not isinstance(source, Results) and is_calibration(source)):
        from .fit_report import fit_report

        return fit_report(source, outdir, title=title, formats=formats)
    res = source if isinstance(source, Results) else load(source)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    page = _Page(outdir, tuple(formats))
    try:
        attrs = res.ds.attrs
        what = "sweep" if res.kind == "sweep" else "run"
        heading = title or str(attrs.get("title") or f"relocsim {what}: {attrs.get('config_path', Path(res.path).name)}")
        page.parts.append(f"<h1>{html.escape(heading)}</h1>")
        page.p(f"File: {os.path.abspath(res.path)}", "note")
        if res.kind == "sweep":
            _sweep_report(page, res)
        else:
            _run_report(page, res)
        page.h2("Provenance")
        page.section("Provenance", lambda: _provenance(page, res))
    finally:
        if res is not source:
            res.close()
    document = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(heading)}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(page.parts)
        + "\n</body></html>\n"
    )
    index = outdir / "index.html"
    index.write_text(document, encoding="utf-8")
    return Report(index, page.figures, page.failures)
