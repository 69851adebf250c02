"""Faults during a sweep: a disk that fills while the journal grows or while
the archive is written, and a sweep that cannot fit at all. Each gives a
clear error that says what is kept; `--resume` after making room finishes
the sweep with the archive an uninterrupted sweep writes; nothing that looks
like a result is left, and an existing archive is never damaged.

The full disk is a small tmpfs in a private mount namespace
(tests/pylib/small_disk.py), skipped where that is not allowed; "making room"
is remounting it larger inside the same namespace."""

import os
import re

import pytest

import small_disk
from conftest import lhs_sweep
from relocsim_testing import archive_differences
from small_disk import needs_tmpfs

EARLIER = "an earlier archive, which no failure may touch"


def on_tmpfs(relocsim_bin, size, script, definition, keep):
    """small_disk.run_on_tmpfs with $RELOCSIM the program, $SWEEP the
    definition and $KEEP a directory outside the tmpfs for what the test reads
    afterwards; no SLURM_* variables, so that the sweep is not a shard."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLURM_")}
    env.update({"RELOCSIM": relocsim_bin, "SWEEP": str(definition), "KEEP": str(keep)})
    return small_disk.run_on_tmpfs(size, script, env)


@pytest.fixture
def uninterrupted(relocsim, definition, tmp_path):
    """The definition (16 runs) and the archive it gives when nothing goes wrong."""
    path = definition(lhs_sweep(n=4, replications=2))
    r = relocsim("sweep", path, "-o", "whole.h5", "-q", "--threads", 1)
    assert r.returncode == 0, r.stderr
    return path, tmp_path / "whole.h5"


@needs_tmpfs
def test_a_disk_that_fills_while_runs_finish_keeps_them_for_resume(relocsim_bin, uninterrupted, tmp_path):
    path, whole = uninterrupted
    # 48 KiB: the journal's lower bound (16 records of about 1.3 KiB) fits,
    # its files (a page each on tmpfs) do not.
    r = on_tmpfs(relocsim_bin, "48k", """
        "$RELOCSIM" sweep "$SWEEP" -o out.h5 -q --threads 1; echo "status $?"
        ls out.h5.d | grep -c '^run-'
        grow; "$RELOCSIM" sweep "$SWEEP" -o out.h5 --threads 1 --resume; echo "status $?"
        ls -A; cp out.h5 "$KEEP/resumed.h5" """, path, tmp_path)
    out = r.stdout.splitlines()
    assert out[0] == "status 1"
    kept = int(out[1])
    assert 0 < kept < 16
    first, second = r.stderr.split("\n", 1)
    assert re.fullmatch(
        rf"error: cannot write out\.h5\.d/\.run-\d{{10}}\.rec\.tmp-\d+: No space left on device; the {kept} runs "
        r"finished so far are kept in out\.h5\.d: make room, then run the same command with --resume", first)
    assert f"resumed: {kept} runs were already done, {16 - kept} run now" in out
    assert out[-2:] == ["status 0", "out.h5"]
    assert archive_differences(whole, tmp_path / "resumed.h5") == []


@needs_tmpfs
def test_a_disk_that_fills_while_the_archive_is_written_keeps_every_run(relocsim_bin, uninterrupted, tmp_path):
    path, whole = uninterrupted
    # 128 KiB: every record fits, the archive (about 150 KiB) does not; an
    # earlier archive under the same name is replaced only by a whole one.
    r = on_tmpfs(relocsim_bin, "128k", f"""
        printf '{EARLIER}' > out.h5
        "$RELOCSIM" sweep "$SWEEP" -o out.h5 -q --threads 1 --force; echo "status $?"
        ls -A; cat out.h5; echo; ls out.h5.d | grep -c '^run-'
        grow; "$RELOCSIM" sweep "$SWEEP" -o out.h5 -q --threads 1 --resume; echo "status $?"
        mv out.h5 earlier.h5; "$RELOCSIM" sweep "$SWEEP" -o out.h5 -q --threads 1 --resume; echo "status $?"
        ls -A; cp out.h5 "$KEEP/resumed.h5" """, path, tmp_path)
    out = r.stdout.splitlines()
    assert out[:5] == ["status 1", "out.h5", "out.h5.d", EARLIER, "16"], r.stderr
    errors = r.stderr.splitlines()
    assert len(errors) == 2, r.stderr
    assert errors[0].startswith("error: cannot write out.h5: ")
    assert errors[0].endswith("(No space left on device); every run is kept in out.h5.d: make room, then run the "
                              "same command with --resume to write the archive")
    # --resume finds another file under the archive's name: it keeps the file
    # and says how to finish from the journal without --force's fresh start.
    assert errors[1] == ("error: out.h5 exists and is not a relocsim archive; move it away and run again with "
                         "--resume to finish this sweep from its journal out.h5.d, or use --force to start the sweep "
                         "over and replace it")
    assert out[5:] == ["status 1", "status 0", "earlier.h5", "out.h5"]
    assert archive_differences(whole, tmp_path / "resumed.h5") == []


@needs_tmpfs
def test_after_the_archive_failed_resume_writes_it_from_the_journal(relocsim_bin, uninterrupted, tmp_path):
    path, whole = uninterrupted
    r = on_tmpfs(relocsim_bin, "128k", """
        "$RELOCSIM" sweep "$SWEEP" -o out.h5 -q --threads 1; echo "status $?"; ls -A
        grow; "$RELOCSIM" sweep "$SWEEP" -o out.h5 --threads 1 --resume; echo "status $?"
        ls -A; cp out.h5 "$KEEP/resumed.h5" """, path, tmp_path)
    out = r.stdout.splitlines()
    assert out[:2] == ["status 1", "out.h5.d"], r.stderr
    assert "resumed: 16 runs were already done, 0 run now" in out
    assert out[-2:] == ["status 0", "out.h5"]
    assert archive_differences(whole, tmp_path / "resumed.h5") == []


@needs_tmpfs
def test_a_sweep_whose_journal_cannot_fit_is_refused_before_its_first_run(relocsim_bin, definition, tmp_path):
    path = definition(lhs_sweep(n=4, replications=2))
    r = on_tmpfs(relocsim_bin, "16k", """
        "$RELOCSIM" sweep "$SWEEP" -o out.h5 -q; echo "status $?"; ls -A""", path, tmp_path)
    assert r.stdout.splitlines() == ["status 1"], r.stderr
    # The record's size follows from the archive's axes; the free space from
    # the page size, so both are only checked for their form.
    assert re.fullmatch(r"error: cannot write out\.h5: the journal of the 16 runs to do needs at least [\d.]+ KiB "
                        r"\([\d.]+ KiB a run\), and the archive more; '\.' has [\d.]+ KiB free\n", r.stderr)


def test_a_sweep_that_needs_more_memory_than_there_is_is_refused(relocsim, definition, tmp_path):
    path = definition(lhs_sweep(n=4, replications=2))
    r = relocsim("sweep", path, "-o", "out.h5", "--threads", 8, env={"RELOCSIM_MEMORY_AVAILABLE": "20MiB"})
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert len(lines) == 1
    # The need follows from the memory estimate (tests/hardening covers it);
    # here only where the error points and what it says.
    assert re.fullmatch(re.escape(f"error: {path}:7: arm.scenario: arm 'base': a run of 600 firms with 2 supply links "
                                  "each needs about ") + r"[\d.]+ MiB" +
                        re.escape(" of memory; this machine has 20 MiB available"), lines[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sweep.toml"]


def test_one_run_per_thread_that_cannot_fit_names_the_threads_that_do(relocsim, definition, tmp_path):
    path = definition(lhs_sweep(n=4, replications=2))
    # Enough for about three runs at once: a run of the tiny scenario needs
    # well under 2 MiB beside the fixed part (libraries, pools) of about 40 MiB.
    r = relocsim("sweep", path, "-o", "out.h5", "--threads", 16, env={"RELOCSIM_MEMORY_AVAILABLE": "41MiB"})
    assert r.returncode == 2, r.stderr
    m = re.fullmatch(r"error: --threads: 16 runs at once \(one per thread\) need about ([\d.]+) MiB of memory, up to "
                     r"([\d.]+) (KiB|MiB) each; this machine has 41 MiB available; --threads (\d+) fits\n", r.stderr)
    assert m, r.stderr
    fits = int(m.group(4))
    assert 1 <= fits < 16
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sweep.toml"]
    # And that many threads do run it.
    r = relocsim("sweep", path, "-o", "out.h5", "-q", "--threads", fits, env={"RELOCSIM_MEMORY_AVAILABLE": "41MiB"})
    assert r.returncode == 0, r.stderr
