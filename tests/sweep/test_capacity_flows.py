"""The sweep's capacity outcomes say what they are: the net change of a
bloc's capacity (end minus start, often negative) and the gross inflow
(capacity that moves and additions completed there brought from another
bloc), checked against a single run of the same seed, computed from that
run's own events and firms."""

import h5py
import numpy as np

from conftest import TINY

SETTINGS = ["population.n_firms=600", "behaviour.review_probability=0.3"]


def _sweep_text():
    sets = ", ".join(f'"{s}"' for s in SETTINGS)
    return ('[sweep]\nmethod = "grid"\nreplications = 2\nmaster_seed = 11\nreference = "base"\n'
            f'[[arm]]\nname = "base"\nscenario = "{TINY}"\nset = [{sets}]\n'
            '[[parameter]]\nkey = "costs.wage_pressure"\nlevels = [0.5]\n')


def _inflow_from_run(path, bloc):
    """Capacity arrived in ``bloc`` per sector: completed moves and additions
    at its sites by firms whose largest plant was in another bloc, each the
    firm's capacity times the share the project moved."""
    with h5py.File(path, "r") as f:
        blocs = list(f["bloc"].asstr()[...])
        site_bloc = f["site_bloc"][...]
        kinds = list(f["event_kind"].asstr()[...])
        kind = f["event_kind_code"][...]
        to_site, from_site = f["event_to_site"][...], f["event_from_site"][...]
        firm, share = f["event_firm"][...], f["event_share"][...].astype(np.float64)
        capacity, sector = f["firm_capacity"][...], f["firm_sector"][...]
        sectors = f["sector"].shape[0]
        run_net = f["capacity"][-1] - f["capacity"][0]  # [site, sector]
    b = blocs.index(bloc)
    completed = np.isin(kind, [kinds.index("move_completed"), kinds.index("add_completed")])
    into = completed & (site_bloc[to_site] == b) & ((from_site < 0) | (site_bloc[np.maximum(from_site, 0)] != b))
    inflow = np.zeros(sectors)
    np.add.at(inflow, sector[firm[into]], capacity[firm[into]] * share[into])
    return inflow, run_net[site_bloc == b].sum(axis=0)


def test_gross_inflow_and_net_change_match_a_run_of_the_same_seed(relocsim, tmp_path):
    (tmp_path / "s.toml").write_text(_sweep_text())
    r = relocsim("sweep", tmp_path / "s.toml", "-o", "s.h5")
    assert r.returncode == 0, r.stderr
    with h5py.File(tmp_path / "s.h5", "r") as f:
        seed = int(f["run_seed"][0])
        gross = f["india_capacity_gross_inflow"][0]
        net = f["india_capacity_net_change"][0]
        gross_asean = f["asean_capacity_gross_inflow"][0]
        long_name = f["india_capacity_net_change"].attrs["long_name"]
        assert "net change" in (long_name.decode() if isinstance(long_name, bytes) else long_name)
        assert "capacity_moved_to_india" not in f
    args = ["run", TINY, "-o", "r.h5", "--quiet", "--seed", str(seed), "--set", "costs.wage_pressure=0.5"]
    for s in SETTINGS:
        args += ["--set", s]
    r = relocsim(*args)
    assert r.returncode == 0, r.stderr
    inflow, run_net = _inflow_from_run(tmp_path / "r.h5", "India")
    assert inflow.sum() > 0, "the run moved nothing into India: the check proves nothing"
    np.testing.assert_allclose(gross, inflow, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(net, run_net, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(gross_asean, _inflow_from_run(tmp_path / "r.h5", "ASEAN")[0], rtol=1e-12, atol=1e-9)
    assert (gross >= 0).all()
