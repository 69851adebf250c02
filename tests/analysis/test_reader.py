"""relocsim.load: a run or a sweep archive in one call, as xarray and tidy
pandas tables; the choice log and the project delays derived from events."""

import h5py
import numpy as np
import pandas as pd
import pytest
import xarray as xr

import relocsim
import synthetic


def test_file_kind_tells_runs_from_sweeps(tiny_run, grid_sweep):
    assert relocsim.file_kind(tiny_run) == "run"
    assert relocsim.file_kind(grid_sweep) == "sweep"
    with pytest.raises(relocsim.NotASweepError):
        relocsim.load_sweep(tiny_run)


def test_run_tables_are_tidy_and_equal_the_file(tiny):
    assert tiny.kind == "run"
    assert isinstance(tiny.ds, xr.Dataset)
    names = tiny.table_names()
    for name in ("events", "firms", "delays", "step_site_sector", "step_site", "step_sector", "step_bloc_sector", "site"):
        assert name in names
    cap = tiny["step_site_sector"]
    steps, sites, sectors = (tiny.ds.sizes[d] for d in ("step", "site", "sector"))
    assert len(cap) == steps * sites * sectors
    assert list(cap.columns[:6]) == ["step", "year", "date", "quarter", "site", "sector"]  # dates beside years
    one = cap[(cap.step == 5) & (cap.site == "chennai") & (cap.sector == "electronics")]
    assert one["capacity"].item() == float(tiny.ds.capacity.sel(step=5, site="chennai", sector="electronics"))
    assert one["site_bloc"].item() == "India"
    share = tiny["step_bloc_sector"]
    assert set(share["bloc"]) == {"China", "ASEAN", "India"}
    sums = share.groupby(["step", "sector"])["capacity_share"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0, atol=1e-9)
    sites = tiny["site"]
    assert sites.set_index("site").loc["dholera", "site_corridor"] == "DMIC"
    assert dict(tiny.items()).keys() == set(names)  # a Mapping of every table


def test_delays_pair_starts_with_their_ends(tiny):
    ev = tiny["events"]
    delays = tiny["delays"]
    starts = ev["kind"].astype(str).str.endswith("_started").sum()
    assert len(delays) == starts
    ends = ev["kind"].astype(str).isin(["move_completed", "add_completed"]).sum()
    assert (delays["outcome"] == "completed").sum() == ends
    assert (delays["outcome"] == "abandoned").sum() == (ev["kind"] == "abandoned").sum()
    done = delays[delays["outcome"] == "completed"]
    assert (done["months"] >= 0).all() and (done["months"] % 3 == 0).all()  # whole quarterly steps
    assert set(done["to_bloc"].astype(str)) <= {"China", "ASEAN", "India"}


def test_approval_delays_by_hand():
    # firm 1: move to a at step 1, done at step 3; then add at b in step 3, abandoned at 4.
    # firm 2: add at c started and completed in step 2 (no approval delays).
    # firm 3: still pending.
    sites = ["a", "b", "c"]
    ev = pd.DataFrame({
        "step": [1, 2, 2, 3, 3, 4, 4],
        "firm": [1, 2, 2, 1, 1, 1, 3],
        "to_site": pd.Categorical(["a", "c", "c", "a", "b", "b", "a"], categories=sites),
        "kind": pd.Categorical(["move_started", "add_started", "add_completed", "move_completed",
                                "add_started", "abandoned", "add_started"]),
    })
    years = 2020 + np.arange(6) / 4
    d = relocsim.approval_delays(ev, years, {"a": "India", "b": "ASEAN", "c": "China"})
    rows = {(r.firm, r.to_site): r for r in d.itertuples()}
    assert rows[(1, "a")].outcome == "completed" and rows[(1, "a")].months == 6.0
    assert rows[(1, "b")].outcome == "abandoned" and rows[(1, "b")].months == 3.0
    assert rows[(2, "c")].outcome == "completed" and rows[(2, "c")].months == 0.0
    assert rows[(3, "a")].outcome == "pending" and np.isnan(rows[(3, "a")].months)
    assert rows[(1, "a")].to_bloc == "India"


def test_sweep_loads_with_run_coordinate_and_runs_table(grid_sweep):
    with relocsim.load(grid_sweep) as res:
        assert res.kind == "sweep"
        assert "run" in res.ds.coords and res.ds.sizes["run"] == 2 * 20 * 3
        runs = res["runs"]
        assert len(runs) == res.ds.sizes["run"]
        for column in ("run", "design_row", "arm", "replicate", "seed", "status", "error",
                       "behaviour.logit_scale", "friction.single_window_factor",
                       "firms_relocated_india", "india_capacity_share_end_electronics"):
            assert column in runs.columns, column
        assert set(runs["arm"].astype(str)) == {"base", "pli8"}
        assert runs.loc[7, "status"] == "failed" and runs.loc[7, "error"] != ""
        assert (runs.drop(index=7)["status"] == "done").all()
        assert runs["seed"].dtype == np.uint64
        # design values follow each run's design row
        row = runs.loc[25]
        assert row["behaviour.logit_scale"] == pytest.approx(float(res.ds.design_value.sel(
            design_row=row["design_row"], param="behaviour.logit_scale")))
        out = res["outcomes"]
        assert len(out) == res.ds.sizes["run"] * res.ds.sizes["sector"]
        assert {"run", "sector", "arm", "replicate", "india_capacity_share_end", "diff_india_capacity_share_end"} <= set(out.columns)
        design = res["design"]
        assert list(design.columns[:3]) == ["design_row", "design_role", "design_group"]
        series = res["run_step_bloc_sector"]
        assert {"run", "step", "year", "bloc", "sector", "capacity_share", "arm", "replicate"} <= set(series.columns)


