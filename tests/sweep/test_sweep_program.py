"""relocsim sweep and compare as a user runs them: the archive and its
contract, what they print, what they refuse."""

import h5py
import numpy as np
import xarray as xr

from conftest import TINY, arm, lhs_sweep
from relocsim_testing import archive_differences as differences

OUTCOMES = [
    "india_capacity_share_end", "asean_capacity_share_end", "china_capacity_share_end",
    "india_capacity_net_change", "asean_capacity_net_change", "india_capacity_gross_inflow",
    "asean_capacity_gross_inflow", "india_jobs_added", "pli_paid_total",
    "pli_cost_per_job", "firms_relocated_india", "firms_relocated_asean",
]
SERIES = ["capacity_share", "pli_paid_cumulative", "india_incremental_jobs"]


def test_the_archive_keeps_the_contract_and_opens_in_xarray(relocsim, definition, tmp_path):
    r = relocsim("sweep", definition(lhs_sweep()), "-o", "out.h5")
    assert r.returncode == 0, r.stderr
    assert "16 runs done, 0 failed" in r.stdout and "Results: out.h5" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.h5", "sweep.toml"]  # the journal is gone
    ds = xr.open_dataset(tmp_path / "out.h5", engine="h5netcdf")
    assert list(ds["run"].values) == list(range(16))
    assert ds.attrs["relocsim_sweep"] == 1 and ds.attrs["relocsim_complete"] == 1
    assert len(ds.attrs["sweep_id"]) == 32
    assert ds.attrs["design_method"] == "lhs" and ds.attrs["design_n"] == 4
    assert int(ds.attrs["master_seed"]) == 3 and ds.attrs["replications"] == 2
    assert ds.attrs["reference_arm"] == "base"
    for name in ("saltelli_second_order", "morris_levels", "morris_trajectories", "program_version", "git_commit"):
        assert name in ds.attrs
    assert "sweep.toml" in ds.attrs["input_sha256"] and "tiny.toml" in ds.attrs["input_sha256"]
    assert list(ds["param"].values) == ["behaviour.logit_scale", "costs.wage_pressure"]
    assert list(ds["arm"].values) == ["base", "fast"]
    assert list(ds["replicate"].values) == [0, 1]
    assert ds["design_unit"].dims == ("design_row", "param")
    unit = ds["design_unit"].values
    assert ((unit >= 0) & (unit <= 1)).all()
    # One point per stratum of each parameter.
    assert sorted(np.floor(unit[:, 0] * 4).astype(int)) == [0, 1, 2, 3]
    values = ds["design_value"].values
    assert ((values[:, 0] >= 2) & (values[:, 0] <= 8)).all()
    assert list(ds["param_lower"].values) == [2.0, 0.0] and list(ds["param_upper"].values) == [8.0, 1.0]
    assert list(ds["design_group"].values) == [0, 1, 2, 3]
    assert list(ds["run_design_row"].values) == [i // 4 for i in range(16)]
    assert list(ds["run_replicate"].values) == [i // 2 % 2 for i in range(16)]
    assert ds["run_arm"].attrs["flag_meanings"] == "base fast"
    assert ds["run_status"].attrs["flag_meanings"] == "done failed not_run"
    assert (ds["run_status"].values == 0).all() and (ds["run_error"].values == "").all()
    seeds = ds["run_seed"].values
    assert seeds.dtype == np.uint64 and (seeds[0::2] == seeds[1::2]).all()  # arms share a seed
    assert "friction.single_window_factor=0.2" in str(ds["arm_overrides"].sel(arm="fast").values)
    assert "logit_scale" in str(ds["arm_config"].sel(arm="base").values)
    for name in OUTCOMES:
        assert ds[name].dims[0] == "run", name
        assert ds["diff_" + name].dims == ds[name].dims
        assert np.isnan(ds["diff_" + name].sel(run=0)).all()  # the reference arm's own runs
    assert ds["india_capacity_share_end"].dims == ("run", "sector")
    assert ds["firms_relocated_india"].dims == ("run",)
    assert ds["capacity_share"].dims == ("run", "step", "bloc", "sector")
    assert ds["pli_paid_cumulative"].dims == ds["india_incremental_jobs"].dims == ("run", "step", "sector")
    share = ds["capacity_share"].sum("bloc").values
    assert np.allclose(share, 1.0)
    end = ds["capacity_share"].isel(step=-1).sel(bloc="India").values
    assert np.array_equal(end, ds["india_capacity_share_end"].values)
    diff = ds["india_capacity_net_change"].values[1::2] - ds["india_capacity_net_change"].values[0::2]
    assert np.array_equal(ds["diff_india_capacity_net_change"].values[1::2], diff)
    assert "year" in ds.coords and ds["year"].dims == ("step",)


def test_results_do_not_depend_on_the_thread_count(relocsim, definition, tmp_path):
    path = definition(lhs_sweep())
    assert relocsim("sweep", path, "-o", "t1.h5", "--threads", 1, "-q").returncode == 0
    assert relocsim("sweep", path, "-o", "t2.h5", "--threads", 2, "-q").returncode == 0
    with h5py.File(tmp_path / "t1.h5", "r") as f:
        assert f.attrs["threads"] == 1
        # The arms differ, so the comparison compares something.
        assert np.nanmax(np.abs(f["diff_india_capacity_net_change"][()])) > 0
    assert differences(tmp_path / "t1.h5", tmp_path / "t2.h5") == []


def test_a_failing_run_is_recorded_and_the_sweep_finishes(relocsim, definition, tmp_path):
    text = (
        f'[sweep]\nmethod = "grid"\nreplications = 2\n[[arm]]\nname = "base"\nscenario = "{TINY}"\n'
        + '[[parameter]]\nkey = "behaviour.review_probability"\nlevels = [0.5, 2.0]\n'
    )
    r = relocsim("sweep", definition(text), "-o", "out.h5")
    assert r.returncode == 0, r.stderr
    assert "2 runs done, 2 failed" in r.stdout
    assert "failed: run 2 (design row 1, replicate 0, arm base): --set: behaviour.review_probability: " in r.stderr
    with h5py.File(tmp_path / "out.h5", "r") as f:
        assert list(f["run_status"][()]) == [0, 0, 1, 1]
        errors = f["run_error"].asstr()[()]
        assert errors[0] == "" and "behaviour.review_probability" in errors[2]
        assert np.isnan(f["india_capacity_share_end"][2]).all()
        assert f["firms_relocated_india"][2] == -1


def test_every_design_method(relocsim, definition, tmp_path):
    base = arm("base")
    params = (
        '[[parameter]]\nkey = "behaviour.logit_scale"\nlower = 2.0\nupper = 8.0\n'
        '[[parameter]]\nkey = "friction.single_window_factor"\ndistribution = "normal"\nmean = 0.6\nsd = 0.1\n'
        'lower = 0.2\nupper = 1.0\n'
    )
    (tmp_path / "design.csv").write_text("behaviour.logit_scale,switches.pli\n3,true\n5.5,false\n")
    cases = {
        "grid": ('method = "grid"\nn = 3\n', params, 9, ""),
        "saltelli": ('method = "saltelli"\nn = 2\nsecond_order = true\n', params, 2 * 6, "AB_1"),
        "morris": ('method = "morris"\nn = 2\nlevels = 4\n', params, 2 * 3, "trajectory_1_point_2"),
        "csv": ('method = "csv"\ndesign = "design.csv"\n', "", 2, ""),
    }
    for method, (head, ps, rows, role) in cases.items():
        path = definition(f"[sweep]\n{head}" + base + ps, f"{method}.toml")
        r = relocsim("sweep", path, "-o", f"{method}.h5", "-q")
        assert r.returncode == 0, (method, r.stderr)
        ds = xr.open_dataset(tmp_path / f"{method}.h5", engine="h5netcdf")
        assert ds.attrs["design_method"] == method
        assert ds.sizes["design_row"] == rows, method
        assert ds.sizes["run"] == rows
        if role:
            assert role in list(ds["design_role"].values)
    ds = xr.open_dataset(tmp_path / "morris.h5", engine="h5netcdf")
    assert ds.attrs["morris_levels"] == 4 and ds.attrs["morris_trajectories"] == 2
    assert xr.open_dataset(tmp_path / "saltelli.h5", engine="h5netcdf").attrs["saltelli_second_order"] == 1
    csv = xr.open_dataset(tmp_path / "csv.h5", engine="h5netcdf")
    assert list(csv["design_text"].sel(param="switches.pli").values) == ["true", "false"]
    assert list(csv["design_value"].sel(param="behaviour.logit_scale").values) == [3.0, 5.5]


def test_dry_run_prints_the_plan_and_runs_nothing(relocsim, definition, tmp_path):
    r = relocsim("sweep", definition(lhs_sweep()), "--dry-run", "--shard", "1/3")
    assert r.returncode == 0, r.stderr
    assert "lhs design, 4 rows x 2 replications x 2 arms = 16 runs" in r.stdout
    assert "shard 1/3: 1 rows, 4 runs" in r.stdout
    assert "parameter behaviour.logit_scale: uniform(2, 8)" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sweep.toml"]


def test_slurm_array_variables_choose_the_shard(relocsim, definition, tmp_path):
    env = {"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1",
           "SLURM_ARRAY_TASK_MAX": "3"}
    r = relocsim("sweep", definition(lhs_sweep()), "-o", "part.h5", "-q", env=env)
    assert r.returncode == 0, r.stderr
    with h5py.File(tmp_path / "part.h5", "r") as f:
        assert (f.attrs["shard_index"], f.attrs["shard_count"]) == (2, 3)
        rows = f["run_design_row"][()]
        assert ((f["run_status"][()] == 0) == (rows % 3 == 2)).all()
    # --shard wins over the environment.
    r = relocsim("sweep", definition(lhs_sweep()), "-o", "p0.h5", "-q", "--shard", "0/2", env=env)
    with h5py.File(tmp_path / "p0.h5", "r") as f:
        assert (f.attrs["shard_index"], f.attrs["shard_count"]) == (0, 2)


def test_error_existing_output_and_journal(relocsim, definition, tmp_path):
    path = definition(lhs_sweep())
    (tmp_path / "out.h5").write_bytes(b"an earlier result")
    r = relocsim("sweep", path, "-o", "out.h5", "-q")
    assert r.returncode == 1
    assert r.stderr == "error: out.h5 exists; use --force to overwrite, or --resume to finish the sweep that is writing it\n"
    r = relocsim("sweep", path, "-o", "out.h5", "-q", "--resume")
    assert r.returncode == 1
    assert r.stderr == "error: out.h5 exists and is not a relocsim archive; use --force to replace it\n"
    assert (tmp_path / "out.h5").read_bytes() == b"an earlier result"
    (tmp_path / "out.h5").unlink()
    (tmp_path / "out.h5.d").mkdir()
    r = relocsim("sweep", path, "-o", "out.h5", "-q")
    assert r.returncode == 1
    assert r.stderr == ("error: out.h5.d exists: the journal of an unfinished sweep; continue it with --resume, "
                        "or use --force to discard it and start over\n")
    r = relocsim("sweep", path, "-o", "out.h5", "-q", "--force")
    assert r.returncode == 0, r.stderr
    r = relocsim("sweep", path, "-o", "out.h5", "-q", "--resume", "--force")
    assert r.returncode == 2
    assert r.stderr == ("error: --resume: --resume continues a sweep and --force discards it; give one of them, "
                        "not both\n")
    # An archive of another sweep is not "finished" for this one.
    other = definition(lhs_sweep(seed=4), "other.toml")
    r = relocsim("sweep", other, "-o", "out.h5", "-q", "--resume")
    assert r.returncode == 1
    assert "error: out.h5 exists and is not the finished archive of this sweep (its sweep_id is " in r.stderr
    assert "; use --force to replace it" in r.stderr


def test_error_a_bad_definition_is_located(relocsim, definition, tmp_path):
    text = lhs_sweep().replace("upper = 8.0", "upper = 1.0")
    r = relocsim("sweep", definition(text).name, "-o", "out.h5")
    assert r.returncode == 2
    assert r.stderr == ("error: sweep.toml:18: parameter.upper: reversed range for behaviour.logit_scale: "
                        "lower = 2 > upper = 1; expected lower < upper\n")
    r = relocsim("sweep", "absent.toml")
    assert r.returncode == 2
    assert r.stderr == "error: absent.toml: cannot open the sweep definition (No such file or directory)\n"
    r = relocsim("sweep", definition(lhs_sweep()), "--shard", "2/2")
    assert r.returncode == 2
    assert r.stderr == "error: --shard: '2/2': expected k/N with 0 <= k < N, e.g. 0/4\n"
    assert not (tmp_path / "out.h5").exists()


def test_error_a_missing_output_directory(relocsim, definition, tmp_path):
    r = relocsim("sweep", definition(lhs_sweep()), "-o", tmp_path / "nowhere" / "out.h5", "-q")
    assert r.returncode == 1
    assert "does not exist" in r.stderr and "nowhere" in r.stderr


def test_compare_prints_paired_differences_and_writes_them(relocsim, definition, tmp_path):
    b = definition(f'extends = "{TINY}"\n[friction]\nsingle_window_factor = 0.2\n', "b.toml")
    r = relocsim("compare", TINY, b, "--replications", 3, "-o", "cmp.h5", "--seed", 9)
    assert r.returncode == 0, r.stderr
    assert "Paired difference B - A over 3 replications (common random numbers), 95% t confidence interval" in r.stdout
    assert "india_capacity_net_change" in r.stdout and "firms_relocated_asean" in r.stdout
    ds = xr.open_dataset(tmp_path / "cmp.h5", engine="h5netcdf")
    assert ds.attrs["design_method"] == "compare" and ds.attrs["reference_arm"] == "A"
    assert list(ds["arm"].values) == ["A", "B"] and ds.sizes["design_row"] == 1 and ds.sizes["param"] == 0
    assert ds.sizes["run"] == 6
    for name in OUTCOMES:
        for stat in ("compare_mean_", "compare_ci_low_", "compare_ci_high_", "compare_n_"):
            assert stat + name in ds, stat + name
    diffs = ds["diff_india_capacity_net_change"].values[1::2]
    assert np.allclose(ds["compare_mean_india_capacity_net_change"].values, diffs.mean(axis=0))
    low, high = ds["compare_ci_low_india_capacity_net_change"].values, ds["compare_ci_high_india_capacity_net_change"].values
    assert (low <= diffs.mean(axis=0)).all() and (diffs.mean(axis=0) <= high).all()
    # Without -o: the table only, nothing left behind.
    r = relocsim("compare", TINY, b, "-R", 2, "-q")
    assert r.returncode == 0, r.stderr
    assert "Paired difference" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.toml", "cmp.h5"]


def test_compare_of_a_scenario_with_itself_is_exactly_zero(relocsim, tmp_path):
    r = relocsim("compare", TINY, TINY, "-R", 2, "-o", "same.h5", "-q")
    assert r.returncode == 0, r.stderr
    with h5py.File(tmp_path / "same.h5", "r") as f:
        assert (f["compare_mean_india_capacity_net_change"][()] == 0).all()
        assert (f["compare_mean_firms_relocated_india"][()] == 0).all()


def test_error_compare_needs_two_replications_and_valid_scenarios(relocsim, tmp_path):
    r = relocsim("compare", TINY, TINY, "--replications", 1)
    assert r.returncode == 2
    assert r.stderr == ("error: --replications: expected the number of replications (a confidence interval needs 2), "
                        "a whole number from 2 to 2147483647, got 1\nRun 'relocsim compare --help' for the options.\n")
    r = relocsim("compare", TINY, tmp_path / "absent.toml", "-R", 2)
    assert r.returncode == 2
    assert "error: compare: arm.scenario: arm 'B': scenario " in r.stderr and "absent.toml" in r.stderr
    assert "cannot open" in r.stderr
