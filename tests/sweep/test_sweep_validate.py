"""`relocsim validate SWEEP.toml`: the definition, every arm, and every run's
configuration (each arm under each design row's values) checked before any
run, each problem located where it can be fixed."""

import re

from conftest import TINY, arm, lhs_sweep


def grid(parameters, arms=None, n=3):
    return (f'[sweep]\nmethod = "grid"\nn = {n}\n'
            + (arms if arms is not None else arm("base") + arm("fast", '"friction.single_window_factor=0.2"'))
            + parameters)


def test_a_valid_sweep_says_what_it_will_run(relocsim, definition):
    path = definition(lhs_sweep(n=4, replications=2))
    r = relocsim("validate", path, "--threads", 2)
    assert r.returncode == 0, r.stderr
    first, second = r.stdout.splitlines()
    assert first == (f"{path}: valid (lhs design, 4 rows x 2 replications x 2 arms = 16 runs; "
                     "all 8 run configurations load)")
    assert re.fullmatch(r"memory: the largest run \(a run of 600 firms with 2 supply links each\) needs about "
                        r"[\d.]+ MiB of memory, 2 at once \(--threads 2\) about [\d.]+ MiB; [\d.]+ [GMT]iB available",
                        second)


def test_values_a_range_reaches_that_a_key_does_not_take_are_found_before_any_run(relocsim, definition):
    # Three points on [0.5, 1.5]: 0.5, 1.0 and 1.5; a probability above 1 is
    # reported once per design row at the parameter's line, not per arm.
    path = definition(grid('[[parameter]]\nkey = "risk.belief_persistence"\nlower = 0.5\nupper = 1.5\n'))
    r = relocsim("validate", path)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        f"error: {path}:12: risk.belief_persistence: design row 2: expected a number in [0, 1], got 1.5",
        f"error: {path}: 2 of the 6 run configurations (design row x arm) are not valid",
    ]
    assert r.stdout == ""


def test_a_row_that_changes_the_archive_axes_is_found_at_its_arm(relocsim, definition):
    path = definition(grid('[[parameter]]\nkey = "run.steps"\nlevels = [12, 13]\n',
                           arms=arm("base")))
    r = relocsim("validate", path)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        f"error: {path}:4: arm.scenario: arm 'base' with design row 1 (run.steps=13): this run has 13 steps from "
        "2020 at 4 per year, the sweep 12 from 2020 at 4 per year: every run of a sweep must share the archive's "
        "step axis",
        f"error: {path}: 1 of the 2 run configurations (design row x arm) are not valid",
    ]


def test_a_csv_design_is_checked_row_by_row_at_the_rows_line(relocsim, definition, tmp_path):
    (tmp_path / "design.csv").write_text(
        "behaviour.review_probability,population.n_firms\n0.5,100\n2,100\n0.3,-4\n")
    path = definition(f'[sweep]\nmethod = "csv"\ndesign = "design.csv"\n[[arm]]\nname = "a"\nscenario = "{TINY}"\n')
    r = relocsim("validate", path)
    assert r.returncode == 2
    design = tmp_path / "design.csv"
    assert r.stderr.splitlines() == [
        f"error: {design}:3: behaviour.review_probability: design row 1: expected a number in [0, 1], got 2",
        f"error: {design}:4: population.n_firms: design row 2: expected an integer > 0, got -4",
        f"error: {path}: 2 of the 3 run configurations (design row x arm) are not valid",
    ]


def test_many_invalid_rows_are_listed_up_to_twenty(relocsim, definition):
    path = definition(grid('[[parameter]]\nkey = "risk.belief_persistence"\nlower = 2.0\nupper = 3.0\n',
                           arms=arm("base"), n=30))
    r = relocsim("validate", path)
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert len(lines) == 21
    assert lines[0] == f"error: {path}:8: risk.belief_persistence: design row 0: expected a number in [0, 1], got 2"
    assert lines[-1] == (f"error: {path}: 30 of the 30 run configurations (design row x arm) are not valid; "
                         "the first problems are listed above")


def too_big_at(relocsim, path, where):
    """validate with 2 GiB refuses design row 1's 90 million firms at `where`
    (the need is the memory estimate's, tested in tests/hardening)."""
    r = relocsim("validate", path, env={"RELOCSIM_MEMORY_AVAILABLE": "2GiB"})
    assert r.returncode == 2, r.stderr
    assert re.fullmatch(
        re.escape(f"error: {where}: population.n_firms: design row 1 sets population.n_firms = 90000000: a run of "
                  "90000000 firms with 2 supply links each needs about ") + r"[\d.]+ GiB" +
        re.escape(" of memory; this machine has 2 GiB available\n"), r.stderr)


def test_a_design_row_too_big_for_the_memory_is_found_at_its_parameter(relocsim, definition):
    path = definition(grid('[[parameter]]\nkey = "population.n_firms"\nlevels = [200, 90000000]\n',
                           arms=arm("base").replace('"population.n_firms=600", ', "")))
    too_big_at(relocsim, path, f"{path}:8")


def test_set_does_not_apply_to_a_sweep_definition(relocsim, definition):
    path = definition(lhs_sweep())
    r = relocsim("validate", path, "--set", "run.steps=4")
    assert r.returncode == 2
    assert r.stderr == (f"error: --set: {path} is a sweep definition; --set applies to scenarios (an arm takes its "
                        "overrides from its own `set`)\n")


def test_a_broken_definition_is_reported_as_a_sweep_error_not_a_scenario_error(relocsim, definition):
    path = definition(lhs_sweep().replace('method = "lhs"', 'method = "lhs"\nreplication = 3'))
    r = relocsim("validate", path)
    assert r.returncode == 2
    assert r.stderr == f"error: {path}:3: sweep.replication: unknown key; did you mean replications?\n"


def test_a_csv_design_row_too_big_for_the_memory_is_found_at_its_line(relocsim, definition, tmp_path):
    design = tmp_path / "design.csv"
    design.write_text("population.n_firms\n200\n90000000\n")
    path = definition(f'[sweep]\nmethod = "csv"\ndesign = "design.csv"\n[[arm]]\nname = "a"\nscenario = "{TINY}"\n')
    too_big_at(relocsim, path, f"{design}:3")
