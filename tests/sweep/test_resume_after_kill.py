"""kill -9 at random moments, then --resume, several times: the final archive
equals that of a sweep that was never interrupted."""

import os
import random
import signal
import subprocess
import time

import h5py

from conftest import arm
from relocsim_testing import archive_differences as differences


def sweep_text():
    busy = '"population.n_firms=3000"'
    return (
        '[sweep]\nmethod = "grid"\nreplications = 4\nmaster_seed = 17\n'
        + arm("base", busy)
        + arm("fast", busy + ', "friction.single_window_factor=0.2"')
        + '[[parameter]]\nkey = "behaviour.logit_scale"\nlevels = [2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]\n'
    )


def test_resume_after_kill_9_gives_the_uninterrupted_archive(relocsim_bin, relocsim, definition, tmp_path):
    path = definition(sweep_text())
    start = time.monotonic()
    r = relocsim("sweep", path, "-o", "whole.h5", "-q", "--threads", 2)
    whole_seconds = time.monotonic() - start
    assert r.returncode == 0, r.stderr

    rng = random.Random(20261121)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLURM_")}
    killed = attempts = 0
    out = tmp_path / "out.h5"
    # Kill at random moments until three kills caught the sweep running (or
    # twelve attempts). Every attempt resumes what the one before left; one
    # that finished is started over, so that the next can be killed.
    while killed < 3 and attempts < 12:
        if out.exists():
            out.unlink()
        args = [relocsim_bin, "sweep", str(path), "-o", "out.h5", "-q", "--threads", "2", "--resume"]
        proc = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.02, 0.9) * whole_seconds)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
        _, err = proc.communicate()
        assert proc.returncode in (0, -signal.SIGKILL), err
        attempts += 1
        # Never a file that looks like a result but is not one.
        if out.exists():
            with h5py.File(out, "r") as f:
                assert int(f.attrs["relocsim_complete"]) == 1
    print(f"{killed} kills caught the sweep running, in {attempts} attempts")
    assert killed >= 1, "no kill caught the sweep running"

    r = relocsim("sweep", path, "-o", "out.h5", "--resume", "--threads", 2)
    assert r.returncode == 0, r.stderr
    assert differences(tmp_path / "whole.h5", out) == []
    assert not (tmp_path / "out.h5.d").exists()
    # What a kill during the archive's own writing leaves is a hidden temporary.
    for leftover in tmp_path.iterdir():
        assert leftover.name in ("sweep.toml", "whole.h5", "out.h5") or leftover.name.startswith(".out.h5.tmp-")


def test_ctrl_c_or_sigterm_keeps_the_finished_runs(relocsim_bin, relocsim, definition, tmp_path):
    path = definition(sweep_text())
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLURM_")}
    journal = tmp_path / "out.h5.d"
    interrupted = False
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGINT, signal.SIGTERM):
        proc = subprocess.Popen([relocsim_bin, "sweep", str(path), "-o", "out.h5", "--threads", "2", "--resume"],
                                cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Once a run is in the journal, the sweep is under way.
        while proc.poll() is None and not any(journal.glob("run-*.rec")):
            time.sleep(0.01)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=300)
        if proc.returncode == 0:
            (tmp_path / "out.h5").unlink()  # it finished first; try again
            continue
        assert proc.returncode == 130, err
        assert "relocsim: interrupted: " in err and " runs done, kept in out.h5.d; continue with --resume" in err
        assert not (tmp_path / "out.h5").exists()
        assert any(journal.glob("run-*.rec"))
        interrupted = True
        break
    assert interrupted, "every sweep finished before the signal"
    r = relocsim("sweep", path, "-o", "out.h5", "--resume", "--threads", 2)
    assert r.returncode == 0, r.stderr
    assert "resumed: " in r.stdout and " runs were already done" in r.stdout
