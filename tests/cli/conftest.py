"""Runs the relocsim program the way a user does."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("RELOCSIM_ROOT", Path(__file__).resolve().parents[2]))
TINY = ROOT / "tests" / "data" / "tiny" / "tiny.toml"


@pytest.fixture(scope="session")
def relocsim_bin():
    binary = os.environ.get("RELOCSIM_BIN")
    if not binary:
        pytest.fail("set RELOCSIM_BIN to the relocsim program")
    return binary


@pytest.fixture
def relocsim(relocsim_bin, tmp_path):
    """relocsim(*args) -> CompletedProcess, run in a fresh directory."""

    def run(*args, timeout=600, cwd=None):
        return subprocess.run(
            [relocsim_bin, *map(str, args)],
            cwd=cwd or tmp_path,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run
