"""The calibrate command as a user runs it, on a small history scenario
(tests/pylib/relocsim_testing.py finds the program)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "pylib"))
from relocsim_testing import ROOT, program_runner, relocsim_bin  # noqa: E402,F401

HISTORY = ROOT / "configs" / "scenarios" / "history.toml"

# Six moments a small population moves visibly by 2023: India's and ASEAN's
# electronics output, India's exports, jobs in India's PLI sectors.
OUTCOMES = """
[[outcome]]
name = "india_output_fy21"
variable = "capacity"
blocs = ["India"]
sectors = ["electronics"]
window = [2020.25, 2021.25]
reduce = "mean"

[[outcome]]
name = "india_output_fy22"
variable = "capacity"
blocs = ["India"]
sectors = ["electronics"]
window = [2021.25, 2022.25]
reduce = "mean"

[[outcome]]
name = "india_output_fy23"
variable = "capacity"
blocs = ["India"]
sectors = ["electronics"]
window = [2022.25, 2023.25]
reduce = "mean"

[[outcome]]
name = "asean_output_fy23"
variable = "capacity"
blocs = ["ASEAN"]
sectors = ["electronics"]
window = [2022.25, 2023.25]
reduce = "mean"

[[outcome]]
name = "india_exports_fy23"
variable = "sales"
blocs = ["India"]
sectors = ["electronics"]
markets = "abroad"
window = [2022.25, 2023.25]
reduce = "mean"

[[outcome]]
name = "india_jobs_mar2023"
variable = "employment"
blocs = ["India"]
window = [2020.0, 2023.25]
reduce = "change"
"""

SMALL = '"population.n_firms = 2000", "run.steps = 13"'


def calibration_text(targets="targets.csv", parameters=None, method="", sets=SMALL, replications=3, seed=11,
                     fit_until="2023-03-31", outcomes=OUTCOMES):
    if parameters is None:
        parameters = [("behaviour.logit_scale", 2.0, 12.0, None), ("behaviour.review_probability", 0.02, 0.2, None)]
    text = (
        f'[calibration]\nscenario = "{HISTORY}"\ntargets = "{targets}"\nfit_until = {fit_until}\n'
        f"replications = {replications}\nmaster_seed = {seed}\nset = [{sets}]\n\n[method]\n{method}\n"
    )
    for key, lower, upper, start in parameters:
        text += f'\n[[parameter]]\nkey = "{key}"\nlower = {lower}\nupper = {upper}\n'
        if start is not None:
            text += f"start = {start}\n"
    return text + outcomes


TARGET_HEADER = "name,series,outcome,date,value,unit,se,rel_se,to_model,conversion,source\n"


def targets_text(rows):
    """rows: (name, outcome, date, value, se) -> a targets CSV, model units."""
    out = TARGET_HEADER
    for name, outcome, date, value, se in rows:
        out += f"{name},{outcome},{outcome},{date},{value!r},USD million,{se!r},,1,model units,test\n"
    return out


@pytest.fixture
def relocsim(relocsim_bin, tmp_path):
    return program_runner(relocsim_bin, tmp_path)


@pytest.fixture
def write(tmp_path):
    """write(name, text) -> path of the written file."""

    def put(name, text):
        path = tmp_path / name
        path.write_text(text)
        return path

    return put
