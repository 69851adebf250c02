"""Publication figures of a run or a sweep archive.

Every function takes a path or a :class:`relocsim.Results`, draws one
``matplotlib.figure.Figure`` (no pyplot, no display: Agg), saves it as
``OUT.png`` and ``OUT.pdf`` when ``out`` is given, and returns it. Axes carry
the variables' ``long_name`` and ``units``; series differ by line style,
marker and hatch as well as colour, so the figures read in greyscale.

Shares are drawn as the file holds them (fractions) on axes labelled in
percent, as the terminal and the report's tables print them.

Runs: :func:`capacity_share_by_bloc`, :func:`india_and_asean`,
:func:`indian_sites`, :func:`projects_and_delays`, :func:`pli`,
:func:`value_waterfall`. Sweeps: :func:`fan_chart`,
:func:`heatmap`, :func:`tornado`, :func:`paired_differences`,
:func:`sobol_chart`, :func:`morris_chart`.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, StrMethodFormatter

from . import sweep as sweep_stats
from .dates import date_label
from .results import Results, with_results

__all__ = [
    "axis_label",
    "save",
    "capacity_share_by_bloc",
    "india_and_asean",
    "indian_sites",
    "projects_and_delays",
    "pli",
    "value_breakdown",
    "value_waterfall",
    "fan_chart",
    "heatmap",
    "design_scatter",
    "tornado",
    "paired_differences",
    "sobol_chart",
    "morris_chart",
]

# Okabe and Ito's colour-blind-safe palette; line styles, markers and
# hatches repeat the distinction for greyscale print.
COLOURS = ["#000000", "#E69F00", "#0072B2", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#999999"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1)), (0, (8, 2)), (0, (3, 1, 3, 3))]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
HATCHES = ["", "///", "\\\\\\", "xxx", "...", "+++", "ooo", "---"]
GREYS = ["0.15", "0.45", "0.7", "0.85", "0.3", "0.6", "0.95", "0.05"]
# Filled bars (sectors): Okabe and Ito without black, so the black edges and
# hatches stay visible; hatches repeat the distinction in greyscale.
SECTOR_COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"]

STYLE = {
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.labelsize": 8,
    "legend.fontsize": 7,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "lines.linewidth": 1.2,
    "lines.markersize": 3.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "pdf.fonttype": 42,  # TrueType in the PDF: editable text, accepted by journals
    "hatch.linewidth": 0.6,
}
WIDTH = 6.5  # inches: a page's text width

# Words for dimensionless units ("1" in the file) by variable.
_COUNTS = {
    "employment", "plants", "projects_pending", "moves_started", "additions_started", "moves_completed",
    "additions_completed", "abandoned", "firms_reviewing", "india_incremental_jobs", "india_jobs_added",
    "firms_relocated_india", "firms_relocated_asean",
}


def series_style(i: int) -> dict[str, Any]:
    """Colour, line style and marker of the i-th series."""
    return {
        "color": COLOURS[i % len(COLOURS)],
        "linestyle": LINESTYLES[i % len(LINESTYLES)],
        "marker": MARKERS[i % len(MARKERS)],
    }


# The file's units as a reader reads them on an axis.
_UNIT_WORDS = {
    "unit": "USD million of output a year",  # a unit of capacity: constant 2020 USD (docs/OUTPUT.md)
    "USD million per unit": "USD million per USD million of output a year",
}


def _units_word(name: str, units: str) -> str:
    if units != "1":
        return _UNIT_WORDS.get(units, units)
    base = name[5:] if name.startswith("diff_") else name
    if base in _COUNTS or base.endswith("_jobs"):
        return "count"
    if "share" in base:
        return "percentage points" if name.startswith("diff_") else "%"
    if "hhi" in base:
        return "index"
    return "dimensionless"


def axis_label(var: Any, name: str | None = None, text: str | None = None) -> str:
    """``Long name (units)`` of a variable: long_name up to its first ``;``
    (or ``text`` for an aggregate), units from the ``units`` attribute
    (``1`` rendered as share, count, index or dimensionless)."""
    attrs = var.attrs
    name = name or str(var.name)
    long_name = text or str(attrs.get("long_name", name)).split(";")[0].strip()
    long_name = long_name[:1].upper() + long_name[1:]
    return f"{long_name} ({_units_word(name, str(attrs.get('units', '1')))})"


def is_share(name: str, units: str = "1") -> bool:
    """A share (a fraction in the file, drawn in percent)."""
    base = name[5:] if name.startswith("diff_") else name
    return units == "1" and "share" in base and "hhi" not in base


def percent_axis(axis: Any, points: bool = False) -> None:
    """Tick labels in percent of a fraction (the data stay fractions, as in
    the file); ``points`` for differences of shares (percentage points)."""
    if points:
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{100 * v:+.3g}" if v else "0"))
    else:
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{100 * v:.3g}%"))


def save(fig: Figure, out: str | os.PathLike | None, formats: Sequence[str] = ("png", "pdf")) -> list[Path]:
    """Save ``fig`` as OUT.png and OUT.pdf (any suffix of ``out`` replaced)."""
    if out is None:
        return []
    stem = Path(out)
    if stem.suffix.lower() in (".png", ".pdf", ".svg"):
        stem = stem.with_suffix("")
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = stem.with_name(f"{stem.name}.{fmt}")
        metadata = {"CreationDate": None} if fmt == "pdf" else {"Software": "relocsim analysis"}
        fig.savefig(path, dpi=200 if fmt == "png" else 300, bbox_inches="tight", metadata=metadata)
        paths.append(path)
    return paths


def _figure(width: float, height: float) -> Figure:
    import matplotlib

    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, height), layout="constrained")
    return fig


def _draw(func):
    """Run a drawing function with the house style."""
    import functools

    import matplotlib

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            fig = func(*args, **kwargs)
            save(fig, kwargs.get("out"), kwargs.get("formats", ("png", "pdf")))
        return fig

    return wrapper


def _grid(n: int, ncols: int = 3) -> tuple[int, int]:
    ncols = min(ncols, n)
    return math.ceil(n / ncols), ncols


def _sector_title(ds: Any, sector: str) -> str:
    if "sector_name" in ds:
        return str(ds["sector_name"].sel(sector=sector).values)
    return sector


def _markevery(n: int) -> int:
    return max(1, n // 8)


def _hide_unused(axes: np.ndarray, used: int) -> None:
    for ax in axes.ravel()[used:]:
        ax.set_visible(False)


def _bottom_ticks(axes: np.ndarray, used: int) -> None:
    """Tick labels under the lowest visible panel of each column."""
    nrows, ncols = axes.shape
    for c in range(ncols):
        rows = [r for r in range(nrows) if r * ncols + c < used]
        if rows:
            axes[rows[-1], c].xaxis.set_tick_params(labelbottom=True)


_PROPER = ("India", "China", "ASEAN", "PLI", "DMIC")


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the text starts with a proper noun."""
    return text if text.startswith(_PROPER) else text[:1].lower() + text[1:]


