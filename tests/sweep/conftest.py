"""Runs the relocsim sweep, compare and merge commands as a user does
(tests/pylib/relocsim_testing.py)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pylib"))
from relocsim_testing import ROOT, TINY, program_runner, relocsim_bin  # noqa: E402,F401

# Arms on the tiny scenario, busy enough that runs differ from one another.
BUSY = '"population.n_firms=600", "behaviour.review_probability=0.3"'


def arm(name, extra=""):
    sets = BUSY + (", " + extra if extra else "")
    return f'[[arm]]\nname = "{name}"\nscenario = "{TINY}"\nset = [{sets}]\n'


def lhs_sweep(n=4, replications=2, seed=3):
    """Two arms (the second with fast approvals), two parameters."""
    return (
        f'[sweep]\nmethod = "lhs"\nn = {n}\nreplications = {replications}\nmaster_seed = {seed}\n'
        'reference = "base"\n'
        + arm("base")
        + arm("fast", '"friction.single_window_factor=0.2"')
        + '[[parameter]]\nkey = "behaviour.logit_scale"\nlower = 2.0\nupper = 8.0\n'
        + '[[parameter]]\nkey = "costs.wage_pressure"\nlevels = [0.0, 1.0]\n'
    )


@pytest.fixture
def relocsim(relocsim_bin, tmp_path):
    """relocsim(*args, timeout=600, cwd=None, env=None) -> CompletedProcess,
    run in a fresh directory without the SLURM_* variables: a test run inside
    a Slurm job must not become a shard."""
    return program_runner(relocsim_bin, tmp_path, drop_prefixes=("SLURM_",))


@pytest.fixture
def definition(tmp_path):
    """definition(text, name="sweep.toml") -> path of the written file."""

    def write(text, name="sweep.toml"):
        path = tmp_path / name
        path.write_text(text)
        return path

    return write
