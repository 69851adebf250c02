"""The scenario library: every file says what question it asks and what it
changes, extends the baseline, and validates; the ones defined by a rule
(every switch off, every Indian state) follow it; and `relocsim describe`
prints the same table as Markdown and as CSV."""

import csv
import io
import os
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("RELOCSIM_ROOT", Path(__file__).resolve().parents[2]))
CONFIGS = ROOT / "configs"
SCENARIOS = sorted((CONFIGS / "scenarios").glob("*.toml"))
EXPECTED = {
    "baseline",
    "no_pli",
    "pli_doubled",
    "dmic_fast_approvals",
    "single_window_all",
    "china_export_controls_2023_2025",
    "us_tariffs_2025",
    "japan_subsidy_off",
    "pure_logit",
}


def relocsim(binary, *args):
    return subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=300)


def header(path):
    """The comment block before the first non-comment line."""
    lines = []
    for line in path.read_text().splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def test_the_library_holds_every_scenario():
    assert {p.stem for p in SCENARIOS} >= EXPECTED


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_each_scenario_says_what_it_asks_and_changes(path):
    lines = header(path)
    assert lines and lines[0].startswith("# Scenario: "), f"{path.name}: no header comment"
    assert any(line.startswith("# Question: ") for line in lines), f"{path.name}: the header asks no question"
    assert any(line.startswith("# Changes: ") for line in lines), f"{path.name}: the header names no change"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_each_scenario_extends_the_baseline(path):
    assert tomllib.loads(path.read_text())["extends"] == "../baseline.toml"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_each_scenario_validates(relocsim_bin, path):
    result = relocsim(relocsim_bin, "validate", path)
    assert result.returncode == 0, result.stderr
    assert ": valid (" in result.stdout


def test_the_baseline_scenario_changes_nothing():
    config = tomllib.loads((CONFIGS / "scenarios" / "baseline.toml").read_text())
    assert config == {"extends": "../baseline.toml"}


def test_pure_logit_switches_every_switch_off():
    baseline = tomllib.loads((CONFIGS / "baseline.toml").read_text())
    config = tomllib.loads((CONFIGS / "scenarios" / "pure_logit.toml").read_text())
    assert set(config["switches"]) == set(baseline["switches"])
    assert not any(config["switches"].values())
    assert config["behaviour"]["review_probability"] == 1
    assert "nest_lambda" not in config["behaviour"]  # as the baseline


def test_pli_doubled_doubles_every_scheme():
    baseline = tomllib.loads((CONFIGS / "baseline.toml").read_text())["pli"]
    doubled = tomllib.loads((CONFIGS / "scenarios" / "pli_doubled.toml").read_text())["pli"]
    schemes = {k for k, v in baseline.items() if isinstance(v, dict)}
    assert set(doubled) == schemes
    for k in schemes:
        assert doubled[k]["rates"] == pytest.approx([2 * r for r in baseline[k]["rates"]]), k


def test_single_window_covers_every_indian_state():
    with open(CONFIGS / "data" / "sites.csv", newline="") as f:
        states = {row["state"] for row in csv.DictReader(f) if row["bloc"] == "India"}
    events = tomllib.loads((CONFIGS / "scenarios" / "single_window_all.toml").read_text())["events"]
    start = tomllib.loads((CONFIGS / "baseline.toml").read_text())["run"]["start_year"]
    assert {e["state"] for e in events} == states
    assert all(e["type"] == "single_window" and e["enabled"] and e["year"] == start for e in events)


def test_export_controls_follow_the_dated_sequence():
    events = tomllib.loads((CONFIGS / "scenarios" / "china_export_controls_2023_2025.toml").read_text())["events"]
    controls = [e for e in events if e["type"] == "export_control"]
    assert [e["year"] for e in controls] == sorted(e["year"] for e in controls)
    assert len(controls) == 8  # the seven dated steps of docs/DATA.md and the easing
    assert controls[-1]["severity"] < 0
    initiatives = [e for e in events if e["type"] == "minerals_initiative"]
    assert [(e["year"], e["origin"]) for e in initiatives] == [(2025.50, "India"), (2025.66, "India")]


def test_us_tariff_events_name_their_source():
    events = tomllib.loads((CONFIGS / "scenarios" / "us_tariffs_2025.toml").read_text())["events"]
    assert events and all(e["type"] == "tariff" and e["market"] == "US" for e in events)
    # docs/DATA.md has no US tariff figures, so each rate says where it comes from.
    assert all("press reports" in e["source"] or "Section 301" in e["source"] for e in events)
    assert all(0 <= e["rate"] <= 1 for e in events)


def markdown_rows(text):
    rows = []
    for line in text.splitlines():
        if not line.startswith("|") or line.startswith("|---"):
            continue
        cells, cell, i = [], "", 1
        while i < len(line):
            if line[i] == "\\" and line[i + 1 : i + 2] == "|":
                cell += "|"
                i += 2
                continue
            if line[i] == "|":
                cells.append(cell[1:-1])
                cell = ""
            else:
                cell += line[i]
            i += 1
        rows.append(cells)
    return rows


@pytest.mark.parametrize(
    "path", [CONFIGS / "scenarios" / "us_tariffs_2025.toml", CONFIGS / "baseline.toml"], ids=lambda p: p.name
)
def test_describe_prints_the_same_table_as_markdown_and_csv(relocsim_bin, path):
    md = relocsim(relocsim_bin, "describe", path)
    as_csv = relocsim(relocsim_bin, "describe", path, "--format", "csv")
    assert md.returncode == 0, md.stderr
    assert as_csv.returncode == 0, as_csv.stderr
    assert md.stdout.startswith(f"# Parameters of {path}\n")
    from_md = markdown_rows(md.stdout)
    from_csv = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert from_md == from_csv
    assert from_csv[0] == ["name", "meaning", "unit", "value", "source"]
    names = [r[0] for r in from_csv[1:]]
    assert len(names) == len(set(names))
    for row in from_csv[1:]:
        assert row[1] and row[2] and row[3], row  # meaning, unit, value


def test_describe_applies_overrides_and_reports_errors(relocsim_bin):
    baseline = CONFIGS / "baseline.toml"
    result = relocsim(relocsim_bin, "describe", baseline, "--format", "csv", "--set", "behaviour.logit_scale=7")
    assert result.returncode == 0, result.stderr
    rows = {r[0]: r for r in csv.reader(io.StringIO(result.stdout))}
    assert rows["behaviour.logit_scale"][3] == "7"
    bad = relocsim(relocsim_bin, "describe", baseline, "--set", "behaviour.logit_scal=7")
    assert bad.returncode == 2
    assert "behaviour.logit_scal: unknown key; did you mean behaviour.logit_scale?" in bad.stderr
    wrong = relocsim(relocsim_bin, "describe", baseline, "--format", "html")
    assert wrong.returncode != 0


def test_calibration_documents_the_baseline_as_describe_prints_it(relocsim_bin):
    # docs/CALIBRATION.md section 9 is describe's output; after changing the
    # baseline, regenerate it with `relocsim describe configs/baseline.toml`
    # run from the repository root.
    result = subprocess.run(
        [relocsim_bin, "describe", "configs/baseline.toml"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    table = result.stdout[result.stdout.index("| name |") :]
    assert table in (ROOT / "docs" / "CALIBRATION.md").read_text()
