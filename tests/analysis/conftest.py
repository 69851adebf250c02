"""Fixtures: tiny runs of the real program (RELOCSIM_BIN, found by
tests/pylib/relocsim_testing.py) and synthetic sweep archives in the layout
of docs/SWEEP.md (synthetic.py)."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pylib"))
import synthetic  # noqa: E402
from relocsim_testing import TINY, relocsim_bin  # noqa: E402,F401


def run_program(binary, out, *settings, firms=2000):
    args = [binary, "run", str(TINY), "-o", str(out), "--quiet", "--set", f"population.n_firms={firms}"]
    for s in settings:
        args += ["--set", s]
    result = subprocess.run(args, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return str(out)


@pytest.fixture(scope="session")
def tiny_run(relocsim_bin, tmp_path_factory):
    """tests/data/tiny with 2000 firms: a run with PLI, delays and a DMIC node."""
    return run_program(relocsim_bin, tmp_path_factory.mktemp("run") / "tiny.h5")


@pytest.fixture(scope="session")
def tiny(tiny_run):
    import relocsim

    with relocsim.load(tiny_run) as res:
        yield res


def _grid_response(values, arm, replicate):
    rng = np.random.default_rng(100 * arm + replicate)
    return 0.05 + 0.02 * values[:, 0] + 0.05 * (1 - values[:, 1]) + 0.03 * arm + rng.normal(0, 0.005, len(values))


GRID_PARAMS = {"behaviour.logit_scale": (2.0, 8.0), "friction.single_window_factor": (0.2, 1.0)}


@pytest.fixture(scope="session")
def grid_sweep(tmp_path_factory):
    """Grid 5 x 4, arms base and pli8, 3 replications, run 7 failed."""
    unit, roles, groups = synthetic.grid_design([5, 4])
    ds = synthetic.sweep_dataset(GRID_PARAMS, unit, roles, groups, _grid_response, method="grid",
                                 arms=("base", "pli8"), replications=3, failed=(7,))
    return synthetic.write(ds, tmp_path_factory.mktemp("sweep") / "grid.h5")


@pytest.fixture(scope="session")
def ishigami_sweep(tmp_path_factory):
    """Saltelli design (second order), N = 512, on the Ishigami function."""
    unit, roles, groups = synthetic.saltelli_design(3, 512, True, seed=11)
    params = {"x1": (-np.pi, np.pi), "x2": (-np.pi, np.pi), "x3": (-np.pi, np.pi)}
    ds = synthetic.sweep_dataset(params, unit, roles, groups, lambda v, a, r: synthetic.ishigami(v),
                                 method="saltelli", steps=4)
    return synthetic.write(ds, tmp_path_factory.mktemp("sweep") / "ishigami.h5")


MORRIS_PARAMS = {"a": (10.0, 20.0), "b": (0.0, 1.0), "c": (0.0, 1.0), "d": (0.0, 1.0), "e": (0.0, 2.0)}
MORRIS_COEF = {"a": 3.0, "b": -2.0, "c": 0.5}


def morris_response(values, arm, replicate):
    lower = np.array([v[0] for v in MORRIS_PARAMS.values()])
    upper = np.array([v[1] for v in MORRIS_PARAMS.values()])
    u = (values - lower) / (upper - lower)
    return 3.0 * u[:, 0] - 2.0 * u[:, 1] + 0.5 * u[:, 2] + 4.0 * u[:, 3] * u[:, 4]


@pytest.fixture(scope="session")
def morris_sweep(tmp_path_factory):
    unit, roles, groups = synthetic.morris_design(5, 20, levels=4, seed=5)
    ds = synthetic.sweep_dataset(MORRIS_PARAMS, unit, roles, groups, morris_response, method="morris", steps=4)
    return synthetic.write(ds, tmp_path_factory.mktemp("sweep") / "morris.h5")


COMPARE_SHIFT = 0.02


@pytest.fixture(scope="session")
def compare_sweep(tmp_path_factory):
    """relocsim compare: one design row, arms A and B, 30 replications; B is A
    plus 0.02 plus independent noise (sd 0.01) on top of shared noise."""
    unit = np.zeros((1, 0))

    def response(values, arm, replicate):
        shared = np.random.default_rng(replicate).normal(0.1, 0.05)
        own = np.random.default_rng(1000 + replicate).normal(0, 0.01) if arm == 1 else 0.0
        return np.array([shared + COMPARE_SHIFT * arm + own])

    ds = synthetic.sweep_dataset({}, unit, ["compare"], np.array([0]), response, method="compare",
                                 arms=("A", "B"), replications=30)
    return synthetic.write(ds, tmp_path_factory.mktemp("sweep") / "compare.h5")
