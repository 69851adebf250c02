"""python3 -m relocsim package as an author and a replicator run it, on the
small paper in paper/ (tests/pylib/relocsim_testing.py finds the program)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pylib"))
from relocsim_testing import ROOT, relocsim_bin  # noqa: E402,F401

PAPER = Path(__file__).resolve().parent / "paper" / "paper.toml"


def package_command(*args, cwd=None):
    """python3 -m relocsim package ARGS, with the analysis package on PYTHONPATH."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "analysis"), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "relocsim", "package", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="session")
def made(relocsim_bin, tmp_path_factory):
    """The small paper's package, made once: (folder, what the command printed)."""
    out = tmp_path_factory.mktemp("made") / "package"
    r = package_command(PAPER, "-o", out)
    assert r.returncode == 0, r.stderr
    return out, r
