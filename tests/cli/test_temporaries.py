"""What a run leaves on disk when it is stopped or killed (issue 12): SIGHUP
stops it like SIGTERM, and the temporaries of dead processes on this host
(quiet for an hour) are removed by the next run to the same target, never
those of a live process or of another host."""

import os
import re
import signal
import socket
import subprocess
import time

from conftest import TINY

LONG_RUN = ["--set", "population.n_firms=200000", "--set", "run.steps=400",
            "--set", "behaviour.review_probability=1.0"]


def host_tag():
    """The host as the program writes it into a temporary's name."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", socket.gethostname())


def dead_pid():
    """The id of a process that has exited (and been reaped)."""
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_sighup_stops_the_run_and_leaves_nothing(relocsim_bin, tmp_path):
    proc = subprocess.Popen([relocsim_bin, "run", TINY, "-o", tmp_path / "hup.h5", "-q", *LONG_RUN],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The temporary exists once the run has started writing.
    deadline = time.time() + 60
    while not any(p.name.startswith(".hup.h5.tmp-") for p in tmp_path.iterdir()):
        assert proc.poll() is None, proc.communicate()
        assert time.time() < deadline
        time.sleep(0.05)
    names = [p.name for p in tmp_path.iterdir()]
    assert names == [f".hup.h5.tmp-{host_tag()}-{proc.pid}"]  # the host and pid are in the name
    proc.send_signal(signal.SIGHUP)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 130, err
    assert "no result was written" in err
    assert list(tmp_path.iterdir()) == []


def test_stale_temporaries_of_dead_processes_are_removed_by_the_next_run(relocsim, tmp_path):
    host = host_tag()
    dead = tmp_path / f".out.h5.tmp-{host}-{dead_pid()}"
    live = tmp_path / f".out.h5.tmp-{host}-{os.getpid()}"        # this test's process: alive
    elsewhere = tmp_path / f".out.h5.tmp-{host}x-{dead_pid()}"   # another host: its pids mean nothing here
    other_target = tmp_path / f".other.h5.tmp-{host}-{dead_pid()}"
    old_format = tmp_path / f".out.h5.tmp-{dead_pid()}"           # no host: cannot be judged
    recent = tmp_path / f".out.h5.tmp-{host}-{dead_pid()}"  # dead, but written to a minute ago
    two_hours_ago = time.time() - 7200
    for path in (dead, live, elsewhere, other_target, old_format, recent):
        path.write_bytes(b"partial")
        if path is not recent:
            os.utime(path, (two_hours_ago, two_hours_ago))
    os.utime(recent, (time.time() - 60, time.time() - 60))
    r = relocsim("run", TINY, "-o", "out.h5", "-q")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["out.h5", live.name, elsewhere.name, other_target.name, old_format.name, recent.name])
