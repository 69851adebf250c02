"""[[outcome]] in a sweep: computed in each run, written to the archive as
/outcomes/<name> with its definition, carried through a merge of shards and
read by the Python reader; each value checked against the same quantity
computed from a single run of the same seed."""

import h5py
import numpy as np

from conftest import TINY

SETTINGS = ["population.n_firms=600", "behaviour.review_probability=0.3"]
OUTCOMES = '''
[[outcome]]
name = "india_exports_2022"
variable = "sales"
blocs = ["India"]
markets = ["US", "EU"]
reduce = "mean"
window = [2021-12-31, 2022-12-31]
units = "USD million per year"
long_name = "India's mean sales to the US and the EU over 2022"

[[outcome]]
name = "china_share_of_us_sales"
variable = "sales"
blocs = ["China"]
markets = ["US"]
reduce = "share"
date = 2023.0
'''


def _sweep_text():
    sets = ", ".join(f'"{s}"' for s in SETTINGS)
    return ('[sweep]\nmethod = "grid"\nreplications = 2\nmaster_seed = 11\nreference = "base"\n'
            f'[[arm]]\nname = "base"\nscenario = "{TINY}"\nset = [{sets}]\n'
            '[[parameter]]\nkey = "costs.wage_pressure"\nlevels = [0.5, 1.0]\n' + OUTCOMES)


def _from_run(path):
    """The two outcomes, from the run file's sales: (step, site, sector, market)."""
    with h5py.File(path, "r") as f:
        blocs = list(f["bloc"].asstr()[...])
        markets = list(f["market"].asstr()[...])
        site_bloc = f["site_bloc"][...]
        year = f["year"][...]
        sales = f["sales"][...]
        capacity = f["capacity"][...]
    np.testing.assert_allclose(sales.sum(axis=3), capacity, rtol=1e-6, atol=1e-9)
    india = site_bloc == blocs.index("India")
    china = site_bloc == blocs.index("China")
    to = [markets.index("US"), markets.index("EU")]
    in_window = (year > 2022.0 + 1e-9) & (year <= 2023.0 + 1e-9)
    assert in_window.sum() == 4  # quarterly records of 2022
    exports = sales[in_window][:, india][..., to].sum(axis=(1, 2, 3)).mean()
    end = int(np.flatnonzero(np.abs(year - 2023.0) < 1e-9)[0])
    us = markets.index("US")
    share = sales[end, china, :, us].sum() / sales[end, :, :, us].sum()
    return exports, share


def _run_file(relocsim, seed, wage_pressure, name):
    args = ["run", TINY, "-o", name, "--quiet", "--seed", str(seed), "--set", f"costs.wage_pressure={wage_pressure}"]
    for s in SETTINGS:
        args += ["--set", s]
    r = relocsim(*args)
    assert r.returncode == 0, r.stderr
    return _from_run(name)


def test_defined_outcomes_match_a_run_of_the_same_seed(relocsim, tmp_path):
    (tmp_path / "s.toml").write_text(_sweep_text())
    r = relocsim("sweep", tmp_path / "s.toml", "-o", "s.h5")
    assert r.returncode == 0, r.stderr
    with h5py.File(tmp_path / "s.h5", "r") as f:
        assert list(f["defined_outcome"].asstr()[...]) == ["india_exports_2022", "china_share_of_us_sales"]
        exports = f["outcomes/india_exports_2022"]
        assert exports.dims[0][0].name == "/run"
        assert exports.attrs["units"].decode() == "USD million per year"
        assert exports.attrs["long_name"].decode() == "India's mean sales to the US and the EU over 2022"
        assert 'reduce = "mean"' in exports.attrs["definition"].decode()
        assert f["outcomes/china_share_of_us_sales"].attrs["units"].decode() == "1"
        values = {name: f["outcomes"][name][...] for name in ("india_exports_2022", "china_share_of_us_sales")}
        seeds = f["run_seed"][...]
        pressure = f["design_value"][...][f["run_design_row"][...], 0]
    assert len(seeds) == 4
    for run in (0, 3):
        exports, share = _run_file(relocsim, int(seeds[run]), pressure[run], tmp_path / f"r{run}.h5")
        assert exports > 0 and 0 < share < 1, "nothing to compare: the check would prove nothing"
        np.testing.assert_allclose(values["india_exports_2022"][run], exports, rtol=1e-12)
        np.testing.assert_allclose(values["china_share_of_us_sales"][run], share, rtol=1e-12)


def test_defined_outcomes_survive_a_merge_and_reach_the_reader(relocsim, tmp_path):
    (tmp_path / "s.toml").write_text(_sweep_text())
    for k in (0, 1):
        r = relocsim("sweep", tmp_path / "s.toml", "-o", f"s{k}.h5", "--shard", f"{k}/2", "-q")
        assert r.returncode == 0, r.stderr
    r = relocsim("merge", "m.h5", "s0.h5", "s1.h5")
    assert r.returncode == 0, r.stderr
    r = relocsim("sweep", tmp_path / "s.toml", "-o", "whole.h5")
    assert r.returncode == 0, r.stderr
    with h5py.File(tmp_path / "m.h5", "r") as m, h5py.File(tmp_path / "whole.h5", "r") as w:
        for name in ("india_exports_2022", "china_share_of_us_sales"):
            np.testing.assert_array_equal(m["outcomes"][name][...], w["outcomes"][name][...])
            assert m["outcomes"][name].attrs["definition"] == w["outcomes"][name].attrs["definition"]
        assert np.isfinite(w["outcomes/india_exports_2022"][...]).all()

        share = w["outcomes/china_share_of_us_sales"][...]

    import relocsim
    from relocsim.sweep import defined_outcomes

    with relocsim.load(tmp_path / "m.h5") as res:
        runs = res["runs"]
        assert "india_exports_2022" in runs.columns
        np.testing.assert_array_equal(runs.sort_values("run")["china_share_of_us_sales"].to_numpy(), share)
        defined = defined_outcomes(res)
        assert list(defined.columns) == ["india_exports_2022", "china_share_of_us_sales"]
        assert defined.attrs["definitions"]["china_share_of_us_sales"].startswith("name = \"china_share_of_us_sales\"\n")


def test_a_sweep_without_outcomes_has_no_group_and_an_empty_frame(relocsim, tmp_path):
    text = _sweep_text().replace(OUTCOMES, "").replace("replications = 2", "replications = 1")
    (tmp_path / "s.toml").write_text(text)
    r = relocsim("sweep", tmp_path / "s.toml", "-o", "s.h5", "-q")
    assert r.returncode == 0, r.stderr
    with h5py.File(tmp_path / "s.h5", "r") as f:
        assert "outcomes" not in f and "defined_outcome" not in f
        runs = f["run"].shape[0]
    from relocsim.sweep import defined_outcomes

    frame = defined_outcomes(tmp_path / "s.h5")
    assert frame.shape == (runs, 0)