def _year_axis(ax: Any) -> None:
    """Label the x axis "Year", ticks on whole years."""
    ax.set_xlabel("Year")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))


def _period(ds: Any, year: float) -> str:
    """The record at decimal ``year`` named by its date, "2036-01-01": the
    one convention relocsim prints time in (dates.py)."""
    return date_label(year)


def _wrap(text: str, width: int = 34) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


# -- runs ---------------------------------------------------------------------------
@_draw
@with_results
def capacity_share_by_bloc(source: Any, *, out: Any = None, formats: Sequence[str] = ("png", "pdf"), ncols: int = 3) -> Figure:
    """Capacity share of each bloc over time, one panel per sector."""
    res = source
    ds = res.ds
    share = ds["capacity_share"]
    sectors = [str(s) for s in ds["sector"].values]
    nrows, ncols = _grid(len(sectors), ncols)
    fig = _figure(WIDTH, 1.9 * nrows + 0.4)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False))
    years = ds["year"].values
    for k, sector in enumerate(sectors):
        ax = axes.ravel()[k]
        for b, bloc in enumerate(ds["bloc"].values):
            ax.plot(years, share.sel(bloc=bloc, sector=sector).values, label=str(bloc),
                    markevery=_markevery(len(years)), **series_style(b))
        ax.set_title(_wrap(_sector_title(ds, sector)))
        ax.set_ylim(0, 1)
        percent_axis(ax.yaxis)
    _hide_unused(axes, len(sectors))
    _bottom_ticks(axes, len(sectors))
    fig.supylabel(axis_label(share), fontsize=8)
    fig.supxlabel("Year", fontsize=8)
    for ax in axes.ravel():
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    handles, labels = axes.ravel()[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=len(labels), frameon=False)
    fig.suptitle("Capacity share by bloc")
    return fig