def test_incomplete_sweep_is_refused(tmp_path):
    unit, roles, groups = synthetic.grid_design([2, 2])
    ds = synthetic.sweep_dataset({"a": (0, 1), "b": (0, 1)}, unit, roles, groups, lambda v, a, r: v[:, 0],
                                 attrs={"relocsim_complete": np.int32(0)})
    path = synthetic.write(ds, tmp_path / "partial.h5")
    with pytest.raises(relocsim.IncompleteRunError):
        relocsim.load(path)


def test_sweep_provenance(grid_sweep):
    prov = relocsim.provenance(grid_sweep)
    assert prov["relocsim_sweep"] == 1 and prov["design_method"] == "grid"
    assert set(prov["arm_config"]) == {"base", "pli8"}
    assert prov["resolved_config"] == prov["arm_config"]["base"]
    assert prov["master_seed"] == 12345678901234567890


def test_choice_log_reader(tmp_path, tiny_run):
    """The choice log contract (docs/OUTPUT.md): variables along `choice`,
    decoded to labels. Written here by hand into a copy of a real run."""
    import shutil

    path = tmp_path / "with_choices.h5"
    shutil.copy(tiny_run, path)
    n = 5
    with h5py.File(path, "r+") as f:
        f.create_dataset("choice", data=np.arange(n, dtype=np.int32))
        f["choice"].make_scale("choice")
        cols = {
            "choice_situation": np.array([0, 0, 0, 1, 1], np.int32),
            "choice_step": np.array([1, 1, 1, 2, 2], np.int32),
            "choice_firm": np.array([4, 4, 4, 8, 8], np.uint32),
            "choice_site": np.array([-1, 2, 6, -1, 0], np.int16),
            "choice_kind": np.array([-1, 0, 1, -1, 1], np.int8),
            "choice_nest": np.array([0, 2, 3, 0, 1], np.int8),
            "choice_chosen": np.array([0, 1, 0, 1, 0], np.int8),
            "choice_operating": np.array([1.0, 1.2, 1.1, 0.9, 1.0]),
            "choice_pli": np.array([0.0, 0.0, 0.2, 0.0, 0.0]),
            "choice_setup": np.array([0.0, 0.1, 0.03, 0.0, 0.03]),
            "choice_waiting": np.array([0.0, 0.05, 0.02, 0.0, 0.01]),
        }
        cols["choice_value"] = cols["choice_operating"] + cols["choice_pli"] - cols["choice_setup"] - cols["choice_waiting"]
        for name, values in cols.items():
            d = f.create_dataset(name, data=values)
            d.dims[0].attach_scale(f["choice"])
            d.attrs["long_name"], d.attrs["units"] = name, "1"
        f["choice_site"].attrs["_FillValue"] = np.int16(-1)
        f["choice_site"].attrs["flag_values"] = np.arange(7, dtype=np.int16)
        f["choice_site"].attrs["flag_meanings"] = " ".join(str(s) for s in f["site"].asstr()[...])
        f["choice_site"].attrs["label_coordinate"] = "site"
        f["choice_kind"].attrs["flag_values"] = np.array([-1, 0, 1], np.int8)
        f["choice_kind"].attrs["flag_meanings"] = "stay move add"
        f["choice_nest"].attrs["flag_values"] = np.array([0, 1, 2, 3], np.int8)
        f["choice_nest"].attrs["flag_meanings"] = "stay China ASEAN India"
        f.attrs["choice_logit_scale"] = 4.0
        f.attrs["choice_nest_lambda"] = np.array([1.0, 1.0, 1.0])
    ch = relocsim.choices(path)
    sites = list(relocsim.load_run(path)["site"].values)
    assert list(ch["kind"].astype(str)) == ["stay", "move", "add", "stay", "add"]
    assert list(ch["nest"].astype(str)) == ["stay", "ASEAN", "India", "stay", "China"]
    assert ch["site"].isna().tolist() == [True, False, False, True, False]
    assert ch["site"][1] == sites[2] and ch["site"][2] == sites[6]
    assert ch.attrs["logit_scale"] == 4.0 and ch.attrs["nest_lambda"] == {"China": 1.0, "ASEAN": 1.0, "India": 1.0}
    with relocsim.load(path) as res:
        assert "choices" in res.table_names()
    with pytest.raises(ValueError, match="choice_log_every"):
        relocsim.choices(tiny_run)


def test_archives_with_the_old_outcome_names_read_under_the_new(grid_sweep, tmp_path):
    """Archives written before the rename keep capacity_moved_to_*: they
    load with the net-change names (and their diff_ companions)."""
    import xarray as xr
    import synthetic

    with xr.open_dataset(grid_sweep, engine="h5netcdf") as ds:
        old = ds.load().rename({"india_capacity_net_change": "capacity_moved_to_india",
                                "diff_india_capacity_net_change": "diff_capacity_moved_to_india"})
    path = synthetic.write(old, tmp_path / "old.h5")
    with relocsim.load(path) as res:
        assert "india_capacity_net_change" in res.ds and "capacity_moved_to_india" not in res.ds
        assert "diff_india_capacity_net_change" in res.ds
        assert "india_capacity_net_change_electronics" in res["runs"].columns
