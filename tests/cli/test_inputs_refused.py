"""Inputs the program must refuse, each with where and why, and exit 2
(issue 12): an output that is one of the run's inputs, a file given to the
wrong command, a FIFO, a huge value, a tariff typed as a percentage."""

import os
import shutil

import pytest

from conftest import ROOT, TINY

TINY_DIR = ROOT / "tests" / "data" / "tiny"


@pytest.fixture
def scenario(tmp_path):
    """A copy of the tiny scenario in tmp_path (scenario.toml extends tiny/tiny.toml)."""
    shutil.copytree(TINY_DIR, tmp_path / "tiny", ignore=shutil.ignore_patterns("variants"))
    path = tmp_path / "scenario.toml"
    path.write_text('extends = "tiny/tiny.toml"\n')
    return path


def sweep_definition(tmp_path, scenario_path):
    path = tmp_path / "sweep.toml"
    path.write_text(
        '[sweep]\nmethod = "grid"\nreplications = 1\nmaster_seed = 1\n'
        f'[[arm]]\nname = "base"\nscenario = "{scenario_path}"\nset = ["population.n_firms=50"]\n'
        '[[parameter]]\nkey = "behaviour.logit_scale"\nlevels = [2.0, 4.0]\n'
    )
    return path


# -- the output is a new file, never an input ---------------------------------

@pytest.mark.parametrize(
    "output, same_as",
    [
        ("scenario.toml", ""),                                     # the configuration itself
        ("./tiny/../tiny/tiny.toml", " (the same file as tiny/tiny.toml)"),  # a file it extends, spelt otherwise
        ("tiny/sites.csv", ""),                                    # a data file
    ],
)
def test_an_output_that_is_an_input_is_refused_even_with_force(relocsim, scenario, tmp_path, output, same_as):
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    r = relocsim("run", "scenario.toml", "-o", output, "--force", "-q")
    assert r.returncode == 2, r.stderr
    assert r.stderr == (f"error: -o: {output} is an input of this run{same_as}; expected a new file for the results, "
                        "not a file it reads (--force would replace it)\n")
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_an_output_linked_to_an_input_is_refused(relocsim, scenario, tmp_path):
    (tmp_path / "link.h5").symlink_to(tmp_path / "tiny" / "legs.csv")
    r = relocsim("run", "scenario.toml", "-o", "link.h5", "--force", "-q")
    assert r.returncode == 2
    assert "link.h5 is an input of this run (the same file as tiny/legs.csv)" in r.stderr


def test_an_empty_output_name_is_refused_not_replaced_by_the_default(relocsim, scenario, tmp_path):
    r = relocsim("run", "scenario.toml", "-o", "", "-q")
    assert r.returncode == 2
    assert r.stderr == ("error: -o: expected the name of a file for the results, got an empty one (leave the option "
                        "out for the default name)\n")
    assert not (tmp_path / "results").exists()


def test_sweep_compare_and_merge_refuse_their_inputs_as_output(relocsim, scenario, tmp_path):
    definition = sweep_definition(tmp_path, scenario)
    r = relocsim("sweep", definition, "-o", "tiny/tariffs.csv", "--force", "-q")
    assert r.returncode == 2
    assert "error: -o: tiny/tariffs.csv is an input of this run" in r.stderr
    r = relocsim("sweep", definition, "-o", definition, "--force", "-q")
    assert r.returncode == 2 and "is an input of this run" in r.stderr
    r = relocsim("compare", scenario, TINY, "-R", "2", "-o", "scenario.toml", "--force", "-q")
    assert r.returncode == 2 and "error: -o: scenario.toml is an input of this run" in r.stderr
    r = relocsim("compare", scenario, TINY, "-R", "2", "-o", "", "-q")
    assert r.returncode == 2 and "got an empty one" in r.stderr
    (tmp_path / "shard.h5").write_bytes(b"a shard")
    r = relocsim("merge", "shard.h5", "shard.h5", "--force")
    assert r.returncode == 2
    assert r.stderr.startswith("error: OUTPUT: shard.h5 is an input of this run")
    assert (tmp_path / "shard.h5").read_bytes() == b"a shard"
    assert not (tmp_path / "sweep.h5.d").exists()


# -- a file given to the wrong command ------------------------------------------

@pytest.mark.parametrize("command", ["run", "describe"])
def test_a_sweep_definition_given_where_a_scenario_belongs_names_relocsim_sweep(relocsim, scenario, tmp_path, command):
    sweep_definition(tmp_path, scenario)
    r = relocsim(command, "sweep.toml")
    assert r.returncode == 2
    assert r.stderr == (f"error: sweep.toml:1: sweep: this is a sweep definition, not a scenario; `relocsim {command}` "
                        "expected a scenario. Run it with `relocsim sweep sweep.toml` (check it with "
                        "`relocsim validate sweep.toml`)\n")


def test_compare_names_relocsim_sweep_for_a_sweep_definition(relocsim, scenario, tmp_path):
    sweep_definition(tmp_path, scenario)
    r = relocsim("compare", scenario, "sweep.toml", "-R", "2")
    assert r.returncode == 2
    assert r.stderr.startswith("error: sweep.toml:1: sweep: this is a sweep definition, not a scenario; "
                               "`relocsim compare` expected a scenario.")


