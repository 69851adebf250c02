"""Coverage of the calibration's intervals, measured offline (docs/CALIBRATE.md,
section 6): the recovery experiment of tests/calibrate/command repeated on
independent seed sets. Each repetition draws new targets (a sweep at the true
parameters on its own master seed) and calibrates on its own master seed;
the 95% and 99% joint Wald regions and each parameter's 95% interval either
cover the truth or not.

    RELOCSIM_BIN=build/release/sim/cli/relocsim /usr/bin/python3 bench/calibration/coverage.py [N] [R]

Prints one line per repetition and the coverage rates with their binomial
standard errors."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np
from scipy import stats

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "calibrate" / "command"))
sys.path.insert(0, str(ROOT / "tests" / "pylib"))
os.environ.setdefault("RELOCSIM_ROOT", str(ROOT))
from conftest import HISTORY, OUTCOMES, SMALL, calibration_text, targets_text  # noqa: E402
from test_calibrate_recovery import BOUNDS, DATES, START, TARGET_SEEDS, TRUTH  # noqa: E402

BIN = os.environ.get("RELOCSIM_BIN", str(ROOT / "build" / "release" / "sim" / "cli" / "relocsim"))


def run(args, cwd):
    r = subprocess.run([BIN, *map(str, args)], cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{args}: exit {r.returncode}: {r.stderr}{r.stdout}")


def repetition(k, replications, workdir):
    levels = "".join(f'[[parameter]]\nkey = "{key}"\nlevels = [{v}]\n' for key, v in TRUTH.items())
    sweep = (f'[sweep]\nmethod = "grid"\nreplications = {TARGET_SEEDS}\nmaster_seed = {1000 + k}\n'
             f'[[arm]]\nname = "truth"\nscenario = "{HISTORY}"\nset = [{SMALL}]\n' + levels + OUTCOMES)
    (workdir / "truth.toml").write_text(sweep)
    run(["sweep", "truth.toml", "-o", "truth.h5", "-q", "--force"], workdir)
    rows = []
    with h5py.File(workdir / "truth.h5", "r") as f:
        for name, date in DATES.items():
            v = f[f"outcomes/{name}"][()]
            se = v.std(ddof=1) / np.sqrt(len(v))
            rows.append((name, name, date, float(v.mean()), float(max(se, 0.01 * abs(v.mean())))))
    (workdir / "targets.csv").write_text(targets_text(rows))
    method = "global_evaluations = 40\nlocal_evaluations = 60\nscreen_points = 8\ndraws = 0\nxtol = 0.002\n"
    parameters = [(key, *BOUNDS[key], START[key]) for key in TRUTH]
    (workdir / "calib.toml").write_text(calibration_text(parameters=parameters, method=method,
                                                         replications=replications, seed=2000 + k))
    run(["calibrate", "calib.toml", "-o", "fit.h5", "-q", "--force"], workdir)
    with h5py.File(workdir / "fit.h5", "r") as f:
        return f["parameter_estimate"][()], f["covariance"][()], f["parameter_std_error_large_step"][()]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    replications = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    truth = np.array(list(TRUTH.values()))
    p_values, inside = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(n):
            estimate, cov, _ = repetition(k, replications, Path(tmp))
            d = estimate - truth
            wald = float(d @ np.linalg.solve(cov, d))
            p = stats.chi2.sf(wald, df=len(truth))
            se = np.sqrt(np.diag(cov))
            p_values.append(p)
            inside.append(np.abs(d) <= 1.96 * se)
            print(f"{k:3d} estimate {np.array2string(estimate, precision=4)} se {np.array2string(se, precision=4)} "
                  f"Wald p {p:.3f}", flush=True)
    p_values = np.array(p_values)
    inside = np.array(inside)
    for level in (0.95, 0.99):
        rate = float(np.mean(p_values > 1 - level))
        print(f"joint {level:.0%} region covers the truth in {rate:.0%} of {n} (binomial se "
              f"{np.sqrt(level * (1 - level) / n):.0%})")
    for j, key in enumerate(TRUTH):
        print(f"{key}: 95% interval covers in {inside[:, j].mean():.0%} of {n}")


if __name__ == "__main__":
    main()