@_draw
@with_results
def india_and_asean(source: Any, *, out: Any = None, formats: Sequence[str] = ("png", "pdf"), ncols: int = 3) -> Figure:
    """India's capacity share on its own scale, with ASEAN's on a second axis
    of its own, one panel per sector: on the 0-100 % axis of
    :func:`capacity_share_by_bloc` a share of a few percent lies flat."""
    res = source
    ds = res.ds
    share = ds["capacity_share"]
    sectors = [str(s) for s in ds["sector"].values]
    nrows, ncols = _grid(len(sectors), ncols)
    fig = _figure(WIDTH, 1.9 * nrows + 0.5)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, squeeze=False))
    years = ds["year"].values
    india_style, asean_style = series_style(2), series_style(1)
    twins = []
    for k, sector in enumerate(sectors):
        ax = axes.ravel()[k]
        ax.plot(years, share.sel(bloc="India", sector=sector).values, label="India (left axis)",
                markevery=_markevery(len(years)), **india_style)
        twin = ax.twinx()
        twins.append(twin)
        twin.plot(years, share.sel(bloc="ASEAN", sector=sector).values, label="ASEAN (right axis)",
                  markevery=_markevery(len(years)), **asean_style)
        for axis, style in ((ax, india_style), (twin, asean_style)):
            percent_axis(axis.yaxis)
            axis.yaxis.set_major_locator(MaxNLocator(nbins=4))
            axis.tick_params(axis="y", colors=style["color"], labelsize=6)
        twin.spines["right"].set_visible(True)
        ax.set_title(_wrap(_sector_title(ds, sector)))
    _hide_unused(axes, len(sectors))
    _bottom_ticks(axes, len(sectors))
    fig.supylabel("India's share of the sector's capacity (%, left axis)", fontsize=8, color=india_style["color"])
    fig.text(1.0, 0.5, "ASEAN's share of the sector's capacity (%, right axis)", rotation=90, va="center",
             ha="left", fontsize=8, color=asean_style["color"])
    fig.supxlabel("Year", fontsize=8)
    for ax in axes.ravel():
        # few ticks: the panels are narrow, and four-digit years collide
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    lines = [axes.ravel()[0].get_lines()[0], twins[0].get_lines()[0]]
    fig.legend(lines, [l.get_label() for l in lines], loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=2,
               frameon=False)
    fig.suptitle("India against ASEAN, each on its own scale (ASEAN's share on the right axis)")
    return fig


@_draw
@with_results
def indian_sites(source: Any, *, out: Any = None, formats: Sequence[str] = ("png", "pdf"), step: int = -1) -> Figure:
    """Capacity and employment at each Indian site at ``step`` (default the
    last), as horizontal bars stacked by sector (colours, and hatches for
    greyscale print).
    DMIC nodes (``site_corridor == "DMIC"``) come first, on a shaded band,
    their names marked ``[DMIC]``."""
    res = source
    ds = res.ds
    blocs = [str(b) for b in ds["bloc"].values]
    codes = res.raw["site_bloc"].values
    india = [str(s) for s, c in zip(ds["site"].values, codes) if blocs[int(c)] == "India"]
    corridor = {str(s): str(c) for s, c in zip(ds["site"].values, ds["site_corridor"].values)}
    india.sort(key=lambda s: corridor[s] != "DMIC")  # stable: file order within each group
    dmic = [s for s in india if corridor[s] == "DMIC"]
    at = ds.isel(step=step)
    year = float(at["year"].values)
    sectors = [str(s) for s in ds["sector"].values]
    fig = _figure(WIDTH, 0.3 * max(len(india), 3) + 1.6)
    axes = fig.subplots(1, 2, sharey=True)
    names = [_wrap(str(ds["site_name"].sel(site=s).values), 30) + (" [DMIC]" if s in dmic else "") for s in india]
    y = np.arange(len(india))[::-1]  # first site on top
    for ax, name in zip(axes, ("capacity", "employment")):
        left = np.zeros(len(india))
        values = at[name].sel(site=india).transpose("site", "sector").values if india else np.zeros((0, len(sectors)))
        for j, sector in enumerate(sectors):
            ax.barh(y, values[:, j], left=left, color=SECTOR_COLOURS[j % len(SECTOR_COLOURS)],
                    hatch=HATCHES[j % len(HATCHES)], edgecolor="black", linewidth=0.4, label=_sector_title(ds, sector))
            left = left + values[:, j]
        if dmic:
            ax.axhspan(y[len(dmic) - 1] - 0.5, y[0] + 0.5, color="0.9", zorder=0)
        ax.set_xlabel(_wrap(axis_label(ds[name]), 32))
        ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.tick_params(axis="x", labelrotation=30)
    axes[0].set_yticks(y, names)
    axes[0].set_ylabel("Indian site")
    if dmic:
        # Inside the plot, at the band's right end: outside it the label was
        # cut off or hung beside the figure.
        # The band is often nearly empty: say how little it holds, so a
        # reader does not take the thin bars for a drawing fault.
        cap = at["capacity"].sel(site=india).sum("sector")
        held = float(cap.sel(site=dmic).sum()) / float(cap.sum()) if float(cap.sum()) > 0 else float("nan")
        axes[1].text(0.98, y[0] + 0.45, f"DMIC nodes (shaded):\n{100 * held:.3g}% of Indian capacity",
                     transform=axes[1].get_yaxis_transform(), ha="right", va="top", fontsize=7, style="italic")
    axes[0].set_title(f"Capacity, {_period(ds, year)}")
    axes[1].set_title(f"Employment, {_period(ds, year)}")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, [_wrap(t, 40) for t in labels], loc="upper center", bbox_to_anchor=(0.5, 0.0),
               ncols=min(3, len(labels)), frameon=False)
    return fig


