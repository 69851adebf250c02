"""A calibration run end to end: the fit file's contents, the identification
report flagging a parameter no target moves, the same file from 1 and 2
threads, and kill -9 then --resume giving the uninterrupted file."""

import os
import random
import signal
import subprocess
import sys
import time

import h5py
import numpy as np

from conftest import HISTORY, SMALL, calibration_text, targets_text
from relocsim_testing import ROOT, differences

FAST = "global_evaluations = 16\nlocal_evaluations = 16\nscreen_points = 6\ndraws = 4\n"
TARGETS = targets_text(
    [
        ("out21", "india_output_fy21", "2021-03-31", 30400.0, 1500.0),
        ("out22", "india_output_fy22", "2022-03-31", 32000.0, 1600.0),
        ("out23", "india_output_fy23", "2023-03-31", 36000.0, 1800.0),
        ("asean23", "asean_output_fy23", "2023-03-31", 60000.0, 6000.0),
        ("exp23", "india_exports_fy23", "2023-03-31", 4500.0, 450.0),
        ("jobs25", "india_jobs_mar2023", "2025-03-31", 100000.0, 50000.0),
    ]
)
# The fit files of one calibration differ in when and how they were made.
MADE = {"wall_seconds", "host"}


def run_calibration(relocsim, write, name, *extra, calib=None):
    write("targets.csv", TARGETS)
    path = write("calib.toml", calib or calibration_text(method=FAST, replications=2,
                                                         sets=SMALL.replace("13", "21")))
    return relocsim("calibrate", path, "-o", name, *extra), path


def test_the_fit_file_holds_the_estimate_and_its_statistics(relocsim, write, tmp_path):
    r, _ = run_calibration(relocsim, write, "fit.h5", "--threads", 2)
    assert r.returncode == 0, r.stderr
    assert "status: " in r.stdout and "behaviour.logit_scale" in r.stdout
    with h5py.File(tmp_path / "fit.h5", "r") as f:
        assert f.attrs["relocsim_file_kind"].decode() == "calibration"
        assert int(f.attrs["relocsim_complete"]) == 1
        est = f["parameter_estimate"][()]
        lower, upper = f["parameter_lower"][()], f["parameter_upper"][()]
        assert np.all((est >= lower) & (est <= upper))
        # The estimate is the evaluated point of least objective.
        objective = f["evaluation_objective"][()]
        k = int(f.attrs["estimate_evaluation"])
        assert np.array_equal(f["evaluation_theta"][k], est)
        searched = np.isin(f["evaluation_stage"][()], [0, 2, 3])
        assert objective[k] == objective[searched].min()
        # The fitted moments are the estimate's means over its replicates.
        by_rep = f["evaluation_moments_by_replicate"][k]
        assert np.allclose(f["moment_fitted"][()], by_rep.mean(axis=0), rtol=1e-12)
        # The last target is dated after fit_until: out of sample.
        assert list(f["moment_in_fit"][()]) == [1, 1, 1, 1, 1, 0]
        assert np.isnan(f["moment_std_residual"][5])
        omega = f["omega"][()]
        assert np.all(np.isnan(omega[5])) and np.all(np.isfinite(omega[:5, :5]))
        # Each fit moment's standardised residual, recomputed.
        fitted, target = f["moment_fitted"][:5], f["moment_target"][:5]
        assert np.allclose(f["moment_std_residual"][:5], (fitted - target) / np.sqrt(np.diag(omega[:5, :5])))
        se = f["parameter_std_error"][()]
        assert np.all(np.isfinite(se)) and np.all(se > 0)
        assert np.allclose(np.sqrt(np.diag(f["covariance"][()])), se)
        assert int(f.attrs["j_df"]) == 5 - 2
        assert f.attrs["j_kind"].decode() == "diagnostic"
        lo, hi = f["moment_prediction_lower"][()], f["moment_prediction_upper"][()]
        assert np.all(lo <= hi)
        assert f["draw_theta"].shape == (4, 2)
        assert f["calibration_toml"][()].decode().startswith("[calibration]")


