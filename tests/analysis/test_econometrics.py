"""Re-estimating the choice model: a conditional logit of the logged choices
recovers logit_scale for every part of the value (docs/ODD.md 7.3)."""

import tomllib

import numpy as np
import pytest

import relocsim
from relocsim import econometrics as em

import synthetic
from conftest import run_program


def test_recovers_a_known_logit_from_synthetic_choices():
    """20,000 situations of 13 options drawn from utility 4 x value: every
    coefficient within its 95 % interval and the interval narrow."""
    data = synthetic.choice_log(20000, 4.0, seed=3)
    est = em.fit_choice_logit(data)
    assert list(est.table.index) == ["operating", "pli", "minus_setup", "minus_waiting"]
    assert est.table["covered"].all(), est.table
    assert (est.table["rel_half_width"] < 0.1).all(), est.table
    assert est.situations == 20000 and est.value_check < 1e-12
    value = em.fit_choice_logit(data, terms="value").table.loc["value"]
    assert value["ci_low"] < 4.0 < value["ci_high"]


def test_agrees_with_statsmodels_conditional_logit():
    data = synthetic.choice_log(600, 2.5, seed=8)
    fast = em.fit_choice_logit(data).table
    reference = em.fit_choice_logit(data, engine="statsmodels").table
    # ConditionalLogit stops its BFGS at a looser tolerance than our Newton steps
    np.testing.assert_allclose(fast["coef"], reference["coef"], atol=0.1 * fast["se"].min())
    np.testing.assert_allclose(fast["se"], reference["se"], rtol=0.02)


def test_drops_regressors_that_do_not_vary_and_warns_about_nests():
    data = synthetic.choice_log(2000, 3.0, seed=1, pli=False)
    data.attrs["nest_lambda"] = {"China": 0.6, "ASEAN": 1.0, "India": 1.0}
    est = em.fit_choice_logit(data)
    assert "pli" not in est.table.index and est.dropped == ["pli", "peers"]  # peers: herding off
    assert any("nest_lambda" in note for note in est.notes)


def test_refuses_a_log_without_one_choice_per_situation():
    data = synthetic.choice_log(50, 3.0)
    data.loc[data.index[:3], "chosen"] = 1
    with pytest.raises(ValueError, match="exactly one chosen"):
        em.fit_choice_logit(data)


def _all_switches_off(binary, tmp_path, keep=()):
    """--set switches.X=false for every switch the program knows (read from a
    run's resolved configuration), except those in keep."""
    probe = run_program(binary, tmp_path / "probe.h5", firms=10)
    switches = tomllib.loads(relocsim.provenance(probe)["resolved_config"])["switches"]
    return [f"switches.{name}={'true' if name in keep else 'false'}" for name in switches]


LOGIT = ["behaviour.review_probability=1", "behaviour.nest_lambda={China=1.0,ASEAN=1.0,India=1.0}",
         "output.choice_log_every=1"]


def test_recovers_the_runs_logit_scale(relocsim_bin, tmp_path):
    """The real program on tests/data/tiny with every interaction off, every
    firm reviewing each step, every nest_lambda 1 and the choice log on: the
    draw is then exactly a conditional logit in the logged values, so each
    identified coefficient's 95 % interval covers choice_logit_scale, and is
    narrower than +-25 % of it. (PLI off and no delays: pli and waiting are
    zero and drop out; operating and setup remain.)"""
    settings = _all_switches_off(relocsim_bin, tmp_path) + LOGIT
    path = run_program(relocsim_bin, tmp_path / "choices.h5", *settings, firms=3000)
    data = relocsim.choices(path)
    assert data.attrs["nest_lambda"] == {"China": 1.0, "ASEAN": 1.0, "India": 1.0}
    est = em.fit_choice_logit(data)
    assert est.logit_scale == float(relocsim.load_run(path).attrs["choice_logit_scale"])
    assert {"operating", "minus_setup"} <= set(est.table.index)
    assert est.value_check < 1e-9, "value = operating + pli + peers - setup - waiting"
    assert est.table["covered"].all(), est.table
    assert (est.table["rel_half_width"] < 0.25).all(), est.table


def test_recovers_pli_and_waiting_with_delays_on(relocsim_bin, tmp_path):
    """PLI and approval delays on (they change values, not the logit): pli and
    waiting vary and are estimated too. Fewer situations (firms wait for
    their projects), so 99 % intervals, and a precision check on operating."""
    settings = _all_switches_off(relocsim_bin, tmp_path, keep=("pli", "approval_delays")) + LOGIT
    path = run_program(relocsim_bin, tmp_path / "choices.h5", *settings, firms=3000)
    est = em.fit_choice_logit(path, conf=0.99)
    assert {"operating", "pli", "minus_setup", "minus_waiting"} <= set(est.table.index)
    assert est.table["covered"].all(), est.table
    assert est.table.loc["operating", "rel_half_width"] < 0.25
