"""Runs the relocsim program the way a user does, at the edges: broken
input, full disks, read-only directories, too little memory."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("RELOCSIM_ROOT", Path(__file__).resolve().parents[2]))
TINY = ROOT / "tests" / "data" / "tiny" / "tiny.toml"
BROKEN = ROOT / "tests" / "data" / "broken"


@pytest.fixture(scope="session")
def relocsim_bin():
    binary = os.environ.get("RELOCSIM_BIN")
    if not binary:
        pytest.fail("set RELOCSIM_BIN to the relocsim program")
    return binary


@pytest.fixture(scope="session")
def sanitized(relocsim_bin):
    """Whether the program is built with AddressSanitizer (memory use is then
    several times the engine's own)."""
    return b"__asan_init" in Path(relocsim_bin).read_bytes()


@pytest.fixture
def relocsim(relocsim_bin, tmp_path):
    """relocsim(*args, env=..., cwd=...) -> CompletedProcess."""

    def run(*args, timeout=600, cwd=None, env=None):
        full_env = dict(os.environ)
        full_env.update(env or {})
        return subprocess.run(
            [relocsim_bin, *map(str, args)],
            cwd=cwd or tmp_path,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=full_env,
        )

    return run
