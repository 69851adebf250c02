"""The policy-sign suite as tests: one test per comparison of
policy_signs.COMPARISONS, failing with the effect and its 95% interval when
the interval does not exclude zero on the side economics predicts.

All comparisons run once, together (runs shared between comparisons are run
once), in a module fixture; the tests then read the results. See
docs/POLICY_SIGNS.md.
"""

import sys
import tomllib
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import policy_signs as ps  # noqa: E402


@pytest.fixture(scope="module")
def results(relocsim_bin):
    runner = ps.Runner(relocsim_bin, int(__import__("os").environ.get("RELOCSIM_SIGNS_JOBS", "2")))
    found = ps.evaluate(runner, ps.COMPARISONS)
    print("\n" + ps.table(found))
    return {r.comparison.name: r for r in found}


@pytest.mark.parametrize(
    "name",
    [pytest.param(c.name, marks=pytest.mark.xfail(reason=ps.KNOWN_FAILURES[c.name], strict=True))
     if c.name in ps.KNOWN_FAILURES else c.name for c in ps.COMPARISONS])
def test_policy_sign(results, name):
    r = results[name]
    assert r.passed, r.message()


def frozen(value):
    return tuple(value) if isinstance(value, list) else value


def lever_settings(path):
    """What a lever file sets, as --set overrides (its events aside)."""
    config = tomllib.loads(path.read_text())
    out = set()

    def walk(table, prefix):
        for k, v in table.items():
            if k in ("extends", "sources", "events"):
                continue
            if isinstance(v, dict):
                walk(v, f"{prefix}{k}.")
            else:
                out.add((f"{prefix}{k}", frozen(v)))

    walk(config, "")
    return out


def overrides(c):
    """A comparison's treatment overrides beyond its base's, parsed as TOML values."""
    out = set()
    for o in set(c.treatment_set) - set(c.base_set):
        key, value = o.split("=", 1)
        out.add((key, frozen(tomllib.loads(f"v = {value}")["v"])))
    return out


@pytest.mark.parametrize(
    "name, lever",
    [
        ("pli_off_electronics", "no_pli.toml"),
        ("pli_doubled_electronics", "pli_doubled.toml"),
        ("dmic_fast_approvals", "dmic_fast_approvals.toml"),
        ("japan_subsidy_off", "japan_subsidy_off.toml"),
    ],
)
def test_each_lever_is_applied_as_its_file_states_it(name, lever):
    # The suite applies the levers of 2020-25 to history.toml by --set; they
    # must be what the library's lever files change, or the suite tests
    # something else than the library.
    c = next(c for c in ps.COMPARISONS if c.name == name)
    want = lever_settings(ps.SCENARIOS / lever)
    got = overrides(c)
    # An inline table in the file ({DMIC = 0.5}) is one dotted key in --set.
    flat = set()
    for key, value in want:
        if isinstance(value, dict):
            flat |= {(f"{key}.{k}", frozen(v)) for k, v in value.items()}
        else:
            flat.add((key, value))
    assert got == flat


def test_history_single_window_adds_the_library_events():
    mine = tomllib.loads((ps.SCENARIOS / "history_single_window_all.toml").read_text())
    library = tomllib.loads((ps.SCENARIOS / "single_window_all.toml").read_text())
    assert mine["extends"] == "history.toml"
    assert mine["events"] == library["events"]


def test_every_comparison_is_well_formed():
    names = [c.name for c in ps.COMPARISONS]
    assert len(names) == len(set(names))
    for c in ps.COMPARISONS:
        assert c.outcome in ps.OUTCOMES, c.name
        assert c.sign in (-1, 0, 1), c.name
        assert c.seeds >= 3, c.name
        assert c.base.exists() and c.treatment.exists(), c.name
        # A comparison of a scenario with itself must change something.
        assert (c.base, c.base_set) != (c.treatment, c.treatment_set), c.name


def test_required_seeds_follow_the_power_calculation():
    # Effect one sd, 5% two-sided, 90% power: the exact power of the one-sample
    # t test (noncentral t, scipy.stats.nct) is 0.883 at n = 12 and 0.911 at
    # n = 13, so 13; the normal approximation without scipy, (1.96 + 1.28)^2 =
    # 10.5 rounded up plus one, gives 12.
    n = ps.required_seeds(1.0, 1.0, +1)
    try:
        import scipy  # noqa: F401

        assert n == 13
    except ImportError:
        assert n == 12
    assert ps.required_seeds(0.5, 1.0, +1) > n  # a smaller effect needs more seeds
    assert ps.required_seeds(-1.0, 1.0, +1) is None  # the wrong sign: no count helps
    assert ps.required_seeds(1.0, 0.0, +1) is None


def test_outcomes_agree_with_the_run_files_own_counts(relocsim_bin, tmp_path):
    # The outcomes read the events table; the per-step counts of the same run
    # are an independent record of the same completions.
    import h5py
    import numpy as np

    out = tmp_path / "h.h5"
    import subprocess

    subprocess.run([relocsim_bin, "run", ps.HISTORY, "-o", out, "--set", "run.steps=24", "--quiet"], check=True)
    got = ps.outcomes_of(out)
    with h5py.File(out, "r") as f:
        done = (f["moves_completed"][()] + f["additions_completed"][()]).sum(axis=0)  # by site
        bloc = f["site_bloc"][()]
        india = [b.decode() if isinstance(b, bytes) else b for b in f["bloc"][()]].index("India")
        china = [b.decode() if isinstance(b, bytes) else b for b in f["bloc"][()]].index("China")
        corridor = np.array([c.decode() if isinstance(c, bytes) else c for c in f["site_corridor"][()]])
        share = f["capacity_share"][()][-1, china]
    assert got["india_completions"] == done[bloc == india].sum() > 0
    assert got["dmic_completions"] == done[corridor == "DMIC"].sum() > 0
    assert 0 < got["japan_exits_from_china"] < done[bloc != china].sum()
    # Weighted means of China's sector shares lie between the smallest and the largest.
    for name in ("china_share_us_bound", "china_share_mineral_weighted"):
        assert share.min() <= got[name] <= share.max(), name
    assert 0 < got["net_flow_out_of_china"] < 1
