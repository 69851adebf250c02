"""The output file the tests read.

ctest sets RELOCSIM_BIN and RELOCSIM_SCENARIO: the program runs the scenario
once per session and every test reads that file. RELOCSIM_OUTPUT_FILE instead
names an existing file (ctest's python_output_synthetic uses the one
relocsim_output_sample writes).
"""

import os
import subprocess

import pytest


@pytest.fixture(scope="session")
def run_file(tmp_path_factory):
    given = os.environ.get("RELOCSIM_OUTPUT_FILE")
    if given:
        return given
    binary = os.environ.get("RELOCSIM_BIN")
    scenario = os.environ.get("RELOCSIM_SCENARIO")
    if not binary or not scenario:
        pytest.fail(
            "set RELOCSIM_BIN and RELOCSIM_SCENARIO (or RELOCSIM_OUTPUT_FILE) to say which output to test"
        )
    workdir = tmp_path_factory.mktemp("run")
    out = workdir / "out.h5"
    result = subprocess.run(
        [binary, "run", scenario, "-o", str(out), "--quiet"],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        pytest.fail(f"{binary} run {scenario} failed ({result.returncode}):\n{result.stderr}")
    # Only the finished file is left behind: no temporary beside it.
    assert sorted(p.name for p in workdir.iterdir()) == ["out.h5"]
    return str(out)
