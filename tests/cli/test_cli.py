"""The program's behaviour at its edges: what it prints, what it refuses,
what it leaves on disk."""

import os
import signal
import subprocess
import time

import h5py
import numpy as np

from conftest import ROOT, TINY
from relocsim_testing import differences


def test_version_names_the_commit(relocsim):
    r = relocsim("--version")
    assert r.returncode == 0
    assert r.stdout.startswith("relocsim 0.1.0 (commit ")


def test_run_writes_the_file_and_summarises(relocsim, tmp_path):
    out = tmp_path / "tiny.h5"
    r = relocsim("run", TINY, "-o", out)
    assert r.returncode == 0, r.stderr
    assert out.exists()
    assert "Capacity share by bloc" in r.stdout
    assert f"Results: {out}" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.h5"]
    with h5py.File(out, "r") as f:
        assert int(f.attrs["relocsim_complete"]) == 1
        assert int(f.attrs["seed"]) == 7


def test_quiet_prints_nothing(relocsim, tmp_path):
    r = relocsim("run", TINY, "-o", tmp_path / "q.h5", "--quiet")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""


def test_seed_flag_is_recorded_in_the_resolved_configuration(relocsim, tmp_path):
    out = tmp_path / "s.h5"
    assert relocsim("run", TINY, "-o", out, "-q", "--seed", 12345).returncode == 0
    with h5py.File(out, "r") as f:
        assert int(f.attrs["seed"]) == 12345
        text = f["resolved_config"][()]
        text = text.decode() if isinstance(text, bytes) else str(text)
        assert "seed = 12345" in text


def test_an_existing_result_is_never_overwritten_without_force(relocsim, tmp_path):
    out = tmp_path / "keep.h5"
    out.write_bytes(b"an earlier result")
    r = relocsim("run", TINY, "-o", out, "-q")
    assert r.returncode == 1
    assert "keep.h5 exists; use --force to overwrite" in r.stderr
    assert out.read_bytes() == b"an earlier result"
    r = relocsim("run", TINY, "-o", out, "-q", "--force")
    assert r.returncode == 0, r.stderr
    with h5py.File(out, "r") as f:
        assert int(f.attrs["relocsim_complete"]) == 1


def test_a_missing_output_directory_is_an_error(relocsim, tmp_path):
    r = relocsim("run", TINY, "-o", tmp_path / "nowhere" / "x.h5", "-q")
    assert r.returncode == 1
    assert "does not exist" in r.stderr and "nowhere" in r.stderr


def test_a_missing_configuration_names_the_file(relocsim, tmp_path):
    r = relocsim("run", tmp_path / "absent.toml", "-q")
    assert r.returncode == 2
    assert r.stderr.startswith("error: ")
    assert "absent.toml" in r.stderr and "cannot open" in r.stderr


def test_an_unknown_override_suggests_the_nearest_key(relocsim, tmp_path):
    r = relocsim("run", TINY, "-o", tmp_path / "x.h5", "--set", "behaviour.logit_scal=3")
    assert r.returncode == 2
    assert "behaviour.logit_scal" in r.stderr and "behaviour.logit_scale" in r.stderr
    assert not (tmp_path / "x.h5").exists()


def test_validate_accepts_the_baseline_and_reports_every_error(relocsim, tmp_path):
    r = relocsim("validate", ROOT / "configs" / "baseline.toml")
    assert r.returncode == 0, r.stderr
    assert "valid (24 sites, 7 sectors, 6 markets" in r.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text(
        f'extends = "{TINY}"\n[behaviour]\nlogit_scale = -1.0\nreview_probability = 2.0\n'
    )
    r = relocsim("validate", bad)
    assert r.returncode == 2
    errors = [line for line in r.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) >= 2
    assert any("bad.toml:3: behaviour.logit_scale" in e for e in errors)
    assert any("bad.toml:4: behaviour.review_probability" in e for e in errors)


def test_output_is_identical_on_one_and_two_threads(relocsim, tmp_path):
    args = ["--set", "population.n_firms=6000", "--set", "behaviour.review_probability=0.3", "-q"]
    one, two = tmp_path / "t1.h5", tmp_path / "t2.h5"
    assert relocsim("run", TINY, "-o", one, "--threads", 1, *args).returncode == 0
    assert relocsim("run", TINY, "-o", two, "--threads", 2, *args).returncode == 0
    with h5py.File(one, "r") as f:
        assert f["event_step"].shape[0] > 100  # the runs did something worth comparing
        assert int(f.attrs["threads"]) == 1
    assert differences(one, two) == []


def test_different_seeds_give_different_outputs(relocsim, tmp_path):
    args = ["--set", "population.n_firms=2000", "-q"]
    a, b = tmp_path / "a.h5", tmp_path / "b.h5"
    assert relocsim("run", TINY, "-o", a, "--seed", 1, *args).returncode == 0
    assert relocsim("run", TINY, "-o", b, "--seed", 2, *args).returncode == 0
    assert "capacity" in differences(a, b)


def test_an_interrupted_run_leaves_nothing_behind(relocsim_bin, tmp_path):
    out = tmp_path / "big.h5"
    # Long enough to be interrupted mid-run.
    proc = subprocess.Popen(
        [relocsim_bin, "run", TINY, "-o", out, "-q", "--set", "population.n_firms=200000",
         "--set", "run.steps=400", "--set", "behaviour.review_probability=1.0"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(2.0)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 130
    assert "interrupted after step" in err and "no result was written" in err
    assert list(tmp_path.iterdir()) == []


def test_a_killed_run_leaves_no_file_under_the_result_name(relocsim_bin, tmp_path):
    out = tmp_path / "killed.h5"
    proc = subprocess.Popen(
        [relocsim_bin, "run", TINY, "-o", out, "-q", "--set", "population.n_firms=200000",
         "--set", "run.steps=400", "--set", "behaviour.review_probability=1.0"],
        cwd=tmp_path,
    )
    time.sleep(2.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists()
    # What is left is a hidden temporary, never a file that looks complete.
    for leftover in tmp_path.iterdir():
        assert leftover.name.startswith(".")


def test_pli_counterfactual_measures_against_a_run_without_pli(relocsim, tmp_path):
    args = ["--set", "population.n_firms=3000", "--set", "behaviour.review_probability=0.3", "-q"]
    paired, without = tmp_path / "paired.h5", tmp_path / "nopli.h5"
    assert relocsim("run", TINY, "-o", paired, "--pli-counterfactual", *args).returncode == 0
    assert relocsim("run", TINY, "-o", without, "--set", "switches.pli=false", *args).returncode == 0
    with h5py.File(paired, "r") as p, h5py.File(without, "r") as w:
        added = p["pli_additional_jobs"][()]
        expected = p["india_incremental_jobs"][()] - w["india_incremental_jobs"][()]
        assert (added == expected).all()
        committed = p["pli_committed_cumulative"][()]
        cost = p["pli_cost_per_additional_job"][()]
        ok = (committed > 0) & (added > 0)
        assert ok.any(), "the tiny scenario's PLI should add jobs somewhere"
        assert (cost[ok] == committed[ok] / added[ok]).all()
        assert np.isnan(cost[~ok]).all()
    with h5py.File(without, "r") as w:
        assert "pli_additional_jobs" not in w