@_draw
@with_results
def projects_and_delays(source: Any, *, out: Any = None, formats: Sequence[str] = ("png", "pdf")) -> Figure:
    """Left: projects under way by bloc over time. Right: the distribution of
    months from a project's start to its completion (approval and building;
    from the events, resolution one step), by bloc of the site."""
    res = source
    ds = res.ds
    blocs = [str(b) for b in ds["bloc"].values]
    codes = res.raw["site_bloc"].values
    pending = ds["projects_pending"]
    fig = _figure(WIDTH, 2.6)
    left, right = fig.subplots(1, 2)
    years = ds["year"].values
    for b, bloc in enumerate(blocs):
        sites = [s for s, c in zip(ds["site"].values, codes) if int(c) == b]
        left.plot(years, pending.sel(site=sites).sum("site").values, label=bloc,
                  markevery=_markevery(len(years)), **series_style(b))
    _year_axis(left)
    left.set_ylabel(_wrap(axis_label(pending, text="Projects under way in the bloc"), 40))
    left.set_title("Projects under way")
    left.legend(frameon=False)
    delays = res["delays"]
    done = delays[delays["outcome"] == "completed"]
    months = done["months"].to_numpy(float)
    step_months = 12.0 * float(years[1] - years[0]) if len(years) > 1 else 3.0
    top = max(months.max() if len(months) else 0.0, step_months)
    edges = np.arange(-step_months / 2, top + step_months, step_months)
    for b, bloc in enumerate(blocs):
        values = done.loc[done["to_bloc"].astype(str) == bloc, "months"].to_numpy(float)
        if len(values):
            right.hist(values, bins=edges, histtype="step", label=f"{bloc} (n = {len(values)})",
                       color=COLOURS[b], linestyle=LINESTYLES[b], hatch=HATCHES[b + 1], linewidth=1.2)
    right.set_xlabel("Time from project start to completion (month)")
    right.set_ylabel("Completed projects (count)")
    right.set_title("Approval and building time")
    if len(months):
        right.legend(frameon=False)
    return fig


def _pli_sectors(ds: Any) -> list[str]:
    paid = ds["pli_paid_cumulative"].isel(step=-1)
    remaining = ds["pli_remaining"].max("step")
    return [str(s) for s in ds["sector"].values if float(paid.sel(sector=s)) > 0 or float(remaining.sel(sector=s)) > 0]


@_draw
@with_results
def pli(source: Any, *, out: Any = None, formats: Sequence[str] = ("png", "pdf")) -> Figure:
    """PLI paid (cumulative), outlay left and cost per incremental Indian job
    over time, one line per sector with a scheme."""
    res = source
    ds = res.ds
    sectors = _pli_sectors(ds)
    fig = _figure(WIDTH, 2.4)
    axes = fig.subplots(1, 3)
    years = ds["year"].values
    panels = (
        ("pli_paid_cumulative", "PLI paid", "Paid since the start"),
        ("pli_remaining", "PLI outlay left", "Outlay left"),
        ("pli_cost_per_job", "PLI committed per job", "Committed per incremental job"),
    )
    for ax, (name, title, text) in zip(axes, panels):
        for j, sector in enumerate(sectors):
            ax.plot(years, ds[name].sel(sector=sector).values, label=_sector_title(ds, sector),
                    markevery=_markevery(len(years)), **series_style(j))
        _year_axis(ax)
        if name == "pli_cost_per_job":
            # Tens of thousands of dollars per job read better in thousands
            # than as 0.07 million; the data stay in the file's USD million.
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{1000 * v:,.0f}"))
            ax.set_ylabel(_wrap(f"{text} (USD thousand per job)", 40))
        else:
            ax.set_ylabel(_wrap(axis_label(ds[name], text=text), 40))
        ax.set_title(title)
        if not sectors:
            ax.text(0.5, 0.5, "no PLI scheme in this run", transform=ax.transAxes, ha="center")
    if sectors:
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles, [_wrap(t, 36) for t in labels], loc="upper center", bbox_to_anchor=(0.5, 0.0),
                   ncols=min(3, len(labels)), frameon=False)
    return fig


