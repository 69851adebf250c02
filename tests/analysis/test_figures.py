"""Each figure function writes PNG and PDF, labels its axes with units, and
plots the numbers in the file. Figures are inspected as matplotlib objects."""

from pathlib import Path

import numpy as np
import pytest

import relocsim
from relocsim import figures, sensitivity, sweep


def _written(out: Path):
    for suffix in (".png", ".pdf"):
        path = out.with_suffix(suffix)
        assert path.is_file() and path.stat().st_size > 1000, path
    assert out.with_suffix(".png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.with_suffix(".pdf").read_bytes()[:5] == b"%PDF-"


def _indian_sites(res):
    """Indian site ids in file order, DMIC nodes first (as the figure orders them)."""
    sites = res["site"]
    india = sites[sites.site_bloc.astype(str) == "India"]
    return list(india.sort_values("site_corridor", key=lambda c: c != "DMIC", kind="stable")["site"])


def _styles(lines):
    return [(l.get_linestyle(), l.get_marker()) for l in lines]


def test_capacity_share_by_bloc(tiny, tmp_path):
    out = tmp_path / "share"
    fig = figures.capacity_share_by_bloc(tiny, out=out)
    _written(out)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert len(axes) == tiny.ds.sizes["sector"]
    assert [ax.get_title() for ax in axes] == ["Electronics, mobile phones", "Pharmaceuticals"]
    assert fig._supylabel.get_text() == "Bloc's share of the sector's capacity (%)"
    assert fig._supxlabel.get_text() == "Year"
    lines = axes[0].get_lines()
    assert [l.get_label() for l in lines] == ["China", "ASEAN", "India"]
    assert len(set(_styles(lines))) == 3  # greyscale: distinct line styles and markers
    share = tiny.ds.capacity_share
    np.testing.assert_array_equal(lines[0].get_xdata(), tiny.ds.year.values)
    np.testing.assert_array_equal(lines[2].get_ydata(), share.sel(bloc="India", sector="electronics").values)
    np.testing.assert_array_equal(axes[1].get_lines()[1].get_ydata(), share.sel(bloc="ASEAN", sector="pharma").values)


def test_indian_sites_mark_dmic(tiny, tmp_path):
    out = tmp_path / "sites"
    fig = figures.indian_sites(tiny, out=out)
    _written(out)
    left, right = fig.axes[:2]
    assert left.get_xlabel().replace("\n", " ") == "Capacity operating (USD million of output a year)"
    assert right.get_xlabel().replace("\n", " ") == "Manufacturing workers employed (count)"
    labels = [t.get_text() for t in left.get_yticklabels()]
    india = _indian_sites(tiny)
    corridor = tiny["site"].set_index("site")["site_corridor"]
    dmic = [s for s in india if corridor[s] == "DMIC"]
    assert dmic and len(labels) == len(india)
    assert labels[0] == str(tiny.ds.site_name.sel(site=dmic[0]).values) + " [DMIC]"  # DMIC first (top), marked
    assert sum("[DMIC]" in t for t in labels) == len(dmic)
    # the bars of the first sector equal the capacity at the end
    bars = left.containers[0]
    ds = tiny.ds.isel(step=-1)
    expected = ds.capacity.sel(site=india, sector="electronics").values
    np.testing.assert_allclose([b.get_width() for b in bars], expected)
    assert len({b.get_hatch() for b in (left.containers[0][0], left.containers[1][0])}) == 2
    from relocsim.dates import date_label

    assert left.get_title() == f"Capacity, {date_label(float(tiny.ds.year[-1]))}"  # dates as everywhere else
    # sectors differ by colour, not only by grey hatches
    colours = {left.containers[j][0].get_facecolor()[:3] for j in range(len(left.containers))}
    assert len(colours) == len(left.containers) and all(len(set(np.round(c, 3))) > 1 for c in colours)
    # the DMIC label sits inside the plot (axes x in [0, 1]), not beside it
    label = next(t for t in right.texts if "DMIC" in t.get_text())
    assert 0 <= label.get_position()[0] <= 1 and label.get_transform() is not None


def test_india_and_asean_on_their_own_scales(tiny, tmp_path):
    out = tmp_path / "ia"
    fig = figures.india_and_asean(tiny, out=out)
    _written(out)
    share = tiny.ds.capacity_share
    left = fig.axes[0]
    twin = next(ax for ax in fig.axes if ax.get_shared_x_axes().joined(ax, left) and ax is not left
                and ax.get_lines() and ax.get_lines()[0].get_label().startswith("ASEAN"))
    india = share.sel(bloc="India", sector="electronics").values
    np.testing.assert_array_equal(left.get_lines()[0].get_ydata(), india)
    np.testing.assert_array_equal(twin.get_lines()[0].get_ydata(), share.sel(bloc="ASEAN", sector="electronics").values)
    low, high = left.get_ylim()
    assert high < 1 and (high - low) < 3 * (india.max() - india.min()) + 0.02  # India's scale, not 0-1
    assert left.yaxis.get_major_formatter()(0.05, 0).endswith("%")  # shares in percent


def test_readable_ids():
    assert figures.readable("ev_batteries") == "EV batteries"
    assert figures.readable("pharma_api") == "Pharma API"


def test_projects_and_delays(tiny, tmp_path):
    out = tmp_path / "projects"
    fig = figures.projects_and_delays(tiny, out=out)
    _written(out)
    left, right = fig.axes[:2]
    assert left.get_ylabel().replace("\n", " ") == "Projects under way in the bloc (count)"
    assert right.get_xlabel().replace("\n", " ") == "Time from project start to completion (month)"
    india = left.get_lines()[2]
    assert india.get_label() == "India"
    pending = tiny.ds.projects_pending.sel(site=_indian_sites(tiny)).sum("site").values
    np.testing.assert_array_equal(india.get_ydata(), pending)
    # the histograms count every completed project once
    delays = tiny["delays"]
    done = delays[delays.outcome == "completed"]
    counted = sum(int(p.get_label().split("n = ")[1].rstrip(")")) for p in right.patches if "n = " in p.get_label())
    assert counted == len(done)


def test_pli(tiny, tmp_path):
    out = tmp_path / "pli"
    fig = figures.pli(tiny, out=out)
    _written(out)
    paid, left, per_job = fig.axes[:3]
    assert paid.get_ylabel().replace("\n", " ") == "Paid since the start (USD million)"
    assert left.get_ylabel().replace("\n", " ") == "Outlay left (USD million)"
    assert per_job.get_ylabel().replace("\n", " ") == "Committed per incremental job (USD thousand per job)"
    # the data stay the file's (committed PLI, USD million per job); the ticks read in thousands
    assert per_job.yaxis.get_major_formatter()(0.07, 0) == "70"
    assert [l.get_label() for l in paid.get_lines()] == ["Electronics, mobile phones"]  # the sector with a scheme
    np.testing.assert_array_equal(paid.get_lines()[0].get_ydata(), tiny.ds.pli_paid_cumulative.sel(sector="electronics").values)
    np.testing.assert_array_equal(left.get_lines()[0].get_ydata(), tiny.ds.pli_remaining.sel(sector="electronics").values)


def test_fan_chart(grid_sweep, tmp_path):
    out = tmp_path / "fan"
    with relocsim.load(grid_sweep) as res:
        select = {"bloc": "India", "sector": "pharma"}
        fig = figures.fan_chart(res, "capacity_share", select, design_row=3, out=out)
        _written(out)
        assert [ax.get_title() for ax in fig.axes] == ["base (3 runs)", "pli8 (3 runs)"]
        assert fig.axes[0].get_ylabel().replace("\n", " ") == "The bloc's share of the sector's capacity (%)"
        assert fig.axes[0].get_xlabel().replace("\n", " ") == "Year"
        q = sweep.fan_quantiles(res, "capacity_share", select, "pli8", 3)
        median = fig.axes[1].get_lines()[0]
        np.testing.assert_allclose(median.get_ydata(), q[0.5].to_numpy())
        assert len(fig.axes[1].collections) == 2  # two bands
        # the outer band spans the 5 % and 95 % quantiles
        ys = fig.axes[1].collections[0].get_paths()[0].vertices[:, 1]
        assert ys.min() == pytest.approx(q[0.05].min()) and ys.max() == pytest.approx(q[0.95].max())


def test_heatmap(grid_sweep, tmp_path):
    out = tmp_path / "heat"
    with relocsim.load(grid_sweep) as res:
        fig = figures.heatmap(res, "india_capacity_share_end", "behaviour.logit_scale", "friction.single_window_factor",
                              sector="electronics", out=out)
        _written(out)
        ax = fig.axes[0]
        assert ax.get_xlabel().replace("\n", " ") == "behaviour.logit_scale" and ax.get_ylabel().replace("\n", " ") == "friction.single_window_factor"
        table = sweep.two_way_means(res, "india_capacity_share_end", "behaviour.logit_scale",
                                    "friction.single_window_factor", sector="electronics")
        np.testing.assert_allclose(ax.images[0].get_array(), table.to_numpy())
        colorbar = fig.axes[1]
        assert colorbar.get_ylabel().replace("\n", " ") == "India's share of the sector's capacity at the end, electronics (%)"
        assert len(ax.texts) == table.size  # every cell carries its value: readable without colour


def test_tornado(grid_sweep, tmp_path):
    out = tmp_path / "tornado"
    with relocsim.load(grid_sweep) as res:
        fig = figures.tornado(res, "firms_relocated_india", out=out)
        _written(out)
        ax = fig.axes[0]
        assert ax.get_xlabel().replace("\n", " ") == "Firms that moved or added a plant in India (count)"
        effects = sweep.tornado_effects(res, "firms_relocated_india")
        low_bars, high_bars = ax.containers
        # drawn bottom-up: the widest swing is the top bar
        top = effects.iloc[0]
        assert low_bars[-1].get_width() == pytest.approx(top["low"] - top["base"])
        assert high_bars[-1].get_width() == pytest.approx(top["high"] - top["base"])
        assert low_bars[-1].get_x() == pytest.approx(top["base"])
        assert low_bars[0].get_hatch() == "///" and not high_bars[0].get_hatch()
        assert "behaviour.logit_scale" in ax.get_yticklabels()[-1].get_text()


def test_paired_differences_figure(compare_sweep, tmp_path):
    out = tmp_path / "paired"
    with relocsim.load(compare_sweep) as res:
        fig = figures.paired_differences(res, "firms_relocated_india", out=out)
        _written(out)
        left, right = fig.axes[:2]
        assert left.get_ylabel().replace("\n", " ") == "Difference: firms that moved or added a plant in India (count)"
        assert left.get_xlabel().replace("\n", " ") == "Arm minus A"
        table = sweep.paired_differences(res, "firms_relocated_india")
        point = left.get_lines()[0]
        assert point.get_ydata()[0] == pytest.approx(table["mean"].item())
        segments = left.collections[0].get_segments()  # the error bar
        assert segments[0][:, 1].min() == pytest.approx(table["ci_low"].item())
        assert segments[0][:, 1].max() == pytest.approx(table["ci_high"].item())
        curves = sweep.paired_difference_series(res, "capacity_share", {"bloc": "India", "sector": "electronics"})
        np.testing.assert_allclose(right.get_lines()[0].get_ydata(), curves["B"]["mean"].to_numpy())
        assert right.get_ylabel().replace("\n", " ") == "Difference: the bloc's share of the sector's capacity (percentage points)"


def test_sobol_and_morris_charts(ishigami_sweep, morris_sweep, tmp_path):
    result = sensitivity.sobol_from_sweep(ishigami_sweep, "firms_relocated_india", n_boot=50)
    fig = figures.sobol_chart(result, out=tmp_path / "sobol")
    _written(tmp_path / "sobol")
    ax = fig.axes[0]
    from matplotlib.container import BarContainer

    first, total = [c for c in ax.containers if isinstance(c, BarContainer)]
    np.testing.assert_allclose([b.get_height() for b in first], result.first["S1"])
    np.testing.assert_allclose([b.get_height() for b in total], result.total["ST"])
    assert ax.get_ylabel().replace("\n", " ") == "Sobol' index (share of variance)"
    table = sensitivity.morris_from_sweep(morris_sweep, "firms_relocated_india", n_boot=20)
    fig = figures.morris_chart(table, out=tmp_path / "morris")
    _written(tmp_path / "morris")
    points = fig.axes[0].get_lines()[: len(table)]
    assert [p.get_xdata()[0] for p in points] == pytest.approx(table["mu_star"].tolist())
    assert len({p.get_marker() for p in points}) == len(table)


def test_value_breakdown_table(tiny):
    """The run file's breakdown as the report reads it: per year in percent,
    parts that add up to each option's total, staying's gain zero."""
    table = figures.value_breakdown(tiny.ds, "electronics")
    parts = [str(p) for p in tiny.ds["value_part"].values]
    assert len(parts) == 19 and parts[0] == "sales" and parts[-1] == "waiting"
    assert sorted(table["year"].unique()) == [float(tiny.ds["year"].values[0]), float(tiny.ds["year"].values[-1])]
    assert set(table["option"]) == {"stay", "China", "ASEAN", "India"}
    np.testing.assert_allclose(table[parts].sum(axis=1), table["total"], rtol=1e-12)
    np.testing.assert_allclose(table.loc[table["option"] == "stay", "gain over staying"], 0, atol=1e-12)
    # Sales are the whole of output: 100 % a year when the mix sums to one.
    np.testing.assert_allclose(table["sales"], 100, rtol=1e-6)
    assert figures.value_breakdown(tiny.ds.drop_vars("value_breakdown"), "electronics").empty


def test_value_waterfall(tiny, tmp_path):
    out = tmp_path / "waterfall"
    fig = figures.value_waterfall(tiny, "electronics", out=out)
    _written(out)
    table = figures.value_breakdown(tiny.ds, "electronics")
    # A row per date, a panel per bloc; the last bar of each is the gain over staying.
    assert len(fig.axes) == 6
    for ax, (_, row) in zip(fig.axes, table[table["option"] != "stay"].iterrows()):
        bars = ax.patches
        assert bars[-1].get_width() == pytest.approx(row["gain over staying"])
        assert ax.get_title().endswith(row["site"])
