"""A full disk for tests, without privileges: a small tmpfs mounted in a
private mount namespace (`unshare -rm`, an unprivileged user namespace), where
a script runs with the tmpfs as its working directory. The tmpfs vanishes with
the script, so whatever the test reads afterwards the script prints, or copies
to a directory outside it.

Used by tests/hardening/test_output_faults.py (single runs) and
tests/sweep/test_sweep_faults.py (sweeps)."""

import shutil
import subprocess

import pytest


def namespaces_work():
    return bool(shutil.which("unshare")) and subprocess.run(
        ["unshare", "-rm", "sh", "-c", "d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs $d && umount $d"],
        capture_output=True).returncode == 0


needs_tmpfs = pytest.mark.skipif(not namespaces_work(), reason="cannot mount a tmpfs in a user namespace here")


def run_on_tmpfs(size, script, env, timeout=600):
    """Runs `script` (sh) with a fresh tmpfs of `size` as its working directory
    and in $D; `grow` in the script remounts it at 16 MiB ("making room").
    `env` is the script's whole environment. Returns the CompletedProcess (text)."""
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c",
         f'D=$(mktemp -d) && mount -t tmpfs -o size={size} tmpfs "$D" && cd "$D" && '
         f'grow() {{ mount -o remount,size=16m "$D"; }} && {script}'],
        capture_output=True, text=True, timeout=timeout, env=env)