def value_breakdown(ds: Any, sector: str) -> pd.DataFrame:
    """The run file's value_breakdown for one sector as a table: one row per
    (time, option), the parts as columns, per year in percent of output value
    (horizon value / annuity x 100), with the option's site, its total and its
    gain over staying. Empty when the file has no breakdown (older runs, sweeps)."""
    if "value_breakdown" not in ds:
        return pd.DataFrame()
    parts = [str(p) for p in ds["value_part"].values]
    rows = []
    for t, year in enumerate(ds["breakdown_time"].values):
        annuity = float(ds["value_breakdown_annuity"].values[t])
        values = ds["value_breakdown"].sel(sector=sector).isel(breakdown_time=t)
        stay = 100 * float(values.sel(breakdown_option="stay").sum()) / annuity
        for option in ds["breakdown_option"].values:
            v = 100 * values.sel(breakdown_option=option).values / annuity
            if not np.all(np.isfinite(v)):
                continue
            site = ds["value_breakdown_site"].sel(sector=sector, breakdown_option=option).isel(breakdown_time=t)
            # The fill value (-1, no site) reads as NaN through xarray.
            code = float(site.values)
            rows.append({"year": float(year), "option": str(option),
                         "site": str(ds["site"].values[int(code)]) if np.isfinite(code) and code >= 0 else "",
                         **dict(zip(parts, v)), "total": float(v.sum()), "gain over staying": float(v.sum()) - stay})
    return pd.DataFrame(rows)


@_draw
@with_results
def value_waterfall(source: Any, sector: str, *, out: Any = None, formats: Sequence[str] = ("png", "pdf")) -> Figure:
    """Why a sector's firms would or would not move: for the sector's
    representative China producer, the gain over staying of moving all
    capacity to the best site of each bloc, built up part by part from the
    top (per year, percent of output value), at the run's start (top row)
    and end (bottom row). The run file's value_breakdown, as `relocsim
    explain` prints it; parts that are zero in every panel are left out."""
    res = source
    table = value_breakdown(res.ds, sector)
    if table.empty:
        raise ValueError("the run file has no value_breakdown (written by relocsim run)")
    parts = [str(p) for p in res.ds["value_part"].values]
    years = sorted(table["year"].unique())
    blocs = [b for b in ("China", "ASEAN", "India") if b in set(table["option"])]
    deltas = {}
    for year in years:
        at = table[table["year"] == year].set_index("option")
        stay = at.loc["stay", parts].to_numpy(dtype=float)
        for bloc in blocs:
            deltas[year, bloc] = (at.loc[bloc, parts].to_numpy(dtype=float) - stay, str(at.loc[bloc, "site"]))
    # Only the parts that move some panel by a visible amount.
    keep = [j for j in range(len(parts)) if any(abs(d[j]) >= 0.005 for d, _ in deltas.values())]
    labels = [parts[j].replace("_", " ") for j in keep] + ["gain over staying"]
    fig = _figure(WIDTH, 0.8 + (0.3 + 0.16 * len(labels)) * len(years))
    axes = fig.subplots(len(years), len(blocs), sharey=True, squeeze=False)
    y = np.arange(len(labels))
    for r, year in enumerate(years):
        for c, bloc in enumerate(blocs):
            ax = axes[r, c]
            full, site = deltas[year, bloc]
            delta = full[keep]
            ends = np.cumsum(delta)
            starts = ends - delta
            for i, d in enumerate(delta):
                ax.barh(y[i], d, left=starts[i], color=COLOURS[2] if d >= 0 else COLOURS[4],
                        hatch="" if d >= 0 else "///", edgecolor="black", linewidth=0.4, height=0.7)
            total = float(full.sum())
            ax.barh(y[-1], total, color="0.55", edgecolor="black", linewidth=0.6, height=0.7)
            ax.axvline(0, color="black", linewidth=0.6)
            lo = min(0.0, float(np.min(np.concatenate([starts, ends]))), total)
            hi = max(0.0, float(np.max(np.concatenate([starts, ends]))), total)
            pad = 0.08 * (hi - lo or 1.0)
            ax.set_xlim(lo - pad, hi + 3 * pad)
            ax.text(max(total, 0.0) + pad / 2, y[-1], f"{total:+.1f}", va="center", ha="left", fontsize=6)
            ax.set_title(f"{bloc}: {site}" if r == 0 else site)
            if c == 0:
                ax.set_ylabel(date_label(year))
    axes[0, 0].set_yticks(y, labels)
    axes[0, 0].set_ylim(len(labels) - 0.5, -0.5)  # first part at the top; shared by every panel
    fig.supxlabel("gain over staying, % of output value a year (blue raises it, orange hatched lowers it)",
                  fontsize=7)
    fig.suptitle(_wrap(f"{_sector_title(res.ds, sector)}: moving all capacity from "
                       f"{table['site'].iloc[0]} (China) to each bloc's best site", 100), fontsize=8)
    return fig


# -- sweeps -------------------------------------------------------------------------
def _arms(res: Results) -> list[str]:
    return [str(a) for a in res.ds["arm"].values] if "arm" in res.ds.coords else ["base"]


_ACRONYMS = {"api": "API", "ev": "EV", "pli": "PLI", "atmp": "ATMP", "asean": "ASEAN", "dmic": "DMIC", "it": "IT"}


