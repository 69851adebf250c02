"""Sobol' indices against the analytic indices of the Ishigami function,
Morris against a function with known elementary effects, replication noise
against known variance components."""

import numpy as np
import pytest

from relocsim import sensitivity as se

import synthetic
from conftest import MORRIS_COEF

# The analytic values are rounded to 4 decimals; at N = 4096 scrambled Sobol'
# base samples the estimators' errors were at most 0.002 over several
# scramblings, so 0.02 leaves a tenfold margin and still fails on a mistake
# such as AB rows matched to the wrong parameter (an error of 0.13 in S1).
N = 4096
TOL = 0.02


def _ishigami_outputs(n, seed):
    unit, roles, groups = synthetic.saltelli_design(3, n, True, seed=seed)
    y = synthetic.ishigami(-np.pi + 2 * np.pi * unit)
    roles = np.array(roles)
    pick = lambda r: y[roles == r]  # noqa: E731 (rows are in base-sample order)
    return (pick("A"), pick("B"), np.stack([pick(f"AB_{i}") for i in range(3)], 1),
            np.stack([pick(f"BA_{i}") for i in range(3)], 1))


@pytest.fixture(scope="module")
def ishigami():
    fa, fb, fab, fba = _ishigami_outputs(N, seed=2)
    return se.sobol_indices(fa, fb, fab, fba, ["x1", "x2", "x3"], n_boot=300, seed=1)


def test_sobol_first_and_total_order_match_ishigami(ishigami):
    for i, name in enumerate(["x1", "x2", "x3"]):
        assert ishigami.first.loc[name, "S1"] == pytest.approx(synthetic.ISHIGAMI_S1[i], abs=TOL), name
        assert ishigami.total.loc[name, "ST"] == pytest.approx(synthetic.ISHIGAMI_ST[i], abs=TOL), name


def test_sobol_second_order_matches_ishigami(ishigami):
    second = ishigami.second.set_index(["param_i", "param_j"])
    names = ["x1", "x2", "x3"]
    for (i, j), value in synthetic.ISHIGAMI_S2.items():
        assert second.loc[(names[i], names[j]), "S2"] == pytest.approx(value, abs=TOL), (i, j)


def test_sobol_bootstrap_intervals_cover_the_truth_and_are_tight(ishigami):
    for i, name in enumerate(["x1", "x2", "x3"]):
        row = ishigami.first.loc[name]
        assert row["S1_low"] <= synthetic.ISHIGAMI_S1[i] + 0.005 and synthetic.ISHIGAMI_S1[i] - 0.005 <= row["S1_high"]
        assert row["S1_high"] - row["S1_low"] < 0.15
        row = ishigami.total.loc[name]
        assert row["ST_low"] <= synthetic.ISHIGAMI_ST[i] + 0.005 and synthetic.ISHIGAMI_ST[i] - 0.005 <= row["ST_high"]
    assert ishigami.n == N and "Jansen" in ishigami.estimators and "Saltelli" in ishigami.estimators


def test_sobol_from_a_saltelli_archive_equals_the_array_estimate(ishigami_sweep):
    """The archive's rows (A, B, AB_i, BA_i by design_group) give exactly the
    estimate of the same outputs passed as arrays."""
    unit, roles, groups = synthetic.saltelli_design(3, 512, True, seed=11)
    y = synthetic.ishigami(-np.pi + 2 * np.pi * unit)
    roles = np.array(roles)
    direct = se.sobol_indices(y[roles == "A"], y[roles == "B"],
                              np.stack([y[roles == f"AB_{i}"] for i in range(3)], 1),
                              np.stack([y[roles == f"BA_{i}"] for i in range(3)], 1),
                              ["x1", "x2", "x3"], n_boot=100)
    from_archive = se.sobol_from_sweep(ishigami_sweep, "firms_relocated_india", n_boot=100)
    np.testing.assert_allclose(from_archive.first["S1"], direct.first["S1"], rtol=1e-12)
    np.testing.assert_allclose(from_archive.total["ST"], direct.total["ST"], rtol=1e-12)
    np.testing.assert_allclose(from_archive.second["S2"], direct.second["S2"], rtol=1e-12)
    # a per-sector outcome that is an affine map of the same response: same indices
    sector = se.sobol_from_sweep(ishigami_sweep, "india_capacity_share_end", sector="pharma", n_boot=100)
    np.testing.assert_allclose(sector.first["S1"], direct.first["S1"], rtol=1e-9)
    # within the Monte Carlo error of N = 512 of the analytic values
    for i, name in enumerate(["x1", "x2", "x3"]):
        assert from_archive.first.loc[name, "S1"] == pytest.approx(synthetic.ISHIGAMI_S1[i], abs=0.06)


def test_sobol_drops_base_samples_with_failed_runs(tmp_path):
    unit, roles, groups = synthetic.saltelli_design(3, 64, False, seed=4)
    params = {f"x{i}": (-np.pi, np.pi) for i in range(1, 4)}
    ds = synthetic.sweep_dataset(params, unit, roles, groups, lambda v, a, r: synthetic.ishigami(v),
                                 method="saltelli", failed=(3, 30), steps=2)
    path = synthetic.write(ds, tmp_path / "failed.h5")
    result = se.sobol_from_sweep(path, "firms_relocated_india", n_boot=50)
    assert result.n == 62  # rows 3 (group 0) and 30 (group 6) failed
    assert any("2 of 64 base samples dropped" in note for note in result.notes)
    assert result.second.empty  # no BA_i rows


