"""Runs the relocsim sweep, compare and merge commands as a user does."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("RELOCSIM_ROOT", Path(__file__).resolve().parents[2]))
TINY = ROOT / "tests" / "data" / "tiny" / "tiny.toml"

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


@pytest.fixture(scope="session")
def relocsim_bin():
    binary = os.environ.get("RELOCSIM_BIN")
    if not binary:
        pytest.fail("set RELOCSIM_BIN to the relocsim program")
    return binary


@pytest.fixture
def relocsim(relocsim_bin, tmp_path):
    """relocsim(*args, env=None) -> CompletedProcess, run in a fresh directory."""

    def run(*args, timeout=600, cwd=None, env=None):
        full_env = dict(os.environ)
        for key in [k for k in full_env if k.startswith("SLURM_")]:
            del full_env[key]  # a test run inside a Slurm job must not become a shard
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


@pytest.fixture
def definition(tmp_path):
    """definition(text, name="sweep.toml") -> path of the written file."""

    def write(text, name="sweep.toml"):
        path = tmp_path / name
        path.write_text(text)
        return path

    return write