def readable(identifier: str) -> str:
    """An id as words: "pharma_api" -> "Pharma API", "ev_batteries" -> "EV
    batteries" (for sweep archives, which keep ids but no names)."""
    words = [_ACRONYMS.get(w.lower(), w) for w in str(identifier).split("_") if w]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _select_title(select: dict[str, Any] | None, ds: Any = None) -> str:
    """The selection as a reader reads it: sectors by name (a run's
    sector_name, else the id in words), blocs as they are."""
    parts = []
    for key, value in (select or {}).items():
        if key == "sector":
            parts.append(_sector_title(ds, str(value)) if ds is not None and "sector_name" in ds else readable(str(value)))
        elif key == "bloc":
            parts.append(str(value))
        else:
            parts.append(readable(str(value)))
    return ", ".join(parts)


@_draw
@with_results
def fan_chart(
    source: Any,
    variable: str = "capacity_share",
    select: dict[str, Any] | None = None,
    *,
    arms: Sequence[str] | None = None,
    design_row: int | None = None,
    out: Any = None,
    formats: Sequence[str] = ("png", "pdf"),
) -> Figure:
    """Fan chart of a time series over a sweep's runs: the median (line) and
    the 25-75 % and 5-95 % bands (darker and lighter grey), one panel per
    arm (default every arm). See :func:`relocsim.sweep.fan_quantiles`."""
    res = source
    arms = list(arms or _arms(res))
    var = res.ds[variable]
    fig = _figure(min(WIDTH, 3.0 * len(arms) + 0.5), 2.6)
    axes = np.atleast_1d(fig.subplots(1, len(arms), sharey=True, squeeze=False)).ravel()
    for ax, arm in zip(axes, arms):
        q = sweep_stats.fan_quantiles(res, variable, select, arm, design_row)
        years = q.index.to_numpy()
        ax.fill_between(years, q[0.05], q[0.95], color="0.85", label="5-95 %", linewidth=0)
        ax.fill_between(years, q[0.25], q[0.75], color="0.6", label="25-75 %", linewidth=0)
        ax.plot(years, q[0.5], color="black", label="median")
        ax.set_title(f"{arm} ({q.attrs['runs']} runs)")
        _year_axis(ax)
    axes[0].set_ylabel(_wrap(axis_label(var, variable), 40))
    if is_share(variable, str(var.attrs.get("units", "1"))):
        for ax in axes:
            percent_axis(ax.yaxis)
    axes[0].legend(frameon=False, loc="best")
    fig.suptitle(f"{axis_label(var, variable).split(' (')[0]}: {_select_title(select, res.ds)}".rstrip(": "))
    return fig


def _outcome_label(res: Results, outcome: str, sector: str | None, reduce: str) -> str:
    var = res.ds[outcome]
    label = axis_label(var, outcome)
    if "sector" in var.dims:
        where = sector if sector is not None else f"{reduce} over sectors"
        long_name, _, units = label.rpartition(" (")
        label = f"{long_name}, {where} ({units}"
    return label


@_draw
@with_results
def heatmap(
    source: Any,
    outcome: str,
    x: str,
    y: str,
    sector: str | None = None,
    *,
    reduce: str = "sum",
    arm: str | None = None,
    bins: int = 6,
    out: Any = None,
    formats: Sequence[str] = ("png", "pdf"),
) -> Figure:
    """Mean outcome over the values of two swept parameters (cividis: its
    lightness rises monotonically, so it reads in greyscale; each cell is
    also labelled with its value). See :func:`relocsim.sweep.two_way_means`."""
    res = source
    table = sweep_stats.two_way_means(res, outcome, x, y, sector, reduce, arm, bins)
    fig = _figure(4.2, 3.4)
    ax = fig.subplots()
    image = ax.imshow(table.to_numpy(), origin="lower", aspect="auto", cmap="cividis", interpolation="nearest")
    ax.set_xticks(range(table.shape[1]), [f"{v:.3g}" for v in table.columns])
    ax.set_yticks(range(table.shape[0]), [f"{v:.3g}" for v in table.index])
    values = table.to_numpy()
    finite = values[np.isfinite(values)]
    middle = 0.5 * (finite.min() + finite.max()) if len(finite) else 0.0
    share = is_share(outcome, str(res.ds[outcome].attrs.get("units", "1")))
    if table.size <= 144:
        for (i, j), v in np.ndenumerate(values):
            if np.isfinite(v):
                ax.text(j, i, f"{100 * v:.3g} %" if share else f"{v:.3g}", ha="center", va="center", fontsize=6,
                        color="white" if v < middle else "black")
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    bar = fig.colorbar(image, ax=ax)
    bar.set_label(_wrap(_outcome_label(res, outcome, sector, reduce), 45))
    if is_share(outcome, str(res.ds[outcome].attrs.get("units", "1"))):
        percent_axis(bar.ax.yaxis)
    ax.set_title(f"Mean over runs ({arm or res.ds.attrs.get('reference_arm', _arms(res)[0])})")
    return fig