def test_a_parameter_no_target_moves_is_flagged_and_nothing_is_estimated(relocsim, write, tmp_path):
    # With learning switched off, its elasticity changes nothing.
    calib = calibration_text(
        parameters=[("behaviour.logit_scale", 2.0, 12.0, None), ("costs.learning_elasticity", 0.05, 0.4, None)],
        method=FAST, replications=2, sets=SMALL + ', "switches.learning = false"')
    r, _ = run_calibration(relocsim, write, "fit.h5", calib=calib)
    assert r.returncode == 1, r.stderr
    assert "not identified: costs.learning_elasticity: its effect on every moment is not distinguishable from " \
           "simulation noise" in r.stdout
    assert "behaviour.logit_scale:" not in r.stdout
    assert ("relocsim: the targets do not identify costs.learning_elasticity at the starting point; the "
            "identification report is in fit.h5.") in r.stderr
    with h5py.File(tmp_path / "fit.h5", "r") as f:
        assert f.attrs["status"].decode() == "not identified"
        assert f.attrs["unidentified"].decode() == "costs.learning_elasticity"
        assert list(f["parameter_identified"][()]) == [1, 0]
        assert np.all(np.isnan(f["parameter_estimate"][()]))
        assert set(f["evaluation_stage"][()]) <= {0, 1, 4}


def test_one_and_two_threads_give_the_same_file(relocsim, write, tmp_path):
    r1, _ = run_calibration(relocsim, write, "one.h5", "--threads", 1)
    r2, _ = run_calibration(relocsim, write, "two.h5", "--threads", 2)
    assert r1.returncode == 0 and r2.returncode == 0, r1.stderr + r2.stderr
    assert differences(tmp_path / "one.h5", tmp_path / "two.h5", MADE) == []


def test_kill_9_then_resume_gives_the_uninterrupted_file(relocsim_bin, relocsim, write, tmp_path):
    start = time.monotonic()
    r, path = run_calibration(relocsim, write, "whole.h5", "--threads", 2)
    seconds = time.monotonic() - start
    assert r.returncode == 0, r.stderr
    rng = random.Random(20261202)
    killed = attempts = 0
    out = tmp_path / "out.h5"
    while killed < 2 and attempts < 10:
        if out.exists():
            out.unlink()
        proc = subprocess.Popen([relocsim_bin, "calibrate", str(path), "-o", "out.h5", "-q", "--threads", "2",
                                 "--resume"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.1, 0.8) * seconds)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
        _, err = proc.communicate()
        assert proc.returncode in (0, -signal.SIGKILL), err
        attempts += 1
        if out.exists():
            with h5py.File(out, "r") as f:
                assert int(f.attrs["relocsim_complete"]) == 1
    assert killed >= 1, "no kill caught the calibration running"
    r = relocsim("calibrate", path, "-o", "out.h5", "--resume", "--threads", 2)
    assert r.returncode == 0, r.stderr
    assert "resumed: " in r.stdout and " runs were in the journal" in r.stdout
    assert differences(tmp_path / "whole.h5", out, MADE) == []
    assert not (tmp_path / "out.h5.d").exists()


def test_a_journal_without_resume_is_refused(relocsim_bin, relocsim, write, tmp_path):
    r, path = run_calibration(relocsim, write, "fit.h5", "--dry-run")
    (tmp_path / "out.h5.d").mkdir()
    proc = subprocess.Popen([relocsim_bin, "calibrate", str(path), "-o", "out.h5", "-q"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "out.h5.d" in err


def test_the_report_reads_a_real_fit_file(relocsim, write, tmp_path):
    r, _ = run_calibration(relocsim, write, "fit.h5")
    assert r.returncode == 0, r.stderr
    report = subprocess.run([sys.executable, "-m", "relocsim", "report", str(tmp_path / "fit.h5"), "-o",
                             str(tmp_path / "report")], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "analysis"), "MPLBACKEND": "Agg"})
    assert report.returncode == 0, report.stderr
    page = (tmp_path / "report" / "index.html").read_text()
    assert "behaviour.logit_scale" in page and "out of sample" in page.lower()
    # One figure per published series: the test's targets are one series each.
    assert len(list((tmp_path / "report").glob("fit_over_time_*.png"))) == 6


