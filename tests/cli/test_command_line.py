"""The command line's own errors (issue 12): every one exits 2, the status
the README gives bad input, and says what the option or command takes."""

import pytest

from conftest import TINY

HELP_RUN = "Run 'relocsim run --help' for the options.\n"


@pytest.mark.parametrize(
    "args, message",
    [
        # CLI11 exited 105, 106 or 109 for these.
        (["run", "--frobnicate"], "error: The following argument was not expected: --frobnicate\n" + HELP_RUN),
        (["bogus"], 'error: unknown command "bogus"; expected one of run, validate, describe, explain, sweep, compare, merge, calibrate\n'
                    "Run 'relocsim --help' for the commands.\n"),
        # CLI11 printed "Value 0 not in range 0.000000 to 1797693..." (310 digits).
        (["run", "--threads", "0"],
         "error: --threads: expected the number of threads, a whole number from 1 to 65536, got 0\n" + HELP_RUN),
        (["run", "--threads", "-1"],
         "error: --threads: expected the number of threads, a whole number from 1 to 65536, got -1\n" + HELP_RUN),
        (["run", "--threads", "two"],
         'error: --threads: expected the number of threads, a whole number from 1 to 65536, got "two"\n' + HELP_RUN),
        (["run", "--threads", "2.5"],
         'error: --threads: expected the number of threads, a whole number from 1 to 65536, got "2.5"\n' + HELP_RUN),
        (["run", "--threads", "99999999999999999999999"],
         "error: --threads: expected the number of threads, a whole number from 1 to 65536, "
         "got 99999999999999999999999\n" + HELP_RUN),
        # run.seed is a TOML integer: 2^63 failed later as "expected a TOML value".
        (["run", "--seed", "9223372036854775808"],
         "error: --seed: expected the seed, a whole number from 0 to 9223372036854775807, "
         "got 9223372036854775808\n" + HELP_RUN),
        (["run", "--seed", "18446744073709551617"],
         "error: --seed: expected the seed, a whole number from 0 to 9223372036854775807, "
         "got 18446744073709551617\n" + HELP_RUN),
        (["validate", "x.toml", "--threads", "0"],
         "error: --threads: expected the number of threads, a whole number from 1 to 65536, got 0\n"
         "Run 'relocsim validate --help' for the options.\n"),
        (["sweep", "x.toml", "--threads", "none"],
         'error: --threads: expected the number of threads, a whole number from 1 to 65536, got "none"\n'
         "Run 'relocsim sweep --help' for the options.\n"),
        (["compare", "a.toml", "b.toml", "-R", "two"],
         'error: --replications: expected the number of replications (a confidence interval needs 2), '
         'a whole number from 2 to 2147483647, '
         'got "two"\nRun \'relocsim compare --help\' for the options.\n'),
        (["compare", "a.toml", "b.toml", "-R", "3", "--seed", "-4"],
         "error: --seed: expected the master seed, a whole number from 0 to 18446744073709551615, got -4\n"
         "Run 'relocsim compare --help' for the options.\n"),
        (["describe", "--format", "html"], None),
    ],
)
def test_command_line_errors_exit_2_and_say_what_is_expected(relocsim, args, message):
    r = relocsim(*args)
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    if message is None:
        assert r.stderr.startswith("error: --format: ") and "markdown" in r.stderr and "csv" in r.stderr
    else:
        assert r.stderr == message


def test_the_largest_seed_is_taken(relocsim, tmp_path):
    r = relocsim("run", TINY, "-o", tmp_path / "s.h5", "-q", "--seed", "9223372036854775807")
    assert r.returncode == 0, r.stderr


def test_help_and_version_still_exit_0(relocsim):
    assert relocsim("--help").returncode == 0
    assert relocsim("run", "--help").returncode == 0
    assert relocsim("--version").returncode == 0


def test_an_override_beyond_64_bits_says_why_it_is_not_taken(relocsim):
    # It said "expected a TOML value", which 18446744073709551615 looks like.
    r = relocsim("validate", TINY, "--set", "run.seed=18446744073709551615")
    assert r.returncode == 2
    assert r.stderr == ("error: --set: run.seed: expected an integer from -9223372036854775808 to "
                        "9223372036854775807 (TOML integers are 64-bit), got 18446744073709551615\n")


def test_run_steps_is_bounded(relocsim):
    # 2e9 steps validated, then ran for ever or overflowed the record count.
    r = relocsim("validate", TINY, "--set", "run.steps=2e9")
    assert r.returncode == 2
    assert r.stderr == "error: --set: run.steps: expected an integer in [1, 10000], got 2000000000\n"
