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
from pathlib import Path

import h5py
import numpy as np
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
# Attributes that record when, how and by which command a run was made; they
# differ between two runs of the same model by design.
RUN_ATTRIBUTES = {"start_time", "end_time", "threads", "command_line", "history"}
# A sweep archive also says on which host it was made (shards may run on
# several, and the merged archive must still equal the whole one).
ARCHIVE_PROVENANCE = RUN_ATTRIBUTES | {"host"}


def _attrs(obj, skip):
    return {k: v for k, v in obj.attrs.items() if k not in skip and not k.startswith("_")}


def _same(x, y):
    if isinstance(x, np.ndarray) and x.dtype.kind in "fiub":
        return x.shape == y.shape and x.dtype == y.dtype and x.tobytes() == y.tobytes()
    return np.array_equal(np.asarray(x, dtype=object), np.asarray(y, dtype=object))


def _attr_differences(where, x, y, skip):
    ax, ay = _attrs(x, skip), _attrs(y, skip)
    return [
        f"{where}@{key}"
        for key in set(ax) | set(ay)
        if key not in ax or key not in ay or not np.array_equal(np.asarray(ax[key]), np.asarray(ay[key]))
    ]


def differences(path_a, path_b, ignore=()):
    """Sorted names of the datasets (compared bit for bit, dtype included)
    and attributes (``name@key``, ``/@key`` for the file's) that differ
    between two relocsim output files, and ``objects: [...]`` when they hold
    different objects; empty when identical. Attributes in RUN_ATTRIBUTES or
    ``ignore`` are not compared."""
    skip = RUN_ATTRIBUTES | set(ignore) | {"DIMENSION_LIST", "REFERENCE_LIST"}
    out = []
    with h5py.File(path_a, "r") as a, h5py.File(path_b, "r") as b:
        names_a, names_b = [], []
        a.visit(names_a.append)
        b.visit(names_b.append)
        if sorted(names_a) != sorted(names_b):
            out.append(f"objects: {sorted(set(names_a) ^ set(names_b))}")
        for name in names_a:
            if name not in b:
                continue
            x, y = a[name], b[name]
            if isinstance(x, h5py.Dataset) and not _same(x[()], y[()]):
                out.append(name)
            out += _attr_differences(name, x, y, skip)
        out += _attr_differences("/", a, b, skip)
    return sorted(out)


def archive_differences(path_a, path_b, ignore=()):
    """differences() for two sweep archives: the host is not compared either."""
    return differences(path_a, path_b, ARCHIVE_PROVENANCE | set(ignore))