@_draw
@with_results
def design_scatter(
    source: Any,
    outcome: str,
    x: str,
    y: str,
    sector: str | None = None,
    *,
    reduce: str = "sum",
    arm: str | None = None,
    out: Any = None,
    formats: Sequence[str] = ("png", "pdf"),
) -> Figure:
    """Mean outcome at each design point over two swept parameters, one
    marker per point (cividis, labelled with its value): for small or
    scattered designs (a 4-point Latin hypercube), where :func:`heatmap`'s
    grid would be mostly empty cells. See
    :func:`relocsim.sweep.design_point_means`."""
    res = source
    points = sweep_stats.design_point_means(res, outcome, x, y, sector, reduce, arm)
    fig = _figure(4.2, 3.4)
    ax = fig.subplots()
    dots = ax.scatter(points[x], points[y], c=points["mean"], cmap="cividis", s=60, edgecolors="black", linewidths=0.5)
    share = is_share(outcome, str(res.ds[outcome].attrs.get("units", "1")))
    for _, row in points.iterrows():
        text = f"{100 * row['mean']:.3g} %" if share else f"{row['mean']:.3g}"
        ax.annotate(text, (row[x], row[y]), xytext=(5, 5), textcoords="offset points", fontsize=6)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.margins(0.15)
    bar = fig.colorbar(dots, ax=ax)
    bar.set_label(_wrap(_outcome_label(res, outcome, sector, reduce), 45))
    if share:
        percent_axis(bar.ax.yaxis)
    ax.set_title(f"Mean over replicates at each of {len(points)} design points "
                 f"({arm or res.ds.attrs.get('reference_arm', _arms(res)[0])})")
    return fig


@_draw
@with_results
def tornado(
    source: Any,
    outcome: str,
    sector: str | None = None,
    *,
    reduce: str = "sum",
    arm: str | None = None,
    method: str = "regression",
    out: Any = None,
    formats: Sequence[str] = ("png", "pdf"),
) -> Figure:
    """Tornado chart: for each parameter, the outcome with it at its lower
    bound (hatched bar) and at its upper bound (grey bar), the others at
    their mean, drawn from the mean outcome; widest swing on top. See
    :func:`relocsim.sweep.tornado_effects`."""
    res = source
    effects = sweep_stats.tornado_effects(res, outcome, sector, reduce, arm, method)
    fig = _figure(5.0, 0.45 * len(effects) + 1.3)
    ax = fig.subplots()
    base = float(effects["base"].iloc[0]) if len(effects) else 0.0
    rows = effects.iloc[::-1].reset_index(drop=True)  # widest on top
    y = np.arange(len(rows))
    ax.barh(y, rows["low"] - base, left=base, color="white", edgecolor="black", hatch="///", label="parameter at lower bound")
    ax.barh(y, rows["high"] - base, left=base, color="0.55", edgecolor="black", label="parameter at upper bound")
    ax.axvline(base, color="black", linewidth=0.8)
    ax.set_yticks(y, [f"{p}\n[{lo:.3g}, {hi:.3g}]" for p, lo, hi in zip(rows["param"], rows["lower"], rows["upper"])])
    ax.set_xlabel(_wrap(_outcome_label(res, outcome, sector, reduce), 60))
    if is_share(outcome, str(res.ds[outcome].attrs.get("units", "1"))):
        percent_axis(ax.xaxis)
    ax.set_ylabel("Parameter [lower, upper]")
    ax.set_title(f"Effect of each parameter ({method})")
    fig.legend(*ax.get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=2, frameon=False)
    return fig