def test_sobol_reads_the_changed_column_from_the_design(tmp_path):
    """Roles numbered from 1 instead of 0 give the same indices: the column an
    AB row changes is read from the design, not from the role's number."""
    unit, roles, groups = synthetic.saltelli_design(3, 128, True, seed=9)
    shifted = [r if r in ("A", "B") else f"{r.split('_')[0]}_{int(r.split('_')[1]) + 1}" for r in roles]
    params = {f"x{i}": (-np.pi, np.pi) for i in range(1, 4)}
    f = lambda v, a, r: synthetic.ishigami(v)  # noqa: E731
    a = se.sobol_from_sweep(synthetic.write(synthetic.sweep_dataset(params, unit, roles, groups, f, method="saltelli", steps=2), tmp_path / "a.h5"), "firms_relocated_india", n_boot=20)
    b = se.sobol_from_sweep(synthetic.write(synthetic.sweep_dataset(params, unit, shifted, groups, f, method="saltelli", steps=2), tmp_path / "b.h5"), "firms_relocated_india", n_boot=20)
    np.testing.assert_allclose(a.first["S1"], b.first["S1"])


def test_morris_on_known_effects(morris_sweep):
    """y = 3a - 2b + 0.5c + 4de in unit scale: the linear terms have mu = coef,
    mu* = |coef|, sigma = 0 exactly; d and e interact, so sigma > 0; mu* of d
    is 4 times the mean of e over the trajectories' points (positive)."""
    table = se.morris_from_sweep(morris_sweep, "firms_relocated_india", n_boot=100)
    for name, coef in MORRIS_COEF.items():
        assert table.loc[name, "mu"] == pytest.approx(coef, abs=1e-9)
        assert table.loc[name, "mu_star"] == pytest.approx(abs(coef), abs=1e-9)
        assert table.loc[name, "sigma"] == pytest.approx(0.0, abs=1e-9)
        assert table.loc[name, "r"] == 20
    for name in ("d", "e"):
        assert table.loc[name, "sigma"] > 0.3
        assert 0 < table.loc[name, "mu_star"] <= 4.0
        assert table.loc[name, "mu_star_low"] <= table.loc[name, "mu_star"] <= table.loc[name, "mu_star_high"]
    # per natural unit: a spans 10 units, e spans 2
    assert table.loc["a", "mu_star_natural"] == pytest.approx(0.3)
    assert table.loc["e", "mu_star_natural"] == pytest.approx(table.loc["e", "mu_star"] / 2)


def test_morris_rejects_points_that_change_two_parameters():
    unit = np.array([[0.0, 0.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match="differ in 2"):
        se.morris_indices(unit, np.array([0.0, 1.0]), np.array([0, 0]))


def test_replication_noise_recovers_variance_components():
    """40 design points with true means of sd 1 and replicate noise of sd
    0.5: noise share = 0.25 / 1.25 = 0.2 (within sampling error)."""
    rng = np.random.default_rng(0)
    points, reps = 40, 25
    means = rng.normal(0, 1, points)
    y = np.repeat(means, reps) + rng.normal(0, 0.5, points * reps)
    point = np.repeat(np.arange(points), reps)
    r = se.replication_noise(y, point, target=0.1)
    assert r.within_var == pytest.approx(0.25, rel=0.1)
    assert r.noise_share == pytest.approx(0.25 / (0.25 + np.var(means, ddof=1)), rel=0.1)
    assert r.replications == reps and r.points == points
    # se ratio = sqrt(within / reps) / sqrt(between); replications for 0.1:
    assert r.se_ratio == pytest.approx(np.sqrt(r.within_var / reps / r.between_var))
    assert r.needed == int(np.ceil(r.within_var / (0.01 * r.between_var)))
    assert f"{r.needed} replications" in r.advice


def test_replication_noise_of_a_sweep(grid_sweep):
    r = se.replication_noise_from_sweep(grid_sweep, "firms_relocated_india")
    # the grid's noise sd is 0.005: within variance 2.5e-5 (3 replicates x 20 points)
    assert r.within_var == pytest.approx(2.5e-5, rel=0.5)
    assert 0 < r.noise_share < 0.05
    assert r.replications == 3 and r.points == 20


def test_replication_noise_without_replicates_says_so(ishigami_sweep):
    r = se.replication_noise_from_sweep(ishigami_sweep, "firms_relocated_india")
    assert np.isnan(r.noise_share) and "at least 2 replications" in r.advice


def test_replication_noise_of_a_constant_outcome_says_it_is_constant():
    """An outcome that is 0 in every run has no noise share (not "nan%") and
    no advice to widen ranges or add replications."""
    point = np.repeat(np.arange(4), 3)
    r = se.replication_noise(np.zeros(12), point, outcome="pli_paid_total")
    assert "constant across runs" in r.advice and "pli_paid_total is 0 in every" in r.advice
    assert "nan" not in r.advice and "widen" not in r.advice and "replications" not in r.advice
    assert r.needed is None and r.total_var == 0


def test_ishigami_reference_values_follow_from_the_formulas():
    a, b, pi = 7.0, 0.1, np.pi
    v = a**2 / 8 + b * pi**4 / 5 + b**2 * pi**8 / 18 + 0.5
    v1, v2, v13 = (1 + b * pi**4 / 5) ** 2 / 2, a**2 / 8, b**2 * pi**8 * (1 / 18 - 1 / 50)
    assert synthetic.ISHIGAMI_S1[0] == pytest.approx(v1 / v, abs=5e-5)
    assert synthetic.ISHIGAMI_S1[1] == pytest.approx(v2 / v, abs=5e-5)
    assert synthetic.ISHIGAMI_ST[0] == pytest.approx((v1 + v13) / v, abs=5e-5)
    assert synthetic.ISHIGAMI_ST[2] == synthetic.ISHIGAMI_S2[(0, 2)] == pytest.approx(v13 / v, abs=5e-5)
