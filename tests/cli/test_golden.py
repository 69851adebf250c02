"""Golden regression on the tiny scenario.

The reference (tests/data/golden/tiny_summary.csv) was written by this
program; a change in any number means the model's behaviour changed. If that
is intended, regenerate it with

    RELOCSIM_BIN=build/release/sim/cli/relocsim python3 tests/cli/test_golden.py --update

and say why in the commit. Floats are compared to 1e-9 relative (libm may
differ in the last bits across machines), counts exactly.
"""

import csv
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TINY = ROOT / "tests" / "data" / "tiny" / "tiny.toml"
REFERENCE = ROOT / "tests" / "data" / "golden" / "tiny_summary.csv"
ARGS = ["--set", "population.n_firms=3000", "--set", "behaviour.review_probability=0.2"]


def summarise(path):
    """(name, value) rows: the headline outcomes of every step."""
    rows = []
    with h5py.File(path, "r") as f:
        blocs = [b.decode() if isinstance(b, bytes) else str(b) for b in f["bloc"][()]]
        sectors = [s.decode() if isinstance(s, bytes) else str(s) for s in f["sector"][()]]
        sites = [s.decode() if isinstance(s, bytes) else str(s) for s in f["site"][()]]
        share = f["capacity_share"][()]
        for t in range(share.shape[0]):
            for b, bloc in enumerate(blocs):
                for k, sector in enumerate(sectors):
                    rows.append((f"capacity_share[{t}][{bloc}][{sector}]", float(share[t, b, k])))
        for name in ("pli_paid_cumulative", "pli_remaining"):
            data = f[name][()]
            for k, sector in enumerate(sectors):
                rows.append((f"{name}[last][{sector}]", float(data[-1, k])))
        wage = f["wage"][()]
        for s, site in enumerate(sites):
            rows.append((f"wage[last][{site}]", float(wage[-1, s])))
        kinds = f["event_kind_code"][()]
        for k in range(int(kinds.max()) + 1 if kinds.size else 0):
            rows.append((f"events[kind={k}]", int((kinds == k).sum())))
    return rows


def run_tiny(binary, out):
    subprocess.run([binary, "run", TINY, "-o", out, "-q", *ARGS], check=True)


def test_tiny_matches_the_reference(tmp_path):
    out = tmp_path / "tiny.h5"
    run_tiny(os.environ["RELOCSIM_BIN"], out)
    got = dict(summarise(out))
    with open(REFERENCE, newline="") as f:
        expected = {row["name"]: row["value"] for row in csv.DictReader(f)}
    assert sorted(got) == sorted(expected)
    for name, value in got.items():
        ref = expected[name]
        if isinstance(value, int):
            assert value == int(ref), name
        elif math.isnan(value):
            assert ref == "nan", name
        else:
            assert value == np.float64(ref) or math.isclose(value, float(ref), rel_tol=1e-9, abs_tol=1e-12), name


if __name__ == "__main__" and "--update" in sys.argv:
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "tiny.h5"
        run_tiny(os.environ["RELOCSIM_BIN"], out)
        with open(REFERENCE, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["name", "value"])
            for name, value in summarise(out):
                w.writerow([name, repr(value) if isinstance(value, float) else value])
    print(f"wrote {REFERENCE}")
