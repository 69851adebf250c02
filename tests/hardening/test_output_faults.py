"""Output faults at the program level: a full disk, a read-only directory, an
output path that cannot be a file, the process killed while writing. Each
gives a clear error or leaves nothing that looks complete (only a hidden
temporary), and an existing result is never damaged.

How each fault is made, so that CI needs no privilege it may lack:
- full disk: a small tmpfs mounted in a private mount namespace (unshare -rm,
  an unprivileged user namespace); skipped where that is not allowed. The
  file size limit (RLIMIT_FSIZE) needs nothing and always runs: past it a
  write fails with EFBIG as a full disk fails with ENOSPC.
- read-only directory: root ignores permissions, so the program runs as user
  nobody (setpriv); skipped when the tests do not run as root.
- killed: SIGKILL, and SIGXFSZ (the kernel's signal at the file size limit,
  whose default kills) at the moment of writing.
"""

import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import TINY
import small_disk
from small_disk import needs_tmpfs

EARLIER = b"an earlier result, which no failure may touch"
# Long enough to be stopped or killed while it runs.
LONG_RUN = ["--set", "population.n_firms=100000", "--set", "run.steps=200",
            "--set", "behaviour.review_probability=1.0"]


def hidden_temporaries_only(directory, keep=()):
    """Everything in `directory` but `keep` is a hidden temporary."""
    others = [p.name for p in Path(directory).iterdir() if p.name not in keep]
    return all(name.startswith(".") and ".tmp-" in name for name in others)


# --- full disk -------------------------------------------------------------

def run_on_tmpfs(relocsim_bin, size, script):
    """small_disk.run_on_tmpfs with $RELOCSIM the program and $TINY the tiny scenario."""
    return small_disk.run_on_tmpfs(size, script, env={**os.environ, "RELOCSIM": relocsim_bin, "TINY": str(TINY)})


@needs_tmpfs
def test_a_disk_that_fills_during_the_run_leaves_the_earlier_result(relocsim_bin):
    # 200 firms fit the free-space check (which counts what the output needs
    # at least) but not the disk: the writes fail part way.
    r = run_on_tmpfs(relocsim_bin, "96k", f"""
        printf '{EARLIER.decode()}' > keep.h5
        "$RELOCSIM" run "$TINY" -o keep.h5 --force -q; echo "status $?"
        ls -A; cat keep.h5""")
    out = r.stdout.splitlines()
    assert out[0] == "status 1", r.stderr
    assert out[1:] == ["keep.h5", EARLIER.decode()]
    assert r.stderr.startswith("error: cannot write keep.h5: ")
    assert "(No space left on device)" in r.stderr


@needs_tmpfs
def test_an_output_that_cannot_fit_is_refused_before_the_run(relocsim_bin):
    r = run_on_tmpfs(relocsim_bin, "256k", """
        "$RELOCSIM" run "$TINY" -o out.h5 -q --set population.n_firms=500000; echo "status $?"; ls -A""")
    assert r.stdout.splitlines() == ["status 1"], r.stderr
    # The need is the estimate's lower bound, 8 bytes a firm; the free space
    # depends on the page size, so it is only checked for its form.
    assert r.stderr.startswith("error: cannot write out.h5: the results need at least 3.81 MiB and '.' has ")
    assert r.stderr.endswith(" KiB free\n")


