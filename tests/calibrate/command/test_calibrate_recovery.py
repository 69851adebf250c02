"""A calibration recovers parameters it is given targets of: the targets are
the model's own outcomes at known parameters (a sweep on other seeds, so they
carry their own sampling noise), the search starts far from them, and a joint
Wald test at the 1% level judges the estimate against the truth."""

import h5py
import numpy as np
from scipy import stats

from conftest import HISTORY, OUTCOMES, SMALL, calibration_text, targets_text

TRUTH = {"behaviour.logit_scale": 5.0, "behaviour.review_probability": 0.08}
START = {"behaviour.logit_scale": 10.5, "behaviour.review_probability": 0.03}
BOUNDS = {"behaviour.logit_scale": (2.0, 12.0), "behaviour.review_probability": (0.02, 0.2)}
DATES = {"india_output_fy21": "2021-03-31", "india_output_fy22": "2022-03-31", "india_output_fy23": "2023-03-31",
         "asean_output_fy23": "2023-03-31", "india_exports_fy23": "2023-03-31", "india_jobs_mar2023": "2023-03-31"}
TARGET_SEEDS = 12


def targets_from_a_sweep(relocsim, write, tmp_path):
    # One design point: each parameter at one level, its true value.
    levels = "".join(f'[[parameter]]\nkey = "{k}"\nlevels = [{v}]\n' for k, v in TRUTH.items())
    sweep = (f'[sweep]\nmethod = "grid"\nreplications = {TARGET_SEEDS}\nmaster_seed = 991\n'
             f'[[arm]]\nname = "truth"\nscenario = "{HISTORY}"\nset = [{SMALL}]\n' + levels + OUTCOMES)
    r = relocsim("sweep", write("truth.toml", sweep), "-o", "truth.h5", "-q")
    assert r.returncode == 0, r.stderr
    rows = []
    with h5py.File(tmp_path / "truth.h5", "r") as f:
        for name, date in DATES.items():
            values = f[f"outcomes/{name}"][()]
            assert values.shape == (TARGET_SEEDS,) and np.all(np.isfinite(values))
            se = values.std(ddof=1) / np.sqrt(TARGET_SEEDS)
            # A moment no seed moves (nothing has opened yet) still needs an
            # uncertainty: 1% of its value, far below the others' noise.
            rows.append((name, name, date, float(values.mean()), float(max(se, 0.01 * abs(values.mean())))))
    return targets_text(rows)


def test_a_calibration_recovers_known_parameters(relocsim, write, tmp_path):
    write("targets.csv", targets_from_a_sweep(relocsim, write, tmp_path))
    parameters = [(k, *BOUNDS[k], START[k]) for k in TRUTH]
    method = "global_evaluations = 40\nlocal_evaluations = 60\nscreen_points = 8\ndraws = 0\nxtol = 0.002\n"
    path = write("calib.toml", calibration_text(parameters=parameters, method=method, replications=8, seed=5))
    r = relocsim("calibrate", path, "-o", "fit.h5", timeout=1200)
    assert r.returncode == 0, r.stdout + r.stderr
    truth = np.array(list(TRUTH.values()))
    start = np.array(list(START.values()))
    width = np.array([BOUNDS[k][1] - BOUNDS[k][0] for k in TRUTH])
    with h5py.File(tmp_path / "fit.h5", "r") as f:
        estimate = f["parameter_estimate"][()]
        covariance = f["covariance"][()]
        status = f.attrs["status"].decode()
    print(r.stdout)
    assert status in ("converged", "evaluation limit")
    assert np.all(np.isfinite(covariance))
    # The search moved towards the truth from far away ...
    assert np.all(np.abs(estimate - truth) / width < np.abs(start - truth) / width)
    # ... and the truth is inside the estimate's joint 99% region.
    d = estimate - truth
    wald = float(d @ np.linalg.solve(covariance, d))
    p = stats.chi2.sf(wald, df=len(truth))
    print(f"estimate {estimate}, truth {truth}, Wald {wald:.3f}, p = {p:.3f}")
    assert p > 0.01