def test_the_draws_feed_a_sweep_over_parameter_uncertainty(relocsim, write, tmp_path):
    r, _ = run_calibration(relocsim, write, "fit.h5")
    assert r.returncode == 0, r.stderr
    env = {**os.environ, "PYTHONPATH": str(ROOT / "analysis")}
    made = subprocess.run([sys.executable, "-m", "relocsim", "draws", str(tmp_path / "fit.h5"), "-o",
                           str(tmp_path / "draws.csv")], capture_output=True, text=True, env=env)
    assert made.returncode == 0, made.stderr
    sweep = (f'[sweep]\nmethod = "csv"\ndesign = "draws.csv"\nreplications = 2\nmaster_seed = 3\n'
             f'[[arm]]\nname = "history"\nscenario = "{HISTORY}"\nset = [{SMALL}]\n'
             f'[[arm]]\nname = "no_pli"\nscenario = "{HISTORY}"\nset = [{SMALL}, "switches.pli = false"]\n')
    r = relocsim("sweep", write("sweep.toml", sweep), "-o", "sweep.h5", "-q")
    assert r.returncode == 0, r.stderr
    with h5py.File(tmp_path / "fit.h5", "r") as fit, h5py.File(tmp_path / "sweep.h5", "r") as arc:
        draws = fit["draw_theta"][()]
        assert arc["design_value"].shape == draws.shape
        assert np.array_equal(arc["design_value"][()], draws)  # exactly the drawn values, no rounding


def test_draws_of_a_calibration_that_stopped_are_refused(relocsim, write, tmp_path):
    calib = calibration_text(
        parameters=[("behaviour.logit_scale", 2.0, 12.0, None), ("costs.learning_elasticity", 0.05, 0.4, None)],
        method=FAST, replications=2, sets=SMALL + ', "switches.learning = false"')
    r, _ = run_calibration(relocsim, write, "fit.h5", calib=calib)
    assert r.returncode == 1
    made = subprocess.run([sys.executable, "-m", "relocsim", "draws", str(tmp_path / "fit.h5"), "-o",
                           str(tmp_path / "draws.csv")], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "analysis")})
    assert made.returncode == 2
    assert "holds no parameter draws (status 'not identified')" in made.stderr
    assert not (tmp_path / "draws.csv").exists()


def test_ctrl_c_keeps_the_runs_made_and_says_how_to_go_on(relocsim_bin, relocsim, write, tmp_path):
    _, path = run_calibration(relocsim, write, "fit.h5", "--dry-run")
    journal = tmp_path / "out.h5.d"
    for _ in range(4):
        proc = subprocess.Popen([relocsim_bin, "calibrate", str(path), "-o", "out.h5", "--resume"], cwd=tmp_path,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while proc.poll() is None and not any(journal.glob("run-*.rec")):
            time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=300)
        if proc.returncode == 0:
            (tmp_path / "out.h5").unlink()  # it finished first; try again
            continue
        assert proc.returncode == 130, err
        assert "relocsim: interrupted after " in err and " runs, kept in out.h5.d; continue with --resume" in err
        assert not (tmp_path / "out.h5").exists()
        break
    else:
        raise AssertionError("every calibration finished before the signal")
    r = relocsim("calibrate", path, "-o", "out.h5", "--resume")
    assert r.returncode == 0, r.stderr
    assert " runs were in the journal" in r.stdout