def limit_file_size(limit, ignore_signal):
    def apply():
        # Ignored signals stay ignored across exec: the write then fails with EFBIG.
        if ignore_signal:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def run_limited(relocsim_bin, tmp_path, args, limit, ignore_signal):
    return subprocess.run([relocsim_bin, *map(str, args)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600, preexec_fn=limit_file_size(limit, ignore_signal))


def test_a_write_past_the_file_size_limit_fails_cleanly(relocsim_bin, tmp_path):
    keep = tmp_path / "keep.h5"
    keep.write_bytes(EARLIER)
    r = run_limited(relocsim_bin, tmp_path, ["run", TINY, "-o", keep, "--force", "-q"], 48 * 1024, True)
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith(f"error: cannot write {keep}: ")
    assert "(File too large)" in r.stderr
    assert keep.read_bytes() == EARLIER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.h5"]


def test_a_run_killed_by_the_file_size_limit_leaves_the_earlier_result(relocsim_bin, tmp_path):
    keep = tmp_path / "keep.h5"
    keep.write_bytes(EARLIER)
    r = run_limited(relocsim_bin, tmp_path, ["run", TINY, "-o", keep, "--force", "-q"], 48 * 1024, False)
    assert r.returncode == -signal.SIGXFSZ
    assert keep.read_bytes() == EARLIER
    assert hidden_temporaries_only(tmp_path, keep=["keep.h5"])


# --- killed ----------------------------------------------------------------

def start_and_wait_for_temporary(cmd, directory, **kwargs):
    """Starts `cmd` and returns once its temporary output file exists, with
    the process stopped (SIGSTOP) so that what happens next does not depend
    on how fast it runs."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    deadline = time.monotonic() + 300
    while not any(".tmp-" in p.name for p in Path(directory).iterdir()):
        if proc.poll() is not None:
            _, err = proc.communicate()
            pytest.fail(f"the run ended before writing: {err}")
        assert time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.005)
    proc.send_signal(signal.SIGSTOP)
    return proc


def test_a_run_killed_while_writing_leaves_the_earlier_result(relocsim_bin, tmp_path):
    keep = tmp_path / "keep.h5"
    keep.write_bytes(EARLIER)
    proc = start_and_wait_for_temporary([relocsim_bin, "run", TINY, "-o", keep, "--force", "-q", *LONG_RUN],
                                        tmp_path, cwd=tmp_path)
    proc.kill()
    proc.communicate()
    assert keep.read_bytes() == EARLIER
    assert hidden_temporaries_only(tmp_path, keep=["keep.h5"])


def test_sigterm_while_writing_leaves_the_earlier_result(relocsim_bin, tmp_path):
    keep = tmp_path / "keep.h5"
    keep.write_bytes(EARLIER)
    proc = start_and_wait_for_temporary([relocsim_bin, "run", TINY, "-o", keep, "--force", "-q", *LONG_RUN],
                                        tmp_path, cwd=tmp_path)
    proc.send_signal(signal.SIGTERM)
    proc.send_signal(signal.SIGCONT)
    _, err = proc.communicate(timeout=600)
    # Once the handlers are installed the run stops after the step and
    # removes its temporary (status 130); they are installed only after the
    # firms are built, and a signal before that ends the process at once
    # (status -SIGTERM), leaving the hidden temporary. Either way the earlier
    # result is intact and nothing looks complete.
    assert proc.returncode in (130, -signal.SIGTERM), err
    if proc.returncode == 130:
        assert "no result was written" in err
    assert keep.read_bytes() == EARLIER
    assert hidden_temporaries_only(tmp_path, keep=["keep.h5"])


# --- paths that cannot take a file ------------------------------------------

def test_an_output_path_that_is_a_directory(relocsim, tmp_path):
    (tmp_path / "out.h5").mkdir()
    r = relocsim("run", TINY, "-o", "out.h5", "-q", "--force")
    assert r.returncode == 1
    assert r.stderr == "error: cannot write out.h5: it is a directory\n"


def test_an_output_directory_that_is_a_file(relocsim, tmp_path):
    (tmp_path / "notes").write_text("not a directory")
    r = relocsim("run", TINY, "-o", "notes/out.h5", "-q")
    assert r.returncode == 1
    assert r.stderr == "error: cannot write notes/out.h5: 'notes' is not a directory\n"
    assert (tmp_path / "notes").read_text() == "not a directory"


# --- read-only directory ----------------------------------------------------

def as_nobody_works():
    return os.geteuid() == 0 and shutil.which("setpriv") is not None


needs_nobody = pytest.mark.skipif(not as_nobody_works(), reason="needs root and setpriv to run as user nobody")
NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]


@pytest.fixture
def shared_dir():
    """A directory user nobody can reach (pytest's own are private to root)."""
    d = Path(tempfile.mkdtemp(prefix="relocsim-hardening-"))
    d.chmod(0o755)
    yield d
    for p in [d, *d.rglob("*")]:
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(d)


@needs_nobody
def test_a_read_only_directory_is_refused_before_the_run(relocsim_bin, shared_dir):
    out = shared_dir / "ro"
    out.mkdir()
    (out / "keep.h5").write_bytes(EARLIER)
    out.chmod(0o555)
    r = subprocess.run([*NOBODY, relocsim_bin, "run", TINY, "-o", out / "keep.h5", "--force", "-q"],
                       cwd=shared_dir, capture_output=True, text=True, timeout=600)
    assert r.returncode == 1, r.stderr
    assert r.stderr == f"error: cannot write {out / 'keep.h5'}: directory '{out}' is not writable\n"
    assert (out / "keep.h5").read_bytes() == EARLIER
    assert sorted(p.name for p in out.iterdir()) == ["keep.h5"]


@needs_nobody
def test_a_directory_made_read_only_during_the_run(relocsim_bin, shared_dir):
    # Writable when the run starts, read-only when it ends: the result cannot
    # be moved into place. The error says so; the earlier result stays.
    out = shared_dir / "rw"
    out.mkdir()
    os.chown(out, *nobody_ids())
    keep = out / "keep.h5"
    keep.write_bytes(EARLIER)
    proc = start_and_wait_for_temporary(
        [*NOBODY, relocsim_bin, "run", TINY, "-o", keep, "--force", "-q",
         "--set", "population.n_firms=20000"], out, cwd=shared_dir)
    out.chmod(0o555)
    proc.send_signal(signal.SIGCONT)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 1, err
    assert err == f"error: cannot write {keep}: rename: Permission denied\n"
    assert keep.read_bytes() == EARLIER
    # The temporary cannot be removed from a read-only directory either; it is hidden.
    assert hidden_temporaries_only(out, keep=["keep.h5"])


def nobody_ids():
    import pwd
    entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid
