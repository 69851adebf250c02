"""The analysis on archives the real program writes (`relocsim sweep` and
`relocsim compare` on tests/data/tiny): the contract of docs/SWEEP.md as
implemented, not only as the synthetic archives read it. The sweep
definitions use the keys of the sweep command's own tests."""

import subprocess

import numpy as np
import pytest

import relocsim
from relocsim import sensitivity as se
from relocsim import sweep as sw
from relocsim.report import report

from conftest import TINY

SMALL = '"population.n_firms=300"'


def _sweep(binary, tmp_path, name, text):
    definition = tmp_path / f"{name}.toml"
    definition.write_text(text)
    out = tmp_path / f"{name}.h5"
    done = subprocess.run([binary, "sweep", str(definition), "-o", str(out), "--threads", "2", "--quiet"],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"relocsim sweep {name} failed ({done.returncode}):\n{done.stderr}")
    return str(out)


def _arm(name, *settings):
    return f'[[arm]]\nname = "{name}"\nscenario = "{TINY}"\nset = [{", ".join((SMALL,) + settings)}]\n'


@pytest.fixture(scope="module")
def real_grid(relocsim_bin, tmp_path_factory):
    text = ('[sweep]\nmethod = "grid"\nreplications = 2\nmaster_seed = 5\nreference = "base"\n'
            + _arm("base") + _arm("fast", '"friction.single_window_factor=0.2"')
            + '[[parameter]]\nkey = "behaviour.logit_scale"\nlevels = [2.0, 6.0]\n'
            + '[[parameter]]\nkey = "behaviour.add_share"\nlevels = [0.2, 0.4]\n')
    return _sweep(relocsim_bin, tmp_path_factory.mktemp("real"), "grid", text)


def test_real_grid_archive(real_grid, tmp_path):
    with relocsim.load(real_grid) as res:
        assert res.kind == "sweep"
        runs = res["runs"]
        assert len(runs) == 2 * 4 * 2 and (runs["status"] == "done").all()
        assert set(runs["arm"].astype(str)) == {"base", "fast"}
        assert {"behaviour.logit_scale", "behaviour.add_share"} <= set(runs.columns)
        # pairs: same design row and replicate share the seed (common random numbers)
        seeds = runs.groupby(["design_row", "replicate"])["seed"].nunique()
        assert (seeds == 1).all()
        # differences from the pairs equal the archive's diff_ variable
        table = sw.paired_differences(res, "india_capacity_net_change", sector="electronics")
        diff = res.ds["diff_india_capacity_net_change"].sel(sector="electronics").values
        assert table["mean"].item() == pytest.approx(np.nanmean(diff))
        res.ds = res.ds.drop_vars("diff_india_capacity_net_change")
        again = sw.paired_differences(res, "india_capacity_net_change", sector="electronics")
        assert again["mean"].item() == pytest.approx(table["mean"].item())
    result = report(real_grid, tmp_path / "rep", formats=("png",))
    assert result.failures == []
    assert {"tornado.png", "heatmap.png", "paired_differences.png"} <= {p.name for p in result.figures}


def test_real_saltelli_and_morris_archives(relocsim_bin, tmp_path):
    params = ('[[parameter]]\nkey = "behaviour.logit_scale"\nlower = 2.0\nupper = 8.0\n'
              '[[parameter]]\nkey = "behaviour.add_share"\nlower = 0.1\nupper = 0.5\n')
    saltelli = _sweep(relocsim_bin, tmp_path, "saltelli",
                      '[sweep]\nmethod = "saltelli"\nn = 8\nmaster_seed = 3\n' + _arm("base") + params)
    result = se.sobol_from_sweep(saltelli, "india_capacity_share_end", sector="electronics", n_boot=50)
    assert result.n == 8 and list(result.first.index) == ["behaviour.logit_scale", "behaviour.add_share"]
    assert np.isfinite(result.first["S1"]).all() and np.isfinite(result.total["ST"]).all()
    morris = _sweep(relocsim_bin, tmp_path, "morris",
                    '[sweep]\nmethod = "morris"\nn = 4\nmaster_seed = 3\n' + _arm("base") + params)
    table = se.morris_from_sweep(morris, "firms_relocated_india", n_boot=20)
    assert (table["r"] == 4).all()  # one elementary effect per parameter and trajectory
    assert (table["mu_star"] >= table["mu"].abs() - 1e-12).all()


def test_paired_differences_match_relocsim_compare(relocsim_bin, tmp_path):
    """`relocsim compare` computes its own paired means and t intervals; ours
    from the archive's runs agree with them."""
    b = tmp_path / "b.toml"
    b.write_text(f'extends = "{TINY}"\n[friction]\nsingle_window_factor = 0.2\n')
    out = tmp_path / "compare.h5"
    done = subprocess.run([relocsim_bin, "compare", str(TINY), str(b), "-R", "6", "-o", str(out), "--threads", "2",
                           "--quiet"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with relocsim.load(out) as res:
        assert res.ds.attrs["design_method"] == "compare"
        for outcome in ("firms_relocated_india", "india_capacity_net_change"):
            sector = "electronics" if "sector" in res.ds[outcome].dims else None
            ours = sw.paired_differences(res, outcome, sector=sector).iloc[0]
            pick = {"sector": sector} if sector else {}
            for column, name in (("mean", "compare_mean_"), ("ci_low", "compare_ci_low_"), ("ci_high", "compare_ci_high_")):
                theirs = float(res.ds[name + outcome].sel(**pick))
                assert ours[column] == pytest.approx(theirs, rel=1e-9, abs=1e-12), (outcome, column)


def test_runs_export_builds_without_performance_warnings(real_grid, tmp_path):
    """Wide tables are built at once: no pandas PerformanceWarning (a
    fragmented frame) while exporting a real sweep's runs."""
    import warnings

    import pandas as pd
    from relocsim import export

    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.PerformanceWarning)
        export.export_table(real_grid, "runs", "dta", tmp_path / "runs.dta")
        export.export_table(real_grid, "runs", "csv", tmp_path / "runs.csv")
    assert "india_capacity_gross_inflow_electronics" in pd.read_csv(tmp_path / "runs.csv").columns
