"""Runs the relocsim program the way a user does, at the edges: broken
input, full disks, read-only directories, too little memory. The runner
(``relocsim(*args, env=..., cwd=...)``) is tests/pylib/relocsim_testing.py's."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pylib"))
from relocsim_testing import ROOT, TINY, relocsim, relocsim_bin  # noqa: E402,F401

BROKEN = ROOT / "tests" / "data" / "broken"


@pytest.fixture(scope="session")
def sanitized(relocsim_bin):
    """Whether the program is built with AddressSanitizer (memory use is then
    several times the engine's own)."""
    return b"__asan_init" in Path(relocsim_bin).read_bytes()
