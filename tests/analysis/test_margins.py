"""Why logged firms moved (relocsim.margins): each review's gain over staying,
and the share of moves worth more than staying, by destination bloc."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from conftest import run_program

import relocsim
from relocsim import margins


def _log(rows):
    columns = ["situation", "step", "year", "firm", "site", "kind", "nest", "chosen", "value", "pli"]
    return pd.DataFrame(rows, columns=columns)


def test_gains_and_shares_of_a_known_log():
    # Situation 0 stays though India is worth more; 1 moves to ASEAN though
    # worth less than staying; 2 adds in India, worth more, with a PLI.
    log = _log([
        (0, 1, 2020.25, 7, None, "stay", "stay", 1, 1.0, 0.0),
        (0, 1, 2020.25, 7, "pune", "move", "India", 0, 1.5, 0.0),
        (1, 1, 2020.25, 8, None, "stay", "stay", 0, 2.0, 0.0),
        (1, 1, 2020.25, 8, "penang", "move", "ASEAN", 1, 1.75, 0.0),
        (2, 2, 2020.5, 9, None, "stay", "stay", 0, 0.5, 0.0),
        (2, 2, 2020.5, 9, "pune", "add", "India", 1, 0.75, 0.1),
    ])
    gains = margins.choice_gains(log)
    assert gains["gain"].tolist() == [0.0, -0.25, 0.25]
    assert gains["destination"].tolist() == ["stay", "ASEAN", "India"]
    table = margins.choice_margins(log)
    assert table.loc["stay", "value_led"] == 0.0  # an option beat staying
    assert table.loc["ASEAN", "value_led"] == 0.0 and table.loc["India", "value_led"] == 1.0
    assert table.loc["all moves", "reviews"] == 2 and table.loc["all moves", "value_led"] == 0.5
    assert table.loc["India", "with_pli"] == 1.0
    assert table.loc["China", "reviews"] == 0 and np.isnan(table.loc["China", "value_led"])
    assert table["share_of_reviews"].loc[list(margins.DESTINATIONS)].sum() == pytest.approx(1.0)
    assert margins.choice_margins(log, since=2020.5).loc["all moves", "reviews"] == 1


def test_refuses_a_log_with_two_chosen_options_in_a_situation():
    log = _log([
        (0, 1, 2020.25, 7, None, "stay", "stay", 1, 1.0, 0.0),
        (0, 1, 2020.25, 7, "pune", "move", "India", 1, 1.5, 0.0),
    ])
    with pytest.raises(ValueError, match="exactly one chosen option"):
        margins.choice_gains(log)


def _started_by_bloc(path):
    """Started projects of every firm, by the destination's bloc, from the
    event table: an output written apart from the choice log."""
    ev = relocsim.events(path)
    with relocsim.load_run(path) as ds:
        bloc_of = dict(zip(ds["site"].values.astype(str), ds["bloc"].values[ds["site_bloc"].values].astype(str)))
    started = ev[ev["kind"].isin(["move_started", "add_started"])]
    return started["to_site"].astype(str).map(bloc_of).value_counts()


def test_logged_moves_are_the_started_projects_of_a_real_run(relocsim_bin, tmp_path):
    path = run_program(relocsim_bin, tmp_path / "log.h5", "output.choice_log_every=1", firms=1500)
    table = margins.choice_margins(path)
    started = _started_by_bloc(path)
    for bloc in ("China", "ASEAN", "India"):
        assert table.loc[bloc, "reviews"] == started.get(bloc, 0), bloc
    assert table.loc["all moves", "reviews"] == started.sum() > 0


def test_a_near_deterministic_choice_moves_only_where_values_lead(relocsim_bin, tmp_path):
    """At a logit scale 150 times the tiny model's (4), taste shocks decide only
    near-ties: almost every move is worth more than staying, far more than at
    the model's own scale."""
    noisy = margins.choice_margins(run_program(relocsim_bin, tmp_path / "a.h5", "output.choice_log_every=1"))
    sharp = margins.choice_margins(
        run_program(relocsim_bin, tmp_path / "b.h5", "output.choice_log_every=1", "behaviour.logit_scale=600"))
    assert sharp.loc["all moves", "reviews"] > 0
    assert sharp.loc["all moves", "value_led"] > 0.95
    assert sharp.loc["stay", "value_led"] > 0.95
    assert noisy.loc["all moves", "value_led"] < sharp.loc["all moves", "value_led"] - 0.2


def test_the_command_says_when_a_run_has_no_choice_log(tiny_run):
    result = subprocess.run([sys.executable, "-m", "relocsim", "margins", tiny_run], capture_output=True, text=True)
    assert result.returncode == 2
    assert "has no choice log: run with --set output.choice_log_every=N (N > 0)" in result.stderr


def test_the_command_prints_the_table(relocsim_bin, tmp_path):
    path = run_program(relocsim_bin, tmp_path / "log.h5", "output.choice_log_every=1", firms=500)
    result = subprocess.run([sys.executable, "-m", "relocsim", "margins", path, "--since", "2021"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for row in ("stay", "China", "ASEAN", "India", "all moves"):
        assert row in result.stdout
