"""The numbers behind the sweep figures: fan quantiles, two-way means,
tornado effects and paired differences, on synthetic archives whose
response is known."""

import numpy as np
import pytest

import relocsim
from relocsim import sweep as sw

from conftest import COMPARE_SHIFT


def test_fan_quantiles_over_replicates(grid_sweep):
    with relocsim.load(grid_sweep) as res:
        q = sw.fan_quantiles(res, "capacity_share", {"bloc": "India", "sector": "electronics"}, arm="pli8", design_row=4)
        runs = sw.finished_runs(res, "pli8", 4)["run"].to_numpy()
        assert len(runs) == 3 and q.attrs["runs"] == 3
        values = res.ds.capacity_share.sel(bloc="India", sector="electronics", run=runs).values
        np.testing.assert_allclose(q[0.5].to_numpy(), np.median(values, axis=0))
        np.testing.assert_allclose(q.index.to_numpy(), res.ds.year.values)
        assert (q[0.05] <= q[0.25]).all() and (q[0.75] <= q[0.95]).all()
        # the failed run 7 (arm base, row 2) is left out
        assert 7 not in sw.finished_runs(res, "base", 2)["run"].tolist()


def test_two_way_means_of_a_grid(grid_sweep):
    with relocsim.load(grid_sweep) as res:
        table = sw.two_way_means(res, "firms_relocated_india", "behaviour.logit_scale", "friction.single_window_factor")
        assert list(table.columns) == pytest.approx([2.0, 3.5, 5.0, 6.5, 8.0])
        assert list(table.index) == pytest.approx([0.2, 0.2 + 0.8 / 3, 0.2 + 1.6 / 3, 1.0])
        runs = res["runs"]
        pick = runs[(runs.arm == "base") & (runs.status == "done") & np.isclose(runs["behaviour.logit_scale"], 5.0)
                    & np.isclose(runs["friction.single_window_factor"], 1.0)]
        assert table.loc[1.0, 5.0] == pytest.approx(pick["firms_relocated_india"].mean())
        # 0.05 + 0.02 ls + 0.05 (1 - swf): the noise sd is 0.005, 3 replicates
        assert table.loc[1.0, 5.0] == pytest.approx(0.05 + 0.1, abs=0.01)


def test_tornado_recovers_linear_effects(grid_sweep):
    """Effect from lower to upper bound = slope x range: logit_scale 0.02 x 6
    = 0.12, single_window_factor -0.05 x 0.8 = -0.04."""
    with relocsim.load(grid_sweep) as res:
        for method in ("regression", "grid"):
            t = sw.tornado_effects(res, "firms_relocated_india", method=method).set_index("param")
            assert t.loc["behaviour.logit_scale", "effect"] == pytest.approx(0.12, abs=0.005), method
            assert t.loc["friction.single_window_factor", "effect"] == pytest.approx(-0.04, abs=0.005), method
            assert list(t.index) == ["behaviour.logit_scale", "friction.single_window_factor"]  # widest first
            np.testing.assert_allclose(t["high"] - t["low"], t["effect"])
        t = sw.tornado_effects(res, "firms_relocated_india").set_index("param")
        assert t.loc["behaviour.logit_scale", "effect_low"] < 0.12 < t.loc["behaviour.logit_scale", "effect_high"]


def test_paired_differences_use_common_random_numbers(compare_sweep, grid_sweep):
    with relocsim.load(compare_sweep) as res:
        table = sw.paired_differences(res, "firms_relocated_india")
        row = table.set_index("arm").loc["B"]
        assert row["n"] == 30
        # B - A = 0.02 + noise of sd 0.01: the shared noise (sd 0.05) cancels
        assert row["ci_low"] < COMPARE_SHIFT < row["ci_high"]
        assert row["ci_high"] - row["ci_low"] < 0.02
        assert row["sd"] == pytest.approx(0.01, rel=0.4)
        series = sw.paired_difference_series(res, "capacity_share", {"bloc": "India", "sector": "electronics"})
        end = series["B"].iloc[-1]
        assert end["ci_low"] < COMPARE_SHIFT < end["ci_high"]
        assert series["B"].iloc[0]["mean"] == pytest.approx(0.0)  # the ramp starts at 0.1 in both arms
    with relocsim.load(grid_sweep) as res:
        # diff_ variables and differences computed from the pairs agree; the pair with the failed run 7 is out
        a = sw.paired_differences(res, "firms_relocated_india")
        ds = res.ds.drop_vars("diff_firms_relocated_india")
        res.ds = ds
        b = sw.paired_differences(res, "firms_relocated_india")
        assert a["n"].item() == b["n"].item() == 59
        assert a["mean"].item() == pytest.approx(b["mean"].item())
        assert a["mean"].item() == pytest.approx(0.03, abs=0.003)


def test_parameters_without_unit_values_or_bounds(grid_sweep, tmp_path):
    """The writer leaves design_unit and the bounds missing for a parameter
    given as a list or an unbounded distribution: the design's own range
    stands in, so the tornado still spans lowest to highest value."""
    import xarray as xr

    import synthetic

    with xr.open_dataset(grid_sweep, engine="h5netcdf") as ds:
        ds = ds.load()
    ds["design_unit"][:, 0] = np.nan
    ds["param_lower"][0] = np.nan
    ds["param_upper"][0] = np.nan
    path = synthetic.write(ds, tmp_path / "unbounded.h5")
    t = sw.tornado_effects(path, "firms_relocated_india").set_index("param")
    assert t.loc["behaviour.logit_scale", "effect"] == pytest.approx(0.12, abs=0.005)
    assert (t.loc["behaviour.logit_scale", "lower"], t.loc["behaviour.logit_scale", "upper"]) == (2.0, 8.0)
