"""The choice log: every option a logged firm weighed, with its value in parts."""

import h5py
import numpy as np

from conftest import TINY


def test_choice_log_records_each_review_whole(relocsim, tmp_path):
    out = tmp_path / "choices.h5"
    r = relocsim("run", TINY, "-o", out, "-q", "--set", "output.choice_log_every=1",
                 "--set", "population.n_firms=500", "--set", "behaviour.review_probability=0.3")
    assert r.returncode == 0, r.stderr
    with h5py.File(out, "r") as f:
        situation = f["choice_situation"][()]
        chosen = f["choice_chosen"][()]
        kind = f["choice_kind"][()]
        site = f["choice_site"][()]
        parts = [f[n][()] for n in ("choice_operating", "choice_pli", "choice_peers", "choice_setup", "choice_waiting")]
        value = f["choice_value"][()]
        # With every firm logged, there is one situation per review.
        assert situation.max() + 1 == int(f["firms_reviewing"][()].sum())
        assert np.array_equal(np.unique(situation), np.arange(situation.max() + 1))
        assert np.array_equal(np.bincount(situation, weights=chosen), np.ones(situation.max() + 1))
        # Each situation starts with "stay", which has no site.
        first = np.r_[True, situation[1:] != situation[:-1]]
        assert (kind[first] == -1).all() and (site[first] == -1).all()
        assert (site[~first] >= 0).all()
        operating, pli, peers, setup, waiting = parts
        assert np.allclose(value, operating + pli + peers - setup - waiting, rtol=0, atol=1e-12)
        assert (setup[kind == -1] == 0).all()
        assert float(f.attrs["choice_logit_scale"]) == 4.0  # tiny.toml's behaviour.logit_scale


def test_no_choice_log_by_default(relocsim, tmp_path):
    out = tmp_path / "plain.h5"
    assert relocsim("run", TINY, "-o", out, "-q").returncode == 0
    with h5py.File(out, "r") as f:
        assert "choice_value" not in f and "choice" not in f
