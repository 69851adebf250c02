"""What the pytest suites under tests/ share: where the source tree and the
tiny scenario are, the relocsim program (RELOCSIM_BIN) as fixtures, and a
bit-for-bit comparison of two HDF5 files (runs or sweep archives).

Each suite's conftest.py puts this folder on sys.path and imports the names
it uses; a fixture imported into a conftest.py is a fixture of that suite, and
the other names stay importable from it (``from conftest import TINY``).
ctest starts every suite with RELOCSIM_BIN (and RELOCSIM_ROOT) set; by hand,
``RELOCSIM_BIN=build/.../relocsim python3 -m pytest tests/<suite>``.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("RELOCSIM_ROOT", Path(__file__).resolve().parents[2]))
TINY = ROOT / "tests" / "data" / "tiny" / "tiny.toml"


@pytest.fixture(scope="session")
def relocsim_bin():
    """The program RELOCSIM_BIN names; a test that needs it fails without it."""
    binary = os.environ.get("RELOCSIM_BIN")
    if not binary:
        pytest.fail("set RELOCSIM_BIN to the relocsim program (ctest does)")
    return binary


def program_runner(binary, workdir, drop_prefixes=()):
    """run(*args, timeout=600, cwd=None, env=None) -> CompletedProcess: the
    program with ``args`` (each passed through str), in ``cwd`` or else
    ``workdir``, output captured as text, in this process's environment less
    the variables whose names start with one of ``drop_prefixes``, plus ``env``."""

    def run(*args, timeout=600, cwd=None, env=None):
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(tuple(drop_prefixes))}
        full_env.update(env or {})
        return subprocess.run(
            [binary, *map(str, args)],
            cwd=cwd or workdir,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=full_env,
        )

    return run


@pytest.fixture
def relocsim(relocsim_bin, tmp_path):
    """relocsim(*args, timeout=600, cwd=None, env=None) -> CompletedProcess,
    run in a fresh directory (see program_runner)."""
    return program_runner(relocsim_bin, tmp_path)


# -- HDF5 files compared ------------------------------------------------------
# The comparison ships with the analysis package (relocsim.identical, which
# `python3 -m relocsim package --check` uses); the suites use the same one.
sys.path.insert(0, str(ROOT / "analysis"))
from relocsim.identical import ARCHIVE_PROVENANCE, RUN_ATTRIBUTES, h5_differences  # noqa: E402


def differences(path_a, path_b, ignore=()):
    """Sorted names of the datasets (compared bit for bit, dtype included)
    and attributes (``name@key``, ``/@key`` for the file's) that differ
    between two relocsim output files, and ``objects: [...]`` when they hold
    different objects; empty when identical. Attributes in RUN_ATTRIBUTES or
    ``ignore`` are not compared."""
    return h5_differences(path_a, path_b, ignore)


def archive_differences(path_a, path_b, ignore=()):
    """differences() for two sweep archives: the host is not compared either."""
    return differences(path_a, path_b, ARCHIVE_PROVENANCE | set(ignore))