def test_a_scenario_given_to_sweep_names_relocsim_run(relocsim, scenario):
    r = relocsim("sweep", "scenario.toml")
    assert r.returncode == 2
    assert r.stderr == ("error: scenario.toml:1: this is a scenario (it has `extends` and no [sweep] table), not a "
                        "sweep definition; run it with `relocsim run scenario.toml`, compare two with `relocsim "
                        "compare A B -R N`, or write a sweep definition that names it (docs/SWEEP.md)\n")
    r = relocsim("sweep", TINY)
    assert r.returncode == 2
    assert f"error: {TINY}:4: this is a scenario (it has `run` and no [sweep] table)" in r.stderr


# -- files that are not files, values too long to echo ---------------------------

def test_a_fifo_as_data_file_is_refused_at_once(relocsim, scenario, tmp_path):
    os.mkfifo(tmp_path / "tiny" / "pipe.csv")
    (tmp_path / "fifo.toml").write_text('extends = "tiny/tiny.toml"\n\n[data]\nlegs = "tiny/pipe.csv"\n')
    r = relocsim("validate", "fifo.toml", timeout=20)  # it used to wait for a writer for ever
    assert r.returncode == 2
    assert r.stderr == ('error: fifo.toml:4: data.legs: cannot open "tiny/pipe.csv" (a named pipe (FIFO), not a '
                        "regular file; expected a scenario or a data table)\n")
    r = relocsim("run", "tiny/pipe.csv", timeout=20)
    assert r.returncode == 2
    assert "tiny/pipe.csv: cannot open file (a named pipe (FIFO), not a regular file" in r.stderr


def test_a_10_mb_value_is_quoted_shortened(relocsim, scenario, tmp_path):
    (tmp_path / "big.toml").write_text('extends = "tiny/tiny.toml"\n[population]\ndomestic_home = "'
                                       + "é" * (5 << 20) + '"\n')
    r = relocsim("validate", "big.toml")
    assert r.returncode == 2
    assert len(r.stderr) < 400
    # Cut on a character boundary: 60 bytes are 30 é.
    assert r.stderr == ("error: big.toml:3: population.domestic_home: expected one of population.home_countries "
                        '(Japan, US, India), got "' + "é" * 30 + '..." (10485760 bytes)\n')


def test_a_long_override_value_is_quoted_shortened(relocsim):
    r = relocsim("validate", TINY, "--set", "behaviour.logit_scale=" + "9" * 100000 + "x")
    assert r.returncode == 2
    assert len(r.stderr) < 400 and "(100001 bytes)" in r.stderr


# -- tariff rates ---------------------------------------------------------------

def test_a_rate_that_looks_like_a_percentage_is_warned_about_with_its_line(relocsim, scenario, tmp_path):
    tariffs = tmp_path / "tiny" / "tariffs.csv"
    lines = tariffs.read_text().splitlines()
    assert lines[3].startswith("China,EU,*,0.04,")
    lines[3] = lines[3].replace("0.04", "4", 1)  # 4 % typed as 4
    lines[1] = lines[1].replace("0.25", "1.45", 1)  # 145 %, as in 2025: no warning
    tariffs.write_text("\n".join(lines) + "\n")
    r = relocsim("validate", "scenario.toml")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ("warning: tiny/tariffs.csv:4: rate: 4 is a tariff of 400 %; rates are fractions, so if 4 % "
                        "was meant, write 0.04 (a rate above 2.5 is higher than any levied in 2025)\n")
    r = relocsim("run", "scenario.toml", "-o", "out.h5", "-q")
    assert r.returncode == 0 and r.stderr.startswith("warning: tiny/tariffs.csv:4: rate: 4 is a tariff of 400 %")


def test_tariff_events_follow_the_same_rule(relocsim, scenario, tmp_path):
    (tmp_path / "event.toml").write_text(
        'extends = "tiny/tiny.toml"\n[[events]]\nyear = 2021.0\ntype = "tariff"\nlabel = "x"\nsource = "test"\n'
        'origin = "China"\nmarket = "US"\nsector = "*"\nrate = 25\n'
    )
    r = relocsim("validate", "event.toml")
    assert r.returncode == 2
    assert ("event.toml:10: events[" in r.stderr and ".rate: expected a rate in [0, 5] (a fraction: 0.25 for 25 %, "
            "at most 500 %), got 25; if 25 % was meant, write 0.25\n" in r.stderr)


# -- memory counts the steps ------------------------------------------------------

def test_the_memory_check_counts_the_steps_of_a_paired_run(relocsim, tmp_path):
    # The PLI counterfactual keeps a path per step and sector: with six agents (the fewest tiny allows),
    # 10000 steps are what does not fit.
    args = ["run", TINY, "--set", "population.n_firms=6", "--pli-counterfactual", "-o", "m.h5", "-q"]
    env = {"RELOCSIM_MEMORY_AVAILABLE": "40.5MiB"}
    r = relocsim(*args, "--set", "run.steps=10000", env=env)
    assert r.returncode == 2
    assert r.stderr == ("error: --set: run.steps: 10000 steps with --pli-counterfactual need about 40.8 MiB of "
                        "memory; this machine has 40.5 MiB available\n")
    assert not (tmp_path / "m.h5").exists()
    assert relocsim(*args, "--set", "run.steps=10", env=env).returncode == 0
