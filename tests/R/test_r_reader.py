"""analysis/R/relocsim.R on real files: labelled arrays in the file's order,
coded variables as labels, dates, and 64-bit seeds exact where ncdf4 alone
rounds them. Runs Rscript (RELOCSIM_RSCRIPT), registered only where R and
ncdf4 are installed (scripts/bootstrap.sh installs them)."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pylib"))
from relocsim_testing import ROOT, TINY, relocsim_bin  # noqa: E402,F401

# 2^53 + 1: the first integer a double cannot hold; the seed must survive.
SEED = 2**53 + 1
READER = ROOT / "analysis" / "R" / "relocsim.R"


def _rscript():
    return os.environ.get("RELOCSIM_RSCRIPT", "Rscript")


@pytest.fixture(scope="module")
def files(relocsim_bin, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("r")
    run = tmp / "run.h5"
    done = subprocess.run([relocsim_bin, "run", str(TINY), "-o", str(run), "--quiet", "--seed", str(SEED),
                           "--set", "population.n_firms=300"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    definition = tmp / "sweep.toml"
    definition.write_text(
        '[sweep]\nmethod = "grid"\nreplications = 2\nmaster_seed = 9007199254740993\nreference = "base"\n'
        f'[[arm]]\nname = "base"\nscenario = "{TINY}"\nset = ["population.n_firms=200"]\n'
        '[[parameter]]\nkey = "behaviour.logit_scale"\nlevels = [2.0, 6.0]\n'
        '[[outcome]]\nname = "india_capacity_2022"\nvariable = "capacity"\nblocs = ["India"]\nreduce = "value"\n'
        'date = 2022.0\n')
    sweep = tmp / "sweep.h5"
    done = subprocess.run([relocsim_bin, "sweep", str(definition), "-o", str(sweep), "--quiet", "--threads", "2"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = tmp / "read"
    out.mkdir()
    done = subprocess.run([_rscript(), str(Path(__file__).with_name("read_with_r.R")), str(READER), str(run),
                           str(out), str(sweep)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return run, sweep, out


def test_seed_is_exact_where_ncdf4_rounds_it(files):
    run, _, out = files
    assert (out / "seed.txt").read_text().strip() == str(SEED)
    with h5py.File(run, "r") as f:
        text = f.attrs["seed_text"]
        assert int(f.attrs["seed"]) == SEED and (text.decode() if isinstance(text, bytes) else text) == str(SEED)
    # ncdf4 alone loses the last bit: the reason the text exists
    assert (out / "seed_ncdf4.txt").read_text().strip() != str(SEED)


def test_sweep_run_seeds_are_exact(files):
    _, sweep, out = files
    lines = (out / "run_seeds.txt").read_text().split("\n")
    read = {int(run): int(seed) for run, seed in (line.split() for line in lines if line)}
    with h5py.File(sweep, "r") as f:
        seeds = f["run_seed"][...]
        runs = f["run"][...]
        assert int(f.attrs["master_seed"]) == 9007199254740993
    assert read == {int(r): int(s) for r, s in zip(runs, seeds)}
    assert (out / "master_seed.txt").read_text().strip() == "9007199254740993"
    assert max(read.values()) > 2**53  # seeds this large are what doubles round


def test_defined_outcomes_read_by_their_path_in_the_group(files):
    _, sweep, out = files
    units, *lines = (out / "defined.txt").read_text().split("\n")
    read = {int(run): float(value) for run, value in (line.split() for line in lines if line)}
    with h5py.File(sweep, "r") as f:
        want = f["outcomes/india_capacity_2022"][...]
    assert units == "unit"
    assert read == {run: float(v) for run, v in enumerate(want)}
    assert min(read.values()) > 0


def test_arrays_are_labelled_in_the_files_order(files):
    run, _, out = files
    assert (out / "capacity_dims.txt").read_text().split() == ["step", "site", "sector"]
    with h5py.File(run, "r") as f:
        capacity = f["capacity"][...]
        sites = list(f["site"].asstr()[...])
        sectors = list(f["sector"].asstr()[...])
        blocs = list(f["bloc"].asstr()[...])
        site_bloc = [blocs[c] for c in f["site_bloc"][...]]
        years = f["year"][...]
    with open(out / "capacity.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == capacity.size
    for row in rows:
        want = capacity[int(row["step"]), sites.index(row["site"]), sectors.index(row["sector"])]
        assert float(row["value"]) == pytest.approx(want, rel=1e-12, abs=1e-12)
    assert (out / "site_bloc.txt").read_text().split() == site_bloc
    from relocsim.dates import date_label

    assert (out / "dates.txt").read_text().split() == [date_label(y) for y in years]
    assert np.isfinite(capacity).all()
