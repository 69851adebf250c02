"""A configuration that needs more memory than the machine has fails at once,
before anything is allocated, saying how much it needs and how much there is.

RELOCSIM_MEMORY_AVAILABLE stands in for the machine's available memory, so
the messages are exact; without it the program reads /proc/meminfo.
"""

import re
import subprocess
import sys

import pytest

from conftest import TINY

EIGHT_GIB = {"RELOCSIM_MEMORY_AVAILABLE": "8GiB"}


def test_run_refuses_a_population_too_big_for_memory(relocsim, tmp_path):
    r = relocsim("run", TINY, "-o", "out.h5", "--set", "population.n_firms=100000000", env=EIGHT_GIB)
    assert r.returncode == 2
    assert r.stderr == ("error: --set: population.n_firms: 100000000 firms need about 22.9 GiB of memory; "
                        "this machine has 8 GiB available, enough for about 34000000 firms\n")
    assert list(tmp_path.iterdir()) == []


def test_validate_reports_it_at_the_line_that_set_it(relocsim, tmp_path):
    big = tmp_path / "big.toml"
    big.write_text(f'extends = "{TINY}"\n\n[population]\nn_firms = 50_000_000\n')
    r = relocsim("validate", big, env=EIGHT_GIB)
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr == (f"error: {big}:4: population.n_firms: 50000000 firms need about 11.5 GiB of memory; "
                        "this machine has 8 GiB available, enough for about 34000000 firms\n")


def test_supply_links_that_do_not_fit_are_named(relocsim):
    r = relocsim("validate", TINY, "--set", "population.n_firms=1000000", "--set", "population.supply_links=2000",
                 env=EIGHT_GIB)
    assert r.returncode == 2
    assert r.stderr == ("error: --set: population.supply_links: 1000000 firms with 2000 supply links each need "
                        "about 15.2 GiB of memory; this machine has 8 GiB available, enough for about 1000 links "
                        "each\n")


def test_what_fits_is_accepted(relocsim):
    r = relocsim("validate", TINY, "--set", "population.n_firms=20000000", env=EIGHT_GIB)
    assert r.returncode == 0, r.stderr


def mem_available_gib():
    for line in open("/proc/meminfo"):
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 2**20
    return 0


@pytest.mark.skipif(mem_available_gib() > 490, reason="this machine could hold two billion firms")
def test_the_real_machine_is_asked_when_nothing_is_injected(relocsim, tmp_path):
    # Two billion firms need about 500 GiB: no test machine has that, so this
    # fails at once. Were the check missing, the run would allocate until
    # killed, and the test would fail by its status or time out.
    r = relocsim("run", TINY, "-o", "out.h5", "--set", "population.n_firms=2000000000")
    assert r.returncode == 2
    assert re.fullmatch(r"error: --set: population\.n_firms: 2000000000 firms need about 457 GiB of memory; "
                        r"this machine has [0-9.]+ [KMGT]iB available, enough for about [0-9]+ firms\n", r.stderr)
    assert list(tmp_path.iterdir()) == []


def test_a_malformed_memory_variable_is_an_error(relocsim):
    r = relocsim("validate", TINY, env={"RELOCSIM_MEMORY_AVAILABLE": "lots"})
    assert r.returncode == 1
    assert r.stderr == ('error: RELOCSIM_MEMORY_AVAILABLE: expected a number of bytes such as 8589934592 or '
                        '8GiB, got "lots"\n')


def estimate(relocsim, *args):
    """The program's memory estimate for a run, in bytes, read from the
    message it gives when told there is (almost) no memory."""
    r = relocsim("validate", TINY, *args, env={"RELOCSIM_MEMORY_AVAILABLE": "1"})
    m = re.search(r"need about ([0-9.]+) (MiB|GiB)", r.stderr)
    assert m, r.stderr
    return float(m.group(1)) * {"MiB": 2**20, "GiB": 2**30}[m.group(2)]


def test_the_estimate_matches_what_a_run_uses(relocsim_bin, relocsim, sanitized, tmp_path):
    # The estimate must not fall below what a run takes (or the check would
    # let through runs that end in an out-of-memory kill), nor be so far
    # above it that it refuses runs that fit. Every firm reviews every step,
    # the most per-step memory; the run covers tiny.toml's dated events. A sanitized build uses several times more.
    if sanitized:
        pytest.skip("AddressSanitizer's own memory would dominate")
    args = ["--set", "population.n_firms=300000", "--set", "behaviour.review_probability=1.0",
            "--set", "run.steps=12"]
    need = estimate(relocsim, *args)
    # A fresh parent, so that the peak is this run's and no earlier child's.
    measure = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
               "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    r = subprocess.run([sys.executable, "-c", measure, relocsim_bin, "run", TINY, "-o", tmp_path / "m.h5", "-q",
                        "--threads", "2", *args], capture_output=True, text=True, timeout=600)
    status, kib = map(int, r.stdout.split())
    assert status == 0, r.stderr
    peak = kib * 1024
    assert peak <= need * 1.05, f"estimate {need / 2**20:.1f} MiB, measured {peak / 2**20:.1f} MiB"
    assert need <= peak * 1.6, f"estimate {need / 2**20:.1f} MiB, measured {peak / 2**20:.1f} MiB"