@_draw
@with_results
def paired_differences(
    source: Any,
    outcome: str,
    sector: str | None = None,
    *,
    reduce: str = "sum",
    series: str | None = "capacity_share",
    series_select: dict[str, Any] | None = None,
    conf: float = 0.95,
    out: Any = None,
    formats: Sequence[str] = ("png", "pdf"),
) -> Figure:
    """Paired comparisons with the reference arm (same design row and
    replicate): left, each arm's mean difference in ``outcome`` with its
    confidence interval; right, the mean difference in a time series
    (default India's capacity share, first sector) with a pointwise band."""
    res = source
    table = sweep_stats.paired_differences(res, outcome, sector, reduce, conf)
    has_series = series is not None and series in res.ds
    fig = _figure(WIDTH if has_series else 3.4, 2.6)
    axes = np.atleast_1d(fig.subplots(1, 2 if has_series else 1)).ravel()
    ax = axes[0]
    x = np.arange(len(table))
    ax.errorbar(x, table["mean"], yerr=[table["mean"] - table["ci_low"], table["ci_high"] - table["mean"]],
                fmt="o", color="black", capsize=3, label=f"mean, {conf:.0%} CI")
    ax.axhline(0, color="0.5", linewidth=0.8, linestyle="--")
    ax.set_xticks(x, [f"{a}\n(n = {n})" for a, n in zip(table["arm"], table["n"])])
    ax.set_xlim(-0.6, max(len(table) - 0.4, 0.6))
    label = _outcome_label(res, outcome, sector, reduce)
    if is_share(outcome, str(res.ds[outcome].attrs.get("units", "1"))):
        label = label.replace("(%)", "(percentage points)")
        percent_axis(ax.yaxis, points=True)
    ax.set_ylabel(_wrap(f"Difference: {_lower_first(label)}", 45))
    ax.set_xlabel(f"Arm minus {table.attrs['reference']}")
    ax.set_title("Paired differences")
    if has_series:
        select = series_select
        if select is None:
            select = {}
            if "bloc" in res.ds[series].dims:
                select["bloc"] = "India"
            if "sector" in res.ds[series].dims:
                select["sector"] = sector if sector is not None else str(res.ds["sector"].values[0])
        curves = sweep_stats.paired_difference_series(res, series, select, conf)
        right = axes[1]
        for i, (arm, frame) in enumerate(curves.items()):
            style = series_style(i)
            years = frame.index.to_numpy()
            right.fill_between(years, frame["ci_low"], frame["ci_high"], color=GREYS[(i + 2) % len(GREYS)],
                               hatch=HATCHES[i % len(HATCHES)], alpha=0.5, linewidth=0)
            right.plot(years, frame["mean"], label=f"{arm} - {table.attrs['reference']}",
                       markevery=_markevery(len(years)), **style)
        right.axhline(0, color="0.5", linewidth=0.8, linestyle="--")
        _year_axis(right)
        label = axis_label(res.ds[series], series).replace("(%)", "(percentage points)")
        right.set_ylabel(_wrap(f"Difference: {_lower_first(label)}", 45))
        right.set_title(f"{_select_title(select, res.ds)}, {conf:.0%} band")
        if is_share(series, str(res.ds[series].attrs.get("units", "1"))):
            percent_axis(right.yaxis, points=True)
        if curves:
            right.legend(frameon=False)
    return fig


@_draw
def sobol_chart(result: Any, *, title: str = "", out: Any = None, formats: Sequence[str] = ("png", "pdf")) -> Figure:
    """First-order (plain) and total (hatched) Sobol' indices with their
    confidence intervals, from :func:`relocsim.sensitivity.sobol_indices`."""
    table = result.table()
    fig = _figure(max(3.2, 0.7 * len(table) + 1.5), 2.6)
    ax = fig.subplots()
    x = np.arange(len(table))
    w = 0.38
    for offset, key, colour, hatch, label in ((-w / 2, "S1", "0.35", "", "first order"),
                                               (w / 2, "ST", "white", "///", "total")):
        ax.bar(x + offset, table[key], w, color=colour, hatch=hatch, edgecolor="black", label=label,
               yerr=np.clip([table[key] - table[f"{key}_low"], table[f"{key}_high"] - table[key]], 0, None), capsize=2)
    ax.set_xticks(x, list(table.index), rotation=30, ha="right")
    ax.set_ylabel("Sobol' index (share of variance)")
    ax.set_xlabel("Parameter")
    ax.set_title(title or f"Sobol' indices, N = {result.n}, {result.conf:.0%} bootstrap CI")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.legend(frameon=False)
    return fig


@_draw
def morris_chart(table: pd.DataFrame, *, units: str = "", out: Any = None, formats: Sequence[str] = ("png", "pdf")) -> Figure:
    """Morris mu* against sigma, one marker per parameter (from
    :func:`relocsim.sensitivity.morris_indices`); points above the line
    sigma = mu* act non-linearly or through interactions."""
    fig = _figure(3.6, 3.0)
    ax = fig.subplots()
    for i, (param, row) in enumerate(table.iterrows()):
        ax.plot(row["mu_star"], row["sigma"], linestyle="none", marker=MARKERS[i % len(MARKERS)],
                color=COLOURS[i % len(COLOURS)], label=str(param))
    top = float(np.nanmax(table[["mu_star", "sigma"]].to_numpy())) if len(table) else 1.0
    ax.plot([0, top], [0, top], color="0.5", linewidth=0.8, linestyle=":", label="sigma = mu*")
    suffix = f" ({units}, per full range)" if units else " (per full range)"
    ax.set_xlabel(f"mu*, mean absolute elementary effect{suffix}")
    ax.set_ylabel(f"sigma, sd of elementary effects{suffix}")
    ax.set_title("Morris screening")
    ax.legend(frameon=False, fontsize=6)
    return fig
