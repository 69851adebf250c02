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
    "history",
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


LEVERS_OF_2020_25 = {"no_pli", "pli_doubled", "dmic_fast_approvals", "japan_subsidy_off"}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_each_scenario_extends_the_baseline_or_the_history(path):
    # A lever of 2020-25 may be stated on what happened (history_X.toml).
    # The levers of 2020-25 change the history as it happened; the rest the
    # policies of early 2020 (docs/POLICY_SIGNS.md).
    on_history = path.stem.startswith("history_") or path.stem in LEVERS_OF_2020_25
    want = "history.toml" if on_history else "../baseline.toml"
    assert tomllib.loads(path.read_text())["extends"] == want


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
    assert all(0 <= e["rate"] <= 5 for e in events)  # the tariff rule: fractions up to 500 %


def events_of(name):
    return tomllib.loads((CONFIGS / "scenarios" / name).read_text())["events"]


def without_announcement(event):
    return {k: v for k, v in event.items() if k not in ("announced", "source")}


@pytest.mark.parametrize("name", ["china_export_controls_2023_2025.toml", "us_tariffs_2025.toml"])
def test_history_holds_every_event_of_the_dated_scenarios(name):
    # history.toml copies their events (extends takes one parent): the copies
    # must stay the same, their sources kept, only announcement dates added.
    history = events_of("history.toml")
    for event in events_of(name):
        copies = [h for h in history if without_announcement(h) == without_announcement(event)]
        assert len(copies) == 1, event["label"]
        assert copies[0]["source"].startswith(event["source"]), event["label"]


def test_history_dates_each_event_of_2020_to_2025_and_its_announcement():
    baseline = tomllib.loads((CONFIGS / "baseline.toml").read_text())
    history = tomllib.loads((CONFIGS / "scenarios" / "history.toml").read_text())
    events = history["events"]
    start = baseline["run"]["start_year"]
    for e in events:
        assert start <= e["year"] < 2026, e["label"]
        assert e.get("announced", e["year"]) <= e["year"], e["label"]
        assert e["source"].strip(), e["label"]
    # The lockdowns of 2020-22 as disruptions, each severity marked an assumption.
    disruptions = [e for e in events if e["type"] == "disruption"]
    assert {(e["bloc"], int(e["year"])) for e in disruptions} >= {("China", 2020), ("China", 2022)}
    assert all("severity" in e["source"] and "assumption" in e["source"] for e in disruptions)
    # India's National Critical Mineral Mission, the Quad and India-Japan initiatives.
    initiatives = [e for e in events if e["type"] == "minerals_initiative"]
    assert len(initiatives) == 3 and all(e["origin"] == "India" for e in initiatives)
    # A control announced weeks before it took effect says so.
    gallium = next(e for e in events if e["label"].startswith("Gallium and germanium"))
    assert gallium["announced"] < gallium["year"]


def test_history_validates_with_its_announcement_dates(relocsim_bin):
    # The resolved configuration writes an announcement date for every event,
    # the given one or else the effective date.
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "h.h5"
        result = relocsim(relocsim_bin, "run", CONFIGS / "scenarios" / "history.toml", "-o", out,
                          "--set", "run.steps=1", "--set", "population.n_firms=200", "--quiet")
        assert result.returncode == 0, result.stderr
        import h5py

        with h5py.File(out, "r") as f:
            resolved = f["resolved_config"][()]
        resolved = tomllib.loads(resolved.decode() if isinstance(resolved, bytes) else str(resolved))
    events = resolved["events"]
    assert all("announced" in e for e in events)
    gallium = next(e for e in events if e["label"].startswith("Gallium and germanium"))
    assert gallium["announced"] == 2023.5 and gallium["year"] == 2023.58
    dfc = next(e for e in events if e["label"].startswith("Western DFC"))
    assert dfc["announced"] == dfc["year"]  # defaulted


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
